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

int ivs_keygen_add(const char *private_path, bool force, const char *project, const char *id)
{
	const struct ivs_field *idf = &ivs_kind_info(IVS_KIND_KEY_PAIR)->fields[IVS_KEY_PAIR_ID];
	int status = IVS_EXIT_USAGE;
	char *pub = NULL, *err = NULL;
	struct ivs_project *p = load("keygen", project, &status);
	struct ivs_res *r;

	if (!p)
		return status;
	if (same_file(private_path, project)) {
		ivs_cli_error("keygen: -o %s is the project file: the private key goes to a file of "
		              "its own", private_path);
		goto out;
	}
	if (strlen(id) > (size_t)idf->max || !idf->chars->ok(id)) {
		ivs_cli_error("keygen: \"%s\" is not a valid id (%s)", id, idf->check_text);
		goto out;
	}
	if (ivs_project_find(p, id)) {
		ivs_cli_error("keygen: %s already has an entry with id \"%s\": choose another --id",
		              project, id);
		goto out;
	}
	if (ivs_project_list(p, IVS_KIND_KEY_PAIR)->n >= 3)
		ivs_cli_error("keygen: warning: %s will have %zu playback key pairs; IVS allows 3 per "
		              "account and region unless the quota is raised", project,
		              ivs_project_list(p, IVS_KIND_KEY_PAIR)->n + 1);
	if (ivs_keygen_to_file(private_path, force, &pub, &err) != 0) {
		ivs_cli_error("keygen: %s", err);
		goto out;
	}
	r = ivs_edit_add(p, IVS_KIND_KEY_PAIR, NULL, id, SIZE_MAX);
	if (!r || ivs_edit_set_str(p, r, IVS_KEY_PAIR_PUBLIC_KEY, pub) != 0) {
		ivs_cli_error("keygen: cannot add the key pair to the project");
		goto out;
	}
	bool comments = has_comment_line(project);
	if (ivs_save_file(p, project, &err) != 0) {
		ivs_cli_error("keygen: %s; the private key is in %s and its public key is printed "
		              "below: add it by hand", err, private_path);
		fputs(pub, stdout);
		goto out;
	}
	if (comments)
		ivs_cli_error("keygen: note: %s was saved in canonical form; its comments are not "
		              "kept", project);
	fputs(pub, stdout);
	status = fflush(stdout) == 0 && !ferror(stdout) ? IVS_EXIT_OK : IVS_EXIT_USAGE;
	fprintf(stderr, "ivs-tui: keygen: added playback key pair \"%s\" to %s\n", id, project);
out:
	free(err);
	free(pub);
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
