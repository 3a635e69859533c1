package extract

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/ingest/source"
)

// readExample reads the example article as ingest does: its front matter
// (title, date, outlet) is metadata, not text.
func readExample(t testing.TB) graph.Document {
	t.Helper()
	const path = "../../examples/istanbul-talks-2022-03-29.txt"
	if _, err := os.Stat(path); err != nil {
		t.Skip("example article not found:", err)
	}
	for d, err := range source.Documents(context.Background(), []string{path}, source.Options{}) {
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	t.Fatalf("%s: no document", path)
	return graph.Document{}
}

// TestSampleArticle checks the example article of the extraction issue.
// Nothing here is specific to it in the extractor: titles, speech verbs,
// organisation cues and pronoun salience are general lexicons and rules.
func TestSampleArticle(t *testing.T) {
	doc := readExample(t)
	text := doc.Text
	x := New(Options{Gazetteer: loadGazetteer(t)})
	ex := x.Extract(graph.Document{ID: "sha256:sample", Text: text, Published: doc.Published})
	checkOffsets(t, text, ex)

	find := func(prefix string) *graph.Statement {
		for i := range ex.Statements {
			if strings.HasPrefix(ex.Statements[i].Content.Text, prefix) {
				return &ex.Statements[i]
			}
		}
		return nil
	}
	tests := []struct {
		content, speaker, how, cue string
	}{
		{"A decision was made to radically", "Alexander Fomin", "name", "tell"},
		{"It does not mean that the threat to Kyiv is over", "John Kirby", "name", "tell"},
		{"A total of 10 U.S. F-18 aircraft", "John Kirby", "pronoun", "add"},
		{"The Ukrainian side has come up with a written proposal", "Vladimir Medinsky", "name", "tell"},
		{"The proposal will now be relayed", "Vladimir Medinsky", "pronoun", "add"},
		{"as\u00a0“substantive.”", "Vladimir Medinsky", "pronoun", "describe"},
		{"Kyiv had sought a security guarantee", "David Arakhamia", "name", "say"},
		{"Some of them have given their preliminary agreement", "David Arakhamia", "pronoun", "say"},
		{"In the proposal, Ukraine pledged", "Vladimir Medinsky", "surname", "say"},
		{"Kyiv also pledged not to seek", "Vladimir Medinsky", "description", "add"},
		{"Kyiv offered a 15-year moratorium", "Vladimir Medinsky", "surname", "according to"},
		{"Ukraine also sought to include", "Vladimir Medinsky", "description", "say"},
		{"Kyiv did not state whether", "Vladimir Medinsky", "surname", "say"},
		{"Kyiv will assert sovereignty", "David Arakhamia", "surname", "make clear"},
		{"there could be no compromise", "David Arakhamia", "surname", "say"},
		{"he’s waiting to see", "Joe Biden", "name", "say"},
		{"We’ll see", "Joe Biden", "pronoun", "say"},
		{"I don’t read anything into it", "Joe Biden", "pronoun", "say"},
		{"the consensus of Western allies", "Joe Biden", "surname", "say"},
		{"Russia has started moving", "Pentagon", "name", "say"},
		{"An immediate practical effect", "Russian Defense Ministry", "name", "announce"},
	}
	for _, tt := range tests {
		s := find(tt.content)
		if s == nil {
			t.Errorf("no statement %q", tt.content)
			continue
		}
		if len(s.Speakers) == 0 || s.Speakers[0].Name != tt.speaker || s.Speakers[0].ResolvedFrom != tt.how || s.Cue.Lemma != tt.cue {
			t.Errorf("%q: speakers %+v cue %q, want %s (%s) %q", tt.content, s.Speakers, s.Cue.Lemma, tt.speaker, tt.how, tt.cue)
		}
		if s.Date != "2022-03-29" {
			t.Errorf("%q: date %q", tt.content, s.Date)
		}
	}

	// Biden's split quote is one turn of two statements, neither holding
	// the attribution between them
	if a, b := find("We’ll see"), find("I don’t read anything into it"); a != nil && b != nil {
		if a.Turn == "" || a.Turn != b.Turn || a.Turn != a.ID {
			t.Errorf("Biden's split quote: turns %q and %q, want both %q", a.Turn, b.Turn, a.ID)
		}
		if strings.Contains(a.Content.Text, "said") || strings.Contains(b.Content.Text, "said") {
			t.Errorf("Biden's split quote holds its cue: %q / %q", a.Content.Text, b.Content.Text)
		}
	}

	// five leaders at once, relayed by Downing Street
	if s := find("slackening of Western resolve"); s == nil {
		t.Error("no statement of the five leaders")
	} else {
		var names []string
		for _, sp := range s.Speakers {
			names = append(names, sp.Name)
		}
		if got := strings.Join(names, ", "); got != "Joe Biden, Emmanuel Macron, Boris Johnson, Olaf Scholz, Mario Draghi" || s.Via != "organisation:downing-street" {
			t.Errorf("leaders: %s via %q", got, s.Via)
		}
	}

	// nothing from the donation appeal at the end
	appeal := strings.Index(text, "Support Labour Heartlands")
	for _, s := range ex.Statements {
		if s.Content.Start >= appeal {
			t.Errorf("statement from the appeal: %q", s.Content.Text)
		}
	}

	ents := map[string]graph.Entity{}
	for _, e := range ex.Entities {
		ents[e.ID] = e
	}
	fomin := ents["person:alexander-fomin"]
	if len(fomin.Roles) == 0 || fomin.Roles[0].Title != "Deputy Defence Minister" || fomin.Roles[0].Of != "place:russia" {
		t.Errorf("Fomin roles %+v", fomin.Roles)
	}
	medinsky := ents["person:vladimir-medinsky"]
	for _, a := range []string{"the official", "the Russian envoy"} {
		if !contains(medinsky.Aliases, a) {
			t.Errorf("Medinsky aliases %q lack %q", medinsky.Aliases, a)
		}
	}
	// Chernigov and Chernihiv are one place
	var spell []string
	for _, m := range ents["place:chernihiv"].Mentions {
		spell = append(spell, m.Text)
	}
	if !contains(spell, "Chernigov") || !contains(spell, "Chernihiv") {
		t.Errorf("place:chernihiv mentions %q", spell)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
