package main

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/whosaid/whosaid/graph/store"
	"github.com/whosaid/whosaid/ingest/extract"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of whosaid, its extractor and its graph schema",
		Long: `Version prints whosaid's version and source revision, the Go release it
was built with, the extractor version (stored on every document as
extractor_version) and the graph schema version (what "whosaid migrate"
brings a database to). It needs no database.`,
		Example: `  whosaid version
  whosaid version | sed -n 2p   # the extractor version alone`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			rev := "unknown"
			if bi, ok := debug.ReadBuildInfo(); ok {
				for _, s := range bi.Settings {
					if s.Key == "vcs.revision" {
						rev = s.Value
					}
				}
			}
			fmt.Fprintf(cmd.OutOrStdout(), "whosaid %s (revision %s, %s)\nextractor %s\nschema %d\n",
				version, rev, runtime.Version(), extract.Version, store.SchemaVersion())
			return nil
		},
	}
}
