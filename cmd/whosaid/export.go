package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/whosaid/whosaid/config"
	"github.com/whosaid/whosaid/export"
	"github.com/whosaid/whosaid/graph/store"
)

type exportFlags struct {
	model  string
	format string
	output string
	quiet  bool
	scope  export.Scope
}

func newExportCmd(a *app) *cobra.Command {
	var f exportFlags
	var formats []string
	for _, fm := range export.Formats() {
		formats = append(formats, fmt.Sprintf("  %-10s %s", fm, fm.About()))
	}
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Export the graph, or part of it, for Gephi, Cytoscape, yEd, NetworkX, Graphviz or neo4j-admin",
		Long: `Export streams an entity graph projected from the stored statements: nodes are
people, organisations and places; edges are SPOKE_ABOUT (speaker -> mentioned
entity), CO_SPEAKER, VIA, HOLDS_ROLE and PART_OF, weighted by the statements
behind them. Scope flags pick a part of the graph; without them the whole
graph is exported. --quotes adds the quotes the statements in scope report:
a Quote node each (canonical text, reports, outlets, first reported date),
SAID_QUOTE edges from its speakers weighted by its reports and QUOTE_MENTIONS
edges to the entities those reports mention.

Formats:
` + strings.Join(formats, "\n") + `

With --format csv, --output is a zip archive (FILE.zip), or a directory that
exists or whose name ends in / (created): nodes.csv and relationships.csv are
written into it. Files are written with mode 0644 (a replaced file keeps its
mode), complete or not at all.

--model stored exports the database as whosaid stores it (documents,
statements, entities and all relationships, every property), as csv (one file
per label and type, with import.txt giving the neo4j-admin command), jsonl, or
graphml (statements as nodes, with their turn and parts), quotes among them.

--model reports writes one CSV row per report of a quote (quote id, canonical
wording, speakers, counts, statement, document, outlet, date, variant, url,
title), for all quotes or one --speaker's, within --from/--to and --kind.`,
		Example: `  whosaid export --format gexf -o graph.gexf
  whosaid export --format graphml --entity place:kyiv --depth 2 -o kyiv.graphml
  whosaid export --format csv --from 2022-01-01 --kind direct -o import/
  whosaid export --format jsonl --speaker person:vladimir-medinsky | jq .
  whosaid export --format gexf --quotes --from 2022-03-01 -o quotes.gexf
  whosaid export --model stored --format csv -o clone/
  whosaid export --model reports --format csv --speaker person:vladimir-medinsky -o reports.csv`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := a.config(cmd)
			if err != nil {
				return err
			}
			return runExport(cmd, cfg, f)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.format, "format", "f", string(export.GraphML), "graphml, gexf, cytoscape, dot, csv or jsonl")
	fl.StringVar(&f.model, "model", string(export.Projected), "entities (the projected entity graph), stored (the whole database, csv, jsonl or graphml) or reports (quote reports, csv)")
	fl.StringVarP(&f.output, "output", "o", "-", "file to write (- for stdout); for --format csv a .zip file or a directory (DIR/)")
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "do not print the summary line on stderr")
	fl.StringVar(&f.scope.Speaker, "speaker", "", "only the statements of this entity id")
	fl.StringVar(&f.scope.Entity, "entity", "", "the ego network of this entity id")
	fl.IntVar(&f.scope.Depth, "depth", 0, "hops of the ego network (1-3, default 1)")
	fl.StringVar(&f.scope.From, "from", "", "statements on or after this date (YYYY-MM-DD)")
	fl.StringVar(&f.scope.To, "to", "", "statements on or before this date (YYYY-MM-DD)")
	fl.StringSliceVar(&f.scope.Kinds, "kind", nil, "statement kinds: direct, indirect, mixed (repeat or comma-separate)")
	fl.Int64Var(&f.scope.MinWeight, "min-weight", 0, "drop edges backed by fewer statements than this")
	fl.IntVar(&f.scope.MaxNodes, "limit", 0, fmt.Sprintf("most entities in an ego network (default %d)", export.DefaultMaxNodes))
	fl.BoolVar(&f.scope.Quotes, "quotes", false, "add Quote nodes with SAID_QUOTE and QUOTE_MENTIONS edges")
	fl.IntVar(&f.scope.MaxStatementIDs, "max-statement-ids", 0, fmt.Sprintf("statement ids listed per edge (default %d, -1 for none)", export.DefaultMaxStatementIDs))
	return cmd
}

func runExport(cmd *cobra.Command, cfg config.Config, f exportFlags) error {
	format, err := export.ParseFormat(f.format)
	if err != nil {
		return err
	}
	sc, err := f.scope.Normalize()
	if err != nil {
		return err
	}
	model, err := export.ParseModel(f.model)
	if err != nil {
		return err
	}
	if model == export.Reports {
		return runExportReports(cmd, cfg, f, sc)
	}
	if model == export.Stored && (!f.scope.Whole() || !slices.Contains(export.StoredFormats(), format)) {
		return fmt.Errorf("--model stored exports the whole database as --format csv, jsonl or graphml, without scope flags")
	}
	if err := checkExportOutput(f.output, format); err != nil {
		return err
	}
	ctx := cmd.Context()
	st, err := openExportStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close(context.WithoutCancel(ctx))
	// Exports read properties that migrations write (first and last seen,
	// for one); a graph an older whosaid wrote would export without them.
	if current, err := st.SchemaCurrent(ctx); err != nil {
		return fmt.Errorf("export: read the schema version: %w", err)
	} else if !current {
		return fmt.Errorf("export: the graph at %s is not at schema version %d (run `whosaid migrate` first; it keeps the data)", cfg.Neo4j.URI, store.SchemaVersion())
	}

	meta := sc.Meta("whosaid")
	var (
		w    export.Writer
		sw   export.StoredWriter
		out  io.Writer = cmd.OutOrStdout()
		file *os.File
	)
	if format == export.CSV && isDirName(f.output) {
		if err := os.MkdirAll(f.output, 0o755); err != nil {
			return fmt.Errorf("export: --output %s: %w", f.output, err)
		}
	}
	if fi, statErr := os.Stat(f.output); f.output != "-" && statErr == nil && fi.IsDir() {
		switch {
		case format != export.CSV:
			return fmt.Errorf("--output %s is a directory; only --format csv writes into one", f.output)
		case model == export.Stored:
			sw = export.NewStoredCSVDirWriter(f.output)
		default:
			w, err = export.NewCSVDirWriter(f.output, meta)
		}
	} else {
		if f.output != "-" {
			// Write beside the target and rename, so a failed export does
			// not leave a truncated file that looks complete.
			file, err = os.CreateTemp(filepath.Dir(f.output), "."+filepath.Base(f.output)+".*")
			if err != nil {
				return fmt.Errorf("export: %w", err)
			}
			defer os.Remove(file.Name())
			defer file.Close()
			// CreateTemp makes the file private (0600); an export is meant
			// to be read by other programs and people, like any file the
			// user's tools write, and replacing a file keeps its mode.
			if err := file.Chmod(outputMode(f.output)); err != nil {
				return fmt.Errorf("export: %w", err)
			}
			out = file
		}
		if model == export.Stored {
			sw, err = export.NewStoredWriter(format, out)
		} else {
			w, err = export.NewWriter(format, out, meta)
		}
	}
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defaultGC(export.GCPercent)
	start := time.Now()
	x := &export.Exporter{Driver: st.Driver(), Database: st.Database()}
	var stats export.Stats
	if sw != nil {
		if stats, err = x.ExportStored(ctx, sw); err == nil {
			err = sw.Close()
		}
	} else if stats, err = x.Export(ctx, sc, w); err == nil {
		err = w.Close()
	}
	if err == nil && file != nil {
		if err = file.Close(); err == nil {
			err = os.Rename(file.Name(), f.output)
		}
	}
	if err != nil {
		return fmt.Errorf("export %s: %w", format, err)
	}
	if !f.quiet {
		secs := time.Since(start).Seconds()
		fmt.Fprintf(cmd.ErrOrStderr(), "export: %d nodes, %d edges as %s in %.1fs (%.0f elements/s)\n",
			stats.Nodes, stats.Edges, format, secs, float64(stats.Elements())/max(secs, 1e-9))
	}
	return nil
}

// checkExportOutput refuses an --output that would be written wrongly,
// before anything is read: a CSV export is a zip archive unless --output is
// a directory, so a file name must say .zip (or end in / to ask for a
// directory, which is created).
func checkExportOutput(output string, format export.Format) error {
	if output == "-" || format != export.CSV {
		return nil
	}
	if fi, err := os.Stat(output); err == nil && fi.IsDir() {
		return nil
	}
	if isDirName(output) {
		return nil
	}
	if !strings.EqualFold(filepath.Ext(output), ".zip") {
		return fmt.Errorf("--output %s: --format csv writes a zip archive to a file, so name it %s.zip; to get the CSV files in a directory, give an existing directory or end the name with / (%s/)", output, strings.TrimSuffix(output, filepath.Ext(output)), output)
	}
	return nil
}

// isDirName reports whether an --output names a directory by its spelling.
func isDirName(output string) bool {
	return strings.HasSuffix(output, "/") || strings.HasSuffix(output, string(filepath.Separator))
}

// outputMode is the mode of an exported file: the mode of the file it
// replaces, else 0644.
func outputMode(path string) os.FileMode {
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
		return fi.Mode().Perm()
	}
	return 0o644
}

// openExportStore connects to Neo4j from the configuration.
func openExportStore(ctx context.Context, cfg config.Config) (*store.Store, error) {
	n := cfg.Neo4j
	password := n.Password
	if password == "" && n.PasswordFile != "" {
		b, err := os.ReadFile(n.PasswordFile)
		if err != nil {
			return nil, fmt.Errorf("neo4j.password_file: %w", err)
		}
		password = strings.TrimSpace(string(b))
	}
	s, err := store.Open(ctx, store.Options{URI: n.URI, Username: n.Username, Password: password,
		Database: n.Database, ConnectWait: n.ConnectWait, MaxPoolSize: n.MaxPoolSize,
		MaxConnectionLifetime: n.MaxConnectionLifetime, AcquisitionTimeout: n.AcquisitionTimeout})
	if err != nil {
		return nil, fmt.Errorf("connect to neo4j at %s: %w", n.URI, err)
	}
	return s, nil
}
