/* model_int.h: what the model's files share (model.c: resources, lists
 * and the project; model_values.c: reading and formatting field values;
 * model_tags.c: tags; model_ids.c: the id index and unique ids;
 * model_history.c: primitive operations, the journal, undo and redo;
 * model_edit.c: the edit API). Private to the engine. */
#ifndef IVS_MODEL_INT_H
#define IVS_MODEL_INT_H

#include "ivs/model.h"

/* ---- a field value, detached from its resource ---- */
struct fval {
	bool set;
	union {
		char *s;
		long i;
		int e;
		bool b;
		struct ivs_enum_list l;
		struct ivs_tags t;
		struct ivs_idlist il;
	} u;
};

enum op_type { OP_FIELD, OP_INSERT, OP_REMOVE, OP_MOVE };

struct op {
	enum op_type type;
	struct ivs_res *res;
	int field;
	struct fval before, after;  /* OP_FIELD */
	size_t from, to;            /* OP_INSERT: to; OP_REMOVE: from; OP_MOVE: both */
};

struct step {
	char *label;
	struct op *ops;
	size_t n, cap;
	bool coalescable;
};

struct history {
	struct step **v;
	size_t n, cap;
};

struct ivs_project {
	struct ivs_stack stack;
	struct ivs_stack *stackp;                /* &stack, for const accessors */
	struct ivs_list lists[IVS_KIND_COUNT];  /* only the top kinds are used */
	struct ivs_strmap *ids;                 /* top-level id -> live res */
	uint32_t next_serial;
	unsigned long gen, saved_gen;
	size_t cfn_count;
	struct history undo, redo;
	bool history_on;
	int group_depth;
	struct step *open;                      /* the step edits go into */
	bool coalesce;
	struct ivs_change *journal;
	size_t njournal, capjournal;
	void *vstate;
	void (*vstate_free)(void *);
	struct ivs_diags diags;
	/* Removed resources freed while the journal still names them: kept
	 * until the journal is cleared, so its readers never see freed memory. */
	struct ivs_res **grave;
	size_t ngrave, capgrave;
};


/* model.c */
struct ivs_res *ivs_m_res_new(struct ivs_project *p, enum ivs_kind kind, const char *id);
void ivs_m_res_free(struct ivs_res *r);
struct ivs_list *ivs_m_list_of(struct ivs_project *p, const struct ivs_res *r);
void ivs_m_list_renumber(struct ivs_list *l, size_t from);
void ivs_m_list_insert(struct ivs_list *l, struct ivs_res *r, size_t at);
void ivs_m_list_remove_at(struct ivs_list *l, size_t at);
size_t ivs_m_res_weight(const struct ivs_res *r);

/* model_values.c */
const struct ivs_field *ivs_m_field_of(const struct ivs_res *r, int field);
void *ivs_m_slot(struct ivs_res *r, const struct ivs_field *f);
void ivs_m_set_bit(struct ivs_res *r, int field, bool on);
struct ivs_list *ivs_m_children_of(struct ivs_res *r);
bool ivs_m_res_live(const struct ivs_res *r);
void ivs_m_fval_free(const struct ivs_field *f, struct fval *v);
struct fval ivs_m_fval_get(const struct ivs_res *r, int field);
void ivs_m_fval_put(struct ivs_res *r, int field, const struct fval *v);

/* model_ids.c */
void ivs_m_index_add(struct ivs_project *p, struct ivs_res *r);
void ivs_m_index_del(struct ivs_project *p, struct ivs_res *r);
char *ivs_m_unique_child_id(const struct ivs_res *parent, const char *base);

/* model_history.c */
void ivs_m_history_clear(struct ivs_project *p, struct history *h);
void ivs_m_record(struct ivs_project *p, struct op *o, const char *label);

#endif
