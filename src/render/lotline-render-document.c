/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotline-render-private.h"
#include "lotline-render-document.h"

struct _LotlineRenderDocument {
  gatomicrefcount ref_count;
  double          width;
  double          height;
  GPtrArray      *pages;   /* cairo_surface_t, recording */
  GArray         *parts;   /* guint, first page of each part, ascending */
};

G_DEFINE_BOXED_TYPE (LotlineRenderDocument, lotline_render_document,
                     lotline_render_document_ref, lotline_render_document_unref)

LotlineRenderDocument *
lotline_render_document_new (double width,
                             double height)
{
  LotlineRenderDocument *doc = g_new0 (LotlineRenderDocument, 1);

  g_return_val_if_fail (width > 0 && height > 0, NULL);

  g_atomic_ref_count_init (&doc->ref_count);
  doc->width = width;
  doc->height = height;
  doc->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
  doc->parts = g_array_new (FALSE, FALSE, sizeof (guint));
  return doc;
}

LotlineRenderDocument *
lotline_render_document_ref (LotlineRenderDocument *doc)
{
  g_return_val_if_fail (doc != NULL, NULL);
  g_atomic_ref_count_inc (&doc->ref_count);
  return doc;
}

void
lotline_render_document_unref (LotlineRenderDocument *doc)
{
  g_return_if_fail (doc != NULL);
  if (!g_atomic_ref_count_dec (&doc->ref_count))
    return;
  g_ptr_array_unref (doc->pages);
  g_array_unref (doc->parts);
  g_free (doc);
}

cairo_t *
lotline_render_document_add_page (LotlineRenderDocument *doc)
{
  cairo_rectangle_t extents = { 0, 0, doc->width, doc->height };
  cairo_surface_t *page;
  cairo_t *cr;

  page = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
  g_ptr_array_add (doc->pages, page);
  cr = cairo_create (page);
  return cr;
}

guint
lotline_render_document_get_n_pages (const LotlineRenderDocument *doc)
{
  return doc->pages->len;
}

double
lotline_render_document_get_width (const LotlineRenderDocument *doc)
{
  return doc->width;
}

double
lotline_render_document_get_height (const LotlineRenderDocument *doc)
{
  return doc->height;
}

void
lotline_render_document_draw_page (const LotlineRenderDocument *doc,
                                   cairo_t                     *cr,
                                   guint                        page)
{
  if (page >= doc->pages->len)
    return;
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, doc->width, doc->height);
  cairo_clip (cr);
  cairo_set_source_surface (cr, g_ptr_array_index (doc->pages, page), 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
}

void
lotline_render_document_mark_part (LotlineRenderDocument *doc,
                                   guint                  page)
{
  if (doc->parts->len > 0 && g_array_index (doc->parts, guint, doc->parts->len - 1) >= page)
    return;
  g_array_append_val (doc->parts, page);
}

guint
lotline_render_document_get_n_parts (const LotlineRenderDocument *doc)
{
  return doc->parts->len;
}

guint
lotline_render_document_get_part_page (const LotlineRenderDocument *doc,
                                       guint                        part)
{
  if (part >= doc->parts->len)
    return doc->pages->len;
  return g_array_index (doc->parts, guint, part);
}

static void
draw_all_pages (cairo_t *cr,
                gpointer user_data)
{
  const LotlineRenderDocument *doc = user_data;

  /* The file's surface shows the last page when it is finished. */
  for (guint i = 0; i < doc->pages->len; i++)
    {
      lotline_render_document_draw_page (doc, cr, i);
      if (i + 1 < doc->pages->len)
        cairo_show_page (cr);
    }
}

gboolean
lotline_render_document_write_pdf (const LotlineRenderDocument *doc,
                                   const char                  *path,
                                   GError                     **error)
{

  if (!lotline_render_check_pdf_path (path, error))
    return FALSE;
  return lotline_render_to_file (path, doc->width, doc->height, 1.0,
                                 draw_all_pages, (gpointer) doc, error);
}
