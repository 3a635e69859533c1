// Package web reads articles from the web and from web archives: article
// URLs, RSS/Atom/JSON feeds, sitemaps (indexes and Google News sitemaps)
// and WARC files. Every page becomes a graph.Document through
// source.ReadHTML, so a fetched page, an archived one and an .html file are
// read alike, and the canonical URL keys the document wherever it came from.
//
// Fetching is polite: a per-host concurrency limit and delay, robots.txt,
// a User-Agent naming whosaid and a contact, timeouts, retries with backoff
// on 429 and 5xx, a size cap, and conditional requests (ETag,
// Last-Modified) from an on-disk cache so unchanged pages are not fetched
// again.
package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/net/html/charset"
)

// Config is the politeness of fetching; config.Fetch in cmd/ fills it.
type Config struct {
	UserAgent string        // product token and version, e.g. "whosaid/1.4"
	Contact   string        // URL or e-mail a site owner can reach; appended to the User-Agent
	PerHost   int           // concurrent requests per host; default 2
	Delay     time.Duration // minimum time between two requests to one host; default 1s
	Timeout   time.Duration // per request, headers and body; default 30s
	Retries   int           // extra attempts on 429, 5xx and network errors; default 3
	MaxBytes  int64         // largest body read; default 10 MiB
	Robots    bool          // obey robots.txt
	// Backoff is the first retry's wait, doubled each attempt (tests
	// shorten it); Retry-After wins when the server sends a longer one.
	Backoff time.Duration
}

// Defaults fills zero fields.
func (c Config) withDefaults() Config {
	if c.UserAgent == "" {
		c.UserAgent = "whosaid"
	}
	if c.PerHost <= 0 {
		c.PerHost = 2
	}
	if c.Delay < 0 {
		c.Delay = 0
	}
	if c.Timeout <= 0 {
		c.Timeout = 30 * time.Second
	}
	if c.Retries < 0 {
		c.Retries = 0
	}
	if c.MaxBytes <= 0 {
		c.MaxBytes = 10 << 20
	}
	if c.Backoff <= 0 {
		c.Backoff = time.Second
	}
	return c
}

// userAgent is what requests send: "whosaid/1.4 (+https://…; research
// quotation extraction)".
func (c Config) userAgent() string {
	if c.Contact == "" {
		return c.UserAgent + " (research quotation extraction)"
	}
	return c.UserAgent + " (+" + c.Contact + "; research quotation extraction)"
}

// maxRetryAfter bounds how long one Retry-After may hold a request.
const maxRetryAfter = 5 * time.Minute

// maxRedirects is how many redirects one request follows.
const maxRedirects = 10

// Sentinel causes; test with errors.Is.
var (
	ErrRobots   = errors.New("disallowed by robots.txt")
	ErrTooLarge = errors.New("response exceeds the size limit")
	ErrNotHTML  = errors.New("not HTML")

	errTooManyRedirects = fmt.Errorf("stopped after %d redirects", maxRedirects)
)

// StatusError is a final HTTP status other than 200 or 304.
type StatusError struct {
	Code int
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("HTTP %d %s", e.Code, http.StatusText(e.Code))
}

// response is one fetched resource.
type response struct {
	URL          string   // after redirects
	Redirects    []string // the URLs redirected from, in order
	Status       int
	ContentType  string // media type, lower case, no parameters
	Body         []byte // UTF-8 for text types
	ETag         string
	LastModified string
}

// fetcher makes polite requests. It is safe for concurrent use.
type fetcher struct {
	cfg    Config
	client *http.Client
	robots *robotsCache

	mu    sync.Mutex
	hosts map[string]*hostGate
}

// hostGate limits requests to one host: at most cfg.PerHost at a time and
// starts at least delay apart.
type hostGate struct {
	sem   chan struct{}
	mu    sync.Mutex
	next  time.Time
	delay time.Duration
}

func newFetcher(cfg Config, client *http.Client) *fetcher {
	cfg = cfg.withDefaults()
	if client == nil {
		client = &http.Client{}
	}
	c := *client
	f := &fetcher{cfg: cfg, hosts: map[string]*hostGate{}}
	c.CheckRedirect = f.checkRedirect
	f.client = &c
	f.robots = newRobotsCache(f)
	return f
}

func (f *fetcher) gate(host string) *hostGate {
	f.mu.Lock()
	defer f.mu.Unlock()
	g := f.hosts[host]
	if g == nil {
		g = &hostGate{sem: make(chan struct{}, f.cfg.PerHost), delay: f.cfg.Delay}
		f.hosts[host] = g
	}
	return g
}

// slowDown raises a host's delay (robots.txt Crawl-delay).
func (f *fetcher) slowDown(host string, d time.Duration) {
	g := f.gate(host)
	g.mu.Lock()
	if d > g.delay {
		g.delay = d
	}
	g.mu.Unlock()
}

// acquire waits for a slot on the host and for its delay; release must be
// called when the response is read.
func (g *hostGate) acquire(ctx context.Context) error {
	select {
	case g.sem <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	g.mu.Lock()
	now := time.Now()
	start := g.next
	if start.Before(now) {
		start = now
	}
	g.next = start.Add(g.delay)
	g.mu.Unlock()
	if wait := time.Until(start); wait > 0 {
		t := time.NewTimer(wait)
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
			<-g.sem
			return ctx.Err()
		}
	}
	return nil
}

func (g *hostGate) release() { <-g.sem }

type redirectsKey struct{}

// checkRedirect records each hop and refuses hops robots.txt disallows.
func (f *fetcher) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= maxRedirects {
		return errTooManyRedirects
	}
	if hops, ok := req.Context().Value(redirectsKey{}).(*[]string); ok {
		*hops = append(*hops, via[len(via)-1].URL.String())
	}
	if f.cfg.Robots && !isRobotsPath(req.URL) {
		if err := f.robots.allowed(req.Context(), req.URL); err != nil {
			return fmt.Errorf("redirect to %s: %w", req.URL, err)
		}
	}
	return nil
}

func isRobotsPath(u *url.URL) bool { return u.Path == "/robots.txt" }

// get fetches u politely: robots.txt first (unless off or u is itself a
// robots.txt), the host gate, conditional headers from prev, retries with
// backoff. A 304 comes back as a response with Status 304 and no body.
func (f *fetcher) get(ctx context.Context, u string, prev validators) (*response, error) {
	return f.request(ctx, u, prev, true)
}

// getRobots fetches a robots.txt outside the host gate: it is asked for
// while a request to the host may hold the gate (a redirect from http to
// https needs the https origin's robots.txt), and it is one small request
// per origin and run.
func (f *fetcher) getRobots(ctx context.Context, u string) (*response, error) {
	return f.request(ctx, u, validators{}, false)
}

func (f *fetcher) request(ctx context.Context, u string, prev validators, gated bool) (*response, error) {
	pu, err := url.Parse(u)
	if err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
		return nil, fmt.Errorf("not an http(s) URL: %q", u)
	}
	if f.cfg.Robots && !isRobotsPath(pu) {
		if err := f.robots.allowed(ctx, pu); err != nil {
			return nil, err
		}
	}
	var lastErr error
	for attempt := 0; attempt <= f.cfg.Retries; attempt++ {
		if attempt > 0 {
			wait := f.cfg.Backoff << (attempt - 1)
			var ra *retryAfterError
			if errors.As(lastErr, &ra) && ra.wait > wait {
				wait = min(ra.wait, maxRetryAfter)
			}
			t := time.NewTimer(wait)
			select {
			case <-t.C:
			case <-ctx.Done():
				t.Stop()
				return nil, ctx.Err()
			}
		}
		resp, err := f.once(ctx, pu, prev, gated)
		if err == nil {
			return resp, nil
		}
		lastErr = err
		if !retryable(err) || ctx.Err() != nil {
			break
		}
	}
	var ra *retryAfterError
	if errors.As(lastErr, &ra) {
		lastErr = ra.err
	}
	if f.cfg.Retries > 0 && retryable(lastErr) {
		return nil, fmt.Errorf("%w (after %d attempts)", lastErr, f.cfg.Retries+1)
	}
	return nil, lastErr
}

// retryAfterError is a retryable status with the server's Retry-After.
type retryAfterError struct {
	err  error
	wait time.Duration
}

func (e *retryAfterError) Error() string { return e.err.Error() }
func (e *retryAfterError) Unwrap() error { return e.err }

func retryable(err error) bool {
	var se *StatusError
	if errors.As(err, &se) {
		return se.Code == http.StatusTooManyRequests || se.Code >= 500
	}
	if errors.Is(err, ErrRobots) || errors.Is(err, ErrTooLarge) || errors.Is(err, context.Canceled) {
		return false
	}
	if errors.Is(err, errTooManyRedirects) {
		return false
	}
	// connection refused or reset, timeouts: worth another try
	var ue *url.Error
	return errors.As(err, &ue)
}

func (f *fetcher) once(ctx context.Context, u *url.URL, prev validators, gated bool) (*response, error) {
	if gated {
		g := f.gate(u.Host)
		if err := g.acquire(ctx); err != nil {
			return nil, err
		}
		defer g.release()
	}

	ctx, cancel := context.WithTimeout(ctx, f.cfg.Timeout)
	defer cancel()
	var hops []string
	ctx = context.WithValue(ctx, redirectsKey{}, &hops)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", f.cfg.userAgent())
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,*/*;q=0.5")
	if prev.ETag != "" {
		req.Header.Set("If-None-Match", prev.ETag)
	}
	if prev.LastModified != "" {
		req.Header.Set("If-Modified-Since", prev.LastModified)
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()

	r := &response{
		URL:          resp.Request.URL.String(),
		Redirects:    hops,
		Status:       resp.StatusCode,
		ETag:         resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
	}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		return r, nil
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return nil, &retryAfterError{err: &StatusError{Code: resp.StatusCode}, wait: retryAfter(resp.Header.Get("Retry-After"))}
	case resp.StatusCode != http.StatusOK:
		return nil, &StatusError{Code: resp.StatusCode}
	}
	if resp.ContentLength > f.cfg.MaxBytes {
		return nil, fmt.Errorf("%w (%d bytes > %d)", ErrTooLarge, resp.ContentLength, f.cfg.MaxBytes)
	}
	ct := resp.Header.Get("Content-Type")
	r.ContentType, _, _ = mime.ParseMediaType(ct)
	r.ContentType = strings.ToLower(r.ContentType)
	body := io.Reader(io.LimitReader(resp.Body, f.cfg.MaxBytes+1))
	data, err := io.ReadAll(body)
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > f.cfg.MaxBytes {
		return nil, fmt.Errorf("%w (more than %d bytes)", ErrTooLarge, f.cfg.MaxBytes)
	}
	if r.ContentType == "" {
		r.ContentType, _, _ = mime.ParseMediaType(http.DetectContentType(data))
	}
	if strings.HasPrefix(r.ContentType, "text/") || strings.Contains(r.ContentType, "xml") || strings.Contains(r.ContentType, "json") {
		data = toUTF8(data, ct)
	}
	r.Body = data
	return r, nil
}

// toUTF8 decodes a text body by its declared (or sniffed) charset.
func toUTF8(data []byte, contentType string) []byte {
	enc, name, _ := charset.DetermineEncoding(data, contentType)
	if name == "utf-8" || enc == nil {
		return data
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return data
	}
	return out
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(v string) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return time.Until(t)
	}
	return 0
}
