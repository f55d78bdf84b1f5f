/* pty.c: start-up time of the real ivs-tui binary, in a pseudo-terminal of
 * 80x24 with TERM=xterm-256color, from just before forkpty+exec to the first
 * full frame. The frame is recognised by a marker text the TUI draws last
 * (see RESULTS.md); escape sequences are stripped before matching. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <pty.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

/* Appends the printable text of raw terminal output to out, dropping
 * escape sequences (CSI, OSC, two- and three-byte escapes). The state
 * survives across reads. */
struct strip {
	int st;   /* 0 text, 1 after ESC, 2 in CSI, 3 in OSC/DCS, 4 OSC after ESC, 5 one more byte */
};

static void strip_feed(struct strip *s, const char *p, size_t n, struct ivs_buf *out)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		switch (s->st) {
		case 0:
			if (c == 0x1b)
				s->st = 1;
			else if (c >= 0x20 || c == '\n')
				ivs_buf_putc(out, (char)c);
			break;
		case 1:
			if (c == '[')
				s->st = 2;
			else if (c == ']' || c == 'P' || c == '_' || c == '^')
				s->st = 3;
			else if (c == '(' || c == ')' || c == '*' || c == '+' || c == '#' || c == '%')
				s->st = 5;
			else
				s->st = 0;
			break;
		case 2:
			if (c >= 0x40 && c <= 0x7e)
				s->st = 0;
			break;
		case 3:
			if (c == 0x07)
				s->st = 0;
			else if (c == 0x1b)
				s->st = 4;
			break;
		case 4:
			s->st = c == '\\' ? 0 : 3;
			break;
		default:
			s->st = 0;
			break;
		}
	}
}

static bool contains(const char *h, size_t hn, const char *n, size_t nn)
{
	if (nn == 0)
		return true;
	for (size_t i = 0; i + nn <= hn; i++)
		if (h[i] == n[0] && memcmp(h + i, n, nn) == 0)
			return true;
	return false;
}

/* Ends the child (SIGKILL: its tear-down is no part of the start-up, and
 * the terminal it would restore is ours to drop); returns the CPU time
 * (user + system) it used, which is then the start-up plus idling. */
static double stop_child(pid_t pid)
{
	int status;
	struct rusage ru;

	memset(&ru, 0, sizeof ru);
	kill(pid, SIGKILL);
	if (wait4(pid, &status, 0, &ru) != pid)
		return -1;
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6 +
	       (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6;
}

double bench_startup_once(const char *tui, const char *file, const char *marker,
                          double timeout_s, int quiet_ms, double *burst_end, double *cpu,
                          struct ivs_buf *tail)
{
	struct winsize ws = {.ws_row = 24, .ws_col = 80};
	struct ivs_buf text;
	struct strip st = {0};
	char raw[65536];
	int fd;
	double found = -1, last = -1;
	size_t mlen = strlen(marker);

	ivs_buf_init(&text);
	ivs_buf_puts(&text, "");
	double t0 = bench_now();
	pid_t pid = forkpty(&fd, NULL, NULL, &ws);
	if (pid < 0)
		return -1;
	if (pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		unsetenv("LINES");
		unsetenv("COLUMNS");
		unsetenv("TMUX");
		execl(tui, tui, file, (char *)NULL);
		_exit(127);
	}
	for (;;) {
		double now = bench_now();
		int wait_ms;
		if (found < 0) {
			if (now - t0 > timeout_s)
				break;
			wait_ms = (int)((timeout_s - (now - t0)) * 1000) + 1;
		} else {
			wait_ms = quiet_ms;
		}
		struct pollfd pfd = {.fd = fd, .events = POLLIN};
		int rc = poll(&pfd, 1, wait_ms);
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc <= 0)
			break;   /* quiet after the marker, or the timeout */
		ssize_t n = read(fd, raw, sizeof raw);
		if (n <= 0)
			break;   /* EIO: the child closed the terminal */
		double at = bench_now() - t0;
		size_t from = text.len > mlen ? text.len - mlen : 0;
		strip_feed(&st, raw, (size_t)n, &text);
		if (found < 0 && contains(text.data + from, text.len - from, marker, mlen))
			found = at;
		if (found >= 0)
			last = at;
	}
	double used = stop_child(pid);
	if (cpu)
		*cpu = used;
	close(fd);
	if (burst_end)
		*burst_end = last;
	if (found < 0 && tail) {
		size_t from = text.len > 600 ? text.len - 600 : 0;
		ivs_buf_add(tail, text.data + from, text.len - from);
	}
	ivs_buf_free(&text);
	return found;
}

/* Reads what the child draws (stripped, into text) and writes data (from
 * *off, when off is given) until marker shows (marker non-NULL) or, with
 * no marker, until all data is written and the output was quiet for
 * quiet_ms; or until the deadline. *last: when the last output came.
 * Returns true when it ended that way (not at the deadline). */
static bool pty_pump(int fd, struct strip *st, struct ivs_buf *text, const char *marker,
                     int quiet_ms, double deadline, const char *data, size_t n, size_t *off,
                     double *last)
{
	char raw[65536];
	size_t mlen = marker ? strlen(marker) : 0;
	while (bench_now() < deadline) {
		bool writing = off && *off < n;
		struct pollfd pfd = {.fd = fd, .events = POLLIN | (writing ? POLLOUT : 0)};
		int rc = poll(&pfd, 1, marker || writing ? 50 : quiet_ms);
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc < 0)
			return false;
		if (rc == 0 && !marker && !writing)
			return true;   /* quiet after everything was sent */
		if (pfd.revents & POLLIN) {
			ssize_t k = read(fd, raw, sizeof raw);
			if (k <= 0)
				return false;
			if (last)
				*last = bench_now();
			size_t from = text->len > mlen ? text->len - mlen : 0;
			strip_feed(st, raw, (size_t)k, text);
			if (marker && contains(text->data + from, text->len - from, marker, mlen))
				return true;
		}
		if (writing && (pfd.revents & POLLOUT)) {
			size_t chunk = n - *off < 4096 ? n - *off : 4096;
			ssize_t k = write(fd, data + *off, chunk);
			if (k > 0)
				*off += (size_t)k;
		}
		if ((pfd.revents & (POLLERR | POLLHUP)) && !(pfd.revents & POLLIN))
			return false;
	}
	return false;
}

double bench_pty_type(const char *tui, const char *file, const char *ready, const char *setup,
                      const char *data, size_t n, int quiet_ms, double timeout_s)
{
	struct winsize ws = {.ws_row = 24, .ws_col = 80};
	struct ivs_buf text;
	struct strip st = {0};
	int fd;
	double t = -1, last = 0;

	ivs_buf_init(&text);
	ivs_buf_puts(&text, "");
	pid_t pid = forkpty(&fd, NULL, NULL, &ws);
	if (pid < 0)
		return -1;
	if (pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		unsetenv("LINES");
		unsetenv("COLUMNS");
		unsetenv("TMUX");
		execl(tui, tui, file, (char *)NULL);
		_exit(127);
	}
	if (pty_pump(fd, &st, &text, ready, 0, bench_now() + 10, NULL, 0, NULL, NULL)) {
		size_t off = 0;
		pty_pump(fd, &st, &text, NULL, quiet_ms, bench_now() + 10, setup, strlen(setup), &off,
		         NULL);
		off = 0;
		double t0 = bench_now();
		last = t0;
		if (pty_pump(fd, &st, &text, NULL, quiet_ms, t0 + timeout_s, data, n, &off, &last))
			t = last - t0;
		else if (getenv("BENCH_DEBUG"))
			fprintf(stderr, "bench: no quiet after %zu of %zu bytes\n", off, n);
	} else if (getenv("BENCH_DEBUG")) {
		fprintf(stderr, "bench: no \"%s\": %.300s\n", ready,
		        text.len > 300 ? text.data + text.len - 300 : text.data);
	}
	stop_child(pid);
	close(fd);
	ivs_buf_free(&text);
	return t;
}
