package source

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/markusmobius/go-trafilatura"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/whosaid/whosaid/graph"
)

// parseHTML reads an HTML file with no page URL (see parseHTMLPage).
func parseHTML(s string) (graph.Document, error) {
	d, _, err := parseHTMLPage(s, "")
	return d, err
}

// PageMeta is what a page says about itself that graph.Document has no
// field for.
type PageMeta struct {
	Language string // BCP 47 tag from <html lang>, Content-Language, og:locale or JSON-LD
	Modified string // last modification date as written (article:modified_time, dateModified)
}

// parseHTMLPage extracts the article from an HTML page: its metadata
// (title, canonical URL, publication date, authors, site name, language)
// and the main text as paragraphs separated by blank lines.
//
// The main text is go-trafilatura's (the best-scoring open extractor on the
// article-extraction benchmark; see bench/maintext and docs/input.md).
// When it finds no content — very short pages, fragments — the older
// structural reader (heuristicMain) is used instead, so a file of a few
// paragraphs still reads. Metadata comes from JSON-LD, OpenGraph, <meta>
// and <time> first, then from what trafilatura found. pageURL (may be
// empty) resolves a relative canonical link.
func parseHTMLPage(s, pageURL string) (graph.Document, PageMeta, error) {
	root, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return graph.Document{}, PageMeta{}, err
	}
	var d graph.Document
	m := metadata{}
	m.walk(root)

	opts := trafilatura.Options{
		ExcludeComments: true,
		HtmlDateMode:    trafilatura.Fast,
	}
	if u, err := url.Parse(pageURL); err == nil && u.IsAbs() {
		opts.OriginalURL = u
	}
	var tm trafilatura.Metadata
	if res, err := extractMain(root, opts); err == nil && res != nil {
		tm = res.Metadata
		// Below MinExtractedSize trafilatura falls back on its "baseline"
		// (every paragraph of the page, sometimes twice); the structural
		// reader does better on such short pages.
		if res.ContentNode != nil && utf8.RuneCountInString(res.ContentText) >= trafilatura.DefaultConfig().MinExtractedSize {
			var x textExtractor
			x.keepAll = true
			x.walk(res.ContentNode)
			x.flush()
			d.Text = strings.Join(x.paras, "\n\n")
		}
	}
	if strings.TrimSpace(d.Text) == "" {
		// trafilatura changes the tree it reads: parse a fresh one
		d.Text = heuristicText(s)
	}

	d.Title = firstNonEmpty(m.ogTitle, m.ldHeadline, m.title, m.h1, tm.Title)
	d.URL = resolveURL(pageURL, firstNonEmpty(m.canonical, m.ogURL, m.ldURL))
	var tmDate string
	if !tm.Date.IsZero() {
		tmDate = tm.Date.Format("2006-01-02")
	}
	d.Published = firstNonEmpty(m.published, m.ldPublished, m.timeDatetime, tmDate)
	sitename := tm.Sitename
	if !strings.Contains(sitename, " ") && strings.ContainsAny(sitename, ".:") {
		// trafilatura falls back on the host name; a feed's title or
		// --source says more
		sitename = ""
	}
	d.Source = firstNonEmpty(m.siteName, m.ldPublisher, sitename)
	d.Authors = m.ldAuthors
	if len(d.Authors) == 0 {
		d.Authors = m.metaAuthors
	}
	if len(d.Authors) == 0 && tm.Author != "" {
		d.Authors = splitAuthors(tm.Author)
	}
	d.Authors = cleanAuthors(d.Authors)
	d.Language = firstNonEmpty(m.lang, m.ldLang, m.ogLocale, tm.Language)
	d.Modified = firstNonEmpty(m.modified, m.ldModified)
	pm := PageMeta{
		Language: firstNonEmpty(m.lang, m.ldLang, m.ogLocale, tm.Language),
		Modified: firstNonEmpty(m.modified, m.ldModified),
	}
	return d, pm, nil
}

// extractMain runs trafilatura; a panic inside it (pages from the web are
// arbitrary) is an error, so the structural reader takes over.
func extractMain(root *html.Node, opts trafilatura.Options) (res *trafilatura.ExtractResult, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("trafilatura: %v", r)
		}
	}()
	return trafilatura.ExtractDocument(root, opts)
}

// HeuristicText is the main text of an HTML page as the structural reader
// (the one before trafilatura) finds it; bench/maintext compares the two.
func HeuristicText(s string) string { return heuristicText(s) }

// heuristicText is the main text found by pickMain and the noise rules:
// the largest <article> (else <main>, else the body) without navigation,
// headers, footers, asides, scripts, styles, forms, comments, share and
// newsletter widgets (by element, role, or class/id words) and link lists.
func heuristicText(s string) string {
	root, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return ""
	}
	var x textExtractor
	x.walk(pickMain(root))
	x.flush()
	return strings.Join(x.paras, "\n\n")
}

// ReadHTML reads one fetched HTML page (a URL, a WARC record) as ingest
// reads an .html file: data is decoded (UTF-8 repair, binary refusal), the
// article and its metadata extracted, opts' overrides applied and the id
// set. path names the input in errors and becomes Document.Path; pageURL is
// where the page was fetched from after redirects, the document's URL when
// the page declares no canonical one.
func ReadHTML(path, pageURL string, data []byte, opts Options) (graph.Document, PageMeta, error) {
	r := reader{opts: opts}
	text, err := r.decode(path, data)
	if err != nil {
		return graph.Document{}, PageMeta{}, err
	}
	d, pm, err := parseHTMLPage(text, pageURL)
	if err != nil {
		return graph.Document{}, PageMeta{}, fileErr(path, -1, err)
	}
	if d.URL == "" {
		d.URL = pageURL
	}
	d.Path = path
	if err := r.finish(&d); err != nil {
		return graph.Document{}, PageMeta{}, fileErr(path, -1, err)
	}
	return d, pm, nil
}

// resolveURL makes ref absolute against base and drops its fragment; an
// unparsable ref is returned as it is.
func resolveURL(base, ref string) string {
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ref
	}
	if b, err := url.Parse(base); err == nil && base != "" {
		u = b.ResolveReference(u)
	}
	u.Fragment = ""
	return u.String()
}

// splitAuthors splits a byline listing several people ("A, B and C",
// "A; B") into names.
func splitAuthors(s string) []string {
	s = strings.NewReplacer(" and ", ";", " & ", ";", ",", ";", "|", ";").Replace(s)
	return strings.Split(s, ";")
}

// cleanAuthors trims "By", drops URLs (article:author is often a profile
// link), empty and repeated names, and keeps the order.
func cleanAuthors(in []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, a := range in {
		a = strings.Join(strings.Fields(a), " ")
		if len(a) > 3 && strings.EqualFold(a[:3], "by ") {
			a = strings.TrimSpace(a[3:])
		}
		if a == "" || strings.Contains(a, "://") || strings.HasPrefix(a, "@") || len(a) > 80 {
			continue
		}
		if k := strings.ToLower(a); !seen[k] {
			seen[k] = true
			out = append(out, a)
		}
	}
	return out
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
	modified, lang, ogLocale                                                string
	ldHeadline, ldPublished, ldModified, ldURL, ldPublisher, ldLang         string
	metaAuthors, ldAuthors                                                  []string
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
		case atom.Html:
			m.lang = attr(n, "lang")
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
			if strings.EqualFold(attr(n, "http-equiv"), "content-language") && m.lang == "" {
				m.lang = val
			}
			switch key {
			case "author", "article:author", "dc.creator", "parsely-author", "sailthru.author", "byl", "cxenseparse:author":
				m.metaAuthors = append(m.metaAuthors, splitAuthors(val)...)
			case "article:modified_time", "datemodified", "dc.date.modified", "last-modified":
				if m.modified == "" {
					m.modified = val
				}
			case "og:locale":
				m.ogLocale = strings.ReplaceAll(val, "_", "-")
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
			if !isArticleType(t["@type"]) {
				return
			}
			if s, ok := t["dateModified"].(string); ok && m.ldModified == "" {
				m.ldModified = s
			}
			if s, ok := t["inLanguage"].(string); ok && m.ldLang == "" {
				m.ldLang = s
			}
			if m.ldPublisher == "" {
				m.ldPublisher = firstNonEmpty(ldNames(t["publisher"])...)
			}
			if len(m.ldAuthors) == 0 {
				m.ldAuthors = ldNames(t["author"])
			}
			if s, ok := t["url"].(string); ok && m.ldURL == "" {
				m.ldURL = s
			}
		}
	}
	visit(v)
}

// isArticleType reports whether a JSON-LD @type (a string or a list) is
// an article: NewsArticle, ReportageNewsArticle, BlogPosting, Article…
func isArticleType(v any) bool {
	switch t := v.(type) {
	case string:
		return strings.HasSuffix(t, "Article") || t == "BlogPosting" || t == "LiveBlogPosting"
	case []any:
		for _, e := range t {
			if isArticleType(e) {
				return true
			}
		}
	}
	return false
}

// ldNames reads schema.org Person/Organization values: a name string, an
// object with "name", or a list of either.
func ldNames(v any) []string {
	switch t := v.(type) {
	case string:
		return splitAuthors(t)
	case map[string]any:
		if s, ok := t["name"].(string); ok {
			return []string{s}
		}
	case []any:
		var out []string
		for _, e := range t {
			out = append(out, ldNames(e)...)
		}
		return out
	}
	return nil
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
	atom.Table: true, atom.Tr: true, atom.Dl: true, atom.Dt: true, atom.Dd: true,
	atom.Hr: true, atom.Figcaption: true, atom.Address: true, atom.Center: true,
}

type textExtractor struct {
	// keepAll reads every element but scripts and styles: the tree is
	// already an extractor's main content.
	keepAll bool
	paras   []string
	cur     strings.Builder
	br      bool // the last thing seen was a <br>
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
		if x.keepAll && (n.Data == "script" || n.Data == "style") ||
			!x.keepAll && (isNoise(n) || isLinkList(n)) {
			x.flush()
			return
		}
		if n.DataAtom == atom.Br || n.Data == "br" {
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
	a := n.DataAtom
	if a == 0 && n.Type == html.ElementNode {
		// trees built by trafilatura carry names without atoms
		a = atom.Lookup([]byte(n.Data))
	}
	if a == atom.Td || a == atom.Th {
		// a row is one paragraph, its cells separated by spaces
		x.cur.WriteByte(' ')
	}
	block := n.Type == html.ElementNode && blockElems[a]
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
