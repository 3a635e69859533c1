package api

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/whosaid/whosaid/bench/gen"
	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/internal/neo4jtest"
	"github.com/whosaid/whosaid/web"
)

// exportFixture is one fictional article: Ines Rowe speaks about Port
// Aldo twice, once together with Tam Oyelaran.
func exportFixture() graph.Extraction {
	text := "Ines Rowe said Port Aldo would grow. Rowe and Tam Oyelaran said Port Aldo was calm."
	sp := func(id, name string) graph.Speaker {
		return graph.Speaker{ID: id, Name: name, Type: graph.Person, Text: name, ResolvedFrom: graph.ResolvedName}
	}
	return graph.Extraction{
		Document: graph.Document{URL: "https://example.invalid/export", Title: "Export fixture", Published: "2023-06-01", Text: text, ExtractorVersion: "test"},
		Entities: []graph.Entity{
			{ID: "person:ines-rowe", Type: graph.Person, Name: "Ines Rowe", Aliases: []string{"Rowe"}},
			{ID: "person:tam-oyelaran", Type: graph.Person, Name: "Tam Oyelaran"},
			{ID: "place:port-aldo", Type: graph.Place, Name: "Port Aldo"},
		},
		Statements: []graph.Statement{
			{ID: "x1", Kind: graph.Indirect, Speakers: []graph.Speaker{sp("person:ines-rowe", "Ines Rowe")},
				Content: graph.Span{Start: 15, End: 35, Text: text[15:35]}, Mentions: []string{"place:port-aldo"}},
			{ID: "x2", Kind: graph.Indirect, Speakers: []graph.Speaker{sp("person:ines-rowe", "Rowe"), sp("person:tam-oyelaran", "Tam Oyelaran")},
				Content: graph.Span{Start: 64, End: 83, Text: text[64:83]}, Mentions: []string{"place:port-aldo"}},
		},
	}
}

func TestExportEndpoint(t *testing.T) {
	st := neo4jtest.Open(t)
	neo4jtest.Reset(t, st)
	for _, r := range st.Load(context.Background(), []graph.Extraction{exportFixture()}) {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
	}
	s := New(testConfig(), st, nil)

	for _, tc := range []struct {
		query, ctype, file string
		contains           []string
	}{
		{"format=graphml", "application/graphml+xml", "whosaid.graphml", []string{`<node id="person:ines-rowe">`, `<data key="e_type">SPOKE_ABOUT</data>`}},
		{"format=gexf&entity=place:port-aldo", "application/gexf+xml", "whosaid-place_port-aldo.gexf", []string{`label="Port Aldo"`}},
		{"format=cytoscape&speaker=person:tam-oyelaran", "application/json", "whosaid-person_tam-oyelaran.cyjs", []string{`"CO_SPEAKER"`}},
		{"format=dot&kind=indirect&from=2023-01-01", "text/vnd.graphviz", "whosaid.dot", []string{`"person:ines-rowe" -> "place:port-aldo"`}},
		{"format=jsonl&min_weight=2", "application/x-ndjson", "whosaid.jsonl", []string{`"weight":2`}},
		{"model=stored&format=jsonl", "application/x-ndjson", "whosaid-stored.jsonl", []string{`"labels":["Document"]`, `"type":"REPORTED_IN"`}},
		{"model=stored&format=graphml", "application/graphml+xml", "whosaid-stored.graphml", []string{`<graphml`, `REPORTED_IN`}},
	} {
		w := get(s, "/api/v1/export?"+tc.query)
		if w.Code != http.StatusOK {
			t.Errorf("%s: status %d: %s", tc.query, w.Code, w.Body)
			continue
		}
		if ct := w.Header().Get("Content-Type"); ct != tc.ctype {
			t.Errorf("%s: Content-Type %q, want %q", tc.query, ct, tc.ctype)
		}
		_, params, err := mime.ParseMediaType(w.Header().Get("Content-Disposition"))
		if err != nil || params["filename"] != tc.file {
			t.Errorf("%s: Content-Disposition %q, want filename %s", tc.query, w.Header().Get("Content-Disposition"), tc.file)
		}
		for _, c := range tc.contains {
			if !strings.Contains(w.Body.String(), c) {
				t.Errorf("%s: body lacks %s:\n%s", tc.query, c, w.Body)
			}
		}
	}

	// The CSV export is a zip of the two neo4j-admin files.
	w := get(s, "/api/v1/export?format=csv")
	zr, err := zip.NewReader(bytes.NewReader(w.Body.Bytes()), int64(w.Body.Len()))
	if err != nil || len(zr.File) != 2 || zr.File[0].Name != "nodes.csv" || zr.File[1].Name != "relationships.csv" {
		t.Errorf("csv zip: %v %v", err, zr)
	}

	for _, tc := range []struct {
		query string
		code  int
		field string
	}{
		{"format=svg", 400, "format"},
		{"entity=place:nowhere", 404, "entity"},
		{"speaker=person:ines-rowe&entity=place:port-aldo", 400, "entity"},
		{"entity=place:port-aldo&depth=9", 400, "depth"},
		{"from=2023-13-01", 400, "from"},
		{"kind=shouted", 400, "kind"},
		{"min_weight=x", 400, "min_weight"},
		{"model=stored&format=gexf", 400, "format"},
		{"model=stored&format=csv&entity=place:port-aldo", 400, "model"},
		{"model=everything", 400, "model"},
		{"speaker=%27%29%20DETACH%20DELETE%20n%20%2F%2F", 404, "speaker"},
	} {
		w := get(s, "/api/v1/export?"+tc.query)
		if w.Code != tc.code {
			t.Errorf("%s: status %d, want %d: %s", tc.query, w.Code, tc.code, w.Body)
			continue
		}
		if p := w.problem(t); p.Field != tc.field {
			t.Errorf("%s: field %q, want %q", tc.query, p.Field, tc.field)
		}
		if w.Header().Get("Content-Disposition") != "" {
			t.Errorf("%s: an error response came as an attachment", tc.query)
		}
	}
	if n, r := neo4jtest.Counts(t, st); n == 0 || r == 0 {
		t.Errorf("graph emptied: %d nodes, %d relationships", n, r)
	}

	// A client that has gone away gets nothing and costs nothing.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequest(http.MethodGet, "/api/v1/export?format=jsonl", nil).WithContext(ctx)
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	if rec.Body.Len() != 0 || rec.Header().Get("Content-Disposition") != "" {
		t.Errorf("cancelled request got %d %q", rec.Code, rec.Body)
	}

	// HEAD answers the headers only.
	head := do(s, httptest.NewRequest(http.MethodHead, "/api/v1/export?format=gexf", nil))
	if head.Code != 200 || head.Body.Len() != 0 || head.Header().Get("Content-Type") != "application/gexf+xml" {
		t.Errorf("HEAD: %d %q %q", head.Code, head.Header().Get("Content-Type"), head.Body)
	}
}

func TestExportStoreUnavailable(t *testing.T) {
	s := New(testConfig(), nil, nil)
	w := get(s, "/api/v1/export?format=gexf")
	if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") == "" {
		t.Errorf("status %d, Retry-After %q", w.Code, w.Header().Get("Retry-After"))
	}
}

func TestWebExplorerServed(t *testing.T) {
	s := New(testConfig(), nil, nil)
	w := get(s, "/")
	if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") {
		t.Fatalf("GET /: %d %q", w.Code, w.Header().Get("Content-Type"))
	}
	if csp := w.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
		t.Errorf("CSP = %q", csp)
	}
	body, _ := io.ReadAll(w.Body)
	if web.Built() {
		if !bytes.Contains(body, []byte(`<script src="app.js">`)) {
			t.Errorf("index.html lacks the bundle:\n%s", body)
		}
		if js := get(s, "/app.js"); js.Code != 200 || js.Body.Len() < 1000 {
			t.Errorf("GET /app.js: %d, %d bytes", js.Code, js.Body.Len())
		}
	} else if !bytes.Contains(body, []byte("make web")) {
		t.Errorf("fallback page does not say how to build the explorer:\n%s", body)
	}
	if w := get(s, "/index.html"); w.Code != http.StatusMovedPermanently && w.Code != http.StatusNotFound {
		t.Errorf("GET /index.html: %d", w.Code)
	}
	if w := get(s, "/nope.js"); w.Code != 404 || w.Header().Get("Content-Type") != ProblemContentType {
		t.Errorf("GET /nope.js: %d %q", w.Code, w.Header().Get("Content-Type"))
	}
}

// TestExportClientDisconnect: a client that reads the start of a large
// export and hangs up must not keep the handler (and its Neo4j read)
// running.
func TestExportClientDisconnect(t *testing.T) {
	st := neo4jtest.Open(t)
	neo4jtest.Reset(t, st)
	g := gen.New(gen.Options{Seed: 7, Documents: 1000})
	batch := make([]graph.Extraction, 0, 100)
	for range 10 {
		batch = batch[:0]
		for range 100 {
			batch = append(batch, g.Next().Truth)
		}
		for _, r := range st.Load(context.Background(), batch) {
			if r.Err != nil {
				t.Fatal(r.Err)
			}
		}
	}
	s := New(testConfig(), st, nil)
	full := get(s, "/api/v1/export?model=stored&format=jsonl").Body.Len()

	done := make(chan struct{})
	var written int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer close(done) // also when the handler aborts the connection
		s.Handler().ServeHTTP(&countingWriter{ResponseWriter: w, n: &written}, r)
	}))
	defer srv.Close()

	resp, err := http.Get(srv.URL + "/api/v1/export?model=stored&format=jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || resp.Header.Get("Content-Disposition") == "" {
		t.Fatalf("status %d, headers %v", resp.StatusCode, resp.Header)
	}
	if _, err := io.ReadFull(resp.Body, make([]byte, 4096)); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close() // hang up with most of the export unread

	select {
	case <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("the export handler is still running a minute after the client left")
	}
	if written >= int64(full) {
		t.Errorf("the handler wrote all %d bytes; the test needs an export larger than the socket buffers", full)
	}
	t.Logf("handler stopped after writing %d of %d bytes", written, full)
	// The server is fine afterwards: a new export runs to the end.
	w := get(s, "/api/v1/export?format=jsonl&min_weight=3")
	if w.Code != 200 {
		t.Errorf("next export: %d", w.Code)
	}
}

type countingWriter struct {
	http.ResponseWriter
	n *int64
}

func (w *countingWriter) Write(p []byte) (int, error) {
	n, err := w.ResponseWriter.Write(p)
	*w.n += int64(n)
	return n, err
}

func (w *countingWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
