/* flow.h - the analysis layer under drip check's rules: abstract objects,
 * functions with their operations and calls, function summaries computed
 * bottom-up over the call graph, and the lock state at every operation.
 *
 * One FlowPkg per package (flow_pkg builds it on first use and caches it
 * in the Sema, so every rule of the package shares it). A rule asks
 * questions rather than walking syntax:
 *
 *   - which object an expression denotes (flow_obj_of): a local variable
 *     or parameter (closures capture it by reference, so they share it), a
 *     package-level variable, or a struct field, one object per (type,
 *     field) since owners are not tracked; channels carry their capacity
 *     when every make that reaches them agrees;
 *   - which functions a call runs (functions, methods by receiver type and
 *     through embedded fields, function literals called or deferred, local
 *     variables bound once to a function, and function values stored in
 *     fields, also through a setter's parameter);
 *   - per function, its operations (lock, channel, WaitGroup, Cond) in CFG
 *     order, each with the locks held just before it (may and must), and
 *     its summary: locks acquired, released and held on return, channel
 *     operations and blocking waits run on its goroutine (callees
 *     included), goroutines started, and whether it runs once per process.
 *
 * Objects of a callee's summary that are its parameters are mapped to the
 * caller's arguments; the callee's own locals are dropped. Summaries are
 * computed per strongly connected component of the call graph, callees
 * first, iterating a component to its fixpoint. See docs/design.md. */
#ifndef DRIP_FLOW_H
#define DRIP_FLOW_H

#include "../sema/sema.h"

typedef struct FlowPkg FlowPkg;
typedef struct FlowFunc FlowFunc;

typedef enum {
    FO_OTHER,
    FO_MUTEX,
    FO_RWMUTEX,
    FO_CHAN,
    FO_WAITGROUP,
    FO_COND,
    FO_ONCE,
} FlowObjKind;

typedef struct FlowObj {
    int id;
    FlowObjKind kind;
    const char *key;       /* "T.f" for a field, else the variable's name */
    Obj *var;              /* variable or parameter, NULL for a field */
    Type *owner;           /* field: the named struct type */
    const char *field;     /* field: its name */
    int64_t cap;           /* channel capacity: -1 unknown, -2 buffered of a
                              size that is not a constant */
    bool cap_seen;         /* a make(chan) reaches it */
} FlowObj;

typedef enum {
    FOP_LOCK, FOP_RLOCK, FOP_UNLOCK, FOP_RUNLOCK,
    FOP_SEND, FOP_RECV, FOP_CLOSE, FOP_RANGE,
    FOP_WG_ADD, FOP_WG_DONE, FOP_WG_WAIT,
    FOP_COND_WAIT, FOP_COND_SIGNAL,
    FOP_SELECT_EMPTY,      /* select {}: blocks forever, obj NULL */
    FOP_CALL,              /* a call of a function of the package */
    FOP_COUNT
} FlowOpKind;

/* Locks held at a point, as the function's own lock table indexes
 * (flow_func_lock): bit i of may_w is "lock i may be held for writing". */
typedef struct {
    uint64_t may_w, may_r, must_w, must_r;
    uint64_t released;     /* unlocked here without being locked here: the
                              caller's lock, which a later Lock takes back */
} FlowHeld;

typedef struct {
    FlowOpKind kind;
    FlowObj *obj;          /* NULL for calls and select {} */
    GoNode *node;          /* the call, send statement or receive */
    GoPos pos;
    bool in_select;        /* a comm clause of a select */
    bool nonblocking;      /* in a select with a default clause or other cases */
    bool deferred;         /* in a defer statement: runs at return */
    Obj *base;             /* lock of a field: the variable it is reached
                              from (s in s.mu), telling instances apart */
    bool fresh;            /* base is a local made here (&T{}, new(T)) */
    FlowFunc *callee;      /* FOP_CALL */
    GoCallExpr *call;      /* FOP_CALL */
    FlowHeld held;         /* locks held just before (after the fixpoint) */
    bool reached;          /* on a block reachable from the entry */
    int block;             /* CFG block index, -1 before the CFG is used */
    bool in_loop;          /* inside a for/range of the function */
    bool via_once;         /* FOP_CALL: the function given to sync.Once.Do */
} FlowOp;

/* An effect in a summary: what and where, in which function. */
typedef struct {
    FlowOpKind kind;
    FlowObj *obj;
    GoPos pos;             /* the operation itself, maybe deep in a callee */
    FlowFunc *in;          /* the function holding the operation */
    bool blocking;         /* a channel op or wait that can block forever */
    Obj *base;             /* as FlowOp.base, in the summarized function */
    bool fresh;            /* the lock's owner is made by the function that
                              locks it (r := &T{}): a new instance per call */
    bool after_release;    /* after the function released a caller's lock
                              (so the caller's locks may not be held here) */
} FlowEffect;

typedef Array(FlowEffect) FlowEffects;

typedef struct {
    FlowEffects acquires;  /* locks taken while not held (callees too) */
    FlowEffects releases;  /* unlocks of locks it did not take */
    FlowEffects held_must; /* held on every return */
    FlowEffects held_may;  /* held on some return */
    FlowEffects chan_ops;  /* send/recv/close/range/wait/done on its goroutine */
    FlowEffects reacquires; /* a caller's lock it released, taken back
                              (callees too): locked while the caller's
                              other locks are held */
    Array(FlowFunc *) spawns; /* goroutines it starts */
    bool blocks_forever;   /* reaches select {} on its own goroutine */
} FlowSummary;

/* A lock instance in a function's table: the object, and for a field the
 * variable it is reached from (flow_distinct: an instance that matches no
 * other, e.g. reached through a reassigned variable or a longer path). */
typedef struct {
    FlowObj *obj;
    Obj *base;
} FlowLockSlot;

extern Obj flow_distinct_obj;
#define FLOW_DISTINCT (&flow_distinct_obj)

struct FlowFunc {
    GoNode *node;          /* FuncDecl or FuncLit */
    const char *name;      /* "T.M" or "F"; literals: see flow_func_name */
    Obj **params;          /* receiver first, then parameters */
    int nparams;
    Array(FlowOp) ops;     /* in CFG block order */
    FlowSummary sum;
    Array(FlowLockSlot) locks; /* this function's lock table (<= 64) */
    Array(FlowFunc *) callers;
    Array(GoPos) spawn_at;  /* the go statement of each of sum.spawns */
    bool once;             /* runs once per process (init, main, Once.Do) */
    bool in_loop_call;     /* called from inside a loop somewhere */
    int index, low, onstack; /* Tarjan */
    bool has_locks;        /* takes part in the lock analysis */
};

/* The package's flow facts, built on first use (thread: the Sema's). */
FlowPkg *flow_pkg(Sema *s, GoFileSet *fs);
/* How many times the package reads field (or method) NAME of values of
 * named type owner (or of a pointer to it, or of a type drip does not
 * know): x.NAME anywhere but on the left of an assignment. */
int flow_field_reads(FlowPkg *fp, Type *owner, const char *name, size_t len);
void flow_pkg_free(FlowPkg *fp);

/* The object an expression denotes, or NULL. */
FlowObj *flow_obj_of(FlowPkg *fp, GoNode *e);
/* The channel field or package variable f returns when f is a getter
 * (`return s.donec`, maybe after `if s == nil { return nil }`), or NULL;
 * flow_obj_of maps a call of a getter to it. */
FlowObj *flow_getter_chan(FlowPkg *fp, FlowFunc *f);
/* The function of a FuncDecl/FuncLit node, or NULL. */
FlowFunc *flow_func(FlowPkg *fp, GoNode *func);
/* "T.M", "F", or for a literal "F.func" (computed on first use). */
const char *flow_fn_name(FlowPkg *fp, FlowFunc *f);
/* Every function of the package, in source order. */
FlowFunc **flow_funcs(FlowPkg *fp, size_t *n);
/* The functions a call may run (at most a few), or 0. */
int flow_callees(FlowPkg *fp, GoCallExpr *call, FlowFunc **out, int max);
/* The caller's object for the callee's object o at call: the callee's
 * parameters become the arguments, its own locals NULL (dropped). */
FlowObj *flow_map_obj(FlowPkg *fp, FlowFunc *callee, GoCallExpr *call, FlowObj *o);
/* The same for the variable a field lock is reached from. */
Obj *flow_map_base(FlowPkg *fp, FlowFunc *callee, GoCallExpr *call, Obj *base);
/* Puts f's operations in CFG block order (FlowOp.block), for a rule that
 * walks f's CFG; functions in the lock analysis already are. */
void flow_use_cfg(FlowPkg *fp, FlowFunc *f);
/* Lock i of f's lock table. */
FlowObj *flow_func_lock(FlowFunc *f, int i);
/* Whether the lock object is in the held set (any mode / must). */
bool flow_held_may(FlowFunc *f, const FlowHeld *h, FlowObj *lock, Obj *base, bool *read);
bool flow_held_must(FlowFunc *f, const FlowHeld *h, FlowObj *lock, Obj *base);

/* Whether statement st runs at most once per process: the function
 * holding it runs once (FlowFunc.once) and st is in no loop of it. */
bool flow_runs_once(FlowPkg *fp, GoNode *st);
/* Whether f's operation op is on a path that always ends in a panic or
 * a no-return call (an assertion that failed): the function never goes
 * on from there. */
bool flow_op_dies(FlowPkg *fp, FlowFunc *f, const FlowOp *op);

/* Questions. */
/* Sites in the package doing op (or, with any_of, any op of mask) on ch,
 * on any function's own operations. */
typedef void (*FlowSiteFn)(FlowFunc *f, FlowOp *op, void *ctx);
void flow_each_op_on(FlowPkg *fp, FlowObj *obj, unsigned kind_mask, FlowSiteFn fn, void *ctx);
/* The field a local variable is bound to once (`ch := s.ch`, never
 * reassigned, its address never taken), or NULL. */
FlowObj *flow_alias_of(FlowPkg *fp, FlowObj *o);
/* flow_each_op_on, also over the locals bound once to a field obj and
 * the parameters some call passes it for. */
void flow_each_op_on_aliased(FlowPkg *fp, FlowObj *obj, unsigned kind_mask, FlowSiteFn fn, void *ctx);
/* Whether f (with its callees) takes lock on its goroutine. */
const FlowEffect *sum_acquires(FlowFunc *f, FlowObj *lock);
/* Locks held when f returns (every path). */
const FlowEffects *sum_locks_held_on_return(FlowFunc *f);
/* The functions that call f (direct callers in the package). */
FlowFunc **flow_callers(FlowFunc *f, size_t *n);
/* Position text "file.go:12" into a static-free buffer. */
const char *flow_where(FlowPkg *fp, GoPos pos, char *buf, size_t n);
/* Line of pos. */
int flow_line(FlowPkg *fp, GoPos pos);
/* Short source text of an expression, arena memory. */
const char *flow_text(FlowPkg *fp, GoNode *e);

/* The receives from a context's Done() in f's own body (its literals are
 * functions of their own), up to max. */
typedef struct {
    GoNode *recv;          /* the <-x.Done() expression */
    bool in_select;        /* a case of a select with other cases */
    bool in_loop;          /* inside a for/range of f */
} FlowDoneWait;
int flow_done_waits(FlowPkg *fp, FlowFunc *f, FlowDoneWait *out, int max);
/* A goroutine waiting in f at pos: a call f makes after it (or deferred)
 * cannot run while it waits, unless the wait is in a loop. */
typedef struct {
    FlowFunc *f;
    GoPos pos;
    bool loops;
} FlowNotBefore;
/* Whether the call at pos in g may run while each of the waits still
 * waits: g may be called from outside the package (main, init, exported
 * outside package main), named where drip follows no call (a function or
 * method value, an interface call), or called by a function that may run,
 * through a call none of the waits makes after waiting (flow_reach.c). */
bool flow_may_run_before(FlowPkg *fp, FlowFunc *g, GoPos pos, const FlowNotBefore *waits, int nwaits);

/* The select whose case op is, or NULL. */
GoSelectStmt *flow_select_of(FlowPkg *fp, FlowFunc *f, const FlowOp *op);

/* Whether f, a function of the package that call runs, never names the
 * parameter argument arg of call binds (receiver not counted): what is
 * passed there reaches nothing. */
bool flow_arg_ignored(FlowPkg *fp, FlowFunc *f, GoCallExpr *call, uint32_t arg);

#define FOP_BIT(k) (1u << (k))

#endif
