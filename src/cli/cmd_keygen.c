/* cmd_keygen.c: placeholder until the keygen command lands. */
#include "ivs/cli.h"

int ivs_cmd_keygen(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	ivs_cli_error("keygen: not available in this build yet");
	return IVS_EXIT_USAGE;
}
