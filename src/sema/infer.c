/* infer.c - light type inference for value expressions, field and method
 * lookup, and call resolution. Unknown stays NULL. */
#include "sema.h"

static Type *results_of(Sema *s, Type *ft)
{
    if (!ft || ft->kind != TY_FUNC)
        return NULL;
    if (ft->nresults == 1)
        return ft->results[0];
    if (ft->nresults == 0)
        return NULL;
    Type *tup = type_new(s, TY_TUPLE);
    tup->results = ft->results;
    tup->nresults = ft->nresults;
    return tup;
}

static Type *tuple_single(Type *t)
{
    if (t && t->kind == TY_TUPLE)
        return t->nresults == 1 ? t->results[0] : NULL;
    return t;
}

static Type *deref(Type *t)
{
    if (t && t->kind == TY_POINTER)
        return t->elem;
    return t;
}

/* Method declaration of a named type declared in a loaded package. */
static GoFuncDecl *method_decl(Sema *s, Type *named, const char *m, Sema **owner)
{
    if (!named || named->kind != TY_NAMED)
        return NULL;
    Sema *home = named->spec_owner ? named->spec_owner : world_lookup(s->world, named->pkg ? named->pkg : "");
    if (!home)
        return NULL;
    char key[256];
    int n = snprintf(key, sizeof key, "%s.%s", named->name, m);
    if (n < 0 || (size_t)n >= sizeof key)
        return NULL;
    GoFuncDecl *fd = hashmap_get(&home->methods, key, (size_t)n);
    if (fd && owner)
        *owner = home;
    return fd;
}

/* Field of a struct (searching embedded fields a few levels deep). */
static Type *field_type(Type *t, const char *name, int depth)
{
    if (depth > 4)
        return NULL;
    Type *u = type_underlying(deref(t));
    if (!u || u->kind != TY_STRUCT)
        return NULL;
    for (int i = 0; i < u->nfields; i++)
        if (u->fields[i].name && strcmp(u->fields[i].name, name) == 0)
            return u->fields[i].type ? u->fields[i].type : NULL;
    for (int i = 0; i < u->nfields; i++)
        if (u->fields[i].embedded) {
            Type *ft = field_type(u->fields[i].type, name, depth + 1);
            if (ft)
                return ft;
        }
    return NULL;
}

static Type *method_results(Sema *s, Type *recv, const char *m)
{
    Type *nt = deref(recv);
    if (!nt || nt->kind != TY_NAMED)
        return NULL;
    Sema *owner = NULL;
    GoFuncDecl *fd = method_decl(s, nt, m, &owner);
    if (fd)
        return results_of(s, sema_func_type(s, owner, fd->type));
    if (!nt->spec && nt->pkg) {
        char key[256];
        snprintf(key, sizeof key, "%s.%s", nt->name, m);
        Type *tup = stdlib_results(s, nt->pkg, key);
        return tup ? (tup->nresults == 1 ? tup->results[0] : tup->nresults ? tup : NULL) : NULL;
    }
    /* methods promoted from embedded fields */
    Type *u = type_underlying(nt);
    if (u && u->kind == TY_STRUCT)
        for (int i = 0; i < u->nfields; i++)
            if (u->fields[i].embedded) {
                Type *r = method_results(s, u->fields[i].type, m);
                if (r)
                    return r;
            }
    return NULL;
}

static Type *obj_type_in(Sema *s, Obj *o);

Type *sema_obj_type(Sema *s, Obj *o)
{
    if (!o)
        return NULL;
    if (o->owner != s)
        return obj_type_in(s, o);
    if (o->type_done)
        return o->type;
    o->type_done = true; /* guards recursion through initializers */
    o->type = obj_type_in(s, o);
    return o->type;
}

/* Package-level variables are the one thing of a package that another
 * package's thread asks its memo for (pkg.V in a lock or channel
 * operation): computed here, before any rule runs, so that afterwards
 * they are only read. */
void sema_prepare(Sema *s)
{
    for (size_t i = 0; i < s->scope.cap; i++) {
        Obj *o = s->scope.slots[i].key ? s->scope.slots[i].value : NULL;
        if (!o || o->kind != OBJ_VAR || o->owner != s)
            continue;
        Type *t = sema_obj_type(s, o);
        /* resolve what readers look at: the type's underlying type, and
         * that of what it points to */
        type_underlying(t);
        if (t && t->kind == TY_POINTER)
            type_underlying(t->elem);
    }
    s->prepared = true;
    s->built = s->arena;
    arena_init(&s->arena);
}

Type *sema_global_type(Obj *o)
{
    if (!o || o->kind != OBJ_VAR || !o->owner)
        return NULL;
    /* not prepared: unknown (computing it here would be the race) */
    return o->owner->prepared && o->type_done ? o->type : NULL;
}

/* A value of a multi-value expression (v, ok := m[k] and friends). */
static Type *init_component(Sema *s, GoNode *init, int idx)
{
    GoNode *e = init;
    while (e && e->kind == GO_PAREN_EXPR)
        e = ((GoParenExpr *)e)->x;
    if (!e)
        return NULL;
    if (e->kind == GO_CALL_EXPR) {
        Type *t = sema_type_of(s, e);
        if (t && t->kind == TY_TUPLE)
            return idx < t->nresults ? t->results[idx] : NULL;
        return idx == 0 ? t : NULL;
    }
    if (idx == 1)
        return type_basic("bool"); /* comma-ok forms */
    return sema_type_of(s, e);
}

static Type *range_component(Sema *s, GoRangeStmt *rs, int idx)
{
    Type *t = sema_type_of(s, rs->x);
    Type *u = type_underlying(t);
    if (u && u->kind == TY_POINTER)
        u = type_underlying(u->elem);
    if (!u)
        return NULL;
    switch (u->kind) {
    case TY_SLICE: case TY_ARRAY:
        return idx == 0 ? type_basic("int") : u->elem;
    case TY_MAP:
        return idx == 0 ? u->key : u->elem;
    case TY_CHAN:
        return idx == 0 ? u->elem : NULL;
    case TY_BASIC:
        if (strcmp(u->name, "string") == 0 || strcmp(u->name, "untyped string") == 0)
            return type_basic(idx == 0 ? "int" : "rune");
        return idx == 0 ? u : NULL;
    default:
        return NULL;
    }
}

static Type *obj_type_in(Sema *s, Obj *o)
{
    Sema *src = o->owner ? o->owner : s;
    switch (o->kind) {
    case OBJ_VAR:
        if (o->decl && o->decl->kind == GO_RANGE_STMT)
            return src == s ? range_component(s, (GoRangeStmt *)o->decl, o->init_index) : NULL;
        if (o->decl && o->decl->kind == GO_TYPE_SWITCH_STMT)
            return NULL;
        if (o->type_expr)
            return sema_type_expr_in(s, src, o->type_expr);
        if (o->init && src == s) {
            if (o->init_index >= 0)
                return init_component(s, o->init, o->init_index);
            Type *t = tuple_single(sema_type_of(s, o->init));
            /* untyped constants default to their typed kind */
            if (t && t->kind == TY_BASIC && strncmp(t->name, "untyped ", 8) == 0) {
                const char *k = t->name + 8;
                return type_basic(strcmp(k, "float") == 0 ? "float64" : strcmp(k, "rune") == 0 ? "rune" : k);
            }
            if (t && t->kind == TY_UNTYPED_NIL)
                return NULL;
            return t;
        }
        return NULL;
    case OBJ_CONST:
        if (o->type_expr)
            return sema_type_expr_in(s, src, o->type_expr);
        if (o->init && src == s)
            return sema_type_of(s, o->init);
        return NULL;
    case OBJ_FUNC:
        if (o->decl && o->decl->kind == GO_FUNC_DECL)
            return sema_func_type(s, src, ((GoFuncDecl *)o->decl)->type);
        return NULL;
    default:
        return NULL;
    }
}

static bool is_type_expr(Sema *s, GoNode *e)
{
    while (e && e->kind == GO_PAREN_EXPR)
        e = ((GoParenExpr *)e)->x;
    if (!e)
        return false;
    switch (e->kind) {
    case GO_ARRAY_TYPE: case GO_MAP_TYPE: case GO_CHAN_TYPE: case GO_FUNC_TYPE:
    case GO_STRUCT_TYPE: case GO_INTERFACE_TYPE:
        return true;
    case GO_STAR_EXPR:
        return is_type_expr(s, ((GoStarExpr *)e)->x);
    case GO_IDENT: {
        Obj *o = sema_obj(s, (GoIdent *)e);
        return o && o->kind == OBJ_TYPE;
    }
    case GO_SELECTOR_EXPR: {
        const char *path;
        Sema *other;
        Obj *o;
        /* outside the program: exported names starting upper-case could be
         * either; only the ones we model as types count */
        return sema_qualified(s, (GoSelectorExpr *)e, &path, &other, &o) && o &&
               o->kind == OBJ_TYPE;
    }
    case GO_INDEX_EXPR:
        return is_type_expr(s, ((GoIndexExpr *)e)->x);
    default:
        return false;
    }
}

static GoNode *unparen(GoNode *e)
{
    while (e && e->kind == GO_PAREN_EXPR)
        e = ((GoParenExpr *)e)->x;
    return e;
}

/* What a call calls: c->fun without parentheses and without the type
 * arguments of an explicit instantiation, f[int](x) or, since Go 1.27,
 * r.N[int](5). fs[i](x) stays an index: fs is a slice or map of funcs. */
static GoNode *call_fun(Sema *s, GoCallExpr *c)
{
    GoNode *fun = unparen(c->fun);
    GoIndexExpr *ix = GO_AS(GoIndexExpr, fun);
    if (ix && !is_type_expr(s, ix->x)) {
        Type *u = type_underlying(sema_type_of(s, ix->x));
        if (!u || u->kind == TY_FUNC)
            fun = unparen(ix->x);
    }
    return fun;
}

static Type *call_type(Sema *s, GoCallExpr *c)
{
    GoNode *fun = unparen(c->fun);
    if (!fun)
        return NULL;
    if (is_type_expr(s, fun))
        return sema_type_expr(s, fun, -1); /* a conversion, T(x) or T[int](x) */
    fun = call_fun(s, c);
    if (fun->kind == GO_IDENT) {
        Obj *o = sema_obj(s, (GoIdent *)fun);
        if (!o)
            return NULL;
        if (o->kind == OBJ_BUILTIN) {
            const char *n = o->name;
            if ((strcmp(n, "make") == 0) && c->args.len >= 1)
                return sema_type_expr(s, c->args.items[0], -1);
            if (strcmp(n, "new") == 0 && c->args.len == 1) {
                Type *t = type_new(s, TY_POINTER);
                t->elem = sema_type_expr(s, c->args.items[0], -1);
                return t;
            }
            if (strcmp(n, "len") == 0 || strcmp(n, "cap") == 0 || strcmp(n, "copy") == 0)
                return type_basic("int");
            if (strcmp(n, "append") == 0 && c->args.len >= 1)
                return sema_type_of(s, c->args.items[0]);
            if (strcmp(n, "recover") == 0)
                return type_basic("any");
            return NULL;
        }
        return results_of(s, sema_obj_type(s, o));
    }
    if (fun->kind == GO_SELECTOR_EXPR) {
        GoSelectorExpr *se = (GoSelectorExpr *)fun;
        if (!se->sel)
            return NULL;
        char *name = go_ident_str(se->sel, &s->arena);
        const char *path;
        Sema *other;
        Obj *o;
        if (sema_qualified(s, se, &path, &other, &o)) {
            if (other)
                return o && o->kind == OBJ_FUNC ? results_of(s, sema_obj_type(s, o)) : NULL;
            Type *tup = stdlib_results(s, path, name);
            return tup ? (tup->nresults == 1 ? tup->results[0] : tup->nresults ? tup : NULL) : NULL;
        }
        Type *rt = sema_type_of(s, se->x);
        Type *r = method_results(s, rt, name);
        if (r)
            return r;
        /* a func-typed field */
        Type *ft = field_type(rt, name, 0);
        return results_of(s, type_underlying(ft) ? type_underlying(ft) : ft);
    }
    if (fun->kind == GO_FUNC_LIT)
        return results_of(s, sema_type_of(s, fun));
    return results_of(s, type_underlying(sema_type_of(s, fun)));
}

static Type *type_of(Sema *s, GoNode *e)
{
    switch (e->kind) {
    case GO_PAREN_EXPR:
        return sema_type_of(s, ((GoParenExpr *)e)->x);
    case GO_IDENT: {
        Obj *o = sema_obj(s, (GoIdent *)e);
        if (!o)
            return NULL;
        if (o->kind == OBJ_NIL)
            return type_new(s, TY_UNTYPED_NIL);
        if (o->kind == OBJ_CONST && !o->decl)
            return type_basic(strcmp(o->name, "iota") == 0 ? "untyped int" : "untyped bool");
        if (o->kind == OBJ_TYPE)
            return sema_type_expr(s, e, -1);
        return sema_obj_type(s, o);
    }
    case GO_BASIC_LIT: {
        GoBasicLit *bl = (GoBasicLit *)e;
        switch (bl->kind) {
        case GO_T_INT: return type_basic("untyped int");
        case GO_T_FLOAT: return type_basic("untyped float");
        case GO_T_CHAR: return type_basic("untyped rune");
        case GO_T_STRING: return type_basic("untyped string");
        default: return NULL;
        }
    }
    case GO_COMPOSITE_LIT: {
        GoCompositeLit *cl = (GoCompositeLit *)e;
        if (!cl->type)
            return NULL;
        GoArrayType *at = GO_AS(GoArrayType, cl->type);
        if (at && at->len && at->len->kind == GO_ELLIPSIS) {
            Type *t = type_new(s, TY_ARRAY);
            t->elem = sema_type_expr(s, at->elt, -1);
            t->len = cl->elts.len; /* [...]T{a, b}: without keyed indices */
            return t;
        }
        return sema_type_expr(s, cl->type, -1);
    }
    case GO_FUNC_LIT:
        return sema_func_type(s, s, ((GoFuncLit *)e)->type);
    case GO_SELECTOR_EXPR: {
        GoSelectorExpr *se = (GoSelectorExpr *)e;
        if (!se->sel)
            return NULL;
        char *name = go_ident_str(se->sel, &s->arena);
        const char *path;
        Sema *other;
        Obj *o;
        if (sema_qualified(s, se, &path, &other, &o)) {
            if (!other)
                return stdlib_value(s, path, name);
            if (o && o->kind == OBJ_TYPE)
                return sema_type_expr(s, e, -1);
            return o ? sema_obj_type(s, o) : NULL;
        }
        Type *xt = sema_type_of(s, se->x);
        if (deref(xt) && type_is_named(deref(xt), "time", "Ticker") && strcmp(name, "C") == 0) {
            Type *c = type_new(s, TY_CHAN);
            c->chan_dir = GO_CHAN_RECV;
            c->elem = type_named_ext(s, "time", "Time");
            return c;
        }
        return field_type(xt, name, 0);
    }
    case GO_INDEX_EXPR: {
        GoIndexExpr *ix = (GoIndexExpr *)e;
        Type *u = type_underlying(sema_type_of(s, ix->x));
        if (u && u->kind == TY_POINTER)
            u = type_underlying(u->elem);
        if (!u)
            return NULL;
        if (u->kind == TY_SLICE || u->kind == TY_ARRAY || u->kind == TY_MAP)
            return u->elem;
        if (u->kind == TY_BASIC && strcmp(u->name, "string") == 0)
            return type_basic("byte");
        return NULL;
    }
    case GO_SLICE_EXPR: {
        Type *t = sema_type_of(s, ((GoSliceExpr *)e)->x);
        Type *u = type_underlying(t);
        if (u && u->kind == TY_POINTER)
            u = type_underlying(u->elem);
        if (u && u->kind == TY_ARRAY) {
            Type *sl = type_new(s, TY_SLICE);
            sl->elem = u->elem;
            return sl;
        }
        return t;
    }
    case GO_TYPE_ASSERT_EXPR:
        return sema_type_expr(s, ((GoTypeAssertExpr *)e)->type, -1);
    case GO_CALL_EXPR:
        return call_type(s, (GoCallExpr *)e);
    case GO_STAR_EXPR: {
        Type *t = type_underlying(sema_type_of(s, ((GoStarExpr *)e)->x));
        return t && t->kind == TY_POINTER ? t->elem : NULL;
    }
    case GO_UNARY_EXPR: {
        GoUnaryExpr *u = (GoUnaryExpr *)e;
        if (u->op == GO_T_AND) {
            Type *inner = sema_type_of(s, u->x);
            if (!inner)
                return NULL;
            Type *t = type_new(s, TY_POINTER);
            t->elem = inner;
            return t;
        }
        if (u->op == GO_T_ARROW) {
            Type *t = type_underlying(sema_type_of(s, u->x));
            return t && t->kind == TY_CHAN ? t->elem : NULL;
        }
        if (u->op == GO_T_NOT)
            return type_basic("bool");
        return sema_type_of(s, u->x);
    }
    case GO_BINARY_EXPR: {
        GoBinaryExpr *b = (GoBinaryExpr *)e;
        switch (b->op) {
        case GO_T_EQL: case GO_T_NEQ: case GO_T_LSS: case GO_T_LEQ: case GO_T_GTR:
        case GO_T_GEQ: case GO_T_LAND: case GO_T_LOR:
            return type_basic("bool");
        case GO_T_SHL: case GO_T_SHR:
            return sema_type_of(s, b->x);
        default: {
            Type *x = sema_type_of(s, b->x);
            if (x && x->kind == TY_BASIC && strncmp(x->name, "untyped", 7) == 0) {
                Type *y = sema_type_of(s, b->y);
                if (y)
                    return y;
            }
            return x;
        }
        }
    }
    default:
        return NULL;
    }
}

Type *sema_type_of(Sema *s, GoNode *e)
{
    if (!e)
        return NULL;
    Type *t = ptrmap_get(&s->types, e);
    if (t)
        return t;
    t = type_of(s, e);
    if (t)
        ptrmap_set(&s->types, e, t);
    return t;
}

bool sema_callee(Sema *s, GoCallExpr *call, const char **pkg, const char **name)
{
    GoNode *fun = call_fun(s, call);
    if (!fun)
        return false;
    if (fun->kind == GO_IDENT) {
        Obj *o = sema_obj(s, (GoIdent *)fun);
        if (!o || (o->kind != OBJ_FUNC && o->kind != OBJ_BUILTIN))
            return false;
        *pkg = o->kind == OBJ_BUILTIN ? "" : (s->pkg ? s->pkg->import_path : "");
        *name = o->name;
        return true;
    }
    if (fun->kind != GO_SELECTOR_EXPR)
        return false;
    GoSelectorExpr *se = (GoSelectorExpr *)fun;
    if (!se->sel)
        return false;
    Obj *p = sema_expr_obj(s, se->x);
    if (p && p->kind == OBJ_PKGNAME) {
        *pkg = p->import_path;
        *name = go_ident_str(se->sel, &s->arena);
        return true;
    }
    Type *t = deref(sema_type_of(s, se->x));
    if (!t || t->kind != TY_NAMED || !t->pkg)
        return false;
    *pkg = t->pkg;
    size_t tl = strlen(t->name);
    char *n = arena_alloc(&s->arena, tl + se->sel->len + 2);
    memcpy(n, t->name, tl);
    n[tl] = '.';
    memcpy(n + tl + 1, se->sel->name, se->sel->len);
    n[tl + 1 + se->sel->len] = 0;
    *name = n;
    return true;
}

bool sema_is_call_to(Sema *s, GoNode *n, const char *pkg, const char *name)
{
    while (n && n->kind == GO_PAREN_EXPR)
        n = ((GoParenExpr *)n)->x;
    GoCallExpr *c = GO_AS(GoCallExpr, n);
    if (!c)
        return false;
    /* fast path: the selector's name must match before any lookup */
    GoNode *fun = c->fun;
    const char *dot = strrchr(name, '.');
    const char *last = dot ? dot + 1 : name;
    if (fun && fun->kind == GO_SELECTOR_EXPR) {
        GoSelectorExpr *se = (GoSelectorExpr *)fun;
        if (!se->sel || !go_ident_eq(se->sel, last))
            return false;
    } else if (fun && fun->kind == GO_IDENT) {
        if (!go_ident_eq((GoIdent *)fun, last))
            return false;
    }
    const char *p, *nm;
    return sema_callee(s, c, &p, &nm) && strcmp(p, pkg) == 0 && strcmp(nm, name) == 0;
}

GoNode *sema_go_func(Sema *s, GoNode *stmt)
{
    if (!stmt)
        return NULL;
    if (stmt->kind == GO_GO_STMT) {
        GoCallExpr *c = GO_AS(GoCallExpr, ((GoGoStmt *)stmt)->call);
        return c ? unparen(c->fun) : NULL;
    }
    if (stmt->kind != GO_EXPR_STMT)
        return NULL;
    GoCallExpr *c = GO_AS(GoCallExpr, unparen(((GoExprStmt *)stmt)->x));
    const char *pkg, *name;
    if (!c || c->args.len != 1 || !sema_callee(s, c, &pkg, &name) || strcmp(pkg, "sync") != 0 ||
        strcmp(name, "WaitGroup.Go") != 0)
        return NULL;
    return unparen(c->args.items[0]);
}

GoFuncDecl *sema_call_decl(Sema *s, GoCallExpr *call, Sema **owner)
{
    GoNode *fun = call_fun(s, call);
    if (!fun)
        return NULL;
    if (fun->kind == GO_IDENT) {
        Obj *o = sema_obj(s, (GoIdent *)fun);
        if (o && o->kind == OBJ_FUNC && o->decl && o->decl->kind == GO_FUNC_DECL) {
            *owner = o->owner;
            return (GoFuncDecl *)o->decl;
        }
        return NULL;
    }
    if (fun->kind != GO_SELECTOR_EXPR)
        return NULL;
    GoSelectorExpr *se = (GoSelectorExpr *)fun;
    if (!se->sel)
        return NULL;
    const char *path;
    Sema *other;
    Obj *o;
    if (sema_qualified(s, se, &path, &other, &o)) {
        if (!other)
            return NULL;
        if (o && o->kind == OBJ_FUNC && o->decl && o->decl->kind == GO_FUNC_DECL) {
            *owner = other;
            return (GoFuncDecl *)o->decl;
        }
        return NULL;
    }
    char *name = go_ident_str(se->sel, &s->arena);
    return method_decl(s, deref(sema_type_of(s, se->x)), name, owner);
}
