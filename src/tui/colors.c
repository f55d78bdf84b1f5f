/* colors.c: themes into curses attributes. The theme file is parsed by
 * src/ui/theme.c; here the roles become colour pairs (one per role),
 * or attributes only when colours are off (NO_COLOR, a colourless
 * terminal), as htop's MONOCHROME scheme. */
#include "ivs/colors.h"

#include <stdlib.h>
#include <string.h>

#include "ivs/config.h"
#include "ivs/util.h"

static struct {
	bool started, mono;
	char *theme;
	attr_t attrs[IVS_COLOR_COUNT];
} st;

static attr_t spec_attrs(unsigned a)
{
	attr_t r = A_NORMAL;
	if (a & IVS_ATTR_BOLD)
		r |= A_BOLD;
	if (a & IVS_ATTR_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & IVS_ATTR_REVERSE)
		r |= A_REVERSE;
	if (a & IVS_ATTR_DIM)
		r |= A_DIM;
	return r;
}

/* Fits colour c into a terminal with `colors` colours. A bright colour
 * (8-15) on an 8-colour terminal becomes its base colour (made bold when
 * it is a foreground); 16-255 become the nearest of the 8 base colours. */
static short fit(short c, int colors, bool fg, attr_t *extra)
{
	if (c < 0 || c < colors)
		return c;
	if (c < 16) {
		if (fg)
			*extra |= A_BOLD;
		return (short)(c - 8);
	}
	if (c < 232) {
		int v = c - 16, r = v / 36, g = (v / 6) % 6, b = v % 6;
		return (short)((r >= 3 ? 1 : 0) | (g >= 3 ? 2 : 0) | (b >= 3 ? 4 : 0));
	}
	return (short)(c < 244 ? COLOR_BLACK : COLOR_WHITE);
}

static void apply_mono(void)
{
	const struct ivs_theme *m = ivs_theme_builtin_mono();
	for (int i = 0; i < IVS_COLOR_COUNT; i++)
		st.attrs[i] = spec_attrs(m->roles[i].attrs);
	st.mono = true;
}

static void apply_theme(const struct ivs_theme *t)
{
	bool defaults = use_default_colors() == OK;
	for (int i = 0; i < IVS_COLOR_COUNT; i++) {
		const struct ivs_color_spec *s = &t->roles[i];
		if (s->fg < 0 && s->bg < 0) {
			/* the terminal's own colours: no pair needed (and none forced
			 * to white on black where default colours are missing) */
			st.attrs[i] = spec_attrs(s->attrs);
			continue;
		}
		attr_t extra = A_NORMAL;
		short fg = fit(s->fg, COLORS, true, &extra);
		short bg = fit(s->bg, COLORS, false, &extra);
		if (!defaults) {
			if (fg < 0)
				fg = COLOR_WHITE;
			if (bg < 0)
				bg = COLOR_BLACK;
		}
		init_pair((short)(i + 1), fg, bg);
		st.attrs[i] = COLOR_PAIR(i + 1) | spec_attrs(s->attrs) | extra;
	}
	st.mono = false;
}

/* Appends msg to *err ("; " between messages). */
static void add_err(char **err, char *msg)
{
	if (!err) {
		free(msg);
		return;
	}
	if (*err) {
		char *both = ivs_xasprintf("%s; %s", *err, msg);
		free(*err);
		free(msg);
		*err = both;
	} else {
		*err = msg;
	}
}

/* path with $HOME written "~", to keep status-line messages short. */
static char *short_path(const char *path)
{
	const char *h = getenv("HOME");
	size_t n = h ? strlen(h) : 0;
	if (n > 1 && strncmp(path, h, n) == 0 && path[n] == '/')
		return ivs_xasprintf("~%s", path + n);
	return ivs_xstrdup(path);
}

/* "FILE:LINE:COL: message" (severity named only for warnings). */
static char *diag_line(const char *path, const struct ivs_theme_diag *g)
{
	char *sp = short_path(path);
	const char *sev = g->sev == IVS_SEV_WARNING ? "warning: " : "";
	char *r = g->pos.line ? ivs_xasprintf("%s:%u:%u: %s%s", sp, g->pos.line, g->pos.col, sev, g->msg)
	                      : ivs_xasprintf("%s: %s%s", sp, sev, g->msg);
	free(sp);
	return r;
}

int ivs_colors_start(const char *theme_name, char **err)
{
	/* Without colours the theme does not matter: it is not even read. */
	const char *nc = getenv("NO_COLOR");
	bool mono = (nc && *nc) || !has_colors();
	if (!mono) {
		start_color();   /* sets COLORS and COLOR_PAIRS */
		mono = COLORS < 8 || COLOR_PAIRS <= IVS_COLOR_COUNT;
	}
	if (mono) {
		apply_mono();
		free(st.theme);
		st.theme = ivs_xstrdup("monochrome");
		st.started = true;
		return 0;
	}

	int rc = 0;
	char *cfg = NULL;
	if (!theme_name || !*theme_name) {
		char *cerr = NULL;
		cfg = ivs_config_theme(&cerr);
		if (cerr) {
			add_err(err, cerr);
			rc = -1;
		}
		theme_name = cfg ? cfg : "default";
	}

	struct ivs_theme theme;
	struct ivs_theme_diags d;
	ivs_theme_diags_init(&d);
	char *path = ivs_theme_find(theme_name);
	if (!path && strcmp(theme_name, "monochrome") == 0) {
		/* built in, like "default": works without the data folder */
		theme = *ivs_theme_builtin_mono();
		theme.name = ivs_xstrdup("monochrome");
	} else if (!path) {
		theme = *ivs_theme_builtin_default();
		theme.name = ivs_xstrdup("default");
		if (strcmp(theme_name, "default") != 0) {
			add_err(err, ivs_xasprintf("theme \"%s\" not found (looked in the config folder's "
			                           "themes/ and %s/themes); using the default theme",
			                           theme_name, IVS_DATADIR));
			rc = -1;
		}
	} else if (ivs_theme_load_file(path, &theme, &d) != 0) {
		/* first error, with its position */
		const struct ivs_theme_diag *g = NULL;
		for (size_t i = 0; i < d.n && !g; i++)
			if (d.v[i].sev == IVS_SEV_ERROR)
				g = &d.v[i];
		char *line = g ? diag_line(path, g) : ivs_xasprintf("%s: cannot be used", path);
		if (d.errors > 1)
			add_err(err, ivs_xasprintf("%s (and %zu more); using the default theme", line,
			                           d.errors - 1));
		else
			add_err(err, ivs_xasprintf("%s; using the default theme", line));
		free(line);
		rc = -1;
	} else if (d.n) {
		char *line = diag_line(path, &d.v[0]);
		add_err(err, ivs_xasprintf("%s%s", line, d.n > 1 ? " (and more)" : ""));
		free(line);
	}
	ivs_theme_diags_free(&d);
	free(path);
	free(cfg);

	apply_theme(&theme);
	free(st.theme);
	st.theme = theme.name;
	st.started = true;
	return rc;
}

attr_t ivs_color(enum ivs_color_role r)
{
	if ((unsigned)r >= IVS_COLOR_COUNT)
		return A_NORMAL;
	if (!st.started)
		return spec_attrs(ivs_theme_builtin_mono()->roles[r].attrs);
	return st.attrs[r];
}

bool ivs_colors_mono(void)
{
	return !st.started || st.mono;
}

const char *ivs_colors_theme(void)
{
	return st.theme ? st.theme : "default";
}

void ivs_colors_stop(void)
{
	free(st.theme);
	memset(&st, 0, sizeof(st));
}
