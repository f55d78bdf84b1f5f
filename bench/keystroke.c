/* keystroke.c: the TUI's time per keystroke (the engine work the key
 * causes, then the redraw of an 80x24 screen), through the TUI's own
 * driving hook (tui_app.h: a NO_DISPLAY curses screen on /dev/null). Per
 * size: moving down the tree one row at a time among the channels, typing
 * into a channel's name (each character is stored, re-validated and the
 * candidate checked, as the editor does), and undo. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"
#include "ivs/tui_app.h"
#include "ivs/tui_keys.h"
#include "ivs/yamlio.h"

static double key_time(struct tui_app *a, int key)
{
	double t0 = bench_now();
	tui_app_key(a, key);
	tui_app_draw(a);
	return bench_now() - t0;
}

static bool screen_has(struct tui_app *a, const char *what)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (!f)
		return false;
	tui_app_dump(a, f);
	fclose(f);
	bool ok = text && strstr(text, what) != NULL;
	free(text);
	return ok;
}

static void run_keys(struct tui_app *a, const int *keys, size_t n, struct bench_stats *st)
{
	double *v = ivs_xmalloc(n * sizeof *v);
	for (size_t i = 0; i < n; i++)
		v[i] = key_time(a, keys[i]);
	bench_stats_of(v, n, st);
	free(v);
}

int bench_keystrokes(const char *text, size_t len, size_t nbuckets, struct key_result *out)
{
	struct ivs_diags d;
	int keys[2 * KEY_ROUND];
	int rc = 0;

	ivs_diags_init(&d);
	struct ivs_project *p = ivs_load_buffer("bench.yaml", text, len, &d);
	ivs_diags_free(&d);
	if (!p)
		return -1;
	struct tui_app *a = tui_app_new(p, "bench.yaml", 80, 24, false);
	if (!a) {
		ivs_project_free(p);
		return -1;
	}
	tui_app_draw(a);
	/* Tree rows: the stack, "Buckets", the buckets, "Channels", then the
	 * first channel. */
	for (size_t i = 0; i < nbuckets + 3; i++)
		key_time(a, TUI_FN(KEY_DOWN));
	if (!screen_has(a, "channel Channel00000")) {
		fprintf(stderr, "bench: keystrokes: not on the first channel\n");
		rc = -1;
		goto out;
	}
	/* Moving: down and back up among the channels and their keys. */
	for (size_t i = 0; i < KEY_ROUND; i++) {
		keys[i] = TUI_FN(KEY_DOWN);
		keys[KEY_ROUND + i] = TUI_FN(KEY_UP);
	}
	run_keys(a, keys, 2 * KEY_ROUND, &out->move);
	/* Typing into channel_name: each character is stored (one coalesced
	 * undo step), re-validated, its candidate checked, and drawn. */
	key_time(a, '\t');
	key_time(a, TUI_FN(KEY_DOWN));
	key_time(a, TUI_ENTER);
	for (size_t i = 0; i < KEY_ROUND; i++) {
		keys[i] = 'a' + (int)(i % 26);
		keys[KEY_ROUND + i] = TUI_FN(KEY_BACKSPACE);
	}
	run_keys(a, keys, KEY_ROUND, &out->type);
	if (!screen_has(a, "abcdefghij")) {
		fprintf(stderr, "bench: keystrokes: typing did not reach channel_name\n");
		rc = -1;
		goto out;
	}
	run_keys(a, keys + KEY_ROUND, KEY_ROUND, &out->erase);
	key_time(a, 'z');
	key_time(a, TUI_ENTER);
	/* Undo and redo of that step, in turn. */
	for (size_t i = 0; i < 2 * KEY_ROUND; i++)
		keys[i] = i % 2 ? TUI_CTRL('y') : TUI_CTRL('z');
	run_keys(a, keys, 2 * KEY_ROUND, &out->undo);
out:
	tui_app_free(a);
	return rc;
}

/* ---- in a process of its own ----
 * The keys are measured in a fresh process (fork + exec of this program
 * with --keys-child FILE NBUCKETS), so that the TUI runs as it does for a
 * user: with only its own project in memory, not beside the bench's three
 * projects, texts and templates. */

static void put_stats(const struct bench_stats *st)
{
	printf(" %.9g %.9g %.9g %.9g %.9g %zu", st->med, st->p25, st->p75, st->min, st->max, st->n);
}

static int get_stats(const char **p, struct bench_stats *st)
{
	char *end;
	double *f[] = {&st->med, &st->p25, &st->p75, &st->min, &st->max};
	for (size_t i = 0; i < 5; i++) {
		*f[i] = strtod(*p, &end);
		if (end == *p)
			return -1;
		*p = end;
	}
	st->n = (size_t)strtoul(*p, &end, 10);
	if (end == *p)
		return -1;
	*p = end;
	return 0;
}

int bench_keys_child_main(const char *path, const char *nbuckets)
{
	FILE *f = fopen(path, "rb");
	struct ivs_buf b;
	struct key_result r;
	char chunk[65536];
	size_t n;

	if (!f)
		return 2;
	ivs_buf_init(&b);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		ivs_buf_add(&b, chunk, n);
	fclose(f);
	int rc = bench_keystrokes(b.data ? b.data : "", b.len, strtoul(nbuckets, NULL, 10), &r);
	ivs_buf_free(&b);
	if (rc != 0)
		return 3;
	printf("keys");
	put_stats(&r.move);
	put_stats(&r.type);
	put_stats(&r.erase);
	put_stats(&r.undo);
	printf("\n");
	return 0;
}

int bench_keystrokes_child(const char *self, const char *path, size_t nbuckets,
                           struct key_result *out)
{
	char nb[32], line[2048];

	snprintf(nb, sizeof nb, "%zu", nbuckets);
	if (bench_run_child(self, line, sizeof line, "--keys-child", path, nb, (char *)NULL) ||
	    strncmp(line, "keys", 4) != 0)
		return -1;
	const char *p = line + 4;
	if (get_stats(&p, &out->move) || get_stats(&p, &out->type) || get_stats(&p, &out->erase) ||
	    get_stats(&p, &out->undo))
		return -1;
	return 0;
}
