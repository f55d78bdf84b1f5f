/* wizard.h: the new-stack wizard (src/tui/wizard.c): pages that edit
 * one kind each, with the editor component inside. */
#ifndef SRC_TUI_WIZARD_H
#define SRC_TUI_WIZARD_H

struct tui_app;
struct tui_editor;
struct ivs_res;

void tui_wizard_open(struct tui_app *a);
struct tui_editor *tui_wizard_editor(struct tui_app *a);
/* In the wizard: goes to the page that edits r's kind (a problem's jump). */
void tui_wizard_reveal(struct tui_app *a, const struct ivs_res *r);

/* The page table, for tests: how many pages, and each one's name, the
 * kinds its tree shows (0: the question or the review) and the goals it
 * is walked for (bit 0 a live channel, 1 a stage, 2 chat). */
int tui_wizard_npages(void);
const char *tui_wizard_page_name(int i);
unsigned tui_wizard_page_kinds(int i);
unsigned tui_wizard_page_goals(int i);

#endif
