package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/google/go-cmp/cmp"

	"github.com/whosaid/whosaid/config"
	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/graph/store"
	"github.com/whosaid/whosaid/internal/neo4jtest"
)

func TestMain(m *testing.M) {
	gin.SetMode(gin.TestMode)
	os.Exit(m.Run())
}

const testKey = "test-key-0123456789abcdef"

func testConfig() config.Config {
	c := config.Default()
	c.API.Keys = []string{testKey, "other-key-0123456789abcdef"}
	return c
}

type response struct {
	*httptest.ResponseRecorder
}

func (r response) problem(t *testing.T) Problem {
	t.Helper()
	if ct := r.Header().Get("Content-Type"); ct != ProblemContentType {
		t.Fatalf("Content-Type = %q, want %q; body %s", ct, ProblemContentType, r.Body)
	}
	var p Problem
	if err := json.Unmarshal(r.Body.Bytes(), &p); err != nil {
		t.Fatalf("problem body %s: %v", r.Body, err)
	}
	return p
}

func do(s *Server, req *http.Request) response {
	w := httptest.NewRecorder()
	s.Handler().ServeHTTP(w, req)
	return response{w}
}

func get(s *Server, path string) response {
	return do(s, httptest.NewRequest(http.MethodGet, path, nil))
}

func TestHealthz(t *testing.T) {
	s := New(testConfig(), nil, nil)
	w := get(s, "/healthz")
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"status":"ok"`) {
		t.Errorf("healthz: %d %s", w.Code, w.Body)
	}
	if !validRequestID(w.Header().Get(HeaderRequestID)) {
		t.Errorf("no request id in response: %q", w.Header().Get(HeaderRequestID))
	}
}

func TestReadyzNotReady(t *testing.T) {
	s := New(testConfig(), nil, nil)
	s.SetNotReady("neo4j is not reachable")
	w := get(s, "/readyz")
	if w.Code != http.StatusServiceUnavailable {
		t.Fatalf("status %d, want 503", w.Code)
	}
	if w.Header().Get("Retry-After") == "" {
		t.Error("no Retry-After")
	}
	var h Health
	if err := json.Unmarshal(w.Body.Bytes(), &h); err != nil {
		t.Fatal(err)
	}
	if h.Status != "unavailable" || !strings.Contains(h.Reason, "neo4j is not reachable") || h.RetryAfter == 0 {
		t.Errorf("body %+v", h)
	}
}

// TestReadyzWrongURI: a store whose server does not exist (nothing listens
// on port 1) is not ready, and the reason does not leak the address.
func TestReadyzWrongURI(t *testing.T) {
	st, err := store.New(store.Options{URI: "bolt://127.0.0.1:1", Username: "neo4j", Password: "x"})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close(context.Background())
	s := New(testConfig(), st, nil)
	w := get(s, "/readyz")
	if w.Code != http.StatusServiceUnavailable {
		t.Fatalf("status %d, want 503: %s", w.Code, w.Body)
	}
	if strings.Contains(w.Body.String(), "127.0.0.1") {
		t.Errorf("reason leaks the address: %s", w.Body)
	}
	if w.Header().Get("Retry-After") != "5" {
		t.Errorf("Retry-After = %q", w.Header().Get("Retry-After"))
	}
}

func TestReadyzIntegration(t *testing.T) {
	st := neo4jtest.Open(t)
	s := New(testConfig(), st, nil)
	w := get(s, "/readyz")
	if w.Code != http.StatusOK {
		t.Fatalf("status %d, want 200: %s", w.Code, w.Body)
	}
	var h Health
	if err := json.Unmarshal(w.Body.Bytes(), &h); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(Health{Status: "ready", SchemaVersion: store.SchemaVersion()}, h); diff != "" {
		t.Errorf("readyz body (-want +got):\n%s", diff)
	}
}

func TestFail(t *testing.T) {
	tests := []struct {
		name       string
		err        error
		status     int
		code       string
		field      string
		detail     string // substring; "" = any
		retryAfter string
	}{
		{"invalid", graph.FieldError("limit", "must be between 1 and 100"), 400, graph.EINVALID, "limit", "must be between 1 and 100", ""},
		{"unauth", graph.Errorf(graph.EUNAUTH, "no key"), 401, graph.EUNAUTH, "", "no key", ""},
		{"forbidden", graph.Errorf(graph.EFORBIDDEN, "writes are not allowed"), 403, graph.EFORBIDDEN, "", "writes", ""},
		{"not found", fmt.Errorf("entity x: %w", graph.Errorf(graph.ENOTFOUND, "no entity x")), 404, graph.ENOTFOUND, "", "no entity x", ""},
		{"too large", graph.Errorf(graph.ETOOLARGE, "too big"), 413, graph.ETOOLARGE, "", "too big", ""},
		{"max bytes", &http.MaxBytesError{Limit: 10}, 413, graph.ETOOLARGE, "", "10 bytes", ""},
		{"rate limited", &retryAfterError{err: graph.Errorf(CodeRateLimited, "slow down"), seconds: 3}, 429, CodeRateLimited, "", "slow down", "3"},
		{"unavailable", graph.Errorf(graph.EUNAVAILABLE, "neo4j is not reachable"), 503, graph.EUNAVAILABLE, "", "not reachable", "5"},
		{"timeout", graph.Errorf(graph.ETIMEOUT, "query exceeded its time limit"), 504, graph.ETIMEOUT, "", "time limit", ""},
		{"deadline", fmt.Errorf("run query: %w", context.DeadlineExceeded), 504, graph.ETIMEOUT, "", "time limit", ""},
		{"bad json", json.Unmarshal([]byte("{"), &struct{}{}), 400, graph.EINVALID, "body", "malformed JSON", ""},
		{"json type", json.Unmarshal([]byte(`{"limit":"x"}`), &struct {
			Limit int `json:"limit"`
		}{}), 400, graph.EINVALID, "limit", "wrong JSON type", ""},
		{"empty body", json.NewDecoder(strings.NewReader("")).Decode(&struct{}{}), 400, graph.EINVALID, "body", "empty", ""},
		{"binding rule", bindErr(), 400, graph.EINVALID, "Limit", "max", ""},
		{"internal", errors.New("secret driver detail at 10.0.0.1"), 500, graph.EINTERNAL, "", "internal error", ""},
		{"unknown code", graph.Errorf("weird", "x"), 500, graph.EINTERNAL, "", "internal error", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logBuf bytes.Buffer
			s := New(testConfig(), nil, slog.New(slog.NewTextHandler(&logBuf, &slog.HandlerOptions{Level: slog.LevelDebug})))
			s.engine.GET("/test/fail", func(c *gin.Context) { s.fail(c, tt.err) })
			w := get(s, "/test/fail")
			if w.Code != tt.status {
				t.Fatalf("status %d, want %d", w.Code, tt.status)
			}
			p := w.problem(t)
			if p.Status != tt.status || p.Code != tt.code || p.Field != tt.field || p.Title == "" ||
				p.Type != "urn:whosaid:problem:"+tt.code || !strings.Contains(p.Detail, tt.detail) {
				t.Errorf("problem %+v", p)
			}
			if p.RequestID == "" || p.RequestID != w.Header().Get(HeaderRequestID) {
				t.Errorf("request_id %q, header %q", p.RequestID, w.Header().Get(HeaderRequestID))
			}
			if got := w.Header().Get("Retry-After"); got != tt.retryAfter {
				t.Errorf("Retry-After = %q, want %q", got, tt.retryAfter)
			}
			if strings.Contains(w.Body.String(), "10.0.0.1") {
				t.Errorf("internal detail leaked: %s", w.Body)
			}
			if tt.status == 500 && !strings.Contains(logBuf.String(), "10.0.0.1") && tt.name == "internal" {
				t.Errorf("internal error not logged: %s", logBuf.String())
			}
		})
	}
}

func TestStoreNotReadyIs503(t *testing.T) {
	s := New(testConfig(), nil, nil)
	s.engine.GET("/test/data", func(c *gin.Context) {
		if _, err := s.Store(); err != nil {
			s.fail(c, err)
			return
		}
		c.Status(http.StatusOK)
	})
	w := get(s, "/test/data")
	if w.Code != http.StatusServiceUnavailable || w.problem(t).Code != graph.EUNAVAILABLE {
		t.Errorf("got %d %s", w.Code, w.Body)
	}
}

func TestNoRouteAndMethod(t *testing.T) {
	s := New(testConfig(), nil, nil)
	w := get(s, "/api/v1/nope")
	if w.Code != http.StatusNotFound || w.problem(t).Code != codeNoRoute {
		t.Errorf("no route: %d %s", w.Code, w.Body)
	}
	w = do(s, httptest.NewRequest(http.MethodPost, "/healthz", nil))
	if w.Code != http.StatusMethodNotAllowed || w.problem(t).Code != codeNoMethod {
		t.Errorf("no method: %d %s", w.Code, w.Body)
	}
}

func TestRecovery(t *testing.T) {
	var logBuf bytes.Buffer
	s := New(testConfig(), nil, slog.New(slog.NewTextHandler(&logBuf, nil)))
	s.engine.GET("/test/panic", func(c *gin.Context) { panic("boom") })
	w := get(s, "/test/panic")
	if w.Code != http.StatusInternalServerError || w.problem(t).Code != graph.EINTERNAL {
		t.Errorf("got %d %s", w.Code, w.Body)
	}
	if strings.Contains(w.Body.String(), "boom") {
		t.Error("panic value leaked to client")
	}
	log := logBuf.String()
	if !strings.Contains(log, "boom") || !strings.Contains(log, "status=500") {
		t.Errorf("log lacks the panic or the access line:\n%s", log)
	}
}

func TestRequestID(t *testing.T) {
	s := New(testConfig(), nil, nil)
	for _, tt := range []struct{ in, want string }{
		{"abc-123_X.y", "abc-123_X.y"},
		{"has space", ""},
		{strings.Repeat("a", 65), ""},
		{"", ""},
	} {
		req := httptest.NewRequest(http.MethodGet, "/healthz", nil)
		if tt.in != "" {
			req.Header.Set(HeaderRequestID, tt.in)
		}
		got := do(s, req).Header().Get(HeaderRequestID)
		if tt.want != "" && got != tt.want || tt.want == "" && (got == tt.in || !validRequestID(got)) {
			t.Errorf("in %q: got %q", tt.in, got)
		}
	}
}

func TestBodyLimit(t *testing.T) {
	c := testConfig()
	c.HTTP.BodyLimit = 16
	s := New(c, nil, nil)
	s.engine.POST("/test/body", func(c *gin.Context) {
		if _, err := io.ReadAll(c.Request.Body); err != nil {
			s.fail(c, err)
			return
		}
		c.Status(http.StatusNoContent)
	})
	// Declared too large: refused before the handler runs.
	w := do(s, httptest.NewRequest(http.MethodPost, "/test/body", strings.NewReader(strings.Repeat("x", 17))))
	if w.Code != http.StatusRequestEntityTooLarge || w.problem(t).Code != graph.ETOOLARGE {
		t.Errorf("declared: %d %s", w.Code, w.Body)
	}
	// Undeclared (chunked): refused when the handler reads past the limit.
	req := httptest.NewRequest(http.MethodPost, "/test/body", io.MultiReader(strings.NewReader(strings.Repeat("x", 17))))
	req.ContentLength = -1
	w = do(s, req)
	if w.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("chunked: %d %s", w.Code, w.Body)
	}
	w = do(s, httptest.NewRequest(http.MethodPost, "/test/body", strings.NewReader("small")))
	if w.Code != http.StatusNoContent {
		t.Errorf("small: %d %s", w.Code, w.Body)
	}
}

func TestCORS(t *testing.T) {
	preflight := func(s *Server, origin string) response {
		req := httptest.NewRequest(http.MethodOptions, "/api/v1/entities", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "GET")
		return do(s, req)
	}
	c := testConfig()
	c.HTTP.CORSOrigins = []string{"https://ok.example"}
	s := New(c, nil, nil)
	w := preflight(s, "https://ok.example")
	if w.Code != http.StatusNoContent || w.Header().Get("Access-Control-Allow-Origin") != "https://ok.example" ||
		!strings.Contains(w.Header().Get("Access-Control-Allow-Headers"), "X-API-Key") {
		t.Errorf("allowed preflight: %d %v", w.Code, w.Header())
	}
	if w := preflight(s, "https://evil.example"); w.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("disallowed origin got %v", w.Header())
	}
	req := httptest.NewRequest(http.MethodGet, "/healthz", nil)
	req.Header.Set("Origin", "https://ok.example")
	if w := do(s, req); w.Header().Get("Access-Control-Allow-Origin") != "https://ok.example" || w.Code != 200 {
		t.Errorf("simple request: %d %v", w.Code, w.Header())
	}

	c.HTTP.CORSOrigins = []string{"*"}
	if w := preflight(New(c, nil, nil), "https://any.example"); w.Header().Get("Access-Control-Allow-Origin") != "*" {
		t.Errorf("wildcard: %v", w.Header())
	}
	c.HTTP.CORSOrigins = nil
	if w := preflight(New(c, nil, nil), "https://any.example"); w.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("CORS off: %v", w.Header())
	}
}

func TestRequireAPIKey(t *testing.T) {
	tests := []struct {
		name   string
		keys   []string
		header map[string]string
		status int
	}{
		{"bearer", nil, map[string]string{"Authorization": "Bearer " + testKey}, 200},
		{"bearer lower-case scheme", nil, map[string]string{"Authorization": "bearer " + testKey}, 200},
		{"x-api-key second key", nil, map[string]string{"X-API-Key": "other-key-0123456789abcdef"}, 200},
		{"missing", nil, nil, 401},
		{"wrong", nil, map[string]string{"X-API-Key": "wrong-key-0123456789abcdef"}, 401},
		{"prefix of a key", nil, map[string]string{"X-API-Key": testKey[:10]}, 401},
		{"basic auth", nil, map[string]string{"Authorization": "Basic " + testKey}, 401},
		{"no keys configured", []string{}, map[string]string{"X-API-Key": testKey}, 403},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := testConfig()
			if tt.keys != nil {
				c.API.Keys = tt.keys
			}
			s := New(c, nil, nil)
			s.engine.POST("/test/secret", s.RequireAPIKey(), func(c *gin.Context) { c.Status(http.StatusOK) })
			req := httptest.NewRequest(http.MethodPost, "/test/secret", nil)
			for k, v := range tt.header {
				req.Header.Set(k, v)
			}
			w := do(s, req)
			if w.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tt.status, w.Body)
			}
			if tt.status != 200 {
				w.problem(t)
			}
			if tt.status == 401 && w.Header().Get("WWW-Authenticate") == "" {
				t.Error("401 without WWW-Authenticate")
			}
		})
	}
}

func TestRateLimit(t *testing.T) {
	c := testConfig()
	c.API.RateLimit = 0.5 // one token every 2 s: nothing refills during the test
	c.API.RateBurst = 2
	s := New(c, nil, nil)
	s.engine.GET("/test/limited", s.RateLimit(), func(c *gin.Context) { c.Status(http.StatusOK) })
	call := func(remote, key string) response {
		req := httptest.NewRequest(http.MethodGet, "/test/limited", nil)
		req.RemoteAddr = remote
		if key != "" {
			req.Header.Set("X-API-Key", key)
		}
		return do(s, req)
	}
	for i := range 2 {
		if w := call("192.0.2.1:1000", ""); w.Code != 200 {
			t.Fatalf("request %d: %d", i, w.Code)
		}
	}
	w := call("192.0.2.1:1001", "")
	if w.Code != http.StatusTooManyRequests || w.problem(t).Code != CodeRateLimited {
		t.Fatalf("third request: %d %s", w.Code, w.Body)
	}
	if ra := w.Header().Get("Retry-After"); ra != "2" {
		t.Errorf("Retry-After = %q, want 2", ra)
	}
	// Another client IP and a valid key each have their own bucket; an
	// invalid key counts against the IP.
	if w := call("192.0.2.2:1000", ""); w.Code != 200 {
		t.Errorf("other IP: %d", w.Code)
	}
	if w := call("192.0.2.1:1000", testKey); w.Code != 200 {
		t.Errorf("with key: %d", w.Code)
	}
	if w := call("192.0.2.1:1000", "not-a-real-key-0123456789"); w.Code != 429 {
		t.Errorf("invalid key: %d", w.Code)
	}
	// X-Forwarded-For is ignored without trusted proxies.
	req := httptest.NewRequest(http.MethodGet, "/test/limited", nil)
	req.RemoteAddr = "192.0.2.1:1000"
	req.Header.Set("X-Forwarded-For", "198.51.100.7")
	if w := do(s, req); w.Code != 429 {
		t.Errorf("spoofed X-Forwarded-For escaped the limit: %d", w.Code)
	}

	c.API.RateLimit = 0
	off := New(c, nil, nil)
	off.engine.GET("/test/limited", off.RateLimit(), func(c *gin.Context) { c.Status(http.StatusOK) })
	for range 100 {
		if w := get(off, "/test/limited"); w.Code != 200 {
			t.Fatalf("rate limit 0 limited: %d", w.Code)
		}
	}
}

func TestRateLimiterSweeps(t *testing.T) {
	l := newRateLimiter(1, 1, nil)
	now := time.Now()
	l.allow("a", now)
	l.allow("b", now)
	later := now.Add(bucketIdle + sweepInterval + time.Second)
	if ok, _ := l.allow("c", later); !ok {
		t.Error("new client refused")
	}
	if len(l.buckets) != 1 {
		t.Errorf("%d buckets after sweep, want 1", len(l.buckets))
	}
	if ok, _ := l.allow("a", later); !ok {
		t.Error("refilled client refused")
	}
}

func TestAccessLog(t *testing.T) {
	var logBuf bytes.Buffer
	s := New(testConfig(), nil, slog.New(slog.NewJSONHandler(&logBuf, nil)))
	logBuf.Reset() // start-up notes (e.g. no web bundle embedded) are not access logs
	req := httptest.NewRequest(http.MethodGet, "/api/v1/missing", nil)
	req.Header.Set(HeaderRequestID, "trace-me")
	do(s, req)
	var line map[string]any
	if err := json.Unmarshal(logBuf.Bytes(), &line); err != nil {
		t.Fatalf("log %q: %v", logBuf.String(), err)
	}
	if line["request_id"] != "trace-me" || line["status"] != float64(404) || line["path"] != "/api/v1/missing" || line["method"] != "GET" {
		t.Errorf("access log line %v", line)
	}
	// Probes stay out of an info-level log.
	logBuf.Reset()
	get(s, "/healthz")
	if w := get(s, "/readyz"); w.Code != http.StatusServiceUnavailable {
		t.Fatalf("readyz without store: %d", w.Code)
	}
	if logBuf.Len() != 0 {
		t.Errorf("probes logged at info: %s", logBuf.String())
	}
}

// bindErr is the error gin's binding returns for a struct rule violation.
func bindErr() error {
	var v struct {
		Limit int `json:"limit" binding:"max=10"`
	}
	c, _ := gin.CreateTestContext(httptest.NewRecorder())
	c.Request = httptest.NewRequest(http.MethodPost, "/", strings.NewReader(`{"limit": 11}`))
	c.Request.Header.Set("Content-Type", "application/json")
	return c.ShouldBindJSON(&v)
}
