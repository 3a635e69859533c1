package export_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/whosaid/whosaid/export"
	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/graph/store"
	"github.com/whosaid/whosaid/internal/neo4jtest"
)

// A small synthetic world whose projected graph is worked out by hand in
// the test cases below:
//
//	doc1 (2022-03-01): s1 Alice (direct) about Kyiv, Acme
//	                   s2 Alice+Bob (indirect) about Kyiv, via Acme
//	                   s3 Bob (mixed) about Alice, via Newswire
//	doc2 (2022-04-10): s4 Alice (indirect) about Kyiv
//	                   s5 Carol (direct) about Bob
//	                   s6 "The report" (a document as a source, no entity)
//	Alice is Director of Acme; Kyiv is part of Ukraine; Dave is only named.
//	s1 has two parts and starts a turn that s2 continues; doc1 has authors;
//	Bob's speaker in s3 has a description kind. None of these change the
//	projected graph; the stored model carries them.
func fixture() []graph.Extraction {
	person := func(id, name string) graph.Speaker {
		return graph.Speaker{ID: id, Name: name, Type: graph.Person, Text: name, ResolvedFrom: graph.ResolvedName}
	}
	stmt := func(id string, kind graph.StatementKind, text string, sp []graph.Speaker, via string, mentions ...string) graph.Statement {
		return graph.Statement{ID: id, Kind: kind, Speakers: sp, Cue: graph.Cue{Text: "said", Lemma: "say"},
			Content: graph.Span{Start: 0, End: len(text), Text: text}, Via: via, Confidence: 0.9, Mentions: mentions}
	}
	alice, bob, carol := person("person:alice", "Alice"), person("person:bob", "Bob"), person("person:carol", "Carol")
	t1 := "Alice and Bob spoke about Kyiv and Acme, according to Newswire. Dave listened."
	t2 := "Alice spoke about Kyiv again. Carol spoke about Bob. The report agreed."
	s1 := stmt("s1", graph.Direct, "Alice Bob", []graph.Speaker{alice}, "", "place:kyiv", "org:acme")
	s1.Content.End, s1.Turn = len("Alice and Bob"), "s1"
	s1.Parts = []graph.Span{{Start: 0, End: 5, Text: "Alice"}, {Start: 10, End: 13, Text: "Bob"}}
	s2 := stmt("s2", graph.Indirect, "Alice and Bob spoke", []graph.Speaker{alice, bob}, "org:acme", "place:kyiv")
	s2.Turn = "s1"
	bobDescribed := bob
	bobDescribed.Kind = "person"
	agreed := strings.Index(t2, "agreed")
	s6 := graph.Statement{ID: "s6", Kind: graph.Indirect, Cue: graph.Cue{Text: "agreed", Lemma: "agree"},
		Content: graph.Span{Start: agreed, End: agreed + len("agreed"), Text: "agreed"}, Confidence: 0.6,
		Speakers: []graph.Speaker{{Name: "The report", Type: graph.Organisation, Start: agreed - 11, End: agreed - 1, Text: "The report", ResolvedFrom: graph.ResolvedDescription, Kind: "document"}}}
	return []graph.Extraction{
		{
			Document: graph.Document{URL: "https://example.invalid/1", Title: "One", Published: "2022-03-01", Authors: []string{"Jo Park", "Sam Reyes"}, Text: t1, ExtractorVersion: "test"},
			Entities: []graph.Entity{
				{ID: "person:alice", Type: graph.Person, Name: "Alice", Aliases: []string{"A. Liddell"}, Roles: []graph.Role{{Title: "Director", Of: "org:acme"}}},
				{ID: "person:bob", Type: graph.Person, Name: "Bob"},
				{ID: "place:kyiv", Type: graph.Place, Name: "Kyiv", Aliases: []string{"Kiev"}, PartOf: "place:ukraine"},
				{ID: "org:acme", Type: graph.Organisation, Name: "Acme"},
				{ID: "person:dave", Type: graph.Person, Name: "Dave"},
			},
			Statements: []graph.Statement{
				s1,
				s2,
				stmt("s3", graph.Mixed, "Alice and", []graph.Speaker{bobDescribed}, "org:newswire", "person:alice"),
			},
		},
		{
			Document: graph.Document{URL: "https://example.invalid/2", Title: "Two", Published: "2022-04-10", Text: t2, ExtractorVersion: "test"},
			Entities: []graph.Entity{
				{ID: "person:alice", Type: graph.Person, Name: "Alice"},
				{ID: "person:carol", Type: graph.Person, Name: "Carol"},
				{ID: "place:kyiv", Type: graph.Place, Name: "Kyiv"},
			},
			Statements: []graph.Statement{
				stmt("s4", graph.Indirect, "Alice spoke", []graph.Speaker{alice}, "", "place:kyiv"),
				stmt("s5", graph.Direct, "Carol spoke", []graph.Speaker{carol}, "", "person:bob"),
				s6,
			},
		},
	}
}

func loadFixture(t *testing.T) *store.Store {
	t.Helper()
	s := neo4jtest.Open(t)
	neo4jtest.Reset(t, s)
	for _, r := range s.Load(context.Background(), fixture()) {
		if r.Err != nil {
			t.Fatalf("load fixture: %v", r.Err)
		}
	}
	return s
}

// exported is an export read back from JSONL, with statement ids reduced
// to the extractor's ("s1"), which the loader qualifies with the document.
type exported struct {
	Nodes map[string]export.Node
	Edges []string // "TYPE src->dst w=N [ids] first..last label"
}

func readJSONL(t *testing.T, data []byte) exported {
	t.Helper()
	got := exported{Nodes: map[string]export.Node{}}
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		var kind struct{ Kind string }
		var n export.Node
		var e export.Edge
		if err := json.Unmarshal(raw, &kind); err != nil {
			t.Fatal(err)
		}
		switch kind.Kind {
		case "node":
			if err := json.Unmarshal(raw, &n); err != nil {
				t.Fatal(err)
			}
			got.Nodes[n.ID] = n
		case "edge":
			if err := json.Unmarshal(raw, &e); err != nil {
				t.Fatal(err)
			}
			ids := make([]string, len(e.Statements))
			for i, id := range e.Statements {
				ids[i] = id[strings.LastIndex(id, ":")+1:]
			}
			got.Edges = append(got.Edges, strings.TrimSpace(strings.Join([]string{
				e.Type, e.Source + "->" + e.Target, "w=" + itoa(e.Weight),
				"[" + strings.Join(ids, ",") + "]", e.FirstDate + ".." + e.LastDate, e.Label}, " ")))
		default:
			t.Fatalf("line of kind %q", kind.Kind)
		}
	}
	sort.Strings(got.Edges)
	return got
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func runExport(t *testing.T, s *store.Store, sc export.Scope, f export.Format) ([]byte, export.Stats) {
	t.Helper()
	var buf bytes.Buffer
	w, err := export.NewWriter(f, &buf, export.Meta{})
	if err != nil {
		t.Fatal(err)
	}
	x := &export.Exporter{Driver: s.Driver(), Database: s.Database()}
	st, err := x.Export(context.Background(), sc, w)
	if err != nil {
		t.Fatalf("export %+v: %v", sc, err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), st
}

func nodeIDs(m map[string]export.Node) []string {
	var ids []string
	for id := range m {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

func TestExportScopes(t *testing.T) {
	s := loadFixture(t)
	const (
		aliceKyiv  = "SPOKE_ABOUT person:alice->place:kyiv w=3 [s1,s2,s4] 2022-03-01..2022-04-10"
		aliceAcme  = "SPOKE_ABOUT person:alice->org:acme w=1 [s1] 2022-03-01..2022-03-01"
		bobKyiv    = "SPOKE_ABOUT person:bob->place:kyiv w=1 [s2] 2022-03-01..2022-03-01"
		bobAlice   = "SPOKE_ABOUT person:bob->person:alice w=1 [s3] 2022-03-01..2022-03-01"
		carolBob   = "SPOKE_ABOUT person:carol->person:bob w=1 [s5] 2022-04-10..2022-04-10"
		co         = "CO_SPEAKER person:alice->person:bob w=1 [s2] 2022-03-01..2022-03-01"
		viaAlice   = "VIA person:alice->org:acme w=1 [s2] 2022-03-01..2022-03-01"
		viaBob     = "VIA person:bob->org:acme w=1 [s2] 2022-03-01..2022-03-01"
		viaBobNews = "VIA person:bob->org:newswire w=1 [s3] 2022-03-01..2022-03-01"
		role       = "HOLDS_ROLE person:alice->org:acme w=1 [] .. Director"
		partOf     = "PART_OF place:kyiv->place:ukraine w=1 [] .."
	)
	all := []string{aliceKyiv, aliceAcme, bobKyiv, bobAlice, carolBob, co, viaAlice, viaBob, viaBobNews, role, partOf}
	for _, tc := range []struct {
		name  string
		scope export.Scope
		nodes []string
		edges []string
	}{
		{"everything", export.Scope{},
			[]string{"org:acme", "org:newswire", "person:alice", "person:bob", "person:carol", "person:dave", "place:kyiv", "place:ukraine"}, all},
		{"speaker", export.Scope{Speaker: "person:bob"},
			[]string{"org:acme", "org:newswire", "person:alice", "person:bob", "place:kyiv"},
			[]string{bobKyiv, bobAlice, co, viaBob, viaBobNews}},
		{"speaker without edges", export.Scope{Speaker: "person:dave"}, []string{"person:dave"}, nil},
		{"ego depth 1", export.Scope{Entity: "place:kyiv", Depth: 1},
			[]string{"person:alice", "person:bob", "place:kyiv", "place:ukraine"},
			[]string{aliceKyiv, bobKyiv, bobAlice, co, partOf}},
		{"ego depth 2", export.Scope{Entity: "place:kyiv", Depth: 2},
			[]string{"org:acme", "org:newswire", "person:alice", "person:bob", "person:carol", "place:kyiv", "place:ukraine"}, all},
		{"date range", export.Scope{From: "2022-04-01", To: "2022-12-31"},
			[]string{"org:acme", "person:alice", "person:bob", "person:carol", "place:kyiv", "place:ukraine"},
			[]string{"SPOKE_ABOUT person:alice->place:kyiv w=1 [s4] 2022-04-10..2022-04-10", carolBob, role, partOf}},
		{"kind", export.Scope{Kinds: []string{"direct"}},
			[]string{"org:acme", "person:alice", "person:bob", "person:carol", "place:kyiv", "place:ukraine"},
			[]string{"SPOKE_ABOUT person:alice->place:kyiv w=1 [s1] 2022-03-01..2022-03-01", aliceAcme, carolBob, role, partOf}},
		{"min weight", export.Scope{MinWeight: 2}, []string{"person:alice", "place:kyiv"}, []string{aliceKyiv}},
		{"no statement ids", export.Scope{MinWeight: 3, MaxStatementIDs: -1}, []string{"person:alice", "place:kyiv"},
			[]string{"SPOKE_ABOUT person:alice->place:kyiv w=3 [] 2022-03-01..2022-04-10"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, st := runExport(t, s, tc.scope, export.JSONL)
			got := readJSONL(t, out)
			if diff := cmp.Diff(tc.nodes, nodeIDs(got.Nodes)); diff != "" {
				t.Errorf("nodes (-want +got):\n%s", diff)
			}
			want := append([]string(nil), tc.edges...)
			sort.Strings(want)
			if diff := cmp.Diff(want, got.Edges); diff != "" {
				t.Errorf("edges (-want +got):\n%s", diff)
			}
			if st.Nodes != int64(len(got.Nodes)) || st.Edges != int64(len(got.Edges)) {
				t.Errorf("stats %+v, output %d nodes, %d edges", st, len(got.Nodes), len(got.Edges))
			}
		})
	}
}

// A whole-graph export runs in slices of the entities; their size must not
// change a byte of the output.
func TestExportSlicesDoNotChangeOutput(t *testing.T) {
	s := loadFixture(t)
	export1 := func(size int) string {
		var buf bytes.Buffer
		w, err := export.NewWriter(export.JSONL, &buf, export.Meta{})
		if err != nil {
			t.Fatal(err)
		}
		x := &export.Exporter{Driver: s.Driver(), Database: s.Database(), SliceEntities: size}
		if _, err := x.Export(context.Background(), export.Scope{}, w); err != nil {
			t.Fatalf("export in slices of %d: %v", size, err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	want := export1(0)
	for _, size := range []int{1, 2, 3} {
		if diff := cmp.Diff(want, export1(size)); diff != "" {
			t.Errorf("slices of %d (-one slice +sliced):\n%s", size, diff)
		}
	}
}

func TestExportNodeAttributes(t *testing.T) {
	s := loadFixture(t)
	out, _ := runExport(t, s, export.Scope{}, export.JSONL)
	got := readJSONL(t, out).Nodes
	want := map[string]export.Node{
		"person:alice": {ID: "person:alice", Type: "Person", Name: "Alice", Aliases: []string{"A. Liddell"}, Statements: 3, Mentions: 1, FirstSeen: "2022-03-01", LastSeen: "2022-04-10"},
		"place:kyiv":   {ID: "place:kyiv", Type: "Place", Name: "Kyiv", Aliases: []string{"Kiev"}, Mentions: 3, FirstSeen: "2022-03-01", LastSeen: "2022-04-10"},
		// Unfiltered, first/last seen are the dates of the documents naming it.
		"person:dave": {ID: "person:dave", Type: "Person", Name: "Dave", FirstSeen: "2022-03-01", LastSeen: "2022-03-01"},
	}
	for id, w := range want {
		if diff := cmp.Diff(w, got[id]); diff != "" {
			t.Errorf("%s (-want +got):\n%s", id, diff)
		}
	}
	// Filtered counts only count statements in scope.
	out, _ = runExport(t, s, export.Scope{From: "2022-04-01"}, export.JSONL)
	if a := readJSONL(t, out).Nodes["person:alice"]; a.Statements != 1 || a.Mentions != 0 || a.FirstSeen != "2022-04-10" {
		t.Errorf("alice from April = %+v", a)
	}
}

func TestExportErrors(t *testing.T) {
	s := loadFixture(t)
	x := &export.Exporter{Driver: s.Driver(), Database: s.Database()}
	for _, tc := range []struct {
		scope export.Scope
		code  string
	}{
		{export.Scope{Entity: "person:nobody"}, graph.ENOTFOUND},
		{export.Scope{Speaker: "x' OR 1=1 //"}, graph.ENOTFOUND},
		{export.Scope{Entity: "place:kyiv", Depth: 4}, graph.EINVALID},
		{export.Scope{From: "yesterday"}, graph.EINVALID},
		{export.Scope{Kinds: []string{"shouted"}}, graph.EINVALID},
	} {
		var buf bytes.Buffer
		w, _ := export.NewWriter(export.JSONL, &buf, export.Meta{})
		_, err := x.Export(context.Background(), tc.scope, w)
		if got := graph.ErrorCode(err); got != tc.code {
			t.Errorf("%+v: code %q (%v), want %q", tc.scope, got, err, tc.code)
		}
		if buf.Len() != 0 {
			t.Errorf("%+v: wrote %q before failing", tc.scope, buf.String())
		}
	}
}

// failingWriter cancels the export's context after the first node, as a
// client that hangs up would.
type failingWriter struct {
	export.Writer
	cancel func()
	nodes  int
}

func (f *failingWriter) WriteNode(n export.Node) error {
	f.nodes++
	f.cancel()
	return f.Writer.WriteNode(n)
}

func TestExportStopsWhenCancelled(t *testing.T) {
	s := loadFixture(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	w, _ := export.NewWriter(export.JSONL, io.Discard, export.Meta{})
	fw := &failingWriter{Writer: w, cancel: cancel}
	x := &export.Exporter{Driver: s.Driver(), Database: s.Database()}
	st, err := x.Export(ctx, export.Scope{}, fw)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if st.Edges != 0 {
		t.Errorf("went on to write %d edges after the cancel", st.Edges)
	}
}

// TestFormatsFromNeo4jReadByConsumers exports the fixture graph from Neo4j
// in every file format and has the consumer read it back with the same
// counts. (consumers_test.go checks attribute details on a fixed graph.)
func TestFormatsFromNeo4jReadByConsumers(t *testing.T) {
	s := loadFixture(t)
	scopes := []export.Scope{{}, {Entity: "place:kyiv", Depth: 1}, {Speaker: "person:bob", Kinds: []string{"mixed", "indirect"}}}
	for _, sc := range scopes {
		for _, f := range []export.Format{export.GraphML, export.GEXF, export.DOT, export.Cytoscape} {
			t.Run(string(f)+" "+sc.Describe(), func(t *testing.T) {
				out, st := runExport(t, s, sc, f)
				nodes, edges := consumerCounts(t, f, out)
				if nodes != st.Nodes || edges != st.Edges {
					t.Errorf("%s consumer read %d nodes, %d edges; exported %d, %d", f, nodes, edges, st.Nodes, st.Edges)
				}
			})
		}
	}
}

func consumerCounts(t *testing.T, f export.Format, data []byte) (nodes, edges int64) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "g."+f.Ext())
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	switch f {
	case export.GraphML, export.GEXF:
		py := os.Getenv("WHOSAID_PYTHON")
		if py == "" {
			py = "python3"
		}
		if exec.Command(py, "-c", "import networkx").Run() != nil {
			skipOrFail(t, "python3 with networkx")
		}
		out, err := exec.Command(py, "testdata/nx_summary.py", string(f), path).Output()
		if err != nil {
			t.Fatalf("networkx: %v", err)
		}
		var sum struct {
			Nodes map[string]any
			Edges []any
		}
		if err := json.Unmarshal(out, &sum); err != nil {
			t.Fatal(err)
		}
		return int64(len(sum.Nodes)), int64(len(sum.Edges))
	case export.DOT:
		if _, err := exec.LookPath("dot"); err != nil {
			skipOrFail(t, "Graphviz dot")
		}
		out, err := exec.Command("dot", "-Tsvg", path).Output()
		if err != nil {
			t.Fatalf("dot: %v", err)
		}
		return int64(bytes.Count(out, []byte(`class="node"`))), int64(bytes.Count(out, []byte(`class="edge"`)))
	case export.Cytoscape:
		var doc struct {
			Elements struct{ Nodes, Edges []any }
		}
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatal(err)
		}
		return int64(len(doc.Elements.Nodes)), int64(len(doc.Elements.Edges))
	}
	t.Fatalf("no consumer for %s", f)
	return 0, 0
}

func skipOrFail(t *testing.T, what string) {
	t.Helper()
	if os.Getenv("WHOSAID_REQUIRE_CONSUMERS") == "1" {
		t.Fatalf("%s is required (WHOSAID_REQUIRE_CONSUMERS=1)", what)
	}
	t.Skipf("%s not installed", what)
}
