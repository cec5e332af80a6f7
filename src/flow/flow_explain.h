/* flow_explain.h - questions of the analysis layer asked from a running
 * program's point of view: a goroutine dump names file:line positions,
 * and drip goroutines asks what the code there does (src/dump/
 * dump_explain.c). Built on the facts of flow.h; nothing here changes
 * them.
 *
 *   - the function whose body holds a line, and its operations there;
 *   - the select statement on a line, its cases and the operations of
 *     each, and whether a case leaves the loop around the select;
 *   - whether a lock may be held at an operation, whatever instance the
 *     function reaches it through, and where it was taken;
 *   - the way a function can leave before reaching an operation: another
 *     case of the operation's select, or a return above it;
 *   - the functions that may return with a lock still held;
 *   - a channel operation on a channel made in the operation itself, and
 *     whether a local channel is ever handed on. */
#ifndef DRIP_FLOW_EXPLAIN_H
#define DRIP_FLOW_EXPLAIN_H

#include "flow.h"

/* The innermost function of the package whose body spans line of the
 * package's file number file (index in Sema.files), or NULL. */
FlowFunc *flow_func_at_line(FlowPkg *fp, int file, int line);

/* The operations of f whose node spans line, up to max; their count. */
int flow_ops_at_line(FlowPkg *fp, FlowFunc *f, int line, FlowOp **out, int max);

/* The select statement of f that starts on line (not one of a nested
 * function literal), or NULL. */
GoSelectStmt *flow_select_at_line(FlowPkg *fp, FlowFunc *f, int line);

/* The operations of f in the comm of clause cc, up to max. */
int flow_clause_ops(FlowFunc *f, GoCommClause *cc, FlowOp **out, int max);

/* Whether clause cc's body leaves: returns, panics, breaks out of the
 * select's loop (a labelled break or goto), or, with in_loop false, simply
 * ends the select. */
bool flow_clause_exits(FlowPkg *fp, GoCommClause *cc, bool in_loop);

/* Whether lock may be held just before op of f, by any instance (what a
 * dump shows of another goroutine's frames). *read: only for reading. */
bool flow_op_holds(FlowFunc *f, const FlowOp *op, FlowObj *lock, bool *read);

/* Whether lock may be held while f runs line (a frame of a call there):
 * before the call drip resolves on the line, else after the last
 * operation above it. */
bool flow_held_at_line(FlowPkg *fp, FlowFunc *f, int line, FlowObj *lock, bool *read);

/* The last Lock/RLock of lock in f before pos, or the call before pos whose
 * callee takes it; false when neither is found. */
bool flow_locked_at(FlowPkg *fp, FlowFunc *f, FlowObj *lock, GoPos before, GoPos *at);

/* How f can leave before it reaches op: the first other case of op's
 * select (node: the clause), or else the first return of f above op. */
typedef struct {
    GoPos pos;
    GoNode *node;
    bool select_case;
} FlowGiveUp;
bool flow_gives_up_before(FlowPkg *fp, FlowFunc *f, const FlowOp *op, FlowGiveUp *out);

/* The functions of the package that may return with lock held (on some
 * path), up to max, with the position of the Lock each leaves held. */
int flow_returns_holding(FlowPkg *fp, FlowObj *lock, FlowFunc **out, GoPos *at, int max);

/* The callers' objects for param, a parameter of a function of the
 * package: the argument each call of that function passes (distinct, up
 * to max). 0 when param is no parameter or no call passes an object. */
int flow_param_args(FlowPkg *fp, FlowObj *param, FlowObj **out, int max);

/* A receive from a ticker's or timer's channel on line of f (line 0: in
 * within, e.g. a select clause): `<-t.C` or `range t.C` of a variable made
 * by time.NewTicker or time.NewTimer, or of time.Tick(d) itself. */
typedef struct {
    const char *name;     /* "t", "s.timer" (a field), or "time.Tick" */
    GoPos made;           /* the NewTicker call, or GO_NOPOS (a field) */
    GoPos recv;           /* the receive */
    bool ticker;          /* a Ticker (time.Tick too), else a Timer */
    bool stopped;         /* f calls or defers t.Stop() */
    GoPos stop;           /* that call */
} FlowTicker;
bool flow_ticker_at(FlowPkg *fp, FlowFunc *f, GoNode *within, int line, FlowTicker *out);

/* A receive from a context's Done() on line of f (line 0: in within) and
 * the calls of the cancel function made with that context, up to max:
 * for `<-x.ctx.Done()`, calls of a context.CancelFunc field of the same
 * struct type; for a local `ctx` of context.WithCancel (or WithTimeout,
 * WithDeadline), calls of the cancel it was made with. Returns -1 when
 * there is no such receive or drip cannot tell where the context comes
 * from (a parameter), else how many calls (0: none in the package). */
typedef struct {
    FlowFunc *f;          /* the function calling cancel */
    GoPos pos;
} FlowCancel;
int flow_ctx_cancels(FlowPkg *fp, FlowFunc *f, GoNode *within, int line, const char **ctx_text, FlowCancel *out,
                     int max);

/* A send or receive on line of f (line 0: in within, e.g. a select
 * clause's comm) whose channel is a make(chan) call in the operation
 * itself, `<-make(chan int)`: a channel no other goroutine can reach, so
 * the operation has no partner. The make call, or NULL. */
GoNode *flow_fresh_chan_at(FlowPkg *fp, FlowFunc *f, GoNode *within, int line);

/* Whether obj may be reached from outside the function declaring it:
 * false only for a local variable or parameter whose every use (its
 * closures' too) is
 * an assignment to it, or a send, receive, range, close, len or cap on it
 * (so no call, store or return hands it on). */
bool flow_obj_escapes(FlowPkg *fp, FlowObj *obj);

/* When every call of param's function (a declared function; go
 * statements too) passes a make(chan) of its own for param,
 * `Wait(make(chan int))`: how many calls, the make calls in out (up to
 * max). -1 when some call passes anything else, or there is none. */
int flow_param_made_args(FlowPkg *fp, FlowObj *param, GoNode **out, int max);

#endif
