/* rule_unclosed_resource.c - files, connections, response bodies, rows
 * and decompressors opened in a function and not closed on some path to
 * a return, when the value does not escape. */
#include "../flow/flow.h"
#include "rules_flow.h"

typedef struct {
    const char *pkg, *name;  /* callee as sema_callee names it */
    const char *what;        /* "file", "connection", ... */
    int nres;                /* resources among the results (os.Pipe: 2) */
    bool body;               /* the resource is x.Body (http responses) */
} Opener;

static const Opener openers[] = {
    {"os", "Open", "file", 1, false},
    {"os", "OpenFile", "file", 1, false},
    {"os", "Create", "file", 1, false},
    {"os", "CreateTemp", "file", 1, false},
    {"os", "Pipe", "pipe end", 2, false},
    {"net", "Dial", "connection", 1, false},
    {"net", "DialTimeout", "connection", 1, false},
    {"net", "Listen", "listener", 1, false},
    {"net", "Dialer.Dial", "connection", 1, false},
    {"net", "Dialer.DialContext", "connection", 1, false},
    {"net/http", "Get", "response body", 1, true},
    {"net/http", "Post", "response body", 1, true},
    {"net/http", "Head", "response body", 1, true},
    {"net/http", "PostForm", "response body", 1, true},
    {"net/http", "Client.Do", "response body", 1, true},
    {"net/http", "Client.Get", "response body", 1, true},
    {"net/http", "Client.Post", "response body", 1, true},
    {"net/http", "Client.Head", "response body", 1, true},
    {"net/http", "Client.PostForm", "response body", 1, true},
    {"database/sql", "DB.Query", "rows", 1, false},
    {"database/sql", "DB.QueryContext", "rows", 1, false},
    {"database/sql", "Tx.Query", "rows", 1, false},
    {"database/sql", "Tx.QueryContext", "rows", 1, false},
    {"database/sql", "Conn.QueryContext", "rows", 1, false},
    {"database/sql", "Stmt.Query", "rows", 1, false},
    {"database/sql", "Stmt.QueryContext", "rows", 1, false},
    /* Not gzip, zlib or flate readers, bytes/strings readers or
     * io.NopCloser: their Close releases nothing (it does not close the
     * reader underneath), so an unclosed one is not a leak. */
};

static const Opener *std_opener(Pass *p, GoCallExpr *c)
{
    const char *pkg, *name;
    if (!c || !sema_callee(p->sema, c, &pkg, &name))
        return NULL;
    for (size_t i = 0; i < ARRAY_LEN(openers); i++)
        if (strcmp(openers[i].pkg, pkg) == 0 && strcmp(openers[i].name, name) == 0)
            return &openers[i];
    return NULL;
}

/* A helper of this package that hands on what an opener returns: each of
 * its returns gives the opener's results (`return os.OpenFile(...)`), a
 * variable the function set from that opener alone (`return f, nil`), or
 * nil for the resource, at least one the opener's. Its callers own the
 * resource as if they had called the opener. */
typedef struct {
    Pass *p;
    const Opener *op;
    bool other;   /* a return that gives something else */
} HelperScan;

static bool helper_pre(GoNode *n, void *ctx)
{
    HelperScan *h = ctx;
    if (n->kind == GO_FUNC_LIT || h->other)
        return false;
    GoReturnStmt *rs = GO_AS(GoReturnStmt, n);
    if (!rs)
        return true;
    GoNode *first = rs->results.len ? rule_unparen(rs->results.items[0]) : NULL;
    const Opener *op = first ? std_opener(h->p, GO_AS(GoCallExpr, first)) : NULL;
    /* return f, nil: f opened here, by one opener, not reassigned */
    Obj *o = first && first->kind == GO_IDENT ? sema_obj(h->p->sema, (GoIdent *)first) : NULL;
    const Opener *held = o && o->kind == OBJ_VAR && !(o->flags & (OBJF_PARAM | OBJF_GLOBAL | OBJF_ADDR)) &&
                                 !o->nassign && o->init && o->init_index <= 0
                             ? std_opener(h->p, GO_AS(GoCallExpr, rule_unparen(o->init)))
                             : NULL;
    if (op && rs->results.len == 1 && (!h->op || h->op == op))
        h->op = op;
    else if (held && held->nres == 1 && (!h->op || h->op == held))
        h->op = held;
    else if (!(first && first->kind == GO_IDENT && go_ident_eq((GoIdent *)first, "nil")))
        h->other = true;
    return false;
}

static const Opener *helper_opener(Pass *p, GoCallExpr *c)
{
    Sema *owner = NULL;
    GoFuncDecl *fd = c ? sema_call_decl(p->sema, c, &owner) : NULL;
    if (!fd || owner != p->sema || !fd->body)
        return NULL;
    HelperScan h = {p, NULL, false};
    go_inspect((GoNode *)fd->body, helper_pre, NULL, &h);
    return h.other ? NULL : h.op;
}

static const Opener *opener_of(Pass *p, GoNode *e, const char **shown)
{
    GoCallExpr *c = GO_AS(GoCallExpr, rule_unparen(e));
    const Opener *op = std_opener(p, c);
    if (!op)
        op = helper_opener(p, c);
    if (op)
        *shown = rule_expr_text(p, c->fun);
    return op;
}

typedef Array(GoNode *) NodeArray;

typedef struct {
    Pass *p;
    Obj *res;
    FlowParents *parents;
    NodeArray err_bodies; /* then-branches of the error checks right after */
    bool rows;
    bool hit;
} HandleCtx;

/* Whether the call runs a standard-library function or method (none of
 * which closes what it is given: bufio.NewReader, io.ReadAll, io.Copy). */
static bool calls_std(Pass *p, GoCallExpr *c)
{
    const char *pkg, *name;
    GoNode *fun = rule_unparen(c->fun);
    if (!fun || fun->kind == GO_IDENT || !sema_callee(p->sema, c, &pkg, &name) || !pkg || !*pkg ||
        (p->pkg->import_path && strcmp(pkg, p->pkg->import_path) == 0))
        return false;
    const char *slash = strchr(pkg, '/');
    size_t first = slash ? (size_t)(slash - pkg) : strlen(pkg);
    return !memchr(pkg, '.', first) && !world_lookup(p->sema->world, pkg);
}

/* n (x, or x.Body) is used as a whole: is it handed on? Arguments of
 * standard functions are not; anything else (a call of the module,
 * return, assignment, composite literal, send) is. */
static bool handed_on(Pass *p, FlowParents *fp, GoNode *n)
{
    GoNode *parent = flow_parent(fp, n);
    while (parent && parent->kind == GO_PAREN_EXPR) {
        n = parent;
        parent = flow_parent(fp, parent);
    }
    GoCallExpr *c = GO_AS(GoCallExpr, parent);
    if (!c || c->fun == n)
        return true;
    if (!calls_std(p, c))
        return true;
    /* a standard wrapper (bufio.NewReader(f), a New* function) whose
     * result is returned or stored hands the value on too; consumers
     * (io.ReadAll, io.Copy) do not */
    GoNode *fun = rule_unparen(c->fun);
    GoSelectorExpr *fse = GO_AS(GoSelectorExpr, fun);
    if (!fse || !fse->sel || fse->sel->len < 3 || memcmp(fse->sel->name, "New", 3) != 0)
        return false;
    for (GoNode *q = flow_parent(fp, parent); q; q = flow_parent(fp, q)) {
        if (q->kind == GO_RETURN_STMT || q->kind == GO_COMPOSITE_LIT || q->kind == GO_KEY_VALUE_EXPR ||
            q->kind == GO_GO_STMT || q->kind == GO_DEFER_STMT)
            return true;
        if (q->kind == GO_ASSIGN_STMT) {
            GoAssignStmt *as = (GoAssignStmt *)q;
            for (uint32_t i = 0; i < as->lhs.len; i++) {
                GoNode *l = rule_unparen(as->lhs.items[i]);
                Obj *o = sema_expr_obj(p->sema, l);
                if (l->kind != GO_IDENT || (o && (o->flags & (OBJF_GLOBAL | OBJF_RESULT))))
                    return true;
            }
            return false;
        }
        if (go_is_stmt(q))
            return false;
    }
    return false;
}

/* A use that closes or hands the value on: x.Close(), x.Body.Close(), x
 * itself (returned, stored, passed, captured). Other selections (x.Read,
 * x.Body passed to io.ReadAll, resp.StatusCode) are not. */
static bool handle_pre(GoNode *n, void *ctx)
{
    HandleCtx *h = ctx;
    if (h->hit)
        return false;
    if (n->kind == GO_SELECTOR_EXPR) {
        GoSelectorExpr *se = (GoSelectorExpr *)n;
        GoNode *x = rule_unparen(se->x);
        /* resp.Body handed on whole */
        if (se->sel && go_ident_eq(se->sel, "Body") && sema_expr_obj(h->p->sema, x) == h->res) {
            h->hit = handed_on(h->p, h->parents, n);
            return false;
        }
        if (se->sel && sema_expr_obj(h->p->sema, x) == h->res) {
            /* rows.Next() returning false closes the rows */
            if (go_ident_eq(se->sel, "Close") || (h->rows && go_ident_eq(se->sel, "Next")))
                h->hit = true;
            return false;
        }
        GoSelectorExpr *inner = GO_AS(GoSelectorExpr, x);
        if (inner && inner->sel && go_ident_eq(inner->sel, "Body") &&
            sema_expr_obj(h->p->sema, rule_unparen(inner->x)) == h->res) {
            if (se->sel && go_ident_eq(se->sel, "Close"))
                h->hit = true;
            return false;
        }
        return true;
    }
    if (n->kind == GO_IDENT && sema_obj(h->p->sema, (GoIdent *)n) == h->res)
        h->hit = handed_on(h->p, h->parents, n);
    return !h->hit;
}

static bool handles(GoNode *n, void *ctx)
{
    HandleCtx *h = ctx;
    for (size_t i = 0; i < h->err_bodies.len; i++) {
        GoNode *b = h->err_bodies.items[i];
        if (n->pos >= b->pos && n->end <= b->end)
            return true; /* the error path: nothing was opened */
    }
    h->hit = false;
    go_inspect(n, handle_pre, NULL, h);
    return h->hit;
}

/* Error paths right after the call: the then-branches of the ifs that
 * directly follow stmt and test the error (if err != nil, if
 * os.IsNotExist(err), if x == nil), or of the if whose init is stmt.
 * *skip: the check is `err == nil` (also as one of the terms of an ||), or
 * `x != nil`: the error path is the one around it, which this rule does
 * not separate. */
/* Whether cond is `err == nil`, or a || of conditions one of which is. */
static bool tests_no_error(Pass *p, GoNode *cond, Obj *err)
{
    GoBinaryExpr *c = GO_AS(GoBinaryExpr, rule_unparen(cond));
    if (!c || !err)
        return false;
    if (c->op == GO_T_LOR)
        return tests_no_error(p, c->x, err) || tests_no_error(p, c->y, err);
    return c->op == GO_T_EQL && sema_expr_obj(p->sema, c->x) == err;
}

static void error_checks(Pass *p, FlowParents *fp, GoNode *stmt, Obj *err, Obj *res, NodeArray *out,
                         bool *skip)
{
    GoNode *parent = flow_parent(fp, stmt);
    GoIfStmt *own = GO_AS(GoIfStmt, parent);
    GoList *l = NULL;
    GoList single;
    GoNode *one;
    if (own && own->init == stmt) {
        one = parent;
        single = (GoList){&one, 1};
        l = &single;
    } else if (parent && parent->kind == GO_BLOCK_STMT) {
        l = &((GoBlockStmt *)parent)->list;
    } else if (parent && parent->kind == GO_CASE_CLAUSE) {
        l = &((GoCaseClause *)parent)->body;
    } else if (parent && parent->kind == GO_COMM_CLAUSE) {
        l = &((GoCommClause *)parent)->body;
    }
    if (!l)
        return;
    uint32_t i = 0;
    if (l != &single) {
        while (i < l->len && l->items[i] != stmt)
            i++;
        i++;
    }
    for (; i < l->len; i++) {
        GoIfStmt *is = GO_AS(GoIfStmt, l->items[i]);
        if (!is || !is->cond || !is->body || (is->init && is->init != stmt))
            return;
        GoBinaryExpr *c = GO_AS(GoBinaryExpr, rule_unparen(is->cond));
        Obj *x = c ? sema_expr_obj(p->sema, c->x) : NULL;
        if (tests_no_error(p, is->cond, err) || (c && x && c->op == GO_T_NEQ && x == res)) {
            *skip = true;
            return;
        }
        if (sema_mentions(p->sema, is->cond, res) || !err || !sema_mentions(p->sema, is->cond, err)) {
            if (!(c && x == res && c->op == GO_T_EQL))
                return;
        }
        array_push(out, (GoNode *)is->body);
    }
}

static void check_res(Pass *p, FlowParents *fp, GoNode *func, GoNode *stmt, GoNode *lhs, Obj *err, const Opener *op,
                      const char *shown)
{
    GoIdent *id = GO_AS(GoIdent, lhs);
    GoSelectorExpr *fs = GO_AS(GoSelectorExpr, rule_unparen(lhs));
    if (!id && fs && fs->sel && fs->sel->len && !(fs->sel->name[0] >= 'A' && fs->sel->name[0] <= 'Z')) {
        /* kept in an unexported field: the owner's Close, or whatever
         * reads the field, closes it; nothing in the package reads it */
        Type *t = sema_type_of(p->sema, fs->x);
        if (t && t->kind == TY_POINTER)
            t = t->elem;
        FlowPkg *flow = t && t->kind == TY_NAMED ? flow_pkg(p->sema, p->fset) : NULL;
        if (flow && flow_field_reads(flow, t, fs->sel->name, fs->sel->len) == 0)
            pass_report(p, lhs->pos,
                        "%s from %s is stored in '%s', which nothing in the package reads or closes; close it "
                        "in the owner's Close", op->what, shown, rule_expr_text(p, lhs));
        return;
    }
    if (!id)
        return;
    if (go_ident_eq(id, "_")) {
        pass_report(p, lhs->pos, "%s from %s is discarded and can never be closed; keep it and defer its Close()",
                    op->what, shown);
        return;
    }
    Obj *o = sema_obj(p->sema, id);
    if (!o || o->kind != OBJ_VAR || (o->flags & (OBJF_GLOBAL | OBJF_RESULT | OBJF_PARAM | OBJF_ADDR)) ||
        o->func != func || o->decl != stmt || o->nassign)
        return;
    bool skip = false;
    HandleCtx h = {p, o, fp, {0}, strcmp(op->what, "rows") == 0, false};
    error_checks(p, fp, stmt, err, o, &h.err_bodies, &skip);
    GoNode *ret = NULL;
    bool leak = !skip && cfg_path_avoiding(sema_cfg(p->sema, func), stmt, handles, &h, &ret);
    array_free(&h.err_bodies);
    if (!leak)
        return;
    const char *close = op->body ? ".Body.Close()" : ".Close()";
    if (ret)
        pass_report(p, id->n.pos,
                    "%s '%s' from %s is not closed on every path: the return at line %d leaves it open; "
                    "defer %s%s after checking the error", op->what, o->name, shown, rule_line(p, ret->pos),
                    o->name, close);
    else
        pass_report(p, id->n.pos,
                    "%s '%s' from %s is never closed before the function returns; defer %s%s after checking "
                    "the error", op->what, o->name, shown, o->name, close);
}

static void check_assign(Pass *p, FlowParents *fp, GoNode *func, GoNode *stmt, GoList *lhs, GoList *rhs)
{
    if (rhs->len != 1)
        return;
    const char *shown;
    const Opener *op = opener_of(p, rhs->items[0], &shown);
    if (!op || lhs->len < (uint32_t)op->nres)
        return;
    Obj *err = lhs->len > (uint32_t)op->nres ? sema_expr_obj(p->sema, lhs->items[lhs->len - 1]) : NULL;
    for (int i = 0; i < op->nres; i++)
        check_res(p, fp, func, stmt, lhs->items[i], err, op, shown);
}

typedef struct {
    Pass *p;
    GoNode *func;
    FlowParents parents;
} FuncCtx;

static void visit(GoNode *n, GoList *list, uint32_t index, void *ctx)
{
    (void)list;
    (void)index;
    FuncCtx *fc = ctx;
    /* x, err := open(...), or t.f, err = open(...) (a field: check_res) */
    if (n->kind == GO_ASSIGN_STMT &&
        (((GoAssignStmt *)n)->tok == GO_T_DEFINE || ((GoAssignStmt *)n)->tok == GO_T_ASSIGN)) {
        GoAssignStmt *as = (GoAssignStmt *)n;
        check_assign(fc->p, &fc->parents, fc->func, n, &as->lhs, &as->rhs);
    } else if (n->kind == GO_DECL_STMT) {
        GoGenDecl *gd = GO_AS(GoGenDecl, ((GoDeclStmt *)n)->decl);
        for (uint32_t i = 0; gd && i < gd->specs.len; i++) {
            GoValueSpec *vs = GO_AS(GoValueSpec, gd->specs.items[i]);
            if (vs)
                check_assign(fc->p, &fc->parents, fc->func, n, &vs->names, &vs->values);
        }
    }
}

static void per_func(Pass *p, GoNode *func, GoBlockStmt *body, void *ctx)
{
    (void)ctx;
    /* the process ends with main: the kernel closes what is left */
    if (strcmp(flow_func_name(p, func), "main") == 0 && strcmp(p->pkg->name, "main") == 0)
        return;
    /* tests leave servers' connections and bodies to the test's cleanup */
    int fi = sema_file_of(p->sema, func);
    if (fi >= 0 && p->sema->files[fi]->file && p->sema->files[fi]->file->path) {
        const char *path = p->sema->files[fi]->file->path;
        size_t n = strlen(path);
        if (n >= 8 && strcmp(path + n - 8, "_test.go") == 0)
            return;
    }
    FuncCtx fc = {p, func, {0}};
    flow_parents_init(&fc.parents, func);
    flow_each_stmt(body, visit, &fc);
    flow_parents_free(&fc.parents);
}

static void run(Pass *p)
{
    pass_each_func(p, per_func, NULL);
}

const Rule rule_unclosed_resource = {
    "unclosed-resource",
    "file, connection, response body or rows opened and not closed on some path",
    "Files, connections, HTTP response bodies, sql rows and decompressors\n"
    "hold a file descriptor, a pooled connection or buffers until they are\n"
    "closed. Dropped on some path, they pile up until the process runs out\n"
    "of descriptors or connections (an unread, unclosed response body also\n"
    "keeps its connection from going back to the pool).\n"
    "\n"
    "The rule follows the result of os.Open, OpenFile, Create, CreateTemp,\n"
    "Pipe (both ends), net.Dial, DialTimeout, Listen and Dialer.Dial*,\n"
    "http.Get/Post/Head/PostForm and Client.Do/Get/Post/Head/PostForm (the\n"
    "response's Body) and sql Query/QueryContext rows, and of the package's\n"
    "own helpers that hand one of those on (every return gives the opener's\n"
    "results, `return os.OpenFile(...)`, a variable set from that opener\n"
    "alone, `return f, nil`, or nil). One stored straight into an\n"
    "unexported field is reported when nothing in the package reads that\n"
    "field, so no owner's Close can close it. One kept in a local variable\n"
    "is followed through the function's\n"
    "control flow, and reported when a path reaches a return without\n"
    "x.Close() (or x.Body.Close()), deferred or not. Readers whose Close\n"
    "releases nothing (gzip, zlib and flate readers, which do not close the\n"
    "reader under them; bytes and strings readers; io.NopCloser) are not\n"
    "followed.\n"
    "\n"
    "Not reported: the error path (the then-branch of the `if err != nil`\n"
    "right after the call, where nothing was opened); a value that escapes:\n"
    "returned, stored in a field, global or map, passed to a function (which\n"
    "may close it; standard-library functions such as io.Copy do not count,\n"
    "and a standard New* wrapper such as bufio.NewReader(f) counts only when\n"
    "its result is returned or stored), captured by a closure that uses it\n"
    "whole; rows iterated with rows.Next() (closed when Next returns\n"
    "false); if err == nil { ... } checks (the error path around them is\n"
    "not separated);\n"
    "variables assigned again; func main of a command; _test.go files.\n"
    "Reading through x.Read or io.ReadAll(resp.Body) does not count as\n"
    "closing.\n"
    "\n"
    "Leaky:\n"
    "\n"
    "    func firstLine(path string) (string, error) {\n"
    "        f, err := os.Open(path)\n"
    "        if err != nil {\n"
    "            return \"\", err\n"
    "        }\n"
    "        line, err := bufio.NewReader(f).ReadString('\\n')\n"
    "        if err != nil {\n"
    "            return \"\", err // f stays open\n"
    "        }\n"
    "        f.Close()\n"
    "        return line, nil\n"
    "    }\n"
    "\n"
    "Fixed:\n"
    "\n"
    "    func firstLine(path string) (string, error) {\n"
    "        f, err := os.Open(path)\n"
    "        if err != nil {\n"
    "            return \"\", err\n"
    "        }\n"
    "        defer f.Close()\n"
    "        return bufio.NewReader(f).ReadString('\\n')\n"
    "    }\n"
    "\n"
    "Fix: defer x.Close() (resp.Body.Close() for HTTP) right after checking\n"
    "the error.\n",
    run,
    NULL,
    .counts =
        "Findings on real code (Go 1.19 standard library / grpc / etcd / docker as\n"
        "Debian ships them, _test.go files skipped): 0 / 1 / 1 / 5, all seven\n"
        "read. Six leak a descriptor on an error path: docker's writeMetaFile,\n"
        "NewTempArchive and NewAtomicFileWriter (a temp file not closed when a\n"
        "later step fails), both ends of a pipe in chrootarchive's untar, and\n"
        "etcd's snapshot restore (the db file on every error return). One was\n"
        "harmless: grpc's decompress never closes a gzip.Reader, whose Close\n"
        "only reports errors; gzip and zlib readers are no longer followed.\n"
        "With _test.go files an earlier version gave 56 / 1 / 3 /\n"
        "11: tests that leave bodies and connections to the test server's\n"
        "shutdown, which is why tests are skipped.\n",
};
