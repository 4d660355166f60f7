/* fw-settings.h — the application's GSettings, where its schema is installed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* NULL when the schema is not installed (run from the build tree outside `meson devenv`):
 * callers work on, only forgetting what they would have remembered. */
GSettings *fw_settings_new                (void);
/* The folder file choosers start in ("last-folder"), or NULL. */
GFile     *fw_settings_get_last_folder    (GSettings *settings);
/* Remembers the folder of @file (a chosen file) or @file itself when @is_folder. */
void       fw_settings_remember_folder    (GSettings *settings,
                                           GFile     *file,
                                           gboolean   is_folder);

G_END_DECLS
