/* parser.c - a recursive-descent parser for Go, one function per grammar
 * rule, producing the tree of ast.h.
 *
 * It mirrors go/parser: the same grammar decisions (composite literals in
 * statement headers, type parameters versus array lengths, ...), the same
 * error messages and the same recovery, so that drip accepts exactly the
 * files gofmt accepts and builds the same tree for them. Productions in the
 * comments are those of the Go spec. */
#include <stdarg.h>

#include "ast.h"

enum {
    /* go/parser allows 100000 levels of nesting (counting the steps of
     * left-recursive loops, which make trees deep too); we stop at 20000
     * so that recursive walks of the tree (go_inspect, go_dump) stay well
     * within a thread's stack, and at 2000 levels of C recursion here. */
    MAX_NEST = 20000,
    MAX_DEPTH = 2000,
    MAX_ERRORS = 10,   /* go/parser stops after this many errors */
    TOKBUF = 512,      /* tokens scanned ahead */
};

typedef struct {
    GoIdent *name;
    GoNode *typ;
} Param;

typedef struct {
    GoLexer lx;
    const GoToken *tok; /* current token, in toks */
    const GoToken *stop; /* next() does more when tok gets here: the last
                            of toks (refill) or err_tok, if before it */
    uint32_t base;      /* number of the token in toks[0] */
    GoErrors lex_errs;  /* the lexer's errors, handed on to errs as the */
    uint32_t lex_next_err; /* parser reaches their tokens (next) */
    const GoToken *err_tok; /* the token of lex_errs[lex_next_err], or
                               past the end when it is not in toks */
    /* The tokens are scanned ahead, TOKBUF at a time: one call of the
     * lexer's tight loop for many tokens, the token after the current one
     * (tok[1]) at hand, and all of them in the cache. */
    GoToken *toks;
    Arena *a;
    char *aptr, *aend;  /* a->ptr and a->end, kept here during the parse */
    GoErrors *errs;
    GoSrcFile *file;
    size_t err_start;   /* index in errs of this file's first error */
    uint32_t nerrors;   /* errors reported through error_at */
    int last_err_line;
    bool bail;          /* too many errors: the token stream is cut short */
    bool not_go;        /* errors before the declarations: go/parser stops
                           there, and so do the errors reported */
    int expr_lev;       /* < 0: in a control clause, >= 0: in an expression */
    bool in_rhs;
    int nest, depth;
    GoPos sync_pos;     /* last synchronization point (error recovery) */
    int sync_cnt;
    Array(GoNode *) stack;  /* scratch for lists being built */
    Array(Param) params;    /* scratch for parameter lists */
    Array(GoNode *) imports;
    bool errors_only;       /* go_parse_errors: statements and declarations are dropped once parsed */
    bool defer_bodies;      /* go_parse_decls: function bodies are dropped once parsed */
} Parser;

/* ---- support ----------------------------------------------------------- */

#define NEW(p, T, K, pos_) ((T *)new_node((p), sizeof(T), (K), (pos_)))

/* A new block of the arena; ptr and end are in the Parser meanwhile. */
static void *palloc_slow(Parser *p, size_t size)
{
    p->a->ptr = p->aptr;
    void *r = arena_alloc(p->a, size);
    p->aptr = p->a->ptr;
    p->aend = p->a->end;
    return r;
}

/* The arena's bump allocation, inlined: nodes are most of the work. Only
 * this allocates from the arena during the parse; nodes need only 8-byte
 * alignment (pointers and 32-bit fields). */
static inline void *palloc(Parser *p, size_t size)
{
    size = (size + 7) & ~(size_t)7;
    /* size > 0 here, so an empty arena (ptr == end == NULL) takes the slow path */
    if ((size_t)(p->aend - p->aptr) >= size) {
        void *r = p->aptr;
        p->aptr += size;
        return r;
    }
    return palloc_slow(p, size);
}

static inline GoNode *new_node(Parser *p, size_t size, GoNodeKind kind, GoPos pos)
{
    GoNode *n = palloc(p, size);
    memset(n, 0, size);
    n->kind = kind;
    n->pos = pos;
    return n;
}

/* Points err_tok at the token of the next error of the lexer. */
static void find_err_tok(Parser *p)
{
    p->err_tok = p->toks + TOKBUF;
    if (p->lex_next_err < p->lex_errs.list.len) {
        uint32_t ti = p->lx.err_tok.items[p->lex_next_err];
        if (ti - p->base < TOKBUF) /* errors are never behind tok */
            p->err_tok = p->toks + (ti - p->base);
    }
}

/* Hands on the lexer's errors found while scanning tokens up to p->tok,
 * in their order. */
static void flush_lex_errors(Parser *p)
{
    size_t i = p->lex_next_err, n = p->lex_errs.list.len;
    uint32_t ti = p->base + (uint32_t)(p->tok - p->toks);
    for (; i < n && p->lx.err_tok.items[i] <= ti; i++)
        array_push(&p->errs->list, p->lex_errs.list.items[i]);
    p->lex_next_err = (uint32_t)i;
    find_err_tok(p);
}

/* The current token is the last in toks: keep it, scan the next ones. */
static void refill(Parser *p)
{
    p->toks[0] = p->toks[TOKBUF - 1];
    p->base += TOKBUF - 1;
    lex_fill(&p->lx, p->toks + 1, TOKBUF - 1);
    p->tok = p->toks;
    find_err_tok(p);
}

/* next, when tok has reached stop: the end of toks or an error. */
static void next_slow(Parser *p)
{
    if (p->tok == p->toks + TOKBUF - 1)
        refill(p);
    if (p->tok >= p->err_tok)
        flush_lex_errors(p);
    p->stop = MIN(p->err_tok, p->toks + TOKBUF - 1);
}

/* Moves to the next token; EOF stays forever, as the lexer gives it. */
static inline void next(Parser *p)
{
    if (++p->tok >= p->stop)
        next_slow(p);
}

/* Stops the parse: from now on the parser sees EOF. */
static void bail_out(Parser *p)
{
    p->bail = true;
    p->lx.off = p->lx.len;
    p->lx.insert_semi = false;
    lex_fill(&p->lx, p->toks, TOKBUF);
    p->tok = p->toks;
    p->err_tok = p->toks + TOKBUF;
    p->stop = p->toks + TOKBUF - 1;
}

static int line_of(Parser *p, GoPos pos)
{
    if (p->file->infos.len) /* after a line directive, the line it says */
        return go_file_position_adjusted(p->file, p->lx.lines.items, (uint32_t)p->lx.lines.len, pos).line;
    /* the lexer's line table grows as it goes; errors are at or before
     * the current token, whose line is known */
    uint32_t off = pos - p->file->base;
    size_t lo = 0, hi = p->lx.lines.len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (p->lx.lines.items[mid] <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (int)lo;
}

static void error_at(Parser *p, GoPos pos, const char *fmt, ...) PRINTF(3, 4);
static GoPos safe_pos(Parser *p, GoPos pos);

static void error_at(Parser *p, GoPos pos, const char *fmt, ...)
{
    if (p->bail)
        return;
    pos = safe_pos(p, pos); /* go/token clamps a position past EOF */
    int line = line_of(p, pos);
    size_t n = p->errs->list.len - p->err_start;
    /* like go/parser: one error per line, and stop after ten */
    if (n > 0) {
        GoError *last = &p->errs->list.items[p->errs->list.len - 1];
        int last_line = last->before_directive ? go_file_error_position(p->file, p->lx.lines.items,
                                                                         (uint32_t)p->lx.lines.len, last)
                                                        .line
                                               : line_of(p, last->pos);
        if (last_line == line)
            return;
    }
    if (n > MAX_ERRORS) {
        bail_out(p);
        return;
    }
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n2 = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *buf = xmalloc(n2 > 0 ? (size_t)n2 + 1 : 1);
    vsnprintf(buf, n2 > 0 ? (size_t)n2 + 1 : 1, fmt, ap2);
    va_end(ap2);
    GoError e = {pos, buf, false}; /* the list owns buf */
    array_push(&p->errs->list, e);
    p->nerrors++;
}

static void error_expected(Parser *p, GoPos pos, const char *what)
{
    if (pos == p->tok->pos) {
        if (p->tok->kind == GO_T_SEMICOLON && p->tok->lit[0] == '\n')
            error_at(p, pos, "expected %s, found newline", what);
        else if (go_tok_is_literal(p->tok->kind)) {
            /* the literal as go/scanner gives it: no CR in raw strings; a
             * NUL cannot be part of a C string and is written \0 */
            char *lit = xmalloc((size_t)p->tok->len * 2 + 1);
            size_t n = 0;
            bool raw = p->tok->len && p->tok->lit[0] == '`';
            for (uint32_t i = 0; i < p->tok->len; i++) {
                char c = p->tok->lit[i];
                if (c == '\r' && raw)
                    continue;
                if (c == 0) {
                    lit[n++] = '\\';
                    lit[n++] = '0';
                } else
                    lit[n++] = c;
            }
            lit[n] = 0;
            error_at(p, pos, "expected %s, found %s", what, lit);
            free(lit);
        }
        else
            error_at(p, pos, "expected %s, found '%s'", what, go_tok_str(p->tok->kind));
    } else
        error_at(p, pos, "expected %s", what);
}

static void error_expected_tok(Parser *p, GoPos pos, GoTok t)
{
    char buf[32];
    snprintf(buf, sizeof buf, "'%s'", go_tok_str(t));
    error_expected(p, pos, buf);
}

static GoPos expect(Parser *p, GoTok t)
{
    GoPos pos = p->tok->pos;
    if (p->tok->kind != t)
        error_expected_tok(p, pos, t);
    next(p);
    return pos;
}

/* Like expect, but GO_NOPOS if the token is not there. */
static GoPos expect2(Parser *p, GoTok t)
{
    GoPos pos = GO_NOPOS;
    if (p->tok->kind == t)
        pos = p->tok->pos;
    else
        error_expected_tok(p, p->tok->pos, t);
    next(p);
    return pos;
}

static bool is_newline_semi(Parser *p)
{
    return p->tok->kind == GO_T_SEMICOLON && p->tok->lit[0] == '\n';
}

static GoPos expect_closing(Parser *p, GoTok t, const char *context)
{
    if (p->tok->kind != t && is_newline_semi(p)) {
        error_at(p, p->tok->pos, "missing ',' before newline in %s", context);
        next(p);
    }
    return expect(p, t);
}

static const bool stmt_start[GO_T_COUNT] = {
    [GO_T_BREAK] = 1, [GO_T_CONST] = 1, [GO_T_CONTINUE] = 1, [GO_T_DEFER] = 1,
    [GO_T_FALLTHROUGH] = 1, [GO_T_FOR] = 1, [GO_T_GO] = 1, [GO_T_GOTO] = 1,
    [GO_T_IF] = 1, [GO_T_RETURN] = 1, [GO_T_SELECT] = 1, [GO_T_SWITCH] = 1,
    [GO_T_TYPE] = 1, [GO_T_VAR] = 1,
};
static const bool decl_start[GO_T_COUNT] = {
    [GO_T_IMPORT] = 1, [GO_T_CONST] = 1, [GO_T_TYPE] = 1, [GO_T_VAR] = 1,
};
static const bool expr_end[GO_T_COUNT] = {
    [GO_T_COMMA] = 1, [GO_T_COLON] = 1, [GO_T_SEMICOLON] = 1,
    [GO_T_RPAREN] = 1, [GO_T_RBRACK] = 1, [GO_T_RBRACE] = 1,
};

/* Skips tokens until one in set (or EOF), making sure to make progress. */
static void advance(Parser *p, const bool *set)
{
    for (; p->tok->kind != GO_T_EOF; next(p)) {
        if (set[p->tok->kind]) {
            if (p->tok->pos == p->sync_pos && p->sync_cnt < 10) {
                p->sync_cnt++;
                return;
            }
            if (p->tok->pos > p->sync_pos) {
                p->sync_pos = p->tok->pos;
                p->sync_cnt = 0;
                return;
            }
        }
    }
}

static void expect_semi(Parser *p)
{
    if (p->tok->kind == GO_T_RPAREN || p->tok->kind == GO_T_RBRACE)
        return; /* optional before a closing ')' or '}' */
    switch (p->tok->kind) {
    case GO_T_COMMA:
        error_expected(p, p->tok->pos, "';'");
        /* fall through */
    case GO_T_SEMICOLON:
        next(p);
        break;
    default:
        error_expected(p, p->tok->pos, "';'");
        advance(p, stmt_start);
    }
}

static bool at_comma(Parser *p, const char *context, GoTok follow)
{
    if (p->tok->kind == GO_T_COMMA)
        return true;
    if (p->tok->kind != follow) {
        error_at(p, p->tok->pos, "missing ','%s in %s",
                 is_newline_semi(p) ? " before newline" : "", context);
        return true; /* "insert" the comma and go on */
    }
    return false;
}

static inline bool enter(Parser *p)
{
    p->nest++;
    p->depth++;
    if (p->nest > MAX_NEST || p->depth > MAX_DEPTH) {
        error_at(p, p->tok->pos, "exceeded max nesting depth");
        bail_out(p);
        return false;
    }
    return true;
}

static inline void leave(Parser *p)
{
    p->nest--;
    p->depth--;
}

/* One loop step of a left-recursive rule counts as nesting, as in
 * go/parser; the caller undoes its steps at the end. */
static inline bool nest_step(Parser *p)
{
    p->nest++;
    if (p->nest > MAX_NEST) {
        error_at(p, p->tok->pos, "exceeded max nesting depth");
        bail_out(p);
        return false;
    }
    return true;
}

static size_t mark(Parser *p)
{
    return p->stack.len;
}

static void push(Parser *p, void *n)
{
    array_push(&p->stack, (GoNode *)n);
}

static inline GoList list_from(Parser *p, size_t m)
{
    GoList l = {NULL, (uint32_t)(p->stack.len - m)};
    if (l.len) {
        l.items = palloc(p, sizeof(GoNode *) * l.len);
        GoNode **from = p->stack.items + m;
        for (uint32_t i = 0; i < l.len; i++) /* lists are short: no memcpy call */
            l.items[i] = from[i];
    }
    p->stack.len = m;
    return l;
}

static GoList list1(Parser *p, GoNode *n)
{
    GoList l = {palloc(p, sizeof(GoNode *)), 1};
    l.items[0] = n;
    return l;
}

static GoNode *bad_expr(Parser *p, GoPos from, GoPos to)
{
    GoNode *n = new_node(p, sizeof(GoBadExpr), GO_BAD_EXPR, from);
    n->end = to;
    return n;
}

static GoNode *bad_stmt(Parser *p, GoPos from, GoPos to)
{
    GoNode *n = new_node(p, sizeof(GoBadStmt), GO_BAD_STMT, from);
    n->end = to;
    return n;
}

/* A position past EOF becomes EOF (go/parser leaves such node ends as
 * they are; drip clamps them so that every end maps to this file). */
static GoPos safe_pos(Parser *p, GoPos pos)
{
    GoPos eof = p->file->base + p->file->len;
    return pos > eof ? eof : pos;
}

static GoFieldList *field_list(Parser *p, GoPos opening, GoList fields, GoPos closing)
{
    GoFieldList *fl = NEW(p, GoFieldList, GO_FIELD_LIST, opening);
    fl->opening = opening;
    fl->fields = fields;
    fl->closing = closing;
    if (!opening && fields.len)
        fl->n.pos = fields.items[0]->pos;
    if (closing)
        fl->n.end = closing + 1;
    else if (fields.len)
        fl->n.end = fields.items[fields.len - 1]->end;
    return fl;
}

static GoField *new_field(Parser *p, GoList names, GoNode *type, GoBasicLit *tag)
{
    GoField *f = NEW(p, GoField, GO_FIELD, GO_NOPOS);
    f->names = names;
    f->type = type;
    f->tag = tag;
    if (names.len)
        f->n.pos = names.items[0]->pos;
    else if (type)
        f->n.pos = type->pos;
    if (tag)
        f->n.end = tag->n.end;
    else if (type)
        f->n.end = type->end;
    else if (names.len)
        f->n.end = names.items[names.len - 1]->end;
    return f;
}

static GoFuncType *func_type(Parser *p, GoPos func, GoFieldList *tparams,
                             GoFieldList *params, GoFieldList *results)
{
    GoFuncType *t = NEW(p, GoFuncType, GO_FUNC_TYPE, func);
    t->func = func;
    t->type_params = tparams;
    t->params = params;
    t->results = results;
    if (!func && params)
        t->n.pos = params->n.pos;
    t->n.end = results ? results->n.end : params ? params->n.end : GO_NOPOS;
    return t;
}

static GoNode *index_expr(Parser *p, GoNode *x, GoPos lbrack, GoList indices, GoPos rbrack)
{
    GoIndexExpr *e = NEW(p, GoIndexExpr, GO_INDEX_EXPR, x->pos);
    e->x = x;
    e->lbrack = lbrack;
    e->indices = indices;
    e->rbrack = rbrack;
    e->n.end = rbrack + 1;
    return &e->n;
}

static GoNode *binary(Parser *p, GoNode *x, GoPos op_pos, GoTok op, GoNode *y)
{
    GoBinaryExpr *b = NEW(p, GoBinaryExpr, GO_BINARY_EXPR, x->pos);
    b->x = x;
    b->op_pos = op_pos;
    b->op = op;
    b->y = y;
    b->n.end = y->end;
    return &b->n;
}

static GoNode *unary(Parser *p, GoPos op_pos, GoTok op, GoNode *x)
{
    GoUnaryExpr *u = NEW(p, GoUnaryExpr, GO_UNARY_EXPR, op_pos);
    u->op = op;
    u->x = x;
    u->n.end = x->end;
    return &u->n;
}

static GoNode *star(Parser *p, GoPos pos, GoNode *x)
{
    GoStarExpr *s = NEW(p, GoStarExpr, GO_STAR_EXPR, pos);
    s->x = x;
    s->n.end = x->end;
    return &s->n;
}

/* ---- identifiers ------------------------------------------------------- */

static inline GoIdent *make_ident(Parser *p, GoPos pos, const char *name, uint32_t len)
{
    GoIdent *id = NEW(p, GoIdent, GO_IDENT, pos);
    id->name = name;
    id->len = len;
    id->n.end = pos + len;
    return id;
}

static inline GoIdent *parse_ident(Parser *p)
{
    GoPos pos = p->tok->pos;
    if (p->tok->kind == GO_T_IDENT) {
        GoIdent *id = make_ident(p, pos, p->tok->lit, p->tok->len);
        next(p);
        return id;
    }
    expect(p, GO_T_IDENT);
    return make_ident(p, pos, "_", 1);
}

/* IdentifierList = identifier { "," identifier } . */
static GoList parse_ident_list(Parser *p)
{
    size_t m = mark(p);
    push(p, parse_ident(p));
    while (p->tok->kind == GO_T_COMMA) {
        next(p);
        push(p, parse_ident(p));
    }
    return list_from(p, m);
}

/* ---- forward declarations ------------------------------------------------ */

static GoNode *parse_type(Parser *p);
static GoNode *try_ident_or_type(Parser *p);
static GoNode *parse_expr(Parser *p);
static GoNode *parse_rhs(Parser *p);
static GoNode *parse_primary_expr(Parser *p, GoNode *x);
static GoNode *parse_binary_expr(Parser *p, GoNode *x, int prec1);
static GoNode *parse_unary_expr(Parser *p);
static GoNode *parse_literal_value(Parser *p, GoNode *type);
static GoBlockStmt *parse_body(Parser *p);
static GoBlockStmt *parse_block_stmt(Parser *p);
static GoNode *parse_stmt(Parser *p);
static GoNode *parse_decl(Parser *p, const bool *sync);
static GoNode *embedded_elem(Parser *p, GoNode *x);

/* ExpressionList = Expression { "," Expression } . */
static GoList parse_expr_list(Parser *p)
{
    size_t m = mark(p);
    push(p, parse_expr(p));
    while (p->tok->kind == GO_T_COMMA) {
        next(p);
        push(p, parse_expr(p));
    }
    return list_from(p, m);
}

static GoList parse_list(Parser *p, bool in_rhs)
{
    bool old = p->in_rhs;
    p->in_rhs = in_rhs;
    GoList l = parse_expr_list(p);
    p->in_rhs = old;
    return l;
}

/* ---- types --------------------------------------------------------------- */

/* Type = TypeName [ TypeArgs ] | TypeLit | "(" Type ")" . */
static GoNode *parse_type(Parser *p)
{
    GoNode *t = try_ident_or_type(p);
    if (!t) {
        GoPos pos = p->tok->pos;
        error_expected(p, pos, "type");
        advance(p, expr_end);
        return bad_expr(p, pos, p->tok->pos);
    }
    return t;
}

/* TypeName = identifier | QualifiedIdent . */
static GoNode *parse_type_name(Parser *p, GoIdent *ident)
{
    if (!ident)
        ident = parse_ident(p);
    if (p->tok->kind == GO_T_PERIOD) {
        next(p);
        GoIdent *sel = parse_ident(p);
        GoSelectorExpr *s = NEW(p, GoSelectorExpr, GO_SELECTOR_EXPR, ident->n.pos);
        s->x = &ident->n;
        s->sel = sel;
        s->n.end = sel->n.end;
        return &s->n;
    }
    return &ident->n;
}

/* TypeArgs = "[" TypeList [ "," ] "]" . */
static GoNode *parse_type_instance(Parser *p, GoNode *typ)
{
    GoPos opening = expect(p, GO_T_LBRACK);
    p->expr_lev++;
    size_t m = mark(p);
    while (p->tok->kind != GO_T_RBRACK && p->tok->kind != GO_T_EOF) {
        push(p, parse_type(p));
        if (!at_comma(p, "type argument list", GO_T_RBRACK))
            break;
        next(p);
    }
    p->expr_lev--;
    GoList list = list_from(p, m);
    GoPos closing = expect_closing(p, GO_T_RBRACK, "type argument list");
    if (list.len == 0) {
        error_expected(p, closing, "type argument list");
        return index_expr(p, typ, opening, list1(p, bad_expr(p, opening + 1, closing)), closing);
    }
    return index_expr(p, typ, opening, list, closing);
}

/* QualifiedIdent = PackageName "." identifier . (with type arguments) */
static GoNode *parse_qualified_ident(Parser *p, GoIdent *ident)
{
    GoNode *typ = parse_type_name(p, ident);
    if (p->tok->kind == GO_T_LBRACK)
        typ = parse_type_instance(p, typ);
    return typ;
}

/* ArrayType = "[" ArrayLength "]" ElementType . SliceType = "[" "]" ElementType .
 * The "[" is consumed; len is an already parsed length or NULL. */
static GoNode *parse_array_type(Parser *p, GoPos lbrack, GoNode *len)
{
    if (!len) {
        p->expr_lev++;
        if (p->tok->kind == GO_T_ELLIPSIS) {
            GoEllipsis *e = NEW(p, GoEllipsis, GO_ELLIPSIS, p->tok->pos);
            e->n.end = p->tok->pos + 3;
            len = &e->n;
            next(p);
        } else if (p->tok->kind != GO_T_RBRACK) {
            len = parse_rhs(p);
        }
        p->expr_lev--;
    }
    if (p->tok->kind == GO_T_COMMA) {
        error_at(p, p->tok->pos, "unexpected comma; expecting ]");
        next(p);
    }
    expect(p, GO_T_RBRACK);
    GoNode *elt = parse_type(p);
    GoArrayType *t = NEW(p, GoArrayType, GO_ARRAY_TYPE, lbrack);
    t->len = len;
    t->elt = elt;
    t->n.end = elt->end;
    return &t->n;
}

/* After x "[": an array or slice field type, or an instantiated embedded
 * type x[P1, P2]. Sets *name to x, or NULL for the instance. */
static GoNode *parse_array_field_or_type_instance(Parser *p, GoIdent *x, GoIdent **name)
{
    GoPos lbrack = expect(p, GO_T_LBRACK);
    GoPos trailing_comma = GO_NOPOS; /* a ',' just before the ']' */
    size_t m = mark(p);
    if (p->tok->kind != GO_T_RBRACK) {
        p->expr_lev++;
        push(p, parse_rhs(p));
        while (p->tok->kind == GO_T_COMMA) {
            GoPos comma = p->tok->pos;
            next(p);
            if (p->tok->kind == GO_T_RBRACK) {
                trailing_comma = comma;
                break;
            }
            push(p, parse_rhs(p));
        }
        p->expr_lev--;
    }
    GoList args = list_from(p, m);
    GoPos rbrack = expect(p, GO_T_RBRACK);
    *name = x;
    if (args.len == 0) {
        GoNode *elt = parse_type(p);
        GoArrayType *t = NEW(p, GoArrayType, GO_ARRAY_TYPE, lbrack);
        t->elt = elt;
        t->n.end = elt->end;
        return &t->n;
    }
    if (args.len == 1) {
        GoNode *elt = try_ident_or_type(p);
        if (elt) {
            if (trailing_comma) /* x [P,]E: no trailing comma in an array length */
                error_at(p, trailing_comma, "unexpected comma; expecting ]");
            GoArrayType *t = NEW(p, GoArrayType, GO_ARRAY_TYPE, lbrack);
            t->len = args.items[0];
            t->elt = elt;
            t->n.end = elt->end;
            return &t->n;
        }
    }
    *name = NULL;
    return index_expr(p, &x->n, lbrack, args, rbrack);
}

/* The TypeName [ TypeArgs ] after the "*" of an embedded field; *(T) is
 * accepted with an error. */
static GoNode *parse_embedded_name(Parser *p)
{
    if (p->tok->kind != GO_T_LPAREN)
        return parse_qualified_ident(p, NULL);
    error_at(p, p->tok->pos, "cannot parenthesize embedded type");
    next(p);
    GoNode *typ = parse_qualified_ident(p, NULL);
    if (p->tok->kind == GO_T_RPAREN) /* no need to complain if missing */
        next(p);
    return typ;
}

/* FieldDecl = (IdentifierList Type | EmbeddedField) [ Tag ] .
 * EmbeddedField = [ "*" ] TypeName [ TypeArgs ] . */
static GoField *parse_field_decl(Parser *p)
{
    size_t m = mark(p);
    GoNode *typ = NULL;
    if (p->tok->kind == GO_T_IDENT) {
        GoIdent *name = parse_ident(p);
        GoTok t = p->tok->kind;
        if (t == GO_T_PERIOD || t == GO_T_STRING || t == GO_T_SEMICOLON || t == GO_T_RBRACE) {
            typ = &name->n;
            if (t == GO_T_PERIOD)
                typ = parse_qualified_ident(p, name);
        } else {
            push(p, name);
            while (p->tok->kind == GO_T_COMMA) {
                next(p);
                push(p, parse_ident(p));
            }
            if (p->stack.len - m == 1 && p->tok->kind == GO_T_LBRACK) {
                GoIdent *nm;
                typ = parse_array_field_or_type_instance(p, name, &nm);
                if (!nm)
                    p->stack.len = m;
            } else {
                typ = parse_type(p);
            }
        }
    } else if (p->tok->kind == GO_T_MUL) {
        /* *T, or *(T) (accepted with an error) */
        GoPos pos = p->tok->pos;
        next(p);
        typ = star(p, pos, parse_embedded_name(p));
    } else if (p->tok->kind == GO_T_LPAREN) {
        /* (T) or (*T): accepted with an error */
        error_at(p, p->tok->pos, "cannot parenthesize embedded type");
        next(p);
        if (p->tok->kind == GO_T_MUL) {
            GoPos pos = p->tok->pos;
            next(p);
            typ = star(p, pos, parse_qualified_ident(p, NULL));
        } else {
            typ = parse_qualified_ident(p, NULL);
        }
        if (p->tok->kind == GO_T_RPAREN) /* no need to complain if missing */
            next(p);
    } else {
        GoPos pos = p->tok->pos;
        error_expected(p, pos, "field name or embedded type");
        advance(p, expr_end);
        typ = bad_expr(p, pos, p->tok->pos);
    }
    GoList names = list_from(p, m);
    GoBasicLit *tag = NULL;
    if (p->tok->kind == GO_T_STRING) {
        tag = NEW(p, GoBasicLit, GO_BASIC_LIT, p->tok->pos);
        tag->kind = GO_T_STRING;
        tag->text = p->tok->lit;
        tag->len = p->tok->len;
        tag->n.end = p->tok->end;
        next(p);
    }
    expect_semi(p);
    return new_field(p, names, typ, tag);
}

/* StructType = "struct" "{" { FieldDecl ";" } "}" . */
static GoNode *parse_struct_type(Parser *p)
{
    GoPos pos = expect(p, GO_T_STRUCT);
    GoPos lbrace = expect(p, GO_T_LBRACE);
    size_t m = mark(p);
    while (p->tok->kind == GO_T_IDENT || p->tok->kind == GO_T_MUL || p->tok->kind == GO_T_LPAREN)
        push(p, parse_field_decl(p));
    GoList list = list_from(p, m);
    GoPos rbrace = expect(p, GO_T_RBRACE);
    GoStructType *t = NEW(p, GoStructType, GO_STRUCT_TYPE, pos);
    t->fields = field_list(p, lbrace, list, rbrace);
    t->n.end = t->fields->n.end;
    return &t->n;
}

/* PointerType = "*" BaseType . */
static GoNode *parse_pointer_type(Parser *p)
{
    GoPos pos = expect(p, GO_T_MUL);
    return star(p, pos, parse_type(p));
}

/* "..." Type in a parameter list. */
static GoNode *parse_dots_type(Parser *p)
{
    GoPos pos = expect(p, GO_T_ELLIPSIS);
    GoEllipsis *e = NEW(p, GoEllipsis, GO_ELLIPSIS, pos);
    e->elt = parse_type(p);
    e->n.end = e->elt->end;
    return &e->n;
}

/* ParameterDecl = [ IdentifierList ] [ "..." ] Type . (one name at most
 * here; the list is put together by parse_parameter_list) */
static Param parse_param_decl(Parser *p, GoIdent *name, bool type_sets_ok)
{
    Param f = {NULL, NULL};
    GoTok tok = p->tok->kind;
    if (name)
        tok = GO_T_IDENT; /* the name was parsed already */
    else if (type_sets_ok && tok == GO_T_TILDE) {
        f.typ = embedded_elem(p, NULL);
        return f;
    }
    switch (tok) {
    case GO_T_IDENT:
        f.name = name ? name : parse_ident(p);
        switch (p->tok->kind) {
        case GO_T_IDENT: case GO_T_MUL: case GO_T_ARROW: case GO_T_FUNC: case GO_T_CHAN:
        case GO_T_MAP: case GO_T_STRUCT: case GO_T_INTERFACE: case GO_T_LPAREN:
            f.typ = parse_type(p);
            break;
        case GO_T_LBRACK: {
            GoIdent *nm;
            f.typ = parse_array_field_or_type_instance(p, f.name, &nm);
            f.name = nm;
            break;
        }
        case GO_T_ELLIPSIS:
            f.typ = parse_dots_type(p);
            return f;
        case GO_T_PERIOD:
            f.typ = parse_qualified_ident(p, f.name);
            f.name = NULL;
            break;
        case GO_T_TILDE:
            if (type_sets_ok) {
                f.typ = embedded_elem(p, NULL);
                return f;
            }
            break;
        case GO_T_OR:
            if (type_sets_ok) {
                f.typ = embedded_elem(p, &f.name->n);
                f.name = NULL;
                return f;
            }
            break;
        default:
            break;
        }
        break;
    case GO_T_MUL: case GO_T_ARROW: case GO_T_FUNC: case GO_T_LBRACK: case GO_T_CHAN:
    case GO_T_MAP: case GO_T_STRUCT: case GO_T_INTERFACE: case GO_T_LPAREN:
        f.typ = parse_type(p);
        break;
    case GO_T_ELLIPSIS:
        f.typ = parse_dots_type(p);
        return f;
    default:
        error_expected(p, p->tok->pos, "')'");
        advance(p, expr_end);
        break;
    }
    if (type_sets_ok && p->tok->kind == GO_T_OR && f.typ)
        f.typ = embedded_elem(p, f.typ);
    return f;
}

/* The error of a parameter list in which not every parameter has both a
 * name and a type (go/parser's wording and positions). named: those with
 * both, typed: those with a type, n: all. err is the left-most position
 * of a missing name or type. */
static void param_list_error(Parser *p, bool tparams, int named, int typed, size_t n, GoPos err)
{
    const char *msg;
    if (named == typed) {
        /* only types are missing, at the end: reported at the closing token */
        err = p->tok->pos;
        msg = tparams ? "missing type constraint" : "missing parameter type";
    } else if (tparams) {
        msg = n == 1 ? "missing type parameter name or invalid array length"
                     : "missing type parameter name";
    } else {
        msg = "missing parameter name";
    }
    error_at(p, err, "%s", msg);
}

/* ParameterList = ParameterDecl { "," ParameterDecl } .
 * TypeParamList = TypeParamDecl { "," TypeParamDecl } .
 * dddok: a final "...T" is allowed (parameters, not results or type
 * parameters). */
static GoList parse_parameter_list(Parser *p, GoIdent *name0, GoNode *typ0, GoTok closing, bool dddok)
{
    bool tparams = closing == GO_T_RBRACK;
    GoPos pos0 = name0 ? name0->n.pos : typ0 ? typ0->pos : p->tok->pos;
    size_t pm = p->params.len;
    int named = 0, typed = 0;
    while (name0 || (p->tok->kind != closing && p->tok->kind != GO_T_EOF)) {
        Param par;
        if (typ0) {
            if (tparams)
                typ0 = embedded_elem(p, typ0);
            par.name = name0;
            par.typ = typ0;
        } else {
            par = parse_param_decl(p, name0, tparams);
        }
        name0 = NULL;
        typ0 = NULL;
        if (par.name || par.typ) {
            array_push(&p->params, par);
            named += par.name && par.typ;
            typed += par.typ != NULL;
        }
        if (!at_comma(p, "parameter list", closing))
            break;
        next(p);
        if (p->bail)
            break;
    }
    Param *list = p->params.items ? p->params.items + pm : NULL;
    size_t n = p->params.len - pm;
    GoList out = {NULL, 0};
    if (n == 0) {
        p->params.len = pm;
        return out;
    }
    if (named == 0) {
        /* all unnamed: the names found are type names */
        for (size_t i = 0; i < n; i++) {
            if (list[i].name) {
                list[i].typ = &list[i].name->n;
                list[i].name = NULL;
            }
        }
        if (tparams)
            param_list_error(p, tparams, named, typed, n, pos0);
    } else if ((size_t)named != n) {
        /* some named: all must be; types are shared from right to left */
        GoNode *typ = NULL;
        GoPos err = GO_NOPOS;
        for (size_t k = n; k-- > 0;) {
            Param *par = &list[k];
            if (par->typ) {
                typ = par->typ;
                if (!par->name) {
                    err = typ->pos;
                    par->name = make_ident(p, typ->pos, "_", 1);
                }
            } else if (typ) {
                par->typ = typ;
            } else {
                err = par->name->n.pos;
                par->typ = bad_expr(p, par->name->n.pos, p->tok->pos);
            }
        }
        if (err)
            param_list_error(p, tparams, named, typed, n, err);
    }
    /* "...T" only as the final parameter */
    bool first = true;
    for (size_t i = 0; i < n; i++) {
        GoNode *t = list[i].typ;
        if (t->kind != GO_ELLIPSIS || (dddok && i + 1 == n))
            continue;
        if (first) {
            first = false;
            error_at(p, t->pos, dddok ? "can only use ... with final parameter" : "invalid use of ...");
        }
        list[i].typ = bad_expr(p, t->pos, t->end);
    }
    size_t m = mark(p);
    if (named == 0) {
        for (size_t i = 0; i < n; i++)
            push(p, new_field(p, (GoList){NULL, 0}, list[i].typ, NULL));
    } else {
        /* one field for each run of names that share a type */
        size_t i = 0;
        while (i < n) {
            size_t j = i;
            while (j < n && list[j].typ == list[i].typ)
                j++;
            GoList names = {palloc(p, sizeof(GoNode *) * (j - i)), (uint32_t)(j - i)};
            for (size_t k = i; k < j; k++)
                names.items[k - i] = &list[k].name->n;
            push(p, new_field(p, names, list[i].typ, NULL));
            i = j;
        }
    }
    p->params.len = pm;
    return list_from(p, m);
}

/* TypeParameters = "[" TypeParamList [ "," ] "]" . NULL (with an error)
 * if the list is empty. */
static GoFieldList *parse_type_parameters(Parser *p)
{
    GoPos lbrack = expect(p, GO_T_LBRACK);
    GoList list = {NULL, 0};
    if (p->tok->kind != GO_T_RBRACK)
        list = parse_parameter_list(p, NULL, NULL, GO_T_RBRACK, false);
    GoPos rbrack = expect(p, GO_T_RBRACK);
    if (list.len == 0) {
        error_at(p, rbrack, "empty type parameter list");
        return NULL;
    }
    return field_list(p, lbrack, list, rbrack);
}

/* Parameters = "(" [ ParameterList [ "," ] ] ")" .
 * Result = Parameters | Type . (with result: NULL if there is none) */
static GoFieldList *parse_parameters(Parser *p, bool result)
{
    if (!result || p->tok->kind == GO_T_LPAREN) {
        GoPos lparen = expect(p, GO_T_LPAREN);
        GoList fields = {NULL, 0};
        if (p->tok->kind != GO_T_RPAREN)
            fields = parse_parameter_list(p, NULL, NULL, GO_T_RPAREN, !result);
        GoPos rparen = expect(p, GO_T_RPAREN);
        return field_list(p, lparen, fields, rparen);
    }
    GoNode *typ = try_ident_or_type(p);
    if (typ) {
        GoField *f = new_field(p, (GoList){NULL, 0}, typ, NULL);
        return field_list(p, GO_NOPOS, list1(p, &f->n), GO_NOPOS);
    }
    return NULL;
}

/* FunctionType = "func" Signature . Signature = Parameters [ Result ] . */
static GoFuncType *parse_func_type(Parser *p)
{
    GoPos pos = expect(p, GO_T_FUNC);
    if (p->tok->kind == GO_T_LBRACK) { /* accepted, with an error */
        GoFieldList *tparams = parse_type_parameters(p);
        if (tparams)
            error_at(p, tparams->opening, "function type must have no type parameters");
    }
    GoFieldList *params = parse_parameters(p, false);
    GoFieldList *results = parse_parameters(p, true);
    return func_type(p, pos, NULL, params, results);
}

/* MethodSpec = MethodName Signature . (or an embedded type element)
 * InterfaceElem = MethodElem | TypeElem . */
static GoField *parse_method_spec(Parser *p)
{
    GoList idents = {NULL, 0};
    GoNode *typ;
    GoNode *x = parse_type_name(p, NULL);
    if (x->kind == GO_IDENT) {
        GoIdent *ident = (GoIdent *)x;
        if (p->tok->kind == GO_T_LBRACK) {
            GoPos lbrack = p->tok->pos;
            next(p);
            p->expr_lev++;
            GoNode *x2 = parse_expr(p);
            p->expr_lev--;
            if (x2->kind == GO_IDENT && p->tok->kind != GO_T_COMMA && p->tok->kind != GO_T_RBRACK) {
                /* generic method m[T any]: parsed for a better error */
                parse_parameter_list(p, (GoIdent *)x2, NULL, GO_T_RBRACK, false);
                expect(p, GO_T_RBRACK);
                error_at(p, lbrack, "interface method must have no type parameters");
                GoFieldList *params = parse_parameters(p, false);
                GoFieldList *results = parse_parameters(p, true);
                idents = list1(p, &ident->n);
                typ = &func_type(p, GO_NOPOS, NULL, params, results)->n;
            } else {
                /* embedded instantiated type */
                size_t m = mark(p);
                push(p, x2);
                if (at_comma(p, "type argument list", GO_T_RBRACK)) {
                    p->expr_lev++;
                    next(p);
                    while (p->tok->kind != GO_T_RBRACK && p->tok->kind != GO_T_EOF) {
                        push(p, parse_type(p));
                        if (!at_comma(p, "type argument list", GO_T_RBRACK))
                            break;
                        next(p);
                    }
                    p->expr_lev--;
                }
                GoList list = list_from(p, m);
                GoPos rbrack = expect_closing(p, GO_T_RBRACK, "type argument list");
                typ = index_expr(p, &ident->n, lbrack, list, rbrack);
            }
        } else if (p->tok->kind == GO_T_LPAREN) {
            GoFieldList *params = parse_parameters(p, false);
            GoFieldList *results = parse_parameters(p, true);
            idents = list1(p, &ident->n);
            typ = &func_type(p, GO_NOPOS, NULL, params, results)->n;
        } else {
            typ = x;
        }
    } else {
        typ = x;
        if (p->tok->kind == GO_T_LBRACK)
            typ = parse_type_instance(p, typ);
    }
    return new_field(p, idents, typ, NULL);
}

/* TypeElem = TypeTerm { "|" TypeTerm } . */
static GoNode *embedded_term(Parser *p);

static GoNode *embedded_elem(Parser *p, GoNode *x)
{
    if (!x)
        x = embedded_term(p);
    while (p->tok->kind == GO_T_OR) {
        GoPos pos = p->tok->pos;
        next(p);
        GoNode *y = embedded_term(p);
        x = binary(p, x, pos, GO_T_OR, y);
    }
    return x;
}

/* TypeTerm = Type | UnderlyingType . UnderlyingType = "~" Type . */
static GoNode *embedded_term(Parser *p)
{
    if (p->tok->kind == GO_T_TILDE) {
        GoPos pos = p->tok->pos;
        next(p);
        return unary(p, pos, GO_T_TILDE, parse_type(p));
    }
    GoNode *t = try_ident_or_type(p);
    if (!t) {
        GoPos pos = p->tok->pos;
        error_expected(p, pos, "~ term or type");
        advance(p, expr_end);
        return bad_expr(p, pos, p->tok->pos);
    }
    return t;
}

/* InterfaceType = "interface" "{" { InterfaceElem ";" } "}" . */
static GoNode *parse_interface_type(Parser *p)
{
    GoPos pos = expect(p, GO_T_INTERFACE);
    GoPos lbrace = expect(p, GO_T_LBRACE);
    size_t m = mark(p);
    for (;;) {
        if (p->tok->kind == GO_T_IDENT) {
            GoField *f = parse_method_spec(p);
            if (f->names.len == 0) {
                f->type = embedded_elem(p, f->type);
                f->n.end = f->type->end;
            }
            expect_semi(p);
            push(p, f);
        } else if (p->tok->kind == GO_T_TILDE) {
            GoNode *typ = embedded_elem(p, NULL);
            expect_semi(p);
            push(p, new_field(p, (GoList){NULL, 0}, typ, NULL));
        } else {
            GoNode *t = try_ident_or_type(p);
            if (!t)
                break;
            GoNode *typ = embedded_elem(p, t);
            expect_semi(p);
            push(p, new_field(p, (GoList){NULL, 0}, typ, NULL));
        }
    }
    GoList list = list_from(p, m);
    GoPos rbrace = expect(p, GO_T_RBRACE);
    GoInterfaceType *t = NEW(p, GoInterfaceType, GO_INTERFACE_TYPE, pos);
    t->methods = field_list(p, lbrace, list, rbrace);
    t->n.end = t->methods->n.end;
    return &t->n;
}

/* MapType = "map" "[" KeyType "]" ElementType . */
static GoNode *parse_map_type(Parser *p)
{
    GoPos pos = expect(p, GO_T_MAP);
    expect(p, GO_T_LBRACK);
    GoNode *key = parse_type(p);
    expect(p, GO_T_RBRACK);
    GoNode *value = parse_type(p);
    GoMapType *t = NEW(p, GoMapType, GO_MAP_TYPE, pos);
    t->key = key;
    t->value = value;
    t->n.end = value->end;
    return &t->n;
}

/* ChannelType = ( "chan" | "chan" "<-" | "<-" "chan" ) ElementType . */
static GoNode *parse_chan_type(Parser *p)
{
    GoPos pos = p->tok->pos;
    int dir = GO_CHAN_SEND | GO_CHAN_RECV;
    GoPos arrow = GO_NOPOS;
    if (p->tok->kind == GO_T_CHAN) {
        next(p);
        if (p->tok->kind == GO_T_ARROW) {
            arrow = p->tok->pos;
            next(p);
            dir = GO_CHAN_SEND;
        }
    } else {
        arrow = expect(p, GO_T_ARROW);
        expect(p, GO_T_CHAN);
        dir = GO_CHAN_RECV;
    }
    GoNode *value = parse_type(p);
    GoChanType *t = NEW(p, GoChanType, GO_CHAN_TYPE, pos);
    t->arrow = arrow;
    t->dir = dir;
    t->value = value;
    t->n.end = value->end;
    return &t->n;
}

/* A type, or NULL (without error) if none starts here. */
static GoNode *try_ident_or_type(Parser *p)
{
    if (!enter(p))
        return NULL;
    GoNode *r = NULL;
    switch (p->tok->kind) {
    case GO_T_IDENT:
        r = parse_type_name(p, NULL);
        if (p->tok->kind == GO_T_LBRACK)
            r = parse_type_instance(p, r);
        break;
    case GO_T_LBRACK: {
        GoPos lbrack = expect(p, GO_T_LBRACK);
        r = parse_array_type(p, lbrack, NULL);
        break;
    }
    case GO_T_STRUCT: r = parse_struct_type(p); break;
    case GO_T_MUL: r = parse_pointer_type(p); break;
    case GO_T_FUNC: r = &parse_func_type(p)->n; break;
    case GO_T_INTERFACE: r = parse_interface_type(p); break;
    case GO_T_MAP: r = parse_map_type(p); break;
    case GO_T_CHAN: case GO_T_ARROW: r = parse_chan_type(p); break;
    case GO_T_LPAREN: {
        GoPos lparen = p->tok->pos;
        next(p);
        GoNode *typ = parse_type(p);
        GoPos rparen = expect(p, GO_T_RPAREN);
        GoParenExpr *e = NEW(p, GoParenExpr, GO_PAREN_EXPR, lparen);
        e->lparen = lparen;
        e->x = typ;
        e->rparen = rparen;
        e->n.end = rparen + 1;
        r = &e->n;
        break;
    }
    default:
        break;
    }
    leave(p);
    return r;
}

/* ---- blocks -------------------------------------------------------------- */

/* StatementList = { Statement ";" } . */
/* In errors-only mode, what a statement or declaration allocated goes
 * back to the arena once it is parsed: nothing refers to it later, and
 * memory stays at the size of one statement, not of the file. */
static ArenaMark drop_mark(Parser *p)
{
    p->a->ptr = p->aptr;
    return arena_mark(p->a);
}

static void drop_since(Parser *p, ArenaMark m)
{
    p->a->ptr = p->aptr;
    arena_release(p->a, m);
    p->aptr = p->a->ptr;
    p->aend = p->a->end;
}

static GoList parse_stmt_list(Parser *p)
{
    size_t m = mark(p);
    while (p->tok->kind != GO_T_CASE && p->tok->kind != GO_T_DEFAULT &&
           p->tok->kind != GO_T_RBRACE && p->tok->kind != GO_T_EOF) {
        if (p->errors_only) {
            ArenaMark am = drop_mark(p);
            parse_stmt(p);
            drop_since(p, am);
            continue;
        }
        push(p, parse_stmt(p));
    }
    return list_from(p, m);
}

static GoBlockStmt *block(Parser *p, GoPos lbrace, GoList list, GoPos rbrace)
{
    GoBlockStmt *b = NEW(p, GoBlockStmt, GO_BLOCK_STMT, lbrace);
    b->lbrace = lbrace;
    b->list = list;
    b->rbrace = rbrace;
    if (rbrace)
        b->n.end = rbrace + 1;
    else if (list.len)
        b->n.end = list.items[list.len - 1]->end;
    else
        b->n.end = lbrace + 1;
    return b;
}

/* FunctionBody = Block . */
static GoBlockStmt *parse_body(Parser *p)
{
    GoPos lbrace = expect(p, GO_T_LBRACE);
    GoList list = parse_stmt_list(p);
    GoPos rbrace = expect2(p, GO_T_RBRACE);
    return block(p, lbrace, list, rbrace);
}

/* Block = "{" StatementList "}" . */
static GoBlockStmt *parse_block_stmt(Parser *p)
{
    return parse_body(p);
}

/* ---- expressions --------------------------------------------------------- */

/* FunctionLit = "func" Signature FunctionBody . */
static GoNode *parse_func_type_or_lit(Parser *p)
{
    GoFuncType *typ = parse_func_type(p);
    if (p->tok->kind != GO_T_LBRACE)
        return &typ->n;
    p->expr_lev++;
    GoBlockStmt *body = parse_body(p);
    p->expr_lev--;
    GoFuncLit *f = NEW(p, GoFuncLit, GO_FUNC_LIT, typ->n.pos);
    f->type = typ;
    f->body = body;
    f->n.end = body->n.end;
    return &f->n;
}

/* Operand = Literal | OperandName [ TypeArgs ] | "(" Expression ")" .
 * May return a type (even [...]T); callers check. */
/* BasicLit, at the current token. */
static GoNode *basic_lit(Parser *p)
{
    GoBasicLit *l = NEW(p, GoBasicLit, GO_BASIC_LIT, p->tok->pos);
    l->kind = p->tok->kind;
    l->text = p->tok->lit;
    l->len = p->tok->len;
    l->n.end = p->tok->end; /* go/ast's ValueEnd: raw strings keep their CRs */
    next(p);
    return &l->n;
}

static GoNode *parse_operand(Parser *p)
{
    switch (p->tok->kind) {
    case GO_T_IDENT:
        return &parse_ident(p)->n;
    case GO_T_INT: case GO_T_FLOAT: case GO_T_IMAG: case GO_T_CHAR: case GO_T_STRING:
        return basic_lit(p);
    case GO_T_LPAREN: {
        GoPos lparen = p->tok->pos;
        next(p);
        p->expr_lev++;
        GoNode *x = parse_rhs(p); /* types may be parenthesized: (some type) */
        p->expr_lev--;
        GoPos rparen = expect(p, GO_T_RPAREN);
        GoParenExpr *e = NEW(p, GoParenExpr, GO_PAREN_EXPR, lparen);
        e->lparen = lparen;
        e->x = x;
        e->rparen = rparen;
        e->n.end = rparen + 1;
        return &e->n;
    }
    case GO_T_FUNC:
        return parse_func_type_or_lit(p);
    default:
        break;
    }
    GoNode *typ = try_ident_or_type(p);
    if (typ)
        return typ;
    GoPos pos = p->tok->pos;
    error_expected(p, pos, "operand");
    advance(p, stmt_start);
    return bad_expr(p, pos, p->tok->pos);
}

static GoNode *selector(Parser *p, GoNode *x, GoIdent *sel)
{
    GoSelectorExpr *s = NEW(p, GoSelectorExpr, GO_SELECTOR_EXPR, x->pos);
    s->x = x;
    s->sel = sel;
    s->n.end = sel->n.end;
    return &s->n;
}

/* TypeAssertion = "." "(" Type ")" . (the "." is consumed) */
static GoNode *parse_type_assertion(Parser *p, GoNode *x)
{
    GoPos lparen = expect(p, GO_T_LPAREN);
    GoNode *typ = NULL;
    if (p->tok->kind == GO_T_TYPE)
        next(p); /* x.(type) of a type switch */
    else
        typ = parse_type(p);
    GoPos rparen = expect(p, GO_T_RPAREN);
    GoTypeAssertExpr *e = NEW(p, GoTypeAssertExpr, GO_TYPE_ASSERT_EXPR, x->pos);
    e->x = x;
    e->lparen = lparen;
    e->type = typ;
    e->rparen = rparen;
    e->n.end = rparen + 1;
    return &e->n;
}

/* Index = "[" Expression [ "," ] "]" .
 * Slice = "[" [ Expression ] ":" [ Expression ] "]" |
 *         "[" [ Expression ] ":" Expression ":" Expression "]" .
 * TypeArgs = "[" TypeList [ "," ] "]" . */
static GoNode *parse_index_or_slice_or_instance(Parser *p, GoNode *x)
{
    GoPos lbrack = expect(p, GO_T_LBRACK);
    if (p->tok->kind == GO_T_RBRACK) {
        error_expected(p, p->tok->pos, "operand");
        GoPos rbrack = p->tok->pos;
        next(p);
        return index_expr(p, x, lbrack, list1(p, bad_expr(p, rbrack, rbrack)), rbrack);
    }
    p->expr_lev++;
    GoNode *index[3] = {NULL, NULL, NULL};
    GoPos colons[2] = {0, 0};
    size_t m = mark(p);
    bool instance = false;
    if (p->tok->kind != GO_T_COLON)
        index[0] = parse_rhs(p);
    int ncolons = 0;
    if (p->tok->kind == GO_T_COLON) {
        while (p->tok->kind == GO_T_COLON && ncolons < 2) {
            colons[ncolons++] = p->tok->pos;
            next(p);
            if (p->tok->kind != GO_T_COLON && p->tok->kind != GO_T_RBRACK && p->tok->kind != GO_T_EOF)
                index[ncolons] = parse_rhs(p);
        }
    } else if (p->tok->kind == GO_T_COMMA) {
        instance = true;
        push(p, index[0]);
        while (p->tok->kind == GO_T_COMMA) {
            next(p);
            if (p->tok->kind != GO_T_RBRACK && p->tok->kind != GO_T_EOF)
                push(p, parse_type(p));
        }
    }
    GoList args = list_from(p, m);
    p->expr_lev--;
    GoPos rbrack = expect(p, GO_T_RBRACK);
    if (ncolons > 0) {
        bool slice3 = false;
        if (ncolons == 2) {
            slice3 = true;
            if (!index[1]) {
                error_at(p, colons[0], "middle index required in 3-index slice");
                index[1] = bad_expr(p, colons[0] + 1, colons[1]);
            }
            if (!index[2]) {
                error_at(p, colons[1], "final index required in 3-index slice");
                index[2] = bad_expr(p, colons[1] + 1, rbrack);
            }
        }
        GoSliceExpr *s = NEW(p, GoSliceExpr, GO_SLICE_EXPR, x->pos);
        s->x = x;
        s->lbrack = lbrack;
        s->low = index[0];
        s->high = index[1];
        s->max = index[2];
        s->slice3 = slice3;
        s->rbrack = rbrack;
        s->n.end = rbrack + 1;
        return &s->n;
    }
    if (!instance)
        return index_expr(p, x, lbrack, list1(p, index[0]), rbrack);
    return index_expr(p, x, lbrack, args, rbrack);
}

/* Arguments = "(" [ ( ExpressionList | Type [ "," ExpressionList ] ) [ "..." ] [ "," ] ] ")" . */
static GoNode *parse_call_or_conversion(Parser *p, GoNode *fun)
{
    GoPos lparen = expect(p, GO_T_LPAREN);
    p->expr_lev++;
    size_t m = mark(p);
    GoPos ellipsis = GO_NOPOS;
    while (p->tok->kind != GO_T_RPAREN && p->tok->kind != GO_T_EOF && !ellipsis) {
        push(p, parse_rhs(p)); /* builtins may expect a type: make(some type, ...) */
        if (p->tok->kind == GO_T_ELLIPSIS) {
            ellipsis = p->tok->pos;
            next(p);
        }
        if (!at_comma(p, "argument list", GO_T_RPAREN))
            break;
        next(p);
    }
    p->expr_lev--;
    GoList args = list_from(p, m);
    GoPos rparen = expect_closing(p, GO_T_RPAREN, "argument list");
    GoCallExpr *c = NEW(p, GoCallExpr, GO_CALL_EXPR, fun->pos);
    c->fun = fun;
    c->lparen = lparen;
    c->args = args;
    c->ellipsis = ellipsis;
    c->rparen = rparen;
    c->n.end = rparen + 1;
    return &c->n;
}

/* Element = Expression | LiteralValue . */
static GoNode *parse_value(Parser *p)
{
    if (p->tok->kind == GO_T_LBRACE)
        return parse_literal_value(p, NULL);
    return parse_expr(p);
}

/* KeyedElement = [ Key ":" ] Element . */
static GoNode *parse_element(Parser *p)
{
    GoNode *x = parse_value(p);
    if (p->tok->kind == GO_T_COLON) {
        GoPos colon = p->tok->pos;
        next(p);
        GoKeyValueExpr *kv = NEW(p, GoKeyValueExpr, GO_KEY_VALUE_EXPR, x->pos);
        kv->key = x;
        kv->colon = colon;
        kv->value = parse_value(p);
        kv->n.end = kv->value->end;
        x = &kv->n;
    }
    return x;
}

/* LiteralValue = "{" [ ElementList [ "," ] ] "}" .
 * ElementList = KeyedElement { "," KeyedElement } . */
static GoNode *parse_literal_value(Parser *p, GoNode *type)
{
    if (!enter(p)) /* {{{...}}}: elided literal types recurse here only */
        return bad_expr(p, p->tok->pos, p->tok->pos);
    GoPos lbrace = expect(p, GO_T_LBRACE);
    size_t m = mark(p);
    p->expr_lev++;
    if (p->tok->kind != GO_T_RBRACE) {
        while (p->tok->kind != GO_T_RBRACE && p->tok->kind != GO_T_EOF) {
            push(p, parse_element(p));
            if (!at_comma(p, "composite literal", GO_T_RBRACE))
                break;
            next(p);
        }
    }
    p->expr_lev--;
    GoList elts = list_from(p, m);
    GoPos rbrace = expect_closing(p, GO_T_RBRACE, "composite literal");
    GoCompositeLit *c = NEW(p, GoCompositeLit, GO_COMPOSITE_LIT, type ? type->pos : lbrace);
    c->type = type;
    c->lbrace = lbrace;
    c->elts = elts;
    c->rbrace = rbrace;
    c->n.end = rbrace + 1;
    leave(p);
    return &c->n;
}

static GoNode *unparen(GoNode *x)
{
    while (x->kind == GO_PAREN_EXPR)
        x = ((GoParenExpr *)x)->x;
    return x;
}

/* PrimaryExpr = Operand | Conversion | MethodExpr | PrimaryExpr Selector |
 *     PrimaryExpr Index | PrimaryExpr Slice | PrimaryExpr TypeAssertion |
 *     PrimaryExpr Arguments . */
static GoNode *parse_primary_expr(Parser *p, GoNode *x)
{
    if (!x)
        x = parse_operand(p);
    int steps = 0;
    for (;;) {
        steps++;
        if (!nest_step(p))
            break;
        bool done = false;
        switch (p->tok->kind) {
        case GO_T_PERIOD:
            next(p);
            if (p->tok->kind == GO_T_IDENT) {
                x = selector(p, x, parse_ident(p));
            } else if (p->tok->kind == GO_T_LPAREN) {
                x = parse_type_assertion(p, x);
            } else {
                GoPos pos = p->tok->pos;
                error_expected(p, pos, "selector or type assertion");
                if (p->tok->kind != GO_T_RBRACE)
                    next(p);
                x = selector(p, x, make_ident(p, pos, "_", 1));
            }
            break;
        case GO_T_LBRACK:
            x = parse_index_or_slice_or_instance(p, x);
            break;
        case GO_T_LPAREN:
            x = parse_call_or_conversion(p, x);
            break;
        case GO_T_LBRACE: {
            GoNode *t = unparen(x);
            switch (t->kind) {
            case GO_BAD_EXPR: case GO_IDENT: case GO_SELECTOR_EXPR: case GO_INDEX_EXPR:
                if (p->expr_lev < 0)
                    done = true;
                break;
            case GO_ARRAY_TYPE: case GO_STRUCT_TYPE: case GO_MAP_TYPE:
                break;
            default:
                done = true;
            }
            if (done)
                break;
            if (t != x)
                error_at(p, t->pos, "cannot parenthesize type in composite literal");
            x = parse_literal_value(p, x);
            break;
        }
        default:
            done = true;
        }
        if (done)
            break;
    }
    p->nest -= steps;
    return x;
}

/* UnaryExpr = PrimaryExpr | unary_op UnaryExpr . */
static GoNode *parse_unary_expr(Parser *p)
{
    if (!enter(p))
        return bad_expr(p, p->tok->pos, p->tok->pos);
    GoNode *r;
    switch (p->tok->kind) {
    case GO_T_ADD: case GO_T_SUB: case GO_T_NOT: case GO_T_XOR: case GO_T_AND: case GO_T_TILDE: {
        GoPos pos = p->tok->pos;
        GoTok op = p->tok->kind;
        next(p);
        GoNode *x = parse_unary_expr(p);
        r = unary(p, pos, op, x);
        break;
    }
    case GO_T_ARROW: {
        GoPos arrow = p->tok->pos;
        next(p);
        GoNode *x = parse_unary_expr(p);
        if (x->kind == GO_CHAN_TYPE) {
            /* <-chan T: re-associate the arrow with the channel type */
            GoChanType *typ = (GoChanType *)x;
            int dir = GO_CHAN_SEND;
            while (typ && dir == GO_CHAN_SEND) {
                if (typ->dir == GO_CHAN_RECV)
                    error_expected(p, typ->arrow, "'chan'");
                GoPos a2 = typ->arrow;
                typ->n.pos = arrow;
                typ->arrow = arrow;
                arrow = a2;
                dir = typ->dir;
                typ->dir = GO_CHAN_RECV;
                typ = typ->value && typ->value->kind == GO_CHAN_TYPE ? (GoChanType *)typ->value : NULL;
            }
            if (dir == GO_CHAN_SEND)
                error_expected(p, arrow, "channel type");
            r = x;
            break;
        }
        r = unary(p, arrow, GO_T_ARROW, x);
        break;
    }
    case GO_T_MUL: {
        GoPos pos = p->tok->pos;
        next(p);
        GoNode *x = parse_unary_expr(p);
        r = star(p, pos, x);
        break;
    }
    default:
        r = parse_primary_expr(p, NULL);
    }
    leave(p);
    return r;
}

static const unsigned char prec_tab[GO_T_COUNT] = {
    [GO_T_LOR] = 1, [GO_T_LAND] = 2,
    [GO_T_EQL] = 3, [GO_T_NEQ] = 3, [GO_T_LSS] = 3, [GO_T_LEQ] = 3, [GO_T_GTR] = 3, [GO_T_GEQ] = 3,
    [GO_T_ADD] = 4, [GO_T_SUB] = 4, [GO_T_OR] = 4, [GO_T_XOR] = 4,
    [GO_T_MUL] = 5, [GO_T_QUO] = 5, [GO_T_REM] = 5, [GO_T_SHL] = 5, [GO_T_SHR] = 5,
    [GO_T_AND] = 5, [GO_T_AND_NOT] = 5,
};

static inline int precedence(GoTok t)
{
    return prec_tab[t];
}

/* Tokens that continue a primary expression: x.f x[i] x(a) T{...}. */
static const bool postfix_tab[GO_T_COUNT] = {
    [GO_T_PERIOD] = true, [GO_T_LBRACK] = true, [GO_T_LPAREN] = true, [GO_T_LBRACE] = true,
};

/* Most operands are a lone name or literal before a ',', ')' or ';'. Then
 * the token after it tells, and the leaf is the whole expression: the
 * same result as the way through unary, primary and operand, which this
 * spares. */
static inline GoNode *simple_operand(Parser *p, int prec1)
{
    GoTok k = p->tok->kind;
    if (k != GO_T_IDENT && !(k >= GO_T_INT && k <= GO_T_STRING))
        return NULL;
    GoTok after = p->tok[1].kind; /* in toks: tok never rests on its last slot */
    if (postfix_tab[after] ||
        precedence(p->in_rhs && after == GO_T_ASSIGN ? GO_T_EQL : after) >= prec1 ||
        p->nest + 2 > MAX_NEST || p->depth + 1 > MAX_DEPTH)
        return NULL;
    if (k == GO_T_IDENT)
        return &parse_ident(p)->n;
    return basic_lit(p);
}

/* Expression = UnaryExpr | Expression binary_op Expression .
 * The result may be a type, even [...]T: like go/parser (since Go 1.22),
 * drip leaves that to the type checker. */
static GoNode *parse_binary_expr(Parser *p, GoNode *x, int prec1)
{
    if (!x) {
        x = simple_operand(p, prec1);
        if (x)
            return x;
        x = parse_unary_expr(p);
    }
    int steps = 0;
    for (;;) {
        steps++;
        if (!nest_step(p))
            break;
        GoTok op = p->tok->kind;
        if (p->in_rhs && op == GO_T_ASSIGN)
            op = GO_T_EQL;
        int oprec = precedence(op);
        if (oprec < prec1)
            break;
        GoPos pos = expect(p, op);
        GoNode *y = parse_binary_expr(p, NULL, oprec + 1);
        x = binary(p, x, pos, op, y);
    }
    p->nest -= steps;
    return x;
}

static GoNode *parse_expr(Parser *p)
{
    return parse_binary_expr(p, NULL, 1);
}

static GoNode *parse_rhs(Parser *p)
{
    bool old = p->in_rhs;
    p->in_rhs = true;
    GoNode *x = parse_expr(p);
    p->in_rhs = old;
    return x;
}

/* ---- statements ---------------------------------------------------------- */

enum { BASIC, LABEL_OK, RANGE_OK };

static GoNode *expr_stmt(Parser *p, GoNode *x)
{
    GoExprStmt *s = NEW(p, GoExprStmt, GO_EXPR_STMT, x->pos);
    s->x = x;
    s->n.end = x->end;
    return &s->n;
}

static GoNode *assign_stmt(Parser *p, GoList lhs, GoPos tok_pos, GoTok tok, GoList rhs)
{
    GoAssignStmt *s = NEW(p, GoAssignStmt, GO_ASSIGN_STMT, lhs.len ? lhs.items[0]->pos : GO_NOPOS);
    s->lhs = lhs;
    s->tok_pos = tok_pos;
    s->tok = tok;
    s->rhs = rhs;
    s->n.end = rhs.len ? rhs.items[rhs.len - 1]->end : GO_NOPOS;
    return &s->n;
}

/* SimpleStmt = EmptyStmt | ExpressionStmt | SendStmt | IncDecStmt |
 *              Assignment | ShortVarDecl .
 * With RANGE_OK, "x := range y" gives an assignment whose right side is a
 * unary "range" expression and *is_range is set. */
static GoNode *parse_simple_stmt(Parser *p, int mode, bool *is_range)
{
    if (is_range)
        *is_range = false;
    GoList x = parse_list(p, false);
    switch (p->tok->kind) {
    case GO_T_DEFINE: case GO_T_ASSIGN: case GO_T_ADD_ASSIGN: case GO_T_SUB_ASSIGN:
    case GO_T_MUL_ASSIGN: case GO_T_QUO_ASSIGN: case GO_T_REM_ASSIGN: case GO_T_AND_ASSIGN:
    case GO_T_OR_ASSIGN: case GO_T_XOR_ASSIGN: case GO_T_SHL_ASSIGN: case GO_T_SHR_ASSIGN:
    case GO_T_AND_NOT_ASSIGN: {
        GoPos pos = p->tok->pos;
        GoTok tok = p->tok->kind;
        next(p);
        GoList y;
        if (mode == RANGE_OK && p->tok->kind == GO_T_RANGE && (tok == GO_T_DEFINE || tok == GO_T_ASSIGN)) {
            GoPos rpos = p->tok->pos;
            next(p);
            y = list1(p, unary(p, rpos, GO_T_RANGE, parse_rhs(p)));
            if (is_range)
                *is_range = true;
        } else {
            y = parse_list(p, true);
        }
        return assign_stmt(p, x, pos, tok, y);
    }
    default:
        break;
    }
    if (x.len > 1)
        error_expected(p, x.items[0]->pos, "1 expression");
    GoNode *x0 = x.items[0];
    switch (p->tok->kind) {
    case GO_T_COLON: {
        GoPos colon = p->tok->pos;
        next(p);
        if (mode == LABEL_OK && x0->kind == GO_IDENT) {
            GoLabeledStmt *s = NEW(p, GoLabeledStmt, GO_LABELED_STMT, x0->pos);
            s->label = (GoIdent *)x0;
            s->colon = colon;
            s->stmt = parse_stmt(p);
            s->n.end = s->stmt->end;
            return &s->n;
        }
        error_at(p, colon, "illegal label declaration");
        return bad_stmt(p, x0->pos, colon + 1);
    }
    case GO_T_ARROW: {
        GoPos arrow = p->tok->pos;
        next(p);
        GoNode *y = parse_rhs(p);
        GoSendStmt *s = NEW(p, GoSendStmt, GO_SEND_STMT, x0->pos);
        s->chan = x0;
        s->arrow = arrow;
        s->value = y;
        s->n.end = y->end;
        return &s->n;
    }
    case GO_T_INC: case GO_T_DEC: {
        GoIncDecStmt *s = NEW(p, GoIncDecStmt, GO_INC_DEC_STMT, x0->pos);
        s->x = x0;
        s->tok_pos = p->tok->pos;
        s->tok = p->tok->kind;
        s->n.end = s->tok_pos + 2;
        next(p);
        return &s->n;
    }
    default:
        return expr_stmt(p, x0);
    }
}

/* The call of a go or defer statement. */
static GoNode *parse_call_expr(Parser *p, const char *call_type)
{
    GoNode *x = parse_rhs(p); /* could be a conversion: (some type)(x) */
    GoNode *t = unparen(x);
    if (t != x) {
        error_at(p, x->pos, "expression in %s must not be parenthesized", call_type);
        x = t;
    }
    if (x->kind == GO_CALL_EXPR)
        return x;
    if (x->kind != GO_BAD_EXPR)
        error_at(p, x->end, "expression in %s must be function call", call_type);
    return NULL;
}

/* GoStmt = "go" Expression . DeferStmt = "defer" Expression .
 * keyword is GO_T_GO or GO_T_DEFER, kind GO_GO_STMT or GO_DEFER_STMT (the
 * two nodes have the same fields). */
_Static_assert(sizeof(GoGoStmt) == sizeof(GoDeferStmt) &&
                   offsetof(GoGoStmt, call) == offsetof(GoDeferStmt, call),
               "a DeferStmt is built as a GoStmt");

static GoNode *parse_go_or_defer_stmt(Parser *p, GoTok keyword, GoNodeKind kind)
{
    const char *word = go_tok_str(keyword);
    GoPos pos = expect(p, keyword);
    GoNode *call = parse_call_expr(p, word);
    expect_semi(p);
    if (!call)
        return bad_stmt(p, pos, pos + (GoPos)strlen(word));
    GoGoStmt *s = NEW(p, GoGoStmt, kind, pos);
    s->call = call;
    s->n.end = call->end;
    return &s->n;
}

/* ReturnStmt = "return" [ ExpressionList ] . */
static GoNode *parse_return_stmt(Parser *p)
{
    GoPos pos = p->tok->pos;
    expect(p, GO_T_RETURN);
    GoList x = {NULL, 0};
    if (p->tok->kind != GO_T_SEMICOLON && p->tok->kind != GO_T_RBRACE)
        x = parse_list(p, true);
    expect_semi(p);
    GoReturnStmt *s = NEW(p, GoReturnStmt, GO_RETURN_STMT, pos);
    s->results = x;
    s->n.end = x.len ? x.items[x.len - 1]->end : pos + 6;
    return &s->n;
}

/* BreakStmt = "break" [ Label ] . ContinueStmt = "continue" [ Label ] .
 * GotoStmt = "goto" Label . FallthroughStmt = "fallthrough" . */
static GoNode *parse_branch_stmt(Parser *p, GoTok tok)
{
    GoPos pos = expect(p, tok);
    GoIdent *label = NULL;
    if (tok == GO_T_GOTO || ((tok == GO_T_BREAK || tok == GO_T_CONTINUE) && p->tok->kind == GO_T_IDENT))
        label = parse_ident(p); /* goto requires its label */
    expect_semi(p);
    GoBranchStmt *s = NEW(p, GoBranchStmt, GO_BRANCH_STMT, pos);
    s->tok = tok;
    s->label = label;
    s->n.end = label ? label->n.end : pos + (GoPos)strlen(go_tok_str(tok));
    return &s->n;
}

static GoNode *make_expr(Parser *p, GoNode *s, const char *want)
{
    if (!s)
        return NULL;
    if (s->kind == GO_EXPR_STMT)
        return ((GoExprStmt *)s)->x;
    const char *found = s->kind == GO_ASSIGN_STMT ? "assignment" : "simple statement";
    error_at(p, s->pos, "expected %s, found %s (missing parentheses around composite literal?)", want, found);
    return bad_expr(p, s->pos, safe_pos(p, s->end));
}

/* IfStmt header: [ SimpleStmt ";" ] Expression */
static void parse_if_header(Parser *p, GoNode **init_out, GoNode **cond_out)
{
    GoNode *init = NULL, *cond = NULL;
    if (p->tok->kind == GO_T_LBRACE) {
        error_at(p, p->tok->pos, "missing condition in if statement");
        *init_out = NULL;
        *cond_out = bad_expr(p, p->tok->pos, p->tok->pos);
        return;
    }
    int prev_lev = p->expr_lev;
    p->expr_lev = -1;
    if (p->tok->kind != GO_T_SEMICOLON) {
        if (p->tok->kind == GO_T_VAR) {
            next(p);
            error_at(p, p->tok->pos, "var declaration not allowed in if initializer");
        }
        init = parse_simple_stmt(p, BASIC, NULL);
    }
    GoNode *cond_stmt = NULL;
    GoPos semi_pos = GO_NOPOS;
    bool semi_newline = false;
    if (p->tok->kind != GO_T_LBRACE) {
        if (p->tok->kind == GO_T_SEMICOLON) {
            semi_pos = p->tok->pos;
            semi_newline = p->tok->lit[0] == '\n';
            next(p);
        } else {
            expect(p, GO_T_SEMICOLON);
        }
        if (p->tok->kind != GO_T_LBRACE)
            cond_stmt = parse_simple_stmt(p, BASIC, NULL);
    } else {
        cond_stmt = init;
        init = NULL;
    }
    if (cond_stmt)
        cond = make_expr(p, cond_stmt, "boolean expression");
    else if (semi_pos) {
        if (semi_newline)
            error_at(p, semi_pos, "unexpected newline, expecting { after if clause");
        else
            error_at(p, semi_pos, "missing condition in if statement");
    }
    if (!cond)
        cond = bad_expr(p, p->tok->pos, p->tok->pos);
    p->expr_lev = prev_lev;
    *init_out = init;
    *cond_out = cond;
}

/* IfStmt = "if" [ SimpleStmt ";" ] Expression Block [ "else" ( IfStmt | Block ) ] . */
static GoNode *parse_if_stmt(Parser *p)
{
    if (!enter(p))
        return bad_stmt(p, p->tok->pos, p->tok->pos);
    GoPos pos = expect(p, GO_T_IF);
    GoNode *init, *cond;
    parse_if_header(p, &init, &cond);
    GoBlockStmt *body = parse_block_stmt(p);
    GoNode *else_ = NULL;
    if (p->tok->kind == GO_T_ELSE) {
        next(p);
        switch (p->tok->kind) {
        case GO_T_IF:
            else_ = parse_if_stmt(p);
            break;
        case GO_T_LBRACE:
            else_ = &parse_block_stmt(p)->n;
            expect_semi(p);
            break;
        default:
            error_expected(p, p->tok->pos, "if statement or block");
            else_ = bad_stmt(p, p->tok->pos, p->tok->pos);
        }
    } else {
        expect_semi(p);
    }
    GoIfStmt *s = NEW(p, GoIfStmt, GO_IF_STMT, pos);
    s->init = init;
    s->cond = cond;
    s->body = body;
    s->else_ = else_;
    s->n.end = else_ ? else_->end : body->n.end;
    leave(p);
    return &s->n;
}

/* ExprCaseClause = ExprSwitchCase ":" StatementList .
 * TypeCaseClause = TypeSwitchCase ":" StatementList . (the types of a
 * TypeSwitchCase are parsed as expressions, as go/parser does) */
static GoNode *parse_case_clause(Parser *p)
{
    GoPos pos = p->tok->pos;
    GoList list = {NULL, 0};
    if (p->tok->kind == GO_T_CASE) {
        next(p);
        list = parse_list(p, true);
    } else {
        expect(p, GO_T_DEFAULT);
    }
    GoPos colon = expect(p, GO_T_COLON);
    GoList body = parse_stmt_list(p);
    GoCaseClause *c = NEW(p, GoCaseClause, GO_CASE_CLAUSE, pos);
    c->list = list;
    c->colon = colon;
    c->body = body;
    c->n.end = body.len ? body.items[body.len - 1]->end : colon + 1;
    return &c->n;
}

static bool is_type_switch_assert(GoNode *x)
{
    return x->kind == GO_TYPE_ASSERT_EXPR && ((GoTypeAssertExpr *)x)->type == NULL;
}

static bool is_type_switch_guard(Parser *p, GoNode *s)
{
    if (!s)
        return false;
    if (s->kind == GO_EXPR_STMT)
        return is_type_switch_assert(((GoExprStmt *)s)->x);
    if (s->kind == GO_ASSIGN_STMT) {
        GoAssignStmt *t = (GoAssignStmt *)s;
        if (t->lhs.len == 1 && t->rhs.len == 1 && is_type_switch_assert(t->rhs.items[0])) {
            if (t->tok == GO_T_ASSIGN) {
                error_at(p, t->tok_pos, "expected ':=', found '='");
                return true;
            }
            return t->tok == GO_T_DEFINE;
        }
    }
    return false;
}

/* SwitchStmt = ExprSwitchStmt | TypeSwitchStmt . */
static GoNode *parse_switch_stmt(Parser *p)
{
    GoPos pos = expect(p, GO_T_SWITCH);
    GoNode *s1 = NULL, *s2 = NULL;
    if (p->tok->kind != GO_T_LBRACE) {
        int prev_lev = p->expr_lev;
        p->expr_lev = -1;
        if (p->tok->kind != GO_T_SEMICOLON)
            s2 = parse_simple_stmt(p, BASIC, NULL);
        if (p->tok->kind == GO_T_SEMICOLON) {
            next(p);
            s1 = s2;
            s2 = NULL;
            if (p->tok->kind != GO_T_LBRACE)
                s2 = parse_simple_stmt(p, BASIC, NULL);
        }
        p->expr_lev = prev_lev;
    }
    bool type_switch = is_type_switch_guard(p, s2);
    GoPos lbrace = expect(p, GO_T_LBRACE);
    size_t m = mark(p);
    while (p->tok->kind == GO_T_CASE || p->tok->kind == GO_T_DEFAULT)
        push(p, parse_case_clause(p));
    GoList list = list_from(p, m);
    GoPos rbrace = expect(p, GO_T_RBRACE);
    expect_semi(p);
    GoBlockStmt *body = block(p, lbrace, list, rbrace);
    if (type_switch) {
        GoTypeSwitchStmt *s = NEW(p, GoTypeSwitchStmt, GO_TYPE_SWITCH_STMT, pos);
        s->init = s1;
        s->assign = s2;
        s->body = body;
        s->n.end = body->n.end;
        return &s->n;
    }
    GoSwitchStmt *s = NEW(p, GoSwitchStmt, GO_SWITCH_STMT, pos);
    s->init = s1;
    s->tag = make_expr(p, s2, "switch expression");
    s->body = body;
    s->n.end = body->n.end;
    return &s->n;
}

/* CommClause = CommCase ":" StatementList .
 * CommCase = "case" ( SendStmt | RecvStmt ) | "default" . */
static GoNode *parse_comm_clause(Parser *p)
{
    GoPos pos = p->tok->pos;
    GoNode *comm = NULL;
    if (p->tok->kind == GO_T_CASE) {
        next(p);
        GoList lhs = parse_list(p, false);
        if (p->tok->kind == GO_T_ARROW) {
            if (lhs.len > 1)
                error_expected(p, lhs.items[0]->pos, "1 expression");
            GoPos arrow = p->tok->pos;
            next(p);
            GoNode *rhs = parse_rhs(p);
            GoSendStmt *s = NEW(p, GoSendStmt, GO_SEND_STMT, lhs.items[0]->pos);
            s->chan = lhs.items[0];
            s->arrow = arrow;
            s->value = rhs;
            s->n.end = rhs->end;
            comm = &s->n;
        } else {
            GoTok tok = p->tok->kind;
            if (tok == GO_T_ASSIGN || tok == GO_T_DEFINE) {
                if (lhs.len > 2) {
                    error_expected(p, lhs.items[0]->pos, "1 or 2 expressions");
                    lhs.len = 2;
                }
                GoPos tpos = p->tok->pos;
                next(p);
                GoNode *rhs = parse_rhs(p);
                comm = assign_stmt(p, lhs, tpos, tok, list1(p, rhs));
            } else {
                if (lhs.len > 1)
                    error_expected(p, lhs.items[0]->pos, "1 expression");
                comm = expr_stmt(p, lhs.items[0]);
            }
        }
    } else {
        expect(p, GO_T_DEFAULT);
    }
    GoPos colon = expect(p, GO_T_COLON);
    GoList body = parse_stmt_list(p);
    GoCommClause *c = NEW(p, GoCommClause, GO_COMM_CLAUSE, pos);
    c->comm = comm;
    c->colon = colon;
    c->body = body;
    c->n.end = body.len ? body.items[body.len - 1]->end : colon + 1;
    return &c->n;
}

/* SelectStmt = "select" "{" { CommClause } "}" . */
static GoNode *parse_select_stmt(Parser *p)
{
    GoPos pos = expect(p, GO_T_SELECT);
    GoPos lbrace = expect(p, GO_T_LBRACE);
    size_t m = mark(p);
    while (p->tok->kind == GO_T_CASE || p->tok->kind == GO_T_DEFAULT)
        push(p, parse_comm_clause(p));
    GoList list = list_from(p, m);
    GoPos rbrace = expect(p, GO_T_RBRACE);
    expect_semi(p);
    GoSelectStmt *s = NEW(p, GoSelectStmt, GO_SELECT_STMT, pos);
    s->body = block(p, lbrace, list, rbrace);
    s->n.end = s->body->n.end;
    return &s->n;
}

/* ForStmt = "for" [ Condition | ForClause | RangeClause ] Block .
 * ForClause = [ InitStmt ] ";" [ Condition ] ";" [ PostStmt ] .
 * RangeClause = [ ExpressionList "=" | IdentifierList ":=" ] "range" Expression . */
static GoNode *parse_for_stmt(Parser *p)
{
    GoPos pos = expect(p, GO_T_FOR);
    GoNode *s1 = NULL, *s2 = NULL, *s3 = NULL;
    bool is_range = false;
    if (p->tok->kind != GO_T_LBRACE) {
        int prev_lev = p->expr_lev;
        p->expr_lev = -1;
        if (p->tok->kind != GO_T_SEMICOLON) {
            if (p->tok->kind == GO_T_RANGE) {
                /* for range x */
                GoPos rpos = p->tok->pos;
                next(p);
                GoNode *y = unary(p, rpos, GO_T_RANGE, parse_rhs(p));
                s2 = assign_stmt(p, (GoList){NULL, 0}, GO_NOPOS, GO_T_ILLEGAL, list1(p, y));
                is_range = true;
            } else {
                s2 = parse_simple_stmt(p, RANGE_OK, &is_range);
            }
        }
        if (!is_range && p->tok->kind == GO_T_SEMICOLON) {
            next(p);
            s1 = s2;
            s2 = NULL;
            if (p->tok->kind != GO_T_SEMICOLON)
                s2 = parse_simple_stmt(p, BASIC, NULL);
            expect_semi(p);
            if (p->tok->kind != GO_T_LBRACE)
                s3 = parse_simple_stmt(p, BASIC, NULL);
        }
        p->expr_lev = prev_lev;
    }
    GoBlockStmt *body = parse_block_stmt(p);
    expect_semi(p);
    if (is_range) {
        GoAssignStmt *as = (GoAssignStmt *)s2;
        GoNode *key = NULL, *value = NULL;
        switch (as->lhs.len) {
        case 0: break;
        case 1: key = as->lhs.items[0]; break;
        case 2: key = as->lhs.items[0]; value = as->lhs.items[1]; break;
        default:
            error_expected(p, as->lhs.items[as->lhs.len - 1]->pos, "at most 2 expressions");
            return bad_stmt(p, pos, safe_pos(p, body->n.end));
        }
        GoRangeStmt *r = NEW(p, GoRangeStmt, GO_RANGE_STMT, pos);
        GoUnaryExpr *rx = (GoUnaryExpr *)as->rhs.items[0];
        r->key = key;
        r->value = value;
        r->tok_pos = as->tok_pos;
        r->tok = as->tok;
        r->range = rx->n.pos;
        r->x = rx->x;
        r->body = body;
        r->n.end = body->n.end;
        return &r->n;
    }
    GoForStmt *f = NEW(p, GoForStmt, GO_FOR_STMT, pos);
    f->init = s1;
    f->cond = make_expr(p, s2, "boolean or range expression");
    f->post = s3;
    f->body = body;
    f->n.end = body->n.end;
    return &f->n;
}

/* Statement = Declaration | LabeledStmt | SimpleStmt | GoStmt | ReturnStmt |
 *     BreakStmt | ContinueStmt | GotoStmt | FallthroughStmt | Block | IfStmt |
 *     SwitchStmt | SelectStmt | ForStmt | DeferStmt . */
static GoNode *parse_stmt(Parser *p)
{
    if (!enter(p))
        return bad_stmt(p, p->tok->pos, p->tok->pos);
    GoNode *s;
    switch (p->tok->kind) {
    case GO_T_CONST: case GO_T_TYPE: case GO_T_VAR: {
        GoDeclStmt *d = NEW(p, GoDeclStmt, GO_DECL_STMT, p->tok->pos);
        d->decl = parse_decl(p, stmt_start);
        d->n.pos = d->decl->pos;
        d->n.end = d->decl->end;
        s = &d->n;
        break;
    }
    case GO_T_IDENT: case GO_T_INT: case GO_T_FLOAT: case GO_T_IMAG: case GO_T_CHAR:
    case GO_T_STRING: case GO_T_FUNC: case GO_T_LPAREN: case GO_T_LBRACK: case GO_T_STRUCT:
    case GO_T_MAP: case GO_T_CHAN: case GO_T_INTERFACE: case GO_T_ADD: case GO_T_SUB:
    case GO_T_MUL: case GO_T_AND: case GO_T_XOR: case GO_T_ARROW: case GO_T_NOT:
        s = parse_simple_stmt(p, LABEL_OK, NULL);
        if (s->kind != GO_LABELED_STMT)
            expect_semi(p);
        break;
    case GO_T_GO: s = parse_go_or_defer_stmt(p, GO_T_GO, GO_GO_STMT); break;
    case GO_T_DEFER: s = parse_go_or_defer_stmt(p, GO_T_DEFER, GO_DEFER_STMT); break;
    case GO_T_RETURN: s = parse_return_stmt(p); break;
    case GO_T_BREAK: case GO_T_CONTINUE: case GO_T_GOTO: case GO_T_FALLTHROUGH:
        s = parse_branch_stmt(p, p->tok->kind);
        break;
    case GO_T_LBRACE:
        s = &parse_block_stmt(p)->n;
        expect_semi(p);
        break;
    case GO_T_IF: s = parse_if_stmt(p); break;
    case GO_T_SWITCH: s = parse_switch_stmt(p); break;
    case GO_T_SELECT: s = parse_select_stmt(p); break;
    case GO_T_FOR: s = parse_for_stmt(p); break;
    case GO_T_SEMICOLON: {
        GoEmptyStmt *e = NEW(p, GoEmptyStmt, GO_EMPTY_STMT, p->tok->pos);
        e->implicit = p->tok->lit[0] == '\n';
        e->n.end = e->implicit ? e->n.pos : e->n.pos + 1;
        next(p);
        s = &e->n;
        break;
    }
    case GO_T_RBRACE: {
        GoEmptyStmt *e = NEW(p, GoEmptyStmt, GO_EMPTY_STMT, p->tok->pos);
        e->implicit = true;
        e->n.end = e->n.pos;
        s = &e->n;
        break;
    }
    default: {
        GoPos pos = p->tok->pos;
        error_expected(p, pos, "statement");
        advance(p, stmt_start);
        s = bad_stmt(p, pos, p->tok->pos);
    }
    }
    leave(p);
    return s;
}

/* ---- declarations -------------------------------------------------------- */

/* ImportSpec = [ "." | PackageName ] ImportPath . */
static GoNode *parse_import_spec(Parser *p, GoTok keyword, int iota)
{
    UNUSED(keyword);
    UNUSED(iota);
    GoIdent *ident = NULL;
    if (p->tok->kind == GO_T_PERIOD) {
        ident = make_ident(p, p->tok->pos, ".", 1);
        next(p);
    } else if (p->tok->kind == GO_T_IDENT) {
        ident = parse_ident(p);
    }
    /* the path is checked by the type checker, as in go/parser */
    GoPos pos = p->tok->pos;
    const char *path = "";
    uint32_t plen = 0;
    GoPos pend = pos;
    if (p->tok->kind == GO_T_STRING) {
        path = p->tok->lit;
        plen = p->tok->len;
        pend = p->tok->end;
        next(p);
    } else if (go_tok_is_literal(p->tok->kind)) {
        error_at(p, pos, "import path must be a string");
        next(p);
    } else {
        error_at(p, pos, "missing import path");
        advance(p, expr_end);
    }
    expect_semi(p);
    GoBasicLit *lit = NEW(p, GoBasicLit, GO_BASIC_LIT, pos);
    lit->kind = GO_T_STRING;
    lit->text = path;
    lit->len = plen;
    lit->n.end = pend;
    GoImportSpec *s = NEW(p, GoImportSpec, GO_IMPORT_SPEC, ident ? ident->n.pos : pos);
    s->name = ident;
    s->path = lit;
    s->n.end = lit->n.end;
    array_push(&p->imports, &s->n);
    return &s->n;
}

/* ConstSpec = IdentifierList [ [ Type ] "=" ExpressionList ] .
 * VarSpec = IdentifierList ( Type [ "=" ExpressionList ] | "=" ExpressionList ) . */
static GoNode *parse_value_spec(Parser *p, GoTok keyword, int iota)
{
    UNUSED(iota);
    GoList idents = parse_ident_list(p);
    GoNode *typ = NULL;
    GoList values = {NULL, 0};
    if (keyword == GO_T_CONST) {
        /* type and values are optional here; the type checker decides */
        GoTok t = p->tok->kind;
        if (t != GO_T_EOF && t != GO_T_SEMICOLON && t != GO_T_RPAREN) {
            typ = try_ident_or_type(p);
            if (p->tok->kind == GO_T_ASSIGN) {
                next(p);
                values = parse_list(p, true);
            }
        }
    } else {
        if (p->tok->kind != GO_T_ASSIGN)
            typ = parse_type(p);
        if (p->tok->kind == GO_T_ASSIGN) {
            next(p);
            values = parse_list(p, true);
        }
    }
    expect_semi(p);
    GoValueSpec *s = NEW(p, GoValueSpec, GO_VALUE_SPEC, idents.items[0]->pos);
    s->names = idents;
    s->type = typ;
    s->values = values;
    s->n.end = values.len ? values.items[values.len - 1]->end
             : typ ? typ->end : idents.items[idents.len - 1]->end;
    return &s->n;
}

static void parse_generic_type(Parser *p, GoTypeSpec *spec, GoPos open, GoIdent *name0, GoNode *typ0)
{
    GoList list = parse_parameter_list(p, name0, typ0, GO_T_RBRACK, false);
    GoPos close = expect(p, GO_T_RBRACK);
    spec->type_params = field_list(p, open, list, close);
    if (p->tok->kind == GO_T_ASSIGN) {
        spec->assign = p->tok->pos;
        next(p);
    }
    spec->type = parse_type(p);
}

/* A type element that cannot be an ordinary expression. */
static bool is_type_elem(GoNode *x)
{
    switch (x->kind) {
    case GO_ARRAY_TYPE: case GO_STRUCT_TYPE: case GO_FUNC_TYPE: case GO_INTERFACE_TYPE:
    case GO_MAP_TYPE: case GO_CHAN_TYPE:
        return true;
    case GO_BINARY_EXPR:
        return is_type_elem(((GoBinaryExpr *)x)->x) || is_type_elem(((GoBinaryExpr *)x)->y);
    case GO_UNARY_EXPR:
        return ((GoUnaryExpr *)x)->op == GO_T_TILDE;
    case GO_PAREN_EXPR:
        return is_type_elem(((GoParenExpr *)x)->x);
    default:
        return false;
    }
}

/* Splits x into name and type expression if x can be read as
 * "name type" (see go/parser's extractName). */
static GoIdent *extract_name(Parser *p, GoNode *x, bool force, GoNode **expr)
{
    *expr = x;
    switch (x->kind) {
    case GO_IDENT:
        *expr = NULL;
        return (GoIdent *)x;
    case GO_BINARY_EXPR: {
        GoBinaryExpr *b = (GoBinaryExpr *)x;
        if (b->op == GO_T_MUL) {
            if (b->x->kind == GO_IDENT && (force || is_type_elem(b->y))) {
                *expr = star(p, b->op_pos, b->y);
                return (GoIdent *)b->x;
            }
        } else if (b->op == GO_T_OR) {
            GoNode *lhs;
            GoIdent *name = extract_name(p, b->x, force || is_type_elem(b->y), &lhs);
            if (name && lhs) {
                GoBinaryExpr *op = NEW(p, GoBinaryExpr, GO_BINARY_EXPR, lhs->pos);
                *op = *b;
                op->x = lhs;
                op->n.pos = lhs->pos;
                *expr = &op->n;
                return name;
            }
            *expr = x;
        }
        break;
    }
    case GO_CALL_EXPR: {
        GoCallExpr *c = (GoCallExpr *)x;
        if (c->fun->kind == GO_IDENT && c->args.len == 1 && !c->ellipsis &&
            (force || is_type_elem(c->args.items[0]))) {
            /* name (T): the parentheses stay, as a ParenExpr */
            GoParenExpr *e = NEW(p, GoParenExpr, GO_PAREN_EXPR, c->lparen);
            e->lparen = c->lparen;
            e->x = c->args.items[0];
            e->rparen = c->rparen;
            e->n.end = c->rparen + 1;
            *expr = &e->n;
            return (GoIdent *)c->fun;
        }
        break;
    }
    default:
        break;
    }
    return NULL;
}

/* TypeSpec = AliasDecl | TypeDef . AliasDecl = identifier "=" Type .
 * TypeDef = identifier [ TypeParameters ] Type . */
static GoNode *parse_type_spec(Parser *p, GoTok keyword, int iota)
{
    UNUSED(keyword);
    UNUSED(iota);
    GoIdent *name = parse_ident(p);
    GoTypeSpec *spec = NEW(p, GoTypeSpec, GO_TYPE_SPEC, name->n.pos);
    spec->name = name;
    if (p->tok->kind == GO_T_LBRACK) {
        GoPos lbrack = p->tok->pos;
        next(p);
        if (p->tok->kind == GO_T_IDENT) {
            GoNode *x = &parse_ident(p)->n;
            if (p->tok->kind != GO_T_LBRACK) {
                p->expr_lev++;
                GoNode *lhs = parse_primary_expr(p, x);
                x = parse_binary_expr(p, lhs, 1);
                p->expr_lev--;
            }
            GoNode *ptype;
            GoIdent *pname = extract_name(p, x, p->tok->kind == GO_T_COMMA, &ptype);
            if (pname && (ptype || p->tok->kind != GO_T_RBRACK))
                parse_generic_type(p, spec, lbrack, pname, ptype);
            else
                spec->type = parse_array_type(p, lbrack, x);
        } else {
            spec->type = parse_array_type(p, lbrack, NULL);
        }
    } else {
        if (p->tok->kind == GO_T_ASSIGN) {
            spec->assign = p->tok->pos;
            next(p);
        }
        spec->type = parse_type(p);
    }
    expect_semi(p);
    spec->n.end = spec->type->end;
    return &spec->n;
}

typedef GoNode *(*SpecFn)(Parser *p, GoTok keyword, int iota);

/* Declaration = ConstDecl | TypeDecl | VarDecl .
 * ConstDecl = "const" ( ConstSpec | "(" { ConstSpec ";" } ")" ) . (etc.) */
static GoNode *parse_gen_decl(Parser *p, GoTok keyword, SpecFn f)
{
    GoPos pos = expect(p, keyword);
    GoPos lparen = GO_NOPOS, rparen = GO_NOPOS;
    size_t m = mark(p);
    if (p->tok->kind == GO_T_LPAREN) {
        lparen = p->tok->pos;
        next(p);
        for (int iota = 0; p->tok->kind != GO_T_RPAREN && p->tok->kind != GO_T_EOF; iota++)
            push(p, f(p, keyword, iota));
        rparen = expect(p, GO_T_RPAREN);
        expect_semi(p);
    } else {
        push(p, f(p, keyword, 0));
    }
    GoGenDecl *d = NEW(p, GoGenDecl, GO_GEN_DECL, pos);
    d->tok = keyword;
    d->lparen = lparen;
    d->specs = list_from(p, m);
    d->rparen = rparen;
    d->n.end = rparen ? rparen + 1 : d->specs.len ? d->specs.items[0]->end : pos;
    return &d->n;
}

/* FunctionDecl = "func" FunctionName [ TypeParameters ] Signature [ FunctionBody ] .
 * MethodDecl = "func" Receiver MethodName [ TypeParameters ] Signature [ FunctionBody ] .
 * (methods have type parameters since Go 1.27) */
static GoNode *parse_func_decl(Parser *p)
{
    GoPos pos = expect(p, GO_T_FUNC);
    GoFieldList *recv = NULL;
    if (p->tok->kind == GO_T_LPAREN)
        recv = parse_parameters(p, false);
    GoIdent *ident = parse_ident(p);
    GoFieldList *tparams = NULL;
    if (p->tok->kind == GO_T_LBRACK)
        tparams = parse_type_parameters(p);
    GoFieldList *params = parse_parameters(p, false);
    GoFieldList *results = parse_parameters(p, true);
    GoBlockStmt *body = NULL;
    GoPos body_pos = GO_NOPOS, body_end = GO_NOPOS;
    switch (p->tok->kind) {
    case GO_T_LBRACE:
        if (p->defer_bodies && p->errs->list.len == p->err_start && p->lex_next_err == p->lex_errs.list.len) {
            /* parsed for its errors, and dropped if it has none: the
             * package's check parses it again (go_parse_body) */
            ArenaMark am = drop_mark(p);
            body = parse_body(p);
            if (p->errs->list.len == p->err_start && p->lex_next_err == p->lex_errs.list.len && !p->bail) {
                body_pos = body->lbrace;
                body_end = body->n.end;
                drop_since(p, am);
                body = NULL;
            }
        } else
            body = parse_body(p);
        expect_semi(p);
        break;
    case GO_T_SEMICOLON:
        next(p);
        if (p->tok->kind == GO_T_LBRACE) {
            error_at(p, p->tok->pos, "unexpected semicolon or newline before {");
            body = parse_body(p);
            expect_semi(p);
        }
        break;
    default:
        expect_semi(p);
    }
    GoFuncDecl *d = NEW(p, GoFuncDecl, GO_FUNC_DECL, pos);
    d->recv = recv;
    d->name = ident;
    d->type = func_type(p, pos, tparams, params, results);
    d->body = body;
    d->body_pos = body_pos;
    d->n.end = body ? body->n.end : body_pos ? body_end : d->type->n.end;
    return &d->n;
}

static GoNode *parse_decl(Parser *p, const bool *sync)
{
    switch (p->tok->kind) {
    case GO_T_IMPORT:
        return parse_gen_decl(p, p->tok->kind, parse_import_spec);
    case GO_T_CONST: case GO_T_VAR:
        return parse_gen_decl(p, p->tok->kind, parse_value_spec);
    case GO_T_TYPE:
        return parse_gen_decl(p, p->tok->kind, parse_type_spec);
    case GO_T_FUNC:
        return parse_func_decl(p);
    default: {
        GoPos pos = p->tok->pos;
        error_expected(p, pos, "declaration");
        advance(p, sync);
        GoNode *n = new_node(p, sizeof(GoBadDecl), GO_BAD_DECL, pos);
        n->end = p->tok->pos;
        return n;
    }
    }
}

/* SourceFile = PackageClause ";" { ImportDecl ";" } { TopLevelDecl ";" } . */
static GoFile *parse_file(Parser *p)
{
    GoFile *f = NEW(p, GoFile, GO_FILE, GO_NOPOS);
    f->file = p->file;
    p->not_go = true;
    if (p->errs->list.len > p->err_start)
        return f; /* errors in the first token: not Go source */
    f->n.pos = expect(p, GO_T_PACKAGE);
    f->name = parse_ident(p);
    expect_semi(p);
    f->n.end = f->name->n.end;
    if (p->errs->list.len > p->err_start)
        return f;
    p->not_go = false;
    size_t m = mark(p);
    while (p->tok->kind == GO_T_IMPORT)
        push(p, parse_gen_decl(p, GO_T_IMPORT, parse_import_spec));
    GoTok prev = GO_T_IMPORT;
    while (p->tok->kind != GO_T_EOF) {
        /* late imports are parsed, with an error */
        if (p->tok->kind == GO_T_IMPORT && prev != GO_T_IMPORT)
            error_at(p, p->tok->pos, "imports must appear before other declarations");
        prev = p->tok->kind;
        if (p->errors_only) {
            ArenaMark am = drop_mark(p);
            parse_decl(p, decl_start);
            drop_since(p, am);
            continue;
        }
        push(p, parse_decl(p, decl_start));
    }
    f->decls = list_from(p, m);
    if (f->decls.len)
        f->n.end = f->decls.items[f->decls.len - 1]->end;
    return f;
}

/* The parser at its first token, the lexer started (lex_init or
 * lex_init_at) on p->file. */
static void parser_start(Parser *p, GoToken *toks, Arena *a, GoErrors *errs)
{
    p->toks = toks;
    p->a = a;
    p->aptr = a->ptr;
    p->aend = a->end;
    p->errs = errs;
    p->err_start = errs->list.len;
    lex_fill(&p->lx, p->toks, TOKBUF);
    p->tok = p->toks;
    flush_lex_errors(p);
    p->stop = MIN(p->err_tok, p->toks + TOKBUF - 1);
}

/* The arena is a's own again, 16-byte aligned as arena_alloc keeps it
 * (nodes are only 8-byte aligned: the padding was a tenth of the tree). */
static void parser_give_back(Parser *p)
{
    Arena *a = p->a;
    a->ptr = p->aptr;
    if (a->ptr && ((uintptr_t)a->ptr & 15))
        a->ptr = (size_t)(a->end - a->ptr) > 8 ? a->ptr + 8 : a->end;
}

static void parser_free(Parser *p)
{
    array_free(&p->stack);
    array_free(&p->params);
    array_free(&p->imports);
}

static GoFile *parse(GoFileSet *fs, const char *path, const char *src, size_t len, Arena *a, GoErrors *errs,
                     bool errors_only, bool defer_bodies)
{
    Parser p;
    memset(&p, 0, sizeof p);
    p.errors_only = errors_only;
    p.defer_bodies = defer_bodies;
    GoToken toks[TOKBUF];
    p.file = go_fileset_add(fs, path, src, len);
    lex_init(&p.lx, p.file, &p.lex_errs);
    parser_start(&p, toks, a, errs);
    GoFile *f = parse_file(&p);
    /* up to EOF: the line table and comments complete, and the lexer's
     * errors handed on (unless the parser gave up, or go/parser would
     * have stopped before the declarations) */
    size_t nerr = errs->list.len;
    if (!p.bail)
        while (p.tok->kind != GO_T_EOF)
            next(&p);
    if (p.not_go) {
        for (size_t i = nerr; i < errs->list.len; i++)
            free(errs->list.items[i].msg);
        errs->list.len = nerr;
    }
    for (size_t i = p.lex_next_err; i < p.lex_errs.list.len; i++)
        free(p.lex_errs.list.items[i].msg);
    array_free(&p.lex_errs.list);
    parser_give_back(&p);
    lex_finish(&p.lx, a, &f->comments, &f->ncomments);
    f->imports.len = (uint32_t)p.imports.len;
    if (p.imports.len) {
        f->imports.items = arena_alloc(a, sizeof(GoNode *) * p.imports.len);
        memcpy(f->imports.items, p.imports.items, sizeof(GoNode *) * p.imports.len);
    }
    f->nerrors = (uint32_t)(errs->list.len - p.err_start);
    parser_free(&p);
    return f;
}

GoFile *go_parse(GoFileSet *fs, const char *path, const char *src, size_t len, Arena *a, GoErrors *errs)
{
    return parse(fs, path, src, len, a, errs, false, false);
}

GoFile *go_parse_decls(GoFileSet *fs, const char *path, const char *src, size_t len, Arena *a, GoErrors *errs)
{
    return parse(fs, path, src, len, a, errs, false, true);
}

GoFile *go_parse_errors(GoFileSet *fs, const char *path, const char *src, size_t len, Arena *a, GoErrors *errs)
{
    return parse(fs, path, src, len, a, errs, true, false);
}

GoBlockStmt *go_parse_body(const GoFile *f, const GoFuncDecl *fd, Arena *a)
{
    if (!fd->body_pos || !f->file)
        return NULL;
    Parser p;
    memset(&p, 0, sizeof p);
    GoToken toks[TOKBUF];
    GoErrors errs = {0};
    p.file = f->file;
    lex_init_at(&p.lx, p.file, &p.lex_errs, fd->body_pos - p.file->base);
    parser_start(&p, toks, a, &errs);
    GoBlockStmt *body = parse_body(&p);
    parser_give_back(&p);
    /* the body parsed without errors the first time: any now are past it */
    go_errors_free(&errs);
    go_errors_free(&p.lex_errs);
    lex_finish_again(&p.lx);
    parser_free(&p);
    return body;
}
