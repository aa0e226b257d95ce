/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "reframe-report.h"

G_BEGIN_DECLS

typedef enum
{
  REFRAME_REPORT_FORMAT_PDF,
  REFRAME_REPORT_FORMAT_FHIR,
} ReframeReportFormat;

#define REFRAME_TYPE_REPORT_DIALOG (reframe_report_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ReframeReportDialog, reframe_report_dialog, REFRAME, REPORT_DIALOG, AdwWindow)

/* The person makes a progress report for their therapist: the period, what goes in (mood,
 * questionnaires, each completed exercise; journal entries and crisis-screen events only
 * when ticked, and they are not by default), an optional name, and PDF or FHIR. Nothing is
 * sent: the report is saved as a file the person chooses. */
ReframeReportDialog *reframe_report_dialog_new          (GtkWindow            *parent);
/* The report as the dialog stands. */
ReframeReport       *reframe_report_dialog_build_report (ReframeReportDialog  *self,
                                                         GError              **error);
ReframeReportFormat  reframe_report_dialog_get_format   (ReframeReportDialog  *self);
/* What Save does once a file is chosen: writes the report there, in a worker thread. */
void                 reframe_report_dialog_save_async   (ReframeReportDialog  *self,
                                                         GFile                *file,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean             reframe_report_dialog_save_finish  (ReframeReportDialog  *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

G_END_DECLS
