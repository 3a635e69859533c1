// Package store is whosaid's Neo4j storage: driver construction, schema
// migrations, loading extractions and deleting documents. Every Cypher
// statement is parameterised and lives beside the Go function that runs it.
package store

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	neo4jconfig "github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/graph/quote"
)

// Options says how to reach Neo4j.
type Options struct {
	URI         string
	Username    string
	Password    string
	Database    string        // "" means the server's default database
	ConnectWait time.Duration // how long Open retries an unreachable server; 0 tries once
	MaxPoolSize int
	// MaxConnectionLifetime closes pooled connections older than this
	// (0: the driver's default, an hour). Below a load balancer or Aura's
	// idle cut-off it spares the first query after a quiet spell a dead
	// connection.
	MaxConnectionLifetime time.Duration
	// AcquisitionTimeout bounds the wait for a pooled connection (0: 30 s).
	AcquisitionTimeout time.Duration
	Logger             *slog.Logger
	// Quotes clusters the statements Load writes into quotes (see
	// quotes.go); the zero value leaves them unclustered.
	Quotes quote.Options
	// Steps, when set, adds up the time of each query Load runs
	// (bench/ingest); nil times nothing.
	Steps *StepTimer
}

// Store is a handle on one Neo4j database. It is safe for concurrent use.
type Store struct {
	driver   neo4j.DriverWithContext
	database string
	log      *slog.Logger
	quotes   quote.Options
	steps    *StepTimer
	health   health // see health.go; idle unless StartHealthChecks
	// newProbeDriver builds the health check's own driver (one
	// connection), so that a pool busy with long queries is not taken for
	// a server that does not answer.
	newProbeDriver func() (neo4j.DriverWithContext, error)
}

// New builds a Store without contacting the server; use Open to also wait
// for it, or Ping to check it later.
func New(opts Options) (*Store, error) {
	if opts.URI == "" {
		return nil, graph.FieldError("neo4j.uri", "is empty")
	}
	auth := neo4j.NoAuth()
	if opts.Username != "" {
		auth = neo4j.BasicAuth(opts.Username, opts.Password, "")
	}
	drv, err := neo4j.NewDriverWithContext(opts.URI, auth, func(c *neo4jconfig.Config) {
		if opts.MaxPoolSize > 0 {
			c.MaxConnectionPoolSize = opts.MaxPoolSize
		}
		if opts.MaxConnectionLifetime > 0 {
			c.MaxConnectionLifetime = opts.MaxConnectionLifetime
		}
		c.SocketConnectTimeout = 5 * time.Second
		c.ConnectionAcquisitionTimeout = 30 * time.Second
		if opts.AcquisitionTimeout > 0 {
			c.ConnectionAcquisitionTimeout = opts.AcquisitionTimeout
		}
	})
	if err != nil {
		return nil, &graph.Error{Code: graph.EINVALID, Field: "neo4j.uri", Message: fmt.Sprintf("cannot use %q", opts.URI), Err: err}
	}
	drv = causalDriver{DriverWithContext: drv, database: opts.Database}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	probe := func() (neo4j.DriverWithContext, error) {
		return neo4j.NewDriverWithContext(opts.URI, auth, func(c *neo4jconfig.Config) {
			c.MaxConnectionPoolSize = 1
			c.SocketConnectTimeout = healthProbeTimeout
			c.ConnectionAcquisitionTimeout = healthProbeTimeout
		})
	}
	quotes := opts.Quotes
	if quotes.Enabled {
		quotes = quotes.WithDefaults()
	}
	return &Store{driver: drv, database: opts.Database, log: log, quotes: quotes, steps: opts.Steps, newProbeDriver: probe}, nil
}

// Open builds a Store and waits, with exponential backoff up to
// opts.ConnectWait, until the server answers.
func Open(ctx context.Context, opts Options) (*Store, error) {
	s, err := New(opts)
	if err != nil {
		return nil, err
	}
	deadline := time.Now().Add(opts.ConnectWait)
	delay := 250 * time.Millisecond
	for {
		err = s.Ping(ctx)
		if err == nil {
			return s, nil
		}
		if graph.ErrorCode(err) == graph.EUNAUTH || time.Now().Add(delay).After(deadline) {
			s.Close(context.Background())
			return nil, err
		}
		s.log.Info("neo4j not reachable yet; retrying", "uri", opts.URI, "in", delay, "err", err)
		select {
		case <-ctx.Done():
			s.Close(context.Background())
			return nil, ctx.Err()
		case <-time.After(delay):
		}
		delay = min(delay*2, 5*time.Second)
	}
}

// Close stops the health check, if running, and releases the driver's
// connections.
func (s *Store) Close(ctx context.Context) error {
	s.stopHealthChecks()
	return s.driver.Close(ctx)
}

// causalDriver gives every session the store's database when it names
// none, and the driver's own bookmark manager (the one ExecuteQuery uses)
// when it brings none. So all sessions and ExecuteQuery calls of one
// process form one causal chain: a read that follows a write in this
// process, on a cluster or Aura, is served by a member that has applied
// that write, even when it is routed to a secondary. Bookmarks cost
// nothing on a single server. Consistency across processes (two API
// replicas) is not promised: see docs/scaling.md.
type causalDriver struct {
	neo4j.DriverWithContext
	database string
}

func (d causalDriver) NewSession(ctx context.Context, cfg neo4j.SessionConfig) neo4j.SessionWithContext {
	if cfg.DatabaseName == "" {
		cfg.DatabaseName = d.database
	}
	if cfg.BookmarkManager == nil {
		cfg.BookmarkManager = d.ExecuteQueryBookmarkManager()
	}
	return d.DriverWithContext.NewSession(ctx, cfg)
}

// Driver exposes the driver to the read-query package (queries) and tests.
func (s *Store) Driver() neo4j.DriverWithContext { return s.driver }

// Database is the database name sessions use ("" = server default).
func (s *Store) Database() string { return s.database }

// Ping checks that the server answers and accepts our credentials.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.driver.VerifyConnectivity(ctx); err != nil {
		return classify(err)
	}
	return nil
}

// classify turns driver errors into domain errors with a code, so that
// callers (CLI, API) can say what to do.
func classify(err error) error {
	if err == nil {
		return nil
	}
	var ge *graph.Error
	if errors.As(err, &ge) {
		return err
	}
	var ne *neo4j.Neo4jError
	if errors.As(err, &ne) {
		switch {
		case ne.Code == "Neo.ClientError.Security.Unauthorized" || ne.Code == "Neo.ClientError.Security.AuthenticationRateLimit":
			return &graph.Error{Code: graph.EUNAUTH, Message: "neo4j rejected the credentials (check neo4j.username and neo4j.password / WHOSAID_NEO4J_PASSWORD_FILE)", Err: err}
		case ne.Code == "Neo.ClientError.Transaction.TransactionTimedOut" || ne.Code == "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration":
			return &graph.Error{Code: graph.ETIMEOUT, Message: "query exceeded its time limit", Err: err}
		case ne.Code == "Neo.ClientError.Statement.AccessMode" || ne.Code == "Neo.ClientError.Security.Forbidden":
			return &graph.Error{Code: graph.EFORBIDDEN, Message: "not allowed in a read-only transaction", Err: err}
		case ne.Code == "Neo.TransientError.General.DatabaseUnavailable":
			return &graph.Error{Code: graph.EUNAVAILABLE, Message: "the neo4j database is not available", Err: err}
		}
		return err
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return &graph.Error{Code: graph.ETIMEOUT, Message: "query exceeded its time limit", Err: err}
	}
	if neo4j.IsConnectivityError(err) {
		return &graph.Error{Code: graph.EUNAVAILABLE, Message: "neo4j is not reachable", Err: err}
	}
	return err
}

// Classify exposes classify to the queries package.
func Classify(err error) error { return classify(err) }

// ClassifyContext is Classify for a call made under ctx: when ctx's deadline
// has passed, the driver sometimes reports the cut connection as a
// connectivity error, but the truth is that the query ran out of time.
//
// When ctx was cancelled because the store became unavailable (see Watch),
// that EUNAVAILABLE cause is the answer.
func ClassifyContext(ctx context.Context, err error) error {
	var cause *graph.Error
	if err != nil && ctx.Err() != nil && errors.As(context.Cause(ctx), &cause) && cause.Code == graph.EUNAVAILABLE {
		return &graph.Error{Code: graph.EUNAVAILABLE, Message: cause.Message, Err: err}
	}
	if err != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) {
		var ge *graph.Error
		if !errors.As(err, &ge) || ge.Code == graph.EUNAVAILABLE {
			return &graph.Error{Code: graph.ETIMEOUT, Message: "query exceeded its time limit", Err: err}
		}
	}
	return classify(err)
}
