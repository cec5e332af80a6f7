/* cmd_heap.c - placeholder until the subcommand lands. */
#include "cmd.h"
#include "../util/util.h"

int cmd_heap(int argc, char **argv)
{
    UNUSED(argc);
    UNUSED(argv);
    error_msg("'heap' is not built yet");
    return 2;
}
