package queries

import (
	"cmp"
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/whosaid/whosaid/graph"
)

// Path is one shortest connection between two entities: the entities on
// it and, for each hop between consecutive entities, the relation and the
// statement or documents behind it.
type Path struct {
	Length   int         `json:"length"` // relationships in the graph path
	Entities []EntityRef `json:"entities"`
	Hops     []Hop       `json:"hops"`
}

// Hop links two consecutive entities of a path. Relation is one of
// mentions (from said a statement mentioning to), mentioned_by, co_speaker,
// co_mentioned, relayed_by (from's statement came via to), relays,
// holds_role, role_held_by, part_of, contains, or for rarer combinations
// "<from's part>-<to's part>" with parts speaker, mentioned and relay
// (relay-mentioned: from relayed a statement that mentions to).
type Hop struct {
	From       EntityRef         `json:"from"`
	To         EntityRef         `json:"to"`
	Relation   string            `json:"relation"`
	Statements []StatementSample `json:"statements"`
	Documents  []string          `json:"documents"`
}

// PathFilter bounds a path search.
type PathFilter struct {
	MaxHops int // relationships, 1..MaxPathHops; 0 means DefaultPathHops
	Limit   int // paths; 0 means DefaultPaths
}

// Bounds of Paths.
const (
	DefaultPathHops = 4
	MaxPathHops     = 6
	DefaultPaths    = 5
	MaxPaths        = 25
)

// shortestPaths searches over what people said and the entity facts, never
// through documents (every entity of an article would be two hops from
// every other). The upper bound 6 is MaxPathHops; the requested bound is
// applied to the lengths found.
const shortestPaths = `
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = allShortestPaths((a)-[:SAID|MENTIONS|VIA|HOLDS_ROLE|PART_OF*..6]-(b))
WHERE all(n IN nodes(p) WHERE n:Entity OR n:Statement) AND length(p) <= $max_hops
RETURN p
LIMIT $limit`

const twoEntities = `
OPTIONAL MATCH (a:Entity {id: $from})
OPTIONAL MATCH (b:Entity {id: $to})
RETURN a IS NOT NULL AS a, b IS NOT NULL AS b`

// Paths answers "how are X and Y connected?".
func (q *Queries) Paths(ctx context.Context, from, to string, f PathFilter) ([]Path, error) {
	if err := checkID("from", from, true); err != nil {
		return nil, err
	}
	if err := checkID("to", to, true); err != nil {
		return nil, err
	}
	if from == to {
		return nil, graph.FieldError("to", "must differ from from")
	}
	hops := cmp.Or(f.MaxHops, DefaultPathHops)
	if hops < 1 || hops > MaxPathHops {
		return nil, graph.FieldError("max_hops", "must be between 1 and %d", MaxPathHops)
	}
	limit, err := checkLimit(f.Limit, DefaultPaths, MaxPaths)
	if err != nil {
		return nil, err
	}
	recs, err := q.read(ctx, "path_ends", twoEntities, map[string]any{"from": from, "to": to})
	if err != nil {
		return nil, err
	}
	if len(recs) == 1 {
		if ok, _ := get(recs[0], "a").(bool); !ok {
			return nil, &graph.Error{Code: graph.ENOTFOUND, Field: "from", Message: fmt.Sprintf("no entity %q", from)}
		}
		if ok, _ := get(recs[0], "b").(bool); !ok {
			return nil, &graph.Error{Code: graph.ENOTFOUND, Field: "to", Message: fmt.Sprintf("no entity %q", to)}
		}
	}
	recs, err = q.read(ctx, "paths", shortestPaths, map[string]any{"from": from, "to": to, "max_hops": int64(hops), "limit": int64(limit)})
	if err != nil {
		return nil, err
	}
	paths := make([]Path, 0, len(recs))
	for _, r := range recs {
		p, ok := get(r, "p").(neo4j.Path)
		if !ok {
			continue
		}
		paths = append(paths, decodePath(p))
	}
	return paths, nil
}

func decodePath(p neo4j.Path) Path {
	out := Path{Length: len(p.Relationships), Entities: []EntityRef{}, Hops: []Hop{}}
	isEntity := func(n neo4j.Node) bool {
		for _, l := range n.Labels {
			if l == "Entity" {
				return true
			}
		}
		return false
	}
	ref := func(n neo4j.Node) EntityRef { return entityRef(n.Props) }
	// dir reports the relationship's type and whether it points from node
	// i to node i+1.
	dir := func(i int) (string, bool) {
		r := p.Relationships[i]
		return r.Type, r.StartElementId == p.Nodes[i].ElementId
	}
	for i := 0; i < len(p.Nodes); i++ {
		n := p.Nodes[i]
		if !isEntity(n) {
			continue
		}
		out.Entities = append(out.Entities, ref(n))
		if i+1 >= len(p.Nodes) {
			break
		}
		hop := Hop{From: ref(n), Statements: []StatementSample{}, Documents: []string{}}
		t1, out1 := dir(i)
		if isEntity(p.Nodes[i+1]) {
			hop.To = ref(p.Nodes[i+1])
			hop.Relation = directRelation(t1, out1)
			if t1 == "HOLDS_ROLE" {
				if d, ok := p.Relationships[i].Props["document"].(string); ok {
					hop.Documents = append(hop.Documents, d)
				}
			}
		} else if i+2 < len(p.Nodes) {
			s := p.Nodes[i+1].Props
			t2, out2 := dir(i + 1)
			hop.To = ref(p.Nodes[i+2])
			hop.Relation = statementRelation(t1, out1, t2, out2)
			hop.Statements = append(hop.Statements, sampleOf(s))
			if d := str(s, "document"); d != "" {
				hop.Documents = append(hop.Documents, d)
			}
			i++ // the statement node is part of this hop
		}
		out.Hops = append(out.Hops, hop)
	}
	return out
}

func directRelation(typ string, forward bool) string {
	switch {
	case typ == "HOLDS_ROLE" && forward:
		return "holds_role"
	case typ == "HOLDS_ROLE":
		return "role_held_by"
	case typ == "PART_OF" && forward:
		return "part_of"
	case typ == "PART_OF":
		return "contains"
	}
	return "related"
}

// statementRelation names entity→statement→entity hops. out1 is whether
// the first relationship points from the entity to the statement; out2
// whether the second points from the statement to the entity.
func statementRelation(t1 string, out1 bool, t2 string, out2 bool) string {
	// Normalise to how each entity relates to the statement.
	a := role(t1, !out1) // from the entity's side
	b := role(t2, out2)
	switch {
	case a == "speaker" && b == "speaker":
		return "co_speaker"
	case a == "speaker" && b == "mentioned":
		return "mentions"
	case a == "mentioned" && b == "speaker":
		return "mentioned_by"
	case a == "mentioned" && b == "mentioned":
		return "co_mentioned"
	case a == "speaker" && b == "relay":
		return "relayed_by"
	case a == "relay" && b == "speaker":
		return "relays"
	}
	// Rarer combinations name both ends: "relay-mentioned" is an entity
	// that relayed a statement mentioning the other.
	return a + "-" + b
}

// role says what an entity is to a statement, given the relationship type
// and whether it points from the statement to the entity.
func role(typ string, towardEntity bool) string {
	switch {
	case typ == "SAID" && !towardEntity:
		return "speaker"
	case typ == "MENTIONS" && towardEntity:
		return "mentioned"
	case typ == "VIA" && towardEntity:
		return "relay"
	}
	return "other"
}
