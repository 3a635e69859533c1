package source

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/whosaid/whosaid/graph"
)

// article is the JSON shape of one input article. Only text is required.
type article struct {
	ID        string          `json:"id"`
	Text      *string         `json:"text"`
	Title     string          `json:"title"`
	URL       string          `json:"url"`
	Published json.RawMessage `json:"published"`
	Date      json.RawMessage `json:"date"`
	Source    string          `json:"source"`
	Outlet    string          `json:"outlet"`
	Language  string          `json:"language"`
	Modified  string          `json:"modified"`
	// Authors is a list of names or one string of them ("Jo Park; Ann
	// Lee"); Author is the same, singular.
	Authors json.RawMessage `json:"authors"`
	Author  json.RawMessage `json:"author"`
}

// names reads an authors value: a JSON string (names split on "," and
// ";") or an array of strings.
func names(raw json.RawMessage) ([]string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var list []string
	if err := json.Unmarshal(raw, &list); err != nil {
		var one string
		if err := json.Unmarshal(raw, &one); err != nil {
			return nil, graph.Errorf(graph.EINVALID, "authors: want a string or an array of strings, got %s", raw)
		}
		list = []string{one}
	}
	var out []string
	for _, v := range list {
		for a := range strings.FieldsFuncSeq(v, func(r rune) bool { return r == ',' || r == ';' }) {
			if a = strings.TrimSpace(a); a != "" {
				out = append(out, a)
			}
		}
	}
	return out, nil
}

// memberPath names one article of a multi-article file, so that every
// document has its own Path (the key replacement uses when there is no
// URL): "file#id" when the article has an id, else file plus fallback
// (":line" for JSONL, "[index]" for JSON arrays).
func memberPath(file, id, fallback string) string {
	if id = strings.TrimSpace(id); id != "" {
		return file + "#" + id
	}
	return file + fallback
}

func (a article) document() (graph.Document, error) {
	if a.Text == nil {
		return graph.Document{}, ErrNoText
	}
	d := graph.Document{Text: *a.Text, Title: a.Title, URL: a.URL, Source: a.Source, Path: a.ID}
	if d.Source == "" {
		d.Source = a.Outlet
	}
	d.Language, d.Modified = a.Language, a.Modified
	for _, raw := range []json.RawMessage{a.Authors, a.Author} {
		as, err := names(raw)
		if err != nil {
			return graph.Document{}, err
		}
		d.Authors = append(d.Authors, as...)
	}
	pub := a.Published
	if len(pub) == 0 || string(pub) == "null" {
		pub = a.Date
	}
	if len(pub) > 0 && string(pub) != "null" {
		var s string
		if err := json.Unmarshal(pub, &s); err != nil {
			// Numbers are Unix timestamps; NormaliseDate reads them.
			s = string(pub)
		}
		d.Published = s
	}
	return d, nil
}

// parseJSON reads a .json file: one article object or an array of them.
func parseJSON(data []byte) ([]graph.Document, error) {
	data = bytes.TrimSpace(data)
	if len(data) > 0 && data[0] == '[' {
		var as []json.RawMessage
		if err := json.Unmarshal(data, &as); err != nil {
			return nil, jsonErr(data, err)
		}
		docs := make([]graph.Document, 0, len(as))
		for i, raw := range as {
			var a article
			if err := json.Unmarshal(raw, &a); err != nil {
				return nil, fmt.Errorf("object %d: %w", i, graph.Errorf(graph.EINVALID, "%v", err))
			}
			d, err := a.document()
			if err != nil {
				return nil, fmt.Errorf("object %d: %w", i, err)
			}
			docs = append(docs, d)
		}
		return docs, nil
	}
	var a article
	if err := json.Unmarshal(data, &a); err != nil {
		return nil, jsonErr(data, err)
	}
	d, err := a.document()
	if err != nil {
		return nil, err
	}
	return []graph.Document{d}, nil
}

func jsonErr(data []byte, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return graph.Errorf(graph.EINVALID, "invalid JSON at byte %d: %v", se.Offset, err)
	}
	return graph.Errorf(graph.EINVALID, "invalid JSON: %v", err)
}

// jsonl reads one article per line. Each bad line is its own error (with
// the line number); the other lines are still read. Blank lines are
// skipped. Lines longer than MaxFileSize are errors.
func (r *reader) jsonl(p string, rd io.Reader) bool {
	max := r.opts.MaxFileSize
	if max < 0 || max > 1<<30 {
		max = 1 << 30
	}
	br := bufio.NewReaderSize(rd, 64<<10)
	var off int64
	for line := 1; ; line++ {
		if err := r.ctx.Err(); err != nil {
			return r.fail(err)
		}
		raw, err := readLine(br, max)
		start := off
		off += int64(len(raw))
		if errors.Is(err, ErrTooLarge) {
			if !r.yield(graph.Document{}, &Error{Path: p, Line: line, Offset: start, Err: fmt.Errorf("%w (line longer than %d bytes)", ErrTooLarge, max)}) {
				return false
			}
			// Skip the rest of the long line, unless it was read whole.
			if !bytes.HasSuffix(raw, []byte("\n")) {
				n, serr := skipLine(br)
				off += n
				if serr != nil {
					return true
				}
			}
			continue
		}
		if err != nil && err != io.EOF {
			return r.fail(&Error{Path: p, Line: line, Offset: start, Err: err})
		}
		trimmed := bytes.TrimSpace(raw)
		if len(trimmed) > 0 {
			if !r.jsonlLine(p, line, start, trimmed) {
				return false
			}
		}
		if err == io.EOF {
			return true
		}
	}
}

func (r *reader) jsonlLine(p string, line int, start int64, raw []byte) bool {
	fail := func(off int64, err error) bool {
		return r.yield(graph.Document{}, &Error{Path: p, Line: line, Offset: off, Err: err})
	}
	if i := bytes.IndexByte(raw, 0); i >= 0 {
		return fail(start+int64(i), ErrBinary)
	}
	s, err := r.checkUTF8(p, line, start, raw)
	if err != nil {
		return r.yield(graph.Document{}, err)
	}
	var a article
	if err := json.Unmarshal([]byte(s), &a); err != nil {
		return fail(-1, jsonErr([]byte(s), err))
	}
	d, err := a.document()
	if err != nil {
		return fail(-1, err)
	}
	d.Path = memberPath(p, a.ID, fmt.Sprintf(":%d", line))
	if err := r.finish(&d); err != nil {
		return fail(-1, err)
	}
	return r.yield(d, nil)
}

// readLine returns the next line including its newline, or ErrTooLarge
// after max bytes without a newline.
func readLine(br *bufio.Reader, max int64) ([]byte, error) {
	var buf []byte
	for {
		frag, err := br.ReadSlice('\n')
		buf = append(buf, frag...)
		if int64(len(buf)) > max {
			return buf, ErrTooLarge
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		return buf, err
	}
}

func skipLine(br *bufio.Reader) (int64, error) {
	var n int64
	for {
		frag, err := br.ReadSlice('\n')
		n += int64(len(frag))
		if err == bufio.ErrBufferFull {
			continue
		}
		return n, err
	}
}
