package quote

import (
	"context"
	"slices"
	"strings"
)

// Item is one statement to assign: its speakers' key and its content.
type Item struct {
	Speaker string // SpeakerKey of the resolved speakers; "" is not clustered
	Content string
}

// Candidate is a stored report found by a key: the quote it reports and
// its content.
type Candidate struct {
	Quote   string
	Speaker string
	Content string
}

// Index is the store of quotes already clustered. Implementations answer
// for the whole batch at once (one round trip each).
type Index interface {
	// Exact returns, for the variants already reported, the quote they
	// report.
	Exact(ctx context.Context, variants []string) (map[string]string, error)
	// Candidates returns, for each signature (by position), up to a few
	// stored reports sharing one of its keys, best first.
	Candidates(ctx context.Context, sigs []Signature) ([][]Candidate, error)
}

// Assignment is the quote of one Item.
type Assignment struct {
	Quote     string // quote id; "" when the item is not clustered
	New       bool   // the quote is founded by this batch
	Signature Signature
}

// Cluster assigns each item to a quote: an existing one the index knows
// (the same variant, else the best verified candidate), else one this
// batch founded earlier, else a new one. Items are decided in order, so
// the result depends only on the items and the index, not on timing.
func Cluster(ctx context.Context, o Options, items []Item, idx Index) ([]Assignment, error) {
	o = o.WithDefaults()
	out := make([]Assignment, len(items))
	var sigs []Signature
	var at []int
	seenVariant := make(map[string]bool)
	var variants []string
	for i, it := range items {
		sig, ok := Sign(o, it.Speaker, it.Content)
		if !ok {
			continue
		}
		out[i].Signature = sig
		sigs = append(sigs, sig)
		at = append(at, i)
		if !seenVariant[sig.Variant] {
			seenVariant[sig.Variant] = true
			variants = append(variants, sig.Variant)
		}
	}
	if len(sigs) == 0 {
		return out, nil
	}
	exact, err := idx.Exact(ctx, variants)
	if err != nil {
		return nil, err
	}
	var need []Signature
	var needAt []int
	for k, sig := range sigs {
		if exact[sig.Variant] == "" {
			need = append(need, sig)
			needAt = append(needAt, k)
		}
	}
	stored := make([][]Candidate, len(sigs))
	if len(need) > 0 {
		found, err := idx.Candidates(ctx, dedupe(need))
		if err != nil {
			return nil, err
		}
		byVariant := make(map[string][]Candidate, len(found))
		for j, sig := range dedupe(need) {
			byVariant[sig.Variant] = found[j]
		}
		for _, k := range needAt {
			stored[k] = byVariant[sigs[k].Variant]
		}
	}

	// The batch's own new quotes, by variant and by key, so that copies
	// inside one batch cluster as they would across batches.
	local := NewMemIndex(o)
	for k, sig := range sigs {
		i := at[k]
		if q := exact[sig.Variant]; q != "" {
			out[i].Quote = q
			continue
		}
		if q := local.variants[sig.Variant]; q != "" {
			out[i].Quote = q
			continue
		}
		cands := append(slices.Clone(stored[k]), local.candidates(sig)...)
		if q := best(o, sig, cands); q != "" {
			out[i].Quote = q
		} else {
			out[i].Quote, out[i].New = QuoteID(sig.Variant), true
		}
		local.add(out[i].Quote, sig, items[i].Content)
	}
	return out, nil
}

func dedupe(sigs []Signature) []Signature {
	seen := make(map[string]bool, len(sigs))
	out := make([]Signature, 0, len(sigs))
	for _, s := range sigs {
		if !seen[s.Variant] {
			seen[s.Variant] = true
			out = append(out, s)
		}
	}
	return out
}

// best returns the quote of the closest verified candidate, ties to the
// smaller id; "" when none is the same remark.
func best(o Options, sig Signature, cands []Candidate) string {
	var q string
	var top float64
	for _, c := range cands {
		if c.Speaker != sig.Speaker {
			continue // a key collision across speakers
		}
		ok, score := Same(o, sig.Words, Normalize(c.Content))
		if !ok {
			continue
		}
		if score > top || (score == top && c.Quote < q) {
			q, top = c.Quote, score
		}
	}
	return q
}

// MemIndex is an in-memory Index: for tests, benchmarks and building the
// quotes of a corpus in one process (a bulk import into an empty graph).
// It grows with what is added; the loader's index lives in Neo4j.
type MemIndex struct {
	o        Options
	variants map[string]string      // variant -> quote
	keys     map[string][]Candidate // key -> reports
}

// NewMemIndex returns an empty index for o.
func NewMemIndex(o Options) *MemIndex {
	return &MemIndex{o: o.WithDefaults(), variants: map[string]string{}, keys: map[string][]Candidate{}}
}

// Add records the assignments of a Cluster call, so the next call sees
// them.
func (m *MemIndex) Add(items []Item, as []Assignment) {
	for i, a := range as {
		if a.Quote != "" {
			m.add(a.Quote, a.Signature, items[i].Content)
		}
	}
}

func (m *MemIndex) add(quote string, sig Signature, content string) {
	if _, ok := m.variants[sig.Variant]; ok {
		return // its keys are there already
	}
	m.variants[sig.Variant] = quote
	for _, k := range sig.Keys {
		m.keys[k] = append(m.keys[k], Candidate{Quote: quote, Speaker: sig.Speaker, Content: content})
	}
}

// MaxCandidates bounds the stored reports verified per statement, the
// ones sharing most keys: the loader's key query returns as many.
const MaxCandidates = 12

func (m *MemIndex) candidates(sig Signature) []Candidate {
	lists := make([][]Candidate, len(sig.Keys))
	for i, k := range sig.Keys {
		lists[i] = m.keys[k]
	}
	return MostShared(lists)
}

// MostShared returns the distinct elements of lists (a signature's
// keys' reports) in order of first appearance, or, when there are more
// than MaxCandidates, the MaxCandidates in the most lists, ties in order
// of first appearance: how every Index ranks its candidates.
func MostShared[T comparable](lists [][]T) []T {
	shared := map[T]int{}
	var out []T
	for _, l := range lists {
		for _, c := range l {
			if shared[c] == 0 {
				out = append(out, c)
			}
			shared[c]++
		}
	}
	if len(out) > MaxCandidates {
		slices.SortStableFunc(out, func(a, b T) int { return shared[b] - shared[a] })
		out = out[:MaxCandidates]
	}
	return out
}

// Exact implements Index.
func (m *MemIndex) Exact(_ context.Context, variants []string) (map[string]string, error) {
	out := make(map[string]string)
	for _, v := range variants {
		if q, ok := m.variants[v]; ok {
			out[v] = q
		}
	}
	return out, nil
}

// Candidates implements Index.
func (m *MemIndex) Candidates(_ context.Context, sigs []Signature) ([][]Candidate, error) {
	out := make([][]Candidate, len(sigs))
	for i, s := range sigs {
		out[i] = m.candidates(s)
	}
	return out, nil
}

// KeyText is the stored form of a signature's keys: space-separated, for
// a full-text index with the whitespace analyser.
func KeyText(sig Signature) string { return strings.Join(sig.Keys, " ") }
