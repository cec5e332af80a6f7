/* main.c - drip's entry point: dispatches to a subcommand. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"

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
    {"test", cmd_test, "run go test with a leak check that blames the leaking test"},
    {"parse", cmd_parse, "parse Go files and report syntax errors (-ast dumps the AST)"},
};

static void usage(FILE *f)
{
    fprintf(f, "drip - a fast Go leak finder\n\nusage: drip <command> [arguments]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-12s %s\n", commands[i].name, commands[i].help);
    fprintf(f, "\nrun 'drip <command> --help' for a command's flags.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *name = argv[1];
    if (strcmp(name, "-h") == 0 || strcmp(name, "--help") == 0 || strcmp(name, "help") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(name, "--version") == 0 || strcmp(name, "version") == 0) {
        printf("drip %s\n", DRIP_VERSION);
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(commands[i].name, name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "drip: error: unknown command '%s'\n", name);
    usage(stderr);
    return 2;
}
