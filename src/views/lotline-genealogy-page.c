/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotline-genealogy-page-private.h"
#include "lotline-graph-node.h"
#include "lotline-layout.h"
#include "lotline-render-graph.h"

/* Two workers answer for the page: a session worker traces (SQL, with a
 * connection of its own) and the layout worker runs Graphviz.  Every
 * request takes the next generation number; an answer for an older one
 * (the person clicked Upstream, then Both, before the first came back) is
 * dropped, and the cancellable of the older request is cancelled so a
 * layout still waiting in the worker's queue never starts. */

G_DEFINE_FINAL_TYPE (LotlineGenealogyPage, lotline_genealogy_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_TITLE,
  PROP_BUSY,
  PROP_DIRECTION,
  PROP_DEPTH,
  N_PROPS
};

enum {
  OPEN_LOT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void start_layout (LotlineGenealogyPage *self);

/* ---- state ------------------------------------------------------------ */

static void
update_actions (LotlineGenealogyPage *self)
{
  gboolean shown = lotline_graph_view_get_layout (self->graph_view) != NULL;
  double scale = lotline_graph_view_get_scale (self->graph_view);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "genealogy.zoom-in", shown && scale < LOTLINE_GRAPH_VIEW_MAX_SCALE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "genealogy.zoom-out", shown && scale > LOTLINE_GRAPH_VIEW_MIN_SCALE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "genealogy.zoom-reset", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "genealogy.zoom-fit", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "genealogy.export", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "genealogy.print", shown);
}

static void
set_busy (LotlineGenealogyPage *self,
          gboolean              busy,
          const char           *what)
{
  gboolean shown = lotline_graph_view_get_layout (self->graph_view) != NULL;

  if (what != NULL)
    {
      gtk_label_set_label (self->busy_label, what);
      adw_status_page_set_title (self->loading_page, what);
    }
  /* The first time there is nothing to show but the status page; later
   * the old graph stays, under a spinner. */
  gtk_widget_set_visible (self->busy_box, busy && shown);
  gtk_spinner_set_spinning (self->busy_spinner, busy && shown);
  gtk_spinner_set_spinning (self->loading_spinner, busy && !shown);
  if (busy && !shown)
    gtk_stack_set_visible_child_name (self->stack, "loading");

  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
show_error (LotlineGenealogyPage *self,
            const GError         *error)
{
  lotline_graph_view_set_layout (self->graph_view, NULL, NULL);
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->stack, "error");
  set_busy (self, FALSE, NULL);
  update_actions (self);
}

static void
update_title (LotlineGenealogyPage *self)
{
  g_autoptr(GString) codes = g_string_new (NULL);
  g_autofree char *title = NULL;
  guint n_seeds = 0;

  if (self->trace != NULL)
    for (guint i = 0; i < lotline_trace_get_n_nodes (self->trace); i++)
      {
        const LotlineTraceNode *tnode = lotline_trace_get_node (self->trace, i);

        if (!tnode->is_seed)
          continue;
        if (n_seeds++ > 0)
          g_string_append (codes, ", ");
        g_string_append (codes, tnode->label);
      }

  if (n_seeds == 0)
    title = g_strdup (_("Genealogy"));
  else if (n_seeds <= 3)
    /* Translators: the page title, "Genealogy of B-1" or "Genealogy of B-1, B-2". */
    title = g_strdup_printf (_("Genealogy of %s"), codes->str);
  else
    title = g_strdup_printf (ngettext ("Genealogy of %u lot", "Genealogy of %u lots", n_seeds), n_seeds);

  if (g_strcmp0 (title, self->title) == 0)
    return;
  g_free (self->title);
  self->title = g_steal_pointer (&title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static void
sync_controls (LotlineGenealogyPage *self)
{
  self->updating = TRUE;
  gtk_toggle_button_set_active (self->up_button, self->direction == LOTLINE_TRACE_UPSTREAM);
  gtk_toggle_button_set_active (self->down_button, self->direction == LOTLINE_TRACE_DOWNSTREAM);
  gtk_toggle_button_set_active (self->both_button, self->direction == LOTLINE_TRACE_BOTH);
  gtk_spin_button_set_value (self->depth_spin, self->depth);
  self->updating = FALSE;
}

/* ---- tracing and layout ----------------------------------------------- */

typedef struct {
  gint64                *seeds;
  guint                  n_seeds;
  LotlineTraceDirection  direction;
  guint                  depth;
} TraceJob;

static void
trace_job_free (gpointer data)
{
  TraceJob *job = data;

  g_free (job->seeds);
  g_free (job);
}

static gpointer
trace_job_run (LotlineStore  *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  TraceJob *job = data;

  return lotline_store_trace (store, job->seeds, job->n_seeds, job->direction, job->depth, error);
}

/* What travels with a request: the page and the generation it was for. */
typedef struct {
  LotlineGenealogyPage *self;
  guint64               generation;
} Request;

static Request *
request_new (LotlineGenealogyPage *self)
{
  Request *request = g_new0 (Request, 1);

  request->self = g_object_ref (self);
  request->generation = self->generation;
  return request;
}

static void
request_free (Request *request)
{
  g_object_unref (request->self);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

/* Starts a new request, making every earlier one stale. */
static void
next_generation (LotlineGenealogyPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->generation++;
}

static void
on_layout_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  LotlineGenealogyPage *self = request->self;
  g_autoptr(LotlineLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *focus = NULL;
  guint64 generation = 0;

  layout = lotline_layout_compute_finish (result, &generation, &error);
  if (generation != self->generation || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_debug ("genealogy: dropped the layout of request %" G_GUINT64_FORMAT ", showing %" G_GUINT64_FORMAT,
               generation, self->generation);
      return;
    }
  if (layout == NULL)
    {
      show_error (self, error);
      return;
    }

  g_debug ("genealogy: %u of %u nodes laid out in %.0f ms",
           lotline_layout_get_n_nodes (layout), lotline_trace_get_n_nodes (lotline_layout_get_trace (layout)),
           lotline_layout_get_elapsed (layout) * 1000);
  focus = g_steal_pointer (&self->focus_key);
  lotline_graph_view_set_layout (self->graph_view, layout, focus);
  gtk_stack_set_visible_child_name (self->stack, "graph");
  set_busy (self, FALSE, NULL);
  update_actions (self);
}

static void
start_layout (LotlineGenealogyPage *self)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  LotlineLayoutOptions options = { 0 };

  g_return_if_fail (self->trace != NULL);

  next_generation (self);
  for (guint i = 0; i < self->expanded->len; i++)
    g_ptr_array_add (keys, g_ptr_array_index (self->expanded, i));
  g_ptr_array_add (keys, NULL);
  options.expanded_groups = (const char * const *) keys->pdata;
  set_busy (self, TRUE, _("Laying out the graph…"));
  lotline_layout_compute_async (self->trace, &options, self->generation, self->cancellable,
                                on_layout_done_cb, request_new (self));
}

static void
on_trace_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  LotlineGenealogyPage *self = request->self;
  g_autoptr(LotlineTrace) trace = NULL;
  g_autoptr(GError) error = NULL;

  trace = lotline_session_run_finish (LOTLINE_SESSION (source), result, &error);
  if (request->generation != self->generation || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_debug ("genealogy: dropped the trace of request %" G_GUINT64_FORMAT, request->generation);
      return;
    }
  if (trace == NULL)
    {
      show_error (self, error);
      return;
    }

  g_clear_pointer (&self->trace, lotline_trace_unref);
  self->trace = g_steal_pointer (&trace);
  update_title (self);
  start_layout (self);
}

void
lotline_genealogy_page_reload (LotlineGenealogyPage *self)
{
  TraceJob *job;

  g_return_if_fail (LOTLINE_IS_GENEALOGY_PAGE (self));

  /* Keep the selection in view across a reload. */
  if (self->focus_key == NULL)
    self->focus_key = g_strdup (lotline_graph_view_get_selected_key (self->graph_view));

  next_generation (self);
  job = g_new0 (TraceJob, 1);
  job->seeds = g_memdup2 (self->seeds->data, self->seeds->len * sizeof (gint64));
  job->n_seeds = self->seeds->len;
  job->direction = self->direction;
  job->depth = self->depth;
  set_busy (self, TRUE, _("Tracing the genealogy…"));
  lotline_session_run_async (self->session, trace_job_run, job, trace_job_free,
                             (GDestroyNotify) lotline_trace_unref, self->cancellable,
                             on_trace_done_cb, request_new (self));
}

void
lotline_genealogy_page_expand_group (LotlineGenealogyPage *self,
                                     const char           *key)
{
  LotlineLayout *layout;
  int index;

  g_return_if_fail (LOTLINE_IS_GENEALOGY_PAGE (self));
  g_return_if_fail (key != NULL);

  layout = lotline_graph_view_get_layout (self->graph_view);
  if (layout == NULL || self->trace == NULL || (index = lotline_layout_find_node (layout, key)) < 0)
    return;

  /* Centre on the group's first member once it is drawn on its own. */
  {
    const LotlineLayoutNode *node = lotline_layout_get_node (layout, (guint) index);

    if (node->n_members > 0)
      {
        g_free (self->focus_key);
        self->focus_key = g_strdup (lotline_trace_get_node (self->trace, node->members[0])->key);
      }
  }
  g_ptr_array_add (self->expanded, g_strdup (key));
  start_layout (self);
}

/* ---- activation ------------------------------------------------------- */

static void
activate_key (LotlineGenealogyPage *self,
              const char           *key,
              int                   trace_node)
{
  const LotlineTraceNode *tnode;

  if (trace_node < 0)
    {
      lotline_genealogy_page_expand_group (self, key);
      return;
    }
  if (self->trace == NULL || (guint) trace_node >= lotline_trace_get_n_nodes (self->trace))
    return;
  tnode = lotline_trace_get_node (self->trace, (guint) trace_node);
  if (tnode->kind == LOTLINE_NODE_LOT)
    g_signal_emit (self, signals[OPEN_LOT], 0, tnode->id);
}

static void
on_activate_node_cb (LotlineGenealogyPage *self,
                     const char           *key,
                     int                   trace_node)
{
  activate_key (self, key, trace_node);
}

static void
on_table_activate_cb (LotlineGenealogyPage *self,
                      guint                 position)
{
  g_autoptr(LotlineGraphNode) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (item != NULL)
    activate_key (self, lotline_graph_node_get_key (item), lotline_graph_node_get_trace_node (item));
}

/* ---- controls --------------------------------------------------------- */

static void
on_direction_toggled_cb (LotlineGenealogyPage *self,
                         GtkToggleButton      *button)
{
  if (self->updating || !gtk_toggle_button_get_active (button))
    return;
  if (button == self->up_button)
    lotline_genealogy_page_set_direction (self, LOTLINE_TRACE_UPSTREAM);
  else if (button == self->down_button)
    lotline_genealogy_page_set_direction (self, LOTLINE_TRACE_DOWNSTREAM);
  else
    lotline_genealogy_page_set_direction (self, LOTLINE_TRACE_BOTH);
}

static gboolean
on_depth_output_cb (GtkSpinButton *spin,
                    gpointer       user_data)
{
  if (gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin)) >= 0.5)
    return FALSE;
  /* Translators: the depth spin button at 0: follow every production step. */
  gtk_editable_set_text (GTK_EDITABLE (spin), C_("depth", "All"));
  return TRUE;
}

static int
on_depth_input_cb (GtkSpinButton *spin,
                   double        *new_value,
                   gpointer       user_data)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));

  if (g_ascii_strtod (text, NULL) == 0 && !g_ascii_isdigit (text[0]))
    {
      *new_value = 0;
      return TRUE;
    }
  return FALSE;
}

static void
on_depth_changed_cb (LotlineGenealogyPage *self,
                     GtkSpinButton        *spin)
{
  if (self->updating)
    return;
  lotline_genealogy_page_set_depth (self, (guint) gtk_spin_button_get_value_as_int (spin));
}

static gboolean
update_zoom_cb (gpointer user_data)
{
  LotlineGenealogyPage *self = user_data;
  g_autofree char *text = NULL;

  self->zoom_idle_id = 0;
  /* Translators: the zoom level, "125 %". */
  text = g_strdup_printf (_("%.0f %%"), lotline_graph_view_get_scale (self->graph_view) * 100);
  gtk_button_set_label (self->zoom_button, text);
  update_actions (self);
  return G_SOURCE_REMOVE;
}

/* The view refits while it is allocated; a label changing size then would
 * resize the toolbar in the middle of the allocation, so wait for idle. */
static void
on_scale_changed_cb (LotlineGenealogyPage *self)
{
  if (self->zoom_idle_id == 0)
    self->zoom_idle_id = g_idle_add (update_zoom_cb, self);
}

/* GtkColumnView cannot scroll to a row before GTK 4.12; rows are all one
 * height, so the position gives the offset. */
static gboolean
scroll_table_cb (gpointer user_data)
{
  LotlineGenealogyPage *self = user_data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->table_scroller);
  guint position = gtk_single_selection_get_selected (self->selection);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  double upper, page, value, row, top;

  self->scroll_idle_id = 0;
  if (position == GTK_INVALID_LIST_POSITION || n == 0)
    return G_SOURCE_REMOVE;
  upper = gtk_adjustment_get_upper (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  value = gtk_adjustment_get_value (adjustment);
  /* One more row's worth for the header. */
  row = upper / (n + 1);
  top = (position + 1) * row;
  if (top < value + row || top + row > value + page)
    gtk_adjustment_set_value (adjustment, CLAMP (top - page / 2 + row / 2, 0, upper - page));
  return G_SOURCE_REMOVE;
}

static void
on_selected_key_changed_cb (LotlineGenealogyPage *self)
{
  if (self->scroll_idle_id == 0)
    self->scroll_idle_id = g_idle_add (scroll_table_cb, self);
}

/* ---- table ------------------------------------------------------------ */

typedef const char *(*ItemText) (LotlineGraphNode *node);

static const char *
item_depth_text (LotlineGraphNode *node)
{
  static char buffer[16];

  /* Main thread only, and used at once. */
  g_snprintf (buffer, sizeof buffer, "%d", lotline_graph_node_get_depth (node));
  return buffer;
}

static void
on_cell_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  GtkWidget *label = gtk_inscription_new (NULL);
  float xalign = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "numeric")) ? 1.0f : 0.0f;

  gtk_inscription_set_xalign (GTK_INSCRIPTION (label), xalign);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (label),
                                 (guint) GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "chars")));
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (label), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  ItemText text = (ItemText) user_data;
  LotlineGraphNode *node = gtk_list_item_get_item (list_item);

  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (list_item)), text (node));
}

static void
set_column_factory (GtkColumnViewColumn *column,
                    ItemText             text,
                    guint                chars,
                    gboolean             numeric)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_object_set_data (G_OBJECT (factory), "chars", GUINT_TO_POINTER (chars));
  g_object_set_data (G_OBJECT (factory), "numeric", GINT_TO_POINTER (numeric));
  g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind_cb), (gpointer) text);
  gtk_column_view_column_set_factory (column, factory);
}

static void
setup_table (LotlineGenealogyPage *self)
{
  GListModel *nodes = lotline_graph_view_get_nodes (self->graph_view);

  set_column_factory (self->kind_column, lotline_graph_node_get_kind_label, 9, FALSE);
  set_column_factory (self->name_column, lotline_graph_node_get_name, 18, FALSE);
  set_column_factory (self->product_column, lotline_graph_node_get_product, 22, FALSE);
  set_column_factory (self->status_column, lotline_graph_node_get_status_label, 10, FALSE);
  set_column_factory (self->depth_column, item_depth_text, 4, TRUE);
  set_column_factory (self->on_hand_column, lotline_graph_node_get_on_hand_label, 10, TRUE);

  /* One selection for the table and the graph, over the view's nodes in
   * the order the table's headers ask for. */
  self->sorted = gtk_sort_list_model_new (g_object_ref (nodes),
                                          g_object_ref (gtk_column_view_get_sorter (self->table)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->table, GTK_SELECTION_MODEL (self->selection));
  lotline_graph_view_set_selection_model (self->graph_view, self->selection);
}

/* ---- actions ---------------------------------------------------------- */

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LotlineGenealogyPage *self = LOTLINE_GENEALOGY_PAGE (widget);

  if (g_str_equal (action_name, "genealogy.zoom-in"))
    lotline_graph_view_zoom_in (self->graph_view);
  else if (g_str_equal (action_name, "genealogy.zoom-out"))
    lotline_graph_view_zoom_out (self->graph_view);
  else if (g_str_equal (action_name, "genealogy.zoom-reset"))
    lotline_graph_view_zoom_reset (self->graph_view);
  else
    lotline_graph_view_zoom_fit (self->graph_view);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  lotline_genealogy_page_reload (LOTLINE_GENEALOGY_PAGE (widget));
}

/* ---- public ----------------------------------------------------------- */

GtkWidget *
lotline_genealogy_page_new (LotlineSession *session,
                            const gint64   *seed_lot_ids,
                            guint           n_seeds)
{
  LotlineGenealogyPage *self;

  g_return_val_if_fail (LOTLINE_IS_SESSION (session), NULL);
  g_return_val_if_fail (seed_lot_ids != NULL && n_seeds > 0, NULL);

  self = g_object_new (LOTLINE_TYPE_GENEALOGY_PAGE, "session", session, NULL);
  g_array_append_vals (self->seeds, seed_lot_ids, n_seeds);
  lotline_genealogy_page_reload (self);
  return GTK_WIDGET (self);
}

LotlineSession *
lotline_genealogy_page_get_session (LotlineGenealogyPage *self)
{
  g_return_val_if_fail (LOTLINE_IS_GENEALOGY_PAGE (self), NULL);
  return self->session;
}

const gint64 *
lotline_genealogy_page_get_seeds (LotlineGenealogyPage *self,
                                  guint                *n_seeds)
{
  g_return_val_if_fail (LOTLINE_IS_GENEALOGY_PAGE (self), NULL);
  if (n_seeds)
    *n_seeds = self->seeds->len;
  return (const gint64 *) (gpointer) self->seeds->data;
}

const char *
lotline_genealogy_page_get_title (LotlineGenealogyPage *self)
{
  g_return_val_if_fail (LOTLINE_IS_GENEALOGY_PAGE (self), NULL);
  return self->title;
}

gboolean
lotline_genealogy_page_get_busy (LotlineGenealogyPage *self)
{
  g_return_val_if_fail (LOTLINE_IS_GENEALOGY_PAGE (self), FALSE);
  return self->busy;
}

LotlineTraceDirection
lotline_genealogy_page_get_direction (LotlineGenealogyPage *self)
{
  g_return_val_if_fail (LOTLINE_IS_GENEALOGY_PAGE (self), LOTLINE_TRACE_BOTH);
  return self->direction;
}

void
lotline_genealogy_page_set_direction (LotlineGenealogyPage  *self,
                                      LotlineTraceDirection  direction)
{
  g_return_if_fail (LOTLINE_IS_GENEALOGY_PAGE (self));

  if (self->direction == direction)
    return;
  self->direction = direction;
  sync_controls (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRECTION]);
  if (self->seeds->len > 0)
    lotline_genealogy_page_reload (self);
}

guint
lotline_genealogy_page_get_depth (LotlineGenealogyPage *self)
{
  g_return_val_if_fail (LOTLINE_IS_GENEALOGY_PAGE (self), 0);
  return self->depth;
}

void
lotline_genealogy_page_set_depth (LotlineGenealogyPage *self,
                                  guint                 depth)
{
  g_return_if_fail (LOTLINE_IS_GENEALOGY_PAGE (self));

  if (self->depth == depth)
    return;
  self->depth = depth;
  sync_controls (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEPTH]);
  if (self->seeds->len > 0)
    lotline_genealogy_page_reload (self);
}

LotlineGraphView *
lotline_genealogy_page_get_graph_view (LotlineGenealogyPage *self)
{
  g_return_val_if_fail (LOTLINE_IS_GENEALOGY_PAGE (self), NULL);
  return self->graph_view;
}

GtkColumnView *
lotline_genealogy_page_get_table (LotlineGenealogyPage *self)
{
  g_return_val_if_fail (LOTLINE_IS_GENEALOGY_PAGE (self), NULL);
  return self->table;
}

/* ---- GObject ---------------------------------------------------------- */

static void
on_session_changed_cb (LotlineGenealogyPage *self)
{
  /* A new event may have changed the genealogy. */
  lotline_genealogy_page_reload (self);
}

static void
lotline_genealogy_page_constructed (GObject *object)
{
  LotlineGenealogyPage *self = LOTLINE_GENEALOGY_PAGE (object);

  G_OBJECT_CLASS (lotline_genealogy_page_parent_class)->constructed (object);

  g_return_if_fail (self->session != NULL);
  self->today = lotline_session_dup_today (self->session);
  lotline_graph_view_set_today (self->graph_view, self->today);
  g_signal_connect_object (self->session, "changed", G_CALLBACK (on_session_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
lotline_genealogy_page_dispose (GObject *object)
{
  LotlineGenealogyPage *self = LOTLINE_GENEALOGY_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->scroll_idle_id, g_source_remove);
  g_clear_handle_id (&self->zoom_idle_id, g_source_remove);
  if (self->export_chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->export_chooser));
      g_clear_object (&self->export_chooser);
    }
  if (self->table != NULL)
    gtk_column_view_set_model (self->table, NULL);
  /* The template's overlay is the bin's child: let the bin drop it first,
   * or it would unparent it again after the template has. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LOTLINE_TYPE_GENEALOGY_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_pointer (&self->trace, lotline_trace_unref);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (lotline_genealogy_page_parent_class)->dispose (object);
}

static void
lotline_genealogy_page_finalize (GObject *object)
{
  LotlineGenealogyPage *self = LOTLINE_GENEALOGY_PAGE (object);

  g_array_unref (self->seeds);
  g_ptr_array_unref (self->expanded);
  g_free (self->title);
  g_free (self->today);
  g_free (self->focus_key);

  G_OBJECT_CLASS (lotline_genealogy_page_parent_class)->finalize (object);
}

static void
lotline_genealogy_page_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  LotlineGenealogyPage *self = LOTLINE_GENEALOGY_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_DIRECTION:
      g_value_set_int (value, self->direction);
      break;
    case PROP_DEPTH:
      g_value_set_uint (value, self->depth);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotline_genealogy_page_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  LotlineGenealogyPage *self = LOTLINE_GENEALOGY_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_DIRECTION:
      lotline_genealogy_page_set_direction (self, (LotlineTraceDirection) g_value_get_int (value));
      break;
    case PROP_DEPTH:
      lotline_genealogy_page_set_depth (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotline_genealogy_page_class_init (LotlineGenealogyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lotline_genealogy_page_constructed;
  object_class->dispose = lotline_genealogy_page_dispose;
  object_class->finalize = lotline_genealogy_page_finalize;
  object_class->get_property = lotline_genealogy_page_get_property;
  object_class->set_property = lotline_genealogy_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         LOTLINE_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* A LotlineTraceDirection; core has no GType for it. */
  properties[PROP_DIRECTION] =
    g_param_spec_int ("direction", NULL, NULL,
                      LOTLINE_TRACE_UPSTREAM, LOTLINE_TRACE_SIBLINGS, LOTLINE_TRACE_BOTH,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEPTH] =
    g_param_spec_uint ("depth", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LotlineGenealogyPage::open-lot:
   * @self: the page
   * @lot_id: the lot a person double-clicked in the graph or activated in
   *   the table
   */
  signals[OPEN_LOT] =
    g_signal_new ("open-lot",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (LOTLINE_TYPE_GRAPH_VIEW);
  g_type_ensure (LOTLINE_TYPE_GRAPH_NODE);
  gtk_widget_class_set_template_from_resource (widget_class, LOTLINE_RESOURCE_PATH "/lotline-genealogy-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LotlineGenealogyPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LotlineGenealogyPage, stack);
  gtk_widget_class_bind_template_child (widget_class, LotlineGenealogyPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, LotlineGenealogyPage, loading_page);
  gtk_widget_class_bind_template_child (widget_class, LotlineGenealogyPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, LotlineGenealogyPage, graph_view);
  gtk_widget_class_bind_template_child (widget_class, LotlineGenealogyPage, busy_box);
  gtk_widget_class_bind_template_child (widget_class, LotlineGenealogyPage, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, LotlineGenealogyPage, busy_label);
  gtk_widget_class_bind_template_child (widget_class, LotlineGenealogyPage, up_button);
  gtk_widget_class_bind_template_child (widget_class, LotlineGenealogyPage, down_button);
  gtk_widget_class_bind_template_child (widget_class, LotlineGenealogyPage, both_button);
  gtk_widget_class_bind_template_child (widget_class, LotlineGenealogyPage, depth_spin);
  gtk_widget_class_bind_template_child (widget_class, LotlineGenealogyPage, zoom_button);
  gtk_widget_class_bind_template_child (widget_class, LotlineGenealogyPage, table_scroller);
  gtk_widget_class_bind_template_child (widget_class, LotlineGenealogyPage, table);
  gtk_widget_class_bind_template_child (widget_class, LotlineGenealogyPage, kind_column);
  gtk_widget_class_bind_template_child (widget_class, LotlineGenealogyPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, LotlineGenealogyPage, product_column);
  gtk_widget_class_bind_template_child (widget_class, LotlineGenealogyPage, status_column);
  gtk_widget_class_bind_template_child (widget_class, LotlineGenealogyPage, depth_column);
  gtk_widget_class_bind_template_child (widget_class, LotlineGenealogyPage, on_hand_column);
  gtk_widget_class_bind_template_callback (widget_class, on_direction_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_depth_output_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_depth_input_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_depth_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_activate_node_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_scale_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_selected_key_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_table_activate_cb);

  gtk_widget_class_install_action (widget_class, "genealogy.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "genealogy.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "genealogy.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "genealogy.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "genealogy.export", NULL, lotline_genealogy_page_export_action);
  gtk_widget_class_install_action (widget_class, "genealogy.print", NULL, lotline_genealogy_page_print_action);
  gtk_widget_class_install_action (widget_class, "genealogy.reload", NULL, reload_action);

  /* Also when the table has the focus (the graph binds its own). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "genealogy.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "genealogy.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "genealogy.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "genealogy.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "genealogy.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "genealogy.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "genealogy.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "genealogy.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "genealogy.print", NULL);
}

static void
lotline_genealogy_page_init (LotlineGenealogyPage *self)
{
  self->seeds = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->expanded = g_ptr_array_new_with_free_func (g_free);
  self->direction = LOTLINE_TRACE_BOTH;
  self->title = g_strdup (_("Genealogy"));

  gtk_widget_init_template (GTK_WIDGET (self));
  setup_table (self);
  sync_controls (self);
  update_zoom_cb (self);
}
