/* flow_int.h - what flow.c (objects, functions, operations, calls) and
 * flow_sum.c (summaries over the call graph, lock state) share. */
#ifndef DRIP_FLOW_INT_H
#define DRIP_FLOW_INT_H

#include "flow.h"

/* At most this many entries per effect list: summaries stay small and
 * the analysis linear in the package's size. */
#define FLOW_MAX_EFFECTS 48
/* Callees kept per call site (a field may hold several functions). */
#define FLOW_MAX_CALLEES 4
/* An interface method call resolves to the package's types that have all
 * the interface's methods only when there are at most this many. */
#define FLOW_MAX_IMPLS 3

typedef struct {
    GoNode *select;        /* the select statement */
    bool nonblocking;      /* has a default clause or two or more cases */
} CommInfo;

/* The selector expressions x.NAME of a package that name one NAME. */
typedef Array(GoSelectorExpr *) MentionList;

struct FlowPkg {
    Sema *s;
    GoFileSet *fs;
    HashMap field_objs;    /* owner+field -> FlowObj* */
    PtrMap var_objs;       /* Obj* -> FlowObj* */
    PtrMap by_node;        /* FuncDecl/FuncLit -> FlowFunc* */
    Array(FlowFunc *) funcs;
    PtrMap field_funcs;    /* FlowObj* (field or var) -> FuncList* */
    Array(void *) lists;   /* FuncLists, to free */
    Array(void *) stores;  /* ParamStores, to free */
    PtrMap param_store;    /* FlowFunc* -> ParamStores* */
    PtrMap loop_vars;      /* Obj* declared inside a loop: new each pass */
    PtrMap getters;        /* FlowFunc* -> the channel it returns (or
                              &flow_no_getter) */
    PtrMap unseen_calls;   /* FlowFunc* -> whether code drip does not
                              follow may call it (flow_reach.c) */
    bool mentions_indexed; /* the next two, made in one walk of the package */
    PtrMap func_mentions;  /* Obj* of a function -> uses of its name */
    HashMap sels_by_name;  /* NAME -> MentionList* of the package's x.NAME */
    Array(void *) mention_lists;
    HashMap callable;      /* names x.NAME() may resolve by: the package's
                              methods and fields holding functions */
    PtrMap cond_lockers;   /* FlowObj* of a Cond -> CondLocker* */
    PtrMap impls;          /* named interface Type* -> IfaceImpls* */
    int nobjs;
};

/* The lock a Cond was made with: sync.NewCond(&mu), or
 * sync.NewCond(rw.RLocker()) (read). */
typedef struct {
    FlowObj *lock;
    bool read;
} CondLocker;

typedef struct {
    Array(FlowFunc *) fns;
} FuncList;

/* The package's types with every method of an interface (receiver type
 * names, as keys of Sema.methods take them); n is -1 when there are more
 * than FLOW_MAX_IMPLS or the interface's methods are not all known. */
typedef struct {
    int n;
    const char *types[FLOW_MAX_IMPLS];
} IfaceImpls;

typedef struct {
    Array(int) index;      /* parameter index */
    Array(FlowObj *) field; /* stored into this field */
} ParamStores;

/* flow.c */
void flow_collect_ops(FlowPkg *fp, FlowFunc *f, bool with_cfg);
bool flow_is_lock_kind(FlowOpKind k);

/* flow_sum.c */
void flow_summarize(FlowPkg *fp);
void flow_summary_free(FlowSummary *s);

#endif
