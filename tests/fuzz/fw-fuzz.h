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
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

G_BEGIN_DECLS

int  LLVMFuzzerInitialize   (int      *argc,
                             char   ***argv);
int  LLVMFuzzerTestOneInput (const uint8_t *data,
                             size_t         size);

/* Prints why and aborts: libFuzzer records an input on SIGABRT, not on the SIGTRAP that
 * g_error and fatal criticals raise. */
#define fw_fuzz_fail(...) (g_printerr ("fuzz target: " __VA_ARGS__), g_printerr ("\n"), abort ())

static inline void
fw_fuzz_on_trap (int signal_number)
{
  abort ();
}

/* A critical or warning on any input is a bug (a broken precondition inside the
 * engine): make it fatal, and its trap an abort the fuzzer records. */
static inline void
fw_fuzz_make_warnings_fatal (void)
{
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  signal (SIGTRAP, fw_fuzz_on_trap);
}

/* Every refusal must say why. */
static inline void
fw_fuzz_check_error (const GError *error)
{
  if (error == NULL || error->message == NULL || error->message[0] == '\0')
    fw_fuzz_fail ("a refusal without an error message");
}

G_END_DECLS
