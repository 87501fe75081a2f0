/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "lotline-types.h"

G_BEGIN_DECLS

#define LOTLINE_RENDER_ERROR (lotline_render_error_quark ())

/**
 * LotlineRenderError:
 * @LOTLINE_RENDER_ERROR_FORMAT: the file name does not end in a supported
 *   extension
 * @LOTLINE_RENDER_ERROR_WRITE: the file could not be written
 * @LOTLINE_RENDER_ERROR_TOO_LARGE: the drawing is too large for a PNG image
 * @LOTLINE_RENDER_ERROR_DRAW: cairo failed while drawing
 */
typedef enum {
  LOTLINE_RENDER_ERROR_FORMAT,
  LOTLINE_RENDER_ERROR_WRITE,
  LOTLINE_RENDER_ERROR_TOO_LARGE,
  LOTLINE_RENDER_ERROR_DRAW,
} LotlineRenderError;

/**
 * LotlineRenderTheme:
 * @LOTLINE_RENDER_THEME_LIGHT: dark text on light backgrounds (print, export)
 * @LOTLINE_RENDER_THEME_DARK: for a dark desktop style
 */
typedef enum {
  LOTLINE_RENDER_THEME_LIGHT,
  LOTLINE_RENDER_THEME_DARK,
} LotlineRenderTheme;

/**
 * LotlineRenderFileType:
 * @LOTLINE_RENDER_FILE_PNG: a raster image
 * @LOTLINE_RENDER_FILE_SVG: scalable vector graphics (text as outlines)
 * @LOTLINE_RENDER_FILE_PDF: a one-page PDF document (searchable text)
 */
typedef enum {
  LOTLINE_RENDER_FILE_PNG,
  LOTLINE_RENDER_FILE_SVG,
  LOTLINE_RENDER_FILE_PDF,
} LotlineRenderFileType;

typedef struct {
  double red;
  double green;
  double blue;
  double alpha;
} LotlineRenderColor;

/**
 * LotlineRenderDrawFunc:
 * @cr: a context whose user space is in points
 * @user_data: data passed to lotline_render_to_file()
 *
 * Draws one page.
 */
typedef void (*LotlineRenderDrawFunc) (cairo_t *cr,
                                       gpointer user_data);

GQuark   lotline_render_error_quark          (void);

gboolean lotline_render_file_type_from_path  (const char            *path,
                                              LotlineRenderFileType *out_type,
                                              GError               **error);
gboolean lotline_render_to_file              (const char            *path,
                                              double                 width,
                                              double                 height,
                                              double                 png_scale,
                                              LotlineRenderDrawFunc  draw,
                                              gpointer               user_data,
                                              GError               **error);

void     lotline_render_status_colors        (LotlineRenderTheme     theme,
                                              LotlineLotStatus       status,
                                              LotlineRenderColor    *fill,
                                              LotlineRenderColor    *stroke);

G_END_DECLS
