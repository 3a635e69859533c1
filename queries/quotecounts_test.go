package queries_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/graph/quote"
	"github.com/whosaid/whosaid/graph/store"
	"github.com/whosaid/whosaid/internal/neo4jtest"
	"github.com/whosaid/whosaid/queries"
)

// wire is an invented article of outlet on date in which Ilsa Varn says
// words about the Harbour Board.
func wire(u, outlet, date, words string) graph.Extraction {
	const name, board = "Ilsa Varn", "the Harbour Board"
	lead := outlet + ". "
	text := lead + name + " said of " + board + ": “" + words + "”"
	ns, bs := len(lead), len(lead+name+" said of the ")
	cs := len(lead + name + " said of " + board + ": “")
	sum := sha256.Sum256([]byte(text))
	return graph.Extraction{
		Document: graph.Document{ID: "sha256:" + hex.EncodeToString(sum[:]), URL: u, Source: outlet, Published: date,
			Title: outlet + " story", Text: text, ExtractorVersion: "test"},
		Entities: []graph.Entity{
			{ID: "person:ilsa-varn", Type: graph.Person, Name: name, Mentions: []graph.Span{{Start: ns, End: ns + len(name), Text: name}}},
			{ID: "org:harbour-board", Type: graph.Organisation, Name: "Harbour Board", Mentions: []graph.Span{{Start: bs, End: bs + len("Harbour Board"), Text: "Harbour Board"}}},
		},
		Statements: []graph.Statement{{ID: "s1", Kind: graph.Direct,
			Speakers: []graph.Speaker{{ID: "person:ilsa-varn", Name: name, Type: graph.Person, Start: ns, End: ns + len(name), Text: name, ResolvedFrom: graph.ResolvedName}},
			Cue:      graph.Cue{Text: "said", Lemma: "say", Start: ns + len(name) + 1, End: ns + len(name) + 5},
			Content:  graph.Span{Start: cs, End: len(text) - len("”"), Text: words}, Confidence: 0.9, Mentions: []string{"org:harbour-board"}}},
	}
}

// syndicatedCorpus loads, with quote clustering, four statements that are
// two quotes: the canal remark carried by three outlets (the third
// trimmed) and the bridge remark carried once.
func syndicatedCorpus(t *testing.T) *queries.Queries {
	t.Helper()
	opts, ok := neo4jtest.Options(t)
	if !ok {
		t.Skip("integration test: set WHOSAID_NEO4J_URI (see deploy/neo4j/neo4j-local env)")
	}
	opts.Quotes = quote.Defaults()
	s, err := store.Open(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(context.Background()) })
	if _, err := s.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	neo4jtest.Reset(t, s)
	const canal = "We will reopen the canal in March, and the tolls will stay where they are for another year."
	for _, e := range []graph.Extraction{
		wire("https://b.invalid/1", "Bulletin", "2024-03-02", canal),
		wire("https://a.invalid/1", "Argus", "2024-03-01", canal),
		wire("https://c.invalid/1", "Courier", "2024-03-03", "We will reopen the canal in March, and the tolls will stay where they are"),
		wire("https://a.invalid/2", "Argus", "2024-03-04", "Nobody has told us what the new bridge will cost."),
	} {
		if r := s.Load(context.Background(), []graph.Extraction{e}); r[0].Status != store.Written {
			t.Fatalf("load: %v %v", r[0].Status, r[0].Err)
		}
	}
	return queries.New(s, queries.Options{})
}

func n(v int64) *int64 { return &v }

func TestCountQuotes(t *testing.T) {
	q := syndicatedCorpus(t)
	const ilsa, board = "person:ilsa-varn", "org:harbour-board"

	t.Run("network", func(t *testing.T) {
		for count, want := range map[string]int64{"": 4, "statements": 4, "quotes": 2} {
			net, err := q.Network(ctx(t), board, queries.NetworkFilter{Count: count})
			if err != nil {
				t.Fatal(err)
			}
			if len(net.Edges) != 1 || net.Edges[0].Weight != want || net.Edges[0].Type != "mentions" {
				t.Errorf("count=%q: edges %+v, want one mentions edge of weight %d", count, net.Edges, want)
			}
		}
		// Min weight applies to the quote count.
		net, err := q.Network(ctx(t), board, queries.NetworkFilter{Count: "quotes", MinWeight: 3})
		if err != nil || len(net.Edges) != 0 {
			t.Errorf("count=quotes min_weight=3: %+v %v", net.Edges, err)
		}
	})

	t.Run("profile", func(t *testing.T) {
		p, err := q.EntityCounting(ctx(t), ilsa, "quotes")
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(queries.ProfileCounts{Statements: 4, Documents: 4, Mentions: 4, Quotes: n(2), MentionedInQuotes: n(0)}, p.Counts); diff != "" {
			t.Errorf("speaker counts (-want +got):\n%s", diff)
		}
		p, err = q.EntityCounting(ctx(t), board, "quotes")
		if err != nil {
			t.Fatal(err)
		}
		if p.Counts.MentionedIn != 4 || *p.Counts.MentionedInQuotes != 2 || *p.Counts.Quotes != 0 {
			t.Errorf("board counts %+v", p.Counts)
		}
		if p, err := q.Entity(ctx(t), board); err != nil || p.Counts.Quotes != nil || p.Counts.MentionedInQuotes != nil {
			t.Errorf("count unset: %+v %v", p.Counts, err)
		}
	})

	t.Run("summary", func(t *testing.T) {
		sum, err := q.SpeakerSummaryCounting(ctx(t), ilsa, 0, "quotes")
		if err != nil {
			t.Fatal(err)
		}
		want := queries.SpeakerSummary{ID: ilsa, UndatedQuotes: n(0),
			// The canal remark counts once, on its first day.
			Timeline: []queries.TimelinePoint{
				{Date: "2024-03-01", Kind: "direct", Statements: 1, Quotes: n(1)},
				{Date: "2024-03-02", Kind: "direct", Statements: 1, Quotes: n(0)},
				{Date: "2024-03-03", Kind: "direct", Statements: 1, Quotes: n(0)},
				{Date: "2024-03-04", Kind: "direct", Statements: 1, Quotes: n(1)},
			},
			Mentions:   []queries.RankedEntity{{EntityRef: queries.EntityRef{ID: board, Name: "Harbour Board", Type: "Organisation"}, Statements: 4, Documents: 4, Quotes: n(2)}},
			CoSpeakers: []queries.RankedEntity{},
			Outlets: []queries.Outlet{
				{Source: "Argus", Documents: 2, Statements: 2, Quotes: n(2)},
				{Source: "Bulletin", Documents: 1, Statements: 1, Quotes: n(1)},
				{Source: "Courier", Documents: 1, Statements: 1, Quotes: n(1)},
			},
		}
		if diff := cmp.Diff(want, sum); diff != "" {
			t.Errorf("summary (-want +got):\n%s", diff)
		}
		plain, err := q.SpeakerSummary(ctx(t), ilsa, 0)
		if err != nil || plain.Mentions[0].Statements != 4 || plain.Mentions[0].Quotes != nil || plain.Timeline[0].Quotes != nil {
			t.Errorf("count unset: %+v %v", plain, err)
		}
	})

	t.Run("overview", func(t *testing.T) {
		ov, err := q.OverviewCounting(ctx(t), 0, "quotes")
		if err != nil {
			t.Fatal(err)
		}
		if ov.Counts.Statements != 4 || ov.Counts.Quotes == nil || *ov.Counts.Quotes != 2 {
			t.Errorf("counts %+v", ov.Counts)
		}
		if len(ov.TopSpeakers) != 1 || ov.TopSpeakers[0].Statements != 4 || *ov.TopSpeakers[0].Quotes != 2 {
			t.Errorf("top speakers %+v", ov.TopSpeakers)
		}
		if len(ov.MostMentioned) != 1 || ov.MostMentioned[0].ID != board || ov.MostMentioned[0].Statements != 4 || *ov.MostMentioned[0].Quotes != 2 {
			t.Errorf("most mentioned %+v", ov.MostMentioned)
		}
		var dates []string
		for _, l := range ov.LatestStatements {
			dates = append(dates, l.Statement.Date)
		}
		if diff := cmp.Diff([]string{"2024-03-04", "2024-03-01"}, dates); diff != "" {
			t.Errorf("latest statements: the first reports only (-want +got):\n%s", diff)
		}
		plain, err := q.Overview(ctx(t), 0)
		if err != nil || plain.Counts.Quotes != nil || plain.TopSpeakers[0].Statements != 4 || len(plain.LatestStatements) != 4 {
			t.Errorf("count unset: %+v %v", plain, err)
		}
	})

	t.Run("search", func(t *testing.T) {
		for _, tc := range []struct {
			name        string
			f           queries.StatementFilter
			stmts, quot int
		}{
			{"text", queries.StatementFilter{Q: "canal"}, 3, 1},
			{"mentions", queries.StatementFilter{Mentions: board}, 4, 2},
			{"speaker", queries.StatementFilter{Speaker: ilsa}, 4, 2},
			{"dates", queries.StatementFilter{DateRange: queries.DateRange{From: "2024-01-01"}}, 4, 2},
			// The filters apply to the first report: after it, none.
			{"dates after the first report", queries.StatementFilter{DateRange: queries.DateRange{From: "2024-03-02", To: "2024-03-03"}}, 2, 0},
		} {
			for count, want := range map[string]int{"statements": tc.stmts, "quotes": tc.quot} {
				f := tc.f
				f.Count = count
				page, err := q.SearchStatements(ctx(t), f)
				if err != nil {
					t.Fatalf("%s count=%s: %v", tc.name, count, err)
				}
				if len(page.Items) != want {
					t.Errorf("%s count=%s: %d statements, want %d", tc.name, count, len(page.Items), want)
				}
			}
		}
	})

	t.Run("bad count", func(t *testing.T) {
		_, err1 := q.Network(ctx(t), board, queries.NetworkFilter{Count: "words"})
		_, err2 := q.EntityCounting(ctx(t), board, "words")
		_, err3 := q.SpeakerSummaryCounting(ctx(t), ilsa, 0, "words")
		_, err4 := q.OverviewCounting(ctx(t), 0, "words")
		_, err5 := q.SearchStatements(ctx(t), queries.StatementFilter{Q: "canal", Count: "words"})
		for i, err := range []error{err1, err2, err3, err4, err5} {
			if graph.ErrorCode(err) != graph.EINVALID {
				t.Errorf("%d: %v, want invalid count", i+1, err)
			}
		}
	})
}
