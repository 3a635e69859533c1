package api

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/graph/store"
	"github.com/whosaid/whosaid/ingest/source"
	"github.com/whosaid/whosaid/queries"
)

// POST /cypher {query, params}: a researcher's read-only query.
func (h *v1) cypher(c *gin.Context) {
	var req queries.CypherRequest
	if err := decodeJSON(c, &req); err != nil {
		h.s.fail(c, err)
		return
	}
	params, ok := cypherValue(req.Params).(map[string]any)
	if req.Params != nil && !ok {
		h.s.fail(c, graph.FieldError("params", "must be a JSON object"))
		return
	}
	req.Params = params
	st, err := h.s.Store()
	if err != nil {
		h.s.fail(c, err)
		return
	}
	q := queries.New(st, queries.Options{Observe: h.metrics.observeQuery})
	res, err := q.Cypher(c.Request.Context(), req, queries.CypherLimits{
		Timeout: h.s.cfg.API.CypherTimeout,
		MaxRows: h.s.cfg.API.CypherMaxRows,
	})
	h.respond(c, res, err)
}

// cypherValue turns decoded JSON into values the driver sends as Cypher
// values: integral numbers become integers (so `LIMIT $n` works), other
// numbers floats.
func cypherValue(v any) any {
	switch x := v.(type) {
	case json.Number:
		if n, err := x.Int64(); err == nil {
			return n
		}
		f, _ := x.Float64()
		return f
	case []any:
		for i, e := range x {
			x[i] = cypherValue(e)
		}
		return x
	case map[string]any:
		for k, e := range x {
			x[k] = cypherValue(e)
		}
		return x
	}
	return v
}

// decodeJSON reads exactly one JSON value from the body; the body limit
// middleware has already bounded its size.
func decodeJSON(c *gin.Context, v any) error {
	dec := json.NewDecoder(c.Request.Body)
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		if err == io.EOF {
			return graph.FieldError("body", "is empty")
		}
		return err
	}
	if dec.More() {
		return graph.FieldError("body", "has more than one JSON value")
	}
	return nil
}

// IngestResult is the answer of POST /documents.
type IngestResult struct {
	DocumentID string   `json:"document_id"`
	Status     string   `json:"status"` // written, replaced or skipped
	Replaced   []string `json:"replaced,omitempty"`
	Statements int      `json:"statements"`
	Entities   int      `json:"entities"`
}

// POST /documents: one article in the JSON shape the file readers accept
// ({"text", "title", "url", "source", "published"}), extracted and loaded
// like `whosaid ingest` does.
func (h *v1) ingest(c *gin.Context) {
	st, err := h.s.Store()
	if err != nil {
		h.s.fail(c, err)
		return
	}
	body, err := io.ReadAll(c.Request.Body)
	if err != nil {
		h.s.fail(c, err)
		return
	}
	doc, err := readArticle(c.Request.Context(), body, h.s.cfg.Ingest.MaxFileSize)
	if err != nil {
		h.s.fail(c, err)
		return
	}
	ext := h.extract.Extract(doc) // stamps extract.Version
	ctx, cancel := h.context(c, budgetWrite)
	defer cancel()
	r := st.Load(ctx, []graph.Extraction{ext})[0]
	h.metrics.observeLoad(r)
	if r.Status == store.Failed {
		h.s.fail(c, r.Err)
		return
	}
	status := http.StatusCreated
	if r.Status == store.Skipped {
		status = http.StatusOK
	}
	c.JSON(status, IngestResult{DocumentID: r.DocumentID, Status: string(r.Status), Replaced: r.Replaced, Statements: r.Statements, Entities: r.Entities})
}

// readArticle parses one JSON article with the file readers' rules (text
// normalisation, date parsing, content id).
func readArticle(ctx context.Context, body []byte, maxSize int64) (graph.Document, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return graph.Document{}, graph.FieldError("body", "is empty")
	}
	if b := bytes.TrimSpace(body); b[0] != '{' {
		return graph.Document{}, graph.FieldError("body", "must be one JSON object with at least \"text\"")
	}
	var docs []graph.Document
	for d, err := range source.Documents(ctx, []string{"-"}, source.Options{
		MaxFileSize: maxSize, Stdin: bytes.NewReader(body), StdinFormat: "json",
	}) {
		if err != nil {
			return graph.Document{}, &graph.Error{Code: graph.ErrorCode(err), Field: "body", Message: err.Error(), Err: err}
		}
		docs = append(docs, d)
	}
	if len(docs) != 1 {
		return graph.Document{}, graph.FieldError("body", "must hold exactly one article")
	}
	return docs[0], nil
}

// DELETE /documents/{id}: removes one document's contribution.
func (h *v1) deleteDocument(c *gin.Context) {
	st, err := h.s.Store()
	if err != nil {
		h.s.fail(c, err)
		return
	}
	id := c.Param("id")
	if len(id) > queries.MaxIDLen {
		h.s.fail(c, graph.FieldError("id", "is longer than %d bytes", queries.MaxIDLen))
		return
	}
	ctx, cancel := h.context(c, budgetWrite)
	defer cancel()
	res, err := st.DeleteDocument(ctx, id)
	if err != nil {
		h.s.fail(c, err)
		return
	}
	h.metrics.deleted.Add(float64(len(res.Documents)))
	c.JSON(http.StatusOK, res)
}
