package store

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/graph/quote"
)

// The bulk loader turns extractions into the stored model for
// `neo4j-admin database import full`, without a server: the same prepare
// and buildRows as Load, so ids, keys and properties are those an online
// load of the same documents in the same order writes, and a later online
// ingest of an imported document finds it present and skips it.
//
// Documents, statements and their relationships stream to the sink as
// they come; entities are shared across documents: each document's entity
// rows go through an external sort (bulkspill.go) and Close folds them, in
// document order, as mergeEntities folds them in the graph. Memory stays
// bounded: buffers, the sort's run buffer, 8 bytes per document and key
// for the duplicate check, and the PART_OF pairs between places. With
// quotes enabled, each batch's statements are clustered as the loader
// clusters them (bulkcluster.go: the same quote.Cluster, run by Close one
// speaker at a time over the statements sorted by speaker), so Quote
// nodes with their summaries, REPORTS and BY and the
// statements' quote_variant and key slots are those of an online load.

// BulkSink receives the stored model. props hold only present values;
// labels[0] is the node kind (Document, Statement, Entity, Quote).
type BulkSink interface {
	Node(id string, labels []string, props map[string]any) error
	Relationship(typ, start, end string, props map[string]any) error
}

// Bulk is the offline counterpart of Load. It is not safe for concurrent
// use: pipeline.Run with one writer calls it from one goroutine.
type Bulk struct {
	sink     BulkSink
	now      string
	docs     map[uint64]struct{} // document ids written (hashed)
	keys     map[uint64]struct{} // document keys written (hashed)
	spill    *spill[entityRow]
	entities int // distinct entities, known after Close
	partOf   map[[2]string]bool
	tmp      string
	err      error // the sink's first error: everything after it fails

	quoteOpts  quote.Options
	quoteSpill *spill[quoteRow] // nil: quotes disabled
	quotes     int              // quotes founded, known after Close
	speakerMem int              // bulkSpeakerMem, but in tests
	seq, batch uint64           // arrival numbers of entity and quote rows, and of Load calls
}

// bulkEntity is an entity as mergeEntities leaves it after the documents
// so far.
type bulkEntity struct {
	typ, name      string
	implied        bool
	aliases, roles []string // sorted, distinct
	first, last    string
	documents      int64
}

// bulkRunRows is how many entity rows the external sort holds in memory
// (about 15 MB) before it writes a sorted run.
const bulkRunRows = 50_000

// NewBulk returns a Bulk writing to sink; now is every document's
// ingested_at; tmp is a scratch directory for the entity sort's run files
// and the quote index (created when needed, removed by Close); quotes are
// the loader's clustering options (Enabled false: no quotes, as online).
func NewBulk(sink BulkSink, now time.Time, tmp string, quotes quote.Options) (*Bulk, error) {
	b := &Bulk{
		sink:   sink,
		now:    now.UTC().Format(time.RFC3339Nano),
		docs:   make(map[uint64]struct{}),
		keys:   make(map[uint64]struct{}),
		spill:  &spill[entityRow]{dir: filepath.Join(tmp, "entities"), name: "entities", maxRows: bulkRunRows, codec: entityCodec},
		partOf: make(map[[2]string]bool),
		tmp:    tmp,
	}
	if quotes.Enabled {
		b.quoteOpts, b.speakerMem = quotes.WithDefaults(), bulkSpeakerMem
		b.quoteSpill = &spill[quoteRow]{dir: filepath.Join(tmp, "quote-rows"), name: "quotes", maxRows: quoteRunRows, codec: quoteCodec}
	}
	return b, nil
}

// digest hashes an id or key to 64 bits: a collision among a billion
// documents has a probability below 3%·10⁻², and would only make the
// import report a document as present.
func digest(s string) uint64 {
	sum := sha256.Sum256([]byte(s))
	return binary.BigEndian.Uint64(sum[:8])
}

func has(m map[uint64]struct{}, k uint64) bool {
	_, ok := m[k]
	return ok
}

// Load implements pipeline.Loader. A document whose content is already
// written is skipped, as online. A second version of a key cannot replace
// the first in files already written, so it fails with a message saying
// to ingest it online after the import.
func (b *Bulk) Load(ctx context.Context, exts []graph.Extraction) []LoadResult {
	results := make([]LoadResult, len(exts))
	var todo []int
	var write []*preparedDoc
	for i, ext := range exts {
		p, err := prepare(ext)
		results[i] = LoadResult{DocumentID: p.id, Key: p.key}
		switch {
		case err != nil:
			results[i].Status, results[i].Err = Failed, err
			continue
		case b.err != nil:
			results[i].Status, results[i].Err = Failed, b.err
			continue
		case ctx.Err() != nil:
			results[i].Status, results[i].Err = Failed, ctx.Err()
			continue
		case has(b.docs, digest(p.id)):
			results[i].Status = Skipped
			continue
		case p.key != "" && has(b.keys, digest(p.key)):
			results[i].Status = Failed
			results[i].Err = graph.Errorf(graph.EINVALID, "document %s: key %s has another version earlier in the corpus; a bulk import keeps the first (ingest this one online afterwards to replace it)", p.id, p.key)
			continue
		}
		b.docs[digest(p.id)] = struct{}{}
		if p.key != "" {
			b.keys[digest(p.key)] = struct{}{}
		}
		todo = append(todo, i)
		write = append(write, p)
	}
	// The batch's new documents are clustered together by Close, as the
	// loader clusters the documents one transaction writes.
	if b.quoteSpill != nil && len(write) > 0 && b.err == nil {
		if err := b.signStatements(write); err != nil {
			b.err = fmt.Errorf("bulk quotes: %w", err)
		}
	}
	for j, i := range todo {
		if b.err == nil {
			if err := b.write(write[j]); err != nil {
				b.err = fmt.Errorf("bulk write: %w", err)
			}
		}
		if b.err != nil {
			results[i].Status, results[i].Err = Failed, b.err
			continue
		}
		results[i].Status = Written
		results[i].Statements = len(write[j].statements)
		results[i].Entities = len(write[j].entities)
	}
	return results
}

// write emits one document's nodes and relationships, built by buildRows
// as Load builds them, and spills its entity rows for Close.
func (b *Bulk) write(p *preparedDoc) error {
	rows := buildRows([]*preparedDoc{p}, b.now)
	props := maps(p.props)
	props["ingested_at"] = b.now
	if err := b.sink.Node(p.id, []string{"Document"}, props); err != nil {
		return err
	}
	for _, r := range rows.statements {
		st := r.(map[string]any)
		id := st["id"].(string)
		if err := b.sink.Node(id, []string{"Statement"}, present(st)); err != nil {
			return err
		}
		if err := b.sink.Relationship("REPORTED_IN", id, p.id, nil); err != nil {
			return err
		}
	}
	// saidKey in Go: the statement's date, document and start are in its
	// props.
	stmts := make(map[any]map[string]any, len(rows.statements))
	for _, r := range rows.statements {
		st := r.(map[string]any)
		stmts[st["id"]] = st
	}
	for _, r := range rows.said {
		sp := r.(map[string]any)
		st := stmts[sp["statement"]]
		date, _ := st["date"].(string)
		if date == "" {
			date = "~"
		}
		entity := sp["entity"].(string)
		key := fmt.Sprintf("%s\t%s\t%s\t%012d\t%s", entity, date, st["document"], st["start"], st["id"])
		props := present(map[string]any{"resolved_from": sp["resolved_from"], "kind": sp["kind"], "text": sp["text"],
			"start": sp["start"], "end": sp["end"], "key": key})
		if err := b.sink.Relationship("SAID", entity, sp["statement"].(string), props); err != nil {
			return err
		}
	}
	for _, set := range []struct {
		typ  string
		rows []any
	}{{"MENTIONS", rows.stmtMentions}, {"VIA", rows.via}} {
		for _, r := range set.rows {
			m := r.(map[string]any)
			if err := b.sink.Relationship(set.typ, m["statement"].(string), m["entity"].(string), nil); err != nil {
				return err
			}
		}
	}
	for _, r := range rows.docMentions {
		m := r.(map[string]any)
		props := map[string]any{"count": m["count"], "aliases": m["aliases"], "roles": m["roles"]}
		if err := b.sink.Relationship("MENTIONS", p.id, m["entity"].(string), props); err != nil {
			return err
		}
	}
	for _, r := range rows.roles {
		m := r.(map[string]any)
		props := map[string]any{"title": m["title"], "document": m["document"]}
		if err := b.sink.Relationship("HOLDS_ROLE", m["entity"].(string), m["of"].(string), props); err != nil {
			return err
		}
	}
	for _, r := range rows.partOf {
		m := r.(map[string]any)
		b.partOf[[2]string{m["place"].(string), m["parent"].(string)}] = true
	}
	for _, r := range rows.entities {
		m := r.(map[string]any)
		row := entityRow{id: m["id"].(string), typ: m["type"].(string), name: m["name"].(string),
			implied: m["implied"].(bool), docs: m["docs"].(int64)}
		row.first, _ = m["first"].(string)
		row.last, _ = m["last"].(string)
		for _, a := range m["aliases"].([]any) {
			row.aliases = append(row.aliases, a.(string))
		}
		for _, t := range m["roles"].([]any) {
			row.roles = append(row.roles, t.(string))
		}
		b.seq++
		row.seq = b.seq
		if err := b.spill.add(row); err != nil {
			return fmt.Errorf("entity sort: %w", err)
		}
	}
	return nil
}

// fold is mergeEntities for one row: e is the entity after the rows
// before (nil for the first).
func fold(e *bulkEntity, r entityRow) *bulkEntity {
	if e == nil {
		e = &bulkEntity{typ: r.typ, name: r.name, implied: r.implied, first: r.first, last: r.last}
	}
	e.documents += r.docs
	e.aliases = union(e.aliases, r.aliases)
	e.roles = union(e.roles, r.roles)
	if e.implied && !r.implied {
		e.name = r.name
	}
	e.implied = e.implied && r.implied
	if r.first != "" && (e.first == "" || r.first < e.first) {
		e.first = r.first
	}
	if r.last != "" && r.last > e.last {
		e.last = r.last
	}
	return e
}

func union(have, add []string) []string {
	for _, s := range add {
		if i, found := slices.BinarySearch(have, s); !found {
			have = slices.Insert(have, i, s)
		}
	}
	return have
}

// Close clusters the quotes (bulkcluster.go), writes the entities, in id
// order, and the PART_OF relationships between places, and removes the
// sorts' files. On a large corpus the quote pass takes minutes (about 24
// on a million articles here): a cancelled ctx stops it.
func (b *Bulk) Close(ctx context.Context) error {
	defer os.RemoveAll(b.tmp)
	defer b.spill.close()
	defer func() {
		if b.err == nil {
			b.err = errors.New("bulk: closed") // a Load after Close fails
		}
	}()
	if b.quoteSpill != nil {
		defer b.quoteSpill.close()
	}
	if b.err != nil {
		return b.err
	}
	// The duplicate checks are done with (tens of MB at a million
	// documents): the passes below get their memory.
	b.docs, b.keys = nil, nil
	if b.quoteSpill != nil {
		n, err := b.clusterQuotes(ctx)
		if err != nil {
			return fmt.Errorf("bulk quotes: %w", err)
		}
		b.quotes = n
		b.quoteSpill.close() // its scratch space, before the entity merge
	}
	var cur *bulkEntity
	var curID string
	emit := func() error {
		if cur == nil {
			return nil
		}
		b.entities++
		e := cur
		props := map[string]any{
			"type": e.typ, "name": e.name, "implied": e.implied,
			"aliases": strs(e.aliases), "roles": strs(e.roles),
			"alias_text": strings.Join(append([]string{e.name}, e.aliases...), "\n"),
			"documents":  e.documents,
		}
		if e.first != "" {
			props["first_seen"] = e.first
		}
		if e.last != "" {
			props["last_seen"] = e.last
		}
		if err := b.sink.Node(curID, []string{"Entity", e.typ}, props); err != nil {
			return fmt.Errorf("bulk write entity %s: %w", curID, err)
		}
		return nil
	}
	err := b.spill.each(func(r entityRow) error {
		if r.id != curID {
			if err := emit(); err != nil {
				return err
			}
			cur, curID = nil, r.id
		}
		cur = fold(cur, r)
		return nil
	})
	if err == nil {
		err = emit()
	}
	if err != nil {
		return fmt.Errorf("bulk entities: %w", err)
	}
	pairs := make([][2]string, 0, len(b.partOf))
	for pr := range b.partOf {
		pairs = append(pairs, pr)
	}
	slices.SortFunc(pairs, func(x, y [2]string) int { return strings.Compare(x[0]+"\x00"+x[1], y[0]+"\x00"+y[1]) })
	for _, pr := range pairs {
		if err := b.sink.Relationship("PART_OF", pr[0], pr[1], nil); err != nil {
			return fmt.Errorf("bulk write PART_OF: %w", err)
		}
	}
	return nil
}

// Entities is how many distinct entities Close wrote.
func (b *Bulk) Entities() int { return b.entities }

// Quotes is how many quotes Close wrote.
func (b *Bulk) Quotes() int { return b.quotes }

func strs(in []string) []any {
	out := make([]any, len(in))
	for i, s := range in {
		out[i] = s
	}
	return out
}

// maps copies m.
func maps(m map[string]any) map[string]any {
	out := make(map[string]any, len(m)+1)
	for k, v := range m {
		out[k] = v
	}
	return out
}

// present drops nil values, which Cypher does not store.
func present(m map[string]any) map[string]any {
	for k, v := range m {
		if v == nil {
			delete(m, k)
		}
	}
	return m
}

// BulkFixups are the Cypher statements to run after a bulk import:
// neo4j-admin stores no empty list, and these lists are kept even when
// empty (mergeEntities and delete read them). Each runs in batches.
var BulkFixups = []string{
	`MATCH (e:Entity) WHERE e.aliases IS NULL CALL (e) { SET e.aliases = [] } IN TRANSACTIONS OF 10000 ROWS`,
	`MATCH (e:Entity) WHERE e.roles IS NULL CALL (e) { SET e.roles = [] } IN TRANSACTIONS OF 10000 ROWS`,
	`MATCH (:Document)-[m:MENTIONS]->(:Entity) WHERE m.aliases IS NULL CALL (m) { SET m.aliases = [] } IN TRANSACTIONS OF 10000 ROWS`,
	`MATCH (:Document)-[m:MENTIONS]->(:Entity) WHERE m.roles IS NULL CALL (m) { SET m.roles = [] } IN TRANSACTIONS OF 10000 ROWS`,
}

// FinishBulk prepares a database made by a bulk import for online use:
// the schema migrations (constraints and indexes, whose backfills find
// nothing to do), BulkFixups, and the summaries and keys of the quotes the
// import wrote without them (those of speakers too large to cluster in
// memory; RefreshQuotes on the quotes without a summary). It returns how
// many quotes it summarised.
func (s *Store) FinishBulk(ctx context.Context) (int64, error) {
	if _, err := s.Migrate(ctx); err != nil {
		return 0, err
	}
	// CALL { … } IN TRANSACTIONS needs an auto-commit transaction.
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(ctx)
	for _, q := range BulkFixups {
		res, err := sess.Run(ctx, q, nil)
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			return 0, fmt.Errorf("bulk fixup %q: %w", q, classify(err))
		}
	}
	return s.refreshQuotes(ctx, unsummarisedPage)
}
