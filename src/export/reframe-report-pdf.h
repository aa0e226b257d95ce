/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "reframe-report.h"

G_BEGIN_DECLS

/* A progress report as an A4 PDF for a therapist to read or print: a header with the period
 * and "shared by the client", a summary, the mood chart, each questionnaire's scores as a
 * chart and a table, each exercise with its answers, and (only when the person asked)
 * journal entries and crisis-screen events. Every page ends with "Not a diagnosis". Drawn
 * with Cairo and Pango; everything the person wrote is set as plain text, never markup. */

/* A4 in points. */
#define REFRAME_REPORT_PDF_WIDTH  595.276
#define REFRAME_REPORT_PDF_HEIGHT 841.890

gboolean reframe_report_pdf_write_stream  (ReframeReport        *report,
                                           GOutputStream        *stream,
                                           GCancellable         *cancellable,
                                           GError              **error);
/* Writes @file in a worker thread; @report must not change meanwhile. */
void     reframe_report_pdf_write_async   (ReframeReport        *report,
                                           GFile                *file,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean reframe_report_pdf_write_finish  (GAsyncResult         *result,
                                           GError              **error);
G_END_DECLS
