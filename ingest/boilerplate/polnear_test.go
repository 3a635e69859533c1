package boilerplate

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// polnearPath is the PolNeAR training split, read in place (never copied
// into the project). Tests that need it skip when it is absent.
var polnearPath = filepath.Join("..", "..", "..", "shared", "eval", "polnear", "train.jsonl")

type polnearDoc struct {
	Text         string `json:"text"`
	Attributions []struct {
		Source  []struct{ Start, End int } `json:"source"`
		Cue     []struct{ Start, End int } `json:"cue"`
		Content []struct{ Start, End int } `json:"content"`
	} `json:"attributions"`
}

func polnearDocs(tb testing.TB) []polnearDoc {
	tb.Helper()
	f, err := os.Open(polnearPath)
	if err != nil {
		tb.Skipf("PolNeAR not available: %v", err)
	}
	defer f.Close()
	var docs []polnearDoc
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	for sc.Scan() {
		var d polnearDoc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			tb.Fatal(err)
		}
		docs = append(docs, d)
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return docs
}

// TestPolNeARFalsePositives runs Find over PolNeAR train (news articles,
// some with site furniture left in by the scraper). A flagged paragraph
// that holds an annotated attribution (a source, cue or content) is a
// false positive: there must be none. The other flagged paragraphs are
// logged with -v for review; at the time of writing all of them were real
// site furniture ("Subscribe to … podcast", "Like the page:").
func TestPolNeARFalsePositives(t *testing.T) {
	docs := polnearDocs(t)
	paragraphs, flagged, wrong := 0, 0, 0
	for _, d := range docs {
		paragraphs += len(split(d.Text))
		// PolNeAR offsets count code points; Find's count bytes.
		runeAt := make([]int, 0, len(d.Text)+1)
		for i := range d.Text {
			runeAt = append(runeAt, i)
		}
		runeAt = append(runeAt, len(d.Text))
		byteOff := func(r int) int {
			if r < 0 {
				return 0
			}
			if r >= len(runeAt) {
				return len(d.Text)
			}
			return runeAt[r]
		}
		for _, s := range Find(d.Text) {
			for _, b := range split(s.Text) {
				flagged++
				start, end := s.Start+b.start, s.Start+b.end
				hit := false
				for _, a := range d.Attributions {
					for _, group := range [][]struct{ Start, End int }{a.Source, a.Cue, a.Content} {
						for _, sp := range group {
							if byteOff(sp.Start) < end && byteOff(sp.End) > start {
								hit = true
							}
						}
					}
				}
				if hit {
					wrong++
					t.Errorf("flagged a paragraph with an attribution: %.200q", d.Text[start:end])
				} else if testing.Verbose() {
					t.Logf("flagged: %.120q", d.Text[start:end])
				}
			}
		}
	}
	t.Logf("PolNeAR train: %d of %d paragraphs flagged, %d of them with attributions", flagged, paragraphs, wrong)
}

func BenchmarkFind(b *testing.B) {
	docs := polnearDocs(b)
	var n int64
	for _, d := range docs {
		n += int64(len(d.Text))
	}
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			Find(d.Text)
		}
	}
}
