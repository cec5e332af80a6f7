/* ast.h - the Go syntax tree, as produced by go_parse.
 *
 * Shape. The tree follows go/ast closely, so that what one knows of go/ast
 * carries over: the same node kinds, the same fields, the same positions.
 * Every node struct starts with a GoNode header {kind, pos, end}; pos is
 * what go/ast's Pos() returns and end what End() returns (one past the last
 * byte). Cast a GoNode * to its struct after checking kind, e.g.
 *
 *     if (n->kind == GO_CALL_EXPR) {
 *         GoCallExpr *c = (GoCallExpr *)n;      // or GO_AS(GoCallExpr, n)
 *         for (uint32_t i = 0; i < c->args.len; i++) visit(c->args.items[i]);
 *     }
 *
 * Lists are GoList {items, len}: arrays of GoNode * in the arena (never
 * NULL items). An absent optional child is NULL; an absent position is
 * GO_NOPOS.
 *
 * Differences from go/ast, all for simplicity:
 *   - IndexExpr and IndexListExpr are one kind, GO_INDEX_EXPR, with a list
 *     of indices (one or more: x[i], or the instantiation F[A, B]).
 *   - identifiers and literals are not copied: GoIdent.name / GoBasicLit.text
 *     point into the source text (not NUL-terminated; use the len), so the
 *     source buffer must outlive the tree. go_ident_eq compares with a C
 *     string.
 *   - comments are one flat list per file (GoFile.comments), in source
 *     order, each with its position; no CommentGroup / Doc fields. Find a
 *     directive (//go:build, //drip:ignore ...) by its line:
 *     go_file_line(file->file, c->pos).
 *   - no object resolution (Obj, Scope, Unresolved): that is sema's job.
 *
 * Memory. Every node, list and comment is allocated in the Arena given to
 * go_parse; free the arena to free the tree. The GoFileSet owns the line
 * tables and file names (go_fileset_free); the GoErrors own their messages
 * (go_errors_free).
 *
 * Errors. go_parse always returns a tree. Syntax errors go to errs with
 * go/parser's wording ("expected ';', found 'IDENT' x"); the part that
 * could not be parsed becomes a GO_BAD_EXPR / GO_BAD_STMT / GO_BAD_DECL
 * node and parsing resumes at the next statement or declaration. Analyses
 * must tolerate Bad nodes (and NULL where a child was missing).
 *
 * Walking. go_inspect(n, pre, post, ctx) visits n and every descendant in
 * source order (like ast.Inspect); go_children(n, fn, ctx) calls fn on each
 * direct child.
 */
#ifndef DRIP_GO_AST_H
#define DRIP_GO_AST_H

#include "token.h"

/* ORDER NODES: X(enum suffix, name printed in dumps == go/ast type name).
 * The enum and go_node_kind_name's table come from this one list. */
#define GO_NODE_KINDS(X)                                                      \
    /* expressions and types */                                              \
    X(BAD_EXPR, BadExpr) X(IDENT, Ident) X(ELLIPSIS, Ellipsis)               \
    X(BASIC_LIT, BasicLit) X(FUNC_LIT, FuncLit)                              \
    X(COMPOSITE_LIT, CompositeLit) X(PAREN_EXPR, ParenExpr)                  \
    X(SELECTOR_EXPR, SelectorExpr) X(INDEX_EXPR, IndexExpr)                  \
    X(SLICE_EXPR, SliceExpr) X(TYPE_ASSERT_EXPR, TypeAssertExpr)             \
    X(CALL_EXPR, CallExpr) X(STAR_EXPR, StarExpr) X(UNARY_EXPR, UnaryExpr)   \
    X(BINARY_EXPR, BinaryExpr) X(KEY_VALUE_EXPR, KeyValueExpr)               \
    X(ARRAY_TYPE, ArrayType) X(STRUCT_TYPE, StructType)                      \
    X(FUNC_TYPE, FuncType) X(INTERFACE_TYPE, InterfaceType)                  \
    X(MAP_TYPE, MapType) X(CHAN_TYPE, ChanType)                              \
    /* parts of types and signatures */                                      \
    X(FIELD, Field) X(FIELD_LIST, FieldList)                                 \
    /* statements */                                                         \
    X(BAD_STMT, BadStmt) X(DECL_STMT, DeclStmt) X(EMPTY_STMT, EmptyStmt)     \
    X(LABELED_STMT, LabeledStmt) X(EXPR_STMT, ExprStmt)                      \
    X(SEND_STMT, SendStmt) X(INC_DEC_STMT, IncDecStmt)                       \
    X(ASSIGN_STMT, AssignStmt) X(GO_STMT, GoStmt) X(DEFER_STMT, DeferStmt)   \
    X(RETURN_STMT, ReturnStmt) X(BRANCH_STMT, BranchStmt)                    \
    X(BLOCK_STMT, BlockStmt) X(IF_STMT, IfStmt) X(CASE_CLAUSE, CaseClause)   \
    X(SWITCH_STMT, SwitchStmt) X(TYPE_SWITCH_STMT, TypeSwitchStmt)           \
    X(COMM_CLAUSE, CommClause) X(SELECT_STMT, SelectStmt)                    \
    X(FOR_STMT, ForStmt) X(RANGE_STMT, RangeStmt)                            \
    /* specs and declarations */                                             \
    X(IMPORT_SPEC, ImportSpec) X(VALUE_SPEC, ValueSpec)                      \
    X(TYPE_SPEC, TypeSpec) X(BAD_DECL, BadDecl) X(GEN_DECL, GenDecl)         \
    X(FUNC_DECL, FuncDecl) X(FILE, File)

typedef enum {
#define X(e, name) GO_##e,
    GO_NODE_KINDS(X)
#undef X
    GO_NODE_KIND_COUNT
} GoNodeKind;

const char *go_node_kind_name(GoNodeKind k); /* "CallExpr" */

typedef struct GoNode {
    GoNodeKind kind;
    GoPos pos;          /* go/ast Pos(): first byte of the node */
    GoPos end;          /* go/ast End(): one past its last byte */
} GoNode;

typedef struct {
    GoNode **items;
    uint32_t len;
} GoList;

/* Checked downcast: GO_AS(GoIdent, n) is NULL unless n is an identifier. */
#define GO_AS(T, n) ((T *)go_as_((GoNode *)(n), T##_KIND))

bool go_is_expr(const GoNode *n); /* expressions and types */
bool go_is_stmt(const GoNode *n);
bool go_is_decl(const GoNode *n);

/* ---- expressions ----------------------------------------------------- */

typedef struct { GoNode n; } GoBadExpr;     /* unparsable expression */

typedef struct GoIdent {
    GoNode n;
    uint32_t len;
    const char *name;   /* into the source; not NUL-terminated */
    void *obj;          /* what it denotes: set by the package's sema (an
                           Obj *, see sema_obj), NULL until then */
} GoIdent;

typedef struct {        /* "..." in [...]T, variadic params, f(xs...) */
    GoNode n;
    GoNode *elt;        /* element type of a variadic param, or NULL */
} GoEllipsis;

typedef struct {        /* n.end is go/ast's: pos + length of the value,
                           whose raw strings lose their carriage returns */
    GoNode n;
    GoTok kind;         /* GO_T_INT, FLOAT, IMAG, CHAR or STRING */
    const char *text;   /* source text, quotes included */
    uint32_t len;
} GoBasicLit;

typedef struct GoFuncType GoFuncType;
typedef struct GoBlockStmt GoBlockStmt;
typedef struct GoFieldList GoFieldList;

typedef struct {
    GoNode n;
    GoFuncType *type;
    GoBlockStmt *body;
} GoFuncLit;

typedef struct {
    GoNode n;
    GoNode *type;       /* NULL for an elided type ({1, 2} inside a literal) */
    GoPos lbrace;
    GoList elts;        /* elements, KeyValueExpr for key: value */
    GoPos rbrace;
    bool incomplete;
} GoCompositeLit;

typedef struct {
    GoNode n;
    GoPos lparen;
    GoNode *x;
    GoPos rparen;
} GoParenExpr;

typedef struct {        /* x.sel: field, method, package member, method expr */
    GoNode n;
    GoNode *x;
    GoIdent *sel;
} GoSelectorExpr;

typedef struct {        /* x[i] or generic instantiation x[A, B] */
    GoNode n;
    GoPos lbrack;       /* (fields ordered for size) */
    GoNode *x;
    GoList indices;     /* at least one */
    GoPos rbrack;
} GoIndexExpr;

typedef struct {        /* x[low:high] or x[low:high:max] */
    GoNode n;
    GoNode *x;
    GoPos lbrack;
    GoNode *low, *high, *max; /* each may be NULL */
    bool slice3;
    GoPos rbrack;
} GoSliceExpr;

typedef struct {        /* x.(T); type is NULL in x.(type) of a type switch */
    GoNode n;
    GoNode *x;
    GoPos lparen;
    GoNode *type;
    GoPos rparen;
} GoTypeAssertExpr;

typedef struct {        /* fun(args) or fun(args...); also conversions */
    GoNode n;
    GoPos lparen;       /* (fields ordered for size) */
    GoNode *fun;
    GoList args;
    GoPos ellipsis;     /* position of "...", or GO_NOPOS */
    GoPos rparen;
} GoCallExpr;

typedef struct {        /* *x: dereference or pointer type */
    GoNode n;
    GoNode *x;
} GoStarExpr;

typedef struct {        /* op x; op is + - ! ^ & <- ~ (~ only in constraints) */
    GoNode n;
    GoTok op;
    GoNode *x;
} GoUnaryExpr;

typedef struct {        /* x op y; also A | B unions in constraints */
    GoNode n;
    GoNode *x;
    GoPos op_pos;
    GoTok op;
    GoNode *y;
} GoBinaryExpr;

typedef struct {        /* key: value in composite literals */
    GoNode n;
    GoPos colon;        /* (fields ordered for size) */
    GoNode *key;
    GoNode *value;
} GoKeyValueExpr;

/* ---- types ------------------------------------------------------------- */

typedef struct {        /* [len]elt, [...]elt (len is a GoEllipsis), []elt */
    GoNode n;
    GoNode *len;        /* NULL for a slice type */
    GoNode *elt;
} GoArrayType;

typedef struct {
    GoNode n;
    GoFieldList *fields;
    bool incomplete;
} GoStructType;

struct GoFuncType {     /* func[T any](params) results */
    GoNode n;
    GoPos func;         /* "func" keyword, GO_NOPOS in interface methods */
    GoFieldList *type_params; /* NULL if none */
    GoFieldList *params;
    GoFieldList *results;     /* NULL if none */
};

typedef struct {        /* methods: Field with one name and a FuncType;
                           embedded types and unions (A | ~B): Field without
                           names whose type is the element expression */
    GoNode n;
    GoFieldList *methods;
    bool incomplete;
} GoInterfaceType;

typedef struct {
    GoNode n;
    GoNode *key, *value;
} GoMapType;

enum { GO_CHAN_SEND = 1, GO_CHAN_RECV = 2 }; /* bits of GoChanType.dir */

typedef struct {        /* chan T, chan<- T, <-chan T */
    GoNode n;
    GoPos arrow;        /* position of "<-", or GO_NOPOS */
    int dir;            /* GO_CHAN_SEND | GO_CHAN_RECV for plain chan */
    GoNode *value;
} GoChanType;

/* A struct field, parameter, result, type parameter or interface element. */
typedef struct {
    GoNode n;
    GoList names;       /* GoIdent *; empty for embedded/anonymous ones */
    GoNode *type;       /* NULL never after a successful parse */
    GoBasicLit *tag;    /* struct tag, or NULL */
} GoField;

struct GoFieldList {    /* (params), {fields}, [type params] */
    GoNode n;
    GoPos opening;      /* "(" "{" "[" or GO_NOPOS for a lone result type */
    GoList fields;      /* GoField * */
    GoPos closing;
};

/* ---- statements ------------------------------------------------------ */

typedef struct { GoNode n; } GoBadStmt;

typedef struct {        /* const, type or var declaration in a function */
    GoNode n;
    GoNode *decl;       /* GoGenDecl or GoBadDecl */
} GoDeclStmt;

typedef struct {
    GoNode n;
    bool implicit;      /* an automatic ';' (newline), or before '}' */
} GoEmptyStmt;

typedef struct {
    GoNode n;
    GoIdent *label;
    GoPos colon;
    GoNode *stmt;
} GoLabeledStmt;

typedef struct {
    GoNode n;
    GoNode *x;
} GoExprStmt;

typedef struct {        /* ch <- value */
    GoNode n;
    GoNode *chan;
    GoPos arrow;
    GoNode *value;
} GoSendStmt;

typedef struct {
    GoNode n;
    GoNode *x;
    GoPos tok_pos;
    GoTok tok;          /* GO_T_INC or GO_T_DEC */
} GoIncDecStmt;

typedef struct {        /* lhs tok rhs; tok is = := += ... */
    GoNode n;
    GoList lhs;
    GoPos tok_pos;
    GoTok tok;
    GoList rhs;
} GoAssignStmt;

typedef struct {
    GoNode n;
    GoNode *call;       /* a GoCallExpr after a successful parse */
} GoGoStmt;

typedef struct {
    GoNode n;
    GoNode *call;
} GoDeferStmt;

typedef struct {
    GoNode n;
    GoList results;
} GoReturnStmt;

typedef struct {        /* break, continue, goto, fallthrough */
    GoNode n;
    GoTok tok;
    GoIdent *label;     /* or NULL */
} GoBranchStmt;

struct GoBlockStmt {
    GoNode n;
    GoPos lbrace;
    GoList list;        /* statements */
    GoPos rbrace;
};

typedef struct {
    GoNode n;
    GoNode *init;       /* simple statement or NULL */
    GoNode *cond;
    GoBlockStmt *body;
    GoNode *else_;      /* GoIfStmt, GoBlockStmt or NULL */
} GoIfStmt;

typedef struct {        /* case x, y: body  /  default: body */
    GoNode n;
    GoList list;        /* empty for default */
    GoPos colon;
    GoList body;
} GoCaseClause;

typedef struct {
    GoNode n;
    GoNode *init;
    GoNode *tag;        /* or NULL */
    GoBlockStmt *body;  /* list of GoCaseClause */
} GoSwitchStmt;

typedef struct {        /* switch init; x := y.(type) { ... } */
    GoNode n;
    GoNode *init;
    GoNode *assign;     /* GoAssignStmt (x := y.(type)) or GoExprStmt */
    GoBlockStmt *body;  /* list of GoCaseClause */
} GoTypeSwitchStmt;

typedef struct {        /* case comm: body / default: body in a select */
    GoNode n;
    GoNode *comm;       /* GoSendStmt, GoExprStmt (<-c), GoAssignStmt, or
                           NULL for default */
    GoPos colon;
    GoList body;
} GoCommClause;

typedef struct {
    GoNode n;
    GoBlockStmt *body;  /* list of GoCommClause */
} GoSelectStmt;

typedef struct {
    GoNode n;
    GoNode *init, *cond, *post; /* each may be NULL */
    GoBlockStmt *body;
} GoForStmt;

typedef struct {        /* for key, value := range x { } */
    GoNode n;
    GoNode *key, *value; /* each may be NULL */
    GoPos tok_pos;       /* position of tok, GO_NOPOS if none */
    GoTok tok;           /* GO_T_ASSIGN, GO_T_DEFINE or GO_T_ILLEGAL (none) */
    GoPos range;         /* the "range" keyword */
    GoNode *x;
    GoBlockStmt *body;
} GoRangeStmt;

/* ---- declarations ------------------------------------------------------ */

typedef struct {
    GoNode n;
    GoIdent *name;      /* local name, "." or "_", or NULL */
    GoBasicLit *path;
    GoPos end_pos;      /* end of the spec, GO_NOPOS normally */
} GoImportSpec;

typedef struct {        /* names type = values (const and var) */
    GoNode n;
    GoList names;       /* GoIdent * */
    GoNode *type;       /* or NULL */
    GoList values;
} GoValueSpec;

typedef struct {        /* name[tparams] type  or  name = type (alias) */
    GoNode n;
    GoIdent *name;
    GoFieldList *type_params; /* or NULL */
    GoPos assign;       /* "=" of an alias, or GO_NOPOS */
    GoNode *type;
} GoTypeSpec;

typedef struct { GoNode n; } GoBadDecl;

typedef struct {        /* import/const/type/var, with or without parens */
    GoNode n;
    GoTok tok;
    GoPos lparen;       /* GO_NOPOS without parens */
    GoList specs;       /* GoImportSpec / GoValueSpec / GoTypeSpec */
    GoPos rparen;
} GoGenDecl;

typedef struct {
    GoNode n;
    GoFieldList *recv;  /* receiver, NULL for a function; a generic type's
                           receiver type is an IndexExpr: (r *T[K, V]) */
    GoIdent *name;
    GoFuncType *type;   /* type_params, params, results; type->func is the
                           "func" keyword */
    GoBlockStmt *body;  /* NULL for a declaration without body, and for a
                           body go_parse_decls deferred */
    GoPos body_pos;     /* a deferred body's "{" (see go_parse_body), or
                           GO_NOPOS */
} GoFuncDecl;

typedef struct GoFile {
    GoNode n;           /* pos: "package" keyword */
    GoSrcFile *file;    /* path, source, line table */
    GoIdent *name;      /* package name */
    GoList decls;       /* GoGenDecl, GoFuncDecl, GoBadDecl */
    GoList imports;     /* every GoImportSpec, also reachable from decls */
    GoComment *comments;/* every comment in source order */
    uint32_t ncomments;
    uint32_t nerrors;   /* syntax errors found in this file */
} GoFile;

/* Type tags used by GO_AS. */
enum {
    GoBadExpr_KIND = GO_BAD_EXPR, GoIdent_KIND = GO_IDENT,
    GoEllipsis_KIND = GO_ELLIPSIS, GoBasicLit_KIND = GO_BASIC_LIT,
    GoFuncLit_KIND = GO_FUNC_LIT, GoCompositeLit_KIND = GO_COMPOSITE_LIT,
    GoParenExpr_KIND = GO_PAREN_EXPR, GoSelectorExpr_KIND = GO_SELECTOR_EXPR,
    GoIndexExpr_KIND = GO_INDEX_EXPR, GoSliceExpr_KIND = GO_SLICE_EXPR,
    GoTypeAssertExpr_KIND = GO_TYPE_ASSERT_EXPR, GoCallExpr_KIND = GO_CALL_EXPR,
    GoStarExpr_KIND = GO_STAR_EXPR, GoUnaryExpr_KIND = GO_UNARY_EXPR,
    GoBinaryExpr_KIND = GO_BINARY_EXPR, GoKeyValueExpr_KIND = GO_KEY_VALUE_EXPR,
    GoArrayType_KIND = GO_ARRAY_TYPE, GoStructType_KIND = GO_STRUCT_TYPE,
    GoFuncType_KIND = GO_FUNC_TYPE, GoInterfaceType_KIND = GO_INTERFACE_TYPE,
    GoMapType_KIND = GO_MAP_TYPE, GoChanType_KIND = GO_CHAN_TYPE,
    GoField_KIND = GO_FIELD, GoFieldList_KIND = GO_FIELD_LIST,
    GoBadStmt_KIND = GO_BAD_STMT, GoDeclStmt_KIND = GO_DECL_STMT,
    GoEmptyStmt_KIND = GO_EMPTY_STMT, GoLabeledStmt_KIND = GO_LABELED_STMT,
    GoExprStmt_KIND = GO_EXPR_STMT, GoSendStmt_KIND = GO_SEND_STMT,
    GoIncDecStmt_KIND = GO_INC_DEC_STMT, GoAssignStmt_KIND = GO_ASSIGN_STMT,
    GoGoStmt_KIND = GO_GO_STMT, GoDeferStmt_KIND = GO_DEFER_STMT,
    GoReturnStmt_KIND = GO_RETURN_STMT, GoBranchStmt_KIND = GO_BRANCH_STMT,
    GoBlockStmt_KIND = GO_BLOCK_STMT, GoIfStmt_KIND = GO_IF_STMT,
    GoCaseClause_KIND = GO_CASE_CLAUSE, GoSwitchStmt_KIND = GO_SWITCH_STMT,
    GoTypeSwitchStmt_KIND = GO_TYPE_SWITCH_STMT, GoCommClause_KIND = GO_COMM_CLAUSE,
    GoSelectStmt_KIND = GO_SELECT_STMT, GoForStmt_KIND = GO_FOR_STMT,
    GoRangeStmt_KIND = GO_RANGE_STMT, GoImportSpec_KIND = GO_IMPORT_SPEC,
    GoValueSpec_KIND = GO_VALUE_SPEC, GoTypeSpec_KIND = GO_TYPE_SPEC,
    GoBadDecl_KIND = GO_BAD_DECL, GoGenDecl_KIND = GO_GEN_DECL,
    GoFuncDecl_KIND = GO_FUNC_DECL, GoFile_KIND = GO_FILE,
};

static inline GoNode *go_as_(GoNode *n, int kind)
{
    return n && (int)n->kind == kind ? n : NULL;
}

/* ---- API --------------------------------------------------------------- */

/* Parses one file. src must stay alive as long as the tree (identifiers
 * point into it); the file is registered in fs under path. Nodes go into
 * arena a. Syntax errors are appended to errs (never NULL). Always returns
 * a file node. Safe to call from several threads with the same fs (each
 * with its own arena and errs). */
GoFile *go_parse(GoFileSet *fs, const char *path, const char *src, size_t len,
                 Arena *a, GoErrors *errs);
/* The same, but the bodies of function declarations are parsed (for their
 * errors) and dropped: fd->body is NULL and fd->body_pos their "{" until
 * go_parse_body parses them again. A body with a syntax error, and every
 * body after one, is kept. Memory for the declarations only: the bodies
 * are parsed when their package is checked, and freed after. */
GoFile *go_parse_decls(GoFileSet *fs, const char *path, const char *src, size_t len,
                       Arena *a, GoErrors *errs);
/* The deferred body of fd in file f (parsed by go_parse_decls), into
 * arena a: the very tree go_parse builds, found again without errors.
 * NULL when fd has none. */
GoBlockStmt *go_parse_body(const GoFile *f, const GoFuncDecl *fd, Arena *a);
/* The same errors as go_parse, in memory for one statement rather than
 * the whole tree: the file node it returns has no declarations. */
GoFile *go_parse_errors(GoFileSet *fs, const char *path, const char *src, size_t len,
                        Arena *a, GoErrors *errs);

/* Calls fn(child, ctx) for each direct child of n in source order. */
void go_children(GoNode *n, void (*fn)(GoNode *child, void *ctx), void *ctx);

/* Visits n and its descendants in depth-first source order. pre is called
 * first; if it returns false the children are skipped. post (may be NULL)
 * runs after the children. NULL children are skipped. */
void go_inspect(GoNode *n, bool (*pre)(GoNode *n, void *ctx),
                void (*post)(GoNode *n, void *ctx), void *ctx);

/* Compares an identifier's name with a C string. */
bool go_ident_eq(const GoIdent *id, const char *s);
/* Copies an identifier's name into a into a NUL-terminated string. */
char *go_ident_str(const GoIdent *id, Arena *a);

/* Writes the canonical S-expression dump of f (the format of
 * tests/oracle/dump.go, documented in docs/parse.md) to out. */
void go_dump(const GoFile *f, FILE *out);

#endif
