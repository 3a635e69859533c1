package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/whosaid/whosaid/config"
	"github.com/whosaid/whosaid/graph/store"
	"github.com/whosaid/whosaid/ingest/pipeline"
	"github.com/whosaid/whosaid/ingest/source"
	"github.com/whosaid/whosaid/ingest/web"
)

// bindFetchFlags defines the fetching flags ingest and watch share.
func bindFetchFlags(a *app, cmd *cobra.Command) {
	a.bindFlag(cmd, "fetch.contact", "contact")
	a.bindFlag(cmd, "fetch.per_host", "per-host")
	a.bindFlag(cmd, "fetch.delay", "delay")
	a.bindFlag(cmd, "fetch.robots", "robots")
	a.bindFlag(cmd, "fetch.cache", "fetch-cache")
}

// webOptions are the fetching options for cfg; the cache they hold must
// be saved when the run ends.
func webOptions(cfg config.Config, read source.Options, stderr io.Writer) (web.Options, error) {
	fc := cfg.Fetch
	path := fc.Cache
	switch path {
	case "off":
		path = ""
	case "":
		dir, err := os.UserCacheDir()
		if err != nil {
			return web.Options{}, fmt.Errorf("fetch.cache: no user cache directory (%v); set fetch.cache to a file or off", err)
		}
		path = filepath.Join(dir, "whosaid", "fetch.json")
	}
	cache, err := web.OpenCache(path)
	if err != nil {
		return web.Options{}, err
	}
	opts := web.Options{
		Fetch: web.Config{
			UserAgent: fc.UserAgent + "/" + version,
			Contact:   fc.Contact,
			PerHost:   fc.PerHost,
			Delay:     fc.Delay,
			Timeout:   fc.Timeout,
			Retries:   fc.Retries,
			MaxBytes:  fc.MaxBytes,
			Robots:    fc.Robots,
		},
		Read:  read,
		Cache: cache,
		Stats: &web.Stats{},
	}
	if cfg.Log.Level == "debug" {
		opts.Info = func(msg string) { fmt.Fprintln(stderr, "whosaid: fetch:", msg) }
	}
	return opts, nil
}

// readURLList reads a --urls file: one URL a line, blank lines and lines
// starting with # ignored.
func readURLList(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("--urls: %w", err)
	}
	defer f.Close()
	var urls []string
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if !web.IsURL(line) {
			return nil, &exitError{code: exitConfig, err: fmt.Errorf("--urls %s:%d: not an http(s) URL: %q", path, n, line)}
		}
		urls = append(urls, line)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("--urls %s: %w", path, err)
	}
	return urls, nil
}

// usesWeb reports whether inputs fetch or read archives, so that the
// fetch summary is worth printing.
func usesWeb(inputs []string) bool {
	for _, in := range inputs {
		if web.IsURL(in) || web.IsWARC(in) {
			return true
		}
	}
	return false
}

type watchFlags struct {
	interval time.Duration
	rounds   int
	summary  string
}

func newWatchCmd(a *app) *cobra.Command {
	var f watchFlags
	cmd := &cobra.Command{
		Use:   "watch [flags] FEED...",
		Short: "Poll news feeds and sitemaps and ingest new articles until stopped",
		Long: `Watch reads each feed (RSS, Atom, JSON Feed) or news sitemap, fetches the
articles it lists that were not fetched before and ingests them like
"whosaid ingest", then waits --interval and polls again, until Ctrl-C (or
SIGTERM) stops it.

It is idempotent across restarts: an article whose document reached the
graph is remembered in the fetch cache (fetch.cache) and not requested
again, and an article fetched again anyway is skipped by the graph when its
content is unchanged. A stopped watch resumes where it was when started
again with the same cache. Fetching follows the politeness settings of
"whosaid ingest" (fetch.* keys: per-host concurrency, delay, robots.txt,
retries). Each round ends with one summary line on stderr.`,
		Example: `  whosaid watch --contact mailto:me@uni.example https://www.example.org/rss.xml
  whosaid watch --interval 30m https://news.example.org/sitemap-news.xml https://example.com/feed.json
  whosaid watch --rounds 1 https://example.org/atom.xml   # one poll, then exit`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := a.config(cmd)
			if err != nil {
				return err
			}
			for _, u := range args {
				if !web.IsURL(u) {
					return &exitError{code: exitConfig, err: fmt.Errorf("watch: %q is not an http(s) URL of a feed or sitemap", u)}
				}
			}
			if f.summary != "text" && f.summary != "json" {
				return &exitError{code: exitConfig, err: fmt.Errorf("--summary: want text or json, got %q", f.summary)}
			}
			if f.interval < time.Second {
				return &exitError{code: exitConfig, err: fmt.Errorf("--interval: want at least 1s, got %s", f.interval)}
			}
			return runWatch(cmd, a, cfg, args, f)
		},
	}
	fl := cmd.Flags()
	fl.DurationVar(&f.interval, "interval", 15*time.Minute, "time between two polls of the feeds")
	fl.IntVar(&f.rounds, "rounds", 0, "stop after this many polls (0 = until stopped)")
	fl.StringVar(&f.summary, "summary", "text", "per-round summary: text (stderr) or json (stdout, one object a line)")
	a.bindFlag(cmd, "ingest.workers", "workers")
	a.bindFlag(cmd, "ingest.max_file_size", "max-file-size")
	bindFetchFlags(a, cmd)
	return cmd
}

func runWatch(cmd *cobra.Command, a *app, cfg config.Config, feeds []string, f watchFlags) error {
	ctx := cmd.Context()
	stderr := cmd.ErrOrStderr()
	s, err := a.openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer s.Close(context.Background())
	if _, err := s.Migrate(ctx); err != nil {
		return fmt.Errorf("watch: %w", err)
	}
	x, err := newExtractor(cfg.Extract)
	if err != nil {
		return err
	}
	warn := func(err error) {
		if cfg.Log.Level != "error" {
			fmt.Fprintln(stderr, "whosaid: warning:", err)
		}
	}
	wopts, err := webOptions(cfg, source.Options{MaxFileSize: cfg.Ingest.MaxFileSize, Warn: warn}, stderr)
	if err != nil {
		return err
	}
	wopts.SkipKnown = true
	cache := wopts.Cache

	for round := 1; ; round++ {
		wopts.Stats = &web.Stats{}
		docs := web.Documents(ctx, feeds, wopts)
		sum, runErr := pipeline.Run(ctx, pipeline.Documents(docs), s, pipeline.Options{
			Workers: cfg.Ingest.Workers, BatchDocs: cfg.Ingest.BatchSize,
			ExtractContext: x.ExtractContext,
			Result:         func(o pipeline.Outcome) { cache.Done(o.Key, o.Status != store.Failed) },
		})
		if err := cache.Save(); err != nil {
			warn(err)
		}
		for _, fl := range sum.Failures {
			fmt.Fprintf(stderr, "whosaid: watch: %s\n", fl.Error)
		}
		fs := wopts.Stats.Summary()
		if f.summary == "json" {
			fmt.Fprintf(cmd.OutOrStdout(), `{"round":%d,"written":%d,"replaced":%d,"skipped":%d,"failed":%d,"statements":%d,"fetched":%d,"unchanged":%d,"known":%d,"refused_by_robots":%d,"not_html":%d,"fetch_failed":%d}`+"\n",
				round, sum.Written, sum.Replaced, sum.Skipped, sum.Failed, sum.Statements, fs.Fetched, fs.Unchanged, fs.Known, fs.Robots, fs.NotHTML, fs.Failed)
		} else {
			fmt.Fprintf(stderr, "watch round %d: %d written, %d replaced, %d skipped, %d failed; %s\n",
				round, sum.Written, sum.Replaced, sum.Skipped, sum.Failed, fs)
		}
		if ctx.Err() != nil {
			return interruptedError(ctx, sum.Written+sum.Replaced, rerunToContinue)
		}
		if runErr != nil {
			return runErr
		}
		if f.rounds > 0 && round >= f.rounds {
			return nil
		}
		t := time.NewTimer(f.interval)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return interruptedError(ctx, 0, rerunToContinue)
		}
	}
}
