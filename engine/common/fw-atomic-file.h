/* fw-atomic-file.h — files that appear whole or not at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _FwAtomicFile FwAtomicFile;

/* Opens a temporary file beside @file; nothing is visible at @file until commit. */
FwAtomicFile  *fw_atomic_file_new    (GFile         *file,
                                      GCancellable  *cancellable,
                                      GError       **error);
/* Buffered; errors (disk full, …) surface here or at commit. */
gboolean       fw_atomic_file_write  (FwAtomicFile  *self,
                                      const void    *data,
                                      gsize          length,
                                      GError       **error);
gboolean       fw_atomic_file_printf (FwAtomicFile  *self,
                                      GError       **error,
                                      const char    *format,
                                      ...) G_GNUC_PRINTF (3, 4);
/* Flushes, syncs and renames into place.  On failure the temporary file is removed. */
gboolean       fw_atomic_file_commit (FwAtomicFile  *self,
                                      GError       **error);
/* Removes the temporary file (if not committed) and frees. */
void           fw_atomic_file_free   (FwAtomicFile  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwAtomicFile, fw_atomic_file_free)

G_END_DECLS
