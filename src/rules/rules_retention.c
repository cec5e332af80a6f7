/* rules_retention.c - the walk shared by substring-retention and
 * subslice-retention: a short slice expression of a parameter (or of a
 * value read by a call) stored in package-level state or in a map element
 * outlives the call and pins the whole source; so does one of read data
 * stored in a field of the method's receiver or sent on a channel. */
#include "rules_flow.h"
#include "rules_retention.h"

/* A short slice: s[:K], s[A:B] with constants, or s[i:i+K]. */
static bool is_short(Pass *p, GoSliceExpr *se)
{
    int64_t a = 0, b;
    if (!se->high)
        return false;
    if (sema_const_int(p->sema, se->high, &b))
        return !se->low || sema_const_int(p->sema, se->low, &a) ? b - a <= 4096 : false;
    GoBinaryExpr *add = GO_AS(GoBinaryExpr, rule_unparen(se->high));
    if (!add || add->op != GO_T_ADD || !se->low)
        return false;
    return strcmp(rule_expr_text(p, add->x), rule_expr_text(p, se->low)) == 0 &&
           sema_const_int(p->sema, add->y, &b);
}

/* The source: a parameter, or a local holding what a call returned (read
 * data), not reassigned. */
static Obj *long_source(Pass *p, GoNode *x)
{
    Obj *o = sema_expr_obj(p->sema, x);
    if (!o || o->kind != OBJ_VAR || (o->flags & OBJF_GLOBAL))
        return NULL;
    if (o->flags & OBJF_PARAM)
        return (o->flags & OBJF_RECV) ? NULL : o;
    if (o->nassign || !o->init)
        return NULL;
    GoCallExpr *c = GO_AS(GoCallExpr, rule_unparen(o->init));
    if (!c)
        return NULL;
    /* conversions and builtins make new, sized values */
    GoNode *fun = rule_unparen(c->fun);
    if (!fun || fun->kind == GO_ARRAY_TYPE || fun->kind == GO_INTERFACE_TYPE)
        return NULL;
    Obj *fo = sema_expr_obj(p->sema, fun);
    if (fo && (fo->kind == OBJ_BUILTIN || fo->kind == OBJ_TYPE))
        return NULL;
    return o;
}

/* Where the value goes: a package-level variable, or an element of a map
 * that is package-level or a field; with read data as the source, also a
 * field of the method's receiver (a cache, a server's state) and a
 * channel (the receiver keeps it). Describes it in *what. */
static bool long_lived_dest(Pass *p, GoNode *lhs, bool read_data, char *what, size_t size)
{
    lhs = rule_unparen(lhs);
    GoSelectorExpr *fs = GO_AS(GoSelectorExpr, lhs);
    Obj *recv = fs ? sema_expr_obj(p->sema, fs->x) : NULL;
    Type *rt = recv ? sema_obj_type(p->sema, recv) : NULL;
    if (read_data && recv && recv->kind == OBJ_VAR && (recv->flags & OBJF_RECV) && rt && rt->kind == TY_POINTER) {
        snprintf(what, size, "stored in field '%s' of the receiver", rule_expr_text(p, lhs));
        return true;
    }
    Obj *o = sema_expr_obj(p->sema, lhs);
    if (o && o->kind == OBJ_VAR && (o->flags & OBJF_GLOBAL)) {
        snprintf(what, size, "stored in package-level variable '%s'", o->name);
        return true;
    }
    GoIndexExpr *ix = GO_AS(GoIndexExpr, lhs);
    if (!ix)
        return false;
    Type *mt = type_underlying(sema_type_of(p->sema, ix->x));
    if (!mt || mt->kind != TY_MAP)
        return false;
    GoNode *m = rule_unparen(ix->x);
    Obj *mo = sema_expr_obj(p->sema, m);
    if ((mo && mo->kind == OBJ_VAR && (mo->flags & OBJF_GLOBAL)) || m->kind == GO_SELECTOR_EXPR) {
        snprintf(what, size, "stored in map '%s'", rule_expr_text(p, m));
        return true;
    }
    return false;
}

typedef struct {
    Pass *p;
    bool strings;
} Ctx;

/* Fix: strings.Clone(s[:n]) (string([]byte(s[:n])) before Go 1.18),
 * importing "strings" when the file does not. */
static void retention_fix_clone(Pass *p, GoSliceExpr *se)
{
    if (p->pkg->release && p->pkg->release < 18) {
        rule_fix_wrap(p, (GoNode *)se, "copy the substring", "string([]byte(", "))");
        return;
    }
    Diag *d = p->out->len ? array_last(p->out) : NULL;
    uint32_t had = d ? d->nedits : 0;
    const char *name = rule_fix_import(p, se->n.pos, "strings", "store a copy: strings.Clone");
    if (!name)
        return;
    char *open = xasprintf("%s.Clone(", name);
    if (!rule_fix_wrap(p, (GoNode *)se, "store a copy: strings.Clone", open, ")") && d)
        d->nedits = had; /* no import without its use */
    free(open);
}

/* A helper of this package whose every return is a short slice of one
 * parameter (`func head(b []byte) []byte { return b[:4] }`): the index
 * of that parameter, or -1. */
typedef struct {
    Pass *p;
    GoFuncDecl *fd;
    int param;           /* -2: none seen yet */
    bool other;
} HelperScan;

static int param_index(GoFuncDecl *fd, Obj *o)
{
    int k = 0;
    for (uint32_t i = 0; fd->type && fd->type->params && i < fd->type->params->fields.len; i++) {
        GoField *f = (GoField *)fd->type->params->fields.items[i];
        for (uint32_t j = 0; j < f->names.len; j++, k++)
            if (o && o->ident == (GoIdent *)f->names.items[j])
                return k;
    }
    return -1;
}

static bool helper_pre(GoNode *n, void *ctx)
{
    HelperScan *h = ctx;
    if (n->kind == GO_FUNC_LIT || h->other)
        return false;
    GoReturnStmt *rs = GO_AS(GoReturnStmt, n);
    if (!rs)
        return true;
    GoSliceExpr *se = rs->results.len == 1 ? GO_AS(GoSliceExpr, rule_unparen(rs->results.items[0])) : NULL;
    Obj *o = se && is_short(h->p, se) ? sema_expr_obj(h->p->sema, se->x) : NULL;
    int k = o && o->kind == OBJ_VAR && (o->flags & OBJF_PARAM) && !(o->flags & OBJF_RECV) && !o->nassign
                ? param_index(h->fd, o) : -1;
    if (k < 0 || (h->param >= 0 && h->param != k))
        h->other = true;
    else
        h->param = k;
    return false;
}

static int slicing_helper(Pass *p, GoCallExpr *call)
{
    Sema *owner = NULL;
    GoFuncDecl *fd = call ? sema_call_decl(p->sema, call, &owner) : NULL;
    if (!fd || owner != p->sema || !fd->body || fd->recv)
        return -1;
    HelperScan h = {p, fd, -2, false};
    go_inspect((GoNode *)fd->body, helper_pre, NULL, &h);
    return h.other || h.param < 0 || (uint32_t)h.param >= call->args.len ? -1 : h.param;
}

/* lhs NULL: sent on channel ch. */
static void check_store_to(Ctx *c, GoNode *lhs, GoNode *ch, GoNode *rhs);

static void check_store(Ctx *c, GoNode *lhs, GoNode *rhs)
{
    check_store_to(c, lhs, NULL, rhs);
}

/* What a short piece of x kept at lhs (or sent on ch) pins: x's type
 * (*t, a string or a slice as c asks), its source variable (*src) and
 * where it goes (what). False when it is not a retention. */
static bool retained(Ctx *c, GoNode *lhs, GoNode *ch, GoNode *x, Type **t, Obj **src, char *what, size_t size)
{
    Pass *p = c->p;
    *t = type_underlying(sema_type_of(p->sema, x));
    if (!*t)
        return false;
    bool is_string = (*t)->kind == TY_BASIC && (*t)->name && strcmp((*t)->name, "string") == 0;
    if (c->strings != is_string || (!is_string && (*t)->kind != TY_SLICE))
        return false;
    *src = long_source(p, x);
    if (!*src)
        return false;
    bool read_data = !((*src)->flags & OBJF_PARAM);
    if (ch) {
        if (!read_data)
            return false;
        snprintf(what, size, "sent on '%s'", rule_expr_text(p, ch));
        return true;
    }
    return long_lived_dest(p, lhs, read_data, what, size);
}

static void check_store_to(Ctx *c, GoNode *lhs, GoNode *ch, GoNode *rhs)
{
    Pass *p = c->p;
    GoSliceExpr *se = GO_AS(GoSliceExpr, rule_unparen(rhs));
    Type *t;
    Obj *src;
    char what[128];
    const char *verb = ch ? "send" : "store";
    /* head(data), a helper returning a short slice of its argument:
     * reported as the slice expression would be, naming the call */
    GoCallExpr *helper = se ? NULL : GO_AS(GoCallExpr, rule_unparen(rhs));
    int arg = helper ? slicing_helper(p, helper) : -1;
    if (arg >= 0) {
        if (!retained(c, lhs, ch, helper->args.items[arg], &t, &src, what, sizeof what))
            return;
        const char *text = rule_expr_text(p, (GoNode *)helper);
        if (c->strings)
            pass_report(p, helper->n.pos,
                        "substring %s (a short piece of '%s') %s keeps all of string '%s' alive; %s a copy: "
                        "strings.Clone(%s)", text, src->name, what, src->name, verb, text);
        else
            pass_report(p, helper->n.pos,
                        "subslice %s (a short piece of '%s') %s keeps the whole backing array of '%s' alive; %s "
                        "a copy of it", text, src->name, what, src->name, verb);
        return;
    }
    if (!se || !is_short(p, se) || !retained(c, lhs, ch, se->x, &t, &src, what, sizeof what))
        return;
    /* x = x[:n] trims in place: not a copy that outlives the source */
    if (lhs && strcmp(rule_expr_text(p, lhs), rule_expr_text(p, se->x)) == 0)
        return;
    const char *text = rule_expr_text(p, (GoNode *)se);
    if (c->strings) {
        pass_report(p, se->n.pos,
                    "substring %s %s keeps all of string '%s' alive; %s a copy: "
                    "strings.Clone(%s)", text, what, src->name, verb, text);
        retention_fix_clone(p, se);
        return;
    }
    bool bytes = t->elem && t->elem->kind == TY_BASIC && t->elem->name &&
                 (strcmp(t->elem->name, "uint8") == 0 || strcmp(t->elem->name, "byte") == 0);
    pass_report(p, se->n.pos,
                "subslice %s %s keeps the whole backing array of '%s' alive; %s a copy: "
                "append(%s(nil), %s...)", text, what, src->name, verb, bytes ? "[]byte" : "[]T", text);
}

static void visit(GoNode *n, GoList *list, uint32_t index, void *ctx)
{
    (void)list;
    (void)index;
    Ctx *c = ctx;
    GoSendStmt *send = GO_AS(GoSendStmt, n);
    if (send && send->chan && send->value) {
        check_store_to(c, NULL, send->chan, send->value);
        return;
    }
    GoAssignStmt *as = GO_AS(GoAssignStmt, n);
    if (!as || as->tok != GO_T_ASSIGN || as->lhs.len != as->rhs.len)
        return;
    for (uint32_t i = 0; i < as->lhs.len; i++) {
        check_store(c, as->lhs.items[i], as->rhs.items[i]);
        /* x = append(x, s[:n]): the element goes where x goes */
        GoCallExpr *call = GO_AS(GoCallExpr, rule_unparen(as->rhs.items[i]));
        GoIdent *fn = call ? GO_AS(GoIdent, rule_unparen(call->fun)) : NULL;
        if (!fn || !go_ident_eq(fn, "append") || call->args.len < 2 || call->ellipsis != GO_NOPOS)
            continue;
        Obj *o = sema_obj(c->p->sema, fn);
        if (!o || o->kind != OBJ_BUILTIN ||
            strcmp(rule_expr_text(c->p, call->args.items[0]), rule_expr_text(c->p, as->lhs.items[i])) != 0)
            continue;
        for (uint32_t k = 1; k < call->args.len; k++)
            check_store(c, as->lhs.items[i], call->args.items[k]);
    }
}

static void per_func(Pass *p, GoNode *func, GoBlockStmt *body, void *ctx)
{
    (void)func;
    Ctx c = {p, *(bool *)ctx};
    flow_each_stmt(body, visit, &c);
}

void retention_run(Pass *p, bool strings)
{
    pass_each_func(p, per_func, &strings);
}
