/* fw-protobuf.h — writing Protocol Buffers wire format into a growable buffer
 *
 * Just enough of the encoding (https://protobuf.dev/programming-guides/encoding/) to write
 * an ONNX model without libprotobuf: varints, 64-bit integers as varints, fixed32 floats,
 * fixed64 doubles, length-delimited bytes, strings and nested messages, packed repeated
 * numbers.  A nested message is built in a buffer of its own and then appended whole,
 * since its length has to come before its bytes.  Writing never fails (GLib aborts when
 * memory runs out); callers that take sizes from input bound them first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _FwProtobuf FwProtobuf;

FwProtobuf   *fw_protobuf_new          (void);
void          fw_protobuf_free         (FwProtobuf *pb);

gsize         fw_protobuf_length       (const FwProtobuf *pb);
const guint8 *fw_protobuf_data         (const FwProtobuf *pb);

/* Wire type 0.  Negative int64/int32 values are written as ten-byte varints, as protobuf's
 * int64 and int32 types are. */
void          fw_protobuf_add_varint   (FwProtobuf  *pb,
                                        guint        field,
                                        guint64      value);
void          fw_protobuf_add_int64    (FwProtobuf  *pb,
                                        guint        field,
                                        gint64       value);
/* Wire type 5: a float, little-endian. */
void          fw_protobuf_add_float    (FwProtobuf  *pb,
                                        guint        field,
                                        float        value);
/* Wire type 2: bytes, a UTF-8 string (without its NUL), an encoded message. */
void          fw_protobuf_add_bytes    (FwProtobuf  *pb,
                                        guint        field,
                                        const void  *data,
                                        gsize        length);
void          fw_protobuf_add_string   (FwProtobuf  *pb,
                                        guint        field,
                                        const char  *text);
void          fw_protobuf_add_message  (FwProtobuf       *pb,
                                        guint             field,
                                        const FwProtobuf *message);
/* Appends @fields, already-encoded fields of the same message (repeated ones built apart). */
void          fw_protobuf_add_raw      (FwProtobuf       *pb,
                                        const FwProtobuf *fields);
/* Packed repeated fields: one length-delimited run of the values. */
void          fw_protobuf_add_packed_int64 (FwProtobuf   *pb,
                                            guint         field,
                                            const gint64 *values,
                                            gsize         n);
void          fw_protobuf_add_packed_float (FwProtobuf   *pb,
                                            guint         field,
                                            const float  *values,
                                            gsize         n);
void          fw_protobuf_add_packed_double (FwProtobuf   *pb,
                                             guint         field,
                                             const double *values,
                                             gsize         n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwProtobuf, fw_protobuf_free)

G_END_DECLS
