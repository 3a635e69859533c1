// Stage 2, cues: the speech verbs, nouns and phrases of a sentence
// (lexicon.go holds the word lists and their sources).

package extract

import "strings"

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

// thatSpeech are quoted-only cues that report speech with a that-clause
// too ("conceded that …", "testified that …", "vowed that …"); other
// verbs with a that-clause report thoughts or perception ("thinks that",
// "remembered that"). "estimated that …" and "forecast that …" report
// an analyst's figure; without "that" they take a thing ("estimated the
// damage at $2bn"), no speech. "vowed to …" is a pledge, as "pledged to …" is.
var thatSpeech = set("post estimate forecast concede testify vow maintain contend allege affirm assert reiterate counter caution emphasize emphasise lament boast remark observe assure opine inform")

// thatOnly are cues only with a that-clause: "estimated that …" reports
// a figure someone gave; other uses are things ("cost estimates") or
// acts ("estimated the damage at $2bn"), quoted words or not.
var thatOnly = set("estimate forecast")

// thatParticiples report speech in their -ing form after a comma and
// before "that" ("…, arguing that …", "…, noting that …").
var thatParticiples = set("argue note insist claim warn explain stress complain acknowledge admit say add state")

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
			// ("a source close to her said": "her" is an object before a
			// verb-only form)
			if p.kind == tNum && !verbOnly(t.low) || p.kind == tWord && nounBefore[p.low] && !((p.low == "another" || p.low == "each" || p.low == "her") && verbOnly(t.low)) {
				continue // a noun: "the report", "a call", "12 states"
			}
			if isPossessive(p.low) && (p.cap || p.low == "his" || p.low == "her" && !verbOnly(t.low) || p.low == "their" || p.low == "its") {
				continue // a noun: "Trump's tweet"
			}
		}
		if strings.HasSuffix(t.low, "ed") && r.passiveModifier(s, i) {
			continue // "a plan announced on Monday by the authority": what was announced, not a report
		}
		if strings.HasSuffix(t.low, "ed") && r.inFrontedPhrase(s, i) {
			continue // "In a video posted to Instagram, she told …": a participle of the phrase, not the report
		}
		if strings.HasSuffix(t.low, "ing") && i > s.t0 && (toks[i-1].low == "from" || toks[i-1].low == "of" || toks[i-1].low == "without") {
			// "barred developers from telling users …": what was stopped,
			// not said; "it goes without saying that …", "left without
			// saying a word": what was not said
			continue
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
		if info.class == cueQuoted && thatSpeech[info.lemma] && i+1 < s.t1 && (r.thatAfter(s, i) || info.lemma == "vow" && toks[i+1].low == "to") && !strings.HasSuffix(t.low, "ing") {
			// "conceded that …", "testified that …", "vowed that …": a
			// reporting verb with a that-clause reports speech, quoted or not
			info.class = cueSpeech
		}
		if info.class == cueQuoted && thatOnly[info.lemma] {
			continue // "estimated the damage at $2bn", "Cost estimates, he added, were “…”"
		}
		if info.class == cueQuoted && (thatSpeech[info.lemma] || thatParticiples[info.lemma]) && strings.HasSuffix(t.low, "ing") && i > s.t0 && (r.isPunct(i-1, ",") || i-1 > s.t0 && toks[i-1].low == "while" && (r.isPunct(i-2, ",") || r.isCloseQuote(i-2) && r.d.text[toks[i-2].s-1] == ',')) && i+1 < s.t1 && toks[i+1].low == "that" {
			// "…, arguing that she could influence witnesses", "…, while
			// warning that …": a participle after the clause, with a
			// that-clause
			info.class = cueSpeech
		}
		if info.lemma == "add" && i+1 < s.t1 && toks[i+1].low == "to" {
			continue // "adding to her lead"
		}
		if strings.HasSuffix(t.low, "ing") && r.isPunct(i-1, ",") && r.asideBeforeCue(s, i) {
			continue // "Tristram Hale, writing in the Daily Telegraph, argued that …": where, not what
		}
		if t.low == "told" && i > s.t0 && toks[i-1].low == "all" && i+1 < s.t1 && r.isPunct(i+1, ",") {
			continue // "All told, the group raised …": a sum, not speech
		}
		if info.lemma == "claim" && r.claimedAct(s, i) {
			continue // "claimed responsibility for the attack", "claimed the title", "claimed two million users": an act or a count
		}
		if info.lemma == "call" && i+1 < s.t1 && !r.callIsSpeech(s, i) {
			continue
		}
		out = append(out, cue{t0: i, t1: i + 1, info: info})
	}
	return out
}

// convened are what "call" convenes rather than says: "called an
// emergency meeting", "called a snap election", "called a strike".
var convened = set("meeting meetings session sessions vote votes election elections strike strikes recess hearing hearings summit referendum halt truce ceasefire timeout conference")

// appraisedDeterminers open what an appraising "called" appraises: "called
// the decision a gift", "called his remarks …".
var appraisedDeterminers = set("the his her its their this that these those")

// asideBeforeCue reports the participle at i opening an aside between
// commas that a speech verb follows: ", writing in the Daily Telegraph,
// argued", ", speaking from Kyiv, said".
func (r *run) asideBeforeCue(s sentence, i int) bool {
	toks := r.d.toks
	for k := i + 1; k+1 < s.t1 && k-i <= 8; k++ {
		t := &toks[k]
		if r.isPunct(k, ",") {
			n := &toks[k+1]
			return k > i+1 && n.kind == tWord && !strings.HasSuffix(n.low, "ing") && r.x.cues[n.low].lemma != ""
		}
		if t.kind != tWord || t.quote >= 0 || t.low == "that" {
			return false
		}
	}
	return false
}

// claimedActs after "claim" make it an act or a count, not speech
// ("claimed victory" declares a win: speech, as PolNeAR annotates it).
var claimedActs = set("responsibility credit ownership title titles nomination seat seats lives users members followers customers subscribers mantle crown medal medals")

var claimCounts = set("more than less fewer over nearly almost about some million billion thousand hundred early")

// claimedAct reports "claim" at i with an object in claimedActs, after
// determiners, numbers and quantity words: "claimed responsibility", "claimed
// the title", "claimed more than two million users".
func (r *run) claimedAct(s sentence, i int) bool {
	toks := r.d.toks
	for k := i + 1; k < s.t1 && k <= i+6; k++ {
		t := &toks[k]
		if t.kind == tWord && claimedActs[t.low] {
			return true
		}
		if !(t.kind == tNum || t.kind == tWord && !t.cap && (determiners[t.low] || quantities[t.low] || ageWords[t.low] > 0 || possessivePronouns[t.low] || claimCounts[t.low])) {
			return false
		}
	}
	return false
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
	// "called an emergency meeting", "called a snap election": convening
	for k := i + 1; k < s.t1 && k <= i+3; k++ {
		if toks[k].kind != tWord {
			break
		}
		if convened[toks[k].low] && (n.low == "a" || n.low == "an") { // "called the vote a turning point" is speech
			return false
		}
	}
	if i > s.t0 {
		p := &toks[i-1]
		// "a show called …": a noun right before, not a subject
		if p.kind == tWord && !p.cap && pronounGender[p.low] == 0 && !aux[p.low] && !strings.HasSuffix(p.low, "ly") &&
			!(i+2 < s.t1 && appraisedDeterminers[n.low] && toks[i+2].kind == tWord && !toks[i+2].cap) {
			// ("the company called the decision …" has a subject: a
			// name follows a naming "called", a determiner and a common
			// noun follow an appraising one)
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

// verbOnly reports a cue form that is no noun, so a number before it is
// its subject: "four in 10 said", "12 say" (but "12 reports").
func verbOnly(w string) bool {
	switch w {
	case "said", "say", "told", "wrote", "spoke":
		return true
	}
	return strings.HasSuffix(w, "ed")
}

// inFrontedPhrase reports token i, after a noun, inside a prepositional
// phrase that opens sentence s and ends at a comma: "In a video posted
// to Instagram, …", "In a statement released on Monday, …".
func (r *run) inFrontedPhrase(s sentence, i int) bool {
	toks := r.d.toks
	if i < s.t0+2 || !toks[s.t0].cap {
		return false
	}
	if p := &toks[i-1]; p.kind != tWord || p.cap || aux[p.low] || pronounGender[p.low] != 0 || stopBack[p.low] {
		return false
	}
	for k := s.t0 + 1; k < s.t1 && k < s.t0+12; k++ {
		if toks[k].isComma() {
			return i < k && r.frontedAdverbial(s.t0, k)
		}
	}
	return false
}

// passiveModifier reports the -ed form at i modifying the noun before it,
// with its agent after "by": "a plan announced on Monday by the
// transport authority", "the figures released by the ministry" (not
// "officials announced by email", a subject without its article).
func (r *run) passiveModifier(s sentence, i int) bool {
	toks := r.d.toks
	if i < s.t0+2 {
		return false
	}
	n := &toks[i-1]
	if n.kind != tWord || n.cap || aux[n.low] || stopBack[n.low] || personNouns[n.low] || pronounGender[n.low] != 0 {
		return false
	}
	if !(determiners[toks[i-2].low] || toks[i-2].kind == tWord && !toks[i-2].cap && i >= s.t0+3 && determiners[toks[i-3].low]) {
		return false
	}
	for k := i + 1; k < s.t1 && k <= i+5; k++ {
		if toks[k].kind != tWord || toks[k].quote >= 0 || toks[k].low == "that" {
			return false
		}
		if toks[k].low == "by" {
			return true
		}
	}
	return false
}

// thatAfter reports a that-clause right after token i, or after a short
// phrase naming where it was said or an aside: "posted that …", "posted
// on Instagram that …", "wrote on his blog that …", "warned, however,
// that …".
func (r *run) thatAfter(s sentence, i int) bool {
	toks := r.d.toks
	if i+1 < s.t1 && toks[i+1].low == "that" {
		return true
	}
	if i+4 < s.t1 && r.isPunct(i+1, ",") && (speakerAdverbs[toks[i+2].low] || toks[i+2].low == "though") && r.isPunct(i+3, ",") && toks[i+4].low == "that" {
		return true // "cautioned, however, that …"
	}
	if i+3 >= s.t1 || toks[i+1].low != "on" && toks[i+1].low != "to" && toks[i+1].low != "in" {
		return false
	}
	for k := i + 2; k < s.t1 && k <= i+5; k++ {
		if toks[k].low == "that" {
			// ("counter to all that is …": "that" is a pronoun there)
			return k > i+2 && !quantities[toks[k-1].low] && !determiners[toks[k-1].low]
		}
		if toks[k].kind != tWord || toks[k].quote >= 0 {
			return false
		}
	}
	return false
}
