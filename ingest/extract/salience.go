// Stage 6, resolving (continued): salience, who a pronoun or a description
// most likely stands for.

package extract

import (
	"slices"
	"sort"
	"strings"

	"github.com/whosaid/whosaid/graph"
)

// noteSpeakers updates salience after a statement.
func (r *run) noteSpeakers(ents []*entity) {
	if len(ents) == 0 {
		return
	}
	r.lastSpeakers = ents
	r.innerSpeakers = nil
	for _, e := range ents {
		r.touch(e)
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

// resolvePronoun picks the most salient compatible antecedent: the last
// statement's speaker, then recent speakers, then the last person named.
func (r *run) resolvePronoun(low string, pos int) []*entity {
	switch low {
	case "he", "she":
		g := byte('m')
		if low == "she" {
			g = 'f'
		}
		c := genderClass(g)
		ok := c.accepts
		var pick *entity
		// the speaker of a statement in this or the previous sentence,
		// then the subject of the nearest sentence naming a compatible
		// person ("Judge Okoro adjourned the case. She warned …"), then
		// older speakers
		pick = r.clauseSubject(pos, c)
		if pick == nil && len(r.lastSpeakers) == 1 && ok(r.lastSpeakers[0]) && r.lastStatementNear(pos) {
			pick = r.lastSpeakers[0]
		}
		if pick == nil && r.lastStatementNear(pos) {
			for _, e := range r.innerSpeakers {
				if ok(e) {
					pick = e
					break
				}
			}
		}
		if pick == nil {
			pick = r.lastSubject(pos, c)
		}
		if pick == nil && len(r.lastSpeakers) == 1 && ok(r.lastSpeakers[0]) {
			pick = r.lastSpeakers[0]
		}
		if pick == nil {
			for _, e := range r.recent {
				if ok(e) {
					pick = e
					break
				}
			}
		}
		if pick == nil {
			// (a name only ever inside quotation marks is what someone
			// said, not who: “Happy Cinco de Mayo!,” he tweeted)
			if e := r.lastMentioned(pos, c); e != nil && r.namedOutsideQuotes(e, pos) {
				pick = e
			}
		}
		if pick != nil && pick.gender == 0 {
			pick.gender = g
		}
		if pick == nil {
			return nil
		}
		return []*entity{pick}
	case "they":
		// the speakers of the last statement, or the organisation that
		// made it; an older organisation is too weak a guess
		if len(r.lastSpeakers) > 1 {
			return r.lastSpeakers
		}
		if len(r.lastSpeakers) == 1 && r.lastSpeakers[0].typ == graph.Organisation {
			return r.lastSpeakers
		}
	case "it":
		if e := r.sentenceSubjectOrg(pos); e != nil {
			return []*entity{e}
		}
		for _, e := range r.recent {
			if e.typ == graph.Organisation || e.typ == graph.Place {
				return []*entity{e}
			}
		}
		if e := r.lastMentioned(pos, classOrg); e != nil {
			return []*entity{e}
		}
	}
	return nil
}

// aliasHasHead reports a definite description among aliases ending in
// head: "The board" for "board" (not "a private company", which says
// what it is, not which one "the company" is). "The company" and other
// company nouns are left to the salience of companies (recentOrgSpeaker).
func aliasHasHead(aliases []string, head string) bool {
	for _, a := range aliases {
		if i := strings.LastIndexByte(a, ' '); i >= 0 && strings.EqualFold(a[i+1:], head) && len(a) > 4 && strings.EqualFold(a[:4], "the ") {
			return true
		}
	}
	return false
}

func (r *run) recentOrg(head string, pos int) *entity {
	for _, e := range r.recent {
		if e.typ == graph.Organisation && (nameHasHead(e.name, head) || !companyNouns[head] && aliasHasHead(e.aliases, head)) {
			r.touch(e)
			return e
		}
	}
	// the latest registered organisation whose name holds head: each
	// entity is looked at once per head (heads are org nouns, a closed set)
	if r.orgByHead == nil {
		r.orgByHead = map[string]*orgHead{}
	}
	h := r.orgByHead[head]
	if h == nil {
		h = &orgHead{}
		r.orgByHead[head] = h
	}
	for ; h.seen < len(r.ents); h.seen++ {
		if e := r.ents[h.seen]; e.typ == graph.Organisation && nameHasHead(e.name, head) {
			h.all = append(h.all, e)
		}
	}
	// names are registered before statements are read, so the latest
	// may be named only further down ("the service said" in the first
	// paragraph is not the Armed Services Committee of the sixth): take
	// the latest named before pos, looking at the last few only so that
	// the search stays constant per statement
	var latest *entity
	for i := len(h.all) - 1; i >= 0 && i >= len(h.all)-maxOrgHeadScan; i-- {
		if e := h.all[i]; len(e.mentions) == 0 || e.mentions[0].Start < pos {
			latest = e
			break
		}
	}
	if verifyAntecedent != nil {
		verifyAntecedent(r, "recentOrg:"+head, pos, classOrg, latest)
	}
	if latest == nil {
		return nil
	}
	r.touch(latest)
	return latest
}

// nameHasHead reports whether a word of name is head or its plural
// ("the service" and the Christian News Service, the Armed Services
// Committee; "the ad" is not the Leadership Institute).
func nameHasHead(name, head string) bool {
	for _, w := range strings.Fields(strings.ToLower(name)) {
		w = stripPossessive(w)
		if w == head || w == head+"s" || w == head+"es" {
			return true
		}
	}
	return false
}

// maxOrgHeadScan bounds recentOrg's look back over the organisations
// sharing a head noun.
const maxOrgHeadScan = 16

// orgHead caches recentOrg's search of the registry for one head noun.
type orgHead struct {
	all  []*entity // the organisations whose name holds the head, in registry order
	seen int       // r.ents[:seen] are searched
}

// recentPerson resolves "the official", "the Russian envoy": the most
// recent person speaker, preferring one whose role matches the head noun or
// is of the same place.
func (r *run) recentPerson(head, place string, generic bool) *entity {
	e := r.recentPersonOf(head, place, generic)
	r.touch(e)
	return e
}

// nearBytes is how far back (about three short paragraphs) a person's
// mention still makes them the antecedent of a description by title, age
// or nationality.
const nearBytes = 1200

// clauseSubject is the person of class c who is the subject of the
// pronoun's own sentence when the pronoun stands later in it, in a
// subordinate or coordinate clause: "Parishioner Grace Obi, 58, …, wept as
// she described the damage" is about Obi, whoever spoke last. Not after a
// quote, whose names are someone's words.
func (r *run) clauseSubject(pos int, c class) *entity {
	d, toks := r.d, r.d.toks
	si := d.sentAt(pos)
	if si < 0 {
		return nil
	}
	s := d.sents[si]
	at := sort.Search(len(toks), func(k int) bool { return toks[k].s >= pos })
	if at-s.t0 < 4 || toks[s.t0].kind == tQuote || toks[s.t0].quote >= 0 || r.isCloseQuote(at-1) || r.isPunct(at-1, ",") && r.isCloseQuote(at-2) {
		return nil
	}
	for k := s.t0; k < at; k++ {
		if toks[k].kind == tQuote {
			return nil
		}
	}
	from, limit := r.subjectSpan(s)
	return r.index().person.earliest(from, min(limit, pos), c)
}

// titledPerson is the one person named near before pos (speaker or not)
// whose whole title makes them the head ("the judge" after "Justice Arvind Rao granted
// bail"; "the prime minister" after "Prime Minister Keir Starmer": whole
// is the description's words after its determiner), or nil when none or
// several are.
func (r *run) titledPerson(head, whole string, pos int) *entity {
	var found *entity
	for _, e := range r.personsNear(pos, nearBytes) {
		for _, ro := range e.roles {
			// the whole title, not a part: "World Bank President Jim
			// Yong Kim" is not "the president" of a story about Obama
			if t := strings.ToLower(strings.TrimSuffix(ro.Title, ".")); t == head || t == whole || slices.Contains(headTitles[head], t) {
				if found != nil && found != e {
					return nil
				}
				found = e
			}
		}
	}
	return found
}

func (r *run) recentPersonOf(head, place string, generic bool) *entity {
	var first *entity
	for _, e := range r.recent {
		if e.typ != graph.Person {
			continue
		}
		for _, ro := range e.roles {
			if roleNames(strings.ToLower(ro.Title), head) && (place == "" || ro.Of == place) {
				return e
			}
		}
		if first == nil && generic {
			if place == "" {
				first = e
			} else {
				for _, ro := range e.roles {
					if ro.Of == place {
						first = e
					}
				}
			}
		}
	}
	return first
}

// lastStatementNear reports whether the last statement with speakers lies
// in the sentence holding pos or the one before it.
//
// Statements are in sentence order, so the walk back ends at the first one
// before that: without it, text whose statements name no one (a transcript
// of "the minister said … she said") made every pronoun walk them all.
func (r *run) lastStatementNear(pos int) bool {
	near := r.lastStatementNearWalk(pos)
	if verifyNear != nil {
		verifyNear(r, pos, near)
	}
	return near
}

// verifyNear, set by tests, compares lastStatementNear with a walk over
// all statements.
var verifyNear func(r *run, pos int, got bool)

func (r *run) lastStatementNearWalk(pos int) bool {
	d := r.d
	cur := sort.Search(len(d.sents), func(k int) bool { return d.toks[d.sents[k].t0].s > pos }) - 1
	for i := len(r.stmts) - 1; i >= 0; i-- {
		st := r.stmts[i]
		if st.sent < cur-1 {
			return false
		}
		if len(st.ents) > 0 {
			return true
		}
	}
	return false
}

// headTitles are the titles that make their holder what a description's
// head says: "the judge" after "Justice Arvind Rao".
var headTitles = map[string][]string{
	"judge": {"justice", "magistrate"},
}

// roleNames reports whether a role title (lower case) makes its holder
// the description head.
func roleNames(title, head string) bool {
	if strings.Contains(title, head) {
		return true
	}
	for _, t := range headTitles[head] {
		if strings.Contains(title, t) {
			return true
		}
	}
	return false
}

// sentenceSubjectOrg is the organisation named in the first words of the
// sentence holding pos, before pos: "A group calling itself Black Lantern
// claimed responsibility …, posting what it said were samples" is the
// group, not the company that spoke last.
func (r *run) sentenceSubjectOrg(pos int) *entity {
	d, toks := r.d, r.d.toks
	cur := d.sentAt(pos)
	if cur < 0 {
		return nil
	}
	s := d.sents[cur]
	first := min(s.t0+6, s.t1-1)
	if toks[first].s >= pos {
		return nil // the pronoun opens the sentence
	}
	return r.index().org.earliest(toks[s.t0].s, toks[first].s, classOrg)
}

// sentAt is the index of the sentence holding byte pos (-1 before the
// first).
func (d *doc) sentAt(pos int) int {
	return sort.Search(len(d.sents), func(k int) bool { return d.toks[d.sents[k].t0].s > pos }) - 1
}

// namedOutsideQuotes reports a mention of e before pos outside quotation
// marks (the latest mentions first: most entities are named so).
func (r *run) namedOutsideQuotes(e *entity, pos int) bool {
	toks := r.d.toks
	for i := len(e.mentions) - 1; i >= 0; i-- {
		m := e.mentions[i]
		if m.Start >= pos {
			continue
		}
		k := sort.Search(len(toks), func(k int) bool { return toks[k].s >= m.Start })
		if k < len(toks) && toks[k].quote < 0 {
			return true
		}
	}
	return false
}
