/* files.c: save, save as, open, export and quit, each a short chain of
 * dialogs. A failed save or export says why in the status line and keeps
 * the edits. Saving notices a file changed on disk by another program
 * since it was loaded or saved (mtime and size) and asks first. */
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
	if (choice == 'o')
		do_save(a, c->path, c->then);
	else
		tui_status(a, false, "Not saved");
	free(c->path);
}

static void save_to(struct tui_app *a, const char *path, enum tui_after then, bool ask_exists)
{
	static const char *const labels[] = {"Overwrite", "Cancel"};
	struct stat st;
	const char *why = NULL;
	if (disk_changed(a, path))
		why = "was changed on disk by another program since it was loaded.";
	else if (ask_exists && (!a->path || strcmp(a->path, path) != 0) && stat(path, &st) == 0)
		why = "exists already.";
	if (why) {
		struct save_ctx *c = ivs_xmalloc(sizeof *c);
		c->path = ivs_xstrdup(path);
		c->then = then;
		char *msg = ivs_xasprintf("%s %s\nOverwrite it with this project?", path, why);
		tui_confirm(a, "Save", msg, "oc", labels, overwrite_answer, c);
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

void tui_file_save(struct tui_app *a, bool save_as, enum tui_after then)
{
	if (save_as || !a->path) {
		char *def = a->path ? ivs_xstrdup(a->path) : ivs_xasprintf("%s.yaml", stack_name(a));
		enum tui_after *c = ivs_xmalloc(sizeof *c);
		*c = then;
		tui_prompt(a, "Save the project as (comments are not kept; Tab completes)", def, true,
		           save_as_answer, c);
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
	struct stat st;
	struct ivs_project *p = NULL;
	if (stat(text, &st) != 0 && errno == ENOENT) {
		p = ivs_project_new();
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

static void export_answer(struct tui_app *a, const char *text, void *ctx)
{
	(void)ctx;
	if (!text || !*text)
		return;
	enum ivs_export_format fmt = ends_with(text, ".yaml") || ends_with(text, ".yml")
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
	if (ivs_write_atomic(text, b.data ? b.data : "", b.len, 0644, &err) < 0) {
		tui_status(a, true, "Not exported: %s", err ? err : "write failed");
		free(err);
	} else {
		tui_status(a, false, "Exported %s (%s, %zu resources)", text,
		           fmt == IVS_EXPORT_YAML ? "YAML" : "JSON", ivs_project_cfn_count(a->p));
	}
	ivs_buf_free(&b);
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
	char *def = ivs_xasprintf("%s.template.json", stack_name(a));
	tui_prompt(a, "Export the template to (.json or .yaml; Tab completes)", def, true,
	           export_answer, NULL);
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
