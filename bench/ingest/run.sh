#!/usr/bin/env bash
# bench/ingest/run.sh — the ingest benchmark, all in one run:
#
#   1. generate a SYNTHETIC corpus (bench/gen): articles + ground-truth extractions
#   2. batched loader vs a naive writer (one transaction per statement) on the
#      same extractions, in the same run, against the same Neo4j (bench/ingest)
#   3. end to end: `whosaid ingest` on the articles (reader + extractor +
#      loader) and `whosaid ingest --extractions` on the ground truth, with
#      peak RSS from /usr/bin/time
#   4. the real PolNeAR train texts end to end, when ../shared/eval is present
#
# Results: bench/out/ingest-<N>/ (JSON lines + time logs), summary on stdout.
# The Neo4j it uses is WIPED. By default it starts (and afterwards stops) its
# own instance with deploy/neo4j/neo4j-local on BENCH_NEO4J_PORT.
#
#   BENCH_DOCS=10000 BENCH_NAIVE=300 bench/ingest/run.sh
#   BENCH_DOCS=100000 bench/ingest/run.sh
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
cd "$repo"

docs=${BENCH_DOCS:-10000}
naive=${BENCH_NAIVE:-300}
port=${BENCH_NEO4J_PORT:-7790}
writers=${BENCH_WRITERS:-2}
out=$repo/bench/out/ingest-$docs
data=$repo/bench/data
mkdir -p "$out" "$data"

command -v /usr/bin/time >/dev/null || { echo "run.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }

started=
if [[ -z ${WHOSAID_NEO4J_URI:-} ]]; then
	export WHOSAID_NEO4J_PORT=$port
	export WHOSAID_NEO4J_HEAP=${WHOSAID_NEO4J_HEAP:-1g}
	export WHOSAID_NEO4J_PAGECACHE=${WHOSAID_NEO4J_PAGECACHE:-1g}
	if ! deploy/neo4j/neo4j-local status >/dev/null 2>&1; then
		deploy/neo4j/neo4j-local reset # start from an empty database
		deploy/neo4j/neo4j-local start
		started=1
	fi
	eval "$(deploy/neo4j/neo4j-local env)"
fi
# CPU seconds Neo4j used so far: with other work on the machine, wall-clock
# rates vary, CPU per statement much less.
neo4j_pid() { cat "${WHOSAID_NEO4J_DIR:-$repo/.neo4j/${WHOSAID_NEO4J_URI##*:}}/run/neo4j.pid" 2>/dev/null || true; }
neo4j_cpu() {
	local pid
	pid=$(neo4j_pid)
	[[ -n $pid && -r /proc/$pid/stat ]] || { echo 0; return; }
	awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14+$15)/hz}' "/proc/$pid/stat"
}
phase() { # name command... — runs a phase, records wall, Neo4j CPU and load
	local name=$1 c0 c1 t0 t1
	shift
	c0=$(neo4j_cpu)
	t0=$(date +%s.%N)
	"$@"
	t1=$(date +%s.%N)
	c1=$(neo4j_cpu)
	printf '{"phase":"%s","wall_seconds":%.1f,"neo4j_cpu_seconds":%.1f,"loadavg":"%s"}\n' \
		"$name" "$(awk "BEGIN{print $t1 - $t0}")" "$(awk "BEGIN{print $c1 - $c0}")" "$(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/phases.jsonl" >&2
}
cleanup() { if [[ -n $started ]]; then deploy/neo4j/neo4j-local stop || true; fi; }
trap cleanup EXIT

echo "== build" >&2
go build -o "$out/whosaid" ./cmd/whosaid
go build -o "$out/ingestbench" ./bench/ingest
go build -o "$out/gen" ./bench/gen/cmd/gen

articles=$data/syn$docs.jsonl
truth=$data/syn$docs.truth.jsonl
if [[ ! -s $articles || ! -s $truth ]]; then
	echo "== generate $docs synthetic articles" >&2
	"$out/gen" -n "$docs" -seed 1 -o "$articles" -truth "$truth"
fi
warm=$data/warmup.truth.jsonl
[[ -s $warm ]] || "$out/gen" -n 2000 -seed 99 -o /dev/null -truth "$warm"
ls -l "$articles" "$truth" >&2

# wipe empties the graph between phases: with our own instance by wiping its
# data directory (deleting millions of nodes through Cypher takes longer than
# the phase it prepares, and a small heap spends it in GC), else through Cypher.
# A restarted server runs cold (its JIT compiles for the first minute or so),
# so it is warmed up with a small corpus of other content that is then
# deleted: phases measure a running server, as users of ingest meet it.
wipe() {
	if [[ -n $started ]]; then
		deploy/neo4j/neo4j-local reset && deploy/neo4j/neo4j-local start
		"$out/whosaid" ingest --quiet --summary json --extractions "$warm" >/dev/null
	fi
	"$out/ingestbench" -reset
}

: > "$out/phases.jsonl"
if [[ -z ${BENCH_SKIP_LOADER:-} ]]; then
echo "== loader: naive ($naive documents) vs batched, same run" >&2
phase loader /usr/bin/time -v -o "$out/loader.time" "$out/ingestbench" -truth "$truth" -naive "$naive" -writers "$writers" | tee "$out/loader.jsonl"
fi

echo "== end to end: whosaid ingest --extractions (ground truth)" >&2
wipe
phase e2e-extractions /usr/bin/time -v -o "$out/e2e-extractions.time" "$out/whosaid" ingest --quiet --summary json --writers "$writers" --extractions "$truth" | tee "$out/e2e-extractions.json"

echo "== end to end: whosaid ingest (reader + extractor + loader)" >&2
wipe
phase e2e-articles /usr/bin/time -v -o "$out/e2e-articles.time" "$out/whosaid" ingest --quiet --summary json --writers "$writers" "$articles" | tee "$out/e2e-articles.json"

echo "== rerun (everything skipped)" >&2
phase e2e-rerun /usr/bin/time -v -o "$out/e2e-rerun.time" "$out/whosaid" ingest --quiet --summary json --writers "$writers" "$articles" | tee "$out/e2e-rerun.json"

polnear=$repo/../shared/eval/polnear/train.jsonl
if [[ -f $polnear ]]; then
	echo "== end to end: PolNeAR train texts" >&2
	wipe
	phase polnear /usr/bin/time -v -o "$out/polnear.time" "$out/whosaid" ingest --quiet --summary json --writers "$writers" "$polnear" | tee "$out/polnear.json"
fi

rss() { [[ -f $1 ]] && awk -F': ' '/Maximum resident set size/ {printf "%.0f MB", $2/1024}' "$1"; }
echo
echo "peak RSS: loader bench $(rss "$out/loader.time"), ingest --extractions $(rss "$out/e2e-extractions.time"), ingest articles $(rss "$out/e2e-articles.time")${polnear:+, polnear $( [[ -f $out/polnear.time ]] && rss "$out/polnear.time")}"
echo "results in $out"
