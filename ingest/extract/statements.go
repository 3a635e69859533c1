package extract

import (
	"sort"
	"strings"

	"github.com/whosaid/whosaid/graph"
)

// cue is a speech verb or phrase found in a sentence: tokens [t0, t1).
type cue struct {
	t0, t1 int
	info   cueInfo
	noun   bool // a speech noun with its possessor: "his claim that"
}

// speechNouns report speech with a possessor and a "that" clause.
var speechNouns = set("claim claims statement assertion argument suggestion accusation allegation insistence contention warning promise pledge vow remarks comments")

// weakForms are inflections that report speech only with quoted words:
// mostly nouns or evidence verbs ("the data suggests", "swing states",
// "phone calls", "news reports"); measured precision below 0.3 otherwise.
var weakForms = set("suggests state states reports calls")

// maxCues bounds the cues considered in one sentence.
const maxCues = 32

// strongParticiples stay speech cues in their -ing form without quotes.
var strongParticiples = set("say add tell describe write")

var nounBefore = set("a an the his her their its our my your whose no this every each another")

// findCues lists the speech cues of sentence s outside quotes.
func (r *run) findCues(s sentence, out []cue) []cue {
	toks := r.d.toks
	for i := s.t0; i < s.t1; i++ {
		t := &toks[i]
		if t.kind != tWord || t.quote >= 0 {
			continue
		}
		if t.cap && !((t.low == "according" || t.low == "said" || t.low == "says" || t.low == "asked") && (i == s.t0 || toks[i-1].kind != tWord)) {
			continue
		}
		matched := false
		for _, mc := range multiCues {
			if t.low != mc.words[0] || i+len(mc.words) > s.t1 {
				continue
			}
			ok := true
			for k := 1; k < len(mc.words); k++ {
				if toks[i+k].low != mc.words[k] {
					ok = false
					break
				}
			}
			if ok {
				out = append(out, cue{t0: i, t1: i + len(mc.words), info: cueInfo{lemma: mc.lemma, class: cueSpeech}})
				i += len(mc.words) - 1
				matched = true
				break
			}
		}
		if matched {
			continue
		}
		if speechNouns[t.low] && i > s.t0 && i+1 < s.t1 && (toks[i+1].low == "that" || toks[i+1].low == "to" && t.low != "statement") {
			p := &toks[i-1]
			if p.low == "his" || p.low == "her" || p.low == "their" || p.low == "its" || isPossessive(p.low) && p.cap {
				// "his claim that …", "Sanders's claim to have …"
				out = append(out, cue{t0: i, t1: i + 1, info: cueInfo{lemma: strings.TrimSuffix(t.low, "s"), class: cueSpeech}, noun: true})
				continue
			}
		}
		info, ok := r.x.cues[t.low]
		if !ok {
			continue
		}
		if i > s.t0 {
			p := &toks[i-1]
			if p.kind == tNum || p.kind == tWord && nounBefore[p.low] {
				continue // a noun: "the report", "a call", "12 states"
			}
			if isPossessive(p.low) && (p.cap || p.low == "his" || p.low == "her" || p.low == "their" || p.low == "its") {
				continue // a noun: "Trump's tweet"
			}
		}
		if strings.HasSuffix(t.low, "ing") && !strongParticiples[info.lemma] {
			// "calling", "noting", "arguing": as participles these report
			// speech reliably only with quoted words (measured precision
			// below 0.45 without them)
			info.class = cueQuoted
		}
		if weakForms[t.low] {
			info.class = cueQuoted
		}
		if info.lemma == "add" && i+1 < s.t1 && toks[i+1].low == "to" {
			continue // "adding to her lead"
		}
		if info.lemma == "call" && i+1 < s.t1 && !r.callIsSpeech(s, i) {
			continue
		}
		out = append(out, cue{t0: i, t1: i + 1, info: info})
	}
	return out
}

// callIsSpeech tells "called for/on", "called Trump a liar", "called it
// “crazy”" from naming ("a group called Color of Change"), phoning
// ("Obama called Naghmeh Abedini.") and "called off".
func (r *run) callIsSpeech(s sentence, i int) bool {
	toks := r.d.toks
	n := &toks[i+1]
	if n.low == "off" || n.low == "up" || n.low == "back" || n.low == "in" {
		return false
	}
	if n.low == "for" || n.low == "on" {
		return true
	}
	if i > s.t0 {
		p := &toks[i-1]
		// "a show called …": a noun right before, not a subject
		if p.kind == tWord && !p.cap && pronounGender[p.low] == 0 && !aux[p.low] && !strings.HasSuffix(p.low, "ly") {
			return false
		}
	}
	// "called Naghmeh Abedini." / "called her and …": a phone call
	k := i + 1
	for k < s.t1 && toks[k].kind == tWord && (toks[k].cap || k == i+1 && (n.low == "him" || n.low == "her" || n.low == "them" || n.low == "me" || n.low == "us")) {
		k++
	}
	if k > i+1 && (k >= s.t1 || isTerminal(&toks[k]) || toks[k].low == "and" || toks[k].low == "to" || toks[k].low == "at" || toks[k].low == "on" || toks[k].low == "from" || r.isPunct(k, ",") && toks[k-1].cap) {
		return false
	}
	return true
}

// phrase is a source phrase: the words naming who spoke.
type phrase struct {
	t0, t1   int // whole phrase
	pronoun  bool
	coords   [][2]int // coordinated phrases ("A, B and C"), each [t0,t1)
	appos    [2]int   // apposition tokens, if any
	relative bool     // "who" standing for the phrase before it
}

func (r *run) isPunct(i int, chars ...string) bool {
	if i < 0 || i >= len(r.d.toks) {
		return false
	}
	t := &r.d.toks[i]
	if t.kind != tPunct {
		return false
	}
	for _, c := range chars {
		if t.low == c {
			return true
		}
	}
	return false
}

func (r *run) isCloseQuote(i int) bool {
	if i < 0 || i >= len(r.d.toks) {
		return false
	}
	t := &r.d.toks[i]
	return t.kind == tQuote && t.quote >= 0 && r.d.quotes[t.quote].closeTok == i
}

// npBack finds a noun phrase ending at token end (inclusive), not before lo.
func (r *run) npBack(end, lo int) (int, bool) {
	toks := r.d.toks
	start := -1 // accepted start
	head := false
	loose := 0 // unknown words accepted before a plural head
	for j := end; j >= lo && end-j < 12; j-- {
		t := &toks[j]
		if t.quote >= 0 || t.kind == tQuote || t.kind == tPara {
			break
		}
		if t.kind == tPunct {
			if t.low == "-" && j > lo && toks[j-1].e == t.s {
				continue
			}
			if t.low == "%" && j == end && j > lo && toks[j-1].kind == tNum {
				start, head = j, true // "42% say"
				continue
			}
			break
		}
		if t.kind == tNum {
			if start >= 0 || j == end {
				start, head = j, true // "9 percent say", "4 in 10 say"
				continue
			}
			break
		}
		low := t.low
		if j == end && quantities[low] {
			start, head = j, true // "most say", "many said"
			continue
		}
		if determiners[low] {
			if start >= 0 || j == end {
				if j == end {
					break
				}
				start = j
			}
			break
		}
		if t.cap && !dropCapitalised[low] {
			start, head = j, true
			continue
		}
		if t.cap {
			break
		}
		if isPossessive(low) && (low == "his" || low == "her") {
			break
		}
		if stopBack[low] || aux[low] {
			break
		}
		if titleWords[low] || personNouns[low] || orgNouns[low] {
			start, head = j, true
			continue
		}
		if modifiers[low] {
			if start >= 0 {
				start = j
			}
			continue
		}
		// a plural noun right before the verb is its subject: "forecasters
		// say", "legal experts said"; a few modifiers may precede it
		if j == end && pluralLike(low) || start >= 0 && head && loose < 2 && pluralLike(toks[end].low) && !strings.HasSuffix(low, "ly") {
			if j != end {
				loose++
			}
			start, head = j, true
			continue
		}
		// "the electoral commission": unknown modifiers between a
		// determiner and a known head
		if start >= 0 && head && j != end {
			k := j
			for k >= lo && j-k < 3 && toks[k].kind == tWord && !toks[k].cap && !stopBack[toks[k].low] && !aux[toks[k].low] && !determiners[toks[k].low] {
				k--
			}
			if k >= lo && toks[k].kind == tWord && (determiners[toks[k].low] && toks[k].low != "that" || toks[k].cap && isPossessive(toks[k].low)) {
				start = k // "the electoral commission", "Labour's shadow chancellor"
			}
			break
		}
		// an unknown lower-case word: accepted only when a determiner
		// or a capitalised word precedes it within the phrase
		if j == end {
			// the head itself: "the gambling tycoon"
			k := j - 1
			for k >= lo && end-k < 5 && toks[k].kind == tWord && !stopBack[toks[k].low] && !aux[toks[k].low] && !toks[k].cap {
				if determiners[toks[k].low] {
					break
				}
				k--
			}
			if k >= lo && toks[k].kind == tWord && determiners[toks[k].low] && toks[k].low != "that" {
				start, head = k, true
			}
			break
		}
		break
	}
	if start >= 0 && head && start-2 >= lo && ppInNP[toks[start-1].low] && toks[start-1].kind == tWord {
		// "GOP leaders on the ground said", "officials in Washington said"
		if st, ok := r.npBack(start-2, lo); ok {
			h := &toks[start-2]
			if personNouns[h.low] || titleWords[h.low] || orgNouns[h.low] {
				return st, true
			}
		}
	}
	if start < 0 || !head {
		// "a source close to him", "people familiar with the talks"
		for p := end - 1; p > lo && end-p < 8; p-- {
			t := &toks[p]
			if t.kind != tWord || t.quote >= 0 {
				break
			}
			if (t.low == "close" || t.low == "familiar" || t.low == "briefed" || t.low == "knowledgeable") && p+1 <= end && (toks[p+1].low == "to" || toks[p+1].low == "with" || toks[p+1].low == "on" || toks[p+1].low == "about") {
				if st, ok := r.npBack(p-1, lo); ok && (personNouns[toks[p-1].low] || titleWords[toks[p-1].low]) {
					return st, true
				}
				break
			}
		}
	}
	if (start < 0 || !head) && end-2 >= lo && toks[end-1].low == "of" && toks[end].kind == tWord && !isPossessive(toks[end].low) {
		// "supporters of reform", "one of his advisers"
		if st, ok := r.npBack(end-2, lo); ok {
			return st, true
		}
	}
	if start < 0 || !head || isPossessive(toks[end].low) {
		return 0, false
	}
	return start, true
}

// npForward finds a noun phrase starting at token i, ending before hi.
func (r *run) npForward(i, hi int) (int, bool) {
	toks := r.d.toks
	j := i
	head := false
	for j < hi && j-i < 12 {
		t := &toks[j]
		if t.kind != tWord {
			if t.kind == tPunct && t.low == "-" && head {
				j++
				continue
			}
			break
		}
		low := t.low
		switch {
		case j == i && (pronounGender[low] != 0 || low == "him" || low == "her" || low == "them"):
			return j + 1, true
		case determiners[low] && j == i:
		case t.cap && (j > i || !dropCapitalised[low]):
			head = true
		case titleWords[low] || personNouns[low] || orgNouns[low]:
			head = true
		case modifiers[low]:
		case (low == "for" || low == "of" || low == "at") && head && j > i && (personNouns[toks[j-1].low] || titleWords[toks[j-1].low]) && j+1 < hi && toks[j+1].kind == tWord && (toks[j+1].cap || toks[j+1].low == "the" || isPossessive(toks[j+1].low)):
			// "a former spokesman for Ukraine's Foreign Ministry"
		case nameConnectors[low] && head && j+1 < hi && toks[j+1].cap:
		default:
			if head {
				if j+1 >= hi || toks[j+1].kind == tPunct && !t.cap && !stopBack[low] && !aux[low] {
					return j + 1, true // "another leading Supreme Court advocate,"
				}
				return j, true
			}
			// "said undecided Republican voter Stephanie Hooton"
			if j == i && !stopBack[low] && !aux[low] && j+1 < hi && toks[j+1].kind == tWord && (toks[j+1].cap || titleWords[toks[j+1].low] || modifiers[toks[j+1].low]) {
				j++
				continue
			}
			// "the gambling tycoon": unknown words after a determiner
			if j > i && determiners[toks[i].low] && j-i < 4 && !stopBack[low] && !aux[low] {
				if j+1 < hi && (toks[j+1].kind != tWord || stopBack[toks[j+1].low]) {
					return j + 1, true
				}
				j++
				continue
			}
			return 0, false
		}
		j++
	}
	if !head {
		return 0, false
	}
	return j, true
}

var relatives = set("who which that")

// preTo are verbs that put a speech verb in the infinitive: "continue to warn".
var preTo = set("continue continues continued continuing began begin begins plan plans planned want wants wanted tried try tries declined refused refuse refuses went going used appeared appears seemed seems seem went expected expects hoped hopes need needs needed decided decides")

// rightFollow may follow an inverted source: ", said Kirby in a statement".
var rightFollow = set("in on at during after before via of who whose when while adding saying noting from according this last earlier later today yesterday monday tuesday wednesday thursday friday saturday sunday")

// leftSource finds the source phrase before the cue at c.
// passive reports "was asked": the subject did not speak.
func (r *run) leftSource(s sentence, c cue) (phrase, bool, bool) {
	toks := r.d.toks
	i := c.t0 - 1
	passive := false
	for i >= s.t0 && toks[i].kind == tWord {
		low := toks[i].low
		switch {
		case !toks[i].cap && (aux[low] || len(low) > 4 && strings.HasSuffix(low, "ly") && low != "only"):
			if passiveAux[low] {
				passive = true
			}
		case weekdays[low] != 0 || low == "sunday" || low == "today" || low == "yesterday" || low == "tonight":
			if i-1 >= s.t0 && toks[i-1].low == "on" {
				i--
			}
		case (low == "week" || low == "month" || low == "year" || low == "night" || low == "morning" || low == "evening") && i-1 >= s.t0 && (toks[i-1].low == "last" || toks[i-1].low == "this" || toks[i-1].low == "next"):
			i--
		case low == "to" && i-1 >= s.t0 && preTo[toks[i-1].low]:
			i--
		default:
			goto done
		}
		i--
	}
done:
	if passive && !strings.HasSuffix(toks[c.t0].low, "ing") {
		return phrase{}, false, true
	}
	if i < s.t0 {
		return phrase{}, false, false
	}
	t := &toks[i]
	if t.kind == tWord && pronounGender[t.low] != 0 {
		return phrase{t0: i, t1: i + 1, pronoun: true}, true, false
	}
	if t.kind == tWord && (t.low == "who" || t.low == "which" || t.low == "that" && i > s.t0 && (toks[i-1].cap || personNouns[toks[i-1].low] || orgNouns[toks[i-1].low] || pluralLike(toks[i-1].low))) {
		// "Sanders, who said ..." → the phrase before the relative
		k := i - 1
		if r.isPunct(k, ",") {
			k--
		}
		if k >= s.t0 {
			if st, ok := r.npBack(k, s.t0); ok {
				p := phrase{t0: st, t1: k + 1, relative: true}
				return p, true, false
			}
		}
		return phrase{}, false, false
	}
	if r.isPunct(i, "\u2014", "\u2013", "--") {
		// a dashed apposition: "The minister – who spoke on condition of
		// anonymity – said"
		k := i - 1
		for k > s.t0 && i-k < 30 && !r.isPunct(k, "\u2014", "\u2013", "--", ",", ";") {
			k--
		}
		if k > s.t0 && r.isPunct(k, toks[i].low) && k < i-1 {
			if st, ok := r.npBack(k-1, s.t0); ok {
				return phrase{t0: st, t1: k, appos: [2]int{k + 1, i}}, true, false
			}
		}
		return phrase{}, false, false
	}
	if r.isPunct(i, ")") {
		// skip a parenthesis: "Sen. X (R-Texas) said"
		k := i - 1
		for k >= s.t0 && !r.isPunct(k, "(") && i-k < 12 {
			k--
		}
		if k > s.t0 {
			if st, ok := r.npBack(k-1, s.t0); ok {
				return phrase{t0: st, t1: k}, true, false
			}
		}
		return phrase{}, false, false
	}
	if r.isPunct(i, ",") || r.isCloseQuote(i) && i > s.t0 && r.d.text[toks[i].s-1] == ',' && toks[i].quote >= 0 && r.d.quotes[toks[i].quote].openTok > s.t0+1 {
		if p, ok, pass := r.appositive(s, i); ok || r.isPunct(i, ",") {
			return p, ok, pass
		}
		return phrase{}, false, false
	}
	// "Republicans who have praised his candidacy warned": the subject is
	// the antecedent of the relative clause before the verb
	for w := i - 1; w > s.t0 && i-w < 10; w-- {
		t := &toks[w]
		if t.kind != tWord || t.quote >= 0 {
			break
		}
		if t.low == "who" || t.low == "which" {
			k := w - 1
			if r.isPunct(k, ",") {
				k--
			}
			if k >= s.t0 {
				if st, ok := r.npBack(k, s.t0); ok {
					return phrase{t0: st, t1: k + 1, relative: true}, true, false
				}
			}
			break
		}
	}
	st, ok := r.npBack(i, s.t0)
	if !ok {
		return phrase{}, false, false
	}
	p := phrase{t0: st, t1: i + 1}
	// coordination: "A, B, C and D warned"
	if r.hasName(st, i+1) && st-2 >= s.t0 && toks[st-1].low == "and" {
		coords := [][2]int{{st, i + 1}}
		k := st - 2
		for k >= s.t0 {
			s2, ok := r.npBack(k, s.t0)
			if !ok || !r.hasName(s2, k+1) {
				break
			}
			coords = append(coords, [2]int{s2, k + 1})
			p.t0 = s2
			if s2-2 >= s.t0 && r.isPunct(s2-1, ",") {
				k = s2 - 2
				continue
			}
			break
		}
		if len(coords) > 1 {
			for a, b := 0, len(coords)-1; a < b; a, b = a+1, b-1 {
				coords[a], coords[b] = coords[b], coords[a]
			}
			p.coords = coords
		}
	}
	return p, true, false
}

// quoteThenSpeaker handles a quote followed by a name and a verb outside
// the cue lexicon: "“…,” Oliver barked." / "“…,” remembered Roy Verley".
func (r *run) quoteThenSpeaker(si int, s sentence) {
	toks := r.d.toks
	a := s.t0
	if toks[a].kind != tQuote || toks[a].quote < 0 || r.d.quotes[toks[a].quote].openTok != a {
		return
	}
	q := &r.d.quotes[toks[a].quote]
	b := q.closeTok + 1
	if b >= s.t1 || toks[b].kind != tWord || r.d.text[toks[b-1].s-1] != ',' && !isTerminal(&toks[b-2]) {
		return
	}
	var src phrase
	var verb int
	if toks[b].cap {
		e := r.d.capRun(b, s.t1)
		if e >= s.t1 || toks[e].kind != tWord || toks[e].cap || aux[toks[e].low] || stopBack[toks[e].low] {
			return
		}
		src, verb = phrase{t0: b, t1: e}, e
	} else if pronounGender[toks[b].low] != 0 && b+1 < s.t1 && toks[b+1].kind == tWord && !toks[b+1].cap && !aux[toks[b+1].low] && !stopBack[toks[b+1].low] {
		src, verb = phrase{t0: b, t1: b + 1, pronoun: true}, b+1
	} else if determiners[toks[b].low] {
		// "“…,” the Republican nominee riffed"
		e, ok := r.npForward(b, s.t1)
		if !ok || e >= s.t1 || toks[e].kind != tWord || toks[e].cap || aux[toks[e].low] || stopBack[toks[e].low] {
			return
		}
		if h := toks[e-1].low; !toks[e-1].cap && !personNouns[h] && !titleWords[h] && !orgNouns[h] {
			return
		}
		src, verb = phrase{t0: b, t1: e}, e
	} else if !aux[toks[b].low] && !stopBack[toks[b].low] && b+1 < s.t1 && toks[b+1].cap {
		e := r.d.capRun(b+1, s.t1)
		src, verb = phrase{t0: b + 1, t1: e}, b
	} else {
		return
	}
	low := toks[verb].low
	if !(strings.HasSuffix(low, "ed") || strings.HasSuffix(low, "s")) {
		return
	}
	end := max(src.t1, verb+1)
	if end < s.t1 && !(isTerminal(&toks[end]) || r.isPunct(end, ",") || toks[end].kind == tQuote) {
		return
	}
	cs, ce, kind, ok := r.contentSpan(a, q.closeTok+1)
	if !ok {
		return
	}
	ents, spk, _ := r.resolve(src, toks[src.t0].s)
	if len(spk) == 0 {
		return
	}
	r.stmts = append(r.stmts, &stmt{sent: si, kind: kind, speakers: spk, ents: ents,
		cue: graph.Cue{Text: r.text(verb, verb+1), Lemma: low, Start: toks[verb].s, End: toks[verb].e},
		cs:  cs, ce: ce, date: r.statementDate(s), confidence: 0.6, cueTok: verb, before: true})
	r.noteSpeakers(ents)
}

// quotedClause attributes quoted words that a subject reports with a verb
// outside the cue lexicon ("Trump dismissed the idea as “silly”", "Name:
// “…”"): the subject is the speaker, the rest of the clause the content.
// Confidence is low; copulas ("was “unhinged”") are not reporting verbs.
func (r *run) quotedClause(si int, s sentence) {
	toks := r.d.toks
	st0, end, ok := r.subject(s, s.t1)
	if !ok || toks[st0].quote >= 0 {
		return
	}
	src := phrase{t0: st0, t1: end, pronoun: end == st0+1 && pronounGender[toks[st0].low] != 0}
	if !src.pronoun && !toks[end-1].cap && !(determiners[toks[st0].low] && (personNouns[toks[end-1].low] || titleWords[toks[end-1].low] || orgNouns[toks[end-1].low])) {
		return
	}
	v := end
	colon := false
	switch {
	case r.isPunct(v, ":") && false:
		colon = true
	case toks[v].kind == tWord && !toks[v].cap:
		for v < s.t1 && toks[v].kind == tWord && (aux[toks[v].low] && !passiveAux[toks[v].low] || strings.HasSuffix(toks[v].low, "ly")) {
			v++
		}
		if v >= s.t1 || toks[v].kind != tWord || toks[v].cap || stopBack[toks[v].low] || passiveAux[toks[v].low] || aux[toks[v].low] || toks[v].quote >= 0 {
			return
		}
	default:
		return
	}
	a := v + 1
	if a >= s.t1 {
		return
	}
	if colon && !(toks[a].kind == tQuote && toks[a].quote >= 0) {
		return
	}
	cs, ce, kind, ok := r.contentSpan(a, s.t1)
	if !ok || kind == graph.Indirect {
		return
	}
	ents, spk, _ := r.resolve(src, toks[src.t0].s)
	if len(spk) == 0 {
		return
	}
	c := graph.Cue{}
	if !colon {
		c = graph.Cue{Text: r.text(v, v+1), Lemma: toks[v].low, Start: toks[v].s, End: toks[v].e}
	} else {
		c = graph.Cue{Text: ":", Lemma: ":", Start: toks[v].s, End: toks[v].e}
	}
	r.stmts = append(r.stmts, &stmt{sent: si, kind: kind, speakers: spk, ents: ents, cue: c, cs: cs, ce: ce,
		date: r.statementDate(s), confidence: 0.5, cueTok: v})
	r.noteSpeakers(ents)
}

// askedAdjunct handles "Asked whether …, X said", "when asked about …" and
// "X was asked (by Y) whether …": the question is a statement whose speaker
// is the asker, when named ("by host John Dickerson"), else unknown.
func (r *run) askedAdjunct(si int, s sentence, c cue, later []cue) {
	toks := r.d.toks
	i := c.t1
	var src phrase
	hasSrc := false
	if i < s.t1 && toks[i].low == "by" {
		if end, ok := r.npForward(i+1, s.t1); ok {
			src, hasSrc = phrase{t0: i + 1, t1: end}, true
			i = end
		}
	}
	for i < s.t1 && (toks[i].kind == tWord && (weekdays[toks[i].low] != 0 || toks[i].low == "later" || toks[i].low == "again" || toks[i].low == "specifically") || r.isPunct(i, ",")) {
		i++
	}
	if i >= s.t1 || !(contentOpeners[toks[i].low] || toks[i].kind == tQuote) {
		return
	}
	end := i + 1
	for end < s.t1 && !(r.isPunct(end, ",", ";") && r.words(i, end) >= 2) && !(toks[end].kind == tQuote && toks[end].quote >= 0 && r.d.quotes[toks[end].quote].closeTok == end && r.isPunct(end+1, ",")) {
		end++
	}
	if (toks[i].kind == tQuote || end < s.t1 && toks[end].kind == tQuote) && end < s.t1 {
		end++
	}
	cs, ce, kind, ok := r.contentSpan(i, end)
	if !ok {
		return
	}
	st := &stmt{sent: si, kind: kind, speakers: []graph.Speaker{}, cue: r.cueOf(c), cs: cs, ce: ce,
		date: r.statementDate(s), confidence: 0.5, cueTok: c.t0}
	if hasSrc {
		ents, spk, _ := r.resolve(src, toks[src.t0].s)
		st.speakers, st.ents, st.confidence = spk, ents, 0.8
	}
	r.stmts = append(r.stmts, st)
}

// progressive reports "is saying", "has been telling": the -ing form is
// the verb of its clause.
func (r *run) progressive(s sentence, c cue) bool {
	toks := r.d.toks
	for k := c.t0 - 1; k >= s.t0 && c.t0-k <= 3; k-- {
		t := &toks[k]
		if t.kind != tWord {
			return false
		}
		if passiveAux[t.low] || t.low == "am" || t.low == "keep" || t.low == "keeps" || t.low == "kept" || t.low == "started" || t.low == "began" || t.low == "stop" || t.low == "stopped" {
			return true
		}
		if !(aux[t.low] || strings.HasSuffix(t.low, "ly")) {
			return false
		}
	}
	return false
}

// subject finds the subject of the sentence's main clause before token
// hi: the first noun phrase followed by a verb, after a dateline and
// leading adverbials ("At a rally in Portsmouth, N.H., on Tuesday, Senator
// Bernie Sanders endorsed …").
func (r *run) subject(s sentence, hi int) (int, int, bool) {
	toks := r.d.toks
	st0 := r.skipDateline(s)
	for n := 0; n < 5 && st0 < hi; n++ {
		for st0 < hi && toks[st0].kind == tWord && (toks[st0].low == "but" || toks[st0].low == "and" || toks[st0].low == "yet" || toks[st0].low == "so" || toks[st0].low == "still") {
			st0++
		}
		if st0 >= hi {
			break
		}
		if toks[st0].kind == tWord && !(stopBack[toks[st0].low] && pronounGender[toks[st0].low] == 0) {
			if end, ok := r.npForward(st0, hi); ok && end < hi && toks[end].kind == tWord && !toks[end].cap && (!stopBack[toks[end].low] || aux[toks[end].low] || adverbialStart[toks[end].low] && end > st0+1) {
				return st0, end, true
			} else if ok && n == 0 && end < hi && r.isPunct(end, ",") && (toks[end-1].cap || personNouns[toks[end-1].low] || titleWords[toks[end-1].low]) && !stopBack[toks[st0].low] {
				// "House Democrats, looking for a way …, seized the floor"
				return st0, end, true
			}
		}
		// skip to after the next comma
		k := st0
		for k < hi && k-st0 < 40 && !r.isPunct(k, ",") {
			k++
		}
		if k >= hi || !r.isPunct(k, ",") {
			break
		}
		st0 = k + 1
	}
	return 0, 0, false
}

// skipDateline returns the first token after a dateline ("ORLANDO, Fla.
// (Reuters) - "), or the sentence start.
func (r *run) skipDateline(s sentence) int {
	for k := s.t0; k < s.t1 && k < s.t0+10; k++ {
		if k+1 < s.t1 && r.isPunct(k, "-", "\u2014", "\u2013", "--") && k > s.t0 && (r.isPunct(k-1, ")") || isUpperWord(r.text(k-1, k))) {
			return k + 1
		}
	}
	return s.t0
}

func isUpperWord(w string) bool {
	n := 0
	for _, c := range w {
		if c >= 'a' && c <= 'z' {
			return false
		}
		if c >= 'A' && c <= 'Z' {
			n++
		}
	}
	return n >= 2
}

// hasContentBefore reports words before token i in the sentence other
// than a conjunction or adverb ("But according to …").
func (r *run) hasContentBefore(s sentence, i int) bool {
	for k := s.t0; k < i; k++ {
		t := &r.d.toks[k]
		if t.kind == tWord && (stopBack[t.low] || aux[t.low] || t.low == "and" || t.low == "but" || t.low == "yet" || t.low == "still" || t.low == "also") {
			continue
		}
		if t.kind == tPunct && t.low == "," {
			continue
		}
		return true
	}
	return false
}

// appositive finds the source before "…, said" where the comma at i
// closes an apposition or a parenthetical: "Kirby, a spokesman for the
// Pentagon, said", "Yin May, 60, a doctor, said", "Sen. X (R-Ga.), one of
// the co-authors, said", "X, on Tuesday, said", "His campaign manager,
// Jeff Weaver, said".
func (r *run) appositive(s sentence, i int) (phrase, bool, bool) {
	toks := r.d.toks
	end := i // the comma closing the segment
	var first *phrase
	for seg := 0; seg < 5; seg++ {
		k := end - 1
		for k > s.t0 && end-k < 30 && !(r.isPunct(k, ",", ";") && toks[k].quote < 0) && toks[k].kind != tPara {
			k--
		}
		if k <= s.t0 || !r.isPunct(k, ",") || k >= end-1 {
			break
		}
		a0 := k + 1
		if toks[a0].kind == tWord && clauseStarts[toks[a0].low] {
			break // "…, but it is under pressure, said X": not an apposition
		}
		// "His campaign manager, Jeff Weaver, said": a name inside the commas
		if seg == 0 && toks[a0].kind == tWord && toks[a0].cap && !dropCapitalised[toks[a0].low] {
			if e := r.d.capRun(a0, end); e == end || e < end && r.isPunct(e, "(") {
				if st, ok := r.npBack(k-1, s.t0); !ok || !toks[k-1].cap || !r.hasName(st, k) || st > s.t0 && toks[st-1].kind == tWord && ppInNP[toks[st-1].low] || r.hasPP(st, k) {
					return phrase{t0: a0, t1: e}, true, false
				}
			}
		}
		npEnd := k - 1
		if r.isPunct(npEnd, ")") {
			for npEnd > s.t0 && !r.isPunct(npEnd, "(") && k-npEnd < 12 {
				npEnd--
			}
			npEnd--
		}
		if npEnd < s.t0 {
			break
		}
		st, ok := r.npBack(npEnd, s.t0)
		if ok && (r.hasName(st, npEnd+1) || determiners[toks[st].low] && (personNouns[toks[npEnd].low] || titleWords[toks[npEnd].low] || orgNouns[toks[npEnd].low])) {
			p := phrase{t0: st, t1: npEnd + 1}
			if toks[a0].kind == tWord && !toks[a0].cap && stopBack[toks[a0].low] && !relatives[toks[a0].low] && toks[a0].low != "whom" && toks[a0].low != "whose" {
				// "X, on Tuesday, said": an adverbial, no role
			} else {
				p.appos = [2]int{a0, i}
			}
			// a description or a place inside an earlier apposition: look
			// further back for the name ("Mike Shields, president of the
			// Fund, a super PAC, said"; "X, who lost … in Aurora, Colorado,
			// in July, said")
			if !r.personLike(p) && st-1 > s.t0 && r.isPunct(st-1, ",") && seg < 4 {
				if first == nil {
					cp := p
					first = &cp
				}
				end = k
				continue
			}
			if first != nil && !r.personLike(p) {
				return *first, true, false
			}
			return p, true, false
		}
		if first != nil {
			return *first, true, false
		}
		end = k
	}
	if first != nil {
		return *first, true, false
	}
	return phrase{}, false, false
}

// personLike reports a source phrase ending in a name that is neither a
// place nor an organisation.
func (r *run) personLike(p phrase) bool {
	toks := r.d.toks
	last := &toks[p.t1-1]
	if !last.cap || orgNouns[stripPossessive(last.low)] {
		return false
	}
	c0 := p.t1 - 1
	for c0 > p.t0 && toks[c0-1].cap {
		c0--
	}
	name := r.text(c0, p.t1)
	if _, ok := r.lookupPlace(name); ok {
		return false
	}
	if _, ok := knownOrgs[strings.ToLower(name)]; ok {
		return false
	}
	return true
}

// subjectLike reports whether a left source is a pronoun or a name, as
// nounish cues need ("Trump tweets", not "Soviet states").
func (r *run) subjectLike(p phrase, c cue) bool {
	toks := r.d.toks
	if p.pronoun {
		return true
	}
	last := &toks[p.t1-1]
	if !last.cap || determiners[toks[p.t0].low] && toks[p.t0].low != "the" {
		return false
	}
	if _, ok := r.demonym(r.text(p.t1-1, p.t1)); ok {
		return false
	}
	if h := strings.LastIndexByte(last.low, '-'); h > 0 && (strings.HasSuffix(last.low, "ed") || strings.HasSuffix(last.low, "run")) {
		return false // "GOP-dominated state", "Kremlin-backed"
	}
	return r.contentStartOK(c.t1)
}

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

// viaID is the entity id of a relaying source; an organisation described
// in several words ("the summit office") gets an id of its own.
func (r *run) viaID(src phrase, pos int) string {
	ents, spk, _ := r.resolve(src, pos)
	if len(ents) == 1 {
		return ents[0].id
	}
	toks := r.d.toks
	a := src.t0
	for a < src.t1 && determiners[toks[a].low] {
		a++
	}
	if len(spk) == 1 && src.t1-a >= 2 && orgNouns[toks[src.t1-1].low] {
		e := r.entity(graph.Organisation, r.text(a, src.t1))
		e.mentions = append(e.mentions, r.span(a, src.t1))
		return e.id
	}
	return ""
}

// hasPP reports a preposition inside tokens [a,b): "the mayor of X".
func (r *run) hasPP(a, b int) bool {
	for i := a; i < b; i++ {
		if t := &r.d.toks[i]; t.kind == tWord && !t.cap && ppInNP[t.low] {
			return true
		}
	}
	return false
}

// hasName reports a capitalised word in tokens [a,b).
func (r *run) hasName(a, b int) bool {
	for i := a; i < b; i++ {
		if r.d.toks[i].cap && !dropCapitalised[r.d.toks[i].low] {
			return true
		}
	}
	return false
}

// rightSource finds an inverted source after the cue: ", said Kirby."
func (r *run) rightSource(s sentence, c cue) (phrase, bool) {
	toks := r.d.toks
	if !c.info.inverts || c.t1 >= s.t1 {
		return phrase{}, false
	}
	p := c.t0 - 1
	if p >= s.t0 && !(r.isPunct(p, ",", "\u2014", "\u2013", "--", ":") || r.isCloseQuote(p)) {
		return phrase{}, false
	}
	end, ok := r.npForward(c.t1, s.t1)
	if !ok {
		return phrase{}, false
	}
	ph := phrase{t0: c.t1, t1: end}
	if end < s.t1 {
		n := &toks[end]
		switch {
		case n.kind == tPunct || n.kind == tQuote:
		case n.kind == tWord && rightFollow[n.low]:
		default:
			return phrase{}, false
		}
		// ", said the transport minister, Paul Haddad.": the name is the speaker
		if r.isPunct(end, ",") && end+1 < s.t1 && !toks[end-1].cap && toks[end+1].cap && toks[end+1].kind == tWord {
			if e := r.d.capRun(end+1, s.t1); e >= s.t1 || toks[e].kind != tWord {
				return phrase{t0: end + 1, t1: e, appos: [2]int{c.t1, end}}, true
			}
		}
		// apposition: ", said John Smith, a spokesman for X."
		if r.isPunct(end, ",") && end+1 < s.t1 && toks[end+1].kind == tWord && (determiners[toks[end+1].low] || titleWords[toks[end+1].low] || modifiers[toks[end+1].low]) {
			k := end + 1
			for k < s.t1 && !r.isPunct(k, ",", ".", ";") && toks[k].kind != tQuote && k-end < 20 {
				k++
			}
			ph.appos = [2]int{end + 1, k}
		}
	}
	if pronounGender[toks[c.t1].low] != 0 && end == c.t1+1 {
		ph.pronoun = true
	}
	return ph, true
}

// blockEnd skips what follows a cue and is not content: a recipient
// ("told reporters"), adverbials ("on Tuesday", "in a statement"), "that".
// It returns the first content token and whether the content clearly
// follows (that, colon, quote).
func (r *run) afterCue(s sentence, c cue, from int) (int, bool) {
	toks := r.d.toks
	i := from
	if c.info.object && i < s.t1 && toks[i].kind == tWord && !stopBack[toks[i].low] {
		// recipient
		if end, ok := r.npForward(i, s.t1); ok && r.recipientEnds(end, s.t1) && !(end >= s.t1 || isTerminal(&toks[end])) {
			if end < s.t1 && toks[end].low == "to" && end+1 < s.t1 && toks[end+1].kind == tWord && !toks[end+1].cap && !determiners[toks[end+1].low] {
				return i, true // "asked the court to intervene": the request
			}
			i = end
		}
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
		case t.low == "that":
			return i + 1, true
		case (t.low == "for" || t.low == "on") && i == from && c.info.lemma == "call":
			return i + 1, true
		case weekdays[t.low] != 0 || t.low == "sunday" || t.low == "today" || t.low == "yesterday" || t.low == "tonight" || t.low == "also" || t.low == "again" || t.low == "repeatedly" || t.low == "earlier" || t.low == "later" || t.low == "publicly" || t.low == "privately" || t.low == "recently" || t.low == "then":
			i++
			continue
		case t.low == "to" && i+1 < s.t1 && toks[i+1].kind == tWord && !toks[i+1].cap && !determiners[toks[i+1].low] && pronounGender[toks[i+1].low] == 0 && !stopBack[toks[i+1].low]:
			return i, true // an infinitive: "claimed to have", "promised to build"
		case t.low == "on" || t.low == "in" || t.low == "at" || t.low == "during" || t.low == "after" || t.low == "before" || t.low == "via" || t.low == "to" || t.low == "with" || t.low == "through" || t.low == "over" || t.low == "from" || t.low == "while" || t.low == "when":
			// a prepositional phrase before "that"/":"/a quote is not content
			k := i + 1
			for k < s.t1 && k-i < 12 && toks[k].kind == tWord && toks[k].low != "that" {
				k++
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

// recipientEnds reports whether a recipient phrase ending at end is
// followed by what follows recipients: "that", a comma, a quote, an
// adverbial or the end ("told reporters that", "told the media after").
func (r *run) recipientEnds(end, hi int) bool {
	if end >= hi {
		return true
	}
	t := &r.d.toks[end]
	switch t.kind {
	case tPunct, tQuote:
		return true
	case tWord:
		switch t.low {
		case "that", "on", "in", "at", "after", "before", "during", "to", "about", "of", "this", "last", "earlier", "later", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "when", "while", "he", "she", "they", "it", "we", "i", "there":
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

// findStatements walks the sentences and builds statements.
func (r *run) findStatements() {
	d := r.d
	var cues []cue
	for si, s := range d.sents {
		if r.skip[si] {
			continue
		}
		cues = r.findCues(s, cues[:0])
		if len(cues) > maxCues {
			// no real sentence has more attributions; the cap keeps
			// pathological input (one endless "sentence") linear
			cues = cues[:maxCues]
		}
		first := len(r.stmts)
		for ci, c := range cues {
			r.statementFor(si, s, c, cues[ci+1:], first)
		}
		if len(r.stmts) == first {
			r.quoteThenSpeaker(si, s)
		}
		if len(r.stmts) == first {
			r.floating(si, s)
		}
		if len(r.stmts) == first {
			r.quotedClause(si, s)
		}
		if !r.x.opts.KeepNested {
			r.dropNested(first)
		}
	}
}

// dropNested removes statements whose cue lies inside the content of
// another statement of the same sentence ("Medinsky said Kyiv did not
// state whether …"): the inner claim is known only through the outer
// speaker and is part of that content. Options.KeepNested keeps them.
func (r *run) dropNested(first int) {
	out := r.stmts[:first]
	for i := first; i < len(r.stmts); i++ {
		st := r.stmts[i]
		nested := false
		for j := first; j < len(r.stmts); j++ {
			o := r.stmts[j]
			if j != i && st.cue.Text != "" && st.cue.Start >= o.cs && st.cue.End <= o.ce && !(o.cue.Start >= st.cs && o.cue.End <= st.ce) {
				nested = true
			}
		}
		if !nested {
			out = append(out, st)
		}
	}
	r.stmts = out
}

// statementFor builds the statement of cue c in sentence s, if any.
func (r *run) statementFor(si int, s sentence, c cue, later []cue, first int) {
	toks := r.d.toks
	var src phrase
	var ok bool
	var blockStart, blockEnd int
	if c.info.lemma == "according to" {
		// the source runs to the next comma or the end of the sentence
		end := c.t1
		for end < s.t1 && end-c.t1 < 30 && !r.isPunct(end, ",", ";", "\u2014", "--", ":", "(", ")") && !isTerminal(&toks[end]) && toks[end].kind != tQuote && toks[end].kind != tPara {
			end++
		}
		if end == c.t1 {
			return
		}
		src = phrase{t0: c.t1, t1: end}
		if k := end - 1; toks[k].kind == tWord && pronounGender[toks[k].low] != 0 && k == c.t1 {
			src.pronoun = true
		}
		// "according to X, CONTENT" or "CONTENT, according to X"
		lead := c.t0 == s.t0 || c.t0 <= s.t0+2 && !r.hasContentBefore(s, c.t0)
		if lead || r.isPunct(c.t0-1, ".", ";") {
			if r.isPunct(end, ",") {
				r.addStatement(si, s, c, src, end+1, r.contentEnd(s, end+1, later), 0.85)
			}
			return
		}
		if r.isPunct(c.t0-1, ",", "(", "\u2014") || r.isCloseQuote(c.t0-1) || toks[c.t0-1].kind == tWord {
			// a relaying source for a statement already found in this sentence
			for k := first; k < len(r.stmts); k++ {
				st := r.stmts[k]
				if st.sent == si && st.cueTok < c.t0 && st.ce <= toks[c.t0].s && st.ce >= toks[s.t0].s {
					st.via = r.viaID(src, toks[c.t0].s)
					return
				}
			}
			if r.isPunct(end, ",") && end+1 < s.t1 && r.words(end+1, s.t1) >= 2 {
				// "Fundraising, according to the campaign, has surged"
				r.addStatement(si, s, c, src, s.t0, s.t1, 0.85)
				return
			}
			e := c.t0
			if r.isPunct(e-1, ",", "(", "\u2014") {
				e--
			}
			r.addStatement(si, s, c, src, s.t0, e, 0.85)
		}
		return
	}
	if c.noun {
		p := c.t0 - 1
		src = phrase{t0: p, t1: p + 1, pronoun: !toks[p].cap}
		if toks[p].cap {
			if st, ok := r.npBack(p, s.t0); ok {
				src.t0 = st
			}
		}
		after := c.t1
		if after < s.t1 && toks[after].low == "to" {
			after++ // "his claim to have …": the infinitive without "to"
		} else {
			after, _ = r.afterCue(s, c, c.t1)
		}
		if after >= s.t1 {
			return
		}
		r.addStatement(si, s, c, src, after, r.contentEnd(s, after, later), 0.8)
		return
	}
	right := false
	var passive bool
	// a participle is an adjunct of the main clause ("…, calling him a
	// liar", "started the debate saying"): its speaker is the clause's
	// subject, not the noun phrase before it; "is saying" is a verb
	participle := strings.HasSuffix(toks[c.t0].low, "ing") && c.t1 == c.t0+1 && !r.progressive(s, c)
	if r.isPunct(c.t0-1, ",") && !participle {
		src, ok, passive = r.leftSource(s, c)
	}
	if participle {
		// handled below with the subject of the sentence
	} else if !ok && !passive {
		if src, ok = r.rightSource(s, c); ok {
			right = true
		} else {
			src, ok, passive = r.leftSource(s, c)
		}
	}
	if passive && !(c.info.lemma == "ask" && toks[c.t0].low == "asked") {
		return
	}
	if ok && !right && nounish[toks[c.t0].low] && !r.subjectLike(src, c) {
		return
	}
	if ok && !right && !src.pronoun && !toks[src.t1-1].cap && !personNouns[toks[src.t1-1].low] && !titleWords[toks[src.t1-1].low] && !orgNouns[toks[src.t1-1].low] && !r.contentStartOK(c.t1) {
		return // "a large pledged delegate lead"
	}
	if (passive || !ok) && c.info.lemma == "ask" && toks[c.t0].low == "asked" {
		r.askedAdjunct(si, s, c, later)
		return
	}
	if !ok {
		// participles and coordinated verbs share the subject: "…, saying"
		prev := c.t0 - 1
		for prev >= s.t0 && toks[prev].kind == tWord && aux[toks[prev].low] {
			prev--
		}
		byIng := prev >= s.t0 && strings.HasSuffix(toks[c.t0].low, "ing") && (toks[prev].low == "by" || toks[prev].low == "after" || toks[prev].low == "while" || toks[prev].low == "when" || toks[prev].low == "before")
		if prev >= s.t0 && (r.isPunct(prev, ",") || toks[prev].low == "and" || toks[prev].low == "but" || byIng || participle) {
			// the outermost statement of the sentence owns the participle
			for k := first; k < len(r.stmts); k++ {
				if st := r.stmts[k]; st.sent == si && st.cueTok < c.t0 {
					if false && st.before && (c.info.lemma == "add" || c.info.lemma == "say") && r.isPunct(prev, ",") {
						// "“…,” X said, adding: “…”": one statement
						after, _ := r.afterCue(s, c, c.t1)
						end := r.contentEnd(s, after, later)
						if _, ce, _, ok := r.contentSpan(after, end); ok && ce > st.ce {
							st.ce = ce
							if st.kind == graph.Indirect && r.hasQuote(st.cs, st.ce) {
								st.kind = graph.Mixed
							}
						}
						return
					}
					r.addShared(si, s, c, st, later)
					return
				}
			}
			// the subject at the start of the sentence: "Graham called … and said …"
			if st0, end, fok := r.subject(s, c.t0); fok {
				src, ok = phrase{t0: st0, t1: end, pronoun: end == st0+1 && pronounGender[toks[st0].low] != 0}, true
			}
		}
		if !ok {
			return
		}
	}
	if right {
		blockStart, blockEnd = c.t0, src.t1
		if src.appos[1] > 0 {
			blockEnd = src.appos[1]
		}
	} else {
		blockStart, blockEnd = src.t0, c.t1
	}
	after, clear := r.afterCue(s, c, blockEnd)
	// content before the block: "“…,” X said." / "…, X said."
	beforeOK := blockStart > s.t0 && (r.isPunct(blockStart-1, ",", "\u2014", "\u2013", "--", ":", ";") || r.isCloseQuote(blockStart-1))
	afterEnd := r.contentEnd(s, after, later)
	afterLen := 0
	for k := after; k < afterEnd; k++ {
		if toks[k].kind == tWord || toks[k].kind == tNum {
			afterLen++
		}
	}
	conf := 0.9
	switch {
	case beforeOK && r.isCloseQuote(blockStart-1) && r.mostlyQuoted(s.t0, blockStart) && after < s.t1 && toks[after].kind == tQuote && toks[after].quote >= 0 && r.d.quotes[toks[after].quote].openTok == after:
		// "“Q1,” said X, a spokesman, “Q2.”": one statement around its attribution
		st := r.addStatement(si, s, c, src, s.t0, blockStart, conf)
		if st != nil {
			st.before = true
			if q := &r.d.quotes[toks[after].quote]; q.ie > st.ce {
				st.ce = q.ie
				for st.ce > st.cs && (r.d.text[st.ce-1] == ',' || r.d.text[st.ce-1] == ' ') {
					st.ce--
				}
			}
		}
	case clear && afterLen > 0:
		r.addStatement(si, s, c, src, after, afterEnd, conf)
	case beforeOK && (r.isCloseQuote(blockStart-1) && r.mostlyQuoted(s.t0, blockStart) || afterLen == 0 || right || r.commaBetween(blockEnd, after) || r.isPunct(after, ",") ||
		after < s.t1 && (toks[after].kind == tNum || toks[after].kind == tWord && (adverbialStart[toks[after].low] || strings.HasSuffix(toks[after].low, "ing")))):
		end := blockStart
		start := s.t0
		if r.isCloseQuote(end - 1) {
			// "Talks: ‘We'll see,’ says Biden": the quote alone
			q := &r.d.quotes[toks[end-1].quote]
			if q.openTok > start && r.isPunct(q.openTok-1, ":", "—", "–", "--") {
				start = q.openTok
			}
		}
		// a parenthetical attribution: "In the 1990s, X said, when …"
		if after < s.t1 && r.isPunct(after-1, ",") && afterLen >= 3 && !r.isCloseQuote(end-1) && !(toks[after].kind == tWord && strings.HasSuffix(toks[after].low, "ing")) &&
			!(toks[after].kind == tWord && (relatives[toks[after].low] || toks[after].low == "whom" || toks[after].low == "whose" || toks[after].low == "where")) &&
			(r.words(start, end) < 6 || toks[after].kind == tWord && !toks[after].cap) {
			end = afterEnd
		}
		if r.words(start, end) < 3 && !r.mostlyQuoted(start, end) {
			if afterLen >= 2 && !r.isCloseQuote(blockStart-1) {
				r.addStatement(si, s, c, src, after, afterEnd, conf*0.95)
			}
			return // "Now, Carson has responded to …": no content before
		}
		st := r.addStatement(si, s, c, src, start, end, conf)
		if st != nil {
			st.before = true
		}
		// "“Q1,” X said, “Q2.”": the second part belongs to the same statement
		if st != nil && after < s.t1 && toks[after].kind == tQuote && toks[after].quote >= 0 && r.d.quotes[toks[after].quote].openTok == after {
			q := &r.d.quotes[toks[after].quote]
			if q.ie > st.ce {
				st.ce = q.ie
				for st.ce > st.cs && (r.d.text[st.ce-1] == ',' || r.d.text[st.ce-1] == ' ') {
					st.ce--
				}
			}
		}
	case afterLen >= 2:
		r.addStatement(si, s, c, src, after, afterEnd, conf*0.95)
	case beforeOK:
		r.addStatement(si, s, c, src, s.t0, blockStart, conf*0.9)
	}
}

// clauseStarts open a new clause, never an apposition.
var clauseStarts = set("but and or so yet while although though because if when since unless as")

// quantities can head a subject: "most say", "half said".
var quantities = set("most many some all both several few half majority majorities plurality third quarter others percent")

// pluralLike guesses a plural noun from its ending.
func pluralLike(low string) bool {
	n := len(low)
	if n < 4 || low[n-1] != 's' || stopBack[low] || aux[low] || nounish[low] {
		return false
	}
	switch low[n-2] {
	case 's', 'u', 'i':
		return false // "boss", "bus", "this"
	}
	return strings.IndexFunc(low, func(r rune) bool { return r < 'a' || r > 'z' }) < 0
}

var ppInNP = set("in on at from of for with close")

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
		// ", said X" or ", X added" closing a reported clause
		if c.info.inverts && p > from && (r.isPunct(p, ",") || r.isCloseQuote(p)) {
			if _, ok := r.npForward(c.t1, s.t1); ok {
				return p
			}
		}
		q := p
		for q > from && toks[q].kind == tWord && aux[toks[q].low] {
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
		if st, ok := r.npBack(q, from); ok && st-1 > from && r.isPunct(st-1, ",") && (c.t1 >= s.t1 || isTerminal(&toks[c.t1]) || rightFollow[toks[c.t1].low] || r.isPunct(c.t1, ",")) {
			return st - 1
		}
		if q > from && toks[q].kind == tWord && pronounGender[toks[q].low] != 0 && r.isPunct(q-1, ",") && (c.t1 >= s.t1 || isTerminal(&toks[c.t1]) || rightFollow[toks[c.t1].low]) {
			return q - 1
		}
		// "but the United States warned": a new subject after a conjunction
		if c.info.class == cueSpeech {
			if st, ok := r.npBack(p, from); ok && st-1 > from && (toks[st-1].low == "but" || toks[st-1].low == "and" || toks[st-1].low == "while" || toks[st-1].low == "as" || r.isPunct(st-1, ";")) {
				k := st - 1
				if k-1 > from && r.isPunct(k-1, ",") {
					k--
				}
				return k
			}
			if p > from && (toks[p].low == "and" || toks[p].low == "but") && !toks[p].cap {
				return p
			}
		}
	}
	return end
}

// addShared adds a statement for a participle/coordinated cue that shares
// the speakers of statement st.
func (r *run) addShared(si int, s sentence, c cue, st *stmt, later []cue) {
	after, _ := r.afterCue(s, c, c.t1)
	end := r.contentEnd(s, after, later)
	cs, ce, kind, ok := r.contentSpan(after, end)
	if !ok || !r.cueFits(c, cs, ce) {
		return
	}
	n := &stmt{sent: si, kind: kind, speakers: st.speakers, ents: st.ents, cue: r.cueOf(c), cs: cs, ce: ce,
		date: st.date, confidence: st.confidence * 0.95, cueTok: c.t0, via: st.via}
	r.stmts = append(r.stmts, n)
}

func (r *run) cueOf(c cue) graph.Cue {
	a, b := r.d.toks[c.t0].s, r.d.toks[c.t1-1].e
	return graph.Cue{Text: r.d.text[a:b], Lemma: c.info.lemma, Start: a, End: b}
}

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
	return r.hasQuote(cs, ce)
}

// addStatement resolves the source and records a statement with content
// tokens [a,b).
func (r *run) addStatement(si int, s sentence, c cue, src phrase, a, b int, conf float64) *stmt {
	cs, ce, kind, ok := r.contentSpan(a, b)
	if !ok || !r.cueFits(c, cs, ce) {
		return nil
	}
	toks := r.d.toks
	pos := toks[src.t0].s
	ents, spk, how := r.resolve(src, pos)
	if len(spk) == 0 {
		return nil
	}
	switch kind {
	case graph.Direct:
		conf += 0.05
	case graph.Indirect:
		conf -= 0.05
	}
	switch how {
	case graph.ResolvedSurname:
		conf *= 0.97
	case graph.ResolvedPronoun:
		conf *= 0.85
	case graph.ResolvedDescription:
		conf *= 0.75
	}
	if c.info.class == cueQuoted {
		conf *= 0.9
	}
	if conf > 0.99 {
		conf = 0.99
	}
	st := &stmt{sent: si, kind: kind, speakers: spk, ents: ents, cue: r.cueOf(c), cs: cs, ce: ce,
		date: r.statementDate(s), confidence: conf, cueTok: c.t0}
	r.stmts = append(r.stmts, st)
	r.noteSpeakers(ents)
	return st
}

// floating attaches a quote with no cue to the previous speaker: a quote
// continuing in the next sentence, or a quote paragraph after a quoted
// speaker (news style).
func (r *run) floating(si int, s sentence) {
	toks := r.d.toks
	if len(r.stmts) == 0 {
		return
	}
	a := s.t0
	if toks[a].kind != tQuote || toks[a].quote < 0 || r.d.quotes[toks[a].quote].openTok != a {
		return
	}
	words, quoted := 0, 0
	for i := s.t0; i < s.t1; i++ {
		if toks[i].kind == tWord || toks[i].kind == tNum {
			words++
			if toks[i].quote >= 0 {
				quoted++
			}
		}
	}
	if quoted < 3 || quoted*10 < words*7 {
		return
	}
	last := r.stmts[len(r.stmts)-1]
	ls := r.d.sents[last.sent]
	q := &r.d.quotes[toks[a].quote]
	if ls.para == s.para && last.sent >= si-2 {
		// the same statement goes on: “We'll see,” he said. “I don't …”
		if q.ie > last.ce {
			last.ce = q.ie
			for last.ce > last.cs && (r.d.text[last.ce-1] == ',' || r.d.text[last.ce-1] == ' ') {
				last.ce--
			}
		}
		return
	}
	if s.para-ls.para > 3 || len(last.speakers) == 0 {
		return
	}
	cs, ce, kind, ok := r.contentSpan(s.t0, s.t1)
	if !ok {
		return
	}
	st := &stmt{sent: si, kind: kind, speakers: last.speakers, ents: last.ents, cs: cs, ce: ce,
		date: last.date, confidence: last.confidence * 0.7, cueTok: -1}
	r.stmts = append(r.stmts, st)
}

// noteSpeakers updates salience after a statement.
func (r *run) noteSpeakers(ents []*entity) {
	if len(ents) == 0 {
		return
	}
	r.lastSpeakers = ents
	for _, e := range ents {
		for i, x := range r.recent {
			if x == e {
				r.recent = append(r.recent[:i], r.recent[i+1:]...)
				break
			}
		}
		r.recent = append([]*entity{e}, r.recent...)
	}
	if len(r.recent) > 8 {
		r.recent = r.recent[:8]
	}
}
