/* token.h - Go tokens, source positions and the pull lexer.
 *
 * Positions: a GoPos is one uint32 offset into a GoFileSet, like go/token.
 * Every file added to the set gets a base; the positions of its bytes are
 * base .. base+len (base+len is the end-of-file position). 0 is "no
 * position". line:col comes from a binary search in the file's line table.
 */
#ifndef DRIP_GO_TOKEN_H
#define DRIP_GO_TOKEN_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../util/arena.h"
#include "../util/array.h"

typedef uint32_t GoPos;
#define GO_NOPOS ((GoPos)0)

/* ORDER TOKENS: one list makes the enum and the spelling table.
 * X(enum suffix, spelling). Spellings of operators and keywords are what
 * go/token's Token.String() prints. */
#define GO_TOKENS(X)                                                          \
    X(ILLEGAL, "ILLEGAL") X(EOF, "EOF") X(COMMENT, "COMMENT")                 \
    X(IDENT, "IDENT") X(INT, "INT") X(FLOAT, "FLOAT") X(IMAG, "IMAG")         \
    X(CHAR, "CHAR") X(STRING, "STRING")                                       \
    X(ADD, "+") X(SUB, "-") X(MUL, "*") X(QUO, "/") X(REM, "%")               \
    X(AND, "&") X(OR, "|") X(XOR, "^") X(SHL, "<<") X(SHR, ">>")              \
    X(AND_NOT, "&^")                                                          \
    X(ADD_ASSIGN, "+=") X(SUB_ASSIGN, "-=") X(MUL_ASSIGN, "*=")               \
    X(QUO_ASSIGN, "/=") X(REM_ASSIGN, "%=") X(AND_ASSIGN, "&=")               \
    X(OR_ASSIGN, "|=") X(XOR_ASSIGN, "^=") X(SHL_ASSIGN, "<<=")               \
    X(SHR_ASSIGN, ">>=") X(AND_NOT_ASSIGN, "&^=")                             \
    X(LAND, "&&") X(LOR, "||") X(ARROW, "<-") X(INC, "++") X(DEC, "--")       \
    X(EQL, "==") X(LSS, "<") X(GTR, ">") X(ASSIGN, "=") X(NOT, "!")           \
    X(NEQ, "!=") X(LEQ, "<=") X(GEQ, ">=") X(DEFINE, ":=")                    \
    X(ELLIPSIS, "...") X(LPAREN, "(") X(LBRACK, "[") X(LBRACE, "{")           \
    X(COMMA, ",") X(PERIOD, ".") X(RPAREN, ")") X(RBRACK, "]")                \
    X(RBRACE, "}") X(SEMICOLON, ";") X(COLON, ":") X(TILDE, "~")              \
    X(BREAK, "break") X(CASE, "case") X(CHAN, "chan") X(CONST, "const")       \
    X(CONTINUE, "continue") X(DEFAULT, "default") X(DEFER, "defer")           \
    X(ELSE, "else") X(FALLTHROUGH, "fallthrough") X(FOR, "for")               \
    X(FUNC, "func") X(GO, "go") X(GOTO, "goto") X(IF, "if")                   \
    X(IMPORT, "import") X(INTERFACE, "interface") X(MAP, "map")               \
    X(PACKAGE, "package") X(RANGE, "range") X(RETURN, "return")               \
    X(SELECT, "select") X(STRUCT, "struct") X(SWITCH, "switch")               \
    X(TYPE, "type") X(VAR, "var")

typedef enum {
#define X(name, str) GO_T_##name,
    GO_TOKENS(X)
#undef X
    GO_T_COUNT
} GoTok;

/* The spelling of a token kind: "+", "func", "IDENT". */
const char *go_tok_str(GoTok t);
bool go_tok_is_keyword(GoTok t);
bool go_tok_is_literal(GoTok t); /* IDENT, INT, FLOAT, IMAG, CHAR, STRING */

/* ---- files and positions ------------------------------------------- */

/* A line directive (//line name:line[:col]): from offset on, positions
 * count from there, as after go/token's File.AddLineColumnInfo. */
typedef struct {
    uint32_t offset;       /* of the first byte after the directive */
    char *filename;        /* xmalloc'ed; "" if the directive names none */
    int64_t line, col;     /* col 0: unknown */
} GoLineInfo;

typedef struct GoSrcFile {
    char *path;            /* owned copy of the name given to go_fileset_add */
    const char *src;       /* the text; not owned, must outlive the AST */
    uint32_t len;          /* bytes of src */
    GoPos base;            /* position of src[0] */
    uint32_t *lines;       /* offset of each line start; lines[0] == 0 */
    uint32_t nlines;
    Array(GoLineInfo) infos; /* line directives, by offset (filled by the lexer) */
} GoSrcFile;

typedef struct GoFileSet {
    pthread_mutex_t mu;    /* go_fileset_add and lookups may run in threads */
    GoPos next_base;
    Array(GoSrcFile *) files; /* sorted by base */
} GoFileSet;

/* line and col are 1-based; col counts bytes, as go/token does. */
typedef struct {
    const char *path;
    int line, col;
    uint32_t offset;
} GoPosition;

GoFileSet *go_fileset_new(void);
void go_fileset_free(GoFileSet *fs);
/* Registers a file (thread-safe). The line table is filled by the lexer. */
GoSrcFile *go_fileset_add(GoFileSet *fs, const char *path, const char *src, size_t len);
/* The file holding pos, or NULL. */
GoSrcFile *go_fileset_file(GoFileSet *fs, GoPos pos);
/* path/line/col of pos; {NULL,0,0,0} for GO_NOPOS or an unknown pos. */
GoPosition go_fileset_position(GoFileSet *fs, GoPos pos);
/* The same within one known file (no lock, no search over files). */
GoPosition go_file_position(const GoSrcFile *f, GoPos pos);
/* 1-based line of pos within f. */
int go_file_line(const GoSrcFile *f, GoPos pos);
/* pos as go/parser reports syntax errors: with the line directives of f
 * applied (path, line and col as they say; col 0 when unknown). lines:
 * the line table to use (the lexer's while it runs), NULL for f's. */
GoPosition go_file_position_adjusted(const GoSrcFile *f, const uint32_t *lines, uint32_t nlines,
                                     GoPos pos);
GoPosition go_fileset_position_adjusted(GoFileSet *fs, GoPos pos);

/* ---- syntax errors --------------------------------------------------- */

typedef struct {
    GoPos pos;
    char *msg;    /* xmalloc'ed, e.g. "expected ';', found 'IDENT' x" */
    /* reported before the line directive that starts at pos took effect:
     * go/scanner reads the character after a block comment's star-slash
     * (and reports a NUL, bad UTF-8 or BOM there) before it records the
     * directive the comment holds, so that error is placed without it */
    bool before_directive;
} GoError;

typedef struct GoErrors {
    Array(GoError) list;
} GoErrors;

/* Where go/parser reports err: as go_fileset_position_adjusted, but
 * without the directive starting at its position when it came before. */
GoPosition go_error_position(GoFileSet *fs, const GoError *err);
/* The same within f, with the line table lines (NULL: f's). */
GoPosition go_file_error_position(const GoSrcFile *f, const uint32_t *lines, uint32_t nlines,
                                  const GoError *err);
void go_errors_add(GoErrors *e, GoPos pos, const char *fmt, ...) PRINTF(3, 4);
/* Sorts by position (then message), as go/scanner.ErrorList.Sort. */
void go_errors_sort(GoErrors *e);
/* The same by the positions go/parser reports (path, line, col after
 * line directives), exactly as go/scanner.ErrorList.Sort. */
void go_errors_sort_adjusted(GoErrors *e, GoFileSet *fs);
/* Prints "path:line:col: msg" lines as gofmt does (positions adjusted by
 * line directives, ":col" left out when unknown); at most max (0: all). */
void go_errors_print(GoErrors *e, GoFileSet *fs, FILE *out, size_t max);
void go_errors_free(GoErrors *e);

/* ---- comments --------------------------------------------------------- */

/* One // or block comment: its text is the source's bytes from pos to end
 * (the slashes and carriage returns included). */
typedef struct {
    GoPos pos;          /* position of the first '/' */
    GoPos end;          /* position after the comment */
} GoComment;

/* ---- the lexer ---------------------------------------------------------- */

typedef struct {
    GoTok kind;
    GoPos pos;          /* first byte */
    GoPos end;          /* one past the last byte */
    uint32_t len;       /* length of lit */
    const char *lit;    /* the token's source text (IDENT, literals, and the
                           "\n" of an automatic ';'); points into the source */
} GoToken;

typedef struct GoLexer {
    GoSrcFile *file;
    const char *src;    /* file->src */
    uint32_t len;
    uint32_t off;       /* next byte to read */
    GoPos base;
    bool insert_semi;   /* a newline or EOF now ends the statement */
    GoErrors *errs;
    Array(uint32_t) lines;  /* line starts found so far */
    Array(GoComment) comments;
    uint32_t nerrors;   /* errors reported by this lexer */
    uint32_t tok_index; /* number of the token being scanned */
    Array(uint32_t) err_tok; /* for each error: tok_index when it was found */
    uint32_t checked;   /* bytes before this offset were checked for NUL,
                           bad UTF-8 and BOM (errors are reported one
                           character ahead, as go/scanner does) */
    bool again;         /* lex_init_at: the file was lexed before; its line
                           table, directives and comments are not touched */
} GoLexer;

/* Starts lexing f (whose line table it fills); errors go to errs. */
void lex_init(GoLexer *lx, GoSrcFile *f, GoErrors *errs);
/* Lexes f again from offset off (the start of a token the first lexing
 * found), for a second parse of part of it: f's line table, line
 * directives and comments are left as they are. Free with lex_finish_again. */
void lex_init_at(GoLexer *lx, GoSrcFile *f, GoErrors *errs, uint32_t off);
void lex_finish_again(GoLexer *lx);
/* The next token; GO_T_EOF forever at the end. */
GoToken lex_next(GoLexer *lx);
/* The same, stored into *t (no copy of the token). */
void lex_scan(GoLexer *lx, GoToken *t);
/* Scans the next n tokens into toks; after the end of the file they are
 * all GO_T_EOF. lex_scan and lex_fill count the tokens in tok_index; error
 * i of lx->errs (counted from lex_init) was found while scanning token
 * number err_tok.items[i]. A parser that reads tokens ahead hands the
 * errors on as it reaches their tokens: in the order of a pull lexer. */
void lex_fill(GoLexer *lx, GoToken *toks, size_t n);
/* Stores the line table into the file and frees the lexer's buffers; the
 * comments are copied into arena a (returned through *out / *n). */
void lex_finish(GoLexer *lx, Arena *a, GoComment **out, uint32_t *n);

#endif
