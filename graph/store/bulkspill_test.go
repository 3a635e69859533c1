package store

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/whosaid/whosaid/bench/gen"
	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/graph/quote"
)

type recordSink struct{ lines []string }

func (r *recordSink) Node(id string, labels []string, props map[string]any) error {
	r.lines = append(r.lines, fmt.Sprint(id, labels, props))
	return nil
}

func (r *recordSink) Relationship(typ, start, end string, props map[string]any) error {
	r.lines = append(r.lines, fmt.Sprint(typ, start, end, props))
	return nil
}

// The entity sort gives the same output whether it holds every row in
// memory or spills runs of 7 rows to disk and merges them.
func TestBulkSpillMatchesMemory(t *testing.T) {
	run := func(maxRows int) ([]string, int) {
		g := gen.New(gen.Options{Seed: 3, Documents: 300})
		sink := &recordSink{}
		b, err := NewBulk(sink, time.Unix(0, 0), t.TempDir(), quote.Options{})
		if err != nil {
			t.Fatal(err)
		}
		b.spill.maxRows = maxRows
		for range 300 {
			for _, r := range b.Load(context.Background(), []graph.Extraction{g.Next().Truth}) {
				if r.Err != nil {
					t.Fatal(r.Err)
				}
			}
		}
		if err := b.Close(context.Background()); err != nil {
			t.Fatal(err)
		}
		if maxRows < 1000 && b.spill.files < 2*maxRuns {
			t.Fatalf("only %d runs were written, want more than %d so that runs are merged", b.spill.files, 2*maxRuns)
		}
		return sink.lines, b.Entities()
	}
	mem, n := run(1 << 30)
	disk, m := run(7)
	if n == 0 || n != m {
		t.Fatalf("entities: %d in memory, %d spilled", n, m)
	}
	if d := cmp.Diff(mem, disk); d != "" {
		t.Errorf("spilled sort differs (-memory +spilled):\n%s", d)
	}
}
