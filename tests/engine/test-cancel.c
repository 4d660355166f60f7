/* test-cancel.c — cancelling an import or a training anywhere leaves nothing broken
 *
 * 100 seeded random points each: an import cancelled through its GCancellable after a
 * random number of bytes must fail with G_IO_ERROR_CANCELLED; a training stopped before
 * start, after a random delay, after a random number of events or while paused must end
 * STOPPED with a model that predicts.  Afterwards a fresh import and a fresh training give
 * exactly what uncancelled ones gave.  Leaks are the ASan and valgrind runs' to catch.
 * Under valgrind (FAIRWAY_UNDER_VALGRIND=1, set by tools/valgrind.sh) 10 points each.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>
#include "fw-csv-import.h"
#include "fw-dataset.h"
#include "fw-sample.h"
#include "fw-trainer.h"

#define SEED 20240611

static guint
n_rounds (void)
{
  return g_getenv ("FAIRWAY_UNDER_VALGRIND") != NULL ? 10 : 100;
}

/* A stream that serves its bytes a piece at a time and cancels its cancellable once
 * cancel_at bytes have gone out, checking it before every read as a file stream does. */
#define FW_TYPE_TRICKLE_STREAM (fw_trickle_stream_get_type ())
G_DECLARE_FINAL_TYPE (FwTrickleStream, fw_trickle_stream, FW, TRICKLE_STREAM, GInputStream)

struct _FwTrickleStream
{
  GInputStream  parent_instance;
  GBytes       *bytes;
  gsize         served;
  gsize         piece;
  gsize         cancel_at;
  GCancellable *cancellable;
};

G_DEFINE_TYPE (FwTrickleStream, fw_trickle_stream, G_TYPE_INPUT_STREAM)

static gssize
fw_trickle_stream_read (GInputStream  *stream,
                        void          *buffer,
                        gsize          count,
                        GCancellable  *cancellable,
                        GError       **error)
{
  FwTrickleStream *self = FW_TRICKLE_STREAM (stream);
  gsize size, n;
  const guint8 *data = g_bytes_get_data (self->bytes, &size);

  if (self->served >= self->cancel_at)
    g_cancellable_cancel (self->cancellable);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;
  n = MIN (MIN (count, self->piece), size - self->served);
  memcpy (buffer, data + self->served, n);
  self->served += n;
  return (gssize) n;
}

static gboolean
fw_trickle_stream_close (GInputStream  *stream,
                         GCancellable  *cancellable,
                         GError       **error)
{
  return TRUE;
}

static void
fw_trickle_stream_finalize (GObject *object)
{
  FwTrickleStream *self = FW_TRICKLE_STREAM (object);

  g_bytes_unref (self->bytes);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (fw_trickle_stream_parent_class)->finalize (object);
}

static void
fw_trickle_stream_class_init (FwTrickleStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fw_trickle_stream_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = fw_trickle_stream_read;
  G_INPUT_STREAM_CLASS (klass)->close_fn = fw_trickle_stream_close;
}

static void
fw_trickle_stream_init (FwTrickleStream *self)
{
}

static GInputStream *
trickle_new (GBytes       *bytes,
             gsize         piece,
             gsize         cancel_at,
             GCancellable *cancellable)
{
  FwTrickleStream *self = g_object_new (FW_TYPE_TRICKLE_STREAM, NULL);

  self->bytes = g_bytes_ref (bytes);
  self->piece = piece;
  self->cancel_at = cancel_at;
  self->cancellable = g_object_ref (cancellable);
  return G_INPUT_STREAM (self);
}

/* Imports @bytes through a trickle stream; G_MAXSIZE for @cancel_at never cancels. */
static FwTable *
import (GBytes  *bytes,
        gsize    piece,
        gsize    cancel_at,
        GError **error)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GInputStream) stream = trickle_new (bytes, piece, cancel_at, cancellable);

  return fw_csv_import_stream (stream, (goffset) g_bytes_get_size (bytes), NULL, NULL,
                               NULL, NULL, cancellable, error);
}

static void
assert_tables_equal (const FwTable *a,
                     const FwTable *b)
{
  g_assert_cmpuint (fw_table_n_rows (a), ==, fw_table_n_rows (b));
  g_assert_cmpuint (fw_table_n_columns (a), ==, fw_table_n_columns (b));
  for (guint c = 0; c < fw_table_n_columns (a); c++)
    {
      const FwColumn *x = fw_table_column (a, c), *y = fw_table_column (b, c);

      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpint (x->kind, ==, y->kind);
      g_assert_cmpint (x->storage, ==, y->storage);
      g_assert_cmpuint (x->n_missing, ==, y->n_missing);
      if (x->storage == FW_STORAGE_CODES)
        for (gsize r = 0; r < x->n_rows; r++)
          g_assert_cmpstr (fw_column_get_string (x, r), ==, fw_column_get_string (y, r));
      else
        g_assert_cmpmem (x->data.raw, x->n_rows * (x->storage == FW_STORAGE_FLOAT32 ? 4 : 8),
                         y->data.raw, y->n_rows * (y->storage == FW_STORAGE_FLOAT32 ? 4 : 8));
    }
}

static void
test_import (void)
{
  /* A bit over 1 MiB: two of the importer's read chunks, so cancels land in both. */
  g_autoptr(GBytes) bytes = fw_sample_generate (10000, 11);
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autoptr(FwTable) reference = NULL, fresh = NULL;
  g_autoptr(GError) error = NULL;
  gsize size = g_bytes_get_size (bytes);

  g_assert_cmpuint (size, >, 1024 * 1024);
  reference = import (bytes, 4096, G_MAXSIZE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fw_table_n_rows (reference), ==, 10000);

  for (guint round = 0; round < n_rounds (); round++)
    {
      /* Round 0 cancels before the first byte; pieces vary so reads end anywhere. */
      gsize cancel_at = round == 0 ? 0 : (gsize) g_rand_int_range (rand, 0, (gint32) size);
      gsize piece = (gsize) g_rand_int_range (rand, 1, 64 * 1024);
      g_autoptr(FwTable) table = import (bytes, piece, cancel_at, &error);

      g_assert_null (table);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
    }

  fresh = import (bytes, 4096, G_MAXSIZE, &error);
  g_assert_no_error (error);
  assert_tables_equal (fresh, reference);
}

typedef enum {
  STOP_BEFORE_START,
  STOP_AFTER_DELAY,
  STOP_AFTER_EVENTS,
  STOP_WHILE_PAUSED,
  N_STOP_MODES,
} StopMode;

static FwDataset *
small_dataset (FwTable **table)
{
  g_autoptr(GBytes) bytes = fw_sample_generate (600, 3);
  g_autoptr(FwTableProfile) profile = NULL;
  g_autoptr(FwRecipe) recipe = NULL;
  g_autoptr(GError) error = NULL;
  FwDataset *dataset;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  *table = fw_csv_import_data (data, (gssize) size, NULL, NULL, &error);
  g_assert_no_error (error);
  profile = fw_table_profile_new (*table, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  recipe = fw_recipe_new_suggested (*table, profile, "approved", &error);
  g_assert_no_error (error);
  g_ptr_array_add (recipe->sensitive, g_strdup ("sex"));
  dataset = fw_dataset_prepare (*table, recipe, NULL, &error);
  g_assert_no_error (error);
  return dataset;
}

static FwModelSpec
spec_for (FwModelKind kind,
          guint       epochs)
{
  g_autoptr(FwRecipe) defaults = fw_recipe_new ();
  FwModelSpec spec = defaults->model;

  spec.device = NULL;
  spec.kind = kind;
  spec.epochs = epochs;
  spec.batch_size = 32;
  spec.patience = 0;            /* no early stop: only the test ends a run */
  /* The optimiser, whose epochs never end by themselves: an exact fit converges. */
  spec.solver = FW_SOLVER_MINIBATCH;
  if (kind == FW_MODEL_MLP)
    {
      spec.hidden[0] = 8;
      spec.n_hidden = 1;
    }
  return spec;
}

/* Drains events until DONE; returns its outcome.  @stop_after: stop once that many
 * events have arrived (-1: never). */
static FwTrainerOutcome
run_to_done (FwTrainer *trainer,
             gint       stop_after)
{
  FwTrainerOutcome outcome;
  FwTrainerEvent *event;
  gint seen = 0;

  while ((event = fw_trainer_wait_event (trainer, G_MAXUINT64))->kind != FW_TRAINER_EVENT_DONE)
    {
      if (++seen == stop_after)
        fw_trainer_stop (trainer);
      fw_trainer_event_free (event);
    }
  outcome = event->outcome;
  g_assert_no_error (event->error);
  fw_trainer_event_free (event);
  fw_trainer_join (trainer);
  g_assert_null (fw_trainer_pop_event (trainer));
  return outcome;
}

/* Test-part predictions: probabilities in [0, 1] summing to 1 per row. */
static float *
predict_test_part (FwTrainer       *trainer,
                   const FwDataset *dataset)
{
  FwModel *model = fw_trainer_get_model (trainer);
  const FwDataPart *test = &dataset->parts[FW_PART_TEST];
  guint k;
  float *out;

  g_assert_nonnull (model);
  k = fw_model_n_predictions (model);
  g_assert_cmpuint (k, ==, 2);
  out = g_new (float, test->n * k);
  fw_model_predict (model, test->x, test->n, out);
  for (gsize i = 0; i < test->n; i++)
    {
      g_assert_true (out[i * k] >= 0 && out[i * k] <= 1);
      g_assert_cmpfloat_with_epsilon (out[i * k] + out[i * k + 1], 1, 1e-5);
    }
  return out;
}

static float *
train_uncancelled (const FwDataset *dataset,
                   FwModelKind      kind)
{
  FwModelSpec spec = spec_for (kind, 3);
  g_autoptr(FwTrainer) trainer = NULL;
  g_autoptr(GError) error = NULL;

  trainer = fw_trainer_new (dataset, &spec, SEED, &error);
  g_assert_no_error (error);
  fw_trainer_start (trainer);
  g_assert_cmpint (run_to_done (trainer, -1), ==, FW_TRAINER_COMPLETED);
  return predict_test_part (trainer, dataset);
}

static void
test_training (void)
{
  g_autoptr(FwTable) table = NULL;
  g_autoptr(FwDataset) dataset = small_dataset (&table);
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autofree float *logistic = train_uncancelled (dataset, FW_MODEL_LOGISTIC);
  g_autofree float *mlp = train_uncancelled (dataset, FW_MODEL_MLP);
  gsize bytes = dataset->parts[FW_PART_TEST].n * 2 * sizeof (float);
  guint per_mode[N_STOP_MODES] = { 0 };

  for (guint round = 0; round < n_rounds (); round++)
    {
      /* So many epochs that only a stop can end the run. */
      FwModelSpec spec = spec_for (round % 2 ? FW_MODEL_MLP : FW_MODEL_LOGISTIC, 1000000);
      StopMode mode = round < N_STOP_MODES ? (StopMode) round
                                            : (StopMode) g_rand_int_range (rand, 0, N_STOP_MODES);
      g_autoptr(FwTrainer) trainer = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree float *predictions = NULL;
      gint stop_after = -1;

      trainer = fw_trainer_new (dataset, &spec, SEED + round, &error);
      g_assert_no_error (error);
      switch (mode)
        {
        case STOP_BEFORE_START:
          fw_trainer_stop (trainer);
          fw_trainer_start (trainer);
          break;
        case STOP_AFTER_DELAY:
          fw_trainer_start (trainer);
          g_usleep (g_rand_int_range (rand, 0, 5000));
          fw_trainer_stop (trainer);
          break;
        case STOP_AFTER_EVENTS:
          stop_after = g_rand_int_range (rand, 1, 30);
          fw_trainer_start (trainer);
          break;
        case STOP_WHILE_PAUSED:
          fw_trainer_start (trainer);
          g_usleep (g_rand_int_range (rand, 0, 5000));
          fw_trainer_pause (trainer);
          g_usleep (g_rand_int_range (rand, 0, 1000));
          fw_trainer_stop (trainer);
          break;
        default:
          g_assert_not_reached ();
        }
      g_assert_cmpint (run_to_done (trainer, stop_after), ==, FW_TRAINER_STOPPED);
      g_assert_nonnull (fw_trainer_get_classification (trainer));
      predictions = predict_test_part (trainer, dataset);
      per_mode[mode]++;
    }
  for (guint mode = 0; mode < N_STOP_MODES; mode++)
    g_assert_cmpuint (per_mode[mode], >, 0);

  /* A fresh run after all those stops learns exactly what the first one did. */
  {
    g_autofree float *logistic_again = train_uncancelled (dataset, FW_MODEL_LOGISTIC);
    g_autofree float *mlp_again = train_uncancelled (dataset, FW_MODEL_MLP);

    g_assert_cmpmem (logistic_again, bytes, logistic, bytes);
    g_assert_cmpmem (mlp_again, bytes, mlp, bytes);
  }
}

/* An exact fit answers Stop as the optimiser does: stopped before its first Newton step it
 * says so and keeps a usable model; left alone it converges, every step an epoch event with
 * a training loss no higher than the last, and the same answer each time. */
static void
test_exact_fit (void)
{
  g_autoptr(FwTable) table = NULL;
  g_autoptr(FwDataset) dataset = small_dataset (&table);
  FwModelSpec spec = spec_for (FW_MODEL_LOGISTIC, 20);
  g_autoptr(FwTrainer) stopped = NULL, whole = NULL;
  g_autofree float *first = NULL, *again = NULL;
  gsize bytes = dataset->parts[FW_PART_TEST].n * 2 * sizeof (float);
  FwTrainerEvent *event;
  double last_loss = INFINITY;
  guint epochs = 0;

  spec.solver = FW_SOLVER_EXACT;
  stopped = fw_trainer_new (dataset, &spec, SEED, NULL);
  g_assert_nonnull (stopped);
  fw_trainer_stop (stopped);
  fw_trainer_start (stopped);
  g_assert_cmpint (run_to_done (stopped, -1), ==, FW_TRAINER_STOPPED);
  g_assert_nonnull (fw_trainer_get_classification (stopped));
  g_free (predict_test_part (stopped, dataset));

  whole = fw_trainer_new (dataset, &spec, SEED, NULL);
  g_assert_true (fw_model_is_exact (fw_trainer_get_model (whole)));
  fw_trainer_start (whole);
  while ((event = fw_trainer_wait_event (whole, G_MAXUINT64))->kind != FW_TRAINER_EVENT_DONE)
    {
      if (event->kind == FW_TRAINER_EVENT_EPOCH)
        {
          g_assert_cmpfloat (event->train_loss, <=, last_loss + 1e-12);
          g_assert_true (event->best);
          last_loss = event->train_loss;
          epochs++;
        }
      fw_trainer_event_free (event);
    }
  g_assert_cmpint (event->outcome, ==, FW_TRAINER_COMPLETED);
  g_assert_cmpuint (event->best_epoch, ==, epochs);
  fw_trainer_event_free (event);
  fw_trainer_join (whole);
  g_assert_cmpuint (epochs, >=, 2);
  g_assert_cmpuint (epochs, <, FW_GLM_MAX_ITERATIONS);
  g_assert_true (fw_model_has_converged (fw_trainer_get_model (whole)));
  first = predict_test_part (whole, dataset);
  g_clear_pointer (&whole, fw_trainer_free);
  whole = fw_trainer_new (dataset, &spec, SEED + 1, NULL);
  fw_trainer_start (whole);
  g_assert_cmpint (run_to_done (whole, -1), ==, FW_TRAINER_COMPLETED);
  again = predict_test_part (whole, dataset);
  /* No seed in Newton's method: another seed, the same model. */
  g_assert_cmpmem (again, bytes, first, bytes);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/cancel/import", test_import);
  g_test_add_func ("/engine/cancel/training", test_training);
  g_test_add_func ("/engine/cancel/exact-fit", test_exact_fit);

  return g_test_run ();
}
