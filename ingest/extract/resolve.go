// Stage 6, resolving: source phrases to entities (names, surnames,
// organisations, places, descriptions); pronouns in salience.go.

package extract

import (
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/whosaid/whosaid/graph"
)

// resolve turns a source phrase into speakers. how is the weakest
// resolution used (name < surname < pronoun < description).
func (r *run) resolve(p phrase, pos int) ([]*entity, []graph.Speaker, string) {
	if len(p.coords) > 1 {
		var ents []*entity
		var spk []graph.Speaker
		how := graph.ResolvedName
		for _, c := range p.coords {
			e, s, h := r.resolveOne(phrase{t0: c[0], t1: c[1]}, pos)
			ents = append(ents, e...)
			spk = append(spk, s...)
			if rank(h) > rank(how) {
				how = h
			}
		}
		return ents, spk, how
	}
	if p.t1 == p.t0+1 && negativeSubjects[r.d.toks[p.t0].low] || p.t1 == p.t0+2 && r.d.toks[p.t0].low == "no" && r.d.toks[p.t0+1].low == "one" {
		return nil, nil, "" // "“Why now?” Nobody answered.": nothing was said
	}
	return r.resolveOne(p, pos)
}

// descriptionAntecedent finds, for "he" or "she" at pos opening a
// sentence's report, an indefinite person description that is the subject
// of the sentence before it in the same or the previous paragraph ("A
// county spokesman", "An engineer who …") and fits the pronoun's gender.
// An indefinite description brings a new person in, whom salience, which
// knows only entities, would skip for an older named one; a definite one
// ("The Vermont senator") mostly names someone known, and a named subject
// or none leaves the pronoun to salience too.
func (r *run) descriptionAntecedent(pos int, low string) (phrase, bool) {
	d, toks := r.d, r.d.toks
	cur := d.sentAt(pos)
	if cur < 1 {
		return phrase{}, false
	}
	prev := d.sents[cur-1]
	at := sort.Search(len(toks), func(k int) bool { return toks[k].s >= pos })
	if d.sents[cur].para-prev.para > 1 || r.words(d.sents[cur].t0, at) > 3 {
		return phrase{}, false // (a pronoun deep in its sentence has nearer antecedents)
	}
	st0, end, ok := r.subject(prev, prev.t1)
	// an indefinite description, or one by its possessor: "Dunmore's
	// barrister said …. He added …" is the barrister, whom no name
	// stands for
	if !ok || toks[st0].quote >= 0 || !indefinites[toks[st0].low] && !(end-st0 >= 2 && r.possessorAt(st0)) {
		return phrase{}, false
	}
	for k := prev.t0; k < st0; k++ {
		if toks[k].kind == tQuote || toks[k].quote >= 0 || k > prev.t0 && toks[k].cap {
			return phrase{}, false // "…,” says Gloria Garcia, 34, a nurse …": an apposition, not the subject
		}
	}
	for k := st0 + 1; k < end; k++ {
		if r.x.cues[toks[k].low].lemma != "" || aux[toks[k].low] {
			end = k // "A county spokesman said officials …": the verb ends it
			break
		}
	}
	h := &toks[end-1]
	if h.cap || h.kind != tWord || !(personNouns[stripPossessive(h.low)] || titleWords[h.low]) || strings.HasSuffix(h.low, "s") && !strings.HasSuffix(h.low, "ss") {
		return phrase{}, false // (one person: "Some of his advisers …. He said" is not about them)
	}
	if end+1 < prev.t1 && r.isPunct(end, ",") && (toks[end+1].cap || determiners[toks[end+1].low] && end+2 < prev.t1 && toks[end+2].cap) {
		return phrase{}, false // "A spokeswoman, Ana Ruiz, …": the name is the antecedent
	}
	want := byte('m')
	if low == "she" {
		want = 'f'
	}
	g := titleGender(h.low)
	if g == 0 && strings.HasSuffix(h.low, "man") {
		g = 'm' // a preference, not the person's sex: "spokesman" is used for women too, rarely
	}
	if g != 0 && g != want {
		return phrase{}, false
	}
	if r.index().person.earliest(toks[end-1].e, toks[prev.t1-1].e, genderClass(want)) != nil {
		return phrase{}, false // "A reporter asked Sanders how …. He replied": a named person there may be meant
	}
	return phrase{t0: st0, t1: end}, true
}

var indefinites = set("a an one another")

// subjectDescription finds, for "he", "she" or "they" at pos inside a
// sentence, the sentence's subject when it is an indefinite description
// of people of the pronoun's number and no name of a person stands
// between them: "A spokesman pointed to …, which he said …", "An
// international team of astronomers has detected …, a finding they say
// …".
func (r *run) subjectDescription(pos int, low string) (phrase, bool) {
	if low != "he" && low != "she" && low != "they" {
		return phrase{}, false
	}
	d, toks := r.d, r.d.toks
	cur := d.sentAt(pos)
	if cur < 0 {
		return phrase{}, false
	}
	s := d.sents[cur]
	at := sort.Search(len(toks), func(k int) bool { return toks[k].s >= pos })
	st0, end, ok := r.subject(s, at)
	// a bare plural is indefinite too: "Archaeologists have uncovered …,
	// a discovery they say …"
	bare := low == "they" && ok && !determiners[toks[st0].low] && pronounGender[toks[st0].low] == 0 && pluralLike(stripPossessive(toks[end-1].low))
	if !ok || st0 != r.skipDateline(s) || end >= at || !indefinites[toks[st0].low] && !bare || toks[st0].quote >= 0 {
		return phrase{}, false
	}
	if at <= end+1 {
		return phrase{}, false // "A new campaign manager, he said, could …": the pronoun says it of the subject
	}
	for k := st0 + 1; k < end; k++ {
		if toks[k].cap {
			return phrase{}, false // a name in the subject: it has its own resolution
		}
	}
	// the head: the noun before "of" ("a team of astronomers"), else the last word
	h := end - 1
	for k := st0 + 1; k < end; k++ {
		if toks[k].low == "of" {
			h = k - 1
			break
		}
	}
	head := stripPossessive(toks[h].low)
	if low == "they" {
		if !collectives[head] && !(pluralLike(head) && (personNouns[head] || agentPlural(head))) {
			return phrase{}, false
		}
	} else {
		if !(personNouns[head] || titleWords[head]) || pluralLike(head) {
			return phrase{}, false
		}
		want := byte('m')
		if low == "she" {
			want = 'f'
		}
		if g := titleGender(head); g != 0 && g != want {
			return phrase{}, false
		}
		if r.index().person.earliest(toks[end-1].e, pos, genderClass(want)) != nil {
			return phrase{}, false // a person named between may be meant
		}
	}
	return phrase{t0: st0, t1: end}, true
}

// possessorAt reports a description opening at token k with its
// possessor: a name's possessive or a possessive pronoun ("Dunmore's
// barrister", "his lawyer").
func (r *run) possessorAt(k int) bool {
	t := &r.d.toks[k]
	return isPossessive(t.low) && t.cap || possessivePronouns[t.low]
}

// speakerDescription is the source of the statement of the sentence before
// pos when its one speaker is a description nobody was found for ("Two of
// the injured remained in hospital, a hospital spokeswoman said. Neither
// was in critical condition, she said."; "The airline said in a statement
// … . “…,” it said."), the pronoun fits it (an indefinite description of
// that gender, or an organisation for "it"), and the earlier sentence names
// nobody the pronoun could mean instead.
func (r *run) speakerDescription(pos int, low string) (phrase, bool) {
	d, toks := r.d, r.d.toks
	cur := d.sentAt(pos)
	if cur < 1 || len(r.stmts) == 0 {
		return phrase{}, false
	}
	st := r.stmts[len(r.stmts)-1]
	if st.sent != cur-1 || len(st.speakers) != 1 || st.speakers[0].ID != "" || st.speakers[0].ResolvedFrom != graph.ResolvedDescription {
		return phrase{}, false
	}
	sp := st.speakers[0]
	prev := d.sents[cur-1]
	if d.sents[cur].para-prev.para > 1 {
		return phrase{}, false
	}
	// the pronoun opens its sentence, or follows only a quote: "Neither
	// was …, she said" is not "…, and he urged them" after a name
	at := sort.Search(len(toks), func(k int) bool { return toks[k].s >= pos })
	words := 0
	for k := d.sents[cur].t0; k < at; k++ {
		if toks[k].kind == tWord && toks[k].quote < 0 {
			words++
		}
	}
	a := sort.Search(len(toks), func(k int) bool { return toks[k].s >= sp.Start })
	b := sort.Search(len(toks), func(k int) bool { return toks[k].s >= sp.End })
	if a >= b {
		return phrase{}, false
	}
	ix := r.index()
	lo, hi := toks[prev.t0].s, pos
	if words > 8 {
		return phrase{}, false
	}
	switch low {
	case "it":
		if sp.Type != graph.Organisation || sp.Kind == "document" || ix.org.earliest(lo, hi, classOrg) != nil {
			return phrase{}, false
		}
	default:
		// an indefinite description, or one by its possessor ("Dunmore's
		// barrister said …. He added …": the barrister, unnamed)
		possessed := b-a >= 2 && r.possessorAt(a)
		want := byte('m')
		if low == "she" {
			want = 'f'
		}
		// ("One engineer, who asked not to be named because she feared
		// …, said …. “…,” she said": the sentence said who she is)
		echo := r.genderEcho(b, prev.t1, want)
		// (a pronoun opening its sentence: "A spokeswoman for the
		// operator said …. She said …" goes on with the same source)
		opens := at == d.sents[cur].t0
		if sp.Type != graph.Person || sp.Kind != "person" || !indefinites[toks[a].low] && !possessed || !st.before && !echo && !opens {
			// (and a source after its words: "one questioner claimed …
			// . “You're right,” he said" is the answer)
			// a definite description ("the Republican") mostly names
			// someone known, whom salience finds
			return phrase{}, false
		}
		if g := titleGender(toks[b-1].low); g != 0 && g != want {
			return phrase{}, false
		}
		// (the possessor is no one the pronoun could mean instead: the
		// description is the sentence's subject)
		if ix.person.earliest(lo, sp.Start, genderClass(want)) != nil || ix.person.earliest(sp.End, hi, genderClass(want)) != nil {
			return phrase{}, false
		}
	}
	return phrase{t0: a, t1: b}, true
}

// genderedForms are the third-person singular pronouns of each gender,
// in every case.
var genderedForms = map[string]byte{"he": 'm', "him": 'm', "his": 'm', "himself": 'm', "she": 'f', "her": 'f', "herself": 'f'}

// genderEcho reports a pronoun of gender g outside quotation marks in
// tokens [a,b).
func (r *run) genderEcho(a, b int, g byte) bool {
	for k := a; k < b; k++ {
		if t := &r.d.toks[k]; t.kind == tWord && t.quote < 0 && genderedForms[t.low] == g {
			return true
		}
	}
	return false
}

// orgApposition reports an apposition [a[0], a[1]) headed by an
// organisation noun: "a two-year-old chip startup", "the county's
// largest employer" is not one.
func (r *run) orgApposition(a [2]int) bool {
	toks := r.d.toks
	b := a[1]
	for b > a[0] && toks[b-1].kind == tPunct {
		b--
	}
	if b <= a[0] {
		return false
	}
	h := stripPossessive(toks[r.headOf(a[0], b)].low)
	return !toks[r.headOf(a[0], b)].cap && (orgNouns[h] || companyNouns[h]) && !personNouns[h]
}

// isDemonym reports a gazetteer demonym.
func (r *run) isDemonym(w string) bool {
	_, ok := r.demonym(w)
	return ok
}

// demonymNouns name one person by nationality where the demonym is an
// adjective ("the Spaniard", not "the Spanish").
var demonymNouns = set("spaniard frenchman frenchwoman englishman englishwoman irishman irishwoman scotsman scotswoman welshman welshwoman dutchman dutchwoman briton dane swede finn pole turk kiwi aussie")

// demonymNounAdjectives gives the adjective of the demonym nouns whose
// country the gazetteer knows by it.
var demonymNounAdjectives = map[string]string{
	"spaniard": "Spanish", "frenchman": "French", "frenchwoman": "French", "englishman": "English",
	"englishwoman": "English", "irishman": "Irish", "irishwoman": "Irish", "scotsman": "Scottish",
	"scotswoman": "Scottish", "welshman": "Welsh", "welshwoman": "Welsh", "dutchman": "Dutch",
	"dutchwoman": "Dutch", "briton": "British", "dane": "Danish", "swede": "Swedish", "finn": "Finnish",
	"pole": "Polish", "turk": "Turkish", "kiwi": "New Zealand", "aussie": "Australian",
}

func rank(how string) int {
	switch how {
	case graph.ResolvedSurname:
		return 1
	case graph.ResolvedPronoun:
		return 2
	case graph.ResolvedDescription:
		return 3
	}
	return 0
}

func (r *run) speaker(e *entity, sp graph.Span, how string) graph.Speaker {
	return graph.Speaker{ID: e.id, Name: e.name, Type: e.typ, Start: sp.Start, End: sp.End, Text: sp.Text, ResolvedFrom: how}
}

// unresolved is a speaker known only by the words of the text ("a senior
// official", "they"): no entity id.
func unresolved(sp graph.Span, typ graph.EntityType, how string) graph.Speaker {
	name := sp.Text
	kind := "person"
	if typ == graph.Organisation {
		kind = "organisation"
	}
	return graph.Speaker{Name: name, Type: typ, Start: sp.Start, End: sp.End, Text: sp.Text, ResolvedFrom: how, Kind: kind}
}

// describedAs is an unresolved speaker of the given description kind.
func describedAs(sp graph.Span, typ graph.EntityType, kind string) graph.Speaker {
	s := unresolved(sp, typ, graph.ResolvedDescription)
	s.Kind = kind
	return s
}

// isDemonymLike reports an adjective of a party, nation or people that
// modifies the noun after it: "Democratic", "Republican", "French". A
// closed list and the gazetteer's demonyms, not word endings: surnames end
// the same way ("Ryan", "Sullivan").
func (r *run) isDemonymLike(low string) bool {
	if partyAdjectives[low] {
		return true
	}
	_, ok := r.demonym(low)
	return ok
}

// partyAdjectives name a political family before a noun ("Republican
// claims", "Democratic voters").
var partyAdjectives = set("republican democratic democrat conservative liberal labour socialist communist progressive libertarian nationalist centrist populist")

// trimSource drops what cannot begin or end a name span: leading date
// words and prepositions ("Friday release" → no speaker, "of Innovation"),
// trailing prepositions ("the president of"). It reports false when
// nothing speaker-like is left or the phrase is a partitive of a thing
// ("Part of Ian Poulter's …", "None of Espinosa's …").
func (r *run) trimSource(p phrase) (phrase, bool) {
	toks := r.d.toks
	if len(p.coords) > 1 || p.pronoun {
		return p, true
	}
	for p.t0 < p.t1 && toks[p.t0].kind == tWord && (dayWord(toks[p.t0].low) || months[toks[p.t0].low] || edgeWords[toks[p.t0].low] || aux[toks[p.t0].low] && p.t0+1 < p.t1) {
		p.t0++ // "Should Mr. Clarke …": a modal opens the clause, not the name
	}
	for p.t1 > p.t0 && toks[p.t1-1].kind == tWord && (edgeWords[toks[p.t1-1].low] || dayWord(toks[p.t1-1].low) || releasedWords[toks[p.t1-1].low]) {
		p.t1-- // "a draft released Friday": the draft
	}
	for p.t1-p.t0 >= 3 && r.postNominal(p.t1-1) && toks[p.t1-2].cap {
		p.t1-- // "Sarah Whitlock KC said"
	}
	if p.t1 <= p.t0 {
		return p, false
	}
	if p.t0+1 < p.t1 && thingPartitives[toks[p.t0].low] && toks[p.t0+1].low == "of" {
		return p, false
	}
	if p.t1-p.t0 <= 2 && toks[p.t1-1].kind == tWord && (dateHeads[toks[p.t1-1].low] || dayWord(toks[p.t1-1].low) || months[toks[p.t1-1].low] && (p.t1 == p.t0+1 || !toks[p.t0].cap || dropCapitalised[toks[p.t0].low])) {
		return p, false // "Friday release", "the morning", "last May"; not "Theresa May"
	}
	if toks[p.t0].kind == tWord && speakerAdverbs[toks[p.t0].low] && p.t1 == p.t0+1 {
		return p, false // "meanwhile"
	}
	if p.t1 == p.t0+1 && toks[p.t0].kind == tWord && toks[p.t0].cap && p.t1 < len(toks) && toks[p.t1].kind == tWord && !toks[p.t1].cap && pluralLike(toks[p.t1].low) && r.x.cues[toks[p.t1].low].lemma == "" && r.isDemonymLike(toks[p.t0].low) {
		return p, false // "32% of Republican claims": a modifier, no speaker
	}
	return p, true
}

// headOf is the head noun of a description [a,b): the word before its
// first preposition or participle ("the proposal released by the finance
// office" → proposal, "an astronomer not involved in the study" →
// astronomer).
//
// A collective or a quantity before "of" takes its head from what it
// collects: "a team of astronomers", "a group of protesters", "one of his
// advisers" are people.
// postHeads follow a head noun and open what qualifies it: "two people
// familiar with the plans", "a source close to him".
var postHeads = set("familiar close involved knowledgeable briefed speaking")

func (r *run) headOf(a, b int) int {
	toks := r.d.toks
	for k := a + 1; k < b; k++ {
		if t := &toks[k]; t.kind == tWord && !t.cap && (edgeWords[t.low] || wherePreps[t.low] || t.low == "not" || releasedWords[t.low] || postHeads[t.low]) {
			if t.low == "of" && (collectives[toks[k-1].low] || quantities[toks[k-1].low] || determiners[toks[k-1].low] || r.possessiveAfter(k+1, b)) {
				continue // "the secretary of state's office" is an office
			}
			return k - 1
		}
	}
	return b - 1
}

// pairNouns name two people together.
var pairNouns = set("couple pair duo")

// pairBefore finds the two people named as "A and B" in the sentence of
// pos (before it) or the one before, the nearest such pair; nil when none.
func (r *run) pairBefore(pos int) []*entity {
	d := r.d
	cur := d.sentAt(pos)
	if cur < 0 {
		return nil
	}
	from := d.toks[d.sents[max(cur-1, 0)].t0].s
	type at struct {
		e *entity
		m graph.Span
	}
	var ms []at
	for _, e := range r.personsNear(pos, pos-from) {
		for _, m := range e.mentions {
			if m.Start >= from && m.End <= pos {
				ms = append(ms, at{e, m})
			}
		}
	}
	slices.SortFunc(ms, func(a, b at) int { return b.m.Start - a.m.Start })
	for i := 0; i+1 < len(ms); i++ {
		b, a := ms[i], ms[i+1]
		if a.e == b.e || a.m.End > b.m.Start {
			continue
		}
		between := strings.Fields(d.text[a.m.End:b.m.Start])
		if len(between) >= 1 && len(between) <= 3 && between[0] == "and" {
			return []*entity{a.e, b.e}
		}
	}
	return nil
}

// collectives name a set of people by what holds them together.
var collectives = set("team teams group groups panel panels delegation delegations crowd crowds coalition band bunch handful number couple pair trio dozens hundreds thousands")

// releasedWords follow a document's name: "a draft released Friday".
var releasedWords = set("released published issued seen obtained filed leaked posted")

// orgInName reports a capitalised organisation noun joined into the name
// [a,b) by "of" or "for": "Ministry of Innovation", "Nigeria Centre for
// Disease Control", "University of Lagos".
func (r *run) orgInName(a, b int) bool {
	toks := r.d.toks
	conn := false
	for k := a; k < b; k++ {
		if toks[k].low == "of" || toks[k].low == "for" {
			conn = true
		}
		if conn && k < b-1 && toks[k].cap && titleWords[stripPossessive(toks[k].low)] {
			return false // "Bank of Japan Governor Kazuo Ueda": a person after the organisation
		}
	}
	if !conn {
		return false
	}
	for k := a; k < b; k++ {
		if toks[k].cap && orgNouns[toks[k].low] && toks[k].low != "house" && toks[k].low != "post" && toks[k].low != "times" && toks[k].low != "news" {
			return true
		}
	}
	return false
}

// edgeWords never begin or end a speaker's name.
var edgeWords = set("of for at in on to from by with and or but as than about into over after before during meanwhile however also")

// thingPartitives are quantities of a thing, never of people: "part of".
var thingPartitives = set("part parts none much rest bulk remainder portion share shares lot")

// dateHeads end noun phrases that name a time or a release, not a speaker.
var dateHeads = set("release morning evening night afternoon week weekend month year day season quarter time")

// speakerAdverbs are sentence adverbs mistaken for subjects.
var speakerAdverbs = set("meanwhile however moreover separately elsewhere instead nonetheless nevertheless still")

// documentNouns head sources that are documents, not people ("according
// to the proposal", "the report said").
var documentNouns = set(`report reports screenshot screenshots proposal proposals plan plans draft drafts document documents study studies
survey surveys poll polls memo memos letter letters filing filings complaint lawsuit indictment ruling
verdict judgment judgement statement statements release releases analysis analyses data figures estimates
estimate forecast forecasts census minutes transcript transcripts agreement deal contract treaty bill law
website post tweet tweets video videos email emails message messages notice guidance paper papers review
audit assessment findings research budget text summary submission motion petition order decree
agenda agendas schedule filing record records affidavit testimony`)

// genderedName reports a word of tokens [a,b) that is a given name of a
// known gender ("Helen" in "Maricopa County Recorder Helen Purcell";
// not "Games" in "Riot Games", which the name table also lists).
func (r *run) genderedName(a, b int) bool {
	toks := r.d.toks
	for k := a; k < b; k++ {
		low := stripPossessive(toks[k].low)
		if !toks[k].cap || !r.gendered(low) || orgNouns[low] || titleWords[low] {
			continue
		}
		// a word that names things too ("Bill", "Games") counts as a
		// given name only before a surname: "Bill Hagerty"
		if !nonPersonWords[low] || k+1 < b && toks[k+1].cap && !nonPersonWords[stripPossessive(toks[k+1].low)] {
			return true
		}
	}
	return false
}

// lowerSomewhere reports a word the text also writes in lower case, or
// whose possessive it does ("the marchers' concerns"): a common noun
// where it opens a sentence ("Marchers carried banners").
func (r *run) lowerSomewhere(low string) bool {
	if r.lowerWords == nil {
		r.lowerWords = map[string]bool{}
		for i := range r.d.toks {
			if t := &r.d.toks[i]; t.kind == tWord && !t.cap {
				r.lowerWords[stripPossessive(strings.TrimSuffix(t.low, "'"))] = true
			}
		}
	}
	return r.lowerWords[low]
}

// agentPlural reports a plural of a word for people by what they do or
// believe: "conservationists", "historians".
func agentPlural(low string) bool {
	// (not "-ers", "-ors": Sanders, Vickers, Connors are surnames)
	for _, suf := range []string{"ists", "ians"} {
		if len(low) > len(suf)+2 && strings.HasSuffix(low, suf) {
			return true
		}
	}
	return false
}

// groupKind types a description: a group of people ("protesters", "the
// sides", "his defence attorneys") or one person ("the minister").
func groupKind(head string) string {
	if pluralLike(head) || pluralTitle(head) || head == "people" || head == "men" || head == "women" || head == "sides" || head == "police" || head == "staff" || head == "family" || collectives[head] {
		return "group"
	}
	return "person"
}

func (r *run) resolveOne(p phrase, pos int) ([]*entity, []graph.Speaker, string) {
	toks := r.d.toks
	p, ok := r.trimSource(p)
	if !ok {
		return nil, nil, ""
	}
	sp := r.span(p.t0, p.t1)
	if p.pronoun {
		low := toks[p.t0].low
		switch low { // possessives of speech nouns: "his claim that"
		case "his", "him":
			low = "he"
		case "her":
			low = "she"
		case "their", "them":
			low = "they"
		case "its":
			low = "it"
		}
		if dp, ok := r.subjectDescription(pos, low); ok {
			// "A spokesman pointed to the scheme, which he said had
			// helped …", "A team of astronomers has found water, a
			// finding they say …": the description this sentence is
			// about, not an older named person
			ents, spk, _ := r.resolveOne(dp, r.d.toks[dp.t0].s)
			for i := range spk {
				spk[i].Start, spk[i].End, spk[i].Text, spk[i].ResolvedFrom = sp.Start, sp.End, sp.Text, graph.ResolvedPronoun
				if low == "they" && spk[i].ID == "" {
					spk[i].Kind = "group" // "they": people, whatever the collective noun
				}
			}
			if len(spk) > 0 {
				return ents, spk, graph.ResolvedPronoun
			}
		}
		if low == "he" || low == "she" || low == "it" {
			dp, ok := phrase{}, false
			if low != "it" {
				dp, ok = r.descriptionAntecedent(pos, low)
			}
			if !ok {
				dp, ok = r.speakerDescription(pos, low)
			}
			if ok {
				// "A Northline spokeswoman declined to say …. She added …",
				// "A county spokesman said …. He added …": the description
				// the last sentence was about, not an older named person
				ents, spk, _ := r.resolveOne(dp, r.d.toks[dp.t0].s)
				for i := range spk {
					spk[i].Start, spk[i].End, spk[i].Text, spk[i].ResolvedFrom = sp.Start, sp.End, sp.Text, graph.ResolvedPronoun
				}
				if len(spk) > 0 {
					return ents, spk, graph.ResolvedPronoun
				}
			}
		}
		ents := r.resolvePronoun(low, pos)
		if len(ents) == 0 {
			typ := graph.Person
			if low == "it" {
				typ = graph.Organisation
			}
			u := unresolved(sp, typ, graph.ResolvedPronoun)
			if low == "they" || low == "we" {
				u.Kind = "group"
			}
			return nil, []graph.Speaker{u}, graph.ResolvedPronoun
		}
		out := make([]graph.Speaker, len(ents))
		for i, e := range ents {
			out[i] = r.speaker(e, sp, graph.ResolvedPronoun)
		}
		return ents, out, graph.ResolvedPronoun
	}
	if r.countsPeople(p) {
		// "two in three", "nearly eight in 10 respondents", "56 percent
		// of renters": a share of a group, never a person; but "one of
		// the sources" is one of them
		kind := "group"
		if p.t1-p.t0 >= 3 && toks[p.t0].low == "one" && toks[p.t0+1].low == "of" {
			kind = "person"
		}
		return nil, []graph.Speaker{describedAs(sp, graph.Person, kind)}, graph.ResolvedDescription
	}
	if n := p.t1 - p.t0; n >= 3 && n <= 4 && toks[p.t1-2].low == "of" && (toks[p.t1-1].low == "whom" || toks[p.t1-1].low == "them" || toks[p.t1-1].low == "us") && quantities[toks[p.t1-3].low] {
		// "many of whom said", "most of them said": several of a group
		return nil, []graph.Speaker{describedAs(sp, graph.Person, "group")}, graph.ResolvedDescription
	}
	d0 := p.t0
	for d0 < p.t1 && toks[d0].kind == tWord && determiners[toks[d0].low] {
		d0++
	}
	if d0 >= p.t1 {
		// only quantities: "many said", "Several said"
		return nil, []graph.Speaker{unresolved(sp, graph.Person, graph.ResolvedDescription)}, graph.ResolvedDescription
	}
	// "The Rijksmuseum Twenthe in Enschede": a name and the place it is in
	for k := d0 + 2; k < p.t1-1; k++ {
		if t := &toks[k]; t.kind == tWord && t.low == "in" && toks[k-1].cap && !dropCapitalised[toks[k-1].low] && r.placeName(k+1, p.t1) {
			return r.resolveOne(phrase{t0: p.t0, t1: k}, pos)
		}
	}
	// "Chad's Ambassador to France", "the UN envoy to Syria": a title to
	// a country is a description of its holder
	for k := d0 + 1; k < p.t1-1; k++ {
		if t := &toks[k]; t.kind == tWord && t.low == "to" && toks[k+1].cap && (personNouns[strings.ToLower(toks[k-1].low)] || titleWords[toks[k-1].low]) && !pluralLike(toks[k-1].low) {
			return nil, []graph.Speaker{describedAs(sp, graph.Person, "person")}, graph.ResolvedDescription
		}
	}
	// "the mayor of Port Ellis", "a diplomat in Hanoi", "the agriculture
	// ministry in Madrid", "Visitors to Central Park": the head is before
	// the preposition
	for k := d0 + 1; k < p.t1-1; k++ {
		if t := &toks[k]; t.kind == tWord && !t.cap && (t.low == "of" || t.low == "for" || t.low == "at" || wherePreps[t.low] && (toks[k+1].cap || determiners[toks[k+1].low] && k+2 < p.t1 && toks[k+2].cap && pluralLike(toks[k-1].low) && (personNouns[strings.ToLower(toks[k-1].low)] || agentPlural(strings.ToLower(toks[k-1].low))))) &&
			(!toks[k-1].cap && (personNouns[toks[k-1].low] || titleWords[toks[k-1].low] || orgNouns[toks[k-1].low] && wherePreps[t.low]) || k-1 == d0 && toks[k-1].cap && wherePreps[t.low] && (orgNouns[toks[k-1].low] || personNouns[toks[k-1].low] && pluralLike(toks[k-1].low))) && !r.possessiveAfter(k+1, p.t1-1) {
			// ("Police in Cumbria say": the police, capitalised by the
			// sentence, not the county)
			ents, out, how := r.resolveOne(phrase{t0: p.t0, t1: k}, pos)
			if (t.low == "for" || t.low == "of") && len(ents) == 0 && len(out) == 1 && out[0].ID == "" && how == graph.ResolvedDescription {
				// left a description: it keeps whom it speaks for ("A
				// spokesperson for Harrow Lane Homes"), which tells the
				// reader more than the head alone; a place ("a diplomat in
				// Hanoi") is left out
				out[0].Name, out[0].Text, out[0].Start, out[0].End = sp.Text, sp.Text, sp.Start, sp.End
			}
			return ents, out, how
		}
	}
	// "The Tax Policy Center at the Urban Institute", "the Hoover
	// Institution at Stanford", "Officials at Homeland Security
	// Investigations": who is housed at an organisation speaks, not the
	// organisation (no name is made with "at")
	for k := d0 + 1; k < p.t1-1; k++ {
		if t := &toks[k]; t.kind == tWord && t.low == "at" && !t.cap && toks[k-1].cap && r.atHead(d0, k) && r.hasName(k+1, p.t1) {
			ents, out, how := r.resolveOne(phrase{t0: p.t0, t1: k}, pos)
			if len(ents) == 0 && len(out) == 1 && out[0].ID == "" && how == graph.ResolvedDescription {
				// "Officials at Homeland Security Investigations": the
				// description keeps where they work
				out[0].Name, out[0].Text, out[0].Start, out[0].End = sp.Text, sp.Text, sp.Start, sp.End
			}
			return ents, out, how
		}
	}
	// "Mr. Morgan of the Sierra Club", "Ana Ruiz of Tucson", "Residents
	// of Tucson": a person's name, or a group, and where they are from;
	// not a name made with "of" ("Bank of England", "Isle of Man")
	if d0 == p.t0 {
		for k := d0 + 1; k < p.t1-1; k++ {
			t := &toks[k]
			if t.kind != tWord || t.cap || !(t.low == "of" || t.low == "at" || t.low == "from") {
				continue
			}
			b := &toks[k-1]
			if !b.cap || !r.hasName(d0, k) && !personNouns[b.low] {
				break
			}
			whole := strings.ToLower(stripPossessive(r.text(d0, p.t1)))
			_, org := knownOrgs[whole]
			if _, place := r.lookupPlace(r.text(d0, p.t1)); place || org || orgNouns[stripPossessive(b.low)] || titleWords[b.low] || r.orgInName(d0, k) {
				break
			}
			if personNouns[b.low] || r.personLike(phrase{t0: d0, t1: k}) {
				return r.resolveOne(phrase{t0: p.t0, t1: k}, pos)
			}
			break
		}
	}
	last := &toks[p.t1-1]
	lastLow := stripPossessive(last.low)
	// a description is typed by its head noun, not its last word: "an
	// astronomer not involved in the study" is a person
	head := r.headOf(d0, p.t1)
	headLow := stripPossessive(toks[head].low)
	if p.t1-p.t0 == 2 && toks[p.t0].low == "the" && pairNouns[headLow] {
		// "Singer Maya Solis and actor Ben Hartley have separated …, the
		// couple confirmed": the two people just named together
		if two := r.pairBefore(pos); two != nil {
			out := make([]graph.Speaker, len(two))
			for i, e := range two {
				// (no alias: "the couple" is neither of them alone)
				out[i] = r.speaker(e, sp, graph.ResolvedDescription)
			}
			return two, out, graph.ResolvedDescription
		}
	}
	if !toks[head].cap && documentNouns[headLow] {
		// "according to the proposal", "the report said": a document
		// is a source, never a person; its author, when named, is the
		// possessor ("the ministry's report")
		for k := d0; k < p.t1-1; k++ {
			if toks[k].cap && isPossessive(toks[k].low) {
				return r.resolveOne(phrase{t0: d0, t1: k + 1}, pos)
			}
		}
		return nil, []graph.Speaker{describedAs(sp, graph.Organisation, "document")}, graph.ResolvedDescription
	}
	if last.cap && !r.titleDescription(p, d0) {
		// the capitalised run at the end of the phrase
		c0 := p.t1 - 1
		for c0 > d0 && (toks[c0-1].cap || nameConnectors[toks[c0-1].low] && toks[c0-1].kind == tWord || toks[c0-1].low == "&" && c0-2 >= d0 && toks[c0-2].cap) {
			c0-- // ("Marks & Spencer Group": over an ampersand too)
		}
		for c0 < p.t1-1 && dropCapitalised[toks[c0].low] {
			c0++
		}
		// "the Nigeria Centre for Disease Control": the name goes on
		// back over "for"/"of" to an organisation noun
		for c0-2 >= d0 && (toks[c0-1].low == "for" || toks[c0-1].low == "of") && toks[c0-2].cap && orgNouns[toks[c0-2].low] {
			c0 -= 2
			for c0 > d0 && toks[c0-1].cap {
				c0--
			}
		}
		if c0-2 >= d0 && r.text(c0-1, c0) == "and" && toks[c0-2].cap {
			// "Cybersecurity and Infrastructure Security Agency": one
			// name with "and" when findNames read it as one
			// ("Ministry of Oceans and Fisheries": back over "of" too)
			if start, ok := r.orgAcross(r.nameStartBack(c0-2, d0), p.t1); ok {
				c0 = start
			}
		}
		runText := stripPossessive(r.text(c0, p.t1))
		low := strings.ToLower(runText)
		if name, ok := knownOrgs[low]; ok {
			e := r.entity(graph.Organisation, name)
			return r.one(e, sp, graph.ResolvedName)
		}
		if p.t1-c0 == 1 && orgNouns[lastLow] && c0 > p.t0 && toks[c0-1].low == "the" {
			if e := r.recentOrg(lastLow, pos); e != nil && strings.Contains(e.name, " ") {
				// "the Commission said" after "The European Commission":
				// the organisation named in full
				e.addAlias(sp.Text)
				e.mentions = append(e.mentions, sp)
				r.touch(e)
				return r.one(e, sp, graph.ResolvedDescription)
			}
		}
		_, surname := r.bySurname[low]
		// ("Baptiste's father, Patrick, said": a given name with a role in
		// apposition is a person, whatever town bears it)
		roled := (p.hasLead || p.appos[1] > p.appos[0]) && r.givenName(low)
		if pl, ok := r.lookupPlace(runText); ok && !surname && !roled && (c0 == d0 || !titleWords[toks[c0-1].low]) {
			e := r.entityWithID(pl.ID, graph.Place, pl.Name)
			return r.one(e, sp, graph.ResolvedName)
		}
		if p.t1-p.t0 == 1 && orgNouns[lastLow] && !isUpperWord(runText) && !r.hasEntityNamed(runText) {
			// "Police said", "Government sources": a common noun opening
			// the sentence, the description it is in lower case
			return nil, []graph.Speaker{describedAs(sp, graph.Organisation, "organisation")}, graph.ResolvedDescription
		}
		if p.t1-p.t0 == 1 && pluralLike(lastLow) && (agentPlural(lastLow) || r.lowerSomewhere(lastLow)) && r.bySurname[lastLow] == nil && !r.hasEntityNamed(runText) && p.t0 == r.d.sents[r.d.sentAt(toks[p.t0].s)].t0 {
			// "Conservationists say", "Campaigners said": a capitalised
			// plural of a word for people, opening the sentence, is a group
			return nil, []graph.Speaker{describedAs(sp, graph.Person, "group")}, graph.ResolvedDescription
		}
		if p.t1-p.t0 == 1 && personNouns[lastLow] && pluralLike(lastLow) {
			// "Protesters said": a capitalised plural noun opening the
			// sentence is a group, not a name
			return nil, []graph.Speaker{describedAs(sp, graph.Person, "group")}, graph.ResolvedDescription
		}
		if (orgNouns[lastLow] && (p.t1-c0 >= 2 || d0 < c0 || d0 > p.t0 || p.t1-c0 == 1 && (pluralLike(lastLow) || isUpperWord(runText))) || r.orgInName(c0, p.t1)) && !r.titleThenGiven(c0, p.t1) {
			e := r.entity(graph.Organisation, runText)
			return r.one(e, sp, graph.ResolvedName)
		}
		// person: the name after titles, demonyms and organisations
		n0 := p.t1 - 1
		for n0 > c0 && !titleWords[toks[n0-1].low] && !(pluralTitle(toks[n0-1].low) && r.nameStartsAt(n0)) && !personNouns[toks[n0-1].low] && !modifiers[toks[n0-1].low] && !isPossessive(toks[n0-1].low) &&
			!(n0-1 == c0 && p.t1-n0 >= 2 && agentNoun(toks[c0].low) && !r.givenName(toks[c0].low) && r.givenName(toks[n0].low)) { // ("Forecaster Lin Abara")
			if _, ok := r.demonym(r.text(n0-1, n0)); ok && n0-1 == c0 {
				break
			}
			n0--
		}
		name := stripPossessive(r.text(n0, p.t1))
		how := graph.ResolvedName
		var e *entity
		if p.t1-n0 >= 2 && nameConnectors[toks[n0].low] {
			// "de Vries said" after "Pieter de Vries": the surname with its
			// particle (capitalised where it opens the sentence: "De
			// Lacroix, 61, has made wine")
			if pe := r.particleSurname(name, toks[p.t1-1].low); pe != nil {
				e, how = pe, graph.ResolvedSurname
			}
		}
		if e == nil && n0 > c0 && !toks[n0].cap && nameConnectors[toks[n0].low] && titleWords[stripPossessive(toks[n0-1].low)] {
			// "The Princess of Wales", "the Mayor of London", "The
			// Archbishop of Canterbury": a title of a place or an
			// organisation standing for its holder, no name "of Wales"
			return nil, []graph.Speaker{describedAs(sp, graph.Person, "person")}, graph.ResolvedDescription
		}
		if e == nil && p.t1-n0 == 1 {
			if pe, ok := r.bySurname[strings.ToLower(name)]; ok {
				e = pe
				if strings.Contains(e.name, " ") {
					how = graph.ResolvedSurname
				}
			} else if ge := r.byGiven[strings.ToLower(name)]; ge != nil && n0 == p.t0 && !isUpperWord(name) {
				e = ge // "Irena said" after "Irena Novak, 71,": her given name
				e.addAlias(name)
			} else if oe := r.orgShortName(strings.ToLower(name)); oe != nil && n0 == p.t0 && !isUpperWord(name) {
				e = oe // "Harlan said" after "Harlan Motors": the company by its first word
				e.addAlias(name)
			} else if len(name) > 1 && strings.ToUpper(name) == name && !strings.Contains(name, ".") {
				e = r.entity(graph.Organisation, name) // an acronym: "NATO", "CNN"
			} else if art := r.articleOf(n0, p.t0); art >= 0 {
				if art == p.t0 && r.familyPlural(strings.ToLower(name)) {
					// "the Bertolinis say": a family by its surname, people
					// rather than one of them
					return nil, []graph.Speaker{describedAs(sp, graph.Person, "group")}, graph.ResolvedDescription
				}
				if art == p.t0 && partyMembers[strings.ToLower(name)] {
					// "the Republican thanked his volunteers": a person by
					// party, the one whose role says so, else a description
					if e := r.recentPerson(strings.ToLower(name), "", false); e != nil {
						e.addAlias(sp.Text)
						e.mentions = append(e.mentions, sp)
						return r.one(e, sp, graph.ResolvedDescription)
					}
					return nil, []graph.Speaker{describedAs(sp, graph.Person, "person")}, graph.ResolvedDescription
				}
				if art == p.t0 && (demonymNouns[strings.ToLower(name)] || !strings.HasSuffix(name, "s") && r.isDemonym(name)) {
					// "the Spaniard told BBC Sport": a person by nationality,
					// the one person named before whose role is of that
					// country ("Spain's Mateo Ruiz"), else the person this
					// or the previous sentence is about, when nothing says
					// they are from elsewhere ("Kowalczyk, 19, was playing
					// …. The Pole tweeted"), else a description
					adj := name
					if a, ok := demonymNounAdjectives[strings.ToLower(name)]; ok {
						adj = a
					}
					if pl, ok := r.demonym(adj); ok {
						e := r.personOf(pl.ID, pos)
						if e == nil {
							e = r.nationalSubject(pl.ID, demonymGender(strings.ToLower(name)), pos)
						}
						if e != nil {
							e.addAlias(sp.Text)
							e.mentions = append(e.mentions, sp)
							r.touch(e)
							return r.one(e, sp, graph.ResolvedDescription)
						}
					}
					return nil, []graph.Speaker{describedAs(sp, graph.Person, "person")}, graph.ResolvedDescription
				}
				// people do not take an article before a bare name: "the
				// West", "the Times" are collectives and outlets
				e = r.entity(graph.Organisation, name)
			}
		}
		if e == nil && n0 > p.t0 && !toks[n0-1].cap && toks[n0-1].kind == tWord && orgDescriptor(toks[n0-1].low) {
			e = r.entity(graph.Organisation, name) // "Rail operator Northline said"
		}
		if e == nil && p.t1-n0 == 1 && p.appos[1] > p.appos[0] && r.orgApposition(p.appos) {
			e = r.entity(graph.Organisation, name) // "Lumenta, a two-year-old chip startup, said"
		}
		if e == nil && p.t1-n0 >= 2 {
			// a name the text already typed an organisation ("The United
			// Auto Workers, which represents …"), or one after "the"
			// without a given name
			if oe, ok := r.byID[entityID(graph.Organisation, name)]; ok {
				e = oe
			} else if n0 == d0 && r.articleBeforeName(n0, p.t1) {
				e = r.entity(graph.Organisation, name)
			}
		}
		if e == nil {
			if oe, ok := r.byID[entityID(graph.Organisation, name)]; ok && !r.gendered(toks[n0].low) {
				e = oe // "Applewood said" after "Applewood, the maker of …,"
			} else if p.t1-n0 >= 2 && hasNonName(toks[n0:p.t1]) && !r.genderedName(n0, p.t1) && !r.surnameLikeWord(n0, p.t1) {
				// "Amnesty International said", "Pacific National said": a
				// word no person's name holds
				e = r.entity(graph.Organisation, name)
			} else {
				e = r.entity(graph.Person, name)
			}
		}
		if e.typ == graph.Person {
			of := r.roleOf(d0, n0)
			if n0 > d0 {
				if t := r.titleText(d0, n0, of); t != "" {
					e.addRole(t, of)
				}
			}
			if p.appos[1] > p.appos[0] {
				a0 := p.appos[0]
				for a0 < p.appos[1] && determiners[toks[a0].low] {
					a0++
				}
				a1 := p.appos[1]
				for k := a0 + 1; k < a1; k++ {
					if toks[k].kind == tWord && (relatives[toks[k].low] || toks[k].low == "whose") {
						a1 = k // "a buyer for a bottler who visits …": the role ends before the clause
						break
					}
				}
				for a0 < a1 && (toks[a0].kind == tNum || r.isPunct(a0, ",")) {
					a0++ // "Craig Dunmore, 34, of Mansfield": an age, no role
				}
				if a0 < a1 && (toks[a0].low == "of" || toks[a0].low == "from") && a0+1 < a1 && toks[a0+1].cap {
					a0 = a1 // "of Mansfield": where they are from, no role
				}
				if a0 < a1 && !toks[a0].cap && strings.HasSuffix(toks[a0].low, "ing") && toks[a0].kind == tWord {
					a0 = a1 // "speaking to reporters in the mixed zone": what they did, no role
				}
				if a0 < a1 && (speakerAdverbs[toks[a0].low] || asideAdverbs[toks[a0].low]) && strings.TrimRight(r.text(a0, a1), ", ") == r.text(a0, a0+1) {
					a0 = a1 // "Bush, however, interjected": an adverb, no role
				}
				if a0 < a1 && !relatives[toks[a0].low] && toks[a0].low != "whose" {
					// not "who runs the shop next door": a clause, no role
					e.addRole(strings.TrimRight(r.text(a0, a1), ", "), r.roleOf(a0, a1))
					e.addAlias(strings.TrimRight(r.text(p.appos[0], a1), ", "))
				}
			}
			if n0 > p.t0 {
				// A description before the name is an alias of its own
				// ("Russia's top negotiator"), which later mentions use; a
				// lone title ("President") is too generic for that, so it
				// stays attached to the name.
				if desc := strings.TrimSpace(r.text(p.t0, n0)); strings.Count(desc, " ") >= 1 && !strings.HasSuffix(desc, ".") {
					e.addAlias(desc)
				} else {
					e.addAlias(strings.TrimSpace(stripPossessive(sp.Text)))
				}
			}
		}
		if e.typ == graph.Organisation && p.appos[1] > p.appos[0]+1 && toks[p.appos[0]].low == "the" && orgNouns[stripPossessive(toks[p.appos[1]-1].low)] && !documentNouns[stripPossessive(toks[p.appos[1]-1].low)] {
			// "The board, Northgate Assessment, said": later "the board"
			// is the same organisation
			e.addAlias(strings.TrimRight(r.text(p.appos[0], p.appos[1]), ", "))
		}
		ns := r.nameSpan(n0, p.t1)
		e.mentions = append(e.mentions, ns)
		return r.one(e, sp, how)
	}
	// a description: "the official", "the Russian envoy", "the Clinton campaign"
	// ("the coast guard", "the National Guard": a service, not a guard)
	if orgNouns[headLow] || headLow == "guard" && head > d0 && guardServices[toks[head-1].low] {
		c0 := -1
		for k := d0; k < p.t1-1; k++ {
			if toks[k].cap {
				c0 = k
				break
			}
		}
		if c0 >= 0 {
			name := r.text(c0, p.t1)
			e := r.entity(graph.Organisation, name)
			e.mentions = append(e.mentions, r.span(c0, p.t1))
			return r.one(e, sp, graph.ResolvedName)
		}
		if e := r.orgInApposition(p); e != nil {
			// "The regulator, the Communications Authority, said": the
			// name in the apposition
			e.addAlias(sp.Text)
			e.mentions = append(e.mentions, sp)
			r.touch(e)
			return r.one(e, sp, graph.ResolvedDescription)
		}
		if definite(toks[p.t0].low) {
			// "Thermly, a London-based maker of heat pumps, has raised
			// $85 million …, the company said": the company the sentence
			// is about, before one it names in passing (looked at first:
			// recentOrg touches what it finds)
			var e *entity
			if companyNouns[headLow] {
				e = r.sentenceCompany(pos)
			}
			if e == nil {
				e = r.recentOrg(headLow, pos)
			}
			// "the airport's operator" is related to the airport, not
			// the company named last
			owned := r.possessiveAfter(d0, head)
			if e == nil && companyNouns[headLow] && !owned {
				e = r.recentOrgSpeaker(pos)
			}
			if e == nil && companyNouns[headLow] && !owned {
				e = r.nearOrg(pos)
			}
			if e != nil && companyNouns[headLow] && publicBody(e.name) {
				// "the company" is no agency: after "The federal
				// Cybersecurity and Infrastructure Security Agency said",
				// the company of the story
				e = r.salientCompany(pos)
			}
			if e != nil && collectives[headLow] && institution(e.name) {
				// "researchers from the University of Tartu … The team
				// wrote": a team at an institution is not the institution
				e = nil
			}
			if e != nil {
				e.addAlias(sp.Text)
				e.mentions = append(e.mentions, sp)
				return r.one(e, sp, graph.ResolvedDescription)
			}
		}
		return nil, []graph.Speaker{describedAs(sp, graph.Organisation, "organisation")}, graph.ResolvedDescription
	}
	if (personNouns[headLow] || titleWords[headLow]) && definite(toks[p.t0].low) && !strings.HasSuffix(headLow, "s") {
		place := ""
		for k := d0; k < p.t1-1; k++ {
			if pl, ok := r.demonym(r.text(k, k+1)); ok {
				place = pl.ID
			} else if pl, ok := r.lookupPlace(stripPossessive(r.text(k, k+1))); ok {
				place = pl.ID
			}
		}
		if r.sameUnnamed(headLow, pos) {
			// "A senior Navy official, who spoke on condition of
			// anonymity, said … The official cautioned …": the same
			// unnamed person, not the last named one
			return nil, []graph.Speaker{describedAs(sp, graph.Person, groupKind(headLow))}, graph.ResolvedDescription
		}
		e := r.recentPerson(headLow, place, genericHeads[headLow])
		if e == nil && place == "" {
			e = r.titledPerson(headLow, strings.ToLower(stripPossessive(r.text(d0, p.t1))), pos)
		}
		if e == nil && place == "" && positionNouns[headLow] && r.agedPerson(sp.Text, pos) == nil {
			// "… two goals from Tiago Ferreira …. The 23-year-old forward
			// said": a player by position, the one person named in this
			// or the previous sentence (not a person by age alone: "The
			// 43-year-old former congressman" after a sentence naming
			// someone else is someone known)
			e = r.onlyPersonInView(pos)
		}
		if e != nil {
			e.addAlias(sp.Text)
			e.mentions = append(e.mentions, sp)
			r.touch(e)
			return r.one(e, sp, graph.ResolvedDescription)
		}
	}
	if strings.HasSuffix(headLow, "-year-old") && definite(toks[p.t0].low) && r.agedPerson(sp.Text, pos) == nil {
		// "Singer Maya Reyes said …. In a video, the 27-year-old told
		// …": an age alone stands for the one person in view, or for the
		// one who spoke in the sentence before ("Rao's coach, Viktor
		// Sokolov, said …. “…,” the 61-year-old admitted")
		e := r.onlyPersonInView(pos)
		if e == nil {
			e = r.prevSpeaker(pos)
		}
		if lo, hi, ok := ageRange(sp.Text); e != nil && ok {
			if n, known := r.ageOf(e); known && (n < lo || n > hi) {
				e = nil // "Smith, 45, said …. “…,” the 61-year-old said": someone else
			}
		}
		if e != nil {
			e.addAlias(sp.Text)
			e.mentions = append(e.mentions, sp)
			r.touch(e)
			return r.one(e, sp, graph.ResolvedDescription)
		}
	}
	if e := r.agedPerson(sp.Text, pos); e != nil {
		// "said the teenager" after "Eighteen-year-old Chidi Okafor"
		e.addAlias(sp.Text)
		e.mentions = append(e.mentions, sp)
		r.touch(e)
		return r.one(e, sp, graph.ResolvedDescription)
	}
	return nil, []graph.Speaker{describedAs(sp, graph.Person, groupKind(headLow))}, graph.ResolvedDescription
}

// sameUnnamed reports whether the statement before pos was made by an
// indefinite description with head ("a senior official", "one
// diplomat") that resolved to no one: "the official" then is that
// person.
func (r *run) sameUnnamed(head string, pos int) bool {
	for i := len(r.stmts) - 1; i >= 0 && len(r.stmts)-i <= 2; i-- {
		st := r.stmts[i]
		if st.ce > pos {
			continue
		}
		if pos-st.ce > nearOrgBytes || len(st.ents) != 0 || len(st.speakers) != 1 || st.speakers[0].ID != "" {
			return false
		}
		words := strings.Fields(strings.ToLower(st.speakers[0].Text))
		if len(words) < 2 || words[0] != "a" && words[0] != "an" && words[0] != "one" && words[0] != "another" {
			return false
		}
		for _, w := range words[1:min(len(words), 6)] {
			if strings.TrimRight(w, ",") == head {
				return true
			}
		}
		return false
	}
	return false
}

// orgInApposition is the organisation an apposition of p names in full
// ("the Communications Authority", "Orbitlink's parent, Halecorp Inc."),
// or nil.
func (r *run) orgInApposition(p phrase) *entity {
	toks := r.d.toks
	a, b := p.appos[0], p.appos[1]
	for b > a && toks[b-1].kind == tPunct {
		b--
	}
	for a < b && toks[a].kind == tWord && determiners[toks[a].low] {
		a++
	}
	if b-a < 1 || !toks[a].cap || r.d.capRun(a, b) != b {
		return nil
	}
	name := stripPossessive(r.text(a, b))
	if known, ok := knownOrgs[strings.ToLower(name)]; ok {
		return r.entity(graph.Organisation, known)
	}
	if e, ok := r.byID[entityID(graph.Organisation, name)]; ok {
		return e
	}
	if b-a >= 2 && orgNouns[stripPossessive(toks[b-1].low)] {
		return r.entity(graph.Organisation, name)
	}
	return nil
}

// hasEntityNamed reports an organisation the text named so ("Congress",
// "Parliament" once typed by an earlier mention).
func (r *run) hasEntityNamed(name string) bool {
	_, ok := r.byID[entityID(graph.Organisation, name)]
	return ok
}

// possessiveAfter reports a possessive among the tokens [a,b): "the
// secretary of state's office" is headed by "office", the possessor being
// "the secretary of state".
func (r *run) possessiveAfter(a, b int) bool {
	for k := a; k < b; k++ {
		if isPossessive(r.d.toks[k].low) {
			return true
		}
	}
	return false
}

// nearOrg is the organisation mentioned last before pos when that mention
// is close (within nearOrgBytes, about two sentences): "the company" after
// "shares of chipmaker X jumped" is X; far away it stays a description.
func (r *run) nearOrg(pos int) *entity {
	e := r.lastMentioned(pos, classOrg)
	if e == nil {
		return nil
	}
	for i := len(e.mentions) - 1; i >= 0; i-- {
		if m := e.mentions[i]; m.Start < pos {
			if r.recipient(m.Start) || r.publication(m.Start) {
				return nil // "She told the Korea Herald …": an outlet spoken to; "in the journal X": where it was published
			}
			if pos-m.Start <= nearOrgBytes || r.onlyOrgBefore(e, pos) {
				return e
			}
			break
		}
	}
	return nil
}

// publicBody reports an organisation named as a government body: a word
// of its name is an agency, ministry, court … ("Cybersecurity and
// Infrastructure Security Agency", "Department of Labor", "Federal
// Trade Commission").
func publicBody(name string) bool {
	for _, w := range strings.Fields(strings.ToLower(name)) {
		if publicBodyWords[w] {
			return true
		}
	}
	return false
}

var publicBodyWords = set("agency ministry department commission council committee court tribunal police government administration bureau authority senate parliament congress army navy regulator parliamentary")

// salientCompany is the organisation other than a public body named most
// often before pos (ties to the one named last): the company a story is
// about.
func (r *run) salientCompany(pos int) *entity {
	if len(r.ents) > maxOrgScan {
		return nil
	}
	var best *entity
	bestN, bestAt := 0, -1
	for _, o := range r.ents {
		if o.typ != graph.Organisation || publicBody(o.name) {
			continue
		}
		// the last 64 mentions at most: the time stays bounded on long
		// documents
		n, at := 0, -1
		for k := len(o.mentions) - 1; k >= 0 && len(o.mentions)-k <= 64; k-- {
			if m := o.mentions[k]; m.Start < pos && !r.recipient(m.Start) && !r.publication(m.Start) {
				n++
				at = max(at, m.Start)
			}
		}
		if n > bestN || n == bestN && n > 0 && at > bestAt {
			best, bestN, bestAt = o, n, at
		}
	}
	return best
}

// institution reports an organisation whose name opens with what people
// work or study at: "University of Tartu", "Institute for Fiscal
// Studies", "Ministry of Health".
func institution(name string) bool {
	first, _, _ := strings.Cut(strings.ToLower(name), " ")
	return institutionHeads[first]
}

var institutionHeads = set("university institute ministry department college school hospital academy centre center laboratory observatory")

// recentOrgSpeaker is the organisation of one of the last four
// statements when it is near (nearOrgBytes × 3): "Harbor Foods reported …, beating Wall Street
// estimates …. The company said …" is Harbor Foods, not the last
// organisation named in passing.
func (r *run) recentOrgSpeaker(pos int) *entity {
	for i := len(r.stmts) - 1; i >= 0 && len(r.stmts)-i <= 4; i-- {
		st := r.stmts[i]
		if pos < st.ce || pos-st.ce > 3*nearOrgBytes {
			return nil
		}
		if len(st.ents) == 1 && st.ents[0].typ == graph.Organisation {
			return st.ents[0]
		}
	}
	return nil
}

// publication reports a mention at byte start named after a publication
// noun ("the journal Animal Cognition"): an outlet, not "the team" or "the
// company" of the story.
func (r *run) publication(start int) bool {
	toks := r.d.toks
	i := sort.Search(len(toks), func(i int) bool { return toks[i].s >= start }) - 1
	return i >= 0 && (publicationNouns[toks[i].low] || toks[i].low == "broadcaster" || toks[i].low == "broadcasters")
}

// recipient reports a mention at byte start that follows "told (the)" or
// "to (the)": someone was spoken to, it did not speak.
func (r *run) recipient(start int) bool {
	toks := r.d.toks
	i := sort.Search(len(toks), func(i int) bool { return toks[i].s >= start }) - 1
	// "told local broadcaster NRK": up to three words describe the recipient
	for n := 0; n < 3 && i >= 0 && toks[i].kind == tWord && !toks[i].cap && !stopBack[toks[i].low] && toks[i].low != "told" && toks[i].low != "tells"; n++ {
		i--
	}
	if i >= 0 && toks[i].low == "the" {
		i--
	}
	return i >= 0 && (toks[i].low == "told" || toks[i].low == "to" || toks[i].low == "tells")
}

// onlyOrgBefore reports whether e is the one organisation named before pos
// (looked for among the first maxOrgScan entities only, so that the check
// stays cheap on long texts): "the orchestra" far below "The Han River
// Philharmonic has cancelled …" in an article that names no other.
func (r *run) onlyOrgBefore(e *entity, pos int) bool {
	if len(r.ents) > maxOrgScan {
		return false
	}
	for _, o := range r.ents {
		if o != e && o.typ == graph.Organisation && len(o.mentions) > 0 && o.mentions[0].Start < pos {
			return false
		}
	}
	return true
}

const maxOrgScan = 200

const nearOrgBytes = 400

// genericHeads describe any spokesperson: "the official added" refers to
// the last speaker. Other heads ("the president") need a matching role.
var genericHeads = set("official envoy diplomat negotiator spokesman spokeswoman spokesperson source aide adviser advisor")

func definite(low string) bool {
	return low == "the" || low == "this" || low == "that"
}

func (r *run) one(e *entity, sp graph.Span, how string) ([]*entity, []graph.Speaker, string) {
	if len(e.mentions) == 0 {
		// a speaker named only in its source phrase ("The Bank of
		// England said") is listed among the entities, not only implied
		m := sp
		for _, det := range []string{"The ", "the ", "A ", "a ", "An ", "an "} {
			if strings.HasPrefix(m.Text, det) && len(m.Text) > len(det) {
				m.Start += len(det)
				m.Text = m.Text[len(det):]
				break
			}
		}
		e.mentions = append(e.mentions, m)
		r.touch(e)
	}
	return []*entity{e}, []graph.Speaker{r.speaker(e, sp, how)}, how
}

// roleOf finds the place or organisation a title belongs to: a demonym
// ("Russian"), a possessive ("Russia's") or a known organisation.
func (r *run) roleOf(t0, t1 int) string {
	toks := r.d.toks
	for k := t0; k < t1; k++ {
		if !toks[k].cap {
			continue
		}
		for e := t1; e >= k+2; e-- {
			// an organisation of several words named in the text: "Bank of
			// England Governor", not of England
			if _, ok := r.byID[entityID(graph.Organisation, stripPossessive(r.text(k, e)))]; ok {
				return entityID(graph.Organisation, stripPossessive(r.text(k, e)))
			}
		}
		w := stripPossessive(r.text(k, k+1))
		if k+1 < t1 && toks[k+1].cap {
			// a place of two or three words first: "New York", not York
			for e := min(t1, k+3); e > k+1; e-- {
				if pl, ok := r.lookupPlace(stripPossessive(r.text(k, e))); ok {
					return pl.ID
				}
			}
		}
		if e, ok := r.bySurname[strings.ToLower(w)]; ok {
			return e.id // "Clinton's spokesman": of a person
		}
		if pl, ok := r.demonym(w); ok {
			return pl.ID
		}
		if pl, ok := r.lookupPlace(w); ok {
			return pl.ID
		}
		if name, ok := knownOrgs[strings.ToLower(w)]; ok {
			return entityID(graph.Organisation, name)
		}
		if k+1 < t1 {
			if name, ok := knownOrgs[strings.ToLower(stripPossessive(r.text(k, k+2)))]; ok {
				return entityID(graph.Organisation, name)
			}
		}
	}
	return ""
}

type date = time.Time

func parseDate(s string) date {
	if len(s) < 10 {
		return date{}
	}
	t, err := time.Parse("2006-01-02", s[:10])
	if err != nil {
		return date{}
	}
	return t
}

// statementDate is the publication date, moved back to the weekday the
// sentence names ("on Tuesday") or to "yesterday".
func (r *run) statementDate(s sentence) string {
	if r.pubDate.IsZero() {
		return ""
	}
	dt := r.pubDate
	toks := r.d.toks
	for i := s.t0; i < s.t1; i++ {
		t := &toks[i]
		if t.kind != tWord || t.quote >= 0 {
			continue
		}
		if wd, ok := weekdays[t.low]; ok && t.cap {
			back := (int(r.pubDate.Weekday()) - wd + 7) % 7
			dt = r.pubDate.AddDate(0, 0, -back)
			break
		}
		if t.low == "yesterday" {
			dt = r.pubDate.AddDate(0, 0, -1)
			break
		}
	}
	return dt.Format("2006-01-02")
}

// findMentions adds surname mentions of people met anywhere in the text.
func (r *run) findMentions() {
	d := r.d
	for si, s := range d.sents {
		if r.cancelled(si) {
			return
		}
		if r.skip[si] {
			continue
		}
		for i := s.t0; i < s.t1; i++ {
			t := &d.toks[i]
			if t.kind != tWord || !t.cap {
				continue
			}
			j := d.capRun(i, s.t1)
			if j == i+1 {
				if e, ok := r.bySurname[stripPossessive(t.low)]; ok {
					sp := r.nameSpan(i, j)
					e.mentions = append(e.mentions, sp)
					e.addAlias(sp.Text)
				}
			}
			i = j - 1
		}
	}
}

var negativeSubjects = set("nobody none neither noone")

// countsPeople reports a source phrase that is a survey's share or a
// counted group: "two in three", "56 percent of renters", "most voters".
func (r *run) countsPeople(p phrase) bool {
	toks := r.d.toks
	if r.quantified(p) {
		return true
	}
	for k := p.t0 + 1; k+1 < p.t1; k++ {
		if toks[k].low == "in" && r.isNumber(k-1) && r.isNumber(k+1) {
			return true
		}
	}
	for k := p.t0; k+1 < p.t1 && k < p.t0+3; k++ {
		if (toks[k].kind == tNum || r.isNumber(k)) && (toks[k+1].low == "percent" || toks[k+1].low == "%") {
			return true
		}
	}
	return false
}

// articleOf returns the index of the "the" before the name at n0, over an
// age and lower-case modifiers ("the 21-year-old Nigerian", "the young
// Pole"), not before t0; -1 when there is none.
func (r *run) articleOf(n0, t0 int) int {
	toks := r.d.toks
	k := n0 - 1
	for k > t0 && (strings.HasSuffix(toks[k].low, "-year-old") || !toks[k].cap && modifiers[toks[k].low]) {
		k--
	}
	if k >= t0 && k < n0 && toks[k].low == "the" {
		return k
	}
	return -1
}

// demonymGender is the gender a demonym noun gives ("Frenchwoman"), 0 when
// none.
func demonymGender(low string) byte {
	switch {
	case !demonymNouns[low]:
		return 0 // "German", "Omani"
	case strings.HasSuffix(low, "woman"):
		return 'f'
	case strings.HasSuffix(low, "man"):
		return 'm'
	}
	return 0
}

// nationalSubject is the person that the sentence holding pos or the one
// before it is about (its subject, as for pronouns), unless they are
// known to be from or of somewhere other than place, or another person is
// named there too: the nationality noun of sports and feature writing
// names the person just named.
// onlyAfterThe reports a person whose every mention follows "the": a
// climb or a stretch of road named like a person ("attacked on the Oude
// Kwaremont") more likely than someone in view.
func (r *run) onlyAfterThe(e *entity) bool {
	if len(e.mentions) == 0 {
		return false
	}
	for _, m := range e.mentions {
		before := strings.TrimRight(r.d.text[:m.Start], " ")
		if len(before) < 3 || !strings.EqualFold(before[len(before)-3:], "the") || len(before) > 3 && isWordByte(before[len(before)-4]) {
			return false
		}
	}
	return true
}

func (r *run) nationalSubject(place string, g byte, pos int) *entity {
	classes := []class{classPersonM, classPersonF}
	if g != 0 {
		classes = []class{genderClass(g)}
	}
	cur := r.d.sentAt(pos)
	var best *entity
	bestAt := -1
	for _, c := range classes {
		e := r.lastSubject(pos, c)
		if e == nil {
			continue
		}
		at := -1
		for _, m := range e.mentions {
			if m.Start < pos && m.Start > at {
				at = m.Start
			}
		}
		if at > bestAt && r.d.sentAt(at) >= cur-1 {
			best, bestAt = e, at
		}
	}
	if best == nil || best.from != "" && best.from != place {
		return nil
	}
	// "Mateo Ruiz beat Lukas Brandt. “…,” said the German": with two
	// people in view the nationality alone does not say which
	if cur >= 1 {
		from := r.d.toks[r.d.sents[cur-1].t0].s
		for _, e := range r.personsNear(pos, pos-from) {
			if e != best && !r.onlyAfterThe(e) && (e.from == "" || e.from == place) {
				// (someone of another nationality is not meant: "Nilsen
				// kicked past the Kenyan Faith Wanjiru. … the Norwegian said")
				return nil
			}
		}
	}
	for _, ro := range best.roles {
		if strings.HasPrefix(ro.Of, "place:") && ro.Of != place {
			return nil
		}
	}
	return best
}

// titleDescription reports a capitalised phrase that is only a title: "the
// President", "the Prime Minister", "the Speaker", "the MP", "Opposition
// MPs". Newsrooms capitalise a title standing for its holder; it is a
// description like "the president" (resolved to the holder of the role
// when one is named), not the name of an organisation. A title that is a
// known person's surname ("the Major" after "John Major" is rare; "Major
// said" is him) or part of a known organisation's name is left to the
// name reading.
func (r *run) titleDescription(p phrase, d0 int) bool {
	toks := r.d.toks
	if d0 >= p.t1 || !r.titlesOnly(d0, p.t1) {
		return false
	}
	lastLow := stripPossessive(toks[p.t1-1].low)
	if _, ok := r.bySurname[lastLow]; ok {
		return false
	}
	if _, ok := knownOrgs[strings.ToLower(stripPossessive(r.text(d0, p.t1)))]; ok {
		return false
	}
	article := d0 > p.t0 && (toks[d0-1].low == "the" || toks[d0-1].low == "a" || toks[d0-1].low == "an")
	plural := !titleWords[lastLow] // titlesOnly: the plural of a title ("MPs", "Senators")
	return article || plural
}

// positionNouns name a player by position in a team or a band, as match
// reports and profiles refer back to the one just named: "the forward",
// "the guitarist".
var positionNouns = set("forward striker defender midfielder goalkeeper keeper winger playmaker full-back centre-back center-back quarterback pitcher batsman bowler guitarist drummer bassist pianist vocalist keyboardist frontman frontwoman")

// wherePreps join a place to a description of the people there:
// "officials in Madrid", "residents near Central Park", "visitors to
// Venice".
var wherePreps = set("in from near to outside around across inside throughout")

// sentenceCompany is the organisation opening the sentence at pos, when
// its name is followed by an apposition headed by a business noun
// ("Thermly, a London-based maker of heat pumps, …") and no person's
// given name is in it (not after a bare subject: "Wages will rise …, the
// company said" opens with a common noun).
func (r *run) sentenceCompany(pos int) *entity {
	d, toks := r.d, r.d.toks
	cur := d.sentAt(pos)
	if cur < 0 {
		return nil
	}
	s := d.sents[cur]
	a := r.skipDateline(s)
	if a >= s.t1 || toks[a].kind != tWord || !toks[a].cap || dropCapitalised[toks[a].low] || toks[a].quote >= 0 {
		return nil
	}
	e := d.capRun(a, s.t1)
	if e-a > 4 || e >= s.t1 || toks[e].s >= pos || r.hasGiven(a, e) {
		return nil
	}
	name := stripPossessive(r.text(a, e))
	if isPossessive(toks[e-1].low) {
		return nil // "Apple's shares": the subject is the shares
	}
	if _, place := r.lookupPlace(name); place {
		return nil
	}
	ok := false
	if r.isPunct(e, ",") && e+1 < s.t1 && indefinites[toks[e+1].low] {
		for k := e + 2; k < s.t1 && k-e <= 10 && !r.isPunct(k, ","); k++ {
			if w := toks[k].low; companyNouns[w] || orgNouns[w] && !documentNouns[w] || businessAgents[w] {
				ok = true
				break
			}
		}
	}
	if !ok {
		return nil
	}
	if _, isPerson := r.byID[entityID(graph.Person, name)]; isPerson {
		return nil
	}
	org := r.entity(graph.Organisation, name)
	org.mentions = append(org.mentions, r.span(a, e))
	return org
}

// businessAgents head a description of a company by what it does: "a
// maker of heat pumps", "a provider of cloud software".
var businessAgents = set("maker makers provider providers developer producer seller owner operator")

// guardServices before "guard" name a service: "the coast guard".
var guardServices = set("coast national border home")

// prevSpeaker is the one named person who spoke in the sentence before
// the one at pos, in the same paragraph.
func (r *run) prevSpeaker(pos int) *entity {
	cur := r.d.sentAt(pos)
	if cur < 1 || len(r.stmts) == 0 || r.d.sents[cur].para != r.d.sents[cur-1].para {
		return nil
	}
	st := r.stmts[len(r.stmts)-1]
	if st.sent != cur-1 || len(st.speakers) != 1 || st.speakers[0].ID == "" {
		return nil
	}
	if e := r.byID[st.speakers[0].ID]; e != nil && e.typ == graph.Person {
		return e
	}
	return nil
}

// onlyPersonInView is the one person named in the sentence at pos before
// it and in the previous sentence, or nil when none or several are.
func (r *run) onlyPersonInView(pos int) *entity {
	cur := r.d.sentAt(pos)
	if cur < 1 {
		return nil
	}
	from := r.d.toks[r.d.sents[cur-1].t0].s
	var found *entity
	for _, e := range r.personsNear(pos, pos-from) {
		if found != nil && e != found {
			return nil
		}
		found = e
	}
	return found
}

// asideAdverbs, with speakerAdverbs, stand alone between commas after a
// subject: "Bush, however, interjected", "Ruiz, too, said".
var asideAdverbs = set("though too also again furthermore")
