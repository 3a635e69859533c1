// Package api is whosaid's HTTP transport: a Gin engine with explicit
// middleware (request ids, recovery, access log, CORS, body limits, rate
// limits, API keys), health probes, the researchers' API under /api/v1, the
// export endpoints and the web explorer. Handlers only translate between
// HTTP and the queries/store packages; errors go through s.fail, the one
// place that maps error codes to HTTP statuses.
package api

import (
	"context"
	"crypto/sha256"
	"errors"
	"log/slog"
	"net/http"
	"sync"

	"github.com/gin-gonic/gin"

	"github.com/whosaid/whosaid/config"
	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/graph/store"
	"github.com/whosaid/whosaid/ingest/extract"
)

// GCPercent is the garbage-collection target (as GOGC) that whosaid serve
// sets for itself unless GOGC is set. The server's live heap is small and
// every request allocates a few hundred kilobytes that die with it (the
// records, the response); four times Go's default target collects a
// quarter as often, which measured 5–8% more requests per second on a
// 2-core machine shared with Neo4j, for a heap of some tens of megabytes.
const GCPercent = 400

// Server holds what handlers need: the configuration, the logger and the
// store, which may arrive after the server started (see SetStore).
type Server struct {
	cfg     config.Config
	log     *slog.Logger
	keys    [][32]byte // SHA-256 of api.keys, for constant-time comparison
	limiter *rateLimiter
	ready   readiness
	engine  *gin.Engine
	// extractor analyses articles posted to /api/v1/documents.
	extractor *extract.Extractor
}

// Option configures a Server.
type Option func(*Server)

// WithExtractor sets the extractor for POST /api/v1/documents; the default
// is extract.New with its defaults (the embedded gazetteer and boilerplate
// detection).
func WithExtractor(x *extract.Extractor) Option {
	return func(s *Server) { s.extractor = x }
}

// readiness holds the store once Neo4j is reachable and migrated, and the
// reason why not until then.
type readiness struct {
	mu     sync.RWMutex
	st     *store.Store
	reason string
}

// New builds the server. st may be nil when Neo4j is not reachable yet:
// the server then answers /readyz and data routes with 503 until SetStore
// is called. log may be nil.
func New(cfg config.Config, st *store.Store, log *slog.Logger, opts ...Option) *Server {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Server{cfg: cfg, log: log}
	for _, o := range opts {
		o(s)
	}
	if s.extractor == nil {
		s.extractor = extract.New(extract.Options{})
	}
	for _, k := range cfg.API.Keys {
		s.keys = append(s.keys, sha256.Sum256([]byte(k)))
	}
	if cfg.API.RateLimit > 0 {
		s.limiter = newRateLimiter(cfg.API.RateLimit, cfg.API.RateBurst, s.keys)
	}
	s.ready.reason = "connecting to neo4j"
	if st != nil {
		s.SetStore(st)
	}
	s.engine = s.routes()
	return s
}

// routes builds the engine. s.engine is set first so that the register
// functions may add top-level routes (e.g. /metrics) besides their group.
func (s *Server) routes() *gin.Engine {
	r := gin.New()
	s.engine = r
	r.HandleMethodNotAllowed = true
	r.ContextWithFallback = true
	// gin trusts every proxy by default; client IPs feed the rate limiter,
	// so only configured proxies may set them. Validated by config.
	if err := r.SetTrustedProxies(s.cfg.HTTP.TrustedProxies); err != nil {
		s.log.Warn("ignoring http.trusted_proxies", "err", err)
		_ = r.SetTrustedProxies(nil)
	}
	bodyLimit := s.cfg.HTTP.BodyLimit
	if bodyLimit <= 0 {
		bodyLimit = config.Default().HTTP.BodyLimit
	}
	// Order matters: the access log sits outside recovery so that it logs
	// the 500 a panic turns into, and both see the request id.
	r.Use(requestID(), s.accessLog(), s.recovery(), cors(s.cfg.HTTP.CORSOrigins), s.bodyLimit(bodyLimit))

	r.NoRoute(func(c *gin.Context) {
		s.fail(c, graph.Errorf(codeNoRoute, "no endpoint %s", c.Request.URL.Path))
	})
	r.NoMethod(func(c *gin.Context) {
		s.fail(c, graph.Errorf(codeNoMethod, "%s is not allowed on %s", c.Request.Method, c.Request.URL.Path))
	})

	r.GET("/healthz", s.handleHealthz)
	r.HEAD("/healthz", s.handleHealthz)
	r.GET("/readyz", s.handleReadyz)

	v1 := r.Group("/api/v1", s.RateLimit(), s.watchStore())
	s.registerV1(v1)
	s.registerExport(v1)
	// Last, so that the web explorer may replace NoRoute with its own
	// fallback (it should still call s.fail for /api/ paths).
	s.registerWeb(r)
	return r
}

// Handler is the server's HTTP handler.
func (s *Server) Handler() http.Handler { return s.engine }

// Config is the configuration the server was built with.
func (s *Server) Config() config.Config { return s.cfg }

// Logger is the server's logger.
func (s *Server) Logger() *slog.Logger { return s.log }

// Store returns the store, or an EUNAVAILABLE error (503 through s.fail)
// while Neo4j has not been reached and migrated yet, or while the store's
// health check finds it unreachable: then at once, without waiting for the
// driver, and with a Retry-After of the health check's pace.
func (s *Server) Store() (*store.Store, error) {
	st, reason := s.currentStore()
	if st == nil {
		return nil, graph.Errorf(graph.EUNAVAILABLE, "neo4j is not available yet (%s); the server keeps retrying", reason)
	}
	if err := st.Available(); err != nil {
		var ge *graph.Error
		if errors.As(err, &ge) {
			return nil, &retryAfterError{err: ge, seconds: retryAfterDown}
		}
		return nil, err
	}
	return st, nil
}

// currentStore is the store once set, whatever its health, and otherwise
// why not.
func (s *Server) currentStore() (*store.Store, string) {
	s.ready.mu.RLock()
	defer s.ready.mu.RUnlock()
	return s.ready.st, s.ready.reason
}

// SetStore makes a connected, migrated store available to handlers and
// starts its health check (store.StartHealthChecks), which CloseStore (or
// the store's Close) stops.
func (s *Server) SetStore(st *store.Store) {
	st.StartHealthChecks(0)
	s.ready.mu.Lock()
	defer s.ready.mu.Unlock()
	s.ready.st = st
	s.ready.reason = ""
}

// CloseStore closes the store, if one was set, whatever its health; the
// server must not serve requests afterwards.
func (s *Server) CloseStore(ctx context.Context) error {
	st, _ := s.currentStore()
	if st == nil {
		return nil
	}
	return st.Close(ctx)
}

// watchStore ties each API request to the store's health: when the health
// check marks Neo4j unavailable, the request's context is cancelled with
// that EUNAVAILABLE error as cause, so that a request already waiting on the
// driver answers 503 within a probe interval instead of waiting out its
// budget (s.fail reads the cause).
func (s *Server) watchStore() gin.HandlerFunc {
	return func(c *gin.Context) {
		st, _ := s.currentStore()
		if st == nil {
			c.Next()
			return
		}
		ctx, cancel := st.Watch(c.Request.Context())
		defer cancel()
		c.Request = c.Request.WithContext(ctx)
		c.Next()
	}
}

// SetNotReady records why the store is not available yet; /readyz reports
// it. The reason is shown to clients, so it must not carry secrets or
// internal addresses.
func (s *Server) SetNotReady(reason string) {
	s.ready.mu.Lock()
	defer s.ready.mu.Unlock()
	if s.ready.st == nil {
		s.ready.reason = reason
	}
}

// QueryContext derives the context of one API query from the request's,
// bounded by http.query_timeout. Handlers with their own limit (Cypher)
// use context.WithTimeout directly.
func (s *Server) QueryContext(c *gin.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(c.Request.Context(), s.cfg.HTTP.QueryTimeout)
}
