// Package benchenv holds what the benchmark programs share: opening the
// store the way whosaid does (WHOSAID_* variables, the local password
// file), counting the graph and reading the process's peak RSS.
package benchenv

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/whosaid/whosaid/config"
	"github.com/whosaid/whosaid/graph/store"
)

// OpenStore opens the Neo4j that the WHOSAID_NEO4J_* variables (or
// whosaid.yaml) name, as whosaid itself would.
func OpenStore(ctx context.Context) (*store.Store, error) {
	return OpenStoreWith(ctx, nil)
}

// OpenStoreWith is OpenStore with the options changed by set first (nil
// changes nothing): a benchmark's step timer, quote clustering.
func OpenStoreWith(ctx context.Context, set func(*store.Options)) (*store.Store, error) {
	l, err := config.Load(config.Options{})
	if err != nil {
		return nil, err
	}
	c := l.Config.Neo4j
	o := store.Options{URI: c.URI, Username: c.Username, Password: c.Password,
		Database: c.Database, ConnectWait: 30 * time.Second}
	if set != nil {
		set(&o)
	}
	return store.Open(ctx, o)
}

const countGraph = `CALL { MATCH (n) RETURN count(n) AS nodes } CALL { MATCH ()-[r]->() RETURN count(r) AS rels } RETURN nodes, rels`

// Counts returns the numbers of nodes and relationships, or -1, -1.
func Counts(ctx context.Context, s *store.Store) (nodes, rels int64) {
	res, err := neo4j.ExecuteQuery(ctx, s.Driver(), countGraph, nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.Database()))
	if err != nil || len(res.Records) == 0 {
		return -1, -1
	}
	n, _ := res.Records[0].Get("nodes")
	r, _ := res.Records[0].Get("rels")
	return n.(int64), r.(int64)
}

// PeakRSS is this process's high-water resident set size (Linux VmHWM),
// read by the process itself: wait4's ru_maxrss would include the parent's
// size at fork, which survives exec.
func PeakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kb int64
			fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), &kb)
			return kb * 1024
		}
	}
	return 0
}
