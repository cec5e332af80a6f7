/* pprof_legacy.c - the legacy text heap profile (debug=1), e.g.
 *
 *     heap profile: 3: 1024 [10: 4096] @ heap/524288
 *     1: 512 [5: 2048] @ 0x4a3b2c 0x4a3c5e
 *     #	0x4a3b2b	main.alloc+0x2b	/src/app/main.go:12
 *     #	0x4a3c5d	main.main+0x1d	/src/app/main.go:20
 *
 *     # runtime.MemStats
 *     # Alloc = 123
 *
 * Counts are in-use objects and bytes, then [allocated objects: bytes].
 * Values are scaled up by the sampling rate exactly as pprof's legacy
 * parser does (see read_header), and the sample types are alloc_objects,
 * alloc_space, inuse_objects, inuse_space (or pprof's objects, space). Lines
 * that cannot be read are skipped and counted in Profile.warning. */
#include "pprof.h"

#include <ctype.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "../util/array.h"
#include "../util/hashmap.h"
#include "../util/limits.h"
#include "../util/util.h"

bool pprof_is_legacy_heap(const char *text, size_t len)
{
    static const char magic[] = "heap profile:";
    size_t i = 0;
    while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n'))
        i++;
    return len - i >= sizeof magic - 1 && memcmp(text + i, magic, sizeof magic - 1) == 0;
}

typedef struct {
    const char *s, *end;
} Cursor;

static void skip_space(Cursor *c)
{
    while (c->s < c->end && isspace((unsigned char)*c->s))
        c->s++;
}

static bool read_int(Cursor *c, int64_t *out)
{
    skip_space(c);
    const char *p = c->s;
    uint64_t v = 0;
    if (p >= c->end || !isdigit((unsigned char)*p))
        return false;
    while (p < c->end && isdigit((unsigned char)*p)) {
        if (v > (UINT64_C(1) << 62) / 10)
            return false;
        v = v * 10 + (uint64_t)(*p - '0');
        p++;
    }
    c->s = p;
    *out = (int64_t)v;
    return true;
}

static bool expect(Cursor *c, char ch)
{
    skip_space(c);
    if (c->s < c->end && *c->s == ch) {
        c->s++;
        return true;
    }
    return false;
}

/* "A: B [C: D]" */
static bool read_counts(Cursor *c, int64_t v[4])
{
    return read_int(c, &v[0]) && expect(c, ':') && read_int(c, &v[1]) && expect(c, '[') &&
           read_int(c, &v[2]) && expect(c, ':') && read_int(c, &v[3]) && expect(c, ']');
}

static void scale(int64_t *count, int64_t *size, int64_t rate)
{
    if (*count == 0 || *size == 0) {
        *count = *size = 0;
        return;
    }
    if (rate <= 1)
        return;
    double avg = (double)*size / (double)*count;
    double s = 1 / (1 - exp(-avg / (double)rate));
    *count = (int64_t)((double)*count * s);
    *size = (int64_t)((double)*size * s);
}

/* The header "heap profile: A: B [C: D] @ heap/R", read as pprof's legacy
 * parser does: the kind after '@' says how R relates to the sampling rate.
 * Go writes "heap/" with twice runtime.MemProfileRate (for the sake of the
 * old C++ profiler), so pprof halves it; "heap_v2/" and "heapz_v2/" carry
 * the rate itself; "heapprofile" was never sampled. When the allocated
 * totals equal the in-use totals (Go before 1.20 writes that when nothing
 * was freed), pprof reads a two-column profile: objects and space. */
typedef struct {
    int64_t rate;  /* <= 1: do not scale */
    bool has_alloc;
} Header;

static const char *read_header(Cursor *c, Header *h, int64_t tot[4])
{
    static const char magic[] = "heap profile:";
    if ((size_t)(c->end - c->s) < sizeof magic - 1 || memcmp(c->s, magic, sizeof magic - 1) != 0)
        return "expected 'heap profile:' header";
    c->s += sizeof magic - 1;
    if (!read_counts(c, tot))
        return "malformed 'heap profile:' header";
    h->has_alloc = (tot[2] != tot[0] && tot[2] != 0) || (tot[3] != tot[1] && tot[3] != 0);
    h->rate = 1;
    if (!expect(c, '@'))
        return NULL; /* no rate: values as they are */
    skip_space(c);
    const char *kind = c->s;
    while (c->s < c->end && (*c->s == '_' || islower((unsigned char)*c->s) || isdigit((unsigned char)*c->s)))
        c->s++;
    size_t klen = (size_t)(c->s - kind);
    int64_t n = 0;
    if (c->s < c->end && *c->s == '/')
        c->s++;
    if (c->s < c->end && isdigit((unsigned char)*c->s) && !read_int(c, &n))
        return "sampling rate out of range in 'heap profile:' header";
#define KIND(k) (klen == sizeof k - 1 && memcmp(kind, k, klen) == 0)
    if (KIND("heap"))
        h->rate = n / 2;
    else if (KIND("heap_v2") || KIND("heapz_v2"))
        h->rate = n;
    else if (KIND("heapprofile"))
        h->rate = 1;
    else
        return "unknown profile kind after '@' in 'heap profile:' header (want heap, heap_v2, heapz_v2 or heapprofile)";
#undef KIND
    return NULL;
}

typedef Array(const PprofLocation *) LocArray;

typedef struct {
    Profile *p;
    HashMap funcs; /* "name\0file" -> PprofFunction */
    HashMap locs;  /* frame line text -> PprofLocation */
    size_t lineno;
    int64_t header[4]; /* the "heap profile:" line's totals */
    int64_t sums[4];   /* the same summed over the records read */
} Legacy;

static void warn_line(Legacy *lg, const char *what)
{
    Profile *p = lg->p;
    if (p->nwarnings == 0) {
        char buf[160];
        snprintf(buf, sizeof buf, "line %zu: %s", lg->lineno, what);
        p->warning = arena_strdup(&p->arena, buf);
    }
    p->nwarnings++;
}

static const PprofFunction *intern_function(Legacy *lg, const char *name, size_t nlen, const char *file, size_t flen)
{
    Profile *p = lg->p;
    char *key = arena_alloc(&p->arena, nlen + flen + 2);
    memcpy(key, name, nlen);
    key[nlen] = 0;
    memcpy(key + nlen + 1, file, flen);
    key[nlen + flen + 1] = 0;
    int inserted;
    void **slot = hashmap_put(&lg->funcs, key, nlen + flen + 1, &inserted);
    if (inserted) {
        PprofFunction *f = ARENA_NEW(&p->arena, PprofFunction);
        f->id = lg->funcs.count;
        f->name = f->system_name = key;
        f->filename = key + nlen + 1;
        *slot = f;
    }
    return *slot;
}

/* "#\t0x4a3b2b\tmain.alloc+0x2b\t/src/app/main.go:12" */
static const PprofLocation *frame_location(Legacy *lg, const char *line, size_t len)
{
    Profile *p = lg->p;
    void *hit = hashmap_get(&lg->locs, line, len);
    if (hit)
        return hit;
    Cursor c = {line + 1, line + len};
    skip_space(&c);
    const char *addr = c.s;
    while (c.s < c.end && !isspace((unsigned char)*c.s))
        c.s++;
    uint64_t address = strtoull(addr, NULL, 16);
    skip_space(&c);
    const char *name = c.s;
    while (c.s < c.end && *c.s != '\t' && *c.s != ' ')
        c.s++;
    size_t nlen = (size_t)(c.s - name);
    /* Strip "+0x2b". */
    for (size_t i = nlen; i > 0; i--)
        if (name[i - 1] == '+') {
            nlen = i - 1;
            break;
        }
    skip_space(&c);
    const char *file = c.s;
    const char *colon = NULL;
    for (const char *q = c.s; q < c.end; q++)
        if (*q == ':')
            colon = q;
    int64_t lineno = 0;
    size_t flen = (size_t)(c.end - file);
    if (colon) {
        Cursor lc = {colon + 1, c.end};
        if (read_int(&lc, &lineno))
            flen = (size_t)(colon - file);
    }
    if (nlen == 0)
        return NULL;
    PprofLocation *loc = ARENA_NEW(&p->arena, PprofLocation);
    loc->id = lg->locs.count + 1;
    loc->address = address;
    loc->nlines = 1;
    loc->lines = ARENA_NEW(&p->arena, PprofLine);
    loc->lines[0].function = intern_function(lg, name, nlen, file, flen);
    loc->lines[0].line = lineno;
    char *key = arena_strndup(&p->arena, line, len);
    hashmap_set(&lg->locs, key, len, loc);
    return loc;
}

static const PprofLocation *address_location(Legacy *lg, const char *tok, size_t len)
{
    Profile *p = lg->p;
    void *hit = hashmap_get(&lg->locs, tok, len);
    if (hit)
        return hit;
    PprofLocation *loc = ARENA_NEW(&p->arena, PprofLocation);
    loc->id = lg->locs.count + 1;
    loc->address = strtoull(tok, NULL, 16);
    loc->nlines = 1;
    loc->lines = ARENA_NEW(&p->arena, PprofLine);
    loc->lines[0].function = intern_function(lg, tok, len, "", 0);
    hashmap_set(&lg->locs, arena_strndup(&p->arena, tok, len), len, loc);
    return loc;
}

typedef struct {
    int64_t v[4];
    LocArray frames; /* from '#' lines */
    LocArray addrs;  /* from the '@' list, used when no '#' lines follow */
    bool open;
} Pending;

typedef Array(PprofSample) SampleArray;

static void flush(Legacy *lg, Pending *pd, SampleArray *out, const Header *hd)
{
    if (!pd->open)
        return;
    Profile *p = lg->p;
    for (int i = 0; i < 4; i++)
        lg->sums[i] = sat_add_i64(lg->sums[i], pd->v[i]);
    PprofSample s = {0};
    LocArray *src = pd->frames.len ? &pd->frames : &pd->addrs;
    s.nlocs = (uint32_t)src->len;
    s.locs = ARENA_ARRAY(&p->arena, const PprofLocation *, src->len + 1);
    if (src->len)
        memcpy(s.locs, src->items, src->len * sizeof *s.locs);
    s.values = ARENA_ARRAY(&p->arena, int64_t, 4);
    int64_t inuse_n = pd->v[0], inuse_b = pd->v[1], alloc_n = pd->v[2], alloc_b = pd->v[3];
    scale(&inuse_n, &inuse_b, hd->rate);
    scale(&alloc_n, &alloc_b, hd->rate);
    int64_t *v = s.values;
    if (hd->has_alloc) {
        *v++ = alloc_n;
        *v++ = alloc_b;
    }
    *v++ = inuse_n;
    *v = inuse_b;
    array_push(out, s);
    pd->open = false;
    array_clear(&pd->frames);
    array_clear(&pd->addrs);
}

Profile *pprof_decode_legacy_heap(const char *text, size_t len, char *err, size_t errlen)
{
    Profile *p = xcalloc(1, sizeof *p);
    arena_init(&p->arena);
    p->legacy = true;
    Legacy lg = {.p = p};
    hashmap_init(&lg.funcs);
    hashmap_init(&lg.locs);
    SampleArray samples = {0};
    Array(const char *) comments = {0};
    Pending pd = {0};
    Header hd = {.rate = 1, .has_alloc = true};
    bool header = false, memstats = false;
    const char *s = text, *end = text + len;
    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *le = nl ? nl : end;
        lg.lineno++;
        if (p->arena.total + len > limits.max_memory) {
            char mem[32];
            limit_fmt_size(mem, sizeof mem, limits.max_memory);
            snprintf(err, errlen, "line %zu: profile needs more memory than --max-memory %s allows; "
                     "raise --max-memory if the input is trusted", lg.lineno, mem);
            goto fail;
        }
        size_t ll = (size_t)(le - s);
        if (ll && s[ll - 1] == '\r')
            ll--;
        Cursor c = {s, s + ll};
        skip_space(&c);
        if (c.s == c.end) {
            flush(&lg, &pd, &samples, &hd);
        } else if (!header) {
            const char *why = read_header(&c, &hd, lg.header);
            if (why) {
                snprintf(err, errlen, "line %zu: %s", lg.lineno, why);
                goto fail;
            }
            header = true;
        } else if (*c.s == '#') {
            Cursor t = {c.s + 1, c.end};
            skip_space(&t);
            if (t.end - t.s >= 16 && memcmp(t.s, "runtime.MemStats", 16) == 0) {
                flush(&lg, &pd, &samples, &hd);
                memstats = true;
            } else if (memstats || !pd.open) {
                if (memstats)
                    array_push(&comments, arena_strndup(&p->arena, t.s, (size_t)(t.end - t.s)));
            } else if (t.s < t.end && t.s[0] == '0' && t.end - t.s > 1 && t.s[1] == 'x') {
                const PprofLocation *loc = frame_location(&lg, c.s, (size_t)(c.end - c.s));
                if (loc)
                    array_push(&pd.frames, loc);
                else
                    warn_line(&lg, "malformed stack frame line");
            }
        } else if (isdigit((unsigned char)*c.s)) {
            flush(&lg, &pd, &samples, &hd);
            if (!read_counts(&c, pd.v) || !expect(&c, '@')) {
                warn_line(&lg, "malformed sample line (want 'N: N [N: N] @ 0x...')");
            } else {
                pd.open = true;
                for (;;) {
                    skip_space(&c);
                    if (c.s >= c.end)
                        break;
                    const char *tok = c.s;
                    while (c.s < c.end && !isspace((unsigned char)*c.s))
                        c.s++;
                    array_push(&pd.addrs, address_location(&lg, tok, (size_t)(c.s - tok)));
                }
            }
        } else if (!memstats) {
            warn_line(&lg, "unexpected line in heap profile");
        }
        s = nl ? nl + 1 : end;
    }
    flush(&lg, &pd, &samples, &hd);
    if (!header) {
        snprintf(err, errlen, "empty heap profile");
        goto fail;
    }
    /* Go writes the header as the sum of the records: less means records
     * are missing, as does a last line without its newline. */
    char why[200] = "";
    if (lg.sums[1] < lg.header[1] || lg.sums[3] < lg.header[3])
        snprintf(why, sizeof why,
                 "the profile ends early at line %zu: its records hold %" PRId64 " of the %" PRId64
                 " bytes in use the header counts",
                 lg.lineno, lg.sums[1], lg.header[1]);
    else if (len && text[len - 1] != '\n' && !memstats)
        snprintf(why, sizeof why, "the profile ends early: line %zu is cut short", lg.lineno);
    if (why[0])
        p->partial = arena_strdup(&p->arena, why);
    static const char *types[6][2] = {
        {"alloc_objects", "count"}, {"alloc_space", "bytes"},
        {"inuse_objects", "count"}, {"inuse_space", "bytes"},
        {"objects", "count"}, {"space", "bytes"},
    };
    int first = hd.has_alloc ? 0 : 4, ntypes = hd.has_alloc ? 4 : 2;
    p->n_sample_types = (size_t)ntypes;
    p->sample_types = ARENA_ARRAY(&p->arena, PprofValueType, 4);
    for (int i = 0; i < ntypes; i++) {
        p->sample_types[i].type = types[first + i][0];
        p->sample_types[i].unit = types[first + i][1];
    }
    p->period_type.type = "space";
    p->period_type.unit = "bytes";
    p->period = hd.rate;
    p->nsamples = samples.len;
    p->samples = ARENA_ARRAY(&p->arena, PprofSample, samples.len + 1);
    if (samples.len)
        memcpy(p->samples, samples.items, samples.len * sizeof *p->samples);
    p->ncomments = comments.len;
    p->comments = ARENA_ARRAY(&p->arena, const char *, comments.len + 1);
    if (comments.len)
        memcpy(p->comments, comments.items, comments.len * sizeof *p->comments);
    /* Functions and locations as flat arrays, like the proto form. */
    p->nfunctions = lg.funcs.count;
    p->functions = ARENA_ARRAY(&p->arena, PprofFunction, p->nfunctions + 1);
    for (size_t i = 0; i < lg.funcs.cap; i++)
        if (lg.funcs.slots[i].key) {
            const PprofFunction *f = lg.funcs.slots[i].value;
            p->functions[f->id - 1] = *f;
        }
    p->nlocations = 0;
    p->locations = NULL;
    p->strings = ARENA_ARRAY(&p->arena, const char *, 1);
    p->strings[0] = "";
    p->nstrings = 1;
    hashmap_free(&lg.funcs);
    hashmap_free(&lg.locs);
    array_free(&samples);
    array_free(&comments);
    array_free(&pd.frames);
    array_free(&pd.addrs);
    return p;
fail:
    hashmap_free(&lg.funcs);
    hashmap_free(&lg.locs);
    array_free(&samples);
    array_free(&comments);
    array_free(&pd.frames);
    array_free(&pd.addrs);
    pprof_free(p);
    return NULL;
}
