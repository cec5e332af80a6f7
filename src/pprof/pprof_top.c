/* pprof_top.c - flat/cum tables per site or function, and diffs. */
#include "pprof_top.h"

#include <string.h>

#include "../util/array.h"
#include "../util/hashmap.h"
#include "../util/util.h"

/* ORDER TopCategory */
static const char *const category_names[CAT_COUNT_] = {
    "",
    "subslice-retention",
    "goroutine-no-exit",
    "unbounded-map",
};
static const char *const category_hints[CAT_COUNT_] = {
    "",
    "a small substring or subslice of a large buffer keeps the whole buffer alive; "
    "copy what you keep (strings.Clone, or copy into a new slice)",
    "goroutines that never exit keep their stacks and everything they reference; "
    "run 'drip goroutines' on a goroutine dump to see where they block",
    "entries are added to a map and never deleted; bound it or evict old entries",
};

const char *pprof_category_name(TopCategory c)
{
    return c < CAT_COUNT_ ? category_names[c] : "";
}

const char *pprof_category_hint(TopCategory c)
{
    return c < CAT_COUNT_ ? category_hints[c] : "";
}

static TopCategory frame_category(const char *name)
{
    static const char *const subslice[] = {
        "io.ReadAll", "io/ioutil.ReadAll", "os.ReadFile", "io/ioutil.ReadFile",
        "bytes.(*Buffer).grow", "bytes.(*Buffer).ReadFrom", "bytes.growSlice",
        "bytes.makeSlice", "strings.(*Builder).grow", "strings.(*Builder).Write",
        "strings.(*Builder).WriteString", "strings.(*Builder).WriteByte",
        "strings.Repeat", "strings.Join", "bytes.Join", "bytes.Repeat",
        "runtime.slicebytetostring", "runtime.concatstrings", "runtime.rawstring",
        "runtime.rawbyteslice", "runtime.growslice", "runtime.stringtoslicebyte",
        "bufio.(*Reader).ReadString", "bufio.(*Reader).ReadBytes", "bufio.(*Scanner).Text",
        "bufio.(*Scanner).Bytes",
    };
    for (size_t i = 0; i < ARRAY_LEN(subslice); i++)
        if (strcmp(name, subslice[i]) == 0)
            return CAT_SUBSLICE;
    if (strcmp(name, "runtime.malg") == 0 || strcmp(name, "runtime.newproc1") == 0 ||
        strcmp(name, "runtime.newproc") == 0)
        return CAT_GOROUTINE;
    if (str_has_prefix(name, "runtime.mapassign") || strcmp(name, "runtime.hashGrow") == 0 ||
        strcmp(name, "runtime.makeBucketArray") == 0)
        return CAT_MAP;
    return CAT_NONE;
}

TopCategory pprof_sample_category(const PprofCode *c, const PprofSample *s)
{
    for (uint32_t i = 0; i < s->nlocs; i++) {
        const PprofLocation *loc = s->locs[i];
        for (uint32_t j = 0; j < loc->nlines; j++) {
            const PprofFunction *f = loc->lines[j].function;
            TopCategory cat = frame_category(f->name);
            if (cat != CAT_NONE)
                return cat;
            if (pprof_is_user_func(c, f))
                return CAT_NONE;
        }
    }
    return CAT_NONE;
}

/* Sums are 128-bit: 2^64 samples of 2^63 cannot overflow them, so a
 * profile's values near INT64_MAX give the exact sum, clamped only when it
 * becomes a row. */
typedef __int128 Sum;

typedef struct {
    TopRow row;                     /* flat, cum, base_flat set from the sums at the end */
    Sum flat, cum, base_flat;
    Sum cat_weight[CAT_COUNT_];     /* flat value seen per category */
    size_t last_sample;             /* for counting cum once per sample */
    int pass;                       /* which profile set last_sample */
} Acc;

typedef struct {
    TopTable *t;
    Sum total, base_total;
    HashMap map;
    Array(Acc *) accs;
    TopGranularity g;
    PprofCode code;
    char keybuf[4096];
} Builder;

static Acc *acc_for(Builder *b, const PprofFunction *f, int64_t line, bool *fresh)
{
    size_t klen;
    if (b->g == TOP_BY_FUNCTION)
        klen = (size_t)snprintf(b->keybuf, sizeof b->keybuf, "%s", f->name);
    else
        klen = (size_t)snprintf(b->keybuf, sizeof b->keybuf, "%s\n%s\n%lld", f->name, f->filename,
                                (long long)line);
    if (klen >= sizeof b->keybuf)
        klen = sizeof b->keybuf - 1;
    void *hit = hashmap_get(&b->map, b->keybuf, klen);
    *fresh = hit == NULL;
    if (hit)
        return hit;
    Acc *a = ARENA_NEW(&b->t->arena, Acc);
    char *key = arena_strndup(&b->t->arena, b->keybuf, klen);
    a->row.name = f->name;
    a->row.file = b->g == TOP_BY_FUNCTION ? f->filename : f->filename;
    a->row.line = b->g == TOP_BY_FUNCTION ? 0 : line;
    a->row.user = pprof_is_user_func(&b->code, f);
    a->last_sample = SIZE_MAX;
    a->pass = -1;
    hashmap_set(&b->map, key, klen, a);
    array_push(&b->accs, a);
    return a;
}

/* Names and files must outlive the profiles: copy them into the table. */
static void own_strings(TopTable *t, Acc *a)
{
    a->row.name = arena_strdup(&t->arena, a->row.name);
    a->row.file = arena_strdup(&t->arena, a->row.file);
}

/* What the decoder's locations resolve to, computed once per location
 * rather than once per sample frame. */
typedef struct {
    const PprofLocation *loc; /* the key's storage */
    Acc **accs;               /* one per line */
    bool *user;               /* pprof_is_user_func per line */
    TopCategory *cat;         /* frame_category per line */
} LocInfo;

static LocInfo *loc_info(Builder *b, HashMap *cache, const PprofLocation *loc)
{
    LocInfo *li = hashmap_get(cache, (const char *)&loc, sizeof loc);
    if (li)
        return li;
    li = ARENA_NEW(&b->t->arena, LocInfo);
    li->loc = loc;
    li->accs = ARENA_ARRAY(&b->t->arena, Acc *, loc->nlines + 1);
    li->user = ARENA_ARRAY(&b->t->arena, bool, loc->nlines + 1);
    li->cat = ARENA_ARRAY(&b->t->arena, TopCategory, loc->nlines + 1);
    for (uint32_t j = 0; j < loc->nlines; j++) {
        const PprofLine *ln = &loc->lines[j];
        bool fresh;
        li->accs[j] = acc_for(b, ln->function, ln->line, &fresh);
        if (fresh)
            own_strings(b->t, li->accs[j]);
        li->user[j] = pprof_is_user_func(&b->code, ln->function);
        li->cat[j] = frame_category(ln->function->name);
    }
    hashmap_set(cache, (const char *)&li->loc, sizeof li->loc, li);
    return li;
}

/* s in the int64 range; the table remembers a clamp. */
static int64_t clamp(TopTable *t, Sum s)
{
    if (s > INT64_MAX || s < INT64_MIN) {
        t->saturated = true;
        return s > 0 ? INT64_MAX : INT64_MIN;
    }
    return (int64_t)s;
}

static void add_profile(Builder *b, const Profile *p, int idx, int pass, int sign)
{
    pprof_code_init(&b->code, p);
    HashMap cache;
    hashmap_init(&cache);
    for (size_t si = 0; si < p->nsamples; si++) {
        const PprofSample *s = &p->samples[si];
        Sum v = (Sum)s->values[idx] * sign;
        if (v == 0)
            continue;
        if (sign > 0)
            b->total += v;
        else
            b->base_total += -v;
        Acc *leaf = NULL, *site = NULL;
        TopCategory cat = CAT_NONE;
        /* cum: each frame's row once per sample. The leaf is the flat row
         * for functions; the first user frame (else the leaf) for sites.
         * The category comes from the frames up to the first user one. */
        for (uint32_t i = 0; i < s->nlocs; i++) {
            LocInfo *li = loc_info(b, &cache, s->locs[i]);
            for (uint32_t j = 0; j < s->locs[i]->nlines; j++) {
                Acc *a = li->accs[j];
                if (!leaf)
                    leaf = a;
                if (!site) {
                    if (cat == CAT_NONE)
                        cat = li->cat[j];
                    if (li->user[j])
                        site = a;
                }
                if (a->last_sample != si || a->pass != pass) {
                    a->last_sample = si;
                    a->pass = pass;
                    a->cum += v;
                }
            }
        }
        if (!site)
            site = leaf;
        Acc *flat = b->g == TOP_BY_SITE ? site : leaf;
        if (!flat)
            continue;
        flat->flat += v;
        if (sign < 0)
            flat->base_flat += -v;
        flat->cat_weight[cat] += v;
    }
    hashmap_free(&cache);
}

static int cmp_rows(const void *x, const void *y)
{
    const TopRow *a = x, *b = y;
    if (a->flat != b->flat)
        return a->flat > b->flat ? -1 : 1;
    if (a->cum != b->cum)
        return a->cum > b->cum ? -1 : 1;
    int c = strcmp(a->name, b->name);
    if (c)
        return c;
    return a->line < b->line ? -1 : a->line > b->line;
}

void pprof_top(TopTable *t, const Profile *p, const Profile *base, int idx, int base_idx, TopGranularity g)
{
    memset(t, 0, sizeof *t);
    arena_init(&t->arena);
    t->type = arena_strdup(&t->arena, p->sample_types[idx].type);
    t->unit = arena_strdup(&t->arena, p->sample_types[idx].unit);
    t->diff = base != NULL;
    Builder b = {.t = t, .g = g};
    hashmap_init(&b.map);
    add_profile(&b, p, idx, 0, 1);
    if (base)
        add_profile(&b, base, base_idx, 1, -1);
    size_t n = 0;
    t->rows = ARENA_ARRAY(&t->arena, TopRow, b.accs.len + 1);
    for (size_t i = 0; i < b.accs.len; i++) {
        Acc *a = b.accs.items[i];
        a->row.flat = clamp(t, a->flat);
        a->row.cum = clamp(t, a->cum);
        a->row.base_flat = clamp(t, a->base_flat);
        if (a->flat == 0 && a->cum == 0)
            continue;
        /* A site table lists sites; runtime and library frames above
         * them matter only where they hold the allocation themselves. */
        if (g == TOP_BY_SITE && a->flat == 0 && a->base_flat == 0 && !a->row.user)
            continue;
        /* The category that carries most of the site's growth. */
        Sum best = 0;
        for (int c = 1; c < CAT_COUNT_; c++)
            if (a->cat_weight[c] > best) {
                best = a->cat_weight[c];
                a->row.category = (TopCategory)c;
            }
        t->rows[n++] = a->row;
    }
    t->nrows = n;
    qsort(t->rows, n, sizeof *t->rows, cmp_rows);
    t->total = clamp(t, base ? b.total - b.base_total : b.total);
    t->base_total = clamp(t, b.base_total);
    hashmap_free(&b.map);
    array_free(&b.accs);
}

void pprof_top_free(TopTable *t)
{
    arena_free(&t->arena);
    memset(t, 0, sizeof *t);
}
