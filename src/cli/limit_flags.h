/* limit_flags.h - --max-memory (and, for drip watch, --max-response): the
 * resource budget of src/util/limits.h on the command line. Header-only so
 * each command keeps its own option table. */
#ifndef DRIP_LIMIT_FLAGS_H
#define DRIP_LIMIT_FLAGS_H

#include "../util/limits.h"
#include "../util/util.h"

typedef struct {
    const char *max_memory;   /* NULL: the default */
    const char *max_response;
} LimitFlags;

#define LIMIT_MEMORY_OPT(lf)                                                                     \
    {"max-memory", 0, OPT_STRING, &(lf).max_memory, "SIZE",                                       \
     "memory one input may take once read and decoded, e.g. 512M, 4G (default 1G)"}
#define LIMIT_RESPONSE_OPT(lf)                                                                   \
    {"max-response", 0, OPT_STRING, &(lf).max_response, "SIZE",                                   \
     "bytes one HTTP response may have; larger polls are gaps (default 256M)"}

/* Sets the global limits; false after an error message on a bad size. */
static inline bool limit_flags_apply(const LimitFlags *lf)
{
    if (lf->max_memory && !limit_parse_size(lf->max_memory, &limits.max_memory)) {
        error_msg("--max-memory '%s' is not a size (e.g. 512M, 1G, 1048576)", lf->max_memory);
        return false;
    }
    if (lf->max_response && !limit_parse_size(lf->max_response, &limits.max_response)) {
        error_msg("--max-response '%s' is not a size (e.g. 64M, 256M)", lf->max_response);
        return false;
    }
    return true;
}

#endif
