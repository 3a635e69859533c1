// Command maintext measures how well HTML readers find an article's body
// text, on a public benchmark's real pages and gold text: the reader
// whosaid uses (go-trafilatura, through source.ReadHTML), the structural
// reader it replaced (source.HeuristicText) and readeck/go-readability.
//
// The benchmark is read from a local copy, never from the project: a
// directory holding ground-truth.json and html/<id>.html.gz, laid out like
// https://github.com/scrapinghub/article-extraction-benchmark.
//
//	git clone https://github.com/scrapinghub/article-extraction-benchmark /tmp/aeb
//	go run ./bench/maintext /tmp/aeb
//
// It prints, per reader, precision, recall and F1 of body tokens (words,
// as \w+ finds them, counted with multiplicity) and of the benchmark's
// own 4-token shingles, each averaged over pages as the benchmark's
// evaluate.py does, and the time spent reading.
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"

	"github.com/whosaid/whosaid/ingest/source"
)

type reader struct {
	name string
	read func(page []byte, pageURL string) string
}

var readers = []reader{
	{"whosaid (go-trafilatura)", func(page []byte, u string) string {
		d, _, err := source.ReadHTML("page.html", u, page, source.Options{})
		if err != nil {
			return ""
		}
		return d.Text
	}},
	{"structural (before)", func(page []byte, _ string) string {
		return source.HeuristicText(string(page))
	}},
	{"readeck/go-readability", func(page []byte, u string) string {
		pu, _ := url.Parse(u)
		a, err := readability.FromReader(bytes.NewReader(page), pu)
		if err != nil {
			return ""
		}
		var b strings.Builder
		if a.RenderText(&b) != nil {
			return ""
		}
		return b.String()
	}},
}

func main() {
	only := flag.String("only", "", "run only the readers whose name contains this")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: go run ./bench/maintext [-only NAME] BENCHMARK_DIR")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *only); err != nil {
		fmt.Fprintln(os.Stderr, "maintext:", err)
		os.Exit(1)
	}
}

type gold struct {
	Body string `json:"articleBody"`
	URL  string `json:"url"`
}

func run(dir, only string) error {
	b, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return err
	}
	var truth map[string]gold
	if err := json.Unmarshal(b, &truth); err != nil {
		return fmt.Errorf("ground-truth.json: %w", err)
	}
	ids := make([]string, 0, len(truth))
	for id := range truth {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	pages := make([][]byte, len(ids))
	for i, id := range ids {
		if pages[i], err = readGzip(filepath.Join(dir, "html", id+".html.gz")); err != nil {
			return err
		}
	}
	fmt.Printf("%d pages from %s\n\n", len(ids), dir)
	fmt.Printf("%-26s %-23s %-23s %s\n", "", "tokens P / R / F1", "4-shingles P / R / F1", "time")
	for _, r := range readers {
		if only != "" && !strings.Contains(r.name, only) {
			continue
		}
		var tok, shingle score
		var spent time.Duration
		for i, id := range ids {
			start := time.Now()
			text := r.read(pages[i], truth[id].URL)
			spent += time.Since(start)
			g, p := tokens(truth[id].Body), tokens(text)
			tok.add(match(ngrams(g, 1), ngrams(p, 1)))
			shingle.add(match(ngrams(g, 4), ngrams(p, 4)))
		}
		tp, tr, tf := tok.result()
		sp, sr, sf := shingle.result()
		fmt.Printf("%-26s %.3f / %.3f / %.3f   %.3f / %.3f / %.3f   %.1fs\n", r.name, tp, tr, tf, sp, sr, sf, spent.Seconds())
	}
	return nil
}

func readGzip(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return io.ReadAll(zr)
}

var word = regexp.MustCompile(`[\p{L}\p{N}\p{M}_]+`)

func tokens(s string) []string { return word.FindAllString(s, -1) }

// ngrams counts the n-token shingles of toks (a text shorter than n is one
// shingle), as the benchmark's evaluate.py does.
func ngrams(toks []string, n int) map[string]int {
	m := map[string]int{}
	if len(toks) == 0 {
		return m
	}
	if len(toks) < n {
		m[strings.Join(toks, " ")]++
		return m
	}
	for i := 0; i+n <= len(toks); i++ {
		m[strings.Join(toks[i:i+n], "\x00")]++
	}
	return m
}

// match returns true positives, false positives and false negatives,
// normalised to sum 1 so that long pages do not weigh more.
func match(gold, pred map[string]int) (tp, fp, fn float64) {
	for k, g := range gold {
		p := pred[k]
		tp += float64(min(g, p))
		fn += float64(max(0, g-p))
	}
	for k, p := range pred {
		fp += float64(max(0, p-gold[k]))
	}
	if s := tp + fp + fn; s > 0 {
		tp, fp, fn = tp/s, fp/s, fn/s
	}
	return tp, fp, fn
}

// score averages per-page precision and recall over the pages where each
// is defined, like evaluate.py.
type score struct {
	p, r   float64
	np, nr int
}

func (s *score) add(tp, fp, fn float64) {
	if tp+fp > 0 {
		s.p += tp / (tp + fp)
		s.np++
	}
	if tp+fn > 0 {
		s.r += tp / (tp + fn)
		s.nr++
	}
}

func (s *score) result() (p, r, f1 float64) {
	p, r = s.p/float64(max(s.np, 1)), s.r/float64(max(s.nr, 1))
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	return p, r, f1
}
