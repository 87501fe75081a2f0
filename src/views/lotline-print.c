/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Printing a LotlineRenderDocument through GtkPrintOperation: one printed
 * page per recorded page, replayed onto the printer's context. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "lotline-print.h"

/* The document's paper, so the dialog offers what the pages were laid out
 * for; A4 and US Letter by name, anything else as a custom size. */
static GtkPageSetup *
page_setup_new (LotlineRenderDocument *document)
{
  double w = lotline_render_document_get_width (document);
  double h = lotline_render_document_get_height (document);
  double short_side = MIN (w, h), long_side = MAX (w, h);
  GtkPageSetup *setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = NULL;

  if (fabs (short_side - 595.28) < 1 && fabs (long_side - 841.89) < 1)
    paper = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  else if (fabs (short_side - 612) < 1 && fabs (long_side - 792) < 1)
    paper = gtk_paper_size_new (GTK_PAPER_NAME_LETTER);
  else
    paper = gtk_paper_size_new_custom ("lotline-document", _("Document size"), short_side, long_side, GTK_UNIT_POINTS);
  gtk_page_setup_set_paper_size (setup, paper);
  gtk_page_setup_set_orientation (setup, w > h ? GTK_PAGE_ORIENTATION_LANDSCAPE : GTK_PAGE_ORIENTATION_PORTRAIT);
  return setup;
}

/* The whole sheet is the context (the pages carry their own margins): on
 * the document's paper a page prints 1:1; on other paper it is scaled to
 * fit and centred. */
static void
on_draw_page_cb (GtkPrintOperation     *operation,
                 GtkPrintContext       *context,
                 int                    page_nr,
                 LotlineRenderDocument *document)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double cw = gtk_print_context_get_width (context);
  double ch = gtk_print_context_get_height (context);
  double pw = lotline_render_document_get_width (document);
  double ph = lotline_render_document_get_height (document);
  double scale = MIN (cw / pw, ch / ph);

  if (fabs (scale - 1.0) < 0.005)
    scale = 1.0;
  cairo_translate (cr, (cw - pw * scale) / 2, (ch - ph * scale) / 2);
  cairo_scale (cr, scale, scale);
  lotline_render_document_draw_page (document, cr, (guint) page_nr);
}

static GtkPrintOperation *
operation_new (LotlineRenderDocument *document,
               const char            *job_name)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = page_setup_new (document);

  gtk_print_operation_set_n_pages (operation, (int) MAX (lotline_render_document_get_n_pages (document), 1));
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_default_page_setup (operation, setup);
  if (job_name != NULL)
    gtk_print_operation_set_job_name (operation, job_name);
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (on_draw_page_cb),
                         lotline_render_document_ref (document),
                         (GClosureNotify) (void (*) (void)) lotline_render_document_unref, 0);
  return operation;
}

/* ---- with the dialog -------------------------------------------------------- */

/* TRUE the first time: the task completes once, from "done" or from
 * run()'s own result, whichever comes first. */
static gboolean
claim_task (GTask *task)
{
  if (g_object_get_data (G_OBJECT (task), "lotline-finished") != NULL)
    return FALSE;
  g_object_set_data (G_OBJECT (task), "lotline-finished", GINT_TO_POINTER (TRUE));
  return TRUE;
}

static void
finish_task (GTask                   *task,
             GtkPrintOperation       *operation,
             GtkPrintOperationResult  result)
{
  GError *error = NULL;

  if (!claim_task (task))
    return;
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      if (error == NULL)
        error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED,
                                     _("The document could not be printed. Check the printer and try again."));
      g_task_return_error (task, error);
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_CANCEL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Printing was cancelled."));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_done_cb (GtkPrintOperation       *operation,
            GtkPrintOperationResult  result,
            GTask                   *task)
{
  finish_task (task, operation, result);
}

void
lotline_print_document (GtkWindow             *parent,
                        LotlineRenderDocument *document,
                        const char            *job_name,
                        GAsyncReadyCallback    callback,
                        gpointer               user_data)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (document != NULL);

  task = g_task_new (NULL, NULL, callback, user_data);
  g_task_set_source_tag (task, lotline_print_document);
  operation = operation_new (document, job_name);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_data (operation, "done", G_CALLBACK (on_done_cb), g_object_ref (task),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR && error != NULL)
    {
      if (claim_task (task))
        g_task_return_error (task, g_steal_pointer (&error));
    }
  else if (result != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
    finish_task (task, operation, result);
}

gboolean
lotline_print_document_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lotline_print_document, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- without ------------------------------------------------------------------ */

gboolean
lotline_print_document_export (LotlineRenderDocument *document,
                               const char            *pdf_path,
                               GError               **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;

  g_return_val_if_fail (document != NULL, FALSE);
  g_return_val_if_fail (pdf_path != NULL, FALSE);

  operation = operation_new (document, NULL);
  gtk_print_operation_set_export_filename (operation, pdf_path);
  return gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, error)
         != GTK_PRINT_OPERATION_RESULT_ERROR;
}
