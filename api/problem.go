package api

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"
	"github.com/go-playground/validator/v10"

	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/graph/store"
)

// CodeRateLimited is the problem code of a request refused by the rate
// limiter. It is transport-specific, so it lives here and not in graph.
const CodeRateLimited = "rate_limited"

// Codes of requests that matched no route.
const (
	codeNoRoute  = "no_route"
	codeNoMethod = "method_not_allowed"
)

// ProblemContentType is the media type of error bodies (RFC 9457).
const ProblemContentType = "application/problem+json"

// retryAfterUnavailable is what clients are told to wait while whosaid
// has not reached Neo4j yet: the start-up reconnect retries at least this
// often at first.
const retryAfterUnavailable = 5

// retryAfterDown is what clients are told to wait when Neo4j stopped
// answering after start-up: the store's health check asks it every second
// (store.HealthInterval) and serves again on the first answer.
const retryAfterDown = 2

// Problem is an RFC 9457 problem details body. Code is the stable
// machine-readable error code (graph.E*); Field names the offending input.
type Problem struct {
	Type      string `json:"type"`
	Title     string `json:"title"`
	Status    int    `json:"status"`
	Detail    string `json:"detail,omitempty"`
	Code      string `json:"code"`
	Field     string `json:"field,omitempty"`
	RequestID string `json:"request_id,omitempty"`
}

// problemStatus is the one place that maps error codes to HTTP statuses.
var problemStatus = map[string]struct {
	status int
	title  string
}{
	graph.EINVALID:     {http.StatusBadRequest, "Invalid request"},
	graph.EUNAUTH:      {http.StatusUnauthorized, "Unauthorized"},
	graph.EFORBIDDEN:   {http.StatusForbidden, "Forbidden"},
	graph.ENOTFOUND:    {http.StatusNotFound, "Not found"},
	codeNoRoute:        {http.StatusNotFound, "Not found"},
	codeNoMethod:       {http.StatusMethodNotAllowed, "Method not allowed"},
	graph.ETOOLARGE:    {http.StatusRequestEntityTooLarge, "Request too large"},
	CodeRateLimited:    {http.StatusTooManyRequests, "Too many requests"},
	graph.EUNAVAILABLE: {http.StatusServiceUnavailable, "Service unavailable"},
	graph.ETIMEOUT:     {http.StatusGatewayTimeout, "Query timed out"},
	graph.EINTERNAL:    {http.StatusInternalServerError, "Internal server error"},
}

// StatusOf returns the HTTP status for an error code.
func StatusOf(code string) int {
	if p, ok := problemStatus[code]; ok {
		return p.status
	}
	return http.StatusInternalServerError
}

// retryAfterError lets an error say how many seconds the client should wait.
type retryAfterError struct {
	err     *graph.Error
	seconds int
}

func (e *retryAfterError) Error() string { return e.err.Error() }
func (e *retryAfterError) Unwrap() error { return e.err }

// normalize turns transport-level errors (oversized bodies, bad JSON,
// expired deadlines) into domain errors, so that problemFor only deals
// with codes.
func normalize(err error) error {
	// Driver errors first: a dropped connection wraps io.EOF, which must
	// become 503, not "empty body".
	err = store.Classify(err)
	var ge *graph.Error
	if errors.As(err, &ge) {
		return err
	}
	var maxBytes *http.MaxBytesError
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var invalid validator.ValidationErrors
	switch {
	case errors.Is(err, io.EOF):
		return &graph.Error{Code: graph.EINVALID, Field: "body", Message: "empty request body", Err: err}
	case errors.As(err, &invalid) && len(invalid) > 0:
		f := invalid[0]
		return &graph.Error{Code: graph.EINVALID, Field: f.Field(), Message: "fails the " + f.Tag() + " rule", Err: err}
	case errors.As(err, &maxBytes):
		return &graph.Error{Code: graph.ETOOLARGE, Message: "request body exceeds " + strconv.FormatInt(maxBytes.Limit, 10) + " bytes", Err: err}
	case errors.As(err, &syntax), errors.Is(err, io.ErrUnexpectedEOF):
		return &graph.Error{Code: graph.EINVALID, Field: "body", Message: "malformed JSON", Err: err}
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			field = "body"
		}
		return &graph.Error{Code: graph.EINVALID, Field: field, Message: "wrong JSON type, want " + typ.Type.String(), Err: err}
	case errors.Is(err, context.DeadlineExceeded):
		return &graph.Error{Code: graph.ETIMEOUT, Message: "query exceeded its time limit", Err: err}
	}
	return err
}

// problemFor builds the problem body for err. Only domain messages are
// shown; the text of internal errors stays in the log.
func problemFor(err error, requestID string) Problem {
	err = normalize(err)
	code := graph.ErrorCode(err)
	p := problemStatus[code]
	if p.status == 0 {
		code = graph.EINTERNAL
		p = problemStatus[code]
	}
	pr := Problem{
		Type:      "urn:whosaid:problem:" + code,
		Title:     p.title,
		Status:    p.status,
		Code:      code,
		RequestID: requestID,
	}
	var ge *graph.Error
	if code != graph.EINTERNAL && errors.As(err, &ge) {
		pr.Detail = ge.Message
		pr.Field = ge.Field
	}
	if code == graph.EINTERNAL {
		pr.Detail = "internal error; the server log has the details under this request_id"
	}
	return pr
}

// fail writes err as a problem+json response and aborts the request. It
// is what every handler calls on error: it maps graph error codes to HTTP
// statuses, sets Retry-After for 429 and 503, and logs server-side
// failures with their cause.
func (s *Server) fail(c *gin.Context, err error) {
	if ctx := c.Request.Context(); ctx.Err() != nil {
		if down := s.failCause(c, err); down != err {
			err = down
		} else if errors.Is(err, context.Canceled) {
			// The client went away; nobody reads an answer. 499 is nginx's
			// status for this and keeps the access log honest.
			c.Abort()
			c.Status(499)
			return
		}
	}
	rid := RequestID(c)
	pr := problemFor(err, rid)
	var ra *retryAfterError
	switch {
	case errors.As(err, &ra):
		c.Header("Retry-After", strconv.Itoa(max(ra.seconds, 1)))
	case pr.Status == http.StatusServiceUnavailable:
		c.Header("Retry-After", strconv.Itoa(retryAfterUnavailable))
	}
	if pr.Status >= 500 {
		// A driver connectivity error makes the health check look now,
		// so that the next requests fail fast.
		if st, _ := s.currentStore(); st != nil {
			st.ReportError(err)
		}
	}
	switch {
	case pr.Status == http.StatusServiceUnavailable:
		// Logged once by the store's health check, not per request.
		s.log.DebugContext(c.Request.Context(), "request failed", "request_id", rid, "status", pr.Status, "code", pr.Code, "err", err)
	case pr.Status >= 500:
		s.log.ErrorContext(c.Request.Context(), "request failed", "request_id", rid, "status", pr.Status, "code", pr.Code, "err", err)
	default:
		s.log.DebugContext(c.Request.Context(), "request refused", "request_id", rid, "status", pr.Status, "code", pr.Code, "err", err)
	}
	_ = c.Error(err) // visible to later middleware
	writeProblem(c, pr)
}

// failCause returns the EUNAVAILABLE error (with Retry-After) when the
// store's health check cancelled the request (see watchStore): whatever
// the driver said then, Neo4j is down. Otherwise it returns err.
func (s *Server) failCause(c *gin.Context, err error) error {
	ctx := c.Request.Context()
	if ctx.Err() == nil {
		return err
	}
	var down *graph.Error
	if errors.As(context.Cause(ctx), &down) && down.Code == graph.EUNAVAILABLE {
		return &retryAfterError{err: &graph.Error{Code: down.Code, Message: down.Message, Err: err}, seconds: retryAfterDown}
	}
	return err
}

func writeProblem(c *gin.Context, pr Problem) {
	b, err := json.Marshal(pr)
	if err != nil { // cannot happen: Problem has only strings and ints
		b = []byte(`{"title":"Internal server error","status":500,"code":"internal"}`)
	}
	c.Abort()
	c.Data(pr.Status, ProblemContentType, b)
}
