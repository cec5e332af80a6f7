/* scope.c - package-level declarations across files, lexical scopes and
 * name resolution: every identifier is mapped to its object. */
#include "sema.h"

/* A lexical scope: a short list searched linearly (most scopes are
 * small), indexed by name once it holds SCOPE_INDEX_AT objects, so that a
 * function with 100,000 locals does not cost a search of all of them per
 * identifier. */
typedef struct Scope {
    struct Scope *parent;
    Array(Obj *) objs;
    HashMap index;        /* name -> latest Obj, once indexed */
    bool indexed;
} Scope;

enum { SCOPE_INDEX_AT = 32 };

/* What an identifier denotes is kept in the identifier (a map of every
 * identifier of the program was a sixth of drip check's memory). Each
 * file is resolved by its package's Sema alone; asked through another
 * Sema, an identifier denotes nothing, as when these were per-Sema maps:
 * an object of the Sema's own, or a predeclared one (no owner) reached
 * from one of its files. */
static void use_set(Sema *s, GoIdent *id, Obj *o)
{
    (void)s;
    id->obj = o;
}

/* Whether node n is in one of the Sema's files: a binary search of
 * their position ranges, sorted by sema_build. */
static bool ident_in(const Sema *s, const GoNode *n)
{
    size_t lo = 0, hi = s->nranges;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->ranges[mid].base <= n->pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo && n->pos <= s->ranges[lo - 1].base + s->ranges[lo - 1].len;
}

static int cmp_range(const void *a, const void *b)
{
    GoPos x = ((const SemaRange *)a)->base, y = ((const SemaRange *)b)->base;
    return x < y ? -1 : x > y;
}

static Obj *use_get(const Sema *s, const void *node)
{
    const GoNode *n = node;
    if (!n || n->kind != GO_IDENT)
        return NULL;
    Obj *o = ((const GoIdent *)n)->obj;
    /* another package's identifier denotes nothing here, and its object
     * is not looked at: the parameters of a function whose body waited
     * (sema_resolve_bodies) are made, and freed, on that package's thread */
    if (!o || !ident_in(s, n))
        return NULL;
    return o->owner == s || !o->owner ? o : NULL;
}

static void scope_add(Scope *sc, Obj *o)
{
    array_push(&sc->objs, o);
    if (!sc->indexed && sc->objs.len >= SCOPE_INDEX_AT) {
        hashmap_init(&sc->index);
        sc->indexed = true;
        for (size_t i = 0; i < sc->objs.len; i++)
            hashmap_set(&sc->index, sc->objs.items[i]->name, sc->objs.items[i]->name_len, sc->objs.items[i]);
    } else if (sc->indexed) {
        hashmap_set(&sc->index, o->name, o->name_len, o);
    }
}

/* The latest object named name in sc itself, or NULL. */
static Obj *scope_find_here(Scope *sc, const char *name, size_t len)
{
    if (sc->indexed)
        return hashmap_get(&sc->index, name, len);
    for (size_t i = sc->objs.len; i-- > 0;) {
        Obj *o = sc->objs.items[i];
        if (o->name_len == len && memcmp(o->name, name, len) == 0)
            return o;
    }
    return NULL;
}

typedef Array(GoIdent *) IdentList;

typedef struct {
    Sema *s;
    int file;              /* index of the file being resolved */
    Scope *top;            /* innermost scope, NULL at package level */
    GoNode *func;          /* enclosing FuncDecl/FuncLit */
    HashMap *labels;       /* labels of the current function */
    IdentList *forward;    /* label uses seen before their label */
    bool again;            /* sema_resolve_bodies: the signatures' types
                              were resolved by sema_build */
    bool sig_only;         /* sema_build, a deferred body: the types of its
                              signature only; its parameters' objects are
                              made with the body */
} Resolver;

static HashMap universe;
static pthread_once_t universe_once = PTHREAD_ONCE_INIT;

static const char *const builtin_types[] = {
    "bool", "byte", "complex64", "complex128", "error", "float32", "float64", "int", "int8",
    "int16", "int32", "int64", "rune", "string", "uint", "uint8", "uint16", "uint32", "uint64",
    "uintptr", "any", "comparable",
};
static const char *const builtin_funcs[] = {
    "append", "cap", "clear", "close", "complex", "copy", "delete", "imag", "len", "make",
    "max", "min", "new", "panic", "print", "println", "real", "recover",
};

static Obj universe_objs[ARRAY_LEN(builtin_types) + ARRAY_LEN(builtin_funcs) + 4];

/* The universe map lives in static slots, large enough that it never
 * grows: nothing to free at exit, nothing for valgrind to report. */
static HashEntry universe_slots[128];

static void universe_init(void)
{
    hashmap_init(&universe);
    universe.slots = universe_slots;
    universe.cap = ARRAY_LEN(universe_slots);
    size_t n = 0;
    for (size_t i = 0; i < ARRAY_LEN(builtin_types); i++) {
        Obj *o = &universe_objs[n++];
        o->kind = OBJ_TYPE;
        o->name = builtin_types[i];
        o->name_len = (uint32_t)strlen(o->name);
        o->init_index = -1;
        hashmap_set(&universe, o->name, strlen(o->name), o);
    }
    for (size_t i = 0; i < ARRAY_LEN(builtin_funcs); i++) {
        Obj *o = &universe_objs[n++];
        o->kind = OBJ_BUILTIN;
        o->name = builtin_funcs[i];
        o->name_len = (uint32_t)strlen(o->name);
        o->init_index = -1;
        hashmap_set(&universe, o->name, strlen(o->name), o);
    }
    static const char *consts[] = {"true", "false", "iota"};
    for (size_t i = 0; i < 3; i++) {
        Obj *o = &universe_objs[n++];
        o->kind = OBJ_CONST;
        o->name = consts[i];
        o->name_len = (uint32_t)strlen(o->name);
        o->init_index = -1;
        hashmap_set(&universe, o->name, strlen(o->name), o);
    }
    Obj *nil = &universe_objs[n++];
    nil->kind = OBJ_NIL;
    nil->name = "nil";
    nil->name_len = 3;
    nil->init_index = -1;
    hashmap_set(&universe, "nil", 3, nil);
}

const char *sema_intern(Sema *s, const char *p, size_t n)
{
    return arena_strndup(&s->arena, p, n);
}

static Obj *obj_new(Resolver *R, ObjKind k, GoIdent *id, GoNode *decl)
{
    Obj *o = ARENA_NEW(&R->s->arena, Obj);
    o->kind = k;
    o->ident = id;
    o->name = id ? sema_intern(R->s, id->name, id->len) : "";
    o->name_len = id ? id->len : 0;
    o->decl = decl;
    o->func = R->func;
    o->owner = R->s;
    o->init_index = -1;
    if (id)
        use_set(R->s, id, o);
    return o;
}

static bool is_blank(const GoIdent *id)
{
    return id->len == 1 && id->name[0] == '_';
}

static void declare(Resolver *R, Obj *o)
{
    if (!o->ident || is_blank(o->ident))
        return;
    if (R->top)
        scope_add(R->top, o);
    else
        hashmap_set(&R->s->scope, o->name, strlen(o->name), o);
}

static Obj *scope_find(Scope *sc, const char *name, size_t len)
{
    for (; sc; sc = sc->parent) {
        Obj *o = scope_find_here(sc, name, len);
        if (o)
            return o;
    }
    return NULL;
}

static Obj *lookup(Resolver *R, const char *name, size_t len)
{
    Obj *o = scope_find(R->top, name, len);
    if (o)
        return o;
    o = hashmap_get(&R->s->scope, name, len);
    if (o)
        return o;
    if (R->file >= 0) {
        o = hashmap_get(&R->s->file_scopes[R->file], name, len);
        if (o)
            return o;
    }
    pthread_once(&universe_once, universe_init);
    return hashmap_get(&universe, name, len);
}

static void push(Resolver *R, Scope *sc)
{
    sc->parent = R->top;
    sc->objs.items = NULL;
    sc->objs.len = sc->objs.cap = 0;
    sc->indexed = false;
    R->top = sc;
}

static void pop(Resolver *R)
{
    Scope *sc = R->top;
    array_free(&sc->objs);
    if (sc->indexed)
        hashmap_free(&sc->index);
    R->top = sc->parent;
}

static void resolve(Resolver *R, GoNode *n);
static void resolve_list(Resolver *R, GoList *l)
{
    for (uint32_t i = 0; i < l->len; i++)
        resolve(R, l->items[i]);
}

static void use_ident(Resolver *R, GoIdent *id)
{
    if (is_blank(id))
        return;
    Obj *o = lookup(R, id->name, id->len);
    if (o)
        use_set(R->s, id, o);
}

/* Marks an assignment target. */
static void assigned(Resolver *R, GoNode *lhs)
{
    GoNode *x = lhs;
    while (x && x->kind == GO_PAREN_EXPR)
        x = ((GoParenExpr *)x)->x;
    if (x && x->kind == GO_IDENT) {
        Obj *o = use_get(R->s, x);
        if (o && o->kind == OBJ_VAR)
            o->nassign++;
    }
}

/* The object sema_build made for type parameter id of a signature,
 * declared again in the scope of the body resolved later. */
static void declare_again(Resolver *R, GoIdent *id)
{
    Obj *o = use_get(R->s, id);
    if (o)
        declare(R, o);
}

/* Field lists: types first (in the outer scope), then the names. The
 * types were resolved already when R->again; only the types are, with
 * R->sig_only. */
static void declare_fields(Resolver *R, GoFieldList *fl, int flags)
{
    if (!fl)
        return;
    for (uint32_t i = 0; i < fl->fields.len && !R->again; i++) {
        GoField *f = (GoField *)fl->fields.items[i];
        resolve(R, f->type);
    }
    if (R->sig_only)
        return;
    for (uint32_t i = 0; i < fl->fields.len; i++) {
        GoField *f = (GoField *)fl->fields.items[i];
        for (uint32_t k = 0; k < f->names.len; k++) {
            GoIdent *id = (GoIdent *)f->names.items[k];
            Obj *o = obj_new(R, OBJ_VAR, id, (GoNode *)f);
            o->type_expr = f->type;
            o->flags |= flags;
            declare(R, o);
        }
    }
}

static void declare_type_params(Resolver *R, GoFieldList *fl)
{
    if (!fl)
        return;
    for (uint32_t i = 0; i < fl->fields.len; i++) {
        GoField *f = (GoField *)fl->fields.items[i];
        for (uint32_t k = 0; k < f->names.len; k++) {
            if (R->again) {
                declare_again(R, (GoIdent *)f->names.items[k]);
                continue;
            }
            Obj *o = obj_new(R, OBJ_TYPE, (GoIdent *)f->names.items[k], (GoNode *)f);
            declare(R, o);
        }
    }
    if (R->again)
        return;
    for (uint32_t i = 0; i < fl->fields.len; i++)
        resolve(R, ((GoField *)fl->fields.items[i])->type);
}

/* Only the types of a signature, not its parameter names (func types used
 * as types, interface methods). */
static void resolve_sig_types(Resolver *R, GoFieldList *fl)
{
    if (!fl)
        return;
    for (uint32_t i = 0; i < fl->fields.len; i++)
        resolve(R, ((GoField *)fl->fields.items[i])->type);
}

static void resolve_body(Resolver *R, GoNode *func, GoFieldList *recv, GoFuncType *ft, GoBlockStmt *body)
{
    GoNode *save_func = R->func;
    HashMap *save_labels = R->labels;
    IdentList *save_forward = R->forward;
    HashMap labels;
    hashmap_init(&labels);
    IdentList forward = {0};
    R->func = func;
    R->labels = &labels;
    R->forward = &forward;
    if (body)
        array_push(&R->s->funcs, func);
    Scope sc;
    push(R, &sc);
    if (ft)
        declare_type_params(R, ft->type_params);
    declare_fields(R, recv, OBJF_PARAM | OBJF_RECV);
    if (ft) {
        declare_fields(R, ft->params, OBJF_PARAM);
        declare_fields(R, ft->results, OBJF_RESULT);
    }
    /* what the body declares is new, also when its signature's objects
     * are declared again (sema_resolve_bodies) */
    bool again = R->again;
    R->again = false;
    if (body)
        resolve_list(R, &body->list);
    R->again = again;
    /* labels have function scope: goto L may come before L: */
    for (size_t i = 0; i < forward.len; i++) {
        GoIdent *id = forward.items[i];
        Obj *o = hashmap_get(&labels, id->name, id->len);
        if (o)
            use_set(R->s, id, o);
    }
    array_free(&forward);
    pop(R);
    hashmap_free(&labels);
    R->func = save_func;
    R->labels = save_labels;
    R->forward = save_forward;
}

/* `var x chan T` (or `= nil`): the candidates of the nil-channel rule. */
static bool nil_chan_spec(GoValueSpec *vs)
{
    if (!vs->type || vs->type->kind != GO_CHAN_TYPE)
        return false;
    for (uint32_t i = 0; i < vs->values.len; i++) {
        GoIdent *v = GO_AS(GoIdent, vs->values.items[i]);
        if (!v || !go_ident_eq(v, "nil"))
            return false;
    }
    return true;
}

static void resolve_value_spec(Resolver *R, GoValueSpec *vs, GoTok tok, GoValueSpec *prev, int iota)
{
    if (tok == GO_T_VAR && nil_chan_spec(vs))
        R->s->nil_chan_candidates++;
    resolve(R, vs->type);
    /* const specs without values repeat the previous spec's expressions */
    GoValueSpec *src = vs;
    if (tok == GO_T_CONST && vs->values.len == 0 && prev)
        src = prev;
    if (src == vs)
        resolve_list(R, &vs->values);
    for (uint32_t k = 0; k < vs->names.len; k++) {
        GoIdent *id = (GoIdent *)vs->names.items[k];
        Obj *o = R->top ? obj_new(R, tok == GO_T_CONST ? OBJ_CONST : OBJ_VAR, id, (GoNode *)vs)
                        : use_get(R->s, id);
        if (!o)
            continue;
        o->type_expr = src->type;
        if (src->values.len == vs->names.len)
            o->init = src->values.items[k];
        else if (src->values.len == 1) {
            o->init = src->values.items[0];
            o->init_index = vs->names.len > 1 ? (int)k : -1;
        }
        o->iota = iota;
        if (R->top)
            declare(R, o);
    }
}

static void resolve_gen_decl(Resolver *R, GoGenDecl *gd)
{
    GoValueSpec *prev = NULL;
    for (uint32_t i = 0; i < gd->specs.len; i++) {
        GoNode *sp = gd->specs.items[i];
        if (sp->kind == GO_VALUE_SPEC) {
            GoValueSpec *vs = (GoValueSpec *)sp;
            resolve_value_spec(R, vs, gd->tok, prev, (int)i);
            if (vs->values.len || vs->type)
                prev = vs;
        } else if (sp->kind == GO_TYPE_SPEC) {
            GoTypeSpec *ts = (GoTypeSpec *)sp;
            if (R->top && ts->name) {
                Obj *o = obj_new(R, OBJ_TYPE, ts->name, sp);
                declare(R, o);
            }
            Scope sc;
            push(R, &sc);
            declare_type_params(R, ts->type_params);
            resolve(R, ts->type);
            pop(R);
        }
    }
}

static bool literal_keys_are_values(Resolver *R, GoNode *type)
{
    if (!type)
        return false;
    if (type->kind == GO_MAP_TYPE)
        return true;
    if (type->kind == GO_ARRAY_TYPE)
        return true;
    if (type->kind == GO_IDENT) {
        Obj *o = use_get(R->s, type);
        if (o && o->kind == OBJ_TYPE && o->decl && o->decl->kind == GO_TYPE_SPEC) {
            GoNode *t = ((GoTypeSpec *)o->decl)->type;
            return t && (t->kind == GO_MAP_TYPE || t->kind == GO_ARRAY_TYPE);
        }
    }
    return false;
}

static void resolve_child(GoNode *child, void *ctx)
{
    resolve(ctx, child);
}

static void resolve_define(Resolver *R, GoAssignStmt *as)
{
    resolve_list(R, &as->rhs);
    for (uint32_t i = 0; i < as->lhs.len; i++) {
        GoNode *l = as->lhs.items[i];
        if (l->kind != GO_IDENT) {
            resolve(R, l);
            continue;
        }
        GoIdent *id = (GoIdent *)l;
        if (is_blank(id))
            continue;
        Obj *old = R->top ? scope_find_here(R->top, id->name, id->len) : NULL;
        if (old) {
            use_set(R->s, id, old);
            old->nassign++;
            continue;
        }
        Obj *o = obj_new(R, OBJ_VAR, id, (GoNode *)as);
        if (as->rhs.len == as->lhs.len)
            o->init = as->rhs.items[i];
        else if (as->rhs.len == 1) {
            o->init = as->rhs.items[0];
            o->init_index = (int)i;
        }
        declare(R, o);
    }
}

static void resolve(Resolver *R, GoNode *n)
{
    if (!n)
        return;
    Scope sc;
    switch (n->kind) {
    case GO_IDENT:
        use_ident(R, (GoIdent *)n);
        return;
    case GO_SELECTOR_EXPR:
        resolve(R, ((GoSelectorExpr *)n)->x);
        return;
    case GO_FUNC_LIT: {
        GoFuncLit *fl = (GoFuncLit *)n;
        resolve_body(R, n, NULL, fl->type, fl->body);
        return;
    }
    case GO_FUNC_TYPE: {
        GoFuncType *ft = (GoFuncType *)n;
        resolve_sig_types(R, ft->params);
        resolve_sig_types(R, ft->results);
        return;
    }
    case GO_STRUCT_TYPE: {
        GoStructType *st = (GoStructType *)n;
        resolve_sig_types(R, st->fields);
        return;
    }
    case GO_INTERFACE_TYPE: {
        GoInterfaceType *it = (GoInterfaceType *)n;
        resolve_sig_types(R, it->methods);
        return;
    }
    case GO_COMPOSITE_LIT: {
        GoCompositeLit *cl = (GoCompositeLit *)n;
        resolve(R, cl->type);
        bool keys = literal_keys_are_values(R, cl->type);
        for (uint32_t i = 0; i < cl->elts.len; i++) {
            GoNode *e = cl->elts.items[i];
            if (e->kind == GO_KEY_VALUE_EXPR) {
                GoKeyValueExpr *kv = (GoKeyValueExpr *)e;
                if (keys || (kv->key && kv->key->kind != GO_IDENT))
                    resolve(R, kv->key);
                resolve(R, kv->value);
            } else {
                resolve(R, e);
            }
        }
        return;
    }
    case GO_UNARY_EXPR: {
        GoUnaryExpr *u = (GoUnaryExpr *)n;
        resolve(R, u->x);
        if (u->op == GO_T_AND) {
            GoNode *x = u->x;
            while (x && x->kind == GO_PAREN_EXPR)
                x = ((GoParenExpr *)x)->x;
            Obj *o = x && x->kind == GO_IDENT ? use_get(R->s, x) : NULL;
            if (o)
                o->flags |= OBJF_ADDR;
        }
        return;
    }
    case GO_BLOCK_STMT:
        push(R, &sc);
        resolve_list(R, &((GoBlockStmt *)n)->list);
        pop(R);
        return;
    case GO_DECL_STMT: {
        GoNode *d = ((GoDeclStmt *)n)->decl;
        if (d && d->kind == GO_GEN_DECL)
            resolve_gen_decl(R, (GoGenDecl *)d);
        return;
    }
    case GO_ASSIGN_STMT: {
        GoAssignStmt *as = (GoAssignStmt *)n;
        if (as->tok == GO_T_DEFINE) {
            resolve_define(R, as);
            return;
        }
        resolve_list(R, &as->rhs);
        resolve_list(R, &as->lhs);
        for (uint32_t i = 0; i < as->lhs.len; i++)
            assigned(R, as->lhs.items[i]);
        return;
    }
    case GO_INC_DEC_STMT:
        resolve(R, ((GoIncDecStmt *)n)->x);
        assigned(R, ((GoIncDecStmt *)n)->x);
        return;
    case GO_LABELED_STMT: {
        GoLabeledStmt *ls = (GoLabeledStmt *)n;
        if (ls->label && R->labels) {
            Obj *o = obj_new(R, OBJ_LABEL, ls->label, n);
            hashmap_set(R->labels, o->name, strlen(o->name), o);
        }
        resolve(R, ls->stmt);
        return;
    }
    case GO_BRANCH_STMT: {
        GoBranchStmt *b = (GoBranchStmt *)n;
        if (b->label && R->labels) {
            Obj *o = hashmap_get(R->labels, b->label->name, b->label->len);
            if (o)
                use_set(R->s, b->label, o);
            else if (R->forward)
                array_push(R->forward, b->label);
        }
        return;
    }
    case GO_IF_STMT: {
        GoIfStmt *is = (GoIfStmt *)n;
        push(R, &sc);
        resolve(R, is->init);
        resolve(R, is->cond);
        resolve(R, (GoNode *)is->body);
        resolve(R, is->else_);
        pop(R);
        return;
    }
    case GO_FOR_STMT: {
        GoForStmt *fs = (GoForStmt *)n;
        push(R, &sc);
        resolve(R, fs->init);
        resolve(R, fs->cond);
        resolve(R, fs->post);
        resolve(R, (GoNode *)fs->body);
        pop(R);
        return;
    }
    case GO_RANGE_STMT: {
        GoRangeStmt *rs = (GoRangeStmt *)n;
        array_push(&R->s->range_stmts, n);
        resolve(R, rs->x);
        push(R, &sc);
        if (rs->tok == GO_T_DEFINE) {
            GoNode *kv[2] = {rs->key, rs->value};
            for (int i = 0; i < 2; i++) {
                if (kv[i] && kv[i]->kind == GO_IDENT && !is_blank((GoIdent *)kv[i])) {
                    Obj *o = obj_new(R, OBJ_VAR, (GoIdent *)kv[i], n);
                    o->init_index = i;
                    declare(R, o);
                }
            }
        } else {
            resolve(R, rs->key);
            resolve(R, rs->value);
            if (rs->key)
                assigned(R, rs->key);
            if (rs->value)
                assigned(R, rs->value);
        }
        resolve(R, (GoNode *)rs->body);
        pop(R);
        return;
    }
    case GO_SWITCH_STMT: {
        GoSwitchStmt *ss = (GoSwitchStmt *)n;
        push(R, &sc);
        resolve(R, ss->init);
        resolve(R, ss->tag);
        if (ss->body)
            for (uint32_t i = 0; i < ss->body->list.len; i++) {
                GoCaseClause *cc = GO_AS(GoCaseClause, ss->body->list.items[i]);
                if (!cc)
                    continue;
                Scope cs;
                push(R, &cs);
                resolve_list(R, &cc->list);
                resolve_list(R, &cc->body);
                pop(R);
            }
        pop(R);
        return;
    }
    case GO_TYPE_SWITCH_STMT: {
        GoTypeSwitchStmt *ts = (GoTypeSwitchStmt *)n;
        push(R, &sc);
        resolve(R, ts->init);
        GoIdent *bind = NULL;
        GoAssignStmt *as = GO_AS(GoAssignStmt, ts->assign);
        if (as && as->tok == GO_T_DEFINE && as->lhs.len == 1 && as->lhs.items[0]->kind == GO_IDENT) {
            bind = (GoIdent *)as->lhs.items[0];
            resolve_list(R, &as->rhs);
        } else {
            resolve(R, ts->assign);
        }
        Obj *bo = NULL;
        if (bind && !is_blank(bind))
            bo = obj_new(R, OBJ_VAR, bind, n);
        if (ts->body)
            for (uint32_t i = 0; i < ts->body->list.len; i++) {
                GoCaseClause *cc = GO_AS(GoCaseClause, ts->body->list.items[i]);
                if (!cc)
                    continue;
                Scope cs;
                push(R, &cs);
                resolve_list(R, &cc->list);
                if (bo) {
                    /* One object per clause in go/types; one here, typed
                     * by the clause's single type when there is one. */
                    scope_add(R->top, bo);
                }
                resolve_list(R, &cc->body);
                pop(R);
            }
        pop(R);
        return;
    }
    case GO_SELECT_STMT: {
        GoSelectStmt *ss = (GoSelectStmt *)n;
        if (ss->body)
            for (uint32_t i = 0; i < ss->body->list.len; i++) {
                GoCommClause *cc = GO_AS(GoCommClause, ss->body->list.items[i]);
                if (!cc)
                    continue;
                push(R, &sc);
                resolve(R, cc->comm);
                resolve_list(R, &cc->body);
                pop(R);
            }
        return;
    }
    case GO_CASE_CLAUSE: case GO_COMM_CLAUSE:
        /* handled by their statements */
        return;
    case GO_GO_STMT:
        array_push(&R->s->go_stmts, n);
        go_children(n, resolve_child, R);
        return;
    case GO_EXPR_STMT: {
        /* X.Go(f): maybe a sync.WaitGroup starting f; sema_go_func decides
         * once types can be asked */
        GoCallExpr *c = GO_AS(GoCallExpr, ((GoExprStmt *)n)->x);
        GoSelectorExpr *se = c ? GO_AS(GoSelectorExpr, c->fun) : NULL;
        if (se && se->sel && c->args.len == 1 && go_ident_eq(se->sel, "Go"))
            array_push(&R->s->go_stmts, n);
        go_children(n, resolve_child, R);
        return;
    }
    default:
        go_children(n, resolve_child, R);
        return;
    }
}

/* Package scope: every file's top-level names, then per-file imports. */
static char *default_import_name(const char *path, size_t len, Arena *a)
{
    const char *end = path + len, *s = path;
    for (const char *p = path; p < end; p++)
        if (*p == '/')
            s = p + 1;
    /* "example.com/x/v2" is package x */
    if (end - s >= 2 && s[0] == 'v' && s > path + 1) {
        bool digits = true;
        for (const char *p = s + 1; p < end; p++)
            digits = digits && *p >= '0' && *p <= '9';
        if (digits) {
            end = s - 1;
            s = path;
            for (const char *p = path; p < end; p++)
                if (*p == '/')
                    s = p + 1;
        }
    }
    /* gopkg.in/yaml.v2 is yaml; go-foo is usually foo */
    const char *dot = memchr(s, '.', (size_t)(end - s));
    if (dot && dot[1] == 'v')
        end = dot;
    if (end - s > 3 && memcmp(s, "go-", 3) == 0)
        s += 3;
    char *r = arena_strndup(a, s, (size_t)(end - s));
    for (char *p = r; *p; p++)
        if (*p == '-' || *p == '.')
            *p = '_';
    return r;
}

static void collect_package(Resolver *R)
{
    Sema *s = R->s;
    for (int f = 0; f < s->nfiles; f++) {
        GoFile *file = s->files[f];
        hashmap_init(&s->file_scopes[f]);
        if (!file)
            continue;
        for (uint32_t i = 0; i < file->imports.len; i++) {
            GoImportSpec *is = GO_AS(GoImportSpec, file->imports.items[i]);
            if (!is || !is->path || is->path->len < 2)
                continue;
            const char *path = sema_intern(s, is->path->text + 1, is->path->len - 2);
            Obj *o = ARENA_NEW(&s->arena, Obj);
            o->kind = OBJ_PKGNAME;
            o->decl = (GoNode *)is;
            o->import_path = path;
            o->owner = s;
            o->init_index = -1;
            if (is->name) {
                if (is_blank(is->name) || go_ident_eq(is->name, "."))
                    continue;
                o->ident = is->name;
                o->name = sema_intern(s, is->name->name, is->name->len);
                o->name_len = is->name->len;
                use_set(s, is->name, o);
            } else {
                o->name = default_import_name(path, strlen(path), &s->arena);
                o->name_len = (uint32_t)strlen(o->name);
            }
            hashmap_set(&s->file_scopes[f], o->name, strlen(o->name), o);
        }
        for (uint32_t i = 0; i < file->decls.len; i++) {
            GoNode *d = file->decls.items[i];
            if (d->kind == GO_FUNC_DECL) {
                GoFuncDecl *fd = (GoFuncDecl *)d;
                if (!fd->name)
                    continue;
                if (fd->recv && fd->recv->fields.len == 1) {
                    GoNode *t = ((GoField *)fd->recv->fields.items[0])->type;
                    if (t && t->kind == GO_STAR_EXPR)
                        t = ((GoStarExpr *)t)->x;
                    if (t && t->kind == GO_INDEX_EXPR)
                        t = ((GoIndexExpr *)t)->x;
                    if (t && t->kind == GO_IDENT) {
                        GoIdent *tn = (GoIdent *)t;
                        char *key = arena_alloc(&s->arena, tn->len + fd->name->len + 2);
                        memcpy(key, tn->name, tn->len);
                        key[tn->len] = '.';
                        memcpy(key + tn->len + 1, fd->name->name, fd->name->len);
                        key[tn->len + 1 + fd->name->len] = 0;
                        hashmap_set(&s->methods, key, strlen(key), fd);
                    }
                }
                if (!fd->recv) {
                    Obj *o = obj_new(R, OBJ_FUNC, fd->name, d);
                    o->flags |= OBJF_GLOBAL;
                    if (!go_ident_eq(fd->name, "init"))
                        declare(R, o);
                }
                continue;
            }
            GoGenDecl *gd = GO_AS(GoGenDecl, d);
            if (!gd || gd->tok == GO_T_IMPORT)
                continue;
            GoValueSpec *prev = NULL;
            for (uint32_t k = 0; k < gd->specs.len; k++) {
                GoNode *sp = gd->specs.items[k];
                if (sp->kind == GO_TYPE_SPEC) {
                    GoTypeSpec *ts = (GoTypeSpec *)sp;
                    if (ts->name) {
                        Obj *o = obj_new(R, OBJ_TYPE, ts->name, sp);
                        o->flags |= OBJF_GLOBAL;
                        declare(R, o);
                    }
                } else if (sp->kind == GO_VALUE_SPEC) {
                    GoValueSpec *vs = (GoValueSpec *)sp;
                    GoValueSpec *src = (gd->tok == GO_T_CONST && !vs->values.len && prev) ? prev : vs;
                    for (uint32_t j = 0; j < vs->names.len; j++) {
                        Obj *o = obj_new(R, gd->tok == GO_T_CONST ? OBJ_CONST : OBJ_VAR,
                                         (GoIdent *)vs->names.items[j], sp);
                        o->flags |= OBJF_GLOBAL;
                        o->iota = (int)k;
                        o->type_expr = src->type;
                        if (src->values.len == vs->names.len)
                            o->init = src->values.items[j];
                        else if (src->values.len == 1) {
                            o->init = src->values.items[0];
                            o->init_index = vs->names.len > 1 ? (int)j : -1;
                        }
                        declare(R, o);
                    }
                    if (vs->values.len || vs->type)
                        prev = vs;
                }
            }
        }
    }
}

static void resolve_func_decl(Resolver *R, GoFuncDecl *fd)
{
    /* receiver type parameters: (r *T[K, V]) declares K and V */
    Scope sc;
    push(R, &sc);
    if (fd->recv)
        for (uint32_t k = 0; k < fd->recv->fields.len; k++) {
            GoField *fld = (GoField *)fd->recv->fields.items[k];
            GoNode *t = fld->type;
            if (t && t->kind == GO_STAR_EXPR)
                t = ((GoStarExpr *)t)->x;
            GoIndexExpr *ix = GO_AS(GoIndexExpr, t);
            if (ix)
                for (uint32_t j = 0; j < ix->indices.len; j++)
                    if (ix->indices.items[j]->kind == GO_IDENT) {
                        if (R->again) {
                            declare_again(R, (GoIdent *)ix->indices.items[j]);
                            continue;
                        }
                        Obj *o = obj_new(R, OBJ_TYPE, (GoIdent *)ix->indices.items[j], (GoNode *)fld);
                        declare(R, o);
                    }
        }
    R->sig_only = !R->again && fd->body_pos && !fd->body;
    resolve_body(R, &fd->n, fd->recv, fd->type, fd->body);
    R->sig_only = false;
    pop(R);
}

static void resolve_file(Resolver *R, int f)
{
    GoFile *file = R->s->files[f];
    R->file = f;
    for (uint32_t i = 0; i < file->decls.len; i++) {
        GoNode *d = file->decls.items[i];
        if (d->kind == GO_FUNC_DECL) {
            resolve_func_decl(R, (GoFuncDecl *)d);
        } else if (d->kind == GO_GEN_DECL) {
            GoGenDecl *gd = (GoGenDecl *)d;
            if (gd->tok != GO_T_IMPORT)
                resolve_gen_decl(R, gd);
        }
    }
}

void sema_build(Sema *s, World *w, Package *pkg, GoFile **files, int nfiles)
{
    memset(s, 0, sizeof *s);
    s->world = w;
    s->pkg = pkg;
    s->files = files;
    s->nfiles = nfiles;
    arena_init(&s->arena);
    s->ranges = ARENA_ARRAY(&s->arena, SemaRange, nfiles ? nfiles : 1);
    for (int f = 0; f < nfiles; f++)
        if (files[f] && files[f]->file)
            s->ranges[s->nranges++] = (SemaRange){files[f]->file->base, files[f]->file->len};
    qsort(s->ranges, s->nranges, sizeof *s->ranges, cmp_range);
    hashmap_init(&s->scope);
    hashmap_init(&s->ext);
    s->file_scopes = xcalloc((size_t)(nfiles ? nfiles : 1), sizeof(HashMap));
    ptrmap_init(&s->types);
    ptrmap_init(&s->named);
    ptrmap_init(&s->cfgs);
    hashmap_init(&s->methods);
    ptrmap_init(&s->parents);
    ptrmap_init(&s->parents_done);
    Resolver R = {s, -1, NULL, NULL, NULL, NULL, false, false};
    collect_package(&R);
    for (int f = 0; f < nfiles; f++)
        if (files[f])
            resolve_file(&R, f);
    s->funcs_done = true; /* resolve_body listed every function */
}

void sema_resolve_bodies(Sema *s, Arena *a)
{
    /* parents recorded before the bodies were there would lack them */
    ptrmap_free(&s->parents);
    ptrmap_free(&s->parents_done);
    Resolver R = {s, -1, NULL, NULL, NULL, NULL, true, false};
    for (int f = 0; f < s->nfiles; f++) {
        GoFile *file = s->files[f];
        if (!file)
            continue;
        R.file = f;
        for (uint32_t i = 0; i < file->decls.len; i++) {
            GoFuncDecl *fd = GO_AS(GoFuncDecl, file->decls.items[i]);
            if (!fd || fd->body || !fd->body_pos)
                continue;
            fd->body = go_parse_body(file, fd, a);
            if (fd->body)
                resolve_func_decl(&R, fd);
        }
    }
}

void sema_drop_bodies(Sema *s)
{
    for (int f = 0; f < s->nfiles; f++)
        if (s->files[f])
            for (uint32_t i = 0; i < s->files[f]->decls.len; i++) {
                GoFuncDecl *fd = GO_AS(GoFuncDecl, s->files[f]->decls.items[i]);
                if (fd && fd->body_pos)
                    fd->body = NULL;
            }
}

void sema_release(Sema *s)
{
    if (s->flow && s->flow_free)
        s->flow_free(s->flow);
    s->flow = NULL;
    for (size_t i = 0; i < s->cfgs.cap; i++)
        if (s->cfgs.keys && s->cfgs.keys[i])
            cfg_free(s->cfgs.vals[i]);
    ptrmap_free(&s->cfgs);
    ptrmap_free(&s->parents);
    ptrmap_free(&s->parents_done);
    ptrmap_free(&s->types);
    ptrmap_free(&s->named);
    hashmap_free(&s->ext);
    array_free(&s->funcs);
    s->funcs_done = false;
    array_free(&s->go_stmts);
    array_free(&s->range_stmts);
    if (s->prepared && s->built.head) {
        arena_free(&s->arena);
        s->arena = s->built;
        memset(&s->built, 0, sizeof s->built);
    }
}

void sema_free(Sema *s)
{
    if (s->flow && s->flow_free)
        s->flow_free(s->flow);
    s->flow = NULL;
    for (size_t i = 0; i < s->cfgs.cap; i++)
        if (s->cfgs.keys && s->cfgs.keys[i])
            cfg_free(s->cfgs.vals[i]);
    for (int f = 0; f < s->nfiles; f++)
        hashmap_free(&s->file_scopes[f]);
    free(s->file_scopes);
    hashmap_free(&s->scope);
    hashmap_free(&s->ext);
    ptrmap_free(&s->types);
    ptrmap_free(&s->named);
    ptrmap_free(&s->cfgs);
    hashmap_free(&s->methods);
    ptrmap_free(&s->parents);
    ptrmap_free(&s->parents_done);
    array_free(&s->funcs);
    array_free(&s->go_stmts);
    array_free(&s->range_stmts);
    arena_free(&s->arena);
    arena_free(&s->built);
}

Obj *sema_obj(Sema *s, const GoIdent *id)
{
    return use_get(s, id);
}

Obj *sema_expr_obj(Sema *s, GoNode *e)
{
    while (e && e->kind == GO_PAREN_EXPR)
        e = ((GoParenExpr *)e)->x;
    return e && e->kind == GO_IDENT ? sema_obj(s, (GoIdent *)e) : NULL;
}

typedef struct {
    Sema *s;
    Array(GoNode *) stack;
} ParentCtx;

static bool parent_pre(GoNode *n, void *ctx)
{
    ParentCtx *pc = ctx;
    if (pc->stack.len)
        ptrmap_set(&pc->s->parents, n, *array_last(&pc->stack));
    array_push(&pc->stack, n);
    return true;
}

static void parent_post(GoNode *n, void *ctx)
{
    (void)n;
    ParentCtx *pc = ctx;
    pc->stack.len--;
}

/* The top-level declaration of file f whose source holds n, or NULL. */
static GoNode *decl_holding(GoFile *f, const GoNode *n)
{
    uint32_t lo = 0, hi = f->decls.len;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (f->decls.items[mid]->pos <= n->pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    GoNode *d = lo ? f->decls.items[lo - 1] : NULL;
    return d && n->pos <= d->end ? d : NULL;
}

/* Parents are recorded one top-level declaration at a time, the first
 * time a node in it is asked about: rules ask about few declarations of
 * a big generated package, whose table for every node would be the
 * largest thing the package's check holds. */
GoNode *sema_parent(Sema *s, const GoNode *n)
{
    GoNode *p = ptrmap_get(&s->parents, n);
    if (p || !n)
        return p;
    int fi = sema_file_of(s, n);
    GoFile *f = fi >= 0 ? s->files[fi] : NULL;
    if (!f || (const GoNode *)f == n)
        return NULL;
    GoNode *d = decl_holding(f, n);
    if (!d)
        return f->name == (const GoIdent *)n ? (GoNode *)f : NULL;
    if (d == n)
        return (GoNode *)f;
    if (ptrmap_get(&s->parents_done, d))
        return NULL;
    ptrmap_set(&s->parents_done, d, d);
    ParentCtx pc = {s, {0}};
    array_push(&pc.stack, (GoNode *)f);
    go_inspect(d, parent_pre, parent_post, &pc);
    array_free(&pc.stack);
    return ptrmap_get(&s->parents, n);
}

GoNode *sema_enclosing_func(Sema *s, const GoNode *n)
{
    for (GoNode *p = sema_parent(s, n); p; p = sema_parent(s, p))
        if (p->kind == GO_FUNC_DECL || p->kind == GO_FUNC_LIT)
            return p;
    return NULL;
}

int sema_file_of(Sema *s, const GoNode *n)
{
    for (int f = 0; f < s->nfiles; f++) {
        GoFile *file = s->files[f];
        if (file && file->file && n->pos >= file->file->base && n->pos <= file->file->base + file->file->len)
            return f;
    }
    return -1;
}

typedef struct {
    Sema *s;
    Obj *o;
    bool found;
} MentionCtx;

static bool mention_pre(GoNode *n, void *ctx)
{
    MentionCtx *m = ctx;
    if (m->found)
        return false;
    if (n->kind == GO_IDENT && use_get(m->s, n) == m->o)
        m->found = true;
    return !m->found;
}

bool sema_mentions(Sema *s, GoNode *n, Obj *o)
{
    if (!n)
        return false;
    MentionCtx m = {s, o, false};
    go_inspect(n, mention_pre, NULL, &m);
    return m.found;
}

Sema *world_lookup(World *w, const char *import_path)
{
    return w ? hashmap_get(&w->by_path, import_path, strlen(import_path)) : NULL;
}

bool sema_qualified(Sema *s, GoSelectorExpr *se, const char **path, Sema **pkg, Obj **obj)
{
    Obj *p = se->sel ? sema_expr_obj(s, se->x) : NULL;
    if (!p || p->kind != OBJ_PKGNAME)
        return false;
    *path = p->import_path;
    *pkg = world_lookup(s->world, p->import_path);
    *obj = *pkg ? hashmap_get(&(*pkg)->scope, se->sel->name, se->sel->len) : NULL;
    return true;
}

static bool funcs_pre(GoNode *n, void *ctx)
{
    Sema *s = ctx;
    if ((n->kind == GO_FUNC_DECL && ((GoFuncDecl *)n)->body) || (n->kind == GO_FUNC_LIT && ((GoFuncLit *)n)->body))
        array_push(&s->funcs, n);
    /* functions only hide inside declarations, statements and expressions */
    return true;
}

GoNode **sema_funcs(Sema *s, size_t *n)
{
    if (!s->funcs_done) {
        s->funcs_done = true;
        for (int f = 0; f < s->nfiles; f++)
            if (s->files[f])
                go_inspect((GoNode *)s->files[f], funcs_pre, NULL, s);
    }
    *n = s->funcs.len;
    return s->funcs.items;
}
