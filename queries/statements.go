package queries

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/whosaid/whosaid/graph"
)

// Statement is one statement with its evidence, as every statement-listing
// answer returns it.
type Statement struct {
	ID   string `json:"id"`
	Kind string `json:"kind"`
	Date string `json:"date,omitempty"`
	Text string `json:"text"`
	// Parts are the pieces of the content when its attribution interrupts
	// it inside one sentence (“A,” she said, “B.”), each with its offsets;
	// Text then joins them with one space. Absent for a one-piece statement.
	Parts []Span `json:"parts,omitempty"`
	// Turn is the id of the first statement of the speaker's turn (quoted
	// sentences around one attribution); GET /statements?turn= lists them.
	// Absent for a turn of one.
	Turn       string       `json:"turn,omitempty"`
	Confidence float64      `json:"confidence"`
	Cue        Cue          `json:"cue"`
	Speakers   []SpeakerRef `json:"speakers"`
	// UnresolvedSpeakers are the speakers known only by their words ("a
	// senior official", "the report"), which have no entity.
	UnresolvedSpeakers []UnresolvedSpeaker `json:"unresolved_speakers,omitempty"`
	// CoSpeakers are the speakers other than the one whose history this is
	// (speaker history only).
	CoSpeakers []SpeakerRef `json:"co_speakers,omitempty"`
	Via        []EntityRef  `json:"via"`
	Mentions   []EntityRef  `json:"mentions"`
	Provenance Provenance   `json:"provenance"`
	// Score is the full-text relevance when the answer was ranked by it.
	Score float64 `json:"score,omitempty"`
}

// Cue is the speech verb or phrase of a statement.
type Cue struct {
	Text  string `json:"text"`
	Lemma string `json:"lemma,omitempty"`
	Start int64  `json:"start"`
	End   int64  `json:"end"`
}

// Provenance says where a statement was reported: the document, the byte
// offsets of the content in the document's text, and the sentence around it.
type Provenance struct {
	Document DocumentRef `json:"document"`
	Start    int64       `json:"start"`
	End      int64       `json:"end"`
	Sentence Excerpt     `json:"sentence"`
}

// DocumentRef identifies a document with its bibliographic data.
type DocumentRef struct {
	ID     string `json:"id"`
	Title  string `json:"title,omitempty"`
	URL    string `json:"url,omitempty"`
	Source string `json:"source,omitempty"`
	// Authors is the byline: provenance, never speakers. It must not be
	// the last field: goccy/go-json (the API's encoder) drops the fields
	// after a struct embedded twice (DocumentDetail) whose last field is an
	// empty omitempty slice (api.TestRespondMatchesEncodingJSON).
	Authors   []string `json:"authors,omitempty"`
	Published string   `json:"published,omitempty"`
}

func documentRef(d map[string]any) DocumentRef {
	ref := DocumentRef{ID: str(d, "id"), Title: str(d, "title"), URL: str(d, "url"), Source: str(d, "source"), Published: str(d, "published")}
	if a := strings_(d["authors"]); len(a) > 0 {
		ref.Authors = a
	}
	return ref
}

// Span is a piece of a document's text: byte offsets, end exclusive.
type Span struct {
	Start int64  `json:"start"`
	End   int64  `json:"end"`
	Text  string `json:"text"`
}

// partsOf reads a statement's part_starts, part_ends and part_texts.
func partsOf(s map[string]any) []Span {
	starts, ends, texts := listOf(s["part_starts"]), listOf(s["part_ends"]), listOf(s["part_texts"])
	if len(starts) == 0 || len(starts) != len(ends) {
		return nil
	}
	out := make([]Span, len(starts))
	for i := range starts {
		out[i].Start, _ = starts[i].(int64)
		out[i].End, _ = ends[i].(int64)
		if i < len(texts) {
			out[i].Text, _ = texts[i].(string)
		}
	}
	return out
}

// SpeakerRef is a speaker entity of a statement; Kind is the description
// kind ("person", "group", "organisation", "document") when the entity was
// found through a description that said it.
type SpeakerRef struct {
	EntityRef
	Kind string `json:"kind,omitempty"`
}

// speakerRefs projects the speakers of a bound statement s.
const speakerRefs = `[(sp:Entity)-[sd:SAID]->(s) | sp {.id, .name, .type, kind: sd.kind}]`

func speakerRefsOf(v any) []SpeakerRef {
	l := listOf(v)
	out := make([]SpeakerRef, 0, len(l))
	for _, x := range l {
		m := mapOf(x)
		out = append(out, SpeakerRef{EntityRef: entityRef(m), Kind: str(m, "kind")})
	}
	slices.SortFunc(out, func(a, b SpeakerRef) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// UnresolvedSpeaker is a speaker known only by its words, with no entity:
// Kind says what it is ("person", "group", "organisation", or "document"
// for a report or proposal as a source), Type the extractor's guess.
type UnresolvedSpeaker struct {
	Text         string `json:"text"`
	Start        int64  `json:"start"`
	End          int64  `json:"end"`
	Type         string `json:"type,omitempty"`
	Kind         string `json:"kind,omitempty"`
	ResolvedFrom string `json:"resolved_from,omitempty"`
}

// unresolvedFields are the statement properties unresolvedOf reads.
const unresolvedFields = `.unresolved_texts, .unresolved_starts, .unresolved_ends, .unresolved_types, .unresolved_kinds, .unresolved_resolved_from`

// unresolvedOf reads a statement's unresolved_* lists.
func unresolvedOf(s map[string]any) []UnresolvedSpeaker {
	texts := listOf(s["unresolved_texts"])
	if len(texts) == 0 {
		return nil
	}
	starts, ends := listOf(s["unresolved_starts"]), listOf(s["unresolved_ends"])
	types, kinds, how := listOf(s["unresolved_types"]), listOf(s["unresolved_kinds"]), listOf(s["unresolved_resolved_from"])
	at := func(l []any, i int) any {
		if i < len(l) {
			return l[i]
		}
		return nil
	}
	out := make([]UnresolvedSpeaker, len(texts))
	for i := range texts {
		u := &out[i]
		u.Text, _ = texts[i].(string)
		u.Start, _ = at(starts, i).(int64)
		u.End, _ = at(ends, i).(int64)
		u.Type, _ = at(types, i).(string)
		u.Kind, _ = at(kinds, i).(string)
		u.ResolvedFrom, _ = at(how, i).(string)
	}
	return out
}

// StatementDetail is one statement with its surrounding paragraph.
type StatementDetail struct {
	Statement
	Paragraph Excerpt `json:"paragraph"`
}

// statementRow projects a bound statement s, its document d and its score
// into the map that decodeStatement reads. Lists are sorted in Go.
const statementRow = `{
  s: s {.id, .kind, .text, .start, .end, .cue, .cue_lemma, .cue_start, .cue_end, .date, .confidence,
        .turn, .part_starts, .part_ends, .part_texts, ` + unresolvedFields + `},
  d: d {.id, .title, .url, .source, .published, .authors},
  speakers: ` + speakerRefs + `,
  via: [(s)-[:VIA]->(v:Entity) | v {.id, .name, .type}],
  mentions: [(s)-[:MENTIONS]->(m:Entity) | m {.id, .name, .type}],
  score: score
}`

// statementPageTail turns the page of statements s (with their score, 0
// when not ranked) into one record: the rows and, once per distinct
// document, its text for the sentences in context.
const statementPageTail = `
MATCH (s)-[:REPORTED_IN]->(d:Document)
WITH collect(` + statementRow + `) AS rows, collect(DISTINCT d) AS docs
RETURN rows, [x IN docs | [x.id, x.text]] AS texts`

// The time order of statements: by day (undated last), then document, then
// position in it; the id makes the key unique. timeCursorAfter keeps the
// rows after the cursor's key.
const timeCursorAfter = `($c_day IS NULL OR day > $c_day OR (day = $c_day AND (s.document > $c_doc OR (s.document = $c_doc AND (s.start > $c_start OR (s.start = $c_start AND s.id > $c_id))))))`

const statementFilters = `($from IS NULL OR s.date >= $from) AND ($to IS NULL OR s.date <= $to)
  AND ($kind IS NULL OR s.kind = $kind)
  AND ($contains IS NULL OR toLower(s.text) CONTAINS $contains)`

const undated = "~" // sorts after every ISO date

// HistoryFilter narrows a speaker's history.
type HistoryFilter struct {
	DateRange
	Q      string // words the statement text contains (case-insensitive substring)
	About  string // entity id the statement mentions
	Kind   string
	Limit  int
	Cursor string
}

// speakerHistory lists what one entity said, in time order. It reads the
// said_key range index in order from the page's lower bound (the cursor,
// or the speaker's first key) and stops once a page passes the filters, so
// a page costs about its size, however many statements the speaker has.
const speakerHistory = `
MATCH ()-[r:SAID]->(s:Statement)
USING INDEX r:SAID(key)
WHERE r.key > $k_lo AND r.key < $k_hi
  AND ` + statementFilters + `
  AND ($about IS NULL OR EXISTS { (s)-[:MENTIONS]->(:Entity {id: $about}) })
WITH s, r.key AS key ORDER BY key LIMIT $limit
WITH s, 0.0 AS score` + statementPageTail

// historyKey is the key of a SAID relationship (the store writes it; see
// saidKey in graph/store): the speaker id and the statement's time order,
// joined by tabs, the start zero-padded to 12 digits. A tab sorts before
// every character of ids and dates, so the key's string order is the order
// of (speaker, day, document, start, id).
func historyKey(speaker, day, document string, start int64, id string) string {
	return speaker + "\t" + day + "\t" + document + "\t" + fmt.Sprintf("%012d", start) + "\t" + id
}

// historyRange turns a speaker, a date range and the time cursor's values
// in params into the exclusive bounds of the speaker's keys to read. The
// date filters still run on the statements; the bounds only skip keys that
// cannot pass them.
func historyRange(id string, params map[string]any) (lo, hi string) {
	lo, hi = id+"\t", id+"\n" // "\n" follows "\t": past every key of id
	if from, ok := params["from"].(string); ok {
		lo = id + "\t" + from // keys of days before from sort below it
	}
	if to, ok := params["to"].(string); ok {
		hi = id + "\t" + to + "\n"
	}
	if day, ok := params["c_day"].(string); ok {
		after := historyKey(id, day, params["c_doc"].(string), params["c_start"].(int64), params["c_id"].(string))
		lo = max(lo, after)
	}
	return lo, hi
}

// SpeakerHistory answers "what did this person or organisation say?": the
// entity's statements in time order, each with its provenance.
func (q *Queries) SpeakerHistory(ctx context.Context, id string, f HistoryFilter) (Page[Statement], error) {
	plan, err := HistoryPlan(id, f)
	if err != nil {
		return Page[Statement]{}, err
	}
	page, err := q.statementPage(ctx, plan.Name, plan.Cypher, plan.Params, false)
	if err != nil {
		return page, err
	}
	for i := range page.Items {
		st := &page.Items[i]
		st.CoSpeakers = slices.DeleteFunc(slices.Clone(st.Speakers), func(r SpeakerRef) bool { return r.ID == id })
	}
	if len(page.Items) == 0 {
		if err := q.requireEntity(ctx, "id", id); err != nil {
			return page, err
		}
	}
	return page, nil
}

// HistoryPlan checks a speaker-history request and returns the query
// SpeakerHistory runs for it.
func HistoryPlan(id string, f HistoryFilter) (Plan, error) {
	if err := checkID("id", id, true); err != nil {
		return Plan{}, err
	}
	if err := checkID("about", f.About, false); err != nil {
		return Plan{}, err
	}
	params, err := timeOrderParams(f.DateRange, f.Kind, f.Q, f.Limit, f.Cursor)
	if err != nil {
		return Plan{}, err
	}
	params["id"] = id
	params["about"] = nullable(f.About)
	params["k_lo"], params["k_hi"] = historyRange(id, params)
	return Plan{Name: "speaker_history", Cypher: speakerHistory, Params: params}, nil
}

func timeOrderParams(dr DateRange, kind, contains string, limit int, cur string) (map[string]any, error) {
	dr, err := dr.check()
	if err != nil {
		return nil, err
	}
	if err := checkKind(kind); err != nil {
		return nil, err
	}
	if err := checkText("q", contains); err != nil {
		return nil, err
	}
	limit, err = checkLimit(limit, DefaultLimit, MaxLimit)
	if err != nil {
		return nil, err
	}
	c, ok, err := decodeCursor(cur, "time", 3, 1, 0)
	if err != nil {
		return nil, err
	}
	p := map[string]any{
		"from": nullable(dr.From), "to": nullable(dr.To), "kind": nullable(kind),
		"contains": nullable(strings.ToLower(strings.TrimSpace(contains))),
		"limit":    int64(limit) + 1, // one more tells whether a next page exists
		"c_day":    nil, "c_doc": nil, "c_start": nil, "c_id": nil,
	}
	if ok {
		p["c_day"], p["c_doc"], p["c_id"], p["c_start"] = c.S[0], c.S[1], c.S[2], c.N[0]
	}
	return p, nil
}

// statementPage runs a query ending in statementPageTail whose $limit is
// one more than the page size, and cuts the page and its cursor.
func (q *Queries) statementPage(ctx context.Context, name, cypher string, params map[string]any, byScore bool) (Page[Statement], error) {
	recs, err := q.read(ctx, name, cypher, params)
	if err != nil {
		return Page[Statement]{}, err
	}
	items := decodeStatementPage(recs)
	if byScore {
		slices.SortFunc(items, func(a, b Statement) int {
			return cmp.Or(cmp.Compare(b.Score, a.Score), strings.Compare(a.ID, b.ID))
		})
	} else {
		slices.SortFunc(items, compareTime)
	}
	size := int(params["limit"].(int64)) - 1
	page := Page[Statement]{Items: items}
	if len(items) > size {
		page.Items = items[:size]
		last := page.Items[size-1]
		if byScore {
			page.NextCursor = encodeCursor(cursor{Tag: "score", S: []string{last.ID}, F: []float64{last.Score}})
		} else {
			page.NextCursor = encodeCursor(cursor{Tag: "time", S: []string{dayKey(last.Date), last.Provenance.Document.ID, last.ID}, N: []int64{last.Provenance.Start}})
		}
	}
	return page, nil
}

func dayKey(date string) string {
	if date == "" {
		return undated
	}
	return date
}

func compareTime(a, b Statement) int {
	return cmp.Or(
		strings.Compare(dayKey(a.Date), dayKey(b.Date)),
		strings.Compare(a.Provenance.Document.ID, b.Provenance.Document.ID),
		cmp.Compare(a.Provenance.Start, b.Provenance.Start),
		strings.Compare(a.ID, b.ID),
	)
}

func decodeStatementPage(recs []*neo4j.Record) []Statement {
	if len(recs) == 0 {
		return nil
	}
	texts := make(map[string]string)
	for _, t := range listOf(get(recs[0], "texts")) {
		pair := listOf(t)
		if len(pair) == 2 {
			id, _ := pair[0].(string)
			text, _ := pair[1].(string)
			texts[id] = text
		}
	}
	rows := listOf(get(recs[0], "rows"))
	items := make([]Statement, 0, len(rows))
	for _, r := range rows {
		m := mapOf(r)
		st := decodeStatement(m)
		st.Score = f64(m, "score")
		st.Provenance.Sentence = sentenceAround(texts[st.Provenance.Document.ID], int(st.Provenance.Start), int(st.Provenance.End))
		items = append(items, st)
	}
	return items
}

func decodeStatement(row map[string]any) Statement {
	s, d := mapOf(row["s"]), mapOf(row["d"])
	st := Statement{
		ID:                 str(s, "id"),
		Kind:               str(s, "kind"),
		Date:               str(s, "date"),
		Text:               str(s, "text"),
		Parts:              partsOf(s),
		Turn:               str(s, "turn"),
		Confidence:         f64(s, "confidence"),
		Cue:                Cue{Text: str(s, "cue"), Lemma: str(s, "cue_lemma"), Start: i64(s, "cue_start"), End: i64(s, "cue_end")},
		Speakers:           speakerRefsOf(row["speakers"]),
		Via:                sortedRefs(row["via"]),
		Mentions:           sortedRefs(row["mentions"]),
		UnresolvedSpeakers: unresolvedOf(s),
		Provenance: Provenance{
			Document: documentRef(d),
			Start:    i64(s, "start"),
			End:      i64(s, "end"),
		},
	}
	return st
}

func sortedRefs(v any) []EntityRef {
	refs := entityRefs(v)
	slices.SortFunc(refs, func(a, b EntityRef) int { return strings.Compare(a.ID, b.ID) })
	return refs
}

// StatementFilter selects statements across the graph.
type StatementFilter struct {
	DateRange
	Q        string // full-text query; ranks the answer by relevance
	Speaker  string // entity id of a speaker
	Mentions string // entity id the statement mentions
	// Turn lists the statements of one speaker's turn (the id of its first
	// statement), in text order; the other filters narrow them, and Q then
	// is a case-insensitive substring, not a full-text query.
	Turn string
	Kind string
	// Count "quotes" lists each quote once, at its first report (a
	// statement without a quote stands for itself), as speaker history's
	// group=quote does; the filters apply to that first report. "" or
	// "statements" lists every statement.
	Count  string
	Limit  int
	Cursor string
}

// searchStatementsText ranks statements by full-text relevance; the other
// filters narrow the hits.
const searchStatementsText = `
CALL db.index.fulltext.queryNodes('statement_text', $lucene) YIELD node AS s, score
WHERE s:Statement AND ` + statementFilters + ` AND (NOT $quotes OR ` + firstReport + `)
  AND ($speaker IS NULL OR EXISTS { (:Entity {id: $speaker})-[:SAID]->(s) })
  AND ($mentions IS NULL OR EXISTS { (s)-[:MENTIONS]->(:Entity {id: $mentions}) })
  AND ($c_score IS NULL OR score < $c_score OR (score = $c_score AND s.id > $c_id))
WITH s, score ORDER BY score DESC, s.id LIMIT $limit` + statementPageTail

// searchStatementsTurn lists the statements of one turn (index
// statement_turn), in time order: one document, so text order.
const searchStatementsTurn = `
MATCH (s:Statement {turn: $turn})
WHERE ` + statementFilters + ` AND (NOT $quotes OR ` + firstReport + `)
  AND ($speaker IS NULL OR EXISTS { (:Entity {id: $speaker})-[:SAID]->(s) })
  AND ($mentions IS NULL OR EXISTS { (s)-[:MENTIONS]->(:Entity {id: $mentions}) })
WITH s, coalesce(s.date, '` + undated + `') AS day
WHERE ` + timeCursorAfter + `
WITH s, 0.0 AS score ORDER BY day, s.document, s.start, s.id LIMIT $limit` + statementPageTail

// searchStatementsMentioning starts from the mentioned entity.
const searchStatementsMentioning = `
MATCH (:Entity {id: $mentions})<-[:MENTIONS]-(s:Statement)
WHERE ` + statementFilters + ` AND (NOT $quotes OR ` + firstReport + `)
  AND ($speaker IS NULL OR EXISTS { (:Entity {id: $speaker})-[:SAID]->(s) })
WITH s, coalesce(s.date, '` + undated + `') AS day
WHERE ` + timeCursorAfter + `
WITH s, 0.0 AS score ORDER BY day, s.document, s.start, s.id LIMIT $limit` + statementPageTail

// searchStatementsByDate walks the date index, so only dated statements
// are listed when no other anchor is given.
const searchStatementsByDate = `
MATCH (s:Statement)
WHERE s.date >= $seek
  AND ($to IS NULL OR s.date <= $to)
  AND ($kind IS NULL OR s.kind = $kind)
  AND (NOT $quotes OR ` + firstReport + `)
WITH s, s.date AS day
WHERE ` + timeCursorAfter + `
WITH s, 0.0 AS score ORDER BY day, s.document, s.start, s.id LIMIT $limit` + statementPageTail

// SearchStatements answers "who said what about …": full-text search over
// statement text (ranked), or, without q, statements of a speaker or
// mentioning an entity in time order, or all dated statements in a date
// range.
func (q *Queries) SearchStatements(ctx context.Context, f StatementFilter) (Page[Statement], error) {
	if err := checkID("speaker", f.Speaker, false); err != nil {
		return Page[Statement]{}, err
	}
	if err := checkID("mentions", f.Mentions, false); err != nil {
		return Page[Statement]{}, err
	}
	if err := checkText("q", f.Q); err != nil {
		return Page[Statement]{}, err
	}
	if err := checkID("turn", f.Turn, false); err != nil {
		return Page[Statement]{}, err
	}
	byQuotes, err := countQuotes(f.Count)
	if err != nil {
		return Page[Statement]{}, err
	}
	if f.Turn != "" {
		params, err := timeOrderParams(f.DateRange, f.Kind, f.Q, f.Limit, f.Cursor)
		if err != nil {
			return Page[Statement]{}, err
		}
		params["turn"], params["speaker"], params["mentions"], params["quotes"] = f.Turn, nullable(f.Speaker), nullable(f.Mentions), byQuotes
		return q.statementPage(ctx, "search_statements_turn", searchStatementsTurn, params, false)
	}
	if strings.TrimSpace(f.Q) != "" {
		return q.searchStatementsText(ctx, f, byQuotes)
	}
	if f.Speaker != "" {
		hf := HistoryFilter{DateRange: f.DateRange, About: f.Mentions, Kind: f.Kind, Limit: f.Limit, Cursor: f.Cursor}
		var page Page[Statement]
		if byQuotes {
			var qp Page[QuoteStatement]
			qp, err = q.SpeakerQuotes(ctx, f.Speaker, hf)
			page = Page[Statement]{Items: make([]Statement, len(qp.Items)), NextCursor: qp.NextCursor}
			for i, st := range qp.Items {
				page.Items[i] = st.Statement
			}
		} else {
			page, err = q.SpeakerHistory(ctx, f.Speaker, hf)
		}
		if graph.ErrorCode(err) == graph.ENOTFOUND {
			return Page[Statement]{Items: []Statement{}}, nil
		}
		for i := range page.Items {
			page.Items[i].CoSpeakers = nil
		}
		return page, err
	}
	params, err := timeOrderParams(f.DateRange, f.Kind, "", f.Limit, f.Cursor)
	if err != nil {
		return Page[Statement]{}, err
	}
	params["quotes"] = byQuotes
	if f.Mentions != "" {
		params["mentions"] = f.Mentions
		params["speaker"] = nil
		return q.statementPage(ctx, "search_statements_mentioning", searchStatementsMentioning, params, false)
	}
	seek := ""
	if params["from"] != nil {
		seek = params["from"].(string)
	}
	if params["c_day"] != nil {
		seek = max(seek, params["c_day"].(string))
	}
	params["seek"] = seek
	return q.statementPage(ctx, "search_statements_by_date", searchStatementsByDate, params, false)
}

func (q *Queries) searchStatementsText(ctx context.Context, f StatementFilter, byQuotes bool) (Page[Statement], error) {
	lucene := textQuery(f.Q)
	if lucene == "" {
		return Page[Statement]{}, graph.FieldError("q", "has no words to search for")
	}
	dr, err := f.DateRange.check()
	if err != nil {
		return Page[Statement]{}, err
	}
	if err := checkKind(f.Kind); err != nil {
		return Page[Statement]{}, err
	}
	limit, err := checkLimit(f.Limit, DefaultLimit, MaxLimit)
	if err != nil {
		return Page[Statement]{}, err
	}
	c, ok, err := decodeCursor(f.Cursor, "score", 1, 0, 1)
	if err != nil {
		return Page[Statement]{}, err
	}
	params := map[string]any{
		"lucene": lucene, "from": nullable(dr.From), "to": nullable(dr.To), "kind": nullable(f.Kind),
		"contains": nil, "speaker": nullable(f.Speaker), "mentions": nullable(f.Mentions),
		"limit": int64(limit) + 1, "c_score": nil, "c_id": nil, "quotes": byQuotes,
	}
	if ok {
		params["c_id"], params["c_score"] = c.S[0], c.F[0]
	}
	return q.statementPage(ctx, "search_statements_text", searchStatementsText, params, true)
}

// statementByID reads one statement with its document's text.
const statementByID = `
MATCH (s:Statement {id: $id})-[:REPORTED_IN]->(d:Document)
WITH s, d, 0.0 AS score
RETURN ` + statementRow + ` AS row, d.text AS text
LIMIT 1`

// Statement returns one statement with its sentence and paragraph.
func (q *Queries) Statement(ctx context.Context, id string) (StatementDetail, error) {
	if err := checkID("id", id, true); err != nil {
		return StatementDetail{}, err
	}
	recs, err := q.read(ctx, "statement", statementByID, map[string]any{"id": id})
	if err != nil {
		return StatementDetail{}, err
	}
	if len(recs) == 0 {
		return StatementDetail{}, &graph.Error{Code: graph.ENOTFOUND, Field: "id", Message: fmt.Sprintf("no statement %q", id)}
	}
	st := decodeStatement(mapOf(get(recs[0], "row")))
	text, _ := get(recs[0], "text").(string)
	start, end := int(st.Provenance.Start), int(st.Provenance.End)
	st.Provenance.Sentence = sentenceAround(text, start, end)
	return StatementDetail{Statement: st, Paragraph: paragraphAround(text, start, end)}, nil
}
