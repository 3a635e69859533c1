package store

import (
	"errors"
	"fmt"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/whosaid/whosaid/graph"
)

func TestIsUnavailable(t *testing.T) {
	conn := &neo4j.ConnectivityError{Inner: errors.New("dial tcp: connection refused")}
	tests := []struct {
		err  error
		want bool
	}{
		{nil, false},
		{errors.New("syntax"), false},
		{graph.Errorf(graph.EUNAVAILABLE, "down"), true},
		{fmt.Errorf("wrapped: %w", conn), true},
		{&neo4j.TransactionExecutionLimit{Cause: "timeout", Errors: []error{conn}}, true},
		{&neo4j.Neo4jError{Code: "Neo.ClientError.Schema.ConstraintValidationFailed"}, false},
		{&neo4j.TransactionExecutionLimit{Cause: "timeout", Errors: []error{&neo4j.Neo4jError{Code: "Neo.ClientError.Schema.ConstraintValidationFailed"}}}, false},
	}
	for _, tt := range tests {
		if got := IsUnavailable(tt.err); got != tt.want {
			t.Errorf("IsUnavailable(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}

func TestPrepare(t *testing.T) {
	text := "Ana Rist said the dam in Velmora would hold, according to the Water Board."
	doc := graph.Document{ID: "sha256:" + hashOf(text), Path: "-", Text: text}
	ext := graph.Extraction{
		Document: doc,
		Entities: []graph.Entity{{ID: "person:ana-rist", Type: graph.Person, Name: "Ana Rist",
			Roles: []graph.Role{{Title: "engineer", Of: "organisation:water-board"}}}},
		Statements: []graph.Statement{
			{ID: "s1", Kind: graph.Indirect, Content: graph.Span{Start: 14, End: 42},
				Speakers: []graph.Speaker{{ID: "person:ana-rist"}}, Mentions: []string{"place:velmora", "place:velmora"},
				Via: "organisation:water-board"},
			{ID: "s1", Kind: graph.Indirect, Content: graph.Span{Start: 14, End: 42},
				Speakers: []graph.Speaker{{ID: "person:ben-oak", Name: "Ben Oak", Type: graph.Person}}},
		},
	}
	p, err := prepare(ext)
	if err != nil {
		t.Fatal(err)
	}
	if p.key != "" {
		t.Errorf("a document read from stdin must have no key, got %q", p.key)
	}
	var ids []string
	for _, e := range p.entities {
		ids = append(ids, fmt.Sprintf("%s %s %v", e.id, e.name, e.implied))
	}
	want := []string{
		"person:ana-rist Ana Rist false",
		"person:ben-oak Ben Oak true",
		"organisation:water-board Water Board true",
		"place:velmora Velmora true",
	}
	if !equalSets(ids, want) {
		t.Errorf("entities %q, want %q", ids, want)
	}
	h := hashOf(text)[:16]
	if got := []any{p.statements[0].props["id"], p.statements[1].props["id"]}; got[0] != "stmt:"+h+":s1" || got[1] != "stmt:"+h+":s1~2" {
		t.Errorf("statement ids %v: must be qualified by the document and unique", got)
	}
	if len(p.statements[0].mentions) != 1 {
		t.Errorf("duplicate mentions kept: %v", p.statements[0].mentions)
	}

	bad := []graph.Extraction{
		{Document: graph.Document{Text: "  "}},
		{Document: doc, Entities: []graph.Entity{{ID: "x", Type: "Thing"}}},
		{Document: doc, Statements: []graph.Statement{{Kind: "rumour"}}},
		{Document: doc, Statements: []graph.Statement{{Kind: graph.Direct, Content: graph.Span{Start: 5, End: 500}}}},
		{Document: doc, Statements: []graph.Statement{{Kind: graph.Direct, Mentions: []string{"gadget:x"}}}},
	}
	for i, b := range bad {
		if _, err := prepare(b); graph.ErrorCode(err) != graph.EINVALID {
			t.Errorf("bad extraction %d: err %v, want invalid", i, err)
		}
	}
}

func hashOf(s string) string {
	d, _ := prepare(graph.Extraction{Document: graph.Document{Text: s}})
	return d.id[len("sha256:"):]
}

func equalSets(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	m := map[string]int{}
	for _, x := range a {
		m[x]++
	}
	for _, x := range b {
		m[x]--
	}
	for _, v := range m {
		if v != 0 {
			return false
		}
	}
	return true
}
