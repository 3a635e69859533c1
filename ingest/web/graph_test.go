package web

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/graph/store"
	"github.com/whosaid/whosaid/ingest/boilerplate"
	"github.com/whosaid/whosaid/ingest/extract"
	"github.com/whosaid/whosaid/ingest/gazetteer"
	"github.com/whosaid/whosaid/ingest/pipeline"
	"github.com/whosaid/whosaid/internal/neo4jtest"
)

// TestGraph ingests a feed, a sitemap index, an article URL and a WARC of
// the same site into Neo4j: the harbour article, reached through a feed
// redirect, a URL and a WARC record, is one document under its canonical
// URL, every document carries its metadata, the validators are kept only
// for stored documents, and bylines are authors, never speakers.
func TestGraph(t *testing.T) {
	s := neo4jtest.Open(t)
	neo4jtest.Reset(t, s)
	site := newSite(t)
	u := func(p string) string { return site.URL + p }
	warc := writeWARC(t, site.URL)

	gaz, err := gazetteer.Load()
	if err != nil {
		t.Fatal(err)
	}
	x := extract.New(extract.Options{Gazetteer: gaz, Boilerplate: boilerplate.Find})
	cache, _ := OpenCache("")
	ingest := func(inputs ...string) pipeline.Summary {
		t.Helper()
		docs := Documents(context.Background(), inputs, Options{Fetch: testConfig(), Cache: cache})
		sum, err := pipeline.Run(context.Background(), pipeline.Documents(docs), s, pipeline.Options{
			Workers: 2, BatchDocs: 2,
			ExtractContext: func(ctx context.Context, d graph.Document) (graph.Extraction, error) {
				return x.ExtractContext(ctx, d)
			},
			Result: func(o pipeline.Outcome) {
				cache.Done(o.Key, o.Status != store.Failed)
			},
		})
		if err != nil {
			t.Fatal(err)
		}
		return sum
	}

	sum := ingest(u("/rss.xml"), u("/sitemap_index.xml"), u("/news/2024/05/harbour-expansion"), warc)
	if sum.Failed != 0 {
		t.Fatalf("failures: %+v", sum.Failures)
	}

	res, err := neo4j.ExecuteQuery(context.Background(), s.Driver(), `
MATCH (d:Document)
RETURN d.url AS url, d.title AS title, d.source AS source, d.published AS published, d.authors AS authors
ORDER BY url LIMIT 100`, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(s.Database()))
	if err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	for _, r := range res.Records {
		got = append(got, r.AsMap())
	}
	strs := func(ss ...string) []any {
		out := make([]any, len(ss))
		for i, s := range ss {
			out[i] = s
		}
		return out
	}
	want := []map[string]any{
		// the page has no date: the news sitemap's
		{"url": u("/fr/marche-couvert"), "title": "Le marché couvert rouvre ses portes", "source": "La Gazette du Port",
			"published": "2024-06-01", "authors": strs("Camille Durand")},
		{"url": u("/local/new-school"), "title": "New school opens in Eastfield", "source": "Eastfield Gazette",
			"published": "2024-09-02", "authors": strs("Priya Raman")},
		{"url": u("/news/2024/05/harbour-expansion"), "title": "Harbour expansion approved after long dispute", "source": "The Coastal Ledger",
			"published": "2024-05-14", "authors": strs("Mira Okafor", "Tom Lindqvist")},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("documents (-want +got):\n%s", diff)
	}

	res, err = neo4j.ExecuteQuery(context.Background(), s.Driver(), `
MATCH (e)-[:SAID]->(:Statement) WHERE e.name IN $authors RETURN count(*) AS n`,
		map[string]any{"authors": []string{"Mira Okafor", "Tom Lindqvist", "Priya Raman", "Camille Durand"}},
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(s.Database()))
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := res.Records[0].Get("n"); n.(int64) != 0 {
		t.Errorf("%d statements attributed to a byline's author", n)
	}
	res, err = neo4j.ExecuteQuery(context.Background(), s.Driver(), `
MATCH (e)-[:SAID]->(:Statement)-[:REPORTED_IN]->(:Document {url: $url}) RETURN DISTINCT e.name AS name ORDER BY name LIMIT 20`,
		map[string]any{"url": u("/news/2024/05/harbour-expansion")},
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(s.Database()))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Records) == 0 {
		t.Error("no speakers found in the harbour article")
	}

	// a second run asks again conditionally and writes nothing
	before := site.hitsOf("/local/new-school")
	sum = ingest(u("/rss.xml"), u("/news/2024/05/harbour-expansion"))
	if sum.Written+sum.Replaced != 0 {
		t.Errorf("second run wrote %d documents", sum.Written+sum.Replaced)
	}
	if site.hitsOf("/local/new-school") != before+1 || site.conditional["/local/new-school"] == "" {
		t.Error("second run did not revalidate the school page with If-Modified-Since")
	}
}
