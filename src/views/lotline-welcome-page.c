/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "lotline-welcome-page.h"

struct _LotlineWelcomePage
{
  AdwBin     parent_instance;

  GtkWidget *sample_button;
};

G_DEFINE_FINAL_TYPE (LotlineWelcomePage, lotline_welcome_page, ADW_TYPE_BIN)

static gboolean
lotline_welcome_page_grab_focus (GtkWidget *widget)
{
  LotlineWelcomePage *self = LOTLINE_WELCOME_PAGE (widget);

  return gtk_widget_grab_focus (self->sample_button);
}

static void
lotline_welcome_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LOTLINE_TYPE_WELCOME_PAGE);

  G_OBJECT_CLASS (lotline_welcome_page_parent_class)->dispose (object);
}

static void
lotline_welcome_page_class_init (LotlineWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lotline_welcome_page_dispose;
  widget_class->grab_focus = lotline_welcome_page_grab_focus;

  gtk_widget_class_set_template_from_resource (widget_class, LOTLINE_RESOURCE_PATH "/lotline-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LotlineWelcomePage, sample_button);
}

static void
lotline_welcome_page_init (LotlineWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
