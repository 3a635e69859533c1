package export

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The CSV export is the input of `neo4j-admin database import full`: a
// node file with an :ID column and :LABEL, a relationship file with
// :START_ID, :END_ID and :TYPE, typed property columns and ";" as the array
// delimiter (the tool's default). Two files go out as one stream, so they
// are entries of a zip archive; archive/zip writes entries sequentially
// with data descriptors, so nothing is buffered.
const (
	CSVNodesFile = "nodes.csv"
	CSVRelsFile  = "relationships.csv"
)

var (
	csvNodeHeader = []string{"id:ID", ":LABEL", "name", "aliases:string[]", "statements:long", "mentions:long", "first_seen", "last_seen"}
	// csvQuoteColumns follow the node columns when the export has quotes
	// (Meta.Quotes), and only then.
	csvQuoteColumns = []string{"text", "reports:long", "outlets:long", "first_reported"}
	csvRelHeader    = []string{":START_ID", ":END_ID", ":TYPE", "weight:long", "statements:string[]", "first_date", "last_date", "label"}
)

type csvWriter struct {
	create  func(name string) (io.Writer, error) // opens the next file
	finish  func() error                         // closes the last file and the container
	cw      *csv.Writer
	bw      *bufio.Writer
	inEdges bool
	quotes  bool
	row     []string
	err     error
}

func newCSVWriter(w io.Writer, meta Meta) (*csvWriter, error) {
	zw := newZip(w)
	c := &csvWriter{row: make([]string, len(csvNodeHeader)+len(csvQuoteColumns)), finish: zw.Close, quotes: meta.Quotes}
	c.create = func(name string) (io.Writer, error) {
		return zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: time.Now().UTC()})
	}
	c.entry(CSVNodesFile, c.nodeHeader())
	return c, c.err
}

func (c *csvWriter) nodeHeader() []string {
	if !c.quotes {
		return csvNodeHeader
	}
	return append(slices.Clip(csvNodeHeader), csvQuoteColumns...)
}

// NewCSVDirWriter writes the CSV export as the files nodes.csv and
// relationships.csv in dir (which must exist), ready for
// `neo4j-admin database import full --nodes=dir/nodes.csv
// --relationships=dir/relationships.csv`. meta.Quotes adds the Quote
// columns.
func NewCSVDirWriter(dir string, meta Meta) (Writer, error) {
	var cur *os.File
	closeCur := func() error {
		if cur == nil {
			return nil
		}
		err := cur.Close()
		cur = nil
		return err
	}
	c := &csvWriter{row: make([]string, len(csvNodeHeader)+len(csvQuoteColumns)), finish: closeCur, quotes: meta.Quotes}
	c.create = func(name string) (io.Writer, error) {
		if err := closeCur(); err != nil {
			return nil, err
		}
		f, err := os.Create(filepath.Join(dir, name))
		cur = f
		return f, err
	}
	c.entry(CSVNodesFile, c.nodeHeader())
	return c, c.err
}

func (c *csvWriter) entry(name string, header []string) {
	if c.err != nil {
		return
	}
	if c.cw != nil {
		if c.err = c.flush(); c.err != nil {
			return
		}
	}
	f, err := c.create(name)
	if err != nil {
		c.err = err
		return
	}
	c.bw = bufio.NewWriterSize(f, 64<<10)
	c.cw = csv.NewWriter(c.bw)
	c.err = c.cw.Write(header)
}

func (c *csvWriter) flush() error {
	c.cw.Flush()
	if err := c.cw.Error(); err != nil {
		return err
	}
	return c.bw.Flush()
}

// newZip returns a zip writer that deflates at flate.BestSpeed: the default
// level costs several times the CPU for a few percent less output, and an
// export is CPU-bound on the client side.
func newZip(w io.Writer) *zip.Writer {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestSpeed)
	})
	return zw
}

// csvArray joins an array property; the delimiter cannot appear inside an
// element, so it is replaced.
func csvArray(xs []string) string {
	if len(xs) == 0 {
		return ""
	}
	var b strings.Builder
	for i, x := range xs {
		if i > 0 {
			b.WriteByte(';')
		}
		b.WriteString(strings.ReplaceAll(x, ";", ","))
	}
	return b.String()
}

func (c *csvWriter) WriteNode(n Node) error {
	if c.err != nil {
		return c.err
	}
	if n.Type == QuoteType && !c.quotes {
		c.err = errQuoteNode
		return c.err
	}
	r := c.row[:len(csvNodeHeader)]
	if c.quotes {
		r = c.row[:len(csvNodeHeader)+len(csvQuoteColumns)]
		clear(r[len(csvNodeHeader):])
	}
	if n.Type == QuoteType {
		// A quote is no entity: it has no aliases, statements, mentions or
		// seen dates, and its own columns.
		r[0], r[1], r[2] = n.ID, QuoteType, n.Name
		clear(r[3:len(csvNodeHeader)])
		r[8], r[9], r[10], r[11] = n.Text, strconv.FormatInt(n.Reports, 10), strconv.FormatInt(n.Outlets, 10), n.FirstReported
		c.err = c.cw.Write(r)
		return c.err
	}
	r[0], r[1], r[2], r[3] = n.ID, "Entity;"+n.Type, n.Name, csvArray(n.Aliases)
	r[4], r[5] = strconv.FormatInt(n.Statements, 10), strconv.FormatInt(n.Mentions, 10)
	r[6], r[7] = n.FirstSeen, n.LastSeen
	c.err = c.cw.Write(r)
	return c.err
}

func (c *csvWriter) WriteEdge(e Edge) error {
	if !c.inEdges {
		c.entry(CSVRelsFile, csvRelHeader)
		c.inEdges = true
	}
	if c.err != nil {
		return c.err
	}
	r := c.row[:8]
	r[0], r[1], r[2], r[3] = e.Source, e.Target, e.Type, strconv.FormatInt(e.Weight, 10)
	r[4], r[5], r[6], r[7] = csvArray(e.Statements), e.FirstDate, e.LastDate, e.Label
	c.err = c.cw.Write(r)
	return c.err
}

func (c *csvWriter) Close() error {
	if !c.inEdges {
		c.entry(CSVRelsFile, csvRelHeader)
		c.inEdges = true
	}
	if c.err == nil {
		c.err = c.flush()
	}
	if c.err == nil {
		c.err = c.finish()
	}
	return c.err
}
