/* cmd_explain.c - drip explain RULE: a rule's documentation. */
#include "cmd.h"
#include "opt.h"
#include "../rules/rule.h"

int cmd_explain(int argc, char **argv)
{
    const Opt opts[] = {{NULL, 0, 0, NULL, NULL, NULL}};
    const OptSpec spec = {"explain", "drip explain RULE",
                          "Prints what a drip check rule finds, why it leaks, a leaky and a\n"
                          "fixed example, and how to fix it. 'drip check --list' lists the rules.",
                          opts};
    char **rest = NULL;
    int nrest = 0;
    int rc = opt_parse(&spec, argc, argv, &rest, &nrest);
    if (rc)
        return rc == 1 ? 0 : 2;
    if (nrest != 1) {
        fprintf(stderr, "drip explain: want one rule name\nusage: %s\n", spec.usage);
        free(rest);
        return 2;
    }
    const Rule *r = rule_find(rest[0]);
    if (!r) {
        fprintf(stderr, "drip explain: unknown rule '%s'\n", rest[0]);
        const Rule *near = rule_closest(rest[0]);
        if (near)
            fprintf(stderr, "did you mean '%s'?\n", near->name);
        fprintf(stderr, "run 'drip check --list' for the rules\n");
        free(rest);
        return 2;
    }
    printf("%s: %s\n\n%s", r->name, r->doc, r->long_doc);
    size_t n = strlen(r->long_doc);
    if (n && r->long_doc[n - 1] != '\n')
        putchar('\n');
    /* what the go.mod go line (or --go) changes */
    printf("\nGo versions:\n\n%s", r->versions ? r->versions
                                               : "The rule's findings do not depend on the Go version (go.mod's go\n"
                                                 "line or --go): per-iteration loop variables (Go 1.22) and collected\n"
                                                 "timers (Go 1.23) do not change what it reports.\n");
    free(rest);
    return 0;
}
