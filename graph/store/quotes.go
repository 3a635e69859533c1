package store

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

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
// the same normalised wording, and Statement.quote_keys (full-text index
// with the whitespace analyser, one token per LSH band and anchor) finds
// near-duplicate candidates; deleting a statement removes it from both.

// quoteVariants finds the quote of each stored variant: the quote founded
// by the wording (its id is derived from it), else the quote of any
// statement with the wording.
const quoteVariants = `
UNWIND $variants AS v
OPTIONAL MATCH (q:Quote {id: 'quote:' + v})
WITH v, q.id AS founded
RETURN v AS variant, coalesce(founded,
       COLLECT { MATCH (s:Statement {quote_variant: v})-[:REPORTS]->(r:Quote) RETURN r.id LIMIT 1 }[0]) AS quote`

// quoteCandidates asks the key index, per signature, for the statements
// sharing most keys, and returns the quotes they report with their text.
// The limit bounds the work per statement: a remark syndicated a hundred
// times returns its best copies, which are the same wording.
const quoteCandidates = `
UNWIND $rows AS r
CALL (r) {
  CALL db.index.fulltext.queryNodes('statement_quote_keys', r.keys, {limit: $max}) YIELD node
  MATCH (node)-[:REPORTS]->(q:Quote)
  RETURN collect({quote: q.id, speaker: q.speaker, content: node.text}) AS cands
}
RETURN r.i AS i, cands`

// txIndex is quote.Index over the stored graph, inside one transaction.
type txIndex struct {
	tx neo4j.ManagedTransaction
}

func (x txIndex) Exact(ctx context.Context, variants []string) (map[string]string, error) {
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
	rows := make([]any, len(sigs))
	for i, s := range sigs {
		rows[i] = map[string]any{"i": int64(i), "keys": quote.KeyText(s)}
	}
	res, err := x.tx.Run(ctx, quoteCandidates, map[string]any{"rows": rows, "max": int64(quote.MaxCandidates)})
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
func clusterTx(ctx context.Context, tx neo4j.ManagedTransaction, o quote.Options, docs []*preparedDoc) (quoteRows, error) {
	var items []quote.Item
	var stmts []*preparedStatement
	var speakers [][]string
	for _, d := range docs {
		for k := range d.statements {
			st := &d.statements[k]
			ids := make([]string, 0, len(st.speakers))
			for _, sp := range st.speakers {
				ids = append(ids, sp["entity"].(string))
			}
			text, _ := st.props["text"].(string)
			items = append(items, quote.Item{Speaker: quote.SpeakerKey(ids), Content: text})
			stmts = append(stmts, st)
			speakers = append(speakers, ids)
		}
	}
	as, err := quote.Cluster(ctx, o, items, txIndex{tx})
	if err != nil {
		return quoteRows{}, err
	}
	var rows quoteRows
	touched := make(map[string]bool)
	for i, a := range as {
		if a.Quote == "" {
			delete(stmts[i].props, "quote_variant")
			delete(stmts[i].props, "quote_keys")
			continue
		}
		stmts[i].props["quote_variant"] = a.Signature.Variant
		stmts[i].props["quote_keys"] = quote.KeyText(a.Signature)
		if a.New {
			ids := slices.Compact(slices.Sorted(slices.Values(speakers[i])))
			rows.founded = append(rows.founded, map[string]any{"id": a.Quote, "speaker": a.Signature.Speaker, "speakers": toAny(ids)})
		}
		rows.reports = append(rows.reports, map[string]any{"statement": stmts[i].props["id"], "quote": a.Quote})
		touched[a.Quote] = true
	}
	rows.touched = slices.Sorted(func(yield func(string) bool) {
		for q := range touched {
			if !yield(q) {
				return
			}
		}
	})
	return rows, nil
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
         head(collect({date: s.date, document: d.id, outlet: d.outlet, statement: s.id})) AS first
}
CALL (q) {
  MATCH (q)<-[:REPORTS]-(s:Statement)
  WITH s.quote_variant AS v, s.text AS text ORDER BY size(text) DESC, text
  WITH v, count(*) AS n, collect(text)[0] AS text
  RETURN text ORDER BY n DESC, size(text) DESC, text LIMIT 1
}
SET q.reports = reports, q.outlets = outlets, q.variants = variants, q.text = text,
    q.first_date = first.date, q.first_document = first.document, q.first_outlet = first.outlet,
    q.first_statement = first.statement, q.last_date = last`

// writeQuotesTx writes the batch's quotes and reports and recomputes the
// summaries of the quotes it reports; the statements exist by then.
func writeQuotesTx(ctx context.Context, tx neo4j.ManagedTransaction, rows quoteRows) error {
	for _, q := range []struct {
		cypher string
		params map[string]any
	}{
		{foundQuotes, map[string]any{"rows": rows.founded}},
		{createReports, map[string]any{"rows": rows.reports}},
		{recomputeQuotes, map[string]any{"ids": toAny(rows.touched)}},
	} {
		if _, err := runCount(ctx, tx, q.cypher, q.params); err != nil {
			return err
		}
	}
	return nil
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
func maintainQuotesTx(ctx context.Context, tx neo4j.ManagedTransaction, ids []string) (int64, error) {
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	n, err := runCount(ctx, tx, pruneQuotes, map[string]any{"ids": toAny(ids)})
	if err != nil {
		return 0, err
	}
	if _, err := runCount(ctx, tx, recomputeQuotes, map[string]any{"ids": toAny(ids)}); err != nil {
		return 0, err
	}
	return n, nil
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

// RefreshQuotes recomputes the summary of every quote from its reports
// (counts, first report, canonical wording), a page of quotes per write
// transaction, and returns how many it visited. A bulk import that writes
// Quote nodes, REPORTS and BY relationships and the statements'
// quote_variant and quote_keys (quote.Cluster computes them) runs it once
// afterwards instead of computing the summaries itself.
func (s *Store) RefreshQuotes(ctx context.Context) (int64, error) {
	const page = 1000
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(ctx)
	var n int64
	after := ""
	for {
		out, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
			res, err := tx.Run(ctx, quotePage, map[string]any{"after": after, "limit": int64(page)})
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
