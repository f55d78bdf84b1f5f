/* paste.c: pasting 100,000 characters (issue 15: a paste this size once
 * froze the UI for 75 s, the line editor being quadratic). Two figures:
 * the line editor alone (tui_le_paste of the whole text, no limit, then
 * the view at the end), and the TUI (tui_app.h, 80x24 NO_DISPLAY): one
 * bracketed paste into the stack's description, the key and the redraw,
 * where the value is cut at the loader's 64 KiB limit (checked); and the
 * real binary in a pseudo-terminal, the text sent bracketed (ESC[200~ ...
 * ESC[201~) and as plain keys (a terminal without bracketed paste), timed
 * from its first byte to the last output (the help screen, asked for
 * after it with Enter and F1) before half a second of quiet. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"
#include "ivs/model.h"
#include "ivs/tui_app.h"
#include "ivs/tui_keys.h"
#include "ivs/tui_lineedit.h"
#include "ivs/yamlio.h"

#define PASTE_CHARS 100000
#define PASTE_RUNS 5

static double le_paste_once(const char *text)
{
	double t0 = bench_now();
	struct tui_le *le = tui_le_new("");
	tui_le_set_max(le, SIZE_MAX);
	tui_le_paste(le, text, PASTE_CHARS);
	size_t start, n;
	int cc;
	tui_le_view(le, 60, &start, &n, &cc);
	(void)tui_le_text(le);
	double t = bench_now() - t0;
	if (tui_le_len(le) != PASTE_CHARS)
		t = -1;
	tui_le_free(le);
	return t;
}

/* Seconds for the paste key and the redraw; -1 when the description did
 * not end up cut at the limit. */
static double tui_paste_once(const char *text)
{
	static const char proj[] = "ivs_tui: 1\nstack:\n  name: paste\n";
	struct ivs_diags d;
	ivs_diags_init(&d);
	struct ivs_project *p = ivs_load_buffer("paste.yaml", proj, sizeof proj - 1, &d);
	ivs_diags_free(&d);
	if (!p)
		return -1;
	struct tui_app *a = tui_app_new(p, NULL, 80, 24, false);
	if (!a)
		return -1;
	/* the form of the stack, its description field (/ jumps to it) */
	const int keys[] = {TUI_ENTER, '/', 'd', 'e', 's', 'c', TUI_ENTER};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		tui_app_key(a, keys[i]);
	tui_app_draw(a);
	tui_paste_set(text, PASTE_CHARS);
	double t0 = bench_now();
	tui_app_key(a, TUI_KEY_PASTE);
	tui_app_draw(a);
	double t = bench_now() - t0;
	tui_app_key(a, TUI_ENTER);
	const char *desc = ivs_project_stack(tui_app_project(a))->description;
	if (!desc || strlen(desc) != TUI_LE_MAX_BYTES)
		t = -1;
	tui_app_free(a);
	return t;
}

static double median(double *v, size_t n)
{
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && v[j - 1] > v[j]; j--) {
			double x = v[j];
			v[j] = v[j - 1];
			v[j - 1] = x;
		}
	return v[n / 2];
}

/* Seconds for the real binary to take the text and draw the help after
 * it; -1 on failure. */
static double pty_paste(const char *tui, const char *file, const char *text, bool bracketed)
{
	struct ivs_buf d;
	ivs_buf_init(&d);
	if (bracketed)
		ivs_buf_puts(&d, "\033[200~");
	ivs_buf_add(&d, text, PASTE_CHARS);
	if (bracketed)
		ivs_buf_puts(&d, "\033[201~");
	ivs_buf_puts(&d, "\r\033OP");   /* Enter keeps the field, F1 opens the help */
	/* the stack's form, its description field (/ jumps to it) */
	double t = bench_pty_type(tui, file, "F7 Problems", "\r/desc\r\r", d.data, d.len, 500,
	                          120);
	ivs_buf_free(&d);
	return t;
}

void bench_paste(struct ivs_buf *out, const char *tui, const char *workdir)
{
	char *text = ivs_xmalloc(PASTE_CHARS + 1);
	for (size_t i = 0; i < PASTE_CHARS; i++)
		text[i] = (char)('a' + i % 26);
	text[PASTE_CHARS] = 0;
	double le[PASTE_RUNS], ui[PASTE_RUNS], pb[PASTE_RUNS], pk[PASTE_RUNS];
	bool ok = true, pty_ok = access(tui, X_OK) == 0;
	char *file = ivs_xasprintf("%s/bench-paste.yaml", workdir);
	FILE *f = pty_ok ? fopen(file, "w") : NULL;
	if (f) {
		fputs("ivs_tui: 1\nstack:\n  name: paste\n", f);
		pty_ok = fclose(f) == 0;
	} else {
		pty_ok = false;
	}
	for (int i = 0; i < PASTE_RUNS; i++) {
		le[i] = le_paste_once(text);
		ui[i] = tui_paste_once(text);
		ok &= le[i] >= 0 && ui[i] >= 0;
		if (pty_ok) {
			pb[i] = pty_paste(tui, file, text, true);
			pk[i] = pty_paste(tui, file, text, false);
			pty_ok = pb[i] >= 0 && pk[i] >= 0;
		}
	}
	unlink(file);
	free(file);
	ivs_buf_printf(out, "\n### Paste 100,000 characters (median of %d)\n\n"
	                    "| what | time |\n|---|---:|\n", PASTE_RUNS);
	if (!ok) {
		ivs_buf_puts(out, "| paste | failed (the text was not where it belongs) |\n");
	} else {
		ivs_buf_printf(out, "| line editor: insert 100,000 characters, view at the end | "
		                    "%.2f ms |\n", median(le, PASTE_RUNS) * 1e3);
		ivs_buf_printf(out, "| TUI: bracketed paste into a field (cut at the %u-byte value "
		                    "limit), key + redraw | %.2f ms |\n",
		               TUI_LE_MAX_BYTES, median(ui, PASTE_RUNS) * 1e3);
	}
	if (pty_ok) {
		ivs_buf_printf(out, "| %s in a pty: bracketed paste, Enter, F1: until the help is drawn "
		                    "| %.0f ms |\n", tui, median(pb, PASTE_RUNS) * 1e3);
		ivs_buf_printf(out, "| %s in a pty: the same text as plain keys (no bracketed paste) "
		                    "| %.0f ms |\n", tui, median(pk, PASTE_RUNS) * 1e3);
	} else {
		ivs_buf_printf(out, "| %s in a pty | failed or no binary |\n", tui);
	}
	free(text);
}
