/* flow_explain.c - the questions of flow_explain.h: from a line of a
 * running program to the function, operations and paths there. */
#include "flow_explain.h"

#include <string.h>

#include "flow_int.h"

static GoBlockStmt *body_of(GoNode *fn)
{
    if (!fn)
        return NULL;
    return fn->kind == GO_FUNC_DECL ? ((GoFuncDecl *)fn)->body : ((GoFuncLit *)fn)->body;
}

FlowFunc *flow_func_at_line(FlowPkg *fp, int file, int line)
{
    FlowFunc *best = NULL;
    uint32_t best_span = UINT32_MAX;
    for (size_t i = 0; i < fp->funcs.len; i++) {
        FlowFunc *f = fp->funcs.items[i];
        GoBlockStmt *b = body_of(f->node);
        if (!b || sema_file_of(fp->s, f->node) != file)
            continue;
        if (flow_line(fp, f->node->pos) > line || flow_line(fp, b->n.end) < line)
            continue;
        uint32_t span = f->node->end - f->node->pos;
        if (span < best_span)
            best = f, best_span = span;
    }
    return best;
}

int flow_ops_at_line(FlowPkg *fp, FlowFunc *f, int line, FlowOp **out, int max)
{
    int n = 0;
    for (size_t i = 0; i < f->ops.len && n < max; i++) {
        FlowOp *op = &f->ops.items[i];
        GoNode *node = op->node;
        int a = flow_line(fp, op->pos);
        int b = node && node->end > node->pos ? flow_line(fp, node->end - 1) : a;
        /* a range statement blocks at its first line, not its body */
        if (op->kind == FOP_RANGE)
            b = a;
        if (a <= line && line <= b)
            out[n++] = op;
    }
    return n;
}

typedef struct {
    FlowPkg *fp;
    GoNode *root;
    int line;
    GoSelectStmt *found;
} SelFind;

static bool sel_pre(GoNode *n, void *ctx)
{
    SelFind *s = ctx;
    if (s->found)
        return false;
    if (n->kind == GO_FUNC_LIT && n != s->root)
        return false;
    if (n->kind == GO_SELECT_STMT && flow_line(s->fp, n->pos) == s->line) {
        s->found = (GoSelectStmt *)n;
        return false;
    }
    return true;
}

GoSelectStmt *flow_select_at_line(FlowPkg *fp, FlowFunc *f, int line)
{
    GoBlockStmt *b = body_of(f->node);
    if (!b)
        return NULL;
    SelFind s = {fp, f->node, line, NULL};
    go_inspect((GoNode *)b, sel_pre, NULL, &s);
    return s.found;
}

int flow_clause_ops(FlowFunc *f, GoCommClause *cc, FlowOp **out, int max)
{
    int n = 0;
    if (!cc || !cc->comm)
        return 0;
    for (size_t i = 0; i < f->ops.len && n < max; i++) {
        FlowOp *op = &f->ops.items[i];
        if (op->in_select && op->pos >= cc->comm->pos && op->pos < cc->comm->end)
            out[n++] = op;
    }
    return n;
}

typedef struct {
    FlowPkg *fp;
    bool in_loop;
    bool exits;
    int depth;     /* loops and switches entered inside the clause */
} ExitWalk;

static bool exit_pre(GoNode *n, void *ctx)
{
    ExitWalk *w = ctx;
    if (w->exits || n->kind == GO_FUNC_LIT)
        return false;
    switch (n->kind) {
    case GO_RETURN_STMT:
        w->exits = true;
        return false;
    case GO_BRANCH_STMT: {
        GoBranchStmt *b = (GoBranchStmt *)n;
        if (b->tok == GO_T_GOTO || (b->tok == GO_T_BREAK && b->label))
            w->exits = true;
        else if (b->tok == GO_T_BREAK && !w->in_loop && w->depth == 0)
            w->exits = true;
        return false;
    }
    case GO_EXPR_STMT: {
        GoCallExpr *c = GO_AS(GoCallExpr, ((GoExprStmt *)n)->x);
        GoIdent *id = c ? GO_AS(GoIdent, c->fun) : NULL;
        if (id && go_ident_eq(id, "panic"))
            w->exits = true;
        return true;
    }
    case GO_FOR_STMT:
    case GO_RANGE_STMT:
    case GO_SWITCH_STMT:
    case GO_TYPE_SWITCH_STMT:
    case GO_SELECT_STMT:
        w->depth++;
        return true;
    default:
        return true;
    }
}

static void exit_post(GoNode *n, void *ctx)
{
    ExitWalk *w = ctx;
    if (n->kind == GO_FOR_STMT || n->kind == GO_RANGE_STMT || n->kind == GO_SWITCH_STMT ||
        n->kind == GO_TYPE_SWITCH_STMT || n->kind == GO_SELECT_STMT)
        w->depth--;
}

bool flow_clause_exits(FlowPkg *fp, GoCommClause *cc, bool in_loop)
{
    if (!cc)
        return false;
    if (!in_loop)
        return true;
    ExitWalk w = {fp, in_loop, false, 0};
    for (uint32_t i = 0; i < cc->body.len && !w.exits; i++)
        go_inspect(cc->body.items[i], exit_pre, exit_post, &w);
    return w.exits;
}

bool flow_op_holds(FlowFunc *f, const FlowOp *op, FlowObj *lock, bool *read)
{
    uint64_t m = 0;
    for (size_t i = 0; i < f->locks.len && i < 64; i++)
        if (f->locks.items[i].obj == lock)
            m |= (uint64_t)1 << i;
    if (read)
        *read = !(op->held.may_w & m);
    return ((op->held.may_w | op->held.may_r) & m) != 0;
}

bool flow_locked_at(FlowPkg *fp, FlowFunc *f, FlowObj *lock, GoPos before, GoPos *at)
{
    (void)fp;
    bool found = false;
    for (size_t i = 0; i < f->ops.len; i++) {
        FlowOp *op = &f->ops.items[i];
        if (op->pos >= before || op->deferred)
            continue;
        if ((op->kind == FOP_LOCK || op->kind == FOP_RLOCK) && op->obj == lock) {
            if (!found || op->pos > *at)
                *at = op->pos;
            found = true;
        } else if (op->kind == FOP_CALL && op->callee) {
            const FlowEffect *e = sum_acquires(op->callee, lock);
            if (e && (!found || op->pos > *at)) {
                *at = op->pos;
                found = true;
            }
        }
    }
    return found;
}

typedef struct {
    GoNode *root;
    GoPos before;
    GoPos found;
} RetFind;

static bool ret_pre(GoNode *n, void *ctx)
{
    RetFind *r = ctx;
    if (r->found != GO_NOPOS || n->pos >= r->before)
        return false;
    if (n->kind == GO_FUNC_LIT && n != r->root)
        return false;
    if (n->kind == GO_RETURN_STMT) {
        r->found = n->pos;
        return false;
    }
    return true;
}

bool flow_gives_up_before(FlowPkg *fp, FlowFunc *f, const FlowOp *op, FlowGiveUp *out)
{
    memset(out, 0, sizeof *out);
    out->pos = GO_NOPOS;
    if (op->in_select && op->nonblocking) {
        GoNode *cc = sema_parent(fp->s, op->node);
        while (cc && cc->kind != GO_COMM_CLAUSE && cc != f->node)
            cc = sema_parent(fp->s, cc);
        GoNode *blk = cc && cc->kind == GO_COMM_CLAUSE ? sema_parent(fp->s, cc) : NULL;
        GoBlockStmt *b = GO_AS(GoBlockStmt, blk);
        for (uint32_t i = 0; b && i < b->list.len; i++) {
            GoNode *other = b->list.items[i];
            if (other != cc && other->kind == GO_COMM_CLAUSE) {
                out->pos = other->pos;
                out->node = other;
                out->select_case = true;
                return true;
            }
        }
    }
    GoBlockStmt *body = body_of(f->node);
    if (!body)
        return false;
    RetFind r = {f->node, op->pos, GO_NOPOS};
    go_inspect((GoNode *)body, ret_pre, NULL, &r);
    if (r.found == GO_NOPOS)
        return false;
    out->pos = r.found;
    return true;
}

int flow_returns_holding(FlowPkg *fp, FlowObj *lock, FlowFunc **out, GoPos *at, int max)
{
    int n = 0;
    for (size_t i = 0; i < fp->funcs.len && n < max; i++) {
        FlowFunc *f = fp->funcs.items[i];
        const FlowEffects *lists[2] = {&f->sum.held_must, &f->sum.held_may};
        bool hit = false;
        for (int l = 0; l < 2 && !hit; l++)
            for (size_t k = 0; k < lists[l]->len && !hit; k++)
                hit = lists[l]->items[k].obj == lock && lists[l]->items[k].in == f;
        GoPos where = GO_NOPOS;
        /* the function that locks it itself, not every caller up the chain */
        if (hit && flow_locked_at(fp, f, lock, f->node->end, &where)) {
            out[n] = f;
            at[n] = where;
            n++;
        }
    }
    return n;
}

bool flow_held_at_line(FlowPkg *fp, FlowFunc *f, int line, FlowObj *lock, bool *read)
{
    FlowOp *at[8];
    int n = flow_ops_at_line(fp, f, line, at, 8);
    for (int i = 0; i < n; i++)
        if (!at[i]->deferred && at[i]->kind == FOP_CALL)
            return flow_op_holds(f, at[i], lock, read);
    /* no call drip resolves on the line (an interface method, another
     * package's function): the state after the last operation above it */
    FlowOp *last = NULL;
    for (size_t i = 0; i < f->ops.len; i++) {
        FlowOp *op = &f->ops.items[i];
        if (op->deferred || flow_line(fp, op->pos) >= line)
            continue;
        if (!last || op->pos > last->pos)
            last = op;
    }
    if (!last)
        return false;
    if (last->obj == lock && (last->kind == FOP_LOCK || last->kind == FOP_RLOCK)) {
        if (read)
            *read = last->kind == FOP_RLOCK;
        return true;
    }
    if (last->obj == lock && (last->kind == FOP_UNLOCK || last->kind == FOP_RUNLOCK))
        return false;
    if (last->kind == FOP_CALL && last->callee)
        for (size_t k = 0; k < last->callee->sum.held_must.len; k++)
            if (last->callee->sum.held_must.items[k].obj == lock) {
                if (read)
                    *read = last->callee->sum.held_must.items[k].kind == FOP_RLOCK;
                return true;
            }
    return flow_op_holds(f, last, lock, read);
}

typedef struct {
    GoPos at;
    GoCallExpr *call;
} GoAtFind;

static bool find_go_at(GoNode *n, void *ctx)
{
    GoAtFind *g = ctx;
    if (g->call)
        return false;
    if (n->kind == GO_GO_STMT && n->pos == g->at) {
        g->call = GO_AS(GoCallExpr, ((GoGoStmt *)n)->call);
        return false;
    }
    return true;
}

static void add_arg(FlowObj *a, FlowObj *param, FlowObj **out, int *n)
{
    if (!a || a == param || a->kind != param->kind)
        return;
    for (int j = 0; j < *n; j++)
        if (out[j] == a)
            return;
    out[(*n)++] = a;
}

int flow_param_args(FlowPkg *fp, FlowObj *param, FlowObj **out, int max)
{
    if (!param || !param->var || !(param->var->flags & OBJF_PARAM) || !param->var->func)
        return 0;
    FlowFunc *callee = flow_func(fp, param->var->func);
    if (!callee)
        return 0;
    int n = 0;
    for (size_t i = 0; i < fp->funcs.len && n < max; i++) {
        FlowFunc *f = fp->funcs.items[i];
        for (size_t k = 0; k < f->ops.len && n < max; k++) {
            FlowOp *op = &f->ops.items[k];
            if (op->kind != FOP_CALL || op->callee != callee || !op->call)
                continue;
            add_arg(flow_map_obj(fp, callee, op->call, param), param, out, &n);
        }
        /* go callee(args): a spawn, not a call op */
        for (size_t k = 0; k < f->sum.spawns.len && k < f->spawn_at.len && n < max; k++) {
            if (f->sum.spawns.items[k] != callee)
                continue;
            GoAtFind g = {f->spawn_at.items[k], NULL};
            GoNode *body = (GoNode *)body_of(f->node);
            if (body)
                go_inspect(body, find_go_at, NULL, &g);
            if (g.call)
                add_arg(flow_map_obj(fp, callee, g.call, param), param, out, &n);
        }
    }
    return n;
}

static GoNode *strip_parens(GoNode *n)
{
    while (n && n->kind == GO_PAREN_EXPR)
        n = ((GoParenExpr *)n)->x;
    return n;
}

/* PKG.NAME(...) for one of the names, by the package's import name. */
static bool is_time_call_pkg(GoNode *e, const char *pkgname, const char *const *names)
{
    GoCallExpr *c = GO_AS(GoCallExpr, strip_parens(e));
    GoSelectorExpr *se = c ? GO_AS(GoSelectorExpr, c->fun) : NULL;
    GoIdent *pkg = se ? GO_AS(GoIdent, se->x) : NULL;
    if (!pkg || !go_ident_eq(pkg, pkgname))
        return false;
    for (; *names; names++)
        if (go_ident_eq(se->sel, *names))
            return true;
    return false;
}

static bool is_time_call(GoNode *e, const char *const *names)
{
    return is_time_call_pkg(e, "time", names);
}

typedef struct {
    FlowPkg *fp;
    Obj *first;
    Obj *second;
} SiblingFind;

/* ctx, cancel := context.WithCancel(...): the object of the second name
 * of the statement that defines first. */
static bool find_sibling(GoNode *n, void *ctx)
{
    SiblingFind *s = ctx;
    if (s->second)
        return false;
    if (n->kind != GO_ASSIGN_STMT)
        return true;
    GoAssignStmt *as = (GoAssignStmt *)n;
    if (as->lhs.len != 2)
        return true;
    GoIdent *a = GO_AS(GoIdent, as->lhs.items[0]), *b = GO_AS(GoIdent, as->lhs.items[1]);
    if (a && b && sema_obj(s->fp->s, a) == s->first)
        s->second = sema_obj(s->fp->s, b);
    return !s->second;
}

static Obj *sibling_result(FlowPkg *fp, GoNode *body, Obj *first)
{
    SiblingFind s = {fp, first, NULL};
    go_inspect(body, find_sibling, NULL, &s);
    return s.second;
}

typedef struct {
    FlowPkg *fp;
    int line;
    FlowTicker *out;
    Obj *var;
    bool found;
} TickerFind;

static bool find_tick_recv(GoNode *n, void *ctx)
{
    TickerFind *t = ctx;
    if (t->found)
        return false;
    t->out->recv = n->pos;
    GoNode *ch = NULL;
    if (n->kind == GO_UNARY_EXPR && ((GoUnaryExpr *)n)->op == GO_T_ARROW)
        ch = ((GoUnaryExpr *)n)->x;
    else if (n->kind == GO_RANGE_STMT)
        ch = ((GoRangeStmt *)n)->x;
    if (!ch || (t->line > 0 && flow_line(t->fp, n->pos) != t->line))
        return true;
    ch = strip_parens(ch);
    static const char *const tick[] = {"Tick", NULL};
    if (is_time_call(ch, tick)) {
        t->out->name = "time.Tick";
        t->out->made = ch->pos;
        t->out->ticker = true;
        t->found = true;
        return false;
    }
    GoSelectorExpr *se = GO_AS(GoSelectorExpr, ch);
    GoIdent *id = se ? GO_AS(GoIdent, se->x) : NULL;
    Obj *o = id && go_ident_eq(se->sel, "C") ? sema_obj(t->fp->s, id) : NULL;
    static const char *const makers[] = {"NewTicker", "NewTimer", NULL};
    if (se && !id && go_ident_eq(se->sel, "C")) {
        /* a field: s.timer.C */
        Type *ty = sema_type_of(t->fp->s, se->x);
        bool tk = type_is_named_ptr(ty, "time", "Ticker");
        if (!tk && !type_is_named_ptr(ty, "time", "Timer"))
            return true;
        t->out->name = flow_text(t->fp, se->x);
        t->out->ticker = tk;
        t->found = true;
        return false;
    }
    if (!o || !o->init || !is_time_call(o->init, makers))
        return true;
    GoCallExpr *mk = GO_AS(GoCallExpr, strip_parens(o->init));
    t->out->name = flow_text(t->fp, se->x);
    t->out->made = o->init->pos;
    t->out->ticker = go_ident_eq(GO_AS(GoSelectorExpr, mk->fun)->sel, "NewTicker");
    t->var = o;
    t->found = true;
    return false;
}

static bool find_stop(GoNode *n, void *ctx)
{
    TickerFind *t = ctx;
    if (t->out->stopped)
        return false;
    GoCallExpr *c = GO_AS(GoCallExpr, n);
    GoSelectorExpr *se = c ? GO_AS(GoSelectorExpr, c->fun) : NULL;
    GoIdent *id = se ? GO_AS(GoIdent, se->x) : NULL;
    bool same = t->var ? id && sema_obj(t->fp->s, id) == t->var
                       : se && !strcmp(flow_text(t->fp, se->x), t->out->name);
    if (se && go_ident_eq(se->sel, "Stop") && same) {
        t->out->stopped = true;
        t->out->stop = n->pos;
        return false;
    }
    return true;
}

bool flow_ticker_at(FlowPkg *fp, FlowFunc *f, GoNode *within, int line, FlowTicker *out)
{
    memset(out, 0, sizeof *out);
    out->made = out->stop = GO_NOPOS;
    GoNode *root = within ? within : (GoNode *)body_of(f ? f->node : NULL);
    if (!root)
        return false;
    TickerFind t = {fp, within ? 0 : line, out, NULL, false};
    go_inspect(root, find_tick_recv, NULL, &t);
    if (!t.found)
        return false;
    /* the Stop may be in the function that made it, enclosing a literal */
    GoNode *scope = t.var && t.var->func ? t.var->func : (f ? f->node : NULL);
    GoNode *body = (GoNode *)body_of(scope);
    if (body && (t.var || out->made == GO_NOPOS))
        go_inspect(body, find_stop, NULL, &t);
    return true;
}

/* The struct type behind t: T of T or *T when named. */
static Type *named_base(Type *t)
{
    if (t && t->kind == TY_POINTER)
        t = t->elem;
    return t && t->kind == TY_NAMED ? t : NULL;
}

typedef struct {
    FlowPkg *fp;
    int line;
    GoNode *ctx;          /* x in <-x.Done() */
} DoneFind;

static bool find_done_recv(GoNode *n, void *ctx)
{
    DoneFind *d = ctx;
    if (d->ctx)
        return false;
    GoUnaryExpr *u = GO_AS(GoUnaryExpr, n);
    if (!u || u->op != GO_T_ARROW || (d->line > 0 && flow_line(d->fp, n->pos) != d->line))
        return true;
    GoCallExpr *c = GO_AS(GoCallExpr, strip_parens(u->x));
    GoSelectorExpr *se = c && c->args.len == 0 ? GO_AS(GoSelectorExpr, c->fun) : NULL;
    if (se && go_ident_eq(se->sel, "Done") && type_is_named(sema_type_of(d->fp->s, se->x), "context", "Context"))
        d->ctx = se->x;
    return !d->ctx;
}

typedef struct {
    FlowPkg *fp;
    Type *owner;          /* field case: the struct type */
    Obj *cancel;          /* local case: the cancel variable */
    FlowFunc *in;
    FlowCancel *out;
    int n, max;
    GoNode *root;
} CancelFind;

static bool find_cancel_call(GoNode *n, void *ctx)
{
    CancelFind *k = ctx;
    if (n->kind == GO_FUNC_LIT && n != k->root)
        return false; /* a literal is a function of its own */
    GoCallExpr *c = GO_AS(GoCallExpr, n);
    if (!c || k->n >= k->max)
        return true;
    GoNode *fun = strip_parens(c->fun);
    bool hit = false;
    if (k->cancel) {
        GoIdent *id = GO_AS(GoIdent, fun);
        hit = id && sema_obj(k->fp->s, id) == k->cancel;
    } else if (k->owner) {
        GoSelectorExpr *se = GO_AS(GoSelectorExpr, fun);
        hit = se && type_is_named(sema_type_of(k->fp->s, fun), "context", "CancelFunc") &&
              named_base(sema_type_of(k->fp->s, se->x)) == k->owner;
    }
    if (hit) {
        k->out[k->n].f = k->in;
        k->out[k->n].pos = n->pos;
        k->n++;
    }
    return true;
}

int flow_ctx_cancels(FlowPkg *fp, FlowFunc *f, GoNode *within, int line, const char **ctx_text, FlowCancel *out,
                     int max)
{
    GoNode *root = within ? within : (GoNode *)body_of(f ? f->node : NULL);
    if (!root)
        return -1;
    DoneFind d = {fp, within ? 0 : line, NULL};
    go_inspect(root, find_done_recv, NULL, &d);
    if (!d.ctx)
        return -1;
    *ctx_text = flow_text(fp, d.ctx);
    CancelFind k = {fp, NULL, NULL, NULL, out, 0, max, NULL};
    GoNode *cx = strip_parens(d.ctx);
    if (cx->kind == GO_SELECTOR_EXPR) {
        k.owner = named_base(sema_type_of(fp->s, ((GoSelectorExpr *)cx)->x));
    } else if (cx->kind == GO_IDENT) {
        Obj *o = sema_obj(fp->s, (GoIdent *)cx);
        static const char *const with[] = {"WithCancel", "WithTimeout", "WithDeadline", "WithCancelCause", NULL};
        GoFuncDecl *fd = o && (o->flags & OBJF_PARAM) && o->func ? GO_AS(GoFuncDecl, o->func) : NULL;
        if (fd && fd->recv && fd->recv->fields.len) {
            /* a method's context parameter: made where the receiver's
             * CancelFunc field is set, cancelled where it is called */
            GoField *rf = GO_AS(GoField, fd->recv->fields.items[0]);
            GoIdent *rn = rf && rf->names.len ? GO_AS(GoIdent, rf->names.items[0]) : NULL;
            Obj *ro = rn ? sema_obj(fp->s, rn) : NULL;
            k.owner = ro ? named_base(sema_obj_type(fp->s, ro)) : NULL;
        } else {
            if (!o || !o->init || o->init_index != 0 || !is_time_call_pkg(o->init, "context", with) || !o->func)
                return -1;
            /* the cancel: the variable the same call's second result went to */
            GoNode *body = (GoNode *)body_of(o->func);
            k.cancel = body ? sibling_result(fp, body, o) : NULL;
        }
    }
    if (!k.owner && !k.cancel)
        return -1;
    for (size_t i = 0; i < fp->funcs.len && k.n < max; i++) {
        FlowFunc *g = fp->funcs.items[i];
        k.in = g;
        k.root = g->node;
        GoNode *b = (GoNode *)body_of(g->node);
        if (b)
            go_inspect(b, find_cancel_call, NULL, &k);
    }
    return k.n;
}

/* ---- channels made in the operation itself ----------------------------- */

typedef struct {
    FlowPkg *fp;
    GoNode *root;
    int line;      /* 0: anywhere under root */
    GoNode *found; /* the make call */
} FreshFind;

static GoNode *strip(GoNode *n)
{
    while (n && n->kind == GO_PAREN_EXPR)
        n = ((GoParenExpr *)n)->x;
    return n;
}

static bool is_make_call(FlowPkg *fp, GoNode *e)
{
    GoCallExpr *c = GO_AS(GoCallExpr, strip(e));
    GoIdent *id = c ? GO_AS(GoIdent, strip(c->fun)) : NULL;
    if (!id || !go_ident_eq(id, "make"))
        return false;
    Obj *b = sema_obj(fp->s, id);
    return b && b->kind == OBJ_BUILTIN;
}

static bool fresh_pre(GoNode *n, void *ctx)
{
    FreshFind *s = ctx;
    if (s->found || (n->kind == GO_FUNC_LIT && n != s->root))
        return false;
    GoNode *ch = n->kind == GO_SEND_STMT ? ((GoSendStmt *)n)->chan
               : n->kind == GO_UNARY_EXPR && ((GoUnaryExpr *)n)->op == GO_T_ARROW ? ((GoUnaryExpr *)n)->x
               : NULL;
    if (ch && (!s->line || flow_line(s->fp, n->pos) == s->line) && is_make_call(s->fp, ch))
        s->found = strip(ch);
    return !s->found;
}

GoNode *flow_fresh_chan_at(FlowPkg *fp, FlowFunc *f, GoNode *within, int line)
{
    GoNode *root = within ? within : f ? (GoNode *)body_of(f->node) : NULL;
    if (!root)
        return NULL;
    FreshFind s = {fp, f ? f->node : NULL, within ? 0 : line, NULL};
    go_inspect(root, fresh_pre, NULL, &s);
    return s.found;
}

/* ---- whether a local channel leaves its function ----------------------- */

typedef struct {
    FlowPkg *fp;
    Obj *var;
    GoNode *ok[64]; /* uses that do not hand the value on */
    int nok;
    bool escapes;
} EscWalk;

static void esc_ok(EscWalk *w, GoNode *e)
{
    e = strip(e);
    if (e && e->kind == GO_IDENT && w->nok < 64)
        w->ok[w->nok++] = e;
}

static bool esc_pre(GoNode *n, void *ctx)
{
    EscWalk *w = ctx;
    if (w->escapes)
        return false;
    switch (n->kind) {
    case GO_SEND_STMT:
        esc_ok(w, ((GoSendStmt *)n)->chan);
        break;
    case GO_UNARY_EXPR:
        if (((GoUnaryExpr *)n)->op == GO_T_ARROW)
            esc_ok(w, ((GoUnaryExpr *)n)->x);
        break;
    case GO_RANGE_STMT:
        esc_ok(w, ((GoRangeStmt *)n)->x);
        break;
    case GO_ASSIGN_STMT: {
        GoAssignStmt *as = (GoAssignStmt *)n;
        for (uint32_t i = 0; i < as->lhs.len; i++)
            esc_ok(w, as->lhs.items[i]);
        break;
    }
    case GO_VALUE_SPEC: {
        GoValueSpec *vs = (GoValueSpec *)n;
        for (uint32_t i = 0; i < vs->names.len; i++)
            esc_ok(w, vs->names.items[i]);
        break;
    }
    case GO_FIELD: { /* a parameter's declaration */
        GoField *fd = (GoField *)n;
        for (uint32_t i = 0; i < fd->names.len; i++)
            esc_ok(w, fd->names.items[i]);
        break;
    }
    case GO_CALL_EXPR: {
        GoCallExpr *c = (GoCallExpr *)n;
        GoIdent *id = GO_AS(GoIdent, strip(c->fun));
        Obj *b = id ? sema_obj(w->fp->s, id) : NULL;
        if (b && b->kind == OBJ_BUILTIN &&
            (go_ident_eq(id, "close") || go_ident_eq(id, "len") || go_ident_eq(id, "cap")))
            for (uint32_t i = 0; i < c->args.len; i++)
                esc_ok(w, c->args.items[i]);
        break;
    }
    case GO_IDENT: {
        if (sema_obj(w->fp->s, (GoIdent *)n) != w->var)
            break;
        bool ok = false;
        for (int i = 0; i < w->nok && !ok; i++)
            ok = w->ok[i] == n;
        w->escapes = !ok;
        break;
    }
    default:
        break;
    }
    return !w->escapes;
}

bool flow_obj_escapes(FlowPkg *fp, FlowObj *obj)
{
    if (!obj || !obj->var || !obj->var->func || (obj->var->flags & (OBJF_RESULT | OBJF_GLOBAL | OBJF_ADDR)))
        return true;
    EscWalk w = {fp, obj->var, {0}, 0, false};
    go_inspect(obj->var->func, esc_pre, NULL, &w);
    /* more harmless uses than drip keeps track of: do not guess */
    return w.escapes || w.nok >= 64;
}

/* ---- what the callers pass for a parameter ----------------------------- */

/* The argument call passes for parameter number i of callee (receiver
 * first, as FlowFunc.params), or NULL. */
static GoNode *arg_for(FlowFunc *callee, GoCallExpr *call, int i)
{
    GoFuncDecl *d = GO_AS(GoFuncDecl, callee->node);
    if (d && d->recv && --i < 0)
        return NULL; /* the receiver is no argument */
    return call && i >= 0 && (uint32_t)i < call->args.len ? call->args.items[i] : NULL;
}

static bool count_made(FlowPkg *fp, GoNode *arg, GoNode **out, int max, int *n)
{
    if (!arg || !is_make_call(fp, arg))
        return false;
    if (*n < max)
        out[*n] = strip(arg);
    (*n)++;
    return true;
}

int flow_param_made_args(FlowPkg *fp, FlowObj *param, GoNode **out, int max)
{
    if (!param || !param->var || !(param->var->flags & OBJF_PARAM) || !param->var->func)
        return -1;
    FlowFunc *callee = flow_func(fp, param->var->func);
    if (!callee || callee->node->kind != GO_FUNC_DECL)
        return -1; /* a literal may be called through any variable */
    int idx = -1;
    for (int i = 0; i < callee->nparams; i++)
        if (callee->params[i] == param->var)
            idx = i;
    if (idx < 0)
        return -1;
    int n = 0;
    for (size_t i = 0; i < fp->funcs.len; i++) {
        FlowFunc *f = fp->funcs.items[i];
        for (size_t k = 0; k < f->ops.len; k++) {
            FlowOp *op = &f->ops.items[k];
            if (op->kind == FOP_CALL && op->callee == callee && !count_made(fp, arg_for(callee, op->call, idx), out,
                                                                            max, &n))
                return -1;
        }
        for (size_t k = 0; k < f->sum.spawns.len && k < f->spawn_at.len; k++) {
            if (f->sum.spawns.items[k] != callee)
                continue;
            GoAtFind g = {f->spawn_at.items[k], NULL};
            GoNode *body = (GoNode *)body_of(f->node);
            if (body)
                go_inspect(body, find_go_at, NULL, &g);
            if (!count_made(fp, g.call ? arg_for(callee, g.call, idx) : NULL, out, max, &n))
                return -1;
        }
    }
    return n ? n : -1;
}
