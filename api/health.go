package api

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/graph/store"
)

// readyzTimeout bounds the Neo4j round trips of one readiness probe, well
// below the probe intervals orchestrators use.
const readyzTimeout = 3 * time.Second

var errSchemaOld = errors.New("graph schema is older than this build (run `whosaid migrate`)")

// Health is the body of /healthz and /readyz.
type Health struct {
	Status        string `json:"status"` // "ok", "ready" or "unavailable"
	Reason        string `json:"reason,omitempty"`
	SchemaVersion int    `json:"schema_version,omitempty"`
	RetryAfter    int    `json:"retry_after,omitempty"` // seconds
}

// handleHealthz says the process is up; it never touches Neo4j, so an
// orchestrator does not restart whosaid because the database is down.
func (s *Server) handleHealthz(c *gin.Context) {
	c.JSON(http.StatusOK, Health{Status: "ok"})
}

// handleReadyz says whether whosaid can answer queries: Neo4j reachable
// with our credentials and every migration of this build applied.
//
// While the store's health check finds Neo4j unreachable it answers 503 at
// once with the reason and since when, without asking Neo4j itself; a failed
// ping makes the health check look at once.
func (s *Server) handleReadyz(c *gin.Context) {
	st, err := s.Store()
	if err != nil {
		s.notReady(c, graph.ErrorCode(err), err)
		return
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), readyzTimeout)
	defer cancel()
	if err := st.Ping(ctx); err != nil {
		st.ReportError(err)
		s.notReady(c, "neo4j", err)
		return
	}
	current, err := st.SchemaCurrent(ctx)
	if err != nil {
		s.notReady(c, "schema", err)
		return
	}
	if !current {
		s.notReady(c, "schema", errSchemaOld)
		return
	}
	c.JSON(http.StatusOK, Health{Status: "ready", SchemaVersion: store.SchemaVersion()})
}

// notReady answers 503 with a reason safe to show: the domain message of a
// graph.Error, never a driver error that may name internal addresses.
func (s *Server) notReady(c *gin.Context, what string, err error) {
	reason := what + " check failed"
	var ge *graph.Error
	switch {
	case errors.As(err, &ge):
		reason = ge.Message
	case errors.Is(err, errSchemaOld):
		reason = err.Error()
	}
	retry := retryAfterUnavailable
	var ra *retryAfterError
	if errors.As(err, &ra) {
		retry = ra.seconds
	}
	s.log.DebugContext(c.Request.Context(), "not ready", "request_id", RequestID(c), "err", err)
	c.Header("Retry-After", strconv.Itoa(retry))
	c.JSON(http.StatusServiceUnavailable, Health{Status: "unavailable", Reason: reason, RetryAfter: retry})
}
