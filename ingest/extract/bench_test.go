package extract

import (
	"bufio"
	"encoding/json"
	"os"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

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
	runtime.GC()
	cpu0 := cpuTime()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			x.Extract(graph.Document{ID: "sha256:bench", Text: t})
		}
	}
	b.StopTimer()
	secs := b.Elapsed().Seconds()
	b.ReportMetric(float64(words*b.N)/secs, "words/s")
	// per CPU second (GC included): steadier than the wall time on a
	// shared machine; with -cpu 1 the two agree when the core is free
	b.ReportMetric(float64(words*b.N)/(cpuTime()-cpu0).Seconds(), "cpu-words/s")
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

// linearUnit is one unit of the text BenchmarkLinear repeats: an unresolved
// description and a pronoun, in one paragraph without blank lines (a
// transcript, a PDF's text). Before the salience index every pronoun
// searched all earlier sentences and mentions, which made this quadratic.
const linearUnit = `The minister said the plan would work. "We are ready," she said. `

// linearVaried cycles through named speakers, surnames, descriptions and
// pronouns, so that entities accumulate many mentions and aliases.
var linearVaried = []string{
	`Prime Minister Ana Costa said the plan would work. `,
	`"We are ready," she said. `,
	`Costa added that the talks in Lisbon would resume on Tuesday. `,
	`The European Commission said it was studying the proposal. `,
	`Opposition leader Rui Matos told reporters the budget was "a fiction." `,
	`"Nobody believes these numbers," he said. `,
	`The official said the figures were final. `,
	`According to Matos, the vote will be close. `,
	`Justice Lena Park, 54, ruled on Monday. "The law is clear," the 54-year-old said. `,
	`German Jonas Weber lost. "I was tired," said the German. `,
	`The judge rejected the appeal, noting that the deadline had passed. `,
}

// repeatText repeats units in order until the text has at least n bytes.
func repeatText(units []string, n int) string {
	var b strings.Builder
	b.Grow(n + 256)
	for i := 0; b.Len() < n; i++ {
		b.WriteString(units[i%len(units)])
	}
	return b.String()
}

// BenchmarkLinear extracts one-paragraph documents of 0.1, 1, 4 and 16 MB
// and reports the time per MB of each: extraction must be linear in the
// document's size, so ns/MB should not grow with it (bench/linear/run.sh
// prints the ratio of the largest to the smallest).
func BenchmarkLinear(b *testing.B) {
	x := New(Options{Gazetteer: loadGazetteer(b)})
	for _, v := range []struct {
		name  string
		units []string
	}{{"repeated", []string{linearUnit}}, {"varied", linearVaried}} {
		for _, size := range []struct {
			name string
			n    int
		}{{"0.1MB", 100_000}, {"1MB", 1_000_000}, {"4MB", 4_000_000}, {"16MB", 16_000_000}} {
			text := repeatText(v.units, size.n)
			b.Run(v.name+"/"+size.name, func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				runtime.GC()
				cpu0 := cpuTime()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					x.Extract(graph.Document{ID: "sha256:linear", Text: text})
				}
				b.StopTimer()
				mb := float64(len(text)) / 1e6 * float64(b.N)
				b.ReportMetric(b.Elapsed().Seconds()*1e9/mb, "ns/MB")
				// the process's CPU time (GC included): on a shared
				// machine it moves less than the wall time
				b.ReportMetric(float64(cpuTime()-cpu0)/mb, "cpu-ns/MB")
			})
		}
	}
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
