/* rule_big_array_param.c - big arrays copied by value: parameters,
 * receivers, and `for _, v := range arr`. */
#include "rule.h"

/* Only these type expressions can denote an array. */
static bool may_be_array(GoNode *t)
{
    t = rule_unparen(t);
    if (!t)
        return false;
    switch (t->kind) {
    case GO_IDENT: case GO_SELECTOR_EXPR: case GO_INDEX_EXPR:
        return true;
    case GO_ARRAY_TYPE:
        return ((GoArrayType *)t)->len != NULL;
    default:
        return false;
    }
}

static void check_fields(Pass *p, GoFieldList *fl, bool recv)
{
    if (!fl)
        return;
    for (uint32_t i = 0; i < fl->fields.len; i++) {
        GoField *f = (GoField *)fl->fields.items[i];
        if (!may_be_array(f->type))
            continue;
        Type *t = sema_type_expr(p->sema, f->type, -1);
        Type *u = type_underlying(t);
        if (!u || u->kind != TY_ARRAY)
            continue;
        int64_t size = type_size(t);
        if (size < p->cfg->big_array_threshold)
            continue;
        StrBuf ts;
        sb_init(&ts);
        type_string(t, &ts);
        const char *name = f->names.len ? rule_name(p, f->names.items[0]) : "_";
        if (recv)
            pass_report(p, f->type->pos,
                        "receiver '%s' copies a %lld-byte array (%s) on every call; use a pointer receiver (*%s)",
                        name, (long long)size, ts.data, ts.data);
        else
            pass_report(p, f->type->pos,
                        "parameter '%s' copies a %lld-byte array (%s) on every call; pass a pointer (*%s) or a slice",
                        name, (long long)size, ts.data, ts.data);
        sb_free(&ts);
    }
}

static void check_range(Pass *p, GoRangeStmt *rs)
{
    GoIdent *v = GO_AS(GoIdent, rs->value);
    if (!rs->value || (v && go_ident_eq(v, "_")))
        return;
    GoNode *x = rule_unparen(rs->x);
    if (!x || (x->kind != GO_IDENT && x->kind != GO_SELECTOR_EXPR && x->kind != GO_INDEX_EXPR &&
               x->kind != GO_STAR_EXPR && x->kind != GO_CALL_EXPR))
        return;
    Type *t = sema_type_of(p->sema, rs->x);
    Type *u = type_underlying(t);
    if (!u || u->kind != TY_ARRAY)
        return;
    int64_t size = type_size(t);
    if (size < p->cfg->big_array_threshold)
        return;
    StrBuf ts;
    sb_init(&ts);
    type_string(t, &ts);
    const char *name = rule_expr_text(p, x);
    pass_report(p, rs->x->pos,
                "range copies the %lld-byte array '%s' (%s) before iterating; range over &%s or %s[:] instead",
                (long long)size, name, ts.data, name, name);
    sb_free(&ts);
}

static void run(Pass *p)
{
    size_t n;
    GoNode **funcs = sema_funcs(p->sema, &n);
    for (size_t i = 0; i < n; i++) {
        if (funcs[i]->kind == GO_FUNC_DECL) {
            GoFuncDecl *fd = (GoFuncDecl *)funcs[i];
            check_fields(p, fd->recv, true);
            if (fd->type)
                check_fields(p, fd->type->params, false);
        } else {
            GoFuncLit *fl = (GoFuncLit *)funcs[i];
            if (fl->type)
                check_fields(p, fl->type->params, false);
        }
    }
    for (size_t i = 0; i < p->sema->range_stmts.len; i++)
        check_range(p, (GoRangeStmt *)p->sema->range_stmts.items[i]);
}

const Rule rule_big_array_param = {
    "big-array-param",
    "big array passed or ranged over by value",
    "Go copies arrays by value. A parameter or receiver of array type copies\n"
    "the whole array on every call, and `for _, v := range arr` copies the\n"
    "array once before the loop starts. For arrays of 64 KiB and more\n"
    "(--big-array-threshold) called often, these copies make memory use and\n"
    "GC pressure jump.\n"
    "\n"
    "Leaky:\n"
    "\n"
    "    type Frame [1 << 16]byte\n"
    "\n"
    "    func checksum(f Frame) (sum byte) { // copies 64 KiB per call\n"
    "        for _, b := range f {\n"
    "            sum ^= b\n"
    "        }\n"
    "        return sum\n"
    "    }\n"
    "\n"
    "Fixed:\n"
    "\n"
    "    func checksum(f *Frame) (sum byte) {\n"
    "        for _, b := range f { // ranging over a pointer copies nothing\n"
    "            sum ^= b\n"
    "        }\n"
    "        return sum\n"
    "    }\n"
    "\n"
    "Fix: pass a pointer to the array or a slice of it; use a pointer\n"
    "receiver; range over &arr or arr[:].\n",
    run,
    NULL,
    .counts =
        "Findings on real code (drip 0.1.0, tests included; Go 1.19 standard\n"
        "library / grpc / etcd / docker as Debian ships them): 3 / 0 / 0 / 0. In\n"
        "the standard library: two test helpers that take a 64 KiB and a 2 MiB\n"
        "array by value (reflect, runtime/pprof), and runtime/trace.go ranging by\n"
        "value over a 64 KiB array field.\n",
};
