package source

import (
	"encoding/json"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/whosaid/whosaid/graph"
)

// parseHTML extracts the article from an HTML page: its metadata (title,
// canonical URL, publication date, site name) and the main text as
// paragraphs separated by blank lines. The main text is the largest
// <article> (else <main>, else the body) without navigation, headers,
// footers, asides, scripts, styles, forms, comments, share and newsletter
// widgets (by element, role, or class/id words) and link lists.
func parseHTML(s string) (graph.Document, error) {
	root, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return graph.Document{}, err
	}
	var d graph.Document
	m := metadata{}
	m.walk(root)
	d.Title = firstNonEmpty(m.ogTitle, m.title, m.h1, m.ldHeadline)
	d.URL = firstNonEmpty(m.canonical, m.ogURL, m.ldURL)
	d.Published = firstNonEmpty(m.published, m.ldPublished, m.timeDatetime)
	d.Source = m.siteName

	main := pickMain(root)
	var x textExtractor
	x.walk(main)
	x.flush()
	d.Text = strings.Join(x.paras, "\n\n")
	return d, nil
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

type metadata struct {
	title, ogTitle, h1, canonical, ogURL, published, timeDatetime, siteName string
	ldHeadline, ldPublished, ldURL                                          string
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func (m *metadata) walk(n *html.Node) {
	if n.Type == html.ElementNode {
		switch n.DataAtom {
		case atom.Title:
			if m.title == "" {
				m.title = textOf(n)
			}
		case atom.H1:
			if m.h1 == "" {
				m.h1 = textOf(n)
			}
		case atom.Link:
			if strings.EqualFold(attr(n, "rel"), "canonical") && m.canonical == "" {
				m.canonical = attr(n, "href")
			}
		case atom.Time:
			if m.timeDatetime == "" {
				m.timeDatetime = attr(n, "datetime")
			}
		case atom.Meta:
			key := strings.ToLower(firstNonEmpty(attr(n, "property"), attr(n, "name"), attr(n, "itemprop")))
			val := attr(n, "content")
			switch key {
			case "og:title", "twitter:title":
				if m.ogTitle == "" {
					m.ogTitle = val
				}
			case "og:url":
				m.ogURL = val
			case "og:site_name", "application-name":
				if m.siteName == "" {
					m.siteName = val
				}
			case "article:published_time", "datepublished", "pubdate", "publish-date", "publishdate",
				"date", "dc.date", "dc.date.issued", "dcterms.created", "parsely-pub-date", "sailthru.date", "article.published":
				if m.published == "" {
					m.published = val
				}
			}
		case atom.Script:
			if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") {
				m.jsonLD(textOf(n))
			}
		}
		if n.DataAtom != atom.Meta && attr(n, "itemprop") == "datePublished" && m.published == "" {
			m.published = firstNonEmpty(attr(n, "datetime"), attr(n, "content"))
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		m.walk(c)
	}
}

// jsonLD reads schema.org NewsArticle metadata, tolerating arrays and
// @graph wrappers; anything unreadable is ignored.
func (m *metadata) jsonLD(s string) {
	var v any
	if json.Unmarshal([]byte(s), &v) != nil {
		return
	}
	var visit func(v any)
	visit = func(v any) {
		switch t := v.(type) {
		case []any:
			for _, e := range t {
				visit(e)
			}
		case map[string]any:
			if g, ok := t["@graph"]; ok {
				visit(g)
			}
			if s, ok := t["datePublished"].(string); ok && m.ldPublished == "" {
				m.ldPublished = s
			}
			if s, ok := t["headline"].(string); ok && m.ldHeadline == "" {
				m.ldHeadline = s
			}
			if s, ok := t["url"].(string); ok && m.ldURL == "" {
				if typ, _ := t["@type"].(string); strings.HasSuffix(typ, "Article") {
					m.ldURL = s
				}
			}
		}
	}
	visit(v)
}

// textOf returns the whitespace-collapsed text content of n.
func textOf(n *html.Node) string {
	var b strings.Builder
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
	}
	rec(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// pickMain returns the element holding the article: the <article> with the
// most paragraph text, else <main> or role=main, else <body>.
func pickMain(root *html.Node) *html.Node {
	var best, main, body *html.Node
	bestLen := 0
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch {
			case n.DataAtom == atom.Article:
				if l := paragraphText(n); l > bestLen {
					best, bestLen = n, l
				}
			case n.DataAtom == atom.Main || attr(n, "role") == "main":
				if main == nil {
					main = n
				}
			case n.DataAtom == atom.Body:
				body = n
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
	}
	rec(root)
	switch {
	case best != nil && bestLen >= 200:
		return best
	case main != nil:
		return main
	case best != nil:
		return best
	case body != nil:
		return body
	}
	return root
}

func paragraphText(n *html.Node) int {
	total := 0
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.P {
			total += len(textOf(n))
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
	}
	rec(n)
	return total
}

// skipped elements never hold article text.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Nav: true, atom.Header: true,
	atom.Footer: true, atom.Aside: true, atom.Form: true, atom.Button: true, atom.Iframe: true,
	atom.Svg: true, atom.Template: true, atom.Select: true, atom.Textarea: true, atom.Input: true,
	atom.Figure: true, atom.Object: true, atom.Embed: true, atom.Canvas: true, atom.Video: true,
	atom.Audio: true, atom.Map: true, atom.Dialog: true, atom.Menu: true, atom.Label: true,
}

// noisyWords in a class or id mark widgets around the article.
var noisyWords = []string{
	"share", "social", "newsletter", "subscribe", "signup", "sign-up", "related", "recommend", "promo",
	"advert", "ad-slot", "adslot", "sponsor", "cookie", "consent", "comment", "sidebar", "breadcrumb",
	"navigation", "navbar", "menu", "footer", "header", "masthead", "popup", "modal", "banner", "donate",
	"donation", "paywall", "outbrain", "taboola", "most-read", "mostread", "trending", "tags", "byline-share",
}

var roleSkipped = map[string]bool{
	"navigation": true, "banner": true, "contentinfo": true, "complementary": true, "search": true,
	"dialog": true, "alert": true, "menu": true, "toolbar": true,
}

func isNoise(n *html.Node) bool {
	if skipped[n.DataAtom] {
		return true
	}
	if roleSkipped[strings.ToLower(attr(n, "role"))] {
		return true
	}
	if _, hidden := attrOK(n, "hidden"); hidden || attr(n, "aria-hidden") == "true" {
		return true
	}
	if st := strings.ReplaceAll(strings.ToLower(attr(n, "style")), " ", ""); strings.Contains(st, "display:none") {
		return true
	}
	if n.DataAtom == atom.Body || n.DataAtom == atom.Article || n.DataAtom == atom.Main {
		return false
	}
	ci := strings.ToLower(attr(n, "class") + " " + attr(n, "id"))
	if strings.TrimSpace(ci) == "" {
		return false
	}
	for _, w := range noisyWords {
		if strings.Contains(ci, w) {
			// "article-header" or "comment" on a big text container would
			// be too eager: only small elements are dropped by name.
			if paragraphText(n) < 1500 {
				return true
			}
		}
	}
	return false
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val, true
		}
	}
	return "", false
}

// blockElems start a new paragraph.
var blockElems = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Main: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Blockquote: true, atom.Pre: true,
	atom.Table: true, atom.Tr: true, atom.Td: true, atom.Th: true, atom.Dl: true, atom.Dt: true, atom.Dd: true,
	atom.Hr: true, atom.Figcaption: true, atom.Address: true, atom.Center: true,
}

type textExtractor struct {
	paras []string
	cur   strings.Builder
	br    bool // the last thing seen was a <br>
}

func (x *textExtractor) flush() {
	x.br = false
	if p := strings.Join(strings.Fields(x.cur.String()), " "); p != "" {
		x.paras = append(x.paras, p)
	}
	x.cur.Reset()
}

func (x *textExtractor) walk(n *html.Node) {
	switch n.Type {
	case html.CommentNode, html.DoctypeNode:
		return
	case html.TextNode:
		if strings.TrimSpace(n.Data) != "" {
			x.br = false
		}
		x.cur.WriteString(n.Data)
		return
	case html.ElementNode:
		if isNoise(n) || isLinkList(n) {
			x.flush()
			return
		}
		if n.DataAtom == atom.Br {
			// One <br> is a line break inside a paragraph (kept as a
			// space: the sentence goes on); two in a row end it.
			if x.br {
				x.flush()
			} else {
				x.cur.WriteByte(' ')
			}
			x.br = !x.br
			return
		}
	}
	block := n.Type == html.ElementNode && blockElems[n.DataAtom]
	if block {
		x.flush()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		x.walk(c)
	}
	if block {
		x.flush()
	}
}

// isLinkList reports whether n is a list or box that is mostly links (a
// related-links or navigation block): at least three links and at least
// 60% of its text inside them.
func isLinkList(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Ul, atom.Ol, atom.Div, atom.Section, atom.Table, atom.Dl:
	default:
		return false
	}
	links, linkText, all := 0, 0, 0
	var rec func(*html.Node, bool)
	rec = func(n *html.Node, inLink bool) {
		if n.Type == html.TextNode {
			l := len(strings.TrimSpace(n.Data))
			all += l
			if inLink {
				linkText += l
			}
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.A {
			links++
			inLink = true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c, inLink)
		}
	}
	rec(n, false)
	return links >= 3 && all > 0 && linkText*10 >= all*6
}
