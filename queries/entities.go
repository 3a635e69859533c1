package queries

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/whosaid/whosaid/graph"
)

// EntityHit is one entity found by name.
type EntityHit struct {
	EntityRef
	Aliases []string `json:"aliases"`
	Score   float64  `json:"score"`
}

// EntitySearch is a name search.
type EntitySearch struct {
	Q      string
	Type   string // Person, Organisation or Place; "" for any
	Limit  int
	Cursor string
}

// Limits of the entity search.
const (
	DefaultEntityLimit = 20
	MaxEntityLimit     = 100
)

// searchEntities ranks entities by a fuzzy full-text match over names and
// aliases (the entity_names index covers name and alias_text).
const searchEntities = `
CALL db.index.fulltext.queryNodes('entity_names', $lucene) YIELD node AS e, score
WHERE e:Entity AND ($type IS NULL OR e.type = $type)
  AND ($c_score IS NULL OR score < $c_score OR (score = $c_score AND e.id > $c_id))
RETURN e {.id, .name, .type, .aliases} AS e, score
ORDER BY score DESC, e.id
LIMIT $limit`

// SearchEntities answers "who or what is called …?". Names are matched
// exactly or by prefix; only when that finds nothing are spelling variants
// tried (fuzzy matching, "Medinski" finds Medinsky), which costs Lucene
// several times more. The first page decides which, and its cursor keeps
// the later pages in the same mode.
func (q *Queries) SearchEntities(ctx context.Context, s EntitySearch) (Page[EntityHit], error) {
	plans, err := EntitySearchPlans(s)
	if err != nil {
		return Page[EntityHit]{}, err
	}
	var page Page[EntityHit]
	for i, plan := range plans {
		if i > 0 && len(page.Items) > 0 {
			break
		}
		page, err = q.searchEntities(ctx, plan)
		if err != nil {
			return page, err
		}
	}
	return page, nil
}

func (q *Queries) searchEntities(ctx context.Context, plan Plan) (Page[EntityHit], error) {
	limit := int(plan.Params["limit"].(int64)) - 1
	recs, err := q.read(ctx, plan.Name, plan.Cypher, plan.Params)
	if err != nil {
		return Page[EntityHit]{}, err
	}
	page := Page[EntityHit]{Items: make([]EntityHit, 0, len(recs))}
	for _, r := range recs {
		m := mapOf(get(r, "e"))
		score, _ := get(r, "score").(float64)
		page.Items = append(page.Items, EntityHit{EntityRef: entityRef(m), Aliases: strings_(m["aliases"]), Score: score})
	}
	if len(page.Items) > limit {
		page.Items = page.Items[:limit]
		last := page.Items[limit-1]
		page.NextCursor = encodeCursor(cursor{Tag: plan.Params["tag"].(string), S: []string{last.ID}, F: []float64{last.Score}})
	}
	return page, nil
}

// Cursor tags of the two entity-search modes.
const (
	tagEntityExact = "entity"
	tagEntityFuzzy = "entity~"
)

// EntitySearchPlans checks an entity search and returns the queries
// SearchEntities runs for it: the exact query, then (marked Fallback) the
// fuzzy one, run only when the exact one found nothing. A cursor selects
// the mode of the page it came from.
func EntitySearchPlans(s EntitySearch) ([]Plan, error) {
	if strings.TrimSpace(s.Q) == "" {
		return nil, graph.FieldError("q", "is required")
	}
	if err := checkText("q", s.Q); err != nil {
		return nil, err
	}
	exact, fuzzy := exactNameQuery(s.Q), fuzzyNameQuery(s.Q)
	if exact == "" {
		return nil, graph.FieldError("q", "has no letters or digits to search for")
	}
	if s.Type != "" && !graph.EntityType(s.Type).Valid() {
		return nil, graph.FieldError("type", "must be Person, Organisation or Place")
	}
	limit, err := checkLimit(s.Limit, DefaultEntityLimit, MaxEntityLimit)
	if err != nil {
		return nil, err
	}
	plan := func(tag, lucene string, c *cursor) Plan {
		p := map[string]any{"lucene": lucene, "type": nullable(s.Type), "limit": int64(limit) + 1, "c_score": nil, "c_id": nil, "tag": tag}
		if c != nil {
			p["c_id"], p["c_score"] = c.S[0], c.F[0]
		}
		return Plan{Name: "search_entities", Cypher: searchEntities, Params: p}
	}
	if s.Cursor == "" {
		fb := plan(tagEntityFuzzy, fuzzy, nil)
		fb.Fallback = true
		return []Plan{plan(tagEntityExact, exact, nil), fb}, nil
	}
	for tag, lucene := range map[string]string{tagEntityExact: exact, tagEntityFuzzy: fuzzy} {
		if c, ok, err := decodeCursor(s.Cursor, tag, 1, 0, 1); err == nil && ok {
			return []Plan{plan(tag, lucene, &c)}, nil
		}
	}
	return nil, graph.FieldError("cursor", "is not a cursor returned by this endpoint")
}

// Profile is what the graph knows about one entity.
type Profile struct {
	EntityRef
	Aliases []string `json:"aliases"`
	Roles   []Role   `json:"roles"`
	// PartOf lists the places this place lies in (gazetteer).
	PartOf []EntityRef   `json:"part_of"`
	Counts ProfileCounts `json:"counts"`
	// FirstSeen and LastSeen are the earliest and latest publication dates
	// of the documents that mention the entity.
	FirstSeen string `json:"first_seen,omitempty"`
	LastSeen  string `json:"last_seen,omitempty"`
}

// Role is a title an entity holds, optionally of another entity, with the
// documents that state it.
type Role struct {
	Title     string     `json:"title"`
	Of        *EntityRef `json:"of,omitempty"`
	Documents []string   `json:"documents"`
}

// ProfileCounts counts the evidence about an entity.
type ProfileCounts struct {
	Statements  int64 `json:"statements"`   // statements it made
	MentionedIn int64 `json:"mentioned_in"` // statements that mention it
	Documents   int64 `json:"documents"`    // documents that name it
	Mentions    int64 `json:"mentions"`     // times those documents name it
	// With count=quotes only: the distinct quotes among the statements it
	// made and among those that mention it (see quoteKey).
	Quotes            *int64 `json:"quotes,omitempty"`
	MentionedInQuotes *int64 `json:"mentioned_in_quotes,omitempty"`
}

// maxProfileList bounds the lists of a profile.
const maxProfileList = 500

// entityProfile reads an entity with its roles (from HOLDS_ROLE and from
// the role titles each document supplied), places and counts.
const (
	entityProfile = entityMatch + entityProfileBody
	entityMatch   = `
MATCH (e:Entity {id: $id})`
	entityProfileBody = `
CALL (e) {
  MATCH (d:Document)-[m:MENTIONS]->(e)
  RETURN count(d) AS documents, sum(m.count) AS mentions,
         min(d.published) AS first_seen, max(d.published) AS last_seen,
         collect({document: d.id, roles: m.roles})[..$max] AS supplied
}
RETURN e {.id, .name, .type, .aliases} AS e,
  documents, mentions, first_seen, last_seen, supplied,
  COUNT { (e)-[:SAID]->(:Statement) } AS statements,
  COUNT { (:Statement)-[:MENTIONS]->(e) } AS mentioned_in,
  COLLECT { MATCH (e)-[r:HOLDS_ROLE]->(o:Entity) RETURN {title: r.title, document: r.document, of: o {.id, .name, .type}} AS r ORDER BY r.title, r.of.id, r.document LIMIT $max } AS held,
  COLLECT { MATCH (e)-[:PART_OF]->(p:Place) RETURN p {.id, .name, .type} AS p ORDER BY p.id LIMIT $max } AS part_of`
)

// entityProfileQuotes is entityProfile with its quote counts, which visit
// every statement the entity made or is mentioned in.
const entityProfileQuotes = entityMatch + `
CALL (e) {
  MATCH (e)-[:SAID]->(s:Statement)
  RETURN count(DISTINCT ` + quoteKey + `) AS quotes
}
CALL (e) {
  MATCH (s:Statement)-[:MENTIONS]->(e)
  RETURN count(DISTINCT ` + quoteKey + `) AS mentioned_in_quotes
}
WITH e, quotes, mentioned_in_quotes` + entityProfileBody + `, quotes, mentioned_in_quotes`

// Entity returns the profile of one entity.
func (q *Queries) Entity(ctx context.Context, id string) (Profile, error) {
	return q.EntityCounting(ctx, id, "")
}

// EntityCounting is Entity that, with count "quotes", also counts quotes
// (ProfileCounts.Quotes and MentionedInQuotes).
func (q *Queries) EntityCounting(ctx context.Context, id, count string) (Profile, error) {
	if err := checkID("id", id, true); err != nil {
		return Profile{}, err
	}
	byQuotes, err := countQuotes(count)
	if err != nil {
		return Profile{}, err
	}
	name, cypher := "entity_profile", entityProfile
	if byQuotes {
		name, cypher = "entity_profile_quotes", entityProfileQuotes
	}
	recs, err := q.read(ctx, name, cypher, map[string]any{"id": id, "max": int64(maxProfileList)})
	if err != nil {
		return Profile{}, err
	}
	if len(recs) == 0 {
		return Profile{}, &graph.Error{Code: graph.ENOTFOUND, Field: "id", Message: fmt.Sprintf("no entity %q", id)}
	}
	r := recs[0]
	e := mapOf(get(r, "e"))
	p := Profile{
		EntityRef: entityRef(e),
		Aliases:   strings_(e["aliases"]),
		PartOf:    entityRefs(get(r, "part_of")),
		FirstSeen: isoTime(get(r, "first_seen")),
		LastSeen:  isoTime(get(r, "last_seen")),
	}
	p.Counts.Documents, _ = get(r, "documents").(int64)
	p.Counts.Mentions, _ = get(r, "mentions").(int64)
	p.Counts.Statements, _ = get(r, "statements").(int64)
	p.Counts.MentionedIn, _ = get(r, "mentioned_in").(int64)
	if byQuotes {
		quotes, _ := get(r, "quotes").(int64)
		mentioned, _ := get(r, "mentioned_in_quotes").(int64)
		p.Counts.Quotes, p.Counts.MentionedInQuotes = &quotes, &mentioned
	}
	p.Roles = mergeRoles(listOf(get(r, "held")), listOf(get(r, "supplied")))
	return p, nil
}

// mergeRoles groups role evidence by (title, of). A title a document
// supplied without an "of" is listed on its own only when no HOLDS_ROLE
// relationship already carries it.
func mergeRoles(held, supplied []any) []Role {
	type key struct{ title, of string }
	byKey := make(map[key]*Role)
	var order []key
	add := func(k key, of *EntityRef, doc string) {
		r, ok := byKey[k]
		if !ok {
			r = &Role{Title: k.title, Of: of, Documents: []string{}}
			byKey[k] = r
			order = append(order, k)
		}
		if doc != "" && !slices.Contains(r.Documents, doc) {
			r.Documents = append(r.Documents, doc)
		}
	}
	withOf := make(map[string]bool)
	for _, h := range held {
		m := mapOf(h)
		of := entityRef(m["of"])
		add(key{str(m, "title"), of.ID}, &of, str(m, "document"))
		withOf[str(m, "title")] = true
	}
	for _, s := range supplied {
		m := mapOf(s)
		for _, t := range strings_(m["roles"]) {
			if withOf[t] {
				continue
			}
			add(key{t, ""}, nil, str(m, "document"))
		}
	}
	roles := make([]Role, 0, len(order))
	for _, k := range order {
		r := byKey[k]
		slices.Sort(r.Documents)
		roles = append(roles, *r)
	}
	slices.SortFunc(roles, func(a, b Role) int {
		ao, bo := "", ""
		if a.Of != nil {
			ao = a.Of.ID
		}
		if b.Of != nil {
			bo = b.Of.ID
		}
		return cmp.Or(strings.Compare(a.Title, b.Title), strings.Compare(ao, bo))
	})
	return roles
}
