// Stage 1, segmenting: tokens with byte offsets, quote spans, sentences
// that never split a quote.

package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/whosaid/whosaid/graph"
)

type tkind uint8

const (
	tWord tkind = iota
	tNum
	tPunct
	tQuote
	tPara // a line break: paragraphs end here
)

type qmark uint8

const (
	qNone qmark = iota
	qOpenD
	qCloseD
	qOpenS
	qCloseS
)

// token is one word, number, punctuation or quote mark with its byte span.
type token struct {
	s, e  int
	kind  tkind
	q     qmark
	cap   bool // starts with an upper-case letter
	abbr  bool // a word that swallowed its trailing period (Mr., U.S.)
	low   string
	quote int32 // index of the enclosing quote span, -1 outside quotes
}

// quoteSpan is a pair of quote marks: inner is the text between them.
type quoteSpan struct {
	openTok, closeTok int // token indices of the marks; closeTok is the last token inside when unclosed
	os, oe            int // outer byte span, marks included
	is, ie            int // inner byte span
	single            bool
}

// sentence is a run of tokens [t0, t1); quotes never straddle two sentences.
type sentence struct {
	t0, t1 int
	para   int
}

// doc holds one document's tokens, quotes and sentences.
type doc struct {
	text   string
	toks   []token
	quotes []quoteSpan
	sents  []sentence
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// runeClass: 0 space, 1 letter/digit, 2 punct, 3 quote, 4 newline.
func classify(r rune) int {
	switch r {
	case '\n', '\r', '\u2028', '\u2029':
		return 4
	case '"', '\'', '\u201c', '\u201d', '\u2018', '\u2019', '\u00ab', '\u00bb', '\u201e', '\u201a', '\u201f', '\u2039', '\u203a':
		return 3
	}
	if r < utf8.RuneSelf {
		c := byte(r)
		switch {
		case isWordByte(c):
			return 1
		case c == ' ' || c == '\t' || c == '\f' || c == '\v':
			return 0
		}
		return 2
	}
	if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
		return 1
	}
	if unicode.IsSpace(r) {
		return 0
	}
	return 2
}

func decode(text string, i int) (rune, int) {
	c := text[i]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(text[i:])
}

func isLetterAt(text string, i int) bool {
	if i >= len(text) || i < 0 {
		return false
	}
	r, _ := decode(text, i)
	return classify(r) == 1
}

// tokenize splits text in one pass. Offsets are bytes.
func tokenize(text string, toks []token) []token {
	lower := lowerSameLength(text)
	n := len(text)
	i := 0
	for i < n {
		r, w := decode(text, i)
		switch classify(r) {
		case 0:
			i += w
		case 4:
			toks = append(toks, token{s: i, e: i + w, kind: tPara, quote: -1})
			i += w
			// collapse a run of line breaks and spaces into one paragraph break
			for i < n {
				r2, w2 := decode(text, i)
				c := classify(r2)
				if c != 0 && c != 4 {
					break
				}
				i += w2
			}
		case 3:
			if r == '\'' && i+2 < n && text[i+1] == '\'' && text[i+2] == '\'' {
				// three apostrophes: a nested single quote next to a double one
				if i == 0 || classify(rune(text[i-1])) == 0 || classify(rune(text[i-1])) == 4 {
					toks = append(toks, quoteToken(text, i, 2, '"'), quoteToken(text, i+2, 1, '\u2018'))
				} else {
					toks = append(toks, quoteToken(text, i, 1, '\u2019'), quoteToken(text, i+1, 2, '"'))
				}
				i += 3
				continue
			}
			if r == '\'' && i+1 < n && text[i+1] == '\'' {
				// two apostrophes stand for a double quote (NYT style)
				t := quoteToken(text, i, 2, '"')
				toks = append(toks, t)
				i += 2
				continue
			}
			toks = append(toks, quoteToken(text, i, w, r))
			i += w
		case 2:
			// runs of the same ASCII punctuation (--, ...) stay one token
			j := i + w
			if r < utf8.RuneSelf {
				for j < n && text[j] == byte(r) && (r == '-' || r == '.') {
					j++
				}
			}
			toks = append(toks, token{s: i, e: j, kind: tPunct, low: text[i:j], quote: -1})
			i = j
		case 1:
			j, t := scanWord(text, lower, i)
			toks = append(toks, t)
			i = j
		}
	}
	return toks
}

func quoteToken(text string, i, w int, r rune) token {
	t := token{s: i, e: i + w, kind: tQuote, low: text[i : i+w], quote: -1}
	if r == '"' && w == 2 {
		t.low = "\""
		if i > 0 && text[i-1] == '\'' {
			t.q = qCloseD
			return t
		}
	}
	prevSpace := i == 0
	if i > 0 {
		pr, _ := utf8.DecodeLastRuneInString(text[:i])
		c := classify(pr)
		prevSpace = c == 0 || c == 4 || pr == '(' || pr == '[' || pr == '{' || pr == '\u2014' || pr == '\u2013' || pr == '-' || pr == '/' || pr == ':'
		if c == 3 {
			// after another quote mark: opening only if that one opens
			// (` "'` ), not after a closing one (`,'"`)
			j := i - utf8.RuneLen(pr)
			prevSpace = j == 0
			if j > 0 {
				pp, _ := utf8.DecodeLastRuneInString(text[:j])
				cp := classify(pp)
				prevSpace = cp == 0 || cp == 4 || pp == '(' || pp == '['
			}
		}
	}
	nextLetter, nextSpace := false, i+w >= len(text)
	if i+w < len(text) {
		nr, _ := decode(text, i+w)
		c := classify(nr)
		nextLetter = c == 1 || c == 2 && nr != ',' && nr != '.' && nr != ';' && nr != ')' && nr != ':' && nr != '?' && nr != '!'
		nextSpace = c == 0 || c == 4
	}
	if r == '"' && prevSpace && nextSpace && i > 1 {
		// a mark between spaces closes after punctuation: "…coalitions, '' said"
		if pr, _ := utf8.DecodeLastRuneInString(strings.TrimRight(text[:i], " ")); pr == ',' || pr == '.' || pr == '?' || pr == '!' {
			prevSpace = false
		}
	}
	switch r {
	case '\u201c', '\u201e', '\u00ab', '\u201f':
		t.q = qOpenD
	case '\u201d', '\u00bb':
		t.q = qCloseD
	case '"':
		if prevSpace {
			t.q = qOpenD
		} else {
			t.q = qCloseD
		}
	case '\u2018', '\u201a', '\u2039':
		t.q = qOpenS
	case '\u2019', '\u203a', '\'':
		switch {
		case prevSpace && nextLetter:
			t.q = qOpenS
		case !prevSpace:
			t.q = qCloseS
		}
	}
	return t
}

// scanWord reads a word from text[i:], keeping internal apostrophes and
// hyphens, dotted abbreviations (U.S.) and numbers (3.5, 10,000).
func scanWord(text, lower string, i int) (int, token) {
	n := len(text)
	start := i
	digits := true
	hasUpper := false
	hasNonASCII := false
	for i < n {
		c := text[i]
		if c < utf8.RuneSelf {
			if isWordByte(c) {
				if c < '0' || c > '9' {
					digits = false
				}
				if c >= 'A' && c <= 'Z' {
					hasUpper = true
				}
				i++
				continue
			}
			// joiners: apostrophe, hyphen, dot, comma inside words/numbers
			if i+1 < n && i > start {
				switch c {
				case '\'', '-':
					if isLetterAt(text, i+1) {
						i++
						continue
					}
				case '.':
					if digits && text[i+1] >= '0' && text[i+1] <= '9' {
						i++
						continue
					}
					// U.S / e.g: one or two letters, dot, letter
					if i-lastDot(text, start, i) <= 2 && isWordByte(text[i+1]) && !digits && (i+2 >= n || !isWordByte(text[i+2]) || text[i+2] == '.') {
						i++
						continue
					}
				case ',':
					if digits && i+3 < n && isDigits(text[i+1:i+4]) && (i+4 >= n || !isWordByte(text[i+4])) {
						i++
						continue
					}
				}
			}
			break
		}
		r, w := utf8.DecodeRuneInString(text[i:])
		if r == '\u2019' && i > start && isLetterAt(text, i+w) {
			i += w
			continue
		}
		if classify(r) != 1 {
			break
		}
		digits = false
		hasNonASCII = true
		if unicode.IsUpper(r) {
			hasUpper = true
		}
		i += w
	}
	t := token{s: start, e: i, kind: tWord, quote: -1}
	if digits {
		t.kind = tNum
	}
	r0, _ := decode(text, start)
	t.cap = unicode.IsUpper(r0)
	w := text[start:i]
	if hasUpper || hasNonASCII {
		w = lower[start:i]
	}
	// a trailing period belongs to abbreviations and initials
	if i < n && text[i] == '.' && !digits {
		if abbrevs[w] || strings.IndexByte(w, '.') >= 0 || (i-start == 1 && t.cap) {
			i++
			t.e = i
			t.abbr = true
			w = lower[start:i]
		}
	}
	t.low = w
	return i, t
}

// lowerSameLength lower-cases text rune by rune, keeping each rune's byte
// length so that offsets into the copy are offsets into text (the rare
// letters whose lower case has another length stay as they are). One
// allocation per document instead of one per capitalised word.
func lowerSameLength(text string) string {
	b := make([]byte, len(text))
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			b[i] = c
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(text[i:])
		if l := unicode.ToLower(r); l != r && r != utf8.RuneError && utf8.RuneLen(l) == w {
			utf8.EncodeRune(b[i:], l)
		} else {
			copy(b[i:i+w], text[i:i+w])
		}
		i += w
	}
	return string(b)
}

func lastDot(text string, start, i int) int {
	for j := i - 1; j >= start; j-- {
		if text[j] == '.' || text[j] == '-' {
			return j + 1
		}
	}
	return start
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// findQuotes pairs quote marks. Double quotes pair within a paragraph; an
// unclosed double quote continues into the next paragraph when that one
// opens with a quote mark, else it ends with its paragraph. Single quotes
// count only outside double quotes (inside they are nested quotes).
func (d *doc) findQuotes() {
	toks := d.toks
	open := -1 // token index of the pending double open
	sopen := -1
	lastInPara := -1
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		if t.kind == tPara {
			if open >= 0 {
				// continuation: next paragraph opens with a double quote
				if i+1 < len(toks) && toks[i+1].kind == tQuote && toks[i+1].q == qOpenD {
					i++ // the reopening mark belongs to the same quote
					continue
				}
				d.addQuote(open, lastInPara, false, false)
				open = -1
			}
			sopen = -1
			continue
		}
		lastInPara = i
		if t.kind != tQuote {
			continue
		}
		switch t.q {
		case qOpenD:
			if open < 0 {
				open = i
				sopen = -1
			}
		case qCloseD:
			if open >= 0 {
				d.addQuote(open, i, true, false)
				open = -1
			}
		case qOpenS:
			if open < 0 && sopen < 0 {
				sopen = i
			}
		case qCloseS:
			if open < 0 && sopen >= 0 && !isLetterAt(d.text, t.e) {
				// a plural possessive (voters’ ) right after a word is not
				// a closing quote when the quote would hold one short word
				if i-sopen > 1 {
					d.addQuote(sopen, i, true, true)
				}
				sopen = -1
			}
		}
	}
	if open >= 0 && lastInPara > open {
		d.addQuote(open, lastInPara, false, false)
	}
	// mark tokens inside quotes
	for qi, q := range d.quotes {
		for j := q.openTok; j <= q.closeTok && j < len(toks); j++ {
			toks[j].quote = int32(qi)
		}
	}
}

func (d *doc) addQuote(open, close int, closed, single bool) {
	toks := d.toks
	q := quoteSpan{openTok: open, closeTok: close, os: toks[open].s, is: toks[open].e, single: single}
	if closed {
		q.oe, q.ie = toks[close].e, toks[close].s
	} else {
		q.oe, q.ie = toks[close].e, toks[close].e
	}
	if q.ie < q.is {
		q.ie = q.is
	}
	d.quotes = append(d.quotes, q)
}

func (t *token) isComma() bool { return t.kind == tPunct && t.low == "," }

func isTerminal(t *token) bool {
	if t.kind != tPunct {
		return false
	}
	switch t.low {
	case ".", "!", "?", "...", "\u2026", "?!", "!?":
		return true
	}
	return false
}

// findSentences splits tokens into sentences; quote spans are kept whole.
func (d *doc) findSentences() {
	toks := d.toks
	start := 0
	para := 0
	emit := func(end int) {
		// trim paragraph tokens at the edges
		s := start
		for s < end && toks[s].kind == tPara {
			s++
		}
		e := end
		for e > s && toks[e-1].kind == tPara {
			e--
		}
		if e > s {
			d.sents = append(d.sents, sentence{t0: s, t1: e, para: para})
		}
		start = end
	}
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		if t.kind == tPara {
			if t.quote >= 0 {
				continue // a quote running over paragraphs
			}
			emit(i)
			start = i + 1
			para++
			continue
		}
		if t.quote >= 0 {
			// the end of a quote that ends in terminal punctuation and is
			// followed by a capitalised word or a new quote ends the sentence
			q := &d.quotes[t.quote]
			if i == q.closeTok && t.kind == tQuote && i > 0 && isTerminal(&toks[i-1]) {
				if i+1 < len(toks) && (toks[i+1].cap || toks[i+1].kind == tQuote && (toks[i+1].q == qOpenD || toks[i+1].q == qOpenS)) && !(d.attributionAt(i+1) && (toks[i-1].low != "." || d.closedAttribution(i+1))) {
					emit(i + 1)
				}
			}
			continue
		}
		if isTerminal(t) {
			j := i + 1
			for j < len(toks) && toks[j].quote < 0 && (toks[j].kind == tQuote && (toks[j].q == qCloseD || toks[j].q == qCloseS) || toks[j].kind == tPunct && (toks[j].low == ")" || toks[j].low == "]")) {
				j++
			}
			if j < len(toks) && toks[j].kind == tWord && !toks[j].cap && t.low != "?" && t.low != "!" {
				continue // "... 4 p.m. local time" or a lower-case run-on
			}
			if j < len(toks) && toks[j].kind == tPunct && (toks[j].low == "," || toks[j].low == ";") {
				// "Rep. Sander Levin (Mich.), a superdelegate", "Ana Ruiz
				// of Tucson, Ariz., said": an abbreviation, as no sentence
				// ends on a comma
				continue
			}
			emit(j)
			i = j - 1
			continue
		}
		if t.abbr && i+1 < len(toks) {
			base := strings.TrimSuffix(t.low, ".")
			nt := &toks[i+1]
			if nt.kind == tQuote && (nt.q == qOpenD || nt.q == qOpenS) && len(base) == 1 && t.cap && i > 0 && toks[i-1].kind == tWord && !toks[i-1].cap {
				// "wrote on X. “No payment data …”": an initial is followed
				// by a name, not by a quote
				emit(i + 1)
				continue
			}
			if len(base) == 1 && t.cap && i > 0 && toks[i-1].kind == tWord && !toks[i-1].cap && nt.kind == tWord && nt.cap && sentenceStarters[nt.low] {
				// "wrote one user on X. Another posted …", "vitamin D. The
				// study …": a capital letter after a lower-case word and
				// before a sentence opener ends the sentence (initials
				// follow a name: "George W. Bush")
				emit(i + 1)
				continue
			}
			if abbrevsNoBreak[base] || len(base) == 1 {
				continue
			}
			if nt.kind == tWord && nt.cap && sentenceStarters[nt.low] {
				emit(i + 1)
			}
			if (base == "a.m" || base == "p.m") && nt.kind == tQuote && (nt.q == qOpenD || nt.q == qOpenS) {
				// "a phone call at 2 a.m. “I didn't believe it …”": a
				// time ends its sentence before a quote opens
				emit(i + 1)
			}
		}
	}
	emit(len(toks))
}

// attributionAt reports a speech attribution starting at token i: a few
// words ending in a speech verb ("Biden said", "said Biden"), which
// belongs to the quote before it even after "?" or "!".
func (d *doc) attributionAt(i int) bool {
	appos := false // inside commas after the name: "Ana Ruiz, 54, a nurse, said"
	for k := i; k < len(d.toks) && (k < i+7 || appos && k < i+30); k++ {
		t := &d.toks[k]
		if t.kind == tPunct && t.low == "," && k > i && d.toks[i].cap {
			appos = true
			continue
		}
		if appos && (t.kind == tNum || t.kind == tPunct && (t.low == "." || t.low == "-" || t.low == "(" || t.low == ")")) {
			continue
		}
		if t.kind != tWord {
			return false
		}
		if appos && !d.toks[k-1].isComma() {
			continue // only a verb right after the closing comma attributes
		}
		if k > i && k < i+4 && mannerOfSpeaking[t.low] && d.toks[k-1].cap && k+1 < len(d.toks) && isTerminal(&d.toks[k+1]) {
			// "“…?” Hannity pressed.": a name and a manner-of-speaking
			// verb alone after the quote (quoteThenSpeaker reads them)
			allCap := true
			for j := i; j < k; j++ {
				allCap = allCap && d.toks[j].kind == tWord && d.toks[j].cap
			}
			return allCap
		}
		if _, ok := speechForms[t.low]; ok && (!t.cap || k == i) {
			if k == i || k+1 >= len(d.toks) {
				return true // "said Biden"
			}
			n := &d.toks[k+1]
			// "Biden said." / "Biden said, …" / "Biden said in …", not "Rubio called the statement …"
			return n.kind == tPunct || n.kind == tQuote || n.kind == tPara || n.kind == tWord && (n.low == "in" || n.low == "on" || n.low == "at" || n.low == "during" || n.low == "after" || n.low == "of" || n.low == "to" || n.low == "when" || n.low == "while" || n.low == "as")
		}
	}
	return false
}

// closedAttribution reports a short attribution at token i that ends on
// punctuation right after its verb ("“….” She said.", "“….” Biden
// added, …"): after a quote closing on a period, only such a one belongs
// to it; "“….” She vowed to bring it back" is a sentence of its own.
func (d *doc) closedAttribution(i int) bool {
	for k := i; k < len(d.toks) && k < i+5; k++ {
		t := &d.toks[k]
		if t.kind != tWord {
			return false
		}
		if _, ok := speechForms[t.low]; ok && (!t.cap || k == i) {
			if k+1 >= len(d.toks) {
				return true
			}
			n := &d.toks[k+1]
			return n.kind == tPunct && (n.low == "." || n.low == ",") || n.kind == tPara
		}
	}
	return false
}

// mergePossessives turns a closing single quote after a plural ("voters’
// views") into part of the word when no single quote is open.
func (d *doc) mergePossessives() {
	toks := d.toks
	out := toks[:0]
	open := 0
	for i := range toks {
		t := toks[i]
		switch {
		case t.kind == tPara:
			open = 0
		case t.kind == tQuote && t.q == qOpenS:
			open++
		case t.kind == tQuote && t.q == qCloseS:
			if open > 0 {
				open--
			} else if n := len(out); n > 0 && out[n-1].kind == tWord && out[n-1].e == t.s && (d.text[t.s-1] == 's' || d.text[t.s-1] == 'S') {
				out[n-1].e = t.e
				out[n-1].low += "'"
				continue
			}
		}
		out = append(out, t)
	}
	d.toks = out
}

// tokenEstimate bounds the tokens of text from above, nearly: one a space
// or line break (a word before it) and one an ASCII punctuation mark, plus
// a little. Sizing the slice once keeps a big document from copying its
// growing token slice over and over (measured: a fifth of the time of a
// 16 MB transcript with short words, which len(text)/5 underestimated).
func tokenEstimate(text string) int {
	n := 8
	for i := 0; i < len(text); i++ {
		switch b := text[i]; {
		case b == ' ' || b == '\n':
			n++
		case b < 0x80 && (b >= '!' && b <= '/' || b >= ':' && b <= '@' || b >= '[' && b <= '`' || b >= '{' && b <= '~'):
			n++
		}
	}
	return n + n/16
}

func analyse(text string) *doc {
	d := &doc{text: text}
	d.toks = tokenize(text, make([]token, 0, tokenEstimate(text)))
	d.mergePossessives()
	d.findQuotes()
	d.findSentences()
	return d
}

// Sentences returns the sentences of text as byte spans. Quotes are never
// split: a quoted passage of several sentences is one sentence here.
func Sentences(text string) []graph.Span {
	d := analyse(text)
	out := make([]graph.Span, 0, len(d.sents))
	for _, s := range d.sents {
		a, b := d.toks[s.t0].s, d.toks[s.t1-1].e
		out = append(out, graph.Span{Start: a, End: b, Text: text[a:b]})
	}
	return out
}

// Quotes returns the quoted passages of text (inside the marks) as byte spans.
func Quotes(text string) []graph.Span {
	d := analyse(text)
	out := make([]graph.Span, 0, len(d.quotes))
	for _, q := range d.quotes {
		out = append(out, graph.Span{Start: q.is, End: q.ie, Text: text[q.is:q.ie]})
	}
	return out
}
