/* fw-cli-train-checkpoint.h — train --checkpoint and --resume (private to app/)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-training-run.h"

G_BEGIN_DECLS

/* Before the trainer starts: with @resume (may be NULL), carry on from that checkpoint
 * after checking it was made for the same features; with @checkpoint (may be NULL), write
 * the best model so far there as training goes (fw_trainer_set_checkpoint's rule, every
 * @seconds at most).  Says
 * on stderr where it resumes unless @json.  FALSE with @error for a checkpoint that cannot
 * be read or does not fit. */
gboolean    fw_cli_train_checkpoint    (FwTrainingRun  *run,
                                        const char     *checkpoint,
                                        double          seconds,
                                        const char     *resume,
                                        gboolean        json,
                                        GError        **error);

G_END_DECLS
