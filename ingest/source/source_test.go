package source

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/whosaid/whosaid/graph"
)

var update = flag.Bool("update", false, "rewrite testdata/golden files")

// result is what one Documents run yields, in a form that diffs well.
type result struct {
	Docs     []graph.Document `json:"docs,omitempty"`
	Errors   []string         `json:"errors,omitempty"`
	Warnings []string         `json:"warnings,omitempty"`
}

func run(t *testing.T, paths []string, opts Options) result {
	t.Helper()
	var r result
	opts.Warn = func(err error) { r.Warnings = append(r.Warnings, err.Error()) }
	for d, err := range Documents(context.Background(), paths, opts) {
		if err != nil {
			var fe *Error
			if !errors.As(err, &fe) {
				t.Errorf("error %v is not a *source.Error", err)
			}
			if graph.ErrorCode(err) == graph.EINTERNAL && !errors.Is(err, os.ErrNotExist) {
				t.Errorf("error %v has no domain code", err)
			}
			r.Errors = append(r.Errors, err.Error())
			continue
		}
		if d.ID != ID(d.Text) {
			t.Errorf("%s: ID %s is not the hash of the text", d.Path, d.ID)
		}
		r.Docs = append(r.Docs, d)
	}
	return r
}

// TestFormats reads every fixture and compares documents, errors and
// warnings with testdata/golden/<name>.json (go test -update rewrites).
func TestFormats(t *testing.T) {
	tests := []struct {
		name  string
		paths []string
		opts  Options
	}{
		{"txt", []string{"testdata/crlf.txt"}, Options{}},
		{"bom", []string{"testdata/bom.txt"}, Options{}},
		{"utf16", []string{"testdata/utf16.txt"}, Options{}},
		{"unbalanced-quotes", []string{"testdata/unbalanced.txt"}, Options{}},
		{"md-front-matter", []string{"testdata/article.md"}, Options{}},
		{"md-plain", []string{"testdata/plain.md"}, Options{}},
		{"md-loose-front-matter", []string{"testdata/loose.md"}, Options{}},
		{"txt-front-matter", []string{"testdata/front.txt"}, Options{}},
		{"txt-rule-line", []string{"testdata/rule.txt"}, Options{}},
		{"txt-headline", []string{"testdata/headline.txt"}, Options{}},
		{"html", []string{"testdata/article.html"}, Options{}},
		{"json-object", []string{"testdata/one.json"}, Options{}},
		{"json-array", []string{"testdata/many.json"}, Options{}},
		{"json-no-text", []string{"testdata/notext.json"}, Options{}},
		{"jsonl", []string{"testdata/articles.jsonl"}, Options{}},
		{"invalid-utf8-repaired", []string{"testdata/latin1.txt"}, Options{}},
		{"invalid-utf8-rejected", []string{"testdata/latin1.txt"}, Options{RejectInvalidUTF8: true}},
		{"empty", []string{"testdata/empty.txt", "testdata/blank.txt"}, Options{}},
		{"binary", []string{"testdata/binary.txt"}, Options{}},
		{"too-large", []string{"testdata/article.html", "testdata/crlf.txt"}, Options{MaxFileSize: 100}},
		{"jsonl-long-line", []string{"testdata/longline.jsonl"}, Options{MaxFileSize: 100}},
		{"missing", []string{"testdata/nope.txt", "testdata/crlf.txt"}, Options{}},
		{"directory", []string{"testdata/tree"}, Options{}},
		{"overrides", []string{"testdata/article.md"}, Options{Title: "T", URL: "https://x.test/", Published: "30.03.2022", Source: "S"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := run(t, tt.paths, tt.opts)
			golden := filepath.Join("testdata", "golden", tt.name+".json")
			if *update {
				b, _ := json.MarshalIndent(got, "", "  ")
				os.MkdirAll(filepath.Dir(golden), 0o755)
				if err := os.WriteFile(golden, append(b, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			b, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			var want result
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestStdin(t *testing.T) {
	tests := []struct {
		name, in, format string
		wantTexts        []string
		wantErrs         int
	}{
		{"txt", "Plain text from stdin.", "", []string{"Plain text from stdin."}, 0},
		{"jsonl sniffed", "{\"text\": \"one\"}\n{\"text\": \"two\"}\n", "", []string{"one", "two"}, 0},
		{"json sniffed", "{\n  \"text\": \"pretty\"\n}\n", "", []string{"pretty"}, 0},
		{"html sniffed", "<!doctype html><p>Hello from HTML.</p>", "", []string{"Hello from HTML."}, 0},
		{"md forced", "---\ntitle: x\n---\nBody.", "md", []string{"Body."}, 0},
		{"jsonl bad line", "{\"text\": \"ok\"}\n{\"nope\": 1}\n", "jsonl", []string{"ok"}, 1},
		{"empty", "", "", nil, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, []string{"-"}, Options{Stdin: strings.NewReader(tt.in), StdinFormat: tt.format})
			var texts []string
			for _, d := range r.Docs {
				texts = append(texts, d.Text)
				if !strings.HasPrefix(d.Path, "-") {
					t.Errorf("path %q, want -", d.Path)
				}
			}
			if diff := cmp.Diff(tt.wantTexts, texts); diff != "" {
				t.Errorf("texts (-want +got):\n%s", diff)
			}
			if len(r.Errors) != tt.wantErrs {
				t.Errorf("errors = %q, want %d", r.Errors, tt.wantErrs)
			}
		})
	}
}

func TestStopEarly(t *testing.T) {
	n := 0
	for range Documents(context.Background(), []string{"testdata/tree"}, Options{}) {
		n++
		break
	}
	if n != 1 {
		t.Fatalf("got %d", n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, err := range Documents(ctx, []string{"testdata/tree"}, Options{}) {
		if !errors.Is(err, context.Canceled) {
			t.Errorf("got %v, want context.Canceled", err)
		}
	}
}

func TestNormaliseDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2022-03-29", "2022-03-29"},
		{"2022-03-29T14:05:00+03:00", "2022-03-29"},
		{"2022-03-29T23:30:00-05:00", "2022-03-29"},
		{"2022-03-29T10:00:00Z", "2022-03-29"},
		{"2022-03-29T10:00:00.123Z", "2022-03-29"},
		{"2022-03-29 10:00:00", "2022-03-29"},
		{"2022/03/29", "2022-03-29"},
		{"20220329", "2022-03-29"},
		{"Tue, 29 Mar 2022 10:00:00 GMT", "2022-03-29"},
		{"Tue, 29 Mar 2022 10:00:00 +0000", "2022-03-29"},
		{"March 29, 2022", "2022-03-29"},
		{"Mar. 29, 2022", "2022-03-29"},
		{"Mar 29th, 2022", "2022-03-29"},
		{"29 March 2022", "2022-03-29"},
		{"29th March 2022", "2022-03-29"},
		{"Tuesday, March 29, 2022", "2022-03-29"},
		{"Sept. 5, 2021", "2021-09-05"},
		{"Updated 10:32 AM EDT, Tue March 29, 2022", "2022-03-29"},
		{"29/03/2022", "2022-03-29"},
		{"03/29/2022", "2022-03-29"},
		{"30.03.2022", "2022-03-30"},
		{"1648548000", "2022-03-29"},
		{"1648548000000", "2022-03-29"},
		{"03/04/2022", ""}, // ambiguous
		{"2022-02-30", ""},
		{"someday", ""},
		{"", ""},
		{"0001-01-01", ""},
	}
	for _, tt := range tests {
		got, ok := NormaliseDate(tt.in)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("NormaliseDate(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

func TestSniff(t *testing.T) {
	tests := map[string]string{
		"Hello":                       "txt",
		"  {\"text\":\"a\"}\n":        "jsonl",
		"{\"text\":\"a\"}\n{\"t\":1}": "jsonl",
		"{\n \"text\": \"a\"\n}":      "json",
		"[{\"text\":\"a\"}]":          "json",
		"<!DOCTYPE html><html>":       "html",
		"<p>Hi</p>":                   "html",
		"---\ntitle: x\n---\n":        "md",
		"\xef\xbb\xbfPlain":           "txt",
	}
	for in, want := range tests {
		if got := Sniff([]byte(in)); got != want {
			t.Errorf("Sniff(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzHTML(f *testing.F) {
	b, _ := os.ReadFile("testdata/article.html")
	f.Add(string(b))
	f.Add("<p>a<br>b</p><script>x</script>")
	f.Fuzz(func(t *testing.T, s string) {
		d, err := parseHTML(s)
		if err == nil && strings.Contains(d.Text, "\n\n\n") {
			t.Errorf("text has empty paragraphs: %q", d.Text)
		}
	})
}

// TestJSONLHugeLine checks the per-line limit with a line longer than the
// read buffer: it is skipped, and the lines around it are read.
func TestJSONLHugeLine(t *testing.T) {
	p := filepath.Join(t.TempDir(), "big.jsonl")
	body := `{"text": "before"}` + "\n" + `{"text": "` + strings.Repeat("x", 200<<10) + `"}` + "\n" + `{"text": "after"}`
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	r := run(t, []string{p}, Options{MaxFileSize: 1000})
	var texts []string
	for _, d := range r.Docs {
		texts = append(texts, d.Text)
	}
	if diff := cmp.Diff([]string{"before", "after"}, texts); diff != "" {
		t.Errorf("texts (-want +got):\n%s", diff)
	}
	if len(r.Errors) != 1 || !strings.Contains(r.Errors[0], ":2 ") {
		t.Errorf("errors = %q, want one for line 2", r.Errors)
	}
}

// TestVerbatim: text files and JSON texts come out byte for byte, so the
// extractor's offsets are offsets into the file too.
func TestVerbatim(t *testing.T) {
	for _, f := range []string{"testdata/crlf.txt", "testdata/bom.txt", "testdata/unbalanced.txt"} {
		want, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		r := run(t, []string{f}, Options{})
		if len(r.Docs) != 1 || r.Docs[0].Text != string(want) {
			t.Errorf("%s: text differs from the file: %+v", f, r)
		}
	}
	r := run(t, []string{"-"}, Options{Stdin: strings.NewReader(`{"text": "a\r\nb  \n"}`), StdinFormat: "json"})
	if len(r.Docs) != 1 || r.Docs[0].Text != "a\r\nb  \n" {
		t.Errorf("json text changed: %+v", r)
	}
}
