package export

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gonum.org/v1/gonum/graph/formats/cytoscapejs"
	"gonum.org/v1/gonum/graph/formats/dot"
	"gonum.org/v1/gonum/graph/formats/dot/ast"
	"gonum.org/v1/gonum/graph/formats/gexf12"
)

// testdata/golden holds the fixture as the writers wrote it before quotes
// existed (commit afd2a63); without Meta.Quotes they must still write it
// byte for byte.
func TestWritersWithoutQuotesUnchanged(t *testing.T) {
	for _, f := range []Format{GraphML, GEXF, Cytoscape, DOT, JSONL} {
		want, err := os.ReadFile(filepath.Join("testdata", "golden", "fixture."+f.Ext()))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(string(want), string(writeFixture(t, f))); diff != "" {
			t.Errorf("%s changed (-golden +now):\n%s", f, diff)
		}
	}
	dir := t.TempDir()
	w, err := NewCSVDirWriter(dir, Meta{})
	if err != nil {
		t.Fatal(err)
	}
	writeAll(t, w, fixtureNodes, fixtureEdges)
	for _, name := range []string{CSVNodesFile, CSVRelsFile} {
		want, _ := os.ReadFile(filepath.Join("testdata", "golden", "csv", name))
		got, _ := os.ReadFile(filepath.Join(dir, name))
		if diff := cmp.Diff(string(want), string(got)); diff != "" {
			t.Errorf("csv %s changed (-golden +now):\n%s", name, diff)
		}
	}
}

// fixtureQuote and fixtureQuoteEdges extend the writers' fixture with a quote of
// person:a that mentions Kyiv.
var (
	fixtureQuote = Node{ID: "quote:abc", Type: QuoteType, Name: "We will <not> \"leave\" & stay; Kyiv…",
		Text: "We will <not> \"leave\" & stay; Kyiv is ours\nand always will be", Reports: 3, Outlets: 2, FirstReported: "2022-03-28"}
	fixtureQuoteEdges = []Edge{
		{ID: "e5", Source: "person:a", Target: "quote:abc", Type: SaidQuote, Weight: 3, Statements: []string{"s1", "s7", "s8"}, FirstDate: "2022-03-28", LastDate: "2022-03-29"},
		{ID: "e6", Source: "quote:abc", Target: "place:kyiv", Type: QuoteMentions, Weight: 2, Statements: []string{"s1", "s7"}, FirstDate: "2022-03-28", LastDate: "2022-03-29"},
	}
)

func writeAll(t *testing.T, w Writer, nodes []Node, edges []Edge) {
	t.Helper()
	for _, n := range nodes {
		if err := w.WriteNode(n); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range edges {
		if err := w.WriteEdge(e); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

func writeQuoteFixture(t *testing.T, f Format) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewWriter(f, &buf, Meta{Creator: "whosaid test", Description: "fixture with quotes", Quotes: true})
	if err != nil {
		t.Fatal(err)
	}
	writeAll(t, w, append(append([]Node(nil), fixtureNodes...), fixtureQuote), append(append([]Edge(nil), fixtureEdges...), fixtureQuoteEdges...))
	return buf.Bytes()
}

func TestWritersRefuseUndeclaredQuotes(t *testing.T) {
	for _, f := range []Format{GraphML, GEXF, CSV} {
		var buf bytes.Buffer
		w, _ := NewWriter(f, &buf, Meta{})
		if err := w.WriteNode(fixtureQuote); !errors.Is(err, errQuoteNode) {
			t.Errorf("%s: quote node without Meta.Quotes: %v", f, err)
		}
	}
}

func TestGraphMLQuotes(t *testing.T) {
	out := writeQuoteFixture(t, GraphML)
	var doc struct {
		Keys []struct {
			ID   string `xml:"id,attr"`
			For  string `xml:"for,attr"`
			Name string `xml:"attr.name,attr"`
			Type string `xml:"attr.type,attr"`
		} `xml:"key"`
		Graph struct {
			Nodes []struct {
				ID   string `xml:"id,attr"`
				Data []struct {
					Key string `xml:"key,attr"`
					V   string `xml:",chardata"`
				} `xml:"data"`
			} `xml:"node"`
			Edges []struct{} `xml:"edge"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("GraphML does not parse: %v\n%s", err, out)
	}
	declared := map[string]bool{}
	for _, k := range doc.Keys {
		declared[k.ID] = true
	}
	if len(doc.Graph.Nodes) != 4 || len(doc.Graph.Edges) != 6 {
		t.Fatalf("got %d nodes, %d edges", len(doc.Graph.Nodes), len(doc.Graph.Edges))
	}
	got := map[string]string{}
	for _, d := range doc.Graph.Nodes[3].Data {
		if !declared[d.Key] {
			t.Errorf("data key %q is not declared", d.Key)
		}
		got[d.Key] = d.V
	}
	want := map[string]string{"n_type": "Quote", "n_name": fixtureQuote.Name, "n_text": fixtureQuote.Text,
		"n_reports": "3", "n_outlets": "2", "n_first_reported": "2022-03-28"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("quote node data (-want +got):\n%s", diff)
	}
}

func TestGEXFQuotes(t *testing.T) {
	out := writeQuoteFixture(t, GEXF)
	var doc gexf12.Content
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("GEXF does not parse: %v\n%s", err, out)
	}
	if len(doc.Graph.Nodes.Nodes) != 4 || len(doc.Graph.Edges.Edges) != 6 {
		t.Fatalf("got %d nodes, %d edges", len(doc.Graph.Nodes.Nodes), len(doc.Graph.Edges.Edges))
	}
	declared := map[string]bool{}
	for _, a := range doc.Graph.Attributes[0].Attributes {
		declared[a.ID] = true
	}
	q := doc.Graph.Nodes.Nodes[3]
	got := map[string]string{}
	for _, v := range q.AttValues.AttValues {
		if !declared[v.For] {
			t.Errorf("attvalue for %q is not declared", v.For)
		}
		got[v.For] = v.Value
	}
	want := map[string]string{"type": "Quote", "text": fixtureQuote.Text, "reports": "3", "outlets": "2", "first_reported": "2022-03-28"}
	if diff := cmp.Diff(want, got); diff != "" || q.Label != fixtureQuote.Name {
		t.Errorf("quote node %q (-want +got):\n%s", q.Label, diff)
	}
	if e := doc.Graph.Edges.Edges[4]; e.Source != "person:a" || e.Target != "quote:abc" || e.Weight != 3 {
		t.Errorf("SAID_QUOTE edge = %+v", e)
	}
}

func TestCytoscapeQuotes(t *testing.T) {
	out := writeQuoteFixture(t, Cytoscape)
	var doc cytoscapejs.GraphNodeEdge
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("JSON does not parse: %v\n%s", err, out)
	}
	if len(doc.Elements.Nodes) != 4 || len(doc.Elements.Edges) != 6 {
		t.Fatalf("got %d nodes, %d edges", len(doc.Elements.Nodes), len(doc.Elements.Edges))
	}
	want := map[string]any{"type": "Quote", "name": fixtureQuote.Name, "label": fixtureQuote.Name, "text": fixtureQuote.Text,
		"reports": 3.0, "outlets": 2.0, "first_reported": "2022-03-28"}
	if diff := cmp.Diff(want, doc.Elements.Nodes[3].Data.Attributes); diff != "" {
		t.Errorf("quote node data (-want +got):\n%s", diff)
	}
	if got := doc.Elements.Edges[5].Data; got.Source != "quote:abc" || got.Attributes["type"] != QuoteMentions {
		t.Errorf("QUOTE_MENTIONS edge = %+v", got)
	}
}

func TestDOTQuotes(t *testing.T) {
	out := writeQuoteFixture(t, DOT)
	file, err := dot.ParseBytes(out)
	if err != nil {
		t.Fatalf("DOT does not parse: %v\n%s", err, out)
	}
	var nodes, edges int
	attrs := map[string]string{}
	for _, st := range file.Graphs[0].Stmts {
		switch s := st.(type) {
		case *ast.NodeStmt:
			nodes++
			if s.Node.ID == `"quote:abc"` {
				for _, a := range s.Attrs {
					attrs[a.Key] = a.Val
				}
			}
		case *ast.EdgeStmt:
			edges++
		}
	}
	if nodes != 4 || edges != 6 {
		t.Errorf("got %d nodes, %d edges", nodes, edges)
	}
	if attrs["type"] != `"Quote"` || attrs["reports"] != `"3"` || attrs["shape"] != `"box"` || !strings.Contains(attrs["text"], `\n`) {
		t.Errorf("quote attributes = %v", attrs)
	}
}

func TestCSVQuotes(t *testing.T) {
	out := writeQuoteFixture(t, CSV)
	zr, err := zip.NewReader(bytes.NewReader(out), int64(len(out)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][][]string{}
	for _, f := range zr.File {
		rc, _ := f.Open()
		recs, err := csv.NewReader(rc).ReadAll()
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		files[f.Name] = recs
	}
	nodes, rels := files[CSVNodesFile], files[CSVRelsFile]
	wantHeader := append(append([]string(nil), csvNodeHeader...), "text", "reports:long", "outlets:long", "first_reported")
	if diff := cmp.Diff(wantHeader, nodes[0]); diff != "" {
		t.Errorf("node header (-want +got):\n%s", diff)
	}
	if len(nodes) != 5 || len(rels) != 7 {
		t.Fatalf("got %d node rows, %d relationship rows (with headers)", len(nodes), len(rels))
	}
	if diff := cmp.Diff([]string{"quote:abc", "Quote", fixtureQuote.Name, "", "", "", "", "", fixtureQuote.Text, "3", "2", "2022-03-28"}, nodes[4]); diff != "" {
		t.Errorf("quote row (-want +got):\n%s", diff)
	}
	if got := nodes[1][8:]; !cmp.Equal(got, []string{"", "", "", ""}) {
		t.Errorf("entity row's quote columns = %q", got)
	}
	if diff := cmp.Diff([]string{"person:a", "quote:abc", SaidQuote, "3", "s1;s7;s8", "2022-03-28", "2022-03-29", ""}, rels[5]); diff != "" {
		t.Errorf("SAID_QUOTE row (-want +got):\n%s", diff)
	}
}

func TestQuoteLabel(t *testing.T) {
	for in, want := range map[string]string{
		"Short and sweet.": "Short and sweet.",
		"The canal will reopen in March, and the tolls will stay where they are for another year.": "The canal will reopen in March, and the tolls will stay…",
		strings.Repeat("ü", 70):            strings.Repeat("ü", 60) + "…",
		"  spaced \n  out  ":               "spaced out",
		strings.Repeat("abcde ", 10) + "x": strings.TrimSpace(strings.Repeat("abcde ", 10)) + "…",
	} {
		if got := quoteLabel(in); got != want {
			t.Errorf("quoteLabel(%q) = %q, want %q", in, got, want)
		}
	}
}
