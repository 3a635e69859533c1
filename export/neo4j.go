package export

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/graph/store"
)

// Exporter reads a scope of the graph from Neo4j and streams it to a Writer.
type Exporter struct {
	Driver   neo4j.DriverWithContext
	Database string
	// Timeout bounds the read transaction; 0 leaves the server's default.
	Timeout time.Duration
	// SliceEntities is how many entities one slice of a whole-graph export
	// covers (see slices.go); 0 means DefaultSliceEntities.
	SliceEntities int
}

// Stats counts what an export wrote.
type Stats struct {
	Nodes int64 `json:"nodes"`
	Edges int64 `json:"edges"`
}

// Elements is nodes plus edges.
func (s Stats) Elements() int64 { return s.Nodes + s.Edges }

// The Cypher below is assembled at compile time from constant fragments;
// every value from a caller is a parameter. $from, $to and $kinds are null
// when not filtered.
const stmtFilter = `($from IS NULL OR s.date >= $from) AND ($to IS NULL OR s.date <= $to) AND ($kinds IS NULL OR s.kind IN $kinds)`

// Role edges: one per (person, organisation), weighted by the documents
// that state it, labelled with the titles.
const roleAgg = `
  WITH a, b, collect(DISTINCT r.title) AS titles, count(DISTINCT r.document) AS docs
  RETURN a.id AS src, b.id AS dst, 'HOLDS_ROLE' AS type, docs AS weight, [] AS ids, null AS first, null AS last,
         reduce(t = '', x IN titles | t + CASE WHEN t = '' THEN '' ELSE '; ' END + x) AS label`

// The sourceEdges pieces compute the projected edges leaving the entity a,
// which the query binds before them. Between the pieces a query may filter
// the statements (sourceSaid, sourceExpand) or narrow the targets b (after
// sourceExpand, sourceRoles and sourcePartOf). Aggregating one source at a
// time lets Neo4j stream rows as it goes, where grouping the whole graph's
// statements at once hashed them all before the first row. One expansion
// from each statement yields its MENTIONS, VIA and co-speaker (SAID) edges
// together, reading the statement's properties once. The relationship types
// alone pin the labels (SAID runs from an entity to a statement, MENTIONS
// and VIA from a statement to an entity), so no label is checked on the way.
const (
	sourceSaid = `
CALL (a) {
  MATCH (a)-[:SAID]->(s)`
	sourceExpand = `
  WITH s, s.date AS d, s.id AS sid
  MATCH (s)-[r:MENTIONS|VIA|SAID]-(b)
  WHERE b <> a AND (type(r) <> 'SAID' OR a.id < b.id)`
	sourceRoles = `
  WITH b, type(r) AS rel, d, sid ORDER BY d, sid
  RETURN b, CASE rel WHEN 'MENTIONS' THEN 'SPOKE_ABOUT' WHEN 'SAID' THEN 'CO_SPEAKER' ELSE rel END AS type,
         count(*) AS weight, collect(sid)[..$maxIDs] AS ids, min(d) AS first, max(d) AS last, null AS label
  UNION ALL
  MATCH (a)-[r:HOLDS_ROLE]->(b)`
	sourcePartOf = `
  WITH b, collect(DISTINCT r.title) AS titles, count(DISTINCT r.document) AS weight
  RETURN b, 'HOLDS_ROLE' AS type, weight, [] AS ids, null AS first, null AS last,
         reduce(t = '', x IN titles | t + CASE WHEN t = '' THEN '' ELSE '; ' END + x) AS label
  UNION ALL
  MATCH (a:Place)-[:PART_OF]->(b)`
	sourceEnd = `
  RETURN b, 'PART_OF' AS type, 1 AS weight, [] AS ids, null AS first, null AS last, null AS label
}
WITH a.id AS src, b.id AS dst, type, weight, ids, first, last, label`
	minWeight = ` WHERE weight >= $minWeight`
)

// edgesAll: every projected edge of the graph.
const edgesAll = `MATCH (a:Entity)` + sourceSaid + ` WHERE ` + stmtFilter + sourceExpand + sourceRoles + sourcePartOf + sourceEnd + minWeight

// edgesSpeaker: the edges of one speaker's statements, anchored on the
// speaker so the id index is used.
const edgesSpeaker = `CALL () {
  MATCH (a:Entity {id: $focus})-[:SAID]->(s:Statement)-[:MENTIONS]->(b:Entity)
  WHERE a <> b AND ` + stmtFilter + `
  WITH a, b, s ORDER BY s.date, s.id
  RETURN a.id AS src, b.id AS dst, 'SPOKE_ABOUT' AS type, count(s) AS weight,
         collect(s.id)[..$maxIDs] AS ids, min(s.date) AS first, max(s.date) AS last, null AS label
  UNION ALL
  MATCH (x:Entity {id: $focus})-[:SAID]->(s:Statement)<-[:SAID]-(y:Entity)
  WHERE ` + stmtFilter + `
  WITH CASE WHEN x.id < y.id THEN x ELSE y END AS a, CASE WHEN x.id < y.id THEN y ELSE x END AS b, s
  ORDER BY s.date, s.id
  RETURN a.id AS src, b.id AS dst, 'CO_SPEAKER' AS type, count(s) AS weight,
         collect(s.id)[..$maxIDs] AS ids, min(s.date) AS first, max(s.date) AS last, null AS label
  UNION ALL
  MATCH (a:Entity {id: $focus})-[:SAID]->(s:Statement)-[:VIA]->(b:Entity)
  WHERE a <> b AND ` + stmtFilter + `
  WITH a, b, s ORDER BY s.date, s.id
  RETURN a.id AS src, b.id AS dst, 'VIA' AS type, count(s) AS weight,
         collect(s.id)[..$maxIDs] AS ids, min(s.date) AS first, max(s.date) AS last, null AS label
  UNION ALL
  MATCH (a:Entity {id: $focus})-[r:HOLDS_ROLE]->(b:Entity)` + roleAgg + `
}
WITH src, dst, type, weight, ids, first, last, label WHERE weight >= $minWeight`

// edgesAmong: the edges between the entities in $ids (an ego network).
const edgesAmong = `UNWIND $ids AS id
MATCH (a:Entity {id: id})` + sourceSaid + ` WHERE ` + stmtFilter + sourceExpand + ` AND b.id IN $ids` +
	sourceRoles + ` WHERE b.id IN $ids` + sourcePartOf + ` WHERE b.id IN $ids` + sourceEnd + minWeight

const edgeReturn = `
RETURN src, dst, type, weight, ids, first, last, label`

// nodeAttrs computes an entity's counts and first/last dates over the
// statements in scope; e is bound before it.
const nodeAttrs = `
CALL (e) {
  OPTIONAL MATCH (e)-[:SAID]->(s:Statement) WHERE ` + stmtFilter + `
  WITH e, count(s) AS said, min(s.date) AS f1, max(s.date) AS l1
  OPTIONAL MATCH (s:Statement)-[:MENTIONS]->(e) WHERE ` + stmtFilter + `
  WITH said, f1, l1, count(s) AS mentioned, min(s.date) AS f2, max(s.date) AS l2
  RETURN said, mentioned,
         CASE WHEN f1 IS NULL OR f2 < f1 THEN f2 ELSE f1 END AS first,
         CASE WHEN l1 IS NULL OR l2 > l1 THEN l2 ELSE l1 END AS last
}
RETURN e.id AS id, coalesce(e.type, [l IN labels(e) WHERE l <> 'Entity'][0]) AS type, e.name AS name,
       coalesce(e.aliases, []) AS aliases, said, mentioned, first, last`

// nodesSliceQuery: the entities of one slice (see slices.go), for an
// unfiltered whole-graph export. With no filter the counts are degrees, and
// first/last seen are the publication dates of the documents naming the
// entity, which the loader keeps on it (as the API's profile reports them).
// Statements mentioning it are its incoming MENTIONS less those of the
// documents, which the loader counts: Neo4j answers both degrees without
// visiting the relationships, where checking each mention's label visited
// them all.
const nodesSliceQuery = entitySlice + `
RETURN e.id AS id, coalesce(e.type, [l IN labels(e) WHERE l <> 'Entity'][0]) AS type, e.name AS name,
       coalesce(e.aliases, []) AS aliases, COUNT { (e)-[:SAID]->() } AS said,
       COUNT { (e)<-[:MENTIONS]-() } - e.documents AS mentioned, e.first_seen AS first, e.last_seen AS last`

// edgesSliceQuery: the edges leaving the entities of one slice, unfiltered.
const edgesSliceQuery = `
MATCH (a:Entity) WHERE a.id >= $lo AND a.id <= $hi
WITH a ORDER BY a.id` + sourceSaid + sourceExpand + sourceRoles + sourcePartOf + sourceEnd + edgeReturn

// Nodes of a filtered scope: the distinct endpoints of its edges.
const endpoints = `
UNWIND [src, dst] AS nid
WITH DISTINCT nid
MATCH (e:Entity {id: nid})`

const (
	nodesFilteredQuery = edgesAll + endpoints + nodeAttrs
	nodesSpeakerQuery  = edgesSpeaker + endpoints + nodeAttrs
	nodesAmongQuery    = edgesAmong + endpoints + nodeAttrs
	nodeOneQuery       = `MATCH (e:Entity {id: $focus})` + nodeAttrs

	edgesAllQuery     = edgesAll + edgeReturn
	edgesSpeakerQuery = edgesSpeaker + edgeReturn
	edgesAmongQuery   = edgesAmong + edgeReturn
)

const entityExistsQuery = `MATCH (e:Entity {id: $id}) RETURN e.id AS id LIMIT 1`

// egoStepQuery returns the neighbours of the frontier in the projected
// graph, most strongly connected first.
const egoStepQuery = `
UNWIND $frontier AS fid
MATCH (e:Entity {id: fid})
CALL (e) {
  MATCH (e)-[:SAID]->(s:Statement)-[:MENTIONS|VIA]->(n:Entity) WHERE ` + stmtFilter + ` RETURN n
  UNION ALL
  MATCH (e)-[:SAID]->(s:Statement)<-[:SAID]-(n:Entity) WHERE ` + stmtFilter + ` RETURN n
  UNION ALL
  MATCH (n:Entity)-[:SAID]->(s:Statement)-[:MENTIONS|VIA]->(e) WHERE ` + stmtFilter + ` RETURN n
  UNION ALL
  MATCH (e)-[:HOLDS_ROLE|PART_OF]-(n:Entity) RETURN n
}
WITH n, count(*) AS strength WHERE NOT n.id IN $seen
RETURN n.id AS id ORDER BY strength DESC, id LIMIT $limit`

// Export streams the scope to w: all nodes, then all edges (with quotes:
// entities, quotes, entity edges, quote edges), in one read
// transaction (a whole-graph export: in slices, see slices.go). It stops at the first error, including ctx's cancellation
// (an HTTP client that went away). w is not closed.
func (x *Exporter) Export(ctx context.Context, sc Scope, w Writer) (Stats, error) {
	var st Stats
	sc, err := sc.Normalize()
	if err != nil {
		return st, err
	}
	cfg := neo4j.SessionConfig{DatabaseName: x.Database, AccessMode: neo4j.AccessModeRead, FetchSize: neo4j.FetchAll}
	sess := x.Driver.NewSession(ctx, cfg)
	defer sess.Close(context.WithoutCancel(ctx))
	var opts []func(*neo4j.TransactionConfig)
	if x.Timeout > 0 {
		opts = append(opts, neo4j.WithTxTimeout(x.Timeout))
	}
	tx, err := sess.BeginTransaction(ctx, opts...)
	if err != nil {
		return st, fmt.Errorf("export: begin read transaction: %w", classify(ctx, err))
	}
	defer tx.Close(context.WithoutCancel(ctx))

	params := map[string]any{
		"from": nullable(sc.From), "to": nullable(sc.To), "kinds": nil,
		"minWeight": sc.MinWeight, "maxIDs": int64(max(sc.MaxStatementIDs, 0)), "focus": sc.Focus(),
	}
	if len(sc.Kinds) > 0 {
		params["kinds"] = sc.Kinds
	}

	var nodesQ, edgesQ string
	switch {
	case sc.Entity != "":
		if err := mustExist(ctx, tx, sc.Entity, "entity"); err != nil {
			return st, err
		}
		ids, err := egoIDs(ctx, tx, sc, params)
		if err != nil {
			return st, err
		}
		params["ids"] = ids
		nodesQ, edgesQ = nodesAmongQuery, edgesAmongQuery
	case sc.Speaker != "":
		if err := mustExist(ctx, tx, sc.Speaker, "speaker"); err != nil {
			return st, err
		}
		nodesQ, edgesQ = nodesSpeakerQuery, edgesSpeakerQuery
	case sc.filtered():
		nodesQ, edgesQ = nodesFilteredQuery, edgesAllQuery
	}

	focus := sc.Focus()
	seenFocus := focus == ""
	// With quotes, a scope that writes only some entities remembers which,
	// so that a quote's edges end only at nodes written.
	var written map[string]bool
	if sc.Quotes && nodesQ != "" {
		written = make(map[string]bool)
	}
	emitNode := func(rec *neo4j.Record) error {
		n := nodeFromRecord(rec)
		seenFocus = seenFocus || n.ID == focus
		if written != nil {
			if written[n.ID] {
				return nil
			}
			written[n.ID] = true
		}
		st.Nodes++
		return w.WriteNode(n)
	}
	emitQuote := func(rec *neo4j.Record) error {
		st.Nodes++
		return w.WriteNode(quoteNodeFromRecord(rec))
	}
	var buf strings.Builder
	emitEdge := func(rec *neo4j.Record) error {
		e := edgeFromRecord(rec)
		if written != nil {
			switch e.Type {
			case SaidQuote:
				if !written[e.Source] {
					return nil
				}
			case QuoteMentions:
				if !written[e.Target] {
					return nil
				}
			}
		}
		st.Edges++
		buf.Reset()
		buf.WriteByte('e')
		buf.WriteString(strconv.FormatInt(st.Edges, 10))
		e.ID = buf.String()
		if sc.MaxStatementIDs < 0 {
			e.Statements = nil
		}
		return w.WriteEdge(e)
	}
	if nodesQ == "" {
		emit := sliceEmitters{node: emitNode, edge: emitEdge}
		if sc.Quotes {
			emit.quote = emitQuote
		}
		err := x.exportSlices(ctx, tx, params, emit)
		return st, err
	}

	if err := stream(ctx, tx, nodesQ, params, emitNode); err != nil {
		return st, fmt.Errorf("export nodes: %w", err)
	}
	if !seenFocus {
		// The focus has no edges in scope; a lone node still says it exists.
		if err := stream(ctx, tx, nodeOneQuery, params, emitNode); err != nil {
			return st, fmt.Errorf("export nodes: %w", err)
		}
	}
	var qq quoteQueries
	if sc.Quotes {
		qq = quoteQueriesOf(sc)
		if qq.speakers != "" {
			if err := stream(ctx, tx, qq.speakers, params, emitNode); err != nil {
				return st, fmt.Errorf("export quote speakers: %w", err)
			}
		}
		if err := stream(ctx, tx, qq.nodes, params, emitQuote); err != nil {
			return st, fmt.Errorf("export quotes: %w", err)
		}
	}
	if err := stream(ctx, tx, edgesQ, params, emitEdge); err != nil {
		return st, fmt.Errorf("export edges: %w", err)
	}
	if sc.Quotes {
		if err := stream(ctx, tx, qq.edges, params, emitEdge); err != nil {
			return st, fmt.Errorf("export quote edges: %w", err)
		}
	}
	return st, nil
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func mustExist(ctx context.Context, tx neo4j.ExplicitTransaction, id, field string) error {
	res, err := tx.Run(ctx, entityExistsQuery, map[string]any{"id": id})
	if err != nil {
		return classify(ctx, err)
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		return classify(ctx, err)
	}
	if len(recs) == 0 {
		return &graph.Error{Code: graph.ENOTFOUND, Field: field, Message: fmt.Sprintf("no entity %q", id)}
	}
	return nil
}

// egoIDs walks the projected graph breadth-first from sc.Entity, keeping at
// most sc.MaxNodes entities; it holds only those ids.
func egoIDs(ctx context.Context, tx neo4j.ExplicitTransaction, sc Scope, params map[string]any) ([]string, error) {
	ids := []string{sc.Entity}
	frontier := []string{sc.Entity}
	for depth := 0; depth < sc.Depth && len(frontier) > 0 && len(ids) < sc.MaxNodes; depth++ {
		p := make(map[string]any, len(params)+3)
		for k, v := range params {
			p[k] = v
		}
		p["frontier"], p["seen"], p["limit"] = frontier, ids, int64(sc.MaxNodes-len(ids))
		var next []string
		err := stream(ctx, tx, egoStepQuery, p, func(rec *neo4j.Record) error {
			id, _ := rec.Values[0].(string)
			next = append(next, id)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("export: ego network step %d: %w", depth+1, err)
		}
		ids = append(ids, next...)
		frontier = next
	}
	return ids, nil
}

// stream runs q and calls fn for each record as it arrives.
func stream(ctx context.Context, tx neo4j.ExplicitTransaction, q string, params map[string]any, fn func(*neo4j.Record) error) error {
	res, err := tx.Run(ctx, q, params)
	if err != nil {
		return classify(ctx, err)
	}
	for res.Next(ctx) {
		if err := fn(res.Record()); err != nil {
			return err
		}
	}
	if err := res.Err(); err != nil {
		return classify(ctx, err)
	}
	return ctx.Err()
}

// classify prefers the context's own error: the driver reports a cancelled
// read as a connection error that does not wrap context.Canceled.
func classify(ctx context.Context, err error) error {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return fmt.Errorf("%w (%v)", ctxErr, err)
	}
	return store.Classify(err)
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func num(v any) int64 {
	n, _ := v.(int64)
	return n
}

func strs(v any) []string {
	l, _ := v.([]any)
	if len(l) == 0 {
		return nil
	}
	out := make([]string, 0, len(l))
	for _, x := range l {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// Records are read by position, in the order of the RETURN clauses above,
// to avoid a key lookup per field on large exports.
func nodeFromRecord(r *neo4j.Record) Node {
	v := r.Values
	return Node{ID: str(v[0]), Type: str(v[1]), Name: str(v[2]), Aliases: strs(v[3]),
		Statements: num(v[4]), Mentions: num(v[5]), FirstSeen: str(v[6]), LastSeen: str(v[7])}
}

func edgeFromRecord(r *neo4j.Record) Edge {
	v := r.Values
	return Edge{Source: str(v[0]), Target: str(v[1]), Type: str(v[2]), Weight: num(v[3]),
		Statements: strs(v[4]), FirstDate: str(v[5]), LastDate: str(v[6]), Label: str(v[7])}
}
