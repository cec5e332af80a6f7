/* check_config.h - .drip.yml, drip check's configuration file.
 *
 * For each package the nearest .drip.yml at or above its directory is its
 * configuration, as golangci-lint finds its file: the nearest one wins
 * whole, files are not merged. Flags on the command line win over it. */
#ifndef DRIP_CHECK_CONFIG_H
#define DRIP_CHECK_CONFIG_H

#include <stdbool.h>
#include <stdint.h>

#include "../util/array.h"
#include "../util/hashmap.h"

#define CONFIG_MAX_RULES 64

typedef Array(char *) GlobList;

/* rules on or off for the files a paths: entry matches */
typedef struct {
    GlobList match;                  /* globs relative to the file's dir */
    signed char on[CONFIG_MAX_RULES]; /* 1 on, 0 off, -1 unset */
} ConfigPathRule;

typedef struct DripConfig {
    char *path;             /* the .drip.yml; NULL for the default config */
    char *dir;              /* its directory: globs are relative to it */
    bool has_rules;         /* rules: given (else every rule runs) */
    bool rule_on[CONFIG_MAX_RULES];
    int64_t big_array_threshold; /* settings: big-array-param: threshold; 0 unset */
    int tests;              /* 1, 0, or -1 unset (then the flag decides) */
    int generated;          /* likewise */
    GlobList exclude;       /* files never reported */
    Array(ConfigPathRule) paths;
} DripConfig;

typedef struct {
    HashMap by_dir;         /* directory -> DripConfig * of its nearest file */
    HashMap by_file;        /* .drip.yml path -> DripConfig * (owned) */
    DripConfig none;        /* for directories without a file */
    int nerrors;            /* files that could not be read (printed) */
} ConfigSet;

void config_set_init(ConfigSet *cs);
void config_set_free(ConfigSet *cs);
/* The configuration of the package in dir (the default one when no file
 * is found); a broken file is reported once and counted in nerrors. */
const DripConfig *config_for_dir(ConfigSet *cs, const char *dir);
/* Whether rule (an index into rule_all) is reported in file path (as
 * shown in findings) under c. */
bool config_rule_on(const DripConfig *c, int rule, const char *path);
/* Whether c leaves path out (exclude:). */
bool config_excludes(const DripConfig *c, const char *path);
/* The configuration read from one file, for tests and drip config; NULL
 * (error printed) when it is not valid. */
DripConfig *config_read(const char *path);
void config_free(DripConfig *c);

#endif
