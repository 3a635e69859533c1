package source

import (
	"bytes"
	"regexp"
)

var htmlStart = regexp.MustCompile(`(?i)^\s*(<!doctype\s+html|<html|<head|<body|<article|<!--|<meta|<div|<p[\s>])`)

// Sniff guesses the format of content with no file name (standard input):
// "jsonl", "json", "html", "md" (front matter) or "txt".
func Sniff(data []byte) string {
	t := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	switch {
	case len(t) == 0:
		return "txt"
	case t[0] == '[':
		return "json"
	case t[0] == '{':
		// Several lines each starting with '{' is JSONL; one object
		// (possibly pretty-printed) is JSON.
		first, rest, _ := bytes.Cut(t, []byte("\n"))
		rest = bytes.TrimSpace(rest)
		if len(bytes.TrimSpace(first)) > 1 && bytes.HasSuffix(bytes.TrimSpace(first), []byte("}")) &&
			(len(rest) == 0 || rest[0] == '{') {
			return "jsonl"
		}
		return "json"
	case htmlStart.Match(t):
		return "html"
	case bytes.HasPrefix(t, []byte("---\n")) || bytes.HasPrefix(t, []byte("---\r\n")):
		return "md"
	}
	return "txt"
}
