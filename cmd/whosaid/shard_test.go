package main

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Three shards of one corpus hold every document exactly once. Keys are
// paths under a new temporary directory each run, so which shard a
// document lands in varies: with 12 documents a shard was empty in about
// 2% of runs (it failed CI once); with 60 the chance is below 10⁻¹⁰.
func TestExtractShards(t *testing.T) {
	files := map[string]string{}
	for i := range 60 {
		files[fmt.Sprintf("a%02d.txt", i)] = fmt.Sprintf("Minister Ana Lopes %d said the plan would work.", i)
	}
	dir := writeTree(t, files)
	keys := func(args ...string) []string {
		stdout, stderr, err := extractRun(t, "", append(args, dir)...)
		if err != nil {
			t.Fatalf("extract %v: %v\n%s", args, err, stderr)
		}
		var out []string
		for _, x := range decodeLines(t, stdout) {
			out = append(out, x.Document.Key())
		}
		return out
	}
	all := keys()
	var union []string
	for i := range 3 {
		part := keys("--shard", fmt.Sprintf("%d/3", i))
		if len(part) == 0 || len(part) == len(all) {
			t.Errorf("shard %d/3 holds %d of %d documents", i, len(part), len(all))
		}
		union = append(union, part...)
	}
	sort.Strings(all)
	sort.Strings(union)
	if d := cmp.Diff(all, union); d != "" {
		t.Errorf("shards are not a partition (-all +union):\n%s", d)
	}
	if _, stderr, err := extractRun(t, "", "--shard", "3/3", dir); err == nil || !strings.Contains(err.Error()+stderr, "--shard") {
		t.Errorf("--shard 3/3: %v %s", err, stderr)
	}
}
