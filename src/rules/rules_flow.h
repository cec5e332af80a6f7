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
/* Whether a for/range statement encloses n inside func (func itself and
 * function literals between are crossed). */
bool flow_in_loop(Pass *p, GoNode *n, GoNode *stop);

#endif
