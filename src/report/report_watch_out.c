/* report_watch_out.c - the end of a watch (or drip report): the verdict on
 * the terminal and as files in the watch directory. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "report_watch.h"
#include "../util/term.h"

static bool write_file(const char *path, const char *data, size_t len)
{
    char *tmp = xasprintf("%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    bool ok = f && fwrite(data, 1, len, f) == len;
    if (f && fclose(f) != 0)
        ok = false;
    if (ok && rename(tmp, path) != 0)
        ok = false;
    if (!ok) {
        error_msg("cannot write '%s': %s", path, strerror(errno));
        unlink(tmp);
    }
    free(tmp);
    return ok;
}

int report_watch_finish(FILE *out, const WatchStore *w, const WatchParams *p, const char *dir,
                        const WatchReportOpts *o)
{
    WatchResult r;
    watch_analyze(w, p, &r);
    if (o->json) {
        StrBuf js;
        sb_init(&js);
        report_watch_json(&js, w, &r, o);
        fwrite(js.data ? js.data : "", 1, js.len, out);
        sb_free(&js);
    } else {
        report_watch_text(out, w, &r, o);
    }
    fflush(out);
    int leaks = 0;
    if (dir) {
        char *buf = NULL;
        size_t len = 0;
        FILE *mem = open_memstream(&buf, &len);
        WatchReportOpts plain = *o;
        plain.color = false;
        report_watch_text(mem, w, &r, &plain);
        fclose(mem);
        char *vpath = xasprintf("%s/verdict.txt", dir);
        if (!write_file(vpath, buf, len))
            leaks = -1;
        free(vpath);
        free(buf);
        StrBuf sb;
        sb_init(&sb);
        report_watch_json(&sb, w, &r, o);
        char *jpath = xasprintf("%s/verdict.json", dir);
        if (!write_file(jpath, sb.data ? sb.data : "", sb.len))
            leaks = -1;
        free(jpath);
        sb_free(&sb);
        sb_init(&sb);
        report_watch_html(&sb, w, &r, o);
        char *hpath = xasprintf("%s/report.html", dir);
        if (!write_file(hpath, sb.data ? sb.data : "", sb.len))
            leaks = -1;
        else
            fprintf(stderr, "drip: report written to %s\n", term_safe(hpath));
        free(hpath);
        sb_free(&sb);
    }
    int status = leaks < 0 ? WATCH_EXIT_ERROR : r.nleaks ? WATCH_EXIT_LEAK
                 : r.inconclusive ? WATCH_EXIT_INCONCLUSIVE : WATCH_EXIT_OK;
    watch_result_free(&r);
    return status;
}
