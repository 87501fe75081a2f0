#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks the layering of DESIGN.md §2 where meson include paths cannot:
# sqlite3.h sits in a system include directory, and core's private header
# shares a directory with its public ones.  Fails when
#   - src/views, src/controllers, src/render or src/layout include sqlite3.h
#     or lotline-store-private.h;
#   - anything outside src/layout includes a Graphviz header;
#   - src/core or src/render include a GTK, GDK, GSK or libadwaita header.
#
# Usage: check-layering.sh [SOURCE_ROOT]
#        check-layering.sh --self-test   (proves that every rule fires)

set -u

include_re() {
  # An #include of a header whose path matches the ERE in $1.
  printf '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]%s[>"]' "$1"
}

SQLITE_RE=$(include_re '([^>"]*/)?(sqlite3\.h|lotline-store-private\.h)')
GRAPHVIZ_RE=$(include_re '(graphviz/[^>"]*|gvc\.h|cgraph\.h|cdt\.h|pathplan\.h|xdot\.h|gvpr\.h|gvc[a-z]*\.h|gvplugin[a-z_]*\.h|gvlayout\.h|gvrender\.h|gvconfig\.h)')
GTK_RE=$(include_re '((gtk|gdk|gsk)/[^>"]*|adwaita\.h|adw-[^>"]*\.h)')

# find_includes RE PATH... : prints "file:line: text" for each match in C
# sources and headers under the existing PATHs.
find_includes() {
  re=$1
  shift
  for path in "$@"; do
    [ -e "$path" ] || continue
    grep -rnE --include='*.c' --include='*.h' "$re" "$path"
  done
}

check() {
  root=$1
  status=0
  src=$root/src

  hits=$(find_includes "$SQLITE_RE" "$src/views" "$src/controllers" "$src/render" "$src/layout")
  if [ -n "$hits" ]; then
    echo "Only src/core may include sqlite3.h or lotline-store-private.h; the layers above call the store's public API:"
    echo "$hits" | sed 's/^/  /'
    status=1
  fi

  hits=$(find_includes "$GRAPHVIZ_RE" "$src" "$root/tests" | grep -v "^$src/layout/")
  if [ -n "$hits" ]; then
    echo "Only src/layout may include Graphviz headers (PLATFORM-NOTES 4.2, pitfall 8):"
    echo "$hits" | sed 's/^/  /'
    status=1
  fi

  hits=$(find_includes "$GTK_RE" "$src/core" "$src/render")
  if [ -n "$hits" ]; then
    echo "src/core and src/render must build without GTK or libadwaita:"
    echo "$hits" | sed 's/^/  /'
    status=1
  fi

  if [ ! -d "$src/core" ]; then
    echo "No src/core under $root: wrong source root?"
    status=1
  fi

  return $status
}

self_test() {
  tmp=$(mktemp -d) || exit 1
  trap 'rm -rf "$tmp"' EXIT
  failures=0

  # expect NAME EXPECTED-STATUS FILE LINE
  expect() {
    tree=$tmp/$1
    mkdir -p "$tree/src/core" "$tree/src/views" "$tree/src/layout"
    printf '#include <glib.h>\n#include "lotline-store.h"\n' > "$tree/src/core/ok.c"
    printf '#include <sqlite3.h>\n#include "lotline-store-private.h"\n' > "$tree/src/core/store.c"
    printf '#include <gvc.h>\n' > "$tree/src/layout/layout.c"
    if [ -n "$3" ]; then
      mkdir -p "$(dirname "$tree/$3")"
      printf '%s\n' "$4" > "$tree/$3"
    fi
    check "$tree" > "$tmp/$1.log"
    got=$?
    if [ "$got" -ne "$2" ]; then
      echo "self-test $1: expected status $2, got $got"
      sed 's/^/  /' "$tmp/$1.log"
      failures=$((failures + 1))
    fi
  }

  expect clean 0 "" ""
  expect views-sqlite 1 src/views/a.c '#include <sqlite3.h>'
  expect controllers-private 1 src/controllers/a.c '#include "lotline-store-private.h"'
  expect render-sqlite 1 src/render/a.h '  #  include "sqlite3.h"'
  expect layout-private 1 src/layout/a.c '#include "../core/lotline-store-private.h"'
  expect views-graphviz 1 src/views/a.c '#include <graphviz/gvc.h>'
  expect core-cgraph 1 src/core/a.c '#include <cgraph.h>'
  expect tests-gvc 1 tests/test-a.c '#include <gvc.h>'
  expect core-gtk 1 src/core/a.c '#include <gtk/gtk.h>'
  expect render-adw 1 src/render/a.c '#include <adwaita.h>'
  expect render-gdk 1 src/render/a.c '#include <gdk/gdk.h>'
  expect render-pixbuf 0 src/render/a.c '#include <gdk-pixbuf/gdk-pixbuf.h>'
  expect views-gtk 0 src/views/a.c '#include <gtk/gtk.h>'
  expect comment 0 src/views/a.c '/* #include <sqlite3.h> is not allowed here */'
  expect sys-types 0 src/core/a.c '#include <sys/types.h>'

  if [ "$failures" -ne 0 ]; then
    echo "$failures self-test case(s) failed"
    exit 1
  fi
  echo "all self-test cases passed"
  exit 0
}

if [ "${1:-}" = "--self-test" ]; then
  self_test
fi

root=${1:-$(dirname "$0")/..}
if check "$root"; then
  echo "layering: OK"
  exit 0
fi
exit 1
