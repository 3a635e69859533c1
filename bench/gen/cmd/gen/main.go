// Command gen writes a SYNTHETIC corpus for load tests (see package
// bench/gen): N articles as JSONL in the reader's shape (id, title, url,
// source, published, text), and optionally the ground-truth extractions as
// JSONL in "whosaid extract --include-text" format.
//
//	go run ./bench/gen/cmd/gen -n 100000 -seed 1 -o bench/data/syn100k.jsonl -truth bench/data/syn100k.truth.jsonl
//
// With -syndicate RATE, that share of the articles is followed by 1-4
// copies from other outlets (bench/gen.Syndication: exact, trimmed and
// lightly edited quotes), for the quote clustering benchmarks; -n still
// counts originals.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/whosaid/whosaid/bench/gen"
)

func main() {
	n := flag.Int("n", 1000, "number of articles")
	seed := flag.Uint64("seed", 1, "random seed (same seed and n: same corpus)")
	out := flag.String("o", "-", "articles JSONL file (- for stdout)")
	truth := flag.String("truth", "", "also write ground-truth extractions JSONL here")
	syndicate := flag.Float64("syndicate", 0, "share of articles followed by syndicated copies (0: none)")
	flag.Parse()
	if err := run(*n, *seed, *out, *truth, *syndicate); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(n int, seed uint64, out, truth string, syndicate float64) error {
	var w io.Writer = os.Stdout
	if out != "-" {
		f, err := os.Create(out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	var tw *bufio.Writer
	if truth != "" {
		f, err := os.Create(truth)
		if err != nil {
			return err
		}
		defer f.Close()
		tw = bufio.NewWriterSize(f, 1<<20)
	}
	g := gen.New(gen.Options{Seed: seed, Documents: n})
	var stmts, articles int
	next := func() []gen.Article { return []gen.Article{g.Next()} }
	if syndicate > 0 {
		next = func() []gen.Article {
			var out []gen.Article
			for _, s := range g.NextSyndicated(gen.Syndication{Rate: syndicate, MaxCopies: 4, Outlets: 20}) {
				out = append(out, s.Article)
			}
			return out
		}
	}
	for range n {
		for _, a := range next() {
			articles++
			if err := write(bw, tw, a); err != nil {
				return err
			}
			stmts += len(a.Truth.Statements)
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if tw != nil {
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	fmt.Fprintf(os.Stderr, "gen: %d synthetic articles, %d statements (seed %d)\n", articles, stmts, seed)
	return nil
}

func write(bw, tw *bufio.Writer, a gen.Article) error {
	b, err := json.Marshal(a)
	if err != nil {
		return err
	}
	bw.Write(b)
	bw.WriteByte('\n')
	if tw != nil {
		b, err := json.Marshal(a.Truth)
		if err != nil {
			return err
		}
		tw.Write(b)
		tw.WriteByte('\n')
	}
	return nil
}
