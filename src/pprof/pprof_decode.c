/* pprof_decode.c - profile.proto (protobuf) decoding into the Profile model.
 *
 * Field numbers of perftools.profiles (profile.proto):
 *   Profile: 1 sample_type, 2 sample, 3 mapping, 4 location, 5 function,
 *            6 string_table, 7 drop_frames, 8 keep_frames, 9 time_nanos,
 *            10 duration_nanos, 11 period_type, 12 period, 13 comment,
 *            14 default_sample_type
 *   ValueType: 1 type, 2 unit
 *   Sample: 1 location_id (packed), 2 value (packed), 3 label
 *   Label: 1 key, 2 str, 3 num, 4 num_unit
 *   Mapping: 1 id, 2 memory_start, 3 memory_limit, 4 file_offset,
 *            5 filename, 6 build_id, 7..10 has_functions, has_filenames,
 *            has_line_numbers, has_inline_frames
 *   Location: 1 id, 2 mapping_id, 3 address, 4 line, 5 is_folded
 *   Line: 1 function_id, 2 line, 3 column
 *   Function: 1 id, 2 name, 3 system_name, 4 filename, 5 start_line
 *
 * Decoding takes several passes over the top-level fields: the first counts
 * records and collects the string table (which may come last), the next
 * ones decode functions and mappings, then locations, then samples, so that
 * every reference can be resolved and checked when it is read. */
#include "pprof.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "../util/hashmap.h"
#include "../util/limits.h"
#include "../util/util.h"
#include "pprof_wire.h"

/* Maps record ids to records: a direct table when ids are dense (Go numbers
 * them 1..n), a hash map otherwise. */
typedef struct {
    void **direct;
    size_t ndirect;
    HashMap hash;
    bool hashed;
} IdMap;

typedef struct {
    Profile *p;
    PbReader top;
    const unsigned char *data;
    size_t len;
    char *err;
    size_t errlen;
    bool failed;
    IdMap funcs, maps, locs;
    size_t used;        /* bytes of memory the decoded profile takes so far */
} Decoder;

static void dfail(Decoder *d, size_t at, const char *fmt, ...) PRINTF(3, 4);

static void dfail(Decoder *d, size_t at, const char *fmt, ...)
{
    if (d->failed)
        return;
    d->failed = true;
    char msg[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(d->err, d->errlen, "corrupt profile at byte %zu: %s", at, msg);
}

/* Charges one arena allocation of count records of size bytes to the
 * budget before it is made; false, with the error set, when the profile
 * would need more than --max-memory. */
static bool charge(Decoder *d, size_t count, size_t size, const char *what)
{
    if (d->failed)
        return false;
    size_t left = limits.max_memory > d->used ? limits.max_memory - d->used : 0;
    if (left >= 16 && count <= (left - 16) / (size ? size : 1)) {
        d->used += count * size + 16; /* 16: the arena's alignment */
        return true;
    }
    char mem[32];
    limit_fmt_size(mem, sizeof mem, limits.max_memory);
    snprintf(d->err, d->errlen, "profile needs more memory than --max-memory %s allows (%zu %s); "
             "raise --max-memory if the input is trusted", mem, count, what);
    d->failed = true;
    return false;
}

static bool reader_ok(Decoder *d, const PbReader *r)
{
    if (r->error) {
        dfail(d, r->error_at, "%s", r->error);
        return false;
    }
    return !d->failed;
}

static size_t off(const Decoder *d, const unsigned char *p)
{
    return (size_t)(p - d->data);
}

static const char *str_at(Decoder *d, uint64_t idx, const unsigned char *where)
{
    if (idx >= d->p->nstrings) {
        dfail(d, off(d, where), "string index %" PRIu64 " out of range (table has %zu strings)",
              idx, d->p->nstrings);
        return "";
    }
    return d->p->strings[idx];
}

static void idmap_init(Decoder *d, IdMap *m, uint64_t max_id, size_t n)
{
    memset(m, 0, sizeof *m);
    if (max_id <= (uint64_t)n * 4 + 64 && charge(d, (size_t)max_id + 1, sizeof(void *), "id slots")) {
        m->ndirect = (size_t)max_id + 1;
        m->direct = xcalloc(m->ndirect, sizeof(void *));
    } else {
        m->hashed = true;
        hashmap_init(&m->hash);
    }
}

/* key points at the record's id field, which lives as long as the map. */
static bool idmap_put(IdMap *m, const uint64_t *key, void *rec)
{
    if (!m->hashed) {
        if (m->direct[*key])
            return false;
        m->direct[*key] = rec;
        return true;
    }
    int inserted;
    void **slot = hashmap_put(&m->hash, (const char *)key, sizeof *key, &inserted);
    if (!inserted)
        return false;
    *slot = rec;
    return true;
}

static void *idmap_get(const IdMap *m, uint64_t id)
{
    if (!m->hashed)
        return id < m->ndirect ? m->direct[id] : NULL;
    return hashmap_get(&m->hash, (const char *)&id, sizeof id);
}

static void idmap_free(IdMap *m)
{
    free(m->direct);
    if (m->hashed)
        hashmap_free(&m->hash);
    memset(m, 0, sizeof *m);
}

static void decode_value_type(Decoder *d, const PbReader *parent, const PbField *f, PprofValueType *vt)
{
    PbReader r;
    PbField g;
    pb_sub(parent, f, &r);
    vt->type = vt->unit = "";
    while (pb_next(&r, &g)) {
        if (g.wire != PB_VARINT)
            continue;
        if (g.field == 1)
            vt->type = str_at(d, g.u, r.p);
        else if (g.field == 2)
            vt->unit = str_at(d, g.u, r.p);
    }
    reader_ok(d, &r);
}

/* Pass 1: count records, collect the string table and the scalars. */
static void pass_count(Decoder *d, uint64_t *max_fn, uint64_t *max_map, uint64_t *max_loc)
{
    Profile *p = d->p;
    PbReader r = d->top;
    PbField f;
    size_t nstr = 0, ncomment = 0, nstr_bytes = 0;
    while (pb_next(&r, &f)) {
        switch (f.field) {
        case 1: if (f.wire == PB_LEN) p->n_sample_types++; break;
        case 2: if (f.wire == PB_LEN) p->nsamples++; break;
        case 3: if (f.wire == PB_LEN) p->nmappings++; break;
        case 4: if (f.wire == PB_LEN) p->nlocations++; break;
        case 5: if (f.wire == PB_LEN) p->nfunctions++; break;
        case 6:
            if (f.wire == PB_LEN) {
                nstr++;
                /* An empty string shares one "", so a table of them costs
                 * only its pointers. */
                nstr_bytes += f.len ? (f.len + 16) / 16 : 0;
            }
            break;
        case 13:
            if (f.wire == PB_LEN)
                ncomment += pb_count_varints(f.data, f.len);
            else
                ncomment++;
            break;
        }
    }
    if (!reader_ok(d, &r))
        return;
    if (!charge(d, nstr + 1, sizeof(const char *), "strings") || !charge(d, nstr_bytes, 16, "bytes of strings") ||
        !charge(d, ncomment + 1, sizeof(const char *), "comments") ||
        !charge(d, p->n_sample_types + 1, sizeof(PprofValueType), "sample types") ||
        !charge(d, p->nfunctions + 1, sizeof(PprofFunction), "functions") ||
        !charge(d, p->nmappings + 1, sizeof(PprofMapping), "mappings") ||
        !charge(d, p->nlocations + 1, sizeof(PprofLocation), "locations") ||
        !charge(d, p->nsamples + 1, sizeof(PprofSample), "samples"))
        return;
    p->strings = ARENA_ARRAY(&p->arena, const char *, nstr + 1);
    p->comments = ARENA_ARRAY(&p->arena, const char *, ncomment + 1);
    r = d->top;
    *max_fn = *max_map = *max_loc = 0;
    while (pb_next(&r, &f)) {
        if (f.field == 6 && f.wire == PB_LEN) {
            p->strings[p->nstrings++] = f.len ? arena_strndup(&p->arena, (const char *)f.data, f.len) : "";
        } else if ((f.field == 3 || f.field == 4 || f.field == 5) && f.wire == PB_LEN) {
            /* Peek at the id (field 1) to size the id maps. */
            PbReader s;
            PbField g;
            pb_sub(&r, &f, &s);
            while (pb_next(&s, &g)) {
                if (g.field == 1 && g.wire == PB_VARINT) {
                    uint64_t *m = f.field == 3 ? max_map : f.field == 4 ? max_loc : max_fn;
                    if (g.u > *m)
                        *m = g.u;
                }
            }
            if (!reader_ok(d, &s))
                return;
        }
    }
    if (!reader_ok(d, &r))
        return;
    if (p->nstrings == 0) {
        p->strings[0] = "";
        p->nstrings = 1;
    } else if (p->strings[0][0] != 0) {
        dfail(d, 0, "string table does not start with the empty string");
    }
}

/* Pass 2: sample types, scalars, functions and mappings. */
static void pass_functions(Decoder *d)
{
    Profile *p = d->p;
    p->sample_types = ARENA_ARRAY(&p->arena, PprofValueType, p->n_sample_types + 1);
    p->functions = ARENA_ARRAY(&p->arena, PprofFunction, p->nfunctions + 1);
    p->mappings = ARENA_ARRAY(&p->arena, PprofMapping, p->nmappings + 1);
    size_t nst = 0, nfn = 0, nmap = 0;
    PbReader r = d->top;
    PbField f;
    p->period_type.type = p->period_type.unit = "";
    while (!d->failed && pb_next(&r, &f)) {
        const unsigned char *at = f.data ? f.data : r.p;
        switch (f.field) {
        case 1:
            if (f.wire == PB_LEN)
                decode_value_type(d, &r, &f, &p->sample_types[nst++]);
            break;
        case 7: if (f.wire == PB_VARINT) p->drop_frames = str_at(d, f.u, at); break;
        case 8: if (f.wire == PB_VARINT) p->keep_frames = str_at(d, f.u, at); break;
        case 9: if (f.wire == PB_VARINT) p->time_nanos = (int64_t)f.u; break;
        case 10: if (f.wire == PB_VARINT) p->duration_nanos = (int64_t)f.u; break;
        case 11:
            if (f.wire == PB_LEN)
                decode_value_type(d, &r, &f, &p->period_type);
            break;
        case 12: if (f.wire == PB_VARINT) p->period = (int64_t)f.u; break;
        case 13:
            if (f.wire == PB_VARINT) {
                p->comments[p->ncomments++] = str_at(d, f.u, at);
            } else if (f.wire == PB_LEN) {
                PbReader s;
                uint64_t v;
                pb_sub(&r, &f, &s);
                while (pb_packed_varint(&s, &v))
                    p->comments[p->ncomments++] = str_at(d, v, s.p);
                reader_ok(d, &s);
            }
            break;
        case 14:
            if (f.wire == PB_VARINT && f.u != 0)
                p->default_sample_type = str_at(d, f.u, at);
            break;
        case 5: {
            if (f.wire != PB_LEN)
                break;
            PprofFunction *fn = &p->functions[nfn++];
            fn->name = fn->system_name = fn->filename = "";
            PbReader s;
            PbField g;
            pb_sub(&r, &f, &s);
            while (pb_next(&s, &g)) {
                if (g.wire != PB_VARINT)
                    continue;
                switch (g.field) {
                case 1: fn->id = g.u; break;
                case 2: fn->name = str_at(d, g.u, s.p); break;
                case 3: fn->system_name = str_at(d, g.u, s.p); break;
                case 4: fn->filename = str_at(d, g.u, s.p); break;
                case 5: fn->start_line = (int64_t)g.u; break;
                }
            }
            if (!reader_ok(d, &s))
                break;
            if (fn->id == 0)
                dfail(d, off(d, f.data), "function with id 0");
            else if (!idmap_put(&d->funcs, &fn->id, fn))
                dfail(d, off(d, f.data), "duplicate function id %" PRIu64, fn->id);
            break;
        }
        case 3: {
            if (f.wire != PB_LEN)
                break;
            PprofMapping *m = &p->mappings[nmap++];
            m->filename = m->build_id = "";
            PbReader s;
            PbField g;
            pb_sub(&r, &f, &s);
            while (pb_next(&s, &g)) {
                if (g.wire != PB_VARINT)
                    continue;
                switch (g.field) {
                case 1: m->id = g.u; break;
                case 2: m->memory_start = g.u; break;
                case 3: m->memory_limit = g.u; break;
                case 4: m->file_offset = g.u; break;
                case 5: m->filename = str_at(d, g.u, s.p); break;
                case 6: m->build_id = str_at(d, g.u, s.p); break;
                case 7: m->has_functions = g.u != 0; break;
                case 8: m->has_filenames = g.u != 0; break;
                case 9: m->has_line_numbers = g.u != 0; break;
                case 10: m->has_inline_frames = g.u != 0; break;
                }
            }
            if (!reader_ok(d, &s))
                break;
            if (m->id == 0)
                dfail(d, off(d, f.data), "mapping with id 0");
            else if (!idmap_put(&d->maps, &m->id, m))
                dfail(d, off(d, f.data), "duplicate mapping id %" PRIu64, m->id);
            break;
        }
        }
    }
    reader_ok(d, &r);
}

/* A stand-in function for frames without symbol information. */
static const PprofFunction *unknown_function(Decoder *d, uint64_t address)
{
    PprofFunction *fn = ARENA_NEW(&d->p->arena, PprofFunction);
    char buf[32];
    snprintf(buf, sizeof buf, "0x%" PRIx64, address);
    fn->name = fn->system_name = arena_strdup(&d->p->arena, buf);
    fn->filename = "";
    return fn;
}

static void decode_location(Decoder *d, const PbReader *parent, const PbField *f, PprofLocation *loc)
{
    PbReader s;
    PbField g;
    uint64_t mapping_id = 0;
    pb_sub(parent, f, &s);
    while (pb_next(&s, &g)) {
        if (g.field == 4 && g.wire == PB_LEN)
            loc->nlines++;
        else if (g.wire == PB_VARINT) {
            switch (g.field) {
            case 1: loc->id = g.u; break;
            case 2: mapping_id = g.u; break;
            case 3: loc->address = g.u; break;
            case 5: loc->is_folded = g.u != 0; break;
            }
        }
    }
    if (!reader_ok(d, &s))
        return;
    if (loc->id == 0) {
        dfail(d, off(d, f->data), "location with id 0");
        return;
    }
    if (mapping_id) {
        loc->mapping = idmap_get(&d->maps, mapping_id);
        if (!loc->mapping) {
            dfail(d, off(d, f->data), "location %" PRIu64 " refers to missing mapping %" PRIu64,
                  loc->id, mapping_id);
            return;
        }
    }
    if (loc->nlines == 0) {
        if (!charge(d, 1, sizeof(PprofLine) + sizeof(PprofFunction) + 32, "unsymbolized locations"))
            return;
        loc->lines = ARENA_NEW(&d->p->arena, PprofLine);
        loc->lines[0].function = unknown_function(d, loc->address);
        loc->nlines = 1;
        return;
    }
    if (!charge(d, loc->nlines, sizeof(PprofLine), "inlined lines"))
        return;
    loc->lines = ARENA_ARRAY(&d->p->arena, PprofLine, loc->nlines);
    uint32_t i = 0;
    pb_sub(parent, f, &s);
    while (pb_next(&s, &g)) {
        if (g.field != 4 || g.wire != PB_LEN)
            continue;
        PprofLine *ln = &loc->lines[i++];
        PbReader t;
        PbField h;
        uint64_t fid = 0;
        pb_sub(&s, &g, &t);
        while (pb_next(&t, &h)) {
            if (h.wire != PB_VARINT)
                continue;
            if (h.field == 1)
                fid = h.u;
            else if (h.field == 2)
                ln->line = (int64_t)h.u;
            else if (h.field == 3)
                ln->column = (int64_t)h.u;
        }
        if (!reader_ok(d, &t))
            return;
        if (fid == 0) {
            if (!charge(d, 1, sizeof(PprofFunction) + 32, "unsymbolized lines"))
                return;
            ln->function = unknown_function(d, loc->address);
        } else {
            ln->function = idmap_get(&d->funcs, fid);
            if (!ln->function) {
                dfail(d, off(d, g.data), "location %" PRIu64 " refers to missing function %" PRIu64,
                      loc->id, fid);
                return;
            }
        }
    }
}

static void pass_locations(Decoder *d)
{
    Profile *p = d->p;
    p->locations = ARENA_ARRAY(&p->arena, PprofLocation, p->nlocations + 1);
    size_t n = 0;
    PbReader r = d->top;
    PbField f;
    while (!d->failed && pb_next(&r, &f)) {
        if (f.field != 4 || f.wire != PB_LEN)
            continue;
        PprofLocation *loc = &p->locations[n++];
        decode_location(d, &r, &f, loc);
        if (!d->failed && !idmap_put(&d->locs, &loc->id, loc))
            dfail(d, off(d, f.data), "duplicate location id %" PRIu64, loc->id);
    }
    reader_ok(d, &r);
}

static void decode_sample(Decoder *d, const PbReader *parent, const PbField *f, PprofSample *s, size_t index)
{
    Profile *p = d->p;
    PbReader r;
    PbField g;
    size_t nlocs = 0, nvals = 0, nlabels = 0;
    pb_sub(parent, f, &r);
    while (pb_next(&r, &g)) {
        /* Other wire types for these fields are ignored, as on fill. */
        if (g.field == 1 && (g.wire == PB_LEN || g.wire == PB_VARINT))
            nlocs += g.wire == PB_LEN ? pb_count_varints(g.data, g.len) : 1;
        else if (g.field == 2 && (g.wire == PB_LEN || g.wire == PB_VARINT))
            nvals += g.wire == PB_LEN ? pb_count_varints(g.data, g.len) : 1;
        else if (g.field == 3 && g.wire == PB_LEN)
            nlabels++;
    }
    if (!reader_ok(d, &r))
        return;
    if (nvals != p->n_sample_types) {
        dfail(d, off(d, f->data), "sample %zu has %zu values but the profile has %zu sample types",
              index, nvals, p->n_sample_types);
        return;
    }
    if (nlocs > UINT32_MAX || nlabels > UINT32_MAX) {
        dfail(d, off(d, f->data), "sample %zu is too large", index);
        return;
    }
    if (!charge(d, nlocs + 1, sizeof(const PprofLocation *), "sample locations") ||
        !charge(d, nvals + 1, sizeof(int64_t), "sample values") ||
        !charge(d, nlabels + 1, sizeof(PprofLabel), "sample labels"))
        return;
    s->locs = ARENA_ARRAY(&p->arena, const PprofLocation *, nlocs + 1);
    s->values = ARENA_ARRAY(&p->arena, int64_t, nvals + 1);
    s->labels = ARENA_ARRAY(&p->arena, PprofLabel, nlabels + 1);
    size_t il = 0, iv = 0;
    pb_sub(parent, f, &r);
    while (pb_next(&r, &g) && !d->failed) {
        if (g.field == 1 || g.field == 2) {
            PbReader packed;
            uint64_t v;
            bool is_packed = g.wire == PB_LEN;
            if (is_packed)
                pb_sub(&r, &g, &packed);
            else if (g.wire != PB_VARINT)
                continue;
            for (;;) {
                if (is_packed) {
                    if (!pb_packed_varint(&packed, &v))
                        break;
                } else {
                    v = g.u;
                }
                if (g.field == 1 && il < nlocs) {
                    const PprofLocation *loc = idmap_get(&d->locs, v);
                    if (!loc) {
                        dfail(d, off(d, f->data), "sample %zu refers to missing location %" PRIu64, index, v);
                        return;
                    }
                    s->locs[il++] = loc;
                } else if (g.field == 2 && iv < nvals) {
                    s->values[iv++] = (int64_t)v;
                }
                if (!is_packed)
                    break;
            }
            if (is_packed && !reader_ok(d, &packed))
                return;
        } else if (g.field == 3 && g.wire == PB_LEN) {
            PprofLabel *lab = &s->labels[s->nlabels++];
            lab->key = "";
            PbReader t;
            PbField h;
            pb_sub(&r, &g, &t);
            while (pb_next(&t, &h)) {
                if (h.wire != PB_VARINT)
                    continue;
                switch (h.field) {
                case 1: lab->key = str_at(d, h.u, t.p); break;
                case 2: lab->str = h.u ? str_at(d, h.u, t.p) : NULL; break;
                case 3: lab->num = (int64_t)h.u; break;
                case 4: lab->num_unit = h.u ? str_at(d, h.u, t.p) : NULL; break;
                }
            }
            if (!reader_ok(d, &t))
                return;
        }
    }
    s->nlocs = (uint32_t)il;
    reader_ok(d, &r);
}

static void pass_samples(Decoder *d)
{
    Profile *p = d->p;
    p->samples = ARENA_ARRAY(&p->arena, PprofSample, p->nsamples + 1);
    size_t n = 0;
    PbReader r = d->top;
    PbField f;
    while (!d->failed && pb_next(&r, &f)) {
        if (f.field != 2 || f.wire != PB_LEN)
            continue;
        decode_sample(d, &r, &f, &p->samples[n], n);
        n++;
    }
    reader_ok(d, &r);
}

/* Where the top-level fields stop being readable: len when all are, else
 * the start of the first field that is cut short. */
static size_t readable_prefix(const unsigned char *data, size_t len)
{
    PbReader r;
    PbField f;
    pb_init(&r, data, data, len);
    const unsigned char *last = data;
    while (pb_next(&r, &f))
        last = r.p;
    return r.error ? (size_t)(last - data) : len;
}

static Profile *decode_proto(const unsigned char *data, size_t len, char *err, size_t errlen);

Profile *pprof_decode_proto(const unsigned char *data, size_t len, char *err, size_t errlen)
{
    Profile *p = decode_proto(data, len, err, errlen);
    if (p)
        return p;
    /* Cut short (a truncated file or response): the whole fields before
     * the cut may still make a profile; it is then marked partial. */
    size_t n = readable_prefix(data, len);
    if (n == len || n == 0)
        return NULL;
    char perr[64];
    p = decode_proto(data, n, perr, sizeof perr);
    if (!p)
        return NULL;
    char why[200];
    snprintf(why, sizeof why, "%s; read the %zu bytes before it", err, n);
    p->partial = arena_strdup(&p->arena, why);
    return p;
}

static Profile *decode_proto(const unsigned char *data, size_t len, char *err, size_t errlen)
{
    Profile *p = xcalloc(1, sizeof *p);
    arena_init(&p->arena);
    /* The inflated input is in memory beside the profile. */
    Decoder d = {.p = p, .data = data, .len = len, .err = err, .errlen = errlen, .used = len};
    pb_init(&d.top, data, data, len);
    uint64_t max_fn, max_map, max_loc;
    pass_count(&d, &max_fn, &max_map, &max_loc);
    if (!d.failed) {
        idmap_init(&d, &d.funcs, max_fn, p->nfunctions);
        idmap_init(&d, &d.maps, max_map, p->nmappings);
        idmap_init(&d, &d.locs, max_loc, p->nlocations);
        if (!d.failed)
            pass_functions(&d);
        if (!d.failed)
            pass_locations(&d);
        if (!d.failed)
            pass_samples(&d);
        idmap_free(&d.funcs);
        idmap_free(&d.maps);
        idmap_free(&d.locs);
    }
    if (!d.failed && p->n_sample_types == 0 && p->nsamples == 0 && p->nstrings <= 1) {
        snprintf(err, errlen, "not a profile: no sample types, samples or strings");
        d.failed = true;
    }
    if (d.failed) {
        pprof_free(p);
        return NULL;
    }
    return p;
}
