package api

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	json "github.com/goccy/go-json"

	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/ingest/extract"
	"github.com/whosaid/whosaid/queries"
)

// openAPISpec is the OpenAPI 3.1 description of /api/v1, served as is.
//
//go:embed openapi.json
var openAPISpec []byte

// Per-route query budgets. The effective timeout is the smaller of the
// budget and http.query_timeout; the context carries it to Neo4j as the
// transaction timeout, so Neo4j stops a query the client stopped waiting for.
const (
	budgetLookup = 5 * time.Second  // one entity, statement or document
	budgetList   = 10 * time.Second // pages of statements, entities, documents
	budgetGraph  = 30 * time.Second // network and paths traverse more
	budgetWrite  = 60 * time.Second // ingest and delete of one document
)

// v1 holds what the researchers' API handlers share.
type v1 struct {
	s       *Server
	metrics *metrics
	extract *extract.Extractor
	// bufs holds response buffers (*bytes.Buffer) between requests.
	bufs sync.Pool
}

// registerV1 adds the researchers' API under /api/v1 and /metrics at the
// root (s.engine is set before the register functions run). Handlers only parse
// parameters, call one function of package queries (or the store for
// writes) and write its result; every error goes through s.fail.
func (s *Server) registerV1(g *gin.RouterGroup) {
	h := &v1{s: s, metrics: newMetrics(), extract: s.extractor}
	g.Use(h.metrics.instrument())

	g.GET("/openapi.json", h.openAPI)
	// Prometheus scrapes /metrics at the root, outside the API's rate
	// limit; it reports the API routes instrumented below.
	s.engine.GET("/metrics", h.metrics.handler())

	g.GET("/entities", h.searchEntities)
	g.GET("/entities/:id", h.entity)
	g.GET("/entities/:id/statements", h.speakerHistory)
	g.GET("/entities/:id/mentioned-by", h.mentionedBy)
	g.GET("/entities/:id/network", h.network)
	g.GET("/entities/:id/summary", h.speakerSummary)
	g.GET("/statements", h.searchStatements)
	g.GET("/statements/:id", h.statement)
	g.GET("/statements/:id/reports", h.statementReports)
	g.GET("/quotes", h.quotes)
	g.GET("/quotes/:id", h.quote)
	g.GET("/paths", h.paths)
	g.GET("/documents", h.documents)
	g.GET("/documents/:id", h.document)
	g.GET("/overview", h.overview)

	g.POST("/cypher", s.RequireAPIKey(), h.cypher)
	g.POST("/documents", s.RequireAPIKey(), h.ingest)
	g.DELETE("/documents/:id", s.RequireAPIKey(), h.deleteDocument)
}

func (h *v1) openAPI(c *gin.Context) {
	c.Data(200, "application/json", openAPISpec)
}

// queries returns the read queries on the current store, with a context
// bounded by the route's budget; it fails the request (503) while Neo4j is
// not available.
func (h *v1) queries(c *gin.Context, budget time.Duration) (*queries.Queries, context.Context, context.CancelFunc, bool) {
	st, err := h.s.Store()
	if err != nil {
		h.s.fail(c, err)
		return nil, nil, nil, false
	}
	ctx, cancel := h.context(c, budget)
	return queries.New(st, queries.Options{Observe: h.metrics.observeQuery}), ctx, cancel, true
}

func (h *v1) context(c *gin.Context, budget time.Duration) (context.Context, context.CancelFunc) {
	if t := h.s.cfg.HTTP.QueryTimeout; t > 0 && t < budget {
		budget = t
	}
	return context.WithTimeout(c.Request.Context(), budget)
}

// intParam reads an optional positive integer query parameter; absent
// means 0 (the query's default).
func intParam(c *gin.Context, name string) (int, error) {
	v, ok := c.GetQuery(name)
	if !ok {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, graph.FieldError(name, "must be a positive integer")
	}
	return n, nil
}

// intParams reads several integer parameters, stopping at the first error.
func intParams(c *gin.Context, names ...string) ([]int, error) {
	out := make([]int, len(names))
	for i, n := range names {
		v, err := intParam(c, n)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// maxPooledBuffer keeps a rare huge response (a big Cypher result) from
// pinning its buffer in the pool.
const maxPooledBuffer = 1 << 20

// respond writes v as JSON or fails with err. The body is encoded before
// anything is sent, so an encoding error is still a clean 500 and the
// response carries a Content-Length instead of being chunked. goccy/go-json
// writes the same bytes as encoding/json for these types in about half the
// time (a page of 50 statements: 36 instead of 68 µs), the largest single
// cost the API adds to a query; encoding into a reused buffer instead of a
// new slice saves another quarter and the page-sized garbage.
func (h *v1) respond(c *gin.Context, v any, err error) {
	if err != nil {
		h.s.fail(c, err)
		return
	}
	buf, _ := h.bufs.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	buf.Reset()
	defer func() {
		if buf.Cap() <= maxPooledBuffer {
			h.bufs.Put(buf)
		}
	}()
	if err := json.NewEncoder(buf).Encode(v); err != nil {
		h.s.fail(c, fmt.Errorf("encode response: %w", err))
		return
	}
	// Encode ends the value with a newline, which Marshal does not; c.Data
	// has written the bytes before the buffer goes back to the pool.
	c.Data(200, "application/json; charset=utf-8", bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
}
