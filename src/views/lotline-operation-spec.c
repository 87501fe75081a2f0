/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "lotline-operation-dialog-private.h"
#include "lotline-view-util.h"

/* What the form holds, as the event it describes.  The form only reads what
 * the person typed and chose; every rule is the ledger's, checked in the
 * dry run (see lotline-operation-dialog.c). */

/* ---- specs ---------------------------------------------------------------- */

void
op_spec_free (OpSpec *op)
{
  if (op == NULL)
    return;
  g_array_unref (op->lines);
  g_ptr_array_unref (op->lots);
  g_string_chunk_free (op->strings);
  g_free (op->override_reason);
  g_free (op);
}

static OpSpec *
op_spec_new (LotlineEventKind kind)
{
  OpSpec *op = g_new0 (OpSpec, 1);

  op->spec.kind = kind;
  op->lines = g_array_new (FALSE, TRUE, sizeof (LotlineLineSpec));
  op->lots = g_ptr_array_new_with_free_func (g_free);
  op->strings = g_string_chunk_new (256);
  return op;
}

/* Blank text is no text: the ledger treats NULL as "not given". */
static const char *
op_spec_string (OpSpec     *op,
                const char *text)
{
  g_autofree char *copy = NULL;

  if (text == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    return NULL;
  return g_string_chunk_insert (op->strings, copy);
}

static LotlineLotSpec *
op_spec_new_lot (OpSpec *op)
{
  LotlineLotSpec *lot = g_new0 (LotlineLotSpec, 1);

  g_ptr_array_add (op->lots, lot);
  return lot;
}

static void
op_spec_add_line (OpSpec                *op,
                  const LotlineLineSpec *line)
{
  g_array_append_vals (op->lines, line, 1);
  op->spec.lines = (const LotlineLineSpec *) op->lines->data;
  op->spec.n_lines = op->lines->len;
}

/* ---- reading fields ------------------------------------------------------- */

static const char *
entry_text (AdwEntryRow *row)
{
  return row != NULL ? gtk_editable_get_text (GTK_EDITABLE (row)) : "";
}

static gboolean
entry_is_blank (AdwEntryRow *row)
{
  const char *text = entry_text (row);

  while (g_ascii_isspace (*text))
    text++;
  return *text == '\0';
}

gint64
lotline_op_combo_get_id (AdwComboRow *row)
{
  GArray *ids;
  guint selected;

  if (row == NULL)
    return 0;
  ids = g_object_get_data (G_OBJECT (row), "lotline-ids");
  selected = adw_combo_row_get_selected (row);
  if (ids == NULL || selected == GTK_INVALID_LIST_POSITION || selected >= ids->len)
    return 0;
  return g_array_index (ids, gint64, selected);
}

gboolean
lotline_op_combo_select_id (AdwComboRow *row,
                            gint64       id)
{
  GArray *ids = g_object_get_data (G_OBJECT (row), "lotline-ids");

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      {
        adw_combo_row_set_selected (row, i);
        return TRUE;
      }
  return FALSE;
}

const LotlineRecordRef *
lotline_op_find_ref (GPtrArray *refs,
                     gint64     id)
{
  for (guint i = 0; refs != NULL && i < refs->len; i++)
    {
      const LotlineRecordRef *ref = g_ptr_array_index (refs, i);

      if (ref->id == id)
        return ref;
    }
  return NULL;
}

/* The quantity in thousandths; FALSE with a hint when the row is empty, or
 * with lotline_quantity_parse()'s error when it holds no number. */
static gboolean
read_quantity (AdwEntryRow *row,
               const char  *hint_text,
               gint64      *out,
               char       **hint,
               GError     **error)
{
  if (entry_is_blank (row))
    {
      *hint = g_strdup (hint_text);
      return FALSE;
    }
  return lotline_quantity_parse (entry_text (row), out, error);
}

/* The event's date as unix seconds: 0 ("now") for today, noon local time
 * for another day, so the ledger's calendar date is the one typed. */
static gboolean
read_event_date (LotlineOperationDialog *self,
                 gint64                 *out,
                 GError                **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) noon = NULL;
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *text = g_strstrip (g_strdup (entry_text (self->date)));
  int y, m, d;

  *out = 0;
  if (*text == '\0' || g_strcmp0 (text, today) == 0)
    return TRUE;
  if (!lotline_date_is_valid (text) || sscanf (text, "%d-%d-%d", &y, &m, &d) != 3 ||
      (noon = g_date_time_new_local (y, m, d, 12, 0, 0)) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is not a date. Write dates as YYYY-MM-DD."), text);
      return FALSE;
    }
  *out = g_date_time_to_unix (noon);
  return TRUE;
}

/* ---- reading the form into an event -------------------------------------- */

/* "RAW-STRAW lot F-1" */
static char *
lot_name (FormLine *line)
{
  const LotlineLot *lot = line->lot != NULL ? lotline_lot_chooser_get_lot (line->lot) : NULL;

  if (lot != NULL)
    /* Translators: a product's SKU and a lot code, "RAW-STRAW lot F-1" */
    return g_strdup_printf (_("%s lot %s"), lot->product_sku, lot->code);
  return g_strdup (_("the lot"));
}

static const char *
line_unit (FormLine *line)
{
  const LotlineLot *lot = line->lot != NULL ? lotline_lot_chooser_get_lot (line->lot) : NULL;

  return lot != NULL ? lot->unit : NULL;
}

static const char *
location_code (LotlineOperationDialog *self,
               gint64                  id)
{
  const LotlineRecordRef *ref = lotline_op_find_ref (self->locations, id);

  return ref != NULL ? ref->code : "?";
}

/* An existing lot's line.  @hint_lot/@hint_location/@hint_quantity say what is
 * missing; @location_id is the location read. */
static gboolean
read_lot_line (FormLine        *line,
               LotlineLineRole  role,
               OpSpec          *op,
               char           **hint,
               GError         **error)
{
  LotlineLineSpec spec = { .role = role };

  spec.lot_id = lotline_lot_chooser_get_lot_id (line->lot);
  if (spec.lot_id == 0)
    {
      *hint = g_strdup (_("Choose a lot."));
      return FALSE;
    }
  if (role != LOTLINE_LINE_SUBJECT)
    {
      spec.location_id = lotline_op_combo_get_id (line->location);
      if (spec.location_id == 0)
        {
          *hint = g_strdup (_("Choose the location."));
          return FALSE;
        }
      if (!read_quantity (line->quantity, _("Enter the quantity."), &spec.quantity, hint, error))
        return FALSE;
    }
  op_spec_add_line (op, &spec);
  return TRUE;
}

static gboolean
read_new_lot_line (LotlineOperationDialog *self,
                   FormLine               *line,
                   OpSpec                 *op,
                   char                  **hint,
                   GError                **error)
{
  LotlineLineSpec spec = { .role = LOTLINE_LINE_OUTPUT };
  LotlineLotSpec *lot;

  if (lotline_op_combo_get_id (line->product) == 0)
    {
      *hint = g_strdup (_("Choose the product."));
      return FALSE;
    }
  if (entry_is_blank (line->code))
    {
      *hint = g_strdup (_("Enter a code for the new lot."));
      return FALSE;
    }
  if (!read_quantity (line->quantity, _("Enter the quantity."), &spec.quantity, hint, error))
    return FALSE;
  spec.location_id = lotline_op_combo_get_id (line->location);
  if (spec.location_id == 0)
    {
      *hint = g_strdup (_("Choose where the new lot is stored."));
      return FALSE;
    }

  lot = op_spec_new_lot (op);
  lot->product_id = lotline_op_combo_get_id (line->product);
  lot->code = op_spec_string (op, entry_text (line->code));
  lot->supplier_lot = op_spec_string (op, entry_text (line->supplier_lot));
  lot->produced_on = op_spec_string (op, entry_text (line->produced_on));
  lot->expires_on = op_spec_string (op, entry_text (line->expires_on));
  lot->best_before = op_spec_string (op, entry_text (line->best_before));
  spec.new_lot = lot;
  op_spec_add_line (op, &spec);
  return TRUE;
}

static char *
new_lot_summary (LotlineOperationDialog *self,
                 FormLine               *line,
                 const LotlineLineSpec  *spec)
{
  const LotlineRecordRef *product = lotline_op_find_ref (self->products, spec->new_lot->product_id);
  g_autofree char *quantity = lotline_view_format_quantity (spec->quantity, product ? product->unit : NULL);

  /* Translators: "250 kg of RAW-STRAW lot F-1" */
  return g_strdup_printf (_("%s of %s lot %s"), quantity, product ? product->code : "?", spec->new_lot->code);
}

static char *
lot_line_summary (FormLine              *line,
                  const LotlineLineSpec *spec)
{
  g_autofree char *quantity = lotline_view_format_quantity (spec->quantity, line_unit (line));
  g_autofree char *name = lot_name (line);

  /* Translators: "5 kg of INT-BASE lot B1" */
  return g_strdup_printf (_("%s of %s"), quantity, name);
}

static char *
party_name (LotlineOperationDialog *self)
{
  const LotlineRecordRef *ref = lotline_op_find_ref (self->parties, lotline_op_combo_get_id (self->party));

  return g_strdup (ref != NULL ? ref->name : "?");
}

static gboolean
read_header (LotlineOperationDialog *self,
             OpSpec                 *op,
             const char             *party_hint,
             char                  **hint,
             GError                **error)
{
  if (self->party != NULL)
    {
      op->spec.party_id = lotline_op_combo_get_id (self->party);
      if (op->spec.party_id == 0)
        {
          *hint = g_strdup (party_hint);
          return FALSE;
        }
    }
  if (!read_event_date (self, &op->spec.occurred_at, error))
    return FALSE;
  if (self->doc_type != NULL)
    op->spec.doc_type = lotline_op_doc_type_value (self->doc_type);
  if (self->doc_number != NULL)
    op->spec.doc_number = op_spec_string (op, entry_text (self->doc_number));
  if (self->kind == LOTLINE_EVENT_PRODUCE && op->spec.doc_number != NULL)
    op->spec.doc_type = "batch record";
  if (self->reason != NULL)
    op->spec.reason = op_spec_string (op, entry_text (self->reason));
  return TRUE;
}

static char *
summarize (LotlineOperationDialog *self,
           OpSpec                 *op)
{
  const LotlineLineSpec *first = op->spec.n_lines > 0 ? &op->spec.lines[0] : NULL;
  FormLine *first_input = self->inputs->len > 0 ? g_ptr_array_index (self->inputs, 0) : NULL;
  FormLine *first_output = self->outputs->len > 0 ? g_ptr_array_index (self->outputs, 0) : NULL;
  g_autofree char *what = NULL;
  g_autofree char *party = NULL;
  guint n = self->inputs->len;

  switch (self->kind)
    {
    case LOTLINE_EVENT_RECEIVE:
      what = new_lot_summary (self, first_output, first);
      /* Translators: "Received 250 kg of RAW-STRAW lot F-1" */
      return g_strdup_printf (_("Received %s"), what);

    case LOTLINE_EVENT_PRODUCE:
      {
        const LotlineLineSpec *out = &op->spec.lines[self->inputs->len];
        guint others = self->outputs->len - 1;

        what = new_lot_summary (self, first_output, out);
        if (others == 0)
          /* Translators: "Produced 45 kg of INT-BASE lot B1" */
          return g_strdup_printf (_("Produced %s"), what);
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Produced %s and %u other lot",
                                             "Produced %s and %u other lots", others),
                                what, others);
      }

    case LOTLINE_EVENT_TRANSFER:
      what = lot_line_summary (first_input, first);
      /* Translators: "Moved 10 kg of RAW-STRAW lot F-1 from WH1 to WH2" */
      return g_strdup_printf (_("Moved %s from %s to %s"), what,
                              location_code (self, first->location_id),
                              location_code (self, op->spec.lines[1].location_id));

    case LOTLINE_EVENT_SHIP:
    case LOTLINE_EVENT_RETURN:
      party = party_name (self);
      if (n == 1)
        {
          what = lot_line_summary (first_input, first);
          return g_strdup_printf (self->kind == LOTLINE_EVENT_SHIP
                                  /* Translators: "Shipped 5 kg of INT-BASE lot B1 to Corner Grocery" */
                                  ? _("Shipped %s to %s")
                                  /* Translators: "Returned 5 kg of INT-BASE lot B1 from Corner Grocery" */
                                  : _("Returned %s from %s"),
                                  what, party);
        }
      if (self->kind == LOTLINE_EVENT_SHIP)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Shipped %u lot to %s", "Shipped %u lots to %s", n),
                                n, party);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Returned %u lot from %s", "Returned %u lots from %s", n),
                              n, party);

    case LOTLINE_EVENT_ADJUST:
      {
        g_autofree char *quantity = lotline_view_format_quantity (first->quantity, line_unit (first_input));
        g_autofree char *name = lot_name (first_input);

        if (first->role == LOTLINE_LINE_OUTPUT)
          /* Translators: "Added 2 kg to RAW-STRAW lot F-1 at WH1" */
          return g_strdup_printf (_("Added %s to %s at %s"), quantity, name, location_code (self, first->location_id));
        /* Translators: "Removed 2 kg from RAW-STRAW lot F-1 at WH1" */
        return g_strdup_printf (_("Removed %s from %s at %s"), quantity, name, location_code (self, first->location_id));
      }

    case LOTLINE_EVENT_DESTROY:
      what = lot_line_summary (first_input, first);
      /* Translators: "Destroyed 3 kg of RAW-STRAW lot F-1 at WH1" */
      return g_strdup_printf (_("Destroyed %s at %s"), what, location_code (self, first->location_id));

    case LOTLINE_EVENT_QUARANTINE:
      what = lot_name (first_input);
      /* Translators: "Quarantined RAW-STRAW lot F-1" */
      return g_strdup_printf (_("Quarantined %s"), what);

    case LOTLINE_EVENT_RELEASE:
      what = lot_name (first_input);
      /* Translators: "Released RAW-STRAW lot F-1" */
      return g_strdup_printf (_("Released %s"), what);

    default:
      return g_strdup (_("Recorded the event"));
    }
}

OpSpec *
lotline_operation_dialog_build_spec (LotlineOperationDialog  *self,
                                     char                   **hint,
                                     char                   **summary,
                                     GError                 **error)
{
  g_autoptr(OpSpec) op = op_spec_new (self->kind);
  FormLine *line;

  *hint = NULL;
  if (summary != NULL)
    *summary = NULL;

  switch (self->kind)
    {
    case LOTLINE_EVENT_RECEIVE:
      if (!read_header (self, op, _("Choose the supplier the goods came from."), hint, error) ||
          !read_new_lot_line (self, g_ptr_array_index (self->outputs, 0), op, hint, error))
        return NULL;
      break;

    case LOTLINE_EVENT_PRODUCE:
      if (!read_header (self, op, NULL, hint, error))
        return NULL;
      if (self->inputs->len == 0)
        {
          *hint = g_strdup (_("Add the lots used."));
          return NULL;
        }
      if (self->outputs->len == 0)
        {
          *hint = g_strdup (_("Add the lots made."));
          return NULL;
        }
      for (guint i = 0; i < self->inputs->len; i++)
        if (!read_lot_line (g_ptr_array_index (self->inputs, i), LOTLINE_LINE_INPUT, op, hint, error))
          return NULL;
      for (guint i = 0; i < self->outputs->len; i++)
        if (!read_new_lot_line (self, g_ptr_array_index (self->outputs, i), op, hint, error))
          return NULL;
      break;

    case LOTLINE_EVENT_SHIP:
    case LOTLINE_EVENT_RETURN:
      if (!read_header (self, op, _("Choose the customer."), hint, error))
        return NULL;
      if (self->inputs->len == 0)
        {
          *hint = g_strdup (_("Add a lot."));
          return NULL;
        }
      for (guint i = 0; i < self->inputs->len; i++)
        if (!read_lot_line (g_ptr_array_index (self->inputs, i),
                            self->kind == LOTLINE_EVENT_SHIP ? LOTLINE_LINE_INPUT : LOTLINE_LINE_OUTPUT,
                            op, hint, error))
          return NULL;
      break;

    case LOTLINE_EVENT_TRANSFER:
      {
        LotlineLineSpec from = { .role = LOTLINE_LINE_INPUT };
        LotlineLineSpec to = { .role = LOTLINE_LINE_OUTPUT };

        /* In the order of the rows: lot, from, to, quantity. */
        line = g_ptr_array_index (self->inputs, 0);
        from.lot_id = to.lot_id = lotline_lot_chooser_get_lot_id (line->lot);
        from.location_id = lotline_op_combo_get_id (line->location);
        to.location_id = lotline_op_combo_get_id (line->location_to);
        if (from.lot_id == 0)
          *hint = g_strdup (_("Choose a lot."));
        else if (from.location_id == 0)
          *hint = g_strdup (_("Choose where the lot is now."));
        else if (to.location_id == 0)
          *hint = g_strdup (_("Choose where the lot goes."));
        if (*hint != NULL ||
            !read_quantity (line->quantity, _("Enter the quantity."), &from.quantity, hint, error))
          return NULL;
        to.quantity = from.quantity;
        op_spec_add_line (op, &from);
        op_spec_add_line (op, &to);
      }
      if (!read_header (self, op, NULL, hint, error))
        return NULL;
      break;

    case LOTLINE_EVENT_ADJUST:
      line = g_ptr_array_index (self->inputs, 0);
      if (!read_lot_line (line, adw_combo_row_get_selected (self->direction) == 0 ? LOTLINE_LINE_OUTPUT : LOTLINE_LINE_INPUT,
                          op, hint, error) ||
          !read_header (self, op, NULL, hint, error))
        return NULL;
      break;

    case LOTLINE_EVENT_DESTROY:
      if (!read_lot_line (g_ptr_array_index (self->inputs, 0), LOTLINE_LINE_INPUT, op, hint, error) ||
          !read_header (self, op, NULL, hint, error))
        return NULL;
      break;

    case LOTLINE_EVENT_QUARANTINE:
    case LOTLINE_EVENT_RELEASE:
      if (!read_lot_line (g_ptr_array_index (self->inputs, 0), LOTLINE_LINE_SUBJECT, op, hint, error) ||
          !read_header (self, op, NULL, hint, error))
        return NULL;
      break;

    default:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("This kind of event cannot be recorded here."));
      return NULL;
    }

  /* A reason the ledger requires is asked for gently, before its rule fires. */
  if (self->reason != NULL && op->spec.reason == NULL)
    {
      *hint = g_strdup (_("Enter the reason."));
      return NULL;
    }

  if (!entry_is_blank (self->override_row))
    op->override_reason = g_strstrip (g_strdup (entry_text (self->override_row)));

  if (summary != NULL)
    *summary = summarize (self, op);
  return g_steal_pointer (&op);
}
