/* help.c: the help screen, generated from the action table and the key
 * map (tui_keys.h): every binding of every context, never a separate
 * hand-kept list. */
#include <stdlib.h>
#include <string.h>
#include "ivs/tui_lineedit.h"
#include "app.h"
#include "draw.h"
#include "editor.h"
#include "editor_int.h"
#include "help.h"


struct help {
	char *text;
	int top, nlines;
};

static void help_draw(struct tui_app *a, void *st)
{
	struct help *h = st;
	int body = a->rows - 3;
	for (int i = 0; i < a->rows; i++)
		tui_fill(i, 0, a->cols, tui_attr(IVS_COLOR_HELP));
	if (h->top > h->nlines - body)
		h->top = h->nlines - body;
	if (h->top < 0)
		h->top = 0;
	tui_put_lines(1, 1, a->cols - 2, body, tui_attr(IVS_COLOR_HELP), h->text, h->top, true);
	char title[64];
	snprintf(title, sizeof title, "Help: keys (%d-%d of %d)", h->top + 1,
	         h->top + body < h->nlines ? h->top + body : h->nlines, h->nlines);
	tui_draw_chrome(a, TUI_CTX_HELP, title);
}

static bool help_key(struct tui_app *a, void *st, int key)
{
	struct help *h = st;
	enum tui_action act = tui_keymap_lookup(a->km, TUI_CTX_HELP, key);
	int page = a->rows - 4;
	switch (act) {
	case TUI_ACT_CANCEL: case TUI_ACT_HELP: case TUI_ACT_QUIT:
		tui_pop(a);
		return true;
	case TUI_ACT_UP: h->top--; return true;
	case TUI_ACT_DOWN: h->top++; return true;
	case TUI_ACT_PAGE_UP: h->top -= page; return true;
	case TUI_ACT_PAGE_DOWN: h->top += page; return true;
	case TUI_ACT_FIRST: h->top = 0; return true;
	case TUI_ACT_LAST: h->top = h->nlines; return true;
	default: return true;
	}
}

static void help_leave(struct tui_app *a, void *st)
{
	(void)a;
	struct help *h = st;
	free(h->text);
	free(h);
}

static enum tui_context help_context(struct tui_app *a, void *st)
{
	(void)a;
	(void)st;
	return TUI_CTX_HELP;
}

const struct tui_screen_ops tui_help_screen = {
	.name = "help",
	.draw = help_draw,
	.key = help_key,
	.leave = help_leave,
	.context = help_context,
};

/* Appends text word-wrapped to width columns, each line indented. */
static void wrap_into(struct ivs_buf *b, const char *text, int width, const char *indent)
{
	struct ivs_buf line;
	ivs_buf_init(&line);
	const char *s = text;
	while (*s) {
		while (*s == ' ')
			s++;
		const char *e = s;
		while (*e && *e != ' ')
			e++;
		char *word = ivs_xstrndup(s, (size_t)(e - s));
		if (line.len && tui_width(line.data) + 1 + tui_width(word) > width) {
			ivs_buf_printf(b, "%s%s\n", indent, line.data);
			ivs_buf_reset(&line);
		}
		if (*word)
			ivs_buf_printf(&line, "%s%s", line.len ? " " : "", word);
		free(word);
		s = e;
	}
	if (line.len)
		ivs_buf_printf(b, "%s%s\n", indent, line.data);
	ivs_buf_free(&line);
}

/* The selected field, in full (the form may cut its help and problem
 * with "…": here is the whole text, on demand). */
static void help_field(struct tui_app *a, struct ivs_buf *b)
{
	struct tui_editor *ed = tui_current_editor(a);
	struct ivs_res *r = ed ? tui_ed_sel_res(ed) : NULL;
	if (!r || ed->focus != FOCUS_FORM || ed->fsel >= ed->form.n || ed->form.res != r)
		return;
	int field = ed->form.rows[ed->fsel].field;
	const struct ivs_field *f = &ivs_res_info(r)->fields[field];
	int width = a->cols - 6 > 20 ? a->cols - 6 : 20;
	ivs_buf_printf(b, "This field: %s of %s%s%s\n", f->key, ivs_res_info(r)->name, r->id ? " " : "",
	               r->id ? r->id : "");
	if (f->help)
		wrap_into(b, f->help, width, "  ");
	const struct ivs_diag *d = tui_ed_row_diag(ed, r, field);
	if (d) {
		char *m = ivs_xasprintf("%s %s: %s", tui_marker(a, d->sev),
		                        d->sev == IVS_SEV_ERROR ? "error" : "warning", d->msg ? d->msg : "");
		wrap_into(b, m, width, "  ");
		free(m);
	}
	ivs_buf_puts(b, "\n");
}

/* The line editor's keys, from its key table (tui_lineedit.h), and what
 * typing does where no key is bound. */
static void help_line_editor(struct ivs_buf *b)
{
	ivs_buf_puts(b, "\nLine editor: text fields and prompts (edit, prompt)\n");
	for (int op = 1; op < TUI_LE_OP_COUNT; op++) {
		struct ivs_buf keys;
		ivs_buf_init(&keys);
		int key;
		enum tui_le_op o;
		char name[24];
		for (size_t i = 0; tui_le_binding(i, &key, &o); i++)
			if (o == (enum tui_le_op)op)
				ivs_buf_printf(&keys, "%s%s", keys.len ? ", " : "",
				               tui_key_name(key, name, sizeof name));
		ivs_buf_printf(b, "  %-16s %s\n", keys.data ? keys.data : "", tui_le_op_help(op));
		ivs_buf_free(&keys);
	}
	ivs_buf_printf(b, "  %-16s %s\n", "(characters)",
	               "Insert; a proposed id (a new entry's) is selected: typing replaces it");
	ivs_buf_printf(b, "  %-16s %s\n", "(paste)",
	               "Goes into the field as text, never runs as keys (line breaks: spaces)");
	ivs_buf_printf(b, "  %-16s %s %u %s\n", "(limit)", "A value holds at most",
	               TUI_LE_MAX_BYTES, "bytes, as a project file can load");
	ivs_buf_puts(b, "\nTyping on the form (form)\n");
	ivs_buf_printf(b, "  %-16s %s\n", "letters, digits",
	               "On a choice or reference: jump to the first value starting so");
	ivs_buf_printf(b, "  %-16s %s\n", "Backspace", "Take back one typed letter");
	ivs_buf_printf(b, "  %-16s %s\n", "(paste)",
	               "Into the selected field (replacing its value; Esc puts it back)");
}

void tui_help_open(struct tui_app *a)
{
	struct help *h = ivs_xcalloc(1, sizeof *h);
	struct ivs_buf b;
	ivs_buf_init(&b);
	ivs_buf_puts(&b, "ivs-tui: design Amazon IVS stacks; export their CloudFormation template.\n"
	                 "Errors are marked ");
	ivs_buf_printf(&b, "%s, warnings %s. Fields marked * are required.\n\n",
	               tui_marker(a, IVS_SEV_ERROR), tui_marker(a, IVS_SEV_WARNING));
	help_field(a, &b);
	tui_keymap_help(a->km, &b);
	help_line_editor(&b);
	h->text = ivs_buf_steal(&b);
	for (const char *s = h->text; *s; s++)
		h->nlines += *s == '\n';
	tui_push(a, &tui_help_screen, h);
}
