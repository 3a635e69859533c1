package export

import (
	"bufio"
	"encoding/json"
	"io"

	"gonum.org/v1/gonum/graph/formats/cytoscapejs"
)

// cytoscapeWriter writes {"elements":{"nodes":[...],"edges":[...]}}, the
// form cy.json() and cytoscape({elements}) accept. gonum's cytoscapejs
// struct models encode each element; the surrounding arrays are written by
// hand so that elements stream instead of collecting in a slice.
type cytoscapeWriter struct {
	w          *bufio.Writer
	inEdges    bool
	first      bool
	err        error
	nodeAttrs  map[string]any // reused between elements: gonum's MarshalJSON adds and removes id keys
	edgeAttrs  map[string]any
	nodeBuffer cytoscapejs.Node
	edgeBuffer cytoscapejs.Edge
}

func newCytoscapeWriter(w io.Writer) (*cytoscapeWriter, error) {
	c := &cytoscapeWriter{w: bufio.NewWriterSize(w, 64<<10), first: true,
		nodeAttrs: map[string]any{}, edgeAttrs: map[string]any{}}
	c.s(`{"format_version":"1.0","generated_by":"whosaid","elements":{"nodes":[`)
	return c, c.err
}

func (c *cytoscapeWriter) s(s string) {
	if c.err == nil {
		_, c.err = c.w.WriteString(s)
	}
}

func (c *cytoscapeWriter) elem(v any) {
	if c.err != nil {
		return
	}
	if !c.first {
		c.s(",\n")
	}
	c.first = false
	b, err := json.Marshal(v)
	if err != nil {
		c.err = err
		return
	}
	_, c.err = c.w.Write(b)
}

func (c *cytoscapeWriter) WriteNode(n Node) error {
	a := c.nodeAttrs
	clear(a)
	a["type"] = n.Type
	a["name"] = n.Name
	a["label"] = n.Name
	if n.Type == QuoteType {
		a["text"] = n.Text
		a["reports"] = n.Reports
		a["outlets"] = n.Outlets
		if n.FirstReported != "" {
			a["first_reported"] = n.FirstReported
		}
		c.nodeBuffer = cytoscapejs.Node{Data: cytoscapejs.NodeData{ID: n.ID, Attributes: a}, Classes: n.Type}
		c.elem(&c.nodeBuffer)
		return c.err
	}
	if len(n.Aliases) > 0 {
		a["aliases"] = n.Aliases
	}
	a["statements"] = n.Statements
	a["mentions"] = n.Mentions
	if n.FirstSeen != "" {
		a["first_seen"] = n.FirstSeen
		a["last_seen"] = n.LastSeen
	}
	c.nodeBuffer = cytoscapejs.Node{Data: cytoscapejs.NodeData{ID: n.ID, Attributes: a}, Classes: n.Type}
	c.elem(&c.nodeBuffer)
	// gonum writes "parent":"" when Attributes is set; an empty parent is
	// what Cytoscape.js treats as none.
	return c.err
}

func (c *cytoscapeWriter) WriteEdge(e Edge) error {
	if !c.inEdges {
		c.s(`],"edges":[`)
		c.inEdges, c.first = true, true
	}
	a := c.edgeAttrs
	clear(a)
	a["type"] = e.Type
	a["weight"] = e.Weight
	if len(e.Statements) > 0 {
		a["statements"] = e.Statements
	}
	if e.FirstDate != "" {
		a["first_date"] = e.FirstDate
		a["last_date"] = e.LastDate
	}
	if e.Label != "" {
		a["label"] = e.Label
	}
	c.edgeBuffer = cytoscapejs.Edge{Data: cytoscapejs.EdgeData{ID: e.ID, Source: e.Source, Target: e.Target, Attributes: a}, Classes: e.Type}
	c.elem(&c.edgeBuffer)
	return c.err
}

func (c *cytoscapeWriter) Close() error {
	if !c.inEdges {
		c.s(`],"edges":[`)
	}
	c.s("]}}\n")
	if c.err == nil {
		c.err = c.w.Flush()
	}
	return c.err
}
