#!/bin/sh
# fuzz/run.sh SECONDS [TARGET...]: runs each libFuzzer target built by
# fuzz/build.sh for SECONDS (-max_total_time), on a work corpus under
# fuzz/corpus-work/TARGET (kept between runs, git-ignored) plus the seeds.
# Prints each target's runs and final coverage (cov, ft); exits 1 when a
# target crashed, leaked, hung or ran out of memory. The input that did it
# is saved as fuzz/corpus-work/crashes/TARGET-crash-SHA1 and printed in
# base64, so that a CI log alone is enough to reproduce it.
set -u
cd "$(dirname "$0")/.."
B=build-fuzz
secs=${1:-60}
shift 2>/dev/null || true
targets=${*:-$(for t in fuzz/fuzz_*.c; do basename "$t" .c; done)}
work=fuzz/corpus-work
mkdir -p "$work/crashes" "$work/logs"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1:abort_on_error=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
status=0
for name in $targets; do
	bin=$B/$name
	[ -x "$bin" ] || { echo "$name: not built (run fuzz/build.sh)"; status=1; continue; }
	mkdir -p "$work/$name"
	# .options: the [libfuzzer] section's "key = value" lines become -key=value.
	opts=$(sed -n '/^\[libfuzzer\]/,/^\[/{/=/{s/[[:space:]]*=[[:space:]]*/=/;s/^[[:space:]]*/-/;p;};}' \
		"fuzz/$name.options" 2>/dev/null)
	dict=
	[ -f "fuzz/$name.dict" ] && dict=-dict=fuzz/$name.dict
	log=$work/logs/$name.log
	"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$work/crashes/$name-" $dict $opts \
		"$work/$name" "$B/seed-$name" >"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	last=$(grep -E '^#[0-9]+' "$log" | tail -1)
	cov=$(echo "$last" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
	ft=$(echo "$last" | sed -n 's/.*ft: \([0-9]*\).*/\1/p')
	corp=$(echo "$last" | sed -n 's/.*corp: \([0-9]*\/[0-9a-zA-Z]*\).*/\1/p')
	echo "$name: ${secs}s, ${runs:-?} runs, cov ${cov:-?}, ft ${ft:-?}, corpus ${corp:-?}, exit $rc"
	if [ "$rc" != 0 ]; then
		status=1
		echo "FAIL $name: see $log"
		grep -E 'ERROR|SUMMARY|runtime error|roundtrip:|Test unit written' "$log" | head -20 | sed 's/^/    /'
		art=$(sed -n 's/.*Test unit written to \([^ ]*\).*/\1/p' "$log" | tail -1)
		if [ -n "$art" ] && [ -f "$art" ]; then
			echo "    input ($(wc -c <"$art") bytes, base64; reproduce: $bin FILE):"
			head -c 4096 "$art" | base64 | sed 's/^/    /'
		fi
		tail -40 "$log" | sed 's/^/  | /'
	fi
done
exit $status
