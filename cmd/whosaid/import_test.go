package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/whosaid/whosaid/bench/gen"
	"github.com/whosaid/whosaid/graph/store"
	"github.com/whosaid/whosaid/internal/neo4jtest"
)

// TestImportEqualsIngest builds one corpus twice: online with ingest, and
// offline with import (neo4j-admin into a fresh server started by
// deploy/neo4j/neo4j-local, then import --finish). The two graphs must be
// the same, quotes included (the corpus has syndicated copies: exact,
// trimmed and edited reports of one remark from other outlets), and
// ingesting the corpus again on top of the imported one must skip every
// document and change nothing.
func TestImportEqualsIngest(t *testing.T) {
	s := neo4jtest.Open(t)
	if _, err := exec.LookPath("java"); err != nil {
		t.Skip("java not found: the import test runs neo4j-admin and a second server")
	}
	neo4jtest.Reset(t, s)
	t.Setenv("WHOSAID_QUOTES_ENABLED", "true")
	ctx := context.Background()
	dir := t.TempDir()
	corpus := filepath.Join(dir, "articles.jsonl")
	var buf bytes.Buffer
	g := gen.New(gen.Options{Seed: 7, Documents: 50})
	enc := json.NewEncoder(&buf)
	n := 1 // the example article
	for range 50 {
		for _, a := range g.NextSyndicated(gen.Syndication{Rate: 0.5, MaxCopies: 3, Outlets: 5}) {
			if err := enc.Encode(a.Article); err != nil {
				t.Fatal(err)
			}
			n++
		}
	}
	if err := os.WriteFile(corpus, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	inputs := []string{corpus, "../../examples/istanbul-talks-2022-03-29.txt"}

	// One worker and one writer: entity names, when documents disagree,
	// follow arrival order, which both runs then share.
	r := cliRun(t, ctx, append([]string{"ingest", "--quiet", "--workers", "1", "--writers", "1"}, inputs...)...)
	if r.err != nil {
		t.Fatalf("ingest: %v\n%s", r.err, r.stderr)
	}
	online := dumpStore(t, s)

	onlineEnv := map[string]string{}
	for _, k := range []string{"WHOSAID_NEO4J_URI", "WHOSAID_NEO4J_USERNAME", "WHOSAID_NEO4J_PASSWORD", "WHOSAID_NEO4J_PASSWORD_FILE"} {
		onlineEnv[k] = os.Getenv(k)
	}

	launcher, err := filepath.Abs("../../deploy/neo4j/neo4j-local")
	if err != nil {
		t.Fatal(err)
	}
	port := freeTCPPort(t)
	t.Setenv("WHOSAID_NEO4J_PORT", fmt.Sprint(port))
	t.Setenv("WHOSAID_NEO4J_DIR", filepath.Join(dir, "neo4j"))
	t.Setenv("WHOSAID_NEO4J_AUTH", "none")
	t.Setenv("WHOSAID_NEO4J_HEAP", "256m")
	t.Setenv("WHOSAID_NEO4J_PAGECACHE", "64m")
	csvDir := filepath.Join(dir, "csv")
	r = cliRun(t, ctx, append([]string{"import", "--workers", "1", "--to", csvDir, "--admin", launcher + " admin"}, inputs...)...)
	if r.err != nil {
		t.Fatalf("import: %v\n%s", r.err, r.stderr)
	}
	if !strings.Contains(r.stderr, "IMPORT DONE") || !strings.Contains(r.stderr, fmt.Sprintf("%d written", n)) {
		t.Fatalf("import output:\n%s", r.stderr)
	}
	if out, err := exec.Command(launcher, "start").CombinedOutput(); err != nil {
		t.Fatalf("start the imported database: %v\n%s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command(launcher, "stop").Run() })

	uri := fmt.Sprintf("bolt://127.0.0.1:%d", port)
	t.Setenv("WHOSAID_NEO4J_URI", uri)
	t.Setenv("WHOSAID_NEO4J_USERNAME", "")
	t.Setenv("WHOSAID_NEO4J_PASSWORD", "")
	t.Setenv("WHOSAID_NEO4J_PASSWORD_FILE", "")
	if r = cliRun(t, ctx, "import", "--finish"); r.err != nil {
		t.Fatalf("import --finish: %v\n%s", r.err, r.stderr)
	}
	// The import wrote every quote whole: no speaker here is too large to
	// cluster in memory.
	if !strings.Contains(r.stderr, " 0 quotes summarised") {
		t.Errorf("import --finish summarised quotes the import should have written whole:\n%s", r.stderr)
	}
	imp, err := store.Open(ctx, store.Options{URI: uri, ConnectWait: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	defer imp.Close(ctx)
	imported := dumpStore(t, imp)
	if d := cmp.Diff(online, imported); d != "" {
		t.Fatalf("imported graph differs from the ingested one (-ingest +import):\n%s", d)
	}
	quotes, reports := 0, 0
	for _, l := range imported {
		if strings.HasPrefix(l, "(Quote ") {
			quotes++
		}
		if strings.Contains(l, "-[REPORTS ") {
			reports++
		}
	}
	if quotes == 0 || reports <= quotes {
		t.Fatalf("%d quotes, %d reports: the syndicated copies should share quotes", quotes, reports)
	}

	r = cliRun(t, ctx, append([]string{"ingest", "--quiet", "--summary", "json"}, inputs...)...)
	if r.err != nil {
		t.Fatalf("ingest on the imported database: %v\n%s", r.err, r.stderr)
	}
	var sum struct{ Written, Replaced, Skipped, Failed int }
	if err := json.Unmarshal([]byte(r.stdout), &sum); err != nil {
		t.Fatalf("summary %q: %v", r.stdout, err)
	}
	if sum.Skipped != n || sum.Written+sum.Replaced+sum.Failed != 0 {
		t.Errorf("ingest after import: %+v, want %d skipped", sum, n)
	}
	if d := cmp.Diff(imported, dumpStore(t, imp)); d != "" {
		t.Errorf("ingest after import changed the graph:\n%s", d)
	}

	// A new version of an imported document replaces it as online: the
	// same change on both databases gives the same graph.
	var first struct{ URL string }
	if err := json.Unmarshal(bytes.SplitN(buf.Bytes(), []byte("\n"), 2)[0], &first); err != nil {
		t.Fatal(err)
	}
	update := filepath.Join(dir, "update.jsonl")
	line, _ := json.Marshal(map[string]string{"url": first.URL, "published": "2024-05-01",
		"text": "Minister Ana Lopes said on Tuesday that the new plan would work."})
	if err := os.WriteFile(update, append(line, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	replace := func() {
		t.Helper()
		r := cliRun(t, ctx, "ingest", "--quiet", "--summary", "json", update)
		if r.err != nil || !strings.Contains(r.stdout, `"replaced":1`) {
			t.Fatalf("ingest of a new version: %v\n%s%s", r.err, r.stdout, r.stderr)
		}
	}
	replace()
	for k, v := range onlineEnv {
		t.Setenv(k, v)
	}
	replace()
	if d := cmp.Diff(dumpStore(t, s), dumpStore(t, imp)); d != "" {
		t.Errorf("replacing a document differs after import (-ingest +import):\n%s", d)
	}
}

func dumpStore(t *testing.T, s *store.Store) []string {
	t.Helper()
	var b bytes.Buffer
	if err := s.Dump(context.Background(), &b, "ingested_at"); err != nil {
		t.Fatal(err)
	}
	return strings.Split(b.String(), "\n")
}

func freeTCPPort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
