/* fw-cli-train-output.h — what fairway-cli train prints (private to app/)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fw-audit.h"
#include "fw-too-good.h"
#include "fw-trained-model.h"
#include "fw-trainer.h"

G_BEGIN_DECLS

/* JSON: one line per epoch.  People: the epoch's figures join the live progress line. */
void        fw_cli_train_print_epoch   (const FwTrainerEvent *event,
                                        char *const          *attributes,
                                        gboolean              json,
                                        GString              *status);
/* The done event (JSON) or the summary for people. */
void        fw_cli_train_print_done    (const FwTrainedModel *trained,
                                        const FwTrainerEvent *done,
                                        FwTrainer            *trainer,
                                        FwFairness *const    *fairness,
                                        guint                 n_fairness,
                                        char *const          *attributes,
                                        const FwAudit        *audit,
                                        const FwTooGood      *too_good,
                                        const char *const    *left_out,
                                        const char           *out,
                                        gboolean              json);

G_END_DECLS
