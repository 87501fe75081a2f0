/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotline-lot-format-group.h"
#include "lotline-preferences-window.h"

struct _LotlinePreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwEntryRow          *name_row;
  AdwEntryRow          *phone_row;
  GtkTextView          *address_view;
  AdwActionRow         *logo_row;
  GtkWidget            *logo_clear_button;
  GtkSpinButton        *warning_spin;
  AdwComboRow          *gs_row;
  LotlineLotFormatGroup *lot_format_group;

  GSettings            *settings;
  gboolean              updating_address;
  char                 *other_gs;        /* a separator set elsewhere, offered as well */
};

G_DEFINE_FINAL_TYPE (LotlinePreferencesWindow, lotline_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- address: several lines, kept as one string ------------------------- */

static void
on_address_changed_cb (LotlinePreferencesWindow *self,
                       GtkTextBuffer            *buffer)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (self->updating_address)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_settings_set_string (self->settings, "company-address", text);
}

static void
load_address (LotlinePreferencesWindow *self)
{
  g_autofree char *address = g_settings_get_string (self->settings, "company-address");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->address_view);
  GtkTextIter start, end;
  g_autofree char *shown = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (shown, address) == 0)
    return;
  self->updating_address = TRUE;
  gtk_text_buffer_set_text (buffer, address, -1);
  self->updating_address = FALSE;
}

/* ---- logo ------------------------------------------------------------------ */

static void
show_logo (LotlinePreferencesWindow *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "company-logo");

  if (path == NULL || *path == '\0')
    {
      adw_action_row_set_subtitle (self->logo_row, _("None"));
      gtk_widget_set_sensitive (self->logo_clear_button, FALSE);
    }
  else
    {
      g_autofree char *name = g_filename_display_basename (path);
      g_autofree char *markup = g_markup_escape_text (name, -1);

      adw_action_row_set_subtitle (self->logo_row, markup);
      gtk_widget_set_sensitive (self->logo_clear_button, TRUE);
    }
}

static void
on_logo_response_cb (GtkNativeDialog          *dialog,
                     int                       response,
                     LotlinePreferencesWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        g_settings_set_string (self->settings, "company-logo", path);
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
on_logo_choose_clicked_cb (LotlinePreferencesWindow *self)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) images = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Choose a Logo"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_filter_set_name (images, _("Images"));
  gtk_file_filter_add_mime_type (images, "image/png");
  gtk_file_filter_add_mime_type (images, "image/jpeg");
  gtk_file_filter_add_mime_type (images, "image/svg+xml");
  gtk_file_filter_add_pattern (images, "*.png");
  gtk_file_filter_add_pattern (images, "*.jpg");
  gtk_file_filter_add_pattern (images, "*.jpeg");
  gtk_file_filter_add_pattern (images, "*.svg");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), images);
  g_signal_connect (dialog, "response", G_CALLBACK (on_logo_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_logo_clear_clicked_cb (LotlinePreferencesWindow *self)
{
  g_settings_set_string (self->settings, "company-logo", "");
}

static void
on_settings_changed_cb (LotlinePreferencesWindow *self,
                        const char               *key,
                        GSettings                *settings)
{
  if (g_strcmp0 (key, "company-logo") == 0)
    show_logo (self);
  else if (g_strcmp0 (key, "company-address") == 0)
    load_address (self);
}

/* ---- the scanner's group separator ---------------------------------------------- */

static const struct {
  const char *value;
  const char *label;
} gs_choices[] = {
  { "\x1d", N_("GS control character") },
  { "~", N_("Tilde ~") },
  { "^", N_("Caret ^") },
  { "|", N_("Vertical bar |") },
  { "<GS>", N_("The text <GS>") },
};

static gboolean
gs_get_mapping (GValue   *value,
                GVariant *variant,
                gpointer  user_data)
{
  LotlinePreferencesWindow *self = user_data;
  const char *gs = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (gs_choices); i++)
    if (g_str_equal (gs, gs_choices[i].value))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  if (g_strcmp0 (gs, self->other_gs) != 0)
    return FALSE;
  g_value_set_uint (value, G_N_ELEMENTS (gs_choices));
  return TRUE;
}

static GVariant *
gs_set_mapping (const GValue       *value,
                const GVariantType *expected_type,
                gpointer            user_data)
{
  LotlinePreferencesWindow *self = user_data;
  guint selected = g_value_get_uint (value);

  if (selected < G_N_ELEMENTS (gs_choices))
    return g_variant_new_string (gs_choices[selected].value);
  if (self->other_gs != NULL)
    return g_variant_new_string (self->other_gs);
  return NULL;
}

/* The choices, and the separator set by other means (gsettings) as well. */
static void
bind_gs_row (LotlinePreferencesWindow *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autofree char *current = g_settings_get_string (self->settings, "scanner-gs-character");
  gboolean known = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (gs_choices); i++)
    {
      gtk_string_list_append (model, _(gs_choices[i].label));
      known |= g_str_equal (current, gs_choices[i].value);
    }
  if (!known)
    {
      /* Translators: a group separator character set outside the app, “@” */
      g_autofree char *label = g_strdup_printf (_("Other: “%s”"), current);

      self->other_gs = g_strdup (current);
      gtk_string_list_append (model, label);
    }
  adw_combo_row_set_model (self->gs_row, G_LIST_MODEL (model));
  g_settings_bind_with_mapping (self->settings, "scanner-gs-character", self->gs_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, gs_get_mapping, gs_set_mapping, self, NULL);
}

/* ---- GObject ------------------------------------------------------------------- */

static void
lotline_preferences_window_constructed (GObject *object)
{
  LotlinePreferencesWindow *self = LOTLINE_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (lotline_preferences_window_parent_class)->constructed (object);

  g_return_if_fail (G_IS_SETTINGS (self->settings));

  g_settings_bind (self->settings, "company-name", self->name_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "company-phone", self->phone_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "expiry-warning-days",
                   gtk_spin_button_get_adjustment (self->warning_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  load_address (self);
  show_logo (self);
  bind_gs_row (self);

  g_signal_connect_object (gtk_text_view_get_buffer (self->address_view), "changed",
                           G_CALLBACK (on_address_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed",
                           G_CALLBACK (on_settings_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
lotline_preferences_window_dispose (GObject *object)
{
  LotlinePreferencesWindow *self = LOTLINE_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LOTLINE_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->other_gs, g_free);

  G_OBJECT_CLASS (lotline_preferences_window_parent_class)->dispose (object);
}

static void
lotline_preferences_window_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  LotlinePreferencesWindow *self = LOTLINE_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotline_preferences_window_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  LotlinePreferencesWindow *self = LOTLINE_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotline_preferences_window_class_init (LotlinePreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lotline_preferences_window_constructed;
  object_class->dispose = lotline_preferences_window_dispose;
  object_class->get_property = lotline_preferences_window_get_property;
  object_class->set_property = lotline_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LOTLINE_TYPE_LOT_FORMAT_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, LOTLINE_RESOURCE_PATH "/lotline-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LotlinePreferencesWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, LotlinePreferencesWindow, phone_row);
  gtk_widget_class_bind_template_child (widget_class, LotlinePreferencesWindow, address_view);
  gtk_widget_class_bind_template_child (widget_class, LotlinePreferencesWindow, logo_row);
  gtk_widget_class_bind_template_child (widget_class, LotlinePreferencesWindow, logo_clear_button);
  gtk_widget_class_bind_template_child (widget_class, LotlinePreferencesWindow, warning_spin);
  gtk_widget_class_bind_template_child (widget_class, LotlinePreferencesWindow, gs_row);
  gtk_widget_class_bind_template_child (widget_class, LotlinePreferencesWindow, lot_format_group);
  gtk_widget_class_bind_template_callback (widget_class, on_logo_choose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_logo_clear_clicked_cb);
}

static void
lotline_preferences_window_init (LotlinePreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * lotline_preferences_window_new:
 * @parent: the window the preferences belong to
 * @settings: the application's settings
 *
 * Returns: (transfer none): a new modal preferences window; present it
 */
GtkWindow *
lotline_preferences_window_new (GtkWindow *parent,
                                GSettings *settings)
{
  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (LOTLINE_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       "settings", settings,
                       NULL);
}

/**
 * lotline_preferences_window_set_session:
 * @self: the preferences
 * @session: (nullable): the open database, whose lot-code formats the
 *   window shows; without one the "Lot Codes" group is hidden
 */
void
lotline_preferences_window_set_session (LotlinePreferencesWindow *self,
                                        LotlineSession           *session)
{
  g_return_if_fail (LOTLINE_IS_PREFERENCES_WINDOW (self));

  lotline_lot_format_group_set_session (self->lot_format_group, session);
}
