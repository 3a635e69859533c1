package export

import (
	"strings"
	"unicode/utf8"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// With Scope.Quotes the projected graph also has the quotes its statements
// report (docs/graph-model.md, "Quotes"): a Quote node per quote with at
// least one report in scope (and at least min_weight of them), a
// SAID_QUOTE edge from each of its speakers weighted by those reports, and
// a QUOTE_MENTIONS edge to each entity they mention (its speakers aside),
// weighted by the reports that mention it. Every count is over the reports
// in scope, so a date range gives the quote's reports in that range.
//
// Each query below starts from a quote set that binds q in id order: all
// quotes, a slice of them, a speaker's, or those of an ego network's
// entities. The quote's reports in scope are aggregated once per quote.

const (
	quotesAll     = `MATCH (q:Quote) WHERE q.id IS NOT NULL WITH q ORDER BY q.id`
	quotesSlice   = `MATCH (q:Quote) WHERE q.id >= $lo AND q.id <= $hi WITH q ORDER BY q.id`
	quotesSpeaker = `MATCH (:Entity {id: $focus})<-[:BY]-(q:Quote) WITH q ORDER BY q.id`
	quotesAmong   = `UNWIND $ids AS id MATCH (:Entity {id: id})<-[:BY]-(q:Quote) WITH DISTINCT q ORDER BY q.id`
)

// quoteSlicesQuery cuts the quote ids into runs of $size, as
// entitySlicesQuery does the entities'.
const quoteSlicesQuery = `
MATCH (q:Quote) WHERE q.id IS NOT NULL
WITH q.id AS id ORDER BY id
WITH collect(id) AS ids
UNWIND range(0, size(ids) - 1, $size) AS i
RETURN ids[i] AS lo, ids[CASE WHEN i + $size > size(ids) THEN size(ids) ELSE i + $size END - 1] AS hi`

// quoteInScope keeps the quotes with reports in scope; with outlets, it
// also counts their distinct outlets (a document without one counts as
// its own, as the quote's summary does).
const (
	quoteInScope = `
CALL (q) {
  MATCH (q)<-[:REPORTS]-(s:Statement) WHERE ` + stmtFilter + `
  WITH s ORDER BY s.date, s.id
  RETURN count(s) AS reports, collect(s.id)[..$maxIDs] AS sids, min(s.date) AS first, max(s.date) AS last
}
WITH q, reports, sids, first, last WHERE reports > 0 AND reports >= $minWeight`
	quoteInScopeOutlets = `
CALL (q) {
  MATCH (q)<-[:REPORTS]-(s:Statement)-[:REPORTED_IN]->(d:Document) WHERE ` + stmtFilter + `
  RETURN count(s) AS reports, count(DISTINCT coalesce(d.outlet, d.id)) AS outlets, min(s.date) AS first
}
WITH q, reports, outlets, first WHERE reports > 0 AND reports >= $minWeight`
)

// quoteNodeReturn: the columns quoteNodeFromRecord reads.
const quoteNodeReturn = `
RETURN q.id AS id, q.text AS text, reports, outlets, first`

// quoteSpeakers: the entities that said the quotes in scope, for the
// scopes whose entity nodes are the ends of their edges (the caller skips
// those already written); quoteSpeakersAmong keeps an ego network's.
const (
	quoteSpeakers = quoteInScope + `
MATCH (q)-[:BY]->(e:Entity)
WITH DISTINCT e ORDER BY e.id` + nodeAttrs
	quoteSpeakersAmong = quoteInScope + `
MATCH (q)-[:BY]->(e:Entity) WHERE e.id IN $ids
WITH DISTINCT e ORDER BY e.id` + nodeAttrs
)

// quoteEdges: the SAID_QUOTE and QUOTE_MENTIONS edges of the quotes in
// scope, in the column order of edgeFromRecord.
const quoteEdges = quoteInScope + `
CALL (q, reports, sids, first, last) {
  MATCH (q)-[:BY]->(a:Entity)
  RETURN a.id AS src, q.id AS dst, 'SAID_QUOTE' AS type, reports AS weight, sids AS ids, first AS f, last AS l
  UNION ALL
  MATCH (q)<-[:REPORTS]-(s:Statement)-[:MENTIONS]->(b:Entity)
  WHERE ` + stmtFilter + ` AND NOT EXISTS { (q)-[:BY]->(b) }
  WITH b, s ORDER BY s.date, s.id
  WITH b, count(s) AS weight, collect(s.id)[..$maxIDs] AS ids, min(s.date) AS f, max(s.date) AS l
  ORDER BY b.id
  RETURN q.id AS src, b.id AS dst, 'QUOTE_MENTIONS' AS type, weight, ids, f, l
}
WITH src, dst, type, weight, ids, f, l WHERE weight >= $minWeight
RETURN src, dst, type, weight, ids, f, l, null AS label`

// quoteQueries are the node, speaker and edge queries for the quote set
// of a scope; speakers is "" when every entity is written anyway.
type quoteQueries struct{ nodes, speakers, edges string }

func quoteQueriesOf(sc Scope) quoteQueries {
	switch {
	case sc.Entity != "":
		return quoteQueries{quotesAmong + quoteInScopeOutlets + quoteNodeReturn, quotesAmong + quoteSpeakersAmong, quotesAmong + quoteEdges}
	case sc.Speaker != "":
		// The speaker is written whatever its edges.
		return quoteQueries{quotesSpeaker + quoteInScopeOutlets + quoteNodeReturn, "", quotesSpeaker + quoteEdges}
	}
	return quoteQueries{quotesAll + quoteInScopeOutlets + quoteNodeReturn, quotesAll + quoteSpeakers, quotesAll + quoteEdges}
}

// Slices of a whole-graph export (see slices.go).
const (
	quoteNodesSliceQuery = quotesSlice + quoteInScopeOutlets + quoteNodeReturn
	quoteEdgesSliceQuery = quotesSlice + quoteEdges
)

func quoteNodeFromRecord(r *neo4j.Record) Node {
	v := r.Values
	text := str(v[1])
	return Node{ID: str(v[0]), Type: QuoteType, Name: quoteLabel(text), Text: text,
		Reports: num(v[2]), Outlets: num(v[3]), FirstReported: str(v[4])}
}

// quoteLabelRunes bounds a quote node's label: graph tools draw the label
// beside the node, where a paragraph would hide the graph.
const quoteLabelRunes = 60

// quoteLabel is the wording cut after the last whole word within
// quoteLabelRunes, with an ellipsis when cut.
func quoteLabel(text string) string {
	text = strings.Join(strings.Fields(text), " ")
	if utf8.RuneCountInString(text) <= quoteLabelRunes {
		return text
	}
	cut, n := len(text), 0
	for i := range text {
		if n == quoteLabelRunes {
			cut = i
			break
		}
		n++
	}
	head := text[:cut]
	if sp := strings.LastIndexByte(head, ' '); sp > 0 && text[cut] != ' ' {
		head = head[:sp]
	}
	return strings.TrimRight(head, " ,;:") + "…"
}
