/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit codes of "reframe feedback". */
typedef enum
{
  REFRAME_FEEDBACK_CLI_OK           = 0,
  REFRAME_FEEDBACK_CLI_FAILED       = 1,   /* the provider or the data folder failed */
  REFRAME_FEEDBACK_CLI_USAGE        = 2,   /* bad options, or a file that cannot be used */
  REFRAME_FEEDBACK_CLI_NO_CONSENT   = 3,   /* the provider needs consent; nothing was sent */
  REFRAME_FEEDBACK_CLI_HIDDEN       = 4,   /* the reply tripped the safety screen */
  REFRAME_FEEDBACK_CLI_INTERRUPTED  = 130, /* Ctrl+C */
} ReframeFeedbackCliStatus;

/* The largest text "reframe feedback" reads. */
#define REFRAME_FEEDBACK_CLI_MAX_BYTES (1024 * 1024)

/* "reframe feedback [--provider URL|ID] [--model NAME] [--kind KIND] FILE": streams the
 * feedback for a text file ("-" for standard input) to standard output, with the same
 * session, consent and safety screen as the window, and the saved settings unless the
 * options say otherwise. @argv[0] is "feedback". Runs without GTK; returns the exit code. */
int reframe_feedback_cli_run (int    argc,
                              char **argv);

G_END_DECLS
