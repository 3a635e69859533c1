// Package quote decides which statements report the same remark, so that
// one (:Quote) stands for every document's copy of it.
//
// Two statements are one quote when they have the same speakers (resolved
// entity ids) and their contents are the same after normalisation (case,
// quote marks, punctuation and whitespace) or near-duplicates: a
// syndicated copy that was trimmed or lightly edited.
//
// Near-duplicates are found with MinHash and locality-sensitive hashing
// (LSH) over word shingles (Broder, "On the resemblance and containment of
// documents", 1997; banding as in Leskovec, Rajaraman and Ullman, Mining of
// Massive Datasets, ch. 3): each content gets Bands×Rows min-hashes of its
// word Shingle-grams; each band of Rows hashes, with the speakers, is hashed
// into a band key, and two contents sharing any band key are candidates.
// Two more keys, the content's first and last Anchor words, catch trimmed
// copies whose Jaccard similarity is too low for the bands. Candidates are
// then verified exactly on their shingle sets: Jaccard similarity at least
// Jaccard (and as many negations: "not", "never", "don't"), or the
// shorter's containment in the longer at least Containment
// (a trimmed copy) when the shorter has at least MinWords words.
//
// The package is pure: Sign computes a statement's keys, Cluster assigns
// statements to quotes given an Index of the quotes already stored (the
// loader's index reads Neo4j inside its transaction; MemIndex serves tests
// and bulk builds).
package quote

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/fnv"
	"slices"
	"strings"
	"unicode"
)

// Options are the method's parameters. The defaults were chosen by
// measurement on bench/gen's syndicated corpus (docs/graph-model.md).
type Options struct {
	Enabled     bool    // cluster at all; false leaves statements without quotes
	Shingle     int     // words per shingle
	Bands, Rows int     // LSH bands and min-hashes per band
	Anchor      int     // words of the first/last anchor keys; 0 disables them
	Jaccard     float64 // shingle Jaccard similarity that makes one quote
	Containment float64 // containment of the shorter content that makes one quote
	MinWords    int     // the shorter content's words needed for containment to count
}

// Defaults returns the measured parameters, enabled.
func Defaults() Options {
	return Options{Enabled: true, Shingle: 2, Bands: 10, Rows: 2, Anchor: 6,
		Jaccard: 0.6, Containment: 0.9, MinWords: 8}
}

// WithDefaults fills the zero fields of o from Defaults.
func (o Options) WithDefaults() Options {
	d := Defaults()
	if o.Shingle <= 0 {
		o.Shingle = d.Shingle
	}
	if o.Bands <= 0 || o.Rows <= 0 {
		o.Bands, o.Rows = d.Bands, d.Rows
	}
	o.Bands = min(o.Bands, MaxBands)
	if o.Anchor < 0 {
		o.Anchor = 0
	} else if o.Anchor == 0 {
		o.Anchor = d.Anchor
	}
	if o.Jaccard <= 0 {
		o.Jaccard = d.Jaccard
	}
	if o.Containment <= 0 {
		o.Containment = d.Containment
	}
	if o.MinWords <= 0 {
		o.MinWords = d.MinWords
	}
	return o
}

// Normalize returns the words of text, lower-cased, with punctuation,
// symbols and quote marks removed and whitespace collapsed: the form in
// which two copies of a remark are compared. Apostrophes inside a word are
// dropped rather than split on ("don’t" and "don't" are "dont").
func Normalize(text string) []string {
	var words []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			words = append(words, b.String())
			b.Reset()
		}
	}
	for _, r := range text {
		switch {
		case r == '\'' || r == '’' || r == 'ʼ':
			// inside a word: dropped
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		default:
			flush()
		}
	}
	flush()
	return words
}

// SpeakerKey is the key of a statement's speakers: the sorted distinct
// resolved entity ids joined by "+". Empty (no resolved speaker) means the
// statement is not clustered.
func SpeakerKey(ids []string) string {
	var ok []string
	for _, id := range ids {
		if id != "" {
			ok = append(ok, id)
		}
	}
	slices.Sort(ok)
	return strings.Join(slices.Compact(ok), "+")
}

// Signature is what a statement contributes to the index.
type Signature struct {
	Speaker string   // SpeakerKey
	Words   []string // Normalize of the content
	// Variant identifies the normalised wording of these speakers: 16 hex
	// digits of SHA-256 over speakers and words. Equal variants are the same
	// quote without further checks.
	Variant string
	// Keys are the band and anchor keys (16 hex digits each), speaker-bound:
	// contents sharing one are candidates.
	Keys []string
	// Slots are the same keys by position, as the store indexes them: band
	// b in slot b, the first-words anchor in slot MaxBands, the last-words
	// anchor in MaxBands+1; 0 is an empty slot. A key is only ever compared
	// with the keys of its own slot (each is hashed with its band or
	// anchor tag, so keys of different slots never meet anyway), which
	// lets the store keep one range index per slot on plain statement
	// properties instead of a relationship per key.
	Slots [Slots]int64
}

// MaxBands is the most LSH bands a signature has (the store indexes one
// property per band); Slots counts the bands and the two anchors.
const (
	MaxBands = 16
	Slots    = MaxBands + 2
)

// SlotProperty is the Statement property that holds slot i.
func SlotProperty(i int) string { return fmt.Sprintf("quote_k%d", i) }

// QuoteID is the id a quote founded by variant gets; a later founding of
// the same wording by the same speakers finds it again.
func QuoteID(variant string) string { return "quote:" + variant }

// Sign computes the signature of content said by the speakers with key
// speaker. It returns false when the statement is not clustered (no
// resolved speaker, or no words).
func Sign(o Options, speaker, content string) (Signature, bool) {
	words := Normalize(content)
	if speaker == "" || len(words) == 0 {
		return Signature{}, false
	}
	sig := Signature{Speaker: speaker, Words: words, Variant: variantOf(speaker, words)}
	sig.Keys = keys(o, speaker, words, &sig.Slots)
	return sig, true
}

func variantOf(speaker string, words []string) string {
	h := sha256.New()
	h.Write([]byte(speaker))
	h.Write([]byte{0})
	h.Write([]byte(strings.Join(words, " ")))
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// shingles returns the hashes of the k-word shingles of words; a content
// shorter than k words is one shingle.
func shingles(words []string, k int) []uint64 {
	n := len(words) - k + 1
	if n < 1 {
		n, k = 1, len(words)
	}
	out := make([]uint64, 0, n)
	for i := range n {
		h := fnv.New64a()
		for j := i; j < i+k; j++ {
			h.Write([]byte(words[j]))
			h.Write([]byte{' '})
		}
		out = append(out, h.Sum64())
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// mix is splitmix64's finaliser: a bijective 64-bit mixer, so x ^ seed_i
// mixed is the i-th hash function of the MinHash family.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

func keys(o Options, speaker string, words []string, slots *[Slots]int64) []string {
	sh := shingles(words, o.Shingle)
	n := o.Bands * o.Rows
	mins := make([]uint64, n)
	for i := range mins {
		mins[i] = ^uint64(0)
	}
	for _, s := range sh {
		for i := range mins {
			if v := mix(s ^ mix(uint64(i)+1)); v < mins[i] {
				mins[i] = v
			}
		}
	}
	out := make([]string, 0, o.Bands+2)
	buf := make([]byte, 8)
	for b := range min(o.Bands, MaxBands) {
		h := fnv.New64a()
		h.Write([]byte(speaker))
		h.Write([]byte{0, byte(b), 0})
		for _, m := range mins[b*o.Rows : (b+1)*o.Rows] {
			binary.LittleEndian.PutUint64(buf, m)
			h.Write(buf)
		}
		out = append(out, hexKey(h.Sum64()))
		slots[b] = slotValue(h.Sum64())
	}
	if o.Anchor > 0 && len(words) >= o.Anchor {
		for i, a := range []struct {
			tag   byte
			words []string
		}{{'p', words[:o.Anchor]}, {'s', words[len(words)-o.Anchor:]}} {
			h := fnv.New64a()
			h.Write([]byte(speaker))
			h.Write([]byte{0, a.tag, 0})
			h.Write([]byte(strings.Join(a.words, " ")))
			out = append(out, hexKey(h.Sum64()))
			slots[MaxBands+i] = slotValue(h.Sum64())
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// slotValue is a key as a slot holds it: the same 64 bits as a signed
// integer (Neo4j's), never 0, which marks an empty slot.
func slotValue(v uint64) int64 {
	if v == 0 {
		v = 1
	}
	return int64(v)
}

func hexKey(v uint64) string {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], v)
	return hex.EncodeToString(b[:])
}

// Similarity returns the Jaccard similarity of two word lists' shingle
// sets and the containment of the smaller set in the other.
func Similarity(o Options, a, b []string) (jaccard, containment float64) {
	sa, sb := shingles(a, o.Shingle), shingles(b, o.Shingle)
	inter := 0
	i, j := 0, 0
	for i < len(sa) && j < len(sb) {
		switch {
		case sa[i] == sb[j]:
			inter++
			i++
			j++
		case sa[i] < sb[j]:
			i++
		default:
			j++
		}
	}
	union := len(sa) + len(sb) - inter
	if union == 0 {
		return 0, 0
	}
	return float64(inter) / float64(union), float64(inter) / float64(min(len(sa), len(sb)))
}

// isNegation says whether w turns a remark into its opposite, which
// shingle similarity alone cannot see ("we will raise taxes" / "we will not
// raise taxes"). Contractions are normalised without their apostrophe.
func isNegation(w string) bool {
	switch w {
	case "not", "no", "never", "nor", "none", "nothing", "neither", "cannot", "dont", "wont",
		"cant", "isnt", "arent", "wasnt", "werent", "doesnt", "didnt", "hasnt", "havent",
		"hadnt", "shouldnt", "wouldnt", "couldnt", "mustnt":
		return true
	}
	return false
}

func negations(words []string) int {
	n := 0
	for _, w := range words {
		if isNegation(w) {
			n++
		}
	}
	return n
}

// Same reports whether two normalised contents are one quote, and a score
// that ranks matches (higher is closer).
func Same(o Options, a, b []string) (bool, float64) {
	jac, con := Similarity(o, a, b)
	if jac >= o.Jaccard && negations(a) == negations(b) {
		return true, 1 + jac
	}
	if con >= o.Containment && min(len(a), len(b)) >= o.MinWords {
		return true, jac + con/2
	}
	return false, 0
}
