/* recover.c: the recovery file (see recover.h for where and why). */
#include "ivs/recover.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "ivs/diag.h"
#include "ivs/fsutil.h"
#include "ivs/util.h"
#include "ivs/yamlio.h"

#define RECOVER_EXT ".ivs-recover"

/* $XDG_STATE_HOME/ivs-tui or ~/.local/state/ivs-tui, or NULL. */
static char *state_dir(void)
{
	const char *x = getenv("XDG_STATE_HOME");
	if (x && x[0] == '/')
		return ivs_xasprintf("%s/ivs-tui", x);
	const char *h = getenv("HOME");
	if (h && h[0] == '/')
		return ivs_xasprintf("%s/.local/state/ivs-tui", h);
	return NULL;
}

/* mkdir -p with mode 0700 for the folders it creates. */
static int make_dirs(const char *dir)
{
	char *p = ivs_xstrdup(dir);
	int rc = 0;
	for (char *s = p + 1; rc == 0; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST)
			rc = -1;
		*s = c;
		if (c == '\0')
			break;
	}
	int e = errno;
	free(p);
	errno = e;
	return rc;
}

/* The folder and the file name of a project path. */
static void split(const char *path, char **dir, const char **base)
{
	const char *slash = strrchr(path, '/');
	if (!slash) {
		*dir = ivs_xstrdup(".");
		*base = path;
	} else if (slash == path) {
		*dir = ivs_xstrdup("/");
		*base = slash + 1;
	} else {
		*dir = ivs_xstrndup(path, (size_t)(slash - path));
		*base = slash + 1;
	}
}

/* Absolute, symlink-free form of path (its folder resolved; the file
 * itself need not exist). */
static char *absolute(const char *path)
{
	char *dir;
	const char *base;
	split(path, &dir, &base);
	char buf[PATH_MAX];
	char *abs;
	if (realpath(dir, buf))
		abs = ivs_xasprintf("%s%s%s", buf, strcmp(buf, "/") == 0 ? "" : "/", base);
	else
		abs = ivs_xstrdup(path);
	free(dir);
	return abs;
}

static char *beside_path(const char *project_path)
{
	char *dir;
	const char *base;
	split(project_path, &dir, &base);
	/* a name too long for ".NAME.ivs-recover": the state folder's hash */
	char *p = *base && 1 + strlen(base) + strlen(RECOVER_EXT) <= NAME_MAX
	                  ? ivs_xasprintf("%s/.%s" RECOVER_EXT, dir, base) : NULL;
	free(dir);
	return p;
}

/* The state folder's name for an absolute path: percent-encoded ('/' is
 * %2F, '%' is %25, control bytes %XX), so that two paths never share a
 * name (/x/a%b/p.yaml and /x/a/b/p.yaml did); when that is longer than a
 * file name may be (a deep folder), the SHA-256 of the path instead. */
static char *state_name(const char *abs)
{
	static const char hex[] = "0123456789ABCDEF";
	struct ivs_buf b;
	ivs_buf_init(&b);
	for (const char *c = abs; *c; c++) {
		unsigned char u = (unsigned char)*c;
		if (u == '/' || u == '%' || u < 0x20 || u == 0x7f) {
			char e[3] = {'%', hex[u >> 4], hex[u & 15]};
			ivs_buf_add(&b, e, 3);
		} else {
			ivs_buf_putc(&b, (char)u);
		}
	}
	if (b.len + strlen(RECOVER_EXT) <= NAME_MAX)
		return ivs_buf_steal(&b);
	ivs_buf_free(&b);
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	char *name = ivs_xmalloc(2 * EVP_MAX_MD_SIZE + 8);
	strcpy(name, "sha256-");
	if (EVP_Digest(abs, strlen(abs), md, &mdlen, EVP_sha256(), NULL) != 1)
		mdlen = 0;
	for (unsigned int i = 0; i < mdlen; i++) {
		name[7 + 2 * i] = hex[md[i] >> 4];
		name[8 + 2 * i] = hex[md[i] & 15];
	}
	name[7 + 2 * mdlen] = '\0';
	return name;
}

static char *state_path(const char *project_path)
{
	char *dir = state_dir();
	if (!dir)
		return NULL;
	char *p;
	if (!project_path) {
		p = ivs_xasprintf("%s/unsaved" RECOVER_EXT, dir);
	} else {
		char *abs = absolute(project_path);
		char *name = state_name(abs);
		p = ivs_xasprintf("%s/%s" RECOVER_EXT, dir, name);
		free(name);
		free(abs);
	}
	free(dir);
	return p;
}

char *ivs_recover_path(const char *project_path)
{
	if (project_path && *project_path) {
		char *p = beside_path(project_path);
		if (p)
			return p;
	}
	return state_path(project_path && *project_path ? project_path : NULL);
}

static int write_one(const char *path, const struct ivs_buf *b, char **err)
{
	/* ivs_write_new, not ivs_write_atomic: a symbolic link planted under
	 * the recovery file's name is replaced, never followed. */
	if (ivs_write_new(path, b->data, b->len, 0600, 1, err) != 0)
		return -1;
	/* ivs_write_atomic keeps an existing file's mode: make sure */
	if (chmod(path, 0600) != 0) {
		*err = ivs_xasprintf("cannot make %s private: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

int ivs_recover_write(const struct ivs_project *p, const char *project_path, char **err)
{
	if (project_path && !*project_path)
		project_path = NULL;
	struct ivs_buf b;
	ivs_buf_init(&b);
	/* The absolute path, escaped: a newline in a file name must not end
	 * the comment and become YAML. */
	ivs_buf_puts(&b, "# ivs-tui recovery file for ");
	if (project_path) {
		char *abs = absolute(project_path);
		ivs_text_escape(&b, abs);
		free(abs);
	} else {
		ivs_buf_puts(&b, "a project never saved");
	}
	ivs_buf_puts(&b, ": unsaved changes\n");
	ivs_save_buffer(p, &b);

	char *first_err = NULL;
	int rc = -1;
	if (project_path) {
		char *beside = beside_path(project_path);
		if (beside && write_one(beside, &b, &first_err) == 0)
			rc = 0;
		free(beside);
	}
	if (rc != 0) {
		char *sp = state_path(project_path);
		char *serr = NULL;
		if (sp) {
			char *dir;
			const char *base;
			split(sp, &dir, &base);
			if (make_dirs(dir) != 0)
				serr = ivs_xasprintf("cannot create %s: %s", dir, strerror(errno));
			else if (write_one(sp, &b, &serr) == 0)
				rc = 0;
			free(dir);
			free(sp);
		} else {
			serr = ivs_xstrdup("no folder for the recovery file (HOME is not set)");
		}
		if (rc != 0 && err)
			*err = first_err ? ivs_xasprintf("%s; %s", first_err, serr) : ivs_xstrdup(serr);
		free(serr);
	}
	free(first_err);
	ivs_buf_free(&b);
	return rc;
}

/* True when a is not older than b (nanosecond timestamps). */
static bool not_older(const struct stat *a, const struct stat *b)
{
	if (a->st_mtim.tv_sec != b->st_mtim.tv_sec)
		return a->st_mtim.tv_sec > b->st_mtim.tv_sec;
	return a->st_mtim.tv_nsec >= b->st_mtim.tv_nsec;
}

/* NULL when the file at path may be restored, else why not. Only a
 * regular file (not a symbolic link, not followed), owned by the effective
 * user, that no one else may read or write: another user must not be able
 * to plant a recovery file that is then restored into the project. */
static char *refusal(const char *path, const struct stat *rs)
{
	if (S_ISLNK(rs->st_mode))
		return ivs_xasprintf("Ignored the recovery file %s: it is a symbolic link", path);
	if (!S_ISREG(rs->st_mode))
		return ivs_xasprintf("Ignored the recovery file %s: it is not a regular file", path);
	if (rs->st_uid != geteuid())
		return ivs_xasprintf("Ignored the recovery file %s: it belongs to another user "
		                     "(uid %lu), not to you", path, (unsigned long)rs->st_uid);
	if (rs->st_mode & 066)
		return ivs_xasprintf("Ignored the recovery file %s: others may read or write it "
		                     "(mode %04o; yours are 0600)", path, (unsigned)(rs->st_mode & 07777));
	return NULL;
}

char *ivs_recover_find_checked(const char *project_path, char **ignored)
{
	if (ignored)
		*ignored = NULL;
	if (project_path && !*project_path)
		project_path = NULL;
	struct stat ps;
	bool have_project = project_path && stat(project_path, &ps) == 0;
	char *cands[2] = {project_path ? beside_path(project_path) : NULL, state_path(project_path)};
	char *found = NULL;
	for (int i = 0; i < 2; i++) {
		struct stat rs;
		if (!found && cands[i] && lstat(cands[i], &rs) == 0 &&
		    (!have_project || not_older(&rs, &ps))) {
			char *why = refusal(cands[i], &rs);
			if (!why) {
				found = cands[i];
				cands[i] = NULL;
			} else if (ignored && !*ignored) {
				*ignored = why;
				why = NULL;
			}
			free(why);
		}
		free(cands[i]);
	}
	return found;
}

char *ivs_recover_find(const char *project_path)
{
	return ivs_recover_find_checked(project_path, NULL);
}

int ivs_recover_discard(const char *project_path)
{
	if (project_path && !*project_path)
		project_path = NULL;
	char *cands[2] = {project_path ? beside_path(project_path) : NULL, state_path(project_path)};
	int rc = 0;
	for (int i = 0; i < 2; i++) {
		if (cands[i] && unlink(cands[i]) != 0 && errno != ENOENT)
			rc = -1;
		free(cands[i]);
	}
	return rc;
}
