// Stage 5, assembling (continued): shapes without a lexicon cue: a quote
// then a speaker, a quoted clause, "asked whether", floating quotes.

package extract

import (
	"slices"
	"sort"
	"strings"

	"github.com/whosaid/whosaid/graph"
)

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

// dashCredit handles a quote credited after a dash, as reader responses,
// blurbs, epigraphs and embedded posts are: "“…” ― Ana Ruiz", "“…” —
// Ana Ruiz, a teacher in Tucson", "“…” — Ana Ruiz (@aruiz) May 1". The
// quote opens the sentence and the name ends it, or is followed only by
// its description or handle; a lower-case word after the dash ("— a
// novel by …") or a verb after the name ("— Ruiz disagreed") is none.
func (r *run) dashCredit(si int, s sentence) {
	toks := r.d.toks
	a := s.t0
	if toks[a].kind != tQuote || toks[a].quote < 0 || r.d.quotes[toks[a].quote].openTok != a {
		return
	}
	q := &r.d.quotes[toks[a].quote]
	b := q.closeTok + 1
	dash := r.isPunct(b, "\u2015", "\u2014", "\u2013", "--") || r.isPunct(b, "-") && toks[b].s > toks[b-1].e && b+1 < s.t1 && toks[b+1].s > toks[b].e
	if b+1 >= s.t1 || !dash || toks[b+1].kind != tWord || !toks[b+1].cap {
		return
	}
	e := r.d.capRun(b+1, s.t1)
	if e < s.t1 && !r.isPunct(e, ",", "(") && !isTerminal(&toks[e]) {
		return
	}
	cs, ce, kind, ok := r.contentSpan(a, q.closeTok+1)
	if !ok || kind != graph.Direct || r.words(a, q.closeTok+1) < 3 || !r.quotesSpeech(cs, ce) {
		return // a title credited to its publisher is no statement
	}
	src := phrase{t0: b + 1, t1: e}
	if e < s.t1 && r.isPunct(e, ",") && e+1 < s.t1 {
		src.appos = [2]int{e + 1, s.t1}
		if isTerminal(&toks[s.t1-1]) {
			src.appos[1] = s.t1 - 1
		}
	}
	ents, spk, _ := r.resolve(src, toks[src.t0].s)
	if len(spk) == 0 {
		return
	}
	r.stmts = append(r.stmts, &stmt{sent: si, kind: kind, speakers: spk, ents: ents,
		cue: graph.Cue{Text: r.text(b, b+1), Lemma: "\u2014", Start: toks[b].s, End: toks[b].e},
		cs:  cs, ce: ce, date: r.statementDate(s), confidence: 0.7, cueTok: b, before: true})
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
		if v >= s.t1 || toks[v].kind != tWord || toks[v].cap || stopBack[toks[v].low] || passiveAux[toks[v].low] || aux[toks[v].low] || toks[v].quote >= 0 || particles[toks[v].low] || pronounGender[toks[v].low] != 0 {
			return // ("Check out the trailer, “13th,” below": an imperative and its particle)
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
	if !ok || kind == graph.Indirect || !r.quotesSpeech(cs, ce) {
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
// is the asker when named ("by host John Dickerson"); an unnamed asker's
// question is no statement, and never X's, whose statement is the answer.
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
	if !hasSrc {
		// "X was asked whether …": the question is not X's statement,
		// and an unknown asker's question is nobody's
		return
	}
	ents, spk, _ := r.resolve(src, toks[src.t0].s)
	if len(spk) == 0 {
		return
	}
	r.stmts = append(r.stmts, &stmt{sent: si, kind: kind, speakers: spk, ents: ents, cue: r.cueOf(c), cs: cs, ce: ce,
		date: r.statementDate(s), confidence: 0.8, cueTok: c.t0})
}

// floating attaches a quote with no cue to the previous speaker: a quote
// continuing in the next sentence, or a quote paragraph after a quoted
// speaker (news style).
func (r *run) floating(si int, s sentence) {
	toks := r.d.toks
	a := s.t0
	if toks[a].kind != tQuote || toks[a].quote < 0 || r.d.quotes[toks[a].quote].openTok != a {
		return
	}
	if len(r.stmts) == 0 {
		r.openingQuote(si, s)
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
	last := r.stmts[len(r.stmts)-1]
	if last.kind != graph.Direct {
		// "“Q1,” Hughes said, pointing out where the store used to be.
		// “Q2.”", "“Q1,” X said, after outlets declared him the victor.
		// “Q2.”": the quote goes on the sentence's quoted statement, not
		// on a report in its adjunct
		// (the sentence's first quoted statement: a quoted clause read
		// inside the adjunct may be another)
		pick := last
		for k := len(r.stmts) - 2; k >= 0 && r.stmts[k].sent == last.sent; k-- {
			if r.stmts[k].kind == graph.Direct && r.stmts[k].cs < pick.cs {
				pick = r.stmts[k]
			}
		}
		last = pick
	}
	ls := r.d.sents[last.sent]
	// a short quoted sentence goes on a turn only right after it (“…,”
	// the president added. “We're America.”); alone it may be a chant or
	// a slogan
	min := 3
	if ls.para == s.para && last.sent == si-1 && r.isCloseQuote(s.t1-1) && s.t1-2 > s.t0 && isTerminal(&toks[s.t1-2]) {
		min = 2
	}
	if quoted < min || quoted*10 < words*7 {
		return
	}
	if q := &r.d.quotes[toks[a].quote]; ls.para != s.para && !r.quotesSpeech(q.is, q.ie) {
		return // a section heading in quotes: "‘All Bets Are Off.’"
	}
	q := &r.d.quotes[toks[a].quote]
	if ls.para == s.para && last.sent >= si-2 && len(last.speakers) > 0 {
		// the turn goes on: “We'll see,” he said. “I don't …” is a
		// statement of its own, of the same speaker and attribution
		if q.ie <= last.ce {
			return
		}
		cs, ce, kind, ok := r.contentSpan(s.t0, s.t1)
		if !ok {
			return
		}
		head := last
		if last.turn != nil {
			head = last.turn
		}
		r.stmts = append(r.stmts, &stmt{sent: si, kind: kind, speakers: last.speakers, ents: last.ents, cue: last.cue,
			cs: cs, ce: ce, via: last.via, date: last.date, confidence: last.confidence * 0.95, cueTok: last.cueTok, turn: head})
		return
	}
	if s.para-ls.para > 3 || len(last.speakers) == 0 {
		return
	}
	cs, ce, kind, ok := r.contentSpan(s.t0, s.t1)
	if !ok {
		return
	}
	speakers, ents, conf := last.speakers, last.ents, last.confidence*0.7
	if e, at := r.introducedSince(last, max(last.ce, toks[ls.t1-1].e), toks[s.t0].s); e != nil {
		// "X, Y, stood beside him. “…”": a person named after the last
		// statement, not its speaker, is the likelier one
		sp := r.speaker(e, at, graph.ResolvedName)
		speakers, ents, conf = []graph.Speaker{sp}, []*entity{e}, last.confidence*0.5
	}
	st := &stmt{sent: si, kind: kind, speakers: speakers, ents: ents, cs: cs, ce: ce,
		date: last.date, confidence: conf, cueTok: -1}
	r.stmts = append(r.stmts, st)
}

// openingQuote attaches a quote paragraph that comes before any statement
// to the one person the paragraphs before it name: a feature's subject
// introduced, then heard ("Walsh, now 78, was the last keeper …. He
// still remembers the night he was told. / “They rang me on the radio
// …”"). Two people in view, or none, leave it unattributed.
func (r *run) openingQuote(si int, s sentence) {
	toks := r.d.toks
	if si == 0 || r.d.sents[si-1].para == s.para {
		return // a quote opening its paragraph
	}
	q := &r.d.quotes[toks[s.t0].quote]
	if q.closeTok >= 0 && q.closeTok < s.t1-2 || !r.quotesSpeech(q.is, q.ie) {
		return // the sentence is the quote
	}
	from := -1
	for k := si - 1; k >= 0; k-- {
		if s.para-r.d.sents[k].para > 2 || r.inHeadline(r.d.sents[k].t0) || k == 0 && r.d.sents[1].para != r.d.sents[0].para {
			break // (a name in the headline, a one-sentence first paragraph, may be anyone the story quotes)
		}
		from = toks[r.d.sents[k].t0].s
	}
	if from < 0 {
		return
	}
	pos := toks[s.t0].s
	people := r.personsNear(pos, pos-from)
	if len(people) != 1 {
		return
	}
	e := people[0]
	var at graph.Span
	for _, m := range e.mentions {
		if m.Start < pos {
			at = m
		}
	}
	cs, ce, kind, ok := r.contentSpan(s.t0, s.t1)
	if !ok || at.End == 0 {
		return
	}
	sp := r.speaker(e, at, graph.ResolvedName)
	r.stmts = append(r.stmts, &stmt{sent: si, kind: kind, speakers: []graph.Speaker{sp}, ents: []*entity{e}, cs: cs, ce: ce,
		date: r.statementDate(s), confidence: 0.45, cueTok: -1})
}

// introducedSince returns the person last mentioned between from, the end
// of statement last or of its sentence, and pos when it is none of last's
// speakers, with that mention. (A person named in that sentence's adjunct
// is not introduced: "“…,” X told a rally, saying Y would …".)
func (r *run) introducedSince(last *stmt, from, pos int) (*entity, graph.Span) {
	var pick *entity
	var at graph.Span
	for _, c := range []class{classPersonM, classPersonF} {
		e := r.lastMentioned(pos, c)
		if e == nil {
			continue
		}
		for i := len(e.mentions) - 1; i >= 0; i-- {
			m := e.mentions[i]
			if m.Start >= pos {
				continue
			}
			if m.Start > from && (pick == nil || m.Start > at.Start) {
				pick, at = e, m
			}
			break
		}
	}
	if pick == nil {
		return nil, graph.Span{}
	}
	for _, e := range last.ents {
		if e == pick {
			return nil, graph.Span{}
		}
	}
	return pick, at
}

// colonQuote handles a speaker introducing a quote with a colon:
// "Runner-up Jo Park: “I will try to forget.”", "The ministry: “…”".
// Only a name or a definite description stands before the colon, so
// "The message was clear: “…”" is not one.
func (r *run) colonQuote(si int, s sentence) {
	toks := r.d.toks
	st0 := r.skipDateline(s)
	end := -1
	for k := st0 + 1; k+1 < s.t1 && k-st0 < 30; k++ {
		if toks[k].quote >= 0 {
			break // the source is before any quote
		}
		if r.isPunct(k, ":") {
			end = k
			break
		}
	}
	if end < 0 {
		return
	}
	q := toks[end+1]
	if q.kind != tQuote || q.quote < 0 || r.d.quotes[q.quote].openTok != end+1 {
		return
	}
	src, ok := r.colonSource(s, st0, end)
	if !ok {
		return
	}
	qs := &r.d.quotes[q.quote]
	cs, ce, kind, ok := r.contentSpan(end+1, min(qs.closeTok+1, s.t1))
	if !ok || kind != graph.Direct || r.words(end+1, qs.closeTok+1) < 2 {
		return
	}
	ents, spk, how := r.resolve(src, toks[src.t0].s)
	if len(spk) == 0 {
		return
	}
	conf := 0.8
	if how == graph.ResolvedDescription {
		conf = 0.6
	}
	r.stmts = append(r.stmts, &stmt{sent: si, kind: kind, speakers: spk, ents: ents,
		cue: graph.Cue{Text: ":", Lemma: ":", Start: toks[end].s, End: toks[end].e},
		cs:  cs, ce: ce, date: r.statementDate(s), confidence: conf, cueTok: end})
	r.noteSpeakers(ents)
}

// colonSource reads the source of a colon attribution ending before the
// colon at end: the whole line before it ("Runner-up Jo Park:"), or a
// name after a dash or "from" ("POLLS TOO EARLY - Ann Lee and Jo Park:",
// "More from Jones:", "From the report:"), a parenthesis after it
// skipped ("Rep. Trey Gowdy (R-S.C.):"). It is a name or a definite
// person, organisation or document noun, never a clause ("The rule is
// simple:").
func (r *run) colonSource(s sentence, st0, end int) (phrase, bool) {
	toks := r.d.toks
	k := end - 1
	if r.isPunct(k, ")") {
		for k > st0 && !r.isPunct(k, "(") && end-k < 12 {
			k--
		}
		if !r.isPunct(k, "(") {
			return phrase{}, false
		}
		k--
	}
	if k < st0 || toks[k].kind != tWord {
		return phrase{}, false
	}
	st, ok := r.npBack(k, st0)
	if !ok {
		return phrase{}, false
	}
	p := phrase{t0: st, t1: k + 1}
	if st-2 >= st0 && toks[st-1].low == "and" && toks[k].cap {
		// "Mark Lee and Jon Cohen:"
		if s2, ok := r.npBack(st-2, st0); ok && r.hasName(s2, st-1) {
			p.coords = [][2]int{{s2, st - 1}, {st, k + 1}}
			st, p.t0 = s2, s2
		}
	}
	lead := st == st0 || r.isPunct(st-1, "\u2014", "\u2013", "-", "--") || st-1 >= st0 && toks[st-1].kind == tWord && (toks[st-1].low == "from" || toks[st-1].low == "here's" || toks[st-1].low == "here\u2019s")
	if !lead {
		return phrase{}, false
	}
	last := &toks[k]
	head := stripPossessive(last.low)
	if !(last.cap && r.hasName(st, k+1)) && !(definite(toks[st].low) && (personNouns[head] || titleWords[head] || orgNouns[head] || documentNouns[head])) {
		return phrase{}, false
	}
	return p, true
}

// quotesSpeech reports whether the quotes in [cs,ce) hold words someone
// said rather than a title or a name ("her debut feature “The Salt
// Road”"): at least one quote with a lower-case word, or five words.
func (r *run) quotesSpeech(cs, ce int) bool {
	qs := r.d.quotes
	for i := sort.Search(len(qs), func(i int) bool { return qs[i].ie > cs }); i < len(qs) && qs[i].is < ce; i++ {
		q := qs[i]
		if q.ie <= cs {
			continue
		}
		words, lower := 0, false
		for k := q.openTok + 1; k < q.closeTok && k < len(r.d.toks); k++ {
			if t := &r.d.toks[k]; t.kind == tWord {
				words++
				lower = lower || !t.cap && !titleSmall[t.low]
			}
		}
		if lower || words >= 5 {
			return true
		}
	}
	return false
}

// titleSmall are the words a title leaves in lower case.
var titleSmall = set("a an the of and or in on at to for with by from")

// transcriptLine reads a transcript's speaker label: a paragraph opening
// with a name in capitals and a colon ("PENCE: Well, look, …", "SEN.
// WARREN: …") is that person's, to the end of the paragraph. The label
// is matched to a person named in the document by surname ("PENCE" is
// Mike Pence); one-letter labels ("Q:", "A:") are the interview's roles,
// not names.
func (r *run) transcriptLine(si int, s sentence) bool {
	toks := r.d.toks
	if si > 0 && r.d.sents[si-1].para == s.para {
		return false
	}
	a, k, ok := r.label(s)
	if !ok {
		return false
	}
	label := strings.TrimSuffix(toks[k-1].low, ".")
	if _, known := r.bySurname[label]; !known {
		// an unknown label counts only in a transcript, two labelled
		// paragraphs or more
		if r.labels < 0 {
			r.labels = 0
			for j, sj := range r.d.sents {
				if (j == 0 || r.d.sents[j-1].para != sj.para) && !r.skip[j] {
					if _, _, ok := r.label(sj); ok {
						r.labels++
					}
				}
			}
		}
		if r.labels < 2 {
			return false
		}
	}
	last := si
	for last+1 < len(r.d.sents) && r.d.sents[last+1].para == s.para {
		last++
	}
	end := r.d.sents[last].t1
	if r.words(k+1, end) < 3 {
		return false
	}
	sp := r.span(a, k)
	var ents []*entity
	var spk []graph.Speaker
	if e, ok := r.bySurname[label]; ok {
		ents, spk = []*entity{e}, []graph.Speaker{r.speaker(e, sp, graph.ResolvedSurname)}
	} else {
		spk = []graph.Speaker{unresolved(sp, graph.Person, graph.ResolvedName)}
	}
	cs, ce, kind, ok := r.contentSpan(k+1, end)
	if !ok {
		return false
	}
	if kind == graph.Indirect {
		kind = graph.Direct // a transcript is verbatim
	}
	r.stmts = append(r.stmts, &stmt{sent: si, kind: kind, speakers: spk, ents: ents,
		cue: graph.Cue{Text: ":", Lemma: ":", Start: toks[k].s, End: toks[k].e},
		cs:  cs, ce: ce, date: r.statementDate(s), confidence: 0.7, cueTok: k})
	r.noteSpeakers(ents)
	for j := si + 1; j <= last; j++ {
		r.skip[j] = true
	}
	return true
}

// interviewAnswer reads a Q&A interview's answer: in a text with two
// paragraphs or more opening "Q:" and as many opening "A:" (or "Q." and
// "A."), an answer paragraph is a direct statement of the interviewee,
// the first person the text names before its first question; what the
// answer reports is part of it. Questions are the interviewer's and stay
// what they are.
func (r *run) interviewAnswer(si int, s sentence) bool {
	toks := r.d.toks
	if si > 0 && r.d.sents[si-1].para == s.para {
		return false
	}
	k, letter := r.qaLabel(s)
	if letter != "a" {
		return false
	}
	if r.qa < 0 {
		r.qa = 0
		nq, na := 0, 0
		for j, sj := range r.d.sents {
			if j == 0 || r.d.sents[j-1].para != sj.para {
				switch _, l := r.qaLabel(sj); l {
				case "q":
					nq++
				case "a":
					na++
				}
			}
		}
		if nq >= 2 && na >= 2 {
			if r.qaWho = r.interviewee(); r.qaWho != nil {
				r.qa = 1
			}
		}
	}
	if r.qa == 0 {
		return false
	}
	e := r.qaWho
	last := si
	for last+1 < len(r.d.sents) && r.d.sents[last+1].para == s.para {
		last++
	}
	cs, ce, _, ok := r.contentSpan(k+1, r.d.sents[last].t1)
	if !ok {
		return false
	}
	sp := r.span(s.t0, k)
	r.stmts = append(r.stmts, &stmt{sent: si, kind: graph.Direct, speakers: []graph.Speaker{r.speaker(e, sp, graph.ResolvedName)}, ents: []*entity{e},
		cue: graph.Cue{Text: ":", Lemma: ":", Start: toks[k].s, End: toks[k].e},
		cs:  cs, ce: ce, date: r.statementDate(s), confidence: 0.7, cueTok: k})
	for j := si + 1; j <= last; j++ {
		r.skip[j] = true
	}
	return true
}

// qaLabel finds "Q:" or "A:" (or "Q." / "A.") opening sentence s: the
// letter, lower case, and the mark's token.
func (r *run) qaLabel(s sentence) (int, string) {
	toks := r.d.toks
	a := s.t0
	if a+2 >= s.t1 || toks[a].kind != tWord || (toks[a].low != "q" && toks[a].low != "a" && toks[a].low != "q." && toks[a].low != "a.") {
		return 0, ""
	}
	if strings.HasSuffix(toks[a].low, ".") {
		return a, toks[a].low[:1] // "Q." read as an initial
	}
	if !toks[a].cap || !r.isPunct(a+1, ":") {
		return 0, ""
	}
	return a + 1, toks[a].low
}

// interviewee is the first person named before the interview's first
// question who is not one of its authors.
func (r *run) interviewee() *entity {
	first := -1
	for j, sj := range r.d.sents {
		if j == 0 || r.d.sents[j-1].para != sj.para {
			if _, l := r.qaLabel(sj); l == "q" {
				first = r.d.toks[sj.t0].s
				break
			}
		}
	}
	var pick *entity
	at := first
	for _, e := range r.ents {
		if e.typ != graph.Person || len(e.mentions) == 0 || slices.Contains(r.authors, e.name) {
			continue
		}
		if m := e.mentions[0].Start; m < at {
			pick, at = e, m
		}
	}
	return pick
}

// label finds a transcript label opening sentence s: up to three words in
// capitals, then a colon ("PENCE:", "SEN. WARREN:"), maybe after an
// opening quote. It returns the label's tokens [a, k), k the colon.
func (r *run) label(s sentence) (int, int, bool) {
	toks := r.d.toks
	a := s.t0
	if toks[a].kind == tQuote && a+1 < s.t1 {
		a++ // a transcript excerpt in quotes: "\"PENCE: …"
	}
	k := a
	for k < s.t1 && k-a < 3 && toks[k].kind == tWord && isUpperWord(r.text(k, k+1)) {
		k++
	}
	if k == a || k >= s.t1 || !r.isPunct(k, ":") || len(r.text(k-1, k)) < 3 || labelStop[toks[k-1].low] {
		return 0, 0, false
	}
	if _, place := r.lookupPlace(r.text(a, k)); place {
		return 0, 0, false // a dateline: "WASHINGTON: …"
	}
	return a, k, true
}

// labelStop are page furniture in capitals before a colon, never a
// speaker: "NOTE:", "UPDATE:", "EDITOR'S NOTE:", "WATCH:".
var labelStop = set("note update updated correction corrections clarification related watch read more photo photos video source sources editor's editors note: warning breaking exclusive analysis opinion")
