/* opt.h - one option table per subcommand drives both parsing and --help,
 * so the two cannot drift apart. */
#ifndef DRIP_OPT_H
#define DRIP_OPT_H

#include <stdbool.h>

typedef enum {
    OPT_FLAG,   /* bool *: set to true */
    OPT_STRING, /* const char **: last value wins */
    OPT_INT,    /* long *: decimal integer */
    OPT_LIST,   /* OptList *: every occurrence appended */
} OptKind;

typedef struct {
    const char **items;
    int len;
} OptList;

typedef struct {
    const char *name;  /* long name without dashes, e.g. "format" */
    char short_name;   /* e.g. 'c', or 0 */
    OptKind kind;
    void *dest;
    const char *arg;   /* placeholder shown in help, e.g. "FMT" */
    const char *help;  /* one line */
} Opt;

typedef struct {
    const char *name;     /* subcommand name, e.g. "check" */
    const char *usage;    /* e.g. "drip check [flags] [packages]" */
    const char *summary;  /* one paragraph shown by --help */
    const Opt *opts;      /* terminated by an entry with name == NULL */
    const char *exit_status; /* "0  meaning\n1  meaning..." shown under
                                "Exit status:" after the flags */
} OptSpec;

/* Parses argv[1..argc). Options and positional arguments may mix; "--" ends
 * options. Both "--name value" and "--name=value" (and single-dash long
 * names, as the go tools accept) work. On success returns 0 and fills
 * *rest / *nrest with the positional arguments (pointing into argv).
 * Prints help and returns 1 for -h/--help; prints a usage error naming the
 * option and returns 2 on bad input. Free *rest with free(). */
int opt_parse(const OptSpec *spec, int argc, char **argv, char ***rest, int *nrest);
void opt_print_help(const OptSpec *spec);
void opt_list_free(OptList *l);

#endif
