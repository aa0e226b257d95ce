/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Shared by the offline coach and the safety screen: the words of a text, and sets of
 * phrases matched against them. GTK-free and allocation-light, so that it can run on every
 * keystroke.
 *
 * Words are normalised: case-folded (g_utf8_casefold), NFKC, apostrophe and quote variants
 * unified (’ ‘ ʼ ` ´ → '), English contractions expanded ("don't" → "do" "not", "I'm" →
 * "i" "am", "gonna" → "going" "to"), hyphenated words split ("self-harm" → "self" "harm").
 * Punctuation and extra spaces only mark sentence and clause limits. Offsets point into the
 * original text, so a match can be shown or highlighted as the person wrote it. */

typedef struct
{
  const char *word;     /* normalised, lives as long as the ReframeWords */
  GQuark      quark;    /* g_quark_try_string (word): 0 when no phrase uses the word */
  gsize       start;    /* byte range of the written word in the original text */
  gsize       end;
  guint       sentence; /* sentences end at . ! ? ; … and line breaks */
  guint       clause;   /* clauses also end at , : ( ) dashes and quotation marks */
  int         quote;    /* index into ReframeWords.quotes, or -1 outside quotation marks */
} ReframeWord;

typedef struct
{
  int      first;       /* first word inside, or -1 when the quote holds no word */
  int      last;        /* last word inside, inclusive */
  gboolean closed;      /* FALSE when the text ends (or the paragraph does) first */
} ReframeQuote;

typedef struct
{
  const char   *text;   /* the original text, not owned */
  GArray       *words;  /* ReframeWord */
  GArray       *quotes; /* ReframeQuote */
  GStringChunk *strings;
} ReframeWords;

ReframeWords *reframe_words_new  (const char   *text);
void          reframe_words_free (ReframeWords *self);

static inline const ReframeWord *
reframe_words_get (const ReframeWords *self,
                   guint               i)
{
  return &g_array_index (self->words, ReframeWord, i);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReframeWords, reframe_words_free)

/* A phrase pattern is a list of elements separated by spaces:
 *   word          the normalised word itself
 *   word*         any word starting with "word"
 *   a|b|c*        any of the alternatives
 *   @class        any word of a class defined with reframe_phrase_set_define_class()
 *   _             any one word
 *   ...  ...N     a gap of 0 to 3 (or N) words
 *   {a b|c}       a group of alternative word sequences; single words may stand beside it
 *                 ("x|{a b|c}|y"), and it may be optional ("{a b|c}?")
 * and a word element may end in "?" to make it optional. A match never crosses a sentence.
 * The first element must be a word element that is not optional. */
typedef struct _ReframePhraseSet ReframePhraseSet;

typedef struct
{
  guint    phrase;      /* index returned by reframe_phrase_set_add() */
  guint    first;       /* word indexes, inclusive */
  guint    last;
  gboolean negated;     /* a negating word in a gap, or just before in the same clause */
} ReframePhraseMatch;

ReframePhraseSet *reframe_phrase_set_new          (void);
void              reframe_phrase_set_free         (ReframePhraseSet   *self);
/* @words may use the "word*" prefix form. Classes must be defined before the phrases that
 * use them. */
void              reframe_phrase_set_define_class (ReframePhraseSet   *self,
                                                   const char         *name,
                                                   const char * const *words);
/* Words that negate what follows them ("not", "never"), and words that cancel a negation
 * when they follow it directly ("can't stop thinking I'm useless" is not a negation). */
void              reframe_phrase_set_set_negation (ReframePhraseSet   *self,
                                                   const char * const *negators,
                                                   const char * const *cancellers,
                                                   guint               window);
/* Returns the index of the phrase, or -1 with @error set when @pattern is malformed. */
int               reframe_phrase_set_add          (ReframePhraseSet   *self,
                                                   const char         *pattern,
                                                   GError            **error);
guint             reframe_phrase_set_get_size     (ReframePhraseSet   *self);
const char       *reframe_phrase_set_get_pattern  (ReframePhraseSet   *self,
                                                   guint               phrase);
/* Every match of every phrase (one phrase's matches do not overlap), in text order.
 * Element type: ReframePhraseMatch. */
GArray           *reframe_phrase_set_match        (ReframePhraseSet   *self,
                                                   const ReframeWords *words);
/* Whether word @i is a negator that is not cancelled by the word after it. */
gboolean          reframe_phrase_set_is_negator   (ReframePhraseSet   *self,
                                                   const ReframeWords *words,
                                                   guint               i);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReframePhraseSet, reframe_phrase_set_free)

G_END_DECLS
