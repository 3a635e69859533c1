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
		Speakers: []queries.EntityRef{{ID: "person:a", Name: "A <b>", Type: "Person"}},
	}}}
	small := map[string]any{"items": []string{"<&>"}, "n": 1.5}
	h := &v1{}
	for _, v := range []any{big, small, big} {
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
