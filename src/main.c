/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "reframe-application.h"
#include "reframe-feedback-cli.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ReframeApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* A command-line tool: it must run without a display, so GTK is never started for it. */
  if (argc >= 2 && strcmp (argv[1], "feedback") == 0)
    return reframe_feedback_cli_run (argc - 1, argv + 1);

  app = reframe_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
