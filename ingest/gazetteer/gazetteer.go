// Package gazetteer resolves place names and demonyms to stable places:
// countries, first-level regions (states, oblasts, provinces) and cities,
// with their alternate names ("Kiev" → Kyiv, "Chernigov" → Chernihiv) and
// containment (city → region → country).
//
// The data is generated from GeoNames and other openly licensed sources (see
// docs/gazetteer.md) by ./internal/gen and embedded compressed; Load parses
// it once. A *Gazetteer is immutable and safe for concurrent use: callers
// load it at start and pass it on.
package gazetteer

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

//go:generate sh internal/gen/fetch.sh .cache
//go:generate go run ./internal/gen -src .cache -out data/places.tsv.gz

// Kinds of place.
const (
	Country = "country"
	Region  = "region"
	City    = "city"
)

// CommonWordPopulation is how large a city must be for its name to count
// as a place even when it is also a common English word.
const CommonWordPopulation = 1_000_000

// Place is one entry of the gazetteer.
type Place struct {
	ID         string // "place:<slug>" of the canonical English name, stable across releases
	Name       string // canonical English name ("Kyiv", "United States")
	Kind       string // Country, Region or City
	Country    string // id of the country this place is in; its own id for a country
	PartOf     string // id of the containing place: city → region (else country), region → country
	Population int64
}

// Gazetteer is the parsed place data.
type Gazetteer struct {
	places   []Place
	canon    []string // folded canonical name per place
	byID     map[string]int32
	byName   map[string]int32 // folded name → place index, or -(i+1) for multi[i]
	multi    [][]int32        // candidate lists for shared names, best first
	demonyms map[string]int32 // folded demonym → country (or region)
	stop     map[string]bool  // folded common English words
}

//go:embed data/places.tsv.gz
var placesData []byte

// Load parses the embedded data. It takes a few tens of milliseconds; load
// once and share the result.
func Load() (*Gazetteer, error) {
	return Parse(bytes.NewReader(placesData))
}

// Parse reads gazetteer data in the embedded format (gzip-compressed TSV,
// see docs/gazetteer.md). Load uses it; tests may pass their own data.
//
// Parsing is tuned because every process that extracts pays for it: the
// text is decompressed once and places keep substrings of it, alternate
// names arrive already folded, and most names map to a single place without
// a slice.
func Parse(r io.Reader) (*Gazetteer, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	defer zr.Close()
	var buf strings.Builder
	if b, ok := r.(*bytes.Reader); ok && b.Size() >= 4 {
		// gzip's trailer holds the uncompressed size: read into one buffer.
		var tail [4]byte
		if _, err := b.ReadAt(tail[:], b.Size()-4); err == nil {
			buf.Grow(int(uint32(tail[0]) | uint32(tail[1])<<8 | uint32(tail[2])<<16 | uint32(tail[3])<<24))
		}
	}
	if _, err := io.Copy(&buf, zr); err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	data := buf.String()
	g := &Gazetteer{
		demonyms: make(map[string]int32, 1024),
		stop:     make(map[string]bool, 1024),
	}
	type pending struct {
		country, partOf string // slugs
		alts, dems      string
	}
	var rows []pending
	var f [9]string
	for line := 1; data != ""; line++ {
		var t string
		t, data, _ = strings.Cut(data, "\n")
		if t == "" || t[0] == '#' {
			continue
		}
		if t[0] == 'C' {
			// C <tab> places <tab> keys: table sizes.
			var places, keys int
			if _, err := fmt.Sscanf(t, "C\t%d\t%d", &places, &keys); err != nil {
				return nil, fmt.Errorf("gazetteer: line %d: %w", line, err)
			}
			g.places = make([]Place, 0, places)
			g.canon = make([]string, 0, places)
			rows = make([]pending, 0, places)
			g.byID = make(map[string]int32, places)
			g.byName = make(map[string]int32, keys)
			continue
		}
		if g.byID == nil {
			g.byID = make(map[string]int32)
			g.byName = make(map[string]int32)
		}
		if t[0] == 'S' {
			// S <tab> word...: folded common words that need their
			// canonical spelling to be a place (see Lookup).
			for _, w := range strings.Split(t, "\t")[1:] {
				g.stop[w] = true
			}
			continue
		}
		if t[0] != 'P' {
			return nil, fmt.Errorf("gazetteer: line %d: unknown record %q", line, t[:1])
		}
		// P id name kind country-slug partof-slug population name-keys demonyms
		n := 0
		for rest := t; n < len(f); n++ {
			var ok bool
			f[n], rest, ok = strings.Cut(rest, "\t")
			if !ok {
				n++
				break
			}
		}
		if n != len(f) {
			return nil, fmt.Errorf("gazetteer: line %d: want %d fields, got %d", line, len(f), n)
		}
		pop, err := strconv.ParseInt(f[6], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("gazetteer: line %d: population: %w", line, err)
		}
		if _, dup := g.byID[f[1]]; dup {
			return nil, fmt.Errorf("gazetteer: line %d: duplicate id %s", line, f[1])
		}
		if !strings.HasPrefix(f[1], "place:") {
			return nil, fmt.Errorf("gazetteer: line %d: bad id %q", line, f[1])
		}
		idx := int32(len(g.places))
		// The first name key is the canonical name's.
		canon, alts, _ := strings.Cut(f[7], "|")
		g.places = append(g.places, Place{ID: f[1], Name: f[2], Kind: f[3], Population: pop})
		g.canon = append(g.canon, canon)
		g.byID[f[1]] = idx
		rows = append(rows, pending{f[4], f[5], alts, f[8]})
	}
	ref := func(slug string) (string, error) {
		if slug == "" {
			return "", nil
		}
		i, ok := g.byID["place:"+slug]
		if !ok {
			return "", fmt.Errorf("gazetteer: unknown place %q", slug)
		}
		return g.places[i].ID, nil
	}
	for i, r := range rows {
		idx := int32(i)
		p := &g.places[idx]
		if p.Country, err = ref(r.country); err != nil {
			return nil, err
		}
		if p.PartOf, err = ref(r.partOf); err != nil {
			return nil, err
		}
		g.addKey(g.canon[idx], idx)
		for rest := r.alts; rest != ""; {
			var k string
			k, rest, _ = strings.Cut(rest, "|")
			g.addKey(k, idx)
		}
		for rest := r.dems; rest != ""; {
			var d string
			d, rest, _ = strings.Cut(rest, "|")
			k := fold(d)
			// Several places claim some demonyms ("American" for the
			// United States and its territories): the most populous wins.
			if j, taken := g.demonyms[k]; !taken || g.places[j].Population < p.Population {
				g.demonyms[k] = idx
			}
		}
	}
	for i, c := range g.multi {
		slices.SortStableFunc(c, g.compare)
		g.multi[i] = slices.Compact(c)
	}
	return g, nil
}

// addKey records that folded name k names place idx. byName holds the
// place index itself, or -(i+1) for the candidate list g.multi[i].
func (g *Gazetteer) addKey(k string, idx int32) {
	if k == "" {
		return
	}
	v, ok := g.byName[k]
	switch {
	case !ok:
		g.byName[k] = idx
	case v == idx:
	case v >= 0:
		g.multi = append(g.multi, []int32{v, idx})
		g.byName[k] = -int32(len(g.multi))
	default:
		g.multi[-v-1] = append(g.multi[-v-1], idx)
	}
}

// candidates returns the places named by folded key k, best first.
func (g *Gazetteer) candidates(k string) []int32 {
	v, ok := g.byName[k]
	switch {
	case !ok:
		return nil
	case v >= 0:
		return []int32{v}
	}
	return g.multi[-v-1]
}

// compare orders the candidates for one folded name: countries first
// (Georgia the country before the US state), then by population (Odesa,
// Ukraine before Odessa, Texas).
func (g *Gazetteer) compare(a, b int32) int {
	pa, pb := g.places[a], g.places[b]
	if ca, cb := pa.Kind == Country, pb.Kind == Country; ca != cb {
		if ca {
			return -1
		}
		return 1
	}
	if pa.Population != pb.Population {
		if pa.Population > pb.Population {
			return -1
		}
		return 1
	}
	return strings.Compare(pa.ID, pb.ID)
}

// Len returns the number of places.
func (g *Gazetteer) Len() int { return len(g.places) }

// Place returns the place with the given id ("place:kyiv").
func (g *Gazetteer) Place(id string) (Place, bool) {
	i, ok := g.byID[id]
	if !ok {
		return Place{}, false
	}
	return g.places[i], true
}

// Lookup finds the most prominent place called name (canonical or
// alternate name; case, diacritics, apostrophes, hyphens and dots are
// ignored, as is a leading "the"). To keep ordinary words from becoming
// places, name must start with an upper-case letter, and a capitalised
// common English word ("March", "Reading", "Mobile", "Said") is not a place
// unless it is a country's name; all-capital abbreviations ("UK", "U.S.")
// are always looked up.
func (g *Gazetteer) Lookup(name string) (Place, bool) {
	c := g.lookup(name)
	if len(c) == 0 {
		return Place{}, false
	}
	return g.places[c[0]], true
}

// LookupAll returns every place called name, best first, under the same
// rules as Lookup. The slice is fresh; callers may keep it.
func (g *Gazetteer) LookupAll(name string) []Place {
	c := g.lookup(name)
	out := make([]Place, len(c))
	for i, idx := range c {
		out[i] = g.places[idx]
	}
	return out
}

func (g *Gazetteer) lookup(name string) []int32 {
	name = strings.TrimSpace(name)
	if rest, ok := cutPrefixFold(name, "the "); ok {
		name = strings.TrimSpace(rest)
	}
	r, _ := utf8.DecodeRuneInString(name)
	if !unicode.IsUpper(r) {
		return nil
	}
	k := fold(name)
	c := g.candidates(k)
	if len(c) == 0 {
		return nil
	}
	if n := letters(name); n <= 4 && isAbbrev(name) {
		// Short capitals ("UK", "UAE", "UN", "EU") are country
		// abbreviations or nothing, never a town called "Un".
		var keep []int32
		for _, i := range c {
			if g.places[i].Kind == Country {
				keep = append(keep, i)
			}
		}
		return keep
	}
	if g.stop[k] && !isAbbrev(name) {
		// A capitalised common word ("March", "Reading", "Us") is a place
		// only as the canonical name of a country or of a city of a
		// million people or more ("China", "Phoenix").
		var keep []int32
		for _, i := range c {
			p := g.places[i]
			if g.canon[i] == k && (p.Kind == Country || p.Kind == City && p.Population >= CommonWordPopulation) {
				keep = append(keep, i)
			}
		}
		return keep
	}
	return c
}

// Demonym maps an adjective or people noun to its place: "Russian" and
// "Russians" → Russia, "Ukrainian" → Ukraine, "American" and "U.S." →
// United States, "British" → United Kingdom. Like Lookup, it needs a
// capitalised word.
func (g *Gazetteer) Demonym(word string) (Place, bool) {
	word = strings.TrimSpace(word)
	r, _ := utf8.DecodeRuneInString(word)
	if !unicode.IsUpper(r) {
		return Place{}, false
	}
	i, ok := g.demonyms[fold(word)]
	if !ok {
		return Place{}, false
	}
	return g.places[i], true
}

// isAbbrev reports whether s is written in capitals with at least two
// letters ("UK", "U.S.", "USA"): never an ordinary word.
func isAbbrev(s string) bool {
	n := 0
	for _, r := range s {
		switch {
		case unicode.IsLower(r):
			return false
		case unicode.IsUpper(r):
			n++
		}
	}
	return n >= 2
}

func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}
