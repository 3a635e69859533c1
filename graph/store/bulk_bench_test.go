package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/whosaid/whosaid/bench/gen"
	"github.com/whosaid/whosaid/export"
	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/graph/quote"
	"github.com/whosaid/whosaid/graph/store"
)

// BenchmarkBulk measures the offline loader and its CSV writer, without
// JSON decoding or extraction: documents/s is ns/op inverted.
func BenchmarkBulk(b *testing.B) {
	g := gen.New(gen.Options{Seed: 1, Documents: 5000})
	exts := make([]graph.Extraction, 5000)
	for i := range exts {
		exts[i] = g.Next().Truth
	}
	b.ResetTimer()
	for i := 0; i < b.N; i += len(exts) {
		b.StopTimer()
		csv, err := export.NewBulkCSV(b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		bulk, err := store.NewBulk(csv, time.Now(), b.TempDir(), quote.Defaults())
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		n := min(len(exts), b.N-i)
		for j := 0; j < n; j += 100 {
			for _, r := range bulk.Load(context.Background(), exts[j:min(j+100, n)]) {
				if r.Err != nil {
					b.Fatal(r.Err)
				}
			}
		}
		if err := bulk.Close(context.Background()); err != nil {
			b.Fatal(err)
		}
		if err := csv.Close(); err != nil {
			b.Fatal(err)
		}
	}
}
