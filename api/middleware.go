package api

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"golang.org/x/time/rate"

	"github.com/whosaid/whosaid/graph"
)

// Keys under which middleware stores values in the gin context.
const (
	ctxRequestID = "whosaid.request_id"
	ctxAPIKey    = "whosaid.api_key" // index of the matched key, for rate limiting
)

// HeaderRequestID carries the request id in and out.
const HeaderRequestID = "X-Request-ID"

// RequestID returns the id of the request, as set by the request-id
// middleware.
func RequestID(c *gin.Context) string { return c.GetString(ctxRequestID) }

// requestID accepts a caller's X-Request-ID when it is short and plain (it
// ends up in logs), else makes one, and echoes it in the response.
func requestID() gin.HandlerFunc {
	return func(c *gin.Context) {
		id := c.GetHeader(HeaderRequestID)
		if !validRequestID(id) {
			var b [12]byte
			_, _ = rand.Read(b[:])
			id = hex.EncodeToString(b[:])
		}
		c.Set(ctxRequestID, id)
		c.Header(HeaderRequestID, id)
		c.Next()
	}
}

func validRequestID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			return false
		}
	}
	return true
}

// recovery turns a panic into a logged stack and a problem+json 500.
func (s *Server) recovery() gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler { //nolint:errorlint // sentinel compared as net/http does
				panic(v)
			}
			s.log.ErrorContext(c.Request.Context(), "panic in handler", "request_id", RequestID(c),
				"panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			if c.Writer.Written() {
				c.Abort()
				return
			}
			writeProblem(c, problemFor(fmt.Errorf("panic: %v", v), RequestID(c)))
		}()
		c.Next()
	}
}

// accessLog logs one line per request. Probes are logged at debug level,
// whatever their status, so that an orchestrator polling /readyz does not
// drown the log.
func (s *Server) accessLog() gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		status := c.Writer.Status()
		level := slog.LevelInfo
		switch {
		case c.Request.URL.Path == "/healthz" || c.Request.URL.Path == "/readyz":
			level = slog.LevelDebug
		case status == http.StatusServiceUnavailable:
			level = slog.LevelWarn // Neo4j down: the reconnect loop already logs why
		case status >= 500:
			level = slog.LevelError
		}
		s.log.LogAttrs(c.Request.Context(), level, "request",
			slog.String("method", c.Request.Method),
			slog.String("path", c.Request.URL.Path),
			slog.String("route", c.FullPath()),
			slog.Int("status", status),
			slog.Int("bytes", max(c.Writer.Size(), 0)),
			slog.Duration("duration", time.Since(start)),
			slog.String("client", c.ClientIP()),
			slog.String("request_id", RequestID(c)),
		)
	}
}

// cors answers preflight requests and marks responses for the configured
// origins. With no origins configured it does nothing (same-origin only).
func cors(origins []string) gin.HandlerFunc {
	anyOrigin := slices.Contains(origins, "*")
	allowed := func(o string) bool {
		return anyOrigin || slices.ContainsFunc(origins, func(a string) bool { return strings.EqualFold(strings.TrimSuffix(a, "/"), o) })
	}
	return func(c *gin.Context) {
		origin := c.GetHeader("Origin")
		if len(origins) == 0 || origin == "" {
			c.Next()
			return
		}
		c.Header("Vary", "Origin")
		if !allowed(origin) {
			c.Next()
			return
		}
		if anyOrigin {
			c.Header("Access-Control-Allow-Origin", "*")
		} else {
			c.Header("Access-Control-Allow-Origin", origin)
		}
		c.Header("Access-Control-Expose-Headers", "X-Request-ID, Retry-After, Content-Disposition")
		if c.Request.Method == http.MethodOptions && c.GetHeader("Access-Control-Request-Method") != "" {
			c.Header("Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS")
			c.Header("Access-Control-Allow-Headers", "Authorization, Content-Type, X-API-Key, X-Request-ID")
			c.Header("Access-Control-Max-Age", "600")
			c.AbortWithStatus(http.StatusNoContent)
			return
		}
		c.Next()
	}
}

// bodyLimit refuses bodies above limit bytes: at once when Content-Length
// says so, else when a handler reads past the limit (s.fail maps the
// resulting *http.MaxBytesError to 413).
func (s *Server) bodyLimit(limit int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		if c.Request.ContentLength > limit {
			s.fail(c, graph.Errorf(graph.ETOOLARGE, "request body of %d bytes exceeds the limit of %d bytes", c.Request.ContentLength, limit))
			return
		}
		if c.Request.Body != nil && c.Request.Body != http.NoBody {
			c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, limit)
		}
		c.Next()
	}
}

// presentedKey returns the API key the request carries, from
// "Authorization: Bearer KEY" or "X-API-Key: KEY".
func presentedKey(r *http.Request) string {
	if auth := r.Header.Get("Authorization"); auth != "" {
		if scheme, tok, ok := strings.Cut(auth, " "); ok && strings.EqualFold(scheme, "Bearer") {
			return strings.TrimSpace(tok)
		}
	}
	return strings.TrimSpace(r.Header.Get("X-API-Key"))
}

// matchKey returns the index of the configured key equal to k, or -1. Keys
// are compared as SHA-256 digests in constant time, so neither a key's
// content nor its length leaks through timing, and every key is compared.
func matchKey(keys [][32]byte, k string) int {
	if k == "" {
		return -1
	}
	h := sha256.Sum256([]byte(k))
	found := -1
	for i, want := range keys {
		if subtle.ConstantTimeCompare(h[:], want[:]) == 1 {
			found = i
		}
	}
	return found
}

// RequireAPIKey returns middleware that lets a request through only with
// one of the configured api.keys (Authorization: Bearer or X-API-Key). With
// no keys configured the protected routes are closed (403), not open.
// Attach it to write and Cypher routes:
//
//	v1.POST("/cypher", s.RequireAPIKey(), s.handleCypher)
func (s *Server) RequireAPIKey() gin.HandlerFunc {
	return func(c *gin.Context) {
		if len(s.keys) == 0 {
			s.fail(c, graph.Errorf(graph.EFORBIDDEN, "this endpoint needs an API key and the server has none configured (api.keys / WHOSAID_API_KEYS)"))
			return
		}
		k := presentedKey(c.Request)
		if k == "" {
			c.Header("WWW-Authenticate", `Bearer realm="whosaid"`)
			s.fail(c, graph.Errorf(graph.EUNAUTH, "this endpoint needs an API key: send Authorization: Bearer <key> or X-API-Key: <key>"))
			return
		}
		i := matchKey(s.keys, k)
		if i < 0 {
			c.Header("WWW-Authenticate", `Bearer realm="whosaid", error="invalid_token"`)
			s.fail(c, graph.Errorf(graph.EUNAUTH, "unknown API key"))
			return
		}
		c.Set(ctxAPIKey, i)
		c.Next()
	}
}

// rateLimiter keeps one token bucket per client: a valid API key, else
// the client IP. Idle buckets are dropped so the map cannot grow without
// bound under many client addresses.
type rateLimiter struct {
	limit rate.Limit
	burst int
	keys  [][32]byte

	mu      sync.Mutex
	buckets map[string]*bucket
	swept   time.Time
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

const (
	bucketIdle    = 10 * time.Minute
	sweepInterval = time.Minute
)

func newRateLimiter(rps float64, burst int, keys [][32]byte) *rateLimiter {
	return &rateLimiter{limit: rate.Limit(rps), burst: burst, keys: keys, buckets: map[string]*bucket{}, swept: time.Now()}
}

// allow takes a token for client and otherwise says how long to wait.
func (l *rateLimiter) allow(client string, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.swept) > sweepInterval {
		for k, b := range l.buckets {
			if now.Sub(b.seen) > bucketIdle {
				delete(l.buckets, k)
			}
		}
		l.swept = now
	}
	b, ok := l.buckets[client]
	if !ok {
		b = &bucket{lim: rate.NewLimiter(l.limit, l.burst)}
		l.buckets[client] = b
	}
	b.seen = now
	r := b.lim.ReserveN(now, 1)
	if !r.OK() {
		return false, time.Second
	}
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return false, d
	}
	return true, 0
}

// RateLimit returns middleware applying api.rate_limit / api.rate_burst per
// API key (when the request carries a valid one) or per client IP. The
// server attaches it to /api/v1; it is a no-op when api.rate_limit is 0.
func (s *Server) RateLimit() gin.HandlerFunc {
	if s.limiter == nil {
		return func(c *gin.Context) { c.Next() }
	}
	return func(c *gin.Context) {
		client := "ip:" + c.ClientIP()
		if i := matchKey(s.limiter.keys, presentedKey(c.Request)); i >= 0 {
			client = "key:" + strconv.Itoa(i)
		}
		ok, wait := s.limiter.allow(client, time.Now())
		if !ok {
			secs := int(math.Ceil(wait.Seconds()))
			s.fail(c, &retryAfterError{err: graph.Errorf(CodeRateLimited, "rate limit of %g requests per second exceeded; retry in %d s", float64(s.limiter.limit), max(secs, 1)), seconds: secs})
			return
		}
		c.Next()
	}
}
