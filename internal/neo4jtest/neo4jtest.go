// Package neo4jtest connects integration tests to the real Neo4j server that
// `deploy/neo4j/neo4j-local` (or .ci/run) started. It reads the same
// WHOSAID_NEO4J_* variables as whosaid. When WHOSAID_NEO4J_URI is unset the
// test is skipped, unless WHOSAID_REQUIRE_NEO4J=1 (set by .ci/run and
// `make test`), in which case it fails: a skipped integration suite in CI is
// a failure.
//
// Integration tests share one database, so packages must not run in parallel
// (`go test -p 1`) and tests that call Reset must not use t.Parallel.
package neo4jtest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/whosaid/whosaid/graph/store"
)

// Options returns the store options from the environment, and whether a
// server is configured at all.
func Options(t testing.TB) (store.Options, bool) {
	t.Helper()
	uri := os.Getenv("WHOSAID_NEO4J_URI")
	if uri == "" {
		if os.Getenv("WHOSAID_REQUIRE_NEO4J") == "1" {
			t.Fatal("WHOSAID_REQUIRE_NEO4J=1 but WHOSAID_NEO4J_URI is unset: start Neo4j with deploy/neo4j/neo4j-local start and export its variables (deploy/neo4j/neo4j-local env)")
		}
		return store.Options{}, false
	}
	opts := store.Options{
		URI:         uri,
		Username:    envOr("WHOSAID_NEO4J_USERNAME", "neo4j"),
		Password:    os.Getenv("WHOSAID_NEO4J_PASSWORD"),
		Database:    os.Getenv("WHOSAID_NEO4J_DATABASE"),
		ConnectWait: 30 * time.Second,
	}
	if opts.Password == "" {
		if f := os.Getenv("WHOSAID_NEO4J_PASSWORD_FILE"); f != "" {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatalf("read WHOSAID_NEO4J_PASSWORD_FILE: %v", err)
			}
			opts.Password = strings.TrimSpace(string(b))
		}
	}
	return opts, true
}

// Open returns a migrated store on the test server, closed when the test
// ends, or skips the test when no server is configured.
func Open(t testing.TB) *store.Store {
	t.Helper()
	opts, ok := Options(t)
	if !ok {
		t.Skip("integration test: set WHOSAID_NEO4J_URI (see deploy/neo4j/neo4j-local env)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s, err := store.Open(ctx, opts)
	if err != nil {
		t.Fatalf("open neo4j %s: %v", opts.URI, err)
	}
	t.Cleanup(func() { s.Close(context.Background()) })
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return s
}

// ScratchFile, in a neo4j-local instance's state directory, marks the
// instance as one the tests may empty: Reset writes it when it empties a
// database that holds no documents, and refuses to empty one that holds
// documents without it. A graph `make demo` filled (or any user's data) is
// never wiped by a test pointed at it by mistake.
const ScratchFile = "test-scratch"

// Reset deletes every node but the schema-migration records.
func Reset(t testing.TB, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	guardScratch(t, ctx, s)
	// batches of 500: a node with many relationships (a speaker of
	// thousands of statements) makes one row heavy, and 10,000 rows ran
	// out of the 512 MB test heap once a scratch database held ~50k
	// statements
	const q = `MATCH (n) WHERE NOT n:SchemaMigration
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 500 ROWS`
	sess := s.Driver().NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.Database()})
	defer sess.Close(ctx)
	if _, err := sess.Run(ctx, q, nil); err != nil {
		t.Fatalf("reset graph: %v", err)
	}
}

// guardScratch fails the test before Reset empties a database that holds
// documents and is not marked as the tests' own (ScratchFile beside the
// instance's password file, or WHOSAID_NEO4J_TEST_SCRATCH=1 for a server
// that is no neo4j-local instance).
func guardScratch(t testing.TB, ctx context.Context, s *store.Store) {
	t.Helper()
	if os.Getenv("WHOSAID_NEO4J_TEST_SCRATCH") == "1" {
		return
	}
	marker := ""
	if f := os.Getenv("WHOSAID_NEO4J_PASSWORD_FILE"); f != "" {
		marker = filepath.Join(filepath.Dir(f), ScratchFile)
	}
	if marker != "" {
		if _, err := os.Stat(marker); err == nil {
			return
		}
	}
	res, err := neo4j.ExecuteQuery(ctx, s.Driver(), `MATCH (d:Document) RETURN count(d) > 0 AS any`,
		nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(s.Database()))
	if err != nil {
		t.Fatalf("reset graph: look for documents: %v", err)
	}
	if any, _ := res.Records[0].Get("any"); any == true {
		t.Fatalf("refusing to empty %s: it holds documents and is not marked as the tests' Neo4j (no %s). "+
			"Run the tests on their own instance (make test does: TEST_NEO4J_PORT, default 7697), "+
			"or, if this database is scratch, create that file or set WHOSAID_NEO4J_TEST_SCRATCH=1", os.Getenv("WHOSAID_NEO4J_URI"), marker)
	}
	if marker != "" {
		if err := os.WriteFile(marker, []byte("the whosaid tests empty this instance's database\n"), 0o644); err != nil {
			t.Logf("mark %s as the tests' instance: %v", marker, err)
		}
	}
}

// Counts returns the number of nodes and relationships, for tests that check
// that something changed nothing. The schema's migration records are not
// counted: they are bookkeeping, and their number grows with every migration.
func Counts(t testing.TB, s *store.Store) (nodes, rels int64) {
	t.Helper()
	ctx := context.Background()
	res, err := neo4j.ExecuteQuery(ctx, s.Driver(),
		`CALL { MATCH (n) WHERE NOT n:SchemaMigration RETURN count(n) AS nodes } CALL { MATCH ()-[r]->() RETURN count(r) AS rels } RETURN nodes, rels`,
		nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(s.Database()))
	if err != nil {
		t.Fatalf("count graph: %v", err)
	}
	r := res.Records[0]
	n, _ := r.Get("nodes")
	m, _ := r.Get("rels")
	return n.(int64), m.(int64)
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}
