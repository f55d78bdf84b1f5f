/* term.h: terminal life (src/tui/term.c): signals and the recovery file.
 * The TUI's main loop calls ivs_term_signal_take() after every input wait
 * (input waits use a timeout, so a signal is seen within ~200 ms). */
#ifndef IVS_TERM_H
#define IVS_TERM_H

/* Installs handlers: SIGHUP/SIGTERM/SIGINT set a flag; fatal signals
 * (SIGSEGV, SIGBUS, SIGFPE, SIGABRT) restore the terminal and re-raise.
 * Call it before initscr() (it records the tty settings to give back) and
 * again after initscr() (it then records the terminfo strings that leave
 * the alternate screen); calling it more than once is fine. */
void ivs_term_signals_install(void);
/* The pending terminating signal (SIGHUP, SIGTERM), or 0; clears it.
 * SIGINT (Ctrl-C when the tty is not in raw mode) is returned too, after
 * any SIGHUP/SIGTERM: treat it as Ctrl-C, quit with confirmation. */
int ivs_term_signal_take(void);
/* After initscr(): records the reset strings (sgr0, cnorm, rmcup) the
 * fatal-signal handler writes. ivs_term_signals_install() does it too
 * when curses is already set up. */
void ivs_term_screen_ready(void);
/* Before endwin() at exit: the fatal-signal handler writes no more. */
void ivs_term_screen_done(void);

#endif
