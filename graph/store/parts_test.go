package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/graph/store"
	"github.com/whosaid/whosaid/internal/neo4jtest"
)

// turnText has a quote interrupted by its attribution (two parts), a
// second quoted sentence of the same speaker's turn, and a report as a
// source. The quote marks are multi-byte, so offsets are bytes.
const turnText = "“We will not sign,” Ana Lopez said, “not this year.” “Talks will go on,” she added. The report said costs would rise."

// turnDoc is the extraction of turnText with a byline.
func turnDoc(t *testing.T) graph.Extraction {
	t.Helper()
	text := turnText
	p1, p2 := span(t, text, "We will not sign,"), span(t, text, "not this year.")
	lopez := span(t, text, "Ana Lopez")
	she := span(t, text, "she")
	report := span(t, text, "The report")
	ext := article{
		url: "https://news.invalid/turn", text: text,
		entities: []graph.Entity{{ID: "person:ana-lopez", Type: graph.Person, Name: "Ana Lopez", Mentions: []graph.Span{lopez}}},
		stmts: []graph.Statement{
			{ID: "t1", Kind: graph.Direct, Turn: "t1",
				Speakers: []graph.Speaker{{ID: "person:ana-lopez", Name: "Ana Lopez", Type: graph.Person, Start: lopez.Start, End: lopez.End, Text: lopez.Text, ResolvedFrom: graph.ResolvedName}},
				Cue:      graph.Cue{Text: "said", Lemma: "say"},
				Content:  graph.Span{Start: p1.Start, End: p2.End, Text: p1.Text + " " + p2.Text},
				Parts:    []graph.Span{p1, p2}, Confidence: 0.95},
			{ID: "t2", Kind: graph.Direct, Turn: "t1",
				Speakers: []graph.Speaker{{ID: "person:ana-lopez", Name: "Ana Lopez", Type: graph.Person, Start: she.Start, End: she.End, Text: she.Text, ResolvedFrom: graph.ResolvedPronoun}},
				Cue:      graph.Cue{Text: "added", Lemma: "add"},
				Content:  span(t, text, "Talks will go on,"), Confidence: 0.8},
			{ID: "t3", Kind: graph.Indirect,
				Speakers: []graph.Speaker{{Name: report.Text, Type: graph.Organisation, Start: report.Start, End: report.End, Text: report.Text, ResolvedFrom: graph.ResolvedDescription, Kind: "document"}},
				Cue:      graph.Cue{Text: "said", Lemma: "say"},
				Content:  span(t, text, "costs would rise"), Confidence: 0.6},
		},
	}.extraction(t)
	ext.Document.Authors = []string{"Jo Park", " Sam Reyes ", "Jo Park"}
	return ext
}

func TestLoadPartsTurnKindAuthors(t *testing.T) {
	s := neo4jtest.Open(t)
	neo4jtest.Reset(t, s)
	ext := turnDoc(t)
	load(t, s, ext)
	p1, p2 := span(t, turnText, "We will not sign,"), span(t, turnText, "not this year.")

	rows := query(t, s, `MATCH (s:Statement) RETURN s.id AS id, s.text AS text, s.turn AS turn,
  s.part_starts AS starts, s.part_ends AS ends, s.part_texts AS texts,
  s.unresolved_texts AS ut, s.unresolved_kinds AS uk, s.unresolved_types AS ty, s.unresolved_starts AS us
ORDER BY s.start`, nil)
	if len(rows) != 3 {
		t.Fatalf("%d statements, want 3", len(rows))
	}
	t1, t2, t3 := rows[0], rows[1], rows[2]
	want1 := map[string]any{"id": t1["id"], "text": "We will not sign, not this year.", "turn": t1["id"],
		"starts": []any{int64(p1.Start), int64(p2.Start)}, "ends": []any{int64(p1.End), int64(p2.End)},
		"texts": []any{p1.Text, p2.Text}, "ut": nil, "uk": nil, "ty": nil, "us": nil}
	if diff := cmp.Diff(want1, t1); diff != "" {
		t.Errorf("two-part statement (-want +got):\n%s", diff)
	}
	if !strings.HasSuffix(t1["id"].(string), ":t1") {
		t.Errorf("statement id %v: want the producer's id qualified by the document", t1["id"])
	}
	if t2["turn"] != t1["id"] || t2["starts"] != nil {
		t.Errorf("second statement of the turn: turn %v (want %v), parts %v", t2["turn"], t1["id"], t2["starts"])
	}
	if t3["turn"] != nil || !cmp.Equal(t3["ut"], []any{"The report"}) || !cmp.Equal(t3["uk"], []any{"document"}) ||
		!cmp.Equal(t3["ty"], []any{"Organisation"}) {
		t.Errorf("report as a source: %v", t3)
	}
	// The report is no entity, let alone a Person; it says nothing.
	if n := one(t, s, `MATCH (e:Entity) RETURN count(e)`, nil); n != int64(1) {
		t.Errorf("%v entities, want only Ana Lopez", n)
	}
	if n := one(t, s, `MATCH (:Entity)-[:SAID]->(s:Statement {id: $id}) RETURN count(s)`, map[string]any{"id": t3["id"]}); n != int64(0) {
		t.Errorf("the report's statement has %v SAID", n)
	}
	if a := one(t, s, `MATCH (d:Document) RETURN d.authors`, nil); !cmp.Equal(a, []any{"Jo Park", "Sam Reyes"}) {
		t.Errorf("authors %v", a)
	}
	// The turn index serves the lookup of a turn.
	if n := one(t, s, `MATCH (s:Statement {turn: $turn}) RETURN count(s)`, map[string]any{"turn": t1["id"]}); n != int64(2) {
		t.Errorf("%v statements in the turn, want 2", n)
	}
	if n := one(t, s, `SHOW INDEXES YIELD name WHERE name = 'statement_turn' RETURN count(*)`, nil); n != int64(1) {
		t.Errorf("no statement_turn index")
	}

	// Reloading changes nothing; deleting leaves nothing.
	before := dump(t, s)
	for _, r := range load(t, s, ext) {
		if r.Status != store.Skipped {
			t.Errorf("reload: %s", r.Status)
		}
	}
	if diff := cmp.Diff(before, dump(t, s)); diff != "" {
		t.Errorf("reload changed the graph:\n%s", diff)
	}
	if _, err := s.DeleteDocument(context.Background(), ext.Document.ID); err != nil {
		t.Fatal(err)
	}
	if n := one(t, s, `MATCH (n) WHERE NOT n:SchemaMigration RETURN count(n)`, nil); n != int64(0) {
		t.Errorf("%v nodes left after delete", n)
	}
}

func TestLoadRejectsBadPartsAndTurns(t *testing.T) {
	s := neo4jtest.Open(t)
	neo4jtest.Reset(t, s)
	load(t, s, docB(t))
	nodes, rels := neo4jtest.Counts(t, s)
	before := dump(t, s)
	p1, p2 := span(t, turnText, "We will not sign,"), span(t, turnText, "not this year.")
	tests := []struct {
		name  string
		edit  func(*graph.Extraction)
		about string // in the error message
	}{
		{"part outside the text", func(x *graph.Extraction) {
			x.Statements[0].Parts[1].End = len(turnText) + 5
		}, "outside the text"},
		{"part outside the content", func(x *graph.Extraction) {
			x.Statements[0].Parts[0].Start = p1.Start - 3
		}, "outside the content"},
		{"parts out of order", func(x *graph.Extraction) {
			x.Statements[0].Parts = []graph.Span{p2, p1}
		}, "overlaps or precedes"},
		{"parts overlap", func(x *graph.Extraction) {
			x.Statements[0].Parts[1] = graph.Span{Start: p1.End - 2, End: p2.End}
		}, "overlaps or precedes"},
		{"empty part", func(x *graph.Extraction) {
			x.Statements[0].Parts[1] = graph.Span{Start: p2.Start, End: p2.Start}
		}, "empty"},
		{"part text not at its offsets", func(x *graph.Extraction) {
			x.Statements[0].Parts[1].Text = "not next year."
		}, "not the document's text"},
		{"turn names no statement", func(x *graph.Extraction) {
			x.Statements[1].Turn = "t9"
		}, "names no statement"},
		{"unknown speaker kind", func(x *graph.Extraction) {
			x.Statements[2].Speakers[0].Kind = "robot"
		}, "kind \"robot\""},
		{"unresolved speaker outside the text", func(x *graph.Extraction) {
			x.Statements[2].Speakers[0].End = len(turnText) + 1
		}, "outside the text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ext := turnDoc(t)
			tt.edit(&ext)
			res := s.Load(context.Background(), []graph.Extraction{ext})
			if res[0].Status != store.Failed || graph.ErrorCode(res[0].Err) != graph.EINVALID {
				t.Fatalf("status %s, err %v: want failed, invalid", res[0].Status, res[0].Err)
			}
			msg := res[0].Err.Error()
			if !strings.Contains(msg, ext.Document.ID) || !strings.Contains(msg, tt.about) {
				t.Errorf("error %q: want the document id and %q", msg, tt.about)
			}
			if n, r := neo4jtest.Counts(t, s); n != nodes || r != rels {
				t.Errorf("graph changed: nodes %d→%d, rels %d→%d", nodes, n, rels, r)
			}
		})
	}
	if diff := cmp.Diff(before, dump(t, s)); diff != "" {
		t.Errorf("rejected documents changed the graph:\n%s", diff)
	}
	// A one-part statement is stored without parts, as if it had none.
	ext := turnDoc(t)
	ext.Statements[0].Content = p1
	ext.Statements[0].Parts = []graph.Span{p1}
	load(t, s, ext)
	if n := one(t, s, `MATCH (s:Statement) WHERE s.part_starts IS NOT NULL RETURN count(s)`, nil); n != int64(0) {
		t.Errorf("a one-part statement kept %v parts", n)
	}
}
