// Package extract finds who said what in one document's text: statements
// (direct, indirect, mixed), their speakers and cues, and the people,
// organisations and places they involve, with byte offsets into the text.
//
// The pipeline is rule-based and single-pass per stage: a tokenizer with
// byte offsets, quote pairing, sentence splitting that never breaks a
// quote, speech-cue lookup in a lexicon, source-phrase parsing around each
// cue, content boundaries by statement shape, and a per-document entity
// registry that resolves surnames, pronouns and descriptions by salience.
// See docs/extraction.md.
package extract

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/ingest/boilerplate"
	"github.com/whosaid/whosaid/ingest/gazetteer"
)

// Version identifies the extraction rules; it is recorded on every ingested
// document so that re-extraction can be detected.
const Version = "0.4.0"

// Options tune the extractor.
type Options struct {
	// Gazetteer resolves places and demonyms (Kiev → Kyiv, "Russian" →
	// Russia). Pass a *gazetteer.Gazetteer loaded once per process; nil
	// loads the embedded one (about 40 ms) for this Extractor.
	Gazetteer Places
	// Boilerplate returns the spans of text that are not the article
	// (donation appeals, newsletter boxes). Statements inside them are
	// dropped. nil means boilerplate.Find.
	Boilerplate func(text string) []graph.Span
	// MinConfidence drops statements below this confidence (0 keeps all).
	MinConfidence float64
	// KeepNested keeps statements reported inside another statement's
	// content ("X said Y promised Z" also yields "Y promised Z"). Off by
	// default: on PolNeAR they cost 3 points of precision for 1 of recall.
	KeepNested bool
	// MergeTurns emits a turn (quoted sentences around one attribution:
	// “We will not sign,” Lopez said. “Not this year.”) as one statement
	// whose Parts are the sentences, as PolNeAR and PARC annotate it. Off
	// by default: each sentence is a statement, linked by Turn.
	MergeTurns bool
	// QuoteMarks keeps the quotation marks around quoted content in its
	// span and text (“We will not sign,”), as PARC and PolNeAR annotate
	// content. Off by default: the words alone (We will not sign).
	QuoteMarks bool
}

// Extractor is safe for concurrent use.
type Extractor struct {
	opts   Options
	places Places
	cues   map[string]cueInfo
	names  *givenNames // given-name genders (docs/names.md)
}

// New returns an Extractor.
func New(opts Options) *Extractor {
	x := &Extractor{opts: opts, places: opts.Gazetteer, cues: speechForms}
	// Without the table (it is embedded, so only a corrupt build fails)
	// names give no gender and titles still do.
	x.names, _ = loadGivenNames()
	if x.places == nil {
		if g, err := gazetteer.Load(); err == nil {
			x.places = g
		} else {
			x.places = noPlaces{}
		}
	}
	return x
}

// Extract analyses doc.Text. doc.ID must already be set.
func (x *Extractor) Extract(doc graph.Document) graph.Extraction {
	ex, _ := x.ExtractContext(context.Background(), doc)
	return ex
}

// ExtractContext is Extract that stops early when ctx is done: it then
// returns ctx's error and an extraction with the document only. The long
// loops look at ctx every few hundred sentences, so a cancelled extraction
// of any size returns within milliseconds.
func (x *Extractor) ExtractContext(ctx context.Context, doc graph.Document) (graph.Extraction, error) {
	if doc.ExtractorVersion == "" {
		doc.ExtractorVersion = Version
	}
	if err := ctx.Err(); err != nil {
		return graph.Extraction{Document: doc}, err
	}
	r := x.run(ctx, doc)
	if r.err != nil {
		return graph.Extraction{Document: doc}, r.err
	}
	if len(doc.Authors) == 0 {
		doc.Authors = r.authors
	}
	return graph.Extraction{Document: doc, Entities: r.entities(), Statements: r.statementsOut()}, nil
}

func (x *Extractor) run(ctx context.Context, gdoc graph.Document) *run {
	d := analyse(gdoc.Text)
	r := &run{labels: -1, qa: -1, ctx: ctx, x: x, d: d, doc: gdoc, byID: map[string]*entity{}, bySurname: map[string]*entity{}, byGiven: map[string]*entity{}}
	r.pubDate = parseDate(gdoc.Published)
	if r.cancelled(0) {
		return r
	}
	var bp []graph.Span
	if x.opts.Boilerplate != nil {
		bp = x.opts.Boilerplate(gdoc.Text)
	} else {
		bp = boilerplate.Find(gdoc.Text)
	}
	r.skip = skipped(d, bp)
	r.findBylines()
	if r.cancelled(0) {
		return r
	}
	r.findNames()
	if r.cancelled(0) {
		return r
	}
	r.possessiveGenders()
	r.findStatements()
	r.ix.live = false // what follows adds mentions but searches none
	if r.cancelled(0) {
		return r
	}
	if x.opts.MergeTurns {
		r.mergeTurns()
	}
	if x.opts.QuoteMarks {
		r.keepQuoteMarks()
	}
	r.findMentions()
	r.cancelled(0)
	return r
}

// cancelled reports whether the run must stop: it looks at the context
// when i is a multiple of 256 (loops pass their sentence index), and
// remembers the context's error in r.err.
func (r *run) cancelled(i int) bool {
	if r.err == nil && i&255 == 0 {
		r.err = r.ctx.Err()
	}
	return r.err != nil
}

// skipped marks the sentences that lie in, or mostly in, a boilerplate
// span. Spans in order and apart (what boilerplate.Find returns) are
// walked once beside the sentences; others are each compared with every
// sentence.
func skipped(d *doc, bp []graph.Span) []bool {
	skip := make([]bool, len(d.sents))
	in := func(a, b int, sp graph.Span) bool {
		return a >= sp.Start && b <= sp.End || a < sp.End && b > sp.Start && (min(b, sp.End)-max(a, sp.Start))*2 > b-a
	}
	ordered := len(bp) == 0 || bp[0].End >= bp[0].Start
	for i := 1; i < len(bp); i++ {
		if bp[i].Start < bp[i-1].End || bp[i].End < bp[i].Start {
			ordered = false
			break
		}
	}
	j := 0
	for i, s := range d.sents {
		a, b := d.toks[s.t0].s, d.toks[s.t1-1].e
		if !ordered {
			for _, sp := range bp {
				if in(a, b, sp) {
					skip[i] = true
				}
			}
			continue
		}
		// spans ending at or before a meet no later sentence either
		for j < len(bp) && bp[j].End <= a {
			j++
		}
		for k := j; k < len(bp) && bp[k].Start < b; k++ {
			if in(a, b, bp[k]) {
				skip[i] = true
				break
			}
		}
	}
	return skip
}

// run is the state of one Extract call.
type run struct {
	// lowerWords are the words the text writes in lower case somewhere,
	// built on first use (lowerSomewhere)
	lowerWords map[string]bool
	labels     int     // transcript label paragraphs ("PENCE: …"), -1 until counted
	qa         int     // 1 when the text is a Q&A interview, 0 when not, -1 until known
	qaWho      *entity // the interview's interviewee, when qa is 1
	ctx        context.Context
	err        error // the context's, once a loop saw it done
	x          *Extractor
	d          *doc
	doc        graph.Document
	pubDate    date
	skip       []bool
	authors    []string // from the byline and "Reporting by" lines

	ents      []*entity
	byID      map[string]*entity
	bySurname map[string]*entity
	// midSurname marks the bySurname keys that are the first of two
	// surnames ("Ruiz" of "Antonio Ruiz Carmona"): a person whose last
	// name it is takes the key over.
	midSurname map[string]bool
	// byGiven maps a given name to the one person named in full with it
	// ("Irena said" after "Irena Novak, 71,"); nil when two people share it
	byGiven map[string]*entity

	stmts []*stmt

	placeCache, demonymCache map[string]placeHit
	peopleOnly               bool // first pass of findNames
	// salience
	lastSpeakers []*entity // speakers of the last statement
	// speakers of statements dropped as nested in the last statement's
	// content, until the next statement
	innerSpeakers []*entity
	recent        []*entity // recent speakers, most recent first
	ix            mentionIndex
	orgByHead     map[string]*orgHead // recentOrg's searches
	// orgFirst maps the first word of an organisation's name whose other
	// words are organisation nouns ("novaris" of "Novaris Semiconductor")
	// to it; nil when two share the word (orgShortName)
	orgFirst map[string]*entity
}

type entity struct {
	id       string
	typ      graph.EntityType
	name     string
	aliases  []string
	roles    []graph.Role
	mentions []graph.Span
	partOf   string
	gender   byte   // 'm', 'f' or 0
	age      int    // stated age, 0 when none was read yet
	ageSeen  int    // mentions[:ageSeen] were read for an age
	from     string // place id of a nationality named before the name ("German Lukas Brandt", "Spain's Mateo Ruiz")
	headline bool   // first read in the headline (inHeadline)

	idx     int  // in run.ents
	indexed int  // mentions[:indexed] are in run.ix
	touched bool // in run.ix.touched
	// aliasSet and roleSet index aliases and roles once there are many
	aliasSet map[string]bool
	roleSet  map[string]bool
}

type stmt struct {
	sent       int
	kind       graph.StatementKind
	speakers   []graph.Speaker
	ents       []*entity
	cue        graph.Cue
	cs, ce     int // content bytes
	via        string
	date       string
	confidence float64
	cueTok     int
	before     bool // content stands before the cue
	relative   bool // its source is a relative pronoun's antecedent ("an architect who said")
	// parts are the content pieces when the attribution interrupts the
	// content inside the sentence; cs and ce then span them all.
	parts [][2]int
	// turn is the first statement of this one's turn: quoted sentences
	// around one attribution are separate statements of one turn.
	turn *stmt
	id   string // set when emitted
}

// addPart extends st's content with the piece [a,b) after it.
func (st *stmt) addPart(a, b int) {
	if b <= a || a < st.ce {
		return
	}
	if len(st.parts) == 0 {
		st.parts = [][2]int{{st.cs, st.ce}}
	}
	st.parts = append(st.parts, [2]int{a, b})
	st.ce = b
}

func (r *run) entity(typ graph.EntityType, name string) *entity {
	if typ == graph.Organisation {
		if short := trimCorporate(name); short != name {
			// "Harbor Foods Inc." and "Harbor Foods" are one company
			e := r.entityWithID(entityID(typ, short), typ, short)
			e.addAlias(name)
			return e
		}
	}
	if typ == graph.Organisation && isUpperWord(name) && len(name) <= 6 {
		if _, ok := r.byID[entityID(typ, name)]; !ok {
			if e := r.expansionOf(name); e != nil {
				// "The Financial Conduct Authority said …. The FCA said":
				// one regulator
				r.byID[entityID(typ, name)] = e
				e.addAlias(name)
				r.touch(e)
				return e
			}
		}
	}
	return r.entityWithID(entityID(typ, name), typ, name)
}

// expansionOf finds the one organisation named before whose words'
// initials spell the acronym ("Financial Conduct Authority" for "FCA",
// "Organisation for Economic Co-operation and Development" for "OECD":
// "of", "for", "and", "the" skipped), or nil.
func (r *run) expansionOf(acronym string) *entity {
	var found *entity
	for _, e := range r.ents {
		if e.typ != graph.Organisation || isUpperWord(e.name) {
			continue
		}
		var b strings.Builder
		for _, w := range strings.Fields(e.name) {
			switch strings.ToLower(w) {
			case "of", "for", "and", "the", "&", "on", "in":
				continue
			}
			b.WriteString(strings.ToUpper(w[:1]))
		}
		if b.String() == acronym && b.Len() >= 2 {
			if found != nil && found != e {
				return nil
			}
			found = e
		}
	}
	return found
}

// relativeDescription reports a description relative to someone else
// ("His mother", "her husband"): true of the sentence it is in, no name
// of the person elsewhere, so no alias.
func relativeDescription(a string) bool {
	sp := strings.IndexByte(a, ' ')
	if sp < 0 {
		return false
	}
	switch strings.ToLower(a[:sp]) {
	case "his", "her", "their", "its", "my", "our", "your":
		return true
	}
	return false
}

// trimCorporate drops a legal-form suffix from a company's name: "Harbor
// Foods Inc." → "Harbor Foods"; a name that is only the suffix stays.
func trimCorporate(name string) string {
	i := strings.LastIndexByte(name, ' ')
	if i <= 0 {
		return name
	}
	if corporateSuffixes[strings.TrimSuffix(strings.ToLower(name[i+1:]), ".")] {
		// ("Fenwick & Co" → "Fenwick": the ampersand goes with the suffix)
		return strings.TrimSpace(strings.TrimRight(strings.TrimSpace(name[:i]), ",&"))
	}
	return name
}

var corporateSuffixes = set("inc corp ltd llc plc co ag s.a n.v gmbh")

func (r *run) entityWithID(id string, typ graph.EntityType, name string) *entity {
	if id == "" {
		id = entityID(typ, name)
	}
	if e, ok := r.byID[id]; ok {
		r.touch(e)
		return e
	}
	e := &entity{id: id, typ: typ, name: name, idx: len(r.ents)}
	if typ == graph.Person {
		// "she" never resolves to a man known by his first name or title
		e.gender = r.x.names.nameGender(name)
	}
	r.byID[id] = e
	r.ents = append(r.ents, e)
	r.touch(e)
	if typ == graph.Organisation {
		r.indexOrgFirst(e)
	}
	if typ == graph.Person {
		parts := strings.Fields(name)
		for len(parts) > 1 && nameSuffixKey(titleKey(parts[len(parts)-1])) {
			parts = parts[:len(parts)-1] // "Brent Bozell III" is "Bozell" for short
		}
		if len(parts) >= 1 {
			last := strings.ToLower(parts[len(parts)-1])
			// the fullest name wins; between two as long, one with a known
			// given name ("Thomas Perez" over a headline's "Understated Perez")
			// (or, for two with given names, the one named outside the
			// headline: "Late Moreno goal …" then "Javier Moreno scored")
			if prev, ok := r.bySurname[last]; !ok || r.midSurname[last] || len(strings.Fields(prev.name)) < len(parts) ||
				len(strings.Fields(prev.name)) == len(parts) && len(parts) > 1 && r.givenName(parts[0]) &&
					(!r.givenName(strings.Fields(prev.name)[0]) || prev.headline) {
				if ok {
					r.touch(prev) // the surname spans logged for prev now name e
				}
				r.bySurname[last] = e
				delete(r.midSurname, last)
			}
			if len(parts) >= 2 && r.givenName(strings.ToLower(parts[0])) {
				g := strings.ToLower(parts[0])
				if prev, ok := r.byGiven[g]; !ok {
					r.byGiven[g] = e
				} else if prev != nil && prev != e {
					r.byGiven[g] = nil
				}
			}
			if len(parts) == 3 && r.givenName(strings.ToLower(parts[0])) && !r.gendered(strings.ToLower(parts[1])) && !nameConnectors[strings.ToLower(parts[1])] &&
				r.x.cues[strings.ToLower(parts[2])].lemma == "" {
				// "Antonio Ruiz Carmona" is "Ruiz" for short: Spanish and
				// Portuguese names carry two surnames, the first used alone
				if mid := strings.ToLower(parts[1]); r.bySurname[mid] == nil {
					r.bySurname[mid] = e
					if r.midSurname == nil {
						r.midSurname = map[string]bool{}
					}
					r.midSurname[mid] = true
				}
			}
			if fam := familyFirst(parts); fam != "" {
				if _, ok := r.bySurname[fam]; !ok {
					r.bySurname[fam] = e
				}
			}
		}
	}
	return e
}

func (e *entity) addAlias(a string) {
	a = strings.TrimSpace(a)
	if a == "" || a == e.name || relativeDescription(a) {
		return
	}
	if e.aliasSet != nil {
		if e.aliasSet[a] {
			return
		}
		e.aliasSet[a] = true
	} else {
		for _, x := range e.aliases {
			if x == a {
				return
			}
		}
		if len(e.aliases) >= smallSet {
			e.aliasSet = make(map[string]bool, 2*smallSet)
			for _, x := range e.aliases {
				e.aliasSet[x] = true
			}
			e.aliasSet[a] = true
		}
	}
	e.aliases = append(e.aliases, a)
}

// smallSet is how many aliases or roles an entity keeps before it indexes
// them: someone named throughout a long transcript gathers hundreds.
const smallSet = 16

func (e *entity) addRole(title, of string) {
	title = strings.TrimSpace(title)
	if title == "" {
		return
	}
	if of == e.id {
		of = "" // "Omar Haddad, who owns Haddad Family Pharmacy": no one is their own organisation
	}
	if e.roleSet != nil {
		k := roleKey(title, of)
		if e.roleSet[k] {
			return
		}
		e.roleSet[k] = true
	} else {
		for _, r := range e.roles {
			if strings.EqualFold(r.Title, title) && r.Of == of {
				return
			}
		}
		if len(e.roles) >= smallSet {
			e.roleSet = make(map[string]bool, 2*smallSet)
			for _, r := range e.roles {
				e.roleSet[roleKey(r.Title, r.Of)] = true
			}
			e.roleSet[roleKey(title, of)] = true
		}
	}
	e.roles = append(e.roles, graph.Role{Title: title, Of: of})
}

// roleKey is equal for two roles exactly when addRole's linear scan takes
// them for one: titles equal under strings.EqualFold (each rune folded to
// the smallest of its case orbit) and the same Of.
func roleKey(title, of string) string {
	var b strings.Builder
	b.Grow(len(title) + len(of) + 1)
	for _, c := range title {
		m := c
		for f := unicode.SimpleFold(c); f != c; f = unicode.SimpleFold(f) {
			m = min(m, f)
		}
		b.WriteRune(m)
	}
	b.WriteByte(0)
	b.WriteString(of)
	return b.String()
}

func entityID(typ graph.EntityType, name string) string {
	prefix := "person:"
	switch typ {
	case graph.Organisation:
		prefix = "organisation:"
	case graph.Place:
		prefix = "place:"
	}
	return prefix + slug(name)
}

// slug folds a name to lower-case ASCII words joined by hyphens.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range s {
		r = foldRune(r)
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r + 32)
			dash = false
		case r == '\'' || r == '\u2019' || r == '.':
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

var foldFrom = []rune("àáâãäåāăąçćčďèéêëēėęěìíîïīįıñńňòóôõöøōőùúûüūůűųýÿžźżšśşřŕłľĺţťğ")

const foldTo = "aaaaaaaaacccdeeeeeeeeiiiiiiinnnoooooooouuuuuuuuyyzzzsssrrlllttg"

// foldRune maps common accented Latin letters to ASCII, others to -1.
func foldRune(r rune) rune {
	if r < 0x80 {
		return r
	}
	lr := unicode.ToLower(r)
	for i, f := range foldFrom {
		if f == lr {
			if lr != r {
				return rune(foldTo[i]) - 32
			}
			return rune(foldTo[i])
		}
	}
	return -1
}

// statementID is stable for a document's content and the statement's
// content and cue positions, so re-extraction yields the same ids. It starts
// with a prefix of the document's hash ("stmt:<16 hex>:<16 hex>"), so ids
// are unique across documents and the graph keeps them as emitted.
func statementID(docID string, cs, ce, cue int) string {
	h := sha256.New()
	h.Write([]byte(docID))
	var b [64]byte
	n := putInt(b[:0], cs)
	n = append(n, ':')
	n = putInt(n, ce)
	n = append(n, ':')
	n = putInt(n, cue+1)
	h.Write(n)
	doc := strings.TrimPrefix(docID, "sha256:")
	if len(doc) > 16 {
		doc = doc[:16]
	}
	return "stmt:" + doc + ":" + hex.EncodeToString(h.Sum(nil)[:8])
}

func putInt(b []byte, v int) []byte {
	if v == 0 {
		return append(b, '0')
	}
	var t [20]byte
	i := len(t)
	for v > 0 {
		i--
		t[i] = byte('0' + v%10)
		v /= 10
	}
	return append(b, t[i:]...)
}

// entities returns the registry in first-mention order, dropping entities
// that were never mentioned or spoke.
func (r *run) entities() []graph.Entity {
	out := make([]graph.Entity, 0, len(r.ents))
	for _, e := range r.ents {
		if len(e.mentions) == 0 {
			continue
		}
		// slices.SortFunc is sort.Slice's algorithm without reflection:
		// the same order, ties included
		slices.SortFunc(e.mentions, func(a, b graph.Span) int { return cmp.Compare(a.Start, b.Start) })
		// drop duplicate mentions
		m := e.mentions[:0]
		for i, s := range e.mentions {
			if i > 0 && s.Start == m[len(m)-1].Start {
				continue
			}
			m = append(m, s)
		}
		e.mentions = m
		out = append(out, graph.Entity{ID: e.id, Type: e.typ, Name: e.name, Aliases: e.aliases, Roles: e.roles, Mentions: e.mentions, PartOf: e.partOf})
	}
	slices.SortStableFunc(out, func(a, b graph.Entity) int { return cmp.Compare(a.Mentions[0].Start, b.Mentions[0].Start) })
	return out
}

type mentionRef struct {
	start, end int
	id         string
}

func (r *run) statementsOut() []graph.Statement {
	out := make([]graph.Statement, 0, len(r.stmts))
	var ms []mentionRef
	for _, e := range r.ents {
		for _, m := range e.mentions {
			ms = append(ms, mentionRef{m.Start, m.End, e.id})
		}
	}
	slices.SortFunc(ms, func(a, b mentionRef) int { return cmp.Compare(a.start, b.start) }) // as sort.Slice, ties included
	// statements already out, by content and cue (what the id hashes)
	seen := make(map[[3]int]bool, len(r.stmts))
	var heads map[string]bool // ids of statements that start a turn of several
	for _, s := range r.stmts {
		if s.confidence < r.x.opts.MinConfidence {
			continue
		}
		k := [3]int{s.cs, s.ce, s.cue.Start}
		if seen[k] {
			continue // the same content and cue found twice
		}
		seen[k] = true
		id := statementID(r.doc.ID, s.cs, s.ce, s.cue.Start)
		kind := s.kind
		if kind == graph.Indirect && len(s.parts) > 1 && r.hasQuote(s.parts[1][0], s.ce) {
			kind = graph.Mixed // "Lynx prefer deer, she said, and attacks … were “rare”": quoted words in a later part
		}
		st := graph.Statement{
			ID:         id,
			Kind:       kind,
			Speakers:   s.speakers,
			Cue:        s.cue,
			Content:    graph.Span{Start: s.cs, End: s.ce, Text: r.d.text[s.cs:s.ce]},
			Via:        s.via,
			Date:       s.date,
			Confidence: round2(s.confidence),
		}
		if len(s.parts) > 1 {
			texts := make([]string, len(s.parts))
			for i, p := range s.parts {
				st.Parts = append(st.Parts, graph.Span{Start: p[0], End: p[1], Text: r.d.text[p[0]:p[1]]})
				texts[i] = r.d.text[p[0]:p[1]]
			}
			st.Content.Text = strings.Join(texts, " ")
		}
		s.id = id
		if h := s.turn; h != nil && h.id != "" {
			st.Turn = h.id
			if heads == nil {
				heads = map[string]bool{}
			}
			heads[h.id] = true
		}
		if st.Speakers == nil {
			st.Speakers = []graph.Speaker{}
		}
		// entity ids mentioned inside the content
		lo := sort.Search(len(ms), func(i int) bool { return ms[i].start >= s.cs })
		var ids map[string]bool // st.Mentions, once there are many
		for i := lo; i < len(ms) && ms[i].start < s.ce; i++ {
			if ms[i].end > s.ce || !s.inParts(ms[i].start, ms[i].end) {
				continue
			}
			if ids == nil && len(st.Mentions) >= smallSet {
				ids = make(map[string]bool, 2*smallSet)
				for _, id := range st.Mentions {
					ids[id] = true
				}
			}
			if ids != nil {
				if !ids[ms[i].id] {
					ids[ms[i].id] = true
					st.Mentions = append(st.Mentions, ms[i].id)
				}
			} else if !slices.Contains(st.Mentions, ms[i].id) {
				st.Mentions = append(st.Mentions, ms[i].id)
			}
		}
		out = append(out, st)
	}
	for i := range out {
		if heads[out[i].ID] {
			out[i].Turn = out[i].ID
		}
	}
	return out
}

// inParts reports whether [a,b) lies in the content: in one of its parts
// when it has several (the attribution between them is not content).
func (st *stmt) inParts(a, b int) bool {
	if len(st.parts) < 2 {
		return true
	}
	for _, p := range st.parts {
		if a >= p[0] && b <= p[1] {
			return true
		}
	}
	return false
}

func round2(f float64) float64 { return float64(int(f*100+0.5)) / 100 }

// familyFirst is the family name of a name written family name first, as
// Korean names are romanised with a hyphenated given name ("Kim Dong-hyun"
// is Kim), or "".
func familyFirst(parts []string) string {
	if len(parts) != 2 {
		return ""
	}
	g := parts[1]
	h := strings.IndexByte(g, '-')
	if h <= 0 || h+1 >= len(g) || g[h+1] < 'a' || g[h+1] > 'z' {
		return ""
	}
	return strings.ToLower(parts[0])
}

// inHeadline reports a token in the document's headline: a first line of
// its own without a full stop, written in title case, so that its
// capitals say little about what is a name.
func (r *run) inHeadline(t int) bool {
	d := r.d
	if len(d.sents) < 2 {
		return false
	}
	s := d.sents[0]
	return t >= s.t0 && t < s.t1 && s.t1 < len(d.toks) && d.toks[s.t1].kind == tPara && !isTerminal(&d.toks[s.t1-1])
}
