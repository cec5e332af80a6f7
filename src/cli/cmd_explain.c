/* cmd_explain.c - placeholder until the subcommand lands. */
#include "cmd.h"
#include "../util/util.h"

int cmd_explain(int argc, char **argv)
{
    UNUSED(argc);
    UNUSED(argv);
    error_msg("'explain' is not built yet");
    return 2;
}
