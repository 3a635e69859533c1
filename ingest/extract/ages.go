package extract

import (
	"regexp"
	"strconv"
	"strings"
)

// Ages let an age description find its person: "said the teenager" after
// "Eighteen-year-old Chidi Okafor", "the 29-year-old said" after "Lukas
// Brandt, 29,". Sports, crime and court reports name people by age as
// often as by role.

var (
	// an age before a name, with up to two words between ("18-year-old
	// Australian Chidi Okafor")
	ageBefore = regexp.MustCompile(`(?i)\b(\d{1,3}|[a-z]+(?:-[a-z]+)?)-year-old(?:\s+[\p{L}.]+){0,2}\s+$`)
	// an age after a name: "Lukas Brandt, 29," or "Lukas Brandt (29)"
	ageAfter = regexp.MustCompile(`^(?:,\s*(\d{1,3})\s*[,.;)]|\s*\((\d{1,3})\))`)
	// an age in an apposition after a name: "Okafor, the 22-year-old
	// Nigerian, led"
	ageAppos = regexp.MustCompile(`^,\s+(?:the|a|an)\s+(\d{1,3}|[a-z]+(?:-[a-z]+)?)-year-old\b`)
	// an age description: "the 29-year-old", "the teenager"
	ageDesc = regexp.MustCompile(`(?i)^(?:the|a)\s+(\d{1,3}|[a-z]+(?:-[a-z]+)?)-year-old$`)
)

var ageWords = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
	"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}

// parseAge reads "18", "eighteen" or "twenty-nine".
func parseAge(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, n > 0 && n < 130
	}
	s = strings.ToLower(s)
	if n, ok := ageWords[s]; ok {
		return n, true
	}
	tens, unit, ok := strings.Cut(s, "-")
	if !ok {
		return 0, false
	}
	t, ok1 := ageWords[tens]
	u, ok2 := ageWords[unit]
	if !ok1 || !ok2 || t < 20 || t%10 != 0 || u > 9 {
		return 0, false
	}
	return t + u, true
}

// ageRange is the ages an age description names: one age, or 13–19 for
// "the teenager".
func ageRange(desc string) (lo, hi int, ok bool) {
	low := strings.ToLower(strings.TrimSpace(desc))
	switch low {
	case "the teenager", "the teen":
		return 13, 19, true
	}
	if !strings.HasSuffix(low, "year-old") {
		return 0, 0, false // most descriptions, without the regexp
	}
	m := ageDesc.FindStringSubmatch(low)
	if m == nil {
		return 0, 0, false
	}
	n, ok := parseAge(m[1])
	return n, n, ok
}

// ageOf is the age a person's mentions state, if any. Each mention is
// read once: e.ageSeen counts those read.
func (r *run) ageOf(e *entity) (int, bool) {
	if e.age > 0 {
		return e.age, true
	}
	text := r.d.text
	for ; e.ageSeen < len(e.mentions); e.ageSeen++ {
		m := e.mentions[e.ageSeen]
		before := text[max(0, m.Start-48):m.Start]
		// the regexps only where they can match: most mentions have no age
		if strings.Contains(before, "year-old") {
			if g := ageBefore.FindStringSubmatch(before); g != nil {
				if n, ok := parseAge(g[1]); ok {
					e.age = n
					return n, true
				}
			}
		}
		after := text[m.End:min(len(text), m.End+8)]
		if after == "" || after[0] != ',' && after[0] != ' ' {
			continue
		}
		if long := text[m.End:min(len(text), m.End+40)]; strings.Contains(long, "year-old") {
			if g := ageAppos.FindStringSubmatch(long); g != nil {
				if n, ok := parseAge(g[1]); ok {
					e.age = n
					return n, true
				}
			}
		}
		if g := ageAfter.FindStringSubmatch(after); g != nil {
			a := g[1]
			if a == "" {
				a = g[2]
			}
			if n, ok := parseAge(a); ok {
				e.age = n
				return n, true
			}
		}
	}
	return 0, false
}

// agedPerson is the one person named shortly before pos whose stated age the
// description desc fits, or nil: no age description, no such person, or
// several (an age shared by two people resolves to neither).
func (r *run) agedPerson(desc string, pos int) *entity {
	lo, hi, ok := ageRange(desc)
	if !ok {
		return nil
	}
	var found *entity
	for _, e := range r.personsNear(pos, 2*nearBytes) {
		if n, ok := r.ageOf(e); ok && n >= lo && n <= hi {
			if found != nil {
				return nil
			}
			found = e
		}
	}
	return found
}

// personOf is the one person named shortly before pos with a nationality or a
// role of the place (or organisation) id, or nil when none or several are.
func (r *run) personOf(id string, pos int) *entity {
	var found *entity
	for _, e := range r.personsNear(pos, 2*nearBytes) {
		if e.from == id {
			if found != nil && found != e {
				return nil
			}
			found = e
		}
		for _, ro := range e.roles {
			if ro.Of == id {
				if found != nil && found != e {
					return nil
				}
				found = e
			}
		}
	}
	return found
}
