package api

import (
	"github.com/gin-gonic/gin"
)

// The explorer's summaries (queries/explore.go): the corpus at a glance and
// a speaker's page.

// GET /overview?limit=&count=
func (h *v1) overview(c *gin.Context) {
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
	ov, err := q.OverviewCounting(ctx, limit, c.Query("count"))
	h.respond(c, ov, err)
}

// GET /entities/{id}/summary?limit=&count=
func (h *v1) speakerSummary(c *gin.Context) {
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
	sum, err := q.SpeakerSummaryCounting(ctx, c.Param("id"), limit, c.Query("count"))
	h.respond(c, sum, err)
}
