/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotline-expiry.h"
#include "lotline-shelf-life-window.h"
#include "lotline-view-util.h"

struct _LotlineShelfLifeWindow
{
  AdwWindow        parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwComboRow     *customer_row;
  GtkSpinButton   *days_spin;
  GtkSpinButton   *percent_spin;
  GtkWidget       *save_button;
  GtkListBox      *overrides_list;
  AdwComboRow     *product_row;
  GtkSpinButton   *product_days_spin;
  GtkSpinButton   *product_percent_spin;
  GtkWidget       *add_button;

  LotlineSession  *session;
  GCancellable    *cancellable;
  GArray          *customer_ids;   /* gint64, parallel to the customer row's model */
  GArray          *product_ids;
  guint            pending;
  guint            n_overrides;
  guint            generation;
};

G_DEFINE_FINAL_TYPE (LotlineShelfLifeWindow, lotline_shelf_life_window, ADW_TYPE_WINDOW)

static void load_policy (LotlineShelfLifeWindow *self);

/* ---- helpers ------------------------------------------------------------------ */

static void
toast (LotlineShelfLifeWindow *self,
       const char             *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (markup));
}

static void
update_sensitivity (LotlineShelfLifeWindow *self)
{
  gboolean customer = self->customer_ids->len > 0;

  gtk_widget_set_sensitive (self->save_button, customer && self->pending == 0);
  gtk_widget_set_sensitive (self->add_button, customer && self->pending == 0 && self->product_ids->len > 0);
}

static void
begin (LotlineShelfLifeWindow *self)
{
  self->pending++;
  update_sensitivity (self);
}

static void
end (LotlineShelfLifeWindow *self)
{
  g_return_if_fail (self->pending > 0);
  self->pending--;
  update_sensitivity (self);
}

static gint64
selected_id (AdwComboRow *row,
             GArray      *ids)
{
  guint i = adw_combo_row_get_selected (row);

  return i < ids->len ? g_array_index (ids, gint64, i) : 0;
}

/* Zero in a spin button means "no such rule". */
static int
rule_value (GtkSpinButton *spin)
{
  int value = gtk_spin_button_get_value_as_int (spin);

  return value > 0 ? value : -1;
}

static char *
describe_rules (int days,
                int percent)
{
  g_autofree char *d = NULL;
  g_autofree char *p = NULL;

  if (days >= 0)
    /* Translators: a shelf-life rule */
    d = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "at least %d day left", "at least %d days left", days), days);
  if (percent >= 0)
    /* Translators: a shelf-life rule; %d%% is a percentage */
    p = g_strdup_printf (_("at least %d%% of the shelf life left"), percent);
  if (d != NULL && p != NULL)
    /* Translators: two shelf-life rules that both apply */
    return g_strdup_printf (_("%s and %s"), d, p);
  if (d != NULL)
    return g_steal_pointer (&d);
  if (p != NULL)
    return g_steal_pointer (&p);
  return g_strdup (_("any lot that has not expired"));
}

static void
fill_combo (AdwComboRow *row,
            GArray      *ids,
            GPtrArray   *refs)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  g_array_set_size (ids, 0);
  for (guint i = 0; i < refs->len; i++)
    {
      LotlineRecordRef *ref = g_ptr_array_index (refs, i);
      g_autofree char *label = g_strdup_printf ("%s (%s)", ref->name, ref->code);

      gtk_string_list_append (model, label);
      g_array_append_val (ids, ref->id);
    }
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
}

/* ---- pickers ------------------------------------------------------------------- */

typedef struct {
  GPtrArray *customers;
  GPtrArray *products;
} Pickers;

static void
pickers_free (gpointer data)
{
  Pickers *pickers = data;

  g_clear_pointer (&pickers->customers, g_ptr_array_unref);
  g_clear_pointer (&pickers->products, g_ptr_array_unref);
  g_free (pickers);
}

static gpointer
list_pickers (LotlineStore  *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  Pickers *pickers = g_new0 (Pickers, 1);

  pickers->customers = lotline_store_list_parties (store, LOTLINE_PARTY_CUSTOMER, error);
  if (pickers->customers != NULL)
    pickers->products = lotline_store_list_products (store, -1, error);
  if (pickers->products == NULL)
    {
      pickers_free (pickers);
      return NULL;
    }
  return pickers;
}

static void
on_pickers_listed_cb (GObject      *source_object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(LotlineShelfLifeWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  Pickers *pickers = lotline_session_run_finish (LOTLINE_SESSION (source_object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  end (self);
  if (pickers == NULL)
    {
      toast (self, error->message);
      return;
    }
  fill_combo (self->product_row, self->product_ids, pickers->products);
  fill_combo (self->customer_row, self->customer_ids, pickers->customers);
  pickers_free (pickers);
  update_sensitivity (self);
  load_policy (self);
}

/* ---- a customer's policies ----------------------------------------------------- */

typedef struct {
  LotlineShelfLifePolicy policy;
  GPtrArray             *overrides;
} PolicyResult;

static void
policy_result_free (gpointer data)
{
  PolicyResult *res = data;

  g_clear_pointer (&res->overrides, g_ptr_array_unref);
  g_free (res);
}

static gpointer
read_policy (LotlineStore  *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  gint64 customer_id = *(gint64 *) data;
  PolicyResult *res = g_new0 (PolicyResult, 1);

  if (!lotline_store_get_shelf_life_policy (store, customer_id, 0, &res->policy, error) ||
      (res->overrides = lotline_store_list_shelf_life_overrides (store, customer_id, error)) == NULL)
    {
      policy_result_free (res);
      return NULL;
    }
  return res;
}

typedef struct {
  LotlineShelfLifeWindow *self;
  guint                   generation;
} PolicyWait;

static void save (LotlineShelfLifeWindow *self, gint64 product_id, int days, int percent);

static void
on_remove_override_clicked_cb (GtkButton              *button,
                               LotlineShelfLifeWindow *self)
{
  gint64 product_id = *(gint64 *) g_object_get_data (G_OBJECT (button), "product-id");

  save (self, product_id, -1, -1);
}

static void
show_overrides (LotlineShelfLifeWindow *self,
                GPtrArray              *overrides)
{
  lotline_view_list_box_clear (self->overrides_list);
  self->n_overrides = overrides->len;
  for (guint i = 0; i < overrides->len; i++)
    {
      LotlineShelfLifeOverride *item = g_ptr_array_index (overrides, i);
      g_autofree char *title = g_strdup_printf ("%s (%s)", item->product_name, item->product_sku);
      g_autofree char *rules = describe_rules (item->min_days, item->min_percent);
      g_autofree char *remove_label = NULL;
      GtkWidget *row = lotline_view_info_row_new (title, rules);
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      gint64 *id = g_new (gint64, 1);

      *id = item->product_id;
      g_object_set_data_full (G_OBJECT (remove), "product-id", id, g_free);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      /* Translators: the accessible name of a button; %s is a product */
      remove_label = g_strdup_printf (_("Remove the policy for %s"), title);
      gtk_widget_set_tooltip_text (remove, remove_label);
      lotline_view_set_accessible_label (remove, remove_label);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_override_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_list_box_append (self->overrides_list, row);
    }
  if (overrides->len == 0)
    gtk_list_box_append (self->overrides_list,
                         lotline_view_info_row_new (_("No product policies"),
                                                    _("The customer’s own policy applies to every product.")));
}

static void
on_policy_read_cb (GObject      *source_object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  PolicyWait *wait = user_data;
  g_autoptr(LotlineShelfLifeWindow) self = wait->self;
  g_autoptr(GError) error = NULL;
  PolicyResult *res = lotline_session_run_finish (LOTLINE_SESSION (source_object), result, &error);
  guint generation = wait->generation;

  g_free (wait);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  end (self);
  if (generation != self->generation)
    {
      g_clear_pointer (&res, policy_result_free);
      return;
    }
  if (res == NULL)
    {
      toast (self, error->message);
      return;
    }
  gtk_spin_button_set_value (self->days_spin, MAX (res->policy.min_days, 0));
  gtk_spin_button_set_value (self->percent_spin, MAX (res->policy.min_percent, 0));
  show_overrides (self, res->overrides);
  policy_result_free (res);
}

static void
load_policy (LotlineShelfLifeWindow *self)
{
  gint64 *customer_id;
  PolicyWait *wait;

  if (self->session == NULL || self->customer_ids->len == 0)
    return;
  customer_id = g_new (gint64, 1);
  *customer_id = selected_id (self->customer_row, self->customer_ids);
  wait = g_new0 (PolicyWait, 1);
  wait->self = g_object_ref (self);
  wait->generation = ++self->generation;
  begin (self);
  lotline_session_run_async (self->session, read_policy, customer_id, g_free, policy_result_free,
                             self->cancellable, on_policy_read_cb, wait);
}

static void
on_customer_changed_cb (LotlineShelfLifeWindow *self)
{
  load_policy (self);
}

/* ---- saving ---------------------------------------------------------------------- */

typedef struct {
  gint64 customer_id;
  gint64 product_id;
  int    days;
  int    percent;
} SaveJob;

static gpointer
write_policy (LotlineStore  *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  SaveJob *job = data;

  if (!lotline_store_set_shelf_life_policy (store, job->customer_id, job->product_id, job->days, job->percent, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

static void
on_policy_written_cb (GObject      *source_object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(LotlineShelfLifeWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (lotline_session_run_finish (LOTLINE_SESSION (source_object), result, &error) == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      end (self);
      toast (self, error->message);
      return;
    }
  end (self);
  toast (self, _("Policy saved"));
  lotline_session_notify_changed (LOTLINE_SESSION (source_object));
  load_policy (self);
}

static void
save (LotlineShelfLifeWindow *self,
      gint64                  product_id,
      int                     days,
      int                     percent)
{
  SaveJob *job;

  if (self->session == NULL || self->customer_ids->len == 0 || self->pending > 0)
    return;
  job = g_new0 (SaveJob, 1);
  job->customer_id = selected_id (self->customer_row, self->customer_ids);
  job->product_id = product_id;
  job->days = days;
  job->percent = percent;
  begin (self);
  lotline_session_run_async (self->session, write_policy, job, g_free, NULL, self->cancellable,
                             on_policy_written_cb, g_object_ref (self));
}

static void
on_save_clicked_cb (LotlineShelfLifeWindow *self)
{
  save (self, 0, rule_value (self->days_spin), rule_value (self->percent_spin));
}

static void
on_add_clicked_cb (LotlineShelfLifeWindow *self)
{
  int days = rule_value (self->product_days_spin);
  int percent = rule_value (self->product_percent_spin);

  if (days < 0 && percent < 0)
    {
      toast (self, _("Set the days or the percentage the product needs."));
      return;
    }
  save (self, selected_id (self->product_row, self->product_ids), days, percent);
}

/* ---- construction ---------------------------------------------------------------- */

static GtkSpinButton *
spin_row_add (GtkWidget  *group,
              const char *title,
              const char *subtitle,
              int         upper)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (0, upper, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  lotline_view_set_accessible_label (spin, title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return GTK_SPIN_BUTTON (spin);
}

static AdwComboRow *
combo_row_add (GtkWidget  *group,
               const char *title)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  lotline_view_set_accessible_label (row, title);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return ADW_COMBO_ROW (row);
}

static GtkWidget *
group_button_new (const char *label,
                  const char *tooltip)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  return button;
}

static void
build (LotlineShelfLifeWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group;

  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (_("Shelf-Life Policies"), NULL));
  gtk_box_append (GTK_BOX (box), header);
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->toast_overlay), TRUE);
  adw_toast_overlay_set_child (self->toast_overlay, page);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toast_overlay));
  adw_window_set_content (ADW_WINDOW (self), box);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("How much shelf life a lot must have left on the delivery date for a customer to take it. Zero means no such rule."));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  self->customer_row = combo_row_add (group, _("Customer"));
  g_signal_connect_swapped (self->customer_row, "notify::selected", G_CALLBACK (on_customer_changed_cb), self);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Every product"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  self->days_spin = spin_row_add (group, _("Minimum days left"), _("On the delivery date"), 3650);
  self->percent_spin = spin_row_add (group, _("Minimum shelf life left"), _("Percent of the lot’s total shelf life"), 100);
  self->save_button = group_button_new (_("_Save"), _("Save the customer’s policy"));
  gtk_widget_add_css_class (self->save_button, "suggested-action");
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (on_save_clicked_cb), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), self->save_button);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Product policies"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("A product policy replaces the customer’s own policy for that product."));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  self->overrides_list = lotline_view_boxed_list_new ();
  lotline_view_set_accessible_label (GTK_WIDGET (self->overrides_list), _("Product policies"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->overrides_list));

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Add a product policy"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  self->product_row = combo_row_add (group, _("Product"));
  self->product_days_spin = spin_row_add (group, _("Minimum days left"), _("On the delivery date"), 3650);
  self->product_percent_spin = spin_row_add (group, _("Minimum shelf life left"), _("Percent of the lot’s total shelf life"), 100);
  self->add_button = group_button_new (_("_Add"), _("Save this product’s policy for the customer"));
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (on_add_clicked_cb), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), self->add_button);
}

/* ---- public API -------------------------------------------------------------------- */

GtkWindow *
lotline_shelf_life_window_new (GtkWindow      *parent,
                               LotlineSession *session)
{
  LotlineShelfLifeWindow *self;

  g_return_val_if_fail (LOTLINE_IS_SESSION (session), NULL);

  self = g_object_new (LOTLINE_TYPE_SHELF_LIFE_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       "title", _("Shelf-Life Policies"),
                       "default-width", 560,
                       "default-height", 640,
                       NULL);
  self->session = g_object_ref (session);
  self->cancellable = g_cancellable_new ();
  begin (self);
  lotline_session_run_async (session, list_pickers, NULL, NULL, pickers_free, self->cancellable,
                             on_pickers_listed_cb, g_object_ref (self));
  return GTK_WINDOW (self);
}

gboolean
lotline_shelf_life_window_get_busy (LotlineShelfLifeWindow *self)
{
  g_return_val_if_fail (LOTLINE_IS_SHELF_LIFE_WINDOW (self), FALSE);

  return self->pending > 0;
}

gboolean
lotline_shelf_life_window_select_customer (LotlineShelfLifeWindow *self,
                                           gint64                  customer_id)
{
  g_return_val_if_fail (LOTLINE_IS_SHELF_LIFE_WINDOW (self), FALSE);

  for (guint i = 0; i < self->customer_ids->len; i++)
    if (g_array_index (self->customer_ids, gint64, i) == customer_id)
      {
        adw_combo_row_set_selected (self->customer_row, i);
        return TRUE;
      }
  return FALSE;
}

guint
lotline_shelf_life_window_get_n_overrides (LotlineShelfLifeWindow *self)
{
  g_return_val_if_fail (LOTLINE_IS_SHELF_LIFE_WINDOW (self), 0);

  return self->n_overrides;
}

/* ---- GObject ------------------------------------------------------------------------ */

static void
lotline_shelf_life_window_dispose (GObject *object)
{
  LotlineShelfLifeWindow *self = LOTLINE_SHELF_LIFE_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (lotline_shelf_life_window_parent_class)->dispose (object);
}

static void
lotline_shelf_life_window_finalize (GObject *object)
{
  LotlineShelfLifeWindow *self = LOTLINE_SHELF_LIFE_WINDOW (object);

  g_array_unref (self->customer_ids);
  g_array_unref (self->product_ids);

  G_OBJECT_CLASS (lotline_shelf_life_window_parent_class)->finalize (object);
}

static void
lotline_shelf_life_window_class_init (LotlineShelfLifeWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lotline_shelf_life_window_dispose;
  object_class->finalize = lotline_shelf_life_window_finalize;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lotline_shelf_life_window_init (LotlineShelfLifeWindow *self)
{
  self->customer_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->product_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  build (self);
  update_sensitivity (self);
}
