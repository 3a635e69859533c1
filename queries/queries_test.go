package queries_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/internal/neo4jtest"
	"github.com/whosaid/whosaid/queries"
)

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return c
}

func ids[T any](items []T, id func(T) string) []string {
	out := make([]string, len(items))
	for i, x := range items {
		out[i] = id(x)
	}
	return out
}

// pageAll follows a paged query's cursors, at most maxPages pages, and
// returns the key of every item in the order the pages gave them.
func pageAll[T any](t *testing.T, maxPages int, fetch func(cursor string) (queries.Page[T], error), key func(T) string) []string {
	t.Helper()
	var out []string
	cur := ""
	for range maxPages {
		page, err := fetch(cur)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, ids(page.Items, key)...)
		if cur = page.NextCursor; cur == "" {
			break
		}
	}
	return out
}

func statementID(s queries.Statement) string { return s.ID }

func wantCode(t *testing.T, err error, code, field string) {
	t.Helper()
	var e *graph.Error
	if !errors.As(err, &e) || e.Code != code || (field != "" && e.Field != field) {
		t.Fatalf("err = %v, want code %s field %q", err, code, field)
	}
}

func TestIntegration(t *testing.T) {
	q, s := loaded(t)

	t.Run("SearchEntities", func(t *testing.T) {
		for _, tc := range []struct {
			q, typ, want string
		}{
			{"Kowalsky", "", "person:anna-kowalsky"},
			{"kowalski", "", "person:anna-kowalsky"}, // alias
			{"Kovalsky", "", "person:anna-kowalsky"}, // fuzzy
			{"Anna Kovalski", "Person", "person:anna-kowalsky"},
			{"Obrect", "", "person:piet-obrecht"},
			{"Nordhaven", "Place", "place:nordhafen"},
			{"Nordhafn", "", "place:nordhafen"},
			{"drelian ministry", "", "organisation:drelian-foreign-ministry"},
		} {
			page, err := q.SearchEntities(ctx(t), queries.EntitySearch{Q: tc.q, Type: tc.typ})
			if err != nil {
				t.Fatalf("%q: %v", tc.q, err)
			}
			if len(page.Items) == 0 || page.Items[0].ID != tc.want {
				t.Errorf("%q: got %v, want %s first", tc.q, ids(page.Items, func(h queries.EntityHit) string { return h.ID }), tc.want)
			}
		}
		page, err := q.SearchEntities(ctx(t), queries.EntitySearch{Q: "Valmora", Type: "Organisation"})
		if err != nil || len(page.Items) != 1 || page.Items[0].ID != "organisation:valmora-army" {
			t.Errorf("type filter: %v %v", page.Items, err)
		}
		// Paging by score returns every hit once.
		all := pageAll(t, 20, func(cur string) (queries.Page[queries.EntityHit], error) {
			return q.SearchEntities(ctx(t), queries.EntitySearch{Q: "a*", Limit: 1, Cursor: cur})
		}, func(h queries.EntityHit) string { return h.ID })
		slices.Sort(all)
		if len(slices.Compact(slices.Clone(all))) != len(all) || len(all) == 0 {
			t.Errorf("paging returned %v", all)
		}
		// A fuzzy first page keeps later pages fuzzy.
		fz, err := q.SearchEntities(ctx(t), queries.EntitySearch{Q: "Valmorra", Limit: 1})
		if err != nil || len(fz.Items) != 1 || fz.NextCursor == "" {
			t.Fatalf("fuzzy page 1: %+v %v", fz, err)
		}
		fz2, err := q.SearchEntities(ctx(t), queries.EntitySearch{Q: "Valmorra", Limit: 1, Cursor: fz.NextCursor})
		if err != nil || len(fz2.Items) != 1 || fz2.Items[0].ID == fz.Items[0].ID {
			t.Errorf("fuzzy page 2: %+v %v", fz2, err)
		}
		_, err = q.SearchEntities(ctx(t), queries.EntitySearch{Q: "  "})
		wantCode(t, err, graph.EINVALID, "q")
		_, err = q.SearchEntities(ctx(t), queries.EntitySearch{Q: "x", Type: "Planet"})
		wantCode(t, err, graph.EINVALID, "type")
	})

	t.Run("Entity", func(t *testing.T) {
		p, err := q.Entity(ctx(t), "person:anna-kowalsky")
		if err != nil {
			t.Fatal(err)
		}
		if p.Name != "Anna Kowalsky" || p.Type != "Person" || !slices.Contains(p.Aliases, "Anna Kowalski") {
			t.Errorf("profile = %+v", p)
		}
		if p.Counts.Statements != 10 || p.Counts.MentionedIn != 0 || p.Counts.Documents != 4 || p.FirstSeen != "2024-01-10" || p.LastSeen != "2024-02-01" {
			t.Errorf("counts %+v first %s last %s", p.Counts, p.FirstSeen, p.LastSeen)
		}
		if len(p.Roles) != 1 || p.Roles[0].Title != "Minister" || len(p.Roles[0].Documents) == 0 {
			t.Errorf("roles = %+v", p.Roles)
		}
		g, err := q.Entity(ctx(t), "person:piet-obrecht")
		if err != nil {
			t.Fatal(err)
		}
		if len(g.Roles) != 1 || g.Roles[0].Of == nil || g.Roles[0].Of.ID != "organisation:valmora-army" || len(g.Roles[0].Documents) != 2 {
			t.Errorf("roles = %+v", g.Roles)
		}
		n, err := q.Entity(ctx(t), "place:nordhafen")
		if err != nil || len(n.PartOf) != 1 || n.PartOf[0].ID != "place:valmora" {
			t.Errorf("part_of = %+v %v", n.PartOf, err)
		}
		_, err = q.Entity(ctx(t), "person:nobody")
		wantCode(t, err, graph.ENOTFOUND, "id")
	})

	t.Run("SpeakerHistory", func(t *testing.T) {
		page, err := q.SpeakerHistory(ctx(t), "person:anna-kowalsky", queries.HistoryFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var texts []string
		for _, st := range page.Items {
			texts = append(texts, st.Text)
		}
		want := []string{
			"the border with Drelia would stay open", "We will not close the crossing", // 2024-01-10
			"the first thing", "the second thing", "the third thing", "the fourth thing", "the fifth thing", // 2024-01-20
			"the army of Valmora would hold exercises near Nordhaven", "Drelia had been informed", // 2024-02-01
			"Valmora wanted peace with Drelia", // undated, last
		}
		if diff := cmp.Diff(want, texts); diff != "" {
			t.Fatalf("history order (-want +got):\n%s", diff)
		}
		first := page.Items[0]
		if first.Kind != "indirect" || first.Cue.Text != "said" || first.Provenance.Document.Title != "Border talks" ||
			first.Provenance.Document.URL != "https://news.example/a" || first.Provenance.Document.Published != "2024-01-10" ||
			first.Provenance.Sentence.Text != "Minister Anna Kowalsky said the border with Drelia would stay open." {
			t.Errorf("first = %+v", first)
		}
		if got := docA[first.Provenance.Start:first.Provenance.End]; got != first.Text {
			t.Errorf("offsets point at %q", got)
		}
		joint := page.Items[7]
		if diff := cmp.Diff([]string{"person:piet-obrecht"}, ids(joint.CoSpeakers, func(r queries.SpeakerRef) string { return r.ID })); diff != "" {
			t.Errorf("co-speakers: %s", diff)
		}
		if via := page.Items[8].Via; len(via) != 1 || via[0].ID != "organisation:drelian-foreign-ministry" {
			t.Errorf("via = %+v", via)
		}
		if len(page.Items[0].CoSpeakers) != 0 || page.NextCursor != "" {
			t.Errorf("co-speakers %v cursor %q", page.Items[0].CoSpeakers, page.NextCursor)
		}
	})

	t.Run("HistoryPaging", func(t *testing.T) {
		for _, limit := range []int{1, 2, 3, 4, 9, 10} {
			got := pageAll(t, 20, func(cur string) (queries.Page[queries.Statement], error) {
				page, err := q.SpeakerHistory(ctx(t), "person:anna-kowalsky", queries.HistoryFilter{Limit: limit, Cursor: cur})
				if len(page.Items) > limit {
					t.Fatalf("page of %d > limit %d", len(page.Items), limit)
				}
				return page, err
			}, statementID)
			if len(got) != 10 || len(slices.Compact(slices.Sorted(slices.Values(got)))) != 10 {
				t.Errorf("limit %d: paging returned %d statements (%v)", limit, len(got), got)
			}
		}
	})

	// Paging must give exactly the one-page answer, in time order (day,
	// undated last; document; start; id), with and without filters that
	// narrow the history's key range, through both entry points.
	t.Run("HistoryOrder", func(t *testing.T) {
		const speaker = "person:anna-kowalsky"
		timeKey := func(st queries.Statement) string {
			day := st.Date
			if day == "" {
				day = "~"
			}
			return fmt.Sprintf("%s\t%s\t%012d\t%s", day, st.Provenance.Document.ID, st.Provenance.Start, st.ID)
		}
		for _, f := range []queries.HistoryFilter{
			{},
			{DateRange: queries.DateRange{From: "2024-01-20"}},
			{DateRange: queries.DateRange{To: "2024-01-20"}},
			{DateRange: queries.DateRange{From: "2024-01-11", To: "2024-02-01"}},
			{Q: "thing"},
			{About: "place:drelia"},
		} {
			all, err := q.SpeakerHistory(ctx(t), speaker, f)
			if err != nil {
				t.Fatal(err)
			}
			keys := ids(all.Items, timeKey)
			if !slices.IsSorted(keys) || len(slices.Compact(slices.Clone(keys))) != len(keys) {
				t.Errorf("%+v: not in time order: %q", f, keys)
			}
			docs := make(map[string]bool)
			for _, st := range all.Items {
				docs[st.Provenance.Document.ID] = true
			}
			if f == (queries.HistoryFilter{}) && (len(docs) < 2 || len(all.Items) < 10) {
				t.Fatalf("fixture: %d statements in %d documents, want several", len(all.Items), len(docs))
			}
			want := ids(all.Items, func(s queries.Statement) string { return s.ID })
			for _, limit := range []int{1, 2, 3} {
				got := pageAll(t, 20, func(cur string) (queries.Page[queries.Statement], error) {
					hf := f
					hf.Limit, hf.Cursor = limit, cur
					return q.SpeakerHistory(ctx(t), speaker, hf)
				}, statementID)
				gotSearch := pageAll(t, 20, func(cur string) (queries.Page[queries.Statement], error) {
					return q.SearchStatements(ctx(t), queries.StatementFilter{DateRange: f.DateRange, Speaker: speaker, Mentions: f.About, Limit: limit, Cursor: cur})
				}, statementID)
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("%+v limit %d: paged history differs from one page (-want +got):\n%s", f, limit, diff)
				}
				if f.Q == "" {
					if diff := cmp.Diff(want, gotSearch); diff != "" {
						t.Errorf("%+v limit %d: paged statement search by speaker differs (-want +got):\n%s", f, limit, diff)
					}
				}
			}
		}
	})

	t.Run("HistoryFilters", func(t *testing.T) {
		for _, tc := range []struct {
			name string
			f    queries.HistoryFilter
			want int
		}{
			{"from", queries.HistoryFilter{DateRange: queries.DateRange{From: "2024-01-20"}}, 7},
			{"to", queries.HistoryFilter{DateRange: queries.DateRange{To: "2024-01-10"}}, 2},
			{"range", queries.HistoryFilter{DateRange: queries.DateRange{From: "2024-01-11", To: "2024-01-31"}}, 5},
			{"kind", queries.HistoryFilter{Kind: "direct"}, 1},
			{"about", queries.HistoryFilter{About: "place:drelia"}, 3},
			{"q", queries.HistoryFilter{Q: "THING"}, 5},
		} {
			page, err := q.SpeakerHistory(ctx(t), "person:anna-kowalsky", tc.f)
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			if len(page.Items) != tc.want {
				t.Errorf("%s: %d statements, want %d", tc.name, len(page.Items), tc.want)
			}
		}
		_, err := q.SpeakerHistory(ctx(t), "person:nobody", queries.HistoryFilter{})
		wantCode(t, err, graph.ENOTFOUND, "id")
		for _, tc := range []struct {
			f     queries.HistoryFilter
			field string
		}{
			{queries.HistoryFilter{DateRange: queries.DateRange{From: "yesterday"}}, "from"},
			{queries.HistoryFilter{DateRange: queries.DateRange{From: "2024-02-01", To: "2024-01-01"}}, "from"},
			{queries.HistoryFilter{Kind: "shouted"}, "kind"},
			{queries.HistoryFilter{Limit: 100000}, "limit"},
			{queries.HistoryFilter{Cursor: "not-a-cursor"}, "cursor"},
			{queries.HistoryFilter{Q: strings.Repeat("x", 10000)}, "q"},
		} {
			_, err := q.SpeakerHistory(ctx(t), "person:anna-kowalsky", tc.f)
			wantCode(t, err, graph.EINVALID, tc.field)
		}
	})

	t.Run("SearchStatements", func(t *testing.T) {
		page, err := q.SearchStatements(ctx(t), queries.StatementFilter{Q: "crossing"})
		if err != nil || len(page.Items) != 1 || page.Items[0].Text != "We will not close the crossing" || page.Items[0].Score <= 0 {
			t.Fatalf("q: %+v %v", page.Items, err)
		}
		page, err = q.SearchStatements(ctx(t), queries.StatementFilter{Q: "troops", Speaker: "person:piet-obrecht"})
		if err != nil || len(page.Items) != 1 {
			t.Fatalf("q+speaker: %+v %v", page.Items, err)
		}
		page, err = q.SearchStatements(ctx(t), queries.StatementFilter{Mentions: "place:drelia"})
		if err != nil || len(page.Items) != 4 {
			t.Fatalf("mentions: %d %v", len(page.Items), err)
		}
		page, err = q.SearchStatements(ctx(t), queries.StatementFilter{Mentions: "place:drelia", Speaker: "person:piet-obrecht"})
		if err != nil || len(page.Items) != 1 {
			t.Fatalf("mentions+speaker: %d %v", len(page.Items), err)
		}
		// Date browsing lists dated statements only, in time order, across pages.
		got := pageAll(t, 20, func(cur string) (queries.Page[queries.Statement], error) {
			return q.SearchStatements(ctx(t), queries.StatementFilter{DateRange: queries.DateRange{From: "2024-01-01"}, Limit: 4, Cursor: cur})
		}, func(s queries.Statement) string { return s.Date })
		if len(got) != 11 || !slices.IsSorted(got) {
			t.Errorf("by date: %v", got)
		}
		// Text search paging.
		got = pageAll(t, 20, func(cur string) (queries.Page[queries.Statement], error) {
			return q.SearchStatements(ctx(t), queries.StatementFilter{Q: "thing", Limit: 2, Cursor: cur})
		}, statementID)
		if len(got) != 5 || len(slices.Compact(slices.Sorted(slices.Values(got)))) != 5 {
			t.Errorf("text paging: %v", got)
		}
		page, err = q.SearchStatements(ctx(t), queries.StatementFilter{Speaker: "person:nobody"})
		if err != nil || len(page.Items) != 0 {
			t.Errorf("unknown speaker: %v %v", page.Items, err)
		}
	})

	t.Run("Statement", func(t *testing.T) {
		page, err := q.SearchStatements(ctx(t), queries.StatementFilter{Q: "crossing"})
		if err != nil || len(page.Items) != 1 {
			t.Fatal(err)
		}
		st, err := q.Statement(ctx(t), page.Items[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if st.Paragraph.Text != `Minister Anna Kowalsky said the border with Drelia would stay open. "We will not close the crossing," Kowalsky told reporters in Nordhafen.` {
			t.Errorf("paragraph = %q", st.Paragraph.Text)
		}
		if st.Provenance.Sentence.Text != `"We will not close the crossing," Kowalsky told reporters in Nordhafen.` {
			t.Errorf("sentence = %q", st.Provenance.Sentence.Text)
		}
		_, err = q.Statement(ctx(t), "stmt:none")
		wantCode(t, err, graph.ENOTFOUND, "id")
	})

	t.Run("MentionedBy", func(t *testing.T) {
		page, err := q.MentionedBy(ctx(t), "place:drelia", queries.MentionedByFilter{})
		if err != nil {
			t.Fatal(err)
		}
		got := ids(page.Items, func(s queries.Speaker) string { return s.ID })
		if diff := cmp.Diff([]string{"person:anna-kowalsky", "person:piet-obrecht"}, got); diff != "" {
			t.Errorf("speakers: %s", diff)
		}
		if page.Items[0].Statements != 3 || len(page.Items[0].Samples) != 3 {
			t.Errorf("first = %+v", page.Items[0])
		}
		p1, err := q.MentionedBy(ctx(t), "place:drelia", queries.MentionedByFilter{Limit: 1, Samples: 1})
		if err != nil || len(p1.Items) != 1 || p1.NextCursor == "" || len(p1.Items[0].Samples) != 1 {
			t.Fatalf("page 1: %+v %v", p1, err)
		}
		p2, err := q.MentionedBy(ctx(t), "place:drelia", queries.MentionedByFilter{Limit: 1, Cursor: p1.NextCursor})
		if err != nil || len(p2.Items) != 1 || p2.Items[0].ID != "person:piet-obrecht" || p2.NextCursor != "" {
			t.Fatalf("page 2: %+v %v", p2, err)
		}
		_, err = q.MentionedBy(ctx(t), "place:atlantis", queries.MentionedByFilter{})
		wantCode(t, err, graph.ENOTFOUND, "id")
	})

	t.Run("Network", func(t *testing.T) {
		net, err := q.Network(ctx(t), "person:anna-kowalsky", queries.NetworkFilter{})
		if err != nil {
			t.Fatal(err)
		}
		nodes := ids(net.Nodes, func(n queries.NetworkNode) string { return n.ID })
		for _, want := range []string{"person:anna-kowalsky", "place:drelia", "person:piet-obrecht", "organisation:drelian-foreign-ministry"} {
			if !slices.Contains(nodes, want) {
				t.Errorf("nodes %v lack %s", nodes, want)
			}
		}
		var drelia *queries.NetworkEdge
		for i, e := range net.Edges {
			if e.Type == "mentions" && e.Source == "person:anna-kowalsky" && e.Target == "place:drelia" {
				drelia = &net.Edges[i]
			}
		}
		if drelia == nil || drelia.Weight != 3 || len(drelia.Evidence) != 3 || net.Truncated {
			t.Errorf("edge to drelia = %+v, truncated %v", drelia, net.Truncated)
		}
		small, err := q.Network(ctx(t), "person:anna-kowalsky", queries.NetworkFilter{Limit: 2})
		if err != nil || len(small.Nodes) != 2 || !small.Truncated || small.Nodes[1].ID != "place:drelia" {
			t.Errorf("limit 2: %+v %v", small, err)
		}
		deep, err := q.Network(ctx(t), "person:anna-kowalsky", queries.NetworkFilter{Depth: 2})
		if err != nil || !slices.ContainsFunc(deep.Edges, func(e queries.NetworkEdge) bool { return e.Type == "part_of" }) {
			t.Errorf("depth 2: %+v %v", deep.Edges, err)
		}
		heavy, err := q.Network(ctx(t), "person:anna-kowalsky", queries.NetworkFilter{MinWeight: 3})
		if err != nil || len(heavy.Nodes) != 2 {
			t.Errorf("min_weight 3: %+v %v", heavy.Nodes, err)
		}
		_, err = q.Network(ctx(t), "person:anna-kowalsky", queries.NetworkFilter{Depth: 4})
		wantCode(t, err, graph.EINVALID, "depth")
		_, err = q.Network(ctx(t), "person:nobody", queries.NetworkFilter{})
		wantCode(t, err, graph.ENOTFOUND, "id")
	})

	t.Run("Paths", func(t *testing.T) {
		paths, err := q.Paths(ctx(t), "organisation:drelian-foreign-ministry", "person:piet-obrecht", queries.PathFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(paths) == 0 {
			t.Fatal("no path")
		}
		p := paths[0]
		if p.Entities[0].ID != "organisation:drelian-foreign-ministry" || p.Entities[len(p.Entities)-1].ID != "person:piet-obrecht" || len(p.Hops) != len(p.Entities)-1 {
			t.Errorf("path = %+v", p)
		}
		for _, h := range p.Hops {
			if h.Relation == "related" || (len(h.Statements) == 0 && h.Relation != "holds_role" && h.Relation != "part_of") {
				t.Errorf("hop = %+v", h)
			}
		}
		none, err := q.Paths(ctx(t), "organisation:drelian-foreign-ministry", "person:piet-obrecht", queries.PathFilter{MaxHops: 1})
		if err != nil || len(none) != 0 {
			t.Errorf("max_hops 1: %v %v", none, err)
		}
		_, err = q.Paths(ctx(t), "person:piet-obrecht", "person:piet-obrecht", queries.PathFilter{})
		wantCode(t, err, graph.EINVALID, "to")
		_, err = q.Paths(ctx(t), "person:piet-obrecht", "person:x", queries.PathFilter{})
		wantCode(t, err, graph.ENOTFOUND, "to")
		_, err = q.Paths(ctx(t), "person:piet-obrecht", "place:drelia", queries.PathFilter{MaxHops: 7})
		wantCode(t, err, graph.EINVALID, "max_hops")
	})

	t.Run("Documents", func(t *testing.T) {
		page, err := q.Documents(ctx(t), queries.DocumentFilter{})
		if err != nil {
			t.Fatal(err)
		}
		got := ids(page.Items, func(d queries.Document) string { return d.Title })
		if diff := cmp.Diff([]string{"Joint statement", "Many statements", "Border talks", "Undated note"}, got); diff != "" {
			t.Errorf("documents: %s", diff)
		}
		if page.Items[0].Statements != 2 || page.Items[0].IngestedAt == "" {
			t.Errorf("first = %+v", page.Items[0])
		}
		all := pageAll(t, 10, func(cur string) (queries.Page[queries.Document], error) {
			return q.Documents(ctx(t), queries.DocumentFilter{Limit: 1, Cursor: cur})
		}, func(d queries.Document) string { return d.Title })
		if diff := cmp.Diff(got, all); diff != "" {
			t.Errorf("paging: %s", diff)
		}
		p, err := q.Documents(ctx(t), queries.DocumentFilter{Source: "Example News", DateRange: queries.DateRange{From: "2024-01-15"}})
		if err != nil || len(p.Items) != 1 {
			t.Errorf("filters: %+v %v", p.Items, err)
		}
		d, err := q.Document(ctx(t), page.Items[0].ID)
		if err != nil || d.Text != docB || len(d.StatementsIn) != 2 || len(d.EntitiesIn) == 0 {
			t.Errorf("document: %+v %v", d, err)
		}
		_, err = q.Document(ctx(t), "sha256:none")
		wantCode(t, err, graph.ENOTFOUND, "id")
	})

	t.Run("Cypher", func(t *testing.T) {
		lim := queries.CypherLimits{Timeout: 5 * time.Second, MaxRows: 3}
		res, err := q.Cypher(ctx(t), queries.CypherRequest{Query: `MATCH (e:Entity) WHERE e.type = $t RETURN e.id AS id, e ORDER BY id`, Params: map[string]any{"t": "Person"}}, lim)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{"id", "e"}, res.Columns); diff != "" || len(res.Rows) != 2 || res.Rows[0][0] != "person:anna-kowalsky" {
			t.Errorf("result = %+v %s", res, diff)
		}
		res, err = q.Cypher(ctx(t), queries.CypherRequest{Query: `UNWIND range(1, 10) AS i RETURN i`}, lim)
		if err != nil || len(res.Rows) != 3 || !res.Truncated {
			t.Errorf("row cap: %+v %v", res, err)
		}
		for _, bad := range []string{`MATCH (n RETURN n`, `\`, `RETURN $missing`} {
			_, err = q.Cypher(ctx(t), queries.CypherRequest{Query: bad}, lim)
			wantCode(t, err, graph.EINVALID, "query")
		}

		nodes, rels := neo4jtest.Counts(t, s)
		for _, w := range writeQueries {
			_, err := q.Cypher(ctx(t), queries.CypherRequest{Query: w}, lim)
			if graph.ErrorCode(err) != graph.EFORBIDDEN {
				t.Errorf("%q: err = %v, want forbidden", w, err)
			}
		}
		if n, r := neo4jtest.Counts(t, s); n != nodes || r != rels {
			t.Errorf("graph changed: %d/%d nodes, %d/%d relationships", n, nodes, r, rels)
		}
	})
}

// writeQueries must all be refused by POST /cypher; shared with the API
// security tests through their own copy.
var writeQueries = []string{
	`CREATE (n:Entity {id: 'x'})`,
	`MERGE (n:Entity {id: 'person:anna-kowalsky'}) SET n.name = 'changed'`,
	`MATCH (n:Entity) SET n.name = 'changed'`,
	`MATCH (n:Entity) REMOVE n.name`,
	`MATCH (n) DETACH DELETE n`,
	`MATCH (n:Statement) DELETE n`,
	`create (n:X)`,
	"MATCH (n) WITH n LIMIT 1 CALL { WITH n DETACH DELETE n } IN TRANSACTIONS",
	`CALL dbms.components()`,
	`CALL dbms.security.createUser('x', 'y', false)`,
	"CALL `dbms`.`killQueries`([])",
	`CALL /* hidden */ dbms.listConfig()`,
	`CALL apoc.create.node(['X'], {})`,
	`CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DETACH DELETE n', {})`,
	`CALL apoc.cypher.runWrite('CREATE (:X)', {})`,
	`LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line`,
	`LOAD/**/CSV FROM 'https://example.com/x.csv' AS l RETURN l`,
	`CREATE INDEX x FOR (n:X) ON (n.y)`,
	`DROP CONSTRAINT entity_id`,
	`MATCH (n) FOREACH (x IN [1] | SET n.y = x)`,
	`USE system SHOW USERS`,
}

func TestCursorTampering(t *testing.T) {
	q, _ := loaded(t)
	page, err := q.SpeakerHistory(ctx(t), "person:anna-kowalsky", queries.HistoryFilter{Limit: 1})
	if err != nil || page.NextCursor == "" {
		t.Fatal(err)
	}
	// A history cursor is not an entity-search cursor.
	_, err = q.SearchEntities(ctx(t), queries.EntitySearch{Q: "x", Cursor: page.NextCursor})
	wantCode(t, err, graph.EINVALID, "cursor")
	for _, c := range []string{"e30", "eyJ0IjoidGltZSJ9", "%%%", strings.Repeat("A", 5000)} {
		_, err = q.SpeakerHistory(ctx(t), "person:anna-kowalsky", queries.HistoryFilter{Cursor: c})
		wantCode(t, err, graph.EINVALID, "cursor")
	}
}
