/* pprof.h - the profile.proto model, decoded into one arena.
 *
 * pprof_decode.c reads the protobuf form (gzip or raw), pprof_legacy.c the
 * legacy text heap form ("heap profile: ..."), pprof_model.c holds helpers
 * shared by both and by the analyses (sample-type lookup, frames, user
 * code). Every string and record lives in Profile.arena; pprof_free frees
 * them all at once. */
#ifndef DRIP_PPROF_H
#define DRIP_PPROF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../util/arena.h"

typedef struct {
    const char *type; /* e.g. "inuse_space" */
    const char *unit; /* e.g. "bytes" */
} PprofValueType;

typedef struct {
    uint64_t id;
    const char *name;        /* e.g. "main.(*Server).handle" */
    const char *system_name;
    const char *filename;    /* e.g. "/src/app/server.go" */
    int64_t start_line;
} PprofFunction;

typedef struct {
    const PprofFunction *function; /* never NULL once decoded */
    int64_t line;
    int64_t column;
} PprofLine;

typedef struct {
    uint64_t id;
    uint64_t memory_start, memory_limit, file_offset;
    const char *filename;
    const char *build_id;
    bool has_functions, has_filenames, has_line_numbers, has_inline_frames;
} PprofMapping;

typedef struct {
    uint64_t id;
    const PprofMapping *mapping; /* NULL when mapping_id is 0 */
    uint64_t address;
    PprofLine *lines;            /* lines[0] is the innermost inlined call */
    uint32_t nlines;
    bool is_folded;
} PprofLocation;

typedef struct {
    const char *key;
    const char *str;      /* NULL for a numeric label */
    int64_t num;
    const char *num_unit;
} PprofLabel;

typedef struct {
    const PprofLocation **locs; /* locs[0] is the leaf */
    int64_t *values;            /* one per sample type */
    PprofLabel *labels;
    uint32_t nlocs;
    uint32_t nlabels;
} PprofSample;

typedef struct {
    Arena arena;
    PprofValueType *sample_types;
    size_t n_sample_types;
    PprofSample *samples;
    size_t nsamples;
    PprofLocation *locations;
    size_t nlocations;
    PprofFunction *functions;
    size_t nfunctions;
    PprofMapping *mappings;
    size_t nmappings;
    const char **strings;     /* the string table; strings[0] == "" */
    size_t nstrings;
    const char **comments;
    size_t ncomments;
    const char *drop_frames, *keep_frames;
    int64_t time_nanos;       /* 0 when unknown */
    int64_t duration_nanos;
    PprofValueType period_type;
    int64_t period;
    const char *default_sample_type; /* NULL when not set */
    bool legacy;              /* read from the legacy text heap format */
    const char *warning;      /* first line skipped while reading, or NULL */
    size_t nwarnings;         /* how many lines were skipped */
    const char *partial;      /* why only part of the input was read (cut short, corrupt), or NULL */
} Profile;

/* Decodes a profile from memory: gzip or raw protobuf, or the legacy text
 * heap format. Returns NULL with a lower-case reason in err (naming the
 * byte offset or line) when the input is not a valid profile. Input that is
 * cut short or corrupt but whose first part decodes gives that part, with
 * Profile.partial saying why. */
Profile *pprof_parse(const void *data, size_t len, char *err, size_t errlen);

/* pprof_parse on a regular file ("-" is stdin). */
Profile *pprof_load(const char *path, char *err, size_t errlen);
/* The same with file_read_ex's flags (FILE_STREAM, FILE_NOFOLLOW). */
Profile *pprof_load_ex(const char *path, int flags, char *err, size_t errlen);

void pprof_free(Profile *p);

/* Protobuf form only (data already inflated); used by pprof_parse. */
Profile *pprof_decode_proto(const unsigned char *data, size_t len, char *err, size_t errlen);
/* Legacy text heap form only; used by pprof_parse. */
Profile *pprof_decode_legacy_heap(const char *text, size_t len, char *err, size_t errlen);
bool pprof_is_legacy_heap(const char *text, size_t len);

/* Index of the sample type named type, or -1. */
int pprof_sample_index(const Profile *p, const char *type);
/* The sample type shown by default: default_sample_type when set, else
 * the last one (pprof's rule). -1 when there is none. */
int pprof_default_index(const Profile *p);

/* Code classification. The standard library is recognized by the file path
 * (under the GOROOT seen in runtime.* frames) or, without one, by the Go
 * rule that a standard import path has no dot in its first element. */
typedef struct {
    const char *goroot_src; /* e.g. "/usr/lib/go-1.19/src/", or NULL */
    size_t goroot_len;
} PprofCode;

void pprof_code_init(PprofCode *c, const Profile *p);
/* The import path part of a Go function name, as a length into name:
 * "github.com/a/b.(*T).M" -> "github.com/a/b", "main.f.func1" -> "main". */
size_t pprof_func_pkg_len(const char *name);
bool pprof_is_user_func(const PprofCode *c, const PprofFunction *f);

/* A frame of a sample, leaf first, across inlined lines. */
typedef struct {
    const PprofFunction *function;
    int64_t line;
} PprofFrame;

/* Fills at most max frames of s, leaf first; returns the total count. */
size_t pprof_sample_frames(const PprofSample *s, PprofFrame *out, size_t max);

/* The first user-code frame of s (leaf first), or the leaf when no frame
 * is user code; false when the sample has no frame at all. */
bool pprof_site(const PprofCode *c, const PprofSample *s, PprofFrame *out);

#endif
