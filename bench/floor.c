/* floor.c: the floor of the libraries. What parsing the project text costs
 * libyaml alone, and what building and printing a tree the size of the
 * exported template costs cJSON alone. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "bench.h"

static size_t yaml_parse_all(const struct floor_text *t)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	size_t n = 0;

	if (!yaml_parser_initialize(&parser))
		abort();
	yaml_parser_set_input_string(&parser, (const unsigned char *)t->data, t->len);
	for (;;) {
		if (!yaml_parser_parse(&parser, &ev))
			break;
		n++;
		yaml_event_type_t type = ev.type;
		yaml_event_delete(&ev);
		if (type == YAML_STREAM_END_EVENT)
			break;
	}
	yaml_parser_delete(&parser);
	return n;
}

double floor_yaml_parse(void *ctx)
{
	struct bench_clock c;
	bench_clock_start(&c);
	yaml_parse_all(ctx);
	double t = bench_clock_stop(&c);
	bench_settle();
	return t;
}

size_t floor_yaml_events(const struct floor_text *t)
{
	return yaml_parse_all(t);
}

/* The template flattened into a list of nodes in creation order; the floor
 * replays it. Keys and strings are borrowed from the template, which the
 * caller keeps alive. */
struct jnode {
	int type;            /* cJSON_Object, cJSON_Array, cJSON_String, cJSON_Number, ... */
	int parent;          /* index, -1 for the root */
	const char *key;     /* when the parent is an object */
	const char *str;
	double num;
};

struct floor_json {
	struct jnode *v;
	size_t n, cap;
	cJSON **made;
};

static void flatten(struct floor_json *f, const cJSON *j, int parent, const char *key)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? 2 * f->cap : 1024;
		f->v = ivs_xrealloc(f->v, f->cap * sizeof *f->v);
	}
	int me = (int)f->n++;
	struct jnode *nd = &f->v[me];
	nd->type = j->type & 0xff;
	nd->parent = parent;
	nd->key = key;
	nd->str = j->valuestring;
	nd->num = j->valuedouble;
	for (const cJSON *c = j->child; c; c = c->next)
		flatten(f, c, me, cJSON_IsObject(j) ? c->string : NULL);
}

struct floor_json *floor_json_new(const cJSON *tmpl)
{
	struct floor_json *f = ivs_xcalloc(1, sizeof *f);
	flatten(f, tmpl, -1, NULL);
	f->made = ivs_xcalloc(f->n, sizeof *f->made);
	return f;
}

void floor_json_free(struct floor_json *f)
{
	if (!f)
		return;
	free(f->v);
	free(f->made);
	free(f);
}

void floor_json_counts(const struct floor_json *f, size_t *objects, size_t *arrays,
                       size_t *strings, size_t *others)
{
	*objects = *arrays = *strings = *others = 0;
	for (size_t i = 0; i < f->n; i++) {
		switch (f->v[i].type) {
		case cJSON_Object: (*objects)++; break;
		case cJSON_Array: (*arrays)++; break;
		case cJSON_String: (*strings)++; break;
		default: (*others)++; break;
		}
	}
}

double floor_json_run(void *ctx)
{
	struct floor_json *f = ctx;
	struct bench_clock c;
	bench_clock_start(&c);
	for (size_t i = 0; i < f->n; i++) {
		const struct jnode *nd = &f->v[i];
		cJSON *j;
		switch (nd->type) {
		case cJSON_Object: j = cJSON_CreateObject(); break;
		case cJSON_Array: j = cJSON_CreateArray(); break;
		case cJSON_String: j = cJSON_CreateString(nd->str); break;
		case cJSON_Number: j = cJSON_CreateNumber(nd->num); break;
		case cJSON_True: j = cJSON_CreateTrue(); break;
		case cJSON_False: j = cJSON_CreateFalse(); break;
		default: j = cJSON_CreateNull(); break;
		}
		f->made[i] = j;
		if (nd->parent >= 0) {
			cJSON *p = f->made[nd->parent];
			if (nd->key)
				cJSON_AddItemToObject(p, nd->key, j);
			else
				cJSON_AddItemToArray(p, j);
		}
	}
	char *out = cJSON_Print(f->made[0]);
	double t = bench_clock_stop(&c);
	cJSON_free(out);
	cJSON_Delete(f->made[0]);
	bench_settle();
	return t;
}

/* The event stream of a text, recorded once, replayed into libyaml's
 * emitter: what writing that text costs libyaml alone. */
struct fev {
	yaml_event_type_t type;
	char *value;          /* scalars */
	size_t len;
	int plain_implicit, quoted_implicit, style, implicit;
};

struct floor_events {
	struct fev *v;
	size_t n, cap;
};

struct floor_events *floor_events_new(const char *text, size_t len)
{
	struct floor_events *f = ivs_xcalloc(1, sizeof *f);
	yaml_parser_t parser;
	yaml_event_t ev;

	if (!yaml_parser_initialize(&parser))
		abort();
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	while (yaml_parser_parse(&parser, &ev)) {
		if (f->n == f->cap) {
			f->cap = f->cap ? 2 * f->cap : 1024;
			f->v = ivs_xrealloc(f->v, f->cap * sizeof *f->v);
		}
		struct fev *e = &f->v[f->n++];
		memset(e, 0, sizeof *e);
		e->type = ev.type;
		switch (ev.type) {
		case YAML_SCALAR_EVENT:
			e->value = ivs_xstrndup((const char *)ev.data.scalar.value, ev.data.scalar.length);
			e->len = ev.data.scalar.length;
			e->plain_implicit = ev.data.scalar.plain_implicit;
			e->quoted_implicit = ev.data.scalar.quoted_implicit;
			e->style = ev.data.scalar.style;
			break;
		case YAML_SEQUENCE_START_EVENT:
			e->implicit = ev.data.sequence_start.implicit;
			e->style = ev.data.sequence_start.style;
			break;
		case YAML_MAPPING_START_EVENT:
			e->implicit = ev.data.mapping_start.implicit;
			e->style = ev.data.mapping_start.style;
			break;
		case YAML_DOCUMENT_START_EVENT:
			e->implicit = ev.data.document_start.implicit;
			break;
		case YAML_DOCUMENT_END_EVENT:
			e->implicit = ev.data.document_end.implicit;
			break;
		default:
			break;
		}
		yaml_event_type_t t = ev.type;
		yaml_event_delete(&ev);
		if (t == YAML_STREAM_END_EVENT)
			break;
	}
	yaml_parser_delete(&parser);
	return f;
}

void floor_events_free(struct floor_events *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->n; i++)
		free(f->v[i].value);
	free(f->v);
	free(f);
}

static int emit_write(void *data, unsigned char *buffer, size_t size)
{
	ivs_buf_add(data, (const char *)buffer, size);
	return 1;
}

double floor_emit_run(void *ctx)
{
	const struct floor_events *f = ctx;
	yaml_emitter_t em;
	yaml_event_t ev;
	struct ivs_buf out;
	int ok = 1;

	ivs_buf_init(&out);
	struct bench_clock c;
	bench_clock_start(&c);
	if (!yaml_emitter_initialize(&em))
		abort();
	yaml_emitter_set_output(&em, emit_write, &out);
	yaml_emitter_set_unicode(&em, 1);
	yaml_emitter_set_width(&em, -1);
	yaml_emitter_set_indent(&em, 2);
	for (size_t i = 0; i < f->n && ok; i++) {
		const struct fev *e = &f->v[i];
		switch (e->type) {
		case YAML_STREAM_START_EVENT:
			ok = yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
			break;
		case YAML_STREAM_END_EVENT:
			ok = yaml_stream_end_event_initialize(&ev);
			break;
		case YAML_DOCUMENT_START_EVENT:
			ok = yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, e->implicit);
			break;
		case YAML_DOCUMENT_END_EVENT:
			ok = yaml_document_end_event_initialize(&ev, e->implicit);
			break;
		case YAML_SCALAR_EVENT:
			ok = yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)e->value,
			                                  (int)e->len, e->plain_implicit,
			                                  e->quoted_implicit, e->style);
			break;
		case YAML_SEQUENCE_START_EVENT:
			ok = yaml_sequence_start_event_initialize(&ev, NULL, NULL, e->implicit, e->style);
			break;
		case YAML_SEQUENCE_END_EVENT:
			ok = yaml_sequence_end_event_initialize(&ev);
			break;
		case YAML_MAPPING_START_EVENT:
			ok = yaml_mapping_start_event_initialize(&ev, NULL, NULL, e->implicit, e->style);
			break;
		case YAML_MAPPING_END_EVENT:
			ok = yaml_mapping_end_event_initialize(&ev);
			break;
		default:
			continue;
		}
		if (ok)
			ok = yaml_emitter_emit(&em, &ev);
	}
	if (ok)
		yaml_emitter_flush(&em);
	yaml_emitter_delete(&em);
	double t = bench_clock_stop(&c);
	if (!ok) {
		fprintf(stderr, "bench: the emitter floor failed\n");
		exit(2);
	}
	ivs_buf_free(&out);
	bench_settle();
	return t;
}
