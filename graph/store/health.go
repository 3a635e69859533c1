package store

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/whosaid/whosaid/graph"
)

// Health checking, for long-running users of a Store (whosaid serve).
//
// Without it, a request made while Neo4j is down waits for its whole
// budget: the driver retries the connection with backoff until the
// deadline, and the error the caller finally sees is the deadline, not
// "unavailable". With it, one background goroutine asks Neo4j `RETURN 1`
// every HealthInterval, on a connection of its own (a pool busy with long
// queries is not an unreachable server). When the server stops answering (a connectivity
// error, confirmed by an immediate second try, or healthTimeoutsDown probes
// in a row without an answer) — or a caller reports a connectivity error
// through ReportError, which makes the prober check at once — the store is
// marked unavailable: Available fails at
// once with an EUNAVAILABLE error, and every context handed out by Watch is
// cancelled with that error as its cause, so that calls already waiting on
// the driver return within a probe interval instead of at their deadline.
// The probe keeps running; the first probe that Neo4j answers marks the
// store available again.

// HealthInterval is how often the health check asks Neo4j.
const HealthInterval = time.Second

// healthProbeTimeout bounds one probe; healthTimeoutsDown probes in a row
// that time out (a server that accepts connections but does not answer)
// count as unavailable. A probe refused outright counts at once.
const (
	healthProbeTimeout = 2 * time.Second
	healthTimeoutsDown = 3
)

const healthProbeQuery = `RETURN 1 AS ok`

// health is the state of the health check; the zero value is "available,
// not checking".
type health struct {
	mu       sync.Mutex
	down     *graph.Error // nil while available
	since    time.Time    // when down was set
	watchers map[uint64]context.CancelCauseFunc
	nextID   uint64
	kick     chan struct{} // asks the prober to check now
	stop     chan struct{} // closed by Close
	done     chan struct{} // closed when the prober has returned
	interval time.Duration
	// probe is the check itself; tests replace it.
	probe func(context.Context) error
	// driver is the probe's own driver, closed with the prober.
	driver neo4j.DriverWithContext
}

// StartHealthChecks starts the background health check, probing every
// interval (HealthInterval when 0). It is idempotent; Close stops it. Only
// one goroutine runs per Store, whatever the number of calls.
func (s *Store) StartHealthChecks(interval time.Duration) {
	h := &s.health
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.stop != nil {
		return
	}
	if interval <= 0 {
		interval = HealthInterval
	}
	h.interval = interval
	if h.probe == nil {
		drv, err := s.newProbeDriver()
		if err != nil { // cannot happen: the same URI built the store's driver
			s.log.Error("neo4j health check not started", "err", err)
			return
		}
		h.driver = drv
		h.probe = s.probeOnce
	}
	h.kick = make(chan struct{}, 1)
	h.stop = make(chan struct{})
	h.done = make(chan struct{})
	go s.healthLoop(h.probe, h.kick, h.stop, h.done)
}

// stopHealthChecks stops the prober and waits for it; Close calls it.
func (s *Store) stopHealthChecks() {
	h := &s.health
	h.mu.Lock()
	stop, done := h.stop, h.done
	if stop != nil {
		select {
		case <-stop:
		default:
			close(stop)
		}
	}
	drv := h.driver
	h.driver = nil
	h.mu.Unlock()
	if done != nil {
		<-done
	}
	if drv != nil {
		_ = drv.Close(context.Background())
	}
}

func (s *Store) healthLoop(probe func(context.Context) error, kick, stop, done chan struct{}) {
	defer close(done)
	t := time.NewTicker(s.health.interval)
	defer t.Stop()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		<-stop
		cancel() // a probe in flight at shutdown ends now
	}()
	timeouts := 0
	for {
		select {
		case <-stop:
			return
		case <-t.C:
		case <-kick:
		}
		err := runProbe(ctx, probe)
		if ctx.Err() != nil {
			return
		}
		if err != nil && graph.ErrorCode(err) == graph.EUNAVAILABLE && s.Available() == nil {
			// One refused connection may be a stale pooled one that the
			// driver has just dropped (Neo4j restarted); ask again at once.
			err = runProbe(ctx, probe)
			if ctx.Err() != nil {
				return
			}
		}
		if err != nil {
			s.log.Debug("neo4j health probe failed", "err", err)
		}
		switch {
		case err == nil:
			timeouts = 0
			s.markAvailable()
		case graph.ErrorCode(err) == graph.EUNAVAILABLE:
			timeouts = 0
			s.markUnavailable(err)
		case graph.ErrorCode(err) == graph.ETIMEOUT:
			if timeouts++; timeouts >= healthTimeoutsDown {
				s.markUnavailable(&graph.Error{Code: graph.EUNAVAILABLE, Message: "neo4j does not answer", Err: err})
			}
		default:
			// Other answers (bad credentials, say) mean Neo4j is there;
			// requests report them themselves.
			timeouts = 0
		}
	}
}

func runProbe(ctx context.Context, probe func(context.Context) error) error {
	pctx, cancel := context.WithTimeout(ctx, healthProbeTimeout)
	defer cancel()
	err := probe(pctx)
	if err != nil && errors.Is(pctx.Err(), context.DeadlineExceeded) {
		return &graph.Error{Code: graph.ETIMEOUT, Message: "health probe timed out", Err: err}
	}
	return classify(err)
}

// probeOnce runs one auto-commit query, without the driver's retries, on
// the probe's own connection.
func (s *Store) probeOnce(ctx context.Context) error {
	s.health.mu.Lock()
	drv := s.health.driver
	s.health.mu.Unlock()
	if drv == nil {
		return context.Canceled // stopped
	}
	sess := drv.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeRead})
	defer sess.Close(context.WithoutCancel(ctx))
	res, err := sess.Run(ctx, healthProbeQuery, nil)
	if err != nil {
		return err
	}
	_, err = res.Consume(ctx)
	return err
}

// Available returns nil unless the health check (or a reported error) found
// Neo4j unreachable; then it returns that EUNAVAILABLE error at once.
func (s *Store) Available() error {
	h := &s.health
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.down == nil {
		return nil
	}
	return h.down
}

// Unavailable reports since when the store is marked unavailable, and why
// (a message safe to show to clients); ok is false while it is available.
func (s *Store) Unavailable() (since time.Time, reason string, ok bool) {
	h := &s.health
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.down == nil {
		return time.Time{}, "", false
	}
	return h.since, h.down.Message, true
}

// ReportError tells the health check about an error a caller got from
// Neo4j. A connectivity error makes the prober check at once instead of at
// its next tick, so the store is marked unavailable within one probe round
// trip when Neo4j is really gone; the probe, not the caller's error, decides
// (a caller's error may be a cut stale connection, or its own deadline).
// Other errors are ignored, and so is everything until StartHealthChecks.
func (s *Store) ReportError(err error) {
	if err == nil || !isConnectivity(err) {
		return
	}
	h := &s.health
	h.mu.Lock()
	kick, down := h.kick, h.down
	h.mu.Unlock()
	if kick == nil || down != nil {
		return // not checking, or already known: the prober is on it
	}
	select {
	case kick <- struct{}{}:
	default:
	}
}

// isConnectivity walks err's chain for a driver connectivity error.
func isConnectivity(err error) bool {
	for e := err; e != nil; e = errors.Unwrap(e) {
		if neo4j.IsConnectivityError(e) {
			return true
		}
	}
	return false
}

// Watch returns a context derived from parent that is also cancelled, with
// the EUNAVAILABLE error as its cause (context.Cause), when the store is
// marked unavailable. Callers must call cancel when done.
func (s *Store) Watch(parent context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancelCause(parent)
	h := &s.health
	h.mu.Lock()
	if h.down != nil {
		down := h.down
		h.mu.Unlock()
		cancel(down)
		return ctx, func() { cancel(context.Canceled) }
	}
	if h.watchers == nil {
		h.watchers = map[uint64]context.CancelCauseFunc{}
	}
	id := h.nextID
	h.nextID++
	h.watchers[id] = cancel
	h.mu.Unlock()
	return ctx, func() {
		h.mu.Lock()
		delete(h.watchers, id)
		h.mu.Unlock()
		cancel(context.Canceled)
	}
}

// watching is the number of live Watch contexts, for tests.
func (s *Store) watching() int {
	s.health.mu.Lock()
	defer s.health.mu.Unlock()
	return len(s.health.watchers)
}

func (s *Store) markUnavailable(err error) {
	ge := &graph.Error{Code: graph.EUNAVAILABLE, Message: "neo4j is not reachable", Err: err}
	var cause *graph.Error
	if errors.As(err, &cause) && cause.Code == graph.EUNAVAILABLE {
		ge.Message = cause.Message
	}
	h := &s.health
	h.mu.Lock()
	if h.down != nil {
		h.mu.Unlock()
		return
	}
	h.since = time.Now()
	ge.Message = fmt.Sprintf("%s (since %s); whosaid checks again every %s and serves again as soon as it answers",
		ge.Message, h.since.UTC().Format(time.RFC3339), h.interval)
	h.down = ge
	watchers := h.watchers
	h.watchers = nil
	h.mu.Unlock()
	s.log.Warn("neo4j unavailable; answering 503 until it answers again", "err", err)
	for _, cancel := range watchers {
		cancel(ge)
	}
}

func (s *Store) markAvailable() {
	h := &s.health
	h.mu.Lock()
	was, since := h.down, h.since
	h.down = nil
	h.mu.Unlock()
	if was != nil {
		s.log.Info("neo4j available again", "down_for", time.Since(since).Round(time.Millisecond))
	}
}
