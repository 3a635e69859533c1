package store

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// dumpNodes and dumpRelationships read the whole graph: a dump is complete
// by definition, so they have no LIMIT. Use Dump on test and verification
// databases, not on production-sized graphs.
const dumpNodes = `MATCH (n) WHERE NOT n:SchemaMigration RETURN labels(n) AS labels, properties(n) AS props`

const dumpRelationships = `MATCH (a)-[r]->(b) WHERE NOT a:SchemaMigration
RETURN a.id AS from, type(r) AS type, b.id AS to, properties(r) AS props`

// Dump writes a canonical text form of the graph to w: one line per node
// and relationship, sorted, properties in key order, without the properties
// named in omit (e.g. "ingested_at", which differs between runs). Two
// graphs with the same dump hold the same facts, whatever order they were
// written in.
func (s *Store) Dump(ctx context.Context, w io.Writer, omit ...string) error {
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeRead})
	defer sess.Close(ctx)
	var lines []string
	for _, q := range []string{dumpNodes, dumpRelationships} {
		res, err := sess.Run(ctx, q, nil)
		if err != nil {
			return fmt.Errorf("dump: %w", classify(err))
		}
		for res.Next(ctx) {
			r := res.Record()
			props, _ := r.Get("props")
			p := canonicalProps(props.(map[string]any), omit)
			if labels, ok := r.Get("labels"); ok {
				ls := make([]string, 0, 3)
				for _, l := range labels.([]any) {
					ls = append(ls, l.(string))
				}
				slices.Sort(ls)
				lines = append(lines, fmt.Sprintf("(%s %s)", strings.Join(ls, ":"), p))
				continue
			}
			from, _ := r.Get("from")
			typ, _ := r.Get("type")
			to, _ := r.Get("to")
			lines = append(lines, fmt.Sprintf("(%v)-[%v %s]->(%v)", from, typ, p, to))
		}
		if err := res.Err(); err != nil {
			return fmt.Errorf("dump: %w", classify(err))
		}
	}
	slices.Sort(lines)
	for _, l := range lines {
		if _, err := io.WriteString(w, l+"\n"); err != nil {
			return err
		}
	}
	return nil
}

func canonicalProps(props map[string]any, omit []string) string {
	keys := make([]string, 0, len(props))
	for k := range props {
		if !slices.Contains(omit, k) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var b strings.Builder
	b.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(',')
		}
		v := props[k]
		js, err := json.Marshal(v)
		if err != nil {
			js = []byte(fmt.Sprintf("%q", fmt.Sprint(v)))
		}
		b.WriteString(k)
		b.WriteByte(':')
		b.Write(js)
	}
	b.WriteByte('}')
	return b.String()
}
