/* fw-recent.h — the data files and projects Fairway opened lately (GtkRecentManager)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* How many the Data page's empty state lists. */
#define FW_RECENT_MAX_SHOWN 5

/* Records @file as opened by Fairway (a .csv/.tsv/.txt table or a .fairway project). */
void       fw_recent_add        (GFile *file);
/* Up to @max files Fairway opened that still exist, newest first: GFile*, owned. */
GPtrArray *fw_recent_list       (guint  max);
gboolean   fw_recent_is_project (GFile *file);

G_END_DECLS
