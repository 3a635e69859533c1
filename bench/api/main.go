// Command apibench measures the researchers' API under load from a second
// process: speaker history (a page of 50), entity search and ego network
// (depth 1), each driven over HTTP against a running `whosaid serve` (by
// wrk when it is installed, else by net/http here: -client), and then the
// very same Cypher with the same parameters run directly through the Neo4j
// driver in the same run, to report what the API adds.
//
//	go run ./bench/api -url http://127.0.0.1:8080 -duration 20s -concurrency 4
//
// Connection for the direct runs and for sampling ids: WHOSAID_NEO4J_URI,
// WHOSAID_NEO4J_USERNAME, WHOSAID_NEO4J_PASSWORD or
// WHOSAID_NEO4J_PASSWORD_FILE. bench/api/run.sh starts the server and runs
// this. It only reads.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/whosaid/whosaid/queries"
)

// scenario is one kind of request, with its HTTP form and its driver form.
type scenario struct {
	name   string
	target func(id, name string) string // API path and query
	plans  func(id, name string) ([]queries.Plan, error)
}

var scenarios = []scenario{
	{
		name:   "history",
		target: func(id, _ string) string { return "/api/v1/entities/" + url.PathEscape(id) + "/statements?limit=50" },
		plans: func(id, _ string) ([]queries.Plan, error) {
			p, err := queries.HistoryPlan(id, queries.HistoryFilter{Limit: 50})
			return []queries.Plan{p}, err
		},
	},
	{
		name:   "search",
		target: func(_, name string) string { return "/api/v1/entities?q=" + url.QueryEscape(name) },
		plans: func(_, name string) ([]queries.Plan, error) {
			return queries.EntitySearchPlans(queries.EntitySearch{Q: name})
		},
	},
	{
		name:   "network",
		target: func(id, _ string) string { return "/api/v1/entities/" + url.PathEscape(id) + "/network?depth=1" },
		plans:  func(id, _ string) ([]queries.Plan, error) { return queries.NetworkPlans(id), nil },
	},
}

type sample struct{ id, name string }

// Result is one measured series.
type Result struct {
	Scenario    string  `json:"scenario"`
	Via         string  `json:"via"` // api or driver
	Requests    int     `json:"requests"`
	Errors      int     `json:"errors"`
	Seconds     float64 `json:"seconds"`
	PerSecond   float64 `json:"per_second"`
	P50ms       float64 `json:"p50_ms"`
	P90ms       float64 `json:"p90_ms"`
	P99ms       float64 `json:"p99_ms"`
	MaxMs       float64 `json:"max_ms"`
	Concurrency int     `json:"concurrency"`
}

func main() {
	base := flag.String("url", "http://127.0.0.1:8080", "API base URL")
	duration := flag.Duration("duration", 20*time.Second, "measuring time per scenario and path")
	warmup := flag.Duration("warmup", 5*time.Second, "unmeasured warm-up per scenario")
	conc := flag.Int("concurrency", 4, "concurrent clients")
	nSamples := flag.Int("samples", 2000, "entities sampled for the requests")
	only := flag.String("scenarios", "history,search,network", "comma-separated scenarios")
	jsonOut := flag.String("json", "", "also write the results as JSON here")
	uniform := flag.Bool("uniform", false, "sample speakers uniformly instead of by how much they said")
	client := flag.String("client", defaultClient(), "HTTP load generator for the API series: wrk (Debian's wrk, in C) or go (net/http in this process)")
	flag.Parse()
	if *client != "wrk" && *client != "go" {
		fmt.Fprintln(os.Stderr, "apibench: -client must be wrk or go")
		os.Exit(2)
	}
	if err := run(*base, *duration, *warmup, *conc, *nSamples, strings.Split(*only, ","), *jsonOut, *uniform, *client); err != nil {
		fmt.Fprintln(os.Stderr, "apibench:", err)
		os.Exit(1)
	}
}

func driver() (neo4j.DriverWithContext, string, error) {
	uri := os.Getenv("WHOSAID_NEO4J_URI")
	if uri == "" {
		return nil, "", errors.New("WHOSAID_NEO4J_URI is unset")
	}
	user, pass := os.Getenv("WHOSAID_NEO4J_USERNAME"), os.Getenv("WHOSAID_NEO4J_PASSWORD")
	if user == "" {
		user = "neo4j"
	}
	if f := os.Getenv("WHOSAID_NEO4J_PASSWORD_FILE"); pass == "" && f != "" {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, "", err
		}
		pass = strings.TrimSpace(string(b))
	}
	d, err := neo4j.NewDriverWithContext(uri, neo4j.BasicAuth(user, pass, ""))
	return d, os.Getenv("WHOSAID_NEO4J_DATABASE"), err
}

// sampleSpeakers picks speakers in proportion to how much they said (a
// random sample of statements, then their speakers), as researchers ask
// about the people in the news more often than about the rare ones.
const sampleSpeakers = `
MATCH (s:Statement) WHERE rand() < $p
WITH s LIMIT $n
MATCH (e:Entity)-[:SAID]->(s)
RETURN e.id AS id, e.name AS name`

// sampleSpeakersUniform picks speakers regardless of how much they said.
const sampleSpeakersUniform = `
MATCH (e:Entity) WHERE rand() < $p AND EXISTS { (e)-[:SAID]->(:Statement) }
RETURN e.id AS id, e.name AS name
LIMIT $n`

const graphSize = `
CALL { MATCH (s:Statement) RETURN count(s) AS statements }
CALL { MATCH (e:Entity) RETURN count(e) AS entities }
CALL { MATCH (d:Document) RETURN count(d) AS documents }
RETURN statements, entities, documents`

// defaultClient is wrk when it is installed: its client costs a fraction of
// Go's net/http per request, CPU that otherwise comes out of the cores the
// server and Neo4j share on a small machine.
func defaultClient() string {
	if _, err := exec.LookPath("wrk"); err == nil {
		return "wrk"
	}
	return "go"
}

func run(base string, duration, warmup time.Duration, conc, n int, only []string, jsonOut string, uniform bool, client string) error {
	ctx := context.Background()
	drv, db, err := driver()
	if err != nil {
		return err
	}
	defer drv.Close(ctx)
	size, err := neo4j.ExecuteQuery(ctx, drv, graphSize, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db))
	if err != nil {
		return fmt.Errorf("graph size: %w", err)
	}
	st, _ := size.Records[0].Get("statements")
	en, _ := size.Records[0].Get("entities")
	dc, _ := size.Records[0].Get("documents")
	fmt.Printf("graph: %d documents, %d statements, %d entities\n", dc, st, en)
	p := 0.01
	if total, ok := st.(int64); ok && total > 0 {
		p = min(1, 3*float64(n)/float64(total))
	}
	sampler := sampleSpeakers
	if uniform {
		sampler = sampleSpeakersUniform
		if total, ok := en.(int64); ok && total > 0 {
			p = min(1, 4*float64(n)/float64(total))
		}
	}
	res, err := neo4j.ExecuteQuery(ctx, drv, sampler, map[string]any{"p": p, "n": int64(n)}, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db))
	if err != nil {
		return fmt.Errorf("sample speakers: %w", err)
	}
	var samples []sample
	for _, r := range res.Records {
		id, _ := r.Get("id")
		name, _ := r.Get("name")
		samples = append(samples, sample{id.(string), fmt.Sprint(name)})
	}
	if len(samples) == 0 {
		return errors.New("no speakers in the graph")
	}
	how := "weighted by statements"
	if uniform {
		how = "uniformly"
	}
	fmt.Printf("sampled %d speaker ids %s; %d clients (API through %s), %s per series after %s warm-up\n\n", len(samples), how, conc, client, duration, warmup)

	httpClient := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: conc * 2, MaxConnsPerHost: conc * 2}, Timeout: 60 * time.Second}
	var results []Result
	for _, sc := range scenarios {
		if !slices.Contains(only, sc.name) {
			continue
		}
		apiCall := func(s sample) error {
			resp, err := httpClient.Get(base + sc.target(s.id, s.name))
			if err != nil {
				return err
			}
			defer resp.Body.Close()
			_, err = io.Copy(io.Discard, resp.Body)
			if resp.StatusCode != 200 {
				return fmt.Errorf("%s: status %d", sc.target(s.id, s.name), resp.StatusCode)
			}
			return err
		}
		driverCall := func(s sample) error {
			plans, err := sc.plans(s.id, s.name)
			if err != nil {
				return err
			}
			found := 0
			for _, p := range plans {
				if p.Fallback && found > 0 {
					break
				}
				n, err := runPlan(ctx, drv, db, p)
				if err != nil {
					return err
				}
				found = n
			}
			return nil
		}
		apiSeries := func(d time.Duration) (Result, error) { return measure(samples, conc, d, apiCall), nil }
		if client == "wrk" {
			targets := make([]string, len(samples))
			for i, s := range samples {
				targets[i] = sc.target(s.id, s.name)
			}
			apiSeries = func(d time.Duration) (Result, error) { return runWrk(base, targets, conc, d) }
		}
		// Warm both paths (caches, query plans, connections), then measure
		// them one after the other with the same samples.
		if _, err := apiSeries(warmup); err != nil {
			return err
		}
		measure(samples, conc, warmup/2, driverCall)
		for _, via := range []string{"api", "driver"} {
			var r Result
			if via == "api" {
				if r, err = apiSeries(duration); err != nil {
					return err
				}
			} else {
				r = measure(samples, conc, duration, driverCall)
			}
			r.Scenario, r.Via, r.Concurrency = sc.name, via, conc
			results = append(results, r)
			fmt.Printf("%-8s %-6s %7d req %4d err %8.1f req/s  p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  max %7.2f ms\n",
				r.Scenario, r.Via, r.Requests, r.Errors, r.PerSecond, r.P50ms, r.P90ms, r.P99ms, r.MaxMs)
		}
	}
	fmt.Println()
	fmt.Println("| scenario | via | req/s | p50 ms | p99 ms | errors |")
	fmt.Println("|---|---|---:|---:|---:|---:|")
	for _, r := range results {
		fmt.Printf("| %s | %s | %.0f | %.2f | %.2f | %d |\n", r.Scenario, r.Via, r.PerSecond, r.P50ms, r.P99ms, r.Errors)
	}
	fmt.Println()
	fmt.Println("| scenario | API/driver p50 | API/driver p99 | driver/API throughput |")
	fmt.Println("|---|---:|---:|---:|")
	for i := 0; i+1 < len(results); i += 2 {
		a, d := results[i], results[i+1]
		fmt.Printf("| %s | %.2f | %.2f | %.2f |\n", a.Scenario, a.P50ms/d.P50ms, a.P99ms/d.P99ms, d.PerSecond/a.PerSecond)
	}
	if jsonOut != "" {
		b, _ := json.MarshalIndent(results, "", "  ")
		if err := os.WriteFile(jsonOut, b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// runPlan runs one query the way package queries does: a managed read
// transaction, all records fetched.
func runPlan(ctx context.Context, drv neo4j.DriverWithContext, db string, p queries.Plan) (int, error) {
	sess := drv.NewSession(ctx, neo4j.SessionConfig{DatabaseName: db, AccessMode: neo4j.AccessModeRead, FetchSize: neo4j.FetchAll})
	defer sess.Close(ctx)
	recs, err := neo4j.ExecuteRead(ctx, sess, func(tx neo4j.ManagedTransaction) ([]*neo4j.Record, error) {
		res, err := tx.Run(ctx, p.Cypher, p.Params)
		if err != nil {
			return nil, err
		}
		return res.Collect(ctx)
	}, neo4j.WithTxTimeout(10*time.Second))
	return len(recs), err
}

// measure runs call from conc closed-loop clients for d, each request with
// a random sample, and summarises the latencies.
func measure(samples []sample, conc int, d time.Duration, call func(sample) error) Result {
	var (
		mu       sync.Mutex
		lat      []time.Duration
		errs     atomic.Int64
		firstErr atomic.Value
		wg       sync.WaitGroup
	)
	stop := time.Now().Add(d)
	start := time.Now()
	for w := range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 42))
			var mine []time.Duration
			for time.Now().Before(stop) {
				s := samples[rng.IntN(len(samples))]
				t0 := time.Now()
				if err := call(s); err != nil {
					errs.Add(1)
					firstErr.CompareAndSwap(nil, err)
					continue
				}
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	if e := firstErr.Load(); e != nil {
		fmt.Fprintln(os.Stderr, "apibench: first error:", e)
	}
	slices.Sort(lat)
	q := func(p float64) float64 {
		if len(lat) == 0 {
			return 0
		}
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
	}
	return Result{
		Requests: len(lat), Errors: int(errs.Load()), Seconds: elapsed.Seconds(),
		PerSecond: float64(len(lat)) / elapsed.Seconds(),
		P50ms:     q(0.50), P90ms: q(0.90), P99ms: q(0.99), MaxMs: q(1),
	}
}

// wrkScript picks one of the targets at random for every request.
const wrkScript = `math.randomseed(42)
local targets = {%s}
request = function()
  return wrk.format("GET", targets[math.random(#targets)])
end
`

// runWrk drives the API with wrk (one thread, conc connections, closed
// loop) for d and reads its summary.
func runWrk(base string, targets []string, conc int, d time.Duration) (Result, error) {
	quoted := make([]string, len(targets))
	for i, t := range targets {
		quoted[i] = strconv.Quote(t) // escaped paths: a Lua string too
	}
	f, err := os.CreateTemp("", "apibench-*.lua")
	if err != nil {
		return Result{}, err
	}
	defer os.Remove(f.Name())
	if _, err := fmt.Fprintf(f, wrkScript, strings.Join(quoted, ",")); err != nil {
		return Result{}, err
	}
	f.Close()
	secs := max(1, int(d.Round(time.Second)/time.Second))
	out, err := exec.Command("wrk", "-t1", fmt.Sprintf("-c%d", conc), fmt.Sprintf("-d%ds", secs),
		"--latency", "--timeout", "60s", "-s", f.Name(), base).CombinedOutput()
	if err != nil {
		return Result{}, fmt.Errorf("wrk: %w: %s", err, out)
	}
	return parseWrk(string(out), secs)
}

var (
	wrkTotal   = regexp.MustCompile(`(\d+) requests in ([\d.]+)(us|ms|s|m)`)
	wrkRate    = regexp.MustCompile(`Requests/sec:\s+([\d.]+)`)
	wrkPct     = regexp.MustCompile(`(?m)^\s+(50|90|99)%\s+([\d.]+)(us|ms|s)`)
	wrkMax     = regexp.MustCompile(`(?m)^\s+Latency\s+\S+\s+\S+\s+([\d.]+)(us|ms|s)`)
	wrkNon2xx  = regexp.MustCompile(`Non-2xx or 3xx responses: (\d+)`)
	wrkSockErr = regexp.MustCompile(`Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)`)
)

func wrkMs(v, unit string) float64 {
	f, _ := strconv.ParseFloat(v, 64)
	switch unit {
	case "us":
		return f / 1000
	case "s":
		return f * 1000
	case "m":
		return f * 60000
	}
	return f
}

// parseWrk reads wrk's --latency summary; errors count non-2xx answers
// and socket errors.
func parseWrk(out string, secs int) (Result, error) {
	m := wrkTotal.FindStringSubmatch(out)
	rate := wrkRate.FindStringSubmatch(out)
	if m == nil || rate == nil {
		return Result{}, fmt.Errorf("wrk: unexpected output:\n%s", out)
	}
	r := Result{Seconds: float64(secs)}
	r.Requests, _ = strconv.Atoi(m[1])
	r.PerSecond, _ = strconv.ParseFloat(rate[1], 64)
	for _, p := range wrkPct.FindAllStringSubmatch(out, -1) {
		v := wrkMs(p[2], p[3])
		switch p[1] {
		case "50":
			r.P50ms = v
		case "90":
			r.P90ms = v
		case "99":
			r.P99ms = v
		}
	}
	if mx := wrkMax.FindStringSubmatch(out); mx != nil {
		r.MaxMs = wrkMs(mx[1], mx[2])
	}
	if e := wrkNon2xx.FindStringSubmatch(out); e != nil {
		r.Errors, _ = strconv.Atoi(e[1])
	}
	if e := wrkSockErr.FindStringSubmatch(out); e != nil {
		for _, x := range e[1:] {
			n, _ := strconv.Atoi(x)
			r.Errors += n
		}
	}
	if r.Errors > 0 {
		fmt.Fprintf(os.Stderr, "apibench: wrk saw %d errors:\n%s", r.Errors, out)
	}
	return r, nil
}
