// Package boilerplate finds the parts of an article's text that are not
// the article: donation appeals, newsletter and subscription boxes,
// "support our journalism" pleas, cookie notices, share prompts and
// related-links lists. The extractor drops statements found inside them.
//
// It uses general signals, never an outlet's wording: the publisher's
// voice addressing the reader (we/us/our together with you/your), calls
// to action (donate, subscribe, sign up, click, join, support…), lines
// that open with an imperative, short headline-like lines, and position
// (a trailing run of such blocks at the end of the text). A block that
// reports speech ("said", "told", "according to") is news, never
// boilerplate, however many pronouns it has: quotes in news say "we" too.
package boilerplate

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/whosaid/whosaid/graph"
)

// block is one line of text (a paragraph or a heading).
type block struct {
	start, end int // byte offsets of the trimmed line
	words      int
	you, we    int // reader address, publisher voice
	strong     int // calls to action and site notices
	site       int // site furniture only: newsletter, inbox, paywall…
	medium     int // words typical of appeals but common in news too
	mediumRest int // medium words after the first word
	speech     bool
	quote      bool
	imperative bool // opens with a call-to-action verb
	heading    bool // short, without sentence-final punctuation
	marker     bool // "Related", "Read more", "Share this", …
}

type class int

const (
	news    class = iota
	weak          // appeal-like in context (publisher voice, no speech)
	heading       // a short line
	strong        // boilerplate on its own
)

// Find returns the byte ranges of text that are boilerplate, in order and
// non-overlapping; each Span's Text is text[Start:End].
func Find(text string) []graph.Span {
	blocks := split(text)
	if len(blocks) == 0 {
		return nil
	}
	cls := make([]class, len(blocks))
	for i := range blocks {
		cls[i] = classify(&blocks[i])
	}
	flag := make([]bool, len(blocks))

	// A trailing run: from the end back, everything that is boilerplate,
	// a heading or appeal-like, up to the first news block. It counts only
	// if it holds a strong block; weak paragraphs before its first strong
	// block are left out (they may be the article's last words).
	i := len(blocks) - 1
	for i >= 0 && cls[i] != news {
		i--
	}
	run := blocks[i+1:]
	firstStrong := -1
	for j := range run {
		if cls[i+1+j] == strong {
			firstStrong = i + 1 + j
			break
		}
	}
	if firstStrong >= 0 {
		start := firstStrong
		for start > i+1 && cls[start-1] == heading {
			start--
		}
		for j := start; j < len(blocks); j++ {
			flag[j] = true
		}
	}

	// Elsewhere, a strong block stands on its own ("Sign up for our
	// newsletter" between two paragraphs), together with a heading just
	// before it ("Newsletter").
	for j := range blocks {
		if cls[j] == strong {
			flag[j] = true
			if j > 0 && cls[j-1] == heading && blocks[j-1].words <= 6 {
				flag[j-1] = true
			}
		}
	}

	var spans []graph.Span
	for j := 0; j < len(blocks); j++ {
		if !flag[j] {
			continue
		}
		k := j
		for k+1 < len(blocks) && flag[k+1] {
			k++
		}
		s, e := blocks[j].start, blocks[k].end
		spans = append(spans, graph.Span{Start: s, End: e, Text: text[s:e]})
		j = k
	}
	return spans
}

// split cuts text into non-empty lines, trimmed of surrounding spaces.
func split(text string) []block {
	var bs []block
	for pos := 0; pos < len(text); {
		nl := strings.IndexByte(text[pos:], '\n')
		end := len(text)
		if nl >= 0 {
			end = pos + nl
		}
		s, e := pos, end
		for s < e && isSpaceByte(text[s]) {
			s++
		}
		for e > s && isSpaceByte(text[e-1]) {
			e--
		}
		if s < e {
			bs = append(bs, block{start: s, end: e})
		}
		pos = end + 1
	}
	for i := range bs {
		analyse(text[bs[i].start:bs[i].end], &bs[i])
	}
	return bs
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' }

func classify(b *block) class {
	if b.speech {
		// Reported speech is news. The one exception is a headline in a
		// related-links list, handled by the trailing run (headings).
		if b.heading && !b.quote {
			return heading
		}
		return news
	}
	// Long paragraphs need more evidence than short boxes: news about
	// campaign donations or newsletters mentions those words too.
	long := b.words > 40
	switch {
	case b.marker:
		return strong
	case b.strong >= 1 && b.imperative && !long:
		return strong // "Subscribe to our podcast", "Just click the donate button below"
	case b.strong >= 1 && b.you+b.we >= 1 && !long && !b.quote:
		return strong // "Want this in your inbox? …"
	case b.site >= 1 && b.strong >= 2 && !long:
		return strong // "For more, sign up for the … newsletter."
	case b.strong >= 3:
		return strong // a long appeal: "readers like you … donate today"
	case b.quote:
		// Quoted words with appeal vocabulary are someone's speech.
	case b.imperative && b.words <= 12 && (b.mediumRest >= 1 || b.you+b.we >= 1):
		return strong // "Support Independent Journalism", "Join Us", "Thank you for reading."
	case b.medium >= 2 && b.you >= 1 && b.we >= 1 && !long:
		return strong
	case b.medium >= 1 && b.you >= 1 && b.heading:
		return strong // "Independent Journalism Needs You"
	}
	switch {
	case b.heading:
		return heading
	case b.quote:
		return news
	case b.we >= 2 && (b.we+b.you)*100 >= 6*b.words:
		return weak
	case b.you >= 2:
		return weak
	}
	return news
}

// Lexicons. Words are matched lower-case, whole tokens; phrases on the
// lower-cased line.
var (
	youWords = set("you", "your", "yours", "yourself", "you're", "you've", "you'll", "you'd")
	weWords  = set("we", "us", "our", "ours", "ourselves", "we're", "we've", "we'll", "we'd")
	// Tokens that on their own mark a call to action or a site notice.
	strongWords = set(
		"donate", "donating", "donations", "subscribe", "subscribing", "subscription", "unsubscribe",
		"newsletter", "newsletters", "signup", "inbox", "click", "clicking",
		"paywall", "ad-free", "adblocker", "ad-blocker", "patreon", "paypal", "gofundme",
	)
	strongPhrases = []string{
		"sign up", "sign-up", "log in to", "register now", "create an account", "free trial",
		"support our journalism", "support independent journalism", "support our work", "support us",
		"become a member", "become a supporter", "become a patron", "make a contribution", "make a one-off",
		"privacy policy", "terms of service", "terms of use", "all rights reserved",
		"follow us on", "like us on", "share this article", "share this story", "share on facebook", "share on twitter",
		"begging bowl", "readers like you", "every contribution", "any amount", "the donate button",
		"this website uses", "this site uses", "uses cookies", "accept cookies", "cookie policy", "cookie settings",
		"email address", "e-mail address", "like the page",
	}
	// Words typical of appeals but also common in news.
	mediumWords = set(
		"support", "supporting", "contribute", "contribution", "contributions", "donation", "donor", "donors",
		"journalism", "independent", "readers", "mission", "help", "join", "funded", "sustain", "thank",
		"membership", "advertising", "ads",
	)
	// Verbs that open a call to action.
	imperativeWords = set(
		"donate", "subscribe", "support", "join", "help", "click", "tap", "sign", "follow", "share",
		"become", "contribute", "give", "register", "download", "like", "get", "read", "watch",
		"listen", "sponsor", "chip", "pledge", "please", "thank",
	)
	// Lines that announce a list of links or site furniture.
	markerPhrases = []string{
		"related:", "related articles", "related stories", "related posts", "related coverage", "related content",
		"read more:", "read more", "more from", "more stories", "you may also like", "you might also like",
		"recommended for you", "most popular", "most read", "trending now", "also read", "see also:",
		"advertisement", "sponsored content", "share this:", "share this", "tags:", "filed under",
		"continue reading", "click here", "comments", "leave a comment", "leave a reply",
	}
	speechWords = set(
		"said", "says", "say", "told", "tells", "added", "adds", "stated", "states", "asked", "asks",
		"according", "announced", "announces", "declared", "insisted", "warned", "explained", "wrote",
		"claimed", "argued", "noted", "replied", "responded", "tweeted", "testified", "acknowledged",
		"tell", "admitted", "admits", "recalled", "suggested", "reported", "quoted",
		"urged", "urges", "urging", "appealed", "called", "calls",
	)
	// Words of site furniture that news prose rarely needs.
	siteWords = set("newsletter", "newsletters", "inbox", "unsubscribe", "paywall", "ad-free", "patreon", "paypal", "gofundme", "podcast")
)

func set(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// phrasesByAnchor indexes strongPhrases by their longest word, so a line
// is searched only for the phrases whose rarest word it contains.
var phrasesByAnchor = func() map[string][]string {
	m := map[string][]string{}
	for _, p := range strongPhrases {
		anchor := ""
		forTokens(p, func(w string) {
			if len(w) > len(anchor) {
				anchor = w
			}
		})
		m[anchor] = append(m[anchor], p)
	}
	return m
}()

// Word kinds, one lookup per token.
const (
	kYou = 1 << iota
	kWe
	kStrong
	kMedium
	kSite
	kSpeech
	kImperative
	kAnchor
)

var kinds = func() map[string]uint16 {
	m := map[string]uint16{}
	for _, x := range []struct {
		set  map[string]bool
		kind uint16
	}{
		{youWords, kYou}, {weWords, kWe}, {strongWords, kStrong}, {mediumWords, kMedium},
		{siteWords, kSite}, {speechWords, kSpeech}, {imperativeWords, kImperative},
	} {
		for w := range x.set {
			m[w] |= x.kind
		}
	}
	for w := range phrasesByAnchor {
		m[w] |= kAnchor
	}
	return m
}()

// analyse fills in b's signals from its line.
func analyse(line string, b *block) {
	lower := strings.ToLower(line)
	// Straight apostrophes make "we're" and "we’re" the same token.
	if strings.Contains(lower, "’") {
		lower = strings.ReplaceAll(lower, "’", "'")
	}
	first := true
	var phrases []string
	forTokens(lower, func(w string) {
		b.words++
		k := kinds[w]
		if first {
			b.imperative = k&kImperative != 0
		}
		if k == 0 {
			first = false
			return
		}
		switch {
		case k&kYou != 0:
			b.you++
		case k&kWe != 0:
			b.we++
		}
		if k&kStrong != 0 {
			b.strong++
		} else if k&kMedium != 0 {
			b.medium++
			if !first {
				b.mediumRest++
			}
		}
		if k&kSite != 0 {
			b.site++
		}
		if k&kSpeech != 0 {
			b.speech = true
		}
		if k&kAnchor != 0 {
			phrases = append(phrases, phrasesByAnchor[w]...)
		}
		first = false
	})
	for _, p := range phrases {
		if strings.Contains(lower, p) {
			b.strong++
			b.site++
		}
	}
	b.quote = strings.ContainsAny(line, "\"“”«»„")
	if strings.HasPrefix(line, "Q:") || strings.HasPrefix(line, "A:") || strings.HasPrefix(line, "Q.") {
		b.speech = true // an interview transcript
	}
	last, _ := utf8.DecodeLastRuneInString(strings.TrimRight(line, "\"'”’)]"))
	b.heading = b.words > 0 && b.words <= 12 && !strings.ContainsRune(".;,", last)
	if b.words <= 8 {
		t := strings.TrimSpace(lower)
		for _, p := range markerPhrases {
			if t == p || strings.HasPrefix(t, p) && (p[len(p)-1] == ':' || b.words <= 3) {
				b.marker = true
				break
			}
		}
	}
}

// forTokens calls f with each word of a lower-cased line: letters, digits,
// inner apostrophes and hyphens.
func forTokens(s string, f func(string)) {
	start := -1
	for i, r := range s {
		word := unicode.IsLetter(r) || unicode.IsDigit(r) ||
			(r == '\'' || r == '-') && start >= 0
		if word {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			f(strings.Trim(s[start:i], "'-"))
			start = -1
		}
	}
	if start >= 0 {
		f(strings.Trim(s[start:], "'-"))
	}
}
