/* util.c - allocation wrappers and small helpers. */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "limits.h"
#include "term.h"

void bug_at(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "drip: BUG at %s:%d: ", file, line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    abort();
}

static NORETURN void out_of_memory(size_t n)
{
    fprintf(stderr, "drip: error: out of memory allocating %zu bytes\n", n);
    abort();
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        out_of_memory(n);
    return p;
}

void *xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        out_of_memory(count * size);
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        out_of_memory(n);
    return q;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    int n = vasprintf(&s, fmt, ap);
    va_end(ap);
    if (n < 0)
        out_of_memory(0);
    return s;
}

/* Prints "drip: <kind>: message" and a newline to stderr. Messages name
 * files and quote input, so they go through term_escape. */
static void vmessage(const char *kind, const char *fmt, va_list ap)
{
    char *msg = NULL;
    if (vasprintf(&msg, fmt, ap) < 0)
        out_of_memory(0);
    StrBuf sb;
    sb_init(&sb);
    term_escape(&sb, msg, strlen(msg));
    fprintf(stderr, "drip: %s: %s\n", kind, sb_cstr(&sb));
    sb_free(&sb);
    free(msg);
}

void error_msg(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage("error", fmt, ap);
    va_end(ap);
}

void warn_msg(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage("warning", fmt, ap);
    va_end(ap);
}

void note_msg(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage("note", fmt, ap);
    va_end(ap);
}

void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage("error", fmt, ap);
    va_end(ap);
    exit(2);
}

bool file_read(const char *path, FileData *out)
{
    return file_read_ex(path, out, 0);
}

/* Opens path for file_read_ex, checking its type; -1 with errno set. */
static int open_checked(const char *path, int flags, off_t *size)
{
    if (strcmp(path, "-") == 0) {
        *size = 0;
        return STDIN_FILENO;
    }
    /* O_NONBLOCK: opening a FIFO without a writer must not hang. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | (flags & FILE_NOFOLLOW ? O_NOFOLLOW : 0));
    if (fd < 0) {
        if (errno == ELOOP && (flags & FILE_NOFOLLOW))
            errno = EDRIP_SYMLINK;
        return -1;
    }
    struct stat st;
    int err = 0;
    if (fstat(fd, &st) != 0)
        err = errno;
    else if (S_ISDIR(st.st_mode))
        err = EISDIR;
    else if (!S_ISREG(st.st_mode) && !(flags & FILE_STREAM))
        err = EDRIP_NOTREG;
    else if (!S_ISREG(st.st_mode) && fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0)
        err = errno;
    if (err) {
        close(fd);
        errno = err;
        return -1;
    }
    *size = S_ISREG(st.st_mode) ? st.st_size : 0;
    return fd;
}

bool file_read_ex(const char *path, FileData *out, int flags)
{
    off_t size;
    int fd = open_checked(path, flags, &size);
    if (fd < 0)
        return false;
    size_t max = limits.max_memory;
    size_t cap = size > 0 && (uint64_t)size < max ? (size_t)size + 1 : 1 << 16, len = 0;
    char *buf = xmalloc(cap);
    int err = 0;
    for (;;) {
        if (cap - len < 2) {
            if (cap > max) {
                err = EFBIG;
                break;
            }
            cap = MIN(cap * 2, max + 2);
            buf = xrealloc(buf, cap);
        }
        ssize_t n = read(fd, buf + len, cap - len - 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            err = errno;
            break;
        }
        if (n == 0)
            break;
        len += (size_t)n;
        if (len > max) {
            err = EFBIG;
            break;
        }
    }
    if (fd != STDIN_FILENO)
        close(fd);
    if (err) {
        free(buf);
        errno = err;
        return false;
    }
    buf[len] = 0;
    out->data = buf;
    out->len = len;
    return true;
}

int path_not_regular(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        int e = errno;
        if (e == ENOENT && lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
            return EDRIP_DANGLING;
        return e;
    }
    if (S_ISDIR(st.st_mode))
        return EISDIR;
    return S_ISREG(st.st_mode) ? 0 : EDRIP_NOTREG;
}

const char *file_strerror(int err)
{
    static char big[96];
    if (err == EDRIP_NOTREG)
        return "not a regular file (a FIFO, device or socket)";
    if (err == EDRIP_SYMLINK)
        return "a symbolic link, which is not followed here";
    if (err == EDRIP_DANGLING)
        return "a dangling symbolic link";
    if (err == EFBIG) {
        char mem[32];
        limit_fmt_size(mem, sizeof mem, limits.max_memory);
        snprintf(big, sizeof big, "larger than --max-memory %s", mem);
        return big;
    }
    return strerror(err);
}

void file_data_free(FileData *fd)
{
    free(fd->data);
    fd->data = NULL;
    fd->len = 0;
}

double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int cpu_count(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

bool use_color(int fd)
{
    const char *nc = getenv("NO_COLOR");
    if (nc && *nc)
        return false;
    return isatty(fd);
}

bool str_has_prefix(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool str_has_suffix(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && memcmp(s + a - b, suffix, b) == 0;
}

uint64_t hash_bytes(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

int str_closeness(const char *typed, const char *cand)
{
    size_t la = strlen(typed), lb = strlen(cand);
    if (la >= 2 && la < lb && strncmp(cand, typed, la) == 0)
        return 1;
    if (la > 40 || lb > 40)
        return 99;
    size_t row[41];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (typed[i - 1] != cand[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    /* two edits in a three-letter word are a different word */
    if (row[lb] >= 2 && la <= 3)
        return 99;
    return (int)row[lb];
}
