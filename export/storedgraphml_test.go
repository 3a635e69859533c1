package export_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/whosaid/whosaid/export"
)

// TestStoredGraphMLInNetworkX exports the stored model as GraphML and reads
// it with NetworkX: every node and relationship is there, and a statement
// carries its turn and parts, a document its authors.
func TestStoredGraphMLInNetworkX(t *testing.T) {
	s := loadFixture(t)
	py := os.Getenv("WHOSAID_PYTHON")
	if py == "" {
		py = "python3"
	}
	if err := exec.Command(py, "-c", "import networkx").Run(); err != nil {
		if os.Getenv("WHOSAID_REQUIRE_CONSUMERS") == "1" {
			t.Fatal("python3 with networkx is required (WHOSAID_REQUIRE_CONSUMERS=1)")
		}
		t.Skip("python3 with networkx not installed")
	}
	var buf bytes.Buffer
	w, err := export.NewStoredWriter(export.GraphML, &buf)
	if err != nil {
		t.Fatal(err)
	}
	x := &export.Exporter{Driver: s.Driver(), Database: s.Database()}
	st, err := x.ExportStored(context.Background(), w)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "stored.graphml")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(py, "testdata/nx_summary.py", "graphml", path).Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("networkx could not read the stored GraphML: %v\n%s", err, stderr)
	}
	var g struct {
		Directed bool                      `json:"directed"`
		Nodes    map[string]map[string]any `json:"nodes"`
		Edges    []map[string]any          `json:"edges"`
	}
	if err := json.Unmarshal(out, &g); err != nil {
		t.Fatal(err)
	}
	if !g.Directed || int64(len(g.Nodes)) != st.Nodes || int64(len(g.Edges)) != st.Edges {
		t.Fatalf("networkx saw directed=%v, %d nodes, %d edges; exported %d, %d", g.Directed, len(g.Nodes), len(g.Edges), st.Nodes, st.Edges)
	}
	var s1, s2, doc1 map[string]any
	var s1ID string
	for id, n := range g.Nodes {
		switch {
		case strings.HasSuffix(id, ":s1"):
			s1, s1ID = n, id
		case strings.HasSuffix(id, ":s2"):
			s2 = n
		case n["url"] == "https://example.invalid/1":
			doc1 = n
		}
	}
	want := map[string]any{"labels": "Statement", "turn": s1ID, "parts": "0-5;10-13", "part_starts": "0; 10",
		"part_ends": "5; 13", "part_texts": "Alice; Bob", "text": "Alice Bob", "start": 0.0, "end": 13.0}
	for k, v := range want {
		if diff := cmp.Diff(v, s1[k]); diff != "" {
			t.Errorf("s1 %s (-want +got):\n%s", k, diff)
		}
	}
	if s2["turn"] != s1ID || s2["parts"] != nil {
		t.Errorf("s2: turn %v parts %v", s2["turn"], s2["parts"])
	}
	if doc1["authors"] != "Jo Park; Sam Reyes" || doc1["labels"] != "Document" {
		t.Errorf("document: %v", doc1)
	}
	said := 0
	for _, e := range g.Edges {
		if e["type"] == "SAID" && e["kind"] == "person" {
			said++
		}
	}
	if said != 1 {
		t.Errorf("%d SAID edges with kind person, want 1", said)
	}
}
