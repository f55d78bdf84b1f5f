/* keys_project.h: the parts of `keygen` and `token` that read or change a
 * project file. Private to src/cli. */
#ifndef IVS_KEYS_PROJECT_H
#define IVS_KEYS_PROJECT_H

#include <stdbool.h>

/* keygen -o PRIVATE --add PROJECT --id ID (list_key "playback_key_pairs")
 * or --public-key ID ("public_keys"; any list whose entries have
 * public_key_material): under the project's lock (filelock.h) for the
 * whole load-edit-save, checks the project loads and has no entry ID,
 * writes the private key (0600), adds entry ID holding the public key,
 * saves the project atomically unless another program changed it since
 * it was loaded, reads it back, and prints the public key. Returns the
 * exit status; "added" is said only for an entry that is on disk. */
int ivs_keygen_add(const char *private_path, bool force, const char *project,
                   const char *list_key, const char *id);

/* The ARN of channel `channel` of project: an imported channel's
 * from_channel_arn. A channel the stack creates has no ARN before deploy:
 * an error says so. Returns the ARN (caller frees) or NULL with *err set
 * (load problems are printed on stderr first). */
char *ivs_token_project_arn(const char *project, const char *channel, char **err);

#endif
