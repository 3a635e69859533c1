package main

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/whosaid/whosaid/graph/store"
)

func newQuotesCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "quotes",
		Short: "Maintain the quotes that cluster the statements of one remark",
		Long: `Quotes groups the commands that maintain (:Quote) nodes, which the loader
builds as it writes (see docs/graph-model.md, "Quotes").`,
		Example: `  whosaid quotes backfill
  whosaid quotes backfill --batch-size 500 --refresh`,
		Args: cobra.NoArgs,
	}
	cmd.AddCommand(newQuotesBackfillCmd(a))
	return cmd
}

func newQuotesBackfillCmd(a *app) *cobra.Command {
	var batch int
	var refresh bool
	cmd := &cobra.Command{
		Use:   "backfill",
		Short: "Cluster the statements that report no quote yet",
		Long: `Backfill clusters into quotes the statements that report none: those loaded
before quotes existed (schema migration 9) or with quotes.enabled off. It
works as the loader does, a batch of statements per write transaction in
statement id order, each batch locking its speakers, so it can run while
ingest writes. It is resumable and idempotent: after an interruption, or a
second time, it only finds what is left. Statements without a resolved
speaker get no quote. Progress goes to stderr after each batch, a JSON
summary to stdout.

--refresh afterwards recomputes every quote's summary, id and keys from its
reports (what a bulk import needs once).

The clustering parameters are the quotes.* keys; quotes.enabled must be
true.`,
		Example: `  whosaid migrate && whosaid quotes backfill
  whosaid quotes backfill --batch-size 500
  whosaid quotes backfill --refresh --log-level warn`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if batch <= 0 {
				return &exitError{code: exitConfig, err: fmt.Errorf("quotes backfill: --batch-size must be positive, got %d", batch)}
			}
			cfg, err := a.config(cmd)
			if err != nil {
				return err
			}
			if !cfg.Quotes.Enabled {
				return &exitError{code: exitConfig, err: fmt.Errorf("quotes backfill: quotes.enabled is false")}
			}
			ctx := cmd.Context()
			st, err := a.openStore(ctx, cfg)
			if err != nil {
				return err
			}
			defer st.Close(context.Background())
			if _, err := st.Migrate(ctx); err != nil {
				return fmt.Errorf("quotes backfill: %w", err)
			}
			start := time.Now()
			errOut := cmd.ErrOrStderr()
			stats, err := st.BackfillQuotes(ctx, batch, func(s store.BackfillStats) {
				fmt.Fprintf(errOut, "quotes backfill: %d statements read, %d clustered, %d quotes founded (%.0f statements/s)\n",
					s.Visited, s.Clustered, s.Founded, float64(s.Visited)/time.Since(start).Seconds())
			})
			if err != nil {
				return fmt.Errorf("quotes backfill: %w (rerun to resume)", err)
			}
			out := struct {
				store.BackfillStats
				Refreshed *int64  `json:"refreshed,omitempty"`
				Seconds   float64 `json:"seconds"`
			}{BackfillStats: stats}
			if refresh {
				n, err := st.RefreshQuotes(ctx)
				if err != nil {
					return fmt.Errorf("quotes backfill: %w", err)
				}
				out.Refreshed = &n
			}
			out.Seconds = time.Since(start).Seconds()
			enc := json.NewEncoder(cmd.OutOrStdout())
			return enc.Encode(out)
		},
	}
	cmd.Flags().IntVar(&batch, "batch-size", 1000, "statements per write transaction")
	cmd.Flags().BoolVar(&refresh, "refresh", false, "then recompute every quote's summary, id and keys")
	return cmd
}
