/* gz.h - read a whole file or memory buffer that may be gzip-compressed.
 * Input that starts with the gzip magic (1f 8b) is inflated with zlib
 * (concatenated members too); anything else is returned as it is. */
#ifndef DRIP_GZ_H
#define DRIP_GZ_H

#include <stdbool.h>
#include <stddef.h>

/* The inflated size is bounded by limit_inflated (limits.h): relative to
 * the input and by --max-memory, so a small bomb cannot eat the machine. */

typedef struct {
    unsigned char *data; /* xmalloc'd, NUL-terminated (data[len] == 0) */
    size_t len;
    bool was_gzip;       /* true when the input was gzip-compressed */
    bool partial;        /* gz_read_buffer_partial: cut short or corrupt */
} GzData;

/* True when the bytes start with the gzip magic. */
bool gz_is_gzip(const void *p, size_t n);

/* Inflates (or copies) n bytes at p into *out. On failure returns false and
 * writes a lower-case reason into err (e.g. "truncated gzip data"). */
bool gz_read_buffer(const void *p, size_t n, GzData *out, char *err, size_t errlen);

/* gz_read_buffer, but gzip data that is truncated or corrupt (a bad
 * checksum included) still gives what inflated before the fault: then
 * out->partial is set and err says why. False when nothing inflated. */
bool gz_read_buffer_partial(const void *p, size_t n, GzData *out, char *err, size_t errlen);

/* Reads path ("-" is stdin) and inflates it when gzip. On failure returns
 * false with the reason in err: the strerror text for I/O errors. */
bool gz_read_file(const char *path, GzData *out, char *err, size_t errlen);

void gz_data_free(GzData *d);

#endif
