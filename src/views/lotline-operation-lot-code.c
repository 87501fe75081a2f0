/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotline-lot-format-store.h"
#include "lotline-operation-dialog-private.h"
#include "lotline-view-util.h"

/* The code of a new lot, when its product has a lot-code format: the next
 * code is made on a worker whenever the product or the date changes and
 * fills the field unless the person typed a code of their own; "Generate"
 * fills it anyway; and a code that does not follow the format keeps the
 * event from being recorded, with a message that says why. */

typedef struct {
  LotlineOperationDialog *dialog;
  AdwEntryRow            *code;       /* owns this state */
  AdwComboRow            *product;    /* a reference */
  AdwActionRow           *format_row; /* the format, or why no code can be made */
  GtkWidget              *generate;
  LotlineLotFormat       *format;     /* of the chosen product, NULL if none */
  char                   *generated;  /* the code last put in the field */
  guint                   generation; /* of the latest request */
  gboolean                pending;
  gboolean                filling;
} LotCode;

#define LOT_CODE_KEY "lotline-lot-code"

static void
lot_code_free (gpointer data)
{
  LotCode *lc = data;

  g_clear_object (&lc->product);
  g_clear_pointer (&lc->format, lotline_lot_format_free);
  g_free (lc->generated);
  g_free (lc);
}

/* ---- worker --------------------------------------------------------------- */

typedef struct {
  gint64  product_id;
  char   *date;
  GStrv   also_used;   /* the codes of the event's other new lots */
} Request;

typedef struct {
  LotlineLotFormat *format;
  char             *next;      /* NULL when none can be made… */
  char             *problem;   /* … and this says why */
} Answer;

static void
request_free (gpointer data)
{
  Request *request = data;

  g_free (request->date);
  g_strfreev (request->also_used);
  g_free (request);
}

static void
answer_free (gpointer data)
{
  Answer *answer = data;

  g_clear_pointer (&answer->format, lotline_lot_format_free);
  g_free (answer->next);
  g_free (answer->problem);
  g_free (answer);
}

static gpointer
next_code_job (LotlineStore  *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  Request *request = data;
  Answer *answer = g_new0 (Answer, 1);
  g_autoptr(GError) local_error = NULL;

  answer->format = lotline_store_get_effective_lot_format (store, request->product_id, &local_error);
  if (answer->format == NULL && local_error != NULL)
    {
      answer->problem = g_strdup (local_error->message);
      return answer;
    }
  if (answer->format == NULL)
    return answer;
  if (!lotline_date_is_valid (request->date))
    answer->problem = g_strdup (_("Give the date as YYYY-MM-DD to make the next code."));
  else
    {
      answer->next = lotline_store_next_lot_code (store, request->product_id, request->date,
                                                  (const char * const *) request->also_used, &local_error);
      if (answer->next == NULL && local_error != NULL)
        answer->problem = g_strdup (local_error->message);
    }
  return answer;
}

/* ---- showing what came back ------------------------------------------------ */

static void
set_code_text (LotCode    *lc,
               const char *code)
{
  g_free (lc->generated);
  lc->generated = g_strdup (code);
  lc->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (lc->code), code);
  lc->filling = FALSE;
}

static const char *
product_sku (LotCode *lc)
{
  const LotlineRecordRef *ref = lotline_op_find_ref (lc->dialog->products, lotline_op_combo_get_id (lc->product));

  return ref != NULL ? ref->code : "";
}

/* The field turns red while its code does not follow the format. */
static void
show_code_state (LotCode *lc)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (lc->code))));
  gboolean bad = lc->format != NULL && *text != '\0' &&
                 !lotline_lot_format_check_code (lc->format, text, product_sku (lc), NULL);

  if (bad)
    gtk_widget_add_css_class (GTK_WIDGET (lc->code), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (lc->code), "error");
}

/* Takes the format out of @answer. */
static void
show_answer (LotCode  *lc,
             Answer   *answer,
             gboolean  force)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (lc->code));
  gboolean own_text = *text != '\0' && g_strcmp0 (text, lc->generated) != 0;

  g_clear_pointer (&lc->format, lotline_lot_format_free);
  lc->format = g_steal_pointer (&answer->format);

  gtk_widget_set_visible (GTK_WIDGET (lc->format_row), lc->format != NULL || answer->problem != NULL);
  gtk_widget_set_visible (lc->generate, lc->format != NULL);
  gtk_widget_set_sensitive (lc->generate, answer->next != NULL);
  if (answer->problem != NULL)
    adw_action_row_set_subtitle (lc->format_row, answer->problem);
  else if (lc->format != NULL)
    {
      g_autofree char *markup = g_markup_escape_text (lotline_lot_format_get_template (lc->format), -1);

      adw_action_row_set_subtitle (lc->format_row, markup);
    }
  if (answer->next != NULL && (force || !own_text))
    set_code_text (lc, answer->next);
  show_code_state (lc);
}

typedef struct {
  AdwEntryRow *code;
  guint        generation;
  gboolean     force;
} Pending;

static void
on_next_code_cb (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Pending *pending = user_data;
  g_autoptr(AdwEntryRow) code = pending->code;
  g_autoptr(GError) error = NULL;
  Answer *answer;
  LotCode *lc = g_object_get_data (G_OBJECT (code), LOT_CODE_KEY);
  gboolean current = lc != NULL && pending->generation == lc->generation;
  gboolean force = pending->force;

  g_free (pending);
  answer = lotline_session_run_finish (LOTLINE_SESSION (source_object), result, &error);
  /* A newer request replaced this one, or the line is gone. */
  if (!current || gtk_widget_get_root (GTK_WIDGET (code)) == NULL ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_pointer (&answer, answer_free);
      return;
    }
  lc->pending = FALSE;
  if (answer == NULL)
    {
      Answer failed = { .problem = error != NULL ? error->message : NULL };

      show_answer (lc, &failed, FALSE);
    }
  else
    show_answer (lc, answer, force);
  g_clear_pointer (&answer, answer_free);
  lotline_operation_dialog_form_changed (lc->dialog);
}

/* The codes the event's other new lots hold, so that two outputs of one
 * production do not get the same code. */
static GStrv
dup_other_codes (LotCode *lc)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GPtrArray *outputs = lc->dialog->outputs;

  for (guint i = 0; outputs != NULL && i < outputs->len; i++)
    {
      FormLine *line = g_ptr_array_index (outputs, i);
      g_autofree char *text = NULL;

      if (line->code == NULL || line->code == lc->code)
        continue;
      text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (line->code))));
      if (*text != '\0')
        g_strv_builder_add (builder, text);
    }
  return g_strv_builder_end (builder);
}

static void
request_next_code (LotCode  *lc,
                   gboolean  force)
{
  gint64 product_id = lotline_op_combo_get_id (lc->product);
  const char *date = lc->dialog->date != NULL ? gtk_editable_get_text (GTK_EDITABLE (lc->dialog->date)) : NULL;
  Request *request;
  Pending *pending;

  lc->generation++;
  if (product_id <= 0)
    {
      Answer none = { 0 };

      lc->pending = FALSE;
      show_answer (lc, &none, FALSE);
      return;
    }

  request = g_new0 (Request, 1);
  request->product_id = product_id;
  request->date = g_strstrip (g_strdup (date != NULL ? date : ""));
  request->also_used = dup_other_codes (lc);
  pending = g_new0 (Pending, 1);
  pending->code = g_object_ref (lc->code);
  pending->generation = lc->generation;
  pending->force = force;
  lc->pending = TRUE;
  lotline_session_run_async (lc->dialog->session, next_code_job, request, request_free, answer_free,
                             lc->dialog->cancellable, on_next_code_cb, pending);
}

/* ---- signals -------------------------------------------------------------- */

static void
on_product_or_date_changed_cb (LotCode *lc)
{
  request_next_code (lc, FALSE);
}

static void
on_product_selected_cb (GObject    *object,
                        GParamSpec *pspec,
                        gpointer    user_data)
{
  on_product_or_date_changed_cb (g_object_get_data (user_data, LOT_CODE_KEY));
}

static void
on_date_changed_cb (GtkEditable *editable,
                    gpointer     user_data)
{
  on_product_or_date_changed_cb (g_object_get_data (user_data, LOT_CODE_KEY));
}

static void
on_code_changed_cb (GtkEditable *editable,
                    gpointer     user_data)
{
  LotCode *lc = g_object_get_data (G_OBJECT (editable), LOT_CODE_KEY);

  if (lc != NULL && !lc->filling)
    show_code_state (lc);
}

static void
on_generate_clicked_cb (GtkButton *button,
                        gpointer   user_data)
{
  request_next_code (g_object_get_data (user_data, LOT_CODE_KEY), TRUE);
}

/* ---- the form's side ------------------------------------------------------- */

/**
 * lotline_op_lot_code_attach:
 * @line: a line that makes a new lot, with its product and code rows
 *
 * Adds the "Generate" button to the code row and, after it, a row that
 * shows the product's format; both stay hidden while the product has none.
 */
void
lotline_op_lot_code_attach (FormLine *line)
{
  LotCode *lc = g_new0 (LotCode, 1);
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Generate"));

  lc->dialog = line->dialog;
  lc->code = line->code;
  lc->product = g_object_ref (line->product);
  g_object_set_data_full (G_OBJECT (line->code), LOT_CODE_KEY, lc, lot_code_free);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Make the next code of the lot-code format"));
  lotline_view_set_accessible_label (button, _("Generate the next lot code"));
  gtk_widget_set_visible (button, FALSE);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_generate_clicked_cb), line->code, 0);
  adw_entry_row_add_suffix (line->code, button);
  lc->generate = button;

  lc->format_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (lc->format_row), _("Lot-code format"));
  gtk_widget_add_css_class (GTK_WIDGET (lc->format_row), "lotline-property");
  gtk_widget_set_visible (GTK_WIDGET (lc->format_row), FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (line->group), GTK_WIDGET (lc->format_row));

  g_signal_connect (line->code, "changed", G_CALLBACK (on_code_changed_cb), NULL);
  g_signal_connect_object (line->product, "notify::selected", G_CALLBACK (on_product_selected_cb), line->code, 0);
  if (line->dialog->date != NULL)
    g_signal_connect_object (line->dialog->date, "changed", G_CALLBACK (on_date_changed_cb), line->code, 0);
}

/**
 * lotline_op_lot_codes_check:
 * @self: the dialog
 * @hint: (out): set when a format is still being read
 * @error: set when a new lot's code does not follow its product's format
 *
 * Returns: %TRUE when every new lot's code may be recorded
 */
gboolean
lotline_op_lot_codes_check (LotlineOperationDialog  *self,
                            char                   **hint,
                            GError                 **error)
{
  for (guint i = 0; self->outputs != NULL && i < self->outputs->len; i++)
    {
      FormLine *line = g_ptr_array_index (self->outputs, i);
      LotCode *lc = line->code != NULL ? g_object_get_data (G_OBJECT (line->code), LOT_CODE_KEY) : NULL;
      g_autofree char *text = NULL;

      if (lc == NULL)
        continue;
      if (lc->pending)
        {
          *hint = g_strdup (_("Reading the product’s lot-code format…"));
          return FALSE;
        }
      text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (line->code))));
      if (lc->format != NULL && *text != '\0' &&
          !lotline_lot_format_check_code (lc->format, text, product_sku (lc), error))
        return FALSE;
    }
  return TRUE;
}

/**
 * lotline_op_lot_codes_busy:
 * @self: the dialog
 *
 * Returns: %TRUE while a product's format or next code is being read
 */
gboolean
lotline_op_lot_codes_busy (LotlineOperationDialog *self)
{
  for (guint i = 0; self->outputs != NULL && i < self->outputs->len; i++)
    {
      FormLine *line = g_ptr_array_index (self->outputs, i);
      LotCode *lc = line->code != NULL ? g_object_get_data (G_OBJECT (line->code), LOT_CODE_KEY) : NULL;

      if (lc != NULL && lc->pending)
        return TRUE;
    }
  return FALSE;
}
