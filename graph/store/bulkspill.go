package store

import (
	"bufio"
	"cmp"
	"container/heap"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// spill is an external sort that keeps a bulk import's memory bounded
// whatever the corpus size: rows are buffered, sorted and written to run
// files when the buffer is full; each merges the runs, so rows arrive in
// order. Entity rows (one per document and entity it names) are sorted by
// (id, arrival), so the rows of one entity arrive together, in document
// order, and are folded as mergeEntities folds them online; quote rows
// (one per clustered statement) by (speaker, arrival), so each speaker's
// statements are clustered together (bulkcluster.go). An external sort,
// because the number of distinct entities and speakers grows with the
// corpus (about one per document in news), so an in-memory map does not
// stay bounded.
type spill[T any] struct {
	dir     string
	name    string // run files' prefix
	maxRows int
	codec   spillCodec[T]
	rows    []T
	runs    []string
	files   int // run files written so far, for their names
}

// spillCodec orders a spill's rows and reads and writes them in run
// files.
type spillCodec[T any] struct {
	compare func(a, b T) int
	write   func(w *runWriter, r T)
	read    func(r *runReader) T
}

func (s *spill[T]) add(r T) error {
	if s.rows == nil {
		s.rows = make([]T, 0, min(s.maxRows, 1<<16))
	}
	s.rows = append(s.rows, r)
	if len(s.rows) >= s.maxRows {
		return s.flush()
	}
	return nil
}

// entityRow is one document's contribution to an entity (buildRows'
// entity row), with its arrival number.
type entityRow struct {
	id, typ, name  string
	seq            uint64
	implied        bool
	aliases, roles []string
	first, last    string
	docs           int64
}

var entityCodec = spillCodec[entityRow]{
	compare: func(a, b entityRow) int {
		return cmp.Or(strings.Compare(a.id, b.id), cmp.Compare(a.seq, b.seq))
	},
	write: func(w *runWriter, r entityRow) {
		w.str(r.id)
		w.num(r.seq)
		w.str(r.typ)
		w.str(r.name)
		w.flag(r.implied)
		w.list(r.aliases)
		w.list(r.roles)
		w.str(r.first)
		w.str(r.last)
		w.num(uint64(r.docs))
	},
	read: func(rr *runReader) entityRow {
		var r entityRow
		r.id = rr.str()
		r.seq = rr.num()
		r.typ = rr.str()
		r.name = rr.str()
		r.implied = rr.flag()
		r.aliases = rr.list()
		r.roles = rr.list()
		r.first = rr.str()
		r.last = rr.str()
		r.docs = int64(rr.num())
		return r
	},
}

// maxRuns bounds the open run files of a merge: when flush has written
// that many, they are merged into one (so a corpus of any size merges at
// most maxRuns files at once, well under the usual 1024 open files).
const maxRuns = 64

// flush writes the buffered rows, sorted, as one run file.
func (s *spill[T]) flush() error {
	if len(s.rows) == 0 {
		return nil
	}
	slices.SortFunc(s.rows, s.codec.compare)
	err := s.writeRun(func(write func(T) error) error {
		for _, r := range s.rows {
			if err := write(r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	clear(s.rows) // drop the strings they hold
	s.rows = s.rows[:0]
	if len(s.runs) >= maxRuns {
		old := s.runs
		s.runs = nil
		if err := s.writeRun(func(write func(T) error) error { return s.merge(old, write) }); err != nil {
			return err
		}
		for _, name := range old {
			os.Remove(name)
		}
	}
	return nil
}

// writeRun writes the rows that fill produces as the next run file.
func (s *spill[T]) writeRun(fill func(write func(T) error) error) error {
	if err := os.MkdirAll(s.dir, 0o755); err != nil {
		return err
	}
	s.files++
	name := filepath.Join(s.dir, fmt.Sprintf("%s-%06d.run", s.name, s.files))
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	w := &runWriter{w: bufio.NewWriterSize(f, 256<<10)}
	err = fill(func(r T) error { s.codec.write(w, r); return nil })
	if err == nil {
		err = w.w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	s.runs = append(s.runs, name)
	return nil
}

// each calls fn for every row in order.
func (s *spill[T]) each(fn func(T) error) error {
	if len(s.runs) == 0 {
		slices.SortFunc(s.rows, s.codec.compare)
		for _, r := range s.rows {
			if err := fn(r); err != nil {
				return err
			}
		}
		return nil
	}
	if err := s.flush(); err != nil {
		return err
	}
	s.rows = nil
	return s.merge(s.runs, fn)
}

// merge calls fn for the rows of the sorted runs, in order.
func (s *spill[T]) merge(runs []string, fn func(T) error) error {
	h := runHeap[T]{less: func(a, b T) bool { return s.codec.compare(a, b) < 0 }}
	for _, name := range runs {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		rr := &runFile[T]{name: name, r: runReader{r: bufio.NewReaderSize(f, 64<<10)}, read: s.codec.read}
		ok, err := rr.next()
		if err != nil {
			return err
		}
		if ok {
			h.runs = append(h.runs, rr)
		}
	}
	heap.Init(&h)
	for len(h.runs) > 0 {
		top := h.runs[0]
		if err := fn(top.cur); err != nil {
			return err
		}
		ok, err := top.next()
		if err != nil {
			return err
		}
		if ok {
			heap.Fix(&h, 0)
		} else {
			heap.Pop(&h)
		}
	}
	return nil
}

// close removes the run files.
func (s *spill[T]) close() error {
	s.rows = nil
	if len(s.runs) == 0 {
		return nil
	}
	return os.RemoveAll(s.dir)
}

// The run format: each string as uvarint length and bytes, lists as a
// count and strings, numbers and flags as uvarints. Nothing to escape,
// cheap to read.

type runWriter struct {
	w   *bufio.Writer
	buf [binary.MaxVarintLen64]byte
}

func (w *runWriter) num(n uint64) { w.w.Write(w.buf[:binary.PutUvarint(w.buf[:], n)]) }
func (w *runWriter) str(s string) { w.num(uint64(len(s))); w.w.WriteString(s) }

func (w *runWriter) flag(b bool) {
	if b {
		w.num(1)
	} else {
		w.num(0)
	}
}

func (w *runWriter) list(l []string) {
	w.num(uint64(len(l)))
	for _, s := range l {
		w.str(s)
	}
}

// runReader reads the run format; its first error sticks, and reading on
// returns zero values.
type runReader struct {
	r   *bufio.Reader
	err error
}

func (rr *runReader) num() uint64 {
	if rr.err != nil {
		return 0
	}
	var n uint64
	n, rr.err = binary.ReadUvarint(rr.r)
	return n
}

func (rr *runReader) str() string {
	n := rr.num()
	if rr.err != nil || n == 0 {
		return ""
	}
	b := make([]byte, n)
	_, rr.err = io.ReadFull(rr.r, b)
	return string(b)
}

func (rr *runReader) flag() bool { return rr.num() == 1 }

func (rr *runReader) list() []string {
	n := rr.num()
	if rr.err != nil || n == 0 {
		return nil
	}
	l := make([]string, n)
	for i := range l {
		l[i] = rr.str()
	}
	return l
}

// runFile is one run being merged, at its current row.
type runFile[T any] struct {
	name string
	r    runReader
	read func(*runReader) T
	cur  T
}

// next reads the next row into cur; false at the end of the run.
func (rf *runFile[T]) next() (bool, error) {
	if _, err := rf.r.r.Peek(1); errors.Is(err, io.EOF) {
		return false, nil
	}
	r := rf.read(&rf.r)
	if rf.r.err != nil {
		return false, fmt.Errorf("read run %s: %w", rf.name, rf.r.err)
	}
	rf.cur = r
	return true, nil
}

type runHeap[T any] struct {
	runs []*runFile[T]
	less func(a, b T) bool
}

func (h runHeap[T]) Len() int           { return len(h.runs) }
func (h runHeap[T]) Less(i, j int) bool { return h.less(h.runs[i].cur, h.runs[j].cur) }
func (h runHeap[T]) Swap(i, j int)      { h.runs[i], h.runs[j] = h.runs[j], h.runs[i] }
func (h *runHeap[T]) Push(x any)        { h.runs = append(h.runs, x.(*runFile[T])) }
func (h *runHeap[T]) Pop() any {
	old := h.runs
	x := old[len(old)-1]
	h.runs = old[:len(old)-1]
	return x
}
