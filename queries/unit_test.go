package queries

import (
	"strings"
	"testing"
)

func TestFuzzyNameQuery(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Medinski", "(medinski^4 OR medinski*^2 OR medinski~2)"},
		{"Kyiv", "(kyiv^4 OR kyiv*^2 OR kyiv~1)"},
		{"EU", "(eu^4 OR eu*)"},
		{"' OR 1=1", "(or^4 OR or*) AND (1^4 OR 1*) AND (1^4 OR 1*)"},
		{`}) DETACH DELETE n //`, "(detach^4 OR detach*^2 OR detach~2) AND (delete^4 OR delete*^2 OR delete~2) AND (n^4 OR n*)"},
		{`name:x~ AND "y"`, "(name^4 OR name*^2 OR name~1) AND (x^4 OR x*) AND (and^4 OR and*^2 OR and~1) AND (y^4 OR y*)"},
		{`*?\/`, ""},
	} {
		if got := fuzzyNameQuery(tc.in); got != tc.want {
			t.Errorf("fuzzyNameQuery(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := terms(strings.Repeat("word ", 100)); len(got) != maxLuceneTerms {
		t.Errorf("terms kept %d words", len(got))
	}
	if got := escapeLucene(`a+b:c\d`); got != `a\+b\:c\\d` {
		t.Errorf("escapeLucene = %q", got)
	}
}

func TestSentenceAround(t *testing.T) {
	text := "First one. “A quote,” he said. Dr. Who? Next line\nLast “bit”."
	for _, tc := range []struct{ sub, want string }{
		{"A quote", "“A quote,” he said."},
		{"Next line", "Next line"},
		{"bit", "Last “bit”."},
		{"First", "First one."},
	} {
		i := strings.Index(text, tc.sub)
		got := sentenceAround(text, i, i+len(tc.sub))
		if got.Text != tc.want || text[got.Start:got.End] != got.Text {
			t.Errorf("%q: got %q [%d,%d)", tc.sub, got.Text, got.Start, got.End)
		}
	}
	if got := sentenceAround(text, 5, 500); got.Text != "" {
		t.Errorf("out of range: %q", got.Text)
	}
	para := paragraphAround("a\nb c d\ne", 4, 5)
	if para.Text != "b c d" {
		t.Errorf("paragraph = %q", para.Text)
	}
}

func TestCheckCypher(t *testing.T) {
	for _, q := range []string{
		"LOAD CSV FROM 'x' AS l RETURN l", "load/**/csv from 'x' as l return l", "CALL dbms.components()",
		"CALL `dbms`.listConfig()", "CALL apoc.create.node([], {})", "call apoc.periodic.iterate('', '', {})",
		"RETURN 1 // x\nCALL dbms.x()", "CALL { CREATE () } IN TRANSACTIONS", "USE system SHOW USERS",
		"SHOW USERS", "show current user", "SHOW DATABASES", "SHOW SETTINGS", "SHOW TRANSACTIONS", "SHOW ALL PRIVILEGES",
		"SHOW USER neo4j PRIVILEGES", "SHOW ROLES", "TERMINATE TRANSACTIONS 'neo4j-transaction-1'", "SHOW ALIASES FOR DATABASE",
		"RETURN apoc.text.join(['a'], ',')",
	} {
		if err := checkCypher(q); err == nil {
			t.Errorf("%q allowed", q)
		}
	}
	for _, q := range []string{
		"MATCH (n:Entity) RETURN n.name LIMIT 5", "MATCH (n) WHERE n.reuse = 1 RETURN n",
		"CALL db.index.fulltext.queryNodes('entity_names', 'x') YIELD node RETURN node",
		"SHOW INDEXES", "SHOW CONSTRAINTS", "SHOW PROCEDURES YIELD name RETURN name", "MATCH (n) RETURN n.show_settings",
	} {
		if err := checkCypher(q); err != nil {
			t.Errorf("%q refused: %v", q, err)
		}
	}
}

func TestCursorRoundTrip(t *testing.T) {
	c := cursor{Tag: "score", S: []string{"id"}, F: []float64{0.1 + 0.2}}
	got, ok, err := decodeCursor(encodeCursor(c), "score", 1, 0, 1)
	if err != nil || !ok || got.F[0] != c.F[0] || got.S[0] != "id" {
		t.Fatalf("round trip: %+v %v %v", got, ok, err)
	}
}
