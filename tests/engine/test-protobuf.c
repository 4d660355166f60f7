/* test-protobuf.c — the wire format, byte for byte, against the examples of the Protocol
 * Buffers encoding guide (https://protobuf.dev/programming-guides/encoding/) and IEEE 754
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fw-protobuf.h"

static void
assert_bytes (const FwProtobuf *pb,
              const guint8     *expected,
              gsize             n)
{
  g_assert_cmpmem (fw_protobuf_data (pb), fw_protobuf_length (pb), expected, n);
}

static void
test_varint (void)
{
  g_autoptr(FwProtobuf) pb = fw_protobuf_new ();
  /* The guide's first example: field 1 = 150. */
  static const guint8 expected[] = { 0x08, 0x96, 0x01, 0x10, 0x00, 0x18, 0xac, 0x02 };

  fw_protobuf_add_varint (pb, 1, 150);
  fw_protobuf_add_varint (pb, 2, 0);
  fw_protobuf_add_varint (pb, 3, 300);
  assert_bytes (pb, expected, sizeof expected);
}

static void
test_negative_int64 (void)
{
  g_autoptr(FwProtobuf) pb = fw_protobuf_new ();
  /* Two's complement: ten bytes, the last holding the top bit. */
  static const guint8 expected[] = { 0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                     0xff, 0x01 };

  fw_protobuf_add_int64 (pb, 1, -1);
  assert_bytes (pb, expected, sizeof expected);
}

static void
test_large_field_number (void)
{
  g_autoptr(FwProtobuf) pb = fw_protobuf_new ();
  /* (20 << 3) | 0 = 160 needs two bytes. */
  static const guint8 expected[] = { 0xa0, 0x01, 0x08 };

  fw_protobuf_add_varint (pb, 20, 8);
  assert_bytes (pb, expected, sizeof expected);
}

static void
test_string_and_message (void)
{
  g_autoptr(FwProtobuf) inner = fw_protobuf_new ();
  g_autoptr(FwProtobuf) outer = fw_protobuf_new ();
  /* The guide's "testing" string, then its nested message example: field 3 { 1: 150 }. */
  static const guint8 expected[] = { 0x12, 0x07, 't', 'e', 's', 't', 'i', 'n', 'g',
                                     0x1a, 0x03, 0x08, 0x96, 0x01, 0x22, 0x00 };

  fw_protobuf_add_varint (inner, 1, 150);
  fw_protobuf_add_string (outer, 2, "testing");
  fw_protobuf_add_message (outer, 3, inner);
  fw_protobuf_add_bytes (outer, 4, NULL, 0);
  assert_bytes (outer, expected, sizeof expected);
}

static void
test_fixed (void)
{
  g_autoptr(FwProtobuf) pb = fw_protobuf_new ();
  static const double doubles[] = { 1.0, -2.0 };
  /* 1.0f is 0x3f800000 and -2.0 is 0xc000000000000000, little-endian. */
  static const guint8 expected[] = { 0x15, 0x00, 0x00, 0x80, 0x3f,
                                     0x52, 0x10, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f,
                                     0, 0, 0, 0, 0, 0, 0x00, 0xc0 };

  fw_protobuf_add_float (pb, 2, 1.0f);
  fw_protobuf_add_packed_double (pb, 10, doubles, 2);
  assert_bytes (pb, expected, sizeof expected);
}

static void
test_packed (void)
{
  g_autoptr(FwProtobuf) pb = fw_protobuf_new ();
  g_autoptr(FwProtobuf) raw = fw_protobuf_new ();
  static const gint64 ints[] = { 3, 270, 86942 };
  static const float floats[] = { 0.5f };
  /* The guide's packed example (field 4: 3, 270, 86942), a packed float, an empty run,
   * then fields appended raw. */
  static const guint8 expected[] = { 0x22, 0x06, 0x03, 0x8e, 0x02, 0x9e, 0xa7, 0x05,
                                     0x2a, 0x04, 0x00, 0x00, 0x00, 0x3f,
                                     0x2a, 0x00,
                                     0x08, 0x01 };

  fw_protobuf_add_packed_int64 (pb, 4, ints, G_N_ELEMENTS (ints));
  fw_protobuf_add_packed_float (pb, 5, floats, 1);
  fw_protobuf_add_packed_float (pb, 5, NULL, 0);
  fw_protobuf_add_varint (raw, 1, 1);
  fw_protobuf_add_raw (pb, raw);
  assert_bytes (pb, expected, sizeof expected);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/protobuf/varint", test_varint);
  g_test_add_func ("/engine/protobuf/negative-int64", test_negative_int64);
  g_test_add_func ("/engine/protobuf/large-field-number", test_large_field_number);
  g_test_add_func ("/engine/protobuf/string-and-message", test_string_and_message);
  g_test_add_func ("/engine/protobuf/fixed", test_fixed);
  g_test_add_func ("/engine/protobuf/packed", test_packed);
  return g_test_run ();
}
