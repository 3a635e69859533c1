package queries

import (
	"context"
	"fmt"

	"github.com/whosaid/whosaid/graph"
)

// Quote is one remark of its speakers, summarised over every document that
// reported it (docs/graph-model.md, "Quotes").
type Quote struct {
	ID string `json:"id"`
	// Text is the canonical wording: the most common variant, ties to the
	// longest.
	Text     string      `json:"text"`
	Speakers []EntityRef `json:"speakers"`
	Reports  int64       `json:"reports"`  // statements reporting it
	Outlets  int64       `json:"outlets"`  // distinct outlets among them
	Variants int64       `json:"variants"` // distinct normalised wordings
	// FirstReported is the earliest report (undated reports count last).
	FirstReported FirstReport `json:"first_reported"`
	LastDate      string      `json:"last_date,omitempty"`
}

// FirstReport is where and when a quote was first reported.
type FirstReport struct {
	Statement string      `json:"statement"`
	Document  DocumentRef `json:"document"`
	Outlet    string      `json:"outlet,omitempty"`
	Date      string      `json:"date,omitempty"`
}

// Report is one document's copy of a quote: the statement, its wording
// (the variant) and its provenance.
type Report struct {
	Statement string      `json:"statement"`
	Kind      string      `json:"kind"`
	Date      string      `json:"date,omitempty"`
	Variant   string      `json:"variant"`
	Document  DocumentRef `json:"document"`
	Outlet    string      `json:"outlet,omitempty"`
	Start     int64       `json:"start"`
	End       int64       `json:"end"`
}

// QuoteDetail is a quote with a page of its reports in time order.
type QuoteDetail struct {
	Quote   Quote        `json:"quote"`
	Reports Page[Report] `json:"reports"`
}

// quoteFields projects a bound quote q with its first document and speakers.
const quoteFields = `q {.id, .text, .reports, .outlets, .variants, .first_date, .first_outlet, .first_statement, .last_date,
   speakers: [(q)-[:BY]->(e:Entity) | e {.id, .name, .type}],
   first: COLLECT { MATCH (fd:Document {id: q.first_document}) RETURN fd {.id, .title, .url, .source, .published, .authors} }[0]} AS q`

func quoteOf(v any) Quote {
	m := mapOf(v)
	q := Quote{ID: str(m, "id"), Text: str(m, "text"), Speakers: sortedRefs(m["speakers"]),
		Reports: i64(m, "reports"), Outlets: i64(m, "outlets"), Variants: i64(m, "variants"), LastDate: str(m, "last_date"),
		FirstReported: FirstReport{Statement: str(m, "first_statement"), Document: documentRef(mapOf(m["first"])),
			Outlet: str(m, "first_outlet"), Date: str(m, "first_date")}}
	return q
}

const quoteByID = `MATCH (q:Quote {id: $id}) RETURN ` + quoteFields

// quoteReports pages through a quote's reports in time order (day, undated
// last, then document, start and id, as timeCursorAfter expects).
const quoteReports = `
MATCH (:Quote {id: $id})<-[:REPORTS]-(s:Statement)
WITH s, coalesce(s.date, '` + undated + `') AS day
WHERE ` + timeCursorAfter + `
WITH s, day ORDER BY day, s.document, s.start, s.id LIMIT $limit
MATCH (s)-[:REPORTED_IN]->(d:Document)
RETURN s {.id, .kind, .date, .text, .start, .end, .document} AS s,
       d {.id, .title, .url, .source, .published, .authors, .outlet} AS d
ORDER BY day, s.document, s.start, s.id`

// QuoteFilter pages through a quote's reports.
type QuoteFilter struct {
	Limit  int
	Cursor string
}

// Quote answers "where was it reported?": the quote and its reports,
// earliest first.
func (q *Queries) Quote(ctx context.Context, id string, f QuoteFilter) (QuoteDetail, error) {
	if err := checkID("id", id, true); err != nil {
		return QuoteDetail{}, err
	}
	limit, err := checkLimit(f.Limit, DefaultLimit, MaxLimit)
	if err != nil {
		return QuoteDetail{}, err
	}
	c, ok, err := decodeCursor(f.Cursor, "reports", 3, 1, 0)
	if err != nil {
		return QuoteDetail{}, err
	}
	recs, err := q.read(ctx, "quote", quoteByID, map[string]any{"id": id})
	if err != nil {
		return QuoteDetail{}, err
	}
	if len(recs) == 0 {
		return QuoteDetail{}, &graph.Error{Code: graph.ENOTFOUND, Field: "id", Message: fmt.Sprintf("no quote %q", id)}
	}
	out := QuoteDetail{Quote: quoteOf(get(recs[0], "q"))}
	params := map[string]any{"id": id, "limit": int64(limit) + 1, "c_day": nil, "c_doc": nil, "c_start": nil, "c_id": nil}
	if ok {
		params["c_day"], params["c_doc"], params["c_id"], params["c_start"] = c.S[0], c.S[1], c.S[2], c.N[0]
	}
	recs, err = q.read(ctx, "quote_reports", quoteReports, params)
	if err != nil {
		return QuoteDetail{}, err
	}
	out.Reports.Items = make([]Report, 0, len(recs))
	for _, r := range recs {
		s, d := mapOf(get(r, "s")), mapOf(get(r, "d"))
		out.Reports.Items = append(out.Reports.Items, Report{Statement: str(s, "id"), Kind: str(s, "kind"), Date: str(s, "date"),
			Variant: str(s, "text"), Document: documentRef(d), Outlet: str(d, "outlet"), Start: i64(s, "start"), End: i64(s, "end")})
	}
	if len(out.Reports.Items) > limit {
		out.Reports.Items = out.Reports.Items[:limit]
		last := out.Reports.Items[limit-1]
		out.Reports.NextCursor = encodeCursor(cursor{Tag: "reports", S: []string{dayKey(last.Date), last.Document.ID, last.Statement}, N: []int64{last.Start}})
	}
	return out, nil
}

const statementQuote = `
MATCH (s:Statement {id: $id})
RETURN [(s)-[:REPORTS]->(q:Quote) | q.id][0] AS quote`

// StatementReports answers "who else reported this?": the quote a
// statement reports, with all its reports.
func (q *Queries) StatementReports(ctx context.Context, id string, f QuoteFilter) (QuoteDetail, error) {
	if err := checkID("id", id, true); err != nil {
		return QuoteDetail{}, err
	}
	recs, err := q.read(ctx, "statement_quote", statementQuote, map[string]any{"id": id})
	if err != nil {
		return QuoteDetail{}, err
	}
	if len(recs) == 0 {
		return QuoteDetail{}, &graph.Error{Code: graph.ENOTFOUND, Field: "id", Message: fmt.Sprintf("no statement %q", id)}
	}
	qid, _ := get(recs[0], "quote").(string)
	if qid == "" {
		return QuoteDetail{}, &graph.Error{Code: graph.ENOTFOUND, Field: "id",
			Message: fmt.Sprintf("statement %q reports no quote (its speakers are unresolved, or it was loaded without quote clustering)", id)}
	}
	return q.Quote(ctx, qid, f)
}

// QuoteListFilter selects quotes for TopQuotes.
type QuoteListFilter struct {
	Speaker   string // entity id among the quote's speakers
	DateRange        // on the quote's first report
	Limit     int
	Cursor    string
}

// topQuotes ranks quotes by their number of reports; ties by id keep pages
// stable. Starting from the speaker when one is given reads only its
// quotes.
const topQuotesFilters = `($from IS NULL OR q.first_date >= $from) AND ($to IS NULL OR q.first_date <= $to)
  AND ($c_n IS NULL OR q.reports < $c_n OR (q.reports = $c_n AND q.id > $c_id))
WITH q ORDER BY q.reports DESC, q.id LIMIT $limit
RETURN ` + quoteFields + `
ORDER BY q.reports DESC, q.id`

const topQuotes = `
MATCH (q:Quote)
WHERE ` + topQuotesFilters

const topQuotesOf = `
MATCH (:Entity {id: $speaker})<-[:BY]-(q:Quote)
WHERE ` + topQuotesFilters

// TopQuotes answers "what was reported most?": quotes of a speaker and/or
// first reported in a period, most reports first.
func (q *Queries) TopQuotes(ctx context.Context, f QuoteListFilter) (Page[Quote], error) {
	if err := checkID("speaker", f.Speaker, false); err != nil {
		return Page[Quote]{}, err
	}
	dr, err := f.DateRange.check()
	if err != nil {
		return Page[Quote]{}, err
	}
	limit, err := checkLimit(f.Limit, DefaultLimit, MaxLimit)
	if err != nil {
		return Page[Quote]{}, err
	}
	c, ok, err := decodeCursor(f.Cursor, "quotes", 1, 1, 0)
	if err != nil {
		return Page[Quote]{}, err
	}
	params := map[string]any{"speaker": f.Speaker, "from": nullable(dr.From), "to": nullable(dr.To),
		"limit": int64(limit) + 1, "c_n": nil, "c_id": nil}
	if ok {
		params["c_id"], params["c_n"] = c.S[0], c.N[0]
	}
	cypher := topQuotes
	if f.Speaker != "" {
		cypher = topQuotesOf
	}
	recs, err := q.read(ctx, "top_quotes", cypher, params)
	if err != nil {
		return Page[Quote]{}, err
	}
	page := Page[Quote]{Items: make([]Quote, 0, len(recs))}
	for _, r := range recs {
		page.Items = append(page.Items, quoteOf(get(r, "q")))
	}
	if len(page.Items) > limit {
		page.Items = page.Items[:limit]
		last := page.Items[limit-1]
		page.NextCursor = encodeCursor(cursor{Tag: "quotes", S: []string{last.ID}, N: []int64{last.Reports}})
	}
	if len(page.Items) == 0 && f.Speaker != "" {
		if err := q.requireEntity(ctx, "speaker", f.Speaker); err != nil {
			return page, err
		}
	}
	return page, nil
}

// QuoteRef is the quote a statement reports, in brief.
type QuoteRef struct {
	ID      string `json:"id"`
	Text    string `json:"text"`
	Reports int64  `json:"reports"`
	Outlets int64  `json:"outlets"`
}

// QuoteStatement is a statement of a speaker history grouped by quote:
// the quote's first report, with the quote it stands for.
type QuoteStatement struct {
	Statement
	Quote *QuoteRef `json:"quote,omitempty"`
}

// speakerQuoteHistory is speakerHistory keeping, of each quote, only its
// first report (a statement without a quote stands for itself), so a
// remark syndicated forty times is listed once, at its first date.
const speakerQuoteHistory = `
MATCH ()-[r:SAID]->(s:Statement)
USING INDEX r:SAID(key)
WHERE r.key > $k_lo AND r.key < $k_hi
  AND ` + statementFilters + `
  AND ($about IS NULL OR EXISTS { (s)-[:MENTIONS]->(:Entity {id: $about}) })
  AND NOT EXISTS { (s)-[:REPORTS]->(q:Quote) WHERE q.first_statement <> s.id }
WITH s, r.key AS key ORDER BY key LIMIT $limit
WITH s, 0.0 AS score` + statementPageTail

const quotesOfStatements = `
UNWIND $ids AS id
MATCH (:Statement {id: id})-[:REPORTS]->(q:Quote)
RETURN id, q {.id, .text, .reports, .outlets} AS q`

// SpeakerQuotes is SpeakerHistory grouped by quote: each quote once, at
// its first report, with its report and outlet counts. The filters apply
// to that first report.
func (q *Queries) SpeakerQuotes(ctx context.Context, id string, f HistoryFilter) (Page[QuoteStatement], error) {
	plan, err := HistoryPlan(id, f)
	if err != nil {
		return Page[QuoteStatement]{}, err
	}
	page, err := q.statementPage(ctx, "speaker_quotes", speakerQuoteHistory, plan.Params, false)
	if err != nil {
		return Page[QuoteStatement]{}, err
	}
	out := Page[QuoteStatement]{Items: make([]QuoteStatement, len(page.Items)), NextCursor: page.NextCursor}
	ids := make([]any, len(page.Items))
	for i, st := range page.Items {
		st.CoSpeakers = nil
		for _, sp := range st.Speakers {
			if sp.ID != id {
				st.CoSpeakers = append(st.CoSpeakers, sp)
			}
		}
		out.Items[i].Statement = st
		ids[i] = st.ID
	}
	if len(ids) > 0 {
		recs, err := q.read(ctx, "quotes_of_statements", quotesOfStatements, map[string]any{"ids": ids})
		if err != nil {
			return out, err
		}
		byID := make(map[string]*QuoteRef, len(recs))
		for _, r := range recs {
			m := mapOf(get(r, "q"))
			sid, _ := get(r, "id").(string)
			byID[sid] = &QuoteRef{ID: str(m, "id"), Text: str(m, "text"), Reports: i64(m, "reports"), Outlets: i64(m, "outlets")}
		}
		for i := range out.Items {
			out.Items[i].Quote = byID[out.Items[i].ID]
		}
	}
	if len(out.Items) == 0 {
		if err := q.requireEntity(ctx, "id", id); err != nil {
			return out, err
		}
	}
	return out, nil
}

// mentionedByQuotes is mentionedBy counting quotes instead of statements:
// a statement with a quote counts as its quote, so forty copies of one
// remark count once; a statement without one counts as itself.
const mentionedByQuotes = `
MATCH (x:Entity {id: $id})<-[:MENTIONS]-(s:Statement)<-[:SAID]-(sp:Entity)
WITH x, sp, count(s) AS statements,
     count(DISTINCT coalesce([(s)-[:REPORTS]->(q:Quote) | q.id][0], s.id)) AS n
WHERE $c_n IS NULL OR n < $c_n OR (n = $c_n AND sp.id > $c_id)
ORDER BY n DESC, sp.id
LIMIT $limit
RETURN sp {.id, .name, .type} AS speaker, n, statements,
  COLLECT {
    MATCH (sp)-[:SAID]->(s:Statement)-[:MENTIONS]->(x)
    WHERE NOT EXISTS { (s)-[:REPORTS]->(q:Quote) WHERE q.first_statement <> s.id }
    RETURN s {` + sampleFields + `} AS s
    ORDER BY s.date DESC, s.id LIMIT $samples
  } AS samples
ORDER BY n DESC, speaker.id`

// countQuotes reads a count parameter: "statements" (or "") or "quotes".
func countQuotes(count string) (bool, error) {
	switch count {
	case "", "statements":
		return false, nil
	case "quotes":
		return true, nil
	}
	return false, graph.FieldError("count", "must be statements or quotes")
}

// Counting quotes instead of statements (count=quotes): a statement that
// reports a quote counts as its quote, so the syndicated copies of one
// remark count once; a statement without a quote counts as itself.
// quoteKey is that identity of a bound statement s; firstReport keeps the
// statements that stand for their quote in a list (its first report, or a
// statement without a quote), as SpeakerQuotes does.
const (
	quoteKey    = `coalesce([(s)-[:REPORTS]->(q:Quote) | q.id][0], s.id)`
	firstReport = `NOT EXISTS { (s)-[:REPORTS]->(q:Quote) WHERE q.first_statement <> s.id }`
)
