/* dump.c - the canonical S-expression dump of a syntax tree.
 *
 * tests/oracle/dump.go prints go/parser's tree in the same format, so the
 * two parsers can be compared byte for byte. Every node is
 *     (Kind POS END field...)
 * where POS and END are byte offsets in the file ("-" when absent), a
 * missing child is "_", a list is "[a b c]", tokens are printed with their
 * go/token spelling and literals quoted with \xHH escapes for bytes outside
 * printable ASCII. The fields of each kind are listed in docs/parse.md. */
#include "ast.h"

typedef struct {
    FILE *out;
    GoPos base;
    char buf[1 << 16];
    size_t len;
} Out;

static void flush(Out *o)
{
    fwrite(o->buf, 1, o->len, o->out);
    o->len = 0;
}

static inline void put(Out *o, const char *s, size_t n)
{
    if (o->len + n > sizeof o->buf) {
        flush(o);
        if (n > sizeof o->buf) {
            fwrite(s, 1, n, o->out);
            return;
        }
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}

static inline void putc_(Out *o, char c)
{
    if (o->len == sizeof o->buf)
        flush(o);
    o->buf[o->len++] = c;
}

static void puts_(Out *o, const char *s)
{
    put(o, s, strlen(s));
}

static void put_uint(Out *o, uint32_t v)
{
    char tmp[16];
    int i = 16;
    do {
        tmp[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    put(o, tmp + i, (size_t)(16 - i));
}

static void pos(Out *o, GoPos p)
{
    putc_(o, ' ');
    if (p == GO_NOPOS)
        putc_(o, '-');
    else
        put_uint(o, p - o->base);
}

static void quoted_byte(Out *o, unsigned char c)
{
    static const char hex[] = "0123456789abcdef";
    if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
        putc_(o, (char)c);
    } else {
        char e[4] = {'\\', 'x', hex[c >> 4], hex[c & 15]};
        put(o, e, 4);
    }
}

/* A literal's value as go/scanner gives it: carriage returns are dropped
 * from raw strings. */
static void lit_value(Out *o, const char *s, uint32_t n)
{
    bool raw = n > 0 && s[0] == '`';
    putc_(o, '"');
    for (uint32_t i = 0; i < n; i++) {
        if (raw && s[i] == '\r')
            continue;
        quoted_byte(o, (unsigned char)s[i]);
    }
    putc_(o, '"');
}

/* A comment's text as go/scanner gives it (see its stripCR). */
static void comment_text(Out *o, const char *s, uint32_t n)
{
    uint32_t ncr = 0;
    for (uint32_t i = 0; i < n; i++)
        ncr += s[i] == '\r';
    if (ncr && n >= 2 && s[1] == '/' && s[n - 1] == '\r') {
        n--;
        ncr--;
    }
    putc_(o, '"');
    if (!ncr) {
        for (uint32_t i = 0; i < n; i++)
            quoted_byte(o, (unsigned char)s[i]);
    } else {
        bool block = s[1] == '*';
        uint32_t outn = 0;
        char prev = 0;
        for (uint32_t j = 0; j < n; j++) {
            char ch = s[j];
            if (ch != '\r' || (block && outn > 2 && prev == '*' && j + 1 < n && s[j + 1] == '/')) {
                quoted_byte(o, (unsigned char)ch);
                prev = ch;
                outn++;
            }
        }
    }
    putc_(o, '"');
}

static void node(Out *o, const GoNode *n);

static void child(Out *o, const void *n)
{
    putc_(o, ' ');
    node(o, n);
}

static void list(Out *o, GoList l)
{
    put(o, " [", 2);
    for (uint32_t i = 0; i < l.len; i++) {
        if (i)
            putc_(o, ' ');
        node(o, l.items[i]);
    }
    putc_(o, ']');
}

static void tok(Out *o, GoTok t)
{
    putc_(o, ' ');
    puts_(o, go_tok_str(t));
}

static void flag(Out *o, bool b)
{
    put(o, b ? " 1" : " 0", 2);
}

static void node(Out *o, const GoNode *n)
{
    if (!n) {
        putc_(o, '_');
        return;
    }
    putc_(o, '(');
    puts_(o, go_node_kind_name(n->kind));
    pos(o, n->pos);
    pos(o, n->end);
    switch (n->kind) {
    case GO_BAD_EXPR: case GO_BAD_STMT: case GO_BAD_DECL:
        break;
    case GO_IDENT: {
        const GoIdent *x = (const GoIdent *)n;
        putc_(o, ' ');
        put(o, x->name, x->len);
        break;
    }
    case GO_ELLIPSIS: child(o, ((const GoEllipsis *)n)->elt); break;
    case GO_BASIC_LIT: {
        const GoBasicLit *x = (const GoBasicLit *)n;
        tok(o, x->kind);
        putc_(o, ' ');
        lit_value(o, x->text, x->len);
        break;
    }
    case GO_FUNC_LIT: child(o, ((const GoFuncLit *)n)->type); child(o, ((const GoFuncLit *)n)->body); break;
    case GO_COMPOSITE_LIT: {
        const GoCompositeLit *x = (const GoCompositeLit *)n;
        pos(o, x->lbrace); pos(o, x->rbrace); child(o, x->type); list(o, x->elts);
        break;
    }
    case GO_PAREN_EXPR: child(o, ((const GoParenExpr *)n)->x); break;
    case GO_SELECTOR_EXPR: child(o, ((const GoSelectorExpr *)n)->x); child(o, ((const GoSelectorExpr *)n)->sel); break;
    case GO_INDEX_EXPR: {
        const GoIndexExpr *x = (const GoIndexExpr *)n;
        pos(o, x->lbrack); child(o, x->x); list(o, x->indices);
        break;
    }
    case GO_SLICE_EXPR: {
        const GoSliceExpr *x = (const GoSliceExpr *)n;
        pos(o, x->lbrack); flag(o, x->slice3);
        child(o, x->x); child(o, x->low); child(o, x->high); child(o, x->max);
        break;
    }
    case GO_TYPE_ASSERT_EXPR: {
        const GoTypeAssertExpr *x = (const GoTypeAssertExpr *)n;
        pos(o, x->lparen); child(o, x->x); child(o, x->type);
        break;
    }
    case GO_CALL_EXPR: {
        const GoCallExpr *x = (const GoCallExpr *)n;
        pos(o, x->lparen); pos(o, x->ellipsis); child(o, x->fun); list(o, x->args);
        break;
    }
    case GO_STAR_EXPR: child(o, ((const GoStarExpr *)n)->x); break;
    case GO_UNARY_EXPR: tok(o, ((const GoUnaryExpr *)n)->op); child(o, ((const GoUnaryExpr *)n)->x); break;
    case GO_BINARY_EXPR: {
        const GoBinaryExpr *x = (const GoBinaryExpr *)n;
        tok(o, x->op); pos(o, x->op_pos); child(o, x->x); child(o, x->y);
        break;
    }
    case GO_KEY_VALUE_EXPR: {
        const GoKeyValueExpr *x = (const GoKeyValueExpr *)n;
        pos(o, x->colon); child(o, x->key); child(o, x->value);
        break;
    }
    case GO_ARRAY_TYPE: child(o, ((const GoArrayType *)n)->len); child(o, ((const GoArrayType *)n)->elt); break;
    case GO_STRUCT_TYPE: child(o, ((const GoStructType *)n)->fields); break;
    case GO_FUNC_TYPE: {
        const GoFuncType *x = (const GoFuncType *)n;
        pos(o, x->func); child(o, x->type_params); child(o, x->params); child(o, x->results);
        break;
    }
    case GO_INTERFACE_TYPE: child(o, ((const GoInterfaceType *)n)->methods); break;
    case GO_MAP_TYPE: child(o, ((const GoMapType *)n)->key); child(o, ((const GoMapType *)n)->value); break;
    case GO_CHAN_TYPE: {
        const GoChanType *x = (const GoChanType *)n;
        putc_(o, ' '); put_uint(o, (uint32_t)x->dir); pos(o, x->arrow); child(o, x->value);
        break;
    }
    case GO_FIELD: {
        const GoField *x = (const GoField *)n;
        list(o, x->names); child(o, x->type); child(o, x->tag);
        break;
    }
    case GO_FIELD_LIST: {
        const GoFieldList *x = (const GoFieldList *)n;
        pos(o, x->opening); pos(o, x->closing); list(o, x->fields);
        break;
    }
    case GO_DECL_STMT: child(o, ((const GoDeclStmt *)n)->decl); break;
    case GO_EMPTY_STMT: flag(o, ((const GoEmptyStmt *)n)->implicit); break;
    case GO_LABELED_STMT: {
        const GoLabeledStmt *x = (const GoLabeledStmt *)n;
        pos(o, x->colon); child(o, x->label); child(o, x->stmt);
        break;
    }
    case GO_EXPR_STMT: child(o, ((const GoExprStmt *)n)->x); break;
    case GO_SEND_STMT: {
        const GoSendStmt *x = (const GoSendStmt *)n;
        pos(o, x->arrow); child(o, x->chan); child(o, x->value);
        break;
    }
    case GO_INC_DEC_STMT: tok(o, ((const GoIncDecStmt *)n)->tok); child(o, ((const GoIncDecStmt *)n)->x); break;
    case GO_ASSIGN_STMT: {
        const GoAssignStmt *x = (const GoAssignStmt *)n;
        tok(o, x->tok); pos(o, x->tok_pos); list(o, x->lhs); list(o, x->rhs);
        break;
    }
    case GO_GO_STMT: child(o, ((const GoGoStmt *)n)->call); break;
    case GO_DEFER_STMT: child(o, ((const GoDeferStmt *)n)->call); break;
    case GO_RETURN_STMT: list(o, ((const GoReturnStmt *)n)->results); break;
    case GO_BRANCH_STMT: tok(o, ((const GoBranchStmt *)n)->tok); child(o, ((const GoBranchStmt *)n)->label); break;
    case GO_BLOCK_STMT: list(o, ((const GoBlockStmt *)n)->list); break;
    case GO_IF_STMT: {
        const GoIfStmt *x = (const GoIfStmt *)n;
        child(o, x->init); child(o, x->cond); child(o, x->body); child(o, x->else_);
        break;
    }
    case GO_CASE_CLAUSE: {
        const GoCaseClause *x = (const GoCaseClause *)n;
        pos(o, x->colon); list(o, x->list); list(o, x->body);
        break;
    }
    case GO_SWITCH_STMT: {
        const GoSwitchStmt *x = (const GoSwitchStmt *)n;
        child(o, x->init); child(o, x->tag); child(o, x->body);
        break;
    }
    case GO_TYPE_SWITCH_STMT: {
        const GoTypeSwitchStmt *x = (const GoTypeSwitchStmt *)n;
        child(o, x->init); child(o, x->assign); child(o, x->body);
        break;
    }
    case GO_COMM_CLAUSE: {
        const GoCommClause *x = (const GoCommClause *)n;
        pos(o, x->colon); child(o, x->comm); list(o, x->body);
        break;
    }
    case GO_SELECT_STMT: child(o, ((const GoSelectStmt *)n)->body); break;
    case GO_FOR_STMT: {
        const GoForStmt *x = (const GoForStmt *)n;
        child(o, x->init); child(o, x->cond); child(o, x->post); child(o, x->body);
        break;
    }
    case GO_RANGE_STMT: {
        const GoRangeStmt *x = (const GoRangeStmt *)n;
        tok(o, x->tok); pos(o, x->tok_pos);
        child(o, x->key); child(o, x->value); child(o, x->x); child(o, x->body);
        break;
    }
    case GO_IMPORT_SPEC: child(o, ((const GoImportSpec *)n)->name); child(o, ((const GoImportSpec *)n)->path); break;
    case GO_VALUE_SPEC: {
        const GoValueSpec *x = (const GoValueSpec *)n;
        list(o, x->names); child(o, x->type); list(o, x->values);
        break;
    }
    case GO_TYPE_SPEC: {
        const GoTypeSpec *x = (const GoTypeSpec *)n;
        pos(o, x->assign); child(o, x->name); child(o, x->type_params); child(o, x->type);
        break;
    }
    case GO_GEN_DECL: {
        const GoGenDecl *x = (const GoGenDecl *)n;
        tok(o, x->tok); pos(o, x->lparen); pos(o, x->rparen); list(o, x->specs);
        break;
    }
    case GO_FUNC_DECL: {
        const GoFuncDecl *x = (const GoFuncDecl *)n;
        child(o, x->recv); child(o, x->name); child(o, x->type); child(o, x->body);
        break;
    }
    case GO_FILE: child(o, ((const GoFile *)n)->name); list(o, ((const GoFile *)n)->decls); break;
    case GO_NODE_KIND_COUNT:
        BUG("bad node kind");
    }
    putc_(o, ')');
}

void go_dump(const GoFile *f, FILE *out)
{
    Out *o = xmalloc(sizeof *o);
    o->out = out;
    o->len = 0;
    o->base = f->file->base;
    node(o, &f->n);
    putc_(o, '\n');
    putc_(o, '[');
    for (uint32_t i = 0; i < f->ncomments; i++) {
        const GoComment *c = &f->comments[i];
        if (i)
            putc_(o, ' ');
        put(o, "(Comment", 8);
        pos(o, c->pos);
        putc_(o, ' ');
        comment_text(o, f->file->src + (c->pos - f->file->base), c->end - c->pos);
        putc_(o, ')');
    }
    put(o, "]\n", 2);
    flush(o);
    free(o);
}
