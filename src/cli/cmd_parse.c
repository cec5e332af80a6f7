/* cmd_parse.c - placeholder until the subcommand lands. */
#include "cmd.h"
#include "../util/util.h"

int cmd_parse(int argc, char **argv)
{
    UNUSED(argc);
    UNUSED(argv);
    error_msg("'parse' is not built yet");
    return 2;
}
