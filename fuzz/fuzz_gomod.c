/* fuzz_gomod.c - libFuzzer harness for go.mod and build-constraint
 * reading: the input is split at the first "\n==\n" into a go.mod and a
 * Go file's header (//go:build and // +build lines, the package clause),
 * written to a directory that drip check's loader then reads as ./...;
 * the header is also evaluated on its own, line by line. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sema/load.h"

static char dir[64];

static void put(const char *name, const uint8_t *p, size_t n)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    if (n)
        fwrite(p, 1, n, f);
    fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/drip-fuzz-gomod.XXXXXX");
        if (!mkdtemp(dir))
            abort();
    }
    const uint8_t *cut = NULL;
    for (size_t i = 0; i + 4 <= size; i++)
        if (memcmp(data + i, "\n==\n", 4) == 0) {
            cut = data + i;
            break;
        }
    size_t modlen = cut ? (size_t)(cut - data) : size;
    const uint8_t *src = cut ? cut + 4 : data + size;
    size_t srclen = (size_t)(data + size - src);
    put("go.mod", data, modlen);
    put("a.go", src, srclen);

    BuildCtx bc;
    build_ctx_default(&bc);
    bc.tests = size % 2 == 0;
    char *text = malloc(srclen + 1);
    memcpy(text, src, srclen);
    text[srclen] = 0;
    char *pkgname = NULL;
    pkg_match_file_header(&bc, text, srclen, &pkgname, NULL);
    free(pkgname);
    for (char *line = text; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = 0;
        if (strncmp(line, "//go:build", 10) == 0)
            pkg_eval_go_build(&bc, line + 10);
        else if (strncmp(line, "// +build", 9) == 0)
            pkg_eval_plus_build(&bc, line + 9);
        line = nl ? nl + 1 : NULL;
    }
    free(text);

    char pattern[80];
    snprintf(pattern, sizeof pattern, "%s/...", dir);
    const char *pats[] = {pattern};
    Program prog;
    memset(&prog, 0, sizeof prog);
    pkg_load(&prog, &bc, pats, 1);
    pkg_program_free(&prog);
    return 0;
}
