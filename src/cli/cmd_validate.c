/* cmd_validate.c: placeholder until the validate command lands. */
#include "ivs/cli.h"

int ivs_cmd_validate(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	ivs_cli_error("validate: not available in this build yet");
	return IVS_EXIT_USAGE;
}
