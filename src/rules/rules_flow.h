/* rules_flow.h - helpers for the lock, channel and retention rules
 * (rules_flow.c): what a mutex expression is, what a lock call is, and the
 * text keys that identify a lock across functions of a package. */
#ifndef DRIP_RULES_FLOW_H
#define DRIP_RULES_FLOW_H

#include "rule.h"

typedef enum { LOCK_NONE, LOCK_LOCK, LOCK_RLOCK, LOCK_UNLOCK, LOCK_RUNLOCK } LockOp;

/* Whether x denotes a sync.Mutex or sync.RWMutex: its type (or pointer to
 * it) is one, or a struct embedding one; when the type is unknown, the
 * expression's last name is clearly a mutex's (mu, mtx, mutex, ...Mu,
 * ...Mutex, ...Lock). */
bool flow_is_mutex(Pass *p, GoNode *x);
/* For a call x.Lock() / RLock / Unlock / RUnlock on a mutex x: the op,
 * and x in *recv; LOCK_NONE otherwise. */
LockOp flow_lock_call(Pass *p, GoNode *call, GoNode **recv);
/* A key naming the lock across the package: "T.f.g" for a field path on
 * a value of named type T, "var:NAME" for a package-level variable,
 * "local:%p" for a local variable; NULL when unnamed. Arena memory. */
const char *flow_lock_key(Pass *p, GoNode *x);
/* Whether name (case-insensitively) contains word. */
bool flow_name_has(const char *name, const char *word);
/* The FuncDecl's name, or "" for a FuncLit. */
const char *flow_func_name(Pass *p, GoNode *func);
/* Parents within one function, built on first use: cheaper than
 * sema_parent's map of the whole package when few functions need it. */
typedef struct {
    GoNode *root;        /* the FuncDecl or FuncLit */
    PtrMap map;
    bool built;
} FlowParents;

void flow_parents_init(FlowParents *fp, GoNode *root);
void flow_parents_free(FlowParents *fp);
/* The parent of n inside the root (NULL for the root or outside). */
GoNode *flow_parent(FlowParents *fp, const GoNode *n);
/* The innermost FuncDecl/FuncLit strictly enclosing n (the root for its
 * own statements). */
GoNode *flow_enclosing_func(FlowParents *fp, const GoNode *n);
/* Whether a for/range statement encloses n below stop (function literals
 * between are crossed). */
bool flow_in_loop(FlowParents *fp, GoNode *n, GoNode *stop);

/* Calls fn on every statement of a function body, nested ones included
 * (blocks, if/for/switch/select bodies, their init and post statements,
 * case clauses), but never inside expressions: function literals are left
 * to their own pass_each_func visit, and walking statements only is much
 * cheaper than go_inspect. list/index locate the statement in its
 * statement list (list is NULL for init/post/comm statements). */
typedef void (*FlowStmtFn)(GoNode *stmt, GoList *list, uint32_t index, void *ctx);
void flow_each_stmt(GoBlockStmt *body, FlowStmtFn fn, void *ctx);

#endif
