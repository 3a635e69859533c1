package extract

import (
	"os"
	"strings"
	"testing"

	"github.com/whosaid/whosaid/graph"
)

var fuzzSeeds = []string{
	"",
	"“",
	"''",
	"'''",
	"\"\"\"",
	"He said.",
	"“Yes,” she said. “No.”",
	"“Open\n\n“still open\n\nclosed,” he said",
	"Mr. U.S. Gen. J. R. Smith said on Jan. 5 that 3.5 percent—“maybe”—was enough.",
	"According to , ,, said said said “",
	"A, B, C and D warned against it, according to E.",
	"\xff\xfe invalid \xc3 utf8 “said”",
	"Sanders's claim to",
	"his claim that",
	"Asked by",
	"Asked whether, “…” asked by",
	"The voters’ ‘choice’ wasn’t Smiths’.",
}

func addSeeds(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	if b, err := os.ReadFile("../../examples/istanbul-talks-2022-03-29.txt"); err == nil {
		f.Add(string(b))
	}
}

func checkSpans(t *testing.T, text string, spans []graph.Span) {
	t.Helper()
	for _, s := range spans {
		if s.Start < 0 || s.End > len(text) || s.Start > s.End || text[s.Start:s.End] != s.Text {
			t.Fatalf("bad span [%d,%d) %q", s.Start, s.End, s.Text)
		}
	}
}

func FuzzSegment(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, text string) {
		spans := Sentences(text)
		checkSpans(t, text, spans)
		for i := 1; i < len(spans); i++ {
			if spans[i].Start < spans[i-1].End {
				t.Fatalf("sentences overlap: %+v %+v", spans[i-1], spans[i])
			}
		}
	})
}

func FuzzQuotes(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, text string) {
		checkSpans(t, text, Quotes(text))
	})
}

func FuzzExtract(f *testing.F) {
	addSeeds(f)
	x := New(Options{})
	f.Fuzz(func(t *testing.T, text string) {
		ex := x.Extract(graph.Document{ID: "sha256:fuzz", Text: text})
		checkOffsets(t, text, ex)
	})
}

// TestPathological feeds long degenerate inputs (one endless sentence,
// thousands of cues or quote marks): extraction must stay linear, which
// the test run's timeout would expose; timings are not asserted.
func TestPathological(t *testing.T) {
	x := New(Options{})
	for name, text := range map[string]string{
		"nested said": strings.Repeat("He said that she said that they said ", 5000),
		"open quotes": strings.Repeat("“a ", 20000),
		"appositions": strings.Repeat("Smith, a b, ", 20000),
		"names":       strings.Repeat("John Smith said ", 20000),
		"according":   strings.Repeat("according to X, ", 10000),
	} {
		t.Run(name, func(t *testing.T) {
			checkOffsets(t, text, x.Extract(graph.Document{ID: "sha256:p", Text: text}))
		})
	}
}
