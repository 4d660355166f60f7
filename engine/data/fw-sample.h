/* fw-sample.h — the bundled demo data: synthetic loan applications
 *
 * 21 columns, applicant_id first and the target approved (yes/no) last; see fw-sample.c
 * for each column.  The data carries a deliberate, documented bias for the fairness steps to
 * find: applicants with sex = female get 0.75 subtracted from the logit of approval, which
 * no other feature explains — about 50% of women are approved against 63% of men.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define FW_SAMPLE_DEFAULT_ROWS 5000
#define FW_SAMPLE_DEFAULT_SEED 42
#define FW_SAMPLE_MAX_ROWS     100000000

/* Writes the sample as CSV to @file atomically (a temporary file renamed into place).
 * Deterministic for a given (@n_rows, @seed) on every platform. */
gboolean fw_sample_write (GFile         *file,
                          guint64        n_rows,
                          guint64        seed,
                          GCancellable  *cancellable,
                          GError       **error);

/* The same rows into a memory buffer, for tests. */
GBytes  *fw_sample_generate (guint64 n_rows,
                             guint64 seed);

G_END_DECLS
