/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <sqlite3.h>

#include "lotline-audit.h"
#include "lotline-test-util.h"

static void
tamper (LotlineTestStore *ts, const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (ts->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), >, 0);
  sqlite3_close (db);
}

static LotlineTestStore *
ledger_with_history (void)
{
  LotlineTestStore *ts = lotline_test_store_new ();
  gint64 fruit, base, in[1], q[1];

  lotline_test_store_add_basics (ts);
  fruit = lotline_test_receive (ts, ts->fruit, "F-1", ts->wh1, 100000, "2026-03-01", NULL);
  in[0] = fruit;
  q[0] = 60000;
  base = lotline_test_produce (ts, in, q, 1, ts->jam_base, "B-1", 55000, "2026-03-02");
  lotline_test_ship (ts, ts->customer, base, ts->wh1, 5000, "2026-03-03");
  return ts;
}

static void
verify (LotlineTestStore *ts, LotlineAuditReport *report)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lotline_audit_verify (ts->store, report, &error));
  g_assert_no_error (error);
}

static void
test_every_write_audited (void)
{
  g_autoptr(LotlineTestStore) ts = ledger_with_history ();
  LotlineAuditReport report;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  verify (ts, &report);
  g_assert_true (report.ok);
  /* 15 master records, 3 lots created by events, 3 events. */
  g_assert_cmpint (report.entries, ==, 15 + 2 + 3);
  lotline_audit_report_clear (&report);

  /* The shipment's entry says who, what and which lines. */
  g_assert_cmpint (sqlite3_open (ts->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT who, action, entity, new_value FROM audit ORDER BY id DESC LIMIT 1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "tester");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "record");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, "event");
  g_assert_nonnull (strstr ((const char *) sqlite3_column_text (stmt, 3), "\"kind\":\"ship\""));
  g_assert_nonnull (strstr ((const char *) sqlite3_column_text (stmt, 3), "\"quantity\":5000"));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_status_change_keeps_old_and_new (void)
{
  g_autoptr(LotlineTestStore) ts = ledger_with_history ();
  gint64 lot;
  LotlineLineSpec line = { .role = LOTLINE_LINE_SUBJECT };
  LotlineEventSpec spec = { .kind = LOTLINE_EVENT_QUARANTINE, .reason = "Metal fragment found", .lines = &line, .n_lines = 1 };
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_true (lotline_store_find_lot (ts->store, NULL, "B-1", &lot, NULL));
  line.lot_id = lot;
  g_assert_true (lotline_store_record_event (ts->store, &spec, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_open (ts->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT old_value, new_value, reason FROM audit WHERE action = 'status'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "{\"status\":\"released\"}");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "{\"status\":\"quarantined\"}");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, "Metal fragment found");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_refused_write_not_audited (void)
{
  g_autoptr(LotlineTestStore) ts = ledger_with_history ();
  LotlineAuditReport before, after;
  LotlineLineSpec line = { .role = LOTLINE_LINE_INPUT, .lot_id = 1, .location_id = 1, .quantity = 999999999 };
  LotlineEventSpec spec = { .kind = LOTLINE_EVENT_SHIP, .party_id = 3, .lines = &line, .n_lines = 1 };

  verify (ts, &before);
  g_assert_false (lotline_store_record_event (ts->store, &spec, NULL, NULL));
  verify (ts, &after);
  g_assert_true (after.ok);
  g_assert_cmpint (after.entries, ==, before.entries);
  lotline_audit_report_clear (&before);
  lotline_audit_report_clear (&after);
}

static void
test_altered_entry (void)
{
  g_autoptr(LotlineTestStore) ts = ledger_with_history ();
  LotlineAuditReport report;

  tamper (ts, "UPDATE audit SET new_value = replace (new_value, '5000', '500') WHERE id = 20");
  verify (ts, &report);
  g_assert_false (report.ok);
  g_assert_cmpint (report.first_bad_id, ==, 20);
  g_assert_nonnull (strstr (report.problem, "altered"));
  lotline_audit_report_clear (&report);
}

static void
test_altered_who (void)
{
  g_autoptr(LotlineTestStore) ts = ledger_with_history ();
  LotlineAuditReport report;

  tamper (ts, "UPDATE audit SET who = 'someone else' WHERE id = 3");
  verify (ts, &report);
  g_assert_false (report.ok);
  g_assert_cmpint (report.first_bad_id, ==, 3);
  lotline_audit_report_clear (&report);
}

static void
test_rehashed_entry (void)
{
  g_autoptr(LotlineTestStore) ts = ledger_with_history ();
  LotlineAuditReport report;

  /* A forger who replaces an entry's hash too breaks the next link. */
  tamper (ts, "UPDATE audit SET reason = 'x', hash = 'ffff' WHERE id = 7");
  verify (ts, &report);
  g_assert_false (report.ok);
  g_assert_cmpint (report.first_bad_id, ==, 7);
  lotline_audit_report_clear (&report);
}

static void
test_deleted_entry (void)
{
  g_autoptr(LotlineTestStore) ts = ledger_with_history ();
  LotlineAuditReport report;

  tamper (ts, "DELETE FROM audit WHERE id = 10");
  verify (ts, &report);
  g_assert_false (report.ok);
  g_assert_cmpint (report.first_bad_id, ==, 11);
  g_assert_nonnull (strstr (report.problem, "deleted"));
  lotline_audit_report_clear (&report);
}

static void
test_deleted_newest (void)
{
  g_autoptr(LotlineTestStore) ts = ledger_with_history ();
  LotlineAuditReport report;

  tamper (ts, "DELETE FROM audit WHERE id >= 19");
  verify (ts, &report);
  g_assert_false (report.ok);
  g_assert_cmpint (report.first_bad_id, ==, 19);
  g_assert_nonnull (strstr (report.problem, "newest"));
  lotline_audit_report_clear (&report);
}

static void
test_empty_log (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  LotlineAuditReport report;

  verify (ts, &report);
  g_assert_true (report.ok);
  g_assert_cmpint (report.entries, ==, 0);
  lotline_audit_report_clear (&report);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lotline/audit/every-write", test_every_write_audited);
  g_test_add_func ("/lotline/audit/status-change", test_status_change_keeps_old_and_new);
  g_test_add_func ("/lotline/audit/refused-write", test_refused_write_not_audited);
  g_test_add_func ("/lotline/audit/altered-entry", test_altered_entry);
  g_test_add_func ("/lotline/audit/altered-who", test_altered_who);
  g_test_add_func ("/lotline/audit/rehashed-entry", test_rehashed_entry);
  g_test_add_func ("/lotline/audit/deleted-entry", test_deleted_entry);
  g_test_add_func ("/lotline/audit/deleted-newest", test_deleted_newest);
  g_test_add_func ("/lotline/audit/empty-log", test_empty_log);
  return g_test_run ();
}
