package queries

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/whosaid/whosaid/graph"
)

// The guard of POST /cypher is an allow-list. A researcher's query is split
// into tokens the way Cypher's lexer does (strings, comments, backquoted
// names and parameters are never read as code) and refused unless
//
//   - it starts (after CYPHER options, EXPLAIN or PROFILE) with a reading
//     clause: MATCH, OPTIONAL MATCH, WITH, UNWIND, RETURN, CALL, or one of
//     the allowed SHOW commands (SHOW INDEXES, CONSTRAINTS, PROCEDURES,
//     FUNCTIONS);
//   - every procedure it CALLs is in AllowedProcedures;
//   - every function it calls (a name followed by "(") is a built-in
//     function in allowedFunctions, or a keyword that takes parentheses;
//   - it has none of LOAD (CSV), USE, TERMINATE, IN TRANSACTIONS or
//     PERIODIC COMMIT, and every SHOW names an allowed command.
//
// Whatever the tokenizer gets wrong errs on the side of refusing: a
// character it does not know separates tokens (so a name can only look
// shorter, never like another allowed name), a line comment ends at any
// line break Unicode knows, and a name is read across whitespace and
// comments. Neo4j then runs what passed in a READ transaction, which
// refuses every write.

// AllowedProcedures are the procedures POST /cypher may call: read-only,
// and telling nothing about other sessions (their queries, parameters,
// connections, transactions, metadata) or the server's configuration.
// Everything else is refused, including procedures that only read but
// reveal other clients' queries (db.stats.*), change planning or caches
// for everyone (db.prepareForReplanning, db.resampleIndex,
// db.clearQueryCaches), or block (db.awaitIndex). Names are compared
// case-insensitively.
var AllowedProcedures = []string{
	"db.labels",
	"db.relationshipTypes",
	"db.propertyKeys",
	"db.schema.nodeTypeProperties",
	"db.schema.relTypeProperties",
	"db.schema.visualization",
	"db.index.fulltext.queryNodes",
	"db.index.fulltext.queryRelationships",
	"db.index.fulltext.listAvailableAnalyzers",
	"db.index.vector.queryNodes",
	"db.index.vector.queryRelationships",
	"db.ping",
}

// AllowedFunctions are the built-in functions of Neo4j 5.26 that POST
// /cypher may call (SHOW FUNCTIONS lists 141; graph.byName and
// graph.byElementId only serve USE, file and linenumber only LOAD CSV, so
// they are left out). Plugins' functions (apoc.*, …) are refused: a
// function can do anything its author wrote, including running Cypher.
var AllowedFunctions = []string{
	"abs", "acos", "all", "any", "asin", "atan", "atan2", "avg", "btrim", "ceil", "char_length",
	"character_length", "coalesce", "collect", "cos", "cot", "count", "date", "datetime", "degrees",
	"duration", "e", "elementId", "endNode", "exists", "exp", "floor", "haversin", "head", "id",
	"isEmpty", "isNaN", "keys", "labels", "last", "left", "length", "localdatetime", "localtime",
	"log", "log10", "lower", "ltrim", "max", "min", "nodes", "none", "normalize", "nullIf",
	"percentileCont", "percentileDisc", "pi", "point", "properties", "radians", "rand", "randomUUID",
	"range", "reduce", "relationships", "replace", "reverse", "right", "round", "rtrim", "sign", "sin",
	"single", "size", "split", "sqrt", "startNode", "stdev", "stdevp", "substring", "sum", "tail", "tan",
	"time", "timestamp", "toBoolean", "toBooleanList", "toBooleanOrNull", "toFloat", "toFloatList",
	"toFloatOrNull", "toInteger", "toIntegerList", "toIntegerOrNull", "toLower", "toString",
	"toStringList", "toStringOrNull", "toUpper", "trim", "type", "upper", "valueType",
	"date.realtime", "date.statement", "date.transaction", "date.truncate",
	"datetime.fromepoch", "datetime.fromepochmillis", "datetime.realtime", "datetime.statement",
	"datetime.transaction", "datetime.truncate",
	"duration.between", "duration.inDays", "duration.inMonths", "duration.inSeconds",
	"localdatetime.realtime", "localdatetime.statement", "localdatetime.transaction", "localdatetime.truncate",
	"localtime.realtime", "localtime.statement", "localtime.transaction", "localtime.truncate",
	"point.distance", "point.withinBBox",
	"time.realtime", "time.statement", "time.transaction", "time.truncate",
	"vector.similarity.cosine", "vector.similarity.euclidean",
	// Not listed by SHOW FUNCTIONS, but called like functions.
	"shortestPath", "allShortestPaths",
}

// parenKeywords are the keywords that may stand right before "(" without
// being a function call: clauses and operators followed by a pattern or a
// parenthesised expression.
var parenKeywords = setOf(
	"match", "optional", "where", "and", "or", "xor", "not", "in", "is", "as", "return", "with",
	"unwind", "call", "yield", "distinct", "order", "by", "asc", "desc", "ascending", "descending",
	"skip", "limit", "offset", "union", "case", "when", "then", "else", "end", "contains", "starts",
	"ends", "shortest", "path", "paths", "group", "groups", "repeatable", "different", "elements",
	"element", "walk", "trail", "acyclic", "simple", "create", "merge", "set", "delete", "detach",
	"remove", "foreach", "on", "for", "require", "filter", "let", "finish", "next", "null", "true",
	"false", "explain", "profile", "cypher", "exists", "count", "collect", "all", "any", "none",
	"single", "nodetach", "of", "rows",
)

// startKeywords are the clauses a query may begin with.
var startKeywords = setOf("match", "optional", "with", "unwind", "return", "call", "show")

// showAllowed are the SHOW commands that tell nothing about other
// sessions; showModifiers may come between SHOW and them.
var (
	showAllowed   = setOf("index", "indexes", "constraint", "constraints", "procedure", "procedures", "function", "functions")
	showModifiers = setOf("all", "built", "in", "user", "defined", "range", "fulltext", "text", "point", "vector",
		"lookup", "btree", "unique", "uniqueness", "exist", "existence", "exists", "node", "relationship", "rel", "key",
		"property", "type", "prop")
)

// deniedKeywords may not occur as keywords anywhere.
var deniedKeywords = map[string]string{
	"load":         "LOAD CSV is not allowed (it reads server files and URLs)",
	"use":          "USE (switching databases) is not allowed",
	"terminate":    "TERMINATE TRANSACTIONS is not allowed",
	"transactions": "CALL { … } IN TRANSACTIONS and transaction commands are not allowed",
	"transaction":  "CALL { … } IN TRANSACTIONS and transaction commands are not allowed",
	"periodic":     "PERIODIC COMMIT is not allowed",
}

var (
	allowedProcSet = lowerSet(AllowedProcedures)
	allowedFuncSet = lowerSet(AllowedFunctions)
)

func setOf(xs ...string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

func lowerSet(xs []string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[strings.ToLower(x)] = true
	}
	return m
}

// ProcedureAllowed reports whether POST /cypher may CALL the procedure.
func ProcedureAllowed(name string) bool { return allowedProcSet[strings.ToLower(name)] }

// FunctionAllowed reports whether POST /cypher may call the function.
func FunctionAllowed(name string) bool { return allowedFuncSet[strings.ToLower(name)] }

type tokKind uint8

const (
	tIdent  tokKind = iota // a name; quoted for backquoted names
	tString                // a string literal (content not kept)
	tNumber
	tParam // $name
	tPunct // one ASCII punctuation character
)

type token struct {
	kind   tokKind
	text   string // the name (backquotes removed), or the punctuation
	quoted bool   // a backquoted name is never a keyword
}

// kw returns the token's keyword, lower case, or "" when it cannot be one.
func (t token) kw() string {
	if t.kind != tIdent || t.quoted {
		return ""
	}
	return strings.ToLower(t.text)
}

func identStart(r rune) bool { return r == '_' || unicode.IsLetter(r) }
func identPart(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.In(r, unicode.Mn, unicode.Mc)
}

// lineBreak ends a // comment: every line break Unicode knows, so that a
// comment never runs on further than Neo4j's.
func lineBreak(r rune) bool {
	switch r {
	case '\n', '\r', '\v', '\f', 0x85, 0x2028, 0x2029:
		return true
	}
	return false
}

// tokenize splits a query into tokens. Unterminated strings, names and
// comments run to the end (Neo4j refuses such a query anyway).
func tokenize(q string) []token {
	var toks []token
	for i := 0; i < len(q); {
		r, n := utf8.DecodeRuneInString(q[i:])
		switch {
		case r == '/' && strings.HasPrefix(q[i:], "//"):
			i += 2
			for i < len(q) {
				r, n := utf8.DecodeRuneInString(q[i:])
				if lineBreak(r) {
					break
				}
				i += n
			}
		case r == '/' && strings.HasPrefix(q[i:], "/*"):
			end := strings.Index(q[i+2:], "*/")
			if end < 0 {
				i = len(q)
			} else {
				i += 2 + end + 2
			}
		case r == '\'' || r == '"':
			i += n
			for i < len(q) {
				c := q[i]
				if c == '\\' {
					i += 2
					continue
				}
				i++
				if rune(c) == r {
					break
				}
			}
			toks = append(toks, token{kind: tString})
		case r == '`':
			var b strings.Builder
			i += n
			for i < len(q) {
				if q[i] == '`' {
					if i+1 < len(q) && q[i+1] == '`' { // `` is an escaped backquote
						b.WriteByte('`')
						i += 2
						continue
					}
					i++
					break
				}
				b.WriteByte(q[i])
				i++
			}
			toks = append(toks, token{kind: tIdent, text: b.String(), quoted: true})
		case r == '$':
			i += n
			if i < len(q) && q[i] == '`' {
				continue // $`name`: the name token that follows is the parameter's
			}
			for i < len(q) {
				r, n := utf8.DecodeRuneInString(q[i:])
				if !identPart(r) {
					break
				}
				i += n
			}
			toks = append(toks, token{kind: tParam})
		case r >= '0' && r <= '9':
			// Digits and letters (1e5, 0x1F, 1_000); a dot only when a digit
			// follows, so that 1..apoc.x() still shows the name apoc.x.
			j := i
			for j < len(q) {
				c := q[j]
				switch {
				case c >= '0' && c <= '9', c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_':
					j++
					continue
				case c == '.' && j+1 < len(q) && q[j+1] >= '0' && q[j+1] <= '9':
					j++
					continue
				case (c == '+' || c == '-') && (q[j-1] == 'e' || q[j-1] == 'E') && j+1 < len(q) && q[j+1] >= '0' && q[j+1] <= '9':
					j++
					continue
				}
				break
			}
			toks = append(toks, token{kind: tNumber})
			i = j
		case identStart(r):
			j := i + n
			for j < len(q) {
				r, n := utf8.DecodeRuneInString(q[j:])
				if !identPart(r) {
					break
				}
				j += n
			}
			toks = append(toks, token{kind: tIdent, text: q[i:j]})
			i = j
		case r < utf8.RuneSelf && !unicode.IsSpace(r) && unicode.IsPrint(r):
			toks = append(toks, token{kind: tPunct, text: string(r)})
			i += n
		default:
			i += n // whitespace, control and any other character separate tokens
		}
	}
	return toks
}

// name reads a dotted name (a.b.c, `a`.b) starting at toks[i]; it returns
// the name and the index after it.
func name(toks []token, i int) (string, int) {
	if i >= len(toks) || toks[i].kind != tIdent {
		return "", i
	}
	parts := []string{toks[i].text}
	j := i + 1
	for j+1 < len(toks) && toks[j].kind == tPunct && toks[j].text == "." && toks[j+1].kind == tIdent {
		parts = append(parts, toks[j+1].text)
		j += 2
	}
	return strings.Join(parts, "."), j
}

// nameBefore reads the dotted name that ends at toks[end-1], backwards. It
// returns the name, the index of its first token and its number of parts.
func nameBefore(toks []token, end int) (n string, start, parts int) {
	i := end - 1
	if i < 0 || toks[i].kind != tIdent {
		return "", end, 0
	}
	names := []string{toks[i].text}
	for i-2 >= 0 && toks[i-1].kind == tPunct && toks[i-1].text == "." && toks[i-2].kind == tIdent {
		names = append(names, toks[i-2].text)
		i -= 2
	}
	slices.Reverse(names)
	return strings.Join(names, "."), i, len(names)
}

func refuse(format string, args ...any) error {
	return &graph.Error{Code: graph.EFORBIDDEN, Field: "query", Message: fmt.Sprintf(format, args...) + "; only read queries run here (see the allow-list in docs/api.md)"}
}

// checkCypher applies the allow-list to a researcher's query.
func checkCypher(query string) error {
	toks := tokenize(query)
	if err := checkStart(toks); err != nil {
		return err
	}
	for i, t := range toks {
		prevDot := i > 0 && toks[i-1].kind == tPunct && toks[i-1].text == "."
		prevColon := i > 0 && toks[i-1].kind == tPunct && toks[i-1].text == ":"
		nextDot := i+1 < len(toks) && toks[i+1].kind == tPunct && toks[i+1].text == "."
		nextColon := i+1 < len(toks) && toks[i+1].kind == tPunct && toks[i+1].text == ":"
		kw := t.kw()
		// A property (n.call), a label (:Show), a map key ({use: 1}) or a
		// namespace (load.x()) is not a keyword.
		keyword := kw != "" && !prevDot && !prevColon && !nextDot && !nextColon
		switch {
		case keyword && kw == "call":
			if i+1 >= len(toks) {
				return refuse("CALL without a procedure")
			}
			if nx := toks[i+1]; nx.kind == tPunct && (nx.text == "{" || nx.text == "(") {
				continue // a subquery
			}
			proc, _ := name(toks, i+1)
			if proc == "" {
				return refuse("CALL must name a procedure")
			}
			if !ProcedureAllowed(proc) {
				return refuse("procedure %s is not on the allow-list", proc)
			}
		case keyword && kw == "show":
			if err := checkShow(toks, i+1); err != nil {
				return err
			}
		case keyword && deniedKeywords[kw] != "":
			return refuse("%s", deniedKeywords[kw])
		case t.kind == tPunct && t.text == "(":
			fn, start, parts := nameBefore(toks, i)
			if fn == "" {
				continue
			}
			before := token{}
			if start > 0 {
				before = toks[start-1]
			}
			switch {
			case before.kw() == "call":
				continue // the procedure itself, checked at CALL
			case parts == 1 && before.kind == tPunct && before.text == ":" && !deniedFunction(fn):
				// A label before "(" (USING INDEX n:Label(prop)), or a
				// root-namespace name after a map key, which only a
				// built-in function can have: Neo4j refuses plugins'
				// functions and procedures outside a namespace.
				continue
			case parts == 1 && !toks[i-1].quoted && parenKeywords[strings.ToLower(fn)]:
				continue
			}
			if !FunctionAllowed(fn) {
				return refuse("function %s is not on the allow-list", fn)
			}
		}
	}
	return nil
}

// deniedFunction reports the built-in functions left off the allow-list.
func deniedFunction(fn string) bool {
	switch strings.ToLower(fn) {
	case "file", "linenumber":
		return true
	}
	return false
}

// checkStart refuses queries that do not begin with a reading clause.
func checkStart(toks []token) error {
	i := skipPrefix(toks)
	if i >= len(toks) {
		return nil // empty: Neo4j answers with a syntax error
	}
	// Only a word can begin a clause or a command; anything else is a
	// syntax error that Neo4j reports better.
	if kw := toks[i].kw(); kw != "" && !startKeywords[kw] {
		return refuse("a query starting with %s is not allowed: start with MATCH, OPTIONAL MATCH, WITH, UNWIND, RETURN, CALL or SHOW INDEXES|CONSTRAINTS|PROCEDURES|FUNCTIONS", strings.ToUpper(toks[i].text))
	}
	return nil
}

// skipPrefix returns the index of the first token after EXPLAIN, PROFILE
// and CYPHER [version] [option=value ...].
func skipPrefix(toks []token) int {
	i := 0
	for i < len(toks) {
		switch toks[i].kw() {
		case "explain", "profile":
			i++
		case "cypher":
			i++
			for i < len(toks) {
				if toks[i].kind == tNumber {
					i++
				} else if i+2 < len(toks) && toks[i].kind == tIdent && toks[i+1].kind == tPunct && toks[i+1].text == "=" {
					i += 3
				} else {
					break
				}
			}
		default:
			return i
		}
	}
	return i
}

// checkShow refuses SHOW commands other than the allowed ones, which would
// reveal users, settings or other clients' transactions and queries.
func checkShow(toks []token, i int) error {
	for ; i < len(toks); i++ {
		kw := toks[i].kw()
		switch {
		case showAllowed[kw]:
			return nil
		case showModifiers[kw]:
			continue
		}
		break
	}
	return refuse("only SHOW INDEXES, CONSTRAINTS, PROCEDURES and FUNCTIONS are allowed")
}
