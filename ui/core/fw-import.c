/* fw-import.c — one CSV import running on a worker thread
 *
 * The worker never touches a widget: it publishes progress as the latest fraction under a
 * mutex and schedules at most one low-priority idle, which notifies :fraction on the main
 * thread.  However fast the importer reports, the main loop sees one update per iteration.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fw-import.h"
#include "fw-sample.h"

/* Reading takes most of the time; profiling (about 0.3 s for a million rows) the rest. */
#define READ_SHARE 0.9

struct _FwImport
{
  GObject  parent_instance;

  GFile   *file;
  guint64  sample_rows;         /* 0: import @file as it is */
  guint64  sample_seed;
  char    *encoding;            /* NULL: UTF-8 (or UTF-16, recognised) */
  double   fraction;            /* main thread only */
  /* Written by the worker before it returns FW_CSV_ERROR_NOT_UTF8, read after: the guess. */
  FwCsvReport failed_report;
  gboolean    has_failed_report;

  GMutex   lock;                /* guards the two fields below */
  double   pending_fraction;
  guint    idle_id;
};

typedef struct
{
  FwTable        *table;
  FwTableProfile *profile;
  FwCsvReport     report;
} ImportResult;

enum {
  PROP_0,
  PROP_FILE,
  PROP_FRACTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FwImport, fw_import, G_TYPE_OBJECT)

static void
import_result_free (gpointer data)
{
  ImportResult *result = data;

  g_clear_pointer (&result->table, fw_table_free);
  g_clear_pointer (&result->profile, fw_table_profile_free);
  g_free (result);
}

static gboolean
fw_import_publish (gpointer data)
{
  FwImport *self = data;
  double fraction;

  g_mutex_lock (&self->lock);
  fraction = self->pending_fraction;
  self->idle_id = 0;
  g_mutex_unlock (&self->lock);

  if (fraction != self->fraction)
    {
      self->fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }
  return G_SOURCE_REMOVE;
}

/* Runs on the worker thread. */
static void
fw_import_progress (double   fraction,
                    gpointer data)
{
  FwImport *self = data;

  g_mutex_lock (&self->lock);
  self->pending_fraction = CLAMP (fraction, 0.0, 1.0);
  if (self->idle_id == 0)
    self->idle_id = g_idle_add_full (G_PRIORITY_LOW, fw_import_publish,
                                     g_object_ref (self), g_object_unref);
  g_mutex_unlock (&self->lock);
}

/* Runs on the worker thread: reading, then profiling, as one bar. */
static void
fw_import_read_progress (double   fraction,
                         gpointer data)
{
  fw_import_progress (READ_SHARE * fraction, data);
}

static void
fw_import_profile_progress (double   fraction,
                            gpointer data)
{
  fw_import_progress (READ_SHARE + (1.0 - READ_SHARE) * fraction, data);
}

static gboolean
ensure_parent_directory (GFile         *file,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autoptr(GError) local_error = NULL;

  if (parent == NULL
      || g_file_make_directory_with_parents (parent, cancellable, &local_error)
      || g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static void
fw_import_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  FwImport *self = source_object;
  ImportResult *result = g_new0 (ImportResult, 1);
  GError *error = NULL;
  FwCsvOptions options;

  if (self->sample_rows > 0
      && (!ensure_parent_directory (self->file, cancellable, &error)
          || !fw_sample_write (self->file, self->sample_rows, self->sample_seed,
                               cancellable, &error)))
    {
      import_result_free (result);
      g_task_return_error (task, error);
      return;
    }

  fw_csv_options_init (&options);
  options.encoding = self->encoding;
  result->table = fw_csv_import_file (self->file, &options, &result->report,
                                      fw_import_read_progress, self, cancellable, &error);
  if (g_error_matches (error, FW_CSV_ERROR, FW_CSV_ERROR_NOT_UTF8))
    {
      self->failed_report = result->report;
      self->has_failed_report = TRUE;
    }
  /* Profiled here, off the main thread, so the Clean step opens at once. */
  if (result->table != NULL)
    result->profile = fw_table_profile_new (result->table, fw_import_profile_progress, self,
                                            cancellable, &error);
  if (result->table == NULL || result->profile == NULL)
    {
      import_result_free (result);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, result, import_result_free);
}

static void
fw_import_finalize (GObject *object)
{
  FwImport *self = FW_IMPORT (object);

  g_clear_object (&self->file);
  g_free (self->encoding);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (fw_import_parent_class)->finalize (object);
}

static void
fw_import_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  FwImport *self = FW_IMPORT (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fw_import_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  FwImport *self = FW_IMPORT (object);

  switch (prop_id)
    {
    case PROP_FILE:
      self->file = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fw_import_class_init (FwImportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fw_import_finalize;
  object_class->get_property = fw_import_get_property;
  object_class->set_property = fw_import_set_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL,
                         0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fw_import_init (FwImport *self)
{
  g_mutex_init (&self->lock);
}

FwImport *
fw_import_new (GFile *file)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return g_object_new (FW_TYPE_IMPORT, "file", file, NULL);
}

FwImport *
fw_import_new_sample (GFile   *file,
                      guint64  n_rows,
                      guint64  seed)
{
  FwImport *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (n_rows > 0, NULL);

  self = fw_import_new (file);
  self->sample_rows = n_rows;
  self->sample_seed = seed;
  return self;
}

GFile *
fw_import_get_file (FwImport *self)
{
  g_return_val_if_fail (FW_IS_IMPORT (self), NULL);
  return self->file;
}

gboolean
fw_import_is_sample (FwImport *self)
{
  g_return_val_if_fail (FW_IS_IMPORT (self), FALSE);
  return self->sample_rows > 0;
}

void
fw_import_set_encoding (FwImport   *self,
                        const char *encoding)
{
  g_return_if_fail (FW_IS_IMPORT (self));

  g_free (self->encoding);
  self->encoding = g_strdup (encoding);
}

const char *
fw_import_get_encoding (FwImport *self)
{
  g_return_val_if_fail (FW_IS_IMPORT (self), NULL);
  return self->encoding;
}

double
fw_import_get_fraction (FwImport *self)
{
  g_return_val_if_fail (FW_IS_IMPORT (self), 0.0);
  return self->fraction;
}

void
fw_import_run_async (FwImport            *self,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FW_IS_IMPORT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fw_import_run_async);
  g_task_run_in_thread (task, fw_import_thread);
}

FwTable *
fw_import_run_finish (FwImport        *self,
                      GAsyncResult    *result,
                      FwCsvReport     *report,
                      FwTableProfile **profile,
                      GError         **error)
{
  ImportResult *res;
  FwTable *table;

  g_return_val_if_fail (FW_IS_IMPORT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  res = g_task_propagate_pointer (G_TASK (result), error);
  if (res == NULL)
    {
      if (report != NULL && self->has_failed_report)
        *report = self->failed_report;
      return NULL;
    }
  if (report != NULL)
    *report = res->report;
  if (profile != NULL)
    *profile = g_steal_pointer (&res->profile);
  table = g_steal_pointer (&res->table);
  import_result_free (res);
  return table;
}
