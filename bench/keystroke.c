/* keystroke.c: the TUI's time per keystroke (the engine work the key
 * causes, then the redraw of an 80x24 screen), through the TUI's own
 * driving hook (tui_app.h: a NO_DISPLAY curses screen on /dev/null). Per
 * size: moving down the tree one row at a time among the channels, typing
 * into a channel's name (each character is stored, re-validated and the
 * candidate checked, as the editor does), and undo. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
