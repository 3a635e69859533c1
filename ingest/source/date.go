package source

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// dateLayouts are tried in order on the trimmed input. Layouts with a
// timezone keep the date as written in that zone (the local publication
// date), not converted to UTC.
var dateLayouts = []string{
	time.RFC3339Nano,
	time.RFC3339,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05.000Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 MST",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006/01/02",
	"2006.01.02",
	"20060102",
	time.RFC1123Z,
	time.RFC1123,
	time.RFC850,
	time.ANSIC,
	time.UnixDate,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04 -0700",
	"Mon, 2 Jan 2006",
	"Monday, January 2, 2006",
	"Monday, 2 January 2006",
	"Mon, Jan 2, 2006",
	"January 2, 2006",
	"January 2 2006",
	"Jan 2, 2006",
	"Jan 2 2006",
	"Jan. 2, 2006",
	"2 January 2006",
	"2 Jan 2006",
	"02-Jan-2006",
	"2-Jan-2006",
	"January 2, 2006 15:04",
	"January 2, 2006 3:04 PM",
	"January 2, 2006, 3:04 PM",
	"Jan 2, 2006 3:04 PM",
	"2 January 2006 15:04",
}

var (
	ordinalSuffix = regexp.MustCompile(`(?i)\b(\d{1,2})(st|nd|rd|th)\b`)
	// "Updated 10:32 a.m. EDT, Tue March 29, 2022" and the like: try to find
	// a date inside a longer string as a last resort.
	isoInside  = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`)
	textInside = regexp.MustCompile(`(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})\b`)
	dmyInside  = regexp.MustCompile(`(?i)\b(\d{1,2})\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})\b`)
	slashDate  = regexp.MustCompile(`^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$`)
)

var monthIndex = map[string]time.Month{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7,
	"aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

// NormaliseDate turns a publication date in one of many common shapes into
// YYYY-MM-DD: ISO 8601 / RFC 3339 (with or without time and zone), RFC 1123
// and other e-mail/HTTP dates, "March 29, 2022", "29 March 2022",
// "Mar. 29th, 2022", "2022/03/29", "20220329", Unix timestamps in seconds or
// milliseconds, and dates embedded in longer strings ("Updated 10:32 EDT,
// Tue March 29, 2022"). Numeric dates with slashes are read as
// day/month/year when the first number exceeds 12, month/day/year when the
// second does, and otherwise rejected as ambiguous. ok is false when no date
// is recognised.
func NormaliseDate(s string) (string, bool) {
	d, ok := normaliseDate(s)
	if !ok {
		return "", false
	}
	return d, true
}

func normaliseDate(s string) (string, bool) {
	s = strings.TrimSpace(strings.Trim(strings.TrimSpace(s), `"'`))
	if s == "" {
		return "", false
	}
	clean := ordinalSuffix.ReplaceAllString(s, "$1")
	clean = strings.Join(strings.Fields(clean), " ")
	clean = strings.Replace(clean, "Sept ", "Sep ", 1)
	clean = strings.Replace(clean, "Sept. ", "Sep. ", 1)
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, clean); err == nil {
			return t.Format("2006-01-02"), valid(t)
		}
	}
	if n, err := strconv.ParseInt(clean, 10, 64); err == nil && len(clean) >= 9 {
		if n > 1e11 { // milliseconds
			n /= 1000
		}
		t := time.Unix(n, 0).UTC()
		return t.Format("2006-01-02"), valid(t)
	}
	if m := slashDate.FindStringSubmatch(clean); m != nil {
		a, _ := strconv.Atoi(m[1])
		b, _ := strconv.Atoi(m[2])
		y, _ := strconv.Atoi(m[3])
		var day, mon int
		switch {
		case a > 12 && b <= 12:
			day, mon = a, b
		case b > 12 && a <= 12:
			day, mon = b, a
		case a == b:
			day, mon = a, b
		default:
			return "", false
		}
		return ymd(y, time.Month(mon), day)
	}
	if m := isoInside.FindStringSubmatch(clean); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		return ymd(y, time.Month(mo), d)
	}
	if m := textInside.FindStringSubmatch(clean); m != nil {
		d, _ := strconv.Atoi(m[2])
		y, _ := strconv.Atoi(m[3])
		return ymd(y, monthIndex[strings.ToLower(m[1])], d)
	}
	if m := dmyInside.FindStringSubmatch(clean); m != nil {
		d, _ := strconv.Atoi(m[1])
		y, _ := strconv.Atoi(m[3])
		return ymd(y, monthIndex[strings.ToLower(m[2])], d)
	}
	return "", false
}

func ymd(y int, m time.Month, d int) (string, bool) {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return "", false
	}
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d { // 31 February and friends
		return "", false
	}
	return t.Format("2006-01-02"), valid(t)
}

func valid(t time.Time) bool { return t.Year() >= 1800 && t.Year() <= 2200 }
