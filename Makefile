# whosaid's single entry point. `make demo` runs the main job, `make test`
# runs every test; both start the local Neo4j (deploy/neo4j/neo4j-local) on
# WHOSAID_NEO4J_PORT (default 7687) and leave it running: `make neo4j-stop`.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

GO ?= go
NEO4J := deploy/neo4j/neo4j-local
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)
# staticcheck 2026.2.2; the 2026.x releases support Go 1.26.
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
DEMO_ADDR ?= :8080
DEMO_INPUT ?= examples/istanbul-talks-2022-03-29.txt
DEMO_KEY_FILE ?= .neo4j/api-key

# The binary embeds the web explorer bundle; build it when npm is there
# (without it the binary serves a fallback page).
WEB_BUNDLE := $(if $(shell command -v npm 2>/dev/null),web)

# Runs a recipe line with the local Neo4j's WHOSAID_NEO4J_* variables.
NEO4J_ENV = eval "$$($(NEO4J) env)";

# The tests wipe their database, so they get an instance of their own
# (.neo4j/$(TEST_NEO4J_PORT)/), never the one `make demo` fills
# (WHOSAID_NEO4J_PORT, default 7687).
TEST_NEO4J_PORT ?= 7697
TEST_NEO4J = WHOSAID_NEO4J_PORT=$(TEST_NEO4J_PORT) $(NEO4J)
TEST_NEO4J_ENV = eval "$$($(TEST_NEO4J) env)";

.PHONY: help build web test test-deps go-test web-test test-neo4j-start test-neo4j-stop lint bench demo neo4j-start neo4j-stop neo4j-status neo4j-logs clean

help:
	@echo "make demo         start Neo4j, build, migrate, ingest the example, serve on $(DEMO_ADDR)"
	@echo "make test         install missing test tools, start Neo4j, run all tests (integration tests required)"
	@echo "make test-deps    check the tools the tests need; install what is missing (apt-get, pip)"
	@echo "make build        build bin/whosaid"
	@echo "make web          build the web explorer bundle (npm ci && npm run build)"
	@echo "make lint         gofmt, go vet, staticcheck"
	@echo "make bench        Go benchmarks"
	@echo "make neo4j-start | neo4j-stop | neo4j-status | neo4j-logs   (the demo's Neo4j, port $${WHOSAID_NEO4J_PORT:-7687})"
	@echo "make test-neo4j-stop   stop the tests' own Neo4j (TEST_NEO4J_PORT, $(TEST_NEO4J_PORT))"
	@echo "make clean        remove bin/ (keeps .neo4j/; 'deploy/neo4j/neo4j-local reset' wipes data)"

build:
	$(GO) build -buildvcs=auto -ldflags '$(LDFLAGS)' -o bin/whosaid ./cmd/whosaid

# The explorer bundle is embedded by `go build`; rebuilt only when its
# sources change. Without it the binary serves a fallback page.
web: web/dist/index.html

web/dist/index.html: web/node_modules/.package-lock.json web/build.mjs $(wildcard web/src/*)
	cd web && npm run build

# npm writes node_modules/.package-lock.json on install; reinstall only when
# the lock file changed.
web/node_modules/.package-lock.json: web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund

neo4j-start:
	$(NEO4J) start

neo4j-stop:
	$(NEO4J) stop

neo4j-status:
	$(NEO4J) status

neo4j-logs:
	$(NEO4J) logs

# test = Go tests against the real local Neo4j, then the web tests. Both
# first check (and where they can, install) every tool they run:
# scripts/test-deps; 'make test-deps' alone does just that. Since the tools
# are there, a missing export consumer (networkx, dot, neo4j-admin) fails
# its test instead of skipping it (WHOSAID_REQUIRE_CONSUMERS=1).
test: go-test web-test

test-deps:
	scripts/test-deps

go-test: test-deps test-neo4j-start web
	$(TEST_NEO4J_ENV) export WHOSAID_REQUIRE_NEO4J=1 WHOSAID_REQUIRE_CONSUMERS=1; \
	$(GO) test -p 1 -count=1 ./...

# The explorer in headless Chromium against a real server with the example
# article ingested (web/test/run.sh; needs /usr/bin/chromium).
web-test: test-deps test-neo4j-start web
	$(TEST_NEO4J_ENV) web/test/run.sh

# The tests' own Neo4j: refuses to be the demo's instance.
test-neo4j-start:
	@if [ "$(TEST_NEO4J_PORT)" = "$${WHOSAID_NEO4J_PORT:-7687}" ]; then \
		echo "TEST_NEO4J_PORT=$(TEST_NEO4J_PORT) is the demo's Neo4j port (WHOSAID_NEO4J_PORT): the tests wipe their database; choose another TEST_NEO4J_PORT" >&2; exit 2; fi
	$(TEST_NEO4J) start

test-neo4j-stop:
	$(TEST_NEO4J) stop

lint:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...

bench:
	$(GO) test -run '^$$' -bench . ./...

# The demo's API key (scripts/demo-api-key: generated once, mode 600) is
# handed to the server as WHOSAID_API_KEYS, after any keys already set.
demo: neo4j-start $(WEB_BUNDLE) build
	$(NEO4J_ENV) \
	bin/whosaid migrate; \
	bin/whosaid ingest $(DEMO_INPUT); \
	key=$$(scripts/demo-api-key $(DEMO_KEY_FILE)); \
	export WHOSAID_API_KEYS="$${WHOSAID_API_KEYS:+$$WHOSAID_API_KEYS,}$$key"; \
	addr='$(DEMO_ADDR)'; host=$${addr%:*}; \
	case $$host in ""|0.0.0.0|"[::]") host=localhost;; esac; \
	url="http://$$host:$${addr##*:}"; \
	echo; \
	echo "API key (in $(DEMO_KEY_FILE), mode 600) for POST /api/v1/cypher and POST/DELETE /api/v1/documents: $$key"; \
	echo "  curl -s -H 'Authorization: Bearer $$key' -H 'Content-Type: application/json' \\"; \
	echo "    -d '{\"query\": \"MATCH (p:Person)-[:SAID]->(s:Statement) RETURN p.name AS name, count(s) AS n ORDER BY n DESC LIMIT 5\"}' \\"; \
	echo "    $$url/api/v1/cypher"; \
	echo "Ctrl-C stops whosaid, 'make neo4j-stop' stops Neo4j"; \
	echo; \
	exec bin/whosaid serve --addr $(DEMO_ADDR)

clean:
	rm -rf bin/
