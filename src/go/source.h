/* source.h - reading Go source files and finding them in directories. */
#ifndef DRIP_GO_SOURCE_H
#define DRIP_GO_SOURCE_H

#include "../util/array.h"
#include "../util/util.h"

/* Reads a whole file with one read (NUL-terminated); false with errno set
 * on failure. Free with file_data_free. */
bool go_source_read(const char *path, FileData *out);

typedef Array(char *) GoPathList;

/* Appends arg if it is a file, or every *.go file below it (recursively,
 * in sorted order; links to files are followed, links to folders are not)
 * if it is a directory. False with errno set if arg cannot be read. */
bool go_find_files(const char *arg, GoPathList *out);
void go_path_list_free(GoPathList *l);
/* The same, handing each path (xmalloc'ed, now the callee's) to emit as
 * it is found, so that work on the first files can start during the walk. */
bool go_walk_files(const char *arg, void (*emit)(void *ctx, char *path), void *ctx);

#endif
