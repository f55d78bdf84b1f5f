/* mem.c: memory, each size in a fresh process (fork + exec of this program
 * with --mem-child FILE) so that peaks do not mix. The child reads the
 * project text, loads it, validates it, exports it to JSON and saves it,
 * then reports its peak resident size (getrusage ru_maxrss) and the heap
 * in use (mallinfo2: arena bytes in use plus mmapped blocks) at each step. */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"
#include "ivs/export.h"
#include "ivs/validate.h"
#include "ivs/yamlio.h"

static size_t heap_in_use(void)
{
	struct mallinfo2 mi = mallinfo2();
	return mi.uordblks + mi.hblkhd;
}

static long maxrss_kib(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* The high-water mark of this address space alone (the kernel resets it
 * on exec, where ru_maxrss also keeps the parent's). A cross-check. */
static long vm_hwm_kib(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long v = -1;
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "VmHWM: %ld", &v) == 1)
			break;
	fclose(f);
	return v;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct ivs_buf b;
	char chunk[65536];
	size_t n;
	ivs_buf_init(&b);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		ivs_buf_add(&b, chunk, n);
	fclose(f);
	*len = b.len;
	return ivs_buf_steal(&b);
}

int mem_child_main(const char *path)
{
	size_t len = 0;
	char *text = slurp(path, &len);
	if (!text)
		return 2;
	long base = maxrss_kib();
	size_t h0 = heap_in_use();

	struct ivs_diags d;
	ivs_diags_init(&d);
	struct ivs_project *p = ivs_load_buffer(path, text, len, &d);
	if (!p)
		return 3;
	size_t h1 = heap_in_use();
	ivs_validate_all(p);
	size_t h2 = heap_in_use();

	struct ivs_buf out;
	ivs_buf_init(&out);
	cJSON *t = ivs_export_template(p);
	ivs_export_write(t, IVS_EXPORT_JSON, &out);
	cJSON_Delete(t);
	ivs_buf_free(&out);
	ivs_buf_init(&out);
	ivs_save_buffer(p, &out);
	ivs_buf_free(&out);

	long peak = maxrss_kib();
	printf("%ld %ld %zu %zu %ld\n", base, peak, h1 - h0, h2 - h0, vm_hwm_kib());
	ivs_project_free(p);
	ivs_diags_free(&d);
	free(text);
	return 0;
}

int mem_measure(const char *self, const char *path, struct mem_result *out)
{
	char line[256];
	if (bench_run_child(self, line, sizeof line, "--mem-child", path, (char *)NULL) || !line[0])
		return -1;
	memset(out, 0, sizeof *out);
	if (sscanf(line, "%ld %ld %zu %zu %ld", &out->base_kib, &out->peak_kib, &out->model_bytes,
	           &out->valid_bytes, &out->hwm_kib) != 5)
		return -1;
	return 0;
}

/* ru_maxrss survives exec: a child's figure is at least what its parent
 * had resident when it forked. So the children are forked by a spawner
 * that is itself forked first thing in main, while the program is still
 * small, and that stays small: it reads a path, runs mem_measure, writes
 * the figures back. */
static int spawn_req = -1, spawn_resp = -1;
static pid_t spawner = -1;

void mem_spawner_start(const char *self)
{
	int req[2], resp[2];
	if (pipe(req) < 0 || pipe(resp) < 0)
		return;
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0)
		return;
	if (pid == 0) {
		char path[4096];
		close(req[1]);
		close(resp[0]);
		for (;;) {
			size_t n = 0;
			char c;
			while (n + 1 < sizeof path && read(req[0], &c, 1) == 1 && c != '\n')
				path[n++] = c;
			if (n == 0)
				_exit(0);
			path[n] = '\0';
			struct mem_result r;
			char line[256];
			int len;
			if (mem_measure(self, path, &r) == 0)
				len = snprintf(line, sizeof line, "%ld %ld %zu %zu %ld\n", r.base_kib,
				               r.peak_kib, r.model_bytes, r.valid_bytes, r.hwm_kib);
			else
				len = snprintf(line, sizeof line, "fail\n");
			if (write(resp[1], line, (size_t)len) != len)
				_exit(1);
		}
	}
	close(req[0]);
	close(resp[1]);
	spawn_req = req[1];
	spawn_resp = resp[0];
	spawner = pid;
}

int mem_measure_spawned(const char *path, struct mem_result *out)
{
	char line[256];
	size_t n = 0;
	char c;
	if (spawner < 0)
		return -1;
	if (write(spawn_req, path, strlen(path)) < 0 || write(spawn_req, "\n", 1) != 1)
		return -1;
	while (n + 1 < sizeof line && read(spawn_resp, &c, 1) == 1 && c != '\n')
		line[n++] = c;
	line[n] = '\0';
	memset(out, 0, sizeof *out);
	if (sscanf(line, "%ld %ld %zu %zu %ld", &out->base_kib, &out->peak_kib, &out->model_bytes,
	           &out->valid_bytes, &out->hwm_kib) != 5)
		return -1;
	return 0;
}

void mem_spawner_stop(void)
{
	int status;
	if (spawner < 0)
		return;
	close(spawn_req);
	close(spawn_resp);
	waitpid(spawner, &status, 0);
	spawner = -1;
}
