package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/whosaid/whosaid/internal/neo4jtest"
)

// newsSite serves an RSS feed whose third item appears from the feed's
// third request on, and the three articles it links to.
func newsSite(t *testing.T) *httptest.Server {
	t.Helper()
	var feedHits atomic.Int64
	article := func(n int, who, what string) string {
		return fmt.Sprintf(`<!doctype html><html lang="en"><head><title>Story %d</title>
<meta property="og:site_name" content="Valley Courier"><meta name="author" content="Reporter %d">
<meta property="article:published_time" content="2024-07-0%dT10:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>Story %d</h1>
<p>The valley council met on Thursday evening to discuss the state of the old river bridge, which engineers closed to lorries last winter after finding cracks in two of its piers.</p>
<p>"%s," said %s, who chairs the transport committee and has campaigned for a replacement for several years.</p>
<p>The council will publish the engineers' full report next month, and a public meeting is planned for the autumn.</p>
</article><footer>© Valley Courier</footer></body></html>`, n, n, n, n, what, who)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		n := feedHits.Add(1)
		w.Header().Set("Content-Type", "application/rss+xml")
		base := "http://" + r.Host
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Valley Courier</title><link>%s/</link>`, base)
		for i := 1; i <= 3; i++ {
			if i == 3 && n < 3 {
				continue
			}
			fmt.Fprintf(w, `<item><title>Story %d</title><link>%s/story/%d</link></item>`, i, base, i)
		}
		fmt.Fprint(w, `</channel></rss>`)
	})
	stories := map[string]string{
		"/story/1": article(1, "Councillor Ruth Adeyemi", "We cannot wait another year for a decision on this bridge"),
		"/story/2": article(2, "Councillor Marek Nowak", "The money for the repairs is already in the budget"),
		"/story/3": article(3, "Councillor Ines Carvalho", "Residents deserve a clear timetable for the works"),
	}
	for p, html := range stories {
		mux.HandleFunc(p, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("ETag", `"`+p+`"`)
			if r.Header.Get("If-None-Match") == `"`+p+`"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			fmt.Fprint(w, html)
		})
	}
	s := httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

// TestIngestURLsAndWatch ingests a feed, then watches it for two rounds:
// the first finds nothing new, the second only the item added since; a
// URL list ingested again is revalidated and writes nothing.
func TestIngestURLsAndWatch(t *testing.T) {
	st := neo4jtest.Open(t)
	neo4jtest.Reset(t, st)
	site := newsSite(t)
	cache := filepath.Join(t.TempDir(), "fetch.json")
	ctx := context.Background()
	common := []string{"--fetch-cache", cache, "--delay", "0s", "--contact", "mailto:test@example.org"}

	r := cliRun(t, ctx, append([]string{"ingest", "--quiet", "--summary", "json", site.URL + "/feed.xml"}, common...)...)
	if r.err != nil {
		t.Fatalf("ingest: %v\n%s", r.err, r.stderr)
	}
	var sum struct {
		Written int64 `json:"written"`
		Fetch   struct {
			Fetched   int64 `json:"fetched"`
			Unchanged int64 `json:"unchanged"`
			Feeds     int64 `json:"feeds"`
		} `json:"fetch"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &sum); err != nil {
		t.Fatalf("summary %q: %v", r.stdout, err)
	}
	if sum.Written != 2 || sum.Fetch.Fetched != 2 || sum.Fetch.Feeds != 1 {
		t.Errorf("ingest of the feed: %+v", sum)
	}

	r = cliRun(t, ctx, append([]string{"watch", "--rounds", "2", "--interval", "1s", "--summary", "json", site.URL + "/feed.xml"}, common...)...)
	if r.err != nil {
		t.Fatalf("watch: %v\n%s", r.err, r.stderr)
	}
	type round struct {
		Round   int   `json:"round"`
		Written int64 `json:"written"`
		Fetched int64 `json:"fetched"`
		Known   int64 `json:"known"`
		Failed  int64 `json:"failed"`
	}
	var rounds []round
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		var rd round
		if err := json.Unmarshal([]byte(line), &rd); err != nil {
			t.Fatalf("watch line %q: %v", line, err)
		}
		rounds = append(rounds, rd)
	}
	want := []round{{Round: 1, Known: 2}, {Round: 2, Written: 1, Fetched: 1, Known: 2}}
	if diff := cmp.Diff(want, rounds); diff != "" {
		t.Errorf("watch rounds (-want +got):\n%s\nstderr:\n%s", diff, r.stderr)
	}

	list := filepath.Join(t.TempDir(), "urls.txt")
	os.WriteFile(list, []byte("# the first two stories\n"+site.URL+"/story/1\n\n"+site.URL+"/story/2\n"), 0o600)
	r = cliRun(t, ctx, append([]string{"ingest", "--quiet", "--urls", list}, common...)...)
	if r.err != nil {
		t.Fatalf("ingest --urls: %v\n%s", r.err, r.stderr)
	}
	if !strings.Contains(r.stderr, "fetch: 0 fetched, 2 unchanged, 0 refused by robots.txt, 0 not HTML, 0 failed") {
		t.Errorf("ingest --urls again: want 2 unchanged, stderr:\n%s", r.stderr)
	}

	os.WriteFile(list, []byte("ftp://example.org/x\n"), 0o600)
	r = cliRun(t, ctx, "ingest", "--urls", list)
	if r.err == nil || !strings.Contains(r.err.Error(), "urls.txt:1: not an http(s) URL") {
		t.Errorf("bad --urls file: got %v", r.err)
	}
}
