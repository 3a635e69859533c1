// Command apibench measures the researchers' API under load from a second
// process: speaker history (a page of 50), entity search and ego network
// (depth 1), each driven over HTTP against a running `whosaid serve` (by
// wrk when it is installed, else by net/http here: -client), and then the
// very same Cypher with the same parameters run directly through the Neo4j
// driver in the same run, to report what the API adds.
//
// Both paths replay one fixed sequence of requests (the sampled speakers,
// shuffled once), so they ask exactly the same questions; each scenario
// runs -rounds pairs of series, alternating which path goes first, and
// reports every round and the median overhead (driver throughput over API
// throughput, minus one). Given the pids of the server and of Neo4j
// (-server-pid, -neo4j-pid; run.sh passes them when they are local), it
// also reports each process's CPU time per request, read from /proc.
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
	"syscall"
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
	Round       int     `json:"round"`
	// CPU milliseconds per request of each process, when known (0 if not):
	// the server (API series only), Neo4j, and the load generator (wrk, or
	// this process for the driver series and -client go).
	ServerCPUms float64 `json:"server_cpu_ms_per_request,omitempty"`
	Neo4jCPUms  float64 `json:"neo4j_cpu_ms_per_request,omitempty"`
	ClientCPUms float64 `json:"client_cpu_ms_per_request,omitempty"`
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
	rounds := flag.Int("rounds", 3, "pairs of API and driver series per scenario, alternating which goes first")
	serverPID := flag.Int("server-pid", 0, "pid of the whosaid server, to report its CPU per request (Linux /proc)")
	neo4jPID := flag.Int("neo4j-pid", 0, "pid of the Neo4j server, to report its CPU per request (Linux /proc)")
	flag.Parse()
	if *client != "wrk" && *client != "go" {
		fmt.Fprintln(os.Stderr, "apibench: -client must be wrk or go")
		os.Exit(2)
	}
	if *rounds < 1 {
		fmt.Fprintln(os.Stderr, "apibench: -rounds must be at least 1")
		os.Exit(2)
	}
	o := options{base: *base, duration: *duration, warmup: *warmup, conc: *conc, samples: *nSamples,
		only: strings.Split(*only, ","), jsonOut: *jsonOut, uniform: *uniform, client: *client,
		rounds: *rounds, serverPID: *serverPID, neo4jPID: *neo4jPID}
	if err := run(o); err != nil {
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

// options are the command's flags.
type options struct {
	base                string
	duration, warmup    time.Duration
	conc, samples       int
	only                []string
	jsonOut             string
	uniform             bool
	client              string
	rounds              int
	serverPID, neo4jPID int
}

func run(o options) error {
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
	n := o.samples
	p := 0.01
	if total, ok := st.(int64); ok && total > 0 {
		p = min(1, 3*float64(n)/float64(total))
	}
	sampler := sampleSpeakers
	if o.uniform {
		sampler = sampleSpeakersUniform
		if total, ok := en.(int64); ok && total > 0 {
			p = min(1, 4*float64(n)/float64(total))
		}
	}
	res, err := neo4j.ExecuteQuery(ctx, drv, sampler, map[string]any{"p": p, "n": int64(n)}, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db))
	if err != nil {
		return fmt.Errorf("sample speakers: %w", err)
	}
	var seq []sample
	for _, r := range res.Records {
		id, _ := r.Get("id")
		name, _ := r.Get("name")
		seq = append(seq, sample{id.(string), fmt.Sprint(name)})
	}
	if len(seq) == 0 {
		return errors.New("no speakers in the graph")
	}
	// One fixed order that both paths replay from its start in every
	// series: the same questions, so that the expensive speakers of a
	// heavy-tailed sample weigh the same on both sides.
	rand.New(rand.NewPCG(42, 42)).Shuffle(len(seq), func(i, j int) { seq[i], seq[j] = seq[j], seq[i] })
	how := "weighted by statements"
	if o.uniform {
		how = "uniformly"
	}
	fmt.Printf("sampled %d speaker ids %s; %d clients (API through %s), %d rounds of %s per path after %s warm-up\n\n",
		len(seq), how, o.conc, o.client, o.rounds, o.duration, o.warmup)

	httpClient := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: o.conc * 2, MaxConnsPerHost: o.conc * 2}, Timeout: 60 * time.Second}
	var results []Result
	for _, sc := range scenarios {
		if !slices.Contains(o.only, sc.name) {
			continue
		}
		apiCall := func(s sample) error {
			resp, err := httpClient.Get(o.base + sc.target(s.id, s.name))
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
		series := map[string]func(time.Duration) (Result, error){
			"api":    func(d time.Duration) (Result, error) { return measure(seq, o.conc, d, apiCall), nil },
			"driver": func(d time.Duration) (Result, error) { return measure(seq, o.conc, d, driverCall), nil },
		}
		if o.client == "wrk" {
			targets := make([]string, len(seq))
			for i, s := range seq {
				targets[i] = sc.target(s.id, s.name)
			}
			series["api"] = func(d time.Duration) (Result, error) { return runWrk(o.base, targets, o.conc, d) }
		}
		// Warm both paths (caches, query plans, connections).
		if _, err := series["api"](o.warmup); err != nil {
			return err
		}
		if _, err := series["driver"](o.warmup / 2); err != nil {
			return err
		}
		for round := 1; round <= o.rounds; round++ {
			order := []string{"api", "driver"}
			if round%2 == 0 {
				order = []string{"driver", "api"}
			}
			pair := map[string]Result{}
			for _, via := range order {
				before := o.cpu()
				r, err := series[via](o.duration)
				if err != nil {
					return err
				}
				o.cpu().perRequest(before, r.Requests, via, &r)
				r.Scenario, r.Via, r.Concurrency, r.Round = sc.name, via, o.conc, round
				pair[via] = r
				fmt.Printf("%-8s round %d %-6s %7d req %4d err %8.1f req/s  p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  max %7.2f ms%s\n",
					r.Scenario, round, r.Via, r.Requests, r.Errors, r.PerSecond, r.P50ms, r.P90ms, r.P99ms, r.MaxMs, r.cpuText())
			}
			results = append(results, pair["api"], pair["driver"])
		}
	}
	report(results)
	if o.jsonOut != "" {
		b, _ := json.MarshalIndent(results, "", "  ")
		if err := os.WriteFile(o.jsonOut, b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// report prints every round and, per scenario, the medians over rounds.
// The overhead is what the API costs over the driver in time per request
// at the same concurrency: driver throughput over API throughput, minus
// one.
func report(results []Result) {
	fmt.Println()
	fmt.Println("| scenario | round | via | req/s | p50 ms | p99 ms | CPU ms/req server · Neo4j · client | errors |")
	fmt.Println("|---|---:|---|---:|---:|---:|---|---:|")
	for _, r := range results {
		fmt.Printf("| %s | %d | %s | %.0f | %.2f | %.2f | %s | %d |\n", r.Scenario, r.Round, r.Via, r.PerSecond, r.P50ms, r.P99ms, r.cpuCells(), r.Errors)
	}
	fmt.Println()
	fmt.Println("| scenario | overhead per round | median overhead | median API/driver p50 | median API/driver p99 |")
	fmt.Println("|---|---|---:|---:|---:|")
	var names []string
	byName := map[string][][2]Result{}
	for i := 0; i+1 < len(results); i += 2 {
		a, d := results[i], results[i+1]
		if _, ok := byName[a.Scenario]; !ok {
			names = append(names, a.Scenario)
		}
		byName[a.Scenario] = append(byName[a.Scenario], [2]Result{a, d})
	}
	for _, name := range names {
		var over, p50, p99 []float64
		var cells []string
		for _, ad := range byName[name] {
			a, d := ad[0], ad[1]
			o := d.PerSecond/a.PerSecond - 1
			over = append(over, o)
			p50 = append(p50, a.P50ms/d.P50ms)
			p99 = append(p99, a.P99ms/d.P99ms)
			cells = append(cells, fmt.Sprintf("%.0f%%", 100*o))
		}
		fmt.Printf("| %s | %s | **%.0f%%** | %.2f | %.2f |\n", name, strings.Join(cells, ", "), 100*median(over), median(p50), median(p99))
	}
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// cpuSnapshot holds CPU milliseconds used so far by the server, Neo4j and
// this process (-1 when unknown).
type cpuSnapshot struct{ server, neo4j, self float64 }

func (o options) cpu() cpuSnapshot {
	return cpuSnapshot{server: procCPU(o.serverPID), neo4j: procCPU(o.neo4jPID), self: selfCPU()}
}

// perRequest fills r's CPU per request from the snapshot before the
// series and this one after it. The client's is this process's for the
// Go series and what runWrk recorded for wrk's.
func (after cpuSnapshot) perRequest(before cpuSnapshot, requests int, via string, r *Result) {
	if requests == 0 {
		return
	}
	per := func(a, b float64) float64 {
		if a < 0 || b < 0 {
			return 0
		}
		return (a - b) / float64(requests)
	}
	if via == "api" {
		r.ServerCPUms = per(after.server, before.server)
	}
	r.Neo4jCPUms = per(after.neo4j, before.neo4j)
	if r.ClientCPUms == 0 {
		r.ClientCPUms = per(after.self, before.self)
	} else {
		r.ClientCPUms /= float64(requests)
	}
}

func (r Result) cpuCells() string {
	if r.Neo4jCPUms == 0 && r.ServerCPUms == 0 {
		return "—"
	}
	server := "—"
	if r.ServerCPUms > 0 {
		server = fmt.Sprintf("%.2f", r.ServerCPUms)
	}
	return fmt.Sprintf("%s · %.2f · %.2f", server, r.Neo4jCPUms, r.ClientCPUms)
}

func (r Result) cpuText() string {
	if c := r.cpuCells(); c != "—" {
		return "  CPU ms/req " + c
	}
	return ""
}

// clockTicks is USER_HZ, the unit of /proc/PID/stat times: 100 on every
// Linux architecture Go supports.
const clockTicks = 100

// procCPU reads a process's user+system CPU time in milliseconds from
// /proc, or -1.
func procCPU(pid int) float64 {
	if pid <= 0 {
		return -1
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return -1
	}
	// Fields after the command name, which is in parentheses and may hold
	// spaces: state is field 3, utime 14 and stime 15.
	i := strings.LastIndexByte(string(b), ')')
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return -1
	}
	u, _ := strconv.ParseFloat(f[11], 64)
	st, _ := strconv.ParseFloat(f[12], 64)
	return (u + st) * 1000 / clockTicks
}

func selfCPU() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return -1
	}
	ms := func(t syscall.Timeval) float64 { return float64(t.Sec)*1000 + float64(t.Usec)/1000 }
	return ms(ru.Utime) + ms(ru.Stime)
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

// measure runs call from conc closed-loop clients for d, the clients
// taking the requests of seq in turn from its start, and summarises the
// latencies.
func measure(seq []sample, conc int, d time.Duration, call func(sample) error) Result {
	var (
		mu       sync.Mutex
		lat      []time.Duration
		next     atomic.Int64
		errs     atomic.Int64
		firstErr atomic.Value
		wg       sync.WaitGroup
	)
	stop := time.Now().Add(d)
	start := time.Now()
	for range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			for time.Now().Before(stop) {
				s := seq[int(next.Add(1)-1)%len(seq)]
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

// wrkScript sends the targets in order from the first, as measure does
// with the driver (one thread: one Lua state for all connections).
const wrkScript = `local targets = {%s}
local i = 0
request = function()
  i = i %% #targets + 1
  return wrk.format("GET", targets[i])
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
	cmd := exec.Command("wrk", "-t1", fmt.Sprintf("-c%d", conc), fmt.Sprintf("-d%ds", secs),
		"--latency", "--timeout", "60s", "-s", f.Name(), base)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return Result{}, fmt.Errorf("wrk: %w: %s", err, out)
	}
	r, err := parseWrk(string(out), secs)
	// wrk's CPU in total; perRequest divides it.
	r.ClientCPUms = float64((cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()).Microseconds()) / 1000
	return r, err
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
