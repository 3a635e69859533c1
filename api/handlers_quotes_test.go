package api

import (
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/whosaid/whosaid/export"
	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/graph/quote"
	"github.com/whosaid/whosaid/graph/store"
	"github.com/whosaid/whosaid/internal/neo4jtest"
)

// quoteServer is v1Server on a store that clusters quotes.
func quoteServer(t *testing.T) (*Server, *store.Store) {
	t.Helper()
	opts, ok := neo4jtest.Options(t)
	if !ok {
		t.Skip("integration test: set WHOSAID_NEO4J_URI (see deploy/neo4j/neo4j-local env)")
	}
	opts.Quotes = quote.Defaults()
	st, err := store.Open(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close(context.Background()) })
	if _, err := st.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	neo4jtest.Reset(t, st)
	cfg := testConfig()
	cfg.API.RateLimit = 0
	return New(cfg, st, nil), st
}

// syndicated is an invented article of outlet on date in which Mara Voss
// says words (and mentions Velmora).
func syndicated(u, outlet, date, words string) graph.Extraction {
	const name = "Mara Voss"
	lead := outlet + ". "
	text := lead + name + " said in Velmora: “" + words + "”"
	ns := len(lead)
	cs := len(lead + name + " said in Velmora: “")
	sum := sha256.Sum256([]byte(text))
	return graph.Extraction{
		Document: graph.Document{ID: "sha256:" + hex.EncodeToString(sum[:]), URL: u, Source: outlet, Published: date,
			Title: outlet + " story", Text: text, ExtractorVersion: "test"},
		Entities: []graph.Entity{
			{ID: "person:mara-voss", Type: graph.Person, Name: name, Mentions: []graph.Span{{Start: ns, End: ns + len(name), Text: name}}},
			{ID: "place:velmora", Type: graph.Place, Name: "Velmora"},
		},
		Statements: []graph.Statement{{ID: "s1", Kind: graph.Direct,
			Speakers: []graph.Speaker{{ID: "person:mara-voss", Name: name, Type: graph.Person, Start: ns, End: ns + len(name), Text: name, ResolvedFrom: graph.ResolvedName}},
			Cue:      graph.Cue{Text: "said", Lemma: "say", Start: ns + len(name) + 1, End: ns + len(name) + 5},
			Content:  graph.Span{Start: cs, End: len(text) - len("”"), Text: words}, Confidence: 0.9, Mentions: []string{"place:velmora"}}},
	}
}

func TestV1Quotes(t *testing.T) {
	s, st := quoteServer(t)
	v := newSpecValidator(t)
	const bridge = "The bridge to Velmora will be finished before the winter, whatever the ministry says about the budget."
	exts := []graph.Extraction{
		syndicated("https://one.invalid/a", "One", "2024-02-02", bridge),
		syndicated("https://two.invalid/a", "Two", "2024-02-01", bridge),
		syndicated("https://three.invalid/a", "Three", "2024-02-03", "The bridge to Velmora will be finished before the winter"),
		syndicated("https://one.invalid/b", "One", "2024-02-05", "The ferry to Velmora will stop before the winter, whatever the ministry says."),
	}
	for _, e := range exts {
		if r := st.Load(context.Background(), []graph.Extraction{e}); r[0].Status != store.Written {
			t.Fatalf("load: %v %v", r[0].Status, r[0].Err)
		}
	}

	top := decode[quotePage](t, getOK(t, s, v, "/api/v1/quotes", "/api/v1/quotes?speaker=person:mara-voss"))
	if len(top.Items) != 2 || top.Items[0].Reports != 3 || top.Items[0].Outlets != 3 || top.Items[1].Reports != 1 {
		t.Fatalf("top quotes: %+v", top.Items)
	}
	q := top.Items[0]
	if q.Text != bridge || q.FirstReported.Outlet != "Two" || q.FirstReported.Date != "2024-02-01" {
		t.Errorf("quote summary: %+v", q)
	}
	page := decode[quotePage](t, getOK(t, s, v, "/api/v1/quotes", "/api/v1/quotes?from=2024-02-04&limit=1"))
	if len(page.Items) != 1 || page.Items[0].Reports != 1 || page.NextCursor != "" {
		t.Errorf("quotes first reported from 2024-02-04: %+v", page)
	}

	detail := decode[quoteDetail](t, getOK(t, s, v, "/api/v1/quotes/{id}", "/api/v1/quotes/"+url.PathEscape(q.ID)+"?limit=2"))
	var outlets []string
	for _, r := range detail.Reports.Items {
		outlets = append(outlets, r.Outlet)
	}
	if diff := cmp.Diff([]string{"Two", "One"}, outlets); diff != "" || detail.Reports.NextCursor == "" {
		t.Errorf("reports page 1 (-want +got):\n%s cursor %q", diff, detail.Reports.NextCursor)
	}
	next := decode[quoteDetail](t, getOK(t, s, v, "/api/v1/quotes/{id}", "/api/v1/quotes/"+url.PathEscape(q.ID)+"?limit=2&cursor="+detail.Reports.NextCursor))
	if len(next.Reports.Items) != 1 || next.Reports.Items[0].Variant != "The bridge to Velmora will be finished before the winter" {
		t.Errorf("reports page 2: %+v", next.Reports)
	}
	via := decode[quoteDetail](t, getOK(t, s, v, "/api/v1/statements/{id}/reports",
		"/api/v1/statements/"+url.PathEscape(next.Reports.Items[0].Statement)+"/reports"))
	if via.Quote.ID != q.ID || len(via.Reports.Items) != 3 {
		t.Errorf("statement reports: %+v", via)
	}

	all := decode[statementsPage](t, getOK(t, s, v, "/api/v1/entities/{id}/statements", "/api/v1/entities/person:mara-voss/statements"))
	grouped := decode[statementsPage](t, getOK(t, s, v, "/api/v1/entities/{id}/statements", "/api/v1/entities/person:mara-voss/statements?group=quote"))
	if len(all.Items) != 4 || len(grouped.Items) != 2 || grouped.Items[0].Quote.Reports != 3 || grouped.Items[0].Date != "2024-02-01" {
		t.Errorf("history %d items, grouped by quote %+v", len(all.Items), grouped.Items)
	}

	mb := decode[speakersPage](t, getOK(t, s, v, "/api/v1/entities/{id}/mentioned-by", "/api/v1/entities/place:velmora/mentioned-by?count=quotes"))
	if len(mb.Items) != 1 || mb.Items[0].Statements != 4 || mb.Items[0].Quotes != 2 || len(mb.Items[0].Samples) != 2 {
		t.Errorf("mentioned-by count=quotes: %+v", mb.Items)
	}

	w := v1Do(s, http.MethodGet, "/api/v1/export?model=reports&format=csv&speaker=person:mara-voss", nil, "")
	if w.Code != http.StatusOK || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/csv") {
		t.Fatalf("reports export: %d %s", w.Code, w.Header().Get("Content-Type"))
	}
	rows, err := csv.NewReader(w.Body).ReadAll()
	if err != nil || len(rows) != 5 || rows[0][0] != "quote" || w.Header().Get(export.TrailerStatus) != "complete" {
		t.Errorf("reports export: %d rows %q, err %v, trailer %q", len(rows), rows, err, w.Header().Get(export.TrailerStatus))
	}
	for _, target := range []string{
		"/api/v1/quotes/quote:none", "/api/v1/statements/stmt:none/reports",
		"/api/v1/export?model=reports&format=csv&speaker=person:nobody",
	} {
		if w := v1Do(s, http.MethodGet, target, nil, ""); w.Code != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", target, w.Code)
		}
	}
	for _, target := range []string{
		"/api/v1/entities/person:mara-voss/statements?group=speaker", "/api/v1/entities/place:velmora/mentioned-by?count=words",
		"/api/v1/quotes?from=yesterday", "/api/v1/quotes?limit=0",
		"/api/v1/export?model=reports&format=graphml", "/api/v1/export?model=reports&format=csv&entity=place:velmora",
	} {
		if w := v1Do(s, http.MethodGet, target, nil, ""); w.Code != http.StatusBadRequest {
			t.Errorf("GET %s: %d, want 400", target, w.Code)
		}
	}
}

type quoteSummary struct {
	ID            string `json:"id"`
	Text          string `json:"text"`
	Reports       int    `json:"reports"`
	Outlets       int    `json:"outlets"`
	FirstReported struct {
		Outlet string `json:"outlet"`
		Date   string `json:"date"`
	} `json:"first_reported"`
}

type quotePage struct {
	Items      []quoteSummary `json:"items"`
	NextCursor string         `json:"next_cursor"`
}

type quoteDetail struct {
	Quote   quoteSummary `json:"quote"`
	Reports struct {
		Items []struct {
			Statement string `json:"statement"`
			Outlet    string `json:"outlet"`
			Variant   string `json:"variant"`
		} `json:"items"`
		NextCursor string `json:"next_cursor"`
	} `json:"reports"`
}

type statementsPage struct {
	Items []struct {
		ID    string `json:"id"`
		Date  string `json:"date"`
		Quote struct {
			Reports int `json:"reports"`
		} `json:"quote"`
	} `json:"items"`
}

type speakersPage struct {
	Items []struct {
		Statements int   `json:"statements"`
		Quotes     int   `json:"quotes"`
		Samples    []any `json:"samples"`
	} `json:"items"`
}
