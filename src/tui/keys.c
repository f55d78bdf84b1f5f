/* keys.c: key names, the action table and the key map (tui_keys.h). The
 * built-in bindings are data: the text below, parsed by the same
 * tui_keymap_parse_line a user file would go through (tig's tigrc). */
#include "ivs/tui_keys.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char builtin_keys[] =
	"# context  key        action\n"
	"bind generic <F1>       help\n"
	"bind generic ?          help\n"
	"bind generic <F2>       save\n"
	"bind generic <C-s>      save\n"
	"bind generic <F3>       open\n"
	"bind generic <C-o>      open\n"
	"bind generic <F4>       save-as\n"
	"bind generic <F5>       export\n"
	"bind generic <F6>       toggle-preview\n"
	"bind generic p          toggle-preview\n"
	"bind generic <F7>       toggle-problems\n"
	"bind generic !          toggle-problems\n"
	"bind generic <C-z>      undo\n"
	"bind generic <C-y>      redo\n"
	"bind generic <C-r>      redo\n"
	"bind generic <C-l>      redraw\n"
	"bind generic <F10>      quit\n"
	"bind generic q          quit\n"
	"bind generic <C-c>      quit\n"
	"bind generic <Up>       move-up\n"
	"bind generic k          move-up\n"
	"bind generic <Down>     move-down\n"
	"bind generic j          move-down\n"
	"bind generic <PgUp>     page-up\n"
	"bind generic <PgDn>     page-down\n"
	"bind generic <Home>     move-first\n"
	"bind generic <End>      move-last\n"
	"bind generic <Tab>      focus-next\n"
	"bind generic <S-Tab>    focus-prev\n"
	"bind generic <Esc>      cancel\n"
	"bind tree    /          jump-field\n"
	"bind tree    <Enter>    activate\n"
	"bind tree    <Right>    activate\n"
	"bind tree    a          add\n"
	"bind tree    <Ins>      add\n"
	"bind tree    s          add-stream-key\n"
	"bind tree    o          add-outputs\n"
	"bind tree    d          delete\n"
	"bind tree    <Del>      delete\n"
	"bind tree    r          rename\n"
	"bind tree    <F9>       rename\n"
	"bind tree    c          duplicate\n"
	"bind tree    K          move-entry-up\n"
	"bind tree    J          move-entry-down\n"
	"bind tree    -          move-entry-up\n"
	"bind tree    +          move-entry-down\n"
	"bind form    /          jump-field\n"
	"bind form    <Enter>    activate\n"
	"bind form    <Space>    toggle\n"
	"bind form    <Right>    next-choice\n"
	"bind form    l          next-choice\n"
	"bind form    <Left>     prev-choice\n"
	"bind form    h          prev-choice\n"
	"bind form    <Del>      unset\n"
	"bind form    u          unset\n"
	"bind form    f          read-file\n"
	"bind form    g          generate-key\n"
	"bind form    a          add\n"
	"bind form    s          add-stream-key\n"
	"bind form    o          add-outputs\n"
	"bind edit    <Enter>    commit\n"
	"bind edit    <Up>       commit\n"
	"bind edit    <Down>     commit\n"
	"bind edit    <Tab>      commit\n"
	"bind edit    <Esc>      cancel\n"
	"bind list    <Enter>    commit\n"
	"bind list    <Space>    toggle\n"
	"bind list    <Tab>      complete\n"
	"bind list    <Esc>      cancel\n"
	"bind list    a          add\n"
	"bind list    d          delete\n"
	"bind list    <Del>      delete\n"
	"bind prompt  <Enter>    commit\n"
	"bind prompt  <Tab>      complete\n"
	"bind prompt  <Esc>      cancel\n"
	"bind textarea <F2>      commit\n"
	"bind textarea <C-d>     commit\n"
	"bind textarea <Esc>     cancel\n"
	"bind confirm <Esc>      cancel\n"
	"bind confirm <Enter>    commit\n"
	"bind help    <Esc>      cancel\n"
	"bind help    q          cancel\n"
	"bind problems <Enter>   activate\n"
	"bind problems <Esc>     cancel\n"
	"bind wizard  <C-n>      next-step\n"
	"bind wizard  <F8>       next-step\n"
	"bind wizard  <C-p>      prev-step\n"
	"bind review  <C-p>      prev-step\n"
	"bind review  <Enter>    save\n"
	"# key bars: the actions shown at the bottom, in order\n"
	"bar generic  help save export undo quit\n"
	"bar tree     help activate add delete rename save export toggle-problems toggle-preview quit\n"
	"bar form     help activate toggle unset undo save quit toggle-problems export\n"
	"bar edit     commit cancel undo\n"
	"bar list     commit toggle cancel\n"
	"bar prompt   commit complete cancel\n"
	"bar textarea commit cancel\n"
	"bar confirm  cancel\n"
	"bar help     cancel\n"
	"bar problems activate cancel\n"
	"bar wizard   help next-step prev-step activate add add-outputs undo quit\n"
	"bar review   help prev-step save export toggle-preview quit\n";

static const struct {
	const char *name, *bar, *help;
	enum tui_group group;
} actions[TUI_ACT_COUNT] = {
	[TUI_ACT_NONE] = {"none", "", "", TUI_GROUP_APP},
#define TUI_ACTION_ROW(n, name, bar, g, help) [TUI_ACT_##n] = {name, bar, help, TUI_GROUP_##g},
	TUI_ACTION_INFO(TUI_ACTION_ROW)
#undef TUI_ACTION_ROW
};

static const struct {
	const char *name, *title;
} contexts[] = {
#define TUI_CONTEXT_ROW(n, name, title) {name, title},
	TUI_CONTEXT_INFO(TUI_CONTEXT_ROW)
#undef TUI_CONTEXT_ROW
};

static const char *const groups[] = {
#define TUI_GROUP_ROW(n, t) t,
	TUI_GROUP_INFO(TUI_GROUP_ROW)
#undef TUI_GROUP_ROW
};

const char *tui_action_name(enum tui_action a)
{
	return (unsigned)a < TUI_ACT_COUNT ? actions[a].name : "none";
}

const char *tui_action_help(enum tui_action a)
{
	return (unsigned)a < TUI_ACT_COUNT ? actions[a].help : "";
}

const char *tui_action_bar(enum tui_action a)
{
	return (unsigned)a < TUI_ACT_COUNT ? actions[a].bar : "";
}

enum tui_group tui_action_group(enum tui_action a)
{
	return (unsigned)a < TUI_ACT_COUNT ? actions[a].group : TUI_GROUP_APP;
}

enum tui_action tui_action_by_name(const char *name)
{
	for (int a = 1; a < TUI_ACT_COUNT; a++)
		if (strcmp(actions[a].name, name) == 0)
			return (enum tui_action)a;
	return TUI_ACT_NONE;
}

const char *tui_context_name(enum tui_context c)
{
	return (unsigned)c < TUI_CTX_COUNT ? contexts[c].name : "";
}

const char *tui_context_title(enum tui_context c)
{
	return (unsigned)c < TUI_CTX_COUNT ? contexts[c].title : "";
}

const char *tui_group_title(enum tui_group g)
{
	return (unsigned)g < TUI_GROUP_COUNT ? groups[g] : "";
}

/* ---- key names ---- */

static const struct {
	const char *name;
	int key;
} key_names[] = {
	{"Enter", TUI_ENTER}, {"Tab", '\t'}, {"S-Tab", TUI_FN(KEY_BTAB)}, {"Esc", TUI_ESC},
	{"Space", ' '}, {"Lt", '<'}, {"Up", TUI_FN(KEY_UP)}, {"Down", TUI_FN(KEY_DOWN)},
	{"Left", TUI_FN(KEY_LEFT)}, {"Right", TUI_FN(KEY_RIGHT)}, {"PgUp", TUI_FN(KEY_PPAGE)},
	{"PgDn", TUI_FN(KEY_NPAGE)}, {"PageUp", TUI_FN(KEY_PPAGE)}, {"PageDown", TUI_FN(KEY_NPAGE)},
	{"Home", TUI_FN(KEY_HOME)}, {"End", TUI_FN(KEY_END)}, {"Del", TUI_FN(KEY_DC)},
	{"Delete", TUI_FN(KEY_DC)}, {"Ins", TUI_FN(KEY_IC)}, {"Backspace", TUI_FN(KEY_BACKSPACE)},
	{"BS", TUI_FN(KEY_BACKSPACE)}, {"Resize", TUI_FN(KEY_RESIZE)}, {"Mouse", TUI_FN(KEY_MOUSE)},
};

/* Decodes one UTF-8 character; returns the code point or -1 when s is not
 * exactly one character. */
static int one_utf8(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s);
	unsigned v;
	size_t len;
	if (n == 0)
		return -1;
	if (u[0] < 0x80) {
		v = u[0]; len = 1;
	} else if ((u[0] & 0xe0) == 0xc0) {
		v = u[0] & 0x1f; len = 2;
	} else if ((u[0] & 0xf0) == 0xe0) {
		v = u[0] & 0x0f; len = 3;
	} else if ((u[0] & 0xf8) == 0xf0) {
		v = u[0] & 0x07; len = 4;
	} else {
		return -1;
	}
	if (n != len)
		return -1;
	for (size_t i = 1; i < len; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return -1;
		v = (v << 6) | (u[i] & 0x3f);
	}
	return (int)v;
}

int tui_key_parse(const char *name)
{
	size_t n = strlen(name);
	if (n >= 3 && name[0] == '<' && name[n - 1] == '>') {
		char inner[32];
		if (n - 2 >= sizeof inner)
			return -1;
		memcpy(inner, name + 1, n - 2);
		inner[n - 2] = 0;
		for (size_t i = 0; i < IVS_ARRAY_LEN(key_names); i++)
			if (strcasecmp(inner, key_names[i].name) == 0)
				return key_names[i].key;
		if ((inner[0] == 'C' || inner[0] == 'c') && inner[1] == '-' && inner[2] && !inner[3]) {
			int c = inner[2];
			if (c >= 'A' && c <= 'Z')
				c += 'a' - 'A';
			if (c >= '@' && c <= '~')
				return TUI_CTRL(c);
			return -1;
		}
		if ((inner[0] == 'F' || inner[0] == 'f') && inner[1]) {
			char *end;
			long f = strtol(inner + 1, &end, 10);
			if (!*end && f >= 1 && f <= 24)
				return TUI_FN(KEY_F((int)f));
		}
		return -1;
	}
	return one_utf8(name);
}

const char *tui_key_name(int key, char *buf, size_t size)
{
	if (tui_key_is_fn(key)) {
		int k = key & ~TUI_FN_BIT;
		if (k >= KEY_F(1) && k <= KEY_F(24)) {
			snprintf(buf, size, "F%d", k - KEY_F0);
			return buf;
		}
	}
	for (size_t i = 0; i < IVS_ARRAY_LEN(key_names); i++)
		if (key_names[i].key == key && key != '<') {
			snprintf(buf, size, "%s", key_names[i].name);
			return buf;
		}
	if (key > 0 && key < 32) {
		snprintf(buf, size, "^%c", key + '@');
		return buf;
	}
	if (key >= 32 && key < 127) {
		snprintf(buf, size, "%c", key);
		return buf;
	}
	snprintf(buf, size, "U+%04X", (unsigned)key);
	return buf;
}

/* ---- the key map ---- */

struct binding {
	enum tui_context ctx;
	int key;
	enum tui_action act;
};

#define BAR_MAX 12
struct tui_keymap {
	struct binding *v;
	size_t n, cap;
	enum tui_action bar[TUI_CTX_COUNT][BAR_MAX];
	size_t nbar[TUI_CTX_COUNT];
	char bar_label[TUI_ACT_COUNT][32];   /* "": the table's */
};

void tui_keymap_set_bar_label(struct tui_keymap *km, enum tui_action a, const char *label)
{
	if ((unsigned)a < TUI_ACT_COUNT)
		snprintf(km->bar_label[a], sizeof km->bar_label[a], "%s", label ? label : "");
}

static int context_by_name(const char *s)
{
	for (int c = 0; c < TUI_CTX_COUNT; c++)
		if (strcmp(contexts[c].name, s) == 0)
			return c;
	return -1;
}

static void set_err(char **err, char *msg)
{
	if (err)
		*err = msg;
	else
		free(msg);
}

int tui_keymap_parse_line(struct tui_keymap *km, const char *line, char **err)
{
	char buf[512], *words[BAR_MAX + 3], *save = NULL;
	size_t nw = 0;
	snprintf(buf, sizeof buf, "%s", line);
	char *hash = buf[0] == '#' ? buf : NULL;
	if (hash)
		*hash = 0;
	for (char *w = strtok_r(buf, " \t\r\n", &save); w; w = strtok_r(NULL, " \t\r\n", &save)) {
		if (nw == IVS_ARRAY_LEN(words)) {
			set_err(err, ivs_xstrdup("too many words"));
			return -1;
		}
		words[nw++] = w;
	}
	if (nw == 0)
		return 0;
	if (nw < 2) {
		set_err(err, ivs_xasprintf("expected bind or bar with arguments: %s", words[0]));
		return -1;
	}
	int ctx = context_by_name(words[1]);
	if (ctx < 0) {
		set_err(err, ivs_xasprintf("unknown context: %s", words[1]));
		return -1;
	}
	if (strcmp(words[0], "bar") == 0) {
		km->nbar[ctx] = 0;
		for (size_t i = 2; i < nw; i++) {
			enum tui_action a = tui_action_by_name(words[i]);
			if (a == TUI_ACT_NONE) {
				set_err(err, ivs_xasprintf("unknown action: %s", words[i]));
				return -1;
			}
			if (km->nbar[ctx] < BAR_MAX)
				km->bar[ctx][km->nbar[ctx]++] = a;
		}
		return 0;
	}
	if (strcmp(words[0], "bind") != 0 || nw != 4) {
		set_err(err, ivs_xasprintf("expected: bind CONTEXT KEY ACTION"));
		return -1;
	}
	int key = tui_key_parse(words[2]);
	if (key < 0) {
		set_err(err, ivs_xasprintf("unknown key: %s", words[2]));
		return -1;
	}
	enum tui_action a = tui_action_by_name(words[3]);
	if (a == TUI_ACT_NONE) {
		set_err(err, ivs_xasprintf("unknown action: %s", words[3]));
		return -1;
	}
	for (size_t i = 0; i < km->n; i++)
		if (km->v[i].ctx == (enum tui_context)ctx && km->v[i].key == key) {
			km->v[i].act = a;
			return 0;
		}
	if (km->n == km->cap) {
		km->cap = km->cap ? km->cap * 2 : 64;
		km->v = ivs_xrealloc(km->v, km->cap * sizeof *km->v);
	}
	km->v[km->n++] = (struct binding){(enum tui_context)ctx, key, a};
	return 0;
}

struct tui_keymap *tui_keymap_new(void)
{
	struct tui_keymap *km = ivs_xcalloc(1, sizeof *km);
	const char *s = builtin_keys;
	while (*s) {
		const char *e = strchr(s, '\n');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		char *line = ivs_xstrndup(s, len);
		char *err = NULL;
		if (tui_keymap_parse_line(km, line, &err) < 0) {
			fprintf(stderr, "ivs-tui: built-in keys: %s: %s\n", line, err);
			free(err);
			abort();
		}
		free(line);
		s += len + (e ? 1 : 0);
	}
	return km;
}

void tui_keymap_free(struct tui_keymap *km)
{
	if (!km)
		return;
	free(km->v);
	free(km);
}

size_t tui_keymap_count(const struct tui_keymap *km)
{
	return km->n;
}

static enum tui_action find(const struct tui_keymap *km, enum tui_context ctx, int key)
{
	for (size_t i = 0; i < km->n; i++)
		if (km->v[i].ctx == ctx && km->v[i].key == key)
			return km->v[i].act;
	return TUI_ACT_NONE;
}

enum tui_action tui_keymap_lookup(const struct tui_keymap *km, enum tui_context ctx, int key)
{
	enum tui_action a = find(km, ctx, key);
	if (a != TUI_ACT_NONE || ctx == TUI_CTX_GENERIC)
		return a;
	if ((ctx == TUI_CTX_EDIT || ctx == TUI_CTX_LIST || ctx == TUI_CTX_PROMPT ||
	     ctx == TUI_CTX_TEXT) && (tui_key_is_char(key) || key == TUI_CTRL('h')))
		return TUI_ACT_NONE;
	/* Moving keys belong to the line editor while editing. */
	if (ctx == TUI_CTX_EDIT || ctx == TUI_CTX_PROMPT || ctx == TUI_CTX_TEXT) {
		a = find(km, TUI_CTX_GENERIC, key);
		if (tui_action_group(a) == TUI_GROUP_MOVE)
			return TUI_ACT_NONE;
		return a;
	}
	return find(km, TUI_CTX_GENERIC, key);
}

int tui_keymap_key_for(const struct tui_keymap *km, enum tui_context ctx, enum tui_action a)
{
	for (size_t i = 0; i < km->n; i++)
		if (km->v[i].ctx == ctx && km->v[i].act == a)
			return km->v[i].key;
	for (size_t i = 0; i < km->n; i++)
		if (km->v[i].ctx == TUI_CTX_GENERIC && km->v[i].act == a)
			return km->v[i].key;
	/* The wizard's pages hold a tree and a form: their keys count too. */
	for (size_t i = 0; i < km->n; i++)
		if (km->v[i].act == a && (km->v[i].ctx == TUI_CTX_TREE || km->v[i].ctx == TUI_CTX_FORM))
			return km->v[i].key;
	return -1;
}

void tui_keymap_bar(const struct tui_keymap *km, enum tui_context ctx, struct ivs_buf *out)
{
	char name[24];
	for (size_t i = 0; i < km->nbar[ctx]; i++) {
		enum tui_action a = km->bar[ctx][i];
		int key = tui_keymap_key_for(km, ctx, a);
		if (key < 0)
			continue;
		ivs_buf_printf(out, "%s%s %s", out->len ? "  " : "", tui_key_name(key, name, sizeof name),
		               km->bar_label[a][0] ? km->bar_label[a] : tui_action_bar(a));
	}
}

void tui_keymap_help(const struct tui_keymap *km, struct ivs_buf *out)
{
	char name[24];
	for (int c = 0; c < TUI_CTX_COUNT; c++) {
		bool header = false;
		for (int a = 1; a < TUI_ACT_COUNT; a++) {
			struct ivs_buf keys;
			ivs_buf_init(&keys);
			for (size_t i = 0; i < km->n; i++)
				if (km->v[i].ctx == (enum tui_context)c && km->v[i].act == (enum tui_action)a)
					ivs_buf_printf(&keys, "%s%s", keys.len ? ", " : "",
					               tui_key_name(km->v[i].key, name, sizeof name));
			if (keys.len) {
				if (!header)
					ivs_buf_printf(out, "%s%s (%s)\n", out->len ? "\n" : "",
					               contexts[c].title, contexts[c].name);
				header = true;
				ivs_buf_printf(out, "  %-16s %-16s %s\n", keys.data, actions[a].name,
				               actions[a].help);
			}
			ivs_buf_free(&keys);
		}
	}
}

char *tui_keymap_load(struct tui_keymap *km, const char *path)
{
	FILE *f = fopen(path, "r");
	char line[512], *first = NULL;
	unsigned n = 0;
	if (!f)
		return NULL;
	while (fgets(line, sizeof line, f)) {
		char *err = NULL;
		n++;
		line[strcspn(line, "\r\n")] = 0;
		if (tui_keymap_parse_line(km, line, &err) < 0) {
			if (!first)
				first = ivs_xasprintf("%s:%u: %s", path, n, err ? err : "bad line");
			free(err);
		}
	}
	fclose(f);
	return first;
}

char *tui_keymap_user_path(void)
{
	const char *x = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	if (x && x[0] == '/')
		return ivs_xasprintf("%s/ivs-tui/keys", x);
	if (home && *home)
		return ivs_xasprintf("%s/.config/ivs-tui/keys", home);
	return NULL;
}
