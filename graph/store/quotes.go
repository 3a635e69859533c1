package store

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/graph/quote"
)

// Quotes: every document's copy of one remark of one speaker reports one
// (:Quote) (see docs/graph-model.md, package graph/quote for the method).
// The loader clusters a batch's statements inside its write transaction,
// after lockEntities has write-locked the batch's entities: every writer
// that could add a report to a quote locks the quote's speakers first, so
// two batches never found the same quote twice nor lose a report count.
//
// The index lives in Neo4j: Statement.quote_variant (range index) finds
// the same normalised wording, and the slot properties quote_k0 …
// quote_k17 (one range index each, migration 11) find near-duplicate
// candidates: every clustered statement holds its LSH band and anchor keys
// by slot (quote.Signature.Slots), and one UNWIND query looks up a whole
// batch's keys, one index seek per slot. Keys live and die with their
// statement: a delete needs no upkeep of the index, and exact copies add
// index entries but no writes beyond their own node. (Until migration 11
// each distinct wording had a QUOTE_KEY self-loop per key on its quote;
// in a micro-benchmark twelve relationships with an index entry each cost
// 2.6–2.9 times the Neo4j CPU of twelve integer properties, and made 65 %
// of a bulk import's relationships; docs/performance.md.)
//
// A quote's id is its founding wording's: the variant of its first report
// (earliest date, undated last, then document and offset), so the same
// reports give the same ids whatever order or batches they were loaded in.
// recomputeQuotes re-points the id when an earlier report arrives or the
// first one goes.

// quoteVariants finds the quote of each stored variant: the quote founded
// by the wording (its id is derived from it), else the quote of any
// statement with the wording.
const quoteVariants = `
UNWIND $variants AS v
OPTIONAL MATCH (q:Quote {id: 'quote:' + v})
WITH v, q.id AS founded
RETURN v AS variant, coalesce(founded,
       COLLECT { MATCH (s:Statement {quote_variant: v})-[:REPORTS]->(r:Quote) RETURN r.id LIMIT 1 }[0]) AS quote`

// quoteCandidates looks up, per signature, the stored statements sharing
// its keys slot by slot (at most $perKey a slot: a key that many
// statements share, such as a popular opening, does not flood the batch),
// keeps the $max wordings sharing most slots (ties to the smaller variant)
// and returns their quotes with the text of one statement of each
// wording. r.k holds the signature's slots, null where a slot is empty.
var quoteCandidates = `
UNWIND $rows AS r
CALL (r) {
  CALL (r) {
` + slotCypher(func(i int, p string) string {
	return fmt.Sprintf("    MATCH (s:Statement {%s: r.k[%d]}) RETURN s, %d AS slot LIMIT $perKey", p, i, i)
}, "\n    UNION ALL\n") + `
  }
  WITH s.quote_variant AS variant, count(DISTINCT slot) AS shared, head(collect(s)) AS one
  ORDER BY shared DESC, variant LIMIT $max
  MATCH (one)-[:REPORTS]->(q:Quote)
  RETURN collect({quote: q.id, speaker: q.speaker, content: one.text}) AS cands
}
RETURN r.i AS i, cands`

// slotCypher joins, for each quote slot, the Cypher that each gives it
// with its property name: the slot properties are many and all alike, so
// the queries that list them are built from quote.Slots once, at start-up,
// from constants only (values still go in as parameters).
func slotCypher(each func(i int, prop string) string, sep string) string {
	parts := make([]string, quote.Slots)
	for i := range parts {
		parts[i] = each(i, quote.SlotProperty(i))
	}
	return strings.Join(parts, sep)
}

// slotParams is a signature's slots as a query parameter: null where a
// slot is empty.
func slotParams(sig quote.Signature) []any {
	out := make([]any, quote.Slots)
	for i, v := range sig.Slots {
		if v != 0 {
			out[i] = v
		}
	}
	return out
}

// setSlots records sig's slots in a statement's properties (createStatements
// writes them), or removes them when sig is nil.
func setSlots(props map[string]any, sig *quote.Signature) {
	for i := range quote.Slots {
		p := quote.SlotProperty(i)
		if sig == nil || sig.Slots[i] == 0 {
			delete(props, p)
		} else {
			props[p] = sig.Slots[i]
		}
	}
}

// perKey bounds the wordings read per key.
const perKey = 64

// txIndex is quote.Index over the stored graph, inside one transaction.
type txIndex struct {
	tx    neo4j.ManagedTransaction
	steps *StepTimer
}

func (x txIndex) Exact(ctx context.Context, variants []string) (map[string]string, error) {
	defer x.steps.add("cluster: exact", time.Now())
	res, err := x.tx.Run(ctx, quoteVariants, map[string]any{"variants": toAny(variants)})
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(variants))
	for res.Next(ctx) {
		r := res.Record()
		v, _ := r.Get("variant")
		q, _ := r.Get("quote")
		if qs, ok := q.(string); ok && qs != "" {
			out[v.(string)] = qs
		}
	}
	return out, res.Err()
}

func (x txIndex) Candidates(ctx context.Context, sigs []quote.Signature) ([][]quote.Candidate, error) {
	defer x.steps.add("cluster: candidates", time.Now())
	rows := make([]any, len(sigs))
	for i, s := range sigs {
		rows[i] = map[string]any{"i": int64(i), "k": slotParams(s)}
	}
	res, err := x.tx.Run(ctx, quoteCandidates, map[string]any{"rows": rows, "max": int64(quote.MaxCandidates), "perKey": int64(perKey)})
	if err != nil {
		return nil, err
	}
	out := make([][]quote.Candidate, len(sigs))
	for res.Next(ctx) {
		r := res.Record()
		iv, _ := r.Get("i")
		cv, _ := r.Get("cands")
		i := int(iv.(int64))
		for _, c := range cv.([]any) {
			m := c.(map[string]any)
			sp, _ := m["speaker"].(string)
			text, _ := m["content"].(string)
			out[i] = append(out[i], quote.Candidate{Quote: m["quote"].(string), Speaker: sp, Content: text})
		}
	}
	return out, res.Err()
}

// quoteRows is what clustering a batch adds to the write.
type quoteRows struct {
	founded []any    // new quotes: id, speaker key, speaker ids
	reports []any    // statement -> quote
	touched []string // every quote the batch reports, sorted
}

// clusterTx assigns the statements of docs to quotes and records each
// clustered statement's variant and keys in its properties (written by
// createStatements). It must run after lockEntities and before
// createStatements.
func clusterTx(ctx context.Context, tx neo4j.ManagedTransaction, o quote.Options, docs []*preparedDoc, steps *StepTimer) (quoteRows, error) {
	var items []quote.Item
	var stmts []*preparedStatement
	var speakers [][]string
	for _, d := range docs {
		for k := range d.statements {
			st := &d.statements[k]
			ids := st.speakerIDs()
			text, _ := st.props["text"].(string)
			items = append(items, quote.Item{Speaker: quote.SpeakerKey(ids), Content: text})
			stmts = append(stmts, st)
			speakers = append(speakers, ids)
		}
	}
	as, err := quote.Cluster(ctx, o, items, txIndex{tx, steps})
	if err != nil {
		return quoteRows{}, err
	}
	for i, a := range as {
		if a.Quote == "" {
			delete(stmts[i].props, "quote_variant")
			setSlots(stmts[i].props, nil)
			continue
		}
		stmts[i].props["quote_variant"] = a.Signature.Variant
		setSlots(stmts[i].props, &a.Signature)
	}
	ids := make([]string, len(stmts))
	for i, st := range stmts {
		ids[i], _ = st.props["id"].(string)
	}
	rows := assignmentRows(as, ids, func(i int) []string { return speakers[i] })
	return rows, nil
}

// speakerIDs are the entity ids of the statement's speakers.
func (st *preparedStatement) speakerIDs() []string {
	ids := make([]string, 0, len(st.speakers))
	for _, sp := range st.speakers {
		ids = append(ids, sp["entity"].(string))
	}
	return ids
}

// assignmentRows turns the assignments of the statements with ids (by
// position) into the quote writes; speakers gives a statement's entity ids.
func assignmentRows(as []quote.Assignment, ids []string, speakers func(i int) []string) quoteRows {
	var rows quoteRows
	touched := make(map[string]bool)
	for i, a := range as {
		if a.Quote == "" {
			continue
		}
		if a.New {
			sp := slices.Compact(slices.Sorted(slices.Values(speakers(i))))
			rows.founded = append(rows.founded, map[string]any{"id": a.Quote, "speaker": a.Signature.Speaker, "speakers": toAny(sp)})
		}
		rows.reports = append(rows.reports, map[string]any{"statement": ids[i], "quote": a.Quote})
		touched[a.Quote] = true
	}
	for q := range touched {
		rows.touched = append(rows.touched, q)
	}
	slices.Sort(rows.touched)
	return rows
}

// foundQuotes creates the batch's new quotes with their speakers. MERGE:
// a wording that founded a quote which survives through other wordings
// (its founding documents deleted) finds that quote again.
const foundQuotes = `
UNWIND $rows AS r
MERGE (q:Quote {id: r.id})
ON CREATE SET q.speaker = r.speaker, q.reports = 0
WITH q, r WHERE NOT EXISTS { (q)-[:BY]->() }
UNWIND r.speakers AS sp
MATCH (e:Entity {id: sp})
CREATE (q)-[:BY]->(e)`

const createReports = `
UNWIND $rows AS r
MATCH (s:Statement {id: r.statement})
MATCH (q:Quote {id: r.quote})
CREATE (s)-[:REPORTS]->(q)`

// recomputeQuotes rebuilds each quote's summary from its reports: how
// many and from how many outlets (a document without an outlet counts as
// its own), the first report (earliest date, undated last, then document
// and offset), the last date, and the canonical wording: the most common
// variant (in its longest spelling), ties to the longest, then the
// smallest text, so that the summary depends on the reports only, not on
// their arrival order.
const recomputeQuotes = `
UNWIND $ids AS id
MATCH (q:Quote {id: id})
CALL (q) {
  MATCH (q)<-[:REPORTS]-(s:Statement)-[:REPORTED_IN]->(d:Document)
  WITH s, d ORDER BY coalesce(s.date, '~'), d.id, s.start
  RETURN count(s) AS reports, count(DISTINCT coalesce(d.outlet, d.id)) AS outlets,
         count(DISTINCT s.quote_variant) AS variants, max(s.date) AS last,
         head(collect({date: s.date, document: d.id, outlet: d.outlet, statement: s.id, variant: s.quote_variant})) AS first
}
CALL (q) {
  MATCH (q)<-[:REPORTS]-(s:Statement)
  WITH s.quote_variant AS v, s.text AS text ORDER BY size(text) DESC, text
  WITH v, count(*) AS n, collect(text)[0] AS text
  RETURN text ORDER BY n DESC, size(text) DESC, text LIMIT 1
}
SET q.reports = reports, q.outlets = outlets, q.variants = variants, q.text = text,
    q.first_date = first.date, q.first_document = first.document, q.first_outlet = first.outlet,
    q.first_statement = first.statement, q.last_date = last
WITH q, 'quote:' + first.variant AS founded
WHERE q.id <> founded AND NOT EXISTS { MATCH (:Quote {id: founded}) }
SET q.id = founded`

// writeQuotesTx writes the batch's quotes and reports, then maintains the
// quotes that replaced documents reported (removed: their reports are
// gone, so those without reports go), and recomputes the summaries of
// both; the statements exist by then. The maintenance comes after the new
// reports, so that a quote the new version of a document still reports
// stays, and before the summaries, whose recomputation may change a
// quote's id (it follows the first report). It returns the number of
// quotes removed. The caller holds the speakers' locks.
func writeQuotesTx(ctx context.Context, tx neo4j.ManagedTransaction, rows quoteRows, removed []string, steps *StepTimer) (int64, error) {
	removed = slices.Compact(slices.Sorted(slices.Values(removed)))
	var pruned int64
	for _, q := range []struct {
		name   string
		cypher string
		params map[string]any
		n      int
		count  *int64
	}{
		{"foundQuotes", foundQuotes, map[string]any{"rows": rows.founded}, len(rows.founded), nil},
		{"createReports", createReports, map[string]any{"rows": rows.reports}, len(rows.reports), nil},
		{"pruneQuotes", pruneQuotes, map[string]any{"ids": toAny(removed)}, len(removed), &pruned},
		{"recomputeQuotes", recomputeQuotes, map[string]any{"ids": toAny(union(slices.Clone(rows.touched), removed))}, len(rows.touched) + len(removed), nil},
	} {
		if q.n == 0 {
			continue
		}
		t0 := time.Now()
		n, err := runCount(ctx, tx, q.cypher, q.params)
		if err != nil {
			return 0, err
		}
		if q.count != nil {
			*q.count = n
		}
		steps.add(q.name, t0)
	}
	return pruned, nil
}

// pruneQuotes removes the quotes no statement reports any more, with
// their BY relationships.
const pruneQuotes = `
UNWIND $ids AS id
MATCH (q:Quote {id: id})
WHERE NOT EXISTS { (q)<-[:REPORTS]-() }
DETACH DELETE q
RETURN count(q) AS n`

// maintainQuotesTx runs after a delete removed statements reporting
// these quotes: quotes without reports go, the others get their summary
// recomputed. The caller holds the speakers' locks (deleteDocsTx locks the
// entities the documents touched, speakers among them).
func maintainQuotesTx(ctx context.Context, tx neo4j.ManagedTransaction, ids []string, steps *StepTimer) (int64, error) {
	return writeQuotesTx(ctx, tx, quoteRows{}, ids, steps)
}

// Outlet is who published a document, as quotes count distinct outlets:
// its source when given, else its URL's host without "www.", else "".
func Outlet(source, rawURL string) string {
	if s := strings.TrimSpace(source); s != "" {
		return s
	}
	if rawURL == "" {
		return ""
	}
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// quotePage lists quote ids after $after, in id order.
const quotePage = `MATCH (q:Quote) WHERE q.id > $after RETURN q.id AS id ORDER BY q.id LIMIT $limit`

// unsummarisedPage lists the quote ids after $after that have no summary:
// a bulk import writes the others whole.
const unsummarisedPage = `MATCH (q:Quote) WHERE q.id > $after AND q.reports IS NULL RETURN q.id AS id ORDER BY q.id LIMIT $limit`

// RefreshQuotes recomputes the summary of every quote from its reports
// (counts, first report, canonical wording, the id that follows from the
// first report), a page of quotes per write transaction, and returns how many it visited: for a
// graph whose summaries are in doubt (`whosaid quotes refresh`), and, on
// the quotes without a summary, after a bulk import (FinishBulk). A quote
// whose id changes may be visited twice, which is harmless.
func (s *Store) RefreshQuotes(ctx context.Context) (int64, error) {
	return s.refreshQuotes(ctx, quotePage)
}

// refreshQuotes is RefreshQuotes over the quotes that pageQuery lists.
func (s *Store) refreshQuotes(ctx context.Context, pageQuery string) (int64, error) {
	const page = 1000
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(ctx)
	var n int64
	after := ""
	for {
		out, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
			res, err := tx.Run(ctx, pageQuery, map[string]any{"after": after, "limit": int64(page)})
			if err != nil {
				return nil, err
			}
			ids, err := collectStrings(ctx, res, "id")
			if err != nil || len(ids) == 0 {
				return ids, err
			}
			_, err = runCount(ctx, tx, recomputeQuotes, map[string]any{"ids": toAny(ids)})
			return ids, err
		})
		if err != nil {
			return n, fmt.Errorf("refresh quotes after %q: %w", after, classify(err))
		}
		ids := out.([]string)
		n += int64(len(ids))
		if len(ids) < page {
			return n, nil
		}
		after = ids[len(ids)-1]
	}
}

// BackfillStats is what BackfillQuotes did.
type BackfillStats struct {
	Visited   int64 `json:"visited"`   // statements without a quote read
	Clustered int64 `json:"clustered"` // of those, now reporting a quote
	Founded   int64 `json:"founded"`   // quotes they founded
}

// backfillPage reads the next statements after $after (in id order) that
// have a resolved speaker and no quote yet, with their speakers.
const backfillPage = `
MATCH (s:Statement) WHERE s.id > $after AND s.quote_variant IS NULL AND EXISTS { (:Entity)-[:SAID]->(s) }
WITH s ORDER BY s.id LIMIT $limit
RETURN s.id AS id, s.text AS text, COLLECT { MATCH (e:Entity)-[:SAID]->(s) RETURN e.id ORDER BY e.id } AS speakers`

// backfillCheck keeps the page's statements still without a quote once
// their speakers are locked: a concurrent backfill may have clustered them,
// a delete removed them.
const backfillCheck = `
UNWIND $ids AS id
MATCH (s:Statement {id: id}) WHERE s.quote_variant IS NULL
RETURN s.id AS id`

var backfillSignatures = `
UNWIND $rows AS r
MATCH (s:Statement {id: r.id})
SET s.quote_variant = r.variant, ` + slotCypher(func(i int, p string) string { return fmt.Sprintf("s.%s = r.k[%d]", p, i) }, ", ")

// BackfillQuotes clusters the statements that report no quote (loaded
// before migration 9, or with quotes.enabled off), batch statements per
// write transaction in statement id order, as the loader would have: each
// batch locks its speakers, then finds the stored quotes, founds the
// others and recomputes the summaries of the quotes it touched. It is
// resumable and idempotent: a run after an interruption, or a second run,
// finds only what is left. progress, if not nil, is called after each
// batch.
func (s *Store) BackfillQuotes(ctx context.Context, batch int, progress func(BackfillStats)) (BackfillStats, error) {
	var st BackfillStats
	if !s.quotes.Enabled {
		return st, graph.Errorf(graph.EINVALID, "backfill quotes: quotes.enabled is false")
	}
	if batch <= 0 {
		batch = 1000
	}
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(ctx)
	after := ""
	for {
		out, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
			return backfillTx(ctx, tx, s.quotes, after, batch)
		})
		if err != nil {
			return st, fmt.Errorf("backfill quotes after statement %q: %w", after, classify(err))
		}
		r := out.(backfillResult)
		st.Visited += r.read
		st.Clustered += r.clustered
		st.Founded += r.founded
		if progress != nil && r.read > 0 {
			progress(st)
		}
		if r.read < int64(batch) {
			return st, nil
		}
		after = r.last
	}
}

type backfillResult struct {
	last                     string
	read, clustered, founded int64
}

func backfillTx(ctx context.Context, tx neo4j.ManagedTransaction, o quote.Options, after string, batch int) (backfillResult, error) {
	var r backfillResult
	res, err := tx.Run(ctx, backfillPage, map[string]any{"after": after, "limit": int64(batch)})
	if err != nil {
		return r, err
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		return r, err
	}
	r.read = int64(len(recs))
	if len(recs) == 0 {
		return r, nil
	}
	ids := make([]string, len(recs))
	texts := make(map[string]string, len(recs))
	speakers := make(map[string][]string, len(recs))
	entities := make(map[string]bool)
	for i, rec := range recs {
		id, _ := rec.Get("id")
		text, _ := rec.Get("text")
		sp, _ := rec.Get("speakers")
		ids[i] = id.(string)
		texts[ids[i]], _ = text.(string)
		for _, e := range sp.([]any) {
			speakers[ids[i]] = append(speakers[ids[i]], e.(string))
			entities[e.(string)] = true
		}
	}
	r.last = ids[len(ids)-1]
	// The loader's lock order (see lockEntities): by entity id.
	order := make([]string, 0, len(entities))
	for e := range entities {
		order = append(order, e)
	}
	slices.Sort(order)
	lock := make([]any, len(order))
	for i, e := range order {
		lock[i] = map[string]any{"id": e}
	}
	if _, err := runCount(ctx, tx, lockEntities, map[string]any{"rows": lock}); err != nil {
		return r, err
	}
	res, err = tx.Run(ctx, backfillCheck, map[string]any{"ids": toAny(ids)})
	if err != nil {
		return r, err
	}
	left, err := collectStrings(ctx, res, "id")
	if err != nil {
		return r, err
	}
	items := make([]quote.Item, len(left))
	for i, id := range left {
		items[i] = quote.Item{Speaker: quote.SpeakerKey(speakers[id]), Content: texts[id]}
	}
	as, err := quote.Cluster(ctx, o, items, txIndex{tx: tx})
	if err != nil {
		return r, err
	}
	var sigs []any
	for i, a := range as {
		if a.Quote != "" {
			sigs = append(sigs, map[string]any{"id": left[i], "variant": a.Signature.Variant, "k": slotParams(a.Signature)})
		}
	}
	rows := assignmentRows(as, left, func(i int) []string { return speakers[left[i]] })
	if _, err := runCount(ctx, tx, backfillSignatures, map[string]any{"rows": sigs}); err != nil {
		return r, err
	}
	if len(rows.reports) > 0 {
		if _, err := writeQuotesTx(ctx, tx, rows, nil, nil); err != nil {
			return r, err
		}
	}
	r.clustered, r.founded = int64(len(rows.reports)), int64(len(rows.founded))
	return r, nil
}
