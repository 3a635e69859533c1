// Package extract finds who said what in one document's text: statements
// (direct, indirect, mixed), their speakers and cues, and the people,
// organisations and places they involve, with byte offsets into the text.
package extract

import "github.com/whosaid/whosaid/graph"

// Version identifies the extraction rules; it is recorded on every ingested
// document so that re-extraction can be detected.
const Version = "0.1.0"

// Options tune the extractor.
type Options struct{}

// Extractor is safe for concurrent use.
type Extractor struct{ opts Options }

// New returns an Extractor.
func New(opts Options) *Extractor { return &Extractor{opts: opts} }

// Extract analyses doc.Text. doc.ID must already be set.
func (x *Extractor) Extract(doc graph.Document) graph.Extraction {
	return graph.Extraction{Document: doc}
}
