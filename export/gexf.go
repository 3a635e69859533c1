package export

import (
	"bufio"
	"encoding/xml"
	"io"
	"slices"
	"strconv"

	"gonum.org/v1/gonum/graph/formats/gexf12"
)

// gexfWriter writes GEXF 1.2. gonum's gexf12 struct models encode the
// header parts and each element; the <nodes> and <edges> wrappers are
// written by hand so elements stream instead of collecting in gexf12.Graph.
type gexfWriter struct {
	w       *bufio.Writer
	quotes  bool
	enc     *xml.Encoder
	inEdges bool
	err     error
	vals    []gexf12.AttValue // reused between elements
}

var (
	gexfNodeAttrs = gexf12.Attributes{Class: "node", Attributes: []gexf12.Attribute{
		{ID: "type", Title: "type", Type: "string"},
		{ID: "aliases", Title: "aliases", Type: "string"},
		{ID: "statements", Title: "statements", Type: "long"},
		{ID: "mentions", Title: "mentions", Type: "long"},
		{ID: "first_seen", Title: "first_seen", Type: "string"},
		{ID: "last_seen", Title: "last_seen", Type: "string"},
	}}
	// gexfQuoteAttrs follow the node attributes when the export has quotes
	// (Meta.Quotes), and only then.
	gexfQuoteAttrs = []gexf12.Attribute{
		{ID: "text", Title: "text", Type: "string"},
		{ID: "reports", Title: "reports", Type: "long"},
		{ID: "outlets", Title: "outlets", Type: "long"},
		{ID: "first_reported", Title: "first_reported", Type: "string"},
	}
	gexfEdgeAttrs = gexf12.Attributes{Class: "edge", Attributes: []gexf12.Attribute{
		{ID: "type", Title: "type", Type: "string"},
		{ID: "statements", Title: "statements", Type: "string"},
		{ID: "first_date", Title: "first_date", Type: "string"},
		{ID: "last_date", Title: "last_date", Type: "string"},
	}}
)

func newGEXFWriter(w io.Writer, meta Meta) (*gexfWriter, error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	g := &gexfWriter{w: bw, enc: xml.NewEncoder(bw), quotes: meta.Quotes}
	g.s(xml.Header + `<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http://www.gexf.net/1.2draft/viz" version="1.2">` + "\n")
	g.el("meta", &gexf12.Meta{Creator: meta.Creator, Description: meta.Description})
	g.s("\n" + `<graph defaultedgetype="directed" mode="static">` + "\n")
	nodeAttrs := gexfNodeAttrs
	if g.quotes {
		nodeAttrs.Attributes = append(slices.Clip(gexfNodeAttrs.Attributes), gexfQuoteAttrs...)
	}
	g.el("attributes", nodeAttrs)
	g.s("\n")
	g.el("attributes", gexfEdgeAttrs)
	g.s("\n<nodes>\n")
	return g, g.err
}

func (g *gexfWriter) s(s string) {
	if g.err == nil {
		_, g.err = g.w.WriteString(s)
	}
}

func (g *gexfWriter) el(name string, v any) {
	if g.err != nil {
		return
	}
	if g.err = g.enc.EncodeElement(v, xml.StartElement{Name: xml.Name{Local: name}}); g.err == nil {
		g.err = g.enc.Flush()
	}
}

func (g *gexfWriter) val(id, v string) {
	if v != "" {
		g.vals = append(g.vals, gexf12.AttValue{For: id, Value: v})
	}
}

func (g *gexfWriter) WriteNode(n Node) error {
	g.vals = g.vals[:0]
	g.val("type", n.Type)
	if n.Type == QuoteType {
		if !g.quotes {
			return errQuoteNode
		}
		g.val("text", n.Text)
		g.val("reports", strconv.FormatInt(n.Reports, 10))
		g.val("outlets", strconv.FormatInt(n.Outlets, 10))
		g.val("first_reported", n.FirstReported)
		g.el("node", gexf12.Node{ID: n.ID, Label: n.Name, AttValues: &gexf12.AttValues{AttValues: g.vals}})
		g.s("\n")
		return g.err
	}
	g.val("aliases", joinList(n.Aliases))
	g.val("statements", strconv.FormatInt(n.Statements, 10))
	g.val("mentions", strconv.FormatInt(n.Mentions, 10))
	g.val("first_seen", n.FirstSeen)
	g.val("last_seen", n.LastSeen)
	g.el("node", gexf12.Node{ID: n.ID, Label: n.Name, AttValues: &gexf12.AttValues{AttValues: g.vals}})
	g.s("\n")
	return g.err
}

func (g *gexfWriter) WriteEdge(e Edge) error {
	if !g.inEdges {
		g.s("</nodes>\n<edges>\n")
		g.inEdges = true
	}
	g.vals = g.vals[:0]
	g.val("type", e.Type)
	g.val("statements", joinList(e.Statements))
	g.val("first_date", e.FirstDate)
	g.val("last_date", e.LastDate)
	g.el("edge", gexf12.Edge{ID: e.ID, Source: e.Source, Target: e.Target, Weight: float64(e.Weight),
		Label: e.Label, AttValues: &gexf12.AttValues{AttValues: g.vals}})
	g.s("\n")
	return g.err
}

func (g *gexfWriter) Close() error {
	if !g.inEdges {
		g.s("</nodes>\n<edges>\n")
	}
	g.s("</edges>\n</graph>\n</gexf>\n")
	if g.err == nil {
		g.err = g.w.Flush()
	}
	return g.err
}
