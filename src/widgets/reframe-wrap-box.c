/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-wrap-box"

#include "config.h"

#include "reframe-wrap-box.h"

#define COLUMN_SPACING 6
#define ROW_SPACING    6

struct _ReframeWrapBox
{
  GtkWidget parent_instance;
};

static void reframe_wrap_box_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ReframeWrapBox, reframe_wrap_box, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE,
                                                      reframe_wrap_box_buildable_init))

static GtkBuildableIface *parent_buildable_iface;

/* Walks the children in lines for @width; calls @place (when given) for each child with its
 * box, and returns the total height. */
static int
layout_lines (ReframeWrapBox *self,
              int             width,
              void          (*place) (GtkWidget *child, int x, int y, int w, int h))
{
  GtkWidget *line_start = gtk_widget_get_first_child (GTK_WIDGET (self));
  int y = 0;

  while (line_start != NULL)
    {
      GtkWidget *child = line_start;
      GtkWidget *line_end;
      int line_width = 0;
      int line_height = 0;
      int x = 0;

      /* Fill a line. */
      for (; child != NULL; child = gtk_widget_get_next_sibling (child))
        {
          int natural, child_min_h, child_nat_h, w;

          if (!gtk_widget_should_layout (child))
            continue;

          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
          w = width > 0 ? MIN (natural, width) : natural;
          if (line_width > 0 && line_width + COLUMN_SPACING + w > width)
            break;

          gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, w,
                              &child_min_h, &child_nat_h, NULL, NULL);
          line_width += (line_width > 0 ? COLUMN_SPACING : 0) + w;
          line_height = MAX (line_height, child_nat_h);
        }
      line_end = child;

      /* Place it. */
      for (child = line_start; child != line_end; child = gtk_widget_get_next_sibling (child))
        {
          int natural, w;

          if (!gtk_widget_should_layout (child))
            continue;

          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
          w = width > 0 ? MIN (natural, width) : natural;
          if (place != NULL)
            place (child, x, y, w, line_height);
          x += w + COLUMN_SPACING;
        }

      if (line_height > 0)
        y += line_height + ROW_SPACING;
      line_start = line_end;
    }

  return MAX (y - ROW_SPACING, 0);
}

static void
place_child (GtkWidget *child,
             int        x,
             int        y,
             int        w,
             int        h)
{
  GtkWidget *parent = gtk_widget_get_parent (child);

  if (gtk_widget_get_direction (parent) == GTK_TEXT_DIR_RTL)
    x = gtk_widget_get_width (parent) - x - w;

  gtk_widget_size_allocate (child, &(GtkAllocation) { x, y, w, h }, -1);
}

static GtkSizeRequestMode
reframe_wrap_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
reframe_wrap_box_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  ReframeWrapBox *self = REFRAME_WRAP_BOX (widget);

  *minimum = 0;
  *natural = 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int count = 0;

      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int child_min, child_nat;

          if (!gtk_widget_should_layout (child))
            continue;

          gtk_widget_measure (child, orientation, -1, &child_min, &child_nat, NULL, NULL);
          *minimum = MAX (*minimum, child_min);
          *natural += child_nat;
          count++;
        }
      if (count > 1)
        *natural += (count - 1) * COLUMN_SPACING;
    }
  else
    {
      int width = for_size;

      if (width < 0)
        reframe_wrap_box_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1,
                                  &width, &(int) { 0 }, NULL, NULL);

      *minimum = *natural = layout_lines (self, width, NULL);
    }
}

static void
reframe_wrap_box_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  layout_lines (REFRAME_WRAP_BOX (widget), width, place_child);
}

static gboolean
can_take_focus (GtkWidget *child)
{
  return gtk_widget_get_visible (child) && gtk_widget_is_sensitive (child) &&
         gtk_widget_get_focusable (child);
}

/* The child to focus when Tab enters the box: the first one switched on, else the first. */
static GtkWidget *
find_entry_child (GtkWidget *widget)
{
  GtkWidget *first = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!can_take_focus (child))
        continue;
      if (GTK_IS_TOGGLE_BUTTON (child) && gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (child)))
        return child;
      if (first == NULL)
        first = child;
    }

  return first;
}

static GtkWidget *
find_sibling (GtkWidget *child,
              gboolean   forward)
{
  do
    child = forward ? gtk_widget_get_next_sibling (child) : gtk_widget_get_prev_sibling (child);
  while (child != NULL && !can_take_focus (child));

  return child;
}

/* The child on the line above or below @from whose centre is closest to @from's. */
static GtkWidget *
find_on_next_line (GtkWidget *widget,
                   GtkWidget *from,
                   gboolean   down)
{
  GtkAllocation origin;
  GtkWidget *best = NULL;
  int line_y = -1;
  int best_distance = G_MAXINT;

  gtk_widget_get_allocation (from, &origin);

  /* First the nearest line in that direction, then the closest child on it. */
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkAllocation a;

      if (!can_take_focus (child))
        continue;
      gtk_widget_get_allocation (child, &a);
      if ((down && a.y > origin.y && (line_y < 0 || a.y < line_y)) ||
          (!down && a.y < origin.y && (line_y < 0 || a.y > line_y)))
        line_y = a.y;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL && line_y >= 0;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkAllocation a;
      int distance;

      if (!can_take_focus (child))
        continue;
      gtk_widget_get_allocation (child, &a);
      if (a.y != line_y)
        continue;
      distance = ABS ((a.x + a.width / 2) - (origin.x + origin.width / 2));
      if (distance < best_distance)
        {
          best = child;
          best_distance = distance;
        }
    }

  return best;
}

/* One Tab stop for the whole box; the arrow keys move between its children, as in a toolbar.
 * Forty chips would otherwise be forty Tab presses. */
static gboolean
reframe_wrap_box_focus (GtkWidget        *widget,
                        GtkDirectionType  direction)
{
  GtkWidget *focus_child = gtk_widget_get_focus_child (widget);
  GtkWidget *target = NULL;
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;

  if (focus_child == NULL)
    {
      target = find_entry_child (widget);
      return target != NULL && gtk_widget_child_focus (target, direction);
    }

  if (gtk_widget_child_focus (focus_child, direction))
    return TRUE;

  switch (direction)
    {
    case GTK_DIR_TAB_FORWARD:
    case GTK_DIR_TAB_BACKWARD:
      return FALSE;

    case GTK_DIR_LEFT:
    case GTK_DIR_RIGHT:
      target = find_sibling (focus_child, (direction == GTK_DIR_RIGHT) != rtl);
      if (target == NULL)
        {
          /* Stay at the end rather than jump somewhere unrelated. */
          gtk_widget_error_bell (widget);
          return TRUE;
        }
      break;

    case GTK_DIR_UP:
    case GTK_DIR_DOWN:
      target = find_on_next_line (widget, focus_child, direction == GTK_DIR_DOWN);
      if (target == NULL)
        return FALSE;
      break;

    default:
      return FALSE;
    }

  return gtk_widget_grab_focus (target);
}

static void
reframe_wrap_box_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (reframe_wrap_box_parent_class)->dispose (object);
}

static void
reframe_wrap_box_add_child (GtkBuildable *buildable,
                            GtkBuilder   *builder,
                            GObject      *child,
                            const char   *type)
{
  if (GTK_IS_WIDGET (child))
    reframe_wrap_box_append (REFRAME_WRAP_BOX (buildable), GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
reframe_wrap_box_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = reframe_wrap_box_add_child;
}

static void
reframe_wrap_box_class_init (ReframeWrapBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reframe_wrap_box_dispose;

  widget_class->get_request_mode = reframe_wrap_box_get_request_mode;
  widget_class->measure = reframe_wrap_box_measure;
  widget_class->size_allocate = reframe_wrap_box_size_allocate;
  widget_class->focus = reframe_wrap_box_focus;

  gtk_widget_class_set_css_name (widget_class, "wrapbox");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
reframe_wrap_box_init (ReframeWrapBox *self)
{
}

GtkWidget *
reframe_wrap_box_new (void)
{
  return g_object_new (REFRAME_TYPE_WRAP_BOX, NULL);
}

void
reframe_wrap_box_append (ReframeWrapBox *self,
                         GtkWidget      *child)
{
  g_return_if_fail (REFRAME_IS_WRAP_BOX (self));
  g_return_if_fail (GTK_IS_WIDGET (child));
  g_return_if_fail (gtk_widget_get_parent (child) == NULL);

  gtk_widget_insert_before (child, GTK_WIDGET (self), NULL);
}

void
reframe_wrap_box_remove (ReframeWrapBox *self,
                         GtkWidget      *child)
{
  g_return_if_fail (REFRAME_IS_WRAP_BOX (self));
  g_return_if_fail (GTK_IS_WIDGET (child));
  g_return_if_fail (gtk_widget_get_parent (child) == GTK_WIDGET (self));

  gtk_widget_unparent (child);
}
