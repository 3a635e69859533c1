package queries

import (
	"context"
)

// Speaker is an entity that talks about another, with how many of its
// statements mention it and a few of them.
type Speaker struct {
	EntityRef
	Statements int64 `json:"statements"`
	// Quotes is how many distinct quotes those statements report (a
	// statement without a quote counting as one), with count=quotes only;
	// speakers are then ranked by it.
	Quotes  int64             `json:"quotes,omitempty"`
	Samples []StatementSample `json:"samples"`
}

// StatementSample is a statement in brief.
type StatementSample struct {
	ID       string `json:"id"`
	Kind     string `json:"kind"`
	Date     string `json:"date,omitempty"`
	Text     string `json:"text"`
	Document string `json:"document"`
	// Parts are the content's pieces when its attribution interrupts it
	// (absent for a one-piece statement); Text then joins them.
	Parts []Span `json:"parts,omitempty"`
	// Turn is the id of the first statement of the speaker's turn this one
	// belongs to (absent for a turn of one).
	Turn string `json:"turn,omitempty"`
}

// sampleOf reads a statement sample from a statement's properties (a map
// projection with at least sampleFields, or a node's properties).
func sampleOf(m map[string]any) StatementSample {
	return StatementSample{ID: str(m, "id"), Kind: str(m, "kind"), Date: str(m, "date"), Text: str(m, "text"),
		Document: str(m, "document"), Parts: partsOf(m), Turn: str(m, "turn")}
}

// sampleFields are the statement properties sampleOf reads.
const sampleFields = `.id, .kind, .date, .text, .document, .turn, .part_starts, .part_ends, .part_texts`

func statementSamples(v any) []StatementSample {
	l := listOf(v)
	out := make([]StatementSample, 0, len(l))
	for _, x := range l {
		m := mapOf(x)
		out = append(out, sampleOf(m))
	}
	return out
}

// MentionedByFilter pages through the speakers about an entity.
type MentionedByFilter struct {
	// Count is what ranks speakers: "statements" (the default, also "")
	// or "quotes", which counts a remark syndicated by many documents once
	// and samples only first reports.
	Count   string
	Samples int // statements shown per speaker; 0 means DefaultSamples
	Limit   int
	Cursor  string
}

// Sample sizes of MentionedBy.
const (
	DefaultSamples = 3
	MaxSamples     = 20
)

// mentionedBy ranks speakers by the number of their statements that
// mention the entity; ties by speaker id keep the order stable.
const mentionedBy = `
MATCH (x:Entity {id: $id})<-[:MENTIONS]-(s:Statement)<-[:SAID]-(sp:Entity)
WITH x, sp, count(s) AS n
WHERE $c_n IS NULL OR n < $c_n OR (n = $c_n AND sp.id > $c_id)
ORDER BY n DESC, sp.id
LIMIT $limit
RETURN sp {.id, .name, .type} AS speaker, n,
  COLLECT {
    MATCH (sp)-[:SAID]->(s:Statement)-[:MENTIONS]->(x)
    RETURN s {` + sampleFields + `} AS s
    ORDER BY s.date DESC, s.id LIMIT $samples
  } AS samples
ORDER BY n DESC, speaker.id`

// MentionedBy answers "who talks about X?".
func (q *Queries) MentionedBy(ctx context.Context, id string, f MentionedByFilter) (Page[Speaker], error) {
	if err := checkID("id", id, true); err != nil {
		return Page[Speaker]{}, err
	}
	limit, err := checkLimit(f.Limit, DefaultLimit, MaxLimit)
	if err != nil {
		return Page[Speaker]{}, err
	}
	samples, err := checkLimit(f.Samples, DefaultSamples, MaxSamples)
	if err != nil {
		return Page[Speaker]{}, fieldRename(err, "samples")
	}
	byQuotes, err := countQuotes(f.Count)
	if err != nil {
		return Page[Speaker]{}, err
	}
	tag, cypher := "speakers", mentionedBy
	if byQuotes {
		tag, cypher = "speaker_quotes", mentionedByQuotes
	}
	c, ok, err := decodeCursor(f.Cursor, tag, 1, 1, 0)
	if err != nil {
		return Page[Speaker]{}, err
	}
	params := map[string]any{"id": id, "limit": int64(limit) + 1, "samples": int64(samples), "c_n": nil, "c_id": nil}
	if ok {
		params["c_id"], params["c_n"] = c.S[0], c.N[0]
	}
	recs, err := q.read(ctx, "mentioned_by", cypher, params)
	if err != nil {
		return Page[Speaker]{}, err
	}
	page := Page[Speaker]{Items: make([]Speaker, 0, len(recs))}
	for _, r := range recs {
		n, _ := get(r, "n").(int64)
		sp := Speaker{EntityRef: entityRef(get(r, "speaker")), Statements: n, Samples: statementSamples(get(r, "samples"))}
		if byQuotes {
			sp.Quotes = n
			sp.Statements, _ = get(r, "statements").(int64)
		}
		page.Items = append(page.Items, sp)
	}
	if len(page.Items) > limit {
		page.Items = page.Items[:limit]
		last := page.Items[limit-1]
		n := last.Statements
		if byQuotes {
			n = last.Quotes
		}
		page.NextCursor = encodeCursor(cursor{Tag: tag, S: []string{last.ID}, N: []int64{n}})
	}
	if len(page.Items) == 0 {
		if err := q.requireEntity(ctx, "id", id); err != nil {
			return page, err
		}
	}
	return page, nil
}
