/* value.c: text to value, one function per field type (value.h). */
#include "ivs/value.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "validate_int.h"

static char *trim_dup(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	return ivs_xstrndup(s, n);
}

void ivs_set_err(char **err, char *msg)
{
	if (err)
		*err = msg;
	else
		free(msg);
}

#define put_msg ivs_set_err

void ivs_words_join(struct ivs_buf *b, const char *const *w, size_t n, const char *last_sep)
{
	for (size_t i = 0; i < n; i++)
		ivs_buf_printf(b, "%s%s", i == 0 ? "" : i + 1 == n ? last_sep : ", ", w[i]);
}

void ivs_choices_join(struct ivs_buf *b, const char *const *choices)
{
	ivs_words_join(b, choices, ivs_choice_count(choices), " or ");
}

const char *ivs_closest(const char *word, size_t n, const char *(*cand)(const void *ctx, size_t i),
                        const void *ctx, size_t max)
{
	const char *hit = NULL;
	size_t best = (size_t)-1;
	for (size_t i = 0; i < n; i++) {
		const char *c = cand(ctx, i);
		size_t d = strcasecmp(c, word) == 0 ? 0 : ivs_edit_distance(c, word, max);
		if (d <= max && d < best) {
			best = d;
			hit = c;
		}
	}
	return hit;
}

/* ---- one parser per type ---- */

static enum ivs_rule parse_enum(const struct ivs_field *f, const char *w, long *out, char **msg)
{
	char vb[80];
	for (int i = 0; f->choices[i]; i++)
		if (strcasecmp(f->choices[i], w) == 0) {
			*out = i;
			return IVS_RULE_COUNT;
		}
	struct ivs_buf b;
	ivs_buf_init(&b);
	ivs_choices_join(&b, f->choices);
	put_msg(msg, ivs_xasprintf("%s must be one of %s, not '%s'.", f->key, b.data,
	                           ivs_vshow(w, vb, sizeof vb)));
	ivs_buf_free(&b);
	return IVS_RULE_YAML_BAD_ENUM;
}

static enum ivs_rule parse_bool(const struct ivs_field *f, const char *t, long *out, char **msg)
{
	static const char *const yes[] = {"true", "yes", "on", "1"}, *const no[] = {"false", "no", "off", "0"};
	char vb[80];
	for (size_t i = 0; i < IVS_ARRAY_LEN(yes); i++) {
		if (strcasecmp(t, yes[i]) == 0) {
			*out = 1;
			return IVS_RULE_COUNT;
		}
		if (strcasecmp(t, no[i]) == 0) {
			*out = 0;
			return IVS_RULE_COUNT;
		}
	}
	put_msg(msg, ivs_xasprintf("%s is true or false, not '%s'.", f->key, ivs_vshow(t, vb, sizeof vb)));
	return IVS_RULE_YAML_BAD_BOOL;
}

static enum ivs_rule parse_int(const struct ivs_field *f, const char *t, long *out, char **msg)
{
	char *end, vb[80];
	errno = 0;
	long v = strtol(t, &end, 10);
	if (errno || *end || end == t) {
		put_msg(msg, ivs_xasprintf("%s is a whole number, not '%s'.", f->key,
		                           ivs_vshow(t, vb, sizeof vb)));
		return IVS_RULE_YAML_BAD_INT;
	}
	*out = v;
	return IVS_RULE_COUNT;
}

char *ivs_number_canon(const char *s)
{
	char *end, buf[40];
	const char *c = s;

	/* a decimal: [-+]digits[.digits][e[-+]digits], no hex, inf or nan */
	if (*c == '-' || *c == '+')
		c++;
	if (!(*c >= '0' && *c <= '9') && !(*c == '.' && c[1] >= '0' && c[1] <= '9'))
		return NULL;
	for (; *c; c++)
		if (!strchr("0123456789.eE+-", *c))
			return NULL;
	errno = 0;
	double d = strtod(s, &end);
	if (*end || end == s || errno == ERANGE || d != d || d - d != 0)
		return NULL;
	if (d == 0)
		return ivs_xstrdup("0");
	if (d > -9007199254740992.0 && d < 9007199254740992.0 && d == (double)(long long)d) {
		snprintf(buf, sizeof buf, "%lld", (long long)d);
		return ivs_xstrdup(buf);
	}
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(buf, sizeof buf, "%.*g", prec, d);
		if (strtod(buf, NULL) == d)
			break;
	}
	return ivs_xstrdup(buf);
}

static enum ivs_rule parse_number(const struct ivs_field *f, const char *t, struct ivs_value *v,
                                  char **msg)
{
	char vb[80];
	if (!(v->own = ivs_number_canon(t))) {
		put_msg(msg, ivs_xasprintf("%s is a number such as 30 or 29.97, not '%s'.", f->key,
		                           ivs_vshow(t, vb, sizeof vb)));
		return IVS_RULE_YAML_BAD_NUMBER;
	}
	v->s = v->own;
	return IVS_RULE_COUNT;
}

/* "US, CA" -> "US\nCA" (items are trimmed; empty items dropped). */
static enum ivs_rule parse_strlist(char *t, struct ivs_value *v)
{
	struct ivs_buf b;
	char *save = NULL;
	ivs_buf_init(&b);
	for (char *w = strtok_r(t, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		char *item = trim_dup(w);
		if (*item)
			ivs_buf_printf(&b, "%s%s", b.len ? "\n" : "", item);
		free(item);
	}
	v->own = ivs_xstrdup(b.data ? b.data : "");
	ivs_buf_free(&b);
	v->s = v->own;
	if (!*v->s)
		v->set = false;
	return IVS_RULE_COUNT;
}

static enum ivs_rule parse_list(const struct ivs_field *f, char *t, struct ivs_enum_list *l,
                                char **msg)
{
	char *save = NULL;
	l->n = 0;
	for (char *w = strtok_r(t, ", \t", &save); w; w = strtok_r(NULL, ", \t", &save)) {
		long i = 0;
		enum ivs_rule rule = parse_enum(f, w, &i, msg);
		if (rule != IVS_RULE_COUNT)
			return rule;
		if (l->n == IVS_ENUM_LIST_MAX) {
			put_msg(msg, ivs_xasprintf("%s holds at most %d values: remove some.", f->key,
			                           IVS_ENUM_LIST_MAX));
			return IVS_RULE_LIST_DUPLICATE;
		}
		l->v[l->n++] = (uint8_t)i;
	}
	return IVS_RULE_COUNT;
}

static enum ivs_rule parse_tags(char *t, struct ivs_tags *tags, char **msg)
{
	char *save = NULL, vb[80];
	for (char *w = strtok_r(t, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(w, '=');
		if (!eq) {
			char *k = trim_dup(w);
			put_msg(msg, ivs_xasprintf("a tag is key=value, not '%s': add '=' and a value.",
			                           ivs_vshow(k, vb, sizeof vb)));
			free(k);
			return IVS_RULE_TAG_KEY_INVALID;
		}
		*eq = '\0';
		char *k = trim_dup(w), *v = trim_dup(eq + 1);
		ivs_tags_put(tags, k, v);
		free(k);
		free(v);
	}
	return IVS_RULE_COUNT;
}

/* "A, B": ids separated by commas (an id with a comma cannot be typed
 * here; the file can hold it). */
static enum ivs_rule parse_ids(char *t, struct ivs_idlist *l)
{
	char *save = NULL;
	for (char *w = strtok_r(t, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		char *id = trim_dup(w);
		if (*id)
			ivs_idlist_push(l, id);
		free(id);
	}
	return IVS_RULE_COUNT;
}

enum ivs_rule ivs_value_parse(const struct ivs_field *f, const char *text, struct ivs_value *v,
                              char **msg)
{
	enum ivs_rule rule = IVS_RULE_COUNT;

	memset(v, 0, sizeof *v);
	if (msg)
		*msg = NULL;
	v->set = true;
	v->s = text;
	if (f->type == IVS_FT_ID)
		return rule;
	if (f->type == IVS_FT_TEXT) {
		v->set = *text != '\0';
		return rule;
	}
	char *t = trim_dup(text);
	if (!*t && f->type != IVS_FT_GROUP) {
		v->set = false;
		free(t);
		return rule;
	}
	switch (f->type) {
	case IVS_FT_ENUM: rule = parse_enum(f, t, &v->n, msg); break;
	case IVS_FT_BOOL: rule = parse_bool(f, t, &v->n, msg); break;
	case IVS_FT_INT: rule = parse_int(f, t, &v->n, msg); break;
	case IVS_FT_ENUM_LIST: rule = parse_list(f, t, &v->list, msg); break;
	case IVS_FT_TAGS: rule = parse_tags(t, &v->tags, msg); break;
	case IVS_FT_NUMBER: rule = parse_number(f, t, v, msg); break;
	case IVS_FT_STRING_LIST: rule = parse_strlist(t, v); break;
	case IVS_FT_REF_LIST: rule = parse_ids(t, &v->ids); break;
	case IVS_FT_CHILDREN:
		put_msg(msg, ivs_xasprintf("%s cannot be typed in.", f->key));
		rule = IVS_RULE_YAML_WRONG_TYPE;
		break;
	default:
		break;   /* STRING, REF: the text; GROUP: present */
	}
	free(t);
	if (rule != IVS_RULE_COUNT)
		ivs_value_free(v);
	return rule;
}

void ivs_value_free(struct ivs_value *v)
{
	ivs_tags_free(&v->tags);
	free(v->own);
	v->own = NULL;
	ivs_idlist_free(&v->ids);
}
