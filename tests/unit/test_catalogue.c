/* test_catalogue.c - every category a runtime command can print is a leak
 * kind drip explain documents. The categories come from the classifiers'
 * own tables (seed_table through seed_leak_id, the heap categories through
 * pprof_category_name, drip test's blame_rule over every classification),
 * not from a list written here. */
#include <stdio.h>
#include <string.h>

#include "dump/classify.h"
#include "pprof/pprof_top.h"
#include "rules/catalogue.h"
#include "rules/rule.h"
#include "test/test.h"

static int failures;

#define EXPECT(name, cond)                                                \
    do {                                                                  \
        if (cond)                                                         \
            printf("PASS %s\n", name);                                    \
        else {                                                            \
            printf("FAIL %s: %s (line %d)\n", name, #cond, __LINE__);     \
            failures++;                                                   \
        }                                                                 \
    } while (0)

/* Known to drip explain: a rule, or a runtime-only kind with its docs, and
 * catalogue_canonical keeps the name as it is. */
static bool documented(const char *name)
{
    const char *c = catalogue_canonical(name);
    if (!c || strcmp(c, name) != 0)
        return false;
    const RuntimeKind *k = runtime_kind_find(name);
    return rule_find(name) || (k && k->doc[0] && k->title[0]);
}

static void check(const char *what, const char *name)
{
    char label[160];
    snprintf(label, sizeof label, "catalogue/%s/%s", what, name);
    bool ok = documented(name);
    EXPECT(label, ok);
    if (!ok)
        printf("    '%s' is printed by a runtime command but unknown to drip explain\n", name);
}

int main(void)
{
    int n = 0;
    for (int s = SEED_NONE + 1; s < SEED__COUNT; s++, n++)
        check("goroutines", seed_leak_id((SeedLeak)s));
    for (int c = CAT_NONE + 1; c < CAT_COUNT_; c++, n++)
        check("heap", pprof_category_name((TopCategory)c));
    /* drip test names a category through blame_rule: every block kind,
     * with and without each seed */
    for (int k = 0; k < BLOCK__COUNT; k++)
        for (int s = SEED_NONE; s < SEED__COUNT; s++) {
            Classification cls = {(BlockKind)k, s != SEED_NONE, false, (SeedLeak)s, 0};
            const char *r = blame_rule(&cls);
            if (*r && !documented(r)) {
                check("test", r);
                n++;
            }
        }
    EXPECT("catalogue/counted", n >= SEED__COUNT - 1 + CAT_COUNT_ - 1);

    /* catalogue_runtime_names lists the same names, each once */
    const char *names[64];
    size_t nn = catalogue_runtime_names(names, 64);
    EXPECT("catalogue/runtime-names-fit", nn <= 64);
    bool all = true, unique = true;
    for (size_t i = 0; i < nn && i < 64; i++) {
        all &= documented(names[i]);
        for (size_t j = 0; j < i; j++)
            unique &= strcmp(names[i], names[j]) != 0;
    }
    EXPECT("catalogue/runtime-names-documented", all);
    EXPECT("catalogue/runtime-names-unique", unique);

    /* every category is named after the rule that finds it when one does */
    EXPECT("catalogue/ticker-is-rule", rule_find(seed_leak_id(SEED_TICKER)) != NULL);
    EXPECT("catalogue/waitgroup-is-rule", rule_find(seed_leak_id(SEED_WAITGROUP)) != NULL);
    EXPECT("catalogue/subslice-is-rule", rule_find(pprof_category_name(CAT_SUBSLICE)) != NULL);

    /* drip 0.1's names map to the new ones */
    const char *c = catalogue_canonical("send-no-receiver");
    EXPECT("catalogue/old-send", c && strcmp(c, "abandoned-channel") == 0);
    c = catalogue_canonical("ticker-not-stopped");
    EXPECT("catalogue/old-ticker", c && strcmp(c, "ticker-leak") == 0);
    c = catalogue_canonical("subslice retention");
    EXPECT("catalogue/old-heap", c && strcmp(c, "subslice-retention") == 0);
    EXPECT("catalogue/old-find", seed_leak_find("select-no-exit") == SEED_SELECT_NO_EXIT);
    EXPECT("catalogue/unknown", catalogue_canonical("no-such-kind") == NULL && catalogue_canonical("") == NULL &&
                                    catalogue_canonical(NULL) == NULL);

    /* the seed document's table names only known kinds */
    bool seed_ok = true;
    for (size_t i = 0; i < seed_kind_count; i++) {
        for (int col = 0; col < 2; col++) {
            const char *p = col ? seed_kinds[i].runtime : seed_kinds[i].rules;
            while (p && *p) {
                size_t len = strcspn(p, ",");
                char buf[64];
                snprintf(buf, sizeof buf, "%.*s", (int)len, p);
                bool ok = col ? documented(buf) && catalogue_sightings(buf, NULL, 0) > 0
                              : rule_find(buf) != NULL;
                if (!ok) {
                    printf("    seed table names '%s'\n", buf);
                    seed_ok = false;
                }
                p += len;
                while (*p == ',' || *p == ' ')
                    p++;
            }
        }
    }
    EXPECT("catalogue/seed-table", seed_ok && seed_kind_count >= 10);
    return failures ? 1 : 0;
}
