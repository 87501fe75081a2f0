/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lotline-render-private.h"
#include "lotline-trace.h"

G_DEFINE_QUARK (lotline-render-error-quark, lotline_render_error)

/* ---- colours ---------------------------------------------------------- */

/* GNOME's palette (the HIG's colour names in the comments).  Fills are
 * light tints in the light theme and deep shades in the dark one, so the
 * text colour stays readable on every node; the status stroke and badge
 * carry the saturated colour. */
#define HEX(h) { (((h) >> 16) & 0xff) / 255.0, (((h) >> 8) & 0xff) / 255.0, ((h) & 0xff) / 255.0, 1.0 }

static const LotlineRenderPalette light_palette = {
  .background = HEX (0xffffff),
  .text = HEX (0x241f31),
  .text_dim = HEX (0x5e5c64),
  .accent = HEX (0x1c71d8),                 /* blue 4 */
  .panel = HEX (0xfafafa),
  .panel_border = HEX (0xc0bfbc),
  .status_fill = {
    [LOTLINE_LOT_RELEASED] = HEX (0xd9f3e1),
    [LOTLINE_LOT_QUARANTINED] = HEX (0xfdf0bf),
    [LOTLINE_LOT_RECALLED] = HEX (0xfad4d6),
    [LOTLINE_LOT_EXPIRED] = HEX (0xffdfc4),
    [LOTLINE_LOT_DESTROYED] = HEX (0xe3e2e0),
  },
  .status_stroke = {
    [LOTLINE_LOT_RELEASED] = HEX (0x26a269),     /* green 5 */
    [LOTLINE_LOT_QUARANTINED] = HEX (0xc88800),  /* yellow 5, darkened for lines */
    [LOTLINE_LOT_RECALLED] = HEX (0xc01c28),     /* red 4 */
    [LOTLINE_LOT_EXPIRED] = HEX (0xe66100),      /* orange 4 */
    [LOTLINE_LOT_DESTROYED] = HEX (0x77767b),    /* dark 1 */
  },
  .badge_fill = {
    [LOTLINE_LOT_RELEASED] = HEX (0x26a269),
    [LOTLINE_LOT_QUARANTINED] = HEX (0xf5c211),  /* yellow 4 */
    [LOTLINE_LOT_RECALLED] = HEX (0xc01c28),
    [LOTLINE_LOT_EXPIRED] = HEX (0xe66100),
    [LOTLINE_LOT_DESTROYED] = HEX (0x5e5c64),
  },
  .badge_text = {
    [LOTLINE_LOT_RELEASED] = HEX (0xffffff),
    [LOTLINE_LOT_QUARANTINED] = HEX (0x241f31),
    [LOTLINE_LOT_RECALLED] = HEX (0xffffff),
    [LOTLINE_LOT_EXPIRED] = HEX (0xffffff),
    [LOTLINE_LOT_DESTROYED] = HEX (0xffffff),
  },
  .kind_fill = {
    [LOTLINE_NODE_LOT] = HEX (0xf6f5f4),
    [LOTLINE_NODE_SUPPLIER] = HEX (0xd6efee),
    [LOTLINE_NODE_CUSTOMER] = HEX (0xefe0f5),
    [LOTLINE_NODE_LOCATION] = HEX (0xf1e5d6),
  },
  .kind_stroke = {
    [LOTLINE_NODE_LOT] = HEX (0x77767b),
    [LOTLINE_NODE_SUPPLIER] = HEX (0x0e7c7b),    /* teal */
    [LOTLINE_NODE_CUSTOMER] = HEX (0x813d9c),    /* purple 4 */
    [LOTLINE_NODE_LOCATION] = HEX (0x865e3c),    /* brown 4 */
  },
  .edge = {
    [LOTLINE_EDGE_PRODUCTION] = HEX (0x5e5c64),
    [LOTLINE_EDGE_RECEIPT] = HEX (0x0e7c7b),
    [LOTLINE_EDGE_SHIPMENT] = HEX (0x813d9c),
    [LOTLINE_EDGE_RETURN] = HEX (0x813d9c),
    [LOTLINE_EDGE_STOCK] = HEX (0x865e3c),
  },
};

static const LotlineRenderPalette dark_palette = {
  .background = HEX (0x1e1e1e),
  .text = HEX (0xf6f5f4),
  .text_dim = HEX (0xc0bfbc),
  .accent = HEX (0x78aeed),                 /* blue 2 */
  .panel = HEX (0x2a2a2a),
  .panel_border = HEX (0x5e5c64),
  .status_fill = {
    [LOTLINE_LOT_RELEASED] = HEX (0x1d3b28),
    [LOTLINE_LOT_QUARANTINED] = HEX (0x453a0e),
    [LOTLINE_LOT_RECALLED] = HEX (0x4d1b20),
    [LOTLINE_LOT_EXPIRED] = HEX (0x4d2a12),
    [LOTLINE_LOT_DESTROYED] = HEX (0x333336),
  },
  .status_stroke = {
    [LOTLINE_LOT_RELEASED] = HEX (0x33d17a),     /* green 3 */
    [LOTLINE_LOT_QUARANTINED] = HEX (0xf6d32d),  /* yellow 3 */
    [LOTLINE_LOT_RECALLED] = HEX (0xf66151),     /* red 1 */
    [LOTLINE_LOT_EXPIRED] = HEX (0xffa348),      /* orange 2 */
    [LOTLINE_LOT_DESTROYED] = HEX (0x9a9996),    /* light 5 */
  },
  .badge_fill = {
    [LOTLINE_LOT_RELEASED] = HEX (0x26a269),
    [LOTLINE_LOT_QUARANTINED] = HEX (0xf5c211),
    [LOTLINE_LOT_RECALLED] = HEX (0xe01b24),
    [LOTLINE_LOT_EXPIRED] = HEX (0xe66100),
    [LOTLINE_LOT_DESTROYED] = HEX (0x77767b),
  },
  .badge_text = {
    [LOTLINE_LOT_RELEASED] = HEX (0xffffff),
    [LOTLINE_LOT_QUARANTINED] = HEX (0x241f31),
    [LOTLINE_LOT_RECALLED] = HEX (0xffffff),
    [LOTLINE_LOT_EXPIRED] = HEX (0xffffff),
    [LOTLINE_LOT_DESTROYED] = HEX (0xffffff),
  },
  .kind_fill = {
    [LOTLINE_NODE_LOT] = HEX (0x303030),
    [LOTLINE_NODE_SUPPLIER] = HEX (0x15393a),
    [LOTLINE_NODE_CUSTOMER] = HEX (0x3a2346),
    [LOTLINE_NODE_LOCATION] = HEX (0x3d2f22),
  },
  .kind_stroke = {
    [LOTLINE_NODE_LOT] = HEX (0x9a9996),
    [LOTLINE_NODE_SUPPLIER] = HEX (0x4fc9c4),
    [LOTLINE_NODE_CUSTOMER] = HEX (0xc061cb),    /* purple 2 */
    [LOTLINE_NODE_LOCATION] = HEX (0xcda47d),    /* brown 1-ish */
  },
  .edge = {
    [LOTLINE_EDGE_PRODUCTION] = HEX (0xa9a8a6),
    [LOTLINE_EDGE_RECEIPT] = HEX (0x4fc9c4),
    [LOTLINE_EDGE_SHIPMENT] = HEX (0xc88ed3),
    [LOTLINE_EDGE_RETURN] = HEX (0xc88ed3),
    [LOTLINE_EDGE_STOCK] = HEX (0xcda47d),
  },
};

#undef HEX

const LotlineRenderPalette *
lotline_render_get_palette (LotlineRenderTheme theme)
{
  return theme == LOTLINE_RENDER_THEME_DARK ? &dark_palette : &light_palette;
}

/**
 * lotline_render_status_colors:
 * @theme: light or dark
 * @status: a lot status
 * @fill: (out) (optional): the node fill for @status
 * @stroke: (out) (optional): the node border for @status
 *
 * The colours the genealogy graph uses for lot statuses, so tables and
 * chips elsewhere can match them.
 */
void
lotline_render_status_colors (LotlineRenderTheme  theme,
                              LotlineLotStatus    status,
                              LotlineRenderColor *fill,
                              LotlineRenderColor *stroke)
{
  const LotlineRenderPalette *palette = lotline_render_get_palette (theme);

  g_return_if_fail ((guint) status < LOTLINE_N_STATUSES);
  if (fill != NULL)
    *fill = palette->status_fill[status];
  if (stroke != NULL)
    *stroke = palette->status_stroke[status];
}

/* ---- files ------------------------------------------------------------ */

/**
 * lotline_render_file_type_from_path:
 * @path: a file name
 * @out_type: (out): the type its extension names
 * @error: return location for a #LOTLINE_RENDER_ERROR_FORMAT error
 *
 * Recognises ".png", ".svg" and ".pdf" in any letter case.
 *
 * Returns: %TRUE when @path ends in a supported extension
 */
gboolean
lotline_render_file_type_from_path (const char            *path,
                                    LotlineRenderFileType *out_type,
                                    GError               **error)
{
  g_autofree char *base = NULL;
  const char *dot;

  g_return_val_if_fail (path != NULL, FALSE);

  base = g_path_get_basename (path);
  dot = strrchr (base, '.');
  if (dot != NULL && g_ascii_strcasecmp (dot, ".png") == 0)
    *out_type = LOTLINE_RENDER_FILE_PNG;
  else if (dot != NULL && g_ascii_strcasecmp (dot, ".svg") == 0)
    *out_type = LOTLINE_RENDER_FILE_SVG;
  else if (dot != NULL && g_ascii_strcasecmp (dot, ".pdf") == 0)
    *out_type = LOTLINE_RENDER_FILE_PDF;
  else
    {
      g_set_error (error, LOTLINE_RENDER_ERROR, LOTLINE_RENDER_ERROR_FORMAT,
                   _("Cannot tell which kind of file “%s” should be. "
                     "Use a name ending in .png, .svg or .pdf."),
                   base);
      return FALSE;
    }
  return TRUE;
}

gboolean
lotline_render_check_pdf_path (const char  *path,
                               GError     **error)
{
  LotlineRenderFileType type;

  if (!lotline_render_file_type_from_path (path, &type, error))
    return FALSE;
  if (type != LOTLINE_RENDER_FILE_PDF)
    {
      g_set_error (error, LOTLINE_RENDER_ERROR, LOTLINE_RENDER_ERROR_FORMAT,
                   _("Documents are saved as PDF. Give the file name the extension .pdf."));
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  GOutputStream *stream;
  GError        *error;
} WriteClosure;

static cairo_status_t
write_to_stream (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  WriteClosure *wc = closure;

  if (wc->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (wc->stream, data, length, NULL, NULL, &wc->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

/* Largest PNG we write: cairo's limit is 32,767 pixels a side, and a
 * quarter of a gigabyte of pixels is already more than viewers cope with. */
#define MAX_PNG_SIDE   32767
#define MAX_PNG_PIXELS (64 * 1024 * 1024)

/**
 * lotline_render_to_file:
 * @path: where to write; the extension (.png, .svg, .pdf) picks the format
 * @width: page width in points
 * @height: page height in points
 * @png_scale: pixels per point for PNG output, 0 for 1.5
 * @draw: (scope call): draws the page in points
 * @user_data: data for @draw
 * @error: return location for a #LOTLINE_RENDER_ERROR
 *
 * Draws one page into a file.  The file is replaced only when everything
 * was written; on failure an existing file is left as it was.
 *
 * Returns: %TRUE on success
 */
gboolean
lotline_render_to_file (const char            *path,
                        double                 width,
                        double                 height,
                        double                 png_scale,
                        LotlineRenderDrawFunc  draw,
                        gpointer               user_data,
                        GError               **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GCancellable) abandon = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = NULL;
  LotlineRenderFileType type;
  WriteClosure wc = { 0 };
  cairo_surface_t *surface = NULL;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (draw != NULL, FALSE);
  g_return_val_if_fail (width > 0 && height > 0, FALSE);

  if (!lotline_render_file_type_from_path (path, &type, error))
    return FALSE;
  if (png_scale <= 0)
    png_scale = 1.5;

  display = g_filename_display_name (path);
  if (type == LOTLINE_RENDER_FILE_PNG)
    {
      double pw = ceil (width * png_scale), ph = ceil (height * png_scale);

      if (pw > MAX_PNG_SIDE || ph > MAX_PNG_SIDE || pw * ph > MAX_PNG_PIXELS)
        {
          g_set_error (error, LOTLINE_RENDER_ERROR, LOTLINE_RENDER_ERROR_TOO_LARGE,
                       _("The image would be %.0f × %.0f pixels, too large for a PNG file. "
                         "Save it as SVG or PDF instead, or group more of the graph."),
                       pw, ph);
          return FALSE;
        }
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) pw, (int) ph);
    }

  file = g_file_new_for_path (path);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &local_error);
  if (stream == NULL)
    {
      g_clear_pointer (&surface, cairo_surface_destroy);
      g_set_error (error, LOTLINE_RENDER_ERROR, LOTLINE_RENDER_ERROR_WRITE,
                   _("Could not save the file: %s. Choose another folder or file name."),
                   local_error->message);
      return FALSE;
    }
  wc.stream = G_OUTPUT_STREAM (stream);

  switch (type)
    {
    case LOTLINE_RENDER_FILE_SVG:
      surface = cairo_svg_surface_create_for_stream (write_to_stream, &wc, width, height);
      break;
    case LOTLINE_RENDER_FILE_PDF:
      surface = cairo_pdf_surface_create_for_stream (write_to_stream, &wc, width, height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Lotline " PACKAGE_VERSION);
      break;
    case LOTLINE_RENDER_FILE_PNG:
    default:
      break;
    }

  cr = cairo_create (surface);
  if (type == LOTLINE_RENDER_FILE_PNG)
    cairo_scale (cr, png_scale, png_scale);
  draw (cr, user_data);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && type == LOTLINE_RENDER_FILE_PNG)
    status = cairo_surface_write_to_png_stream (surface, write_to_stream, &wc);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS || wc.error != NULL)
    {
      /* Closing a replaced file with a cancelled cancellable leaves the old
       * file in place. */
      abandon = g_cancellable_new ();
      g_cancellable_cancel (abandon);
      g_output_stream_close (G_OUTPUT_STREAM (stream), abandon, NULL);
      if (wc.error != NULL)
        g_set_error (error, LOTLINE_RENDER_ERROR, LOTLINE_RENDER_ERROR_WRITE,
                     _("Could not save “%s”: %s. Check that the disk has room and try again."),
                     display, wc.error->message);
      else
        g_set_error (error, LOTLINE_RENDER_ERROR, LOTLINE_RENDER_ERROR_DRAW,
                     _("Could not draw “%s”: %s."), display, cairo_status_to_string (status));
      g_clear_error (&wc.error);
      return FALSE;
    }

  if (!g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &local_error))
    {
      g_set_error (error, LOTLINE_RENDER_ERROR, LOTLINE_RENDER_ERROR_WRITE,
                   _("Could not save “%s”: %s. Check that the disk has room and try again."),
                   display, local_error->message);
      return FALSE;
    }
  return TRUE;
}
