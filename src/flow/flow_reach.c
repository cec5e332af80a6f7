/* flow_reach.c - whether a call can run before a goroutine waits, and the
 * waits on a context's Done(): the questions a rule asks to tell a
 * context that no one can cancel in time from one that some goroutine
 * will. A function can run when something outside the package may call
 * it (main, init, exported outside package main), when it is named
 * somewhere drip does not follow as a call (a function value, a method
 * value, an interface call by the same name), or when one of its callers
 * can; a call that the waiting goroutine itself makes only after the wait
 * cannot wake it. */
#include "flow.h"

#include <string.h>

#include "flow_int.h"

static GoBlockStmt *body_of(GoNode *fn)
{
    if (!fn)
        return NULL;
    return fn->kind == GO_FUNC_DECL ? ((GoFuncDecl *)fn)->body : ((GoFuncLit *)fn)->body;
}

/* ---- waits on ctx.Done() ---------------------------------------------- */

typedef struct {
    FlowPkg *fp;
    GoNode *root;
    FlowDoneWait *out;
    int n, max;
    int loop;              /* for/range statements around the walk */
    bool in_select;        /* walking a comm of a select with other cases */
} DoneWalk;

static bool done_pre(GoNode *n, void *ctx);
static void done_post(GoNode *n, void *ctx);

static bool is_done_recv(FlowPkg *fp, GoNode *n)
{
    GoUnaryExpr *u = GO_AS(GoUnaryExpr, n);
    if (!u || u->op != GO_T_ARROW)
        return false;
    GoNode *x = u->x;
    while (x && x->kind == GO_PAREN_EXPR)
        x = ((GoParenExpr *)x)->x;
    GoCallExpr *c = GO_AS(GoCallExpr, x);
    GoSelectorExpr *se = c && c->args.len == 0 ? GO_AS(GoSelectorExpr, c->fun) : NULL;
    return se && go_ident_eq(se->sel, "Done") && type_is_named(sema_type_of(fp->s, se->x), "context", "Context");
}

static bool done_pre(GoNode *n, void *ctx)
{
    DoneWalk *w = ctx;
    if (w->n >= w->max)
        return false;
    switch (n->kind) {
    case GO_FUNC_LIT:
        return n == w->root; /* a literal is a function of its own */
    case GO_FOR_STMT: case GO_RANGE_STMT:
        w->loop++;
        return true;
    case GO_SELECT_STMT: {
        GoSelectStmt *ss = (GoSelectStmt *)n;
        uint32_t cnt = ss->body ? ss->body->list.len : 0;
        for (uint32_t i = 0; i < cnt; i++) {
            GoCommClause *cc = GO_AS(GoCommClause, ss->body->list.items[i]);
            if (!cc)
                continue;
            bool save = w->in_select;
            w->in_select = cnt > 1;
            if (cc->comm)
                go_inspect(cc->comm, done_pre, done_post, w);
            w->in_select = save;
            for (uint32_t k = 0; k < cc->body.len; k++)
                go_inspect(cc->body.items[k], done_pre, done_post, w);
        }
        return false;
    }
    case GO_UNARY_EXPR:
        if (is_done_recv(w->fp, n)) {
            w->out[w->n].recv = n;
            w->out[w->n].in_select = w->in_select;
            w->out[w->n].in_loop = w->loop > 0;
            w->n++;
            return false;
        }
        return true;
    default:
        return true;
    }
}

static void done_post(GoNode *n, void *ctx)
{
    DoneWalk *w = ctx;
    if (n->kind == GO_FOR_STMT || n->kind == GO_RANGE_STMT)
        w->loop--;
}

int flow_done_waits(FlowPkg *fp, FlowFunc *f, FlowDoneWait *out, int max)
{
    GoBlockStmt *b = body_of(f ? f->node : NULL);
    if (!b)
        return 0;
    DoneWalk w = {fp, f->node, out, 0, max, 0, false};
    go_inspect((GoNode *)b, done_pre, done_post, &w);
    return w.n;
}

/* ---- mentions a call graph does not account for ----------------------- */

static Type *named_base(Type *t)
{
    if (t && t->kind == TY_POINTER)
        t = t->elem;
    return t && t->kind == TY_NAMED ? t : NULL;
}

/* One walk of the package for every function's question: the uses of
 * each function's name (not its declaration), and the selectors x.NAME by
 * NAME, which a method's question then reads. */
static bool index_pre(GoNode *n, void *ctx)
{
    FlowPkg *fp = ctx;
    if (n->kind == GO_SELECTOR_EXPR) {
        GoSelectorExpr *se = (GoSelectorExpr *)n;
        if (se->sel && se->sel->len) {
            int ins = 0;
            void **slot = hashmap_put(&fp->sels_by_name, se->sel->name, se->sel->len, &ins);
            if (ins) {
                *slot = xcalloc(1, sizeof(MentionList));
                array_push(&fp->mention_lists, *slot);
            }
            array_push((MentionList *)*slot, se);
        }
        return true;
    }
    if (n->kind == GO_IDENT) {
        Obj *o = sema_obj(fp->s, (GoIdent *)n);
        if (o && o->kind == OBJ_FUNC && o->ident != (GoIdent *)n)
            ptrmap_set(&fp->func_mentions, o,
                       (void *)((uintptr_t)ptrmap_get(&fp->func_mentions, o) + 1));
    }
    return true;
}

static void index_mentions(FlowPkg *fp)
{
    if (fp->mentions_indexed)
        return;
    fp->mentions_indexed = true;
    for (int i = 0; i < fp->s->nfiles; i++)
        if (fp->s->files[i])
            go_inspect((GoNode *)fp->s->files[i], index_pre, NULL, fp);
}

/* Whether selector se is (one of) the left side of an assignment. */
static bool assigned_to(FlowPkg *fp, GoSelectorExpr *se)
{
    GoAssignStmt *as = GO_AS(GoAssignStmt, sema_parent(fp->s, (GoNode *)se));
    for (uint32_t i = 0; as && i < as->lhs.len; i++)
        if (as->lhs.items[i] == (GoNode *)se)
            return true;
    return false;
}

int flow_field_reads(FlowPkg *fp, Type *owner, const char *name, size_t len)
{
    index_mentions(fp);
    MentionList *l = hashmap_get(&fp->sels_by_name, name, len);
    int n = 0;
    for (size_t i = 0; l && i < l->len; i++) {
        Type *t = named_base(sema_type_of(fp->s, l->items[i]->x));
        if ((!t || t == owner) && !assigned_to(fp, l->items[i]))
            n++;
    }
    return n;
}

/* The mentions of method fd of receiver type recv: x.M, unless x is of
 * another known named type that is no interface. */
static int method_mentions(FlowPkg *fp, GoFuncDecl *fd, Type *recv)
{
    MentionList *l = hashmap_get(&fp->sels_by_name, fd->name->name, fd->name->len);
    int n = 0;
    for (size_t i = 0; l && i < l->len; i++) {
        Type *t = named_base(sema_type_of(fp->s, l->items[i]->x));
        Type *u = t ? type_underlying(t) : NULL; /* NULL: not known */
        if (!t || t == recv || !u || u->kind == TY_INTERFACE)
            n++;
    }
    return n;
}

/* How many calls of f the package's functions make (spawns included). */
static int resolved_calls(FlowPkg *fp, FlowFunc *f)
{
    int n = 0;
    for (size_t i = 0; i < f->callers.len; i++) {
        FlowFunc *c = f->callers.items[i];
        for (size_t k = 0; k < c->ops.len; k++)
            n += c->ops.items[k].kind == FOP_CALL && c->ops.items[k].callee == f;
        for (size_t k = 0; k < c->sum.spawns.len; k++)
            n += c->sum.spawns.items[k] == f;
    }
    (void)fp;
    return n;
}

/* Whether something drip does not follow may call f: outside callers,
 * or a mention of its name that is no call drip resolved. */
static bool called_unseen(FlowPkg *fp, FlowFunc *f)
{
    GoFuncDecl *fd = GO_AS(GoFuncDecl, f->node);
    if (!fd)
        return f->callers.len == 0; /* a literal handed on as a value */
    if (!fd->name || !fd->name->len)
        return true;
    const char *pkg = fp->s->pkg ? fp->s->pkg->name : NULL;
    bool main_pkg = pkg && strcmp(pkg, "main") == 0;
    if (!fd->recv && (go_ident_eq(fd->name, "main") || go_ident_eq(fd->name, "init")))
        return true;
    if (!main_pkg && fd->name->name[0] >= 'A' && fd->name->name[0] <= 'Z')
        return true;
    void *memo = ptrmap_get(&fp->unseen_calls, f);
    if (memo)
        return memo == (void *)&flow_distinct_obj;
    Obj *fobj = fd->recv ? NULL : sema_obj(fp->s, fd->name);
    Type *recv = NULL;
    if (fd->recv && f->nparams > 0 && f->params[0])
        recv = named_base(sema_obj_type(fp->s, f->params[0]));
    if (fd->recv && !recv)
        return true;
    if (!fd->recv && !fobj)
        return true;
    index_mentions(fp);
    int mentions = fobj ? (int)(uintptr_t)ptrmap_get(&fp->func_mentions, fobj) : method_mentions(fp, fd, recv);
    bool unseen = mentions > resolved_calls(fp, f);
    ptrmap_set(&fp->unseen_calls, f, unseen ? (void *)&flow_distinct_obj : (void *)fp);
    return unseen;
}

/* ---- can a call run first --------------------------------------------- */

typedef struct {
    FlowPkg *fp;
    const FlowNotBefore *waits;
    int nwaits;
    PtrMap seen;
    int depth;
} Reach;

static bool reaches(Reach *r, FlowFunc *g);

/* Whether the call at pos in g, deferred or not, may run while a wait
 * of r is still waiting. */
static bool call_runs(Reach *r, FlowFunc *g, GoPos pos, bool deferred)
{
    for (int i = 0; i < r->nwaits; i++) {
        const FlowNotBefore *w = &r->waits[i];
        if (w->f == g && !w->loops && (deferred || pos > w->pos))
            return false; /* the waiting goroutine's own, after the wait */
    }
    return reaches(r, g);
}

static bool reaches(Reach *r, FlowFunc *g)
{
    if (ptrmap_get(&r->seen, g))
        return false; /* a cycle: the other paths decide */
    if (r->depth > 16)
        return true;  /* too deep to tell: assume it runs */
    ptrmap_set(&r->seen, g, g);
    if (called_unseen(r->fp, g))
        return true;
    r->depth++;
    bool runs = false;
    for (size_t i = 0; i < g->callers.len && !runs; i++) {
        FlowFunc *c = g->callers.items[i];
        for (size_t k = 0; k < c->ops.len && !runs; k++) {
            FlowOp *op = &c->ops.items[k];
            if (op->kind == FOP_CALL && op->callee == g)
                runs = call_runs(r, c, op->pos, op->deferred);
        }
        for (size_t k = 0; k < c->sum.spawns.len && k < c->spawn_at.len && !runs; k++)
            if (c->sum.spawns.items[k] == g)
                runs = call_runs(r, c, c->spawn_at.items[k], false);
    }
    r->depth--;
    return runs;
}

bool flow_may_run_before(FlowPkg *fp, FlowFunc *g, GoPos pos, const FlowNotBefore *waits, int nwaits)
{
    Reach r = {fp, waits, nwaits, {NULL, NULL, 0, 0}, 0};
    ptrmap_init(&r.seen);
    bool runs = call_runs(&r, g, pos, false);
    ptrmap_free(&r.seen);
    return runs;
}

/* ---- the select around an operation ----------------------------------- */

typedef struct {
    GoNode *root, *node;
    GoSelectStmt *found;
} SelOf;

static bool sel_of_pre(GoNode *n, void *ctx)
{
    SelOf *s = ctx;
    if (s->found || (n->kind == GO_FUNC_LIT && n != s->root) || n->pos > s->node->pos || n->end <= s->node->pos)
        return false;
    if (n->kind == GO_SELECT_STMT) {
        GoSelectStmt *ss = (GoSelectStmt *)n;
        for (uint32_t i = 0; ss->body && i < ss->body->list.len; i++) {
            GoCommClause *cc = GO_AS(GoCommClause, ss->body->list.items[i]);
            if (cc && cc->comm && cc->comm->pos <= s->node->pos && s->node->pos < cc->comm->end) {
                s->found = ss;
                return false;
            }
        }
    }
    return true;
}

GoSelectStmt *flow_select_of(FlowPkg *fp, FlowFunc *f, const FlowOp *op)
{
    GoBlockStmt *b = body_of(f ? f->node : NULL);
    if (!b || !op->in_select || !op->node)
        return NULL;
    SelOf s = {f->node, op->node, NULL};
    go_inspect((GoNode *)b, sel_of_pre, NULL, &s);
    (void)fp;
    return s.found;
}

/* ---- parameters a function never names -------------------------------- */

bool flow_arg_ignored(FlowPkg *fp, FlowFunc *f, GoCallExpr *call, uint32_t arg)
{
    GoFuncDecl *fd = GO_AS(GoFuncDecl, f->node);
    GoNode *fun = call->fun;
    while (fun && fun->kind == GO_PAREN_EXPR)
        fun = ((GoParenExpr *)fun)->x;
    if (!fd || (fd->recv && (!fun || fun->kind != GO_SELECTOR_EXPR)))
        return false; /* a literal, or a method expression T.m(x, ...) */
    int i = (int)arg + (fd->recv ? 1 : 0);
    GoFuncType *ft = fd->type;
    GoFieldList *ps = ft ? ft->params : NULL;
    uint32_t nfields = ps ? ps->fields.len : 0;
    GoField *last = nfields ? GO_AS(GoField, ps->fields.items[nfields - 1]) : NULL;
    if ((last && last->type && last->type->kind == GO_ELLIPSIS) || i >= f->nparams || !f->params[i] || !fd->body)
        return false;
    return !sema_mentions(fp->s, (GoNode *)fd->body, f->params[i]);
}
