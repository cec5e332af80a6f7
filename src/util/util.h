/* util.h - allocation wrappers, diagnostics helpers and small utilities
 * shared by every part of drip. */
#ifndef DRIP_UTIL_H
#define DRIP_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PRINTF(f, a) __attribute__((format(printf, f, a)))
/* A function whose unsigned arithmetic wraps on purpose (a hash), exempt
 * from -fsanitize=integer's unsigned-overflow check. */
#if defined(__clang__)
#define DRIP_WRAPS __attribute__((no_sanitize("unsigned-integer-overflow", "implicit-conversion")))
#else
#define DRIP_WRAPS
#endif
#define NORETURN __attribute__((noreturn))
#define UNUSED(x) ((void)(x))
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

/* BUG reports a broken invariant with the C source position and aborts. */
#define BUG(...) bug_at(__FILE__, __LINE__, __VA_ARGS__)
NORETURN void bug_at(const char *file, int line, const char *fmt, ...) PRINTF(3, 4);

/* Allocation: these never return NULL; they abort with a message instead. */
void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) PRINTF(1, 2);

/* Messages to stderr, prefixed "drip: error: " / "drip: warning: ". */
void error_msg(const char *fmt, ...) PRINTF(1, 2);
void warn_msg(const char *fmt, ...) PRINTF(1, 2);
void note_msg(const char *fmt, ...) PRINTF(1, 2);
NORETURN void die(const char *fmt, ...) PRINTF(1, 2);

/* A whole file read into memory, NUL-terminated (data[len] == 0). */
typedef struct {
    char *data;
    size_t len;
} FileData;

/* Reads path ("-" is stdin) whole. Returns false and sets errno on
 * failure: EDRIP_NOTREG for a FIFO, device or socket (unless FILE_STREAM),
 * ELOOP for a symbolic link under FILE_NOFOLLOW, EFBIG past --max-memory.
 * Never blocks on opening a FIFO. */
enum {
    FILE_STREAM = 1,   /* a FIFO or device is read too: the user named it */
    FILE_NOFOLLOW = 2, /* a symbolic link is refused (ELOOP) */
};
#define EDRIP_NOTREG 0x10000  /* errno-like code: not a regular file */
#define EDRIP_SYMLINK 0x10001 /* errno-like code: a symbolic link under FILE_NOFOLLOW */
#define EDRIP_DANGLING 0x10002 /* errno-like code: a symbolic link to nothing */
/* 0 when path is a regular file (links followed), else why not: errno of
 * stat, EISDIR, EDRIP_NOTREG or EDRIP_DANGLING. */
int path_not_regular(const char *path);
bool file_read(const char *path, FileData *out);
bool file_read_ex(const char *path, FileData *out, int flags);
/* strerror, knowing EDRIP_NOTREG and saying what EFBIG means here. */
const char *file_strerror(int err);
void file_data_free(FileData *fd);

/* Monotonic time in seconds. */
double now_seconds(void);

/* Number of online CPUs (at least 1). */
int cpu_count(void);

/* True when output to fd should be colored: a TTY and NO_COLOR unset. */
bool use_color(int fd);

bool str_has_prefix(const char *s, const char *prefix);
bool str_has_suffix(const char *s, const char *suffix);
/* For did-you-mean: how close typed is to cand, lower is closer; a value
 * of 3 or more means not close (a prefix of 2 or more characters counts 1,
 * otherwise the edit distance). */
int str_closeness(const char *typed, const char *cand);

/* Saturating arithmetic for sums of counts and sample values read from
 * input: a sum past the type's range sticks at its end, never wraps. */
static inline uint64_t sat_add_u64(uint64_t a, uint64_t b)
{
    uint64_t r;
    return __builtin_add_overflow(a, b, &r) ? UINT64_MAX : r;
}
static inline int64_t sat_add_i64(int64_t a, int64_t b)
{
    int64_t r;
    if (!__builtin_add_overflow(a, b, &r))
        return r;
    return b > 0 ? INT64_MAX : INT64_MIN;
}
static inline int64_t sat_mul_i64(int64_t a, int64_t b)
{
    int64_t r;
    if (!__builtin_mul_overflow(a, b, &r))
        return r;
    return (a < 0) != (b < 0) ? INT64_MIN : INT64_MAX;
}
/* True when a + b (or a * b) leaves the int64 range. */
static inline bool add_overflows_i64(int64_t a, int64_t b)
{
    int64_t r;
    return __builtin_add_overflow(a, b, &r);
}

/* FNV-1a hash of n bytes. */
uint64_t hash_bytes(const void *p, size_t n);

#endif
