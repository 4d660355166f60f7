/* fw-fuzz.h — what every fuzz target shares
 *
 * A target is one LLVMFuzzerTestOneInput per file.  Built with clang and libFuzzer
 * (tools/fuzz.sh) it explores; built with the project's compiler and fuzz-replay.c it
 * replays the saved crashes of tests/fuzz/regressions/<target>/ on every test run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

G_BEGIN_DECLS

int  LLVMFuzzerInitialize   (int      *argc,
                             char   ***argv);
int  LLVMFuzzerTestOneInput (const uint8_t *data,
                             size_t         size);

/* A critical or warning on any input is a bug (a broken precondition inside the
 * engine): make it abort so the fuzzer records the input. */
static inline void
fw_fuzz_make_warnings_fatal (void)
{
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
}

/* Aborts (a crash the fuzzer records) when @error is unset or has no message: every
 * refusal must say why. */
static inline void
fw_fuzz_check_error (const GError *error)
{
  if (error == NULL || error->message == NULL || error->message[0] == '\0')
    g_error ("a refusal without an error message");
}

G_END_DECLS
