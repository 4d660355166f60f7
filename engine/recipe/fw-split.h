/* fw-split.h — rows dealt into training, validation and test parts, seeded and stratified
 *
 * The same rows, fractions and seed give the same parts on every platform: the shuffle
 * uses its own generator (xoshiro256**, seeded through SplitMix64) and integer arithmetic.
 * Part sizes are within one row of n × fraction.  Stratified, each class is dealt on its
 * own, so each part holds every class within one row of its share of the whole.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Train, validation, test: the order of FwPart in fw-dataset.h. */
#define FW_SPLIT_N_PARTS 3

typedef struct
{
  gsize *rows[FW_SPLIT_N_PARTS];  /* row numbers, ascending; NULL when the part is empty */
  gsize  n[FW_SPLIT_N_PARTS];
} FwSplit;

/* Deals @rows (@n_rows row numbers) into parts of @fractions (each in [0, 1], adding up to
 * 1).  @strata, when not NULL, gives each of @rows a class below @n_strata to stratify by. */
FwSplit *fw_split_new  (const gsize   *rows,
                        gsize          n_rows,
                        const guint32 *strata,
                        guint          n_strata,
                        const double   fractions[FW_SPLIT_N_PARTS],
                        guint64        seed);
void     fw_split_free (FwSplit *split);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwSplit, fw_split_free)

G_END_DECLS
