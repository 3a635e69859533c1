package graph_test

import (
	"fmt"
	"testing"

	"github.com/whosaid/whosaid/graph"
)

func TestParseShard(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want graph.Shard
		ok   bool
	}{
		{"", graph.Shard{}, true},
		{"0/1", graph.Shard{Index: 0, Count: 1}, true},
		{"3/4", graph.Shard{Index: 3, Count: 4}, true},
		{"4/4", graph.Shard{}, false},
		{"-1/4", graph.Shard{}, false},
		{"1/0", graph.Shard{}, false},
		{"1", graph.Shard{}, false},
		{"a/b", graph.Shard{}, false},
	} {
		got, err := graph.ParseShard(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("ParseShard(%q) = %v, %v; want %v, ok %v", tc.in, got, err, tc.want, tc.ok)
		}
	}
}

// Every document is in exactly one shard, and the shards are about even.
func TestShardsPartition(t *testing.T) {
	const n, docs = 4, 4000
	counts := make([]int, n)
	for d := range docs {
		doc := graph.Document{URL: fmt.Sprintf("https://example.invalid/%d", d)}
		in := 0
		for i := range n {
			if (graph.Shard{Index: i, Count: n}).Has(doc) {
				in++
				counts[i]++
			}
		}
		if in != 1 {
			t.Fatalf("%s is in %d shards", doc.URL, in)
		}
	}
	for i, c := range counts {
		if c < docs/n*8/10 || c > docs/n*12/10 {
			t.Errorf("shard %d/%d holds %d of %d documents", i, n, c, docs)
		}
	}
	// A document without a key is placed by its text, the same way every run.
	doc := graph.Document{Text: "no key"}
	if a, b := (graph.Shard{Index: 1, Count: 3}).Has(doc), (graph.Shard{Index: 1, Count: 3}).Has(doc); a != b {
		t.Error("a keyless document changed shard")
	}
}
