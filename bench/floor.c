/* floor.c: the floor of the libraries. What parsing the project text costs
 * libyaml alone, and what building and printing a tree the size of the
 * exported template costs cJSON alone. */
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
	double t0 = bench_now();
	yaml_parse_all(ctx);
	return bench_now() - t0;
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
	double t0 = bench_now();
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
	double t = bench_now() - t0;
	cJSON_free(out);
	cJSON_Delete(f->made[0]);
	return t;
}
