package extract

import (
	"strings"

	"github.com/whosaid/whosaid/ingest/gazetteer"
)

// Places resolves place names (with alternate spellings) and demonyms.
// *gazetteer.Gazetteer implements it; without one the extractor falls back
// to a small built-in list of countries and capitals.
type Places interface {
	Lookup(name string) (gazetteer.Place, bool)
	Demonym(word string) (gazetteer.Place, bool)
}

// builtinPlaces is the fallback: countries and a few capitals that stand
// for their governments in news ("Moscow said"). Each line:
// id|Name|alternate names|demonyms|kind|country.
// Written from general knowledge (public domain facts).
const builtinPlaceData = `russia|Russia|Russian Federation|Russian,Russians|country|
ukraine|Ukraine|the Ukraine|Ukrainian,Ukrainians|country|
united-states|United States|US,U.S.,USA,U.S.A.,United States of America,America,the United States,the US,the U.S.|American,Americans|country|
united-kingdom|United Kingdom|UK,U.K.,Britain,Great Britain,the UK,the United Kingdom|British,Briton,Britons|country|
france|France||French|country|
germany|Germany||German,Germans|country|
italy|Italy||Italian,Italians|country|
china|China|People's Republic of China,PRC|Chinese|country|
japan|Japan||Japanese|country|
india|India||Indian,Indians|country|
turkey|Turkey|Türkiye,Turkiye|Turkish,Turk,Turks|country|
poland|Poland||Polish,Pole,Poles|country|
canada|Canada||Canadian,Canadians|country|
mexico|Mexico||Mexican,Mexicans|country|
israel|Israel||Israeli,Israelis|country|
iran|Iran||Iranian,Iranians|country|
iraq|Iraq||Iraqi,Iraqis|country|
syria|Syria||Syrian,Syrians|country|
lithuania|Lithuania||Lithuanian,Lithuanians|country|
latvia|Latvia||Latvian,Latvians|country|
estonia|Estonia||Estonian,Estonians|country|
belarus|Belarus||Belarusian,Belarusians|country|
spain|Spain||Spanish,Spaniard,Spaniards|country|
netherlands|Netherlands|the Netherlands,Holland|Dutch|country|
belgium|Belgium||Belgian,Belgians|country|
sweden|Sweden||Swedish,Swede,Swedes|country|
finland|Finland||Finnish,Finn,Finns|country|
norway|Norway||Norwegian,Norwegians|country|
denmark|Denmark||Danish,Dane,Danes|country|
austria|Austria||Austrian,Austrians|country|
switzerland|Switzerland||Swiss|country|
greece|Greece||Greek,Greeks|country|
hungary|Hungary||Hungarian,Hungarians|country|
romania|Romania||Romanian,Romanians|country|
moldova|Moldova||Moldovan,Moldovans|country|
georgia|Georgia||Georgian,Georgians|country|
australia|Australia||Australian,Australians|country|
brazil|Brazil||Brazilian,Brazilians|country|
saudi-arabia|Saudi Arabia||Saudi,Saudis|country|
egypt|Egypt||Egyptian,Egyptians|country|
pakistan|Pakistan||Pakistani,Pakistanis|country|
afghanistan|Afghanistan||Afghan,Afghans|country|
north-korea|North Korea|DPRK|North Korean,North Koreans|country|
south-korea|South Korea|Korea|South Korean,South Koreans|country|
cuba|Cuba||Cuban,Cubans|country|
ireland|Ireland||Irish|country|
portugal|Portugal||Portuguese|country|
czech-republic|Czech Republic|Czechia|Czech,Czechs|country|
serbia|Serbia||Serbian,Serbians,Serb,Serbs|country|
kazakhstan|Kazakhstan||Kazakh,Kazakhs|country|
venezuela|Venezuela||Venezuelan,Venezuelans|country|
nigeria|Nigeria||Nigerian,Nigerians|country|
south-africa|South Africa||South African,South Africans|country|
kyiv|Kyiv|Kiev|Kyivan|city|place:ukraine
moscow|Moscow||Muscovite,Muscovites|city|place:russia
washington|Washington|Washington D.C.,Washington DC||city|place:united-states
london|London||Londoner,Londoners|city|place:united-kingdom
paris|Paris||Parisian|city|place:france
berlin|Berlin|||city|place:germany
beijing|Beijing|Peking||city|place:china
brussels|Brussels|||city|place:belgium
istanbul|Istanbul|Constantinople||city|place:turkey
ankara|Ankara|||city|place:turkey
tehran|Tehran|||city|place:iran
jerusalem|Jerusalem|||city|place:israel
minsk|Minsk|||city|place:belarus
warsaw|Warsaw|||city|place:poland
rome|Rome|||city|place:italy
tokyo|Tokyo|||city|place:japan
kharkiv|Kharkiv|Kharkov||city|place:ukraine
chernihiv|Chernihiv|Chernigov||city|place:ukraine
mariupol|Mariupol|||city|place:ukraine
crimea|Crimea|||region|place:ukraine
donetsk|Donetsk|||region|place:ukraine
luhansk|Luhansk|Lugansk||region|place:ukraine
west|West|the West|Western|region|
europe|Europe||European,Europeans|region|
`

type builtinPlaces struct {
	names    map[string]gazetteer.Place
	demonyms map[string]gazetteer.Place
}

func newBuiltinPlaces() *builtinPlaces {
	b := &builtinPlaces{names: map[string]gazetteer.Place{}, demonyms: map[string]gazetteer.Place{}}
	for _, line := range strings.Split(builtinPlaceData, "\n") {
		f := strings.Split(line, "|")
		if len(f) < 6 {
			continue
		}
		p := gazetteer.Place{ID: "place:" + f[0], Name: f[1], Kind: f[4], Country: f[5], PartOf: f[5]}
		if p.Country == "" {
			p.Country = p.ID
		}
		b.names[strings.ToLower(f[1])] = p
		for _, a := range strings.Split(f[2], ",") {
			if a != "" {
				b.names[strings.ToLower(a)] = p
			}
		}
		for _, d := range strings.Split(f[3], ",") {
			if d != "" {
				b.demonyms[strings.ToLower(d)] = p
			}
		}
	}
	return b
}

func (b *builtinPlaces) Lookup(name string) (gazetteer.Place, bool) {
	p, ok := b.names[strings.ToLower(strings.TrimPrefix(name, "the "))]
	return p, ok
}

func (b *builtinPlaces) Demonym(word string) (gazetteer.Place, bool) {
	p, ok := b.demonyms[strings.ToLower(word)]
	return p, ok
}

type gazetteerPlace = gazetteer.Place

type placeHit struct {
	p  gazetteer.Place
	ok bool
}

// lookupPlace is Places.Lookup with a per-document cache: names repeat.
func (r *run) lookupPlace(name string) (gazetteer.Place, bool) {
	if h, ok := r.placeCache[name]; ok {
		return h.p, h.ok
	}
	p, ok := r.x.places.Lookup(name)
	if r.placeCache == nil {
		r.placeCache = make(map[string]placeHit, 64)
	}
	r.placeCache[name] = placeHit{p, ok}
	return p, ok
}

// demonym is Places.Demonym with a per-document cache.
func (r *run) demonym(word string) (gazetteer.Place, bool) {
	if h, ok := r.demonymCache[word]; ok {
		return h.p, h.ok
	}
	p, ok := r.x.places.Demonym(word)
	if r.demonymCache == nil {
		r.demonymCache = make(map[string]placeHit, 64)
	}
	r.demonymCache[word] = placeHit{p, ok}
	return p, ok
}
