package queries_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/graph/store"
	"github.com/whosaid/whosaid/internal/neo4jtest"
	"github.com/whosaid/whosaid/queries"
)

// turnText: a quote interrupted by its attribution (two parts), a second
// quoted sentence of the same turn, and a report as a source. The quote
// marks are multi-byte, so the offsets are bytes.
const turnText = "“We will not sign,” Ana Lopez said, “not while Velmora waits.” “Talks will go on,” she added. The report said costs would rise."

// turnFixture is the extraction of turnText, with a byline.
func turnFixture(t testing.TB) graph.Extraction {
	p1, p2 := span(t, turnText, "We will not sign,", 0), span(t, turnText, "not while Velmora waits.", 0)
	lopez, she, report := span(t, turnText, "Ana Lopez", 0), span(t, turnText, "she", 0), span(t, turnText, "The report", 0)
	velmora := span(t, turnText, "Velmora", 0)
	return graph.Extraction{
		Document: graph.Document{Title: "Turns", URL: "https://news.example/turns", Source: "Example News", Published: "2024-03-01",
			Authors: []string{"Jo Park", "Sam Reyes"}, Text: turnText, ExtractorVersion: "test"},
		Entities: []graph.Entity{
			{ID: "person:ana-lopez", Type: graph.Person, Name: "Ana Lopez", Mentions: []graph.Span{lopez}},
			{ID: "place:velmora", Type: graph.Place, Name: "Velmora", Mentions: []graph.Span{velmora}},
		},
		Statements: []graph.Statement{
			{ID: "t1", Kind: graph.Direct, Turn: "t1",
				Speakers: []graph.Speaker{{ID: "person:ana-lopez", Name: "Ana Lopez", Type: graph.Person, Start: lopez.Start, End: lopez.End, Text: lopez.Text, ResolvedFrom: graph.ResolvedName}},
				Cue:      graph.Cue{Text: "said", Lemma: "say"},
				Content:  graph.Span{Start: p1.Start, End: p2.End, Text: p1.Text + " " + p2.Text},
				Parts:    []graph.Span{p1, p2}, Confidence: 0.95, Mentions: []string{"place:velmora"}},
			{ID: "t2", Kind: graph.Direct, Turn: "t1",
				Speakers: []graph.Speaker{{ID: "person:ana-lopez", Name: "Ana Lopez", Type: graph.Person, Start: she.Start, End: she.End, Text: she.Text, ResolvedFrom: graph.ResolvedPronoun, Kind: "person"}},
				Cue:      graph.Cue{Text: "added", Lemma: "add"},
				Content:  span(t, turnText, "Talks will go on,", 0), Confidence: 0.8},
			{ID: "t3", Kind: graph.Indirect,
				Speakers: []graph.Speaker{{Name: report.Text, Type: graph.Organisation, Start: report.Start, End: report.End, Text: report.Text, ResolvedFrom: graph.ResolvedDescription, Kind: "document"}},
				Cue:      graph.Cue{Text: "said", Lemma: "say"},
				Content:  span(t, turnText, "costs would rise", 0), Confidence: 0.6},
		},
	}
}

func TestPartsTurnsKindsAuthors(t *testing.T) {
	s := neo4jtest.Open(t)
	neo4jtest.Reset(t, s)
	ext := turnFixture(t)
	res := s.Load(context.Background(), []graph.Extraction{ext})
	if res[0].Status != store.Written {
		t.Fatalf("load: %s %v", res[0].Status, res[0].Err)
	}
	q := queries.New(s, queries.Options{})
	p1, p2 := span(t, turnText, "We will not sign,", 0), span(t, turnText, "not while Velmora waits.", 0)
	wantParts := []queries.Span{{Start: int64(p1.Start), End: int64(p1.End), Text: p1.Text}, {Start: int64(p2.Start), End: int64(p2.End), Text: p2.Text}}
	authors := []string{"Jo Park", "Sam Reyes"}

	hist, err := q.SpeakerHistory(ctx(t), "person:ana-lopez", queries.HistoryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(hist.Items) != 2 {
		t.Fatalf("history: %d statements, want 2", len(hist.Items))
	}
	first, second := hist.Items[0], hist.Items[1]
	if diff := cmp.Diff(wantParts, first.Parts); diff != "" {
		t.Errorf("parts (-want +got):\n%s", diff)
	}
	if first.Text != "We will not sign, not while Velmora waits." || first.Provenance.Start != int64(p1.Start) || first.Provenance.End != int64(p2.End) {
		t.Errorf("content %q [%d,%d)", first.Text, first.Provenance.Start, first.Provenance.End)
	}
	turn := first.ID
	if first.Turn != turn || second.Turn != turn || second.Parts != nil {
		t.Errorf("turns %q, %q (want %q); second parts %v", first.Turn, second.Turn, turn, second.Parts)
	}
	if !cmp.Equal(first.Provenance.Document.Authors, authors) {
		t.Errorf("provenance authors %v", first.Provenance.Document.Authors)
	}
	if second.Speakers[0].Kind != "person" || first.Speakers[0].Kind != "" {
		t.Errorf("speaker kinds %q, %q", first.Speakers[0].Kind, second.Speakers[0].Kind)
	}

	tests := []struct {
		name string
		f    queries.StatementFilter
		want []string
	}{
		{"turn", queries.StatementFilter{Turn: turn}, []string{turn, second.ID}},
		{"turn and speaker", queries.StatementFilter{Turn: turn, Speaker: "person:ana-lopez"}, []string{turn, second.ID}},
		{"turn and mentions", queries.StatementFilter{Turn: turn, Mentions: "place:velmora"}, []string{turn}},
		{"turn and q", queries.StatementFilter{Turn: turn, Q: "TALKS"}, []string{second.ID}},
		{"turn and kind", queries.StatementFilter{Turn: turn, Kind: "indirect"}, nil},
		{"unknown turn", queries.StatementFilter{Turn: "stmt:nothing"}, nil},
		{"full text", queries.StatementFilter{Q: "sign"}, []string{turn}},
		{"mentions", queries.StatementFilter{Mentions: "place:velmora"}, []string{turn}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := q.SearchStatements(ctx(t), tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, ids(page.Items, statementID), cmp.Comparer(func(a, b []string) bool { return len(a) == 0 && len(b) == 0 || cmp.Equal(a, b) })); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			for _, st := range page.Items {
				if st.ID == turn && (!cmp.Equal(st.Parts, wantParts) || st.Turn != turn) {
					t.Errorf("%s: parts %v turn %q", st.ID, st.Parts, st.Turn)
				}
			}
		})
	}
	// Paging through a turn returns each statement once.
	if got := pageAll(t, 5, func(c string) (queries.Page[queries.Statement], error) {
		return q.SearchStatements(ctx(t), queries.StatementFilter{Turn: turn, Limit: 1, Cursor: c})
	}, statementID); !cmp.Equal(got, []string{turn, second.ID}) {
		t.Errorf("paged turn: %v", got)
	}

	detail, err := q.Statement(ctx(t), turn)
	if err != nil {
		t.Fatal(err)
	}
	if !cmp.Equal(detail.Parts, wantParts) || detail.Turn != turn {
		t.Errorf("statement detail: parts %v turn %q", detail.Parts, detail.Turn)
	}

	doc, err := q.Document(ctx(t), res[0].DocumentID)
	if err != nil {
		t.Fatal(err)
	}
	if !cmp.Equal(doc.Authors, authors) || len(doc.StatementsIn) != 3 {
		t.Fatalf("document: authors %v, %d statements", doc.Authors, len(doc.StatementsIn))
	}
	d1, d3 := doc.StatementsIn[0], doc.StatementsIn[2]
	if !cmp.Equal(d1.Parts, wantParts) || d1.Turn != turn || doc.StatementsIn[1].Turn != turn {
		t.Errorf("document statements: %+v", doc.StatementsIn)
	}
	report := span(t, turnText, "The report", 0)
	wantReport := []queries.UnresolvedSpeaker{{Text: "The report", Start: int64(report.Start), End: int64(report.End), Type: "Organisation", Kind: "document", ResolvedFrom: "description"}}
	if diff := cmp.Diff(wantReport, d3.UnresolvedSpeakers); diff != "" || len(d3.Speakers) != 0 {
		t.Errorf("the report as a source (-want +got):\n%s\nspeakers %v", diff, d3.Speakers)
	}
	rep, err := q.Statement(ctx(t), d3.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wantReport, rep.UnresolvedSpeakers); diff != "" {
		t.Errorf("statement detail, unresolved speakers (-want +got):\n%s", diff)
	}

	docs, err := q.Documents(ctx(t), queries.DocumentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs.Items) != 1 || !cmp.Equal(docs.Items[0].Authors, authors) {
		t.Errorf("document list: %+v", docs.Items)
	}

	by, err := q.MentionedBy(ctx(t), "place:velmora", queries.MentionedByFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(by.Items) != 1 || len(by.Items[0].Samples) != 1 || !cmp.Equal(by.Items[0].Samples[0].Parts, wantParts) || by.Items[0].Samples[0].Turn != turn {
		t.Errorf("mentioned-by samples: %+v", by.Items)
	}

	paths, err := q.Paths(ctx(t), "person:ana-lopez", "place:velmora", queries.PathFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 || len(paths[0].Hops) != 1 || len(paths[0].Hops[0].Statements) != 1 ||
		!cmp.Equal(paths[0].Hops[0].Statements[0].Parts, wantParts) || paths[0].Hops[0].Statements[0].Turn != turn {
		t.Errorf("path hop statements: %+v", paths)
	}
}
