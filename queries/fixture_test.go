package queries_test

import (
	"context"
	"strings"
	"testing"

	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/graph/store"
	"github.com/whosaid/whosaid/internal/neo4jtest"
	"github.com/whosaid/whosaid/queries"
)

// The fixture is a small fictional corpus written for these tests: three
// dated articles and one undated, with joint statements, a relayed
// statement, roles, a place hierarchy and alias spellings.

// span finds the n-th (0-based) occurrence of sub in text.
func span(t testing.TB, text, sub string, n int) graph.Span {
	t.Helper()
	off := 0
	for i := 0; ; i++ {
		j := strings.Index(text[off:], sub)
		if j < 0 {
			t.Fatalf("fixture: %q not found (occurrence %d)", sub, n)
		}
		if i == n {
			return graph.Span{Start: off + j, End: off + j + len(sub), Text: sub}
		}
		off += j + len(sub)
	}
}

type stmtSpec struct {
	kind     graph.StatementKind
	speakers []string // entity ids
	cue      string
	content  string
	via      string
	mentions []string
}

func ref(id string) (string, graph.EntityType) {
	switch {
	case strings.HasPrefix(id, "person:"):
		return id, graph.Person
	case strings.HasPrefix(id, "place:"):
		return id, graph.Place
	}
	return id, graph.Organisation
}

func buildExtraction(t testing.TB, doc graph.Document, entities []graph.Entity, specs []stmtSpec) graph.Extraction {
	t.Helper()
	ext := graph.Extraction{Document: doc, Entities: entities}
	names := map[string]string{}
	for _, e := range entities {
		names[e.ID] = e.Name
	}
	for i, sp := range specs {
		content := span(t, doc.Text, sp.content, 0)
		cue := span(t, doc.Text, sp.cue, 0)
		st := graph.Statement{
			Kind:       sp.kind,
			Cue:        graph.Cue{Text: cue.Text, Lemma: cue.Text, Start: cue.Start, End: cue.End},
			Content:    content,
			Via:        sp.via,
			Confidence: 0.9,
			Mentions:   sp.mentions,
		}
		for _, id := range sp.speakers {
			id, typ := ref(id)
			st.Speakers = append(st.Speakers, graph.Speaker{ID: id, Name: names[id], Type: typ, ResolvedFrom: graph.ResolvedName})
		}
		st.ID = "s" + string(rune('a'+i))
		ext.Statements = append(ext.Statements, st)
	}
	return ext
}

const (
	docA = `Border talks resumed in Valmora on Wednesday.

Minister Anna Kowalsky said the border with Drelia would stay open. "We will not close the crossing," Kowalsky told reporters in Nordhafen.

General Piet Obrecht said Drelia had moved troops to the river. According to the Drelian Foreign Ministry, the troops were on a routine exercise.
`
	docB = `A joint statement followed.

Kowalsky and Obrecht said the army of Valmora would hold exercises near Nordhaven. Kowalsky added that Drelia had been informed.
`
	docC = `An undated note.

Kowalsky said Valmora wanted peace with Drelia.
`
	docD = `Kowalsky spoke often that month.

Kowalsky said the first thing. Kowalsky said the second thing. Kowalsky said the third thing. Kowalsky said the fourth thing. Kowalsky said the fifth thing.
`
)

func fixture(t testing.TB) []graph.Extraction {
	anna := graph.Entity{ID: "person:anna-kowalsky", Type: graph.Person, Name: "Anna Kowalsky", Aliases: []string{"Kowalsky", "Anna Kowalski"},
		Roles: []graph.Role{{Title: "Minister"}}}
	piet := graph.Entity{ID: "person:piet-obrecht", Type: graph.Person, Name: "Piet Obrecht", Aliases: []string{"Obrecht"},
		Roles: []graph.Role{{Title: "General", Of: "organisation:valmora-army"}}}
	army := graph.Entity{ID: "organisation:valmora-army", Type: graph.Organisation, Name: "Valmora Army"}
	ministry := graph.Entity{ID: "organisation:drelian-foreign-ministry", Type: graph.Organisation, Name: "Drelian Foreign Ministry"}
	valmora := graph.Entity{ID: "place:valmora", Type: graph.Place, Name: "Valmora"}
	drelia := graph.Entity{ID: "place:drelia", Type: graph.Place, Name: "Drelia"}
	nordhafen := graph.Entity{ID: "place:nordhafen", Type: graph.Place, Name: "Nordhafen", Aliases: []string{"Nordhaven"}, PartOf: "place:valmora"}

	a := buildExtraction(t, graph.Document{Title: "Border talks", URL: "https://news.example/a", Source: "Example News", Published: "2024-01-10", Text: docA, ExtractorVersion: "test"},
		[]graph.Entity{anna, piet, army, ministry, valmora, drelia, nordhafen},
		[]stmtSpec{
			{graph.Indirect, []string{"person:anna-kowalsky"}, "said", "the border with Drelia would stay open", "", []string{"place:drelia"}},
			{graph.Direct, []string{"person:anna-kowalsky"}, "told", "We will not close the crossing", "", nil},
			{graph.Indirect, []string{"person:piet-obrecht"}, "said Drelia", "Drelia had moved troops to the river", "", []string{"place:drelia"}},
			{graph.Indirect, []string{"organisation:drelian-foreign-ministry"}, "According to", "the troops were on a routine exercise", "", nil},
		})
	b := buildExtraction(t, graph.Document{Title: "Joint statement", URL: "https://news.example/b", Source: "Example News", Published: "2024-02-01", Text: docB, ExtractorVersion: "test"},
		[]graph.Entity{anna, piet, army, valmora, drelia, nordhafen},
		[]stmtSpec{
			{graph.Indirect, []string{"person:anna-kowalsky", "person:piet-obrecht"}, "said", "the army of Valmora would hold exercises near Nordhaven", "", []string{"organisation:valmora-army", "place:nordhafen"}},
			{graph.Indirect, []string{"person:anna-kowalsky"}, "added", "Drelia had been informed", "organisation:drelian-foreign-ministry", []string{"place:drelia"}},
		})
	c := buildExtraction(t, graph.Document{Title: "Undated note", Path: "notes/c.txt", Source: "Notes", Text: docC, ExtractorVersion: "test"},
		[]graph.Entity{anna, valmora, drelia},
		[]stmtSpec{
			{graph.Indirect, []string{"person:anna-kowalsky"}, "said", "Valmora wanted peace with Drelia", "", []string{"place:valmora", "place:drelia"}},
		})
	var dspecs []stmtSpec
	for _, w := range []string{"first", "second", "third", "fourth", "fifth"} {
		dspecs = append(dspecs, stmtSpec{graph.Indirect, []string{"person:anna-kowalsky"}, "spoke", "the " + w + " thing", "", nil})
	}
	d := buildExtraction(t, graph.Document{Title: "Many statements", URL: "https://news.example/d", Source: "Other Paper", Published: "2024-01-20", Text: docD, ExtractorVersion: "test"},
		[]graph.Entity{anna}, dspecs)
	return []graph.Extraction{a, b, c, d}
}

// loaded resets the test database, loads the fixture and returns the
// queries with the store.
func loaded(t *testing.T) (*queries.Queries, *store.Store) {
	t.Helper()
	s := neo4jtest.Open(t)
	neo4jtest.Reset(t, s)
	for _, r := range s.Load(context.Background(), fixture(t)) {
		if r.Err != nil || r.Status == store.Failed {
			t.Fatalf("load fixture %s: %v", r.DocumentID, r.Err)
		}
	}
	return queries.New(s, queries.Options{}), s
}
