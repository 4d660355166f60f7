/* fw-model-file.h — the .fwmodel container: a JSON header and named float arrays
 *
 * Layout, all integers little-endian:
 *   "FWMODEL\0"  u32 version  u32 header_bytes  header (UTF-8 JSON object)
 *   u32 n_arrays, then per array: u32 name_bytes  name  u64 n_floats  n_floats × f32
 *   32 bytes: SHA-256 of everything before them
 * The loader checks the magic, the version, every length against what is left of the
 * file and the checksum before it returns anything; it never executes anything.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define FW_MODEL_FILE_ERROR (fw_model_file_error_quark ())

typedef enum {
  FW_MODEL_FILE_ERROR_NOT_A_MODEL,      /* wrong magic */
  FW_MODEL_FILE_ERROR_NEWER_VERSION,    /* written by a newer Fairway */
  FW_MODEL_FILE_ERROR_TRUNCATED,
  FW_MODEL_FILE_ERROR_CORRUPT,          /* checksum, lengths or header do not hold */
  FW_MODEL_FILE_ERROR_TOO_LARGE,
} FwModelFileError;

#define FW_MODEL_FILE_VERSION          1
#define FW_MODEL_FILE_MAX_BYTES        ((goffset) 2 << 30)
#define FW_MODEL_FILE_MAX_HEADER_BYTES (64u << 20)
#define FW_MODEL_FILE_MAX_ARRAYS       4096
#define FW_MODEL_FILE_MAX_NAME_BYTES   256

typedef struct
{
  char  *name;
  float *data;
  gsize  n;
} FwModelArray;

typedef struct
{
  JsonObject *header;
  GPtrArray  *arrays;           /* FwModelArray*, owned */
} FwModelFile;

GQuark              fw_model_file_error_quark (void);

/* Writes atomically: the file appears whole or not at all. */
gboolean            fw_model_file_save        (GFile              *file,
                                               JsonObject         *header,
                                               const FwModelArray *arrays,
                                               guint               n_arrays,
                                               GCancellable       *cancellable,
                                               GError            **error);
FwModelFile        *fw_model_file_load        (GFile              *file,
                                               GCancellable       *cancellable,
                                               GError            **error);
/* The same checks on bytes already in memory (fuzzing, tests). */
FwModelFile        *fw_model_file_parse       (const guint8       *data,
                                               gsize               length,
                                               GError            **error);
const FwModelArray *fw_model_file_get_array   (const FwModelFile  *model,
                                               const char         *name);
void                fw_model_file_free        (FwModelFile        *model);

/* The SHA-256 of a whole file, in lowercase hex: the data fingerprint models record. */
char               *fw_file_sha256            (GFile              *file,
                                               GCancellable       *cancellable,
                                               GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwModelFile, fw_model_file_free)

G_END_DECLS
