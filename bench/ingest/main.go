// Command ingestbench compares, in one run against the same Neo4j, the
// batched loader (store.Load through the ingest pipeline) with a naive
// writer that uses one transaction per statement, on the same extractions
// (ground truth from bench/gen, or any "whosaid extract --include-text"
// JSONL). It WIPES the database it is pointed at.
//
//	go run ./bench/ingest -truth bench/data/syn10k.truth.jsonl -naive 300
//
// With -quotes both, the batched writer runs twice on the same input,
// without and with quote clustering (graph/quote), from an empty graph
// each time; -quotes on runs only the clustering one. A syndicated corpus
// (go run ./bench/gen/cmd/gen -syndicate 0.3) gives the clustering work.
//
//	go run ./bench/ingest -truth bench/data/syn5k-synd.truth.jsonl -naive 0 -quotes both
//
// Connection: WHOSAID_NEO4J_URI, WHOSAID_NEO4J_USERNAME,
// WHOSAID_NEO4J_PASSWORD or WHOSAID_NEO4J_PASSWORD_FILE.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"iter"
	"os"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/whosaid/whosaid/bench/internal/benchenv"
	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/graph/quote"
	"github.com/whosaid/whosaid/graph/store"
	"github.com/whosaid/whosaid/ingest/pipeline"
)

type result struct {
	Writer        string  `json:"writer"`
	Documents     int64   `json:"documents"`
	Statements    int64   `json:"statements"`
	Seconds       float64 `json:"seconds"`
	DocsPerSec    float64 `json:"documents_per_second"`
	StmtsPerSec   float64 `json:"statements_per_second"`
	Failed        int64   `json:"failed"`
	PeakRSSBytes  int64   `json:"peak_rss_bytes,omitempty"`
	Writers       int     `json:"writers,omitempty"`
	BatchDocs     int     `json:"batch_docs,omitempty"`
	NodesAfter    int64   `json:"nodes_after"`
	RelsAfter     int64   `json:"relationships_after"`
	Configuration string  `json:"configuration,omitempty"`
	Quotes        int64   `json:"quotes,omitempty"`
	Reports       int64   `json:"reports,omitempty"`
}

// openQuotes opens the benchmark's store with quote clustering.
func openQuotes(ctx context.Context, qo quote.Options, steps *store.StepTimer) (*store.Store, error) {
	return benchenv.OpenStoreWith(ctx, func(o *store.Options) { o.Quotes, o.Steps = qo, steps })
}

const countQuotesQuery = `MATCH (q:Quote) RETURN count(q) AS quotes, sum(q.reports) AS reports`

func countQuotes(ctx context.Context, s *store.Store) (quotes, reports int64) {
	res, err := neo4j.ExecuteQuery(ctx, s.Driver(), countQuotesQuery, nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.Database()))
	if err != nil || len(res.Records) == 0 {
		return -1, -1
	}
	q, _ := res.Records[0].Get("quotes")
	r, _ := res.Records[0].Get("reports")
	quotes, _ = q.(int64)
	reports, _ = r.(int64)
	return quotes, reports
}

func main() {
	truth := flag.String("truth", "", "extractions JSONL (required unless -reset)")
	resetOnly := flag.Bool("reset", false, "only wipe the graph (keeping schema) and exit")
	limit := flag.Int("n", 0, "use only the first n documents for the batched writer (0: all)")
	naiveN := flag.Int("naive", 300, "documents for the naive writer (0: skip it)")
	writers := flag.Int("writers", 2, "concurrent write transactions for the batched writer")
	batch := flag.Int("batch", 100, "documents per transaction for the batched writer")
	quotes := flag.String("quotes", "off", "quote clustering in the batched writer: off, on, or both (one run each)")
	stepTimes := flag.Bool("steps", false, "print the time of each query of the write transactions after each timed run")
	bands := flag.Int("bands", 0, "LSH bands of the clustering (0: the default)")
	rows := flag.Int("rows", 0, "min-hashes per band (0: the default)")
	flag.Parse()
	qo := quote.Defaults()
	if *bands > 0 {
		qo.Bands = *bands
	}
	if *rows > 0 {
		qo.Rows = *rows
	}
	if *quotes != "off" && *quotes != "on" && *quotes != "both" {
		fmt.Fprintln(os.Stderr, "ingestbench: -quotes must be off, on or both")
		os.Exit(2)
	}
	if *resetOnly {
		ctx := context.Background()
		s, err := benchenv.OpenStore(ctx)
		if err == nil {
			if _, err = s.Migrate(ctx); err == nil {
				err = reset(ctx, s)
			}
			s.Close(ctx)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "ingestbench:", err)
			os.Exit(1)
		}
		return
	}
	if *truth == "" {
		fmt.Fprintln(os.Stderr, "ingestbench: -truth is required")
		os.Exit(2)
	}
	var steps *store.StepTimer
	if *stepTimes {
		steps = &store.StepTimer{}
	}
	if err := run(*truth, *limit, *naiveN, *writers, *batch, *quotes, qo, steps); err != nil {
		fmt.Fprintln(os.Stderr, "ingestbench:", err)
		os.Exit(1)
	}
}

func run(path string, limit, naiveN, writers, batch int, quotes string, qo quote.Options, steps *store.StepTimer) error {
	ctx := context.Background()
	s, err := benchenv.OpenStoreWith(ctx, func(o *store.Options) { o.Steps = steps })
	if err != nil {
		return err
	}
	defer s.Close(ctx)
	if _, err := s.Migrate(ctx); err != nil {
		return err
	}
	enc := json.NewEncoder(os.Stdout)

	// Warm up both writers (query compilation, JIT) so that the timed runs
	// compare steady states, then start from an empty graph.
	// The batched writer is warmed up even without the naive one: a cold
	// server made the run without clustering look slower than it is.
	opts := pipeline.Options{Writers: writers, BatchDocs: batch}
	if err := reset(ctx, s); err != nil {
		return err
	}
	if naiveN > 0 {
		if _, err := runNaive(ctx, s, take(pipeline.ReadExtractions(ctx, []string{path}, nil, 0), 5)); err != nil {
			return err
		}
	}
	if _, err := pipeline.Run(ctx, take(pipeline.ReadExtractions(ctx, []string{path}, nil, 0), 300), s, opts); err != nil {
		return err
	}

	var naive *result
	if naiveN > 0 {
		if err := reset(ctx, s); err != nil {
			return err
		}
		r, err := runNaive(ctx, s, take(pipeline.ReadExtractions(ctx, []string{path}, nil, 0), naiveN))
		if err != nil {
			return err
		}
		naive = &r
		r.NodesAfter, r.RelsAfter = benchenv.Counts(ctx, s)
		enc.Encode(r)
	}

	// The batched writer on the same first documents, for a like-for-like
	// ratio, then on the whole input.
	if err := reset(ctx, s); err != nil {
		return err
	}
	if naive != nil {
		sum, err := pipeline.Run(ctx, take(pipeline.ReadExtractions(ctx, []string{path}, nil, 0), naiveN), s, opts)
		if err != nil {
			return err
		}
		r := fromSummary("batched-same-docs-as-naive", sum, writers, batch)
		r.NodesAfter, r.RelsAfter = benchenv.Counts(ctx, s)
		enc.Encode(r)
		fmt.Fprintf(os.Stderr, "batched vs naive on %d documents: %.1f× statements/s\n", naiveN, r.StmtsPerSec/naive.StmtsPerSec)
		if err := reset(ctx, s); err != nil {
			return err
		}
	}
	input := func() iter.Seq2[graph.Extraction, error] {
		in := pipeline.ReadExtractions(ctx, []string{path}, nil, 0)
		if limit > 0 {
			in = take(in, limit)
		}
		return in
	}
	if quotes != "on" {
		steps.Report()
		fmt.Fprintln(os.Stderr, "== start batched")
		sum, err := pipeline.Run(ctx, input(), s, opts)
		if err != nil {
			return err
		}
		fmt.Fprint(os.Stderr, "== step times, batched\n"+steps.Report())
		r := fromSummary("batched", sum, writers, batch)
		r.PeakRSSBytes = benchenv.PeakRSS()
		r.NodesAfter, r.RelsAfter = benchenv.Counts(ctx, s)
		enc.Encode(r)
	}
	if quotes != "off" {
		if quotes == "both" {
			if err := reset(ctx, s); err != nil {
				return err
			}
		}
		qs, err := openQuotes(ctx, qo, steps)
		if err != nil {
			return err
		}
		defer qs.Close(ctx)
		// Warm the clustering queries up too.
		if _, err := pipeline.Run(ctx, take(input(), 300), qs, opts); err != nil {
			return err
		}
		if err := reset(ctx, s); err != nil {
			return err
		}
		steps.Report()
		fmt.Fprintln(os.Stderr, "== start batched-quotes")
		sum, err := pipeline.Run(ctx, input(), qs, opts)
		if err != nil {
			return err
		}
		fmt.Fprint(os.Stderr, "== step times, batched-quotes\n"+steps.Report())
		r := fromSummary("batched-quotes", sum, writers, batch)
		r.PeakRSSBytes = benchenv.PeakRSS()
		r.NodesAfter, r.RelsAfter = benchenv.Counts(ctx, s)
		r.Configuration = fmt.Sprintf("%+v", qo)
		r.Quotes, r.Reports = countQuotes(ctx, s)
		enc.Encode(r)
		s = qs
	}

	// Idempotent rerun: everything is skipped.
	sum, err := pipeline.Run(ctx, input(), s, opts)
	if err != nil {
		return err
	}
	r2 := fromSummary("batched-rerun-all-skipped", sum, writers, batch)
	r2.NodesAfter, r2.RelsAfter = benchenv.Counts(ctx, s)
	enc.Encode(r2)
	return nil
}

func fromSummary(name string, sum pipeline.Summary, writers, batch int) result {
	return result{Writer: name, Documents: sum.Done(), Statements: sum.Statements, Seconds: sum.Seconds,
		DocsPerSec: sum.DocsPerSec, StmtsPerSec: sum.StmtPerSec, Failed: sum.Failed, Writers: writers, BatchDocs: batch}
}

func take(in iter.Seq2[graph.Extraction, error], n int) iter.Seq2[graph.Extraction, error] {
	return func(yield func(graph.Extraction, error) bool) {
		i := 0
		for e, err := range in {
			if i >= n || !yield(e, err) {
				return
			}
			i++
		}
	}
}

// runNaive writes each document the obvious way: one transaction for the
// document, one per entity and one per statement. It writes a subset of the
// model (no roles, aliases, via, part-of, provenance lists), which only
// flatters it: the comparison is conservative.
func runNaive(ctx context.Context, s *store.Store, in iter.Seq2[graph.Extraction, error]) (result, error) {
	start := time.Now()
	var docs, stmts int64
	sess := s.Driver().NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.Database()})
	defer sess.Close(ctx)
	write := func(q string, p map[string]any) error {
		_, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
			res, err := tx.Run(ctx, q, p)
			if err != nil {
				return nil, err
			}
			return res.Consume(ctx)
		})
		return err
	}
	for ext, err := range in {
		if err != nil {
			return result{}, err
		}
		d := ext.Document
		if err := write(naiveDocument, map[string]any{"id": d.ID, "key": d.Key(), "url": d.URL, "title": d.Title,
			"source": d.Source, "published": d.Published, "text": d.Text}); err != nil {
			return result{}, err
		}
		for _, e := range ext.Entities {
			if err := write(naiveEntity, map[string]any{"doc": d.ID, "id": e.ID, "type": string(e.Type), "name": e.Name,
				"count": len(e.Mentions)}); err != nil {
				return result{}, err
			}
		}
		for i, st := range ext.Statements {
			speakers := make([]any, 0, len(st.Speakers))
			for _, sp := range st.Speakers {
				speakers = append(speakers, sp.ID)
			}
			mentions := make([]any, 0, len(st.Mentions))
			for _, m := range st.Mentions {
				mentions = append(mentions, m)
			}
			if err := write(naiveStatement, map[string]any{"doc": d.ID, "id": fmt.Sprintf("%s#%d", d.ID, i),
				"kind": string(st.Kind), "text": st.Content.Text, "start": st.Content.Start, "end": st.Content.End,
				"speakers": speakers, "mentions": mentions}); err != nil {
				return result{}, err
			}
			stmts++
		}
		docs++
	}
	secs := time.Since(start).Seconds()
	return result{Writer: "naive-one-tx-per-statement", Documents: docs, Statements: stmts, Seconds: secs,
		DocsPerSec: float64(docs) / secs, StmtsPerSec: float64(stmts) / secs}, nil
}

const naiveDocument = `MERGE (d:Document {id: $id})
SET d.key = $key, d.url = $url, d.title = $title, d.source = $source, d.published = $published, d.text = $text`

const naiveEntity = `MATCH (d:Document {id: $doc})
MERGE (e:Entity {id: $id}) ON CREATE SET e:$($type), e.name = $name
MERGE (d)-[m:MENTIONS]->(e) SET m.count = $count`

const naiveStatement = `MATCH (d:Document {id: $doc})
MERGE (s:Statement {id: $id})
SET s.kind = $kind, s.text = $text, s.start = $start, s.end = $end, s.document = $doc
MERGE (s)-[:REPORTED_IN]->(d)
WITH s
CALL (s) { UNWIND $speakers AS sp MATCH (e:Entity {id: sp}) MERGE (e)-[r:SAID]->(s)
  SET r.key = e.id + '\t' + coalesce(s.date, '~') + '\t' + s.document + '\t' + right('000000000000' + toString(s.start), 12) + '\t' + s.id }
CALL (s) { UNWIND $mentions AS m MATCH (e:Entity {id: m}) MERGE (s)-[:MENTIONS]->(e) }`

const resetGraph = `MATCH (n) WHERE NOT n:SchemaMigration
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 1000 ROWS`

// reset runs in auto-commit transactions (CALL … IN TRANSACTIONS needs
// them), so it retries transient failures itself.
func reset(ctx context.Context, s *store.Store) error {
	var err error
	for attempt := range 5 {
		if attempt > 0 {
			time.Sleep(time.Duration(attempt) * 2 * time.Second)
		}
		sess := s.Driver().NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.Database()})
		var res neo4j.ResultWithContext
		res, err = sess.Run(ctx, resetGraph, nil)
		if err == nil {
			_, err = res.Consume(ctx)
		}
		sess.Close(ctx)
		if err == nil || !neo4j.IsRetryable(err) {
			return err
		}
	}
	return err
}
