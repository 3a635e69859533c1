package export

import (
	"bufio"
	"io"
	"strconv"
	"strings"
)

// gonum's graph/encoding/dot marshals a whole in-memory graph.Graph, which
// an export that streams cannot build, so the writer emits DOT itself. Every
// ID and value is a double-quoted string (the one DOT form that needs no
// keyword or syntax checks); quoteDOT escapes what a quoted string needs.
type dotWriter struct {
	w   *bufio.Writer
	err error
}

// Colours per entity type, picked for contrast on white in Graphviz output.
var dotColours = map[string]string{"Person": "#1f77b4", "Organisation": "#d62728", "Place": "#2ca02c"}

func newDOTWriter(w io.Writer, meta Meta) (*dotWriter, error) {
	d := &dotWriter{w: bufio.NewWriterSize(w, 64<<10)}
	if meta.Description != "" {
		d.s("// " + strings.ReplaceAll(meta.Description, "\n", " ") + "\n")
	}
	d.s("digraph whosaid {\n  node [shape=ellipse, fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=9];\n")
	return d, d.err
}

func (d *dotWriter) s(s string) {
	if d.err == nil {
		_, d.err = d.w.WriteString(s)
	}
}

var dotEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", "")

func quoteDOT(s string) string { return `"` + dotEscaper.Replace(s) + `"` }

func (d *dotWriter) kv(first bool, k, v string) {
	if v == "" {
		return
	}
	if !first {
		d.s(", ")
	}
	d.s(k + "=" + quoteDOT(v))
}

func (d *dotWriter) WriteNode(n Node) error {
	d.s("  " + quoteDOT(n.ID) + " [")
	if n.Type == QuoteType {
		d.s("label=" + quoteDOT(n.Name))
		d.kv(false, "type", n.Type)
		d.kv(false, "text", n.Text)
		d.kv(false, "reports", strconv.FormatInt(n.Reports, 10))
		d.kv(false, "outlets", strconv.FormatInt(n.Outlets, 10))
		d.kv(false, "first_reported", n.FirstReported)
		d.s(`, shape="box", color="#7f7f7f"];` + "\n")
		return d.err
	}
	d.kv(true, "label", n.Name)
	d.kv(false, "type", n.Type)
	d.kv(false, "aliases", joinList(n.Aliases))
	d.kv(false, "statements", strconv.FormatInt(n.Statements, 10))
	d.kv(false, "mentions", strconv.FormatInt(n.Mentions, 10))
	d.kv(false, "first_seen", n.FirstSeen)
	d.kv(false, "last_seen", n.LastSeen)
	d.kv(false, "color", dotColours[n.Type])
	d.s("];\n")
	return d.err
}

func (d *dotWriter) WriteEdge(e Edge) error {
	d.s("  " + quoteDOT(e.Source) + " -> " + quoteDOT(e.Target) + " [")
	d.kv(true, "id", e.ID)
	d.kv(false, "type", e.Type)
	d.kv(false, "weight", strconv.FormatInt(e.Weight, 10))
	d.kv(false, "statements", joinList(e.Statements))
	d.kv(false, "first_date", e.FirstDate)
	d.kv(false, "last_date", e.LastDate)
	d.kv(false, "label", e.Label)
	if e.Type == CoSpeaker {
		d.s(`, dir="none"`)
	}
	d.s("];\n")
	return d.err
}

func (d *dotWriter) Close() error {
	d.s("}\n")
	if d.err == nil {
		d.err = d.w.Flush()
	}
	return d.err
}
