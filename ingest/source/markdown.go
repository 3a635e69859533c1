package source

import (
	"strings"

	"github.com/whosaid/whosaid/graph"
)

// parseMarkdown reads optional front matter between "---" lines at the top
// (simple "key: value" lines; title, url/link/canonical, published/date,
// source/publisher) and returns the rest as the text. The front matter is
// removed, not blanked: the emitted text is the reference for offsets.
// Markdown markup is otherwise kept as written, since it never changes what
// was said and keeps the text faithful to the file.
func parseMarkdown(s string) graph.Document {
	var d graph.Document
	body := s
	s = strings.TrimPrefix(s, "\ufeff")
	if fm, rest, ok := frontMatter(s); ok {
		body = rest
		for _, line := range strings.Split(fm, "\n") {
			line = strings.TrimRight(line, "\r")
			k, v, ok := strings.Cut(line, ":")
			if !ok || strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t") {
				continue
			}
			v = unquoteYAML(strings.TrimSpace(v))
			switch strings.ToLower(strings.TrimSpace(k)) {
			case "title":
				d.Title = v
			case "url", "link", "canonical", "canonical_url":
				d.URL = v
			case "published", "date", "published_at", "pubdate":
				if d.Published == "" || strings.EqualFold(strings.TrimSpace(k), "published") {
					d.Published = v
				}
			case "source", "publisher", "outlet", "site":
				d.Source = v
			}
		}
	}
	if d.Title == "" {
		d.Title = firstHeading(body)
	}
	// The blank line after the front matter is not part of the article.
	d.Text = strings.TrimLeft(body, "\r\n")
	return d
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
