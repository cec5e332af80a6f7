/* types.c - types from type expressions, sizes in bytes (64-bit layout),
 * integer constant evaluation, and printing. */
#include <ctype.h>
#include <errno.h>

#include "sema.h"

typedef struct {
    const char *name;
    int64_t size, align;
} BasicInfo;

static const BasicInfo basics[] = {
    {"bool", 1, 1}, {"byte", 1, 1}, {"uint8", 1, 1}, {"int8", 1, 1},
    {"int16", 2, 2}, {"uint16", 2, 2}, {"int32", 4, 4}, {"uint32", 4, 4},
    {"rune", 4, 4}, {"float32", 4, 4}, {"int", 8, 8}, {"uint", 8, 8},
    {"int64", 8, 8}, {"uint64", 8, 8}, {"uintptr", 8, 8}, {"float64", 8, 8},
    {"complex64", 8, 4}, {"complex128", 16, 8}, {"string", 16, 8},
    {"error", 16, 8}, {"any", 16, 8}, {"unsafe.Pointer", 8, 8},
    {"untyped int", 8, 8}, {"untyped float", 8, 8}, {"untyped string", 16, 8},
    {"untyped rune", 4, 4}, {"untyped bool", 1, 1},
};

static Type basic_types[ARRAY_LEN(basics)];
static pthread_once_t basics_once = PTHREAD_ONCE_INIT;

static void basics_init(void)
{
    for (size_t i = 0; i < ARRAY_LEN(basics); i++) {
        basic_types[i].kind = TY_BASIC;
        basic_types[i].name = basics[i].name;
        basic_types[i].len = -1;
    }
}

Type *type_basic(const char *name)
{
    pthread_once(&basics_once, basics_init);
    for (size_t i = 0; i < ARRAY_LEN(basics); i++)
        if (strcmp(basics[i].name, name) == 0)
            return &basic_types[i];
    return NULL;
}

Type *type_new(Sema *s, TypeKind k)
{
    Type *t = ARENA_NEW(&s->arena, Type);
    t->kind = k;
    t->len = -1;
    return t;
}

static Type *type_expr(Sema *s, Sema *src, GoNode *e);

/* Named types outside the loaded packages ("time.Ticker"), one per Sema. */
Type *type_named_ext(Sema *s, const char *pkg, const char *name)
{
    char key[256];
    int n = snprintf(key, sizeof key, "%s.%s", pkg, name);
    if (n < 0 || (size_t)n >= sizeof key)
        return NULL;
    Type *found = hashmap_get(&s->ext, key, (size_t)n);
    if (found)
        return found;
    int ins = 0;
    void **slot = hashmap_put(&s->ext, sema_intern(s, key, (size_t)n), (size_t)n, &ins);
    if (!ins)
        return *slot;
    Type *t = type_new(s, TY_NAMED);
    t->pkg = sema_intern(s, pkg, strlen(pkg));
    t->name = sema_intern(s, name, strlen(name));
    t->underlying_done = true; /* unknown unless stdlib.c fills it in */
    *slot = t;
    return t;
}

static Type *named_for_spec(Sema *s, Sema *owner, GoTypeSpec *ts)
{
    Type *t = ptrmap_get(&s->named, ts);
    if (t)
        return t;
    t = type_new(s, TY_NAMED);
    t->name = sema_intern(s, ts->name->name, ts->name->len);
    t->pkg = owner->pkg ? owner->pkg->import_path : "";
    t->spec = ts;
    t->spec_owner = owner;
    t->home = s;
    ptrmap_set(&s->named, ts, t);
    if (ts->assign != GO_NOPOS) {
        /* alias: the type itself */
        Type *u = type_expr(s, owner, ts->type);
        if (u) {
            ptrmap_set(&s->named, ts, u);
            return u;
        }
    }
    return t;
}

Type *type_underlying(Type *t)
{
    for (int depth = 0; t && t->kind == TY_NAMED && depth < 32; depth++) {
        if (!t->underlying_done) {
            t->underlying_done = true;
            if (t->spec && t->spec_owner) {
                t->underlying = type_expr(t->home, t->spec_owner, t->spec->type);
            }
        }
        t = t->underlying;
    }
    return t && t->kind == TY_NAMED ? NULL : t;
}

static Type *fields_to_types(Sema *s, Sema *src, GoFieldList *fl, Type ***out, int *n, bool *variadic)
{
    *out = NULL;
    *n = 0;
    if (!fl)
        return NULL;
    int count = 0;
    for (uint32_t i = 0; i < fl->fields.len; i++) {
        GoField *f = (GoField *)fl->fields.items[i];
        count += f->names.len ? (int)f->names.len : 1;
    }
    Type **ts = ARENA_ARRAY(&s->arena, Type *, count ? count : 1);
    int k = 0;
    for (uint32_t i = 0; i < fl->fields.len; i++) {
        GoField *f = (GoField *)fl->fields.items[i];
        GoNode *te = f->type;
        if (te && te->kind == GO_ELLIPSIS) {
            if (variadic)
                *variadic = true;
            Type *sl = type_new(s, TY_SLICE);
            sl->elem = type_expr(s, src, ((GoEllipsis *)te)->elt);
            for (uint32_t j = 0; j < (f->names.len ? f->names.len : 1); j++)
                ts[k++] = sl;
            continue;
        }
        Type *t = type_expr(s, src, te);
        for (uint32_t j = 0; j < (f->names.len ? f->names.len : 1); j++)
            ts[k++] = t;
    }
    *out = ts;
    *n = count;
    return NULL;
}

static Type *func_type(Sema *s, Sema *src, GoFuncType *ft)
{
    Type *t = type_new(s, TY_FUNC);
    if (!ft)
        return t;
    fields_to_types(s, src, ft->params, &t->params, &t->nparams, &t->variadic);
    fields_to_types(s, src, ft->results, &t->results, &t->nresults, NULL);
    return t;
}

Type *sema_func_type(Sema *s, Sema *src, GoFuncType *ft)
{
    return func_type(s, src, ft);
}

Type *sema_type_expr(Sema *s, GoNode *e, int file)
{
    (void)file;
    return type_expr(s, s, e);
}

Type *sema_type_expr_in(Sema *s, Sema *src, GoNode *e)
{
    return type_expr(s, src, e);
}

/* s: where results are memoized and allocated (the calling thread's Sema);
 * src: the package whose identifiers e uses (read only). */
static Type *type_expr(Sema *s, Sema *src, GoNode *e)
{
    if (!e)
        return NULL;
    Type *memo = ptrmap_get(&s->types, e);
    if (memo)
        return memo;
    Type *t = NULL;
    switch (e->kind) {
    case GO_PAREN_EXPR:
        t = type_expr(s, src, ((GoParenExpr *)e)->x);
        break;
    case GO_IDENT: {
        Obj *o = sema_obj(src, (GoIdent *)e);
        if (!o || o->kind != OBJ_TYPE)
            break;
        if (!o->decl) {
            t = type_basic(o->name); /* predeclared */
            if (!t && strcmp(o->name, "byte") != 0)
                t = NULL;
        } else if (o->decl->kind == GO_TYPE_SPEC) {
            t = named_for_spec(s, o->owner, (GoTypeSpec *)o->decl);
        }
        break;
    }
    case GO_SELECTOR_EXPR: {
        GoSelectorExpr *se = (GoSelectorExpr *)e;
        Obj *p = sema_expr_obj(src, se->x);
        if (!p || p->kind != OBJ_PKGNAME || !se->sel)
            break;
        char *name = go_ident_str(se->sel, &s->arena);
        if (strcmp(p->import_path, "unsafe") == 0 && strcmp(name, "Pointer") == 0) {
            t = type_basic("unsafe.Pointer");
            break;
        }
        Sema *other = world_lookup(s->world, p->import_path);
        if (other) {
            Obj *o = hashmap_get(&other->scope, name, strlen(name));
            if (o && o->kind == OBJ_TYPE && o->decl && o->decl->kind == GO_TYPE_SPEC)
                t = named_for_spec(s, other, (GoTypeSpec *)o->decl);
        } else {
            t = type_named_ext(s, p->import_path, name);
        }
        break;
    }
    case GO_STAR_EXPR:
        t = type_new(s, TY_POINTER);
        t->elem = type_expr(s, src, ((GoStarExpr *)e)->x);
        break;
    case GO_ARRAY_TYPE: {
        GoArrayType *at = (GoArrayType *)e;
        t = type_new(s, at->len ? TY_ARRAY : TY_SLICE);
        t->elem = type_expr(s, src, at->elt);
        if (at->len && !sema_const_int(src, at->len, &t->len))
            t->len = -1;
        break;
    }
    case GO_MAP_TYPE:
        t = type_new(s, TY_MAP);
        t->key = type_expr(s, src, ((GoMapType *)e)->key);
        t->elem = type_expr(s, src, ((GoMapType *)e)->value);
        break;
    case GO_CHAN_TYPE:
        t = type_new(s, TY_CHAN);
        t->chan_dir = ((GoChanType *)e)->dir;
        t->elem = type_expr(s, src, ((GoChanType *)e)->value);
        break;
    case GO_FUNC_TYPE:
        t = func_type(s, src, (GoFuncType *)e);
        break;
    case GO_INTERFACE_TYPE:
        t = type_new(s, TY_INTERFACE);
        break;
    case GO_STRUCT_TYPE: {
        GoStructType *st = (GoStructType *)e;
        t = type_new(s, TY_STRUCT);
        ptrmap_set(&s->types, e, t); /* before fields: self-reference via pointers */
        if (!st->fields)
            break;
        int count = 0;
        for (uint32_t i = 0; i < st->fields->fields.len; i++) {
            GoField *f = (GoField *)st->fields->fields.items[i];
            count += f->names.len ? (int)f->names.len : 1;
        }
        TypeField *fs = ARENA_ARRAY(&s->arena, TypeField, count ? count : 1);
        int k = 0;
        for (uint32_t i = 0; i < st->fields->fields.len; i++) {
            GoField *f = (GoField *)st->fields->fields.items[i];
            Type *ft = type_expr(s, src, f->type);
            if (!f->names.len) {
                fs[k].embedded = true;
                GoNode *te = f->type;
                if (te && te->kind == GO_STAR_EXPR)
                    te = ((GoStarExpr *)te)->x;
                if (te && te->kind == GO_SELECTOR_EXPR)
                    te = (GoNode *)((GoSelectorExpr *)te)->sel;
                if (te && te->kind == GO_INDEX_EXPR)
                    te = ((GoIndexExpr *)te)->x;
                fs[k].name = te && te->kind == GO_IDENT ? go_ident_str((GoIdent *)te, &s->arena) : NULL;
                fs[k++].type = ft;
                continue;
            }
            for (uint32_t j = 0; j < f->names.len; j++) {
                fs[k].name = go_ident_str((GoIdent *)f->names.items[j], &s->arena);
                fs[k++].type = ft;
            }
        }
        t->fields = fs;
        t->nfields = k;
        break;
    }
    default:
        break;
    }
    if (t)
        ptrmap_set(&s->types, e, t);
    return t;
}

static int64_t type_align(Type *t, int depth);

static int64_t size_rec(Type *t, int depth)
{
    if (!t || depth > 16)
        return -1;
    switch (t->kind) {
    case TY_BASIC:
        for (size_t i = 0; i < ARRAY_LEN(basics); i++)
            if (strcmp(basics[i].name, t->name) == 0)
                return basics[i].size;
        return -1;
    case TY_NAMED: {
        Type *u = type_underlying(t);
        if (!u && t->pkg) {
            /* well-known std types of fixed size */
            if (strcmp(t->pkg, "time") == 0 && strcmp(t->name, "Duration") == 0)
                return 8;
            if (strcmp(t->pkg, "sync") == 0 && strcmp(t->name, "Mutex") == 0)
                return 8;
        }
        return size_rec(u, depth + 1);
    }
    case TY_POINTER: case TY_MAP: case TY_CHAN: case TY_FUNC: case TY_UNTYPED_NIL:
        return 8;
    case TY_SLICE:
        return 24;
    case TY_INTERFACE:
        return 16;
    case TY_ARRAY: {
        if (t->len < 0)
            return -1;
        int64_t es = size_rec(t->elem, depth + 1);
        if (es < 0)
            return -1;
        if (es && t->len > INT64_MAX / es)
            return INT64_MAX;
        return es * t->len;
    }
    case TY_STRUCT: {
        int64_t off = 0, maxa = 1;
        for (int i = 0; i < t->nfields; i++) {
            int64_t fs = size_rec(t->fields[i].type, depth + 1);
            int64_t fa = type_align(t->fields[i].type, depth + 1);
            if (fs < 0 || fa <= 0)
                return -1;
            off = (off + fa - 1) / fa * fa;
            if (off > INT64_MAX - fs)
                return INT64_MAX;
            off += fs;
            maxa = MAX(maxa, fa);
        }
        return (off + maxa - 1) / maxa * maxa;
    }
    default:
        return -1;
    }
}

static int64_t type_align(Type *t, int depth)
{
    if (!t || depth > 16)
        return -1;
    switch (t->kind) {
    case TY_BASIC:
        for (size_t i = 0; i < ARRAY_LEN(basics); i++)
            if (strcmp(basics[i].name, t->name) == 0)
                return basics[i].align;
        return -1;
    case TY_NAMED: {
        Type *u = type_underlying(t);
        if (!u && t->pkg && strcmp(t->pkg, "time") == 0 && strcmp(t->name, "Duration") == 0)
            return 8;
        if (!u && t->pkg && strcmp(t->pkg, "sync") == 0 && strcmp(t->name, "Mutex") == 0)
            return 4;
        return type_align(u, depth + 1);
    }
    case TY_ARRAY:
        return type_align(t->elem, depth + 1);
    case TY_STRUCT: {
        int64_t a = 1;
        for (int i = 0; i < t->nfields; i++) {
            int64_t fa = type_align(t->fields[i].type, depth + 1);
            if (fa < 0)
                return -1;
            a = MAX(a, fa);
        }
        return a;
    }
    default:
        return 8;
    }
}

int64_t type_size(Type *t)
{
    return size_rec(t, 0);
}

bool type_is_named(Type *t, const char *pkg, const char *name)
{
    return t && t->kind == TY_NAMED && t->pkg && strcmp(t->pkg, pkg) == 0 && strcmp(t->name, name) == 0;
}

bool type_is_named_ptr(Type *t, const char *pkg, const char *name)
{
    if (t && t->kind == TY_POINTER)
        t = t->elem;
    return type_is_named(t, pkg, name);
}

static void tstr(Type *t, StrBuf *out, int depth)
{
    if (!t || depth > 8) {
        sb_puts(out, "?");
        return;
    }
    switch (t->kind) {
    case TY_BASIC: sb_puts(out, t->name); break;
    case TY_NAMED: {
        if (t->spec) { /* declared in a loaded package: the bare name reads best */
            sb_puts(out, t->name);
            break;
        }
        const char *p = t->pkg ? strrchr(t->pkg, '/') : NULL;
        p = p ? p + 1 : t->pkg;
        if (p && *p)
            sb_printf(out, "%s.%s", p, t->name);
        else
            sb_puts(out, t->name);
        break;
    }
    case TY_POINTER: sb_putc(out, '*'); tstr(t->elem, out, depth + 1); break;
    case TY_SLICE: sb_puts(out, "[]"); tstr(t->elem, out, depth + 1); break;
    case TY_ARRAY: sb_printf(out, "[%lld]", (long long)t->len); tstr(t->elem, out, depth + 1); break;
    case TY_MAP: sb_puts(out, "map["); tstr(t->key, out, depth + 1); sb_putc(out, ']'); tstr(t->elem, out, depth + 1); break;
    case TY_CHAN:
        sb_puts(out, t->chan_dir == GO_CHAN_RECV ? "<-chan " : t->chan_dir == GO_CHAN_SEND ? "chan<- " : "chan ");
        tstr(t->elem, out, depth + 1);
        break;
    case TY_STRUCT: sb_puts(out, "struct{...}"); break;
    case TY_FUNC: sb_puts(out, "func(...)"); break;
    case TY_INTERFACE: sb_puts(out, "interface{...}"); break;
    case TY_TUPLE: sb_puts(out, "(...)"); break;
    case TY_UNTYPED_NIL: sb_puts(out, "nil"); break;
    }
}

void type_string(Type *t, StrBuf *out)
{
    tstr(t, out, 0);
}

/* ---- constants --------------------------------------------------------- */

static bool parse_int_lit(const char *p, size_t n, int64_t *out)
{
    char buf[80];
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < sizeof buf; i++)
        if (p[i] != '_')
            buf[k++] = p[i];
    buf[k] = 0;
    int base = 10;
    const char *s = buf;
    if (k > 1 && s[0] == '0') {
        if (s[1] == 'x' || s[1] == 'X') { base = 16; s += 2; }
        else if (s[1] == 'b' || s[1] == 'B') { base = 2; s += 2; }
        else if (s[1] == 'o' || s[1] == 'O') { base = 8; s += 2; }
        else base = 8;
    }
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, base);
    if (errno || *end)
        return false;
    *out = v;
    return true;
}

static bool const_rec(Sema *s, GoNode *e, int64_t *out, int depth, int iota);

static bool const_obj(Sema *s, Obj *o, int64_t *out, int depth)
{
    if (!o || o->kind != OBJ_CONST)
        return false;
    if (!o->decl) {
        return false; /* true/false/iota handled by the caller */
    }
    Sema *owner = o->owner ? o->owner : s;
    return o->init && const_rec(owner, o->init, out, depth + 1, o->iota);
}

static bool const_rec(Sema *s, GoNode *e, int64_t *out, int depth, int iota)
{
    if (!e || depth > 40)
        return false;
    switch (e->kind) {
    case GO_BASIC_LIT: {
        GoBasicLit *bl = (GoBasicLit *)e;
        if (bl->kind == GO_T_INT)
            return parse_int_lit(bl->text, bl->len, out);
        if (bl->kind == GO_T_CHAR && bl->len == 3) {
            *out = (unsigned char)bl->text[1];
            return true;
        }
        return false;
    }
    case GO_PAREN_EXPR:
        return const_rec(s, ((GoParenExpr *)e)->x, out, depth + 1, iota);
    case GO_IDENT: {
        Obj *o = sema_obj(s, (GoIdent *)e);
        if (o && o->kind == OBJ_CONST && !o->decl && strcmp(o->name, "iota") == 0) {
            *out = iota;
            return iota >= 0;
        }
        return const_obj(s, o, out, depth);
    }
    case GO_SELECTOR_EXPR: {
        const char *path;
        Sema *other;
        Obj *o;
        if (!sema_qualified(s, (GoSelectorExpr *)e, &path, &other, &o))
            return false;
        if (!other) /* a package outside the program: the std model */
            return stdlib_const_int(path, ((GoSelectorExpr *)e)->sel->name, ((GoSelectorExpr *)e)->sel->len, out);
        return const_obj(other, o, out, depth);
    }
    case GO_UNARY_EXPR: {
        GoUnaryExpr *u = (GoUnaryExpr *)e;
        int64_t v;
        if (!const_rec(s, u->x, &v, depth + 1, iota))
            return false;
        switch (u->op) {
        case GO_T_SUB: *out = -v; return true;
        case GO_T_ADD: *out = v; return true;
        case GO_T_XOR: *out = ~v; return true;
        default: return false;
        }
    }
    case GO_BINARY_EXPR: {
        GoBinaryExpr *b = (GoBinaryExpr *)e;
        int64_t x, y;
        if (!const_rec(s, b->x, &x, depth + 1, iota) || !const_rec(s, b->y, &y, depth + 1, iota))
            return false;
        uint64_t ux = (uint64_t)x;
        switch (b->op) {
        case GO_T_ADD: *out = (int64_t)(ux + (uint64_t)y); return true;
        case GO_T_SUB: *out = (int64_t)(ux - (uint64_t)y); return true;
        case GO_T_MUL: *out = (int64_t)(ux * (uint64_t)y); return true;
        case GO_T_QUO: if (!y) return false; *out = x / y; return true;
        case GO_T_REM: if (!y) return false; *out = x % y; return true;
        case GO_T_SHL: if (y < 0 || y > 62) return false; *out = (int64_t)(ux << y); return true;
        case GO_T_SHR: if (y < 0 || y > 63) return false; *out = x >> y; return true;
        case GO_T_AND: *out = x & y; return true;
        case GO_T_OR: *out = x | y; return true;
        case GO_T_XOR: *out = x ^ y; return true;
        case GO_T_AND_NOT: *out = x & ~y; return true;
        default: return false;
        }
    }
    case GO_CALL_EXPR: {
        /* conversions like int64(N) and uintptr(N) */
        GoCallExpr *c = (GoCallExpr *)e;
        Obj *f = sema_expr_obj(s, c->fun);
        if (f && f->kind == OBJ_TYPE && c->args.len == 1)
            return const_rec(s, c->args.items[0], out, depth + 1, iota);
        return false;
    }
    default:
        return false;
    }
}

bool sema_const_int(Sema *s, GoNode *e, int64_t *out)
{
    return const_rec(s, e, out, 0, -1);
}

bool sema_value_int(Sema *s, GoNode *e, int64_t *out)
{
    if (sema_const_int(s, e, out))
        return true;
    while (e && e->kind == GO_PAREN_EXPR)
        e = ((GoParenExpr *)e)->x;
    GoIdent *id = GO_AS(GoIdent, e);
    Obj *o = id ? sema_obj(s, id) : NULL;
    if (!o || o->kind != OBJ_VAR || (o->flags & (OBJF_GLOBAL | OBJF_PARAM | OBJF_RESULT | OBJF_ADDR)) || !o->func ||
        !o->init || o->init_index >= 0 || o->nassign || !sema_const_int(s, o->init, out))
        return false;
    return true;
}
