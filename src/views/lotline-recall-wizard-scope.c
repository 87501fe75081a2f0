/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The recall wizard's scope review: the scope and the downstream trace of
 * the seeds, computed on a session worker, laid out on the layout worker,
 * and shown as totals, tables, the genealogy drawing and the upstream
 * origin. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lotline-layout.h"
#include "lotline-recall-wizard-private.h"
#include "lotline-trace.h"
#include "lotline-view-util.h"

/* ---- a row of text for the tables ------------------------------------------ */

#define LOTLINE_TYPE_WIZARD_ROW (lotline_wizard_row_get_type ())
G_DECLARE_FINAL_TYPE (LotlineWizardRow, lotline_wizard_row, LOTLINE, WIZARD_ROW, GObject)

struct _LotlineWizardRow
{
  GObject  parent_instance;
  char   **columns;
  gint64   lot_id;   /* the lots table's rows: the lot, shared with the graph */
};

G_DEFINE_FINAL_TYPE (LotlineWizardRow, lotline_wizard_row, G_TYPE_OBJECT)

static void
lotline_wizard_row_finalize (GObject *object)
{
  g_strfreev (LOTLINE_WIZARD_ROW (object)->columns);
  G_OBJECT_CLASS (lotline_wizard_row_parent_class)->finalize (object);
}

static void
lotline_wizard_row_class_init (LotlineWizardRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lotline_wizard_row_finalize;
}

static void
lotline_wizard_row_init (LotlineWizardRow *self)
{
}

/* Takes the NULL-terminated @columns. */
static LotlineWizardRow *
wizard_row_new (char **columns)
{
  LotlineWizardRow *row = g_object_new (LOTLINE_TYPE_WIZARD_ROW, NULL);

  row->columns = columns;
  return row;
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  LotlineWizardRow *row = gtk_list_item_get_item (list_item);
  guint column = GPOINTER_TO_UINT (user_data);
  const char *text = column < g_strv_length (row->columns) ? row->columns[column] : "";

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (list_item)), text);
  gtk_widget_set_tooltip_text (gtk_list_item_get_child (list_item), text);
}

void
lotline_recall_wizard_add_columns (GtkColumnView      *view,
                                   const char * const *titles,
                                   guint               n_columns)
{
  GListStore *store = g_list_store_new (LOTLINE_TYPE_WIZARD_ROW);

  for (guint i = 0; i < n_columns; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GUINT_TO_POINTER (i));
      column = gtk_column_view_column_new (titles[i], factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, TRUE);
      gtk_column_view_append_column (view, column);
    }
  gtk_column_view_set_model (view, GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (store))));
}

/* The rows' store under the view's selection model. */
static GListStore *
get_store (GtkColumnView *view)
{
  GtkSelectionModel *model = gtk_column_view_get_model (view);

  if (GTK_IS_SINGLE_SELECTION (model))
    return G_LIST_STORE (gtk_single_selection_get_model (GTK_SINGLE_SELECTION (model)));
  return G_LIST_STORE (gtk_no_selection_get_model (GTK_NO_SELECTION (model)));
}

static void
set_rows (GtkColumnView *view,
          GPtrArray     *rows)
{
  GListStore *store = get_store (view);

  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)), rows->pdata, rows->len);
}

/* ---- filling the step ------------------------------------------------------- */

static GtkWidget *
total_card_new (const char *value,
                const char *caption)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *number = gtk_label_new (value);
  GtkWidget *label = gtk_label_new (caption);
  g_autofree char *accessible = g_strdup_printf ("%s: %s", caption, value);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (number, "title-1");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 16);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_set_margin_top (number, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  gtk_box_append (GTK_BOX (box), number);
  gtk_box_append (GTK_BOX (box), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return box;
}

char *
lotline_recall_wizard_format_total (const LotlineRecallScope *scope,
                                    gint64                    total)
{
  const char *unit = NULL;

  /* A sum over lots counted in different units has no unit. */
  for (guint i = 0; i < scope->lots->len; i++)
    {
      const LotlineRecallLot *lot = g_ptr_array_index (scope->lots, i);

      if (unit == NULL)
        unit = lot->unit;
      else if (g_strcmp0 (unit, lot->unit) != 0)
        return lotline_view_format_quantity (total, NULL);
    }
  return lotline_view_format_quantity (total, unit);
}

static void
show_totals (LotlineRecallWizard      *self,
             const LotlineRecallScope *scope)
{
  g_autofree char *lots = g_strdup_printf ("%u", scope->lots->len);
  g_autofree char *on_hand = lotline_recall_wizard_format_total (scope, scope->total_on_hand);
  g_autofree char *shipped = lotline_recall_wizard_format_total (scope, scope->total_shipped);
  g_autofree char *consignees = g_strdup_printf ("%u", scope->consignees->len);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->totals_box))) != NULL)
    gtk_flow_box_remove (self->totals_box, child);
  gtk_flow_box_append (self->totals_box, total_card_new (lots, _("Affected lots")));
  gtk_flow_box_append (self->totals_box, total_card_new (on_hand, _("On hand, will be quarantined")));
  gtk_flow_box_append (self->totals_box, total_card_new (shipped, _("Quantity shipped")));
  gtk_flow_box_append (self->totals_box, total_card_new (consignees, _("Consignees to notify")));
}

static void
show_lots (LotlineRecallWizard      *self,
           const LotlineRecallScope *scope)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < scope->lots->len; i++)
    {
      const LotlineRecallLot *lot = g_ptr_array_index (scope->lots, i);
      char **columns = g_new0 (char *, 6);

      columns[0] = g_strdup (lot->code);
      columns[1] = g_strdup_printf ("%s · %s", lot->product_sku, lot->product_name);
      columns[2] = g_strdup (lotline_lot_status_to_display (lot->status));
      columns[3] = lotline_view_format_quantity (lot->on_hand, lot->unit);
      columns[4] = g_strdup (lot->is_seed ? _("Seed") : "");
      g_ptr_array_add (rows, wizard_row_new (columns));
      LOTLINE_WIZARD_ROW (rows->pdata[rows->len - 1])->lot_id = lot->lot_id;
    }
  set_rows (self->lots_view, rows);
}

static void
show_stock (LotlineRecallWizard      *self,
            const LotlineRecallScope *scope)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < scope->stock->len; i++)
    {
      const LotlineRecallStock *stock = g_ptr_array_index (scope->stock, i);
      const char *unit = NULL;
      char **columns = g_new0 (char *, 5);

      for (guint j = 0; j < scope->lots->len && unit == NULL; j++)
        if (((LotlineRecallLot *) g_ptr_array_index (scope->lots, j))->lot_id == stock->lot_id)
          unit = ((LotlineRecallLot *) g_ptr_array_index (scope->lots, j))->unit;
      columns[0] = g_strdup (stock->lot_code);
      columns[1] = g_strdup (stock->product_sku);
      columns[2] = g_strdup (stock->location_code);
      columns[3] = lotline_view_format_quantity (stock->quantity, unit);
      g_ptr_array_add (rows, wizard_row_new (columns));
    }
  set_rows (self->stock_view, rows);
}

/* "JAM-1 20 kg, JAM-2 5 kg" and "3 Mar 2026 – 9 Mar 2026". */
static char **
consignee_columns (const LotlineRecallConsignee *c)
{
  g_autoptr(GString) lots = g_string_new (NULL);
  const char *first = NULL, *last = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  char **columns = g_new0 (char *, 5);

  for (guint i = 0; i < c->shipments->len; i++)
    {
      const LotlineRecallShipment *s = g_ptr_array_index (c->shipments, i);
      g_autofree char *quantity = lotline_view_format_quantity (s->quantity, s->unit);

      g_string_append_printf (lots, "%s%s %s", i > 0 ? ", " : "", s->lot_code, quantity);
      if (first == NULL || g_strcmp0 (s->date, first) < 0)
        first = s->date;
      if (last == NULL || g_strcmp0 (s->date, last) > 0)
        last = s->date;
    }
  from = lotline_view_format_date (first);
  to = lotline_view_format_date (last);
  columns[0] = g_strdup (c->name);
  columns[1] = g_strdup (c->city != NULL ? c->city : "");
  columns[2] = g_string_free (g_steal_pointer (&lots), FALSE);
  if (from != NULL && g_strcmp0 (first, last) != 0)
    columns[3] = g_strdup_printf ("%s – %s", from, to);
  else
    columns[3] = g_strdup (from != NULL ? from : "");
  return columns;
}

static void
show_consignees (LotlineRecallWizard      *self,
                 const LotlineRecallScope *scope)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < scope->consignees->len; i++)
    g_ptr_array_add (rows, wizard_row_new (consignee_columns (g_ptr_array_index (scope->consignees, i))));
  set_rows (self->consignees_view, rows);
}

static void
show_roots (LotlineRecallWizard      *self,
            const LotlineRecallScope *scope)
{
  lotline_view_list_box_clear (self->roots_list);
  for (guint i = 0; scope->roots != NULL && i < scope->roots->len; i++)
    {
      const LotlineRecallRoot *root = g_ptr_array_index (scope->roots, i);
      g_autofree char *title = g_strdup_printf ("%s · %s", root->lot_code, root->product_name);
      g_autofree char *quantity = lotline_view_format_quantity (root->quantity_received, root->unit);
      g_autofree char *date = lotline_view_format_date (root->received_on);
      g_autofree char *subtitle = NULL;

      /* Translators: an upstream lot's supplier, receipt date and quantity */
      subtitle = g_strdup_printf (_("from %s · received %s · %s"),
                                  root->supplier_name != NULL ? root->supplier_name : _("no supplier recorded"),
                                  date != NULL ? date : _("date unknown"), quantity);
      gtk_list_box_append (self->roots_list, lotline_view_info_row_new (title, subtitle));
    }
  if (scope->roots == NULL || scope->roots->len == 0)
    gtk_list_box_append (self->roots_list,
                         lotline_view_info_row_new (_("No upstream origin recorded"),
                                                    _("No receipt of a raw material leads to the seed lots.")));
}

/* ---- computing it ----------------------------------------------------------- */

typedef struct {
  LotlineRecallScope *scope;
  LotlineTrace       *trace;
} ScopeResult;

static void
scope_result_free (gpointer data)
{
  ScopeResult *result = data;

  g_clear_pointer (&result->scope, lotline_recall_scope_free);
  g_clear_pointer (&result->trace, lotline_trace_unref);
  g_free (result);
}

static gpointer
compute_scope (LotlineStore  *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  GArray *seeds = data;
  ScopeResult *result = g_new0 (ScopeResult, 1);

  result->scope = lotline_store_recall_scope (store, (const gint64 *) seeds->data, seeds->len, error);
  if (result->scope != NULL)
    result->trace = lotline_store_trace (store, (const gint64 *) seeds->data, seeds->len,
                                         LOTLINE_TRACE_DOWNSTREAM, 0, error);
  if (result->trace == NULL)
    {
      scope_result_free (result);
      return NULL;
    }
  return result;
}

typedef struct {
  LotlineRecallWizard *self;
  guint                generation;
} ScopeWait;

static void
on_layout_done_cb (GObject      *source_object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ScopeWait *wait = user_data;
  g_autoptr(LotlineRecallWizard) self = wait->self;
  g_autoptr(LotlineLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  guint64 generation = 0;

  g_free (wait);
  layout = lotline_layout_compute_finish (result, &generation, &error);
  lotline_recall_wizard_job_done (self);
  if (lotline_recall_wizard_gone (self) || generation != self->scope_generation ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (layout == NULL)
    {
      gtk_label_set_label (self->graph_error_label, error->message);
      gtk_stack_set_visible_child_name (self->graph_stack, "error");
      return;
    }
  lotline_graph_view_set_layout (self->graph_view, layout, NULL);
  gtk_stack_set_visible_child_name (self->graph_stack, "graph");
}

static void
start_layout (LotlineRecallWizard *self,
              LotlineTrace        *trace)
{
  LotlineLayoutOptions options = { 0 };
  ScopeWait *wait = g_new0 (ScopeWait, 1);
  g_autofree char *today = lotline_session_dup_today (self->session);

  wait->self = g_object_ref (self);
  wait->generation = self->scope_generation;
  lotline_graph_view_set_today (self->graph_view, today);
  gtk_stack_set_visible_child_name (self->graph_stack, "loading");
  lotline_recall_wizard_job_started (self);
  lotline_layout_compute_async (trace, &options, self->scope_generation, self->cancellable,
                                on_layout_done_cb, wait);
}

static void
on_scope_done_cb (GObject      *source_object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  ScopeWait *wait = user_data;
  g_autoptr(LotlineRecallWizard) self = wait->self;
  guint generation = wait->generation;
  g_autoptr(GError) error = NULL;
  ScopeResult *computed = lotline_session_run_finish (LOTLINE_SESSION (source_object), result, &error);

  g_free (wait);
  if (lotline_recall_wizard_gone (self) || generation != self->scope_generation)
    {
      g_clear_pointer (&computed, scope_result_free);
      lotline_recall_wizard_job_done (self);
      return;   /* Closed, or the seeds changed meanwhile. */
    }
  if (computed == NULL)
    {
      self->scope_failed = !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      if (self->scope_failed)
        adw_status_page_set_description (self->scope_error_page, error->message);
      gtk_stack_set_visible_child_name (self->scope_stack, "error");
      lotline_recall_wizard_job_done (self);
      return;
    }

  g_clear_pointer (&self->scope, lotline_recall_scope_free);
  self->scope = g_steal_pointer (&computed->scope);
  show_totals (self, self->scope);
  show_lots (self, self->scope);
  show_stock (self, self->scope);
  show_consignees (self, self->scope);
  show_roots (self, self->scope);
  gtk_stack_set_visible_child_name (self->scope_stack, "scope");
  start_layout (self, computed->trace);
  scope_result_free (computed);
  lotline_recall_wizard_job_done (self);
}

gboolean
lotline_recall_wizard_scope_current (LotlineRecallWizard *self)
{
  return self->scope != NULL &&
         self->scope_ids->len == self->seed_ids->len &&
         memcmp (self->scope_ids->data, self->seed_ids->data, self->seed_ids->len * sizeof (gint64)) == 0;
}

void
lotline_recall_wizard_load_scope (LotlineRecallWizard *self)
{
  GArray *seeds;
  ScopeWait *wait;

  if (self->session == NULL || self->seed_ids->len == 0 || lotline_recall_wizard_scope_current (self))
    return;

  self->scope_generation++;
  self->scope_failed = FALSE;
  g_clear_pointer (&self->scope, lotline_recall_scope_free);
  g_array_set_size (self->scope_ids, 0);
  g_array_append_vals (self->scope_ids, self->seed_ids->data, self->seed_ids->len);
  seeds = g_array_copy (self->seed_ids);
  wait = g_new0 (ScopeWait, 1);
  wait->self = g_object_ref (self);
  wait->generation = self->scope_generation;
  gtk_stack_set_visible_child_name (self->scope_stack, "loading");
  lotline_recall_wizard_job_started (self);
  lotline_session_run_async (self->session, compute_scope, seeds, (GDestroyNotify) g_array_unref,
                             scope_result_free, self->cancellable, on_scope_done_cb, wait);
}

const LotlineRecallScope *
lotline_recall_wizard_get_scope (LotlineRecallWizard *self)
{
  g_return_val_if_fail (LOTLINE_IS_RECALL_WIZARD (self), NULL);

  return lotline_recall_wizard_scope_current (self) ? self->scope : NULL;
}

GtkWidget *
lotline_recall_wizard_get_graph_view (LotlineRecallWizard *self)
{
  g_return_val_if_fail (LOTLINE_IS_RECALL_WIZARD (self), NULL);

  return GTK_WIDGET (self->graph_view);
}

/* ---- the lots table and the graph share their selection --------------------- */

GtkColumnView *
lotline_recall_wizard_get_lots_view (LotlineRecallWizard *self)
{
  g_return_val_if_fail (LOTLINE_IS_RECALL_WIZARD (self), NULL);

  return self->lots_view;
}

static void
on_lot_row_selected_cb (GtkSingleSelection  *selection,
                        GParamSpec          *pspec,
                        LotlineRecallWizard *self)
{
  LotlineWizardRow *row = gtk_single_selection_get_selected_item (selection);
  g_autofree char *key = NULL;

  if (row == NULL || row->lot_id == 0)
    return;
  key = g_strdup_printf ("lot:%" G_GINT64_FORMAT, row->lot_id);
  if (g_strcmp0 (lotline_graph_view_get_selected_key (self->graph_view), key) == 0)
    return;
  /* A lot inside a collapsed group is not drawn: nothing to select. */
  lotline_graph_view_set_selected_key (self->graph_view, key);
  lotline_graph_view_center_on (self->graph_view, key);
}

static void
on_graph_selected_cb (LotlineGraphView    *graph,
                      GParamSpec          *pspec,
                      LotlineRecallWizard *self)
{
  const char *key = lotline_graph_view_get_selected_key (graph);
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (self->lots_view));
  GListModel *rows = G_LIST_MODEL (get_store (self->lots_view));
  gint64 lot_id;

  if (key == NULL || !g_str_has_prefix (key, "lot:"))
    return;
  lot_id = g_ascii_strtoll (key + 4, NULL, 10);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(LotlineWizardRow) row = g_list_model_get_item (rows, i);

      if (row->lot_id == lot_id)
        {
          if (gtk_single_selection_get_selected (selection) != i)
            gtk_single_selection_set_selected (selection, i);
          return;
        }
    }
}

static void
share_lot_selection (LotlineRecallWizard *self)
{
  GListStore *store = get_store (self->lots_view);
  GtkSingleSelection *selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (store)));

  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_column_view_set_model (self->lots_view, GTK_SELECTION_MODEL (selection));
  g_signal_connect_object (selection, "notify::selected", G_CALLBACK (on_lot_row_selected_cb), self, 0);
  g_signal_connect_object (self->graph_view, "notify::selected-key", G_CALLBACK (on_graph_selected_cb), self, 0);
  g_object_unref (selection);
}

void
lotline_recall_wizard_scope_init (LotlineRecallWizard *self)
{
  const char *lot_titles[] = { _("Lot"), _("Product"), _("Status"), _("On hand"), _("Seed") };
  const char *stock_titles[] = { _("Lot"), _("Product"), _("Location"), _("Quantity") };
  const char *consignee_titles[] = { _("Consignee"), _("City"), _("Lots and quantities"), _("Shipped") };

  lotline_recall_wizard_add_columns (self->lots_view, lot_titles, G_N_ELEMENTS (lot_titles));
  lotline_recall_wizard_add_columns (self->stock_view, stock_titles, G_N_ELEMENTS (stock_titles));
  lotline_recall_wizard_add_columns (self->consignees_view, consignee_titles, G_N_ELEMENTS (consignee_titles));
  share_lot_selection (self);
}
