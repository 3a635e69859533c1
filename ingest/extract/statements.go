// Stage 5, assembling: one statement per cue from its source and content,
// in the shapes news uses most; shapes.go has the cue-less and rarer ones.

package extract

import (
	"sort"
	"strings"

	"github.com/whosaid/whosaid/graph"
)

// findStatements walks the sentences and builds statements.
func (r *run) findStatements() {
	d := r.d
	var cues []cue
	for si, s := range d.sents {
		if r.cancelled(si) {
			return
		}
		if r.skip[si] || r.headline(si) {
			continue
		}
		if r.transcriptLine(si, s) || r.interviewAnswer(si, s) {
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
			r.dashCredit(si, s)
		}
		if len(r.stmts) == first {
			r.colonQuote(si, s)
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
		r.dropDuplicates(first)
	}
}

// dropNested removes statements whose cue lies inside the content of
// another statement of the same sentence ("Medinsky said Kyiv did not
// state whether …"): the inner claim is known only through the outer
// speaker and is part of that content. Options.KeepNested keeps them.
func (r *run) dropNested(first int) {
	out := r.stmts[:first]
	var inner []*entity
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
		} else {
			inner = append(inner, st.ents...)
		}
	}
	if len(inner) > 0 && len(out) > first {
		// the outer speakers are the last ones heard: "Earnest said
		// Obama has long called for …. He said …" is Earnest again; the
		// inner ones come next ("Israel said Clinton called on members
		// …. She added …")
		for _, st := range out[first:] {
			r.noteSpeakers(st.ents)
		}
		r.innerSpeakers = inner
	}
	r.stmts = out
}

// statementFor builds the statement of cue c in sentence s, if any.
func (r *run) statementFor(si int, s sentence, c cue, later []cue, first int) {
	toks := r.d.toks
	if r.inAskedAdjunct(s, c) {
		return // "Asked whether price cuts would continue, she said: …": the question's words report nothing
	}
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
		if k := end - 1; toks[k].kind == tWord && (pronounGender[toks[k].low] != 0 || objectPronouns[toks[k].low]) && k == c.t1 {
			src.pronoun = true // "according to her": the object form
		}
		// "According to the city's chief engineer, Rosa Delgado, …": the
		// name after the role is the source, the role hers
		// ("…, according to the airline, Sulaves.": an organisation's too)
		orgRole := toks[c.t1].low == "the" && end-c.t1 <= 4 && !toks[end-1].cap && orgNouns[toks[end-1].low]
		if !src.pronoun && (r.roleHead(c.t1, end) || orgRole) && r.isPunct(end, ",") && end+1 < s.t1 && toks[end+1].kind == tWord && toks[end+1].cap && (!dropCapitalised[toks[end+1].low] || titleWords[toks[end+1].low]) {
			// "…, Dr. Yuki Tanabe of Kyoto University, …": the name, its
			// title and its organisation up to the next comma
			e := r.d.capRun(end+1, s.t1)
			for e+1 < s.t1 && r.isPunct(e, ".") && titleWords[toks[e-1].low] && toks[e+1].cap {
				e = r.d.capRun(e+1, s.t1) // "Dr. Yuki Tanabe"
			}
			for k := end + 2; k < e; k++ {
				if toks[k].low == "of" || toks[k].low == "at" {
					e = k // "Yuki Tanabe of Kyoto University": the name
					break
				}
			}
			if e < s.t1 && e-end-1 <= 6 {
				k := e
				if toks[k].low == "of" || toks[k].low == "at" {
					if k2 := r.d.capRun(k+1, s.t1); k2 > k+1 {
						k = k2
					}
				}
				if r.isPunct(k, ",") || k < s.t1 && isTerminal(&toks[k]) && k > c.t1+2 && r.hasContentBefore(s, c.t0) {
					src = phrase{t0: end + 1, t1: e, appos: [2]int{c.t1, end}}
					end = k
				}
			}
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
			e := c.t0
			if r.isPunct(e-1, ",", "(", "\u2014") {
				e--
			}
			if r.isPunct(end, ",") && end+1 < s.t1 && !src.pronoun && toks[end-1].cap {
				// "…, according to Rakesh Gurung, an official at the
				// Department of Tourism.": the source's apposition to the
				// end of the sentence
				t := s.t1
				for t > end+1 && (isTerminal(&toks[t-1]) || toks[t-1].kind == tQuote) {
					t--
				}
				if t > end+2 && r.apposSegment(end+1, t) && !r.hasVerbLike(end+1, t) {
					src.appos = [2]int{end + 1, t}
					r.addStatement(si, s, c, src, r.skipDateline(s), e, 0.85)
					return
				}
			}
			if r.isPunct(end, ",") && end+1 < s.t1 && r.words(end+1, s.t1) >= 2 {
				// "Fundraising, according to the campaign, has surged",
				// "Most back it, according to a poll, though …": both sides
				// are content, in two parts around the source
				if st := r.addStatement(si, s, c, src, r.skipDateline(s), e, 0.85); st != nil {
					if cs, ce, _, ok := r.contentSpan(end+1, r.contentEnd(s, end+1, later)); ok {
						st.addPart(cs, ce)
					}
				}
				return
			}
			r.addStatement(si, s, c, src, r.skipDateline(s), e, 0.85)
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
	participle := strings.HasSuffix(toks[c.t0].low, "ing") && (c.t1 == c.t0+1 || c.info.lemma != "according to") && !r.progressive(s, c)
	if r.isPunct(c.t0-1, ",") && !participle {
		src, ok, passive = r.leftSource(s, c)
	}
	if participle {
		// "voters saying …", "Ryan saying he was encouraged": a person
		// right before the participle says it; otherwise the clause's
		// subject does (below)
		src, ok = r.participleSubject(s, c)
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
	if ok && !right && r.relativeReport(si, s, c, src, later) {
		return
	}
	if ok && !right && r.notAReport(s, c, src) {
		return
	}
	if r.withheld(s, c) {
		return // "declined to say how much", "did not say whether"
	}
	if ok && !right && nounish[toks[c.t0].low] && !r.subjectLike(src, c) && !r.nounishVerb(src, c) {
		return
	}
	if h := r.ppHead(src); ok && !right && !src.pronoun && !toks[h].cap && !personNouns[toks[h].low] && !titleWords[toks[h].low] && !orgNouns[toks[h].low] && !r.quantified(src) && !r.isPronounPartitive(src) && !r.contentStartOK(c.t1) {
		return // "a large pledged delegate lead"
	}
	if (passive || !ok) && c.info.lemma == "ask" && toks[c.t0].low == "asked" && !(c.t0 > s.t0 && !passive && (toks[c.t0-1].low == "and" || toks[c.t0-1].low == "but") && !r.subordinateIn(s.t0, c.t0)) {
		// (not "ordered schools to close and asked employers to …": a
		// coordinated verb, whose subject is the clause's, unless a
		// subordinate clause stands between: "The crowd cheered when
		// Trump spotted a sign and asked …")
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
				if st := r.stmts[k]; st.sent == si && st.cueTok < c.t0 && !st.relative {
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
				if n1, nok := r.nameInCommas(end, c.t0); nok && !toks[end-1].cap && (personNouns[stripPossessive(toks[end-1].low)] || titleWords[stripPossessive(toks[end-1].low)]) {
					// "The finance minister, Grace Okonjo, refused …,
					// telling …": the name in apposition to the role
					src = phrase{t0: end + 1, t1: n1, lead: st0, hasLead: true, appos: [2]int{st0, end}}
				}
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
		if src.hasLead {
			blockStart = src.lead
		}
	}
	if !right && r.colonParagraph(si, s, c, src, blockEnd) {
		return
	}
	after, clear := r.afterCue(s, c, blockEnd)
	if !clear && gerundCues[c.info.lemma] && after < s.t1 && toks[after].kind == tWord && strings.HasSuffix(toks[after].low, "ing") && after == blockEnd {
		clear = true // "denied taking bribes": the gerund is what was denied
	}
	// role words before the source phrase: "“…,” Daily News opinion
	// editor Josh Greenman told …" (the phrase starts at "editor")
	if !right && blockStart > s.t0 && !r.isCloseQuote(blockStart-1) && (personNouns[toks[blockStart].low] || titleWords[toks[blockStart].low]) {
		k := blockStart - 1
		for k > s.t0 && blockStart-k <= 6 && toks[k].kind == tWord && toks[k].quote < 0 && (!stopBack[toks[k].low] || toks[k].low == "and" && k-1 > s.t0 && (personNouns[toks[k-1].low] || titleWords[toks[k-1].low])) && !aux[toks[k].low] &&
			(toks[k].cap || !strings.HasSuffix(toks[k].low, "ed") && !strings.HasSuffix(toks[k].low, "ing") && r.x.cues[toks[k].low].lemma == "") {
			k-- // ("co-founder and chief executive Ines Ferreira": roles joined by "and")
		}
		if k > s.t0 && determiners[toks[k].low] && r.isCloseQuote(k-1) {
			k-- // "“…,” the Senate minority leader said"
		}
		if k < blockStart-1 && r.isCloseQuote(k) && r.d.text[toks[k].s-1] == ',' {
			blockStart = k + 1
			src.t0 = k + 1
		}
	}
	// content before the block: "“…,” X said." / "…, X said."
	beforeOK := blockStart > s.t0 && (r.isPunct(blockStart-1, ",", "\u2014", "\u2013", "--", ":", ";") || r.isCloseQuote(blockStart-1))
	afterEnd := r.contentEnd(s, after, later)
	if src.relative && src.t1 < s.t1 && r.isPunct(src.t1, ",") {
		// "Sanders, who said the race was close, urged …": the comma
		// closing the relative clause ends its content
		skip := after < afterEnd && subordinatorsBefore[toks[after].low] // "who said that if …, …"
		if after < afterEnd && toks[after].low == "that" && after+1 < afterEnd {
			skip = subordinatorsBefore[toks[after+1].low]
		}
		for k := after; k < afterEnd; k++ {
			if r.isPunct(k, ",") && toks[k].quote < 0 {
				if skip {
					skip = false
					continue
				}
				afterEnd = k
				break
			}
		}
	}
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
			r.addQuotePart(st, toks[after].quote)
		}
	case clear && afterLen > 0 && !(beforeOK && r.isCloseQuote(blockStart-1) && r.d.text[toks[blockStart-1].s-1] == ',' && r.mostlyQuoted(s.t0, blockStart)):
		// (a quote closing on a comma right before the source is the
		// content, whatever follows: "“…,” Merkel told reporters after
		// the meeting that was held …")
		if beforeOK && r.isPunct(blockStart-1, ",") && blockEnd < s.t1 && r.isPunct(blockEnd, ",") && after-1 > blockEnd && toks[after-1].low == "that" && r.words(r.skipDateline(s), blockStart) >= 3 {
			// "the air had become so bad, Mr. Obama noted, that …": the
			// attribution interrupts one clause, both sides are content
			if st := r.addStatement(si, s, c, src, r.skipDateline(s), blockStart, conf); st != nil {
				st.before = true
				if cs, ce, _, ok := r.contentSpan(after, afterEnd); ok {
					st.addPart(cs, ce)
				}
				break
			}
		}
		if beforeOK && r.isPunct(blockStart-1, ",") && blockEnd < s.t1 && r.isPunct(blockEnd, ",") && r.quoteOpensAt(after) && r.clauseBefore(r.skipDateline(s), blockStart-1) {
			// "The reality is, he added, “there are no recusals”", "One
			// offered help, Bob said, while others “didn't …”": the
			// attribution interrupts a sentence whose end is quoted; the
			// words before it are said too
			if st := r.addStatement(si, s, c, src, r.skipDateline(s), blockStart, conf); st != nil {
				st.before = true
				from := after
				if w := blockEnd + 1; w+1 < after && (toks[w].low == "while" || toks[w].low == "whereas") && !strings.HasSuffix(toks[w+1].low, "ing") {
					from = w // "…, Bob said, while others “…”": the contrast is said too
				}
				if cs, ce, _, ok := r.contentSpan(from, afterEnd); ok {
					st.addPart(cs, ce)
					st.kind = graph.Mixed
				}
				break
			}
		}
		r.addStatement(si, s, c, src, after, afterEnd, conf)
	case afterLen == 1 && (toks[after].low == "yes" || toks[after].low == "no") && c.info.lemma == "say":
		// "75 percent said yes, but …": an answer
		r.addStatement(si, s, c, src, after, afterEnd, conf*0.9)
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
		if start == s.t0 {
			start = r.skipDateline(s) // "HELSINKI, Nov 12 (Reuters) – …"
		}
		// a parenthetical attribution: "In the 1990s, X said, when …":
		// the content goes on after it, as a second part
		paren := after < s.t1 && r.isPunct(after-1, ",") && afterLen >= 3 && !r.isCloseQuote(end-1) && !(toks[after].kind == tWord && strings.HasSuffix(toks[after].low, "ing") && !r.gerundSubject(after, afterEnd)) &&
			!(toks[after].kind == tWord && (relatives[toks[after].low] || toks[after].low == "whom" || toks[after].low == "whose" || toks[after].low == "where")) &&
			(r.words(start, end) < 6 || toks[after].kind == tWord && !toks[after].cap)
		if r.words(start, end) < 3 && !r.mostlyQuoted(start, end) && afterLen >= 2 && r.shortSubject(start, end, after) {
			// "Climate change, Mr. Obama often says, is the greatest
			// threat": the words before are the content's subject, the
			// rest goes on after the attribution
			if st := r.addStatement(si, s, c, src, start, end, conf); st != nil {
				st.before = true
				if cs, ce, _, ok := r.contentSpan(after, afterEnd); ok {
					st.addPart(cs, ce)
				}
			}
			return
		}
		if r.words(start, end) < 3 && !r.mostlyQuoted(start, end) {
			if afterLen >= 2 && !r.isCloseQuote(blockStart-1) {
				r.addStatement(si, s, c, src, after, afterEnd, conf*0.95)
			}
			return // "Now, Carson has responded to …": no content before
		}
		if !paren && afterLen >= 2 && !right && r.isPunct(blockStart-1, ",") && r.isPunct(c.t0-1, ",") && r.roleBefore(start, blockStart-1) {
			// "The tournament's organiser, Riot Games, said 6.9 million
			// …": the phrase before the name is its apposition, the
			// words after the cue are what was said
			r.addStatement(si, s, c, src, after, afterEnd, conf*0.95)
			return
		}
		if !paren && afterLen >= 3 && !r.mostlyQuoted(start, end) && r.frontedAdverbial(start, end) && r.hasAux(after, afterEnd) {
			// "In a 64-page report, Amnesty International said at least
			// 340 households had been evicted": the phrase before the
			// source says where it was said; the clause after is what
			r.addStatement(si, s, c, src, after, afterEnd, conf*0.95)
			return
		}
		st := r.addStatement(si, s, c, src, start, end, conf)
		if st != nil {
			st.before = true
			if cs, ce, _, ok := r.contentSpan(after, afterEnd); ok && paren {
				st.addPart(cs, ce)
			}
		}
		// "“Q1,” X said, “Q2.”": the second quote is a second part of the same
		// statement, the attribution between them is not content
		if st != nil && after < s.t1 && toks[after].kind == tQuote && toks[after].quote >= 0 && r.d.quotes[toks[after].quote].openTok == after {
			r.addQuotePart(st, toks[after].quote)
		} else if st != nil && r.isCloseQuote(blockStart-1) {
			// "“Q1,” Tester said, referring to the excuse, “Q2.”", "“Q1,”
			// he said, but “Q2.”", "“Q1,” X said during a rally in
			// Kenansville, N.C., “Q2.”": a short aside, then the quote
			// goes on
			if q, ok := r.quoteAfterAside(s, after); ok {
				r.addQuotePart(st, q)
			}
		}
	case afterLen >= 2:
		st := r.addStatement(si, s, c, src, after, afterEnd, conf*0.95)
		r.subordinateBefore(s, st, blockStart)
	case beforeOK:
		r.addStatement(si, s, c, src, s.t0, blockStart, conf*0.9)
	}
}

// roleHead reports a phrase [a,b) headed by a person noun or title before
// any preposition: "the city's chief engineer", "the chief economist at
// Baltic Ridge Bank", "an astronomer not involved in the study".
func (r *run) roleHead(a, b int) bool {
	toks := r.d.toks
	for k := a; k < b && k-a < 8; k++ {
		low := stripPossessive(toks[k].low)
		if personNouns[low] || titleWords[low] {
			return !toks[k].cap || k > a
		}
		if toks[k].kind != tWord || ppInNP[low] || low == "not" {
			return false
		}
	}
	return false
}

// notAReport tells a cue that reports nothing although it has a subject:
// a bare infinitive after a causative ("may not let editorials tell them
// how to vote") and a cue inside a reduced relative clause, whose
// "content" starts with the main verb ("Everything Trump says is a lie").
func (r *run) notAReport(s sentence, c cue, src phrase) bool {
	toks := r.d.toks
	if k := src.t0 - 1; k >= s.t0 && toks[k].kind == tWord && causatives[toks[k].low] {
		return true
	}
	if src.t0 < src.t1 && causatives[toks[src.t0].low] {
		return true
	}
	if c.t1 < s.t1 && toks[c.t1].kind == tWord && finiteCopulas[toks[c.t1].low] && !src.pronoun && src.t1 == c.t0 {
		return true
	}
	return false
}

var causatives = set("let lets letting make makes made making")

// finiteCopulas open a main clause's predicate: after a cue with no comma
// they show the cue is inside the subject.
var finiteCopulas = set("is are was were")

// nounishVerb tells a noun-like form used as a verb by what surrounds it:
// a person or organisation before, "that" after ("The agency reports
// that …", against "the state reports that …" read as a noun phrase).
func (r *run) nounishVerb(src phrase, c cue) bool {
	toks := r.d.toks
	if src.pronoun || c.t1 >= len(toks) || toks[c.t1].low != "that" {
		return false
	}
	h := toks[src.t1-1].low
	if mediumNouns[h] && compoundCues[toks[c.t0].low] {
		return false // "in a blog post that …": a compound noun ("the website states that" is a verb)
	}
	return personNouns[h] || orgNouns[h]
}

// mediumNouns name where something was published, never who said it.
var mediumNouns = set("blog site website page account feed channel newsletter")

// compoundCues make a noun with a medium before them: "blog post".
var compoundCues = set("post posts tweet tweets update updates message messages entry entries note notes")

// participleSubject reads the person or people right before a participle
// cue, with no comma between: "left 62 percent of voters saying",
// "Ryan saying". Things ("left the room saying") are not sources.
func (r *run) participleSubject(s sentence, c cue) (phrase, bool) {
	toks := r.d.toks
	k := c.t0 - 1
	if k < s.t0 || toks[k].kind != tWord || aux[toks[k].low] || stopBack[toks[k].low] || pronounGender[toks[k].low] != 0 {
		return phrase{}, false
	}
	st, ok := r.npBack(k, s.t0)
	if !ok {
		return phrase{}, false
	}
	p := phrase{t0: st, t1: k + 1}
	if !(personNouns[toks[k].low] || toks[k].cap && r.personLike(p)) {
		return phrase{}, false
	}
	return p, true
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

// addStatement resolves the source and records a statement with content
// tokens [a,b).
func (r *run) addStatement(si int, s sentence, c cue, src phrase, a, b int, conf float64) *stmt {
	cs, ce, kind, ok := r.contentSpan(a, b)
	if !ok || !r.cueFits(c, cs, ce) || kind == graph.Indirect && c.info.lemma == "add" && r.movement(a, b) || kind == graph.Indirect && c.info.lemma == "declare" && r.actObject(a, b) {
		return nil
	}
	toks := r.d.toks
	pos := toks[src.t0].s
	ents, spk, how := r.resolve(src, pos)
	if mate := r.clauseMate(si, src); mate != nil {
		// "The county executive said …, though she acknowledged …": the
		// pronoun is the speaker of the clause before it, named or not
		ents, how = mate.ents, graph.ResolvedPronoun
		spk = make([]graph.Speaker, len(mate.speakers))
		copy(spk, mate.speakers)
	}
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
		date: r.statementDate(s), confidence: conf, cueTok: c.t0, relative: src.relative}
	r.stmts = append(r.stmts, st)
	r.noteSpeakers(ents)
	if len(ents) == 0 && spk[0].Kind == "group" {
		r.lastSpeakers = nil // "protesters said …" then "they said": not an older speaker
	}
	return st
}

// addQuotePart adds the inside of quote qi as the next part of st's
// content: "“Q1,” said X, “Q2.”".
func (r *run) addQuotePart(st *stmt, qi int32) {
	q := &r.d.quotes[qi]
	a, b := q.is, q.ie
	for b > a && (r.d.text[b-1] == ',' || r.d.text[b-1] == ' ') {
		b--
	}
	for a < b && r.d.text[a] == ' ' {
		a++
	}
	st.addPart(a, b)
	if st.kind == graph.Indirect {
		st.kind = graph.Mixed
	}
}

// mergeTurns folds each turn's statements into its first one, as parts
// (Options.MergeTurns).
func (r *run) mergeTurns() {
	out := r.stmts[:0]
	for _, st := range r.stmts {
		if h := st.turn; h != nil {
			for _, p := range st.partsOrWhole() {
				h.addPart(p[0], p[1])
			}
			if h.kind != st.kind {
				h.kind = graph.Mixed
			}
			continue
		}
		out = append(out, st)
	}
	r.stmts = out
}

// keepQuoteMarks widens each statement's content pieces to the marks of
// the quotations they are the inside of, with the punctuation before a
// closing mark (Options.QuoteMarks): “We will not sign,” instead of We
// will not sign.
func (r *run) keepQuoteMarks() {
	qs := r.d.quotes
	text := r.d.text
	closed := func(q *quoteSpan) bool { return q.os < q.is && q.oe > q.ie }
	widen := func(a, b int) (int, int) {
		// a quote whose inside starts at a (give or take a space), one
		// whose inside ends at b (give or take the punctuation before
		// its closing mark)
		if k := sort.Search(len(qs), func(k int) bool { return qs[k].is >= a-1 }); k < len(qs) {
			if q := &qs[k]; closed(q) && q.is <= a && strings.TrimSpace(text[q.is:a]) == "" {
				a = q.os
			}
		}
		if k := sort.Search(len(qs), func(k int) bool { return qs[k].ie >= b }); k < len(qs) {
			if q := &qs[k]; closed(q) && q.ie-b <= 3 && q.is < b && strings.Trim(text[b:q.ie], " ,.?!") == "" {
				b = q.oe
			}
		}
		return a, b
	}
	for _, st := range r.stmts {
		if len(st.parts) > 0 {
			for k := range st.parts {
				st.parts[k][0], st.parts[k][1] = widen(st.parts[k][0], st.parts[k][1])
			}
			st.cs, st.ce = st.parts[0][0], st.parts[len(st.parts)-1][1]
			continue
		}
		st.cs, st.ce = widen(st.cs, st.ce)
	}
}

// partsOrWhole is st's content as a list of pieces.
func (st *stmt) partsOrWhole() [][2]int {
	if len(st.parts) > 0 {
		return st.parts
	}
	return [][2]int{{st.cs, st.ce}}
}

// movement reports content that is a quantity, not words: "The DAX added
// 0.1 per cent", "Shares added 12 points to close at …".
func (r *run) movement(a, b int) bool {
	toks := r.d.toks
	for a < b && toks[a].kind == tPunct {
		a++
	}
	if a >= b {
		return false
	}
	// a figure among the first words: "0.1 per cent", "a second 17
	// seconds after the restart"
	for k := a; k < b && k < a+3; k++ {
		t := &toks[k]
		if t.kind == tNum || t.kind == tWord && r.d.text[t.s] >= '0' && r.d.text[t.s] <= '9' {
			return r.words(a, b) <= 10 && !r.hasWord(a, b, "that")
		}
	}
	return false
}

// withheldBy are verbs and auxiliaries before a cue that mean nothing was
// said: "declined to say", "refused to comment", "would not say".
var withheldBy = set("declined declines decline declining refused refuses refuse refusing")

// withheld reports a cue whose speech is refused or negated: the words
// after it are what was not said.
func (r *run) withheld(s sentence, c cue) bool {
	toks := r.d.toks
	if c.info.lemma == "ask" && c.t1+3 < s.t1 && toks[c.t1].low == "not" && toks[c.t1+1].low == "to" && toks[c.t1+2].low == "be" {
		return true // "who asked not to be named": a request for anonymity
	}
	if c.t1 < s.t1 && (toks[c.t1].low == "nothing" || toks[c.t1].low == "little") && (c.t1+1 >= s.t1 || toks[c.t1+1].kind != tWord || toks[c.t1+1].low == "more" || toks[c.t1+1].low == "else" || toks[c.t1+1].low == "about") {
		return true // "She said nothing more.", "said little about it"
	}
	k := c.t0 - 1
	if k >= s.t0 && toks[k].low == "to" {
		return k-1 >= s.t0 && withheldBy[toks[k-1].low]
	}
	if k >= s.t0 && (toks[k].low == "not" || toks[k].low == "never" || toks[k].low == "n't") {
		return true
	}
	return k >= s.t0 && (strings.HasSuffix(toks[k].low, "n't") || strings.HasSuffix(toks[k].low, "n’t"))
}

func (r *run) hasWord(a, b int, w string) bool {
	for k := a; k < b; k++ {
		if r.d.toks[k].low == w {
			return true
		}
	}
	return false
}

// gerundCues report speech in a gerund right after them: "denied taking
// bribes", "admitted lying", "acknowledged making mistakes".
var gerundCues = set("deny admit acknowledge recall regret")

// colonParagraph reads an attribution ending its paragraph on a colon,
// with the words in the next paragraph, as transcripts and web pages
// whose block quotes lost their marks print them ("The governor
// added:" then "It is typical of the council. …"; "She told the board:"
// then "“We will close the school.”"). The next paragraph is the content
// when it holds no attribution of its own.
func (r *run) colonParagraph(si int, s sentence, c cue, src phrase, blockEnd int) bool {
	toks := r.d.toks
	k := blockEnd
	for k < s.t1 && k-blockEnd < 8 && toks[k].kind == tWord && !toks[k].cap {
		k++ // "told the board:", "said in a statement:"
	}
	if k != s.t1-1 || !r.isPunct(k, ":") || si+1 >= len(r.d.sents) {
		return false
	}
	next := r.d.sents[si+1]
	if next.para == s.para || r.skip[si+1] {
		return false
	}
	last := si + 1
	for last+1 < len(r.d.sents) && r.d.sents[last+1].para == next.para && !r.skip[last+1] {
		last++
	}
	var cues []cue
	for j := si + 1; j <= last; j++ {
		if r.mostlyQuoted(r.d.sents[j].t0, r.d.sents[j].t1) {
			continue
		}
		sj := r.d.sents[j]
		for _, cc := range r.findCues(sj, cues[:0]) {
			if cc.info.class == cueSpeech && cc.t1 < sj.t1 && (toks[cc.t1].kind == tWord || toks[cc.t1].kind == tQuote) {
				return false // the paragraph attributes words of its own
			}
		}
	}
	if n := r.words(next.t0, r.d.sents[last].t1); n < 2 || n < 4 && !r.mostlyQuoted(next.t0, r.d.sents[last].t1) {
		return false
	}
	st := r.addStatement(si, s, c, src, next.t0, r.d.sents[last].t1, 0.7)
	if st == nil {
		return false
	}
	for j := si + 1; j <= last; j++ {
		r.skip[j] = true
	}
	return true
}

// quoteAfterAside finds a quote opening within a few words after token
// from, past an aside that reports nothing new: a participle phrase, a
// place or time, "but", "and still". A cue or a name followed by a verb
// in between ends the search: that quote is someone's other statement.
func (r *run) quoteAfterAside(s sentence, from int) (int32, bool) {
	toks := r.d.toks
	for j := from; j < s.t1 && j-from <= 14; j++ {
		t := &toks[j]
		if t.kind == tQuote && t.quote >= 0 && r.d.quotes[t.quote].openTok == j {
			if j > from && (r.isPunct(j-1, ",") || toks[j-1].low == "but" || toks[j-1].low == "still" || toks[j-1].low == "and") {
				return t.quote, true
			}
			return 0, false
		}
		if t.quote >= 0 || isTerminal(t) || r.isPunct(j, ";", ":") || t.kind == tPara {
			return 0, false
		}
		if t.kind == tWord {
			// a cue ends the aside, but for a participle that reports
			// nothing new ("referring to …"); "adding", "saying" do
			if info, cue := r.x.cues[t.low]; cue && (!strings.HasSuffix(t.low, "ing") || strongParticiples[info.lemma]) {
				return 0, false
			}
		}
	}
	return 0, false
}

// ppHead is the last word of a source phrase, or, when a preposition
// follows a person or organisation noun inside it, that noun: "officials
// at the terminal" are officials ("the terminal" alone would be no
// source).
func (r *run) ppHead(p phrase) int {
	toks := r.d.toks
	for k := p.t0 + 1; k < p.t1-1; k++ {
		if t := &toks[k]; t.kind == tWord && !t.cap && (ppInNP[t.low] || wherePreps[t.low]) {
			if b := stripPossessive(toks[k-1].low); personNouns[b] || orgNouns[b] || titleWords[b] || workerNouns[b] {
				return k - 1
			}
			break
		}
	}
	return p.t1 - 1
}

// relativeReport reads an attribution inside a relative clause, whose
// verb has no complement but the clause's own: "what the senators said
// was economic gerrymandering", "the changes, which officials said will
// go into effect next month,", "a probe the agency said was ongoing".
// The content is the relative word or the noun it stands for, then the
// clause's predicate, as two parts around the attribution.
func (r *run) relativeReport(si int, s sentence, c cue, src phrase, later []cue) bool {
	toks := r.d.toks
	if c.t1 >= s.t1 || src.pronoun && toks[src.t0].low == "it" {
		return false
	}
	v := c.t1
	for v < s.t1 && v-c.t1 < 2 && toks[v].kind == tWord && (toks[v].low == "now" || toks[v].low == "also" || toks[v].low == "still" || len(toks[v].low) > 4 && strings.HasSuffix(toks[v].low, "ly")) {
		v++ // "which state media claimed now allows …"
	}
	if v >= s.t1 {
		return false
	}
	predicate := func() bool {
		n := &toks[v]
		return n.kind == tWord && !n.cap && (finiteAux[n.low] || v > c.t1 && strings.HasSuffix(n.low, "s") && !strings.HasSuffix(n.low, "ss") && !stopBack[n.low])
	}
	// after "what" or "which" the cue's complement may be the relative's
	// clause: "what Turnbull called North Korea's … actions", "which Mr.
	// Clarke says he is doing everything to keep open" (not "which he
	// described as “substantive”": the relative is what is described)
	whClause := func(w int) bool {
		return w >= s.t0 && (toks[w].low == "what" || toks[w].low == "which") && toks[v].kind == tWord && toks[v].low != "as"
	}
	if !src.relative && !predicate() && !whClause(src.t0-1) {
		return false
	}
	if src.relative {
		// "The changes, which officials said will …": leftSource read the
		// relative's antecedent; the cue's subject is after "which"
		w := c.t0 - 1
		for w > src.t0 && !relatives[toks[w].low] {
			w--
		}
		e, ok := r.npForward(w+1, c.t0)
		if !ok && w+1 < c.t0 && quantities[toks[w+1].low] {
			e, ok = w+2, true // "which some have argued", "which many say"
		}
		npEnd := e
		for ok && e < c.t0 && toks[e].kind == tWord && aux[toks[e].low] {
			e++ // "which some have argued was …"
		}
		if (!ok || e != c.t0) && !r.bareGroup(w+1, c.t0) || w+1 >= c.t0 {
			return false
		}
		if !predicate() && !whClause(w) {
			return false
		}
		src = phrase{t0: w + 1, t1: c.t0}
		if ok && npEnd < c.t0 {
			src.t1 = npEnd
		}
	}
	if src.t0 <= s.t0 {
		return false
	}
	rel := src.t0 - 1
	if rel <= s.t0 || !r.hasClauseBefore(s, rel) {
		return false // "Everything Trump says is a lie": the subject's own clause
	}
	h := &toks[rel]
	if h.kind != tWord || h.cap || !(h.low == "what" || h.low == "which" || h.low == "that" || !stopBack[h.low] && !aux[h.low] && !determiners[h.low] && !possessivePronouns[h.low] && r.x.cues[h.low].lemma == "") {
		return false
	}
	if h.low == "which" && rel-1 > s.t0 && r.relativePrep(rel-1) {
		return false // "a hearing in which the family described …": the relative is where, not what was said
	}
	end := r.contentEnd(s, c.t1, later)
	for k := c.t1; k < end; k++ {
		if r.isPunct(k, ",", ";", "\u2014") || toks[k].kind == tPara || toks[k].low == "and" && k+1 < end && (toks[k+1].low == "how" || toks[k+1].low == "what") {
			end = k // ("what Trump says his plan would do and how experts say …")
			break
		}
	}
	if r.words(c.t1, end) < 2 {
		return false
	}
	st := r.addStatement(si, s, c, src, rel, end, 0.75)
	if st == nil {
		return false
	}
	pe := toks[end-1].e
	if end-1 > c.t1 && toks[end-1].kind == tPunct {
		pe = toks[end-2].e
	}
	st.cs, st.ce = h.s, pe
	st.parts = [][2]int{{h.s, h.e}, {toks[c.t1].s, pe}}
	return true
}

// nameInCommas reads a name of two or more capitalised words between the
// comma at i and the next one, before hi: ", Grace Okonjo,".
func (r *run) nameInCommas(i, hi int) (int, bool) {
	toks := r.d.toks
	if !r.isPunct(i, ",") || i+1 >= hi || toks[i+1].kind != tWord || !toks[i+1].cap || dropCapitalised[toks[i+1].low] {
		return 0, false
	}
	e := r.d.capRun(i+1, hi)
	return e, e-i-1 >= 2 && e < hi && r.isPunct(e, ",") && r.hasGiven(i+1, e)
}

// relativePrep reports a preposition at k that a relative pronoun after
// it makes an adverbial: "in which", "during which", "at which".
func (r *run) relativePrep(k int) bool {
	t := &r.d.toks[k]
	return t.kind == tWord && (ppInNP[t.low] || placePreps[t.low] || t.low == "during")
}

// subordinateIn reports a subordinating word among tokens [a,b):
// "when", "before", "after", "while", "if", "because", "as".
func (r *run) subordinateIn(a, b int) bool {
	for k := a; k < b; k++ {
		if t := &r.d.toks[k]; t.kind == tWord && (subordinatorsBefore[t.low] || t.low == "before" || t.low == "after" || t.low == "as") {
			return true
		}
	}
	return false
}

// hasVerbLike reports a finite auxiliary among words [a,b): "the
// figures have grown" is a clause, "an official at the ministry" is not.
func (r *run) hasVerbLike(a, b int) bool {
	for k := a; k < b; k++ {
		if t := &r.d.toks[k]; t.kind == tWord && !t.cap && finiteAux[t.low] {
			return true
		}
	}
	return false
}

// finiteAux open a relative clause's predicate right after its
// attribution: "which officials said will …", "what he said was …".
var finiteAux = set("is was are were will would could can may might should has had have")

// hasClauseBefore reports words before token i that are more than the
// start of a noun phrase: a verb, a preposition or a comma, so the
// relative clause at i is inside the sentence, not its subject.
func (r *run) hasClauseBefore(s sentence, i int) bool {
	for k := s.t0; k < i; k++ {
		t := &r.d.toks[k]
		if t.kind == tPunct && t.low == "," {
			return true
		}
		if t.kind == tWord && !t.cap && !determiners[t.low] && !quantities[t.low] && !possessivePronouns[t.low] {
			return true
		}
	}
	return false
}

// clauseMate is the statement of the clause before a pronoun subject that
// opens a second clause of the same sentence ("X said A, though she
// acknowledged B"; "…, and he urged …"), when the pronoun can stand for
// its one speaker: "she" never for a man.
func (r *run) clauseMate(si int, src phrase) *stmt {
	toks := r.d.toks
	if !src.pronoun || src.t1 != src.t0+1 || src.t0 < 1 {
		return nil
	}
	low := toks[src.t0].low
	if low != "he" && low != "she" {
		return nil
	}
	g := pronounGender[low]
	k := src.t0 - 1
	if !newClause[toks[k].low] || toks[k].kind != tWord {
		return nil
	}
	var mate *stmt
	for i := len(r.stmts) - 1; i >= 0; i-- {
		if st := r.stmts[i]; st.sent == si && st.cueTok < k {
			mate = st
			break
		} else if st.sent < si {
			break
		}
	}
	if mate == nil || len(mate.speakers) != 1 || mate.speakers[0].Kind == "group" {
		return nil
	}
	if len(mate.ents) == 1 {
		if e := mate.ents[0]; e.typ != graph.Person || e.gender != 0 && e.gender != g {
			return nil
		}
	}
	return mate
}

// actObject reports content [a,b) of "declare" that is a noun phrase with
// no clause in it: what was declared is an act, not words ("declared a
// state of emergency", "declared victory", "declared his candidacy").
func (r *run) actObject(a, b int) bool {
	toks := r.d.toks
	if a >= b || toks[a].kind != tWord || toks[a].low == "that" || toks[a].cap && !determiners[toks[a].low] {
		return false
	}
	for k := a; k < b; k++ {
		t := &toks[k]
		if t.kind == tWord && (finiteAux[t.low] || k > a+1 && strings.HasSuffix(t.low, "ed") || pronounGender[t.low] != 0 && k > a) {
			return false
		}
		if k > a && t.kind == tWord && (t.low == "to" || t.low == "that") {
			return false // "declared the plan to be dead", "declared victory, saying that …"
		}
	}
	return true
}

// inAskedAdjunct reports a cue inside a sentence-opening "Asked …,"
// ("Pressed on …,") clause, other than "asked" itself.
func (r *run) inAskedAdjunct(s sentence, c cue) bool {
	toks := r.d.toks
	a := r.skipDateline(s)
	if a >= c.t0 || !askedWords[toks[a].low] || !toks[a].cap {
		return false
	}
	for k := a + 1; k < c.t0; k++ {
		if r.isPunct(k, ",") || toks[k].kind == tQuote {
			return false
		}
	}
	return true
}

// quoteOpensAt reports a quotation opening at token i.
func (r *run) quoteOpensAt(i int) bool {
	toks := r.d.toks
	return i < len(toks) && toks[i].kind == tQuote && toks[i].quote >= 0 && r.d.quotes[toks[i].quote].openTok == i
}

// clauseBefore reports tokens [a,b), before a parenthetical attribution,
// that open what was said rather than the reporter's setting: at least
// two words, none quoted, not opening on a preposition, adverb or
// interjection ("At the rally, she said, “…”", "Later, he said, “…”"
// are the reporter's).
func (r *run) clauseBefore(a, b int) bool {
	toks := r.d.toks
	if b <= a || r.words(a, b) < 2 {
		return false
	}
	for k := a; k < b; k++ {
		if toks[k].quote >= 0 || toks[k].kind == tQuote || isTerminal(&toks[k]) || askedWords[toks[k].low] {
			return false // "Asked about …, she said, “…”", "when pressed on …": the question is not hers
		}
	}
	f := &toks[a]
	return f.kind == tWord && !(interjections[f.low] && f.low != "no") && !adverbialStart[f.low] && !conjunctions[f.low] &&
		!strings.HasSuffix(f.low, "ly") && !strings.HasSuffix(f.low, "ed") && !strings.HasSuffix(f.low, "ing") && !dayWord(f.low) && !months[f.low]
}

var conjunctions = set("and but or nor yet so then")

var askedWords = set("asked pressed questioned challenged")

// shortSubject reports one or two words opening the sentence before a
// parenthetical attribution that are the subject of what goes on after
// it ("Climate change, X says, is …", "African-Americans, he said, can
// …"), not an adverb or interjection ("Now, X has responded", "Well, X
// said"): a noun phrase, and a verb or auxiliary after the attribution.
func (r *run) shortSubject(start, end, after int) bool {
	toks := r.d.toks
	for end > start && toks[end-1].kind == tPunct {
		end--
	}
	if end <= start || after >= len(toks) {
		return false
	}
	f := &toks[start]
	if f.kind != tWord || interjections[f.low] || adverbialStart[f.low] || dropCapitalised[f.low] && !determiners[f.low] || strings.HasSuffix(f.low, "ly") || dayWord(f.low) || months[f.low] {
		return false
	}
	a := &toks[after]
	return a.kind == tWord && !a.cap && (aux[a.low] || finiteAux[a.low] || strings.HasSuffix(a.low, "s") && !stopBack[a.low] || a.low == "can" || a.low == "must")
}

// gerundSubject reports an -ing word at i opening a clause as its subject
// ("…, he said, replacing the nominee would be acrimonious"): a finite
// verb follows within a few words, where a participle adjunct ("…, he
// said, adding that …") has none.
func (r *run) gerundSubject(i, end int) bool {
	toks := r.d.toks
	for k := i + 1; k < end && k-i <= 6; k++ {
		if toks[k].kind != tWord {
			return false
		}
		if finiteAux[toks[k].low] && toks[k].low != "has" && toks[k].low != "have" && toks[k].low != "had" {
			return true
		}
	}
	return false
}

// subordinateBefore adds to st, whose content follows its attribution,
// the subordinate clause opening the sentence before it: "When she is
// looking to fill a position, she said she ensures …", "If the vote
// fails, he said, the plan is dead": the condition is part of what was
// said. A prepositional opening ("At a rally on Tuesday, X said") is
// the reporter's and stays out.
func (r *run) subordinateBefore(s sentence, st *stmt, blockStart int) {
	toks := r.d.toks
	if st == nil || len(st.parts) > 0 || blockStart-1 <= s.t0 || !r.isPunct(blockStart-1, ",") {
		return
	}
	a := r.skipDateline(s)
	if a >= blockStart-1 || toks[a].kind != tWord || !subordinatorsBefore[toks[a].low] || r.words(a, blockStart-1) < 3 {
		return
	}
	for k := a; k < blockStart-1; k++ {
		if toks[k].quote >= 0 || isTerminal(&toks[k]) {
			return
		}
	}
	cs, ce := toks[a].s, toks[blockStart-2].e
	if cs >= st.cs {
		return
	}
	for i := len(r.stmts) - 1; i >= 0 && r.stmts[i].sent == st.sent; i-- {
		if o := r.stmts[i]; o != st && o.cue.Start >= cs && o.cue.End <= ce {
			// "Though executives say they assume …, they also say …",
			// "While Comey has said that …, he does not …, Lewandowski
			// said": the clause is a report of its own, which ends there
			if len(o.parts) == 0 && o.ce > ce && o.cs < ce {
				o.ce = ce
			}
			return
		}
	}
	st.parts = [][2]int{{cs, ce}, {st.cs, st.ce}}
	st.cs = cs
}

// subordinatorsBefore open a subordinate clause whose condition or time
// belongs to the statement after it.
var subordinatorsBefore = set("when if unless though although while because since once whenever")

// dropDuplicates keeps one statement of the sentence per content span:
// two readings of one quote ("The spot concludes with footage of Trump
// saying …, “…”": the spot by the quoted-clause shape, Trump by the
// participle) are one statement, the more confident one's.
func (r *run) dropDuplicates(first int) {
	out := r.stmts[:first]
	for i := first; i < len(r.stmts); i++ {
		st := r.stmts[i]
		dup := false
		for j := first; j < len(r.stmts); j++ {
			o := r.stmts[j]
			if j != i && o.cs == st.cs && o.ce == st.ce && (o.confidence > st.confidence || o.confidence == st.confidence && j < i) {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, st)
		}
	}
	r.stmts = out
}

// bareGroup reports a short lower-case noun phrase without a determiner
// naming who: "state news media", "many analysts", "legal experts".
func (r *run) bareGroup(a, b int) bool {
	toks := r.d.toks
	if b-a < 1 || b-a > 4 {
		return false
	}
	for k := a; k < b; k++ {
		if toks[k].kind != tWord || stopBack[toks[k].low] && !quantities[toks[k].low] || aux[toks[k].low] || r.x.cues[toks[k].low].lemma != "" {
			return false
		}
	}
	h := toks[b-1].low
	return pluralLike(h) || personNouns[h] || orgNouns[h] || h == "media"
}

// frontedAdverbial reports tokens [a,b) that are a prepositional phrase
// opening the sentence, with no verb of their own: "In a 64-page
// report", "At a news conference on Monday".
func (r *run) frontedAdverbial(a, b int) bool {
	toks := r.d.toks
	for b > a && toks[b-1].kind == tPunct {
		b--
	}
	asFor := toks[a].low == "as" && a+1 < b && (toks[a+1].low == "for" || toks[a+1].low == "to") // "As for Okafor, he said …"
	if b-a < 2 || b-a > 10 || toks[a].kind != tWord || !adverbialStart[toks[a].low] && !asFor {
		return false
	}
	if toks[a].low == "at" && (toks[a+1].low == "least" || toks[a+1].low == "most") {
		return false // "At least 30 people died, …": a subject
	}
	for k := a + 1; k < b; k++ {
		t := &toks[k]
		if t.kind == tQuote || t.kind == tPunct && t.low != "-" || t.kind == tWord && (aux[t.low] || relatives[t.low] || conjunctions[t.low]) {
			return false
		}
	}
	return true
}

// roleBefore reports tokens [a,b) that are a short noun phrase with a
// determiner or a possessor and no verb: a role before a name in commas
// ("The tournament's organiser", "Her lawyer").
func (r *run) roleBefore(a, b int) bool {
	toks := r.d.toks
	if b-a < 2 || b-a > 6 || toks[a].kind != tWord || !(determiners[toks[a].low] && toks[a].low != "that" && toks[a].low != "this" || possessivePronouns[toks[a].low] || isPossessive(toks[a].low) && toks[a].cap) {
		return false
	}
	for k := a; k < b; k++ {
		t := &toks[k]
		if t.kind != tWord || t.quote >= 0 || aux[t.low] || r.x.cues[t.low].lemma != "" || !t.cap && (strings.HasSuffix(t.low, "ed") || k > a && (relatives[t.low] || conjunctions[t.low])) {
			return false
		}
	}
	last := stripPossessive(toks[b-1].low)
	return !toks[b-1].cap && !pluralLike(last)
}

// hasAux reports an auxiliary verb among tokens [a,b): a clause.
func (r *run) hasAux(a, b int) bool {
	for k := a; k < b; k++ {
		if t := &r.d.toks[k]; t.kind == tWord && aux[t.low] {
			return true
		}
	}
	return false
}
