package source

import (
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/whosaid/whosaid/graph"
)

// meta is what a front matter block says about its document.
type meta struct {
	title, url, published, modified, source, language string
	authors                                           []string
	known                                             int // how many known keys were set
}

// apply copies the metadata into d.
func (m meta) apply(d *graph.Document) {
	d.Title, d.URL, d.Published, d.Source = m.title, m.url, m.published, m.source
	d.Authors, d.Language, d.Modified = m.authors, m.language, m.modified
}

// parseMarkdown reads optional front matter (see readMeta) and returns the
// rest as the text. The front matter is removed, not blanked: the emitted
// text is the reference for offsets. Markdown markup is otherwise kept as
// written, since it never changes what was said and keeps the text faithful
// to the file.
func parseMarkdown(s string) (graph.Document, meta) {
	var d graph.Document
	var m meta
	body := s
	s = strings.TrimPrefix(s, "\ufeff")
	if fm, rest, ok := frontMatter(s); ok {
		// In Markdown a leading "---" block is front matter by convention,
		// so it is removed even when it holds no key we know.
		body = rest
		m = readMeta(fm)
		m.apply(&d)
	}
	if d.Title == "" {
		d.Title = firstHeading(body)
	}
	// The blank line after the front matter is not part of the article.
	d.Text = strings.TrimLeft(body, "\r\n")
	return d, m
}

// parseText reads a plain-text article. A leading "---" block is front
// matter only when it names at least one key readMeta knows: a text may
// well open with a rule line, and then it is kept as written. Without a
// title from front matter, the first line is the title when it reads as
// one (titleLine); it stays in the text, so offsets into the text are still
// offsets into the file.
func parseText(s string) (graph.Document, meta) {
	var m meta
	d := graph.Document{Text: s}
	if fm, rest, ok := frontMatter(strings.TrimPrefix(s, "\ufeff")); ok {
		if m = readMeta(fm); m.known > 0 {
			m.apply(&d)
			// The blank line after the front matter is not part of the
			// article.
			d.Text = strings.TrimLeft(rest, "\r\n")
		} else {
			m = meta{}
		}
	}
	if d.Title == "" {
		d.Title = titleLine(d.Text)
	}
	return d, m
}

// readMeta reads a front matter block: YAML (title, url, date, outlet,
// authors, language and their usual synonyms; keys case-insensitive). A
// block that is not a YAML mapping is read as plain "key: value" lines, as
// hand-written front matter often is not valid YAML (an unquoted
// "title: Talks: the proposal").
func readMeta(fm string) meta {
	var m meta
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(fm), &root); err == nil && len(root.Content) == 1 && root.Content[0].Kind == yaml.MappingNode {
		kv := root.Content[0].Content
		for i := 0; i+1 < len(kv); i += 2 {
			m.set(kv[i].Value, nodeValues(kv[i+1]))
		}
		return m
	}
	for _, line := range strings.Split(fm, "\n") {
		line = strings.TrimRight(line, "\r")
		k, v, ok := strings.Cut(line, ":")
		if !ok || strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t") {
			continue
		}
		m.set(k, []string{unquoteYAML(strings.TrimSpace(v))})
	}
	return m
}

// nodeValues returns a scalar's value, or the scalars of a sequence.
func nodeValues(n *yaml.Node) []string {
	switch n.Kind {
	case yaml.ScalarNode:
		return []string{n.Value}
	case yaml.SequenceNode:
		var vs []string
		for _, c := range n.Content {
			if c.Kind == yaml.ScalarNode {
				vs = append(vs, c.Value)
			}
		}
		return vs
	}
	return nil
}

// set records one front matter key; unknown keys (tags, layout…) are
// ignored. Of the date keys, "published" wins over the others.
func (m *meta) set(key string, vs []string) {
	var clean []string
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" {
			clean = append(clean, v)
		}
	}
	if len(clean) == 0 {
		return
	}
	first := clean[0]
	switch k := strings.ToLower(strings.TrimSpace(key)); k {
	case "title", "headline":
		m.title = first
	case "url", "link", "canonical", "canonical_url":
		m.url = first
	case "published", "date", "published_at", "pubdate":
		if m.published == "" || k == "published" {
			m.published = first
		}
	case "modified", "updated", "date_modified", "last_modified":
		m.modified = first
	case "outlet", "source", "publisher", "site":
		m.source = first
	case "authors", "author", "byline":
		// A single string may list several authors: "Jo Park; Ann Lee".
		for _, v := range clean {
			for a := range strings.FieldsFuncSeq(v, func(r rune) bool { return r == ',' || r == ';' }) {
				if a = strings.TrimSpace(a); a != "" {
					m.authors = append(m.authors, a)
				}
			}
		}
	case "language", "lang":
		m.language = first
	default:
		return
	}
	m.known++
}

// frontMatter splits "---\n…\n---\n" off the start of s (CRLF line ends
// allowed); rest is left byte for byte as it was.
func frontMatter(s string) (fm, rest string, ok bool) {
	var after string
	switch {
	case strings.HasPrefix(s, "---\n"):
		after = s[4:]
	case strings.HasPrefix(s, "---\r\n"):
		after = s[5:]
	default:
		return "", s, false
	}
	for i := 0; i < len(after); {
		j := strings.IndexByte(after[i:], '\n')
		line := after[i:]
		if j >= 0 {
			line = after[i : i+j]
		}
		if t := strings.TrimRight(line, " \t\r"); t == "---" || t == "..." {
			if j < 0 {
				return after[:i], "", true
			}
			return after[:i], after[i+j+1:], true
		}
		if j < 0 {
			break
		}
		i += j + 1
	}
	return "", s, false
}

func unquoteYAML(v string) string {
	if len(v) >= 2 && (v[0] == '"' && v[len(v)-1] == '"' || v[0] == '\'' && v[len(v)-1] == '\'') {
		v = v[1 : len(v)-1]
		if v != "" && strings.Contains(v, `\"`) {
			v = strings.ReplaceAll(v, `\"`, `"`)
		}
		v = strings.ReplaceAll(v, "''", "'")
	}
	return v
}

// firstHeading returns the text of a leading "# Heading" line, if any.
func firstHeading(body string) string {
	for _, line := range strings.Split(body, "\n") {
		t := strings.TrimSpace(line)
		if t == "" {
			continue
		}
		if strings.HasPrefix(t, "# ") {
			return strings.TrimSpace(t[2:])
		}
		return ""
	}
	return ""
}
