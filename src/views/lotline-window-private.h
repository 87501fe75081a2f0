/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lotline-expiry-page.h"
#include "lotline-recalls-page.h"
#include "lotline-lots-page.h"
#include "lotline-overview-page.h"
#include "lotline-welcome-page.h"
#include "lotline-window.h"

G_BEGIN_DECLS

typedef struct _SampleJob SampleJob;

/* What a pushed page shows, so Back can rebuild it. */
typedef enum {
  LOTLINE_NAV_LOT,
  LOTLINE_NAV_GENEALOGY,
} LotlineNavKind;

typedef struct {
  LotlineNavKind kind;
  gint64         lot_id;
} LotlineNavEntry;

struct _LotlineWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  LotlineWelcomePage   *welcome_page;
  AdwWindowTitle       *loading_title;
  AdwStatusPage        *loading_page;
  GtkSpinner           *spinner;
  GtkProgressBar       *progress_bar;
  GtkWidget            *cancel_button;
  AdwWindowTitle       *error_title;
  AdwStatusPage        *error_page;
  AdwViewSwitcherTitle *switcher_title;
  AdwSplitButton       *record_button;
  AdwViewStack         *view_stack;
  LotlineOverviewPage  *overview_page;
  LotlineLotsPage      *lots_page;
  LotlineExpiryPage    *expiry_page;
  LotlineRecallsPage   *recalls_page;
  AdwWindowTitle       *lot_title;
  AdwBin               *lot_bin;
  GMenu                *database_section;

  LotlineSession       *session;       /* NULL on the welcome page */
  GCancellable         *cancellable;   /* opening the session */
  GSettings            *settings;      /* NULL when the schema is not installed */
  GMenu                *recent_menu;

  SampleJob            *sample_job;    /* the sample database being made, or NULL */
  char                 *page_before_sample;

  LotlineNavEntry       shown;         /* the pushed page on show */
  GArray               *lot_history;   /* LotlineNavEntry: the pushed pages behind it */
  GtkWidget            *focus_before_lot;   /* weak */
  char                 *expiry_notice;      /* the notification sent, or NULL */
  GCancellable         *scan_cancellable;   /* the last scan's look-up */
};

/* lotline-window.c */
void  lotline_window_set_session        (LotlineWindow  *self,
                                         LotlineSession *session);
void  lotline_window_show_page          (LotlineWindow  *self,
                                         const char     *name);
void  lotline_window_open_lot           (LotlineWindow  *self,
                                         gint64          lot_id);
void  lotline_window_open_genealogy     (LotlineWindow  *self,
                                         gint64          lot_id);
void  lotline_window_go_back            (LotlineWindow  *self);
void  lotline_window_toast              (LotlineWindow  *self,
                                         const char     *text);
void  lotline_window_explore_sample     (LotlineWindow  *self);
void  lotline_window_cancel_sample      (LotlineWindow  *self);
GtkWindow *lotline_window_record        (LotlineWindow  *self,
                                         const char     *kind,
                                         gint64          lot_id);

/* lotline-window-scan.c: Enter in the search field (win.scan). */
void  lotline_window_scan               (LotlineWindow  *self,
                                         const char     *text);

/* lotline-window-notify.c: once the database is open, one desktop
 * notification when lots expire within the warning window. */
void  lotline_window_notify_expiring    (LotlineWindow  *self);

/* lotline-window-actions.c */
void  lotline_window_class_actions_init (LotlineWindowClass *klass);
void  lotline_window_actions_init       (LotlineWindow  *self);
/* Sets every action's enabled state from the window's state. */
void  lotline_window_actions_update     (LotlineWindow  *self);

G_END_DECLS
