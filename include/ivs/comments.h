/* comments.h: the comments of a project file, kept from load to save
 * (src/engine/comments.c, no curses).
 *
 * libyaml reports no comments, but it reports where each event starts and
 * ends: the text between two events holds them. Each comment is anchored
 * to what it belongs to, by identity, not by line:
 *   - the file's leading comment block (before the first key): on top;
 *   - a full-line comment: to the key or list entry that follows it (an
 *     entry by its serial, a field by its entry's serial and field index,
 *     a top-level key by name); a comment between a key and its value
 *     goes to that key;
 *   - an end-of-line comment: to the key or value it follows;
 *   - comments after the last value: at the end of the file.
 * Renaming or moving an entry keeps its comments; a deleted entry's and an
 * unset field's comments are not written (they come back with an undo).
 * A kept anchor whose key the saver does not write (an empty list) gives
 * its comments to its entry, or to the end of the file.
 *
 * A recovery file's header line ("# ivs-tui recovery file for ...") is not
 * kept: restoring one gives the project's own comments.
 *
 * The loader calls ivs_comments_read after a successful load, the saver
 * ivs_comments_apply on its canonical output: a file loaded and saved
 * without edits keeps every comment, and saving what was saved gives the
 * same bytes. */
#ifndef IVS_COMMENTS_H
#define IVS_COMMENTS_H

#include <stddef.h>

#include "ivs/model.h"
#include "ivs/util.h"

/* Reads the comments of data, the text p was just loaded from, and keeps
 * them with p (replacing any it had). Costs nothing when data holds no
 * '#'. */
void ivs_comments_read(struct ivs_project *p, const char *data, size_t len);

/* Puts p's comments into the saved text out->data[start..] (what the saver
 * wrote for p), in place. */
void ivs_comments_apply(const struct ivs_project *p, struct ivs_buf *out, size_t start);

/* The number of comments p keeps (written or not). */
size_t ivs_comments_count(const struct ivs_project *p);

#endif
