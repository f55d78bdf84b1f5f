/* msg.c: the program's message line (msg.h). */
#include "ivs/msg.h"

#include <stdarg.h>
#include <stdio.h>

void ivs_error(const char *fmt, ...)
{
	va_list ap;
	fputs("ivs-tui: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}
