package queries

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/graph/store"
)

// CypherRequest is a researcher's own query.
type CypherRequest struct {
	Query  string         `json:"query"`
	Params map[string]any `json:"params,omitempty"`
}

// CypherResult is the answer to a researcher's query: column names and at
// most the row cap of rows. Nodes, relationships and paths are rendered as
// JSON objects, temporal values as ISO 8601 strings.
type CypherResult struct {
	Columns   []string `json:"columns"`
	Rows      [][]any  `json:"rows"`
	Truncated bool     `json:"truncated"`
}

// CypherLimits bound a researcher's query.
type CypherLimits struct {
	Timeout time.Duration // server-side transaction timeout
	MaxRows int
}

// MaxCypherLen bounds the query text.
const MaxCypherLen = 20000

// The read-only guarantee is Neo4j's: the query runs in a READ-mode
// transaction, which refuses every write, and is never committed. Before
// that, checkCypher (cypherguard.go) applies an allow-list of clauses,
// procedures and functions, so that what only reads but must not run
// (other sessions' queries and parameters, server settings, files and
// URLs, plugins' procedures) is refused with a clear message.

// Cypher runs a researcher's read-only query with parameters, in a READ
// transaction with a server-side timeout, and returns at most lim.MaxRows
// rows.
func (q *Queries) Cypher(ctx context.Context, req CypherRequest, lim CypherLimits) (CypherResult, error) {
	if strings.TrimSpace(req.Query) == "" {
		return CypherResult{}, graph.FieldError("query", "is required")
	}
	if len(req.Query) > MaxCypherLen {
		return CypherResult{}, graph.FieldError("query", "is longer than %d bytes", MaxCypherLen)
	}
	if err := checkCypher(req.Query); err != nil {
		return CypherResult{}, err
	}
	if lim.MaxRows <= 0 {
		lim.MaxRows = 1000
	}
	if lim.Timeout <= 0 {
		lim.Timeout = 10 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, lim.Timeout+time.Second)
	defer cancel()
	start := time.Now()
	res, err := q.runCypher(ctx, req, lim)
	if q.observe != nil {
		q.observe("cypher", time.Since(start), err)
	}
	if err != nil {
		return CypherResult{}, fmt.Errorf("cypher: %w", err)
	}
	return res, nil
}

func (q *Queries) runCypher(ctx context.Context, req CypherRequest, lim CypherLimits) (CypherResult, error) {
	sess := q.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: q.database, AccessMode: neo4j.AccessModeRead})
	defer sess.Close(ctx)
	// An explicit transaction, not a retried one: a researcher's query is
	// run once, and its errors go back to the researcher.
	tx, err := sess.BeginTransaction(ctx, neo4j.WithTxTimeout(lim.Timeout), neo4j.WithTxMetadata(map[string]any{"app": "whosaid-api-cypher"}))
	if err != nil {
		return CypherResult{}, cypherError(ctx, err)
	}
	// Never commit: even if something slipped through, rolling back leaves
	// the graph as it was.
	defer tx.Rollback(context.WithoutCancel(ctx))
	res, err := tx.Run(ctx, req.Query, req.Params)
	if err != nil {
		return CypherResult{}, cypherError(ctx, err)
	}
	keys, err := res.Keys()
	if err != nil {
		return CypherResult{}, cypherError(ctx, err)
	}
	out := CypherResult{Columns: keys, Rows: [][]any{}}
	for res.Next(ctx) {
		if len(out.Rows) == lim.MaxRows {
			out.Truncated = true
			break
		}
		rec := res.Record()
		row := make([]any, len(rec.Values))
		for i, v := range rec.Values {
			row[i] = jsonValue(v)
		}
		out.Rows = append(out.Rows, row)
	}
	if err := res.Err(); err != nil {
		return CypherResult{}, cypherError(ctx, err)
	}
	return out, nil
}

// cypherError turns Neo4j's answer to a bad query into a 400 or 403 with
// Neo4j's message, which is about the researcher's own query.
func cypherError(ctx context.Context, err error) error {
	err = store.ClassifyContext(ctx, err)
	if graph.ErrorCode(err) != graph.EINTERNAL {
		return err
	}
	var ne *neo4j.Neo4jError
	if asNeo4j(err, &ne) {
		switch {
		case strings.HasPrefix(ne.Code, "Neo.ClientError.Security."), ne.Code == "Neo.ClientError.Statement.AccessMode":
			return &graph.Error{Code: graph.EFORBIDDEN, Field: "query", Message: "refused: " + ne.Msg, Err: err}
		case strings.HasPrefix(ne.Code, "Neo.ClientError.Procedure."), strings.HasPrefix(ne.Code, "Neo.ClientError.Schema."):
			return &graph.Error{Code: graph.EFORBIDDEN, Field: "query", Message: "refused: " + ne.Msg, Err: err}
		case strings.HasPrefix(ne.Code, "Neo.ClientError."):
			return &graph.Error{Code: graph.EINVALID, Field: "query", Message: ne.Msg, Err: err}
		case ne.Code == "Neo.DatabaseError.General.UnknownError", ne.Code == "Neo.DatabaseError.Statement.ExecutionFailed":
			// Neo4j's parser fails this way on some malformed input (a
			// lone backslash); the query is at fault, not the server.
			return &graph.Error{Code: graph.EINVALID, Field: "query", Message: "Neo4j could not run this query: " + ne.Msg, Err: err}
		}
	}
	return err
}

// jsonValue renders driver values as JSON-friendly values.
func jsonValue(v any) any {
	switch x := v.(type) {
	case nil, bool, int64, float64, string:
		return x
	case []byte:
		return x
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonValue(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = jsonValue(e)
		}
		return out
	case dbtype.Node:
		return map[string]any{"element_id": x.ElementId, "labels": x.Labels, "properties": jsonValue(x.Props)}
	case dbtype.Relationship:
		return map[string]any{"element_id": x.ElementId, "type": x.Type, "start": x.StartElementId, "end": x.EndElementId, "properties": jsonValue(x.Props)}
	case dbtype.Path:
		nodes := make([]any, len(x.Nodes))
		for i, n := range x.Nodes {
			nodes[i] = jsonValue(n)
		}
		rels := make([]any, len(x.Relationships))
		for i, r := range x.Relationships {
			rels[i] = jsonValue(r)
		}
		return map[string]any{"nodes": nodes, "relationships": rels}
	case time.Time:
		return x.Format(time.RFC3339Nano)
	case dbtype.Date:
		return x.Time().Format(time.DateOnly)
	case dbtype.LocalTime:
		return x.Time().Format("15:04:05.999999999")
	case dbtype.Time:
		return x.Time().Format("15:04:05.999999999Z07:00")
	case dbtype.LocalDateTime:
		return x.Time().Format("2006-01-02T15:04:05.999999999")
	case dbtype.Duration:
		return x.String()
	case dbtype.Point2D, dbtype.Point3D:
		return fmt.Sprint(x)
	}
	return fmt.Sprint(v)
}
