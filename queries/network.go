package queries

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/whosaid/whosaid/graph"
)

// Network is an entity's ego network.
type Network struct {
	Nodes []NetworkNode `json:"nodes"`
	Edges []NetworkEdge `json:"edges"`
	// Truncated says that the node limit (or the per-level edge cap) left
	// out neighbours: the network shown is the heaviest part.
	Truncated bool `json:"truncated"`
}

// NetworkNode is an entity and its distance from the centre.
type NetworkNode struct {
	EntityRef
	Depth int `json:"depth"`
}

// NetworkEdge is a weighted relation between two entities. Type is one of
// mentions (source said statements mentioning target), co_speaker (both
// said the same statements; source < target), via (source's statements
// were relayed by target), holds_role (source holds a role at target) and
// part_of (source place lies in target place). Evidence holds the ids of
// up to MaxEvidence statements, or documents for holds_role.
type NetworkEdge struct {
	Source       string   `json:"source"`
	Target       string   `json:"target"`
	Type         string   `json:"type"`
	Weight       int64    `json:"weight"`
	EvidenceType string   `json:"evidence_type"`
	Evidence     []string `json:"evidence"`
}

// NetworkFilter bounds an ego network.
type NetworkFilter struct {
	// Count is what weighs the statement edges (mentions, co_speaker,
	// via): "statements" (the default, also "") or "quotes", which counts
	// the syndicated copies of one remark once (see quoteKey). Evidence
	// still lists statements.
	Count     string
	Depth     int // 1..3; 0 means 1
	Limit     int // nodes, centre included; 0 means DefaultNetworkLimit
	MinWeight int // edges lighter than this are left out; 0 means 1
}

// Bounds of Network.
const (
	MaxDepth            = 3
	DefaultNetworkLimit = 50
	MaxNetworkLimit     = 500
	MaxEvidence         = 10
)

const networkCentre = `MATCH (e:Entity {id: $id}) RETURN e {.id, .name, .type} AS e LIMIT 1`

// networkLevel finds the relations of the frontier entities, heaviest
// first, as entity-to-entity edges aggregated over statements.
const networkLevel = `
UNWIND $frontier AS fid
MATCH (a:Entity {id: fid})
CALL (a) {
  MATCH (a)-[:SAID]->(s:Statement)-[:MENTIONS]->(b:Entity) WHERE b <> a
  RETURN 'mentions' AS type, a.id AS src, b.id AS dst, b AS other, count(s) AS w, collect(s.id)[..$ev] AS ev
  UNION ALL
  MATCH (b:Entity)-[:SAID]->(s:Statement)-[:MENTIONS]->(a) WHERE b <> a
  RETURN 'mentions' AS type, b.id AS src, a.id AS dst, b AS other, count(s) AS w, collect(s.id)[..$ev] AS ev
  UNION ALL
  MATCH (a)-[:SAID]->(s:Statement)<-[:SAID]-(b:Entity) WHERE b <> a
  RETURN 'co_speaker' AS type, a.id AS src, b.id AS dst, b AS other, count(s) AS w, collect(s.id)[..$ev] AS ev
  UNION ALL
  MATCH (a)-[:SAID]->(s:Statement)-[:VIA]->(b:Entity) WHERE b <> a
  RETURN 'via' AS type, a.id AS src, b.id AS dst, b AS other, count(s) AS w, collect(s.id)[..$ev] AS ev
  UNION ALL
  MATCH (b:Entity)-[:SAID]->(s:Statement)-[:VIA]->(a) WHERE b <> a
  RETURN 'via' AS type, b.id AS src, a.id AS dst, b AS other, count(s) AS w, collect(s.id)[..$ev] AS ev
  UNION ALL
  MATCH (a)-[r:HOLDS_ROLE]->(b:Entity)
  RETURN 'holds_role' AS type, a.id AS src, b.id AS dst, b AS other, count(r) AS w, collect(r.document)[..$ev] AS ev
  UNION ALL
  MATCH (b:Entity)-[r:HOLDS_ROLE]->(a)
  RETURN 'holds_role' AS type, b.id AS src, a.id AS dst, b AS other, count(r) AS w, collect(r.document)[..$ev] AS ev
  UNION ALL
  MATCH (a)-[:PART_OF]->(b:Entity)
  RETURN 'part_of' AS type, a.id AS src, b.id AS dst, b AS other, 1 AS w, [] AS ev
  UNION ALL
  MATCH (b:Entity)-[:PART_OF]->(a)
  RETURN 'part_of' AS type, b.id AS src, a.id AS dst, b AS other, 1 AS w, [] AS ev
}
WITH type, src, dst, other, w, ev WHERE w >= $min_weight
RETURN type, src, dst, other {.id, .name, .type} AS other, w, ev
ORDER BY w DESC, type, src, dst
LIMIT $cap`

// The cap keeps a hub's level from returning every relation it has; edges
// beyond the heaviest cap are not needed to fill limit nodes.
func networkEdgeCap(limit int) int64 { return int64(4*limit + 50) }

// networkLevelQuotes is networkLevel weighing statement edges by quotes.
func networkLevelQuotes() string {
	return strings.ReplaceAll(networkLevel, "count(s) AS w", "count(DISTINCT "+quoteKey+") AS w")
}

func networkLevelPlan(frontier []any, limit, minWeight int, byQuotes bool) Plan {
	cypher := networkLevel
	if byQuotes {
		cypher = networkLevelQuotes()
	}
	return Plan{Name: "network_level", Cypher: cypher, Params: map[string]any{
		"frontier": frontier, "ev": int64(MaxEvidence), "min_weight": int64(minWeight), "cap": networkEdgeCap(limit),
	}}
}

// NetworkPlans returns the queries Network runs for a depth-1 network with
// default bounds: the centre, then its relations.
func NetworkPlans(id string) []Plan {
	return []Plan{
		{Name: "network_centre", Cypher: networkCentre, Params: map[string]any{"id": id}},
		networkLevelPlan([]any{id}, DefaultNetworkLimit, 1, false),
	}
}

// Network answers "who is around X?": the entities within depth hops of
// the centre, breadth first and heaviest relations first, until limit
// nodes are found. Relations are listed from each expanded node, so
// relations among the nodes of the last level reached are not.
func (q *Queries) Network(ctx context.Context, id string, f NetworkFilter) (Network, error) {
	if err := checkID("id", id, true); err != nil {
		return Network{}, err
	}
	depth := cmp.Or(f.Depth, 1)
	if depth < 1 || depth > MaxDepth {
		return Network{}, graph.FieldError("depth", "must be between 1 and %d", MaxDepth)
	}
	limit, err := checkLimit(f.Limit, DefaultNetworkLimit, MaxNetworkLimit)
	if err != nil {
		return Network{}, err
	}
	minWeight := cmp.Or(f.MinWeight, 1)
	if minWeight < 1 {
		return Network{}, graph.FieldError("min_weight", "must be at least 1")
	}
	byQuotes, err := countQuotes(f.Count)
	if err != nil {
		return Network{}, err
	}
	recs, err := q.read(ctx, "network_centre", networkCentre, map[string]any{"id": id})
	if err != nil {
		return Network{}, err
	}
	if len(recs) == 0 {
		return Network{}, &graph.Error{Code: graph.ENOTFOUND, Field: "id", Message: fmt.Sprintf("no entity %q", id)}
	}
	net := Network{Nodes: []NetworkNode{{EntityRef: entityRef(get(recs[0], "e"))}}, Edges: []NetworkEdge{}}
	known := map[string]bool{id: true}
	type edgeKey struct{ typ, src, dst string }
	seen := make(map[edgeKey]bool)
	frontier := []any{id}
	edgeCap := networkEdgeCap(limit)
	// Once limit nodes are found the network stops growing: a further level
	// could only add relations among the outermost nodes, and on hubs it
	// costs the most (every statement about a country, say).
	d := 1
	for ; d <= depth && len(frontier) > 0 && len(net.Nodes) < limit; d++ {
		plan := networkLevelPlan(frontier, limit, minWeight, byQuotes)
		recs, err := q.read(ctx, plan.Name, plan.Cypher, plan.Params)
		if err != nil {
			return Network{}, err
		}
		if int64(len(recs)) == edgeCap {
			net.Truncated = true
		}
		frontier = nil
		for _, r := range recs {
			e := NetworkEdge{Type: get(r, "type").(string)}
			e.Source, _ = get(r, "src").(string)
			e.Target, _ = get(r, "dst").(string)
			e.Weight, _ = get(r, "w").(int64)
			e.Evidence = strings_(get(r, "ev"))
			e.EvidenceType = "statement"
			switch e.Type {
			case "holds_role":
				e.EvidenceType = "document"
			case "part_of":
				e.EvidenceType = "none"
			case "co_speaker":
				// Undirected: one edge per pair, whichever end found it.
				if e.Source > e.Target {
					e.Source, e.Target = e.Target, e.Source
				}
			}
			other := entityRef(get(r, "other"))
			if !known[other.ID] {
				if len(net.Nodes) >= limit {
					net.Truncated = true
					continue
				}
				known[other.ID] = true
				net.Nodes = append(net.Nodes, NetworkNode{EntityRef: other, Depth: d})
				frontier = append(frontier, other.ID)
			}
			k := edgeKey{e.Type, e.Source, e.Target}
			if seen[k] {
				continue
			}
			seen[k] = true
			net.Edges = append(net.Edges, e)
		}
	}
	if d <= depth && len(frontier) > 0 {
		// Stopped by the node limit with levels left to expand.
		net.Truncated = true
	}
	slices.SortStableFunc(net.Edges, func(a, b NetworkEdge) int {
		return cmp.Or(cmp.Compare(b.Weight, a.Weight), strings.Compare(a.Type, b.Type),
			strings.Compare(a.Source, b.Source), strings.Compare(a.Target, b.Target))
	})
	return net, nil
}
