/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define REFRAME_COACH_ERROR (reframe_coach_error_quark ())

/* Errors of the feedback coach and its providers. The GError message is always one sentence
 * a person can act on, ready to show as it is; the code lets a UI choose what to offer next
 * (open preferences, retry, pick another model). Cancellation is G_IO_ERROR_CANCELLED. */
typedef enum
{
  REFRAME_COACH_ERROR_FAILED,              /* anything not listed below */
  REFRAME_COACH_ERROR_INVALID_URL,         /* not an http:// or https:// address */
  REFRAME_COACH_ERROR_NO_MODEL,            /* no model chosen */
  REFRAME_COACH_ERROR_CONNECTION_REFUSED,  /* nothing listens at the address */
  REFRAME_COACH_ERROR_HOST_NOT_FOUND,      /* DNS failure */
  REFRAME_COACH_ERROR_PROXY,               /* the proxy could not be reached */
  REFRAME_COACH_ERROR_TLS,                 /* secure connection or certificate failed */
  REFRAME_COACH_ERROR_TIMED_OUT,           /* connecting took too long, or the stream stalled */
  REFRAME_COACH_ERROR_CONNECTION_LOST,     /* closed before any answer arrived */
  REFRAME_COACH_ERROR_REDIRECTED,          /* the server pointed elsewhere; not followed */
  REFRAME_COACH_ERROR_UNAUTHORIZED,        /* 401/403: API key missing or wrong */
  REFRAME_COACH_ERROR_MODEL_NOT_FOUND,     /* 404 for the model */
  REFRAME_COACH_ERROR_RATE_LIMITED,        /* 429, still after retrying */
  REFRAME_COACH_ERROR_NO_CREDIT,           /* 429 insufficient_quota: not retried */
  REFRAME_COACH_ERROR_SERVER,              /* 5xx, still after retrying */
  REFRAME_COACH_ERROR_CONTEXT_TOO_LONG,    /* the text does not fit the model's context */
  REFRAME_COACH_ERROR_PROVIDER,            /* the provider reported an error of its own */
  REFRAME_COACH_ERROR_INVALID_RESPONSE,    /* a reply that is not what the protocol says */
  REFRAME_COACH_ERROR_CONSENT_REQUIRED,    /* not agreed to send to this provider: nothing sent */
} ReframeCoachError;

GQuark reframe_coach_error_quark (void);

G_END_DECLS
