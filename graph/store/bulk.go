package store

import (
	"context"
	"crypto/sha256"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/whosaid/whosaid/graph"
)

// The bulk loader turns extractions into the stored model for
// `neo4j-admin database import full`, without a server: the same prepare
// and buildRows as Load, so ids, keys and properties are those an online
// load of the same documents in the same order writes, and a later online
// ingest of an imported document finds it present and skips it.
//
// Documents, statements and their relationships stream to the sink as
// they come; entities are shared across documents and are combined in
// memory (one small record per distinct entity, as mergeEntities combines
// them in the graph) and written by Close. Quote clusters and any other
// derived data that Load computes from what is already in the graph are
// not part of a bulk import: run the online step that builds them after.

// BulkSink receives the stored model. props hold only present values;
// labels[0] is the node kind (Document, Statement, Entity).
type BulkSink interface {
	Node(id string, labels []string, props map[string]any) error
	Relationship(typ, start, end string, props map[string]any) error
}

// Bulk is the offline counterpart of Load. It is not safe for concurrent
// use: pipeline.Run with one writer calls it from one goroutine.
type Bulk struct {
	sink     BulkSink
	now      string
	docs     map[[16]byte]bool // document ids written
	keys     map[[16]byte]bool // document keys written
	entities map[string]*bulkEntity
	partOf   map[[2]string]bool
	err      error // the sink's first error: everything after it fails
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

// NewBulk returns a Bulk writing to sink; now is every document's
// ingested_at.
func NewBulk(sink BulkSink, now time.Time) *Bulk {
	return &Bulk{
		sink:     sink,
		now:      now.UTC().Format(time.RFC3339Nano),
		docs:     make(map[[16]byte]bool),
		keys:     make(map[[16]byte]bool),
		entities: make(map[string]*bulkEntity),
		partOf:   make(map[[2]string]bool),
	}
}

func digest(s string) [16]byte {
	sum := sha256.Sum256([]byte(s))
	return [16]byte(sum[:16])
}

// Load implements pipeline.Loader. A document whose content is already
// written is skipped, as online. A second version of a key cannot replace
// the first in files already written, so it fails with a message saying
// to ingest it online after the import.
func (b *Bulk) Load(ctx context.Context, exts []graph.Extraction) []LoadResult {
	results := make([]LoadResult, len(exts))
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
		case b.docs[digest(p.id)]:
			results[i].Status = Skipped
			continue
		case p.key != "" && b.keys[digest(p.key)]:
			results[i].Status = Failed
			results[i].Err = graph.Errorf(graph.EINVALID, "document %s: key %s has another version earlier in the corpus; a bulk import keeps the first (ingest this one online afterwards to replace it)", p.id, p.key)
			continue
		}
		b.docs[digest(p.id)] = true
		if p.key != "" {
			b.keys[digest(p.key)] = true
		}
		if err := b.write(p); err != nil {
			b.err = fmt.Errorf("bulk write: %w", err)
			results[i].Status, results[i].Err = Failed, b.err
			continue
		}
		results[i].Status = Written
		results[i].Statements = len(p.statements)
		results[i].Entities = len(p.entities)
	}
	return results
}

// write emits one document's nodes and relationships, built by buildRows
// as Load builds them, and folds its entity rows into b.entities.
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
		b.mergeEntity(r.(map[string]any))
	}
	return nil
}

// mergeEntity is mergeEntities for one row.
func (b *Bulk) mergeEntity(r map[string]any) {
	id := r["id"].(string)
	first, _ := r["first"].(string)
	last, _ := r["last"].(string)
	implied := r["implied"].(bool)
	e, ok := b.entities[id]
	if !ok {
		e = &bulkEntity{typ: r["type"].(string), name: r["name"].(string), implied: implied, first: first, last: last}
		b.entities[id] = e
	}
	e.documents += r["docs"].(int64)
	e.aliases = union(e.aliases, r["aliases"].([]any))
	e.roles = union(e.roles, r["roles"].([]any))
	if e.implied && !implied {
		e.name = r["name"].(string)
	}
	e.implied = e.implied && implied
	if first != "" && (e.first == "" || first < e.first) {
		e.first = first
	}
	if last != "" && last > e.last {
		e.last = last
	}
}

func union(have []string, add []any) []string {
	for _, a := range add {
		s := a.(string)
		if i, found := slices.BinarySearch(have, s); !found {
			have = slices.Insert(have, i, s)
		}
	}
	return have
}

// Close writes the entities and the PART_OF relationships between places.
// Entities go out in id order, so the files do not depend on map order.
func (b *Bulk) Close() error {
	if b.err != nil {
		return b.err
	}
	ids := make([]string, 0, len(b.entities))
	for id := range b.entities {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		e := b.entities[id]
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
		if err := b.sink.Node(id, []string{"Entity", e.typ}, props); err != nil {
			return fmt.Errorf("bulk write entity %s: %w", id, err)
		}
	}
	pairs := make([][2]string, 0, len(b.partOf))
	for pr := range b.partOf {
		if b.entities[pr[0]] != nil && b.entities[pr[1]] != nil {
			pairs = append(pairs, pr)
		}
	}
	slices.SortFunc(pairs, func(x, y [2]string) int { return strings.Compare(x[0]+"\x00"+x[1], y[0]+"\x00"+y[1]) })
	for _, pr := range pairs {
		if err := b.sink.Relationship("PART_OF", pr[0], pr[1], nil); err != nil {
			return fmt.Errorf("bulk write PART_OF: %w", err)
		}
	}
	return nil
}

// Entities is how many distinct entities the documents so far name.
func (b *Bulk) Entities() int { return len(b.entities) }

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
// nothing to do) and BulkFixups.
func (s *Store) FinishBulk(ctx context.Context) error {
	if _, err := s.Migrate(ctx); err != nil {
		return err
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
			return fmt.Errorf("bulk fixup %q: %w", q, classify(err))
		}
	}
	return nil
}
