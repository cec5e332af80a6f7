/* cmd_report.c - placeholder until the subcommand lands. */
#include "cmd.h"
#include "../util/util.h"

int cmd_report(int argc, char **argv)
{
    UNUSED(argc);
    UNUSED(argv);
    error_msg("'report' is not built yet");
    return 2;
}
