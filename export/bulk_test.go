package export_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/whosaid/whosaid/export"
)

// TestBulkCSVFields: a present empty string is a quoted "", an absent
// value an empty field, quotes are doubled, lists joined by U+001F, and a
// property the writer does not know is an error.
func TestBulkCSVFields(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "csv")
	b, err := export.NewBulkCSV(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Relationship("SAID", "person:a", "stmt:1", map[string]any{
		"resolved_from": "", "text": `Ana "the boss"`, "start": int64(3), "end": int64(9), "key": "k", "kind": nil,
	}); err != nil {
		t.Fatal(err)
	}
	if err := b.Node("person:a", []string{"Entity", "Person"}, map[string]any{
		"name": "Ana", "aliases": []any{"A.", "Ana L."}, "implied": false, "documents": int64(2),
	}); err != nil {
		t.Fatal(err)
	}
	if err := b.Node("person:b", []string{"Entity", "Person"}, map[string]any{"nickname": "x"}); err == nil || !strings.Contains(err.Error(), "nickname") {
		t.Errorf("unknown property: %v", err)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		file string
		want []string
		raw  string
	}{
		{"relationships-SAID.csv", []string{"person:a", "stmt:1", "SAID", "9", "k", "", "", "3", `Ana "the boss"`},
			`"person:a","stmt:1","SAID","9","k",,"","3","Ana ""the boss"""`},
		{"nodes-Entity.csv", []string{"person:a", "Entity\x1fPerson", "", "A.\x1fAna L.", "2", "", "false", "", "Ana", "", ""},
			"\"person:a\",\"Entity\x1fPerson\",,\"A.\x1fAna L.\",\"2\",,\"false\",,\"Ana\",,"},
	} {
		raw, err := os.ReadFile(filepath.Join(dir, tc.file))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
		if len(lines) != 2 || lines[1] != tc.raw {
			t.Errorf("%s:\n%s\nwant row %s", tc.file, raw, tc.raw)
			continue
		}
		rows, err := csv.NewReader(strings.NewReader(string(raw))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(tc.want, rows[1]); d != "" {
			t.Errorf("%s row (-want +got):\n%s", tc.file, d)
		}
	}
	if _, err := export.NewBulkCSV(dir); err == nil {
		t.Error("a directory with CSV files was accepted")
	}
}
