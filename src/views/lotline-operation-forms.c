/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "lotline-operation-dialog-private.h"
#include "lotline-view-util.h"

/* Each kind's form: its rows, its lot lines and the buttons that add and
 * remove them.  Reading the form into an event is in
 * lotline-operation-spec.c. */

/* ---- building the form ---------------------------------------------------- */

static void
on_editable_changed_cb (GtkEditable            *editable,
                        LotlineOperationDialog *self)
{
  lotline_operation_dialog_form_changed (self);
}

static void
on_selected_changed_cb (GObject                *object,
                        GParamSpec             *pspec,
                        LotlineOperationDialog *self)
{
  lotline_operation_dialog_form_changed (self);
}

static void
label_row (GtkWidget  *row,
           const char *label)
{
  lotline_view_set_accessible_label (row, label);
  if (GTK_IS_EDITABLE (row) && gtk_editable_get_delegate (GTK_EDITABLE (row)) != NULL)
    lotline_view_set_accessible_label (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (row))), label);
}

static AdwEntryRow *
entry_row_new (LotlineOperationDialog *self,
               const char             *title,
               const char             *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
  label_row (row, title);
  g_signal_connect (row, "changed", G_CALLBACK (on_editable_changed_cb), self);
  return ADW_ENTRY_ROW (row);
}

static void
on_calendar_day_selected_cb (GtkCalendar *calendar,
                             AdwEntryRow *row)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *text = NULL;

  if (g_object_get_data (G_OBJECT (calendar), "lotline-syncing") != NULL)
    return;
  date = gtk_calendar_get_date (calendar);
  text = g_date_time_format (date, "%Y-%m-%d");
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  gtk_menu_button_popdown (g_object_get_data (G_OBJECT (calendar), "lotline-button"));
}

static void
on_date_popover_show_cb (GtkPopover  *popover,
                         AdwEntryRow *row)
{
  GtkCalendar *calendar = GTK_CALENDAR (gtk_popover_get_child (popover));
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autoptr(GDateTime) date = NULL;
  int y, m, d;

  if (lotline_date_is_valid (text) && sscanf (text, "%d-%d-%d", &y, &m, &d) == 3)
    date = g_date_time_new_local (y, m, d, 12, 0, 0);
  if (date == NULL)
    date = g_date_time_new_now_local ();

  g_object_set_data (G_OBJECT (calendar), "lotline-syncing", GINT_TO_POINTER (TRUE));
  gtk_calendar_select_day (calendar, date);
  g_object_set_data (G_OBJECT (calendar), "lotline-syncing", NULL);
}

/* A date typed as YYYY-MM-DD, or picked from a calendar. */
static AdwEntryRow *
date_row_new (LotlineOperationDialog *self,
              const char             *title,
              const char             *text)
{
  AdwEntryRow *row = entry_row_new (self, title, text);
  GtkWidget *calendar = gtk_calendar_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *button = gtk_menu_button_new ();
  g_autofree char *label = g_strdup_printf (_("Choose %s from a calendar"), title);

  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  g_signal_connect (popover, "show", G_CALLBACK (on_date_popover_show_cb), row);
  g_signal_connect (calendar, "day-selected", G_CALLBACK (on_calendar_day_selected_cb), row);
  g_object_set_data (G_OBJECT (calendar), "lotline-button", button);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Choose a date"));
  lotline_view_set_accessible_label (button, label);
  adw_entry_row_add_suffix (row, button);
  return row;
}

typedef gboolean (*RefFilter) (const LotlineRecordRef *ref);

static void apply_lot (FormLine *line);

static gboolean
is_supplier (const LotlineRecordRef *ref)
{
  return ref->kind == LOTLINE_PARTY_SUPPLIER || ref->kind == LOTLINE_PARTY_SITE;
}

static gboolean
is_customer (const LotlineRecordRef *ref)
{
  return ref->kind == LOTLINE_PARTY_CUSTOMER || ref->kind == LOTLINE_PARTY_SITE;
}

/* Offers @refs (less those @filter rejects) after the "Not chosen" item. */
static void
fill_record_combo (AdwComboRow *row,
                   GPtrArray   *refs)
{
  GtkStringList *model = GTK_STRING_LIST (adw_combo_row_get_model (row));
  GArray *ids = g_object_get_data (G_OBJECT (row), "lotline-ids");
  RefFilter filter = g_object_get_data (G_OBJECT (row), "lotline-filter");
  gboolean show_code = g_object_get_data (G_OBJECT (row), "lotline-show-code") != NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; refs != NULL && i < refs->len; i++)
    {
      const LotlineRecordRef *ref = g_ptr_array_index (refs, i);

      if (filter != NULL && !filter (ref))
        continue;
      if (show_code && g_strcmp0 (ref->code, ref->name) != 0)
        /* Translators: a record and its code, "Strawberries (RAW-STRAW)" */
        g_ptr_array_add (labels, g_strdup_printf (_("%s (%s)"), ref->name, ref->code));
      else
        g_ptr_array_add (labels, g_strdup (ref->name));
      g_array_append_val (ids, ref->id);
    }
  g_ptr_array_add (labels, NULL);
  gtk_string_list_splice (model, g_list_model_get_n_items (G_LIST_MODEL (model)), 0,
                          (const char * const *) labels->pdata);
}

static GPtrArray *
combo_source (LotlineOperationDialog *self,
              AdwComboRow            *row)
{
  GPtrArray **source = g_object_get_data (G_OBJECT (row), "lotline-source");

  return *source;
}

/* A combo row over records, with "Not chosen" first.  @source is where the
 * dialog keeps the records; they may arrive after the row is built. */
static AdwComboRow *
record_combo_new (LotlineOperationDialog  *self,
                  const char              *title,
                  GPtrArray              **source,
                  RefFilter                filter,
                  gboolean                 show_code)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 none = 0;

  gtk_string_list_append (model, _("Not chosen"));
  g_array_append_val (ids, none);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 0);
  g_object_set_data_full (G_OBJECT (row), "lotline-ids", ids, (GDestroyNotify) g_array_unref);
  g_object_set_data (G_OBJECT (row), "lotline-source", source);
  g_object_set_data (G_OBJECT (row), "lotline-filter", filter);
  g_object_set_data (G_OBJECT (row), "lotline-show-code", GINT_TO_POINTER (show_code));
  label_row (row, title);
  g_signal_connect (row, "notify::selected", G_CALLBACK (on_selected_changed_cb), self);

  if (self->loaded)
    fill_record_combo (ADW_COMBO_ROW (row), *source);
  else
    g_ptr_array_add (self->unfilled_combos, g_object_ref (row));
  return ADW_COMBO_ROW (row);
}

void
lotline_operation_dialog_fill_pickers (LotlineOperationDialog *self)
{
  for (guint i = 0; i < self->unfilled_combos->len; i++)
    {
      AdwComboRow *row = g_ptr_array_index (self->unfilled_combos, i);

      fill_record_combo (row, combo_source (self, row));
    }
  g_ptr_array_set_size (self->unfilled_combos, 0);

  /* A lot that came before its locations: choose where it is now. */
  for (guint i = 0; i < self->inputs->len; i++)
    {
      FormLine *line = g_ptr_array_index (self->inputs, i);

      if (line->lot != NULL)
        apply_lot (line);
    }
}

static AdwComboRow *
location_combo_new (LotlineOperationDialog *self,
                    const char             *title)
{
  return record_combo_new (self, title, &self->locations, NULL, TRUE);
}

/* Document types as stored, and as shown. */
static const struct {
  const char *value;
  const char *label;
} doc_types[] = {
  { NULL, N_("None") },
  { "PO", N_("Purchase order") },
  { "BOL", N_("Bill of lading") },
  { "invoice", N_("Invoice") },
  { "delivery note", N_("Delivery note") },
  { "RMA", N_("Return authorization") },
};

static AdwComboRow *
doc_type_combo_new (LotlineOperationDialog *self,
                    const char             *preset)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (doc_types); i++)
    gtk_string_list_append (model, _(doc_types[i].label));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  for (guint i = 0; i < G_N_ELEMENTS (doc_types); i++)
    if (preset != NULL && g_strcmp0 (doc_types[i].value, preset) == 0)
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Document"));
  label_row (row, _("Document"));
  g_signal_connect (row, "notify::selected", G_CALLBACK (on_selected_changed_cb), self);
  return ADW_COMBO_ROW (row);
}

const char *
lotline_op_doc_type_value (AdwComboRow *row)
{
  guint selected = row != NULL ? adw_combo_row_get_selected (row) : 0;

  return selected < G_N_ELEMENTS (doc_types) ? doc_types[selected].value : NULL;
}

static GtkWidget *
group_new (GtkBox     *box,
           const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  if (title != NULL)
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (box, group);
  return group;
}

static void
group_add (GtkWidget *group,
           gpointer   row)
{
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (row));
}

/* ---- lot lines ------------------------------------------------------------ */

void
form_line_free (FormLine *line)
{
  GtkWidget *widgets[] = {
    GTK_WIDGET (line->lot), GTK_WIDGET (line->product), GTK_WIDGET (line->remove),
  };

  /* The widgets may outlive the line (a chooser finishing a search). */
  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    if (widgets[i] != NULL)
      g_signal_handlers_disconnect_by_data (widgets[i], line);
  g_free (line);
}

static AdwEntryRow *
quantity_row_new (FormLine   *line,
                  const char *title)
{
  AdwEntryRow *row = entry_row_new (line->dialog, title, NULL);

  adw_entry_row_set_input_purpose (row, GTK_INPUT_PURPOSE_NUMBER);
  line->unit = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (line->unit), "dim-label");
  adw_entry_row_add_suffix (row, GTK_WIDGET (line->unit));
  return row;
}

static gboolean
takes_stock (LotlineOperationDialog *self,
             FormLine               *line)
{
  switch (self->kind)
    {
    case LOTLINE_EVENT_SHIP:
    case LOTLINE_EVENT_DESTROY:
    case LOTLINE_EVENT_TRANSFER:
      return TRUE;
    case LOTLINE_EVENT_PRODUCE:
      return line->lot != NULL;
    case LOTLINE_EVENT_ADJUST:
      return adw_combo_row_get_selected (self->direction) == 1;
    default:
      return FALSE;
    }
}

/* The chosen lot's details are in: show its unit, and take it from where it
 * is when no location holding it is chosen yet. */
static void
apply_lot (FormLine *line)
{
  const LotlineLot *lot = lotline_lot_chooser_get_lot (line->lot);
  GArray *stock = lotline_lot_chooser_get_stock (line->lot);

  if (line->unit != NULL)
    gtk_label_set_text (line->unit, lot != NULL ? lot->unit : "");

  if (lot != NULL && stock != NULL && line->location != NULL)
    {
      gint64 current = lotline_op_combo_get_id (line->location);
      const LotlineStockEntry *best = NULL;
      gboolean held_here = FALSE;

      for (guint i = 0; i < stock->len; i++)
        {
          const LotlineStockEntry *entry = &g_array_index (stock, LotlineStockEntry, i);

          if (entry->location_id == current && entry->quantity > 0)
            held_here = TRUE;
          if (entry->quantity > 0 && (best == NULL || entry->quantity > best->quantity))
            best = entry;
        }
      if (best != NULL && (current == 0 || (!held_here && takes_stock (line->dialog, line))))
        lotline_op_combo_select_id (line->location, best->location_id);
    }
}

static void
on_line_lot_changed_cb (LotlineLotChooser *chooser,
                        FormLine          *line)
{
  apply_lot (line);
  lotline_operation_dialog_form_changed (line->dialog);
}

static void
on_line_product_changed_cb (GObject    *object,
                            GParamSpec *pspec,
                            FormLine   *line)
{
  const LotlineRecordRef *ref = lotline_op_find_ref (line->dialog->products, lotline_op_combo_get_id (line->product));

  gtk_label_set_text (line->unit, ref != NULL && ref->unit != NULL ? ref->unit : "");
}

static FormLine *
form_line_new (LotlineOperationDialog *self,
               GtkWidget              *group)
{
  FormLine *line = g_new0 (FormLine, 1);

  line->dialog = self;
  line->group = group;
  return line;
}

/* Rows for an existing lot: the lot, where it is, and how much. */
static void
add_lot_rows (FormLine   *line,
              gboolean    on_hand_only,
              const char *location_title,
              gint64      lot_id)
{
  LotlineOperationDialog *self = line->dialog;

  line->lot = LOTLINE_LOT_CHOOSER (lotline_lot_chooser_new (self->session, on_hand_only));
  g_signal_connect (line->lot, "changed", G_CALLBACK (on_line_lot_changed_cb), line);
  group_add (line->group, line->lot);

  if (location_title != NULL)
    {
      line->location = location_combo_new (self, location_title);
      group_add (line->group, line->location);
    }
  if (lot_id > 0)
    lotline_lot_chooser_set_lot_id (line->lot, lot_id);
}

/* Rows for a lot the event creates. */
static void
add_new_lot_rows (FormLine *line,
                  gboolean  received)
{
  LotlineOperationDialog *self = line->dialog;

  line->product = record_combo_new (self, _("Product"), &self->products, NULL, TRUE);
  g_signal_connect (line->product, "notify::selected", G_CALLBACK (on_line_product_changed_cb), line);
  group_add (line->group, line->product);
  line->code = entry_row_new (self, _("New lot code"), NULL);
  group_add (line->group, line->code);
  lotline_op_lot_code_attach (line);
  if (received)
    {
      line->supplier_lot = entry_row_new (self, _("Supplier’s lot code"), NULL);
      group_add (line->group, line->supplier_lot);
    }
  line->produced_on = date_row_new (self, _("Produced on"), NULL);
  group_add (line->group, line->produced_on);
  line->expires_on = date_row_new (self, _("Expires on"), NULL);
  group_add (line->group, line->expires_on);
  line->best_before = date_row_new (self, _("Best before"), NULL);
  group_add (line->group, line->best_before);
}

static void renumber_lines (LotlineOperationDialog *self);

static void
on_remove_line_clicked_cb (GtkButton *button,
                           FormLine  *line)
{
  LotlineOperationDialog *self = line->dialog;
  GPtrArray *lines = g_ptr_array_find (self->inputs, line, NULL) ? self->inputs : self->outputs;
  GtkWidget *group = line->group;

  gtk_box_remove (GTK_BOX (gtk_widget_get_parent (group)), group);
  g_ptr_array_remove (lines, line);   /* frees the line */
  renumber_lines (self);
  lotline_operation_dialog_form_changed (self);
}

/* A group for one line of several, with a button to remove it. */
static FormLine *
line_group_new (LotlineOperationDialog *self,
                GtkWidget              *box,
                GPtrArray              *lines,
                const char             *description)
{
  GtkWidget *group = group_new (GTK_BOX (box), NULL, description);
  FormLine *line = form_line_new (self, group);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_line_clicked_cb), line);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), remove);
  line->remove = remove;
  g_ptr_array_add (lines, line);
  return line;
}

/* "Input 2", "Output 1", "Lot 3" */
static char *
line_title (LotlineEventKind kind,
            gboolean         output,
            guint            number)
{
  if (kind == LOTLINE_EVENT_PRODUCE && output)
    /* Translators: the lots a production makes, "Output 1", "Output 2" */
    return g_strdup_printf (_("Output %u"), number);
  if (kind == LOTLINE_EVENT_PRODUCE)
    /* Translators: the lots a production uses, "Input 1", "Input 2" */
    return g_strdup_printf (_("Input %u"), number);
  /* Translators: the lots of a shipment or return, "Lot 1", "Lot 2" */
  return g_strdup_printf (_("Lot %u"), number);
}

static void
renumber (LotlineOperationDialog *self,
          GPtrArray              *lines,
          gboolean                output)
{
  for (guint i = 0; i < lines->len; i++)
    {
      FormLine *line = g_ptr_array_index (lines, i);
      g_autofree char *title = NULL;
      g_autofree char *remove_label = NULL;

      if (line->remove == NULL)
        continue;
      title = line_title (self->kind, output, i + 1);
      /* Translators: a button that removes a line of the form, "Remove Input 2" */
      remove_label = g_strdup_printf (_("Remove %s"), title);
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (line->group), title);
      gtk_widget_set_tooltip_text (line->remove, remove_label);
      lotline_view_set_accessible_label (line->remove, remove_label);
      gtk_widget_set_visible (line->remove, lines->len > 1);
    }
}

static void
renumber_lines (LotlineOperationDialog *self)
{
  renumber (self, self->inputs, FALSE);
  renumber (self, self->outputs, TRUE);
}

static FormLine *
add_input_line (LotlineOperationDialog *self,
                gint64                  lot_id)
{
  FormLine *line;

  switch (self->kind)
    {
    case LOTLINE_EVENT_PRODUCE:
      line = line_group_new (self, self->inputs_box, self->inputs, NULL);
      add_lot_rows (line, TRUE, _("Taken from"), lot_id);
      line->quantity = quantity_row_new (line, _("Quantity used"));
      break;
    case LOTLINE_EVENT_SHIP:
      line = line_group_new (self, self->inputs_box, self->inputs, NULL);
      add_lot_rows (line, TRUE, _("Taken from"), lot_id);
      line->quantity = quantity_row_new (line, _("Quantity shipped"));
      break;
    case LOTLINE_EVENT_RETURN:
      line = line_group_new (self, self->inputs_box, self->inputs, NULL);
      add_lot_rows (line, FALSE, _("Put at"), lot_id);
      line->quantity = quantity_row_new (line, _("Quantity returned"));
      break;
    default:
      g_return_val_if_reached (NULL);
    }
  group_add (line->group, line->quantity);
  renumber_lines (self);
  return line;
}

static FormLine *
add_output_line (LotlineOperationDialog *self)
{
  FormLine *line = line_group_new (self, self->outputs_box, self->outputs, NULL);

  add_new_lot_rows (line, FALSE);
  line->quantity = quantity_row_new (line, _("Quantity made"));
  group_add (line->group, line->quantity);
  line->location = location_combo_new (self, _("Stored at"));
  group_add (line->group, line->location);
  renumber_lines (self);
  return line;
}

static void
on_add_input_clicked_cb (GtkButton              *button,
                         LotlineOperationDialog *self)
{
  add_input_line (self, 0);
  lotline_operation_dialog_form_changed (self);
}

static void
on_add_output_clicked_cb (GtkButton              *button,
                          LotlineOperationDialog *self)
{
  add_output_line (self);
  lotline_operation_dialog_form_changed (self);
}

static GtkWidget *
add_button_new (const char *label,
                GCallback   callback,
                gpointer    data)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();
  g_auto(GStrv) parts = g_strsplit (label, "_", -1);
  g_autofree char *plain = g_strjoinv ("", parts);

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), content);
  lotline_view_set_accessible_label (button, plain);
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  g_signal_connect (button, "clicked", callback, data);
  return button;
}

/* A section of repeated lines: a title, the lines, and a button to add one. */
static GtkWidget *
lines_section_new (LotlineOperationDialog *self,
                   const char             *title,
                   const char             *description,
                   const char             *add_label,
                   GCallback               add_callback)
{
  GtkWidget *section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *lines = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "title-4");
  gtk_box_append (GTK_BOX (section), heading);
  if (description != NULL)
    {
      GtkWidget *text = gtk_label_new (description);

      gtk_label_set_xalign (GTK_LABEL (text), 0);
      gtk_label_set_wrap (GTK_LABEL (text), TRUE);
      gtk_widget_add_css_class (text, "dim-label");
      gtk_box_append (GTK_BOX (section), text);
    }
  gtk_box_append (GTK_BOX (section), lines);
  gtk_box_append (GTK_BOX (section), add_button_new (add_label, add_callback, self));
  gtk_box_append (self->form_box, section);
  return lines;
}

/* ---- the forms ------------------------------------------------------------ */

static void
build_receive (LotlineOperationDialog *self)
{
  GtkWidget *group = group_new (self->form_box, _("Receipt"), NULL);
  FormLine *line;

  self->party = record_combo_new (self, _("Supplier"), &self->parties, is_supplier, FALSE);
  group_add (group, self->party);
  self->date = date_row_new (self, _("Date received"), self->today);
  group_add (group, self->date);
  self->doc_type = doc_type_combo_new (self, "PO");
  group_add (group, self->doc_type);
  self->doc_number = entry_row_new (self, _("Document number"), NULL);
  group_add (group, self->doc_number);

  group = group_new (self->form_box, _("New lot"),
                     _("Leave the expiry date empty to count the product’s shelf life from the production or receipt date."));
  line = form_line_new (self, group);
  g_ptr_array_add (self->outputs, line);
  add_new_lot_rows (line, TRUE);
  line->quantity = quantity_row_new (line, _("Quantity received"));
  group_add (group, line->quantity);
  line->location = location_combo_new (self, _("Stored at"));
  group_add (group, line->location);
}

static void
build_produce (LotlineOperationDialog *self)
{
  GtkWidget *group = group_new (self->form_box, _("Production"), NULL);

  self->date = date_row_new (self, _("Date produced"), self->today);
  group_add (group, self->date);
  self->doc_number = entry_row_new (self, _("Batch record number"), NULL);
  group_add (group, self->doc_number);

  self->inputs_box = lines_section_new (self, _("Inputs"), _("The lots used, and how much of each."),
                                        _("Add _input"), G_CALLBACK (on_add_input_clicked_cb));
  add_input_line (self, self->lot_id);

  self->outputs_box = lines_section_new (self, _("Outputs"),
                                         _("The lots made. An empty expiry date is counted from the product’s shelf life, and is never later than the first input to expire."),
                                         _("Add _output"), G_CALLBACK (on_add_output_clicked_cb));
  add_output_line (self);
}

FormLine *
lotline_operation_dialog_add_input_line (LotlineOperationDialog *self,
                                         gint64                  lot_id)
{
  return add_input_line (self, lot_id);
}

void
lotline_operation_dialog_clear_input_lines (LotlineOperationDialog *self)
{
  while (self->inputs->len > 0)
    {
      FormLine *line = g_ptr_array_index (self->inputs, self->inputs->len - 1);
      GtkWidget *group = line->group;

      /* The line first: freeing it disconnects from its widgets. */
      g_ptr_array_remove_index (self->inputs, self->inputs->len - 1);
      gtk_box_remove (GTK_BOX (gtk_widget_get_parent (group)), group);
    }
}

static void
build_ship_or_return (LotlineOperationDialog *self)
{
  gboolean ship = self->kind == LOTLINE_EVENT_SHIP;
  GtkWidget *group = group_new (self->form_box, ship ? _("Shipment") : _("Return"), NULL);

  self->party = record_combo_new (self, _("Customer"), &self->parties, is_customer, FALSE);
  group_add (group, self->party);
  self->date = date_row_new (self, ship ? _("Date shipped") : _("Date returned"), self->today);
  group_add (group, self->date);
  self->doc_type = doc_type_combo_new (self, ship ? "BOL" : "RMA");
  group_add (group, self->doc_type);
  self->doc_number = entry_row_new (self, _("Document number"), NULL);
  group_add (group, self->doc_number);

  if (ship)
    {
      GtkWidget *assign = group_new (self->form_box, _("Assign lots automatically"),
                                     _("First expired, first out, within the customer’s shelf-life policy. You can still change the lots by hand."));

      self->alloc_product = record_combo_new (self, _("Product ordered"), &self->products, NULL, TRUE);
      group_add (assign, self->alloc_product);
      self->alloc_quantity = entry_row_new (self, _("Quantity ordered"), NULL);
      adw_entry_row_set_input_purpose (self->alloc_quantity, GTK_INPUT_PURPOSE_NUMBER);
      group_add (assign, self->alloc_quantity);
      lotline_operation_dialog_build_allocation (self, assign);
    }

  self->inputs_box = lines_section_new (self, _("Lots"), NULL, _("Add _lot"),
                                        G_CALLBACK (on_add_input_clicked_cb));
  add_input_line (self, self->lot_id);
}

static void
build_single_lot (LotlineOperationDialog *self)
{
  const char *title;
  GtkWidget *group;
  FormLine *line;
  gboolean on_hand_only = self->kind == LOTLINE_EVENT_TRANSFER || self->kind == LOTLINE_EVENT_DESTROY;

  switch (self->kind)
    {
    case LOTLINE_EVENT_TRANSFER: title = _("Transfer"); break;
    case LOTLINE_EVENT_ADJUST: title = _("Adjustment"); break;
    case LOTLINE_EVENT_DESTROY: title = _("Destruction"); break;
    case LOTLINE_EVENT_QUARANTINE: title = _("Quarantine"); break;
    case LOTLINE_EVENT_RELEASE: title = _("Release"); break;
    default: g_return_if_reached ();
    }

  group = group_new (self->form_box, title, NULL);
  line = form_line_new (self, group);
  g_ptr_array_add (self->inputs, line);

  switch (self->kind)
    {
    case LOTLINE_EVENT_TRANSFER:
      add_lot_rows (line, on_hand_only, _("From"), 0);
      line->location_to = location_combo_new (self, _("To"));
      group_add (group, line->location_to);
      line->quantity = quantity_row_new (line, _("Quantity moved"));
      group_add (group, line->quantity);
      break;

    case LOTLINE_EVENT_ADJUST:
      add_lot_rows (line, on_hand_only, _("Location"), 0);
      {
        const char *directions[] = { _("More than recorded"), _("Less than recorded"), NULL };

        g_autoptr(GtkStringList) model = gtk_string_list_new (directions);

        self->direction = ADW_COMBO_ROW (adw_combo_row_new ());
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->direction), _("Counted"));
        adw_combo_row_set_model (self->direction, G_LIST_MODEL (model));
        label_row (GTK_WIDGET (self->direction), _("Counted"));
        g_signal_connect (self->direction, "notify::selected", G_CALLBACK (on_selected_changed_cb), self);
        group_add (group, self->direction);
      }
      line->quantity = quantity_row_new (line, _("Difference"));
      group_add (group, line->quantity);
      break;

    case LOTLINE_EVENT_DESTROY:
      add_lot_rows (line, on_hand_only, _("Taken from"), 0);
      line->quantity = quantity_row_new (line, _("Quantity destroyed"));
      group_add (group, line->quantity);
      break;

    default:
      add_lot_rows (line, FALSE, NULL, 0);
      break;
    }

  /* The ledger asks why stock is adjusted, destroyed or held; a transfer
   * needs no reason. */
  if (self->kind != LOTLINE_EVENT_TRANSFER)
    {
      self->reason = entry_row_new (self, _("Reason"), NULL);
      group_add (group, self->reason);
    }
  self->date = date_row_new (self, _("Date"), self->today);
  group_add (group, self->date);

  if (self->lot_id > 0)
    lotline_lot_chooser_set_lot_id (line->lot, self->lot_id);
}

void
lotline_operation_dialog_build_form (LotlineOperationDialog *self)
{
  switch (self->kind)
    {
    case LOTLINE_EVENT_RECEIVE:
      build_receive (self);
      break;
    case LOTLINE_EVENT_PRODUCE:
      build_produce (self);
      break;
    case LOTLINE_EVENT_SHIP:
    case LOTLINE_EVENT_RETURN:
      build_ship_or_return (self);
      break;
    default:
      build_single_lot (self);
      break;
    }
}

