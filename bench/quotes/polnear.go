package main

// The -polnear mode: quote clustering on real articles, PolNeAR's 2016
// stories of seven US outlets, where one remark recurs across outlets.
// PolNeAR has no truth for this, so the evaluation set is built here and
// labelled by hand: every pair of statements from different documents
// that the clustering merged (at any point of the grid), and every pair
// from different documents with the same speakers whose contents share a
// run of at least -run normalised words or have a 2-word-shingle Jaccard
// of at least -low. Pairs with different speakers that share such a run
// are listed too: a remark attributed to different speakers cannot be
// merged, they measure what speaker errors cost.
//
//	go run ./bench/quotes -polnear /work/shared/eval/polnear -pairs /tmp/pairs.jsonl
//	go run ./bench/quotes -polnear /work/shared/eval/polnear -labels /tmp/labels.jsonl [-sweep]
//
// The pairs file holds the articles' text and the labels file is made from
// it: both must stay outside the repository (the texts are copyrighted),
// and -pairs refuses a path inside a Go module. Labels are JSON lines
// {"a": key, "b": key, "same": true|false|null}, null for unsure (left
// out of the figures), keys as in the pairs file (document id and the
// content's byte offsets, stable while the extractor's rules are).

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/graph/quote"
	"github.com/whosaid/whosaid/ingest/boilerplate"
	"github.com/whosaid/whosaid/ingest/extract"
	"github.com/whosaid/whosaid/ingest/gazetteer"
)

// PolNeAROptions configure the -polnear mode.
type PolNeAROptions struct {
	Dir      string // the directory of PolNeAR's *.jsonl
	Batch    int    // statements per Cluster call
	Sweep    bool   // score the grid too
	Def      quote.Options
	Run      int     // shared words in a row that make a candidate pair
	Low      float64 // 2-shingle Jaccard that makes a candidate pair
	PairsOut string  // write the candidate pairs (with text) here
	LabelsIn string  // read the labels from here
}

type pnDoc struct {
	ID        string `json:"id"`
	Publisher string `json:"publisher"`
	Published string `json:"published"`
	Title     string `json:"title"`
	Text      string `json:"text"`
}

type pnStmt struct {
	doc   int
	key   string // document id#start-end
	item  quote.Item
	words []string
	sh    []uint64 // sorted 2-word shingle hashes
}

type pnPair struct{ a, b int } // statement indexes, a < b

func readPolNeAR(dir string) ([]pnDoc, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no *.jsonl", dir)
	}
	var docs []pnDoc
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			return nil, err
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 16<<20)
		for sc.Scan() {
			var d pnDoc
			if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
				fh.Close()
				return nil, fmt.Errorf("%s: %w", f, err)
			}
			docs = append(docs, d)
		}
		fh.Close()
		if err := sc.Err(); err != nil {
			return nil, err
		}
	}
	// The loader's order: by publication, as a feed would bring them.
	slices.SortStableFunc(docs, func(a, b pnDoc) int {
		return cmp.Or(cmp.Compare(a.Published, b.Published), cmp.Compare(a.ID, b.ID))
	})
	return docs, nil
}

func shingle2(words []string) []uint64 {
	var out []uint64
	for i := 0; i+1 < len(words) || (i == 0 && len(words) == 1); i++ {
		h := fnv.New64a()
		h.Write([]byte(words[i]))
		if i+1 < len(words) {
			h.Write([]byte{' '})
			h.Write([]byte(words[i+1]))
		}
		out = append(out, h.Sum64())
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func jaccard(a, b []uint64) float64 {
	inter, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			inter++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	if u := len(a) + len(b) - inter; u > 0 {
		return float64(inter) / float64(u)
	}
	return 0
}

// longestRun is the length of the longest run of words a and b share.
func longestRun(a, b []string) int {
	best := 0
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
				best = max(best, cur[j+1])
			} else {
				cur[j+1] = 0
			}
		}
		prev, cur = cur, prev
	}
	return best
}

// insideModule says whether path lies in a directory with a go.mod above
// it: the pairs file must not land in the repository.
func insideModule(path string) bool {
	abs, err := filepath.Abs(path)
	if err != nil {
		return true
	}
	for d := filepath.Dir(abs); ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return true
		}
		if d == filepath.Dir(d) {
			return false
		}
	}
}

// RunPolNeAR extracts, clusters and scores PolNeAR as the package comment
// says, printing counts only.
func RunPolNeAR(ctx context.Context, p PolNeAROptions) error {
	if p.PairsOut != "" && insideModule(p.PairsOut) {
		return errors.New("-pairs: the file holds the articles' text: write it outside the repository")
	}
	docs, err := readPolNeAR(p.Dir)
	if err != nil {
		return err
	}
	gaz, err := gazetteer.Load()
	if err != nil {
		return err
	}
	x := extract.New(extract.Options{Gazetteer: gaz, Boilerplate: boilerplate.Find})
	var st []pnStmt
	outlets := map[string]bool{}
	for di, d := range docs {
		outlets[d.Publisher] = true
		ex, err := x.ExtractContext(ctx, graph.Document{ID: d.ID, Title: d.Title, Published: d.Published, Source: d.Publisher, Text: d.Text})
		if err != nil {
			return fmt.Errorf("%s: %w", d.ID, err)
		}
		for _, s := range ex.Statements {
			ids := make([]string, 0, len(s.Speakers))
			for _, sp := range s.Speakers {
				ids = append(ids, sp.ID)
			}
			w := quote.Normalize(s.Content.Text)
			st = append(st, pnStmt{doc: di, key: fmt.Sprintf("%s#%d-%d", d.ID, s.Content.Start, s.Content.End),
				item: quote.Item{Speaker: quote.SpeakerKey(ids), Content: s.Content.Text}, words: w, sh: shingle2(w)})
		}
	}
	items := make([]quote.Item, len(st))
	clustered := 0
	for i, s := range st {
		items[i] = s.item
		if s.item.Speaker != "" && len(s.words) > 0 {
			clustered++
		}
	}
	fmt.Printf("polnear: %d documents, %d outlets, %d statements, %d with resolved speakers\n", len(docs), len(outlets), len(st), clustered)

	// The merged cross-document pairs at each point of the grid: the
	// candidates take them all, with -sweep or not, so that one labels
	// file serves both.
	grid := Grid(p.Def, true)
	merged := make([]map[pnPair]bool, len(grid))
	def := -1
	for g, o := range grid {
		pred, err := Assign(ctx, items, o, p.Batch)
		if err != nil {
			return err
		}
		merged[g] = mergedPairs(st, pred)
		if o == p.Def {
			def = g
			printClusters(st, docs, pred, len(merged[g]))
		}
	}

	// Candidates: statements sharing a run of p.Run words (6-gram index),
	// and same-speaker pairs with Jaccard >= p.Low.
	cands := map[pnPair]bool{}
	cross := map[pnPair]bool{}
	grams := map[string][]int{}
	for i, s := range st {
		seen := map[string]bool{}
		for k := 0; k+p.Run <= len(s.words); k++ {
			g := strings.Join(s.words[k:k+p.Run], " ")
			if !seen[g] {
				seen[g] = true
				grams[g] = append(grams[g], i)
			}
		}
	}
	for _, is := range grams {
		for x, i := range is {
			for _, j := range is[x+1:] {
				if st[i].doc == st[j].doc {
					continue
				}
				pr := pnPair{i, j}
				if st[i].item.Speaker != "" && st[i].item.Speaker == st[j].item.Speaker {
					cands[pr] = true
				} else {
					cross[pr] = true
				}
			}
		}
	}
	bySpeaker := map[string][]int{}
	for i, s := range st {
		if s.item.Speaker != "" {
			bySpeaker[s.item.Speaker] = append(bySpeaker[s.item.Speaker], i)
		}
	}
	for _, is := range bySpeaker {
		for x, i := range is {
			for _, j := range is[x+1:] {
				if st[i].doc != st[j].doc && jaccard(st[i].sh, st[j].sh) >= p.Low {
					cands[pnPair{i, j}] = true
				}
			}
		}
	}
	anyMerged := map[pnPair]bool{}
	for _, m := range merged {
		for pr := range m {
			anyMerged[pr] = true
		}
	}
	lowOnly := 0
	for pr := range cands {
		if !anyMerged[pr] {
			lowOnly++
		}
	}
	for pr := range anyMerged {
		cands[pr] = true
	}
	fmt.Printf("candidate pairs (different documents): %d same-speaker (%d merged at some grid point, %d only by run ≥ %d or Jaccard ≥ %.2f), %d with different speakers sharing a run ≥ %d\n",
		len(cands), len(anyMerged), lowOnly, p.Run, p.Low, len(cross), p.Run)

	label := sortedPairs(cands, st)
	crossList := sortedPairs(cross, st)
	if def < 0 {
		return errors.New("the default options are not in the grid")
	}
	if p.PairsOut != "" {
		if err := writePairs(p.PairsOut, st, docs, label, crossList, merged[def], anyMerged, p.Def); err != nil {
			return err
		}
		fmt.Printf("wrote %d + %d pairs to %s\n", len(label), len(crossList), p.PairsOut)
	}
	if p.LabelsIn == "" {
		return nil
	}
	labels, err := readLabels(p.LabelsIn)
	if err != nil {
		return err
	}
	if !p.Sweep {
		grid, merged, def = grid[def:def+1], merged[def:def+1], 0
	}
	return scoreLabels(st, docs, labels, label, crossList, grid, merged, def)
}

func sortedPairs(m map[pnPair]bool, st []pnStmt) []pnPair {
	out := make([]pnPair, 0, len(m))
	for pr := range m {
		out = append(out, pr)
	}
	slices.SortFunc(out, func(x, y pnPair) int {
		return cmp.Or(cmp.Compare(st[x.a].item.Speaker, st[y.a].item.Speaker), cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b))
	})
	return out
}

// mergedPairs are the pairs of statements of different documents in one
// quote.
func mergedPairs(st []pnStmt, pred []string) map[pnPair]bool {
	by := map[string][]int{}
	for i, q := range pred {
		if q != "" {
			by[q] = append(by[q], i)
		}
	}
	out := map[pnPair]bool{}
	for _, is := range by {
		for x, i := range is {
			for _, j := range is[x+1:] {
				if st[i].doc != st[j].doc {
					out[pnPair{min(i, j), max(i, j)}] = true
				}
			}
		}
	}
	return out
}

func printClusters(st []pnStmt, docs []pnDoc, pred []string, crossPairs int) {
	type agg struct {
		n       int
		docs    map[int]bool
		outlets map[string]bool
	}
	by := map[string]*agg{}
	for i, q := range pred {
		if q == "" {
			continue
		}
		a := by[q]
		if a == nil {
			a = &agg{docs: map[int]bool{}, outlets: map[string]bool{}}
			by[q] = a
		}
		a.n++
		a.docs[st[i].doc] = true
		a.outlets[docs[st[i].doc].Publisher] = true
	}
	multiDoc, multiOutlet, inMulti := 0, 0, 0
	for _, a := range by {
		if len(a.docs) > 1 {
			multiDoc++
		}
		if len(a.outlets) > 1 {
			multiOutlet++
			inMulti += a.n
		}
	}
	fmt.Printf("default clustering: %d quotes, %d reported by ≥ 2 documents, %d by ≥ 2 outlets (%d statements); %d merged pairs across documents\n",
		len(by), multiDoc, multiOutlet, inMulti, crossPairs)
}

type pnPairOut struct {
	A               string `json:"a"`
	B               string `json:"b"`
	SpeakerA        string `json:"speaker_a"`
	SpeakerB        string `json:"speaker_b"`
	OutletA         string `json:"outlet_a"`
	OutletB         string `json:"outlet_b"`
	Run             int    `json:"run"`
	Jaccard         string `json:"jaccard"`
	Containment     string `json:"containment"`
	Merged          bool   `json:"merged"`         // at the default options
	MergedSomewhere bool   `json:"merged_in_grid"` // at some point of the grid
	Cross           bool   `json:"different_speakers,omitempty"`
	TextA           string `json:"text_a"`
	TextB           string `json:"text_b"`
}

func writePairs(path string, st []pnStmt, docs []pnDoc, label, cross []pnPair, def, grid map[pnPair]bool, o quote.Options) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	put := func(pr pnPair, isCross bool) error {
		a, b := st[pr.a], st[pr.b]
		j, c := quote.Similarity(o, a.words, b.words)
		return enc.Encode(pnPairOut{A: a.key, B: b.key, SpeakerA: a.item.Speaker, SpeakerB: b.item.Speaker,
			OutletA: docs[a.doc].Publisher, OutletB: docs[b.doc].Publisher, Run: longestRun(a.words, b.words),
			Jaccard: fmt.Sprintf("%.2f", j), Containment: fmt.Sprintf("%.2f", c), Merged: def[pr], MergedSomewhere: grid[pr], Cross: isCross,
			TextA: a.item.Content, TextB: b.item.Content})
	}
	for _, pr := range label {
		if err := put(pr, false); err != nil {
			f.Close()
			return err
		}
	}
	for _, pr := range cross {
		if err := put(pr, true); err != nil {
			f.Close()
			return err
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// label is a pair's label: same remark, not the same, or unsure (the
// texts cannot tell; such pairs are left out of the figures).
type label int8

const (
	unlabelled label = iota
	same
	notSame
	unsure
)

func readLabels(path string) (map[[2]string]label, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[[2]string]label{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		if len(strings.TrimSpace(sc.Text())) == 0 {
			continue
		}
		var l struct {
			A, B string
			Same *bool // null: unsure
		}
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		v := unsure
		if l.Same != nil && *l.Same {
			v = same
		} else if l.Same != nil {
			v = notSame
		}
		out[[2]string{l.A, l.B}] = v
		out[[2]string{l.B, l.A}] = v
	}
	return out, sc.Err()
}

// counts tallies pairs by label.
type counts [4]int

func (c counts) String() string {
	return fmt.Sprintf("%d same, %d not the same, %d unsure, %d unlabelled", c[same], c[notSame], c[unsure], c[unlabelled])
}

func scoreLabels(st []pnStmt, docs []pnDoc, labels map[[2]string]label, pairs, cross []pnPair, grid []quote.Options, merged []map[pnPair]bool, def int) error {
	get := func(pr pnPair) label { return labels[[2]string{st[pr.a].key, st[pr.b].key}] }
	outlets := func(pr pnPair) bool { return docs[st[pr.a].doc].Publisher != docs[st[pr.b].doc].Publisher }
	var all, multi counts // same-speaker pairs: all, across outlets
	for _, pr := range pairs {
		all[get(pr)]++
		if outlets(pr) {
			multi[get(pr)]++
		}
	}
	var crossAll counts
	crossIDs, crossUnresolved, crossMulti := 0, 0, 0 // same remark, different speaker keys
	for _, pr := range cross {
		l := get(pr)
		crossAll[l]++
		if l != same {
			continue
		}
		if st[pr.a].item.Speaker == "" || st[pr.b].item.Speaker == "" {
			crossUnresolved++
		} else {
			crossIDs++
		}
		if outlets(pr) {
			crossMulti++
		}
	}
	fmt.Printf("same-speaker pairs: %v (across outlets: %v)\n", all, multi)
	fmt.Printf("different-speaker pairs: %v; the same remark: %d with two different resolved speaker ids, %d with one or both unresolved; %d across outlets\n",
		crossAll, crossIDs, crossUnresolved, crossMulti)
	remarks(st, docs, labels, pairs, cross, merged[def])
	fmt.Println("shingle\tjaccard\tcontain\tmerged\tmerged_same\tmerged_unsure\tprecision\trecall\trecall_all_speakers\tP_outlets\tR_outlets\t(merged/same across outlets)")
	for g, o := range grid {
		var m, mm counts
		for pr := range merged[g] {
			m[get(pr)]++
			if outlets(pr) {
				mm[get(pr)]++
			}
		}
		fmt.Printf("%d\t%.2f\t%.2f\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t(%d/%d)\n", o.Shingle, o.Jaccard, o.Containment,
			m[same]+m[notSame], m[same], m[unsure]+m[unlabelled],
			ratio(m[same], m[same]+m[notSame]), ratio(m[same], all[same]), ratio(m[same], all[same]+crossAll[same]),
			ratio(mm[same], mm[same]+mm[notSame]), ratio(mm[same], multi[same]), mm[same]+mm[notSame], multi[same])
	}
	missed(st, get, pairs, merged[def], grid[def])
	return nil
}

// missed sorts the same-speaker pairs labelled the same that o did not
// merge by why: verified similar but sharing no key (the LSH's chance),
// similar and a candidate but joined to another quote (greedy order),
// contained but too short for containment, or worded too differently.
func missed(st []pnStmt, get func(pnPair) label, pairs []pnPair, merged map[pnPair]bool, o quote.Options) {
	o = o.WithDefaults()
	var noKey, greedy, short, differ int
	for _, pr := range pairs {
		if get(pr) != same || merged[pr] {
			continue
		}
		a, b := st[pr.a], st[pr.b]
		if ok, _ := quote.Same(o, a.words, b.words); ok {
			sa, _ := quote.Sign(o, a.item.Speaker, a.item.Content)
			sb, _ := quote.Sign(o, b.item.Speaker, b.item.Content)
			if slices.ContainsFunc(sa.Keys, func(k string) bool { return slices.Contains(sb.Keys, k) }) {
				greedy++
			} else {
				noKey++
			}
			continue
		}
		if _, c := quote.Similarity(o, a.words, b.words); c >= o.Containment {
			short++
		} else {
			differ++
		}
	}
	fmt.Printf("missed at the default (same-speaker, labelled same): %d similar but no shared key, %d candidates joined elsewhere, %d contained but shorter than %d words, %d worded too differently\n",
		noKey, greedy, short, o.MinWords, differ)
}

// remarks counts the remarks the labels find in ≥ 2 outlets: the
// connected components of the pairs labelled same.
func remarks(st []pnStmt, docs []pnDoc, labels map[[2]string]label, pairs, cross []pnPair, merged map[pnPair]bool) {
	parent := map[int]int{}
	var find func(int) int
	find = func(i int) int {
		p, ok := parent[i]
		if !ok || p == i {
			return i
		}
		r := find(p)
		parent[i] = r
		return r
	}
	for _, prs := range [][]pnPair{pairs, cross} {
		for _, pr := range prs {
			if labels[[2]string{st[pr.a].key, st[pr.b].key}] == same {
				for _, i := range []int{pr.a, pr.b} {
					if _, ok := parent[i]; !ok {
						parent[i] = i
					}
				}
				parent[find(pr.a)] = find(pr.b)
			}
		}
	}
	outlets := map[int]map[string]bool{}
	for i := range parent {
		r := find(i)
		if outlets[r] == nil {
			outlets[r] = map[string]bool{}
		}
		outlets[r][docs[st[i].doc].Publisher] = true
	}
	// A remark is found when one merged pair of it spans two outlets.
	found := map[int]bool{}
	for pr := range merged {
		if _, ok := parent[pr.a]; ok && find(pr.a) == find(pr.b) && docs[st[pr.a].doc].Publisher != docs[st[pr.b].doc].Publisher {
			found[find(pr.a)] = true
		}
	}
	multi := 0
	for _, o := range outlets {
		if len(o) > 1 {
			multi++
		}
	}
	fmt.Printf("remarks labelled the same in ≥ 2 documents: %d, in ≥ 2 outlets: %d, of which the clustering joins ≥ 2 outlets' reports: %d\n", len(outlets), multi, len(found))
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
