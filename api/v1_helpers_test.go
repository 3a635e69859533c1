package api

import (
	"io"
	"net/http/httptest"
	"strings"
	"testing"
)

// v1Do sends one request to s with an optional JSON body and API key.
func v1Do(s *Server, method, target string, body io.Reader, key string) response {
	req := httptest.NewRequest(method, target, body)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	req.RemoteAddr = "192.0.2.1:1234"
	w := httptest.NewRecorder()
	s.Handler().ServeHTTP(w, req)
	return response{w}
}

func httptestRecorder(code int, ct, body string) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	w.Header().Set("Content-Type", ct)
	w.WriteHeader(code)
	_, _ = io.Copy(w, strings.NewReader(body))
	return w
}

// fakeT records failures instead of failing the test, to test helpers.
type fakeT struct {
	testing.TB
	failed bool
}

func (f *fakeT) Errorf(string, ...any) { f.failed = true }
func (f *fakeT) Fatalf(string, ...any) { f.failed = true }
func (f *fakeT) Helper()               {}
