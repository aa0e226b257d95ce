/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A crisis line or service from data/resources/crisis-resources.json. */
typedef struct
{
  const char *id;
  const char *region;  /* translated */
  const char *name;    /* translated */
  const char *detail;  /* translated */
  const char *phone;   /* or NULL */
  const char *url;     /* or NULL */
  const char *source;
} ReframeCrisisResource;

/* Loaded once; lives for the whole process. In file order. */
const GPtrArray *reframe_crisis_resources_get_all (void);

G_END_DECLS
