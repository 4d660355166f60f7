/* fw-project-snapshot.c — what a project writes: the whole of it for a save or an
 * autosave, and the part a training's checkpoints add their model to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fw-model-file.h"
#include "fw-project.h"
#include "fw-project-private.h"

FwProjectFile *
fw_project_snapshot (FwProject  *self,
                     GError    **error)
{
  g_autoptr(FwProjectFile) project = fw_project_file_new ();
  FwTrainedModel *trained;
  GFile *data;

  g_return_val_if_fail (FW_IS_PROJECT (self), NULL);

  data = fw_session_get_file (self->session);
  trained = fw_session_get_trained (self->session);
  if (data != NULL)
    {
      project->data_path = g_file_get_path (data);
      if (self->data_sha256 == NULL)
        self->data_sha256 = fw_file_sha256 (data, NULL, error);
      if (self->data_sha256 == NULL)
        return NULL;
      project->data_sha256 = g_strdup (self->data_sha256);
    }
  fw_recipe_free (project->recipe);
  project->recipe = fw_recipe_copy (fw_session_get_recipe (self->session));
  if (trained != NULL && trained->thresholds != NULL)
    project->threshold_policy = trained->thresholds->policy;
  project->intended_use = g_strdup (self->intended_use);
  project->step = g_strdup (self->step);
  if (trained != NULL && self->model_bytes == NULL)
    self->model_bytes = fw_project_file_pack_model (trained, error);
  if (trained != NULL && self->model_bytes == NULL)
    return NULL;
  if (trained != NULL)
    project->model = g_bytes_ref (self->model_bytes);
  return g_steal_pointer (&project);
}

/* Never hashes here (the window would wait). */
FwProjectFile *
fw_project_checkpoint_base (FwProject *self)
{
  FwProjectFile *project = fw_project_file_new ();
  GFile *data = fw_session_get_file (self->session);

  if (data != NULL)
    {
      project->data_path = g_file_get_path (data);
      project->data_sha256 = g_strdup (self->data_sha256);
    }
  fw_recipe_free (project->recipe);
  project->recipe = fw_recipe_copy (fw_session_get_recipe (self->session));
  project->intended_use = g_strdup (self->intended_use);
  project->step = g_strdup ("train");
  return project;
}
