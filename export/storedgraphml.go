package export

import (
	"bufio"
	"encoding/xml"
	"io"
	"strings"
)

// The stored model as GraphML: every Document, Statement and Entity is a
// node with its properties as <data>, every relationship an edge with its
// type and properties, so that graph tools see statements as nodes (with
// their turn and parts). GraphML declares its keys before the graph, so
// this writer needs every kind's columns first (columnsFirst).

// KindColumns are the property columns of one node kind or relationship
// type of the stored model.
type KindColumns struct {
	Kind string
	Cols []Column
}

// columnsFirst is implemented by stored writers that must know every
// kind's columns before the first row; ExportStored then waits for the
// whole column discovery and calls DeclareColumns once.
type columnsFirst interface {
	DeclareColumns(nodes, rels []KindColumns) error
}

type storedGraphMLWriter struct {
	g    *graphmlWriter
	cols []Column
	node bool
}

// NewStoredGraphMLWriter returns a StoredWriter that writes GraphML to w.
// Lists are joined with "; ", datetimes are ISO 8601 strings, and a
// statement with parts also gets a parts attribute "start-end;start-end".
func NewStoredGraphMLWriter(w io.Writer) StoredWriter {
	return &storedGraphMLWriter{g: &graphmlWriter{w: bufio.NewWriterSize(w, 64<<10)}}
}

// graphmlType maps a stored column type to a GraphML attr.type.
func graphmlType(t string) string {
	switch t {
	case "long", "double", "boolean":
		return t
	}
	return "string"
}

// unionKeys merges the columns of kinds by name; a name whose types differ
// between kinds is a string.
func unionKeys(kinds []KindColumns) (names []string, types map[string]string) {
	types = map[string]string{}
	for _, k := range kinds {
		for _, c := range k.Cols {
			t := graphmlType(c.Type)
			if old, ok := types[c.Name]; !ok {
				types[c.Name] = t
				names = append(names, c.Name)
			} else if old != t {
				types[c.Name] = "string"
			}
		}
	}
	return names, types
}

func (s *storedGraphMLWriter) DeclareColumns(nodes, rels []KindColumns) error {
	g := s.g
	g.s(xml.Header)
	g.s(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">` + "\n")
	g.s("<desc>whosaid stored model: documents, statements, entities and their relationships</desc>\n")
	key := func(id, for_, name, typ string) {
		g.s(`<key id="` + id + `" for="` + for_ + `" attr.name="`)
		g.attr(name)
		g.s(`" attr.type="` + typ + `"/>` + "\n")
	}
	key("n_labels", "node", "labels", "string")
	names, types := unionKeys(nodes)
	for _, n := range names {
		key("n_"+n, "node", n, types[n])
	}
	if _, ok := types["part_starts"]; ok {
		if _, dup := types["parts"]; !dup {
			key("n_parts", "node", "parts", "string")
		}
	}
	key("e_type", "edge", "type", "string")
	names, types = unionKeys(rels)
	for _, n := range names {
		if n != "type" {
			key("e_"+n, "edge", n, types[n])
		}
	}
	g.s(`<graph id="whosaid" edgedefault="directed">` + "\n")
	return g.err
}

func (s *storedGraphMLWriter) BeginNodes(_ string, cols []Column) error {
	s.cols, s.node = cols, true
	return s.g.err
}

func (s *storedGraphMLWriter) BeginRelationships(_ string, cols []Column) error {
	s.cols, s.node = cols, false
	return s.g.err
}

// value renders a property for GraphML: lists joined with "; ".
func graphmlValue(v any) string {
	if l, ok := v.([]any); ok {
		parts := make([]string, len(l))
		for i, e := range l {
			parts[i] = cell(e)
		}
		return joinList(parts)
	}
	return cell(v)
}

func (s *storedGraphMLWriter) WriteStoredNode(id string, labels []string, vals []any) error {
	g := s.g
	g.s(`<node id="`)
	g.attr(id)
	g.s(`">`)
	g.data("n_labels", strings.Join(labels, ";"))
	var starts, ends []any
	for i, c := range s.cols {
		v := at(vals, i)
		if v == nil {
			continue
		}
		switch c.Name {
		case "part_starts":
			starts, _ = v.([]any)
		case "part_ends":
			ends, _ = v.([]any)
		}
		g.data("n_"+c.Name, graphmlValue(v))
	}
	if len(starts) > 0 && len(starts) == len(ends) {
		spans := make([]string, len(starts))
		for i := range starts {
			spans[i] = cell(starts[i]) + "-" + cell(ends[i])
		}
		g.data("n_parts", strings.Join(spans, ";"))
	}
	g.s("</node>\n")
	return g.err
}

func (s *storedGraphMLWriter) WriteStoredRelationship(start, end, typ string, vals []any) error {
	g := s.g
	g.s(`<edge source="`)
	g.attr(start)
	g.s(`" target="`)
	g.attr(end)
	g.s(`">`)
	g.data("e_type", typ)
	for i, c := range s.cols {
		if v := at(vals, i); v != nil && c.Name != "type" {
			g.data("e_"+c.Name, graphmlValue(v))
		}
	}
	g.s("</edge>\n")
	return g.err
}

func (s *storedGraphMLWriter) Close() error {
	g := s.g
	g.s("</graph>\n</graphml>\n")
	if g.err == nil {
		g.err = g.w.Flush()
	}
	return g.err
}
