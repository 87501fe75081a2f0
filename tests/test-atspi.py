#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Drives the real Lotline program through AT-SPI, as a person with a
screen reader would: it finds widgets by their accessible role and name,
switches to the Lots page, types a lot code into the search entry and checks
that the table and the lot count follow, opens the lot with a double click,
returns with Escape, then quits with Ctrl+Q.

Usage: test-atspi.py LOTLINE LOTLINE-CLI

Run it under Xvfb with a session bus inside (tests/run-suite.sh does), with
the system Python, which has gi and Atspi (TESTING.md pitfalls 1 and 2).
It prints TAP and exits non-zero when the program or AT-SPI misbehaves; it
never skips.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

# libatspi warns when GTK 4.8 lacks its cache interface ("Error in
# GetItems"); that is no failure of this script, so GLib warnings must not
# abort it.  Set before GLib is loaded; Lotline itself keeps the suite's
# G_DEBUG (its own copy of the environment is made below).
SUITE_G_DEBUG = os.environ.pop("G_DEBUG", None)

import gi  # noqa: E402

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # noqa: E402

TODAY = "2026-11-21"
TIMEOUT = 30.0
# "2,680 lots" in the user's locale; the number and the noun are joined by a
# no-break space.
COUNT_RE = re.compile(r"^([\d,.\u202f\u00a0']+)\u00a0lots?$")

tests_run = 0


def ok(description):
    global tests_run
    tests_run += 1
    print(f"ok {tests_run} - {description}", flush=True)


def fail(description, why):
    global tests_run
    tests_run += 1
    print(f"not ok {tests_run} - {description}", flush=True)
    for line in str(why).splitlines():
        print(f"# {line}", flush=True)
    raise SystemExit(1)


def wait_for(what, probe, timeout=TIMEOUT):
    """Calls probe() until it returns something other than None or False."""
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        try:
            result = probe()
            if result not in (None, False):
                return result
        except GLib.Error as error:  # the tree changed under us
            last_error = error
        time.sleep(0.1)
    raise TimeoutError(f"waited {timeout:.0f} s for {what}" +
                       (f" (last AT-SPI error: {last_error})" if last_error else ""))


def walk(accessible, depth=0, max_depth=60):
    """Every descendant of accessible, depth first, in the widgets' order."""
    if accessible is None or depth > max_depth:
        return
    yield accessible
    for i in range(accessible.get_child_count()):
        yield from walk(accessible.get_child_at_index(i), depth + 1, max_depth)


def find(root, role, name=None, match=None):
    for acc in walk(root):
        if acc.get_role() != role:
            continue
        acc_name = acc.get_name() or ""
        if name is not None and acc_name != name:
            continue
        if match is not None and not match(acc_name):
            continue
        return acc
    return None


def find_app(pid):
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(i)
        if app is not None and app.get_process_id() == pid:
            return app
    return None


def click(accessible):
    """Activates a widget the way an assistive technology does."""
    if "Action" not in accessible.get_interfaces() or Atspi.Action.get_n_actions(accessible) == 0:
        raise AssertionError(f"{accessible.get_role_name()} “{accessible.get_name()}” has no action")
    Atspi.Action.do_action(accessible, 0)


def table_rows(table):
    """The rows of a GtkColumnView's list, as lists of their cells' texts."""
    listing = find(table, Atspi.Role.LIST)
    rows = []
    if listing is None:
        return rows
    for i in range(listing.get_child_count()):
        row = listing.get_child_at_index(i)
        if row is None or row.get_role() != Atspi.Role.TABLE_ROW:
            continue
        cells = []
        for j in range(row.get_child_count()):
            cell = row.get_child_at_index(j)
            label = find(cell, Atspi.Role.LABEL) if cell is not None else None
            cells.append(label.get_name() if label is not None else "")
        rows.append(cells)
    return rows


def is_sensitive(accessible):
    # GTK 4.8 sets SENSITIVE (not ENABLED) on widgets whose action is enabled.
    return accessible.get_state_set().contains(Atspi.StateType.SENSITIVE)


def count_of(label):
    match = COUNT_RE.match(label.get_name() or "")
    if match is None:
        return None
    return int(re.sub(r"\D", "", match.group(1)))


def point_at(accessible, button=None):
    """Moves the pointer to the middle of accessible, and clicks with
    button ("b1c") if given.  GTK 4.8 reports window coordinates only (and
    warns when asked for screen ones); without a window manager the window
    sits at the screen's origin."""
    extents = Atspi.Component.get_extents(accessible, Atspi.CoordType.WINDOW)
    x = extents.x + extents.width // 2
    y = extents.y + extents.height // 2
    Atspi.generate_mouse_event(x, y, "abs")
    if button is not None:
        Atspi.generate_mouse_event(x, y, button)
    return x, y


def type_text(entry, text, arrived):
    """Clicks into entry and types text with key events, as a person would;
    falls back to the EditableText interface only when the events have no
    effect.  GTK 4.8's Text interface reads "" for an entry (TESTING.md
    pitfall 6), so arrived() tells from the window whether the text got
    there.  Returns how it did."""
    try:
        point_at(entry, "b1c")
        time.sleep(0.5)
        Atspi.generate_keyboard_event(0, text, Atspi.KeySynthType.STRING)
        wait_for("the typed text to take effect", arrived, timeout=8)
        return "key events"
    except (TimeoutError, GLib.Error) as error:
        print(f"# key events had no effect ({error}); using EditableText", flush=True)
    if "EditableText" not in entry.get_interfaces():
        raise AssertionError("the search entry takes neither key events nor EditableText")
    Atspi.EditableText.set_text_contents(entry, text)
    wait_for("the text set through EditableText to take effect", arrived)
    return "EditableText"


def press_ctrl_q():
    """Ctrl+Q: the Control modifier is latched around a press of Q (the key
    synthesis types are not flags, so a held Control key cannot be
    expressed as PRESS | SYM)."""
    control_mask = 1 << 2   # ControlMask
    Atspi.generate_keyboard_event(control_mask, None, Atspi.KeySynthType.LOCKMODIFIERS)
    Atspi.generate_keyboard_event(ord("q"), None, Atspi.KeySynthType.SYM)
    Atspi.generate_keyboard_event(control_mask, None, Atspi.KeySynthType.UNLOCKMODIFIERS)


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    program, cli = sys.argv[1:3]
    scratch = tempfile.mkdtemp(prefix="lotline-atspi-")
    database = os.path.join(scratch, "demo.lotline")
    process = None
    print("1..10", flush=True)

    try:
        made = subprocess.run([cli, "--database", database, "demo", "--scale", "0.05",
                               "--seed", "7", "--today", TODAY],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if made.returncode != 0:
            fail("make a demo database", made.stderr)
        ok("make a demo database")

        # AT-SPI on: GTK_A11Y unset.  Our own data folder keeps the user's
        # recent databases and preferences out of it.
        env = dict(os.environ)
        env.pop("GTK_A11Y", None)
        if SUITE_G_DEBUG is not None:
            env["G_DEBUG"] = SUITE_G_DEBUG
        env["XDG_DATA_HOME"] = os.path.join(scratch, "data")
        env["LOTLINE_TODAY"] = TODAY
        env.setdefault("GSETTINGS_BACKEND", "memory")
        if not Atspi.is_initialized():
            Atspi.init()
        process = subprocess.Popen([program, "--database", database], env=env,
                                   stdout=subprocess.DEVNULL)

        try:
            app = wait_for("Lotline on the accessibility bus", lambda: find_app(process.pid))
            frame = wait_for("the window", lambda: find(app, Atspi.Role.FRAME, "demo.lotline — Lotline"))
        except TimeoutError as error:
            fail("the window is on the accessibility bus", f"{error}; program exit status {process.poll()}")
        ok("the window is on the accessibility bus")

        # The overview's first card, once the counts are in.
        try:
            card = wait_for("the overview's counts",
                            lambda: find(frame, Atspi.Role.PUSH_BUTTON,
                                         match=lambda n: re.match(r"^Lots on hand: \d", n) is not None))
        except TimeoutError as error:
            fail("the overview shows its counts", error)
        ok(f"the overview shows its counts ({card.get_name()})")

        # The Lots page, through the view switcher.
        try:
            tab = wait_for("the Lots tab", lambda: find(frame, Atspi.Role.PAGE_TAB, "Lots"))
            click(tab)
            table = wait_for("the lot table", lambda: find(frame, Atspi.Role.TREE_TABLE, "Lots"))
            count_label = wait_for("the lot count",
                                   lambda: find(frame, Atspi.Role.LABEL,
                                                match=lambda n: COUNT_RE.match(n) is not None))
            total = wait_for("a lot count", lambda: count_of(count_label))
            rows = wait_for("rows with lot codes", lambda: [r for r in table_rows(table) if r and r[0]][:3]
                            if len([r for r in table_rows(table) if r and r[0]]) >= 3 else None)
        except (TimeoutError, AssertionError) as error:
            fail("the Lots page lists lots", error)
        if total < 3:
            fail("the Lots page lists lots", f"only {total} lots")
        ok(f"the Lots page lists {total} lots, first {rows[0][0]}")

        # Type the third lot's code into the search entry: the list narrows
        # to that lot, so the count drops and the first row is it.
        code = rows[2][0]

        def narrowed():
            n = count_of(count_label)
            if n is None or n >= total:
                return None
            shown = [r for r in table_rows(table) if r and r[0]]
            return (n, shown) if shown and shown[0][0] == code else None

        try:
            entry = wait_for("the search entry", lambda: find(frame, Atspi.Role.ENTRY, "Search lots"))
            how = type_text(entry, code, narrowed)
        except (TimeoutError, AssertionError) as error:
            fail("type a lot code into the search entry", error)
        ok(f"type “{code}” into the search entry ({how})")

        try:
            found, first = wait_for("the narrowed table", narrowed)
        except TimeoutError as error:
            fail("the search narrows the table", f"{error}; count “{count_label.get_name()}”, "
                 f"rows {table_rows(table)[:3]}")
        ok(f"the search narrows the table to {found} lot(s), first {first[0][0]} ({first[0][1]})")

        # The table shows as many rows as the count says, each with the code.
        if found <= 20 and len(first) != found:
            fail("the table and the count agree", f"count {found}, rows {first}")
        if not all(any(code.lower() in cell.lower() for cell in row) for row in first):
            fail("every row shown matches the search", first)
        ok(f"the table and the count agree: {found} row(s), each with “{code}”")

        # A double click on the row opens the lot's page; Escape returns.
        try:
            listing = find(table, Atspi.Role.LIST)
            row = next(r for r in (listing.get_child_at_index(i) for i in range(listing.get_child_count()))
                       if r is not None and r.get_role() == Atspi.Role.TABLE_ROW
                       and (find(r, Atspi.Role.LABEL) or r).get_name() == code)
            back = wait_for("the Back button", lambda: find(frame, Atspi.Role.PUSH_BUTTON, "Back"))
            header = back.get_parent()
            while header is not None and find(header, Atspi.Role.LABEL) is None:
                header = header.get_parent()
            point_at(find(row, Atspi.Role.LABEL), "b1d")
            wait_for("the lot page", lambda: is_sensitive(back)
                     and find(header, Atspi.Role.LABEL, code) is not None)
        except (TimeoutError, StopIteration, AssertionError) as error:
            fail("a double click opens the lot", error)
        ok(f"a double click opens the page of {code}")

        try:
            Atspi.generate_keyboard_event(0xff1b, None, Atspi.KeySynthType.SYM)   # Escape
            wait_for("the list again", lambda: not is_sensitive(back))
            if count_of(count_label) != found:
                raise AssertionError(f"the search was lost: “{count_label.get_name()}”")
        except (TimeoutError, AssertionError) as error:
            fail("Escape returns to the list as it was", error)
        ok("Escape returns to the list, search kept")

        # Ctrl+Q quits.
        press_ctrl_q()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            fail("Ctrl+Q quits", "Lotline was still running 15 s after Ctrl+Q")
        if process.returncode != 0:
            fail("Ctrl+Q quits", f"exit status {process.returncode}")
        ok("Ctrl+Q quits")
        process = None
        return 0
    finally:
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
