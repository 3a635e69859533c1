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

// entitySpill keeps a bulk import's memory bounded whatever the corpus
// size: entity rows (one per document and entity it names) are buffered,
// sorted by (id, arrival) and written to run files when the buffer is
// full; Close merges the runs, so the rows of one entity arrive together,
// in document order, and are folded as mergeEntities folds them online.
// An external sort, because the number of distinct entities grows with
// the corpus (about one per document in news), so an in-memory map does
// not stay bounded.
type entitySpill struct {
	dir     string
	maxRows int
	rows    []entityRow
	runs    []string
	files   int // run files written so far, for their names
	seq     uint64
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

func (s *entitySpill) add(r entityRow) error {
	s.seq++
	r.seq = s.seq
	if s.rows == nil {
		s.rows = make([]entityRow, 0, min(s.maxRows, 1<<16))
	}
	s.rows = append(s.rows, r)
	if len(s.rows) >= s.maxRows {
		return s.flush()
	}
	return nil
}

func compareRows(a, b entityRow) int {
	return cmp.Or(strings.Compare(a.id, b.id), cmp.Compare(a.seq, b.seq))
}

// maxRuns bounds the open run files of a merge: when flush has written
// that many, they are merged into one (so a corpus of any size merges at
// most maxRuns files at once, well under the usual 1024 open files).
const maxRuns = 64

// flush writes the buffered rows, sorted, as one run file.
func (s *entitySpill) flush() error {
	if len(s.rows) == 0 {
		return nil
	}
	slices.SortFunc(s.rows, compareRows)
	err := s.writeRun(func(write func(entityRow) error) error {
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
	s.rows = s.rows[:0]
	if len(s.runs) >= maxRuns {
		old := s.runs
		s.runs = nil
		if err := s.writeRun(func(write func(entityRow) error) error { return merge(old, write) }); err != nil {
			return err
		}
		for _, name := range old {
			os.Remove(name)
		}
	}
	return nil
}

// writeRun writes the rows that fill produces as the next run file.
func (s *entitySpill) writeRun(fill func(write func(entityRow) error) error) error {
	if err := os.MkdirAll(s.dir, 0o755); err != nil {
		return err
	}
	s.files++
	name := filepath.Join(s.dir, fmt.Sprintf("entities-%06d.run", s.files))
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 256<<10)
	err = fill(func(r entityRow) error { writeRow(w, r); return nil })
	if err == nil {
		err = w.Flush()
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

// each calls fn for every row in (id, arrival) order.
func (s *entitySpill) each(fn func(entityRow) error) error {
	if len(s.runs) == 0 {
		slices.SortFunc(s.rows, compareRows)
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
	return merge(s.runs, fn)
}

// merge calls fn for the rows of the sorted runs, in (id, arrival) order.
func merge(runs []string, fn func(entityRow) error) error {
	var h runHeap
	for _, name := range runs {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		rr := &runReader{r: bufio.NewReaderSize(f, 64<<10)}
		ok, err := rr.next()
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if ok {
			h = append(h, rr)
		}
	}
	heap.Init(&h)
	for len(h) > 0 {
		top := h[0]
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
func (s *entitySpill) close() error {
	s.rows = nil
	if len(s.runs) == 0 {
		return nil
	}
	return os.RemoveAll(s.dir)
}

// The run format: each string as uvarint length and bytes, lists as a
// count and strings, numbers as uvarints. Nothing to escape, cheap to read.

func writeRow(w *bufio.Writer, r entityRow) {
	var buf [binary.MaxVarintLen64]byte
	num := func(n uint64) { w.Write(buf[:binary.PutUvarint(buf[:], n)]) }
	str := func(s string) { num(uint64(len(s))); w.WriteString(s) }
	list := func(l []string) {
		num(uint64(len(l)))
		for _, s := range l {
			str(s)
		}
	}
	str(r.id)
	num(r.seq)
	str(r.typ)
	str(r.name)
	if r.implied {
		num(1)
	} else {
		num(0)
	}
	list(r.aliases)
	list(r.roles)
	str(r.first)
	str(r.last)
	num(uint64(r.docs))
}

type runReader struct {
	r   *bufio.Reader
	cur entityRow
}

// next reads the next row into cur; false at the end of the run.
func (rr *runReader) next() (bool, error) {
	var err error
	num := func() uint64 {
		if err != nil {
			return 0
		}
		var n uint64
		n, err = binary.ReadUvarint(rr.r)
		return n
	}
	str := func() string {
		n := num()
		if err != nil || n == 0 {
			return ""
		}
		b := make([]byte, n)
		_, err = io.ReadFull(rr.r, b)
		return string(b)
	}
	list := func() []string {
		n := num()
		if err != nil || n == 0 {
			return nil
		}
		l := make([]string, n)
		for i := range l {
			l[i] = str()
		}
		return l
	}
	var r entityRow
	r.id = str()
	if errors.Is(err, io.EOF) {
		return false, nil
	}
	r.seq = num()
	r.typ = str()
	r.name = str()
	r.implied = num() == 1
	r.aliases = list()
	r.roles = list()
	r.first = str()
	r.last = str()
	r.docs = int64(num())
	if err != nil {
		return false, fmt.Errorf("read entity run: %w", err)
	}
	rr.cur = r
	return true, nil
}

type runHeap []*runReader

func (h runHeap) Len() int           { return len(h) }
func (h runHeap) Less(i, j int) bool { return compareRows(h[i].cur, h[j].cur) < 0 }
func (h runHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *runHeap) Push(x any)        { *h = append(*h, x.(*runReader)) }
func (h *runHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
