package export_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"sort"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/whosaid/whosaid/export"
)

// storedLine is one element of the stored graph, as exported or as read
// from Neo4j: its properties are compared through JSON.
type storedLine struct {
	Kind, ID, Type, Start, End string
	Labels                     []string
	Properties                 map[string]any
}

// TestStoredJSONLMatchesTheDatabase exports the stored model as JSONL and
// compares every line with the node or relationship it came from: same
// labels, same endpoints, same property keys and values.
func TestStoredJSONLMatchesTheDatabase(t *testing.T) {
	s := loadFixture(t)
	ctx := context.Background()
	var buf bytes.Buffer
	w := export.NewStoredJSONLWriter(&buf)
	x := &export.Exporter{Driver: s.Driver(), Database: s.Database()}
	st, err := x.ExportStored(ctx, w)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}

	var got []storedLine
	sc := bufio.NewScanner(&buf)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var l struct {
			Kind, ID, Type, Start, End string
			Labels                     []string
			Properties                 map[string]any
		}
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("line %s: %v", sc.Bytes(), err)
		}
		if l.Properties == nil {
			l.Properties = map[string]any{}
		}
		got = append(got, storedLine(l))
	}
	if n := int64(len(got)); n != st.Nodes+st.Edges {
		t.Fatalf("%d lines, stats say %d nodes + %d edges", n, st.Nodes, st.Edges)
	}

	const q = `
CALL { MATCH (n) WHERE n:Document OR n:Statement OR n:Entity
       RETURN 'node' AS kind, n.id AS id, labels(n) AS labels, '' AS type, '' AS start, '' AS end, properties(n) AS props
       UNION ALL
       MATCH (a)-[r]->(b) WHERE type(r) IN ['SAID', 'REPORTED_IN', 'MENTIONS', 'VIA', 'HOLDS_ROLE', 'PART_OF']
       RETURN 'relationship' AS kind, '' AS id, [] AS labels, type(r) AS type, a.id AS start, b.id AS end, properties(r) AS props }
RETURN kind, id, labels, type, start, end, props`
	res, err := neo4j.ExecuteQuery(ctx, s.Driver(), q, nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.Database()), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		t.Fatal(err)
	}
	var want []storedLine
	for _, r := range res.Records {
		v := r.Values
		l := storedLine{Kind: v[0].(string), ID: v[1].(string), Type: v[3].(string), Start: v[4].(string), End: v[5].(string)}
		for _, x := range v[2].([]any) {
			l.Labels = append(l.Labels, x.(string))
		}
		props := v[6].(map[string]any)
		if l.Kind == "node" {
			delete(props, "id")
		}
		for k, x := range props {
			switch d := x.(type) {
			case dbtype.Date:
				props[k] = d.Time().Format(time.DateOnly)
			case dbtype.LocalDateTime:
				props[k] = d.Time().Format("2006-01-02T15:04:05.999999999")
			}
		}
		// Through JSON, as the export went.
		b, err := json.Marshal(props)
		if err != nil {
			t.Fatal(err)
		}
		l.Properties = map[string]any{}
		if err := json.Unmarshal(b, &l.Properties); err != nil {
			t.Fatal(err)
		}
		want = append(want, l)
	}
	if len(want) < 10 {
		t.Fatalf("fixture too small: %d elements", len(want))
	}
	sortLines(got)
	sortLines(want)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("stored JSONL differs from the database (-want +got):\n%s", diff)
	}
}

func sortLines(ls []storedLine) {
	sort.Slice(ls, func(i, j int) bool {
		a, b := ls[i], ls[j]
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		if a.ID != b.ID {
			return a.ID < b.ID
		}
		if a.Type != b.Type {
			return a.Type < b.Type
		}
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.End != b.End {
			return a.End < b.End
		}
		x, _ := json.Marshal(a.Properties)
		y, _ := json.Marshal(b.Properties)
		return string(x) < string(y)
	})
}
