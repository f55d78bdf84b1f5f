/* export_write.c: a template tree as text.
 *
 * JSON is written as the CDK writes templates (JSON.stringify with a
 * one-space indent: `"key": value`, `{}` and `[]` when empty, the same
 * string escapes), one pass over the tree into an ivs_buf.
 *
 * YAML goes through libyaml's emitter, block style, with CloudFormation's
 * long-form intrinsics (`Ref: B`, `Fn::GetAtt: [A, Arn]`). A string that a
 * YAML reader would take for another type (true, 300, null, 1e3, ...) is
 * quoted; multi-line strings (PEM keys) use the literal style. Should the
 * emitter ever refuse the input, the JSON text is written instead: JSON is
 * YAML, so the output stays a correct template. When every scalar of the
 * template is one the emitter would write plain (or a PEM-like literal
 * block), the same bytes are written directly, without the emitter (see
 * "YAML, written directly"): that is the usual template, and the emitter
 * cost more than the rest of the export together. */
#include "ivs/export.h"

#include <ctype.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <yaml.h>

/* ---- JSON ---- */

static void json_string(struct ivs_buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const char *run = s;

	ivs_buf_putc(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		const char *esc = NULL;
		char u[7];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		switch (c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\b': esc = "\\b"; break;
		case '\f': esc = "\\f"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		default:
			memcpy(u, "\\u00", 4);
			u[4] = hex[c >> 4];
			u[5] = hex[c & 15];
			u[6] = '\0';
			esc = u;
		}
		ivs_buf_add(b, run, (size_t)(s - run));
		ivs_buf_puts(b, esc);
		run = s + 1;
	}
	ivs_buf_add(b, run, (size_t)(s - run));
	ivs_buf_putc(b, '"');
}

/* A number as JSON.stringify writes it (integers: all a template holds). */
static void number_chars(char out[32], double d)
{
	if (d > -9007199254740992.0 && d < 9007199254740992.0 && d == (double)(long long)d)
		snprintf(out, 32, "%lld", (long long)d);
	else if (d == d && d - d == 0)
		snprintf(out, 32, "%.17g", d);
	else
		snprintf(out, 32, "null");  /* as JSON.stringify writes NaN and Infinity */
}

static void number_text(struct ivs_buf *b, double d)
{
	char s[32];
	number_chars(s, d);
	ivs_buf_puts(b, s);
}

static void indent(struct ivs_buf *b, int depth)
{
	static const char spaces[] = "                                ";
	ivs_buf_putc(b, '\n');
	while (depth > 0) {
		int n = depth < 32 ? depth : 32;
		ivs_buf_add(b, spaces, (size_t)n);
		depth -= n;
	}
}

static void json_value(struct ivs_buf *b, const cJSON *v, int depth)
{
	switch (v->type & 0xff) {
	case cJSON_False: ivs_buf_puts(b, "false"); break;
	case cJSON_True: ivs_buf_puts(b, "true"); break;
	case cJSON_NULL: ivs_buf_puts(b, "null"); break;
	case cJSON_Number: number_text(b, v->valuedouble); break;
	case cJSON_String: json_string(b, v->valuestring ? v->valuestring : ""); break;
	case cJSON_Raw: ivs_buf_puts(b, v->valuestring ? v->valuestring : "null"); break;
	case cJSON_Array:
	case cJSON_Object: {
		bool obj = (v->type & 0xff) == cJSON_Object;
		ivs_buf_putc(b, obj ? '{' : '[');
		if (!v->child) {
			ivs_buf_putc(b, obj ? '}' : ']');
			break;
		}
		for (const cJSON *c = v->child; c; c = c->next) {
			indent(b, depth + 1);
			if (obj) {
				json_string(b, c->string ? c->string : "");
				ivs_buf_add(b, ": ", 2);
			}
			json_value(b, c, depth + 1);
			if (c->next)
				ivs_buf_putc(b, ',');
		}
		indent(b, depth);
		ivs_buf_putc(b, obj ? '}' : ']');
		break;
	}
	default:
		ivs_buf_puts(b, "null");
	}
}

/* ---- YAML ---- */

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

/* True when a YAML 1.1 or 1.2 reader would resolve the plain scalar s to
 * something other than a string: null, booleans, numbers (also hex, octal,
 * binary, sexagesimal, floats, .inf, .nan), timestamps, merge keys. Errs on
 * the side of quoting. */
static bool reads_as_other(const char *s)
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

struct yw {
	yaml_emitter_t em;
	bool ok;
};

static void y_emit(struct yw *w, yaml_event_t *ev)
{
	if (w->ok && !yaml_emitter_emit(&w->em, ev))
		w->ok = false;
	else if (!w->ok)
		yaml_event_delete(ev);
}

/* string: s is a string value or key (quoted when it would read back as
 * another type); otherwise the text of a boolean, number or null. */
static void y_scalar(struct yw *w, const char *s, bool string)
{
	yaml_event_t ev;
	yaml_scalar_style_t style = YAML_ANY_SCALAR_STYLE;
	if (string && reads_as_other(s))
		style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	else if (strchr(s, '\n'))
		style = YAML_LITERAL_SCALAR_STYLE;
	if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)(uintptr_t)s,
	                                  (int)strlen(s), 1, 1, style)) {
		w->ok = false;
		return;
	}
	y_emit(w, &ev);
}

static void y_value(struct yw *w, const cJSON *v, bool flow)
{
	yaml_event_t ev;
	char num[32];

	switch (v->type & 0xff) {
	case cJSON_False: y_scalar(w, "false", false); break;
	case cJSON_True: y_scalar(w, "true", false); break;
	case cJSON_NULL: y_scalar(w, "null", false); break;
	case cJSON_Number:
		number_chars(num, v->valuedouble);
		y_scalar(w, num, false);
		break;
	case cJSON_String: y_scalar(w, v->valuestring ? v->valuestring : "", true); break;
	case cJSON_Array:
		yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
		                                     flow ? YAML_FLOW_SEQUENCE_STYLE
		                                          : YAML_BLOCK_SEQUENCE_STYLE);
		y_emit(w, &ev);
		for (const cJSON *c = v->child; c; c = c->next)
			y_value(w, c, flow);
		yaml_sequence_end_event_initialize(&ev);
		y_emit(w, &ev);
		break;
	case cJSON_Object:
		yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
		y_emit(w, &ev);
		for (const cJSON *c = v->child; c; c = c->next) {
			const char *key = c->string ? c->string : "";
			y_scalar(w, key, true);
			/* Fn::GetAtt: [Resource, Attribute], as people write it */
			y_value(w, c, flow || strcmp(key, "Fn::GetAtt") == 0);
		}
		yaml_mapping_end_event_initialize(&ev);
		y_emit(w, &ev);
		break;
	default:
		y_scalar(w, "null", false);
	}
}

/* ---- YAML, written directly ----
 *
 * The emitter costs more than the rest of the export together (it copies
 * every scalar into an event, analyses it character by character and
 * writes through its own buffer). For the templates ivs-tui makes, its
 * output is simple: block mappings indented by 2, block sequences
 * indentless under their key, Fn::GetAtt as a flow sequence, plain
 * scalars, PEM keys as literal blocks. yd_* writes exactly that, byte for
 * byte as the emitter would, and gives up (returns false) on anything
 * whose form it is not sure of: a string the emitter would quote or that
 * is not plain ASCII, an empty mapping or sequence, a long key, nesting
 * other than the template's. ivs_export_write then uses the emitter for
 * the whole template, as before. */

/* Would the emitter write s plain, as is? (flow: inside [ ]) */
static bool yd_plain(const char *s, bool string, bool flow)
{
	if (!*s || (string && reads_as_other(s)))
		return false;
	if (!isalnum((unsigned char)*s))
		return false;               /* no indicator, space or break first */
	for (const char *c = s; *c; c++) {
		unsigned char ch = (unsigned char)*c;
		if (isalnum(ch) || ch == '-' || ch == '_' || ch == '.' || ch == '/')
			continue;
		if (ch == ':' && !flow && c[1] && c[1] != ' ')
			continue;               /* "AWS::S3::Bucket", not "a: b" nor "a:" */
		if (ch == ' ' && c[1] && c[1] != ' ' && c[1] != '#' && c[-1] != ':')
			continue;               /* inner single spaces, not " #" */
		return false;
	}
	return true;
}

/* A literal block (|, or |- without a final line break) as the emitter
 * writes one: printable ASCII lines, none starting or ending with a space,
 * at most one final line break. */
static bool yd_literal(struct ivs_buf *b, const char *s, int indent)
{
	size_t n = strlen(s);
	if (!n || s[0] == ' ' || s[0] == '\n' || s[n - 1] == ' ' || reads_as_other(s) ||
	    (n >= 2 && s[n - 1] == '\n' && s[n - 2] == '\n'))
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == '\n') {
			if (i && s[i - 1] == ' ')
				return false;       /* a space before a break: quoted */
		} else if (ch < 0x20 || ch > 0x7e) {
			return false;
		}
	}
	ivs_buf_puts(b, s[n - 1] == '\n' ? " |\n" : " |-\n");
	bool bol = true;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n') {
			ivs_buf_putc(b, '\n');
			bol = true;
			continue;
		}
		if (bol)
			for (int k = 0; k < indent; k++)
				ivs_buf_putc(b, ' ');
		size_t e = i;
		while (e < n && s[e] != '\n')
			e++;
		ivs_buf_add(b, s + i, e - i);
		i = e - 1;
		bol = false;
	}
	if (!bol)
		ivs_buf_putc(b, '\n');
	return true;
}

/* The text of a scalar node, or NULL when it is not one. */
static const char *yd_text(const cJSON *v, char *num, size_t size, bool *string)
{
	*string = false;
	switch (v->type & 0xff) {
	case cJSON_False: return "false";
	case cJSON_True: return "true";
	case cJSON_NULL: return "null";
	case cJSON_Number: {
		struct ivs_buf t;
		ivs_buf_init(&t);
		number_text(&t, v->valuedouble);
		snprintf(num, size, "%s", t.data ? t.data : "");
		bool fits = t.len < size;
		ivs_buf_free(&t);
		return fits ? num : NULL;
	}
	case cJSON_String:
		*string = true;
		return v->valuestring ? v->valuestring : "";
	default:
		return NULL;
	}
}

static void yd_indent(struct ivs_buf *b, int indent)
{
	for (int k = 0; k < indent; k++)
		ivs_buf_putc(b, ' ');
}

static bool yd_mapping(struct ivs_buf *b, const cJSON *m, int indent, bool first_inline);

/* The value after "key:" (the key already written), ending its line(s). */
static bool yd_value(struct ivs_buf *b, const cJSON *v, const char *key, int indent)
{
	char num[64];
	bool string;
	const char *t = yd_text(v, num, sizeof num, &string);

	if (t) {
		if (string && strchr(t, '\n'))
			return yd_literal(b, t, indent + 2);
		if (!yd_plain(t, string, false))
			return false;
		ivs_buf_putc(b, ' ');
		ivs_buf_puts(b, t);
		ivs_buf_putc(b, '\n');
		return true;
	}
	if (!v->child)
		return false;                   /* {} and []: the emitter's business */
	if ((v->type & 0xff) == cJSON_Object) {
		ivs_buf_putc(b, '\n');
		return yd_mapping(b, v, indent + 2, false);
	}
	if ((v->type & 0xff) != cJSON_Array)
		return false;
	if (strcmp(key, "Fn::GetAtt") == 0) {
		ivs_buf_puts(b, " [");
		for (const cJSON *c = v->child; c; c = c->next) {
			t = yd_text(c, num, sizeof num, &string);
			if (!t || !yd_plain(t, string, true))
				return false;
			ivs_buf_puts(b, t);
			if (c->next)
				ivs_buf_add(b, ", ", 2);
		}
		ivs_buf_puts(b, "]\n");
		return true;
	}
	/* A block sequence under a key: indentless ("- " at the key's column). */
	ivs_buf_putc(b, '\n');
	for (const cJSON *c = v->child; c; c = c->next) {
		yd_indent(b, indent);
		ivs_buf_add(b, "- ", 2);
		t = yd_text(c, num, sizeof num, &string);
		if (t) {
			if (!yd_plain(t, string, false) || strchr(t, '\n'))
				return false;
			ivs_buf_puts(b, t);
			ivs_buf_putc(b, '\n');
		} else if ((c->type & 0xff) == cJSON_Object && c->child) {
			if (!yd_mapping(b, c, indent + 2, true))
				return false;
		} else {
			return false;
		}
	}
	return true;
}

/* The members of m at `indent`; first_inline: the first key goes right
 * after a "- " already written. */
static bool yd_mapping(struct ivs_buf *b, const cJSON *m, int indent, bool first_inline)
{
	for (const cJSON *c = m->child; c; c = c->next) {
		const char *key = c->string ? c->string : "";
		if (strlen(key) > 128 || !yd_plain(key, true, false))
			return false;               /* a long key is a "? " key for the emitter */
		if (c != m->child || !first_inline)
			yd_indent(b, indent);
		ivs_buf_puts(b, key);
		ivs_buf_putc(b, ':');
		if (!yd_value(b, c, key, indent))
			return false;
	}
	return true;
}

static bool write_yaml_direct(const cJSON *tmpl, struct ivs_buf *out)
{
	if ((tmpl->type & 0xff) != cJSON_Object || !tmpl->child)
		return false;
	return yd_mapping(out, tmpl, 0, false);
}

static int y_write(void *data, unsigned char *buffer, size_t size)
{
	ivs_buf_add(data, (const char *)buffer, size);
	return 1;
}

static bool write_yaml(const cJSON *tmpl, struct ivs_buf *out)
{
	struct yw w = {.ok = true};
	yaml_event_t ev;

	if (!yaml_emitter_initialize(&w.em))
		return false;
	yaml_emitter_set_output(&w.em, y_write, out);
	yaml_emitter_set_unicode(&w.em, 1);
	yaml_emitter_set_width(&w.em, -1);
	yaml_emitter_set_indent(&w.em, 2);
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	y_emit(&w, &ev);
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	y_emit(&w, &ev);
	y_value(&w, tmpl, false);
	yaml_document_end_event_initialize(&ev, 1);
	y_emit(&w, &ev);
	yaml_stream_end_event_initialize(&ev);
	y_emit(&w, &ev);
	if (w.ok && !yaml_emitter_flush(&w.em))
		w.ok = false;
	yaml_emitter_delete(&w.em);
	return w.ok;
}

void ivs_export_write(const cJSON *tmpl, enum ivs_export_format fmt, struct ivs_buf *out)
{
	size_t start = out->len;

	if (fmt == IVS_EXPORT_YAML) {
		if (write_yaml_direct(tmpl, out))
			return;
		out->len = start;       /* not sure of its form: the emitter writes it all */
		if (out->data)
			out->data[start] = '\0';
		if (write_yaml(tmpl, out))
			return;
		out->len = start;       /* the emitter refused: fall back to JSON */
		if (out->data)
			out->data[start] = '\0';
	}
	json_value(out, tmpl, 0);
	ivs_buf_putc(out, '\n');
}
