package store_test

import (
	"context"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/whosaid/whosaid/graph/store"
	"github.com/whosaid/whosaid/internal/neo4jtest"
)

// TestEditionSchema: on Community, Migrate succeeds without the
// Enterprise-only existence constraints; on Enterprise they are present.
func TestEditionSchema(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	ed, err := s.Edition(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if ed != store.Community && ed != store.Enterprise {
		t.Fatalf("edition %q", ed)
	}
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	res, err := neo4j.ExecuteQuery(ctx, s.Driver(), `SHOW CONSTRAINTS YIELD name, type WHERE type CONTAINS 'EXISTENCE' RETURN count(*) AS n`,
		nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(s.Database()))
	if err != nil {
		t.Fatal(err)
	}
	n, _ := res.Records[0].Get("n")
	want := int64(0)
	if ed == store.Enterprise {
		want = 8
	}
	if n != want {
		t.Errorf("%s edition: %v existence constraints, want %d", ed, n, want)
	}
}
