/* pprof_wire.c - protobuf wire-format primitives. */
#include "pprof_wire.h"

void pb_init(PbReader *r, const unsigned char *base, const unsigned char *p, size_t len)
{
    r->base = base;
    r->p = p;
    r->end = p + len;
    r->error = NULL;
    r->error_at = 0;
}

void pb_fail(PbReader *r, const char *msg)
{
    if (!r->error) {
        r->error = msg;
        r->error_at = (size_t)(r->p - r->base);
    }
    r->p = r->end;
}

static bool read_varint(PbReader *r, uint64_t *out)
{
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (r->p >= r->end) {
            pb_fail(r, "truncated varint");
            return false;
        }
        unsigned char b = *r->p++;
        if (shift == 63 && b > 1) {
            pb_fail(r, "varint overflows 64 bits");
            return false;
        }
        v |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80)) {
            *out = v;
            return true;
        }
    }
    pb_fail(r, "varint longer than 10 bytes");
    return false;
}

bool pb_next(PbReader *r, PbField *f)
{
    if (r->error || r->p >= r->end)
        return false;
    uint64_t key;
    if (!read_varint(r, &key))
        return false;
    f->field = (uint32_t)(key >> 3);
    f->wire = (int)(key & 7);
    if ((key >> 3) == 0 || (key >> 3) > 0x1fffffff) {
        pb_fail(r, "invalid field number");
        return false;
    }
    f->data = NULL;
    f->len = 0;
    f->u = 0;
    switch (f->wire) {
    case PB_VARINT:
        return read_varint(r, &f->u);
    case PB_I64:
        if ((size_t)(r->end - r->p) < 8) {
            pb_fail(r, "truncated fixed64 field");
            return false;
        }
        for (int i = 7; i >= 0; i--)
            f->u = (f->u << 8) | r->p[i];
        r->p += 8;
        return true;
    case PB_I32:
        if ((size_t)(r->end - r->p) < 4) {
            pb_fail(r, "truncated fixed32 field");
            return false;
        }
        for (int i = 3; i >= 0; i--)
            f->u = (f->u << 8) | r->p[i];
        r->p += 4;
        return true;
    case PB_LEN: {
        uint64_t n;
        if (!read_varint(r, &n))
            return false;
        if (n > (uint64_t)(r->end - r->p)) {
            pb_fail(r, "length-delimited field runs past the end of its message");
            return false;
        }
        f->data = r->p;
        f->len = (size_t)n;
        r->p += n;
        return true;
    }
    default:
        pb_fail(r, "unsupported wire type (groups or invalid)");
        return false;
    }
}

void pb_sub(const PbReader *parent, const PbField *f, PbReader *sub)
{
    pb_init(sub, parent->base, f->data, f->len);
}

bool pb_packed_varint(PbReader *r, uint64_t *v)
{
    if (r->error || r->p >= r->end)
        return false;
    return read_varint(r, v);
}

size_t pb_count_varints(const unsigned char *p, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (!(p[i] & 0x80))
            n++;
    return n;
}
