/* test_baseline.c: the TUI's baseline (baseline.c): a template compared
 * with the project as it is edited, per entry, the losses an edit would
 * add, and the baselines remembered per project in the XDG state folder. */
#include "testutil.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ivs/baseline.h"
#include "ivs/export.h"
#include "ivs/fsutil.h"
#include "ivs/schema.h"
#include "ivs/validate.h"
#include "ivs/yamlio.h"

static const char project_text[] =
	"ivs_tui: 1\nstack:\n  name: shows\nbuckets:\n  - id: Recordings\n"
	"recording_configurations:\n  - id: Rec\n    bucket: Recordings\n"
	"channels:\n  - id: Main\n    recording_configuration: Rec\n    stream_keys:\n      - id: Key\n";

static struct ivs_project *project(void)
{
	struct ivs_diags d;
	ivs_diags_init(&d);
	struct ivs_project *p = ivs_load_buffer("p.yaml", project_text, strlen(project_text), &d);
	assert_non_null(p);
	ivs_diags_free(&d);
	ivs_validate_all(p);
	return p;
}

/* The project's export, written to dir/name; returns the path. */
static char *export_to(const struct ivs_project *p, const char *dir, const char *name)
{
	char *path = ivs_xasprintf("%s/%s", dir, name), *err = NULL;
	cJSON *t = ivs_export_template(p);
	struct ivs_buf b;
	ivs_buf_init(&b);
	ivs_export_write(t, IVS_EXPORT_YAML, &b);
	assert_int_equal(ivs_write_atomic(path, b.data, b.len, 0644, &err), 0);
	ivs_buf_free(&b);
	cJSON_Delete(t);
	return path;
}

static struct ivs_res *first(struct ivs_project *p, enum ivs_kind k)
{
	return ivs_project_list(p, k)->v[0];
}

static void test_compare_as_edited(void **state)
{
	(void)state;
	char dir[] = "/tmp/ivs-baseline-XXXXXX";
	assert_non_null(mkdtemp(dir));
	struct ivs_project *p = project();
	char *path = export_to(p, dir, "deployed.yaml");
	struct ivs_diags d;
	ivs_diags_init(&d);
	struct ivs_baseline *b = ivs_baseline_load(path, &d);
	assert_non_null(b);

	/* as exported: no change */
	const struct ivs_tdiff *before = ivs_baseline_sync(b, p);
	assert_non_null(before);
	assert_false(ivs_tdiff_changed(before));
	struct ivs_res *ch = first(p, IVS_KIND_CHANNEL);
	assert_null(ivs_baseline_res(b, ch));

	/* a harmless edit: updated in place, no new loss */
	struct ivs_tdiff *keep = ivs_tdiff_compare(b->tmpl, b->tmpl);
	test_set_text(p, ch, ivs_field_find(IVS_KIND_CHANNEL, -1, "latency_mode"), "NORMAL");
	ivs_validate_changes(p);
	const struct ivs_tdiff *after = ivs_baseline_sync(b, p);
	const struct ivs_tdiff_res *r = ivs_baseline_res(b, ch);
	assert_non_null(r);
	assert_int_equal(r->change, IVS_TDIFF_UPDATED);
	assert_null(ivs_baseline_new_losses(keep, after));

	/* renaming the channel (of a fresh copy): it and its key are replaced */
	ivs_baseline_forget(b);
	ivs_project_free(p);
	p = project();
	ch = first(p, IVS_KIND_CHANNEL);
	test_set_text(p, ch, ivs_field_find(IVS_KIND_CHANNEL, -1, "id"), "Live");
	ivs_validate_changes(p);
	after = ivs_baseline_sync(b, p);
	r = ivs_baseline_res(b, ch);
	assert_non_null(r);
	assert_int_equal(r->change, IVS_TDIFF_RENAMED);
	char *loss = ivs_baseline_new_losses(keep, after);
	assert_non_null(loss);
	assert_non_null(strstr(loss, "Main54E5BC70 → Live848578DF: renamed, therefore replaced: a new "
	                             "channel: a new ARN, ingest endpoint and playback URL"));
	assert_non_null(strstr(loss, "\nMainKeyF902879A → LiveKeyAF693BDC: renamed, therefore replaced"));
	free(loss);
	/* the same losses again are not new */
	assert_null(ivs_baseline_new_losses(after, after));

	/* a project with errors keeps the last comparison */
	unsigned long gen = b->gen;
	test_set_text(p, ch, ivs_field_find(IVS_KIND_CHANNEL, -1, "recording_configuration"), "Nope");
	ivs_validate_changes(p);
	assert_true(ivs_validate_errors(p) > 0);
	assert_ptr_equal(ivs_baseline_sync(b, p), after);
	assert_int_equal(b->gen, gen);

	ivs_tdiff_free(keep);
	ivs_baseline_free(b);
	ivs_project_free(p);
	unlink(path);
	free(path);
	ivs_diags_free(&d);
	rmdir(dir);
}

static void test_load_refused(void **state)
{
	(void)state;
	struct ivs_diags d;
	ivs_diags_init(&d);
	assert_null(ivs_baseline_load("/nonexistent/t.json", &d));
	assert_int_equal(d.n, 1);
	ivs_diags_free(&d);
}

static void test_remember(void **state)
{
	(void)state;
	char dir[] = "/tmp/ivs-state-XXXXXX";
	assert_non_null(mkdtemp(dir));
	setenv("XDG_STATE_HOME", dir, 1);
	char *err = NULL;
	assert_null(ivs_baseline_lookup("/a/one.yaml"));
	assert_int_equal(ivs_baseline_remember("/a/one.yaml", "/t/one.json", &err), 0);
	assert_int_equal(ivs_baseline_remember("/a/two.yaml", "/t/two.json", &err), 0);
	assert_int_equal(ivs_baseline_remember("/a/one.yaml", "/t/one-v2.json", &err), 0);
	char *got = ivs_baseline_lookup("/a/one.yaml");
	assert_string_equal(got, "/t/one-v2.json");
	free(got);
	got = ivs_baseline_lookup("/a/two.yaml");
	assert_string_equal(got, "/t/two.json");
	free(got);
	assert_null(ivs_baseline_lookup("/a/three.yaml"));
	/* the file: one line per project, private */
	char *file = ivs_xasprintf("%s/ivs-tui/baselines", dir);
	size_t len;
	char *text = ivs_read_file(file, 4096, &len, &err);
	assert_string_equal(text, "/a/two.yaml\t/t/two.json\n/a/one.yaml\t/t/one-v2.json\n");
	free(text);
	struct stat st;
	assert_int_equal(stat(file, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(ivs_baseline_remember("/a/x\ty.yaml", "/t", &err), -1);
	free(err);
	unlink(file);
	free(file);
	char *sub = ivs_xasprintf("%s/ivs-tui", dir);
	rmdir(sub);
	free(sub);
	rmdir(dir);
	unsetenv("XDG_STATE_HOME");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compare_as_edited),
		cmocka_unit_test(test_load_refused),
		cmocka_unit_test(test_remember),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
