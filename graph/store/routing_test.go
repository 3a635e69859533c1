package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/whosaid/whosaid/graph/store"
	"github.com/whosaid/whosaid/internal/neo4jtest"
)

// TestRoutingURIReadsItsOwnWrites runs the store through the neo4j://
// scheme (the driver asks the server for a routing table and sends reads
// to readers, writes to the writer), as on a cluster or Aura. A write
// leaves a bookmark in the driver's bookmark manager, and a read session
// opened afterwards, on the reader side, carries it and sees the write.
func TestRoutingURIReadsItsOwnWrites(t *testing.T) {
	opts, ok := neo4jtest.Options(t)
	if !ok {
		t.Skip("integration test: set WHOSAID_NEO4J_URI (see deploy/neo4j/neo4j-local env)")
	}
	scheme, rest, _ := strings.Cut(opts.URI, "://")
	opts.URI = "neo4j" + strings.TrimPrefix(scheme, "bolt") + "://" + rest
	opts.MaxConnectionLifetime = 10 * time.Minute
	opts.AcquisitionTimeout = 10 * time.Second
	ctx := context.Background()
	s, err := store.Open(ctx, opts)
	if err != nil {
		t.Fatalf("open %s: %v", opts.URI, err)
	}
	defer s.Close(ctx)
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	neo4jtest.Reset(t, s)

	res := load(t, s, docA(t))
	if res[0].Status != store.Written {
		t.Fatalf("load: %+v", res[0])
	}
	bm, err := s.Driver().ExecuteQueryBookmarkManager().GetBookmarks(ctx)
	if err != nil || len(bm) == 0 {
		t.Fatalf("no bookmark after a write (%v): reads could not wait for it on a cluster", err)
	}
	sess := s.Driver().NewSession(ctx, neo4j.SessionConfig{AccessMode: neo4j.AccessModeRead})
	defer sess.Close(ctx)
	n, err := neo4j.ExecuteRead(ctx, sess, func(tx neo4j.ManagedTransaction) (int64, error) {
		r, err := tx.Run(ctx, `MATCH (d:Document {id: $id}) RETURN count(d) AS n`, map[string]any{"id": res[0].DocumentID})
		if err != nil {
			return 0, err
		}
		rec, err := r.Single(ctx)
		if err != nil {
			return 0, err
		}
		v, _ := rec.Get("n")
		return v.(int64), nil
	})
	if err != nil || n != 1 {
		t.Fatalf("read after write over %s: %d documents, %v", opts.URI, n, err)
	}
}
