/* skip.h - paths a walk could not read, each said once with its reason,
 * grouped when there are many: the first SKIP_SHOWN per reason are named,
 * the rest counted ("... and 11,072 more vanished during the walk"). */
#ifndef DRIP_SKIP_H
#define DRIP_SKIP_H

#include <stddef.h>

#include "array.h"

#define SKIP_SHOWN 10

typedef struct {
    int err;          /* errno, or an EDRIP_* code */
    const char *what; /* how it is said, e.g. "vanished during the walk" */
    size_t count;
} SkipReason;

typedef struct {
    Array(SkipReason) reasons;
    size_t total;
} SkipLog;

/* Notes that path was skipped for err; what (static) says it in words, or
 * NULL for file_strerror(err). Prints a warning for the first few. */
void skip_note(SkipLog *l, const char *path, int err, const char *what);
/* Prints the counts of the skipped paths not named, and frees l. */
void skip_flush(SkipLog *l);

/* The words for err met while walking: ENOENT after listing means the
 * file went away; ELOOP a link that loops; EDRIP_NOTREG a FIFO, device
 * or socket. */
const char *skip_reason(int err);

#endif
