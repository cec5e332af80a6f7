/* sema.h - the semantic core of drip check: objects, scopes and name
 * resolution, light type inference, sizes, and control-flow graphs.
 *
 * One Sema per package. sema_build resolves every identifier of the
 * package's files (locals, parameters, results, labels, package-level
 * declarations across files, imports with aliases). Types are inferred on
 * demand and memoized: declared types, composite literals, make/new,
 * conversions, results of functions in the loaded packages, and a table of
 * the standard-library functions the rules need (stdlib.c). What is unknown
 * stays NULL: rules must stay silent on NULL.
 *
 * Threads: sema_build runs per package in parallel; after all are built,
 * sema_prepare runs per package (in parallel too), and then rules may run
 * in parallel, one thread per Sema. A Sema memoizes, so it is not shared
 * between threads: other packages are only read, never asked to memoize
 * (no sema_* call with another package's Sema; their package-level
 * variables' types through sema_global_type, computed by sema_prepare). */
#ifndef DRIP_SEMA_H
#define DRIP_SEMA_H

#include <stdint.h>

#include "../go/ast.h"
#include "../util/arena.h"
#include "../util/hashmap.h"
#include "../util/ptrmap.h"
#include "../util/strbuf.h"
#include "load.h"

typedef struct Sema Sema;
typedef struct Type Type;
typedef struct Obj Obj;
typedef struct World World;

/* ---- objects ----------------------------------------------------------- */

typedef enum {
    OBJ_VAR,      /* variable, parameter, result, range/switch variable */
    OBJ_CONST,
    OBJ_TYPE,
    OBJ_FUNC,     /* package-level function (methods are not in scopes) */
    OBJ_PKGNAME,  /* an import's local name */
    OBJ_LABEL,
    OBJ_BUILTIN,  /* make, new, len, panic, ... */
    OBJ_NIL,
} ObjKind;

enum {
    OBJF_PARAM = 1,     /* function parameter or receiver */
    OBJF_RESULT = 2,    /* named result */
    OBJF_RECV = 4,
    OBJF_GLOBAL = 8,    /* package-level */
    OBJF_ADDR = 16,     /* &x appears somewhere */
};

struct Obj {
    ObjKind kind;
    const char *name;     /* NUL-terminated, in the Sema arena */
    uint32_t name_len;    /* strlen(name), kept for scope look-ups */
    GoIdent *ident;       /* defining identifier, NULL for builtins */
    GoNode *decl;         /* ValueSpec, AssignStmt, Field, FuncDecl, TypeSpec,
                             RangeStmt, TypeSwitchStmt, ImportSpec, LabeledStmt */
    GoNode *type_expr;    /* declared type, or NULL */
    GoNode *init;         /* initializer expression, or NULL */
    int init_index;       /* which result of a multi-value init (-1: single) */
    GoNode *func;         /* enclosing FuncDecl/FuncLit; NULL at package level */
    Sema *owner;
    const char *import_path; /* OBJ_PKGNAME: the imported path */
    int iota;             /* OBJ_CONST: position in its const block */
    int flags;            /* OBJF_* */
    int nassign;          /* assignments after the declaration (x = ..., x++) */
    Type *type;           /* memo of sema_obj_type */
    bool type_done;
};

/* ---- types ------------------------------------------------------------- */

typedef enum {
    TY_BASIC, TY_NAMED, TY_POINTER, TY_SLICE, TY_ARRAY, TY_MAP, TY_CHAN,
    TY_STRUCT, TY_FUNC, TY_INTERFACE, TY_TUPLE, TY_UNTYPED_NIL,
} TypeKind;

typedef struct {
    const char *name;     /* NULL for an embedded field (use the type's name) */
    Type *type;
    bool embedded;
} TypeField;

struct Type {
    TypeKind kind;
    const char *name;     /* basic: "int"; named: "Ticker" */
    const char *pkg;      /* named: import path ("time"); NULL for basic */
    Type *elem;           /* pointer, slice, array, chan, map value */
    Type *key;            /* map key */
    int64_t len;          /* array length, -1 when unknown */
    int chan_dir;         /* GO_CHAN_SEND | GO_CHAN_RECV bits */
    TypeField *fields;    /* struct fields */
    int nfields;
    Type **params, **results; /* func; tuple uses results */
    int nparams, nresults;
    bool variadic;
    /* named types: */
    Type *underlying;     /* resolved lazily; NULL when unknown */
    bool underlying_done;
    GoTypeSpec *spec;     /* declaration in a loaded package, or NULL */
    Sema *spec_owner;     /* package declaring spec (read only) */
    Sema *home;           /* Sema that allocated this type and memoizes */
};

/* ---- control-flow graphs ---------------------------------------------- */

typedef struct CfgBlock CfgBlock;
struct CfgBlock {
    int index;
    Array(GoNode *) nodes;   /* statements and expressions, in order */
    Array(CfgBlock *) succs;
    bool live;               /* reachable from the entry */
    bool is_exit;            /* the function's single exit block */
    GoNode *ret;             /* return statement ending this block, if any */
};

typedef struct {
    GoNode *func;            /* FuncDecl or FuncLit */
    Array(CfgBlock *) blocks;
    CfgBlock *entry, *exit;
    PtrMap where;            /* node -> (block index + 1) << 16 | node index */
} Cfg;

/* ---- the API ------------------------------------------------------------ */

typedef struct {
    GoPos base;
    uint32_t len;
} SemaRange;

struct Sema {
    World *world;
    Package *pkg;
    GoFile **files;          /* parsed files, same order as pkg->files */
    int nfiles;
    SemaRange *ranges;       /* the files' positions, sorted (sema_obj) */
    size_t nranges;
    Arena arena;
    HashMap scope;           /* package scope: name -> Obj* */
    HashMap *file_scopes;    /* per file: import name -> Obj* (OBJ_PKGNAME) */
    PtrMap types;            /* expression -> Type* memo */
    PtrMap named;            /* GoTypeSpec* -> Type* */
    PtrMap cfgs;             /* func node -> Cfg* */
    HashMap methods;         /* "Type.Method" -> GoFuncDecl* of this package */
    PtrMap parents;          /* node -> parent node (built on first use, one
                                top-level declaration at a time) */
    PtrMap parents_done;     /* the declarations recorded in parents */
    HashMap ext;             /* "pkg.Name" -> Type* of types outside the program */
    Array(GoNode *) funcs;   /* FuncDecls and FuncLits with bodies (sema_funcs) */
    bool funcs_done;
    Array(GoNode *) go_stmts;    /* every go statement, and every X.Go(f) call
                                    statement (see sema_go_func), found while resolving */
    Array(GoNode *) range_stmts; /* every range statement */
    int nil_chan_candidates; /* vars declared `var x chan T` without a value */
    int file_of_current;     /* while resolving */
    bool prepared;           /* sema_prepare ran */
    Arena built;             /* after sema_prepare: the arena of the build and
                                of the preparation, kept while `arena` takes
                                what the package's own rules allocate */
    void *flow;              /* the flow layer's facts (src/flow), or NULL */
    void (*flow_free)(void *);
};

/* Builds scopes and resolves names in the package's files. */
void sema_build(Sema *s, World *w, Package *pkg, GoFile **files, int nfiles);
void sema_free(Sema *s);
/* The function bodies go_parse_decls deferred, parsed into arena a and
 * resolved: before the package's rules, after sema_prepare (what other
 * packages read never depends on bodies). sema_drop_bodies forgets them
 * again, before a is freed. */
void sema_resolve_bodies(Sema *s, Arena *a);
void sema_drop_bodies(Sema *s);
/* After the package's rules: frees what only its own thread used (the
 * memo of expression and named types, CFGs, parents, function lists, the
 * flow facts, and all the package allocated after sema_prepare). What
 * other packages read stays: scopes, objects, methods, declarations,
 * package-level variables' types. The Sema must not be asked anything
 * that memoizes afterwards; sema_free still frees the rest. */
void sema_release(Sema *s);
/* After every package is built, before any rule runs: computes what other
 * packages' threads may read of this one (its package-level variables'
 * types, their underlying types resolved). From then on the package's
 * arena is a new one, which sema_release frees: what its rules allocate
 * (types of expressions, flow objects) is theirs alone. */
void sema_prepare(Sema *s);
/* The type of package-level variable o of any package, for a reader on
 * another package's thread: what sema_prepare computed, read only (its
 * kind, name, pkg, and type_underlying of it or of what it points to,
 * resolved in advance). NULL when unknown, and when o's package was not
 * prepared (computing it then would race with that package's thread). */
Type *sema_global_type(Obj *o);

/* The object an identifier denotes (its definition or use), or NULL. */
Obj *sema_obj(Sema *s, const GoIdent *id);
/* Object of an expression that is a (parenthesized) identifier, or NULL. */
Obj *sema_expr_obj(Sema *s, GoNode *e);
GoNode *sema_parent(Sema *s, const GoNode *n);
/* Index of the file holding node n, or -1. */
int sema_file_of(Sema *s, const GoNode *n);

/* The type of a value expression, or NULL when unknown. */
Type *sema_type_of(Sema *s, GoNode *e);
/* The type a type expression denotes, or NULL. file is the file index
 * (imports are per file). */
Type *sema_type_expr(Sema *s, GoNode *e, int file);
Type *sema_obj_type(Sema *s, Obj *o);
/* Type expression e of package src, memoized in s (cross-package). */
Type *sema_type_expr_in(Sema *s, Sema *src, GoNode *e);
Type *sema_func_type(Sema *s, Sema *src, GoFuncType *ft);
/* Underlying type (named types resolved), or NULL. */
Type *type_underlying(Type *t);
/* Size in bytes on a 64-bit target, -1 when unknown. */
int64_t type_size(Type *t);
/* "pkg.Name" test for named types and pointers to them (deref: also *T). */
bool type_is_named(Type *t, const char *pkg, const char *name);
bool type_is_named_ptr(Type *t, const char *pkg, const char *name);
/* Human-readable type, e.g. "[65536]byte", into a static-free buffer. */
void type_string(Type *t, StrBuf *out);

/* Constant evaluation of an integer expression (array lengths, shifts);
 * returns false when not a known constant. */
bool sema_const_int(Sema *s, GoNode *e, int64_t *out);
/* The same, also for a local variable bound once to a constant (`d :=
 * time.Second`, never assigned again, its address never taken). */
bool sema_value_int(Sema *s, GoNode *e, int64_t *out);

/* For a call: the called package-level function of an import, as
 * ("time", "NewTicker"); or the method as ("time.Ticker", "Stop") when the
 * receiver type is known. Returns false if unknown. pkg/name point into
 * static or arena memory. */
bool sema_callee(Sema *s, GoCallExpr *call, const char **pkg, const char **name);
/* Shorthand: the call is pkg.name(...) (a function of an imported package). */
bool sema_is_call_to(Sema *s, GoNode *n, const char *pkg, const char *name);
/* The function a goroutine-starting statement runs: for `go f(x)` the
 * expression f; for the statement `wg.Go(f)` where wg is a sync.WaitGroup
 * (Go 1.25) the argument f; NULL for any other node. */
GoNode *sema_go_func(Sema *s, GoNode *stmt);
/* The function declaration a call resolves to in a loaded package, or NULL. */
GoFuncDecl *sema_call_decl(Sema *s, GoCallExpr *call, Sema **owner);

/* Every FuncDecl and FuncLit with a body, in source order (built once). */
GoNode **sema_funcs(Sema *s, size_t *n);

/* The control-flow graph of a FuncDecl or FuncLit (built once). */
Cfg *sema_cfg(Sema *s, GoNode *func);
/* The innermost FuncDecl/FuncLit enclosing n (n itself excluded). */
GoNode *sema_enclosing_func(Sema *s, const GoNode *n);

/* Path queries. Starting right after node `from` (a node of the CFG, or a
 * statement holding it), is there a path to the function's exit on which
 * pred(node) holds for no node? Returns the return statement (or the
 * function's closing position via *exit_pos) ending such a path, or NULL
 * when every path satisfies pred (or no exit is reachable). Nodes are the
 * CFG's (statements and header expressions); pred sees whole subtrees. */
typedef bool (*CfgPred)(GoNode *n, void *ctx);
bool cfg_path_avoiding(Cfg *g, GoNode *from, CfgPred pred, void *ctx, GoNode **ret_out);
/* Whether the exit is reachable from the node (can the function return). */
bool cfg_can_reach_exit(Cfg *g, GoNode *from);
/* Whether every path from the start of block index `block` ends in a
 * panic or a no-return call (os.Exit, log.Fatal): it never reaches the
 * exit and never enters a loop. */
bool cfg_block_dies(Cfg *g, int block);
/* The block and index of a node, false if not a CFG node. */
bool cfg_locate(Cfg *g, GoNode *n, CfgBlock **b, int *idx);
Cfg *cfg_build(GoNode *func, Sema *s);
void cfg_free(Cfg *g);

/* Whether subtree n mentions object o (identifier resolving to o). */
bool sema_mentions(Sema *s, GoNode *n, Obj *o);

/* ---- the program ------------------------------------------------------- */

struct World {
    HashMap by_path;         /* import path -> Sema* */
    Sema **sems;
    int nsems;
};

Sema *world_lookup(World *w, const char *import_path);
/* pkg.Name, where se->x names an imported package: true, with the import
 * path in *path and, when that package is one of the program's, its Sema
 * in *pkg and the object Name of its scope in *obj (NULL if it has none);
 * both NULL for a package outside the program. False when se->x is not a
 * package name or the selector is missing. */
bool sema_qualified(Sema *s, GoSelectorExpr *se, const char **path, Sema **pkg, Obj **obj);

/* ---- standard library model (stdlib.c) --------------------------------- */

/* Result types of a std function "pkg.Func" or method "pkg.Type.Method",
 * as a tuple type (nresults may be 0); NULL when not modelled. */
Type *stdlib_results(Sema *s, const char *pkg, const char *name);
/* Type of a std package-level var/const "pkg.Name", or NULL. */
Type *stdlib_value(Sema *s, const char *pkg, const char *name);
/* Value of a std integer constant "pkg.Name" (time.Second: 1e9; name
 * of len bytes), false when not modelled. */
bool stdlib_const_int(const char *pkg, const char *name, size_t len, int64_t *out);
/* Known calls that never return (panic-like): os.Exit, log.Fatal, ... */
bool stdlib_no_return(const char *pkg, const char *name);

/* Interns n bytes into the Sema arena. */
const char *sema_intern(Sema *s, const char *p, size_t n);
Type *type_new(Sema *s, TypeKind k);
Type *type_basic(const char *name);
Type *type_named_ext(Sema *s, const char *pkg, const char *name);

#endif
