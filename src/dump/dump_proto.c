/* dump_proto.c - proto goroutine and goroutineleak profiles (debug=0) as
 * goroutine records.
 *
 * /debug/pprof/goroutine and /debug/pprof/goroutineleak answer in
 * profile.proto by default: one sample per distinct stack and label set,
 * its value the number of goroutines, locations leaf first with their
 * inlined lines. The samples become records like those of a debug=1
 * profile (no ids, wait reasons, wait times or creators: proto has none),
 * and every goroutine of a goroutineleak profile is marked leaked. */
#include "dump.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "../pprof/pprof.h"

bool dump_is_proto(const unsigned char *data, size_t len)
{
    /* A profile starts with a length-delimited field (sample_type is
     * field 1: 0x0a) and holds control bytes text never has; 0x1b (ANSI
     * colors in logs), tab and line ends do not count. */
    if (len < 2 || (data[0] & 7) != 2 || data[0] > 0x7a)
        return false;
    for (size_t i = 1; i < len && i < 32; i++) {
        unsigned char c = data[i];
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != 0x1b)
            return true;
    }
    return false;
}

static void add_labels(DumpRecord *rec, const PprofSample *s)
{
    char num[32];
    for (uint32_t i = 0; i < s->nlabels; i++) {
        const PprofLabel *l = &s->labels[i];
        const char *v = l->str;
        if (!v) {
            snprintf(num, sizeof num, "%" PRId64, l->num);
            v = num;
        }
        sb_append(&rec->labels, l->key ? l->key : "", l->key ? strlen(l->key) : 0);
        sb_putc(&rec->labels, 0);
        sb_append(&rec->labels, v, strlen(v));
        sb_putc(&rec->labels, 0);
    }
}

static void add_frames(DumpRecord *rec, const PprofSample *s)
{
    for (uint32_t i = 0; i < s->nlocs; i++) {
        const PprofLocation *loc = s->locs[i];
        if (!loc->nlines) {
            /* not symbolized: the runtime's "?" */
            dump_record_frame(rec, "?", 1, "", 0, "", 0, 0);
            continue;
        }
        for (uint32_t j = 0; j < loc->nlines; j++) {
            const PprofLine *ln = &loc->lines[j];
            const char *func = ln->function->name ? ln->function->name : "?";
            const char *file = ln->function->filename ? ln->function->filename : "";
            uint32_t line = ln->line < 0 ? 0 : ln->line > UINT32_MAX ? UINT32_MAX : (uint32_t)ln->line;
            dump_record_frame(rec, func, strlen(func), "", 0, file, strlen(file), line);
        }
    }
}

void dump_read_proto(DumpSnapshot *snap, const char *name, const unsigned char *data, size_t len,
                     const DumpReadOptions *opt)
{
    char err[256];
    Profile *p = pprof_decode_proto(data, len, err, sizeof err);
    if (!p) {
        if (!opt->quiet)
            error_msg("%s: not a goroutine profile: %s", name, err);
        snap->failed = true;
        return;
    }
    int idx = pprof_sample_index(p, "goroutineleak");
    snap->leak_profile = idx >= 0;
    if (idx < 0)
        idx = pprof_sample_index(p, "goroutine");
    if (idx < 0) {
        if (!opt->quiet)
            error_msg("%s: a profile of %s, not of goroutines: want /debug/pprof/goroutine or goroutineleak", name,
                      p->n_sample_types ? p->sample_types[0].type : "nothing");
        snap->failed = true;
        pprof_free(p);
        return;
    }
    snap->format = DUMP_FORMAT_PROTO;
    DumpRecord rec;
    dump_record_init(&rec);
    for (size_t i = 0; i < p->nsamples; i++) {
        const PprofSample *s = &p->samples[i];
        int64_t v = s->values[idx];
        if (v <= 0)
            continue;
        dump_record_reset(&rec, (uint32_t)MIN(i + 1, UINT32_MAX));
        rec.debug1 = true;
        rec.count = (uint64_t)v;
        rec.leaked = snap->leak_profile;
        add_frames(&rec, s);
        add_labels(&rec, s);
        dump_group_add(snap, &rec);
    }
    dump_record_free(&rec);
    pprof_free(p);
}
