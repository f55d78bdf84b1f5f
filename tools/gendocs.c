/* gendocs.c: the parts of the documentation that are copies of the tables,
 * generated from them (tig's doc generation): `gendocs FILE` prints FILE
 * with every section between a "gendocs:begin WHAT [ARG]" line and the next
 * "gendocs:end" line replaced by what the tables say. The marker lines are
 * kept, so the same run on its own output changes nothing.
 *
 *   fields LIST_KEY   a Markdown table of one kind's fields (schema.h), e.g.
 *                     "fields channels", "fields stack"
 *   keymap            a Markdown table of the editor's keys (tui_keys.h's
 *                     built-in bindings, tree and form)
 *   dict-keys         libFuzzer dictionary: every YAML key of the format
 *   dict-enums        libFuzzer dictionary: every enum value
 *   dict-roles        libFuzzer dictionary: every theme colour role
 *
 * `make docs` rewrites docs/project-format.md, README.md and the fuzz dictionaries;
 * `make check` fails when a committed copy differs from what this prints.
 * Exit 0, or 2 with a message (unknown section, unreadable file, a begin
 * without its end). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ivs/fsutil.h"
#include "ivs/schema.h"
#include "ivs/theme.h"
#include "ivs/tui_keys.h"
#include "ivs/util.h"

/* ---- small helpers ---- */

/* Appends s for a Markdown table cell: '|' escaped, '<' and '>' as
 * entities (so that "<id>" is not read as HTML). */
static void md(struct ivs_buf *o, const char *s)
{
	for (; *s; s++) {
		if (*s == '<')
			ivs_buf_puts(o, "&lt;");
		else if (*s == '>')
			ivs_buf_puts(o, "&gt;");
		else {
			if (*s == '|')
				ivs_buf_putc(o, '\\');
			ivs_buf_putc(o, *s);
		}
	}
}

static void choice_list(struct ivs_buf *o, const char *const *choices)
{
	for (size_t i = 0; choices && choices[i]; i++)
		ivs_buf_printf(o, "%s`%s`", i ? ", " : "", choices[i]);
}

/* A sorted list of unique strings. */
struct strset {
	const char **v;
	size_t n, cap;
};

static void set_add(struct strset *s, const char *str)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i], str) == 0)
			return;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->v = ivs_xrealloc(s->v, s->cap * sizeof *s->v);
	}
	s->v[s->n++] = str;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void set_dict(struct ivs_buf *o, struct strset *s)
{
	qsort(s->v, s->n, sizeof *s->v, cmp_str);
	for (size_t i = 0; i < s->n; i++)
		ivs_buf_printf(o, "\"%s\"\n", s->v[i]);
	free(s->v);
}

/* ---- fields LIST_KEY ---- */

static void field_type(struct ivs_buf *o, const struct ivs_field *f)
{
	switch (f->type) {
	case IVS_FT_ID:
	case IVS_FT_STRING:
		ivs_buf_puts(o, "string");
		if (f->min > 0 && f->max > 0)
			ivs_buf_printf(o, ", %ld to %ld characters", f->min, f->max);
		else if (f->max > 0)
			ivs_buf_printf(o, ", at most %ld characters", f->max);
		if (f->one_of)
			ivs_buf_puts(o, " (one of a set)");
		break;
	case IVS_FT_TEXT:
		ivs_buf_puts(o, "text (several lines)");
		break;
	case IVS_FT_ENUM:
		choice_list(o, f->choices);
		break;
	case IVS_FT_BOOL:
		ivs_buf_puts(o, "boolean");
		break;
	case IVS_FT_INT:
		ivs_buf_printf(o, "integer, %ld to %ld", f->min, f->max);
		break;
	case IVS_FT_REF:
		if (f->ref_mask) {
			ivs_buf_puts(o, "id of an entry: ");
			bool first = true;
			for (int k = 0; k < IVS_KIND_COUNT; k++)
				if ((f->ref_mask >> k) & 1u) {
					ivs_buf_printf(o, "%s%s", first ? "" : ", ", ivs_kind_info((enum ivs_kind)k)->name);
					first = false;
				}
		} else if (f->ref_parent) {
			ivs_buf_printf(o, "id of a %s of that entry", ivs_kind_info(f->ref)->name);
		} else {
			ivs_buf_printf(o, "id of a %s", ivs_kind_info(f->ref)->name);
		}
		if (f->one_of)
			ivs_buf_puts(o, " (one of a set)");
		break;
	case IVS_FT_REF_LIST:
		ivs_buf_printf(o, "list of %s ids, unique, at most %ld", ivs_kind_info(f->ref)->name, f->max);
		break;
	case IVS_FT_ENUM_LIST:
		ivs_buf_puts(o, "list of ");
		choice_list(o, f->choices);
		break;
	case IVS_FT_TAGS:
		ivs_buf_printf(o, "mapping of tags (at most %ld)", f->max);
		break;
	case IVS_FT_GROUP:
		ivs_buf_puts(o, "mapping");
		break;
	case IVS_FT_CHILDREN:
		ivs_buf_printf(o, "list of %s entries", ivs_kind_info(f->ref)->name);
		break;
	case IVS_FT_NUMBER:
		ivs_buf_printf(o, "number, %ld to %ld", f->min, f->max);
		break;
	case IVS_FT_STRING_LIST:
		ivs_buf_printf(o, "list of strings%s", (f->flags & IVS_FF_UNIQUE) ? ", unique" : "");
		if (f->check_text)
			ivs_buf_printf(o, " (%s)", f->check_text);
		else if (f->max > 0)
			ivs_buf_printf(o, ", each at most %ld characters", f->max);
		break;
	}
}

static const struct ivs_kind_info *kind_by_list_key(const char *key)
{
	for (int k = 0; k < IVS_KIND_COUNT; k++)
		if (strcmp(ivs_kind_info((enum ivs_kind)k)->list_key, key) == 0)
			return ivs_kind_info((enum ivs_kind)k);
	return NULL;
}

static int gen_fields(struct ivs_buf *o, const char *arg)
{
	const struct ivs_kind_info *ki = arg ? kind_by_list_key(arg) : NULL;
	if (!ki) {
		fprintf(stderr, "gendocs: fields: no kind with the list key '%s'\n", arg ? arg : "");
		return -1;
	}
	ivs_buf_puts(o, "| key | type | default | CloudFormation | meaning |\n"
	                "|---|---|---|---|---|\n");
	for (int i = 0; i < ki->nfields; i++) {
		const struct ivs_field *f = &ki->fields[i];
		ivs_buf_puts(o, "| `");
		if (f->parent >= 0)
			ivs_buf_printf(o, "%s.", ki->fields[f->parent].key);
		ivs_buf_printf(o, "%s` | ", f->key);
		struct ivs_buf t;
		ivs_buf_init(&t);
		ivs_buf_add(&t, "", 0);
		field_type(&t, f);
		md(o, t.data);
		ivs_buf_free(&t);
		ivs_buf_puts(o, " | ");
		if (f->flags & IVS_FF_REQUIRED)
			ivs_buf_puts(o, "required");
		else
			md(o, f->def_text ? f->def_text : "none");
		ivs_buf_puts(o, " | ");
		if (f->cfn && f->cfn_inner)
			ivs_buf_printf(o, "`%s.%s`", f->cfn, f->cfn_inner);
		else if (f->cfn)
			ivs_buf_printf(o, "`%s`", f->cfn);
		ivs_buf_puts(o, " | ");
		md(o, f->help ? f->help : "");
		if (f->check_text) {
			ivs_buf_puts(o, " Allowed: ");
			md(o, f->check_text);
			ivs_buf_putc(o, '.');
		}
		if (f->flags & IVS_FF_NOT_IMPORTED)
			ivs_buf_puts(o, " Not on an imported entry.");
		ivs_buf_puts(o, " |\n");
	}
	return 0;
}

/* ---- keymap ---- */

static int gen_keymap(struct ivs_buf *o)
{
	struct tui_keymap *km = tui_keymap_new();
	static const enum tui_context ctxs[] = {TUI_CTX_TREE, TUI_CTX_FORM};
	/* per action, the names of its keys in the order met (no repeats) */
	char *names[TUI_ACT_COUNT][24] = {{0}};
	size_t nnames[TUI_ACT_COUNT] = {0};
	char name[32];

	/* every key code a binding can name: characters, then function keys */
	for (int pass = 0; pass < 2; pass++) {
		int lo = pass == 0 ? 1 : KEY_MIN, hi = pass == 0 ? 127 : KEY_MAX;
		for (int k = lo; k <= hi; k++) {
			int key = pass == 0 ? k : TUI_FN(k);
			for (size_t c = 0; c < IVS_ARRAY_LEN(ctxs); c++) {
				enum tui_action a = tui_keymap_lookup(km, ctxs[c], key);
				if (a == TUI_ACT_NONE || (unsigned)a >= TUI_ACT_COUNT)
					continue;
				tui_key_name(key, name, sizeof name);
				bool seen = false;
				for (size_t i = 0; i < nnames[a] && !seen; i++)
					seen = strcmp(names[a][i], name) == 0;
				if (!seen && nnames[a] < IVS_ARRAY_LEN(names[a]))
					names[a][nnames[a]++] = ivs_xstrdup(name);
			}
		}
	}
	ivs_buf_puts(o, "| keys | action | what it does |\n|---|---|---|\n");
	for (int a = 1; a < TUI_ACT_COUNT; a++) {
		if (!nnames[a])
			continue;
		ivs_buf_puts(o, "| ");
		for (size_t i = 0; i < nnames[a]; i++) {
			ivs_buf_puts(o, i ? ", `" : "`");
			md(o, names[a][i]);
			ivs_buf_putc(o, '`');
			free(names[a][i]);
		}
		ivs_buf_printf(o, " | `%s` | ", tui_action_name((enum tui_action)a));
		md(o, tui_action_help((enum tui_action)a));
		ivs_buf_puts(o, " |\n");
	}
	tui_keymap_free(km);
	return 0;
}

/* ---- dictionaries ---- */

static void dict_keys(struct ivs_buf *o)
{
	struct strset s = {0};
	set_add(&s, "ivs_tui");   /* the format version: the loader's own key */
	for (int k = 0; k < IVS_KIND_COUNT; k++) {
		const struct ivs_kind_info *ki = ivs_kind_info((enum ivs_kind)k);
		set_add(&s, ki->list_key);
		for (int i = 0; i < ki->nfields; i++)
			set_add(&s, ki->fields[i].key);
	}
	set_dict(o, &s);
}

static void dict_enums(struct ivs_buf *o)
{
	struct strset s = {0};
	for (int k = 0; k < IVS_KIND_COUNT; k++) {
		const struct ivs_kind_info *ki = ivs_kind_info((enum ivs_kind)k);
		for (int i = 0; i < ki->nfields; i++)
			for (size_t c = 0; ki->fields[i].choices && ki->fields[i].choices[c]; c++)
				set_add(&s, ki->fields[i].choices[c]);
	}
	set_dict(o, &s);
}

static void dict_roles(struct ivs_buf *o)
{
	struct strset s = {0};
	for (int r = 0; r < IVS_COLOR_COUNT; r++)
		set_add(&s, ivs_color_role_key((enum ivs_color_role)r));
	set_dict(o, &s);
}

/* ---- the file ---- */

static int generate(struct ivs_buf *o, const char *what, const char *arg)
{
	if (strcmp(what, "fields") == 0)
		return gen_fields(o, arg);
	if (strcmp(what, "keymap") == 0)
		return gen_keymap(o);
	if (strcmp(what, "dict-keys") == 0)
		dict_keys(o);
	else if (strcmp(what, "dict-enums") == 0)
		dict_enums(o);
	else if (strcmp(what, "dict-roles") == 0)
		dict_roles(o);
	else {
		fprintf(stderr, "gendocs: unknown section '%s'\n", what);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fputs("usage: gendocs FILE   (prints FILE with its generated sections redone)\n", stderr);
		return 2;
	}
	char *err = NULL;
	size_t len = 0;
	char *text = ivs_read_file(argv[1], 16u * 1024u * 1024u, &len, &err);
	if (!text) {
		fprintf(stderr, "gendocs: %s: %s\n", argv[1], err ? err : "cannot read");
		free(err);
		return 2;
	}
	struct ivs_buf out;
	ivs_buf_init(&out);
	ivs_buf_add(&out, "", 0);
	bool inside = false;
	unsigned lineno = 0, begin_line = 0;
	int rc = 0;
	for (char *line = text, *next; rc == 0 && *line; line = next) {
		char *nl = strchr(line, '\n');
		next = nl ? nl + 1 : line + strlen(line);
		size_t n = (size_t)(next - line);
		lineno++;
		char *b = strstr(line, "gendocs:begin ");
		char *e = strstr(line, "gendocs:end");
		if (b && b < next) {
			char spec[128] = "", what[64] = "", arg[64] = "";
			size_t sl = (size_t)(next - (b + 14));
			if (sl >= sizeof spec)
				sl = sizeof spec - 1;
			memcpy(spec, b + 14, sl);
			spec[sl] = '\0';
			int got = sscanf(spec, "%63[a-z-] %63[A-Za-z0-9_]", what, arg);
			ivs_buf_add(&out, line, n);
			if (inside || got < 1 || generate(&out, what, got > 1 ? arg : NULL) != 0) {
				if (inside || got < 1)
					fprintf(stderr, "gendocs: %s:%u: bad gendocs:begin\n", argv[1], lineno);
				rc = 2;
			}
			inside = true;
			begin_line = lineno;
		} else if (e && e < next) {
			if (!inside) {
				fprintf(stderr, "gendocs: %s:%u: gendocs:end without a begin\n", argv[1], lineno);
				rc = 2;
			}
			inside = false;
			ivs_buf_add(&out, line, n);
		} else if (!inside) {
			ivs_buf_add(&out, line, n);
		}
	}
	if (rc == 0 && inside) {
		fprintf(stderr, "gendocs: %s:%u: gendocs:begin without its end\n", argv[1], begin_line);
		rc = 2;
	}
	if (rc == 0 && (fwrite(out.data, 1, out.len, stdout) != out.len || fflush(stdout) != 0)) {
		fprintf(stderr, "gendocs: cannot write the output\n");
		rc = 2;
	}
	ivs_buf_free(&out);
	free(text);
	return rc;
}
