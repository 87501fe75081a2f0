/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotline-operation-dialog-private.h"
#include "lotline-view-util.h"

/* How long the form must rest before the ledger checks it again. */
#define VALIDATE_DELAY_MS 300

G_DEFINE_FINAL_TYPE (LotlineOperationDialog, lotline_operation_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_KIND,
  PROP_LOT_ID,
  N_PROPS
};

enum {
  RECORDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- the message under the form ------------------------------------------ */

typedef enum {
  MESSAGE_NONE,
  MESSAGE_HINT,
  MESSAGE_ERROR,
} MessageKind;

static void
show_message (LotlineOperationDialog *self,
              MessageKind             kind,
              const char             *text)
{
  g_free (self->message);
  self->message = kind != MESSAGE_NONE ? g_strdup (text) : NULL;

  gtk_widget_set_visible (self->message_box, kind != MESSAGE_NONE);
  gtk_label_set_text (self->message_label, text != NULL ? text : "");
  gtk_image_set_from_icon_name (self->message_icon,
                                kind == MESSAGE_ERROR ? "dialog-error-symbolic" : "dialog-information-symbolic");
  if (kind == MESSAGE_ERROR)
    {
      gtk_widget_add_css_class (self->message_box, "error");
      gtk_widget_remove_css_class (self->message_box, "hint");
    }
  else
    {
      gtk_widget_add_css_class (self->message_box, "hint");
      gtk_widget_remove_css_class (self->message_box, "error");
    }
}

static void
update_sensitivity (LotlineOperationDialog *self)
{
  gboolean checking = self->validate_source != 0 || self->validating;

  gtk_widget_set_sensitive (GTK_WIDGET (self->record_button),
                            self->loaded && self->valid && !checking && !self->recording);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), !self->recording);
  gtk_widget_set_sensitive (GTK_WIDGET (self->form_box), !self->recording);
  gtk_widget_set_sensitive (GTK_WIDGET (self->override_row), !self->recording);
  /* Checks take milliseconds: a spinner for them would only flicker. */
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->recording);
  gtk_spinner_set_spinning (self->spinner, self->recording);
}

/* ---- checking: a dry run of the ledger ----------------------------------- */

static gboolean
is_overridable (const GError *error)
{
  return g_error_matches (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_EXPIRED) ||
         g_error_matches (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_QUARANTINED) ||
         g_error_matches (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_SHELF_LIFE);
}

typedef struct {
  gboolean  needs_override;
  GError   *error;           /* NULL when the event would be recorded */
} Verdict;

static void
verdict_free (gpointer data)
{
  Verdict *verdict = data;

  g_clear_error (&verdict->error);
  g_free (verdict);
}

/* Runs on a worker.  Without its override reason first, so the dialog
 * learns whether the event needs one; then with it, if it does. */
static gpointer
validate_job (LotlineStore  *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  OpSpec *op = data;
  Verdict *verdict = g_new0 (Verdict, 1);

  op->spec.override_reason = NULL;
  if (lotline_store_validate_event (store, &op->spec, &verdict->error))
    return verdict;

  if (is_overridable (verdict->error))
    {
      verdict->needs_override = TRUE;
      if (op->override_reason != NULL)
        {
          g_clear_error (&verdict->error);
          op->spec.override_reason = op->override_reason;
          lotline_store_validate_event (store, &op->spec, &verdict->error);
        }
    }
  return verdict;
}

typedef struct {
  LotlineOperationDialog *self;
  guint                   generation;
} Request;

static void
on_validated_cb (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Request *request = user_data;
  g_autoptr(LotlineOperationDialog) self = request->self;
  gboolean current = request->generation == self->validation_generation;
  g_autoptr(GError) error = NULL;
  Verdict *verdict;

  g_free (request);
  verdict = lotline_session_run_finish (LOTLINE_SESSION (source_object), result, &error);
  if (!current || self->form_box == NULL)
    {
      g_clear_pointer (&verdict, verdict_free);
      return;
    }

  self->validating = FALSE;
  if (verdict == NULL)
    {
      self->valid = FALSE;
      show_message (self, MESSAGE_ERROR, error != NULL ? error->message : NULL);
    }
  else
    {
      self->valid = verdict->error == NULL;
      self->needs_override = verdict->needs_override;
      if (verdict->error != NULL)
        show_message (self, MESSAGE_ERROR, verdict->error->message);
      else
        show_message (self, MESSAGE_NONE, NULL);
      /* Once asked for, the override reason stays in view while it holds text. */
      gtk_revealer_set_reveal_child (self->override_revealer,
                                     verdict->needs_override ||
                                     gtk_editable_get_text (GTK_EDITABLE (self->override_row))[0] != '\0');
      verdict_free (verdict);
    }
  update_sensitivity (self);
}

static void
validate_now (LotlineOperationDialog *self)
{
  g_autofree char *hint = NULL;
  g_autoptr(GError) error = NULL;
  OpSpec *op;
  Request *request;

  self->validation_generation++;
  self->valid = FALSE;
  self->validating = FALSE;

  op = lotline_operation_dialog_build_spec (self, &hint, NULL, &error);
  if (op != NULL && !lotline_op_lot_codes_check (self, &hint, &error))
    g_clear_pointer (&op, op_spec_free);
  if (op == NULL)
    {
      if (error != NULL)
        show_message (self, MESSAGE_ERROR, error->message);
      else
        show_message (self, MESSAGE_HINT, hint);
      update_sensitivity (self);
      return;
    }

  self->validating = TRUE;
  request = g_new0 (Request, 1);
  request->self = g_object_ref (self);
  request->generation = self->validation_generation;
  lotline_session_run_async (self->session, validate_job, op, (GDestroyNotify) op_spec_free,
                             verdict_free, self->cancellable, on_validated_cb, request);
  update_sensitivity (self);
}

static gboolean
on_validate_timeout_cb (gpointer user_data)
{
  LotlineOperationDialog *self = user_data;

  self->validate_source = 0;
  validate_now (self);
  return G_SOURCE_REMOVE;
}

/* The window opened as tall as the form was then; when the form grows (a
 * lot's details arrive, a line is added), let the window grow with it, up
 * to a height that still fits small screens. */
#define GROW_LIMIT 480

static void
grow_to_fit (LotlineOperationDialog *self)
{
  GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (self->form_box),
                                                                              GTK_TYPE_SCROLLED_WINDOW));
  int width = gtk_widget_get_width (GTK_WIDGET (self->form_box));
  int natural = 0;

  gtk_widget_measure (GTK_WIDGET (self->form_box), GTK_ORIENTATION_VERTICAL,
                      width > 0 ? width : -1, NULL, &natural, NULL, NULL);
  natural = MIN (natural, GROW_LIMIT);
  if (natural > gtk_scrolled_window_get_min_content_height (scroller))
    gtk_scrolled_window_set_min_content_height (scroller, natural);
}

void
lotline_operation_dialog_form_changed (LotlineOperationDialog *self)
{
  if (self->form_box != NULL)
    grow_to_fit (self);

  if (!self->loaded || self->recording)
    return;

  /* What was checked is no longer what the form holds. */
  self->validation_generation++;
  self->validating = FALSE;
  self->valid = FALSE;
  g_clear_handle_id (&self->validate_source, g_source_remove);
  self->validate_source = g_timeout_add (VALIDATE_DELAY_MS, on_validate_timeout_cb, self);
  update_sensitivity (self);
}

static void
on_override_changed_cb (GtkEditable            *editable,
                        LotlineOperationDialog *self)
{
  lotline_operation_dialog_form_changed (self);
}

/* ---- recording ----------------------------------------------------------- */

typedef struct {
  LotlineOperationDialog *self;
  char                   *summary;
} RecordRequest;

static void
on_recorded_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  RecordRequest *request = user_data;
  g_autoptr(LotlineOperationDialog) self = request->self;
  g_autofree char *summary = request->summary;
  g_autoptr(GError) error = NULL;
  gint64 event_id = 0;

  g_free (request);
  self->recording = FALSE;

  if (!lotline_session_record_event_finish (LOTLINE_SESSION (source_object), result, &event_id, &error))
    {
      if (self->form_box == NULL)
        return;
      /* Everything entered stays; the ledger's message says what to change. */
      self->valid = FALSE;
      show_message (self, MESSAGE_ERROR, error->message);
      update_sensitivity (self);
      return;
    }

  g_signal_emit (self, signals[RECORDED], 0, event_id, summary);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_record_button_clicked_cb (LotlineOperationDialog *self)
{
  g_autofree char *hint = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OpSpec) op = NULL;
  RecordRequest *request;
  char *summary = NULL;

  if (!self->valid || self->validating || self->validate_source != 0 || self->recording)
    return;

  op = lotline_operation_dialog_build_spec (self, &hint, &summary, &error);
  if (op == NULL)
    {
      show_message (self, error != NULL ? MESSAGE_ERROR : MESSAGE_HINT, error != NULL ? error->message : hint);
      return;
    }
  op->spec.override_reason = self->needs_override ? op->override_reason : NULL;

  self->recording = TRUE;
  update_sensitivity (self);

  request = g_new0 (RecordRequest, 1);
  request->self = g_object_ref (self);
  request->summary = summary;
  /* The session copies the spec at once. */
  lotline_session_record_event_async (self->session, &op->spec, NULL, on_recorded_cb, request);
}

/* ---- loading the pickers ------------------------------------------------- */

typedef struct {
  GPtrArray *products;
  GPtrArray *parties;
  GPtrArray *locations;
} Pickers;

static void
pickers_free (gpointer data)
{
  Pickers *pickers = data;

  g_clear_pointer (&pickers->products, g_ptr_array_unref);
  g_clear_pointer (&pickers->parties, g_ptr_array_unref);
  g_clear_pointer (&pickers->locations, g_ptr_array_unref);
  g_free (pickers);
}

static gpointer
load_pickers_job (LotlineStore  *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  Pickers *pickers = g_new0 (Pickers, 1);

  if ((pickers->products = lotline_store_list_products (store, -1, error)) == NULL ||
      (pickers->parties = lotline_store_list_parties (store, -1, error)) == NULL ||
      (pickers->locations = lotline_store_list_locations (store, error)) == NULL)
    {
      pickers_free (pickers);
      return NULL;
    }
  return pickers;
}

static void
on_pickers_loaded_cb (GObject      *source_object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(LotlineOperationDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  Pickers *pickers = lotline_session_run_finish (LOTLINE_SESSION (source_object), result, &error);

  if (self->form_box == NULL)
    {
      g_clear_pointer (&pickers, pickers_free);
      return;
    }
  if (pickers == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, MESSAGE_ERROR, error != NULL ? error->message : NULL);
      return;
    }

  self->products = g_steal_pointer (&pickers->products);
  self->parties = g_steal_pointer (&pickers->parties);
  self->locations = g_steal_pointer (&pickers->locations);
  pickers_free (pickers);

  self->loaded = TRUE;
  lotline_operation_dialog_fill_pickers (self);
  lotline_operation_dialog_apply_prefill (self);
  lotline_operation_dialog_form_changed (self);
}

/* ---- GObject ------------------------------------------------------------- */

/* An event being written is not abandoned halfway: the dialog waits. */
static gboolean
lotline_operation_dialog_close_request (GtkWindow *window)
{
  LotlineOperationDialog *self = LOTLINE_OPERATION_DIALOG (window);

  if (self->recording)
    return TRUE;
  return GTK_WINDOW_CLASS (lotline_operation_dialog_parent_class)->close_request (window);
}

static void
lotline_operation_dialog_constructed (GObject *object)
{
  LotlineOperationDialog *self = LOTLINE_OPERATION_DIALOG (object);

  G_OBJECT_CLASS (lotline_operation_dialog_parent_class)->constructed (object);

  g_return_if_fail (LOTLINE_IS_SESSION (self->session));

  self->today = lotline_session_dup_today (self->session);
  gtk_window_set_title (GTK_WINDOW (self), lotline_view_event_kind_title (self->kind));
  adw_window_title_set_title (self->window_title, lotline_view_event_kind_title (self->kind));

  /* The form is there at once, so the window opens at its size; the
   * pickers fill in when they arrive. */
  lotline_operation_dialog_build_form (self);
  lotline_operation_dialog_build_scan (self);

  lotline_session_run_async (self->session, load_pickers_job, NULL, NULL, pickers_free,
                             self->cancellable, on_pickers_loaded_cb, g_object_ref (self));
}

static void
lotline_operation_dialog_dispose (GObject *object)
{
  LotlineOperationDialog *self = LOTLINE_OPERATION_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->scan_cancellable);
  g_clear_handle_id (&self->validate_source, g_source_remove);
  g_clear_pointer (&self->inputs, g_ptr_array_unref);
  g_clear_pointer (&self->outputs, g_ptr_array_unref);
  g_clear_pointer (&self->unfilled_combos, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), LOTLINE_TYPE_OPERATION_DIALOG);
  g_clear_object (&self->session);
  g_clear_pointer (&self->products, g_ptr_array_unref);
  g_clear_pointer (&self->parties, g_ptr_array_unref);
  g_clear_pointer (&self->locations, g_ptr_array_unref);

  G_OBJECT_CLASS (lotline_operation_dialog_parent_class)->dispose (object);
}

static void
lotline_operation_dialog_finalize (GObject *object)
{
  LotlineOperationDialog *self = LOTLINE_OPERATION_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->scan_cancellable);
  g_free (self->today);
  g_free (self->message);
  g_free (self->prefill_code);
  g_free (self->scan_message);

  G_OBJECT_CLASS (lotline_operation_dialog_parent_class)->finalize (object);
}

static void
lotline_operation_dialog_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  LotlineOperationDialog *self = LOTLINE_OPERATION_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;

    case PROP_LOT_ID:
      g_value_set_int64 (value, self->lot_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotline_operation_dialog_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  LotlineOperationDialog *self = LOTLINE_OPERATION_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    case PROP_KIND:
      self->kind = g_value_get_int (value);
      break;

    case PROP_LOT_ID:
      self->lot_id = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotline_operation_dialog_class_init (LotlineOperationDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = lotline_operation_dialog_constructed;
  object_class->dispose = lotline_operation_dialog_dispose;
  object_class->finalize = lotline_operation_dialog_finalize;
  object_class->get_property = lotline_operation_dialog_get_property;
  object_class->set_property = lotline_operation_dialog_set_property;
  window_class->close_request = lotline_operation_dialog_close_request;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         LOTLINE_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* LotlineEventKind has no GType yet; it travels as its integer value. */
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL,
                      LOTLINE_EVENT_RECEIVE, LOTLINE_EVENT_RELEASE, LOTLINE_EVENT_RECEIVE,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_LOT_ID] =
    g_param_spec_int64 ("lot-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LotlineOperationDialog::recorded:
   * @self: the dialog
   * @event_id: the new event
   * @summary: what was recorded, for a toast: "Received 250 kg of RAW-STRAW lot F-1"
   *
   * Emitted once the event is in the ledger, just before the dialog closes.
   */
  signals[RECORDED] =
    g_signal_new ("recorded",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, LOTLINE_RESOURCE_PATH "/lotline-operation-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LotlineOperationDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, LotlineOperationDialog, record_button);
  gtk_widget_class_bind_template_child (widget_class, LotlineOperationDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, LotlineOperationDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, LotlineOperationDialog, form_box);
  gtk_widget_class_bind_template_child (widget_class, LotlineOperationDialog, override_revealer);
  gtk_widget_class_bind_template_child (widget_class, LotlineOperationDialog, override_row);
  gtk_widget_class_bind_template_child (widget_class, LotlineOperationDialog, message_box);
  gtk_widget_class_bind_template_child (widget_class, LotlineOperationDialog, message_icon);
  gtk_widget_class_bind_template_child (widget_class, LotlineOperationDialog, message_label);
  gtk_widget_class_bind_template_callback (widget_class, on_record_button_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lotline_operation_dialog_init (LotlineOperationDialog *self)
{
  lotline_view_ensure_style ();
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->inputs = g_ptr_array_new_with_free_func ((GDestroyNotify) form_line_free);
  self->outputs = g_ptr_array_new_with_free_func ((GDestroyNotify) form_line_free);
  self->unfilled_combos = g_ptr_array_new_with_free_func (g_object_unref);

  g_signal_connect (self->override_row, "changed", G_CALLBACK (on_override_changed_cb), self);
}

/**
 * lotline_operation_dialog_new:
 * @parent: (nullable): the window the dialog is modal for
 * @session: an open session
 * @kind: what to record
 * @lot_id: a lot to choose already, or 0
 *
 * Returns: (transfer none): a new dialog, owned by GTK until it is
 *   destroyed; show it with gtk_window_present()
 */
GtkWindow *
lotline_operation_dialog_new (GtkWindow        *parent,
                              LotlineSession   *session,
                              LotlineEventKind  kind,
                              gint64            lot_id)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (LOTLINE_IS_SESSION (session), NULL);

  return g_object_new (LOTLINE_TYPE_OPERATION_DIALOG,
                       "transient-for", parent,
                       "session", session,
                       "kind", (int) kind,
                       "lot-id", lot_id,
                       NULL);
}

LotlineEventKind
lotline_operation_dialog_get_kind (LotlineOperationDialog *self)
{
  g_return_val_if_fail (LOTLINE_IS_OPERATION_DIALOG (self), LOTLINE_EVENT_RECEIVE);

  return self->kind;
}

static gboolean
lines_busy (GPtrArray *lines)
{
  for (guint i = 0; lines != NULL && i < lines->len; i++)
    {
      FormLine *line = g_ptr_array_index (lines, i);

      if (line->lot != NULL && lotline_lot_chooser_get_busy (line->lot))
        return TRUE;
    }
  return FALSE;
}

gboolean
lotline_operation_dialog_get_busy (LotlineOperationDialog *self)
{
  g_return_val_if_fail (LOTLINE_IS_OPERATION_DIALOG (self), FALSE);

  return !self->loaded || self->validate_source != 0 || self->validating || self->recording ||
         self->scan_cancellable != NULL || lines_busy (self->inputs) || lines_busy (self->outputs) ||
         lotline_op_lot_codes_busy (self);
}

gboolean
lotline_operation_dialog_get_valid (LotlineOperationDialog *self)
{
  g_return_val_if_fail (LOTLINE_IS_OPERATION_DIALOG (self), FALSE);

  return self->valid && self->validate_source == 0 && !self->validating;
}

const char *
lotline_operation_dialog_get_message (LotlineOperationDialog *self)
{
  g_return_val_if_fail (LOTLINE_IS_OPERATION_DIALOG (self), NULL);

  return self->message;
}
