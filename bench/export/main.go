// Command exportbench measures `whosaid export`: elements/s and peak RSS of
// a whole-graph export in every format, from the Neo4j that WHOSAID_NEO4J_*
// point at.
//
// With -load N it first WIPES that database and loads N SYNTHETIC articles
// from bench/gen (their ground-truth extractions, through the ingest
// pipeline). Each format is then exported in a child process of its own,
// so that each peak RSS is that export's alone.
//
//	go run ./bench/export -load 20000            # wipe, load, export every format
//	go run ./bench/export -formats csv,jsonl     # export the graph already there
//
// Output: one JSON object per line on stdout.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"iter"
	"os"
	"os/exec"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/whosaid/whosaid/bench/gen"
	"github.com/whosaid/whosaid/bench/internal/benchenv"
	"github.com/whosaid/whosaid/export"
	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/graph/store"
	"github.com/whosaid/whosaid/ingest/pipeline"
)

type result struct {
	Format         string  `json:"format"`
	Model          string  `json:"model"`
	Scope          string  `json:"scope"`
	Nodes          int64   `json:"nodes"`
	Edges          int64   `json:"edges"`
	Bytes          int64   `json:"bytes"`
	Seconds        float64 `json:"seconds"`
	FirstByteSecs  float64 `json:"first_byte_seconds"`
	NodesSecs      float64 `json:"nodes_seconds"` // until the first edge: the node query's share
	ElementsPerSec float64 `json:"elements_per_second"`
	PeakRSSBytes   int64   `json:"peak_rss_bytes,omitempty"`
}

func main() {
	load := flag.Int("load", 0, "wipe the database and load this many synthetic articles first (0: use the graph as it is)")
	seed := flag.Uint64("seed", 1, "generator seed")
	formats := flag.String("formats", "csv,jsonl,graphml,gexf,cytoscape,dot", "formats to export")
	child := flag.String("child", "", "internal: export this format in this process")
	speaker := flag.String("speaker", "", "export this speaker's scope instead of the whole graph")
	model := flag.String("model", "entities", "entities (projected graph) or stored (the whole database; csv and jsonl only)")
	flag.Parse()
	ctx := context.Background()
	var err error
	if *child != "" {
		if os.Getenv("GOGC") == "" {
			debug.SetGCPercent(export.GCPercent) // as whosaid export does
		}
		if path := os.Getenv("EXPORTBENCH_CPUPROFILE"); path != "" {
			f, perr := os.Create(path)
			if perr == nil && pprof.StartCPUProfile(f) == nil {
				defer pprof.StopCPUProfile()
			}
		}
		err = runChild(ctx, *child, *speaker, *model)
	} else {
		err = run(ctx, *load, *seed, strings.Split(*formats, ","), *speaker, *model)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "exportbench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, load int, seed uint64, formats []string, speaker, model string) error {
	s, err := benchenv.OpenStore(ctx)
	if err != nil {
		return err
	}
	if load > 0 {
		if _, err := s.Migrate(ctx); err != nil {
			return err
		}
		if err := reset(ctx, s); err != nil {
			return err
		}
		start := time.Now()
		sum, err := pipeline.Run(ctx, generate(seed, load), s, pipeline.Options{Writers: 2, BatchDocs: 100})
		if err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "exportbench: loaded %d synthetic documents, %d statements in %.0fs\n", sum.Done(), sum.Statements, time.Since(start).Seconds())
	}
	nodes, rels := benchenv.Counts(ctx, s)
	s.Close(ctx)
	fmt.Fprintf(os.Stderr, "exportbench: graph has %d nodes, %d relationships\n", nodes, rels)

	self, err := os.Executable()
	if err != nil {
		return err
	}
	for _, f := range formats {
		args := []string{"-child", f, "-model", model}
		if speaker != "" {
			args = append(args, "-speaker", speaker)
		}
		cmd := exec.Command(self, args...)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("export %s: %w", f, err)
		}
		var r result
		if err := json.Unmarshal(out.Bytes(), &r); err != nil {
			return fmt.Errorf("export %s: %w: %s", f, err, out.Bytes())
		}
		b, _ := json.Marshal(r)
		fmt.Println(string(b))
	}
	return nil
}

// timed notes when the first edge arrives.
type timed struct {
	export.Writer
	start     time.Time
	firstEdge time.Duration
}

func (t *timed) WriteEdge(e export.Edge) error {
	if t.firstEdge == 0 {
		t.firstEdge = time.Since(t.start)
	}
	return t.Writer.WriteEdge(e)
}

// counter discards the export, counting bytes and noting the first one.
type counter struct {
	n     int64
	start time.Time
	first time.Duration
}

func (c *counter) Write(p []byte) (int, error) {
	if c.n == 0 && len(p) > 0 {
		c.first = time.Since(c.start)
	}
	c.n += int64(len(p))
	return len(p), nil
}

func runChild(ctx context.Context, name, speaker, modelName string) error {
	f, err := export.ParseFormat(name)
	if err != nil {
		return err
	}
	s, err := benchenv.OpenStore(ctx)
	if err != nil {
		return err
	}
	defer s.Close(ctx)
	model, err := export.ParseModel(modelName)
	if err != nil {
		return err
	}
	sc := export.Scope{Speaker: speaker}
	c := &counter{start: time.Now()}
	x := &export.Exporter{Driver: s.Driver(), Database: s.Database()}
	var st export.Stats
	tw := &timed{start: c.start}
	if model == export.Stored {
		sw, err := export.NewStoredWriter(f, c)
		if err != nil {
			return err
		}
		if st, err = x.ExportStored(ctx, sw); err == nil {
			err = sw.Close()
		}
		if err != nil {
			return err
		}
	} else {
		w, err := export.NewWriter(f, c, export.Meta{Creator: "exportbench"})
		if err != nil {
			return err
		}
		tw.Writer = w
		if st, err = x.Export(ctx, sc, tw); err == nil {
			err = w.Close()
		}
		if err != nil {
			return err
		}
	}
	secs := time.Since(c.start).Seconds()
	return json.NewEncoder(os.Stdout).Encode(result{
		Format: string(f), Model: string(model), Scope: sc.Describe(), Nodes: st.Nodes, Edges: st.Edges, Bytes: c.n,
		Seconds: secs, FirstByteSecs: c.first.Seconds(), NodesSecs: tw.firstEdge.Seconds(),
		ElementsPerSec: float64(st.Elements()) / secs, PeakRSSBytes: benchenv.PeakRSS(),
	})
}

func generate(seed uint64, n int) iter.Seq2[graph.Extraction, error] {
	return func(yield func(graph.Extraction, error) bool) {
		g := gen.New(gen.Options{Seed: seed, Documents: n})
		for range n {
			if !yield(g.Next().Truth, nil) {
				return
			}
		}
	}
}

// Relationships go first, in batches: a DETACH DELETE of a popular entity
// would hold all its relationships in one transaction.
const (
	resetRels  = `MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS`
	resetNodes = `MATCH (n) WHERE NOT n:SchemaMigration CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS`
)

func reset(ctx context.Context, s *store.Store) error {
	sess := s.Driver().NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.Database()})
	defer sess.Close(ctx)
	for _, q := range []string{resetRels, resetNodes} {
		res, err := sess.Run(ctx, q, nil)
		if err != nil {
			return err
		}
		if _, err = res.Consume(ctx); err != nil {
			return err
		}
	}
	return nil
}
