/* cmd_explain.c - drip explain RULE: a rule's documentation. */
#include "cmd.h"
#include "opt.h"
#include "../rules/rule.h"
#include "../dump/classify.h"

/* The static rules that find in the source what a runtime category sees
 * in a dump (ORDER SEED, by identifier). */
static const struct {
    const char *category;
    const char *rules;
} twins[] = {
    {"send-no-receiver", "abandoned-channel, chan-partner"},
    {"receive-no-sender", "chan-partner"},
    {"nil-channel", "nil-channel"},
    {"select-no-exit", "goroutine-no-exit"},
    {"select-no-cases", NULL},
    {"mutex-not-unlocked", "mutex-not-unlocked, double-lock, lock-across-block"},
    {"lock-order", "lock-order"},
    {"cond-no-signal", "cond-no-signal"},
    {"waitgroup-no-done", "waitgroup-misuse"},
    {"semaphore-not-released", NULL},
    {"ticker-not-stopped", "ticker-leak"},
    {"iter-pull-not-stopped", NULL},
};

/* drip explain CATEGORY for a category of drip goroutines, watch and test. */
static int explain_category(SeedLeak s)
{
    const char *id = seed_leak_id(s);
    printf("%s: %s\n\n", id, seed_leak_name(s));
    printf("A leak category of drip goroutines, drip watch and drip test: goroutines\n"
           "found blocked this way in a dump or a live service.\n\nFix: %s.\n", seed_leak_fix(s));
    for (size_t i = 0; i < sizeof twins / sizeof twins[0]; i++)
        if (strcmp(twins[i].category, id) == 0) {
            if (twins[i].rules)
                printf("\nIn the source, drip check finds it with: %s (drip explain RULE).\n", twins[i].rules);
            else
                printf("\nNo drip check rule finds it in the source yet.\n");
        }
    return 0;
}

int cmd_explain(int argc, char **argv)
{
    const Opt opts[] = {{NULL, 0, 0, NULL, NULL, NULL}};
    const OptSpec spec = {"explain", "drip explain RULE",
                          "Prints what a drip check rule finds, why it leaks, a leaky and a\n"
                          "fixed example, and how to fix it. 'drip check --list' lists the rules.\n"
                          "The leak categories that drip goroutines, watch and test print are\n"
                          "explained too, with the rules that find them in the source.",
                          opts,
                          "0  the documentation was printed\n"
                          "2  usage error, or an unknown rule or category"};
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
    SeedLeak cat = r ? SEED_NONE : seed_leak_find(rest[0]);
    if (cat != SEED_NONE) {
        free(rest);
        return explain_category(cat);
    }
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
