#!/usr/bin/env bash
# Browser test of the web explorer, end to end: builds the bundle and the
# binary, ingests the example article (its front matter gives title, date
# and outlet) and three short invented articles of later dates and other
# outlets (web/test/testdata/; two carry one remark, clustered as one quote) into the Neo4j that WHOSAID_NEO4J_* point
# at, serves on a free port with a fresh API key for the Cypher console,
# runs the Chromium test (web/test/) and stops the server. The database
# is emptied first (every document deleted), as the Go integration tests
# reset it. Screenshots land in test-artifacts/.
#
#   eval "$(deploy/neo4j/neo4j-local env)" && web/test/run.sh
#
# WHOSAID_SKIP_WEB_BUILD=1 reuses web/dist and web/node_modules as they are.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"

die() { echo "web/test/run.sh: $*" >&2; exit 1; }
[ -n "${WHOSAID_NEO4J_URI:-}" ] || die "WHOSAID_NEO4J_URI is unset: start Neo4j and eval \"\$(deploy/neo4j/neo4j-local env)\""
command -v node >/dev/null || die "node is not installed"
chromium=${CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || die "no Chromium at $chromium (apt-get install -y chromium)"

if [ "${WHOSAID_SKIP_WEB_BUILD:-}" != 1 ]; then
	(cd web && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent)
fi
[ -f web/dist/index.html ] || die "web/dist is not built (run make web)"

bin=$(mktemp -d)/whosaid
workdir=$(dirname "$bin")
go build -o "$bin" ./cmd/whosaid

port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
log=$workdir/serve.log
key=$(node -e 'console.log(require("crypto").randomBytes(24).toString("hex"))')
WHOSAID_API_KEYS=$key "$bin" serve --addr "127.0.0.1:$port" >"$log" 2>&1 &
server=$!
cleanup() {
	kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
	rm -rf "$workdir"
}
trap cleanup EXIT

url=http://127.0.0.1:$port/
ready() { node -e 'fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "${url}readyz"; }
for _ in $(seq 1 120); do
	if ready; then break; fi
	kill -0 "$server" 2>/dev/null || { cat "$log" >&2; die "whosaid serve exited"; }
	sleep 0.5
done
ready || { tail -20 "$log" >&2; die "whosaid serve not ready on $url"; }

# The test checks exact counts, so the database starts empty, as for the Go
# integration tests (make test runs those first on the same, test-only
# instance): every document is deleted through DELETE /api/v1/documents/{id}.
# Like the Go tests (internal/neo4jtest), it refuses to empty a database
# that holds documents unless the instance is marked as the tests' own.
marker=
[ -n "${WHOSAID_NEO4J_PASSWORD_FILE:-}" ] && marker=$(dirname "$WHOSAID_NEO4J_PASSWORD_FILE")/test-scratch
if [ "${WHOSAID_NEO4J_TEST_SCRATCH:-}" != 1 ] && { [ -z "$marker" ] || [ ! -e "$marker" ]; }; then
	n=$(node -e 'fetch(process.argv[1] + "api/v1/documents?limit=1").then(r => r.json()).then(p => console.log(p.items.length), () => console.log(-1))' "$url")
	[ "$n" = 0 ] || die "refusing to empty $WHOSAID_NEO4J_URI: it holds documents and is not marked as the tests' Neo4j (no ${marker:-marker file}); run 'make web-test' (its own instance, TEST_NEO4J_PORT) or set WHOSAID_NEO4J_TEST_SCRATCH=1"
	[ -z "$marker" ] || echo "the whosaid tests empty this instance's database" > "$marker"
fi
node -e '
const [base, key] = process.argv.slice(1);
(async () => {
  for (;;) {
    const page = await (await fetch(`${base}api/v1/documents?limit=200`)).json();
    if (!page.items.length) return;
    for (const d of page.items) {
      const r = await fetch(`${base}api/v1/documents/${encodeURIComponent(d.id)}`, { method: "DELETE", headers: { Authorization: `Bearer ${key}` } });
      if (!r.ok) throw new Error(`delete ${d.id}: ${r.status} ${await r.text()}`);
    }
  }
})().catch((e) => { console.error(`web/test/run.sh: ${e.message}`); process.exit(1); });
' "$url" "$key"
"$bin" ingest --quiet examples/istanbul-talks-2022-03-29.txt
"$bin" ingest --quiet web/test/testdata/articles.jsonl

# Plan the page's first queries before the test's clock starts: on a busy
# machine Neo4j's first planning of a query can exceed a lookup's 5 s budget.
for path in overview entities/person:vladimir-medinsky entities/person:vladimir-medinsky/summary \
	entities/person:vladimir-medinsky/statements "export?format=cytoscape&entity=person:vladimir-medinsky&depth=1"; do
	node -e 'fetch(process.argv[1]).then(r => r.arrayBuffer(), () => {})' "${url}api/v1/$path"
done

mkdir -p test-artifacts
cd web
WHOSAID_URL=$url WHOSAID_API_KEY=$key WHOSAID_REQUIRE_BROWSER=1 WHOSAID_ARTIFACTS="$repo/test-artifacts" CHROMIUM="$chromium" \
	node --test --test-reporter=spec test/
