/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-redactor"

#include "config.h"

#include <string.h>

#include "reframe-redactor.h"

typedef enum
{
  KIND_URL,
  KIND_EMAIL,
  KIND_PHONE,
  KIND_NAME,
  N_KINDS,
} Kind;

static const char * const kind_labels[N_KINDS] = { "URL", "EMAIL", "PHONE", "NAME" };

struct _ReframeRedactionMap
{
  gatomicrefcount  ref_count;
  GHashTable      *by_key;          /* kind + normalised value → placeholder */
  GHashTable      *originals;       /* placeholder → original as first written */
  GPtrArray       *order;           /* placeholders, in the order handed out */
  guint            counts[N_KINDS];
};

struct _ReframeRedactor
{
  GObject  parent_instance;

  GStrv    names;
};

G_DEFINE_BOXED_TYPE (ReframeRedactionMap, reframe_redaction_map,
                     reframe_redaction_map_ref, reframe_redaction_map_unref)

G_DEFINE_FINAL_TYPE (ReframeRedactor, reframe_redactor, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAMES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------------------------
 * Map
 */

ReframeRedactionMap *
reframe_redaction_map_new (void)
{
  ReframeRedactionMap *self = g_new0 (ReframeRedactionMap, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->originals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->order = g_ptr_array_new ();
  return self;
}

ReframeRedactionMap *
reframe_redaction_map_ref (ReframeRedactionMap *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
reframe_redaction_map_unref (ReframeRedactionMap *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_hash_table_unref (self->by_key);
  g_ptr_array_unref (self->order);
  g_hash_table_unref (self->originals);
  g_free (self);
}

guint
reframe_redaction_map_get_size (ReframeRedactionMap *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->order->len;
}

GStrv
reframe_redaction_map_dup_placeholders (ReframeRedactionMap *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->order->len; i++)
    g_strv_builder_add (builder, self->order->pdata[i]);
  return g_strv_builder_end (builder);
}

/* The placeholder for @value, handing out the next number of its kind when it is new. */
static const char *
map_placeholder (ReframeRedactionMap *self,
                 Kind                 kind,
                 const char          *key,
                 const char          *original)
{
  g_autofree char *full_key = g_strdup_printf ("%s\x1f%s", kind_labels[kind], key);
  const char *placeholder = g_hash_table_lookup (self->by_key, full_key);
  char *created;

  if (placeholder != NULL)
    return placeholder;

  created = g_strdup_printf ("[%s-%u]", kind_labels[kind], ++self->counts[kind]);
  g_hash_table_insert (self->originals, created, g_strdup (original));
  g_hash_table_insert (self->by_key, g_steal_pointer (&full_key), created);
  g_ptr_array_add (self->order, created);
  return created;
}

/* "[Name-1]", "NAME 1", "(name_1)" → "[NAME-1]". */
static char *
canonical_placeholder (const char *kind,
                       const char *number)
{
  g_autofree char *upper = g_ascii_strup (kind, -1);
  const char *label = upper;
  guint64 n;

  if (strcmp (upper, "E-MAIL") == 0 || strcmp (upper, "MAIL") == 0)
    label = "EMAIL";
  else if (strcmp (upper, "LINK") == 0)
    label = "URL";
  else if (strcmp (upper, "TELEPHONE") == 0 || strcmp (upper, "PHONE NUMBER") == 0 ||
           strcmp (upper, "NUMBER") == 0 || strcmp (upper, "TEL") == 0)
    label = "PHONE";

  if (!g_ascii_string_to_unsigned (number, 10, 1, G_MAXUINT, &n, NULL))
    return NULL;
  return g_strdup_printf ("[%s-%" G_GUINT64_FORMAT "]", label, n);
}

/* Matches the placeholder forms a model may echo. */
static GRegex *
placeholder_regex (void)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    {
      GRegex *compiled = g_regex_new (
        "\\\\?[\\[({<]\\s*(name|e-?mail|mail|phone|telephone|tel|url|link)\\s*[-_#: ]?\\s*"
        "(\\d+)\\s*\\\\?[\\])}>]"
        "|\\b(?-i:(NAME|EMAIL|E-MAIL|PHONE|URL))[-_ ](\\d+)\\b",
        G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);

      g_assert (compiled != NULL);
      g_once_init_leave (&regex, compiled);
    }
  return regex;
}

const char *
reframe_redaction_map_lookup (ReframeRedactionMap *self,
                              const char          *placeholder)
{
  g_autoptr(GMatchInfo) info = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *number = NULL;
  g_autofree char *canonical = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (placeholder != NULL, NULL);

  if (!g_regex_match (placeholder_regex (), placeholder, 0, &info))
    return NULL;
  kind = g_match_info_fetch (info, 1);
  number = g_match_info_fetch (info, 2);
  if (kind == NULL || *kind == '\0')
    {
      g_free (kind);
      g_free (number);
      kind = g_match_info_fetch (info, 3);
      number = g_match_info_fetch (info, 4);
    }
  canonical = canonical_placeholder (kind, number);
  return canonical ? g_hash_table_lookup (self->originals, canonical) : NULL;
}

static gboolean
restore_cb (const GMatchInfo *info,
            GString          *result,
            gpointer          user_data)
{
  ReframeRedactionMap *map = user_data;
  g_autofree char *whole = g_match_info_fetch (info, 0);
  const char *original = reframe_redaction_map_lookup (map, whole);

  g_string_append (result, original ? original : whole);
  return FALSE;
}

char *
reframe_redactor_restore (ReframeRedactionMap *map,
                          const char          *text)
{
  g_return_val_if_fail (map != NULL, NULL);

  if (text == NULL)
    return NULL;
  if (map->order->len == 0)
    return g_strdup (text);
  return g_regex_replace_eval (placeholder_regex (), text, -1, 0, 0, restore_cb, map, NULL);
}

/* ------------------------------------------------------------------------------------------
 * Finding what to hide
 */

typedef struct
{
  gsize  start;
  gsize  end;
  Kind   kind;
  char  *key;       /* normalised value: the same key gets the same placeholder */
} Span;

static void
span_clear (gpointer data)
{
  g_free (((Span *) data)->key);
}

static gboolean
overlaps_any (GArray *spans,
              gsize   start,
              gsize   end)
{
  for (guint i = 0; i < spans->len; i++)
    {
      const Span *span = &g_array_index (spans, Span, i);

      if (start < span->end && span->start < end)
        return TRUE;
    }
  return FALSE;
}

static void
add_span (GArray *spans,
          gsize   start,
          gsize   end,
          Kind    kind,
          char   *key)
{
  Span span = { start, end, kind, key };

  g_array_append_val (spans, span);
}

static GRegex *
compile (const char *pattern)
{
  g_autoptr(GError) error = NULL;
  GRegex *regex = g_regex_new (pattern, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, &error);

  if (regex == NULL)
    g_error ("Redactor pattern %s: %s", pattern, error->message);
  return regex;
}

typedef struct
{
  GRegex *url;
  GRegex *bare_domain;
  GRegex *email;
  GRegex *phone;
  GRegex *keep;           /* dates, times and money: never a phone number */
} Patterns;

static const Patterns *
get_patterns (void)
{
  static Patterns *patterns;

  if (g_once_init_enter (&patterns))
    {
      Patterns *p = g_new0 (Patterns, 1);

      p->url = compile ("\\b(?:https?://|ftp://|www\\.)[^\\s<>\"“”‘’«»]+");
      p->bare_domain = compile (
        "(?<![\\w@.-])(?:[\\w-]+\\.)+(?:com|org|net|io|co|uk|de|fr|edu|gov|info|app|dev|"
        "ly|tv|ai|nl|eu|ca|au|es|ch|se|fi|dk|ie|nz|jp|biz|xyz|online|site|blog|"
        "social|page|link|gg|fm)(?![\\w@-])(?:/[^\\s<>\"“”‘’«»]*)?");
      p->email = compile ("(?<![\\w.+-])[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");
      /* Digits with spaces, dots, dashes and brackets; checked further in C. */
      p->phone = compile ("(?<![\\w+/.,:$£€¥-])(?:\\+|\\(\\s*\\+?)?\\d[\\d \\t().-]{5,}\\d"
                          "(?![\\w/:%€£$-])");
      p->keep = compile (
        /* 2024-03-05, 5/3/24, 05.03.2024 */
        "\\b\\d{1,4}[./-]\\d{1,2}[./-]\\d{1,4}\\b"
        /* 14:30, 7.45pm */
        "|\\b\\d{1,2}[:.]\\d{2}(?:\\s?[ap]\\.?m\\b\\.?)?"
        "|\\b\\d{1,2}:\\d{2}(?::\\d{2})?\\b"
        /* £1,200.50, $ 30, 1 200 €, 30 dollars */
        "|[$£€¥]\\s?\\d[\\d,. ]*\\d?"
        "|\\b\\d[\\d,. ]*\\s?(?:€|£|\\$|usd|eur|gbp|dollars|pounds|euros|quid|bucks|k\\b|%)");

      g_once_init_leave (&patterns, p);
    }
  return patterns;
}

/* Web addresses lose trailing punctuation that belongs to the sentence. */
static gsize
trim_url_end (const char *text,
              gsize       start,
              gsize       end)
{
  int open_parens = 0;

  for (gsize i = start; i < end; i++)
    {
      if (text[i] == '(')
        open_parens++;
      else if (text[i] == ')')
        open_parens--;
    }

  while (end > start)
    {
      char c = text[end - 1];

      if (strchr (".,;:!?'\"*_", c) != NULL || (c == ')' && open_parens < 0) ||
          (c == ']') || (c == '}'))
        {
          if (c == ')')
            open_parens++;
          end--;
        }
      else
        break;
    }
  return end;
}

static void
find_urls (const char *text,
           GArray     *spans)
{
  const Patterns *p = get_patterns ();
  GRegex *regexes[] = { p->url, p->bare_domain };

  for (guint r = 0; r < G_N_ELEMENTS (regexes); r++)
    {
      g_autoptr(GMatchInfo) info = NULL;

      g_regex_match (regexes[r], text, 0, &info);
      while (g_match_info_matches (info))
        {
          int start, end;

          g_match_info_fetch_pos (info, 0, &start, &end);
          end = trim_url_end (text, start, end);
          if (end > start && !overlaps_any (spans, start, end))
            {
              g_autofree char *value = g_strndup (text + start, end - start);
              char *key = g_strdup (value);

              /* "example.com/" and "example.com" are the same place. */
              if (g_str_has_suffix (key, "/"))
                key[strlen (key) - 1] = '\0';
              add_span (spans, start, end, KIND_URL, key);
            }
          g_match_info_next (info, NULL);
        }
    }
}

static void
find_emails (const char *text,
             GArray     *spans)
{
  g_autoptr(GMatchInfo) info = NULL;

  g_regex_match (get_patterns ()->email, text, 0, &info);
  while (g_match_info_matches (info))
    {
      int start, end;

      g_match_info_fetch_pos (info, 0, &start, &end);
      /* An address inside a link (mailto:, or a URL with @) is already covered. */
      if (!overlaps_any (spans, start, end))
        add_span (spans, start, end, KIND_EMAIL, g_utf8_strdown (text + start, end - start));
      g_match_info_next (info, NULL);
    }
}

static guint
count_digits (const char *s,
              gsize       len)
{
  guint n = 0;

  for (gsize i = 0; i < len; i++)
    n += g_ascii_isdigit (s[i]);
  return n;
}

/* Whether a run of digits and separators is laid out like a phone number rather than a
 * date, a sum, a range or a measurement. */
static gboolean
looks_like_phone (const char *s,
                  gsize       len)
{
  g_autofree char *copy = g_strndup (s, len);
  g_auto(GStrv) groups = g_regex_split_simple ("[ \\t().-]+", copy, 0, 0);
  guint digits = count_digits (s, len);
  guint n_groups = 0;
  guint group_len[16] = { 0, };
  gboolean thousands = TRUE;
  const char *first = s;

  while (*first == '(' || *first == ' ')
    first++;

  for (guint i = 0; groups[i] != NULL; i++)
    {
      if (*groups[i] == '\0')
        continue;
      if (n_groups < G_N_ELEMENTS (group_len))
        group_len[n_groups] = strlen (groups[i]);
      n_groups++;
    }

  if (digits < 7 || digits > 15)
    return FALSE;

  /* 1 000 000 or 12.500.000: thousands separators, a sum, not a number to call. */
  if (n_groups > 1 && group_len[0] <= 3)
    {
      for (guint i = 1; i < n_groups && i < G_N_ELEMENTS (group_len); i++)
        thousands = thousands && group_len[i] == 3;
    }
  else
    thousands = FALSE;

  if (*first == '+' || g_str_has_prefix (first, "00"))
    return digits >= 8;
  if (*s == '(')
    return TRUE;
  if (thousands)
    return FALSE;
  if (*first == '0')
    return digits >= 9 && digits <= 12;
  /* 555-123-4567, 1-800-273-8255, 555 123 4567 */
  if ((digits == 10 || digits == 11) && n_groups >= 2 && group_len[n_groups - 1] == 4)
    return TRUE;
  /* 555-0199, 123 4567 */
  if (digits == 7 && n_groups == 2 && group_len[0] == 3 && group_len[1] == 4)
    return TRUE;
  /* 5551234567 */
  if (n_groups == 1 && digits >= 10 && digits <= 13)
    return TRUE;
  return FALSE;
}

static void
find_phones (const char *text,
             GArray     *spans)
{
  const Patterns *p = get_patterns ();
  g_autoptr(GArray) keep = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr(GMatchInfo) keep_info = NULL;
  g_autoptr(GMatchInfo) info = NULL;

  g_regex_match (p->keep, text, 0, &keep_info);
  while (g_match_info_matches (keep_info))
    {
      int start, end;

      g_match_info_fetch_pos (keep_info, 0, &start, &end);
      add_span (keep, start, end, KIND_PHONE, NULL);
      g_match_info_next (keep_info, NULL);
    }

  g_regex_match (p->phone, text, 0, &info);
  while (g_match_info_matches (info))
    {
      int start, end;

      g_match_info_fetch_pos (info, 0, &start, &end);
      /* Trailing spaces and brackets are not part of the number. */
      while (end > start && (text[end - 1] == ' ' || text[end - 1] == '\t'))
        end--;
      if (!overlaps_any (spans, start, end) && !overlaps_any (keep, start, end) &&
          looks_like_phone (text + start, end - start))
        {
          GString *key = g_string_new (NULL);

          for (int i = start; i < end; i++)
            if (g_ascii_isdigit (text[i]) || (text[i] == '+' && key->len == 0))
              g_string_append_c (key, text[i]);
          add_span (spans, start, end, KIND_PHONE, g_string_free (key, FALSE));
        }
      g_match_info_next (info, NULL);
    }
}

/* A case-folded copy of a text, with the byte offset in the original of each byte. */
typedef struct
{
  GString *folded;
  GArray  *offsets;   /* gsize per byte of folded, plus one for the end */
} Folded;

static void
folded_clear (Folded *f)
{
  g_string_free (f->folded, TRUE);
  g_array_unref (f->offsets);
}

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x0060;
}

static void
fold_text (const char *text,
           Folded     *f)
{
  f->folded = g_string_new (NULL);
  f->offsets = g_array_new (FALSE, FALSE, sizeof (gsize));

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gsize offset = p - text;
      gsize before = f->folded->len;

      if (is_apostrophe (c))
        g_string_append_c (f->folded, '\'');
      else if (g_unichar_isspace (c))
        g_string_append_c (f->folded, ' ');
      else
        {
          g_autofree char *folded = g_utf8_casefold (p, g_utf8_next_char (p) - p);

          g_string_append (f->folded, folded);
        }
      for (gsize i = before; i < f->folded->len; i++)
        g_array_append_val (f->offsets, offset);
    }
  {
    gsize end = strlen (text);

    g_array_append_val (f->offsets, end);
  }
}

static gboolean
is_word_char_at (const char *text,
                 const char *p)
{
  gunichar c;

  if (p == NULL || p < text || *p == '\0')
    return FALSE;
  c = g_utf8_get_char (p);
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* Whether the folded name matches at @pos, letting any run of spaces match a run of spaces.
 * Returns the end in folded bytes, or 0. */
static gsize
name_matches_at (const GString *folded,
                 gsize          pos,
                 const char    *name)
{
  const char *t = folded->str + pos;
  const char *n = name;

  while (*n != '\0')
    {
      if (*n == ' ')
        {
          if (*t != ' ')
            return 0;
          while (*n == ' ')
            n++;
          while (*t == ' ')
            t++;
          continue;
        }
      if (*t != *n)
        return 0;
      t++;
      n++;
    }
  return t - folded->str;
}

static int
compare_by_length (gconstpointer a,
                   gconstpointer b)
{
  gsize la = strlen (*(const char * const *) a);
  gsize lb = strlen (*(const char * const *) b);

  return la > lb ? -1 : la < lb;
}

static char *
fold_name (const char *name)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name));
  Folded f;
  char *result;

  fold_text (stripped, &f);
  result = g_strdup (f.folded->str);
  folded_clear (&f);
  return result;
}

static void
find_names (ReframeRedactor *self,
            const char      *text,
            GArray          *spans)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  Folded f;

  if (self->names == NULL || self->names[0] == NULL)
    return;

  for (guint i = 0; self->names[i] != NULL; i++)
    {
      char *folded = fold_name (self->names[i]);

      if (*folded != '\0')
        g_ptr_array_add (names, folded);
      else
        g_free (folded);
    }
  /* Longer names first, so that "Anna Maria" wins over "Anna". */
  g_ptr_array_sort (names, compare_by_length);

  fold_text (text, &f);
  for (guint n = 0; n < names->len; n++)
    {
      const char *name = names->pdata[n];
      /* Candidates start with the first word; name_matches_at() checks the rest. */
      g_autofree char *head = g_strndup (name, strcspn (name, " "));

      for (const char *hit = strstr (f.folded->str, head); hit != NULL;
           hit = strstr (hit + 1, head))
        {
          gsize pos = hit - f.folded->str;
          gsize end = name_matches_at (f.folded, pos, name);
          gsize start_orig, end_orig;

          if (end == 0)
            continue;
          /* A match must start on the first byte of a folded character. */
          if (pos > 0 && g_array_index (f.offsets, gsize, pos - 1) ==
                         g_array_index (f.offsets, gsize, pos))
            continue;
          start_orig = g_array_index (f.offsets, gsize, pos);
          end_orig = g_array_index (f.offsets, gsize, end);

          if (start_orig > 0 &&
              is_word_char_at (text, g_utf8_find_prev_char (text, text + start_orig)))
            continue;
          if (is_word_char_at (text, text + end_orig))
            continue;
          if (overlaps_any (spans, start_orig, end_orig))
            continue;
          add_span (spans, start_orig, end_orig, KIND_NAME, g_strdup (name));
        }
    }
  folded_clear (&f);
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const Span *sa = a;
  const Span *sb = b;

  return sa->start < sb->start ? -1 : sa->start > sb->start;
}

/* ------------------------------------------------------------------------------------------
 * Object
 */

static void
reframe_redactor_finalize (GObject *object)
{
  ReframeRedactor *self = (ReframeRedactor *)object;

  g_clear_pointer (&self->names, g_strfreev);

  G_OBJECT_CLASS (reframe_redactor_parent_class)->finalize (object);
}

static void
reframe_redactor_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ReframeRedactor *self = REFRAME_REDACTOR (object);

  switch (prop_id)
    {
    case PROP_NAMES:
      g_value_set_boxed (value, self->names);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reframe_redactor_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ReframeRedactor *self = REFRAME_REDACTOR (object);

  switch (prop_id)
    {
    case PROP_NAMES:
      reframe_redactor_set_names (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reframe_redactor_class_init (ReframeRedactorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = reframe_redactor_finalize;
  object_class->get_property = reframe_redactor_get_property;
  object_class->set_property = reframe_redactor_set_property;

  properties[PROP_NAMES] =
    g_param_spec_boxed ("names", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
reframe_redactor_init (ReframeRedactor *self)
{
  self->names = g_new0 (char *, 1);
}

ReframeRedactor *
reframe_redactor_new (const char * const *names)
{
  return g_object_new (REFRAME_TYPE_REDACTOR, "names", names, NULL);
}

const char * const *
reframe_redactor_get_names (ReframeRedactor *self)
{
  g_return_val_if_fail (REFRAME_IS_REDACTOR (self), NULL);

  return (const char * const *) self->names;
}

void
reframe_redactor_set_names (ReframeRedactor    *self,
                            const char * const *names)
{
  static const char * const empty[] = { NULL };

  g_return_if_fail (REFRAME_IS_REDACTOR (self));

  if (names == NULL)
    names = empty;
  if (g_strv_equal ((const char * const *) self->names, names))
    return;

  g_strfreev (self->names);
  self->names = g_strdupv ((char **) names);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAMES]);
}

char *
reframe_redactor_redact (ReframeRedactor     *self,
                         const char          *text,
                         ReframeRedactionMap *map)
{
  g_autoptr(GArray) spans = NULL;
  g_autofree char *normal = NULL;
  GString *out;
  gsize pos = 0;

  g_return_val_if_fail (REFRAME_IS_REDACTOR (self), NULL);
  g_return_val_if_fail (map != NULL, NULL);

  if (text == NULL)
    return NULL;
  if (!g_utf8_validate (text, -1, NULL))
    normal = g_utf8_make_valid (text, -1);
  else
    normal = g_utf8_normalize (text, -1, G_NORMALIZE_DEFAULT_COMPOSE);

  spans = g_array_new (FALSE, FALSE, sizeof (Span));
  g_array_set_clear_func (spans, span_clear);

  /* Order matters: a web address may hold an @ or digits, an email address digits. */
  find_urls (normal, spans);
  find_emails (normal, spans);
  find_phones (normal, spans);
  find_names (self, normal, spans);
  g_array_sort (spans, compare_spans);

  out = g_string_sized_new (strlen (normal));
  for (guint i = 0; i < spans->len; i++)
    {
      const Span *span = &g_array_index (spans, Span, i);
      g_autofree char *original = g_strndup (normal + span->start, span->end - span->start);

      g_string_append_len (out, normal + pos, span->start - pos);
      g_string_append (out, map_placeholder (map, span->kind, span->key, original));
      pos = span->end;
    }
  g_string_append (out, normal + pos);

  return g_string_free (out, FALSE);
}
