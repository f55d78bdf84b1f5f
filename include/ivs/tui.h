/* tui.h: the interactive editor and wizard (src/tui/). The only entry the
 * CLI uses. argv holds the options and the optional FILE after "ivs-tui".
 * Returns the process exit code. */
#ifndef IVS_TUI_H
#define IVS_TUI_H

int ivs_tui_main(int argc, char **argv);

#endif
