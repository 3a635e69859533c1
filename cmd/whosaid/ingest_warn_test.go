package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/whosaid/whosaid/internal/neo4jtest"
)

// TestIngestQuietKeepsWarnings: --quiet turns off progress only; the
// "invalid UTF-8 repaired" warning still reaches stderr, and only
// --log-level error hides it (issue #13).
func TestIngestQuietKeepsWarnings(t *testing.T) {
	st := neo4jtest.Open(t) // the CLI reads the same WHOSAID_NEO4J_* variables
	neo4jtest.Reset(t, st)
	path := filepath.Join(t.TempDir(), "latin1.txt")
	if err := os.WriteFile(path, []byte("Anna Kowalsky said the caf\xe9 would reopen on Monday.\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, tc := range []struct {
		args []string
		warn bool
	}{
		{[]string{"ingest", "--quiet", path}, true},
		{[]string{"ingest", "--quiet", "--log-level", "warn", path}, true},
		{[]string{"ingest", "--log-level", "error", path}, false},
	} {
		r := cliRun(t, ctx, tc.args...)
		if r.err != nil {
			t.Fatalf("%v: %v\n%s", tc.args, r.err, r.stderr)
		}
		if got := strings.Contains(r.stderr, "warning:") && strings.Contains(r.stderr, "invalid UTF-8 repaired"); got != tc.warn {
			t.Errorf("%v: warning shown = %v, want %v; stderr:\n%s", tc.args, got, tc.warn, r.stderr)
		}
	}
}
