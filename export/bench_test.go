package export

import (
	"fmt"
	"io"
	"testing"
)

// BenchmarkWriters measures the encoders alone (no Neo4j): elements/s each
// format can write. The Neo4j-backed figures come from bench/export.
func BenchmarkWriters(b *testing.B) {
	nodes := make([]Node, 1000)
	for i := range nodes {
		nodes[i] = Node{ID: fmt.Sprintf("person:someone-%d", i), Type: "Person", Name: fmt.Sprintf("Some One %d", i),
			Aliases: []string{"S. One", "the official"}, Statements: int64(i % 17), Mentions: int64(i % 5),
			FirstSeen: "2022-01-01", LastSeen: "2022-03-29"}
	}
	edges := make([]Edge, 4000)
	for i := range edges {
		edges[i] = Edge{ID: fmt.Sprintf("e%d", i), Source: nodes[i%1000].ID, Target: nodes[(i*7+1)%1000].ID, Type: SpokeAbout,
			Weight: int64(1 + i%9), Statements: []string{"stmt:0123456789abcdef:stmt:0123456789abcdef", "stmt:0123456789abcdef:stmt:fedcba9876543210"},
			FirstDate: "2022-01-01", LastDate: "2022-03-29"}
	}
	for _, f := range Formats() {
		b.Run(string(f), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				w, err := NewWriter(f, io.Discard, Meta{})
				if err != nil {
					b.Fatal(err)
				}
				for _, n := range nodes {
					w.WriteNode(n)
				}
				for _, e := range edges {
					w.WriteEdge(e)
				}
				if err := w.Close(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N*(len(nodes)+len(edges)))/b.Elapsed().Seconds(), "elements/s")
		})
	}
}
