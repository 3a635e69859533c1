// Package queries answers the researchers' questions against the whosaid
// graph: one Go function per question, each with its parameterised Cypher
// in a const beside it. Results are plain structs that the API serialises as
// they are; handlers only translate HTTP to these calls.
//
// Every query runs in a read transaction whose server-side timeout follows
// the caller's context deadline, so a slow query is stopped by Neo4j and not
// only abandoned by the client.
package queries

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/graph/store"
)

// Options configure a Queries.
type Options struct {
	// Observe, when set, is called after every query with its name, how long
	// it took (including fetching the records) and its error, for metrics.
	Observe func(name string, took time.Duration, err error)
}

// Queries runs the read queries. It is safe for concurrent use.
type Queries struct {
	driver   neo4j.DriverWithContext
	database string
	observe  func(string, time.Duration, error)
}

// New returns a Queries on s.
func New(s *store.Store, opts Options) *Queries {
	return &Queries{driver: s.Driver(), database: s.Database(), observe: opts.Observe}
}

// minTxTimeout keeps a nearly expired deadline from becoming a zero
// timeout, which Neo4j reads as "no limit".
const minTxTimeout = time.Millisecond

// read runs one parameterised read query and returns all its records.
func (q *Queries) read(ctx context.Context, name, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	start := time.Now()
	recs, err := q.readRecords(ctx, cypher, params)
	if q.observe != nil {
		q.observe(name, time.Since(start), err)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return recs, nil
}

func (q *Queries) readRecords(ctx context.Context, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	if err := ctx.Err(); err != nil {
		return nil, store.Classify(err)
	}
	timeout := txTimeout(ctx)
	dctx, stop := withoutDeadline(ctx)
	defer stop()
	sess := q.driver.NewSession(dctx, neo4j.SessionConfig{
		DatabaseName: q.database,
		AccessMode:   neo4j.AccessModeRead,
		FetchSize:    neo4j.FetchAll,
	})
	defer sess.Close(dctx)
	recs, err := neo4j.ExecuteRead(dctx, sess, func(tx neo4j.ManagedTransaction) ([]*neo4j.Record, error) {
		res, err := tx.Run(dctx, cypher, params)
		if err != nil {
			return nil, err
		}
		return res.Collect(dctx)
	}, timeout...)
	if err != nil {
		return nil, store.ClassifyContext(ctx, err)
	}
	return recs, nil
}

// withoutDeadline returns a context that is cancelled with ctx but carries
// no deadline, for the driver calls of a query whose deadline already
// travels to Neo4j as the transaction timeout. Given a deadline, the Go
// driver races every socket read (one or two per record) against it in a
// goroutine of its own with a timer; without one it reads directly, and
// Neo4j still ends the transaction on time. The price: a read already
// waiting when the request is cancelled (its client gone) waits for Neo4j's
// answer or the transaction timeout instead of returning at once; the next
// read sees the cancellation.
func withoutDeadline(ctx context.Context) (context.Context, func()) {
	if _, ok := ctx.Deadline(); !ok {
		return ctx, func() {}
	}
	c, cancel := context.WithCancelCause(context.WithoutCancel(ctx))
	stopAfter := context.AfterFunc(ctx, func() { cancel(context.Cause(ctx)) })
	return c, func() {
		stopAfter()
		cancel(nil)
	}
}

// txTimeout turns the context deadline into a transaction timeout.
func txTimeout(ctx context.Context) []func(*neo4j.TransactionConfig) {
	dl, ok := ctx.Deadline()
	if !ok {
		return nil
	}
	return []func(*neo4j.TransactionConfig){neo4j.WithTxTimeout(max(time.Until(dl), minTxTimeout))}
}

// entityExists distinguishes "no results" from "no such entity" (404).
const entityExists = `MATCH (e:Entity {id: $id}) RETURN e.id AS id LIMIT 1`

func (q *Queries) requireEntity(ctx context.Context, field, id string) error {
	recs, err := q.read(ctx, "entity_exists", entityExists, map[string]any{"id": id})
	if err != nil {
		return err
	}
	if len(recs) == 0 {
		return &graph.Error{Code: graph.ENOTFOUND, Field: field, Message: fmt.Sprintf("no entity %q", id)}
	}
	return nil
}

// Plan is one parameterised query as a Queries method runs it. The *Plan
// functions expose them so that benchmarks can run exactly the same Cypher
// through the bare driver and measure what the API adds.
type Plan struct {
	Name   string
	Cypher string
	Params map[string]any
	// Fallback plans run only when the plan before them found nothing.
	Fallback bool
}

// Page is one page of a cursor-paginated answer. NextCursor is empty on the
// last page.
type Page[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"next_cursor,omitempty"`
}

// Limits of the paginated queries.
const (
	DefaultLimit = 50
	MaxLimit     = 200
	// MaxQueryLen bounds free-text parameters, so a huge string is a 400
	// and never reaches Lucene or Cypher.
	MaxQueryLen = 500
	// MaxIDLen bounds id parameters for the same reason.
	MaxIDLen = 512
)

func checkLimit(limit, def, maxLimit int) (int, error) {
	switch {
	case limit == 0:
		return def, nil
	case limit < 0 || limit > maxLimit:
		return 0, graph.FieldError("limit", "must be between 1 and %d", maxLimit)
	}
	return limit, nil
}

func checkID(field, id string, required bool) error {
	switch {
	case id == "" && required:
		return graph.FieldError(field, "is required")
	case len(id) > MaxIDLen:
		return graph.FieldError(field, "is longer than %d bytes", MaxIDLen)
	}
	return nil
}

func checkText(field, s string) error {
	if len(s) > MaxQueryLen {
		return graph.FieldError(field, "is longer than %d bytes", MaxQueryLen)
	}
	return nil
}

// nullable maps the zero value to a Cypher null, for the optional-filter
// idiom `$x IS NULL OR …`.
func nullable[T comparable](v T) any {
	var zero T
	if v == zero {
		return nil
	}
	return v
}

// fieldRename re-labels a field error from a shared check.
func fieldRename(err error, field string) error {
	var e *graph.Error
	if errors.As(err, &e) && e.Field != "" {
		c := *e
		c.Field = field
		return &c
	}
	return err
}
