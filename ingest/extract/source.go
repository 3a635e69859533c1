// Stage 3, source phrases: the words naming who spoke, on either side of a
// cue ("Kirby, a spokesman for the Pentagon,", "said the minister").

package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/whosaid/whosaid/graph"
)

// phrase is a source phrase: the words naming who spoke.
type phrase struct {
	t0, t1   int // whole phrase
	pronoun  bool
	coords   [][2]int // coordinated phrases ("A, B and C"), each [t0,t1)
	appos    [2]int   // apposition tokens, if any
	relative bool     // "who" standing for the phrase before it
	// lead is where the source block starts when a description precedes
	// the name ("the coach, Ines Berg,"): content ends before it
	lead    int
	hasLead bool
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
	loose := 0   // unknown words accepted before a plural head
	skipped := 0 // tokens of an acronym in parentheses, not counted
	for j := end; j >= lo && end-j-skipped < 12; j-- {
		t := &toks[j]
		if t.quote >= 0 || t.kind == tQuote || t.kind == tPara {
			break
		}
		if t.kind == tPunct {
			if t.low == "-" && j > lo && toks[j-1].e == t.s {
				continue
			}
			if t.low == ")" && start == j+1 && toks[start].cap && j-3 >= lo && toks[j-1].kind == tWord && isUpperWord(r.text(j-1, j)) && r.isPunct(j-2, "(") && toks[j-3].kind == tWord && toks[j-3].cap {
				// "Bangalore Metro Rail Corporation Limited (BMRCL)
				// Managing Director X": an organisation's acronym inside
				// the phrase
				j -= 2
				skipped += 3
				continue
			}
			if t.low == "&" && start == j+1 && toks[start].cap && j > lo && toks[j-1].kind == tWord && toks[j-1].cap {
				continue // "Marks & Spencer Group said": one name
			}
			if t.low == "%" && j == end && j > lo && toks[j-1].kind == tNum {
				start, head = j, true // "42% say"
				continue
			}
			break
		}
		if t.kind == tNum {
			if start >= 0 && !toks[start].cap || j == end { // not the time stamp in "10:02 Police say"
				start, head = j, true // "9 percent say", "4 in 10 say"
				continue
			}
			break
		}
		low := t.low
		if j == end && (quantities[low] || low == "another" || low == "each") {
			start, head = j, true // "most say", "many said", "another said"
			continue
		}
		if determiners[low] {
			if start >= 0 || j == end {
				if j == end || low == "that" && toks[start].cap {
					break // "adding that Grayson said": a conjunction before a name
				}
				start = j
			}
			break
		}
		if t.cap && (!dropCapitalised[low] || months[low] && j > lo && toks[j-1].kind == tWord && toks[j-1].cap && !dropCapitalised[toks[j-1].low]) {
			start, head = j, true // "Theresa May", "Brian May": a month as a surname
			continue
		}
		if t.cap && start == j+1 && toks[j+1].cap && bareHonorifics[low] {
			start = j // "Ms Kendall said": a title without its full stop, as British papers write it
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
			} else if k >= lo && toks[k].kind == tQuote && toks[start].cap && j == start-1 && j-k <= 2 && r.roleWords(k+1, start) {
				// "“…,” passenger Marit Olsen said": role words between the
				// quote and the name
				start = k + 1
			} else if k >= lo && r.isPunct(k, ",") && !toks[start].cap && titleWords[toks[start].low] && j == start-1 && j-k <= 2 && !strings.HasSuffix(toks[j].low, "ly") {
				start = k + 1 // "…, fire chief Maria Costa said": a compound title after the comma
			} else if k-1 >= lo && k+1 < end && toks[k].low == "of" && isPossessive(toks[k+1].low) && (personNouns[toks[k-1].low] || titleWords[toks[k-1].low]) {
				if st, ok := r.npBack(k-1, lo); ok {
					start = st // "the secretary of state's office": the possessor has an "of"
				}
			}
			break
		}
		// an unknown lower-case word: accepted only when a determiner
		// or a capitalised word precedes it within the phrase
		if j == end {
			// the head itself: "the gambling tycoon", "the Lambton plant"
			k := j - 1
			for k >= lo && end-k < 5 && toks[k].kind == tWord && !stopBack[toks[k].low] && !aux[toks[k].low] && (!toks[k].cap || k > lo && (toks[k-1].low == "the" || toks[k-1].low == "a" || toks[k-1].low == "an")) {
				if determiners[toks[k].low] {
					break
				}
				k--
			}
			if k >= lo && toks[k].kind == tWord && determiners[toks[k].low] && toks[k].low != "that" {
				start, head = k, true
			} else if c, ok := r.placeBefore(k, lo); ok && (personNouns[low] || orgNouns[low] || collectives[low]) {
				start, head = c, true // "The Saudi delegation", "Saudi Arabia's delegation"
			}
			break
		}
		break
	}
	if start >= 0 && head && start-2 >= lo && (ppInNP[toks[start-1].low] || wherePreps[toks[start-1].low] && personNouns[toks[start-2].low]) && toks[start-1].kind == tWord {
		// ("Visitors to Central Park said", "residents near the plant said")
		// "GOP leaders on the ground said", "officials in Washington said"
		if st, ok := r.npBack(start-2, lo); ok {
			h := &toks[start-2]
			if personNouns[h.low] || titleWords[h.low] || orgNouns[h.low] || orgNouns[strings.TrimSuffix(strings.ToLower(h.low), "s")] && pluralLike(strings.ToLower(h.low)) || !h.cap && pluralLike(h.low) && (toks[start-1].low == "for" || toks[start-1].low == "of") {
				// ("Hospitals in the city reported": the hospitals)
				return st, true // "attorneys for the family said"
			}
			// "Mr. Morgan of the Sierra Club said": a name and its
			// organisation
			if h.cap && !dropCapitalised[h.low] && (toks[start-1].low == "of" || toks[start-1].low == "at") && r.hasName(start, end+1) && toks[end].cap {
				return st, true
			}
			// "The Rijksmuseum Twenthe in Enschede, which …, said": a name
			// and the place it is in
			if h.cap && !dropCapitalised[h.low] && toks[start-1].low == "in" && r.placeName(start, end+1) {
				return st, true
			}
		}
	}
	if start >= 0 && head && start-3 >= lo && objectAfter[toks[start-1].low] && closeWords[toks[start-2].low] {
		// "a source close to the singer said": the source is before
		if st, ok := r.npBack(start-3, lo); ok && (personNouns[toks[start-3].low] || titleWords[toks[start-3].low]) {
			return st, true
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

// hasGiven reports a given name among the capitalised tokens of [a, b):
// "Peter T. King" is a name though "king" is a title.
func (r *run) hasGiven(a, b int) bool {
	for k := max(a, b-4); k < b; k++ {
		if t := &r.d.toks[k]; t.cap && r.givenName(t.low) && !titleWords[t.low] {
			return true
		}
	}
	return false
}

// roleWords reports lower-case words [a, b) that can stand as a role
// before a name: no cue ("said Beck"), no adverb, no auxiliary.
func (r *run) roleWords(a, b int) bool {
	for k := a; k < b; k++ {
		low := r.d.toks[k].low
		if r.x.cues[low].lemma != "" || aux[low] || strings.HasSuffix(low, "ly") || stopBack[low] {
			return false
		}
	}
	return true
}

// objectAfter are the prepositions of "close to", "familiar with"; after
// them a pronoun is an object, not a subject.
var objectAfter = set("to with on about")

// closeWords put a source in relation to someone: "a source close to her".
var closeWords = set("close familiar briefed knowledgeable")

// placeBefore reads, ending at token k, a nationality or a place's
// possessive ("Saudi", "Saudi Arabia's") with the determiner before it,
// if any, and returns where that starts.
func (r *run) placeBefore(k, lo int) (int, bool) {
	toks := r.d.toks
	if k < lo || toks[k].kind != tWord || !toks[k].cap {
		return 0, false
	}
	c := k
	for c > lo && k-c < 3 && toks[c-1].kind == tWord && toks[c-1].cap && !dropCapitalised[toks[c-1].low] {
		c--
	}
	text := r.text(c, k+1)
	if isPossessive(toks[k].low) {
		if _, ok := r.lookupPlace(stripPossessive(text)); !ok {
			return 0, false
		}
	} else if _, ok := r.demonym(text); !ok {
		return 0, false
	}
	if c > lo && toks[c-1].kind == tWord && determiners[toks[c-1].low] && toks[c-1].low != "that" {
		c--
	}
	return c, true
}

// bareHonorifics are the titles written without a full stop ("Mr Burgon",
// "Ms Kendall"), which dropCapitalised otherwise keeps out of names.
var bareHonorifics = set("mr mrs ms dr")

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
			if t.kind == tNum && j == i+1 && determiners[toks[i].low] && j+1 < hi && toks[j+1].kind == tWord {
				j++ // a year or an ordinal as a modifier: "a 2008 Clinton veteran"
				continue
			}
			if t.kind == tNum && j == i {
				// "said 9/11 widow Terry Strada", "said 2016 nominee Ana
				// Ruiz": a date as the role's modifier
				k := j + 1
				for k < hi && k-j < 5 && toks[k].s == toks[k-1].e && (toks[k].kind == tNum || r.isPunct(k, "/", "-")) {
					k++
				}
				if k+1 < hi && toks[k].kind == tWord && !toks[k].cap && (personNouns[toks[k].low] || titleWords[toks[k].low]) && toks[k+1].cap {
					j = k
					continue
				}
			}
			break
		}
		low := t.low
		switch {
		case j == i && partitiveHeads[low] && j+2 < hi && toks[j+1].low == "of":
			// "one of two witnesses", "some of the protesters"
			k := j + 2
			if k < hi && (toks[k].kind == tNum || determiners[toks[k].low] || isPossessive(toks[k].low)) {
				k++
			}
			if e, ok := r.npForward(k, hi); ok {
				return e, true
			}
			e := k
			for e < hi && e-k < 3 && toks[e].kind == tWord && !toks[e].cap && !stopBack[toks[e].low] && !aux[toks[e].low] {
				e++
			}
			if e > k && (e >= hi || toks[e].kind != tWord || relatives[toks[e].low] || rightFollow[toks[e].low]) {
				return e, true
			}
			return 0, false
		case j == i && (pronounGender[low] != 0 || low == "him" || low == "them" || low == "me" || low == "us" || low == "her" && !r.nounNext(j, hi)):
			return j + 1, true
		case (determiners[low] || possessivePronouns[low]) && j == i:
		case t.cap && (j > i || !dropCapitalised[low]):
			head = true
		case (relatives[low] || low == "whose") && !t.cap:
			// "the man who …" ("WHO" capitalised is an organisation)
			if head {
				return j, true
			}
			return 0, false
		case titleWords[low] || personNouns[low] || orgNouns[low]:
			head = true
		case modifiers[low] && (low != "then" || j+1 < hi && (toks[j+1].cap || titleWords[toks[j+1].low] || personNouns[toks[j+1].low] || modifiers[toks[j+1].low])):
			// ("the then governor", "then Secretary of State Clinton"; not
			// "Politifact then ruled")
		case (low == "for" || low == "of" || low == "at") && head && j > i && (personNouns[toks[j-1].low] || titleWords[toks[j-1].low]) && j+1 < hi && toks[j+1].kind == tWord && (toks[j+1].cap || toks[j+1].low == "the" || isPossessive(toks[j+1].low)):
			// "a former spokesman for Ukraine's Foreign Ministry"
		case nameConnectors[low] && head && j+1 < hi && (toks[j+1].cap || r.d.twoParticles(j, hi)):
			// ("Maria de la Paz": two particles)
		default:
			if head && r.nounAhead(j, hi) {
				// "a former U.S. law enforcement official": lower-case
				// modifiers between a capitalised word and the head noun
				break
			}
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
			if j > i+1 && determiners[low] && (determiners[toks[i].low] || possessivePronouns[toks[i].low]) && !determiners[toks[j-1].low] {
				return j, true // "told the rally the roads could not cope": a second phrase begins
			}
			// "the gambling tycoon": unknown words after a determiner
			if j > i && (determiners[toks[i].low] || possessivePronouns[toks[i].low]) && j-i < 4 && !stopBack[low] && !aux[low] {
				// "the man who built …": a relative clause ends the phrase
				if j+1 < hi && (toks[j+1].kind != tWord || stopBack[toks[j+1].low] || relatives[toks[j+1].low] || toks[j+1].low == "whose") {
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

// placeList reports coordinated phrases that are the places of the first
// one's "in"/"from": "voters in Alabama, Georgia and Virginia".
func (r *run) placeList(coords [][2]int) bool {
	toks := r.d.toks
	for _, c := range coords[1:] {
		if _, ok := r.lookupPlace(r.text(c[0], c[1])); !ok {
			return false
		}
	}
	first := coords[0]
	for k := first[0] + 1; k+1 < first[1]; k++ {
		if (toks[k].low == "in" || toks[k].low == "from") && toks[k+1].cap {
			_, ok := r.lookupPlace(r.text(k+1, first[1]))
			return ok
		}
	}
	return false
}

// pronounPartitive reads "one of them", "some of us", "each of them"
// ending at token e (a determiner before it included) and returns where it
// starts.
func (r *run) pronounPartitive(e, lo int) (int, bool) {
	toks := r.d.toks
	if e-2 < lo || toks[e].kind != tWord || toks[e].low != "them" && toks[e].low != "us" || toks[e-1].low != "of" || toks[e-2].kind != tWord || !partitiveHeads[toks[e-2].low] && !quantities[toks[e-2].low] {
		return 0, false
	}
	k := e - 2
	if k-1 >= lo && determiners[toks[k-1].low] {
		k--
	}
	return k, true
}

// isPronounPartitive reports a source that is "one of them", "some of us".
func (r *run) isPronounPartitive(p phrase) bool {
	st, ok := r.pronounPartitive(p.t1-1, p.t0)
	return ok && st == p.t0
}

// partitiveHeads take "of" and a group: "one of the witnesses".
var partitiveHeads = set("one some many several few two three four five each either neither")

// nounAhead reports whether the lower-case words from j (at most three,
// none a function word) end in a person, title or organisation noun.
func (r *run) nounAhead(j, hi int) bool {
	toks := r.d.toks
	for k := j; k < hi && k-j < 3; k++ {
		t := &toks[k]
		if t.kind != tWord || t.cap || stopBack[t.low] || aux[t.low] || relatives[t.low] || determiners[t.low] || possessivePronouns[t.low] || pronounGender[t.low] != 0 {
			return false
		}
		if personNouns[t.low] || titleWords[t.low] || orgNouns[t.low] {
			return true
		}
		if strings.HasSuffix(t.low, "ed") || strings.HasSuffix(t.low, "ing") {
			return false // a verb: "X blamed his rivals"
		}
	}
	return false
}

var possessivePronouns = set("his her their its our my your")

var objectPronouns = set("him her them me us")

// placePreps follow a participle of motion or place: "marching through".
var placePreps = set("through across into along outside inside around near toward towards past by")

// nounNext reports a word after j that "her" would be the possessive of:
// "her message", "her Twitter account" (not "her, said", "her that").
func (r *run) nounNext(j, hi int) bool {
	if j+1 >= hi {
		return false
	}
	n := &r.d.toks[j+1]
	return n.kind == tWord && !stopBack[n.low] && !aux[n.low] && pronounGender[n.low] == 0
}

// preTo are verbs that put a speech verb in the infinitive: "continue to warn".
var preTo = set("continue continues continued continuing began begin begins plan plans planned want wants wanted tried try tries declined refused refuse refuses went going used appeared appears seemed seems seem went expected expects hoped hopes need needs needed decided decides")

// rightFollow may follow an inverted source: ", said Kirby in a statement".
var rightFollow = set("in on at during after before via of to for familiar close involved briefed knowledgeable speaking who whose when while adding saying noting from according this last earlier later today yesterday monday tuesday wednesday thursday friday saturday sunday")

// leftSource finds the source phrase before the cue at c.
// passive reports "was asked": the subject did not speak.
func (r *run) leftSource(s sentence, c cue) (phrase, bool, bool) {
	toks := r.d.toks
	i := c.t0 - 1
	passive := false
	for i >= s.t0 && toks[i].kind == tWord {
		low := toks[i].low
		switch {
		case !toks[i].cap && (aux[low] || len(low) > 4 && strings.HasSuffix(low, "ly") && low != "only" && !personNouns[low] && !orgNouns[low]):
			if passiveAux[low] {
				passive = true
			}
		case low == "long" && i-1 >= s.t0 && (toks[i-1].low == "has" || toks[i-1].low == "have" || toks[i-1].low == "had"):
			// "have long complained that …"
		case dayWord(low):
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
	if k, ok := r.pronounPartitive(i, s.t0); ok {
		// "One of them said", "Some of us said": one or more of a group
		// named before, a description of its own
		return phrase{t0: k, t1: i + 1}, true, false
	}
	if t.kind == tWord && pronounGender[t.low] != 0 && !(i > s.t0 && toks[i-1].kind == tWord && objectAfter[toks[i-1].low] && objectPronouns[t.low]) {
		// (not "a source close to her said": an object, the source is before)
		return phrase{t0: i, t1: i + 1, pronoun: true}, true, false
	}
	if t.kind == tWord && (t.low == "who" || t.low == "which" || t.low == "that" && i > s.t0 && (toks[i-1].cap || personNouns[toks[i-1].low] || orgNouns[toks[i-1].low] || pluralLike(toks[i-1].low))) {
		// "Sanders, who said ..." → the phrase before the relative
		k := i - 1
		if r.isPunct(k, ",") {
			k--
		}
		if k-2 >= s.t0 && toks[k].kind == tNum && len(toks[k].low) <= 3 && r.isPunct(k-1, ",") && toks[k-2].cap {
			k -= 2 // "Jean Porter, 74, who said …": the name before the age
		}
		if k >= s.t0 {
			if st, ok := r.npBack(k, s.t0); ok {
				p := phrase{t0: st, t1: k + 1, relative: true}
				return p, true, false
			}
			if r.bareOne(s, k) {
				return phrase{t0: k, t1: k + 1, relative: true}, true, false
			}
		}
		return phrase{}, false, false
	}
	if r.isPunct(i, "\u2014", "\u2013", "--") {
		// a dashed apposition: "The minister – who spoke on condition of
		// anonymity – said"
		// ("Kall -- co-editor of Debating The Donald, a book on his
		// debates -- said": commas may stand inside the dashes)
		k := i - 1
		for k > s.t0 && i-k < 40 && !r.isPunct(k, "\u2014", "\u2013", "--", ";") && toks[k].kind != tPara && (toks[k].quote < 0 || toks[k].kind == tQuote) {
			k--
		}
		if k > s.t0 && r.isPunct(k, toks[i].low) && k < i-1 {
			if p, ok := r.apposBlock(s, k); ok {
				// "John Dickey, the chief executive of Ora Media -- the
				// company that … -- told": a name and its apposition
				// before the dashes
				p.appos = [2]int{p.t1, i}
				return p, true, false
			}
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
	for w := i - 1; w > s.t0 && i-w < 20; w-- {
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
					if st2, e2, ok2 := r.beforeParticiple(s, st); ok2 {
						// "Police searching for a hiker who went missing
						// … said": the hiker is the participle's object
						return phrase{t0: st2, t1: e2 + 1}, true, false
					}
					return phrase{t0: st, t1: k + 1, relative: true}, true, false
				}
			}
			break
		}
	}
	st, ok := r.partitiveBack(i, s.t0)
	if !ok || st == i && (possessivePronouns[toks[i].low] || objectPronouns[toks[i].low]) {
		return phrase{}, false, false // "Her message ran …": no subject
	}
	// "Protesters marching through the streets chanted": the phrase after a
	// participle and its preposition is where, the subject is before them;
	// so is a name inside the participle's object when the people before
	// it open the sentence ("Investigators examining last month's overrun
	// at Porto Alegre said")
	if st2, e2, ok2 := r.beforeParticiple(s, st); ok2 {
		st, i = st2, e2
	}
	// "emails combed through by Vox suggest": the agent of a participle
	// before the verb is not its subject, what was combed through is
	if k := st - 1; k-1 > s.t0 && toks[k].low == "by" && toks[k].kind == tWord {
		for v := k - 1; v > s.t0 && k-v <= 3; v-- {
			if toks[v].kind != tWord || toks[v].cap {
				break
			}
			if strings.HasSuffix(toks[v].low, "ed") && v-1 >= s.t0 {
				if st2, ok2 := r.npBack(v-1, s.t0); ok2 {
					st, i = st2, v-1
				}
				break
			}
		}
	}
	p := phrase{t0: st, t1: i + 1}
	if r.hasName(st, i+1) && st-2 >= s.t0 && toks[st-1].low == "and" && toks[st-2].cap {
		// "the Ministry of Oceans and Fisheries said", "the Centers for
		// Disease Control and Prevention said": one organisation's name
		// with "and" in it, as findNames registered it
		if a0, one := r.orgAcross(r.nameStartBack(st-2, s.t0), i+1); one {
			return phrase{t0: a0, t1: i + 1}, true, false
		}
	}
	// coordination: "A, B, C and D warned"
	if r.hasName(st, i+1) && st-2 >= s.t0 && toks[st-1].low == "and" {
		coords := [][2]int{{st, i + 1}}
		k := st - 2
		for k >= s.t0 {
			s2, ok := r.npBack(k, s.t0)
			if !ok || !r.hasName(s2, k+1) || r.rolesOnly(s2, k+1) {
				break // ("Co-founder and chief executive Amara Okafor said": two roles of one person)
			}
			if p := s2 - 1; p >= s.t0 && !toks[k].cap && toks[p].kind == tWord && !toks[p].cap && (ppInNP[toks[p].low] || placePreps[toks[p].low] || toks[p].low == "to" || toks[p].low == "about") {
				// "he was copied on the AP's questions and Gates said",
				// "According to the FBI summary, Mills and another aide
				// asked": a preposition's object is no subject
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
			if r.placeList(coords) {
				p.coords = nil // "Most voters in Alabama, Georgia and Virginia said": the voters
			}
			if len(coords) == 2 && r.orgInsidePP(coords[0], coords[1]) {
				p.coords = nil // "The Tax Policy Center at the Urban Institute and Brookings Institution said": the "and" is inside "at …"
			}
			if _, one := r.orgAcross(coords[0][0], coords[1][1]); len(coords) == 2 && one {
				p.coords = nil // "The federal Cybersecurity and Infrastructure Security Agency said": one name
			}
			if r.nameListTail(coords) {
				p.coords = nil // "A spokesperson for the Department for Culture, Media and Sport said": one department
			}
		}
	}
	return p, true, false
}

// rolesOnly reports one word [a,b) that is a singular role word, whatever
// its case: "Co-founder", "Chairman" (not "Republicans", a group).
func (r *run) rolesOnly(a, b int) bool {
	if b-a != 1 {
		return false
	}
	w := strings.ToLower(r.d.toks[a].low)
	return (personNouns[w] || titleWords[w]) && !strings.HasSuffix(w, "s")
}

// nameListTail reports coordinated phrases after the first that are
// single capitalised words, no one's surname, continuing a name made with
// "of" or "for" in the first: "the Department for Culture, Media and
// Sport", "the Ministry of Youth, Culture and Sports".
func (r *run) nameListTail(coords [][2]int) bool {
	toks := r.d.toks
	first := coords[0]
	if first[1]-first[0] < 3 || !toks[first[1]-1].cap {
		return false
	}
	if w := toks[first[1]-2].low; w != "of" && w != "for" {
		return false
	}
	for _, c := range coords[1:] {
		if c[1]-c[0] != 1 || !toks[c[0]].cap {
			return false
		}
		if _, ok := r.byID[entityID(graph.Organisation, r.text(c[0], c[1]))]; ok {
			return false // "the Ministry of Defence, Google and Apple": names of their own
		}
		if e, ok := r.bySurname[stripPossessive(toks[c[0]].low)]; ok && strings.Contains(e.name, " ") {
			return false // the surname of someone named in full
		}
	}
	return true
}

// orgInsidePP reports coordinated phrases a and b where b, a bare
// organisation's name, continues the object of an "at" in a that ends
// with one: "the Tax Policy Center at the Urban Institute and Brookings
// Institution" is one source, not two ("the University of Chicago and
// Northwestern University" are two: names are made with "of").
func (r *run) orgInsidePP(a, b [2]int) bool {
	toks := r.d.toks
	if determiners[toks[b[0]].low] || !orgNouns[stripPossessive(toks[b[1]-1].low)] || !orgNouns[stripPossessive(toks[a[1]-1].low)] {
		return false
	}
	for k := a[0] + 1; k < a[1]-1; k++ {
		if t := &toks[k]; t.kind == tWord && !t.cap && t.low == "at" && r.atHead(a[0], k) {
			return true
		}
	}
	return false
}

// atHead reports words [a,k) before an "at" that name who is there: an
// organisation ("the Centre for Cities at …") or people by their work
// ("researchers at …").
func (r *run) atHead(a, k int) bool {
	toks := r.d.toks
	b := stripPossessive(toks[k-1].low)
	if personNouns[b] || workerNouns[b] || pluralTitle(b) {
		return true
	}
	for j := k - 1; j >= a && (toks[j].cap || nameConnectors[toks[j].low] || toks[j].low == "for"); j-- {
		if toks[j].cap && orgNouns[stripPossessive(toks[j].low)] {
			return true
		}
	}
	return false
}

// nameStartBack walks back from the capitalised word at a (not before
// lo) over the capitalised words of a name and the "of" or "for" inside
// it: "Ministry of Oceans" from "Oceans".
func (r *run) nameStartBack(a, lo int) int {
	toks := r.d.toks
	for a > lo && (toks[a-1].cap || (toks[a-1].low == "of" || toks[a-1].low == "for") && a-2 >= lo && toks[a-2].cap) {
		a--
	}
	return a
}

// orgAcross reports that the capitalised words of [a,b), "and" included,
// are one organisation findNames registered, and where its name starts.
func (r *run) orgAcross(a, b int) (int, bool) {
	for a < b && (!r.d.toks[a].cap || r.d.toks[a].low == "the" || dropCapitalised[r.d.toks[a].low]) {
		a++
	}
	if a >= b {
		return 0, false
	}
	if _, ok := r.byID[entityID(graph.Organisation, stripPossessive(r.text(a, b)))]; ok {
		return a, true
	}
	// "South Korea's Ministry of Oceans and Fisheries": the name after
	// its possessor
	for k := b - 2; k > a; k-- {
		if isPossessive(r.d.toks[k].low) {
			_, ok := r.byID[entityID(graph.Organisation, stripPossessive(r.text(k+1, b)))]
			return k + 1, ok
		}
	}
	return a, false
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
		if toks[st0].kind == tWord && !(stopBack[toks[st0].low] && pronounGender[toks[st0].low] == 0) && !r.leadingAdverb(st0, hi) {
			end, ok := r.npForward(st0, hi)
			for ok && end+1 < hi && toks[end].kind == tWord && !toks[end].cap && !aux[toks[end].low] && !stopBack[toks[end].low] && r.x.cues[toks[end].low].lemma == "" &&
				toks[end+1].cap && r.givenName(toks[end+1].low) && !strings.HasSuffix(toks[end].low, "s") && !verbOnly(toks[end].low) {
				// "Pop star Ava Lund has cancelled": a role noun before a
				// name, not the verb
				if e2, ok2 := r.npForward(end+1, hi); ok2 {
					end = e2
				} else {
					break
				}
			}
			if ok && end < hi && toks[end].kind == tWord && !toks[end].cap && (!stopBack[toks[end].low] || aux[toks[end].low] || adverbialStart[toks[end].low] && end > st0+1) {
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

// leadingAdverb reports words opening a sentence that are no subject: an
// adverb or participle opening a clause ("Hastily politicizing the
// tragedy, X blamed …", "Kicking off the day in Salem, X said"), a time
// adverbial ("Hours later, X told"), an interjection ("Well, X said").
// Names ending the same way are subjects: "Kelly said", "Manning and
// Brady said".
func (r *run) leadingAdverb(i, hi int) bool {
	toks := r.d.toks
	low := toks[i].low
	if interjections[low] && r.isPunct(i+1, ",") {
		return true
	}
	if i+1 >= hi || toks[i+1].kind != tWord || toks[i+1].cap {
		return false
	}
	n := toks[i+1].low
	switch {
	case n == "later" || n == "earlier" || n == "ago":
		return true // "Hours later,", "Days earlier,"
	case len(low) > 4 && strings.HasSuffix(low, "ly"):
		return strings.HasSuffix(n, "ing") || strings.HasSuffix(n, "ed")
	case len(low) > 5 && strings.HasSuffix(low, "ing"):
		return (stopBack[n] || determiners[n] || possessivePronouns[n] || particles[n]) && !clauseStarts[n]
	}
	return false
}

// interjections open a sentence before a comma: "Well, …", "Indeed, …".
var interjections = set("well yes no oh okay ok sure indeed look still now so again then instead meanwhile however")

// skipDateline returns the first token after a dateline ("ORLANDO, Fla.
// (Reuters) - "), or the sentence start.
func (r *run) skipDateline(s sentence) int {
	toks := r.d.toks
	if s.t0+3 < s.t1 && toks[s.t0].kind == tNum && r.isPunct(s.t0+1, ":") && toks[s.t0+2].kind == tNum && toks[s.t0+3].cap &&
		(s.t0 == 0 || toks[s.t0-1].kind == tPara) {
		// "09:12 Thousands of homes …": a live blog's time stamp
		return s.t0 + 3
	}
	for k := s.t0; k < s.t1 && k < s.t0+10; k++ {
		if k+1 < s.t1 && r.isPunct(k, "-", "\u2014", "\u2013", "--") && k > s.t0 && (toks[k].low != "-" || toks[k].s > toks[k-1].e || toks[k+1].s > toks[k].e) {
			// (a hyphen inside a word, "KX-204", is no dateline's dash)
			if r.isPunct(k-1, ")") || isUpperWord(r.text(k-1, k)) || isUpperWord(r.text(s.t0, s.t0+1)) && r.datelineWords(s.t0+1, k) {
				// "VENICE, Italy — …", "KANO, Nigeria, April 2 - …": a
				// place in capitals, then its country and a date
				return k + 1
			}
		}
	}
	if k := s.t0 + 1; k+1 < s.t1 && r.isPunct(k, ":") && toks[k+1].cap && isUpperWord(r.text(s.t0, k)) {
		// "BENGALURU: The second phase …": a dateline with a colon (South
		// Asian style), when the word is a place; a transcript's
		// "SMITH:" is a speaker label
		if _, ok := r.lookupPlace(titleCase(r.text(s.t0, k))); ok {
			return k + 1
		}
	}
	return s.t0
}

// datelineWords reports tokens [a,b) that can follow a dateline's place:
// capitalised words, numbers, commas and full stops ("Italy", "Nigeria,
// April 2", "Ariz.").
func (r *run) datelineWords(a, b int) bool {
	for k := a; k < b; k++ {
		t := &r.d.toks[k]
		if !(t.kind == tWord && t.cap || t.kind == tNum || r.isPunct(k, ",", ".")) {
			return false
		}
	}
	return true
}

// titleCase turns an upper-case word into its title-case spelling.
func titleCase(w string) string {
	_, n := utf8.DecodeRuneInString(w)
	return w[:n] + strings.ToLower(w[n:])
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
	if p, ok := r.apposBlock(s, i); ok {
		return p, true, false
	}
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
		if seg == 0 {
			// "One of the plaintiffs, a 61-year-old former construction
			// worker named Gary Lind, said": the name the description gives
			for m := a0 + 1; m < end-1; m++ {
				if toks[m].kind == tWord && (toks[m].low == "named" || toks[m].low == "called") && !toks[m-1].cap && personNouns[toks[m-1].low] && toks[m+1].cap && r.d.capRun(m+1, end) == end && end-(m+1) <= 3 && r.hasGiven(m+1, end) {
					return phrase{t0: m + 1, t1: end, appos: [2]int{a0, m}}, true, false
				}
			}
		}
		// "His campaign manager, Jeff Weaver, said": a name inside the commas
		b0 := r.afterThe(a0, end) // ("Rao's coach, the grandmaster Viktor Sokolov, said")
		if seg == 0 && toks[b0].kind == tWord && !toks[b0].cap && (personNouns[toks[b0].low] || titleWords[toks[b0].low] || modifiers[toks[b0].low] || strings.HasSuffix(toks[b0].low, "-year-old")) {
			// ("One participant, 71-year-old retired teacher Birgit Lund,
			// said": an age opens the role)
			// "The first witness, accountant Paulo Leme, testified": a
			// role word before the name inside the commas
			// ("former doubles champion Elena Petrova": other lower-case
			// words may stand before the role word that ends the run)
			// ("the poet and novelist Sean Hurley": roles joined by "and")
			n0 := b0
			for n0 < end && n0-b0 < 5 && toks[n0].kind == tWord && !toks[n0].cap && (!stopBack[toks[n0].low] || toks[n0].low == "and" && n0 > b0 && n0+1 < end && !toks[n0+1].cap) && !aux[toks[n0].low] && !determiners[toks[n0].low] {
				n0++
			}
			if n0 > b0 && n0 < end && (personNouns[toks[n0-1].low] || titleWords[toks[n0-1].low] || strings.HasSuffix(toks[n0-1].low, "-year-old")) && toks[n0].cap && r.d.capRun(n0, end) == end && end-n0 >= 2 {
				return phrase{t0: n0, t1: end, appos: [2]int{a0, n0}}, true, false
			}
		}
		kinName := end == a0+1 && k-1 > s.t0 && kinNouns[stripPossessive(toks[k-1].low)] && r.givenName(toks[a0].low)
		if toks[a0].kind == tWord && toks[a0].cap && r.placeSegment(a0, end) && !kinName {
			// "Clinton, during a meeting in Columbus, Ohio, said", "Rubio,
			// whose hometown, Miami, is …, argues": a place closes a
			// location, the speaker is further back
			end = k
			continue
		}
		if seg == 0 && toks[a0].kind == tWord && toks[a0].cap && (!dropCapitalised[toks[a0].low] || titleWords[toks[a0].low] && a0+1 < end && toks[a0+1].cap) {
			e := r.d.capRun(a0, end)
			if e < end && e-a0 >= 2 && toks[e].kind == tWord && (toks[e].low == "of" || toks[e].low == "at" || toks[e].low == "from") && r.hasGiven(a0, e) && r.personLike(phrase{t0: a0, t1: e}) {
				// "Her colleague, Prof Lars Eriksen of the Niels Bohr
				// Institute in Copenhagen, said": the name, then where
				// the person works
				if st, ok := r.npBack(k-1, s.t0); ok && !toks[k-1].cap && (personNouns[toks[k-1].low] || titleWords[toks[k-1].low]) {
					return phrase{t0: a0, t1: e, lead: st, hasLead: true, appos: [2]int{st, k}}, true, false
				}
			}
			if e == end && k-2 > s.t0 && !toks[k-1].cap && personNouns[toks[k-1].low] && possessivePronouns[toks[k-2].low] {
				// "Raman, who founded Quillstone with her husband, Arjun
				// Mehta, said": the name belongs to the relative clause
				// about the subject
				if h, ok := r.relativeHead(s, k-2); ok {
					return h, true, false
				}
			}
			if e == end || e < end && r.isPunct(e, "(") {
				// ("The Work and Pensions Secretary, Liz Kendall, said": a
				// capitalised title before the commas is her role, no name)
				capTitle := titleWords[stripPossessive(toks[k-1].low)] && !r.hasGiven(s.t0, k)
				if st, ok := r.npBack(k-1, s.t0); !ok || !toks[k-1].cap || capTitle || !r.hasName(st, k) || st > s.t0 && toks[st-1].kind == tWord && ppInNP[toks[st-1].low] || r.hasPP(st, k) {
					p := phrase{t0: a0, t1: e}
					if ok && (!toks[k-1].cap || capTitle) && (personNouns[toks[k-1].low] || titleWords[toks[k-1].low] || orgNouns[toks[k-1].low] && !documentNouns[toks[k-1].low] && toks[st].low == "the") && (st == s.t0 || r.isPunct(st-1, ",") || r.isCloseQuote(st-1)) {
						// "“…,” the coach, Ines Berg, said": the
						// description is her role, and the source
						// block starts with it
						p.lead, p.hasLead = st, true
						p.appos = [2]int{st, k}
					} else if h, ok := r.titleOfBack(k, s.t0); ok {
						// "The mayor of Leeds, Alan Pryce, said", "The
						// Minister of Finance of Ghana, Ken Ofori-Atta, said":
						// a title of a place or organisation is her role
						p.lead, p.hasLead = h, true
						p.appos = [2]int{h, k}
					}
					return p, true, false
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
		if r.bareOne(s, npEnd) && first == nil {
			// "One, who said she was a nurse in Ohio, wrote": one of the
			// people just mentioned
			return phrase{t0: npEnd, t1: npEnd + 1, appos: [2]int{a0, i}}, true, false
		}
		if st, ok := r.pronounPartitive(npEnd, s.t0); ok && (st == s.t0 || st == r.skipDateline(s)) && first == nil {
			// "One of them, speaking on condition of anonymity, said"
			return phrase{t0: st, t1: npEnd + 1, appos: [2]int{a0, i}}, true, false
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
		if p, ok := r.relativeSubject(s, npEnd); ok {
			// "An engineer who took part in the inspection, speaking on
			// condition of anonymity, said": the subject is the relative
			// clause's antecedent; the clause and the aside are about her
			p.appos = [2]int{p.t1, i}
			return p, true, false
		}
		end = k
	}
	if first != nil {
		return *first, true, false
	}
	return phrase{}, false, false
}

// relativeSubject finds, walking back from token e without crossing a
// comma, a "who" whose antecedent is a person phrase opening the clause:
// "An engineer who took part in that inspection".
func (r *run) relativeSubject(s sentence, e int) (phrase, bool) {
	toks := r.d.toks
	for w := e; w > s.t0 && e-w < 20; w-- {
		t := &toks[w]
		if t.kind != tWord || t.quote >= 0 {
			return phrase{}, false
		}
		if t.low != "who" {
			continue
		}
		st, ok := r.npBack(w-1, s.t0)
		if !ok || !(personNouns[toks[w-1].low] || toks[w-1].cap) || st != r.skipDateline(s) && !r.isPunct(st-1, ",") || strings.HasSuffix(toks[st].low, "ing") {
			return phrase{}, false
		}
		return phrase{t0: st, t1: w}, true
	}
	return phrase{}, false
}

// apposBlock reads a source block forwards, from where it starts (after
// the quote it attributes, or at the clause's start) to the comma at i
// before the cue: a name, then only appositions ("“…,” Ana Ruiz, 54, a
// retired nurse in Tucson, Ariz., said"; "Rep. Dana Ortiz, D-Calif.,
// says"; "Sen. X (R-Ohio), a member of the panel, said"). Walking back
// from the cue one comma at a time reads the place in the last
// apposition as the speaker; reading forwards, the head is known first.
// Anything that is not an apposition (a second name: "A, B and C said")
// leaves the block to the backward reading.
func (r *run) apposBlock(s sentence, i int) (phrase, bool) {
	toks := r.d.toks
	b := i - 1
	for b > s.t0 && i-b < 40 && toks[b].kind != tQuote && toks[b].quote < 0 && toks[b].kind != tPara {
		b--
	}
	if b < s.t0 || i-b >= 40 || toks[b].quote >= 0 && toks[b].kind != tQuote || toks[b].kind == tPara {
		return phrase{}, false
	}
	if toks[b].kind == tQuote || b > s.t0 {
		b++
	} else if d := r.skipDateline(s); d > b {
		b = d
	}
	// the comma-separated segments of [b, i), parentheses kept whole
	var cuts []int
	depth := 0
	for k := b; k < i; k++ {
		switch {
		case r.isPunct(k, "("):
			depth++
		case r.isPunct(k, ")"):
			depth--
		case depth == 0 && r.isPunct(k, ","):
			cuts = append(cuts, k)
		}
	}
	cuts = append(cuts, i)
	// the head may start at any segment: "In Tucson on Monday, Ana Ruiz,
	// 54, said" has an adverbial first
	for h := 0; h+1 < len(cuts) || h == 0 && r.isPunct(i-1, ")"); h++ {
		h0 := b
		if h > 0 {
			h0 = cuts[h-1] + 1
		}
		h1 := cuts[h]
		hEnd := h1
		if r.isPunct(hEnd-1, ")") {
			for hEnd > h0 && !r.isPunct(hEnd-1, "(") {
				hEnd--
			}
			hEnd--
		}
		if hEnd <= h0 || !toks[h0].cap || toks[h0].kind != tWord {
			continue
		}
		if h+1 < len(cuts) && partitiveHeads[toks[h0].low] && h0+1 < hEnd && toks[h0+1].low == "of" {
			continue // "One of them, retired teacher Gloria Ames, 68, said": the apposition names her
		}
		if e, ok := r.npForward(h0, hEnd); !ok || e != hEnd || !r.hasName(h0, hEnd) {
			continue
		}
		all := true
		for g := h + 1; g < len(cuts); g++ {
			if !r.apposSegment(cuts[g-1]+1, cuts[g]) {
				all = false
				break
			}
		}
		if !all {
			return phrase{}, false
		}
		if h+2 == len(cuts) && !toks[hEnd-1].cap && (personNouns[toks[hEnd-1].low] || titleWords[toks[hEnd-1].low]) {
			// "Okafor's coach, former doubles champion Elena Petrova,
			// said": the possessor named the head; the apposition names
			// the speaker, after its role words
			// ("Rao's coach, the grandmaster Viktor Sokolov, said")
			a0, a1 := cuts[h]+1, cuts[h+1]
			b0 := r.afterThe(a0, a1)
			n0 := b0
			for n0 < a1 && n0-b0 < 4 && toks[n0].kind == tWord && !toks[n0].cap && !stopBack[toks[n0].low] && !aux[toks[n0].low] && !determiners[toks[n0].low] {
				n0++
			}
			// ("Baptiste's father, Patrick, said": a relative's given name alone)
			single := a1-n0 == 1 && n0 == a0 && kinNouns[stripPossessive(toks[hEnd-1].low)] && r.givenName(toks[n0].low)
			if n0 < a1 && toks[n0].cap && r.d.capRun(n0, a1) == a1 && (a1-n0 >= 2 || single) && (n0 == a0 || n0 > b0 && (personNouns[toks[n0-1].low] || titleWords[toks[n0-1].low])) {
				return phrase{t0: n0, t1: a1, lead: h0, hasLead: true, appos: [2]int{h0, hEnd}}, true
			}
		}
		p := phrase{t0: h0, t1: hEnd}
		if h+1 < len(cuts) {
			p.appos = [2]int{cuts[h] + 1, i}
		}
		return p, true
	}
	return phrase{}, false
}

// placeName reports tokens [a,b) that are one known place's name: "Enschede".
func (r *run) placeName(a, b int) bool {
	if a >= b || !r.d.toks[a].cap || r.d.capRun(a, b) != b {
		return false
	}
	_, ok := r.lookupPlace(r.text(a, b))
	return ok
}

// afterThe skips a "the" at a before a lower-case word inside [a,end):
// the role words of "the grandmaster Viktor Sokolov" start after it.
func (r *run) afterThe(a, end int) int {
	toks := r.d.toks
	if toks[a].low == "the" && a+1 < end && toks[a+1].kind == tWord && !toks[a+1].cap {
		return a + 1
	}
	return a
}

// kinNouns name someone by their tie to another person: "Baptiste's
// father, Patrick", "her husband, Rui".
var kinNouns = set("father mother son daughter brother sister husband wife partner uncle aunt grandfather grandmother grandson granddaughter cousin nephew niece widow widower fiance fiancee")

// relativeHead finds, before token k, a relative clause opened by ",
// who" after a name, and returns that name: "Raman, who founded …".
func (r *run) relativeHead(s sentence, k int) (phrase, bool) {
	toks := r.d.toks
	for w := k; w > s.t0+1 && k-w < 20; w-- {
		t := &toks[w]
		if t.quote >= 0 || t.kind == tPara || r.isPunct(w, ";") {
			break
		}
		if t.kind == tWord && t.low == "who" {
			if !r.isPunct(w-1, ",") {
				break
			}
			if st, ok := r.npBack(w-2, s.t0); ok && r.hasName(st, w-1) && toks[w-2].cap {
				return phrase{t0: st, t1: w - 1, appos: [2]int{w, k}}, true
			}
			break
		}
	}
	return phrase{}, false
}

// bareOne reports "One" or "Another" opening sentence s at k before a
// comma: one of the people the text just named, as a source.
func (r *run) bareOne(s sentence, k int) bool {
	t := &r.d.toks[k]
	return t.kind == tWord && (t.low == "one" || t.low == "another") && k == r.skipDateline(s) && r.isPunct(k+1, ",")
}

// apposSegment reports a segment [a, e) between commas that can only be
// an apposition of the name before it: an age ("54"), a description ("a
// retired nurse", "the head of the union", "chairman of the board"), a
// relative clause ("who lost in 2012"), a party and state ("D-Calif.",
// "R-NY") or a place ("Ariz.", "Tucson").
func (r *run) apposSegment(a, e int) bool {
	toks := r.d.toks
	if a >= e || e-a > 25 {
		return false
	}
	t := &toks[a]
	switch {
	case t.kind == tNum:
		return e == a+1 && len(t.low) <= 3 // an age
	case t.kind != tWord:
		return false
	case !t.cap:
		return determiners[t.low] && !possessivePronouns[t.low] || personNouns[t.low] || titleWords[t.low] || modifiers[t.low] || t.low == "who" || t.low == "whose" || t.low == "now" || t.low == "himself" || t.low == "herself"
	}
	w := r.text(a, e)
	if len(w) >= 3 && len(w) <= 12 && strings.IndexByte("RDI", w[0]) >= 0 && w[1] == '-' {
		return true // "R-Texas", "D-Calif."
	}
	if r.placeSegment(a, e) {
		return true
	}
	if (e == a+1 || e == a+2 && r.isPunct(a+1, ".")) && len(w) <= 6 && a >= 2 && toks[a-2].cap {
		return true // a state's abbreviation after a town: "Tucson, Ariz."
	}
	return titleWords[t.low] && e > a+1 && !toks[a+1].cap // "President of the union"
}

// placeSegment reports a segment [a0,end) that is a place name alone:
// "Ohio", "N.C.".
func (r *run) placeSegment(a0, end int) bool {
	if e := r.d.capRun(a0, end); e != end {
		return false
	}
	if _, ok := r.lookupPlace(r.text(a0, end)); ok {
		return true
	}
	// a state's abbreviation after a town: "in Wilmington, N.C.,"
	w := r.d.toks[a0].low
	return end == a0+1 && strings.HasSuffix(w, ".") && len(w) <= 6 && a0 >= 2 && r.isPunct(a0-1, ",") && r.d.toks[a0-2].cap
}

// particles follow a phrasal verb: "kicking off", "setting out".
var particles = set("off up out down back over away")

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
	if p.t1 == p.t0+1 && r.isDemonymLike(last.low) {
		return false // "Republican claims": an adjective and a noun
	}
	if h := strings.LastIndexByte(last.low, '-'); h > 0 && (strings.HasSuffix(last.low, "ed") || strings.HasSuffix(last.low, "run")) {
		return false // "GOP-dominated state", "Kremlin-backed"
	}
	return r.contentStartOK(c.t1)
}

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
	if !c.info.inverts || c.t1 >= s.t1 || toks[c.t1].low == "that" {
		return phrase{}, false // (", wrote that her savings …": a that-clause, no source)
	}
	p := c.t0 - 1
	if p >= s.t0 && !(r.isPunct(p, ",", "\u2014", "\u2013", "--", ":") || r.isCloseQuote(p)) {
		return phrase{}, false
	}
	end, ok := r.npForward(c.t1, s.t1)
	if ph, rok := r.roleThenName(c.t1, s.t1); rok && (!ok || ph.t1 > end) {
		return ph, true
	}
	if !ok {
		return phrase{}, false
	}
	ph := phrase{t0: c.t1, t1: end}
	if n0, n1, ok := r.givenNameAfter(end, s.t1); ok && !toks[end-1].cap {
		// ", said a rescue worker who gave only his first name, Mehmet.":
		// the name he gave
		return phrase{t0: n0, t1: n1, appos: [2]int{c.t1, n0}}, true
	}
	if end+1 < s.t1 && !toks[end-1].cap && (personNouns[toks[end-1].low] || titleWords[toks[end-1].low]) && toks[end].kind == tWord && ppInNP[toks[end].low] {
		// ", said Civica's director of research, Helen Ashby.": the role's
		// complement, then the name
		k := end + 1
		for k < s.t1 && k-end < 7 && toks[k].kind == tWord {
			k++
		}
		if k+1 < s.t1 && r.isPunct(k, ",") && toks[k+1].cap && toks[k+1].kind == tWord {
			if e := r.d.capRun(k+1, s.t1); e-(k+1) >= 2 && (e >= s.t1 || toks[e].kind != tWord) {
				return phrase{t0: k + 1, t1: e, appos: [2]int{c.t1, k}}, true
			}
		}
	}
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

// givenNameAfter reads, after a description ending before i, the name
// its bearer gave: "who gave only his first name, Mehmet", "who gave her
// name as Ana", "identified only as Rui".
func (r *run) givenNameAfter(i, hi int) (int, int, bool) {
	toks := r.d.toks
	k := i
	word := func(w ...string) bool {
		if k < hi && toks[k].kind == tWord {
			for _, x := range w {
				if toks[k].low == x {
					k++
					return true
				}
			}
		}
		return false
	}
	switch {
	case word("who"):
		if !word("gave") && !word("gives") {
			return 0, 0, false
		}
		word("only")
		if !word("his", "her", "their") {
			return 0, 0, false
		}
		word("first", "last", "full")
		if !word("name") || !word("as") && !(k < hi && r.isPunct(k, ",") && func() bool { k++; return true }()) {
			return 0, 0, false
		}
	case word("identified"):
		word("only")
		if !word("as") {
			return 0, 0, false
		}
	default:
		return 0, 0, false
	}
	if k >= hi || toks[k].kind != tWord || !toks[k].cap {
		return 0, 0, false
	}
	e := r.d.capRun(k, hi)
	return k, e, e-k <= 2
}

// roleThenName reads an inverted source that is a role without a title
// word before a full name: ", said Republican party boss Jo Park.", ", said
// master of ceremonies Asab Tal.". The name is the speaker, the words
// before it the role. The name has two capitalised words at least and
// ends the phrase (punctuation or a word that may follow a source).
func (r *run) roleThenName(i, hi int) (phrase, bool) {
	toks := r.d.toks
	for k := i; k < hi && k-i <= 5; k++ {
		t := &toks[k]
		if t.kind != tWord || aux[t.low] || relatives[t.low] || pronounGender[t.low] != 0 {
			return phrase{}, false
		}
		if stopBack[t.low] && !(t.low == "of" && k > i && k+1 < hi && !toks[k+1].cap) {
			return phrase{}, false
		}
		if k == i || !t.cap || toks[k-1].cap {
			continue
		}
		e := r.d.capRun(k, hi)
		if e-k < 2 || e-k > 4 {
			continue
		}
		if e < hi && toks[e].kind == tWord && !rightFollow[toks[e].low] {
			return phrase{}, false
		}
		if e0 := r.d.capRun(i, hi); toks[i].cap && e0 >= i+2 && e0 < k && (toks[e0].low == "of" || toks[e0].low == "at" || toks[e0].low == "from") && r.givenName(toks[i].low) {
			// "said Luis Pardo of the Sierra Club": a person's name and
			// their organisation, not a role before a name
			return phrase{}, false
		}
		return phrase{t0: k, t1: e, appos: [2]int{i, k}}, true
	}
	return phrase{}, false
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

// titleOfBack finds, before the comma at k, a description that is a title
// of something named ("the mayor of Leeds", "The Minister of Finance of
// Ghana") opening the segment at t0 or following a comma or a quote, and
// returns where it starts.
func (r *run) titleOfBack(k, t0 int) (int, bool) {
	toks := r.d.toks
	for h := k - 1; h >= t0 && k-h < 10; h-- {
		t := &toks[h]
		if t.kind != tWord {
			return 0, false
		}
		if h+2 < k && toks[h+1].low == "of" && toks[h+2].cap && (titleWords[t.low] || personNouns[t.low]) {
			st := h
			for st > t0 && toks[st-1].kind == tWord && (determiners[toks[st-1].low] || modifiers[toks[st-1].low] || titleWords[toks[st-1].low]) {
				st--
			}
			return st, st == t0 || r.isPunct(st-1, ",") || r.isCloseQuote(st-1)
		}
		if !t.cap && !titleConnectors[t.low] {
			return 0, false // "a visit to the mayor of Leeds, …": not a description of its own
		}
	}
	return 0, false
}

// titleConnectors join the words of what a title is of: "Minister of
// Finance of Ghana", "Secretary for Work and Pensions".
var titleConnectors = set("of for the and")

// beforeParticiple finds, for a noun phrase starting at st, the subject
// before a participle whose object (or the object of its preposition) the
// phrase is: "Protesters marching through the streets chanted", and the
// people opening the sentence before a participle with a name in its
// object ("Investigators examining last month's overrun at Porto Alegre
// said"). It returns the subject's first and last tokens.
func (r *run) beforeParticiple(s sentence, st int) (int, int, bool) {
	toks := r.d.toks
	k := st - 1
	if k-1 <= s.t0 || toks[k].kind != tWord {
		return 0, 0, false
	}
	prep := ppInNP[toks[k].low] || placePreps[toks[k].low]
	v := k
	if prep {
		v--
	}
	for ; v > s.t0 && k-v <= 8; v-- {
		t := &toks[v]
		if t.kind != tWord || t.cap || t.quote >= 0 || aux[t.low] || t.low == "who" || t.low == "which" || t.low == "that" {
			return 0, 0, false
		}
		if !strings.HasSuffix(t.low, "ing") || dayParts[t.low] {
			continue
		}
		if st2, ok2 := r.npBack(v-1, s.t0); ok2 && (personNouns[toks[v-1].low] || toks[v-1].cap || pluralLike(toks[v-1].low)) && (prep && v == k-1 || st2 == r.skipDateline(s) && (!toks[v-1].cap || v-1 == st2)) {
			return st2, v - 1, true
		}
		return 0, 0, false
	}
	return 0, 0, false
}
