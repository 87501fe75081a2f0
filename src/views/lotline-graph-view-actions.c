/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "lotline-graph-view-private.h"
#include "lotline-ledger.h"
#include "lotline-render.h"

/* LotlineGraphView's input: the tooltip, the pointer, the wheel, the drag
 * and pinch gestures, and the graph.* actions with their key bindings. */

/* ---- tooltip ---------------------------------------------------------- */

static char *
member_names (LotlineTrace            *trace,
              const LotlineLayoutNode *node)
{
  GString *names = g_string_new (NULL);
  guint shown = MIN (node->n_members, 4);

  for (guint i = 0; i < shown; i++)
    {
      if (i > 0)
        g_string_append (names, ", ");
      g_string_append (names, lotline_trace_get_node (trace, node->members[i])->label);
    }
  if (node->n_members > shown)
    {
      guint more = node->n_members - shown;
      g_autofree char *rest = NULL;

      /* Translators: ends a list of names, as in "F-1, F-2, F-3, F-4 and 12 more". */
      rest = g_strdup_printf (ngettext (" and %u more", " and %u more", more), more);
      g_string_append (names, rest);
    }
  return g_string_free (names, FALSE);
}

static char *
tooltip_markup (LotlineGraphView        *self,
                const LotlineLayoutNode *node)
{
  LotlineTrace *trace = lotline_layout_get_trace (self->layout);

  if (node->is_group)
    {
      g_autofree char *names = member_names (trace, node);

      return g_markup_printf_escaped ("<b>%s</b>\n%s\n<i>%s</i>", node->label_lines[0], names,
                                      _("Double-click to show them one by one"));
    }
  else
    {
      const LotlineTraceNode *tnode = lotline_trace_get_node (trace, (guint) node->trace_node);

      switch (tnode->kind)
        {
        case LOTLINE_NODE_LOT:
          {
            LotlineLot lot = { 0 };
            g_autofree char *on_hand = lotline_quantity_format (tnode->on_hand);
            g_autofree char *expires = NULL;
            g_autofree char *status = NULL;
            g_autofree char *stock = NULL;

            lot.status = tnode->status;
            lot.expires_on = tnode->expires_on;
            status = g_markup_printf_escaped (_("Status: %s"),
                                              lotline_lot_status_to_display (lotline_lot_effective_status (&lot, self->today)));
            expires = g_markup_printf_escaped (_("Expires: %s"),
                                               tnode->expires_on && tnode->expires_on[0] ? tnode->expires_on
                                                                                         : C_("expiry", "never"));
            /* Translators: "On hand: 250 kg". */
            stock = g_markup_printf_escaped (_("On hand: %s %s"), on_hand, tnode->unit ? tnode->unit : "");
            return g_markup_printf_escaped ("<b>%s</b>\n%s\n%s\n%s\n%s\n<i>%s</i>",
                                            tnode->label,
                                            tnode->product_name ? tnode->product_name : tnode->product_sku,
                                            status, expires, stock,
                                            _("Double-click to open the lot"));
          }
        case LOTLINE_NODE_SUPPLIER:
          return g_markup_printf_escaped ("<b>%s</b>\n%s", tnode->label, _("Supplier"));
        case LOTLINE_NODE_CUSTOMER:
          return g_markup_printf_escaped ("<b>%s</b>\n%s", tnode->label, _("Customer"));
        case LOTLINE_NODE_LOCATION:
        default:
          return g_markup_printf_escaped ("<b>%s</b>\n%s", tnode->label, _("Stock location"));
        }
    }
}

gboolean
lotline_graph_view_query_tooltip (GtkWidget  *widget,
                                  int         x,
                                  int         y,
                                  gboolean    keyboard_mode,
                                  GtkTooltip *tooltip)
{
  LotlineGraphView *self = LOTLINE_GRAPH_VIEW (widget);
  g_autofree char *markup = NULL;
  const LotlineLayoutNode *node;
  graphene_rect_t rect;
  int index;

  if (self->layout == NULL || self->dragging)
    return FALSE;
  index = keyboard_mode ? self->selected : lotline_graph_view_hit_test (self, x, y);
  if (index < 0)
    return FALSE;

  node = lotline_layout_get_node (self->layout, (guint) index);
  markup = tooltip_markup (self, node);
  gtk_tooltip_set_markup (tooltip, markup);
  lotline_graph_view_node_widget_rect (self, node, 0, &rect);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) {
                              (int) floor (rect.origin.x), (int) floor (rect.origin.y),
                              (int) ceil (rect.size.width), (int) ceil (rect.size.height) });
  return TRUE;
}

/* ---- input ------------------------------------------------------------ */

static void
set_hover (LotlineGraphView *self,
           int               index)
{
  if (self->hover == index)
    return;
  self->hover = index;
  if (!self->dragging)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self), index >= 0 ? "pointer" : NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_motion_cb (GtkEventControllerMotion *motion,
              double                    x,
              double                    y,
              LotlineGraphView         *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
  self->pointer_inside = TRUE;
  if (!self->dragging)
    set_hover (self, lotline_graph_view_hit_test (self, x, y));
}

static void
on_leave_cb (GtkEventControllerMotion *motion,
             LotlineGraphView         *self)
{
  self->pointer_inside = FALSE;
  set_hover (self, -1);
}

static gboolean
on_scroll_cb (GtkEventControllerScroll *scroll,
              double                    dx,
              double                    dy,
              LotlineGraphView         *self)
{
  double factor, ax, ay;

  if (self->layout == NULL || dy == 0)
    return FALSE;
  /* A wheel click is one step of 10 %; touchpads send many small deltas
   * in surface pixels. */
  if (gtk_event_controller_scroll_get_unit (scroll) == GDK_SCROLL_UNIT_WHEEL)
    factor = pow (1.1, -dy);
  else
    factor = exp (-dy / 100.0);
  ax = self->pointer_inside ? self->pointer_x : gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  ay = self->pointer_inside ? self->pointer_y : gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
  lotline_graph_view_zoom_at (self, self->scale * factor, ax, ay);
  return TRUE;
}

static void
on_drag_begin_cb (GtkGestureDrag   *gesture,
                  double            x,
                  double            y,
                  LotlineGraphView *self)
{
  self->drag_offset_x = self->offset_x;
  self->drag_offset_y = self->offset_y;
  self->dragging = FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
on_drag_update_cb (GtkGestureDrag   *gesture,
                   double            dx,
                   double            dy,
                   LotlineGraphView *self)
{
  double sx, sy;

  if (self->pinching || self->layout == NULL)
    return;
  if (!self->dragging)
    {
      gtk_gesture_drag_get_start_point (gesture, &sx, &sy);
      /* Under the drag threshold it is still a click. */
      if (!gtk_drag_check_threshold (GTK_WIDGET (self), (int) sx, (int) sy, (int) (sx + dx), (int) (sy + dy)))
        return;
      self->dragging = TRUE;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
    }
  self->offset_x = self->drag_offset_x + dx;
  self->offset_y = self->drag_offset_y + dy;
  self->fitted = FALSE;
  lotline_graph_view_clamp_offsets (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_drag_end_cb (GtkGestureDrag   *gesture,
                double            dx,
                double            dy,
                LotlineGraphView *self)
{
  double sx, sy;

  if (!self->dragging && !self->pinching && self->layout != NULL)
    {
      guint32 time = gtk_event_controller_get_current_event_time (GTK_EVENT_CONTROLLER (gesture));
      int double_click_time = 400;
      int index;

      gtk_gesture_drag_get_start_point (gesture, &sx, &sy);
      g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-double-click-time", &double_click_time, NULL);
      index = lotline_graph_view_select_at (self, sx, sy);
      if (index >= 0 && index == self->last_click_node &&
          time - self->last_click_time <= (guint32) double_click_time)
        {
          self->last_click_node = -1;
          lotline_graph_view_activate_node (self, index);
        }
      else
        {
          self->last_click_node = index;
          self->last_click_time = time;
        }
    }
  self->dragging = FALSE;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), self->hover >= 0 ? "pointer" : NULL);
}

static void
on_zoom_begin_cb (GtkGesture       *gesture,
                  GdkEventSequence *sequence,
                  LotlineGraphView *self)
{
  self->pinching = TRUE;
  self->pinch_start_scale = self->scale;
}

static void
on_zoom_scale_changed_cb (GtkGestureZoom   *gesture,
                          double            delta,
                          LotlineGraphView *self)
{
  double cx, cy;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &cx, &cy))
    return;
  lotline_graph_view_zoom_at (self, self->pinch_start_scale * delta, cx, cy);
}

static void
on_zoom_end_cb (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                LotlineGraphView *self)
{
  self->pinching = FALSE;
  /* The fingers lift one by one: what is left of the drag is no click. */
  if (gtk_gesture_is_active (self->drag))
    self->dragging = TRUE;
}

/* ---- actions ---------------------------------------------------------- */

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  lotline_graph_view_zoom_in (LOTLINE_GRAPH_VIEW (widget));
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  lotline_graph_view_zoom_out (LOTLINE_GRAPH_VIEW (widget));
}

static void
zoom_reset_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  lotline_graph_view_zoom_reset (LOTLINE_GRAPH_VIEW (widget));
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  lotline_graph_view_zoom_fit (LOTLINE_GRAPH_VIEW (widget));
}

static void
pan_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  LotlineGraphView *self = LOTLINE_GRAPH_VIEW (widget);
  double dx, dy;

  g_variant_get (parameter, "(dd)", &dx, &dy);
  self->offset_x += dx;
  self->offset_y += dy;
  self->fitted = FALSE;
  lotline_graph_view_clamp_offsets (self);
  gtk_widget_queue_draw (widget);
}

static void
activate_selected_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  lotline_graph_view_activate_selected (LOTLINE_GRAPH_VIEW (widget));
}

/* ---- set-up ----------------------------------------------------------- */

void
lotline_graph_view_class_add_actions (GtkWidgetClass *widget_class)
{
  static const struct { guint key; const char *action; } zoom_keys[] = {
    { GDK_KEY_plus, "graph.zoom-in" },
    { GDK_KEY_equal, "graph.zoom-in" },
    { GDK_KEY_KP_Add, "graph.zoom-in" },
    { GDK_KEY_minus, "graph.zoom-out" },
    { GDK_KEY_KP_Subtract, "graph.zoom-out" },
    { GDK_KEY_0, "graph.zoom-reset" },
    { GDK_KEY_KP_0, "graph.zoom-reset" },
  };
  static const guint activate_keys[] = {
    GDK_KEY_Return, GDK_KEY_KP_Enter, GDK_KEY_ISO_Enter, GDK_KEY_space, GDK_KEY_KP_Space,
  };

  gtk_widget_class_install_action (widget_class, "graph.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "graph.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "graph.zoom-reset", NULL, zoom_reset_action);
  gtk_widget_class_install_action (widget_class, "graph.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_install_action (widget_class, "graph.pan", "(dd)", pan_action);
  gtk_widget_class_install_action (widget_class, "graph.activate-selected", NULL, activate_selected_action);

  for (guint i = 0; i < G_N_ELEMENTS (zoom_keys); i++)
    gtk_widget_class_add_binding_action (widget_class, zoom_keys[i].key, GDK_CONTROL_MASK,
                                         zoom_keys[i].action, NULL);
  /* The arrow keys look that way: the graph moves the other. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "graph.pan", "(dd)", PAN_STEP, 0.0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "graph.pan", "(dd)", -PAN_STEP, 0.0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "graph.pan", "(dd)", 0.0, PAN_STEP);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "graph.pan", "(dd)", 0.0, -PAN_STEP);
  for (guint i = 0; i < G_N_ELEMENTS (activate_keys); i++)
    gtk_widget_class_add_binding_action (widget_class, activate_keys[i], 0, "graph.activate-selected", NULL);
}

void
lotline_graph_view_add_controllers (LotlineGraphView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *controller;
  GtkGesture *drag, *zoom;

  self->drag = drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (drag));

  zoom = gtk_gesture_zoom_new ();
  g_signal_connect (zoom, "begin", G_CALLBACK (on_zoom_begin_cb), self);
  g_signal_connect (zoom, "scale-changed", G_CALLBACK (on_zoom_scale_changed_cb), self);
  g_signal_connect (zoom, "end", G_CALLBACK (on_zoom_end_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (zoom));
  /* Both see every touch: one finger pans, two pinch. */
  gtk_gesture_group (zoom, drag);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll_cb), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (widget, controller);
}
