/* dump_explain.c - why each suspect is stuck, from the source.
 *
 * A dump says where goroutines wait. When the Go files its frames point at
 * are on this machine (or under --source DIR, with --trim-prefix PREFIX
 * for paths recorded elsewhere), the packages of the suspects' frames are
 * loaded once each (src/sema/load.c), parsed and resolved, drip check's
 * rules are run on them in-process, and the analysis layer (src/flow,
 * flow_explain.h) is asked, per stack group:
 *
 *   - channel: the partner operations on that channel object, and where
 *     each partner is: blocked elsewhere in the dump, or gone, with the
 *     path on which it gives up first (another select case, a return);
 *     no partner at all; a channel that is nil;
 *   - lock: who holds it, from the other goroutines of the dump (a frame
 *     at which the lock is held), cycles of goroutines each holding what
 *     the next waits for (AB-BA and longer), a read lock taken again on the
 *     same goroutine while a writer waits; without a holder in the dump,
 *     the functions that return with the lock held;
 *   - WaitGroup and Cond: the Done and Signal sites, and why they are not
 *     reached; select: each case's partners, and whether any case leaves
 *     the loop;
 *   - the drip check finding at the site, by rule name.
 *
 * Without the source the cause says which file was not found, and the
 * categories of classify.c stand alone. */
#include "dump.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../flow/flow_explain.h"
#include "../go/ast.h"
#include "../rules/rule.h"
#include "../sema/load.h"
#include "../sema/sema.h"
#include "../util/ptrmap.h"

typedef struct {
    int pkg, file;
} FileRef;

typedef struct {
    FlowPkg *fp;
    FlowFunc *f;
    int line;
    const DumpFrame *fr;
    uint32_t index;     /* frame index in the group */
} At;

typedef struct {
    At *at;
    uint32_t n;
} GroupAt;

typedef struct {
    DumpGroup *g;
    uint32_t at;        /* index in its GroupAt */
} FuncSeen;

typedef struct {
    DumpSnapshot *snap;
    const DumpAnalyzeOptions *opt;
    Program prog;
    GoFileSet *fs;
    Arena trees;
    GoErrors errs;
    World world;
    Sema *sems;
    FlowPkg **fps;
    HashMap real;       /* realpath -> FileRef* */
    HashMap local;      /* dump path -> FileRef*, or &missing */
    HashMap funcat;     /* "pkg:file:line" -> FlowFunc*, or &missing */
    PtrMap gat;         /* DumpGroup* -> GroupAt* */
    PtrMap seen;        /* FlowFunc* -> FuncSeen*: a goroutine in it */
    DiagList diags;     /* drip check's findings in the loaded packages */
    PtrMap holder;      /* DumpGroup* -> the group holding what it waits for */
    Arena tmp;
} Ex;

static FileRef missing;

/* A cause being built. */
typedef struct {
    const char *kind;
    StrBuf text;
    const char *fix;
    Array(DumpCauseSite) sites;
    Ex *x;
} Cause;

/* ---- paths ------------------------------------------------------------- */

static bool readable(const char *p)
{
    return access(p, R_OK) == 0;
}

const char *dump_local_path(const char *file, const DumpAnalyzeOptions *opt, char *buf, size_t cap)
{
    if (!file || !*file || cap < 2)
        return NULL;
    const char *dir = opt->source_dir && *opt->source_dir ? opt->source_dir : NULL;
    if (opt->trim_prefix && *opt->trim_prefix) {
        size_t n = strlen(opt->trim_prefix);
        if (strncmp(file, opt->trim_prefix, n) == 0) {
            const char *rel = file + n;
            while (*rel == '/')
                rel++;
            if ((size_t)snprintf(buf, cap, "%s/%s", dir ? dir : ".", rel) >= cap)
                return NULL;
            return readable(buf) ? buf : NULL;
        }
    }
    if (dir)
        for (const char *p = file; p && *p; p = strchr(p + 1, '/')) {
            const char *s = *p == '/' ? p + 1 : p;
            if (*s && (size_t)snprintf(buf, cap, "%s/%s", dir, s) < cap && readable(buf))
                return buf;
        }
    if (strlen(file) < cap && readable(file)) {
        strcpy(buf, file);
        return buf;
    }
    return NULL;
}

static bool is_user(const DumpFrame *f)
{
    return f->func[0] && !classify_is_std_func(f->func) && f->file[0] && f->line;
}

static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

/* ---- loading ----------------------------------------------------------- */

static void load_packages(Ex *x, HashMap *dirs)
{
    Array(const char *) pats = {0};
    for (size_t i = 0; i < dirs->cap; i++)
        if (dirs->slots[i].key)
            array_push(&pats, dirs->slots[i].key);
    if (!pats.len)
        return;
    BuildCtx bc;
    build_ctx_default(&bc);
    bc.tests = true;
    pkg_load(&x->prog, &bc, pats.items, (int)pats.len);
    array_free(&pats);
    size_t np = x->prog.pkgs.len;
    x->sems = xcalloc(np ? np : 1, sizeof(Sema));
    x->fps = xcalloc(np ? np : 1, sizeof(FlowPkg *));
    for (size_t i = 0; i < np; i++) {
        Package *p = x->prog.pkgs.items[i];
        int ins = 0;
        void **slot = hashmap_put(&x->world.by_path, p->import_path, strlen(p->import_path), &ins);
        if (ins)
            *slot = &x->sems[i];
        for (size_t k = 0; k < p->files.len; k++) {
            PkgFile *f = p->files.items[k];
            f->ast = go_parse(x->fs, f->path, f->src.data, f->src.len, &x->trees, &x->errs);
            char rp[PATH_MAX];
            if (realpath(f->path, rp)) {
                FileRef *r = ARENA_NEW(&x->tmp, FileRef);
                r->pkg = (int)i;
                r->file = (int)k;
                hashmap_set(&x->real, arena_strdup(&x->tmp, rp), strlen(rp), r);
            }
        }
    }
    RuleConfig cfg = {64 << 10};
    for (size_t i = 0; i < np; i++) {
        Package *p = x->prog.pkgs.items[i];
        GoFile **files = xcalloc(p->files.len ? p->files.len : 1, sizeof(GoFile *));
        for (size_t k = 0; k < p->files.len; k++)
            files[k] = p->files.items[k]->ast;
        sema_build(&x->sems[i], &x->world, p, files, (int)p->files.len);
    }
    /* drip check's rules first: they may reorder a function's operations
     * (flow_use_cfg), which the questions below then keep */
    for (size_t i = 0; i < np; i++) {
        for (int r = 0; r < rule_count; r++) {
            Pass pass = {rule_all[r], &x->sems[i], x->prog.pkgs.items[i], &cfg, x->fs, &x->diags, NULL};
            rule_all[r]->run(&pass);
        }
        x->fps[i] = flow_pkg(&x->sems[i], x->fs);
    }
}

static FileRef *file_ref(Ex *x, const char *file)
{
    size_t n = strlen(file);
    FileRef *r = hashmap_get(&x->local, file, n);
    if (r)
        return r == &missing ? NULL : r;
    char buf[PATH_MAX], rp[PATH_MAX];
    const char *lp = dump_local_path(file, x->opt, buf, sizeof buf);
    r = lp && realpath(lp, rp) ? hashmap_get(&x->real, rp, strlen(rp)) : NULL;
    hashmap_set(&x->local, arena_strndup(&x->tmp, file, n), n, r ? r : &missing);
    return r;
}

static bool resolve(Ex *x, const DumpFrame *fr, At *out)
{
    if (!is_user(fr))
        return false;
    FileRef *r = file_ref(x, fr->file);
    if (!r || !x->fps[r->pkg])
        return false;
    char key[64];
    int kl = snprintf(key, sizeof key, "%d:%d:%u", r->pkg, r->file, fr->line);
    FlowFunc *f = hashmap_get(&x->funcat, key, (size_t)kl);
    if (!f) {
        f = flow_func_at_line(x->fps[r->pkg], r->file, (int)fr->line);
        hashmap_set(&x->funcat, arena_strndup(&x->tmp, key, (size_t)kl), (size_t)kl, f ? (void *)f : (void *)&missing);
    } else if ((void *)f == (void *)&missing) {
        f = NULL;
    }
    if (!f)
        return false;
    out->fp = x->fps[r->pkg];
    out->f = f;
    out->line = (int)fr->line;
    out->fr = fr;
    return true;
}

static GroupAt *group_at(Ex *x, DumpGroup *g)
{
    GroupAt *ga = ptrmap_get(&x->gat, g);
    if (ga)
        return ga;
    ga = ARENA_NEW(&x->tmp, GroupAt);
    uint32_t from = g->cls.blame >= 0 ? (uint32_t)g->cls.blame : 0;
    ga->at = arena_alloc(&x->tmp, sizeof(At) * (g->nframes > from ? g->nframes - from : 1));
    for (uint32_t i = from; i < g->nframes; i++) {
        At a;
        if (resolve(x, &g->frames[i], &a)) {
            a.index = i;
            ga->at[ga->n++] = a;
        }
    }
    ptrmap_set(&x->gat, g, ga);
    return ga;
}

/* ---- text -------------------------------------------------------------- */

static const char *pos_text(Ex *x, FlowPkg *fp, GoPos pos)
{
    char buf[PATH_MAX + 16];
    return arena_strdup(&x->tmp, flow_where(fp, pos, buf, sizeof buf));
}

static const char *frame_text(Ex *x, const DumpFrame *f)
{
    char buf[PATH_MAX + 16];
    snprintf(buf, sizeof buf, "%s:%u", base_name(f->file), f->line);
    return arena_strdup(&x->tmp, buf);
}

static void add_site(Cause *c, const char *role, FlowPkg *fp, FlowFunc *f, GoPos pos)
{
    if (c->sites.len >= 8)
        return;
    GoPosition at = go_fileset_position(c->x->fs, pos);
    DumpCauseSite s = {role, f ? flow_fn_name(fp, f) : "", at.path ? at.path : "", (uint32_t)at.line};
    array_push(&c->sites, s);
}

static void add_frame_site(Cause *c, const char *role, const At *a)
{
    if (c->sites.len >= 8)
        return;
    DumpCauseSite s = {role, flow_fn_name(a->fp, a->f), a->fr->file, a->fr->line};
    array_push(&c->sites, s);
}

static void say(Cause *c, const char *fmt, ...) PRINTF(2, 3);
static void say(Cause *c, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (c->text.len)
        sb_putc(&c->text, ' ');
    sb_puts(&c->text, buf);
}

static const char *obj_name(FlowObj *o)
{
    return o && o->key ? o->key : "the channel";
}

/* ---- where other goroutines are ---------------------------------------- */

static void index_groups(Ex *x)
{
    for (size_t i = 0; i < x->snap->groups.len; i++) {
        DumpGroup *g = x->snap->groups.items[i];
        GroupAt *ga = group_at(x, g);
        for (uint32_t k = 0; k < ga->n; k++) {
            FuncSeen *s = ptrmap_get(&x->seen, ga->at[k].f);
            /* prefer a goroutine blocked in the function itself */
            if (s && !(k == 0 && s->at != 0))
                continue;
            if (!s) {
                s = ARENA_NEW(&x->tmp, FuncSeen);
                ptrmap_set(&x->seen, ga->at[k].f, s);
            }
            s->g = g;
            s->at = k;
        }
    }
}

static const char *group_state(Ex *x, const DumpGroup *g)
{
    const DumpFrame *f = g->cls.blame >= 0 ? &g->frames[g->cls.blame] : g->nframes ? &g->frames[0] : NULL;
    char buf[PATH_MAX + 64];
    if (!f)
        return "";
    snprintf(buf, sizeof buf, "%s at %s:%u", g->cls.kind == BLOCK_RUNNING ? "running" : block_kind_name(g->cls.kind),
             base_name(f->file), f->line);
    return arena_strdup(&x->tmp, buf);
}

/* ---- channels ---------------------------------------------------------- */

typedef struct {
    FlowFunc *f[8];
    FlowOp *op[8];
    int n, total;
    const FlowOp *self;
} Partners;

static void partner_fn(FlowFunc *f, FlowOp *op, void *ctx)
{
    Partners *p = ctx;
    if (op == p->self)
        return;
    p->total++;
    if (p->n < 8) {
        p->f[p->n] = f;
        p->op[p->n] = op;
        p->n++;
    }
}

/* Partners on a parameter of the same kind, when the object itself has
 * none: the object is usually handed to a function (go worker(&wg)) that
 * works on its parameter. */
static void param_partners(Ex *x, FlowPkg *fp, FlowObj *obj, unsigned mask, Partners *p)
{
    (void)x;
    if (p->total || !obj)
        return;
    size_t nf;
    FlowFunc **fs = flow_funcs(fp, &nf);
    /* first the parameters some call binds to obj itself */
    for (size_t i = 0; i < nf; i++)
        for (size_t k = 0; k < fs[i]->ops.len; k++) {
            FlowOp *op = &fs[i]->ops.items[k];
            if (op == p->self || !op->obj || op->obj == obj || !(mask & FOP_BIT(op->kind)))
                continue;
            if (op->obj->kind != obj->kind || !op->obj->var || !(op->obj->var->flags & OBJF_PARAM))
                continue;
            FlowObj *args[8];
            int na = flow_param_args(fp, op->obj, args, 8);
            bool bound = false;
            for (int j = 0; j < na && !bound; j++)
                bound = args[j] == obj;
            if (bound)
                partner_fn(fs[i], op, p);
        }
    /* any such parameter, unless obj never leaves its function */
    if (p->total || !flow_obj_escapes(fp, obj))
        return;
    for (size_t i = 0; i < nf; i++)
        for (size_t k = 0; k < fs[i]->ops.len; k++) {
            FlowOp *op = &fs[i]->ops.items[k];
            if (op == p->self || !op->obj || op->obj == obj || !(mask & FOP_BIT(op->kind)))
                continue;
            if (op->obj->kind != obj->kind || !op->obj->var || !(op->obj->var->flags & OBJF_PARAM))
                continue;
            /* another parameter of obj's own function is another object */
            if (obj->var && (obj->var->flags & OBJF_PARAM) && op->obj->var->func == obj->var->func)
                continue;
            partner_fn(fs[i], op, p);
        }
}

static const char *op_verb(FlowOpKind k)
{
    switch (k) {
    case FOP_SEND: return "sends";
    case FOP_RECV: return "receives";
    case FOP_RANGE: return "ranges over it";
    case FOP_CLOSE: return "closes it";
    case FOP_WG_DONE: return "calls Done";
    case FOP_COND_SIGNAL: return "signals";
    default: return "uses it";
    }
}

/* ---- which goroutines share a local channel ---------------------------- */

static bool group_has_id(const DumpGroup *g, uint64_t id)
{
    for (uint32_t i = 0; i < g->nids; i++)
        if (g->ids[i] == id)
            return true;
    for (size_t i = 0; i < g->id_ranges.len; i++)
        if (g->id_ranges.items[i].lo <= id && id <= g->id_ranges.items[i].hi)
            return true;
    return false;
}

/* The goroutine whose call of decl, the function declaring a local
 * channel, made the instance g uses at its frame in f: g itself when f is
 * decl (*own), else, when f is a literal inside decl, the goroutine that
 * created g (*home; the literal is g's own goroutine). false: unknown. */
static bool instance_home(const DumpGroup *g, FlowFunc *f, GoNode *decl, bool *own, uint64_t *home)
{
    *own = f->node == decl;
    *home = 0;
    if (*own)
        return g->nids > 0;
    if (f->node->kind != GO_FUNC_LIT || f->node->pos < decl->pos || f->node->end > decl->end || g->from_debug1)
        return false;
    *home = g->created_in;
    return *home != 0;
}

/* Whether the goroutines of a and b (at their frames in fa and fb) may use
 * the same instance of obj: a local of a function several calls of which
 * run at once have one channel each (go nCastLeak(...) twice). */
static bool same_instance(DumpGroup *a, FlowFunc *fa, DumpGroup *b, FlowFunc *fb, FlowObj *obj)
{
    if (!obj || !obj->var || !obj->var->func || (obj->var->flags & (OBJF_PARAM | OBJF_GLOBAL)))
        return true;
    bool oa, ob;
    uint64_t ha, hb;
    if (!instance_home(a, fa, obj->var->func, &oa, &ha) || !instance_home(b, fb, obj->var->func, &ob, &hb))
        return true;
    if (oa && ob)
        return a == b;
    if (oa)
        return group_has_id(a, hb);
    if (ob)
        return group_has_id(b, ha);
    return ha == hb;
}

/* A group of the dump with pf on its stack that may share obj with self
 * (at self_f), as FuncSeen; NULL when none does. */
static FuncSeen *partner_group(Ex *x, DumpGroup *self, FlowFunc *self_f, FlowFunc *pf, FlowObj *obj)
{
    FuncSeen *s = ptrmap_get(&x->seen, pf);
    if (!s || s->g == self || same_instance(self, self_f, s->g, pf, obj))
        return s;
    /* the group indexed for pf runs another instance: look for one that
     * runs this one (rare: only locals of functions running more than once) */
    for (size_t i = 0; i < x->snap->groups.len; i++) {
        DumpGroup *g = x->snap->groups.items[i];
        GroupAt *ga = group_at(x, g);
        for (uint32_t k = 0; k < ga->n; k++)
            if (ga->at[k].f == pf && g != s->g && same_instance(self, self_f, g, pf, obj)) {
                FuncSeen *t = ARENA_NEW(&x->tmp, FuncSeen);
                t->g = g;
                t->at = k;
                return t;
            }
    }
    return NULL;
}

/* Where partner p is: blocked elsewhere in the dump, or gone and why. */
static void describe_partner(Cause *c, DumpGroup *self, FlowFunc *self_f, FlowPkg *fp, FlowFunc *pf, FlowOp *po,
                             const char *role, bool only)
{
    Ex *x = c->x;
    const char *name = flow_fn_name(fp, pf);
    const char *at = pos_text(x, fp, po->pos);
    add_site(c, role, fp, pf, po->pos);
    FuncSeen *s = partner_group(x, self, self_f, pf, po->obj);
    if (s && s->g == self) {
        say(c, "%s %s, `%s` at %s, is later on this same goroutine, so it is never reached.", only ? "The only" : "A",
            role, name, at);
        return;
    }
    if (s) {
        const At *pa = &group_at(x, s->g)->at[s->at];
        /* the goroutine is in pf past the partner, on a path that does
         * not come back to it */
        if (!po->in_loop && pa->line > flow_line(fp, po->pos)) {
            say(c, "%s %s, `%s` at %s, has gone past it: its goroutine is at %s:%d now (%s).", only ? "The only" : "A",
                role, name, at, base_name(pa->fr->file), pa->line, group_state(x, s->g));
            return;
        }
        say(c, "%s %s, `%s` at %s, is itself blocked (%s).", only ? "The only" : "A", role, name, at,
            group_state(x, s->g));
        return;
    }
    FlowGiveUp gu;
    if (flow_gives_up_before(fp, pf, po, &gu)) {
        if (gu.select_case) {
            GoCommClause *cc = GO_AS(GoCommClause, gu.node);
            const char *what = cc && cc->comm ? flow_text(fp, cc->comm) : "default";
            say(c, "%s %s, `%s` at %s, is gone: it gives up on `%s` at %s instead.", only ? "The only" : "A", role,
                name, at, what, pos_text(x, fp, gu.pos));
        } else {
            say(c, "%s %s, `%s` at %s, is gone: it returns at %s before it %s.", only ? "The only" : "A", role,
                name, at, pos_text(x, fp, gu.pos), op_verb(po->kind));
        }
        add_site(c, "gives-up", fp, pf, gu.pos);
        return;
    }
    say(c, "%s %s, `%s` at %s, is not running: it returned or was never started.", only ? "The only" : "A", role,
        name, at);
}

/* Whether anything closes ch, or what the callers pass for it. */
static bool closes(FlowPkg *fp, FlowObj *ch)
{
    Partners p = {0};
    flow_each_op_on(fp, ch, FOP_BIT(FOP_CLOSE), partner_fn, &p);
    FlowObj *args[8];
    int na = flow_param_args(fp, ch, args, 8);
    for (int i = 0; i < na; i++)
        flow_each_op_on(fp, args[i], FOP_BIT(FOP_CLOSE), partner_fn, &p);
    return p.total > 0;
}

static void explain_chan(Cause *c, DumpGroup *g, At *a, FlowOp *op)
{
    FlowPkg *fp = a->fp;
    bool send = op->kind == FOP_SEND;
    FlowObj *ch = op->obj;
    if (g->cls.kind == BLOCK_NIL_CHAN_SEND || g->cls.kind == BLOCK_NIL_CHAN_RECV) {
        c->kind = "nil-chan";
        if (!ch->cap_seen)
            say(c, "`%s` is nil: no make(chan) in the package reaches it, so this %s blocks forever.", obj_name(ch),
                send ? "send" : "receive");
        else
            say(c, "`%s` is nil here: it is made elsewhere, but not before this goroutine uses it (or it was set "
                   "to nil).", obj_name(ch));
        c->fix = "make the channel before the goroutine uses it, or leave the nil case out of the select";
        return;
    }
    Partners p = {.self = op};
    unsigned mask = send ? FOP_BIT(FOP_RECV) | FOP_BIT(FOP_RANGE) : FOP_BIT(FOP_SEND) | FOP_BIT(FOP_CLOSE);
    flow_each_op_on(fp, ch, mask, partner_fn, &p);
    if (!p.total) {
        /* a parameter: the partners work on what the callers pass */
        FlowObj *args[8];
        int na = flow_param_args(fp, ch, args, 8);
        for (int i = 0; i < na; i++)
            flow_each_op_on(fp, args[i], mask, partner_fn, &p);
    }
    GoNode *made[4];
    int nmade = p.total ? -1 : flow_param_made_args(fp, ch, made, 4);
    if (nmade > 0 && !flow_obj_escapes(fp, ch)) {
        /* a channel each caller makes for this call alone */
        const char *callee = flow_fn_name(fp, flow_func(fp, ch->var->func));
        c->kind = "no-partner";
        say(c, "%s `%s` passes a channel made for the call (`%s` at %s), and `%s` hands it to no one: nothing "
               "else can reach it, so this %s has no partner.", nmade == 1 ? "The only call of" : "Every call of",
            callee, flow_text(fp, made[0]), pos_text(c->x, fp, made[0]->pos), callee, send ? "send" : "receive");
        for (int i = 0; i < nmade && i < 4; i++)
            add_site(c, "made", fp, NULL, made[i]->pos);
        c->fix = send ? "receive from the channel, or give it a buffer for the values nobody reads"
                      : "pass the channel the sender uses, or close it when the last value is sent";
        return;
    }
    param_partners(c->x, fp, ch, mask, &p);
    if (!p.total) {
        c->kind = "no-partner";
        say(c, "Nothing in the package %s `%s`: no partner for this %s at all.",
            send ? "receives from" : "sends on or closes", obj_name(ch), send ? "send" : "receive");
        c->fix = send ? "receive from the channel, or give it a buffer for the values nobody reads"
                      : "close the channel when the last value is sent, or stop waiting on a done channel";
        return;
    }
    c->kind = "partner";
    if (send && ch->cap > 0)
        say(c, "`%s` has a buffer of %lld, full.", obj_name(ch), (long long)ch->cap);
    for (int i = 0; i < p.n && i < 3; i++) {
        const char *role = !send ? (p.op[i]->kind == FOP_CLOSE ? "closer" : "sender") : "receiver";
        describe_partner(c, g, a->f, fp, p.f[i], p.op[i], role, p.total == 1);
    }
    if (p.total > 3)
        say(c, "(%d more partner sites.)", p.total - 3);
    if (op->kind == FOP_RANGE && !closes(fp, ch)) {
        say(c, "And nothing in the package closes `%s`, so the range never ends.", obj_name(ch));
        c->fix = "close the channel when the last value is sent, so the range ends";
        return;
    }
    c->fix = send ? "give the channel a buffer of 1, or select on ctx.Done() (or a done channel) in the sender"
                  : "have every path of the sender send or close, or select on ctx.Done() in the receiver";
}

/* ---- sync.Once ---------------------------------------------------------- */

/* g waits on the mutex of a sync.Once whose Do, called at its blamed
 * frame, runs on another goroutine: the one with the same Do call on its
 * stack and the Once's function above it, which has not returned. */
static bool explain_once(Cause *c, DumpGroup *g)
{
    Ex *x = c->x;
    int b = g->cls.blame;
    if (b < 1 || !strstr(g->frames[b - 1].func, "sync.(*Once)."))
        return false;
    const DumpFrame *at = &g->frames[b];
    for (size_t i = 0; i < x->snap->groups.len; i++) {
        DumpGroup *h = x->snap->groups.items[i];
        if (h == g)
            continue;
        for (uint32_t k = 1; k + 1 < h->nframes; k++) {
            const DumpFrame *f = &h->frames[k];
            if (f->line != at->line || strcmp(f->file, at->file) || !strstr(h->frames[k - 1].func, "sync.(*Once)."))
                continue;
            /* h is inside the same Do: the Once's function is below it */
            int inner = -1;
            for (int j = (int)k - 2; j >= 0 && inner < 0; j--)
                if (is_user(&h->frames[j]))
                    inner = j;
            if (inner < 0)
                continue;
            const DumpFrame *fn = &h->frames[inner];
            c->kind = "holder";
            say(c, "The sync.Once called at %s is running its function on another goroutine: `%s` at %s:%u, "
                   "which is itself blocked (%s); every other caller of Do waits until it returns.",
                frame_text(x, at), fn->func, base_name(fn->file), fn->line, group_state(x, h));
            DumpCauseSite s = {"holder", fn->func, fn->file, fn->line};
            array_push(&c->sites, s);
            c->fix = "do not block inside a sync.Once's function on something its other callers hold";
            return true;
        }
    }
    return false;
}

/* ---- contexts ---------------------------------------------------------- */

/* Where a call of the context's cancel is, and why it has not run. */
static void describe_cancel(Cause *c, DumpGroup *self, FlowPkg *fp, const FlowCancel *k, bool only)
{
    Ex *x = c->x;
    const char *name = flow_fn_name(fp, k->f), *at = pos_text(x, fp, k->pos);
    add_site(c, "canceller", fp, k->f, k->pos);
    FuncSeen *s = ptrmap_get(&x->seen, k->f);
    if (s && s->g == self) {
        say(c, "%s cancel, in `%s` at %s, is later on this same goroutine, so it is never reached.",
            only ? "The only" : "A", name, at);
        return;
    }
    if (s) {
        say(c, "%s cancel, in `%s` at %s, waits behind a goroutine that is itself blocked (%s).",
            only ? "The only" : "A", name, at, group_state(x, s->g));
        return;
    }
    size_t n1 = 0;
    FlowFunc **c1 = flow_callers(k->f, &n1);
    FuncSeen *cs1 = n1 == 1 ? ptrmap_get(&x->seen, c1[0]) : NULL;
    if (cs1 && cs1->g == self) {
        say(c, "%s cancel, in `%s` at %s, is called by `%s` on this same goroutine, after the wait, so it is never "
               "reached.", only ? "The only" : "A", name, at, flow_fn_name(fp, c1[0]));
        return;
    }
    /* up the callers while there is exactly one, to the one nobody runs */
    FlowFunc *f = k->f;
    StrBuf chain;
    sb_init(&chain);
    size_t nc = 0;
    for (int depth = 0; depth < 4; depth++) {
        FlowFunc **cs = flow_callers(f, &nc);
        if (nc != 1 || ptrmap_get(&x->seen, cs[0]) || cs[0] == f)
            break;
        f = cs[0];
        sb_printf(&chain, " <- `%s`", flow_fn_name(fp, f));
    }
    flow_callers(f, &nc);
    say(c, "%s cancel, in `%s` at %s, never runs: no goroutine of the dump is in it%s%s%s.",
        only ? "The only" : "A", name, at, chain.len ? ", reached only from " : "",
        chain.len ? chain.data + 4 : "", nc ? "" : chain.len ? ", which nothing in the package calls" :
                                                 ", and nothing in the package calls it");
    sb_free(&chain);
}

/* A receive from ctx.Done(): the calls of its cancel, or none. */
static bool explain_ctx(Cause *c, DumpGroup *g, At *a, GoNode *within, bool in_select)
{
    FlowCancel ks[8];
    const char *ctx = NULL;
    int n = flow_ctx_cancels(a->fp, a->f, within, within ? 0 : a->line, &ctx, ks, 8);
    if (n < 0)
        return false;
    if (!in_select)
        c->kind = n ? "partner" : "no-partner";
    if (!n) {
        say(c, "Nothing in the package cancels `%s`: `%s.Done()` is closed only by a cancel nobody calls.", ctx, ctx);
    } else {
        if (!in_select)
            say(c, "`%s.Done()` is closed only when `%s` is cancelled.", ctx, ctx);
        for (int i = 0; i < n && i < 3; i++)
            describe_cancel(c, g, a->fp, &ks[i], n == 1);
        if (n > 3)
            say(c, "(%d more cancel sites.)", n - 3);
    }
    if (!in_select)
        c->fix = "call the cancel function on every path (defer cancel() where the context is made)";
    return true;
}

/* ---- tickers ----------------------------------------------------------- */

/* A receive from a ticker's channel: it ticks for as long as the ticker
 * runs, so what keeps the goroutine is the loop nobody ends. */
static void explain_ticker(Cause *c, At *a, const FlowTicker *tk)
{
    Ex *x = c->x;
    FlowPkg *fp = a->fp;
    c->kind = "ticker";
    const char *what = tk->ticker ? "ticker" : "timer";
    if (tk->made == GO_NOPOS && tk->stopped && !tk->ticker && tk->stop < tk->recv)
        say(c, "`%s` is a timer, and this receive follows `%s.Stop()` at %s: when Stop reports the timer has "
               "already fired, its one value may already have been taken (by another receive from `%s.C`), and "
               "then nothing comes.", tk->name, tk->name, pos_text(x, fp, tk->stop), tk->name);
    else if (tk->made == GO_NOPOS)
        say(c, "`%s` is a %s%s, and nothing ends the receive from `%s.C`.", tk->name, what,
            tk->stopped ? " stopped elsewhere" : " never stopped here", tk->name);
    else if (!strcmp(tk->name, "time.Tick"))
        say(c, "`time.Tick` at %s makes a ticker nobody can stop, and nothing ends the receive loop over it.",
            pos_text(x, fp, tk->made));
    else if (!tk->stopped)
        say(c, "`%s` is a %s made at %s and never stopped; nothing ends the receive from `%s.C`, so the goroutine "
               "waits for its next tick forever.", tk->name, what, pos_text(x, fp, tk->made), tk->name);
    else
        say(c, "`%s` (a %s made at %s) is stopped at %s only when the function returns, and nothing ends the "
               "receive from `%s.C` first.", tk->name, what, pos_text(x, fp, tk->made), pos_text(x, fp, tk->stop),
            tk->name);
    if (tk->made != GO_NOPOS)
        add_site(c, "made", fp, a->f, tk->made);
    if (tk->stopped)
        add_site(c, "stops", fp, a->f, tk->stop);
    c->fix = "return from the loop on ctx.Done() (or a done channel) and defer the ticker's Stop";
}

/* ---- select ------------------------------------------------------------ */

static void explain_select(Cause *c, DumpGroup *g, At *a, GoSelectStmt *ss)
{
    FlowPkg *fp = a->fp;
    bool in_loop = false;
    uint32_t n = ss->body ? ss->body->list.len : 0;
    FlowOp *ops[4];
    /* whether the select is in a loop: from its operations' facts */
    for (uint32_t i = 0; i < n && !in_loop; i++) {
        int k = flow_clause_ops(a->f, GO_AS(GoCommClause, ss->body->list.items[i]), ops, 4);
        for (int j = 0; j < k; j++)
            in_loop = in_loop || ops[j]->in_loop;
    }
    c->kind = "select";
    int exits = 0, tickers = 0, stopped = 0;
    say(c, "No case of this select can proceed:");
    for (uint32_t i = 0; i < n; i++) {
        GoCommClause *cc = GO_AS(GoCommClause, ss->body->list.items[i]);
        if (!cc || !cc->comm)
            continue;
        bool exit = flow_clause_exits(fp, cc, in_loop);
        exits += exit;
        int k = flow_clause_ops(a->f, cc, ops, 4);
        const char *what = flow_text(fp, cc->comm);
        FlowOp *op = NULL;
        for (int j = 0; j < k && !op; j++)
            if (ops[j]->kind == FOP_SEND || ops[j]->kind == FOP_RECV)
                op = ops[j];
        FlowTicker tk;
        if (!op && flow_ticker_at(fp, a->f, cc->comm, 0, &tk)) {
            tickers++;
            stopped += tk.stopped;
            if (tk.stopped)
                say(c, "`%s` (%s) ticks until `%s` is stopped at %s;", what, exit ? "an exit" : "not an exit",
                    tk.name, pos_text(c->x, fp, tk.stop));
            else
                say(c, "`%s` (%s) ticks forever: `%s` is never stopped;", what, exit ? "an exit" : "not an exit",
                    tk.name);
            continue;
        }
        GoNode *made = op ? NULL : flow_fresh_chan_at(fp, a->f, cc->comm, 0);
        if (made) {
            say(c, "`%s` (%s) has no partner: its channel is made right here (`%s`), so nothing else can reach it;",
                what, exit ? "an exit" : "not an exit", flow_text(fp, made));
            continue;
        }
        if (!op) {
            size_t before = c->text.len;
            say(c, "`%s` (%s):", what, exit ? "an exit" : "not an exit");
            if (!explain_ctx(c, g, a, cc->comm, true)) {
                c->text.len = before;
                if (c->text.data)
                    c->text.data[before] = 0;
                say(c, "`%s` (%s) waits on a value drip does not follow;", what, exit ? "an exit" : "not an exit");
            }
            continue;
        }
        Partners p = {.self = op};
        unsigned mask = op->kind == FOP_SEND ? FOP_BIT(FOP_RECV) | FOP_BIT(FOP_RANGE)
                                             : FOP_BIT(FOP_SEND) | FOP_BIT(FOP_CLOSE);
        flow_each_op_on(fp, op->obj, mask, partner_fn, &p);
        param_partners(c->x, fp, op->obj, mask, &p);
        if (!p.total) {
            say(c, "`%s` (%s) has no partner: nothing in the package %s `%s`;", what, exit ? "an exit" : "not an exit",
                op->kind == FOP_SEND ? "receives from" : "sends on or closes", obj_name(op->obj));
            continue;
        }
        size_t before = c->text.len;
        say(c, "`%s` (%s):", what, exit ? "an exit" : "not an exit");
        (void)before;
        const char *role = op->kind == FOP_SEND ? "receiver" : p.op[0]->kind == FOP_CLOSE ? "closer" : "sender";
        describe_partner(c, g, a->f, fp, p.f[0], p.op[0], role, p.total == 1);
    }
    /* a ticker the function stops is not what keeps the goroutine: the
     * exits that never come are; the category follows */
    if (g->cls.seed == SEED_TICKER && (!tickers || (stopped == tickers && n > 1)))
        g->cls.seed = SEED_SELECT_NO_EXIT;
    if (in_loop && !exits) {
        say(c, "No case leaves the loop around the select.");
        c->fix = "add a case that returns, on a done channel or ctx.Done(), and close it when the work ends";
    } else {
        c->fix = "make sure the partner of the exit case always runs: close the done channel, or cancel the context";
    }
}

/* ---- locks ------------------------------------------------------------- */

/* The lock op g waits in at its blamed frame, or NULL. */
static FlowOp *lock_wait_op(Ex *x, DumpGroup *g, At **aout)
{
    if (!g->cls.suspect || (g->cls.kind != BLOCK_MUTEX && g->cls.kind != BLOCK_RWMUTEX_READ &&
                            g->cls.kind != BLOCK_RWMUTEX_WRITE))
        return NULL;
    GroupAt *ga = group_at(x, g);
    if (!ga->n || ga->at[0].index != (uint32_t)g->cls.blame)
        return NULL;
    FlowOp *ops[8];
    int n = flow_ops_at_line(ga->at[0].fp, ga->at[0].f, ga->at[0].line, ops, 8);
    for (int i = 0; i < n; i++)
        if ((ops[i]->kind == FOP_LOCK || ops[i]->kind == FOP_RLOCK) && !ops[i]->deferred) {
            *aout = &ga->at[0];
            return ops[i];
        }
    return NULL;
}

/* Whether goroutine g holds lock at one of its frames: the frame, and where
 * it took it. The blamed frame counts with its own operation (op, when g
 * waits there). */
static bool group_holds(Ex *x, DumpGroup *g, FlowPkg *fp, FlowObj *lock, bool *read, At **where, GoPos *locked)
{
    GroupAt *ga = group_at(x, g);
    for (uint32_t k = 0; k < ga->n; k++) {
        At *a = &ga->at[k];
        if (a->fp != fp || !a->f->has_locks)
            continue;
        FlowOp *ops[8];
        int n = flow_ops_at_line(fp, a->f, a->line, ops, 8);
        bool waits_here = false;
        for (int i = 0; i < n; i++) {
            if (ops[i]->deferred || ops[i]->kind == FOP_CALL)
                continue;
            waits_here = true;
            if (flow_op_holds(a->f, ops[i], lock, read)) {
                *where = a;
                if (!flow_locked_at(fp, a->f, lock, ops[i]->pos, locked))
                    *locked = GO_NOPOS;
                return true;
            }
        }
        if (!waits_here && flow_held_at_line(fp, a->f, a->line, lock, read)) {
            *where = a;
            GoPos end = GO_NOPOS;
            for (int i = 0; i < n; i++)
                end = ops[i]->pos;
            if (!flow_locked_at(fp, a->f, lock, end ? end : a->f->node->end, locked))
                *locked = GO_NOPOS;
            return true;
        }
    }
    return false;
}

/* The goroutine (other than self) holding lock, biggest group first. */
static DumpGroup *find_holder(Ex *x, DumpGroup *self, FlowPkg *fp, FlowObj *lock, bool *read, At **where,
                              GoPos *locked)
{
    for (size_t i = 0; i < x->snap->groups.len; i++) {
        DumpGroup *h = x->snap->groups.items[i];
        if (h == self)
            continue;
        if (group_holds(x, h, fp, lock, read, where, locked))
            return h;
    }
    return NULL;
}

enum { CYCLE_MAX = 4 };

/* Whether f calls a function of the package on line. */
static bool calls_at_line(FlowPkg *fp, FlowFunc *f, int line)
{
    FlowOp *ops[8];
    int n = flow_ops_at_line(fp, f, line, ops, 8);
    for (int i = 0; i < n; i++)
        if (ops[i]->kind == FOP_CALL)
            return true;
    return false;
}

static void explain_lock(Cause *c, DumpGroup *g, At *a, FlowOp *op)
{
    Ex *x = c->x;
    FlowPkg *fp = a->fp;
    FlowObj *lock = op->obj;
    const char *lname = lock->key;
    bool read = false;
    At *w = NULL;
    GoPos locked = GO_NOPOS;
    /* held by this very goroutine: at the Lock itself, or up its stack */
    bool self = false;
    if (flow_held_may(a->f, &op->held, lock, op->base, &read)) {
        self = true;
        w = a;
        if (!flow_locked_at(fp, a->f, lock, op->pos, &locked))
            locked = GO_NOPOS;
    } else {
        GroupAt *ga = group_at(x, g);
        for (uint32_t k = 1; k < ga->n && !self; k++) {
            At *b = &ga->at[k];
            if (b->fp != fp || !b->f->has_locks)
                continue;
            if (b->f == ga->at[k - 1].f && !calls_at_line(fp, b->f, b->line))
                continue; /* the wrapper of go f(args) at the literal's end, not a call */
            if (flow_held_at_line(fp, b->f, b->line, lock, &read)) {
                self = true;
                w = b;
                FlowOp *ops[8];
                int n = flow_ops_at_line(fp, b->f, b->line, ops, 8);
                GoPos before = n ? ops[0]->pos : b->f->node->end;
                if (!flow_locked_at(fp, b->f, lock, before, &locked))
                    locked = GO_NOPOS;
            }
        }
    }
    if (self) {
        const char *first = locked != GO_NOPOS ? pos_text(x, fp, locked) : frame_text(x, w->fr);
        add_site(c, "first-lock", fp, w->f, locked != GO_NOPOS ? locked : op->pos);
        if (op->kind == FOP_RLOCK && read) {
            c->kind = "recursive-rlock";
            say(c, "Recursive read lock: this goroutine already holds `%s` for reading (taken at %s in `%s`) and "
                   "asks for it again here.", lname, first, flow_fn_name(fp, w->f));
            /* the writer that queues between the two */
            for (size_t i = 0; i < x->snap->groups.len; i++) {
                DumpGroup *h = x->snap->groups.items[i];
                At *ha = NULL;
                FlowOp *hop = h != g ? lock_wait_op(x, h, &ha) : NULL;
                if (hop && hop->kind == FOP_LOCK && hop->obj == lock) {
                    say(c, "A writer, `%s` at %s, waits for it in between, so the second RLock queues behind the "
                           "writer and the writer behind the first RLock.", flow_fn_name(ha->fp, ha->f),
                        frame_text(x, ha->fr));
                    add_frame_site(c, "writer", ha);
                    break;
                }
            }
            c->fix = "do not take the read lock again in a callee: take it once and pass the locked state down, "
                     "or split out an unlocked helper";
        } else {
            c->kind = "double-lock";
            say(c, "This goroutine already holds `%s` (taken at %s in `%s`) and locks it again: sync mutexes are "
                   "not reentrant.", lname, first, flow_fn_name(fp, w->f));
            c->fix = "call an unlocked helper from code that holds the lock, or unlock before the call";
        }
        return;
    }
    /* another goroutine of the dump holds it */
    bool hread = false;
    At *hw = NULL;
    GoPos hlocked = GO_NOPOS;
    DumpGroup *h = find_holder(x, g, fp, lock, &hread, &hw, &hlocked);
    if (h) {
        const char *took = hlocked != GO_NOPOS ? pos_text(x, fp, hlocked) : frame_text(x, hw->fr);
        add_site(c, "holder", fp, hw->f, hlocked != GO_NOPOS ? hlocked : GO_NOPOS);
        if (hlocked == GO_NOPOS)
            c->sites.items[c->sites.len - 1] = (DumpCauseSite){"holder", flow_fn_name(fp, hw->f), hw->fr->file,
                                                              hw->fr->line};
        /* a cycle: the holder waits for a lock, held by ... back to us */
        DumpGroup *chain[CYCLE_MAX + 1] = {g};
        FlowObj *wants[CYCLE_MAX + 1] = {lock};
        int len = 1;
        DumpGroup *cur = h;
        bool cycle = false;
        while (len <= CYCLE_MAX && cur) {
            At *ca = NULL;
            FlowOp *cop = lock_wait_op(x, cur, &ca);
            if (!cop || ca->fp != fp)
                break;
            chain[len] = cur;
            wants[len] = cop->obj;
            len++;
            bool r2;
            At *w2;
            GoPos l2;
            if (group_holds(x, g, fp, cop->obj, &r2, &w2, &l2) && cop->obj != lock) {
                cycle = true;
                break;
            }
            DumpGroup *next = find_holder(x, cur, fp, cop->obj, &r2, &w2, &l2);
            bool again = false;
            for (int i = 0; i < len; i++)
                again = again || chain[i] == next;
            if (again)
                break;
            cur = next;
        }
        if (cycle) {
            c->kind = "lock-cycle";
            say(c, "Lock-order cycle of %d goroutines: this one waits for `%s` here;", len, lname);
            for (int i = 1; i < len; i++) {
                At *ca = NULL;
                lock_wait_op(x, chain[i], &ca);
                bool r2;
                At *w2 = NULL;
                GoPos l2 = GO_NOPOS;
                group_holds(x, chain[i], fp, wants[i - 1], &r2, &w2, &l2);
                say(c, "`%s` holds `%s` (taken at %s) and waits for `%s` at %s;", flow_fn_name(fp, ca->f),
                    wants[i - 1]->key, l2 != GO_NOPOS ? pos_text(x, fp, l2) : "?", wants[i]->key,
                    frame_text(x, ca->fr));
                add_frame_site(c, "cycle", ca);
            }
            bool r2;
            At *w2 = NULL;
            GoPos l2 = GO_NOPOS;
            group_holds(x, g, fp, wants[len - 1], &r2, &w2, &l2);
            say(c, "and this goroutine holds `%s` (taken at %s).", wants[len - 1]->key,
                l2 != GO_NOPOS ? pos_text(x, fp, l2) : "?");
            for (int i = 0; i < len; i++)
                chain[i]->cls.seed = SEED_LOCK_ORDER;
            c->fix = "take the locks in one global order everywhere, or release one before taking the other";
            return;
        }
        c->kind = "holder";
        ptrmap_set(&x->holder, g, h);
        say(c, "`%s` is held%s by `%s` (taken at %s), which is %s.", lname, hread ? " for reading" : "",
            flow_fn_name(fp, hw->f), took, group_state(x, h));
        c->fix = "release the lock before the holder blocks, or make what the holder waits for happen";
        return;
    }
    /* no holder in sight: the paths that keep it */
    FlowFunc *fs[4];
    GoPos at[4];
    int n = flow_returns_holding(fp, lock, fs, at, 4);
    if (n) {
        c->kind = "lock-leaked";
        say(c, "No goroutine in the dump holds `%s`:", lname);
        for (int i = 0; i < n; i++) {
            say(c, "`%s` locks it at %s and may return with it held;", flow_fn_name(fp, fs[i]), pos_text(x, fp, at[i]));
            add_site(c, "leaves-locked", fp, fs[i], at[i]);
        }
        c->fix = "unlock on every path: defer the Unlock right after the Lock";
        return;
    }
    c->kind = "unknown";
    say(c, "No goroutine in the dump holds `%s`, and no function of the package returns with it held; the "
           "holder may have panicked or exited without unlocking.", lname);
}

/* ---- WaitGroup, Cond --------------------------------------------------- */

static void explain_wait(Cause *c, DumpGroup *g, At *a, FlowOp *op)
{
    bool wg = op->kind == FOP_WG_WAIT;
    Partners p = {.self = op};
    flow_each_op_on(a->fp, op->obj, FOP_BIT(wg ? FOP_WG_DONE : FOP_COND_SIGNAL), partner_fn, &p);
    param_partners(c->x, a->fp, op->obj, FOP_BIT(wg ? FOP_WG_DONE : FOP_COND_SIGNAL), &p);
    if (!p.total) {
        c->kind = wg ? "no-done" : "no-signal";
        say(c, "Nothing in the package calls %s on `%s`.", wg ? "Done" : "Signal or Broadcast", obj_name(op->obj));
        c->fix = wg ? "call Done (deferred) in every goroutine counted by Add" : "signal the Cond after changing "
                                                                                "the condition, under its lock";
        return;
    }
    c->kind = wg ? "no-done" : "no-signal";
    for (int i = 0; i < p.n && i < 3; i++)
        describe_partner(c, g, a->f, a->fp, p.f[i], p.op[i], wg ? "Done" : "signaller", p.total == 1);
    c->fix = wg ? "call Done with defer at the top of each counted goroutine, so every path reaches it"
                : "signal on every path that changes the condition";
}

/* ---- per group --------------------------------------------------------- */

static void cite_rule(Ex *x, Cause *c, DumpGroup *g, const char **rule, const char **msg)
{
    GroupAt *ga = group_at(x, g);
    for (uint32_t k = 0; k < ga->n; k++) {
        char rp[PATH_MAX];
        char buf[PATH_MAX];
        const char *lp = dump_local_path(ga->at[k].fr->file, x->opt, buf, sizeof buf);
        if (!lp || !realpath(lp, rp))
            continue;
        for (size_t d = 0; d < x->diags.len; d++) {
            Diag *dg = &x->diags.items[d];
            char dp[PATH_MAX];
            if (dg->line != (int)ga->at[k].line || !realpath(dg->path, dp) || strcmp(dp, rp) != 0)
                continue;
            *rule = dg->rule;
            *msg = dg->msg ? arena_strdup(&x->snap->arena, dg->msg) : NULL;
            return;
        }
    }
    (void)c;
}

static void explain_group(Ex *x, DumpGroup *g)
{
    Cause c = {NULL, {0}, NULL, {0}, x};
    sb_init(&c.text);
    GroupAt *ga = group_at(x, g);
    const DumpFrame *bf = g->cls.blame >= 0 ? &g->frames[g->cls.blame] : NULL;
    if (!bf) {
        sb_free(&c.text);
        return;
    }
    if (!ga->n || ga->at[0].index != (uint32_t)g->cls.blame) {
        char buf[PATH_MAX];
        c.kind = dump_local_path(bf->file, x->opt, buf, sizeof buf) ? "unknown" : "no-source";
        if (!strcmp(c.kind, "no-source"))
            say(&c, "source not found: %s (give --source DIR, and --trim-prefix PREFIX for paths recorded "
                    "elsewhere); the category alone is shown.", bf->file);
        else
            say(&c, "%s:%u is not in a function drip could load.", bf->file, bf->line);
    } else {
        At *a = &ga->at[0];
        FlowOp *ops[8];
        int n = flow_ops_at_line(a->fp, a->f, a->line, ops, 8);
        FlowOp *op = NULL;
        BlockKind k = g->cls.kind;
        for (int i = 0; i < n && !op; i++) {
            FlowOpKind ok = ops[i]->kind;
            if (ops[i]->deferred || !ops[i]->obj)
                continue;
            bool fit = (k == BLOCK_CHAN_SEND || k == BLOCK_NIL_CHAN_SEND) ? ok == FOP_SEND
                     : (k == BLOCK_CHAN_RECV || k == BLOCK_NIL_CHAN_RECV) ? ok == FOP_RECV || ok == FOP_RANGE
                     : k == BLOCK_MUTEX || k == BLOCK_RWMUTEX_WRITE ? ok == FOP_LOCK
                     : k == BLOCK_RWMUTEX_READ ? ok == FOP_RLOCK
                     : k == BLOCK_WAITGROUP ? ok == FOP_WG_WAIT
                     : k == BLOCK_COND_WAIT ? ok == FOP_COND_WAIT
                     : k == BLOCK_UNKNOWN || k == BLOCK_SEMACQUIRE;
            if (fit)
                op = ops[i];
        }
        FlowTicker tk;
        GoNode *made;
        GoSelectStmt *ss = k == BLOCK_SELECT || k == BLOCK_UNKNOWN ? flow_select_at_line(a->fp, a->f, a->line) : NULL;
        if (ss && (k == BLOCK_SELECT || !op)) {
            explain_select(&c, g, a, ss);
        } else if (op && (op->kind == FOP_SEND || op->kind == FOP_RECV || op->kind == FOP_RANGE)) {
            explain_chan(&c, g, a, op);
            /* a channel drip follows, not a ticker's: the word "Ticker"
             * near the line (classify.c's guess without the source) was
             * not what blocks */
            if (g->cls.seed == SEED_TICKER && op->kind != FOP_SEND && !flow_ticker_at(a->fp, a->f, NULL, a->line, &tk))
                g->cls.seed = SEED_RECV_NO_SENDER;
        } else if (op && (op->kind == FOP_LOCK || op->kind == FOP_RLOCK)) {
            explain_lock(&c, g, a, op);
        } else if (op && (op->kind == FOP_WG_WAIT || op->kind == FOP_COND_WAIT)) {
            explain_wait(&c, g, a, op);
        } else if (!op && k == BLOCK_MUTEX && explain_once(&c, g)) {
            /* explained */
        } else if (!op && k == BLOCK_CHAN_RECV && explain_ctx(&c, g, a, NULL, false)) {
            /* explained */
        } else if (!op && (k == BLOCK_CHAN_RECV || k == BLOCK_SELECT) &&
                   flow_ticker_at(a->fp, a->f, NULL, a->line, &tk)) {
            explain_ticker(&c, a, &tk);
        } else if (!op && (k == BLOCK_CHAN_SEND || k == BLOCK_CHAN_RECV) &&
                   (made = flow_fresh_chan_at(a->fp, a->f, NULL, a->line))) {
            c.kind = "no-partner";
            say(&c, "The channel is made right here (`%s`) and nothing else can reach it: no partner for this %s "
                    "at all.", flow_text(a->fp, made), k == BLOCK_CHAN_SEND ? "send" : "receive");
            c.fix = "keep the channel in a variable the partner goroutine also uses, or drop the operation";
        } else if (k == BLOCK_SELECT_NO_CASES) {
            c.kind = "select";
            say(&c, "`select {}` at %s blocks forever by design.", frame_text(x, bf));
        } else {
            c.kind = "unknown";
            say(&c, "drip found no %s on a variable or field it follows at %s.", block_kind_name(k), frame_text(x, bf));
        }
    }
    DumpCause *dc = ARENA_NEW(&x->snap->arena, DumpCause);
    dc->kind = c.kind ? c.kind : "unknown";
    dc->text = arena_strndup(&x->snap->arena, c.text.data ? c.text.data : "", c.text.len);
    dc->fix = c.fix;
    cite_rule(x, &c, g, &dc->rule, &dc->rule_msg);
    if (c.sites.len) {
        dc->sites = arena_alloc(&x->snap->arena, sizeof(DumpCauseSite) * c.sites.len);
        for (size_t i = 0; i < c.sites.len; i++) {
            DumpCauseSite s = c.sites.items[i];
            s.func = arena_strdup(&x->snap->arena, s.func);
            s.file = arena_strdup(&x->snap->arena, s.file);
            dc->sites[i] = s;
        }
        dc->nsites = (uint32_t)c.sites.len;
    }
    g->cause = dc;
    sb_free(&c.text);
    array_free(&c.sites);
}

void dump_explain(DumpSnapshot *snap, const DumpAnalyzeOptions *opt)
{
    Ex x;
    memset(&x, 0, sizeof x);
    x.snap = snap;
    x.opt = opt;
    arena_init(&x.trees);
    arena_init(&x.tmp);
    hashmap_init(&x.real);
    hashmap_init(&x.local);
    hashmap_init(&x.funcat);
    hashmap_init(&x.world.by_path);
    ptrmap_init(&x.gat);
    ptrmap_init(&x.seen);
    ptrmap_init(&x.holder);
    x.fs = go_fileset_new();

    /* the directories of the suspects' user frames, once each */
    HashMap dirs;
    hashmap_init(&dirs);
    bool any = false;
    for (size_t i = 0; i < snap->groups.len; i++) {
        DumpGroup *g = snap->groups.items[i];
        if (!g->cls.suspect || g->cls.blame < 0)
            continue;
        any = true;
        for (uint32_t k = (uint32_t)g->cls.blame; k < g->nframes; k++) {
            const DumpFrame *f = &g->frames[k];
            char buf[PATH_MAX];
            const char *lp = is_user(f) ? dump_local_path(f->file, opt, buf, sizeof buf) : NULL;
            if (!lp)
                continue;
            char *slash = strrchr(buf, '/');
            if (slash)
                *slash = 0;
            else
                strcpy(buf, ".");
            size_t n = strlen(buf);
            if (!hashmap_get(&dirs, buf, n))
                hashmap_set(&dirs, arena_strndup(&x.tmp, buf, n), n, (void *)1);
        }
    }
    if (any) {
        load_packages(&x, &dirs);
        index_groups(&x);
        for (size_t i = 0; i < snap->groups.len; i++) {
            DumpGroup *g = snap->groups.items[i];
            if (g->cls.suspect)
                explain_group(&x, g);
        }
        /* waiting on a lock held by a goroutine of a lock cycle: part of
         * the deadlock too */
        for (size_t i = 0; i < snap->groups.len; i++) {
            DumpGroup *g = snap->groups.items[i];
            DumpGroup *h = ptrmap_get(&x.holder, g);
            if (h && h->cls.seed == SEED_LOCK_ORDER)
                g->cls.seed = SEED_LOCK_ORDER;
        }
    }
    hashmap_free(&dirs);

    diag_list_free(&x.diags);
    for (size_t i = 0; i < x.prog.pkgs.len; i++) {
        free(x.sems[i].files);
        sema_free(&x.sems[i]);
    }
    free(x.sems);
    free(x.fps);
    pkg_program_free(&x.prog);
    hashmap_free(&x.real);
    hashmap_free(&x.local);
    hashmap_free(&x.funcat);
    hashmap_free(&x.world.by_path);
    ptrmap_free(&x.gat);
    ptrmap_free(&x.seen);
    ptrmap_free(&x.holder);
    go_errors_free(&x.errs);
    go_fileset_free(x.fs);
    arena_free(&x.trees);
    arena_free(&x.tmp);
}
