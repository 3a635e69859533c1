package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/whosaid/whosaid/graph/store"
)

func newMigrateCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "migrate",
		Short: "Apply the graph schema migrations (constraints and indexes)",
		Long: `Migrate connects to Neo4j (retrying for neo4j.connect_wait), applies the
schema migrations that have not run yet — uniqueness constraints, lookup and
full-text indexes — records them in the graph as (:SchemaMigration) nodes and
waits for the indexes to come online. Running it again changes nothing.
"whosaid serve" and "whosaid ingest" migrate at start too.`,
		Example: `  whosaid migrate
  whosaid migrate --neo4j-uri bolt://db.example.org:7687
  eval "$(deploy/neo4j/neo4j-local env)" && whosaid migrate   # the local Neo4j`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := a.config(cmd)
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			st, err := a.openStore(ctx, cfg)
			if err != nil {
				return err
			}
			defer st.Close(context.Background())
			applied, err := st.Migrate(ctx)
			out := cmd.OutOrStdout()
			for _, m := range applied {
				fmt.Fprintf(out, "applied migration %s\n", m)
			}
			if err != nil {
				return fmt.Errorf("migrate: %w", err)
			}
			if len(applied) == 0 {
				fmt.Fprintf(out, "schema up to date (version %d)\n", store.SchemaVersion())
			} else {
				fmt.Fprintf(out, "schema now at version %d\n", store.SchemaVersion())
			}
			return nil
		},
	}
}
