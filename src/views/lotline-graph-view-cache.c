/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include "lotline-graph-view-private.h"
#include "lotline-render-graph.h"

/* Drawing a few thousand nodes with Pango text takes tens of milliseconds,
 * too slow for every frame of a drag.  So the graph is drawn once per
 * (layout, scale, theme, selection) into a cache that covers the visible
 * part plus a quarter view on each side (at most 4096 device pixels a
 * side), and each frame only appends that, translated.  A pan re-renders
 * only when the view leaves the cached area.  While the wheel or a pinch
 * zooms, the cache is appended scaled; 150 ms after the last step it is
 * drawn again at the new scale, so text never stays blurred.  Hover and
 * focus rings are drawn on top each frame; they are two borders.
 *
 * The cache is a texture rasterised with cairo, not a cairo render node:
 * GTK keeps a cairo node as a recording and, with the cairo renderer,
 * replays every recorded operation each frame (measured: 20–100 ms a
 * frame for 743 nodes), while a texture is one image copy (about 1 ms).
 *
 * A graph of more than SYNC_RENDER_LIMIT nodes and edges (an expanded
 * crowd, say) is drawn on a worker thread, since cairo and Pango on a
 * surface of their own need no main thread; until it is ready, frames show
 * the previous cache moved and scaled, so the main loop never waits on a
 * drawing that can take half a second. */

/* ---- the cache -------------------------------------------------------- */

/* What the cache is drawn from changed: the layout or the date (drop the
 * texture: it shows another graph), or only the selection or the theme
 * (keep showing it until the new one is ready). */
void
lotline_graph_view_invalidate_cache (LotlineGraphView *self)
{
  self->content_serial++;
  g_clear_object (&self->cache);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lotline_graph_view_refresh_cache (LotlineGraphView *self)
{
  self->content_serial++;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Everything a rendering needs, copied, so it can run on a worker: the
 * renderer is cairo and Pango on a surface of its own. */
typedef struct {
  LotlineLayout        *layout;
  LotlineRenderOptions  opts;
  guint                *hl_nodes;
  guint                *hl_edges;
  char                 *today;
  char                 *selected_key;
  double                scale;
  int                   device;
  graphene_rect_t       bounds;     /* pixels: graph points × scale */
  guint64               serial;
  double                ms;
} CacheJob;

static void
cache_job_free (gpointer data)
{
  CacheJob *job = data;

  lotline_layout_unref (job->layout);
  g_free (job->hl_nodes);
  g_free (job->hl_edges);
  g_free (job->today);
  g_free (job->selected_key);
  g_free (job);
}

static void
release_surface (gpointer data)
{
  cairo_surface_destroy (data);
}

static cairo_surface_t *
cache_job_draw (CacheJob *job)
{
  int width = (int) job->bounds.size.width * job->device;
  int height = (int) job->bounds.size.height * job->device;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  gint64 start = g_get_monotonic_time ();
  cairo_t *cr = cairo_create (surface);

  cairo_scale (cr, job->device, job->device);
  cairo_translate (cr, -job->bounds.origin.x, -job->bounds.origin.y);
  cairo_scale (cr, job->scale, job->scale);
  lotline_render_graph (cr, job->layout, NULL, &job->opts);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  job->ms = (g_get_monotonic_time () - start) / 1000.0;
  return surface;
}

static void
cache_job_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  g_task_return_pointer (task, cache_job_draw (task_data), (GDestroyNotify) cairo_surface_destroy);
}

/* Takes the surface of a finished rendering as the cache. */
static void
install_cache (LotlineGraphView *self,
               CacheJob         *job,
               cairo_surface_t  *surface)
{
  g_autoptr(GBytes) bytes = NULL;
  int height = cairo_image_surface_get_height (surface);

  /* Cairo's ARGB32 is GDK_MEMORY_DEFAULT; the texture keeps the surface. */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) cairo_image_surface_get_stride (surface) * (gsize) height,
                                      release_surface, surface);
  g_clear_object (&self->cache);
  self->cache = gdk_memory_texture_new (cairo_image_surface_get_width (surface), height,
                                        GDK_MEMORY_DEFAULT, bytes, cairo_image_surface_get_stride (surface));
  self->cache_bounds = job->bounds;
  self->cache_scale = job->scale;
  self->cache_serial = job->serial;
  graphene_rect_init (&self->cache_rect,
                      job->bounds.origin.x / job->scale, job->bounds.origin.y / job->scale,
                      job->bounds.size.width / job->scale, job->bounds.size.height / job->scale);
  g_debug ("graph view: drew %u nodes and %u edges into a %d × %d px cache in %.1f ms",
           lotline_layout_get_n_nodes (job->layout), lotline_layout_get_n_edges (job->layout),
           cairo_image_surface_get_width (surface), height, job->ms);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_cache_rendered_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  LotlineGraphView *self = LOTLINE_GRAPH_VIEW (source);
  CacheJob *job = g_task_get_task_data (G_TASK (result));
  cairo_surface_t *surface = g_task_propagate_pointer (G_TASK (result), NULL);

  if (surface == NULL)
    return;
  self->rendering = FALSE;
  /* Drawn from what the view showed then; if that changed, the next frame
   * asks again. */
  if (job->serial == self->content_serial && job->layout == self->layout)
    install_cache (self, job, surface);
  else
    {
      cairo_surface_destroy (surface);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

/* Draws the part of the graph around @view (graph points) at the current
 * scale: at once for a small graph, on a worker for a big one, whose
 * frames meanwhile show the old cache moved and scaled. */
static void
render_cache (LotlineGraphView      *self,
              const graphene_rect_t *view,
              const graphene_rect_t *graph)
{
  graphene_rect_t want, region;
  CacheJob *job;
  double s = self->scale;
  int device = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  double max_pts = CACHE_MAX_PX / device / s;
  double margin_x, margin_y, px, py;

  /* A quarter view on each side, so a pan does not re-render at once. */
  margin_x = MAX (0, (MIN (view->size.width * 1.5, max_pts) - view->size.width) / 2);
  margin_y = MAX (0, (MIN (view->size.height * 1.5, max_pts) - view->size.height) / 2);
  graphene_rect_inset_r (view, -margin_x, -margin_y, &want);
  if (!graphene_rect_intersection (&want, graph, &region))
    return;

  job = g_new0 (CacheJob, 1);
  job->layout = lotline_layout_ref (self->layout);
  job->scale = s;
  job->device = device;
  job->serial = self->content_serial;
  /* Whole pixels, so the texture lands on the pixel grid. */
  px = floor (region.origin.x * s);
  py = floor (region.origin.y * s);
  graphene_rect_init (&job->bounds, px, py,
                      MAX (1, ceil ((region.origin.x + region.size.width) * s) - px),
                      MAX (1, ceil ((region.origin.y + region.size.height) * s) - py));
  lotline_graph_view_fill_render_options (self, &job->opts);
  job->hl_nodes = g_memdup2 (self->hl_nodes->data, self->hl_nodes->len * sizeof (guint));
  job->hl_edges = g_memdup2 (self->hl_edges->data, self->hl_edges->len * sizeof (guint));
  job->today = g_strdup (self->today);
  job->selected_key = g_strdup (self->selected_key);
  job->opts.highlight_nodes = job->hl_nodes;
  job->opts.highlight_edges = job->hl_edges;
  job->opts.today = job->today;
  job->opts.selected_key = job->selected_key;

  if (lotline_layout_get_n_nodes (self->layout) + lotline_layout_get_n_edges (self->layout) <= SYNC_RENDER_LIMIT)
    {
      install_cache (self, job, cache_job_draw (job));
      cache_job_free (job);
    }
  else
    {
      g_autoptr(GTask) task = g_task_new (self, self->cancellable, on_cache_rendered_cb, NULL);

      g_task_set_source_tag (task, render_cache);
      g_task_set_task_data (task, job, cache_job_free);
      self->rendering = TRUE;
      g_task_run_in_thread (task, cache_job_thread);
    }
}

/* graphene_rect_contains_rect() compares a float union for equality,
 * which fails on graphs a few hundred thousand points tall; half a point
 * of slack is plenty (the cached rectangle is rounded to whole pixels). */
static gboolean
rect_contains (const graphene_rect_t *outer,
               const graphene_rect_t *inner)
{
  const double slack = 0.5;

  return (double) inner->origin.x >= (double) outer->origin.x - slack &&
         (double) inner->origin.y >= (double) outer->origin.y - slack &&
         (double) inner->origin.x + inner->size.width <= (double) outer->origin.x + outer->size.width + slack &&
         (double) inner->origin.y + inner->size.height <= (double) outer->origin.y + outer->size.height + slack;
}

void
lotline_graph_view_ensure_cache (LotlineGraphView *self,
                                 double            width,
                                 double            height)
{
  graphene_rect_t view, graph, need;
  gboolean covers;
  double gw, gh;

  lotline_graph_view_graph_size (self, &gw, &gh);
  graphene_rect_init (&graph, -CACHE_PAD, -CACHE_PAD, gw + 2 * CACHE_PAD, gh + 2 * CACHE_PAD);
  graphene_rect_init (&view, -self->offset_x / self->scale, -self->offset_y / self->scale,
                      width / self->scale, height / self->scale);
  if (!graphene_rect_intersection (&view, &graph, &need))
    return;
  covers = self->cache != NULL && rect_contains (&self->cache_rect, &need);
  /* Up to date; or good enough while a zoom is still going on. */
  if (covers && self->cache_serial == self->content_serial &&
      (self->cache_scale == self->scale || self->settle_id != 0))
    return;
  if (self->rendering)
    return;
  render_cache (self, &view, &graph);
}

static gboolean
on_settle_cb (gpointer user_data)
{
  LotlineGraphView *self = user_data;

  self->settle_id = 0;
  /* The next frame draws the cache again at the new scale. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

/* Zoom steps come in bursts (a wheel spun, a pinch): draw the cached node
 * scaled meanwhile and render afresh once they stop. */
void
lotline_graph_view_schedule_settle (LotlineGraphView *self)
{
  g_clear_handle_id (&self->settle_id, g_source_remove);
  self->settle_id = g_timeout_add (SETTLE_MS, on_settle_cb, self);
}

/* A key press or a button click is one zoom step: render at once. */
void
lotline_graph_view_settle_now (LotlineGraphView *self)
{
  g_clear_handle_id (&self->settle_id, g_source_remove);
  on_settle_cb (self);
}
