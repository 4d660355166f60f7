/* fw-onnx-dates.c — a date's year, month and weekday from its days since 1970-01-01
 *
 * A date input holds days (NaN: missing), so the graph parses nothing.  The parts come by
 * the civil-from-days algorithm of H. Hinnant's "chrono-Compatible Low-Level Date
 * Algorithms", in double: the floor of a quotient of integers below 2^53 is exact, and NaN
 * passes every step, so a missing date gives missing parts, as fw_preprocessor_date_part
 * does for a cell that is no date.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fw-onnx-private.h"

/* 1970-01-01 less 0000-03-01, in days: the algorithm counts from a March 1st, so that a
 * leap day ends its year. */
#define DAYS_FROM_MARCH_0000 719468.0
#define DAYS_PER_ERA         146097.0   /* 400 Gregorian years */

static const char *
op (FwOnnxGraph *graph,
    const char  *op_type,
    const char  *x,
    double       y)
{
  return fw_onnx_node_output (fw_onnx_graph_node (graph, NULL, op_type, NULL, x,
                                                  fw_onnx_graph_double (graph, y), NULL));
}

static const char *
op_values (FwOnnxGraph *graph,
           const char  *op_type,
           const char  *x,
           const char  *y)
{
  return fw_onnx_node_output (fw_onnx_graph_node (graph, NULL, op_type, NULL, x, y, NULL));
}

/* ⌊x / divisor⌋ */
static const char *
floor_div (FwOnnxGraph *graph,
           const char  *x,
           double       divisor)
{
  const char *q = op (graph, "Div", x, divisor);

  return fw_onnx_node_output (fw_onnx_graph_node (graph, NULL, "Floor", NULL, q, NULL));
}

/* One value made per statement, so that the file's names do not depend on the order a
 * compiler evaluates arguments in. */
const char *
fw_onnx_date_part (FwOnnxGraph *graph,
                   const char  *days,
                   FwDatePart   part)
{
  const char *d, *t, *z, *era, *doe, *yoe, *doy, *mp, *month, *a, *c, *one, *zero;

  d = fw_onnx_node_output (fw_onnx_graph_node (graph, NULL, "Floor", NULL, days, NULL));
  if (part == FW_DATE_WEEKDAY)
    {
      /* 1970-01-01 was a Thursday, 4 with Monday 1. */
      t = op (graph, "Add", d, 3.0);
      a = floor_div (graph, t, 7.0);
      a = op (graph, "Mul", a, 7.0);
      t = op_values (graph, "Sub", t, a);
      return op (graph, "Add", t, 1.0);
    }
  z = op (graph, "Add", d, DAYS_FROM_MARCH_0000);
  era = floor_div (graph, z, DAYS_PER_ERA);
  a = op (graph, "Mul", era, DAYS_PER_ERA);
  doe = op_values (graph, "Sub", z, a);                     /* day of era, 0 … 146096 */
  /* yoe = ⌊(doe − ⌊doe/1460⌋ + ⌊doe/36524⌋ − ⌊doe/146096⌋) / 365⌋, 0 … 399 */
  a = floor_div (graph, doe, 1460.0);
  t = op_values (graph, "Sub", doe, a);
  a = floor_div (graph, doe, 36524.0);
  t = op_values (graph, "Add", t, a);
  a = floor_div (graph, doe, 146096.0);
  t = op_values (graph, "Sub", t, a);
  yoe = floor_div (graph, t, 365.0);
  /* doy = doe − (365·yoe + ⌊yoe/4⌋ − ⌊yoe/100⌋), 0 … 365 from March 1st */
  t = op (graph, "Mul", yoe, 365.0);
  a = floor_div (graph, yoe, 4.0);
  t = op_values (graph, "Add", t, a);
  a = floor_div (graph, yoe, 100.0);
  t = op_values (graph, "Sub", t, a);
  doy = op_values (graph, "Sub", doe, t);
  /* mp = ⌊(5·doy + 2) / 153⌋, 0 (March) … 11 (February) */
  t = op (graph, "Mul", doy, 5.0);
  t = op (graph, "Add", t, 2.0);
  mp = floor_div (graph, t, 153.0);
  c = op (graph, "GreaterOrEqual", mp, 10.0);
  a = op (graph, "Sub", mp, 9.0);
  t = op (graph, "Add", mp, 3.0);
  month = fw_onnx_node_output (fw_onnx_graph_node (graph, NULL, "Where", NULL, c, a, t, NULL));
  if (part == FW_DATE_MONTH)
    return month;
  /* year = yoe + 400·era, one more in January and February */
  a = op (graph, "Mul", era, 400.0);
  t = op_values (graph, "Add", yoe, a);
  c = op (graph, "Less", month, 3.0);
  one = fw_onnx_graph_double (graph, 1.0);
  zero = fw_onnx_graph_double (graph, 0.0);
  a = fw_onnx_node_output (fw_onnx_graph_node (graph, NULL, "Where", NULL, c, one, zero, NULL));
  return op_values (graph, "Add", t, a);
}
