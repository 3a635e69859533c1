package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/whosaid/whosaid/graph"
)

// extractRun runs `whosaid extract args...` in-process with stdin.
func extractRun(t *testing.T, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	t.Setenv("WHOSAID_INGEST_WORKERS", "")
	t.Setenv("WHOSAID_INGEST_MAX_FILE_SIZE", "")
	var out, errOut bytes.Buffer
	cmd := newRootCmd()
	cmd.SetArgs(append([]string{"extract"}, args...))
	cmd.SetIn(strings.NewReader(stdin))
	cmd.SetOut(&out)
	cmd.SetErr(&errOut)
	err = cmd.ExecuteContext(context.Background())
	return out.String(), errOut.String(), err
}

func decodeLines(t *testing.T, s string) []graph.Extraction {
	t.Helper()
	var exs []graph.Extraction
	sc := bufio.NewScanner(strings.NewReader(s))
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var ex graph.Extraction
		if err := json.Unmarshal(sc.Bytes(), &ex); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		exs = append(exs, ex)
	}
	return exs
}

// writeTree creates files (name → content) under a temporary directory.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestExtractJSONLContract(t *testing.T) {
	sample := filepath.Join("..", "..", "examples", "istanbul-talks-2022-03-29.txt")
	out, stderr, err := extractRun(t, "", "--format", "jsonl", "--published", "2022-03-29", sample)
	if err != nil {
		t.Fatalf("err = %v, stderr = %s", err, stderr)
	}
	exs := decodeLines(t, out)
	if len(exs) != 1 {
		t.Fatalf("got %d lines, want 1", len(exs))
	}
	d := exs[0].Document
	if !strings.HasPrefix(d.ID, "sha256:") || d.Path != sample || d.Published != "2022-03-29" {
		t.Errorf("document = %+v", d)
	}
	if d.Text != "" {
		t.Error("document.text present without --include-text")
	}
	// Every line is one object with the three contract keys.
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(strings.TrimSpace(out)), &raw); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"document", "entities", "statements"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("key %q missing", k)
		}
	}
	if string(raw["entities"]) == "null" || string(raw["statements"]) == "null" {
		t.Errorf("entities/statements must be arrays, got %s / %s", raw["entities"], raw["statements"])
	}

	// With the text, offsets can be checked against it.
	out, _, err = extractRun(t, "", "--include-text", sample)
	if err != nil {
		t.Fatal(err)
	}
	ex := decodeLines(t, out)[0]
	// The example's metadata is front matter, which is not part of the
	// text: offsets are offsets into the file after it.
	b, _ := os.ReadFile(sample)
	_, body, _ := strings.Cut(string(b), "\n---\n")
	if ex.Document.Text != strings.TrimLeft(body, "\n") || ex.Document.Title == "" {
		t.Errorf("document.text differs from the file after its front matter (title %q): offsets must be offsets into the file's article text", ex.Document.Title)
	}
	text := ex.Document.Text
	for _, s := range ex.Statements {
		if s.Content.Start < 0 || s.Content.End > len(text) || text[s.Content.Start:s.Content.End] != s.Content.Text {
			t.Errorf("statement %s: content offsets do not match the text", s.ID)
		}
	}
}

func TestExtractBatchWithFailures(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"a.txt":          "First article. \"We are ready,\" the minister said.",
		"b/c.md":         "---\ntitle: Second\npublished: 2022-03-30\n---\nSecond article text.",
		"b/d.jsonl":      "{\"id\": \"x\", \"text\": \"Third.\"}\n{\"title\": \"no text\"}\n{\"text\": \"Fifth.\"}\n",
		"e.txt":          "",
		"f.html":         "<html><head><title>Sixth</title></head><body><article><p>Sixth article body.</p></article></body></html>",
		"g.txt":          "bin\x00ary",
		".hidden/h.txt":  "hidden",
		"unbalanced.txt": "He said \"this never closes.",
	})
	out, stderr, err := extractRun(t, "", "--workers", "3", dir)
	if err == nil || exitCode(err) != 1 {
		t.Fatalf("err = %v (code %d), want exit status 1", err, exitCode(err))
	}
	var paths []string
	for _, ex := range decodeLines(t, out) {
		paths = append(paths, strings.TrimPrefix(ex.Document.Path, dir+string(filepath.Separator)))
	}
	want := []string{"a.txt", "b/c.md", "b/d.jsonl#x", "b/d.jsonl:3", "f.html", "unbalanced.txt"}
	if strings.Join(paths, ",") != strings.Join(want, ",") {
		t.Errorf("paths = %v, want %v (input order)", paths, want)
	}
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	var failures []string
	for _, l := range lines {
		if strings.HasPrefix(l, "whosaid: extract: ") {
			failures = append(failures, l)
		}
	}
	if len(failures) != 3 {
		t.Errorf("stderr failures = %q, want 3 (jsonl line 2, empty, binary)", failures)
	}
	for _, frag := range []string{"d.jsonl:2", "e.txt", "g.txt"} {
		if !strings.Contains(stderr, frag) {
			t.Errorf("stderr lacks %q:\n%s", frag, stderr)
		}
	}
	if !strings.Contains(err.Error(), "3 of 9") {
		t.Errorf("err = %v, want a count of failures", err)
	}
}

func TestExtractStdinAndFlags(t *testing.T) {
	out, _, err := extractRun(t, "{\"text\": \"From stdin.\", \"title\": \"In\"}\n", "--title", "Override", "--source", "Wire", "--url", "https://x.test/a", "-")
	if err != nil {
		t.Fatal(err)
	}
	exs := decodeLines(t, out)
	if len(exs) != 1 {
		t.Fatalf("got %d", len(exs))
	}
	d := exs[0].Document
	if d.Title != "Override" || d.Source != "Wire" || d.URL != "https://x.test/a" {
		t.Errorf("document = %+v", d)
	}
}

func TestExtractFormats(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"a.txt": "\"We will see,\" the president said on Tuesday.",
		"b.txt": "Nothing quoted here.",
	})
	out, _, err := extractRun(t, "", "--format", "json", dir)
	if err != nil {
		t.Fatal(err)
	}
	var exs []graph.Extraction
	if err := json.Unmarshal([]byte(out), &exs); err != nil || len(exs) != 2 {
		t.Fatalf("json output: %v, %d docs:\n%s", err, len(exs), out)
	}
	out, _, err = extractRun(t, "", "--format", "json", filepath.Join(dir, "missing.txt"))
	if err == nil || strings.TrimSpace(out) != "[]" {
		t.Errorf("json with no documents: err %v, out %q", err, out)
	}
	out, _, err = extractRun(t, "", "--format", "table", dir)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "== "+filepath.Join(dir, "a.txt")) || !strings.Contains(out, "statements") {
		t.Errorf("table output:\n%s", out)
	}
}

func TestExtractUsageErrors(t *testing.T) {
	tests := [][]string{
		{"--format", "xml", "x.txt"},
		{"--published", "someday", "x.txt"},
		{"--stdin-format", "pdf", "-"},
		{},
	}
	for _, args := range tests {
		_, _, err := extractRun(t, "", args...)
		if err == nil {
			t.Errorf("%v: no error", args)
		} else if len(args) > 0 && exitCode(err) != exitConfig {
			t.Errorf("%v: exit %d, want %d", args, exitCode(err), exitConfig)
		}
	}
}

func TestExtractMaxFileSize(t *testing.T) {
	dir := writeTree(t, map[string]string{"big.txt": strings.Repeat("word ", 100), "small.txt": "ok"})
	out, stderr, err := extractRun(t, "", "--max-file-size", "100", dir)
	if exitCode(err) != 1 || !strings.Contains(stderr, "big.txt") || !strings.Contains(stderr, "maximum size") {
		t.Errorf("err %v, stderr %q", err, stderr)
	}
	if n := len(decodeLines(t, out)); n != 1 {
		t.Errorf("got %d documents, want 1", n)
	}
}

func TestExcerpt(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"a  b\n c", 10, "a b c"},
		{"one two three four five", 12, "one two…"},
		{"ééééééééééé", 5, "éééé…"},
	}
	for _, tt := range tests {
		if got := excerpt(tt.in, tt.n); got != tt.want {
			t.Errorf("excerpt(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}
