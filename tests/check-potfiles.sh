#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when po/POTFILES.in lists a file that does not exist, or misses a
# source file with translatable strings: a C file calling _(), N_(), C_(),
# NC_() or g_dngettext(), a .ui file with translatable="yes", or a data file
# merged through gettext (*.desktop.in, *.metainfo.xml.in, *.gschema.xml).
#
# Usage: check-potfiles.sh [SOURCE_ROOT]

set -u
root=${1:-$(dirname "$0")/..}
potfiles=$root/po/POTFILES.in
status=0

if [ ! -f "$potfiles" ]; then
  echo "$potfiles is missing"
  exit 1
fi

listed=$(sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$potfiles" | sort -u)

for file in $listed; do
  if [ ! -f "$root/$file" ]; then
    echo "POTFILES.in lists $file, which does not exist"
    status=1
  fi
done

needed=$(
  cd "$root" || exit 1
  {
    grep -rlE --include='*.c' '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|g_dngettext|g_dpgettext2)[[:space:]]*\(' src
    grep -rl --include='*.ui' 'translatable="yes"' src
    ls data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml 2>/dev/null
  } | sort -u
)

for file in $needed; do
  if ! printf '%s\n' "$listed" | grep -qxF "$file"; then
    echo "$file has translatable strings but is not in po/POTFILES.in"
    status=1
  fi
done

[ $status -eq 0 ] && echo "POTFILES.in: OK"
exit $status
