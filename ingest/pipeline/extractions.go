package pipeline

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"os"

	"github.com/whosaid/whosaid/graph"
)

// ReadExtractions streams extractions from JSONL files in the format of
// "whosaid extract --format jsonl --include-text" (one graph.Extraction per
// line); "-" reads stdin. A line that does not parse, or whose document has
// no text, is yielded as an error naming file and line, and reading goes on.
// Lines longer than maxLine bytes are errors (maxLine <= 0: 64 MiB).
func ReadExtractions(ctx context.Context, paths []string, stdin io.Reader, maxLine int) iter.Seq2[graph.Extraction, error] {
	if maxLine <= 0 {
		maxLine = 64 << 20
	}
	return func(yield func(graph.Extraction, error) bool) {
		for _, p := range paths {
			if ctx.Err() != nil {
				yield(graph.Extraction{}, ctx.Err())
				return
			}
			var r io.Reader
			if p == "-" {
				if stdin == nil {
					if !yield(graph.Extraction{}, fmt.Errorf("-: no standard input")) {
						return
					}
					continue
				}
				r = stdin
			} else {
				f, err := os.Open(p)
				if err != nil {
					if !yield(graph.Extraction{}, err) {
						return
					}
					continue
				}
				ok := readExtractionLines(ctx, p, f, maxLine, yield)
				f.Close()
				if !ok {
					return
				}
				continue
			}
			if !readExtractionLines(ctx, p, r, maxLine, yield) {
				return
			}
		}
	}
}

func readExtractionLines(ctx context.Context, name string, r io.Reader, maxLine int, yield func(graph.Extraction, error) bool) bool {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), maxLine)
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		if ctx.Err() != nil {
			yield(graph.Extraction{}, ctx.Err())
			return false
		}
		var ext graph.Extraction
		err := json.Unmarshal(b, &ext)
		if err == nil && ext.Document.Text == "" {
			err = fmt.Errorf("document has no text (extract with --include-text)")
		}
		if err != nil {
			if !yield(ext, graph.Errorf(graph.EINVALID, "%s:%d: %v", name, line, err)) {
				return false
			}
			continue
		}
		if !yield(ext, nil) {
			return false
		}
	}
	if err := sc.Err(); err != nil {
		return yield(graph.Extraction{}, fmt.Errorf("%s: after line %d: %w", name, line, err))
	}
	return true
}
