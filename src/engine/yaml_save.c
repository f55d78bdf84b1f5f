/* yaml_save.c: writes a project as its canonical file with the libyaml
 * emitter: `ivs_tui: 1`, the stack, then the non-empty lists in table
 * order; inside an entry the keys in field-table order, only those the user
 * set (a key set to its default is kept, one never set stays absent). Block
 * style, 2-space indent, unlimited width; enum lists and tags in flow style;
 * PEM text as a literal block. Strings that would read back as something
 * else (null, true, 123, "", leading spaces, ...) are quoted, so that
 * loading the file gives the same project and saving it again the same
 * bytes.
 *
 * The file is written from the model: comments and the layout of a
 * hand-written file are not kept.
 *
 * Ownership: nothing outlives a call; the caller owns `out`. */
#include "ivs/yamlio.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "ivs/fsutil.h"

struct saver {
	yaml_emitter_t em;
	struct ivs_buf raw;          /* libyaml's output, before reindent() */
	const char *problem;         /* set when libyaml refused an event */
};

static int write_raw(void *data, unsigned char *buffer, size_t size)
{
	ivs_buf_add(data, (const char *)buffer, size);
	return 1;
}

static void emit(struct saver *s, yaml_event_t *ev)
{
	if (s->problem) {
		yaml_event_delete(ev);
		return;
	}
	if (!yaml_emitter_emit(&s->em, ev))
		s->problem = s->em.problem ? s->em.problem : "the YAML emitter failed";
}

/* ---- scalars ---- */

/* A word a YAML 1.1 reader takes for null, a boolean, infinity, NaN, a
 * merge or a value key, in any case (all are at most 5 bytes). */
static bool is_word(const char *s)
{
	char l[6];
	size_t n = strnlen(s, sizeof l);

	if (n >= sizeof l)
		return false;
	for (size_t i = 0; i < n; i++)
		l[i] = (char)tolower((unsigned char)s[i]);
	l[n] = '\0';
	switch (l[0]) {
	case '\0': return true;
	case '~': case '=': return n == 1;
	case '<': return strcmp(l, "<<") == 0;
	case 'n': return n == 1 || strcmp(l, "no") == 0 || strcmp(l, "null") == 0;
	case 'y': return n == 1 || strcmp(l, "yes") == 0;
	case 't': return strcmp(l, "true") == 0;
	case 'f': return strcmp(l, "false") == 0;
	case 'o': return strcmp(l, "on") == 0 || strcmp(l, "off") == 0;
	case '.': return strcmp(l, ".inf") == 0 || strcmp(l, ".nan") == 0;
	case '-': case '+': return strcmp(l + 1, ".inf") == 0;
	default: return false;
	}
}

bool ivs_yaml_reads_as_other(const char *s)
{
	if (is_word(s))
		return true;
	const char *t = s;
	if (*t == '-' || *t == '+')
		t++;
	if (*t == '.')
		t++;
	return isdigit((unsigned char)*t) != 0;  /* numbers, timestamps, 1:20, 0x1F, 1_000 */
}

/* Text that only reads back exactly when quoted: another type (see
 * ivs_yaml_reads_as_other), leading or trailing spaces, control
 * characters. libyaml quotes what plain style cannot hold syntactically
 * (": ", "#", leading indicators) on its own. */
static bool needs_quotes(const char *v)
{
	size_t n = strlen(v);

	if (ivs_yaml_reads_as_other(v) || v[0] == ' ' || v[n - 1] == ' ')
		return true;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)v[i] < 0x20 || v[i] == 0x7f)
			return true;
	return false;
}

/* A copy with each invalid UTF-8 byte replaced by U+FFFD: YAML is UTF-8,
 * and no loaded value can hold such bytes. */
static char *utf8_fix(const char *v)
{
	struct ivs_buf b;
	size_t n = strlen(v);
	ivs_buf_init(&b);
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)v[i];
		size_t k = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
		if (k && i + k <= n && ivs_utf8_valid(v + i, k)) {
			ivs_buf_add(&b, v + i, k);
			i += k;
		} else {
			ivs_buf_puts(&b, "\xEF\xBF\xBD");
			i++;
		}
	}
	return ivs_buf_steal(&b);
}

static void scalar(struct saver *s, const char *v, yaml_scalar_style_t style)
{
	yaml_event_t ev;
	char *fixed = NULL;
	size_t n = strlen(v);

	if (!ivs_utf8_valid(v, n)) {
		v = fixed = utf8_fix(v);
		n = strlen(v);
	}
	if (!s->problem && !yaml_scalar_event_initialize(&ev, NULL, NULL, (const yaml_char_t *)v,
	                                                 (int)n, 1, 1, style))
		s->problem = "a value is too long for the YAML emitter";
	else if (!s->problem)
		emit(s, &ev);
	free(fixed);
}

static void string(struct saver *s, const char *v)
{
	scalar(s, v, needs_quotes(v) ? YAML_DOUBLE_QUOTED_SCALAR_STYLE : YAML_PLAIN_SCALAR_STYLE);
}

/* Several lines: a literal block when libyaml can write one exactly (it
 * falls back to double quotes when not). */
static void text(struct saver *s, const char *v)
{
	bool lines = strchr(v, '\n') != NULL;
	for (const char *c = v; lines && *c; c++)
		if (((unsigned char)*c < 0x20 && *c != '\n') || *c == 0x7f)
			lines = false;
	/* U+0085, U+2028 and U+2029 are line breaks to a YAML reader: a
	 * literal block would not read back (found by the random round trip) */
	if (lines && (strstr(v, "\xc2\x85") || strstr(v, "\xe2\x80\xa8") || strstr(v, "\xe2\x80\xa9")))
		lines = false;
	if (lines)
		scalar(s, v, YAML_LITERAL_SCALAR_STYLE);
	else
		string(s, v);
}

static void plain(struct saver *s, const char *v)
{
	scalar(s, v, YAML_PLAIN_SCALAR_STYLE);
}

static void map_start(struct saver *s, yaml_mapping_style_t style)
{
	yaml_event_t ev;
	yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, style);
	emit(s, &ev);
}

static void map_end(struct saver *s)
{
	yaml_event_t ev;
	yaml_mapping_end_event_initialize(&ev);
	emit(s, &ev);
}

static void seq_start(struct saver *s, yaml_sequence_style_t style)
{
	yaml_event_t ev;
	yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, style);
	emit(s, &ev);
}

static void seq_end(struct saver *s)
{
	yaml_event_t ev;
	yaml_sequence_end_event_initialize(&ev);
	emit(s, &ev);
}

/* ---- the project ---- */

static void emit_res(struct saver *s, const struct ivs_res *r);

static void emit_value(struct saver *s, const struct ivs_res *r, int fi)
{
	const struct ivs_field *f = &ivs_res_info(r)->fields[fi];
	char num[32];

	switch (f->type) {
	case IVS_FT_ID: case IVS_FT_STRING: case IVS_FT_REF:
		string(s, ivs_res_get_str(r, fi));
		break;
	case IVS_FT_TEXT:
		text(s, ivs_res_get_str(r, fi));
		break;
	case IVS_FT_ENUM:
		plain(s, f->choices[ivs_res_get_num(r, fi)]);
		break;
	case IVS_FT_BOOL:
		plain(s, ivs_res_get_num(r, fi) ? "true" : "false");
		break;
	case IVS_FT_INT:
		snprintf(num, sizeof num, "%ld", ivs_res_get_num(r, fi));
		plain(s, num);
		break;
	case IVS_FT_NUMBER:
		plain(s, ivs_res_get_str(r, fi));
		break;
	case IVS_FT_STRING_LIST: {
		const char *v = ivs_res_get_str(r, fi);
		seq_start(s, YAML_FLOW_SEQUENCE_STYLE);
		for (const char *it = v; it && *it;) {
			const char *end = strchr(it, '\n');
			char *item = ivs_xstrndup(it, end ? (size_t)(end - it) : strlen(it));
			string(s, item);
			free(item);
			if (!end)
				break;
			it = end + 1;
		}
		seq_end(s);
		break;
	}
	case IVS_FT_ENUM_LIST: {
		const struct ivs_enum_list *l = ivs_res_get_list(r, fi);
		seq_start(s, YAML_FLOW_SEQUENCE_STYLE);
		for (size_t i = 0; i < l->n; i++)
			plain(s, f->choices[l->v[i]]);
		seq_end(s);
		break;
	}
	case IVS_FT_REF_LIST: {
		const struct ivs_idlist *l = ivs_res_get_ids(r, fi);
		seq_start(s, YAML_FLOW_SEQUENCE_STYLE);
		for (size_t i = 0; i < l->n; i++)
			string(s, l->v[i]);
		seq_end(s);
		break;
	}
	case IVS_FT_TAGS:
		map_start(s, YAML_FLOW_MAPPING_STYLE);
		for (size_t i = 0; i < r->tags.n; i++) {
			string(s, r->tags.v[i].key);
			string(s, r->tags.v[i].value);
		}
		map_end(s);
		break;
	case IVS_FT_GROUP: {
		const struct ivs_kind_info *ki = ivs_res_info(r);
		map_start(s, YAML_BLOCK_MAPPING_STYLE);
		for (int i = 0; i < ki->nfields; i++) {
			if (ki->fields[i].parent == fi && ivs_res_is_set(r, i)) {
				plain(s, ki->fields[i].key);
				emit_value(s, r, i);
			}
		}
		map_end(s);
		break;
	}
	case IVS_FT_CHILDREN: {
		const struct ivs_list *l = (const struct ivs_list *)(const void *)((const char *)r + f->off);
		seq_start(s, YAML_BLOCK_SEQUENCE_STYLE);
		for (size_t i = 0; i < l->n; i++)
			emit_res(s, l->v[i]);
		seq_end(s);
		break;
	}
	}
}

/* Whether the key appears: set, or (a group) holding a set child, or
 * (children) a non-empty list. */
static bool field_present(const struct ivs_res *r, int fi)
{
	const struct ivs_kind_info *ki = ivs_res_info(r);
	const struct ivs_field *f = &ki->fields[fi];

	if (f->type == IVS_FT_CHILDREN)
		return ((const struct ivs_list *)(const void *)((const char *)r + f->off))->n > 0;
	if (ivs_res_is_set(r, fi))
		return true;
	if (f->type == IVS_FT_GROUP)
		for (int i = 0; i < ki->nfields; i++)
			if (ki->fields[i].parent == fi && ivs_res_is_set(r, i))
				return true;
	return false;
}

static void emit_res(struct saver *s, const struct ivs_res *r)
{
	const struct ivs_kind_info *ki = ivs_res_info(r);

	map_start(s, YAML_BLOCK_MAPPING_STYLE);
	for (int i = 0; i < ki->nfields; i++) {
		if (ki->fields[i].parent >= 0 || !field_present(r, i))
			continue;
		plain(s, ki->fields[i].key);
		emit_value(s, r, i);
	}
	map_end(s);
}

static void emit_project(struct saver *s, const struct ivs_project *p)
{
	yaml_event_t ev;

	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	emit(s, &ev);
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	emit(s, &ev);
	map_start(s, YAML_BLOCK_MAPPING_STYLE);
	plain(s, "ivs_tui");
	plain(s, "1");
	plain(s, "stack");
	emit_res(s, &ivs_project_stack(p)->r);
	for (size_t k = 0; k < IVS_ARRAY_LEN(ivs_top_kinds); k++) {
		const struct ivs_list *l = ivs_project_list(p, ivs_top_kinds[k]);
		if (!l->n)
			continue;
		plain(s, ivs_kind_info(ivs_top_kinds[k])->list_key);
		seq_start(s, YAML_BLOCK_SEQUENCE_STYLE);
		for (size_t i = 0; i < l->n; i++)
			emit_res(s, l->v[i]);
		seq_end(s);
	}
	map_end(s);
	yaml_document_end_event_initialize(&ev, 1);
	emit(s, &ev);
	yaml_stream_end_event_initialize(&ev);
	emit(s, &ev);
}

/* ---- layout ---- */

/* True for a line that opens a literal block: "key: |", "|-", "|+", "|2-".
 * No other line the saver writes can end so: a plain value cannot hold
 * ": ", and quoted and flow values end with a quote or a bracket. */
static bool literal_header(const char *line, size_t n)
{
	size_t i = n;
	if (i && (line[i - 1] == '-' || line[i - 1] == '+'))
		i--;
	if (i && line[i - 1] >= '1' && line[i - 1] <= '9')
		i--;
	return i >= 3 && line[i - 1] == '|' && line[i - 2] == ' ' && line[i - 3] == ':';
}

/* libyaml writes a block sequence that is a mapping's value without
 * indenting it ("channels:\n- id: A"); project files indent it
 * ("channels:\n  - id: A"), as the format's example does. This shifts every
 * such sequence (with all it holds) two spaces right per level. It relies
 * on what emit_project writes: the only block sequences are lists of
 * entries, the only multi-line values are literal blocks. */
static void reindent(const char *in, size_t len, struct ivs_buf *out)
{
	size_t seqs[16];             /* column of the `- ` of each open sequence */
	size_t nseqs = 0, lit_col = 0, lit_shift = 0;
	bool in_lit = false;

	for (size_t at = 0; at < len;) {
		const char *line = in + at;
		const char *nl = memchr(line, '\n', len - at);
		size_t n = nl ? (size_t)(nl - line) : len - at;
		size_t ind = 0;
		at += n + (nl ? 1 : 0);

		while (ind < n && line[ind] == ' ')
			ind++;
		if (in_lit && (ind == n || ind > lit_col)) {
			if (ind < n)
				for (size_t i = 0; i < lit_shift; i++)
					ivs_buf_putc(out, ' ');
			ivs_buf_add(out, line, n);
			ivs_buf_putc(out, '\n');
			continue;
		}
		in_lit = false;
		bool item = ind < n && line[ind] == '-' && (ind + 1 == n || line[ind + 1] == ' ');
		while (nseqs && (ind < seqs[nseqs - 1] || (ind == seqs[nseqs - 1] && !item)))
			nseqs--;
		if (item && (!nseqs || seqs[nseqs - 1] < ind) && nseqs < IVS_ARRAY_LEN(seqs))
			seqs[nseqs++] = ind;
		for (size_t i = 0; i < 2 * nseqs; i++)
			ivs_buf_putc(out, ' ');
		ivs_buf_add(out, line, n);
		ivs_buf_putc(out, '\n');
		if (literal_header(line, n)) {
			in_lit = true;
			lit_col = item ? ind + 2 : ind;
			lit_shift = 2 * nseqs;
		}
	}
}

static int save_buffer(const struct ivs_project *p, struct ivs_buf *out, const char **problem)
{
	struct saver s;

	memset(&s, 0, sizeof s);
	ivs_buf_init(&s.raw);
	ivs_buf_add(&s.raw, "", 0);
	if (!yaml_emitter_initialize(&s.em)) {
		*problem = "cannot start the YAML emitter";
		ivs_buf_free(&s.raw);
		return -1;
	}
	yaml_emitter_set_output(&s.em, write_raw, &s.raw);
	yaml_emitter_set_encoding(&s.em, YAML_UTF8_ENCODING);
	yaml_emitter_set_unicode(&s.em, 1);
	yaml_emitter_set_indent(&s.em, 2);
	yaml_emitter_set_width(&s.em, -1);
	yaml_emitter_set_break(&s.em, YAML_LN_BREAK);
	emit_project(&s, p);
	if (!s.problem && !yaml_emitter_flush(&s.em))
		s.problem = "cannot write the YAML";
	yaml_emitter_delete(&s.em);
	if (!s.problem)
		reindent(s.raw.data, s.raw.len, out);
	ivs_buf_free(&s.raw);
	*problem = s.problem;
	return s.problem ? -1 : 0;
}

void ivs_save_buffer(const struct ivs_project *p, struct ivs_buf *out)
{
	const char *problem;
	(void)save_buffer(p, out, &problem);
}

int ivs_save_file(const struct ivs_project *p, const char *path, char **err)
{
	struct ivs_buf b;
	const char *problem = NULL;
	int rc;

	ivs_buf_init(&b);
	ivs_buf_add(&b, "", 0);
	if (save_buffer(p, &b, &problem) != 0) {
		if (err)
			*err = ivs_xasprintf("cannot write %s: %s", path, problem);
		ivs_buf_free(&b);
		return -1;
	}
	rc = ivs_write_atomic(path, b.data, b.len, 0644, err);
	ivs_buf_free(&b);
	return rc;
}
