package api

import (
	"bytes"
	"net/http"
	"testing"

	"github.com/whosaid/whosaid/queries"
)

func TestV1Explore(t *testing.T) {
	s, _ := v1Server(t)
	v := newSpecValidator(t)
	if w := v1Do(s, http.MethodPost, "/api/v1/documents", bytes.NewReader(sampleArticle(t)), testKey); w.Code != http.StatusCreated {
		t.Fatalf("POST /documents: %d %s", w.Code, w.Body)
	}
	const medinsky = "person:vladimir-medinsky"

	t.Run("overview", func(t *testing.T) {
		ov := decode[queries.Overview](t, getOK(t, s, v, "/api/v1/overview", "/api/v1/overview?limit=5"))
		c := ov.Counts
		if c.Documents != 1 || c.Statements == 0 || c.Entities != c.People+c.Organisations+c.Places || c.FirstDate != "2022-03-29" || c.LastDate != "2022-03-29" {
			t.Errorf("counts = %+v", c)
		}
		if len(ov.TopSpeakers) != 5 || len(ov.MostMentioned) != 5 || len(ov.LatestStatements) != 5 {
			t.Fatalf("lists of %d, %d, %d, want 5 each", len(ov.TopSpeakers), len(ov.MostMentioned), len(ov.LatestStatements))
		}
		for i, sp := range ov.TopSpeakers {
			if i > 0 && sp.Statements > ov.TopSpeakers[i-1].Statements {
				t.Errorf("top speakers out of order: %+v", ov.TopSpeakers)
			}
		}
		if ov.TopSpeakers[0].ID != medinsky {
			t.Errorf("top speaker %+v, want Medinsky (most statements in the article)", ov.TopSpeakers[0])
		}
		for _, l := range ov.LatestStatements {
			if l.Document.Title == "" || l.Statement.Date != "2022-03-29" {
				t.Errorf("latest %+v", l)
			}
		}
	})

	t.Run("speaker summary", func(t *testing.T) {
		sum := decode[queries.SpeakerSummary](t, getOK(t, s, v, "/api/v1/entities/{id}/summary", "/api/v1/entities/"+medinsky+"/summary"))
		hist := decode[queries.Page[queries.Statement]](t, getOK(t, s, v, "/api/v1/entities/{id}/statements", "/api/v1/entities/"+medinsky+"/statements?limit=200"))
		var n int64
		for _, p := range sum.Timeline {
			n += p.Statements
		}
		if n+sum.Undated != int64(len(hist.Items)) {
			t.Errorf("timeline counts %d + %d undated, history has %d", n, sum.Undated, len(hist.Items))
		}
		if len(sum.Outlets) != 1 || sum.Outlets[0].Source != "example" || sum.Outlets[0].Statements != int64(len(hist.Items)) {
			t.Errorf("outlets = %+v", sum.Outlets)
		}
		if len(sum.Mentions) == 0 {
			t.Errorf("no mentions")
		}
	})

	for _, tc := range []struct {
		target string
		code   int
	}{
		{"/api/v1/entities/person:nobody/summary", http.StatusNotFound},
		{"/api/v1/entities/" + medinsky + "/summary?limit=0", http.StatusBadRequest},
		{"/api/v1/entities/" + medinsky + "/summary?limit=51", http.StatusBadRequest},
		{"/api/v1/overview?limit=x", http.StatusBadRequest},
	} {
		if w := v1Do(s, http.MethodGet, tc.target, nil, ""); w.Code != tc.code {
			t.Errorf("GET %s: %d, want %d: %s", tc.target, w.Code, tc.code, w.Body)
		}
	}
}
