/* test_stacks.c - goroutine dumps read one goroutine at a time, ancestry
 * included.
 *
 *   goroutine 23 [chan send (leaked)]:
 *   example.com/p.Start.func1()
 *   \t/src/p/p.go:3 +0x1e
 *   created by example.com/p.Start in goroutine 18
 *   \t/src/p/p.go:3 +0x59
 *   [originating from goroutine 18]:
 *   example.com/p.TestA(...)
 *   \t/src/p/p_test.go:5 +0x2a
 *   testing.tRunner(...)
 *   ...
 *
 * Lines outside records (test logs, "panic:", "=== RUN") are skipped, but
 * go test's "ok  \tpkg" and "FAIL\tpkg" lines close a segment, so a --from
 * input that holds several packages' dumps keeps them apart. */
#include "test.h"

#include <errno.h>
#include <string.h>

#include "../util/util.h"

typedef struct {
    TStacks *s;
    const char *name;
    bool quiet;
    uint32_t lineno;
    bool in_record;
    TGoroutine g;
    Array(TFrame) frames;     /* of the section being read */
    Array(TAncestor) anc;
    int section;              /* -1: the goroutine itself, else ancestor index */
    bool want_pos;            /* a function line was read: its position next */
    bool want_created_pos;
    TFrame *created;          /* "created by" of the current section */
    int seg_start;            /* first goroutine of the open segment */
} Reader;

static bool starts(const char *s, size_t n, const char *lit)
{
    size_t l = strlen(lit);
    return n >= l && memcmp(s, lit, l) == 0;
}

static uint64_t parse_u64(const char *s, size_t n, size_t *i)
{
    uint64_t v = 0;
    while (*i < n && s[*i] >= '0' && s[*i] <= '9') {
        uint64_t d = (uint64_t)(s[*i] - '0');
        v = v > (UINT64_MAX - d) / 10 ? UINT64_MAX : v * 10 + d;
        (*i)++;
    }
    return v;
}

static void warn_line(Reader *r, const char *what, const char *s, size_t n)
{
    r->s->errors++;
    if (!r->quiet)
        fprintf(stderr, "%s:%u: %s: '%.*s'\n", r->name, r->lineno, what, (int)MIN(n, 80), s);
}

static void flush_section(Reader *r)
{
    TFrame *copy = NULL;
    if (r->frames.len) {
        copy = ARENA_ARRAY(&r->s->arena, TFrame, r->frames.len);
        memcpy(copy, r->frames.items, sizeof(TFrame) * r->frames.len);
    }
    if (r->section < 0) {
        r->g.frames = copy;
        r->g.nframes = (uint32_t)r->frames.len;
    } else {
        TAncestor *a = array_at(&r->anc, (size_t)r->section);
        a->frames = copy;
        a->nframes = (uint32_t)r->frames.len;
    }
    array_clear(&r->frames);
}

static void finish_record(Reader *r)
{
    if (!r->in_record)
        return;
    flush_section(r);
    if (r->anc.len) {
        r->g.anc = ARENA_ARRAY(&r->s->arena, TAncestor, r->anc.len);
        memcpy(r->g.anc, r->anc.items, sizeof(TAncestor) * r->anc.len);
        r->g.nanc = (uint32_t)r->anc.len;
    }
    r->g.seg = (int)r->s->segs.len - 1;
    array_push(&r->s->gs, r->g);
    array_clear(&r->anc);
    r->in_record = false;
    r->want_pos = r->want_created_pos = false;
}

/* "goroutine 7 [chan send, 3 minutes]:" and "goroutine 7 gp=... [..]:". */
static bool parse_header(Reader *r, const char *s, size_t n)
{
    if (!starts(s, n, "goroutine ") || n < 14 || s[n - 1] != ':' || s[n - 2] != ']')
        return false;
    size_t i = 10, j = i;
    uint64_t id = parse_u64(s, n, &j);
    if (j == i)
        return false;
    const char *open = memchr(s + j, '[', n - j);
    if (!open)
        return false;
    finish_record(r);
    memset(&r->g, 0, sizeof r->g);
    r->g.id = id;
    r->g.line = r->lineno;
    r->g.created.func = "";
    r->g.created.file = "";
    r->in_record = true;
    r->section = -1;
    r->created = &r->g.created;

    const char *b = open + 1, *e = s + n - 2;
    const char *comma = b;
    while (comma < e && !(comma + 1 < e && comma[0] == ',' && comma[1] == ' '))
        comma++;
    size_t len = (size_t)(comma - b);
    static const char *const marks[] = {" (scan)", " (leaked)", " (durable)"};
    for (bool again = true; again;) {
        again = false;
        for (size_t m = 0; m < ARRAY_LEN(marks); m++) {
            size_t ml = strlen(marks[m]);
            if (len >= ml && memcmp(b + len - ml, marks[m], ml) == 0) {
                r->g.leaked |= m == 1;
                len -= ml;
                again = true;
            }
        }
    }
    r->g.wait = arena_strndup(&r->s->arena, b, len);
    for (const char *p = comma; p < e; p++) {
        if (p[0] != ',' || p + 2 >= e)
            continue;
        size_t k = (size_t)(p + 2 - s);
        size_t k0 = k;
        uint64_t v = parse_u64(s, n, &k);
        if (k > k0 && starts(s + k, n - k, " minute"))
            r->g.wait_minutes = v > INT64_MAX ? INT64_MAX : (int64_t)v;
        if (starts(p + 2, (size_t)(e - p - 2), "(leaked)"))
            r->g.leaked = true;
    }
    return true;
}

/* "\t/path/file.go:42 +0x8c": the first ':' followed by digits and then
 * the end or a blank. */
static bool parse_pos(Reader *r, const char *s, size_t n, TFrame *f)
{
    if (!n || s[0] != '\t')
        return false;
    s++, n--;
    for (const char *c = s; (c = memchr(c, ':', n - (size_t)(c - s))) != NULL; c++) {
        size_t k = (size_t)(c - s) + 1, k0 = k;
        uint64_t v = parse_u64(s, n, &k);
        if (k == k0 || (k < n && s[k] != ' '))
            continue;
        f->file = arena_strndup(&r->s->arena, s, (size_t)(c - s));
        f->line = v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
        return true;
    }
    return false;
}

/* "pkg.f(0x1, {0x2, 0x3})" -> "pkg.f": the '(' matching the final ')'. */
static bool parse_func(Reader *r, const char *s, size_t n)
{
    if (n < 3 || s[n - 1] != ')')
        return false;
    int depth = 0;
    size_t i = n;
    while (i-- > 0) {
        if (s[i] == ')')
            depth++;
        else if (s[i] == '(' && --depth == 0)
            break;
    }
    if (depth != 0 || i == 0 || i == (size_t)-1)
        return false;
    TFrame f = {arena_strndup(&r->s->arena, s, i), "", 0};
    array_push(&r->frames, f);
    r->want_pos = true;
    return true;
}

static void end_segment(Reader *r, const char *s, size_t n, size_t skip)
{
    finish_record(r);
    if (r->s->gs.len == (size_t)r->seg_start)
        return; /* only a segment that holds goroutines needs a name */
    size_t k = skip;
    while (k < n && s[k] != '\t' && s[k] != ' ')
        k++;
    array_last(&r->s->segs)->pkg = arena_strndup(&r->s->arena, s + skip, k - skip);
    TSegment open = {NULL, false};
    array_push(&r->s->segs, open);
    r->seg_start = (int)r->s->gs.len;
}

static void outside_line(Reader *r, const char *s, size_t n)
{
    if (starts(s, n, "drip-test ")) {
        r->s->leak_profile = starts(s, n, "drip-test leakprofile ");
        const char *sp = memrchr(s, ' ', n);
        if (sp)
            r->s->goversion = arena_strndup(&r->s->arena, sp + 1, n - (size_t)(sp + 1 - s));
        return;
    }
    if (starts(s, n, "panic: test timed out"))
        array_last(&r->s->segs)->timed_out = true;
    else if (starts(s, n, "FAIL\t"))
        end_segment(r, s, n, 5);
    else if (starts(s, n, "ok  \t"))
        end_segment(r, s, n, 5);
}

static void record_line(Reader *r, const char *s, size_t n)
{
    if (n == 0) {
        finish_record(r);
        return;
    }
    if (r->want_pos || r->want_created_pos) {
        TFrame *f = r->want_pos ? array_last(&r->frames) : r->created;
        bool ok = parse_pos(r, s, n, f);
        r->want_pos = r->want_created_pos = false;
        if (ok)
            return;
        if (s[0] == '\t') {
            warn_line(r, "bad file position", s + 1, n - 1);
            return;
        }
    }
    if (s[0] == '\t' || starts(s, n, "goroutine running on other thread") || (starts(s, n, "...") && memmem(s, n, "elided", 6)))
        return;
    if (starts(s, n, "created by ")) {
        const char *f = s + 11;
        size_t fl = n - 11;
        const char *in = memmem(f, fl, " in goroutine ", 14);
        if (in) {
            size_t k = (size_t)(in - f) + 14;
            if (r->section < 0)
                r->g.created_in = parse_u64(f, fl, &k);
            fl = (size_t)(in - f);
        }
        r->created->func = arena_strndup(&r->s->arena, f, fl);
        r->want_created_pos = true;
        return;
    }
    if (starts(s, n, "[originating from goroutine ")) {
        flush_section(r);
        size_t k = 28;
        TAncestor a = {0};
        a.goid = parse_u64(s, n, &k);
        a.created.func = a.created.file = "";
        array_push(&r->anc, a);
        r->section = (int)r->anc.len - 1;
        r->created = &array_last(&r->anc)->created;
        return;
    }
    if (parse_func(r, s, n))
        return;
    /* "exit status 2", "FAIL\tpkg": the record ended without a blank line */
    finish_record(r);
    outside_line(r, s, n);
}

static void process_line(Reader *r, const char *s, size_t n)
{
    r->lineno++;
    if (n && s[n - 1] == '\r')
        n--;
    if (n > 10 && s[0] == 'g' && parse_header(r, s, n))
        return;
    if (r->in_record)
        record_line(r, s, n);
    else
        outside_line(r, s, n);
}

void stacks_init(TStacks *s)
{
    memset(s, 0, sizeof *s);
    arena_init(&s->arena);
    TSegment open = {NULL, false};
    array_push(&s->segs, open);
}

void stacks_free(TStacks *s)
{
    array_free(&s->gs);
    array_free(&s->segs);
    arena_free(&s->arena);
}

void stacks_read_buffer(TStacks *s, const char *name, const char *data, size_t len, bool quiet)
{
    Reader r = {0};
    r.s = s;
    r.name = name;
    r.quiet = quiet;
    r.section = -1;
    r.seg_start = (int)s->gs.len;
    const char *p = data, *end = data + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        process_line(&r, p, n);
        p += n + (nl ? 1 : 0);
    }
    finish_record(&r);
    array_free(&r.frames);
    array_free(&r.anc);
}

bool stacks_read_file(TStacks *s, const char *path, bool quiet)
{
    FileData fd;
    if (!file_read(path, &fd))
        return false;
    stacks_read_buffer(s, path, fd.data, fd.len, quiet);
    file_data_free(&fd);
    return true;
}
