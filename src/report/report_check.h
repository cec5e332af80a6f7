/* report_check.h - writers for drip check's findings: go-vet-style text
 * (with optional source excerpt and caret), JSON, SARIF 2.1.0 and GitHub
 * Actions annotations. */
#ifndef DRIP_REPORT_CHECK_H
#define DRIP_REPORT_CHECK_H

#include <stdio.h>

#include "../util/array.h"
#include "../util/strbuf.h"

typedef struct {
    const char *rule;    /* rule name, static */
    char *msg;           /* owned */
    const char *path;    /* file path as shown; owned by the loader */
    int line, col;       /* 1-based; col counts bytes like go vet */
    const char *src;     /* the file's text for excerpts, may be NULL */
    size_t srclen;
    bool medium;         /* confidence medium: shown with --confidence medium */
} Diag;

typedef Array(Diag) DiagList;

/* Sorts by path, line, column, rule, and drops exact duplicates. */
void diag_sort(DiagList *dl);
void diag_list_free(DiagList *dl);

/* Rule metadata the SARIF writer lists. */
typedef struct {
    const char *name;
    const char *doc;
    const char *long_doc;
} ReportRule;

/* context < 0: no excerpt; otherwise the line with a caret plus `context`
 * lines above and below. */
void report_check_text(StrBuf *out, const DiagList *dl, int context, bool color);
void report_check_json(StrBuf *out, const DiagList *dl);
void report_check_sarif(StrBuf *out, const DiagList *dl, const ReportRule *rules, int nrules, const char *version);
void report_check_github(StrBuf *out, const DiagList *dl);
/* go vet -json's shape (report_check_vet.c): one object per package, in
 * the order of keys (import paths); pkg[i] is the index in keys of the
 * package of finding i. Paths are made absolute, as go vet shows them. */
void report_check_vet_json(StrBuf *out, const DiagList *dl, const int *pkg, const char *const *keys, size_t nkeys);
/* A JSON string as Go's encoding/json writes it (HTML-safe escapes). */
void report_go_json_string(StrBuf *out, const char *s);

#endif
