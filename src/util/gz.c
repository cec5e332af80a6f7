/* gz.c - whole-file and in-memory gzip reading with zlib. */
#include "gz.h"

#include <errno.h>
#include <string.h>
#include <zlib.h>

#include "limits.h"
#include "util.h"

bool gz_is_gzip(const void *p, size_t n)
{
    const unsigned char *b = p;
    return n >= 2 && b[0] == 0x1f && b[1] == 0x8b;
}

static bool fail(char *err, size_t errlen, const char *msg)
{
    if (err && errlen)
        snprintf(err, errlen, "%s", msg);
    return false;
}

static bool too_big(char *err, size_t errlen, size_t n, size_t max)
{
    char lim[32], mem[32];
    limit_fmt_size(lim, sizeof lim, max);
    limit_fmt_size(mem, sizeof mem, limits.max_memory);
    snprintf(err, errlen,
             "gzip data inflates to more than %s, the limit for %zu bytes of input (%d times the input, at "
             "least %zu MiB, at most --max-memory %s)",
             lim, n, GZ_RATIO, GZ_RATIO_FLOOR >> 20, mem);
    return false;
}

/* Ends inflate_all on truncated or corrupt data: fails, or, when the
 * caller takes partial data, hands over what was inflated so far. */
static bool cut_short(z_stream *zs, unsigned char *buf, size_t len, bool partial_ok, GzData *out, char *err,
                      size_t errlen, const char *msg)
{
    inflateEnd(zs);
    fail(err, errlen, msg);
    if (!partial_ok || len == 0) {
        free(buf);
        return false;
    }
    buf[len] = 0;
    out->data = buf;
    out->len = len;
    out->was_gzip = true;
    out->partial = true;
    return true;
}

static bool inflate_all(const unsigned char *in, size_t n, GzData *out, bool partial_ok, char *err, size_t errlen)
{
    size_t max = limit_inflated(n);
    size_t cap = MIN(n * 4 + 1024, max), len = 0;
    unsigned char *buf = xmalloc(cap + 1);
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    /* 15 + 32: zlib or gzip header, detected automatically. */
    if (inflateInit2(&zs, 15 + 32) != Z_OK) {
        free(buf);
        return fail(err, errlen, "cannot initialize zlib");
    }
    size_t pos = 0;
    int rc = Z_OK;
    for (;;) {
        if (len == cap) {
            if (cap >= max) {
                inflateEnd(&zs);
                free(buf);
                return too_big(err, errlen, n, max);
            }
            cap = MIN(cap * 2, max);
            buf = xrealloc(buf, cap + 1);
        }
        size_t in_chunk = MIN(n - pos, (size_t)1 << 30);
        size_t out_chunk = MIN(cap - len, (size_t)1 << 30);
        zs.next_in = (unsigned char *)in + pos;
        zs.avail_in = (uInt)in_chunk;
        zs.next_out = buf + len;
        zs.avail_out = (uInt)out_chunk;
        rc = inflate(&zs, Z_NO_FLUSH);
        pos += in_chunk - zs.avail_in;
        len += out_chunk - zs.avail_out;
        if (rc == Z_STREAM_END) {
            /* Another gzip member may follow (as `cat a.gz b.gz` makes). */
            if (pos < n && gz_is_gzip(in + pos, n - pos)) {
                inflateReset(&zs);
                continue;
            }
            break;
        }
        if ((rc == Z_BUF_ERROR || rc == Z_OK) && pos == n && zs.avail_out > 0)
            return cut_short(&zs, buf, len, partial_ok, out, err, errlen, "truncated gzip data");
        if (rc != Z_OK && rc != Z_BUF_ERROR) {
            char msg[160];
            snprintf(msg, sizeof msg, "corrupt gzip data: %s", zs.msg ? zs.msg : "inflate failed");
            return cut_short(&zs, buf, len, partial_ok, out, err, errlen, msg);
        }
    }
    inflateEnd(&zs);
    buf[len] = 0;
    out->data = buf;
    out->len = len;
    out->was_gzip = true;
    return true;
}

bool gz_read_buffer(const void *p, size_t n, GzData *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (gz_is_gzip(p, n))
        return inflate_all(p, n, out, false, err, errlen);
    out->data = xmalloc(n + 1);
    if (n)
        memcpy(out->data, p, n);
    out->data[n] = 0;
    out->len = n;
    return true;
}

bool gz_read_file(const char *path, GzData *out, char *err, size_t errlen)
{
    FileData fd;
    memset(out, 0, sizeof *out);
    if (!file_read(path, &fd))
        return fail(err, errlen, strerror(errno));
    if (!gz_is_gzip(fd.data, fd.len)) {
        /* file_read's buffer is already NUL-terminated: hand it over. */
        out->data = (unsigned char *)fd.data;
        out->len = fd.len;
        return true;
    }
    bool ok = inflate_all((unsigned char *)fd.data, fd.len, out, false, err, errlen);
    file_data_free(&fd);
    return ok;
}

bool gz_read_buffer_partial(const void *p, size_t n, GzData *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (gz_is_gzip(p, n))
        return inflate_all(p, n, out, true, err, errlen);
    return gz_read_buffer(p, n, out, err, errlen);
}

void gz_data_free(GzData *d)
{
    free(d->data);
    d->data = NULL;
    d->len = 0;
}
