/* limits.h - the resource budget every reader of outside input keeps to
 * (docs/limits.md). The command line may lower or raise the two sizes;
 * everything else is derived from them or fixed here. */
#ifndef DRIP_LIMITS_H
#define DRIP_LIMITS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    size_t max_memory;   /* --max-memory: bytes one input may take once read and decoded */
    size_t max_response; /* --max-response: bytes of one HTTP response (drip watch) */
} Limits;

extern Limits limits;

#define LIMIT_MEMORY_DEFAULT ((size_t)1 << 30)
#define LIMIT_RESPONSE_DEFAULT ((size_t)256 << 20)
/* gzip input may inflate to GZ_RATIO times its size, or GZ_RATIO_FLOOR
 * bytes if that is more, and never past max_memory. */
#define GZ_RATIO 64
#define GZ_RATIO_FLOOR ((size_t)64 << 20)

/* Largest inflated size accepted for n bytes of gzip input. */
size_t limit_inflated(size_t n);

/* "1G", "256M", "64k", "1048576": bytes, with binary suffixes K M G T
 * (case-insensitive, an optional trailing "iB" or "B"). False on bad input,
 * zero or overflow. */
bool limit_parse_size(const char *s, size_t *out);

/* "1 GiB", "256 MiB", "1000 bytes": for messages. */
void limit_fmt_size(char *buf, size_t n, size_t v);

#endif
