/* bench.h: shared pieces of the benchmark program (the .c files in bench/). */
#ifndef IVS_BENCH_H
#define IVS_BENCH_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "ivs/util.h"

/* Seconds on CLOCK_MONOTONIC. */
double bench_now(void);

/* A run's wall time and, beside it, the CPU time of this thread
 * (CLOCK_THREAD_CPUTIME_ID), which a shared machine does not inflate by
 * scheduling other processes in between. bench_clock_stop returns the wall
 * seconds and leaves the CPU seconds in bench_run_cpu. */
struct bench_clock {
	double wall, cpu;
};
extern double bench_run_cpu;
/* Called after a run's tear-down, outside the timed part: a 4 KiB malloc
 * and free make glibc coalesce the chunks the tear-down freed (it defers
 * that to the next large request), so that no run pays for the frees of
 * the run before it (the floor's, or its own previous one). */
void bench_settle(void);
void bench_clock_start(struct bench_clock *c);
/* Runs this program again (self) with the arguments that follow (at most
 * 6, NULL-ended) in a fresh process, its stdout read into out (NUL-ended,
 * at most cap-1 bytes). Returns 0 when it exited 0, -1 otherwise. */
int bench_run_child(const char *self, char *out, size_t cap, ...);
double bench_clock_stop(const struct bench_clock *c);

/* Summary of a set of samples (seconds). */
struct bench_stats {
	double med, p25, p75, min, max;
	size_t n;
};
void bench_stats_of(double *v, size_t n, struct bench_stats *st);   /* sorts v */

/* One timed run: does the work, returns its duration in seconds (set-up
 * and tear-down are left outside the timed part by the function itself). */
typedef double (*bench_run_fn)(void *ctx);
/* Runs fn once to warm up, then until at least min_n samples and min_time
 * seconds of measured time, at most max_n samples. */
void bench_measure(bench_run_fn fn, void *ctx, double min_time, size_t min_n, size_t max_n,
                   struct bench_stats *st);

/* floor.c: what the libraries alone cost. */
struct floor_text {
	const char *data;
	size_t len;
};
/* libyaml: yaml_parser_parse over the text, deleting each event. ctx:
 * struct floor_text. Returns seconds; events counted in floor_yaml_events. */
double floor_yaml_parse(void *ctx);
size_t floor_yaml_events(const struct floor_text *t);

/* libyaml's emitter alone writing the event stream of a text (recorded
 * once by parsing it): ctx struct floor_events. */
struct floor_events;
struct floor_events *floor_events_new(const char *text, size_t len);
void floor_events_free(struct floor_events *f);
double floor_emit_run(void *ctx);

/* cJSON: build a tree shaped as tmpl (same objects, arrays, strings,
 * numbers, keys), directly with cJSON_Create and cJSON_AddItemTo*, and
 * print it with cJSON_Print. */
struct floor_json;
struct floor_json *floor_json_new(const cJSON *tmpl);
void floor_json_free(struct floor_json *f);
double floor_json_run(void *ctx);   /* ctx: struct floor_json */
void floor_json_counts(const struct floor_json *f, size_t *objects, size_t *arrays,
                       size_t *strings, size_t *others);

/* pty.c: start-up of the real binary in a pseudo-terminal (80x24). One run:
 * seconds from just before forkpty+exec to the arrival of the marker text
 * (escape sequences stripped); *burst_end gets the time of the last byte of
 * the output burst that carried it (output then quiet for quiet_ms); *cpu
 * the CPU time (user + system) the process had used when it was ended.
 * Returns a negative value when the marker never came (timeout_s); then
 * tail (when not NULL) gets the last bytes of the stripped output. */
double bench_startup_once(const char *tui, const char *file, const char *marker,
                          double timeout_s, int quiet_ms, double *burst_end, double *cpu,
                          struct ivs_buf *tail);

/* mem.c: peak memory in a fresh process (fork + exec of this program). */
struct mem_result {
	long base_kib;        /* ru_maxrss after reading the file, before the engine */
	long peak_kib;        /* ru_maxrss at the end (load, validate, export, save) */
	size_t model_bytes;   /* heap in use by the loaded model */
	size_t valid_bytes;   /* ... plus the validator's indexes and diagnostics */
	long hwm_kib;         /* VmHWM of the child's own address space */
};
int mem_child_main(const char *path);
int mem_measure(const char *self, const char *path, struct mem_result *out);
/* Call first thing in main: forks the small process that forks the
 * measured children (see mem.c). */
void mem_spawner_start(const char *self);
int mem_measure_spawned(const char *path, struct mem_result *out);
void mem_spawner_stop(void);

/* keystroke.c: the TUI driven through tui_app.h, one key at a time. */
#define KEY_ROUND 100
struct key_result {
	struct bench_stats move;    /* Down, Up in the tree */
	struct bench_stats type;    /* a character into channel_name */
	struct bench_stats erase;   /* Backspace in channel_name */
	struct bench_stats undo;    /* ^Z and ^Y of the typing step */
};
/* Loads text, opens the editor on it (80x24), measures. nbuckets: how
 * many bucket rows precede the channels. Returns 0, or -1 with a message. */
int bench_keystrokes(const char *text, size_t len, size_t nbuckets, struct key_result *out);
/* The same in a fresh process (this program with --keys-child FILE NB). */
int bench_keystrokes_child(const char *self, const char *path, size_t nbuckets,
                           struct key_result *out);
int bench_keys_child_main(const char *path, const char *nbuckets);

/* The real binary in a pty (80x24) on file: once `ready` is drawn, sends
 * setup (keys) and waits for quiet, then sends data (n bytes, written
 * while the output is read); returns the seconds from the first byte of
 * data to the last output before quiet_ms of quiet (the screen drawn
 * after all of it), or -1 (timeout_s). */
double bench_pty_type(const char *tui, const char *file, const char *ready, const char *setup,
                      const char *data, size_t n, int quiet_ms, double timeout_s);

/* paste.c: pasting 100,000 characters (the line editor; the TUI in
 * process; the real binary in a pty, bracketed and as plain keys);
 * appends a "Paste" section to out. tui: the binary; workdir: for the
 * project file. */
void bench_paste(struct ivs_buf *out, const char *tui, const char *workdir);

/* keys.c: the key check (per keystroke in the key field), token signing
 * and verifying; appends a "Playback keys" section to out. */
void bench_keys(struct ivs_buf *out, double min_time, size_t min_n, size_t max_n);

#endif
