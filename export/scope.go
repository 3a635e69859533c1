package export

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/whosaid/whosaid/graph"
)

// Scope selects the part of the graph to export. The zero Scope is
// everything. Speaker and Entity are exclusive.
//
// Date and kind filters apply to the statements behind SPOKE_ABOUT,
// CO_SPEAKER and VIA edges and to the node counts; roles and place
// containment have no date and are kept whatever the filters.
type Scope struct {
	Speaker   string   // only this entity's statements (and its roles)
	Entity    string   // the ego network of this entity ...
	Depth     int      // ... to this many hops (1..3; 0 means 1)
	From, To  string   // statement dates, YYYY-MM-DD, inclusive
	Kinds     []string // statement kinds (direct, indirect, mixed); empty means all
	MinWeight int64    // drop edges with fewer statements (documents, for roles) than this

	// MaxNodes bounds an ego network (the most connected neighbours are
	// kept); 0 means DefaultMaxNodes. Whole-graph and speaker exports are
	// not bounded: they stream.
	MaxNodes int
	// MaxStatementIDs caps the statement ids listed on one edge (the weight
	// still counts all); 0 means DefaultMaxStatementIDs, -1 lists none.
	MaxStatementIDs int

	// Quotes adds the quotes (docs/graph-model.md, "Quotes") that the
	// statements in scope report: a Quote node each, a SAID_QUOTE edge from
	// each of its speakers and a QUOTE_MENTIONS edge to each entity its
	// reports mention. Off, the export is what it was before quotes.
	Quotes bool
}

// Limits of a Scope.
const (
	DefaultMaxNodes        = 5000
	MaxMaxNodes            = 100000
	MaxDepth               = 3
	DefaultMaxStatementIDs = 50
	MaxMaxStatementIDs     = 10000
	// MaxIDLen bounds speaker and entity ids, as the API bounds every id.
	MaxIDLen = 512
)

// Focus is the entity the scope centres on, if any.
func (sc Scope) Focus() string {
	if sc.Entity != "" {
		return sc.Entity
	}
	return sc.Speaker
}

// Whole reports whether the scope selects the whole graph, unfiltered
// (limits aside).
func (sc Scope) Whole() bool {
	return sc.Speaker == "" && sc.Entity == "" && sc.Depth == 0 && !sc.filtered() && sc.MinWeight == 0
}

// filtered reports whether statement filters drop anything, in which case
// entities without edges in scope are left out of whole-graph exports.
func (sc Scope) filtered() bool {
	return sc.From != "" || sc.To != "" || len(sc.Kinds) > 0 || sc.MinWeight > 1
}

// Normalize fills defaults and validates; errors are graph.FieldErrors
// naming the query parameter (or flag) at fault.
func (sc Scope) Normalize() (Scope, error) {
	for _, f := range []struct{ name, v string }{{"speaker", sc.Speaker}, {"entity", sc.Entity}} {
		switch {
		case len(f.v) > MaxIDLen:
			return sc, graph.FieldError(f.name, "is longer than %d bytes", MaxIDLen)
		case !utf8.ValidString(f.v):
			return sc, graph.FieldError(f.name, "is not valid UTF-8")
		}
	}
	if sc.Speaker != "" && sc.Entity != "" {
		return sc, graph.FieldError("entity", "cannot be combined with speaker")
	}
	if sc.Entity == "" && sc.Depth != 0 {
		return sc, graph.FieldError("depth", "needs entity")
	}
	if sc.Entity != "" {
		if sc.Depth == 0 {
			sc.Depth = 1
		}
		if sc.Depth < 1 || sc.Depth > MaxDepth {
			return sc, graph.FieldError("depth", "must be between 1 and %d", MaxDepth)
		}
	}
	for _, f := range []struct{ name, v string }{{"from", sc.From}, {"to", sc.To}} {
		if f.v == "" {
			continue
		}
		if _, err := time.Parse(time.DateOnly, f.v); err != nil {
			return sc, graph.FieldError(f.name, "must be a date YYYY-MM-DD")
		}
	}
	if sc.From != "" && sc.To != "" && sc.From > sc.To {
		return sc, graph.FieldError("from", "is after to")
	}
	kinds := sc.Kinds[:0:0]
	for _, k := range sc.Kinds {
		k = strings.TrimSpace(k)
		if k == "" {
			continue
		}
		if !graph.StatementKind(k).Valid() {
			return sc, graph.FieldError("kind", "must be direct, indirect or mixed, not %q", k)
		}
		kinds = append(kinds, k)
	}
	sc.Kinds = kinds
	if sc.MinWeight < 0 {
		return sc, graph.FieldError("min_weight", "must not be negative")
	}
	switch {
	case sc.MaxNodes == 0:
		sc.MaxNodes = DefaultMaxNodes
	case sc.MaxNodes < 0 || sc.MaxNodes > MaxMaxNodes:
		return sc, graph.FieldError("limit", "must be between 1 and %d", MaxMaxNodes)
	}
	switch {
	case sc.MaxStatementIDs == 0:
		sc.MaxStatementIDs = DefaultMaxStatementIDs
	case sc.MaxStatementIDs < -1 || sc.MaxStatementIDs > MaxMaxStatementIDs:
		return sc, graph.FieldError("max_statement_ids", "must be between -1 and %d", MaxMaxStatementIDs)
	}
	return sc, nil
}

// QueryParams are the URL query parameters of an export: the scope's
// (ScopeFromQuery) plus format and model, which the caller reads.
var QueryParams = []string{"format", "model", "speaker", "entity", "depth", "from", "to", "kind", "min_weight", "limit", "max_statement_ids", "quotes"}

// ScopeFromQuery reads a Scope from URL query parameters: speaker, entity,
// depth, from, to, kind (repeated or comma-separated), min_weight, limit,
// max_statement_ids, quotes (true or false). The result is normalized. A parameter not in
// QueryParams, or given twice (but kind), is an error: a misspelt filter
// must not silently export the whole graph.
func ScopeFromQuery(q url.Values) (Scope, error) {
	for k, vs := range q {
		known := false
		for _, p := range QueryParams {
			known = known || p == k
		}
		switch {
		case !known:
			if len(k) > 64 {
				k = k[:64] + "…"
			}
			return Scope{}, graph.FieldError(strings.ToValidUTF8(k, "?"), "is not a parameter of export (one of %s)", strings.Join(QueryParams, ", "))
		case len(vs) > 1 && k != "kind":
			return Scope{}, graph.FieldError(k, "is given %d times", len(vs))
		}
	}
	sc := Scope{Speaker: q.Get("speaker"), Entity: q.Get("entity"), From: q.Get("from"), To: q.Get("to")}
	if v := q.Get("quotes"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return sc, graph.FieldError("quotes", "must be true or false")
		}
		sc.Quotes = b
	}
	for _, k := range q["kind"] {
		sc.Kinds = append(sc.Kinds, strings.Split(k, ",")...)
	}
	ints := []struct {
		name string
		dst  *int64
	}{{"depth", new(int64)}, {"min_weight", &sc.MinWeight}, {"limit", new(int64)}, {"max_statement_ids", new(int64)}}
	for _, p := range ints {
		v := q.Get(p.name)
		if v == "" {
			continue
		}
		n, err := strconv.ParseInt(v, 10, 32)
		if err != nil {
			return sc, graph.FieldError(p.name, "must be an integer")
		}
		*p.dst = n
	}
	sc.Depth, sc.MaxNodes, sc.MaxStatementIDs = int(*ints[0].dst), int(*ints[2].dst), int(*ints[3].dst)
	return sc.Normalize()
}

// Describe says in words what the scope selects, for file metadata.
func (sc Scope) Describe() string {
	var parts []string
	switch {
	case sc.Speaker != "":
		parts = append(parts, "statements of "+sc.Speaker)
	case sc.Entity != "":
		parts = append(parts, fmt.Sprintf("ego network of %s, depth %d", sc.Entity, sc.Depth))
	default:
		parts = append(parts, "whole graph")
	}
	if sc.From != "" || sc.To != "" {
		parts = append(parts, fmt.Sprintf("dates %s..%s", sc.From, sc.To))
	}
	if len(sc.Kinds) > 0 {
		parts = append(parts, "kinds "+strings.Join(sc.Kinds, ","))
	}
	if sc.MinWeight > 1 {
		parts = append(parts, fmt.Sprintf("min weight %d", sc.MinWeight))
	}
	if sc.Quotes {
		parts = append(parts, "with quotes")
	}
	return "whosaid export: " + strings.Join(parts, "; ")
}

// Meta is the file metadata of an export of this scope by creator.
func (sc Scope) Meta(creator string) Meta {
	return Meta{Creator: creator, Description: sc.Describe(), Quotes: sc.Quotes}
}

// FileName is a download name for an export of this scope in format f.
func (sc Scope) FileName(f Format) string {
	name := "whosaid"
	if id := sc.Focus(); id != "" {
		var b strings.Builder
		for _, r := range id {
			switch {
			case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
				b.WriteRune(r)
			default:
				b.WriteByte('_')
			}
		}
		name += "-" + b.String()
	}
	return name + "." + f.Ext()
}

// Resolve checks, in a read transaction of its own, that the entity the
// scope centres on exists: an HTTP handler calls it before the first byte
// of the answer, so that an unknown id is a 404 and not a truncated file.
// Export checks again in its own transaction.
func (x *Exporter) Resolve(ctx context.Context, sc Scope) error {
	sc, err := sc.Normalize()
	if err != nil || sc.Focus() == "" {
		return err
	}
	sess := x.Driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: x.Database, AccessMode: neo4j.AccessModeRead})
	defer sess.Close(context.WithoutCancel(ctx))
	tx, err := sess.BeginTransaction(ctx)
	if err != nil {
		return fmt.Errorf("export: begin read transaction: %w", classify(ctx, err))
	}
	defer tx.Close(context.WithoutCancel(ctx))
	field := "entity"
	if sc.Speaker != "" {
		field = "speaker"
	}
	return mustExist(ctx, tx, sc.Focus(), field)
}
