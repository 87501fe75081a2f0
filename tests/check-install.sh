#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs the build tree into a temporary DESTDIR with `meson install` and
# checks that it gives a working application: both programs run, and the
# desktop file, metainfo, icons, settings schema, help pages and German
# catalogue land where GNOME looks for them.
#
# Usage: check-install.sh BUILD_DIR SOURCE_ROOT

set -u
build=$1
source=$2
app_id=io.github.lotline.Lotline
status=0

fail () {
  echo "not ok: $*"
  status=1
}

check_file () {
  if [ -s "$1" ]; then
    echo "ok: ${1#"$dest"}"
  else
    fail "${1#"$dest"} is missing"
  fi
}

dest=$(mktemp -d "${TMPDIR:-/tmp}/lotline-install-XXXXXX") || exit 1
trap 'rm -rf "$dest"' EXIT

if ! meson install -C "$build" --destdir "$dest" --no-rebuild --quiet >"$dest.log" 2>&1; then
  cat "$dest.log"
  rm -f "$dest.log"
  echo "meson install failed"
  exit 1
fi
rm -f "$dest.log"

# The prefix is wherever bin/lotline landed.
exe=$(find "$dest" -path '*/bin/lotline' -type f | head -n 1)
if [ -z "$exe" ]; then
  echo "bin/lotline was not installed"
  exit 1
fi
prefix=$(dirname "$(dirname "$exe")")
share=$prefix/share

# Programs.
for program in lotline lotline-cli; do
  if [ -x "$prefix/bin/$program" ]; then
    echo "ok: bin/$program"
  else
    fail "bin/$program is missing or not executable"
  fi
done
ld_path=$prefix/lib:$prefix/lib64:$(find "$prefix" -maxdepth 2 -type d -name '*-linux-gnu' | tr '\n' ':')
version=$(LD_LIBRARY_PATH=$ld_path "$prefix/bin/lotline-cli" --version 2>&1) ||
  fail "lotline-cli --version failed: $version"
case $version in
  *[0-9].[0-9]*) echo "ok: lotline-cli --version: $version" ;;
  *) fail "lotline-cli --version printed no version: $version" ;;
esac
help=$(LD_LIBRARY_PATH=$ld_path GSETTINGS_SCHEMA_DIR=$share/glib-2.0/schemas \
       "$prefix/bin/lotline" --help 2>&1) || fail "lotline --help failed: $help"
case $help in
  *--database*) echo "ok: lotline --help" ;;
  *) fail "lotline --help does not list --database: $help" ;;
esac

# Desktop file and metainfo.
desktop=$share/applications/$app_id.desktop
check_file "$desktop"
if [ -s "$desktop" ]; then
  if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$desktop" || fail "the installed desktop file is not valid"
  fi
  grep -q "^Exec=lotline" "$desktop" || fail "the desktop file does not run lotline"
  grep -q "^Icon=$app_id$" "$desktop" || fail "the desktop file's icon is not $app_id"
fi
metainfo=$share/metainfo/$app_id.metainfo.xml
check_file "$metainfo"
if [ -s "$metainfo" ]; then
  grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$metainfo" ||
    fail "the metainfo does not launch $app_id.desktop"
  grep -q '<summary xml:lang="de">' "$metainfo" || fail "the metainfo has no German summary"
  if command -v appstreamcli >/dev/null; then
    appstreamcli validate --no-net "$metainfo" >/dev/null || fail "the installed metainfo is not valid"
  fi
fi

# Icons.
check_file "$share/icons/hicolor/scalable/apps/$app_id.svg"
check_file "$share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"

# Settings schema: installed, and it compiles (post-install scripts do not
# run into a DESTDIR, so compile it here as the package manager would).
schemas=$share/glib-2.0/schemas
check_file "$schemas/$app_id.gschema.xml"
if [ -s "$schemas/$app_id.gschema.xml" ]; then
  if glib-compile-schemas --strict "$schemas"; then
    check_file "$schemas/gschemas.compiled"
  else
    fail "the installed schema does not compile"
  fi
fi

# Help: every page of help/C.
for page in "$source"/help/C/*.page; do
  check_file "$share/help/C/lotline/${page##*/}"
done

# The German help: every page, merged from help/de/de.po (the 'help-pages'
# test validates their structure in help/C).
for page in "$source"/help/C/*.page; do
  check_file "$share/help/de/lotline/${page##*/}"
done
if [ -s "$share/help/de/lotline/index.page" ]; then
  grep -q 'Lotline-Hilfe' "$share/help/de/lotline/index.page" ||
    fail "help/de/lotline/index.page is not in German"
fi

# The German catalogue.
mo=$share/locale/de/LC_MESSAGES/lotline.mo
check_file "$mo"
if [ -s "$mo" ]; then
  msgunfmt "$mo" | grep -q '^msgstr "Chargen"$' || fail "lotline.mo is not the German catalogue"
fi

exit $status
