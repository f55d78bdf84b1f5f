/* test_diag_bound.c: bounded diagnostics (issue 15, must fix 4 and 5).
 *
 * - A list with a limit keeps the first entries and counts the rest; the
 *   text ends "FILE: … and N more", the JSON with a too-many-problems
 *   entry; moves between lists keep the bound and the counts.
 * - Printing writes in large blocks: on an unbuffered stream (stderr),
 *   thousands of diagnostics cost a handful of writes, not one per byte.
 * - Text quoted from a file has its C0 and C1 controls escaped, in text
 *   and JSON.
 * - The 64 MB file of the issue (800 channels x 9,000 unknown keys) is
 *   generated here; `validate` runs in a child whose peak RSS (wait4's
 *   rusage) must stay within a small multiple of the file (the unbounded
 *   lists took 2.8 GB), and its output ends "… and 7199000 more"; the
 *   editor started on that file (which it refuses) is bounded the same way.
 *   `validate --format json` is streamed: never `[]` for a file with
 *   errors, and exit 2 with a message when stdout fails (/dev/full). */
#define _GNU_SOURCE 1   /* fopencookie */
#include "testutil.h"

#include <cjson/cJSON.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ivs/diag.h"
#include "ivs/util.h"

static char dir[] = "/tmp/ivs-diagbound-XXXXXX";

static void add_n(struct ivs_diags *d, size_t n, enum ivs_rule rule)
{
	for (size_t i = 0; i < n; i++) {
		struct ivs_diag *e = ivs_diags_add(d, rule, (struct ivs_pos){(unsigned)i + 1, 1}, "x",
		                                   "problem %zu", i);
		e->field = 3;   /* callers write into what add returns, past the limit too */
	}
}

static void test_limit_and_counts(void **state)
{
	(void)state;
	struct ivs_diags d, src;
	ivs_diags_init(&d);
	ivs_diags_set_limit(&d, 10);
	add_n(&d, 25, IVS_RULE_YAML_UNKNOWN_KEY);
	add_n(&d, 5, IVS_RULE_KEY_ENCODING);   /* warnings */
	assert_int_equal(d.n, 10);
	assert_int_equal(d.errors, 25);
	assert_int_equal(d.warnings, 5);
	assert_int_equal(d.dropped, 20);
	assert_int_equal(d.dropped_errors, 15);
	assert_true(ivs_diags_full(&d));

	/* a move into a bounded list: only counted past the limit, and what
	 * src had dropped is carried over */
	ivs_diags_init(&src);
	ivs_diags_set_limit(&src, 3);
	add_n(&src, 4, IVS_RULE_ID_INVALID);
	ivs_diags_move(&d, &src);
	assert_int_equal(src.n, 0);
	assert_int_equal(src.dropped, 0);
	assert_int_equal(d.n, 10);
	assert_int_equal(d.errors, 29);
	assert_int_equal(d.dropped, 24);

	char *json = ivs_diags_json("f.yaml", &d);
	cJSON *arr = cJSON_Parse(json);
	assert_non_null(arr);
	assert_int_equal(cJSON_GetArraySize(arr), 11);
	cJSON *last = cJSON_GetArrayItem(arr, 10);
	assert_string_equal(cJSON_GetObjectItem(last, "rule")->valuestring, "too-many-problems");
	assert_string_equal(cJSON_GetObjectItem(last, "message")->valuestring, "\u2026 and 24 more");
	assert_string_equal(cJSON_GetObjectItem(last, "severity")->valuestring, "error");
	cJSON_Delete(arr);
	free(json);

	ivs_diags_clear(&d);
	assert_int_equal(d.dropped, 0);
	assert_int_equal(d.limit, 10);
	ivs_diags_free(&d);
	ivs_diags_free(&src);

	/* no limit: everything is kept, as before */
	ivs_diags_init(&d);
	add_n(&d, 3000, IVS_RULE_YAML_UNKNOWN_KEY);
	assert_int_equal(d.n, 3000);
	assert_int_equal(d.dropped, 0);
	ivs_diags_free(&d);
}

static size_t writes, bytes;
static ssize_t count_write(void *c, const char *buf, size_t n)
{
	(void)c;
	(void)buf;
	writes++;
	bytes += n;
	return (ssize_t)n;
}

static void test_print_is_buffered(void **state)
{
	(void)state;
	struct ivs_diags d;
	ivs_diags_init(&d);
	add_n(&d, 5000, IVS_RULE_YAML_UNKNOWN_KEY);
	cookie_io_functions_t io = {.write = count_write};
	FILE *f = fopencookie(NULL, "w", io);
	assert_non_null(f);
	setvbuf(f, NULL, _IONBF, 0);    /* as stderr is */
	writes = bytes = 0;
	ivs_diags_print(f, "big.yaml", &d);
	fclose(f);
	/* each line is about 60 bytes: 5000 lines in 64 KiB blocks */
	assert_true(bytes > 5000 * 40);
	assert_true(writes <= bytes / 65536 + 2);
	ivs_diags_free(&d);
}

static char *print_to_string(const char *file, const struct ivs_diags *d)
{
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);
	ivs_diags_print(f, file, d);
	fclose(f);
	return s;
}

static void test_controls_escaped(void **state)
{
	(void)state;
	struct ivs_diags d;
	ivs_diags_init(&d);
	/* U+009B (CSI), U+0085, ESC, DEL, and a newline */
	ivs_diags_add(&d, IVS_RULE_CHANNEL_NAME, (struct ivs_pos){2, 3}, "channels[0]",
	              "got 'a\xc2\x9b" "31mb\xc2\x85\x1b[0m\x7f\nc' \xc3\xa9");
	char *s = print_to_string("p\xc2\x9a.yaml", &d);
	assert_string_equal(s, "p\\u009a.yaml:2:3: error: got 'a\\u009b31mb\\u0085\\x1b[0m\\x7f\\nc' "
	                       "\xc3\xa9 [channel-name]\n");
	free(s);
	char *json = ivs_diags_json("p.yaml", &d);
	assert_non_null(strstr(json, "\"message\": \"got 'a\\u009b31mb\\u0085\\u001b[0m\x7f\\nc' \xc3\xa9\""));
	cJSON *arr = cJSON_Parse(json);
	assert_non_null(arr);
	cJSON_Delete(arr);
	free(json);
	ivs_diags_clear(&d);
	/* not UTF-8: every high byte is shown as \xHH */
	ivs_diags_add(&d, IVS_RULE_CHANNEL_NAME, (struct ivs_pos){0, 0}, "", "bad \x9b\xff end");
	s = print_to_string("p.yaml", &d);
	assert_string_equal(s, "p.yaml: error: bad \\x9b\\xff end [channel-name]\n");
	free(s);
	ivs_diags_free(&d);
}

/* Runs `ivs-tui ARGS` in a child with stdout to out_path (or /dev/full),
 * stderr to err_path, stdin from /dev/null; returns the exit status,
 * *maxrss_kb the child's peak RSS. */
static int run_cmd(char **args, int nargs, const char *out_path, const char *err_path,
                   long *maxrss_kb)
{
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int fd = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int nul = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int in = open("/dev/null", O_RDONLY);
		if (in < 0 || dup2(in, 0) < 0)
			_exit(97);
		if (fd < 0 || nul < 0 || dup2(fd, 1) < 0 || dup2(nul, 2) < 0)
			_exit(99);
		/* the real program (run.sh sets IVS_BIN to the build's) */
		const char *bin = getenv("IVS_BIN") ? getenv("IVS_BIN") : "build/ivs-tui";
		static char bin0[4096];
		char *argv[8] = {NULL};
		snprintf(bin0, sizeof bin0, "%s", bin);
		argv[0] = bin0;
		for (int i = 0; i < nargs && i < 6; i++)
			argv[i + 1] = args[i];
		execv(bin, argv);
		_exit(98);
	}
	int status;
	struct rusage ru;
	assert_int_equal(wait4(pid, &status, 0, &ru), pid);
	assert_true(WIFEXITED(status));
	*maxrss_kb = ru.ru_maxrss;
	return WEXITSTATUS(status);
}

/* The file: channels x keys unknown keys, in flow mappings. */
static char *unknown_keys_file(const char *name, int channels, int keys, off_t *size)
{
	static const char al[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	char *path = ivs_xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	struct ivs_buf body;
	ivs_buf_init(&body);
	for (int k = 0; k < keys; k++)
		ivs_buf_printf(&body, ", %c%c%c: 1", al[k / (62 * 62)], al[k / 62 % 62], al[k % 62]);
	fputs("ivs_tui: 1\nstack:\n  name: big\nchannels:\n", f);
	for (int c = 0; c < channels; c++)
		fprintf(f, "  - {id: C%d%s}\n", c, body.data);
	ivs_buf_free(&body);
	assert_int_equal(fclose(f), 0);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	*size = st.st_size;
	return path;
}

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	struct ivs_buf b;
	char chunk[65536];
	size_t n;
	ivs_buf_init(&b);
	ivs_buf_add(&b, "", 0);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		ivs_buf_add(&b, chunk, n);
	fclose(f);
	return ivs_buf_steal(&b);
}

static void test_64mb_unknown_keys(void **state)
{
	(void)state;
	off_t size;
	char *big = unknown_keys_file("big.yaml", 800, 9000, &size);
	char *out = ivs_xasprintf("%s/out.txt", dir);
	char v[] = "validate";
	char *args[] = {v, big, NULL};
	long rss;
	assert_true(size > 50 * 1024 * 1024);
	assert_int_equal(run_cmd(args, 2, out, "/dev/null", &rss), 1);
	/* a small multiple of the input (the whole file is read into memory
	 * and parsed; sanitizer builds add their own overhead) */
	long limit_kb = (long)(size / 1024) * 4 + 256 * 1024;
#if defined(__SANITIZE_ADDRESS__)
	/* AddressSanitizer keeps freed memory in quarantine (256 MiB) and adds
	 * shadow memory: twice the bound (the unbounded lists took 2.8 GB
	 * without it) */
	limit_kb *= 2;
#endif
	fprintf(stderr, "validate of %lld bytes: peak RSS %ld KiB (bound %ld KiB)\n",
	        (long long)size, rss, limit_kb);
	assert_true(rss < limit_kb);
	char *text = read_all(out);
	char *want = ivs_xasprintf("%s: \u2026 and 7199000 more\n", big);
	size_t tl = strlen(text), wl = strlen(want);
	assert_true(tl > wl);
	assert_string_equal(text + tl - wl, want);
	/* 1,000 diagnostics, then that line */
	size_t lines = 0;
	for (const char *c = text; *c; c++)
		lines += *c == '\n';
	assert_int_equal(lines, IVS_DIAGS_LIMIT + 1);
	free(text);

	/* the editor refusing the same file at start: its stderr is bounded too */
	char *errp = ivs_xasprintf("%s/err.txt", dir);
	char *targs[] = {big, NULL};
	assert_int_equal(run_cmd(targs, 1, out, errp, &rss), 2);
	fprintf(stderr, "ivs-tui %s: peak RSS %ld KiB\n", big, rss);
	assert_true(rss < limit_kb);
	text = read_all(errp);
	tl = strlen(text);
	assert_true(tl > wl);
	assert_string_equal(text + tl - wl, want);
	free(text);
	unlink(errp);
	free(errp);
	free(want);
	unlink(big);
	unlink(out);
	free(big);
	free(out);
}

static void test_json_streamed(void **state)
{
	(void)state;
	off_t size;
	char *mid = unknown_keys_file("mid.yaml", 20, 1000, &size);
	char *out = ivs_xasprintf("%s/out.json", dir);
	char v[] = "validate", f[] = "--format", j[] = "json";
	char *args[] = {v, f, j, mid, mid, NULL};
	long rss;
	assert_int_equal(run_cmd(args, 5, out, "/dev/null", &rss), 1);
	char *text = read_all(out);
	cJSON *arr = cJSON_Parse(text);
	assert_non_null(arr);
	/* two files, each 1,000 entries and its "… and N more" */
	assert_int_equal(cJSON_GetArraySize(arr), 2 * (IVS_DIAGS_LIMIT + 1));
	cJSON *last = cJSON_GetArrayItem(arr, 2 * IVS_DIAGS_LIMIT + 1);
	assert_string_equal(cJSON_GetObjectItem(last, "message")->valuestring, "\u2026 and 19000 more");
	cJSON_Delete(arr);
	free(text);
	/* stdout that fails: exit 2 (not a silent 1 or 0) */
	assert_int_equal(run_cmd(args, 5, "/dev/full", "/dev/null", &rss), 2);
	char *args1[] = {v, f, j, mid, NULL};
	assert_int_equal(run_cmd(args1, 4, "/dev/full", "/dev/null", &rss), 2);
	unlink(mid);
	unlink(out);
	free(mid);
	free(out);
}

static int setup(void **state)
{
	(void)state;
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	return rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_limit_and_counts),
		cmocka_unit_test(test_print_is_buffered),
		cmocka_unit_test(test_controls_escaped),
		cmocka_unit_test(test_json_streamed),
		cmocka_unit_test(test_64mb_unknown_keys),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
