/* kinds_int.h: the hooks that the kind table (schema.c) names, for rules
 * that are truly one kind's own. Private to the engine. */
#ifndef IVS_KINDS_INT_H
#define IVS_KINDS_INT_H

struct ivs_res;
struct ivs_diags;

/* validate_fields.c */
void ivs_check_stack(const struct ivs_res *r, struct ivs_diags *out);
void ivs_check_channel(const struct ivs_res *r, struct ivs_diags *out);
void ivs_check_recording(const struct ivs_res *r, struct ivs_diags *out);
/* issue 10 (l1a) */
void ivs_check_stage(const struct ivs_res *r, struct ivs_diags *out);
void ivs_check_encoder(const struct ivs_res *r, struct ivs_diags *out);
void ivs_check_ingest(const struct ivs_res *r, struct ivs_diags *out);
void ivs_check_output(const struct ivs_res *r, struct ivs_diags *out);

#endif
