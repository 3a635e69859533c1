package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/whosaid/whosaid/config"
	"github.com/whosaid/whosaid/export"
	"github.com/whosaid/whosaid/graph/store"
	"github.com/whosaid/whosaid/ingest/pipeline"
	"github.com/whosaid/whosaid/ingest/source"
)

type importFlags struct {
	to          string
	extractions bool
	admin       string
	database    string
	overwrite   bool
	finish      bool
	summary     string
	inputFlags
	shardFlag
}

func newImportCmd(a *app) *cobra.Command {
	var f importFlags
	cmd := &cobra.Command{
		Use:   "import [flags] --to DIR CORPUS...",
		Short: "Bulk-load a large corpus offline with neo4j-admin import (a new database)",
		Long: `Import extracts a corpus in parallel workers (or reads extraction JSONL with
--extractions) and writes the whole stored model (documents, statements,
entities and every relationship, with the ids and properties "whosaid ingest"
would write for the same documents in the same order) as neo4j-admin CSV files
into DIR. Then it runs

  ADMIN database import full … DATABASE

(--admin, default neo4j-admin; "" only writes the files) into a new database:
the target server must be stopped, and an existing database is replaced only
with --overwrite. Start the server, then run "whosaid import --finish": it
applies the schema migrations and restores the empty lists neo4j-admin cannot
store. From then on "whosaid ingest" continues incrementally: an imported
document is skipped, a new version replaces it.

A key (URL, else path) seen twice with different content keeps its first
version; the later one is reported failed, to be ingested online afterwards.
With quotes.enabled (the default) statements are clustered into quotes as
ingest clusters them: sorted by speaker on disk in DIR/.import-scratch, then
one speaker at a time, so the files hold every quote with its summary
(--finish computes those of the few speakers too large for memory).
--shard i/n imports one shard.
docs/scaling.md has the measured rates and the steps for large corpora.`,
		Example: `  export WHOSAID_NEO4J_PORT=7700   # a new local instance for the imported database
  whosaid import --to /tmp/bulk --admin "deploy/neo4j/neo4j-local admin" corpus/
  deploy/neo4j/neo4j-local start && eval "$(deploy/neo4j/neo4j-local env)"
  whosaid import --finish
  whosaid import --extractions --admin "" --to /tmp/bulk shard-*.jsonl   # files only`,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := a.config(cmd)
			if err != nil {
				return err
			}
			if f.finish {
				if len(args) > 0 {
					return &exitError{code: exitConfig, err: errors.New("--finish takes no CORPUS")}
				}
				return runImportFinish(cmd, a, cfg)
			}
			if len(args) == 0 || f.to == "" {
				return &exitError{code: exitConfig, err: errors.New("import needs --to DIR and at least one CORPUS path (or --finish)")}
			}
			if f.summary != "text" && f.summary != "json" {
				return &exitError{code: exitConfig, err: fmt.Errorf("--summary: want text or json, got %q", f.summary)}
			}
			if err := f.check(); err != nil {
				return err
			}
			if err := f.shardFlag.parse(); err != nil {
				return err
			}
			return runImport(cmd, cfg, args, f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.to, "to", "", "directory for the CSV files (created; must hold no CSV files)")
	fl.BoolVar(&f.extractions, "extractions", false, "inputs are extraction JSONL (whosaid extract --include-text), not articles")
	fl.StringVar(&f.admin, "admin", "neo4j-admin", `neo4j-admin command to run on the files (split at spaces), e.g. "deploy/neo4j/neo4j-local admin"; "" writes the files only`)
	fl.StringVar(&f.database, "database", "", "database to create (default: neo4j.database, else neo4j)")
	fl.BoolVar(&f.overwrite, "overwrite", false, "replace the database if it exists (neo4j-admin --overwrite-destination)")
	fl.BoolVar(&f.finish, "finish", false, "after the import, on the running server: apply migrations and the empty-list fixups")
	fl.StringVar(&f.summary, "summary", "text", "end-of-run summary: text (stderr) or json (stdout)")
	a.bindFlag(cmd, "ingest.workers", "workers")
	a.bindFlag(cmd, "ingest.max_file_size", "max-file-size")
	f.inputFlags.register(fl)
	f.shardFlag.register(fl)
	return cmd
}

// importSummary is the end-of-run record of an import.
type importSummary struct {
	pipeline.Summary
	Entities  int      `json:"entities"`
	Quotes    int      `json:"quotes"`
	Dir       string   `json:"dir"`
	Bytes     int64    `json:"csv_bytes"`
	Database  string   `json:"database"`
	AdminArgs []string `json:"admin_args"`
	Imported  bool     `json:"imported"`
}

func runImport(cmd *cobra.Command, cfg config.Config, paths []string, f importFlags) error {
	ctx := cmd.Context()
	stderr := cmd.ErrOrStderr()
	// What the import keeps (the entity sort's buffer, the duplicate
	// check, batches in flight, one speaker's quote index) is far below
	// this; the soft limit keeps the collector from letting garbage double
	// the heap on a long run. With Pebble's memory outside the Go heap,
	// 224 MiB let the whole process reach 310 MB on the 1M-article corpus,
	// 200 MiB 277 MB (docs/scaling.md), under the 300 MB bound.
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(200 << 20)
	}
	csv, err := export.NewBulkCSV(f.to)
	if err != nil {
		return &exitError{code: exitConfig, err: err}
	}
	// The loader's quote options and batch size: quotes are clustered a
	// batch at a time (after the last document, one speaker at a time), as
	// ingest clusters the documents of a transaction.
	bulk, err := store.NewBulk(csv, time.Now(), filepath.Join(f.to, ".import-scratch"), quoteOptions(cfg))
	if err != nil {
		csv.Close()
		return fmt.Errorf("import: %w", err)
	}
	opts := pipeline.Options{Workers: cfg.Ingest.Workers, Writers: 1, BatchDocs: cfg.Ingest.BatchSize}
	inputs := f.shardFlag.extractions(pipeline.ReadExtractions(ctx, paths, cmd.InOrStdin(), int(cfg.Ingest.MaxFileSize)))
	if !f.extractions {
		srcOpts := f.options(cfg, cmd.InOrStdin(), func(err error) {
			if cfg.Log.Level != "error" {
				fmt.Fprintln(stderr, "whosaid: warning:", err)
			}
		})
		inputs = pipeline.Documents(f.shardFlag.documents(source.Documents(ctx, paths, srcOpts)))
		x, err := newExtractor(cfg.Extract)
		if err != nil {
			return err
		}
		opts.ExtractContext = x.ExtractContext // it stamps extract.Version
	}
	sum, runErr := pipeline.Run(ctx, inputs, bulk, opts)
	if runErr == nil && cfg.Log.Level != "error" {
		// The passes after the last document take a while on a large
		// corpus, with nothing else to show for it.
		fmt.Fprintf(stderr, "import: %d documents written in %.1fs; clustering their statements into quotes and merging entities…\n", sum.Written, sum.Seconds)
	}
	closeErr := bulk.Close(ctx)
	if err := csv.Close(); closeErr == nil {
		closeErr = err
	}
	for _, fl := range sum.Failures {
		fmt.Fprintf(stderr, "whosaid: import: %s\n", fl.Error)
	}
	if sum.FailuresOmitted > 0 {
		fmt.Fprintf(stderr, "whosaid: import: … and %d more failures\n", sum.FailuresOmitted)
	}
	if runErr != nil {
		return interruptedError(ctx, sum.Written, importCannotResume(f.to))
	}
	if closeErr != nil {
		if ctx.Err() != nil {
			return interruptedError(ctx, sum.Written, importCannotResume(f.to))
		}
		return fmt.Errorf("import: %w", closeErr)
	}

	db := f.database
	if db == "" {
		db = cfg.Neo4j.Database
	}
	if db == "" {
		db = "neo4j"
	}
	out := importSummary{Summary: sum, Entities: bulk.Entities(), Quotes: bulk.Quotes(), Dir: f.to, Database: db, AdminArgs: csv.ImportArgs(db, f.overwrite)}
	out.Failures = nil
	for _, name := range csv.Files() {
		if fi, err := os.Stat(filepath.Join(f.to, name)); err == nil {
			out.Bytes += fi.Size()
		}
	}
	if err := writeImportNotes(f.to, out.AdminArgs); err != nil {
		return err
	}
	if strings.TrimSpace(f.admin) != "" {
		if err := runAdmin(ctx, cmd, f.admin, out.AdminArgs); err != nil {
			return err
		}
		out.Imported = true
	}
	if f.summary == "json" {
		b, err := json.Marshal(out)
		if err != nil {
			return err
		}
		fmt.Fprintln(cmd.OutOrStdout(), string(b))
	} else {
		fmt.Fprintf(stderr, "import: %d documents (%d written, %d skipped, %d failed), %d statements, %d entities, %d quotes, %.1f MB of CSV in %s, extracted and written in %.1fs (%.0f documents/s)\n",
			sum.Done(), sum.Written, sum.Skipped, sum.Failed, sum.Statements, out.Entities, out.Quotes, float64(out.Bytes)/1e6, f.to, sum.Seconds, sum.DocsPerSec)
		if out.Imported {
			fmt.Fprintf(stderr, "import: database %s created; start the server and run `whosaid import --finish`\n", db)
		} else {
			fmt.Fprintf(stderr, "import: files only; %s/import.txt has the neo4j-admin command\n", f.to)
		}
	}
	if sum.Failed > 0 {
		return &exitError{code: 1, err: fmt.Errorf("import: %d of %d documents failed", sum.Failed, sum.Read)}
	}
	return nil
}

// writeImportNotes leaves the neo4j-admin command and the steps after it
// beside the files, for a run with --admin "" or another machine.
func writeImportNotes(dir string, args []string) error {
	text := "# Import into a new database (the server stopped):\n" +
		"neo4j-admin " + strings.Join(args, " ") + "\n" +
		"# Then start the server and run: whosaid import --finish\n" +
		"# (schema migrations, then these statements:)\n" +
		strings.Join(store.BulkFixups, ";\n") + ";\n"
	if err := os.WriteFile(filepath.Join(dir, "import.txt"), []byte(text), 0o644); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	return nil
}

// runAdmin runs the neo4j-admin command with args, its output on stderr.
func runAdmin(ctx context.Context, cmd *cobra.Command, admin string, args []string) error {
	words := strings.Fields(admin)
	c := exec.CommandContext(ctx, words[0], append(words[1:], args...)...)
	c.Stdout, c.Stderr = cmd.ErrOrStderr(), cmd.ErrOrStderr()
	if err := c.Run(); err != nil {
		return fmt.Errorf("import: %s database import full: %w (the CSV files stay in place; see import.txt)", admin, err)
	}
	return nil
}

// runImportFinish readies an imported database for online use.
func runImportFinish(cmd *cobra.Command, a *app, cfg config.Config) error {
	ctx := cmd.Context()
	s, err := a.openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer s.Close(context.Background())
	n, err := s.FinishBulk(ctx)
	if err != nil {
		return fmt.Errorf("import --finish: %w", err)
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "import: database ready at %s (migrations applied, empty lists restored, %d quotes summarised); ingest continues incrementally\n", cfg.Neo4j.URI, n)
	return nil
}

// importCannotResume is the advice after an interrupted import: its CSV
// files are incomplete, and import refuses a directory that holds any.
func importCannotResume(dir string) string {
	return fmt.Sprintf("but the CSV files in %s are incomplete and an import cannot resume: delete them (or choose another --to) and rerun the import", dir)
}
