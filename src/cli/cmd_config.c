/* cmd_config.c - drip config: the effective .drip.yml configuration of the
 * package in a directory, as drip check applies it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_config.h"
#include "cmd.h"
#include "opt.h"
#include "../rules/rule.h"

static void print_globs(const char *what, const GlobList *g)
{
    printf("%s:", what);
    if (!g->len)
        printf(" none");
    for (size_t i = 0; i < g->len; i++)
        printf(" %s", g->items[i]);
    printf("\n");
}

int cmd_config(int argc, char **argv)
{
    static const Opt opts[] = {{NULL, 0, 0, NULL, NULL, NULL}};
    const OptSpec spec = {
        "config", "drip config [DIR]",
        "Prints the configuration drip check uses for the package in DIR (default\n"
        "the current directory): the nearest .drip.yml at or above DIR, which\n"
        "wins whole (files are not merged), and what it sets. Flags of drip check\n"
        "win over the file.",
        opts,
        "0  the configuration was printed\n"
        "2  usage error, or a .drip.yml that is not valid",
    };
    char **rest = NULL;
    int nrest = 0;
    int rc = opt_parse(&spec, argc, argv, &rest, &nrest);
    if (rc)
        return rc == 1 ? 0 : 2;
    if (nrest > 1) {
        fprintf(stderr, "drip config: want at most one directory\nusage: %s\n", spec.usage);
        free(rest);
        return 2;
    }
    const char *dir = nrest ? rest[0] : ".";
    ConfigSet cs;
    config_set_init(&cs);
    const DripConfig *c = config_for_dir(&cs, dir);
    int status = cs.nerrors ? 2 : 0;
    if (!status) {
        printf("file: %s\n", c->path ? c->path : "none (the defaults)");
        printf("rules:");
        for (int r = 0; r < rule_count; r++)
            if (!c->has_rules || c->rule_on[r])
                printf(" %s", rule_all[r]->name);
        printf("\n");
        if (c->has_rules) {
            printf("rules off:");
            int n = 0;
            for (int r = 0; r < rule_count; r++)
                if (!c->rule_on[r]) {
                    printf(" %s", rule_all[r]->name);
                    n++;
                }
            printf("%s\n", n ? "" : " none");
        }
        if (c->big_array_threshold)
            printf("big-array-param threshold: %lld bytes\n", (long long)c->big_array_threshold);
        else
            printf("big-array-param threshold: 65536 bytes (default)\n");
        printf("tests: %s\n", c->tests == 0 ? "false" : c->tests == 1 ? "true" : "true (default)");
        printf("generated: %s\n", c->generated == 1 ? "true" : c->generated == 0 ? "false" : "false (default)");
        print_globs("exclude", &c->exclude);
        for (size_t i = 0; i < c->paths.len; i++) {
            const ConfigPathRule *pr = &c->paths.items[i];
            print_globs("paths", &pr->match);
            for (int r = 0; r < rule_count; r++)
                if (pr->on[r] >= 0)
                    printf("  %s: %s\n", rule_all[r]->name, pr->on[r] ? "on" : "off");
        }
    }
    config_set_free(&cs);
    free(rest);
    return status;
}
