package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/spf13/cobra"

	"github.com/whosaid/whosaid/api"
	"github.com/whosaid/whosaid/config"
	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/graph/store"
)

// Backoff of the background connection to Neo4j while serving.
const (
	reconnectFirst = time.Second
	reconnectMax   = 10 * time.Second
)

func newServeCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the API, the exports and the web explorer over HTTP",
		Long: `Serve listens on http.addr (--addr) and serves the researchers' API under
/api/v1, the graph exports and the web explorer, plus /healthz (the process is
up) and /readyz (Neo4j reachable and the schema current).

At start it connects to Neo4j and applies the schema migrations. If Neo4j is
not reachable it serves anyway — /readyz and data endpoints answer 503 with
Retry-After — and keeps retrying in the background with backoff. Once
connected, a health check asks Neo4j every second: while it does not answer,
data endpoints answer 503 with Retry-After at once (requests already waiting
are cancelled with the same answer) and /readyz says why; the first answer
restores service. SIGINT or
SIGTERM stop it gracefully: in-flight requests get http.shutdown_timeout to
finish.`,
		Example: `  whosaid serve
  whosaid serve --addr 127.0.0.1:9000
  WHOSAID_API_KEYS=$(openssl rand -hex 24) whosaid serve`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := a.config(cmd)
			if err != nil {
				return err
			}
			return a.serve(cmd.Context(), cmd.OutOrStdout(), cfg)
		},
	}
	a.bindFlag(cmd, "http.addr", "addr")
	return cmd
}

// serve runs the HTTP server until ctx is cancelled, then shuts it down
// gracefully. It prints the URLs to out once it listens.
func (a *app) serve(ctx context.Context, out io.Writer, cfg config.Config) error {
	gin.SetMode(gin.ReleaseMode)
	defaultGC(api.GCPercent)
	log := a.logger(cfg)
	x, err := newExtractor(cfg.Extract)
	if err != nil {
		return err
	}
	srv := api.New(cfg, nil, log, api.WithExtractor(x))

	ln, err := net.Listen("tcp", cfg.HTTP.Addr)
	if err != nil {
		return &exitError{code: exitConfig, err: fmt.Errorf("listen on %s: %w (set http.addr / WHOSAID_HTTP_ADDR / --addr)", cfg.HTTP.Addr, err)}
	}
	hs := &http.Server{
		Handler:           srv.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       cfg.HTTP.ReadTimeout,
		WriteTimeout:      cfg.HTTP.WriteTimeout,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	printURLs(out, ln.Addr())
	log.Info("listening", "addr", ln.Addr().String(), "neo4j", cfg.Neo4j.URI)

	var wg sync.WaitGroup
	wg.Go(func() { connect(ctx, cfg, srv, log) })

	select {
	case err := <-served:
		// Serve only returns early on a listener failure.
		wg.Wait()
		closeStore(srv)
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}

	log.Info("shutting down", "timeout", cfg.HTTP.ShutdownTimeout)
	shutdownCtx, cancel := context.WithTimeout(context.Background(), cfg.HTTP.ShutdownTimeout)
	defer cancel()
	err = hs.Shutdown(shutdownCtx)
	wg.Wait()
	closeStore(srv)
	if err != nil {
		return fmt.Errorf("shutdown: %w (requests still running after http.shutdown_timeout)", err)
	}
	log.Info("stopped")
	return nil
}

// connect opens the store and migrates it, retrying with backoff until it
// succeeds or ctx ends, and hands the store to the server. Meanwhile the
// server answers /readyz with 503 and the reason.
func connect(ctx context.Context, cfg config.Config, srv *api.Server, log *slog.Logger) {
	opts := storeOptions(cfg, log)
	opts.ConnectWait = 0 // this loop does the waiting, and reports while it waits
	delay := reconnectFirst
	for attempt := 1; ; attempt++ {
		st, err := store.Open(ctx, opts)
		if err == nil {
			var applied []string
			applied, err = st.Migrate(ctx)
			for _, m := range applied {
				log.Info("applied migration", "migration", m)
			}
			if err == nil {
				srv.SetStore(st)
				log.Info("neo4j ready", "uri", cfg.Neo4j.URI, "schema_version", store.SchemaVersion(), "attempts", attempt)
				return
			}
			st.Close(context.Background())
		}
		if ctx.Err() != nil {
			return
		}
		srv.SetNotReady(notReadyReason(err))
		level := slog.LevelWarn
		if graph.ErrorCode(err) == graph.EUNAUTH {
			level = slog.LevelError // retrying will not help until the password is fixed
		}
		log.Log(ctx, level, "neo4j not ready; serving 503 on /readyz and retrying", "uri", cfg.Neo4j.URI, "in", delay, "err", err)
		select {
		case <-ctx.Done():
			return
		case <-time.After(delay):
		}
		delay = min(delay*2, reconnectMax)
	}
}

// notReadyReason is what /readyz tells clients: the domain message, never
// the driver's text (which names internal addresses).
func notReadyReason(err error) string {
	var ge *graph.Error
	if errors.As(err, &ge) {
		return ge.Message
	}
	if strings.HasPrefix(err.Error(), "migration") {
		return "schema migration failed; see the server log"
	}
	return "neo4j check failed; see the server log"
}

// closeStore closes the store, also while Neo4j is down (srv.Store then
// refuses it), which stops its health check.
func closeStore(srv *api.Server) {
	_ = srv.CloseStore(context.Background())
}

// printURLs tells the user where to go; a wildcard listen address is
// shown as localhost, which is what a browser on this machine opens.
func printURLs(out io.Writer, addr net.Addr) {
	host, port, _ := net.SplitHostPort(addr.String())
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "localhost"
	}
	base := "http://" + net.JoinHostPort(host, port)
	fmt.Fprintf(out, "whosaid is listening on %s\n", base)
	fmt.Fprintf(out, "  explorer   %s/\n", base)
	fmt.Fprintf(out, "  API        %s/api/v1/\n", base)
	fmt.Fprintf(out, "  health     %s/healthz\n", base)
	fmt.Fprintf(out, "  readiness  %s/readyz (503 until Neo4j is reachable and migrated)\n", base)
}
