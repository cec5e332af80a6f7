/* pprof_model.c - loading, sample-type lookup, frames and user code. */
#include "pprof.h"

#include <errno.h>
#include <string.h>

#include "../util/gz.h"
#include "../util/util.h"

Profile *pprof_parse(const void *data, size_t len, char *err, size_t errlen)
{
    GzData gz;
    char gerr[160];
    if (!gz_read_buffer_partial(data, len, &gz, gerr, sizeof gerr)) {
        snprintf(err, errlen, "%s", gerr);
        return NULL;
    }
    Profile *p;
    if (pprof_is_legacy_heap((const char *)gz.data, gz.len))
        p = pprof_decode_legacy_heap((const char *)gz.data, gz.len, err, errlen);
    else
        p = pprof_decode_proto(gz.data, gz.len, err, errlen);
    if (gz.partial && !p)
        snprintf(err, errlen, "%s", gerr); /* the first fault is the one to name */
    else if (gz.partial)
        p->partial = arena_strdup(&p->arena, gerr);
    gz_data_free(&gz);
    return p;
}

Profile *pprof_load(const char *path, char *err, size_t errlen)
{
    return pprof_load_ex(path, 0, err, errlen);
}

Profile *pprof_load_ex(const char *path, int flags, char *err, size_t errlen)
{
    FileData fd;
    if (!file_read_ex(path, &fd, flags)) {
        snprintf(err, errlen, "cannot open '%s': %s", path, file_strerror(errno));
        return NULL;
    }
    char perr[256];
    Profile *p = pprof_parse(fd.data, fd.len, perr, sizeof perr);
    file_data_free(&fd);
    if (!p)
        snprintf(err, errlen, "%s: %s", path, perr);
    return p;
}

void pprof_free(Profile *p)
{
    if (!p)
        return;
    arena_free(&p->arena);
    free(p);
}

int pprof_sample_index(const Profile *p, const char *type)
{
    for (size_t i = 0; i < p->n_sample_types; i++)
        if (strcmp(p->sample_types[i].type, type) == 0)
            return (int)i;
    return -1;
}

int pprof_default_index(const Profile *p)
{
    if (p->n_sample_types == 0)
        return -1;
    if (p->default_sample_type) {
        int i = pprof_sample_index(p, p->default_sample_type);
        if (i >= 0)
            return i;
    }
    return (int)p->n_sample_types - 1;
}

size_t pprof_func_pkg_len(const char *name)
{
    /* The package path ends at the first '.' after the last '/'. */
    const char *slash = strrchr(name, '/');
    const char *start = slash ? slash + 1 : name;
    const char *dot = strchr(start, '.');
    return dot ? (size_t)(dot - name) : strlen(name);
}

void pprof_code_init(PprofCode *c, const Profile *p)
{
    memset(c, 0, sizeof *c);
    /* runtime.* functions live in GOROOT/src/runtime/; their file path
     * gives the standard library's root for this binary. */
    for (size_t i = 0; i < p->nfunctions; i++) {
        const PprofFunction *f = &p->functions[i];
        if (!str_has_prefix(f->name, "runtime.") || !f->filename[0])
            continue;
        const char *at = strstr(f->filename, "/src/runtime/");
        if (!at)
            continue;
        c->goroot_src = f->filename;
        c->goroot_len = (size_t)(at - f->filename) + strlen("/src/");
        return;
    }
}

static bool pkg_is_std(const char *name, size_t pkglen)
{
    if (pkglen == 4 && memcmp(name, "main", 4) == 0)
        return false;
    const char *slash = memchr(name, '/', pkglen);
    size_t first = slash ? (size_t)(slash - name) : pkglen;
    return memchr(name, '.', first) == NULL;
}

bool pprof_is_user_func(const PprofCode *c, const PprofFunction *f)
{
    const char *name = f->name;
    if (!name[0] || str_has_prefix(name, "0x"))
        return false;
    size_t pkglen = pprof_func_pkg_len(name);
    if (pkglen == 4 && memcmp(name, "main", 4) == 0)
        return true;
    if (str_has_prefix(name, "runtime.") || str_has_prefix(name, "runtime/"))
        return false;
    if (c && c->goroot_src && f->filename[0]) {
        if (strncmp(f->filename, c->goroot_src, c->goroot_len) != 0)
            return true;
        /* Under GOROOT/src: vendored code in std stays std. */
        return false;
    }
    return !pkg_is_std(name, pkglen);
}

size_t pprof_sample_frames(const PprofSample *s, PprofFrame *out, size_t max)
{
    size_t n = 0;
    for (uint32_t i = 0; i < s->nlocs; i++) {
        const PprofLocation *loc = s->locs[i];
        for (uint32_t j = 0; j < loc->nlines; j++) {
            if (n < max) {
                out[n].function = loc->lines[j].function;
                out[n].line = loc->lines[j].line;
            }
            n++;
        }
    }
    return n;
}

bool pprof_site(const PprofCode *c, const PprofSample *s, PprofFrame *out)
{
    bool have_leaf = false;
    for (uint32_t i = 0; i < s->nlocs; i++) {
        const PprofLocation *loc = s->locs[i];
        for (uint32_t j = 0; j < loc->nlines; j++) {
            const PprofLine *ln = &loc->lines[j];
            if (!have_leaf) {
                out->function = ln->function;
                out->line = ln->line;
                have_leaf = true;
            }
            if (pprof_is_user_func(c, ln->function)) {
                out->function = ln->function;
                out->line = ln->line;
                return true;
            }
        }
    }
    return have_leaf;
}
