package api

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/whosaid/whosaid/internal/neo4jtest"
	"github.com/whosaid/whosaid/queries"
)

// BenchmarkV1History compares, in one process, a speaker-history page of
// 50 through the whole HTTP stack with the same Cypher through the bare
// driver, on whatever graph WHOSAID_NEO4J_URI holds (it only reads). Set
// WHOSAID_BENCH_SPEAKER to a speaker id of that graph.
//
//	WHOSAID_BENCH_SPEAKER=person:x go test ./api -run '^$' -bench V1History
func BenchmarkV1History(b *testing.B) {
	id := os.Getenv("WHOSAID_BENCH_SPEAKER")
	if id == "" {
		b.Skip("set WHOSAID_BENCH_SPEAKER to a speaker id")
	}
	st := neo4jtest.Open(b)
	cfg := testConfig()
	cfg.API.RateLimit = 0
	s := New(cfg, st, nil)
	target := "/api/v1/entities/" + id + "/statements?limit=50"
	b.Run("api", func(b *testing.B) {
		for b.Loop() {
			w := httptest.NewRecorder()
			s.Handler().ServeHTTP(w, httptest.NewRequest(http.MethodGet, target, nil))
			if w.Code != 200 {
				b.Fatalf("%d %s", w.Code, w.Body)
			}
		}
	})
	b.Run("queries", func(b *testing.B) {
		q := queries.New(st, queries.Options{})
		for b.Loop() {
			if _, err := q.SpeakerHistory(context.Background(), id, queries.HistoryFilter{Limit: 50}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("driver", func(b *testing.B) {
		p, _ := queries.HistoryPlan(id, queries.HistoryFilter{Limit: 50})
		ctx := context.Background()
		for b.Loop() {
			sess := st.Driver().NewSession(ctx, neo4j.SessionConfig{DatabaseName: st.Database(), AccessMode: neo4j.AccessModeRead, FetchSize: neo4j.FetchAll})
			_, err := neo4j.ExecuteRead(ctx, sess, func(tx neo4j.ManagedTransaction) ([]*neo4j.Record, error) {
				res, err := tx.Run(ctx, p.Cypher, p.Params)
				if err != nil {
					return nil, err
				}
				return res.Collect(ctx)
			})
			sess.Close(ctx)
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}
