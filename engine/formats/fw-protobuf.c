/* fw-protobuf.c — Protocol Buffers wire format, written by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include "fw-protobuf.h"

enum {
  WIRE_VARINT = 0,
  WIRE_LENGTH = 2,
  WIRE_FIXED32 = 5,
};

struct _FwProtobuf
{
  GByteArray *bytes;
};

FwProtobuf *
fw_protobuf_new (void)
{
  FwProtobuf *pb = g_new (FwProtobuf, 1);

  pb->bytes = g_byte_array_new ();
  return pb;
}

void
fw_protobuf_free (FwProtobuf *pb)
{
  if (pb == NULL)
    return;
  g_byte_array_unref (pb->bytes);
  g_free (pb);
}

gsize
fw_protobuf_length (const FwProtobuf *pb)
{
  g_return_val_if_fail (pb != NULL, 0);
  return pb->bytes->len;
}

const guint8 *
fw_protobuf_data (const FwProtobuf *pb)
{
  g_return_val_if_fail (pb != NULL, NULL);
  return pb->bytes->data;
}

/* Seven bits a byte, least significant first, the high bit saying "more follows". */
static void
put_varint (FwProtobuf *pb,
            guint64     value)
{
  guint8 buf[10];
  guint n = 0;

  do
    {
      buf[n] = value & 0x7f;
      value >>= 7;
      if (value != 0)
        buf[n] |= 0x80;
      n++;
    }
  while (value != 0);
  g_byte_array_append (pb->bytes, buf, n);
}

static void
put_key (FwProtobuf *pb,
         guint       field,
         guint       wire_type)
{
  g_assert (field > 0 && field < (1u << 29));
  put_varint (pb, ((guint64) field << 3) | wire_type);
}

void
fw_protobuf_add_varint (FwProtobuf *pb,
                        guint       field,
                        guint64     value)
{
  g_return_if_fail (pb != NULL);
  put_key (pb, field, WIRE_VARINT);
  put_varint (pb, value);
}

void
fw_protobuf_add_int64 (FwProtobuf *pb,
                       guint       field,
                       gint64      value)
{
  /* Two's complement, as protobuf's int64 encodes a negative number. */
  fw_protobuf_add_varint (pb, field, (guint64) value);
}

static void
put_float (FwProtobuf *pb,
           float       value)
{
  guint32 bits;
  guint8 le[4];

  memcpy (&bits, &value, sizeof bits);
  for (guint i = 0; i < 4; i++)
    le[i] = (bits >> (8 * i)) & 0xff;
  g_byte_array_append (pb->bytes, le, sizeof le);
}

void
fw_protobuf_add_float (FwProtobuf *pb,
                       guint       field,
                       float       value)
{
  g_return_if_fail (pb != NULL);
  put_key (pb, field, WIRE_FIXED32);
  put_float (pb, value);
}

void
fw_protobuf_add_bytes (FwProtobuf *pb,
                       guint       field,
                       const void *data,
                       gsize       length)
{
  g_return_if_fail (pb != NULL);
  g_return_if_fail (data != NULL || length == 0);
  /* GByteArray lengths are guint; callers bound what they write well below that. */
  g_return_if_fail (length <= G_MAXUINT - pb->bytes->len - 16);

  put_key (pb, field, WIRE_LENGTH);
  put_varint (pb, length);
  if (length > 0)
    g_byte_array_append (pb->bytes, data, (guint) length);
}

void
fw_protobuf_add_string (FwProtobuf *pb,
                        guint       field,
                        const char *text)
{
  g_return_if_fail (text != NULL);
  fw_protobuf_add_bytes (pb, field, text, strlen (text));
}

void
fw_protobuf_add_message (FwProtobuf       *pb,
                         guint             field,
                         const FwProtobuf *message)
{
  g_return_if_fail (message != NULL);
  fw_protobuf_add_bytes (pb, field, message->bytes->data, message->bytes->len);
}

void
fw_protobuf_add_raw (FwProtobuf       *pb,
                     const FwProtobuf *fields)
{
  g_return_if_fail (pb != NULL && fields != NULL);
  g_return_if_fail (fields->bytes->len <= G_MAXUINT - pb->bytes->len);
  g_byte_array_append (pb->bytes, fields->bytes->data, fields->bytes->len);
}

void
fw_protobuf_add_packed_int64 (FwProtobuf   *pb,
                              guint         field,
                              const gint64 *values,
                              gsize         n)
{
  g_autoptr(FwProtobuf) run = fw_protobuf_new ();

  g_return_if_fail (values != NULL || n == 0);
  for (gsize i = 0; i < n; i++)
    put_varint (run, (guint64) values[i]);
  fw_protobuf_add_message (pb, field, run);
}

void
fw_protobuf_add_packed_double (FwProtobuf   *pb,
                               guint         field,
                               const double *values,
                               gsize         n)
{
  g_autoptr(FwProtobuf) run = fw_protobuf_new ();

  g_return_if_fail (values != NULL || n == 0);
  for (gsize i = 0; i < n; i++)
    {
      guint64 bits;
      guint8 le[8];

      memcpy (&bits, &values[i], sizeof bits);
      for (guint b = 0; b < 8; b++)
        le[b] = (bits >> (8 * b)) & 0xff;
      g_byte_array_append (run->bytes, le, sizeof le);
    }
  fw_protobuf_add_message (pb, field, run);
}

void
fw_protobuf_add_packed_float (FwProtobuf  *pb,
                              guint        field,
                              const float *values,
                              gsize        n)
{
  g_autoptr(FwProtobuf) run = fw_protobuf_new ();

  g_return_if_fail (values != NULL || n == 0);
  for (gsize i = 0; i < n; i++)
    put_float (run, values[i]);
  fw_protobuf_add_message (pb, field, run);
}
