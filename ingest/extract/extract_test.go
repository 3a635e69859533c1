package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/ingest/gazetteer"
)

// st is the part of a statement a fixture pins down.
type st struct {
	Speakers string // speaker names joined with "|"; "" for an unknown asker
	How      string // resolved_from of the first speaker
	Lemma    string
	Kind     graph.StatementKind
	Content  string
	Via      string
	Date     string
}

func summarise(ex graph.Extraction, withDate bool) []st {
	var out []st
	for _, s := range ex.Statements {
		var names []string
		how := ""
		for i, sp := range s.Speakers {
			names = append(names, sp.Name)
			if i == 0 {
				how = sp.ResolvedFrom
			}
		}
		x := st{Speakers: strings.Join(names, "|"), How: how, Lemma: s.Cue.Lemma, Kind: s.Kind, Content: s.Content.Text, Via: s.Via}
		if withDate {
			x.Date = s.Date
		}
		out = append(out, x)
	}
	return out
}

func readFixture(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// One short article per rule of the extraction issue, written for these
// tests, with the statements expected from it.
func TestFixtures(t *testing.T) {
	x := New(Options{})
	tests := []struct {
		file string
		want []st
	}{
		{"said_that.txt", []st{
			{"Clara Mendes", "name", "say", graph.Indirect, "the new harbour would open in June", "", ""},
			{"Clara Mendes", "surname", "say", graph.Indirect, "the budget had been cut twice", "", ""},
		}},
		{"trailing.txt", []st{
			{"Tomas Berg", "name", "say", graph.Indirect, "The strike will end on Friday after the unions accepted a new offer", "", ""},
			{"the company", "description", "say", graph.Indirect, "Wages will rise by 4 percent next year", "", ""},
		}},
		{"inverted.txt", []st{
			{"Ines Okafor", "name", "say", graph.Direct, "We have waited three years for this", "", ""},
			{"Paul Haddad", "name", "say", graph.Direct, "It is a good day for the valley", "", ""},
		}},
		{"told.txt", []st{
			{"Sofia Lind", "name", "tell", graph.Indirect, "the bridge was safe", "", ""},
			{"Sofia Lind", "surname", "tell", graph.Direct, "The cracks are cosmetic", "", ""},
		}},
		{"according_to.txt", []st{
			{"Rafael Ortiz", "name", "according to", graph.Indirect, "the deficit will shrink next year", "", ""},
			{"the ministry", "description", "according to", graph.Indirect, "Spending on schools will double", "", ""},
		}},
		{"made_clear.txt", []st{
			{"Lena Vogt", "name", "make clear", graph.Indirect, "the quota would not change", "", ""},
			{"Lena Vogt", "name", "say", graph.Indirect, "there could be no exceptions for large trawlers", "", ""},
			{"Lena Vogt", "surname", "warn", graph.Indirect, "against any attempt to reopen the deal", "", ""},
		}},
		{"mixed.txt", []st{
			{"Amir Khan", "name", "say", graph.Mixed, "the collection was “at real risk” without new funds", "", ""},
		}},
		{"floating.txt", []st{
			{"Hanna Weiss", "name", "say", graph.Direct, "The river rose faster than anyone expected", "", ""},
			{"Hanna Weiss", "name", "", graph.Direct, "We moved two hundred families before midnight. Nobody was hurt.", "", ""},
		}},
		{"multipara.txt", []st{
			{"Jonas Petrov", "name", "describe", graph.Indirect, "the season in detail", "", ""},
			{"Jonas Petrov", "surname", "say", graph.Direct, "The rain came late and the harvest was poor.\n\n“We sold half the herd to pay the bank", "", ""},
		}},
		{"titles.txt", []st{
			{"Marie Dupont", "name", "tell", graph.Indirect, "the border would stay open", "", ""},
			{"Marie Dupont", "surname", "say", graph.Indirect, "talks would continue in Geneva", "", ""},
		}},
		{"apposition.txt", []st{
			{"Daniel Osei", "name", "say", graph.Indirect, "the ruling would be published next week", "", ""},
			{"Ruth Adler", "name", "say", graph.Indirect, "the judges had not yet agreed", "", ""},
		}},
		{"org_place.txt", []st{
			{"Pentagon", "name", "say", graph.Indirect, "Troops are moving away from the capital", "", ""},
			{"Berlin", "name", "say", graph.Indirect, "it would send more aid", "", ""},
			{"West", "name", "say", graph.Indirect, "the sanctions will stay", "", ""},
		}},
		{"pronouns.txt", []st{
			{"Nadia Rahman", "name", "say", graph.Indirect, "the deal would cut tariffs on steel", "", ""},
			{"Nadia Rahman", "pronoun", "add", graph.Indirect, "Exports would rise within a year", "", ""},
			{"Nadia Rahman", "description", "add", graph.Indirect, "farmers would be protected", "", ""},
		}},
		{"descriptions.txt", []st{
			{"Karl Berg", "name", "say", graph.Indirect, "both sides had agreed to a ceasefire", "", ""},
			{"Karl Berg", "description", "say", graph.Indirect, "Prisoners will be exchanged next month", "", ""},
		}},
		{"multiple.txt", []st{
			{"Angela Ruiz|Tomas Berg|Li Wei", "name", "warn", graph.Indirect, "against any delay in cutting emissions", "organisation:summit-office", ""},
			{"Angela Ruiz|Tomas Berg|Li Wei", "pronoun", "say", graph.Indirect, "they agreed to meet again in May", "", ""},
		}},
		{"british.txt", []st{
			{"Louise Haigh", "name", "say", graph.Mixed, "the plan would ‘transform journeys across the north’", "", ""},
			{"Louise Haigh", "pronoun", "say", graph.Direct, "We are not going to let this slip", "", ""},
			{"Louise Haigh", "pronoun", "say", graph.Direct, "The money is there.", "", ""},
			{"Labour’s shadow chancellor", "description", "tell", graph.Direct, "This is a welcome step, but it is overdue.", "", ""},
			{"A Downing Street spokesperson", "description", "say", graph.Mixed, "the prime minister had ‘full confidence’ in the scheme", "", ""},
			{"The minister", "description", "say", graph.Indirect, "the talks had stalled", "", ""},
		}},
		{"scare_quotes.txt", nil},
		{"boilerplate.txt", []st{
			{"the regulator", "description", "say", graph.Indirect, "Water prices will rise by 3 percent", "", ""},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			text := readFixture(t, tt.file)
			ex := x.Extract(graph.Document{ID: "sha256:test", Text: text})
			if diff := cmp.Diff(tt.want, summarise(ex, false)); diff != "" {
				t.Errorf("statements (-want +got):\n%s", diff)
			}
			checkOffsets(t, text, ex)
		})
	}
}

func TestDates(t *testing.T) {
	x := New(Options{})
	// 2024-03-07 is a Thursday: "on Monday" is 2024-03-04.
	ex := x.Extract(graph.Document{ID: "sha256:test", Text: readFixture(t, "dates.txt"), Published: "2024-03-07"})
	want := []st{
		{"The electoral commission", "description", "say", graph.Indirect, "turnout was 71 percent", "", "2024-03-04"},
		{"the commission", "description", "say", graph.Indirect, "Counting will finish today", "", "2024-03-07"},
	}
	if diff := cmp.Diff(want, summarise(ex, true)); diff != "" {
		t.Errorf("statements (-want +got):\n%s", diff)
	}
}

func TestEntities(t *testing.T) {
	x := New(Options{})
	ex := x.Extract(graph.Document{ID: "sha256:test", Text: readFixture(t, "titles.txt")})
	var got *graph.Entity
	for i := range ex.Entities {
		if ex.Entities[i].ID == "person:marie-dupont" {
			got = &ex.Entities[i]
		}
	}
	if got == nil {
		t.Fatalf("no person:marie-dupont in %+v", ex.Entities)
	}
	if diff := cmp.Diff([]graph.Role{{Title: "Deputy Foreign Minister", Of: "place:france"}}, got.Roles); diff != "" {
		t.Errorf("roles (-want +got):\n%s", diff)
	}
	if len(got.Mentions) != 2 {
		t.Errorf("mentions = %+v, want the full name and the surname", got.Mentions)
	}
	for _, m := range got.Mentions {
		if !strings.HasSuffix(m.Text, "Dupont") {
			t.Errorf("mention %q", m.Text)
		}
	}
	// the same person in another document gets the same id
	ex2 := x.Extract(graph.Document{ID: "sha256:other", Text: "Marie Dupont said nothing had changed."})
	if len(ex2.Statements) != 1 || ex2.Statements[0].Speakers[0].ID != "person:marie-dupont" {
		t.Errorf("second document: %+v", ex2.Statements)
	}
}

func TestSegmentation(t *testing.T) {
	text := readFixture(t, "segment.txt")
	var got []string
	for _, s := range Sentences(text) {
		got = append(got, s.Text)
	}
	want := []string{
		"Gen. Alan Price of the U.S. Army arrived on Jan. 5 at 10 a.m. with Mr. J. R. Smith.",
		"He said the costs rose 3.5 percent.",
		"“Is it over?” asked a reporter.",
		"“No,” Price said.",
		"“Not yet.”",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sentences (-want +got):\n%s", diff)
	}
}

func TestQuotes(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"curly", "“Yes,” she said.", []string{"Yes,"}},
		{"straight", `"Yes," she said.`, []string{"Yes,"}},
		{"nested", "“He told me ‘never’ twice,” she said.", []string{"He told me ‘never’ twice,"}},
		{"headline single", "Talks: ‘We’ll see,’ says Biden", []string{"We’ll see,"}},
		{"apostrophes", "The voters’ choice wasn’t Smiths’ or Jones’s.", nil},
		{"nyt double apostrophes", "''It is over,'' he said.", []string{"It is over,"}},
		{"multi-paragraph", "“First part.\n\n“Second part,” he said.", []string{"First part.\n\n“Second part,"}},
		{"unclosed ends with paragraph", "“Never closed\n\nNext paragraph.", []string{"Never closed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, q := range Quotes(tt.text) {
				got = append(got, q.Text)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("quotes (-want +got):\n%s", diff)
			}
		})
	}
}

// checkOffsets verifies the contract: every span is a byte span of the text.
func checkOffsets(t testing.TB, text string, ex graph.Extraction) {
	t.Helper()
	span := func(what string, start, end int, s string) {
		if start < 0 || end > len(text) || start > end || text[start:end] != s {
			t.Fatalf("%s span [%d,%d) %q does not match the text", what, start, end, s)
		}
	}
	for _, s := range ex.Statements {
		if len(s.Parts) == 0 {
			span("content", s.Content.Start, s.Content.End, s.Content.Text)
		} else {
			// several parts: Content spans them, its text joins them
			var texts []string
			for i, p := range s.Parts {
				span("part", p.Start, p.End, p.Text)
				if i > 0 && p.Start < s.Parts[i-1].End {
					t.Fatalf("parts overlap or are out of order: %+v", s.Parts)
				}
				texts = append(texts, p.Text)
			}
			if s.Content.Start != s.Parts[0].Start || s.Content.End != s.Parts[len(s.Parts)-1].End || s.Content.Text != strings.Join(texts, " ") {
				t.Fatalf("content %+v does not join its parts %+v", s.Content, s.Parts)
			}
		}
		if s.Cue.Text != "" {
			span("cue", s.Cue.Start, s.Cue.End, s.Cue.Text)
		}
		for _, sp := range s.Speakers {
			span("speaker", sp.Start, sp.End, sp.Text)
		}
		if s.Confidence <= 0 || s.Confidence > 1 {
			t.Fatalf("confidence %v", s.Confidence)
		}
		if !s.Kind.Valid() {
			t.Fatalf("kind %q", s.Kind)
		}
	}
	for _, e := range ex.Entities {
		if !e.Type.Valid() || e.ID == "" {
			t.Fatalf("entity %+v", e)
		}
		for _, m := range e.Mentions {
			span("mention", m.Start, m.End, m.Text)
		}
	}
}

func loadGazetteer(t testing.TB) Places {
	g, err := gazetteer.Load()
	if err != nil {
		t.Fatalf("load the embedded gazetteer: %v", err)
	}
	return g
}

func TestNestedAndNouns(t *testing.T) {
	text := readFixture(t, "nested.txt")
	base := []st{
		{"Ana Costa", "name", "say", graph.Indirect, "the governor had promised to repair the dam before winter", "", ""},
		{"Ana Costa", "pronoun", "claim", graph.Indirect, "the repairs were overdue", "", ""},
	}
	ex := New(Options{}).Extract(graph.Document{ID: "sha256:test", Text: text})
	if diff := cmp.Diff(base, summarise(ex, false)); diff != "" {
		t.Errorf("default (-want +got):\n%s", diff)
	}
	nested := []st{base[0],
		{"the governor", "description", "promise", graph.Indirect, "to repair the dam before winter", "", ""},
		base[1]}
	ex = New(Options{KeepNested: true}).Extract(graph.Document{ID: "sha256:test", Text: text})
	if diff := cmp.Diff(nested, summarise(ex, false)); diff != "" {
		t.Errorf("KeepNested (-want +got):\n%s", diff)
	}
	checkOffsets(t, text, ex)
}

func TestStatementIDs(t *testing.T) {
	text := readFixture(t, "pronouns.txt")
	x := New(Options{})
	a := x.Extract(graph.Document{ID: "sha256:a", Text: text})
	b := x.Extract(graph.Document{ID: "sha256:a", Text: text})
	seen := map[string]bool{}
	for i, s := range a.Statements {
		if s.ID != b.Statements[i].ID {
			t.Errorf("id changed between runs: %s %s", s.ID, b.Statements[i].ID)
		}
		if seen[s.ID] {
			t.Errorf("duplicate id %s", s.ID)
		}
		seen[s.ID] = true
	}
}

// TestConcurrent runs one Extractor from several goroutines (go test -race).
func TestConcurrent(t *testing.T) {
	x := New(Options{Gazetteer: loadGazetteer(t)})
	text := readFixture(t, "pronouns.txt")
	want := summarise(x.Extract(graph.Document{ID: "sha256:c", Text: text}), false)
	done := make(chan []st)
	for i := 0; i < 4; i++ {
		go func() { done <- summarise(x.Extract(graph.Document{ID: "sha256:c", Text: text}), false) }()
	}
	for i := 0; i < 4; i++ {
		if diff := cmp.Diff(want, <-done); diff != "" {
			t.Errorf("concurrent run differs:\n%s", diff)
		}
	}
}

// A bare capitalised name after "the" is a collective or an outlet, never a
// person ("the West says", "the Times reported").
func TestArticleBeforeBareNameIsNotAPerson(t *testing.T) {
	text := "The West says the sanctions will stay.\n"
	ext := New(Options{}).Extract(graph.Document{ID: "sha256:00", Text: text})
	if len(ext.Statements) != 1 || len(ext.Statements[0].Speakers) != 1 {
		t.Fatalf("statements: %+v", ext.Statements)
	}
	if sp := ext.Statements[0].Speakers[0]; sp.Type == graph.Person || sp.Name != "West" {
		t.Errorf("speaker %q typed %s, want an organisation or a place", sp.Name, sp.Type)
	}
}
