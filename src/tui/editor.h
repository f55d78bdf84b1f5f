/* editor.h: the editor component (src/tui/editor*.c), a screen of its
 * own and also inside the wizard. Its insides are editor_int.h. */
#ifndef SRC_TUI_EDITOR_H
#define SRC_TUI_EDITOR_H

#include <stdbool.h>

#include "ivs/tui_keys.h"

struct ivs_res;
struct tui_app;
struct tui_editor;
struct tui_screen_ops;

/* kinds: TUI_TREE_ALL or a mask of (1u << IVS_KIND_x). */
struct tui_editor *tui_editor_new(struct tui_app *a, unsigned kinds);
void tui_editor_free(struct tui_editor *ed);
void tui_editor_set_kinds(struct tui_app *a, struct tui_editor *ed, unsigned kinds);
void tui_editor_draw(struct tui_app *a, struct tui_editor *ed, int y, int x, int h, int w);
bool tui_editor_key(struct tui_app *a, struct tui_editor *ed, int key);
enum tui_context tui_editor_context(const struct tui_editor *ed);
/* The tree must be rebuilt (structure changed: add, delete, undo...). */
void tui_editor_structure(struct tui_app *a, struct tui_editor *ed);
/* Selects r (and field, -1: none) and focuses the form when field >= 0. */
void tui_editor_select(struct tui_app *a, struct tui_editor *ed, const struct ivs_res *r,
                       int field);
bool tui_editor_editing(const struct tui_editor *ed);
void tui_editor_toggle_preview(struct tui_editor *ed);
extern const struct tui_screen_ops tui_editor_screen;   /* st: struct tui_editor */

/* The form shows the selected entry's fields again (after an undo that
 * changed values only). */
void tui_ed_form_sync(struct tui_editor *ed);

#endif
