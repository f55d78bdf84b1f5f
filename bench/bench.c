/* bench.c: how fast and how small ivs-tui is, measured against the floor of
 * the libraries it stands on (libyaml, cJSON).
 *
 * For 50, 500 and 5,000 channels it builds a project through the edit API
 * (a stream key per channel; a bucket and a recording configuration per 50
 * channels; a playback key pair per 100; tags on a third of the channels),
 * saves it to YAML text and times, each phase apart and on the engine's own
 * functions: load, full validation, save, export to JSON and to YAML, one
 * incremental edit and its undo. Next to each, the floor: libyaml alone
 * parsing the same text into events; cJSON alone building and printing a
 * tree the size of the exported template. Then memory (a fresh process per
 * size), start-up to the first frame of the real binary in a pseudo-
 * terminal, and the per-keystroke time of the TUI when a driving hook is
 * there.
 *
 * Usage: bench [--quick] [--results FILE] [--tui PATH] [--example FILE]
 *              [--marker TEXT] [--workdir DIR]
 * With --results, the generated part of FILE (between the bench:begin and
 * bench:end comments) is replaced; the rest of FILE is kept. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <yaml.h>

#include "bench.h"
#include "ivs/export.h"
#include "ivs/model.h"
#include "ivs/validate.h"
#include "ivs/yamlio.h"

/* The valid P-384 public key of
 * ../shared/conformance/seed-playback-key-pair.yaml. */
static const char bench_pem[] =
	"-----BEGIN PUBLIC KEY-----\n"
	"MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAE9Qv8xlHZe/z8wNVoAa5rOvZ91/qnVsyW\n"
	"H7J26sYBZlRl0vUWAOwBiDqo8J4ZPXtEnmbf1CXRkc8w1Vhk1xpI+axeneD+jtRz\n"
	"iUXrBlpgHqamGlubPFRPqEje7L2FeRKF\n"
	"-----END PUBLIC KEY-----\n";

static const size_t sizes[] = {50, 500, 5000};
#define NSIZES (sizeof sizes / sizeof sizes[0])

/* ---- timing ---- */

double bench_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

double bench_run_cpu;

static double cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void bench_clock_start(struct bench_clock *c)
{
	c->cpu = cpu_now();
	c->wall = bench_now();
}

double bench_clock_stop(const struct bench_clock *c)
{
	double wall = bench_now() - c->wall;
	bench_run_cpu = cpu_now() - c->cpu;
	return wall;
}

int bench_run_child(const char *self, char *out, size_t cap, ...)
{
	const char *args[8] = {self};
	int pfd[2], n = 1;
	size_t len = 0;
	ssize_t got;
	va_list ap;

	va_start(ap, cap);
	for (const char *s; n < 7 && (s = va_arg(ap, const char *));)
		args[n++] = s;
	va_end(ap);

	if (pipe(pfd) < 0)
		return -1;
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		dup2(pfd[1], 1);
		close(pfd[0]);
		close(pfd[1]);
		char *argv[8] = {NULL};   /* execv wants them writable */
		for (int i = 0; i < n; i++)
			argv[i] = strdup(args[i]);
		execv(self, argv);
		_exit(127);
	}
	close(pfd[1]);
	while (len + 1 < cap && (got = read(pfd[0], out + len, cap - 1 - len)) > 0)
		len += (size_t)got;
	close(pfd[0]);
	out[len] = '\0';
	int status;
	waitpid(pid, &status, 0);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

void bench_settle(void)
{
	void *volatile p = malloc(4096);
	free(p);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double quantile(const double *v, size_t n, double q)
{
	double pos = q * (double)(n - 1);
	size_t i = (size_t)pos;
	double frac = pos - (double)i;
	return i + 1 < n ? v[i] + (v[i + 1] - v[i]) * frac : v[i];
}

void bench_stats_of(double *v, size_t n, struct bench_stats *st)
{
	memset(st, 0, sizeof *st);
	if (n == 0)
		return;
	qsort(v, n, sizeof *v, cmp_double);
	st->n = n;
	st->min = v[0];
	st->max = v[n - 1];
	st->med = quantile(v, n, 0.5);
	st->p25 = quantile(v, n, 0.25);
	st->p75 = quantile(v, n, 0.75);
}

void bench_measure(bench_run_fn fn, void *ctx, double min_time, size_t min_n, size_t max_n,
                   struct bench_stats *st)
{
	double *v = ivs_xmalloc(max_n * sizeof *v);
	double total = 0;
	size_t n = 0;

	fn(ctx);   /* warm-up: caches, allocator */
	while (n < max_n && (n < min_n || total < min_time)) {
		v[n] = fn(ctx);
		total += v[n++];
	}
	bench_stats_of(v, n, st);
	free(v);
}

/* The same, with a floor run before each run of fn, so that the two see
 * the same state of a shared machine; fst gets the floor's samples. */
static void bench_measure_pair(bench_run_fn fn, void *ctx, bench_run_fn ffn, void *fctx,
                               double min_time, size_t min_n, size_t max_n,
                               struct bench_stats *st, struct bench_stats *fst,
                               struct bench_stats *cst, struct bench_stats *fcst)
{
	double *v = ivs_xmalloc(max_n * sizeof *v), *w = ivs_xmalloc(max_n * sizeof *w);
	double *cv = ivs_xmalloc(max_n * sizeof *cv), *cw = ivs_xmalloc(max_n * sizeof *cw);
	double total = 0;
	size_t n = 0;

	ffn(fctx);
	fn(ctx);
	while (n < max_n && (n < min_n || total < min_time)) {
		w[n] = ffn(fctx);
		cw[n] = bench_run_cpu;
		v[n] = fn(ctx);
		cv[n] = bench_run_cpu;
		total += v[n++];
	}
	bench_stats_of(v, n, st);
	bench_stats_of(w, n, fst);
	bench_stats_of(cv, n, cst);
	bench_stats_of(cw, n, fcst);
	free(v);
	free(w);
	free(cv);
	free(cw);
}

/* ---- options ---- */

static struct {
	double min_time;     /* measured seconds per phase and size, at least */
	size_t min_n, max_n;
	const char *results;
	const char *tui;
	const char *example;
	const char *marker;
	const char *workdir;
	char self[PATH_MAX];
	char cmdline[1024];
} opt = {.min_time = 0.4, .min_n = 15, .max_n = 2001};

/* ---- the generated projects ---- */

static struct ivs_res *add(struct ivs_project *p, enum ivs_kind k, struct ivs_res *parent,
                           const char *id)
{
	struct ivs_res *r = ivs_edit_add(p, k, parent, id, SIZE_MAX);
	if (!r) {
		fprintf(stderr, "bench: ivs_edit_add %s failed\n", id);
		exit(2);
	}
	return r;
}

static void must(int rc, const char *what)
{
	if (rc != 0) {
		fprintf(stderr, "bench: %s failed\n", what);
		exit(2);
	}
}

static void tag(struct ivs_project *p, struct ivs_res *r, size_t i)
{
	struct ivs_tags t = {0};
	char v[32];
	snprintf(v, sizeof v, "team-%zu", i % 7);
	ivs_tags_put(&t, "team", v);
	ivs_tags_put(&t, "env", i % 2 ? "prod" : "staging");
	must(ivs_edit_set_tags(p, r, &t), "set tags");
	ivs_tags_free(&t);
}

static struct ivs_project *gen_project(size_t nch)
{
	struct ivs_project *p = ivs_project_new();
	char id[64], ref[64];
	size_t ngroups = (nch + 49) / 50, nkeys = (nch + 99) / 100;

	ivs_project_set_history(p, false);
	struct ivs_stack *st = ivs_project_stack(p);
	must(ivs_edit_set_str(p, &st->r, IVS_STACK_NAME, "bench-stack"), "stack name");
	must(ivs_edit_set_str(p, &st->r, IVS_STACK_DESCRIPTION, "Generated by bench/bench.c"),
	     "stack description");
	for (size_t g = 0; g < ngroups; g++) {
		snprintf(id, sizeof id, "Bucket%04zu", g);
		struct ivs_res *b = add(p, IVS_KIND_BUCKET, NULL, id);
		if (g % 2)
			must(ivs_edit_set_enum(p, b, IVS_BUCKET_REMOVAL_POLICY, IVS_REMOVAL_DESTROY),
			     "removal policy");
	}
	for (size_t k = 0; k < nkeys; k++) {
		snprintf(id, sizeof id, "PlaybackKeyPair%04zu", k);
		struct ivs_res *kp = add(p, IVS_KIND_KEY_PAIR, NULL, id);
		must(ivs_edit_set_str(p, kp, IVS_KEY_PAIR_PUBLIC_KEY, bench_pem), "public key");
	}
	for (size_t g = 0; g < ngroups; g++) {
		snprintf(id, sizeof id, "Recording%04zu", g);
		snprintf(ref, sizeof ref, "Bucket%04zu", g);
		struct ivs_res *rc = add(p, IVS_KIND_RECORDING, NULL, id);
		must(ivs_edit_set_str(p, rc, IVS_RECORDING_BUCKET, ref), "recording bucket");
		must(ivs_edit_set_int(p, rc, IVS_RECORDING_RECONNECT_WINDOW, 60), "reconnect window");
		if (g % 2 == 0) {
			must(ivs_edit_set_enum(p, rc, IVS_RECORDING_THUMB_MODE, IVS_THUMB_MODE_INTERVAL),
			     "thumbnail mode");
			must(ivs_edit_set_int(p, rc, IVS_RECORDING_THUMB_INTERVAL, 30), "interval");
		}
	}
	for (size_t i = 0; i < nch; i++) {
		snprintf(id, sizeof id, "Channel%05zu", i);
		struct ivs_res *c = add(p, IVS_KIND_CHANNEL, NULL, id);
		switch (i % 4) {
		case 0:
			break;   /* every default */
		case 1:
			must(ivs_edit_set_enum(p, c, IVS_CHANNEL_TYPE, IVS_CHANNEL_TYPE_BASIC), "type");
			must(ivs_edit_set_enum(p, c, IVS_CHANNEL_LATENCY_MODE, IVS_LATENCY_NORMAL),
			     "latency");
			break;
		case 2:
			must(ivs_edit_set_enum(p, c, IVS_CHANNEL_TYPE, IVS_CHANNEL_TYPE_ADVANCED_HD), "type");
			must(ivs_edit_set_enum(p, c, IVS_CHANNEL_PRESET, IVS_PRESET_HIGHER), "preset");
			break;
		default:
			snprintf(ref, sizeof ref, "live-%05zu", i);
			must(ivs_edit_set_str(p, c, IVS_CHANNEL_NAME, ref), "channel name");
			must(ivs_edit_set_bool(p, c, IVS_CHANNEL_INSECURE_INGEST, true), "insecure");
			break;
		}
		if (i % 10 == 0)
			must(ivs_edit_set_bool(p, c, IVS_CHANNEL_AUTHORIZED, true), "authorized");
		snprintf(ref, sizeof ref, "Recording%04zu", i / 50);
		must(ivs_edit_set_str(p, c, IVS_CHANNEL_RECORDING, ref), "recording ref");
		if (i % 3 == 0)
			tag(p, c, i);
		add(p, IVS_KIND_STREAM_KEY, c, "StreamKey");
	}
	/* The rest of IVS (issue 10), per group of 50 channels: a stage that
	 * records its participants through a storage configuration on the
	 * group's bucket, an ingest configuration into it, an encoder
	 * configuration, a playback restriction policy, a chat room logging
	 * through a logging configuration to the bucket, a public key per
	 * key pair, and two outputs (the group's first channel's playback URL
	 * and the stage's ARN: 200 at 5,000 channels, CloudFormation's limit). */
	for (size_t g = 0; g < ngroups; g++) {
		snprintf(ref, sizeof ref, "Bucket%04zu", g);
		snprintf(id, sizeof id, "Storage%04zu", g);
		struct ivs_res *sc = add(p, IVS_KIND_STORAGE, NULL, id);
		must(ivs_edit_set_str(p, sc, IVS_STORAGE_BUCKET, ref), "storage bucket");
		snprintf(id, sizeof id, "Stage%04zu", g);
		struct ivs_res *sg = add(p, IVS_KIND_STAGE, NULL, id);
		must(ivs_edit_set_group(p, sg, IVS_STAGE_RECORDING), "stage recording");
		snprintf(id, sizeof id, "Storage%04zu", g);
		must(ivs_edit_set_str(p, sg, IVS_STAGE_STORAGE, id), "stage storage");
		snprintf(id, sizeof id, "Ingest%04zu", g);
		struct ivs_res *in = add(p, IVS_KIND_INGEST, NULL, id);
		snprintf(id, sizeof id, "Stage%04zu", g);
		must(ivs_edit_set_str(p, in, IVS_INGEST_STAGE, id), "ingest stage");
		snprintf(id, sizeof id, "Encoder%04zu", g);
		struct ivs_res *en = add(p, IVS_KIND_ENCODER, NULL, id);
		must(ivs_edit_set_str(p, en, IVS_ENCODER_NAME, id), "encoder name");
		snprintf(id, sizeof id, "Policy%04zu", g);
		struct ivs_res *po = add(p, IVS_KIND_PLAYBACK_POLICY, NULL, id);
		must(ivs_edit_set_str(p, po, IVS_PLAYBACK_POLICY_COUNTRIES, "US\nCA"), "countries");
		snprintf(id, sizeof id, "ChatLog%04zu", g);
		struct ivs_res *cl = add(p, IVS_KIND_CHAT_LOGGING, NULL, id);
		must(ivs_edit_set_str(p, cl, IVS_CHAT_LOGGING_BUCKET, ref), "chat logging bucket");
		snprintf(id, sizeof id, "ChatRoom%04zu", g);
		struct ivs_res *cr = add(p, IVS_KIND_CHAT_ROOM, NULL, id);
		struct ivs_idlist logs = {0};
		snprintf(id, sizeof id, "ChatLog%04zu", g);
		ivs_idlist_push(&logs, id);
		must(ivs_edit_set_ids(p, cr, IVS_CHAT_ROOM_LOGGING, &logs), "room logging");
		ivs_idlist_free(&logs);
		snprintf(id, sizeof id, "ChannelUrl%04zu", g);
		struct ivs_res *o = add(p, IVS_KIND_OUTPUT, NULL, id);
		snprintf(id, sizeof id, "Channel%05zu", g * 50);
		must(ivs_edit_set_str(p, o, IVS_OUTPUT_RESOURCE, id), "output resource");
		must(ivs_edit_set_enum(p, o, IVS_OUTPUT_ATTRIBUTE, IVS_ATTR_PLAYBACK_URL), "attribute");
		snprintf(id, sizeof id, "StageArn%04zu", g);
		o = add(p, IVS_KIND_OUTPUT, NULL, id);
		snprintf(id, sizeof id, "Stage%04zu", g);
		must(ivs_edit_set_str(p, o, IVS_OUTPUT_RESOURCE, id), "output resource");
		must(ivs_edit_set_enum(p, o, IVS_OUTPUT_ATTRIBUTE, IVS_ATTR_ARN), "attribute");
	}
	for (size_t k = 0; k < nkeys; k++) {
		snprintf(id, sizeof id, "PublicKey%04zu", k);
		struct ivs_res *pk = add(p, IVS_KIND_PUBLIC_KEY, NULL, id);
		must(ivs_edit_set_str(p, pk, IVS_PUBLIC_KEY_MATERIAL, bench_pem), "public key");
	}
	ivs_project_journal_clear(p);
	ivs_project_set_history(p, true);
	return p;
}

/* ---- one size ---- */

enum { PH_LOAD, PH_VALIDATE, PH_SAVE, PH_EXPORT_JSON, PH_EXPORT_YAML, PH_TEMPLATE, PH_COUNT };
static const char *const ph_names[PH_COUNT] = {
	"load (ivs_load_buffer)", "validate (ivs_validate_all)", "save (ivs_save_buffer)",
	"export JSON (template + write)", "export YAML (template + write)",
	"  of which: template build",
};

struct size_run {
	size_t nch;
	char *text;
	size_t len;
	size_t events;                  /* libyaml events in the text */
	size_t jobj, jarr, jstr, joth;  /* nodes of the template */
	size_t json_bytes, yaml_bytes;
	size_t cfn;                     /* resources in the template */
	size_t errors, warnings;        /* after ivs_validate_all */
	struct ivs_project *proj;       /* loaded from text, validated */
	struct bench_stats ph[PH_COUNT];
	struct bench_stats phfloor[PH_COUNT];          /* floor runs interleaved with them */
	struct bench_stats phcpu[PH_COUNT], phfloorcpu[PH_COUNT];   /* CPU time of both */
	struct bench_stats yfloor, jfloor;
	struct bench_stats efloor_proj, efloor_tmpl;   /* libyaml emitter, informative */
	char *yaml_export;                             /* the YAML export's text */
	struct bench_stats edit, undo;
	struct mem_result mem;
	int mem_ok;
	struct key_result key;          /* TUI keystrokes */
	int key_ok;
};

static double run_load(void *ctx)
{
	struct size_run *s = ctx;
	struct ivs_diags d;
	ivs_diags_init(&d);
	struct bench_clock c;
	bench_clock_start(&c);
	struct ivs_project *p = ivs_load_buffer("bench.yaml", s->text, s->len, &d);
	double t = bench_clock_stop(&c);
	if (!p) {
		fprintf(stderr, "bench: the generated project did not load:\n");
		ivs_diags_print(stderr, "bench.yaml", &d);
		exit(2);
	}
	ivs_project_free(p);
	ivs_diags_free(&d);
	bench_settle();
	return t;
}

static double run_validate(void *ctx)
{
	struct size_run *s = ctx;
	struct bench_clock c;
	bench_clock_start(&c);
	ivs_validate_all(s->proj);
	double t = bench_clock_stop(&c);
	bench_settle();   /* the indexes of the previous validation were freed inside */
	return t;
}

static double run_save(void *ctx)
{
	struct size_run *s = ctx;
	struct ivs_buf b;
	ivs_buf_init(&b);
	struct bench_clock c;
	bench_clock_start(&c);
	ivs_save_buffer(s->proj, &b);
	double t = bench_clock_stop(&c);
	ivs_buf_free(&b);
	bench_settle();
	return t;
}

static double run_export(struct size_run *s, enum ivs_export_format fmt)
{
	struct ivs_buf b;
	ivs_buf_init(&b);
	struct bench_clock c;
	bench_clock_start(&c);
	cJSON *t = ivs_export_template(s->proj);
	ivs_export_write(t, fmt, &b);
	double dt = bench_clock_stop(&c);
	cJSON_Delete(t);
	ivs_buf_free(&b);
	bench_settle();
	return dt;
}

static double run_export_json(void *ctx)
{
	return run_export(ctx, IVS_EXPORT_JSON);
}

static double run_export_yaml(void *ctx)
{
	return run_export(ctx, IVS_EXPORT_YAML);
}

static double run_template(void *ctx)
{
	struct size_run *s = ctx;
	struct bench_clock c;
	bench_clock_start(&c);
	cJSON *t = ivs_export_template(s->proj);
	double dt = bench_clock_stop(&c);
	cJSON_Delete(t);
	bench_settle();
	return dt;
}

/* One field of one channel in the middle of the project: set its name,
 * re-validate incrementally; undo, re-validate. Each timed apart. */
static void measure_edit(struct size_run *s)
{
	const struct ivs_list *ch = ivs_project_list(s->proj, IVS_KIND_CHANNEL);
	struct ivs_res *c = ch->v[ch->n / 2];
	size_t n = 2001;
	double *te = ivs_xmalloc(n * sizeof *te), *tu = ivs_xmalloc(n * sizeof *tu);
	static const char *const names[] = {"edited-a", "edited-b"};

	ivs_validate_changes(s->proj);
	for (size_t i = 0; i < n + 20; i++) {
		double t0 = bench_now();
		if (ivs_edit_set_str(s->proj, c, IVS_CHANNEL_NAME, names[i % 2]) != 0) {
			fprintf(stderr, "bench: edit failed\n");
			exit(2);
		}
		ivs_validate_changes(s->proj);
		double t1 = bench_now();
		if (!ivs_undo(s->proj)) {
			fprintf(stderr, "bench: undo failed\n");
			exit(2);
		}
		ivs_validate_changes(s->proj);
		double t2 = bench_now();
		if (i >= 20) {   /* the first 20: warm-up */
			te[i - 20] = t1 - t0;
			tu[i - 20] = t2 - t1;
		}
	}
	bench_stats_of(te, n, &s->edit);
	bench_stats_of(tu, n, &s->undo);
	free(te);
	free(tu);
}

static char *write_project_file(const struct size_run *s)
{
	char *path = ivs_xasprintf("%s/bench-%zu.yaml", opt.workdir, s->nch);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(s->text, 1, s->len, f) != s->len || fclose(f) != 0) {
		fprintf(stderr, "bench: cannot write %s: %s\n", path, strerror(errno));
		exit(2);
	}
	return path;
}

static void prepare(struct size_run *s)
{
	struct ivs_project *p = gen_project(s->nch);
	struct ivs_buf b;
	struct ivs_diags d;

	ivs_buf_init(&b);
	ivs_save_buffer(p, &b);
	ivs_project_free(p);
	s->len = b.len;
	s->text = ivs_buf_steal(&b);

	struct floor_text ft = {s->text, s->len};
	s->events = floor_yaml_events(&ft);

	ivs_diags_init(&d);
	s->proj = ivs_load_buffer("bench.yaml", s->text, s->len, &d);
	if (!s->proj) {
		fprintf(stderr, "bench: the generated %zu-channel project did not load:\n", s->nch);
		ivs_diags_print(stderr, "bench.yaml", &d);
		exit(2);
	}
	ivs_diags_free(&d);
	ivs_validate_all(s->proj);
	s->errors = ivs_validate_errors(s->proj);
	s->warnings = ivs_validate_warnings(s->proj);
	s->cfn = ivs_project_cfn_count(s->proj);

	cJSON *t = ivs_export_template(s->proj);
	struct floor_json *fj = floor_json_new(t);
	floor_json_counts(fj, &s->jobj, &s->jarr, &s->jstr, &s->joth);
	floor_json_free(fj);
	ivs_buf_init(&b);
	ivs_export_write(t, IVS_EXPORT_JSON, &b);
	s->json_bytes = b.len;
	ivs_buf_reset(&b);
	ivs_export_write(t, IVS_EXPORT_YAML, &b);
	s->yaml_bytes = b.len;
	s->yaml_export = ivs_buf_steal(&b);
	cJSON_Delete(t);
}

static void measure_size(struct size_run *s)
{
	static const bench_run_fn fns[PH_COUNT] = {run_load, run_validate, run_save,
	                                           run_export_json, run_export_yaml, run_template};
	struct floor_text ft = {s->text, s->len};

	bench_measure(floor_yaml_parse, &ft, opt.min_time, opt.min_n, opt.max_n, &s->yfloor);
	cJSON *t = ivs_export_template(s->proj);
	struct floor_json *fj = floor_json_new(t);
	bench_measure(floor_json_run, fj, opt.min_time, opt.min_n, opt.max_n, &s->jfloor);
	for (int i = 0; i < PH_COUNT; i++) {
		bool y = i <= PH_SAVE;
		bench_measure_pair(fns[i], s, y ? floor_yaml_parse : floor_json_run,
		                   y ? (void *)&ft : (void *)fj, opt.min_time, opt.min_n, opt.max_n,
		                   &s->ph[i], &s->phfloor[i], &s->phcpu[i], &s->phfloorcpu[i]);
		fprintf(stderr, "  %zu channels: %s %.3f ms (floor %.3f ms)\n", s->nch, ph_names[i],
		        s->ph[i].med * 1e3, s->phfloor[i].med * 1e3);
	}
	floor_json_free(fj);
	cJSON_Delete(t);
	struct floor_events *fe = floor_events_new(s->text, s->len);
	bench_measure(floor_emit_run, fe, opt.min_time, opt.min_n, opt.max_n, &s->efloor_proj);
	floor_events_free(fe);
	fe = floor_events_new(s->yaml_export, s->yaml_bytes);
	bench_measure(floor_emit_run, fe, opt.min_time, opt.min_n, opt.max_n, &s->efloor_tmpl);
	floor_events_free(fe);
	measure_edit(s);
}

/* ---- the TUI ---- */

struct startup_run {
	const char *label;
	const char *file;
	struct bench_stats first, burst, cpu;
	int ok;
	char note[256];
};

static void measure_startup(struct startup_run *r, int reps)
{
	double *v = ivs_xmalloc((size_t)reps * sizeof *v), *w = ivs_xmalloc((size_t)reps * sizeof *w);
	double *c = ivs_xmalloc((size_t)reps * sizeof *c);
	int n = 0;

	r->ok = 0;
	if (access(opt.tui, X_OK) != 0) {
		snprintf(r->note, sizeof r->note, "no binary at %s", opt.tui);
		goto out;
	}
	if (access(r->file, R_OK) != 0) {
		snprintf(r->note, sizeof r->note, "no file %s", r->file);
		goto out;
	}
	for (int i = 0; i < reps + 1; i++) {
		double burst = -1, cpu = 0;
		struct ivs_buf tail;
		ivs_buf_init(&tail);
		double t = bench_startup_once(opt.tui, r->file, opt.marker, 5.0, 150, &burst, &cpu,
		                              &tail);
		if (t < 0) {
			size_t k = 0;
			for (size_t j = 0; j < tail.len && k + 1 < sizeof r->note; j++)
				if (tail.data[j] >= 0x20 && tail.data[j] < 0x7f && tail.data[j] != '|')
					r->note[k++] = tail.data[j];
			r->note[k] = '\0';
			if (k == 0)
				snprintf(r->note, sizeof r->note, "marker \"%s\" never drawn", opt.marker);
			ivs_buf_free(&tail);
			goto out;
		}
		ivs_buf_free(&tail);
		if (i == 0)
			continue;   /* warm-up: page cache */
		v[n] = t;
		c[n] = cpu;
		w[n++] = burst;
	}
	bench_stats_of(v, (size_t)n, &r->first);
	bench_stats_of(w, (size_t)n, &r->burst);
	bench_stats_of(c, (size_t)n, &r->cpu);
	r->ok = 1;
out:
	free(v);
	free(w);
	free(c);
}

/* ---- the report ---- */

static void read_first_line(const char *path, const char *prefix, char *out, size_t outsz)
{
	FILE *f = fopen(path, "r");
	char line[512];
	size_t pl = strlen(prefix);
	snprintf(out, outsz, "unknown");
	if (!f)
		return;
	while (fgets(line, sizeof line, f)) {
		if (strncmp(line, prefix, pl) == 0) {
			const char *v = strchr(line, ':');
			v = v ? v + 1 : line + pl;
			while (*v == ' ' || *v == '\t')
				v++;
			snprintf(out, outsz, "%s", v);
			out[strcspn(out, "\n")] = '\0';
			break;
		}
	}
	fclose(f);
}

static void fmt_time(char *out, size_t sz, double s)
{
	if (s >= 1e-3)
		snprintf(out, sz, "%.2f ms", s * 1e3);
	else
		snprintf(out, sz, "%.1f µs", s * 1e6);
}

static void put_stat(struct ivs_buf *b, const struct bench_stats *st)
{
	char m[32], lo[32], hi[32];
	fmt_time(m, sizeof m, st->med);
	fmt_time(lo, sizeof lo, st->p25);
	fmt_time(hi, sizeof hi, st->p75);
	ivs_buf_printf(b, "%s (%s – %s)", m, lo, hi);
}

static void report(struct ivs_buf *b, struct size_run *runs, const struct startup_run *su,
                   size_t nsu, double t_start, double t_end, const char *load_before,
                   const char *load_after)
{
	char cpu[256], mem[64], date[64];
	struct utsname un;
	time_t now = time(NULL);
	struct tm tm;

	read_first_line("/proc/cpuinfo", "model name", cpu, sizeof cpu);
	read_first_line("/proc/meminfo", "MemTotal", mem, sizeof mem);
	gmtime_r(&now, &tm);
	strftime(date, sizeof date, "%Y-%m-%d %H:%M UTC", &tm);
	uname(&un);

	ivs_buf_printf(b, "Run of %s (%.0f s).\n\n", date, t_end - t_start);
	if (getenv("MAKELEVEL"))
		ivs_buf_printf(b, "- Command: `make bench`, which ran `%s` (in the repository's top "
		               "folder)\n", opt.cmdline);
	else
		ivs_buf_printf(b, "- Command: `%s`\n", opt.cmdline);
	ivs_buf_printf(b, "- CPU: %s, %ld cores online; memory %s\n", cpu,
	               sysconf(_SC_NPROCESSORS_ONLN), mem);
	ivs_buf_printf(b, "- System: %s %s %s; compiler %s; libyaml %s; cJSON %s\n", un.sysname,
	               un.release, un.machine, __VERSION__, yaml_get_version_string(), cJSON_Version());
	ivs_buf_printf(b, "- Load average (1, 5, 15 min) before: %s; after: %s\n", load_before,
	               load_after);
	ivs_buf_printf(b, "- Each time: median (25th – 75th percentile) of n runs, each run "
	               "timed alone with clock_gettime(CLOCK_MONOTONIC); at least %zu runs and "
	               "%.1f s of measured time per phase, at most %zu runs.\n\n",
	               opt.min_n, opt.min_time, opt.max_n);

	ivs_buf_puts(b, "### The projects\n\n| channels | YAML bytes | libyaml events | "
	                "resources in template | template nodes (objects/arrays/strings/other) "
	                "| JSON bytes | YAML export bytes | errors / warnings |\n"
	                "|---:|---:|---:|---:|---|---:|---:|---|\n");
	for (size_t i = 0; i < NSIZES; i++) {
		struct size_run *s = &runs[i];
		ivs_buf_printf(b, "| %zu | %zu | %zu | %zu | %zu / %zu / %zu / %zu | %zu | %zu | %zu / %zu |\n",
		               s->nch, s->len, s->events, s->cfn, s->jobj, s->jarr, s->jstr, s->joth,
		               s->json_bytes, s->yaml_bytes, s->errors, s->warnings);
	}

	ivs_buf_puts(b, "\n### Phases against their floor\n\n"
	                "Floors: load, validate and save are divided by the libyaml parse of the "
	                "same text (F_yaml); the two exports by the cJSON build + print of a tree "
	                "of the template's shape (F_json). A phase's ratio is its median over the "
	                "median of floor runs interleaved with its own runs (one floor run before "
	                "each), then the same with the minimums; the floor rows are the floors' "
	                "own runs. F_emit rows are informative (see below).\n\n");
	ivs_buf_puts(b, "| phase |");
	for (size_t i = 0; i < NSIZES; i++)
		ivs_buf_printf(b, " %zu channels | ratio |", runs[i].nch);
	ivs_buf_puts(b, "\n|---|");
	for (size_t i = 0; i < NSIZES; i++)
		ivs_buf_puts(b, "---:|---:|");
	ivs_buf_puts(b, "\n| **F_yaml**: libyaml parse, events only | ");
	for (size_t i = 0; i < NSIZES; i++) {
		put_stat(b, &runs[i].yfloor);
		ivs_buf_puts(b, " | 1 | ");
	}
	ivs_buf_puts(b, "\n| **F_json**: cJSON build + cJSON_Print | ");
	for (size_t i = 0; i < NSIZES; i++) {
		put_stat(b, &runs[i].jfloor);
		ivs_buf_puts(b, " | 1 | ");
	}
	ivs_buf_puts(b, "\n| F_emit(project): libyaml emitter, the project's events | ");
	for (size_t i = 0; i < NSIZES; i++) {
		put_stat(b, &runs[i].efloor_proj);
		ivs_buf_printf(b, " | %.2f× F_yaml | ", runs[i].efloor_proj.med / runs[i].yfloor.med);
	}
	ivs_buf_puts(b, "\n| F_emit(template): libyaml emitter, the YAML export's events | ");
	for (size_t i = 0; i < NSIZES; i++) {
		put_stat(b, &runs[i].efloor_tmpl);
		ivs_buf_printf(b, " | %.2f× F_json | ", runs[i].efloor_tmpl.med / runs[i].jfloor.med);
	}
	for (int ph = 0; ph < PH_COUNT; ph++) {
		ivs_buf_printf(b, "\n| %s | ", ph_names[ph]);
		for (size_t i = 0; i < NSIZES; i++) {
			const struct size_run *s = &runs[i];
			put_stat(b, &s->ph[ph]);
			ivs_buf_printf(b, " | **%.2f×** %s, min %.2f×", s->ph[ph].med / s->phfloor[ph].med,
			               ph <= PH_SAVE ? "F_yaml" : "F_json",
			               s->ph[ph].min / s->phfloor[ph].min);
			if (ph == PH_SAVE)
				ivs_buf_printf(b, " (%.2f× F_emit)", s->ph[ph].med / s->efloor_proj.med);
			if (ph == PH_EXPORT_YAML)
				ivs_buf_printf(b, " (%.2f× F_emit)", s->ph[ph].med / s->efloor_tmpl.med);
			ivs_buf_puts(b, " | ");
		}
	}
	ivs_buf_puts(b, "\n\nThe same ratios by CPU time (CLOCK_THREAD_CPUTIME_ID of the same runs: "
	                "time spent while other processes ran is left out), median CPU time of the "
	                "phase over median CPU time of its interleaved floor runs:\n\n| phase |");
	for (size_t i = 0; i < NSIZES; i++)
		ivs_buf_printf(b, " %zu channels |", runs[i].nch);
	ivs_buf_puts(b, "\n|---|");
	for (size_t i = 0; i < NSIZES; i++)
		ivs_buf_puts(b, "---:|");
	for (int ph = 0; ph < PH_COUNT; ph++) {
		ivs_buf_printf(b, "\n| %s |", ph_names[ph]);
		for (size_t i = 0; i < NSIZES; i++) {
			char t[32];
			fmt_time(t, sizeof t, runs[i].phcpu[ph].med);
			ivs_buf_printf(b, " %s: **%.2f×** %s |", t,
			               runs[i].phcpu[ph].med / runs[i].phfloorcpu[ph].med,
			               ph <= PH_SAVE ? "F_yaml" : "F_json");
		}
	}
	ivs_buf_puts(b, "\n\n### One edit (channel in the middle: channel_name, "
	                "ivs_edit_set_str + ivs_validate_changes) and its undo\n\n"
	                "| channels | edit + revalidate | max | undo + revalidate | max | runs |\n"
	                "|---:|---:|---:|---:|---:|---:|\n");
	for (size_t i = 0; i < NSIZES; i++) {
		char mx[32], ux[32];
		fmt_time(mx, sizeof mx, runs[i].edit.max);
		fmt_time(ux, sizeof ux, runs[i].undo.max);
		ivs_buf_printf(b, "| %zu | ", runs[i].nch);
		put_stat(b, &runs[i].edit);
		ivs_buf_printf(b, " | %s | ", mx);
		put_stat(b, &runs[i].undo);
		ivs_buf_printf(b, " | %s | %zu |\n", ux, runs[i].edit.n);
	}
	ivs_buf_printf(b, "\nEdit at %zu channels / edit at %zu channels (medians): %.2f×\n",
	               runs[NSIZES - 1].nch, runs[0].nch,
	               runs[NSIZES - 1].edit.med / runs[0].edit.med);

	ivs_buf_puts(b, "\n### Memory (a fresh process per size: read, load, validate, export "
	                "JSON, save)\n\n"
	                "| channels | peak RSS (ru_maxrss) | VmHWM | RSS before the engine | model heap | "
	                "model bytes / channel | + validator heap | all bytes / channel |\n"
	                "|---:|---:|---:|---:|---:|---:|---:|---:|\n");
	for (size_t i = 0; i < NSIZES; i++) {
		const struct size_run *s = &runs[i];
		if (!s->mem_ok) {
			ivs_buf_printf(b, "| %zu | failed | | | | | | |\n", s->nch);
			continue;
		}
		ivs_buf_printf(b, "| %zu | %.1f MiB | %.1f MiB | %.1f MiB | %.2f MiB | %zu | %.2f MiB | %zu |\n",
		               s->nch, (double)s->mem.peak_kib / 1024, (double)s->mem.hwm_kib / 1024,
		               (double)s->mem.base_kib / 1024,
		               (double)s->mem.model_bytes / 1048576, s->mem.model_bytes / s->nch,
		               (double)s->mem.valid_bytes / 1048576, s->mem.valid_bytes / s->nch);
	}

	ivs_buf_puts(b, "\n### TUI keystrokes (tui_app.h: key + redraw of 80x24, NO_DISPLAY "
	                "screen; a fresh process per size)\n\n"
	                "| channels | Down/Up in the tree | max | a character into channel_name | "
	                "max | Backspace | ^Z / ^Y of the typing | max |\n"
	                "|---:|---:|---:|---:|---:|---:|---:|---:|\n");
	for (size_t i = 0; i < NSIZES; i++) {
		const struct key_result *k = &runs[i].key;
		char m1[32], m2[32], m3[32];
		if (!runs[i].key_ok) {
			ivs_buf_printf(b, "| %zu | failed (see stderr) | | | | | | |\n", runs[i].nch);
			continue;
		}
		fmt_time(m1, sizeof m1, k->move.max);
		fmt_time(m2, sizeof m2, k->type.max);
		fmt_time(m3, sizeof m3, k->undo.max);
		ivs_buf_printf(b, "| %zu | ", runs[i].nch);
		put_stat(b, &k->move);
		ivs_buf_printf(b, " | %s | ", m1);
		put_stat(b, &k->type);
		ivs_buf_printf(b, " | %s | ", m2);
		put_stat(b, &k->erase);
		ivs_buf_puts(b, " | ");
		put_stat(b, &k->undo);
		ivs_buf_printf(b, " | %s |\n", m3);
	}
	if (runs[0].key_ok && runs[NSIZES - 1].key_ok)
		ivs_buf_printf(b, "\nTyping at %zu channels / typing at %zu channels (medians): %.2f×\n",
		               runs[NSIZES - 1].nch, runs[0].nch,
		               runs[NSIZES - 1].key.type.med / runs[0].key.type.med);

	ivs_buf_printf(b, "\n### Start-up: exec to first full frame (pty 80x24, "
	               "TERM=xterm-256color, marker \"%s\")\n\n"
	               "| file | marker drawn | end of that output burst | CPU time used (user + sys) "
	               "| runs |\n"
	               "|---|---:|---:|---:|---:|\n", opt.marker);
	for (size_t i = 0; i < nsu; i++) {
		if (!su[i].ok) {
			ivs_buf_printf(b, "| %s | not measured: %s | | | |\n", su[i].label, su[i].note);
			continue;
		}
		ivs_buf_printf(b, "| %s | ", su[i].label);
		put_stat(b, &su[i].first);
		ivs_buf_puts(b, " | ");
		put_stat(b, &su[i].burst);
		ivs_buf_puts(b, " | ");
		put_stat(b, &su[i].cpu);
		ivs_buf_printf(b, " | %zu |\n", su[i].first.n);
	}
	ivs_buf_puts(b, "\n");
}

static char *slurp_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct ivs_buf b;
	char chunk[8192];
	size_t n;
	if (!f)
		return NULL;
	ivs_buf_init(&b);
	ivs_buf_puts(&b, "");
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		ivs_buf_add(&b, chunk, n);
	fclose(f);
	*len = b.len;
	return ivs_buf_steal(&b);
}

#define MARK_BEGIN "<!-- bench:begin (written by build-bench/bench; edits here are lost) -->\n"
#define MARK_END "<!-- bench:end -->\n"

static void write_results(const char *path, const struct ivs_buf *gen)
{
	size_t len = 0;
	char *old = slurp_file(path, &len);
	struct ivs_buf out;
	ivs_buf_init(&out);
	const char *b = old ? strstr(old, "<!-- bench:begin") : NULL;
	const char *e = b ? strstr(b, MARK_END) : NULL;
	if (b && e) {
		ivs_buf_add(&out, old, (size_t)(b - old));
		ivs_buf_puts(&out, MARK_BEGIN);
		ivs_buf_add(&out, gen->data, gen->len);
		ivs_buf_puts(&out, e);
	} else {
		if (old)
			ivs_buf_add(&out, old, len);
		else
			ivs_buf_puts(&out, "# Benchmarks\n\n");
		ivs_buf_puts(&out, "\n" MARK_BEGIN);
		ivs_buf_add(&out, gen->data, gen->len);
		ivs_buf_puts(&out, MARK_END);
	}
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(out.data, 1, out.len, f) != out.len || fclose(f) != 0)
		fprintf(stderr, "bench: cannot write %s\n", path);
	else
		fprintf(stderr, "bench: results written to %s\n", path);
	ivs_buf_free(&out);
	free(old);
}

static void loadavg(char *out, size_t sz)
{
	FILE *f = fopen("/proc/loadavg", "r");
	double a = 0, b = 0, c = 0;
	if (f) {
		if (fscanf(f, "%lf %lf %lf", &a, &b, &c) != 3)
			a = b = c = 0;
		fclose(f);
	}
	snprintf(out, sz, "%.2f, %.2f, %.2f", a, b, c);
}

static void usage(void)
{
	fputs("usage: bench [--quick | --paste-only] [--results FILE] [--tui PATH] [--example FILE]\n"
	      "             [--marker TEXT] [--workdir DIR]\n", stderr);
	exit(2);
}

int main(int argc, char **argv)
{
	static char tui_default[PATH_MAX + 16], workdir_default[PATH_MAX];
	struct size_run runs[NSIZES];
	char load_before[64], load_after[64];
	bool paste_only = false;

	if (argc == 4 && strcmp(argv[1], "--keys-child") == 0)
		return bench_keys_child_main(argv[2], argv[3]);
	if (argc == 3 && strcmp(argv[1], "--mem-child") == 0)
		return mem_child_main(argv[2]);

	ssize_t n = readlink("/proc/self/exe", opt.self, sizeof opt.self - 1);
	if (n <= 0) {
		fprintf(stderr, "bench: cannot find itself\n");
		return 2;
	}
	opt.self[n] = '\0';
	mem_spawner_start(opt.self);
	snprintf(workdir_default, sizeof workdir_default, "%s", opt.self);
	char *slash = strrchr(workdir_default, '/');
	if (slash)
		*slash = '\0';
	snprintf(tui_default, sizeof tui_default, "%s/ivs-tui", workdir_default);
	opt.tui = tui_default;
	opt.workdir = workdir_default;
	opt.example = "examples/live-events.yaml";
	opt.marker = "F7 Problems";

	size_t cl = 0;
	for (int i = 0; i < argc && cl + 2 < sizeof opt.cmdline; i++)
		cl += (size_t)snprintf(opt.cmdline + cl, sizeof opt.cmdline - cl, "%s%s", i ? " " : "",
		                       argv[i]);
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--paste-only") == 0) {   /* just the paste figures */
			paste_only = true;
		} else if (strcmp(argv[i], "--quick") == 0) {
			opt.min_time = 0.05;
			opt.min_n = 5;
		} else if (i + 1 < argc && strcmp(argv[i], "--results") == 0) {
			opt.results = argv[++i];
		} else if (i + 1 < argc && strcmp(argv[i], "--tui") == 0) {
			opt.tui = argv[++i];
		} else if (i + 1 < argc && strcmp(argv[i], "--example") == 0) {
			opt.example = argv[++i];
		} else if (i + 1 < argc && strcmp(argv[i], "--marker") == 0) {
			opt.marker = argv[++i];
		} else if (i + 1 < argc && strcmp(argv[i], "--workdir") == 0) {
			opt.workdir = argv[++i];
		} else {
			usage();
		}
	}

	if (paste_only) {
		mem_spawner_stop();
		struct ivs_buf pb;
		ivs_buf_init(&pb);
		bench_paste(&pb, opt.tui, opt.workdir);
		fwrite(pb.data, 1, pb.len, stdout);
		ivs_buf_free(&pb);
		return 0;
	}
	loadavg(load_before, sizeof load_before);
	double t_start = bench_now();
	memset(runs, 0, sizeof runs);
	char *paths[NSIZES];
	for (size_t i = 0; i < NSIZES; i++) {
		runs[i].nch = sizes[i];
		fprintf(stderr, "bench: generating %zu channels\n", sizes[i]);
		prepare(&runs[i]);
		paths[i] = write_project_file(&runs[i]);
	}
	for (size_t i = 0; i < NSIZES; i++)
		runs[i].mem_ok = mem_measure_spawned(paths[i], &runs[i].mem) == 0;
	mem_spawner_stop();
	for (size_t i = 0; i < NSIZES; i++)
		measure_size(&runs[i]);
	for (size_t i = 0; i < NSIZES; i++)
		runs[i].key_ok = bench_keystrokes_child(opt.self, paths[i], (runs[i].nch + 49) / 50,
		                                        &runs[i].key) == 0;

	struct startup_run su[2] = {
		{.label = opt.example, .file = opt.example},
		{.label = paths[NSIZES - 1], .file = paths[NSIZES - 1]},
	};
	for (size_t i = 0; i < 2; i++)
		measure_startup(&su[i], 15);

	double t_end = bench_now();
	loadavg(load_after, sizeof load_after);

	struct ivs_buf out;
	ivs_buf_init(&out);
	report(&out, runs, su, 2, t_start, t_end, load_before, load_after);
	bench_keys(&out, opt.min_time, opt.min_n, opt.max_n);
	bench_paste(&out, opt.tui, opt.workdir);
	fwrite(out.data, 1, out.len, stdout);
	if (opt.results)
		write_results(opt.results, &out);
	ivs_buf_free(&out);
	for (size_t i = 0; i < NSIZES; i++) {
		ivs_project_free(runs[i].proj);
		free(runs[i].text);
		free(runs[i].yaml_export);
		free(paths[i]);
	}
	return 0;
}
