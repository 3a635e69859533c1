package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/whosaid/whosaid/internal/neo4jtest"
)

// TestExportOutputRefused: a CSV export to a file name without .zip is
// refused before anything is read or written, for both models.
func TestExportOutputRefused(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"export", "--format", "csv", "-o", filepath.Join(dir, "clone")},
		{"export", "--model", "stored", "--format", "csv", "-o", filepath.Join(dir, "clone")},
		{"export", "--format", "csv", "-o", filepath.Join(dir, "nodes.csv")},
	} {
		r := cliRun(t, context.Background(), args...)
		if r.err == nil || !strings.Contains(r.err.Error(), ".zip") || !strings.Contains(r.err.Error(), "/") {
			t.Errorf("%q: err = %v, want a refusal naming FILE.zip and DIR/", args, r.err)
		}
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("refused exports left %d files", len(ents))
	}
}

// TestExportOutputFiles: exported files are readable by others (0644, not
// CreateTemp's 0600), a replaced file keeps its mode, and a CSV export goes
// to a .zip file or into a directory named with a final slash.
func TestExportOutputFiles(t *testing.T) {
	neo4jtest.Open(t)
	ctx := context.Background()
	dir := t.TempDir()
	run := func(args ...string) {
		t.Helper()
		r := cliRun(t, ctx, append([]string{"export", "--quiet", "--log-level", "warn"}, args...)...)
		if r.err != nil {
			t.Fatalf("%q: %v\n%s", args, r.err, r.stderr)
		}
	}
	mode := func(p string) os.FileMode {
		t.Helper()
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		return fi.Mode().Perm()
	}

	g := filepath.Join(dir, "g.graphml")
	run("--format", "graphml", "-o", g)
	if m := mode(g); m != 0o644 {
		t.Errorf("new export has mode %v, want 0644", m)
	}
	if err := os.Chmod(g, 0o600); err != nil {
		t.Fatal(err)
	}
	run("--format", "graphml", "-o", g)
	if m := mode(g); m != 0o600 {
		t.Errorf("replaced export has mode %v, want the old 0600", m)
	}

	q := filepath.Join(dir, "q.gexf")
	run("--format", "gexf", "--quotes", "-o", q)
	if b, err := os.ReadFile(q); err != nil || !strings.Contains(string(b), `<attribute id="first_reported"`) {
		t.Errorf("--quotes export lacks the quote attributes: %v\n%s", err, b)
	}

	z := filepath.Join(dir, "clone.zip")
	run("--model", "stored", "--format", "csv", "-o", z)
	if m := mode(z); m != 0o644 {
		t.Errorf("zip has mode %v, want 0644", m)
	}
	d := filepath.Join(dir, "clone") + "/"
	run("--model", "stored", "--format", "csv", "-o", d)
	if ents, err := os.ReadDir(d); err != nil || len(ents) == 0 {
		t.Errorf("directory export: %v, %d files", err, len(ents))
	}
}
