/* dump_reader.c - streaming reader of goroutine dumps.
 *
 * Reads plain or gzip input (zlib reads both) in big chunks and hands
 * complete lines to a small state machine that understands every form in
 * which Go prints stacks:
 *
 *   goroutine 7 [chan send, 3 minutes, locked to thread]:   (debug=2,
 *   goroutine 7 gp=0xc0001 m=nil [select (scan)]:            runtime.Stack,
 *   main.worker(0xc000010000, {0x4a2f10?, 0x1}, ...)         SIGQUIT, panic,
 *   \t/src/app/worker.go:42 +0x8c fp=0x... sp=0x... pc=0x...  go test -timeout)
 *   ...additional frames elided... / ...9 frames elided...
 *   created by main.start in goroutine 1
 *   \t/src/app/main.go:20 +0x3c
 *   [originating from goroutine 3]:                          (ancestors: skipped)
 *
 *   goroutine profile: total 12                              (debug=1)
 *   9 @ 0x43b256 0x44c0de 0x670adf 0x46b121
 *   #\t0x670abc\tmain.mutexTest.func1+0x1c\t/src/app/main.go:19
 *   # labels: {"handler":"/api"}
 *
 * Lines outside records (test logs, "panic:", registers) are skipped. A
 * line that breaks a record is reported as "path:line: message" and the
 * reader goes on with what it has. */
/* memmem: the sanitizer and fuzzer builds replace CFLAGS, -D_GNU_SOURCE too */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "dump.h"

#include "../util/gz.h"
#include "../util/limits.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "../util/gz.h"
#include "../util/term.h"

enum { DUMP_MAX_LINE = 64 << 20 }; /* longer lines are reported and skipped */
/* A debug=1 count above this is an error: more goroutines than fit in any
 * address space, and sums of such counts could wrap. */
#define DUMP_MAX_COUNT ((uint64_t)1 << 48)
#define DUMP_LINE_OUT_OF_RANGE UINT32_MAX /* parse_pos's mark for a line past uint32 */

typedef enum {
    ST_OUTSIDE,     /* between records */
    ST_FRAMES,      /* in a goroutine record, expecting a function line */
    ST_POS,         /* after a function line, expecting its file:line */
    ST_CREATED_POS, /* after "created by", expecting its file:line */
    ST_ANCESTORS,   /* [originating from goroutine N]: skip to the end */
    ST_D1_FRAMES,   /* in a debug=1 record */
} State;

typedef struct {
    DumpSnapshot *snap;
    const DumpReadOptions *opt;
    const char *name;  /* for messages */
    State st;
    bool in_record;
    DumpRecord rec;
    uint64_t lineno;
    int shown_errors;
} Reader;

PRINTF(2, 3) static void report(Reader *r, const char *fmt, ...)
{
    r->snap->errors++;
    if (r->opt->quiet || (r->opt->max_errors >= 0 && r->shown_errors >= r->opt->max_errors))
        return;
    r->shown_errors++;
    va_list ap;
    va_start(ap, fmt);
    char *msg = NULL;
    if (vasprintf(&msg, fmt, ap) < 0)
        msg = NULL;
    va_end(ap);
    /* The message may quote the dump line: no raw control bytes. */
    fprintf(stderr, "%s:%llu: %s\n", term_safe(r->name), (unsigned long long)r->lineno, term_safe(msg ? msg : "?"));
    free(msg);
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool starts(const char *s, size_t n, const char *lit)
{
    size_t l = strlen(lit);
    return n >= l && memcmp(s, lit, l) == 0;
}

/* Parses decimal digits at s[*i]; false if none. Saturates on overflow. */
static bool parse_u64(const char *s, size_t n, size_t *i, uint64_t *out)
{
    size_t j = *i;
    uint64_t v = 0;
    while (j < n && is_digit(s[j])) {
        uint64_t d = (uint64_t)(s[j] - '0');
        v = v > (UINT64_MAX - d) / 10 ? UINT64_MAX : v * 10 + d;
        j++;
    }
    if (j == *i)
        return false;
    *i = j;
    *out = v;
    return true;
}

static uint64_t parse_hex(const char *s, size_t n)
{
    uint64_t v = 0;
    size_t i = 0;
    if (n >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        i = 2;
    else
        return 0;
    for (; i < n; i++) {
        char c = s[i];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0)
            break;
        if (v >> 60) /* more than 16 digits: no address, keep the mark */
            return UINT64_MAX;
        v = v << 4 | (uint64_t)d;
    }
    return v;
}

static void finish_record(Reader *r)
{
    if (r->in_record)
        dump_group_add(r->snap, &r->rec);
    r->in_record = false;
    r->st = ST_OUTSIDE;
}

/* "goroutine 7 [chan send, 3 minutes]:" and variants. Returns false when
 * the line is not a goroutine header. */
static bool parse_header(Reader *r, const char *s, size_t n)
{
    if (!starts(s, n, "goroutine "))
        return false;
    size_t i = 10;
    uint64_t id;
    if (!parse_u64(s, n, &i, &id))
        return false;
    if (n < 2 || s[n - 1] != ':')
        return false;
    const char *open = memchr(s + i, '[', n - i);
    if (!open)
        return false;
    /* Go 1.27 adds the pprof labels after the brackets: "] {k: v}:" */
    const char *close = memchr(open, ']', (size_t)(s + n - open));
    const char *labels = NULL;
    if (!close)
        return false;
    if (close != s + n - 2) {
        if (close + 3 >= s + n - 1 || close[1] != ' ' || close[2] != '{' || s[n - 2] != '}')
            return false;
        labels = close + 2;
    }
    finish_record(r);
    dump_record_reset(&r->rec, (uint32_t)MIN(r->lineno, UINT32_MAX));
    r->in_record = true;
    r->st = ST_FRAMES;
    r->rec.id = id;
    r->rec.wait_known = true; /* no ", N minutes" means under a minute */
    if (r->snap->format == DUMP_FORMAT_NONE)
        r->snap->format = DUMP_FORMAT_STACKS;

    if (labels && !dump_labels_parse(labels, (size_t)(s + n - 1 - labels), &r->rec.labels)) {
        report(r, "bad label set '%.*s' in goroutine header: want {key: value, ...}",
               (int)MIN((size_t)(s + n - 1 - labels), 80), labels);
        sb_clear(&r->rec.labels);
    }

    const char *b = open + 1, *e = close;
    /* parts separated by ", ": the reason first, then extras */
    const char *p = b;
    bool first = true;
    while (p <= e) {
        const char *q = p;
        while (q + 1 < e && !(q[0] == ',' && q[1] == ' '))
            q++;
        if (q + 1 >= e)
            q = e;
        size_t len = (size_t)(q - p);
        if (first) {
            /* strip " (scan)", " (leaked)", " (durable)" marks */
            for (bool again = true; again;) {
                again = false;
                static const char *const marks[] = {" (scan)", " (leaked)", " (durable)"};
                for (size_t m = 0; m < ARRAY_LEN(marks); m++) {
                    size_t ml = strlen(marks[m]);
                    if (len >= ml && memcmp(p + len - ml, marks[m], ml) == 0) {
                        if (m == 1)
                            r->rec.leaked = true;
                        len -= ml;
                        again = true;
                    }
                }
            }
            dump_record_wait(&r->rec, p, len);
            first = false;
        } else {
            size_t k = 0;
            uint64_t v;
            if (parse_u64(p, len, &k, &v) && starts(p + k, len - k, " minute"))
                r->rec.wait_minutes = v > INT64_MAX ? INT64_MAX : (int64_t)v;
            else if (starts(p, len, "locked to thread"))
                r->rec.locked = true;
            else if (len >= 8 && memmem(p, len, "(leaked)", 8))
                r->rec.leaked = true;
            /* "synctest bubble N" and unknown extras are ignored */
        }
        p = q + 2;
    }
    return true;
}

/* "N @ 0x1 0x2 ..." of a debug=1 profile. */
static bool parse_d1_header(Reader *r, const char *s, size_t n)
{
    size_t i = 0;
    uint64_t count;
    if (!parse_u64(s, n, &i, &count))
        return false;
    if (!starts(s + i, n - i, " @"))
        return false;
    if (count > DUMP_MAX_COUNT) {
        /* No wrapped or clamped count: the record is left out. */
        report(r, "goroutine count %.*s is out of range (at most 2^48); record skipped", (int)MIN(i, 40), s);
        finish_record(r);
        return true;
    }
    finish_record(r);
    dump_record_reset(&r->rec, (uint32_t)MIN(r->lineno, UINT32_MAX));
    r->in_record = true;
    r->rec.debug1 = true;
    r->rec.count = count;
    r->rec.leaked = r->snap->leak_profile;
    r->st = ST_D1_FRAMES;
    if (r->snap->format == DUMP_FORMAT_NONE)
        r->snap->format = DUMP_FORMAT_DEBUG1;
    return true;
}

static bool is_lock_func(const char *f, size_t n)
{
    return starts(f, n, "sync.(*Mutex).") || starts(f, n, "sync.(*RWMutex).") ||
           starts(f, n, "internal/sync.(*Mutex).");
}

/* "pkg.F(args)" -> name and argument text. */
static void parse_func_line(Reader *r, const char *s, size_t n)
{
    const char *open = NULL;
    if (n && s[n - 1] == ')')
        for (const char *p = s + n - 1; p > s; p--)
            if (*p == '(') {
                open = p;
                break;
            }
    if (!open || open == s) {
        /* Text after the last record without a blank line ("exit status
         * 2", "FAIL\tpkg\t1.2s"): a function name has no blank in it. */
        bool complete = r->rec.frames.len || r->rec.has_created || r->rec.unavailable;
        if (complete && (memchr(s, ' ', n) || memchr(s, '\t', n))) {
            finish_record(r);
            return;
        }
        report(r, "malformed frame '%.*s': want 'package.Function(arguments)'", (int)MIN(n, 80), s);
        finish_record(r);
        return;
    }
    size_t fl = (size_t)(open - s);
    const char *args = open + 1;
    size_t al = n - fl - 2;
    if (is_lock_func(s, fl) && al >= 3 && args[0] == '0' && args[1] == 'x')
        r->rec.lock_addr = parse_hex(args, al);
    if (r->snap->args)
        dump_record_frame(&r->rec, s, fl, args, al, "", 0, 0);
    else
        dump_record_frame(&r->rec, s, fl, "", 0, "", 0, 0);
    r->st = ST_POS;
}

/* "\t/path/file.go:42 +0x8c fp=..." -> file and line: the first ':' that
 * is followed by digits and then the end or a blank (a Windows drive's
 * "C:/" is not). */
static bool parse_pos(const char *s, size_t n, const char **file, size_t *filelen, uint32_t *line)
{
    if (!n || s[0] != '\t')
        return false;
    s++, n--;
    for (const char *c = s; (c = memchr(c, ':', n - (size_t)(c - s))) != NULL; c++) {
        size_t k = (size_t)(c - s) + 1;
        uint64_t v;
        if (!parse_u64(s, n, &k, &v))
            continue;
        if (k < n && s[k] != ' ')
            continue;
        *file = s;
        *filelen = (size_t)(c - s);
        *line = v >= DUMP_LINE_OUT_OF_RANGE ? DUMP_LINE_OUT_OF_RANGE : (uint32_t)v;
        return true;
    }
    return false;
}

/* A line number past uint32 is reported and read as unknown (0). */
static uint32_t checked_line(Reader *r, uint32_t line)
{
    if (line != DUMP_LINE_OUT_OF_RANGE)
        return line;
    report(r, "line number out of range (at most %u); read as unknown", DUMP_LINE_OUT_OF_RANGE - 1);
    return 0;
}

static bool is_elided(const char *s, size_t n)
{
    if (!starts(s, n, "..."))
        return false;
    return (n >= 6 && memcmp(s + n - 3, "...", 3) == 0 && memmem(s, n, "elided", 6) != NULL);
}

static void frames_line(Reader *r, const char *s, size_t n)
{
    if (n == 0) {
        finish_record(r);
        return;
    }
    if (s[0] == '\t') {
        if (starts(s, n, "\tgoroutine running on other thread")) {
            r->rec.unavailable = true;
            return;
        }
        report(r, "file position '%.*s' without a function line before it", (int)MIN(n - 1, 80), s + 1);
        return;
    }
    if (starts(s, n, "goroutine running on other thread")) {
        r->rec.unavailable = true;
        return;
    }
    if (is_elided(s, n)) {
        r->rec.elided = true;
        return;
    }
    if (starts(s, n, "created by ")) {
        const char *f = s + 11;
        size_t fl = n - 11;
        const char *in = memmem(f, fl, " in goroutine ", 14);
        if (in) {
            size_t k = (size_t)(in - f) + 14;
            uint64_t gid = 0;
            parse_u64(f, fl, &k, &gid);
            r->rec.created_in = gid;
            fl = (size_t)(in - f);
        }
        dump_record_created(&r->rec, f, fl);
        r->st = ST_CREATED_POS;
        return;
    }
    if (starts(s, n, "[originating from goroutine ")) {
        r->st = ST_ANCESTORS;
        return;
    }
    parse_func_line(r, s, n);
}

static void d1_line(Reader *r, const char *s, size_t n)
{
    if (n == 0) {
        finish_record(r);
        return;
    }
    if (starts(s, n, "# labels:")) {
        size_t k = 9;
        while (k < n && s[k] == ' ')
            k++;
        if (!dump_labels_parse(s + k, n - k, &r->rec.labels)) {
            report(r, "bad label set '%.*s': want {\"key\":\"value\", ...}", (int)MIN(n - k, 80), s + k);
            sb_clear(&r->rec.labels);
        }
        return;
    }
    if (!starts(s, n, "#\t")) {
        report(r, "unexpected line in a debug=1 record: '%.*s'", (int)MIN(n, 80), s);
        finish_record(r);
        return;
    }
    /* #\tPC\tfunc+0xoff\t\tfile:line */
    size_t i = 2;
    while (i < n && s[i] != '\t')
        i++; /* PC */
    while (i < n && s[i] == '\t')
        i++;
    size_t fs = i;
    while (i < n && s[i] != '\t')
        i++;
    size_t fe = i;
    while (i < n && s[i] == '\t')
        i++;
    /* "#\t0x0" alone: Go writes an empty stack so (the main goroutine
     * parked in select {} in a goroutineleak profile of Go 1.27) */
    if (fs == fe && i == n && n == 5 && memcmp(s, "#\t0x0", 5) == 0)
        return;
    if (fs == fe) {
        report(r, "debug=1 frame without a function name");
        return;
    }
    const char *func = s + fs;
    size_t fl = fe - fs;
    for (size_t k = fl; k >= 3; k--)
        if (func[k - 3] == '+' && func[k - 2] == '0' && func[k - 1] == 'x') {
            fl = k - 3;
            break;
        }
    const char *file = "";
    size_t filelen = 0;
    uint32_t line = 0;
    if (i < n) {
        /* reuse the tab-led position parser on "\tfile:line" */
        const char *tab = s + i - 1;
        if (!parse_pos(tab, n - (i - 1), &file, &filelen, &line)) {
            file = s + i;
            filelen = n - i;
        }
        line = checked_line(r, line);
    }
    dump_record_frame(&r->rec, func, fl, "", 0, file, filelen, line);
}

static void process_line(Reader *r, const char *s, size_t n)
{
    r->lineno++;
    r->snap->lines++;
    if (n && s[n - 1] == '\r')
        n--;
    switch (r->st) {
    case ST_POS: {
        const char *file;
        size_t fl;
        uint32_t line;
        if (parse_pos(s, n, &file, &fl, &line)) {
            line = checked_line(r, line);
            dump_record_frame_pos(&r->rec, file, fl, line);
            r->st = ST_FRAMES;
            return;
        }
        DumpFrameRef *f = array_last(&r->rec.frames);
        r->st = ST_FRAMES;
        if (n && s[0] == '\t') {
            report(r, "bad position '%.*s' of function '%s': want '\tfile.go:LINE'", (int)MIN(n - 1, 80), s + 1,
                   r->rec.key.data + f->func);
            return;
        }
        report(r, "missing file:line after function '%s'", r->rec.key.data + f->func);
        break; /* the line is read as what it is */
    }
    case ST_CREATED_POS: {
        const char *file;
        size_t fl;
        uint32_t line;
        r->st = ST_FRAMES;
        if (parse_pos(s, n, &file, &fl, &line)) {
            line = checked_line(r, line);
            dump_record_created_pos(&r->rec, file, fl, line);
            return;
        }
        report(r, "missing file:line after 'created by'");
        break;
    }
    default:
        break;
    }

    /* A header starts a record in any state. */
    if (n > 10 && s[0] == 'g' && parse_header(r, s, n))
        return;

    switch (r->st) {
    case ST_OUTSIDE:
        if (n && is_digit(s[0]) && (r->snap->format != DUMP_FORMAT_STACKS) && parse_d1_header(r, s, n))
            return;
        bool leak = starts(s, n, "goroutineleak profile: total ");
        if (leak || starts(s, n, "goroutine profile: total ")) {
            size_t k = leak ? 29 : 25;
            r->snap->leak_profile |= leak;
            uint64_t v;
            if (parse_u64(s, n, &k, &v))
                r->snap->declared_total += v;
            if (r->snap->format == DUMP_FORMAT_NONE)
                r->snap->format = DUMP_FORMAT_DEBUG1;
        }
        return; /* logs, panic messages, registers */
    case ST_FRAMES:
        frames_line(r, s, n);
        return;
    case ST_ANCESTORS:
        if (n == 0)
            finish_record(r);
        return;
    case ST_D1_FRAMES:
        d1_line(r, s, n);
        return;
    default:
        BUG("dump reader state %d", (int)r->st);
    }
}

static void reader_init(Reader *r, DumpSnapshot *snap, const char *name, const DumpReadOptions *opt)
{
    memset(snap, 0, sizeof *snap);
    arena_init(&snap->arena);
    snap->path = name;
    snap->args = opt->args;
    memset(r, 0, sizeof *r);
    r->snap = snap;
    r->opt = opt;
    r->name = name;
    dump_record_init(&r->rec);
}

static void reader_finish(Reader *r)
{
    finish_record(r);
    dump_record_free(&r->rec);
    DumpSnapshot *snap = r->snap;
    for (size_t i = 0; i < snap->groups.len; i++)
        dump_group_compact_ids(snap->groups.items[i]);
    if (!r->opt->quiet && snap->format == DUMP_FORMAT_DEBUG1 && snap->declared_total &&
        snap->declared_total != snap->goroutines)
        warn_msg("%s: the profile says %llu goroutines but holds %llu: it is cut short", r->name,
                 (unsigned long long)snap->declared_total, (unsigned long long)snap->goroutines);
    /* /debug/pprof/goroutine?debug=2 stops writing at 64 MiB */
    if (!r->opt->quiet && snap->format == DUMP_FORMAT_STACKS && snap->bytes == (uint64_t)64 << 20)
        warn_msg("%s: the dump is exactly 64 MiB, where /debug/pprof/goroutine?debug=2 stops: goroutines are "
                 "missing; take it with SIGQUIT or runtime.Stack, or use debug=1",
                 r->name);
    if (!r->opt->quiet && r->snap->errors > (uint64_t)r->shown_errors)
        fprintf(stderr, "%s: %llu more errors not shown\n", term_safe(r->name),
                (unsigned long long)(r->snap->errors - (uint64_t)r->shown_errors));
}

/* Splits buf[0..len) into lines; returns the bytes consumed (up to the last
 * newline, or all of it when final). */
static size_t feed(Reader *r, const char *buf, size_t len, bool final)
{
    size_t start = 0;
    if (!len)
        return 0; /* buf may be NULL */
    for (;;) {
        const char *nl = memchr(buf + start, '\n', len - start);
        if (!nl)
            break;
        process_line(r, buf + start, (size_t)(nl - (buf + start)));
        start = (size_t)(nl - buf) + 1;
    }
    if (final && start < len) {
        process_line(r, buf + start, len - start);
        start = len;
    }
    return start;
}

void dump_read_buffer(DumpSnapshot *snap, const char *name, const char *data, size_t len,
                      const DumpReadOptions *opt)
{
    Reader r;
    reader_init(&r, snap, name, opt);
    GzData gz = {0};
    if (gz_is_gzip(data, len)) {
        char err[128];
        if (!gz_read_buffer(data, len, &gz, err, sizeof err)) {
            if (!opt->quiet)
                error_msg("%s: %s", name, err);
            snap->failed = true;
        }
        data = (const char *)gz.data;
        len = gz.len;
    }
    snap->bytes = len;
    if (snap->failed)
        ; /* the gzip stream was bad: nothing to read */
    else if (dump_is_proto((const unsigned char *)data, len))
        dump_read_proto(snap, name, (const unsigned char *)data, len, opt);
    else
        feed(&r, data, len, true);
    reader_finish(&r);
    gz_data_free(&gz);
}

/* The rest of a proto profile whose first len bytes are in buf, read to
 * the end and decoded at once: a profile is not line-oriented. */
static bool read_proto_rest(Reader *r, gzFile gz, char *buf, size_t len, size_t cap, const char *path)
{
    bool ok = true;
    for (;;) {
        if (len == cap) {
            if (cap >= limits.max_memory) {
                char mem[32];
                limit_fmt_size(mem, sizeof mem, limits.max_memory);
                error_msg("cannot read '%s': the profile needs more memory than --max-memory %s allows",
                          term_safe(path), mem);
                ok = false;
                break;
            }
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
        int got = gzread(gz, buf + len, (unsigned)MIN(cap - len, (size_t)1 << 30));
        if (got <= 0) {
            int errnum = Z_OK;
            const char *msg = gzerror(gz, &errnum);
            if (got < 0 || errnum == Z_BUF_ERROR) {
                error_msg("cannot read '%s': %s", path,
                          errnum == Z_ERRNO ? strerror(errno) : got < 0 ? msg : "the gzip stream ends early");
                ok = false;
            }
            break;
        }
        len += (size_t)got;
    }
    r->snap->bytes = len;
    if (ok)
        dump_read_proto(r->snap, path, (const unsigned char *)buf, len, r->opt);
    else
        r->snap->failed = true;
    free(buf);
    return ok && !r->snap->failed;
}

/* zlib drops what the read that meets corrupt data (a bad checksum at the
 * end, say) inflated: inflate the file again up to the fault and append
 * the bytes gzread did not return, so the report shows all that was read. */
static size_t recover_rest(const char *path, DumpSnapshot *snap, char **buf, size_t *cap, size_t len)
{
    FileData fd;
    if (strcmp(path, "-") == 0 || !file_read(path, &fd))
        return len;
    GzData gz;
    char err[160];
    if (gz_read_buffer_partial(fd.data, fd.len, &gz, err, sizeof err)) {
        if (gz.len > snap->bytes) {
            size_t extra = gz.len - (size_t)snap->bytes;
            if (len + extra > *cap) {
                *cap = len + extra;
                *buf = xrealloc(*buf, *cap);
            }
            memcpy(*buf + len, gz.data + snap->bytes, extra);
            snap->bytes += extra;
            len += extra;
        }
        gz_data_free(&gz);
    }
    file_data_free(&fd);
    return len;
}

bool dump_read(DumpSnapshot *snap, const char *path, const DumpReadOptions *opt)
{
    Reader r;
    reader_init(&r, snap, path, opt);
    gzFile gz;
    if (strcmp(path, "-") == 0) {
        int fd = dup(0);
        gz = fd >= 0 ? gzdopen(fd, "rb") : NULL;
        if (!gz && fd >= 0)
            close(fd);
    } else {
        gz = gzopen(path, "rb");
    }
    if (!gz) {
        if (!opt->quiet)
            error_msg("cannot open '%s': %s", path, errno ? strerror(errno) : "out of memory");
        snap->failed = true;
        reader_finish(&r);
        return false;
    }
    gzbuffer(gz, 1 << 18);
    size_t cap = 1 << 20, len = 0;
    char *buf = xmalloc(cap);
    bool ok = true;
    bool skipping = false; /* inside a line too long to keep */
    for (;;) {
        if (len == cap && cap < DUMP_MAX_LINE) {
            /* a line longer than the buffer: grow it */
            cap *= 2;
            buf = xrealloc(buf, cap);
        } else if (len == cap) {
            if (!skipping) {
                r.lineno++;
                report(&r, "line longer than %d MiB: skipped", DUMP_MAX_LINE >> 20);
                r.lineno--;
            }
            skipping = true;
            len = 0;
        }
        int got = gzread(gz, buf + len, (unsigned)MIN(cap - len, (size_t)1 << 30));
        if (got < 0) {
            int errnum;
            const char *msg = gzerror(gz, &errnum);
            error_msg("cannot read '%s': %s", path, errnum == Z_ERRNO ? strerror(errno) : msg);
            snap->failed = true;
            ok = false;
            if (errnum == Z_DATA_ERROR)
                len = recover_rest(path, snap, &buf, &cap, len);
            break;
        }
        if (got == 0) {
            int errnum = Z_OK;
            gzerror(gz, &errnum);
            if (errnum == Z_BUF_ERROR) {
                error_msg("cannot read '%s': the gzip stream ends early (truncated file?)", path);
                snap->failed = true;
                ok = false;
            }
            break;
        }
        snap->bytes += (uint64_t)got;
        if (snap->bytes == (uint64_t)got && dump_is_proto((unsigned char *)buf, (size_t)got)) {
            ok = read_proto_rest(&r, gz, buf, (size_t)got, cap, path);
            gzclose(gz);
            reader_finish(&r);
            return ok;
        }
        if (skipping) {
            /* drop the rest of the long line, up to its newline */
            char *nl = memchr(buf + len, '\n', (size_t)got);
            if (!nl) {
                len = 0;
                continue;
            }
            size_t rest = (size_t)got - (size_t)(nl + 1 - (buf + len));
            memmove(buf, nl + 1, rest);
            len = rest;
            skipping = false;
            r.lineno++;
            r.snap->lines++;
        } else {
            len += (size_t)got;
        }
        size_t used = feed(&r, buf, len, false);
        memmove(buf, buf + used, len - used);
        len -= used;
    }
    if (ok || len)
        feed(&r, buf, len, true);
    free(buf);
    gzclose(gz);
    reader_finish(&r);
    return ok;
}

void dump_snapshot_free(DumpSnapshot *snap)
{
    for (size_t i = 0; i < snap->groups.len; i++)
        array_free(&snap->groups.items[i]->id_ranges);
    free(snap->slots);
    array_free(&snap->groups);
    array_free(&snap->ids);
    array_free(&snap->awake);
    arena_free(&snap->arena);
}
