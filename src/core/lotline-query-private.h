/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* For src/core only: the lot filter of LotlineLotQuery, shared by the lot
 * list and the expiry queries so that a filter means the same everywhere. */

#include <sqlite3.h>

#include "lotline-query.h"

G_BEGIN_DECLS

/* " FROM lot JOIN product … LEFT JOIN party … WHERE …" for @query, with the
 * tables named lot, product and party (the supplier).  Parameters :today and
 * :w1, :w2 … are bound by lotline_lot_query_prepare(); the words to bind are
 * appended to @words (free func g_free). */
char         *lotline_lot_query_build_filter (LotlineStore          *store,
                                              const LotlineLotQuery *query,
                                              GPtrArray             *words,
                                              GError               **error);

/* Prepares @sql (not cached: finalize it) and binds :today and the words.
 * The caller binds any parameters of its own by name. */
sqlite3_stmt *lotline_lot_query_prepare      (LotlineStore          *store,
                                              const LotlineLotQuery *query,
                                              const char            *sql,
                                              GPtrArray             *words,
                                              GError               **error);

/* The ids of @location_id and every location below it, as "1,2,3". */
char         *lotline_location_subtree_ids   (LotlineStore          *store,
                                              gint64                 location_id,
                                              GError               **error);

G_END_DECLS
