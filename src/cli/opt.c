/* opt.c - table-driven option parsing for subcommands. */
#include "opt.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/util.h"

static void print_exit_status(const OptSpec *spec)
{
    if (!spec->exit_status)
        return;
    printf("\nExit status:\n");
    for (const char *p = spec->exit_status; *p;) {
        const char *nl = strchr(p, '\n');
        int n = nl ? (int)(nl - p) : (int)strlen(p);
        printf("  %.*s\n", n, p);
        p += n + (nl != NULL);
    }
}

void opt_print_help(const OptSpec *spec)
{
    printf("usage: %s\n\n%s\n", spec->usage, spec->summary);
    if (!spec->opts || !spec->opts[0].name) {
        print_exit_status(spec);
        return;
    }
    printf("\nflags:\n");
    for (const Opt *o = spec->opts; o->name; o++) {
        char left[64];
        int n = 0;
        if (o->short_name)
            n = snprintf(left, sizeof left, "-%c, --%s", o->short_name, o->name);
        else
            n = snprintf(left, sizeof left, "    --%s", o->name);
        if (o->kind != OPT_FLAG && n > 0 && (size_t)n < sizeof left)
            snprintf(left + n, sizeof left - (size_t)n, " %s", o->arg ? o->arg : "VALUE");
        printf("  %-28s %s\n", left, o->help);
    }
    print_exit_status(spec);
}

static const Opt *find_long(const OptSpec *spec, const char *name, size_t len)
{
    for (const Opt *o = spec->opts; o && o->name; o++)
        if (strlen(o->name) == len && memcmp(o->name, name, len) == 0)
            return o;
    return NULL;
}

static const Opt *find_short(const OptSpec *spec, char c)
{
    for (const Opt *o = spec->opts; o && o->name; o++)
        if (o->short_name == c)
            return o;
    return NULL;
}

static int set_value(const OptSpec *spec, const Opt *o, const char *val)
{
    switch (o->kind) {
    case OPT_FLAG:
        *(bool *)o->dest = true;
        return 0;
    case OPT_STRING:
        *(const char **)o->dest = val;
        return 0;
    case OPT_INT: {
        char *end;
        errno = 0;
        long v = strtol(val, &end, 10);
        if (errno || end == val || *end) {
            fprintf(stderr, "drip %s: invalid value '%s' for --%s: want an integer\n", spec->name, val, o->name);
            return 2;
        }
        *(long *)o->dest = v;
        return 0;
    }
    case OPT_LIST: {
        OptList *l = o->dest;
        l->items = xrealloc(l->items, sizeof(char *) * (size_t)(l->len + 1));
        l->items[l->len++] = val;
        return 0;
    }
    }
    return 0;
}

int opt_parse(const OptSpec *spec, int argc, char **argv, char ***rest, int *nrest)
{
    char **pos = xcalloc((size_t)argc + 1, sizeof(char *));
    int np = 0;
    bool only_pos = false;
    for (int i = 1; i < argc; i++) {
        char *a = argv[i];
        if (only_pos || a[0] != '-' || a[1] == 0) {
            pos[np++] = a;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_pos = true;
            continue;
        }
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0 || strcmp(a, "-help") == 0) {
            opt_print_help(spec);
            free(pos);
            return 1;
        }
        const Opt *o = NULL;
        const char *val = NULL;
        const char *name = a + (a[1] == '-' ? 2 : 1);
        const char *eq = strchr(name, '=');
        size_t nlen = eq ? (size_t)(eq - name) : strlen(name);
        o = find_long(spec, name, nlen);
        if (!o && a[1] != '-' && nlen >= 1) {
            /* -cN or -c N style short option */
            o = find_short(spec, name[0]);
            /* a value stuck to a short flag: -c2 or -c=2, never -checks
             * read as -c hecks */
            bool stuck = name[1] == '=' || (name[1] >= '0' && name[1] <= '9');
            if (o && o->kind != OPT_FLAG && name[1] && stuck) {
                val = name[1] == '=' ? name + 2 : name + 1;
                eq = NULL;
            } else if (o && name[1]) {
                o = NULL;
            }
        }
        if (!o) {
            fprintf(stderr, "drip %s: unknown flag '%s'\n", spec->name, a);
            char typed[64];
            snprintf(typed, sizeof typed, "%.*s", (int)(nlen < 63 ? nlen : 63), name);
            const Opt *near = NULL;
            int best = 3;
            for (const Opt *c = spec->opts; c && c->name; c++) {
                int d = str_closeness(typed, c->name);
                if (d < best) {
                    best = d;
                    near = c;
                }
            }
            if (near)
                fprintf(stderr, "did you mean '--%s'?\n", near->name);
            fprintf(stderr, "run 'drip %s --help' for usage\n", spec->name);
            free(pos);
            return 2;
        }
        if (eq)
            val = eq + 1;
        if (o->kind == OPT_FLAG) {
            if (val && strcmp(val, "true") != 0 && strcmp(val, "1") != 0) {
                if (strcmp(val, "false") == 0 || strcmp(val, "0") == 0) {
                    *(bool *)o->dest = false;
                    continue;
                }
                fprintf(stderr, "drip %s: flag --%s takes no value\n", spec->name, o->name);
                free(pos);
                return 2;
            }
        } else if (!val) {
            if (i + 1 >= argc) {
                fprintf(stderr, "drip %s: flag --%s needs a value (%s)\n", spec->name, o->name, o->arg ? o->arg : "VALUE");
                free(pos);
                return 2;
            }
            val = argv[++i];
        }
        int rc = set_value(spec, o, val);
        if (rc) {
            free(pos);
            return rc;
        }
    }
    *rest = pos;
    *nrest = np;
    return 0;
}

void opt_list_free(OptList *l)
{
    free(l->items);
    l->items = NULL;
    l->len = 0;
}
