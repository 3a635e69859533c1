package api

import (
	"context"
	"encoding/xml"
	"net/http"
	"strings"
	"testing"

	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/graph/store"
)

// TestV1CountQuotes: count=quotes on the network, statement search,
// profile, summary and overview counts a remark that three outlets
// carried once, where count=statements (the default) counts three; and
// export?quotes=true adds the quotes to the entity graph.
func TestV1CountQuotes(t *testing.T) {
	s, st := quoteServer(t)
	v := newSpecValidator(t)
	const bridge = "The bridge to Velmora will be finished before the winter, whatever the ministry says about the budget."
	for _, e := range []graph.Extraction{
		syndicated("https://one.invalid/a", "One", "2024-02-02", bridge),
		syndicated("https://two.invalid/a", "Two", "2024-02-01", bridge),
		syndicated("https://three.invalid/a", "Three", "2024-02-03", "The bridge to Velmora will be finished before the winter"),
		syndicated("https://one.invalid/b", "One", "2024-02-05", "The ferry to Velmora will stop before the winter, whatever the ministry says."),
	} {
		if r := st.Load(context.Background(), []graph.Extraction{e}); r[0].Status != store.Written {
			t.Fatalf("load: %v %v", r[0].Status, r[0].Err)
		}
	}
	type counted struct {
		Statements int64  `json:"statements"`
		Quotes     *int64 `json:"quotes"`
	}
	for _, count := range []string{"statements", "quotes"} {
		want := map[string]int64{"statements": 4, "quotes": 2}[count]
		q := "count=" + count

		net := decode[struct {
			Edges []struct{ Weight int64 } `json:"edges"`
		}](t, getOK(t, s, v, "/api/v1/entities/{id}/network", "/api/v1/entities/place:velmora/network?"+q))
		if len(net.Edges) != 1 || net.Edges[0].Weight != want {
			t.Errorf("network %s: %+v, want weight %d", q, net.Edges, want)
		}

		search := decode[statementsPage](t, getOK(t, s, v, "/api/v1/statements", "/api/v1/statements?mentions=place:velmora&"+q))
		if int64(len(search.Items)) != want {
			t.Errorf("search %s: %d statements, want %d", q, len(search.Items), want)
		}

		profile := decode[struct {
			Counts struct {
				Statements int64  `json:"statements"`
				Quotes     *int64 `json:"quotes"`
			} `json:"counts"`
		}](t, getOK(t, s, v, "/api/v1/entities/{id}", "/api/v1/entities/person:mara-voss?"+q))
		if profile.Counts.Statements != 4 || (count == "quotes") != (profile.Counts.Quotes != nil) || (profile.Counts.Quotes != nil && *profile.Counts.Quotes != 2) {
			t.Errorf("profile %s: %+v", q, profile.Counts)
		}

		sum := decode[struct {
			Mentions []counted `json:"mentions"`
			Outlets  []counted `json:"outlets"`
		}](t, getOK(t, s, v, "/api/v1/entities/{id}/summary", "/api/v1/entities/person:mara-voss/summary?"+q))
		if len(sum.Mentions) != 1 || sum.Mentions[0].Statements != 4 || (count == "quotes" && (sum.Mentions[0].Quotes == nil || *sum.Mentions[0].Quotes != 2)) {
			t.Errorf("summary %s: mentions %+v", q, sum.Mentions)
		}

		ov := decode[struct {
			Counts      counted   `json:"counts"`
			TopSpeakers []counted `json:"top_speakers"`
		}](t, getOK(t, s, v, "/api/v1/overview", "/api/v1/overview?"+q))
		if ov.Counts.Statements != 4 || (count == "quotes" && (ov.Counts.Quotes == nil || *ov.Counts.Quotes != 2 || *ov.TopSpeakers[0].Quotes != 2)) {
			t.Errorf("overview %s: %+v %+v", q, ov.Counts, ov.TopSpeakers)
		}
	}
	for _, target := range []string{
		"/api/v1/entities/place:velmora/network?count=words", "/api/v1/statements?q=bridge&count=words",
		"/api/v1/entities/person:mara-voss?count=words", "/api/v1/entities/person:mara-voss/summary?count=words",
		"/api/v1/overview?count=words", "/api/v1/export?quotes=maybe",
	} {
		if w := v1Do(s, http.MethodGet, target, nil, ""); w.Code != http.StatusBadRequest {
			t.Errorf("GET %s: %d, want 400", target, w.Code)
		}
	}

	w := v1Do(s, http.MethodGet, "/api/v1/export?format=graphml&quotes=true", nil, "")
	if w.Code != http.StatusOK {
		t.Fatalf("export quotes=true: %d %s", w.Code, w.Body)
	}
	var doc struct {
		Nodes []struct {
			Data []struct {
				Key string `xml:"key,attr"`
				V   string `xml:",chardata"`
			} `xml:"data"`
		} `xml:"graph>node"`
	}
	if err := xml.Unmarshal(w.Body.Bytes(), &doc); err != nil {
		t.Fatalf("GraphML: %v", err)
	}
	var reports []string
	for _, n := range doc.Nodes {
		for _, d := range n.Data {
			if d.Key == "n_reports" {
				reports = append(reports, d.V)
			}
		}
	}
	if got := strings.Join(reports, ","); got != "1,3" && got != "3,1" {
		t.Errorf("quote nodes' reports = %q, want 3 and 1", got)
	}
}
