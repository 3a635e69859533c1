package queries

import (
	"strings"
	"unicode/utf8"
)

// Statements carry byte offsets into their document's text; these helpers
// cut the sentence or paragraph around such a span out of that text, on
// UTF-8 boundaries, so every answer can show a statement in context.

const (
	maxSentenceReach  = 600  // bytes searched on either side for a sentence end
	maxParagraphReach = 3000 // bytes searched on either side for a paragraph end
)

// Excerpt is a piece of a document with its byte offsets.
type Excerpt struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// sentenceAround returns the sentence(s) containing text[start:end].
func sentenceAround(text string, start, end int) Excerpt {
	start, end, ok := clampSpan(text, start, end)
	if !ok {
		return Excerpt{}
	}
	lo := max(0, start-maxSentenceReach)
	from := lo
	for i := start - 1; i >= lo; i-- {
		if text[i] == '\n' {
			from = i + 1
			break
		}
		if isSentenceEnd(text, i) && i+1 < start {
			from = i + 1
			break
		}
	}
	hi := min(len(text), end+maxSentenceReach)
	to := hi
	for i := end; i < hi; i++ {
		if text[i] == '\n' {
			to = i
			break
		}
		if isSentenceEnd(text, i) {
			to = i + 1
			// Keep closing quotes and brackets with the sentence.
			for to < hi {
				r, n := utf8.DecodeRuneInString(text[to:])
				if !strings.ContainsRune("\"'”’»)]", r) {
					break
				}
				to += n
			}
			break
		}
	}
	return trimExcerpt(text, from, to)
}

// paragraphAround returns the paragraph (line) containing text[start:end].
func paragraphAround(text string, start, end int) Excerpt {
	start, end, ok := clampSpan(text, start, end)
	if !ok {
		return Excerpt{}
	}
	from := max(0, start-maxParagraphReach)
	if i := strings.LastIndexByte(text[from:start], '\n'); i >= 0 {
		from += i + 1
	}
	to := min(len(text), end+maxParagraphReach)
	if i := strings.IndexByte(text[end:to], '\n'); i >= 0 {
		to = end + i
	}
	return trimExcerpt(text, from, to)
}

// isSentenceEnd reports whether text[i] ends a sentence: a full stop,
// question or exclamation mark followed by white space (or quotes and then
// white space) or the end of the text.
func isSentenceEnd(text string, i int) bool {
	switch text[i] {
	case '.', '?', '!':
	default:
		return false
	}
	j := i + 1
	for j < len(text) {
		r, n := utf8.DecodeRuneInString(text[j:])
		if strings.ContainsRune("\"'”’»)]", r) {
			j += n
			continue
		}
		return r == ' ' || r == '\n' || r == '\t' || r == '\r'
	}
	return true
}

func clampSpan(text string, start, end int) (int, int, bool) {
	if start < 0 || end > len(text) || start > end {
		return 0, 0, false
	}
	return start, end, true
}

// trimExcerpt cuts text[from:to] on rune boundaries without surrounding
// white space.
func trimExcerpt(text string, from, to int) Excerpt {
	for from < to && !utf8.RuneStart(text[from]) {
		from++
	}
	for to < len(text) && to > from && !utf8.RuneStart(text[to]) {
		to--
	}
	for from < to && isSpace(text[from]) {
		from++
	}
	for to > from && isSpace(text[to-1]) {
		to--
	}
	return Excerpt{Text: text[from:to], Start: from, End: to}
}

func isSpace(b byte) bool { return b == ' ' || b == '\n' || b == '\t' || b == '\r' }
