/* config.c: the config folder (XDG rules), its config.yaml and where
 * theme files are found (config.h). */
#include "ivs/config.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ivs/fsutil.h"
#include "ivs/theme.h"
#include "ivs/util.h"
#include "ui_yaml.h"

char *ivs_config_dir(void)
{
	const char *x = getenv("XDG_CONFIG_HOME");
	if (x && x[0] == '/')
		return ivs_xasprintf("%s/ivs-tui", x);
	const char *h = getenv("HOME");
	if (h && h[0] == '/')
		return ivs_xasprintf("%s/.config/ivs-tui", h);
	return NULL;
}

char *ivs_config_theme(char **err)
{
	char *dir = ivs_config_dir();
	if (!dir)
		return NULL;
	char *path = ivs_xasprintf("%s/config.yaml", dir);
	free(dir);
	char *rerr = NULL;
	size_t len = 0;
	char *data = ivs_read_file(path, 1024u * 1024u, &len, &rerr);
	if (!data) {
		/* no config file is the usual case, not an error */
		if (access(path, F_OK) == 0 && err)
			*err = rerr, rerr = NULL;
		free(rerr);
		free(path);
		return NULL;
	}
	struct ivs_theme_diags d;
	ivs_theme_diags_init(&d);
	struct ivs_ynode *root = ui_read_tree(data, len, "config.yaml", &d);
	free(data);
	char *theme = NULL;
	if (root && root->type == IVS_YN_MAP) {
		for (size_t i = 0; i + 1 < root->n; i += 2) {
			const struct ivs_ynode *k = root->kids[i], *v = root->kids[i + 1];
			if (k->type != IVS_YN_SCALAR || strcmp(k->value, "theme") != 0)
				continue;
			if (v->type == IVS_YN_SCALAR && *v->value) {
				free(theme);
				theme = ivs_xstrdup(v->value);
			} else {
				ivs_theme_diags_add(&d, IVS_THEME_RULE_YAML_WRONG_TYPE, v->pos, "theme",
				              "theme must be a theme name such as dark");
			}
		}
	} else if (root) {
		ivs_theme_diags_add(&d, IVS_THEME_RULE_YAML_WRONG_TYPE, root->pos, "",
		              "config.yaml must be a mapping such as \"theme: dark\"");
	}
	ivs_ynode_free(root);
	if (d.n && err && !*err && d.errors) {
		const struct ivs_theme_diag *g = &d.v[0];
		if (g->pos.line)
			*err = ivs_xasprintf("%s:%u:%u: %s", path, g->pos.line, g->pos.col, g->msg);
		else
			*err = ivs_xasprintf("%s: %s", path, g->msg);
	}
	ivs_theme_diags_free(&d);
	free(path);
	return theme;
}

static bool name_ok(const char *name)
{
	if (!*name || name[0] == '.' || strlen(name) > 100)
		return false;
	for (const char *c = name; *c; c++)
		if (!isalnum((unsigned char)*c) && *c != '.' && *c != '_' && *c != '-')
			return false;
	return true;
}

static char *try_path(char *path)
{
	struct stat st;
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
		return path;
	free(path);
	return NULL;
}

char *ivs_theme_find(const char *name)
{
	if (!name)
		return NULL;
	if (strchr(name, '/'))
		return try_path(ivs_xstrdup(name));
	if (!name_ok(name))
		return NULL;
	char *p = NULL;
	char *dir = ivs_config_dir();
	if (dir) {
		p = try_path(ivs_xasprintf("%s/themes/%s.yaml", dir, name));
		free(dir);
		if (p)
			return p;
	}
#ifdef IVS_DATADIR
	if ((p = try_path(ivs_xasprintf("%s/themes/%s.yaml", IVS_DATADIR, name))))
		return p;
#endif
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			/* a relocated install (PREFIX/bin, PREFIX/share/ivs-tui), then
			 * the source tree (build/ivs-tui, themes/) */
			if ((p = try_path(ivs_xasprintf("%s/../share/ivs-tui/themes/%s.yaml", exe, name))))
				return p;
			if ((p = try_path(ivs_xasprintf("%s/../themes/%s.yaml", exe, name))))
				return p;
			if ((p = try_path(ivs_xasprintf("%s/themes/%s.yaml", exe, name))))
				return p;
		}
	}
	return NULL;
}
