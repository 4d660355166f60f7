/* fw-sample.c — the bundled demo data: synthetic loan applications
 *
 * One row per application, 21 columns in this order:
 *
 *   applicant_id         "A0000001", …: unique, an identifier
 *   age                  years, 18–88
 *   age_band             18-25, 26-35, 36-45, 46-60, 60+ (from age; 60+ means 61 and over)
 *   sex                  female (49%) / male
 *   marital_status       single, married, divorced, widowed (depends on age)
 *   education            primary, secondary, vocational, bachelor, master, doctorate
 *   employment_type      employed, self-employed, part-time, unemployed, retired (63+)
 *   years_employed       whole years; 7% missing
 *   annual_income        euros, log-normal by education and employment; 4% missing,
 *                        0.3% outliers 8–25 times larger
 *   co_applicant_income  euros; present for 75% of married applicants and 8% of the
 *                        others, so about 58% missing (the "mostly missing" flag)
 *   loan_amount          euros, by purpose, in steps of 500
 *   loan_term_months     12 … 360, by purpose
 *   credit_score         300–850; 3% missing
 *   debt_to_income       0.00–0.95, two decimals
 *   late_payments        count of late payments in the last two years
 *   home_ownership       rent, mortgage, own, other
 *   purpose              home, car, education, business, debt consolidation, medical, other
 *   region               North, South, East, West, Capital
 *   application_date     ISO 8601 date, 2021-01-01 … 2024-12-31
 *   currency             always EUR: a constant column for the Clean step to flag
 *   approved             yes / no, the target
 *
 * Missing cells are empty, except one missing credit score in four, written "NA".
 *
 * approved is drawn from a logistic model of the merit features (credit score,
 * debt-to-income, repayment burden, late payments, years employed, unemployment, home
 * ownership) plus a deliberate bias: an applicant with sex = female has
 * FEMALE_LOGIT_PENALTY = 0.75 subtracted from the logit (her odds of approval multiplied by
 * e^-0.75 ≈ 0.47).  One feature is a proxy for sex: a quarter of working-age women work
 * part-time against 4% of men (employment_type), as in many real labour markets.  So a
 * model that never sees sex still learns part of the penalty through that proxy, and its
 * decisions differ by sex — the demographic-parity gap Fairway's fairness views, audit
 * (proxy detection) and mitigations are there to catch.
 *
 * The same (rows, seed) gives the same bytes everywhere: our own PRNG (xoshiro256**
 * seeded by splitmix64), only IEEE basic arithmetic plus our own exp(), and numbers
 * written with integer arithmetic, never through the locale.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include "fw-atomic-file.h"
#include "fw-random.h"
#include "fw-sample.h"

/* A fused multiply-add would round differently from the separate operations. */
#ifdef __clang__
#pragma STDC FP_CONTRACT OFF
#endif

#define FEMALE_LOGIT_PENALTY 0.75

#define FIRST_DAY 18628         /* 2021-01-01, days since 1970-01-01 */
#define N_DAYS    1461          /* up to 2024-12-31 */

#define CHUNK_BYTES (64 * 1024)
#define CANCEL_CHECK_ROWS 8192

static double
uniform (FwRng *rng)
{
  return fw_rng_uniform (rng);
}

static gboolean
chance (FwRng    *rng,
        double  p)
{
  return uniform (rng) < p;
}

/* Standard normal, approximately: Irwin–Hall with twelve uniforms needs no libm. */
static double
normal (FwRng *rng)
{
  double sum = 0.0;

  for (guint i = 0; i < 12; i++)
    sum += uniform (rng);
  return sum - 6.0;
}

/* Picks an index by cumulative weights summing to 1. */
static guint
pick (FwRng          *rng,
      const double *weights,
      guint         n)
{
  double u = uniform (rng), acc = 0.0;

  for (guint i = 0; i + 1 < n; i++)
    {
      acc += weights[i];
      if (u < acc)
        return i;
    }
  return n - 1;
}

/* A function, not CLAMP (): the macro would evaluate a random draw more than once. */
static double
clamp (double x,
       double low,
       double high)
{
  return x < low ? low : x > high ? high : x;
}

/* exp() from basic operations only, so every platform rounds alike (libm may not):
 * x = k ln 2 + r with |r| ≤ ln 2 / 2, a degree-13 Taylor polynomial for e^r (relative
 * error below 1e-15), then an exact scaling by 2^k. */
static double
det_exp (double x)
{
  double k, r, sum = 1.0;

  x = clamp (x, -700.0, 700.0);
  k = floor (x * 1.4426950408889634 + 0.5);
  r = x - k * 0.6931471805599453;
  for (int n = 13; n >= 1; n--)
    sum = 1.0 + sum * r / n;
  return ldexp (sum, (int) k);
}

static double
round_to (double x,
          double step)
{
  return floor (x / step + 0.5) * step;
}

/* Text helpers: integers and fixed-point by hand, so the locale never matters. */
static void
append_uint (GString *out,
             guint64  value)
{
  char digits[24];
  int n = 0;

  do
    {
      digits[n++] = (char) ('0' + value % 10);
      value /= 10;
    }
  while (value > 0);
  while (n > 0)
    g_string_append_c (out, digits[--n]);
}

static void
append_padded (GString *out,
               guint64  value,
               int      width)
{
  int digits = 1;

  for (guint64 v = value; v >= 10; v /= 10)
    digits++;
  for (; digits < width; digits++)
    g_string_append_c (out, '0');
  append_uint (out, value);
}

static void
append_number (GString *out,
               double   value)
{
  append_uint (out, (guint64) floor (value + 0.5));
}

static void
append_hundredths (GString *out,
                   double   value)
{
  guint64 cents = (guint64) floor (value * 100.0 + 0.5);

  append_uint (out, cents / 100);
  g_string_append_c (out, '.');
  append_padded (out, cents % 100, 2);
}

/* Quotes a field only when it holds a delimiter, a quote or a line break. */
static void
append_field (GString    *out,
              const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* Days since 1970-01-01 to a civil date (Hinnant's algorithm, integers only). */
static void
append_date (GString *out,
             gint64   days)
{
  gint64 z = days + 719468;
  gint64 era = z / 146097;
  gint64 doe = z - era * 146097;
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  gint64 mp = (5 * doy + 2) / 153;
  gint64 day = doy - (153 * mp + 2) / 5 + 1;
  gint64 month = mp < 10 ? mp + 3 : mp - 9;
  gint64 year = yoe + era * 400 + (month <= 2 ? 1 : 0);

  append_padded (out, (guint64) year, 4);
  g_string_append_c (out, '-');
  append_padded (out, (guint64) month, 2);
  g_string_append_c (out, '-');
  append_padded (out, (guint64) day, 2);
}

static const char header[] =
  "applicant_id,age,age_band,sex,marital_status,education,employment_type,years_employed,"
  "annual_income,co_applicant_income,loan_amount,loan_term_months,credit_score,"
  "debt_to_income,late_payments,home_ownership,purpose,region,application_date,currency,"
  "approved\n";

enum { EDU_PRIMARY, EDU_SECONDARY, EDU_VOCATIONAL, EDU_BACHELOR, EDU_MASTER, EDU_DOCTORATE };
enum { JOB_EMPLOYED, JOB_SELF, JOB_PART_TIME, JOB_UNEMPLOYED, JOB_RETIRED };
enum { MARITAL_SINGLE, MARITAL_MARRIED, MARITAL_DIVORCED, MARITAL_WIDOWED };
enum { HOME_RENT, HOME_MORTGAGE, HOME_OWN, HOME_OTHER };
enum { FOR_HOME, FOR_CAR, FOR_EDUCATION, FOR_BUSINESS, FOR_DEBT, FOR_MEDICAL, FOR_OTHER };

static const char *const education_names[] = {
  "primary", "secondary", "vocational", "bachelor", "master", "doctorate" };
static const double education_weights[] = { 0.05, 0.28, 0.20, 0.29, 0.14, 0.04 };
static const double education_income[] = { 22000, 30000, 34000, 46000, 58000, 70000 };

static const char *const job_names[] = {
  "employed", "self-employed", "part-time", "unemployed", "retired" };
/* employed, self-employed, part-time, unemployed: women work part-time far more often,
 * which makes employment_type a proxy for sex (see the bias note at the top). */
static const double job_weights_male[] = { 0.74, 0.14, 0.04, 0.08 };
static const double job_weights_female[] = { 0.58, 0.09, 0.25, 0.08 };
static const double job_income[] = { 1.0, 1.1, 0.55, 0.25, 0.6 };

static const char *const marital_names[] = { "single", "married", "divorced", "widowed" };
static const double marital_young[] = { 0.80, 0.18, 0.02, 0.00 };
static const double marital_middle[] = { 0.30, 0.55, 0.13, 0.02 };
static const double marital_old[] = { 0.10, 0.55, 0.15, 0.20 };

static const char *const home_names[] = { "rent", "mortgage", "own", "other" };
static const double home_young[] = { 0.70, 0.15, 0.05, 0.10 };
static const double home_older[] = { 0.38, 0.40, 0.19, 0.03 };

static const char *const purpose_names[] = {
  "home", "car", "education", "business", "debt consolidation", "medical", "other" };
static const double purpose_weights[] = { 0.18, 0.22, 0.08, 0.10, 0.25, 0.07, 0.10 };
static const double purpose_amount[] = { 150000, 18000, 15000, 60000, 12000, 6000, 8000 };
static const double purpose_spread[] = { 0.45, 0.40, 0.50, 0.70, 0.50, 0.60, 0.60 };

/* Five terms each, drawn with equal chance. */
#define N_TERMS 5
static const guint term_home[N_TERMS] = { 120, 180, 240, 300, 360 };
static const guint term_car[N_TERMS] = { 24, 36, 48, 60, 72 };
static const guint term_business[N_TERMS] = { 60, 84, 120, 180, 240 };
static const guint term_other[N_TERMS] = { 12, 24, 36, 48, 60 };

static const char *const region_names[] = { "North", "South", "East", "West", "Capital" };
static const double region_weights[] = { 0.22, 0.24, 0.18, 0.20, 0.16 };

static const char *
age_band (guint age)
{
  return age <= 25 ? "18-25" : age <= 35 ? "26-35" : age <= 45 ? "36-45"
         : age <= 60 ? "46-60" : "60+";
}

/* Appends row @index (0-based).  Every value is drawn in a fixed order from @rng; the
 * decision uses the true values, and missing cells are then blanked as an export would. */
static void
append_row (FwRng     *rng,
            guint64  index,
            GString *out)
{
  guint age = (guint) clamp (floor (41.0 + 13.0 * normal (rng) + 0.5), 18.0, 88.0);
  gboolean female = chance (rng, 0.49);
  const double *marital_w = age <= 25 ? marital_young : age < 60 ? marital_middle : marital_old;
  guint marital = pick (rng, marital_w, 4);
  guint education = pick (rng, education_weights, 6);
  guint job = age >= 63 && chance (rng, 0.75)
              ? JOB_RETIRED : pick (rng, female ? job_weights_female : job_weights_male, 4);
  gboolean working = job == JOB_EMPLOYED || job == JOB_SELF || job == JOB_PART_TIME;
  double years = working ? floor (uniform (rng) * MIN (age - 17, 45)) : 0.0;
  double experience = MIN ((double) age - 18.0, 30.0) / 30.0;
  double income = education_income[education] * job_income[job] * (0.75 + 0.5 * experience) *
                  det_exp ((job == JOB_SELF ? 0.55 : 0.35) * normal (rng));
  gboolean has_co = chance (rng, marital == MARITAL_MARRIED ? 0.75 : 0.08);
  double co_income = round_to (30000.0 * det_exp (0.5 * normal (rng)), 100.0);
  guint purpose = pick (rng, purpose_weights, 7);
  double amount = clamp (round_to (purpose_amount[purpose] *
                                   det_exp (purpose_spread[purpose] * normal (rng)), 500.0),
                         1000.0, G_MAXDOUBLE);
  const guint *terms = purpose == FOR_HOME ? term_home : purpose == FOR_CAR ? term_car
                       : purpose == FOR_BUSINESS ? term_business : term_other;
  guint term = terms[(guint) (uniform (rng) * N_TERMS)];
  guint late = 0;
  double score, dti, burden, logit;
  guint home, region;
  gint64 day;

  income = round_to (income, 100.0);
  if (chance (rng, 0.003))
    income = round_to (income * (8.0 + 17.0 * uniform (rng)), 100.0);
  while (late < 12 && chance (rng, late == 0 ? 0.45 : 0.40))
    late++;
  score = clamp (floor (700.0 + 55.0 * normal (rng) - 18.0 * late + 40.0 * experience + 0.5),
                 300.0, 850.0);
  dti = clamp (0.28 + 0.12 * normal (rng) + 0.02 * late, 0.0, 0.95);
  home = pick (rng, age <= 25 ? home_young : home_older, 4);
  region = pick (rng, region_weights, 5);
  day = FIRST_DAY + (gint64) (uniform (rng) * N_DAYS);

  /* Share of the household's yearly income the loan's repayments take, interest aside. */
  burden = MIN (1.0, amount / term * 12.0 / (income + (has_co ? co_income : 0.0)));
  logit = 0.55
          + 0.012 * (score - 680.0)
          - 5.0 * (dti - 0.28)
          - 6.0 * (burden - 0.10)
          - 0.25 * late
          + 0.03 * MIN (years, 20.0)
          - (job == JOB_UNEMPLOYED ? 0.8 : 0.0)
          + (home == HOME_OWN || home == HOME_MORTGAGE ? 0.25 : 0.0)
          - (female ? FEMALE_LOGIT_PENALTY : 0.0);

  g_string_append_c (out, 'A');
  append_padded (out, index + 1, 7);
  g_string_append_c (out, ',');
  append_uint (out, age);
  g_string_append_c (out, ',');
  g_string_append (out, age_band (age));
  g_string_append (out, female ? ",female," : ",male,");
  append_field (out, marital_names[marital]);
  g_string_append_c (out, ',');
  append_field (out, education_names[education]);
  g_string_append_c (out, ',');
  append_field (out, job_names[job]);
  g_string_append_c (out, ',');
  if (!chance (rng, 0.07))
    append_number (out, years);
  g_string_append_c (out, ',');
  if (!chance (rng, 0.04))
    append_number (out, income);
  g_string_append_c (out, ',');
  if (has_co)
    append_number (out, co_income);
  g_string_append_c (out, ',');
  append_number (out, amount);
  g_string_append_c (out, ',');
  append_uint (out, term);
  g_string_append_c (out, ',');
  if (!chance (rng, 0.03))
    append_number (out, score);
  else if (chance (rng, 0.25))
    g_string_append (out, "NA");
  g_string_append_c (out, ',');
  append_hundredths (out, dti);
  g_string_append_c (out, ',');
  append_uint (out, late);
  g_string_append_c (out, ',');
  append_field (out, home_names[home]);
  g_string_append_c (out, ',');
  append_field (out, purpose_names[purpose]);
  g_string_append_c (out, ',');
  append_field (out, region_names[region]);
  g_string_append_c (out, ',');
  append_date (out, day);
  g_string_append (out, ",EUR,");
  g_string_append (out, uniform (rng) * (1.0 + det_exp (-logit)) < 1.0 ? "yes\n" : "no\n");
}

static gboolean
check_rows (guint64   n_rows,
            GError  **error)
{
  if (n_rows >= 1 && n_rows <= FW_SAMPLE_MAX_ROWS)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("The number of rows must be between 1 and %d"), FW_SAMPLE_MAX_ROWS);
  return FALSE;
}

gboolean
fw_sample_write (GFile         *file,
                 guint64        n_rows,
                 guint64        seed,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(FwAtomicFile) out = NULL;
  g_autoptr(GString) chunk = NULL;
  FwRng rng;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_rows (n_rows, error))
    return FALSE;
  out = fw_atomic_file_new (file, cancellable, error);
  if (out == NULL)
    return FALSE;

  fw_rng_init (&rng, seed);
  chunk = g_string_sized_new (CHUNK_BYTES + 1024);
  g_string_append (chunk, header);
  for (guint64 i = 0; i < n_rows; i++)
    {
      append_row (&rng, i, chunk);
      if (chunk->len >= CHUNK_BYTES)
        {
          if (!fw_atomic_file_write (out, chunk->str, chunk->len, error))
            return FALSE;
          g_string_truncate (chunk, 0);
        }
      if (i % CANCEL_CHECK_ROWS == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }
  return fw_atomic_file_write (out, chunk->str, chunk->len, error) &&
         fw_atomic_file_commit (out, error);
}

GBytes *
fw_sample_generate (guint64 n_rows,
                    guint64 seed)
{
  GString *text;
  FwRng rng;

  g_return_val_if_fail (n_rows >= 1 && n_rows <= FW_SAMPLE_MAX_ROWS, NULL);

  fw_rng_init (&rng, seed);
  /* About 125 bytes a row; the pre-size is capped, the string grows past it if needed. */
  text = g_string_sized_new (sizeof header + MIN (n_rows, 1000000) * 128);
  g_string_append (text, header);
  for (guint64 i = 0; i < n_rows; i++)
    append_row (&rng, i, text);
  return g_string_free_to_bytes (text);
}
