/* dump_analyze.c - classifies each stack group, spots lock-order
 * deadlocks (through dump_explain.c), and gathers groups into sites (blamed frame + category),
 * ranked: suspects by count and wait time; idle-by-design apart. */
#include "dump.h"

#include <math.h>
#include <string.h>

static const DumpFrame no_frame = {"", "", 0, ""};

static void classify_group(DumpGroup *g, SyntaxCache *sc)
{
    const char *stack_funcs[64];
    const char **funcs = g->nframes <= 64 ? stack_funcs : xmalloc(sizeof(char *) * g->nframes);
    for (uint32_t i = 0; i < g->nframes; i++)
        funcs[i] = g->frames[i].func;
    /* the group's wait reason is kept without marks: give the classifier
     * Go's verdict back, so that what Go proved leaked stays a suspect */
    char marked[128];
    const char *wait = g->wait;
    if (g->leaked && snprintf(marked, sizeof marked, "%s (leaked)", g->wait) < (int)sizeof marked)
        wait = marked;
    ClassifyInput in = {wait, funcs, g->nframes, NULL};
    classify_goroutine(&in, &g->cls);
    /* a select or receive may read a ticker, and a debug=1 stack tells
     * nothing of its operation: the syntax of the blocking line does */
    if (sc && g->cls.blame >= 0) {
        const DumpFrame *f = &g->frames[g->cls.blame];
        BlockKind k = g->cls.kind;
        SourceOp op;
        if ((k == BLOCK_SELECT || k == BLOCK_CHAN_RECV || k == BLOCK_UNKNOWN) &&
            syntax_op_at(sc, f->file, f->line, &op)) {
            in.src = &op;
            classify_goroutine(&in, &g->cls);
        }
    }
    /* Go proved it leaked (a goroutineleak profile, or the mark in the
     * header): a suspect even when the frames do not tell on what */
    if (g->leaked && !g->cls.suspect && g->cls.kind != BLOCK_RUNNING) {
        g->cls.suspect = true;
        g->cls.idle = false;
    }
    /* no frame at all (an empty stack in a debug=1 profile): nothing to
     * point at and nothing to fix, so it is counted, not blamed */
    if (g->nframes == 0) {
        g->cls.suspect = false;
        g->cls.seed = SEED_NONE;
    }
    if (funcs != stack_funcs)
        free(funcs);
}

/* A goroutine started by wg.Go(func() {...}): its creator is the closure's
 * frame (dump_group.c); the line where the literal begins is where wg.Go
 * was called, in the usual form "wg.Go(func() {". */
static void wg_go_call_line(DumpGroup *g, SyntaxCache *sc)
{
    DumpFrame *c = &g->created;
    if (!sc || !g->created_via || !strstr(c->func, ".func") || !c->file[0] || !c->line)
        return;
    uint32_t at = syntax_func_lit_line(sc, c->file, c->line);
    if (at && at < c->line)
        c->line = at;
}

/* A send or receive on a channel held by a package-level variable can be
 * ended by any code at any time (dump_syntax.c): idle, not blamed. A
 * ticker read in a loop stays a suspect, and so does what the runtime
 * marked (leaked). */
static void clear_package_chan_waits(DumpSnapshot *snap, SyntaxCache *sc)
{
    for (size_t i = 0; i < snap->groups.len; i++) {
        DumpGroup *g = snap->groups.items[i];
        if (!g->cls.suspect || g->leaked || g->cls.blame < 0 || g->cls.seed == SEED_TICKER ||
            (g->cls.kind != BLOCK_CHAN_SEND && g->cls.kind != BLOCK_CHAN_RECV))
            continue;
        const DumpFrame *f = &g->frames[g->cls.blame];
        if (syntax_chan_is_package_var(sc, f->file, f->line)) {
            g->cls.suspect = false;
            g->cls.idle = true;
            g->cls.seed = SEED_NONE;
        }
    }
}

/* Kinds a goroutine can be woken from by another goroutine's action (not
 * a nil channel or select {}, which never wake). */
static bool is_wakeable_kind(BlockKind k)
{
    switch (k) {
    case BLOCK_NIL_CHAN_SEND:
    case BLOCK_NIL_CHAN_RECV:
    case BLOCK_SELECT_NO_CASES:
        return false;
    default:
        return true;
    }
}

/* func is among the frames of g from the blamed one down. */
static bool group_has_func(const DumpGroup *g, const char *func)
{
    for (uint32_t i = g->cls.blame >= 0 ? (uint32_t)g->cls.blame : 0; i < g->nframes; i++)
        if (strcmp(g->frames[i].func, func) == 0)
            return true;
    return false;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static bool may_wake(const DumpGroup *g)
{
    return g->cls.suspect && !g->leaked && is_wakeable_kind(g->cls.kind);
}

/* Clears the suspicion of the groups blocked in func (anywhere in their
 * frames, or, with in_func_only, in func itself) that may wait for an
 * awake goroutine func started. */
static void clear_blocked_in(DumpSnapshot *snap, const char *func, bool in_func_only)
{
    for (size_t i = 0; i < snap->groups.len; i++) {
        DumpGroup *g = snap->groups.items[i];
        if (!may_wake(g))
            continue;
        if (in_func_only ? g->cls.blame >= 0 && strcmp(g->frames[g->cls.blame].func, func) == 0
                         : group_has_func(g, func)) {
            g->cls.suspect = false;
            g->cls.seed = SEED_NONE;
        }
    }
}

/* A goroutine blocked in function F while a goroutine F started is still
 * awake (running, runnable, sleeping, or held up by the runtime's own
 * work: DumpGroup.awake) may be waiting for it: go work(ch); <-ch, a
 * WaitGroup whose goroutines have not run yet, a chain whose last
 * goroutine sleeps before it sends. It is not stuck until that
 * goroutine is; if the awake one blocks for good, both show in the next
 * dump. The links come from "created by F in goroutine N" (Go 1.21 on):
 *   - when every goroutine blocked with F on its stack can be the creator
 *     of an awake goroutine (there are as many distinct live creators),
 *     none of them is blamed;
 *   - when the creator has returned (a chain hands its channel on), the
 *     goroutines blocked in F itself get the benefit of the doubt.
 * Goroutines the runtime marked (leaked) stay suspects: Go proved them
 * unreachable. */
static int cmp_link(const void *a, const void *b)
{
    const DumpAwakeLink *x = a, *y = b;
    int c = strcmp(x->child->created.func, y->child->created.func);
    if (c)
        return c;
    return x->creator < y->creator ? -1 : x->creator > y->creator;
}

enum { WAKE_MAX_FUNCS = 256 }; /* creator functions looked at, to bound the time */

static void clear_waits_on_awake(DumpSnapshot *snap)
{
    if (!snap->awake.len)
        return;
    uint64_t *ids = snap->ids.items;
    size_t nids = snap->ids.len;
    if (nids)
        qsort(ids, nids, sizeof *ids, cmp_u64);
    DumpAwakeLink *links = snap->awake.items;
    size_t nlinks = snap->awake.len;
    qsort(links, nlinks, sizeof *links, cmp_link);
    size_t funcs = 0;
    for (size_t i = 0, next; i < nlinks && funcs < WAKE_MAX_FUNCS; i = next) {
        const char *func = links[i].child->created.func;
        /* the run of links from func: distinct live creators, sorted */
        size_t live = 0;
        bool returned = false;
        for (next = i; next < nlinks && strcmp(links[next].child->created.func, func) == 0; next++) {
            uint64_t c = links[next].creator;
            if (next > i && c == links[next - 1].creator)
                continue;
            if (nids && bsearch(&c, ids, nids, sizeof *ids, cmp_u64))
                live++;
            else if (!snap->ids_truncated)
                returned = true;
        }
        if (classify_is_std_func(func))
            continue;
        funcs++;
        uint64_t blocked = 0;
        for (size_t j = 0; j < snap->groups.len; j++) {
            DumpGroup *g = snap->groups.items[j];
            if (may_wake(g) && group_has_func(g, func))
                blocked += g->count;
        }
        if (blocked && live >= blocked)
            clear_blocked_in(snap, func, false);
        else if (returned)
            clear_blocked_in(snap, func, true);
    }
}

static const DumpFrame *site_frame(const DumpGroup *g)
{
    if (g->cls.blame >= 0)
        return &g->frames[g->cls.blame];
    /* no user frame: the goroutine's entry function tells most */
    for (uint32_t i = g->nframes; i > 0; i--)
        if (strcmp(g->frames[i - 1].func, "runtime.goexit") != 0)
            return &g->frames[i - 1];
    return &no_frame;
}

void dump_site_key(StrBuf *key, BlockKind kind, const DumpFrame *f)
{
    sb_printf(key, "%s|%s|%s|%u", block_kind_id(kind), f->func, f->file, f->line);
}

static int cmp_group_count(const void *a, const void *b)
{
    const DumpGroup *x = *(DumpGroup *const *)a, *y = *(DumpGroup *const *)b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return x->first_line < y->first_line ? -1 : x->first_line > y->first_line;
}

static int cmp_site_score(const void *a, const void *b)
{
    const DumpSite *x = *(DumpSite *const *)a, *y = *(DumpSite *const *)b;
    /* what Go proved leaked comes before every guess */
    if ((x->leaked > 0) != (y->leaked > 0))
        return x->leaked ? -1 : 1;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    int c = strcmp(x->frame->file, y->frame->file);
    if (c)
        return c;
    return x->frame->line < y->frame->line ? -1 : x->frame->line > y->frame->line;
}

void dump_analyze(DumpAnalysis *a, DumpSnapshot *snap, const DumpAnalyzeOptions *opt)
{
    memset(a, 0, sizeof *a);
    a->snap = snap;
    arena_init(&a->arena);
    SyntaxCache *sc = opt->use_source ? syntax_cache_new() : NULL;

    for (size_t i = 0; i < snap->groups.len; i++) {
        classify_group(snap->groups.items[i], sc);
        wg_go_call_line(snap->groups.items[i], sc);
    }
    /* why each suspect is stuck, from its packages (dump_explain.c): lock
     * cycles among them */
    if (sc && opt->explain)
        dump_explain(snap, opt);
    if (sc)
        clear_package_chan_waits(snap, sc);
    clear_waits_on_awake(snap);

    syntax_cache_free(sc);

    /* gather groups into sites */
    HashMap sites, stacks, all_stacks;
    hashmap_init(&sites);
    hashmap_init(&stacks);
    hashmap_init(&all_stacks);
    Array(DumpGroup *) sorted = {0};
    for (size_t i = 0; i < snap->groups.len; i++)
        array_push(&sorted, snap->groups.items[i]);
    if (sorted.len)
        qsort(sorted.items, sorted.len, sizeof(DumpGroup *), cmp_group_count);
    StrBuf key;
    sb_init(&key);
    for (size_t i = 0; i < sorted.len; i++) {
        DumpGroup *g = sorted.items[i];
        const DumpFrame *f = site_frame(g);
        sb_clear(&key);
        dump_site_key(&key, g->cls.kind, f);
        const char *lv = NULL;
        if (opt->by_label) {
            lv = g->label_pairs ? dump_labels_get(g->label_pairs, g->label_pairs_len, opt->by_label) : NULL;
            lv = lv ? lv : "";
            sb_putc(&key, '|');
            sb_puts(&key, lv); /* an unset label groups with "" */
        }
        DumpSite *s = hashmap_get(&sites, key.data, key.len);
        if (!s) {
            s = ARENA_NEW(&a->arena, DumpSite);
            s->kind = g->cls.kind;
            s->seed = g->cls.seed;
            s->cause = g->cause;
            s->frame = f;
            s->user_frame = g->cls.blame >= 0;
            s->suspect = g->cls.suspect;
            s->idle = !g->cls.suspect && g->cls.idle;
            s->created = g->created.func[0] ? &g->created : NULL;
            s->created_via = g->created_via;
            s->label_value = lv;
            s->wait_min = INT64_MAX;
            hashmap_set(&sites, arena_strndup(&a->arena, key.data, key.len), key.len, s);
            if (g->cls.suspect)
                array_push(&a->suspects, s);
            else if (g->cls.idle)
                array_push(&a->idle, s);
            else
                array_push(&a->other, s);
        }
        if (g->cls.seed == SEED_LOCK_ORDER)
            s->seed = SEED_LOCK_ORDER;
        s->count += g->count;
        s->leaked += g->leaked;
        if (g->wait_known) {
            s->wait_known = true;
            s->wait_min = MIN(s->wait_min, g->wait_min);
            s->wait_max = MAX(s->wait_max, g->wait_max);
        }
        array_push(&s->groups, g);
        if (!hashmap_get(&all_stacks, g->key, g->stack_len)) {
            hashmap_set(&all_stacks, g->key, g->stack_len, g);
            a->nstacks++;
        }
        /* groups that differ by labels alone are one stack */
        sb_putc(&key, 0);
        sb_append(&key, g->key, g->stack_len);
        if (!hashmap_get(&stacks, key.data, key.len)) {
            hashmap_set(&stacks, arena_strndup(&a->arena, key.data, key.len), key.len, s);
            s->nstacks++;
        }
    }
    hashmap_free(&stacks);
    hashmap_free(&all_stacks);
    sb_free(&key);
    array_free(&sorted);
    hashmap_free(&sites);

    for (size_t i = 0; i < a->suspects.len; i++) {
        DumpSite *s = a->suspects.items[i];
        double w = s->wait_known ? (double)s->wait_max : 0;
        s->score = (double)s->count * (1.0 + log2(1.0 + w));
        if (s->leaked)
            s->score *= 4;
        if (!s->user_frame)
            s->score *= 0.5;
        a->suspect_goroutines += s->count;
    }
    if (a->suspects.len)
        qsort(a->suspects.items, a->suspects.len, sizeof(DumpSite *), cmp_site_score);
    for (size_t i = 0; i < a->idle.len; i++)
        a->idle.items[i]->score = (double)a->idle.items[i]->count;
    for (size_t i = 0; i < a->other.len; i++)
        a->other.items[i]->score = (double)a->other.items[i]->count;
    if (a->idle.len)
        qsort(a->idle.items, a->idle.len, sizeof(DumpSite *), cmp_site_score);
    if (a->other.len)
        qsort(a->other.items, a->other.len, sizeof(DumpSite *), cmp_site_score);
}

static void free_sites(void *arr)
{
    Array(DumpSite *) *sites = arr;
    for (size_t i = 0; i < sites->len; i++)
        array_free(&sites->items[i]->groups);
    array_free(sites);
}

void dump_analysis_free(DumpAnalysis *a)
{
    free_sites(&a->suspects);
    free_sites(&a->idle);
    free_sites(&a->other);
    arena_free(&a->arena);
}
