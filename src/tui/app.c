/* app.c: placeholder until the TUI lands. */
#include "ivs/cli.h"
#include "ivs/tui.h"

int ivs_tui_main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	ivs_cli_error("the terminal UI is not available in this build yet");
	return IVS_EXIT_USAGE;
}
