package store

import (
	"context"
	"errors"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/whosaid/whosaid/graph"
)

// fakeProbe answers like Neo4j up, down (connection refused) or hung.
type fakeProbe struct {
	state atomic.Int32 // 0 up, 1 refused, 2 hung
	calls atomic.Int32
}

func (f *fakeProbe) probe(ctx context.Context) error {
	f.calls.Add(1)
	switch f.state.Load() {
	case 1:
		return &graph.Error{Code: graph.EUNAVAILABLE, Message: "neo4j is not reachable", Err: errors.New("connection refused")}
	case 2:
		<-ctx.Done()
		return ctx.Err()
	}
	return nil
}

func waitFor(t *testing.T, what string, d time.Duration, cond func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	for !cond() {
		if time.Since(start) > d {
			t.Fatalf("%s: not within %v", what, d)
		}
		time.Sleep(5 * time.Millisecond)
	}
	return time.Since(start)
}

// TestHealthCheck drives the health check with a fake probe: down is
// noticed within a probe interval, Watch contexts are cancelled with the
// EUNAVAILABLE cause, Available fails at once while down, recovery is
// noticed, and Close leaves no goroutine behind.
func TestHealthCheck(t *testing.T) {
	before := runtime.NumGoroutine()
	s, err := New(Options{URI: "bolt://127.0.0.1:1"}) // never dialled: the probe is fake
	if err != nil {
		t.Fatal(err)
	}
	f := &fakeProbe{}
	s.health.probe = f.probe
	s.StartHealthChecks(50 * time.Millisecond)
	s.StartHealthChecks(50 * time.Millisecond) // idempotent: still one prober
	if err := s.Available(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := s.Watch(context.Background())
	if s.watching() != 1 {
		t.Fatalf("watching %d", s.watching())
	}

	f.state.Store(1)
	waitFor(t, "marked down", time.Second, func() bool { return s.Available() != nil })
	select {
	case <-ctx.Done():
	case <-time.After(time.Second):
		t.Fatal("Watch context not cancelled")
	}
	if c := graph.ErrorCode(context.Cause(ctx)); c != graph.EUNAVAILABLE {
		t.Errorf("cause %v", context.Cause(ctx))
	}
	cancel()
	if s.watching() != 0 {
		t.Errorf("watching %d after cancel", s.watching())
	}
	if _, reason, ok := s.Unavailable(); !ok || reason == "" {
		t.Errorf("Unavailable = %q %v", reason, ok)
	}
	// While down, new watches start cancelled, and Available answers fast.
	ctx2, cancel2 := s.Watch(context.Background())
	if ctx2.Err() == nil || graph.ErrorCode(context.Cause(ctx2)) != graph.EUNAVAILABLE {
		t.Error("a watch taken while down is not cancelled")
	}
	cancel2()
	start := time.Now()
	for range 1000 {
		_ = s.Available()
	}
	if d := time.Since(start); d > 50*time.Millisecond {
		t.Errorf("1000 Available calls took %v", d)
	}
	// Errors reported while down do not make the prober spin.
	calls := f.calls.Load()
	for range 100 {
		s.ReportError(errors.New("x"))
	}
	time.Sleep(120 * time.Millisecond)
	if n := f.calls.Load() - calls; n > 5 {
		t.Errorf("%d probes in 120ms at a 50ms interval", n)
	}

	f.state.Store(0)
	waitFor(t, "marked up", time.Second, func() bool { return s.Available() == nil })

	// A hung server counts as down after healthTimeoutsDown probes.
	f.state.Store(2)
	waitFor(t, "hung server marked down", 3*healthTimeoutsDown*healthProbeTimeout, func() bool { return s.Available() != nil })
	f.state.Store(0)
	waitFor(t, "marked up again", 3*healthProbeTimeout, func() bool { return s.Available() == nil })

	s.Close(context.Background())
	waitFor(t, "goroutines back", 2*time.Second, func() bool { return runtime.NumGoroutine() <= before })
	s.Close(context.Background()) // twice is fine
}
