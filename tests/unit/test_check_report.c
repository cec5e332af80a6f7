/* test_check_report.c - suppression comments and the report writers. */
#include "report/report_check.h"
#include "sema/suppress.h"

static int failures;

#define EXPECT(name, cond)                                                  \
    do {                                                                    \
        if (cond)                                                           \
            printf("PASS %s\n", name);                                      \
        else {                                                              \
            printf("FAIL %s: %s (line %d)\n", name, #cond, __LINE__);       \
            failures++;                                                     \
        }                                                                   \
    } while (0)

static void test_suppress(void)
{
    const char *src =
        "package p\n"                                          /* 1 */
        "var a = 1 //drip:ignore ticker-leak the reason\n"     /* 2 */
        "//drip:ignore lost-cancel,nil-channel why\n"           /* 3 */
        "var b = 2\n"                                          /* 4 */
        "var c = \"//nolint:drip\" + `\n"                       /* 5 */
        "//drip:ignore all inside a raw string\n"               /* 6 */
        "`\n"                                                  /* 7 */
        "/* //nolint:drip in a block comment */\n"              /* 8 */
        "var d = 4 //nolint:drip/defer-in-loop,gosec // why\n" /* 9 */
        "var e = 5 //nolint\n"                                 /* 10 */
        "var f = 6 //nolint:errcheck\n"                        /* 11 */
        "var g = '\"' //nolint:all\n"                          /* 12 */
        "//drip:ignore\n";                                      /* 13 */
    SuppressionList sl = {0};
    suppress_scan(&sl, src, strlen(src));
    EXPECT("check-suppress/count", sl.len == 5); /* not: errcheck only, rule-less drip:ignore */
    EXPECT("check-suppress/same-line", suppress_match(&sl, "ticker-leak", 2));
    EXPECT("check-suppress/other-rule", !suppress_match(&sl, "defer-in-loop", 2));
    EXPECT("check-suppress/line-above", suppress_match(&sl, "nil-channel", 4) && suppress_match(&sl, "lost-cancel", 4));
    EXPECT("check-suppress/trailing-not-next-line", !suppress_match(&sl, "ticker-leak", 3));
    EXPECT("check-suppress/not-in-strings", !suppress_match(&sl, "ticker-leak", 5) && !suppress_match(&sl, "ticker-leak", 6) &&
                                                !suppress_match(&sl, "ticker-leak", 7) && !suppress_match(&sl, "ticker-leak", 8));
    EXPECT("check-suppress/nolint-drip-rule", suppress_match(&sl, "defer-in-loop", 9) && !suppress_match(&sl, "nil-channel", 9));
    EXPECT("check-suppress/bare-nolint", suppress_match(&sl, "nil-channel", 10));
    EXPECT("check-suppress/nolint-other-linter", !suppress_match(&sl, "nil-channel", 11));
    EXPECT("check-suppress/nolint-all", suppress_match(&sl, "nil-channel", 12));
    bool unused_ok = true;
    for (size_t i = 0; i < sl.len; i++) {
        Suppression *s = &sl.items[i];
        if (s->line == 3 || s->line == 2 || s->line == 9)
            unused_ok = unused_ok && s->used && s->drip_specific;
    }
    EXPECT("check-suppress/used-marks", unused_ok);
    suppress_list_free(&sl);
}

static void test_writers(void)
{
    const char *src = "package p\n\tx := 1\n";
    DiagList dl = {0};
    Diag b = {"rule-b", xstrdup("second: 100% \"quoted\"\nline"), "b,c.go", 2, 2, src, strlen(src), false, 0, 0, NULL, 0, NULL, 0, NULL};
    Diag a = {"rule-a", xstrdup("first"), "a.go", 1, 1, src, strlen(src), false, 0, 0, NULL, 0, NULL, 0, NULL};
    Diag dup = {"rule-a", xstrdup("first"), "a.go", 1, 1, src, strlen(src), false, 0, 0, NULL, 0, NULL, 0, NULL};
    array_push(&dl, b);
    array_push(&dl, a);
    array_push(&dl, dup);
    diag_sort(&dl);
    EXPECT("check-report/sort-dedup", dl.len == 2 && strcmp(dl.items[0].path, "a.go") == 0);

    StrBuf sb;
    sb_init(&sb);
    report_check_text(&sb, &dl, 0, false);
    EXPECT("check-report/text", strstr(sb.data, "a.go:1:1: first (rule-a)\n") != NULL);
    EXPECT("check-report/caret-keeps-tabs", strstr(sb.data, "     2 | \tx := 1\n       | \t^\n") != NULL);
    sb_clear(&sb);
    report_check_github(&sb, &dl);
    EXPECT("check-report/github-escapes",
           strstr(sb.data, "::warning file=b%2Cc.go,line=2,col=2,title=rule-b::second: 100%25 \"quoted\"%0Aline (rule-b)\n") != NULL);
    sb_clear(&sb);
    report_check_json(&sb, &dl);
    EXPECT("check-report/json-escapes", strstr(sb.data, "\"message\": \"second: 100% \\\"quoted\\\"\\nline\"") != NULL);
    EXPECT("check-report/json-count", strstr(sb.data, "\"count\": 2") != NULL);
    sb_clear(&sb);
    ReportRule rr[] = {{"rule-a", "doc a", "long a"}, {"rule-b", "doc b", NULL}};
    report_check_sarif(&sb, &dl, rr, 2, "9.9", NULL);
    EXPECT("check-report/sarif-uri-escape", strstr(sb.data, "\"uri\": \"b%2Cc.go\"") != NULL);
    EXPECT("check-report/sarif-rule-index", strstr(sb.data, "\"ruleId\": \"rule-b\", \"ruleIndex\": 1") != NULL);
    sb_free(&sb);
    diag_list_free(&dl);
}

/* -json writes strings as Go's encoding/json does. */
static void test_vet_json(void)
{
    StrBuf sb;
    sb_init(&sb);
    report_go_json_string(&sb, "a<-b && c>d \"q\"\\\t\x01 \xe2\x80\xa8 \xff \xc3\xa9");
    EXPECT("check-report/go-json-string",
           strcmp(sb.data, "\"a\\u003c-b \\u0026\\u0026 c\\u003ed \\\"q\\\"\\\\\\t\\u0001 \\u2028 \\ufffd \xc3\xa9\"") == 0);
    sb_free(&sb);
    Diag d[2] = {{.rule = "b-rule", .msg = "m<1", .path = "x.go", .line = 3, .col = 4},
                 {.rule = "a-rule", .msg = "m2", .path = "/abs/y.go", .line = 5}};
    DiagList dl = {d, 2, 2};
    int pkg[2] = {0, 0};
    const char *keys[2] = {"example.com/p", "example.com/q"};
    sb_init(&sb);
    report_check_vet_json(&sb, &dl, pkg, keys, 2);
    EXPECT("check-report/vet-json-sorted-analyzers-and-empty-package",
           strstr(sb.data, "{\n\t\"example.com/p\": {\n\t\t\"a-rule\": [\n\t\t\t{\n\t\t\t\t\"posn\": \"/abs/y.go:5\",\n"
                           "\t\t\t\t\"message\": \"m2\"\n\t\t\t}\n\t\t],\n\t\t\"b-rule\": [") == sb.data &&
               str_has_suffix(sb.data, "\"message\": \"m\\u003c1\"\n\t\t\t}\n\t\t]\n\t}\n}\n{}\n"));
    sb_free(&sb);
}

int main(void)
{
    test_vet_json();
    test_suppress();
    test_writers();
    return failures ? 1 : 0;
}
