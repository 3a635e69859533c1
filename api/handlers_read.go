package api

import (
	"github.com/gin-gonic/gin"

	"github.com/whosaid/whosaid/queries"
)

// GET /entities?q=&type=&limit=&cursor=
func (h *v1) searchEntities(c *gin.Context) {
	limit, err := intParam(c, "limit")
	if err != nil {
		h.s.fail(c, err)
		return
	}
	q, ctx, cancel, ok := h.queries(c, budgetList)
	if !ok {
		return
	}
	defer cancel()
	page, err := q.SearchEntities(ctx, queries.EntitySearch{Q: c.Query("q"), Type: c.Query("type"), Limit: limit, Cursor: c.Query("cursor")})
	h.respond(c, page, err)
}

// GET /entities/{id}?count=
func (h *v1) entity(c *gin.Context) {
	q, ctx, cancel, ok := h.queries(c, budgetLookup)
	if !ok {
		return
	}
	defer cancel()
	p, err := q.EntityCounting(ctx, c.Param("id"), c.Query("count"))
	h.respond(c, p, err)
}

// GET /entities/{id}/statements?from=&to=&q=&about=&kind=&group=&limit=&cursor=
func (h *v1) speakerHistory(c *gin.Context) {
	limit, err := intParam(c, "limit")
	if err != nil {
		h.s.fail(c, err)
		return
	}
	byQuote, err := groupByQuote(c)
	if err != nil {
		h.s.fail(c, err)
		return
	}
	if byQuote {
		h.speakerQuotes(c, limit)
		return
	}
	q, ctx, cancel, ok := h.queries(c, budgetList)
	if !ok {
		return
	}
	defer cancel()
	page, err := q.SpeakerHistory(ctx, c.Param("id"), queries.HistoryFilter{
		DateRange: queries.DateRange{From: c.Query("from"), To: c.Query("to")},
		Q:         c.Query("q"), About: c.Query("about"), Kind: c.Query("kind"),
		Limit: limit, Cursor: c.Query("cursor"),
	})
	h.respond(c, page, err)
}

// GET /entities/{id}/mentioned-by?count=&samples=&limit=&cursor=
func (h *v1) mentionedBy(c *gin.Context) {
	n, err := intParams(c, "limit", "samples")
	if err != nil {
		h.s.fail(c, err)
		return
	}
	q, ctx, cancel, ok := h.queries(c, budgetList)
	if !ok {
		return
	}
	defer cancel()
	page, err := q.MentionedBy(ctx, c.Param("id"), queries.MentionedByFilter{Count: c.Query("count"), Limit: n[0], Samples: n[1], Cursor: c.Query("cursor")})
	h.respond(c, page, err)
}

// GET /entities/{id}/network?depth=&limit=&min_weight=&count=
func (h *v1) network(c *gin.Context) {
	n, err := intParams(c, "depth", "limit", "min_weight")
	if err != nil {
		h.s.fail(c, err)
		return
	}
	q, ctx, cancel, ok := h.queries(c, budgetGraph)
	if !ok {
		return
	}
	defer cancel()
	net, err := q.Network(ctx, c.Param("id"), queries.NetworkFilter{Count: c.Query("count"), Depth: n[0], Limit: n[1], MinWeight: n[2]})
	h.respond(c, net, err)
}

// GET /statements?q=&speaker=&mentions=&turn=&from=&to=&kind=&count=&limit=&cursor=
func (h *v1) searchStatements(c *gin.Context) {
	limit, err := intParam(c, "limit")
	if err != nil {
		h.s.fail(c, err)
		return
	}
	q, ctx, cancel, ok := h.queries(c, budgetList)
	if !ok {
		return
	}
	defer cancel()
	page, err := q.SearchStatements(ctx, queries.StatementFilter{
		DateRange: queries.DateRange{From: c.Query("from"), To: c.Query("to")},
		Q:         c.Query("q"), Speaker: c.Query("speaker"), Mentions: c.Query("mentions"), Turn: c.Query("turn"), Kind: c.Query("kind"),
		Count: c.Query("count"), Limit: limit, Cursor: c.Query("cursor"),
	})
	h.respond(c, page, err)
}

// GET /statements/{id}
func (h *v1) statement(c *gin.Context) {
	q, ctx, cancel, ok := h.queries(c, budgetLookup)
	if !ok {
		return
	}
	defer cancel()
	st, err := q.Statement(ctx, c.Param("id"))
	h.respond(c, st, err)
}

// pathsBody is the answer of GET /paths.
type pathsBody struct {
	From  string         `json:"from"`
	To    string         `json:"to"`
	Paths []queries.Path `json:"paths"`
}

// GET /paths?from=&to=&max_hops=&limit=
func (h *v1) paths(c *gin.Context) {
	n, err := intParams(c, "max_hops", "limit")
	if err != nil {
		h.s.fail(c, err)
		return
	}
	q, ctx, cancel, ok := h.queries(c, budgetGraph)
	if !ok {
		return
	}
	defer cancel()
	from, to := c.Query("from"), c.Query("to")
	paths, err := q.Paths(ctx, from, to, queries.PathFilter{MaxHops: n[0], Limit: n[1]})
	h.respond(c, pathsBody{From: from, To: to, Paths: paths}, err)
}

// GET /documents?source=&from=&to=&limit=&cursor=
func (h *v1) documents(c *gin.Context) {
	limit, err := intParam(c, "limit")
	if err != nil {
		h.s.fail(c, err)
		return
	}
	q, ctx, cancel, ok := h.queries(c, budgetList)
	if !ok {
		return
	}
	defer cancel()
	page, err := q.Documents(ctx, queries.DocumentFilter{
		DateRange: queries.DateRange{From: c.Query("from"), To: c.Query("to")},
		Source:    c.Query("source"), Limit: limit, Cursor: c.Query("cursor"),
	})
	h.respond(c, page, err)
}

// GET /documents/{id}
func (h *v1) document(c *gin.Context) {
	q, ctx, cancel, ok := h.queries(c, budgetLookup)
	if !ok {
		return
	}
	defer cancel()
	d, err := q.Document(ctx, c.Param("id"))
	h.respond(c, d, err)
}
