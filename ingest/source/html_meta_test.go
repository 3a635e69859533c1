package source

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// body is enough article text for trafilatura to take the page.
const body = `<article><p>The regional council voted on Tuesday to approve a long-delayed expansion of the northern harbour, ending a dispute that had divided fishing crews and shipping companies for almost a decade.</p>
<p>"This is the right decision for the town," said council leader Ingrid Halvorsen after the vote, which passed by eleven votes to four on Tuesday evening.</p></article>`

func TestHTMLMetadata(t *testing.T) {
	type want struct {
		Title, URL, Published, Source string
		Authors                       []string
		Lang, Modified                string
	}
	tests := []struct {
		name, head, pageURL string
		want                want
	}{
		{"json-ld news article", `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
{"@type":"WebSite","name":"Site","url":"https://x.example/"},
{"@type":["NewsArticle"],"headline":"Headline","url":"https://x.example/a","datePublished":"2024-05-14T09:30:00+01:00",
 "dateModified":"2024-05-15","inLanguage":"en-GB","author":[{"@type":"Person","name":"Mira Okafor"},"Tom Lindqvist"],
 "publisher":{"@type":"NewsMediaOrganization","name":"The Ledger"}}]}</script>`, "",
			// the WebSite's url comes first in @graph: only an article's is the page's
			want{Title: "Headline", URL: "https://x.example/a", Published: "2024-05-14", Source: "The Ledger",
				Authors: []string{"Mira Okafor", "Tom Lindqvist"}, Lang: "en-GB", Modified: "2024-05-15"}},
		{"opengraph and meta", `<title>T | Site</title><meta property="og:title" content="OG title">
<meta property="og:url" content="/news/a?x=1#top"><meta property="og:site_name" content="Site">
<meta property="og:locale" content="fr_FR"><meta name="author" content="By Ana Lima and Rui Costa">
<meta property="article:author" content="https://site.example/staff/ana">
<meta property="article:published_time" content="2024-06-01T08:00:00+02:00">
<meta property="article:modified_time" content="2024-06-02T08:00:00+02:00">`, "https://site.example/feed-item",
			want{Title: "OG title", URL: "https://site.example/news/a?x=1", Published: "2024-06-01", Source: "Site",
				Authors: []string{"Ana Lima", "Rui Costa"}, Lang: "fr-FR", Modified: "2024-06-02T08:00:00+02:00"}},
		{"canonical and time", `<link rel="canonical" href="https://c.example/story"><title>Plain</title>`, "https://c.example/story?utm=1",
			// no declared language: trafilatura's guess from the text
			want{Title: "Plain", URL: "https://c.example/story", Published: "2024-03-29", Lang: "en"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := "<!doctype html><html><head>" + tt.head + "</head><body>" + body
			if tt.name == "canonical and time" {
				page += `<time datetime="2024-03-29">29 March</time>`
			}
			page += "</body></html>"
			d, pm, err := ReadHTML("page.html", tt.pageURL, []byte(page), Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := want{Title: d.Title, URL: d.URL, Published: d.Published, Source: d.Source, Authors: d.Authors, Lang: pm.Language, Modified: pm.Modified}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("metadata (-want +got):\n%s", diff)
			}
			if !strings.Contains(d.Text, "The regional council voted") || !strings.Contains(d.Text, "\n\n") {
				t.Errorf("text: %q", d.Text)
			}
		})
	}
}

func TestCleanAuthors(t *testing.T) {
	got := cleanAuthors([]string{" By  Jo Park ", "jo park", "https://x/staff", "@handle", "", "Sam Lee"})
	if diff := cmp.Diff([]string{"Jo Park", "Sam Lee"}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestReadHTMLFallsBackOnShortPages(t *testing.T) {
	d, _, err := ReadHTML("x.html", "https://x.example/p", []byte("<!doctype html><p>Short note.</p>"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Text != "Short note." || d.URL != "https://x.example/p" {
		t.Errorf("got text %q url %q", d.Text, d.URL)
	}
}
