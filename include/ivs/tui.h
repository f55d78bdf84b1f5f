/* tui.h: the interactive editor and wizard (src/tui/). The only entry the
 * program's main uses; main.c parses the command line (the program has
 * one option parser and one usage text) and hands the TUI its options. */
#ifndef IVS_TUI_H
#define IVS_TUI_H

#include <stdbool.h>

struct ivs_tui_options {
	const char *file;       /* NULL: the new-stack wizard */
	const char *theme;      /* --theme NAME, NULL: config.yaml or "default" */
	bool no_mouse;          /* --no-mouse */
	const char *baseline;   /* --baseline TEMPLATE, NULL: the project's last export */
};

/* Runs the TUI; returns the process exit code (msg.h). */
int ivs_tui_main(const struct ivs_tui_options *o);

#endif
