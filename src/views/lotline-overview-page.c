/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "lotline-overview-page.h"
#include "lotline-query.h"

typedef enum {
  CARD_ON_HAND,
  CARD_QUARANTINED,
  CARD_EXPIRING,
  CARD_EXPIRED,
  CARD_RECALLED,
  N_CARDS
} Card;

struct _LotlineOverviewPage
{
  AdwBin          parent_instance;

  /* Template widgets */
  GtkLabel       *database_label;
  GtkLabel       *summary_label;
  GtkLabel       *details_label;
  GtkLabel       *date_label;
  GtkSpinner     *spinner;
  GtkWidget      *cards[N_CARDS];
  GtkLabel       *counts[N_CARDS];
  GtkLabel       *expiring_caption;

  LotlineSession *session;
  GCancellable   *cancellable;   /* the request in flight */
  int             warning_days;
  gboolean        loading;
};

G_DEFINE_FINAL_TYPE (LotlineOverviewPage, lotline_overview_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_WARNING_DAYS,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- formatting ---------------------------------------------------------- */

/* "12,345" in the user's locale (the ' flag groups digits).  Numbers and
 * their nouns are joined by no-break spaces, so a narrow window never
 * leaves a number alone at the end of a line. */
static char *
format_number (gint64 n)
{
  return g_strdup_printf ("%'" G_GINT64_FORMAT, n);
}

static char *
format_summary (const LotlineStoreCounts *counts,
                char                    **out_details)
{
  g_autofree char *n_lots = format_number (counts->lots);
  g_autofree char *n_events = format_number (counts->events);
  g_autofree char *n_parties = format_number (counts->parties);
  g_autofree char *n_products = format_number (counts->products);
  g_autofree char *n_locations = format_number (counts->locations);
  g_autofree char *n_audit = format_number (counts->audit_entries);
  g_autofree char *lots = NULL;
  g_autofree char *events = NULL;
  g_autofree char *parties = NULL;
  g_autofree char *products = NULL;
  g_autofree char *locations = NULL;
  g_autofree char *audit = NULL;

  if (counts->products == 0 && counts->parties == 0 && counts->locations == 0 &&
      counts->lots == 0 && counts->events == 0)
    {
      *out_details = g_strdup (_("This database holds no products, parties, locations, lots or events yet."));
      return g_strdup (_("Empty database"));
    }

  /* Translators: %s is a number, already formatted; keep the no-break space after it */
  lots = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s\u00a0lot", "%s\u00a0lots", (gulong) counts->lots), n_lots);
  /* Translators: %s is a number, already formatted; keep the no-break space after it */
  events = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s\u00a0event", "%s\u00a0events", (gulong) counts->events), n_events);
  /* Translators: %s is a number, already formatted; keep the no-break space after it.
   * Parties are suppliers, customers and own sites. */
  parties = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s\u00a0party", "%s\u00a0parties", (gulong) counts->parties), n_parties);
  /* Translators: %s is a number, already formatted; keep the no-break space after it */
  products = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s\u00a0product", "%s\u00a0products", (gulong) counts->products), n_products);
  /* Translators: %s is a number, already formatted; keep the no-break space after it */
  locations = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s\u00a0location", "%s\u00a0locations", (gulong) counts->locations), n_locations);
  /* Translators: %s is a number, already formatted; keep the no-break space after it */
  audit = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s\u00a0audit log entry", "%s\u00a0audit log entries", (gulong) counts->audit_entries), n_audit);

  /* Translators: "It also holds 40 products, 12 locations and 1,234 audit log entries." */
  *out_details = g_strdup_printf (_("It also holds %s, %s and %s."), products, locations, audit);
  /* Translators: "12,345 lots · 98,765 events · 2,001 parties"; the no-break
   * spaces keep each dot with the item before it when the line wraps */
  return g_strdup_printf (_("%s\u00a0· %s\u00a0· %s"), lots, events, parties);
}

static char *
format_today (const char *today)
{
  g_autoptr(GDateTime) date = NULL;
  int y, m, d;

  if (today == NULL || sscanf (today, "%d-%d-%d", &y, &m, &d) != 3)
    return g_strdup ("");
  date = g_date_time_new_local (y, m, d, 12, 0, 0);
  if (date == NULL)
    return g_strdup (today);
  /* Translators: the date of today above the overview's counts, a
   * g_date_time_format() format: "Saturday, 21 November 2026" */
  return g_date_time_format (date, _("%A, %-d %B %Y"));
}

/* ---- showing the counts -------------------------------------------------- */

static const char *card_names[N_CARDS] = {
  /* Translators: accessible name of an overview card, followed by its count */
  N_("Lots on hand"),
  N_("Quarantined"),
  N_("Expiring soon"),
  N_("Expired, still on hand"),
  N_("Recalled, still on hand"),
};

static void
show_card (LotlineOverviewPage *self,
           Card                 card,
           gint64               count,
           gboolean             valid)
{
  g_autofree char *number = valid ? format_number (count) : g_strdup ("—");
  g_autofree char *label = NULL;

  gtk_label_set_label (self->counts[card], number);

  /* An attention colour only where there is something to look at. */
  if (card == CARD_QUARANTINED || card == CARD_EXPIRING)
    {
      if (valid && count > 0)
        gtk_widget_add_css_class (GTK_WIDGET (self->counts[card]), "warning");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->counts[card]), "warning");
    }
  else if (card == CARD_EXPIRED || card == CARD_RECALLED)
    {
      if (valid && count > 0)
        gtk_widget_add_css_class (GTK_WIDGET (self->counts[card]), "error");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->counts[card]), "error");
    }

  /* Translators: an overview card for screen readers: "Quarantined: 12" */
  label = g_strdup_printf (_("%s: %s"), _(card_names[card]), number);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->cards[card]),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
show_nothing (LotlineOverviewPage *self)
{
  for (guint i = 0; i < N_CARDS; i++)
    show_card (self, i, 0, FALSE);
  gtk_label_set_label (self->summary_label, "");
  gtk_label_set_label (self->details_label, "");
}

static void
update_expiring_caption (LotlineOverviewPage *self)
{
  g_autofree char *caption = NULL;

  /* Translators: %d is the expiry warning window from the preferences */
  caption = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Released lots with stock that expire within %d day",
                                          "Released lots with stock that expire within %d days",
                                          (gulong) self->warning_days),
                             self->warning_days);
  gtk_label_set_label (self->expiring_caption, caption);
}

static void
set_loading (LotlineOverviewPage *self,
             gboolean             loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* ---- reading the counts on a worker -------------------------------------- */

typedef struct {
  char *today;
  int   warning_days;
} OverviewJob;

typedef struct {
  LotlineOverview    overview;
  LotlineStoreCounts counts;
} OverviewResult;

static void
overview_job_free (gpointer data)
{
  OverviewJob *job = data;

  g_free (job->today);
  g_free (job);
}

static gpointer
read_overview (LotlineStore  *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  OverviewJob *job = data;
  g_autofree OverviewResult *result = g_new0 (OverviewResult, 1);

  if (!lotline_store_get_overview (store, job->today, job->warning_days, &result->overview, error))
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (!lotline_store_get_counts (store, &result->counts, error))
    return NULL;
  return g_steal_pointer (&result);
}

static void
on_overview_read_cb (GObject      *source_object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(LotlineOverviewPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree OverviewResult *res = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *details = NULL;

  res = lotline_session_run_finish (LOTLINE_SESSION (source_object), result, &error);
  if (res == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_loading (self, FALSE);
      show_nothing (self);
      gtk_label_set_label (self->details_label, error->message);
      return;
    }
  if (LOTLINE_SESSION (source_object) != self->session)
    return;

  show_card (self, CARD_ON_HAND, res->overview.lots_on_hand, TRUE);
  show_card (self, CARD_QUARANTINED, res->overview.quarantined, TRUE);
  show_card (self, CARD_EXPIRING, res->overview.expiring_soon, TRUE);
  show_card (self, CARD_EXPIRED, res->overview.expired_on_hand, TRUE);
  show_card (self, CARD_RECALLED, res->overview.recalled_on_hand, TRUE);

  summary = format_summary (&res->counts, &details);
  gtk_label_set_label (self->summary_label, summary);
  gtk_label_set_label (self->details_label, details);

  g_clear_object (&self->cancellable);
  set_loading (self, FALSE);
}

/**
 * lotline_overview_page_refresh:
 * @self: an overview page
 *
 * Reads the counts again, on a worker; a refresh in flight is dropped.
 */
void
lotline_overview_page_refresh (LotlineOverviewPage *self)
{
  OverviewJob *job;
  g_autofree char *date = NULL;

  g_return_if_fail (LOTLINE_IS_OVERVIEW_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->session == NULL)
    {
      set_loading (self, FALSE);
      return;
    }

  job = g_new0 (OverviewJob, 1);
  job->today = lotline_session_dup_today (self->session);
  job->warning_days = self->warning_days;

  date = format_today (job->today);
  gtk_label_set_label (self->date_label, date);

  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  lotline_session_run_async (self->session, read_overview, job, overview_job_free, g_free,
                             self->cancellable, on_overview_read_cb, g_object_ref (self));
}

static void
on_session_changed_cb (LotlineOverviewPage *self,
                       LotlineSession      *session)
{
  lotline_overview_page_refresh (self);
}

/* ---- public API ---------------------------------------------------------- */

GtkWidget *
lotline_overview_page_new (void)
{
  return g_object_new (LOTLINE_TYPE_OVERVIEW_PAGE, NULL);
}

LotlineSession *
lotline_overview_page_get_session (LotlineOverviewPage *self)
{
  g_return_val_if_fail (LOTLINE_IS_OVERVIEW_PAGE (self), NULL);

  return self->session;
}

void
lotline_overview_page_set_session (LotlineOverviewPage *self,
                                   LotlineSession      *session)
{
  g_return_if_fail (LOTLINE_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (session == NULL || LOTLINE_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_func (self->session, on_session_changed_cb, self);
  g_set_object (&self->session, session);

  show_nothing (self);
  if (session != NULL)
    {
      g_autofree char *name = lotline_session_dup_display_name (session);

      gtk_label_set_label (self->database_label, name);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->database_label), lotline_session_get_path (session));
      g_signal_connect_object (session, "changed", G_CALLBACK (on_session_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }
  else
    {
      gtk_label_set_label (self->database_label, "");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->database_label), NULL);
    }

  lotline_overview_page_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

int
lotline_overview_page_get_warning_days (LotlineOverviewPage *self)
{
  g_return_val_if_fail (LOTLINE_IS_OVERVIEW_PAGE (self), 0);

  return self->warning_days;
}

void
lotline_overview_page_set_warning_days (LotlineOverviewPage *self,
                                        int                  days)
{
  g_return_if_fail (LOTLINE_IS_OVERVIEW_PAGE (self));

  days = MAX (days, 0);
  if (self->warning_days == days)
    return;
  self->warning_days = days;
  update_expiring_caption (self);
  lotline_overview_page_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WARNING_DAYS]);
}

gboolean
lotline_overview_page_get_loading (LotlineOverviewPage *self)
{
  g_return_val_if_fail (LOTLINE_IS_OVERVIEW_PAGE (self), FALSE);

  return self->loading;
}

/* ---- GObject ------------------------------------------------------------- */

static void
lotline_overview_page_dispose (GObject *object)
{
  LotlineOverviewPage *self = LOTLINE_OVERVIEW_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_func (self->session, on_session_changed_cb, self);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), LOTLINE_TYPE_OVERVIEW_PAGE);

  G_OBJECT_CLASS (lotline_overview_page_parent_class)->dispose (object);
}

static void
lotline_overview_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LotlineOverviewPage *self = LOTLINE_OVERVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_WARNING_DAYS:
      g_value_set_int (value, self->warning_days);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotline_overview_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  LotlineOverviewPage *self = LOTLINE_OVERVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      lotline_overview_page_set_session (self, g_value_get_object (value));
      break;

    case PROP_WARNING_DAYS:
      lotline_overview_page_set_warning_days (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotline_overview_page_class_init (LotlineOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lotline_overview_page_dispose;
  object_class->get_property = lotline_overview_page_get_property;
  object_class->set_property = lotline_overview_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         LOTLINE_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WARNING_DAYS] =
    g_param_spec_int ("warning-days", NULL, NULL,
                      0, 3650, 30,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, LOTLINE_RESOURCE_PATH "/lotline-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LotlineOverviewPage, database_label);
  gtk_widget_class_bind_template_child (widget_class, LotlineOverviewPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, LotlineOverviewPage, details_label);
  gtk_widget_class_bind_template_child (widget_class, LotlineOverviewPage, date_label);
  gtk_widget_class_bind_template_child (widget_class, LotlineOverviewPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, LotlineOverviewPage, expiring_caption);
  gtk_widget_class_bind_template_child_full (widget_class, "on_hand_card", FALSE,
                                             G_STRUCT_OFFSET (LotlineOverviewPage, cards[CARD_ON_HAND]));
  gtk_widget_class_bind_template_child_full (widget_class, "quarantined_card", FALSE,
                                             G_STRUCT_OFFSET (LotlineOverviewPage, cards[CARD_QUARANTINED]));
  gtk_widget_class_bind_template_child_full (widget_class, "expiring_card", FALSE,
                                             G_STRUCT_OFFSET (LotlineOverviewPage, cards[CARD_EXPIRING]));
  gtk_widget_class_bind_template_child_full (widget_class, "expired_card", FALSE,
                                             G_STRUCT_OFFSET (LotlineOverviewPage, cards[CARD_EXPIRED]));
  gtk_widget_class_bind_template_child_full (widget_class, "recalled_card", FALSE,
                                             G_STRUCT_OFFSET (LotlineOverviewPage, cards[CARD_RECALLED]));
  gtk_widget_class_bind_template_child_full (widget_class, "on_hand_count", FALSE,
                                             G_STRUCT_OFFSET (LotlineOverviewPage, counts[CARD_ON_HAND]));
  gtk_widget_class_bind_template_child_full (widget_class, "quarantined_count", FALSE,
                                             G_STRUCT_OFFSET (LotlineOverviewPage, counts[CARD_QUARANTINED]));
  gtk_widget_class_bind_template_child_full (widget_class, "expiring_count", FALSE,
                                             G_STRUCT_OFFSET (LotlineOverviewPage, counts[CARD_EXPIRING]));
  gtk_widget_class_bind_template_child_full (widget_class, "expired_count", FALSE,
                                             G_STRUCT_OFFSET (LotlineOverviewPage, counts[CARD_EXPIRED]));
  gtk_widget_class_bind_template_child_full (widget_class, "recalled_count", FALSE,
                                             G_STRUCT_OFFSET (LotlineOverviewPage, counts[CARD_RECALLED]));
}

static void
lotline_overview_page_init (LotlineOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->warning_days = 30;
  update_expiring_caption (self);
  show_nothing (self);
}
