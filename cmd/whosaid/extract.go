package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/whosaid/whosaid/config"
	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/ingest/boilerplate"
	"github.com/whosaid/whosaid/ingest/extract"
	"github.com/whosaid/whosaid/ingest/gazetteer"
	"github.com/whosaid/whosaid/ingest/source"
)

type extractFlags struct {
	format      string
	includeText bool
	inputFlags
	shardFlag
}

func newExtractCmd(a *app) *cobra.Command {
	var f extractFlags
	cmd := &cobra.Command{
		Use:   "extract [flags] PATH...|-",
		Short: "Extract who said what from articles and print it (no database needed)",
		Long: `Extract reads articles and prints, for each one, the statements found in it
(direct, indirect and mixed speech), their speakers and cues, and the people,
organisations and places involved, with byte offsets into the document text.

PATH is a file, a directory (read recursively in lexical order, hidden files
skipped) or "-" for standard input. Formats by extension: .txt, .md (YAML
front matter for title/url/published/source), .html/.htm (main article text),
.json (one article object or an array of them) and .jsonl (one article per
line); "text" is required in JSON, and title, url, published, source and id
are optional. Standard input is sniffed unless --stdin-format is given.

Output formats:
  jsonl  one JSON object per document and line, in input order (the contract
         read by tests, the scorer and "whosaid ingest"; see docs/extraction.md)
  json   the same objects as one JSON array
  table  a readable summary: speaker — kind — what was said

Invalid UTF-8 is repaired (each invalid run becomes U+FFFD) with a warning
naming the file and byte offset; --strict-utf8 rejects such documents instead.
Each document that cannot be read (binary, empty, larger than
ingest.max_file_size, JSONL line without "text", …) gets one line on stderr;
the others are still processed and the exit status is 1 if any failed.
Extraction runs on ingest.workers goroutines; output keeps the input order.`,
		Example: `  whosaid extract examples/istanbul-talks-2022-03-29.txt
  whosaid extract --format table examples/istanbul-talks-2022-03-29.txt
  whosaid extract --include-text --published 2022-03-29 --source Reuters article.txt
  cat articles.jsonl | whosaid extract --stdin-format jsonl - > extractions.jsonl
  whosaid extract --shard 0/4 --include-text corpus/ > shard-0.jsonl   # one of 4 disjoint shards`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := a.config(cmd)
			if err != nil {
				return err
			}
			switch f.format {
			case "jsonl", "json", "table":
			default:
				return &exitError{code: exitConfig, err: fmt.Errorf("--format: want jsonl, json or table, got %q", f.format)}
			}
			if err := f.check(); err != nil {
				return err
			}
			if err := f.shardFlag.parse(); err != nil {
				return err
			}
			workers := cfg.Ingest.Workers
			if workers <= 0 {
				workers = runtime.GOMAXPROCS(0)
			}
			stderr := cmd.ErrOrStderr()
			opts := f.options(cfg, cmd.InOrStdin(), func(err error) { fmt.Fprintln(stderr, "whosaid: warning:", err) })
			x, err := newExtractor(cfg.Extract)
			if err != nil {
				return err
			}
			return runExtract(cmd.Context(), cmd.OutOrStdout(), stderr, args, opts, x, workers, f)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.format, "format", "f", "jsonl", "output format: jsonl, json or table")
	fl.BoolVar(&f.includeText, "include-text", false, "include document.text in the output")
	f.inputFlags.register(fl)
	f.shardFlag.register(fl)
	a.bindFlag(cmd, "ingest.workers", "workers")
	a.bindFlag(cmd, "ingest.max_file_size", "max-file-size")
	return cmd
}

// extractResult is one input item after extraction: a document or a read
// error, delivered in input order.
type extractResult struct {
	ex  graph.Extraction
	err error
}

// runExtract reads, extracts in parallel and writes in input order. Memory
// stays bounded: at most a few documents per worker are in flight.
//
// When ctx is cancelled (SIGINT, SIGTERM) it stops at once: the documents
// written so far stay whole (a JSON array is closed), the ones in flight
// are dropped, and the error says how many were written.
func runExtract(ctx context.Context, stdout, stderr io.Writer, paths []string, opts source.Options,
	x *extract.Extractor, workers int, f extractFlags) error {
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type job struct {
		doc graph.Document
		out chan extractResult
	}
	jobs := make(chan job)
	order := make(chan chan extractResult, 4*workers)

	go func() {
		defer close(order)
		defer close(jobs)
		for doc, err := range f.shardFlag.documents(source.Documents(ctx, paths, opts)) {
			out := make(chan extractResult, 1)
			select {
			case order <- out:
			case <-ctx.Done():
				return
			}
			if err != nil {
				out <- extractResult{err: err}
				continue
			}
			select {
			case jobs <- job{doc: doc, out: out}:
			case <-ctx.Done():
				return
			}
		}
	}()

	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for j := range jobs {
				ex, err := x.ExtractContext(ctx, j.doc)
				j.out <- extractResult{ex: ex, err: err}
			}
		})
	}

	w := bufio.NewWriterSize(stdout, 64<<10)
	out := newExtractWriter(w, f)
	var total, failed int
	var writeErr error
	interrupted := false
	for ch := range order {
		var r extractResult
		select {
		case r = <-ch:
		case <-parent.Done():
			interrupted = true
		}
		if interrupted || parent.Err() != nil {
			// not waiting for the documents in flight: the workers see
			// the context within milliseconds and their results are dropped
			interrupted = true
			break
		}
		total++
		if r.err != nil {
			if errors.Is(r.err, context.Canceled) {
				writeErr = r.err
				break
			}
			failed++
			fmt.Fprintln(stderr, "whosaid: extract:", r.err)
			continue
		}
		if !f.includeText {
			r.ex.Document.Text = ""
		}
		if err := out.write(r.ex); err != nil {
			writeErr = err
			break
		}
	}
	if interrupted || parent.Err() != nil {
		cancel()
		if err := out.close(); err != nil {
			return err
		}
		if err := w.Flush(); err != nil {
			return err
		}
		return interruptedError(parent, int64(out.n), "each whole in the output; rerun for the whole input")
	}
	defer wg.Wait()
	if writeErr != nil {
		cancel()
		for ch := range order { // let the reader and workers finish
			<-ch
		}
		return writeErr
	}
	if err := out.close(); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if failed > 0 {
		return &exitError{code: 1, err: fmt.Errorf("extract: %d of %d documents failed", failed, total)}
	}
	return nil
}

// extractWriter renders extractions in one of the output formats.
type extractWriter struct {
	w      *bufio.Writer
	format string
	n      int
	text   bool
}

func newExtractWriter(w *bufio.Writer, f extractFlags) *extractWriter {
	return &extractWriter{w: w, format: f.format, text: f.includeText}
}

func (e *extractWriter) write(ex graph.Extraction) error {
	if ex.Entities == nil {
		ex.Entities = []graph.Entity{}
	}
	if ex.Statements == nil {
		ex.Statements = []graph.Statement{}
	}
	defer func() { e.n++ }()
	switch e.format {
	case "jsonl":
		b, err := json.Marshal(ex)
		if err != nil {
			return err
		}
		e.w.Write(b)
		return e.w.WriteByte('\n')
	case "json":
		b, err := json.MarshalIndent(ex, "  ", "  ")
		if err != nil {
			return err
		}
		if e.n == 0 {
			e.w.WriteString("[\n  ")
		} else {
			e.w.WriteString(",\n  ")
		}
		_, err = e.w.Write(b)
		return err
	default:
		return e.table(ex)
	}
}

func (e *extractWriter) close() error {
	if e.format == "json" {
		if e.n == 0 {
			_, err := e.w.WriteString("[]\n")
			return err
		}
		_, err := e.w.WriteString("\n]\n")
		return err
	}
	return nil
}

func (e *extractWriter) table(ex graph.Extraction) error {
	d := ex.Document
	if e.n > 0 {
		e.w.WriteByte('\n')
	}
	fmt.Fprintf(e.w, "== %s\n", firstNonEmpty(d.Path, d.URL, d.ID))
	var meta []string
	for _, m := range []string{d.Title, d.Source, d.Published, d.URL} {
		if m != "" {
			meta = append(meta, m)
		}
	}
	if len(meta) > 0 {
		fmt.Fprintf(e.w, "   %s\n", strings.Join(meta, " | "))
	}
	fmt.Fprintf(e.w, "   %d statements, %d entities\n", len(ex.Statements), len(ex.Entities))
	for _, s := range ex.Statements {
		var names []string
		for _, sp := range s.Speakers {
			n := firstNonEmpty(sp.Name, sp.Text, sp.ID)
			if sp.ResolvedFrom != "" && sp.ResolvedFrom != graph.ResolvedName {
				n += " (" + sp.ResolvedFrom + ")"
			}
			names = append(names, n)
		}
		speaker := strings.Join(names, ", ")
		if speaker == "" {
			speaker = "?"
		}
		line := fmt.Sprintf("  %s — %s — %q", speaker, s.Kind, excerpt(s.Content.Text, 100))
		if s.Via != "" {
			line += " via " + s.Via
		}
		fmt.Fprintf(e.w, "%s [%.2f]\n", line, s.Confidence)
	}
	return nil
}

// excerpt shortens s to at most n runes on a word boundary, flattening
// whitespace.
func excerpt(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	cut, runes := 0, 0
	for i := range s {
		if runes == n-1 {
			cut = i
			break
		}
		runes++
	}
	t := s[:cut]
	if sp := strings.LastIndexByte(t, ' '); sp > len(t)/2 {
		t = t[:sp]
	}
	return t + "…"
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// newExtractor builds the extractor every command uses: the embedded
// gazetteer (loaded once per process) and the boilerplate detector.
func newExtractor(cfg config.Extract) (*extract.Extractor, error) {
	gaz, err := gazetteer.Load()
	if err != nil {
		return nil, fmt.Errorf("load gazetteer: %w", err)
	}
	return extract.New(extract.Options{Gazetteer: gaz, Boilerplate: boilerplate.Find, MergeTurns: cfg.MergeTurns, QuoteMarks: cfg.QuoteMarks}), nil
}
