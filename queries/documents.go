package queries

import (
	"context"
	"fmt"

	"github.com/whosaid/whosaid/graph"
)

// Document is an ingested document with its counts.
type Document struct {
	DocumentRef
	Path             string `json:"path,omitempty"`
	Language         string `json:"language,omitempty"`
	Modified         string `json:"modified,omitempty"`
	IngestedAt       string `json:"ingested_at,omitempty"`
	ExtractorVersion string `json:"extractor_version,omitempty"`
	Statements       int64  `json:"statements"`
	Entities         int64  `json:"entities"`
}

// DocumentDetail is one document with its text, statements and entities.
type DocumentDetail struct {
	Document
	Text         string         `json:"text"`
	StatementsIn []DocStatement `json:"statement_list"`
	EntitiesIn   []DocEntity    `json:"entity_list"`
}

// DocStatement is a statement of a document, in text order.
type DocStatement struct {
	StatementSample
	Start              int64               `json:"start"`
	End                int64               `json:"end"`
	Speakers           []SpeakerRef        `json:"speakers"`
	UnresolvedSpeakers []UnresolvedSpeaker `json:"unresolved_speakers,omitempty"`
}

// DocEntity is an entity a document names, with how often.
type DocEntity struct {
	EntityRef
	Count int64 `json:"count"`
}

// DocumentFilter selects documents.
type DocumentFilter struct {
	DateRange // publication dates
	Source    string
	Limit     int
	Cursor    string
}

const documentFields = `d {.id, .title, .url, .source, .published, .authors, .path, .language, .modified, .ingested_at, .extractor_version, .statement_count, .entity_count}`

// listDocuments lists documents newest first; undated ones come last.
const listDocuments = `
MATCH (d:Document)
WHERE ($source IS NULL OR d.source = $source)
  AND ($from IS NULL OR d.published >= $from) AND ($to IS NULL OR d.published <= $to)
WITH d, coalesce(d.published, '') AS day
WHERE $c_day IS NULL OR day < $c_day OR (day = $c_day AND d.id > $c_id)
RETURN ` + documentFields + ` AS d, day
ORDER BY day DESC, d.id
LIMIT $limit`

// Documents answers "what was ingested?".
func (q *Queries) Documents(ctx context.Context, f DocumentFilter) (Page[Document], error) {
	dr, err := f.DateRange.check()
	if err != nil {
		return Page[Document]{}, err
	}
	if err := checkText("source", f.Source); err != nil {
		return Page[Document]{}, err
	}
	limit, err := checkLimit(f.Limit, DefaultLimit, MaxLimit)
	if err != nil {
		return Page[Document]{}, err
	}
	c, ok, err := decodeCursor(f.Cursor, "documents", 2, 0, 0)
	if err != nil {
		return Page[Document]{}, err
	}
	params := map[string]any{"source": nullable(f.Source), "from": nullable(dr.From), "to": nullable(dr.To),
		"limit": int64(limit) + 1, "c_day": nil, "c_id": nil}
	if ok {
		params["c_day"], params["c_id"] = c.S[0], c.S[1]
	}
	recs, err := q.read(ctx, "documents", listDocuments, params)
	if err != nil {
		return Page[Document]{}, err
	}
	page := Page[Document]{Items: make([]Document, 0, len(recs))}
	for _, r := range recs {
		page.Items = append(page.Items, decodeDocument(mapOf(get(r, "d"))))
	}
	if len(page.Items) > limit {
		page.Items = page.Items[:limit]
		last := page.Items[limit-1]
		page.NextCursor = encodeCursor(cursor{Tag: "documents", S: []string{last.Published, last.ID}})
	}
	return page, nil
}

func decodeDocument(m map[string]any) Document {
	return Document{
		DocumentRef:      documentRef(m),
		Path:             str(m, "path"),
		Language:         str(m, "language"),
		Modified:         str(m, "modified"),
		IngestedAt:       isoTime(m["ingested_at"]),
		ExtractorVersion: str(m, "extractor_version"),
		Statements:       i64(m, "statement_count"),
		Entities:         i64(m, "entity_count"),
	}
}

// maxDocumentList bounds the statement and entity lists of one document.
const maxDocumentList = 2000

const documentByID = `
MATCH (d:Document {id: $id})
RETURN ` + documentFields + ` AS d, d.text AS text,
  COLLECT {
    MATCH (s:Statement {document: d.id})
    RETURN s {` + sampleFields + `, .start, .end, ` + unresolvedFields + `,
              speakers: ` + speakerRefs + `} AS s
    ORDER BY s.start, s.id LIMIT $max
  } AS statements,
  COLLECT {
    MATCH (d)-[m:MENTIONS]->(e:Entity)
    RETURN e {.id, .name, .type, count: m.count} AS e
    ORDER BY e.count DESC, e.id LIMIT $max
  } AS entities`

// Document returns one document with its text, its statements in text
// order and the entities it names.
func (q *Queries) Document(ctx context.Context, id string) (DocumentDetail, error) {
	if err := checkID("id", id, true); err != nil {
		return DocumentDetail{}, err
	}
	recs, err := q.read(ctx, "document", documentByID, map[string]any{"id": id, "max": int64(maxDocumentList)})
	if err != nil {
		return DocumentDetail{}, err
	}
	if len(recs) == 0 {
		return DocumentDetail{}, &graph.Error{Code: graph.ENOTFOUND, Field: "id", Message: fmt.Sprintf("no document %q", id)}
	}
	r := recs[0]
	d := DocumentDetail{Document: decodeDocument(mapOf(get(r, "d"))), StatementsIn: []DocStatement{}, EntitiesIn: []DocEntity{}}
	d.Text, _ = get(r, "text").(string)
	for _, x := range listOf(get(r, "statements")) {
		m := mapOf(x)
		d.StatementsIn = append(d.StatementsIn, DocStatement{
			StatementSample: sampleOf(m),
			Start:           i64(m, "start"), End: i64(m, "end"), Speakers: speakerRefsOf(m["speakers"]),
			UnresolvedSpeakers: unresolvedOf(m),
		})
	}
	for _, x := range listOf(get(r, "entities")) {
		m := mapOf(x)
		d.EntitiesIn = append(d.EntitiesIn, DocEntity{EntityRef: entityRef(m), Count: i64(m, "count")})
	}
	return d, nil
}
