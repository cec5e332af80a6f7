/* pprof_wire.h - protobuf wire-format reading with strict bounds checks.
 * A PbReader walks one message; every read checks the remaining length and
 * records the first error with its byte offset instead of crashing. */
#ifndef DRIP_PPROF_WIRE_H
#define DRIP_PPROF_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { PB_VARINT = 0, PB_I64 = 1, PB_LEN = 2, PB_I32 = 5 };

typedef struct {
    const unsigned char *base; /* start of the whole buffer, for offsets */
    const unsigned char *p;    /* next byte */
    const unsigned char *end;  /* one past the message */
    const char *error;         /* first error, or NULL */
    size_t error_at;           /* byte offset of the error */
} PbReader;

typedef struct {
    uint32_t field;
    int wire;
    uint64_t u;                /* varint, i64 or i32 value */
    const unsigned char *data; /* PB_LEN payload */
    size_t len;
} PbField;

void pb_init(PbReader *r, const unsigned char *base, const unsigned char *p, size_t len);
/* Reads the next field; false at the end of the message or on error. */
bool pb_next(PbReader *r, PbField *f);
/* A reader over a PB_LEN payload (nested message or packed array), which
 * shares the parent's base so offsets stay absolute. */
void pb_sub(const PbReader *parent, const PbField *f, PbReader *sub);
/* Reads one varint from a packed payload reader; false at its end. */
bool pb_packed_varint(PbReader *r, uint64_t *v);
/* Counts the varints of a packed payload (for sizing arrays). */
size_t pb_count_varints(const unsigned char *p, size_t len);
void pb_fail(PbReader *r, const char *msg);

#endif
