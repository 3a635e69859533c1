package main

import "github.com/spf13/cobra"

// newExtractCmd: stub, owned by the readers/extract-command work.
func newExtractCmd(a *app) *cobra.Command {
	return &cobra.Command{Use: "extract PATH...", Short: "Extract statements (not implemented yet)", Hidden: true}
}
