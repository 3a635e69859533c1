package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/whosaid/whosaid/config"
	"github.com/whosaid/whosaid/export"
)

// runExportReports writes the quote reports CSV (--model reports): one
// plain CSV file, complete or not at all.
func runExportReports(cmd *cobra.Command, cfg config.Config, f exportFlags, sc export.Scope) error {
	format, err := export.ParseFormat(f.format)
	if err != nil {
		return err
	}
	if format != export.CSV || sc.Entity != "" {
		return fmt.Errorf("--model reports exports quote reports as --format csv, for all quotes or one --speaker's")
	}
	ctx := cmd.Context()
	st, err := openExportStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close(context.WithoutCancel(ctx))
	var out io.Writer = cmd.OutOrStdout()
	var file *os.File
	if f.output != "-" {
		file, err = os.CreateTemp(filepath.Dir(f.output), "."+filepath.Base(f.output)+".*")
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		defer os.Remove(file.Name())
		defer file.Close()
		if err := file.Chmod(outputMode(f.output)); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		out = file
	}
	start := time.Now()
	x := &export.Exporter{Driver: st.Driver(), Database: st.Database()}
	n, err := x.ExportReports(ctx, sc, out)
	if err == nil && file != nil {
		if err = file.Close(); err == nil {
			err = os.Rename(file.Name(), f.output)
		}
	}
	if err != nil {
		return fmt.Errorf("export reports: %w", err)
	}
	if !f.quiet {
		fmt.Fprintf(cmd.ErrOrStderr(), "export: %d quote reports as csv in %.1fs\n", n, time.Since(start).Seconds())
	}
	return nil
}
