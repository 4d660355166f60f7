/* test-report.c — the model card's content, its PDF pages and its refusals
 *
 * A model is built in code (an untrained logistic model on a tiny table) and given hand-made
 * test metrics, fairness, history and confusion matrix, so every figure the card should show
 * is known here without running the code under test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include "fw-csv-import.h"
#include "fw-report-content.h"

static const char csv[] =
  "x,group,label\n"
  "3,a,yes\n1,b,no\n4,a,yes\n1,b,no\n5,a,yes\n9,b,no\n2,a,no\n6,b,yes\n"
  "5,a,yes\n3,b,no\n5,a,yes\n8,b,no\n9,a,no\n7,b,yes\n9,a,yes\n3,b,no\n"
  "2,a,yes\n3,b,no\n8,a,no\n4,b,yes\n";

/* Selection rates 0.6 and 0.3: a ratio of 0.5, well under four fifths. */
static const char fairness_json[] =
  "[{\"attribute\":\"group\",\"groups\":["
  "{\"value\":\"a\",\"n\":10,\"selection_rate\":0.6,\"tpr\":0.8,\"fpr\":0.2,\"accuracy\":0.75},"
  "{\"value\":\"b\",\"n\":10,\"selection_rate\":0.3,\"tpr\":0.5,\"fpr\":0.1,\"accuracy\":0.7}],"
  "\"demographic_parity_difference\":0.3,\"demographic_parity_ratio\":0.5,"
  "\"equalized_odds_difference\":0.3,\"equal_opportunity_difference\":0.3,"
  "\"confidence_intervals\":{\"level\":0.95,\"resamples\":200,"
  "\"demographic_parity_difference\":[0.1,0.45],\"demographic_parity_ratio\":[0.3,0.8],"
  "\"equalized_odds_difference\":[0.1,0.5],\"equal_opportunity_difference\":[0.1,0.5]},"
  "\"warnings\":[]}]";

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

static FwTrainedModel *
make_model (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwTable) table = NULL;
  g_autoptr(FwRecipe) recipe = fw_recipe_new ();
  g_autoptr(FwDataset) dataset = NULL;
  g_autoptr(FwModel) model = NULL;
  g_autoptr(JsonNode) metrics = parse ("{\"accuracy\":0.8125,\"roc_auc\":0.5}");
  g_autoptr(JsonNode) fairness = parse (fairness_json);
  g_autoptr(JsonNode) confusion = parse ("[[7,2],[1,10]]");
  FwTrainedModel *trained;
  FwCsvOptions options;

  fw_csv_options_init (&options);
  options.header = FW_CSV_HEADER_YES;
  table = fw_csv_import_data (csv, -1, &options, NULL, &error);
  g_assert_no_error (error);
  recipe->target = g_strdup ("label");
  g_ptr_array_add (recipe->sensitive, g_strdup ("group"));
  dataset = fw_dataset_prepare (table, recipe, NULL, &error);
  g_assert_no_error (error);
  model = fw_model_new (&recipe->model, dataset->task, dataset->n_features, 1, 1, &error);
  g_assert_no_error (error);
  trained = fw_trained_model_new (recipe, dataset, model, json_node_get_object (metrics), &error);
  g_assert_no_error (error);

  g_clear_pointer (&trained->fairness, json_array_unref);
  trained->fairness = json_array_ref (json_node_get_array (fairness));
  g_clear_pointer (&trained->confusion, json_array_unref);
  trained->confusion = json_array_ref (json_node_get_array (confusion));
  for (guint e = 1; e <= 3; e++)
    {
      JsonObject *epoch = json_object_new ();

      json_object_set_int_member (epoch, "epoch", e);
      json_object_set_double_member (epoch, "train_loss", 1.0 / e);
      json_object_set_double_member (epoch, "validation_loss", 1.1 / e);
      json_object_set_double_member (epoch, "validation_metric", 0.5 + 0.1 * e);
      json_object_set_string_member (epoch, "metric_name", "accuracy");
      json_array_add_object_element (trained->history, epoch);
    }
  trained->data_name = g_strdup ("tiny.csv");
  trained->data_sha256 = g_strdup ("00ff");
  return trained;
}

static const FwReportBlock *
block_at (const FwReport *report,
          guint           i)
{
  return g_ptr_array_index (report->blocks, i);
}

/* The first table whose cell (0, 0) is @first. */
static const FwReportBlock *
find_table (const FwReport *report,
            const char     *first)
{
  for (guint i = 0; i < report->blocks->len; i++)
    {
      const FwReportBlock *b = block_at (report, i);

      if (b->kind == FW_REPORT_BLOCK_TABLE && g_str_equal (g_ptr_array_index (b->cells, 0), first))
        return b;
    }
  return NULL;
}

static gboolean
list_mentions (const FwReport *report,
               const char     *fragment)
{
  for (guint i = 0; i < report->blocks->len; i++)
    {
      const FwReportBlock *b = block_at (report, i);

      for (guint j = 0; b->kind == FW_REPORT_BLOCK_LIST && j < b->cells->len; j++)
        if (strstr (g_ptr_array_index (b->cells, j), fragment) != NULL)
          return TRUE;
    }
  return FALSE;
}

static void
test_content (void)
{
  static const char *const sections[] = {
    "Model details", "Intended use", "Factors", "Metrics", "Evaluation and training data",
    "Quantitative analyses", "Training", "Ethical considerations and caveats",
  };
  g_autoptr(FwTrainedModel) trained = make_model ();
  g_autoptr(FwReport) report = fw_report_new (trained, NULL);
  const FwReportBlock *metrics, *groups;
  guint n_sections = 0, n_plots = 0;

  for (guint i = 0; i < report->blocks->len; i++)
    {
      const FwReportBlock *b = block_at (report, i);

      if (b->kind == FW_REPORT_BLOCK_HEADING && b->level == 1)
        {
          g_assert_cmpuint (n_sections, <, G_N_ELEMENTS (sections));
          g_assert_cmpstr (b->text, ==, sections[n_sections]);
          n_sections++;
          /* Intended use: the placeholder, since none was given. */
          if (n_sections == 2)
            g_assert_nonnull (strstr (block_at (report, i + 1)->text, "was not given"));
        }
      n_plots += b->kind == FW_REPORT_BLOCK_PLOT;
    }
  g_assert_cmpuint (n_sections, ==, G_N_ELEMENTS (sections));
  /* Selection rates, confusion matrix, loss and validation accuracy (no importance saved). */
  g_assert_cmpuint (n_plots, ==, 4);

  metrics = find_table (report, "Metric");
  g_assert_nonnull (metrics);
  g_assert_cmpuint (metrics->cells->len, ==, 3 * 3);
  g_assert_cmpstr (g_ptr_array_index (metrics->cells, 3), ==, "Accuracy");
  g_assert_cmpstr (g_ptr_array_index (metrics->cells, 4), ==, "0.8125");
  g_assert_cmpstr (g_ptr_array_index (metrics->cells, 7), ==, "0.5000");

  groups = find_table (report, "Group");
  g_assert_nonnull (groups);
  g_assert_cmpuint (groups->n_columns, ==, 6);
  g_assert_cmpstr (g_ptr_array_index (groups->cells, 6), ==, "a");
  g_assert_cmpstr (g_ptr_array_index (groups->cells, 7), ==, "10");
  g_assert_cmpstr (g_ptr_array_index (groups->cells, 8), ==, "0.600");
  g_assert_cmpstr (g_ptr_array_index (groups->cells, 14), ==, "0.300");
  g_assert_cmpstr (g_ptr_array_index (find_table (report, "Summary")->cells, 8), ==,
                   "0.300 – 0.800");

  /* 0.3 / 0.6: the four-fifths rule fails at 50%; the odds gap is 30 points. */
  g_assert_true (list_mentions (report, "Four-fifths rule"));
  g_assert_true (list_mentions (report, "50%"));
  g_assert_true (list_mentions (report, "30 percentage points"));
  g_assert_true (list_mentions (report, "No fairness mitigation"));
}

/* A harmful prediction ("yes" flags the person; "no" is good), a group below the minimum,
 * a baseline and a test part where "no" is 17 of 20 rows. */
static const char harmful_json[] =
  "[{\"attribute\":\"group\",\"groups\":["
  "{\"value\":\"a\",\"n\":40,\"selection_rate\":0.6,\"tpr\":0.8,\"fpr\":0.5,"
  "\"accuracy\":0.7,\"base_rate\":0.45,\"favourable_rate\":0.4,\"too_small\":false},"
  "{\"value\":\"b\",\"n\":40,\"selection_rate\":0.3,\"tpr\":0.5,\"fpr\":0.1,"
  "\"accuracy\":0.8,\"base_rate\":0.25,\"favourable_rate\":0.7,\"too_small\":false},"
  "{\"value\":\"c\",\"n\":5,\"selection_rate\":1.0,\"tpr\":1.0,\"fpr\":1.0,"
  "\"accuracy\":0.2,\"base_rate\":1.0,\"favourable_rate\":0.0,\"too_small\":true}],"
  "\"demographic_parity_difference\":0.3,\"demographic_parity_ratio\":0.5,"
  "\"equalized_odds_difference\":0.4,\"equal_opportunity_difference\":0.3,"
  "\"favourable_rate_ratio\":0.5714285714,\"favourable\":\"no\","
  "\"positive_is_favourable\":false,\"main_harm\":\"false_positive_rate\","
  "\"min_group_rows\":30,\"groups_used\":[\"a\",\"b\"],\"groups_too_small\":[\"c\"],"
  "\"warnings\":[]}]";

static gboolean
text_mentions (const FwReport *report,
               const char     *fragment)
{
  for (guint i = 0; i < report->blocks->len; i++)
    {
      const FwReportBlock *b = block_at (report, i);

      if ((b->kind == FW_REPORT_BLOCK_PARAGRAPH || b->kind == FW_REPORT_BLOCK_NOTE) &&
          strstr (b->text, fragment) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
test_framing (void)
{
  g_autoptr(FwTrainedModel) trained = make_model ();
  g_autoptr(JsonNode) fairness = parse (harmful_json);
  g_autoptr(JsonNode) baseline = parse ("{\"accuracy\":0.85,\"roc_auc\":0.5}");
  g_autoptr(JsonNode) confusion = parse ("[[17,0],[2,1]]");
  g_autoptr(FwReport) report = NULL;
  const FwReportBlock *metrics, *groups;

  g_clear_pointer (&trained->fairness, json_array_unref);
  trained->fairness = json_array_ref (json_node_get_array (fairness));
  g_clear_pointer (&trained->baseline, json_object_unref);
  trained->baseline = json_object_ref (json_node_get_object (baseline));
  g_clear_pointer (&trained->confusion, json_array_unref);
  trained->confusion = json_array_ref (json_node_get_array (confusion));
  json_object_set_double_member (trained->test_metrics, "balanced_accuracy", 0.6667);
  report = fw_report_new (trained, &(FwReportOptions) { NULL, 0 });

  /* The rule on not being flagged, 0.4 / 0.7 = 57%, never on the 0.5 selection ratio. */
  g_assert_true (list_mentions (report, "the group least often given the good outcome (“no”) "
                                        "gets it at 57%"));
  g_assert_false (list_mentions (report, "50%"));
  /* Wrongly flagged: 0.5 − 0.1 over a and b; c's 1.0 would make it 90 points. */
  g_assert_true (list_mentions (report, "being wrongly flagged"));
  g_assert_true (list_mentions (report, "up to 40 percentage points"));
  /* a and b: selected 60% and 30% against actual 45% and 25%: 30 points of predictions on
   * 20 in the data, more than 20 + 5, so the model widens it. */
  g_assert_true (list_mentions (report, "By “group”, the model selects 60% of “a” and 30% of "
                                        "“b”, whose actual rates are 45% and 25%. The model "
                                        "widens the gap that is in the data."));
  groups = find_table (report, "Group");
  /* The actual rate comes before the model's: a, 0.45 against 0.6. */
  g_assert_cmpuint (groups->n_columns, ==, 7);
  g_assert_cmpstr (g_ptr_array_index (groups->cells, 2), ==, "Really positive");
  g_assert_cmpstr (g_ptr_array_index (groups->cells, 7 + 2), ==, "0.450");
  g_assert_cmpstr (g_ptr_array_index (groups->cells, 7 + 3), ==, "0.600");
  g_assert_cmpstr (g_ptr_array_index (groups->cells, 7 * 3), ==, "c (too few rows to judge)");
  g_assert_true (text_mentions (report, "fewer than 30 test rows are listed but left out"));

  /* The baseline beside each metric it has; "no" is 17 of the 20 test rows. */
  metrics = find_table (report, "Metric");
  g_assert_cmpuint (metrics->n_columns, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (metrics->cells, 2), ==, "Always the most common answer");
  g_assert_cmpstr (g_ptr_array_index (metrics->cells, 4), ==, "Accuracy");
  g_assert_cmpstr (g_ptr_array_index (metrics->cells, 6), ==, "0.8500");
  g_assert_true (text_mentions (report, "always answering “no” would be right for 85 of every "
                                        "100 test rows, against the model's 81. Balanced "
                                        "accuracy, 67 in 100"));
}

static void
test_intended_use (void)
{
  g_autoptr(FwTrainedModel) trained = make_model ();
  FwReportOptions options = { "First line.\n\n  Second <b>line</b>.  \n", 86400 };
  g_autoptr(FwReport) report = fw_report_new (trained, &options);

  for (guint i = 0; i < report->blocks->len; i++)
    {
      const FwReportBlock *b = block_at (report, i);

      if (b->kind != FW_REPORT_BLOCK_HEADING || g_strcmp0 (b->text, "Intended use") != 0)
        continue;
      /* One paragraph per non-empty line, trimmed, kept as plain text. */
      g_assert_cmpstr (block_at (report, i + 1)->text, ==, "First line.");
      g_assert_cmpstr (block_at (report, i + 2)->text, ==, "Second <b>line</b>.");
      g_assert_cmpint (block_at (report, i + 3)->kind, ==, FW_REPORT_BLOCK_HEADING);
      return;
    }
  g_assert_not_reached ();
}

/* Pages in a cairo PDF: its page tree's /Count (outline entries have one too). */
static guint
count_pages (const char *path)
{
  g_autofree char *data = NULL;
  gsize length;
  const char *tree, *count;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_true (g_str_has_prefix (data, "%PDF-"));
  /* memmem: the compressed streams hold NUL bytes. */
  tree = memmem (data, length, "/Type /Pages", 12);
  g_assert_nonnull (tree);
  count = memmem (tree, length - (tree - data), "/Count ", 7);
  g_assert_nonnull (count);
  return (guint) g_ascii_strtoull (count + 7, NULL, 10);
}

static void
test_pdf_grows (void)
{
  g_autoptr(FwTrainedModel) trained = make_model ();
  g_autoptr(GString) long_use = g_string_new (NULL);
  g_autofree char *dir = g_dir_make_tmp ("fw-report-XXXXXX", NULL);
  g_autofree char *short_path = g_build_filename (dir, "short.pdf", NULL);
  g_autofree char *long_path = g_build_filename (dir, "long.PDF", NULL);
  g_autoptr(GFile) short_file = g_file_new_for_path (short_path);
  g_autoptr(GFile) long_file = g_file_new_for_path (long_path);
  g_autoptr(GError) error = NULL;
  FwReportOptions options = { NULL, 0 };
  guint short_pages, long_pages;

  g_assert_true (fw_report_write (trained, NULL, short_file, &error));
  g_assert_no_error (error);
  short_pages = count_pages (short_path);
  g_assert_cmpuint (short_pages, >=, 2);

  /* 120 lines of 10 pt text at about 12 pt each: at least two more A4 pages of text. */
  for (guint i = 0; i < 120; i++)
    g_string_append_printf (long_use, "Paragraph %u of the intended use.\n", i);
  options.intended_use = long_use->str;
  g_assert_true (fw_report_write (trained, &options, long_file, &error));
  g_assert_no_error (error);
  long_pages = count_pages (long_path);
  g_assert_cmpuint (long_pages, >=, short_pages + 2);

  g_assert_cmpint (g_remove (short_path), ==, 0);
  g_assert_cmpint (g_remove (long_path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_refusals (void)
{
  g_autoptr(FwTrainedModel) trained = make_model ();
  g_autofree char *dir = g_dir_make_tmp ("fw-report-XXXXXX", NULL);
  g_autofree char *txt = g_build_filename (dir, "card.txt", NULL);
  g_autofree char *nowhere = g_build_filename (dir, "missing", "card.html", NULL);
  g_autoptr(GFile) txt_file = g_file_new_for_path (txt);
  g_autoptr(GFile) nowhere_file = g_file_new_for_path (nowhere);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;

  g_assert_false (fw_report_write (trained, NULL, txt_file, &error));
  g_assert_error (error, FW_REPORT_ERROR, FW_REPORT_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_false (fw_report_write (trained, NULL, nowhere_file, &error));
  g_assert_nonnull (error);
  /* Nothing at all was left in the folder: no file, no temporary. */
  listing = g_dir_open (dir, 0, NULL);
  g_assert_null (g_dir_read_name (listing));
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_history_round_trip (void)
{
  g_autoptr(FwTrainedModel) trained = make_model ();
  g_autoptr(FwTrainedModel) loaded = NULL;
  g_autofree char *dir = g_dir_make_tmp ("fw-report-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "m.fwmodel", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (fw_trained_model_save (trained, file, &error));
  g_assert_no_error (error);
  loaded = fw_trained_model_load (file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (loaded->history), ==, 3);
  g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (loaded->history,
                                                                                   2),
                                                    "validation_metric"), ==, 0.5 + 0.1 * 3);
  g_assert_cmpuint (json_array_get_length (loaded->confusion), ==, 2);
  for (guint p = 0; p < FW_N_PARTS; p++)
    g_assert_cmpuint (loaded->part_rows[p], ==, trained->part_rows[p]);
  g_assert_cmpuint (loaded->part_rows[FW_PART_TRAIN] + loaded->part_rows[FW_PART_VALIDATION] +
                    loaded->part_rows[FW_PART_TEST], ==, 20);
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Any block's text or cell that holds @fragment. */
static gboolean
report_mentions (const FwReport *report,
                 const char     *fragment)
{
  for (guint i = 0; i < report->blocks->len; i++)
    {
      const FwReportBlock *b = block_at (report, i);

      if (b->text != NULL && strstr (b->text, fragment) != NULL)
        return TRUE;
      for (guint j = 0; b->cells != NULL && j < b->cells->len; j++)
        if (strstr (g_ptr_array_index (b->cells, j), fragment) != NULL)
          return TRUE;
    }
  return FALSE;
}

/* The model's chosen threshold is on the card: in the facts and beside the metrics. */
static void
test_threshold (void)
{
  g_autoptr(FwTrainedModel) trained = make_model ();
  g_autoptr(FwReport) plain = NULL, chosen = NULL;

  plain = fw_report_new (trained, NULL);
  g_assert_true (report_mentions (plain, "Decision threshold"));
  g_assert_false (report_mentions (plain, "chosen on the validation rows"));
  trained->threshold = 0.7;
  chosen = fw_report_new (trained, NULL);
  g_assert_true (report_mentions (chosen, "0.700, chosen on the validation rows"));
  g_assert_true (report_mentions (chosen, "Decisions use the threshold 0.700"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plots/report/content", test_content);
  g_test_add_func ("/plots/report/threshold", test_threshold);
  g_test_add_func ("/plots/report/framing", test_framing);
  g_test_add_func ("/plots/report/intended-use", test_intended_use);
  g_test_add_func ("/plots/report/pdf-grows", test_pdf_grows);
  g_test_add_func ("/plots/report/refusals", test_refusals);
  g_test_add_func ("/plots/report/history-round-trip", test_history_round_trip);
  return g_test_run ();
}
