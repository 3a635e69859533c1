package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/whosaid/whosaid/bench/gen"
	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/graph/quote"
	"github.com/whosaid/whosaid/graph/store"
	"github.com/whosaid/whosaid/internal/neo4jtest"
)

// TestQuotesBackfill loads a synthetic corpus without quotes, then runs
// `whosaid quotes backfill`: the graph is the one a load with quotes
// builds, and a second run finds nothing to do.
func TestQuotesBackfill(t *testing.T) {
	plain := neo4jtest.Open(t) // quotes off
	ctx := context.Background()
	g := gen.New(gen.Options{Seed: 11, Documents: 60})
	var docs []graph.Extraction
	for range 60 {
		docs = append(docs, g.Next().Truth)
	}
	opts, _ := neo4jtest.Options(t)
	opts.Quotes = quote.Defaults()
	withQuotes, err := store.Open(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer withQuotes.Close(ctx)
	load := func(s *store.Store) {
		t.Helper()
		neo4jtest.Reset(t, s)
		for _, r := range s.Load(ctx, docs) {
			if r.Status == store.Failed {
				t.Fatalf("load %s: %v", r.Key, r.Err)
			}
		}
	}
	dump := func() string {
		t.Helper()
		var b strings.Builder
		if err := plain.Dump(ctx, &b, "ingested_at"); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	load(withQuotes)
	want := dump()

	load(plain)
	r := cliRun(t, ctx, "quotes", "backfill", "--batch-size", "50", "--log-level", "warn")
	if r.err != nil {
		t.Fatalf("quotes backfill: %v\n%s", r.err, r.stderr)
	}
	var got store.BackfillStats
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("summary %q: %v", r.stdout, err)
	}
	quotes := count(t, plain, `MATCH (q:Quote) RETURN count(q) AS n`)
	clustered := count(t, plain, `MATCH (s:Statement)-[:REPORTS]->() RETURN count(s) AS n`)
	if got.Clustered != clustered || got.Founded != quotes || got.Visited < got.Clustered || quotes == 0 {
		t.Errorf("summary %+v; the graph has %d quotes and %d reports", got, quotes, clustered)
	}
	if !strings.Contains(r.stderr, "statements read") {
		t.Errorf("no progress on stderr:\n%s", r.stderr)
	}
	if diff := cmp.Diff(want, dump()); diff != "" {
		t.Errorf("backfilled graph differs from a load with quotes (-load +backfill):\n%s", diff)
	}

	r = cliRun(t, ctx, "quotes", "backfill", "--log-level", "warn")
	if r.err != nil {
		t.Fatalf("second backfill: %v", r.err)
	}
	var again store.BackfillStats
	if err := json.Unmarshal([]byte(r.stdout), &again); err != nil || again != (store.BackfillStats{}) {
		t.Errorf("second run: %q (%v), want nothing done", r.stdout, err)
	}
}

func count(t *testing.T, s *store.Store, q string) int64 {
	t.Helper()
	res, err := neo4j.ExecuteQuery(context.Background(), s.Driver(), q, nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.Database()))
	if err != nil || len(res.Records) != 1 {
		t.Fatalf("%s: %v", q, err)
	}
	n, _ := res.Records[0].Get("n")
	return n.(int64)
}
