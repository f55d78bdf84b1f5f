/* keys_project.c: keygen --add and token --channel --project: the project
 * file side of playback keys. Only the public key ever enters a project. */
#include "keys_project.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ivs/cli.h"
#include "ivs/filelock.h"
#include "ivs/model.h"
#include "ivs/schema.h"
#include "ivs/token.h"
#include "ivs/util.h"
#include "ivs/yamlio.h"

/* Loads a project for the key commands; prints why not on stderr. */
static struct ivs_project *load(const char *cmd, const char *path, int *status)
{
	struct ivs_diags d;
	struct stat st;
	struct ivs_project *p;

	if (stat(path, &st) != 0) {
		if (errno == ENOENT)
			ivs_cli_error("%s: %s does not exist: give an existing project file (the "
			              "editor creates one: ivs-tui %s)", cmd, path, path);
		else
			ivs_cli_error("%s: cannot read %s: %s", cmd, path, strerror(errno));
		*status = IVS_EXIT_USAGE;
		return NULL;
	}
	ivs_diags_init(&d);
	p = ivs_load_file(path, &d);
	if (!p) {
		ivs_diags_print(stderr, path, &d);
		ivs_cli_error("%s: %s does not load: fix the problems above first", cmd, path);
		*status = IVS_EXIT_INVALID;
	}
	ivs_diags_free(&d);
	return p;
}

static bool has_comment_line(const char *path)
{
	bool found = false;
	FILE *f = fopen(path, "r");
	char line[512];

	if (!f)
		return false;
	while (!found && fgets(line, sizeof line, f)) {
		const char *s = line;
		while (*s == ' ' || *s == '\t')
			s++;
		found = *s == '#';
	}
	fclose(f);
	return found;
}

static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	return strcmp(a, b) == 0 || (stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	                             sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino);
}

/* The kind whose YAML list is list_key ("playback_key_pairs",
 * "public_keys"): looked up by name, so that keygen --add works for every
 * kind of public key the engine has. IVS_KIND_COUNT when none. */
static enum ivs_kind kind_of_list(const char *list_key)
{
	for (int k = 0; k < IVS_KIND_COUNT; k++)
		if (strcmp(ivs_kind_info((enum ivs_kind)k)->list_key, list_key) == 0)
			return (enum ivs_kind)k;
	return IVS_KIND_COUNT;
}

static int id_field(enum ivs_kind k)
{
	const struct ivs_kind_info *ki = ivs_kind_info(k);
	for (int i = 0; i < ki->nfields; i++)
		if (ki->fields[i].type == IVS_FT_ID)
			return i;
	return -1;
}

#define LOCK_WAIT_MS 20000
#define EDIT_TRIES 3

/* Checks id against p and adds entry id holding pub. 0, or the exit status
 * after saying why on stderr. */
static int add_entry(struct ivs_project *p, enum ivs_kind kind, int mat, const char *project,
                     const char *id, const char *pub)
{
	const struct ivs_kind_info *ki = ivs_kind_info(kind);
	struct ivs_res *r;

	if (ivs_project_find(p, id)) {
		ivs_cli_error("keygen: %s already has an entry with id \"%s\": choose another id",
		              project, id);
		return IVS_EXIT_USAGE;
	}
	if (kind == IVS_KIND_KEY_PAIR && ivs_project_list(p, kind)->n >= 3)
		ivs_cli_error("keygen: warning: %s will have %zu playback key pairs; IVS allows 3 per "
		              "account and region unless the quota is raised", project,
		              ivs_project_list(p, kind)->n + 1);
	r = ivs_edit_add(p, kind, NULL, id, SIZE_MAX);
	if (!r || ivs_edit_set_str(p, r, mat, pub) != 0) {
		ivs_cli_error("keygen: cannot add the %s to the project", ki->name);
		return IVS_EXIT_USAGE;
	}
	return 0;
}

/* Reads project back from disk: true when it has entry id of kind with
 * public key pub. "Added" is said only for what is on disk. */
static bool on_disk(const char *project, enum ivs_kind kind, int mat, const char *id,
                    const char *pub)
{
	struct ivs_diags d;
	struct ivs_project *p;
	const struct ivs_res *r;
	bool ok;

	ivs_diags_init(&d);
	p = ivs_load_file(project, &d);
	ivs_diags_free(&d);
	r = p ? ivs_project_find_kind(p, kind, id) : NULL;
	ok = r && ivs_res_get_str(r, mat) && strcmp(ivs_res_get_str(r, mat), pub) == 0;
	ivs_project_free(p);
	return ok;
}

int ivs_keygen_add(const char *private_path, bool force, const char *project,
                   const char *list_key, const char *id)
{
	enum ivs_kind kind = kind_of_list(list_key);
	int status = IVS_EXIT_USAGE, lock = -1, mat, idf;
	char *priv = NULL, *pub = NULL, *err = NULL;
	struct ivs_project *p = NULL;
	struct ivs_file_stamp stamp;
	struct stat st;

	if (kind == IVS_KIND_COUNT || (mat = ivs_field_find(kind, -1, "public_key_material")) < 0 ||
	    (idf = id_field(kind)) < 0) {
		ivs_cli_error("keygen: this ivs-tui has no %s list to add the key to", list_key);
		return IVS_EXIT_USAGE;
	}
	const struct ivs_field *f = &ivs_kind_info(kind)->fields[idf];
	if (strlen(id) > (size_t)f->max || (f->chars && !f->chars->ok(id))) {
		ivs_cli_error("keygen: \"%s\" is not a valid id (%s)", id,
		              f->check_text ? f->check_text : "letters and digits");
		return IVS_EXIT_USAGE;
	}
	if (stat(project, &st) != 0) {
		if (errno == ENOENT)
			ivs_cli_error("keygen: %s does not exist: give an existing project file (the "
			              "editor creates one: ivs-tui %s)", project, project);
		else
			ivs_cli_error("keygen: cannot read %s: %s", project, strerror(errno));
		return IVS_EXIT_USAGE;
	}
	if (same_file(private_path, project)) {
		ivs_cli_error("keygen: -o %s is the project file: the private key goes to a file of "
		              "its own", private_path);
		return IVS_EXIT_USAGE;
	}
	/* One writer at a time for the whole load-edit-save (issue 15). */
	if ((lock = ivs_file_lock(project, LOCK_WAIT_MS, &err)) < 0) {
		ivs_cli_error("keygen: %s", err);
		free(err);
		return IVS_EXIT_USAGE;
	}
	if (ivs_keygen(&priv, &pub, &err) != 0) {
		ivs_cli_error("keygen: %s", err);
		goto out;
	}
	/* Load and edit; a program that does not take the lock (an editor) may
	 * still change the file: then load again, a few times. */
	for (int tries = 0;; tries++) {
		ivs_project_free(p);
		ivs_file_stamp_take(project, &stamp);
		if (!(p = load("keygen", project, &status)))
			goto out;
		if ((status = add_entry(p, kind, mat, project, id, pub)) != 0)
			goto out;
		if (!ivs_file_stamp_changed(project, &stamp))
			break;
		if (tries + 1 == EDIT_TRIES) {
			ivs_cli_error("keygen: %s keeps changing under another program: nothing "
			              "written; try again when it is done", project);
			status = IVS_EXIT_USAGE;
			goto out;
		}
	}
	status = IVS_EXIT_USAGE;
	if (ivs_write_private_key(private_path, priv, force, &err) != 0) {
		ivs_cli_error("keygen: %s", err);
		goto out;
	}
	bool comments = has_comment_line(project);
	if (ivs_file_stamp_changed(project, &stamp)) {
		ivs_cli_error("keygen: %s was changed by another program while the key was made: "
		              "not replacing it; the private key is in %s and its public key is "
		              "printed below: add it by hand", project, private_path);
		fputs(pub, stdout);
		goto out;
	}
	if (ivs_save_file(p, project, &err) != 0) {
		ivs_cli_error("keygen: %s; the private key is in %s and its public key is printed "
		              "below: add it by hand", err, private_path);
		fputs(pub, stdout);
		goto out;
	}
	if (!on_disk(project, kind, mat, id, pub)) {
		ivs_cli_error("keygen: %s was replaced by another program right after the save: the "
		              "%s is not in it; the private key is in %s and its public key is "
		              "printed below: add it by hand", project, ivs_kind_info(kind)->name,
		              private_path);
		fputs(pub, stdout);
		goto out;
	}
	ivs_file_unlock(lock);
	lock = -1;
	if (comments)
		ivs_cli_error("keygen: note: %s was saved in canonical form; its comments are not "
		              "kept", project);
	fputs(pub, stdout);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		ivs_cli_error("keygen: added %s \"%s\" to %s (private key in %s), but cannot print "
		              "its public key on standard output: it is the entry's "
		              "public_key_material", ivs_kind_info(kind)->name, id, project,
		              private_path);
		goto out;
	}
	status = IVS_EXIT_OK;
	ivs_cli_error("keygen: added %s \"%s\" to %s", ivs_kind_info(kind)->name, id, project);
out:
	ivs_file_unlock(lock);
	free(err);
	free(pub);
	ivs_secret_free(priv);
	ivs_project_free(p);
	return status;
}

char *ivs_token_project_arn(const char *project, const char *channel, char **err)
{
	int status;
	struct ivs_project *p = load("token", project, &status);
	const struct ivs_res *r;
	char *arn = NULL;

	if (!p) {
		*err = ivs_xasprintf("cannot take channel \"%s\" from %s", channel, project);
		return NULL;
	}
	r = ivs_project_find_kind(p, IVS_KIND_CHANNEL, channel);
	if (!r) {
		*err = ivs_xasprintf("%s has no channel \"%s\"", project, channel);
	} else if (ivs_res_get_str(r, IVS_CHANNEL_FROM_ARN)) {
		arn = ivs_xstrdup(ivs_res_get_str(r, IVS_CHANNEL_FROM_ARN));
	} else {
		*err = ivs_xasprintf("channel \"%s\" is created by the stack, so IVS gives it its ARN "
		                     "at deploy time: pass --channel-arn ARN (from `aws ivs "
		                     "list-channels`), or --channel ID --arn-prefix "
		                     "arn:aws:ivs:REGION:ACCOUNT:channel/ with the id IVS gave it",
		                     channel);
	}
	ivs_project_free(p);
	return arn;
}
