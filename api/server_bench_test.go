package api

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"
)

// BenchmarkMiddleware measures what the shared middleware (request id,
// access log, recovery, CORS, body limit, rate limiter, API key check)
// adds to every request, against a handler that does nothing, so that the
// API's overhead over the raw driver can be attributed.
func BenchmarkMiddleware(b *testing.B) {
	cfg := testConfig()
	cfg.API.RateLimit = 1e9 // never refuse: measure the bookkeeping only
	cfg.API.RateBurst = 1 << 30
	cfg.HTTP.CORSOrigins = []string{"https://ok.example"}
	s := New(cfg, nil, nil) // discarding logger: formatting is measured, writing is not
	noop := func(c *gin.Context) { c.Status(http.StatusNoContent) }
	s.engine.GET("/bench/plain", noop)
	s.engine.GET("/bench/limited", s.RateLimit(), noop)
	s.engine.GET("/bench/keyed", s.RateLimit(), s.RequireAPIKey(), noop)
	for _, path := range []string{"/bench/plain", "/bench/limited", "/bench/keyed"} {
		b.Run(path[len("/bench/"):], func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, path, nil)
			req.Header.Set("Origin", "https://ok.example")
			req.Header.Set("X-API-Key", testKey)
			b.ReportAllocs()
			for b.Loop() {
				w := httptest.NewRecorder()
				s.Handler().ServeHTTP(w, req)
				if w.Code != http.StatusNoContent {
					b.Fatalf("status %d", w.Code)
				}
			}
		})
	}
}
