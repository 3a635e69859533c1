package export

import (
	"archive/zip"
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// The stored model is the graph exactly as whosaid keeps it (documents,
// statements, entities and every relationship between them, with all their
// properties), as opposed to the projected entity graph the other exports
// carry. It is exported whole, as neo4j-admin CSV (to clone a whosaid
// database into a fresh Neo4j) or JSONL. Nothing is aggregated, so it
// streams at the speed of a scan.

// Model names which graph an export carries.
type Model string

const (
	Projected Model = "entities" // the projected entity graph (default)
	Stored    Model = "stored"   // the stored graph, whole
	Reports   Model = "reports"  // the reports of quotes, one CSV row each (quotes.go)
)

// ParseModel accepts "", "entities", "stored" or "reports".
func ParseModel(s string) (Model, error) {
	switch Model(strings.ToLower(strings.TrimSpace(s))) {
	case "", Projected:
		return Projected, nil
	case Stored:
		return Stored, nil
	case Reports:
		return Reports, nil
	}
	return "", fmt.Errorf("unknown model %q (entities, stored or reports)", s)
}

// StoredFormats are the formats that can carry the stored model.
func StoredFormats() []Format { return []Format{CSV, JSONL, GraphML} }

// Column is a property column of a stored node or relationship kind, with
// its neo4j-admin import type (string, long, double, boolean, datetime,
// date, string[], long[], ...).
type Column struct {
	Name, Type string
}

// StoredWriter encodes the stored graph. Each kind of node (then of
// relationship) is announced with its property columns before its rows.
type StoredWriter interface {
	BeginNodes(kind string, cols []Column) error
	// vals holds the properties in the order of the announced columns;
	// nil is an absent property.
	WriteStoredNode(id string, labels []string, vals []any) error
	BeginRelationships(typ string, cols []Column) error
	WriteStoredRelationship(start, end, typ string, vals []any) error
	Close() error
}

// storedArrayDelimiter separates array elements in the stored CSV. The
// unit separator cannot occur in whosaid's texts, so elements need no
// escaping (neo4j-admin has none); the import needs
// --array-delimiter=U+001F.
const storedArrayDelimiter = "\x1f"

// The node kinds and relationship types of the stored model, in export
// order. Each query is a constant; what varies is only which one runs.
// schema reads every property key with its value types (for the CSV
// header); keys reads the keys alone, which is all JSONL needs and spares
// Neo4j a valueType() per property.
type storedKind struct{ name, schema, keys, rows string }

var (
	storedNodeKinds = []storedKind{
		{"Document",
			`MATCH (n:Document) UNWIND keys(n) AS k WITH k, valueType(n[k]) AS t RETURN k, collect(DISTINCT t) AS types ORDER BY k`,
			`MATCH (n:Document) UNWIND keys(n) AS k RETURN DISTINCT k ORDER BY k`,
			`MATCH (n:Document) RETURN n.id AS id, labels(n) AS labels, [k IN $cols | n[k]] AS vals`},
		{"Statement",
			`MATCH (n:Statement) UNWIND keys(n) AS k WITH k, valueType(n[k]) AS t RETURN k, collect(DISTINCT t) AS types ORDER BY k`,
			`MATCH (n:Statement) UNWIND keys(n) AS k RETURN DISTINCT k ORDER BY k`,
			`MATCH (n:Statement) RETURN n.id AS id, labels(n) AS labels, [k IN $cols | n[k]] AS vals`},
		{"Entity",
			`MATCH (n:Entity) UNWIND keys(n) AS k WITH k, valueType(n[k]) AS t RETURN k, collect(DISTINCT t) AS types ORDER BY k`,
			`MATCH (n:Entity) UNWIND keys(n) AS k RETURN DISTINCT k ORDER BY k`,
			`MATCH (n:Entity) RETURN n.id AS id, labels(n) AS labels, [k IN $cols | n[k]] AS vals`},
		{"Quote",
			`MATCH (n:Quote) UNWIND keys(n) AS k WITH k, valueType(n[k]) AS t RETURN k, collect(DISTINCT t) AS types ORDER BY k`,
			`MATCH (n:Quote) UNWIND keys(n) AS k RETURN DISTINCT k ORDER BY k`,
			`MATCH (n:Quote) RETURN n.id AS id, labels(n) AS labels, [k IN $cols | n[k]] AS vals`},
	}
	storedRelTypes = []storedKind{
		{"SAID",
			`MATCH ()-[r:SAID]->() UNWIND keys(r) AS k WITH k, valueType(r[k]) AS t RETURN k, collect(DISTINCT t) AS types ORDER BY k`,
			`MATCH ()-[r:SAID]->() UNWIND keys(r) AS k RETURN DISTINCT k ORDER BY k`,
			`MATCH (a)-[r:SAID]->(b) RETURN a.id AS start, b.id AS end, [k IN $cols | r[k]] AS vals`},
		{"REPORTED_IN",
			`MATCH ()-[r:REPORTED_IN]->() UNWIND keys(r) AS k WITH k, valueType(r[k]) AS t RETURN k, collect(DISTINCT t) AS types ORDER BY k`,
			`MATCH ()-[r:REPORTED_IN]->() UNWIND keys(r) AS k RETURN DISTINCT k ORDER BY k`,
			`MATCH (a)-[r:REPORTED_IN]->(b) RETURN a.id AS start, b.id AS end, [k IN $cols | r[k]] AS vals`},
		{"MENTIONS",
			`MATCH ()-[r:MENTIONS]->() UNWIND keys(r) AS k WITH k, valueType(r[k]) AS t RETURN k, collect(DISTINCT t) AS types ORDER BY k`,
			`MATCH ()-[r:MENTIONS]->() UNWIND keys(r) AS k RETURN DISTINCT k ORDER BY k`,
			`MATCH (a)-[r:MENTIONS]->(b) RETURN a.id AS start, b.id AS end, [k IN $cols | r[k]] AS vals`},
		{"VIA",
			`MATCH ()-[r:VIA]->() UNWIND keys(r) AS k WITH k, valueType(r[k]) AS t RETURN k, collect(DISTINCT t) AS types ORDER BY k`,
			`MATCH ()-[r:VIA]->() UNWIND keys(r) AS k RETURN DISTINCT k ORDER BY k`,
			`MATCH (a)-[r:VIA]->(b) RETURN a.id AS start, b.id AS end, [k IN $cols | r[k]] AS vals`},
		{"HOLDS_ROLE",
			`MATCH ()-[r:HOLDS_ROLE]->() UNWIND keys(r) AS k WITH k, valueType(r[k]) AS t RETURN k, collect(DISTINCT t) AS types ORDER BY k`,
			`MATCH ()-[r:HOLDS_ROLE]->() UNWIND keys(r) AS k RETURN DISTINCT k ORDER BY k`,
			`MATCH (a)-[r:HOLDS_ROLE]->(b) RETURN a.id AS start, b.id AS end, [k IN $cols | r[k]] AS vals`},
		{"PART_OF",
			`MATCH ()-[r:PART_OF]->() UNWIND keys(r) AS k WITH k, valueType(r[k]) AS t RETURN k, collect(DISTINCT t) AS types ORDER BY k`,
			`MATCH ()-[r:PART_OF]->() UNWIND keys(r) AS k RETURN DISTINCT k ORDER BY k`,
			`MATCH (a)-[r:PART_OF]->(b) RETURN a.id AS start, b.id AS end, [k IN $cols | r[k]] AS vals`},
		{"REPORTS",
			`MATCH ()-[r:REPORTS]->() UNWIND keys(r) AS k WITH k, valueType(r[k]) AS t RETURN k, collect(DISTINCT t) AS types ORDER BY k`,
			`MATCH ()-[r:REPORTS]->() UNWIND keys(r) AS k RETURN DISTINCT k ORDER BY k`,
			`MATCH (a)-[r:REPORTS]->(b) RETURN a.id AS start, b.id AS end, [k IN $cols | r[k]] AS vals`},
		{"BY",
			`MATCH ()-[r:BY]->() UNWIND keys(r) AS k WITH k, valueType(r[k]) AS t RETURN k, collect(DISTINCT t) AS types ORDER BY k`,
			`MATCH ()-[r:BY]->() UNWIND keys(r) AS k RETURN DISTINCT k ORDER BY k`,
			`MATCH (a)-[r:BY]->(b) RETURN a.id AS start, b.id AS end, [k IN $cols | r[k]] AS vals`},
	}
)

// columnNamesOnly is implemented by stored writers that use only the
// names of the announced columns (their Type is then empty).
type columnNamesOnly interface{ columnNamesOnly() }

// ExportStored streams the stored graph to w: every document, statement,
// entity and quote, then every relationship among them. The rows come from one
// read transaction; the column discovery of each kind runs ahead in a
// second one, so that it overlaps the streaming of the kinds before it
// instead of stalling the export. The schema-migration records are not
// part of it (a fresh database gets them from `whosaid migrate`).
func (x *Exporter) ExportStored(ctx context.Context, w StoredWriter) (st Stats, err error) {
	_, namesOnly := w.(columnNamesOnly)
	kinds := append(append([]storedKind(nil), storedNodeKinds...), storedRelTypes...)

	ctx, cancel := context.WithCancel(ctx)
	schemas := make([]chan storedSchema, len(kinds))
	for i := range schemas {
		schemas[i] = make(chan storedSchema, 1)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		x.discoverColumns(ctx, kinds, namesOnly, schemas)
	}()
	// The discovery goroutine must have closed its session before we return.
	defer func() { cancel(); <-done }()

	tx, closeTx, err := x.beginRead(ctx)
	if err != nil {
		return st, err
	}
	defer closeTx()

	schemaOf := func(i int) (storedSchema, error) {
		select {
		case sc := <-schemas[i]:
			if sc.err != nil {
				return sc, fmt.Errorf("export %s schema: %w", kinds[i].name, sc.err)
			}
			return sc, nil
		case <-ctx.Done():
			return storedSchema{}, fmt.Errorf("export %s schema: %w", kinds[i].name, ctx.Err())
		}
	}
	var declared []storedSchema // every kind's, for a writer that needs them first
	if cf, ok := w.(columnsFirst); ok {
		var nodes, rels []KindColumns
		for i, k := range kinds {
			sc, err := schemaOf(i)
			if err != nil {
				return st, err
			}
			declared = append(declared, sc)
			if i < len(storedNodeKinds) {
				nodes = append(nodes, KindColumns{k.name, sc.cols})
			} else {
				rels = append(rels, KindColumns{k.name, sc.cols})
			}
		}
		if err := cf.DeclareColumns(nodes, rels); err != nil {
			return st, err
		}
	}

	for i, k := range kinds {
		node := i < len(storedNodeKinds)
		var sc storedSchema
		if declared != nil {
			sc = declared[i]
		} else if sc, err = schemaOf(i); err != nil {
			return st, err
		}
		params := map[string]any{"cols": columnNames(sc.cols)}
		if node {
			if err := w.BeginNodes(k.name, sc.cols); err != nil {
				return st, err
			}
			// Values come as a list in column order: cheaper to decode than
			// a map of properties per row.
			err = stream(ctx, tx, k.rows, params, func(r *neo4j.Record) error {
				st.Nodes++
				vals, _ := r.Values[2].([]any)
				return w.WriteStoredNode(str(r.Values[0]), strs(r.Values[1]), vals)
			})
			if err != nil {
				return st, fmt.Errorf("export %s nodes: %w", k.name, err)
			}
			continue
		}
		if err := w.BeginRelationships(k.name, sc.cols); err != nil {
			return st, err
		}
		err = stream(ctx, tx, k.rows, params, func(r *neo4j.Record) error {
			st.Edges++
			vals, _ := r.Values[2].([]any)
			return w.WriteStoredRelationship(str(r.Values[0]), str(r.Values[1]), k.name, vals)
		})
		if err != nil {
			return st, fmt.Errorf("export %s relationships: %w", k.name, err)
		}
	}
	return st, nil
}

type storedSchema struct {
	cols []Column
	err  error
}

// beginRead opens a read session and transaction; closeTx ends both.
func (x *Exporter) beginRead(ctx context.Context) (neo4j.ExplicitTransaction, func(), error) {
	cfg := neo4j.SessionConfig{DatabaseName: x.Database, AccessMode: neo4j.AccessModeRead, FetchSize: 5000}
	sess := x.Driver.NewSession(ctx, cfg)
	var opts []func(*neo4j.TransactionConfig)
	if x.Timeout > 0 {
		opts = append(opts, neo4j.WithTxTimeout(x.Timeout))
	}
	tx, err := sess.BeginTransaction(ctx, opts...)
	if err != nil {
		sess.Close(context.WithoutCancel(ctx))
		return nil, nil, fmt.Errorf("export: begin read transaction: %w", classify(ctx, err))
	}
	return tx, func() {
		tx.Close(context.WithoutCancel(ctx))
		sess.Close(context.WithoutCancel(ctx))
	}, nil
}

// discoverColumns reads the columns of each kind in turn, in a read
// transaction of its own, and sends them on out[i]. After an error it
// sends that error for every kind left.
func (x *Exporter) discoverColumns(ctx context.Context, kinds []storedKind, namesOnly bool, out []chan storedSchema) {
	tx, closeTx, err := x.beginRead(ctx)
	if err == nil {
		defer closeTx()
	}
	for i, k := range kinds {
		if err != nil {
			out[i] <- storedSchema{err: err}
			continue
		}
		skip := ""
		if i < len(storedNodeKinds) {
			skip = "id"
		}
		var cols []Column
		if namesOnly {
			cols, err = storedColumnNames(ctx, tx, k.keys, skip)
		} else {
			cols, err = storedColumns(ctx, tx, k.schema, skip)
		}
		out[i] <- storedSchema{cols: cols, err: err}
	}
}

// storedColumnNames reads the property keys of a kind, without types.
func storedColumnNames(ctx context.Context, tx neo4j.ExplicitTransaction, q, skip string) ([]Column, error) {
	var cols []Column
	err := stream(ctx, tx, q, nil, func(r *neo4j.Record) error {
		if k := str(r.Values[0]); k != skip {
			cols = append(cols, Column{Name: k})
		}
		return nil
	})
	sort.Slice(cols, func(i, j int) bool { return cols[i].Name < cols[j].Name })
	return cols, err
}

func columnNames(cols []Column) []string {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	return names
}

// storedColumns reads the property keys of a kind with their value types
// and maps them to neo4j-admin column types. A key whose values have
// several types becomes a string column.
func storedColumns(ctx context.Context, tx neo4j.ExplicitTransaction, q, skip string) ([]Column, error) {
	var cols []Column
	err := stream(ctx, tx, q, nil, func(r *neo4j.Record) error {
		k := str(r.Values[0])
		if k == skip {
			return nil
		}
		types := strs(r.Values[1])
		typ := "string"
		if len(types) == 1 {
			typ = importType(types[0])
		} else if len(types) > 1 && allLists(types) {
			typ = "string[]"
		}
		cols = append(cols, Column{Name: k, Type: typ})
		return nil
	})
	sort.Slice(cols, func(i, j int) bool { return cols[i].Name < cols[j].Name })
	return cols, err
}

func allLists(types []string) bool {
	for _, t := range types {
		if !strings.HasPrefix(t, "LIST") {
			return false
		}
	}
	return true
}

// importType maps a Cypher valueType() to a neo4j-admin column type.
func importType(vt string) string {
	vt = strings.TrimSuffix(vt, " NOT NULL")
	if inner, ok := strings.CutPrefix(vt, "LIST<"); ok {
		inner = strings.TrimSuffix(strings.TrimSuffix(inner, ">"), " NOT NULL")
		switch t := importType(inner); t {
		case "long", "double", "boolean", "string":
			return t + "[]"
		}
		return "string[]"
	}
	switch vt {
	case "INTEGER":
		return "long"
	case "FLOAT":
		return "double"
	case "BOOLEAN":
		return "boolean"
	case "ZONED DATETIME":
		return "datetime"
	case "LOCAL DATETIME":
		return "localdatetime"
	case "DATE":
		return "date"
	}
	return "string"
}

// cell renders a property value for the stored CSV.
func cell(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case time.Time:
		return x.Format(time.RFC3339Nano)
	case dbtype.Date:
		return x.Time().Format(time.DateOnly)
	case dbtype.LocalDateTime:
		return x.Time().Format("2006-01-02T15:04:05.999999999")
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = cell(e)
		}
		return strings.Join(parts, storedArrayDelimiter)
	}
	return fmt.Sprint(v)
}

// storedCSVWriter writes one CSV file per node kind and relationship type,
// as zip entries or into a directory, plus import.txt with the
// neo4j-admin command that reads them.
type storedCSVWriter struct {
	create func(name string) (io.Writer, error)
	finish func() error
	bw     *bufio.Writer
	cw     *csv.Writer
	cols   []Column
	row    []string
	fixups []string // Cypher that restores empty lists after the import
	// lists are the current kind's list columns; a column gets a fixup
	// once one of its values is an empty list (see noteEmptyLists).
	lists []pendingFixup
	nodes []string
	rels  []string
}

// pendingFixup is the fixup of one list column, written once the column
// turned out to hold an empty list.
type pendingFixup struct {
	col    int
	cypher string
	needed bool
}

// NewStoredCSVWriter returns a StoredWriter that writes a zip archive to w.
func NewStoredCSVWriter(w io.Writer) StoredWriter {
	zw := newZip(w)
	return &storedCSVWriter{
		create: func(name string) (io.Writer, error) {
			return zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: time.Now().UTC()})
		},
		finish: zw.Close,
	}
}

// NewStoredCSVDirWriter returns a StoredWriter that writes its files into
// dir, which must exist.
func NewStoredCSVDirWriter(dir string) StoredWriter {
	var cur *os.File
	closeCur := func() error {
		if cur == nil {
			return nil
		}
		err := cur.Close()
		cur = nil
		return err
	}
	return &storedCSVWriter{
		create: func(name string) (io.Writer, error) {
			if err := closeCur(); err != nil {
				return nil, err
			}
			f, err := os.Create(filepath.Join(dir, name))
			cur = f
			return f, err
		},
		finish: closeCur,
	}
}

func (c *storedCSVWriter) flush() error {
	if c.cw == nil {
		return nil
	}
	c.cw.Flush()
	if err := c.cw.Error(); err != nil {
		return err
	}
	return c.bw.Flush()
}

func (c *storedCSVWriter) begin(name string, header []string, cols []Column) error {
	if err := c.flush(); err != nil {
		return err
	}
	c.endFixups()
	f, err := c.create(name)
	if err != nil {
		return err
	}
	c.bw = bufio.NewWriterSize(f, 64<<10)
	c.cw = csv.NewWriter(c.bw)
	c.cols = cols
	header = append(header, columnHeaders(cols)...)
	c.row = make([]string, len(header))
	return c.cw.Write(header)
}

func columnHeaders(cols []Column) []string {
	h := make([]string, len(cols))
	for i, col := range cols {
		h[i] = col.Name + ":" + col.Type
	}
	return h
}

// Some list properties whosaid keeps even when empty (Entity.aliases,
// MENTIONS.roles, …), others only when they have elements (Document.authors,
// Statement.part_starts, …): an absent one must stay absent. neo4j-admin
// imports an empty list as no property, so a list column gets a fixup
// (set [] where missing) only when one of its values was an empty list. A
// column never holds both empty and absent lists in whosaid's graph.

func (c *storedCSVWriter) BeginNodes(kind string, cols []Column) error {
	name := "nodes-" + kind + ".csv"
	c.nodes = append(c.nodes, name)
	if err := c.begin(name, []string{"id:ID", ":LABEL"}, cols); err != nil {
		return err
	}
	for i, col := range cols {
		if strings.HasSuffix(col.Type, "[]") {
			c.lists = append(c.lists, pendingFixup{col: i, cypher: fmt.Sprintf("MATCH (n:%s) WHERE n.%s IS NULL SET n.%s = [];", kind, col.Name, col.Name)})
		}
	}
	return nil
}

func (c *storedCSVWriter) BeginRelationships(typ string, cols []Column) error {
	name := "relationships-" + typ + ".csv"
	c.rels = append(c.rels, name)
	if err := c.begin(name, []string{":START_ID", ":END_ID", ":TYPE"}, cols); err != nil {
		return err
	}
	for i, col := range cols {
		if strings.HasSuffix(col.Type, "[]") {
			c.lists = append(c.lists, pendingFixup{col: i, cypher: fmt.Sprintf("MATCH ()-[r:%s]->() WHERE r.%s IS NULL SET r.%s = [];", typ, col.Name, col.Name)})
		}
	}
	return nil
}

// noteEmptyLists marks the list columns in which vals holds an empty list.
func (c *storedCSVWriter) noteEmptyLists(vals []any) {
	for i := range c.lists {
		p := &c.lists[i]
		if !p.needed {
			if l, ok := at(vals, p.col).([]any); ok && len(l) == 0 {
				p.needed = true
			}
		}
	}
}

// endFixups keeps the fixups the kind just written needs.
func (c *storedCSVWriter) endFixups() {
	for _, p := range c.lists {
		if p.needed {
			c.fixups = append(c.fixups, p.cypher)
		}
	}
	c.lists = c.lists[:0]
}

func (c *storedCSVWriter) WriteStoredNode(id string, labels []string, vals []any) error {
	c.row[0], c.row[1] = id, strings.Join(labels, storedArrayDelimiter)
	for i := range c.cols {
		c.row[2+i] = cell(at(vals, i))
	}
	c.noteEmptyLists(vals)
	return c.cw.Write(c.row)
}

func (c *storedCSVWriter) WriteStoredRelationship(start, end, typ string, vals []any) error {
	c.row[0], c.row[1], c.row[2] = start, end, typ
	for i := range c.cols {
		c.row[3+i] = cell(at(vals, i))
	}
	c.noteEmptyLists(vals)
	return c.cw.Write(c.row)
}

// ImportArgs are the neo4j-admin arguments that import the files of a
// stored CSV export found in dir.
func ImportArgs(dir string, nodes, rels []string) []string {
	args := []string{"database", "import", "full", "--multiline-fields=true", "--array-delimiter=U+001F"}
	for _, n := range nodes {
		args = append(args, "--nodes="+filepath.Join(dir, n))
	}
	for _, r := range rels {
		args = append(args, "--relationships="+filepath.Join(dir, r))
	}
	return args
}

func (c *storedCSVWriter) Close() error {
	if err := c.flush(); err != nil {
		return err
	}
	c.endFixups()
	f, err := c.create("import.txt")
	if err != nil {
		return err
	}
	text := "# Import into a new, empty database:\n" +
		"neo4j-admin " + strings.Join(ImportArgs(".", c.nodes, c.rels), " ") + " neo4j\n" +
		"# Then start Neo4j, run `whosaid migrate`, and run fixup.cypher: neo4j-admin cannot\n" +
		"# import an empty list (it leaves the property out), and whosaid keeps some lists\n" +
		"# even when empty (fixup.cypher restores the columns that had an empty list).\n"
	if _, err := io.WriteString(f, text); err != nil {
		return err
	}
	if f, err = c.create("fixup.cypher"); err != nil {
		return err
	}
	if _, err := io.WriteString(f, strings.Join(c.fixups, "\n")+"\n"); err != nil {
		return err
	}
	return c.finish()
}

// FixupStatements are the Cypher statements in a stored CSV export's
// fixup.cypher.
func FixupStatements(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(l), ";")); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// storedJSONLWriter writes {"kind":"node","id","labels","properties"} and
// {"kind":"relationship","type","start","end","properties"} lines.
type storedJSONLWriter struct {
	w     *bufio.Writer
	enc   *json.Encoder
	cols  []Column
	props map[string]any // reused between lines
}

// NewStoredJSONLWriter returns a StoredWriter that writes JSONL to w.
func NewStoredJSONLWriter(w io.Writer) StoredWriter {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return &storedJSONLWriter{w: bw, enc: enc, props: map[string]any{}}
}

type storedNodeLine struct {
	Kind       string         `json:"kind"`
	ID         string         `json:"id"`
	Labels     []string       `json:"labels"`
	Properties map[string]any `json:"properties"`
}

type storedRelLine struct {
	Kind       string         `json:"kind"`
	Type       string         `json:"type"`
	Start      string         `json:"start"`
	End        string         `json:"end"`
	Properties map[string]any `json:"properties,omitempty"`
}

// columnNamesOnly: JSON carries the values' own types.
func (*storedJSONLWriter) columnNamesOnly() {}

func (j *storedJSONLWriter) BeginNodes(_ string, cols []Column) error {
	j.cols = cols
	return nil
}

func (j *storedJSONLWriter) BeginRelationships(_ string, cols []Column) error {
	j.cols = cols
	return nil
}

func (j *storedJSONLWriter) WriteStoredNode(id string, labels []string, vals []any) error {
	return j.enc.Encode(storedNodeLine{"node", id, labels, j.properties(vals)})
}

func (j *storedJSONLWriter) WriteStoredRelationship(start, end, typ string, vals []any) error {
	return j.enc.Encode(storedRelLine{"relationship", typ, start, end, j.properties(vals)})
}

func (j *storedJSONLWriter) Close() error { return j.w.Flush() }

// properties pairs vals with the column names, leaving out absent ones and
// turning driver temporal values into ISO strings.
func (j *storedJSONLWriter) properties(vals []any) map[string]any {
	clear(j.props)
	for i, col := range j.cols {
		switch v := at(vals, i).(type) {
		case nil:
		case dbtype.Date, dbtype.LocalDateTime:
			j.props[col.Name] = cell(v)
		default:
			j.props[col.Name] = v
		}
	}
	return j.props
}

func at(vals []any, i int) any {
	if i < len(vals) {
		return vals[i]
	}
	return nil
}

// NewStoredWriter returns the StoredWriter for format f (csv, jsonl or
// graphml).
func NewStoredWriter(f Format, w io.Writer) (StoredWriter, error) {
	switch f {
	case CSV:
		return NewStoredCSVWriter(w), nil
	case JSONL:
		return NewStoredJSONLWriter(w), nil
	case GraphML:
		return NewStoredGraphMLWriter(w), nil
	}
	return nil, fmt.Errorf("the stored model is exported as csv, jsonl or graphml, not %s", f)
}
