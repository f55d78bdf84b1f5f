/* cmd_load.c: loading and validating a project for the CLI commands. */
#include "cmd_load.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ivs/cli.h"
#include "ivs/validate.h"
#include "ivs/yamlio.h"

/* Reads all of stdin, at most one byte more than the loader accepts (so
 * that an oversized input is reported as such). NULL on a read error. */
static char *read_stdin(size_t *len)
{
	struct ivs_buf b;
	char chunk[65536];
	size_t n;

	ivs_buf_init(&b);
	ivs_buf_add(&b, "", 0);
	while (b.len <= IVS_YAML_MAX_BYTES && (n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
		ivs_buf_add(&b, chunk, n);
	if (ferror(stdin)) {
		ivs_buf_free(&b);
		return NULL;
	}
	*len = b.len;
	return ivs_buf_steal(&b);
}

struct ivs_project *ivs_cli_load(const char *path, const char **name, struct ivs_diags *d,
                                 bool *io_error)
{
	struct ivs_project *p;

	*io_error = false;
	if (!d->limit)
		ivs_diags_set_limit(d, IVS_DIAGS_LIMIT);
	if (strcmp(path, "-") == 0) {
		size_t len = 0;
		char *data;
		*name = "<stdin>";
		data = read_stdin(&len);
		if (!data) {
			ivs_diags_add(d, IVS_RULE_IO_ERROR, (struct ivs_pos){0, 0}, "",
			              "cannot read standard input: %s", strerror(errno));
			*io_error = true;
			return NULL;
		}
		p = ivs_load_buffer(*name, data, len, d);
		free(data);
	} else {
		*name = path;
		p = ivs_load_file(path, d);
	}
	if (!p) {
		for (size_t i = 0; i < d->n; i++)
			if (d->v[i].rule == IVS_RULE_IO_ERROR)
				*io_error = true;
	} else {
		ivs_validate_all(p);
		ivs_validate_collect(p, d);
	}
	ivs_diags_sort(d);
	return p;
}

const char *ivs_cli_plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}
