/* check_config.c - reads .drip.yml with libyaml and answers which rules
 * report where. Every key is known: an unknown one is an error naming the
 * file and line, so a typo never switches a setting off unseen.
 *
 *     rules:                  # which rules run (default: all)
 *       enable: [lock-order, mutex-not-unlocked]   # only these
 *       disable: [ticker-leak]                     # all but these
 *     settings:
 *       big-array-param: {threshold: 131072}
 *     tests: false            # findings in _test.go files
 *     generated: false        # findings in generated files
 *     exclude: ["*.pb.go"]    # globs; "dir" then slash and two stars: a subtree
 *     paths:
 *       - match: ["*_legacy.go"]
 *         disable: [defer-in-loop]
 */
#include "check_config.h"

#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

#include "../rules/rule.h"
#include "../util/util.h"

typedef struct {
    const char *path;
    yaml_document_t *doc;
    bool ok;
} Reader;

static void bad(Reader *r, const yaml_node_t *n, const char *fmt, const char *a, const char *b) PRINTF(3, 0);
static void bad(Reader *r, const yaml_node_t *n, const char *fmt, const char *a, const char *b)
{
    char msg[512];
    snprintf(msg, sizeof msg, fmt, a, b);
    error_msg("%s:%lu: %s", r->path, n ? (unsigned long)n->start_mark.line + 1 : 1ul, msg);
    r->ok = false;
}

static const char *scalar(Reader *r, const yaml_node_t *n, const char *what)
{
    if (!n || n->type != YAML_SCALAR_NODE) {
        bad(r, n, "%s: want a single value%s", what, "");
        return NULL;
    }
    return (const char *)n->data.scalar.value;
}

static int boolean(Reader *r, const yaml_node_t *n, const char *what)
{
    const char *v = scalar(r, n, what);
    if (!v)
        return -1;
    if (strcmp(v, "true") == 0 || strcmp(v, "yes") == 0 || strcmp(v, "on") == 0)
        return 1;
    if (strcmp(v, "false") == 0 || strcmp(v, "no") == 0 || strcmp(v, "off") == 0)
        return 0;
    bad(r, n, "%s: want true or false, not '%s'", what, v);
    return -1;
}

/* The items of a sequence (or one scalar) as strings, through fn. */
static void each_string(Reader *r, const yaml_node_t *n, const char *what, void (*fn)(Reader *, const yaml_node_t *, const char *, void *), void *ctx)
{
    if (n && n->type == YAML_SCALAR_NODE) {
        fn(r, n, (const char *)n->data.scalar.value, ctx);
        return;
    }
    if (!n || n->type != YAML_SEQUENCE_NODE) {
        bad(r, n, "%s: want a list%s", what, "");
        return;
    }
    for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
        const yaml_node_t *item = yaml_document_get_node(r->doc, *it);
        const char *v = scalar(r, item, what);
        if (v)
            fn(r, item, v, ctx);
    }
}

static int rule_index(Reader *r, const yaml_node_t *n, const char *name)
{
    for (int i = 0; i < rule_count; i++)
        if (strcmp(rule_all[i]->name, name) == 0)
            return i;
    const Rule *near = rule_closest(name);
    if (near)
        bad(r, n, "unknown rule '%s': did you mean '%s'?", name, near->name);
    else
        bad(r, n, "unknown rule '%s'%s", name, "");
    return -1;
}

typedef struct {
    signed char *on;
    signed char value;
} RuleSet;

static void set_rule(Reader *r, const yaml_node_t *n, const char *name, void *ctx)
{
    RuleSet *rs = ctx;
    int i = rule_index(r, n, name);
    if (i >= 0)
        rs->on[i] = rs->value;
}

static void add_glob(Reader *r, const yaml_node_t *n, const char *glob, void *ctx)
{
    (void)r;
    (void)n;
    array_push((GlobList *)ctx, xstrdup(glob));
}

/* Walks a mapping: fn gets each key and value node; unknown keys are
 * reported by fn through want (the known keys, for the message). */
typedef bool (*KeyFn)(Reader *r, const char *key, const yaml_node_t *value, void *ctx);

static void each_key(Reader *r, const yaml_node_t *n, const char *where, const char *want, KeyFn fn, void *ctx)
{
    if (!n || n->type != YAML_MAPPING_NODE) {
        bad(r, n, "%s: want keys and values%s", where, "");
        return;
    }
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
        const yaml_node_t *k = yaml_document_get_node(r->doc, p->key);
        const yaml_node_t *v = yaml_document_get_node(r->doc, p->value);
        const char *key = scalar(r, k, where);
        if (!key)
            continue;
        if (!fn(r, key, v, ctx)) {
            char w[256];
            snprintf(w, sizeof w, "%s: want %s", where, want);
            bad(r, k, "unknown key '%s' in %s", key, w);
        }
    }
}

/* rules: / a paths: entry: enable and disable lists into on[]. With only
 * enable, every other rule is off. */
typedef struct {
    signed char *on;
    bool exclusive;      /* enable: means only these (top-level rules:) */
    bool saw_enable;
} RulesCtx;

static bool rules_key(Reader *r, const char *key, const yaml_node_t *v, void *ctx)
{
    RulesCtx *rc = ctx;
    if (strcmp(key, "enable") == 0) {
        if (rc->exclusive && !rc->saw_enable)
            for (int i = 0; i < rule_count; i++)
                if (rc->on[i] == 1)
                    rc->on[i] = 0;
        rc->saw_enable = true;
        RuleSet rs = {rc->on, 1};
        each_string(r, v, "enable", set_rule, &rs);
        return true;
    }
    if (strcmp(key, "disable") == 0) {
        RuleSet rs = {rc->on, 0};
        each_string(r, v, "disable", set_rule, &rs);
        return true;
    }
    return false;
}

static bool big_array_key(Reader *r, const char *key, const yaml_node_t *v, void *ctx)
{
    DripConfig *c = ctx;
    if (strcmp(key, "threshold") != 0)
        return false;
    const char *s = scalar(r, v, "threshold");
    char *end;
    errno = 0;
    long long t = s ? strtoll(s, &end, 10) : 0;
    if (s && (errno || end == s || *end || t <= 0))
        bad(r, v, "threshold: want a positive number of bytes, not '%s'%s", s, "");
    else if (s)
        c->big_array_threshold = t;
    return true;
}

static bool settings_key(Reader *r, const char *key, const yaml_node_t *v, void *ctx)
{
    if (strcmp(key, "big-array-param") == 0) {
        each_key(r, v, "settings: big-array-param", "threshold", big_array_key, ctx);
        return true;
    }
    return false;
}

static bool path_key(Reader *r, const char *key, const yaml_node_t *v, void *ctx)
{
    ConfigPathRule *pr = ctx;
    if (strcmp(key, "match") == 0) {
        each_string(r, v, "match", add_glob, &pr->match);
        return true;
    }
    RulesCtx rc = {pr->on, false, false};
    return rules_key(r, key, v, &rc);
}

static bool top_key(Reader *r, const char *key, const yaml_node_t *v, void *ctx)
{
    DripConfig *c = ctx;
    if (strcmp(key, "version") == 0) {
        const char *s = scalar(r, v, "version");
        if (s && strcmp(s, "1") != 0)
            bad(r, v, "version: want 1, not '%s'%s", s, "");
        return true;
    }
    if (strcmp(key, "rules") == 0) {
        signed char on[CONFIG_MAX_RULES];
        for (int i = 0; i < rule_count; i++)
            on[i] = 1;
        RulesCtx rc = {on, true, false};
        each_key(r, v, "rules", "enable or disable", rules_key, &rc);
        c->has_rules = true;
        for (int i = 0; i < rule_count; i++)
            c->rule_on[i] = on[i] == 1;
        return true;
    }
    if (strcmp(key, "settings") == 0) {
        each_key(r, v, "settings", "big-array-param", settings_key, c);
        return true;
    }
    if (strcmp(key, "tests") == 0) {
        c->tests = boolean(r, v, "tests");
        return true;
    }
    if (strcmp(key, "generated") == 0) {
        c->generated = boolean(r, v, "generated");
        return true;
    }
    if (strcmp(key, "exclude") == 0) {
        each_string(r, v, "exclude", add_glob, &c->exclude);
        return true;
    }
    if (strcmp(key, "paths") == 0) {
        if (!v || v->type != YAML_SEQUENCE_NODE) {
            bad(r, v, "paths: want a list of entries with match and enable or disable%s%s", "", "");
            return true;
        }
        for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
            const yaml_node_t *e = yaml_document_get_node(r->doc, *it);
            ConfigPathRule pr = {{0}, {0}};
            memset(pr.on, -1, sizeof pr.on);
            each_key(r, e, "paths", "match, enable or disable", path_key, &pr);
            if (!pr.match.len)
                bad(r, e, "paths: an entry without match%s%s", "", "");
            array_push(&c->paths, pr);
        }
        return true;
    }
    return false;
}

DripConfig *config_read(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        error_msg("cannot open '%s': %s", path, strerror(errno));
        return NULL;
    }
    yaml_parser_t parser;
    yaml_document_t doc;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_file(&parser, f);
    if (!yaml_parser_load(&parser, &doc)) {
        error_msg("%s:%lu:%lu: %s", path, (unsigned long)parser.problem_mark.line + 1,
                  (unsigned long)parser.problem_mark.column + 1, parser.problem ? parser.problem : "bad YAML");
        yaml_parser_delete(&parser);
        fclose(f);
        return NULL;
    }
    DripConfig *c = xcalloc(1, sizeof *c);
    c->path = xstrdup(path);
    const char *slash = strrchr(path, '/');
    c->dir = slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
    if (!*c->dir) {
        free(c->dir);
        c->dir = xstrdup("/");
    }
    c->tests = c->generated = -1;
    Reader r = {path, &doc, true};
    const yaml_node_t *root = yaml_document_get_root_node(&doc);
    if (root && !(root->type == YAML_SCALAR_NODE && !root->data.scalar.length))
        each_key(&r, root, "the top level", "version, rules, settings, tests, generated, exclude or paths", top_key, c);
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    fclose(f);
    if (!r.ok) {
        config_free(c);
        return NULL;
    }
    return c;
}

static void globs_free(GlobList *g)
{
    for (size_t i = 0; i < g->len; i++)
        free(g->items[i]);
    array_free(g);
}

void config_free(DripConfig *c)
{
    if (!c)
        return;
    free(c->path);
    free(c->dir);
    globs_free(&c->exclude);
    for (size_t i = 0; i < c->paths.len; i++)
        globs_free(&c->paths.items[i].match);
    array_free(&c->paths);
    free(c);
}

void config_set_init(ConfigSet *cs)
{
    memset(cs, 0, sizeof *cs);
    hashmap_init(&cs->by_dir);
    hashmap_init(&cs->by_file);
    cs->none.tests = cs->none.generated = -1;
}

void config_set_free(ConfigSet *cs)
{
    for (size_t i = 0; i < cs->by_file.cap; i++)
        if (cs->by_file.slots[i].key) {
            free((char *)cs->by_file.slots[i].key);
            if (cs->by_file.slots[i].value != &cs->none)
                config_free(cs->by_file.slots[i].value);
        }
    for (size_t i = 0; i < cs->by_dir.cap; i++)
        if (cs->by_dir.slots[i].key)
            free((char *)cs->by_dir.slots[i].key);
    hashmap_free(&cs->by_file);
    hashmap_free(&cs->by_dir);
}

/* The configuration in file, read once; a broken file reads as none. */
static const DripConfig *load_file(ConfigSet *cs, const char *file)
{
    void *hit = hashmap_get(&cs->by_file, file, strlen(file));
    if (hit)
        return hit;
    DripConfig *c = config_read(file);
    if (!c)
        cs->nerrors++;
    const DripConfig *v = c ? c : &cs->none;
    hashmap_set(&cs->by_file, xstrdup(file), strlen(file), (void *)v);
    return v;
}

const DripConfig *config_for_dir(ConfigSet *cs, const char *dir)
{
    void *hit = hashmap_get(&cs->by_dir, dir, strlen(dir));
    if (hit)
        return hit;
    char abs[PATH_MAX];
    const DripConfig *c = &cs->none;
    if (realpath(dir, abs)) {
        size_t n = strlen(abs);
        for (;;) {
            char probe[PATH_MAX + 16];
            snprintf(probe, sizeof probe, "%.*s/.drip.yml", (int)n, abs);
            struct stat st;
            if (stat(probe, &st) == 0 && S_ISREG(st.st_mode)) {
                c = load_file(cs, probe);
                break;
            }
            if (n == 0)
                break;
            while (n > 0 && abs[n - 1] != '/')
                n--;
            if (n > 0)
                n--; /* drop the slash; n == 0 probes "/.drip.yml" */
        }
    }
    hashmap_set(&cs->by_dir, xstrdup(dir), strlen(dir), (void *)c);
    return c;
}

/* path relative to the configuration's directory ("" when outside it). */
static const char *relative(const DripConfig *c, const char *path, char *buf, size_t cap)
{
    char abs[PATH_MAX];
    if (!c->dir || !realpath(path, abs))
        return "";
    char dir[PATH_MAX];
    if (!realpath(c->dir, dir))
        return "";
    size_t n = strlen(dir);
    if (strncmp(abs, dir, n) != 0 || (abs[n] != '/' && strcmp(dir, "/") != 0))
        return "";
    snprintf(buf, cap, "%s", abs + n + (strcmp(dir, "/") != 0));
    return buf;
}

/* A glob: "dir" followed by a slash and two stars matches everything
 * below dir; a pattern without '/' matches the file name in any directory; others match the whole
 * relative path, '*' not crossing '/'. */
static bool glob_match(const char *glob, const char *rel)
{
    size_t n = strlen(glob);
    if (n >= 3 && strcmp(glob + n - 3, "/**") == 0)
        return strncmp(rel, glob, n - 2) == 0;
    if (!strchr(glob, '/')) {
        const char *base = strrchr(rel, '/');
        return fnmatch(glob, base ? base + 1 : rel, 0) == 0;
    }
    return fnmatch(glob, rel, FNM_PATHNAME) == 0;
}

static bool any_glob(const GlobList *g, const char *rel)
{
    for (size_t i = 0; i < g->len; i++)
        if (glob_match(g->items[i], rel))
            return true;
    return false;
}

bool config_excludes(const DripConfig *c, const char *path)
{
    if (!c->exclude.len)
        return false;
    char buf[PATH_MAX];
    const char *rel = relative(c, path, buf, sizeof buf);
    return *rel && any_glob(&c->exclude, rel);
}

bool config_rule_on(const DripConfig *c, int rule, const char *path)
{
    bool on = !c->has_rules || c->rule_on[rule];
    if (!c->paths.len)
        return on;
    char buf[PATH_MAX];
    const char *rel = relative(c, path, buf, sizeof buf);
    if (!*rel)
        return on;
    /* later entries win, as later lines of a file do */
    for (size_t i = 0; i < c->paths.len; i++)
        if (c->paths.items[i].on[rule] >= 0 && any_glob(&c->paths.items[i].match, rel))
            on = c->paths.items[i].on[rule] == 1;
    return on;
}
