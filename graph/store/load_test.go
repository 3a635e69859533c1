package store_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/graph/store"
	"github.com/whosaid/whosaid/internal/neo4jtest"
)

// article builds an extraction from a text with marked spans, so that
// offsets in the fixtures are computed, not typed: every entity name is
// found in the text by its first occurrence.
type article struct {
	url, text string
	entities  []graph.Entity
	stmts     []graph.Statement
}

func (a article) extraction(t *testing.T) graph.Extraction {
	t.Helper()
	sum := sha256.Sum256([]byte(a.text))
	doc := graph.Document{ID: "sha256:" + hex.EncodeToString(sum[:]), URL: a.url, Title: "t " + a.url,
		Source: "test", Published: "2024-05-01", Text: a.text, ExtractorVersion: "test"}
	return graph.Extraction{Document: doc, Entities: a.entities, Statements: a.stmts}
}

func span(t *testing.T, text, s string) graph.Span {
	t.Helper()
	i := strings.Index(text, s)
	if i < 0 {
		t.Fatalf("fixture: %q not in text", s)
	}
	return graph.Span{Start: i, End: i + len(s), Text: s}
}

func statement(t *testing.T, text, id, speakerID, speakerText, content string, mentions ...string) graph.Statement {
	t.Helper()
	sp := span(t, text, speakerText)
	return graph.Statement{
		ID: id, Kind: graph.Indirect,
		Speakers: []graph.Speaker{{ID: speakerID, Name: speakerText, Type: graph.Person, Start: sp.Start, End: sp.End, Text: sp.Text, ResolvedFrom: graph.ResolvedName}},
		Cue:      graph.Cue{Text: "said", Lemma: "say"},
		Content:  span(t, text, content), Confidence: 0.9, Mentions: mentions,
	}
}

// docA: Orla Quint (alias "Quint", role Harbour Commissioner of Velmora)
// talks about Velmora, part of Norland.
func docA(t *testing.T) graph.Extraction {
	text := "Harbour Commissioner Orla Quint said the port of Velmora would reopen. Quint said tolls would fall."
	return article{
		url: "https://news.invalid/a", text: text,
		entities: []graph.Entity{
			{ID: "person:orla-quint", Type: graph.Person, Name: "Orla Quint", Aliases: []string{"Quint"},
				Roles:    []graph.Role{{Title: "Harbour Commissioner", Of: "place:velmora"}, {Title: "sailor"}},
				Mentions: []graph.Span{span(t, text, "Orla Quint")}},
			{ID: "place:velmora", Type: graph.Place, Name: "Velmora", PartOf: "place:norland",
				Mentions: []graph.Span{span(t, text, "Velmora")}},
		},
		stmts: []graph.Statement{
			statement(t, text, "a1", "person:orla-quint", "Orla Quint", "the port of Velmora would reopen", "place:velmora"),
			statement(t, text, "a2", "person:orla-quint", "Quint", "tolls would fall"),
		},
	}.extraction(t)
}

// docB: the same person under another alias, and someone only B knows.
func docB(t *testing.T) graph.Extraction {
	text := "O. Quint said trade was rising. Piet Brander said nothing had changed."
	return article{
		url: "https://news.invalid/b", text: text,
		entities: []graph.Entity{
			{ID: "person:orla-quint", Type: graph.Person, Name: "Orla Quint", Aliases: []string{"O. Quint"},
				Mentions: []graph.Span{span(t, text, "O. Quint")}},
			{ID: "person:piet-brander", Type: graph.Person, Name: "Piet Brander",
				Mentions: []graph.Span{span(t, text, "Piet Brander")}},
		},
		stmts: []graph.Statement{
			statement(t, text, "b1", "person:orla-quint", "O. Quint", "trade was rising"),
			statement(t, text, "b2", "person:piet-brander", "Piet Brander", "nothing had changed"),
		},
	}.extraction(t)
}

func load(t *testing.T, s *store.Store, exts ...graph.Extraction) []store.LoadResult {
	t.Helper()
	res := s.Load(context.Background(), exts)
	for _, r := range res {
		if r.Status == store.Failed {
			t.Fatalf("load %s: %v", r.Key, r.Err)
		}
	}
	return res
}

func dump(t *testing.T, s *store.Store, omit ...string) string {
	t.Helper()
	var b bytes.Buffer
	if err := s.Dump(context.Background(), &b, omit...); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func query(t *testing.T, s *store.Store, q string, params map[string]any) []map[string]any {
	t.Helper()
	res, err := neo4j.ExecuteQuery(context.Background(), s.Driver(), q, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.Database()))
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	var out []map[string]any
	for _, r := range res.Records {
		out = append(out, r.AsMap())
	}
	return out
}

func one(t *testing.T, s *store.Store, q string, params map[string]any) any {
	t.Helper()
	rows := query(t, s, q, params)
	if len(rows) != 1 {
		t.Fatalf("%s: %d rows, want 1", q, len(rows))
	}
	for _, v := range rows[0] {
		return v
	}
	return nil
}

func statuses(res []store.LoadResult) []store.LoadStatus {
	var out []store.LoadStatus
	for _, r := range res {
		out = append(out, r.Status)
	}
	return out
}

func TestLoadTwiceChangesNothing(t *testing.T) {
	s := neo4jtest.Open(t)
	neo4jtest.Reset(t, s)
	a, b := docA(t), docB(t)

	if got := statuses(load(t, s, a, b)); !cmp.Equal(got, []store.LoadStatus{store.Written, store.Written}) {
		t.Fatalf("first load: %v", got)
	}
	nodes, rels := neo4jtest.Counts(t, s)
	before := dump(t, s) // with ingested_at: a skipped document must not be touched

	for _, batch := range [][]graph.Extraction{{a, b}, {b}, {a, a}} {
		if got := statuses(load(t, s, batch...)); !cmp.Equal(got, slicesRepeat(store.Skipped, len(batch))) {
			t.Fatalf("reload: %v", got)
		}
	}
	n2, r2 := neo4jtest.Counts(t, s)
	if n2 != nodes || r2 != rels {
		t.Errorf("counts changed: nodes %d→%d, rels %d→%d", nodes, n2, rels, r2)
	}
	if diff := cmp.Diff(before, dump(t, s)); diff != "" {
		t.Errorf("graph changed on reload (-before +after):\n%s", diff)
	}
}

func slicesRepeat(s store.LoadStatus, n int) []store.LoadStatus {
	out := make([]store.LoadStatus, n)
	for i := range out {
		out[i] = s
	}
	return out
}

func TestSamePersonInTwoDocuments(t *testing.T) {
	s := neo4jtest.Open(t)
	neo4jtest.Reset(t, s)
	load(t, s, docA(t))
	load(t, s, docB(t))

	if n := one(t, s, `MATCH (p:Person:Entity {id: 'person:orla-quint'}) RETURN count(p)`, nil); n != int64(1) {
		t.Fatalf("%v nodes for the person, want 1", n)
	}
	rows := query(t, s, `MATCH (:Person {id: 'person:orla-quint'})-[:SAID]->(:Statement)-[:REPORTED_IN]->(d:Document)
RETURN DISTINCT d.url AS url ORDER BY url`, nil)
	if diff := cmp.Diff([]map[string]any{{"url": "https://news.invalid/a"}, {"url": "https://news.invalid/b"}}, rows); diff != "" {
		t.Errorf("documents reachable through the person's statements (-want +got):\n%s", diff)
	}
	aliases := one(t, s, `MATCH (p:Person {id: 'person:orla-quint'}) RETURN p.aliases`, nil)
	if diff := cmp.Diff([]any{"O. Quint", "Quint"}, aliases); diff != "" {
		t.Errorf("aliases (-want +got):\n%s", diff)
	}
	// Full-text search over names and aliases (the API's entity search).
	hits := query(t, s, `CALL db.index.fulltext.queryNodes('entity_names', $q) YIELD node RETURN node.id AS id LIMIT 5`, map[string]any{"q": "Quint"})
	if len(hits) == 0 || hits[0]["id"] != "person:orla-quint" {
		t.Errorf("full-text search for Quint: %v", hits)
	}
	// Gazetteer parent and role.
	if n := one(t, s, `MATCH (:Place {id: 'place:velmora'})-[:PART_OF]->(:Place {id: 'place:norland', name: 'Norland'}) RETURN count(*)`, nil); n != int64(1) {
		t.Errorf("PART_OF: %v", n)
	}
	if n := one(t, s, `MATCH (:Person {id: 'person:orla-quint'})-[r:HOLDS_ROLE {title: 'Harbour Commissioner'}]->(:Place {id: 'place:velmora'}) RETURN count(r)`, nil); n != int64(1) {
		t.Errorf("HOLDS_ROLE: %v", n)
	}
}

func TestReplaceDocument(t *testing.T) {
	s := neo4jtest.Open(t)
	neo4jtest.Reset(t, s)
	a := docA(t)
	load(t, s, a, docB(t))

	text := "Harbour Commissioner Orla Quint said the port would stay closed."
	a2 := article{url: a.Document.URL, text: text,
		entities: []graph.Entity{{ID: "person:orla-quint", Type: graph.Person, Name: "Orla Quint", Mentions: []graph.Span{span(t, text, "Orla Quint")}}},
		stmts:    []graph.Statement{statement(t, text, "a1", "person:orla-quint", "Orla Quint", "the port would stay closed")},
	}.extraction(t)
	res := load(t, s, a2)
	if res[0].Status != store.Replaced || !cmp.Equal(res[0].Replaced, []string{a.Document.ID}) {
		t.Fatalf("replace: %+v", res[0])
	}
	if n := one(t, s, `MATCH (d:Document {key: $k}) RETURN count(d)`, map[string]any{"k": a.Document.URL}); n != int64(1) {
		t.Errorf("%v documents for the key, want 1", n)
	}
	got := query(t, s, `MATCH (s:Statement)-[:REPORTED_IN]->(:Document {key: $k}) RETURN s.text AS text`, map[string]any{"k": a.Document.URL})
	if diff := cmp.Diff([]map[string]any{{"text": "the port would stay closed"}}, got); diff != "" {
		t.Errorf("statements after replace (-want +got):\n%s", diff)
	}
	if n := one(t, s, `MATCH (s:Statement {document: $id}) RETURN count(s)`, map[string]any{"id": a.Document.ID}); n != int64(0) {
		t.Errorf("%v old statements left", n)
	}
	// Velmora was only in the old version.
	if n := one(t, s, `MATCH (e:Entity {id: 'place:velmora'}) RETURN count(e)`, nil); n != int64(0) {
		t.Errorf("place only the old version supported is still there")
	}

	// Replacing and then loading the old version again swaps back: the
	// graph equals a fresh load of the old version.
	load(t, s, a)
	after := dump(t, s, "ingested_at")
	neo4jtest.Reset(t, s)
	load(t, s, a, docB(t))
	if diff := cmp.Diff(dump(t, s, "ingested_at"), after); diff != "" {
		t.Errorf("replace back differs from a fresh load (-fresh +replaced):\n%s", diff)
	}
}

func TestDeleteDocument(t *testing.T) {
	s := neo4jtest.Open(t)
	neo4jtest.Reset(t, s)
	a, b := docA(t), docB(t)
	load(t, s, b)
	onlyB := dump(t, s, "ingested_at")
	load(t, s, a)

	res, err := s.DeleteDocument(context.Background(), a.Document.ID)
	if err != nil {
		t.Fatal(err)
	}
	if res.Statements != 2 || !cmp.Equal(res.Documents, []string{a.Document.ID}) {
		t.Errorf("delete result: %+v", res)
	}
	// Exactly A's contribution is gone: the graph is what B alone gives.
	if diff := cmp.Diff(onlyB, dump(t, s, "ingested_at")); diff != "" {
		t.Errorf("after deleting A (-B alone +got):\n%s", diff)
	}
	aliases := one(t, s, `MATCH (p:Person {id: 'person:orla-quint'}) RETURN p.aliases`, nil)
	if diff := cmp.Diff([]any{"O. Quint"}, aliases); diff != "" {
		t.Errorf("aliases only A supplied must go (-want +got):\n%s", diff)
	}

	if _, err := s.DeleteDocument(context.Background(), a.Document.ID); graph.ErrorCode(err) != graph.ENOTFOUND {
		t.Errorf("deleting again: %v, want not_found", err)
	}
	if _, err := s.DeleteByKey(context.Background(), b.Document.URL); err != nil {
		t.Fatal(err)
	}
	if nodes, rels := neo4jtest.Counts(t, s); nodes != 0 || rels != 0 {
		t.Errorf("after deleting everything: %d nodes, %d relationships", nodes, rels)
	}
}

func TestBadDocumentFailsAlone(t *testing.T) {
	s := neo4jtest.Open(t)
	neo4jtest.Reset(t, s)
	a, b := docA(t), docB(t)
	hashA := strings.TrimPrefix(a.Document.ID, "sha256:")[:12]
	hashB := strings.TrimPrefix(b.Document.ID, "sha256:")[:12]
	// Both documents claim the same statement id (an extractor bug): the
	// database's uniqueness constraint rejects the second, which must fail
	// without taking the others with it.
	clash := "stmt:" + hashA + hashB
	a.Statements[0].ID = clash
	b.Statements[0].ID = clash
	text := "Mara Lind said the vote would be held."
	c := article{url: "https://news.invalid/c", text: text,
		entities: []graph.Entity{{ID: "person:mara-lind", Type: graph.Person, Name: "Mara Lind"}},
		stmts:    []graph.Statement{statement(t, text, "c1", "person:mara-lind", "Mara Lind", "the vote would be held")},
	}.extraction(t)
	empty := graph.Extraction{Document: graph.Document{URL: "https://news.invalid/empty"}}

	res := s.Load(context.Background(), []graph.Extraction{a, b, c, empty})
	want := []store.LoadStatus{store.Written, store.Failed, store.Written, store.Failed}
	if got := statuses(res); !cmp.Equal(got, want) {
		t.Fatalf("statuses %v, want %v (errors: %v, %v)", got, want, res[1].Err, res[3].Err)
	}
	if n := one(t, s, `MATCH (d:Document) RETURN count(d)`, nil); n != int64(2) {
		t.Errorf("%v documents, want 2", n)
	}
	if n := one(t, s, `MATCH (e:Entity {id: 'person:piet-brander'}) RETURN count(e)`, nil); n != int64(0) {
		t.Errorf("an entity of the failed document was written")
	}
}

// The same text with new metadata (a title or date added in front matter)
// replaces the document, so its properties and its statements' dates are
// the new ones; reloading that is a no-op again. Another path for the same
// text is the same document.
func TestNewMetadataReplaces(t *testing.T) {
	s := neo4jtest.Open(t)
	neo4jtest.Reset(t, s)
	a := docA(t)
	load(t, s, a)

	moved := a
	moved.Document.Path = "elsewhere/a.txt"
	if got := statuses(load(t, s, moved)); !cmp.Equal(got, []store.LoadStatus{store.Skipped}) {
		t.Fatalf("same text and metadata from another path: %v", got)
	}
	retitled := a
	retitled.Document.Title = "A new title"
	retitled.Document.Language = "en"
	res := load(t, s, retitled)
	if got := statuses(res); !cmp.Equal(got, []store.LoadStatus{store.Replaced}) {
		t.Fatalf("new metadata: %v", got)
	}
	row := query(t, s, `MATCH (d:Document {id: $id}) RETURN d.title AS title, d.language AS language`, map[string]any{"id": res[0].DocumentID})
	if diff := cmp.Diff([]map[string]any{{"title": "A new title", "language": "en"}}, row); diff != "" {
		t.Errorf("document after new metadata (-want +got):\n%s", diff)
	}
	if got := statuses(load(t, s, retitled)); !cmp.Equal(got, []store.LoadStatus{store.Skipped}) {
		t.Fatalf("reload of the new metadata: %v", got)
	}
	// Less metadata (the same article reached through a bare URL list)
	// changes nothing: the stored title stays.
	bare := retitled
	bare.Document.Title, bare.Document.Language = "", ""
	if got := statuses(load(t, s, bare)); !cmp.Equal(got, []store.LoadStatus{store.Skipped}) {
		t.Fatalf("less metadata: %v", got)
	}
	if title := one(t, s, `MATCH (d:Document {id: $id}) RETURN d.title`, map[string]any{"id": res[0].DocumentID}); title != "A new title" {
		t.Errorf("title after a copy with less metadata: %v", title)
	}
}
