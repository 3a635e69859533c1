package store

import (
	"cmp"
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/cockroachdb/pebble/v2"

	"github.com/whosaid/whosaid/graph/quote"
)

// The quote pass of a bulk import. Load gives each statement its
// signature (quote_variant and the key slots depend on its speakers and words
// only) and spills one quoteRow per clustered statement; Close sorts them
// by (speaker, arrival) and clusters one speaker at a time, a Load batch
// at a time, as the loader clusters the same documents batch by batch:
// every key and variant is speaker-bound (quote.Sign), so a statement's
// quote depends only on its speaker's earlier statements. A speaker's
// index is then small and in memory, and once the speaker is done every
// report of its quotes is known, so the pass writes each quote whole: its
// summary (as recomputeQuotes computes it), the id its first report gives
// it, BY and REPORTS (the statements carry their own key slots), and
// import --finish has nothing left to compute for it.
//
// A speaker whose index outgrows bulkSpeakerMem (a few of the most quoted
// speakers of a corpus of millions) goes on in an on-disk index
// (bulkQuotes, Pebble), and its quotes are written as the loader founds
// them: founding id, no summary; import --finish (RefreshQuotes on
// the quotes without a summary) computes those on the server. Memory stays
// bounded: the sort's buffer, one speaker's index up to bulkSpeakerMem,
// and Pebble's budget when it is open.

// quoteRow is one statement to cluster, with what a quote's summary needs
// of it.
type quoteRow struct {
	speaker   string // quote.SpeakerKey
	seq       uint64 // arrival order
	batch     uint64 // the Load call it came in
	statement string
	content   string
	speakers  []string // distinct entity ids, sorted
	date      string   // "" when undated
	document  string
	outlet    string // "" when the document has none
	start     int64
}

var quoteCodec = spillCodec[quoteRow]{
	compare: func(a, b quoteRow) int {
		return cmp.Or(strings.Compare(a.speaker, b.speaker), cmp.Compare(a.seq, b.seq))
	},
	write: func(w *runWriter, r quoteRow) {
		w.str(r.speaker)
		w.num(r.seq)
		w.num(r.batch)
		w.str(r.statement)
		w.str(r.content)
		w.list(r.speakers)
		w.str(r.date)
		w.str(r.document)
		w.str(r.outlet)
		w.num(uint64(r.start))
	},
	read: func(rr *runReader) quoteRow {
		var r quoteRow
		r.speaker = rr.str()
		r.seq = rr.num()
		r.batch = rr.num()
		r.statement = rr.str()
		r.content = rr.str()
		r.speakers = rr.list()
		r.date = rr.str()
		r.document = rr.str()
		r.outlet = rr.str()
		r.start = int64(rr.num())
		return r
	},
}

// quoteRunRows is how many quote rows the sort holds in memory (about 30
// MB) before it writes a sorted run.
const quoteRunRows = 100_000

// bulkSpeakerMem bounds the estimated memory of one speaker's in-memory
// index and quotes (an estimate from string lengths and fixed costs per
// entry and key): past it the speaker goes on on disk. 64 MB let the CSV
// writer's RSS reach 322 MB on the 1M-article corpus (docs/scaling.md).
const bulkSpeakerMem = 32 << 20

// signStatements gives the statements of docs their quote signature
// properties and spills the clustered ones for the quote pass.
func (b *Bulk) signStatements(docs []*preparedDoc) error {
	b.batch++
	for _, d := range docs {
		outlet, _ := d.props["outlet"].(string)
		for k := range d.statements {
			st := &d.statements[k]
			ids := st.speakerIDs()
			text, _ := st.props["text"].(string)
			sig, ok := quote.Sign(b.quoteOpts, quote.SpeakerKey(ids), text)
			if !ok {
				delete(st.props, "quote_variant")
				setSlots(st.props, nil)
				continue
			}
			st.props["quote_variant"] = sig.Variant
			setSlots(st.props, &sig)
			b.seq++
			date, _ := st.props["date"].(string)
			start, _ := st.props["start"].(int64)
			row := quoteRow{speaker: sig.Speaker, seq: b.seq, batch: b.batch, statement: st.props["id"].(string),
				content: text, speakers: slices.Compact(slices.Sorted(slices.Values(ids))),
				date: date, document: d.id, outlet: outlet, start: start}
			if err := b.quoteSpill.add(row); err != nil {
				return fmt.Errorf("quote sort: %w", err)
			}
		}
	}
	return nil
}

// quotePass clusters the sorted quote rows and writes the quotes.
type quotePass struct {
	ctx     context.Context
	o       quote.Options
	sink    BulkSink
	tmp     string
	disk    *bulkQuotes // opened for the first speaker too large for memory
	founded int
	maxMem  int // bulkSpeakerMem, but in tests

	speaker string
	mem     *speakerQuotes       // nil once the speaker went on disk
	quotes  map[string]*quoteAcc // by founding id, until written
	order   []*quoteAcc          // in founding order
	batch   []quoteRow           // the speaker's rows of one Load batch
}

// clusterQuotes runs the quote pass over the spilled rows and returns how
// many quotes it founded.
func (b *Bulk) clusterQuotes(ctx context.Context) (int, error) {
	p := &quotePass{ctx: ctx, o: b.quoteOpts, sink: b.sink, tmp: b.tmp, maxMem: b.speakerMem}
	defer func() {
		if p.disk != nil {
			p.disk.close()
		}
	}()
	err := b.quoteSpill.each(func(r quoteRow) error {
		if r.speaker != p.speaker {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := p.endSpeaker(); err != nil {
				return err
			}
			p.speaker, p.mem, p.quotes = r.speaker, newSpeakerQuotes(), map[string]*quoteAcc{}
		} else if len(p.batch) > 0 && r.batch != p.batch[0].batch {
			if err := p.flushBatch(); err != nil {
				return err
			}
		}
		p.batch = append(p.batch, r)
		return nil
	})
	if err == nil {
		err = p.endSpeaker()
	}
	if err == nil && p.disk != nil {
		err = p.disk.close()
		p.disk = nil
	}
	return p.founded, err
}

// flushBatch clusters the speaker's rows of one batch.
func (p *quotePass) flushBatch() error {
	if len(p.batch) == 0 {
		return nil
	}
	rows := p.batch
	p.batch = p.batch[:0]
	items := make([]quote.Item, len(rows))
	for i, r := range rows {
		items[i] = quote.Item{Speaker: r.speaker, Content: r.content}
	}
	var idx quote.Index = p.disk
	if p.mem != nil {
		idx = p.mem
	}
	as, err := quote.Cluster(p.ctx, p.o, items, idx)
	if err != nil {
		return err
	}
	if p.mem == nil {
		return p.writeFounded(rows, items, as)
	}
	for i, a := range as {
		if a.Quote == "" {
			continue // not reached: rows are the statements Sign accepts
		}
		q := p.quotes[a.Quote]
		if q == nil {
			q = &quoteAcc{founder: a.Quote, speaker: a.Signature.Speaker, speakers: rows[i].speakers}
			p.quotes[a.Quote] = q
			p.order = append(p.order, q)
			p.founded++
			p.mem.bytes += 256
		}
		q.add(rows[i], a.Signature)
		p.mem.bytes += 64 + len(rows[i].statement)
		p.mem.add(a.Quote, a.Signature, rows[i].content)
	}
	if p.mem.bytes > p.maxMem {
		return p.toDisk()
	}
	return nil
}

// writeFounded writes a batch of a speaker on disk as the loader founds
// its quotes: new quotes with their speakers, and the reports.
func (p *quotePass) writeFounded(rows []quoteRow, items []quote.Item, as []quote.Assignment) error {
	for i, a := range as {
		if a.Quote == "" {
			continue
		}
		if a.New {
			p.founded++
			if err := p.writeQuoteNode(a.Quote, a.Signature.Speaker, rows[i].speakers, nil); err != nil {
				return err
			}
		}
		if err := p.sink.Relationship("REPORTS", rows[i].statement, a.Quote, nil); err != nil {
			return err
		}
	}
	return p.disk.add(items, as)
}

// toDisk moves the current speaker to the on-disk index: what its
// in-memory index holds, in arrival order, and the quotes so far, written
// as the loader founds them.
func (p *quotePass) toDisk() error {
	if p.disk == nil {
		d, err := openBulkQuotes(p.o, filepath.Join(p.tmp, "quotes"))
		if err != nil {
			return err
		}
		p.disk = d
	}
	batch := p.disk.db.NewBatch()
	defer batch.Close()
	for _, e := range p.mem.entries {
		if err := p.disk.put(batch, e.quote, e.sig, e.content); err != nil {
			return err
		}
	}
	if err := batch.Commit(pebble.NoSync); err != nil {
		return err
	}
	clear(p.disk.lens)
	for _, q := range p.order {
		if err := p.writeQuoteNode(q.founder, q.speaker, q.speakers, nil); err != nil {
			return err
		}
		for _, st := range q.reports {
			if err := p.sink.Relationship("REPORTS", st, q.founder, nil); err != nil {
				return err
			}
		}
	}
	p.mem, p.quotes, p.order = nil, nil, nil
	return nil
}

// endSpeaker clusters the speaker's last batch and writes its quotes.
func (p *quotePass) endSpeaker() error {
	if err := p.flushBatch(); err != nil {
		return err
	}
	for _, q := range p.order {
		if err := q.write(p); err != nil {
			return err
		}
	}
	p.mem, p.quotes, p.order = nil, nil, nil
	return nil
}

func (p *quotePass) writeQuoteNode(id, speaker string, speakers []string, summary map[string]any) error {
	props := map[string]any{"speaker": speaker}
	for k, v := range summary {
		props[k] = v
	}
	if err := p.sink.Node(id, []string{"Quote"}, props); err != nil {
		return err
	}
	for _, sp := range speakers {
		if err := p.sink.Relationship("BY", id, sp, nil); err != nil {
			return err
		}
	}
	return nil
}

// quoteAcc is a quote of the current speaker and its reports so far.
type quoteAcc struct {
	founder, speaker string
	speakers         []string
	reports          []string // statement ids
	outlets          map[string]bool
	variants         []*variantAcc // in order of first report
	byVariant        map[string]*variantAcc
	first            quoteRow // the first report (earliest date, undated last, then document and offset)
	firstVariant     string
	last             string // latest date
}

// variantAcc is one wording of a quote.
type variantAcc struct {
	variant string
	n       int
	text    string // its longest spelling, ties to the smallest
}

// firstOf orders reports as recomputeQuotes does.
func firstOf(a, b quoteRow) int {
	da, db := cmp.Or(a.date, "~"), cmp.Or(b.date, "~")
	return cmp.Or(strings.Compare(da, db), strings.Compare(a.document, b.document), cmp.Compare(a.start, b.start))
}

// longer orders texts by length in characters, longest first, then
// smallest. Neo4j's size() counts characters; its string order and Go's
// agree but for characters outside the Basic Multilingual Plane.
func longer(a, b string) int {
	return cmp.Or(cmp.Compare(utf8.RuneCountInString(b), utf8.RuneCountInString(a)), strings.Compare(a, b))
}

func (q *quoteAcc) add(r quoteRow, sig quote.Signature) {
	if len(q.reports) == 0 || firstOf(r, q.first) < 0 {
		q.first, q.firstVariant = r, sig.Variant
	}
	q.reports = append(q.reports, r.statement)
	if q.outlets == nil {
		q.outlets, q.byVariant = map[string]bool{}, map[string]*variantAcc{}
	}
	q.outlets[cmp.Or(r.outlet, r.document)] = true
	if r.date > q.last {
		q.last = r.date
	}
	v := q.byVariant[sig.Variant]
	if v == nil {
		v = &variantAcc{variant: sig.Variant, text: r.content}
		q.byVariant[sig.Variant] = v
		q.variants = append(q.variants, v)
	} else if longer(r.content, v.text) < 0 {
		v.text = r.content
	}
	v.n++
}

// write writes the quote whole: the node with its summary, under the id
// its first report gives it (as recomputeQuotes re-points it: that id is
// free, since every wording reports one quote), BY and REPORTS.
func (q *quoteAcc) write(p *quotePass) error {
	canon := q.variants[0]
	for _, v := range q.variants[1:] {
		if v.n > canon.n || (v.n == canon.n && longer(v.text, canon.text) < 0) {
			canon = v
		}
	}
	summary := map[string]any{
		"reports": int64(len(q.reports)), "outlets": int64(len(q.outlets)), "variants": int64(len(q.variants)),
		"text": canon.text, "first_document": q.first.document, "first_statement": q.first.statement,
	}
	if q.first.date != "" {
		summary["first_date"] = q.first.date
	}
	if q.first.outlet != "" {
		summary["first_outlet"] = q.first.outlet
	}
	if q.last != "" {
		summary["last_date"] = q.last
	}
	id := quote.QuoteID(q.firstVariant)
	if err := p.writeQuoteNode(id, q.speaker, q.speakers, summary); err != nil {
		return err
	}
	for _, st := range q.reports {
		if err := p.sink.Relationship("REPORTS", st, id, nil); err != nil {
			return err
		}
	}
	return nil
}

// speakerQuotes is quote.Index over one speaker's reports so far, in
// memory, answering as bulkQuotes does (the first report of a wording is
// kept; a key lists at most bulkKeyCap wordings, its first).
type speakerQuotes struct {
	variants map[string]int32 // variant -> entry
	entries  []speakerEntry   // arrival order
	keys     map[string][]int32
	bytes    int // estimated memory of the index and of the pass's quotes
}

type speakerEntry struct {
	quote, content string
	sig            quote.Signature
}

func newSpeakerQuotes() *speakerQuotes {
	return &speakerQuotes{variants: map[string]int32{}, keys: map[string][]int32{}}
}

func (m *speakerQuotes) add(quoteID string, sig quote.Signature, content string) {
	if _, ok := m.variants[sig.Variant]; ok {
		return
	}
	e := int32(len(m.entries))
	sig.Words = nil // Candidates verify by content
	m.entries = append(m.entries, speakerEntry{quote: quoteID, content: content, sig: sig})
	m.variants[sig.Variant] = e
	m.bytes += 160 + len(content) + 96*len(sig.Keys)
	for _, k := range sig.Keys {
		if l := m.keys[k]; len(l) < bulkKeyCap {
			m.keys[k] = append(l, e)
		}
	}
}

// Exact implements quote.Index.
func (m *speakerQuotes) Exact(_ context.Context, variants []string) (map[string]string, error) {
	out := make(map[string]string)
	for _, v := range variants {
		if e, ok := m.variants[v]; ok {
			out[v] = m.entries[e].quote
		}
	}
	return out, nil
}

// Candidates implements quote.Index.
func (m *speakerQuotes) Candidates(_ context.Context, sigs []quote.Signature) ([][]quote.Candidate, error) {
	out := make([][]quote.Candidate, len(sigs))
	for i, sig := range sigs {
		lists := make([][]int32, len(sig.Keys))
		for j, k := range sig.Keys {
			lists[j] = m.keys[k]
		}
		for _, e := range quote.MostShared(lists) {
			en := m.entries[e]
			out[i] = append(out[i], quote.Candidate{Quote: en.quote, Speaker: en.sig.Speaker, Content: en.content})
		}
	}
	return out, nil
}
