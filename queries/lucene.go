package queries

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Full-text parameters are passed to Neo4j as parameters, but Neo4j still
// parses them with Lucene's query syntax, so user input must never be used
// as a Lucene query directly. The input is split into words of letters and
// digits, each word is escaped (defensively: after splitting nothing
// special is left) and the query is rebuilt from those words only.

const (
	maxLuceneTerms   = 8
	maxLuceneTermLen = 64
)

// luceneSpecial are the characters Lucene's classic query parser treats
// specially.
const luceneSpecial = `+-&|!(){}[]^"~*?:\/`

func escapeLucene(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(luceneSpecial, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// terms splits user input into lower-cased words of letters and digits.
func terms(q string) []string {
	words := strings.FieldsFunc(strings.ToLower(q), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	out := words[:0]
	for _, w := range words {
		if utf8.RuneCountInString(w) > maxLuceneTermLen {
			continue
		}
		out = append(out, w)
		if len(out) == maxLuceneTerms {
			break
		}
	}
	return out
}

// exactNameQuery builds a Lucene query for names: every word must match
// exactly (boosted) or as a prefix. It returns "" when q has no words.
func exactNameQuery(q string) string {
	ts := terms(q)
	if len(ts) == 0 {
		return ""
	}
	parts := make([]string, len(ts))
	for i, t := range ts {
		e := escapeLucene(t)
		parts[i] = "(" + e + "^4 OR " + e + "*^2)"
	}
	return strings.Join(parts, " AND ")
}

// fuzzyNameQuery builds a Lucene query for names: every word must match,
// exactly (boosted), as a prefix, or within an edit distance that grows with
// the word's length, so "Medinski" finds "Medinsky" and "Chernigov" finds
// "Chernihiv". It returns "" when q has no words.
func fuzzyNameQuery(q string) string {
	ts := terms(q)
	if len(ts) == 0 {
		return ""
	}
	parts := make([]string, len(ts))
	for i, t := range ts {
		e := escapeLucene(t)
		n := utf8.RuneCountInString(t)
		switch {
		case n < 3:
			parts[i] = "(" + e + "^4 OR " + e + "*)"
		case n < 6:
			parts[i] = "(" + e + "^4 OR " + e + "*^2 OR " + e + "~1)"
		default:
			parts[i] = "(" + e + "^4 OR " + e + "*^2 OR " + e + "~2)"
		}
	}
	return strings.Join(parts, " AND ")
}

// textQuery builds a Lucene query for statement text: every word must
// occur, prefixes of longer words allowed.
func textQuery(q string) string {
	ts := terms(q)
	if len(ts) == 0 {
		return ""
	}
	parts := make([]string, len(ts))
	for i, t := range ts {
		e := escapeLucene(t)
		if utf8.RuneCountInString(t) >= 4 {
			parts[i] = "(" + e + "^2 OR " + e + "*)"
		} else {
			parts[i] = e
		}
	}
	return strings.Join(parts, " AND ")
}
