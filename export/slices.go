package export

import (
	"context"
	"fmt"
	"sync"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// A whole-graph export runs in slices of the entities, in id order, each in
// a read transaction of its own, a few at a time: Neo4j runs one query on
// one core, so while this process writes one slice the server computes the
// next ones on the other cores. The output is in slice order, hence the same
// from run to run, and memory holds at most sliceAhead slices' records
// however many slices the graph has.
const (
	DefaultSliceEntities = 1000
	sliceAhead           = 3
)

// GCPercent is the garbage-collection target (as GOGC) that whosaid export
// sets for itself unless GOGC is set. An export decodes a stream of
// short-lived records; four times Go's default target costs about 30 MB
// more memory (still bounded by the slices held) and saves about a tenth of
// the CPU, which Neo4j on the same machine puts to use.
const GCPercent = 400

// entitySlicesQuery cuts the entity ids, in order, into runs of $size and
// returns the first and last id of each run.
const entitySlicesQuery = `
MATCH (e:Entity) WHERE e.id IS NOT NULL
WITH e.id AS id ORDER BY id
WITH collect(id) AS ids
UNWIND range(0, size(ids) - 1, $size) AS i
RETURN ids[i] AS lo, ids[CASE WHEN i + $size > size(ids) THEN size(ids) ELSE i + $size END - 1] AS hi`

// entitySlice binds e to the entities of the slice [$lo, $hi].
const entitySlice = `
MATCH (e:Entity) WHERE e.id >= $lo AND e.id <= $hi
WITH e ORDER BY e.id`

type sliceJob struct {
	what   string // "nodes" or "edges", for errors
	query  string
	params map[string]any
	emit   func(*neo4j.Record) error
}

// sliceEmitters write the records of a whole-graph export; quote is nil
// without quotes.
type sliceEmitters struct {
	node, quote, edge func(*neo4j.Record) error
}

// exportSlices writes every entity, then every edge, slice by slice (with
// quotes: entities, quotes, entity edges, quote edges; quotes are sliced
// by their ids as entities are); tx only reads the slice boundaries.
func (x *Exporter) exportSlices(ctx context.Context, tx neo4j.ExplicitTransaction, params map[string]any, emit sliceEmitters) error {
	size := x.SliceEntities
	if size <= 0 {
		size = DefaultSliceEntities
	}
	slicesOf := func(what, q string) ([][2]string, error) {
		var bounds [][2]string
		err := stream(ctx, tx, q, map[string]any{"size": int64(size)}, func(r *neo4j.Record) error {
			bounds = append(bounds, [2]string{str(r.Values[0]), str(r.Values[1])})
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("export: slice the %s: %w", what, err)
		}
		return bounds, nil
	}
	entities, err := slicesOf("entities", entitySlicesQuery)
	if err != nil {
		return err
	}
	type phase struct {
		what, query string
		bounds      [][2]string
		emit        func(*neo4j.Record) error
	}
	phases := []phase{{"nodes", nodesSliceQuery, entities, emit.node}, {"edges", edgesSliceQuery, entities, emit.edge}}
	if emit.quote != nil {
		quotes, err := slicesOf("quotes", quoteSlicesQuery)
		if err != nil {
			return err
		}
		phases = []phase{phases[0], {"quotes", quoteNodesSliceQuery, quotes, emit.quote},
			phases[1], {"quote edges", quoteEdgesSliceQuery, quotes, emit.edge}}
	}
	var jobs []sliceJob
	for _, phase := range phases {
		for _, b := range phase.bounds {
			p := make(map[string]any, len(params)+2)
			for k, v := range params {
				p[k] = v
			}
			p["lo"], p["hi"] = b[0], b[1]
			jobs = append(jobs, sliceJob{what: phase.what, query: phase.query, params: p, emit: phase.emit})
		}
	}
	return x.runAhead(ctx, jobs)
}

type sliceResult struct {
	records []*neo4j.Record
	err     error
}

// runAhead runs the jobs, up to sliceAhead at a time, and hands their
// records to their emit functions in job order. It stops at the first
// error and waits for the queries still running to end before it returns.
func (x *Exporter) runAhead(ctx context.Context, jobs []sliceJob) error {
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() {
		cancel()
		wg.Wait()
	}()
	results := make([]chan sliceResult, len(jobs))
	for i := range results {
		results[i] = make(chan sliceResult, 1)
	}
	// A slot is taken before a job starts and given back once its records
	// are written, which bounds the slices held in memory.
	slots := make(chan struct{}, sliceAhead)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i, j := range jobs {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				recs, err := x.collect(ctx, j.query, j.params)
				results[i] <- sliceResult{recs, err}
			}()
		}
	}()
	for i, j := range jobs {
		var r sliceResult
		select {
		case r = <-results[i]:
		case <-ctx.Done():
		}
		// A slice fetched before the caller gave up is not written either.
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("export %s: %w", j.what, err)
		}
		if r.err != nil {
			return fmt.Errorf("export %s: %w", j.what, r.err)
		}
		for _, rec := range r.records {
			if err := j.emit(rec); err != nil {
				return fmt.Errorf("export %s: %w", j.what, err)
			}
		}
		<-slots
	}
	return ctx.Err()
}

// collect runs q in a read transaction of its own and returns its records.
func (x *Exporter) collect(ctx context.Context, q string, params map[string]any) ([]*neo4j.Record, error) {
	tx, closeTx, err := x.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer closeTx()
	var recs []*neo4j.Record
	err = stream(ctx, tx, q, params, func(r *neo4j.Record) error {
		recs = append(recs, r)
		return nil
	})
	return recs, err
}
