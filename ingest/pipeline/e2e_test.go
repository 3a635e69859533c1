package pipeline_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/whosaid/whosaid/bench/gen"
	"github.com/whosaid/whosaid/graph/store"
	"github.com/whosaid/whosaid/ingest/pipeline"
	"github.com/whosaid/whosaid/internal/neo4jtest"
)

// binary is the whosaid command built for the end-to-end tests.
var binary, buildErr = "", error(nil)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "whosaid-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "whosaid")
	out, err := exec.Command("go", "build", "-o", binary, "github.com/whosaid/whosaid/cmd/whosaid").CombinedOutput()
	if err != nil {
		buildErr = fmt.Errorf("go build: %v\n%s", err, out)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// whosaid prepares a run of the built binary against the test server, in
// an empty working directory (no whosaid.yaml).
func whosaid(t *testing.T, opts store.Options, args ...string) *exec.Cmd {
	t.Helper()
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	cmd := exec.Command(binary, args...)
	cmd.Dir = t.TempDir()
	cmd.Env = append(os.Environ(),
		"WHOSAID_NEO4J_URI="+opts.URI,
		"WHOSAID_NEO4J_USERNAME="+opts.Username,
		"WHOSAID_NEO4J_PASSWORD="+opts.Password,
		"WHOSAID_NEO4J_DATABASE="+opts.Database,
	)
	return cmd
}

// writeCorpus writes n synthetic articles, and their ground-truth
// extractions, as JSONL files.
func writeCorpus(t *testing.T, n int) (articles, truth string) {
	t.Helper()
	dir := t.TempDir()
	articles, truth = filepath.Join(dir, "articles.jsonl"), filepath.Join(dir, "truth.jsonl")
	af, err := os.Create(articles)
	if err != nil {
		t.Fatal(err)
	}
	defer af.Close()
	tf, err := os.Create(truth)
	if err != nil {
		t.Fatal(err)
	}
	defer tf.Close()
	aw, tw := bufio.NewWriter(af), bufio.NewWriter(tf)
	g := gen.New(gen.Options{Seed: 42, Documents: n})
	for range n {
		a := g.Next()
		b, _ := json.Marshal(a)
		aw.Write(append(b, '\n'))
		b, _ = json.Marshal(a.Truth)
		tw.Write(append(b, '\n'))
	}
	if err := aw.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := tw.Flush(); err != nil {
		t.Fatal(err)
	}
	return articles, truth
}

func runSummary(t *testing.T, cmd *exec.Cmd) pipeline.Summary {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v: %v\nstderr:\n%s", cmd.Args, err, stderr.String())
	}
	var sum pipeline.Summary
	if err := json.Unmarshal(stdout.Bytes(), &sum); err != nil {
		t.Fatalf("summary %q: %v", stdout.String(), err)
	}
	return sum
}

func dump(t *testing.T, s *store.Store) string {
	t.Helper()
	var b bytes.Buffer
	if err := s.Dump(context.Background(), &b, "ingested_at"); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func documentCount(t *testing.T, s *store.Store) int64 {
	t.Helper()
	res, err := neo4j.ExecuteQuery(context.Background(), s.Driver(), `MATCH (d:Document) RETURN count(d) AS n`, nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(s.Database()))
	if err != nil {
		t.Fatal(err)
	}
	n, _ := res.Records[0].Get("n")
	return n.(int64)
}

// TestKillAndResume kills the ingester with SIGKILL in the middle of a
// corpus, reruns it, and compares the graph with an uninterrupted run.
func TestKillAndResume(t *testing.T) {
	opts, _ := neo4jtest.Options(t)
	s := neo4jtest.Open(t)
	const n = 600
	_, truth := writeCorpus(t, n)
	args := []string{"ingest", "--extractions", "--quiet", "--summary", "json", "--batch-size", "20", truth}

	neo4jtest.Reset(t, s)
	clean := runSummary(t, whosaid(t, opts, args...))
	if clean.Written != n || clean.Failed != 0 {
		t.Fatalf("clean run: %+v", clean.Stats)
	}
	want := dump(t, s)

	neo4jtest.Reset(t, s)
	cmd := whosaid(t, opts, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(2 * time.Minute)
	for documentCount(t, s) < 100 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL
		t.Fatal(err)
	}
	cmd.Wait()
	killedAt := documentCount(t, s)
	if killedAt >= n {
		t.Fatalf("the run finished before it was killed (%d documents); make the corpus larger", killedAt)
	}
	t.Logf("killed with %d of %d documents in the graph", killedAt, n)

	resumed := runSummary(t, whosaid(t, opts, args...))
	if resumed.Failed != 0 || resumed.Skipped != killedAt || resumed.Written != n-killedAt {
		t.Errorf("resumed run: %+v (killed at %d)", resumed.Stats, killedAt)
	}
	if diff := cmp.Diff(want, dump(t, s)); diff != "" {
		t.Errorf("graph after kill and rerun differs from a clean run (-clean +resumed):\n%s", firstLines(diff, 40))
	}

	again := runSummary(t, whosaid(t, opts, args...))
	if again.Skipped != n || again.Written+again.Replaced+again.Failed != 0 {
		t.Errorf("third run must skip everything: %+v", again.Stats)
	}
}

// TestIngestArticlesTwice runs the real extractor through the binary: the
// second run changes nothing, and delete removes one document.
func TestIngestArticlesTwice(t *testing.T) {
	opts, _ := neo4jtest.Options(t)
	s := neo4jtest.Open(t)
	neo4jtest.Reset(t, s)
	articles, _ := writeCorpus(t, 60)

	first := runSummary(t, whosaid(t, opts, "ingest", "--quiet", "--summary", "json", articles))
	if first.Written != 60 || first.Failed != 0 {
		t.Fatalf("first run: %+v", first.Stats)
	}
	before := dump(t, s)
	nodes, rels := neo4jtest.Counts(t, s)
	second := runSummary(t, whosaid(t, opts, "ingest", "--quiet", "--summary", "json", articles))
	if second.Skipped != 60 {
		t.Errorf("second run: %+v", second.Stats)
	}
	if n2, r2 := neo4jtest.Counts(t, s); n2 != nodes || r2 != rels {
		t.Errorf("counts changed: %d/%d → %d/%d", nodes, rels, n2, r2)
	}
	if diff := cmp.Diff(before, dump(t, s)); diff != "" {
		t.Errorf("second run changed the graph:\n%s", firstLines(diff, 40))
	}

	cmd := whosaid(t, opts, "delete", "--json", "--url", "https://synthetic.invalid/news/syn-42-00000001")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("delete: %v\n%s", err, errb.String())
	}
	if got := documentCount(t, s); got != 59 {
		t.Errorf("%d documents after delete, want 59 (%s)", got, out.String())
	}
	cmd = whosaid(t, opts, "delete", "--url", "https://synthetic.invalid/news/syn-42-00000001")
	if err := cmd.Run(); err == nil {
		t.Errorf("deleting a missing document must fail")
	}
}

func TestIngestExitsNonZeroOnFailure(t *testing.T) {
	opts, _ := neo4jtest.Options(t)
	s := neo4jtest.Open(t)
	neo4jtest.Reset(t, s)
	dir := t.TempDir()
	good := filepath.Join(dir, "good.txt")
	os.WriteFile(good, []byte("The minister said the bridge would open in May.\n"), 0o644)
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(bad, []byte("{\"title\": \"no text\"}\n"), 0o644)

	cmd := whosaid(t, opts, "ingest", "--quiet", good, bad)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Fatalf("exit: %v, want status 1\n%s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "bad.jsonl") {
		t.Errorf("the failed input is not named:\n%s", stderr.String())
	}
	if got := documentCount(t, s); got != 1 {
		t.Errorf("%d documents, want the good one", got)
	}
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = append(lines[:n], "…")
	}
	return strings.Join(lines, "\n")
}

// TestInterruptIngest sends SIGINT to an ingest that has written a corpus
// of small articles and is extracting a large one-paragraph document: it
// stops with exit status 130 and the interrupted message, and the graph
// holds exactly the small articles, each whole (the same graph as a run of
// them alone), and nothing of the large document.
func TestInterruptIngest(t *testing.T) {
	opts, _ := neo4jtest.Options(t)
	s := neo4jtest.Open(t)
	const n = 40
	articles, _ := writeCorpus(t, n)
	args := []string{"ingest", "--quiet", "--summary", "json", "--batch-size", "10"}

	neo4jtest.Reset(t, s)
	clean := runSummary(t, whosaid(t, opts, append(args, articles)...))
	if clean.Written != n || clean.Failed != 0 {
		t.Fatalf("clean run: %+v", clean.Stats)
	}
	want := dump(t, s)

	huge := filepath.Join(t.TempDir(), "transcript.txt")
	unit := `The minister said the plan would work. "We are ready," she said. `
	if err := os.WriteFile(huge, []byte(strings.Repeat(unit, 8_000_000/len(unit))), 0o644); err != nil {
		t.Fatal(err)
	}
	neo4jtest.Reset(t, s)
	cmd := whosaid(t, opts, append(args, articles, huge)...)
	cmd.Env = append(cmd.Env, "WHOSAID_INGEST_WORKERS=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// one worker: the small articles are written while the large document,
	// which takes seconds, is extracted
	deadline := time.Now().Add(2 * time.Minute)
	for documentCount(t, s) < n && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(300 * time.Millisecond) // for the last commit to be counted
	sent := time.Now()
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	t.Logf("stopped %v after SIGINT", time.Since(sent).Round(time.Millisecond))
	if code := cmd.ProcessState.ExitCode(); code != 130 {
		t.Errorf("exit %v (status %d), want 130; stderr:\n%s", err, code, stderr.String())
	}
	// a batch whose commit the interrupt overtook counts as not written
	// (the rerun skips it), so the message may say fewer than the graph has
	m := regexp.MustCompile(`whosaid: interrupted: (\d+) documents written, rerun to continue`).FindStringSubmatch(stderr.String())
	if m == nil {
		t.Errorf("stderr %q, want the interrupted message", stderr.String())
	} else if w, _ := strconv.Atoi(m[1]); w > n || w == 0 {
		t.Errorf("the message says %d documents written, the graph has %d", w, n)
	}
	if got := documentCount(t, s); got != n {
		t.Errorf("%d documents in the graph, want the %d small ones", got, n)
	}
	if diff := cmp.Diff(want, dump(t, s)); diff != "" {
		t.Errorf("graph after the interrupt differs from a run of the small articles (-want +got):\n%s", firstLines(diff, 40))
	}
}
