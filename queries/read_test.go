package queries

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/internal/neo4jtest"
)

func TestWithoutDeadline(t *testing.T) {
	parent, cancel := context.WithTimeout(context.Background(), time.Hour)
	c, stop := withoutDeadline(parent)
	defer stop()
	if _, ok := c.Deadline(); ok {
		t.Fatal("the driver's context still has a deadline")
	}
	if c.Err() != nil {
		t.Fatalf("cancelled too early: %v", c.Err())
	}
	cancel()
	select {
	case <-c.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("not cancelled with its parent")
	}
	if !errors.Is(context.Cause(c), context.Canceled) {
		t.Errorf("cause %v, want the parent's", context.Cause(c))
	}

	// Without a deadline there is nothing to strip.
	bg := context.Background()
	if c, stop := withoutDeadline(bg); c != bg {
		t.Error("a context without deadline was replaced")
	} else {
		stop()
	}
}

// The request's deadline still stops a slow read, as Neo4j's transaction
// timeout, although the driver's context carries none.
func TestReadStopsAtDeadline(t *testing.T) {
	s := neo4jtest.Open(t)
	q := New(s, Options{})
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	_, err := q.read(ctx, "slow", `UNWIND range(1, 2000000000) AS x WITH x WHERE x < 0 RETURN count(x) AS n`, nil)
	if graph.ErrorCode(err) != graph.ETIMEOUT {
		t.Errorf("err = %v (code %q), want %q", err, graph.ErrorCode(err), graph.ETIMEOUT)
	}
}
