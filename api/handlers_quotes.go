package api

import (
	"github.com/gin-gonic/gin"

	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/queries"
)

// GET /quotes?speaker=&from=&to=&limit=&cursor=
func (h *v1) quotes(c *gin.Context) {
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
	page, err := q.TopQuotes(ctx, queries.QuoteListFilter{Speaker: c.Query("speaker"),
		DateRange: queries.DateRange{From: c.Query("from"), To: c.Query("to")}, Limit: limit, Cursor: c.Query("cursor")})
	h.respond(c, page, err)
}

// GET /quotes/{id}?limit=&cursor=
func (h *v1) quote(c *gin.Context) {
	limit, err := intParam(c, "limit")
	if err != nil {
		h.s.fail(c, err)
		return
	}
	q, ctx, cancel, ok := h.queries(c, budgetLookup)
	if !ok {
		return
	}
	defer cancel()
	d, err := q.Quote(ctx, c.Param("id"), queries.QuoteFilter{Limit: limit, Cursor: c.Query("cursor")})
	h.respond(c, d, err)
}

// GET /statements/{id}/reports?limit=&cursor=
func (h *v1) statementReports(c *gin.Context) {
	limit, err := intParam(c, "limit")
	if err != nil {
		h.s.fail(c, err)
		return
	}
	q, ctx, cancel, ok := h.queries(c, budgetLookup)
	if !ok {
		return
	}
	defer cancel()
	d, err := q.StatementReports(ctx, c.Param("id"), queries.QuoteFilter{Limit: limit, Cursor: c.Query("cursor")})
	h.respond(c, d, err)
}

// groupByQuote reads speaker history's group parameter: "statement" (the
// default) or "quote".
func groupByQuote(c *gin.Context) (bool, error) {
	switch c.Query("group") {
	case "", "statement":
		return false, nil
	case "quote":
		return true, nil
	}
	return false, graph.FieldError("group", "must be statement or quote")
}

// speakerQuotes is GET /entities/{id}/statements?group=quote.
func (h *v1) speakerQuotes(c *gin.Context, limit int) {
	q, ctx, cancel, ok := h.queries(c, budgetList)
	if !ok {
		return
	}
	defer cancel()
	page, err := q.SpeakerQuotes(ctx, c.Param("id"), queries.HistoryFilter{
		DateRange: queries.DateRange{From: c.Query("from"), To: c.Query("to")},
		Q:         c.Query("q"), About: c.Query("about"), Kind: c.Query("kind"),
		Limit: limit, Cursor: c.Query("cursor"),
	})
	h.respond(c, page, err)
}
