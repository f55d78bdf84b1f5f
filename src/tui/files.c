/* files.c: save, save as, open, export and quit, each a short chain of
 * dialogs. A failed save or export says why in the status line and keeps
 * the edits. Saving notices a file changed on disk by another program
 * since it was loaded or saved (mtime and size) and asks first.
 *
 * Nothing is replaced on Enter: every question's default is the harmless
 * answer. Save As over a file that does not load as a project says what it
 * is and takes the letter r; onto a folder it says so at once and asks
 * again. Export writes next to the project file, asks before it replaces a
 * file, refuses the project's own file (same device and inode, whatever the
 * spelling) and names the whole path it wrote. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ivs/export.h"
#include "ivs/fsutil.h"
#include "ivs/import.h"
#include "ivs/recover.h"
#include "ivs/validate.h"
#include "ivs/yamlio.h"
#include "app.h"
#include "changes.h"
#include "dialog.h"
#include "files.h"

static const char *stack_name(struct tui_app *a)
{
	const char *n = ivs_project_stack(a->p)->name;
	return n && *n ? n : "stack";
}

void tui_note_disk(struct tui_app *a)
{
	a->disk_known = ivs_file_stamp_take(a->path, &a->disk);
}

static bool disk_changed(struct tui_app *a, const char *path)
{
	struct stat st;
	if (!a->path || strcmp(a->path, path) != 0)
		return false;
	if (stat(path, &st) != 0)
		return false;   /* gone: saving recreates it */
	/* created by someone else since we started, or changed (the engine's
	 * check, which the CLI's keygen --add uses too) */
	return !a->disk_known || ivs_file_stamp_changed(path, &a->disk);
}

struct save_ctx {
	char *path;
	enum tui_after then;
};

static void after(struct tui_app *a, enum tui_after then)
{
	switch (then) {
	case TUI_AFTER_QUIT: a->quit = true; break;
	case TUI_AFTER_OPEN_PROMPT: tui_file_open(a); break;
	case TUI_AFTER_NEW_EDITOR: tui_start_editor(a); break;
	case TUI_AFTER_NONE: break;
	}
}

/* ---- what a file that would be replaced holds ---- */

enum target { TARGET_NONE, TARGET_FOLDER, TARGET_SPECIAL, TARGET_SELF, TARGET_PROJECT,
              TARGET_OTHER };

/* The file at path, compared with the project's own file: nothing there,
 * a folder, a device/pipe/socket, the project's file itself (same device
 * and inode, whatever the spelling), another ivs-tui project, or any other
 * file. For the last two *what (caller frees) says what it is. */
static enum target examine(struct tui_app *a, const char *path, char **what)
{
	struct stat st, own;
	*what = NULL;
	if (stat(path, &st) != 0)
		return TARGET_NONE;
	if (S_ISDIR(st.st_mode))
		return TARGET_FOLDER;
	if (!S_ISREG(st.st_mode))
		return TARGET_SPECIAL;
	if (a->path && stat(a->path, &own) == 0 && own.st_dev == st.st_dev && own.st_ino == st.st_ino)
		return TARGET_SELF;
	struct ivs_diags d;
	ivs_diags_init(&d);
	struct ivs_project *p = ivs_load_file(path, &d);
	ivs_diags_free(&d);
	if (p) {
		const char *name = ivs_project_stack(p)->name;
		*what = name && *name ? ivs_xasprintf("the ivs-tui project of stack %s", name)
		                      : ivs_xstrdup("an ivs-tui project");
		ivs_project_free(p);
		return TARGET_PROJECT;
	}
	/* Not a project: its size and first line tell the user what it is. */
	char buf[64];
	size_t n = 0;
	FILE *f = fopen(path, "rb");
	if (f) {
		n = fread(buf, 1, sizeof buf - 1, f);
		fclose(f);
	}
	buf[n] = '\0';
	bool text = n == strlen(buf);
	for (size_t i = 0; text && i < n && buf[i] != '\n'; i++)
		if ((unsigned char)buf[i] < 0x20 && buf[i] != '\t')
			text = false;
	char *nl = strchr(buf, '\n');
	if (nl)
		*nl = '\0';
	if (st.st_size == 0)
		*what = ivs_xstrdup("an empty file");
	else if (text && ivs_utf8_valid(buf, strlen(buf)) && nl)
		*what = ivs_xasprintf("a %lld-byte text file that starts with \"%s\"",
		                      (long long)st.st_size, buf);
	else if (text)
		*what = ivs_xasprintf("a %lld-byte text file", (long long)st.st_size);
	else
		*what = ivs_xasprintf("a %lld-byte binary file", (long long)st.st_size);
	return TARGET_OTHER;
}

/* "x/" for a folder typed without its slash. */
static char *as_folder(const char *path)
{
	size_t n = strlen(path);
	return ivs_xasprintf("%s%s", path, n && path[n - 1] == '/' ? "" : "/");
}

/* The absolute form of a path that exists (for messages). */
static char *whole_path(const char *path)
{
	char *r = realpath(path, NULL);
	return r ? r : ivs_xstrdup(path);
}

/* ---- save ---- */

static void do_save(struct tui_app *a, const char *path, enum tui_after then)
{
	char *err = NULL;
	if (ivs_save_file(a->p, path, &err) < 0) {
		tui_status(a, true, "Not saved: %s", err ? err : "unknown error");
		free(err);
		return;
	}
	bool was_unsaved = a->path == NULL;
	if (!a->path || strcmp(a->path, path) != 0) {
		free(a->path);
		a->path = ivs_xstrdup(path);
	}
	ivs_project_mark_saved(a->p);
	tui_note_disk(a);
	ivs_recover_discard(a->path);
	if (was_unsaved)   /* a new project's recovery file has no project path */
		ivs_recover_discard(NULL);
	a->recovered = false;
	size_t e = ivs_validate_errors(a->p);
	if (e)
		tui_status(a, false, "Saved %s (it still has %zu error%s)", path, e, e == 1 ? "" : "s");
	else
		tui_status(a, false, "Saved %s", path);
	after(a, then);
}

static void overwrite_answer(struct tui_app *a, int choice, void *ctx)
{
	struct save_ctx *c = ctx;
	if (choice == 'o' || choice == 'r')
		do_save(a, c->path, c->then);
	else
		tui_status(a, false, "Not saved");
	free(c->path);
}

static void save_as_prompt(struct tui_app *a, const char *title, const char *initial,
                           enum tui_after then);

static void save_to(struct tui_app *a, const char *path, enum tui_after then, bool ask_exists)
{
	static const char *const labels[] = {"Overwrite", "Cancel"};
	static const char *const replace_labels[] = {"Replace it", "Cancel"};
	char *what = NULL, *msg = NULL;
	const char *letters = "oc";
	const char *const *lab = labels;
	enum target t = ask_exists ? examine(a, path, &what) : TARGET_NONE;

	if (t == TARGET_FOLDER) {
		char *initial = as_folder(path);
		tui_status(a, true, "%s is a folder: type the name of a file in it", path);
		save_as_prompt(a, "Save the project as (a file in the folder; Tab completes)", initial, then);
		free(initial);
		return;
	}
	if (t == TARGET_SPECIAL) {
		tui_status(a, true, "Not saved: %s is not a regular file (a device, pipe or socket)", path);
		return;
	}
	if (disk_changed(a, path)) {
		msg = ivs_xasprintf("%s was changed on disk by another program since it was loaded.\n"
		                    "Overwrite it with this project?", path);
	} else if (t == TARGET_PROJECT && (!a->path || strcmp(a->path, path) != 0)) {
		msg = ivs_xasprintf("%s exists already: it is %s.\nOverwrite it with this project?",
		                    path, what);
	} else if (t == TARGET_OTHER) {
		msg = ivs_xasprintf("%s is not an ivs-tui project: it is %s.\n"
		                    "Replace it with this project? What it holds is lost.", path, what);
		letters = "rc";
		lab = replace_labels;
	}
	free(what);
	if (msg) {
		struct save_ctx *c = ivs_xmalloc(sizeof *c);
		c->path = ivs_xstrdup(path);
		c->then = then;
		tui_confirm(a, "Save", msg, letters, lab, overwrite_answer, c);
		free(msg);
		return;
	}
	do_save(a, path, then);
}

static void save_as_answer(struct tui_app *a, const char *text, void *ctx)
{
	enum tui_after *then = ctx;
	if (!text || !*text) {
		tui_status(a, false, "Not saved");
		return;
	}
	save_to(a, text, *then, true);
}

static void save_as_prompt(struct tui_app *a, const char *title, const char *initial,
                           enum tui_after then)
{
	enum tui_after *c = ivs_xmalloc(sizeof *c);
	*c = then;
	tui_prompt(a, title, initial, true, save_as_answer, c);
}

void tui_file_save(struct tui_app *a, bool save_as, enum tui_after then)
{
	if (save_as || !a->path) {
		char *def = a->path ? ivs_xstrdup(a->path) : ivs_xasprintf("%s.yaml", stack_name(a));
		save_as_prompt(a, "Save the project as (comments are kept; Tab completes)", def, then);
		free(def);
		return;
	}
	save_to(a, a->path, then, false);
}

/* ---- open ---- */

/* A CloudFormation template opened: import it (import.h) as a new, unsaved
 * project; what was left out is shown. */
static void import_answer(struct tui_app *a, int choice, void *ctx)
{
	const char *path = ctx;
	if (choice != 'i')
		return;
	struct ivs_template *t = ivs_import_sniff(path);
	struct ivs_diags d;
	struct ivs_import_result res;
	char *stem = ivs_import_stack_name_of(path);
	struct ivs_import_opts o = {.fallback_stack_name = stem};
	ivs_diags_init(&d);
	ivs_import(t, &o, &res, &d);
	free(stem);
	if (!res.p) {
		char *tmp = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&tmp, &len);
		if (f) {
			ivs_diags_print(f, path, &d);
			fclose(f);
		}
		tui_message(a, "Cannot import the template", tmp ? tmp : "not a template");
		free(tmp);
	} else {
		size_t n = res.nleft_out;
		tui_set_project(a, res.p, NULL);
		res.p = NULL;
		ivs_project_mark_modified(a->p);
		if (n) {
			struct ivs_buf b;
			ivs_buf_init(&b);
			for (size_t i = 0; i < res.nleft_out; i++)
				ivs_buf_printf(&b, "%s\n", res.left_out[i]);
			tui_message(a, "Imported; left out, as a project cannot hold it", b.data);
			ivs_buf_free(&b);
		}
		tui_status(a, false, n ? "Imported %s: %zu left out; save to keep it"
		                       : "Imported %s exactly: save to keep it", path, n);
	}
	ivs_import_result_free(&res);
	ivs_template_free(t);
	ivs_diags_free(&d);
}

static void open_answer(struct tui_app *a, const char *text, void *ctx)
{
	(void)ctx;
	if (!text || !*text)
		return;
	struct ivs_template *tmpl = ivs_import_sniff(text);
	if (tmpl) {
		static const char *const labels[] = {"Import", "Cancel"};
		ivs_template_free(tmpl);
		char *msg = ivs_xasprintf("%s is a CloudFormation template, not a project.\n"
		                          "Import it as a new project whose export gives it back?", text);
		tui_confirm(a, "Open", msg, "ic", labels, import_answer, ivs_xstrdup(text));
		free(msg);
		return;
	}
	struct ivs_diags d;
	ivs_diags_init(&d);
	ivs_diags_set_limit(&d, IVS_DIAGS_LIMIT);   /* "… and N more" past it */
	struct stat st;
	struct ivs_project *p = NULL;
	if (stat(text, &st) != 0 && errno == ENOENT) {
		p = ivs_project_new();
	} else if (stat(text, &st) == 0 && !S_ISREG(st.st_mode)) {
		/* Reading a pipe or a device would block the screen. */
		tui_status(a, true, "Not opened: %s is %s", text,
		           S_ISDIR(st.st_mode) ? "a folder" : "not a regular file (a device, pipe or socket)");
		ivs_diags_free(&d);
		return;
	} else {
		p = ivs_load_file(text, &d);
	}
	if (!p) {
		char *tmp = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&tmp, &len);
		if (f) {
			ivs_diags_print(f, text, &d);
			fclose(f);
		}
		tui_message(a, "Cannot open the file", tmp ? tmp : "cannot load it");
		free(tmp);
		ivs_diags_free(&d);
		return;
	}
	ivs_diags_free(&d);
	tui_set_project(a, p, text);
	tui_status(a, false, "Opened %s", text);
}

static void open_prompt(struct tui_app *a)
{
	tui_prompt(a, "Open project file (Tab completes)", "", true, open_answer, NULL);
}

static void unsaved_answer(struct tui_app *a, int choice, void *ctx)
{
	enum tui_after *then = ctx;
	if (choice == 's') {
		tui_file_save(a, false, *then);
	} else if (choice == 'd') {
		if (a->recovered) {   /* the restored changes are thrown away with the rest */
			ivs_recover_discard(a->path);
			a->recovered = false;
		}
		if (*then == TUI_AFTER_QUIT)
			a->quit = true;
		else if (*then == TUI_AFTER_OPEN_PROMPT)
			open_prompt(a);
	}
}

static void ask_unsaved(struct tui_app *a, enum tui_after then)
{
	static const char *const labels[] = {"Save", "Discard", "Cancel"};
	enum tui_after *c = ivs_xmalloc(sizeof *c);
	*c = then;
	char *msg = ivs_xasprintf("%s has unsaved changes.", a->path ? a->path : "The new project");
	tui_confirm(a, then == TUI_AFTER_QUIT ? "Quit" : "Open", msg, "sdc", labels, unsaved_answer, c);
	free(msg);
}

void tui_file_open(struct tui_app *a)
{
	if (ivs_project_modified(a->p))
		ask_unsaved(a, TUI_AFTER_OPEN_PROMPT);
	else
		open_prompt(a);
}

void tui_file_quit(struct tui_app *a)
{
	if (ivs_project_modified(a->p))
		ask_unsaved(a, TUI_AFTER_QUIT);
	else
		a->quit = true;
}

/* ---- export ---- */

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static void export_prompt(struct tui_app *a, const char *title, const char *initial);

static void do_export(struct tui_app *a, const char *path)
{
	enum ivs_export_format fmt = ends_with(path, ".yaml") || ends_with(path, ".yml")
	                                     ? IVS_EXPORT_YAML : IVS_EXPORT_JSON;
	cJSON *t = ivs_export_template(a->p);
	if (!t) {
		tui_status(a, true, "Export failed: the exporter made no template");
		return;
	}
	struct ivs_buf b;
	ivs_buf_init(&b);
	ivs_export_write(t, fmt, &b);
	cJSON_Delete(t);
	char *err = NULL;
	if (ivs_write_atomic(path, b.data ? b.data : "", b.len, 0644, &err) < 0) {
		tui_status(a, true, "Not exported: %s", err ? err : "write failed");
		free(err);
	} else {
		char *whole = whole_path(path);
		if (!a->wizard)   /* the wizard's first export is no deployed stack yet */
			tui_baseline_exported(a, whole);
		tui_status(a, false, "Exported %s (%s, %zu resources)", whole,
		           fmt == IVS_EXPORT_YAML ? "YAML" : "JSON", ivs_project_cfn_count(a->p));
		free(whole);
	}
	ivs_buf_free(&b);
}

static void export_replace_answer(struct tui_app *a, int choice, void *ctx)
{
	char *path = *(char **)ctx;
	if (choice == 'r')
		do_export(a, path);
	else
		tui_status(a, false, "Not exported");
	free(path);
}

static void export_answer(struct tui_app *a, const char *text, void *ctx)
{
	(void)ctx;
	if (!text || !*text)
		return;
	static const char *const labels[] = {"Replace it", "Cancel"};
	char *what = NULL, *msg = NULL;
	switch (examine(a, text, &what)) {
	case TARGET_NONE:
		do_export(a, text);
		return;
	case TARGET_FOLDER: {
		char *initial = as_folder(text);
		tui_status(a, true, "%s is a folder: type the name of a file in it", text);
		export_prompt(a, "Export the template to (a file in the folder; Tab completes)", initial);
		free(initial);
		return;
	}
	case TARGET_SPECIAL:
		tui_status(a, true, "Not exported: %s is not a regular file (a device, pipe or socket)",
		           text);
		return;
	case TARGET_SELF: {
		tui_status(a, true, "Not exported over %s: it is this project's own file", text);
		export_prompt(a, "Export the template to (not the project's file; Tab completes)", text);
		return;
	}
	case TARGET_PROJECT:
		msg = ivs_xasprintf("%s exists already: it is %s, not a template.\n"
		                    "Replace it with the template? The project it holds is lost.",
		                    text, what);
		break;
	case TARGET_OTHER:
		msg = ivs_xasprintf("%s exists already: it is %s.\nReplace it with the template?", text,
		                    what);
		break;
	}
	free(what);
	char **c = ivs_xmalloc(sizeof *c);
	*c = ivs_xstrdup(text);
	tui_confirm(a, "Export", msg, "rc", labels, export_replace_answer, c);
	free(msg);
}

static void export_prompt(struct tui_app *a, const char *title, const char *initial)
{
	tui_prompt(a, title, initial, true, export_answer, NULL);
}

void tui_file_export(struct tui_app *a)
{
	tui_validate(a);
	size_t e = ivs_validate_errors(a->p);
	if (e) {
		tui_status(a, true, "Export refused: the project has %zu error%s (F7 lists them)", e,
		           e == 1 ? "" : "s");
		return;
	}
	/* Next to the project file, not in the current folder. */
	const char *slash = a->path ? strrchr(a->path, '/') : NULL;
	char *def = slash ? ivs_xasprintf("%.*s%s.template.json", (int)(slash - a->path + 1), a->path,
	                                  stack_name(a))
	                  : ivs_xasprintf("%s.template.json", stack_name(a));
	export_prompt(a, "Export the template to (.json or .yaml; Tab completes)", def);
	free(def);
}

/* ---- path completion ---- */

char *tui_complete_path(const char *prefix)
{
	const char *slash = strrchr(prefix, '/');
	char *dir = slash ? ivs_xstrndup(prefix, (size_t)(slash - prefix) + 1) : ivs_xstrdup("");
	const char *base = slash ? slash + 1 : prefix;
	size_t bl = strlen(base);
	DIR *d = opendir(*dir ? dir : ".");
	char *best = NULL;
	bool best_dir = false;
	int matches = 0;
	if (!d) {
		free(dir);
		return NULL;
	}
	struct dirent *e;
	while ((e = readdir(d))) {
		if (strncmp(e->d_name, base, bl) != 0 || !strcmp(e->d_name, ".") ||
		    !strcmp(e->d_name, ".."))
			continue;
		if (e->d_name[0] == '.' && (bl == 0 || base[0] != '.'))
			continue;
		matches++;
		if (!best) {
			best = ivs_xstrdup(e->d_name);
			char *full = ivs_xasprintf("%s%s", dir, e->d_name);
			struct stat st;
			best_dir = stat(full, &st) == 0 && S_ISDIR(st.st_mode);
			free(full);
		} else {
			size_t i = 0;
			while (best[i] && best[i] == e->d_name[i])
				i++;
			best[i] = 0;
		}
	}
	closedir(d);
	char *out = NULL;
	if (best)
		out = ivs_xasprintf("%s%s%s", dir, best, matches == 1 && best_dir ? "/" : "");
	free(best);
	free(dir);
	return out;
}
