/* cmd.h - the subcommands; each lives in its own cmd_<name>.c. Every
 * function returns the process exit status. */
#ifndef DRIP_CMD_H
#define DRIP_CMD_H

int cmd_parse(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_goroutines(int argc, char **argv);
int cmd_heap(int argc, char **argv);
int cmd_watch(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_config(int argc, char **argv);
int cmd_test(int argc, char **argv);

#endif
