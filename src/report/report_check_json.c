/* report_check_json.c - drip check's JSON (schema in docs/check.md) and
 * SARIF 2.1.0 output. */
#include "report_check.h"
#include "../util/util.h"

void report_check_json(StrBuf *out, const DiagList *dl)
{
    sb_puts(out, "{\n  \"version\": 1,\n  \"diagnostics\": [");
    for (size_t i = 0; i < dl->len; i++) {
        const Diag *d = &dl->items[i];
        sb_puts(out, i ? ",\n    {" : "\n    {");
        sb_puts(out, "\"rule\": ");
        sb_json_string(out, d->rule, strlen(d->rule));
        sb_puts(out, ", \"path\": ");
        sb_json_string(out, d->path, strlen(d->path));
        sb_printf(out, ", \"line\": %d, \"column\": %d, \"message\": ", d->line, d->col);
        sb_json_string(out, d->msg, strlen(d->msg));
        sb_printf(out, ", \"confidence\": \"%s\"}", d->medium ? "medium" : "high");
    }
    sb_puts(out, dl->len ? "\n  ],\n" : "],\n");
    sb_printf(out, "  \"count\": %zu\n}\n", dl->len);
}

/* SARIF artifact URIs are relative references: percent-encode what is not
 * an unreserved character or '/'. */
static void uri_escape(StrBuf *out, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '_' || c == '.' || c == '~' || c == '/')
            sb_putc(out, (char)c);
        else {
            sb_putc(out, '%');
            sb_putc(out, hex[c >> 4]);
            sb_putc(out, hex[c & 15]);
        }
    }
}

static void json_str(StrBuf *out, const char *s)
{
    sb_json_string(out, s, strlen(s));
}

/* The artifactLocation of path: relative to %SRCROOT% when it is under
 * so->srcroot, else a file: URI (or the path as shown). */
static void artifact(StrBuf *out, const char *path, const SarifOpts *so)
{
    sb_puts(out, "{\"uri\": \"");
    char *abs = NULL;
    if (so && so->srcroot) {
        if (path[0] == '/')
            abs = xstrdup(path);
        else if (so->cwd)
            abs = xasprintf("%s/%s", so->cwd, str_has_prefix(path, "./") ? path + 2 : path);
    }
    size_t rl = so && so->srcroot ? strlen(so->srcroot) : 0;
    if (abs && rl && strncmp(abs, so->srcroot, rl) == 0) {
        uri_escape(out, abs + rl);
        sb_puts(out, "\", \"uriBaseId\": \"%SRCROOT%\"}");
    } else if (abs || path[0] == '/') {
        sb_puts(out, "file://");
        uri_escape(out, abs ? abs : path);
        sb_puts(out, "\"}");
    } else {
        uri_escape(out, path);
        sb_puts(out, "\", \"uriBaseId\": \"%SRCROOT%\"}");
    }
    free(abs);
}

static void region(StrBuf *out, int line, int col, int end_line, int end_col)
{
    sb_printf(out, "{\"startLine\": %d, \"startColumn\": %d", line > 0 ? line : 1, col > 0 ? col : 1);
    if (end_line > 0 && end_col > 0)
        sb_printf(out, ", \"endLine\": %d, \"endColumn\": %d", end_line, end_col);
    sb_puts(out, "}");
}

static void fixes(StrBuf *out, const Diag *d, const SarifOpts *so)
{
    sb_puts(out, ", \"fixes\": [{\"description\": {\"text\": ");
    json_str(out, d->fix ? d->fix : "apply drip's fix");
    sb_puts(out, "}, \"artifactChanges\": [{\"artifactLocation\": ");
    artifact(out, d->path, so);
    sb_puts(out, ", \"replacements\": [");
    for (uint32_t i = 0; i < d->nedits; i++) {
        const DiagEdit *e = &d->edits[i];
        int l0, c0, l1, c1;
        diag_line_col(d, e->start, &l0, &c0);
        diag_line_col(d, e->end, &l1, &c1);
        sb_puts(out, i ? ", {\"deletedRegion\": " : "{\"deletedRegion\": ");
        sb_printf(out, "{\"startLine\": %d, \"startColumn\": %d, \"endLine\": %d, \"endColumn\": %d, "
                       "\"charOffset\": %u, \"charLength\": %u}",
                  l0, c0, l1, c1, e->start, e->end - e->start);
        sb_puts(out, ", \"insertedContent\": {\"text\": ");
        json_str(out, e->text);
        sb_puts(out, "}}");
    }
    sb_puts(out, "]}]}]");
}

void report_check_sarif(StrBuf *out, const DiagList *dl, const ReportRule *rules, int nrules, const char *version,
                        const SarifOpts *so)
{
    sb_puts(out, "{\n  \"$schema\": \"https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json\",\n");
    sb_puts(out, "  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n      \"tool\": {\n        \"driver\": {\n");
    sb_puts(out, "          \"name\": \"drip\",\n          \"version\": ");
    json_str(out, version);
    sb_puts(out, ",\n          \"rules\": [");
    const char *base = so && so->help_base ? so->help_base : NULL;
    for (int i = 0; i < nrules; i++) {
        const ReportRule *r = &rules[i];
        sb_puts(out, i ? ",\n            {" : "\n            {");
        sb_puts(out, "\"id\": ");
        json_str(out, r->name);
        sb_puts(out, ", \"name\": ");
        json_str(out, r->name);
        sb_puts(out, ", \"shortDescription\": {\"text\": ");
        json_str(out, r->doc);
        sb_puts(out, "}, \"fullDescription\": {\"text\": ");
        json_str(out, r->doc);
        sb_puts(out, "}, \"help\": {\"text\": ");
        json_str(out, r->long_doc ? r->long_doc : r->doc);
        sb_puts(out, "}");
        if (base) {
            char *uri = xasprintf("%s#%s", base, r->name);
            sb_puts(out, ", \"helpUri\": ");
            json_str(out, uri);
            free(uri);
        }
        sb_puts(out, ", \"defaultConfiguration\": {\"level\": \"warning\"}}");
    }
    sb_puts(out, nrules ? "\n          ]\n" : "]\n");
    sb_puts(out, "        }\n      },\n");
    if (so && so->srcroot) {
        sb_puts(out, "      \"originalUriBaseIds\": {\"%SRCROOT%\": {\"uri\": \"file://");
        uri_escape(out, so->srcroot);
        sb_puts(out, "\"}},\n");
    }
    sb_puts(out, "      \"results\": [");
    for (size_t i = 0; i < dl->len; i++) {
        const Diag *d = &dl->items[i];
        int idx = -1;
        for (int k = 0; k < nrules; k++)
            if (strcmp(rules[k].name, d->rule) == 0)
                idx = k;
        sb_puts(out, i ? ",\n        {" : "\n        {");
        sb_puts(out, "\"ruleId\": ");
        json_str(out, d->rule);
        if (idx >= 0)
            sb_printf(out, ", \"ruleIndex\": %d", idx);
        sb_puts(out, ", \"level\": \"warning\", \"message\": {\"text\": ");
        json_str(out, d->msg);
        sb_puts(out, "}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": ");
        artifact(out, d->path, so);
        sb_puts(out, ", \"region\": ");
        region(out, d->line, d->col, d->end_line, d->end_col);
        sb_puts(out, "}}]");
        if (d->nrelated) {
            sb_puts(out, ", \"relatedLocations\": [");
            for (uint32_t k = 0; k < d->nrelated; k++) {
                sb_printf(out, "%s{\"id\": %u, \"message\": {\"text\": ", k ? ", " : "", k + 1);
                json_str(out, d->related[k].msg);
                sb_puts(out, "}, \"physicalLocation\": {\"artifactLocation\": ");
                artifact(out, d->related[k].path ? d->related[k].path : d->path, so);
                sb_puts(out, ", \"region\": ");
                region(out, d->related[k].line, d->related[k].col, d->related[k].end_line, d->related[k].end_col);
                sb_puts(out, "}}");
            }
            sb_puts(out, "]");
        }
        if (d->nedits)
            fixes(out, d, so);
        sb_puts(out, "}");
    }
    sb_puts(out, dl->len ? "\n      ]\n" : "]\n");
    sb_puts(out, "    }\n  ]\n}\n");
}
