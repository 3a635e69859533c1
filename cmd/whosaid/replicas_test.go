package main

import (
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/whosaid/whosaid/internal/neo4jtest"
)

// TestTwoReplicas runs two serve replicas behind one address (a small
// round-robin proxy that, like any load balancer with passive health
// checks, sends a request to the other replica when one refuses the
// connection or resets it unanswered). Both answer; one is stopped gracefully in the middle of a
// steady request load, and no client sees an error.
func TestTwoReplicas(t *testing.T) {
	neo4jtest.Open(t)
	// Rate-limit state is per process (docs/scaling.md): with a limit, a
	// client would get N replicas times its allowance. This load is
	// above one client's allowance, so the limit is off here.
	t.Setenv("WHOSAID_API_RATE_LIMIT", "0")
	baseA, stopA := cliServe(t, "--log-level", "warn")
	baseB, _ := cliServe(t, "--log-level", "warn")
	var backends []*url.URL
	for _, b := range []string{baseA, baseB} {
		u, err := url.Parse(b)
		if err != nil {
			t.Fatal(err)
		}
		backends = append(backends, u)
	}
	var next atomic.Uint64
	served := make([]atomic.Int64, len(backends))
	transport := &http.Transport{DisableKeepAlives: true}
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := int(next.Add(1))
		for k := range backends {
			i := (start + k) % len(backends)
			req := r.Clone(r.Context())
			req.RequestURI = ""
			req.URL.Scheme, req.URL.Host = backends[i].Scheme, backends[i].Host
			resp, err := transport.RoundTrip(req)
			if errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, io.EOF) {
				// that replica is gone: try the next (a connection still in
				// the kernel's accept queue when the listener closes is
				// reset before any byte of a response, so a load balancer
				// retries an idempotent GET on it too, as nginx's
				// proxy_next_upstream error does)
				continue
			}
			if err != nil {
				http.Error(w, err.Error(), http.StatusBadGateway)
				return
			}
			served[i].Add(1)
			w.WriteHeader(resp.StatusCode)
			_, _ = io.Copy(w, resp.Body)
			resp.Body.Close()
			return
		}
		http.Error(w, "no replica", http.StatusBadGateway)
	}))
	defer proxy.Close()

	get := func() error {
		resp, err := http.Get(proxy.URL + "/api/v1/entities?q=minister&limit=1")
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		_, _ = io.Copy(io.Discard, resp.Body)
		if resp.StatusCode != http.StatusOK {
			return errors.New(resp.Status)
		}
		return nil
	}
	waitReady(t, baseA)
	waitReady(t, baseB)

	var wg sync.WaitGroup
	var failures atomic.Int64
	var firstErr atomic.Value
	stop := make(chan struct{})
	for range 4 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				if err := get(); err != nil {
					failures.Add(1)
					firstErr.CompareAndSwap(nil, err)
				}
			}
		})
	}
	time.Sleep(500 * time.Millisecond)
	beforeA := served[0].Load()
	if err := stopA(); err != nil {
		t.Errorf("replica A stopped with %v", err)
	}
	afterB := served[1].Load()
	time.Sleep(500 * time.Millisecond)
	close(stop)
	wg.Wait()
	if failures.Load() > 0 {
		t.Errorf("%d client errors (first: %v) while a replica stopped", failures.Load(), firstErr.Load())
	}
	if beforeA == 0 || served[1].Load() == 0 {
		t.Errorf("both replicas should have answered: A %d, B %d", beforeA, served[1].Load())
	}
	if served[1].Load() <= afterB {
		t.Errorf("replica B served nothing after A stopped")
	}
	if _, err := net.Dial("tcp", backends[0].Host); err == nil {
		t.Errorf("replica A still listens after its graceful stop")
	}
}

func waitReady(t *testing.T, base string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get(base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s not ready after 60 s", base)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
