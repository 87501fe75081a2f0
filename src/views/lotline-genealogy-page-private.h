/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lotline-genealogy-page.h"

G_BEGIN_DECLS

/* Shared by lotline-genealogy-page.c (controls, tracing, layout, table)
 * and lotline-genealogy-page-actions.c (export and print). */

struct _LotlineGenealogyPage
{
  AdwBin                 parent_instance;

  LotlineSession        *session;
  GArray                *seeds;        /* gint64 */
  LotlineTraceDirection  direction;
  guint                  depth;
  char                  *title;
  char                  *today;
  gboolean               busy;
  guint64                generation;
  GCancellable          *cancellable;
  LotlineTrace          *trace;        /* the latest trace, kept to re-lay out */
  GPtrArray             *expanded;     /* group keys shown one by one */
  char                  *focus_key;    /* centre on this in the next layout */
  gboolean               updating;     /* the page sets its own controls */
  GtkSortListModel      *sorted;
  GtkSingleSelection    *selection;
  GtkFileChooserNative  *export_chooser;
  guint                  scroll_idle_id;
  guint                  zoom_idle_id;

  AdwToastOverlay       *toast_overlay;
  GtkStack              *stack;
  AdwStatusPage         *error_page;
  GtkSpinner            *loading_spinner;
  AdwStatusPage         *loading_page;
  LotlineGraphView      *graph_view;
  GtkWidget             *busy_box;
  GtkSpinner            *busy_spinner;
  GtkLabel              *busy_label;
  GtkToggleButton       *up_button;
  GtkToggleButton       *down_button;
  GtkToggleButton       *both_button;
  GtkSpinButton         *depth_spin;
  GtkButton             *zoom_button;
  GtkScrolledWindow     *table_scroller;
  GtkColumnView         *table;
  GtkColumnViewColumn   *kind_column;
  GtkColumnViewColumn   *name_column;
  GtkColumnViewColumn   *product_column;
  GtkColumnViewColumn   *status_column;
  GtkColumnViewColumn   *depth_column;
  GtkColumnViewColumn   *on_hand_column;
};

/* lotline-genealogy-page-actions.c */
void lotline_genealogy_page_toast         (LotlineGenealogyPage *self,
                                           const char           *text);
void lotline_genealogy_page_export_action (GtkWidget            *widget,
                                           const char           *action_name,
                                           GVariant             *parameter);
void lotline_genealogy_page_print_action  (GtkWidget            *widget,
                                           const char           *action_name,
                                           GVariant             *parameter);

G_END_DECLS
