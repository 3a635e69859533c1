package store_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/graph/store"
	"github.com/whosaid/whosaid/internal/neo4jtest"
)

const seenQuery = `MATCH (e:Entity) RETURN e.id AS id, e.first_seen AS first, e.last_seen AS last ORDER BY id`

func seen(t *testing.T, s *store.Store) []map[string]any {
	t.Helper()
	return query(t, s, seenQuery, nil)
}

func row(id string, first, last any) map[string]any {
	return map[string]any{"id": id, "first": first, "last": last}
}

// datedDocs returns docA published in January and docB in March; Orla
// Quint is in both.
func datedDocs(t *testing.T) (a, b graph.Extraction) {
	a, b = docA(t), docB(t)
	a.Document.Published = "2024-01-10"
	b.Document.Published = "2024-03-02"
	return a, b
}

func TestFirstAndLastSeen(t *testing.T) {
	s := neo4jtest.Open(t)
	a, b := datedDocs(t)
	both := []map[string]any{
		row("person:orla-quint", "2024-01-10", "2024-03-02"),
		row("person:piet-brander", "2024-03-02", "2024-03-02"),
		row("place:norland", "2024-01-10", "2024-01-10"),
		row("place:velmora", "2024-01-10", "2024-01-10"),
	}
	onlyA := []map[string]any{
		row("person:orla-quint", "2024-01-10", "2024-01-10"),
		row("place:norland", "2024-01-10", "2024-01-10"),
		row("place:velmora", "2024-01-10", "2024-01-10"),
	}
	undated := docB(t)
	undated.Document.Published = ""

	tests := []struct {
		name  string
		loads [][]graph.Extraction // one Load call each
		del   string               // then delete this document
		want  []map[string]any
	}{
		{name: "one batch", loads: [][]graph.Extraction{{a, b}}, want: both},
		{name: "newest first", loads: [][]graph.Extraction{{b}, {a}}, want: both},
		{name: "oldest first", loads: [][]graph.Extraction{{a}, {b}}, want: both},
		{name: "delete the latest", loads: [][]graph.Extraction{{a, b}}, del: b.Document.ID, want: onlyA},
		{name: "undated document adds no dates", loads: [][]graph.Extraction{{a}, {undated}}, want: []map[string]any{
			row("person:orla-quint", "2024-01-10", "2024-01-10"),
			row("person:piet-brander", nil, nil),
			row("place:norland", "2024-01-10", "2024-01-10"),
			row("place:velmora", "2024-01-10", "2024-01-10"),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			neo4jtest.Reset(t, s)
			for _, batch := range tt.loads {
				load(t, s, batch...)
			}
			if tt.del != "" {
				if _, err := s.DeleteDocument(context.Background(), tt.del); err != nil {
					t.Fatal(err)
				}
			}
			if diff := cmp.Diff(tt.want, seen(t, s)); diff != "" {
				t.Errorf("first and last seen (-want +got):\n%s", diff)
			}
			checkDocumentCounts(t, s)
		})
	}
}

// documentCounts lists each entity's kept document count and the count of
// documents that name it.
const documentCounts = `MATCH (e:Entity)
RETURN e.id AS id, e.documents AS kept, COUNT { (:Document)-[:MENTIONS]->(e) } AS counted ORDER BY id`

func checkDocumentCounts(t *testing.T, s *store.Store) {
	t.Helper()
	for _, r := range query(t, s, documentCounts, nil) {
		if r["kept"] != r["counted"] {
			t.Errorf("%s: documents = %v, but %v documents name it", r["id"], r["kept"], r["counted"])
		}
	}
}

func TestDocumentCountsAfterReplaceAndBackfill(t *testing.T) {
	s := neo4jtest.Open(t)
	neo4jtest.Reset(t, s)
	a, b := datedDocs(t)
	load(t, s, a, b)
	checkDocumentCounts(t, s)
	if n := one(t, s, `MATCH (e:Entity {id: 'person:orla-quint'}) RETURN e.documents`, nil); n != int64(2) {
		t.Errorf("Orla Quint named by %v documents, want 2", n)
	}

	// A new version of A (same URL) that no longer names Velmora.
	text := "Harbour Commissioner Orla Quint said the port would stay closed."
	a2 := article{url: a.Document.URL, text: text,
		entities: []graph.Entity{{ID: "person:orla-quint", Type: graph.Person, Name: "Orla Quint", Mentions: []graph.Span{span(t, text, "Orla Quint")}}},
		stmts:    []graph.Statement{statement(t, text, "a1", "person:orla-quint", "Orla Quint", "the port would stay closed")},
	}.extraction(t)
	load(t, s, a2)
	checkDocumentCounts(t, s)

	// A graph loaded before the counts were kept: migration 7 fills them in.
	want := query(t, s, documentCounts, nil)
	query(t, s, `MATCH (e:Entity) REMOVE e.documents`, nil)
	rerunMigration(t, s, 7)
	if diff := cmp.Diff(want, query(t, s, documentCounts, nil)); diff != "" {
		t.Errorf("after the backfill (-loaded +backfilled):\n%s", diff)
	}
}

func TestFirstAndLastSeenBackfilled(t *testing.T) {
	s := neo4jtest.Open(t)
	neo4jtest.Reset(t, s)
	a, b := datedDocs(t)
	load(t, s, a, b)
	want := seen(t, s)

	// A graph loaded before the dates were kept: migration 6 fills them in.
	query(t, s, `MATCH (e:Entity) REMOVE e.first_seen, e.last_seen`, nil)
	rerunMigration(t, s, 6)
	if diff := cmp.Diff(want, seen(t, s)); diff != "" {
		t.Errorf("after the backfill (-loaded +backfilled):\n%s", diff)
	}
}
