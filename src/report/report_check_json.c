/* report_check_json.c - drip check's JSON (schema in docs/check.md) and
 * SARIF 2.1.0 output. */
#include "report_check.h"

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

void report_check_sarif(StrBuf *out, const DiagList *dl, const ReportRule *rules, int nrules, const char *version)
{
    sb_puts(out, "{\n  \"$schema\": \"https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json\",\n");
    sb_puts(out, "  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n      \"tool\": {\n        \"driver\": {\n");
    sb_puts(out, "          \"name\": \"drip\",\n          \"version\": ");
    json_str(out, version);
    sb_puts(out, ",\n          \"rules\": [");
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
        json_str(out, r->long_doc ? r->long_doc : r->doc);
        sb_puts(out, "}, \"help\": {\"text\": ");
        json_str(out, r->long_doc ? r->long_doc : r->doc);
        sb_puts(out, "}, \"defaultConfiguration\": {\"level\": \"warning\"}}");
    }
    sb_puts(out, nrules ? "\n          ]\n" : "]\n");
    sb_puts(out, "        }\n      },\n      \"results\": [");
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
        sb_puts(out, "}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": \"");
        /* relative paths resolve against the checkout (%SRCROOT%);
         * absolute ones become file: URIs */
        bool abs = d->path[0] == '/';
        if (abs)
            sb_puts(out, "file://");
        uri_escape(out, d->path);
        sb_puts(out, abs ? "\"" : "\", \"uriBaseId\": \"%SRCROOT%\"");
        sb_printf(out, "}, \"region\": {\"startLine\": %d, \"startColumn\": %d}}}]}",
                  d->line > 0 ? d->line : 1, d->col > 0 ? d->col : 1);
    }
    sb_puts(out, dl->len ? "\n      ]\n" : "]\n");
    sb_puts(out, "    }\n  ]\n}\n");
}
