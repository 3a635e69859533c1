package gazetteer

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold returns the key under which names are compared: lower case, Latin
// diacritics removed (Kyïv → kyiv, Dnipró → dnipro), apostrophes and dots
// dropped (Kam'yans'ke → kamyanske, U.S. → us), hyphens and runs of spaces
// turned into one space. The generator and Lookup use the same function.
func Fold(s string) string { return fold(s) }

func fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if !ascii {
		s = norm.NFD.String(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == '\'' || r == '’' || r == 'ʼ' || r == '‘' || r == '`' || r == 'ʹ' || r == '.' || r == '´':
			continue
		case r == '-' || r == '‐' || r == '–' || r == '—' || unicode.IsSpace(r) || r == ',' || r == '_':
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		switch r {
		case 'ß':
			b.WriteString("ss")
		case 'æ', 'Æ':
			b.WriteString("ae")
		case 'ø', 'Ø':
			b.WriteByte('o')
		case 'ł', 'Ł':
			b.WriteByte('l')
		case 'đ', 'Đ':
			b.WriteByte('d')
		case 'ı':
			b.WriteByte('i')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}
