/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A page of a LotlineRenderDocument on screen, as it will print: a white
 * sheet with a shadow on a grey desk, scaled to fit, and a bar with
 * "Page 2 of 6" between the previous and next buttons.  The page is
 * replayed once into a texture of the size shown and that texture is
 * reused for every frame until the page or the size changes, so turning
 * pages of a document of a thousand pages costs one page each. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotline-document-preview.h"
#include "lotline-view-util.h"

#define SHEET_MARGIN 12

struct _LotlineDocumentPreview
{
  GtkWidget              parent_instance;

  GtkWidget             *bar;
  GtkWidget             *page_label;
  LotlineRenderDocument *document;
  guint                  page;

  /* The page rendered at the size last shown. */
  GdkTexture            *texture;
  guint                  texture_page;
};

G_DEFINE_FINAL_TYPE (LotlineDocumentPreview, lotline_document_preview, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint
n_pages (LotlineDocumentPreview *self)
{
  return self->document ? lotline_render_document_get_n_pages (self->document) : 0;
}

static void
update_navigation (LotlineDocumentPreview *self)
{
  guint n = n_pages (self);
  g_autofree char *text = NULL;

  if (n == 0)
    text = g_strdup (_("No pages"));
  else
    /* Translators: the page shown in a print preview, "Page 2 of 6" */
    text = g_strdup_printf (_("Page %u of %u"), self->page + 1, n);
  gtk_label_set_text (GTK_LABEL (self->page_label), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.previous-page", self->page > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.next-page", self->page + 1 < n);
}

/* ---- drawing -------------------------------------------------------------- */

/* Where the sheet goes in a desk of @width × @height: scaled to fit with a
 * margin, centred. */
static gboolean
compute_sheet (LotlineDocumentPreview *self,
               double                  width,
               double                  height,
               graphene_rect_t        *sheet)
{
  double page_w, page_h, scale;

  if (n_pages (self) == 0)
    return FALSE;
  page_w = lotline_render_document_get_width (self->document);
  page_h = lotline_render_document_get_height (self->document);
  scale = MIN ((width - 2 * SHEET_MARGIN) / page_w, (height - 2 * SHEET_MARGIN) / page_h);
  if (scale <= 0)
    return FALSE;
  graphene_rect_init (sheet, floor ((width - page_w * scale) / 2), floor ((height - page_h * scale) / 2),
                      ceil (page_w * scale), ceil (page_h * scale));
  return TRUE;
}

static GdkTexture *
render_page (LotlineRenderDocument *document,
             guint                  page,
             int                    pixel_width,
             int                    pixel_height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pixel_width, pixel_height);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GBytes) bytes = NULL;
  GdkTexture *texture;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, pixel_width / lotline_render_document_get_width (document),
               pixel_height / lotline_render_document_get_height (document));
  lotline_render_document_draw_page (document, cr, page);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* The bytes keep the surface, which owns the pixels. */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) cairo_image_surface_get_stride (surface) * pixel_height,
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  texture = gdk_memory_texture_new (pixel_width, pixel_height, GDK_MEMORY_DEFAULT, bytes,
                                    cairo_image_surface_get_stride (surface));
  return texture;
}

static GdkTexture *
ensure_texture (LotlineDocumentPreview *self,
                const graphene_rect_t  *sheet)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  int w = (int) sheet->size.width * scale;
  int h = (int) sheet->size.height * scale;

  if (self->texture != NULL && self->texture_page == self->page &&
      gdk_texture_get_width (self->texture) == w && gdk_texture_get_height (self->texture) == h)
    return self->texture;
  g_clear_object (&self->texture);
  self->texture = render_page (self->document, self->page, w, h);
  self->texture_page = self->page;
  return self->texture;
}

static int
desk_height (LotlineDocumentPreview *self)
{
  return gtk_widget_get_height (GTK_WIDGET (self)) - gtk_widget_get_height (self->bar);
}

static void
lotline_document_preview_snapshot (GtkWidget   *widget,
                                   GtkSnapshot *snapshot)
{
  LotlineDocumentPreview *self = LOTLINE_DOCUMENT_PREVIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = desk_height (self);
  graphene_rect_t sheet;

  /* A neutral desk, the same in light and dark styles, so the white sheet
   * stands out as paper. */
  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0.45, 0.45, 0.47, 1 },
                             &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (compute_sheet (self, width, height, &sheet))
    {
      graphene_rect_t shadow = sheet;

      shadow.origin.x += 2;
      shadow.origin.y += 3;
      gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0, 0, 0, 0.35 }, &shadow);
      gtk_snapshot_append_texture (snapshot, ensure_texture (self, &sheet), &sheet);
    }
  gtk_widget_snapshot_child (widget, self->bar, snapshot);
}

/* ---- size ----------------------------------------------------------------- */

static void
lotline_document_preview_measure (GtkWidget      *widget,
                                  GtkOrientation  orientation,
                                  int             for_size,
                                  int            *minimum,
                                  int            *natural,
                                  int            *minimum_baseline,
                                  int            *natural_baseline)
{
  LotlineDocumentPreview *self = LOTLINE_DOCUMENT_PREVIEW (widget);
  int bar_min, bar_nat;

  gtk_widget_measure (self->bar, orientation, -1, &bar_min, &bar_nat, NULL, NULL);
  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      *minimum = bar_min + 120;
      *natural = bar_nat + 480;
    }
  else
    {
      *minimum = MAX (bar_min, 120);
      *natural = MAX (bar_nat, 360);
    }
}

static void
lotline_document_preview_size_allocate (GtkWidget *widget,
                                        int        width,
                                        int        height,
                                        int        baseline)
{
  LotlineDocumentPreview *self = LOTLINE_DOCUMENT_PREVIEW (widget);
  int bar_h;

  gtk_widget_measure (self->bar, GTK_ORIENTATION_VERTICAL, width, NULL, &bar_h, NULL, NULL);
  gtk_widget_size_allocate (self->bar, &(GtkAllocation) { 0, height - bar_h, width, bar_h }, -1);
}

/* ---- actions -------------------------------------------------------------- */

static void
previous_page_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LotlineDocumentPreview *self = LOTLINE_DOCUMENT_PREVIEW (widget);

  if (self->page > 0)
    lotline_document_preview_set_page (self, self->page - 1);
}

static void
next_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LotlineDocumentPreview *self = LOTLINE_DOCUMENT_PREVIEW (widget);

  lotline_document_preview_set_page (self, self->page + 1);
}

static void
on_pressed_cb (GtkGestureClick *gesture,
               int              n_press,
               double           x,
               double           y,
               GtkWidget       *widget)
{
  gtk_widget_grab_focus (widget);
}

static GtkWidget *
nav_button_new (const char *icon_name,
                const char *action_name,
                const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_widget_set_tooltip_text (button, label);
  lotline_view_set_accessible_label (button, label);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

/* ---- GObject -------------------------------------------------------------- */

static void
lotline_document_preview_dispose (GObject *object)
{
  LotlineDocumentPreview *self = LOTLINE_DOCUMENT_PREVIEW (object);

  g_clear_pointer (&self->bar, gtk_widget_unparent);
  g_clear_pointer (&self->document, lotline_render_document_unref);
  g_clear_object (&self->texture);

  G_OBJECT_CLASS (lotline_document_preview_parent_class)->dispose (object);
}

static void
lotline_document_preview_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  LotlineDocumentPreview *self = LOTLINE_DOCUMENT_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_boxed (value, self->document);
      break;
    case PROP_PAGE:
      g_value_set_uint (value, self->page);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotline_document_preview_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  LotlineDocumentPreview *self = LOTLINE_DOCUMENT_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      lotline_document_preview_set_document (self, g_value_get_boxed (value));
      break;
    case PROP_PAGE:
      lotline_document_preview_set_page (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotline_document_preview_class_init (LotlineDocumentPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lotline_document_preview_dispose;
  object_class->get_property = lotline_document_preview_get_property;
  object_class->set_property = lotline_document_preview_set_property;
  widget_class->snapshot = lotline_document_preview_snapshot;
  widget_class->measure = lotline_document_preview_measure;
  widget_class->size_allocate = lotline_document_preview_size_allocate;

  properties[PROP_DOCUMENT] =
    g_param_spec_boxed ("document", NULL, NULL, LOTLINE_TYPE_RENDER_DOCUMENT,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE] =
    g_param_spec_uint ("page", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "preview.previous-page", NULL, previous_page_action);
  gtk_widget_class_install_action (widget_class, "preview.next-page", NULL, next_page_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "preview.previous-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "preview.next-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "preview.previous-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "preview.next-page", NULL);

  gtk_widget_class_set_css_name (widget_class, "documentpreview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
lotline_document_preview_init (LotlineDocumentPreview *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  self->bar = gtk_center_box_new ();
  gtk_widget_add_css_class (self->bar, "toolbar");
  self->page_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->page_label, "numeric");
  gtk_center_box_set_start_widget (GTK_CENTER_BOX (self->bar),
                                   nav_button_new ("go-previous-symbolic", "preview.previous-page", _("Previous Page")));
  gtk_center_box_set_center_widget (GTK_CENTER_BOX (self->bar), self->page_label);
  gtk_center_box_set_end_widget (GTK_CENTER_BOX (self->bar),
                                 nav_button_new ("go-next-symbolic", "preview.next-page", _("Next Page")));
  gtk_widget_set_parent (self->bar, GTK_WIDGET (self));

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  lotline_view_set_accessible_label (GTK_WIDGET (self), _("Print preview"));
  update_navigation (self);
}

GtkWidget *
lotline_document_preview_new (void)
{
  return g_object_new (LOTLINE_TYPE_DOCUMENT_PREVIEW, NULL);
}

void
lotline_document_preview_set_document (LotlineDocumentPreview *self,
                                       LotlineRenderDocument  *document)
{
  g_return_if_fail (LOTLINE_IS_DOCUMENT_PREVIEW (self));

  if (self->document == document)
    return;
  g_clear_pointer (&self->document, lotline_render_document_unref);
  g_clear_object (&self->texture);
  if (document != NULL)
    self->document = lotline_render_document_ref (document);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  /* Keep the page when it still exists: a rebuilt document of the same
   * recall stays where the reader was. */
  if (self->page >= n_pages (self))
    {
      self->page = n_pages (self) > 0 ? n_pages (self) - 1 : 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
    }
  update_navigation (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

LotlineRenderDocument *
lotline_document_preview_get_document (LotlineDocumentPreview *self)
{
  g_return_val_if_fail (LOTLINE_IS_DOCUMENT_PREVIEW (self), NULL);

  return self->document;
}

void
lotline_document_preview_set_page (LotlineDocumentPreview *self,
                                   guint                   page)
{
  guint n;

  g_return_if_fail (LOTLINE_IS_DOCUMENT_PREVIEW (self));

  n = n_pages (self);
  page = n > 0 ? MIN (page, n - 1) : 0;
  if (self->page == page)
    return;
  self->page = page;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
  update_navigation (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
lotline_document_preview_get_page (LotlineDocumentPreview *self)
{
  g_return_val_if_fail (LOTLINE_IS_DOCUMENT_PREVIEW (self), 0);

  return self->page;
}
