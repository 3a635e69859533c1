package store_test

import (
	"context"
	"testing"

	"github.com/whosaid/whosaid/bench/gen"
	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/graph/store"
	"github.com/whosaid/whosaid/internal/neo4jtest"
)

// BenchmarkLoad writes batches of 100 synthetic documents (new content each
// iteration) and reports statements per second. Run with
// go test -run - -bench Load ./graph/store (needs Neo4j; wipes it).
func BenchmarkLoad(b *testing.B) {
	s := neo4jtest.Open(b)
	neo4jtest.Reset(b, s)
	b.Cleanup(func() { neo4jtest.Reset(b, s) })
	g := gen.New(gen.Options{Seed: 7, Documents: 100 * b.N})
	ctx := context.Background()
	var stmts int
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		batch := make([]graph.Extraction, 100)
		for i := range batch {
			batch[i] = g.Next().Truth
		}
		b.StartTimer()
		for _, r := range s.Load(ctx, batch) {
			if r.Status != store.Written {
				b.Fatalf("%s: %s %v", r.Key, r.Status, r.Err)
			}
			stmts += r.Statements
		}
	}
	b.ReportMetric(float64(stmts)/b.Elapsed().Seconds(), "statements/s")
}
