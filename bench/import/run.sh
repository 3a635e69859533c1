#!/usr/bin/env bash
# bench/import/run.sh — offline bulk import vs online ingest, in one run:
#
#   1. a SYNTHETIC corpus of BENCH_DOCS articles (bench/gen) with its
#      ground-truth extractions (so both sides measure loading, not the
#      extractor; BENCH_MODE=articles runs the extractor on both sides)
#   2. bulk: `whosaid import` (CSV writer, peak RSS from /usr/bin/time),
#      `neo4j-admin database import full` into a new instance, start,
#      `whosaid import --finish` (migrations, indexes, fixups)
#   3. online: `whosaid ingest` of the first BENCH_ONLINE documents into an
#      empty instance
#   4. rates (documents/s), the ratio bulk/online, disk of the CSV files and
#      of both databases
#
# Both instances are started with deploy/neo4j/neo4j-local on their own
# ports (BENCH_BULK_PORT, BENCH_ONLINE_PORT) and state under bench/out, and
# stopped afterwards. Results: bench/out/import-<N>/summary.txt.
#
#   BENCH_DOCS=20000 BENCH_ONLINE=5000 bench/import/run.sh     # a few minutes on 2 cores
#   BENCH_DOCS=1000000 BENCH_ONLINE=100000 bench/import/run.sh # the 1M-article run
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
cd "$repo"

docs=${BENCH_DOCS:-20000}
online=${BENCH_ONLINE:-5000}
mode=${BENCH_MODE:-extractions}
bulk_port=${BENCH_BULK_PORT:-7791}
online_port=${BENCH_ONLINE_PORT:-7792}
out=$repo/bench/out/import-$docs
data=$repo/bench/data
mkdir -p "$out" "$data"
command -v /usr/bin/time >/dev/null || { echo "run.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
case $mode in extractions | articles) ;; *) echo "run.sh: BENCH_MODE=$mode: extractions or articles" >&2; exit 2 ;; esac

go build -o "$out/whosaid" ./cmd/whosaid
articles=$data/import-$docs.jsonl truth=$data/import-$docs.truth.jsonl
[[ -s $truth && -s $articles ]] || go run ./bench/gen/cmd/gen -n "$docs" -seed 1 -o "$articles" -truth "$truth"
input=$truth flag=--extractions
[[ $mode == articles ]] && input=$articles flag=
head -n "$online" "$input" >"$out/first.jsonl"

launcher=$repo/deploy/neo4j/neo4j-local
inst() { # inst PORT CMD...: the launcher on an instance of this benchmark
	local port=$1
	shift
	WHOSAID_NEO4J_PORT=$port WHOSAID_NEO4J_DIR=$out/neo4j-$port WHOSAID_NEO4J_AUTH=none \
		WHOSAID_NEO4J_HEAP=${WHOSAID_NEO4J_HEAP:-1g} WHOSAID_NEO4J_PAGECACHE=${WHOSAID_NEO4J_PAGECACHE:-512m} "$launcher" "$@"
}
cleanup() { inst "$bulk_port" stop >/dev/null 2>&1 || true; inst "$online_port" stop >/dev/null 2>&1 || true; }
trap cleanup EXIT
export WHOSAID_NEO4J_USERNAME= WHOSAID_NEO4J_PASSWORD= WHOSAID_NEO4J_PASSWORD_FILE=
peak() { sed -n 's/.*Maximum resident set size (kbytes): //p' "$1"; }
wall() { sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$1"; }
secs() { awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }' <<<"$1"; }

# --- bulk -------------------------------------------------------------------
inst "$bulk_port" reset >/dev/null 2>&1 || true
rm -rf "$out/csv"
/usr/bin/time -v "$out/whosaid" import $flag --admin "" --summary json --to "$out/csv" "$input" \
	>"$out/import.json" 2>"$out/import.time"
csv_s=$(secs "$(wall "$out/import.time")") csv_rss=$(peak "$out/import.time")
read -ra admin_args < <(sed -n 's/^neo4j-admin //p' "$out/csv/import.txt")
start=$(date +%s.%N)
inst "$bulk_port" admin "${admin_args[@]}" >"$out/admin.log" 2>&1 || { tail -20 "$out/admin.log"; exit 1; }
admin_s=$(echo "$(date +%s.%N) - $start" | bc)
inst "$bulk_port" start >/dev/null 2>&1
start=$(date +%s.%N)
WHOSAID_NEO4J_URI=bolt://127.0.0.1:$bulk_port "$out/whosaid" import --finish 2>"$out/finish.log"
finish_s=$(echo "$(date +%s.%N) - $start" | bc)
inst "$bulk_port" stop >/dev/null 2>&1
bulk_s=$(echo "$csv_s + $admin_s + $finish_s" | bc)

# --- online -----------------------------------------------------------------
inst "$online_port" reset >/dev/null 2>&1 || true
inst "$online_port" start >/dev/null 2>&1
WHOSAID_NEO4J_URI=bolt://127.0.0.1:$online_port "$out/whosaid" migrate >/dev/null 2>&1
/usr/bin/time -v env WHOSAID_NEO4J_URI=bolt://127.0.0.1:$online_port "$out/whosaid" ingest $flag --quiet --summary json "$out/first.jsonl" \
	>"$out/ingest.json" 2>"$out/ingest.time"
online_s=$(secs "$(wall "$out/ingest.time")")
inst "$online_port" stop >/dev/null 2>&1

bulk_rate=$(echo "$docs / $bulk_s" | bc -l) online_rate=$(echo "$online / $online_s" | bc -l)
{
	echo "corpus: $docs synthetic articles ($mode), online on the first $online; $(nproc) cores"
	printf 'bulk:   %.0f documents/s over %.1fs (CSV %.1fs at %s KB peak RSS, neo4j-admin %.1fs, finish %.1fs)\n' \
		"$bulk_rate" "$bulk_s" "$csv_s" "$csv_rss" "$admin_s" "$finish_s"
	printf 'online: %.0f documents/s over %.1fs (peak RSS %s KB)\n' "$online_rate" "$online_s" "$(peak "$out/ingest.time")"
	printf 'ratio:  %.1fx\n' "$(echo "$bulk_rate / $online_rate" | bc -l)"
	echo "disk:   CSV $(du -sh "$out/csv" | cut -f1), bulk database $(du -sh "$out/neo4j-$bulk_port/data" | cut -f1) ($docs docs), online database $(du -sh "$out/neo4j-$online_port/data" | cut -f1) ($online docs)"
	echo "import: $(cat "$out/import.json")"
	echo "ingest: $(cat "$out/ingest.json")"
} | tee "$out/summary.txt"
