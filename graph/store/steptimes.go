package store

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"time"
)

// Step timings for the ingest benchmark (bench/ingest): with
// WHOSAID_STEP_TIMES set, the loader adds up the wall time of each query
// of its write transactions, and of their commits, process-wide;
// StepTimes reports and resets them. Off, it costs a boolean test.
var (
	stepOn  = os.Getenv("WHOSAID_STEP_TIMES") != ""
	stepMu  sync.Mutex
	stepDur = map[string]time.Duration{}
	stepN   = map[string]int{}
)

func addStep(name string, t0 time.Time) {
	if !stepOn {
		return
	}
	d := time.Since(t0)
	stepMu.Lock()
	stepDur[name] += d
	stepN[name]++
	stepMu.Unlock()
}

// StepTimes returns the step timings added up since the last call, one
// "step total count mean" line each, by total; "" when they are off.
func StepTimes() string {
	if !stepOn {
		return ""
	}
	stepMu.Lock()
	defer stepMu.Unlock()
	names := make([]string, 0, len(stepDur))
	for n := range stepDur {
		names = append(names, n)
	}
	slices.SortFunc(names, func(a, b string) int { return int(stepDur[b] - stepDur[a]) })
	var b strings.Builder
	for _, n := range names {
		fmt.Fprintf(&b, "%-24s %8.2fs %6d %8.1fms\n", n, stepDur[n].Seconds(), stepN[n], float64(stepDur[n].Milliseconds())/float64(stepN[n]))
	}
	clear(stepDur)
	clear(stepN)
	return b.String()
}
