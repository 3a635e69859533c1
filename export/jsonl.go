package export

import (
	"bufio"
	"encoding/json"
	"io"
)

// jsonlWriter writes one object per line: {"kind":"node",...} for every
// node, then {"kind":"edge",...} for every edge.
type jsonlWriter struct {
	w   *bufio.Writer
	enc *json.Encoder
}

func newJSONLWriter(w io.Writer) *jsonlWriter {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return &jsonlWriter{w: bw, enc: enc}
}

type jsonlNode struct {
	Kind string `json:"kind"`
	Node
}

type jsonlEdge struct {
	Kind string `json:"kind"`
	Edge
}

func (j *jsonlWriter) WriteNode(n Node) error { return j.enc.Encode(jsonlNode{"node", n}) }
func (j *jsonlWriter) WriteEdge(e Edge) error { return j.enc.Encode(jsonlEdge{"edge", e}) }
func (j *jsonlWriter) Close() error           { return j.w.Flush() }
