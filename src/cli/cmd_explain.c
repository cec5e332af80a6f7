/* cmd_explain.c - drip explain NAME: the documentation of a leak kind, a
 * drip check rule or a runtime-only category; --all writes them all, as
 * text or as the Markdown of docs/rules.md (--counts: docs/rules-counts.md). */
#include "cmd.h"
#include "triage_counts.h"
#include "opt.h"
#include "../rules/catalogue.h"
#include "../rules/rule.h"

#define MAX_SIGHTINGS 8

static const char *const no_versions =
    "The rule's findings do not depend on the Go version (go.mod's go\n"
    "line or --go): per-iteration loop variables (Go 1.22) and collected\n"
    "timers (Go 1.23) do not change what it reports.\n";

/* Prints s with a final newline. */
static void put_text(FILE *out, const char *s)
{
    size_t n = strlen(s);
    fputs(s, out);
    if (n && s[n - 1] != '\n')
        fputc('\n', out);
}

/* Prints a paragraph made of words, wrapped at 72 columns. */
static void put_wrapped(FILE *out, const char *s)
{
    size_t col = 0;
    while (*s) {
        while (*s == ' ')
            s++;
        size_t n = strcspn(s, " ");
        if (!n)
            break;
        if (col && col + 1 + n > 72) {
            fputc('\n', out);
            col = 0;
        } else if (col) {
            fputc(' ', out);
            col++;
        }
        fwrite(s, 1, n, out);
        col += n;
        s += n;
    }
    fputs("\n\n", out);
}

/* Markdown of a doc: paragraphs as they are, runs of lines indented by
 * four spaces as fenced Go blocks (blank lines inside a run stay in it). */
static void put_markdown(FILE *out, const char *s)
{
    bool in_code = false;
    while (*s) {
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s) : strlen(s);
        bool code = len >= 4 && strncmp(s, "    ", 4) == 0;
        bool blank = len == 0;
        if (code && !in_code) {
            fputs("```go\n", out);
            in_code = true;
        } else if (in_code && !code && !blank) {
            fputs("```\n\n", out);
            in_code = false;
        }
        if (in_code && blank) {
            /* a blank line ends the block unless more code follows */
            const char *next = nl ? nl + 1 : s + len;
            if (strncmp(next, "    ", 4) != 0) {
                fputs("```\n\n", out);
                in_code = false;
                s = next;
                continue;
            }
        }
        if (in_code && !blank)
            fwrite(s + 4, 1, len - 4, out);
        else if (!in_code)
            fwrite(s, 1, len, out);
        fputc('\n', out);
        s += len + (nl ? 1 : 0);
    }
    if (in_code)
        fputs("```\n", out);
}

/* The runtime section of a rule or runtime-only kind: which runtime
 * commands print the name, for what, and its fix there. */
static void put_sightings(FILE *out, const char *name, bool md)
{
    RuntimeSighting sg[MAX_SIGHTINGS];
    size_t n = catalogue_sightings(name, sg, MAX_SIGHTINGS);
    if (n > MAX_SIGHTINGS)
        n = MAX_SIGHTINGS;
    for (size_t i = 0; i < n; i++) {
        char *p = xasprintf(md ? "At run time, %s print `%s` for this: %s. Fix there: %s." :
                                 "At run time, %s print %s for this: %s. Fix there: %s.",
                            sg[i].commands, name, sg[i].title, sg[i].fix);
        put_wrapped(out, p);
        free(p);
    }
    const char *also = catalogue_also_rules(name);
    if (n && also) {
        char *p = xasprintf("In the source, %s also find%s it.", also, strchr(also, ',') ? "" : "s");
        put_wrapped(out, p);
        free(p);
    }
}

/* The rule's counts on real code, from the triage file
 * (tests/triage/findings.tsv, generated into triage_counts.h by
 * scripts/triage_counts.sh). */
static void put_triage(FILE *out, const Rule *r, bool md)
{
    int n = 0, t = 0, no = 0, f = 0;
    for (int i = 0; triage_counts[i].rule; i++)
        if (strcmp(triage_counts[i].rule, r->name) == 0) {
            n = triage_counts[i].findings;
            t = triage_counts[i].true_;
            no = triage_counts[i].noise;
            f = triage_counts[i].false_;
        }
    char *p = xasprintf("Triaged on real code (tests/triage/findings.tsv: Go 1.19 and 1.27 standard "
                        "library, grpc, etcd, docker as Debian ships them; default confidence): "
                        "%d findings: %d TRUE, %d NOISE, %d FALSE.\n",
                        n, t, no, f);
    if (md)
        put_markdown(out, p);
    else
        put_wrapped(out, p);
    free(p);
}

static void explain_rule(FILE *out, const Rule *r, bool md)
{
    if (md) {
        fprintf(out, "<a id=\"%s\"></a>\n### %s\n\n*%s*\n\n", r->name, r->name, r->doc);
        put_markdown(out, r->long_doc);
        fputc('\n', out);
        put_sightings(out, r->name, true);
        fprintf(out, "**Go versions.** ");
        put_markdown(out, r->versions ? r->versions : no_versions);
        fputc('\n', out);
        return;
    }
    fprintf(out, "%s: %s\n\n", r->name, r->doc);
    put_text(out, r->long_doc);
    if (r->counts) {
        fputc('\n', out);
        put_text(out, r->counts);
    }
    fputc('\n', out);
    put_triage(out, r, false);
    put_sightings(out, r->name, false);
    fprintf(out, "Go versions:\n\n");
    put_text(out, r->versions ? r->versions : no_versions);
}

static void explain_runtime(FILE *out, const RuntimeKind *k, bool md)
{
    if (md) {
        fprintf(out, "<a id=\"%s\"></a>\n### %s\n\n*%s* (runtime only: %s print it; no drip check rule finds it "
                     "in the source)\n\n",
                k->name, k->name, k->title, k->commands);
        put_markdown(out, k->doc);
        fputc('\n', out);
        return;
    }
    fprintf(out, "%s: %s\n\n", k->name, k->title);
    char *p = xasprintf("A runtime-only leak kind: %s print it; no drip check rule finds it in the source.",
                        k->commands);
    put_wrapped(out, p);
    free(p);
    put_text(out, k->doc);
}

static void md_seed_table(FILE *out)
{
    fprintf(out, "| Seed document section | Leak | drip check rule | Runtime category |\n"
                 "|---|---|---|---|\n");
    for (size_t i = 0; i < seed_kind_count; i++) {
        const SeedKind *s = &seed_kinds[i];
        fprintf(out, "| %s | %s | ", s->section, s->gloss);
        /* each name links to its section */
        for (int col = 0; col < 2; col++) {
            const char *names = col == 0 ? s->rules : s->runtime;
            if (!names) {
                fputs("—", out);
            } else {
                const char *p = names;
                while (*p) {
                    size_t n = strcspn(p, ",");
                    fprintf(out, "[`%.*s`](#%.*s)", (int)n, p, (int)n, p);
                    p += n;
                    while (*p == ',' || *p == ' ')
                        p++;
                    if (*p)
                        fputs(", ", out);
                }
            }
            fputs(col == 0 ? " | " : " |\n", out);
        }
    }
}

static void all_markdown(FILE *out)
{
    fprintf(out,
            "<!-- Generated by scripts/gen_rules_md.sh from drip explain --all --format markdown; do not edit. -->\n"
            "# Leak kinds\n\n"
            "Every category that drip prints names one of the leak kinds below:\n"
            "the findings of `drip check`, and the categories of `drip goroutines`,\n"
            "`drip heap`, `drip watch`, `drip report` and `drip test`. A runtime\n"
            "category takes the name of the `drip check` rule that finds the same\n"
            "leak in the source; the kinds only a running program shows are listed\n"
            "after the rules. `drip explain NAME` prints the same text. Each kind\n"
            "has its section here, anchored by its name (`rules.md#ticker-leak`);\n"
            "drip check's SARIF output links each rule to it. What the rules find\n"
            "on real code and on benchmarks is in [rules-counts.md](rules-counts.md).\n\n"
            "## The seed document's leak kinds\n\n"
            "The Go memory-leak catalogue drip started from (in Chinese), kind by\n"
            "kind:\n\n");
    md_seed_table(out);
    fprintf(out, "\n## Rules of drip check\n\n");
    for (int i = 0; i < rule_count; i++)
        explain_rule(out, rule_all[i], true);
    fprintf(out, "## Runtime-only kinds\n\n");
    for (size_t i = 0; i < runtime_kind_count; i++)
        explain_runtime(out, &runtime_kinds[i], true);
}

static void all_counts(FILE *out)
{
    fprintf(out, "<!-- Generated by scripts/gen_rules_md.sh from drip explain --all --counts; do not edit. -->\n"
                 "# What the rules find on real code\n\n"
                 "Per rule of [rules.md](rules.md): the findings of `drip check` on real\n"
                 "code (Go's standard library, grpc, etcd and docker as Debian ships\n"
                 "them) and on the GoKer benchmark kernels, as measured for the\n"
                 "release. BENCHMARKS.md has the benchmark runs themselves.\n\n");
    for (int i = 0; i < rule_count; i++) {
        const Rule *r = rule_all[i];
        fprintf(out, "## [%s](rules.md#%s)\n\n", r->name, r->name);
        put_markdown(out, r->counts ? r->counts : "Not measured yet.\n");
        fputc('\n', out);
        put_triage(out, r, true);
        fputc('\n', out);
    }
}

int cmd_explain(int argc, char **argv)
{
    bool all = false, counts = false, list = false;
    const char *format = "text";
    const Opt opts[] = {
        {"all", 0, OPT_FLAG, &all, NULL, "explain every rule and runtime-only kind"},
        {"counts", 0, OPT_FLAG, &counts, NULL, "with --all: the rules' findings on real code instead"},
        {"list", 0, OPT_FLAG, &list, NULL, "list every name with 'rule' or 'runtime'"},
        {"format", 'f', OPT_STRING, &format, "FMT", "text (default) or markdown (docs/rules.md)"},
        {NULL, 0, 0, NULL, NULL, NULL},
    };
    const OptSpec spec = {"explain", "drip explain NAME\n       drip explain --all [--counts] [-f markdown]",
                          "Prints what a leak kind is, why it leaks, a leaky and a fixed example,\n"
                          "and how to fix it. The names are the drip check rules ('drip check\n"
                          "--list') and the runtime-only kinds: every category that drip\n"
                          "goroutines, heap, watch, report and test print is one of them.\n"
                          "Names that drip 0.1 printed (send-no-receiver, ...) still work.",
                          opts,
                          "0  the documentation was printed\n"
                          "2  usage error, or an unknown rule or category"};
    char **rest = NULL;
    int nrest = 0;
    int rc = opt_parse(&spec, argc, argv, &rest, &nrest);
    if (rc)
        return rc == 1 ? 0 : 2;
    bool md = strcmp(format, "markdown") == 0;
    if (!md && strcmp(format, "text") != 0) {
        fprintf(stderr, "drip explain: --format '%s' is not text or markdown\n", format);
        free(rest);
        return 2;
    }
    if (list || all) {
        free(rest);
        if (nrest) {
            fprintf(stderr, "drip explain: --all and --list take no name\n");
            return 2;
        }
        if (list) {
            for (int i = 0; i < rule_count; i++)
                printf("%s\trule\n", rule_all[i]->name);
            for (size_t i = 0; i < runtime_kind_count; i++)
                printf("%s\truntime\n", runtime_kinds[i].name);
        } else if (counts) {
            all_counts(stdout);
        } else if (md) {
            all_markdown(stdout);
        } else {
            for (int i = 0; i < rule_count; i++) {
                explain_rule(stdout, rule_all[i], false);
                fputc('\n', stdout);
            }
            for (size_t i = 0; i < runtime_kind_count; i++) {
                explain_runtime(stdout, &runtime_kinds[i], false);
                fputc('\n', stdout);
            }
        }
        return 0;
    }
    if (nrest != 1) {
        fprintf(stderr, "drip explain: want one name\nusage: %s\n", spec.usage);
        free(rest);
        return 2;
    }
    const char *name = catalogue_canonical(rest[0]);
    if (!name) {
        fprintf(stderr, "drip explain: unknown rule or leak kind '%s'\n", rest[0]);
        const Rule *near = rule_closest(rest[0]);
        if (near)
            fprintf(stderr, "did you mean '%s'?\n", near->name);
        fprintf(stderr, "run 'drip check --list' for the rules, 'drip explain --list' for every name\n");
        free(rest);
        return 2;
    }
    if (strcmp(name, rest[0]) != 0)
        printf("(%s is the name drip 0.1 printed; it is now %s)\n\n", rest[0], name);
    free(rest);
    const Rule *r = rule_find(name);
    const RuntimeKind *k = runtime_kind_find(name);
    if (r)
        explain_rule(stdout, r, md);
    else if (k)
        explain_runtime(stdout, k, md);
    return 0;
}
