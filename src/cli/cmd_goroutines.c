/* cmd_goroutines.c - placeholder until the subcommand lands. */
#include "cmd.h"
#include "../util/util.h"

int cmd_goroutines(int argc, char **argv)
{
    UNUSED(argc);
    UNUSED(argv);
    error_msg("'goroutines' is not built yet");
    return 2;
}
