/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-phrase-matcher"

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "reframe-phrase-matcher.h"

/* ------------------------------------------------------------------------------------------
 * Words
 */

/* English contractions. Expanding them lets one phrase match "I am", "I'm" and "Im", and
 * lets negation see the "not" in "don't". Forms without the apostrophe are common when
 * typing fast. */
static const struct
{
  const char *written;
  const char *first;
  const char *second;
} bare_contractions[] = {
  { "im", "i", "am" },
  { "ive", "i", "have" },
  { "dont", "do", "not" },
  { "doesnt", "does", "not" },
  { "didnt", "did", "not" },
  { "cant", "can", "not" },
  { "cannot", "can", "not" },
  { "wont", "will", "not" },
  { "isnt", "is", "not" },
  { "arent", "are", "not" },
  { "wasnt", "was", "not" },
  { "werent", "were", "not" },
  { "havent", "have", "not" },
  { "hasnt", "has", "not" },
  { "hadnt", "had", "not" },
  { "wouldnt", "would", "not" },
  { "shouldnt", "should", "not" },
  { "couldnt", "could", "not" },
  { "mustnt", "must", "not" },
  { "thats", "that", "is" },
  { "theyre", "they", "are" },
  { "youre", "you", "are" },
  { "whats", "what", "is" },
  { "gonna", "going", "to" },
  { "wanna", "want", "to" },
  { "gotta", "got", "to" },
  { "shouldve", "should", "have" },
  { "couldve", "could", "have" },
  { "wouldve", "would", "have" },
  { "u", "you", NULL },
  { "ur", "your", NULL },
  { "cuz", "because", NULL },
  { "bc", "because", NULL },
};

/* Words after which 's means "is" rather than a possessive. */
static const char * const is_contractions[] = {
  "it", "that", "there", "here", "what", "who", "he", "she", "where", "everything",
  "nothing", "everyone", "everybody", "nobody", "someone", "somebody", "something", "life",
  "this", "how", "why", "when", "one", "today", "anything", "anyone", NULL,
};

static gboolean
is_apostrophe (gunichar c)
{
  switch (c)
    {
    case '\'':
    case '`':
    case 0x00B4: /* ´ */
    case 0x02BC: /* ʼ */
    case 0x2018: /* ‘ */
    case 0x2019: /* ’ */
    case 0x2032: /* ′ */
    case 0xFF07: /* ＇ */
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

typedef enum
{
  BREAK_NONE,
  BREAK_CLAUSE,
  BREAK_SENTENCE,
  BREAK_PARAGRAPH,
} BreakKind;

static BreakKind
break_kind (gunichar c)
{
  switch (c)
    {
    case '\n':
    case 0x2029:
      return BREAK_PARAGRAPH;
    case '.':
    case '!':
    case '?':
    case ';':
    case 0x2026: /* … */
    case 0x3002: /* 。 */
    case 0xFF01:
    case 0xFF1F:
      return BREAK_SENTENCE;
    case ',':
    case ':':
    case '(':
    case ')':
    case '[':
    case ']':
    case 0x2013: /* – */
    case 0x2014: /* — */
    case 0xFF0C:
      return BREAK_CLAUSE;
    default:
      return BREAK_NONE;
    }
}

typedef struct
{
  ReframeWords *words;
  guint         sentence;
  guint         clause;
  int           double_quote; /* open quote index, or -1 */
  int           single_quote;
} Tokenizer;

static void
push_word (Tokenizer  *tok,
           const char *word,
           gsize       start,
           gsize       end)
{
  ReframeWord w = { 0, };
  int quote = tok->double_quote >= 0 ? tok->double_quote : tok->single_quote;

  w.word = g_string_chunk_insert_const (tok->words->strings, word);
  w.quark = g_quark_try_string (w.word);
  w.start = start;
  w.end = end;
  w.sentence = tok->sentence;
  w.clause = tok->clause;
  w.quote = quote;
  g_array_append_val (tok->words->words, w);

  if (quote >= 0)
    {
      ReframeQuote *q = &g_array_index (tok->words->quotes, ReframeQuote, quote);
      int index = tok->words->words->len - 1;

      if (q->first < 0)
        q->first = index;
      q->last = index;
    }
}

/* Normalises one written word and adds it, expanded when it is a contraction. */
static void
add_word (Tokenizer  *tok,
          const char *text,
          gsize       start,
          gsize       end)
{
  g_autoptr(GString) mapped = g_string_sized_new (end - start);
  g_autofree char *folded = NULL;
  g_autofree char *normal = NULL;
  const char *p;
  gsize len;

  for (p = text + start; p < text + end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_apostrophe (c))
        g_string_append_c (mapped, '\'');
      else
        g_string_append_unichar (mapped, c);
    }

  folded = g_utf8_casefold (mapped->str, mapped->len);
  normal = g_utf8_normalize (folded, -1, G_NORMALIZE_ALL_COMPOSE);
  if (normal == NULL)
    return;
  len = strlen (normal);

  for (guint i = 0; i < G_N_ELEMENTS (bare_contractions); i++)
    {
      if (strcmp (normal, bare_contractions[i].written) == 0)
        {
          push_word (tok, bare_contractions[i].first, start, end);
          if (bare_contractions[i].second != NULL)
            push_word (tok, bare_contractions[i].second, start, end);
          return;
        }
    }

  if (len > 3 && g_str_has_suffix (normal, "n't"))
    {
      g_autofree char *base = g_strndup (normal, len - 3);
      const char *first = base;

      if (strcmp (base, "ca") == 0)
        first = "can";
      else if (strcmp (base, "wo") == 0)
        first = "will";
      else if (strcmp (base, "sha") == 0)
        first = "shall";
      else if (strcmp (base, "ai") == 0)
        first = "is";
      push_word (tok, first, start, end);
      push_word (tok, "not", start, end);
      return;
    }

  {
    static const struct { const char *suffix; const char *word; } suffixes[] = {
      { "'m", "am" }, { "'re", "are" }, { "'ve", "have" }, { "'ll", "will" }, { "'d", "would" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        gsize slen = strlen (suffixes[i].suffix);

        if (len > slen && g_str_has_suffix (normal, suffixes[i].suffix))
          {
            g_autofree char *base = g_strndup (normal, len - slen);

            push_word (tok, base, start, end);
            push_word (tok, suffixes[i].word, start, end);
            return;
          }
      }
  }

  if (len > 2 && g_str_has_suffix (normal, "'s"))
    {
      g_autofree char *base = g_strndup (normal, len - 2);

      push_word (tok, base, start, end);
      if (strcmp (base, "let") == 0)
        push_word (tok, "us", start, end);
      else if (g_strv_contains (is_contractions, base))
        push_word (tok, "is", start, end);
      return;
    }

  /* A leading apostrophe ('cause, 'em) */
  if (normal[0] == '\'')
    {
      if (normal[1] != '\0')
        push_word (tok, normal + 1, start, end);
      return;
    }

  push_word (tok, normal, start, end);
}

static int
open_quote (Tokenizer *tok)
{
  ReframeQuote q = { -1, -1, FALSE };

  g_array_append_val (tok->words->quotes, q);
  tok->clause++;
  return tok->words->quotes->len - 1;
}

static void
close_quote (Tokenizer *tok,
             int       *slot)
{
  if (*slot < 0)
    return;
  g_array_index (tok->words->quotes, ReframeQuote, *slot).closed = TRUE;
  *slot = -1;
  tok->clause++;
}

static gunichar
char_at (const char *text,
         gsize       length,
         gsize       pos)
{
  gunichar c;

  if (pos >= length)
    return 0;
  c = g_utf8_get_char_validated (text + pos, length - pos);
  if (c == (gunichar) -1 || c == (gunichar) -2)
    return 0xFFFD;
  return c;
}

static gsize
next_pos (const char *text,
          gsize       length,
          gsize       pos)
{
  gunichar c = g_utf8_get_char_validated (text + pos, length - pos);

  if (c == (gunichar) -1 || c == (gunichar) -2)
    return pos + 1;
  return g_utf8_next_char (text + pos) - text;
}

ReframeWords *
reframe_words_new (const char *text)
{
  ReframeWords *self = g_new0 (ReframeWords, 1);
  Tokenizer tok = { self, 0, 0, -1, -1 };
  gsize length;
  gsize pos = 0;
  gsize word_start = 0;
  gboolean in_word = FALSE;
  gunichar prev = 0;

  if (text == NULL)
    text = "";
  self->text = text;
  self->words = g_array_new (FALSE, FALSE, sizeof (ReframeWord));
  self->quotes = g_array_new (FALSE, FALSE, sizeof (ReframeQuote));
  self->strings = g_string_chunk_new (256);

  length = strlen (text);
  while (pos < length)
    {
      gunichar c = char_at (text, length, pos);
      gsize after = next_pos (text, length, pos);
      gunichar next = char_at (text, length, after);
      BreakKind kind;

      if (is_word_char (c) && c != 0xFFFD)
        {
          if (!in_word)
            {
              word_start = pos;
              in_word = TRUE;
            }
          prev = c;
          pos = after;
          continue;
        }

      /* An apostrophe between letters belongs to the word (don't, boss's). */
      if (is_apostrophe (c) && in_word && is_word_char (next))
        {
          prev = c;
          pos = after;
          continue;
        }

      if (in_word)
        {
          add_word (&tok, text, word_start, pos);
          in_word = FALSE;
        }

      if (c == '"' || c == 0x201C || c == 0x201D || c == 0x201E || c == 0x00AB ||
          c == 0x00BB || c == 0xFF02)
        {
          gboolean opening;

          if (c == 0x201C || c == 0x201E || c == 0x00AB)
            opening = TRUE;
          else if (c == 0x201D || c == 0x00BB)
            opening = FALSE;
          else
            opening = tok.double_quote < 0;

          if (opening)
            {
              close_quote (&tok, &tok.double_quote);
              tok.double_quote = open_quote (&tok);
            }
          else
            close_quote (&tok, &tok.double_quote);
        }
      else if (is_apostrophe (c))
        {
          /* A single quotation mark opens before a word and closes after one; a trailing
           * apostrophe (parents') closes nothing when no single quote is open. */
          if (!is_word_char (prev) && is_word_char (next) && tok.single_quote < 0 &&
              c != 0x2019)
            tok.single_quote = open_quote (&tok);
          else if (tok.single_quote >= 0 && !is_word_char (next))
            close_quote (&tok, &tok.single_quote);
        }
      else if ((kind = break_kind (c)) != BREAK_NONE)
        {
          /* A full stop inside a number (3.5) or an abbreviation mid-word ends nothing. */
          if (c == '.' && g_unichar_isdigit (prev) && g_unichar_isdigit (next))
            ;
          else
            {
              tok.clause++;
              if (kind >= BREAK_SENTENCE)
                tok.sentence++;
              /* A quote left open ends with its paragraph, still marked unclosed. */
              if (kind == BREAK_PARAGRAPH)
                tok.double_quote = tok.single_quote = -1;
            }
        }

      prev = c;
      pos = after;
    }

  if (in_word)
    add_word (&tok, text, word_start, pos);

  return self;
}

void
reframe_words_free (ReframeWords *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->words);
  g_array_unref (self->quotes);
  g_string_chunk_free (self->strings);
  g_free (self);
}

/* ------------------------------------------------------------------------------------------
 * Phrases
 */

#define DEFAULT_GAP 3
#define MAX_ELEMENTS 24
#define MAX_USED 256

typedef enum
{
  ELEMENT_WORDS,
  ELEMENT_ANY,
  ELEMENT_GAP,
  ELEMENT_GROUP,
} ElementKind;

typedef struct _Element Element;

struct _Element
{
  ElementKind  kind;
  gboolean     optional;
  guint        max_gap;
  GArray      *exact;         /* ELEMENT_WORDS: GQuark */
  GPtrArray   *prefixes;      /* ELEMENT_WORDS: char * */
  GPtrArray   *alternatives;  /* ELEMENT_GROUP: GArray of Element, words in a row */
};

typedef struct
{
  guint   pattern;
  GArray *elements;       /* Element */
} Phrase;

typedef struct
{
  GArray    *exact;
  GPtrArray *prefixes;
} WordClass;

struct _ReframePhraseSet
{
  GPtrArray  *patterns;   /* char *, as given */
  GPtrArray  *phrases;    /* Phrase; one per pattern */
  GHashTable *classes;    /* name → WordClass */
  GHashTable *by_first;   /* GQuark of a first word → GArray of phrase indexes */
  GArray     *any_first;  /* phrases whose first word may be a prefix or any word */
  GArray     *negators;   /* GQuark */
  GArray     *cancellers; /* GQuark */
  GPtrArray  *canceller_prefixes;
  guint       window;
};

static void
element_clear (gpointer data)
{
  Element *element = data;

  g_clear_pointer (&element->exact, g_array_unref);
  g_clear_pointer (&element->prefixes, g_ptr_array_unref);
  g_clear_pointer (&element->alternatives, g_ptr_array_unref);
}

static GArray *
element_array_new (void)
{
  GArray *elements = g_array_new (FALSE, TRUE, sizeof (Element));

  g_array_set_clear_func (elements, element_clear);
  return elements;
}

static void
phrase_free (gpointer data)
{
  Phrase *phrase = data;

  g_array_unref (phrase->elements);
  g_free (phrase);
}

static void
word_class_free (gpointer data)
{
  WordClass *word_class = data;

  g_array_unref (word_class->exact);
  g_ptr_array_unref (word_class->prefixes);
  g_free (word_class);
}

/* Adds "word" or "prefix*" to the lists. */
static gboolean
add_alternative (GArray      *exact,
                 GPtrArray   *prefixes,
                 const char  *word,
                 GError     **error)
{
  gsize len = strlen (word);

  if (len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "empty alternative");
      return FALSE;
    }
  for (const char *p = word; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isupper (c) || (is_apostrophe (c) && c != '\'') || c == '{' || c == '}')
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "“%s” is not a normalised word (lower case, straight apostrophe)", word);
          return FALSE;
        }
    }

  if (word[len - 1] == '*')
    {
      if (len == 1)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "a prefix needs letters");
          return FALSE;
        }
      g_ptr_array_add (prefixes, g_strndup (word, len - 1));
    }
  else
    {
      GQuark quark = g_quark_from_string (word);

      g_array_append_val (exact, quark);
    }
  return TRUE;
}

ReframePhraseSet *
reframe_phrase_set_new (void)
{
  ReframePhraseSet *self = g_new0 (ReframePhraseSet, 1);

  self->patterns = g_ptr_array_new_with_free_func (g_free);
  self->phrases = g_ptr_array_new_with_free_func (phrase_free);
  self->classes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, word_class_free);
  self->by_first = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  self->any_first = g_array_new (FALSE, FALSE, sizeof (guint));
  self->negators = g_array_new (FALSE, FALSE, sizeof (GQuark));
  self->cancellers = g_array_new (FALSE, FALSE, sizeof (GQuark));
  self->canceller_prefixes = g_ptr_array_new_with_free_func (g_free);
  self->window = 3;

  return self;
}

void
reframe_phrase_set_free (ReframePhraseSet *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->patterns);
  g_ptr_array_unref (self->phrases);
  g_hash_table_unref (self->classes);
  g_hash_table_unref (self->by_first);
  g_array_unref (self->any_first);
  g_array_unref (self->negators);
  g_array_unref (self->cancellers);
  g_ptr_array_unref (self->canceller_prefixes);
  g_free (self);
}

void
reframe_phrase_set_define_class (ReframePhraseSet   *self,
                                 const char         *name,
                                 const char * const *words)
{
  WordClass *word_class;

  g_return_if_fail (self != NULL);
  g_return_if_fail (name != NULL);
  g_return_if_fail (words != NULL);

  word_class = g_new0 (WordClass, 1);
  word_class->exact = g_array_new (FALSE, FALSE, sizeof (GQuark));
  word_class->prefixes = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!add_alternative (word_class->exact, word_class->prefixes, words[i], &error))
        g_critical ("Word class %s: %s", name, error->message);
    }
  g_hash_table_replace (self->classes, g_strdup (name), word_class);
}

void
reframe_phrase_set_set_negation (ReframePhraseSet   *self,
                                 const char * const *negators,
                                 const char * const *cancellers,
                                 guint               window)
{
  g_return_if_fail (self != NULL);

  g_array_set_size (self->negators, 0);
  g_array_set_size (self->cancellers, 0);
  g_ptr_array_set_size (self->canceller_prefixes, 0);
  for (guint i = 0; negators != NULL && negators[i] != NULL; i++)
    {
      GQuark quark = g_quark_from_string (negators[i]);

      g_array_append_val (self->negators, quark);
    }
  for (guint i = 0; cancellers != NULL && cancellers[i] != NULL; i++)
    add_alternative (self->cancellers, self->canceller_prefixes, cancellers[i], NULL);
  self->window = window;
}

/* A word element: "word", "pre*", "a|b", "@class", "_". */
static gboolean
parse_words (ReframePhraseSet  *self,
             const char        *text,
             Element           *element,
             GError           **error)
{
  g_auto(GStrv) alternatives = NULL;

  if (strcmp (text, "_") == 0)
    {
      element->kind = ELEMENT_ANY;
      return TRUE;
    }

  element->kind = ELEMENT_WORDS;
  element->exact = g_array_new (FALSE, FALSE, sizeof (GQuark));
  element->prefixes = g_ptr_array_new_with_free_func (g_free);

  alternatives = g_strsplit (text, "|", -1);
  for (guint i = 0; alternatives[i] != NULL; i++)
    {
      const char *alt = alternatives[i];

      if (alt[0] == '@')
        {
          WordClass *word_class = g_hash_table_lookup (self->classes, alt + 1);

          if (word_class == NULL)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "unknown word class “%s”", alt);
              return FALSE;
            }
          g_array_append_vals (element->exact, word_class->exact->data, word_class->exact->len);
          for (guint j = 0; j < word_class->prefixes->len; j++)
            g_ptr_array_add (element->prefixes, g_strdup (word_class->prefixes->pdata[j]));
        }
      else if (!add_alternative (element->exact, element->prefixes, alt, error))
        return FALSE;
    }

  return TRUE;
}

/* "x|{a b|c}|y": single words beside a group are one-word alternatives of it. */
static gboolean
parse_group (ReframePhraseSet  *self,
             const char        *text,
             Element           *element,
             GError           **error)
{
  const char *open = strchr (text, '{');
  const char *close = strrchr (text, '}');
  g_autofree char *before = NULL;
  g_autofree char *inside = NULL;
  g_autofree char *after = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) alternatives = g_ptr_array_new_with_free_func (g_free);

  if (close == NULL || close < open || memchr (open + 1, '{', close - open - 1) != NULL ||
      (open > text && open[-1] != '|') || (close[1] != '\0' && close[1] != '|'))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "a group is {a b|c} and may only stand beside single words joined with “|”");
      return FALSE;
    }

  before = g_strndup (text, open - text);
  inside = g_strndup (open + 1, close - open - 1);
  after = g_strdup (close + 1);
  for (const char *list[] = { before, inside, after }, **l = list; l < list + 3; l++)
    {
      parts = g_strsplit (*l, "|", -1);
      for (guint i = 0; parts[i] != NULL; i++)
        if (*g_strstrip (parts[i]) != '\0')
          g_ptr_array_add (alternatives, g_strdup (parts[i]));
      g_clear_pointer (&parts, g_strfreev);
    }

  element->kind = ELEMENT_GROUP;
  element->alternatives = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint i = 0; i < alternatives->len; i++)
    {
      g_auto(GStrv) words = g_strsplit_set (alternatives->pdata[i], " \t", -1);
      GArray *sequence = element_array_new ();

      g_ptr_array_add (element->alternatives, sequence);
      for (guint j = 0; words[j] != NULL; j++)
        {
          Element word = { 0, };

          if (*words[j] == '\0')
            continue;
          if (strchr ("?.", words[j][strlen (words[j]) - 1]) != NULL ||
              !parse_words (self, words[j], &word, error))
            {
              if (error != NULL && *error == NULL)
                g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                             "a group holds plain words only");
              element_clear (&word);
              return FALSE;
            }
          g_array_append_val (sequence, word);
        }
      if (sequence->len == 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "empty alternative");
          return FALSE;
        }
    }

  if (element->alternatives->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "empty group");
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_element (ReframePhraseSet  *self,
               const char        *text,
               Element           *element,
               GError           **error)
{
  g_autofree char *body = g_strdup (text);
  gsize len = strlen (body);

  if (g_str_has_prefix (body, "..."))
    {
      guint64 gap = DEFAULT_GAP;

      if (body[3] != '\0' &&
          !g_ascii_string_to_unsigned (body + 3, 10, 0, 20, &gap, NULL))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "bad gap “%s”", text);
          return FALSE;
        }
      element->kind = ELEMENT_GAP;
      element->max_gap = gap;
      return TRUE;
    }

  if (len > 1 && body[len - 1] == '?')
    {
      element->optional = TRUE;
      body[--len] = '\0';
    }

  if (strchr (body, '{') != NULL || strchr (body, '}') != NULL)
    return parse_group (self, body, element, error);
  return parse_words (self, body, element, error);
}

/* Splits on blanks outside braces. */
static GPtrArray *
split_elements (const char *pattern)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  GString *current = g_string_new (NULL);
  int depth = 0;

  for (const char *p = pattern; ; p++)
    {
      if (*p == '\0' || ((*p == ' ' || *p == '\t') && depth == 0))
        {
          if (current->len > 0)
            g_ptr_array_add (parts, g_strdup (current->str));
          g_string_truncate (current, 0);
          if (*p == '\0')
            break;
          continue;
        }
      if (*p == '{')
        depth++;
      else if (*p == '}')
        depth--;
      g_string_append_c (current, *p);
    }
  g_string_free (current, TRUE);
  return parts;
}

static Phrase *
parse_phrase (ReframePhraseSet  *self,
              const char        *text,
              GError           **error)
{
  g_autoptr(GPtrArray) parts = split_elements (text);
  g_autoptr(GArray) elements = element_array_new ();
  Phrase *phrase;

  for (guint i = 0; i < parts->len; i++)
    {
      Element element = { 0, };

      if (!parse_element (self, parts->pdata[i], &element, error))
        {
          element_clear (&element);
          return NULL;
        }
      g_array_append_val (elements, element);
    }

  if (elements->len == 0 || elements->len > MAX_ELEMENTS ||
      g_array_index (elements, Element, 0).kind == ELEMENT_GAP ||
      g_array_index (elements, Element, 0).optional ||
      g_array_index (elements, Element, elements->len - 1).kind == ELEMENT_GAP)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "a phrase must start with a word that is not optional, end with a word "
                   "and have at most %d parts", MAX_ELEMENTS);
      return NULL;
    }

  phrase = g_new0 (Phrase, 1);
  phrase->elements = g_steal_pointer (&elements);
  return phrase;
}

static void
index_quark (ReframePhraseSet *self,
             GQuark            quark,
             guint             index)
{
  GArray *list = g_hash_table_lookup (self->by_first, GUINT_TO_POINTER (quark));

  if (list == NULL)
    {
      list = g_array_new (FALSE, FALSE, sizeof (guint));
      g_hash_table_insert (self->by_first, GUINT_TO_POINTER (quark), list);
    }
  /* A class or group may list a word twice; the phrase is tried once. */
  for (guint i = 0; i < list->len; i++)
    if (g_array_index (list, guint, i) == index)
      return;
  g_array_append_val (list, index);
}

/* Matching tries only the phrases whose first word can match the word at hand. */
static void
index_phrase (ReframePhraseSet *self,
              const Phrase     *phrase,
              guint             index)
{
  const Element *head = &g_array_index (phrase->elements, Element, 0);
  g_autoptr(GPtrArray) firsts = g_ptr_array_new ();

  if (head->kind == ELEMENT_GROUP)
    {
      for (guint i = 0; i < head->alternatives->len; i++)
        g_ptr_array_add (firsts, &g_array_index ((GArray *) head->alternatives->pdata[i],
                                                 Element, 0));
    }
  else
    g_ptr_array_add (firsts, (gpointer) head);

  for (guint i = 0; i < firsts->len; i++)
    {
      const Element *first = firsts->pdata[i];

      if (first->kind == ELEMENT_ANY || first->prefixes->len > 0)
        {
          g_array_append_val (self->any_first, index);
          return;
        }
    }

  for (guint i = 0; i < firsts->len; i++)
    {
      const Element *first = firsts->pdata[i];

      for (guint j = 0; j < first->exact->len; j++)
        index_quark (self, g_array_index (first->exact, GQuark, j), index);
    }
}

int
reframe_phrase_set_add (ReframePhraseSet  *self,
                        const char        *pattern,
                        GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  Phrase *phrase;

  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (pattern != NULL, -1);

  phrase = parse_phrase (self, pattern, &local_error);
  if (phrase == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "Phrase “%s”: %s", pattern, local_error->message);
      return -1;
    }

  phrase->pattern = self->patterns->len;
  index_phrase (self, phrase, self->phrases->len);
  g_ptr_array_add (self->phrases, phrase);
  g_ptr_array_add (self->patterns, g_strdup (pattern));

  return self->patterns->len - 1;
}

guint
reframe_phrase_set_get_size (ReframePhraseSet *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->patterns->len;
}

const char *
reframe_phrase_set_get_pattern (ReframePhraseSet *self,
                                guint             phrase)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (phrase < self->patterns->len, NULL);

  return self->patterns->pdata[phrase];
}

static gboolean
quark_in (GArray *quarks,
          GQuark  quark)
{
  if (quark == 0)
    return FALSE;
  for (guint i = 0; i < quarks->len; i++)
    if (g_array_index (quarks, GQuark, i) == quark)
      return TRUE;
  return FALSE;
}

static gboolean
has_prefix_in (GPtrArray  *prefixes,
               const char *word)
{
  for (guint i = 0; i < prefixes->len; i++)
    if (g_str_has_prefix (word, prefixes->pdata[i]))
      return TRUE;
  return FALSE;
}

static gboolean
word_matches (const Element     *element,
              const ReframeWord *word)
{
  if (element->kind == ELEMENT_ANY)
    return TRUE;
  return quark_in (element->exact, word->quark) || has_prefix_in (element->prefixes, word->word);
}

typedef struct
{
  const ReframeWords *words;
  const Phrase       *phrase;
  guint               sentence;
  guint               used[MAX_USED];  /* words taken by word elements, not by gaps */
  guint               n_used;
  guint               end;             /* one past the last word */
} MatchState;

/* Whether @sequence matches the words from @w on, in a row, in the sentence. */
static gboolean
sequence_matches (MatchState   *state,
                  const GArray *sequence,
                  guint         w)
{
  const ReframeWords *words = state->words;

  if (w + sequence->len > words->words->len || state->n_used + sequence->len > MAX_USED)
    return FALSE;
  for (guint i = 0; i < sequence->len; i++)
    {
      const ReframeWord *word = reframe_words_get (words, w + i);

      if (word->sentence != state->sentence ||
          !word_matches (&g_array_index (sequence, Element, i), word))
        return FALSE;
    }
  return TRUE;
}

static gboolean
match_from (MatchState *state,
            guint       e,
            guint       w)
{
  const ReframeWords *words = state->words;
  const Element *element;
  guint n_used = state->n_used;

  if (e == state->phrase->elements->len)
    {
      state->end = w;
      return TRUE;
    }

  element = &g_array_index (state->phrase->elements, Element, e);

  if (element->kind == ELEMENT_GAP)
    {
      for (guint skip = 0; skip <= element->max_gap; skip++)
        {
          if (match_from (state, e + 1, w + skip))
            return TRUE;
          if (w + skip >= words->words->len ||
              reframe_words_get (words, w + skip)->sentence != state->sentence)
            break;
        }
      return FALSE;
    }

  if (element->kind == ELEMENT_GROUP)
    {
      for (guint a = 0; a < element->alternatives->len; a++)
        {
          const GArray *sequence = element->alternatives->pdata[a];

          if (!sequence_matches (state, sequence, w))
            continue;
          for (guint i = 0; i < sequence->len; i++)
            state->used[state->n_used++] = w + i;
          if (match_from (state, e + 1, w + sequence->len))
            return TRUE;
          state->n_used = n_used;
        }
    }
  else if (w < words->words->len && state->n_used < MAX_USED)
    {
      const ReframeWord *word = reframe_words_get (words, w);

      if (word->sentence == state->sentence && word_matches (element, word))
        {
          state->used[state->n_used++] = w;
          if (match_from (state, e + 1, w + 1))
            return TRUE;
          state->n_used = n_used;
        }
    }

  if (element->optional)
    return match_from (state, e + 1, w);

  return FALSE;
}

gboolean
reframe_phrase_set_is_negator (ReframePhraseSet   *self,
                               const ReframeWords *words,
                               guint               i)
{
  const ReframeWord *word;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (i < words->words->len, FALSE);

  word = reframe_words_get (words, i);
  if (!quark_in (self->negators, word->quark))
    return FALSE;

  if (i + 1 < words->words->len)
    {
      const ReframeWord *next = reframe_words_get (words, i + 1);

      if (next->clause == word->clause &&
          (quark_in (self->cancellers, next->quark) ||
           has_prefix_in (self->canceller_prefixes, next->word)))
        return FALSE;
    }
  return TRUE;
}

static gboolean
match_is_negated (ReframePhraseSet   *self,
                  const ReframeWords *words,
                  const MatchState   *state,
                  guint               first)
{
  guint clause = reframe_words_get (words, first)->clause;

  /* A negator in a gap: "I am not a failure". */
  for (guint w = first; w < state->end; w++)
    {
      gboolean literal = FALSE;

      for (guint u = 0; u < state->n_used && !literal; u++)
        literal = state->used[u] == w;
      if (!literal && reframe_phrase_set_is_negator (self, words, w))
        return TRUE;
    }

  /* Or just before, in the same clause: "I don't think I'm a failure", "not always". */
  for (guint back = 1; back <= self->window && back <= first; back++)
    {
      guint w = first - back;

      if (reframe_words_get (words, w)->clause != clause)
        break;
      if (reframe_phrase_set_is_negator (self, words, w))
        return TRUE;
    }

  return FALSE;
}

static void
try_phrase (ReframePhraseSet   *self,
            const ReframeWords *words,
            guint               index,
            guint               w,
            guint              *next_start,
            GArray             *matches)
{
  const Phrase *phrase = self->phrases->pdata[index];
  MatchState state;
  ReframePhraseMatch match;

  /* Matches of one phrase do not overlap. */
  if (w < next_start[index])
    return;

  state.words = words;
  state.phrase = phrase;
  state.sentence = reframe_words_get (words, w)->sentence;
  state.n_used = 0;
  state.end = 0;
  if (!match_from (&state, 0, w))
    return;

  match.phrase = phrase->pattern;
  match.first = w;
  match.last = state.end - 1;
  match.negated = match_is_negated (self, words, &state, w);
  g_array_append_val (matches, match);
  next_start[index] = state.end;
}

GArray *
reframe_phrase_set_match (ReframePhraseSet   *self,
                          const ReframeWords *words)
{
  g_autofree guint *next_start = NULL;
  GArray *matches;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (words != NULL, NULL);

  matches = g_array_new (FALSE, FALSE, sizeof (ReframePhraseMatch));
  if (words->words->len == 0)
    return matches;

  next_start = g_new0 (guint, self->phrases->len);
  for (guint w = 0; w < words->words->len; w++)
    {
      const ReframeWord *word = reframe_words_get (words, w);
      GArray *list = word->quark ? g_hash_table_lookup (self->by_first,
                                                        GUINT_TO_POINTER (word->quark)) : NULL;

      for (guint i = 0; list != NULL && i < list->len; i++)
        try_phrase (self, words, g_array_index (list, guint, i), w, next_start, matches);
      for (guint i = 0; i < self->any_first->len; i++)
        try_phrase (self, words, g_array_index (self->any_first, guint, i), w, next_start,
                    matches);
    }

  return matches;
}
