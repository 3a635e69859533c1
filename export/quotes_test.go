package export_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/whosaid/whosaid/export"
	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/graph/quote"
	"github.com/whosaid/whosaid/graph/store"
	"github.com/whosaid/whosaid/internal/neo4jtest"
)

// wireCopy is an invented article of outlet in which Ilsa Varn says words.
func wireCopy(u, outlet, date, words string) graph.Extraction {
	const name = "Ilsa Varn"
	lead := "(" + outlet + ") "
	text := lead + name + " said: “" + words + "”"
	ns, cs := len(lead), len(lead+name+" said: “")
	sum := sha256.Sum256([]byte(text))
	return graph.Extraction{
		Document: graph.Document{ID: "sha256:" + hex.EncodeToString(sum[:]), URL: u, Source: outlet, Published: date,
			Title: outlet + " story", Text: text, ExtractorVersion: "test"},
		Entities: []graph.Entity{{ID: "person:ilsa-varn", Type: graph.Person, Name: name,
			Mentions: []graph.Span{{Start: ns, End: ns + len(name), Text: name}}}},
		Statements: []graph.Statement{{ID: "s1", Kind: graph.Direct,
			Speakers: []graph.Speaker{{ID: "person:ilsa-varn", Name: name, Type: graph.Person, Start: ns, End: ns + len(name), Text: name, ResolvedFrom: graph.ResolvedName}},
			Cue:      graph.Cue{Text: "said", Lemma: "say"},
			Content:  graph.Span{Start: cs, End: cs + len(words), Text: words}, Confidence: 0.9}},
	}
}

func TestExportQuotes(t *testing.T) {
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
	defer s.Close(ctx)
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	neo4jtest.Reset(t, s)
	const canal = "The canal will reopen in March, and the tolls will stay where they are for another year."
	for _, e := range []graph.Extraction{
		wireCopy("https://b.invalid/1", "Bulletin", "2024-03-02", canal),
		wireCopy("https://a.invalid/1", "Argus", "2024-03-01", canal),
		wireCopy("https://c.invalid/1", "Courier", "2024-03-03", "The canal will reopen in March, and the tolls will stay where they are"),
		wireCopy("https://a.invalid/2", "Argus", "2024-03-04", "Nobody has told us what the new bridge will cost."),
	} {
		if r := s.Load(ctx, []graph.Extraction{e}); r[0].Status != store.Written {
			t.Fatalf("load: %v %v", r[0].Status, r[0].Err)
		}
	}
	x := &export.Exporter{Driver: s.Driver(), Database: s.Database()}
	var buf bytes.Buffer
	n, err := x.ExportReports(ctx, export.Scope{Speaker: "person:ilsa-varn", To: "2024-03-03"}, &buf)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if n != 3 || len(rows) != 4 || !cmp.Equal(rows[0], export.ReportColumns) {
		t.Fatalf("%d reports, rows %q", n, rows)
	}
	var got [][]string
	for _, r := range rows[1:] {
		got = append(got, []string{r[1], r[2], r[3], r[4], r[7], r[8], r[9]})
	}
	want := [][]string{
		{canal, "person:ilsa-varn", "3", "3", "Argus", "2024-03-01", canal},
		{canal, "person:ilsa-varn", "3", "3", "Bulletin", "2024-03-02", canal},
		{canal, "person:ilsa-varn", "3", "3", "Courier", "2024-03-03", "The canal will reopen in March, and the tolls will stay where they are"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("reports (-want +got):\n%s", diff)
	}
	if _, err := x.ExportReports(ctx, export.Scope{Entity: "person:ilsa-varn"}, &buf); graph.ErrorCode(err) != graph.EINVALID {
		t.Errorf("ego scope: %v, want invalid", err)
	}
	if _, err := x.ExportReports(ctx, export.Scope{Speaker: "person:nobody"}, &buf); graph.ErrorCode(err) != graph.ENOTFOUND {
		t.Errorf("unknown speaker: %v, want not found", err)
	}

	// The stored model carries the quotes and their relationships.
	buf.Reset()
	w := export.NewStoredJSONLWriter(&buf)
	if _, err := x.ExportStored(ctx, w); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"Quote"`, `"REPORTS"`, `"BY"`, `"reports":3`} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("stored JSONL lacks %s", want)
		}
	}
}
