package source

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNULTextRefusedEverywhere: a text holding a NUL byte is refused
// whether the NUL is a raw byte of a file or decoded from a JSON "\u0000",
// from a file, a JSONL line or standard input (POST /documents reads its
// body as JSON on stdin), so that every way in accepts the same articles.
func TestNULTextRefusedEverywhere(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"raw.txt":      "Anna said hello.\x00 More.",
		"escaped.json": `{"text": "Anna said hello.\u0000 More."}`,
		"control.json": `{"text": "` + strings.Repeat(`\u0001`, 20) + `Anna said."}`,
		"lines.jsonl":  `{"text": "fine text"}` + "\n" + `{"text": "Anna\u0000said"}` + "\n",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	read := func(paths []string, opts Options) (ok int, errs []error) {
		for _, err := range Documents(context.Background(), paths, opts) {
			if err != nil {
				errs = append(errs, err)
			} else {
				ok++
			}
		}
		return ok, errs
	}
	for name := range files {
		ok, errs := read([]string{filepath.Join(dir, name)}, Options{})
		want := 0
		if name == "lines.jsonl" {
			want = 1 // the good line
		}
		if ok != want || len(errs) != 1 {
			t.Errorf("%s: %d documents, errors %v", name, ok, errs)
			continue
		}
		if !errors.Is(errs[0], ErrBinary) && !errors.Is(errs[0], ErrBinaryText) {
			t.Errorf("%s: %v, want a binary error", name, errs[0])
		}
	}
	ok, errs := read([]string{"-"}, Options{Stdin: strings.NewReader(files["escaped.json"]), StdinFormat: "json"})
	if ok != 0 || len(errs) != 1 || !errors.Is(errs[0], ErrBinaryText) {
		t.Errorf("stdin: %d documents, errors %v", ok, errs)
	}
	// Tabs, newlines and the odd control character stay fine.
	ok, errs = read([]string{"-"}, Options{Stdin: strings.NewReader(`{"text": "Anna said:\t\"yes\".\nBob \u0007 agreed."}`), StdinFormat: "json"})
	if ok != 1 || len(errs) != 0 {
		t.Errorf("plain text refused: %v", errs)
	}
}
