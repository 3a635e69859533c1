package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/whosaid/whosaid/config"
	"github.com/whosaid/whosaid/graph/store"
	"github.com/whosaid/whosaid/ingest/pipeline"
	"github.com/whosaid/whosaid/ingest/source"
	"github.com/whosaid/whosaid/ingest/web"
)

type ingestFlags struct {
	quiet       bool
	summary     string
	extractions bool
	writers     int
	retryFor    time.Duration
	urls        string
	inputFlags
	shardFlag
}

func newIngestCmd(a *app) *cobra.Command {
	var f ingestFlags
	cmd := &cobra.Command{
		Use:   "ingest [flags] PATH|URL|FILE.warc.gz...|-",
		Short: "Extract who said what from articles and load it into Neo4j",
		Long: `Ingest reads articles (the same inputs as "whosaid extract"), extracts them in
parallel workers and writes documents, entities and statements to Neo4j in
batched transactions. Schema migrations are applied first.

Each document is all-or-nothing. A document whose content is already in the
graph is skipped (nothing changes); a document whose URL (else path) is in the
graph with other content replaces the old version. So ingest can be rerun on a
growing corpus, and a run that was killed completes when run again.

Inputs may also be http(s) URLs of articles, RSS/Atom/JSON feeds and
sitemaps (--urls FILE reads URLs one a line), and WARC files (.warc,
.warc.gz): see docs/input.md. Fetching is polite (fetch.* keys: per-host
concurrency and delay, robots.txt, retries, a size cap) and conditional on
re-runs, so unchanged pages are not fetched again; a fetch summary line
follows the ingest summary.

With --extractions the inputs are JSONL files written by
"whosaid extract --format jsonl --include-text" and are loaded as they are.

Progress goes to stderr when it is a terminal (--quiet turns it off);
warnings about inputs (repaired UTF-8, skipped files) go to stderr unless
--log-level is error; a one-line summary ends the run (--summary json prints it as JSON on stdout).
Documents that failed are listed on stderr and the exit status is 1.`,
		Example: `  whosaid ingest examples/istanbul-talks-2022-03-29.txt
  whosaid ingest --quiet --summary json corpus/
  whosaid extract --include-text a.jsonl > x.jsonl && whosaid ingest --extractions x.jsonl
  whosaid ingest --shard 1/4 corpus/   # the second of 4 disjoint shards
  whosaid ingest --contact mailto:me@uni.example https://www.example.org/news/2024/05/harbour
  whosaid ingest --urls urls.txt https://example.org/rss.xml https://example.org/sitemap-news.xml
  whosaid ingest CC-NEWS-20240601000000-00000.warc.gz`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 && f.urls == "" {
				return fmt.Errorf("requires at least 1 arg(s), only received 0")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := a.config(cmd)
			if err != nil {
				return err
			}
			if f.summary != "text" && f.summary != "json" {
				return fmt.Errorf("--summary: want text or json, got %q", f.summary)
			}
			if err := f.check(); err != nil {
				return err
			}
			if err := f.shardFlag.parse(); err != nil {
				return err
			}
			if f.urls != "" {
				urls, err := readURLList(f.urls)
				if err != nil {
					return err
				}
				args = append(args, urls...)
			}
			return runIngest(cmd, a, cfg, args, f)
		},
	}
	fl := cmd.Flags()
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "no progress display")
	fl.StringVar(&f.summary, "summary", "text", "end-of-run summary: text (stderr) or json (stdout)")
	fl.BoolVar(&f.extractions, "extractions", false, "inputs are extraction JSONL (whosaid extract --include-text), not articles")
	a.bindFlag(cmd, "ingest.workers", "workers")
	a.bindFlag(cmd, "ingest.max_file_size", "max-file-size")
	a.bindFlag(cmd, "ingest.batch_size", "batch-size")
	fl.IntVar(&f.writers, "writers", 2, "concurrent write transactions (2 overlaps one commit with the next batch)")
	fl.DurationVar(&f.retryFor, "retry-for", 2*time.Minute, "how long to retry a batch while Neo4j is unreachable before its documents fail")
	fl.StringVar(&f.urls, "urls", "", "file of URLs to ingest, one a line (# comments)")
	bindFetchFlags(a, cmd)
	f.inputFlags.register(fl)
	f.shardFlag.register(fl)
	return cmd
}

func runIngest(cmd *cobra.Command, a *app, cfg config.Config, paths []string, f ingestFlags) error {
	ctx := cmd.Context()
	stderr := cmd.ErrOrStderr()

	s, err := a.openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer s.Close(context.Background())
	if _, err := s.Migrate(ctx); err != nil {
		return fmt.Errorf("ingest: %w", err)
	}

	opts := pipeline.Options{
		Workers:   cfg.Ingest.Workers,
		Writers:   f.writers,
		BatchDocs: cfg.Ingest.BatchSize,
		RetryFor:  f.retryFor,
	}

	var fetchStats *web.Stats
	var cache *web.Cache
	var inputs = f.shardFlag.extractions(pipeline.ReadExtractions(ctx, paths, cmd.InOrStdin(), int(cfg.Ingest.MaxFileSize)))
	if !f.extractions {
		// Warnings (repaired UTF-8, skipped files) are not progress:
		// --quiet keeps them; only --log-level error hides them.
		srcOpts := f.options(cfg, cmd.InOrStdin(), func(err error) {
			if cfg.Log.Level != "error" {
				fmt.Fprintln(stderr, "whosaid: warning:", err)
			}
		})
		wopts, err := webOptions(cfg, srcOpts, stderr)
		if err != nil {
			return err
		}
		fetchStats, cache = wopts.Stats, wopts.Cache
		// validators are kept only for documents that reach the graph
		opts.Result = func(o pipeline.Outcome) { cache.Done(o.Key, o.Status != store.Failed) }
		inputs = pipeline.Documents(f.shardFlag.documents(web.Documents(ctx, paths, wopts)))
		x, err := newExtractor(cfg.Extract)
		if err != nil {
			return err
		}
		opts.ExtractContext = x.ExtractContext // it stamps extract.Version
	}

	var progress *ingestProgress
	if file, ok := stderr.(*os.File); ok && !f.quiet && term.IsTerminal(int(file.Fd())) {
		progress = newIngestProgress(ctx, stderr, paths, f.extractions)
		opts.Progress = progress.update
	}

	sum, runErr := pipeline.Run(ctx, inputs, s, opts)
	if progress != nil {
		progress.finish()
	}
	var fetchSum *web.Summary
	if cache != nil {
		if err := cache.Save(); err != nil {
			fmt.Fprintln(stderr, "whosaid: warning:", err)
		}
		if usesWeb(paths) {
			fs := fetchStats.Summary()
			fetchSum = &fs
		}
	}
	for _, fl := range sum.Failures {
		name := fl.Key
		if name == "" {
			name = fl.Document
		}
		if name != "" && !strings.Contains(fl.Error, name) {
			fmt.Fprintf(stderr, "whosaid: ingest: %s: %s\n", name, fl.Error)
		} else {
			fmt.Fprintf(stderr, "whosaid: ingest: %s\n", fl.Error)
		}
	}
	if sum.FailuresOmitted > 0 {
		fmt.Fprintf(stderr, "whosaid: ingest: … and %d more failures\n", sum.FailuresOmitted)
	}
	if f.summary == "json" {
		out := struct {
			pipeline.Summary
			Fetch *web.Summary `json:"fetch,omitempty"`
		}{sum, fetchSum}
		out.Failures = nil // listed on stderr; keeps the JSON small
		b, err := json.Marshal(out)
		if err != nil {
			return err
		}
		fmt.Fprintln(cmd.OutOrStdout(), string(b))
	} else {
		fmt.Fprintln(stderr, summaryLine(sum))
		if fetchSum != nil {
			fmt.Fprintln(stderr, fetchSum)
		}
	}
	if runErr != nil {
		// each document is whole in the graph or absent: a rerun skips
		// the ones written and completes the rest
		return interruptedError(ctx, sum.Written+sum.Replaced, rerunToContinue)
	}
	if sum.Failed > 0 {
		return &exitError{code: 1, err: fmt.Errorf("ingest: %d of %d documents failed", sum.Failed, sum.Read)}
	}
	return nil
}

func summaryLine(s pipeline.Summary) string {
	return fmt.Sprintf("ingest: %d documents (%d written, %d replaced, %d skipped, %d failed), %d statements in %.1fs (%.0f documents/s, %.0f statements/s)",
		s.Done(), s.Written, s.Replaced, s.Skipped, s.Failed, s.Statements, s.Seconds, s.DocsPerSec, s.StmtPerSec)
}

// ingestProgress draws a progress bar on a terminal. The total is counted
// in the background (files, and lines of JSONL files), so the ETA appears
// once the count is known; with stdin there is none.
type ingestProgress struct {
	bar   *progressbar.ProgressBar
	total atomic.Int64
	start time.Time
}

func newIngestProgress(ctx context.Context, w io.Writer, paths []string, extractions bool) *ingestProgress {
	p := &ingestProgress{start: time.Now()}
	p.total.Store(-1)
	p.bar = progressbar.NewOptions64(-1,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("ingest"),
		progressbar.OptionShowCount(),
		progressbar.OptionSetWidth(25),
		progressbar.OptionThrottle(200*time.Millisecond),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionFullWidth(),
		progressbar.OptionClearOnFinish(),
	)
	go func() {
		if n, ok := countInputs(ctx, paths, extractions); ok {
			p.total.Store(n)
		}
	}()
	return p
}

func (p *ingestProgress) update(st pipeline.Stats) {
	if n := p.total.Load(); n >= 0 && int64(p.bar.GetMax64()) != n {
		p.bar.ChangeMax64(n)
	}
	secs := max(st.Elapsed.Seconds(), 0.001)
	p.bar.Describe(fmt.Sprintf("ingest %.0f docs/s %.0f stmts/s %d errors", float64(st.Done())/secs, float64(st.Statements)/secs, st.Failed))
	p.bar.Set64(st.Done())
}

func (p *ingestProgress) finish() {
	p.bar.Finish()
	p.bar.Exit()
}

// countInputs estimates how many documents paths hold: one per article
// file, one per non-empty line of JSONL files. ok is false when it cannot
// know (stdin).
func countInputs(ctx context.Context, paths []string, extractions bool) (int64, bool) {
	var n int64
	for _, p := range paths {
		if p == "-" {
			return 0, false
		}
		err := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil || ctx.Err() != nil {
				return ctx.Err()
			}
			if d.IsDir() {
				if path != p && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			format := source.FormatOf(path)
			switch {
			case extractions || format == "jsonl":
				n += countLines(path)
			case format != "":
				n++
			}
			return nil
		})
		if err != nil {
			return 0, false
		}
	}
	return n, true
}

func countLines(path string) int64 {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	var n int64
	r := bufio.NewReaderSize(f, 1<<20)
	buf := make([]byte, 1<<20)
	nonEmpty := false
	for {
		k, err := r.Read(buf)
		chunk := buf[:k]
		for len(chunk) > 0 {
			i := bytes.IndexByte(chunk, '\n')
			if i < 0 {
				nonEmpty = nonEmpty || len(bytes.TrimSpace(chunk)) > 0
				break
			}
			if nonEmpty || len(bytes.TrimSpace(chunk[:i])) > 0 {
				n++
			}
			nonEmpty = false
			chunk = chunk[i+1:]
		}
		if err != nil {
			break
		}
	}
	if nonEmpty {
		n++
	}
	return n
}
