/* catalogue.h - the one catalogue of leak kinds.
 *
 * Every category that drip check, goroutines, heap, watch, report and test
 * print is a name of this catalogue, and drip explain documents each:
 *
 *   - the drip check rules (rule_all), whose names the runtime categories
 *     take when a rule finds the same leak in the source (a goroutine
 *     blocked on a send nobody receives is "abandoned-channel" in a dump
 *     and in the source);
 *   - runtime-only kinds, which no rule finds in the source
 *     ("iter-pull-not-stopped", "unbounded-map", ...), documented here.
 *
 * The runtime categories themselves live with their classifiers
 * (seed_table in src/dump/classify.c, category_names in
 * src/pprof/pprof_top.c); catalogue_runtime_names lists them from there. */
#ifndef DRIP_CATALOGUE_H
#define DRIP_CATALOGUE_H

#include <stddef.h>

#include "rule.h"

/* A leak kind that only the runtime commands see. */
typedef struct {
    const char *name;     /* kebab-case, like a rule name */
    const char *title;    /* one line, lower-case */
    const char *doc;      /* what, why it leaks, leaky and fixed examples,
                             the fix: paragraphs, examples indented by four */
    const char *commands; /* which commands print it */
} RuntimeKind;

extern const RuntimeKind runtime_kinds[];
extern const size_t runtime_kind_count;

/* The runtime-only kind of that name, or NULL. */
const RuntimeKind *runtime_kind_find(const char *name);

/* The current name for name: itself, or the new name of a category that
 * drip 0.1 printed under another ("send-no-receiver" is now
 * "abandoned-channel", heap's "subslice retention" "subslice-retention").
 * NULL for a name the catalogue does not know. */
const char *catalogue_canonical(const char *name);

/* Every category a runtime command can print, from the classifiers' own
 * tables: the goroutine categories (drip goroutines, watch, report, test),
 * the heap categories (drip heap, watch, report) and the kinds of
 * runtime_kinds. Writes up to cap names to out, returns how many there
 * are (duplicates removed). */
size_t catalogue_runtime_names(const char **out, size_t cap);

/* One way a runtime command shows the leak kind name: which commands, the
 * category's title and its usual fix. */
typedef struct {
    const char *commands;
    const char *title;
    const char *fix;
} RuntimeSighting;

/* The runtime categories named name; returns how many (up to cap in out). */
size_t catalogue_sightings(const char *name, RuntimeSighting *out, size_t cap);

/* The drip check rules besides the one of that name that find this
 * runtime category in the source ("chan-partner" for "abandoned-channel"),
 * or NULL. */
const char *catalogue_also_rules(const char *name);

/* One leak kind of the seed document (the Go memory-leak catalogue drip
 * started from, in Chinese): its section, an English gloss, the drip check
 * rules that find it and the runtime category that shows it (NULL when no
 * runtime command can tell it). */
typedef struct {
    const char *section;
    const char *gloss;
    const char *rules;
    const char *runtime;
} SeedKind;

extern const SeedKind seed_kinds[];
extern const size_t seed_kind_count;

#endif
