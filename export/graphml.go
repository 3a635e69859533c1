package export

import (
	"bufio"
	"encoding/xml"
	"io"
	"strconv"
)

// GraphML has no Go encoder worth a dependency, and its subset used here is
// small: a fixed set of <key> declarations, then nodes and edges with <data>
// children. The writer emits it directly so that nothing is buffered but
// bufio's page.

// graphmlKeys are the attribute declarations, in output order.
var graphmlKeys = []struct{ id, for_, name, typ string }{
	{"n_type", "node", "type", "string"},
	{"n_name", "node", "name", "string"},
	{"n_aliases", "node", "aliases", "string"},
	{"n_statements", "node", "statements", "long"},
	{"n_mentions", "node", "mentions", "long"},
	{"n_first_seen", "node", "first_seen", "string"},
	{"n_last_seen", "node", "last_seen", "string"},
	{"e_type", "edge", "type", "string"},
	{"e_weight", "edge", "weight", "double"},
	{"e_statements", "edge", "statements", "string"},
	{"e_first_date", "edge", "first_date", "string"},
	{"e_last_date", "edge", "last_date", "string"},
	{"e_label", "edge", "label", "string"},
}

// graphmlQuoteKeys are declared after the node keys when the export has
// quotes (Meta.Quotes), and only then.
var graphmlQuoteKeys = []struct{ id, for_, name, typ string }{
	{"n_text", "node", "text", "string"},
	{"n_reports", "node", "reports", "long"},
	{"n_outlets", "node", "outlets", "long"},
	{"n_first_reported", "node", "first_reported", "string"},
}

type graphmlWriter struct {
	w      *bufio.Writer
	quotes bool
	err    error
}

func newGraphMLWriter(w io.Writer, meta Meta) (*graphmlWriter, error) {
	g := &graphmlWriter{w: bufio.NewWriterSize(w, 64<<10), quotes: meta.Quotes}
	g.s(xml.Header)
	g.s(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">` + "\n")
	if meta.Description != "" {
		g.s("<desc>")
		g.esc(meta.Description)
		g.s("</desc>\n")
	}
	key := func(id, for_, name, typ string) {
		g.s(`<key id="` + id + `" for="` + for_ + `" attr.name="` + name + `" attr.type="` + typ + `"/>` + "\n")
	}
	for _, k := range graphmlKeys {
		if k.for_ == "node" {
			key(k.id, k.for_, k.name, k.typ)
		}
	}
	if g.quotes {
		for _, k := range graphmlQuoteKeys {
			key(k.id, k.for_, k.name, k.typ)
		}
	}
	for _, k := range graphmlKeys {
		if k.for_ != "node" {
			key(k.id, k.for_, k.name, k.typ)
		}
	}
	g.s(`<graph id="whosaid" edgedefault="directed">` + "\n")
	return g, g.err
}

func (g *graphmlWriter) s(s string) {
	if g.err == nil {
		_, g.err = g.w.WriteString(s)
	}
}

func (g *graphmlWriter) esc(s string) {
	if g.err == nil {
		g.err = xml.EscapeText(g.w, []byte(s))
	}
}

func (g *graphmlWriter) attr(s string) {
	// EscapeText escapes quotes and newlines too, so it is safe in
	// double-quoted attributes.
	g.esc(s)
}

func (g *graphmlWriter) data(key, v string) {
	if v == "" {
		return
	}
	g.s(`<data key="` + key + `">`)
	g.esc(v)
	g.s("</data>")
}

func (g *graphmlWriter) WriteNode(n Node) error {
	if n.Type == QuoteType {
		return g.writeQuote(n)
	}
	g.s(`<node id="`)
	g.attr(n.ID)
	g.s(`">`)
	g.data("n_type", n.Type)
	g.data("n_name", n.Name)
	g.data("n_aliases", joinList(n.Aliases))
	g.data("n_statements", strconv.FormatInt(n.Statements, 10))
	g.data("n_mentions", strconv.FormatInt(n.Mentions, 10))
	g.data("n_first_seen", n.FirstSeen)
	g.data("n_last_seen", n.LastSeen)
	g.s("</node>\n")
	return g.err
}

func (g *graphmlWriter) writeQuote(n Node) error {
	if !g.quotes {
		return errQuoteNode
	}
	g.s(`<node id="`)
	g.attr(n.ID)
	g.s(`">`)
	g.data("n_type", n.Type)
	g.data("n_name", n.Name)
	g.data("n_text", n.Text)
	g.data("n_reports", strconv.FormatInt(n.Reports, 10))
	g.data("n_outlets", strconv.FormatInt(n.Outlets, 10))
	g.data("n_first_reported", n.FirstReported)
	g.s("</node>\n")
	return g.err
}

func (g *graphmlWriter) WriteEdge(e Edge) error {
	g.s(`<edge id="`)
	g.attr(e.ID)
	g.s(`" source="`)
	g.attr(e.Source)
	g.s(`" target="`)
	g.attr(e.Target)
	g.s(`">`)
	g.data("e_type", e.Type)
	g.data("e_weight", strconv.FormatInt(e.Weight, 10))
	g.data("e_statements", joinList(e.Statements))
	g.data("e_first_date", e.FirstDate)
	g.data("e_last_date", e.LastDate)
	g.data("e_label", e.Label)
	g.s("</edge>\n")
	return g.err
}

func (g *graphmlWriter) Close() error {
	g.s("</graph>\n</graphml>\n")
	if g.err == nil {
		g.err = g.w.Flush()
	}
	return g.err
}
