/* fw-project-file.h — the .fairway project: the data's whereabouts, the recipe, the model
 *
 * A project is one JSON file (UTF-8):
 *   { "fairway_project": 1, "fairway_version": …, "saved": "2024-05-01T12:00:00Z",
 *     "data": { "path": ABSOLUTE, "relative": RELATIVE-TO-THE-PROJECT, "sha256": … },
 *     "recipe": { …as fw_recipe_to_json… }, "threshold_policy": "parity" | "tpr" | "manual" | null,
 *     "intended_use": …, "step": "data" | "clean" | … | "export",
 *     "model": { "encoding": "base64", "fwmodel": … } | null }
 * The trained model is embedded, as base64 of its .fwmodel bytes, rather than saved beside
 * the project: a project is then one file to copy or mail, and one atomic rename replaces
 * the model and the recipe that made it together, so a crash (or an autosave racing one)
 * can never leave a project whose model belongs to another recipe.  The price is a third
 * more bytes for the model, which is kilobytes to a few megabytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "fw-recipe.h"
#include "fw-trained-model.h"

G_BEGIN_DECLS

#define FW_PROJECT_FILE_ERROR (fw_project_file_error_quark ())

typedef enum {
  FW_PROJECT_FILE_ERROR_INVALID,        /* not a project, or a field is missing or ill-typed */
  FW_PROJECT_FILE_ERROR_NEWER,          /* written by a newer Fairway */
  FW_PROJECT_FILE_ERROR_DATA_MISSING,   /* the data file is neither where it was nor beside */
} FwProjectFileError;

#define FW_PROJECT_FILE_SCHEMA_VERSION 1
/* Projects are small (the table is not in them); this bounds what a load reads. */
#define FW_PROJECT_FILE_MAX_BYTES      ((gsize) 1 << 30)

typedef struct
{
  char     *data_path;          /* absolute; NULL for a project without data */
  char     *data_relative;      /* from the project's folder, as loaded; written by save */
  char     *data_sha256;
  FwRecipe *recipe;             /* never NULL */
  FwThresholdPolicy threshold_policy;  /* the trained model's; NONE: null in the file */
  char     *intended_use;       /* NULL when empty */
  char     *step;               /* the wizard step's name, or NULL */
  GBytes   *model;              /* the .fwmodel bytes, or NULL */
  gint64    saved;              /* Unix time, set by save */
  char     *fairway_version;    /* of the Fairway that saved it */
} FwProjectFile;

GQuark          fw_project_file_error_quark (void);

FwProjectFile  *fw_project_file_new         (void);
void            fw_project_file_free        (FwProjectFile *project);

/* Writes @project to @file atomically, recording the data's path relative to @file's
 * folder as well as its absolute one, and the time. */
gboolean        fw_project_file_save        (FwProjectFile  *project,
                                             GFile          *file,
                                             GError        **error);
FwProjectFile  *fw_project_file_load        (GFile          *file,
                                             GError        **error);

/* Where the data file is now: its absolute path if a file is there, else the same
 * relative path from @file's folder (the project and its data moved together), else a
 * file of the same name beside the project.  @moved says it was not at the absolute
 * path.  NULL and FW_PROJECT_FILE_ERROR_DATA_MISSING when none exists. */
GFile          *fw_project_file_locate_data (const FwProjectFile *project,
                                             GFile               *file,
                                             gboolean            *moved,
                                             GError             **error);

/* The model as .fwmodel bytes and back (through a temporary file: the model file API
 * speaks GFile). */
GBytes         *fw_project_file_pack_model   (const FwTrainedModel *trained,
                                              GError              **error);
FwTrainedModel *fw_project_file_unpack_model (GBytes               *bytes,
                                              GError              **error);

/* "a/b/c.csv" from folder "/x/y" → "../../a/b/c.csv" style: the path of @target as seen
 * from @folder (both absolute). */
char           *fw_project_file_relative_path (const char *folder,
                                               const char *target);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwProjectFile, fw_project_file_free)

G_END_DECLS
