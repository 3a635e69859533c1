package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/whosaid/whosaid/graph/store"
)

func newDeleteCmd(a *app) *cobra.Command {
	var id, url string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "delete --document ID | --url URL",
		Short: "Remove one document's contribution from the graph",
		Long: `Delete removes one document and everything only it contributed: its
statements, the roles it stated, aliases and role titles no other document
supplies, and entities no remaining document supports. Entities that other
documents also support stay, with their aliases recomputed.

--url also accepts the path a document was read from (its key when it had no
URL).`,
		Example: `  whosaid delete --document sha256:3f1c…
  whosaid delete --url https://example.org/news/1`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if (id == "") == (url == "") {
				return fmt.Errorf("give exactly one of --document ID or --url URL")
			}
			cfg, err := a.config(cmd)
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			s, err := a.openStore(ctx, cfg)
			if err != nil {
				return err
			}
			defer s.Close(context.Background())
			if _, err := s.Migrate(ctx); err != nil {
				return fmt.Errorf("delete: %w", err)
			}
			var res store.DeleteResult
			if id != "" {
				res, err = s.DeleteDocument(ctx, id)
			} else {
				res, err = s.DeleteByKey(ctx, url)
			}
			if err != nil {
				return err
			}
			if asJSON {
				b, err := json.Marshal(res)
				if err != nil {
					return err
				}
				fmt.Fprintln(cmd.OutOrStdout(), string(b))
				return nil
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "delete: %d document(s), %d statements, %d entities removed, %d entities updated\n",
				len(res.Documents), res.Statements, res.EntitiesRemoved, res.EntitiesUpdated)
			return nil
		},
	}
	cmd.Flags().StringVar(&id, "document", "", "id of the document to delete (sha256:…)")
	cmd.Flags().StringVar(&url, "url", "", "URL (or path) of the document to delete")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print what was removed as JSON on stdout")
	return cmd
}
