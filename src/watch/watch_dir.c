/* watch_dir.c - the directory drip watch writes: one file per snapshot,
 * written atomically, and index.tsv, one line per event, appended as it
 * happens, so whatever was collected survives a crash of drip or of the
 * service. drip report reads it back.
 *
 *   # drip watch index v1
 *   # url<TAB>http://127.0.0.1:6060
 *   SEQ<TAB>UNIX-TIME<TAB>KIND<TAB>FILE<TAB>NOTE
 *
 * KIND is goroutine or heap (FILE names the snapshot), gap (a failed poll)
 * or restart (the service restarted; FILE is "-"), goroutineleak (FILE is
 * the goroutineleak profile at debug=2, gzip; NOTE its cost, see
 * watch_leak_note), leakerror (a failed leak poll; NOTE says why) or
 * leakprofile (FILE "-"; NOTE says why the leak profile is not used). Header lines "# KEY<TAB>VALUE" carry the url and
 * the leak-interval in seconds. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "../util/util.h"
#include "watch.h"

/* Index times are Unix seconds: up to the year 2286. */
#define WATCH_MAX_TIME 1e10

static void clean_field(char *dst, size_t n, const char *src)
{
    size_t i = 0;
    for (; src && *src && i + 1 < n; src++)
        dst[i++] = (*src == '\t' || *src == '\n' || *src == '\r') ? ' ' : *src;
    dst[i] = 0;
}

bool watch_dir_create(WatchDir *d, const char *dir, const char *url, char *err, size_t errlen)
{
    memset(d, 0, sizeof *d);
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        snprintf(err, errlen, "cannot create '%s': %s", dir, strerror(errno));
        return false;
    }
    char *path = xasprintf("%s/index.tsv", dir);
    if (access(path, F_OK) == 0) {
        snprintf(err, errlen, "'%s' already holds a watch; choose another --out", dir);
        free(path);
        return false;
    }
    d->index = fopen(path, "w");
    if (!d->index) {
        snprintf(err, errlen, "cannot create '%s': %s", path, strerror(errno));
        free(path);
        return false;
    }
    free(path);
    d->dir = xstrdup(dir);
    char u[2048];
    clean_field(u, sizeof u, url);
    fprintf(d->index, "# drip watch index v1\n# url\t%s\n", u);
    fflush(d->index);
    return true;
}

bool watch_dir_write(WatchDir *d, const char *name, const void *data, size_t len, char *err, size_t errlen)
{
    char *tmp = xasprintf("%s/.%s.tmp", d->dir, name);
    char *dst = xasprintf("%s/%s", d->dir, name);
    bool ok = false;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (fd < 0) {
        snprintf(err, errlen, "cannot create '%s': %s", tmp, strerror(errno));
        goto out;
    }
    const char *p = data;
    size_t left = len;
    while (left) {
        ssize_t w = write(fd, p, left);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            snprintf(err, errlen, "cannot write '%s': %s", tmp, strerror(errno));
            close(fd);
            unlink(tmp);
            goto out;
        }
        p += w;
        left -= (size_t)w;
    }
    if (close(fd) != 0 || rename(tmp, dst) != 0) {
        snprintf(err, errlen, "cannot write '%s': %s", dst, strerror(errno));
        unlink(tmp);
        goto out;
    }
    ok = true;
out:
    free(tmp);
    free(dst);
    return ok;
}

bool watch_dir_write_gz(WatchDir *d, const char *name, const void *data, size_t len, char *err, size_t errlen)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    /* 15 + 16: a gzip header; level 1: text dumps shrink tenfold anyway */
    if (deflateInit2(&z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        snprintf(err, errlen, "cannot compress '%s': out of memory", name);
        return false;
    }
    size_t cap = deflateBound(&z, (uLong)len) + 64, out = 0;
    unsigned char *buf = xmalloc(cap);
    const unsigned char *in = data;
    size_t left = len;
    int rc;
    do {
        /* zlib counts in uInt: feed large inputs in pieces */
        size_t piece = MIN(left, (size_t)1 << 30);
        z.next_in = (unsigned char *)in;
        z.avail_in = (uInt)piece;
        in += piece;
        left -= piece;
        do {
            if (cap - out < 4096) {
                cap *= 2;
                buf = xrealloc(buf, cap);
            }
            z.next_out = buf + out;
            z.avail_out = (uInt)MIN(cap - out, (size_t)1 << 30);
            size_t before = z.avail_out;
            rc = deflate(&z, left ? Z_NO_FLUSH : Z_FINISH);
            out += before - z.avail_out;
        } while (z.avail_out == 0 || (!left && rc == Z_OK));
    } while (left);
    deflateEnd(&z);
    bool ok = rc == Z_STREAM_END && watch_dir_write(d, name, buf, out, err, errlen);
    if (rc != Z_STREAM_END)
        snprintf(err, errlen, "cannot compress '%s'", name);
    free(buf);
    return ok;
}

int watch_dir_begin(WatchDir *d, const char *name, char **tmp, char *err, size_t errlen)
{
    *tmp = xasprintf("%s/.%s.tmp", d->dir, name);
    int fd = open(*tmp, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) {
        snprintf(err, errlen, "cannot create '%s': %s", *tmp, strerror(errno));
        free(*tmp);
        *tmp = NULL;
    }
    return fd;
}

bool watch_dir_end(WatchDir *d, const char *name, int fd, char *tmp, bool keep, char *err, size_t errlen)
{
    bool ok = close(fd) == 0 || !keep;
    char *dst = xasprintf("%s/%s", d->dir, name);
    if (ok && keep && rename(tmp, dst) != 0)
        ok = false;
    if (!ok)
        snprintf(err, errlen, "cannot write '%s': %s", dst, strerror(errno));
    if (!ok || !keep)
        unlink(tmp);
    free(dst);
    free(tmp);
    return ok;
}

void watch_dir_log(WatchDir *d, unsigned seq, double t, const char *kind, const char *file, const char *note)
{
    if (!d->index)
        return;
    char n[1024];
    clean_field(n, sizeof n, note);
    fprintf(d->index, "%u\t%.3f\t%s\t%s\t%s\n", seq, t, kind, file && *file ? file : "-", n);
    fflush(d->index);
}

void watch_dir_comment(WatchDir *d, const char *key, const char *value)
{
    if (!d->index)
        return;
    char v[1024];
    clean_field(v, sizeof v, value);
    fprintf(d->index, "# %s\t%s\n", key, v);
    fflush(d->index);
}

void watch_dir_close(WatchDir *d)
{
    if (d->index)
        fclose(d->index);
    free(d->dir);
    memset(d, 0, sizeof *d);
}

/* One snapshot being gathered from index lines of the same seq. */
typedef struct {
    unsigned seq;
    double t;
    Profile *gor, *heap;
    bool open;
} Pending;

static void flush_pending(WatchStore *w, Pending *p)
{
    if (!p->open)
        return;
    if (p->gor || p->heap)
        watch_store_add(w, p->t, p->gor, p->heap);
    pprof_free(p->gor);
    pprof_free(p->heap);
    memset(p, 0, sizeof *p);
}

static bool plain_name(const char *path, size_t lineno, const char *file)
{
    if (strchr(file, '/') || file[0] == '.' || !file[0]) {
        warn_msg("%s:%zu: snapshot file name '%s' is not a plain name; skipped", path, lineno, file);
        return false;
    }
    return true;
}

/* A goroutineleak record: the profile and its cost. */
static void load_leaks(const char *dir, const char *path, size_t lineno, WatchStore *w, const char *file,
                       const char *note, double t)
{
    LeakPoll cost;
    if (!watch_leak_parse_note(note, &cost)) {
        warn_msg("%s:%zu: goroutineleak record without its cost ('request_ms=…'); skipped", path, lineno);
        return;
    }
    if (!plain_name(path, lineno, file))
        return;
    char *snap = xasprintf("%s/%s", dir, file);
    FileData fd = {0};
    if (!file_read(snap, &fd)) {
        warn_msg("cannot open '%s': %s; its proven leaks are not counted", snap, strerror(errno));
    } else {
        if (!watch_store_add_leaks(w, fd.data, fd.len, &cost, t))
            warn_msg("%s: not a goroutine dump (goroutineleak?debug=2); its proven leaks are not counted", snap);
        file_data_free(&fd);
    }
    free(snap);
}

bool watch_dir_load(const char *dir, WatchStore *w, char **url, char *err, size_t errlen)
{
    char *path = xasprintf("%s/index.tsv", dir);
    FileData fd;
    if (!file_read_ex(path, &fd, FILE_NOFOLLOW)) {
        snprintf(err, errlen, "cannot open '%s': %s; is '%s' a directory written by drip watch?", path,
                 file_strerror(errno), dir);
        free(path);
        return false;
    }
    if (url)
        *url = NULL;
    Pending pd = {0};
    size_t lineno = 0;
    char *save = NULL;
    for (char *line = strtok_r(fd.data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        lineno++;
        size_t ll = strlen(line);
        if (ll && line[ll - 1] == '\r')
            line[--ll] = 0;
        if (line[0] == '#') {
            if (url && !*url && str_has_prefix(line, "# url\t"))
                *url = xstrdup(line + 6);
            else if (str_has_prefix(line, "# leak-interval\t"))
                w->leak_interval = strtod(line + 16, NULL);
            continue;
        }
        if (!line[0])
            continue;
        char *f[5] = {0};
        int nf = 0;
        char *s = line;
        while (nf < 5) {
            f[nf++] = s;
            char *tab = strchr(s, '\t');
            if (!tab)
                break;
            *tab = 0;
            s = tab + 1;
        }
        char *end1 = NULL, *end2 = NULL;
        unsigned long seq = nf >= 4 ? strtoul(f[0], &end1, 10) : 0;
        double t = nf >= 4 ? strtod(f[1], &end2) : 0;
        if (nf < 4 || !end1 || *end1 || !end2 || *end2 || !isfinite(t)) {
            warn_msg("%s:%zu: malformed index line; skipped", path, lineno);
            continue;
        }
        if (t < 0 || t > WATCH_MAX_TIME || seq > UINT_MAX) {
            warn_msg("%s:%zu: %s '%s' out of range; skipped", path, lineno, seq > UINT_MAX ? "sequence number" : "time",
                     seq > UINT_MAX ? f[0] : f[1]);
            continue;
        }
        const char *kind = f[2], *file = f[3], *note = nf >= 5 ? f[4] : "";
        if (pd.open && pd.seq != seq)
            flush_pending(w, &pd);
        if (strcmp(kind, "gap") == 0) {
            flush_pending(w, &pd);
            watch_store_gap(w, t, note, false);
            continue;
        }
        if (strcmp(kind, "restart") == 0)
            continue; /* the store detects restarts from the profiles */
        if (strcmp(kind, "leakerror") == 0) {
            w->leak_errors++;
            continue;
        }
        if (strcmp(kind, "leakprofile") == 0) {
            watch_store_leak_status(w, note);
            continue;
        }
        if (strcmp(kind, "goroutineleak") == 0) {
            load_leaks(dir, path, lineno, w, file, note, t);
            continue;
        }
        if (strcmp(kind, "goroutine") != 0 && strcmp(kind, "heap") != 0) {
            warn_msg("%s:%zu: unknown record kind '%s'; skipped", path, lineno, kind);
            continue;
        }
        if (!plain_name(path, lineno, file))
            continue;
        char *snap = xasprintf("%s/%s", dir, file);
        char perr[512];
        Profile *p = pprof_load_ex(snap, FILE_NOFOLLOW, perr, sizeof perr);
        if (p && p->partial) {
            /* A snapshot read in part would bend the trend: a gap. */
            snprintf(perr, sizeof perr, "%s: partial snapshot: %s", snap, p->partial);
            pprof_free(p);
            p = NULL;
        }
        if (!p) {
            warn_msg("%s; counted as a gap", perr);
            char reason[600];
            snprintf(reason, sizeof reason, "unreadable snapshot %s", file);
            flush_pending(w, &pd);
            watch_store_gap(w, t, reason, false);
            free(snap);
            continue;
        }
        free(snap);
        if (!pd.open) {
            pd.open = true;
            pd.seq = (unsigned)seq;
            pd.t = t;
        }
        Profile **slot = strcmp(kind, "goroutine") == 0 ? &pd.gor : &pd.heap;
        pprof_free(*slot);
        *slot = p;
    }
    flush_pending(w, &pd);
    file_data_free(&fd);
    free(path);
    return true;
}
