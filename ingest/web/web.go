package web

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/ingest/source"
)

// Options configure Documents.
type Options struct {
	Fetch Config
	// Read are the reader options for local files and for every page
	// (metadata overrides, UTF-8 policy, Warn for non-fatal problems).
	Read source.Options
	// Client makes the requests; nil means a default client. Its
	// CheckRedirect is replaced (redirects are recorded and checked
	// against robots.txt).
	Client *http.Client
	// Cache holds conditional-request validators; nil keeps none.
	Cache *Cache
	// SkipKnown does not request article URLs found in feeds or sitemaps
	// that the cache already holds (watch mode: only new items are
	// fetched). URLs given directly are always requested (conditionally).
	SkipKnown bool
	// Workers is how many requests run at once over all hosts; default 8.
	// The per-host limit is Fetch.PerHost.
	Workers int
	// Stats, when set, counts what happened; it may be read while the
	// iteration runs.
	Stats *Stats
	// Info receives one line per notable event (a redirect, a page not
	// modified); nil discards them. Info and Read.Warn are called one
	// call at a time, from the fetching goroutines.
	Info func(string)
}

// Stats count the fetching side of a run; documents read are counted by
// the pipeline.
type Stats struct {
	Fetched   atomic.Int64 // pages read (200) and turned into documents
	Unchanged atomic.Int64 // 304 Not Modified: skipped
	Known     atomic.Int64 // feed items already fetched (watch): not requested
	Robots    atomic.Int64 // refused by robots.txt
	NotHTML   atomic.Int64 // PDFs, images… skipped
	Failed    atomic.Int64 // HTTP errors, timeouts, bad pages
	Feeds     atomic.Int64 // feeds read
	Sitemaps  atomic.Int64 // sitemaps read
	Records   atomic.Int64
	Revisits  atomic.Int64 // revisit records of a payload read earlier
}

// Summary is Stats as plain numbers, for printing.
type Summary struct {
	Fetched   int64 `json:"fetched"`
	Unchanged int64 `json:"unchanged"`
	Known     int64 `json:"known,omitempty"`
	Robots    int64 `json:"refused_by_robots"`
	NotHTML   int64 `json:"not_html"`
	Failed    int64 `json:"failed"`
	Feeds     int64 `json:"feeds,omitempty"`
	Sitemaps  int64 `json:"sitemaps,omitempty"`
	Records   int64 `json:"warc_records,omitempty"`
	Revisits  int64 `json:"warc_revisits,omitempty"`
}

// Summary copies the counters.
func (s *Stats) Summary() Summary {
	return Summary{
		Fetched: s.Fetched.Load(), Unchanged: s.Unchanged.Load(), Known: s.Known.Load(),
		Robots: s.Robots.Load(), NotHTML: s.NotHTML.Load(), Failed: s.Failed.Load(),
		Feeds: s.Feeds.Load(), Sitemaps: s.Sitemaps.Load(), Records: s.Records.Load(), Revisits: s.Revisits.Load(),
	}
}

// String is the summary line: "fetch: 12 fetched, 3 unchanged, …".
func (s Summary) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "fetch: %d fetched, %d unchanged, %d refused by robots.txt, %d not HTML, %d failed", s.Fetched, s.Unchanged, s.Robots, s.NotHTML, s.Failed)
	if s.Known > 0 {
		fmt.Fprintf(&b, ", %d already seen", s.Known)
	}
	if s.Feeds+s.Sitemaps > 0 {
		fmt.Fprintf(&b, "; %d feeds, %d sitemaps", s.Feeds, s.Sitemaps)
	}
	if s.Records > 0 {
		fmt.Fprintf(&b, "; %d WARC records (%d revisits)", s.Records, s.Revisits)
	}
	return b.String()
}

// IsURL reports whether an input names an http(s) URL.
func IsURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// IsWARC reports whether an input is a WARC file by its name.
func IsWARC(s string) bool {
	l := strings.ToLower(s)
	return strings.HasSuffix(l, ".warc") || strings.HasSuffix(l, ".warc.gz")
}

// Documents reads every input in order: URLs (articles, feeds, sitemaps)
// are fetched, WARC files read record by record, anything else handed to
// source.Documents. Consecutive URLs are fetched concurrently, so their
// documents come in the order their responses arrive. Each problem is one
// error naming the URL or file, and reading goes on; pages refused by
// robots.txt, not modified or not HTML are not errors (they are counted in
// Stats and reported through Read.Warn).
func Documents(ctx context.Context, inputs []string, opts Options) iter.Seq2[graph.Document, error] {
	if opts.Stats == nil {
		opts.Stats = &Stats{}
	}
	if opts.Cache == nil {
		opts.Cache, _ = OpenCache("")
	}
	if opts.Workers <= 0 {
		opts.Workers = 8
	}
	// Workers warn concurrently (directly and through source.ReadHTML):
	// the caller's functions get one call at a time.
	var mu sync.Mutex
	if w := opts.Read.Warn; w != nil {
		opts.Read.Warn = func(err error) {
			mu.Lock()
			defer mu.Unlock()
			w(err)
		}
	}
	if info := opts.Info; info != nil {
		opts.Info = func(msg string) {
			mu.Lock()
			defer mu.Unlock()
			info(msg)
		}
	}
	return func(yield func(graph.Document, error) bool) {
		c := &crawler{opts: opts, f: newFetcher(opts.Fetch, opts.Client)}
		var urls []string
		flush := func() bool {
			ok := c.crawl(ctx, urls, yield)
			urls = urls[:0]
			return ok
		}
		for _, in := range inputs {
			if ctx.Err() != nil {
				yield(graph.Document{}, ctx.Err())
				return
			}
			if IsURL(in) {
				urls = append(urls, in)
				continue
			}
			if !flush() {
				return
			}
			if IsWARC(in) {
				if !c.warc(ctx, in, yield) {
					return
				}
				continue
			}
			for d, err := range source.Documents(ctx, []string{in}, opts.Read) {
				if !yield(d, err) {
					return
				}
			}
		}
		flush()
	}
}

type crawler struct {
	opts Options
	f    *fetcher
	// mu guards the entries of queued jobs: a URL listed again by another
	// feed or sitemap fills what the first listing lacked.
	mu sync.Mutex
}

func (c *crawler) warn(err error) {
	if c.opts.Read.Warn != nil {
		c.opts.Read.Warn(err)
	}
}

func (c *crawler) info(format string, args ...any) {
	if c.opts.Info != nil {
		c.opts.Info(fmt.Sprintf(format, args...))
	}
}

// job is one URL to fetch. entry is set for links from a feed or sitemap;
// depth counts feeds and sitemaps followed to reach it.
type job struct {
	url   string
	entry *entry
	depth int
}

// maxDepth bounds sitemap indexes of sitemap indexes.
const maxDepth = 4

// result is what one job produced.
type result struct {
	doc  *graph.Document
	err  error
	more []job
}

// crawl fetches urls and everything they lead to with opts.Workers
// workers; it returns false when the consumer stopped.
func (c *crawler) crawl(ctx context.Context, urls []string, yield func(graph.Document, error) bool) bool {
	if len(urls) == 0 {
		return true
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan job)
	results := make(chan result)
	var wg sync.WaitGroup
	for range c.opts.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				r := c.process(ctx, j)
				select {
				case results <- r:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	defer func() {
		close(jobs)
		cancel()
		wg.Wait()
	}()

	queue := make([]job, 0, len(urls))
	seen := map[string]*entry{}
	for _, u := range urls {
		if _, ok := seen[u]; !ok {
			seen[u] = nil
			queue = append(queue, job{url: u})
		}
	}
	pending := 0
	for len(queue) > 0 || pending > 0 {
		var send chan job
		var next job
		if len(queue) > 0 {
			send, next = jobs, queue[0]
		}
		select {
		case send <- next:
			queue = queue[1:]
			pending++
		case r := <-results:
			pending--
			for _, j := range r.more {
				first, ok := seen[j.url]
				switch {
				case !ok:
					seen[j.url] = j.entry
					queue = append(queue, j)
				case first != nil && j.entry != nil:
					c.mu.Lock()
					first.merge(j.entry)
					c.mu.Unlock()
				}
			}
			if r.doc != nil || r.err != nil {
				var d graph.Document
				if r.doc != nil {
					d = *r.doc
				}
				if !yield(d, r.err) {
					return false
				}
			}
		case <-ctx.Done():
			yield(graph.Document{}, ctx.Err())
			return false
		}
	}
	return true
}

// process fetches one URL and reads what came back.
func (c *crawler) process(ctx context.Context, j job) result {
	st := c.opts.Stats
	prev, known := c.opts.Cache.get(j.url)
	if known && j.entry != nil && c.opts.SkipKnown {
		st.Known.Add(1)
		return result{}
	}
	resp, err := c.f.get(ctx, j.url, prev.validators)
	switch {
	case errors.Is(err, ErrRobots):
		st.Robots.Add(1)
		c.warn(fmt.Errorf("%s: skipped: %w", j.url, err))
		return result{}
	case err != nil:
		if ctx.Err() != nil {
			return result{}
		}
		st.Failed.Add(1)
		return result{err: fmt.Errorf("%s: %w", j.url, err)}
	}
	for _, from := range resp.Redirects {
		c.info("%s: redirected from %s", resp.URL, from)
	}
	if resp.Status == http.StatusNotModified {
		st.Unchanged.Add(1)
		// the cache keeps what it knew: the document is in the graph
		c.info("%s: not modified since the last run", j.url)
		return result{}
	}
	switch classify(resp.ContentType, resp.Body) {
	case kindFeed:
		entries, err := parseFeed(resp.Body)
		if err != nil {
			st.Failed.Add(1)
			return result{err: fmt.Errorf("%s: %w", j.url, err)}
		}
		st.Feeds.Add(1)
		return result{more: c.entryJobs(resp.URL, entries, j.depth)}
	case kindSitemap:
		entries, children, err := parseSitemap(resp.Body)
		if err != nil {
			st.Failed.Add(1)
			return result{err: fmt.Errorf("%s: %w", j.url, err)}
		}
		st.Sitemaps.Add(1)
		more := c.entryJobs(resp.URL, entries, j.depth)
		if j.depth < maxDepth {
			for _, ch := range children {
				more = append(more, job{url: resolve(resp.URL, ch), depth: j.depth + 1})
			}
		}
		return result{more: more}
	case kindHTML:
		d, err := c.page(j, resp)
		if err != nil {
			st.Failed.Add(1)
			return result{err: err}
		}
		st.Fetched.Add(1)
		c.opts.Cache.hold(j.url, cacheEntry{
			validators: validators{ETag: resp.ETag, LastModified: resp.LastModified},
			Final:      finalIfMoved(j.url, resp.URL),
			Key:        d.Key(),
			Fetched:    time.Now().UTC(),
		})
		return result{doc: &d}
	}
	st.NotHTML.Add(1)
	c.warn(fmt.Errorf("%s: skipped: %w (%s)", j.url, ErrNotHTML, resp.ContentType))
	return result{}
}

func finalIfMoved(requested, final string) string {
	if requested == final {
		return ""
	}
	return final
}

func (c *crawler) entryJobs(base string, entries []entry, depth int) []job {
	if depth >= maxDepth {
		return nil
	}
	out := make([]job, 0, len(entries))
	for i := range entries {
		e := entries[i]
		e.URL = resolve(base, e.URL)
		if !IsURL(e.URL) {
			continue
		}
		out = append(out, job{url: e.URL, entry: &e, depth: depth + 1})
	}
	return out
}

// page reads a fetched HTML page; the feed or sitemap entry that led to it
// fills what the page does not say.
func (c *crawler) page(j job, resp *response) (graph.Document, error) {
	d, _, err := source.ReadHTML(j.url, resp.URL, resp.Body, c.opts.Read)
	if err != nil {
		return graph.Document{}, err
	}
	if j.entry != nil {
		c.mu.Lock()
		e := *j.entry
		c.mu.Unlock()
		if d.Title == "" {
			d.Title = strings.Join(strings.Fields(e.Title), " ")
		}
		if d.Published == "" {
			d.Published, _ = source.NormaliseDate(e.Published)
		}
		if d.Source == "" {
			d.Source = e.Source
		}
		if len(d.Authors) == 0 {
			d.Authors = e.Authors
		}
	}
	return d, nil
}

// resolve makes ref absolute against base.
func resolve(base, ref string) string {
	ref = strings.TrimSpace(ref)
	if IsURL(ref) {
		return ref
	}
	b, err := url.Parse(base)
	if err != nil {
		return ref
	}
	u, err := b.Parse(ref)
	if err != nil {
		return ref
	}
	return u.String()
}
