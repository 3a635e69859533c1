package export_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/whosaid/whosaid/export"
	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/graph/quote"
	"github.com/whosaid/whosaid/graph/store"
	"github.com/whosaid/whosaid/internal/neo4jtest"
)

// mentioning is wireCopy whose statement also mentions the Harbour Board
// when the words name it.
func mentioning(u, outlet, date, words string) graph.Extraction {
	e := wireCopy(u, outlet, date, words)
	if i := strings.Index(e.Document.Text, "Harbour Board"); i >= 0 {
		e.Entities = append(e.Entities, graph.Entity{ID: "org:harbour-board", Type: graph.Organisation, Name: "Harbour Board",
			Mentions: []graph.Span{{Start: i, End: i + len("Harbour Board"), Text: "Harbour Board"}}})
		e.Statements[0].Mentions = []string{"org:harbour-board"}
	}
	return e
}

// loadSyndicated loads, with quote clustering, one remark of Ilsa Varn's
// that three outlets carried (one trimmed), and a remark reported once:
//
//	Argus 2024-03-01, Bulletin 2024-03-02, Courier 2024-03-03 (trimmed):
//	    the canal remark, mentioning the Harbour Board
//	Argus 2024-03-04: the bridge remark, mentioning nobody
func loadSyndicated(t *testing.T) *store.Store {
	t.Helper()
	opts, ok := neo4jtest.Options(t)
	if !ok {
		t.Skip("integration test: set WHOSAID_NEO4J_URI (see deploy/neo4j/neo4j-local env)")
	}
	opts.Quotes = quote.Defaults()
	ctx := context.Background()
	s, err := store.Open(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(context.Background()) })
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	neo4jtest.Reset(t, s)
	const canal = "The Harbour Board will reopen the canal in March, and the tolls will stay where they are for another year."
	for _, e := range []graph.Extraction{
		mentioning("https://a.invalid/1", "Argus", "2024-03-01", canal),
		mentioning("https://b.invalid/1", "Bulletin", "2024-03-02", canal),
		mentioning("https://c.invalid/1", "Courier", "2024-03-03", "The Harbour Board will reopen the canal in March, and the tolls will stay where they are"),
		mentioning("https://a.invalid/2", "Argus", "2024-03-04", "Nobody has told us what the new bridge will cost."),
	} {
		if r := s.Load(ctx, []graph.Extraction{e}); r[0].Status != store.Written {
			t.Fatalf("load: %v %v", r[0].Status, r[0].Err)
		}
	}
	return s
}

func runQuoteExport(t *testing.T, s *store.Store, sc export.Scope, f export.Format, slice int) ([]byte, export.Stats) {
	t.Helper()
	var buf bytes.Buffer
	w, err := export.NewWriter(f, &buf, sc.Meta("whosaid test"))
	if err != nil {
		t.Fatal(err)
	}
	x := &export.Exporter{Driver: s.Driver(), Database: s.Database(), SliceEntities: slice}
	st, err := x.Export(context.Background(), sc, w)
	if err != nil {
		t.Fatalf("export %+v: %v", sc, err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), st
}

// quoteView is an export read back from JSONL with quote ids replaced by
// the first word of their wording's second half ("canal", "bridge").
type quoteView struct {
	Quotes []string // "canal reports=3 outlets=3 first=2024-03-01"
	Nodes  []string // entity ids
	Edges  []string
}

func viewQuotes(t *testing.T, data []byte) quoteView {
	t.Helper()
	got := readJSONL(t, data)
	names := map[string]string{}
	var v quoteView
	for id, n := range got.Nodes {
		if n.Type != export.QuoteType {
			v.Nodes = append(v.Nodes, id)
			continue
		}
		name := "bridge"
		if strings.Contains(n.Text, "canal") {
			name = "canal"
		}
		names[id] = name
		if n.Name == "" || !strings.HasPrefix(n.Text, strings.TrimSuffix(n.Name, "…")) {
			t.Errorf("quote %s label %q, text %q", id, n.Name, n.Text)
		}
		v.Quotes = append(v.Quotes, name+" reports="+itoa(n.Reports)+" outlets="+itoa(n.Outlets)+" first="+n.FirstReported)
	}
	for _, e := range got.Edges {
		for id, name := range names {
			e = strings.ReplaceAll(e, id, "quote:"+name)
		}
		v.Edges = append(v.Edges, e)
	}
	sort.Strings(v.Quotes)
	sort.Strings(v.Nodes)
	sort.Strings(v.Edges)
	return v
}

func TestExportWithQuotes(t *testing.T) {
	s := loadSyndicated(t)
	const (
		spoke       = "SPOKE_ABOUT person:ilsa-varn->org:harbour-board w=3 [s1,s1,s1] 2024-03-01..2024-03-03"
		saidCanal   = "SAID_QUOTE person:ilsa-varn->quote:canal w=3 [s1,s1,s1] 2024-03-01..2024-03-03"
		saidBridge  = "SAID_QUOTE person:ilsa-varn->quote:bridge w=1 [s1] 2024-03-04..2024-03-04"
		canalBoard  = "QUOTE_MENTIONS quote:canal->org:harbour-board w=3 [s1,s1,s1] 2024-03-01..2024-03-03"
		canal3      = "canal reports=3 outlets=3 first=2024-03-01"
		bridge      = "bridge reports=1 outlets=1 first=2024-03-04"
		ilsa, board = "person:ilsa-varn", "org:harbour-board"
	)
	for _, tc := range []struct {
		name  string
		scope export.Scope
		slice int
		want  quoteView
	}{
		{"whole graph", export.Scope{Quotes: true}, 0,
			quoteView{[]string{bridge, canal3}, []string{board, ilsa}, []string{canalBoard, saidBridge, saidCanal, spoke}}},
		{"whole graph in slices of one", export.Scope{Quotes: true}, 1,
			quoteView{[]string{bridge, canal3}, []string{board, ilsa}, []string{canalBoard, saidBridge, saidCanal, spoke}}},
		// Counts are over the reports in scope.
		{"date range", export.Scope{Quotes: true, To: "2024-03-02"}, 0,
			quoteView{[]string{"canal reports=2 outlets=2 first=2024-03-01"}, []string{board, ilsa}, []string{
				"QUOTE_MENTIONS quote:canal->org:harbour-board w=2 [s1,s1] 2024-03-01..2024-03-02",
				"SAID_QUOTE person:ilsa-varn->quote:canal w=2 [s1,s1] 2024-03-01..2024-03-02",
				"SPOKE_ABOUT person:ilsa-varn->org:harbour-board w=2 [s1,s1] 2024-03-01..2024-03-02"}}},
		// The bridge remark mentions nobody: Ilsa has no entity edge in
		// April, and is written for her quote.
		{"speaker without entity edges", export.Scope{Quotes: true, From: "2024-03-04"}, 0,
			quoteView{[]string{bridge}, []string{ilsa}, []string{saidBridge}}},
		{"speaker", export.Scope{Quotes: true, Speaker: ilsa}, 0,
			quoteView{[]string{bridge, canal3}, []string{board, ilsa}, []string{canalBoard, saidBridge, saidCanal, spoke}}},
		{"ego network", export.Scope{Quotes: true, Entity: board}, 0,
			quoteView{[]string{bridge, canal3}, []string{board, ilsa}, []string{canalBoard, saidBridge, saidCanal, spoke}}},
		// min_weight applies to quotes (their reports) as to edges; the
		// board is no longer an end of any edge.
		{"min weight", export.Scope{Quotes: true, MinWeight: 2, Speaker: ilsa}, 0,
			quoteView{[]string{canal3}, []string{board, ilsa}, []string{canalBoard, saidCanal, spoke}}},
		{"quotes off", export.Scope{}, 0, quoteView{nil, []string{board, ilsa}, []string{spoke}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, st := runQuoteExport(t, s, tc.scope, export.JSONL, tc.slice)
			got := viewQuotes(t, out)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if st.Nodes != int64(len(got.Nodes)+len(got.Quotes)) || st.Edges != int64(len(got.Edges)) {
				t.Errorf("stats %+v, output %d+%d nodes, %d edges", st, len(got.Nodes), len(got.Quotes), len(got.Edges))
			}
		})
	}
}

// Each file format, exported with quotes from Neo4j, is read back by its
// consumer (networkx for GraphML and GEXF, Graphviz for DOT, JSON for
// Cytoscape.js, a CSV reader for the zip) with the counts exported.
func TestQuoteExportReadByConsumers(t *testing.T) {
	s := loadSyndicated(t)
	for _, sc := range []export.Scope{{Quotes: true}, {Quotes: true, Speaker: "person:ilsa-varn", To: "2024-03-02"}} {
		for _, f := range []export.Format{export.GraphML, export.GEXF, export.DOT, export.Cytoscape, export.CSV} {
			t.Run(string(f)+" "+sc.Describe(), func(t *testing.T) {
				out, st := runQuoteExport(t, s, sc, f, 0)
				if st.Nodes < 3 || st.Edges < 3 {
					t.Fatalf("stats %+v: no quotes exported", st)
				}
				var nodes, edges int64
				if f == export.CSV {
					nodes, edges = csvCounts(t, out)
				} else {
					nodes, edges = consumerCounts(t, f, out)
				}
				if nodes != st.Nodes || edges != st.Edges {
					t.Errorf("%s consumer read %d nodes, %d edges; exported %d, %d", f, nodes, edges, st.Nodes, st.Edges)
				}
				if f != export.CSV && !bytes.Contains(out, []byte("first_reported")) {
					t.Errorf("%s has no first_reported", f)
				}
			})
		}
	}
}

func csvCounts(t *testing.T, data []byte) (nodes, edges int64) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		rc, _ := f.Open()
		recs, err := csv.NewReader(rc).ReadAll()
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		switch f.Name {
		case export.CSVNodesFile:
			nodes = int64(len(recs) - 1)
			if h := strings.Join(recs[0], ","); !strings.HasSuffix(h, ",text,reports:long,outlets:long,first_reported") {
				t.Errorf("node header %s", h)
			}
		case export.CSVRelsFile:
			edges = int64(len(recs) - 1)
		}
	}
	return nodes, edges
}
