package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/ingest/source"
)

// run collects the documents and errors of inputs, and the warnings.
func run(t *testing.T, inputs []string, opts Options) (docs map[string]graph.Document, errs, warns []string) {
	t.Helper()
	docs = map[string]graph.Document{}
	opts.Read.Warn = func(err error) { warns = append(warns, err.Error()) }
	for d, err := range Documents(context.Background(), inputs, opts) {
		if err != nil {
			errs = append(errs, err.Error())
			continue
		}
		docs[d.Key()] = d
	}
	sort.Strings(errs)
	sort.Strings(warns)
	return docs, errs, warns
}

// meta is a document without its text and id, for comparison.
type meta struct {
	Path, Title, URL, Source, Published string
	Authors                             []string
}

func metaOf(d graph.Document) meta {
	return meta{Path: d.Path, Title: d.Title, URL: d.URL, Source: d.Source, Published: d.Published, Authors: d.Authors}
}

func TestURLs(t *testing.T) {
	s := newSite(t)
	u := func(p string) string { return s.URL + p }
	var st Stats
	docs, errs, warns := run(t, []string{
		u("/news/2024/05/harbour-expansion"), u("/old/harbour"), u("/busy"), u("/flaky"), u("/slow"),
		u("/files/report.pdf"), u("/private/members.html"), u("/gone"), u("/big"), u("/fr/marche"),
	}, Options{Fetch: testConfig(), Stats: &st})

	want := map[string]meta{
		u("/news/2024/05/harbour-expansion"): {
			// the redirected request comes last or first; either way the
			// canonical URL is the key and both read the same page
			Title: "Harbour expansion approved after long dispute", URL: u("/news/2024/05/harbour-expansion"),
			Source: "The Coastal Ledger", Published: "2024-05-14", Authors: []string{"Mira Okafor", "Tom Lindqvist"},
		},
		u("/busy"):  {Path: u("/busy"), Title: "New school opens in Westfield", URL: u("/busy"), Authors: []string{"Priya Raman"}},
		u("/flaky"): {Path: u("/flaky"), Title: "New school opens in Northfield", URL: u("/flaky"), Authors: []string{"Priya Raman"}},
		u("/fr/marche-couvert"): {Path: u("/fr/marche"), Title: "Le marché couvert rouvre ses portes", URL: u("/fr/marche-couvert"),
			Source: "La Gazette du Port", Authors: []string{"Camille Durand"}},
	}
	got := map[string]meta{}
	for k, d := range docs {
		m := metaOf(d)
		if k == u("/news/2024/05/harbour-expansion") {
			m.Path = ""
		}
		got[k] = m
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("documents (-want +got):\n%s", diff)
	}

	h := docs[u("/news/2024/05/harbour-expansion")].Text
	for _, in := range []string{"The regional council voted on Tuesday", `"This is the right decision for the town`, "challenge them in court."} {
		if !strings.Contains(h, in) {
			t.Errorf("harbour text lacks %q:\n%s", in, h)
		}
	}
	for _, out := range []string{"cookies", "Share on", "Related stories", "newsletter", "All rights reserved", "Sport"} {
		if strings.Contains(h, out) {
			t.Errorf("harbour text holds boilerplate %q:\n%s", out, h)
		}
	}
	if !strings.Contains(h, "\n\n") {
		t.Errorf("harbour text has no paragraph breaks:\n%s", h)
	}

	if len(errs) != 3 {
		t.Fatalf("want 3 errors (slow, gone, big), got %q", errs)
	}
	for i, want := range []string{"/big: response exceeds the size limit", "/gone: HTTP 404 Not Found", "/slow: "} {
		if !strings.Contains(errs[i], want) {
			t.Errorf("error %d = %q, want it to contain %q", i, errs[i], want)
		}
	}
	if !strings.Contains(errs[2], "after 3 attempts") {
		t.Errorf("slow page: want retries reported, got %q", errs[2])
	}
	wantWarns := []string{
		u("/files/report.pdf") + ": skipped: not HTML (application/pdf)",
		u("/private/members.html") + ": skipped: disallowed by robots.txt",
	}
	if diff := cmp.Diff(wantWarns, warns); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
	if s.hitsOf("/private/members.html") != 0 {
		t.Error("a page robots.txt disallows was requested")
	}
	if n := s.hitsOf("/robots.txt"); n != 1 {
		t.Errorf("robots.txt requested %d times, want once", n)
	}
	if n := s.hitsOf("/flaky"); n != 3 {
		t.Errorf("flaky page requested %d times, want 3 (two 503s, then 200)", n)
	}
	sum := st.Summary()
	wantSum := Summary{Fetched: 5, Robots: 1, NotHTML: 1, Failed: 3}
	if diff := cmp.Diff(wantSum, sum); diff != "" {
		t.Errorf("stats (-want +got):\n%s", diff)
	}
}

func TestRobotsOff(t *testing.T) {
	s := newSite(t)
	cfg := testConfig()
	cfg.Robots = false
	docs, errs, _ := run(t, []string{s.URL + "/private/members.html"}, Options{Fetch: cfg})
	if len(docs) != 1 || len(errs) != 0 {
		t.Errorf("robots off: want the page read, got %d documents, errors %q", len(docs), errs)
	}
	if n := s.hitsOf("/robots.txt"); n != 0 {
		t.Errorf("robots off: robots.txt requested %d times", n)
	}
}

func TestFeedsAndSitemaps(t *testing.T) {
	s := newSite(t)
	u := func(p string) string { return s.URL + p }
	var st Stats
	docs, errs, warns := run(t, []string{u("/rss.xml"), u("/atom.xml"), u("/feed.json"), u("/sitemap_index.xml")},
		Options{Fetch: testConfig(), Stats: &st})
	want := map[string]meta{
		// the page has no date: the feed's (RSS pubDate, JSON Feed, news
		// sitemap — all the same day) fills it; no site name either: the
		// feed's title
		u("/local/new-school"): {Path: u("/local/new-school"), Title: "New school opens in Eastfield", URL: u("/local/new-school"),
			Source: "Eastfield Gazette", Published: "2024-09-02", Authors: []string{"Priya Raman"}},
		u("/news/2024/05/harbour-expansion"): {Path: u("/old/harbour"), Title: "Harbour expansion approved after long dispute",
			URL: u("/news/2024/05/harbour-expansion"), Source: "The Coastal Ledger", Published: "2024-05-14",
			Authors: []string{"Mira Okafor", "Tom Lindqvist"}},
		u("/fr/marche-couvert"): {Path: u("/fr/marche"), Title: "Le marché couvert rouvre ses portes", URL: u("/fr/marche-couvert"),
			Source: "La Gazette du Port", Published: "2024-06-01", Authors: []string{"Camille Durand"}},
	}
	got := map[string]meta{}
	for k, d := range docs {
		got[k] = metaOf(d)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("documents (-want +got):\n%s", diff)
	}
	if len(errs) != 0 {
		t.Errorf("errors: %q", errs)
	}
	if len(warns) != 2 {
		t.Errorf("want 2 warnings (robots, PDF), got %q", warns)
	}
	if n := s.hitsOf("/local/new-school"); n != 1 {
		t.Errorf("an article in three feeds was requested %d times, want once", n)
	}
	wantSum := Summary{Fetched: 3, Robots: 1, NotHTML: 1, Feeds: 3, Sitemaps: 2}
	if diff := cmp.Diff(wantSum, st.Summary()); diff != "" {
		t.Errorf("stats (-want +got):\n%s", diff)
	}
}

func TestConditionalRequests(t *testing.T) {
	s := newSite(t)
	path := filepath.Join(t.TempDir(), "fetch.json")
	inputs := []string{s.URL + "/news/2024/05/harbour-expansion", s.URL + "/local/new-school", s.URL + "/fr/marche"}

	cache, err := OpenCache(path)
	if err != nil {
		t.Fatal(err)
	}
	docs, errs, _ := run(t, inputs, Options{Fetch: testConfig(), Cache: cache})
	if len(docs) != 3 || len(errs) != 0 {
		t.Fatalf("first run: %d documents, errors %q", len(docs), errs)
	}
	// the pipeline reports each outcome: two stored, one failed
	cache.Done(s.URL+"/news/2024/05/harbour-expansion", true)
	cache.Done(s.URL+"/local/new-school", true)
	cache.Done(s.URL+"/fr/marche-couvert", false)
	if err := cache.Save(); err != nil {
		t.Fatal(err)
	}

	cache, err = OpenCache(path)
	if err != nil {
		t.Fatal(err)
	}
	var st Stats
	docs, errs, _ = run(t, inputs, Options{Fetch: testConfig(), Cache: cache, Stats: &st})
	if len(errs) != 0 {
		t.Fatalf("second run: errors %q", errs)
	}
	if _, ok := docs[s.URL+"/fr/marche-couvert"]; len(docs) != 1 || !ok {
		t.Errorf("second run: want only the page whose document failed, got %v", keys(docs))
	}
	wantCond := map[string]string{
		"/news/2024/05/harbour-expansion": `"harbour-v1"`,
		"/local/new-school":               "Mon, 02 Sep 2024 08:00:00 GMT",
	}
	if diff := cmp.Diff(wantCond, s.conditional); diff != "" {
		t.Errorf("conditional headers (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(Summary{Fetched: 1, Unchanged: 2}, st.Summary()); diff != "" {
		t.Errorf("stats (-want +got):\n%s", diff)
	}
}

func TestSkipKnown(t *testing.T) {
	s := newSite(t)
	cache, _ := OpenCache("")
	opts := Options{Fetch: testConfig(), Cache: cache, SkipKnown: true}
	docs, _, _ := run(t, []string{s.URL + "/feed.json"}, opts)
	for k := range docs {
		cache.Done(k, true)
	}
	var st Stats
	opts.Stats = &st
	docs, _, _ = run(t, []string{s.URL + "/feed.json"}, opts)
	if len(docs) != 0 || st.Known.Load() != 1 {
		t.Errorf("watching a feed again: want its one item skipped as known, got %d documents, %d known", len(docs), st.Known.Load())
	}
	if n := s.hitsOf("/local/new-school"); n != 1 {
		t.Errorf("known item requested %d times, want once", n)
	}
}

func TestLocalFilesPassThrough(t *testing.T) {
	docs, errs, _ := run(t, []string{"testdata/school.html"}, Options{Read: source.Options{Source: "Gazette"}})
	d, ok := docs["testdata/school.html"]
	if !ok || len(errs) != 0 {
		t.Fatalf("local file: %v, errors %q", keys(docs), errs)
	}
	if d.Source != "Gazette" || d.Title != "New school opens in Eastfield" {
		t.Errorf("local file: %+v", metaOf(d))
	}
}

func TestClassify(t *testing.T) {
	tests := []struct {
		ctype, body string
		want        kind
	}{
		{"text/html", "<!doctype html><p>x</p>", kindHTML},
		{"application/xhtml+xml", "<html/>", kindHTML},
		{"", "<!DOCTYPE html><html>", kindHTML},
		{"text/xml", `<?xml version="1.0"?><rss version="2.0">`, kindFeed},
		{"text/plain", `<feed xmlns="http://www.w3.org/2005/Atom">`, kindFeed},
		{"application/json", `{"version": "https://jsonfeed.org/version/1.1"}`, kindFeed},
		{"application/xml", `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`, kindSitemap},
		{"text/xml", `<sitemapindex>`, kindSitemap},
		{"application/pdf", "%PDF-1.7", kindOther},
		{"image/png", "\x89PNG", kindOther},
	}
	for _, tt := range tests {
		if got := classify(tt.ctype, []byte(tt.body)); got != tt.want {
			t.Errorf("classify(%q, %q) = %d, want %d", tt.ctype, tt.body, got, tt.want)
		}
	}
}

func TestNotURL(t *testing.T) {
	f := newFetcher(testConfig(), nil)
	_, err := f.get(context.Background(), "ftp://example.org/x", validators{})
	if err == nil || errors.Is(err, ErrRobots) {
		t.Errorf("ftp URL: got %v", err)
	}
}

func keys(m map[string]graph.Document) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestEntryMerge(t *testing.T) {
	e := entry{URL: "u", Title: "From the feed"}
	e.merge(&entry{URL: "u", Title: "From the sitemap", Published: "2024-06-01", Source: "Gazette", Authors: []string{"A"}})
	want := entry{URL: "u", Title: "From the feed", Published: "2024-06-01", Source: "Gazette", Authors: []string{"A"}}
	if diff := cmp.Diff(want, e); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestPerHostLimit counts requests in flight at the server: never more
// than PerHost to one host, however many workers.
func TestPerHostLimit(t *testing.T) {
	var mu sync.Mutex
	inflight, most := 0, 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			fmt.Fprint(w, "User-agent: *\nCrawl-delay: 0\n")
			return
		}
		mu.Lock()
		inflight++
		most = max(most, inflight)
		mu.Unlock()
		time.Sleep(20 * time.Millisecond) // lets requests overlap if the gate allowed it
		mu.Lock()
		inflight--
		mu.Unlock()
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprintf(w, "<!doctype html><p>Page %s.</p>", r.URL.Path)
	}))
	defer srv.Close()
	var urls []string
	for i := range 12 {
		urls = append(urls, fmt.Sprintf("%s/p/%d", srv.URL, i))
	}
	cfg := testConfig()
	cfg.PerHost = 2
	docs, errs, _ := run(t, urls, Options{Fetch: cfg, Workers: 8})
	if len(docs) != 12 || len(errs) != 0 {
		t.Fatalf("%d documents, errors %q", len(docs), errs)
	}
	if most > 2 {
		t.Errorf("%d requests at once to one host, want at most 2", most)
	}
}

// TestCrawlDelay: a robots.txt Crawl-delay longer than fetch.delay slows
// the host down.
func TestCrawlDelay(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "User-agent: whosaid\nCrawl-delay: 7\nDisallow: /no/\n")
	}))
	defer srv.Close()
	f := newFetcher(testConfig(), nil)
	u, _ := url.Parse(srv.URL + "/no/x")
	if err := f.robots.allowed(context.Background(), u); !errors.Is(err, ErrRobots) {
		t.Errorf("whosaid group: /no/x allowed (%v)", err)
	}
	if d := f.gate(u.Host).delay; d != 7*time.Second {
		t.Errorf("host delay %s, want the Crawl-delay 7s", d)
	}
}

// TestCharset: a page in ISO-8859-1, declared in the Content-Type only,
// reaches the document as UTF-8.
func TestCharset(t *testing.T) {
	page := "<!doctype html><html><head><title>Caf\xe9 reopens</title></head><body><article><p>The caf\xe9 on the square reopened on Monday after a year of repairs, and the owner, Ren\xe9e Martin, said the regulars had come back on the first morning.</p><p>The council had helped pay for the new roof, which was damaged in the winter storms that also closed the market hall for several weeks.</p></article></body></html>"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=iso-8859-1")
		fmt.Fprint(w, page)
	}))
	defer srv.Close()
	docs, errs, warns := run(t, []string{srv.URL + "/cafe"}, Options{Fetch: testConfig()})
	d := docs[srv.URL+"/cafe"]
	if len(errs)+len(warns) != 0 || d.Title != "Café reopens" || !strings.Contains(d.Text, "Renée Martin") {
		t.Errorf("title %q, text %q, errors %q, warnings %q", d.Title, d.Text, errs, warns)
	}
}
