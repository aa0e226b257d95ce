/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-breathing-pacer"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "reframe-breathing-pacer.h"

/* The circle's radius while breathing out fully, as a share of the largest one. */
#define SMALLEST 0.45

struct _ReframeBreathingPacer
{
  GtkWidget              parent_instance;

  guint                  inhale;
  guint                  hold;
  guint                  exhale;
  guint                  hold_after;
  guint                  duration;

  gboolean               running;
  gint64                 started_at;  /* monotonic µs when the current run began */
  gint64                 banked;      /* µs practised before the current run */
  guint                  breaths;
  ReframeBreathingPhase  phase;
  guint                  seconds_left;
  double                 fullness;    /* 0 (out) to 1 (in) */
  guint                  tick_id;
};

G_DEFINE_FINAL_TYPE (ReframeBreathingPacer, reframe_breathing_pacer, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PHASE,
  PROP_SECONDS_LEFT,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  BREATH_COMPLETED,
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gint64
cycle_us (ReframeBreathingPacer *self)
{
  return (gint64) (self->inhale + self->hold + self->exhale + self->hold_after) * G_USEC_PER_SEC;
}

static gint64
elapsed_us (ReframeBreathingPacer *self)
{
  if (!self->running)
    return self->banked;
  return self->banked + (g_get_monotonic_time () - self->started_at);
}

static gboolean
reduced_motion (ReframeBreathingPacer *self)
{
  gboolean animations = TRUE;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)),
                "gtk-enable-animations", &animations, NULL);
  return !animations;
}

/* A gentle ease, so the circle slows down at each end like a breath does. */
static double
ease (double t)
{
  return 0.5 - 0.5 * cos (G_PI * CLAMP (t, 0.0, 1.0));
}

static void
set_phase (ReframeBreathingPacer *self,
           ReframeBreathingPhase  phase,
           guint                  seconds_left)
{
  if (self->phase != phase)
    {
      self->phase = phase;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHASE]);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      reframe_breathing_phase_to_string (phase), -1);
    }
  if (self->seconds_left != seconds_left)
    {
      self->seconds_left = seconds_left;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECONDS_LEFT]);
    }
}

static void
update (ReframeBreathingPacer *self)
{
  gint64 elapsed = elapsed_us (self);
  gint64 cycle = cycle_us (self);
  gint64 in_cycle = elapsed % cycle;
  guint breaths = elapsed / cycle;
  gint64 in_end = (gint64) self->inhale * G_USEC_PER_SEC;
  gint64 hold_end = in_end + (gint64) self->hold * G_USEC_PER_SEC;
  gint64 out_end = hold_end + (gint64) self->exhale * G_USEC_PER_SEC;
  ReframeBreathingPhase phase;
  gint64 phase_end;

  if (self->duration > 0 && elapsed >= (gint64) self->duration * G_USEC_PER_SEC)
    {
      /* Finished on a whole breath. */
      self->banked = (gint64) self->duration * G_USEC_PER_SEC;
      self->breaths = self->duration * G_USEC_PER_SEC / cycle;
      self->fullness = 0;
      reframe_breathing_pacer_pause (self);
      set_phase (self, REFRAME_BREATHING_PHASE_DONE, 0);
      g_signal_emit (self, signals[FINISHED], 0);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }

  if (in_cycle < in_end)
    {
      phase = REFRAME_BREATHING_PHASE_IN;
      phase_end = in_end;
      self->fullness = ease ((double) in_cycle / in_end);
    }
  else if (in_cycle < hold_end)
    {
      phase = REFRAME_BREATHING_PHASE_HOLD;
      phase_end = hold_end;
      self->fullness = 1;
    }
  else if (in_cycle < out_end)
    {
      phase = REFRAME_BREATHING_PHASE_OUT;
      phase_end = out_end;
      self->fullness = 1 - ease ((double) (in_cycle - hold_end) / (out_end - hold_end));
    }
  else
    {
      phase = REFRAME_BREATHING_PHASE_HOLD_AFTER;
      phase_end = cycle;
      self->fullness = 0;
    }

  if (!self->running && elapsed == 0)
    {
      phase = REFRAME_BREATHING_PHASE_READY;
      self->fullness = 0;
    }

  set_phase (self, phase,
             (guint) ((phase_end - in_cycle + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC));

  if (breaths > self->breaths)
    {
      self->breaths = breaths;
      g_signal_emit (self, signals[BREATH_COMPLETED], 0);
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  update (REFRAME_BREATHING_PACER (widget));
  return G_SOURCE_CONTINUE;
}

static void
reframe_breathing_pacer_snapshot (GtkWidget   *widget,
                                  GtkSnapshot *snapshot)
{
  ReframeBreathingPacer *self = REFRAME_BREATHING_PACER (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double largest = MIN (width, height) / 2.0 - 4;
  double fullness = reduced_motion (self) ? 0.6 : self->fullness;
  double radius = largest * (SMALLEST + (1 - SMALLEST) * fullness);
  GskRoundedRect outline;
  graphene_rect_t bounds;
  GdkRGBA accent;
  GdkRGBA fill;
  GdkRGBA track;
  GdkRGBA colors[4];
  float widths[4];

  if (largest <= 0)
    return;

  if (!gtk_style_context_lookup_color (context, "accent_color", &accent))
    gdk_rgba_parse (&accent, "#3584e4");
  gtk_style_context_get_color (context, &track);
  track.alpha *= 0.12;
  fill = accent;
  fill.alpha = 0.15 + 0.2 * fullness;

  /* The largest size, faint, so the goal of each breath is visible. */
  graphene_rect_init (&bounds, width / 2.0 - largest, height / 2.0 - largest, 2 * largest, 2 * largest);
  gsk_rounded_rect_init_from_rect (&outline, &bounds, largest);
  for (guint i = 0; i < 4; i++)
    {
      colors[i] = track;
      widths[i] = 2;
    }
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);

  graphene_rect_init (&bounds, width / 2.0 - radius, height / 2.0 - radius, 2 * radius, 2 * radius);
  gsk_rounded_rect_init_from_rect (&outline, &bounds, radius);
  gtk_snapshot_push_rounded_clip (snapshot, &outline);
  gtk_snapshot_append_color (snapshot, &fill, &bounds);
  gtk_snapshot_pop (snapshot);
  for (guint i = 0; i < 4; i++)
    {
      colors[i] = accent;
      widths[i] = 3;
    }
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);
}

static void
reframe_breathing_pacer_measure (GtkWidget      *widget,
                                 GtkOrientation  orientation,
                                 int             for_size,
                                 int            *minimum,
                                 int            *natural,
                                 int            *minimum_baseline,
                                 int            *natural_baseline)
{
  *minimum = 180;
  *natural = 240;
}

static void
reframe_breathing_pacer_unmap (GtkWidget *widget)
{
  ReframeBreathingPacer *self = REFRAME_BREATHING_PACER (widget);

  /* Out of sight, it keeps no time: a step change pauses it. */
  reframe_breathing_pacer_pause (self);

  GTK_WIDGET_CLASS (reframe_breathing_pacer_parent_class)->unmap (widget);
}

static void
reframe_breathing_pacer_dispose (GObject *object)
{
  ReframeBreathingPacer *self = (ReframeBreathingPacer *)object;

  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }

  G_OBJECT_CLASS (reframe_breathing_pacer_parent_class)->dispose (object);
}

static void
reframe_breathing_pacer_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  ReframeBreathingPacer *self = REFRAME_BREATHING_PACER (object);

  switch (prop_id)
    {
    case PROP_PHASE:
      g_value_set_int (value, self->phase);
      break;
    case PROP_SECONDS_LEFT:
      g_value_set_uint (value, self->seconds_left);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reframe_breathing_pacer_class_init (ReframeBreathingPacerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reframe_breathing_pacer_dispose;
  object_class->get_property = reframe_breathing_pacer_get_property;
  widget_class->snapshot = reframe_breathing_pacer_snapshot;
  widget_class->measure = reframe_breathing_pacer_measure;
  widget_class->unmap = reframe_breathing_pacer_unmap;

  properties[PROP_PHASE] =
    g_param_spec_int ("phase", NULL, NULL, 0, REFRAME_BREATHING_PHASE_DONE, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SECONDS_LEFT] =
    g_param_spec_uint ("seconds-left", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[BREATH_COMPLETED] =
    g_signal_new ("breath-completed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "breathingpacer");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
reframe_breathing_pacer_init (ReframeBreathingPacer *self)
{
  self->inhale = 4;
  self->exhale = 6;
  self->duration = 180;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  reframe_breathing_phase_to_string (self->phase), -1);
}

GtkWidget *
reframe_breathing_pacer_new (void)
{
  return g_object_new (REFRAME_TYPE_BREATHING_PACER, NULL);
}

void
reframe_breathing_pacer_set_pattern (ReframeBreathingPacer *self,
                                     guint                  inhale,
                                     guint                  hold,
                                     guint                  exhale,
                                     guint                  hold_after)
{
  g_return_if_fail (REFRAME_IS_BREATHING_PACER (self));
  g_return_if_fail (inhale > 0 && exhale > 0);

  /* A new pace starts a new count of breaths in the same practice time. */
  self->inhale = inhale;
  self->hold = hold;
  self->exhale = exhale;
  self->hold_after = hold_after;
  update (self);
}

void
reframe_breathing_pacer_set_duration (ReframeBreathingPacer *self,
                                      guint                  seconds)
{
  g_return_if_fail (REFRAME_IS_BREATHING_PACER (self));
  self->duration = seconds;
}

void
reframe_breathing_pacer_start (ReframeBreathingPacer *self)
{
  g_return_if_fail (REFRAME_IS_BREATHING_PACER (self));

  if (self->running)
    return;
  if (self->phase == REFRAME_BREATHING_PHASE_DONE)
    reframe_breathing_pacer_reset (self);

  self->running = TRUE;
  self->started_at = g_get_monotonic_time ();
  if (self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  update (self);
}

void
reframe_breathing_pacer_pause (ReframeBreathingPacer *self)
{
  g_return_if_fail (REFRAME_IS_BREATHING_PACER (self));

  if (!self->running)
    return;

  self->banked = elapsed_us (self);
  self->running = FALSE;
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

void
reframe_breathing_pacer_reset (ReframeBreathingPacer *self)
{
  g_return_if_fail (REFRAME_IS_BREATHING_PACER (self));

  reframe_breathing_pacer_pause (self);
  self->banked = 0;
  self->breaths = 0;
  self->fullness = 0;
  set_phase (self, REFRAME_BREATHING_PHASE_READY, self->inhale);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
reframe_breathing_pacer_get_running (ReframeBreathingPacer *self)
{
  g_return_val_if_fail (REFRAME_IS_BREATHING_PACER (self), FALSE);
  return self->running;
}

ReframeBreathingPhase
reframe_breathing_pacer_get_phase (ReframeBreathingPacer *self)
{
  g_return_val_if_fail (REFRAME_IS_BREATHING_PACER (self), REFRAME_BREATHING_PHASE_READY);
  return self->phase;
}

guint
reframe_breathing_pacer_get_seconds_left (ReframeBreathingPacer *self)
{
  g_return_val_if_fail (REFRAME_IS_BREATHING_PACER (self), 0);
  return self->seconds_left;
}

guint
reframe_breathing_pacer_get_breaths (ReframeBreathingPacer *self)
{
  g_return_val_if_fail (REFRAME_IS_BREATHING_PACER (self), 0);
  return self->breaths;
}

guint
reframe_breathing_pacer_get_elapsed (ReframeBreathingPacer *self)
{
  g_return_val_if_fail (REFRAME_IS_BREATHING_PACER (self), 0);
  return (guint) (elapsed_us (self) / G_USEC_PER_SEC);
}

const char *
reframe_breathing_phase_to_string (ReframeBreathingPhase phase)
{
  switch (phase)
    {
    case REFRAME_BREATHING_PHASE_IN:
      return _("Breathe in");
    case REFRAME_BREATHING_PHASE_HOLD:
    case REFRAME_BREATHING_PHASE_HOLD_AFTER:
      return _("Hold");
    case REFRAME_BREATHING_PHASE_OUT:
      return _("Breathe out");
    case REFRAME_BREATHING_PHASE_DONE:
      return _("Well done");
    case REFRAME_BREATHING_PHASE_READY:
    default:
      return _("Ready when you are");
    }
}
