// Package pipeline runs ingestion: it reads documents, extracts them in
// parallel workers and writes the extractions to the graph in batches, with
// bounded memory (every stage is joined by a small channel, so a corpus of
// any size streams through) and per-document outcomes.
package pipeline

import (
	"context"
	"fmt"
	"iter"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/graph/store"
)

// Loader writes a batch of extractions, each document all-or-nothing.
// *store.Store implements it.
type Loader interface {
	Load(ctx context.Context, exts []graph.Extraction) []store.LoadResult
}

// ExtractFunc analyses one document.
type ExtractFunc func(graph.Document) graph.Extraction

// ExtractContextFunc analyses one document unless ctx is done first, and
// then returns ctx's error (as (*extract.Extractor).ExtractContext does).
type ExtractContextFunc func(context.Context, graph.Document) (graph.Extraction, error)

// Options tune a run. Zero values mean the defaults.
type Options struct {
	// Extract, when set, analyses each input's Document (whatever entities
	// and statements the input carried are replaced). When nil the inputs
	// are already extractions ("whosaid extract" output).
	Extract ExtractFunc
	// ExtractContext is Extract with the run's context, so that a
	// cancelled run does not wait for the documents being analysed. It
	// takes precedence over Extract.
	ExtractContext ExtractContextFunc

	Workers         int // extraction workers; default GOMAXPROCS
	Writers         int // concurrent write transactions; default 2
	BatchDocs       int // documents per transaction at most; default 100
	BatchStatements int // statements per transaction at most; default 2000
	BatchBytes      int // document text bytes per transaction at most; default 8 MiB

	// FlushAfter bounds how long a part-filled batch waits for more
	// documents (slow inputs such as stdin); default 250ms.
	FlushAfter time.Duration

	// RetryFor is how long a batch is retried while Neo4j is unreachable
	// before its documents are reported failed; default 2 minutes.
	RetryFor time.Duration

	// Progress, when set, is called about every ProgressEvery (default
	// 250ms) and once at the end with the counters so far.
	Progress      func(Stats)
	ProgressEvery time.Duration

	// Result, when set, is called for every document outcome (from the
	// writer goroutines, one call at a time).
	Result func(Outcome)
}

// Stats are the running counters of a run.
type Stats struct {
	Read       int64         `json:"read"`       // inputs taken from the source, including read errors
	Written    int64         `json:"written"`    // new documents
	Replaced   int64         `json:"replaced"`   // documents that replaced an older version of their key
	Skipped    int64         `json:"skipped"`    // already present: nothing written
	Failed     int64         `json:"failed"`     // read, extraction or write failed
	Statements int64         `json:"statements"` // statements written
	Elapsed    time.Duration `json:"-"`
}

// Done is the number of inputs whose outcome is known.
func (s Stats) Done() int64 { return s.Written + s.Replaced + s.Skipped + s.Failed }

// Outcome is what happened to one input.
type Outcome struct {
	DocumentID string
	Key        string
	Status     store.LoadStatus
	Statements int
	Err        error
}

// Summary is the result of a run.
type Summary struct {
	Stats
	Seconds    float64   `json:"seconds"`
	DocsPerSec float64   `json:"documents_per_second"`
	StmtPerSec float64   `json:"statements_per_second"`
	Failures   []Failure `json:"failures,omitempty"`
	// FailuresOmitted counts failures beyond the ones listed.
	FailuresOmitted int64 `json:"failures_omitted,omitempty"`
}

// Failure names one document that is not in the graph and why.
type Failure struct {
	Document string `json:"document,omitempty"` // id, when known
	Key      string `json:"key,omitempty"`      // url or path, when known
	Error    string `json:"error"`
}

// maxListedFailures bounds the memory a run with many bad inputs uses.
const maxListedFailures = 10000

type item struct {
	ext graph.Extraction
	err error
}

// Run ingests every input. It returns when all inputs have an outcome or
// ctx is cancelled; the error is non-nil only for cancellation, and then the
// documents in flight count as neither done nor failed (a rerun completes
// them). Per-document failures are in the summary.
func Run(ctx context.Context, inputs iter.Seq2[graph.Extraction, error], load Loader, opts Options) (Summary, error) {
	opts = withDefaults(opts)
	r := &run{opts: opts, load: load, start: time.Now()}
	r.inflight.init()

	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	in := make(chan item, opts.Workers*2)
	out := make(chan item, opts.Workers*2)
	batches := make(chan []graph.Extraction, opts.Writers)

	// Reader.
	go func() {
		defer close(in)
		for ext, err := range inputs {
			r.stats.read.Add(1)
			select {
			case in <- item{ext: ext, err: err}:
			case <-ctx.Done():
				return
			}
		}
	}()

	// Extraction workers.
	extract := opts.ExtractContext
	if extract == nil && opts.Extract != nil {
		f := opts.Extract
		extract = func(_ context.Context, d graph.Document) (graph.Extraction, error) { return f(d), nil }
	}
	var wg sync.WaitGroup
	for range opts.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range in {
				if it.err == nil && extract != nil {
					it.ext, it.err = safeExtract(ctx, extract, it.ext.Document)
				}
				select {
				case out <- it:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(out) }()

	// Batcher: input errors become failures at once; extractions are
	// grouped into transactions.
	go func() {
		defer close(batches)
		var batch []graph.Extraction
		var keys []string // of the documents in batch
		var stmts, bytes int
		timer := time.NewTimer(opts.FlushAfter)
		defer timer.Stop()
		flush := func() bool {
			if len(batch) == 0 {
				return true
			}
			r.inflight.add(batch)
			select {
			case batches <- batch:
			case <-ctx.Done():
				r.inflight.done(batch)
				return false
			}
			batch, keys, stmts, bytes = nil, nil, 0, 0
			return true
		}
		for {
			select {
			case it, ok := <-out:
				if !ok {
					flush()
					return
				}
				if it.err != nil {
					if ctx.Err() == nil {
						r.fail(it.ext.Document, it.err)
					}
					continue
				}
				// Two versions of one key must be written in input order,
				// the later replacing the earlier. Within a batch Load sees
				// to that; across batches the later one waits until the
				// batch holding the earlier one is written.
				k := store.DocumentKey(it.ext.Document)
				if k != "" && !slices.Contains(keys, k) && r.inflight.busy(k) {
					if !flush() {
						return
					}
					r.inflight.wait(k)
				}
				if len(batch) > 0 && (stmts+len(it.ext.Statements) > opts.BatchStatements || bytes+len(it.ext.Document.Text) > opts.BatchBytes) {
					if !flush() {
						return
					}
				}
				if len(batch) == 0 {
					timer.Reset(opts.FlushAfter)
				}
				batch = append(batch, it.ext)
				if k != "" {
					keys = append(keys, k)
				}
				stmts += len(it.ext.Statements)
				bytes += len(it.ext.Document.Text)
				if len(batch) >= opts.BatchDocs {
					if !flush() {
						return
					}
				}
			case <-timer.C:
				if !flush() {
					return
				}
				timer.Reset(opts.FlushAfter)
			case <-ctx.Done():
				return
			}
		}
	}()

	// Progress.
	progressDone := make(chan struct{})
	if opts.Progress != nil {
		go func() {
			t := time.NewTicker(opts.ProgressEvery)
			defer t.Stop()
			for {
				select {
				case <-t.C:
					opts.Progress(r.snapshot())
				case <-progressDone:
					return
				}
			}
		}()
	}

	// Writers.
	var wwg sync.WaitGroup
	for range opts.Writers {
		wwg.Add(1)
		go func() {
			defer wwg.Done()
			for b := range batches {
				r.write(ctx, b)
				r.inflight.done(b)
			}
		}()
	}
	wwg.Wait()
	close(progressDone)

	sum := r.summary()
	if opts.Progress != nil {
		opts.Progress(sum.Stats)
	}
	return sum, parent.Err()
}

func withDefaults(o Options) Options {
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.Writers <= 0 {
		o.Writers = 2
	}
	if o.BatchDocs <= 0 {
		o.BatchDocs = 100
	}
	if o.BatchStatements <= 0 {
		o.BatchStatements = 2000
	}
	if o.BatchBytes <= 0 {
		o.BatchBytes = 8 << 20
	}
	if o.FlushAfter <= 0 {
		o.FlushAfter = 250 * time.Millisecond
	}
	if o.RetryFor <= 0 {
		o.RetryFor = 2 * time.Minute
	}
	if o.ProgressEvery <= 0 {
		o.ProgressEvery = 250 * time.Millisecond
	}
	return o
}

func safeExtract(ctx context.Context, f ExtractContextFunc, doc graph.Document) (ext graph.Extraction, err error) {
	defer func() {
		if p := recover(); p != nil {
			ext = graph.Extraction{Document: doc}
			err = fmt.Errorf("extract %s: panic: %v", docName(doc), p)
		}
	}()
	ext, err = f(ctx, doc)
	if ext.Document.ID == "" {
		ext.Document = doc
	}
	return ext, err
}

type run struct {
	opts  Options
	load  Loader
	start time.Time
	stats struct {
		read, written, replaced, skipped, failed, statements atomic.Int64
	}
	mu       sync.Mutex // guards failures, omitted and calls to opts.Result
	failures []Failure
	omitted  int64
	inflight inflight
}

// inflight counts the keys of the batches handed to writers and not yet
// written. It holds at most a few batches' keys, whatever the corpus size.
type inflight struct {
	mu   sync.Mutex
	cond *sync.Cond
	keys map[string]int
}

func (f *inflight) init() {
	f.cond = sync.NewCond(&f.mu)
	f.keys = make(map[string]int)
}

func (f *inflight) add(batch []graph.Extraction) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, e := range batch {
		if k := store.DocumentKey(e.Document); k != "" {
			f.keys[k]++
		}
	}
}

func (f *inflight) done(batch []graph.Extraction) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, e := range batch {
		if k := store.DocumentKey(e.Document); k != "" {
			if f.keys[k]--; f.keys[k] <= 0 {
				delete(f.keys, k)
			}
		}
	}
	f.cond.Broadcast()
}

func (f *inflight) busy(k string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.keys[k] > 0
}

// wait blocks until no batch in flight holds k. Writers always finish their
// batches (a cancelled context makes them fail fast), so it returns.
func (f *inflight) wait(k string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for f.keys[k] > 0 {
		f.cond.Wait()
	}
}

// write loads one batch, retrying the documents that failed because Neo4j
// was unreachable until opts.RetryFor has passed. Documents are never
// duplicated by a retry: a document that did commit before the connection
// dropped is found present and skipped.
func (r *run) write(ctx context.Context, batch []graph.Extraction) {
	var firstFailure time.Time
	delay := 500 * time.Millisecond
	for len(batch) > 0 {
		results := r.load.Load(ctx, batch)
		var retry []graph.Extraction
		for i, res := range results {
			if res.Status == store.Failed && store.IsUnavailable(res.Err) && ctx.Err() == nil {
				if firstFailure.IsZero() {
					firstFailure = time.Now()
				}
				if time.Since(firstFailure) < r.opts.RetryFor {
					retry = append(retry, batch[i])
					continue
				}
			}
			if res.Status == store.Failed && ctx.Err() != nil {
				// Interrupted, not failed: the document is simply not done,
				// and a rerun will write it.
				continue
			}
			r.record(res)
		}
		if len(retry) == 0 {
			return
		}
		select {
		case <-time.After(delay):
		case <-ctx.Done():
			return // interrupted: these documents are not done
		}
		delay = min(delay*2, 10*time.Second)
		batch = retry
	}
}

func (r *run) record(res store.LoadResult) {
	switch res.Status {
	case store.Written:
		r.stats.written.Add(1)
	case store.Replaced:
		r.stats.replaced.Add(1)
	case store.Skipped:
		r.stats.skipped.Add(1)
	default:
		r.stats.failed.Add(1)
		r.addFailure(Failure{Document: res.DocumentID, Key: res.Key, Error: errString(res.Err)})
	}
	r.stats.statements.Add(int64(res.Statements))
	if r.opts.Result != nil {
		r.mu.Lock()
		r.opts.Result(Outcome{DocumentID: res.DocumentID, Key: res.Key, Status: res.Status, Statements: res.Statements, Err: res.Err})
		r.mu.Unlock()
	}
}

func (r *run) fail(doc graph.Document, err error) {
	r.stats.failed.Add(1)
	r.addFailure(Failure{Document: doc.ID, Key: doc.Key(), Error: errString(err)})
	if r.opts.Result != nil {
		r.mu.Lock()
		r.opts.Result(Outcome{DocumentID: doc.ID, Key: doc.Key(), Status: store.Failed, Err: err})
		r.mu.Unlock()
	}
}

func (r *run) addFailure(f Failure) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.failures) < maxListedFailures {
		r.failures = append(r.failures, f)
	} else {
		r.omitted++
	}
}

func (r *run) snapshot() Stats {
	return Stats{
		Read:       r.stats.read.Load(),
		Written:    r.stats.written.Load(),
		Replaced:   r.stats.replaced.Load(),
		Skipped:    r.stats.skipped.Load(),
		Failed:     r.stats.failed.Load(),
		Statements: r.stats.statements.Load(),
		Elapsed:    time.Since(r.start),
	}
}

func (r *run) summary() Summary {
	st := r.snapshot()
	s := Summary{Stats: st, Seconds: st.Elapsed.Seconds()}
	if s.Seconds > 0 {
		s.DocsPerSec = float64(st.Done()) / s.Seconds
		s.StmtPerSec = float64(st.Statements) / s.Seconds
	}
	r.mu.Lock()
	s.Failures = append([]Failure(nil), r.failures...)
	s.FailuresOmitted = r.omitted
	r.mu.Unlock()
	return s
}

func errString(err error) string {
	if err == nil {
		return "unknown error"
	}
	return err.Error()
}

func docName(d graph.Document) string {
	if k := d.Key(); k != "" {
		return k
	}
	return d.ID
}

// Documents adapts a document source to Run's input: each document becomes
// an extraction to be analysed by Options.Extract.
func Documents(docs iter.Seq2[graph.Document, error]) iter.Seq2[graph.Extraction, error] {
	return func(yield func(graph.Extraction, error) bool) {
		for d, err := range docs {
			if !yield(graph.Extraction{Document: d}, err) {
				return
			}
		}
	}
}
