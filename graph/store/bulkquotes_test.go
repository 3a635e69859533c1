package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/whosaid/whosaid/bench/gen"
	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/graph/quote"
)

// The import's quote pass clusters a syndicated corpus exactly as
// quote.MemIndex does, batch by batch: the same statements report one
// quote, whether a speaker's index stays in memory or moves to disk (every
// speaker past its first batch, here), and whether the sort holds the rows
// in memory or merges runs.
func TestBulkQuotesMatchMemIndex(t *testing.T) {
	g := gen.New(gen.Options{Seed: 5, Documents: 200})
	var batches [][]graph.Extraction
	var batch []graph.Extraction
	for range 200 {
		for _, s := range g.NextSyndicated(gen.Syndication{Rate: 0.5, MaxCopies: 4, Outlets: 6}) {
			batch = append(batch, s.Truth)
			if len(batch) == 7 {
				batches, batch = append(batches, batch), nil
			}
		}
	}
	batches = append(batches, batch)

	// Expected: the loader's clustering over an in-memory index.
	mem := quote.NewMemIndex(quote.Defaults())
	want := map[string][]string{}
	seen := map[string]bool{}
	for _, exts := range batches {
		var items []quote.Item
		var ids []string
		for _, ext := range exts {
			p, err := prepare(ext)
			if err != nil {
				t.Fatal(err)
			}
			if seen[p.id] {
				continue
			}
			seen[p.id] = true
			for _, st := range p.statements {
				var sp []string
				for _, s := range st.speakers {
					sp = append(sp, s["entity"].(string))
				}
				text, _ := st.props["text"].(string)
				items = append(items, quote.Item{Speaker: quote.SpeakerKey(sp), Content: text})
				ids = append(ids, st.props["id"].(string))
			}
		}
		as, err := quote.Cluster(context.Background(), quote.Defaults(), items, mem)
		if err != nil {
			t.Fatal(err)
		}
		mem.Add(items, as)
		for i, a := range as {
			if a.Quote != "" {
				want[a.Quote] = append(want[a.Quote], ids[i])
			}
		}
	}
	wantGroups := groups(want)

	for _, tc := range []struct {
		name   string
		maxMem int
	}{{"memory", bulkSpeakerMem}, {"disk", 1}} {
		t.Run(tc.name, func(t *testing.T) {
			sink := &quoteSink{}
			b, err := NewBulk(sink, time.Unix(0, 0), t.TempDir(), quote.Defaults())
			if err != nil {
				t.Fatal(err)
			}
			b.speakerMem = tc.maxMem
			b.quoteSpill.maxRows = 50 // several sorted runs
			for _, exts := range batches {
				for _, r := range b.Load(context.Background(), exts) {
					if r.Err != nil {
						t.Fatal(r.Err)
					}
				}
			}
			if err := b.Close(context.Background()); err != nil {
				t.Fatal(err)
			}
			got := map[string][]string{}
			n := 0
			for _, r := range sink.reports {
				got[r[1]] = append(got[r[1]], r[0])
				n++
			}
			if d := cmp.Diff(wantGroups, groups(got)); d != "" {
				t.Fatalf("quotes differ from quote.MemIndex's (-mem +bulk):\n%s", d)
			}
			t.Logf("%d reports, %d quotes", n, sink.quotes)
			if sink.quotes != len(want) || b.Quotes() != len(want) || n == len(want) {
				t.Errorf("%d quotes written, Quotes() %d, want %d; %d reports: the corpus should have copies", sink.quotes, b.Quotes(), len(want), n)
			}
		})
	}
}

// groups is the partition of statements that quotes make, in a canonical
// order (quote ids differ: the import gives each the id of its first
// report).
func groups(byQuote map[string][]string) [][]string {
	var out [][]string
	for _, sts := range byQuote {
		out = append(out, slices.Sorted(slices.Values(sts)))
	}
	slices.SortFunc(out, func(a, b []string) int { return strings.Compare(a[0], b[0]) })
	return out
}

// quoteSink records the reports and counts the quotes.
type quoteSink struct {
	reports [][2]string // statement, quote
	quotes  int
}

func (s *quoteSink) Node(_ string, labels []string, _ map[string]any) error {
	if labels[0] == "Quote" {
		s.quotes++
	}
	return nil
}

func (s *quoteSink) Relationship(typ, start, end string, _ map[string]any) error {
	if typ == "REPORTS" {
		s.reports = append(s.reports, [2]string{start, end})
	}
	return nil
}

// A key shared by more reports than bulkKeyCap lists the first ones only,
// so a lookup through a stock phrase's key reads a bounded list.
func TestBulkQuotesKeyCap(t *testing.T) {
	x, err := openBulkQuotes(quote.Defaults(), t.TempDir()+"/q")
	if err != nil {
		t.Fatal(err)
	}
	defer x.close()
	ctx := context.Background()
	for i := range bulkKeyCap + 20 {
		sig := quote.Signature{Speaker: "person:a", Variant: fmt.Sprintf("v%03d", i), Keys: []string{"shared", fmt.Sprintf("own%03d", i)}}
		if _, err := x.Candidates(ctx, []quote.Signature{sig}); err != nil {
			t.Fatal(err)
		}
		items := []quote.Item{{Speaker: "person:a", Content: fmt.Sprint("remark ", i)}}
		if err := x.add(items, []quote.Assignment{{Quote: quote.QuoteID(sig.Variant), New: true, Signature: sig}}); err != nil {
			t.Fatal(err)
		}
	}
	b, err := x.get(recordKey('k', "shared"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for len(b) > 0 {
		_, b, _ = cutString(b)
		n++
	}
	if n != bulkKeyCap {
		t.Errorf("shared key lists %d reports, want %d", n, bulkKeyCap)
	}
	if b, _ := x.get(recordKey('k', fmt.Sprintf("own%03d", bulkKeyCap+19))); len(b) == 0 {
		t.Error("a report past the cap lost its own key")
	}
}
