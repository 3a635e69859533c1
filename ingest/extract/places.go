package extract

import "github.com/whosaid/whosaid/ingest/gazetteer"

// Places resolves place names (with alternate spellings) and demonyms.
// *gazetteer.Gazetteer implements it; without one the extractor loads the
// embedded gazetteer.
type Places interface {
	Lookup(name string) (gazetteer.Place, bool)
	Demonym(word string) (gazetteer.Place, bool)
}

// noPlaces resolves nothing; it stands in only if the embedded gazetteer
// cannot be read, which is a broken build rather than bad input.
type noPlaces struct{}

func (noPlaces) Lookup(string) (gazetteer.Place, bool)  { return gazetteer.Place{}, false }
func (noPlaces) Demonym(string) (gazetteer.Place, bool) { return gazetteer.Place{}, false }

type gazetteerPlace = gazetteer.Place

type placeHit struct {
	p  gazetteer.Place
	ok bool
}

// lookupPlace is Places.Lookup with a per-document cache: names repeat.
func (r *run) lookupPlace(name string) (gazetteer.Place, bool) {
	return cachedPlace(&r.placeCache, name, r.x.places.Lookup)
}

// demonym is Places.Demonym with a per-document cache.
func (r *run) demonym(word string) (gazetteer.Place, bool) {
	return cachedPlace(&r.demonymCache, word, r.x.places.Demonym)
}

func cachedPlace(cache *map[string]placeHit, key string, find func(string) (gazetteer.Place, bool)) (gazetteer.Place, bool) {
	if h, ok := (*cache)[key]; ok {
		return h.p, h.ok
	}
	p, ok := find(key)
	if *cache == nil {
		*cache = make(map[string]placeHit, 64)
	}
	(*cache)[key] = placeHit{p, ok}
	return p, ok
}
