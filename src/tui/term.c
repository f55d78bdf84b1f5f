/* term.c: signals and a terminal that is always given back.
 *
 * SIGHUP, SIGTERM and SIGINT only set a flag (volatile sig_atomic_t); the
 * main loop reads it with ivs_term_signal_take() after each input wait
 * and does the work there (recovery file, clean exit), where allocating
 * and calling curses is allowed.
 *
 * Fatal signals (SIGSEGV, SIGBUS, SIGFPE, SIGABRT) cannot go back to the
 * loop. endwin() is not async-signal-safe, so the handler does what it can
 * with write(2) and tcsetattr(3) (both async-signal-safe): it writes the
 * terminfo strings that turn off mouse tracking and the keypad mode,
 * reset attributes, show the cursor and leave the alternate screen
 * (rmkx, sgr0, cnorm, rmcup), captured when the screen was set up, restores the tty settings captured at install time, then restores
 * the default action and re-raises the signal so the exit status and any
 * core dump are the real ones. */
#include "ivs/term.h"

#include <curses.h>
#include <signal.h>
#include <string.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

static volatile sig_atomic_t pending_term;   /* SIGHUP or SIGTERM */
static volatile sig_atomic_t pending_int;    /* SIGINT */

static struct termios saved_tty;
static volatile sig_atomic_t have_tty;
static volatile sig_atomic_t screen_active;
static char reset_seq[256];
static size_t reset_len;

static void on_terminate(int sig)
{
	if (sig == SIGINT)
		pending_int = 1;
	else
		pending_term = sig;
}

static void restore_terminal(void)
{
	if (screen_active && reset_len) {
		ssize_t w = write(STDOUT_FILENO, reset_seq, reset_len);
		(void)w;
	}
	if (have_tty)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_tty);
}

static void on_fatal(int sig)
{
	restore_terminal();
	/* string literals only: no formatting in a signal handler */
	const char *msg = sig == SIGSEGV  ? "ivs-tui: crashed (SIGSEGV)"
	                  : sig == SIGBUS ? "ivs-tui: crashed (SIGBUS)"
	                  : sig == SIGFPE ? "ivs-tui: crashed (SIGFPE)"
	                                  : "ivs-tui: crashed (SIGABRT)";
	ssize_t w = write(STDERR_FILENO, msg, strlen(msg));
	static const char tail[] = "; the terminal was restored\r\n";
	w = write(STDERR_FILENO, tail, sizeof(tail) - 1);
	(void)w;
	signal(sig, SIG_DFL);
	raise(sig);
}

static void add_bytes(const char *s)
{
	size_t n = strlen(s);
	if (reset_len + n >= sizeof(reset_seq))
		return;
	memcpy(reset_seq + reset_len, s, n);
	reset_len += n;
}

/* Appends terminfo capability `cap` to the reset sequence. */
static void add_cap(const char *cap)
{
	const char *s = tigetstr(cap);
	if (s && s != (char *)-1)
		add_bytes(s);
}

void ivs_term_screen_ready(void)
{
	if (!cur_term)
		return;
	reset_len = 0;
	/* an xterm-style mouse (kmous "\033[M" or "\033[<"): every tracking
	 * mode off, or the shell gets escape sequences for each click */
	char *km = tigetstr("kmous");
	if (km && km != (char *)-1 && km[0] == '\033' && km[1] == '[')
		add_bytes("\033[?1000l\033[?1002l\033[?1003l\033[?1005l\033[?1006l");
	add_bytes("\033[?2004l");   /* bracketed paste off (paste.c) */
	add_cap("rmkx");    /* keypad transmit off */
	add_cap("sgr0");
	add_cap("cnorm");
	add_cap("rmcup");
	screen_active = 1;
}

void ivs_term_screen_done(void)
{
	screen_active = 0;
}

void ivs_term_signals_install(void)
{
	if (!have_tty && isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved_tty) == 0)
		have_tty = 1;
	if (cur_term)
		ivs_term_screen_ready();
	/* (again on every call: setting the same handlers twice is harmless,
	 * and a handler someone else installed meanwhile is replaced) */

	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_terminate;
	sa.sa_flags = 0;   /* no SA_RESTART: the input wait returns early */
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);

	/* The fatal handler runs on its own stack: a stack overflow is a
	 * SIGSEGV too, with no stack left to run a handler on. */
	static char alt_stack[64 * 1024];
	stack_t ss;
	memset(&ss, 0, sizeof(ss));
	ss.ss_sp = alt_stack;
	ss.ss_size = sizeof(alt_stack);
	int onstack = sigaltstack(&ss, NULL) == 0 ? SA_ONSTACK : 0;

	struct sigaction fa;
	memset(&fa, 0, sizeof(fa));
	sigemptyset(&fa.sa_mask);
	fa.sa_handler = on_fatal;
	fa.sa_flags = SA_RESETHAND | SA_NODEFER | onstack;
	sigaction(SIGSEGV, &fa, NULL);
	sigaction(SIGBUS, &fa, NULL);
	sigaction(SIGFPE, &fa, NULL);
	sigaction(SIGABRT, &fa, NULL);
}

int ivs_term_signal_take(void)
{
	int s = pending_term;
	if (s) {
		pending_term = 0;
		return s;
	}
	if (pending_int) {
		pending_int = 0;
		return SIGINT;
	}
	return 0;
}
