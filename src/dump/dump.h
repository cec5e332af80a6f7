/* dump.h - goroutine dumps: streaming reader, stack groups, analysis.
 *
 * A dump (debug=2 or runtime.Stack text, SIGQUIT/panic output, debug=1
 * aggregated profile, of /debug/pprof/goroutine or goroutineleak; plain or
 * gzip) is read line by line; a proto goroutine or goroutineleak profile
 * (debug=0) is decoded whole and its samples read as debug=1 records. Each goroutine's
 * stack is interned: goroutines with the same wait reason, frames and
 * creation site share one DumpGroup that keeps their count, wait minutes
 * and a sample of ids, so memory grows with distinct stacks only.
 *
 *   dump_reader.c   lines -> goroutine records, errors by line
 *   dump_proto.c    proto profile samples -> goroutine records
 *   dump_labels.c   pprof label sets: parsed, looked up, shown
 *   dump_group.c    interning of stacks into groups
 *   dump_syntax.c   what the syntax of a frame's line says, when the files
 *                   are at hand (drip's front end)
 *   dump_explain.c  why each suspect is stuck, from the packages its frames
 *                   are in (front end, analysis layer, rules)
 *   dump_analyze.c  classification, lock-order, suspects ranked by site
 *   dump_diff.c     groups matched across snapshots, growth
 */
#ifndef DRIP_DUMP_H
#define DRIP_DUMP_H

#include <stdbool.h>
#include <stdint.h>

#include "../util/arena.h"
#include "../util/array.h"
#include "../util/hashmap.h"
#include "../util/strbuf.h"
#include "classify.h"

enum { DUMP_ID_SAMPLE = 5 }; /* goroutine ids kept per group as a sample */

/* Goroutine ids lo..hi (both included). */
typedef struct {
    uint64_t lo, hi;
} DumpIdRange;
/* ids and creation links kept per snapshot for the wake analysis
 * (dump_analyze): bounded, so memory still follows distinct stacks */
enum { DUMP_LINK_MAX = 1 << 16 };

typedef struct {
    const char *func; /* "main.worker", "sync.(*Mutex).Lock" */
    const char *file; /* "/src/app/main.go", or "" */
    uint32_t line;    /* 0 when unknown */
    const char *args; /* argument text when grouping by arguments, else "" */
} DumpFrame;

typedef enum {
    DUMP_FORMAT_NONE,   /* nothing recognised yet */
    DUMP_FORMAT_STACKS, /* goroutine N [...]: records */
    DUMP_FORMAT_DEBUG1, /* N @ 0x... aggregated records */
    DUMP_FORMAT_PROTO,  /* profile.proto samples: no wait reasons, ids,
                           wait times or creators */
} DumpFormat;

/* Why a suspect is stuck, from the source (dump_explain.c). */
typedef struct {
    const char *role;    /* "receiver", "sender", "closer", "holder", "done",
                            "signal", "writer", "first-lock", "leaves-locked",
                            "gives-up", "canceller", "made", "stops" */
    const char *func;    /* the function, as the package names it ("T.M") */
    const char *file;    /* local path */
    uint32_t line;
} DumpCauseSite;

typedef struct {
    const char *kind;    /* stable id: "partner", "no-partner", "nil-chan",
                            "holder", "lock-cycle", "recursive-rlock",
                            "double-lock", "lock-leaked", "no-done",
                            "no-signal", "select", "ticker", "unknown",
                            "no-source" */
    const char *text;    /* sentences, with file:line */
    const char *fix;     /* or NULL: the category's fix stands */
    const char *rule;    /* the drip check rule reporting at the site, or NULL */
    const char *rule_msg;
    DumpCauseSite *sites;
    uint32_t nsites;
} DumpCause;

typedef struct DumpGroup DumpGroup;
struct DumpGroup {
    const char *key;     /* interned identity (also the hash key) */
    size_t keylen;
    size_t stack_len;    /* key bytes before the labels: the stack alone */
    uint64_t hash;       /* of key */
    const char *wait;    /* wait reason without minutes and marks, or "" */
    DumpFrame *frames;   /* leaf first */
    uint32_t nframes;
    DumpFrame created;   /* func "" when the record has no "created by" */
    const char *created_via; /* "sync.(*WaitGroup).Go" when created is the
                                function it was given to run, else NULL */
    bool elided;         /* the runtime left frames out */
    bool from_debug1;    /* aggregated record: no ids, no wait minutes */
    const char *labels;  /* pprof labels, shown as {k: v, ...}, or NULL */
    const char *label_pairs; /* the same as "k\0v\0...", decoded */
    size_t label_pairs_len;

    uint64_t count;      /* goroutines */
    bool wait_known;     /* some goroutine had a header with a wait time */
    int64_t wait_min;    /* minutes */
    int64_t wait_max;
    uint64_t ids[DUMP_ID_SAMPLE]; /* the first ids, in input order */
    uint32_t nids;
    Array(DumpIdRange) id_ranges; /* every id, as runs lo..hi (heap, not
                                     the arena); sorted and merged by
                                     dump_group_compact_ids */
    uint64_t id_count;   /* distinct ids in id_ranges, once compacted */
    uint64_t created_in; /* "created by ... in goroutine N" of the first, or 0 */
    uint64_t locked;     /* goroutines locked to a thread */
    uint64_t leaked;     /* goroutines the runtime marked (leaked) */
    uint64_t lock_addr;  /* receiver of the sync lock frame, or 0 */
    bool lock_addr_mixed;/* goroutines of the group wait on different locks */
    uint32_t first_line; /* line of the first record in the input */
    bool awake;          /* running, runnable, sleeping, or parked by the
                            runtime's own work (GC assist, GC start) */

    /* filled by dump_analyze */
    Classification cls;
    const DumpCause *cause; /* dump_explain, or NULL */
};

/* An awake goroutine (running, runnable, sleeping) and the goroutine that
 * created it ("created by F in goroutine N"). */
typedef struct {
    uint64_t creator;    /* N */
    DumpGroup *child;    /* the awake goroutine's group */
} DumpAwakeLink;

typedef struct {
    const char *path;    /* as given; "-" is stdin */
    Arena arena;         /* groups, frames and strings */
    DumpGroup **slots;   /* open-addressing index of groups by key hash */
    size_t nslots;       /* power of two, or 0 */
    Array(DumpGroup *) groups; /* in order of first appearance */
    DumpFormat format;
    uint64_t goroutines; /* total read */
    uint64_t bytes;      /* uncompressed bytes read */
    uint64_t lines;
    uint64_t errors;     /* malformed lines reported */
    uint64_t declared_total; /* "goroutine profile: total N", or 0 */
    bool leak_profile;   /* a goroutineleak profile (debug=0 or 1): every
                            goroutine in it was proven leaked by Go's GC */
    Array(uint64_t) ids; /* goroutine ids read, the first DUMP_LINK_MAX */
    bool ids_truncated;  /* the dump held more */
    Array(DumpAwakeLink) awake; /* the first DUMP_LINK_MAX awake goroutines with a creator id */
    bool args;           /* group by argument values too */
    bool failed;         /* the input could not be opened or read */
} DumpSnapshot;

typedef struct {
    bool args;           /* keep argument values in the group identity */
    int max_errors;      /* errors printed per input before summarising */
    bool quiet;          /* print no message at all (fuzzing, unit tests) */
} DumpReadOptions;

/* Reads path ("-" is stdin; gzip or plain). Errors go to stderr as
 * "path:line: message"; reading goes on. Returns false when the input could
 * not be opened or read at all (snap->failed is set; what was read stays). */
bool dump_read(DumpSnapshot *snap, const char *path, const DumpReadOptions *opt);
/* Reads from a memory buffer: the same forms as dump_read, gzip included
 * (watch polls, fuzzing, tests). */
void dump_read_buffer(DumpSnapshot *snap, const char *name, const char *data, size_t len,
                      const DumpReadOptions *opt);
void dump_snapshot_free(DumpSnapshot *snap);
/* Sorts a group's id runs, merges overlapping and adjacent ones, and sets
 * id_count. Done for every group when a snapshot has been read. */
void dump_group_compact_ids(DumpGroup *g);

/* --- dump_group.c --- */

/* One goroutine record (or one debug=1 record) being assembled by the
 * reader. Strings are copied into key as they come, so the reader's line
 * buffer may move between lines. */
typedef struct {
    uint32_t func, file, args; /* offsets into key */
    uint32_t line;
} DumpFrameRef;

typedef struct {
    StrBuf key;                 /* wait, frames, creator, NUL-separated */
    Array(DumpFrameRef) frames;
    DumpFrameRef created;
    bool has_created;
    uint32_t wait_len;          /* wait reason is key[0..wait_len) */
    uint64_t id;
    uint64_t count;             /* 1, or N of a debug=1 record */
    int64_t wait_minutes;
    bool wait_known;
    bool locked, leaked, elided, debug1;
    bool unavailable;           /* "running on other thread; stack unavailable" */
    uint64_t created_in;
    uint64_t lock_addr;
    StrBuf labels;              /* label pairs "k\0v\0...", or empty */
    uint32_t line;              /* input line of the header */
} DumpRecord;

void dump_record_init(DumpRecord *r);
void dump_record_free(DumpRecord *r);
void dump_record_reset(DumpRecord *r, uint32_t line);
void dump_record_wait(DumpRecord *r, const char *s, size_t n);
void dump_record_frame(DumpRecord *r, const char *func, size_t funclen, const char *args, size_t argslen,
                       const char *file, size_t filelen, uint32_t line);
/* Sets file:line of the last frame added (goroutine format has it on the
 * next line). */
void dump_record_frame_pos(DumpRecord *r, const char *file, size_t filelen, uint32_t line);
void dump_record_created(DumpRecord *r, const char *func, size_t funclen);
void dump_record_created_pos(DumpRecord *r, const char *file, size_t filelen, uint32_t line);
/* Interns the record's stack and adds its goroutines to the group. */
DumpGroup *dump_group_add(DumpSnapshot *snap, DumpRecord *r);

/* --- dump_proto.c --- */

/* True when data (already inflated) looks like profile.proto, not text. */
bool dump_is_proto(const unsigned char *data, size_t len);
/* Reads the samples of a proto goroutine or goroutineleak profile into
 * snap (set up by the reader); errors go through the reader's options. */
void dump_read_proto(DumpSnapshot *snap, const char *name, const unsigned char *data, size_t len,
                     const DumpReadOptions *opt);

/* --- dump_labels.c --- */

/* Parses a label set "{k: v, ...}" (traceback) or "{"k":"v", ...}"
 * (debug=1) at s[0..n) into out as decoded "k\0v\0" pairs; false on a
 * syntax error. */
bool dump_labels_parse(const char *s, size_t n, StrBuf *out);
/* The value of key among pairs[0..len), or NULL. */
const char *dump_labels_get(const char *pairs, size_t len, const char *key);
/* Appends "{k: v, k2: "v 2"}", quoted as Go 1.27 prints it. */
void dump_labels_format(StrBuf *b, const char *pairs, size_t len);

/* --- dump_syntax.c --- */

/* Questions on the Go source of a frame's line, answered from its syntax
 * tree (drip's front end; files parsed once per cache). */
typedef struct SyntaxCache SyntaxCache;
SyntaxCache *syntax_cache_new(void);
void syntax_cache_free(SyntaxCache *c);
/* The channel of the send, receive or range on line of path is a bare
 * package-level variable of that file's package, not shadowed in the
 * enclosing function (parsed from the source; false when unknown). */
bool syntax_chan_is_package_var(SyntaxCache *c, const char *path, uint32_t line);
/* The operation on line of path (the first select, send, receive, range
 * or Lock/RLock call that starts there) and whether it reads a ticker's
 * channel; false when the file cannot be parsed or has none. */
bool syntax_op_at(SyntaxCache *c, const char *path, uint32_t line, SourceOp *out);
/* The line where the innermost function literal holding line begins, 0
 * when line is in no literal or the file cannot be parsed. */
uint32_t syntax_func_lit_line(SyntaxCache *c, const char *path, uint32_t line);

/* --- dump_analyze.c --- */

/* Suspects are reported by site: the blamed frame and blocking category.
 * A site sums the groups (stacks) that block there. */
typedef struct {
    BlockKind kind;
    SeedLeak seed;
    const DumpFrame *frame;   /* blamed user frame, or the leaf when none */
    bool user_frame;          /* frame is user code */
    bool suspect;             /* blocks forever when something leaks */
    bool idle;                /* idle by design */
    const DumpFrame *created; /* creation site of the biggest group, or NULL */
    const char *created_via;  /* as in DumpGroup */
    const char *label_value;  /* --by-label: that label's value ("" when
                                 unset), else NULL */
    uint64_t count;
    size_t nstacks;           /* distinct stacks among groups (which also
                                 differ by labels) */
    bool wait_known;
    int64_t wait_min, wait_max;
    uint64_t leaked;          /* goroutines Go proved leaked */
    double score;
    const DumpCause *cause;   /* of the biggest group, or NULL */
    Array(DumpGroup *) groups; /* biggest first */
} DumpSite;

typedef struct {
    DumpSnapshot *snap;
    Array(DumpSite *) suspects; /* ranked, highest score first */
    Array(DumpSite *) idle;     /* idle by design, biggest first */
    Array(DumpSite *) other;    /* running, sleep, unknown: biggest first */
    uint64_t suspect_goroutines;
    size_t nstacks;             /* distinct stacks: groups that differ by
                                   labels alone count once */
    Arena arena;
} DumpAnalysis;

typedef struct {
    bool use_source;   /* read source files named by frames, when present */
    const char *by_label; /* split sites by this pprof label's value, or NULL */
    bool explain;      /* load the packages frames point at and say why each
                          suspect is stuck (needs use_source) */
    const char *source_dir;  /* look for the files under DIR, or NULL */
    const char *trim_prefix; /* strip PREFIX from frame paths first, or NULL */
} DumpAnalyzeOptions;

/* Appends the identity of a site (kind, function, file, line) to key: the
 * same in every snapshot, so sites can be matched across dumps. */
void dump_site_key(StrBuf *key, BlockKind kind, const DumpFrame *f);
void dump_analyze(DumpAnalysis *a, DumpSnapshot *snap, const DumpAnalyzeOptions *opt);
void dump_analysis_free(DumpAnalysis *a);

/* --- dump_explain.c --- */

/* The path of a frame's file on this machine under the options, into buf;
 * NULL when no such file is readable. */
const char *dump_local_path(const char *file, const DumpAnalyzeOptions *opt, char *buf, size_t cap);
/* Sets g->cause of each suspect group of snap (memory in snap's arena),
 * and SEED_LOCK_ORDER on the groups of a lock cycle. */
void dump_explain(DumpSnapshot *snap, const DumpAnalyzeOptions *opt);

/* --- dump_diff.c --- */

/* One site followed across snapshots (oldest first). */
typedef struct {
    const DumpSite *site;  /* in the newest snapshot, or the last one seen */
    const char *key;       /* site identity: kind, function, file, line */
    uint64_t *counts;      /* one per snapshot */
    int64_t growth;        /* newest - oldest */
    bool steady;           /* never shrank and grew overall */
    bool suspect;
} DumpTrend;

typedef struct {
    DumpAnalysis *snaps;   /* borrowed, oldest first */
    size_t nsnaps;
    Array(DumpTrend) trends; /* growth first, then the others */
    Arena arena;
} DumpDiff;

void dump_diff(DumpDiff *d, DumpAnalysis *snaps, size_t nsnaps);
void dump_diff_free(DumpDiff *d);

#endif
