// Stage 6, resolving (continued): salience, who a pronoun or a description
// most likely stands for.

package extract

import (
	"strings"

	"github.com/whosaid/whosaid/graph"
)

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

// resolvePronoun picks the most salient compatible antecedent: the last
// statement's speaker, then recent speakers, then the last person named.
func (r *run) resolvePronoun(low string, pos int) []*entity {
	switch low {
	case "he", "she":
		g := byte('m')
		if low == "she" {
			g = 'f'
		}
		ok := func(e *entity) bool { return e.typ == graph.Person && (e.gender == 0 || e.gender == g) }
		var pick *entity
		if len(r.lastSpeakers) == 1 && ok(r.lastSpeakers[0]) {
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
			pick = r.lastSubject(pos, ok)
		}
		if pick == nil {
			pick = r.lastMentioned(pos, ok)
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
		for _, e := range r.recent {
			if e.typ == graph.Organisation || e.typ == graph.Place {
				return []*entity{e}
			}
		}
		if e := r.lastMentioned(pos, func(e *entity) bool { return e.typ == graph.Organisation }); e != nil {
			return []*entity{e}
		}
	}
	return nil
}

// lastSubject is the entity satisfying ok named at the start of the
// nearest earlier sentence: subjects are the likeliest antecedents.
func (r *run) lastSubject(pos int, ok func(*entity) bool) *entity {
	d := r.d
	for si := len(d.sents) - 1; si >= 0; si-- {
		s := d.sents[si]
		a := d.toks[s.t0].s
		if a >= pos {
			continue
		}
		limit := d.toks[min(s.t0+5, s.t1-1)].e
		var best *entity
		bestPos := len(d.text)
		for _, e := range r.ents {
			if !ok(e) {
				continue
			}
			for _, m := range e.mentions {
				if m.Start >= a && m.Start < limit && m.Start < bestPos && m.Start < pos {
					best, bestPos = e, m.Start
				}
			}
		}
		if best != nil {
			return best
		}
		if a < pos-2000 {
			break
		}
	}
	return nil
}

// lastMentioned is the entity satisfying ok with the latest mention before pos.
func (r *run) lastMentioned(pos int, ok func(*entity) bool) *entity {
	var best *entity
	bestPos := -1
	for _, e := range r.ents {
		if !ok(e) {
			continue
		}
		for _, m := range e.mentions {
			if m.Start < pos && m.Start > bestPos {
				best, bestPos = e, m.Start
			}
		}
	}
	return best
}

func (r *run) recentOrg(head string) *entity {
	for _, e := range r.recent {
		if e.typ == graph.Organisation && strings.Contains(strings.ToLower(e.name), head) {
			return e
		}
	}
	for i := len(r.ents) - 1; i >= 0; i-- {
		e := r.ents[i]
		if e.typ == graph.Organisation && strings.Contains(strings.ToLower(e.name), head) {
			return e
		}
	}
	return nil
}

// recentPerson resolves "the official", "the Russian envoy": the most
// recent person speaker, preferring one whose role matches the head noun or
// is of the same place.
func (r *run) recentPerson(head, place string, generic bool) *entity {
	var first *entity
	for _, e := range r.recent {
		if e.typ != graph.Person {
			continue
		}
		for _, ro := range e.roles {
			if strings.Contains(strings.ToLower(ro.Title), head) && (place == "" || ro.Of == place) {
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
