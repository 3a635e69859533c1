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

// allTerms builds a Lucene query in which every word of q must match, each
// through the clause that clause returns for the word (escaped) and its
// length in runes. It returns "" when q has no words.
func allTerms(q string, clause func(e string, n int) string) string {
	ts := terms(q)
	if len(ts) == 0 {
		return ""
	}
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = clause(escapeLucene(t), utf8.RuneCountInString(t))
	}
	return strings.Join(parts, " AND ")
}

// exactNameQuery builds a Lucene query for names: every word must match
// exactly (boosted) or as a prefix.
func exactNameQuery(q string) string {
	return allTerms(q, func(e string, _ int) string { return "(" + e + "^4 OR " + e + "*^2)" })
}

// fuzzyNameQuery builds a Lucene query for names: every word must match,
// exactly (boosted), as a prefix, or within an edit distance that grows with
// the word's length, so "Medinski" finds "Medinsky" and "Chernigov" finds
// "Chernihiv".
func fuzzyNameQuery(q string) string {
	return allTerms(q, func(e string, n int) string {
		switch {
		case n < 3:
			return "(" + e + "^4 OR " + e + "*)"
		case n < 6:
			return "(" + e + "^4 OR " + e + "*^2 OR " + e + "~1)"
		default:
			return "(" + e + "^4 OR " + e + "*^2 OR " + e + "~2)"
		}
	})
}

// textQuery builds a Lucene query for statement text: every word must
// occur, prefixes of longer words allowed.
func textQuery(q string) string {
	return allTerms(q, func(e string, n int) string {
		if n >= 4 {
			return "(" + e + "^2 OR " + e + "*)"
		}
		return e
	})
}
