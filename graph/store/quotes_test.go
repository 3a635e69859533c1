package store_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/graph/quote"
	"github.com/whosaid/whosaid/graph/store"
	"github.com/whosaid/whosaid/internal/neo4jtest"
)

// openQuotes returns a migrated, emptied store that clusters quotes.
func openQuotes(t *testing.T) *store.Store {
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
	return s
}

// said is one attributed remark of an invented article.
type said struct {
	speaker, name string // speaker "" is unresolved ("an official")
	words         string
}

// report builds an invented article of outlet on date carrying the
// remarks, each as `Name said: “words”`.
func report(url, outlet, date string, remarks ...said) graph.Extraction {
	var b strings.Builder
	b.WriteString("Harbour news. ")
	var stmts []graph.Statement
	ents := map[string]graph.Entity{}
	for i, r := range remarks {
		name := r.name
		if name == "" {
			name = "An official"
		}
		ns := b.Len()
		b.WriteString(name)
		ne := b.Len()
		b.WriteString(" said: “")
		cs := b.Len()
		b.WriteString(r.words)
		ce := b.Len()
		b.WriteString("” ")
		sp := graph.Speaker{Name: name, Type: graph.Person, Start: ns, End: ne, Text: name, ResolvedFrom: graph.ResolvedName}
		if r.speaker != "" {
			sp.ID = r.speaker
			ents[r.speaker] = graph.Entity{ID: r.speaker, Type: graph.Person, Name: name}
		} else {
			sp.Kind = "person"
		}
		stmts = append(stmts, graph.Statement{ID: "s" + string(rune('a'+i)), Kind: graph.Direct,
			Speakers: []graph.Speaker{sp}, Cue: graph.Cue{Text: "said", Lemma: "say"},
			Content: graph.Span{Start: cs, End: ce, Text: r.words}, Confidence: 0.9})
	}
	text := b.String()
	sum := sha256.Sum256([]byte(text))
	ext := graph.Extraction{
		Document: graph.Document{ID: "sha256:" + hex.EncodeToString(sum[:]), URL: url, Source: outlet,
			Published: date, Text: text, ExtractorVersion: "test"},
		Statements: stmts,
	}
	for _, e := range ents {
		ext.Entities = append(ext.Entities, e)
	}
	return ext
}

const (
	fees      = "We will not raise harbour fees this year, and we will fight any plan that makes fishermen pay for the new quay."
	feesShort = "We will not raise harbour fees this year"
	feesEdit  = "We will not raise harbour fees this year, and we will oppose any plan that makes fishermen pay for the new quay."
	// Shares most of its words with fees and is another remark.
	cruise = "We will raise harbour fees next year for cruise ships, and we will not make fishermen pay for the new quay."
)

var (
	quint   = said{speaker: "person:orla-quint", name: "Orla Quint"}
	brander = said{speaker: "person:piet-brander", name: "Piet Brander"}
)

func (s said) says(words string) said { s.words = words; return s }

// quoteRow is a quote's summary as stored.
type quoteRow struct {
	Text, First, FirstOutlet, FirstDate string
	Reports, Outlets, Variants          int64
	Speakers                            []string
	Statements                          []string // the reporting documents' urls, sorted
}

func quotesOf(t *testing.T, s *store.Store) map[string]quoteRow {
	t.Helper()
	rows := query(t, s, `MATCH (q:Quote)
RETURN q.text AS text, q.first_document AS first, q.first_outlet AS outlet, q.first_date AS date,
       q.reports AS reports, q.outlets AS outlets, q.variants AS variants,
       COLLECT { MATCH (q)-[:BY]->(e) RETURN e.id ORDER BY e.id } AS speakers,
       COLLECT { MATCH (q)<-[:REPORTS]-(:Statement)-[:REPORTED_IN]->(d) RETURN d.url ORDER BY d.url } AS urls`, nil)
	out := map[string]quoteRow{}
	for _, r := range rows {
		q := quoteRow{Text: r["text"].(string), FirstOutlet: str(r["outlet"]), FirstDate: str(r["date"]),
			Reports: r["reports"].(int64), Outlets: r["outlets"].(int64), Variants: r["variants"].(int64)}
		first := r["first"].(string)
		q.First = one(t, s, `MATCH (d:Document {id: $id}) RETURN d.url`, map[string]any{"id": first}).(string)
		for _, x := range r["speakers"].([]any) {
			q.Speakers = append(q.Speakers, x.(string))
		}
		for _, x := range r["urls"].([]any) {
			q.Statements = append(q.Statements, x.(string))
		}
		out[q.Speakers[0]+" "+q.Text] = q
	}
	return out
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func TestQuotesCluster(t *testing.T) {
	s := openQuotes(t)
	ctx := context.Background()
	a := report("https://gazette.invalid/1", "Harbour Gazette", "2024-05-02", quint.says(fees), quint.says(cruise))
	b := report("https://wire.invalid/1", "Coast Wire", "2024-05-01", quint.says(strings.TrimSuffix(fees, ".")))
	c := report("https://daily.invalid/1", "Daily", "2024-05-03", quint.says(feesShort), brander.says(fees))
	d := report("https://gazette.invalid/2", "Harbour Gazette", "2024-05-04", quint.says(feesEdit), said{words: fees})
	// One document per batch: each links to the quotes stored before.
	for _, e := range []graph.Extraction{a, b, c, d} {
		load(t, s, e)
	}
	want := map[string]quoteRow{
		"person:orla-quint " + fees: {Text: fees, First: "https://wire.invalid/1", FirstOutlet: "Coast Wire", FirstDate: "2024-05-01",
			Reports: 4, Outlets: 3, Variants: 3, Speakers: []string{"person:orla-quint"},
			Statements: []string{"https://daily.invalid/1", "https://gazette.invalid/1", "https://gazette.invalid/2", "https://wire.invalid/1"}},
		"person:orla-quint " + cruise: {Text: cruise, First: "https://gazette.invalid/1", FirstOutlet: "Harbour Gazette", FirstDate: "2024-05-02",
			Reports: 1, Outlets: 1, Variants: 1, Speakers: []string{"person:orla-quint"}, Statements: []string{"https://gazette.invalid/1"}},
		"person:piet-brander " + fees: {Text: fees, First: "https://daily.invalid/1", FirstOutlet: "Daily", FirstDate: "2024-05-03",
			Reports: 1, Outlets: 1, Variants: 1, Speakers: []string{"person:piet-brander"}, Statements: []string{"https://daily.invalid/1"}},
	}
	if diff := cmp.Diff(want, quotesOf(t, s)); diff != "" {
		t.Fatalf("quotes (-want +got):\n%s", diff)
	}
	if n := one(t, s, `MATCH (s:Statement) WHERE NOT (s)-[:REPORTS]->() RETURN count(s)`, nil).(int64); n != 1 {
		t.Errorf("%d statements without a quote, want 1 (the unresolved speaker's)", n)
	}
	incremental := dump(t, s, "ingested_at")

	// All in one batch: the same graph (the founding wordings are the
	// same, so are the ids).
	neo4jtest.Reset(t, s)
	load(t, s, b, a, c, d)
	if diff := cmp.Diff(incremental, dump(t, s, "ingested_at")); diff != "" {
		t.Errorf("one batch differs from one document per batch (-per document +batch):\n%s", diff)
	}

	// Delete the first report: the quote stays, first reported moves on,
	// and with each wording reported once the longest is canonical.
	if _, err := s.DeleteDocument(ctx, b.Document.ID); err != nil {
		t.Fatal(err)
	}
	got := quotesOf(t, s)["person:orla-quint "+feesEdit]
	if got.Reports != 3 || got.Outlets != 2 || got.First != "https://gazette.invalid/1" || got.FirstDate != "2024-05-02" {
		t.Errorf("after deleting the wire copy: %+v", got)
	}
	// Replace the Daily article with one that no longer quotes Brander:
	// his quote goes.
	c2 := report("https://daily.invalid/1", "Daily", "2024-05-03", quint.says(feesShort))
	if r := load(t, s, c2); r[0].Status != store.Replaced {
		t.Fatalf("replace: %v", r[0].Status)
	}
	if _, ok := quotesOf(t, s)["person:piet-brander "+fees]; ok {
		t.Error("Brander's quote survived the replacement of its only report")
	}
	for _, e := range []graph.Extraction{a, c2, d} {
		if _, err := s.DeleteDocument(ctx, e.Document.ID); err != nil {
			t.Fatal(err)
		}
	}
	if n := one(t, s, `MATCH (q:Quote) RETURN count(q)`, nil).(int64); n != 0 {
		t.Errorf("%d quotes left with no document", n)
	}
	// Reloading after everything went gives the first graph again.
	for _, e := range []graph.Extraction{a, b, c, d} {
		load(t, s, e)
	}
	if diff := cmp.Diff(incremental, dump(t, s, "ingested_at")); diff != "" {
		t.Errorf("reload after delete differs (-first +reload):\n%s", diff)
	}
}

// Replacing a document gives the graph that deleting it and loading the
// new version gives, when the new version carries on the old one's quotes:
// the same wording, a light edit of a quote only the old version reported,
// and a wording of another outlet's quote. (The replacing load looks
// quotes up before it deletes the old version, so it finds the old
// version's quotes too.)
func TestReplaceKeepsQuotes(t *testing.T) {
	s := openQuotes(t)
	a := report("https://gazette.invalid/1", "Harbour Gazette", "2024-05-02", quint.says(fees))
	old := report("https://daily.invalid/1", "Daily", "2024-05-03", brander.says(fees), quint.says(cruise))
	upd := report("https://daily.invalid/1", "Daily", "2024-05-03", brander.says(feesEdit), quint.says(cruise), quint.says(feesShort))
	load(t, s, a)
	load(t, s, old)
	if r := load(t, s, upd); r[0].Status != store.Replaced {
		t.Fatalf("replace: %v", r[0].Status)
	}
	replaced := dump(t, s, "ingested_at")
	if n := one(t, s, `MATCH (q:Quote) RETURN count(q)`, nil).(int64); n != 3 {
		t.Errorf("%d quotes after the replacement, want 3", n)
	}

	neo4jtest.Reset(t, s)
	load(t, s, a)
	load(t, s, upd)
	if diff := cmp.Diff(dump(t, s, "ingested_at"), replaced); diff != "" {
		t.Errorf("replacing differs from loading the new version alone (-alone +replaced):\n%s", diff)
	}
}

// A remark that survives only through another wording keeps its id when
// its founding wording comes back.
func TestQuoteRefounded(t *testing.T) {
	s := openQuotes(t)
	ctx := context.Background()
	a := report("https://a.invalid/1", "A", "2024-05-01", quint.says(fees))
	b := report("https://b.invalid/1", "B", "2024-05-02", quint.says(feesEdit))
	load(t, s, a)
	load(t, s, b)
	if _, err := s.DeleteDocument(ctx, a.Document.ID); err != nil {
		t.Fatal(err)
	}
	load(t, s, report("https://c.invalid/1", "C", "2024-05-03", quint.says(fees)))
	got := quotesOf(t, s)
	if len(got) != 1 {
		t.Fatalf("%d quotes, want 1: %+v", len(got), got)
	}
}

// RefreshQuotes rebuilds summaries a bulk import leaves out.
func TestRefreshQuotes(t *testing.T) {
	s := openQuotes(t)
	load(t, s, report("https://a.invalid/1", "A", "2024-05-01", quint.says(fees), brander.says(cruise)))
	load(t, s, report("https://b.invalid/1", "B", "2024-05-02", quint.says(feesShort)))
	want := dump(t, s, "ingested_at")
	query(t, s, `MATCH (q:Quote) REMOVE q.reports, q.outlets, q.variants, q.text, q.first_date, q.first_document,
  q.first_outlet, q.first_statement, q.last_date`, nil)
	n, err := s.RefreshQuotes(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("refreshed %d quotes, want 2", n)
	}
	if diff := cmp.Diff(want, dump(t, s, "ingested_at")); diff != "" {
		t.Errorf("after refresh (-loaded +refreshed):\n%s", diff)
	}
}

// After a bulk import, FinishBulk summarises only the quotes the import
// wrote without a summary (those of speakers too large to cluster
// in memory), with the id their first report gives them.
func TestFinishBulkSummarisesTheRest(t *testing.T) {
	s := openQuotes(t)
	load(t, s, report("https://a.invalid/1", "A", "2024-05-02", quint.says(fees), brander.says(cruise)))
	load(t, s, report("https://b.invalid/1", "B", "2024-05-01", quint.says(feesShort)))
	want := dump(t, s, "ingested_at")
	// As the import writes a quote on disk: founding id (its first
	// loaded wording's), no summary.
	query(t, s, `MATCH (q:Quote)-[:BY]->(:Entity {name: $name})
  SET q.id = 'quote:' + $founder
  REMOVE q.reports, q.outlets, q.variants, q.text, q.first_date, q.first_document, q.first_outlet, q.first_statement, q.last_date`,
		map[string]any{"name": quint.name, "founder": signature(t, fees)})
	n, err := s.FinishBulk(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Errorf("summarised %d quotes, want 1", n)
	}
	if diff := cmp.Diff(want, dump(t, s, "ingested_at")); diff != "" {
		t.Errorf("after FinishBulk (-loaded +finished):\n%s", diff)
	}
}

// A near-duplicate's quote has the id of its first report's wording, so
// loading the reports in another order or other batches gives the same
// graph; the id follows when the first report goes.
func TestQuoteIDFollowsFirstReport(t *testing.T) {
	s := openQuotes(t)
	ctx := context.Background()
	a := report("https://a.invalid/1", "A", "2024-05-01", quint.says(fees))
	b := report("https://b.invalid/1", "B", "2024-05-02", quint.says(feesEdit))
	c := report("https://c.invalid/1", "C", "2024-05-03", quint.says(feesShort))
	ids := func() []string {
		var out []string
		for _, r := range query(t, s, `MATCH (q:Quote) RETURN q.id AS id ORDER BY id`, nil) {
			out = append(out, r["id"].(string))
		}
		return out
	}
	var want string
	for i, order := range [][]graph.Extraction{{a, b, c}, {c, b, a}, {b, c, a}} {
		neo4jtest.Reset(t, s)
		for _, e := range order {
			load(t, s, e)
		}
		got := dump(t, s, "ingested_at")
		if i == 0 {
			want = got
			if diff := cmp.Diff([]string{quote.QuoteID(signature(t, fees))}, ids()); diff != "" {
				t.Fatalf("quote ids (-want +got):\n%s", diff)
			}
			continue
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("order %d differs from the first (-first +this):\n%s", i, diff)
		}
	}
	if _, err := s.DeleteDocument(ctx, a.Document.ID); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{quote.QuoteID(signature(t, feesEdit))}, ids()); diff != "" {
		t.Errorf("after deleting the first report (-want +got):\n%s", diff)
	}
	if n := one(t, s, `MATCH (s:Statement) WHERE s.quote_k0 IS NOT NULL RETURN count(DISTINCT s.quote_variant)`, nil).(int64); n != 2 {
		t.Errorf("keys of %d wordings after the delete, want 2", n)
	}
}

// Migration 11 gives the statements clustered before it their key slots
// from their text and speakers, and removes the QUOTE_KEY relationships:
// the graph is then the one a load gives, and still finds near-duplicates.
func TestMigrationKeySlots(t *testing.T) {
	s := openQuotes(t)
	ctx := context.Background()
	load(t, s, report("https://a.invalid/1", "A", "2024-05-01", quint.says(fees), brander.says(cruise)))
	want := dump(t, s, "ingested_at")
	// The graph as migration 10 left it: text keys, QUOTE_KEYs, no slots.
	var remove []string
	for i := range quote.Slots {
		remove = append(remove, "s."+quote.SlotProperty(i))
	}
	query(t, s, `MATCH (s:Statement)-[:REPORTS]->(q:Quote)
  SET s.quote_keys = 'k1 k2'
  CREATE (q)-[:QUOTE_KEY {key: 'k1', variant: s.quote_variant}]->(q)
  REMOVE `+strings.Join(remove, ", "), nil)
	query(t, s, `MATCH (m:SchemaMigration {version: 11}) DELETE m`, nil)
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, dump(t, s, "ingested_at")); diff != "" {
		t.Errorf("after migration 11 (-loaded +migrated):\n%s", diff)
	}
	if n := one(t, s, `MATCH ()-[k:QUOTE_KEY]->() RETURN count(k)`, nil).(int64); n != 0 {
		t.Errorf("%d QUOTE_KEY relationships left", n)
	}
	load(t, s, report("https://b.invalid/1", "B", "2024-05-02", quint.says(feesEdit)))
	if n := one(t, s, `MATCH (q:Quote)-[:BY]->(:Entity {name: $name}) RETURN count(q)`, map[string]any{"name": quint.name}).(int64); n != 1 {
		t.Errorf("%d quotes of %s after an edited copy, want 1", n, quint.name)
	}
}

func signature(t *testing.T, words string) string {
	t.Helper()
	sig, ok := quote.Sign(quote.Defaults(), quint.speaker, words)
	if !ok {
		t.Fatalf("no signature for %q", words)
	}
	return sig.Variant
}

// Statements loaded without quotes get them from BackfillQuotes: the same
// graph as a load with quotes, in any batch size, and a second run finds
// nothing to do.
func TestBackfillQuotes(t *testing.T) {
	s := openQuotes(t)
	ctx := context.Background()
	docs := []graph.Extraction{
		report("https://gazette.invalid/1", "Harbour Gazette", "2024-05-02", quint.says(fees), quint.says(cruise)),
		report("https://wire.invalid/1", "Coast Wire", "2024-05-01", quint.says(strings.TrimSuffix(fees, "."))),
		report("https://daily.invalid/1", "Daily", "2024-05-03", quint.says(feesShort), brander.says(fees)),
		report("https://gazette.invalid/2", "Harbour Gazette", "2024-05-04", quint.says(feesEdit), said{words: fees}),
	}
	load(t, s, docs...)
	want := dump(t, s, "ingested_at")

	opts, _ := neo4jtest.Options(t)
	plain, err := store.Open(ctx, opts) // quotes off
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close(ctx)
	for _, batch := range []int{1, 2, 1000} {
		neo4jtest.Reset(t, s)
		load(t, plain, docs...)
		var calls int
		st, err := s.BackfillQuotes(ctx, batch, func(store.BackfillStats) { calls++ })
		if err != nil {
			t.Fatal(err)
		}
		// Six statements with a resolved speaker, three quotes.
		if diff := cmp.Diff(store.BackfillStats{Visited: 6, Clustered: 6, Founded: 3}, st); diff != "" {
			t.Errorf("batch %d: stats (-want +got):\n%s", batch, diff)
		}
		if calls == 0 {
			t.Errorf("batch %d: no progress reported", batch)
		}
		if diff := cmp.Diff(want, dump(t, s, "ingested_at")); diff != "" {
			t.Errorf("batch %d: backfilled graph differs from a load with quotes (-load +backfill):\n%s", batch, diff)
		}
		again, err := s.BackfillQuotes(ctx, batch, nil)
		if err != nil || again != (store.BackfillStats{}) {
			t.Errorf("batch %d: second run %+v, %v; want nothing done", batch, again, err)
		}
	}
}
