/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotline-window.h"

struct _LotlineWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  GtkStack             *stack;
  GtkSpinner           *spinner;
  AdwStatusPage        *summary_page;
  AdwStatusPage        *error_page;

  LotlineSession       *session;
  GCancellable         *cancellable;
  GSettings            *settings;   /* NULL when the schema is not installed */
};

G_DEFINE_FINAL_TYPE (LotlineWindow, lotline_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- presentation of the counts ---------------------------------------- */

/* "12,345" in the user's locale (the ' flag groups digits).  Numbers and
 * their nouns are joined by no-break spaces, so a narrow window never
 * leaves a number alone at the end of a line. */
static char *
format_number (gint64 n)
{
  return g_strdup_printf ("%'" G_GINT64_FORMAT, n);
}

static char *
format_lots (gint64 n)
{
  g_autofree char *number = format_number (n);

  /* Translators: %s is a number, already formatted; keep the no-break space after it */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s\u00a0lot", "%s\u00a0lots", (gulong) n), number);
}

static char *
format_events (gint64 n)
{
  g_autofree char *number = format_number (n);

  /* Translators: %s is a number, already formatted; keep the no-break space after it */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s\u00a0event", "%s\u00a0events", (gulong) n), number);
}

static char *
format_parties (gint64 n)
{
  g_autofree char *number = format_number (n);

  /* Translators: %s is a number, already formatted; keep the no-break space after it.
   * Parties are suppliers, customers and own sites. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s\u00a0party", "%s\u00a0parties", (gulong) n), number);
}

static char *
format_products (gint64 n)
{
  g_autofree char *number = format_number (n);

  /* Translators: %s is a number, already formatted; keep the no-break space after it */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s\u00a0product", "%s\u00a0products", (gulong) n), number);
}

static char *
format_locations (gint64 n)
{
  g_autofree char *number = format_number (n);

  /* Translators: %s is a number, already formatted; keep the no-break space after it */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s\u00a0location", "%s\u00a0locations", (gulong) n), number);
}

static char *
format_audit_entries (gint64 n)
{
  g_autofree char *number = format_number (n);

  /* Translators: %s is a number, already formatted; keep the no-break space after it */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s\u00a0audit log entry", "%s\u00a0audit log entries", (gulong) n), number);
}

static void
show_counts (LotlineWindow            *self,
             const LotlineStoreCounts *counts)
{
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;

  if (counts->products == 0 && counts->parties == 0 && counts->locations == 0 &&
      counts->lots == 0 && counts->events == 0)
    {
      title = g_strdup (_("Empty database"));
      description = g_strdup (_("This database holds no products, parties, locations, lots or events yet."));
    }
  else
    {
      g_autofree char *lots = format_lots (counts->lots);
      g_autofree char *events = format_events (counts->events);
      g_autofree char *parties = format_parties (counts->parties);
      g_autofree char *products = format_products (counts->products);
      g_autofree char *locations = format_locations (counts->locations);
      g_autofree char *audit = format_audit_entries (counts->audit_entries);
      g_autofree char *text = NULL;

      /* Translators: "12,345 lots · 98,765 events · 2,001 parties"; the no-break
       * spaces keep each dot with the item before it when the title wraps */
      title = g_strdup_printf (_("%s\u00a0· %s\u00a0· %s"), lots, events, parties);
      /* Translators: "It also holds 40 products, 12 locations and 1,234 audit log entries." */
      text = g_strdup_printf (_("It also holds %s, %s and %s."), products, locations, audit);
      /* The description is markup. */
      description = g_markup_escape_text (text, -1);
    }

  adw_status_page_set_title (self->summary_page, title);
  adw_status_page_set_description (self->summary_page, description);
  gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "summary");
}

static void
show_error (LotlineWindow *self,
            const GError  *error)
{
  g_autofree char *description = g_markup_escape_text (error->message, -1);

  adw_status_page_set_description (self->error_page, description);
  gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

/* ---- loading ------------------------------------------------------------ */

static void
on_session_load_counts_cb (GObject      *source_object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(LotlineWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  LotlineStoreCounts counts = { 0 };

  if (!lotline_session_load_counts_finish (LOTLINE_SESSION (source_object), result, &counts, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error);
      return;
    }

  show_counts (self, &counts);
}

static void
on_session_open_cb (GObject      *source_object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(LotlineWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lotline_session_open_finish (LOTLINE_SESSION (source_object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error);
      return;
    }

  lotline_session_load_counts_async (self->session, self->cancellable,
                                     on_session_load_counts_cb, g_object_ref (self));
}

static void
lotline_window_load (LotlineWindow *self)
{
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  lotline_session_open_async (self->session, self->cancellable,
                              on_session_open_cb, g_object_ref (self));
}

/* ---- window state ------------------------------------------------------- */

/* The schema is missing when running from the build tree without
 * GSETTINGS_SCHEMA_DIR; the window then simply does not remember its size. */
static GSettings *
dup_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, LOTLINE_APP_ID, TRUE);
  if (schema == NULL)
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

/* ---- GObject ------------------------------------------------------------ */

static void
lotline_window_constructed (GObject *object)
{
  LotlineWindow *self = LOTLINE_WINDOW (object);
  g_autofree char *name = NULL;

  G_OBJECT_CLASS (lotline_window_parent_class)->constructed (object);

  g_return_if_fail (LOTLINE_IS_SESSION (self->session));

  name = lotline_session_dup_display_name (self->session);
  adw_window_title_set_subtitle (self->window_title, name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->window_title),
                               lotline_session_get_path (self->session));

  lotline_window_load (self);
}

static void
lotline_window_dispose (GObject *object)
{
  LotlineWindow *self = LOTLINE_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LOTLINE_TYPE_WINDOW);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lotline_window_parent_class)->dispose (object);
}

static void
lotline_window_finalize (GObject *object)
{
  LotlineWindow *self = LOTLINE_WINDOW (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (lotline_window_parent_class)->finalize (object);
}

static void
lotline_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LotlineWindow *self = LOTLINE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotline_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LotlineWindow *self = LOTLINE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotline_window_class_init (LotlineWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lotline_window_constructed;
  object_class->dispose = lotline_window_dispose;
  object_class->finalize = lotline_window_finalize;
  object_class->get_property = lotline_window_get_property;
  object_class->set_property = lotline_window_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         LOTLINE_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, LOTLINE_RESOURCE_PATH "/lotline-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LotlineWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, LotlineWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, LotlineWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, LotlineWindow, summary_page);
  gtk_widget_class_bind_template_child (widget_class, LotlineWindow, error_page);
}

static void
lotline_window_init (LotlineWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

  self->settings = dup_settings ();
  if (self->settings != NULL)
    {
      g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
    }
}

/**
 * lotline_window_new:
 * @application: the application
 * @session: the database this window shows; the window opens it
 *
 * Returns: (transfer none): a new window, owned by GTK until destroyed
 */
LotlineWindow *
lotline_window_new (GtkApplication *application,
                    LotlineSession *session)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (LOTLINE_IS_SESSION (session), NULL);

  return g_object_new (LOTLINE_TYPE_WINDOW,
                       "application", application,
                       "session", session,
                       NULL);
}

LotlineSession *
lotline_window_get_session (LotlineWindow *self)
{
  g_return_val_if_fail (LOTLINE_IS_WINDOW (self), NULL);

  return self->session;
}
