/* baseline.c: the TUI's baseline template (see baseline.h). */
#include "ivs/baseline.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ivs/export.h"
#include "ivs/fsutil.h"
#include "ivs/template.h"
#include "ivs/util.h"
#include "ivs/validate.h"

struct ivs_baseline *ivs_baseline_load(const char *path, struct ivs_diags *d)
{
	struct ivs_template *t = ivs_template_load(path, d);
	if (!t)
		return NULL;
	if (!ivs_template_check(t, d)) {
		ivs_template_free(t);
		return NULL;
	}
	struct ivs_baseline *b = ivs_xcalloc(1, sizeof *b);
	b->path = ivs_xstrdup(path);
	b->tmpl = t->root;
	t->root = NULL;
	ivs_template_free(t);
	return b;
}

void ivs_baseline_free(struct ivs_baseline *b)
{
	if (!b)
		return;
	free(b->path);
	cJSON_Delete(b->tmpl);
	ivs_tdiff_free(b->d);
	ivs_tdiff_free(b->accepted);
	free(b);
}

const struct ivs_tdiff *ivs_baseline_sync(struct ivs_baseline *b, const struct ivs_project *p)
{
	unsigned long gen = ivs_project_generation(p);
	if (b->proj != p)
		ivs_baseline_forget(b);
	if (b->have && b->gen == gen)
		return b->d;
	if (ivs_validate_errors(p) > 0)
		return b->d;   /* the exporter needs a valid project: keep the last one */
	cJSON *t = ivs_export_template(p);
	struct ivs_tdiff *d = ivs_tdiff_compare(b->tmpl, t);
	cJSON_Delete(t);
	ivs_tdiff_free(b->d);
	b->d = d;
	b->gen = gen;
	b->proj = p;
	b->have = true;
	return b->d;
}

void ivs_baseline_forget(struct ivs_baseline *b)
{
	ivs_tdiff_free(b->d);
	b->d = NULL;
	b->have = false;
	b->proj = NULL;
}

const struct ivs_tdiff_res *ivs_baseline_res(const struct ivs_baseline *b, const struct ivs_res *r)
{
	if (!b || !b->d)
		return NULL;
	char *id = ivs_export_logical_id(r);
	const struct ivs_tdiff_res *hit = NULL;
	for (size_t i = 0; id && i < b->d->nres && !hit; i++)
		if (b->d->res[i].change != IVS_TDIFF_REMOVED && !strcmp(b->d->res[i].id, id))
			hit = &b->d->res[i];
	free(id);
	return hit;
}

static bool is_loss(enum ivs_tdiff_change c)
{
	return c == IVS_TDIFF_REPLACED || c == IVS_TDIFF_RENAMED || c == IVS_TDIFF_REMOVED;
}

/* The baseline's logical id a loss is about. */
static const char *lost_id(const struct ivs_tdiff_res *r)
{
	return r->change == IVS_TDIFF_RENAMED ? r->old_id : r->id;
}

char *ivs_baseline_new_losses(const struct ivs_tdiff *before, const struct ivs_tdiff *after)
{
	struct ivs_buf b;
	ivs_buf_init(&b);
	for (size_t i = 0; after && i < after->nres; i++) {
		const struct ivs_tdiff_res *r = &after->res[i];
		if (!is_loss(r->change))
			continue;
		bool known = false;
		for (size_t k = 0; before && k < before->nres && !known; k++)
			known = is_loss(before->res[k].change) && !strcmp(lost_id(&before->res[k]), lost_id(r));
		if (known)
			continue;
		if (b.len)
			ivs_buf_putc(&b, '\n');
		if (r->change == IVS_TDIFF_RENAMED) {
			ivs_buf_printf(&b, "%s → %s: renamed, therefore replaced: %s", r->old_id, r->id,
			               r->loss ? r->loss : "");
		} else {
			char *w = ivs_tdiff_res_words(r);
			ivs_buf_printf(&b, "%s: %s", r->id, w);
			free(w);
		}
	}
	if (!b.len) {
		ivs_buf_free(&b);
		return NULL;
	}
	return ivs_buf_steal(&b);
}

/* ---- where the baselines are remembered ---- */

static char *state_file(void)
{
	const char *x = getenv("XDG_STATE_HOME");
	if (x && x[0] == '/')
		return ivs_xasprintf("%s/ivs-tui/baselines", x);
	const char *h = getenv("HOME");
	if (h && h[0] == '/')
		return ivs_xasprintf("%s/.local/state/ivs-tui/baselines", h);
	return NULL;
}

/* Absolute form of path (its folder resolved; the file need not exist). */
static char *absolute(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? ivs_xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : ivs_xstrdup(".");
	const char *base = slash ? slash + 1 : path;
	char buf[PATH_MAX];
	char *abs = realpath(dir, buf)
	          ? ivs_xasprintf("%s%s%s", buf, strcmp(buf, "/") == 0 ? "" : "/", base)
	          : ivs_xstrdup(path);
	free(dir);
	return abs;
}

static int make_dirs(const char *file)
{
	char *p = ivs_xstrdup(file);
	int rc = 0;
	char *last = strrchr(p, '/');
	if (last)
		*last = '\0';
	for (char *s = p + 1; last && rc == 0; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST)
			rc = -1;
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return rc;
}

char *ivs_baseline_lookup(const char *project_path)
{
	char *file = state_file(), *err = NULL, *found = NULL;
	size_t len = 0;
	if (!file)
		return NULL;
	char *text = ivs_read_file(file, 1u << 24, &len, &err);
	free(err);
	free(file);
	if (!text)
		return NULL;
	char *key = absolute(project_path), *save = NULL;
	for (char *line = strtok_r(text, "\n", &save); line && !found; line = strtok_r(NULL, "\n", &save)) {
		char *tab = strchr(line, '\t');
		if (tab && (size_t)(tab - line) == strlen(key) && !strncmp(line, key, strlen(key)) && tab[1])
			found = ivs_xstrdup(tab + 1);
	}
	free(key);
	free(text);
	return found;
}

int ivs_baseline_remember(const char *project_path, const char *template_path, char **err)
{
	char *file = state_file(), *rerr = NULL;
	size_t len = 0;
	if (!file) {
		*err = ivs_xstrdup("no state folder: set XDG_STATE_HOME or HOME");
		return -1;
	}
	if (strchr(project_path, '\n') || strchr(project_path, '\t') || strchr(template_path, '\n') ||
	    strchr(template_path, '\t')) {
		free(file);
		*err = ivs_xstrdup("a file name with a tab or a newline cannot be remembered");
		return -1;
	}
	char *key = absolute(project_path), *val = absolute(template_path);
	char *text = ivs_read_file(file, 1u << 24, &len, &rerr);
	free(rerr);
	struct ivs_buf out;
	ivs_buf_init(&out);
	ivs_buf_add(&out, "", 0);
	char *save = NULL;
	for (char *line = text ? strtok_r(text, "\n", &save) : NULL; line; line = strtok_r(NULL, "\n", &save)) {
		char *tab = strchr(line, '\t');
		if (!tab || ((size_t)(tab - line) == strlen(key) && !strncmp(line, key, strlen(key))))
			continue;   /* this project's old line, or not a line of ours */
		ivs_buf_printf(&out, "%s\n", line);
	}
	ivs_buf_printf(&out, "%s\t%s\n", key, val);
	int rc = make_dirs(file);
	if (rc != 0)
		*err = ivs_xasprintf("cannot make the folder of %s: %s", file, strerror(errno));
	else
		rc = ivs_write_atomic(file, out.data, out.len, 0600, err);
	ivs_buf_free(&out);
	free(text);
	free(key);
	free(val);
	free(file);
	return rc;
}
