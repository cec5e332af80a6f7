/* report_check.h - writers for drip check's findings: go-vet-style text
 * (with optional source excerpt and caret), JSON, SARIF 2.1.0 and GitHub
 * Actions annotations. */
#ifndef DRIP_REPORT_CHECK_H
#define DRIP_REPORT_CHECK_H

#include <stdint.h>
#include <stdio.h>

#include "../util/array.h"
#include "../util/strbuf.h"

/* A second site of a finding: the other lock of a lock-order cycle, the go
 * statement that started a goroutine, a channel's partner, ... */
typedef struct {
    int line, col;       /* 1-based */
    int end_line, end_col; /* one past the site's statement or expression; 0 unknown */
    const char *path;    /* the site's file as shown (owned by the loader), or
                            NULL for the finding's own file */
    char *msg;           /* owned */
} DiagSite;

/* A mechanical fix: replace the bytes [start, end) of the finding's file
 * with text (an insertion when start == end). */
typedef struct {
    uint32_t start, end;
    char *text;          /* owned */
} DiagEdit;

typedef struct {
    const char *rule;    /* rule name, static */
    char *msg;           /* owned */
    const char *path;    /* file path as shown; owned by the loader */
    int line, col;       /* 1-based; col counts bytes like go vet */
    const char *src;     /* the file's text for excerpts, may be NULL */
    size_t srclen;
    bool medium;         /* confidence medium: shown with --confidence medium */
    int end_line, end_col; /* one past the statement or expression found, 1-based
                              (end_col exclusive); 0 when unknown */
    DiagSite *related;   /* owned, nrelated of them */
    uint32_t nrelated;
    DiagEdit *edits;     /* owned: the fix, in order, not overlapping */
    uint32_t nedits;
    char *fix;           /* owned: what the edits do ("add defer t.Stop()"), or NULL */
} Diag;

typedef Array(Diag) DiagList;

/* Frees what d owns (msg, related sites, edits). */
void diag_free(Diag *d);
/* Line and column (1-based, bytes) of byte offset off of d's file. */
void diag_line_col(const Diag *d, uint32_t off, int *line, int *col);

/* Sorts by path, line, column, rule, and drops exact duplicates. */
void diag_sort(DiagList *dl);
void diag_list_free(DiagList *dl);

/* Rule metadata the SARIF writer lists. */
typedef struct {
    const char *name;
    const char *doc;
    const char *long_doc;  /* the user-facing text (help) */
} ReportRule;

/* Where the SARIF log's paths start and where rule help lives. */
typedef struct {
    const char *srcroot;   /* absolute directory, with a final '/', that
                              %SRCROOT% stands for; NULL: paths as shown */
    const char *cwd;       /* absolute working directory, for relative paths */
    const char *help_base; /* helpUri base: the rule's is base + "#" + name */
} SarifOpts;

/* context < 0: no excerpt; otherwise the line with a caret plus `context`
 * lines above and below. */
void report_check_text(StrBuf *out, const DiagList *dl, int context, bool color);
void report_check_json(StrBuf *out, const DiagList *dl);
void report_check_sarif(StrBuf *out, const DiagList *dl, const ReportRule *rules, int nrules, const char *version,
                        const SarifOpts *so);
void report_check_github(StrBuf *out, const DiagList *dl);
/* go vet -json's shape (report_check_vet.c): one object per package, in
 * the order of keys (import paths); pkg[i] is the index in keys of the
 * package of finding i. Paths are made absolute, as go vet shows them. */
void report_check_vet_json(StrBuf *out, const DiagList *dl, const int *pkg, const char *const *keys, size_t nkeys);
/* A JSON string as Go's encoding/json writes it (HTML-safe escapes). */
void report_go_json_string(StrBuf *out, const char *s);

/* report_fix.c: sorts a file's edits and drops duplicates and overlaps
 * (and edits past len); returns how many are left. */
size_t fix_edits_sort(DiagEdit *e, size_t n, size_t len);
/* The text with the sorted edits applied (malloc'ed, NUL-terminated). */
char *fix_apply(const char *src, size_t len, const DiagEdit *e, size_t n, size_t *outlen);
/* The sorted edits as a unified diff of path (---/+++ path: patch -p0). */
void fix_diff(StrBuf *out, const char *path, const char *src, size_t len, const DiagEdit *e, size_t n);

#endif
