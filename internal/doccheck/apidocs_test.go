package doccheck

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestAPIDocsListEveryPath: api/openapi.json is the one description of the
// HTTP API (api's TestOpenAPIRoutesMatchSpec holds the routes to it), and
// docs/api.md's endpoint table has a row for every operation under /api/v1
// ("| `GET /entities/{id}…"); the operations outside it (/healthz, /readyz,
// /metrics) are named in the text.
func TestAPIDocsListEveryPath(t *testing.T) {
	root := repoRoot(t)
	b, err := os.ReadFile(filepath.Join(root, "api", "openapi.json"))
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(b, &spec); err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile(filepath.Join(root, "docs", "api.md"))
	if err != nil {
		t.Fatal(err)
	}
	var rows []string
	for line := range strings.Lines(string(doc)) {
		if strings.HasPrefix(line, "| `") {
			rows = append(rows, line)
		}
	}
	methods := []string{"get", "post", "put", "patch", "delete"}
	n := 0
	for path, ops := range spec.Paths {
		for m := range ops {
			if !slices.Contains(methods, m) {
				continue
			}
			n++
			op := strings.ToUpper(m)
			rel, inV1 := strings.CutPrefix(path, "/api/v1")
			if !inV1 {
				if !strings.Contains(string(doc), "`"+path+"`") && !strings.Contains(string(doc), "`"+op+" "+path+"`") {
					t.Errorf("docs/api.md does not name %s %s", op, path)
				}
				continue
			}
			found := slices.ContainsFunc(rows, func(r string) bool {
				rest, ok := strings.CutPrefix(r, "| `"+op+" "+rel)
				return ok && (strings.HasPrefix(rest, "`") || strings.HasPrefix(rest, "?"))
			})
			if !found {
				t.Errorf("docs/api.md's endpoint table has no row for %s %s (api/openapi.json)", op, rel)
			}
		}
	}
	if n < 20 {
		t.Errorf("only %d operations in api/openapi.json", n)
	}
}
