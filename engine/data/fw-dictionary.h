/* fw-dictionary.h — interned strings of a categorical column, code ↔ string
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The code stored for a missing cell in a categorical column. */
#define FW_CODE_MISSING G_MAXUINT32

typedef struct _FwDictionary FwDictionary;

FwDictionary *fw_dictionary_new         (void);
void          fw_dictionary_free        (FwDictionary *dict);

/* Returns the code of @str (@len bytes, need not be NUL-terminated), adding it when new.
 * Codes are dense, 0 … size-1, in order of first appearance. */
guint32       fw_dictionary_intern      (FwDictionary *dict,
                                         const char   *str,
                                         gsize         len);
/* FW_CODE_MISSING when @str is not in the dictionary. */
guint32       fw_dictionary_lookup      (const FwDictionary *dict,
                                         const char         *str);
const char   *fw_dictionary_get         (const FwDictionary *dict,
                                         guint32             code);
guint         fw_dictionary_size        (const FwDictionary *dict);
/* Bytes held by the strings and the index, for memory accounting. */
gsize         fw_dictionary_memory_size (const FwDictionary *dict);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwDictionary, fw_dictionary_free)

G_END_DECLS
