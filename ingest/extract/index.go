// The salience index: the mentions of people and organisations in position
// order, so that the antecedent searches of salience.go (the subject of a
// nearby sentence, the latest mention before a position) cost O(log n)
// amortised instead of a walk over every entity's every mention.

package extract

import (
	"cmp"
	"slices"
	"sort"
	"strings"

	"github.com/whosaid/whosaid/graph"
)

// class is what an antecedent search accepts.
type class uint8

const (
	classOrg     class = iota // an organisation ("it")
	classPersonM              // a person who may be male ("he")
	classPersonF              // a person who may be female ("she")
	nClasses
)

func genderClass(g byte) class {
	if g == 'f' {
		return classPersonF
	}
	return classPersonM
}

// accepts reports whether e satisfies c now. A person's gender only ever
// goes from unknown to known while the index is in use, so an entity that
// fails a class keeps failing it.
func (c class) accepts(e *entity) bool {
	switch c {
	case classOrg:
		return e.typ == graph.Organisation
	case classPersonM:
		return e.typ == graph.Person && (e.gender == 0 || e.gender == 'm')
	default:
		return e.typ == graph.Person && (e.gender == 0 || e.gender == 'f')
	}
}

// mref is one mention in the index. Entries are ordered by start, then by
// the entity's registration order (the order the searches break ties in).
type mref struct {
	start int
	idx   int // e.idx
	e     *entity
	poss  bool // a possessor ("Jensen's colleague"), no sentence's subject
}

// subjectSpan is where a sentence's subject may be, as byte offsets, for
// salience: its first five tokens, or through a name in apposition after a
// comma among its first eight ("One of the fishermen in the film, Boubacar
// Traoré, watched …"), or, after a fronted clause ("Asked whether she
// would leave, Ms Flynn shook her head", "After the hearing, Judge Okoro
// …"), the five tokens after its comma.
func (r *run) subjectSpan(s sentence) (from, to int) {
	toks := r.d.toks
	start, end := s.t0, min(s.t0+5, s.t1-1)
	fronted := r.frontedClause(s)
	for k := s.t0 + 1; k < s.t1-1 && (k <= s.t0+8 || fronted && k <= s.t0+14); k++ {
		if toks[k].kind == tQuote || toks[k].quote >= 0 {
			break
		}
		if fronted && toks[k].isComma() && toks[k+1].kind == tWord && !toks[k+1].cap && subjectPronouns[toks[k+1].low] && !(toks[s.t0].low == "as" && (toks[s.t0+1].low == "for" || toks[s.t0+1].low == "to")) {
			// "Asked whether she would keep Okafor …, she said": the
			// subject is the pronoun after the fronted clause; the names
			// inside the clause are not it ("As for Trump, he said …":
			// the topic is the subject)
			return toks[k+1].s, toks[k+1].s
		}
		if toks[k].isComma() && toks[k+1].kind == tWord && toks[k+1].cap {
			if e := r.d.capRun(k+1, s.t1); e-(k+1) >= 2 && e < s.t1 && toks[e].isComma() {
				end = max(end, e-1)
			} else if fronted {
				start, end = k+1, min(k+5, s.t1-1)
			}
			break
		}
	}
	return toks[start].s, toks[end].e
}

// subjectPronouns can be a clause's subject ("her", "his" cannot).
var subjectPronouns = set("he she they we i it")

// frontedClause reports a sentence that opens with a clause or phrase
// before its subject: a participle ("Asked …", "Speaking …") or a
// subordinator or preposition ("After …", "When …", "In …").
func (r *run) frontedClause(s sentence) bool {
	t := &r.d.toks[s.t0]
	if t.kind != tWord || !t.cap || s.t1-s.t0 < 6 {
		return false
	}
	if frontWords[t.low] {
		return true
	}
	return len(t.low) > 4 && (strings.HasSuffix(t.low, "ed") || strings.HasSuffix(t.low, "ing")) && !r.givenName(t.low) && !r.hasEntityNamed(r.text(s.t0, s.t0+1))
}

// frontWords open a clause or phrase before a sentence's subject.
var frontWords = set("after before when while whilst although though since once until unless if as despite following during in on at asked pressed speaking responding addressing")

// possessor reports a mention that is the possessor of a person noun:
// "Jensen's colleague, Maria Lopes, …" is about Lopes ("Clinton's career
// …" is about Clinton).
func (r *run) possessor(m graph.Span) bool {
	rest := r.d.text[m.End:]
	switch {
	case strings.HasSuffix(m.Text, "'s") || strings.HasSuffix(m.Text, "’s"):
	case strings.HasPrefix(rest, "'s "):
		rest = rest[3:]
	case strings.HasPrefix(rest, "’s "):
		rest = rest[len("’s "):]
	default:
		return false
	}
	rest = strings.TrimLeft(rest, " ")
	w := rest
	if i := strings.IndexAny(rest, " ,.;:"); i >= 0 {
		w = rest[:i]
	}
	return personNouns[strings.ToLower(w)]
}

func cmpRef(a, b mref) int {
	if c := cmp.Compare(a.start, b.start); c != 0 {
		return c
	}
	return cmp.Compare(a.idx, b.idx)
}

// mentionList holds one kind of entity's mentions: those present when the
// index was built, sorted once, and those added since, kept sorted by
// insertion (they are added in the sentence being analysed, near the end).
type mentionList struct {
	static, dynamic []mref
}

// firstFrom is the index of the first entry of l with start >= pos.
func firstFrom(l []mref, pos int) int {
	return sort.Search(len(l), func(i int) bool { return l[i].start >= pos })
}

// latestIn is the accepted entry of l with the greatest start in [lo, hi)
// (the earliest registered on a tie), or ok=false.
func latestIn(l []mref, lo, hi int, c class) (best mref, ok bool) {
	for i := firstFrom(l, hi) - 1; i >= 0 && l[i].start >= lo; i-- {
		if ok && l[i].start != best.start {
			break
		}
		if c.accepts(l[i].e) {
			best, ok = l[i], true // entries go back in idx on one start
		}
	}
	return best, ok
}

// earliestIn is the accepted entry of l with the smallest start in [lo, hi)
// (the earliest registered on a tie), or ok=false.
func earliestIn(l []mref, lo, hi int, c class) (mref, bool) {
	for i := firstFrom(l, lo); i < len(l) && l[i].start < hi; i++ {
		if c.accepts(l[i].e) && !l[i].poss {
			return l[i], true
		}
	}
	return mref{}, false
}

func (m *mentionList) latest(lo, hi int, c class) *entity {
	a, okA := latestIn(m.static, lo, hi, c)
	b, okB := latestIn(m.dynamic, lo, hi, c)
	switch {
	case okA && okB:
		if a.start > b.start || a.start == b.start && a.idx < b.idx {
			return a.e
		}
		return b.e
	case okA:
		return a.e
	case okB:
		return b.e
	}
	return nil
}

func (m *mentionList) earliest(lo, hi int, c class) *entity {
	a, okA := earliestIn(m.static, lo, hi, c)
	b, okB := earliestIn(m.dynamic, lo, hi, c)
	switch {
	case okA && okB:
		if cmpRef(a, b) <= 0 {
			return a.e
		}
		return b.e
	case okA:
		return a.e
	case okB:
		return b.e
	}
	return nil
}

// mentionIndex is built on the first antecedent search of a run, from the
// mentions findNames registered, and then follows the mentions that
// resolving source phrases adds. Those are appended to entity.mentions by
// code all over the package, so the index learns about them lazily: every
// entity that may have been given a mention is "touched" (entityWithID,
// recentOrg, recentPerson, noteSpeakers, and the surname named by every
// nameSpan, which is how resolveOne finds a known person), and a search
// first indexes the touched entities' new mentions.
type mentionIndex struct {
	built bool
	live  bool // between the build and the end of findStatements
	// bound[k] is where region k starts: region 0 is the text before the
	// first sentence, region k+1 is sentence k up to the next one.
	bound       []int
	person, org mentionList
	// skip[c] is a union-find over regions, shifted by one (slot 0 is
	// "none"): the latest region at or before k that may hold an entry c
	// accepts. A region is linked to its predecessor once a search found
	// nothing for c in it; regions before the one being analysed no longer
	// change, and an entity that c rejects stays rejected.
	skip [nClasses][]int32
	// final is the start of the latest region searched through: regions
	// before it may have been skipped, so a mention added there (never
	// seen; resolution adds mentions in the sentence it analyses) resets
	// the skips.
	final   int
	touched []*entity
	names   []string // lower-cased name spans made since the last sync
}

// index returns the run's mention index, built and up to date.
func (r *run) index() *mentionIndex {
	ix := &r.ix
	if !ix.built {
		r.buildIndex()
	} else {
		r.syncIndex()
	}
	return ix
}

func (r *run) buildIndex() {
	ix := &r.ix
	ix.built, ix.live = true, true
	ix.bound = make([]int, len(r.d.sents)+1)
	for i, s := range r.d.sents {
		ix.bound[i+1] = r.d.toks[s.t0].s
	}
	for _, e := range r.ents {
		l := ix.list(e)
		if l != nil {
			for _, m := range e.mentions {
				l.static = append(l.static, mref{start: m.Start, idx: e.idx, e: e, poss: r.possessor(m)})
			}
		}
		e.indexed = len(e.mentions)
	}
	slices.SortFunc(ix.person.static, cmpRef)
	slices.SortFunc(ix.org.static, cmpRef)
}

func (ix *mentionIndex) list(e *entity) *mentionList {
	switch e.typ {
	case graph.Person:
		return &ix.person
	case graph.Organisation:
		return &ix.org
	}
	return nil
}

// touch notes that e may have been given mentions the index lacks.
func (r *run) touch(e *entity) {
	if r.ix.live && e != nil && !e.touched {
		e.touched = true
		r.ix.touched = append(r.ix.touched, e)
	}
}

// touchName notes a name span: resolveOne appends it to the person its
// surname names.
func (r *run) touchName(text string) {
	if r.ix.live && text != "" {
		r.ix.names = append(r.ix.names, text)
	}
}

func (r *run) syncIndex() {
	ix := &r.ix
	for _, n := range ix.names {
		if e, ok := r.bySurname[strings.ToLower(n)]; ok {
			r.touch(e)
		}
	}
	ix.names = ix.names[:0]
	for _, e := range ix.touched {
		e.touched = false
		if l := ix.list(e); l != nil {
			for _, m := range e.mentions[e.indexed:] {
				ref := mref{start: m.Start, idx: e.idx, e: e, poss: r.possessor(m)}
				i, _ := slices.BinarySearchFunc(l.dynamic, ref, cmpRef)
				l.dynamic = slices.Insert(l.dynamic, i, ref)
				if m.Start < ix.final {
					ix.resetSkips()
				}
			}
		}
		e.indexed = len(e.mentions)
	}
	ix.touched = ix.touched[:0]
}

func (ix *mentionIndex) resetSkips() {
	for c := range ix.skip {
		for k := range ix.skip[c] {
			ix.skip[c][k] = int32(k)
		}
	}
}

// region is the last region starting at or before pos.
func (ix *mentionIndex) region(pos int) int {
	return sort.Search(len(ix.bound), func(k int) bool { return ix.bound[k] > pos }) - 1
}

func (ix *mentionIndex) regionEnd(k int) int {
	if k+1 < len(ix.bound) {
		return ix.bound[k+1]
	}
	return int(^uint(0) >> 1)
}

// find is the latest region at or before k that may hold an entry c
// accepts, or -1.
func (ix *mentionIndex) find(c class, k int) int {
	p := ix.skip[c]
	if p == nil {
		p = make([]int32, len(ix.bound)+1)
		for i := range p {
			p[i] = int32(i)
		}
		ix.skip[c] = p
	}
	x := int32(k + 1)
	root := x
	for p[root] != root {
		root = p[root]
	}
	for p[x] != root { // path compression
		x, p[x] = p[x], root
	}
	return int(root) - 1
}

// lastMentioned is the entity c accepts with the latest mention before pos
// (the earliest registered on a tie).
func (r *run) lastMentioned(pos int, c class) *entity {
	e := r.lastMentionedIndexed(pos, c)
	if verifyAntecedent != nil {
		verifyAntecedent(r, "lastMentioned", pos, c, e)
	}
	return e
}

// verifyAntecedent, set by tests, compares every search's answer with a
// scan of all mentions.
var verifyAntecedent func(r *run, search string, pos int, c class, got *entity)

func (r *run) lastMentionedIndexed(pos int, c class) *entity {
	ix := r.index()
	l := &ix.person
	if c == classOrg {
		l = &ix.org
	}
	k := ix.region(pos)
	if k < 0 {
		return nil
	}
	if e := l.latest(ix.bound[k], pos, c); e != nil {
		return e
	}
	ix.final = max(ix.final, ix.bound[k])
	for j := ix.find(c, k-1); j >= 0; j = ix.find(c, j-1) {
		if e := l.latest(ix.bound[j], ix.regionEnd(j), c); e != nil {
			return e
		}
		ix.skip[c][j+1] = int32(j) // nothing for c here, and never will be
	}
	return nil
}

// lastSubject is the person of gender class c named at the start (the
// first six tokens) of the nearest earlier sentence that names one, looking
// back about 2000 bytes: subjects are the likeliest antecedents. It jumps
// from mention to mention, so sentences that name nobody cost nothing.
func (r *run) lastSubject(pos int, c class) *entity {
	e := r.lastSubjectIndexed(pos, c)
	if verifyAntecedent != nil {
		verifyAntecedent(r, "lastSubject", pos, c, e)
	}
	return e
}

func (r *run) lastSubjectIndexed(pos int, c class) *entity {
	d := r.d
	ix := r.index()
	starts := ix.bound[1:] // of the sentences
	n := len(starts)
	first := sort.Search(n, func(i int) bool { return starts[i] >= pos }) - 1
	if first < 0 {
		return nil
	}
	// the search ends with the first sentence starting 2000 bytes before
	stop := max(sort.Search(n, func(i int) bool { return starts[i] >= pos-2000 })-1, 0)
	before := pos
	for {
		p, ok := ix.person.lastBefore(before)
		if !ok {
			return nil
		}
		si := sort.Search(n, func(i int) bool { return starts[i] > p }) - 1
		if si < stop {
			return nil
		}
		s := d.sents[si]
		from, limit := r.subjectSpan(s)
		if e := ix.person.earliest(from, min(limit, pos), c); e != nil {
			return e
		}
		before = starts[si]
	}
}

// lastBefore is the greatest start of an entry before pos.
func (m *mentionList) lastBefore(pos int) (int, bool) {
	p, ok := -1, false
	if i := firstFrom(m.static, pos); i > 0 {
		p, ok = m.static[i-1].start, true
	}
	if i := firstFrom(m.dynamic, pos); i > 0 {
		p, ok = max(p, m.dynamic[i-1].start), true
	}
	return p, ok
}

// personsNear are the people with a mention in the body (not a skipped
// headline or credit line) in the window bytes before pos, each once,
// earliest mention first: the candidates of the searches by title, age
// and nationality, found in O(log n) plus the window's mentions.
func (r *run) personsNear(pos, window int) []*entity {
	ix := r.index()
	lo := pos - window
	var out []*entity
	for _, l := range [][]mref{ix.person.static, ix.person.dynamic} {
		for i := firstFrom(l, lo); i < len(l) && l[i].start < pos; i++ {
			e := l[i].e
			if slices.Contains(out, e) {
				continue
			}
			if k := ix.region(l[i].start); k >= 1 && r.skip[k-1] {
				continue
			}
			out = append(out, e)
		}
	}
	return out
}
