/* test_dump_reader.c - unit tests of the goroutine dump reader, grouping,
 * analysis and diff, on dumps built in memory and in files. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "runtime/dump.h"
#include "util/strbuf.h"

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

static const DumpReadOptions quiet = {false, 0, true};

static void read_str(DumpSnapshot *s, const char *text)
{
    dump_read_buffer(s, "mem", text, strlen(text), &quiet);
}

static void test_header_fields(void)
{
    DumpSnapshot s;
    read_str(&s, "goroutine 7 gp=0xc000002380 m=nil [chan send (scan), 12 minutes, locked to thread]:\r\n"
                 "main.f(0xc000010000?, {0x1, 0x2}, ...)\r\n"
                 "\t/a/b.go:42 +0x8c fp=0xc0000 sp=0xc0000 pc=0x4000\r\n"
                 "...additional frames elided...\r\n"
                 "created by main.g in goroutine 3\r\n"
                 "\t/a/c.go:9 +0x3c\r\n");
    EXPECT("dump-reader/one-group", s.groups.len == 1 && s.goroutines == 1 && s.format == DUMP_FORMAT_STACKS);
    DumpGroup *g = s.groups.items[0];
    EXPECT("dump-reader/wait-core", strcmp(g->wait, "chan send") == 0);
    EXPECT("dump-reader/minutes", g->wait_known && g->wait_min == 12 && g->wait_max == 12);
    EXPECT("dump-reader/locked", g->locked == 1);
    EXPECT("dump-reader/id", g->nids == 1 && g->ids[0] == 7);
    EXPECT("dump-reader/frame", g->nframes == 1 && strcmp(g->frames[0].func, "main.f") == 0 &&
                                    strcmp(g->frames[0].file, "/a/b.go") == 0 && g->frames[0].line == 42);
    EXPECT("dump-reader/args-folded", g->frames[0].args[0] == 0);
    EXPECT("dump-reader/elided", g->elided);
    EXPECT("dump-reader/created", strcmp(g->created.func, "main.g") == 0 && strcmp(g->created.file, "/a/c.go") == 0 &&
                                      g->created.line == 9 && g->created_in == 3);
    EXPECT("dump-reader/no-errors", s.errors == 0);
    dump_snapshot_free(&s);
}

static void test_grouping(void)
{
    const char *rec = "goroutine %d [chan receive%s]:\n"
                      "main.w(0x%x)\n\t/a/w.go:5 +0x1\n"
                      "created by main.main\n\t/a/m.go:3 +0x2\n\n";
    StrBuf b;
    sb_init(&b);
    for (int i = 0; i < 10; i++)
        sb_printf(&b, rec, i + 10, i == 3 ? ", 30 minutes" : i == 5 ? ", 2 minutes" : "", i);
    DumpSnapshot s;
    read_str(&s, b.data);
    EXPECT("dump-group/fold-args", s.groups.len == 1 && s.goroutines == 10);
    DumpGroup *g = s.groups.items[0];
    EXPECT("dump-group/wait-range", g->wait_min == 0 && g->wait_max == 30);
    EXPECT("dump-group/id-sample", g->nids == DUMP_ID_SAMPLE && g->ids[0] == 10 && g->ids[4] == 14);
    dump_snapshot_free(&s);
    DumpReadOptions args = {true, 0, true};
    dump_read_buffer(&s, "mem", b.data, b.len, &args);
    EXPECT("dump-group/args-apart", s.groups.len == 10 && strcmp(s.groups.items[2]->frames[0].args, "0x2") == 0);
    dump_snapshot_free(&s);
    sb_free(&b);
}

/* Memory follows distinct stacks: 200,000 goroutines on 3 stacks keep 3
 * groups and an arena of a few kilobytes. */
static void test_memory_by_stacks(void)
{
    StrBuf b;
    sb_init(&b);
    for (int i = 0; i < 200000; i++)
        sb_printf(&b, "goroutine %d [select, %d minutes]:\nmain.loop%d(0xc%06x)\n\t/srv/app/loop.go:%d +0x5\n"
                      "created by main.start\n\t/srv/app/main.go:9 +0x1\n\n",
                  i + 1, i % 60, i % 3, i, 10 + i % 3);
    DumpSnapshot s;
    read_str(&s, b.data);
    EXPECT("dump-memory/groups", s.groups.len == 3 && s.goroutines == 200000);
    EXPECT("dump-memory/arena-small", s.arena.total < 256 * 1024);
    EXPECT("dump-memory/index-small", s.nslots <= 64);
    DumpAnalysis a;
    DumpAnalyzeOptions ao = {false};
    dump_analyze(&a, &s, &ao);
    EXPECT("dump-memory/sites", a.suspects.len == 3 && a.suspect_goroutines == 200000);
    EXPECT("dump-memory/minutes", a.suspects.items[0]->wait_max == 59);
    dump_analysis_free(&a);
    dump_snapshot_free(&s);
    sb_free(&b);
}

static void test_debug1(void)
{
    DumpSnapshot s;
    read_str(&s, "goroutine profile: total 12\n"
                 "9 @ 0x43b256 0x44c0de 0x670adf 0x46b121\n"
                 "# labels: {\"a\":\"b\"}\n"
                 "#\t0x4672e4\tsync.runtime_SemacquireMutex+0x24\t/go/src/runtime/sema.go:77\n"
                 "#\t0x47ccc4\tsync.(*Mutex).lockSlow+0x164\t\t/go/src/sync/mutex.go:171\n"
                 "#\t0x670abc\tmain.f.func1+0x1c\t\t/a/main.go:19\n"
                 "\n"
                 "3 @ 0x43b256 0x46b121\n"
                 "#\t0x670abc\tmain.g+0x1c\t\t/a/main.go:30\n");
    EXPECT("dump-debug1/format", s.format == DUMP_FORMAT_DEBUG1 && s.declared_total == 12);
    EXPECT("dump-debug1/counts", s.goroutines == 12 && s.groups.len == 2);
    DumpGroup *g = s.groups.items[0];
    EXPECT("dump-debug1/frames", g->nframes == 3 && strcmp(g->frames[1].func, "sync.(*Mutex).lockSlow") == 0 &&
                                     g->frames[2].line == 19 && strcmp(g->frames[2].file, "/a/main.go") == 0);
    EXPECT("dump-debug1/labels", g->labels && strcmp(g->labels, "{\"a\":\"b\"}") == 0);
    EXPECT("dump-debug1/no-ids", g->nids == 0 && !g->wait_known);
    DumpAnalysis a;
    DumpAnalyzeOptions ao = {false};
    dump_analyze(&a, &s, &ao);
    EXPECT("dump-debug1/mutex-suspect", a.suspects.len == 1 && a.suspects.items[0]->kind == BLOCK_MUTEX &&
                                            a.suspects.items[0]->count == 9 && a.suspects.items[0]->frame->line == 19);
    dump_analysis_free(&a);
    dump_snapshot_free(&s);
}

static void test_errors(void)
{
    DumpSnapshot s;
    read_str(&s, "goroutine 1 [chan send]:\nmain.f()\ngarbage here\n\ngoroutine 2 [chan send]:\n"
                 "\t/x.go:1\nmain.f()\n\t/a.go:nope\n\ngoroutine 3 [select]:\nbroken(\n");
    EXPECT("dump-errors/counted", s.errors == 4);
    EXPECT("dump-errors/kept-going", s.goroutines == 3);
    dump_snapshot_free(&s);
    /* no newline at the end, a lone header, an empty input */
    read_str(&s, "goroutine 9 [sleep]:\nmain.f()\n\t/a.go:3");
    EXPECT("dump-errors/no-final-newline", s.goroutines == 1 && s.groups.items[0]->frames[0].line == 3);
    dump_snapshot_free(&s);
    read_str(&s, "");
    EXPECT("dump-errors/empty", s.goroutines == 0 && s.format == DUMP_FORMAT_NONE);
    dump_snapshot_free(&s);
}

/* A file read through zlib: gzip, and a line longer than the read buffer. */
static void test_files(void)
{
    char path[] = "/tmp/drip-dump-test-XXXXXX";
    int fd = mkstemp(path);
    EXPECT("dump-file/mkstemp", fd >= 0);
    if (fd < 0)
        return;
    close(fd);
    gzFile gz = gzopen(path, "wb");
    StrBuf b;
    sb_init(&b);
    sb_puts(&b, "goroutine 1 [chan send]:\nmain.f(");
    for (int i = 0; i < 300000; i++)
        sb_puts(&b, "0x1, ");
    sb_puts(&b, "0x2)\n\t/a.go:3 +0x1\n\n");
    for (int i = 0; i < 50000; i++)
        sb_printf(&b, "goroutine %d [chan send]:\nmain.f(0x1)\n\t/a.go:3 +0x1\n\n", i + 2);
    gzwrite(gz, b.data, (unsigned)b.len);
    gzclose(gz);
    DumpSnapshot s;
    bool ok = dump_read(&s, path, &quiet);
    EXPECT("dump-file/gzip", ok && s.goroutines == 50001 && s.groups.len == 1 && s.errors == 0);
    EXPECT("dump-file/bytes", s.bytes == b.len);
    dump_snapshot_free(&s);
    ok = dump_read(&s, "/nonexistent/dump.txt", &quiet);
    EXPECT("dump-file/missing", !ok && s.failed);
    dump_snapshot_free(&s);
    unlink(path);
    sb_free(&b);
}

static void test_diff(void)
{
    const char *rec = "goroutine %d [chan send]:\nmain.w()\n\t/a/w.go:5 +0x1\n\n";
    DumpSnapshot s[3];
    DumpAnalysis a[3];
    DumpAnalyzeOptions ao = {false};
    int counts[3] = {2, 5, 9};
    for (int k = 0; k < 3; k++) {
        StrBuf b;
        sb_init(&b);
        for (int i = 0; i < counts[k]; i++)
            sb_printf(&b, rec, i + 1);
        sb_puts(&b, "goroutine 99 [IO wait]:\ninternal/poll.runtime_pollWait()\n\t/go/netpoll.go:1 +0x1\n"
                    "main.serve()\n\t/a/m.go:7 +0x1\n\n");
        read_str(&s[k], b.data);
        dump_analyze(&a[k], &s[k], &ao);
        sb_free(&b);
    }
    DumpDiff d;
    dump_diff(&d, a, 3);
    EXPECT("dump-diff/trends", d.trends.len == 2);
    DumpTrend *t = &d.trends.items[0];
    EXPECT("dump-diff/growth-first", t->suspect && t->growth == 7 && t->steady && t->counts[1] == 5);
    EXPECT("dump-diff/flat-idle", d.trends.items[1].growth == 0 && !d.trends.items[1].suspect);
    dump_diff_free(&d);
    for (int k = 0; k < 3; k++) {
        dump_analysis_free(&a[k]);
        dump_snapshot_free(&s[k]);
    }
}

int main(void)
{
    test_header_fields();
    test_grouping();
    test_memory_by_stacks();
    test_debug1();
    test_errors();
    test_files();
    test_diff();
    return failures ? 1 : 0;
}
