/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotline-label-window.h"
#include "lotline-lot-page-private.h"
#include "lotline-query.h"
#include "lotline-recall-wizard.h"
#include "lotline-trace.h"
#include "lotline-view-util.h"

/* Everything the page shows, read in one job on a worker. */
typedef struct {
  LotlineLot   *lot;
  GArray       *stock;     /* LotlineStockEntry */
  GPtrArray    *timeline;  /* LotlineTimelineEntry* */
  LotlineTrace *trace;     /* both ways, one production step */
  LotlineLotCodeReading *code;  /* NULL unless the code follows its format */
} LotData;

static void
lot_data_free (gpointer data)
{
  LotData *ld = data;

  g_clear_pointer (&ld->lot, lotline_lot_free);
  g_clear_pointer (&ld->stock, g_array_unref);
  g_clear_pointer (&ld->timeline, g_ptr_array_unref);
  g_clear_pointer (&ld->trace, lotline_trace_unref);
  g_clear_pointer (&ld->code, lotline_lot_code_reading_free);
  g_free (ld);
}

struct _LotlineLotPage
{
  AdwBin          parent_instance;

  LotlineSession *session;
  gint64          lot_id;
  char           *title;
  gboolean        loading;
  gboolean        loaded_once;
  LotlineLotStatus status;       /* effective, of the lot shown */
  GCancellable   *cancellable;   /* of the load under way */
  guint           generation;    /* of the latest load; older results are dropped */

  GtkStack       *stack;
  GtkSpinner     *spinner;
  AdwStatusPage  *error_page;
  GtkLabel       *code_label;
  GtkLabel       *product_label;
  GtkLabel       *status_label;
  GtkLabel       *summary_label;
  GtkButton      *status_button;
  GtkButton      *ship_button;
  GtkButton      *transfer_button;
  GtkButton      *adjust_button;
  GtkButton      *destroy_button;
  GtkFlowBox     *actions_box;
  GtkListBox     *stock_list;
  GtkListBox     *made_from_list;
  GtkListBox     *went_into_list;
  GtkListBox     *balance_list;
  GtkListBox     *details_list;
  GtkWidget      *code_group;
  GtkListBox     *code_list;
  GtkListBox     *history_list;
};

G_DEFINE_FINAL_TYPE (LotlineLotPage, lotline_lot_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_LOT_ID,
  PROP_TITLE,
  PROP_LOADING,
  N_PROPS
};

enum {
  OPEN_LOT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- worker -------------------------------------------------------------- */

static gpointer
load_lot_job (LotlineStore  *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  gint64 lot_id = *(gint64 *) data;
  g_autofree LotData *ld = g_new0 (LotData, 1);

  ld->lot = lotline_store_get_lot (store, lot_id, error);
  if (ld->lot == NULL)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto fail;
  ld->stock = lotline_store_get_stock (store, lot_id, error);
  if (ld->stock == NULL)
    goto fail;
  ld->timeline = lotline_store_get_lot_timeline (store, lot_id, error);
  if (ld->timeline == NULL)
    goto fail;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto fail;
  ld->trace = lotline_store_trace (store, &lot_id, 1, LOTLINE_TRACE_BOTH, 1, error);
  if (ld->trace == NULL)
    goto fail;
  ld->code = lotline_lot_page_read_code (store, ld->lot);
  return g_steal_pointer (&ld);

fail:
  lot_data_free (g_steal_pointer (&ld));
  return NULL;
}

/* ---- small helpers ------------------------------------------------------- */

static void
set_title (LotlineLotPage *self,
           const char     *title)
{
  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static void
set_loading (LotlineLotPage *self,
             gboolean        loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* ---- sections ------------------------------------------------------------ */

static void
show_header (LotlineLotPage   *self,
             const LotlineLot *lot,
             const char       *today)
{
  g_autofree char *product = g_strdup_printf ("%s · %s", lot->product_sku, lot->product_name);
  g_autofree char *on_hand = lotline_view_format_quantity (lot->on_hand, lot->unit);
  g_autofree char *on_hand_text = g_strdup_printf (_("%s on hand"), on_hand);
  g_autofree char *days = lotline_view_format_days_left (today, lot->expires_on);
  g_autofree char *summary = NULL;
  const char *status_text = lotline_lot_status_to_display (self->status);

  gtk_label_set_text (self->code_label, lot->code);
  gtk_label_set_text (self->product_label, product);

  for (LotlineLotStatus s = LOTLINE_LOT_RELEASED; s <= LOTLINE_LOT_DESTROYED; s++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), lotline_view_status_css_class (s));
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), lotline_view_status_css_class (self->status));
  gtk_label_set_text (self->status_label, status_text);

  if (days != NULL)
    /* Translators: "95 kg on hand · expires in 5 days" */
    summary = g_strdup_printf (_("%s · %s"), on_hand_text, days);
  else
    summary = g_strdup (on_hand_text);
  gtk_label_set_text (self->summary_label, summary);
}

static void
show_actions (LotlineLotPage   *self,
              const LotlineLot *lot)
{
  gboolean destroyed = self->status == LOTLINE_LOT_DESTROYED;
  gboolean recalled = self->status == LOTLINE_LOT_RECALLED;
  gboolean quarantined = self->status == LOTLINE_LOT_QUARANTINED;
  gboolean has_stock = lot->on_hand > 0;

  if (quarantined)
    {
      gtk_button_set_label (self->status_button, _("_Release"));
      /* GTK 4.8 would read the mnemonic's underscore out. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Release"), -1);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_button), _("Release this lot from quarantine"));
    }
  else
    {
      gtk_button_set_label (self->status_button, _("_Quarantine"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Quarantine"), -1);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_button), _("Put this lot on hold"));
    }
  gtk_button_set_use_underline (self->status_button, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->status_button), !destroyed && !recalled);
  gtk_widget_set_sensitive (GTK_WIDGET (self->ship_button), has_stock && !recalled);
  gtk_widget_set_sensitive (GTK_WIDGET (self->transfer_button), has_stock);
  gtk_widget_set_sensitive (GTK_WIDGET (self->adjust_button), !destroyed);
  gtk_widget_set_sensitive (GTK_WIDGET (self->destroy_button), has_stock);
}

static void
open_lot (gpointer data,
          gint64   lot_id)
{
  g_signal_emit (data, signals[OPEN_LOT], 0, lot_id);
}

static void
show_lot (LotlineLotPage *self,
          const LotData  *ld)
{
  g_autofree char *today = lotline_session_dup_today (self->session);

  self->status = lotline_lot_effective_status (ld->lot, today);

  show_header (self, ld->lot, today);
  show_actions (self, ld->lot);
  lotline_lot_page_fill_stock (self->stock_list, ld->lot, ld->stock);
  lotline_lot_page_fill_genealogy (self->made_from_list, self->went_into_list, ld->lot, ld->trace,
                                   open_lot, self);
  lotline_lot_page_fill_balance (self->balance_list, ld->lot, ld->trace);
  lotline_lot_page_fill_details (self->details_list, ld->lot, self->status, today);
  lotline_lot_page_fill_code (self->code_group, self->code_list, ld->code);
  lotline_lot_page_fill_history (self->history_list, ld->lot, ld->timeline);

  set_title (self, ld->lot->code);
  gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "lot");
}

static void
show_error (LotlineLotPage *self,
            const GError   *error)
{
  g_autofree char *description = g_markup_escape_text (error->message, -1);

  adw_status_page_set_description (self->error_page, description);
  set_title (self, _("Lot not found"));
  gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

/* ---- loading ------------------------------------------------------------- */

typedef struct {
  LotlineLotPage *self;
  guint           generation;
} LoadRequest;

static void
on_load_done_cb (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  LoadRequest *request = user_data;
  g_autoptr(LotlineLotPage) self = request->self;
  g_autoptr(GError) error = NULL;
  LotData *ld;
  gboolean current = request->generation == self->generation;

  g_free (request);
  ld = lotline_session_run_finish (LOTLINE_SESSION (source_object), result, &error);

  /* A newer load replaced this one, or the page is gone. */
  if (!current || self->stack == NULL ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_pointer (&ld, lot_data_free);
      return;
    }

  set_loading (self, FALSE);
  self->loaded_once = TRUE;
  if (ld == NULL)
    show_error (self, error);
  else
    show_lot (self, ld);
  g_clear_pointer (&ld, lot_data_free);
}

void
lotline_lot_page_reload (LotlineLotPage *self)
{
  LoadRequest *request;

  g_return_if_fail (LOTLINE_IS_LOT_PAGE (self));

  if (self->session == NULL || self->lot_id <= 0)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  /* After the first load, the page keeps showing the lot while it reloads. */
  if (!self->loaded_once)
    {
      set_title (self, _("Loading…"));
      gtk_spinner_start (self->spinner);
      gtk_stack_set_visible_child_name (self->stack, "loading");
    }
  set_loading (self, TRUE);

  request = g_new0 (LoadRequest, 1);
  request->self = g_object_ref (self);
  request->generation = ++self->generation;
  lotline_session_run_async (self->session, load_lot_job,
                             g_memdup2 (&self->lot_id, sizeof self->lot_id), g_free,
                             lot_data_free, self->cancellable,
                             on_load_done_cb, request);
}

static void
on_session_changed_cb (LotlineSession *session,
                       LotlineLotPage *self)
{
  lotline_lot_page_reload (self);
}

/* ---- actions ------------------------------------------------------------- */

static void
record_for_lot (LotlineLotPage   *self,
                LotlineEventKind  kind)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.record-for-lot", "(sx)",
                              lotline_event_kind_to_string (kind), self->lot_id);
}

static void
on_status_button_clicked_cb (LotlineLotPage *self)
{
  record_for_lot (self, self->status == LOTLINE_LOT_QUARANTINED ? LOTLINE_EVENT_RELEASE : LOTLINE_EVENT_QUARANTINE);
}

static void
on_ship_button_clicked_cb (LotlineLotPage *self)
{
  record_for_lot (self, LOTLINE_EVENT_SHIP);
}

static void
on_transfer_button_clicked_cb (LotlineLotPage *self)
{
  record_for_lot (self, LOTLINE_EVENT_TRANSFER);
}

static void
on_adjust_button_clicked_cb (LotlineLotPage *self)
{
  record_for_lot (self, LOTLINE_EVENT_ADJUST);
}

static void
on_destroy_button_clicked_cb (LotlineLotPage *self)
{
  record_for_lot (self, LOTLINE_EVENT_DESTROY);
}

static void
on_genealogy_button_clicked_cb (LotlineLotPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-genealogy", "x", self->lot_id);
}

/* The recall wizard with this lot as its first seed. */
static void
start_recall_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LotlineLotPage *self = LOTLINE_LOT_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  LotlineRecallWizard *wizard;

  if (self->session == NULL || self->lot_id == 0)
    return;
  wizard = lotline_recall_wizard_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->session);
  lotline_recall_wizard_add_seed (wizard, self->lot_id);
  gtk_window_present (GTK_WINDOW (wizard));
}

/* The Print Label window for this lot. */
static void
print_label_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LotlineLotPage *self = LOTLINE_LOT_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->session == NULL || self->lot_id == 0)
    return;
  gtk_window_present (lotline_label_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                self->session, self->lot_id));
}

/* ---- GObject ------------------------------------------------------------- */

static void
lotline_lot_page_constructed (GObject *object)
{
  LotlineLotPage *self = LOTLINE_LOT_PAGE (object);

  G_OBJECT_CLASS (lotline_lot_page_parent_class)->constructed (object);

  if (self->session != NULL)
    g_signal_connect_object (self->session, "changed",
                             G_CALLBACK (on_session_changed_cb), self, G_CONNECT_DEFAULT);
  lotline_lot_page_reload (self);
}

static void
lotline_lot_page_dispose (GObject *object)
{
  LotlineLotPage *self = LOTLINE_LOT_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  /* The template's stack is the bin's child: let the bin drop it first, or
   * it would unparent it again after the template has. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LOTLINE_TYPE_LOT_PAGE);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (lotline_lot_page_parent_class)->dispose (object);
}

static void
lotline_lot_page_finalize (GObject *object)
{
  LotlineLotPage *self = LOTLINE_LOT_PAGE (object);

  g_clear_object (&self->cancellable);
  g_free (self->title);

  G_OBJECT_CLASS (lotline_lot_page_parent_class)->finalize (object);
}

static void
lotline_lot_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LotlineLotPage *self = LOTLINE_LOT_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_LOT_ID:
      g_value_set_int64 (value, self->lot_id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotline_lot_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LotlineLotPage *self = LOTLINE_LOT_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    case PROP_LOT_ID:
      self->lot_id = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotline_lot_page_class_init (LotlineLotPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lotline_lot_page_constructed;
  object_class->dispose = lotline_lot_page_dispose;
  object_class->finalize = lotline_lot_page_finalize;
  object_class->get_property = lotline_lot_page_get_property;
  object_class->set_property = lotline_lot_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         LOTLINE_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_LOT_ID] =
    g_param_spec_int64 ("lot-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LotlineLotPage::open-lot:
   * @self: the page
   * @lot_id: the lot a person chose among this lot's inputs or outputs
   */
  signals[OPEN_LOT] =
    g_signal_new ("open-lot",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, LOTLINE_RESOURCE_PATH "/lotline-lot-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LotlineLotPage, stack);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotPage, code_label);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotPage, product_label);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotPage, actions_box);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotPage, status_button);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotPage, ship_button);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotPage, transfer_button);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotPage, adjust_button);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotPage, destroy_button);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotPage, stock_list);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotPage, made_from_list);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotPage, went_into_list);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotPage, balance_list);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotPage, details_list);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotPage, code_group);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotPage, code_list);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotPage, history_list);
  gtk_widget_class_bind_template_callback (widget_class, on_status_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_ship_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_transfer_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_adjust_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_destroy_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_genealogy_button_clicked_cb);
  gtk_widget_class_install_action (widget_class, "lot.start-recall", NULL, start_recall_action);
  gtk_widget_class_install_action (widget_class, "lot.print-label", NULL, print_label_action);
}

static void
lotline_lot_page_init (LotlineLotPage *self)
{
  lotline_view_ensure_style ();
  gtk_widget_init_template (GTK_WIDGET (self));

  self->title = g_strdup (_("Loading…"));

  /* The buttons take the focus, not the flow box's cells around them. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->actions_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
}

/**
 * lotline_lot_page_new:
 * @session: an open session
 * @lot_id: the lot to show
 *
 * Returns: (transfer floating): a page that reads the lot on a worker and
 *   shows it, and reads it again whenever the session records a change
 */
GtkWidget *
lotline_lot_page_new (LotlineSession *session,
                      gint64          lot_id)
{
  g_return_val_if_fail (LOTLINE_IS_SESSION (session), NULL);

  return g_object_new (LOTLINE_TYPE_LOT_PAGE,
                       "session", session,
                       "lot-id", lot_id,
                       NULL);
}

LotlineSession *
lotline_lot_page_get_session (LotlineLotPage *self)
{
  g_return_val_if_fail (LOTLINE_IS_LOT_PAGE (self), NULL);

  return self->session;
}

gint64
lotline_lot_page_get_lot_id (LotlineLotPage *self)
{
  g_return_val_if_fail (LOTLINE_IS_LOT_PAGE (self), 0);

  return self->lot_id;
}

const char *
lotline_lot_page_get_title (LotlineLotPage *self)
{
  g_return_val_if_fail (LOTLINE_IS_LOT_PAGE (self), NULL);

  return self->title;
}

gboolean
lotline_lot_page_get_loading (LotlineLotPage *self)
{
  g_return_val_if_fail (LOTLINE_IS_LOT_PAGE (self), FALSE);

  return self->loading;
}
