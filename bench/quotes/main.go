// Command quotes measures how well quote clustering (package graph/quote)
// finds the copies of one remark: it generates a SYNTHETIC syndicated
// corpus (bench/gen: originals plus copies that are exact, restyled,
// trimmed or lightly edited), clusters its statements in loader-sized
// batches against an in-memory index, and scores the clusters against the
// generator's truth with pairwise precision and recall (pairs of
// statements put in one quote) and per copy kind the share of copies
// joined to their original's quote.
//
//	go run ./bench/quotes -n 5000
//	go run ./bench/quotes -n 5000 -sweep   # the thresholds grid of docs/graph-model.md
//
// With -polnear DIR it measures on real articles instead, PolNeAR's
// multi-outlet stories, against pairs labelled by hand (polnear.go).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"slices"
	"time"

	"github.com/whosaid/whosaid/bench/gen"
	"github.com/whosaid/whosaid/graph/quote"
)

func main() {
	n := flag.Int("n", 5000, "original articles")
	seed := flag.Uint64("seed", 1, "random seed")
	rate := flag.Float64("rate", 0.3, "share of articles syndicated")
	copies := flag.Int("copies", 4, "at most this many copies of a syndicated article")
	batch := flag.Int("batch", 2000, "statements per Cluster call (the loader's batch)")
	sweep := flag.Bool("sweep", false, "score a grid of shingle sizes and thresholds")
	show := flag.Int("show", 0, "print this many false merges and missed copies (default options)")
	bands := flag.Int("bands", 0, "LSH bands (0: the default)")
	rows := flag.Int("rows", 0, "min-hashes per band (0: the default)")
	pn := PolNeAROptions{}
	flag.StringVar(&pn.Dir, "polnear", "", "measure on PolNeAR's *.jsonl in this directory instead (polnear.go)")
	flag.StringVar(&pn.PairsOut, "pairs", "", "-polnear: write the candidate pairs, with text, to this file (outside the repository)")
	flag.StringVar(&pn.LabelsIn, "labels", "", "-polnear: score against the labels in this file")
	flag.IntVar(&pn.Run, "run", 6, "-polnear: words in a row shared that make a candidate pair")
	flag.Float64Var(&pn.Low, "low", 0.3, "-polnear: 2-shingle Jaccard that makes a candidate pair")
	flag.Parse()
	if pn.Dir != "" {
		pn.Batch, pn.Sweep = *batch, *sweep
		pn.Def = quote.Defaults()
		if *bands > 0 && *rows > 0 {
			pn.Def.Bands, pn.Def.Rows = *bands, *rows
		}
		if err := RunPolNeAR(context.Background(), pn); err != nil {
			fmt.Fprintln(os.Stderr, "quotes:", err)
			os.Exit(1)
		}
		return
	}
	corpus := Generate(*n, *seed, gen.Syndication{Rate: *rate, MaxCopies: *copies, Outlets: 20})
	fmt.Printf("corpus: %d articles, %d statements (%d copies), seed %d\n", corpus.Articles, len(corpus.Items), corpus.CopyCount(), *seed)
	def := quote.Defaults()
	if *bands > 0 && *rows > 0 {
		def.Bands, def.Rows = *bands, *rows
	}
	grid := Grid(def, *sweep)
	fmt.Printf("bands %d × rows %d, anchors of %d words\n", def.Bands, def.Rows, def.Anchor)
	fmt.Println("shingle\tjaccard\tcontain\tprecision\trecall\tF1\tquotes\tstatements/s\t" + kindHeader())
	for _, o := range grid {
		s, err := Score(context.Background(), corpus, o, *batch)
		if err != nil {
			fmt.Fprintln(os.Stderr, "quotes:", err)
			os.Exit(1)
		}
		fmt.Printf("%d\t%.2f\t%.2f\t%.4f\t%.4f\t%.4f\t%d\t%.0f\t%s\n", o.Shingle, o.Jaccard, o.Containment,
			s.Precision, s.Recall, s.F1(), s.Quotes, s.PerSecond, s.kinds())
		if *show > 0 {
			showErrors(corpus, s.pred, *show)
		}
	}
}

// Grid returns def alone, or with sweep the grid of shingle sizes and
// thresholds of docs/graph-model.md (def is one of its points).
func Grid(def quote.Options, sweep bool) []quote.Options {
	if !sweep {
		return []quote.Options{def}
	}
	var grid []quote.Options
	for _, k := range []int{2, 3} {
		for _, j := range []float64{0.4, 0.5, 0.6, 0.7} {
			for _, c := range []float64{0.7, 0.8, 0.9, 1.0} {
				o := def
				o.Shingle, o.Jaccard, o.Containment = k, j, c
				grid = append(grid, o)
			}
		}
	}
	return grid
}

// Corpus is a syndicated corpus as clustering input with its truth.
type Corpus struct {
	Articles int
	Items    []quote.Item
	Truth    []string   // per item: the truth cluster (speaker and original wording)
	Copies   []gen.Copy // per item: "" for an original
}

// Generate builds a corpus of n originals and their copies.
func Generate(n int, seed uint64, s gen.Syndication) Corpus {
	g := gen.New(gen.Options{Seed: seed, Documents: n})
	var c Corpus
	originals := map[gen.Origin]string{}
	for range n {
		for _, a := range g.NextSyndicated(s) {
			c.Articles++
			for i, st := range a.Truth.Statements {
				ids := make([]string, 0, len(st.Speakers))
				for _, sp := range st.Speakers {
					ids = append(ids, sp.ID)
				}
				speaker := quote.SpeakerKey(ids)
				o := a.Origins[i]
				if a.Copies[i] == "" {
					// Two originals with the same words by the same speaker
					// are one remark: the truth cannot tell them apart either.
					originals[o] = speaker + "\x00" + fmt.Sprint(quote.Normalize(st.Content.Text))
				}
				c.Items = append(c.Items, quote.Item{Speaker: speaker, Content: st.Content.Text})
				c.Truth = append(c.Truth, originals[o])
				c.Copies = append(c.Copies, a.Copies[i])
			}
		}
	}
	return c
}

// CopyCount is the number of copied statements.
func (c Corpus) CopyCount() int {
	n := 0
	for _, k := range c.Copies {
		if k != "" {
			n++
		}
	}
	return n
}

// Result is a clustering's score.
type Result struct {
	Precision, Recall float64
	Quotes            int
	PerSecond         float64
	// Joined is, per copy kind, the share of copies put in the quote of
	// their original.
	Joined map[gen.Copy]float64
	pred   []string
}

// showErrors prints up to n statements merged into a quote whose first
// member has another truth, and up to n copies left out of their
// original's quote.
func showErrors(c Corpus, pred []string, n int) {
	first := map[string]int{}
	firstOfTruth := map[string]int{}
	merged, missed := 0, 0
	for i := range c.Items {
		if j, ok := first[pred[i]]; !ok {
			first[pred[i]] = i
		} else if c.Truth[j] != c.Truth[i] && merged < n {
			merged++
			fmt.Printf("  merged: %q\n      with %q\n", c.Items[j].Content, c.Items[i].Content)
		}
		if j, ok := firstOfTruth[c.Truth[i]]; !ok {
			firstOfTruth[c.Truth[i]] = i
		} else if pred[j] != pred[i] && missed < n {
			missed++
			fmt.Printf("  missed (%s): %q\n      of %q\n", c.Copies[i], c.Items[i].Content, c.Items[j].Content)
		}
	}
}

// F1 is the harmonic mean of precision and recall.
func (r Result) F1() float64 {
	if r.Precision+r.Recall == 0 {
		return 0
	}
	return 2 * r.Precision * r.Recall / (r.Precision + r.Recall)
}

var kinds = []gen.Copy{gen.CopyExact, gen.CopyRestyled, gen.CopyTrimEnd, gen.CopyTrimStart, gen.CopyEdited, gen.CopyDropped}

func kindHeader() string {
	h := ""
	for i, k := range kinds {
		if i > 0 {
			h += "\t"
		}
		h += string(k)
	}
	return h
}

func (r Result) kinds() string {
	s := ""
	for i, k := range kinds {
		if i > 0 {
			s += "\t"
		}
		s += fmt.Sprintf("%.3f", r.Joined[k])
	}
	return s
}

// Assign clusters items in batches of batch, each batch against an
// in-memory index of the batches before, as the loader does, and returns
// each item's quote ("" when it is not clustered).
func Assign(ctx context.Context, items []quote.Item, o quote.Options, batch int) ([]string, error) {
	idx := quote.NewMemIndex(o)
	pred := make([]string, len(items))
	for lo := 0; lo < len(items); lo += batch {
		hi := min(lo+batch, len(items))
		as, err := quote.Cluster(ctx, o, items[lo:hi], idx)
		if err != nil {
			return nil, err
		}
		idx.Add(items[lo:hi], as)
		for i, a := range as {
			pred[lo+i] = a.Quote
		}
	}
	return pred, nil
}

// Score clusters the corpus in batches of batch items, each batch against
// the index of the batches before, as the loader does.
func Score(ctx context.Context, c Corpus, o quote.Options, batch int) (Result, error) {
	t0 := time.Now()
	pred, err := Assign(ctx, c.Items, o, batch)
	if err != nil {
		return Result{}, err
	}
	took := time.Since(t0)
	r := Result{PerSecond: float64(len(c.Items)) / took.Seconds(), Joined: map[gen.Copy]float64{}, pred: pred}
	// Pairwise counts from the contingency table: pairs in one predicted
	// quote, pairs in one truth cluster, pairs in both.
	pairs := func(m map[string]int) (n int64) {
		for _, v := range m {
			n += int64(v) * int64(v-1) / 2
		}
		return n
	}
	byPred, byTruth, both := map[string]int{}, map[string]int{}, map[string]int{}
	firstQuote := map[string]string{} // truth cluster -> quote of its original
	for i := range c.Items {
		byPred[pred[i]]++
		byTruth[c.Truth[i]]++
		both[pred[i]+"\x01"+c.Truth[i]]++
		if c.Copies[i] == "" {
			if _, ok := firstQuote[c.Truth[i]]; !ok {
				firstQuote[c.Truth[i]] = pred[i]
			}
		}
	}
	tp, pp, tt := pairs(both), pairs(byPred), pairs(byTruth)
	if pp > 0 {
		r.Precision = float64(tp) / float64(pp)
	}
	if tt > 0 {
		r.Recall = float64(tp) / float64(tt)
	}
	r.Quotes = len(byPred)
	joined, total := map[gen.Copy]int{}, map[gen.Copy]int{}
	for i, k := range c.Copies {
		if k == "" {
			continue
		}
		total[k]++
		if pred[i] == firstQuote[c.Truth[i]] {
			joined[k]++
		}
	}
	for _, k := range slices.Collect(func(yield func(gen.Copy) bool) {
		for k := range total {
			if !yield(k) {
				return
			}
		}
	}) {
		r.Joined[k] = float64(joined[k]) / float64(total[k])
	}
	return r, nil
}
