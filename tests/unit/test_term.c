/* test_term.c: src/tui/term.c: terminating signals only set a flag that
 * ivs_term_signal_take() reports once (SIGHUP/SIGTERM before SIGINT);
 * a fatal signal writes the terminal's reset strings (mouse off, rmkx,
 * sgr0, cnorm, rmcup, from terminfo) and dies of the same signal; after
 * ivs_term_screen_done() it writes nothing. The fatal cases run in a
 * child process whose stdout is a pipe. */
#include "testutil.h"

#include <curses.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <term.h>
#include <unistd.h>

#include "ivs/term.h"
#include "ivs/util.h"

static void test_flags(void **state)
{
	(void)state;
	ivs_term_signals_install();
	ivs_term_signals_install();   /* twice is fine */
	assert_int_equal(ivs_term_signal_take(), 0);
	raise(SIGHUP);
	assert_int_equal(ivs_term_signal_take(), SIGHUP);
	assert_int_equal(ivs_term_signal_take(), 0);
	raise(SIGINT);
	raise(SIGTERM);
	/* the terminating one first, then the interrupt */
	assert_int_equal(ivs_term_signal_take(), SIGTERM);
	assert_int_equal(ivs_term_signal_take(), SIGINT);
	assert_int_equal(ivs_term_signal_take(), 0);
}

/* Runs a child that sets up curses on a pipe, then dies of `sig` (after
 * ivs_term_screen_done() when done_first). Returns what it wrote to
 * stdout after the screen was set up; *status gets its wait status. */
static char *run_child(int sig, bool done_first, int *status)
{
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		dup2(fds[1], STDOUT_FILENO);
		close(fds[1]);
		FILE *out = fopen("/dev/null", "w");
		FILE *in = fopen("/dev/null", "r");
		if (!out || !in || !newterm("screen-256color", out, in))
			_exit(90);
		ivs_term_signals_install();
		if (done_first)
			ivs_term_screen_done();
		if (write(STDOUT_FILENO, "<", 1) != 1)   /* marks where the handler's bytes start */
			_exit(91);
		if (sig == SIGABRT)
			abort();
		raise(sig);
		_exit(92);   /* not reached: the handler re-raises with the default action */
	}
	close(fds[1]);
	struct ivs_buf b;
	ivs_buf_init(&b);
	char chunk[512];
	ssize_t n;
	while ((n = read(fds[0], chunk, sizeof chunk)) > 0)
		ivs_buf_add(&b, chunk, (size_t)n);
	close(fds[0]);
	assert_int_equal(waitpid(pid, status, 0), pid);
	return ivs_buf_steal(&b);
}

static const char *cap(const char *name)
{
	const char *s = tigetstr(name);
	assert_true(s && s != (char *)-1);
	return s;
}

static void test_fatal_restores(void **state)
{
	(void)state;
	/* the expected strings, from the same terminfo entry */
	FILE *out = fopen("/dev/null", "w");
	FILE *in = fopen("/dev/null", "r");
	SCREEN *scr = newterm("screen-256color", out, in);
	assert_non_null(scr);
	char *want = ivs_xasprintf("<\033[?1000l\033[?1002l\033[?1003l\033[?1005l\033[?1006l"
	                           "\033[?2004l%s%s%s%s",   /* bracketed paste off too */
	                           cap("rmkx"), cap("sgr0"), cap("cnorm"), cap("rmcup"));
	endwin();
	delscreen(scr);
	fclose(out);
	fclose(in);
	assert_non_null(strstr(want, "\033[?1049l"));   /* rmcup of screen-256color */

	const int sigs[] = {SIGSEGV, SIGBUS, SIGFPE, SIGABRT};
	for (size_t i = 0; i < IVS_ARRAY_LEN(sigs); i++) {
		int status;
		char *got = run_child(sigs[i], false, &status);
		if (!WIFSIGNALED(status) || WTERMSIG(status) != sigs[i])
			fail_msg("signal %d: child status %#x", sigs[i], status);
		assert_string_equal(got, want);
		free(got);
	}

	/* after ivs_term_screen_done (endwin is on its way): nothing */
	int status;
	char *got = run_child(SIGSEGV, true, &status);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGSEGV);
	assert_string_equal(got, "<");
	free(got);
	free(want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flags),
		cmocka_unit_test(test_fatal_restores),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
