/* main.c - drip's entry point: dispatches to a subcommand. */
#include <stdio.h>
#include <string.h>

#include "../util/util.h"
#include "cmd.h"
#include "version.h" /* DRIP_COMMIT, written by the Makefile */

#define DRIP_VERSION "0.1.0"

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *help;
} Command;

static const Command commands[] = {
    {"check", cmd_check, "find leak-prone code in Go packages (static analysis)"},
    {"explain", cmd_explain, "show the documentation of a check rule"},
    {"goroutines", cmd_goroutines, "name the leaking goroutines in a goroutine dump"},
    {"heap", cmd_heap, "top allocation sites of a pprof heap profile, or what grew"},
    {"watch", cmd_watch, "poll a live service's pprof endpoints and say what grows"},
    {"report", cmd_report, "re-analyze a directory written by drip watch"},
    {"config", cmd_config, "print the .drip.yml configuration drip check uses for a directory"},
    {"test", cmd_test, "run go test with a leak check that blames the leaking test"},
    {"parse", cmd_parse, "parse Go files and report syntax errors (-ast dumps the AST)"},
};

static void usage(FILE *f)
{
    fprintf(f, "drip - a fast Go leak finder\n\nusage: drip <command> [arguments]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-12s %s\n", commands[i].name, commands[i].help);
    fprintf(f, "\nrun 'drip <command> --help' for a command's flags and exit statuses.\n");
}

static const Command *find_command(const char *name)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

/* The command closest to a mistyped name: a prefix of it, or at most two
 * edits away (git's "did you mean"). */
static const Command *closest_command(const char *name)
{
    const Command *best = NULL;
    int best_d = 3;
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        const char *c = commands[i].name;
        int d = str_closeness(name, c);
        if (d < best_d) {
            best_d = d;
            best = &commands[i];
        }
    }
    return best;
}

static int unknown_command(const char *name)
{
    fprintf(stderr, "drip: error: unknown command '%s'\n", name);
    const Command *c = closest_command(name);
    if (c)
        fprintf(stderr, "drip: did you mean 'drip %s'?\n", c->name);
    else
        usage(stderr);
    return 2;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *name = argv[1];
    if (strcmp(name, "-h") == 0 || strcmp(name, "--help") == 0 || strcmp(name, "-help") == 0 ||
        strcmp(name, "help") == 0) {
        if (argc < 3) {
            usage(stdout);
            return 0;
        }
        /* drip help CMD: that command's help */
        const Command *c = find_command(argv[2]);
        if (!c)
            return unknown_command(argv[2]);
        char *help_argv[] = {argv[2], "--help", NULL};
        int rc = c->run(2, help_argv);
        return rc == 1 ? 0 : rc; /* --help returns 1 from opt_parse */
    }
    if (strcmp(name, "--version") == 0 || strcmp(name, "-version") == 0 || strcmp(name, "version") == 0) {
        printf("drip %s (commit %s)\n", DRIP_VERSION, DRIP_COMMIT);
        return 0;
    }
    const Command *c = find_command(name);
    if (c)
        return c->run(argc - 1, argv + 1);
    return unknown_command(name);
}
