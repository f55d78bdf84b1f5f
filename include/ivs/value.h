/* value.h: text to value, one function per field type (schema.h), for
 * everything that reads typed text: the edit API (ivs_edit_set_text), the
 * validator's check of text being typed (ivs_validate_candidate) and the
 * TUI's forms. One wording per problem; the limits are the field table's.
 * Also the one choice-list joiner and the one "did you mean". */
#ifndef IVS_VALUE_H
#define IVS_VALUE_H

#include <stdbool.h>
#include <stddef.h>

#include "ivs/diag.h"
#include "ivs/model.h"
#include "ivs/util.h"

/* A number's canonical text (issue 10: an encoder's framerate): the
 * shortest decimal that reads back as the same double, as JavaScript
 * writes numbers ("30", "29.97"); NULL when s is not a finite decimal
 * number. Caller frees. */
char *ivs_number_canon(const char *s);

/* A value parsed from text, as the field would hold it. */
struct ivs_value {
	bool set;                   /* false: the text was empty, the field is unset */
	const char *s;              /* ID, STRING, TEXT, REF: the text as typed (borrowed);
	                               NUMBER, STRING_LIST: the value (in `own`) */
	char *own;                  /* owned text behind s, or NULL */
	long n;                     /* ENUM: index; BOOL: 0 or 1; INT: the number */
	struct ivs_enum_list list;  /* ENUM_LIST */
	struct ivs_tags tags;       /* TAGS (owned: ivs_value_free) */
	struct ivs_idlist ids;      /* REF_LIST (owned: ivs_value_free) */
};

/* Parses text for field f. Returns IVS_RULE_COUNT when the field can hold
 * it (*v filled), else the rule the text breaks, with *msg a sentence that
 * says what to do (caller frees; msg may be NULL). Enum words are matched
 * without regard to case; booleans are true/false/yes/no/on/off/1/0; an
 * int is decimal; a list is "HD, SD"; tags are "k=v, k2=v2". Text that is
 * empty once trimmed unsets the field (TEXT: only the empty text). */
enum ivs_rule ivs_value_parse(const struct ivs_field *f, const char *text, struct ivs_value *v,
                              char **msg);
void ivs_value_free(struct ivs_value *v);

/* Hands msg to *err when err is not NULL, else frees it: the one way the
 * engine returns an error sentence. */
void ivs_set_err(char **err, char *msg);

/* "A, B or C" (last_sep " or "), "a, b and c" (last_sep " and "). */
void ivs_words_join(struct ivs_buf *b, const char *const *w, size_t n, const char *last_sep);
/* The choices of an ENUM field, NULL-terminated, joined with " or ". */
void ivs_choices_join(struct ivs_buf *b, const char *const *choices);

/* "Did you mean": the first of n candidates (cand(ctx, i)) closest to word,
 * within edit distance max (a candidate equal but for case is at 0), or
 * NULL. */
const char *ivs_closest(const char *word, size_t n, const char *(*cand)(const void *ctx, size_t i),
                        const void *ctx, size_t max);

#endif
