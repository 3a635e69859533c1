package extract

import (
	"strings"

	"github.com/whosaid/whosaid/graph"
)

func isPossessive(low string) bool {
	return strings.HasSuffix(low, "'s") || strings.HasSuffix(low, "\u2019s") || strings.HasSuffix(low, "s'") || strings.HasSuffix(low, "s\u2019")
}

func stripPossessive(s string) string {
	if strings.HasSuffix(s, "s'") {
		return s[:len(s)-1]
	}
	if strings.HasSuffix(s, "s\u2019") {
		return s[:len(s)-3]
	}
	if strings.HasSuffix(s, "'s") {
		return s[:len(s)-2]
	}
	if strings.HasSuffix(s, "\u2019s") {
		return s[:len(s)-4]
	}
	return s
}

var nameConnectors = set("of de del der van von bin al la le da di du dos della dello delle degli dei dela delos los las den das ibn")

// twoParticles reports two lower-case name particles at j and j+1
// before a capitalised word, below hi: "de la Paz", "van der Berg" (not
// "of", which joins names of organisations one at a time).
func (d *doc) twoParticles(j, hi int) bool {
	toks := d.toks
	if j+2 >= hi {
		return false
	}
	a, b, c := &toks[j], &toks[j+1], &toks[j+2]
	return a.kind == tWord && b.kind == tWord && !a.cap && !b.cap && a.low != "of" && b.low != "of" && nameConnectors[a.low] && nameConnectors[b.low] && c.kind == tWord && c.cap
}

// capRun returns the end of the capitalised run starting at i (< t1).
func (d *doc) capRun(i, t1 int) int {
	toks := d.toks
	j := i
	for j < t1 {
		t := &toks[j]
		if t.kind == tWord && t.cap {
			j++
			if isPossessive(t.low) {
				break
			}
			continue
		}
		if t.kind == tWord && j > i && nameConnectors[t.low] && j+1 < t1 && toks[j+1].kind == tWord && toks[j+1].cap && !titleWords[toks[j+1].low] && !(t.low == "of" && j == i+1 && thingPartitives[toks[i].low]) {
			// "Part of Achterberg's talk" is no name: stop before "of"
			j++
			continue
		}
		if j > i && d.twoParticles(j, t1) && !titleWords[toks[j+2].low] {
			j += 2 // "Maria de la Paz", "Ruud van der Berg"
			continue
		}
		if t.kind == tPunct && t.low == "&" && j > i && j+1 < t1 && toks[j+1].kind == tWord && toks[j+1].cap && !isPossessive(toks[j-1].low) && t.s > toks[j-1].e && toks[j+1].s > t.e {
			// "Fenwick & Co", "Procter & Gamble": one name ("Q&A" is no
			// name: the ampersand stands between spaces)
			j++
			continue
		}
		if t.kind == tPunct && t.low == "-" && j > i && j+1 < t1 && toks[j+1].cap && toks[j].s == toks[j-1].e {
			j++
			continue
		}
		break
	}
	return j
}

// findNames registers the people, organisations and places named in the
// text, with titles and roles, so that later surnames and descriptions can
// be resolved.
// Two passes: people named in full first, so that a surname met before
// the full name ("Clinton … Hillary Clinton") is the person, not a town
// of that name; then everything else.
func (r *run) findNames() {
	d := r.d
	for pass := 0; pass < 2; pass++ {
		r.peopleOnly = pass == 0
		for si, s := range d.sents {
			if r.cancelled(si) {
				return
			}
			if r.skip[si] {
				continue
			}
			i := s.t0
			for i < s.t1 {
				t := &d.toks[i]
				if t.kind != tWord || !t.cap {
					i++
					continue
				}
				j := d.capRun(i, s.t1)
				if j < s.t1 && isPossessive(d.toks[j-1].low) && d.toks[j].kind == tWord && d.toks[j].cap {
					// "St Brigid's University Hospital": one organisation
					if k := d.capRun(j, s.t1); orgNouns[stripPossessive(d.toks[k-1].low)] {
						j = k
					}
				}
				if j+1 < s.t1 && r.text(j, j+1) == "and" && d.toks[j+1].kind == tWord && d.toks[j+1].cap {
					if k := d.capRun(j+1, s.t1); r.oneNameWithAnd(i, j, k) {
						j = k
					}
				}
				r.nameRun(i, j, i == s.t0 || d.toks[i-1].kind == tQuote && i-1 == s.t0)
				i = j
			}
		}
	}
	r.peopleOnly = false
}

// oneNameWithAnd reports capitalised runs [i,j) and [j+1,k) around "and"
// that are one organisation's name: one unknown word and a name ending in
// an organisation noun ("Cybersecurity and Infrastructure Security
// Agency", "Procter and Gamble Co"), or a name after what it is of
// ("Department of Housing and Urban Development"). Not two names that
// stand on their own: places, people, an organisation of its own
// ("the University of Lagos and Lagos State University").
func (r *run) oneNameWithAnd(i, j, k int) bool {
	toks := r.d.toks
	if k-j < 2 || isPossessive(toks[j-1].low) {
		return false
	}
	for i < j && dropCapitalised[toks[i].low] {
		i++ // "The Ministry of Oceans and Fisheries": nameRun drops "The"
	}
	second := r.text(j+1, k)
	if _, ok := r.lookupPlace(stripPossessive(second)); ok {
		return false
	}
	for m := j + 1; m < k; m++ {
		if titleWords[toks[m].low] || r.givenName(toks[m].low) || toks[m].low == "the" {
			return false // "University of Zurich and Gordon Hanson", "CNN and The New York Times"
		}
	}
	last := stripPossessive(toks[k-1].low)
	if j-i == 1 && k-j-1 >= 2 && orgNouns[last] && !documentNouns[last] {
		first := r.text(i, j)
		if isUpperWord(first) {
			return false // "FBI and Justice Department": an acronym is a name of its own
		}
		_, place := r.lookupPlace(first)
		_, known := r.bySurname[toks[i].low]
		return !place && !known && !r.givenName(toks[i].low) && !dropCapitalised[toks[i].low] && !r.isDemonymLike(toks[i].low)
	}
	if of := r.text(i+1, i+2); j-i >= 3 && (orgNouns[toks[i].low] || orgNouns[strings.TrimSuffix(toks[i].low, "s")]) && (of == "of" || of == "for") {
		// ("Centers for Disease Control and Prevention": "for" too)
		if _, place := r.lookupPlace(r.text(i+2, j)); place {
			return false // "University of Pennsylvania and Carnegie Mellon": two universities
		}
		for m := j + 1; m < k; m++ {
			if orgNouns[toks[m].low] {
				return false
			}
		}
		return true
	}
	return false
}

func (r *run) text(t0, t1 int) string {
	if t1 <= t0 {
		return ""
	}
	return r.d.text[r.d.toks[t0].s:r.d.toks[t1-1].e]
}

func (r *run) span(t0, t1 int) graph.Span {
	a, b := r.d.toks[t0].s, r.d.toks[t1-1].e
	return graph.Span{Start: a, End: b, Text: r.d.text[a:b]}
}

// nameSpan is the span of the name tokens without a trailing possessive.
func (r *run) nameSpan(t0, t1 int) graph.Span {
	sp := r.span(t0, t1)
	trim := stripPossessive(sp.Text)
	sp.End -= len(sp.Text) - len(trim)
	sp.Text = trim
	r.touchName(trim)
	return sp
}

// classifyRun decides what the capitalised run [t0,t1) names and registers
// it. It returns the entity (nil when unknown) and the first name token.
// companyNouns describe an organisation by its trade: before a name they
// type it ("chipmaker X"), alone they refer back to it ("the company said").
var companyNouns = set("company firm airline carrier retailer lender bank insurer startup start-up broadcaster publisher manufacturer brewer miner developer operator utility conglomerate supplier distributor automaker carmaker chipmaker drugmaker group club team label studio orchestra ensemble museum theatre theater festival band charity")

// orgDescriptor reports a noun that types the name after it as an
// organisation: the company nouns and any "-maker".
func orgDescriptor(low string) bool {
	return companyNouns[low] && low != "group" && low != "team" && low != "band" && low != "festival" || len(low) > 6 && strings.HasSuffix(low, "maker") || publicationNouns[low]
}

// publicationNouns type the name after them as the outlet it is: "the
// journal Animal Cognition", "the newspaper Le Monde".
var publicationNouns = set("journal journals magazine newspaper newsletter tabloid paper website outlet")

func (r *run) nameRun(t0, t1 int, sentStart bool) {
	toks := r.d.toks
	if q := toks[t0].quote; q >= 0 && r.d.quotes[q].openTok == t0-1 && t1-t0 >= 2 && r.allPunct(t1, r.d.quotes[q].closeTok) {
		// a title in quotes, the whole quote: "The Slow Water", "Latin
		// History for Dummies"; a greeting: “Happy Cinco de Mayo!,”
		return
	}
	if t1-t0 >= 3 && partitiveHeads[toks[t0].low] && toks[t0+1].low == "of" && !toks[t0+1].cap {
		// "One of Trump's advisers", "Some of Clinton's aides": a part of
		// a group, the name after "of" its own run
		r.nameRun(t0+2, t1, false)
		return
	}
	// leading function words ("The", "But") are not part of names
	if t0 > 0 && toks[t0-1].cap && toks[t0-1].kind == tWord && isWeekday(toks[t0-1].low) && t1-t0 >= 2 && !r.gendered(toks[t0].low) {
		return // "Monday Night Football": a programme, no person ("Monday Joe Biden said" keeps Biden)
	}
	for t0 < t1 && (dropCapitalised[toks[t0].low] || strings.HasSuffix(toks[t0].low, "-year-old")) {
		if isWeekday(toks[t0].low) && t0+2 < t1 && !r.gendered(toks[t0+1].low) {
			return
		}
		t0++ // "Eighteen-year-old Chidi Okafor": an age, no part of the name
	}
	if t1-t0 >= 2 && toks[t0].kind == tWord && openingPrepositions[toks[t0].low] && (isUpperWord(r.text(t0+1, t0+2)) || r.knownName(t0+1, t1)) {
		t0++ // "Under EU law", "Despite Germany's objection": a preposition ("Under Armour" stays)
	}
	// a clause opens with a capital too: "Should Mr. Clarke …", "Having
	// Dana Ruiz …", "Say Mexico …", "Notably Ruiz …"
	if sentStart && t1-t0 >= 2 && toks[t0].kind == tWord && !toks[t0].abbr {
		if low := toks[t0].low; aux[low] || imperatives[low] || len(low) > 5 && (strings.HasSuffix(low, "ing") || strings.HasSuffix(low, "ly")) && !r.givenName(low) {
			t0++
		}
	}
	for t1-t0 >= 3 && r.postNominal(t1-1) {
		t1-- // "Sarah Whitlock KC", "Ama Boateng MP": letters after the name, not part of it
	}
	if t1-t0 >= 2 && r.text(t1-1, t1) == "I" && !r.givenName(toks[t1-2].low) {
		t1-- // "Maybe I will …": the pronoun, not a name's last word ("Elizabeth I")
	}
	if t0 >= t1 {
		return
	}
	if t0 >= 2 && toks[t0-1].kind == tWord && (toks[t0-1].low == "for" || toks[t0-1].low == "of") && toks[t0-2].cap && orgNouns[toks[t0-2].low] {
		return // "Coalition for App Fairness": the tail of an organisation's name
	}
	if k, ok := r.personOfOrg(t0, t1); ok {
		// "Hannah Byrne of Northfield University": a person and where
		// she works, two names
		r.nameRun(t0, k, sentStart)
		r.nameRun(k+1, t1, false)
		return
	}
	if t1 == t0+1 && t1 < len(toks) && toks[t1].kind == tWord && !toks[t1].cap && !aux[toks[t1].low] && r.x.cues[toks[t1].low].lemma == "" && !stopBack[toks[t1].low] && r.isDemonymLike(toks[t0].low) {
		return // "Republican claims", "Democratic voters": an adjective, no name
	}
	full := stripPossessive(r.text(t0, t1))
	lowFull := strings.ToLower(full)
	lastLow := stripPossessive(toks[t1-1].low)
	if t1-t0 >= 2 && isUpperWord(r.text(t0, t0+1)) && len(toks[t0].low) >= 2 && !strings.Contains(toks[t0].low, ".") && !r.peopleOnly &&
		!isUpperWord(r.text(t0+1, t0+2)) && !r.titledName(t0, t1) {
		// "BBC Sport", "NBC News", "ABC 7": an acronym opens an
		// organisation's name, not a person's
		e := r.entity(graph.Organisation, full)
		e.mentions = append(e.mentions, r.nameSpan(t0, t1))
		return
	}
	if t0 > 0 && partyOpeners[toks[t0-1].low] && !toks[t0-1].cap && !r.givenName(toks[t0].low) && !titleWords[toks[t0].low] {
		// "the opposition Civic Platform", "the ruling Justice and
		// Development Party": a party, named after what it is in
		// parliament
		e := r.entity(graph.Organisation, full)
		e.mentions = append(e.mentions, r.nameSpan(t0, t1))
		return
	}
	if t0 >= 2 && toks[t0-2].low == "calling" && (toks[t0-1].low == "itself" || toks[t0-1].low == "themselves") {
		// "a group calling itself Black Lantern": the name a group
		// gives itself
		if r.peopleOnly {
			return
		}
		e := r.entity(graph.Organisation, full)
		e.mentions = append(e.mentions, r.nameSpan(t0, t1))
		return
	}
	if t0 >= 2 && toks[t0-1].low == "at" && toks[t0-2].kind == tWord && workerNouns[toks[t0-2].low] {
		if _, place := r.lookupPlace(full); !place {
			// "analysts at Goldman Sachs", "a professor at Johns
			// Hopkins": where people work is an organisation, whatever
			// its name looks like
			if r.peopleOnly {
				return
			}
			e := r.entity(graph.Organisation, full)
			e.mentions = append(e.mentions, r.nameSpan(t0, t1))
			return
		}
	}
	if t1-t0 >= 2 && thingHeads[lastLow] {
		return // "the city's Civic Medal", "the Nobel Prize": a thing, no entity
	}
	if r.peopleOnly {
		r.personRun(t0, t1, full, lowFull, lastLow)
		return
	}
	// an organisation named so before ("Payments startup Lumora …" then
	// "Lumora, a payments startup, …") stays one
	if e, ok := r.byID[entityID(graph.Organisation, full)]; ok && !r.peopleOnly {
		e.mentions = append(e.mentions, r.nameSpan(t0, t1))
		return
	}
	// organisations
	if name, ok := knownOrgs[lowFull]; ok {
		e := r.entity(graph.Organisation, name)
		e.mentions = append(e.mentions, r.nameSpan(t0, t1))
		return
	}
	// places (a known person's surname wins: "Franklin added")
	if _, known := r.bySurname[lowFull]; known && t1-t0 == 1 {
		e := r.bySurname[lowFull]
		sp := r.nameSpan(t0, t1)
		e.mentions = append(e.mentions, sp)
		e.addAlias(sp.Text)
		return
	}
	if p, ok := r.lookupPlace(full); ok && (t1-t0 > 1 || r.placeContext(p, t0, t1)) {
		r.placeMention(p, r.nameSpan(t0, t1))
		return
	}
	if t1-t0 >= 2 && placeHeads[lastLow] && !titleWords[toks[t0].low] {
		// "Harlow Township", "Kent County": a place the gazetteer lacks
		e := r.entity(graph.Place, full)
		e.mentions = append(e.mentions, r.nameSpan(t0, t1))
		return
	}
	orgOf := t1-t0 >= 3 && toks[t0].cap && orgNouns[toks[t0].low] && !documentNouns[toks[t0].low] && !titleWords[toks[t0].low] && (r.text(t0+1, t0+2) == "of" || r.text(t0+1, t0+2) == "for")
	// "Bank of Japan Governor Kazuo Ueda": the organisation's name ends at
	// a capitalised title, and a person follows it
	orgEnd := t1
	if orgOf {
		for k := t0 + 3; k < t1; k++ {
			if toks[k].cap && titleWords[stripPossessive(toks[k].low)] {
				orgEnd = k
				break
			}
		}
	}
	if orgOf && orgEnd >= t1-1 {
		// "the Ministry of Health", "the University of Lagos", "the
		// Centre for Policy Studies": named after what it is of or for
		// (a lower-case "of": "Board Of Election Finds" is a headline);
		// "the Bank of England Governor": the organisation, no one named
		e := r.entity(graph.Organisation, stripPossessive(r.text(t0, orgEnd)))
		e.mentions = append(e.mentions, r.nameSpan(t0, orgEnd))
		return
	}
	if orgNouns[lastLow] && !orgOf {
		// "Analyst Pieter de Vries of Hollandia Securities": a person of
		// an organisation, two names (not "Bank of England": no given
		// name before the "of")
		for k := t0 + 2; k < t1-1; k++ {
			if toks[k].low == "of" && !toks[k].cap && toks[k+1].cap && r.hasGiven(t0, k) && !orgNouns[stripPossessive(toks[k-1].low)] {
				r.nameRun(t0, k, false)
				r.nameRun(k+1, t1, false)
				return
			}
		}
	}
	if (t1-t0 >= 2 && orgNouns[lastLow] && !personNouns[lastLow] || t1-t0 >= 3 && orgNouns[lastLow]) && !r.titleThenGiven(t0, t1) || t0 > 0 && toks[t0-1].kind == tWord && !toks[t0-1].cap && orgDescriptor(toks[t0-1].low) {
		// "Dutch chipmaker Veldhoven Semis", "the airline Kestrel Air"
		// (not "Atlantic City Mayor Don Guardian": a title and a given
		// name make a person, whatever the last word)
		e := r.entity(graph.Organisation, full)
		e.mentions = append(e.mentions, r.nameSpan(t0, t1))
		return
	}
	if t1-t0 <= 4 && !r.peopleOnly && t0 >= 3 && r.isPunct(t0-1, ",") && r.isPunct(t1, ",") && toks[t0-2].kind == tWord && !toks[t0-2].cap && (orgDescriptor(toks[t0-2].low) || orgNouns[toks[t0-2].low] && !documentNouns[toks[t0-2].low] && !personNouns[toks[t0-2].low]) &&
		r.describedBefore(t0-2) && !r.gendered(toks[t0].low) {
		// "The company, Voss London, confirmed", "Her label, Crescent
		// Records, said": a name in apposition to an organisation noun
		e := r.entity(graph.Organisation, full)
		e.mentions = append(e.mentions, r.nameSpan(t0, t1))
		return
	}
	if t1-t0 >= 2 && t1-t0 <= 4 && !r.peopleOnly && !r.givenName(toks[t0].low) && r.isPunct(t1, ",") && t1+1 < len(toks) && toks[t1+1].low == "which" {
		if _, place := r.lookupPlace(full); !place {
			// "Northstar Gold, which operates the mine,": "which" is
			// said of things, so the name is an organisation's
			e := r.entity(graph.Organisation, full)
			e.mentions = append(e.mentions, r.nameSpan(t0, t1))
			return
		}
	}
	if t1-t0 <= 3 && !r.gendered(toks[t0].low) && r.tradeAppositionAfter(t1) {
		// "Applewood, the maker of the Orchard phone,": a company by
		// what the apposition after it says it is
		e := r.entity(graph.Organisation, full)
		e.mentions = append(e.mentions, r.nameSpan(t0, t1))
		return
	}
	// title prefix: demonyms, places and title words before the name
	n0 := t0
	titleFrom := t0 // where the role's text starts
	var of string
	hasTitle := false
	if orgOf {
		e := r.entity(graph.Organisation, r.text(t0, orgEnd))
		e.mentions = append(e.mentions, r.nameSpan(t0, orgEnd))
		of, n0, titleFrom, hasTitle = e.id, orgEnd, orgEnd, true
		for n0 < t1-1 && (titleWords[stripPossessive(toks[n0].low)] || modifiers[stripPossessive(toks[n0].low)]) {
			n0++
		}
	}
	// a place of several words before a title: "New York Congressman Pete
	// King" is of New York (not of York, with "New" a modifier)
	// ("Former Florida Gov. Jeb Bush": modifiers may stand before it, when
	// the place does not start with them)
	starts := []int{t0}
	if p0 := t0 + 1; modifiers[toks[t0].low] && !titleWords[toks[t0].low] && p0 < t1-2 {
		starts = append(starts, p0)
	}
	for _, p0 := range starts {
		found := false
		for k := p0 + 1; k < t1-1 && k <= p0+3 && !orgOf; k++ {
			if titleWords[stripPossessive(toks[k].low)] {
				if p, ok := r.lookupPlace(r.text(p0, k)); ok {
					of = p.ID
					r.placeMention(p, r.nameSpan(p0, k))
					n0, found = k, true
				}
				break
			}
		}
		if found {
			break
		}
	}
	for n0 < t1-1 {
		low := stripPossessive(toks[n0].low)
		if modifiers[low] || r.titleBeforeName(n0, t1) {
			// ("Democratic Senators Chuck Schumer and Dick Durbin": a
			// plural title before the first of the names it covers)
			hasTitle = hasTitle || titleWords[low] || pluralTitle(low)
			n0++
			continue
		}
		if n0 == t0 && partyAdjectives[low] && t1-n0 >= 4 && (titleWords[toks[n0+1].low] || pluralTitle(toks[n0+1].low)) {
			n0++ // "Labour MP Diane Abbott", "Labour MPs Diane Abbott and …": the party, then the title
			continue
		}
		if n0 == t0 && r.partyMember(t0, t1) {
			n0++ // "won by Democrat Joan Whitcombe": the party, then the name
			continue
		}
		if n0 == t0 && t1-n0 >= 3 && (t0 == 0 || toks[t0-1].kind == tPara || isTerminal(&toks[t0-1])) &&
			(personNouns[low] || agentNoun(low) && !r.givenName(low) && r.givenName(toks[n0+1].low)) {
			n0++ // "Forecaster Lin Abara warned": a role noun capitalised by the sentence
			continue
		}
		if p, ok := r.demonym(r.text(n0, n0+1)); ok && n0 == t0 {
			of = p.ID
			r.placeMention(p, r.nameSpan(n0, n0+1))
			n0++
			continue
		}
		if isPossessive(toks[n0].low) && n0 == t0 {
			if e, ok := r.bySurname[stripPossessive(toks[n0].low)]; ok {
				// "Clinton's rival Bernie Sanders": a person's, not a town's
				sp := r.nameSpan(n0, n0+1)
				e.mentions = append(e.mentions, sp)
				n0++
				continue
			}
			if p, ok := r.lookupPlace(stripPossessive(r.text(n0, n0+1))); ok {
				of = p.ID
				r.placeMention(p, r.nameSpan(n0, n0+1))
				n0++
				continue
			}
		}
		break
	}
	// a known organisation before a title ("Pentagon spokesman", "White House press secretary")
	if n0 == t0 {
		for k := t0 + 1; k < t1-1 && k < t0+3; k++ {
			if r.titleBeforeName(k, t1) {
				if name, ok := knownOrgs[strings.ToLower(r.text(t0, k))]; ok {
					e := r.entity(graph.Organisation, name)
					e.mentions = append(e.mentions, r.nameSpan(t0, k))
					of = e.id
					n0 = k
					for n0 < t1-1 && r.titleBeforeName(n0, t1) {
						n0++
					}
				}
				break
			}
		}
	}
	// a portfolio before a title is part of the role: "Transport Minister
	// Helen Okonjo", "Fire Chief Dolores Quintana" (not a person named
	// "Transport Minister Helen Okonjo" beside Helen Okonjo)
	if n0 == t0 {
		for k := t0 + 1; k < t1-1 && k <= t0+2 && toks[k-1].kind == tWord && !isPossessive(toks[k-1].low); k++ {
			if titleWords[stripPossessive(toks[k].low)] {
				n0, hasTitle = k, true
				for n0 < t1-1 && (titleWords[stripPossessive(toks[n0].low)] || modifiers[stripPossessive(toks[n0].low)]) {
					n0++
				}
				break
			}
		}
	}
	if n0 < t1 && !toks[n0].cap && nameConnectors[toks[n0].low] {
		// "the former Attorney General of Delaware": a title of a place
		// or organisation, no person's name
		r.nameRun(n0+1, t1, false)
		return
	}
	// a title word makes a one-word name a person ("President Obama");
	// modifiers, demonyms and organisations alone do not ("New Iran")
	titled := hasTitle
	nameToks := t1 - n0
	name := stripPossessive(r.text(n0, t1))
	if nameToks == 2 && toks[n0].cap && nameConnectors[toks[n0].low] && toks[n0].low != "of" {
		// "De Lacroix, 61, has made wine" after "Jean-Baptiste de
		// Lacroix": the surname with its particle, capitalised by the
		// sentence
		if e := r.particleSurname(name, toks[t1-1].low); e != nil {
			sp := r.nameSpan(n0, t1)
			e.mentions = append(e.mentions, sp)
			e.addAlias(sp.Text)
			return
		}
	}
	if nameToks == 1 {
		low := stripPossessive(toks[n0].low)
		if e, ok := r.bySurname[low]; ok {
			// a known person's surname wins over a town of that name
			// ("Mrs. Clinton", "Secretary Clinton")
			sp := r.nameSpan(n0, t1)
			e.mentions = append(e.mentions, sp)
			e.addAlias(sp.Text)
			if titled {
				e.addAlias(stripPossessive(r.text(t0, t1)))
			}
			return
		}
		if e := r.orgShortName(low); e != nil && !titled {
			// "Novaris declined to comment" after "Novaris Semiconductor":
			// the company by the first word of its name
			e.mentions = append(e.mentions, r.nameSpan(n0, t1))
			return
		}
		if e := r.byGiven[low]; e != nil && !titled && r.givenNameMention(n0) {
			// "Wang shrugs at the doubts" after "Wang Lei, 42, walks …",
			// "Irena laughed": the one person of that first name, named by
			// it (family-name-first names are read given name first)
			e.mentions = append(e.mentions, r.nameSpan(n0, t1))
			return
		}
		if g, ok := r.personApposition(n0); ok && !titled {
			// "Her son, Julien, who joined …", "the driver, Ahmed, said":
			// a one-word name in apposition to a person noun is a person
			// (a first name alone, as family members and bystanders are
			// named), of the noun's gender when it has one
			e := r.byGiven[low] // "her husband, Bill," after "Bill Clinton"
			if e == nil {
				e = r.entity(graph.Person, name)
			}
			e.mentions = append(e.mentions, r.nameSpan(n0, t1))
			if e.gender == 0 {
				e.gender = g
			}
			return
		}
		if p, ok := r.lookupPlace(name); ok && !titled {
			if r.placeContext(p, n0, t1) {
				r.placeMention(p, r.nameSpan(n0, t1))
			}
			return
		}
		if p, ok := r.demonym(name); ok && !titled {
			r.placeMention(p, r.nameSpan(n0, t1))
			return
		}
		if !titled || weekdays[low] != 0 || low == "sunday" || dropCapitalised[low] {
			return
		}
	}
	if nameToks > 4 || hasNonName(toks[n0:t1]) || r.allAbbr(n0, t1) || r.titlesOnly(n0, t1) {
		return
	}
	if nameToks == 1 && r.familyPlural(strings.ToLower(name)) {
		return // "the Bertolinis": a family, no organisation
	}
	if !titled && r.articleBeforeName(n0, t1) {
		// "The United Auto Workers, which represents …": people take no
		// article before their name
		e := r.entity(graph.Organisation, name)
		e.mentions = append(e.mentions, r.nameSpan(n0, t1))
		return
	}
	if nameToks >= 2 || titled {
		e := r.entity(graph.Person, name)
		e.mentions = append(e.mentions, r.nameSpan(n0, t1))
		if of == "" && n0 == t0 && t0 > 0 && toks[t0-1].cap && isPossessive(toks[t0-1].low) && toks[t0-1].e < toks[t0].s {
			// "Spain's Mateo Ruiz": the possessive ended the run before
			if p, ok := r.lookupPlace(stripPossessive(r.text(t0-1, t0))); ok {
				of = p.ID
			}
		}
		if of != "" && strings.HasPrefix(of, "place:") && e.from == "" {
			e.from = of
		}
		if titled {
			title := r.titleText(titleFrom, n0, of)
			e.addRole(title, of)
			switch strings.TrimSuffix(toks[t0].low, ".") {
			case "mr", "sir", "lord":
				e.gender = 'm'
			case "mrs", "ms", "dame", "lady":
				e.gender = 'f'
			}
		}
	}
}

// openingPrepositions open a sentence before a name without being part
// of it; dropCapitalised has the common ones, these are dropped only
// before a name known otherwise, as some start company names.
var openingPrepositions = set("under over against among amongst across through throughout during without within despite behind toward towards upon via amid amidst outside inside following between around below above beneath beside near unlike")

// knownName reports a run [t0,t1) that is a known organisation or a
// gazetteer place or demonym, ignoring a possessive.
func (r *run) knownName(t0, t1 int) bool {
	full := stripPossessive(r.text(t0, t1))
	if _, ok := knownOrgs[strings.ToLower(full)]; ok {
		return true
	}
	if _, ok := r.lookupPlace(full); ok {
		return true
	}
	return r.isDemonym(full)
}

// tradeAppositionAfter reports a comma and an apposition after token t1
// headed by a trade noun ("…, a two-year-old chip startup,", "…, the
// maker of …"); a person's apposition has a person's head ("…, the
// company's founder,").
func (r *run) tradeAppositionAfter(t1 int) bool {
	toks := r.d.toks
	if t1+2 >= len(toks) || !r.isPunct(t1, ",") || (toks[t1+1].low != "the" && toks[t1+1].low != "a" && toks[t1+1].low != "an") {
		return false
	}
	k := t1 + 2
	for k < len(toks) && k < t1+8 && toks[k].kind == tWord && !toks[k].cap && !nameConnectors[toks[k].low] && toks[k].low != "that" && toks[k].low != "which" && toks[k].low != "based" {
		k++
	}
	if k == t1+2 || k >= len(toks) || toks[k].kind == tWord && toks[k].cap {
		return false
	}
	h := toks[k-1].low
	return orgDescriptor(h) || h == "maker" && toks[k].low == "of"
}

// placeContext accepts a one-word place: a country or region, a big city,
// or a small town named where places are ("in Clinton", "Clinton, Md.");
// "the Obama administration" is not the Japanese town.
func (r *run) placeContext(p gazetteerPlace, t0, t1 int) bool {
	if p.Kind != "city" || p.Population >= 100000 || p.Population == 0 {
		return true
	}
	toks := r.d.toks
	if t0 > 0 && toks[t0-1].kind == tWord && locatives[toks[t0-1].low] {
		return true
	}
	return t1+1 < len(toks) && r.isPunct(t1, ",") && toks[t1+1].cap
}

var locatives = set("in at from near to outside around across into toward towards via")

// personRun registers a person named in full ("Hillary Clinton",
// "President Obama") on the first pass, before places and organisations.
func (r *run) personRun(t0, t1 int, full, lowFull, lastLow string) {
	toks := r.d.toks
	if _, ok := knownOrgs[lowFull]; ok || orgNouns[lastLow] {
		return
	}
	if _, ok := r.lookupPlace(full); ok {
		return
	}
	n0 := t0
	if r.partyMember(t0, t1) {
		n0++ // "Democrat Joan Whitcombe"
	}
	titled := false
	for n0 < t1-1 && (titleWords[stripPossessive(toks[n0].low)] || modifiers[stripPossessive(toks[n0].low)]) {
		titled = titled || titleWords[stripPossessive(toks[n0].low)]
		n0++
	}
	// "Texas Sen. Ted Cruz", "New York Congressman Pete King": the name
	// starts after the last title word inside the run
	for k := t1 - 2; k > n0; k-- {
		if titleWords[stripPossessive(toks[k].low)] {
			n0, titled = k+1, true
			break
		}
	}
	if t1-n0 < 2 && !titled || !toks[n0].cap && nameConnectors[toks[n0].low] {
		return
	}
	if _, ok := r.demonym(r.text(n0, n0+1)); ok {
		return
	}
	if t1-n0 > 4 || hasNonName(toks[n0:t1]) && !r.surnameLikeWord(n0, t1) || r.allAbbr(n0, t1) || t1-n0 == 1 && n0 == t0 || r.titlesOnly(n0, t1) {
		return
	}
	name := stripPossessive(r.text(n0, t1))
	if _, ok := r.bySurname[strings.ToLower(name)]; ok && t1-n0 == 1 {
		return // "Mrs. Clinton" after "Hillary Clinton"
	}
	if !titled && r.articleBeforeName(n0, t1) {
		return
	}
	n := len(r.ents)
	if e := r.entity(graph.Person, name); len(r.ents) > n && r.inHeadline(n0) {
		e.headline = true
	}
}

// titleText is the title part of a source phrase, without determiners,
// demonyms and the organisation or place it is of.
func (r *run) titleText(t0, t1 int, of string) string {
	toks := r.d.toks
	start := t0
	for t0 < t1 && (determiners[toks[t0].low] || of != "" && (toks[t0].cap && !titleWords[toks[t0].low] || isPossessive(toks[t0].low) ||
		// "Bank of England Governor": the organisation's name, "of" and all
		t0 > start && nameConnectors[toks[t0].low] && toks[t0-1].cap && t0+1 < t1 && toks[t0+1].cap && !titleWords[toks[t0+1].low])) {
		t0++
	}
	for t0 < t1 && toks[t0].kind != tWord {
		t0++
	}
	if t0 >= t1 {
		return ""
	}
	switch strings.TrimSuffix(toks[t0].low, ".") {
	case "mr", "mrs", "ms", "dr", "sir", "dame":
		if t1-t0 == 1 {
			return ""
		}
	}
	title := strings.TrimRight(r.text(t0, t1), ",")
	if pluralTitle(toks[t1-1].low) {
		// "Democratic Senators Chuck Schumer and Dick Durbin": each is a
		// Democratic Senator
		title = strings.TrimSuffix(title, "s")
	}
	return title
}

// titlesOnly reports a run ending in a title word without a given name
// before it ("Pensions Secretary"), or in a title's plural: "the Prime Minister" names no one by name, "Labour MPs" are a
// group.
func (r *run) titlesOnly(n0, t1 int) bool {
	last := stripPossessive(r.d.toks[t1-1].low)
	if sing := strings.TrimSuffix(last, "s"); len(last) > 2 && sing != last && titleWords[sing] && !surnameTitles[sing] {
		return true
	}
	if !titleWords[last] {
		return false
	}
	// "Pete King" is a name though "king" is a title: a given name says
	// so, and a title that is a common surname needs a title before it
	if surnameTitles[last] {
		return t1-n0 == 1 || titleWords[stripPossessive(r.d.toks[t1-2].low)] || modifiers[stripPossessive(r.d.toks[t1-2].low)]
	}
	return !r.hasGiven(n0, t1)
}

// surnameTitles are title words that are also common surnames ("Ledyard
// King", "Dottie Deans", "John Major").
var surnameTitles = set("king queen major dean bishop judge marshal knight chancellor sheriff prince duke earl baron lord abbot pope cardinal deacon captain general")

// articleBeforeName reports a name of several words, without a title,
// that follows "the" and does not open with a given name: "the United Auto
// Workers" is an organisation, where "the late John Smith" has "late"
// between and "the Rev. Al Sharpton" a title.
func (r *run) articleBeforeName(n0, t1 int) bool {
	toks := r.d.toks
	first := toks[n0].low
	if t1 < len(toks) && toks[t1].kind == tWord && !toks[t1].cap && (orgNouns[toks[t1].low] || personNouns[toks[t1].low]) {
		return false // "the Bernie Sanders campaign": a name modifying a noun
	}
	return t1-n0 >= 2 && n0 > 0 && toks[n0-1].kind == tWord && toks[n0-1].low == "the" && (!r.givenName(first) || nonPersonWords[first])
}

func isWeekday(low string) bool {
	_, ok := weekdays[low]
	return ok
}

// partyMembers are the singular nouns of a party's member, capitalised
// before a name wherever it stands: "Democrat Joan Whitcombe", "Republican
// Greg Harlan", "Tory Ann Lowe".
var partyMembers = set("democrat republican conservative liberal socialist communist progressive libertarian nationalist independent centrist populist tory")

// partyMember reports a run [t0,t1) opened by a party member noun before
// a given name and a surname: the noun is the person's party, not part of
// the name ("Democrat Joan Whitcombe"; not "Conservative Party").
func (r *run) partyMember(t0, t1 int) bool {
	toks := r.d.toks
	return t1-t0 >= 3 && partyMembers[toks[t0].low] && r.givenName(toks[t0+1].low) && !orgNouns[stripPossessive(toks[t1-1].low)]
}

// personOfOrg finds the "of" in a run that joins a person's name (a given
// name and at least a surname, no organisation or title noun) to an
// organisation or place: "Hannah Byrne of Northfield University". Names
// made with "of" ("Bank of England", "Museum of Modern Art", "Duke of
// York") have no given name right before it.
func (r *run) personOfOrg(t0, t1 int) (int, bool) {
	toks := r.d.toks
	for k := t0 + 2; k < t1-1; k++ {
		if toks[k].low != "of" {
			continue
		}
		g := -1
		for j := k - 2; j >= t0 && j >= k-3; j-- {
			if r.givenName(toks[j].low) {
				g = j
			}
		}
		if g < 0 {
			return 0, false
		}
		for j := g; j < k; j++ {
			low := stripPossessive(toks[j].low)
			if !toks[j].cap || orgNouns[low] || titleWords[low] || nonPersonWords[low] || isPossessive(toks[j].low) {
				return 0, false
			}
		}
		right := stripPossessive(r.text(k+1, t1))
		_, org := knownOrgs[strings.ToLower(right)]
		_, place := r.lookupPlace(right)
		// an acronym after "of" ("Piotr Nowak of ING") is an
		// organisation's or a place's, never part of a person's name
		acronym := t1 == k+2 && len(right) >= 2 && isUpperWord(right)
		return k, org || place || acronym || orgNouns[stripPossessive(toks[t1-1].low)]
	}
	return 0, false
}

// wordSurnames are words of nonPersonWords that are common surnames too;
// after a given name they are one ("Jack White", "Oliver North").
var wordSurnames = set("black white green north west")

// surnameLikeWord reports a two-word name whose one word hasNonName
// rejects but that is a person's name all the same: a given name and a
// surname that is also a word ("Jack White"), or a surname before a
// hyphenated East Asian given name ("Park Ji-hoon", "Park Geun-hye").
func (r *run) surnameLikeWord(n0, t1 int) bool {
	if t1-n0 != 2 {
		return false
	}
	toks := r.d.toks
	first, second := toks[n0].low, stripPossessive(toks[n0+1].low)
	if r.givenName(first) && wordSurnames[second] {
		return true
	}
	return nonPersonWords[first] && !orgNouns[first] && hyphenatedGiven(r.text(n0+1, t1))
}

// hyphenatedGiven matches a romanised Korean given name: two short
// syllables joined by a hyphen, the second in lower case ("Ji-hoon",
// "Jae-in"); not "Kong-based" or "Anti-war" (longer first parts are
// allowed by neither).
func hyphenatedGiven(w string) bool {
	w = stripPossessive(w)
	a, b, ok := strings.Cut(w, "-")
	if !ok || len(a) < 2 || len(a) > 5 || len(b) < 1 || len(b) > 4 || a[0] < 'A' || a[0] > 'Z' {
		return false
	}
	for i := 1; i < len(a); i++ {
		if a[i] < 'a' || a[i] > 'z' {
			return false
		}
	}
	for i := 0; i < len(b); i++ {
		if b[i] < 'a' || b[i] > 'z' {
			return false
		}
	}
	return !hyphenSuffixes[b]
}

// hyphenSuffixes end compound adjectives, never given names ("Hong
// Kong-based", "Park-like").
var hyphenSuffixes = set("based born led run era like wide made free bred held type size only owned backed funded linked bound style")

// describedBefore reports a determiner or possessor at most two
// lower-case words before the noun at k: "The company", "Her label",
// "The government's nature agency".
func (r *run) describedBefore(k int) bool {
	toks := r.d.toks
	for j := k - 1; j >= 0 && k-j <= 3; j-- {
		t := &toks[j]
		if t.kind != tWord {
			return false
		}
		if determiners[t.low] || possessivePronouns[t.low] || isPossessive(t.low) {
			return true
		}
		if t.cap {
			return false
		}
	}
	return false
}

// familyPlural reports a known person's surname in the plural: "the
// Bertolinis" are the family.
func (r *run) familyPlural(low string) bool {
	stem, ok := strings.CutSuffix(low, "s")
	return ok && r.bySurname[stem] != nil
}

// allPunct reports tokens [a,b) that are all punctuation (true of none).
func (r *run) allPunct(a, b int) bool {
	for k := a; k < b; k++ {
		if r.d.toks[k].kind != tPunct {
			return false
		}
	}
	return true
}

// hasNonName reports tokens that cannot be part of a person's name.
func hasNonName(ts []token) bool {
	for i := range ts {
		low := stripPossessive(ts[i].low)
		if weekdays[low] != 0 || low == "sunday" || orgNouns[low] || months[low] || nonPersonWords[low] || ts[i].kind == tNum || strings.ContainsAny(low, "0123456789") {
			return true
		}
		if k := strings.LastIndexByte(low, '-'); k > 0 && hyphenSuffixes[low[k+1:]] {
			return true // "Hong Kong-based": an adjective
		}
	}
	return false
}

// allAbbr reports names made only of abbreviations ("N.H.", "D.C.") or of
// words in capitals ("FULL TEXT", a heading).
func (r *run) allAbbr(t0, t1 int) bool {
	abbr, upper := true, t1-t0 > 1
	for i := t0; i < t1; i++ {
		if !r.d.toks[i].abbr {
			abbr = false
		}
		if !isUpperWord(r.text(i, i+1)) {
			upper = false
		}
	}
	return abbr || upper
}

// workerNouns before "at" say that the name after it is where the
// people work ("analysts at Goldman Sachs"), not an event ("officers at
// Pride").
var workerNouns = set(`analyst analysts economist economists strategist strategists professor professors
researcher researchers scientist scientists executive executives employee employees engineer engineers
lawyer lawyers attorney attorneys partner partners director directors manager managers trader traders
banker bankers worker workers staffer staffers fellow fellows chemist chemists physicist physicists
biologist biologists epidemiologist epidemiologists`)

// partyOpeners, lower-case before a name, say that it is a party's.
var partyOpeners = set("opposition ruling governing")

var months = set("january february march april may june july august september october november december")

func (r *run) placeMention(p gazetteerPlace, sp graph.Span) {
	e := r.entityWithID(p.ID, graph.Place, p.Name)
	if p.PartOf != "" && p.PartOf != p.ID {
		e.partOf = p.PartOf
	}
	if sp.Text != p.Name && !strings.EqualFold(sp.Text, p.Name) {
		if _, ok := r.demonym(sp.Text); !ok {
			e.addAlias(sp.Text)
		}
	}
	e.mentions = append(e.mentions, sp)
}

// imperatives open a sentence before a name: "Say Mexico pays …", "Let
// Ruiz speak".
var imperatives = set("say let imagine consider take ask tell")

// titledName reports a title word or a given name in tokens [a,b): "RNC
// Chief of Staff Katie Walsh" is a person with a role, not an acronym's
// organisation.
func (r *run) titledName(a, b int) bool {
	for k := a + 1; k < b; k++ {
		if low := stripPossessive(r.d.toks[k].low); titleWords[low] || r.givenName(low) {
			return true
		}
	}
	return false
}

// titleThenGiven reports a title word followed by a capitalised given
// name inside [a,b): "Mayor Don Guardian".
func (r *run) titleThenGiven(a, b int) bool {
	toks := r.d.toks
	for k := a; k+1 < b; k++ {
		if titleWords[stripPossessive(toks[k].low)] && toks[k+1].cap && r.givenName(toks[k+1].low) {
			return true
		}
	}
	return false
}

// thingHeads end the names of awards and events, which are no entities.
var thingHeads = set("medal medals prize prizes award awards trophy cup championship championships olympics games festival")

// placeHeads end the names of places below a country that a gazetteer
// may lack.
var placeHeads = set("county township borough parish province prefecture municipality village")

// agentNoun reports a word shaped like a noun of a person's occupation:
// forecaster, economist, historian, consultant.
func agentNoun(low string) bool {
	if len(low) < 6 {
		return false
	}
	for _, suf := range []string{"er", "or", "ist", "ian", "ant", "ent"} {
		if strings.HasSuffix(low, suf) {
			return true
		}
	}
	return false
}

// givenName reports a word listed as a given name ("Manning" is none,
// "Sterling" is one).
// gendered reports a given name the table knows a gender of: stronger
// evidence than givenName, whose ungendered entries include words such as
// "night" and "united".
func (r *run) gendered(low string) bool {
	if r.x.names == nil {
		return false
	}
	g, ok := r.x.names.get(low)
	return ok && g != 'u'
}

func (r *run) givenName(low string) bool {
	if r.x.names == nil {
		return false
	}
	_, ok := r.x.names.get(low)
	return ok
}

// personApposition reports a lone capitalised word at k between commas
// right after a singular person noun with a determiner or possessive
// ("her son, Julien,", "The driver, Ahmed, said"), and the gender the noun
// states. Not a place or a known name: lookups before it take those.
func (r *run) personApposition(k int) (byte, bool) {
	toks := r.d.toks
	if k-3 < 0 || k+1 >= len(toks) || !r.isPunct(k-1, ",") || !r.isPunct(k+1, ",") || toks[k].kind != tWord || dropCapitalised[toks[k].low] || titleWords[toks[k].low] {
		return 0, false
	}
	n := &toks[k-2]
	d := &toks[k-3]
	if n.kind != tWord || n.cap || !personNouns[n.low] || pluralLike(n.low) || collectiveNouns[n.low] || d.kind != tWord || !determiners[d.low] && !possessivePronouns[d.low] {
		return 0, false
	}
	if _, place := r.lookupPlace(r.text(k, k+1)); place {
		return 0, false
	}
	return titleGender(n.low), true
}

// indexOrgFirst records an organisation under the first word of its
// name when its other words are organisation nouns ("Novaris
// Semiconductor", "Harbor Foods Group"), so that the word alone names it.
func (r *run) indexOrgFirst(e *entity) {
	w := strings.Fields(strings.ToLower(e.name))
	if len(w) < 2 {
		return
	}
	for _, x := range w[1:] {
		if !orgNouns[x] && !companyNouns[x] {
			return
		}
	}
	if r.orgFirst == nil {
		r.orgFirst = map[string]*entity{}
	}
	if prev, ok := r.orgFirst[w[0]]; ok && prev != e {
		r.orgFirst[w[0]] = nil // two organisations: the word names neither
		return
	}
	r.orgFirst[w[0]] = e
}

// orgShortName is the one organisation the word low names alone
// (indexOrgFirst), or nil.
func (r *run) orgShortName(low string) *entity {
	return r.orgFirst[low]
}

// postNominal reports an honour or office written in capitals after a
// name: "KC", "QC", "MP", "OBE".
func (r *run) postNominal(k int) bool {
	t := &r.d.toks[k]
	return t.kind == tWord && postNominals[t.low] && isUpperWord(r.text(k, k+1))
}

// postNominals follow a British or Commonwealth name: counsel's rank,
// membership of a parliament, orders and fellowships.
var postNominals = set("kc qc sc mp msp ms mla mep td obe mbe cbe kbe dbe frs")

// nameStartsAt reports a capitalised word at k that may open a person's
// name: not a function word capitalised in an organisation's name
// ("Doctors Without Borders", "Students For Life").
func (r *run) nameStartsAt(k int) bool {
	if k >= len(r.d.toks) {
		return false
	}
	t := &r.d.toks[k]
	return t.kind == tWord && t.cap && !stopBack[t.low] && !openingPrepositions[t.low] && !nameConnectors[t.low] && !dropCapitalised[t.low] && !determiners[t.low]
}

// titleBeforeName reports a title word at k in the name run ending at t1,
// or a title's plural before the first of the names it covers
// ("Democratic Senators Chuck Schumer and Dick Durbin").
func (r *run) titleBeforeName(k, t1 int) bool {
	low := stripPossessive(r.d.toks[k].low)
	return titleWords[low] || t1-k >= 3 && pluralTitle(low) && r.nameStartsAt(k+1)
}

// pluralTitle reports the plural of a title word: "senators", "MPs".
func pluralTitle(low string) bool {
	sing, ok := strings.CutSuffix(low, "s")
	return ok && len(sing) >= 2 && titleWords[sing] && !titleWords[low]
}

// collectiveNouns are person nouns for more than one person: "the
// family, Smith," is not a person named Smith.
var collectiveNouns = set("family couple group crew team band household")

// particleSurname is the person whose full name ends in name, a surname
// with its particle ("de Vries", "De Lacroix"), last its last word; nil
// when no such person was named.
func (r *run) particleSurname(name, last string) *entity {
	if e, ok := r.bySurname[stripPossessive(last)]; ok && strings.HasSuffix(strings.ToLower(e.name), " "+strings.ToLower(name)) {
		return e
	}
	return nil
}

// givenNameMention reports a lone name word at k that a verb or an
// adverb follows, not a word opening a question or a noun phrase ("Will
// the council …", "May 5"): where a first name alone names a person.
// Outside quotation marks an auxiliary may follow too ("Amira is expected
// to stay …"); inside them a first name is more often someone talked
// about than the subject of the story ("I think Bernie would …").
func (r *run) givenNameMention(k int) bool {
	toks := r.d.toks
	low := toks[k].low
	if dropCapitalised[low] || aux[low] || k+1 >= len(toks) {
		return false
	}
	if p, place := r.lookupPlace(r.text(k, k+1)); place && (p.Kind != "City" || p.Population >= 100000) {
		// (a small town of that name does not outweigh the person the
		// story named: "Amira is expected to …" after "Amira Hussain")
		return false
	}
	n := &toks[k+1]
	return n.kind == tWord && !n.cap && !determiners[n.low] && (!stopBack[n.low] || finiteAux[n.low] && toks[k].quote < 0) && !relatives[n.low]
}
