// Package gen generates SYNTHETIC news articles for load tests: invented
// people, organisations and places (names built from syllables, so no real
// person is named), a realistic mix of narrative sentences, direct quotes,
// reported speech, mixed quotes, "according to" attributions and pronoun
// continuations, with recurring speakers (a heavy-tailed popularity, as in
// real news) and places that belong to countries.
//
// Every article is marked synthetic (source "synthetic", URLs under
// synthetic.invalid). Alongside the article the generator knows the ground
// truth, and can emit it as a graph.Extraction so the loader can be
// measured without the extractor.
//
// Output is deterministic for a given seed and count.
package gen

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/whosaid/whosaid/graph"
)

// Options size the corpus.
type Options struct {
	Seed      uint64
	Documents int
	// Pool sizes; zero means scaled from Documents so that a large corpus
	// has many distinct entities and a core of recurring ones.
	People, Organisations, Places int
}

// Article is one generated article in the JSONL reader's shape, with the
// ground-truth extraction.
type Article struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	URL       string `json:"url"`
	Source    string `json:"source"`
	Published string `json:"published"`
	Text      string `json:"text"`

	Truth graph.Extraction `json:"-"`
}

// Generator produces articles. It is not safe for concurrent use.
type Generator struct {
	opts      Options
	rng       *rand.Rand
	people    []person
	orgs      []entity
	countries []entity
	cities    []entity
	zipf      *rand.Zipf
	n         int
}

type entity struct {
	id, name string
	parent   int // index into countries for cities, -1 otherwise
}

type person struct {
	entity
	first, last string
	title       string
	of          int  // org index, or -1
	ofCountry   int  // country index, or -1
	female      bool // for pronouns
}

// New returns a generator for opts.
func New(opts Options) *Generator {
	if opts.People == 0 {
		opts.People = max(500, opts.Documents*3/2)
	}
	if opts.Organisations == 0 {
		opts.Organisations = max(100, opts.Documents/20)
	}
	if opts.Places == 0 {
		opts.Places = max(200, opts.Documents/40)
	}
	g := &Generator{opts: opts, rng: rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x9e3779b97f4a7c15))}
	names := newNamer(rand.New(rand.NewPCG(opts.Seed+1, 7)))

	nCountries := max(20, opts.Places/20)
	for i := range nCountries {
		n := names.word(2, 3) + countrySuffix[i%len(countrySuffix)]
		g.countries = append(g.countries, entity{id: "place:" + slug(n), name: n, parent: -1})
	}
	for range opts.Places {
		n := names.word(2, 3) + citySuffix[g.rng.IntN(len(citySuffix))]
		g.cities = append(g.cities, entity{id: "place:" + slug(n), name: n, parent: g.rng.IntN(nCountries)})
	}
	for i := range opts.Organisations {
		n := orgPrefix[i%len(orgPrefix)] + " " + names.word(2, 3) + orgSuffix[g.rng.IntN(len(orgSuffix))]
		g.orgs = append(g.orgs, entity{id: "organisation:" + slug(n), name: n, parent: -1})
	}
	seen := make(map[string]bool)
	for len(g.people) < opts.People {
		first, last := names.word(2, 2), names.word(2, 3)
		full := first + " " + last
		if seen[full] {
			continue
		}
		seen[full] = true
		p := person{entity: entity{id: "person:" + slug(full), name: full, parent: -1}, first: first, last: last,
			of: -1, ofCountry: -1, female: g.rng.IntN(2) == 0}
		switch r := g.rng.IntN(10); {
		case r < 4:
			p.title = govTitles[g.rng.IntN(len(govTitles))]
			p.ofCountry = g.rng.IntN(nCountries)
		case r < 7:
			p.title = orgTitles[g.rng.IntN(len(orgTitles))]
			p.of = g.rng.IntN(len(g.orgs))
		}
		g.people = append(g.people, p)
	}
	g.zipf = rand.NewZipf(g.rng, 1.2, 8, uint64(len(g.people)-1))
	return g
}

// Next returns the next article.
func (g *Generator) Next() Article {
	g.n++
	b := &builder{g: g, ents: make(map[string]*graph.Entity)}
	day := 1 + g.rng.IntN(28)
	month := 1 + g.rng.IntN(12)
	year := 2018 + g.rng.IntN(7)
	b.date = fmt.Sprintf("%04d-%02d-%02d", year, month, day)

	// A story: a place, a few organisations, a cast of people of which
	// some are recurring (heavy-tailed) and some rare.
	b.place = g.cities[g.rng.IntN(len(g.cities))]
	cast := 2 + g.rng.IntN(4)
	for range cast {
		var p *person
		if g.rng.IntN(2) == 0 {
			p = &g.people[g.zipf.Uint64()]
		} else {
			p = &g.people[g.rng.IntN(len(g.people))]
		}
		b.cast = append(b.cast, p)
	}
	b.org = g.orgs[g.rng.IntN(len(g.orgs))]
	b.topic = topics[g.rng.IntN(len(topics))]

	title := fmt.Sprintf("%s talks on %s resume in %s", b.org.name, b.topic, b.place.name)
	sentences := 10 + g.rng.IntN(14)
	b.narrative()
	b.text.WriteString(" ")
	for range sentences {
		switch r := g.rng.IntN(20); {
		case r < 6:
			b.narrative()
		case r < 10:
			b.direct()
		case r < 14:
			b.indirect()
		case r < 16:
			b.mixed()
		case r < 18:
			b.according()
		default:
			b.continuation()
		}
		if g.rng.IntN(5) == 0 {
			b.text.WriteString("\n\n")
		} else {
			b.text.WriteString(" ")
		}
	}
	text := strings.TrimSpace(b.text.String()) + "\n"
	// The seed is part of the id (and so of the URL, the document's
	// identity across versions): corpora of two seeds loaded into one graph
	// are distinct articles, not new versions of one another.
	id := fmt.Sprintf("syn-%d-%08d", g.opts.Seed, g.n)
	a := Article{
		ID:        id,
		Title:     title,
		URL:       "https://synthetic.invalid/news/" + id,
		Source:    "synthetic",
		Published: b.date,
		Text:      text,
	}
	a.Truth = b.extraction(a)
	return a
}

type builder struct {
	g     *Generator
	text  strings.Builder
	date  string
	place entity
	org   entity
	topic string
	cast  []*person
	last  *person // the most recent speaker, for pronouns
	named map[*person]bool
	ents  map[string]*graph.Entity
	order []string
	stmts []graph.Statement
}

func (b *builder) pick() *person { return b.cast[b.g.rng.IntN(len(b.cast))] }

func (b *builder) write(s string) graph.Span {
	start := b.text.Len()
	b.text.WriteString(s)
	return graph.Span{Start: start, End: b.text.Len(), Text: s}
}

func (b *builder) entity(id, name string, typ graph.EntityType, span graph.Span) *graph.Entity {
	e, ok := b.ents[id]
	if !ok {
		e = &graph.Entity{ID: id, Type: typ, Name: name}
		b.ents[id] = e
		b.order = append(b.order, id)
	}
	if span.End > span.Start {
		e.Mentions = append(e.Mentions, span)
		if span.Text != name && !contains(e.Aliases, span.Text) {
			e.Aliases = append(e.Aliases, span.Text)
		}
	}
	return e
}

// speaker writes a reference to p: the full name with title the first
// time, the surname afterwards.
func (b *builder) speaker(p *person) graph.Speaker {
	if b.named == nil {
		b.named = make(map[*person]bool)
	}
	if b.named[p] {
		sp := b.write(p.last)
		b.entity(p.id, p.name, graph.Person, sp)
		b.last = p
		return graph.Speaker{ID: p.id, Name: p.name, Type: graph.Person, Start: sp.Start, End: sp.End, Text: sp.Text, ResolvedFrom: graph.ResolvedSurname}
	}
	b.named[p] = true
	start := b.text.Len()
	if p.title != "" {
		if p.of >= 0 {
			o := b.g.orgs[p.of]
			b.entity(o.id, o.name, graph.Organisation, b.write(o.name))
			b.text.WriteString(" ")
		} else if p.ofCountry >= 0 {
			c := b.g.countries[p.ofCountry]
			b.entity(c.id, c.name, graph.Place, b.write(c.name))
			b.text.WriteString(" ")
		}
		b.text.WriteString(p.title + " ")
	}
	nameSpan := b.write(p.name)
	e := b.entity(p.id, p.name, graph.Person, nameSpan)
	if p.title != "" {
		role := graph.Role{Title: p.title}
		if p.of >= 0 {
			role.Of = b.g.orgs[p.of].id
		} else if p.ofCountry >= 0 {
			role.Of = b.g.countries[p.ofCountry].id
		}
		if !containsRole(e.Roles, role) {
			e.Roles = append(e.Roles, role)
		}
	}
	b.last = p
	return graph.Speaker{ID: p.id, Name: p.name, Type: graph.Person, Start: start, End: b.text.Len(),
		Text: b.text.String()[start:b.text.Len()], ResolvedFrom: graph.ResolvedName}
}

func (b *builder) placeRef() string {
	p := b.place
	if b.g.rng.IntN(3) == 0 {
		c := b.g.countries[p.parent]
		b.entity(c.id, c.name, graph.Place, b.write(c.name))
		return c.id
	}
	e := b.entity(p.id, p.name, graph.Place, b.write(p.name))
	e.PartOf = b.g.countries[p.parent].id
	return p.id
}

func (b *builder) narrative() {
	r := b.g.rng
	b.text.WriteString(narrativeOpen[r.IntN(len(narrativeOpen))])
	b.text.WriteString(" ")
	b.placeRef()
	b.text.WriteString(" " + narrativeMid[r.IntN(len(narrativeMid))] + " " + b.topic + ", ")
	b.text.WriteString(narrativeEnd[r.IntN(len(narrativeEnd))] + ".")
}

// clause writes a reported clause that mentions an entity or two.
func (b *builder) clause(capital bool) (graph.Span, []string) {
	r := b.g.rng
	start := b.text.Len()
	var mentions []string
	subj := subjects[r.IntN(len(subjects))]
	if capital {
		subj = strings.ToUpper(subj[:1]) + subj[1:]
	}
	b.text.WriteString(subj + " " + verbs[r.IntN(len(verbs))] + " ")
	switch r.IntN(3) {
	case 0:
		mentions = append(mentions, b.placeRef())
	case 1:
		b.entity(b.org.id, b.org.name, graph.Organisation, b.write(b.org.name))
		mentions = append(mentions, b.org.id)
	default:
		b.text.WriteString(b.topic)
	}
	b.text.WriteString(" " + tails[r.IntN(len(tails))])
	return graph.Span{Start: start, End: b.text.Len(), Text: b.text.String()[start:]}, mentions
}

func (b *builder) add(kind graph.StatementKind, sp []graph.Speaker, cue graph.Cue, content graph.Span, mentions []string, via string, conf float64) {
	b.stmts = append(b.stmts, graph.Statement{
		Kind: kind, Speakers: sp, Cue: cue, Content: content, Mentions: mentions,
		Via: via, Date: b.date, Confidence: conf,
	})
}

func (b *builder) cue(verb, lemma string) graph.Cue {
	s := b.write(verb)
	return graph.Cue{Text: verb, Lemma: lemma, Start: s.Start, End: s.End}
}

func (b *builder) direct() {
	b.text.WriteString("\u201c")
	content, mentions := b.clause(true)
	b.text.WriteString(",\u201d ")
	v := cues[b.g.rng.IntN(len(cues))]
	c := b.cue(v[0], v[1])
	b.text.WriteString(" ")
	sp := b.speaker(b.pick())
	b.text.WriteString(".")
	b.add(graph.Direct, []graph.Speaker{sp}, c, content, mentions, "", 0.95)
}

func (b *builder) indirect() {
	sp := b.speaker(b.pick())
	b.text.WriteString(" ")
	v := cues[b.g.rng.IntN(len(cues))]
	c := b.cue(v[0], v[1])
	b.text.WriteString(" that ")
	content, mentions := b.clause(false)
	b.text.WriteString(".")
	b.add(graph.Indirect, []graph.Speaker{sp}, c, content, mentions, "", 0.85)
}

func (b *builder) mixed() {
	sp := b.speaker(b.pick())
	b.text.WriteString(" ")
	c := b.cue("said", "say")
	b.text.WriteString(" " + b.topic + " was \u201c")
	start := b.text.Len()
	b.text.WriteString(fragments[b.g.rng.IntN(len(fragments))])
	content := graph.Span{Start: start, End: b.text.Len(), Text: b.text.String()[start:]}
	b.text.WriteString("\u201d.")
	b.add(graph.Mixed, []graph.Speaker{sp}, c, content, nil, "", 0.8)
}

func (b *builder) according() {
	c := b.cue("According to", "according to")
	b.text.WriteString(" ")
	var sp graph.Speaker
	via := ""
	if b.g.rng.IntN(2) == 0 {
		s := b.write(b.org.name)
		b.entity(b.org.id, b.org.name, graph.Organisation, s)
		sp = graph.Speaker{ID: b.org.id, Name: b.org.name, Type: graph.Organisation, Start: s.Start, End: s.End, Text: s.Text, ResolvedFrom: graph.ResolvedName}
	} else {
		sp = b.speaker(b.pick())
		b.text.WriteString(", citing the ")
		s := b.write(b.org.name)
		b.entity(b.org.id, b.org.name, graph.Organisation, s)
		via = b.org.id
	}
	b.text.WriteString(", ")
	content, mentions := b.clause(false)
	b.text.WriteString(".")
	b.add(graph.Indirect, []graph.Speaker{sp}, c, content, mentions, via, 0.8)
}

func (b *builder) continuation() {
	if b.last == nil {
		b.direct()
		return
	}
	p := b.last
	b.text.WriteString("\u201c")
	content, mentions := b.clause(true)
	b.text.WriteString(",\u201d ")
	pron := "he"
	if p.female {
		pron = "she"
	}
	s := b.write(pron)
	b.text.WriteString(" ")
	c := b.cue("added", "add")
	b.text.WriteString(".")
	sp := graph.Speaker{ID: p.id, Name: p.name, Type: graph.Person, Start: s.Start, End: s.End, Text: s.Text, ResolvedFrom: graph.ResolvedPronoun}
	b.add(graph.Direct, []graph.Speaker{sp}, c, content, mentions, "", 0.7)
}

func (b *builder) extraction(a Article) graph.Extraction {
	doc := graph.Document{
		ID: DocumentID(a.Text), Path: "", Title: a.Title, URL: a.URL, Source: a.Source,
		Published: a.Published, Text: a.Text, ExtractorVersion: "synthetic-truth",
	}
	ext := graph.Extraction{Document: doc}
	for _, id := range b.order {
		ext.Entities = append(ext.Entities, *b.ents[id])
	}
	hash := strings.TrimPrefix(doc.ID, "sha256:")
	for i, st := range b.stmts {
		st.ID = fmt.Sprintf("stmt:%s:%d", hash[:16], i)
		ext.Statements = append(ext.Statements, st)
	}
	return ext
}

// DocumentID is the content id whosaid gives a text (as ingest/source does).
func DocumentID(text string) string {
	sum := sha256.Sum256([]byte(text))
	return "sha256:" + hex.EncodeToString(sum[:])
}

// namer makes pronounceable invented words.
type namer struct{ rng *rand.Rand }

func newNamer(r *rand.Rand) namer { return namer{r} }

var (
	onsets = []string{"b", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "kr", "st", "tr", "sh", "ch", "gr", "pl", "vl"}
	vowels = []string{"a", "e", "i", "o", "u", "ia", "ei", "ou", "ai", "y"}
	codas  = []string{"", "", "", "n", "r", "s", "l", "k", "m", "t"}
)

func (n namer) word(minSyl, maxSyl int) string {
	k := minSyl + n.rng.IntN(maxSyl-minSyl+1)
	var b strings.Builder
	for i := range k {
		b.WriteString(onsets[n.rng.IntN(len(onsets))])
		b.WriteString(vowels[n.rng.IntN(len(vowels))])
		if i == k-1 {
			b.WriteString(codas[n.rng.IntN(len(codas))])
		}
	}
	w := b.String()
	return strings.ToUpper(w[:1]) + w[1:]
}

func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func containsRole(rs []graph.Role, r graph.Role) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

var (
	countrySuffix = []string{"ia", "land", "stan", "ora", "avia"}
	citySuffix    = []string{"", "grad", "ville", "burg", "ovo", "sk", " City", "port"}
	orgPrefix     = []string{"Ministry of", "Bank of", "Council of", "Institute of", "Union of"}
	orgSuffix     = []string{"", " Holdings", " Group", " Authority", " Trust"}
	govTitles     = []string{"Foreign Minister", "Defence Minister", "Deputy Defence Minister", "Prime Minister", "President", "Ambassador", "Finance Minister", "spokesperson"}
	orgTitles     = []string{"chief executive", "chair", "spokesperson", "director", "senior analyst", "head of research"}
	topics        = []string{"the ceasefire", "grain exports", "energy prices", "the trade agreement", "the election", "border security", "the budget", "water rights", "the pipeline", "sanctions"}
	narrativeOpen = []string{"Officials gathered in", "Negotiators returned to", "Protesters marched through", "Markets opened lower in", "Delegations arrived in", "Heavy rain fell over"}
	narrativeMid  = []string{"on Tuesday as debate continued over", "after weeks of uncertainty about", "amid growing pressure over", "while talks stalled on"}
	narrativeEnd  = []string{"with no agreement in sight", "and a further round is planned", "drawing crowds of onlookers", "as the deadline approached", "according to a schedule seen by reporters"}
	subjects      = []string{"the government", "our delegation", "the other side", "nobody", "everyone", "the committee", "this agreement", "the proposal"}
	verbs         = []string{"will not abandon", "is ready to discuss", "has never supported", "must respect", "cannot ignore", "intends to visit", "wants to protect", "will review"}
	tails         = []string{"before the end of the year", "under any circumstances", "in good faith", "without preconditions", "as soon as possible", "in the coming weeks"}
	fragments     = []string{"a step in the right direction", "completely unacceptable", "long overdue", "a serious mistake", "the only way forward", "premature"}
	cues          = [][2]string{{"said", "say"}, {"told reporters", "tell"}, {"warned", "warn"}, {"insisted", "insist"}, {"stressed", "stress"}, {"claimed", "claim"}, {"announced", "announce"}}
)
