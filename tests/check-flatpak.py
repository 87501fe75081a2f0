#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks the Flatpak manifest offline (it cannot be built on these
# machines, TESTING.md pitfall 15): the modules the GNOME runtime lacks are
# there with pinned sources, Graphviz registers its plugins after install,
# lotline comes last, and finish-args grant no more than the app needs.
#
# Usage: check-flatpak.py MANIFEST

import json
import re
import sys

NEEDED = ['graphviz', 'zint', 'qrencode', 'lotline']
FORBIDDEN_ARGS = [
    re.compile(r'^--share=network$'),
    re.compile(r'^--filesystem=(host|host-os|host-etc|home)(:.*)?$'),
    re.compile(r'^--socket=(session-bus|system-bus|x11)$'),
    re.compile(r'^--device=all$'),
    re.compile(r'^--talk-name=org\.freedesktop\.Flatpak$'),
]

failures = []


def fail(message):
    failures.append(message)
    print('not ok:', message)


def check(condition, message):
    if condition:
        print('ok:', message)
    else:
        fail(message)


with open(sys.argv[1], encoding='utf-8') as f:
    manifest = json.load(f)

app_id = manifest.get('id') or manifest.get('app-id')
check(app_id == 'io.github.lotline.Lotline', 'the id is io.github.lotline.Lotline')
check(manifest.get('runtime') == 'org.gnome.Platform', 'the runtime is org.gnome.Platform')
check(manifest.get('sdk') == 'org.gnome.Sdk', 'the SDK is org.gnome.Sdk')
check(manifest.get('command') == 'lotline', 'the command is lotline')

modules = {}
order = []
for module in manifest.get('modules', []):
    if isinstance(module, dict):
        modules[module.get('name')] = module
        order.append(module.get('name'))

for name in NEEDED:
    check(name in modules, 'module %s is present' % name)
check(order and order[-1] == 'lotline', 'lotline is the last module')

for name in NEEDED:
    module = modules.get(name)
    if module is None:
        continue
    for source in module.get('sources', []):
        if source.get('type') in ('archive', 'file'):
            check(source.get('url', '').startswith('https://'),
                  '%s downloads %s over https' % (name, source.get('url')))
            check(re.fullmatch(r'[0-9a-f]{64}', source.get('sha256', '')) is not None,
                  '%s pins its %s by sha256' % (name, source.get('type')))

graphviz = modules.get('graphviz', {})
check(any(re.fullmatch(r'\s*dot\s+-c\s*', step) for step in graphviz.get('post-install', [])),
      'graphviz registers its plugins with "dot -c" after install')

finish_args = manifest.get('finish-args', [])
for arg in finish_args:
    for pattern in FORBIDDEN_ARGS:
        if pattern.match(arg):
            fail('finish-args grant %s, more than Lotline needs' % arg)
check('--socket=wayland' in finish_args, 'finish-args allow Wayland')
check('--socket=fallback-x11' in finish_args, 'finish-args fall back to X11')

sys.exit(1 if failures else 0)
