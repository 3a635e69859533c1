#!/usr/bin/env bash
# run.sh measures the researchers' API against the Neo4j that
# WHOSAID_NEO4J_* point at (see deploy/neo4j/neo4j-local env): it builds
# whosaid, starts `whosaid serve` on a spare port with rate limiting off and
# warn-level logs, runs the load generator (bench/api, a second process;
# it drives the API with wrk when wrk is installed: apt-get install wrk)
# and stops the server. Load the graph first, e.g.
#
#   go run ./bench/gen/cmd/gen -n 100000 -seed 7 -o /tmp/syn.jsonl -truth /tmp/syn.truth.jsonl
#   go run ./bench/ingest -truth /tmp/syn.truth.jsonl -naive 0     # WIPES the database
#   bench/api/run.sh -duration 20s -concurrency 4 -json bench/api/results.json
#
# Extra arguments go to the load generator. It is given the server's pid
# and, when WHOSAID_NEO4J_URI is a neo4j-local instance on this machine (or
# APIBENCH_NEO4J_PID is set), Neo4j's, to report CPU time per request.
#
# On a small machine the three processes compete for the same cores, and
# every CPU millisecond the server spends comes out of Neo4j's throughput.
# To measure what the API adds without that, give Neo4j cores of its own
# for the run (Linux, taskset; its affinity is restored at exit):
#
#   APIBENCH_NEO4J_CPUS=0 APIBENCH_CLIENT_CPUS=1 bench/api/run.sh ...
#
# pins Neo4j to CPU 0 and the server, the load generator and wrk to CPU 1.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${WHOSAID_NEO4J_URI:?set the WHOSAID_NEO4J_* variables (deploy/neo4j/neo4j-local env)}"
die() {
	echo "run.sh: $*" >&2
	exit 1
}
port=${APIBENCH_PORT:-18080}
bin=$(mktemp -d)/whosaid
go build -o "$bin" ./cmd/whosaid
go build -o "${bin%/*}/apibench" ./bench/api

neo4j_pid=${APIBENCH_NEO4J_PID:-}
if [[ -z $neo4j_pid && $WHOSAID_NEO4J_URI =~ ^bolt://(127\.0\.0\.1|localhost):([0-9]+)$ ]]; then
	pid_file=${WHOSAID_NEO4J_DIR:-${WHOSAID_NEO4J_CACHE:-.neo4j}/${BASH_REMATCH[2]}}/run/neo4j.pid
	if [[ -r $pid_file ]]; then neo4j_pid=$(tr -dc 0-9 <"$pid_file"); fi
fi

pin=()
restore=:
server=
cleanup() {
	if [[ -n $server ]]; then
		kill "$server" 2>/dev/null
		wait "$server" 2>/dev/null || true
	fi
	eval "$restore"
}
trap cleanup EXIT
if [[ -n ${APIBENCH_NEO4J_CPUS:-}${APIBENCH_CLIENT_CPUS:-} ]]; then
	[[ -n ${APIBENCH_NEO4J_CPUS:-} && -n ${APIBENCH_CLIENT_CPUS:-} ]] ||
		die "set both APIBENCH_NEO4J_CPUS and APIBENCH_CLIENT_CPUS (CPU lists as taskset -c takes them, e.g. 0 and 1)"
	command -v taskset >/dev/null || die "pinning needs taskset (util-linux)"
	[[ -n $neo4j_pid ]] || die "pinning needs Neo4j's pid: a local neo4j-local instance or APIBENCH_NEO4J_PID"
	old_mask=$(taskset -p "$neo4j_pid" | awk '{print $NF}')
	taskset -a -p -c "$APIBENCH_NEO4J_CPUS" "$neo4j_pid" >/dev/null
	restore="taskset -a -p $old_mask $neo4j_pid >/dev/null"
	pin=(taskset -c "$APIBENCH_CLIENT_CPUS")
	echo "run.sh: Neo4j (pid $neo4j_pid) on CPUs $APIBENCH_NEO4J_CPUS; server and load generator on CPUs $APIBENCH_CLIENT_CPUS" >&2
fi

WHOSAID_HTTP_ADDR=127.0.0.1:$port WHOSAID_API_RATE_LIMIT=0 WHOSAID_LOG_LEVEL=warn \
	"${pin[@]}" "$bin" serve >"${bin%/*}/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do
	if curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then break; fi
	sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null || { echo "run.sh: server not ready:" >&2; tail -20 "${bin%/*}/serve.log" >&2; exit 1; }
"${pin[@]}" "${bin%/*}/apibench" -url "http://127.0.0.1:$port" -server-pid "$server" ${neo4j_pid:+-neo4j-pid "$neo4j_pid"} "$@"
