/* fuzz_parse.c - libFuzzer harness over the Go lexer and parser: any input
 * must parse (with errors) without a crash, leak, hang or undefined
 * behaviour; the tree it gives must be walkable and dumpable. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "go/ast.h"

static bool visit(GoNode *n, void *ctx)
{
    (*(size_t *)ctx)++;
    return n != NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *sink;
    if (!sink)
        sink = fopen("/dev/null", "w");
    /* an exact-size copy, so that reading past the end is caught */
    char *src = malloc(size ? size : 1);
    if (size)
        memcpy(src, data, size);
    GoFileSet *fs = go_fileset_new();
    Arena a;
    arena_init(&a);
    GoErrors errs = {0};
    GoFile *f = go_parse(fs, "fuzz.go", src, size, &a, &errs);
    size_t nodes = 0;
    go_inspect(&f->n, visit, NULL, &nodes);
    go_errors_sort(&errs);
    for (size_t i = 0; i < errs.list.len; i++) {
        GoPosition p = go_fileset_position(fs, errs.list.items[i].pos);
        if (!p.path)
            abort(); /* every error has a position in the file */
    }
    if (sink)
        go_dump(f, sink);
    go_errors_free(&errs);
    arena_free(&a);
    go_fileset_free(fs);
    free(src);
    return 0;
}
