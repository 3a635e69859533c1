package api

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/graph/store"
)

// turnArticle: a quote interrupted by its attribution (two parts), a
// second quoted sentence of the same turn, a report as a source, and a
// byline. Multi-byte quote marks make byte and character offsets differ.
const turnArticle = "“We will not sign,” Ana Lopez said, “not while Velmora waits.” “Talks will go on,” she added. The report said costs would rise."

func turnSpan(t *testing.T, sub string) graph.Span {
	t.Helper()
	i := strings.Index(turnArticle, sub)
	if i < 0 {
		t.Fatalf("fixture: %q not in the text", sub)
	}
	return graph.Span{Start: i, End: i + len(sub), Text: sub}
}

func turnExtraction(t *testing.T) graph.Extraction {
	p1, p2 := turnSpan(t, "We will not sign,"), turnSpan(t, "not while Velmora waits.")
	lopez, she, report := turnSpan(t, "Ana Lopez"), turnSpan(t, "she"), turnSpan(t, "The report")
	return graph.Extraction{
		Document: graph.Document{Title: "Turns", URL: "https://news.example/turns", Source: "Example News", Published: "2024-03-01",
			Authors: []string{"Jo Park", "Sam Reyes"}, Text: turnArticle, ExtractorVersion: "test"},
		Entities: []graph.Entity{
			{ID: "person:ana-lopez", Type: graph.Person, Name: "Ana Lopez", Mentions: []graph.Span{lopez}},
			{ID: "place:velmora", Type: graph.Place, Name: "Velmora", Mentions: []graph.Span{turnSpan(t, "Velmora")}},
		},
		Statements: []graph.Statement{
			{ID: "t1", Kind: graph.Direct, Turn: "t1",
				Speakers: []graph.Speaker{{ID: "person:ana-lopez", Name: "Ana Lopez", Type: graph.Person, Start: lopez.Start, End: lopez.End, Text: lopez.Text, ResolvedFrom: graph.ResolvedName}},
				Cue:      graph.Cue{Text: "said", Lemma: "say"},
				Content:  graph.Span{Start: p1.Start, End: p2.End, Text: p1.Text + " " + p2.Text},
				Parts:    []graph.Span{p1, p2}, Confidence: 0.95, Mentions: []string{"place:velmora"}},
			{ID: "t2", Kind: graph.Direct, Turn: "t1",
				Speakers: []graph.Speaker{{ID: "person:ana-lopez", Name: "Ana Lopez", Type: graph.Person, Start: she.Start, End: she.End, Text: she.Text, ResolvedFrom: graph.ResolvedPronoun, Kind: "person"}},
				Cue:      graph.Cue{Text: "added", Lemma: "add"},
				Content:  turnSpan(t, "Talks will go on,"), Confidence: 0.8},
			{ID: "t3", Kind: graph.Indirect,
				Speakers: []graph.Speaker{{Name: report.Text, Type: graph.Organisation, Start: report.Start, End: report.End, Text: report.Text, ResolvedFrom: graph.ResolvedDescription, Kind: "document"}},
				Cue:      graph.Cue{Text: "said", Lemma: "say"},
				Content:  turnSpan(t, "costs would rise"), Confidence: 0.6},
		},
	}
}

// TestV1PartsTurnsKindsAuthors: what the loader stored comes back in every
// answer that carries statements or documents, as openapi.json says.
func TestV1PartsTurnsKindsAuthors(t *testing.T) {
	s, st := v1Server(t)
	v := newSpecValidator(t)
	res := st.Load(context.Background(), []graph.Extraction{turnExtraction(t)})
	if res[0].Status != store.Written {
		t.Fatalf("load: %s %v", res[0].Status, res[0].Err)
	}
	docID := res[0].DocumentID
	p1, p2 := turnSpan(t, "We will not sign,"), turnSpan(t, "not while Velmora waits.")
	report := turnSpan(t, "The report")
	wantParts := []map[string]any{
		{"start": float64(p1.Start), "end": float64(p1.End), "text": p1.Text},
		{"start": float64(p2.Start), "end": float64(p2.End), "text": p2.Text},
	}
	wantAuthors := []any{"Jo Park", "Sam Reyes"}
	type stmt struct {
		ID                 string           `json:"id"`
		Text               string           `json:"text"`
		Turn               string           `json:"turn"`
		Parts              []map[string]any `json:"parts"`
		Speakers           []map[string]any `json:"speakers"`
		UnresolvedSpeakers []map[string]any `json:"unresolved_speakers"`
		Provenance         struct {
			Document map[string]any `json:"document"`
		} `json:"provenance"`
	}
	type page struct {
		Items []stmt `json:"items"`
	}

	hist := decode[page](t, getOK(t, s, v, "/api/v1/entities/{id}/statements", "/api/v1/entities/person:ana-lopez/statements"))
	if len(hist.Items) != 2 {
		t.Fatalf("history: %d items", len(hist.Items))
	}
	turn := hist.Items[0].ID
	second := hist.Items[1].ID
	if diff := cmp.Diff(wantParts, hist.Items[0].Parts); diff != "" {
		t.Errorf("parts (-want +got):\n%s", diff)
	}
	if hist.Items[0].Text != "We will not sign, not while Velmora waits." || hist.Items[0].Turn != turn || hist.Items[1].Turn != turn || hist.Items[1].Parts != nil {
		t.Errorf("history items: %+v", hist.Items)
	}
	if !cmp.Equal(hist.Items[0].Provenance.Document["authors"], wantAuthors) {
		t.Errorf("provenance document: %v", hist.Items[0].Provenance.Document)
	}
	if hist.Items[1].Speakers[0]["kind"] != "person" {
		t.Errorf("speaker kind: %v", hist.Items[1].Speakers)
	}

	for _, tt := range []struct {
		query string
		want  []string
	}{
		{"turn=" + url.QueryEscape(turn), []string{turn, second}},
		{"turn=" + url.QueryEscape(turn) + "&mentions=place:velmora", []string{turn}},
		{"turn=stmt:none", []string{}},
		{"q=sign", []string{turn}},
	} {
		got := decode[page](t, getOK(t, s, v, "/api/v1/statements", "/api/v1/statements?"+tt.query))
		ids := []string{}
		for _, it := range got.Items {
			ids = append(ids, it.ID)
			if it.ID == turn && (!cmp.Equal(it.Parts, wantParts) || it.Turn != turn) {
				t.Errorf("%s: %+v", tt.query, it)
			}
		}
		if !cmp.Equal(ids, tt.want) {
			t.Errorf("GET /statements?%s: %v, want %v", tt.query, ids, tt.want)
		}
	}

	one := decode[stmt](t, getOK(t, s, v, "/api/v1/statements/{id}", "/api/v1/statements/"+url.PathEscape(turn)))
	if !cmp.Equal(one.Parts, wantParts) || one.Turn != turn {
		t.Errorf("GET /statements/{id}: %+v", one)
	}

	doc := decode[struct {
		Authors    []any  `json:"authors"`
		Statements []stmt `json:"statement_list"`
	}](t, getOK(t, s, v, "/api/v1/documents/{id}", "/api/v1/documents/"+url.PathEscape(docID)))
	if !cmp.Equal(doc.Authors, wantAuthors) || len(doc.Statements) != 3 {
		t.Fatalf("GET /documents/{id}: %+v", doc)
	}
	if !cmp.Equal(doc.Statements[0].Parts, wantParts) || doc.Statements[1].Turn != turn {
		t.Errorf("document statements: %+v", doc.Statements)
	}
	wantReport := []map[string]any{{"text": "The report", "start": float64(report.Start), "end": float64(report.End),
		"type": "Organisation", "kind": "document", "resolved_from": "description"}}
	if diff := cmp.Diff(wantReport, doc.Statements[2].UnresolvedSpeakers); diff != "" || len(doc.Statements[2].Speakers) != 0 {
		t.Errorf("the report as a source (-want +got):\n%s\nspeakers %v", diff, doc.Statements[2].Speakers)
	}
	rep := decode[stmt](t, getOK(t, s, v, "/api/v1/statements/{id}", "/api/v1/statements/"+url.PathEscape(doc.Statements[2].ID)))
	if diff := cmp.Diff(wantReport, rep.UnresolvedSpeakers); diff != "" {
		t.Errorf("GET /statements/{id} of the report (-want +got):\n%s", diff)
	}

	docs := decode[struct {
		Items []map[string]any `json:"items"`
	}](t, getOK(t, s, v, "/api/v1/documents", "/api/v1/documents"))
	if len(docs.Items) != 1 || !cmp.Equal(docs.Items[0]["authors"], wantAuthors) {
		t.Errorf("GET /documents: %v", docs.Items)
	}

	by := decode[struct {
		Items []struct {
			Samples []stmt `json:"samples"`
		} `json:"items"`
	}](t, getOK(t, s, v, "/api/v1/entities/{id}/mentioned-by", "/api/v1/entities/place:velmora/mentioned-by"))
	if len(by.Items) != 1 || len(by.Items[0].Samples) != 1 || !cmp.Equal(by.Items[0].Samples[0].Parts, wantParts) || by.Items[0].Samples[0].Turn != turn {
		t.Errorf("mentioned-by: %+v", by.Items)
	}

	paths := decode[struct {
		Paths []struct {
			Hops []struct {
				Statements []stmt `json:"statements"`
			} `json:"hops"`
		} `json:"paths"`
	}](t, getOK(t, s, v, "/api/v1/paths", "/api/v1/paths?from=person:ana-lopez&to=place:velmora"))
	if len(paths.Paths) == 0 || len(paths.Paths[0].Hops) != 1 || len(paths.Paths[0].Hops[0].Statements) != 1 ||
		!cmp.Equal(paths.Paths[0].Hops[0].Statements[0].Parts, wantParts) {
		t.Errorf("paths: %+v", paths)
	}

	// The stored export carries the same properties.
	w := v1Do(s, http.MethodGet, "/api/v1/export?model=stored&format=jsonl", nil, "")
	if w.Code != http.StatusOK {
		t.Fatalf("GET /export?model=stored: %d %s", w.Code, w.Body)
	}
	found := 0
	sc := bufio.NewScanner(bytes.NewReader(w.Body.Bytes()))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var line struct {
			ID         string         `json:"id"`
			Properties map[string]any `json:"properties"`
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatal(err)
		}
		switch line.ID {
		case turn:
			found++
			if line.Properties["turn"] != turn || !cmp.Equal(line.Properties["part_texts"], []any{p1.Text, p2.Text}) ||
				!cmp.Equal(line.Properties["part_starts"], []any{float64(p1.Start), float64(p2.Start)}) {
				t.Errorf("stored export of %s: %v", turn, line.Properties)
			}
		case docID:
			found++
			if !cmp.Equal(line.Properties["authors"], wantAuthors) {
				t.Errorf("stored export of the document: authors %v", line.Properties["authors"])
			}
		}
	}
	if found != 2 {
		t.Errorf("stored export: %d of the 2 nodes looked for", found)
	}
}
