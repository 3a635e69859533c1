package api

import (
	"context"
	"errors"
	"mime"
	"net/http"
	"slices"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/whosaid/whosaid/export"
	"github.com/whosaid/whosaid/graph"
)

// exportTimeout bounds one export. Exports stream for as long as the graph
// takes to read, so they do not use http.query_timeout; a client that goes
// away cancels the export through the request context sooner.
const exportTimeout = 30 * time.Minute

// registerExport adds GET /api/v1/export?format=&speaker=|entity=&depth=
// &from=&to=&kind=&min_weight=&limit=&max_statement_ids=, and
// ?model=stored&format=csv|jsonl for the whole stored database.
func (s *Server) registerExport(v1 *gin.RouterGroup) {
	v1.GET("/export", s.handleExport)
	v1.HEAD("/export", s.handleExport)
}

// handleExport validates every parameter and resolves the scope (the
// focus entity exists) before the first byte: until then every failure is
// a problem response with nothing else in the body. Once streaming, the
// answer declares the trailer export.TrailerStatus, sent as "complete"
// after the last byte; a failure mid-stream instead appends the format's
// export.FailureMarker and cuts the connection (no terminating chunk), so
// a client sees a truncated transfer, a marked file and no trailer.
func (s *Server) handleExport(c *gin.Context) {
	format, err := export.ParseFormat(c.DefaultQuery("format", string(export.GraphML)))
	if err != nil {
		s.fail(c, graph.FieldError("format", "%s", err.Error()))
		return
	}
	sc, err := export.ScopeFromQuery(c.Request.URL.Query())
	if err != nil {
		s.fail(c, err)
		return
	}
	model, err := export.ParseModel(c.Query("model"))
	if err != nil {
		s.fail(c, graph.FieldError("model", "%s", err.Error()))
		return
	}
	if model == export.Stored && !sc.Whole() {
		s.fail(c, graph.FieldError("model", "the stored model is exported whole, without scope or filters"))
		return
	}
	if model == export.Stored && !slices.Contains(export.StoredFormats(), format) {
		s.fail(c, graph.FieldError("format", "the stored model is exported as csv, jsonl or graphml"))
		return
	}
	if model == export.Reports && (format != export.CSV || sc.Entity != "") {
		s.fail(c, graph.FieldError("model", "quote reports are exported as format=csv, for all quotes or one speaker's"))
		return
	}
	st, err := s.Store()
	if err != nil {
		s.fail(c, err)
		return
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), exportTimeout)
	defer cancel()
	x := &export.Exporter{Driver: st.Driver(), Database: st.Database()}

	// Resolve the scope before anything is sent: an unknown id is a 404.
	rctx, rcancel := context.WithTimeout(ctx, budgetLookup)
	err = x.Resolve(rctx, sc)
	rcancel()
	if err != nil {
		if errors.Is(err, context.Canceled) && c.Request.Context().Err() != nil && context.Cause(c.Request.Context()) == context.Canceled {
			c.Abort() // the client left before the first byte: nobody to answer
			return
		}
		s.fail(c, err)
		return
	}

	// The server's write timeout is meant for ordinary answers; a large
	// export legitimately writes for longer.
	_ = http.NewResponseController(c.Writer).SetWriteDeadline(time.Now().Add(exportTimeout))

	// Headers wait for the first byte, so that an error found before any
	// output (Neo4j down, a timeout) is still a problem response.
	lw := &lazyHeaderWriter{c: c, header: func(h http.Header) {
		h.Set("Content-Type", format.ContentType())
		name := sc.FileName(format)
		if model == export.Stored {
			name = "whosaid-stored." + format.Ext()
		}
		if model == export.Reports {
			h.Set("Content-Type", "text/csv; charset=utf-8")
			name = "whosaid-quote-reports.csv"
		}
		h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
		h.Set("Cache-Control", "no-store")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Trailer", export.TrailerStatus)
	}}
	if c.Request.Method == http.MethodHead {
		lw.start()
		return
	}
	var stats export.Stats
	if model == export.Reports {
		stats.Nodes, err = x.ExportReports(ctx, sc, lw)
	} else if model == export.Stored {
		var w export.StoredWriter
		if w, err = export.NewStoredWriter(format, lw); err == nil {
			if stats, err = x.ExportStored(ctx, w); err == nil {
				err = w.Close()
			}
		}
	} else {
		var w export.Writer
		if w, err = export.NewWriter(format, lw, sc.Meta("whosaid")); err == nil {
			if stats, err = x.Export(ctx, sc, w); err == nil {
				err = w.Close()
			}
		}
	}
	s.log.DebugContext(ctx, "export", "request_id", RequestID(c), "format", format, "model", model, "nodes", stats.Nodes, "edges", stats.Edges, "err", err)
	switch {
	case err == nil:
		lw.start() // an empty export still gets its headers
		c.Writer.Header().Set(export.TrailerStatus, "complete")
	case !lw.started:
		if errors.Is(err, context.Canceled) && c.Request.Context().Err() != nil && context.Cause(c.Request.Context()) == context.Canceled {
			c.Abort() // the client left before the first byte: nobody to answer
			return
		}
		s.fail(c, err)
	default:
		// Part of the file is out: the status cannot change. The marker
		// says so inside the file; cutting the connection makes the
		// client see a truncated transfer instead of a file that looks
		// complete.
		if c.Request.Context().Err() == nil || context.Cause(c.Request.Context()) != context.Canceled {
			pr := problemFor(s.failCause(c, err), RequestID(c))
			s.log.ErrorContext(ctx, "export failed mid-stream", "request_id", RequestID(c), "code", pr.Code, "err", err)
			if m := format.FailureMarker(pr.Code, pr.Detail); m != nil {
				_, _ = c.Writer.Write(m)
				c.Writer.Flush()
			}
		}
		panic(http.ErrAbortHandler)
	}
}

// lazyHeaderWriter sets the response headers and status on the first Write.
type lazyHeaderWriter struct {
	c       *gin.Context
	header  func(http.Header)
	started bool
}

func (w *lazyHeaderWriter) start() {
	if w.started {
		return
	}
	w.started = true
	w.header(w.c.Writer.Header())
	w.c.Status(http.StatusOK)
	w.c.Writer.WriteHeaderNow()
}

func (w *lazyHeaderWriter) Write(p []byte) (int, error) {
	w.start()
	return w.c.Writer.Write(p)
}
