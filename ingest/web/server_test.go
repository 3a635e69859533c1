package web

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// site is a loopback news site: articles, feeds, sitemaps, robots.txt, a
// redirect, a page that answers 429 then 200, one that fails twice with
// 503, a slow one, a PDF, a 404 and a page over the size limit.
type site struct {
	*httptest.Server
	mu   sync.Mutex
	hits map[string]int
	// conditional records the If-None-Match / If-Modified-Since received
	conditional map[string]string
}

func newSite(t *testing.T) *site {
	t.Helper()
	s := &site{hits: map[string]int{}, conditional: map[string]string{}}
	mux := http.NewServeMux()
	page := func(file, ctype string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", ctype)
			w.Write(s.fixture(t, file))
		}
	}
	mux.HandleFunc("/robots.txt", page("robots.txt", "text/plain"))
	mux.HandleFunc("/news/2024/05/harbour-expansion", func(w http.ResponseWriter, r *http.Request) {
		s.note(r, "If-None-Match")
		w.Header().Set("ETag", `"harbour-v1"`)
		if r.Header.Get("If-None-Match") == `"harbour-v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(s.fixture(t, "harbour.html"))
	})
	const schoolModified = "Mon, 02 Sep 2024 08:00:00 GMT"
	mux.HandleFunc("/local/new-school", func(w http.ResponseWriter, r *http.Request) {
		s.note(r, "If-Modified-Since")
		w.Header().Set("Last-Modified", schoolModified)
		if r.Header.Get("If-Modified-Since") == schoolModified {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.Write(s.fixture(t, "school.html"))
	})
	mux.HandleFunc("/fr/marche", page("market.html", "text/html; charset=utf-8"))
	mux.HandleFunc("/old/harbour", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/news/2024/05/harbour-expansion", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/busy", func(w http.ResponseWriter, r *http.Request) {
		if s.count(r) == 1 {
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.Write(bytes.ReplaceAll(s.fixture(t, "school.html"), []byte("Eastfield"), []byte("Westfield")))
	})
	mux.HandleFunc("/flaky", func(w http.ResponseWriter, r *http.Request) {
		if s.count(r) <= 2 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.Write(bytes.ReplaceAll(s.fixture(t, "school.html"), []byte("Eastfield"), []byte("Northfield")))
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	})
	mux.HandleFunc("/files/report.pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		w.Write([]byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"))
	})
	mux.HandleFunc("/private/members.html", page("school.html", "text/html"))
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<!doctype html><p>"))
		w.Write(bytes.Repeat([]byte("word "), 300_000))
	})
	mux.HandleFunc("/rss.xml", page("rss.xml", "application/rss+xml"))
	mux.HandleFunc("/atom.xml", page("atom.xml", "text/xml")) // mislabelled, as many are
	mux.HandleFunc("/feed.json", page("feed.json", "application/feed+json"))
	mux.HandleFunc("/sitemap_index.xml", page("sitemap_index.xml", "application/xml"))
	mux.HandleFunc("/sitemap-news.xml", page("sitemap-news.xml", "text/xml"))
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.mu.Unlock()
		if !strings.HasPrefix(r.Header.Get("User-Agent"), "whosaid-test/1.0 (+mailto:lab@example.org") {
			http.Error(w, "no user agent", http.StatusForbidden)
			return
		}
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *site) fixture(t *testing.T, name string) []byte {
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Error(err)
	}
	return bytes.ReplaceAll(b, []byte("{{BASE}}"), []byte(s.URL))
}

func (s *site) count(r *http.Request) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[r.URL.Path]
}

func (s *site) note(r *http.Request, header string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.conditional[r.URL.Path] = r.Header.Get(header)
}

func (s *site) hitsOf(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// testConfig is polite but quick: no delay, short backoff and timeout.
func testConfig() Config {
	return Config{
		UserAgent: "whosaid-test/1.0",
		Contact:   "mailto:lab@example.org",
		PerHost:   2,
		Timeout:   300 * time.Millisecond,
		Retries:   2,
		Backoff:   time.Millisecond,
		MaxBytes:  1 << 20,
		Robots:    true,
	}
}
