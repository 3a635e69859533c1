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
const Version = "0.2.0"

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
}

// Extractor is safe for concurrent use.
type Extractor struct {
	opts   Options
	places Places
	cues   map[string]cueInfo
}

// New returns an Extractor.
func New(opts Options) *Extractor {
	x := &Extractor{opts: opts, places: opts.Gazetteer, cues: speechForms}
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
	if doc.ExtractorVersion == "" {
		doc.ExtractorVersion = Version
	}
	r := x.run(doc)
	if len(doc.Authors) == 0 {
		doc.Authors = r.authors
	}
	return graph.Extraction{Document: doc, Entities: r.entities(), Statements: r.statementsOut()}
}

func (x *Extractor) run(gdoc graph.Document) *run {
	d := analyse(gdoc.Text)
	r := &run{x: x, d: d, doc: gdoc, byID: map[string]*entity{}, bySurname: map[string]*entity{}}
	r.pubDate = parseDate(gdoc.Published)
	var bp []graph.Span
	if x.opts.Boilerplate != nil {
		bp = x.opts.Boilerplate(gdoc.Text)
	} else {
		bp = boilerplate.Find(gdoc.Text)
	}
	r.skip = make([]bool, len(d.sents))
	for i, s := range d.sents {
		a, b := d.toks[s.t0].s, d.toks[s.t1-1].e
		for _, sp := range bp {
			if a >= sp.Start && b <= sp.End || a < sp.End && b > sp.Start && (min(b, sp.End)-max(a, sp.Start))*2 > b-a {
				r.skip[i] = true
			}
		}
	}
	r.findBylines()
	r.findNames()
	r.findStatements()
	if x.opts.MergeTurns {
		r.mergeTurns()
	}
	r.findMentions()
	return r
}

// run is the state of one Extract call.
type run struct {
	x       *Extractor
	d       *doc
	doc     graph.Document
	pubDate date
	skip    []bool
	authors []string // from the byline and "Reporting by" lines

	ents      []*entity
	byID      map[string]*entity
	bySurname map[string]*entity

	stmts []*stmt

	placeCache, demonymCache map[string]placeHit
	peopleOnly               bool // first pass of findNames
	// salience
	lastSpeakers []*entity // speakers of the last statement
	recent       []*entity // recent speakers, most recent first
}

type entity struct {
	id       string
	typ      graph.EntityType
	name     string
	aliases  []string
	roles    []graph.Role
	mentions []graph.Span
	partOf   string
	gender   byte // 'm', 'f' or 0
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
	return r.entityWithID(entityID(typ, name), typ, name)
}

func (r *run) entityWithID(id string, typ graph.EntityType, name string) *entity {
	if id == "" {
		id = entityID(typ, name)
	}
	if e, ok := r.byID[id]; ok {
		return e
	}
	e := &entity{id: id, typ: typ, name: name}
	r.byID[id] = e
	r.ents = append(r.ents, e)
	if typ == graph.Person {
		parts := strings.Fields(name)
		if len(parts) >= 1 {
			last := strings.ToLower(parts[len(parts)-1])
			if prev, ok := r.bySurname[last]; !ok || len(strings.Fields(prev.name)) < len(parts) {
				r.bySurname[last] = e
			}
		}
	}
	return e
}

func (e *entity) addAlias(a string) {
	a = strings.TrimSpace(a)
	if a == "" || a == e.name {
		return
	}
	for _, x := range e.aliases {
		if x == a {
			return
		}
	}
	e.aliases = append(e.aliases, a)
}

func (e *entity) addRole(title, of string) {
	title = strings.TrimSpace(title)
	if title == "" {
		return
	}
	for _, r := range e.roles {
		if strings.EqualFold(r.Title, title) && r.Of == of {
			return
		}
	}
	e.roles = append(e.roles, graph.Role{Title: title, Of: of})
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
		sort.Slice(e.mentions, func(i, j int) bool { return e.mentions[i].Start < e.mentions[j].Start })
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
	sort.SliceStable(out, func(i, j int) bool { return out[i].Mentions[0].Start < out[j].Mentions[0].Start })
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
	sort.Slice(ms, func(i, j int) bool { return ms[i].start < ms[j].start })
	seen := make(map[string]bool, len(r.stmts))
	var heads map[string]bool // ids of statements that start a turn of several
	for _, s := range r.stmts {
		if s.confidence < r.x.opts.MinConfidence {
			continue
		}
		id := statementID(r.doc.ID, s.cs, s.ce, s.cue.Start)
		if seen[id] {
			continue // the same content and cue found twice
		}
		seen[id] = true
		st := graph.Statement{
			ID:         id,
			Kind:       s.kind,
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
		for i := lo; i < len(ms) && ms[i].start < s.ce; i++ {
			if ms[i].end <= s.ce && s.inParts(ms[i].start, ms[i].end) && !slices.Contains(st.Mentions, ms[i].id) {
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
