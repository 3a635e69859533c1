package pipeline

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/graph/store"
)

// fakeLoader records batches; documents whose id is in fail fail, and the
// first downFor calls report Neo4j unreachable.
type fakeLoader struct {
	mu      sync.Mutex
	batches [][]string
	fail    map[string]bool
	downFor int
	calls   int
}

func (f *fakeLoader) Load(ctx context.Context, exts []graph.Extraction) []store.LoadResult {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	down := f.calls <= f.downFor
	var ids []string
	out := make([]store.LoadResult, len(exts))
	for i, e := range exts {
		ids = append(ids, e.Document.ID)
		out[i] = store.LoadResult{DocumentID: e.Document.ID, Status: store.Written}
		switch {
		case down:
			out[i].Status, out[i].Err = store.Failed, graph.Errorf(graph.EUNAVAILABLE, "neo4j is not reachable")
		case f.fail[e.Document.ID]:
			out[i].Status, out[i].Err = store.Failed, errors.New("rejected")
		default:
			out[i].Statements = len(e.Statements)
		}
	}
	if !down {
		f.batches = append(f.batches, ids)
	}
	return out
}

func inputs(n int, bad ...int) iter.Seq2[graph.Extraction, error] {
	return func(yield func(graph.Extraction, error) bool) {
		for i := range n {
			var err error
			if slices.Contains(bad, i) {
				err = fmt.Errorf("input %d: unreadable", i)
			}
			ext := graph.Extraction{Document: graph.Document{ID: fmt.Sprintf("d%03d", i), Text: "x"},
				Statements: make([]graph.Statement, 3)}
			if !yield(ext, err) {
				return
			}
		}
	}
}

func TestRunBatchesAndCounts(t *testing.T) {
	tests := []struct {
		name            string
		n               int
		bad             []int
		fail            map[string]bool
		batchDocs       int
		batchStatements int
		wantStats       Stats
		maxBatch        int
	}{
		{"by documents", 25, nil, nil, 10, 1000, Stats{Read: 25, Written: 25, Statements: 75}, 10},
		{"by statements", 25, nil, nil, 100, 7, Stats{Read: 25, Written: 25, Statements: 75}, 2},
		{"read and write failures", 10, []int{3}, map[string]bool{"d005": true}, 4, 1000,
			Stats{Read: 10, Written: 8, Failed: 2, Statements: 24}, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := &fakeLoader{fail: tt.fail}
			sum, err := Run(context.Background(), inputs(tt.n, tt.bad...), l, Options{
				Workers: 3, BatchDocs: tt.batchDocs, BatchStatements: tt.batchStatements,
			})
			if err != nil {
				t.Fatal(err)
			}
			got := sum.Stats
			got.Elapsed = 0
			if diff := cmp.Diff(tt.wantStats, got); diff != "" {
				t.Errorf("stats (-want +got):\n%s", diff)
			}
			if len(sum.Failures) != int(tt.wantStats.Failed) {
				t.Errorf("failures listed: %v", sum.Failures)
			}
			seen := map[string]bool{}
			for _, b := range l.batches {
				if len(b) > tt.maxBatch {
					t.Errorf("batch of %d, want at most %d", len(b), tt.maxBatch)
				}
				for _, id := range b {
					if seen[id] {
						t.Errorf("%s written twice", id)
					}
					seen[id] = true
				}
			}
		})
	}
}

func TestRunRetriesWhileUnavailable(t *testing.T) {
	l := &fakeLoader{downFor: 2}
	sum, err := Run(context.Background(), inputs(5), l, Options{Workers: 1, BatchDocs: 10, FlushAfter: time.Hour, RetryFor: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Written != 5 || sum.Failed != 0 {
		t.Errorf("after an outage: %+v", sum.Stats)
	}

	l = &fakeLoader{downFor: 1 << 30}
	sum, _ = Run(context.Background(), inputs(3), l, Options{Workers: 1, RetryFor: 600 * time.Millisecond})
	if sum.Failed != 3 || len(sum.Failures) != 3 {
		t.Errorf("when Neo4j never comes back every document must be listed as failed: %+v", sum)
	}
}

func TestRunExtractPanicFailsAlone(t *testing.T) {
	l := &fakeLoader{}
	extract := func(d graph.Document) graph.Extraction {
		if d.ID == "d002" {
			panic("boom")
		}
		return graph.Extraction{Document: d}
	}
	sum, err := Run(context.Background(), inputs(4), l, Options{Extract: extract})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Written != 3 || sum.Failed != 1 {
		t.Errorf("stats: %+v", sum.Stats)
	}
}

// orderLoader records when each document's write starts and ends.
type orderLoader struct {
	mu     sync.Mutex
	events []string
}

func (o *orderLoader) Load(ctx context.Context, exts []graph.Extraction) []store.LoadResult {
	out := make([]store.LoadResult, len(exts))
	for i, e := range exts {
		o.mu.Lock()
		o.events = append(o.events, "start "+e.Document.ID)
		o.mu.Unlock()
		if e.Document.ID == "v1" {
			time.Sleep(200 * time.Millisecond) // a slow first version
		}
		o.mu.Lock()
		o.events = append(o.events, "end "+e.Document.ID)
		o.mu.Unlock()
		out[i] = store.LoadResult{DocumentID: e.Document.ID, Status: store.Written}
	}
	return out
}

func TestRunKeepsVersionsOfAKeyInOrder(t *testing.T) {
	docs := []graph.Document{
		{ID: "v1", URL: "https://x.invalid/a", Text: "one"},
		{ID: "other", URL: "https://x.invalid/b", Text: "two"},
		{ID: "v2", URL: "https://x.invalid/a", Text: "three"},
	}
	in := func(yield func(graph.Extraction, error) bool) {
		for _, d := range docs {
			if !yield(graph.Extraction{Document: d}, nil) {
				return
			}
		}
	}
	l := &orderLoader{}
	if _, err := Run(context.Background(), in, l, Options{Workers: 1, Writers: 2, BatchDocs: 1}); err != nil {
		t.Fatal(err)
	}
	end1, start2 := slices.Index(l.events, "end v1"), slices.Index(l.events, "start v2")
	if end1 < 0 || start2 < 0 || start2 < end1 {
		t.Errorf("the second version started before the first was written: %v", l.events)
	}
}

// TestRunPassesContextToExtract: a run cancelled while a document is being
// extracted returns at once, and that document is neither written nor
// failed (a rerun does it).
func TestRunPassesContextToExtract(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	l := &fakeLoader{}
	extract := func(ctx context.Context, d graph.Document) (graph.Extraction, error) {
		if d.ID == "d005" {
			cancel() // Ctrl-C while this one is analysed
			<-ctx.Done()
			return graph.Extraction{Document: d}, ctx.Err()
		}
		return graph.Extraction{Document: d, Statements: make([]graph.Statement, 1)}, nil
	}
	sum, err := Run(ctx, inputs(50), l, Options{Workers: 1, BatchDocs: 2, ExtractContext: extract})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
	if sum.Failed != 0 {
		t.Errorf("%d failed: an interrupted document is not a failure", sum.Failed)
	}
	for _, b := range l.batches {
		if slices.Contains(b, "d005") {
			t.Errorf("the interrupted document was written: %v", b)
		}
	}
}
