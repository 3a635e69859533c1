package api

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/internal/neo4jtest"
	"github.com/whosaid/whosaid/queries"
)

// TestExportValidatesBeforeFirstByte: every parameter is checked and the
// scope resolved before anything is sent, so a bad or unknown id is a
// 400/404 problem and nothing else (issue #13: a 100 kB id used to answer
// 200 with a 100 kB Content-Disposition, 64 KiB of GraphML and a problem).
func TestExportValidatesBeforeFirstByte(t *testing.T) {
	st := neo4jtest.Open(t)
	neo4jtest.Reset(t, st)
	for _, r := range st.Load(context.Background(), []graph.Extraction{exportFixture()}) {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
	}
	s := New(testConfig(), st, nil)
	long := strings.Repeat("x", 100_000)
	for _, tc := range []struct {
		method, query string
		code          int
		field         string
	}{
		{"GET", "format=graphml&speaker=" + long, 400, "speaker"},
		{"GET", "format=graphml&entity=" + long, 400, "entity"},
		{"GET", "format=gexf&entity=person:" + strings.Repeat("y", 513), 400, "entity"},
		{"GET", "speaker=%ff%fe", 400, "speaker"},
		{"GET", "format=graphml&speaker=person:nobody", 404, "speaker"},
		{"HEAD", "format=graphml&speaker=person:nobody", 404, ""},
		{"GET", "format=dot&entity=place:nowhere&depth=2", 404, "entity"},
		{"GET", "format=graphml&speakr=person:ines-rowe", 400, "speakr"},
		{"GET", "format=graphml&speaker=person:ines-rowe&speaker=person:tam-oyelaran", 400, "speaker"},
		{"GET", "format=graphml&" + long + "=1", 400, ""},
	} {
		w := do(s, httptest.NewRequest(tc.method, "/api/v1/export?"+tc.query, nil))
		name := tc.method + " " + tc.query[:min(len(tc.query), 80)]
		if w.Code != tc.code {
			t.Errorf("%s: status %d, want %d", name, w.Code, tc.code)
			continue
		}
		if w.Header().Get("Content-Disposition") != "" {
			t.Errorf("%s: an error came as an attachment", name)
		}
		if tc.method == "HEAD" {
			continue
		}
		if p := w.problem(t); tc.field != "" && p.Field != tc.field {
			t.Errorf("%s: field %q, want %q", name, p.Field, tc.field)
		}
		if w.Body.Len() > 2000 || strings.Contains(w.Body.String(), "<graphml") {
			t.Errorf("%s: body is more than the problem: %.200s", name, w.Body)
		}
	}
	if w := do(s, httptest.NewRequest("HEAD", "/api/v1/export?format=graphml&speaker=person:ines-rowe", nil)); w.Code != 200 {
		t.Errorf("HEAD of a known speaker: %d", w.Code)
	}
	w := get(s, "/api/v1/export?format=graphml&speaker=person:ines-rowe")
	if w.Code != 200 || !strings.HasSuffix(strings.TrimSpace(w.Body.String()), "</graphml>") {
		t.Errorf("known speaker: %d %.200s", w.Code, w.Body)
	}
	if got := w.Result().Trailer.Get("Whosaid-Export-Status"); got != "complete" {
		t.Errorf("trailer %q, want complete", got)
	}
}

// TestPostDocumentNUL: POST /documents refuses a text with a NUL byte, as
// file ingest refuses such a file.
func TestPostDocumentNUL(t *testing.T) {
	s, _ := v1Server(t)
	for _, text := range []string{"Anna Kowalsky said\u0000 it would rain.", strings.Repeat("\u0001", 40) + "Anna said so."} {
		body, _ := json.Marshal(map[string]string{"text": text, "url": "https://example.invalid/nul"})
		w := v1Do(s, http.MethodPost, "/api/v1/documents", bytes.NewReader(body), testKey)
		if w.Code != http.StatusBadRequest {
			t.Errorf("%q: %d %s", text, w.Code, w.Body)
			continue
		}
		if p := w.problem(t); p.Code != graph.EINVALID || !strings.Contains(p.Detail, "binary") {
			t.Errorf("%q: %+v", text, p)
		}
	}
}

// TestV1CypherAllowList: issue #13's probe through the API, and the
// allow-listed procedures.
func TestV1CypherAllowList(t *testing.T) {
	s, _ := v1Server(t)
	for _, q := range []string{`CALL db.stats.collect("QUERIES")`, `CALL db.stats.retrieve("QUERIES")`,
		`CALL db.stats.clear("QUERIES")`, `CALL db.stats.stop("QUERIES")`, `CALL db.prepareForReplanning()`,
		`CALL db.resampleIndex("entity_names")`, "CALL `db`.stats.retrieve('QUERIES')", `RETURN apoc.version()`} {
		body, _ := json.Marshal(queries.CypherRequest{Query: q})
		w := v1Do(s, http.MethodPost, "/api/v1/cypher", bytes.NewReader(body), testKey)
		if w.Code != http.StatusForbidden {
			t.Errorf("%s: %d %s", q, w.Code, w.Body)
		}
	}
	for _, q := range []string{`CALL db.labels()`, `CALL db.schema.visualization()`, `SHOW INDEXES YIELD name RETURN name`,
		`CALL db.index.fulltext.queryNodes('entity_names', 'medinsky') YIELD node RETURN node.id`} {
		body, _ := json.Marshal(queries.CypherRequest{Query: q})
		if w := v1Do(s, http.MethodPost, "/api/v1/cypher", bytes.NewReader(body), testKey); w.Code != 200 {
			t.Errorf("%s: %d %s", q, w.Code, w.Body)
		}
	}
}
