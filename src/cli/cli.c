/* cli.c: helpers shared by the subcommands and the TUI's start-up (this
 * file is in libivstui.a, so the unit tests link it; main.c is not). */
#include <stdarg.h>
#include <stdio.h>

#include "ivs/cli.h"

void ivs_cli_error(const char *fmt, ...)
{
	va_list ap;
	fputs("ivs-tui: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}
