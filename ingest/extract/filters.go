// Stage 5, assembling (filters): text that reads like a statement and is
// not one: headlines and captions without a sentence's final punctuation,
// bylines and credit lines (provenance: the document's authors).

package extract

import (
	"slices"
	"strings"
)

// headline reports whether sentence si is a line of its own that does not
// end like a sentence: a headline ("Ukraine-Russia talks: ‘We’ll see,’
// says Biden", "Mayor vows to fight cuts"), a section title or a kicker.
// News sentences end in a full stop, a question or exclamation mark, or a
// closing quote; a headline restates a statement of the body, so taking it
// would count the remark twice under a cue it never had.
func (r *run) headline(si int) bool {
	d := r.d
	s := d.sents[si]
	if si > 0 && d.sents[si-1].para == s.para || si+1 < len(d.sents) && d.sents[si+1].para == s.para {
		return false // not alone in its paragraph
	}
	last := &d.toks[s.t1-1]
	if r.titleCase(s) {
		return true // "Kasich: ‘We Are Going To Cleveland.’", final stop or not
	}
	if isTerminal(last) || last.kind == tQuote && s.t1-2 >= s.t0 && isTerminal(&d.toks[s.t1-2]) {
		return false
	}
	// an abbreviation swallows the sentence's stop: "… in the U.S."
	if last.abbr && strings.HasSuffix(last.low, ".") || last.kind == tQuote && s.t1-2 >= s.t0 && d.toks[s.t1-2].abbr && strings.HasSuffix(d.toks[s.t1-2].low, ".") {
		return false
	}
	if last.kind == tPunct && (last.low == ":" || last.low == ",") {
		return false // a line introducing what follows
	}
	if t := &d.toks[s.t0]; t.kind == tQuote && t.quote >= 0 {
		if c := d.quotes[t.quote].closeTok; c+1 < s.t1 && c-1 > s.t0 && isTerminal(&d.toks[c-1]) && r.isPunct(c+1, "\u2015", "\u2014", "\u2013", "--", "-") {
			return false // a sentence quoted, then its credit: "“….” ― Ana Ruiz"
		}
	}
	return r.words(s.t0, s.t1) <= 25
}

// titleCase reports a line of at most 25 words written in title case:
// no lower-case word but function words, and two
// capitalised function words, auxiliaries or speech verbs after the first
// word ("Are", "To", "The", "Says"), which running text never capitalises
// (a sentence of names, "Donald Trump met Vladimir Putin", has none).
func (r *run) titleCase(s sentence) bool {
	if r.words(s.t0, s.t1) > 25 {
		return false
	}
	n := 0
	for i := s.t0 + 1; i < s.t1; i++ {
		t := &r.d.toks[i]
		if t.kind == tWord && !t.cap && !stopBack[t.low] {
			return false // running text: "a headline that said, “…”"
		}
		if t.kind != tWord || !t.cap || r.isPunct(i-1, ":", ".", "?", "!") || r.d.toks[i-1].kind == tQuote {
			continue // a capital after a colon or an opening quote starts a sentence
		}
		if stopBack[t.low] || aux[t.low] || r.x.cues[t.low].lemma != "" {
			n++
		}
	}
	return n >= 2
}

// creditWords open a credit line: "Reporting by …; Editing by …".
var creditWords = set("reporting writing editing compiled written additional produced photography graphics")

// findBylines marks bylines ("By Jo Park and Ines Berg", "By Jo Park,
// Reuters") and credit lines ("Reporting by Jo Park; Editing by Ines
// Berg") as not article text, and keeps their names as the document's
// authors: a reporter is provenance, never a speaker.
// reportedFrom reads a credit sentence alone in its paragraph: names
// ("A", "A and B", "A, B and C") then "reported from …" or "contributed
// (reporting|to this report)", and nothing but more "and NAME from PLACE"
// after it. It returns the names.
func (r *run) reportedFrom(s sentence) ([]string, bool) {
	d := r.d
	if r.words(s.t0, s.t1) > 30 {
		return nil, false
	}
	var names []string
	k := s.t0
	for k < s.t1 && d.toks[k].kind == tWord && d.toks[k].cap {
		e := d.capRun(k, s.t1)
		if e-k < 2 {
			return nil, false // a full name, not "He reported"
		}
		names = append(names, r.text(k, e))
		k = e
		if k+1 < s.t1 && (d.toks[k].low == "and" || r.isPunct(k, ",")) && d.toks[k+1].cap {
			k++
			continue
		}
		break
	}
	if len(names) == 0 || k+1 >= s.t1 {
		return nil, false
	}
	v, n := d.toks[k].low, d.toks[k+1].low
	if !(v == "reported" && n == "from" || v == "contributed" && (n == "reporting" || n == "to")) {
		return nil, false
	}
	// more reporters after it: ", and Mark Landler and Coral Davenport from Kaneohe Bay"
	for j := k + 2; j < s.t1; j++ {
		if d.toks[j].low == "and" && j+1 < s.t1 && d.toks[j+1].cap {
			if e := d.capRun(j+1, s.t1); e-(j+1) >= 2 && e < s.t1 && (d.toks[e].low == "from" || d.toks[e].low == "and" || r.isPunct(e, ",")) {
				names = append(names, r.text(j+1, e))
			}
		}
	}
	return names, true
}

func (r *run) findBylines() {
	d := r.d
	for si, s := range d.sents {
		if r.skip[si] {
			continue
		}
		if si > 0 && d.sents[si-1].para == s.para {
			continue // only a paragraph's first sentence
		}
		t := &d.toks[s.t0]
		byline := t.low == "by" && t.cap && r.words(s.t0, s.t1) <= 12
		credit := creditWords[t.low] && t.cap
		if !byline && !credit {
			if names, ok := r.reportedFrom(s); ok {
				// "Julie Davis reported from Midway Atoll, and Mark Landler
				// from Kaneohe Bay.", "Ann Lee contributed reporting."
				for j := si; j < len(d.sents) && d.sents[j].para == s.para; j++ {
					r.skip[j] = true
				}
				for _, n := range names {
					if !slices.Contains(r.authors, n) {
						r.authors = append(r.authors, n)
					}
				}
			}
			continue
		}
		k := s.t0
		if credit {
			for k < s.t1 && k-s.t0 < 3 && d.toks[k].low != "by" {
				k++
			}
			if k >= s.t1 || d.toks[k].low != "by" {
				continue
			}
		}
		// the names after each "by"; a credit line may hold several
		var names []string
		for k < s.t1 {
			if d.toks[k].low != "by" {
				k++
				continue
			}
			k++
			for k < s.t1 {
				if !d.toks[k].cap || d.toks[k].kind != tWord {
					break
				}
				e := d.capRun(k, s.t1)
				names = append(names, r.text(k, e))
				k = e
				if k < s.t1 && (d.toks[k].low == "and" || r.isPunct(k, ",")) && k+1 < s.t1 && d.toks[k+1].cap {
					k++
					continue
				}
				break
			}
		}
		if len(names) == 0 || byline && r.words(s.t0, s.t1) > 1+3*len(names)+2 {
			continue
		}
		// the paragraph is the byline
		for j := si; j < len(d.sents) && d.sents[j].para == s.para; j++ {
			r.skip[j] = true
		}
		for _, n := range names {
			if _, ok := knownOrgs[strings.ToLower(n)]; !ok && !slices.Contains(r.authors, n) {
				r.authors = append(r.authors, n)
			}
		}
	}
}
