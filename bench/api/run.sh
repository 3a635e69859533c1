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
# Extra arguments go to the load generator.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${WHOSAID_NEO4J_URI:?set the WHOSAID_NEO4J_* variables (deploy/neo4j/neo4j-local env)}"
port=${APIBENCH_PORT:-18080}
bin=$(mktemp -d)/whosaid
go build -o "$bin" ./cmd/whosaid
go build -o "${bin%/*}/apibench" ./bench/api

WHOSAID_HTTP_ADDR=127.0.0.1:$port WHOSAID_API_RATE_LIMIT=0 WHOSAID_LOG_LEVEL=warn \
	"$bin" serve >"${bin%/*}/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
	if curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then break; fi
	sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null || { echo "run.sh: server not ready:" >&2; tail -20 "${bin%/*}/serve.log" >&2; exit 1; }
"${bin%/*}/apibench" -url "http://127.0.0.1:$port" "$@"
