// Package source reads articles from files, directories and standard input
// and turns them into graph.Documents ready for extraction.
//
// Every reader is streaming at the document level: Documents yields one
// document at a time and never holds more than one file (or one JSONL line)
// in memory. The text of an emitted document is the reference for every
// offset the extractor produces. The text of a .txt file, and the "text" of
// a JSON article, is emitted exactly as given (byte for byte when it is
// valid UTF-8), so offsets into it are also offsets into the file (after
// its front matter, when it has one); only invalid UTF-8 repair, UTF-16
// decoding, front matter removal (.txt and .md) and HTML reduction to
// paragraphs change text, and always before the document is emitted.
package source

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/whosaid/whosaid/graph"
)

// DefaultMaxFileSize is used when Options.MaxFileSize is zero.
const DefaultMaxFileSize = 10 << 20

// Options configure Documents.
type Options struct {
	// MaxFileSize is the largest file (or stdin stream, or JSONL line) read,
	// in bytes; larger inputs are reported as errors and skipped. Zero means
	// DefaultMaxFileSize; negative means no limit.
	MaxFileSize int64

	// Metadata overrides from the command line. A non-empty value replaces
	// whatever the file itself says, for every document read.
	Title, URL, Published, Source string

	// Stdin is read for the path "-". StdinFormat is its format ("txt",
	// "md", "html", "json", "jsonl"); empty means sniff the content.
	Stdin       io.Reader
	StdinFormat string

	// RejectInvalidUTF8 turns invalid UTF-8 into an error for that document
	// instead of the default repair (each invalid byte → U+FFFD) plus a
	// warning.
	RejectInvalidUTF8 bool

	// Warn receives non-fatal problems (repaired UTF-8, skipped hidden or
	// unsupported files inside directories). Nil discards them.
	Warn func(error)
}

// Error is a problem with one input: a file, a JSONL line, a byte offset.
// It unwraps to a *graph.Error with code EINVALID or ETOOLARGE.
type Error struct {
	Path   string // file name, "-" for stdin
	Line   int    // 1-based line (JSONL), 0 if not applicable
	Offset int64  // byte offset in the file, -1 if not applicable
	Err    error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Path)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Offset >= 0 {
		fmt.Fprintf(&b, " (byte %d)", e.Offset)
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Sentinel causes, wrapped in *Error; test with errors.Is.
var (
	ErrEmpty       = graph.Errorf(graph.EINVALID, "empty document")
	ErrBinary      = graph.Errorf(graph.EINVALID, "binary file skipped")
	ErrBinaryText  = graph.Errorf(graph.EINVALID, "binary text skipped (a NUL byte, or more than 10%% control characters)")
	ErrTooLarge    = graph.Errorf(graph.ETOOLARGE, "input exceeds the maximum size")
	ErrInvalidUTF8 = graph.Errorf(graph.EINVALID, "invalid UTF-8")
	ErrNoText      = graph.Errorf(graph.EINVALID, "missing \"text\"")
	ErrFormat      = graph.Errorf(graph.EINVALID, "unsupported format")
)

func fileErr(path string, off int64, err error) *Error {
	return &Error{Path: path, Offset: off, Err: err}
}

// Formats lists the file name extensions Documents reads, by format name.
var formatByExt = map[string]string{
	".txt":      "txt",
	".text":     "txt",
	".md":       "md",
	".markdown": "md",
	".html":     "html",
	".htm":      "html",
	".xhtml":    "html",
	".json":     "json",
	".jsonl":    "jsonl",
	".ndjson":   "jsonl",
}

// FormatOf returns the format name for a file path by its extension, or "".
func FormatOf(path string) string {
	return formatByExt[strings.ToLower(filepath.Ext(path))]
}

// Documents reads every path in order. A directory is walked recursively in
// lexical order, skipping hidden entries (names starting with ".") and files
// of unknown formats; "-" reads opts.Stdin. Each problem is yielded as an
// error (an *Error naming the file, and the line for JSONL) and reading goes
// on with the next document; the caller decides whether to stop.
func Documents(ctx context.Context, paths []string, opts Options) iter.Seq2[graph.Document, error] {
	return func(yield func(graph.Document, error) bool) {
		r := reader{ctx: ctx, opts: opts, yield: yield}
		if r.opts.MaxFileSize == 0 {
			r.opts.MaxFileSize = DefaultMaxFileSize
		}
		for _, p := range paths {
			if err := ctx.Err(); err != nil {
				yield(graph.Document{}, err)
				return
			}
			if !r.path(ctx, p) {
				return
			}
		}
	}
}

type reader struct {
	ctx   context.Context
	opts  Options
	yield func(graph.Document, error) bool
}

func (r *reader) warn(err error) {
	if r.opts.Warn != nil {
		r.opts.Warn(err)
	}
}

func (r *reader) fail(err error) bool { return r.yield(graph.Document{}, err) }

// path handles one command-line argument; it returns false when the consumer
// stopped the iteration.
func (r *reader) path(ctx context.Context, p string) bool {
	if p == "-" {
		if r.opts.Stdin == nil {
			return r.fail(fileErr("-", -1, errors.New("no standard input")))
		}
		// Peek to sniff, so that JSONL on stdin streams line by line like
		// a .jsonl file instead of being read whole.
		br := bufio.NewReaderSize(r.opts.Stdin, 64<<10)
		format := r.opts.StdinFormat
		if format == "" {
			head, _ := br.Peek(64 << 10)
			format = Sniff(head)
		}
		if format == "jsonl" {
			return r.jsonl("-", br)
		}
		data, err := readLimited(br, r.opts.MaxFileSize)
		if err != nil {
			return r.fail(fileErr("-", -1, err))
		}
		return r.data("-", format, data)
	}
	fi, err := os.Stat(p)
	if err != nil {
		return r.fail(fileErr(p, -1, err))
	}
	if !fi.IsDir() {
		// An explicitly named file is read whatever its extension (as text
		// if unknown), unlike files found inside directories.
		return r.file(p, fi)
	}
	var files []string
	werr := filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
		if err != nil {
			if !r.fail(fileErr(q, -1, err)) {
				return fs.SkipAll
			}
			return nil
		}
		if q != p && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if FormatOf(q) == "" {
			r.warn(fileErr(q, -1, errors.New("skipped: unknown file extension")))
			return nil
		}
		files = append(files, q)
		return nil
	})
	if werr != nil && !errors.Is(werr, fs.SkipAll) {
		if !r.fail(fileErr(p, -1, werr)) {
			return false
		}
	}
	// WalkDir already visits in lexical order; sorting keeps that explicit.
	sort.Strings(files)
	for _, f := range files {
		if ctx.Err() != nil {
			return r.fail(ctx.Err())
		}
		fi, err := os.Stat(f)
		if err != nil {
			if !r.fail(fileErr(f, -1, err)) {
				return false
			}
			continue
		}
		if !r.file(f, fi) {
			return false
		}
	}
	return true
}

func (r *reader) file(p string, fi fs.FileInfo) bool {
	if !fi.Mode().IsRegular() {
		return r.fail(fileErr(p, -1, errors.New("not a regular file")))
	}
	format := FormatOf(p)
	// JSONL streams, so its limit applies to each line (in jsonl).
	if format != "jsonl" && r.opts.MaxFileSize > 0 && fi.Size() > r.opts.MaxFileSize {
		return r.fail(fileErr(p, -1, fmt.Errorf("%w (%d bytes > %d)", ErrTooLarge, fi.Size(), r.opts.MaxFileSize)))
	}
	f, err := os.Open(p)
	if err != nil {
		return r.fail(fileErr(p, -1, err))
	}
	defer f.Close()
	if format == "jsonl" {
		return r.jsonl(p, f)
	}
	data, err := readLimited(f, r.opts.MaxFileSize)
	if err != nil {
		return r.fail(fileErr(p, -1, err))
	}
	if format == "" {
		format = Sniff(data)
	}
	return r.data(p, format, data)
}

// readLimited reads all of rd, failing with ErrTooLarge beyond max bytes.
func readLimited(rd io.Reader, max int64) ([]byte, error) {
	if max < 0 {
		return io.ReadAll(rd)
	}
	data, err := io.ReadAll(io.LimitReader(rd, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%w (more than %d bytes)", ErrTooLarge, max)
	}
	return data, nil
}

// data parses one whole input of the given format.
func (r *reader) data(p, format string, data []byte) bool {
	if format == "jsonl" {
		return r.jsonl(p, bytes.NewReader(data))
	}
	text, err := r.decode(p, data)
	if err != nil {
		return r.fail(err)
	}
	var docs []graph.Document
	switch format {
	case "txt", "md":
		parse := parseText
		if format == "md" {
			parse = parseMarkdown
		}
		d, m := parse(text)
		if m.language != "" && !isEnglish(m.language) {
			r.warn(fileErr(p, -1, fmt.Errorf("language %q: the extractor reads English only, statements will be missed", m.language)))
		}
		docs = []graph.Document{d}
	case "html":
		d, err := parseHTML(text)
		if err != nil {
			return r.fail(fileErr(p, -1, err))
		}
		docs = []graph.Document{d}
	case "json":
		ds, err := parseJSON([]byte(text))
		if err != nil {
			return r.fail(fileErr(p, -1, err))
		}
		docs = ds
	default:
		return r.fail(fileErr(p, -1, fmt.Errorf("%w %q", ErrFormat, format)))
	}
	for i, d := range docs {
		switch {
		case format == "json" && len(docs) > 1:
			d.Path = memberPath(p, d.Path, fmt.Sprintf("[%d]", i))
		case format == "json":
			d.Path = memberPath(p, d.Path, "")
		default:
			d.Path = p
		}
		if err := r.finish(&d); err != nil {
			e := fileErr(p, -1, err)
			if len(docs) > 1 {
				e.Err = fmt.Errorf("object %d: %w", i, err)
			}
			if !r.fail(e) {
				return false
			}
			continue
		}
		if !r.yield(d, nil) {
			return false
		}
	}
	return true
}

// decode turns raw file bytes into the text readers work on: binary files
// are rejected, UTF-16 with a byte-order mark is converted, a UTF-8 BOM is
// dropped and invalid UTF-8 is repaired (or rejected, per options).
func (r *reader) decode(p string, data []byte) (string, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return "", fileErr(p, -1, ErrEmpty)
	}
	if s, ok := decodeUTF16(data); ok {
		return s, nil
	}
	if off, bin := looksBinary(data); bin {
		return "", fileErr(p, off, ErrBinary)
	}
	return r.checkUTF8(p, -1, 0, data)
}

// checkUTF8 validates data (which starts at byte base of file p) and repairs
// or rejects invalid sequences.
func (r *reader) checkUTF8(p string, line int, base int64, data []byte) (string, error) {
	if utf8.Valid(data) {
		return string(data), nil
	}
	first, n := invalidUTF8(data)
	if r.opts.RejectInvalidUTF8 {
		return "", &Error{Path: p, Line: line, Offset: base + int64(first), Err: ErrInvalidUTF8}
	}
	r.warn(&Error{Path: p, Line: line, Offset: base + int64(first),
		Err: fmt.Errorf("invalid UTF-8 repaired: %d invalid byte(s), each run replaced with U+FFFD", n)})
	return string(bytes.ToValidUTF8(data, []byte("\uFFFD"))), nil
}

// invalidUTF8 returns the offset of the first invalid byte and the number of
// invalid bytes in data.
func invalidUTF8(data []byte) (first, n int) {
	first = -1
	for i := 0; i < len(data); {
		c, size := utf8.DecodeRune(data[i:])
		if c == utf8.RuneError && size == 1 {
			if first < 0 {
				first = i
			}
			n++
		}
		i += size
	}
	return first, n
}

// looksBinary reports whether data is not text: a NUL byte, or more than 10%
// control characters other than tab, newline, carriage return and form feed
// in the first 8 KiB. It returns the offset of the first offending byte.
func looksBinary(data []byte) (int64, bool) {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return int64(i), true
	}
	return mostlyControl(data)
}

// looksBinaryText is looksBinary for a decoded text.
func looksBinaryText(text string) (int64, bool) {
	if i := strings.IndexByte(text, 0); i >= 0 {
		return int64(i), true
	}
	return mostlyControl(text)
}

func mostlyControl[T string | []byte](data T) (int64, bool) {
	head := data
	if len(head) > 8<<10 {
		head = head[:8<<10]
	}
	ctrl, first := 0, -1
	for i := 0; i < len(head); i++ {
		if c := head[i]; c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7f {
			ctrl++
			if first < 0 {
				first = i
			}
		}
	}
	if ctrl*10 > len(head) {
		return int64(first), true
	}
	return -1, false
}

// decodeUTF16 converts data that starts with a UTF-16 byte-order mark.
func decodeUTF16(data []byte) (string, bool) {
	if len(data) < 2 || len(data)%2 != 0 {
		return "", false
	}
	var big bool
	switch {
	case data[0] == 0xfe && data[1] == 0xff:
		big = true
	case data[0] == 0xff && data[1] == 0xfe:
	default:
		return "", false
	}
	u := make([]uint16, 0, len(data)/2-1)
	for i := 2; i+1 < len(data); i += 2 {
		if big {
			u = append(u, uint16(data[i])<<8|uint16(data[i+1]))
		} else {
			u = append(u, uint16(data[i+1])<<8|uint16(data[i]))
		}
	}
	return string(utf16.Decode(u)), true
}

// finish applies overrides, normalises the metadata, checks that the text
// is not blank and sets the content id. The text itself is left alone.
//
// The binary test of files (looksBinary) applies to every text here too,
// whatever the reader: a JSON article whose "text" decodes to a NUL byte
// (written "\u0000") is refused like a file that holds one, so that
// `whosaid ingest` and POST /documents accept the same articles.
func (r *reader) finish(d *graph.Document) error {
	if strings.TrimSpace(strings.TrimPrefix(d.Text, "\ufeff")) == "" {
		return ErrEmpty
	}
	if off, bin := looksBinaryText(d.Text); bin {
		return fmt.Errorf("text byte %d: %w", off, ErrBinaryText)
	}
	if r.opts.Title != "" {
		d.Title = r.opts.Title
	}
	if r.opts.URL != "" {
		d.URL = r.opts.URL
	}
	if r.opts.Source != "" {
		d.Source = r.opts.Source
	}
	if r.opts.Published != "" {
		d.Published = r.opts.Published
	}
	if d.Published != "" {
		p, ok := NormaliseDate(d.Published)
		if !ok {
			// A date we cannot read is dropped rather than failing the
			// article: statements then simply carry no date.
			r.warn(fileErr(d.Path, -1, fmt.Errorf("unrecognised published date %q ignored", d.Published)))
		}
		d.Published = p
	}
	if d.Modified != "" {
		// a modification date we cannot read is simply not kept
		d.Modified, _ = NormaliseDate(d.Modified)
	}
	d.Language = strings.TrimSpace(d.Language)
	d.Title = strings.Join(strings.Fields(d.Title), " ")
	d.ID = ID(d.Text)
	return nil
}

// isEnglish reports whether a front matter language (a BCP 47 tag or a
// name) is English.
func isEnglish(lang string) bool {
	l := strings.ToLower(strings.TrimSpace(lang))
	return l == "en" || l == "english" || strings.HasPrefix(l, "en-") || strings.HasPrefix(l, "en_")
}

// ID returns the content id of a document text: "sha256:" + hex digest.
func ID(text string) string {
	sum := sha256.Sum256([]byte(text))
	return "sha256:" + hex.EncodeToString(sum[:])
}
