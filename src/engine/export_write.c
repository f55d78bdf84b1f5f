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
 * YAML, so the output stays a correct template. */
#include "ivs/export.h"
#include "ivs/yamlio.h"

#include <stdint.h>
#include <stdlib.h>
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
	else if (d == d && d - d == 0) {
		/* the shortest text that reads back as d, as JavaScript writes it */
		for (int prec = 1; prec <= 17; prec++) {
			snprintf(out, 32, "%.*g", prec, d);
			if (strtod(out, NULL) == d)
				break;
		}
	}
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
	if (string && ivs_yaml_reads_as_other(s))
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
		if (write_yaml(tmpl, out))
			return;
		out->len = start;       /* the emitter refused: fall back to JSON */
		if (out->data)
			out->data[start] = '\0';
	}
	json_value(out, tmpl, 0);
	ivs_buf_putc(out, '\n');
}
