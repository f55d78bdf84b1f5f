/* fuzz_edit.c: the bytes are a sequence of edits, as the TUI makes them
 * (check typed text, set a field from it, unset, add, remove, rename, move,
 * duplicate, undo, redo), applied to a small project. Then:
 *   - incremental validation (ivs_validate_changes, also between edits)
 *     must give the same diagnostics as a full one (ivs_validate_all);
 *   - what the TUI would save must load again, without a structural
 *     problem, and save to the same bytes: a project the editor can hold is
 *     a file it can reopen (else a save would lose the user's work).
 * Any difference aborts with both sides on stderr. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ivs/diag.h"
#include "ivs/model.h"
#include "ivs/schema.h"
#include "ivs/validate.h"
#include "ivs/yamlio.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char base[] =
	"ivs_tui: 1\n"
	"stack:\n"
	"  name: live\n"
	"buckets:\n"
	"  - id: Bucket\n"
	"channels:\n"
	"  - id: Channel\n"
	"    type: ADVANCED_HD\n"
	"    recording_configuration: Recording\n"
	"    tags: {team: video}\n"
	"    stream_keys:\n"
	"      - id: Key\n"
	"  - id: Imported\n"
	"    from_channel_arn: arn:aws:ivs:us-west-2:123456789012:channel/abcdABCDefgh\n"
	"recording_configurations:\n"
	"  - id: Recording\n"
	"    bucket: Bucket\n"
	"    thumbnail_configuration:\n"
	"      recording_mode: INTERVAL\n"
	"      target_interval_seconds: 30\n";

struct in {
	const uint8_t *p;
	size_t n;
};

static unsigned byte(struct in *in)
{
	if (!in->n)
		return 0;
	in->n--;
	return *in->p++;
}

/* A string of up to 63 bytes from the input (stops at a NUL). What the
 * TUI's line editor gives is UTF-8 (it reads wide characters), so text
 * that is not has its non-ASCII bytes made '?'. (The model itself takes
 * any bytes, and the saver then writes U+FFFD for the invalid ones.) */
static char *text(struct in *in)
{
	size_t len = byte(in) % 64;
	if (len > in->n)
		len = in->n;
	char *s = ivs_xstrndup((const char *)in->p, len);
	in->p += len;
	in->n -= len;
	if (!ivs_utf8_valid(s, strlen(s)))
		for (char *c = s; *c; c++)
			if ((unsigned char)*c >= 0x80)
				*c = '?';
	return s;
}

struct all {
	struct ivs_res *v[256];
	size_t n;
};

static void gather(struct ivs_res *r, void *ctx)
{
	struct all *a = ctx;
	if (a->n < IVS_ARRAY_LEN(a->v))
		a->v[a->n++] = r;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The current diagnostics as sorted "path|rule|message" lines, one text. */
static char *snapshot(struct ivs_project *p)
{
	struct ivs_diags d;
	struct ivs_buf b;
	ivs_diags_init(&d);
	ivs_validate_collect(p, &d);
	char **v = ivs_xcalloc(d.n ? d.n : 1, sizeof *v);
	for (size_t i = 0; i < d.n; i++)
		v[i] = ivs_xasprintf("%s|%s|%s", d.v[i].path, ivs_rule_id(d.v[i].rule), d.v[i].msg);
	qsort(v, d.n, sizeof *v, cmp_str);
	ivs_buf_init(&b);
	ivs_buf_printf(&b, "%zu errors, %zu warnings\n", ivs_validate_errors(p),
	               ivs_validate_warnings(p));
	for (size_t i = 0; i < d.n; i++) {
		ivs_buf_puts(&b, v[i]);
		ivs_buf_putc(&b, '\n');
		free(v[i]);
	}
	free(v);
	ivs_diags_free(&d);
	return ivs_buf_steal(&b);
}

static void edit(struct ivs_project *p, struct in *in)
{
	struct all a = {.n = 0};
	ivs_project_each(p, gather, &a);
	unsigned op = byte(in) % 11;
	struct ivs_res *r = a.n ? a.v[byte(in) % a.n] : NULL;
	const struct ivs_kind_info *ki = r ? ivs_res_info(r) : NULL;
	char *s, *err = NULL;

	switch (op) {
	case 0: case 1: case 2:   /* typing into a field: the commonest edit */
		if (!r)
			break;
		s = text(in);
		int f = (int)(byte(in) % (unsigned)ki->nfields);
		struct ivs_diags cand;
		ivs_diags_init(&cand);
		ivs_validate_candidate(p, r, f, s, &cand);   /* as each key is typed */
		ivs_diags_free(&cand);
		ivs_edit_set_text(p, r, f, s, &err);
		free(s);
		break;
	case 3:
		if (r)
			ivs_edit_unset(p, r, (int)(byte(in) % (unsigned)ki->nfields));
		break;
	case 4: {
		unsigned k = byte(in) % 5;
		s = text(in);
		if (k < 4)
			ivs_edit_add(p, ivs_top_kinds[k], NULL, s, byte(in) % 2 ? SIZE_MAX : byte(in) % 4);
		else if (r && r->kind == IVS_KIND_CHANNEL)
			ivs_edit_add(p, IVS_KIND_STREAM_KEY, r, s, SIZE_MAX);
		free(s);
		break;
	}
	case 5:
		if (r && r->kind != IVS_KIND_STACK)
			ivs_edit_remove(p, r);
		break;
	case 6:
		if (r && r->kind != IVS_KIND_STACK) {
			s = text(in);
			ivs_edit_rename(p, r, s, &err);
			free(s);
		}
		break;
	case 7:
		if (r && r->kind != IVS_KIND_STACK)
			ivs_edit_move(p, r, byte(in) % 4);
		break;
	case 8:
		if (r && r->kind != IVS_KIND_STACK)
			ivs_edit_duplicate(p, r);
		break;
	case 9:
		if (byte(in) % 2)
			ivs_undo(p);
		else
			ivs_redo(p);
		break;
	case 10:   /* the TUI re-validates after each key */
		ivs_validate_changes(p);
		break;
	}
	free(err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ivs_diags d;
	struct in in = {data, size};
	struct ivs_buf s1, s2;

	ivs_diags_init(&d);
	struct ivs_project *p = ivs_load_buffer("base.yaml", base, sizeof base - 1, &d);
	if (!p)
		abort();
	ivs_diags_free(&d);
	ivs_project_set_history(p, true);
	ivs_validate_all(p);
	for (int i = 0; i < 64 && in.n; i++)
		edit(p, &in);

	ivs_validate_changes(p);
	char *inc = snapshot(p);
	ivs_validate_all(p);
	char *full = snapshot(p);
	if (strcmp(inc, full) != 0) {
		fprintf(stderr, "incremental validation:\n%s\nfull validation:\n%s\n", inc, full);
		abort();
	}

	ivs_buf_init(&s1);
	ivs_buf_init(&s2);
	ivs_save_buffer(p, &s1);
	ivs_diags_init(&d);
	struct ivs_project *q = ivs_load_buffer("saved.yaml", s1.data, s1.len, &d);
	if (!q) {
		fprintf(stderr, "the edited project saves to a file that does not load:\n%s\n", s1.data);
		ivs_diags_print(stderr, "saved.yaml", &d);
		abort();
	}
	ivs_save_buffer(q, &s2);
	if (s1.len != s2.len || memcmp(s1.data, s2.data, s1.len) != 0) {
		fprintf(stderr, "saved:\n%s\nloaded and saved again:\n%s\n", s1.data, s2.data);
		abort();
	}
	ivs_validate_all(q);
	char *reloaded = snapshot(q);
	/* Positions differ, paths and messages must not. */
	if (strcmp(full, reloaded) != 0) {
		fprintf(stderr, "edited:\n%s\nsaved and loaded:\n%s\nfile:\n%s\n", full, reloaded,
		        s1.data);
		abort();
	}
	free(reloaded);
	free(inc);
	free(full);
	ivs_buf_free(&s1);
	ivs_buf_free(&s2);
	ivs_diags_free(&d);
	ivs_project_free(q);
	ivs_project_free(p);
	return 0;
}
