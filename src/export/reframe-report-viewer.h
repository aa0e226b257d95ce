/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "reframe-report.h"

G_BEGIN_DECLS

#define REFRAME_TYPE_REPORT_VIEWER (reframe_report_viewer_get_type ())
G_DECLARE_FINAL_TYPE (ReframeReportViewer, reframe_report_viewer, REFRAME, REPORT_VIEWER, AdwWindow)

/* For therapists: a report a client shared (read from its FHIR Bundle), shown as a summary,
 * the mood chart, each questionnaire's scores as a chart and a table, and each exercise with
 * its answers. Everything in it is shown as text, never markup. */
ReframeReportViewer *reframe_report_viewer_new        (GtkWindow           *parent,
                                                       ReframeReport       *report);
ReframeReport       *reframe_report_viewer_get_report (ReframeReportViewer *self);

G_END_DECLS
