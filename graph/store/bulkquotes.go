package store

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"os"
	"slices"

	"github.com/cockroachdb/pebble/v2"
	"github.com/cockroachdb/pebble/v2/bloom"

	"github.com/whosaid/whosaid/graph/quote"
)

// bulkQuotes is quote.Index for the speakers of a bulk import too large
// to cluster in memory (bulkcluster.go): what the loader finds in Neo4j
// (Statement.quote_variant and the QUOTE_KEY relationships of migration
// 10), kept in an on-disk key-value store (Pebble, an LSM tree) so that
// memory stays bounded however many statements a speaker has. It was the
// whole corpus's index before the quote pass sorted statements by
// speaker: at a million articles (130 million key entries) a lookup cost
// several block reads, and the import's CPU per document grew fourfold.
//
// Records:
//
//	"v" variant → uvarint-prefixed quote id, uvarint-prefixed speaker key, content
//	"k" key     → variants sharing the key, each uvarint-prefixed, in arrival order
//
// The key lists grow by Pebble's merge operator (concatenation), so adding
// a report never reads. Lookups answer as quote.MemIndex does: the first
// report of a variant is the one kept, and candidates beyond
// quote.MaxCandidates are the ones sharing most keys, ties in arrival
// order.
type bulkQuotes struct {
	o      quote.Options
	dir    string
	db     *pebble.DB
	filter *bloomFilter   // every record key written: most lookups miss
	lens   map[string]int // entries of the keys Candidates read, until the next add
}

// bulkKeyCap bounds the reports a key lists. A key that a speaker's stock
// phrase shares with thousands of reports would otherwise make every
// lookup through it read and rank all of them (the import's CPU per
// document grew ninefold over 360,000 documents of bench/gen's corpus,
// whose templates share many band keys); the loader's key lookup
// likewise reads at most 64 wordings per key. Past the cap a key keeps
// its first reports: a copy still finds its original through the keys
// they share that are not stock phrases (the anchors, most bands).
const bulkKeyCap = 64

// The memory budget: Pebble's block cache and two memtables of
// bulkQuotesMemtable (allocated outside the Go heap), and a Bloom filter
// of the record keys in front of Pebble. A lookup the filter rejects costs
// a few hundred nanoseconds instead of a Pebble read (memtable, filter and
// index blocks: tens of microseconds), and most lookups are rejected:
// most remarks are reported once. Its size is fixed, so it fills as the
// speakers on disk grow (they are a few of a corpus's speakers: 16 MB
// holds 13 million keys at a false positive rate below 2%; a false
// positive only costs a Pebble read).
const (
	bulkQuotesCache    = 16 << 20
	bulkQuotesMemtable = 16 << 20
	bulkQuotesFilter   = 16 << 20
)

// openBulkQuotes creates the index in dir, which must not exist or be
// empty: it is scratch space, removed by close.
func openBulkQuotes(o quote.Options, dir string) (*bulkQuotes, error) {
	if err := os.RemoveAll(dir); err != nil {
		return nil, fmt.Errorf("quote index %s: %w", dir, err)
	}
	cache := pebble.NewCache(bulkQuotesCache)
	defer cache.Unref()
	opts := &pebble.Options{
		Cache:                       cache,
		MemTableSize:                bulkQuotesMemtable,
		MemTableStopWritesThreshold: 2,
		DisableWAL:                  true, // scratch: a crashed import starts again
		Merger:                      pebble.DefaultMerger,
		Logger:                      quietLogger{},
	}
	for i := range opts.Levels {
		// Most lookups are misses (a remark reported once): the filters
		// answer them without reading a block.
		opts.Levels[i].FilterPolicy = bloom.FilterPolicy(10)
	}
	db, err := pebble.Open(dir, opts)
	if err != nil {
		return nil, fmt.Errorf("quote index %s: %w", dir, err)
	}
	return &bulkQuotes{o: o.WithDefaults(), dir: dir, db: db, filter: newBloomFilter(bulkQuotesFilter), lens: map[string]int{}}, nil
}

// bloomFilter is a fixed-size Bloom filter of strings, three probes by
// double hashing of one 64-bit hash.
type bloomFilter struct {
	bits []uint64
	seed maphash.Seed
}

func newBloomFilter(bytes int) *bloomFilter {
	return &bloomFilter{bits: make([]uint64, bytes/8), seed: maphash.MakeSeed()}
}

func (f *bloomFilter) probes(s []byte, fn func(word int, bit uint64) bool) bool {
	h := maphash.Bytes(f.seed, s)
	h1, h2 := h, h>>33|h<<31|1
	m := uint64(len(f.bits)) * 64
	for i := range uint64(3) {
		p := (h1 + i*h2) % m
		if !fn(int(p/64), 1<<(p%64)) {
			return false
		}
	}
	return true
}

func (f *bloomFilter) add(s []byte) {
	f.probes(s, func(w int, b uint64) bool { f.bits[w] |= b; return true })
}

// mayHave is false when s was certainly never added.
func (f *bloomFilter) mayHave(s []byte) bool {
	return f.probes(s, func(w int, b uint64) bool { return f.bits[w]&b != 0 })
}

// quietLogger keeps Pebble's informational messages off the import's
// output; errors come back through the calls.
type quietLogger struct{}

func (quietLogger) Infof(string, ...any)         {}
func (quietLogger) Errorf(string, ...any)        {}
func (quietLogger) Fatalf(f string, args ...any) { panic(fmt.Sprintf(f, args...)) }

func (x *bulkQuotes) close() error {
	err := x.db.Close()
	if rerr := os.RemoveAll(x.dir); err == nil {
		err = rerr
	}
	return err
}

func recordKey(tag byte, s string) []byte {
	k := make([]byte, 0, 1+len(s))
	return append(append(k, tag), s...)
}

// get returns a copy of the value of key, nil when there is none.
func (x *bulkQuotes) get(key []byte) ([]byte, error) {
	if !x.filter.mayHave(key) {
		return nil, nil
	}
	v, closer, err := x.db.Get(key)
	if errors.Is(err, pebble.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	out := slices.Clone(v)
	return out, closer.Close()
}

// report is a stored variant's record.
type report struct {
	quote, speaker, content string
}

func (x *bulkQuotes) variant(v string) (report, bool, error) {
	b, err := x.get(recordKey('v', v))
	if err != nil || b == nil {
		return report{}, false, err
	}
	var r report
	var ok bool
	if r.quote, b, ok = cutString(b); !ok {
		return report{}, false, fmt.Errorf("quote index: bad record for variant %s", v)
	}
	if r.speaker, b, ok = cutString(b); !ok {
		return report{}, false, fmt.Errorf("quote index: bad record for variant %s", v)
	}
	r.content = string(b)
	return r, true, nil
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

func cutString(b []byte) (string, []byte, bool) {
	n, k := binary.Uvarint(b)
	if k <= 0 || uint64(len(b)-k) < n {
		return "", nil, false
	}
	return string(b[k : k+int(n)]), b[k+int(n):], true
}

// Exact implements quote.Index.
func (x *bulkQuotes) Exact(_ context.Context, variants []string) (map[string]string, error) {
	out := make(map[string]string)
	for _, v := range variants {
		r, ok, err := x.variant(v)
		if err != nil {
			return nil, err
		}
		if ok {
			out[v] = r.quote
		}
	}
	return out, nil
}

// Candidates implements quote.Index.
func (x *bulkQuotes) Candidates(_ context.Context, sigs []quote.Signature) ([][]quote.Candidate, error) {
	out := make([][]quote.Candidate, len(sigs))
	for i, sig := range sigs {
		lists := make([][]string, len(sig.Keys))
		for j, k := range sig.Keys {
			b, err := x.get(recordKey('k', k))
			if err != nil {
				return nil, err
			}
			for len(b) > 0 {
				v, rest, ok := cutString(b)
				if !ok {
					return nil, fmt.Errorf("quote index: bad record for key %s", k)
				}
				b = rest
				lists[j] = append(lists[j], v)
			}
			x.lens[k] = len(lists[j])
		}
		for _, v := range quote.MostShared(lists) {
			r, ok, err := x.variant(v)
			if err != nil {
				return nil, err
			}
			if ok {
				out[i] = append(out[i], quote.Candidate{Quote: r.quote, Speaker: r.speaker, Content: r.content})
			}
		}
	}
	return out, nil
}

// put records a quote's report of a wording the index does not have
// yet: its first report is the one kept, as quote.MemIndex keeps it.
// Writes go to a Pebble batch, committed by flush.
func (x *bulkQuotes) put(b *pebble.Batch, quoteID string, sig quote.Signature, content string) error {
	vk := recordKey('v', sig.Variant)
	rec := appendString(appendString(nil, quoteID), sig.Speaker)
	rec = append(rec, content...)
	if err := b.Set(vk, rec, nil); err != nil {
		return err
	}
	x.filter.add(vk)
	entry := appendString(nil, sig.Variant)
	for _, k := range sig.Keys {
		if n, ok := x.lens[k]; ok && n >= bulkKeyCap {
			continue
		}
		// Keys Candidates did not read (a batch whose exact variants
		// were all known) are not counted: they may pass the cap by a
		// batch's reports.
		if _, ok := x.lens[k]; ok {
			x.lens[k]++
		}
		kk := recordKey('k', k)
		if err := b.Merge(kk, entry, nil); err != nil {
			return err
		}
		x.filter.add(kk)
	}
	return nil
}

// add records a batch's assignments, so the next batch sees them.
func (x *bulkQuotes) add(items []quote.Item, as []quote.Assignment) error {
	b := x.db.NewBatch()
	defer b.Close()
	defer clear(x.lens)
	added := make(map[string]bool)
	for i, a := range as {
		sig := a.Signature
		if a.Quote == "" || added[sig.Variant] {
			continue
		}
		added[sig.Variant] = true
		if _, ok, err := x.variant(sig.Variant); err != nil {
			return err
		} else if ok {
			continue
		}
		if err := x.put(b, a.Quote, sig, items[i].Content); err != nil {
			return err
		}
	}
	if b.Empty() {
		return nil
	}
	return b.Commit(pebble.NoSync)
}
