// Stage 5, assembling (filters): text that reads like a statement and is
// not one: headlines and captions without a sentence's final punctuation.

package extract

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
	if isTerminal(last) || last.kind == tQuote && s.t1-2 >= s.t0 && isTerminal(&d.toks[s.t1-2]) {
		return false
	}
	if last.kind == tPunct && (last.low == ":" || last.low == ",") {
		return false // a line introducing what follows
	}
	return r.words(s.t0, s.t1) <= 25
}
