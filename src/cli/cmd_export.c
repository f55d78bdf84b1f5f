/* cmd_export.c: placeholder until the export command lands. */
#include "ivs/cli.h"

int ivs_cmd_export(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	ivs_cli_error("export: not available in this build yet");
	return IVS_EXIT_USAGE;
}
