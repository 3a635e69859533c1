package queries

import (
	"errors"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// The queries return Cypher maps; these helpers read their fields without
// reflection. A missing or differently typed field reads as the zero value:
// the graph model leaves absent metadata absent rather than "".

func str(m map[string]any, k string) string {
	s, _ := m[k].(string)
	return s
}

func i64(m map[string]any, k string) int64 {
	n, _ := m[k].(int64)
	return n
}

func f64(m map[string]any, k string) float64 {
	switch v := m[k].(type) {
	case float64:
		return v
	case int64:
		return float64(v)
	}
	return 0
}

func mapOf(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func listOf(v any) []any {
	l, _ := v.([]any)
	return l
}

func strings_(v any) []string {
	l := listOf(v)
	out := make([]string, 0, len(l))
	for _, x := range l {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func get(r *neo4j.Record, k string) any {
	v, _ := r.Get(k)
	return v
}

// isoTime renders temporal values as ISO 8601 and leaves strings alone.
func isoTime(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case time.Time:
		return t.UTC().Format(time.RFC3339)
	case dbtype.Date:
		return t.Time().Format(time.DateOnly)
	case dbtype.LocalDateTime:
		return t.Time().Format("2006-01-02T15:04:05")
	}
	return ""
}

// EntityRef names an entity.
type EntityRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Type string `json:"type"`
}

func entityRef(v any) EntityRef {
	m := mapOf(v)
	return EntityRef{ID: str(m, "id"), Name: str(m, "name"), Type: str(m, "type")}
}

func entityRefs(v any) []EntityRef {
	l := listOf(v)
	out := make([]EntityRef, 0, len(l))
	for _, x := range l {
		out = append(out, entityRef(x))
	}
	return out
}

func asNeo4j(err error, target **neo4j.Neo4jError) bool { return errors.As(err, target) }
