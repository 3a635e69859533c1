package export

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gonum.org/v1/gonum/graph/formats/cytoscapejs"
	"gonum.org/v1/gonum/graph/formats/dot"
	"gonum.org/v1/gonum/graph/formats/dot/ast"
	"gonum.org/v1/gonum/graph/formats/gexf12"
)

// fixture is a small graph with the characters that break naive encoders:
// quotes, markup, the CSV array delimiter, backslashes, newlines, non-ASCII.
var fixtureNodes = []Node{
	{ID: "person:a", Type: "Person", Name: `Ann "the <boss>" & co`, Aliases: []string{"A. B.", "Ann; B"}, Statements: 3, Mentions: 1, FirstSeen: "2022-03-28", LastSeen: "2022-03-29"},
	{ID: "place:kyiv", Type: "Place", Name: "Kyiv", Aliases: []string{"Kiev"}, Mentions: 2, FirstSeen: "2022-03-29", LastSeen: "2022-03-29"},
	{ID: "org:x\\y", Type: "Organisation", Name: "Zoë\nCorp", Statements: 1},
}

var fixtureEdges = []Edge{
	{ID: "e1", Source: "person:a", Target: "place:kyiv", Type: SpokeAbout, Weight: 2, Statements: []string{"s1", "s2"}, FirstDate: "2022-03-28", LastDate: "2022-03-29"},
	{ID: "e2", Source: "org:x\\y", Target: "person:a", Type: CoSpeaker, Weight: 1, Statements: []string{"s3"}, FirstDate: "2022-03-29", LastDate: "2022-03-29"},
	{ID: "e3", Source: "person:a", Target: "org:x\\y", Type: HoldsRole, Weight: 1, Label: "Chief; Deputy"},
	{ID: "e4", Source: "person:a", Target: "place:kyiv", Type: Via, Weight: 1, Statements: []string{"s2"}},
}

func writeFixture(t *testing.T, f Format) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewWriter(f, &buf, Meta{Creator: "whosaid test", Description: "fixture <graph> & \"quotes\""})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range fixtureNodes {
		if err := w.WriteNode(n); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range fixtureEdges {
		if err := w.WriteEdge(e); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestParseFormat(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Format
		ok   bool
	}{
		{"graphml", GraphML, true}, {"GEXF", GEXF, true}, {"cyjs", Cytoscape, true},
		{"graphviz", DOT, true}, {"csv", CSV, true}, {"ndjson", JSONL, true}, {"svg", "", false},
	} {
		got, err := ParseFormat(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("ParseFormat(%q) = %q, %v", tc.in, got, err)
		}
	}
	for _, f := range Formats() {
		if f.ContentType() == "" || f.Ext() == "" || f.About() == "" {
			t.Errorf("format %s lacks metadata", f)
		}
	}
}

func TestGraphMLWellFormed(t *testing.T) {
	out := writeFixture(t, GraphML)
	var doc struct {
		Keys  []struct{ ID, For, Name, Type string } `xml:"key"`
		Graph struct {
			Nodes []struct {
				ID   string `xml:"id,attr"`
				Data []struct {
					Key string `xml:"key,attr"`
					V   string `xml:",chardata"`
				} `xml:"data"`
			} `xml:"node"`
			Edges []struct {
				Source string `xml:"source,attr"`
				Target string `xml:"target,attr"`
			} `xml:"edge"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("GraphML does not parse: %v\n%s", err, out)
	}
	if len(doc.Graph.Nodes) != 3 || len(doc.Graph.Edges) != 4 {
		t.Fatalf("got %d nodes, %d edges", len(doc.Graph.Nodes), len(doc.Graph.Edges))
	}
	if got := doc.Graph.Nodes[2].ID; got != `org:x\y` {
		t.Errorf("node id = %q", got)
	}
	name := ""
	for _, d := range doc.Graph.Nodes[0].Data {
		if d.Key == "n_name" {
			name = d.V
		}
	}
	if name != fixtureNodes[0].Name {
		t.Errorf("name = %q, want %q", name, fixtureNodes[0].Name)
	}
}

func TestGEXFWithGonum(t *testing.T) {
	out := writeFixture(t, GEXF)
	var doc gexf12.Content
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("GEXF does not parse: %v\n%s", err, out)
	}
	if doc.Version != "1.2" || doc.Graph.DefaultEdgeType != "directed" {
		t.Errorf("version %q, edge type %q", doc.Version, doc.Graph.DefaultEdgeType)
	}
	if len(doc.Graph.Nodes.Nodes) != 3 || len(doc.Graph.Edges.Edges) != 4 {
		t.Fatalf("got %d nodes, %d edges", len(doc.Graph.Nodes.Nodes), len(doc.Graph.Edges.Edges))
	}
	n := doc.Graph.Nodes.Nodes[0]
	if n.Label != fixtureNodes[0].Name {
		t.Errorf("label = %q", n.Label)
	}
	if e := doc.Graph.Edges.Edges[0]; e.Weight != 2 || e.Source != "person:a" {
		t.Errorf("edge = %+v", e)
	}
	if len(doc.Graph.Attributes) != 2 {
		t.Errorf("attribute classes = %d", len(doc.Graph.Attributes))
	}
}

func TestCytoscapeJSON(t *testing.T) {
	out := writeFixture(t, Cytoscape)
	var doc cytoscapejs.GraphNodeEdge
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("JSON does not parse: %v\n%s", err, out)
	}
	if len(doc.Elements.Nodes) != 3 || len(doc.Elements.Edges) != 4 {
		t.Fatalf("got %d nodes, %d edges", len(doc.Elements.Nodes), len(doc.Elements.Edges))
	}
	got := doc.Elements.Edges[0].Data
	want := cytoscapejs.EdgeData{ID: "e1", Source: "person:a", Target: "place:kyiv", Attributes: map[string]any{
		"type": SpokeAbout, "weight": 2.0, "statements": []any{"s1", "s2"}, "first_date": "2022-03-28", "last_date": "2022-03-29"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("edge data (-want +got):\n%s", diff)
	}
	if doc.Elements.Nodes[0].Data.Attributes["name"] != fixtureNodes[0].Name {
		t.Errorf("node data = %v", doc.Elements.Nodes[0].Data.Attributes)
	}
}

func TestCytoscapeEmpty(t *testing.T) {
	var buf bytes.Buffer
	w, _ := NewWriter(Cytoscape, &buf, Meta{})
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	var doc cytoscapejs.GraphNodeEdge
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("%v: %s", err, buf.Bytes())
	}
}

func TestDOTWithGonumParser(t *testing.T) {
	out := writeFixture(t, DOT)
	file, err := dot.ParseBytes(out)
	if err != nil {
		t.Fatalf("DOT does not parse: %v\n%s", err, out)
	}
	if len(file.Graphs) != 1 || !file.Graphs[0].Directed {
		t.Fatalf("graphs = %v", file.Graphs)
	}
	var nodes, edges int
	var ids []string
	for _, st := range file.Graphs[0].Stmts {
		switch s := st.(type) {
		case *ast.NodeStmt:
			nodes++
			ids = append(ids, s.Node.ID)
		case *ast.EdgeStmt:
			edges++
		}
	}
	if nodes != 3 || edges != 4 {
		t.Errorf("got %d nodes, %d edges", nodes, edges)
	}
	// gonum's parser keeps the quotes and escapes of quoted IDs.
	if want := `"org:x\\y"`; ids[2] != want {
		t.Errorf("third node id = %s, want %s", ids[2], want)
	}
}

func TestCSVLayout(t *testing.T) {
	out := writeFixture(t, CSV)
	zr, err := zip.NewReader(bytes.NewReader(out), int64(len(out)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][][]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(rc).ReadAll()
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		files[f.Name] = recs
	}
	nodes, rels := files[CSVNodesFile], files[CSVRelsFile]
	if diff := cmp.Diff(csvNodeHeader, nodes[0]); diff != "" {
		t.Errorf("node header (-want +got):\n%s", diff)
	}
	if len(nodes) != 4 || len(rels) != 5 {
		t.Fatalf("got %d node rows, %d relationship rows (with headers)", len(nodes), len(rels))
	}
	if got, want := nodes[1][3], "A. B.;Ann, B"; got != want {
		t.Errorf("aliases = %q, want %q (the array delimiter must not appear inside an element)", got, want)
	}
	if got := nodes[3][2]; got != "Zoë\nCorp" {
		t.Errorf("name = %q", got)
	}
	if diff := cmp.Diff([]string{"person:a", "place:kyiv", SpokeAbout, "2", "s1;s2", "2022-03-28", "2022-03-29", ""}, rels[1]); diff != "" {
		t.Errorf("first relationship (-want +got):\n%s", diff)
	}
}

func TestJSONL(t *testing.T) {
	out := writeFixture(t, JSONL)
	dec := json.NewDecoder(bytes.NewReader(out))
	var kinds []string
	for {
		var v struct {
			Kind string `json:"kind"`
			ID   string `json:"id"`
		}
		if err := dec.Decode(&v); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		kinds = append(kinds, v.Kind)
	}
	if got := strings.Join(kinds, ","); got != "node,node,node,edge,edge,edge,edge" {
		t.Errorf("kinds = %s", got)
	}
	if n := bytes.Count(out, []byte("\n")); n != 7 {
		t.Errorf("%d lines", n)
	}
}

func TestImportType(t *testing.T) {
	for in, want := range map[string]string{
		"STRING NOT NULL":                 "string",
		"INTEGER NOT NULL":                "long",
		"FLOAT NOT NULL":                  "double",
		"BOOLEAN NOT NULL":                "boolean",
		"ZONED DATETIME NOT NULL":         "datetime",
		"DATE NOT NULL":                   "date",
		"LIST<STRING NOT NULL> NOT NULL":  "string[]",
		"LIST<INTEGER NOT NULL> NOT NULL": "long[]",
		"LIST<NOTHING> NOT NULL":          "string[]",
		"LIST<ANY NOT NULL> NOT NULL":     "string[]",
		"MAP NOT NULL":                    "string",
		"POINT NOT NULL":                  "string",
	} {
		if got := importType(in); got != want {
			t.Errorf("importType(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestStoredCSVWriter(t *testing.T) {
	var buf bytes.Buffer
	w := NewStoredCSVWriter(&buf)
	steps := []error{
		w.BeginNodes("Entity", []Column{{"aliases", "string[]"}, {"name", "string"}}),
		w.WriteStoredNode("person:a", []string{"Entity", "Person"}, []any{[]any{"x;y", "z"}, "A, \"B\""}),
		w.WriteStoredNode("person:b", []string{"Entity", "Person"}, []any{[]any{}, "B"}),
		// An optional list (absent, never empty) needs no fixup.
		w.BeginNodes("Statement", []Column{{"part_starts", "long[]"}}),
		w.WriteStoredNode("stmt:1", []string{"Statement"}, []any{[]any{int64(1), int64(9)}}),
		w.WriteStoredNode("stmt:2", []string{"Statement"}, []any{nil}),
		w.BeginRelationships("SAID", []Column{{"start", "long"}}),
		w.WriteStoredRelationship("person:a", "stmt:1", "SAID", []any{int64(3)}),
		w.Close(),
	}
	for i, err := range steps {
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		files[f.Name] = string(b)
	}
	want := "id:ID,:LABEL,aliases:string[],name:string\n" +
		"person:a,Entity\x1fPerson,x;y\x1fz,\"A, \"\"B\"\"\"\n" +
		"person:b,Entity\x1fPerson,,B\n"
	if diff := cmp.Diff(want, files["nodes-Entity.csv"]); diff != "" {
		t.Errorf("nodes (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(":START_ID,:END_ID,:TYPE,start:long\nperson:a,stmt:1,SAID,3\n", files["relationships-SAID.csv"]); diff != "" {
		t.Errorf("relationships (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff("id:ID,:LABEL,part_starts:long[]\nstmt:1,Statement,1\x1f9\nstmt:2,Statement,\n", files["nodes-Statement.csv"]); diff != "" {
		t.Errorf("statement nodes (-want +got):\n%s", diff)
	}
	if !strings.Contains(files["import.txt"], "--nodes=nodes-Entity.csv --nodes=nodes-Statement.csv --relationships=relationships-SAID.csv") {
		t.Errorf("import.txt:\n%s", files["import.txt"])
	}
	if got := FixupStatements(files["fixup.cypher"]); len(got) != 1 || got[0] != "MATCH (n:Entity) WHERE n.aliases IS NULL SET n.aliases = []" {
		t.Errorf("fixups = %q", got)
	}
}
