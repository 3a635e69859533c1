package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/whosaid/whosaid/graph/store"
	"github.com/whosaid/whosaid/internal/neo4jtest"
	"github.com/whosaid/whosaid/queries"
)

// The integration tests of the researchers' API ingest the bundled example
// article through POST /documents (so the extractor and loader run as in
// production) and then ask the questions over HTTP, validating
// every response against openapi.json.

func v1Server(t *testing.T) (*Server, *store.Store) {
	t.Helper()
	st := neo4jtest.Open(t)
	neo4jtest.Reset(t, st)
	cfg := testConfig()
	cfg.API.RateLimit = 0
	return New(cfg, st, nil), st
}

// exampleText is the bundled article's text: the file after its front
// matter, which a JSON article carries as fields instead.
func exampleText(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../examples/istanbul-talks-2022-03-29.txt")
	if err != nil {
		t.Fatal(err)
	}
	_, body, ok := strings.Cut(string(b), "\n---\n")
	if !ok {
		return string(b)
	}
	return strings.TrimLeft(body, "\n")
}

func sampleArticle(t *testing.T) []byte {
	t.Helper()
	b, _ := json.Marshal(map[string]string{
		"text": exampleText(t), "title": "Russia-Ukraine Peace Talks: The Proposal",
		"url": "https://example.org/istanbul-talks", "source": "example", "published": "2022-03-29",
	})
	return b
}

func decode[T any](t *testing.T, w response) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
		t.Fatalf("decode %T: %v; body %.300s", v, err, w.Body)
	}
	return v
}

// getOK requests path, checks the status and validates the body against
// the spec under template.
func getOK(t *testing.T, s *Server, v *specValidator, template, target string) response {
	t.Helper()
	w := v1Do(s, http.MethodGet, target, nil, "")
	if w.Code != http.StatusOK {
		t.Fatalf("GET %s: %d %s", target, w.Code, w.Body)
	}
	v.check(t, http.MethodGet, template, w)
	return w
}

func TestV1SampleArticle(t *testing.T) {
	s, st := v1Server(t)
	v := newSpecValidator(t)

	w := v1Do(s, http.MethodPost, "/api/v1/documents", bytes.NewReader(sampleArticle(t)), testKey)
	if w.Code != http.StatusCreated {
		t.Fatalf("POST /documents: %d %s", w.Code, w.Body)
	}
	v.check(t, http.MethodPost, "/api/v1/documents", w)
	ing := decode[IngestResult](t, w)
	if ing.Status != "written" || ing.Statements == 0 {
		t.Fatalf("ingest = %+v", ing)
	}
	nodes, rels := neo4jtest.Counts(t, st)
	w = v1Do(s, http.MethodPost, "/api/v1/documents", bytes.NewReader(sampleArticle(t)), testKey)
	if w.Code != http.StatusOK || decode[IngestResult](t, w).Status != "skipped" {
		t.Fatalf("second POST: %d %s", w.Code, w.Body)
	}
	v.check(t, http.MethodPost, "/api/v1/documents", w)
	if n, r := neo4jtest.Counts(t, st); n != nodes || r != rels {
		t.Errorf("re-ingest changed the graph: %d→%d nodes, %d→%d rels", nodes, n, rels, r)
	}

	const medinsky, fomin, kirby, kyiv = "person:vladimir-medinsky", "person:alexander-fomin", "person:john-kirby", "place:kyiv"

	t.Run("entity search is fuzzy", func(t *testing.T) {
		for q, want := range map[string]string{"Medinski": medinsky, "Chernigov": "place:chernihiv", "Chernihiv": "place:chernihiv", "kirby": kirby} {
			page := decode[queries.Page[queries.EntityHit]](t, getOK(t, s, v, "/api/v1/entities", "/api/v1/entities?q="+url.QueryEscape(q)))
			if len(page.Items) == 0 || page.Items[0].ID != want {
				t.Errorf("q=%s: %+v, want %s first", q, page.Items, want)
			}
		}
	})

	t.Run("Medinsky's history in order with provenance", func(t *testing.T) {
		page := decode[queries.Page[queries.Statement]](t, getOK(t, s, v, "/api/v1/entities/{id}/statements", "/api/v1/entities/"+medinsky+"/statements"))
		if len(page.Items) < 3 {
			t.Fatalf("%d statements", len(page.Items))
		}
		doc := strings.TrimRight(exampleText(t), " \t\n")
		for i, st := range page.Items {
			p := st.Provenance
			if i > 0 && p.Start <= page.Items[i-1].Provenance.Start {
				t.Errorf("statement %d at %d is not after %d", i, p.Start, page.Items[i-1].Provenance.Start)
			}
			if p.Document.ID != ing.DocumentID || p.Document.Title == "" || p.Document.URL == "" || p.Document.Published != "2022-03-29" || st.Date != "2022-03-29" {
				t.Errorf("provenance = %+v date %s", p.Document, st.Date)
			}
			if doc[p.Start:p.End] != st.Text || !strings.Contains(p.Sentence.Text, st.Text) || doc[p.Sentence.Start:p.Sentence.End] != p.Sentence.Text {
				t.Errorf("offsets/sentence of %q: [%d,%d) sentence %q", st.Text, p.Start, p.End, p.Sentence.Text)
			}
			if st.Kind == "" || st.Cue.Text == "" || !slices.ContainsFunc(st.Speakers, func(r queries.SpeakerRef) bool { return r.ID == medinsky }) {
				t.Errorf("statement %+v", st)
			}
		}
	})

	t.Run("paging returns each statement once", func(t *testing.T) {
		all := decode[queries.Page[queries.Statement]](t, getOK(t, s, v, "/api/v1/entities/{id}/statements", "/api/v1/entities/"+medinsky+"/statements?limit=200"))
		var got []string
		cur := ""
		for range 100 {
			target := "/api/v1/entities/" + medinsky + "/statements?limit=2"
			if cur != "" {
				target += "&cursor=" + url.QueryEscape(cur)
			}
			page := decode[queries.Page[queries.Statement]](t, getOK(t, s, v, "/api/v1/entities/{id}/statements", target))
			for _, st := range page.Items {
				got = append(got, st.ID)
			}
			if cur = page.NextCursor; cur == "" {
				break
			}
		}
		var want []string
		for _, st := range all.Items {
			want = append(want, st.ID)
		}
		if !slices.Equal(got, want) {
			t.Errorf("paged %v\nwant  %v", got, want)
		}
	})

	t.Run("mentioned-by Kyiv includes Kirby and Fomin", func(t *testing.T) {
		page := decode[queries.Page[queries.Speaker]](t, getOK(t, s, v, "/api/v1/entities/{id}/mentioned-by", "/api/v1/entities/"+kyiv+"/mentioned-by"))
		var ids []string
		for _, sp := range page.Items {
			ids = append(ids, sp.ID)
			if sp.Statements < 1 || len(sp.Samples) == 0 {
				t.Errorf("speaker %+v", sp)
			}
		}
		for _, want := range []string{kirby, fomin} {
			if !slices.Contains(ids, want) {
				t.Errorf("mentioned-by Kyiv = %v, lacks %s", ids, want)
			}
		}
	})

	t.Run("a path from Fomin to Medinsky", func(t *testing.T) {
		body := decode[pathsBody](t, getOK(t, s, v, "/api/v1/paths", "/api/v1/paths?from="+fomin+"&to="+medinsky))
		if len(body.Paths) == 0 {
			t.Fatal("no path")
		}
		p := body.Paths[0]
		if p.Entities[0].ID != fomin || p.Entities[len(p.Entities)-1].ID != medinsky || len(p.Hops) != len(p.Entities)-1 {
			t.Errorf("path = %+v", p)
		}
		for _, h := range p.Hops {
			// Every hop carries its evidence: the statement, or for roles
			// the documents that state them.
			if len(h.Statements) == 0 && len(h.Documents) == 0 {
				t.Errorf("hop without evidence: %+v", h)
			}
		}
	})

	t.Run("other endpoints", func(t *testing.T) {
		prof := decode[queries.Profile](t, getOK(t, s, v, "/api/v1/entities/{id}", "/api/v1/entities/"+fomin))
		if len(prof.Roles) == 0 || prof.Roles[0].Title != "Deputy Defence Minister" || prof.Counts.Statements == 0 {
			t.Errorf("profile = %+v", prof)
		}
		net := decode[queries.Network](t, getOK(t, s, v, "/api/v1/entities/{id}/network", "/api/v1/entities/"+medinsky+"/network?depth=2&limit=20"))
		if len(net.Nodes) < 2 || len(net.Nodes) > 20 || len(net.Edges) == 0 {
			t.Errorf("network: %d nodes %d edges", len(net.Nodes), len(net.Edges))
		}
		hits := decode[queries.Page[queries.Statement]](t, getOK(t, s, v, "/api/v1/statements", "/api/v1/statements?q=moratorium"))
		if len(hits.Items) == 0 {
			t.Fatal("no statement about a moratorium")
		}
		getOK(t, s, v, "/api/v1/statements", "/api/v1/statements?speaker="+kirby+"&mentions="+kyiv)
		getOK(t, s, v, "/api/v1/statements", "/api/v1/statements?from=2022-01-01&kind=direct")
		det := decode[queries.StatementDetail](t, getOK(t, s, v, "/api/v1/statements/{id}", "/api/v1/statements/"+url.PathEscape(hits.Items[0].ID)))
		if !strings.Contains(det.Paragraph.Text, det.Text) {
			t.Errorf("paragraph %q lacks %q", det.Paragraph.Text, det.Text)
		}
		docs := decode[queries.Page[queries.Document]](t, getOK(t, s, v, "/api/v1/documents", "/api/v1/documents"))
		if len(docs.Items) != 1 || docs.Items[0].Statements == 0 {
			t.Errorf("documents = %+v", docs.Items)
		}
		d := decode[queries.DocumentDetail](t, getOK(t, s, v, "/api/v1/documents/{id}", "/api/v1/documents/"+ing.DocumentID))
		if len(d.StatementsIn) != ing.Statements || d.Text == "" {
			t.Errorf("document: %d statements", len(d.StatementsIn))
		}
		w := v1Do(s, http.MethodPost, "/api/v1/cypher", strings.NewReader(`{"query": "MATCH (p:Person {id: $id})-[:SAID]->(s) RETURN p.name AS name, count(s) AS n", "params": {"id": "`+medinsky+`"}}`), testKey)
		v.check(t, http.MethodPost, "/api/v1/cypher", w)
		res := decode[queries.CypherResult](t, w)
		if w.Code != 200 || len(res.Rows) != 1 || res.Rows[0][0] != "Vladimir Medinsky" {
			t.Errorf("cypher: %d %s", w.Code, w.Body)
		}
		w = v1Do(s, http.MethodPost, "/api/v1/cypher", strings.NewReader(`{"query": "MATCH (p:Person) RETURN p.name AS name, $f AS f, $l AS l ORDER BY name LIMIT $k", "params": {"k": 2, "f": 0.5, "l": [1, "a", {"b": 2}]}}`), testKey)
		v.check(t, http.MethodPost, "/api/v1/cypher", w)
		if res := decode[queries.CypherResult](t, w); w.Code != 200 || len(res.Rows) != 2 || res.Rows[0][1] != 0.5 {
			t.Errorf("cypher with numeric params: %d %s", w.Code, w.Body)
		}
	})

	t.Run("errors follow the spec", func(t *testing.T) {
		for _, tc := range []struct {
			template, target string
			status           int
			field            string
		}{
			{"/api/v1/entities", "/api/v1/entities", 400, "q"},
			{"/api/v1/entities", "/api/v1/entities?q=x&limit=abc", 400, "limit"},
			{"/api/v1/entities", "/api/v1/entities?q=x&limit=0", 400, "limit"},
			{"/api/v1/entities/{id}", "/api/v1/entities/person:nobody", 404, "id"},
			{"/api/v1/entities/{id}/statements", "/api/v1/entities/" + medinsky + "/statements?from=29.03.2022", 400, "from"},
			{"/api/v1/entities/{id}/statements", "/api/v1/entities/" + medinsky + "/statements?cursor=bogus", 400, "cursor"},
			{"/api/v1/entities/{id}/network", "/api/v1/entities/" + medinsky + "/network?depth=9", 400, "depth"},
			{"/api/v1/paths", "/api/v1/paths?from=" + fomin + "&to=" + medinsky + "&max_hops=7", 400, "max_hops"},
			{"/api/v1/paths", "/api/v1/paths?from=" + fomin, 400, "to"},
			{"/api/v1/statements/{id}", "/api/v1/statements/nope", 404, "id"},
			{"/api/v1/documents/{id}", "/api/v1/documents/sha256:00", 404, "id"},
		} {
			w := v1Do(s, http.MethodGet, tc.target, nil, "")
			if w.Code != tc.status || w.problem(t).Field != tc.field {
				t.Errorf("GET %s: %d %s, want %d on %s", tc.target, w.Code, w.Body, tc.status, tc.field)
			}
			v.check(t, http.MethodGet, tc.template, w)
		}
		w := v1Do(s, http.MethodPost, "/api/v1/cypher", strings.NewReader(`{"query": "RETURN 1"}`), "")
		if w.Code != 401 {
			t.Errorf("cypher without key: %d", w.Code)
		}
		v.check(t, http.MethodPost, "/api/v1/cypher", w)
		w = v1Do(s, http.MethodPost, "/api/v1/documents", strings.NewReader(`{"title": "no text"}`), testKey)
		if w.Code != 400 {
			t.Errorf("article without text: %d %s", w.Code, w.Body)
		}
		v.check(t, http.MethodPost, "/api/v1/documents", w)
	})

	t.Run("metrics", func(t *testing.T) {
		w := v1Do(s, http.MethodGet, "/metrics", nil, "")
		body := w.Body.String()
		for _, want := range []string{
			`whosaid_http_requests_total{method="GET",route="/api/v1/entities/:id/statements",status="200"}`,
			`whosaid_neo4j_query_duration_seconds_count{query="speaker_history"}`,
			`whosaid_ingest_documents_total{status="written"} 1`,
			`whosaid_ingest_documents_total{status="skipped"} 1`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("metrics lack %s", want)
			}
		}
		v.check(t, http.MethodGet, "/metrics", w)
	})

	t.Run("delete", func(t *testing.T) {
		w := v1Do(s, http.MethodDelete, "/api/v1/documents/"+ing.DocumentID, nil, testKey)
		if w.Code != 200 {
			t.Fatalf("DELETE: %d %s", w.Code, w.Body)
		}
		v.check(t, http.MethodDelete, "/api/v1/documents/{id}", w)
		w = v1Do(s, http.MethodDelete, "/api/v1/documents/"+ing.DocumentID, nil, testKey)
		if w.Code != 404 {
			t.Errorf("second DELETE: %d", w.Code)
		}
		v.check(t, http.MethodDelete, "/api/v1/documents/{id}", w)
		if n, r := neo4jtest.Counts(t, st); r != 0 || n != 0 {
			t.Errorf("after delete: %d nodes, %d relationships", n, r)
		}
	})
}
