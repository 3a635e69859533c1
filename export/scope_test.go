package export

import (
	"net/url"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/whosaid/whosaid/graph"
)

func TestScopeFromQuery(t *testing.T) {
	for _, tc := range []struct {
		query string
		want  Scope
		field string // offending field when invalid
	}{
		{"", Scope{MaxNodes: DefaultMaxNodes, MaxStatementIDs: DefaultMaxStatementIDs}, ""},
		{"entity=place:kyiv", Scope{Entity: "place:kyiv", Depth: 1, MaxNodes: DefaultMaxNodes, MaxStatementIDs: DefaultMaxStatementIDs}, ""},
		{"entity=place:kyiv&depth=3&limit=10&max_statement_ids=-1", Scope{Entity: "place:kyiv", Depth: 3, MaxNodes: 10, MaxStatementIDs: -1}, ""},
		{"speaker=person:a&from=2022-01-01&to=2022-12-31&kind=direct,mixed&kind=indirect&min_weight=2",
			Scope{Speaker: "person:a", From: "2022-01-01", To: "2022-12-31", Kinds: []string{"direct", "mixed", "indirect"}, MinWeight: 2,
				MaxNodes: DefaultMaxNodes, MaxStatementIDs: DefaultMaxStatementIDs}, ""},
		{"quotes=true", Scope{Quotes: true, MaxNodes: DefaultMaxNodes, MaxStatementIDs: DefaultMaxStatementIDs}, ""},
		{"quotes=false", Scope{MaxNodes: DefaultMaxNodes, MaxStatementIDs: DefaultMaxStatementIDs}, ""},
		{"quotes=maybe", Scope{}, "quotes"},
		{"speaker=a&entity=b", Scope{}, "entity"},
		{"depth=2", Scope{}, "depth"},
		{"entity=a&depth=0", Scope{Entity: "a", Depth: 1, MaxNodes: DefaultMaxNodes, MaxStatementIDs: DefaultMaxStatementIDs}, ""},
		{"entity=a&depth=4", Scope{}, "depth"},
		{"entity=a&depth=two", Scope{}, "depth"},
		{"from=2022-02-30", Scope{}, "from"},
		{"to=tomorrow", Scope{}, "to"},
		{"from=2022-05-01&to=2022-01-01", Scope{}, "from"},
		{"kind=shouted", Scope{}, "kind"},
		{"min_weight=-1", Scope{}, "min_weight"},
		{"limit=1000000", Scope{}, "limit"},
		{"max_statement_ids=99999999999", Scope{}, "max_statement_ids"},
	} {
		q, err := url.ParseQuery(tc.query)
		if err != nil {
			t.Fatal(err)
		}
		got, err := ScopeFromQuery(q)
		if tc.field != "" {
			var ge *graph.Error
			if err == nil || graph.ErrorCode(err) != graph.EINVALID || !asError(err, &ge) || ge.Field != tc.field {
				t.Errorf("%q: err = %v, want an invalid %s", tc.query, err, tc.field)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tc.query, err)
			continue
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%q (-want +got):\n%s", tc.query, diff)
		}
	}
}

func asError(err error, target **graph.Error) bool {
	e, ok := err.(*graph.Error)
	if ok {
		*target = e
	}
	return ok
}

func TestScopeNames(t *testing.T) {
	sc := Scope{Entity: "place:kyiv", Depth: 2, From: "2022-01-01", Kinds: []string{"direct"}, MinWeight: 3}
	if got, want := sc.Describe(), "whosaid export: ego network of place:kyiv, depth 2; dates 2022-01-01..; kinds direct; min weight 3"; got != want {
		t.Errorf("Describe = %q, want %q", got, want)
	}
	if got := (Scope{Speaker: `x/../"y"`}).FileName(GEXF); got != "whosaid-x_____y_.gexf" {
		t.Errorf("FileName = %q", got)
	}
	if !(Scope{MaxNodes: 5}).Whole() || (Scope{MinWeight: 2}).Whole() {
		t.Error("Whole")
	}
}
