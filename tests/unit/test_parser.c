/* test_parser.c - the Go parser on hand-written inputs: every construct
 * (generics, composite literals in headers, select, type switches, ...),
 * the shape of the tree, positions, and error recovery. */
#include <stdio.h>
#include <string.h>

#include "go/ast.h"

static int failures;

#define EXPECT(name, cond)                                                \
    do {                                                                  \
        if (cond)                                                         \
            printf("PASS %s\n", name);                                    \
        else {                                                            \
            printf("FAIL %s: %s (line %d)\n", name, #cond, __LINE__);     \
            failures++;                                                   \
        }                                                                 \
    } while (0)

typedef struct {
    GoFileSet *fs;
    Arena a;
    GoErrors errs;
    GoFile *f;
} Parsed;

static void parse(Parsed *p, const char *src)
{
    p->fs = go_fileset_new();
    arena_init(&p->a);
    memset(&p->errs, 0, sizeof p->errs);
    p->f = go_parse(p->fs, "t.go", src, strlen(src), &p->a, &p->errs);
    go_errors_sort(&p->errs);
}

static void done(Parsed *p)
{
    go_errors_free(&p->errs);
    arena_free(&p->a);
    go_fileset_free(p->fs);
}

/* "line:col: msg" of error i, in a static buffer. */
static const char *err(Parsed *p, size_t i)
{
    static char buf[512];
    if (i >= p->errs.list.len)
        return "";
    GoPosition pos = go_fileset_position(p->fs, p->errs.list.items[i].pos);
    snprintf(buf, sizeof buf, "%d:%d: %s", pos.line, pos.col, p->errs.list.items[i].msg);
    return buf;
}

static int counts[GO_NODE_KIND_COUNT];
static bool ends_ok;

static bool count(GoNode *n, void *ctx)
{
    UNUSED(ctx);
    counts[n->kind]++;
    if (n->end < n->pos)
        ends_ok = false;
    return true;
}

static void count_all(Parsed *p)
{
    memset(counts, 0, sizeof counts);
    ends_ok = true;
    go_inspect(&p->f->n, count, NULL, NULL);
}

static GoFuncDecl *func(Parsed *p, const char *name)
{
    for (uint32_t i = 0; i < p->f->decls.len; i++) {
        GoFuncDecl *d = GO_AS(GoFuncDecl, p->f->decls.items[i]);
        if (d && go_ident_eq(d->name, name))
            return d;
    }
    return NULL;
}

static const char *everything =
    "package p\n"
    "\n"
    "import (\n\t\"fmt\"\n\tstr \"strings\"\n\t. \"os\"\n)\n"
    "\n"
    "type Number interface{ ~int | ~float64 }\n"
    "type Pair[K comparable, V any] struct {\n\tKey K\n\tVal V `json:\"v\"`\n\t*Embedded\n\tfmt.Stringer\n}\n"
    "type A = [...]int\n"
    "type Arr [N]int\n"
    "type G[P *Q,] []P\n"
    "func (p *Pair[K, V]) Get() (k K, v V) { return p.Key, p.Val }\n"
    "func Map[T, U any](xs []T, f func(T) U) []U { return nil }\n"
    "var ch chan<- <-chan int\n"
    "func f(xs ...int) {\n"
    "\tm := Map[int, string](nil, nil)\n"
    "\tif x := (T{}); x.ok {\n\t}\n"
    "\tfor _, v := range []int{1, 2} {\n\t\t_ = v\n\t}\n"
    "\tfor range 10 {\n\t}\n"
    "\tfor i := 0; i < 10; i++ {\n\t\tcontinue\n\t}\n"
    "L:\n"
    "\tfor {\n\t\tbreak L\n\t}\n"
    "\tgoto L\n"
    "\tselect {\n\tcase v := <-c:\n\t\t_ = v\n\tcase c <- 1:\n\tdefault:\n\t}\n"
    "\tswitch t := x.(type) {\n\tcase int, string:\n\t\tfallthrough\n\tdefault:\n\t}\n"
    "\tswitch {\n\tcase a > b:\n\t}\n"
    "\tgo func() { defer close(c) }()\n"
    "\tg := (*T).Method\n"
    "\ts := a[1:2:3]\n"
    "\t_ = struct{ x int }{1}\n"
    "\t_ = map[string][]int{\"a\": {1}}\n"
    "\tf(xs...)\n"
    "\t_, _, _ = m, g, s\n"
    "}\n";

static void test_everything(void)
{
    Parsed p;
    parse(&p, everything);
    EXPECT("parser/everything-no-errors", p.errs.list.len == 0);
    if (p.errs.list.len)
        printf("  first error: %s\n", err(&p, 0));
    count_all(&p);
    EXPECT("parser/ends-after-starts", ends_ok);
    EXPECT("parser/imports", p.f->imports.len == 3);
    EXPECT("parser/type-switch", counts[GO_TYPE_SWITCH_STMT] == 1);
    EXPECT("parser/select", counts[GO_SELECT_STMT] == 1 && counts[GO_COMM_CLAUSE] == 3);
    EXPECT("parser/range", counts[GO_RANGE_STMT] == 2 && counts[GO_FOR_STMT] == 2);
    EXPECT("parser/labeled-goto", counts[GO_LABELED_STMT] == 1 && counts[GO_BRANCH_STMT] == 4);
    EXPECT("parser/go-defer", counts[GO_GO_STMT] == 1 && counts[GO_DEFER_STMT] == 1);
    EXPECT("parser/slice3", counts[GO_SLICE_EXPR] == 1);
    EXPECT("parser/composite-lits", counts[GO_COMPOSITE_LIT] == 5);
    EXPECT("parser/func-lit", counts[GO_FUNC_LIT] == 1);

    /* func (p *Pair[K, V]) Get() (k K, v V) */
    GoFuncDecl *get = func(&p, "Get");
    EXPECT("parser/method-found", get != NULL);
    if (get) {
        GoField *r = GO_AS(GoField, get->recv->fields.items[0]);
        GoStarExpr *st = r ? GO_AS(GoStarExpr, r->type) : NULL;
        GoIndexExpr *ix = st ? GO_AS(GoIndexExpr, st->x) : NULL;
        EXPECT("parser/generic-receiver", ix && ix->indices.len == 2);
        EXPECT("parser/named-results", get->type->results && get->type->results->fields.len == 2);
        EXPECT("parser/body", get->body && get->body->list.len == 1 &&
                                  get->body->list.items[0]->kind == GO_RETURN_STMT);
    }
    GoFuncDecl *map = func(&p, "Map");
    EXPECT("parser/type-params", map && map->type->type_params &&
                                     map->type->type_params->fields.len == 1 &&
                                     ((GoField *)map->type->type_params->fields.items[0])->names.len == 2);
    /* var ch chan<- <-chan int */
    GoGenDecl *var = NULL;
    for (uint32_t i = 0; i < p.f->decls.len; i++) {
        GoGenDecl *g = GO_AS(GoGenDecl, p.f->decls.items[i]);
        if (g && g->tok == GO_T_VAR)
            var = g;
    }
    GoValueSpec *vs = var ? GO_AS(GoValueSpec, var->specs.items[0]) : NULL;
    GoChanType *c1 = vs ? GO_AS(GoChanType, vs->type) : NULL;
    GoChanType *c2 = c1 ? GO_AS(GoChanType, c1->value) : NULL;
    EXPECT("parser/nested-chan-dirs", c1 && c1->dir == GO_CHAN_SEND && c2 && c2->dir == GO_CHAN_RECV);
    /* positions: the "func" of f is on line 18 */
    GoFuncDecl *f = func(&p, "f");
    GoPosition pos = f ? go_fileset_position(p.fs, f->n.pos) : (GoPosition){0};
    EXPECT("parser/position", pos.line == 22 && pos.col == 1);
    GoPosition end = f ? go_fileset_position(p.fs, f->n.end - 1) : (GoPosition){0};
    EXPECT("parser/end-position", end.line == 60 && end.col == 1);
    if (!(end.line == 60 && end.col == 1))
        printf("  end %d:%d\n", end.line, end.col);
    /* type Arr [N]int is an array, type G[P *Q] is generic */
    int arrays = 0, generic = 0;
    for (uint32_t i = 0; i < p.f->decls.len; i++) {
        GoGenDecl *g = GO_AS(GoGenDecl, p.f->decls.items[i]);
        if (!g || g->tok != GO_T_TYPE)
            continue;
        GoTypeSpec *ts = (GoTypeSpec *)g->specs.items[0];
        if (go_ident_eq(ts->name, "Arr") && ts->type->kind == GO_ARRAY_TYPE && !ts->type_params)
            arrays++;
        if (go_ident_eq(ts->name, "G") && ts->type_params)
            generic++;
        if (go_ident_eq(ts->name, "A") && ts->assign)
            arrays++;
    }
    EXPECT("parser/array-vs-type-params", arrays == 2 && generic == 1);
    if (!(arrays == 2 && generic == 1))
        printf("  arrays %d generic %d\n", arrays, generic);
    done(&p);
}

static void test_errors(void)
{
    Parsed p;
    /* the error of each bad function is reported, and parsing goes on */
    parse(&p, "package p\n"
              "func a() {\n\tx := ]\n\treturn\n}\n"
              "func c() int { return 1 }\n");
    EXPECT("parser/recovery-errors", p.errs.list.len == 2);
    EXPECT("parser/recovery-first", strcmp(err(&p, 0), "3:7: expected operand, found ']'") == 0);
    EXPECT("parser/recovery-second", strcmp(err(&p, 1), "4:2: expected ';', found 'return'") == 0);
    EXPECT("parser/recovery-later-func", func(&p, "c") && func(&p, "c")->body &&
                                             func(&p, "c")->body->list.len == 1);
    EXPECT("parser/file-nerrors", p.f->nerrors == p.errs.list.len);
    done(&p);

    parse(&p, "package p\nfunc f() {\n\tx := 1\n\ty := 2 3\n}\n");
    EXPECT("parser/expected-semi", strcmp(err(&p, 0), "4:9: expected ';', found 3") == 0);
    done(&p);

    parse(&p, "package p\nfunc f() {\n\tfoo(1,\n\t\t2\n\t)\n}\n");
    EXPECT("parser/missing-comma", strcmp(err(&p, 0), "4:4: missing ',' before newline in argument list") == 0);
    done(&p);

    parse(&p, "package p\nfunc f() {\n\tgo f\n}\n");
    EXPECT("parser/go-needs-call", strcmp(err(&p, 0), "3:6: expression in go must be function call") == 0);
    done(&p);

    parse(&p, "package p\nfunc f() {\n\tdefer (g())\n}\n");
    EXPECT("parser/defer-call-parenthesized",
           strcmp(err(&p, 0), "3:8: expression in defer must not be parenthesized") == 0);
    done(&p);

    parse(&p, "package p\nfunc f() {\n\tgoto\n}\n");
    EXPECT("parser/goto-needs-label", strcmp(err(&p, 0), "4:1: expected 'IDENT', found '}'") == 0);
    done(&p);

    parse(&p, "package p\nfunc f(a ...int, b int)\nfunc g() (...int)\n");
    EXPECT("parser/ddd-not-final", p.errs.list.len == 2 &&
                                       strcmp(err(&p, 0), "2:10: can only use ... with final parameter") == 0 &&
                                       strcmp(err(&p, 1), "3:11: invalid use of ...") == 0);
    done(&p);

    parse(&p, "package p\nfunc f(a, b int, c)\nfunc g[T](x T)\n");
    EXPECT("parser/missing-param-type", p.errs.list.len == 2 &&
                                            strcmp(err(&p, 0), "2:19: missing parameter type") == 0 &&
                                            strcmp(err(&p, 1), "3:9: missing type constraint") == 0);
    done(&p);

    parse(&p, "package p\nfunc f() {\n\tfor a, b, c := range x {}\n}\n");
    EXPECT("parser/range-too-many", strcmp(err(&p, 0), "3:12: expected at most 2 expressions") == 0);
    done(&p);

    parse(&p, "package p\nimport 42\nimport ;\nvar x int\nimport \"c\"\n");
    EXPECT("parser/bad-import", p.errs.list.len == 3 &&
                                    strcmp(err(&p, 0), "2:8: import path must be a string") == 0 &&
                                    strcmp(err(&p, 1), "3:8: missing import path") == 0 &&
                                    strcmp(err(&p, 2), "5:1: imports must appear before other declarations") == 0);
    done(&p);

    parse(&p, "x := 1\n");
    EXPECT("parser/no-package", strcmp(err(&p, 0), "1:1: expected 'package', found x") == 0);
    done(&p);

    parse(&p, "package p\nfunc f() {\n\tx := (\n");
    EXPECT("parser/eof", p.errs.list.len >= 1 && strstr(err(&p, 0), "expected") != NULL);
    done(&p);

    /* garbage: errors stop after about ten, and nothing crashes */
    char garbage[1024] = "package p\n";
    for (int i = 0; i < 40; i++)
        strcat(garbage, "var x = )\n");
    parse(&p, garbage);
    EXPECT("parser/bail-out", p.errs.list.len >= 10 && p.errs.list.len <= 12);
    done(&p);

    /* deep nesting is cut off with an error, not a stack overflow */
    size_t depth = 100000;
    char *deep = xmalloc(depth * 2 + 64);
    strcpy(deep, "package p\nvar x = ");
    size_t n = strlen(deep);
    for (size_t i = 0; i < depth; i++)
        deep[n++] = '(';
    deep[n++] = '1';
    for (size_t i = 0; i < depth; i++)
        deep[n++] = ')';
    deep[n] = 0;
    parse(&p, deep);
    EXPECT("parser/deep-nesting", p.errs.list.len >= 1 && strstr(err(&p, 0), "exceeded max nesting depth"));
    done(&p);
    /* nested elided composite literals: T{{{{...}}}} */
    strcpy(deep, "package p\nvar x = T");
    n = strlen(deep);
    for (size_t i = 0; i < depth; i++)
        deep[n++] = '{';
    for (size_t i = 0; i < depth; i++)
        deep[n++] = '}';
    deep[n] = 0;
    parse(&p, deep);
    EXPECT("parser/deep-literals", p.errs.list.len >= 1 && strstr(err(&p, 0), "exceeded max nesting depth"));
    done(&p);
    /* a long chain a+a+...: a deep tree, still walkable and dumpable */
    strcpy(deep, "package p\nvar x = a");
    n = strlen(deep);
    for (size_t i = 0; i < 15000; i++) {
        deep[n++] = '+';
        deep[n++] = 'a';
    }
    deep[n] = 0;
    parse(&p, deep);
    count_all(&p);
    EXPECT("parser/long-chain", p.errs.list.len == 0 && counts[GO_BINARY_EXPR] == 15000);
    FILE *devnull = fopen("/dev/null", "w");
    if (devnull) {
        go_dump(p.f, devnull);
        fclose(devnull);
    }
    done(&p);
    free(deep);
}

/* The first GoValueSpec value of the var or const declaration named name. */
static GoValueSpec *value_spec(Parsed *p, const char *name)
{
    for (uint32_t i = 0; i < p->f->decls.len; i++) {
        GoGenDecl *g = GO_AS(GoGenDecl, p->f->decls.items[i]);
        if (!g || (g->tok != GO_T_VAR && g->tok != GO_T_CONST))
            continue;
        for (uint32_t j = 0; j < g->specs.len; j++) {
            GoValueSpec *vs = (GoValueSpec *)g->specs.items[j];
            if (vs->names.len && go_ident_eq((GoIdent *)vs->names.items[0], name))
                return vs;
        }
    }
    return NULL;
}

/* The syntax of Go 1.22 to 1.27's go/parser: methods with type
 * parameters, and what go/parser now leaves to the type checker. */
static void test_new_syntax(void)
{
    Parsed p;
    parse(&p, "package p\n"
              "func (r *Rand) N[Int intType](n Int) Int { return n }\n"
              "func (List[T]) Map[U any, V ~int](func(T) U) V\n"
              "var a = r.N[int](5)\n"
              "var b = r.Pair[string, int](\"a\", 1)\n"
              "var c = (*Rand).N[int]\n");
    EXPECT("parser/generic-method-no-errors", p.errs.list.len == 0);
    if (p.errs.list.len)
        printf("  first error: %s\n", err(&p, 0));
    GoFuncDecl *n = func(&p, "N");
    GoFieldList *tp = n ? n->type->type_params : NULL;
    GoField *t0 = tp && tp->fields.len == 1 ? (GoField *)tp->fields.items[0] : NULL;
    EXPECT("parser/generic-method", n && n->recv && n->recv->fields.len == 1 && t0 &&
                                        t0->names.len == 1 &&
                                        go_ident_eq((GoIdent *)t0->names.items[0], "Int") &&
                                        go_ident_eq(GO_AS(GoIdent, t0->type), "intType"));
    GoFuncDecl *m = func(&p, "Map");
    EXPECT("parser/generic-method-two-params", m && m->recv && m->type->type_params &&
                                                   m->type->type_params->fields.len == 2 && !m->body);
    /* r.N[int](5): a call of the instantiated method */
    GoValueSpec *va = value_spec(&p, "a");
    GoCallExpr *call = va ? GO_AS(GoCallExpr, va->values.items[0]) : NULL;
    GoIndexExpr *inst = call ? GO_AS(GoIndexExpr, call->fun) : NULL;
    GoSelectorExpr *sel = inst ? GO_AS(GoSelectorExpr, inst->x) : NULL;
    EXPECT("parser/generic-method-call", call && call->args.len == 1 && inst &&
                                             inst->indices.len == 1 && sel && go_ident_eq(sel->sel, "N"));
    GoValueSpec *vb = value_spec(&p, "b");
    call = vb ? GO_AS(GoCallExpr, vb->values.items[0]) : NULL;
    inst = call ? GO_AS(GoIndexExpr, call->fun) : NULL;
    EXPECT("parser/generic-method-call-two-args", inst && inst->indices.len == 2 && call->args.len == 2);
    GoValueSpec *vc = value_spec(&p, "c");
    inst = vc ? GO_AS(GoIndexExpr, vc->values.items[0]) : NULL;
    EXPECT("parser/generic-method-expr", inst && inst->x->kind == GO_SELECTOR_EXPR);
    done(&p);

    /* left to the type checker since Go 1.22 */
    parse(&p, "package p\n"
              "import \"a b\"\n"
              "const c int\n"
              "var x = [...]int\n"
              "var y = map[int]int\n"
              "func f() { a.b, s[0] := 1, 2 }\n");
    EXPECT("parser/type-checker-errors-accepted", p.errs.list.len == 0);
    if (p.errs.list.len)
        printf("  first error: %s\n", err(&p, 0));
    GoValueSpec *vx = value_spec(&p, "x");
    GoArrayType *at = vx && vx->values.len ? GO_AS(GoArrayType, vx->values.items[0]) : NULL;
    EXPECT("parser/raw-array-type", at && at->len && at->len->kind == GO_ELLIPSIS);
    GoValueSpec *cs = value_spec(&p, "c");
    EXPECT("parser/const-without-value", cs && cs->type && cs->values.len == 0);
    done(&p);

    /* type _[P (*int),] int: the parentheses stay */
    parse(&p, "package p\ntype T[P (*int),] int\n");
    GoGenDecl *g = p.f->decls.len ? GO_AS(GoGenDecl, p.f->decls.items[0]) : NULL;
    GoTypeSpec *ts = g ? (GoTypeSpec *)g->specs.items[0] : NULL;
    GoField *pf = ts && ts->type_params ? (GoField *)ts->type_params->fields.items[0] : NULL;
    GoParenExpr *pe = pf ? GO_AS(GoParenExpr, pf->type) : NULL;
    EXPECT("parser/paren-constraint", p.errs.list.len == 0 && pe && pe->x->kind == GO_STAR_EXPR &&
                                          pe->n.end - pe->n.pos == 6);
    done(&p);

    /* line directives: errors are reported where they say */
    parse(&p, "package p\nvar a = 1\n//line gen.go:20:5\nvar b = )\n/*line :7*/var c = ]\n//line x.go:40\n//line y.go:3\n");
    GoPosition e0 = p.errs.list.len >= 2 ? go_fileset_position_adjusted(p.fs, p.errs.list.items[0].pos) : (GoPosition){0};
    GoPosition e1 = p.errs.list.len >= 2 ? go_fileset_position_adjusted(p.fs, p.errs.list.items[1].pos) : (GoPosition){0};
    EXPECT("parser/line-directive-name-line-col", e0.path && strcmp(e0.path, "gen.go") == 0 &&
                                                      e0.line == 20 && e0.col == 13);
    EXPECT("parser/line-directive-line-only", e1.path && strcmp(e1.path, "") == 0 && e1.line == 7 &&
                                                  e1.col == 0);
    EXPECT("parser/line-directive-raw-position", strcmp(err(&p, 0), "4:9: expected operand, found ')'") == 0);
    EXPECT("parser/line-directive-last-before-eof", p.f->file->infos.len == 3);
    done(&p);

    /* a raw string ends where its source ends, carriage returns and all */
    parse(&p, "package p\nvar s = `a\r\nb`\n");
    GoValueSpec *vs = value_spec(&p, "s");
    GoNode *lit = vs ? vs->values.items[0] : NULL;
    EXPECT("parser/raw-string-end", lit && lit->end - lit->pos == 6);
    done(&p);
}

static void test_comments(void)
{
    Parsed p;
    parse(&p, "//go:build linux\n\n// Package p does x.\npackage p\n\nfunc f() {} //drip:ignore leak\n");
    EXPECT("parser/comments", p.f->ncomments == 3);
    EXPECT("parser/directive-line", p.f->ncomments == 3 &&
                                        go_file_line(p.f->file, p.f->comments[2].pos) == 6 &&
                                        memcmp(p.f->file->src + (p.f->comments[2].pos - p.f->file->base), "//drip:ignore", 13) == 0 &&
                                        p.f->comments[2].end - p.f->comments[2].pos == 18);
    done(&p);
}

static bool count_idents(GoNode *n, void *ctx)
{
    if (n->kind == GO_IDENT)
        (*(int *)ctx)++;
    return n->kind != GO_FUNC_LIT; /* skip function literals */
}

static void test_walk(void)
{
    Parsed p;
    parse(&p, "package p\nfunc f() { a(b, func() { c() }) }\n");
    int n = 0;
    go_inspect(&p.f->n, count_idents, NULL, &n);
    EXPECT("parser/inspect-prune", n == 4); /* p f a b */
    EXPECT("parser/kind-names", strcmp(go_node_kind_name(GO_TYPE_SWITCH_STMT), "TypeSwitchStmt") == 0 &&
                                    strcmp(go_node_kind_name(GO_FILE), "File") == 0);
    done(&p);
}

static void test_arena_reuse(void)
{
    /* many small nodes must not take a block each */
    Arena a;
    arena_init(&a);
    for (int i = 0; i < 100000; i++)
        arena_alloc(&a, 48);
    EXPECT("parser/arena-small-allocs-share-blocks", a.total < 100000 * 64 + (1 << 20));
    arena_free(&a);
}

int main(void)
{
    test_everything();
    test_errors();
    test_new_syntax();
    test_comments();
    test_walk();
    test_arena_reuse();
    return failures != 0;
}
