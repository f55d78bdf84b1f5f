/* cmd_token.c: placeholder until the token command lands. */
#include "ivs/cli.h"

int ivs_cmd_token(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	ivs_cli_error("token: not available in this build yet");
	return IVS_EXIT_USAGE;
}
