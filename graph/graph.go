// Package graph holds whosaid's domain types: the documents, entities and
// statements that the extractor emits, the loader writes to Neo4j and the API
// serves. It depends on nothing but the standard library; storage
// (graph/store), extraction (ingest) and transport (api) depend on it.
package graph

// EntityType is the kind of an entity. Its values are also Neo4j labels.
type EntityType string

const (
	Person       EntityType = "Person"
	Organisation EntityType = "Organisation"
	Place        EntityType = "Place"
)

// Valid reports whether t is one of the known entity types.
func (t EntityType) Valid() bool {
	return t == Person || t == Organisation || t == Place
}

// StatementKind says how a statement is reported.
type StatementKind string

const (
	Direct   StatementKind = "direct"   // the words inside quote marks
	Indirect StatementKind = "indirect" // reported speech, no quote marks
	Mixed    StatementKind = "mixed"    // reported speech with quoted fragments
)

// Valid reports whether k is one of the known statement kinds.
func (k StatementKind) Valid() bool {
	return k == Direct || k == Indirect || k == Mixed
}

// How a speaker reference was resolved to its entity; lower-trust
// resolutions (pronoun, description) get lower statement confidence.
const (
	ResolvedName        = "name"
	ResolvedSurname     = "surname"
	ResolvedPronoun     = "pronoun"
	ResolvedDescription = "description"
)

// Document is one analysed article. ID is "sha256:<hex>" of Text, so the same
// content always has the same id; Key (URL, else path) identifies the article
// across content changes, which is what replacement uses.
type Document struct {
	ID        string `json:"id"`
	Path      string `json:"path,omitempty"`
	Title     string `json:"title,omitempty"`
	URL       string `json:"url,omitempty"`
	Source    string `json:"source,omitempty"`
	Published string `json:"published,omitempty"` // YYYY-MM-DD when known
	// Authors are the document's byline ("By Jo Park", "Reporting by …"):
	// provenance, never speakers.
	Authors []string `json:"authors,omitempty"`
	// Language is the article's BCP 47 tag when its source says it (HTML
	// lang, JSON-LD, front matter); Modified its last update, YYYY-MM-DD.
	Language         string `json:"language,omitempty"`
	Modified         string `json:"modified,omitempty"`
	Text             string `json:"text,omitempty"`
	ExtractorVersion string `json:"extractor_version,omitempty"`
}

// Key is what identifies an article across edits: its URL, else its path.
func (d Document) Key() string {
	if d.URL != "" {
		return d.URL
	}
	return d.Path
}

// Span is a piece of a document's text. Start and End are byte offsets into
// the UTF-8 document text, End exclusive; Text == doc.Text[Start:End]
// (except a multi-part Statement.Content, whose Text joins its Parts).
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Role is a title an entity holds, optionally of another entity
// ("Deputy Defence Minister" of place:russia).
type Role struct {
	Title string `json:"title"`
	Of    string `json:"of,omitempty"`
}

// Entity is a person, organisation or place. IDs are "<type>:<slug>" of the
// canonical name ("person:vladimir-medinsky", "place:kyiv"), stable across
// documents so that the same entity merges in the graph.
type Entity struct {
	ID       string     `json:"id"`
	Type     EntityType `json:"type"`
	Name     string     `json:"name"`
	Aliases  []string   `json:"aliases,omitempty"`
	Roles    []Role     `json:"roles,omitempty"`
	Mentions []Span     `json:"mentions,omitempty"`
	// PartOf is the id of the place that contains this one (gazetteer), if any.
	PartOf string `json:"part_of,omitempty"`
}

// Speaker is one source of a statement as it appears in the text.
type Speaker struct {
	ID           string     `json:"id"`
	Name         string     `json:"name"`
	Type         EntityType `json:"type"`
	Start        int        `json:"start"`
	End          int        `json:"end"`
	Text         string     `json:"text"`
	ResolvedFrom string     `json:"resolved_from"`
	// Kind types a speaker that is a description rather than a named
	// entity: "person" (the official), "group" (protesters, the sides),
	// "organisation" (the ministry) or "document" (the report, the
	// proposal: a source, never a Person). Empty for a resolved entity.
	Kind string `json:"kind,omitempty"`
}

// Cue is the speech verb or phrase that marks a statement ("told", "according to").
type Cue struct {
	Text  string `json:"text"`
	Lemma string `json:"lemma"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Statement is something one or more speakers said, as reported in a document.
type Statement struct {
	ID       string        `json:"id"`
	Kind     StatementKind `json:"kind"`
	Speakers []Speaker     `json:"speakers"`
	Cue      Cue           `json:"cue"`
	// Content is what was said. When the attribution interrupts it in one
	// sentence (“We will not sign,” Lopez said, “not this year.”), Parts
	// holds each piece with its own offsets and text; Content then spans
	// from the first piece's start to the last piece's end, and its Text is
	// the pieces joined by one space, so it never contains the cue.
	Content Span   `json:"content"`
	Parts   []Span `json:"parts,omitempty"`
	// Turn is shared by the statements of one speaker's turn: separate
	// quoted sentences around one attribution (“We will not sign,” Lopez
	// said. “Not this year.”) are separate statements with the same Turn,
	// the id of the turn's first statement. Empty for a turn of one.
	Turn       string   `json:"turn,omitempty"`
	Via        string   `json:"via,omitempty"`  // entity id of a relaying source ("according to Downing Street")
	Date       string   `json:"date,omitempty"` // YYYY-MM-DD
	Confidence float64  `json:"confidence"`
	Mentions   []string `json:"mentions,omitempty"` // entity ids mentioned in the content
}

// Extraction is everything found in one document: the unit the extractor
// emits (one JSON line), the loader writes atomically, and delete removes.
type Extraction struct {
	Document   Document    `json:"document"`
	Entities   []Entity    `json:"entities"`
	Statements []Statement `json:"statements"`
}
