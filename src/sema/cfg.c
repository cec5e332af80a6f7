/* cfg.c - control-flow graph of one function, in the spirit of
 * golang.org/x/tools/go/cfg: blocks of statements and header expressions;
 * return edges to a single exit block; panic and no-return calls end a
 * block without successors; break/continue/goto with labels. Function
 * literals inside are not entered (they have their own graphs). */
#include "sema.h"

typedef struct {
    const char *label;   /* NUL-terminated label name or NULL */
    size_t label_len;
    CfgBlock *brk, *cont; /* cont NULL for switch/select */
} Target;

typedef struct {
    Sema *s;
    Cfg *g;
    CfgBlock *cur;
    Array(Target) targets;
    HashMap labels;      /* label name -> CfgBlock* */
    GoIdent *pending_label; /* label of the statement being built */
} Builder;

static CfgBlock *new_block(Builder *B)
{
    CfgBlock *b = xcalloc(1, sizeof *b);
    b->index = (int)B->g->blocks.len;
    array_push(&B->g->blocks, b);
    return b;
}

static void edge(CfgBlock *from, CfgBlock *to)
{
    if (from && to)
        array_push(&from->succs, to);
}

static void add(Builder *B, GoNode *n)
{
    if (!n)
        return;
    CfgBlock *b = B->cur;
    ptrmap_set(&B->g->where, n, (void *)(uintptr_t)(((uintptr_t)(b->index + 1) << 20) | b->nodes.len));
    array_push(&b->nodes, n);
}

static CfgBlock *label_block(Builder *B, GoIdent *id)
{
    int ins = 0;
    void **slot = hashmap_put(&B->labels, id->name, id->len, &ins);
    if (ins)
        *slot = new_block(B);
    return *slot;
}

static bool is_no_return_call(Builder *B, GoNode *e)
{
    while (e && e->kind == GO_PAREN_EXPR)
        e = ((GoParenExpr *)e)->x;
    GoCallExpr *c = GO_AS(GoCallExpr, e);
    if (!c || !c->fun)
        return false;
    GoNode *fun = c->fun;
    if (fun->kind == GO_IDENT) {
        if (!go_ident_eq((GoIdent *)fun, "panic"))
            return false;
        Obj *o = B->s ? sema_obj(B->s, (GoIdent *)fun) : NULL;
        return !B->s || (o && o->kind == OBJ_BUILTIN);
    }
    if (fun->kind != GO_SELECTOR_EXPR || !B->s)
        return false;
    GoSelectorExpr *se = (GoSelectorExpr *)fun;
    if (!se->sel)
        return false;
    /* cheap name filter before resolving */
    static const char *const names[] = {"Exit", "Fatal", "Fatalf", "Fatalln", "Panic", "Panicf",
                                        "Panicln", "Goexit", "FailNow", "SkipNow", "Skip", "Skipf"};
    bool maybe = false;
    for (size_t i = 0; i < ARRAY_LEN(names); i++)
        maybe = maybe || go_ident_eq(se->sel, names[i]);
    if (!maybe)
        return false;
    const char *pkg, *name;
    return sema_callee(B->s, c, &pkg, &name) && stdlib_no_return(pkg, name);
}

static void stmt(Builder *B, GoNode *n);

/* Ranging over a channel ends when it is closed; ticker channels
 * (time.Tick, ticker.C) are never closed, so such a loop never ends. */
static bool range_never_ends(Builder *B, GoNode *x)
{
    while (x && x->kind == GO_PAREN_EXPR)
        x = ((GoParenExpr *)x)->x;
    if (!x || !B->s)
        return false;
    if (x->kind == GO_CALL_EXPR)
        return sema_is_call_to(B->s, x, "time", "Tick");
    GoSelectorExpr *se = GO_AS(GoSelectorExpr, x);
    if (!se || !se->sel || !go_ident_eq(se->sel, "C"))
        return false;
    return type_is_named_ptr(sema_type_of(B->s, se->x), "time", "Ticker");
}

static void stmt_list(Builder *B, GoList *l)
{
    for (uint32_t i = 0; i < l->len; i++)
        stmt(B, l->items[i]);
}

static Target *find_target(Builder *B, GoIdent *label, bool want_cont)
{
    for (size_t i = B->targets.len; i-- > 0;) {
        Target *t = &B->targets.items[i];
        if (want_cont && !t->cont)
            continue;
        if (!label)
            return t;
        if (t->label && t->label_len == label->len && memcmp(t->label, label->name, label->len) == 0)
            return t;
    }
    return NULL;
}

static void push_target(Builder *B, CfgBlock *brk, CfgBlock *cont)
{
    Target t = {NULL, 0, brk, cont};
    if (B->pending_label) {
        t.label = B->pending_label->name;
        t.label_len = B->pending_label->len;
        B->pending_label = NULL;
    }
    array_push(&B->targets, t);
}

/* Clause bodies of switch-like statements. bodies[i] is clause i's block. */
static void switch_clauses(Builder *B, GoBlockStmt *body, bool select)
{
    CfgBlock *head = B->cur;
    CfgBlock *after = new_block(B);
    push_target(B, after, NULL);
    uint32_t n = body ? body->list.len : 0;
    CfgBlock **blocks = xcalloc(n ? n : 1, sizeof *blocks);
    bool has_default = false;
    for (uint32_t i = 0; i < n; i++) {
        blocks[i] = new_block(B);
        edge(head, blocks[i]);
    }
    for (uint32_t i = 0; i < n; i++) {
        GoNode *c = body->list.items[i];
        B->cur = blocks[i];
        GoList *list = NULL;
        if (c->kind == GO_CASE_CLAUSE) {
            GoCaseClause *cc = (GoCaseClause *)c;
            /* case expressions are evaluated in the head */
            has_default = has_default || cc->list.len == 0;
            CfgBlock *save = B->cur;
            B->cur = head;
            for (uint32_t k = 0; k < cc->list.len; k++)
                add(B, cc->list.items[k]);
            B->cur = save;
            list = &cc->body;
        } else if (c->kind == GO_COMM_CLAUSE) {
            GoCommClause *cc = (GoCommClause *)c;
            has_default = has_default || !cc->comm;
            add(B, cc->comm);
            list = &cc->body;
        }
        if (!list)
            continue;
        bool fall = false;
        for (uint32_t k = 0; k < list->len; k++) {
            GoBranchStmt *br = GO_AS(GoBranchStmt, list->items[k]);
            if (br && br->tok == GO_T_FALLTHROUGH && i + 1 < n) {
                edge(B->cur, blocks[i + 1]);
                B->cur = new_block(B);
                fall = true;
                continue;
            }
            stmt(B, list->items[k]);
        }
        if (!fall)
            edge(B->cur, after);
    }
    /* a switch without default may match nothing; a select without cases
     * blocks forever */
    if (!select && !has_default)
        edge(head, after);
    free(blocks);
    B->targets.len--;
    B->cur = after;
}

static void stmt(Builder *B, GoNode *n)
{
    if (!n)
        return;
    switch (n->kind) {
    case GO_BLOCK_STMT:
        stmt_list(B, &((GoBlockStmt *)n)->list);
        return;
    case GO_EXPR_STMT:
        add(B, n);
        if (is_no_return_call(B, ((GoExprStmt *)n)->x))
            B->cur = new_block(B);
        return;
    case GO_RETURN_STMT:
        add(B, n);
        B->cur->ret = n;
        edge(B->cur, B->g->exit);
        B->cur = new_block(B);
        return;
    case GO_LABELED_STMT: {
        GoLabeledStmt *ls = (GoLabeledStmt *)n;
        if (ls->label) {
            CfgBlock *lb = label_block(B, ls->label);
            edge(B->cur, lb);
            B->cur = lb;
        }
        GoNode *inner = ls->stmt;
        if (inner && (inner->kind == GO_FOR_STMT || inner->kind == GO_RANGE_STMT ||
                      inner->kind == GO_SWITCH_STMT || inner->kind == GO_TYPE_SWITCH_STMT ||
                      inner->kind == GO_SELECT_STMT))
            B->pending_label = ls->label;
        stmt(B, inner);
        B->pending_label = NULL;
        return;
    }
    case GO_BRANCH_STMT: {
        GoBranchStmt *br = (GoBranchStmt *)n;
        add(B, n);
        if (br->tok == GO_T_BREAK || br->tok == GO_T_CONTINUE) {
            Target *t = find_target(B, br->label, br->tok == GO_T_CONTINUE);
            if (t)
                edge(B->cur, br->tok == GO_T_BREAK ? t->brk : t->cont);
        } else if (br->tok == GO_T_GOTO && br->label) {
            edge(B->cur, label_block(B, br->label));
        }
        B->cur = new_block(B);
        return;
    }
    case GO_IF_STMT: {
        GoIfStmt *is = (GoIfStmt *)n;
        add(B, is->init);
        add(B, is->cond);
        CfgBlock *head = B->cur, *then = new_block(B), *after = new_block(B);
        edge(head, then);
        B->cur = then;
        stmt(B, (GoNode *)is->body);
        edge(B->cur, after);
        if (is->else_) {
            CfgBlock *els = new_block(B);
            edge(head, els);
            B->cur = els;
            stmt(B, is->else_);
            edge(B->cur, after);
        } else {
            edge(head, after);
        }
        B->cur = after;
        return;
    }
    case GO_FOR_STMT: {
        GoForStmt *fs = (GoForStmt *)n;
        GoIdent *label = B->pending_label;
        B->pending_label = NULL;
        add(B, fs->init);
        CfgBlock *head = new_block(B), *body = new_block(B), *post = new_block(B), *after = new_block(B);
        edge(B->cur, head);
        B->cur = head;
        add(B, fs->cond);
        edge(head, body);
        if (fs->cond)
            edge(head, after);
        B->pending_label = label;
        push_target(B, after, post);
        B->cur = body;
        stmt(B, (GoNode *)fs->body);
        edge(B->cur, post);
        B->cur = post;
        add(B, fs->post);
        edge(post, head);
        B->targets.len--;
        B->cur = after;
        return;
    }
    case GO_RANGE_STMT: {
        GoRangeStmt *rs = (GoRangeStmt *)n;
        GoIdent *label = B->pending_label;
        B->pending_label = NULL;
        add(B, rs->x);
        CfgBlock *head = new_block(B), *body = new_block(B), *after = new_block(B);
        edge(B->cur, head);
        edge(head, body);
        if (!range_never_ends(B, rs->x))
            edge(head, after);
        B->pending_label = label;
        push_target(B, after, head);
        B->cur = body;
        add(B, rs->key);
        add(B, rs->value);
        stmt(B, (GoNode *)rs->body);
        edge(B->cur, head);
        B->targets.len--;
        B->cur = after;
        return;
    }
    case GO_SWITCH_STMT: {
        GoSwitchStmt *ss = (GoSwitchStmt *)n;
        GoIdent *label = B->pending_label;
        B->pending_label = NULL;
        add(B, ss->init);
        add(B, ss->tag);
        B->pending_label = label;
        switch_clauses(B, ss->body, false);
        return;
    }
    case GO_TYPE_SWITCH_STMT: {
        GoTypeSwitchStmt *ts = (GoTypeSwitchStmt *)n;
        GoIdent *label = B->pending_label;
        B->pending_label = NULL;
        add(B, ts->init);
        add(B, ts->assign);
        B->pending_label = label;
        switch_clauses(B, ts->body, false);
        return;
    }
    case GO_SELECT_STMT: {
        GoSelectStmt *ss = (GoSelectStmt *)n;
        switch_clauses(B, ss->body, true);
        return;
    }
    case GO_EMPTY_STMT:
        return;
    default:
        /* assign, send, inc/dec, go, defer, decl, bad */
        add(B, n);
        return;
    }
}

Cfg *cfg_build(GoNode *func, Sema *s)
{
    Cfg *g = xcalloc(1, sizeof *g);
    g->func = func;
    ptrmap_init(&g->where);
    Builder B = {s, g, NULL, {0}, {0}, NULL};
    hashmap_init(&B.labels);
    g->entry = new_block(&B);
    g->exit = new_block(&B);
    g->exit->is_exit = true;
    B.cur = g->entry;
    GoBlockStmt *body = NULL;
    if (func && func->kind == GO_FUNC_DECL)
        body = ((GoFuncDecl *)func)->body;
    else if (func && func->kind == GO_FUNC_LIT)
        body = ((GoFuncLit *)func)->body;
    if (body)
        stmt(&B, (GoNode *)body);
    edge(B.cur, g->exit);
    array_free(&B.targets);
    hashmap_free(&B.labels);
    /* liveness */
    Array(CfgBlock *) work = {0};
    g->entry->live = true;
    array_push(&work, g->entry);
    while (work.len) {
        CfgBlock *b = array_pop(&work);
        for (size_t i = 0; i < b->succs.len; i++)
            if (!b->succs.items[i]->live) {
                b->succs.items[i]->live = true;
                array_push(&work, b->succs.items[i]);
            }
    }
    array_free(&work);
    return g;
}

void cfg_free(Cfg *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->blocks.len; i++) {
        CfgBlock *b = g->blocks.items[i];
        array_free(&b->nodes);
        array_free(&b->succs);
        free(b);
    }
    array_free(&g->blocks);
    ptrmap_free(&g->where);
    free(g);
}

Cfg *sema_cfg(Sema *s, GoNode *func)
{
    Cfg *g = ptrmap_get(&s->cfgs, func);
    if (!g) {
        g = cfg_build(func, s);
        ptrmap_set(&s->cfgs, func, g);
    }
    return g;
}

bool cfg_locate(Cfg *g, GoNode *n, CfgBlock **b, int *idx)
{
    uintptr_t v = (uintptr_t)ptrmap_get(&g->where, n);
    if (!v)
        return false;
    *b = g->blocks.items[(v >> 20) - 1];
    *idx = (int)(v & ((1u << 20) - 1));
    return true;
}

/* DFS from (b, start) looking for the exit along nodes where pred fails. */
bool cfg_path_avoiding(Cfg *g, GoNode *from, CfgPred pred, void *ctx, GoNode **ret_out)
{
    CfgBlock *b;
    int idx;
    if (ret_out)
        *ret_out = NULL;
    if (!cfg_locate(g, from, &b, &idx))
        return false;
    bool *seen = xcalloc(g->blocks.len, sizeof(bool));
    typedef struct {
        CfgBlock *b;
        int start;
    } Item;
    Array(Item) stack = {0};
    Item first = {b, idx + 1};
    array_push(&stack, first);
    bool found = false;
    while (stack.len && !found) {
        Item it = array_pop(&stack);
        bool blocked = false;
        for (size_t i = (size_t)it.start; i < it.b->nodes.len; i++)
            if (pred && pred(it.b->nodes.items[i], ctx)) {
                blocked = true;
                break;
            }
        if (blocked)
            continue;
        if (it.b->is_exit) {
            found = true;
            break;
        }
        for (size_t k = 0; k < it.b->succs.len; k++) {
            CfgBlock *nb = it.b->succs.items[k];
            if (nb->is_exit) {
                found = true;
                if (ret_out)
                    *ret_out = it.b->ret;
                break;
            }
            if (!seen[nb->index]) {
                seen[nb->index] = true;
                Item ni = {nb, 0};
                array_push(&stack, ni);
            }
        }
    }
    array_free(&stack);
    free(seen);
    return found;
}

bool cfg_can_reach_exit(Cfg *g, GoNode *from)
{
    return cfg_path_avoiding(g, from, NULL, NULL, NULL);
}

/* Depth-first over the blocks from b: a path to the exit or back into a
 * block still on the path (a loop) is a way to go on living. */
bool cfg_block_dies(Cfg *g, int block)
{
    if (block < 0 || (size_t)block >= g->blocks.len)
        return false;
    unsigned char *state = xcalloc(g->blocks.len, 1); /* 1 on the path, 2 done */
    typedef struct {
        CfgBlock *b;
        size_t next;
    } Frame;
    Array(Frame) stack = {0};
    Frame first = {g->blocks.items[block], 0};
    array_push(&stack, first);
    state[block] = 1;
    bool dies = true;
    while (stack.len && dies) {
        Frame *fr = &stack.items[stack.len - 1];
        if (fr->b->is_exit) {
            dies = false;
            break;
        }
        if (fr->next == fr->b->succs.len) {
            state[fr->b->index] = 2;
            (void)array_pop(&stack);
            continue;
        }
        CfgBlock *nb = fr->b->succs.items[fr->next++];
        if (state[nb->index] == 1)
            dies = false;
        else if (!state[nb->index]) {
            state[nb->index] = 1;
            Frame f = {nb, 0};
            array_push(&stack, f);
        }
    }
    array_free(&stack);
    free(state);
    return dies;
}
