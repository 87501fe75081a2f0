/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotline-lot-format-group.h"
#include "lotline-lot-format-store.h"

struct _LotlineLotFormatGroup
{
  AdwPreferencesGroup  parent_instance;

  LotlineSession      *session;
  GCancellable        *cancellable;
  guint                loading;      /* jobs under way */
  guint                saving;
  gboolean             filling;      /* rows are being set from the database */
  char                *example_product;

  AdwEntryRow         *template_row;
  AdwActionRow        *example_row;
  AdwEntryRow         *facility_row;
  AdwEntryRow         *line_row;
  AdwEntryRow         *shift_row;
  AdwExpanderRow      *products_row;
  GPtrArray           *product_rows; /* AdwEntryRow*, in the expander */
};

G_DEFINE_FINAL_TYPE (LotlineLotFormatGroup, lotline_lot_format_group, ADW_TYPE_PREFERENCES_GROUP)

#define PRODUCT_ID_KEY "lotline-product-id"
#define OWN_KEY        "lotline-has-own-format"   /* set while a format is saved for the row's product */

/* ---- small helpers ---------------------------------------------------------- */

static char *
dup_row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
set_row_text (LotlineLotFormatGroup *self,
              AdwEntryRow           *row,
              const char            *text)
{
  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  self->filling = FALSE;
}

static void
set_subtitle_text (AdwActionRow *row,
                   const char   *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  adw_action_row_set_subtitle (row, markup);
}

/* Red while the row holds a template that is not one. */
static gboolean
check_template_row (AdwEntryRow       *row,
                    LotlineLotFormat **out_format,
                    GError           **error)
{
  g_autofree char *text = dup_row_text (row);
  LotlineLotFormat *format = NULL;
  gboolean ok = TRUE;

  if (*text != '\0')
    {
      format = lotline_lot_format_new_checked (text, error);
      ok = format != NULL;
    }
  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  if (out_format != NULL)
    *out_format = format;
  else
    g_clear_pointer (&format, lotline_lot_format_free);
  return ok;
}

static void
read_defaults (LotlineLotFormatGroup  *self,
               LotlineLotCodeDefaults *out)
{
  out->facility = dup_row_text (self->facility_row);
  out->line = dup_row_text (self->line_row);
  out->shift = dup_row_text (self->shift_row);
}

/* What the format makes today, or why it cannot make anything. */
static char *
dup_example (LotlineLotFormatGroup *self)
{
  g_autoptr(LotlineLotFormat) format = NULL;
  g_auto(LotlineLotCodeDefaults) defaults = { 0 };
  g_autofree char *today = NULL, *text = dup_row_text (self->template_row);
  g_autoptr(GError) error = NULL;
  LotlineLotParts parts = { .sequence = 1 };
  char *code;

  if (!check_template_row (self->template_row, &format, &error))
    return g_strdup (error->message);
  if (format == NULL)
    return g_strdup (_("No format: lot codes are typed by hand."));
  read_defaults (self, &defaults);
  if (!lotline_lot_format_check_defaults (format, &defaults, &error))
    return g_strdup (error->message);

  today = lotline_session_dup_today (self->session);
  parts.date = today;
  parts.facility = defaults.facility;
  parts.line = defaults.line;
  parts.shift = defaults.shift;
  parts.product = self->example_product;
  code = lotline_lot_format_generate (format, &parts, &error);
  return code != NULL ? code : g_strdup (error->message);
}

static void
update_example (LotlineLotFormatGroup *self)
{
  g_autofree char *example = NULL;

  if (self->session == NULL)
    return;
  example = dup_example (self);
  set_subtitle_text (self->example_row, example);
}

static void
add_toast (LotlineLotFormatGroup *self,
           const char            *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *markup = g_markup_escape_text (text, -1);

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (markup));
}

/* How many products have a format of their own, as saved. */
static void
show_products_summary (LotlineLotFormatGroup *self)
{
  g_autofree char *subtitle = NULL;
  guint own = 0;

  for (guint i = 0; i < self->product_rows->len; i++)
    own += g_object_get_data (G_OBJECT (g_ptr_array_index (self->product_rows, i)), OWN_KEY) != NULL;
  if (own == 0)
    subtitle = g_strdup (_("Every product follows the format above. Give a product a format of its own here."));
  else
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u product has a format of its own; the others follow the format above.",
                                             "%u products have a format of their own; the others follow the format above.", own),
                                own);
  adw_expander_row_set_subtitle (self->products_row, subtitle);
}

/* ---- saving ------------------------------------------------------------------ */

typedef struct {
  gboolean                defaults;    /* else a format */
  gint64                  product_id;  /* 0 = the site's format */
  char                   *template_text;
  LotlineLotCodeDefaults  values;
} SaveRequest;

static void
save_request_free (gpointer data)
{
  SaveRequest *request = data;

  g_free (request->template_text);
  lotline_lot_code_defaults_clear (&request->values);
  g_free (request);
}

/* Runs on a worker; the result is the toast's text. */
static gpointer
save_job (LotlineStore  *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  SaveRequest *request = data;

  if (request->defaults)
    return lotline_store_set_lot_code_defaults (store, &request->values, error)
           ? g_strdup (_("Facility, line and shift saved")) : NULL;
  if (!lotline_store_set_lot_format (store, request->product_id, request->template_text, error))
    return NULL;
  if (*request->template_text == '\0' && request->product_id > 0)
    return g_strdup (_("The product follows the site’s format again"));
  return g_strdup (_("Lot-code format saved"));
}

/* Back on the main thread: who asked, and for which product's row. */
typedef struct {
  LotlineLotFormatGroup *self;
  AdwEntryRow           *row;    /* NULL but for a product's format */
  gboolean               own;    /* the product now has a format of its own */
} SaveReply;

static void
on_saved_cb (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  SaveReply *reply = user_data;
  g_autoptr(LotlineLotFormatGroup) self = reply->self;
  g_autoptr(AdwEntryRow) row = reply->row;
  gboolean own = reply->own;
  g_autoptr(GError) error = NULL;
  g_autofree char *toast = lotline_session_run_finish (LOTLINE_SESSION (source_object), result, &error);

  g_free (reply);
  self->saving--;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  add_toast (self, toast != NULL ? toast : error->message);
  if (toast == NULL)
    return;
  if (row != NULL)
    {
      g_object_set_data (G_OBJECT (row), OWN_KEY, GINT_TO_POINTER (own));
      show_products_summary (self);
    }
  lotline_session_notify_changed (LOTLINE_SESSION (source_object));
}

static void
save (LotlineLotFormatGroup *self,
      SaveRequest           *request,
      AdwEntryRow           *product_row)
{
  SaveReply *reply = g_new0 (SaveReply, 1);

  reply->self = g_object_ref (self);
  reply->row = product_row != NULL ? g_object_ref (product_row) : NULL;
  reply->own = request->template_text != NULL && *request->template_text != '\0';
  self->saving++;
  lotline_session_run_async (self->session, save_job, request, save_request_free, g_free,
                             self->cancellable, on_saved_cb, reply);
}

static void
save_format (LotlineLotFormatGroup *self,
             AdwEntryRow           *row,
             gint64                 product_id)
{
  g_autoptr(GError) error = NULL;
  SaveRequest *request;

  if (self->session == NULL)
    return;
  if (!check_template_row (row, NULL, &error))
    {
      add_toast (self, error->message);
      return;
    }
  request = g_new0 (SaveRequest, 1);
  request->product_id = product_id;
  request->template_text = dup_row_text (row);
  save (self, request, product_id > 0 ? row : NULL);
}

static void
on_template_changed_cb (LotlineLotFormatGroup *self)
{
  update_example (self);
}

static void
on_template_apply_cb (LotlineLotFormatGroup *self)
{
  save_format (self, self->template_row, 0);
}

static void
on_defaults_changed_cb (LotlineLotFormatGroup *self)
{
  update_example (self);
}

static void
on_defaults_apply_cb (LotlineLotFormatGroup *self)
{
  SaveRequest *request;

  if (self->session == NULL)
    return;
  request = g_new0 (SaveRequest, 1);
  request->defaults = TRUE;
  read_defaults (self, &request->values);
  save (self, request, NULL);
}

static void
on_product_changed_cb (AdwEntryRow           *row,
                       LotlineLotFormatGroup *self)
{
  if (!self->filling)
    check_template_row (row, NULL, NULL);
}

static void
on_product_apply_cb (AdwEntryRow           *row,
                     LotlineLotFormatGroup *self)
{
  save_format (self, row, *(gint64 *) g_object_get_data (G_OBJECT (row), PRODUCT_ID_KEY));
}

/* ---- loading ----------------------------------------------------------------- */

typedef struct {
  char                   *site;
  LotlineLotCodeDefaults  defaults;
  GPtrArray              *products;   /* LotlineProductLotFormat* */
} Formats;

static void
formats_free (gpointer data)
{
  Formats *formats = data;

  g_free (formats->site);
  lotline_lot_code_defaults_clear (&formats->defaults);
  g_clear_pointer (&formats->products, g_ptr_array_unref);
  g_free (formats);
}

static gpointer
load_job (LotlineStore  *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  Formats *formats = g_new0 (Formats, 1);

  if (!lotline_store_get_lot_format (store, 0, &formats->site, error) ||
      !lotline_store_get_lot_code_defaults (store, &formats->defaults, error) ||
      (formats->products = lotline_store_list_product_lot_formats (store, error)) == NULL)
    {
      formats_free (formats);
      return NULL;
    }
  return formats;
}

static AdwEntryRow *
product_row_new (LotlineLotFormatGroup         *self,
                 const LotlineProductLotFormat *item)
{
  GtkWidget *row = adw_entry_row_new ();
  /* Translators: a product and its SKU, "Strawberry jam 340 g (FIN-JAR)" */
  g_autofree char *title = g_strdup_printf (_("%s (%s)"), item->name, item->sku);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), PRODUCT_ID_KEY, g_memdup2 (&item->id, sizeof item->id), g_free);
  set_row_text (self, ADW_ENTRY_ROW (row), item->template_text);
  g_object_set_data (G_OBJECT (row), OWN_KEY, GINT_TO_POINTER (item->template_text != NULL));
  g_signal_connect (row, "changed", G_CALLBACK (on_product_changed_cb), self);
  g_signal_connect (row, "apply", G_CALLBACK (on_product_apply_cb), self);
  return ADW_ENTRY_ROW (row);
}

static void
fill_products (LotlineLotFormatGroup *self,
               GPtrArray             *products)
{
  for (guint i = 0; i < self->product_rows->len; i++)
    adw_expander_row_remove (self->products_row, g_ptr_array_index (self->product_rows, i));
  g_ptr_array_set_size (self->product_rows, 0);

  for (guint i = 0; i < products->len; i++)
    {
      const LotlineProductLotFormat *item = g_ptr_array_index (products, i);
      AdwEntryRow *row = product_row_new (self, item);

      adw_expander_row_add_row (self->products_row, GTK_WIDGET (row));
      g_ptr_array_add (self->product_rows, row);
    }
  show_products_summary (self);
  g_free (self->example_product);
  self->example_product = products->len > 0
                          ? lotline_lot_format_product_code (((LotlineProductLotFormat *) products->pdata[0])->sku)
                          : g_strdup ("JAM");
}

static void
on_loaded_cb (GObject      *source_object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LotlineLotFormatGroup) self = user_data;
  g_autoptr(GError) error = NULL;
  Formats *formats = lotline_session_run_finish (LOTLINE_SESSION (source_object), result, &error);

  self->loading--;
  if (formats == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_subtitle_text (self->example_row, error->message);
      return;
    }
  set_row_text (self, self->template_row, formats->site);
  set_row_text (self, self->facility_row, formats->defaults.facility);
  set_row_text (self, self->line_row, formats->defaults.line);
  set_row_text (self, self->shift_row, formats->defaults.shift);
  fill_products (self, formats->products);
  update_example (self);
  formats_free (formats);
}

/**
 * lotline_lot_format_group_set_session:
 * @self: the group
 * @session: (nullable): the open database; the group hides without one
 *
 * Reads the formats on a worker and shows them.
 */
void
lotline_lot_format_group_set_session (LotlineLotFormatGroup *self,
                                      LotlineSession        *session)
{
  g_return_if_fail (LOTLINE_IS_LOT_FORMAT_GROUP (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_set_object (&self->session, session);
  gtk_widget_set_visible (GTK_WIDGET (self), session != NULL);
  if (session == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  self->loading++;
  lotline_session_run_async (session, load_job, NULL, NULL, formats_free, self->cancellable,
                             on_loaded_cb, g_object_ref (self));
}

gboolean
lotline_lot_format_group_get_busy (LotlineLotFormatGroup *self)
{
  g_return_val_if_fail (LOTLINE_IS_LOT_FORMAT_GROUP (self), FALSE);

  return self->loading > 0 || self->saving > 0;
}

/* ---- GObject ----------------------------------------------------------------- */

static void
lotline_lot_format_group_dispose (GObject *object)
{
  LotlineLotFormatGroup *self = LOTLINE_LOT_FORMAT_GROUP (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_pointer (&self->product_rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), LOTLINE_TYPE_LOT_FORMAT_GROUP);

  G_OBJECT_CLASS (lotline_lot_format_group_parent_class)->dispose (object);
}

static void
lotline_lot_format_group_finalize (GObject *object)
{
  LotlineLotFormatGroup *self = LOTLINE_LOT_FORMAT_GROUP (object);

  g_free (self->example_product);

  G_OBJECT_CLASS (lotline_lot_format_group_parent_class)->finalize (object);
}

static void
lotline_lot_format_group_class_init (LotlineLotFormatGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lotline_lot_format_group_dispose;
  object_class->finalize = lotline_lot_format_group_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, LOTLINE_RESOURCE_PATH "/lotline-lot-format-group.ui");
  gtk_widget_class_bind_template_child (widget_class, LotlineLotFormatGroup, template_row);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotFormatGroup, example_row);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotFormatGroup, facility_row);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotFormatGroup, line_row);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotFormatGroup, shift_row);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotFormatGroup, products_row);
  gtk_widget_class_bind_template_callback (widget_class, on_template_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_template_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_defaults_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_defaults_apply_cb);
}

static void
lotline_lot_format_group_init (LotlineLotFormatGroup *self)
{
  self->product_rows = g_ptr_array_new ();
  self->example_product = g_strdup ("JAM");
  gtk_widget_init_template (GTK_WIDGET (self));
}
