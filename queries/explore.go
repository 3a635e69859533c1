package queries

import (
	"context"
	"fmt"

	"github.com/whosaid/whosaid/graph"
)

// The explorer's summaries: what a researcher sees on arrival (the corpus
// at a glance) and on a speaker's page (when they spoke, about whom, in
// which outlets). Each is one query of bounded size.

// Overview is the corpus at a glance.
type Overview struct {
	Counts           CorpusCounts      `json:"counts"`
	TopSpeakers      []RankedEntity    `json:"top_speakers"`
	MostMentioned    []RankedEntity    `json:"most_mentioned"`
	LatestStatements []LatestStatement `json:"latest_statements"`
}

// CorpusCounts counts the graph's nodes by kind.
type CorpusCounts struct {
	Documents     int64 `json:"documents"`
	Statements    int64 `json:"statements"`
	Entities      int64 `json:"entities"`
	People        int64 `json:"people"`
	Organisations int64 `json:"organisations"`
	Places        int64 `json:"places"`
	// FirstDate and LastDate bound the statements' dates (absent when none
	// is dated).
	FirstDate string `json:"first_date,omitempty"`
	LastDate  string `json:"last_date,omitempty"`
	// Quotes counts the distinct quotes among the statements (count=quotes
	// only; see quoteKey).
	Quotes *int64 `json:"quotes,omitempty"`
}

// RankedEntity is an entity with the number that ranks it: statements it
// made (top speakers) or statements that mention it (most mentioned).
type RankedEntity struct {
	EntityRef
	Statements int64 `json:"statements"`
	Documents  int64 `json:"documents"`
	// Quotes is the distinct quotes among those statements, with
	// count=quotes only; entities are then ranked by it.
	Quotes *int64 `json:"quotes,omitempty"`
}

// LatestStatement is a statement in brief with who said it and where.
type LatestStatement struct {
	Statement StatementSample `json:"statement"`
	Speakers  []EntityRef     `json:"speakers"`
	Document  DocumentRef     `json:"document"`
}

// Sizes of the overview's lists.
const (
	DefaultOverview = 10
	MaxOverview     = 50
)

// corpusCounts reads Neo4j's count store (label counts) and the ends of
// the statement_date index, so it costs the same on any corpus size.
const corpusCounts = `
CALL () { MATCH (d:Document) RETURN count(d) AS documents }
CALL () { MATCH (s:Statement) RETURN count(s) AS statements }
CALL () { MATCH (e:Entity) RETURN count(e) AS entities }
CALL () { MATCH (e:Person) RETURN count(e) AS people }
CALL () { MATCH (e:Organisation) RETURN count(e) AS organisations }
CALL () { MATCH (e:Place) RETURN count(e) AS places }
CALL () { MATCH (s:Statement) WHERE s.date >= '' RETURN s.date AS first ORDER BY s.date LIMIT 1 }
CALL () { MATCH (s:Statement) WHERE s.date >= '' RETURN s.date AS last ORDER BY s.date DESC LIMIT 1 }
RETURN documents, statements, entities, people, organisations, places, first, last`

// corpusCountsEmpty answers when no statement is dated (the date
// subqueries above then return no row, and so no row at all).
const corpusCountsEmpty = `
CALL () { MATCH (d:Document) RETURN count(d) AS documents }
CALL () { MATCH (s:Statement) RETURN count(s) AS statements }
CALL () { MATCH (e:Entity) RETURN count(e) AS entities }
CALL () { MATCH (e:Person) RETURN count(e) AS people }
CALL () { MATCH (e:Organisation) RETURN count(e) AS organisations }
CALL () { MATCH (e:Place) RETURN count(e) AS places }
RETURN documents, statements, entities, people, organisations, places, null AS first, null AS last`

// topSpeakers ranks entities by their SAID degree, which Neo4j reads from
// the node's relationship counts without visiting the statements (PROFILE:
// a label scan and one degree read per entity, no Expand; the same for
// mostMentioned, plus the documents property).
const topSpeakers = `
MATCH (e:Entity)
WITH e, COUNT { (e)-[:SAID]->() } AS n
WHERE n > 0
ORDER BY n DESC, e.id
LIMIT $limit
RETURN e {.id, .name, .type} AS entity, n, coalesce(e.documents, 0) AS documents`

// mostMentioned ranks entities by the statements that mention them. An
// entity's incoming MENTIONS are those of statements plus exactly one per
// document that names it (the loader's invariant, docs/graph-model.md),
// and e.documents counts those documents; so the difference is read from
// relationship counts instead of visiting every statement.
// TestOverview checks it against the direct count.
const mostMentioned = `
MATCH (e:Entity)
WITH e, COUNT { (e)<-[:MENTIONS]-() } - coalesce(e.documents, 0) AS n
WHERE n > 0
ORDER BY n DESC, e.id
LIMIT $limit
RETURN e {.id, .name, .type} AS entity, n, coalesce(e.documents, 0) AS documents`

// latestDated walks the statement_date index from its end (PROFILE: a
// range seek in index order and a partial top, which reads the newest days
// up to the limit and the whole of the last day it needs).
const latestDated = `
MATCH (s:Statement) WHERE s.date >= '' AND (NOT $quotes OR ` + firstReport + `)
WITH s ORDER BY s.date DESC, s.document, s.start, s.id LIMIT $limit
MATCH (s)-[:REPORTED_IN]->(d:Document)
RETURN s {` + sampleFields + `} AS s,
  COLLECT { MATCH (sp:Entity)-[:SAID]->(s) RETURN sp {.id, .name, .type} AS sp ORDER BY sp.id } AS speakers,
  d {.id, .title, .url, .source, .published} AS d
ORDER BY s.date DESC, s.document, s.start, s.id`

// latestUndated fills the list when fewer statements are dated: the
// statements of the most recently ingested undated documents.
const latestUndated = `
MATCH (d:Document) WHERE d.published IS NULL
WITH d ORDER BY d.ingested_at DESC, d.id LIMIT $limit
MATCH (s:Statement {document: d.id}) WHERE s.date IS NULL AND (NOT $quotes OR ` + firstReport + `)
WITH d, s ORDER BY d.ingested_at DESC, d.id, s.start, s.id LIMIT $limit
RETURN s {` + sampleFields + `} AS s,
  COLLECT { MATCH (sp:Entity)-[:SAID]->(s) RETURN sp {.id, .name, .type} AS sp ORDER BY sp.id } AS speakers,
  d {.id, .title, .url, .source, .published} AS d
ORDER BY d.ingested_at DESC, d.id, s.start, s.id`

// corpusQuotes counts the quotes of the corpus from the count store: each
// statement reports at most one quote, so the statements without one are
// the statements less the REPORTS relationships.
const corpusQuotes = `
CALL () { MATCH (s:Statement) RETURN count(s) AS statements }
CALL () { MATCH ()-[r:REPORTS]->() RETURN count(r) AS reports }
CALL () { MATCH (q:Quote) RETURN count(q) AS quotes }
RETURN statements - reports + quotes AS n`

// topSpeakersQuotes and mostMentionedQuotes rank by distinct quotes,
// which no degree gives: they visit every statement.
const (
	topSpeakersQuotes = `
MATCH (e:Entity)-[:SAID]->(s:Statement)
WITH e, count(s) AS statements, count(DISTINCT ` + quoteKey + `) AS n
ORDER BY n DESC, e.id
LIMIT $limit
RETURN e {.id, .name, .type} AS entity, n, statements, coalesce(e.documents, 0) AS documents`
	mostMentionedQuotes = `
MATCH (s:Statement)-[:MENTIONS]->(e:Entity)
WITH e, count(s) AS statements, count(DISTINCT ` + quoteKey + `) AS n
ORDER BY n DESC, e.id
LIMIT $limit
RETURN e {.id, .name, .type} AS entity, n, statements, coalesce(e.documents, 0) AS documents`
)

// Overview answers "what is in this corpus?": counts, the speakers with
// the most statements, the entities most talked about and the latest
// statements (dated ones first, newest first), limit of each.
func (q *Queries) Overview(ctx context.Context, limit int) (Overview, error) {
	return q.OverviewCounting(ctx, limit, "")
}

// OverviewCounting is Overview that, with count "quotes", counts quotes
// (see quoteKey): the corpus's quotes, speakers and mentioned entities
// ranked by distinct quotes, and of the latest statements only those that
// stand for their quote (its first report).
func (q *Queries) OverviewCounting(ctx context.Context, limit int, count string) (Overview, error) {
	limit, err := checkLimit(limit, DefaultOverview, MaxOverview)
	if err != nil {
		return Overview{}, err
	}
	byQuotes, err := countQuotes(count)
	if err != nil {
		return Overview{}, err
	}
	params := map[string]any{"limit": int64(limit)}
	out := Overview{TopSpeakers: []RankedEntity{}, MostMentioned: []RankedEntity{}, LatestStatements: []LatestStatement{}}

	recs, err := q.read(ctx, "overview_counts", corpusCounts, nil)
	if err != nil {
		return Overview{}, err
	}
	if len(recs) == 0 {
		if recs, err = q.read(ctx, "overview_counts", corpusCountsEmpty, nil); err != nil {
			return Overview{}, err
		}
	}
	if len(recs) == 1 {
		r := recs[0].AsMap()
		out.Counts = CorpusCounts{
			Documents: i64(r, "documents"), Statements: i64(r, "statements"), Entities: i64(r, "entities"),
			People: i64(r, "people"), Organisations: i64(r, "organisations"), Places: i64(r, "places"),
			FirstDate: str(r, "first"), LastDate: str(r, "last"),
		}
	}
	top, most := topSpeakers, mostMentioned
	if byQuotes {
		recs, err := q.read(ctx, "overview_quotes", corpusQuotes, nil)
		if err != nil {
			return Overview{}, err
		}
		n, _ := get(recs[0], "n").(int64)
		out.Counts.Quotes = &n
		top, most = topSpeakersQuotes, mostMentionedQuotes
	}

	for _, rank := range []struct {
		name, cypher string
		into         *[]RankedEntity
	}{
		{"overview_top_speakers", top, &out.TopSpeakers},
		{"overview_most_mentioned", most, &out.MostMentioned},
	} {
		recs, err := q.read(ctx, rank.name, rank.cypher, params)
		if err != nil {
			return Overview{}, err
		}
		for _, r := range recs {
			n, _ := get(r, "n").(int64)
			d, _ := get(r, "documents").(int64)
			re := RankedEntity{EntityRef: entityRef(get(r, "entity")), Statements: n, Documents: d}
			if byQuotes {
				re.Statements, _ = get(r, "statements").(int64)
				re.Quotes = &n
			}
			*rank.into = append(*rank.into, re)
		}
	}

	for _, latest := range []struct{ name, cypher string }{
		{"overview_latest", latestDated},
		{"overview_latest_undated", latestUndated},
	} {
		left := limit - len(out.LatestStatements)
		if left == 0 {
			break
		}
		recs, err := q.read(ctx, latest.name, latest.cypher, map[string]any{"limit": int64(left), "quotes": byQuotes})
		if err != nil {
			return Overview{}, err
		}
		for _, r := range recs {
			d := mapOf(get(r, "d"))
			out.LatestStatements = append(out.LatestStatements, LatestStatement{
				Statement: sampleOf(mapOf(get(r, "s"))),
				Speakers:  entityRefs(get(r, "speakers")),
				Document:  DocumentRef{ID: str(d, "id"), Title: str(d, "title"), URL: str(d, "url"), Source: str(d, "source"), Published: str(d, "published")},
			})
		}
	}
	return out, nil
}

// SpeakerSummary is what a speaker's page shows beside the statements:
// when they spoke (statements per day and kind), whom they mention most,
// whom they spoke with and which outlets report them.
type SpeakerSummary struct {
	ID       string          `json:"id"`
	Timeline []TimelinePoint `json:"timeline"`
	// Undated counts the statements without a date (not in Timeline).
	Undated int64 `json:"undated"`
	// UndatedQuotes, with count=quotes only, counts the undated ones that
	// stand for their quote (see Timeline's Quotes).
	UndatedQuotes *int64         `json:"undated_quotes,omitempty"`
	Mentions      []RankedEntity `json:"mentions"`
	CoSpeakers    []RankedEntity `json:"co_speakers"`
	Outlets       []Outlet       `json:"outlets"`
	// Truncated says the timeline stopped at MaxTimelinePoints.
	Truncated bool `json:"truncated,omitempty"`
}

// TimelinePoint counts a speaker's statements of one kind on one day.
type TimelinePoint struct {
	Date       string `json:"date"`
	Kind       string `json:"kind"`
	Statements int64  `json:"statements"`
	// Quotes, with count=quotes only, is the quotes first reported that
	// day in that kind (a statement without a quote counting as one), so
	// a remark syndicated over a week counts once, on its first day.
	Quotes *int64 `json:"quotes,omitempty"`
}

// Outlet is a source (the documents' source) that reports a speaker.
// Source is "" for documents without one.
type Outlet struct {
	Source     string `json:"source"`
	Documents  int64  `json:"documents"`
	Statements int64  `json:"statements"`
	// Quotes is the distinct quotes among those statements (count=quotes
	// only); outlets are then ranked by it.
	Quotes *int64 `json:"quotes,omitempty"`
}

// MaxTimelinePoints bounds a timeline: about five years of daily
// statements of every kind.
const MaxTimelinePoints = 5000

// speakerSummary reads the speaker's statements once per list; every list
// is bounded. Mentions and co-speakers count statements, outlets count
// documents and statements.
const speakerSummary = `
MATCH (e:Entity {id: $id})
RETURN
  COLLECT {
    MATCH (e)-[:SAID]->(s:Statement) WHERE s.date IS NOT NULL
    WITH s.date AS date, s.kind AS kind, count(*) AS n
    RETURN {date: date, kind: kind, n: n} AS p ORDER BY p.date, p.kind LIMIT $points
  } AS timeline,
  COUNT { MATCH (e)-[:SAID]->(s:Statement) WHERE s.date IS NULL } AS undated,
  COLLECT {
    MATCH (e)-[:SAID]->(s:Statement)-[:MENTIONS]->(x:Entity) WHERE x <> e
    WITH x, count(DISTINCT s) AS n
    RETURN {entity: x {.id, .name, .type}, n: n, documents: coalesce(x.documents, 0)} AS m ORDER BY m.n DESC, m.entity.id LIMIT $limit
  } AS mentions,
  COLLECT {
    MATCH (e)-[:SAID]->(s:Statement)<-[:SAID]-(x:Entity) WHERE x <> e
    WITH x, count(DISTINCT s) AS n
    RETURN {entity: x {.id, .name, .type}, n: n, documents: coalesce(x.documents, 0)} AS m ORDER BY m.n DESC, m.entity.id LIMIT $limit
  } AS co_speakers,
  COLLECT {
    MATCH (e)-[:SAID]->(s:Statement)-[:REPORTED_IN]->(d:Document)
    WITH coalesce(d.source, '') AS source, count(DISTINCT d) AS docs, count(s) AS n
    RETURN {source: source, documents: docs, n: n} AS o ORDER BY o.n DESC, o.source LIMIT $limit
  } AS outlets`

// speakerSummaryQuotes is speakerSummary counting quotes as well (see
// quoteKey): the timeline dates each quote at its first report, and
// mentions, co-speakers and outlets are ranked by distinct quotes.
const speakerSummaryQuotes = `
MATCH (e:Entity {id: $id})
RETURN
  COLLECT {
    MATCH (e)-[:SAID]->(s:Statement) WHERE s.date IS NOT NULL
    WITH s.date AS date, s.kind AS kind, count(*) AS n, count(CASE WHEN ` + firstReport + ` THEN 1 END) AS quotes
    RETURN {date: date, kind: kind, n: n, quotes: quotes} AS p ORDER BY p.date, p.kind LIMIT $points
  } AS timeline,
  COUNT { MATCH (e)-[:SAID]->(s:Statement) WHERE s.date IS NULL } AS undated,
  COUNT { MATCH (e)-[:SAID]->(s:Statement) WHERE s.date IS NULL AND ` + firstReport + ` } AS undated_quotes,
  COLLECT {
    MATCH (e)-[:SAID]->(s:Statement)-[:MENTIONS]->(x:Entity) WHERE x <> e
    WITH x, count(DISTINCT s) AS statements, count(DISTINCT ` + quoteKey + `) AS n
    RETURN {entity: x {.id, .name, .type}, n: n, statements: statements, documents: coalesce(x.documents, 0)} AS m ORDER BY m.n DESC, m.entity.id LIMIT $limit
  } AS mentions,
  COLLECT {
    MATCH (e)-[:SAID]->(s:Statement)<-[:SAID]-(x:Entity) WHERE x <> e
    WITH x, count(DISTINCT s) AS statements, count(DISTINCT ` + quoteKey + `) AS n
    RETURN {entity: x {.id, .name, .type}, n: n, statements: statements, documents: coalesce(x.documents, 0)} AS m ORDER BY m.n DESC, m.entity.id LIMIT $limit
  } AS co_speakers,
  COLLECT {
    MATCH (e)-[:SAID]->(s:Statement)-[:REPORTED_IN]->(d:Document)
    WITH coalesce(d.source, '') AS source, count(DISTINCT d) AS docs, count(s) AS statements, count(DISTINCT ` + quoteKey + `) AS n
    RETURN {source: source, documents: docs, n: n, statements: statements} AS o ORDER BY o.n DESC, o.source LIMIT $limit
  } AS outlets`

// SpeakerSummary answers "when did X speak, about whom, with whom, and who
// reports it?"; limit bounds the mentions, co-speakers and outlets.
func (q *Queries) SpeakerSummary(ctx context.Context, id string, limit int) (SpeakerSummary, error) {
	return q.SpeakerSummaryCounting(ctx, id, limit, "")
}

// SpeakerSummaryCounting is SpeakerSummary that, with count "quotes", also
// counts quotes (speakerSummaryQuotes).
func (q *Queries) SpeakerSummaryCounting(ctx context.Context, id string, limit int, count string) (SpeakerSummary, error) {
	if err := checkID("id", id, true); err != nil {
		return SpeakerSummary{}, err
	}
	limit, err := checkLimit(limit, DefaultOverview, MaxOverview)
	if err != nil {
		return SpeakerSummary{}, err
	}
	byQuotes, err := countQuotes(count)
	if err != nil {
		return SpeakerSummary{}, err
	}
	name, cypher := "speaker_summary", speakerSummary
	if byQuotes {
		name, cypher = "speaker_summary_quotes", speakerSummaryQuotes
	}
	recs, err := q.read(ctx, name, cypher, map[string]any{
		"id": id, "limit": int64(limit), "points": int64(MaxTimelinePoints) + 1,
	})
	if err != nil {
		return SpeakerSummary{}, err
	}
	if len(recs) == 0 {
		return SpeakerSummary{}, &graph.Error{Code: graph.ENOTFOUND, Field: "id", Message: fmt.Sprintf("no entity %q", id)}
	}
	r := recs[0].AsMap()
	out := SpeakerSummary{ID: id, Timeline: []TimelinePoint{}, Undated: i64(r, "undated"),
		Mentions: ranked(r["mentions"], byQuotes), CoSpeakers: ranked(r["co_speakers"], byQuotes), Outlets: []Outlet{}}
	if byQuotes {
		out.UndatedQuotes = ptr(i64(r, "undated_quotes"))
	}
	for _, x := range listOf(r["timeline"]) {
		m := mapOf(x)
		p := TimelinePoint{Date: str(m, "date"), Kind: str(m, "kind"), Statements: i64(m, "n")}
		if byQuotes {
			p.Quotes = ptr(i64(m, "quotes"))
		}
		out.Timeline = append(out.Timeline, p)
	}
	if len(out.Timeline) > MaxTimelinePoints {
		out.Timeline, out.Truncated = out.Timeline[:MaxTimelinePoints], true
	}
	for _, x := range listOf(r["outlets"]) {
		m := mapOf(x)
		o := Outlet{Source: str(m, "source"), Documents: i64(m, "documents"), Statements: i64(m, "n")}
		if byQuotes {
			o.Statements, o.Quotes = i64(m, "statements"), ptr(i64(m, "n"))
		}
		out.Outlets = append(out.Outlets, o)
	}
	return out, nil
}

// ranked reads ranked entities; by quotes, n is the quotes and statements
// the statements.
func ranked(v any, byQuotes bool) []RankedEntity {
	out := []RankedEntity{}
	for _, x := range listOf(v) {
		m := mapOf(x)
		re := RankedEntity{EntityRef: entityRef(m["entity"]), Statements: i64(m, "n"), Documents: i64(m, "documents")}
		if byQuotes {
			re.Statements, re.Quotes = i64(m, "statements"), ptr(i64(m, "n"))
		}
		out = append(out, re)
	}
	return out
}

func ptr(n int64) *int64 { return &n }
