package pipeline_test

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/whosaid/whosaid/ingest/extract"
	"github.com/whosaid/whosaid/ingest/pipeline"
	"github.com/whosaid/whosaid/ingest/source"
	"github.com/whosaid/whosaid/internal/neo4jtest"
)

// exampleArticle is the bundled sample article (examples/ at the module root).
func exampleArticle(t *testing.T) string {
	_, file, _, _ := runtime.Caller(0)
	p := filepath.Join(filepath.Dir(file), "..", "..", "examples", "istanbul-talks-2022-03-29.txt")
	if _, err := os.Stat(p); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestExampleArticleGraph ingests the sample article with the real reader
// and extractor, twice, and checks the facts the issue names. These depend
// on the extractor's quality as much as on the loader.
func TestExampleArticleGraph(t *testing.T) {
	s := neo4jtest.Open(t)
	neo4jtest.Reset(t, s)
	ctx := context.Background()
	x := extract.New(extract.Options{})
	ingest := func() pipeline.Summary {
		docs := source.Documents(ctx, []string{exampleArticle(t)}, source.Options{})
		sum, err := pipeline.Run(ctx, pipeline.Documents(docs), s, pipeline.Options{Extract: x.Extract})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Failed != 0 {
			t.Fatalf("ingest failed: %+v", sum.Failures)
		}
		return sum
	}
	if sum := ingest(); sum.Written != 1 {
		t.Fatalf("first ingest: %+v", sum.Stats)
	}
	nodes, rels := neo4jtest.Counts(t, s)
	if sum := ingest(); sum.Skipped != 1 {
		t.Fatalf("second ingest: %+v", sum.Stats)
	}
	if n2, r2 := neo4jtest.Counts(t, s); n2 != nodes || r2 != rels {
		t.Errorf("second ingest changed counts: %d/%d → %d/%d", nodes, rels, n2, r2)
	}

	tests := []struct {
		name  string
		query string
	}{
		{"Medinsky is one Person with aliases",
			`MATCH (p:Person) WHERE p.name CONTAINS 'Medinsky'
			 RETURN count(p) = 1 AND min(size(p.aliases)) > 0 AS ok`},
		{"Chernigov and Chernihiv are one Place",
			`MATCH (p:Place) WHERE p.name IN ['Chernihiv', 'Chernigov'] OR any(a IN p.aliases WHERE a IN ['Chernihiv', 'Chernigov'])
			 RETURN count(p) = 1 AND any(n IN [p IN collect(p) | p.name] WHERE n IN ['Chernihiv', 'Chernigov']) AS ok`},
		{"Chernigov finds Chernihiv by full-text search",
			`CALL db.index.fulltext.queryNodes('entity_names', 'Chernigov') YIELD node
			 RETURN count(CASE WHEN node:Place THEN 1 END) >= 1 AS ok`},
		{"Fomin HOLDS_ROLE Deputy Defence Minister",
			`MATCH (p:Person)-[r:HOLDS_ROLE]->() WHERE p.name CONTAINS 'Fomin' AND r.title = 'Deputy Defence Minister'
			 RETURN count(r) >= 1 AS ok`},
		{"Kirby SAID statements that MENTION Kyiv",
			`MATCH (p:Person)-[:SAID]->(:Statement)-[:MENTIONS]->(k:Place) WHERE p.name CONTAINS 'Kirby' AND k.name = 'Kyiv'
			 RETURN count(*) >= 1 AS ok`},
		{"Kyiv is PART_OF Ukraine",
			`MATCH (:Place {name: 'Kyiv'})-[:PART_OF*1..3]->(u:Place {name: 'Ukraine'}) RETURN count(u) >= 1 AS ok`},
		{"every statement is reported in the document",
			`MATCH (s:Statement) RETURN count(s) > 0 AND all(x IN collect(EXISTS { (s)-[:REPORTED_IN]->(:Document) }) WHERE x) AS ok`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := neo4j.ExecuteQuery(ctx, s.Driver(), tt.query, nil, neo4j.EagerResultTransformer,
				neo4j.ExecuteQueryWithDatabase(s.Database()))
			if err != nil {
				t.Fatal(err)
			}
			if ok, _ := res.Records[0].Get("ok"); ok != true {
				t.Errorf("not in the graph")
			}
		})
	}
}
