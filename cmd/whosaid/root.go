package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/whosaid/whosaid/config"
	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/graph/quote"
	"github.com/whosaid/whosaid/graph/store"
)

// app carries what every command shares: how to build the configuration,
// the logger and the store.
//
// How a command gets its configuration and binds its own flags:
//
//	func newFooCmd(a *app) *cobra.Command {
//		cmd := &cobra.Command{Use: "foo", RunE: func(cmd *cobra.Command, args []string) error {
//			cfg, err := a.config(cmd) // defaults < file < WHOSAID_* < flags, validated
//			if err != nil {
//				return err
//			}
//			log := a.logger(cfg)
//			st, err := a.openStore(cmd.Context(), cfg) // waits up to neo4j.connect_wait
//			if err != nil {
//				return err
//			}
//			defer st.Close(context.Background())
//			…
//		}}
//		// --workers sets ingest.workers with the highest precedence; its
//		// type, default and help come from the key (see config.BindFlag).
//		a.bindFlag(cmd, "ingest.workers", "workers")
//		return cmd
//	}
//
// A flag bound this way is read only through cfg, never through a Go
// variable, so `whosaid config` and every other command agree on it.
type app struct {
	cfgFile string
	root    *cobra.Command
}

func newRootCmd() *cobra.Command {
	a := &app{}
	cmd := &cobra.Command{
		Use:   "whosaid",
		Short: "Turn news articles into a Neo4j graph of who said what",
		Long: `whosaid extracts who said what from news articles, stores it as a graph in
Neo4j and serves it to researchers through an HTTP API and a web explorer.

Configuration comes from, in increasing precedence: built-in defaults, a YAML
file (--config, else ./whosaid.yaml if present), WHOSAID_* environment
variables and flags. "whosaid config" shows the effective values and where
each came from; docs/configuration.md lists every key.`,
		Example: `  whosaid extract --format table examples/istanbul-talks-2022-03-29.txt
  whosaid ingest examples/istanbul-talks-2022-03-29.txt
  whosaid serve --addr 127.0.0.1:8080
  whosaid export --format gexf -o graph.gexf
  whosaid config`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	a.root = cmd
	cmd.PersistentFlags().StringVar(&a.cfgFile, "config", "", "configuration file (default: ./whosaid.yaml if present)")
	a.bindPersistentFlag(cmd, "neo4j.uri", "neo4j-uri")
	a.bindPersistentFlag(cmd, "log.level", "log-level")
	a.bindPersistentFlag(cmd, "log.format", "log-format")
	cmd.AddCommand(
		newVersionCmd(),
		newConfigCmd(a),
		newMigrateCmd(a),
		newServeCmd(a),
		newExtractCmd(a),
		newIngestCmd(a),
		newWatchCmd(a),
		newImportCmd(a),
		newDeleteCmd(a),
		newExportCmd(a),
		newQuotesCmd(a),
	)
	return cmd
}

// bindFlag defines flag name on cmd for the configuration key (see the
// example on app). It panics on an unknown key.
func (a *app) bindFlag(cmd *cobra.Command, key, name string) {
	config.BindFlag(cmd.Flags(), key, name)
}

// bindPersistentFlag is bindFlag for a flag that cmd's subcommands inherit.
func (a *app) bindPersistentFlag(cmd *cobra.Command, key, name string) {
	config.BindFlag(cmd.PersistentFlags(), key, name)
}

// load builds the effective configuration for cmd, with the source of
// every value.
func (a *app) load(cmd *cobra.Command) (*config.Loaded, error) {
	return config.Load(config.Options{File: a.cfgFile, Flags: cmd.Flags()})
}

// config builds the validated effective configuration for cmd: defaults <
// file < WHOSAID_* environment < cmd's bound flags.
func (a *app) config(cmd *cobra.Command) (config.Config, error) {
	l, err := a.load(cmd)
	if err != nil {
		return config.Config{}, &exitError{code: exitConfig, err: err}
	}
	return l.Config, nil
}

// stderr is where logs go: the root command's error stream, which tests
// replace.
func (a *app) stderr() io.Writer {
	if a.root != nil {
		return a.root.ErrOrStderr()
	}
	return io.Discard
}

// logger builds the structured logger that log.level and log.format ask
// for, writing to stderr.
func (a *app) logger(cfg config.Config) *slog.Logger {
	return newLogger(a.stderr(), cfg.Log)
}

func newLogger(w io.Writer, c config.Log) *slog.Logger {
	var level slog.Level
	if err := level.UnmarshalText([]byte(c.Level)); err != nil {
		level = slog.LevelInfo // config.Validate rejects unknown levels
	}
	opts := &slog.HandlerOptions{Level: level}
	if c.Format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// storeOptions maps the configuration to store options.
// defaultGC sets the garbage-collection target of a command whose live heap
// is small and whose garbage is short-lived (serve, export), unless the
// user chose one with GOGC.
func defaultGC(percent int) {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(percent)
	}
}

func storeOptions(cfg config.Config, log *slog.Logger) store.Options {
	return store.Options{
		URI:         cfg.Neo4j.URI,
		Username:    cfg.Neo4j.Username,
		Password:    cfg.Neo4j.Password,
		Database:    cfg.Neo4j.Database,
		ConnectWait: cfg.Neo4j.ConnectWait,
		MaxPoolSize: cfg.Neo4j.MaxPoolSize,
		Logger:      log,

		MaxConnectionLifetime: cfg.Neo4j.MaxConnectionLifetime,
		AcquisitionTimeout:    cfg.Neo4j.AcquisitionTimeout,
		Quotes:                quoteOptions(cfg),
	}
}

// quoteOptions are the clustering parameters of cfg; the rows per band and
// the anchors keep their measured defaults.
func quoteOptions(cfg config.Config) quote.Options {
	return quote.Options{Enabled: cfg.Quotes.Enabled, Jaccard: cfg.Quotes.Jaccard,
		Containment: cfg.Quotes.Containment, Bands: cfg.Quotes.Bands, Rows: quote.Defaults().Rows}
}

// openStore connects to Neo4j, retrying for neo4j.connect_wait, and says
// what to do when it cannot. It does not migrate: call st.Migrate.
func (a *app) openStore(ctx context.Context, cfg config.Config) (*store.Store, error) {
	st, err := store.Open(ctx, storeOptions(cfg, a.logger(cfg)))
	if err != nil {
		return nil, &exitError{code: exitUnavailable, err: neo4jHint(cfg, err)}
	}
	return st, nil
}

// neo4jHint adds what to do to a connection error.
func neo4jHint(cfg config.Config, err error) error {
	switch graph.ErrorCode(err) {
	case graph.EUNAVAILABLE:
		return fmt.Errorf("neo4j at %s: %w (waited %s; start it with `make neo4j-start` or deploy/neo4j/neo4j-local start, or set neo4j.uri / WHOSAID_NEO4J_URI)", cfg.Neo4j.URI, err, cfg.Neo4j.ConnectWait)
	case graph.EUNAUTH:
		return fmt.Errorf("neo4j at %s: %w", cfg.Neo4j.URI, err)
	}
	return fmt.Errorf("neo4j at %s: %w", cfg.Neo4j.URI, err)
}

// Exit statuses besides 1 (any other failure).
const (
	exitConfig      = 2 // invalid configuration or usage
	exitUnavailable = 3 // Neo4j not reachable or refused us
)

// exitError carries a process exit status through cobra.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func exitCode(err error) int {
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return 1
}
