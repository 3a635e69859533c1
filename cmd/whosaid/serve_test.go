package main

import (
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/whosaid/whosaid/internal/neo4jtest"
)

// cliServe starts `whosaid serve` on a free port and returns its base URL
// and a function that stops it (as SIGTERM would) and returns its error.
func cliServe(t *testing.T, args ...string) (base string, stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var out, errOut syncBuffer
	cmd := newRootCmd()
	cmd.SetArgs(append([]string{"serve", "--addr", "127.0.0.1:0"}, args...))
	cmd.SetOut(&out)
	cmd.SetErr(&errOut)
	done := make(chan error, 1)
	go func() { done <- cmd.ExecuteContext(ctx) }()

	urlRE := regexp.MustCompile(`listening on (http://\S+)`)
	deadline := time.Now().Add(10 * time.Second)
	for {
		if m := urlRE.FindStringSubmatch(out.String()); m != nil {
			base = m[1]
			break
		}
		select {
		case err := <-done:
			cancel()
			t.Fatalf("serve exited early: %v\nstderr: %s", err, errOut.String())
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("serve printed no URL:\n%s\nstderr: %s", out.String(), errOut.String())
		}
	}
	stopped := false
	stop = func() error {
		if stopped {
			return nil
		}
		stopped = true
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(20 * time.Second):
			t.Fatal("serve did not stop within 20 s of cancellation")
			return nil
		}
	}
	t.Cleanup(func() { _ = stop() })
	for _, want := range []string{base + "/healthz", base + "/readyz", base + "/api/v1/"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("serve did not print %s:\n%s", want, out.String())
		}
	}
	return base, stop
}

func httpGet(t *testing.T, url string) (*http.Response, map[string]any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&body)
	return resp, body
}

// TestServeWithoutNeo4j: with nothing listening at the Neo4j URI, serve
// still starts, is alive but not ready, and stops cleanly on cancellation.
func TestServeWithoutNeo4j(t *testing.T) {
	cliClearEnv(t)
	base, stop := cliServe(t, "--neo4j-uri", "bolt://127.0.0.1:1", "--log-level", "error")
	if resp, _ := httpGet(t, base+"/healthz"); resp.StatusCode != http.StatusOK {
		t.Errorf("healthz: %d", resp.StatusCode)
	}
	resp, body := httpGet(t, base+"/readyz")
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" || body["status"] != "unavailable" || body["reason"] == "" {
		t.Errorf("readyz: %d %v %v", resp.StatusCode, resp.Header, body)
	}
	if resp.Header.Get("X-Request-ID") == "" {
		t.Error("no X-Request-ID")
	}
	if err := stop(); err != nil {
		t.Errorf("serve returned %v after cancellation", err)
	}
}

// TestServeIntegration: with Neo4j up, serve connects and migrates in the
// background and becomes ready.
func TestServeIntegration(t *testing.T) {
	neo4jtest.Open(t) // skips without WHOSAID_NEO4J_URI; the CLI reads the same variables
	base, stop := cliServe(t, "--log-level", "warn")
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, body := httpGet(t, base+"/readyz")
		if resp.StatusCode == http.StatusOK {
			if body["status"] != "ready" {
				t.Errorf("readyz body %v", body)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("not ready after 60 s: %d %v", resp.StatusCode, body)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err := stop(); err != nil {
		t.Errorf("serve returned %v after cancellation", err)
	}
}
