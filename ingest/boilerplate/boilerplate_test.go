package boilerplate

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the .golden files in testdata")

const sep = "\n-----\n"

// TestFixtures compares Find on each testdata/*.txt with the flagged texts
// in the matching .golden file (spans separated by a line of dashes; an
// empty file means nothing is boilerplate).
func TestFixtures(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			text := string(b)
			var got []string
			for _, s := range Find(text) {
				if s.Text != text[s.Start:s.End] {
					t.Errorf("span %d-%d: Text does not match the document", s.Start, s.End)
				}
				got = append(got, s.Text)
			}
			golden := strings.TrimSuffix(f, ".txt") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(strings.Join(got, sep)), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			w, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			if len(w) > 0 {
				want = strings.Split(string(w), sep)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Find mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSample checks the bundled example article: its closing donation
// appeal is found whole, from its first headline to the end, and nothing
// before it is flagged.
func TestSample(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "examples", "istanbul-talks-2022-03-29.txt"))
	if err != nil {
		t.Skip(err)
	}
	text := strings.TrimRight(string(b), "\n")
	spans := Find(text)
	if len(spans) != 1 {
		t.Fatalf("got %d spans, want 1: %+v", len(spans), spans)
	}
	s := spans[0]
	if s.End != len(text) {
		t.Errorf("appeal ends at %d, want the end of the text (%d)", s.End, len(text))
	}
	// The appeal starts right after the last news paragraph, the one
	// attributing to the White House.
	before := strings.TrimSpace(text[:s.Start])
	if !strings.HasSuffix(before, "according to the White House.") {
		t.Errorf("appeal starts at %d; text before it ends %q", s.Start, before[max(0, len(before)-80):])
	}
	for _, w := range []string{"donate", "Thank you", "Journalism"} {
		if !strings.Contains(s.Text, w) {
			t.Errorf("appeal span lacks %q", w)
		}
	}
}

func TestEdgeCases(t *testing.T) {
	for _, text := range []string{"", "\n\n", "   ", "Donate", "a\r\nb", "“unbalanced"} {
		for _, s := range Find(text) {
			if s.Start < 0 || s.End > len(text) || s.Start > s.End || s.Text != text[s.Start:s.End] {
				t.Errorf("Find(%q): bad span %+v", text, s)
			}
		}
	}
}

func FuzzFind(f *testing.F) {
	f.Add("News.\n\nSupport us: donate today!\n")
	f.Add("“We”\n\nSubscribe")
	f.Fuzz(func(t *testing.T, text string) {
		last := 0
		for _, s := range Find(text) {
			if s.Start < last || s.End > len(text) || s.Start >= s.End || s.Text != text[s.Start:s.End] {
				t.Fatalf("bad span %+v in %q", s, text)
			}
			last = s.End
		}
	})
}
