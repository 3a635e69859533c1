package source

import (
	"os"
	"strings"
	"testing"
)

func TestTitleLine(t *testing.T) {
	const body = "\n\nThe council approved the budget, the president said.\n"
	tests := []struct {
		name, text, want string
	}{
		{"headline", "Council approves the budget" + body, "Council approves the budget"},
		{"colon inside", "Peace talks: the proposal" + body, "Peace talks: the proposal"},
		{"question", "Is the war over?" + body, "Is the war over?"},
		{"quoted start", "‘We will win’, says mayor" + body, "‘We will win’, says mayor"},
		{"digit start", "10 things the budget changes" + body, "10 things the budget changes"},
		{"CRLF and spaces", "  Council  approves\r\n\r\nIt did, she said.\r\n", "Council approves"},
		{"leading blank lines", "\n\nCouncil approves" + body, "Council approves"},
		{"BOM", "\ufeffCouncil approves" + body, "Council approves"},
		{"sentence", "The council approved the budget." + body, ""},
		{"clause", "The council approved the budget," + body, ""},
		{"ends with colon", "The mayor said:" + body, ""},
		{"ellipsis", "And then there was more..." + body, ""},
		{"lower case", "council approves the budget" + body, ""},
		{"byline", "By Jo Park" + body, ""},
		{"too many words", strings.Repeat("Word ", 21) + body, ""},
		{"too long", strings.Repeat("W", 201) + body, ""},
		{"only line", "Council approves the budget", ""},
		{"nothing after", "Council approves the budget\n\n", ""},
		{"wrapped paragraph", "The council approved the budget on Monday after a\nlong debate, the president said.\n", ""},
		{"rule line", "---" + body, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := titleLine(tt.text); got != tt.want {
				t.Errorf("titleLine(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestFrontMatterOffsets: a text file with front matter emits the article
// below it byte for byte, so offsets into the document text are offsets
// into the file after the front matter.
func TestFrontMatterOffsets(t *testing.T) {
	for _, f := range []string{"testdata/front.txt", "testdata/article.md", "../../examples/istanbul-talks-2022-03-29.txt"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		r := run(t, []string{f}, Options{})
		if len(r.Docs) != 1 {
			t.Fatalf("%s: %+v", f, r)
		}
		d := r.Docs[0]
		if !strings.HasSuffix(string(b), d.Text) || !strings.HasPrefix(string(b), "---\n") {
			t.Errorf("%s: text is not the file after its front matter", f)
		}
		if d.Title == "" || d.Published == "" {
			t.Errorf("%s: front matter not read: %+v", f, d)
		}
	}
}
