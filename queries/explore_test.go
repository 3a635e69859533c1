package queries_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/whosaid/whosaid/internal/neo4jtest"
	"github.com/whosaid/whosaid/queries"
)

func TestOverview(t *testing.T) {
	q, s := loaded(t)
	ov, err := q.Overview(ctx(t), 3)
	if err != nil {
		t.Fatal(err)
	}
	wantCounts := queries.CorpusCounts{Documents: 4, Statements: 12, Entities: 7, People: 2, Organisations: 2, Places: 3,
		FirstDate: "2024-01-10", LastDate: "2024-02-01"}
	if diff := cmp.Diff(wantCounts, ov.Counts); diff != "" {
		t.Errorf("counts (-want +got):\n%s", diff)
	}
	ref := func(id, name, typ string, n, docs int64) queries.RankedEntity {
		return queries.RankedEntity{EntityRef: queries.EntityRef{ID: id, Name: name, Type: typ}, Statements: n, Documents: docs}
	}
	wantSpeakers := []queries.RankedEntity{
		ref("person:anna-kowalsky", "Anna Kowalsky", "Person", 10, 4),
		ref("person:piet-obrecht", "Piet Obrecht", "Person", 2, 2),
		ref("organisation:drelian-foreign-ministry", "Drelian Foreign Ministry", "Organisation", 1, 2),
	}
	if diff := cmp.Diff(wantSpeakers, ov.TopSpeakers); diff != "" {
		t.Errorf("top speakers (-want +got):\n%s", diff)
	}
	wantMentioned := []queries.RankedEntity{
		ref("place:drelia", "Drelia", "Place", 4, 3),
		ref("organisation:valmora-army", "Valmora Army", "Organisation", 1, 2),
		ref("place:nordhafen", "Nordhafen", "Place", 1, 2),
	}
	if diff := cmp.Diff(wantMentioned, ov.MostMentioned); diff != "" {
		t.Errorf("most mentioned (-want +got):\n%s", diff)
	}
	// The ranking reads relationship counts; it must equal the direct count
	// of statements mentioning each entity.
	res, err := neo4j.ExecuteQuery(ctx(t), s.Driver(), `MATCH (e:Entity) RETURN e.id AS id, COUNT { (e)<-[:MENTIONS]-(:Statement) } AS n`,
		nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(s.Database()))
	if err != nil {
		t.Fatal(err)
	}
	all, err := q.Overview(ctx(t), queries.MaxOverview)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int64{}
	for _, m := range all.MostMentioned {
		got[m.ID] = m.Statements
	}
	for _, r := range res.Records {
		m := r.AsMap()
		id, n := m["id"].(string), m["n"].(int64)
		if got[id] != n {
			t.Errorf("%s: most-mentioned count %d, statements mentioning it %d", id, got[id], n)
		}
	}

	var latest []string
	for _, l := range ov.LatestStatements {
		latest = append(latest, l.Statement.Date+" "+l.Statement.Text+" / "+l.Document.Source)
		if len(l.Speakers) == 0 || l.Document.Title == "" {
			t.Errorf("latest statement without speakers or document: %+v", l)
		}
	}
	wantLatest := []string{
		"2024-02-01 the army of Valmora would hold exercises near Nordhaven / Example News",
		"2024-02-01 Drelia had been informed / Example News",
		"2024-01-20 the first thing / Other Paper",
	}
	if diff := cmp.Diff(wantLatest, latest); diff != "" {
		t.Errorf("latest (-want +got):\n%s", diff)
	}
	// Beyond the dated statements come the undated document's.
	if n := len(all.LatestStatements); n != 12 || all.LatestStatements[11].Statement.Date != "" {
		t.Errorf("all latest: %d, last %+v", n, all.LatestStatements[n-1])
	}

	_, err = q.Overview(ctx(t), queries.MaxOverview+1)
	wantCode(t, err, "invalid", "limit")
}

func TestSpeakerSummary(t *testing.T) {
	q, _ := loaded(t)
	sum, err := q.SpeakerSummary(ctx(t), "person:anna-kowalsky", 0)
	if err != nil {
		t.Fatal(err)
	}
	ref := func(id, name, typ string, n, docs int64) queries.RankedEntity {
		return queries.RankedEntity{EntityRef: queries.EntityRef{ID: id, Name: name, Type: typ}, Statements: n, Documents: docs}
	}
	want := queries.SpeakerSummary{
		ID: "person:anna-kowalsky",
		Timeline: []queries.TimelinePoint{
			{Date: "2024-01-10", Kind: "direct", Statements: 1},
			{Date: "2024-01-10", Kind: "indirect", Statements: 1},
			{Date: "2024-01-20", Kind: "indirect", Statements: 5},
			{Date: "2024-02-01", Kind: "indirect", Statements: 2},
		},
		Undated: 1,
		Mentions: []queries.RankedEntity{
			ref("place:drelia", "Drelia", "Place", 3, 3),
			ref("organisation:valmora-army", "Valmora Army", "Organisation", 1, 2),
			ref("place:nordhafen", "Nordhafen", "Place", 1, 2),
			ref("place:valmora", "Valmora", "Place", 1, 3),
		},
		CoSpeakers: []queries.RankedEntity{ref("person:piet-obrecht", "Piet Obrecht", "Person", 1, 2)},
		Outlets: []queries.Outlet{
			{Source: "Other Paper", Documents: 1, Statements: 5},
			{Source: "Example News", Documents: 2, Statements: 4},
			{Source: "Notes", Documents: 1, Statements: 1},
		},
	}
	if diff := cmp.Diff(want, sum); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}

	for _, tc := range []struct {
		id    string
		limit int
		code  string
		field string
	}{
		{"person:nobody", 0, "not_found", "id"},
		{"", 0, "invalid", "id"},
		{"person:anna-kowalsky", queries.MaxOverview + 1, "invalid", "limit"},
	} {
		_, err := q.SpeakerSummary(ctx(t), tc.id, tc.limit)
		wantCode(t, err, tc.code, tc.field)
	}
}

// An empty graph has an overview of zeros and empty lists (no date bounds:
// the date subqueries then return no row, which the fallback query covers).
func TestOverviewEmpty(t *testing.T) {
	s := neo4jtest.Open(t)
	neo4jtest.Reset(t, s)
	ov, err := queries.New(s, queries.Options{}).Overview(ctx(t), 0)
	if err != nil {
		t.Fatal(err)
	}
	want := queries.Overview{TopSpeakers: []queries.RankedEntity{}, MostMentioned: []queries.RankedEntity{}, LatestStatements: []queries.LatestStatement{}}
	if diff := cmp.Diff(want, ov); diff != "" {
		t.Errorf("overview of an empty graph (-want +got):\n%s", diff)
	}
}
