/* yaml_astral.h: characters beyond U+FFFF (emoji, 🎸) saved as UTF-8, the
 * saver's private helper (yaml_astral.c).
 *
 * libyaml's emitter takes every 4-byte UTF-8 character for a non-printable
 * one: it double-quotes the value and writes "\U0001F3B8". The saver hides
 * each such character from the emitter behind a marker (a private-use
 * character no value of the project holds) and 6 hex digits, then puts the
 * characters back into the emitter's output. A value that holds the marker
 * is a clash: the saver tries the next marker. */
#ifndef IVS_YAML_ASTRAL_H
#define IVS_YAML_ASTRAL_H

#include <stdbool.h>

#include "ivs/util.h"

#define IVS_ASTRAL_TRIES 256

struct ivs_astral {
	char mark[4];      /* UTF-8 of U+E000 + attempt */
	bool clash;        /* a value held the marker */
};

/* attempt: 0, 1, ... picks the marker; -1: hide nothing (every marker
 * clashed: libyaml's escapes then). */
void ivs_astral_init(struct ivs_astral *x, int attempt);
/* v with each 4-byte character hidden (caller frees), or NULL when v has
 * none. Notes a clash when v holds the marker. */
char *ivs_astral_hide(struct ivs_astral *x, const char *v);
/* Puts the hidden characters back into b[start..], in place. */
void ivs_astral_restore(const struct ivs_astral *x, struct ivs_buf *b, size_t start);

#endif
