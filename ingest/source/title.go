package source

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits of a first line that reads as a headline (titleLine).
const (
	maxTitleBytes = 200
	maxTitleWords = 20
)

// titleLine returns the first line of a plain text when it reads as a
// headline, else "". A headline stands on its own line with more text after
// it; has at most maxTitleWords words and maxTitleBytes bytes; its first
// letter is a capital (or it starts with a digit); it does not end like a
// sentence or a clause (. , ; : or an ellipsis; ? and ! do end headlines);
// it is not a byline ("By …"); and the next line does not carry on its
// sentence (start in lower case), as the second line of a wrapped
// paragraph would.
func titleLine(text string) string {
	text = strings.TrimPrefix(text, "\ufeff")
	text = strings.TrimLeft(text, " \t\r\n")
	first, rest, ok := strings.Cut(text, "\n")
	if !ok {
		return ""
	}
	line := strings.TrimSpace(first)
	next := strings.TrimSpace(rest)
	if line == "" || next == "" || len(line) > maxTitleBytes {
		return ""
	}
	words := strings.Fields(line)
	if len(words) > maxTitleWords || strings.EqualFold(words[0], "by") {
		return ""
	}
	if strings.HasSuffix(line, "...") || strings.ContainsRune(".,;:…", lastRune(line)) {
		return ""
	}
	if !startsUpper(line) {
		return ""
	}
	if c := firstLetter(next); c != 0 && unicode.IsLower(c) {
		return ""
	}
	return strings.Join(words, " ")
}

// startsUpper reports whether the first letter or digit of s, after any
// opening quotes or brackets, is a capital letter or a digit.
func startsUpper(s string) bool {
	for _, c := range s {
		switch {
		case unicode.IsDigit(c) || unicode.IsUpper(c):
			return true
		case unicode.IsLetter(c):
			return false
		}
	}
	return false
}

// firstLetter returns the first letter of s, or 0.
func firstLetter(s string) rune {
	for _, c := range s {
		if unicode.IsLetter(c) {
			return c
		}
	}
	return 0
}

func lastRune(s string) rune {
	c, _ := utf8.DecodeLastRuneInString(s)
	return c
}
