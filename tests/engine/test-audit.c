/* test-audit.c — the data audit on small tables whose every figure is worked out by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>
#include "fw-audit.h"
#include "fw-dataset-test.h"
#include "fw-sensitive.h"

/* Three groups of four.  "postcode" relabels "ethnicity" (a number column, one value per
 * group); every group has two red and two blue "colour", so colour tells nothing; "income"
 * is missing only for half of group C; "approved" is yes for 3, 1 and 3 rows of 4. */
static const char groups_csv[] =
  "ethnicity,postcode,colour,income,approved\n"
  "A,75001,red,100,yes\n"
  "B,69002,red,150,yes\n"
  "C,13003,red,,yes\n"
  "A,75001,blue,200,yes\n"
  "B,69002,blue,250,no\n"
  "C,13003,blue,,no\n"
  "A,75001,red,300,yes\n"
  "B,69002,red,350,no\n"
  "C,13003,red,500,yes\n"
  "A,75001,blue,400,no\n"
  "B,69002,blue,450,no\n"
  "C,13003,blue,600,yes\n";

enum { ETHNICITY, POSTCODE, COLOUR, INCOME, APPROVED };

static FwAudit *
audit_ok (const FwTable     *table,
          const char *const *sensitive,
          const char        *target,
          FwTask             task,
          const char        *positive)
{
  g_autoptr(GError) error = NULL;
  FwAudit *audit = fw_audit_new (table, sensitive, target, task, positive, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (audit);
  return audit;
}

static const FwAuditAssociation *
association_of (const FwAuditAttribute *attr,
                guint                   column)
{
  for (guint i = 0; i < attr->n_associations; i++)
    if (attr->associations[i].column == column)
      return &attr->associations[i];
  return NULL;
}

static guint
count_findings (const FwAudit      *audit,
                FwAuditFindingKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < audit->findings->len; i++)
    n += ((FwAuditFinding *) g_ptr_array_index (audit->findings, i))->kind == kind;
  return n;
}

static gboolean
has_message (const FwAudit *audit,
             const char    *message)
{
  for (guint i = 0; i < audit->findings->len; i++)
    if (strcmp (((FwAuditFinding *) g_ptr_array_index (audit->findings, i))->message,
                message) == 0)
      return TRUE;
  return FALSE;
}

static void
test_groups (void)
{
  static const char *const sensitive[] = { "ethnicity", NULL };
  static const double base_rates[] = { 0.75, 0.25, 0.75 };
  g_autoptr(FwTable) table = import (groups_csv);
  g_autoptr(FwAudit) audit = audit_ok (table, sensitive, "approved", FW_TASK_AUTO, NULL);
  const FwAuditAttribute *attr = &audit->attributes[0];

  g_assert_cmpuint (audit->n_rows, ==, 12);
  g_assert_cmpint (audit->task, ==, FW_TASK_BINARY);
  g_assert_cmpuint (audit->n_classes, ==, 2);
  g_assert_cmpstr (audit->class_names[0], ==, "no");
  g_assert_cmpint (audit->positive, ==, 1);           /* "yes" */
  g_assert_cmpint (audit->target_column, ==, APPROVED);

  g_assert_cmpuint (audit->n_attributes, ==, 1);
  g_assert_cmpstr (attr->name, ==, "ethnicity");
  g_assert_cmpuint (attr->n_groups, ==, 3);
  for (guint g = 0; g < 3; g++)
    {
      const FwAuditGroup *group = &attr->groups[g];
      char value[2] = { (char) ('A' + g), 0 };

      g_assert_false (group->missing_value);
      g_assert_cmpstr (group->value, ==, value);
      g_assert_cmpuint (group->rows, ==, 4);
      g_assert_cmpuint (group->labelled, ==, 4);
      g_assert_cmpfloat (group->base_rate, ==, base_rates[g]);
      g_assert_cmpfloat (group->class_shares[0], ==, 1.0 - base_rates[g]);
      for (guint c = 0; c < audit->n_columns; c++)
        g_assert_cmpfloat (group->missing[c], ==, g == 2 && c == INCOME ? 0.5 : 0.0);
    }
}

static void
test_missing_gap (void)
{
  static const char *const sensitive[] = { "ethnicity", NULL };
  g_autoptr(FwTable) table = import (groups_csv);
  g_autoptr(FwAudit) audit = audit_ok (table, sensitive, "approved", FW_TASK_AUTO, NULL);
  const FwAuditAttribute *attr = &audit->attributes[0];

  g_assert_cmpuint (attr->n_gaps, ==, 1);
  g_assert_cmpuint (attr->gaps[0].column, ==, INCOME);
  g_assert_cmpfloat (attr->gaps[0].spread, ==, 0.5);
  g_assert_cmpuint (attr->gaps[0].most, ==, 2);
  g_assert_cmpuint (attr->gaps[0].least, ==, 0);
  g_assert_cmpuint (count_findings (audit, FW_AUDIT_FINDING_MISSING_GAP), ==, 1);
  g_assert_true (has_message (audit, "“income” is missing in 50% of the rows where “ethnicity” "
                                     "is “C”, but in 0% where “ethnicity” is “A”"));
  g_assert_cmpuint (count_findings (audit, FW_AUDIT_FINDING_BASE_RATE_GAP), ==, 1);
  g_assert_true (has_message (audit, "“approved” is “yes” for 75% of the rows where "
                                     "“ethnicity” is “A”, but for 25% where “ethnicity” is "
                                     "“B”"));
  g_assert_cmpuint (count_findings (audit, FW_AUDIT_FINDING_SMALL_GROUP), ==, 3);
  g_assert_true (has_message (audit, "Only 4 rows where “ethnicity” is “B”: figures for this "
                                     "group are unreliable"));
}

/* Postcode determines the group: V = 1.  Colour splits 2/2 in every group: χ² = 0, V = 0.
 * Income: ten values seen once and a missing bin of two (both C), against 3 groups of 4:
 * Σ o²/(row·col) = 10 · 1/4 + 2²/(2 · 4) = 3, so φ² = 2; Bergsma's correction with n = 12,
 * r = 11, k = 3: φ²~ = 2 − 10 · 2/11 = 2/11, r~ − 1 = 10 − 100/11 = 10/11,
 * k~ − 1 = 2 − 4/11 = 18/11, so V = sqrt ((2/11) / (10/11)) = sqrt (0.2). */
static void
test_proxies (void)
{
  static const char *const sensitive[] = { "ethnicity", NULL };
  g_autoptr(FwTable) table = import (groups_csv);
  g_autoptr(FwAudit) audit = audit_ok (table, sensitive, "approved", FW_TASK_AUTO, NULL);
  const FwAuditAttribute *attr = &audit->attributes[0];

  g_assert_cmpuint (attr->n_associations, ==, 3);    /* not the target, not itself */
  g_assert_null (association_of (attr, APPROVED));
  g_assert_cmpuint (attr->associations[0].column, ==, POSTCODE);
  g_assert_cmpfloat_with_epsilon (attr->associations[0].association, 1.0, 1e-12);
  g_assert_cmpuint (attr->associations[1].column, ==, INCOME);
  g_assert_cmpfloat_with_epsilon (attr->associations[1].association, sqrt (0.2), 1e-12);
  g_assert_cmpuint (attr->associations[2].column, ==, COLOUR);
  g_assert_cmpfloat (attr->associations[2].association, ==, 0.0);

  g_assert_cmpuint (count_findings (audit, FW_AUDIT_FINDING_PROXY), ==, 2);
  g_assert_true (has_message (audit, "“postcode” predicts “ethnicity” (association 1.00)"));
  g_assert_true (has_message (audit, "“income” predicts “ethnicity” (association 0.45)"));
}

static void
test_json (void)
{
  static const char *const sensitive[] = { "ethnicity", NULL };
  g_autoptr(FwTable) table = import (groups_csv);
  g_autoptr(FwAudit) audit = audit_ok (table, sensitive, "approved", FW_TASK_AUTO, NULL);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object, *attr, *group, *entry;
  JsonArray *findings;
  gboolean proxy_found = FALSE;

  fw_audit_to_json (audit, builder);
  root = json_builder_get_root (builder);
  object = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (object, "rows"), ==, 12);
  g_assert_cmpstr (json_object_get_string_member (object, "task"), ==, "binary");
  g_assert_cmpstr (json_object_get_string_member (object, "positive"), ==, "yes");
  attr = json_array_get_object_element (json_object_get_array_member (object, "attributes"), 0);
  g_assert_cmpstr (json_object_get_string_member (attr, "attribute"), ==, "ethnicity");
  group = json_array_get_object_element (json_object_get_array_member (attr, "groups"), 2);
  g_assert_cmpstr (json_object_get_string_member (group, "value"), ==, "C");
  g_assert_cmpfloat (json_object_get_double_member (group, "base_rate"), ==, 0.75);
  entry = json_object_get_object_member (group, "missing");
  g_assert_cmpfloat (json_object_get_double_member (entry, "income"), ==, 0.5);
  entry = json_array_get_object_element (json_object_get_array_member (attr, "missing_gaps"), 0);
  g_assert_cmpint (json_object_get_int_member (entry, "most"), ==, 2);
  entry = json_array_get_object_element (json_object_get_array_member (attr, "associations"), 2);
  g_assert_cmpstr (json_object_get_string_member (entry, "column"), ==, "colour");
  g_assert_false (json_object_get_boolean_member (entry, "proxy"));

  findings = json_object_get_array_member (object, "findings");
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      entry = json_array_get_object_element (findings, i);
      if (strcmp (json_object_get_string_member (entry, "kind"), "proxy") == 0 &&
          strcmp (json_object_get_string_member (entry, "column"), "postcode") == 0)
        proxy_found = strcmp (json_object_get_string_member (entry, "attribute"),
                              "ethnicity") == 0;
    }
  g_assert_true (proxy_found);
}

/* Ages 20…69 once each and two rows with no age, in the groups fw_sensitive_groups makes
 * (ranges, and the missing ones last).  score = 1.5 · age + 0.25 is a regression target, so
 * a group's base rate is 1.5 · (its mean age) + 0.25; the missing rows score 1.5 and 2.5. */
static void
test_number_groups_and_regression (void)
{
  static const char *const sensitive[] = { "age", NULL };
  g_autoptr(FwTable) table = NULL;
  g_autoptr(FwAudit) audit = NULL;
  g_autofree guint32 *codes = NULL;
  g_auto(GStrv) names = NULL;
  GString *csv = g_string_new ("age,score\n");
  const FwAuditAttribute *attr;
  double age_sum[8] = { 0 };
  gsize rows[8] = { 0 }, total = 0;

  for (guint age = 20; age < 70; age++)
    g_string_append_printf (csv, "%u,%.2f\n", age, 1.5 * age + 0.25);
  g_string_append (csv, ",1.5\n,2.5\n");
  table = import (csv->str);
  g_string_free (csv, TRUE);
  audit = audit_ok (table, sensitive, "score", FW_TASK_AUTO, NULL);
  attr = &audit->attributes[0];
  fw_sensitive_groups (fw_table_column (table, 0), &codes, &names);
  g_assert_cmpuint (g_strv_length (names), <=, 8);
  for (guint r = 0; r < 50; r++)
    {
      age_sum[codes[r]] += 20 + r;
      rows[codes[r]]++;
    }

  g_assert_cmpint (audit->task, ==, FW_TASK_REGRESSION);
  g_assert_null (audit->class_names);
  g_assert_cmpint (audit->positive, ==, -1);
  g_assert_cmpuint (attr->n_groups, ==, g_strv_length (names));
  g_assert_cmpuint (attr->n_groups, >=, 3);
  for (guint g = 0; g + 1 < attr->n_groups; g++)
    {
      g_assert_cmpstr (attr->groups[g].value, ==, names[g]);
      g_assert_false (attr->groups[g].missing_value);
      g_assert_cmpuint (attr->groups[g].rows, ==, rows[g]);
      g_assert_cmpfloat_with_epsilon (attr->groups[g].base_rate,
                                      1.5 * age_sum[g] / rows[g] + 0.25, 1e-9);
      g_assert_null (attr->groups[g].class_shares);
      total += attr->groups[g].rows;
    }
  g_assert_cmpuint (total, ==, 50);
  g_assert_true (attr->groups[attr->n_groups - 1].missing_value);
  g_assert_cmpuint (attr->groups[attr->n_groups - 1].rows, ==, 2);
  g_assert_cmpfloat (attr->groups[attr->n_groups - 1].base_rate, ==, 2.0);
  g_assert_true (has_message (audit, "Only 2 rows where “age” is missing: figures for this "
                                     "group are unreliable"));
  g_assert_cmpuint (count_findings (audit, FW_AUDIT_FINDING_BASE_RATE_GAP), ==, 0);
}

/* 85 zeros and 1…15 once each; "flag" is yes exactly where the number is not zero.  The
 * zeros fill more than a tenth, so they get a bin of their own, and the 15 other rows share
 * the nine bins left out equally: {1} {2} {3} {4 5} {6 7} … {14 15}, ten bins each inside one
 * group.  φ² = 1; with n = 100, r = 10, k = 2: φ²~ = 1 − 9/99 = 90/99 and
 * k~ − 1 = 1 − 1/99 = 98/99 (below r~ − 1 = 9 − 81/99), so V = sqrt (90/98).  Plain deciles
 * would have lumped 0…5 together. */
static void
test_mostly_zeros (void)
{
  static const char *const sensitive[] = { "flag", NULL };
  g_autoptr(FwTable) table = NULL;
  g_autoptr(FwAudit) audit = NULL;
  GString *csv = g_string_new ("flag,gain\n");

  for (guint r = 0; r < 100; r++)
    g_string_append_printf (csv, "%s,%u\n", r < 85 ? "no" : "yes", r < 85 ? 0 : r - 84);
  table = import (csv->str);
  g_string_free (csv, TRUE);
  audit = audit_ok (table, sensitive, NULL, FW_TASK_AUTO, NULL);

  g_assert_cmpuint (audit->attributes[0].n_associations, ==, 1);
  g_assert_cmpfloat_with_epsilon (audit->attributes[0].associations[0].association,
                                  sqrt (90.0 / 98.0), 1e-12);
}

/* Whole numbers 1, 2, 3 are classes; several classes have shares, no single base rate. */
static void
test_multiclass (void)
{
  static const char *const sensitive[] = { "sex", NULL };
  g_autoptr(FwTable) table = import ("sex,grade\n"
                                     "f,1\nf,2\nf,2\nf,3\n"
                                     "m,3\nm,3\nm,\nm,1\n");
  g_autoptr(FwAudit) audit = audit_ok (table, sensitive, "grade", FW_TASK_AUTO, NULL);
  const FwAuditGroup *m = &audit->attributes[0].groups[1];

  g_assert_cmpint (audit->task, ==, FW_TASK_MULTICLASS);
  g_assert_cmpuint (audit->n_classes, ==, 3);
  g_assert_cmpstr (audit->class_names[2], ==, "3");
  g_assert_cmpstr (m->value, ==, "m");
  g_assert_cmpuint (m->rows, ==, 4);
  g_assert_cmpuint (m->labelled, ==, 3);
  g_assert_true (isnan (m->base_rate));
  g_assert_cmpfloat_with_epsilon (m->class_shares[0], 1.0 / 3.0, 1e-12);
  g_assert_cmpfloat (m->class_shares[1], ==, 0.0);
  g_assert_cmpfloat_with_epsilon (m->class_shares[2], 2.0 / 3.0, 1e-12);
  g_assert_cmpfloat (m->missing[1], ==, 0.25);
  g_assert_cmpfloat (audit->attributes[0].groups[0].class_shares[1], ==, 0.5);
}

/* The positive class given by name; without a target there are no base rates. */
static void
test_positive_and_no_target (void)
{
  static const char *const sensitive[] = { "ethnicity", NULL };
  g_autoptr(FwTable) table = import (groups_csv);
  g_autoptr(FwAudit) no = audit_ok (table, sensitive, "approved", FW_TASK_AUTO, "no");
  g_autoptr(FwAudit) none = audit_ok (table, sensitive, NULL, FW_TASK_AUTO, NULL);

  g_assert_cmpint (no->positive, ==, 0);
  g_assert_cmpfloat (no->attributes[0].groups[1].base_rate, ==, 0.75);
  g_assert_cmpint (none->task, ==, FW_TASK_AUTO);
  g_assert_true (isnan (none->attributes[0].groups[0].base_rate));
  g_assert_cmpuint (none->attributes[0].groups[0].labelled, ==, 0);
  /* With no target, "approved" is one more column to test. */
  g_assert_cmpuint (none->attributes[0].n_associations, ==, 4);
}

static void
test_errors (void)
{
  static const char *const unknown[] = { "religion", NULL };
  static const char *const target[] = { "approved", NULL };
  static const char *const ok[] = { "ethnicity", NULL };
  g_autoptr(FwTable) table = import (groups_csv);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  struct {
    const char *const *sensitive;
    const char        *target;
    FwTask             task;
    const char        *positive;
    GQuark             domain;
    int                code;
  } cases[] = {
    { unknown, "approved", FW_TASK_AUTO, NULL, FW_AUDIT_ERROR, FW_AUDIT_ERROR_COLUMN },
    { ok, "outcome", FW_TASK_AUTO, NULL, FW_AUDIT_ERROR, FW_AUDIT_ERROR_COLUMN },
    { target, "approved", FW_TASK_AUTO, NULL, FW_AUDIT_ERROR, FW_AUDIT_ERROR_TARGET },
    { ok, "approved", FW_TASK_AUTO, "maybe", FW_AUDIT_ERROR, FW_AUDIT_ERROR_TARGET },
    { ok, "colour", FW_TASK_REGRESSION, NULL, FW_AUDIT_ERROR, FW_AUDIT_ERROR_TARGET },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FwAudit) audit = fw_audit_new (table, cases[i].sensitive, cases[i].target,
                                               cases[i].task, cases[i].positive, NULL, &error);

      g_assert_null (audit);
      g_assert_error (error, cases[i].domain, cases[i].code);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(FwAudit) audit = NULL;

    g_cancellable_cancel (cancellable);
    audit = fw_audit_new (table, ok, "approved", FW_TASK_AUTO, NULL, cancellable, &error);
    g_assert_null (audit);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }
}

/* Small tables worked by hand. */
static void
test_cramers_v (void)
{
  static const gsize diagonal[] = { 10, 0, 0, 10 };
  static const gsize even[] = { 5, 5, 5, 5 };
  static const gsize mostly[] = { 8, 2, 2, 8 };
  static const gsize gaps[] = { 10, 0, 0, 0, 0, 0, 0, 0, 10 };   /* an empty row and column */
  static const gsize one_row[] = { 3, 4, 5 };

  g_assert_cmpfloat_with_epsilon (fw_audit_cramers_v (diagonal, 2, 2), 1.0, 1e-12);
  g_assert_cmpfloat (fw_audit_cramers_v (even, 2, 2), ==, 0.0);
  /* Σ o²/(row·col) = 136/100, φ² = 0.36; n = 20: sqrt ((0.36 − 1/19) / (1 − 1/19)). */
  g_assert_cmpfloat_with_epsilon (fw_audit_cramers_v (mostly, 2, 2),
                                  sqrt ((0.36 - 1.0 / 19.0) / (18.0 / 19.0)), 1e-12);
  g_assert_cmpfloat_with_epsilon (fw_audit_cramers_v (gaps, 3, 3), 1.0, 1e-12);
  g_assert_cmpfloat (fw_audit_cramers_v (one_row, 1, 3), ==, 0.0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/audit/groups", test_groups);
  g_test_add_func ("/engine/audit/missing-gap", test_missing_gap);
  g_test_add_func ("/engine/audit/proxies", test_proxies);
  g_test_add_func ("/engine/audit/json", test_json);
  g_test_add_func ("/engine/audit/number-groups-and-regression", test_number_groups_and_regression);
  g_test_add_func ("/engine/audit/mostly-zeros", test_mostly_zeros);
  g_test_add_func ("/engine/audit/multiclass", test_multiclass);
  g_test_add_func ("/engine/audit/positive-and-no-target", test_positive_and_no_target);
  g_test_add_func ("/engine/audit/errors", test_errors);
  g_test_add_func ("/engine/audit/cramers-v", test_cramers_v);

  return g_test_run ();
}
