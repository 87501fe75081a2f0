#!/bin/bash
# Runs every meson test under Xvfb with its own session bus, then prints the
# closing line CI reads: "N passed, N failed, N skipped".
set -uo pipefail
build=${1:-build}

export XDG_RUNTIME_DIR
XDG_RUNTIME_DIR=$(mktemp -d)
chmod 700 "$XDG_RUNTIME_DIR"
trap 'rm -rf "$XDG_RUNTIME_DIR"' EXIT

# Xvfb outside, session bus inside: bus-activated AT-SPI services then
# inherit DISPLAY.
# -noreset: an X server resets when its last client leaves, and a test
# started at that moment (the AT-SPI test runs alone, after all others have
# ended) cannot open the display.
# LOTLINE_XVFB_SERVERNUM sets the first display number tried, so several
# suites can run side by side on one machine.
rc=0
xvfb-run -a -n "${LOTLINE_XVFB_SERVERNUM:-99}" -s '-screen 0 1280x800x24 -noreset' dbus-run-session -- \
  meson test -C "$build" --print-errorlogs --num-processes 2 || rc=$?

log="$build/meson-logs/testlog.json"
passed=$(grep -cE '"result": "(OK|EXPECTEDFAIL)"' "$log" 2>/dev/null || true)
skipped=$(grep -cE '"result": "SKIP"' "$log" 2>/dev/null || true)
total=$(grep -c '"result": ' "$log" 2>/dev/null || true)
failed=$(( ${total:-0} - ${passed:-0} - ${skipped:-0} ))
if [ "${total:-0}" -eq 0 ]; then
  echo "no test ran" >&2
  rc=1
fi
echo "${passed:-0} passed, ${failed} failed, ${skipped:-0} skipped"
exit $rc
