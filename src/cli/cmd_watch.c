/* cmd_watch.c - drip watch URL: polls a live service's pprof endpoints,
 * writes every snapshot as it arrives, and at the end (duration reached or
 * Ctrl-C) says which goroutine groups and allocation sites grow steadily. */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../report/report_watch.h"
#include "../watch/trend.h"
#include "../watch/watch.h"
#include "../watch/watch_http.h"
#include "../util/term.h"
#include "../util/util.h"
#include "cmd.h"
#include "limit_flags.h"
#include "opt.h"
#include "watch_flags.h"

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
    stop_requested = 1;
    /* A second Ctrl-C ends drip at once; snapshots are already on disk. */
    signal(sig, SIG_DFL);
}

static double wall_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Sleeps until the monotonic time `until`, waking early on a signal. */
static void sleep_until(double until)
{
    while (!stop_requested) {
        double left = until - now_seconds();
        if (left <= 0)
            return;
        double step = MIN(left, 0.1);
        struct timespec ts = {(time_t)step, (long)((step - (double)(time_t)step) * 1e9)};
        nanosleep(&ts, NULL);
    }
}

/* Base URL without a trailing "/" or "/debug/pprof[/]". */
static char *base_url(const char *url)
{
    char *b = xstrdup(url);
    size_t n = strlen(b);
    while (n && b[n - 1] == '/')
        b[--n] = 0;
    if (n >= 12 && strcmp(b + n - 12, "/debug/pprof") == 0)
        b[n - 12] = 0;
    return b;
}

/* The series with the steepest recent growth, for the live view. */
static const Series *top_growing(const WatchStore *w, SeriesKind kind, double *slope_per_min)
{
    enum { RECENT = 20 };
    size_t n = w->snaps.len;
    if (n < 3)
        return NULL;
    size_t from = n > RECENT ? n - RECENT : 0;
    int seg = w->snaps.items[n - 1].segment;
    double t[RECENT], y[RECENT];
    const Series *best = NULL;
    double best_slope = 0;
    for (size_t k = 0; k < w->series.len; k++) {
        const Series *s = w->series.items[k];
        if (s->kind != kind || s->idle)
            continue;
        size_t m = 0;
        for (size_t i = from; i < n; i++)
            if (w->snaps.items[i].segment == seg && !isnan(s->values.items[i])) {
                t[m] = w->snaps.items[i].t;
                y[m] = s->values.items[i];
                m++;
            }
        if (m < 3)
            continue;
        double sl = trend_theil_sen(t, y, m);
        if (sl > best_slope) {
            best_slope = sl;
            best = s;
        }
    }
    *slope_per_min = best_slope * 60;
    return best;
}

/* " | verdict in ~12s": snapshots still missing for a verdict, as time at
 * this interval, or " | verdict possible" once there are enough. */
static int verdict_eta(char *buf, size_t n, const WatchStore *w, size_t need, double interval)
{
    size_t in_last = 0;
    watch_usable_snapshots(w, &in_last);
    if (in_last >= need)
        return snprintf(buf, n, " | verdict possible");
    double left = (double)(need - in_last) * interval;
    return snprintf(buf, n, " | verdict in ~%.0fs (at %zu)", ceil(left), need);
}

static void progress(const WatchStore *w, double elapsed, size_t gaps, size_t need, double interval)
{
    char g[64] = "-", h[64] = "-";
    if (w->snaps.len) {
        const Snapshot *s = array_last(&w->snaps);
        report_watch_value(g, sizeof g, SERIES_GOROUTINES, s->goroutines, false);
        report_watch_value(h, sizeof h, SERIES_HEAP, s->heap_inuse, false);
    }
    char line[512];
    int n = snprintf(line, sizeof line, "[%.0fs] %zu snapshots, %zu gaps", elapsed, w->snaps.len, gaps);
    if (n > 0 && (size_t)n < sizeof line)
        n += verdict_eta(line + n, sizeof line - (size_t)n, w, need, interval);
    if (n > 0 && (size_t)n < sizeof line)
        n += snprintf(line + n, sizeof line - (size_t)n, " | goroutines %s | heap %s", g, h);
    for (int k = 0; k < 2 && n > 0 && (size_t)n < sizeof line; k++) {
        double sl;
        SeriesKind kind = k == 0 ? SERIES_GOROUTINES : SERIES_HEAP;
        const Series *s = top_growing(w, kind, &sl);
        if (s) {
            char v[64];
            report_watch_value(v, sizeof v, kind, sl, true);
            const char *fn = strrchr(s->func, '/');
            n += snprintf(line + n, sizeof line - (size_t)n, " | %s %s/min", term_safe(fn ? fn + 1 : s->func), v);
        }
    }
    /* One terminal line, or \r cannot redraw it. */
    struct winsize ws;
    size_t cols = ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 1 ? ws.ws_col : 80;
    if (strlen(line) >= cols)
        line[cols - 1] = 0;
    fprintf(stderr, "\r\033[K%s", line);
    fflush(stderr);
}

typedef struct {
    HttpClient *http;
    WatchDir *dir;
    WatchStore *store;
    size_t gaps;
    char last_err[1024];
} Poller;

/* Fetches and checks one profile; writes it to the directory. Returns the
 * decoded profile or NULL (with the reason in p->last_err). */
static Profile *fetch(Poller *p, unsigned seq, double t, const char *url, const char *kind)
{
    size_t len = 0;
    char err[400], name[64], *tmp;
    snprintf(name, sizeof name, "%06u-%s.pb.gz", seq, kind);
    /* The body goes straight to the snapshot's temporary file (at most
     * --max-response bytes), then is read back within --max-memory. */
    int fd = watch_dir_begin(p->dir, name, &tmp, err, sizeof err);
    if (fd < 0) {
        snprintf(p->last_err, sizeof p->last_err, "%s: %s", kind, err);
        return NULL;
    }
    if (!http_get_fd(p->http, url, fd, &len, err, sizeof err)) {
        snprintf(p->last_err, sizeof p->last_err, "%s: %s", kind, err);
        watch_dir_end(p->dir, name, fd, tmp, false, err, sizeof err);
        return NULL;
    }
    char perr[400];
    Profile *prof = NULL;
    FileData data;
    if (!file_read(tmp, &data)) {
        snprintf(perr, sizeof perr, "%s", file_strerror(errno));
    } else {
        prof = pprof_parse(data.data, data.len, perr, sizeof perr);
        file_data_free(&data);
        if (prof && prof->partial) {
            snprintf(perr, sizeof perr, "partial profile: %s", prof->partial);
            pprof_free(prof);
            prof = NULL;
        }
    }
    if (!prof) {
        snprintf(p->last_err, sizeof p->last_err, "%s: unreadable profile from %s: %s", kind, url, perr);
        watch_dir_end(p->dir, name, fd, tmp, false, err, sizeof err);
        return NULL;
    }
    if (watch_dir_end(p->dir, name, fd, tmp, true, err, sizeof err))
        watch_dir_log(p->dir, seq, t, kind, name, "");
    else
        warn_msg("%s", err);
    return prof;
}

/* Go's own verdict: /debug/pprof/goroutineleak?debug=2, at most every
 * interval, since each request costs the service a full GC with a
 * stop-the-world pause that grows with its goroutines. */
typedef struct {
    char *url;        /* the goroutineleak profile at debug=2 */
    char *url_mem;    /* heap?debug=1: runtime.MemStats, for the GC pauses */
    double interval;
    double last;      /* monotonic start of the last poll; < 0: none yet */
    bool off;         /* disabled, or the service does not serve it */
    char last_err[600];
} LeakPoller;

static void leak_off(Poller *p, LeakPoller *lp, unsigned seq, double t, const char *why)
{
    lp->off = true;
    watch_dir_log(p->dir, seq, t, "leakprofile", "-", why);
    watch_store_leak_status(p->store, why);
}

/* runtime.MemStats of the service, from heap?debug=1: the GC count
 * before a leak poll, and the pauses of the cycles since after it. The
 * legacy heap profile is only read for them, so a larger one than this
 * leaves the pause unknown rather than taking memory. */
#define MEMSTATS_MAX ((size_t)32 << 20)
static bool gc_count(Poller *p, LeakPoller *lp, uint64_t *numgc)
{
    unsigned char *data = NULL;
    size_t len = 0;
    char err[400];
    if (!http_get_small(p->http, lp->url_mem, MEMSTATS_MAX, &data, &len, err, sizeof err))
        return false;
    bool ok = watch_gc_count((const char *)data, len, numgc);
    free(data);
    return ok;
}

static void gc_pauses(Poller *p, LeakPoller *lp, uint64_t numgc_before, LeakPoll *cost)
{
    unsigned char *data = NULL;
    size_t len = 0;
    char err[400];
    cost->gc_pause_ms = NAN;
    cost->gc_cycles = 0;
    if (!http_get_small(p->http, lp->url_mem, MEMSTATS_MAX, &data, &len, err, sizeof err))
        return;
    double ms;
    int cycles;
    if (watch_gc_pauses((const char *)data, len, numgc_before, &ms, &cycles)) {
        cost->gc_pause_ms = ms;
        cost->gc_cycles = cycles;
    }
    free(data);
}

/* tick: the monotonic start of this round of polls, so that leak polls
 * keep to the ticks' schedule whatever the other requests took. */
static void poll_leaks(Poller *p, LeakPoller *lp, unsigned seq, double t, double tick, double elapsed, bool tty)
{
    uint64_t numgc = 0;
    bool have_gc = gc_count(p, lp, &numgc);
    double t0 = now_seconds();
    lp->last = tick;
    unsigned char *data = NULL;
    size_t len = 0;
    char err[400];
    if (!http_get(p->http, lp->url, &data, &len, err, sizeof err)) {
        if (str_has_prefix(err, "HTTP 404")) {
            char why[700];
            snprintf(why, sizeof why,
                     "not served (%s): the service's Go has no goroutineleak profile (Go 1.27 has it, 1.26 with "
                     "GOEXPERIMENT=goroutineleakprofile); judging by growth only", err);
            warn_msg("%s%s", tty ? "\r\033[K" : "", why);
            leak_off(p, lp, seq, t, why);
        } else if (strcmp(err, "interrupted") != 0) {
            if (strcmp(err, lp->last_err) != 0)
                warn_msg("%sgoroutineleak: %s; trying again in %gs", tty ? "\r\033[K" : "", err, lp->interval);
            snprintf(lp->last_err, sizeof lp->last_err, "%s", err);
            watch_dir_log(p->dir, seq, t, "leakerror", "-", err);
            p->store->leak_errors++;
        }
        return;
    }
    LeakPoll cost = {.request_ms = (now_seconds() - t0) * 1000, .gc_pause_ms = NAN};
    if (have_gc)
        gc_pauses(p, lp, numgc, &cost);
    /* to the precision index.tsv keeps, so that drip report reading it
     * back computes the very same means */
    cost.request_ms = round(cost.request_ms * 1000) / 1000;
    if (!isnan(cost.gc_pause_ms))
        cost.gc_pause_ms = round(cost.gc_pause_ms * 1000) / 1000;
    lp->last_err[0] = 0;
    if (!watch_store_add_leaks(p->store, (const char *)data, len, &cost, t)) {
        warn_msg("%sgoroutineleak: %s answered with no goroutine dump; not asking again",
                 tty ? "\r\033[K" : "", lp->url);
        leak_off(p, lp, seq, t, "not a goroutine dump: the service's goroutineleak profile is unreadable");
        free(data);
        return;
    }
    char name[64], note[200];
    snprintf(name, sizeof name, "%06u-goroutineleak.txt.gz", seq);
    const LeakPoll *lpoll = array_last(&p->store->leak_polls);
    watch_leak_note(note, sizeof note, lpoll);
    if (watch_dir_write_gz(p->dir, name, data, len, err, sizeof err))
        watch_dir_log(p->dir, seq, t, "goroutineleak", name, note);
    else
        warn_msg("%s", err);
    free(data);
    char pause[64] = "unknown";
    if (!isnan(lpoll->gc_pause_ms))
        snprintf(pause, sizeof pause, "%.2f ms (%d GC cycle%s)", lpoll->gc_pause_ms, lpoll->gc_cycles,
                 lpoll->gc_cycles == 1 ? "" : "s");
    fprintf(stderr, "%sdrip: goroutineleak at +%.0fs: %" PRIu64 " of %" PRIu64
                    " goroutines proven leaked in %zu place%s; request %.1f ms, server GC pause %s\n",
            tty ? "\r\033[K" : "", elapsed, lpoll->leaked, lpoll->goroutines, lpoll->places,
            lpoll->places == 1 ? "" : "s", lpoll->request_ms, pause);
}

int cmd_watch(int argc, char **argv)
{
    const char *interval_s = "5s", *duration_s = NULL, *out = NULL, *timeout_s = "10s", *leak_interval_s = "1m";
    OptList headers = {0};
    bool insecure = false, no_progress = false, no_gc = false, no_leak = false;
    VerdictFlags vf;
    verdict_flags_init(&vf);
    LimitFlags lf = {0};
    SourceFlags sf = {0};
    const char *follow_s = "same-origin";
    const char *format = "text";
    const Opt opts[] = {
        {"format", 'f', OPT_STRING, &format, "FMT", "verdict format: text (default) or json (as verdict.json)"},
        {"interval", 'i', OPT_STRING, &interval_s, "DUR", "time between polls, e.g. 500ms, 5s (default 5s)"},
        {"duration", 'd', OPT_STRING, &duration_s, "DUR", "stop after DUR (default: until Ctrl-C)"},
        {"out", 'o', OPT_STRING, &out, "DIR", "directory for snapshots and the report (default drip-watch-TIME)"},
        {"header", 'H', OPT_LIST, &headers, "'NAME: VALUE'", "extra HTTP header, e.g. for auth (repeatable)"},
        {"timeout", 0, OPT_STRING, &timeout_s, "DUR", "limit for one HTTP request (default 10s)"},
        {"insecure", 'k', OPT_FLAG, &insecure, NULL, "do not verify TLS certificates"},
        {"follow-redirects", 0, OPT_STRING, &follow_s, "WHERE",
         "same-origin (default), any (--header values stay with the origin) or none"},
        {"no-progress", 0, OPT_FLAG, &no_progress, NULL, "no live progress line (it shows only on a terminal)"},
        {"no-gc", 0, OPT_FLAG, &no_gc, NULL, "do not ask the service to run a GC before each heap profile"},
        {"leak-interval", 0, OPT_STRING, &leak_interval_s, "DUR",
         "time between polls of Go's goroutineleak profile, which costs the service a full GC (default 1m)"},
        {"no-leak-profile", 0, OPT_FLAG, &no_leak, NULL, "never ask for /debug/pprof/goroutineleak"},
        VERDICT_FLAG_OPTS(vf),
        SOURCE_FLAG_OPTS(sf),
        LIMIT_MEMORY_OPT(lf),
        LIMIT_RESPONSE_OPT(lf),
        {0},
    };
    const OptSpec spec = {
        "watch", "drip watch [flags] URL",
        "Polls URL/debug/pprof/goroutine and URL/debug/pprof/heap (net/http/pprof)\n"
        "every --interval, for --duration or until Ctrl-C, and writes each snapshot to\n"
        "the --out directory as it arrives. Where the service serves Go's goroutine\n"
        "leak profile (Go 1.27), it is read every --leak-interval: goroutines it proves\n"
        "leaked are leaks, and each poll's cost is shown. Failed polls and service restarts are\n"
        "recorded as gaps. At the end it says which goroutine groups and allocation\n"
        "sites grow steadily (Mann-Kendall trend test and Theil-Sen slope), prints the\n"
        "verdict and writes DIR/report.html; 'drip report DIR' does it again later.",
        opts,
        "0  no leak: every series was judged on enough snapshots\n"
        "1  something leaks\n"
        "2  usage error, or no snapshot could be taken\n"
        "3  inconclusive: no leak seen, but fewer snapshots than --min-snapshots",
    };
    char **rest;
    int nrest;
    int rc = opt_parse(&spec, argc, argv, &rest, &nrest);
    if (rc) {
        opt_list_free(&headers);
        return rc == 1 ? 0 : 2;
    }
    int status = 2;
    double interval, duration = 0, timeout, leak_interval;
    WatchParams params;
    if (nrest != 1) {
        error_msg("drip watch needs exactly one URL, e.g. http://127.0.0.1:6060");
        goto done_args;
    }
    if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0) {
        error_msg("drip watch: unknown format '%s': want text or json", format);
        goto done_args;
    }
    if (!parse_duration(interval_s, &interval) || interval < 0.05) {
        error_msg("--interval '%s' is not a duration of at least 50ms (e.g. 500ms, 5s)", interval_s);
        goto done_args;
    }
    if (duration_s && (!parse_duration(duration_s, &duration) || duration <= 0)) {
        error_msg("--duration '%s' is not a positive duration (e.g. 30s, 10m)", duration_s);
        goto done_args;
    }
    if (!parse_duration(leak_interval_s, &leak_interval) || leak_interval < 0.05) {
        error_msg("--leak-interval '%s' is not a duration of at least 50ms (e.g. 30s, 1m)", leak_interval_s);
        goto done_args;
    }
    if (!parse_duration(timeout_s, &timeout) || timeout < 0.01) {
        error_msg("--timeout '%s' is not a positive duration", timeout_s);
        goto done_args;
    }
    for (int i = 0; i < headers.len; i++)
        if (!strchr(headers.items[i], ':')) {
            error_msg("--header '%s' has no ':'; write it as 'Name: value'", headers.items[i]);
            goto done_args;
        }
    if (!verdict_flags_apply(&vf, &params) || !limit_flags_apply(&lf))
        goto done_args;
    HttpFollow follow = HTTP_FOLLOW_SAME_ORIGIN;
    if (strcmp(follow_s, "any") == 0)
        follow = HTTP_FOLLOW_ANY;
    else if (strcmp(follow_s, "none") == 0)
        follow = HTTP_FOLLOW_NONE;
    else if (strcmp(follow_s, "same-origin") != 0) {
        error_msg("--follow-redirects '%s': want same-origin, any or none", follow_s);
        goto done_args;
    }

    char *base = base_url(rest[0]);
    char *url_g = xasprintf("%s/debug/pprof/goroutine", base);
    char *url_h = xasprintf("%s/debug/pprof/heap%s", base, no_gc ? "" : "?gc=1");
    LeakPoller lp = {.url = xasprintf("%s/debug/pprof/goroutineleak?debug=2", base),
                     .url_mem = xasprintf("%s/debug/pprof/heap?debug=1", base),
                     .interval = leak_interval, .last = -1, .off = no_leak};
    char *outdir = NULL;
    if (out) {
        outdir = xstrdup(out);
    } else {
        time_t now = time(NULL);
        struct tm tm;
        char stamp[32];
        strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", localtime_r(&now, &tm));
        outdir = xasprintf("drip-watch-%s", stamp);
    }
    WatchDir dir;
    char err[1024];
    if (!watch_dir_create(&dir, outdir, base, err, sizeof err)) {
        error_msg("%s", err);
        free(base);
        free(url_g);
        free(url_h);
        free(lp.url);
        free(lp.url_mem);
        free(outdir);
        goto done_args;
    }
    if (!http_global_init(err, sizeof err)) {
        error_msg("%s", err);
        watch_dir_close(&dir);
        free(base);
        free(url_g);
        free(url_h);
        free(lp.url);
        free(lp.url_mem);
        free(outdir);
        goto done_args;
    }
    HttpOpts ho = {.timeout_ms = (long)(timeout * 1000), .insecure = insecure, .headers = headers.items,
                   .nheaders = headers.len, .max_bytes = limits.max_response, .stop = &stop_requested,
                   .follow = follow};
    WatchStore store;
    watch_store_init(&store);
    source_flags_apply(&sf, &store);
    Poller p = {.http = http_client_new(&ho), .dir = &dir, .store = &store};
    stop_requested = 0;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    bool tty = !no_progress && isatty(STDERR_FILENO);
    if (no_leak) {
        leak_off(&p, &lp, 0, wall_now(), "off (--no-leak-profile)");
    } else {
        char iv[32];
        snprintf(iv, sizeof iv, "%g", leak_interval);
        watch_dir_comment(&dir, "leak-interval", iv);
        store.leak_interval = leak_interval;
    }
    fprintf(stderr, "drip: watching %s every %gs%s; snapshots go to %s\n", term_safe(base), interval,
            duration ? "" : " until Ctrl-C", term_safe(outdir));
    double start = now_seconds();
    unsigned seq = 0;
    char last_warned[2200] = "";
    while (!stop_requested && p.http) {
        seq++;
        /* to the millisecond index.tsv keeps, so that drip report reading
         * it back fits the very same trend */
        double t = round(wall_now() * 1000) / 1000, tick = now_seconds();
        p.last_err[0] = 0;
        Profile *g = fetch(&p, seq, t, url_g, "goroutine");
        char gerr[1024];
        snprintf(gerr, sizeof gerr, "%s", p.last_err);
        Profile *h = stop_requested ? NULL : fetch(&p, seq, t, url_h, "heap");
        /* A poll cut short by Ctrl-C is no gap; what it got still counts. */
        bool interrupted = stop_requested && (!g || !h);
        if ((g || h) && watch_store_add(&store, t, g, h))
            watch_dir_log(&dir, seq, t, "restart", "-", array_last(&store.gaps)->reason);
        if (!interrupted && (!g || !h)) {
            char reason[2200];
            if (!g && !h && strcmp(gerr, p.last_err) != 0 && strstr(p.last_err, "heap: ") == p.last_err)
                snprintf(reason, sizeof reason, "poll failed: %s; %s", gerr, p.last_err);
            else if (!g && !h)
                snprintf(reason, sizeof reason, "poll failed: %s", p.last_err);
            else
                snprintf(reason, sizeof reason, "poll incomplete: %s", !g ? gerr : p.last_err);
            watch_dir_log(&dir, seq, t, "gap", "-", reason);
            watch_store_gap(&store, t, reason, false);
            p.gaps++;
            /* Off a terminal, say each new kind of failure once. */
            if (!tty && strcmp(reason, last_warned) != 0)
                warn_msg("%s", reason);
            snprintf(last_warned, sizeof last_warned, "%s", reason);
        } else if (g && h) {
            last_warned[0] = 0;
        }
        pprof_free(g);
        pprof_free(h);
        if (!lp.off && !stop_requested && (lp.last < 0 || tick - lp.last >= lp.interval - 1e-3))
            poll_leaks(&p, &lp, seq, t, tick, now_seconds() - start, tty);
        double elapsed = now_seconds() - start;
        if (tty)
            progress(&store, elapsed, p.gaps, params.min_snapshots, interval);
        if (duration && elapsed + 1e-3 >= duration)
            break;
        double next = start + interval * seq;
        if (next < now_seconds()) /* a slow poll: skip missed ticks */
            next = now_seconds() + interval - fmod(now_seconds() - start, interval);
        if (duration)
            next = MIN(next, start + duration);
        sleep_until(next);
        if (duration && now_seconds() - start >= duration)
            break;
    }
    if (tty)
        fputc('\n', stderr);
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    if (stop_requested)
        fprintf(stderr, "drip: interrupted; judging the %zu snapshots taken\n", store.snaps.len);
    watch_dir_close(&dir);
    if (store.snaps.len == 0) {
        error_msg("no snapshot could be taken from %s: %s", base, p.last_err[0] ? p.last_err : "no poll ran");
        status = 2;
    } else {
        WatchReportOpts o = {.source = base, .color = use_color(STDOUT_FILENO), .max_items = 10,
                             .json = strcmp(format, "json") == 0};
        status = report_watch_finish(stdout, &store, &params, outdir, &o);
    }
    http_client_free(p.http);
    http_global_cleanup();
    watch_store_free(&store);
    free(base);
    free(url_g);
    free(url_h);
    free(lp.url);
    free(lp.url_mem);
    free(outdir);
done_args:
    opt_list_free(&headers);
    free(rest);
    return status;
}
