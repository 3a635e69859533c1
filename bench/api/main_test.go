package main

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// wrkOutput is what Debian's wrk 4 prints with --latency.
const wrkOutput = `Running 10s test @ http://127.0.0.1:18080
  1 threads and 2 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     2.05ms    1.13ms  20.08ms   91.20%
    Req/Sec     0.98k    80.12     1.13k    70.00%
  Latency Distribution
     50%    1.96ms
     75%    2.31ms
     90%    3.02ms
     99%    5.80ms
  9812 requests in 10.00s, 180.10MB read
  Non-2xx or 3xx responses: 3
Requests/sec:    981.17
Transfer/sec:     18.01MB
`

func TestParseWrk(t *testing.T) {
	got, err := parseWrk(wrkOutput, 10)
	if err != nil {
		t.Fatal(err)
	}
	want := Result{Requests: 9812, Errors: 3, Seconds: 10, PerSecond: 981.17, P50ms: 1.96, P90ms: 3.02, P99ms: 5.80, MaxMs: 20.08}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("parseWrk (-want +got):\n%s", diff)
	}
	if _, err := parseWrk("wrk: connection refused", 10); err == nil {
		t.Error("parseWrk accepted output without a summary")
	}
}

func TestMedian(t *testing.T) {
	for _, tc := range []struct {
		in   []float64
		want float64
	}{
		{[]float64{3}, 3},
		{[]float64{0.2, -0.1, 0.15}, 0.15},
		{[]float64{4, 1, 3, 2}, 2.5},
	} {
		in := append([]float64(nil), tc.in...)
		if got := median(tc.in); got != tc.want {
			t.Errorf("median(%v) = %v, want %v", tc.in, got, tc.want)
		}
		if diff := cmp.Diff(in, tc.in); diff != "" {
			t.Errorf("median changed its input: %s", diff)
		}
	}
}

func TestPerRequest(t *testing.T) {
	before := cpuSnapshot{server: 1000, neo4j: 5000, self: 200}
	after := cpuSnapshot{server: 1500, neo4j: 6000, self: 300}
	var api Result
	after.perRequest(before, 1000, "api", &api)
	if api.ServerCPUms != 0.5 || api.Neo4jCPUms != 1 || api.ClientCPUms != 0.1 {
		t.Errorf("api series: %+v", api)
	}
	wrk := Result{ClientCPUms: 40} // runWrk's total for the series
	after.perRequest(before, 1000, "api", &wrk)
	if wrk.ClientCPUms != 0.04 {
		t.Errorf("wrk's CPU per request = %v, want 0.04", wrk.ClientCPUms)
	}
	var drv Result
	cpuSnapshot{server: -1, neo4j: 6000, self: 300}.perRequest(cpuSnapshot{server: -1, neo4j: 5000, self: 200}, 500, "driver", &drv)
	if drv.ServerCPUms != 0 || drv.Neo4jCPUms != 2 || drv.ClientCPUms != 0.2 {
		t.Errorf("driver series: %+v", drv)
	}
}

func TestProcCPU(t *testing.T) {
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("no /proc")
	}
	if got := procCPU(os.Getpid()); got < 0 {
		t.Errorf("procCPU(self) = %v", got)
	}
	if got := procCPU(0); got != -1 {
		t.Errorf("procCPU(0) = %v, want -1", got)
	}
}
