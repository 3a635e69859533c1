package export

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The tests in this file prove each format valid by the program that
// consumes it. Locally they skip when the program is missing; .ci/run
// installs them and sets WHOSAID_REQUIRE_CONSUMERS=1, which turns a skip
// into a failure.

func requireTool(t *testing.T, ok bool, what string) {
	t.Helper()
	if ok {
		return
	}
	if os.Getenv("WHOSAID_REQUIRE_CONSUMERS") == "1" {
		t.Fatalf("%s is required (WHOSAID_REQUIRE_CONSUMERS=1)", what)
	}
	t.Skipf("%s not installed", what)
}

func python(t *testing.T) string {
	t.Helper()
	py := os.Getenv("WHOSAID_PYTHON")
	if py == "" {
		py = "python3"
	}
	err := exec.Command(py, "-c", "import networkx").Run()
	requireTool(t, err == nil, "python3 with networkx (pip install networkx)")
	return py
}

type nxSummary struct {
	Directed bool                      `json:"directed"`
	Nodes    map[string]map[string]any `json:"nodes"`
	Edges    []map[string]any          `json:"edges"`
}

// NetworkX reads a graph file; returns what it saw.
func readWithNetworkX(t *testing.T, format string, data []byte) nxSummary {
	t.Helper()
	py := python(t)
	path := filepath.Join(t.TempDir(), "g."+format)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(py, "testdata/nx_summary.py", format, path).Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("networkx could not read the %s: %v\n%s", format, err, stderr)
	}
	var s nxSummary
	if err := json.Unmarshal(out, &s); err != nil {
		t.Fatalf("summary: %v\n%s", err, out)
	}
	return s
}

func TestGraphMLInNetworkX(t *testing.T) {
	s := readWithNetworkX(t, "graphml", writeFixture(t, GraphML))
	if !s.Directed || len(s.Nodes) != 3 || len(s.Edges) != 4 {
		t.Fatalf("networkx saw directed=%v, %d nodes, %d edges", s.Directed, len(s.Nodes), len(s.Edges))
	}
	want := map[string]any{"type": "Person", "name": fixtureNodes[0].Name, "aliases": "A. B.; Ann; B",
		"statements": 3.0, "mentions": 1.0, "first_seen": "2022-03-28", "last_seen": "2022-03-29"}
	if diff := cmp.Diff(want, s.Nodes["person:a"]); diff != "" {
		t.Errorf("person:a attributes (-want +got):\n%s", diff)
	}
	if got := s.Nodes[`org:x\y`]["name"]; got != "Zoë\nCorp" {
		t.Errorf("name with newline = %q", got)
	}
	e := findEdge(s.Edges, "person:a", "place:kyiv", SpokeAbout)
	wantE := map[string]any{"source": "person:a", "target": "place:kyiv", "type": SpokeAbout, "weight": 2.0,
		"statements": "s1; s2", "first_date": "2022-03-28", "last_date": "2022-03-29"}
	if diff := cmp.Diff(wantE, e); diff != "" {
		t.Errorf("edge attributes (-want +got):\n%s", diff)
	}
}

func TestGEXFInNetworkX(t *testing.T) {
	s := readWithNetworkX(t, "gexf", writeFixture(t, GEXF))
	if !s.Directed || len(s.Nodes) != 3 || len(s.Edges) != 4 {
		t.Fatalf("networkx saw directed=%v, %d nodes, %d edges", s.Directed, len(s.Nodes), len(s.Edges))
	}
	n := s.Nodes["person:a"]
	if n["label"] != fixtureNodes[0].Name || n["type"] != "Person" || n["statements"] != 3.0 || n["aliases"] != "A. B.; Ann; B" {
		t.Errorf("person:a = %v", n)
	}
	e := findEdge(s.Edges, "person:a", "org:x\\y", HoldsRole)
	if e == nil || e["weight"] != 1.0 || e["label"] != "Chief; Deputy" {
		t.Errorf("role edge = %v", e)
	}
	e = findEdge(s.Edges, "person:a", "place:kyiv", SpokeAbout)
	if e == nil || e["weight"] != 2.0 || e["statements"] != "s1; s2" {
		t.Errorf("spoke-about edge = %v", e)
	}
}

func findEdge(edges []map[string]any, src, dst, typ string) map[string]any {
	for _, e := range edges {
		if e["source"] == src && e["target"] == dst && e["type"] == typ {
			return e
		}
	}
	return nil
}

func TestDOTRendersWithGraphviz(t *testing.T) {
	dotBin, err := exec.LookPath("dot")
	requireTool(t, err == nil, "Graphviz dot (apt-get install graphviz)")
	cmd := exec.Command(dotBin, "-Tsvg")
	cmd.Stdin = bytes.NewReader(writeFixture(t, DOT))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || stderr.Len() > 0 {
		t.Fatalf("dot: %v\n%s", err, stderr.Bytes())
	}
	// Every node is drawn with its label, escaped for SVG.
	for _, want := range []string{"Ann &quot;the &lt;boss&gt;&quot; &amp; co", "Kyiv", "Zoë"} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("SVG lacks %q", want)
		}
	}
	if n := bytes.Count(out, []byte(`class="node"`)); n != 3 {
		t.Errorf("SVG has %d nodes", n)
	}
	if n := bytes.Count(out, []byte(`class="edge"`)); n != 4 {
		t.Errorf("SVG has %d edges", n)
	}
}
