package source

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// A JSON article names its authors as a list or as one string, and its
// outlet as "source" or "outlet"; a bad authors value names the problem.
func TestJSONAuthorsAndOutlet(t *testing.T) {
	tests := []struct {
		name, in    string
		authors     []string
		outlet, err string
	}{
		{"list", `{"text": "x", "authors": ["Jo Park", "Ann Lee"], "outlet": "The Ledger", "language": "en-GB", "modified": "2024-05-02T10:00:00Z"}`, []string{"Jo Park", "Ann Lee"}, "The Ledger", ""},
		{"one string", `{"text": "x", "author": "Jo Park; Ann Lee", "source": "Wire"}`, []string{"Jo Park", "Ann Lee"}, "Wire", ""},
		{"source wins", `{"text": "x", "source": "Wire", "outlet": "Other"}`, nil, "Wire", ""},
		{"bad authors", `{"text": "x", "authors": 3}`, nil, "", "authors: want a string or an array of strings"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, []string{"-"}, Options{Stdin: strings.NewReader(tt.in), StdinFormat: "json"})
			if tt.err != "" {
				if len(r.Errors) == 0 || !strings.Contains(r.Errors[0], tt.err) {
					t.Fatalf("errors %q, want one containing %q", r.Errors, tt.err)
				}
				return
			}
			if len(r.Docs) != 1 {
				t.Fatalf("got %d documents (errors %q)", len(r.Docs), r.Errors)
			}
			d := r.Docs[0]
			if diff := cmp.Diff(tt.authors, d.Authors); diff != "" {
				t.Errorf("authors (-want +got):\n%s", diff)
			}
			if d.Source != tt.outlet {
				t.Errorf("outlet %q, want %q", d.Source, tt.outlet)
			}
			if tt.name == "list" && (d.Language != "en-GB" || d.Modified != "2024-05-02") {
				t.Errorf("language %q, modified %q; want en-GB, 2024-05-02", d.Language, d.Modified)
			}
		})
	}
}
