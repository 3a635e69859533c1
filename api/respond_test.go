package api

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/google/go-cmp/cmp"

	"github.com/whosaid/whosaid/queries"
)

// TestRespondMatchesEncodingJSON checks that responses are byte for byte
// what encoding/json.Marshal writes (HTML-safe escapes, no trailing
// newline), also when the pooled buffer is reused by a smaller response.
func TestRespondMatchesEncodingJSON(t *testing.T) {
	big := queries.Page[queries.Statement]{NextCursor: "abc", Items: []queries.Statement{{
		ID: "stmt:1", Kind: "direct", Text: `"We <will> not" & won't — Ελλάδα ` + "\u2028\x01" + strings.Repeat("x", 5000),
		Speakers: []queries.SpeakerRef{{EntityRef: queries.EntityRef{ID: "person:a", Name: "A <b>", Type: "Person"}, Kind: "person"}},
		Parts:    []queries.Span{{Start: 1, End: 3, Text: "<w"}}, Turn: "stmt:1",
	}}}
	small := map[string]any{"items": []string{"<&>"}, "n": 1.5}
	// Structs embedded twice, with empty and filled optional lists: the
	// encoder once dropped the fields after an embedded struct ending in
	// an empty omitempty slice.
	doc := queries.Document{DocumentRef: queries.DocumentRef{ID: "sha256:1", Title: "T"}, Path: "p", IngestedAt: "2024-01-01T00:00:00Z", Statements: 2, Entities: 1}
	docs := []any{
		queries.DocumentDetail{Document: doc, Text: "text"},
		queries.DocumentDetail{Document: func() queries.Document { d := doc; d.Authors = []string{"Jo Park"}; return d }(), Text: "text",
			StatementsIn: []queries.DocStatement{{StatementSample: queries.StatementSample{ID: "s", Parts: []queries.Span{{Start: 0, End: 1, Text: "t"}}}, Start: 3},
				{StatementSample: queries.StatementSample{ID: "s2"}, End: 4, UnresolvedSpeakers: []queries.UnresolvedSpeaker{{Text: "the report", Kind: "document"}}}}},
		queries.StatementDetail{Statement: queries.Statement{ID: "s", Provenance: queries.Provenance{Document: doc.DocumentRef, Start: 1}}},
		queries.StatementDetail{Statement: queries.Statement{ID: "s", Turn: "s", Parts: []queries.Span{{Text: "x"}}, Provenance: queries.Provenance{Document: queries.DocumentRef{ID: "d", Authors: []string{"A"}}, End: 2}}},
	}
	h := &v1{}
	for _, v := range append([]any{big, small, big}, docs...) {
		w := httptest.NewRecorder()
		c, _ := gin.CreateTestContext(w)
		h.respond(c, v, nil)
		want, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(string(want), w.Body.String()); diff != "" {
			t.Errorf("body differs from encoding/json (-want +got):\n%s", diff)
		}
		if got := w.Header().Get("Content-Length"); got == "" {
			t.Error("no Content-Length")
		}
	}
}
