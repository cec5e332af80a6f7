/* cmd_watch.c - placeholder until the subcommand lands. */
#include "cmd.h"
#include "../util/util.h"

int cmd_watch(int argc, char **argv)
{
    UNUSED(argc);
    UNUSED(argv);
    error_msg("'watch' is not built yet");
    return 2;
}
