package export

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/whosaid/whosaid/graph/quote"
)

// BulkCSV writes the stored model, as `whosaid import` produces it from
// extractions (store.Bulk), in the stored CSV layout of ExportStored: one
// file per node kind and relationship type, typed headers, arrays joined
// by storedArrayDelimiter, values rendered by cell. Unlike the export it
// knows its columns before the first row (they are the loader's), keeps
// every file open at once (rows of all kinds arrive interleaved, document
// by document) and quotes every present value, so that an empty string
// stays an empty string and only an absent value is an empty field.
//
// Memory is a few buffers per file, whatever the corpus size.
type BulkCSV struct {
	dir   string
	files map[string]*bulkFile // by file name
	order []string
}

type bulkFile struct {
	f    *os.File
	w    *bufio.Writer
	cols []Column
	idx  map[string]int
	node bool
	row  []string
	set  []bool // which fields of row hold a value
}

// bulkNodeColumns and bulkRelColumns are the stored model's property
// columns, by kind, as graph/store's loader writes them (id is the :ID).
var bulkNodeColumns = map[string][]Column{
	"Document": {{"authors", "string[]"}, {"content_hash", "string"}, {"entity_count", "long"}, {"extractor_version", "string"},
		{"ingested_at", "datetime"}, {"key", "string"}, {"language", "string"}, {"modified", "string"}, {"outlet", "string"}, {"path", "string"}, {"published", "string"}, {"source", "string"},
		{"statement_count", "long"}, {"text", "string"}, {"title", "string"}, {"url", "string"}},
	"Statement": append([]Column{{"confidence", "double"}, {"cue", "string"}, {"cue_end", "long"}, {"cue_lemma", "string"}, {"cue_start", "long"},
		{"date", "string"}, {"document", "string"}, {"end", "long"}, {"kind", "string"},
		{"part_ends", "long[]"}, {"part_starts", "long[]"}, {"part_texts", "string[]"},
		{"quote_variant", "string"}, {"start", "long"}, {"text", "string"},
		{"turn", "string"}, {"unresolved_ends", "long[]"}, {"unresolved_kinds", "string[]"},
		{"unresolved_resolved_from", "string[]"}, {"unresolved_starts", "long[]"}, {"unresolved_texts", "string[]"},
		{"unresolved_types", "string[]"}}, quoteSlotColumns()...),
	"Entity": {{"alias_text", "string"}, {"aliases", "string[]"}, {"documents", "long"}, {"first_seen", "string"},
		{"implied", "boolean"}, {"last_seen", "string"}, {"name", "string"}, {"roles", "string[]"}, {"type", "string"}},
	// A quote's summary, as recomputeQuotes computes it. The import writes
	// it, except for the quotes of speakers too large to cluster in memory:
	// import --finish computes theirs on the server.
	"Quote": {{"first_date", "string"}, {"first_document", "string"}, {"first_outlet", "string"}, {"first_statement", "string"},
		{"last_date", "string"}, {"outlets", "long"}, {"reports", "long"}, {"speaker", "string"}, {"text", "string"}, {"variants", "long"}},
}

// quoteSlotColumns are a clustered statement's near-duplicate key slots
// (graph/quote.Signature.Slots).
func quoteSlotColumns() []Column {
	cols := make([]Column, quote.Slots)
	for i := range cols {
		cols[i] = Column{quote.SlotProperty(i), "long"}
	}
	return cols
}

var bulkRelColumns = map[string][]Column{
	"SAID":        {{"end", "long"}, {"key", "string"}, {"kind", "string"}, {"resolved_from", "string"}, {"start", "long"}, {"text", "string"}},
	"REPORTED_IN": nil,
	// A document's MENTIONS carry its provenance, a statement's none: two
	// files, so that the fixups touch only the documents'.
	"MENTIONS-document":  {{"aliases", "string[]"}, {"count", "long"}, {"roles", "string[]"}},
	"MENTIONS-statement": nil,
	"VIA":                nil,
	"HOLDS_ROLE":         {{"document", "string"}, {"title", "string"}},
	"PART_OF":            nil,
	"REPORTS":            nil,
	"BY":                 nil,
}

// NewBulkCSV creates dir (which must not hold an earlier import's files)
// and the files in it.
func NewBulkCSV(dir string) (*BulkCSV, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("bulk csv: %w", err)
	}
	if old, _ := filepath.Glob(filepath.Join(dir, "*.csv")); len(old) > 0 {
		return nil, fmt.Errorf("bulk csv: %s already holds CSV files (%s, …): choose an empty directory", dir, filepath.Base(old[0]))
	}
	b := &BulkCSV{dir: dir, files: make(map[string]*bulkFile)}
	open := func(name string, node bool, cols []Column) error {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			return fmt.Errorf("bulk csv: %w", err)
		}
		bf := &bulkFile{f: f, w: bufio.NewWriterSize(f, 256<<10), cols: cols, idx: make(map[string]int, len(cols)), node: node}
		header := []string{":START_ID", ":END_ID", ":TYPE"}
		if node {
			header = []string{"id:ID", ":LABEL"}
		}
		for i, c := range cols {
			bf.idx[c.Name] = i
		}
		header = append(header, columnHeaders(cols)...)
		bf.row, bf.set = header, make([]bool, len(header))
		for i := range bf.set {
			bf.set[i] = true
		}
		b.files[name] = bf
		b.order = append(b.order, name)
		if err := bf.writeLine(); err != nil {
			return err
		}
		bf.row = make([]string, len(header))
		return nil
	}
	for _, kind := range []string{"Document", "Statement", "Entity", "Quote"} {
		if err := open("nodes-"+kind+".csv", true, bulkNodeColumns[kind]); err != nil {
			return nil, b.abort(err)
		}
	}
	rels := make([]string, 0, len(bulkRelColumns))
	for t := range bulkRelColumns {
		rels = append(rels, t)
	}
	slices.Sort(rels)
	for _, t := range rels {
		if err := open("relationships-"+t+".csv", false, bulkRelColumns[t]); err != nil {
			return nil, b.abort(err)
		}
	}
	return b, nil
}

func (b *BulkCSV) abort(err error) error {
	for _, f := range b.files {
		f.f.Close()
	}
	return err
}

// Node implements store.BulkSink.
func (b *BulkCSV) Node(id string, labels []string, props map[string]any) error {
	f := b.files["nodes-"+labels[0]+".csv"]
	if f == nil {
		return fmt.Errorf("bulk csv: no file for nodes of kind %s", labels[0])
	}
	f.row[0], f.row[1] = id, strings.Join(labels, storedArrayDelimiter)
	return f.write(2, props, "node "+id)
}

// Relationship implements store.BulkSink.
func (b *BulkCSV) Relationship(typ, start, end string, props map[string]any) error {
	name := "relationships-" + typ + ".csv"
	if typ == "MENTIONS" {
		name = "relationships-MENTIONS-statement.csv"
		if props != nil {
			name = "relationships-MENTIONS-document.csv"
		}
	}
	f := b.files[name]
	if f == nil {
		return fmt.Errorf("bulk csv: no file for relationships of type %s", typ)
	}
	f.row[0], f.row[1], f.row[2] = start, end, typ
	return f.write(3, props, typ+" "+start+"→"+end)
}

func (f *bulkFile) write(from int, props map[string]any, what string) error {
	for i := from; i < len(f.row); i++ {
		f.row[i], f.set[i] = "", false
	}
	for i := 0; i < from; i++ {
		f.set[i] = true
	}
	for k, v := range props {
		if f.node && k == "id" {
			continue // the id:ID column, which neo4j-admin stores as id
		}
		i, ok := f.idx[k]
		if !ok {
			return fmt.Errorf("bulk csv: %s has property %q, which the import does not know (a loader change not mirrored in export/bulk.go)", what, k)
		}
		if v != nil {
			f.row[from+i], f.set[from+i] = cell(v), true
		}
	}
	return f.writeLine()
}

// writeLine writes the row: every set field quoted, inner quotes doubled
// (neo4j-admin reads a quoted "" as the empty string and an empty field
// as no value).
func (f *bulkFile) writeLine() error {
	for i, s := range f.row {
		if i > 0 {
			f.w.WriteByte(',')
		}
		if !f.set[i] {
			continue
		}
		f.w.WriteByte('"')
		for {
			j := strings.IndexByte(s, '"')
			if j < 0 {
				break
			}
			f.w.WriteString(s[:j+1])
			f.w.WriteByte('"')
			s = s[j+1:]
		}
		f.w.WriteString(s)
		f.w.WriteByte('"')
	}
	return f.w.WriteByte('\n')
}

// Close flushes and closes the files.
func (b *BulkCSV) Close() error {
	var first error
	for _, name := range b.order {
		f := b.files[name]
		if err := f.w.Flush(); err != nil && first == nil {
			first = err
		}
		if err := f.f.Close(); err != nil && first == nil {
			first = err
		}
	}
	if first != nil {
		return fmt.Errorf("bulk csv: %w", first)
	}
	return nil
}

// ImportArgs are the neo4j-admin arguments that import the files into
// database (a new one, or an existing one with overwrite).
func (b *BulkCSV) ImportArgs(database string, overwrite bool) []string {
	var nodes, rels []string
	for _, name := range b.order {
		if b.files[name].node {
			nodes = append(nodes, name)
		} else {
			rels = append(rels, name)
		}
	}
	args := ImportArgs(b.dir, nodes, rels)
	args = append(args, "--bad-tolerance=0", "--skip-bad-relationships=false")
	if overwrite {
		args = append(args, "--overwrite-destination=true")
	}
	return append(args, database)
}

// Files are the CSV files written, in the directory.
func (b *BulkCSV) Files() []string { return slices.Clone(b.order) }
