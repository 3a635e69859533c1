package extract

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/whosaid/whosaid/graph"
)

// turnView is what a turn test pins: each statement's speaker, content
// parts and the index of its turn's first statement (-1 for none).
type turnView struct {
	Speaker string
	Parts   []string
	Turn    int
}

func viewTurns(ex graph.Extraction) []turnView {
	index := map[string]int{}
	for i, s := range ex.Statements {
		index[s.ID] = i
	}
	var out []turnView
	for _, s := range ex.Statements {
		v := turnView{Turn: -1}
		if len(s.Speakers) > 0 {
			v.Speaker = s.Speakers[0].Name
		}
		if len(s.Parts) == 0 {
			v.Parts = []string{s.Content.Text}
		}
		for _, p := range s.Parts {
			v.Parts = append(v.Parts, p.Text)
		}
		if s.Turn != "" {
			v.Turn = index[s.Turn]
		}
		out = append(out, v)
	}
	return out
}

// A statement's content never holds its own attribution: a quote
// interrupted by it in one sentence is one statement of several parts;
// quoted sentences around one attribution are statements of one turn.
func TestTurnsAndParts(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		merge bool
		want  []turnView
	}{
		{"sentences around the cue", `"We will not sign," Lopez said. "Not this year."`, false, []turnView{
			{"Lopez", []string{"We will not sign"}, 0},
			{"Lopez", []string{"Not this year."}, 0},
		}},
		{"interrupted sentence", `"We will not sign," Maria Lopez said, "not this year."`, false, []turnView{
			{"Maria Lopez", []string{"We will not sign", "not this year."}, -1},
		}},
		{"inverted with apposition", `"It is a good day," said Paul Haddad, the mayor, "for the whole valley."`, false, []turnView{
			{"Paul Haddad", []string{"It is a good day", "for the whole valley."}, -1},
		}},
		{"three sentences", `"We are ready," the coach, Ines Berg, said. "The players know it. Nobody is injured."`, false, []turnView{
			{"Ines Berg", []string{"We are ready"}, 0},
			{"Ines Berg", []string{"The players know it. Nobody is injured."}, 0},
		}},
		{"the next quote goes on the quoted statement, not on a report in its adjunct", `"It was a busy port," Rosa Diaz said, pointing out where the docks used to be. "Those days are gone."`, false, []turnView{
			{"Rosa Diaz", []string{"It was a busy port"}, 0},
			{"Rosa Diaz", []string{"where the docks used to be"}, -1},
			{"Rosa Diaz", []string{"Those days are gone."}, 0},
		}},
		{"merged for PolNeAR", `"We will not sign," Lopez said. "Not this year."`, true, []turnView{
			{"Lopez", []string{"We will not sign", "Not this year."}, -1},
		}},
		{"new paragraph is not the same turn", "\"We will not sign,\" Lopez said.\n\n\"Not this year, not next year either.\"", false, []turnView{
			{"Lopez", []string{"We will not sign"}, -1},
			{"Lopez", []string{"Not this year, not next year either."}, -1},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := New(Options{Gazetteer: loadGazetteer(t), MergeTurns: tt.merge})
			ex := x.Extract(graph.Document{ID: "sha256:turns", Text: tt.text})
			checkOffsets(t, tt.text, ex)
			if diff := cmp.Diff(tt.want, viewTurns(ex)); diff != "" {
				t.Errorf("statements (-want +got):\n%s", diff)
			}
			for _, s := range ex.Statements {
				if c := s.Cue; c.End > c.Start && s.Content.Text != "" && len(s.Parts) > 0 {
					for _, p := range s.Parts {
						if c.Start < p.End && c.End > p.Start {
							t.Errorf("part %q holds the cue %q", p.Text, c.Text)
						}
					}
				}
			}
		})
	}
}

// With Options.QuoteMarks a quoted content's span takes in its marks and
// the punctuation before the closing one, part by part; unquoted words
// and a quote inside indirect speech keep their own ends.
func TestQuoteMarks(t *testing.T) {
	tests := []struct {
		name, text string
		merge      bool
		want       []turnView
	}{
		{"interrupted quote", `"We will not sign," Maria Lopez said, "not this year."`, false, []turnView{
			{"Maria Lopez", []string{`"We will not sign,"`, `"not this year."`}, -1},
		}},
		{"curly marks, inverted", "“It was offensive,” said Ari Fleischer.", false, []turnView{
			{"Ari Fleischer", []string{"“It was offensive,”"}, -1},
		}},
		{"a turn, merged", `"We will not sign," Lopez said. "Not this year."`, true, []turnView{
			{"Lopez", []string{`"We will not sign,"`, `"Not this year."`}, -1},
		}},
		{"mixed: the quote ends the content", `Tom Reyes called the plan "a disaster."`, false, []turnView{
			{"Tom Reyes", []string{`the plan "a disaster."`}, -1},
		}},
		{"indirect speech has no marks to keep", "Tom Reyes said the plan would fail.", false, []turnView{
			{"Tom Reyes", []string{"the plan would fail"}, -1},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := New(Options{Gazetteer: loadGazetteer(t), MergeTurns: tt.merge, QuoteMarks: true})
			ex := x.Extract(graph.Document{ID: "sha256:marks", Text: tt.text})
			checkOffsets(t, tt.text, ex)
			if diff := cmp.Diff(tt.want, viewTurns(ex)); diff != "" {
				t.Errorf("statements (-want +got):\n%s", diff)
			}
		})
	}
}
