/* fw-display-name.h — a file's name as a person reads it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* @file's base name ("loans.csv") in UTF-8, whatever the file system's encoding: for
 * labels, titles and messages. */
char *fw_display_name (GFile *file);

G_END_DECLS
