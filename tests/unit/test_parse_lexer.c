/* test_parse_lexer.c - the Go lexer on hand-written tricky inputs: semicolon
 * insertion, every literal form, comments, BOM, Unicode, and the errors
 * go/scanner reports (message and line:col). */
#include <stdio.h>
#include <string.h>

#include "go/token.h"
#include "util/strbuf.h"

static int failures;

#define EXPECT(name, cond)                                                \
    do {                                                                  \
        if (cond)                                                         \
            printf("PASS %s\n", name);                                    \
        else {                                                            \
            printf("FAIL %s: %s (line %d)\n", name, #cond, __LINE__);     \
            failures++;                                                   \
        }                                                                 \
    } while (0)

/* Lexes src and renders its tokens: "IDENT:x ; ;NL EOF" (;NL is an
 * automatic semicolon). Errors are rendered "line:col: msg" in *errs_out. */
static int batch_checked, batch_mismatches;

/* lex_fill, the parser's lexer, must give the tokens, errors and lines of
 * the pull lexer, and tag each error with the token that found it. It is
 * called for 3 tokens at a time, so that the state it carries from one
 * call to the next is checked too. */
static void check_batch(const char *src, size_t len, const GoToken *want, size_t nwant,
                        const GoErrors *want_errs, const uint32_t *want_tags, uint32_t nlines)
{
    GoFileSet *fs = go_fileset_new();
    GoSrcFile *f = go_fileset_add(fs, "t.go", src, len);
    GoErrors errs = {0};
    GoLexer lx;
    lex_init(&lx, f, &errs);
    size_t cap = nwant + 3, n = 0;
    GoToken *toks = xmalloc(sizeof(GoToken) * cap);
    while (n + 3 <= cap && (n == 0 || toks[n - 1].kind != GO_T_EOF)) {
        lex_fill(&lx, toks + n, 3);
        n += 3;
    }
    while (n > 1 && toks[n - 2].kind == GO_T_EOF) /* the EOFs after the first */
        n--;
    bool ok = n == nwant && errs.list.len == want_errs->list.len && lx.lines.len == nlines;
    for (size_t i = 0; ok && i < n; i++)
        ok = toks[i].kind == want[i].kind && toks[i].pos - f->base == want[i].pos &&
             toks[i].end - f->base == want[i].end && toks[i].len == want[i].len &&
             memcmp(toks[i].lit, want[i].lit, want[i].len) == 0;
    for (size_t i = 0; ok && i < errs.list.len; i++)
        ok = errs.list.items[i].pos - f->base == want_errs->list.items[i].pos &&
             strcmp(errs.list.items[i].msg, want_errs->list.items[i].msg) == 0 &&
             lx.err_tok.items[i] == want_tags[i];
    batch_checked++;
    if (!ok) {
        batch_mismatches++;
        printf("lex_fill differs from lex_next on '%.*s'\n", (int)len, src);
    }
    free(toks);
    Arena a;
    arena_init(&a);
    GoComment *cm;
    uint32_t ncm;
    lex_finish(&lx, &a, &cm, &ncm);
    arena_free(&a);
    go_errors_free(&errs);
    go_fileset_free(fs);
}

static char *lex_render(const char *src, size_t len, char **errs_out, GoComment **cm, uint32_t *ncm)
{
    GoFileSet *fs = go_fileset_new();
    GoSrcFile *f = go_fileset_add(fs, "t.go", src, len);
    GoErrors errs = {0};
    GoLexer lx;
    lex_init(&lx, f, &errs);
    StrBuf sb = {0};
    Array(GoToken) all = {0};
    Array(uint32_t) tags = {0}; /* the token index of each error */
    for (int i = 0; i < 1000; i++) {
        GoToken t = lex_next(&lx);
        while (tags.len < errs.list.len)
            array_push(&tags, (uint32_t)i);
        GoToken rel = t; /* offsets in the file, as check_batch compares */
        rel.pos -= f->base;
        rel.end -= f->base;
        array_push(&all, rel);
        if (sb.len)
            sb_puts(&sb, " ");
        if (t.kind == GO_T_SEMICOLON && t.lit[0] == '\n')
            sb_puts(&sb, ";NL");
        else if (go_tok_is_literal(t.kind))
            sb_printf(&sb, "%s:%.*s", go_tok_str(t.kind), (int)t.len, t.lit);
        else
            sb_puts(&sb, go_tok_str(t.kind));
        if (t.kind == GO_T_EOF)
            break;
    }
    GoErrors rel_errs = {0};
    for (size_t i = 0; i < errs.list.len; i++) {
        GoError e = {errs.list.items[i].pos - f->base, errs.list.items[i].msg, false};
        array_push(&rel_errs.list, e);
    }
    if (all.len && all.items[all.len - 1].kind == GO_T_EOF)
        check_batch(src, len, all.items, all.len, &rel_errs, tags.items, (uint32_t)lx.lines.len);
    array_free(&rel_errs.list);
    array_free(&all);
    array_free(&tags);
    Arena a;
    arena_init(&a);
    GoComment *comments;
    uint32_t n;
    lex_finish(&lx, &a, &comments, &n);
    if (cm) {
        *cm = xmalloc(sizeof(GoComment) * (n + 1));
        if (n)
            memcpy(*cm, comments, sizeof(GoComment) * n);
        *ncm = n;
        for (uint32_t i = 0; i < n; i++) { /* offsets in pos, and line numbers in end */
            (*cm)[i].pos = comments[i].pos - f->base;
            (*cm)[i].end = (GoPos)go_file_line(f, comments[i].pos);
        }
    }
    StrBuf eb = {0};
    for (size_t i = 0; i < errs.list.len; i++) {
        GoPosition p = go_fileset_position(fs, errs.list.items[i].pos);
        sb_printf(&eb, "%s%d:%d: %s", i ? "\n" : "", p.line, p.col, errs.list.items[i].msg);
    }
    *errs_out = eb.data ? eb.data : xstrdup("");
    go_errors_free(&errs);
    arena_free(&a);
    go_fileset_free(fs);
    return sb.data;
}

static void tokens(const char *name, const char *src, const char *want)
{
    char *errs;
    char *got = lex_render(src, strlen(src), &errs, NULL, NULL);
    bool ok = strcmp(got, want) == 0 && errs[0] == 0;
    if (ok)
        printf("PASS %s\n", name);
    else {
        printf("FAIL %s: got '%s' want '%s' errors '%s'\n", name, got, want, errs);
        failures++;
    }
    free(got);
    free(errs);
}

/* The first error must be want ("line:col: message"). */
static void error_is(const char *name, const char *src, size_t len, const char *want)
{
    char *errs;
    char *got = lex_render(src, len, &errs, NULL, NULL);
    char *nl = strchr(errs, '\n');
    if (nl)
        *nl = 0;
    if (strcmp(errs, want) == 0)
        printf("PASS %s\n", name);
    else {
        printf("FAIL %s: got error '%s' want '%s'\n", name, errs, want);
        failures++;
    }
    free(got);
    free(errs);
}

#define ERR(name, src, want) error_is(name, src, sizeof(src) - 1, want)

/* The offset of the first automatic ';' in src, or -1. */
static long auto_semi_at(const char *src)
{
    GoFileSet *fs = go_fileset_new();
    GoSrcFile *f = go_fileset_add(fs, "t.go", src, strlen(src));
    GoErrors errs = {0};
    GoLexer lx;
    lex_init(&lx, f, &errs);
    long at = -1;
    for (int i = 0; i < 100 && at < 0; i++) {
        GoToken t = lex_next(&lx);
        if (t.kind == GO_T_SEMICOLON && t.lit[0] == '\n')
            at = (long)(t.pos - f->base);
        if (t.kind == GO_T_EOF)
            break;
    }
    Arena a;
    arena_init(&a);
    GoComment *cm;
    uint32_t n;
    lex_finish(&lx, &a, &cm, &n);
    arena_free(&a);
    go_errors_free(&errs);
    go_fileset_free(fs);
    return at;
}

#define SEMI_AT(name, src, want) EXPECT(name, auto_semi_at(src) == (want))

int main(void)
{
    /* semicolon insertion */
    tokens("lexer/semi-newline", "x\ny", "IDENT:x ;NL IDENT:y ;NL EOF");
    tokens("lexer/semi-after-keywords", "return\nbreak\ncontinue\nfallthrough\ngo\n",
           "return ;NL break ;NL continue ;NL fallthrough ;NL go EOF");
    tokens("lexer/semi-after-closers", "f()\na[1]\n{}\nx++\ny--\n",
           "IDENT:f ( ) ;NL IDENT:a [ INT:1 ] ;NL { } ;NL IDENT:x ++ ;NL IDENT:y -- ;NL EOF");
    tokens("lexer/no-semi-after-operators", "a +\nb", "IDENT:a + IDENT:b ;NL EOF");
    tokens("lexer/semi-before-line-comment", "return // done\n}", "return ;NL } ;NL EOF");
    tokens("lexer/semi-before-multiline-comment", "a /* x\ny */ b", "IDENT:a ;NL IDENT:b ;NL EOF");
    tokens("lexer/no-semi-inline-comment", "a /* x */ b", "IDENT:a IDENT:b ;NL EOF");
    tokens("lexer/semi-at-eof-after-comment", "a /* x */", "IDENT:a ;NL EOF");
    tokens("lexer/explicit-semi", "a; b", "IDENT:a ; IDENT:b ;NL EOF");
    /* since Go 1.22 the ';' a comment leaves pending is at the newline
     * after it, or at the first newline inside a block comment */
    SEMI_AT("lexer/semi-at-newline-after-line-comment", "x // c\ny", 6);
    SEMI_AT("lexer/semi-at-newline-in-block-comment", "x /* a\nb\n */ y", 6);
    SEMI_AT("lexer/semi-at-newline-after-block-comments", "x /* a */ /* b */\ny", 17);
    SEMI_AT("lexer/semi-at-eof-after-comment", "x // c", 6);
    SEMI_AT("lexer/semi-at-plain-newline", "x\ny", 1);
    /* literals */
    tokens("lexer/integers", "0x_1F 0B1010 0o17 017 1_000 0 0XaBc",
           "INT:0x_1F INT:0B1010 INT:0o17 INT:017 INT:1_000 INT:0 INT:0XaBc ;NL EOF");
    tokens("lexer/floats", "1.5e-3 0x1p-2 .5 1. 1E+10 0x_1.8P3 09.5 1_0.2_5",
           "FLOAT:1.5e-3 FLOAT:0x1p-2 FLOAT:.5 FLOAT:1. FLOAT:1E+10 FLOAT:0x_1.8P3 FLOAT:09.5 FLOAT:1_0.2_5 ;NL EOF");
    tokens("lexer/imaginary", "1i 0x1p1i 1.5e2i 0i 0o7i 089i",
           "IMAG:1i IMAG:0x1p1i IMAG:1.5e2i IMAG:0i IMAG:0o7i IMAG:089i ;NL EOF");
    tokens("lexer/runes", "'a' '\\n' '\\'' '\\x41' '\\101' '\\u00e9' '\\U0001F600' '\xc3\xa9'",
           "CHAR:'a' CHAR:'\\n' CHAR:'\\'' CHAR:'\\x41' CHAR:'\\101' CHAR:'\\u00e9' CHAR:'\\U0001F600' CHAR:'\xc3\xa9' ;NL EOF");
    tokens("lexer/strings", "\"a\\tb\\\"\\\\\" \"\\a\\b\\f\\n\\r\\v\" \"\\xff\\377\"",
           "STRING:\"a\\tb\\\"\\\\\" STRING:\"\\a\\b\\f\\n\\r\\v\" STRING:\"\\xff\\377\" ;NL EOF");
    tokens("lexer/raw-string-lines", "`a\nb\\n\r\n`", "STRING:`a\nb\\n\r\n` ;NL EOF");
    tokens("lexer/operators", "&^= &^ <<= >>= <- ... := ~ != && || ..",
           "&^= &^ <<= >>= <- ... := ~ != && || . . EOF");
    tokens("lexer/unicode-idents", "h\xc3\xa9llo \xe4\xb8\x96\xe7\x95\x8c x\xd9\xa3",
           "IDENT:h\xc3\xa9llo IDENT:\xe4\xb8\x96\xe7\x95\x8c IDENT:x\xd9\xa3 ;NL EOF");
    tokens("lexer/keywords", "package chan interface select range type",
           "package chan interface select range type EOF");
    tokens("lexer/bom", "\xEF\xBB\xBFpackage p", "package IDENT:p ;NL EOF");

    /* errors: message and position as go/scanner reports them */
    ERR("lexer/err-octal-digit", "x := 09", "1:7: invalid digit '9' in octal literal");
    ERR("lexer/err-binary-digit", "0b102", "1:5: invalid digit '2' in binary literal");
    ERR("lexer/err-string", "\n  \"abc", "2:3: string literal not terminated");
    ERR("lexer/err-string-newline", "\"ab\ncd\"", "1:1: string literal not terminated");
    ERR("lexer/err-comment", "x /* abc", "1:3: comment not terminated");
    ERR("lexer/err-line-directive-line", "x\n//line a.go:0\n", "2:13: invalid line number: 0");
    ERR("lexer/err-line-directive-col", "x\n/*line a.go:3:0*/", "2:15: invalid column number: 0");
    ERR("lexer/err-line-directive-not-number", "x\n//line a.go:1x\n", "2:13: invalid line number: 1x");
    ERR("lexer/err-utf16-le", "\xff\xfep\0a\0", "1:1: illegal UTF-8 encoding (got UTF-16)");
    ERR("lexer/err-utf16-be", "\xfe\xff\0p\0a", "1:1: illegal UTF-8 encoding (got UTF-16)");
    ERR("lexer/err-curly-quote", "x = \xe2\x80\x9chi", "1:5: curly quotation mark '\xe2\x80\x9c' (use neutral '\"')");
    ERR("lexer/err-raw-string", "`abc", "1:1: raw string literal not terminated");
    ERR("lexer/err-rune-long", "'ab'", "1:1: illegal rune literal");
    ERR("lexer/err-rune-empty", "''", "1:1: illegal rune literal");
    ERR("lexer/err-rune-open", "'a", "1:1: rune literal not terminated");
    ERR("lexer/err-nul", "x\0y", "1:2: illegal character NUL");
    ERR("lexer/err-nul-in-comment", "// a\0", "1:5: illegal character NUL");
    ERR("lexer/err-utf8", "a\n\xff", "2:1: illegal UTF-8 encoding");
    ERR("lexer/err-utf8-in-string", "\"a\xc3\"", "1:3: illegal UTF-8 encoding");
    ERR("lexer/err-surrogate", "\"\xed\xa0\x80\"", "1:2: illegal UTF-8 encoding");
    ERR("lexer/err-char", "a @", "1:3: illegal character U+0040 '@'");
    ERR("lexer/err-bom-inside", "a\xEF\xBB\xBF", "1:2: illegal byte order mark");
    ERR("lexer/err-separator", "1__2", "1:3: '_' must separate successive digits");
    ERR("lexer/err-separator-end", "12_", "1:3: '_' must separate successive digits");
    ERR("lexer/err-hex-empty", "0x", "1:3: hexadecimal literal has no digits");
    ERR("lexer/err-exponent", "1e+", "1:4: exponent has no digits");
    ERR("lexer/err-hex-mantissa", "0x1.0", "1:6: hexadecimal mantissa requires a 'p' exponent");
    ERR("lexer/err-p-exponent", "1p4", "1:2: 'p' exponent requires hexadecimal mantissa");
    ERR("lexer/err-radix-point", "0b1.0", "1:4: invalid radix point in binary literal");
    ERR("lexer/err-escape", "\"\\q\"", "1:3: unknown escape sequence");
    ERR("lexer/err-escape-value", "'\\400'", "1:3: escape sequence is invalid Unicode code point");
    ERR("lexer/err-escape-surrogate", "\"\\ud800\"", "1:3: escape sequence is invalid Unicode code point");
    ERR("lexer/err-escape-digit", "\"\\x4g\"", "1:5: illegal character U+0067 'g' in escape sequence");
    ERR("lexer/err-escape-eof", "\"\\", "1:3: escape sequence not terminated");
    ERR("lexer/err-unicode-non-letter", "x \xe2\x82\xac", "1:3: illegal character U+20AC '\xe2\x82\xac'");
    ERR("lexer/err-unprintable", "x \xe2\x80\x8b", "1:3: illegal character U+200B");
    ERR("lexer/err-nbsp", "x \xc2\xa0", "1:3: illegal character U+00A0");

    /* comments are kept with their positions */
    {
        char *errs;
        GoComment *cm;
        uint32_t n;
        const char *src = "// a\n/* b\n */ x //go:build linux\n";
        char *got = lex_render(src, strlen(src), &errs, &cm, &n);
        EXPECT("lexer/comments-count", n == 3);
        EXPECT("lexer/comments-text", n == 3 && memcmp(src + cm[0].pos, "// a\n", 5) == 0 &&
                                          memcmp(src + cm[1].pos, "/* b\n */", 8) == 0 &&
                                          memcmp(src + cm[2].pos, "//go:build linux", 16) == 0);
        EXPECT("lexer/comments-lines", n == 3 && cm[0].end == 1 && cm[1].end == 2 && cm[2].end == 3);
        EXPECT("lexer/comments-offsets", n == 3 && cm[2].pos - cm[0].pos == 16);
        free(cm);
        free(got);
        free(errs);
    }
    /* line table and positions */
    {
        GoFileSet *fs = go_fileset_new();
        const char *src = "a\nbb\n\tccc\n";
        GoSrcFile *f1 = go_fileset_add(fs, "one.go", src, strlen(src));
        GoSrcFile *f2 = go_fileset_add(fs, "two.go", src, strlen(src));
        GoErrors errs = {0};
        GoLexer lx;
        lex_init(&lx, f2, &errs);
        GoToken t, c = {0};
        while ((t = lex_next(&lx)).kind != GO_T_EOF)
            if (t.kind == GO_T_IDENT && t.len == 3)
                c = t;
        Arena a;
        arena_init(&a);
        GoComment *cm;
        uint32_t n;
        lex_finish(&lx, &a, &cm, &n);
        GoPosition p = go_fileset_position(fs, c.pos);
        EXPECT("lexer/position-line-col", p.line == 3 && p.col == 2 && strcmp(p.path, "two.go") == 0);
        EXPECT("lexer/position-offset", p.offset == 6);
        EXPECT("lexer/position-other-file", go_fileset_file(fs, f1->base + 2) == f1);
        EXPECT("lexer/position-nopos", go_fileset_position(fs, GO_NOPOS).path == NULL);
        arena_free(&a);
        go_errors_free(&errs);
        go_fileset_free(fs);
    }
    EXPECT("lexer/batch-same-as-pull", batch_checked > 40 && batch_mismatches == 0);
    return failures != 0;
}
