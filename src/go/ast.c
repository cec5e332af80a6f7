/* ast.c - node kind names, child visiting and small AST helpers. */
#include "ast.h"

static const char *const kind_names[] = {
#define X(e, name) #name,
    GO_NODE_KINDS(X)
#undef X
};

const char *go_node_kind_name(GoNodeKind k)
{
    return (unsigned)k < GO_NODE_KIND_COUNT ? kind_names[k] : "?";
}

bool go_is_expr(const GoNode *n)
{
    return n && n->kind <= GO_CHAN_TYPE;
}

bool go_is_stmt(const GoNode *n)
{
    return n && n->kind >= GO_BAD_STMT && n->kind <= GO_RANGE_STMT;
}

bool go_is_decl(const GoNode *n)
{
    return n && (n->kind == GO_BAD_DECL || n->kind == GO_GEN_DECL || n->kind == GO_FUNC_DECL);
}

bool go_ident_eq(const GoIdent *id, const char *s)
{
    size_t n = strlen(s);
    return id && id->len == n && memcmp(id->name, s, n) == 0;
}

char *go_ident_str(const GoIdent *id, Arena *a)
{
    return arena_strndup(a, id->name, id->len);
}

typedef void (*ChildFn)(GoNode *child, void *ctx);

#define ONE(x) do { if (x) fn((GoNode *)(x), ctx); } while (0)
#define LIST(l) do { for (uint32_t i_ = 0; i_ < (l).len; i_++) fn((l).items[i_], ctx); } while (0)

void go_children(GoNode *n, ChildFn fn, void *ctx)
{
    if (!n)
        return;
    switch (n->kind) {
    case GO_BAD_EXPR: case GO_IDENT: case GO_BASIC_LIT: case GO_BAD_STMT:
    case GO_EMPTY_STMT: case GO_BAD_DECL:
        break;
    case GO_ELLIPSIS: ONE(((GoEllipsis *)n)->elt); break;
    case GO_FUNC_LIT: ONE(((GoFuncLit *)n)->type); ONE(((GoFuncLit *)n)->body); break;
    case GO_COMPOSITE_LIT: ONE(((GoCompositeLit *)n)->type); LIST(((GoCompositeLit *)n)->elts); break;
    case GO_PAREN_EXPR: ONE(((GoParenExpr *)n)->x); break;
    case GO_SELECTOR_EXPR: ONE(((GoSelectorExpr *)n)->x); ONE(((GoSelectorExpr *)n)->sel); break;
    case GO_INDEX_EXPR: ONE(((GoIndexExpr *)n)->x); LIST(((GoIndexExpr *)n)->indices); break;
    case GO_SLICE_EXPR: {
        GoSliceExpr *s = (GoSliceExpr *)n;
        ONE(s->x); ONE(s->low); ONE(s->high); ONE(s->max);
        break;
    }
    case GO_TYPE_ASSERT_EXPR: ONE(((GoTypeAssertExpr *)n)->x); ONE(((GoTypeAssertExpr *)n)->type); break;
    case GO_CALL_EXPR: ONE(((GoCallExpr *)n)->fun); LIST(((GoCallExpr *)n)->args); break;
    case GO_STAR_EXPR: ONE(((GoStarExpr *)n)->x); break;
    case GO_UNARY_EXPR: ONE(((GoUnaryExpr *)n)->x); break;
    case GO_BINARY_EXPR: ONE(((GoBinaryExpr *)n)->x); ONE(((GoBinaryExpr *)n)->y); break;
    case GO_KEY_VALUE_EXPR: ONE(((GoKeyValueExpr *)n)->key); ONE(((GoKeyValueExpr *)n)->value); break;
    case GO_ARRAY_TYPE: ONE(((GoArrayType *)n)->len); ONE(((GoArrayType *)n)->elt); break;
    case GO_STRUCT_TYPE: ONE(((GoStructType *)n)->fields); break;
    case GO_FUNC_TYPE: {
        GoFuncType *f = (GoFuncType *)n;
        ONE(f->type_params); ONE(f->params); ONE(f->results);
        break;
    }
    case GO_INTERFACE_TYPE: ONE(((GoInterfaceType *)n)->methods); break;
    case GO_MAP_TYPE: ONE(((GoMapType *)n)->key); ONE(((GoMapType *)n)->value); break;
    case GO_CHAN_TYPE: ONE(((GoChanType *)n)->value); break;
    case GO_FIELD: LIST(((GoField *)n)->names); ONE(((GoField *)n)->type); ONE(((GoField *)n)->tag); break;
    case GO_FIELD_LIST: LIST(((GoFieldList *)n)->fields); break;
    case GO_DECL_STMT: ONE(((GoDeclStmt *)n)->decl); break;
    case GO_LABELED_STMT: ONE(((GoLabeledStmt *)n)->label); ONE(((GoLabeledStmt *)n)->stmt); break;
    case GO_EXPR_STMT: ONE(((GoExprStmt *)n)->x); break;
    case GO_SEND_STMT: ONE(((GoSendStmt *)n)->chan); ONE(((GoSendStmt *)n)->value); break;
    case GO_INC_DEC_STMT: ONE(((GoIncDecStmt *)n)->x); break;
    case GO_ASSIGN_STMT: LIST(((GoAssignStmt *)n)->lhs); LIST(((GoAssignStmt *)n)->rhs); break;
    case GO_GO_STMT: ONE(((GoGoStmt *)n)->call); break;
    case GO_DEFER_STMT: ONE(((GoDeferStmt *)n)->call); break;
    case GO_RETURN_STMT: LIST(((GoReturnStmt *)n)->results); break;
    case GO_BRANCH_STMT: ONE(((GoBranchStmt *)n)->label); break;
    case GO_BLOCK_STMT: LIST(((GoBlockStmt *)n)->list); break;
    case GO_IF_STMT: {
        GoIfStmt *s = (GoIfStmt *)n;
        ONE(s->init); ONE(s->cond); ONE(s->body); ONE(s->else_);
        break;
    }
    case GO_CASE_CLAUSE: LIST(((GoCaseClause *)n)->list); LIST(((GoCaseClause *)n)->body); break;
    case GO_SWITCH_STMT: {
        GoSwitchStmt *s = (GoSwitchStmt *)n;
        ONE(s->init); ONE(s->tag); ONE(s->body);
        break;
    }
    case GO_TYPE_SWITCH_STMT: {
        GoTypeSwitchStmt *s = (GoTypeSwitchStmt *)n;
        ONE(s->init); ONE(s->assign); ONE(s->body);
        break;
    }
    case GO_COMM_CLAUSE: ONE(((GoCommClause *)n)->comm); LIST(((GoCommClause *)n)->body); break;
    case GO_SELECT_STMT: ONE(((GoSelectStmt *)n)->body); break;
    case GO_FOR_STMT: {
        GoForStmt *s = (GoForStmt *)n;
        ONE(s->init); ONE(s->cond); ONE(s->post); ONE(s->body);
        break;
    }
    case GO_RANGE_STMT: {
        GoRangeStmt *s = (GoRangeStmt *)n;
        ONE(s->key); ONE(s->value); ONE(s->x); ONE(s->body);
        break;
    }
    case GO_IMPORT_SPEC: ONE(((GoImportSpec *)n)->name); ONE(((GoImportSpec *)n)->path); break;
    case GO_VALUE_SPEC: {
        GoValueSpec *s = (GoValueSpec *)n;
        LIST(s->names); ONE(s->type); LIST(s->values);
        break;
    }
    case GO_TYPE_SPEC: {
        GoTypeSpec *s = (GoTypeSpec *)n;
        ONE(s->name); ONE(s->type_params); ONE(s->type);
        break;
    }
    case GO_GEN_DECL: LIST(((GoGenDecl *)n)->specs); break;
    case GO_FUNC_DECL: {
        GoFuncDecl *d = (GoFuncDecl *)n;
        /* source order: func (recv) name[tparams](params) results body */
        ONE(d->recv); ONE(d->name);
        if (d->type) {
            ONE(d->type->type_params); ONE(d->type->params); ONE(d->type->results);
        }
        ONE(d->body);
        break;
    }
    case GO_FILE: ONE(((GoFile *)n)->name); LIST(((GoFile *)n)->decls); break;
    case GO_NODE_KIND_COUNT:
        BUG("bad node kind");
    }
}

#undef ONE
#undef LIST

typedef struct {
    bool (*pre)(GoNode *, void *);
    void (*post)(GoNode *, void *);
    void *ctx;
} Inspector;

static void inspect_child(GoNode *n, void *ctx)
{
    Inspector *in = ctx;
    if (!in->pre(n, in->ctx))
        return;
    go_children(n, inspect_child, in);
    if (in->post)
        in->post(n, in->ctx);
}

void go_inspect(GoNode *n, bool (*pre)(GoNode *n, void *ctx),
                void (*post)(GoNode *n, void *ctx), void *ctx)
{
    if (!n)
        return;
    Inspector in = {pre, post, ctx};
    inspect_child(n, &in);
}
