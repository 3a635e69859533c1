package api

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/whosaid/whosaid/bench/gen"
	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/graph/store"
	"github.com/whosaid/whosaid/internal/neo4jtest"
)

// cutProxy is a loopback TCP proxy between whosaid and Neo4j that a test
// can cut (listener closed, every connection dropped: what clients see when
// Neo4j stops) and restore on the same port.
type cutProxy struct {
	t      *testing.T
	target string
	addr   string

	mu    sync.Mutex
	ln    net.Listener
	conns map[net.Conn]bool
	live  int // proxied client connections open now
	wg    sync.WaitGroup
}

func newCutProxy(t *testing.T, target string) *cutProxy {
	p := &cutProxy{t: t, target: target, conns: map[net.Conn]bool{}}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p.addr = ln.Addr().String()
	p.serve(ln)
	t.Cleanup(p.cut)
	return p
}

func (p *cutProxy) serve(ln net.Listener) {
	p.mu.Lock()
	p.ln = ln
	p.mu.Unlock()
	p.wg.Go(func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			p.wg.Go(func() { p.pipe(c) })
		}
	})
}

func (p *cutProxy) pipe(c net.Conn) {
	up, err := net.DialTimeout("tcp", p.target, 5*time.Second)
	if err != nil {
		c.Close()
		return
	}
	p.mu.Lock()
	if p.ln == nil { // cut meanwhile
		p.mu.Unlock()
		c.Close()
		up.Close()
		return
	}
	p.conns[c], p.conns[up] = true, true
	p.live++
	p.mu.Unlock()
	done := make(chan struct{}, 2)
	go func() { _, _ = io.Copy(up, c); done <- struct{}{} }()
	go func() { _, _ = io.Copy(c, up); done <- struct{}{} }()
	<-done
	c.Close()
	up.Close()
	<-done
	p.mu.Lock()
	delete(p.conns, c)
	delete(p.conns, up)
	p.live--
	p.mu.Unlock()
}

// cut closes the listener and every connection, and waits for the proxy's
// goroutines.
func (p *cutProxy) cut() {
	p.mu.Lock()
	if p.ln != nil {
		p.ln.Close()
		p.ln = nil
	}
	for c := range p.conns {
		c.Close()
	}
	p.mu.Unlock()
	p.wg.Wait()
}

// restore listens again on the same port.
func (p *cutProxy) restore() {
	var err error
	for range 50 {
		var ln net.Listener
		if ln, err = net.Listen("tcp", p.addr); err == nil {
			p.serve(ln)
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	p.t.Fatalf("restore proxy on %s: %v", p.addr, err)
}

func (p *cutProxy) open() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.live
}

// proxiedStore opens a store through a cutProxy in front of the test server.
func proxiedStore(t *testing.T) (*store.Store, *cutProxy) {
	opts, ok := neo4jtest.Options(t)
	if !ok {
		t.Skip("integration test: set WHOSAID_NEO4J_URI (see deploy/neo4j/neo4j-local env)")
	}
	u, err := url.Parse(opts.URI)
	if err != nil {
		t.Fatal(err)
	}
	p := newCutProxy(t, u.Host)
	u.Host = p.addr
	opts.URI = u.String()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	st, err := store.Open(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	return st, p
}

// TestNeo4jOutage is issue #13's first probe: with the server running,
// Neo4j goes away. Requests waiting on the driver answer 503 within about a
// probe interval, later ones at once (< 100 ms) with Retry-After, /readyz
// says why, and service returns by itself within 5 s of Neo4j answering
// again, without leaking goroutines or connections.
func TestNeo4jOutage(t *testing.T) {
	direct := neo4jtest.Open(t)
	neo4jtest.Reset(t, direct)
	for _, r := range direct.Load(context.Background(), []graph.Extraction{exportFixture()}) {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
	}
	goroutines := runtime.NumGoroutine()
	st, proxy := proxiedStore(t)
	cfg := testConfig()
	cfg.API.RateLimit = 0
	s := New(cfg, st, nil)

	const list = "/api/v1/documents?limit=5"
	if w := get(s, list); w.Code != 200 {
		t.Fatalf("before the outage: %d %s", w.Code, w.Body)
	}

	proxy.cut()
	start := time.Now()
	w := get(s, list) // already on its way to the driver when Neo4j went
	first := time.Since(start)
	if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") == "" {
		t.Fatalf("first request in the outage: %d %q after %v: %s", w.Code, w.Header().Get("Retry-After"), first, w.Body)
	}
	if p := w.problem(t); p.Code != graph.EUNAVAILABLE {
		t.Errorf("code %s", p.Code)
	}
	if first > 3*time.Second {
		t.Errorf("first request took %v, want about one probe interval", first)
	}
	var slowest time.Duration
	for _, path := range []string{list, "/api/v1/entities?q=rowe", "/api/v1/entities/person:ines-rowe",
		"/api/v1/statements?q=port", "/api/v1/export?format=jsonl", "/api/v1/entities/person:ines-rowe/network"} {
		for range 5 {
			start := time.Now()
			w := get(s, path)
			took := time.Since(start)
			slowest = max(slowest, took)
			if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") != "2" {
				t.Errorf("%s during the outage: %d Retry-After %q", path, w.Code, w.Header().Get("Retry-After"))
			}
			if took > 100*time.Millisecond {
				t.Errorf("%s during the outage took %v, want < 100ms", path, took)
			}
		}
	}
	for _, body := range []string{`{"query": "RETURN 1"}`} {
		start := time.Now()
		w := v1Do(s, http.MethodPost, "/api/v1/cypher", strings.NewReader(body), testKey)
		if took := time.Since(start); w.Code != http.StatusServiceUnavailable || took > 100*time.Millisecond {
			t.Errorf("cypher during the outage: %d in %v", w.Code, took)
		}
	}
	rz := get(s, "/readyz")
	var h Health
	_ = json.Unmarshal(rz.Body.Bytes(), &h)
	if rz.Code != http.StatusServiceUnavailable || !strings.Contains(h.Reason, "not reachable") || rz.Header().Get("Retry-After") == "" {
		t.Errorf("/readyz during the outage: %d %s", rz.Code, rz.Body)
	}
	t.Logf("outage: first request 503 after %v; later requests 503 in at most %v; /readyz: %s", first, slowest, h.Reason)

	time.Sleep(2 * time.Second) // a few probes fail meanwhile
	proxy.restore()
	restored := time.Now()
	for {
		w := get(s, list)
		if w.Code == 200 {
			break
		}
		if time.Since(restored) > 5*time.Second {
			t.Fatalf("still %d %s 5 s after Neo4j came back", w.Code, w.Body)
		}
		time.Sleep(25 * time.Millisecond)
	}
	back := time.Since(restored)
	if w := get(s, "/readyz"); w.Code != 200 {
		t.Errorf("/readyz after recovery: %d %s", w.Code, w.Body)
	}
	t.Logf("service back %v after Neo4j answered again", back)
	for range 50 {
		if w := get(s, "/api/v1/entities/person:ines-rowe"); w.Code != 200 {
			t.Fatalf("after recovery: %d", w.Code)
		}
	}
	if n := proxy.open(); n > 5 {
		t.Errorf("%d connections open to Neo4j after 50 sequential requests", n)
	}

	// A second outage behaves the same (nothing was used up).
	proxy.cut()
	deadline := time.Now().Add(5 * time.Second)
	for get(s, list).Code != http.StatusServiceUnavailable {
		if time.Now().After(deadline) {
			t.Fatal("second outage not noticed within 5 s")
		}
		time.Sleep(50 * time.Millisecond)
	}
	proxy.restore()
	deadline = time.Now().Add(5 * time.Second)
	for get(s, list).Code != 200 {
		if time.Now().After(deadline) {
			t.Fatal("no recovery within 5 s of the second outage")
		}
		time.Sleep(50 * time.Millisecond)
	}

	if err := s.CloseStore(context.Background()); err != nil {
		t.Fatal(err)
	}
	deadline = time.Now().Add(5 * time.Second)
	for proxy.open() > 0 {
		if time.Now().After(deadline) {
			t.Fatalf("after closing the store: %d connections open", proxy.open())
		}
		time.Sleep(20 * time.Millisecond)
	}
	proxy.cut() // the proxy's own goroutines end too
	for runtime.NumGoroutine() > goroutines {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			t.Fatalf("after closing the store: %d connections open, %d goroutines (before: %d)\n%s",
				proxy.open(), runtime.NumGoroutine(), goroutines, buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestExportFailsMidStream: an export cut off from Neo4j after its first
// bytes ends with the format's failure marker and a cut connection (no
// complete-trailer), never a file that looks whole; a complete one has the
// trailer.
func TestExportFailsMidStream(t *testing.T) {
	direct := neo4jtest.Open(t)
	neo4jtest.Reset(t, direct)
	g := gen.New(gen.Options{Seed: 7, Documents: 1000})
	batch := make([]graph.Extraction, 0, 100)
	for range 10 {
		batch = batch[:0]
		for range 100 {
			batch = append(batch, g.Next().Truth)
		}
		for _, r := range direct.Load(context.Background(), batch) {
			if r.Err != nil {
				t.Fatal(r.Err)
			}
		}
	}
	st, proxy := proxiedStore(t)
	defer st.Close(context.Background())
	s := New(testConfig(), st, nil)
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()

	// Complete: the trailer says so.
	resp, err := http.Get(srv.URL + "/api/v1/export?format=jsonl&min_weight=3")
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 || resp.Trailer.Get("Whosaid-Export-Status") != "complete" {
		t.Fatalf("complete export: %d %v trailer %v", resp.StatusCode, err, resp.Trailer)
	}
	if strings.Contains(string(body), "whosaid_export_error") {
		t.Error("a complete export carries the failure marker")
	}

	resp, err = http.Get(srv.URL + "/api/v1/export?model=stored&format=jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if _, declared := resp.Trailer["Whosaid-Export-Status"]; resp.StatusCode != 200 || !declared {
		t.Fatalf("status %d, headers %v, trailers %v", resp.StatusCode, resp.Header, resp.Trailer)
	}
	br := bufio.NewReader(resp.Body)
	if _, err := br.Peek(4096); err != nil {
		t.Fatal(err)
	}
	proxy.cut() // Neo4j goes away while the export streams
	rest, err := io.ReadAll(br)
	if err == nil || !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("reading the cut export: err = %v, want unexpected EOF", err)
	}
	if resp.Trailer.Get("Whosaid-Export-Status") == "complete" {
		t.Error("a failed export says complete")
	}
	lines := strings.Split(strings.TrimRight(string(rest), "\n"), "\n")
	last := lines[len(lines)-1]
	var marker struct {
		E struct{ Code, Detail string } `json:"whosaid_export_error"`
	}
	if err := json.Unmarshal([]byte(last), &marker); err != nil || marker.E.Code == "" {
		t.Errorf("last line %q is not the failure marker (%v)", last, err)
	}
	t.Logf("export cut after %d bytes; marker %+v", len(rest)+4096, marker.E)
}
