package store

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
)

// StepTimer adds up the wall time of each query of the loader's write
// transactions, for the ingest benchmark (bench/ingest -steps):
// set Options.Steps to one and read it with Report. A nil *StepTimer
// times nothing.
type StepTimer struct {
	mu  sync.Mutex
	dur map[string]time.Duration
	n   map[string]int
}

func (t *StepTimer) add(name string, t0 time.Time) {
	if t == nil {
		return
	}
	t.addDur(name, time.Since(t0))
}

// lap adds the time since t0 to name and returns now, for a sequence of
// steps timed one after the other.
func (t *StepTimer) lap(name string, t0 time.Time) time.Time {
	now := time.Now()
	if t != nil {
		t.addDur(name, now.Sub(t0))
	}
	return now
}

func (t *StepTimer) addDur(name string, d time.Duration) {
	t.mu.Lock()
	if t.dur == nil {
		t.dur, t.n = map[string]time.Duration{}, map[string]int{}
	}
	t.dur[name] += d
	t.n[name]++
	t.mu.Unlock()
}

// Report returns the timings added up since the last call, one "step
// total count mean" line each, by total, and resets them.
func (t *StepTimer) Report() string {
	if t == nil {
		return ""
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	names := make([]string, 0, len(t.dur))
	for n := range t.dur {
		names = append(names, n)
	}
	slices.SortFunc(names, func(a, b string) int { return int(t.dur[b] - t.dur[a]) })
	var b strings.Builder
	for _, n := range names {
		fmt.Fprintf(&b, "%-24s %8.2fs %6d %8.1fms\n", n, t.dur[n].Seconds(), t.n[n], float64(t.dur[n].Milliseconds())/float64(t.n[n]))
	}
	clear(t.dur)
	clear(t.n)
	return b.String()
}
