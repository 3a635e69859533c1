package gen

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/whosaid/whosaid/graph"
)

func TestDeterministic(t *testing.T) {
	a, b := New(Options{Seed: 3, Documents: 50}), New(Options{Seed: 3, Documents: 50})
	for range 50 {
		if diff := cmp.Diff(a.Next(), b.Next()); diff != "" {
			t.Fatalf("same seed, different article:\n%s", diff)
		}
	}
}

// The ground truth must be exact: every span is the text at its offsets,
// every referenced entity is listed.
func TestTruthOffsets(t *testing.T) {
	g := New(Options{Seed: 1, Documents: 300})
	for range 300 {
		a := g.Next()
		ext := a.Truth
		text := ext.Document.Text
		if ext.Document.ID != DocumentID(a.Text) || text != a.Text {
			t.Fatalf("%s: truth document differs from the article", a.ID)
		}
		check := func(what string, s graph.Span) {
			if s.Start < 0 || s.End > len(text) || s.Start > s.End || text[s.Start:s.End] != s.Text {
				t.Fatalf("%s: %s span %+v does not match the text", a.ID, what, s)
			}
		}
		listed := map[string]bool{}
		for _, e := range ext.Entities {
			listed[e.ID] = true
			for _, m := range e.Mentions {
				check("mention of "+e.ID, m)
			}
		}
		if len(ext.Statements) == 0 {
			t.Fatalf("%s: no statements", a.ID)
		}
		for _, st := range ext.Statements {
			check("content", st.Content)
			check("cue", graph.Span{Start: st.Cue.Start, End: st.Cue.End, Text: st.Cue.Text})
			for _, sp := range st.Speakers {
				check("speaker", graph.Span{Start: sp.Start, End: sp.End, Text: sp.Text})
				if !listed[sp.ID] {
					t.Fatalf("%s: speaker %s not listed", a.ID, sp.ID)
				}
			}
			for _, m := range st.Mentions {
				if !listed[m] {
					t.Fatalf("%s: mention %s not listed", a.ID, m)
				}
			}
		}
	}
}

// Syndicated copies have exact truth offsets too, and every statement's
// origin is a statement of the original with the same speaker.
func TestSyndicatedTruth(t *testing.T) {
	g := New(Options{Seed: 5, Documents: 200})
	originals := map[string]graph.Extraction{}
	copies := 0
	for range 200 {
		for _, s := range g.NextSyndicated(Syndication{Rate: 0.5, MaxCopies: 3, Outlets: 5}) {
			ext := s.Truth
			if len(s.Origins) != len(ext.Statements) || len(s.Copies) != len(ext.Statements) {
				t.Fatalf("%s: %d origins, %d copies for %d statements", s.ID, len(s.Origins), len(s.Copies), len(ext.Statements))
			}
			if s.Copies == nil || s.Copies[0] == "" {
				originals[s.ID] = ext
			} else {
				copies++
			}
			for i, st := range ext.Statements {
				if got := ext.Document.Text[st.Content.Start:st.Content.End]; got != st.Content.Text {
					t.Fatalf("%s statement %d: content %q at offsets, truth %q", s.ID, i, got, st.Content.Text)
				}
				for _, sp := range st.Speakers {
					if ext.Document.Text[sp.Start:sp.End] != sp.Text {
						t.Fatalf("%s statement %d: speaker offsets", s.ID, i)
					}
				}
				o := s.Origins[i]
				orig, ok := originals[o.Article]
				if !ok || orig.Statements[o.Index].Speakers[0].ID != st.Speakers[0].ID {
					t.Fatalf("%s statement %d: origin %+v is not a statement of the same speaker", s.ID, i, o)
				}
			}
		}
	}
	if copies == 0 {
		t.Fatal("no copies")
	}
}
