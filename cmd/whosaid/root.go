package main

import (
	"errors"

	"github.com/spf13/cobra"

	"github.com/whosaid/whosaid/config"
)

// app carries what every command shares: how to build the configuration.
type app struct {
	cfgFile string
}

func newRootCmd() *cobra.Command {
	a := &app{}
	cmd := &cobra.Command{
		Use:           "whosaid",
		Short:         "Turn news articles into a Neo4j graph of who said what",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	cmd.PersistentFlags().StringVar(&a.cfgFile, "config", "", "configuration file (default: ./whosaid.yaml if present)")
	cmd.AddCommand(
		newVersionCmd(),
		newExtractCmd(a),
	)
	return cmd
}

// config builds the effective configuration for cmd. (Stub: replaced by the
// viper-backed loader in config/.)
func (a *app) config(cmd *cobra.Command) (config.Config, error) {
	return config.Config{Ingest: config.Ingest{Workers: 2, BatchSize: 200, MaxFileSize: 10 << 20}}, nil
}

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
