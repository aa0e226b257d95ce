/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "reframe-report.h"

G_BEGIN_DECLS

/* A progress report as a FHIR R4 Bundle of type "collection" (docs/pack-format.md, “The
 * report as FHIR”): a Composition that says what is in it and for which period, a Patient
 * without identifiers (a name only if the person typed one), a QuestionnaireResponse per
 * exercise, an Observation per questionnaire total (LOINC codes where the definition has
 * them, e.g. PHQ-9 44261-6 and GAD-7 70274-6) with its panel, one per mood check-in, and,
 * only when the person asked, a DocumentReference per journal entry and an Observation per
 * crisis-screen event. Every fullUrl is a urn:uuid and every reference points inside the
 * Bundle. The reader takes any such Bundle back into a ReframeReport for the therapist's
 * viewer; it trusts nothing in it. */

#define REFRAME_FHIR_BASE          "https://reframe.example/fhir"
#define REFRAME_FHIR_CODE_SYSTEM   REFRAME_FHIR_BASE "/CodeSystem/"
#define REFRAME_FHIR_LOINC         "http://loinc.org"
#define REFRAME_FHIR_MAX_SIZE      (32 * 1024 * 1024)
#define REFRAME_FHIR_MAX_DEPTH     64
#define REFRAME_FHIR_MAX_ENTRIES   100000

#define REFRAME_FHIR_ERROR (reframe_fhir_error_quark ())

typedef enum
{
  REFRAME_FHIR_ERROR_INVALID,
  REFRAME_FHIR_ERROR_SYNTAX,
  REFRAME_FHIR_ERROR_TOO_LARGE,
  REFRAME_FHIR_ERROR_TOO_DEEP,
  REFRAME_FHIR_ERROR_BAD_ENCODING,
  REFRAME_FHIR_ERROR_NOT_A_BUNDLE,
} ReframeFhirError;

GQuark         reframe_fhir_error_quark       (void);

JsonNode      *reframe_fhir_build_bundle      (ReframeReport *report);
/* Pretty-printed JSON. */
char          *reframe_fhir_write_bundle      (ReframeReport *report,
                                               gsize         *length);
ReframeReport *reframe_fhir_read_bundle       (const char    *data,
                                               gssize         length,
                                               GError       **error);
/* Refuses a file larger than REFRAME_FHIR_MAX_SIZE from its size, before reading it. */
ReframeReport *reframe_fhir_load_file         (GFile         *file,
                                               GCancellable  *cancellable,
                                               GError       **error);
void           reframe_fhir_load_file_async   (GFile               *file,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
ReframeReport *reframe_fhir_load_file_finish  (GAsyncResult        *result,
                                               GError             **error);

/* The canonical URL of an exercise definition, e.g.
 * "https://reframe.example/fhir/Questionnaire/phq-9|1". */
char          *reframe_fhir_questionnaire_url (const char    *exercise_id,
                                               guint          version);

G_END_DECLS
