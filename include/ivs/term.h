/* term.h: terminal life (src/tui/term.c): signals and the recovery file.
 * The TUI's main loop calls ivs_term_signal_take() after every input wait
 * (input waits use a timeout, so a signal is seen within ~200 ms). */
#ifndef IVS_TERM_H
#define IVS_TERM_H

/* Installs handlers: SIGHUP/SIGTERM/SIGINT set a flag; fatal signals
 * (SIGSEGV, SIGBUS, SIGFPE, SIGABRT) restore the terminal and re-raise. */
void ivs_term_signals_install(void);
/* The pending terminating signal (SIGHUP, SIGTERM), or 0; clears it. */
int ivs_term_signal_take(void);

#endif
