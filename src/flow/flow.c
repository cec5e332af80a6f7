/* flow.c - the package's abstract objects, its functions with their
 * operations in CFG order, and call resolution. Summaries and lock state
 * are flow_sum.c's. */
#include "flow_int.h"
#include "flow_explain.h"

/* ---- objects --------------------------------------------------------- */

static GoNode *unparen(GoNode *n)
{
    while (n && n->kind == GO_PAREN_EXPR)
        n = ((GoParenExpr *)n)->x;
    return n;
}

static Type *deref(Type *t)
{
    return t && t->kind == TY_POINTER ? t->elem : t;
}

static FlowObjKind kind_of_type(Type *t)
{
    t = deref(t);
    if (!t)
        return FO_OTHER;
    if (t->kind == TY_NAMED && t->pkg && strcmp(t->pkg, "sync") == 0) {
        if (strcmp(t->name, "Mutex") == 0)
            return FO_MUTEX;
        if (strcmp(t->name, "RWMutex") == 0)
            return FO_RWMUTEX;
        if (strcmp(t->name, "WaitGroup") == 0)
            return FO_WAITGROUP;
        if (strcmp(t->name, "Cond") == 0)
            return FO_COND;
        if (strcmp(t->name, "Once") == 0)
            return FO_ONCE;
    }
    Type *u = type_underlying(t);
    return u && u->kind == TY_CHAN ? FO_CHAN : FO_OTHER;
}

static bool field_named(TypeField *f, const char *name)
{
    if (f->name)
        return strcmp(f->name, name) == 0;
    Type *t = deref(f->type);
    return f->embedded && t && t->kind == TY_NAMED && t->name && strcmp(t->name, name) == 0;
}

/* The named struct type declaring field name, searching t and the types
 * it embeds (a few levels). */
static Type *field_owner(Type *t, const char *name, int depth, TypeField **out)
{
    t = deref(t);
    if (!t || t->kind != TY_NAMED || depth > 3)
        return NULL;
    Type *u = type_underlying(t);
    if (!u || u->kind != TY_STRUCT)
        return NULL;
    for (int i = 0; i < u->nfields; i++)
        if (field_named(&u->fields[i], name)) {
            if (out)
                *out = &u->fields[i];
            return t;
        }
    for (int i = 0; i < u->nfields; i++)
        if (u->fields[i].embedded) {
            Type *r = field_owner(u->fields[i].type, name, depth + 1, out);
            if (r)
                return r;
        }
    return NULL;
}

static FlowObj *new_obj(FlowPkg *fp, FlowObjKind kind, const char *key)
{
    FlowObj *o = ARENA_NEW(&fp->s->arena, FlowObj);
    o->id = fp->nobjs++;
    o->kind = kind;
    o->key = key;
    o->cap = -1;
    return o;
}

static FlowObj *field_obj(FlowPkg *fp, Type *owner, const char *field, FlowObjKind kind)
{
    char key[300];
    int n = owner->spec ? snprintf(key, sizeof key, "%p.%s", (void *)owner->spec, field)
                        : snprintf(key, sizeof key, "%s.%s.%s", owner->pkg ? owner->pkg : "", owner->name, field);
    if (n < 0 || (size_t)n >= sizeof key)
        return NULL;
    int ins = 0;
    void **slot = hashmap_put(&fp->field_objs, arena_strndup(&fp->s->arena, key, (size_t)n), (size_t)n, &ins);
    if (ins) {
        char *k = arena_alloc(&fp->s->arena, strlen(owner->name) + strlen(field) + 2);
        sprintf(k, "%s.%s", owner->name, field);
        FlowObj *o = new_obj(fp, kind, k);
        o->owner = owner;
        o->field = arena_strdup(&fp->s->arena, field);
        *slot = o;
    }
    FlowObj *o = *slot;
    if (o->kind == FO_OTHER || (o->kind == FO_MUTEX && kind == FO_RWMUTEX))
        o->kind = kind;
    return o;
}

static FlowObj *var_obj(FlowPkg *fp, Obj *v, FlowObjKind kind)
{
    FlowObj *o = ptrmap_get(&fp->var_objs, v);
    if (!o) {
        o = new_obj(fp, kind, v->name);
        o->var = v;
        ptrmap_set(&fp->var_objs, v, o);
    }
    if (o->kind == FO_OTHER || (o->kind == FO_MUTEX && kind == FO_RWMUTEX))
        o->kind = kind;
    return o;
}

static bool is_chan(FlowPkg *fp, GoNode *x);
static FlowObj flow_no_getter;

static bool returns_nil(GoNode *s)
{
    GoReturnStmt *r = GO_AS(GoReturnStmt, s);
    GoIdent *id = r && r->results.len == 1 ? GO_AS(GoIdent, r->results.items[0]) : NULL;
    return id && go_ident_eq(id, "nil");
}

/* The channel a function returns when it is a getter: one channel
 * result, and a body that is `return x.f` (or a package variable),
 * optionally after `if cond { return nil }` guards. */
static FlowObj *getter_obj(FlowPkg *fp, FlowFunc *f)
{
    FlowObj *memo = ptrmap_get(&fp->getters, f);
    if (memo)
        return memo == &flow_no_getter ? NULL : memo;
    ptrmap_set(&fp->getters, f, &flow_no_getter); /* also stops recursion */
    GoFuncDecl *fd = GO_AS(GoFuncDecl, f->node);
    GoFieldList *res = fd && fd->type ? fd->type->results : NULL;
    if (!fd || !fd->body || !fd->body->list.len || !res || res->fields.len != 1)
        return NULL;
    GoField *rf = GO_AS(GoField, res->fields.items[0]);
    if (!rf || rf->names.len > 1)
        return NULL;
    for (uint32_t i = 0; i + 1 < fd->body->list.len; i++) {
        GoIfStmt *is = GO_AS(GoIfStmt, fd->body->list.items[i]);
        if (!is || is->init || is->else_ || !is->body || is->body->list.len != 1 ||
            !returns_nil(is->body->list.items[0]))
            return NULL;
    }
    GoReturnStmt *r = GO_AS(GoReturnStmt, fd->body->list.items[fd->body->list.len - 1]);
    if (!r || r->results.len != 1 || !is_chan(fp, r->results.items[0]))
        return NULL;
    FlowObj *o = flow_obj_of(fp, r->results.items[0]);
    if (!o || o->kind != FO_CHAN || (o->var && !(o->var->flags & OBJF_GLOBAL)))
        return NULL;
    ptrmap_set(&fp->getters, f, o);
    return o;
}

FlowObj *flow_getter_chan(FlowPkg *fp, FlowFunc *f)
{
    return f ? getter_obj(fp, f) : NULL;
}

FlowObj *flow_obj_of(FlowPkg *fp, GoNode *e)
{
    e = unparen(e);
    if (!e)
        return NULL;
    if (e->kind == GO_CALL_EXPR) {
        /* s.done() of a getter returning s.donec denotes s.donec */
        FlowFunc *cal[2];
        if (!is_chan(fp, e) || flow_callees(fp, (GoCallExpr *)e, cal, 2) != 1)
            return NULL;
        return getter_obj(fp, cal[0]);
    }
    if (e->kind == GO_UNARY_EXPR && ((GoUnaryExpr *)e)->op == GO_T_AND)
        return flow_obj_of(fp, ((GoUnaryExpr *)e)->x);
    if (e->kind == GO_STAR_EXPR)
        return flow_obj_of(fp, ((GoStarExpr *)e)->x);
    if (e->kind == GO_IDENT) {
        Obj *o = sema_obj(fp->s, (GoIdent *)e);
        if (!o || o->kind != OBJ_VAR)
            return NULL;
        return var_obj(fp, o, kind_of_type(sema_obj_type(fp->s, o)));
    }
    GoSelectorExpr *se = GO_AS(GoSelectorExpr, e);
    if (!se || !se->sel || !se->x)
        return NULL;
    const char *path;
    Sema *other;
    Obj *po;
    if (sema_qualified(fp->s, se, &path, &other, &po)) {
        if (!po || po->kind != OBJ_VAR)
            return NULL;
        /* another package's variable: its type as sema_prepare left it
         * (asking its Sema would memoize there, on this thread, while
         * that package's rules may be running on another) */
        Type *t = other == fp->s ? sema_obj_type(fp->s, po) : sema_global_type(po);
        return var_obj(fp, po, kind_of_type(t));
    }
    char *name = go_ident_str(se->sel, &fp->s->arena);
    TypeField *tf = NULL;
    Type *owner = field_owner(sema_type_of(fp->s, se->x), name, 0, &tf);
    if (!owner)
        return NULL;
    return field_obj(fp, owner, name, kind_of_type(tf ? tf->type : NULL));
}

/* The mutex object of x in x.Lock(): x itself when it is a mutex, the
 * embedded mutex when x's struct embeds one; names decide when the type
 * is unknown (mu, mtx, ...Mu, ...Lock). */
static FlowObj *lock_obj(FlowPkg *fp, GoNode *x, GoNode **owner)
{
    Type *t = sema_type_of(fp->s, x);
    FlowObjKind k = kind_of_type(t);
    GoSelectorExpr *xs = GO_AS(GoSelectorExpr, unparen(x));
    *owner = xs ? xs->x : NULL;
    if (k == FO_MUTEX || k == FO_RWMUTEX) {
        FlowObj *o = flow_obj_of(fp, x);
        if (o && o->kind != FO_RWMUTEX)
            o->kind = k;
        return o;
    }
    Type *d = deref(t);
    if (d) {
        Type *u = type_underlying(d);
        if (!u || u->kind != TY_STRUCT)
            return NULL;
        for (int i = 0; i < u->nfields; i++) {
            FlowObjKind fk = kind_of_type(u->fields[i].type);
            if (!u->fields[i].embedded || (fk != FO_MUTEX && fk != FO_RWMUTEX))
                continue;
            /* c.in.Lock() and c.out.Lock() on two fields of one struct
             * type (in, out halfConn) are two locks: a field holding the
             * struct by value is its own lock, as a mutex field is */
            if (d->kind == TY_NAMED && t->kind == TY_NAMED && xs) {
                FlowObj *o = flow_obj_of(fp, x);
                if (o && o->field) {
                    if (o->kind == FO_OTHER || o->kind == FO_MUTEX)
                        o->kind = fk;
                    return o;
                }
            }
            if (d->kind == TY_NAMED) {
                *owner = x;
                return field_obj(fp, d, fk == FO_MUTEX ? "Mutex" : "RWMutex", fk);
            }
            /* s.mu.Lock() where mu is struct{ sync.Mutex; ... }: the
             * field itself is the lock */
            FlowObj *o = flow_obj_of(fp, x);
            if (o && (o->kind == FO_OTHER || o->kind == FO_MUTEX))
                o->kind = fk;
            return o;
        }
        return NULL;
    }
    x = unparen(x);
    GoIdent *id = x && x->kind == GO_IDENT ? (GoIdent *)x
                : x && x->kind == GO_SELECTOR_EXPR ? ((GoSelectorExpr *)x)->sel : NULL;
    if (!id)
        return NULL;
    char *n = go_ident_str(id, &fp->s->arena);
    size_t l = strlen(n);
    bool named = strcmp(n, "mu") == 0 || strcmp(n, "mtx") == 0 || strcmp(n, "mutex") == 0 ||
                 (x->kind == GO_SELECTOR_EXPR && (strcmp(n, "lock") == 0 || (l > 2 && strcmp(n + l - 2, "Mu") == 0) ||
                                                  (l > 5 && strcmp(n + l - 5, "Mutex") == 0)));
    if (!named)
        return NULL;
    FlowObj *o = flow_obj_of(fp, x);
    if (o && o->kind == FO_OTHER)
        o->kind = FO_MUTEX;
    return o;
}

/* x of type sync.T or a struct embedding it: the object, else NULL. */
static FlowObj *sync_obj(FlowPkg *fp, GoNode *x, FlowObjKind want)
{
    Type *t = sema_type_of(fp->s, x);
    if (kind_of_type(t) == want)
        return flow_obj_of(fp, x);
    Type *d = deref(t);
    Type *u = d && d->kind == TY_NAMED ? type_underlying(d) : NULL;
    if (!u || u->kind != TY_STRUCT)
        return NULL;
    for (int i = 0; i < u->nfields; i++)
        if (u->fields[i].embedded && kind_of_type(u->fields[i].type) == want) {
            Type *ft = deref(u->fields[i].type);
            return field_obj(fp, d, ft->name, want);
        }
    return NULL;
}

/* ---- functions and calls --------------------------------------------- */

FlowFunc *flow_func(FlowPkg *fp, GoNode *func)
{
    return func ? ptrmap_get(&fp->by_node, func) : NULL;
}

FlowFunc **flow_funcs(FlowPkg *fp, size_t *n)
{
    *n = fp->funcs.len;
    return fp->funcs.items;
}

typedef Array(Obj *) ObjList;

static void add_params(FlowPkg *fp, ObjList *out, GoFieldList *fl)
{
    for (uint32_t i = 0; fl && i < fl->fields.len; i++) {
        GoField *f = (GoField *)fl->fields.items[i];
        if (!f->names.len) {
            Obj *none = NULL;
            array_push(out, none);
        }
        for (uint32_t k = 0; k < f->names.len; k++) {
            Obj *o = sema_obj(fp->s, (GoIdent *)f->names.items[k]);
            array_push(out, o);
        }
    }
}

static const char *recv_type_name(FlowPkg *fp, GoFieldList *recv)
{
    if (!recv || !recv->fields.len)
        return NULL;
    GoNode *t = ((GoField *)recv->fields.items[0])->type;
    if (t && t->kind == GO_STAR_EXPR)
        t = ((GoStarExpr *)t)->x;
    if (t && t->kind == GO_INDEX_EXPR)
        t = ((GoIndexExpr *)t)->x;
    return t && t->kind == GO_IDENT ? go_ident_str((GoIdent *)t, &fp->s->arena) : NULL;
}

/* The package variable a started flag tests: `if G != nil { return }`
 * or `if G { return }`, or NULL. */
static Obj *flag_tested(FlowPkg *fp, GoNode *st, bool *is_nil)
{
    GoIfStmt *is = GO_AS(GoIfStmt, st);
    if (!is || is->init || is->else_ || !is->body || is->body->list.len != 1 ||
        !GO_AS(GoReturnStmt, is->body->list.items[0]))
        return NULL;
    GoNode *c = unparen(is->cond);
    GoBinaryExpr *be = GO_AS(GoBinaryExpr, c);
    GoIdent *y = be ? GO_AS(GoIdent, unparen(be->y)) : NULL;
    *is_nil = be != NULL;
    if (be)
        c = be->op == GO_T_NEQ && y && go_ident_eq(y, "nil") ? unparen(be->x) : NULL;
    GoIdent *id = GO_AS(GoIdent, c);
    Obj *o = id ? sema_obj(fp->s, id) : NULL;
    return o && o->kind == OBJ_VAR && (o->flags & OBJF_GLOBAL) ? o : NULL;
}

/* Whether the statement sets the flag: `G = ...` (G tested against nil)
 * or `G = true`. */
static bool flag_set(FlowPkg *fp, GoNode *st, Obj *flag, bool is_nil)
{
    GoAssignStmt *as = GO_AS(GoAssignStmt, st);
    if (!as || as->tok != GO_T_ASSIGN || as->lhs.len != as->rhs.len)
        return false;
    for (uint32_t i = 0; i < as->lhs.len; i++) {
        GoIdent *id = GO_AS(GoIdent, unparen(as->lhs.items[i]));
        if (!id || sema_obj(fp->s, id) != flag)
            continue;
        GoIdent *v = GO_AS(GoIdent, unparen(as->rhs.items[i]));
        return is_nil ? !(v && go_ident_eq(v, "nil")) : v && go_ident_eq(v, "true");
    }
    return false;
}

/* A body behind a started flag runs once per process: after calls and
 * defers only (a Lock and its deferred Unlock), `if G != nil { return }`
 * (or `if G { return }`) on a package variable G, then `G = ...` among
 * the top-level statements that follow. */
static bool behind_started_flag(FlowPkg *fp, GoBlockStmt *body)
{
    for (uint32_t i = 0; body && i < body->list.len; i++) {
        GoNode *st = body->list.items[i];
        bool is_nil = false;
        Obj *flag = flag_tested(fp, st, &is_nil);
        if (flag) {
            for (uint32_t k = i + 1; k < body->list.len; k++)
                if (flag_set(fp, body->list.items[k], flag, is_nil))
                    return true;
            return false;
        }
        if (st->kind != GO_EXPR_STMT && st->kind != GO_DEFER_STMT)
            return false;
    }
    return false;
}

static FlowFunc *new_func(FlowPkg *fp, GoNode *node)
{
    FlowFunc *f = xcalloc(1, sizeof *f);
    f->node = node;
    f->index = -1;
    ObjList params = {0};
    GoFuncDecl *fd = GO_AS(GoFuncDecl, node);
    if (fd) {
        const char *name = fd->name ? go_ident_str(fd->name, &fp->s->arena) : "?";
        const char *rt = recv_type_name(fp, fd->recv);
        if (rt) {
            char *n = arena_alloc(&fp->s->arena, strlen(rt) + strlen(name) + 2);
            sprintf(n, "%s.%s", rt, name);
            f->name = n;
        } else {
            f->name = name;
        }
        add_params(fp, &params, fd->recv);
        if (fd->type)
            add_params(fp, &params, fd->type->params);
        f->once = !fd->recv && (strcmp(name, "init") == 0 ||
                                (strcmp(name, "main") == 0 && fp->s->files[0] && fp->s->files[0]->name &&
                                 go_ident_eq(fp->s->files[0]->name, "main")) ||
                                behind_started_flag(fp, fd->body));
    } else {
        GoFuncLit *fl = (GoFuncLit *)node;
        if (fl->type)
            add_params(fp, &params, fl->type->params);
    }
    f->params = params.items;
    f->nparams = (int)params.len;
    return f;
}

static FlowFunc *promoted_method(FlowPkg *fp, Type *t, const char *m, int depth)
{
    t = deref(t);
    if (!t || t->kind != TY_NAMED || depth > 3)
        return NULL;
    if (t->spec_owner == fp->s || (!t->spec_owner && t->spec)) {
        char key[256];
        int n = snprintf(key, sizeof key, "%s.%s", t->name, m);
        GoFuncDecl *fd = n > 0 && (size_t)n < sizeof key ? hashmap_get(&fp->s->methods, key, (size_t)n) : NULL;
        if (fd)
            return flow_func(fp, (GoNode *)fd);
    }
    Type *u = type_underlying(t);
    if (!u || u->kind != TY_STRUCT)
        return NULL;
    for (int i = 0; i < u->nfields; i++)
        if (u->fields[i].embedded) {
            FlowFunc *r = promoted_method(fp, u->fields[i].type, m, depth + 1);
            if (r)
                return r;
        }
    return NULL;
}

/* The function a value denotes: a function literal, a function of the
 * package, or a local variable bound once to one of those. */
static FlowFunc *func_value(FlowPkg *fp, GoNode *e, int depth)
{
    e = unparen(e);
    if (!e || depth > 3)
        return NULL;
    if (e->kind == GO_FUNC_LIT)
        return flow_func(fp, e);
    if (e->kind != GO_IDENT)
        return NULL;
    Obj *o = sema_obj(fp->s, (GoIdent *)e);
    if (!o)
        return NULL;
    if (o->kind == OBJ_FUNC && o->owner == fp->s)
        return flow_func(fp, o->decl);
    if (o->kind == OBJ_VAR && !(o->flags & (OBJF_PARAM | OBJF_GLOBAL)) && o->nassign == 0 && o->init &&
        o->init_index < 0)
        return func_value(fp, o->init, depth + 1);
    return NULL;
}

static void list_add(FuncList *l, FlowFunc *f)
{
    for (size_t i = 0; i < l->fns.len; i++)
        if (l->fns.items[i] == f)
            return;
    if (l->fns.len < FLOW_MAX_CALLEES)
        array_push(&l->fns, f);
}

static void store_func(FlowPkg *fp, FlowObj *slot, FlowFunc *f)
{
    if (!slot || !f)
        return;
    if (slot->field) {
        int ins = 0;
        void **v = hashmap_put(&fp->callable, slot->field, strlen(slot->field), &ins);
        *v = slot;
    }
    FuncList *l = ptrmap_get(&fp->field_funcs, slot);
    if (!l) {
        l = xcalloc(1, sizeof *l);
        ptrmap_set(&fp->field_funcs, slot, l);
        array_push(&fp->lists, l);
    }
    list_add(l, f);
}

#define MAX_IFACE_METHODS 32

typedef struct {
    const char *name;
    GoFuncType *type;
} IfaceMethod;

/* Adds the methods of interface type t (and of the interfaces it embeds)
 * to ms; false when one is not known (an embedded type that is not a
 * named interface with its declaration, a union, too many). */
static bool iface_methods(FlowPkg *fp, Type *t, IfaceMethod *ms, int *n, int depth)
{
    if (!t || t->kind != TY_NAMED || !t->spec || depth > 3)
        return false;
    GoInterfaceType *it = GO_AS(GoInterfaceType, unparen(t->spec->type));
    if (!it || it->incomplete || t->spec->type_params)
        return false;
    Sema *src = t->spec_owner ? t->spec_owner : fp->s;
    for (size_t i = 0; it->methods && i < it->methods->fields.len; i++) {
        GoField *f = (GoField *)it->methods->fields.items[i];
        if (!f->names.len) {
            Type *e = sema_type_expr_in(fp->s, src, f->type);
            Type *u = e ? type_underlying(e) : NULL;
            if (!u || u->kind != TY_INTERFACE || !iface_methods(fp, e, ms, n, depth + 1))
                return false;
            continue;
        }
        if (*n >= MAX_IFACE_METHODS)
            return false;
        ms[*n].name = go_ident_str((GoIdent *)f->names.items[0], &fp->s->arena);
        ms[(*n)++].type = GO_AS(GoFuncType, f->type);
    }
    return true;
}

/* Parameters or results a field list declares (a, b int counts two). */
static int field_count(GoFieldList *fl)
{
    int n = 0;
    for (size_t i = 0; fl && i < fl->fields.len; i++) {
        GoField *f = (GoField *)fl->fields.items[i];
        n += f->names.len ? (int)f->names.len : 1;
    }
    return n;
}

/* Whether type's method m (a key of Sema.methods) exists and takes and
 * returns as many values as the interface's method: a method of the same
 * name with another shape (Rows.Next() bool beside driver.Rows'
 * Next(dest []Value) error) does not implement it. */
static GoFuncDecl *impl_method(FlowPkg *fp, const char *type, size_t tlen, const IfaceMethod *m)
{
    char key[256];
    int k = snprintf(key, sizeof key, "%.*s.%s", (int)tlen, type, m->name);
    GoFuncDecl *fd = k > 0 && (size_t)k < sizeof key ? hashmap_get(&fp->s->methods, key, (size_t)k) : NULL;
    if (!fd || !fd->type || !m->type)
        return NULL;
    if (field_count(fd->type->params) != field_count(m->type->params) ||
        field_count(fd->type->results) != field_count(m->type->results))
        return NULL;
    return fd;
}

/* The package's types that declare every method of interface t
 * themselves (promoted methods are not counted), memoized per type. */
static IfaceImpls *iface_impls(FlowPkg *fp, Type *t)
{
    IfaceImpls *im = ptrmap_get(&fp->impls, t);
    if (im)
        return im;
    im = arena_alloc(&fp->s->arena, sizeof *im);
    memset(im, 0, sizeof *im);
    ptrmap_set(&fp->impls, t, im);
    IfaceMethod ms[MAX_IFACE_METHODS];
    int nm = 0;
    if (!iface_methods(fp, t, ms, &nm, 0) || nm == 0) {
        im->n = -1;
        return im;
    }
    /* every receiver type declaring the first method, then the rest */
    size_t m0 = strlen(ms[0].name);
    for (size_t i = 0; i < fp->s->methods.cap && im->n >= 0; i++) {
        HashEntry *e = &fp->s->methods.slots[i];
        const char *dot = e->key ? memrchr(e->key, '.', e->keylen) : NULL;
        if (!dot || e->keylen - (size_t)(dot + 1 - e->key) != m0 || memcmp(dot + 1, ms[0].name, m0) != 0)
            continue;
        size_t tlen = (size_t)(dot - e->key);
        bool all = true;
        for (int j = 0; j < nm && all; j++)
            all = impl_method(fp, e->key, tlen, &ms[j]) != NULL;
        if (!all)
            continue;
        if (im->n == FLOW_MAX_IMPLS) {
            im->n = -1;
            break;
        }
        im->types[im->n++] = arena_strndup(&fp->s->arena, e->key, tlen);
    }
    return im;
}

/* x.M() on a value of named interface type: M of each of the package's
 * types with all the interface's methods, when there are few. */
static int iface_callees(FlowPkg *fp, GoSelectorExpr *se, FlowFunc **out, int max)
{
    Type *t = sema_type_of(fp->s, se->x);
    /* only the package's own interfaces: one declared elsewhere (grpc's
     * balancer.Balancer) has implementations there too, which per-package
     * summaries cannot see, and the package's few would stand for all */
    Type *u = t && t->kind == TY_NAMED && t->spec && (!t->spec_owner || t->spec_owner == fp->s) ? type_underlying(t)
                                                                                             : NULL;
    if (!u || u->kind != TY_INTERFACE)
        return 0;
    IfaceImpls *im = iface_impls(fp, t);
    const char *m = go_ident_str(se->sel, &fp->s->arena);
    int n = 0;
    for (int i = 0; i < im->n && n < max; i++) {
        char key[256];
        int k = snprintf(key, sizeof key, "%s.%s", im->types[i], m);
        GoFuncDecl *fd = k > 0 && (size_t)k < sizeof key ? hashmap_get(&fp->s->methods, key, (size_t)k) : NULL;
        FlowFunc *f = fd ? flow_func(fp, (GoNode *)fd) : NULL;
        if (f)
            out[n++] = f;
    }
    return n;
}

static bool callable_name(FlowPkg *fp, GoIdent *id)
{
    return hashmap_get(&fp->callable, id->name, id->len) != NULL;
}

int flow_callees(FlowPkg *fp, GoCallExpr *call, FlowFunc **out, int max)
{
    GoNode *fun = unparen(call->fun);
    if (!fun || max <= 0)
        return 0;
    if (fun->kind == GO_FUNC_LIT) {
        out[0] = flow_func(fp, fun);
        return out[0] != NULL;
    }
    GoSelectorExpr *se = GO_AS(GoSelectorExpr, fun);
    if (se) {
        /* x.M(): only names the package declares as methods or stores
         * functions under can resolve here; the rest are not looked at
         * (no type inference of the receiver) */
        if (!se->sel || !se->x || !callable_name(fp, se->sel))
            return 0;
        Obj *o = sema_expr_obj(fp->s, se->x);
        if (o && o->kind == OBJ_PKGNAME)
            return 0;
    } else if (fun->kind != GO_IDENT) {
        return 0;
    }
    Sema *owner = NULL;
    GoFuncDecl *fd = sema_call_decl(fp->s, call, &owner);
    if (fd) {
        out[0] = owner == fp->s ? flow_func(fp, (GoNode *)fd) : NULL;
        return out[0] != NULL;
    }
    FlowFunc *v = se ? NULL : func_value(fp, fun, 0);
    if (v) {
        out[0] = v;
        return 1;
    }
    if (se) {
        FlowFunc *m = promoted_method(fp, sema_type_of(fp->s, se->x), go_ident_str(se->sel, &fp->s->arena), 0);
        if (m) {
            out[0] = m;
            return 1;
        }
        int k = iface_callees(fp, se, out, max);
        if (k)
            return k;
    }
    FlowObj *slot = flow_obj_of(fp, fun);
    FuncList *l = slot ? ptrmap_get(&fp->field_funcs, slot) : NULL;
    int n = 0;
    for (size_t i = 0; l && i < l->fns.len && n < max; i++)
        out[n++] = l->fns.items[i];
    return n;
}

static bool is_method_call(FlowFunc *callee, GoCallExpr *call)
{
    GoFuncDecl *fd = GO_AS(GoFuncDecl, callee->node);
    return fd && fd->recv && unparen(call->fun) && unparen(call->fun)->kind == GO_SELECTOR_EXPR;
}

static GoNode *arg_for_param(FlowFunc *callee, GoCallExpr *call, int i)
{
    GoFuncDecl *fd = GO_AS(GoFuncDecl, callee->node);
    if (fd && fd->recv) {
        if (!is_method_call(callee, call))
            return NULL;
        if (i == 0)
            return ((GoSelectorExpr *)unparen(call->fun))->x;
        i--;
    }
    return i >= 0 && (uint32_t)i < call->args.len ? call->args.items[i] : NULL;
}

FlowObj *flow_map_obj(FlowPkg *fp, FlowFunc *callee, GoCallExpr *call, FlowObj *o)
{
    if (!o || !o->var || (o->var->flags & OBJF_GLOBAL) || o->var->func != callee->node)
        return o;
    if (!(o->var->flags & OBJF_PARAM))
        return NULL;
    for (int i = 0; i < callee->nparams; i++)
        if (callee->params[i] == o->var) {
            GoNode *a = call ? arg_for_param(callee, call, i) : NULL;
            return a ? flow_obj_of(fp, a) : NULL;
        }
    return NULL;
}

Obj flow_distinct_obj;

/* The instance a field lock is reached from: v in v.mu (or v of an
 * embedded mutex) when v is a variable never reassigned; otherwise an
 * instance that matches no other (a longer path, a reassigned variable
 * walking a list, a call result). */
static Obj *instance_of(FlowPkg *fp, GoNode *e)
{
    e = unparen(e);
    while (e && (e->kind == GO_STAR_EXPR || (e->kind == GO_UNARY_EXPR && ((GoUnaryExpr *)e)->op == GO_T_AND)))
        e = unparen(e->kind == GO_STAR_EXPR ? ((GoStarExpr *)e)->x : ((GoUnaryExpr *)e)->x);
    if (!e || e->kind != GO_IDENT)
        return FLOW_DISTINCT;
    Obj *o = sema_obj(fp->s, (GoIdent *)e);
    if (!o || o->kind != OBJ_VAR || o->nassign || ptrmap_get(&fp->loop_vars, o))
        return FLOW_DISTINCT;
    return o;
}

/* A local made by a composite literal or new, assigned once. */
static bool is_fresh(Obj *o)
{
    if (!o || o == FLOW_DISTINCT || (o->flags & (OBJF_PARAM | OBJF_GLOBAL)) || o->nassign || !o->init ||
        o->init_index >= 0)
        return false;
    GoNode *e = unparen(o->init);
    if (e && e->kind == GO_UNARY_EXPR && ((GoUnaryExpr *)e)->op == GO_T_AND)
        e = unparen(((GoUnaryExpr *)e)->x);
    if (e && e->kind == GO_COMPOSITE_LIT)
        return true;
    GoCallExpr *c = GO_AS(GoCallExpr, e);
    GoIdent *id = c ? GO_AS(GoIdent, unparen(c->fun)) : NULL;
    return id && go_ident_eq(id, "new");
}

Obj *flow_map_base(FlowPkg *fp, FlowFunc *callee, GoCallExpr *call, Obj *base)
{
    if (!base || base == FLOW_DISTINCT || (base->flags & OBJF_GLOBAL))
        return base;
    if (base->func != callee->node)
        /* captured by a literal: which instance the caller holds is not
         * known (the literal's variable and the caller's receiver may be
         * one value) */
        return callee->node->kind == GO_FUNC_LIT ? NULL : base;
    for (int i = 0; i < callee->nparams; i++)
        if (callee->params[i] == base) {
            GoNode *a = call ? arg_for_param(callee, call, i) : NULL;
            return a ? instance_of(fp, a) : FLOW_DISTINCT;
        }
    return FLOW_DISTINCT; /* the callee's own local: another instance */
}

/* ---- stores of function values and channel capacities ---------------- */

typedef struct {
    FlowFunc *f;
    GoCallExpr *call;
} Pending;

typedef struct {
    FlowPkg *fp;
    FlowFunc *f;
    Array(GoCallExpr *) calls; /* calls passing a function value */
    Array(Pending) pending;    /* calls not resolved while walking */
} StoreWalk;

static int param_of(FlowPkg *fp, FlowFunc *f, GoNode *e)
{
    e = unparen(e);
    if (!f || !e || e->kind != GO_IDENT)
        return -1;
    Obj *o = sema_obj(fp->s, (GoIdent *)e);
    for (int i = 0; o && i < f->nparams; i++)
        if (f->params[i] == o)
            return i;
    return -1;
}

static void note_param_store(FlowPkg *fp, FlowFunc *f, int i, FlowObj *slot)
{
    ParamStores *ps = ptrmap_get(&fp->param_store, f);
    if (!ps) {
        ps = xcalloc(1, sizeof *ps);
        ptrmap_set(&fp->param_store, f, ps);
        array_push(&fp->stores, ps);
    }
    array_push(&ps->index, i);
    array_push(&ps->field, slot);
}

static void note_cap(FlowPkg *fp, FlowObj *o, GoNode *v)
{
    GoCallExpr *c = GO_AS(GoCallExpr, unparen(v));
    GoIdent *id = c ? GO_AS(GoIdent, unparen(c->fun)) : NULL;
    if (!o || !id || !go_ident_eq(id, "make") || !c->args.len)
        return;
    Obj *b = sema_obj(fp->s, id);
    if (!b || b->kind != OBJ_BUILTIN)
        return;
    int64_t n = 0;
    if (c->args.len >= 2 && !sema_const_int(fp->s, c->args.items[1], &n))
        n = -2; /* a size that is not a constant: buffered, size unknown */
    if (o->kind == FO_OTHER)
        o->kind = FO_CHAN;
    /* an unbuffered make wins, then the smallest known size */
    if (!o->cap_seen || n == 0 || (o->cap == -2 && n > 0) || (n > 0 && n < o->cap))
        o->cap = n;
    o->cap_seen = true;
}

/* Whether v may be worth recording: a function value, a parameter or a
 * make (checked on the syntax and one look-up, before any type work). */
static bool storable(FlowPkg *fp, FlowFunc *f, GoNode *v)
{
    v = unparen(v);
    if (!v)
        return false;
    if (v->kind == GO_FUNC_LIT)
        return true;
    if (v->kind == GO_CALL_EXPR) {
        GoIdent *id = GO_AS(GoIdent, unparen(((GoCallExpr *)v)->fun));
        return id && go_ident_eq(id, "make");
    }
    if (v->kind != GO_IDENT)
        return false;
    Obj *o = sema_obj(fp->s, (GoIdent *)v);
    return o && (o->kind == OBJ_FUNC || (o->kind == OBJ_VAR && f && o->func == f->node &&
                                         (o->flags & OBJF_PARAM || (!o->nassign && o->init))));
}

/* x = sync.NewCond(L): the lock L stands for, so that x.L.Lock() is an
 * operation on it (an RLock through rw.RLocker()). */
static bool sel_is(GoSelectorExpr *se, const char *name);

static void note_cond(FlowPkg *fp, GoNode *lhs, GoNode *rhs)
{
    GoCallExpr *c = GO_AS(GoCallExpr, unparen(rhs));
    GoSelectorExpr *fn = c ? GO_AS(GoSelectorExpr, unparen(c->fun)) : NULL;
    if (!fn || !sel_is(fn, "NewCond") || c->args.len != 1)
        return;
    Obj *po = sema_expr_obj(fp->s, fn->x);
    if (!po || po->kind != OBJ_PKGNAME)
        return;
    GoNode *arg = unparen(c->args.items[0]);
    bool read = false;
    GoCallExpr *rl = GO_AS(GoCallExpr, arg);
    GoSelectorExpr *rs = rl ? GO_AS(GoSelectorExpr, unparen(rl->fun)) : NULL;
    if (rs && sel_is(rs, "RLocker") && !rl->args.len) {
        arg = rs->x;
        read = true;
    }
    GoUnaryExpr *amp = GO_AS(GoUnaryExpr, arg);
    if (amp && amp->op == GO_T_AND)
        arg = amp->x;
    GoNode *owner = NULL;
    FlowObj *lock = arg ? lock_obj(fp, arg, &owner) : NULL;
    FlowObj *cond = flow_obj_of(fp, unparen(lhs));
    if (!lock || !cond || ptrmap_get(&fp->cond_lockers, cond))
        return;
    if (read)
        lock->kind = FO_RWMUTEX;
    CondLocker *cl = ARENA_NEW(&fp->s->arena, CondLocker);
    cl->lock = lock;
    cl->read = read;
    ptrmap_set(&fp->cond_lockers, cond, cl);
}

static void store(StoreWalk *w, GoNode *lhs, GoNode *rhs)
{
    FlowPkg *fp = w->fp;
    note_cond(fp, lhs, rhs);
    GoNode *l = unparen(lhs);
    if (!l || (l->kind != GO_SELECTOR_EXPR && l->kind != GO_IDENT) || !storable(fp, w->f, rhs))
        return;
    FlowObj *slot = flow_obj_of(fp, l);
    if (!slot)
        return;
    note_cap(fp, slot, rhs);
    if (slot->var && !(slot->var->flags & OBJF_GLOBAL))
        return; /* locals bound to functions resolve by their init */
    store_func(fp, slot, func_value(fp, rhs, 0));
    int pi = param_of(fp, w->f, rhs);
    if (pi >= 0)
        note_param_store(fp, w->f, pi, slot);
}

static bool store_pre(GoNode *n, void *ctx)
{
    StoreWalk *w = ctx;
    switch (n->kind) {
    case GO_FUNC_LIT:
        return flow_func(w->fp, n) == w->f; /* its own walk */
    case GO_ASSIGN_STMT: {
        GoAssignStmt *as = (GoAssignStmt *)n;
        if (as->lhs.len == as->rhs.len)
            for (uint32_t i = 0; i < as->lhs.len; i++)
                store(w, as->lhs.items[i], as->rhs.items[i]);
        return true;
    }
    case GO_VALUE_SPEC: {
        GoValueSpec *vs = (GoValueSpec *)n;
        if (vs->names.len == vs->values.len)
            for (uint32_t i = 0; i < vs->names.len; i++)
                store(w, vs->names.items[i], vs->values.items[i]);
        return true;
    }
    case GO_COMPOSITE_LIT: {
        GoCompositeLit *cl = (GoCompositeLit *)n;
        bool any = false;
        for (uint32_t i = 0; i < cl->elts.len && !any; i++) {
            GoKeyValueExpr *kv = GO_AS(GoKeyValueExpr, cl->elts.items[i]);
            any = kv && kv->key && kv->key->kind == GO_IDENT && storable(w->fp, w->f, kv->value);
        }
        if (!any)
            return true;
        Type *t = sema_type_of(w->fp->s, n);
        t = deref(t);
        if (!t || t->kind != TY_NAMED)
            return true;
        for (uint32_t i = 0; i < cl->elts.len; i++) {
            GoKeyValueExpr *kv = GO_AS(GoKeyValueExpr, cl->elts.items[i]);
            GoIdent *k = kv ? GO_AS(GoIdent, kv->key) : NULL;
            if (!k || !storable(w->fp, w->f, kv->value))
                continue;
            char *name = go_ident_str(k, &w->fp->s->arena);
            TypeField *tf = NULL;
            Type *owner = field_owner(t, name, 0, &tf);
            if (!owner)
                continue;
            FlowObj *slot = field_obj(w->fp, owner, name, kind_of_type(tf ? tf->type : NULL));
            note_cap(w->fp, slot, kv->value);
            store_func(w->fp, slot, func_value(w->fp, kv->value, 0));
            int pi = param_of(w->fp, w->f, kv->value);
            if (pi >= 0)
                note_param_store(w->fp, w->f, pi, slot);
        }
        return true;
    }
    case GO_CALL_EXPR: {
        GoCallExpr *c = (GoCallExpr *)n;
        for (uint32_t i = 0; i < c->args.len; i++) {
            GoNode *a = unparen(c->args.items[i]);
            if (a && (a->kind == GO_FUNC_LIT || a->kind == GO_IDENT)) {
                array_push(&w->calls, c);
                break;
            }
        }
        return true;
    }
    default:
        return true;
    }
}

/* The functions a parameter of a function is bound to: the function
 * values its callers pass (`Until(func() { c.start() }, stop)` makes f()
 * in Until call the literal), and what a caller's own such parameter is
 * bound to when it hands that on (`Until(f, stop)` inside Util). Kept
 * under the parameter's object, where flow_callees looks up a call of a
 * variable; collect_stores keeps only parameters bound to one function.
 * Returns whether a binding was added. */
static bool bind_params(FlowPkg *fp, GoCallExpr *c, FlowFunc *callee, PtrMap *bound)
{
    bool grew = false;
    for (int i = 0; i < callee->nparams; i++) {
        Obj *pv = callee->params[i];
        GoNode *a = pv && pv->nassign == 0 ? unparen(arg_for_param(callee, c, i)) : NULL;
        if (!a)
            continue;
        FuncList *from = NULL;
        FlowFunc *v = func_value(fp, a, 0);
        if (!v && a->kind == GO_IDENT) {
            Obj *o = sema_obj(fp->s, (GoIdent *)a);
            FlowObj *ao = o && o->kind == OBJ_VAR && (o->flags & OBJF_PARAM) ? ptrmap_get(&fp->var_objs, o) : NULL;
            from = ao ? ptrmap_get(&fp->field_funcs, ao) : NULL;
        }
        if (!v && !from)
            continue;
        FlowObj *slot = var_obj(fp, pv, FO_OTHER);
        ptrmap_set(bound, slot, slot);
        FuncList *l = ptrmap_get(&fp->field_funcs, slot);
        size_t before = l ? l->fns.len : 0;
        if (v)
            store_func(fp, slot, v);
        for (size_t k = 0; from && k < from->fns.len; k++)
            store_func(fp, slot, from->fns.items[k]);
        l = ptrmap_get(&fp->field_funcs, slot);
        grew |= l && l->fns.len > before;
    }
    return grew;
}

/* Function values stored in fields and package variables, directly or
 * through a parameter of the function that stores them (a setter), and
 * bound to function parameters (bind_params; a few rounds, for
 * parameters handed on). */
static void collect_stores(FlowPkg *fp, StoreWalk *w)
{
    PtrMap bound; /* the parameters' objects bind_params added to */
    ptrmap_init(&bound);
    for (int round = 0; round < 3; round++) {
        bool grew = false;
        for (size_t i = 0; i < w->calls.len; i++) {
            GoCallExpr *c = w->calls.items[i];
            FlowFunc *cal[FLOW_MAX_CALLEES];
            int n = flow_callees(fp, c, cal, FLOW_MAX_CALLEES);
            for (int k = 0; k < n; k++) {
                ParamStores *ps = round ? NULL : ptrmap_get(&fp->param_store, cal[k]);
                for (size_t j = 0; ps && j < ps->index.len; j++) {
                    GoNode *a = arg_for_param(cal[k], c, ps->index.items[j]);
                    store_func(fp, ps->field.items[j], a ? func_value(fp, a, 0) : NULL);
                }
                grew |= bind_params(fp, c, cal[k], &bound);
            }
        }
        if (!grew)
            break;
    }
    /* a parameter bound to several functions is left unresolved: the
     * summaries do not tell the callers apart, so each caller would see
     * the locks of every other caller's function */
    for (size_t i = 0; i < fp->funcs.len; i++) {
        FlowFunc *f = fp->funcs.items[i];
        for (int k = 0; k < f->nparams; k++) {
            FlowObj *slot = f->params[k] ? ptrmap_get(&fp->var_objs, f->params[k]) : NULL;
            FuncList *l = slot && ptrmap_get(&bound, slot) ? ptrmap_get(&fp->field_funcs, slot) : NULL;
            if (l && l->fns.len > 1)
                l->fns.len = 0;
        }
    }
    ptrmap_free(&bound);
}

/* ---- operations --------------------------------------------------------- */

typedef struct {
    FlowPkg *fp;
    FlowFunc *f;
    int block;
    int loop;
    const CommInfo *comm;   /* walking a select's comm clause */
    PtrMap *comms;          /* comm node -> CommInfo* (CFG walk) */
    PtrMap *ranges;         /* range x -> GoRangeStmt* (CFG walk) */
    GoNode *root;
    StoreWalk *sw;          /* the first (AST) walk also finds the stores */
} OpWalk;

bool flow_is_lock_kind(FlowOpKind k)
{
    return k == FOP_LOCK || k == FOP_RLOCK || k == FOP_UNLOCK || k == FOP_RUNLOCK;
}

static FlowOp *emit(OpWalk *w, FlowOpKind k, FlowObj *o, GoNode *node, bool deferred)
{
    FlowOp op = {0};
    op.kind = k;
    op.obj = o;
    op.node = node;
    op.pos = node->pos;
    op.deferred = deferred;
    op.block = w->block;
    op.in_loop = w->loop > 0;
    op.reached = true;
    if (w->comm) {
        op.in_select = true;
        op.nonblocking = w->comm->nonblocking;
    }
    array_push(&w->f->ops, op);
    return array_last(&w->f->ops);
}

static bool sel_is(GoSelectorExpr *se, const char *name)
{
    return se && se->sel && go_ident_eq(se->sel, name);
}

static void emit_call(OpWalk *w, GoCallExpr *c, bool deferred)
{
    FlowPkg *fp = w->fp;
    GoNode *fun = unparen(c->fun);
    GoSelectorExpr *se = GO_AS(GoSelectorExpr, fun);
    if (se && se->x && se->sel) {
        Obj *po = sema_expr_obj(fp->s, se->x);
        if (!(po && po->kind == OBJ_PKGNAME)) {
            if (c->args.len == 0) {
                FlowOpKind lk = sel_is(se, "Lock") ? FOP_LOCK : sel_is(se, "RLock") ? FOP_RLOCK
                              : sel_is(se, "Unlock") ? FOP_UNLOCK : sel_is(se, "RUnlock") ? FOP_RUNLOCK : FOP_COUNT;
                if (lk != FOP_COUNT) {
                    GoNode *owner = NULL;
                    FlowObj *o = lock_obj(fp, se->x, &owner);
                    /* c.L.Lock() of a Cond made with sync.NewCond(L) */
                    GoSelectorExpr *ls = o ? NULL : GO_AS(GoSelectorExpr, unparen(se->x));
                    FlowObj *co = ls && sel_is(ls, "L") ? sync_obj(fp, ls->x, FO_COND) : NULL;
                    CondLocker *cl = co ? ptrmap_get(&fp->cond_lockers, co) : NULL;
                    if (cl) {
                        o = cl->lock;
                        GoSelectorExpr *cs = GO_AS(GoSelectorExpr, unparen(ls->x));
                        owner = cs ? cs->x : NULL;
                        if (cl->read)
                            lk = lk == FOP_LOCK ? FOP_RLOCK : lk == FOP_UNLOCK ? FOP_RUNLOCK : lk;
                    }
                    if (o) {
                        if ((lk == FOP_RLOCK || lk == FOP_RUNLOCK) && o->kind == FO_MUTEX)
                            o->kind = FO_RWMUTEX;
                        FlowOp *op = emit(w, lk, o, (GoNode *)c, deferred);
                        op->base = o->var ? NULL : instance_of(fp, owner);
                        op->fresh = is_fresh(op->base);
                    }
                    return;
                }
            }
            FlowObj *o;
            if ((sel_is(se, "Add") || sel_is(se, "Done") || sel_is(se, "Wait")) &&
                (o = sync_obj(fp, se->x, FO_WAITGROUP))) {
                emit(w, sel_is(se, "Add") ? FOP_WG_ADD : sel_is(se, "Done") ? FOP_WG_DONE : FOP_WG_WAIT, o,
                     (GoNode *)c, deferred);
                return;
            }
            if ((sel_is(se, "Wait") || sel_is(se, "Signal") || sel_is(se, "Broadcast")) &&
                (o = sync_obj(fp, se->x, FO_COND))) {
                emit(w, sel_is(se, "Wait") ? FOP_COND_WAIT : FOP_COND_SIGNAL, o, (GoNode *)c, deferred);
                return;
            }
            if (sel_is(se, "Do") && c->args.len == 1 && sync_obj(fp, se->x, FO_ONCE)) {
                GoNode *arg = unparen(c->args.items[0]);
                FlowFunc *g = func_value(fp, arg, 0);
                GoSelectorExpr *mv = g ? NULL : GO_AS(GoSelectorExpr, arg);
                if (mv && mv->x && mv->sel && callable_name(fp, mv->sel))
                    g = promoted_method(fp, sema_type_of(fp->s, mv->x), go_ident_str(mv->sel, &fp->s->arena), 0);
                if (g) {
                    /* a literal runs only here; a function or method value
                     * once here, and maybe from other calls (propagate_once) */
                    if (arg->kind == GO_FUNC_LIT)
                        g->once = true;
                    FlowOp *op = emit(w, FOP_CALL, NULL, (GoNode *)c, deferred);
                    op->callee = g;
                    op->call = NULL; /* the function takes no arguments */
                    op->via_once = true;
                }
                return;
            }
        }
    }
    GoIdent *id = GO_AS(GoIdent, fun);
    if (id && go_ident_eq(id, "close") && c->args.len == 1) {
        Obj *b = sema_obj(fp->s, id);
        if (b && b->kind == OBJ_BUILTIN) {
            FlowObj *o = flow_obj_of(fp, c->args.items[0]);
            if (o)
                emit(w, FOP_CLOSE, o, (GoNode *)c, deferred);
            return;
        }
    }
    FlowFunc *cal[FLOW_MAX_CALLEES];
    int n = flow_callees(fp, c, cal, FLOW_MAX_CALLEES);
    if (!n && w->sw && !deferred && fun && (fun->kind == GO_IDENT || fun->kind == GO_SELECTOR_EXPR)) {
        /* maybe a function stored in a field: known after every store */
        Pending pd = {w->f, c};
        array_push(&w->sw->pending, pd);
    }
    for (int k = 0; k < n; k++) {
        if (cal[k] == w->f && !deferred && fun && fun->kind == GO_FUNC_LIT)
            continue;
        FlowOp *op = emit(w, FOP_CALL, NULL, (GoNode *)c, deferred);
        op->callee = cal[k];
        op->call = c;
        if (w->loop > 0)
            cal[k]->in_loop_call = true;
    }
}

static bool op_pre(GoNode *n, void *ctx);
static void op_post(GoNode *n, void *ctx);

static void walk(OpWalk *w, GoNode *n)
{
    if (n)
        go_inspect(n, op_pre, op_post, w);
}

static void walk_comm_clauses(OpWalk *w, GoSelectStmt *ss)
{
    CommInfo *ci = ARENA_NEW(&w->fp->s->arena, CommInfo);
    ci->select = (GoNode *)ss;
    uint32_t n = ss->body ? ss->body->list.len : 0;
    ci->nonblocking = n > 1;
    for (uint32_t i = 0; i < n; i++) {
        GoCommClause *cc = GO_AS(GoCommClause, ss->body->list.items[i]);
        if (cc && !cc->comm)
            ci->nonblocking = true;
    }
    if (n == 0)
        emit(w, FOP_SELECT_EMPTY, NULL, (GoNode *)ss, false);
    for (uint32_t i = 0; i < n; i++) {
        GoCommClause *cc = GO_AS(GoCommClause, ss->body->list.items[i]);
        if (!cc)
            continue;
        if (cc->comm) {
            if (w->comms)
                ptrmap_set(w->comms, cc->comm, ci);
            const CommInfo *save = w->comm;
            w->comm = ci;
            walk(w, cc->comm);
            w->comm = save;
        }
        for (uint32_t k = 0; k < cc->body.len; k++)
            walk(w, cc->body.items[k]);
    }
}

static bool is_chan(FlowPkg *fp, GoNode *x)
{
    Type *u = type_underlying(sema_type_of(fp->s, x));
    return u && u->kind == TY_CHAN;
}

static bool op_pre(GoNode *n, void *ctx)
{
    OpWalk *w = ctx;
    if (w->sw && (n->kind == GO_ASSIGN_STMT || n->kind == GO_VALUE_SPEC || n->kind == GO_COMPOSITE_LIT ||
                  n->kind == GO_CALL_EXPR)) {
        w->sw->f = w->f;
        store_pre(n, w->sw);
    }
    switch (n->kind) {
    case GO_FUNC_LIT:
        return n == w->root;
    case GO_GO_STMT: {
        GoCallExpr *c = GO_AS(GoCallExpr, ((GoGoStmt *)n)->call);
        if (!c)
            return false;
        walk(w, unparen(c->fun) && unparen(c->fun)->kind == GO_FUNC_LIT ? NULL : c->fun);
        for (uint32_t i = 0; i < c->args.len; i++)
            walk(w, c->args.items[i]);
        FlowFunc *cal[FLOW_MAX_CALLEES];
        int k = flow_callees(w->fp, c, cal, FLOW_MAX_CALLEES);
        for (int i = 0; i < k && w->block < 0; i++) {
            array_push(&w->f->sum.spawns, cal[i]);
            array_push(&w->f->spawn_at, n->pos);
            if (w->loop > 0)
                cal[i]->in_loop_call = true;
        }
        return false;
    }
    case GO_DEFER_STMT: {
        GoCallExpr *c = GO_AS(GoCallExpr, ((GoDeferStmt *)n)->call);
        if (!c)
            return false;
        GoNode *fun = unparen(c->fun);
        if (fun && fun->kind == GO_SELECTOR_EXPR)
            walk(w, ((GoSelectorExpr *)fun)->x);
        for (uint32_t i = 0; i < c->args.len; i++)
            walk(w, c->args.items[i]);
        emit_call(w, c, true);
        return false;
    }
    case GO_SELECT_STMT:
        walk_comm_clauses(w, (GoSelectStmt *)n);
        return false;
    case GO_ASSIGN_STMT:
        if (w->loop > 0 && w->sw && ((GoAssignStmt *)n)->tok == GO_T_DEFINE) {
            GoAssignStmt *as = (GoAssignStmt *)n;
            for (uint32_t i = 0; i < as->lhs.len; i++) {
                GoIdent *id = GO_AS(GoIdent, as->lhs.items[i]);
                Obj *o = id ? sema_obj(w->fp->s, id) : NULL;
                if (o)
                    ptrmap_set(&w->fp->loop_vars, o, o);
            }
        }
        return true;
    case GO_FOR_STMT:
    case GO_RANGE_STMT:
        w->loop++;
        if (n->kind == GO_RANGE_STMT && w->ranges)
            ptrmap_set(w->ranges, ((GoRangeStmt *)n)->x, n);
        return true;
    default:
        return true;
    }
}

static void op_post(GoNode *n, void *ctx)
{
    OpWalk *w = ctx;
    switch (n->kind) {
    case GO_CALL_EXPR:
        emit_call(w, (GoCallExpr *)n, false);
        return;
    case GO_SEND_STMT: {
        FlowObj *o = flow_obj_of(w->fp, ((GoSendStmt *)n)->chan);
        if (o)
            emit(w, FOP_SEND, o, n, false);
        return;
    }
    case GO_UNARY_EXPR:
        if (((GoUnaryExpr *)n)->op == GO_T_ARROW) {
            FlowObj *o = flow_obj_of(w->fp, ((GoUnaryExpr *)n)->x);
            if (o)
                emit(w, FOP_RECV, o, n, false);
        }
        return;
    case GO_FOR_STMT:
        w->loop--;
        return;
    case GO_RANGE_STMT: {
        w->loop--;
        return;
    }
    default:
        return;
    }
}

/* Range over a channel: the receive happens at the range. (In the AST walk
 * the statement is seen whole; in the CFG walk its x is a node.) */
static void range_op(OpWalk *w, GoRangeStmt *rs)
{
    if (rs->x && is_chan(w->fp, rs->x)) {
        FlowObj *o = flow_obj_of(w->fp, rs->x);
        if (o)
            emit(w, FOP_RANGE, o, (GoNode *)rs, false);
    }
}

static bool range_pre(GoNode *n, void *ctx)
{
    OpWalk *w = ctx;
    if (n->kind == GO_FUNC_LIT && n != w->root)
        return false;
    if (n->kind == GO_RANGE_STMT)
        ptrmap_set(w->ranges, ((GoRangeStmt *)n)->x, n);
    if (n->kind == GO_SELECT_STMT) {
        /* comm nodes of the CFG: remember their select */
        GoSelectStmt *ss = (GoSelectStmt *)n;
        CommInfo *ci = ARENA_NEW(&w->fp->s->arena, CommInfo);
        ci->select = n;
        uint32_t cnt = ss->body ? ss->body->list.len : 0;
        ci->nonblocking = cnt > 1;
        for (uint32_t i = 0; i < cnt; i++) {
            GoCommClause *cc = GO_AS(GoCommClause, ss->body->list.items[i]);
            if (cc && !cc->comm)
                ci->nonblocking = true;
        }
        for (uint32_t i = 0; i < cnt; i++) {
            GoCommClause *cc = GO_AS(GoCommClause, ss->body->list.items[i]);
            if (cc && cc->comm)
                ptrmap_set(w->comms, cc->comm, ci);
        }
        if (cnt == 0)
            emit(w, FOP_SELECT_EMPTY, NULL, n, false);
    }
    return true;
}

static void collect_ops(FlowPkg *fp, FlowFunc *f, bool with_cfg, StoreWalk *sw)
{
    GoBlockStmt *body = f->node->kind == GO_FUNC_DECL ? ((GoFuncDecl *)f->node)->body : ((GoFuncLit *)f->node)->body;
    OpWalk w = {fp, f, -1, 0, NULL, NULL, NULL, f->node, sw};
    if (!body)
        return;
    if (!with_cfg) {
        f->ops.len = 0;
        /* source order; range statements are added by the caller */
        for (uint32_t i = 0; i < body->list.len; i++)
            walk(&w, body->list.items[i]);
        return;
    }
    /* the loop facts come from the first (AST) walk: CFG nodes hold no loops */
    PtrMap loops;
    ptrmap_init(&loops);
    for (size_t i = 0; i < f->ops.len; i++)
        if (f->ops.items[i].in_loop)
            ptrmap_set(&loops, f->ops.items[i].node, f);
    f->ops.len = 0;
    PtrMap comms, ranges;
    ptrmap_init(&comms);
    ptrmap_init(&ranges);
    w.comms = &comms;
    w.ranges = &ranges;
    /* select {} and the comm and range nodes first (block -1) */
    go_inspect((GoNode *)body, range_pre, NULL, &w);
    w.comms = NULL;
    w.ranges = NULL;
    Cfg *g = sema_cfg(fp->s, f->node);
    for (size_t b = 0; b < g->blocks.len; b++) {
        CfgBlock *blk = g->blocks.items[b];
        w.block = (int)b;
        for (size_t i = 0; i < blk->nodes.len; i++) {
            GoNode *n = blk->nodes.items[i];
            w.comm = ptrmap_get(&comms, n);
            size_t before = f->ops.len;
            walk(&w, n);
            for (size_t k = before; k < f->ops.len; k++)
                f->ops.items[k].reached = blk->live;
            GoRangeStmt *rs = ptrmap_get(&ranges, n);
            if (rs)
                range_op(&w, rs);
        }
    }
    w.comm = NULL;
    for (size_t i = 0; i < f->ops.len; i++)
        f->ops.items[i].in_loop = ptrmap_get(&loops, f->ops.items[i].node) != NULL;
    ptrmap_free(&loops);
    ptrmap_free(&comms);
    ptrmap_free(&ranges);
}

/* Range statements in the AST walk: found by a second, cheap look. */
static bool ast_range_pre(GoNode *n, void *ctx)
{
    OpWalk *w = ctx;
    if (n->kind == GO_FUNC_LIT && n != w->root)
        return false;
    if (n->kind == GO_RANGE_STMT)
        range_op(w, (GoRangeStmt *)n);
    return true;
}

void flow_collect_ops(FlowPkg *fp, FlowFunc *f, bool with_cfg)
{
    collect_ops(fp, f, with_cfg, NULL);
}

void flow_use_cfg(FlowPkg *fp, FlowFunc *f)
{
    for (size_t i = 0; i < f->ops.len; i++)
        if (f->ops.items[i].block >= 0)
            return;
    collect_ops(fp, f, true, NULL);
}

/* The first walk of every function: operations in source order, stores
 * of function values and channel makes; then the calls that only the
 * stores resolve. */
static void collect_all(FlowPkg *fp)
{
    StoreWalk sw = {fp, NULL, {0}, {0}};
    for (size_t i = 0; i < fp->funcs.len; i++) {
        FlowFunc *f = fp->funcs.items[i];
        collect_ops(fp, f, false, &sw);
        OpWalk w = {fp, f, -1, 0, NULL, NULL, NULL, f->node, NULL};
        GoBlockStmt *body = f->node->kind == GO_FUNC_DECL ? ((GoFuncDecl *)f->node)->body
                                                         : ((GoFuncLit *)f->node)->body;
        if (body)
            go_inspect((GoNode *)body, ast_range_pre, NULL, &w);
    }
    collect_stores(fp, &sw);
    for (size_t i = 0; i < sw.pending.len; i++) {
        Pending *pd = &sw.pending.items[i];
        FlowFunc *cal[FLOW_MAX_CALLEES];
        int n = flow_callees(fp, pd->call, cal, FLOW_MAX_CALLEES);
        for (int k = 0; k < n; k++) {
            FlowOp op = {0};
            op.kind = FOP_CALL;
            op.node = (GoNode *)pd->call;
            op.pos = pd->call->n.pos;
            op.block = -1;
            op.reached = true;
            op.callee = cal[k];
            op.call = pd->call;
            array_push(&pd->f->ops, op);
        }
    }
    array_free(&sw.calls);
    array_free(&sw.pending);
}

/* ---- the package ------------------------------------------------------- */

const char *flow_fn_name(FlowPkg *fp, FlowFunc *f)
{
    if (!f)
        return "func";
    if (!f->name) {
        /* a literal: named after its enclosing function, on demand (the
         * parent map this needs is built only when a rule reports) */
        const char *outer = flow_fn_name(fp, flow_func(fp, sema_enclosing_func(fp->s, f->node)));
        char *nm = arena_alloc(&fp->s->arena, strlen(outer) + 6);
        sprintf(nm, "%s.func", outer);
        f->name = nm;
    }
    return f->name;
}

static void free_pkg(void *p)
{
    flow_pkg_free(p);
}

bool flow_runs_once(FlowPkg *fp, GoNode *st)
{
    GoNode *fn = sema_enclosing_func(fp->s, st);
    FlowFunc *f = fn ? flow_func(fp, fn) : NULL;
    if (!f || !f->once)
        return false;
    for (GoNode *n = sema_parent(fp->s, st); n && n != fn; n = sema_parent(fp->s, n))
        if (n->kind == GO_FOR_STMT || n->kind == GO_RANGE_STMT)
            return false;
    return true;
}

bool flow_op_dies(FlowPkg *fp, FlowFunc *f, const FlowOp *op)
{
    if (op->block < 0)
        return false;
    return cfg_block_dies(sema_cfg(fp->s, f->node), op->block);
}

FlowPkg *flow_pkg(Sema *s, GoFileSet *fs)
{
    if (s->flow)
        return s->flow;
    FlowPkg *fp = xcalloc(1, sizeof *fp);
    fp->s = s;
    fp->fs = fs;
    hashmap_init(&fp->field_objs);
    ptrmap_init(&fp->var_objs);
    ptrmap_init(&fp->by_node);
    ptrmap_init(&fp->field_funcs);
    ptrmap_init(&fp->param_store);
    ptrmap_init(&fp->cond_lockers);
    ptrmap_init(&fp->impls);
    hashmap_init(&fp->callable);
    ptrmap_init(&fp->loop_vars);
    ptrmap_init(&fp->getters);
    ptrmap_init(&fp->unseen_calls);
    ptrmap_init(&fp->func_mentions);
    hashmap_init(&fp->sels_by_name);
    for (size_t i = 0; i < s->methods.cap; i++) {
        HashEntry *e = &s->methods.slots[i];
        const char *dot = e->key ? memrchr(e->key, '.', e->keylen) : NULL;
        if (dot) {
            size_t n = e->keylen - (size_t)(dot + 1 - e->key);
            void **v = hashmap_put(&fp->callable, dot + 1, n, NULL);
            *v = (void *)e->key;
        }
    }
    s->flow = fp;
    s->flow_free = free_pkg;
    size_t n;
    GoNode **funcs = sema_funcs(s, &n);
    for (size_t i = 0; i < n; i++) {
        FlowFunc *f = new_func(fp, funcs[i]);
        ptrmap_set(&fp->by_node, funcs[i], f);
        array_push(&fp->funcs, f);
    }
    collect_all(fp);
    flow_summarize(fp);
    return fp;
}

void flow_pkg_free(FlowPkg *fp)
{
    if (!fp)
        return;
    for (size_t i = 0; i < fp->funcs.len; i++) {
        FlowFunc *f = fp->funcs.items[i];
        array_free(&f->ops);
        array_free(&f->locks);
        array_free(&f->callers);
        array_free(&f->spawn_at);
        array_free(&f->sum.spawns);
        flow_summary_free(&f->sum);
        free(f->params);
        free(f);
    }
    array_free(&fp->funcs);
    for (size_t i = 0; i < fp->lists.len; i++) {
        FuncList *l = fp->lists.items[i];
        array_free(&l->fns);
        free(l);
    }
    array_free(&fp->lists);
    for (size_t i = 0; i < fp->stores.len; i++) {
        ParamStores *ps = fp->stores.items[i];
        array_free(&ps->index);
        array_free(&ps->field);
        free(ps);
    }
    array_free(&fp->stores);
    hashmap_free(&fp->field_objs);
    ptrmap_free(&fp->var_objs);
    ptrmap_free(&fp->by_node);
    ptrmap_free(&fp->field_funcs);
    ptrmap_free(&fp->param_store);
    ptrmap_free(&fp->cond_lockers);
    ptrmap_free(&fp->impls);
    hashmap_free(&fp->callable);
    ptrmap_free(&fp->loop_vars);
    ptrmap_free(&fp->getters);
    ptrmap_free(&fp->unseen_calls);
    ptrmap_free(&fp->func_mentions);
    hashmap_free(&fp->sels_by_name);
    for (size_t i = 0; i < fp->mention_lists.len; i++) {
        MentionList *l = fp->mention_lists.items[i];
        array_free(l);
        free(l);
    }
    array_free(&fp->mention_lists);
    free(fp);
}

/* ---- questions ---------------------------------------------------------- */

FlowObj *flow_func_lock(FlowFunc *f, int i)
{
    return i >= 0 && (size_t)i < f->locks.len ? f->locks.items[i].obj : NULL;
}

/* The bits of the slots the instance may be: its own, or for a field lock
 * of unknown instance (NULL base) every instance of that field. */
static uint64_t slot_mask(FlowFunc *f, FlowObj *o, Obj *base)
{
    uint64_t m = 0;
    if (base == FLOW_DISTINCT)
        return 0;
    for (size_t i = 0; i < f->locks.len; i++) {
        FlowLockSlot *sl = &f->locks.items[i];
        if (sl->obj == o && sl->base != FLOW_DISTINCT && (sl->base == base || (!base && !o->var)))
            m |= (uint64_t)1 << i;
    }
    return m;
}

bool flow_held_may(FlowFunc *f, const FlowHeld *h, FlowObj *lock, Obj *base, bool *read)
{
    uint64_t m = slot_mask(f, lock, base);
    if (read)
        *read = !(h->may_w & m);
    return ((h->may_w | h->may_r) & m) != 0;
}

bool flow_held_must(FlowFunc *f, const FlowHeld *h, FlowObj *lock, Obj *base)
{
    return ((h->must_w | h->must_r) & slot_mask(f, lock, base)) != 0;
}

void flow_each_op_on(FlowPkg *fp, FlowObj *obj, unsigned kind_mask, FlowSiteFn fn, void *ctx)
{
    for (size_t i = 0; i < fp->funcs.len; i++) {
        FlowFunc *f = fp->funcs.items[i];
        for (size_t k = 0; k < f->ops.len; k++) {
            FlowOp *op = &f->ops.items[k];
            if (op->obj == obj && (kind_mask & FOP_BIT(op->kind)))
                fn(f, op, ctx);
        }
    }
}

FlowObj *flow_alias_of(FlowPkg *fp, FlowObj *o)
{
    Obj *v = o ? o->var : NULL;
    if (!v || v->kind != OBJ_VAR || !v->func || (v->flags & (OBJF_PARAM | OBJF_RESULT | OBJF_GLOBAL | OBJF_ADDR)) ||
        v->nassign || !v->init || v->init_index >= 0)
        return NULL;
    GoNode *init = v->init;
    while (init && init->kind == GO_PAREN_EXPR)
        init = ((GoParenExpr *)init)->x;
    if (!init || init->kind != GO_SELECTOR_EXPR)
        return NULL;
    FlowObj *f = flow_obj_of(fp, init);
    return f && !f->var ? f : NULL;
}

/* Whether some call (or go statement) passes obj for parameter p. */
static bool param_gets(FlowPkg *fp, FlowObj *p, FlowObj *obj)
{
    if (!(p->var->flags & OBJF_PARAM) || obj->var)
        return false;
    FlowObj *args[4];
    int n = flow_param_args(fp, p, args, 4);
    for (int i = 0; i < n; i++)
        if (args[i] == obj)
            return true;
    return false;
}

void flow_each_op_on_aliased(FlowPkg *fp, FlowObj *obj, unsigned kind_mask, FlowSiteFn fn, void *ctx)
{
    for (size_t i = 0; i < fp->funcs.len; i++) {
        FlowFunc *f = fp->funcs.items[i];
        for (size_t k = 0; k < f->ops.len; k++) {
            FlowOp *op = &f->ops.items[k];
            if (op->obj && (kind_mask & FOP_BIT(op->kind)) &&
                (op->obj == obj || (op->obj->var && (flow_alias_of(fp, op->obj) == obj || param_gets(fp, op->obj, obj)))))
                fn(f, op, ctx);
        }
    }
}

const FlowEffect *sum_acquires(FlowFunc *f, FlowObj *lock)
{
    for (size_t i = 0; i < f->sum.acquires.len; i++)
        if (f->sum.acquires.items[i].obj == lock)
            return &f->sum.acquires.items[i];
    return NULL;
}

const FlowEffects *sum_locks_held_on_return(FlowFunc *f)
{
    return &f->sum.held_must;
}

FlowFunc **flow_callers(FlowFunc *f, size_t *n)
{
    *n = f->callers.len;
    return f->callers.items;
}

int flow_line(FlowPkg *fp, GoPos pos)
{
    GoSrcFile *f = go_fileset_file(fp->fs, pos);
    return f ? go_file_line(f, pos) : 0;
}

const char *flow_where(FlowPkg *fp, GoPos pos, char *buf, size_t n)
{
    GoPosition at = go_fileset_position(fp->fs, pos);
    const char *path = at.path ? strrchr(at.path, '/') : NULL;
    path = path ? path + 1 : (at.path ? at.path : "?");
    snprintf(buf, n, "%s:%d", path, at.line);
    return buf;
}

const char *flow_text(FlowPkg *fp, GoNode *n)
{
    GoSrcFile *f = n ? go_fileset_file(fp->fs, n->pos) : NULL;
    if (!f || n->end <= n->pos || n->end - f->base > f->len)
        return "?";
    size_t len = n->end - n->pos;
    const char *text = f->src + (n->pos - f->base);
    if (len > 40 || memchr(text, '\n', len))
        return "the expression";
    return arena_strndup(&fp->s->arena, text, len);
}
