package web

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http/httputil"
	"regexp"
	"strings"

	"github.com/nlnwa/gowarc/v3"

	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/ingest/source"
)

// warc reads the HTML responses of a WARC file (.warc or .warc.gz). Request,
// metadata, warcinfo and resource records are skipped, as are responses
// that are not 200 or not HTML. A revisit record whose payload digest
// matches a response read earlier in the file is counted and skipped: that
// payload was read, and the same page gives the same document. A revisit of
// a payload not in the file has nothing to read and is reported. Documents
// are keyed by the page's canonical URL, else WARC-Target-URI; their path
// is FILE@OFFSET of the record.
func (c *crawler) warc(ctx context.Context, path string, yield func(graph.Document, error) bool) bool {
	st := c.opts.Stats
	r, err := gowarc.NewWarcFileReader(path, 0,
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrWarn), gowarc.WithSpecViolationPolicy(gowarc.ErrWarn),
		gowarc.WithBlockErrorPolicy(gowarc.ErrWarn))
	if err != nil {
		return yield(graph.Document{}, fmt.Errorf("%s: %w", path, err))
	}
	defer r.Close()
	digests := map[string]bool{}
	maxBytes := c.f.cfg.MaxBytes
	for {
		if ctx.Err() != nil {
			return yield(graph.Document{}, ctx.Err())
		}
		rec, err := r.Next()
		if errors.Is(err, io.EOF) {
			return true
		}
		if err != nil {
			// a broken record: the rest of the file cannot be framed
			return yield(graph.Document{}, fmt.Errorf("%s (byte %d): %w", path, rec.Offset, err))
		}
		st.Records.Add(1)
		d, err := c.warcRecord(path, rec, digests, maxBytes)
		rec.Close()
		if d == nil && err == nil {
			continue
		}
		var doc graph.Document
		if d != nil {
			doc = *d
		}
		if !yield(doc, err) {
			return false
		}
	}
}

// chunked finds a chunked Transfer-Encoding in raw HTTP headers (the
// parsed header gowarc gives drops that field, as net/http does).
var chunked = regexp.MustCompile(`(?im)^transfer-encoding:[ \t]*chunked[ \t]*\r?$`)

func (c *crawler) warcRecord(path string, rec gowarc.Record, digests map[string]bool, maxBytes int64) (*graph.Document, error) {
	st := c.opts.Stats
	wr := rec.WarcRecord
	h := wr.WarcHeader()
	target := h.Get(gowarc.WarcTargetURI)
	name := fmt.Sprintf("%s@%d", path, rec.Offset)
	switch wr.Type() {
	case gowarc.Response:
	case gowarc.Revisit:
		if digests[h.Get(gowarc.WarcPayloadDigest)] {
			st.Revisits.Add(1)
			return nil, nil
		}
		c.warn(fmt.Errorf("%s: revisit of %s skipped: the original record is not in this file", name, target))
		return nil, nil
	default:
		return nil, nil
	}
	blk, ok := wr.Block().(gowarc.HttpResponseBlock)
	if !ok || blk.HttpStatusCode() != 200 {
		return nil, nil
	}
	ct := blk.HttpHeader().Get("Content-Type")
	mt, _, _ := mime.ParseMediaType(ct)
	mt = strings.ToLower(mt)
	if mt != "text/html" && mt != "application/xhtml+xml" {
		st.NotHTML.Add(1)
		return nil, nil
	}
	pr, err := blk.PayloadBytes()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	// Crawlers such as wget and Heritrix store the bytes as they came;
	// Common Crawl stores them decoded (and renames the headers).
	hh := blk.HttpHeader()
	if chunked.Match(blk.ProtocolHeaderBytes()) {
		pr = httputil.NewChunkedReader(pr)
	}
	if ce := strings.ToLower(hh.Get("Content-Encoding")); ce == "gzip" || ce == "x-gzip" {
		zr, err := gzip.NewReader(pr)
		if err != nil {
			return nil, fmt.Errorf("%s: gzip content: %w", name, err)
		}
		defer zr.Close()
		pr = zr
	}
	data, err := io.ReadAll(io.LimitReader(pr, maxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if int64(len(data)) > maxBytes {
		return nil, fmt.Errorf("%s: %w (more than %d bytes)", name, ErrTooLarge, maxBytes)
	}
	if dg := h.Get(gowarc.WarcPayloadDigest); dg != "" {
		digests[dg] = true
	}
	d, _, err := source.ReadHTML(name, target, toUTF8(data, ct), c.opts.Read)
	if err != nil {
		return nil, err
	}
	st.Fetched.Add(1)
	return &d, nil
}
