/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Before a text goes to a language model provider, the redactor replaces email addresses,
 * phone numbers, web addresses and the names the person asked to hide ("Names to hide")
 * with placeholders: [NAME-1], [EMAIL-1], [PHONE-1], [URL-1]. The same value always gets the
 * same placeholder, across all the texts of one request when they share a map. Dates, times,
 * money and ordinary numbers ("I slept 7 hours") are left alone. The map stays on this
 * computer and puts the originals back into the reply. */

typedef struct _ReframeRedactionMap ReframeRedactionMap;

#define REFRAME_TYPE_REDACTION_MAP (reframe_redaction_map_get_type ())
GType                reframe_redaction_map_get_type    (void) G_GNUC_CONST;
ReframeRedactionMap *reframe_redaction_map_new         (void);
ReframeRedactionMap *reframe_redaction_map_ref         (ReframeRedactionMap *self);
void                 reframe_redaction_map_unref       (ReframeRedactionMap *self);
/* Number of placeholders handed out. */
guint                reframe_redaction_map_get_size    (ReframeRedactionMap *self);
/* The placeholders in the order they were handed out, e.g. "[NAME-1]". */
GStrv                reframe_redaction_map_dup_placeholders (ReframeRedactionMap *self);
/* The original text for "[NAME-1]" (also "[Name-1]", "NAME-1", "(name 1)"), or NULL. */
const char          *reframe_redaction_map_lookup      (ReframeRedactionMap *self,
                                                        const char          *placeholder);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReframeRedactionMap, reframe_redaction_map_unref)

#define REFRAME_TYPE_REDACTOR (reframe_redactor_get_type ())
G_DECLARE_FINAL_TYPE (ReframeRedactor, reframe_redactor, REFRAME, REDACTOR, GObject)

/* Property "names" (GStrv): the names to hide, matched as whole words, ignoring case. */
ReframeRedactor     *reframe_redactor_new              (const char * const  *names);
const char * const  *reframe_redactor_get_names        (ReframeRedactor     *self);
void                 reframe_redactor_set_names        (ReframeRedactor     *self,
                                                        const char * const  *names);
/* Returns @text with placeholders, adding what it replaced to @map. */
char                *reframe_redactor_redact           (ReframeRedactor     *self,
                                                        const char          *text,
                                                        ReframeRedactionMap *map);
/* Puts the originals back into @text (a reply), also where the model echoed a placeholder
 * slightly differently ("[Name-1]", "[NAME 1]", "NAME-1"). Unknown placeholders stay. */
char                *reframe_redactor_restore          (ReframeRedactionMap *map,
                                                        const char          *text);

G_END_DECLS
