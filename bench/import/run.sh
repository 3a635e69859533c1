#!/usr/bin/env bash
# bench/import/run.sh — offline bulk import vs online ingest, in one run:
#
#   1. a SYNTHETIC corpus of BENCH_DOCS articles (bench/gen) with its
#      ground-truth extractions (so both sides measure loading, not the
#      extractor; BENCH_MODE=articles runs the extractor on both sides);
#      with BENCH_SYNDICATE=RATE, BENCH_DOCS originals of which that share
#      is followed by 1-4 syndicated copies (quotes reported many times)
#   2. bulk: `whosaid import` (CSV writer, peak RSS from /usr/bin/time),
#      `neo4j-admin database import full` into a new instance, start,
#      `whosaid import --finish` (migrations, indexes, fixups)
#   3. online: `whosaid ingest` of the first BENCH_ONLINE documents into an
#      empty instance; BENCH_PARALLEL=1 runs it at the same time as the bulk
#      side (a shorter run on a shared machine; compare CPU per document)
#   4. rates (documents/s), the ratio bulk/online, disk of the CSV files and
#      of both databases
#
# Both instances are started with deploy/neo4j/neo4j-local on their own
# ports (BENCH_BULK_PORT, BENCH_ONLINE_PORT) and state under bench/out, and
# stopped afterwards. Results: bench/out/import-<N>/summary.txt.
#
#   BENCH_DOCS=20000 BENCH_ONLINE=5000 bench/import/run.sh     # a few minutes on 2 cores
#   BENCH_DOCS=1000000 BENCH_ONLINE=100000 bench/import/run.sh # the 1M-article run
#   BENCH_DOCS=800000 BENCH_SYNDICATE=0.1 BENCH_ONLINE=20000 BENCH_PARALLEL=1 nice bench/import/run.sh
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
cd "$repo"

docs=${BENCH_DOCS:-20000}
online=${BENCH_ONLINE:-5000}
mode=${BENCH_MODE:-extractions}
syndicate=${BENCH_SYNDICATE:-0}
parallel=${BENCH_PARALLEL:-0}
bulk_port=${BENCH_BULK_PORT:-7791}
online_port=${BENCH_ONLINE_PORT:-7792}
out=$repo/bench/out/import-$docs
data=${BENCH_DATA:-$repo/bench/data}
mkdir -p "$out" "$data"
command -v /usr/bin/time >/dev/null || { echo "run.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
case $mode in extractions | articles) ;; *) echo "run.sh: BENCH_MODE=$mode: extractions or articles" >&2; exit 2 ;; esac

go build -o "$out/whosaid" ./cmd/whosaid
name=import-$docs
[[ $syndicate != 0 ]] && name=import-$docs-syn$syndicate
articles=$data/$name.jsonl truth=$data/$name.truth.jsonl
[[ -s $truth && -s $articles ]] || go run ./bench/gen/cmd/gen -n "$docs" -seed 1 -syndicate "$syndicate" -o "$articles" -truth "$truth"
input=$truth flag=--extractions
[[ $mode == articles ]] && input=$articles flag=
head -n "$online" "$input" >"$out/first.jsonl"
docs=$(wc -l <"$input") # with syndicated copies, more than the originals

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
cpu() { # user + system seconds from a /usr/bin/time -v log
	awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.1f", s }' "$1"
}
server_cpu() { # CPU seconds the instance's server process has used so far
	local pid
	pid=$(tr -dc '0-9' <"$out/neo4j-$1/run/neo4j.pid")
	awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' "/proc/$pid/stat"
}
wall() { sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$1"; }
secs() { awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }' <<<"$1"; }

# --- online -----------------------------------------------------------------
online_run() {
	inst "$online_port" reset >/dev/null 2>&1 || true
	inst "$online_port" start >/dev/null 2>&1
	WHOSAID_NEO4J_URI=bolt://127.0.0.1:$online_port "$out/whosaid" migrate >/dev/null 2>&1
	cpu0=$(server_cpu "$online_port")
	/usr/bin/time -v env WHOSAID_NEO4J_URI=bolt://127.0.0.1:$online_port "$out/whosaid" ingest $flag --quiet --summary json "$out/first.jsonl" \
		>"$out/ingest.json" 2>"$out/ingest.time"
	online_s=$(secs "$(wall "$out/ingest.time")")
	online_server_cpu=$(echo "$(server_cpu "$online_port") - $cpu0" | bc)
	inst "$online_port" stop >/dev/null 2>&1
	echo "$online_s $online_server_cpu" >"$out/online.result"
}
if [[ $parallel == 1 ]]; then
	online_run &
	online_pid=$!
fi

# --- bulk -------------------------------------------------------------------
inst "$bulk_port" reset >/dev/null 2>&1 || true
rm -rf "$out/csv"
/usr/bin/time -v "$out/whosaid" import $flag --admin "" --summary json --to "$out/csv" "$input" \
	>"$out/import.json" 2>"$out/import.time"
csv_s=$(secs "$(wall "$out/import.time")") csv_rss=$(peak "$out/import.time")
read -ra admin_args < <(sed -n 's/^neo4j-admin //p' "$out/csv/import.txt")
/usr/bin/time -v -o "$out/admin.time" env WHOSAID_NEO4J_PORT="$bulk_port" WHOSAID_NEO4J_DIR="$out/neo4j-$bulk_port" WHOSAID_NEO4J_AUTH=none \
	WHOSAID_NEO4J_HEAP="${WHOSAID_NEO4J_HEAP:-1g}" WHOSAID_NEO4J_PAGECACHE="${WHOSAID_NEO4J_PAGECACHE:-512m}" \
	"$launcher" admin "${admin_args[@]}" >"$out/admin.log" 2>&1 || { tail -20 "$out/admin.log"; exit 1; }
admin_s=$(secs "$(wall "$out/admin.time")") admin_cpu=$(cpu "$out/admin.time")
inst "$bulk_port" start >/dev/null 2>&1
cpu0=$(server_cpu "$bulk_port")
start=$(date +%s.%N)
WHOSAID_NEO4J_URI=bolt://127.0.0.1:$bulk_port "$out/whosaid" import --finish 2>"$out/finish.log"
finish_s=$(echo "$(date +%s.%N) - $start" | bc)
finish_cpu=$(echo "$(server_cpu "$bulk_port") - $cpu0" | bc)
inst "$bulk_port" stop >/dev/null 2>&1
bulk_s=$(echo "$csv_s + $admin_s + $finish_s" | bc)

if [[ $parallel == 1 ]]; then
	wait "$online_pid"
else
	online_run
fi
read -r online_s online_server_cpu <"$out/online.result"

bulk_rate=$(echo "$docs / $bulk_s" | bc -l) online_rate=$(echo "$online / $online_s" | bc -l)
csv_cpu=$(cpu "$out/import.time") ingest_cpu=$(cpu "$out/ingest.time")
# CPU seconds per 1000 documents, all processes: what the machine pays,
# whatever else runs on it (the wall-clock rates depend on the load).
bulk_cpu_k=$(echo "($csv_cpu + $admin_cpu + $finish_cpu) * 1000 / $docs" | bc -l)
online_cpu_k=$(echo "($ingest_cpu + $online_server_cpu) * 1000 / $online" | bc -l)
{
	echo "corpus: $docs synthetic articles ($mode, syndicated share $syndicate), online on the first $online (parallel=$parallel); $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
	printf 'bulk:   %.0f documents/s over %.1fs: CSV %.1fs (%.0f docs/s, %ss CPU, peak RSS %s KB), neo4j-admin %.1fs (%ss CPU), finish %.1fs (%ss server CPU)\n' \
		"$bulk_rate" "$bulk_s" "$csv_s" "$(echo "$docs / $csv_s" | bc -l)" "$csv_cpu" "$csv_rss" "$admin_s" "$admin_cpu" "$finish_s" "$finish_cpu"
	printf 'online: %.0f documents/s over %.1fs (whosaid %ss CPU, peak RSS %s KB; Neo4j %ss CPU)\n' \
		"$online_rate" "$online_s" "$ingest_cpu" "$(peak "$out/ingest.time")" "$online_server_cpu"
	printf 'ratio:  %.1fx by wall clock; CPU per 1000 documents: bulk %.1fs, online %.1fs (%.1fx)\n' \
		"$(echo "$bulk_rate / $online_rate" | bc -l)" "$bulk_cpu_k" "$online_cpu_k" "$(echo "$online_cpu_k / $bulk_cpu_k" | bc -l)"
	echo "disk:   CSV $(du -sh "$out/csv" | cut -f1), bulk database $(du -sh "$out/neo4j-$bulk_port/data" | cut -f1) ($docs docs), online database $(du -sh "$out/neo4j-$online_port/data" | cut -f1) ($online docs)"
	echo "import: $(cat "$out/import.json")"
	echo "ingest: $(cat "$out/ingest.json")"
} | tee "$out/summary.txt"
