/* app.c: the TUI's entry point and main loop: options, loading the file,
 * curses start and stop, the screen stack, key input from the terminal or
 * from a script (IVS_TUI_SCRIPT, one key per line, as tig's TIG_SCRIPT),
 * screen dumps, resize and the too-small screen, signals. */
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "ivs/colors.h"
#include "ivs/msg.h"
#include "ivs/recover.h"
#include "ivs/term.h"
#include "ivs/tui.h"
#include "ivs/tui_app.h"
#include "ivs/tui_tree.h"
#include "ivs/validate.h"
#include "ivs/yamlio.h"
#include "app.h"
#include "changes.h"
#include "dialog.h"
#include "editor.h"
#include "files.h"
#include "help.h"
#include "problems.h"
#include "script.h"
#include "wizard.h"

#define MIN_COLS 60
#define MIN_ROWS 16

/* ---- the screen stack ---- */

void tui_push(struct tui_app *a, const struct tui_screen_ops *ops, void *st)
{
	if (a->nstack == TUI_STACK_MAX) {
		ops->leave(a, st);
		return;
	}
	a->stack[a->nstack].ops = ops;
	a->stack[a->nstack].st = st;
	a->nstack++;
	if (ops->enter)
		ops->enter(a, st);
}

void tui_pop(struct tui_app *a)
{
	if (!a->nstack)
		return;
	a->nstack--;
	a->stack[a->nstack].ops->leave(a, a->stack[a->nstack].st);
}

void *tui_top_state(struct tui_app *a, const struct tui_screen_ops *ops)
{
	if (a->nstack && a->stack[a->nstack - 1].ops == ops)
		return a->stack[a->nstack - 1].st;
	return NULL;
}

static void pop_all(struct tui_app *a)
{
	while (a->nstack)
		tui_pop(a);
}

struct tui_editor *tui_current_editor(struct tui_app *a)
{
	if (!a->nstack)
		return NULL;
	if (a->stack[0].ops == &tui_editor_screen)
		return a->stack[0].st;
	return tui_wizard_editor(a);
}

void tui_status(struct tui_app *a, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(a->status, sizeof a->status, fmt, ap);
	va_end(ap);
	a->status_err = error;
}

void tui_validate(struct tui_app *a)
{
	ivs_validate_changes(a->p);
	tui_baseline_edited(a);
}

void tui_start_editor(struct tui_app *a)
{
	pop_all(a);
	a->wizard = false;
	tui_push(a, &tui_editor_screen, tui_editor_new(a, TUI_TREE_ALL));
}

void tui_set_project(struct tui_app *a, struct ivs_project *p, const char *path)
{
	pop_all(a);
	ivs_project_free(a->p);
	a->p = p;
	free(a->path);
	a->path = path ? ivs_xstrdup(path) : NULL;
	ivs_validate_all(a->p);
	tui_note_disk(a);
	tui_start_editor(a);
	tui_baseline_project_changed(a);
}

void tui_undo(struct tui_app *a, bool redo)
{
	const char *label = redo ? ivs_redo_label(a->p) : ivs_undo_label(a->p);
	char *l = ivs_xstrdup(label ? label : "");
	bool ok = redo ? ivs_redo(a->p) : ivs_undo(a->p);
	if (!ok) {
		tui_status(a, false, "Nothing to %s", redo ? "redo" : "undo");
	} else {
		/* Show where the step changed something: the journal names it
		 * (read before the validator clears it). */
		size_t n;
		const struct ivs_change *ch = ivs_project_journal(a->p, &n);
		struct ivs_res *where = NULL;
		int field = -1;
		bool structural = false;   /* rows added, removed or moved */
		for (size_t i = 0; i < n; i++)
			structural |= ch[i].what == IVS_CHANGE_ADD || ch[i].what == IVS_CHANGE_REMOVE ||
			              ch[i].what == IVS_CHANGE_MOVE;
		for (size_t i = n; i-- > 0;)
			if (ch[i].res && ch[i].res->in_model) {
				where = ch[i].res;
				field = ch[i].what == IVS_CHANGE_FIELD ? ch[i].field : -1;
				break;
			}
		bool quiet = a->baseline_quiet;
		a->baseline_quiet = true;   /* undo never asks */
		tui_validate(a);
		a->baseline_quiet = quiet;
		struct tui_editor *ed = tui_current_editor(a);
		if (ed) {
			/* Labels are drawn from the model: only a step that adds,
			 * removes or moves entries needs the tree rebuilt. */
			if (structural)
				tui_editor_structure(a, ed);
			if (where)
				tui_editor_select(a, ed, where, field);
			else if (!structural)
				tui_ed_form_sync(ed);
		}
		tui_status(a, false, "%s: %s", redo ? "Redone" : "Undone", l);
	}
	free(l);
}

bool tui_app_action(struct tui_app *a, enum tui_action act)
{
	switch (act) {
	case TUI_ACT_SAVE: tui_file_save(a, false, TUI_AFTER_NONE); return true;
	case TUI_ACT_SAVE_AS: tui_file_save(a, true, TUI_AFTER_NONE); return true;
	case TUI_ACT_OPEN: tui_file_open(a); return true;
	case TUI_ACT_EXPORT: tui_file_export(a); return true;
	case TUI_ACT_HELP: tui_help_open(a); return true;
	case TUI_ACT_PROBLEMS:
		if (tui_problems_is_open(a))
			tui_pop(a);
		else
			tui_problems_open(a);
		return true;
	case TUI_ACT_QUIT: tui_file_quit(a); return true;
	case TUI_ACT_UNDO: tui_undo(a, false); return true;
	case TUI_ACT_REDO: tui_undo(a, true); return true;
	case TUI_ACT_REDRAW: clearok(curscr, TRUE); return true;
	case TUI_ACT_PREVIEW: {
		struct tui_editor *ed = tui_current_editor(a);
		if (ed)
			tui_editor_toggle_preview(ed);
		return true;
	}
	default:
		return false;
	}
}

/* ---- drawing ---- */

static void draw(struct tui_app *a)
{
	erase();
	curs_set(0);
	a->title[0] = 0;
	getmaxyx(stdscr, a->rows, a->cols);
	if (a->cols < MIN_COLS || a->rows < MIN_ROWS) {
		char msg[96];
		snprintf(msg, sizeof msg, "Terminal too small (%dx%d): needs %dx%d", a->cols, a->rows,
		         MIN_COLS, MIN_ROWS);
		int w = (int)strlen(msg);
		mvaddnstr(a->rows / 2, w < a->cols ? (a->cols - w) / 2 : 0, msg, a->cols);
		refresh();
		return;
	}
	int start = a->nstack - 1;
	while (start > 0 && a->stack[start].ops->overlay)
		start--;
	a->cur_on = false;
	for (int i = start < 0 ? 0 : start; i < a->nstack; i++)
		a->stack[i].ops->draw(a, a->stack[i].st);
	if (a->cur_on) {
		move(a->cur_y, a->cur_x);
		curs_set(1);
	}
	refresh();
}

/* ---- keys ---- */

static bool feed(struct tui_app *a, int key)
{
	if (key == TUI_FN(KEY_RESIZE)) {
		getmaxyx(stdscr, a->rows, a->cols);
		return !a->quit;
	}
	if (a->cols < MIN_COLS || a->rows < MIN_ROWS) {
		/* Only quitting works on the too-small screen. */
		enum tui_action act = tui_keymap_lookup(a->km, TUI_CTX_GENERIC, key);
		if (act == TUI_ACT_QUIT)
			tui_file_quit(a);
		return !a->quit;
	}
	if (!a->nstack) {
		a->quit = true;
		return false;
	}
	int top = a->nstack - 1;
	if (!a->stack[top].ops->key(a, a->stack[top].st, key)) {
		enum tui_context ctx = a->stack[top].ops->context
		                               ? a->stack[top].ops->context(a, a->stack[top].st)
		                               : TUI_CTX_GENERIC;
		tui_app_action(a, tui_keymap_lookup(a->km, ctx, key));
	}
	tui_baseline_after_key(a);
	return !a->quit;
}

static int read_key(struct tui_app *a)
{
	wint_t ch;
	int r = get_wch(&ch);
	if (r == ERR)
		return -1;
	if (r == KEY_CODE_YES) {
		switch (ch) {
		case TUI_KEYCODE_PASTE_BEGIN: return tui_paste_read();
		case KEY_ENTER: return TUI_ENTER;
		case KEY_MOUSE: {
			MEVENT ev;
			if (getmouse(&ev) != OK)
				return -2;
			if (ev.bstate & BUTTON4_PRESSED)
				return TUI_FN(KEY_UP);       /* wheel */
#ifdef BUTTON5_PRESSED
			if (ev.bstate & BUTTON5_PRESSED)
				return TUI_FN(KEY_DOWN);
#endif
			if (!(ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)))
				return -2;   /* an event we do not use, not an empty wait */
			a->mouse_x = ev.x;
			a->mouse_y = ev.y;
			return TUI_FN(KEY_MOUSE);
		}
		default: return TUI_FN((int)ch);
		}
	}
	if (ch == '\r')
		return TUI_ENTER;
	if (ch == 127 || ch == 8)
		return TUI_FN(KEY_BACKSPACE);
	return (int)ch;
}

/* ---- curses ---- */

static bool curses_start(struct tui_app *a, int cols, int rows)
{
	const char *term = getenv("TERM");
	if (a->no_display) {
		char buf[16];
		if (cols > 0) {
			snprintf(buf, sizeof buf, "%d", cols);
			setenv("COLUMNS", buf, 1);
		} else if (!getenv("COLUMNS")) {
			setenv("COLUMNS", "80", 1);
		}
		if (rows > 0) {
			snprintf(buf, sizeof buf, "%d", rows);
			setenv("LINES", buf, 1);
		} else if (!getenv("LINES")) {
			setenv("LINES", "24", 1);
		}
		a->out_fp = fopen("/dev/null", "w");
		/* cppcheck-suppress incompatibleFileOpen ; /dev/null, as tig's TIG_NO_DISPLAY */
		a->in_fp = fopen("/dev/null", "r");
		if (!a->out_fp || !a->in_fp)
			return false;
		a->scr = newterm(term && *term ? term : "xterm", a->out_fp, a->in_fp);
	} else {
		a->scr = newterm(NULL, stdout, stdin);
	}
	if (!a->scr)
		return false;
	set_term(a->scr);
	a->curses_on = true;
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(50);
	timeout(200);
	tui_paste_mode(a->no_display ? NULL : stdout, true);
	if (a->mouse && !a->no_display)
		mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
		          | BUTTON5_PRESSED
#endif
		          , NULL);
	getmaxyx(stdscr, a->rows, a->cols);
	return true;
}

static void curses_stop(struct tui_app *a)
{
	if (!a->curses_on)
		return;
	ivs_term_screen_done();
	tui_paste_mode(a->no_display ? NULL : stdout, false);
	endwin();
	delscreen(a->scr);
	a->scr = NULL;
	a->curses_on = false;
	if (a->out_fp)
		fclose(a->out_fp);
	if (a->in_fp)
		fclose(a->in_fp);
	a->out_fp = a->in_fp = NULL;
}

static struct tui_app *app_alloc(struct ivs_project *p, const char *path)
{
	struct tui_app *a = ivs_xcalloc(1, sizeof *a);
	a->p = p;
	a->path = path ? ivs_xstrdup(path) : NULL;
	a->km = tui_keymap_new();
	const char *cs = nl_langinfo(CODESET);
	a->utf8 = cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8"));
	a->mouse = true;
	ivs_validate_all(p);
	tui_note_disk(a);
	return a;
}

static void app_release(struct tui_app *a)
{
	pop_all(a);
	tui_baseline_free(a);
	curses_stop(a);
	ivs_colors_stop();
	tui_keymap_free(a->km);
	tui_paste_clear();
	ivs_project_free(a->p);
	free(a->path);
	free(a);
}

struct tui_app *tui_app_new(struct ivs_project *p, const char *path, int cols, int rows,
                            bool wizard)
{
	struct tui_app *a = app_alloc(p, path);
	a->no_display = true;
	if (!curses_start(a, cols, rows)) {
		app_release(a);
		return NULL;
	}
	ivs_colors_start("monochrome", NULL);
	if (wizard) {
		a->wizard = true;
		tui_wizard_open(a);
	} else {
		tui_start_editor(a);
	}
	return a;
}

bool tui_app_key(struct tui_app *a, int key)
{
	return feed(a, key);
}

void tui_app_draw(struct tui_app *a)
{
	draw(a);
}

struct ivs_project *tui_app_project(struct tui_app *a)
{
	return a->p;
}

void tui_app_free(struct tui_app *a)
{
	if (a)
		app_release(a);
}

/* ---- ivs_tui_main ---- */

/* SIGHUP/SIGTERM: unsaved changes go to the recovery file (recover.h),
 * never over the project file. */
static void on_terminate(struct tui_app *a, int sig)
{
	a->quit = true;
	a->exit_code = 128 + sig;
	if (ivs_project_modified(a->p)) {
		char *err = NULL;
		if (ivs_recover_write(a->p, a->path, &err) < 0) {
			curses_stop(a);
			ivs_error("unsaved changes lost: %s", err ? err : "no recovery file");
		}
		free(err);
	}
}

static void recover_answer(struct tui_app *a, int choice, void *ctx)
{
	char *rp = ctx ? *(char **)ctx : NULL;
	if (choice == 'r' && rp) {
		struct ivs_diags d;
		ivs_diags_init(&d);
		struct ivs_project *p = ivs_load_file(rp, &d);
		ivs_diags_free(&d);
		if (!p) {
			tui_status(a, true, "Cannot read the recovery file %s", rp);
		} else {
			char *path = a->path ? ivs_xstrdup(a->path) : NULL;
			tui_set_project(a, p, path);
			free(path);
			/* The restored content is not what the file holds. */
			ivs_project_mark_modified(a->p);
			/* Kept until saved, or discarded at quit or open. */
			a->recovered = true;
			tui_validate(a);
			tui_status(a, false, "Restored from %s: save to keep it", rp);
		}
	} else if (choice == 'd') {
		ivs_recover_discard(a->path);
		tui_status(a, false, "Recovery file discarded");
	}
	free(rp);
}

static void offer_recovery(struct tui_app *a)
{
	static const char *const labels[] = {"Restore", "Discard it", "Later"};
	char *why = NULL;
	char *rp = ivs_recover_find_checked(a->path, &why);
	if (why)   /* another user's, a link, readable by others: said, not offered */
		tui_status(a, true, "%s", why);
	free(why);
	if (!rp)
		return;
	char **ctx = ivs_xmalloc(sizeof *ctx);
	*ctx = rp;
	char *msg = ivs_xasprintf("Unsaved changes of an interrupted session were kept in\n%s\n"
	                          "Restore them?", rp);
	tui_confirm(a, "Recovery", msg, "rdl", labels, recover_answer, ctx);
	free(msg);
}

/* The project of FILE (loaded, or new when FILE does not exist yet), or
 * NULL after printing why not (*code: the exit code). */
static struct ivs_project *load_start_project(const char *file, int *code)
{
	struct stat st;
	*code = IVS_EXIT_USAGE;
	if (!file)
		return ivs_project_new();
	if (stat(file, &st) == 0) {
		struct ivs_diags d;
		ivs_diags_init(&d);
		ivs_diags_set_limit(&d, IVS_DIAGS_LIMIT);   /* "… and N more" past it */
		struct ivs_project *p = ivs_load_file(file, &d);
		if (!p)
			ivs_diags_print(stderr, file, &d);
		ivs_diags_free(&d);
		return p;
	}
	if (errno != ENOENT) {
		ivs_error("cannot open %s: %s", file, strerror(errno));
		return NULL;
	}
	return ivs_project_new();
}

/* IVS_TUI_NO_DISPLAY and IVS_TUI_SCRIPT; false after printing why not. */
static bool setup_input(struct tui_app *a)
{
	const char *nd = getenv("IVS_TUI_NO_DISPLAY");
	a->no_display = nd && *nd && strcmp(nd, "0") != 0;
	const char *script = getenv("IVS_TUI_SCRIPT");
	if (script && *script) {
		a->script = fopen(script, "r");
		if (!a->script) {
			ivs_error("cannot read IVS_TUI_SCRIPT %s: %s", script, strerror(errno));
			return false;
		}
	}
	if (!a->no_display && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))) {
		ivs_error("the editor needs a terminal (stdin and stdout); see ivs-tui --help");
		return false;
	}
	return true;
}

/* The theme and the user's key map; their problems go to the status line. */
static void load_preferences(struct tui_app *a, const char *theme)
{
	char *err = NULL;
	ivs_colors_start(theme, &err);
	if (err) {
		tui_status(a, true, "%s", err);
		free(err);
	}
	char *keys = tui_keymap_user_path();
	if (keys) {
		err = tui_keymap_load(a->km, keys);
		if (err) {
			tui_status(a, true, "%s", err);
			free(err);
		}
		free(keys);
	}
}

/* The first screen: the wizard without FILE, else the editor. */
static void open_first_screen(struct tui_app *a, const char *file, const char *baseline)
{
	if (!file) {
		a->wizard = true;
		tui_wizard_open(a);
	} else {
		tui_start_editor(a);
		if (!a->disk_known)
			tui_status(a, false, "New project: %s will be created on save", file);
		tui_baseline_start(a, baseline);
	}
	offer_recovery(a);
}

/* The next key from the terminal, or -1. *eof_waits counts waits that end
 * at once with no key: again and again, the terminal is gone (EOF, EIO)
 * without a SIGHUP; then *gone is set. */
static int terminal_key(struct tui_app *a, int *eof_waits, bool *gone)
{
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int key = read_key(a);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	long ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
	*eof_waits = key == -1 && ms < 20 ? *eof_waits + 1 : 0;
	*gone = *eof_waits > 200;
	return key;
}

/* Draw, read a key (script or terminal), handle signals, feed the key;
 * until the app quits. */
static void main_loop(struct tui_app *a)
{
	int eof_waits = 0;
	while (!a->quit) {
		/* Keys waiting (typed faster than drawn, a paste without
		 * bracketed paste): take them first, draw once they are in. */
		if (a->script || !tui_input_pending())
			draw(a);
		int key;
		if (a->no_display && !a->script)
			break;   /* nothing to read: one frame, then out */
		if (a->script) {
			bool stop;
			key = tui_script_key(a, &stop);
			if (stop)
				break;
		} else {
			bool gone;
			key = terminal_key(a, &eof_waits, &gone);
			if (gone) {
				on_terminate(a, SIGHUP);
				break;
			}
		}
		int sig = ivs_term_signal_take();
		if (sig == SIGHUP || sig == SIGTERM) {
			on_terminate(a, sig);
			break;
		}
		if (sig == SIGINT)
			tui_file_quit(a);
		if (key >= 0)
			feed(a, key);
	}
}

static int app_finish(struct tui_app *a, int code)
{
	if (a->script)
		fclose(a->script);
	a->script = NULL;
	app_release(a);
	return code;
}

int ivs_tui_main(const struct ivs_tui_options *o)
{
	setlocale(LC_ALL, "");
	int code;
	struct ivs_project *p = load_start_project(o->file, &code);
	if (!p)
		return code;
	struct tui_app *a = app_alloc(p, o->file);
	a->mouse = !o->no_mouse;
	if (!setup_input(a))
		return app_finish(a, IVS_EXIT_USAGE);
	ivs_term_signals_install();
	if (!curses_start(a, 0, 0)) {
		ivs_error("cannot start the terminal (TERM=%s)", getenv("TERM") ? getenv("TERM") : "");
		return app_finish(a, IVS_EXIT_USAGE);
	}
	ivs_term_screen_ready();
	load_preferences(a, o->theme);
	open_first_screen(a, o->file, o->baseline);
	main_loop(a);
	return app_finish(a, a->exit_code);
}
