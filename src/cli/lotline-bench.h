/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `lotline-cli bench`: generates demo databases and times traces on them.
 * @argv[0] is the name shown in --help; returns the exit status. */
int lotline_bench_main (int argc, char **argv);

G_END_DECLS
