// Stage 4, content spans: where the reported words start and end around a
// cue and its source, and what kind of statement they make.

package extract

import (
	"sort"
	"strings"

	"github.com/whosaid/whosaid/graph"
)

// contentStartOK reports whether token i can open what a speech verb
// reports: "that", a quote, a pronoun, a name, a determiner, a
// preposition — not a noun that makes the cue an adjective or noun
// ("pledged delegate lead", "state legislative chambers").
func (r *run) contentStartOK(i int) bool {
	toks := r.d.toks
	if i >= len(toks) {
		return true
	}
	t := &toks[i]
	switch t.kind {
	case tPunct, tQuote, tNum, tPara:
		return true
	}
	if t.cap || determiners[t.low] || pronounGender[t.low] != 0 || contentOpeners[t.low] {
		return true
	}
	return false
}

var contentOpeners = set("that to for on about of in at with if whether how why what when where who him her them me us you it its their his our my your there here as against over by from")

// blockEnd skips what follows a cue and is not content: a recipient
// ("told reporters"), adverbials ("on Tuesday", "in a statement"), "that".
// It returns the first content token and whether the content clearly
// follows (that, colon, quote).
func (r *run) afterCue(s sentence, c cue, from int) (int, bool) {
	toks := r.d.toks
	i := from
	if c.info.object && i < s.t1 && toks[i].kind == tWord && (!stopBack[toks[i].low] || objectPronouns[toks[i].low] && r.isPunct(i+1, ",", ":")) {
		// recipient
		if end, ok := r.npForward(i, s.t1); ok && (end >= s.t1 || isTerminal(&toks[end])) && i > s.t0 && r.hasContentBefore(s, i) {
			return s.t1, false // "…, a spokesman told The Wall Street Journal.": the recipient ends it
		} else if ok && (r.recipientEnds(end, s.t1) || r.clauseAfterRecipient(i, end, s.t1)) && !(end >= s.t1 || isTerminal(&toks[end])) {
			if end < s.t1 && toks[end].low == "to" && end+1 < s.t1 && toks[end+1].kind == tWord && !toks[end+1].cap && !determiners[toks[end+1].low] {
				return i, true // "asked the court to intervene": the request
			}
			described := determiners[toks[i].low] || possessivePronouns[toks[i].low]
			i = end
			if end+2 < s.t1 && r.isPunct(end, ",") && toks[end+1].kind == tNum && len(toks[end+1].low) <= 3 && r.isPunct(end+2, ",") && toks[end-1].cap {
				i = end + 3 // "told Daniel Reeve, 34, that …": the recipient's age
			}
			if n1, ok := r.nameInCommas(end, s.t1); ok && described && !toks[end-1].cap {
				i = n1 + 1 // "asked the head librarian, Maureen Tully, what …": the recipient's name
			}
		}
	}
	if c.info.object && from < s.t1 && i < s.t1 && (toks[i].kind == tWord || toks[i].kind == tNum) && toks[i].low != "that" && (toks[from].kind == tWord && (determiners[toks[from].low] || !stopBack[toks[from].low]) || toks[from].kind == tNum) {
		// a longer recipient before "that": "told a meeting of Pacific
		// Island leaders that …"
		k := from
		for k < s.t1 && k-i < 10 && (toks[k].kind == tWord || toks[k].kind == tNum) && toks[k].low != "that" && !aux[toks[k].low] && r.x.cues[toks[k].low].lemma == "" {
			k++
		}
		if (k > from+1 || k == from+1 && !toks[from].cap && !stopBack[toks[from].low]) && k+1 < s.t1 && toks[k].low == "that" && !timeNouns[toks[k+1].low] {
			return k + 1, true // ("told staff that …", "warning investors that …": one word)
		}
	}
	if q, ok := r.mediumBeforeColon(s, i); ok {
		return q, true // "posted a short reply on LinkedIn: “…”": the words, not the medium
	}
	for n := 0; n < 6 && i < s.t1; n++ {
		t := &toks[i]
		switch {
		case t.kind == tPunct && (t.low == "," || t.low == ":" || t.low == "\u2014" || t.low == "--"):
			i++
			if t.low == ":" {
				return i, true
			}
			continue
		case t.kind == tQuote && t.quote >= 0 && r.d.quotes[t.quote].openTok == i:
			return i, true
		case t.kind != tWord:
			return i, false
		case (speakerAdverbs[t.low] || t.low == "though") && i > from && r.isPunct(i-1, ",") && r.isPunct(i+1, ","):
			i++ // "cautioned, however, that …": an aside between commas
			continue
		case t.low == "that" && i+1 < s.t1 && thatVerbs[toks[i+1].low]:
			return i, true // "Critics say that is not enough": a demonstrative subject
		case t.low == "that":
			return i + 1, true
		case (t.low == "for" || t.low == "on") && i == from && c.info.lemma == "call":
			return i + 1, true
		case i > from && dayWord(toks[i-1].low) && dayParts[t.low]:
			i++ // "said Friday afternoon"
			continue
		case dayWord(t.low) || t.low == "also" || t.low == "again" || t.low == "repeatedly" || t.low == "earlier" || t.low == "later" || t.low == "afterwards" || t.low == "afterward" || t.low == "publicly" || t.low == "privately" || t.low == "recently" || t.low == "then":
			i++
			continue
		case limitingAdverbs[t.low] && i+2 < s.t1 && toks[i+1].low == "that" && toks[i+2].kind == tWord &&
			(determiners[toks[i+2].low] || pronounGender[toks[i+2].low] != 0 || toks[i+2].cap || toks[i+2].low == "there"):
			// "said only that the company was working with police": a
			// clause follows (not "asked him just that question")
			i++
			continue
		case (t.low == "last" || t.low == "this" || t.low == "next") && i+2 < s.t1 && timeNouns[toks[i+1].low] && toks[i+2].low == "that":
			i += 2 // "said last week that …": the time, then the clause (not "said this year would be hard")
			continue
		case t.low == "on" && i+1 < s.t1 && isWeekday(toks[i+1].low):
			i += 2 // "said on Monday the deal was close": a date, then the content
			continue
		case t.low == "to" && !noInfinitive[c.info.lemma] && i+1 < s.t1 && toks[i+1].kind == tWord && !toks[i+1].cap && !determiners[toks[i+1].low] && pronounGender[toks[i+1].low] == 0 && (!stopBack[toks[i+1].low] || toks[i+1].low == "be" && i+2 < s.t1 && !strings.HasSuffix(toks[i+2].low, "ed")):
			return i, true // an infinitive: "claimed to have", "promised to build", "promised to be “a governor for every family”" (not "agreed to be acquired": a passive is something done)
		case t.low == "on" || t.low == "in" || t.low == "at" || t.low == "during" || t.low == "outside" || t.low == "inside" || t.low == "near" || t.low == "amid" || t.low == "following" || t.low == "after" || t.low == "before" || t.low == "via" || t.low == "to" || t.low == "with" || t.low == "through" || t.low == "over" || t.low == "from" || t.low == "while" || t.low == "when":
			// a prepositional phrase before "that"/":"/a quote is not content
			k := i + 1
			for k < s.t1 && k-i < 12 && toks[k].kind == tWord && toks[k].low != "that" && !(k == i+1 && strings.HasSuffix(toks[k].low, "ing")) && !(t.low != "to" && k > i+1 && k-i <= 4 && toks[k].low == "to" && !noInfinitive[c.info.lemma] && !r.hasCoord(i, k)) {
				if k > i+1 && toks[k-1].cap && subjectPronouns[toks[k].low] && toks[k].low != "it" && k+1 < s.t1 && toks[k+1].kind == tWord && !toks[k+1].cap {
					return k, true // "told reporters in Accra he had been …": the clause after the place
				}
				k++
			}
			if t.low != "to" && k < s.t1 && k > i+1 && k-i <= 4 && toks[k].low == "to" && !noInfinitive[c.info.lemma] && !r.hasCoord(i, k) {
				i = k // "agreed on Tuesday to hold …": the infinitive after the adverbial
				continue
			}
			if k == i+1 && k < s.t1 && toks[k].kind == tWord {
				// "said, before clarifying that …": a second report, not
				// the content of this one
				return i, false
			}
			if k+1 < s.t1 && toks[k].low == "that" && timeNouns[toks[k+1].low] {
				// "in her speech that night": a demonstrative
				return s.t1, false
			}
			if r.isPunct(k, ",") {
				// "told voters in Manchester, New Hampshire, that …": the
				// state after the town, in commas
				c := k + 1
				for c < s.t1 && c-k <= 4 && !r.isPunct(c, ",") {
					c++
				}
				if c < s.t1 && c > k+1 && r.isPunct(c, ",") && r.placeSegment(k+1, c) {
					k = c
					// ("at a popular Manchester, New Hampshire, breakfast
					// spot that …": the phrase goes on after the place)
					for w := c + 1; w < s.t1 && w-c <= 4 && toks[w].kind == tWord && toks[w].quote < 0; w++ {
						if toks[w].low == "that" {
							k = w
							break
						}
					}
				}
			}
			if k < s.t1 && (toks[k].low == "that" || r.isPunct(k, ",", ":") || toks[k].kind == tQuote && toks[k].quote >= 0 && r.d.quotes[toks[k].quote].openTok == k) {
				i = k
				continue
			}
			if k >= s.t1 || isTerminal(&toks[k]) {
				return s.t1, false // trailing adverbial only
			}
			return i, false
		}
		return i, false
	}
	return i, false
}

// mediumBeforeColon finds, after a cue's object that names what was
// written or said ("a short reply on LinkedIn", "a statement", "her
// message") and a colon, the quote that opens there: its words are the
// content, the object only their medium.
func (r *run) mediumBeforeColon(s sentence, i int) (int, bool) {
	toks := r.d.toks
	if i >= s.t1 || toks[i].kind != tWord || !(determiners[toks[i].low] || toks[i].low == "his" || toks[i].low == "her" || toks[i].low == "their" || toks[i].low == "its") {
		return 0, false
	}
	k := i + 1
	// a cue word after the determiner is a noun ("a short reply"), one in
	// -ing a second report ("a letter saying: …")
	for k < s.t1 && k-i < 10 && toks[k].kind == tWord && toks[k].quote < 0 && toks[k].low != "that" && !aux[toks[k].low] && !(strings.HasSuffix(toks[k].low, "ing") && r.x.cues[toks[k].low].lemma != "") {
		k++
	}
	if k+1 < s.t1 && k > i+1 && r.isPunct(k, ":") && r.quoteOpensAt(k+1) {
		return k + 1, true
	}
	return 0, false
}

// hasCoord reports a coordinating conjunction in tokens [a,b): "agreed
// with X and seemed to …" is a second verb, not an adverbial before an
// infinitive.
func (r *run) hasCoord(a, b int) bool {
	for k := a; k < b; k++ {
		if l := r.d.toks[k].low; l == "and" || l == "but" || l == "or" {
			return true
		}
	}
	return false
}

// thatVerbs right after "that" make it the content's subject, not a
// conjunction: a clause after "that" starts with its own subject.
var thatVerbs = set("is was isn't wasn't will won't would wouldn't has hasn't had could couldn't should can can't may might must does doesn't did didn't")

// timeNouns follow a demonstrative "that": "that night", "that week".
var timeNouns = set("night day morning afternoon evening week weekend month year time season summer winter spring autumn fall")

// noInfinitive are cues whose "to" opens a recipient or an adverbial, never
// the content: "said to cheers", "wrote to the council", "added to
// applause" (against "promised to build", "vowed to fight").
var noInfinitive = set("say add explain note comment reply respond remark write state recall stress tweet post complain argue insist confirm acknowledge admit announce report")

// recipientEnds reports whether a recipient phrase ending at end is
// followed by what follows recipients: "that", a comma, a quote, an
// adverbial or the end ("told reporters that", "told the media after").
// clauseAfterRecipient reports a clause starting right after a short
// recipient [i,end) with no "that": "told reporters the plan would work",
// "told him Kyiv would not sign". The recipient is an object pronoun or
// ends in a person noun or a name; the clause opens with a determiner, a
// possessive, a name or a number.
func (r *run) clauseAfterRecipient(i, end, hi int) bool {
	toks := r.d.toks
	if end >= hi || toks[end].kind != tWord && toks[end].kind != tNum {
		return false
	}
	if end-i > 3 && !r.capsRecipient(i, end) {
		return false
	}
	last := &toks[end-1]
	if !(objectPronouns[last.low] && end == i+1 || personNouns[last.low] || audienceNouns[last.low] || last.cap) {
		return false
	}
	n := &toks[end]
	return n.kind == tNum || determiners[n.low] || possessivePronouns[n.low] || n.cap
}

// limitingAdverbs stand between a cue and "that": "said only that …".
var limitingAdverbs = set("only simply merely just")

// audienceNouns are gatherings spoken to: "told the meeting the roads
// could not cope", "told the committee the figures were wrong".
var audienceNouns = set("meeting meetings rally crowd crowds audience audiences conference hearing inquiry committee panel board council court jury tribunal summit forum assembly parliament chamber gathering briefing congregation delegates")

// capsRecipient reports a recipient [i,end) that is one name of up to six
// capitalised words, after an optional "the": "told the Local Democracy
// Reporting Service the decision had been rushed".
func (r *run) capsRecipient(i, end int) bool {
	toks := r.d.toks
	if toks[i].low == "the" {
		i++
	}
	if end-i > 6 || end <= i {
		return false
	}
	for k := i; k < end; k++ {
		if toks[k].kind != tWord || !toks[k].cap {
			return false
		}
	}
	return true
}

func (r *run) recipientEnds(end, hi int) bool {
	if end >= hi {
		return true
	}
	t := &r.d.toks[end]
	if t.kind == tWord && (t.low == "her" || t.low == "his" || t.low == "their" || t.low == "its") {
		// "told the council her rent had risen": a clause whose subject
		// opens with a possessive (not "told the council her story")
		for k := end + 2; k < hi && k <= end+4; k++ {
			if finiteAux[r.d.toks[k].low] {
				return true
			}
		}
	}
	switch t.kind {
	case tPunct, tQuote:
		return true
	case tWord:
		switch t.low {
		case "that", "on", "in", "at", "after", "before", "during", "to", "about", "of", "this", "last", "earlier", "later", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "when", "while", "he", "she", "they", "it", "we", "i", "there",
			"how", "whether", "why", "what", "where", "if": // "asked Tom Reyes how he felt"
			return true
		}
	}
	return false
}

// contentSpan trims token range [a,b) to content bytes.
func (r *run) contentSpan(a, b int) (int, int, graph.StatementKind, bool) {
	toks := r.d.toks
	if b > len(toks) {
		b = len(toks)
	}
	if a < 0 {
		a = 0
	}
	for a < b && (toks[a].kind == tPunct && (toks[a].low == "," || toks[a].low == ":" || toks[a].low == "\u2014" || toks[a].low == "--" || toks[a].low == "-") || toks[a].kind == tPara) {
		a++
	}
	for b > a && (toks[b-1].kind == tPunct && (toks[b-1].low == "," || isTerminal(&toks[b-1]) || toks[b-1].low == ";" || toks[b-1].low == ":" || toks[b-1].low == "\u2014" || toks[b-1].low == "--") || toks[b-1].kind == tPara) {
		b--
	}
	if b <= a {
		return 0, 0, "", false
	}
	// one quote exactly: direct, content inside the marks
	q0, q1 := toks[a].quote, toks[b-1].quote
	if q0 >= 0 && q0 == q1 && r.d.quotes[q0].openTok == a && (r.d.quotes[q0].closeTok == b-1 || toks[b-1].kind != tQuote) {
		q := &r.d.quotes[q0]
		cs, ce := q.is, q.ie
		for ce > cs && (r.d.text[ce-1] == ',' || r.d.text[ce-1] == ' ') {
			ce--
		}
		if ce <= cs {
			return 0, 0, "", false
		}
		return cs, ce, graph.Direct, true
	}
	kind := graph.Indirect
	words, quoted := 0, 0
	for i := a; i < b; i++ {
		if toks[i].kind == tWord || toks[i].kind == tNum {
			words++
			if toks[i].quote >= 0 {
				quoted++
			}
		}
	}
	if quoted > 0 {
		kind = graph.Mixed
		// quotes run back to back with only the attribution in between
		if quoted == words {
			kind = graph.Direct
		}
	}
	cs, ce := toks[a].s, toks[b-1].e
	if toks[a].kind == tQuote && toks[a].quote >= 0 && r.d.quotes[toks[a].quote].openTok == a && kind == graph.Direct {
		cs = toks[a].e
	}
	if toks[b-1].kind == tQuote && kind == graph.Direct {
		ce = toks[b-1].s
		for ce > cs && (r.d.text[ce-1] == ',' || r.d.text[ce-1] == ' ') {
			ce--
		}
	}
	return cs, ce, kind, ce > cs
}

var adverbialStart = set("in on at after before during with from for of via over through to about")

// mostlyQuoted reports whether most words of tokens [a,b) are quoted.
func (r *run) mostlyQuoted(a, b int) bool {
	w, q := 0, 0
	for k := a; k < b; k++ {
		if t := &r.d.toks[k]; t.kind == tWord || t.kind == tNum {
			w++
			if t.quote >= 0 {
				q++
			}
		}
	}
	return q*2 >= w
}

func (r *run) commaBetween(a, b int) bool {
	for k := a; k < b && k < len(r.d.toks); k++ {
		if r.isPunct(k, ",") {
			return true
		}
	}
	return false
}

func (r *run) words(a, b int) int {
	n := 0
	for k := a; k < b; k++ {
		if r.d.toks[k].kind == tWord || r.d.toks[k].kind == tNum {
			n++
		}
	}
	return n
}

// contentEnd is where content starting at from ends: the sentence end, or
// the start of a following coordinated statement (", saying …", "but X
// said …"), or a trailing ", according to X".
func (r *run) contentEnd(s sentence, from int, later []cue) int {
	toks := r.d.toks
	end := s.t1
	for _, c := range later {
		if c.t0 <= from {
			continue
		}
		if c.info.lemma == "according to" && r.isPunct(c.t0-1, ",", "(", "\u2014") {
			return c.t0 - 1
		}
		// participle or coordinated verb
		p := c.t0 - 1
		if p > from && r.isPunct(p, ",") && strings.HasSuffix(toks[c.t0].low, "ing") {
			return p
		}
		if p-1 > from && toks[p].low == "while" && strings.HasSuffix(toks[c.t0].low, "ing") {
			// "…, while warning that …": a second statement
			if r.isPunct(p-1, ",") {
				return p - 1
			}
			if r.isCloseQuote(p-1) && r.d.text[toks[p-1].s-1] == ',' {
				return p // (“…,” while warning …)
			}
		}
		if p > from && r.isCloseQuote(p) && r.d.text[toks[p].s-1] == ',' && strings.HasSuffix(toks[c.t0].low, "ing") {
			return p + 1 // "…: “Q,” adding that …": the quote, then a second statement
		}
		// ", said X" or ", X added" closing a reported clause
		if c.info.inverts && p > from && (r.isPunct(p, ",") || r.isCloseQuote(p)) {
			if _, ok := r.npForward(c.t1, s.t1); ok {
				return p
			}
		}
		q := p
		for q > from && toks[q].kind == tWord && (aux[toks[q].low] || toks[q].low == "not" || toks[q].low == "never" || toks[q].low == "also") {
			q--
		}
		// "…: “Q,” Roffman predicted.": the quote belongs to the later cue
		if st, ok := r.npBack(q, from); ok && st-1 > from && r.isCloseQuote(st-1) && (c.t1 >= s.t1 || isTerminal(&toks[c.t1]) || r.isPunct(c.t1, ",")) {
			o := r.d.quotes[toks[st-1].quote].openTok
			if o > from {
				if r.isPunct(o-1, ":", ",") {
					o--
				}
				return o
			}
		}
		if st, ok := r.npBack(q, from); ok && st-1 > from && r.isPunct(st-1, ",", "\u2015", "\u2014", "\u2013") && (c.t1 >= s.t1 || isTerminal(&toks[c.t1]) || rightFollow[toks[c.t1].low] || r.isPunct(c.t1, ",") || toks[c.t1].low == "that" && r.hasName(st, q+1)) {
			// (", Mark Barabak noted that …": a named source after a
			// comma opens a clause of its own)
			return st - 1
		}
		if q > from && toks[q].kind == tWord && pronounGender[toks[q].low] != 0 && r.isPunct(q-1, ",") && (c.t1 >= s.t1 || isTerminal(&toks[c.t1]) || rightFollow[toks[c.t1].low]) {
			return q - 1
		}
		// "…, though she acknowledged …", "but he said …": a pronoun
		// subject after a conjunction opens a clause of its own
		if q > from+1 && toks[q].kind == tWord && pronounGender[toks[q].low] != 0 && !possessivePronouns[toks[q].low] && newClause[toks[q-1].low] {
			k := q - 1
			if k-1 > from && r.isPunct(k-1, ",") {
				k--
			}
			return k
		}
		// "…, which officials said would keep …": an attribution inside a
		// relative clause is a statement of its own (relativeReport)
		if c.t1 < s.t1 && finiteAux[toks[c.t1].low] && toks[c.t1].kind == tWord {
			for w := c.t0 - 1; w > from && c.t0-w < 6; w-- {
				if toks[w].kind == tWord && (toks[w].low == "which" || toks[w].low == "what") {
					if r.isPunct(w-1, ",") && w-1 > from {
						return w - 1
					}
					return w
				}
				if toks[w].kind != tWord {
					break
				}
			}
		}
		// "but the United States warned": a new subject after a conjunction
		if c.info.class == cueSpeech {
			if st, ok := r.partitiveBack(q, from); ok && st-1 > from && (newClause[toks[st-1].low] || r.isPunct(st-1, ";")) {
				k := st - 1
				if k-1 > from && r.isPunct(k-1, ",") {
					k--
				}
				return k
			}
			if p > from && (toks[p].low == "and" || toks[p].low == "but") && !toks[p].cap && !r.sharedPerfect(from, p, c) {
				return p
			}
		}
		// "… and calls its leader “a tough negotiator”", "… and asserting
		// that …": a coordinated verb whose own words are quoted, or a
		// participle, reports a second statement
		if p > from && (toks[p].low == "and" || toks[p].low == "but") && !toks[p].cap && (strings.HasSuffix(toks[c.t0].low, "ing") || r.hasQuote(toks[c.t0].s, toks[s.t1-1].e)) {
			return p
		}
	}
	return r.relativeClauseEnd(s, from, r.mainClauseAfter(s, from, end))
}

// sharedPerfect reports a coordinated "and agreed to …", "and promised
// to …" at c whose auxiliary is the reported clause's: "said the bank had
// cooperated with its investigation and agreed to pay £61 million" (the
// bank had agreed). A commitment to act, and the clause before it has a
// "had" the verb shares.
func (r *run) sharedPerfect(from, p int, c cue) bool {
	toks := r.d.toks
	if c.t1 != c.t0+1 || !strings.HasSuffix(toks[c.t0].low, "ed") || c.t1+1 >= len(toks) || toks[c.t1].low != "to" || toks[c.t1+1].cap {
		return false
	}
	for k := from + 1; k < p; k++ {
		if toks[k].kind == tWord && toks[k].quote < 0 && (toks[k].low == "had" || toks[k].low == "has" || toks[k].low == "have") {
			return true
		}
	}
	return false
}

// relativeClauseEnd ends a content that starts inside a relative clause
// in commas at the comma that closes it before the main clause's verb:
// "The hearing, in which the family described the silence of their
// home, ended" (what was described ends at "home").
func (r *run) relativeClauseEnd(s sentence, from, end int) int {
	toks := r.d.toks
	open := -1
	for k := from - 1; k > s.t0 && from-k <= 12; k-- {
		t := &toks[k]
		if t.quote >= 0 || t.kind == tQuote {
			return end
		}
		if r.isPunct(k, ",") {
			break
		}
		if t.kind == tWord && (t.low == "who" || t.low == "which" || t.low == "whom") {
			w := k - 1
			if w > s.t0 && r.relativePrep(w) {
				w--
			}
			if r.isPunct(w, ",") {
				open = w
			}
			break
		}
	}
	if open < 0 {
		return end
	}
	for k := from + 1; k+1 < end; k++ {
		if toks[k].quote >= 0 || !r.isPunct(k, ",") {
			continue
		}
		n := &toks[k+1]
		if n.kind == tWord && !n.cap && (finiteAux[n.low] || aux[n.low] && !subjectPronouns[n.low] || len(n.low) > 3 && strings.HasSuffix(n.low, "ed")) {
			return k
		}
	}
	return end
}

// mainClauseAfter ends a content that starts inside a subordinate clause
// opening the sentence at the comma before the main clause's pronoun
// subject: "When I asked her what the cut would mean, she did not
// hesitate" (what was asked is not that she did not hesitate).
func (r *run) mainClauseAfter(s sentence, from, end int) int {
	toks := r.d.toks
	st := r.skipDateline(s)
	if st >= from || toks[st].kind != tWord || !subordinatorsBefore[toks[st].low] && toks[st].low != "after" && toks[st].low != "before" {
		return end
	}
	for k := from + 1; k+2 < end; k++ {
		if toks[k].quote >= 0 || !r.isPunct(k, ",") || toks[k+1].kind != tWord {
			continue
		}
		if subjectPronouns[toks[k+1].low] && toks[k+2].kind == tWord && !toks[k+2].cap {
			return k
		}
		// "While he acknowledged …, Ham also noted …": a name, then an
		// adverb or a speech verb
		if toks[k+1].cap && !dropCapitalised[toks[k+1].low] {
			if e := r.d.capRun(k+1, end); e < end && toks[e].kind == tWord && !toks[e].cap && (aux[toks[e].low] || r.x.cues[toks[e].low].lemma != "") {
				return k
			}
		}
	}
	return end
}

// newClause conjunctions start a clause with a subject of its own: "…,
// but 55 percent of all voters say she does not".
var newClause = set("but and while as though although whereas yet")

// partitiveBack is npBack (lo inclusive) extended over a partitive: "55
// percent of all voters", "a majority of Democrats", "one of them".
func (r *run) partitiveBack(p, lo int) (int, bool) {
	toks := r.d.toks
	if p-1 >= lo && surveyed[toks[p].low] && toks[p].kind == tWord {
		p-- // "56 percent of renters polled said"
	}
	if st, ok := r.ratioBack(p, lo); ok {
		return st, true
	}
	st, ok := r.npBack(p, lo)
	if !ok {
		return st, ok
	}
	if st2, ok := r.ratioBack(st, lo); ok && st2 < st {
		return st2, true
	} else if st2, ok := r.ratioBack(st-1, lo); st-1 >= lo && ok {
		return st2, true // "six in 10 voters"
	}
	if st-2 >= lo && toks[st-1].low == "of" && toks[st-2].kind == tWord && (quantities[toks[st-2].low] || partitiveHeads[toks[st-2].low]) {
		k := st - 2
		if k-1 >= lo && (toks[k-1].kind == tNum || determiners[toks[k-1].low]) {
			k--
		}
		return k, true
	}
	return st, ok
}

// ratioBack reads a survey's share ending at token p, with the words
// that qualify it: "two in three", "more than six in 10", "nearly eight
// in 10" (the noun after it is npBack's).
func (r *run) ratioBack(p, lo int) (int, bool) {
	toks := r.d.toks
	if p < lo || p-2 < lo || !r.isNumber(p) || toks[p-1].low != "in" || !r.isNumber(p-2) {
		return 0, false
	}
	st := p - 2
	for st-1 >= lo && toks[st-1].kind == tWord && approximators[toks[st-1].low] {
		st--
	}
	if st-2 >= lo && toks[st-1].low == "than" && (toks[st-2].low == "more" || toks[st-2].low == "fewer" || toks[st-2].low == "less") {
		st -= 2
	}
	return st, true
}

// quantified reports a source phrase that counts people: "most tenants",
// "nearly eight in 10 renters", "56 percent of voters" — a group, where
// an unknown lower-case head alone may be a thing ("a large lead").
func (r *run) quantified(p phrase) bool {
	t := &r.d.toks[p.t0]
	e := p.t1
	if e-1 > p.t0 && surveyed[r.d.toks[e-1].low] {
		e--
	}
	return e-p.t0 >= 2 && pluralLike(r.d.toks[e-1].low) && (quantities[t.low] || approximators[t.low] || r.isNumber(p.t0) || t.low == "more" || t.low == "fewer")
}

func (r *run) isNumber(i int) bool {
	t := &r.d.toks[i]
	return t.kind == tNum || t.kind == tWord && numberWords[t.low]
}

// numberWords and approximators spell a survey's share: "nearly two in
// three".
var (
	numberWords   = set("one two three four five six seven eight nine ten")
	approximators = set("nearly almost about roughly some just only over under around")
	surveyed      = set("polled surveyed questioned interviewed")
)

func (r *run) hasQuote(cs, ce int) bool {
	// quotes are in text order and do not overlap: find the first quote
	// ending after cs
	qs := r.d.quotes
	i := sort.Search(len(qs), func(i int) bool { return qs[i].ie > cs })
	return i < len(qs) && qs[i].is < ce
}

// cueFits applies the quoted-only rule for weak cues.
func (r *run) cueFits(c cue, cs, ce int) bool {
	if c.info.class != cueQuoted {
		return true
	}
	return r.hasQuote(cs, ce) || tellVerbs[c.info.lemma] && r.thatBefore(c, cs)
}

// tellVerbs tell a recipient something: with "that" after the recipient
// they report what was said, whether or not it is quoted. (Not "blamed
// the group that …", "reminds me of …": a relative clause, a likeness.)
var tellVerbs = set("inform assure reassure notify")

// thatBefore reports a "that" opening the content at byte cs after a
// recipient of cue c: "informed parliament that …", "assured voters that
// …". Verbs that tell someone something are statements then; alone
// ("an informed decision", "rest assured") they are not.
func (r *run) thatBefore(c cue, cs int) bool {
	toks := r.d.toks
	k := sort.Search(len(toks), func(i int) bool { return toks[i].s >= cs })
	return k-1 > c.t1 && k < len(toks) && toks[k-1].kind == tWord && toks[k-1].low == "that"
}

// dayParts follow a day: "Friday afternoon", "Tuesday night".
var dayParts = set("morning afternoon evening night")
