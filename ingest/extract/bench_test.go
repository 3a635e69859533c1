package extract

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/whosaid/whosaid/graph"
)

// polnearTexts reads the texts of a PolNeAR split (train, dev) from the
// shared evaluation folder beside the repository; the texts are never
// copied into it. It skips the test or benchmark when they are absent.
func polnearTexts(tb testing.TB, split string) []string {
	tb.Helper()
	f, err := os.Open("../../../shared/eval/polnear/" + split + ".jsonl")
	if err != nil {
		tb.Skip("PolNeAR not available:", err)
	}
	defer f.Close()
	var texts []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var d struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			tb.Fatal(err)
		}
		texts = append(texts, d.Text)
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return texts
}

// BenchmarkExtract runs the extractor over all PolNeAR train articles
// (≈625k words) per iteration and reports words per second and
// allocations per document. Run with -cpu 1 for the per-core figure.
func BenchmarkExtract(b *testing.B) {
	texts := polnearTexts(b, "train")
	words := 0
	for _, t := range texts {
		words += len(strings.Fields(t))
	}
	var places Places
	if g := loadGazetteer(b); g != nil {
		places = g
	}
	x := New(Options{Gazetteer: places})
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			x.Extract(graph.Document{ID: "sha256:bench", Text: t})
		}
	}
	b.StopTimer()
	secs := b.Elapsed().Seconds()
	b.ReportMetric(float64(words*b.N)/secs, "words/s")
	b.ReportMetric(float64(len(texts)), "docs/op")
}

// BenchmarkExtractAllocs reports allocations per document.
func BenchmarkExtractAllocs(b *testing.B) {
	texts := polnearTexts(b, "train")
	x := New(Options{Gazetteer: loadGazetteer(b)})
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		x.Extract(graph.Document{ID: "sha256:bench", Text: texts[i%len(texts)]})
	}
}

// TestPolNeARTexts runs every PolNeAR text (train and dev, when present)
// through Extract and checks the offset contract: real articles reach code
// paths that short fixtures do not.
func TestPolNeARTexts(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	x := New(Options{Gazetteer: loadGazetteer(t)})
	n := 0
	for _, split := range []string{"train", "dev"} {
		for _, text := range polnearTexts(t, split) {
			checkOffsets(t, text, x.Extract(graph.Document{ID: "sha256:polnear", Text: text}))
			n++
		}
	}
	t.Logf("%d texts", n)
}
