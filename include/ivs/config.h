/* config.h: the user's config folder and where theme files are found
 * (src/ui/config.c, in libivsui; no curses, so the tests drive it). */
#ifndef IVS_CONFIG_H
#define IVS_CONFIG_H

/* The config folder: $XDG_CONFIG_HOME/ivs-tui when XDG_CONFIG_HOME is set
 * to an absolute path, else $HOME/.config/ivs-tui. NULL when neither is
 * usable. Caller frees. */
char *ivs_config_dir(void);
/* The theme named in the config folder's config.yaml (`theme: NAME`),
 * or NULL when there is no such file or key. A file that cannot be read
 * as YAML gives NULL and *err (caller frees) saying where. */
char *ivs_config_theme(char **err);
/* Finds the file of theme `name`: first CONFIG/themes/NAME.yaml, then
 * IVS_DATADIR/themes/NAME.yaml, then, with EXEDIR the folder of
 * /proc/self/exe, EXEDIR/../share/ivs-tui/themes (an install moved to
 * another prefix), EXEDIR/../themes and EXEDIR/themes (the source tree,
 * for `make run`). A name with a '/' is a path and is used as is.
 * Names other than [A-Za-z0-9._-]+ (not starting with '.') are refused.
 * Returns the path (caller frees) or NULL. */
char *ivs_theme_find(const char *name);

#endif
