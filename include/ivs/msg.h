/* msg.h: what the program's two front ends share (the CLI's commands in
 * src/cli and the TUI's start-up in src/tui; src/ui/msg.c, in libivsui):
 * the exit codes and the one-line message to stderr. Neither front end
 * includes the other's headers. */
#ifndef IVS_MSG_H
#define IVS_MSG_H

/* Exit codes: 0 ok, 1 the input has errors (or a check failed), 2 usage
 * or I/O problem. */
enum { IVS_EXIT_OK = 0, IVS_EXIT_INVALID = 1, IVS_EXIT_USAGE = 2 };

/* Prints "ivs-tui: " + message + "\n" to stderr. */
void ivs_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
