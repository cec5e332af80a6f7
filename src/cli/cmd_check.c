/* cmd_check.c - placeholder until the subcommand lands. */
#include "cmd.h"
#include "../util/util.h"

int cmd_check(int argc, char **argv)
{
    UNUSED(argc);
    UNUSED(argv);
    error_msg("'check' is not built yet");
    return 2;
}
