/* editor_form.c: editing a field: text goes through the line editor and
 * is stored on every keystroke (coalesced: one undo step), then checked;
 * ids commit on Enter; choices, references, lists, tags, check boxes,
 * groups and the PEM key have their own actions. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "ivs/export.h"
#include "ivs/fsutil.h"
#include "ivs/token.h"
#include "ivs/validate.h"
#include "ivs/value.h"
#include "app.h"
#include "dialog.h"
#include "editor.h"
#include "editor_int.h"
#include "tags.h"

static void candidate(struct tui_app *a, struct tui_editor *ed)
{
	ivs_diags_clear(&ed->cand);
	ivs_validate_candidate(a->p, ed->eres, ed->efield, tui_le_text(ed->le), &ed->cand);
}

void tui_ed_edit_start(struct tui_app *a, struct tui_editor *ed, struct ivs_res *r, int field)
{
	struct ivs_buf b;
	ivs_buf_init(&b);
	ivs_res_format(r, field, false, &b);
	ed->le = tui_le_new(tui_ed_str(&b));
	ivs_buf_free(&b);
	ed->editing = true;
	ed->eres = r;
	ed->efield = field;
	ed->stored = false;
	ed->was_modified = ivs_project_modified(a->p);
	ivs_edit_coalesce_break(a->p);
	candidate(a, ed);
}

/* The field's text as a number, by the engine's one parser (value.h). */
static bool parse_long(const struct ivs_field *f, const char *s, long *v, char **msg)
{
	struct ivs_value val;
	if (ivs_value_parse(f, s, &val, msg) != IVS_RULE_COUNT || !val.set)
		return false;
	*v = val.n;
	ivs_value_free(&val);
	return true;
}

/* Stores what was typed (each keystroke, coalesced into one undo step). */
static void edit_apply(struct tui_app *a, struct tui_editor *ed)
{
	const struct ivs_field *f = &ivs_res_info(ed->eres)->fields[ed->efield];
	const char *text = tui_le_text(ed->le);
	long v;
	ivs_edit_coalesce(a->p, true);
	if (f->type == IVS_FT_STRING) {
		if (!*text && !(f->flags & IVS_FF_REQUIRED))
			ivs_edit_unset(a->p, ed->eres, ed->efield);
		else
			ivs_edit_set_str(a->p, ed->eres, ed->efield, text);
		ed->stored = true;
	} else if (f->type == IVS_FT_INT) {
		if (!*text) {
			ivs_edit_unset(a->p, ed->eres, ed->efield);
			ed->stored = true;
		} else if (parse_long(f, text, &v, NULL)) {
			ivs_edit_set_int(a->p, ed->eres, ed->efield, v);
			ed->stored = true;
		}
	}
	ivs_edit_coalesce(a->p, false);
	tui_validate(a);
	candidate(a, ed);
}

static bool edit_commit(struct tui_app *a, struct tui_editor *ed)
{
	const struct ivs_field *f = &ivs_res_info(ed->eres)->fields[ed->efield];
	const char *text = tui_le_text(ed->le);
	long v;
	if (f->type == IVS_FT_ID) {
		char *err = NULL;
		if (!ed->eres->id || strcmp(ed->eres->id, text) != 0) {
			if (ivs_edit_rename(a->p, ed->eres, text, &err) < 0) {
				tui_status(a, true, "%s", err ? err : "cannot rename");
				free(err);
				return false;
			}
			tui_validate(a);
			tui_status(a, false, "Renamed to %s", text);
		}
	} else if (f->type == IVS_FT_INT && *text) {
		char *msg = NULL;
		if (!parse_long(f, text, &v, &msg)) {
			tui_status(a, true, "%s Esc cancels", msg ? msg : "not a number.");
			free(msg);
			return false;
		}
	}
	tui_ed_edit_end(a, ed);
	return true;
}

static void edit_cancel(struct tui_app *a, struct tui_editor *ed)
{
	if (ed->stored && ivs_undo(a->p)) {
		tui_validate(a);
		/* The field is as it was: so is the project, when it was saved
		 * before the edit began. */
		if (!ed->was_modified)
			ivs_project_mark_saved(a->p);
	}
	tui_ed_edit_end(a, ed);
	tui_status(a, false, "Edit cancelled");
}

bool tui_ed_edit_key(struct tui_app *a, struct tui_editor *ed, int key)
{
	enum tui_action act = tui_keymap_lookup(a->km, TUI_CTX_EDIT, key);
	if (act == TUI_ACT_COMMIT) {
		if (edit_commit(a, ed) && key != TUI_ENTER) {
			if (key == TUI_FN(KEY_UP) && ed->fsel > 0)
				ed->fsel--;
			else if ((key == TUI_FN(KEY_DOWN) || key == '\t') && ed->fsel + 1 < ed->form.n)
				ed->fsel++;
		}
		tui_ed_form_sync(ed);
		return true;
	}
	if (act == TUI_ACT_CANCEL || act == TUI_ACT_UNDO) {
		edit_cancel(a, ed);
		return true;
	}
	enum tui_le_result r = tui_le_key(ed->le, key);
	if (r == TUI_LE_CHANGED) {
		edit_apply(a, ed);
		return true;
	}
	if (r == TUI_LE_MOVED)
		return true;
	if (act != TUI_ACT_NONE) {
		/* Save, help...: finish the field first. */
		if (!edit_commit(a, ed))
			return true;
		return false;
	}
	return true;
}

/* ---- form actions ---- */

struct fctx *tui_ed_fctx_new(struct ivs_res *r, int field)
{
	struct fctx *c = ivs_xmalloc(sizeof *c);
	c->r = r;
	c->field = field;
	return c;
}

void tui_ed_after_edit(struct tui_app *a)
{
	tui_validate(a);
	struct tui_editor *ed = tui_current_editor(a);
	if (ed)
		tui_ed_form_sync(ed);
}

static void picked_enum(struct tui_app *a, int choice, void *ctx)
{
	struct fctx *c = ctx;
	if (choice < 0)
		return;
	if (choice == 0)
		ivs_edit_unset(a->p, c->r, c->field);
	else
		ivs_edit_set_enum(a->p, c->r, c->field, choice - 1);
	tui_ed_after_edit(a);
}

static void picked_ref(struct tui_app *a, int choice, void *ctx)
{
	struct fctx *c = ctx;
	if (choice < 0)
		return;
	if (choice == 0) {
		ivs_edit_unset(a->p, c->r, c->field);
	} else {
		size_t n;
		const char **t = tui_form_ref_targets(a->p, &ivs_res_info(c->r)->fields[c->field], &n);
		if ((size_t)choice - 1 < n)
			ivs_edit_set_str(a->p, c->r, c->field, t[choice - 1]);
		free(t);
	}
	tui_ed_after_edit(a);
}

static void picked_list(struct tui_app *a, const bool *on, void *ctx)
{
	struct fctx *c = ctx;
	if (!on)
		return;
	const struct ivs_field *f = &ivs_res_info(c->r)->fields[c->field];
	struct ivs_enum_list l = {0};
	for (size_t i = 0; f->choices[i] && l.n < IVS_ENUM_LIST_MAX; i++)
		if (on[i])
			l.v[l.n++] = (uint8_t)i;
	ivs_edit_set_list(a->p, c->r, c->field, &l);
	tui_ed_after_edit(a);
}

static void typed_text(struct tui_app *a, const char *text, void *ctx)
{
	struct fctx *c = ctx;
	if (!text)
		return;
	if (*text)
		ivs_edit_set_str(a->p, c->r, c->field, text);
	else
		ivs_edit_unset(a->p, c->r, c->field);
	tui_ed_after_edit(a);
}

static void read_key_file(struct tui_app *a, const char *path, void *ctx)
{
	struct fctx *c = ctx;
	char *err = NULL;
	size_t len;
	if (!path || !*path)
		return;
	char *data = ivs_read_file(path, 64 * 1024, &len, &err);
	if (!data) {
		tui_status(a, true, "%s", err ? err : "cannot read the file");
		free(err);
		return;
	}
	if (strstr(data, "PRIVATE KEY")) {
		tui_status(a, true, "%s holds a private key: read the public key file instead", path);
		free(data);
		return;
	}
	ivs_edit_set_str(a->p, c->r, c->field, data);
	free(data);
	tui_ed_after_edit(a);
	tui_status(a, false, "Public key read from %s", path);
}

static void generate_key(struct tui_app *a, const char *path, void *ctx)
{
	struct fctx *c = ctx;
	char *err = NULL, *pub = NULL;
	if (!path || !*path)
		return;
	if (ivs_keygen_to_file(path, false, &pub, &err) < 0) {
		tui_status(a, true, "%s", err ? err : "cannot generate a key pair");
		free(err);
		return;
	}
	ivs_edit_set_str(a->p, c->r, c->field, pub);
	free(pub);
	tui_ed_after_edit(a);
	tui_status(a, false, "Key pair generated; private key written to %s (mode 0600)", path);
}

void tui_ed_form_activate(struct tui_app *a, struct tui_editor *ed, enum tui_action act)
{
	struct ivs_res *r = tui_ed_sel_res(ed);
	if (!r || ed->fsel >= ed->form.n)
		return;
	int field = ed->form.rows[ed->fsel].field;
	const struct ivs_field *f = &ivs_res_info(r)->fields[field];
	long cur = ivs_res_get_num(r, field);
	switch (f->type) {
	case IVS_FT_ID: case IVS_FT_STRING: case IVS_FT_INT:
	case IVS_FT_NUMBER: case IVS_FT_STRING_LIST:   /* typed as text (issue 10) */
	case IVS_FT_REF_LIST:
		if (act == TUI_ACT_ACTIVATE)
			tui_ed_edit_start(a, ed, r, field);
		return;
	case IVS_FT_BOOL:
		if (act == TUI_ACT_ACTIVATE || act == TUI_ACT_TOGGLE || act == TUI_ACT_NEXT_CHOICE ||
		    act == TUI_ACT_PREV_CHOICE)
			ivs_edit_set_bool(a->p, r, field, !(cur > 0));
		break;
	case IVS_FT_GROUP:
		if (act == TUI_ACT_ACTIVATE || act == TUI_ACT_TOGGLE) {
			if (ivs_res_is_set(r, field))
				ivs_edit_unset(a->p, r, field);
			else
				ivs_edit_set_group(a->p, r, field);
		}
		break;
	case IVS_FT_ENUM: {
		size_t n = ivs_choice_count(f->choices);
		if (act == TUI_ACT_NEXT_CHOICE || act == TUI_ACT_PREV_CHOICE) {
			long i = cur < 0 || cur == IVS_NO_DEFAULT ? (act == TUI_ACT_NEXT_CHOICE ? -1 : 0) : cur;
			i = act == TUI_ACT_NEXT_CHOICE ? (i + 1) % (long)n : (i + (long)n - 1) % (long)n;
			ivs_edit_set_enum(a->p, r, field, (int)i);
		} else if (act == TUI_ACT_ACTIVATE) {
			const char **items = ivs_xcalloc(n + 1, sizeof *items);
			char *def = ivs_xasprintf("(unset: %s)", f->def_text ? f->def_text : "none");
			items[0] = def;
			for (size_t i = 0; i < n; i++)
				items[i + 1] = f->choices[i];
			int current = ivs_res_is_set(r, field) ? (int)cur + 1 : 0;
			tui_pick(a, f->key, items, n + 1, current, picked_enum, tui_ed_fctx_new(r, field));
			free(def);
			free(items);
			return;
		}
		break;
	}
	case IVS_FT_REF: {
		size_t n;
		const char **t = tui_form_ref_targets(a->p, f, &n);
		const char *v = ivs_res_get_str(r, field);
		int current = 0;
		for (size_t i = 0; v && i < n; i++)
			if (strcmp(t[i], v) == 0)
				current = (int)i + 1;
		if (act == TUI_ACT_NEXT_CHOICE || act == TUI_ACT_PREV_CHOICE) {
			int m = (int)n + 1;
			int i = act == TUI_ACT_NEXT_CHOICE ? (current + 1) % m : (current + m - 1) % m;
			if (i == 0)
				ivs_edit_unset(a->p, r, field);
			else
				ivs_edit_set_str(a->p, r, field, t[i - 1]);
		} else if (act == TUI_ACT_ACTIVATE) {
			const char **items = ivs_xcalloc(n + 2, sizeof *items);
			items[0] = "(none)";
			for (size_t i = 0; i < n; i++)
				items[i + 1] = t[i];
			tui_pick(a, f->key, items, n + 1, current, picked_ref, tui_ed_fctx_new(r, field));
			free(items);
			free(t);
			return;
		}
		free(t);
		break;
	}
	case IVS_FT_ENUM_LIST:
		if (act == TUI_ACT_ACTIVATE || act == TUI_ACT_TOGGLE) {
			size_t n = ivs_choice_count(f->choices);
			bool on[IVS_ENUM_LIST_MAX] = {0};
			const struct ivs_enum_list *l = ivs_res_get_list(r, field);
			for (size_t i = 0; l && i < l->n; i++)
				if (l->v[i] < IVS_ENUM_LIST_MAX)
					on[l->v[i]] = true;
			tui_multi(a, f->key, (const char *const *)f->choices, n, on, picked_list,
			          tui_ed_fctx_new(r, field));
			return;
		}
		break;
	case IVS_FT_TAGS:
		if (act == TUI_ACT_ACTIVATE)
			tui_tags_open(a, r, field);
		return;
	case IVS_FT_TEXT:
		if (act == TUI_ACT_ACTIVATE)
			tui_textarea(a, f->key, ivs_res_get_str(r, field), typed_text, tui_ed_fctx_new(r, field));
		return;
	case IVS_FT_CHILDREN:
		if (act == TUI_ACT_ACTIVATE) {
			ivs_edit_add(a->p, f->ref, r, ivs_kind_info(f->ref)->id_prefix, SIZE_MAX);
			tui_validate(a);
			tui_editor_structure(a, ed);
		}
		return;
	}
	tui_validate(a);
	tui_ed_form_sync(ed);
}

/* ---- resource actions ---- */

/* f and g on the public key: read it from a file, or generate a pair. */
void tui_ed_key_file(struct tui_app *a, struct tui_editor *ed, enum tui_action act)
{
	if (ed->focus == FOCUS_FORM && tui_ed_sel_res(ed) && ed->fsel < ed->form.n) {
		struct ivs_res *r = tui_ed_sel_res(ed);
		int field = ed->form.rows[ed->fsel].field;
		if (ivs_res_info(r)->fields[field].type != IVS_FT_TEXT) {
			tui_status(a, true, "Only the public key is read from a file or generated");
			return;
		}
		if (act == TUI_ACT_READ_FILE) {
			tui_prompt(a, "Read the public key from (Tab completes)", "", true, read_key_file,
			           tui_ed_fctx_new(r, field));
		} else {
			char *def = ivs_xasprintf("%s-private.pem", r->id ? r->id : "playback");
			tui_prompt(a, "Private key file to write (mode 0600; never in the project)", def,
			           true, generate_key, tui_ed_fctx_new(r, field));
			free(def);
		}
	}
}
