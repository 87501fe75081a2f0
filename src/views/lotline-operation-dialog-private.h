/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lotline-lot-chooser.h"
#include "lotline-operation-dialog.h"
#include "lotline-query.h"

G_BEGIN_DECLS

/* The operation dialog is split in two: lotline-operation-dialog.c is the
 * window (loading the pickers, the dry runs, recording), and
 * lotline-operation-forms.c builds each kind's form and turns what it holds
 * into a LotlineEventSpec. */

/* One lot line of the form: an existing lot taken from (or put at) a
 * location, or a new lot with its product, code and dates. */
typedef struct {
  LotlineOperationDialog *dialog;
  GtkWidget              *group;        /* AdwPreferencesGroup of the line's rows */
  LotlineLotChooser      *lot;          /* existing lot, or NULL */
  AdwComboRow            *product;      /* new lot, or NULL */
  AdwEntryRow            *code;
  AdwEntryRow            *supplier_lot;
  AdwEntryRow            *produced_on;
  AdwEntryRow            *expires_on;
  AdwEntryRow            *best_before;
  AdwComboRow            *location;     /* taken from (input) or put at (output) */
  AdwComboRow            *location_to;  /* transfers: where it goes */
  AdwEntryRow            *quantity;
  GtkLabel               *unit;
  GtkWidget              *remove;
} FormLine;

struct _LotlineOperationDialog
{
  AdwWindow          parent_instance;

  LotlineSession    *session;
  LotlineEventKind   kind;
  gint64             lot_id;
  char              *today;
  GCancellable      *cancellable;

  /* Pickers, LotlineRecordRef*; NULL until loaded. */
  GPtrArray         *products;
  GPtrArray         *parties;
  GPtrArray         *locations;
  gboolean           loaded;
  GPtrArray         *unfilled_combos; /* AdwComboRow* built before the pickers came */

  /* The form (lotline-operation-forms.c). */
  AdwComboRow       *party;
  AdwEntryRow       *date;
  AdwComboRow       *doc_type;
  AdwEntryRow       *doc_number;
  AdwComboRow       *direction;     /* adjust: more or less */
  AdwEntryRow       *reason;
  GtkWidget         *inputs_box;
  GtkWidget         *outputs_box;
  GPtrArray         *inputs;        /* FormLine* */
  GPtrArray         *outputs;       /* FormLine* */

  /* Shipments: assigning lots automatically (lotline-operation-allocate.c). */
  AdwComboRow       *alloc_product;
  AdwEntryRow       *alloc_quantity;
  GtkWidget         *alloc_button;
  GtkListBox        *alloc_list;    /* what was skipped and why, and any shortfall */
  gboolean           allocating;

  /* Scanning and prefilling (lotline-operation-scan.c). */
  gint64             prefill_product_id;  /* chosen once the pickers are in */
  char              *prefill_code;
  AdwEntryRow       *scan_row;
  GtkWidget         *scan_label;
  GCancellable      *scan_cancellable;    /* the look-up under way, or NULL */
  char              *scan_message;

  /* Checking and recording. */
  guint              validate_source;
  guint              validation_generation;
  gboolean           validating;
  gboolean           valid;
  gboolean           needs_override;
  gboolean           recording;
  char              *message;

  /* Template children. */
  AdwWindowTitle    *window_title;
  GtkButton         *record_button;
  GtkButton         *cancel_button;
  GtkSpinner        *spinner;
  GtkBox            *form_box;
  GtkRevealer       *override_revealer;
  AdwEntryRow       *override_row;
  GtkWidget         *message_box;
  GtkImage          *message_icon;
  GtkLabel          *message_label;
};

/* An event spec that owns everything it points to. */
typedef struct {
  LotlineEventSpec  spec;
  GArray           *lines;            /* LotlineLineSpec */
  GPtrArray        *lots;             /* LotlineLotSpec*, freed with g_free */
  GStringChunk     *strings;
  char             *override_reason;  /* applied only when the ledger asks for one */
} OpSpec;

void        op_spec_free                           (OpSpec                 *op);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OpSpec, op_spec_free)

/* lotline-operation-spec.c */
gint64                  lotline_op_combo_get_id    (AdwComboRow *row);
gboolean                lotline_op_combo_select_id (AdwComboRow *row,
                                                    gint64       id);
const LotlineRecordRef *lotline_op_find_ref        (GPtrArray   *refs,
                                                    gint64       id);

/* lotline-operation-forms.c */
const char *lotline_op_doc_type_value              (AdwComboRow            *row);
void        lotline_operation_dialog_build_form    (LotlineOperationDialog *self);
/* The pickers are in: offer them in the combo rows built so far. */
void        lotline_operation_dialog_fill_pickers  (LotlineOperationDialog *self);
/* lotline-operation-spec.c: what the form holds as an event, or NULL with either a gentle @hint (the
 * form is not complete yet) or @error (a field cannot be read).  @summary
 * says what recording it does, "Received 250 kg of RAW-STRAW lot F-1". */
OpSpec     *lotline_operation_dialog_build_spec    (LotlineOperationDialog *self,
                                                    char                  **hint,
                                                    char                  **summary,
                                                    GError                **error);
void        form_line_free                         (FormLine               *line);
/* Removes every input line, then adds one for @lot_id (0 for none). */
FormLine   *lotline_operation_dialog_add_input_line (LotlineOperationDialog *self,
                                                     gint64                  lot_id);
void        lotline_operation_dialog_clear_input_lines (LotlineOperationDialog *self);

/* lotline-operation-allocate.c: the "Assign lots automatically" rows of a
 * shipment, added to @group after its product and quantity rows. */
void        lotline_operation_dialog_build_allocation (LotlineOperationDialog *self,
                                                       GtkWidget              *group);

/* lotline-operation-scan.c: the "Scan a label" row of ship, produce and
 * return forms; the product of a prefill, once the pickers are in. */
void        lotline_operation_dialog_build_scan    (LotlineOperationDialog *self);
void        lotline_operation_dialog_apply_prefill (LotlineOperationDialog *self);

/* lotline-operation-lot-code.c: the code of a new lot, made and checked
 * with its product's lot-code format. */
void        lotline_op_lot_code_attach             (FormLine               *line);
gboolean    lotline_op_lot_codes_check             (LotlineOperationDialog *self,
                                                    char                  **hint,
                                                    GError                **error);
gboolean    lotline_op_lot_codes_busy              (LotlineOperationDialog *self);

/* lotline-operation-dialog.c: the form changed; check it again soon. */
void        lotline_operation_dialog_form_changed  (LotlineOperationDialog *self);

G_END_DECLS
