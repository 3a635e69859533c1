package store

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/whosaid/whosaid/graph"
)

// DeleteResult says what deleting documents removed.
type DeleteResult struct {
	Documents       []string `json:"documents"`        // ids of the deleted documents
	Statements      int64    `json:"statements"`       // statements removed
	EntitiesRemoved int64    `json:"entities_removed"` // entities no remaining document supports
	EntitiesUpdated int64    `json:"entities_updated"` // entities whose aliases or roles were recomputed
	QuotesRemoved   int64    `json:"quotes_removed"`   // quotes no remaining statement reports
}

// DeleteDocument removes one document's contribution: the document, its
// statements, the roles it stated, the aliases and roles only it supplied,
// the entities no other document supports, and the quotes no other
// document reports (the others' counts are recomputed). It returns a graph.ENOTFOUND
// error when no document has that id.
func (s *Store) DeleteDocument(ctx context.Context, id string) (DeleteResult, error) {
	return s.deleteWhere(ctx, func(ctx context.Context, tx neo4j.ManagedTransaction) ([]string, error) {
		res, err := tx.Run(ctx, findDocumentByID, map[string]any{"id": id})
		if err != nil {
			return nil, err
		}
		return collectStrings(ctx, res, "id")
	}, fmt.Sprintf("document %q", id))
}

// DeleteByKey removes the documents with this key (URL, else path): normally
// one, since a new version of a key replaces the old one.
func (s *Store) DeleteByKey(ctx context.Context, key string) (DeleteResult, error) {
	return s.deleteWhere(ctx, func(ctx context.Context, tx neo4j.ManagedTransaction) ([]string, error) {
		res, err := tx.Run(ctx, findDocumentsByKey, map[string]any{"key": key})
		if err != nil {
			return nil, err
		}
		return collectStrings(ctx, res, "id")
	}, fmt.Sprintf("document with url or path %q", key))
}

const findDocumentByID = `MATCH (d:Document {id: $id}) RETURN d.id AS id LIMIT 1`

const findDocumentsByKey = `MATCH (d:Document {key: $key}) RETURN d.id AS id LIMIT 1000`

func (s *Store) deleteWhere(ctx context.Context, find func(context.Context, neo4j.ManagedTransaction) ([]string, error), what string) (DeleteResult, error) {
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(ctx)
	out, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		ids, err := find(ctx, tx)
		if err != nil {
			return nil, err
		}
		if len(ids) == 0 {
			return DeleteResult{}, nil
		}
		out, quotes, err := deleteDocsTx(ctx, tx, ids, nil, s.steps)
		if err != nil || len(quotes) == 0 {
			return out, err
		}
		// After the entity locks deleteDocsTx took: they cover the
		// quotes' speakers.
		out.QuotesRemoved, err = maintainQuotesTx(ctx, tx, quotes, s.steps)
		return out, err
	})
	if err != nil {
		return DeleteResult{}, fmt.Errorf("delete %s: %w", what, classify(err))
	}
	r := out.(DeleteResult)
	if len(r.Documents) == 0 {
		return r, graph.Errorf(graph.ENOTFOUND, "no %s", what)
	}
	return r, nil
}

// deleteStatements removes the documents' statements with their SAID,
// MENTIONS, VIA, REPORTED_IN and REPORTS relationships, and returns the
// quotes they reported, whose summaries change.
const deleteStatements = `
UNWIND $ids AS id
MATCH (s:Statement {document: id})
WITH s, [(s)-[:REPORTS]->(q:Quote) | q.id] AS quotes
DETACH DELETE s
RETURN count(s) AS n, collect(quotes) AS quotes`

const deleteRoles = `
UNWIND $ids AS id
MATCH ()-[r:HOLDS_ROLE {document: id}]->()
DELETE r`

// deleteDocumentNodes removes the documents and reports the entities they
// supported, which of those got aliases or roles from them, and which had
// their first or last seen date from them.
const deleteDocumentNodes = `
UNWIND $ids AS id
MATCH (d:Document {id: id})
OPTIONAL MATCH (d)-[m:MENTIONS]->(e:Entity)
WITH d, d.id AS did, collect(e.id) AS touched,
     collect(CASE WHEN size(m.aliases) > 0 OR size(m.roles) > 0 THEN e.id END) AS supplied,
     collect(CASE WHEN d.published IN [e.first_seen, e.last_seen] THEN e.id END) AS dated
DETACH DELETE d
RETURN did AS id, touched, supplied, dated`

// pruneEntities removes entities no document supports any more. By the
// loader's invariant every statement, role and part-of relationship that
// touches an entity belongs to a document that MENTIONS it, so nothing of
// another document is lost by the detach.
const pruneEntities = `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
WHERE NOT EXISTS { (:Document)-[:MENTIONS]->(e) }
DETACH DELETE e
RETURN count(e) AS n`

// recomputeEntities rebuilds aliases and role titles from the documents
// that still support the entity.
const recomputeEntities = `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
WITH e,
     COLLECT { MATCH (:Document)-[m:MENTIONS]->(e) UNWIND m.aliases AS a WITH DISTINCT a RETURN a ORDER BY a } AS aliases,
     COLLECT { MATCH (:Document)-[m:MENTIONS]->(e) UNWIND m.roles AS t WITH DISTINCT t RETURN t ORDER BY t } AS roles
WHERE aliases <> e.aliases OR roles <> e.roles
SET e.aliases = aliases, e.roles = roles,
    e.alias_text = reduce(t = e.name, a IN aliases | t + '\n' + a)
RETURN count(e) AS n`

// uncountDocuments takes the deleted documents off the entities' counts.
const uncountDocuments = `
UNWIND $rows AS r
MATCH (e:Entity {id: r.id})
SET e.documents = e.documents - r.n`

// recomputeSeen rebuilds first and last seen from the documents that still
// name the entity.
const recomputeSeen = `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
CALL (e) {
  OPTIONAL MATCH (d:Document)-[:MENTIONS]->(e)
  RETURN min(d.published) AS first, max(d.published) AS last
}
WITH e, first, last
WHERE coalesce(first, '') <> coalesce(e.first_seen, '') OR coalesce(last, '') <> coalesce(e.last_seen, '')
SET e.first_seen = first, e.last_seen = last
RETURN count(e) AS n`

// deleteDocsTx removes the contribution of the documents with these ids,
// inside the caller's transaction (delete, or replace during Load), except
// for the quotes their statements reported: it returns those, for the
// caller to maintain (maintainQuotesTx) once it is done looking quotes up.
// Deleting a quote's keys first would slow every key lookup left in the
// transaction: Neo4j checks a relationship index seek against the
// relationships the transaction deleted (3,000 seeks took 1.2 s after
// 20,000 key deletions against 0.14 s before), so a replacing Load, which
// clusters its new statements after the delete, ran 20 times slower.
// The entities in keep are not removed even when no document is left
// naming them: the replacing documents name them, and quotes that the
// replacing documents report through the old versions' statements keep
// their speakers.
func deleteDocsTx(ctx context.Context, tx neo4j.ManagedTransaction, ids []string, keep map[string]bool, steps *StepTimer) (DeleteResult, []string, error) {
	var out DeleteResult
	t0 := time.Now()
	params := map[string]any{"ids": toAny(ids)}
	res, err := tx.Run(ctx, deleteStatements, params)
	if err != nil {
		return out, nil, err
	}
	var quotes []string
	for res.Next(ctx) {
		n, _ := res.Record().Get("n")
		out.Statements += n.(int64)
		qs, _ := res.Record().Get("quotes")
		for _, l := range qs.([]any) {
			for _, q := range l.([]any) {
				quotes = append(quotes, q.(string))
			}
		}
	}
	if err := res.Err(); err != nil {
		return out, nil, err
	}
	t0 = steps.lap("delete: statements", t0)
	if _, err := runCount(ctx, tx, deleteRoles, params); err != nil {
		return out, nil, err
	}
	t0 = steps.lap("delete: roles", t0)
	res, err = tx.Run(ctx, deleteDocumentNodes, params)
	if err != nil {
		return out, nil, err
	}
	records, err := res.Collect(ctx)
	if err != nil {
		return out, nil, err
	}
	t0 = steps.lap("delete: documents", t0)
	var touched, supplied, dated []string
	for _, r := range records {
		id, _ := r.Get("id")
		out.Documents = append(out.Documents, id.(string))
		for col, dst := range map[string]*[]string{"touched": &touched, "supplied": &supplied, "dated": &dated} {
			v, _ := r.Get(col)
			for _, x := range v.([]any) {
				*dst = append(*dst, x.(string))
			}
		}
	}
	if len(touched) > 0 {
		// The recomputations below read an entity and write it back; the
		// lock keeps a concurrent loader's update of it from being lost
		// (see lockEntities).
		// touched lists an entity once per deleted document naming it.
		ids := slices.Compact(slices.Sorted(slices.Values(touched)))
		lost := make(map[string]int64, len(ids))
		for _, id := range touched {
			lost[id]++
		}
		rows := make([]any, 0, len(ids))
		for _, id := range ids {
			rows = append(rows, map[string]any{"id": id, "n": lost[id]})
		}
		for _, q := range []string{lockEntities, uncountDocuments} {
			if _, err := runCount(ctx, tx, q, map[string]any{"rows": rows}); err != nil {
				return out, nil, err
			}
		}
		t0 = steps.lap("delete: lock+uncount", t0)
		prune := ids
		if len(keep) > 0 {
			prune = slices.DeleteFunc(slices.Clone(ids), func(id string) bool { return keep[id] })
		}
		n, err := runCount(ctx, tx, pruneEntities, map[string]any{"ids": toAny(prune)})
		if err != nil {
			return out, nil, err
		}
		out.EntitiesRemoved = n
		t0 = steps.lap("delete: prune entities", t0)
	}
	if len(supplied) > 0 {
		n, err := runCount(ctx, tx, recomputeEntities, map[string]any{"ids": toAny(supplied)})
		if err != nil {
			return out, nil, err
		}
		out.EntitiesUpdated = n
		t0 = steps.lap("delete: recompute aliases", t0)
	}
	if len(dated) > 0 {
		if _, err := runCount(ctx, tx, recomputeSeen, map[string]any{"ids": toAny(dated)}); err != nil {
			return out, nil, err
		}
		steps.lap("delete: recompute seen", t0)
	}
	return out, quotes, nil
}

// runCount runs q and returns its "n" column when it has one.
func runCount(ctx context.Context, tx neo4j.ManagedTransaction, q string, params map[string]any) (int64, error) {
	res, err := tx.Run(ctx, q, params)
	if err != nil {
		return 0, err
	}
	var n int64
	for res.Next(ctx) {
		if v, ok := res.Record().Get("n"); ok {
			if i, ok := v.(int64); ok {
				n += i
			}
		}
	}
	return n, res.Err()
}

func collectStrings(ctx context.Context, res neo4j.ResultWithContext, col string) ([]string, error) {
	var out []string
	for res.Next(ctx) {
		if v, ok := res.Record().Get(col); ok {
			if s, ok := v.(string); ok {
				out = append(out, s)
			}
		}
	}
	return out, res.Err()
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
