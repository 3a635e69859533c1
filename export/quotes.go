package export

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/whosaid/whosaid/graph"
)

// ReportColumns are the columns of the quote reports CSV: one row per
// statement that reports a quote (docs/graph-model.md#quotes), for
// spreadsheets: the quote with its canonical wording, speakers and counts,
// then the report's statement, document, outlet, date and wording.
var ReportColumns = []string{"quote", "quote_text", "speakers", "quote_reports", "quote_outlets",
	"statement", "document", "outlet", "date", "variant", "url", "title"}

// reportRows reads quotes in id order (the uniqueness index serves it) and
// each quote's reports in time order, so the rows stream without a global
// sort. The statement filters apply to the reports; the counts are the
// quote's over all its reports.
const reportRows = `
MATCH (q:Quote) WHERE q.id IS NOT NULL
  AND ($focus IS NULL OR EXISTS { (q)-[:BY]->(:Entity {id: $focus}) })
WITH q ORDER BY q.id
CALL (q) {
  MATCH (q)<-[:REPORTS]-(s:Statement)-[:REPORTED_IN]->(d:Document)
  WHERE ` + stmtFilter + `
  RETURN s, d ORDER BY coalesce(s.date, '~'), d.id, s.start
}
RETURN q.id, q.text, COLLECT { MATCH (q)-[:BY]->(e:Entity) RETURN e.id ORDER BY e.id }, q.reports, q.outlets,
       s.id, d.id, d.outlet, s.date, s.text, d.url, d.title`

// ExportReports writes the reports of the quotes in scope as CSV (with a
// header row) to w: all quotes, a speaker's (sc.Speaker), and the reports
// within the date range and kinds. An ego network (sc.Entity) has no
// meaning here and is refused. The rows come from one read transaction.
func (x *Exporter) ExportReports(ctx context.Context, sc Scope, w io.Writer) (int64, error) {
	sc, err := sc.Normalize()
	if err != nil {
		return 0, err
	}
	if sc.Entity != "" {
		return 0, graph.FieldError("entity", "quote reports are exported for all quotes or one speaker's")
	}
	cfg := neo4j.SessionConfig{DatabaseName: x.Database, AccessMode: neo4j.AccessModeRead, FetchSize: 1000}
	sess := x.Driver.NewSession(ctx, cfg)
	defer sess.Close(context.WithoutCancel(ctx))
	var opts []func(*neo4j.TransactionConfig)
	if x.Timeout > 0 {
		opts = append(opts, neo4j.WithTxTimeout(x.Timeout))
	}
	tx, err := sess.BeginTransaction(ctx, opts...)
	if err != nil {
		return 0, fmt.Errorf("export reports: begin read transaction: %w", classify(ctx, err))
	}
	defer tx.Close(context.WithoutCancel(ctx))
	params := map[string]any{"from": nullable(sc.From), "to": nullable(sc.To), "kinds": nil, "focus": nullable(sc.Speaker)}
	if len(sc.Kinds) > 0 {
		params["kinds"] = sc.Kinds
	}
	if sc.Speaker != "" {
		if err := mustExist(ctx, tx, sc.Speaker, "speaker"); err != nil {
			return 0, err
		}
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(ReportColumns); err != nil {
		return 0, err
	}
	var n int64
	row := make([]string, len(ReportColumns))
	err = stream(ctx, tx, reportRows, params, func(r *neo4j.Record) error {
		v := r.Values
		row[0], row[1], row[2] = str(v[0]), str(v[1]), joinList(strs(v[2]))
		row[3], row[4] = strconv.FormatInt(num(v[3]), 10), strconv.FormatInt(num(v[4]), 10)
		for i := 5; i < len(row); i++ {
			row[i] = str(v[i])
		}
		n++
		return cw.Write(row)
	})
	if err != nil {
		return n, fmt.Errorf("export reports: %w", err)
	}
	cw.Flush()
	return n, cw.Error()
}
