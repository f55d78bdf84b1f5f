/* util.h: small allocation, string and container helpers shared by every
 * module. Allocation failure aborts with a message (as htop's xMalloc):
 * callers never check for NULL from ivs_x* functions. */
#ifndef IVS_UTIL_H
#define IVS_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

void *ivs_xmalloc(size_t n);
void *ivs_xcalloc(size_t n, size_t size);
void *ivs_xrealloc(void *p, size_t n);
char *ivs_xstrdup(const char *s);          /* NULL in, NULL out */
char *ivs_xstrndup(const char *s, size_t n);
char *ivs_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* "a" or "an" before a word ("an output", "an ingest configuration"). */
const char *ivs_article(const char *word);
/* Returns true when a and b are equal strings, or both NULL. */
bool ivs_str_eq(const char *a, const char *b);

/* Growable byte buffer, always NUL-terminated. Owns its bytes. */
struct ivs_buf {
	char *data;
	size_t len, cap;
};
void ivs_buf_init(struct ivs_buf *b);
void ivs_buf_free(struct ivs_buf *b);
void ivs_buf_reset(struct ivs_buf *b);          /* len = 0, keeps memory */
void ivs_buf_add(struct ivs_buf *b, const char *s, size_t n);
void ivs_buf_puts(struct ivs_buf *b, const char *s);
void ivs_buf_putc(struct ivs_buf *b, char c);
void ivs_buf_printf(struct ivs_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *ivs_buf_steal(struct ivs_buf *b);         /* caller frees; b is reset */

/* Open-addressing string -> pointer multimap used by the model's indexes.
 * Keys are borrowed (the caller keeps them alive until removal). */
struct ivs_strmap;
struct ivs_strmap *ivs_strmap_new(void);
void ivs_strmap_free(struct ivs_strmap *m);
void ivs_strmap_add(struct ivs_strmap *m, const char *key, void *val);
/* Removes one (key, val) pair; returns true when it was there. */
bool ivs_strmap_del(struct ivs_strmap *m, const char *key, void *val);
/* Number of values stored under key; fills out[0..max) with them. */
size_t ivs_strmap_get(const struct ivs_strmap *m, const char *key, void **out, size_t max);
void ivs_strmap_clear(struct ivs_strmap *m);

/* Levenshtein distance, for "did you mean" hints (bounded: returns > max
 * as soon as the distance exceeds max). */
size_t ivs_edit_distance(const char *a, const char *b, size_t max);

/* UTF-8 helpers: number of code points, and validity check. */
size_t ivs_utf8_len(const char *s);
bool ivs_utf8_valid(const char *s, size_t n);
/* Writes code point v (at most U+10FFFF) as UTF-8 into o; returns its
 * length, 1 to 4. */
size_t ivs_utf8_encode(unsigned v, char o[4]);

#define IVS_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#endif
