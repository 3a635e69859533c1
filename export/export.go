// Package export writes whosaid's graph in the formats that graph tools
// read: GraphML, GEXF 1.2, Cytoscape.js JSON, DOT, CSV in the
// `neo4j-admin database import` layout, and JSONL.
//
// What is exported is an entity graph projected from the stored model:
// nodes are entities (people, organisations, places) and edges summarise
// the statements between them (a speaker spoke about an entity, two
// speakers said something together, a statement was relayed via an
// entity) plus the structural facts (roles, place containment). A Scope
// says which part of the graph to take; the CLI and the API share it.
//
// Everything streams: a Source reads rows from Neo4j and hands them one at
// a time to a Writer, which encodes them at once. Nodes always come before
// edges, which every format here requires or prefers.
package export

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
)

// Node is one entity with its counts inside the exported scope.
type Node struct {
	ID         string   `json:"id"`
	Type       string   `json:"type"` // Person, Organisation or Place
	Name       string   `json:"name"`
	Aliases    []string `json:"aliases,omitempty"`
	Statements int64    `json:"statements"` // statements in scope the entity said
	Mentions   int64    `json:"mentions"`   // statements in scope that mention it
	FirstSeen  string   `json:"first_seen,omitempty"`
	LastSeen   string   `json:"last_seen,omitempty"`

	// A Quote node (Type QuoteType, only with Scope.Quotes) is one remark
	// clustered across its reports (docs/graph-model.md, "Quotes"): Name is
	// a short label of its canonical wording, Text the whole wording, and
	// the counts are over its reports in scope.
	Text          string `json:"text,omitempty"`
	Reports       int64  `json:"reports,omitempty"`        // statements in scope reporting it
	Outlets       int64  `json:"outlets,omitempty"`        // distinct outlets among them
	FirstReported string `json:"first_reported,omitempty"` // earliest date among them
}

// QuoteType is the Type of a Quote node.
const QuoteType = "Quote"

// Edge types of the projected graph.
const (
	SpokeAbout = "SPOKE_ABOUT" // speaker -> entity mentioned in one of their statements
	CoSpeaker  = "CO_SPEAKER"  // two speakers of the same statement (source id < target id)
	Via        = "VIA"         // speaker -> entity that relayed their statement
	HoldsRole  = "HOLDS_ROLE"  // person -> organisation or place
	PartOf     = "PART_OF"     // place -> containing place
	// With Scope.Quotes:
	SaidQuote     = "SAID_QUOTE"     // speaker -> quote, weighted by its reports in scope
	QuoteMentions = "QUOTE_MENTIONS" // quote -> entity mentioned in its reports
)

// Edge is a summary of the statements or facts that link two entities.
type Edge struct {
	ID         string   `json:"id"`
	Source     string   `json:"source"`
	Target     string   `json:"target"`
	Type       string   `json:"type"`
	Weight     int64    `json:"weight"`               // statements (or documents, for roles) behind the edge
	Statements []string `json:"statements,omitempty"` // ids of the statements behind it, capped by Scope.MaxStatementIDs
	FirstDate  string   `json:"first_date,omitempty"`
	LastDate   string   `json:"last_date,omitempty"`
	Label      string   `json:"label,omitempty"` // role titles for HOLDS_ROLE
}

// Writer encodes a graph as it is read. WriteNode calls all come before
// WriteEdge calls; Close finishes the document but does not close the
// underlying io.Writer.
type Writer interface {
	WriteNode(Node) error
	WriteEdge(Edge) error
	Close() error
}

// Format names an export format.
type Format string

const (
	GraphML   Format = "graphml"
	GEXF      Format = "gexf"
	Cytoscape Format = "cytoscape"
	DOT       Format = "dot"
	CSV       Format = "csv"
	JSONL     Format = "jsonl"
)

// Formats lists every format, in the order the help texts show them.
var formatInfo = map[Format]struct {
	contentType, ext, about string
}{
	GraphML:   {"application/graphml+xml", "graphml", "GraphML (yEd, Cytoscape desktop, NetworkX)"},
	GEXF:      {"application/gexf+xml", "gexf", "GEXF 1.2 (Gephi, NetworkX)"},
	Cytoscape: {"application/json", "cyjs", "Cytoscape.js JSON (elements: nodes and edges)"},
	DOT:       {"text/vnd.graphviz", "dot", "Graphviz DOT"},
	CSV:       {"application/zip", "zip", "zip of nodes.csv and relationships.csv for neo4j-admin database import"},
	JSONL:     {"application/x-ndjson", "jsonl", "one JSON object per line, nodes then edges"},
}

// Formats returns the names of all formats, sorted.
func Formats() []Format {
	fs := make([]Format, 0, len(formatInfo))
	for f := range formatInfo {
		fs = append(fs, f)
	}
	sort.Slice(fs, func(i, j int) bool { return fs[i] < fs[j] })
	return fs
}

// ParseFormat accepts a format name and a few common aliases.
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(strings.TrimSpace(s))); f {
	case GraphML, GEXF, Cytoscape, DOT, CSV, JSONL:
		return f, nil
	case "cyjs", "cytoscapejs", "json":
		return Cytoscape, nil
	case "gv", "graphviz":
		return DOT, nil
	case "ndjson":
		return JSONL, nil
	}
	names := make([]string, 0, len(formatInfo))
	for _, f := range Formats() {
		names = append(names, string(f))
	}
	return "", fmt.Errorf("unknown export format %q (one of %s)", s, strings.Join(names, ", "))
}

// ContentType is the media type an HTTP response of this format carries.
func (f Format) ContentType() string { return formatInfo[f].contentType }

// Ext is the file name extension, without the dot.
func (f Format) Ext() string { return formatInfo[f].ext }

// About is a one-line description for help texts.
func (f Format) About() string { return formatInfo[f].about }

// Meta describes the export for the formats that carry a description.
type Meta struct {
	Creator     string
	Description string
	// Quotes declares the Quote node attributes (GraphML keys, GEXF
	// attributes, CSV columns); without it a writer refuses Quote nodes, and
	// its output is what it was before quotes existed.
	Quotes bool
}

// errQuoteNode is a writer's answer to a Quote node it was not opened for.
var errQuoteNode = errors.New("export: a Quote node needs a writer opened with Meta.Quotes")

// NewWriter returns a Writer that encodes format f to w.
func NewWriter(f Format, w io.Writer, meta Meta) (Writer, error) {
	switch f {
	case GraphML:
		return newGraphMLWriter(w, meta)
	case GEXF:
		return newGEXFWriter(w, meta)
	case Cytoscape:
		return newCytoscapeWriter(w)
	case DOT:
		return newDOTWriter(w, meta)
	case CSV:
		return newCSVWriter(w, meta)
	case JSONL:
		return newJSONLWriter(w), nil
	}
	return nil, fmt.Errorf("unknown export format %q", f)
}

// joinList is how list attributes appear in formats without list types
// (GraphML, GEXF, DOT). "; " keeps names with commas readable.
func joinList(xs []string) string { return strings.Join(xs, "; ") }

// FailureMarker is what an HTTP export appends when it fails after the
// first byte, before it cuts the connection: a line a reader of the file
// can find, in the format's own comment syntax where it has one, that
// leaves the document unfinished (no closing tag, bracket or zip
// directory), so no parser takes it for complete. Each marker starts on a
// line of its own and names the error code:
//
//	GraphML, GEXF   <!-- whosaid-export-error: CODE: DETAIL -->
//	DOT             // whosaid-export-error: CODE: DETAIL
//	JSONL           {"whosaid_export_error":{"code":CODE,"detail":DETAIL}}
//	Cytoscape JSON  the same JSON object, after the unfinished elements
//	CSV (zip)       nothing: the zip lacks its central directory
func (f Format) FailureMarker(code, detail string) []byte {
	oneLine := strings.Join(strings.Fields(detail), " ")
	switch f {
	case GraphML, GEXF:
		// "--" may not occur inside an XML comment.
		return []byte("\n<!-- whosaid-export-error: " + strings.ReplaceAll(code+": "+oneLine, "--", "- -") + " -->\n")
	case DOT:
		return []byte("\n// whosaid-export-error: " + code + ": " + oneLine + "\n")
	case JSONL, Cytoscape:
		b, _ := json.Marshal(map[string]any{"whosaid_export_error": map[string]string{"code": code, "detail": oneLine}})
		return append(append([]byte("\n"), b...), '\n')
	}
	return nil
}

// TrailerStatus is the HTTP trailer an export answer ends with: "complete"
// when the whole file was sent. A failed export has no trailer (the
// connection is cut) but FailureMarker's line.
const TrailerStatus = "Whosaid-Export-Status"
