package extract

import (
	"testing"

	"github.com/whosaid/whosaid/graph"
)

// A capitalised title standing for its holder is a description, resolved
// to the holder named before it, never an organisation named after the
// title; a plural title before names is each one's role; a one-word name
// in apposition to a person noun is a person. Invented sentences.
func TestTitlesAndLoneNames(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		speaker    string // the first statement's speaker: an entity name, or a description's text
		resolved   bool   // the speaker is an entity
		noEntity   string // an entity id that must not exist
		role       [2]string
		stmt       int // the statement checked
	}{
		{"capitalised title after its holder", "President Ana Lima arrived in Lisbon on Friday. The President said the alliance was united.\n",
			"Ana Lima", true, "organisation:president", [2]string{}, 0},
		{"capitalised title of two words", "Prime Minister Tomas Berg flew to Paris. The Prime Minister told reporters the deal was done.\n",
			"Tomas Berg", true, "organisation:prime-minister", [2]string{}, 0},
		{"lower-case title of two words", "Vice President Rosa Quell toured the plant. the vice president said the plant would stay open.\n",
			"Rosa Quell", true, "", [2]string{}, 0},
		{"capitalised title, no holder named", "The flood fund was cut.\n\nThe Speaker said the remark must be withdrawn.\n",
			"The Speaker", false, "organisation:speaker", [2]string{}, 0},
		{"an abbreviated title", "The flood fund was cut.\n\nThe MP said the caucus had not been consulted.\n",
			"The MP", false, "organisation:mp", [2]string{}, 0},
		{"a plural title is a group", "The flood fund was cut.\n\nOpposition MPs said the cut was reckless.\n",
			"Opposition MPs", false, "person:opposition-mps", [2]string{}, 0},
		{"a plural title before names", "The bill passed.\n\nLabour MPs Nia Obi and Carl Penn said the cut was cruel.\n",
			"Nia Obi", true, "person:labour-mps-nia-obi", [2]string{"person:nia-obi", "Labour MP"}, 0},
		{"a lone name in apposition to a kin noun", "The bakery opened.\n\nHer son, Julien, who joined in 2015, sees it differently. \u201cIt nearly broke us,\u201d he admits.\n",
			"Julien", true, "", [2]string{}, 0},
		{"a lone name after a collective noun is not a person", "The bakery opened.\n\nThe family, Smith, declined. The owner said the shop would stay.\n",
			"The owner", false, "person:smith", [2]string{}, 0},
		{"one of them", "The caucus met.\n\nOne of them, speaking on condition of anonymity, said the caucus had not been consulted.\n",
			"One of them", false, "", [2]string{}, 0},
		{"a post-nominal is no part of the name", "The trial opened.\n\nProsecuting, Ruth Kell KC said the victim had no chance.\n",
			"Ruth Kell", true, "person:ruth-kell-kc", [2]string{}, 0},
		{"a British police rank without full stops", "The trial opened.\n\nDet Insp Owen Tarr said the case was a warning.\n",
			"Owen Tarr", true, "person:det-insp-owen-tarr", [2]string{"person:owen-tarr", "Det Insp"}, 0},
		{"an age and a town are no role", "The trial opened.\n\nLee Varga, 34, of Mansfield, said he was sorry.\n",
			"Lee Varga", true, "", [2]string{"person:lee-varga", ""}, 0},
		{"a player by position is the one person just named", "Porto won.\n\nTwo goals from Tiago Ferreira secured the win. The forward said afterwards that he was delighted.\n",
			"Tiago Ferreira", true, "", [2]string{}, 0},
		{"a participle aside is no role", "Porto won.\n\nBraga captain Rui Matos, speaking to reporters, said the team was angry.\n",
			"Rui Matos", true, "", [2]string{"person:rui-matos", "captain"}, 0},
		{"a company by the first word of its name", "Chip sale\n\nVeltro Semiconductor is weighing a sale, people familiar with the matter told Reuters. Veltro declined to comment on what it called \u201cspeculation\u201d.\n",
			"Veltro Semiconductor", true, "person:veltro-semiconductor", [2]string{}, 1},
		{"a surname with its particle", "Chip sale\n\nAnalyst Pieter van Dam of Norda Securities said a sale made sense. \u201cGood assets,\u201d van Dam said.\n",
			"Pieter van Dam", true, "organisation:analyst-pieter-van-dam-of-norda-securities", [2]string{"person:pieter-van-dam", "Analyst"}, 1},
		{"a title and a given name make a person, whatever the last word", "Casino deal\n\nAtlantic City Mayor Don Guardian said the plan was flawed.\n",
			"Don Guardian", true, "organisation:atlantic-city-mayor-don-guardian", [2]string{"person:don-guardian", "Mayor"}, 0},
		{"a place after a modifier before a title", "Debate night\n\nFormer Florida Gov. Jeb Bush said the plan was flawed.\n",
			"Jeb Bush", true, "person:florida-gov-jeb-bush", [2]string{"person:jeb-bush", "Gov."}, 0},
		{"a partitive before a name is no part of it", "Debate night\n\nOne of Trump's advisers said the plan was flawed.\n",
			"One of Trump's advisers", false, "person:one-of-trump", [2]string{}, 0},
		{"an adverb aside is no role", "Debate night\n\nAna Ruiz spoke first. Ruiz, however, said the plan was flawed.\n",
			"Ana Ruiz", true, "", [2]string{"person:ana-ruiz", ""}, 0},
		{"he after a description by its possessor", "Lee Varga was jailed.\n\nVarga's barrister said his client was sorry. He added that Varga had written to the family.\n",
			"Varga's barrister", false, "", [2]string{}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ext := New(Options{}).Extract(graph.Document{ID: "sha256:00", Text: tc.text})
			if len(ext.Statements) <= tc.stmt || len(ext.Statements[tc.stmt].Speakers) == 0 {
				t.Fatalf("no statement %d: %+v", tc.stmt, ext.Statements)
			}
			sp := ext.Statements[tc.stmt].Speakers[0]
			got := sp.Name // a pronoun resolved to a description has its name, the pronoun's text
			if got == "" {
				got = sp.Text
			}
			if got != tc.speaker || (sp.ID != "") != tc.resolved {
				t.Errorf("speaker %q (id %q), want %q (resolved %v)", got, sp.ID, tc.speaker, tc.resolved)
			}
			for _, e := range ext.Entities {
				if tc.noEntity != "" && e.ID == tc.noEntity {
					t.Errorf("junk entity %s", e.ID)
				}
				if tc.role[0] == e.ID && tc.role[1] == "" && len(e.Roles) > 0 {
					t.Errorf("%s roles %+v, want none", e.ID, e.Roles)
				} else if tc.role[0] == e.ID && tc.role[1] != "" && (len(e.Roles) == 0 || e.Roles[0].Title != tc.role[1]) {
					t.Errorf("%s roles %+v, want %q", e.ID, e.Roles, tc.role[1])
				}
			}
		})
	}
}

// Verbs that tell a recipient something report what was said when "that"
// follows the recipient, quoted or not; without it they do not.
func TestTellVerbsWithThat(t *testing.T) {
	for _, tc := range []struct {
		text, content string // content "" means no statement
	}{
		{"The ministry informed parliament that the budget would be cut.", "the budget would be cut"},
		{"The company notified regulators that the breach affected 2 million users.", "the breach affected 2 million users"},
		{"Ms Reyes assured voters that taxes would not rise.", "taxes would not rise"},
		{"Officials made an informed decision that surprised many.", ""},
		{"The group was notified of the change.", ""},
	} {
		ext := New(Options{}).Extract(graph.Document{ID: "sha256:00", Text: "Budget row\n\nThe plan was published.\n\n" + tc.text + "\n"})
		got := ""
		if len(ext.Statements) > 0 {
			got = ext.Statements[0].Content.Text
		}
		if got != tc.content {
			t.Errorf("%q: content %q, want %q", tc.text, got, tc.content)
		}
	}
}
