package extract

import (
	"runtime"
	"strings"
	"testing"
	"time"
)

func loadGivenNamesT(t testing.TB) *givenNames {
	t.Helper()
	n, err := loadGivenNames()
	if err != nil {
		t.Fatalf("load the embedded given names: %v", err)
	}
	return n
}

func TestGenderTableParses(t *testing.T) {
	n := loadGivenNamesT(t)
	if n.size() < 100000 {
		t.Fatalf("embedded table has %d names, want at least 100,000", n.size())
	}
	var m, f, u int
	for k, g := range n.g {
		switch g {
		case 'm':
			m++
		case 'f':
			f++
		case 'u':
			u++
		}
		if k != foldName(k) {
			t.Errorf("key %q is not folded (%q)", k, foldName(k))
		}
	}
	if m < 30000 || f < 30000 || u < 5000 {
		t.Errorf("m=%d f=%d u=%d: want tens of thousands of each gender and thousands ambiguous", m, f, u)
	}
}

func TestGenderParseErrors(t *testing.T) {
	for _, bad := range []string{"john\n", "john\tx\n", "\tm\n", "john\tmm\n"} {
		if _, err := parseGivenNames(bad); err == nil {
			t.Errorf("parseGivenNames(%q): want an error", bad)
		}
	}
	n, err := parseGivenNames("# comment\njohn\tm\nmary\tf\nkim\tu\n\n")
	if err != nil {
		t.Fatal(err)
	}
	if n.size() != 3 || n.lookup("John") != 'm' || n.lookup("MARY") != 'f' || n.lookup("Kim") != 0 {
		t.Errorf("small table parsed wrong: %v", n.g)
	}
	var none *givenNames
	if none.lookup("John") != 0 || none.nameGender("Mrs Jane Smith") != 'f' || none.nameGender("John Smith") != 0 {
		t.Error("a nil table must know no names but still read titles")
	}
}

func TestGenderGivenNames(t *testing.T) {
	n := loadGivenNamesT(t)
	tests := []struct {
		name string
		want byte
	}{
		// English-speaking
		{"John", 'm'}, {"George", 'm'}, {"Donald", 'm'}, {"Keir", 'm'}, {"Joe", 'm'},
		{"Mary", 'f'}, {"Elizabeth", 'f'}, {"Karen", 'f'}, {"Jane", 'f'}, {"Kamala", 'f'},
		// case
		{"JOHN", 'm'}, {"john", 'm'}, {"mArY", 'f'},
		// Ukrainian, Russian, Polish
		{"Oleksandr", 'm'}, {"Volodymyr", 'm'}, {"Dmytro", 'm'}, {"Sergei", 'm'}, {"Vladimir", 'm'},
		{"Yulia", 'f'}, {"Olena", 'f'}, {"Svetlana", 'f'}, {"Kateryna", 'f'},
		{"Małgorzata", 'f'}, {"Andrzej", 'm'},
		// Arabic, Persian, Turkish
		{"Mohammed", 'm'}, {"Muhammad", 'm'}, {"Ahmed", 'm'}, {"Hassan", 'm'},
		{"Fatima", 'f'}, {"Amina", 'f'},
		// South Asian
		{"Priya", 'f'}, {"Rahul", 'm'}, {"Narendra", 'm'}, {"Sunita", 'f'},
		// African
		{"Kwame", 'm'}, {"Olusegun", 'm'}, {"Ngozi", 'f'},
		// Latin American, Iberian
		{"José", 'm'}, {"Jose", 'm'}, {"Luiz", 'm'}, {"Dilma", 'f'},
		// European, with diacritics
		{"Zoë", 'f'}, {"Zoe", 'f'}, {"François", 'm'}, {"Søren", 'm'}, {"Jürgen", 'm'},
		{"Ursula", 'f'}, {"Olaf", 'm'}, {"Giorgia", 'f'}, {"Renée", 'f'},
		// hyphenated: whole, then first part
		{"Jean-Pierre", 'm'}, {"Anne-Marie", 'f'}, {"Jean-Claude", 'm'},
		{"Marie-Qqqq", 'f'}, {"Jean-Qqqq", 0},
		// ambiguous: across sexes or across countries
		{"Jordan", 0}, {"Alex", 0}, {"Kim", 0}, {"Sam", 0}, {"Taylor", 0}, {"Jean", 0},
		{"Andrea", 0}, {"Nicola", 0}, {"Simone", 0}, {"Ashley", 0}, {"Robin", 0},
		{"Charlie", 0}, {"Sasha", 0}, {"Rene", 0}, {"Wei", 0}, {"Li", 0}, {"Yuki", 0},
		// surnames that lead East Asian names
		{"Xi", 0}, {"Wang", 0}, {"Zhang", 0}, {"Park", 0}, {"Nguyen", 0},
		// unknown
		{"Qqqqzz", 0}, {"", 0}, {"Олександр", 0},
	}
	for _, tc := range tests {
		if got := n.lookup(tc.name); got != tc.want {
			t.Errorf("lookup(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestGenderNameGender(t *testing.T) {
	n := loadGivenNamesT(t)
	tests := []struct {
		name string
		want byte
	}{
		{"Boris Johnson", 'm'}, {"Theresa May", 'f'}, {"Volodymyr Zelensky", 'm'},
		{"Yulia Tymoshenko", 'f'}, {"Emmanuel Macron", 'm'}, {"Ursula von der Leyen", 'f'},
		{"Mohammed bin Salman", 'm'}, {"Jean-Pierre Raffarin", 'm'}, {"George W. Bush", 'm'},
		{"J. Robert Oppenheimer", 'm'}, {"Martin Luther King Jr.", 'm'},
		{"JOHN SMITH", 'm'}, {"Zoë Ball", 'f'}, {"Małgorzata Gersdorf", 'f'},
		// titles decide, skipped titles don't
		{"Mrs Thatcher", 'f'}, {"Mr Johnson", 'm'}, {"Mr. Kim Jong Un", 'm'}, {"Ms Jordan Smith", 'f'},
		{"Sir Keir Starmer", 'm'}, {"Dame Judi Dench", 'f'}, {"Queen Elizabeth", 'f'},
		{"King Charles", 'm'}, {"Prince Harry", 'm'}, {"Sheikha Moza", 'f'},
		{"Sheikh Mohammed bin Rashid", 'm'}, {"Sheikh Hasina", 0},
		{"Dr Anthony Fauci", 'm'}, {"President Joe Biden", 'm'}, {"Sen. Elizabeth Warren", 'f'},
		{"Prime Minister Rishi Sunak", 'm'}, {"Congresswoman Alexandria Ocasio-Cortez", 'f'},
		{"Señora Gómez", 'f'}, {"Frau Merkel", 'f'}, {"Herr Scholz", 'm'},
		// nothing known
		{"Johnson", 0}, {"Dr Johnson", 0}, {"J. R. Smith", 0}, {"J.K. Rowling", 0},
		{"Alex Salmond", 0}, {"Jordan Peterson", 0}, {"Kim Jong Un", 0}, {"Xi Jinping", 0},
		{"Jean Castex", 0}, {"Andrea Nahles", 0}, {"", 0}, {"President", 0},
	}
	for _, tc := range tests {
		if got := n.nameGender(tc.name); got != tc.want {
			t.Errorf("nameGender(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestGenderTitles(t *testing.T) {
	tests := []struct {
		word string
		want byte
	}{
		{"Mr", 'm'}, {"Mr.", 'm'}, {"MR", 'm'}, {"Mrs", 'f'}, {"Mrs.", 'f'}, {"Ms", 'f'}, {"Miss", 'f'},
		{"Mme", 'f'}, {"Mlle", 'f'}, {"Madame", 'f'}, {"Monsieur", 'm'},
		{"Sir", 'm'}, {"Dame", 'f'}, {"Lord", 'm'}, {"Lady", 'f'}, {"King", 'm'}, {"Queen", 'f'},
		{"Prince", 'm'}, {"Princess", 'f'}, {"Duke", 'm'}, {"Duchess", 'f'},
		{"Sheikh", 'm'}, {"Sheikha", 'f'}, {"Herr", 'm'}, {"Frau", 'f'},
		{"Señor", 'm'}, {"Señora", 'f'}, {"SEÑORA", 'f'}, {"Senora", 'f'}, {"Signor", 'm'}, {"Signora", 'f'},
		{"chairwoman", 'f'}, {"spokeswoman", 'f'}, {"congresswoman", 'f'}, {"congressman", 'm'},
		{"businesswoman", 'f'}, {"businessman", 'm'}, {"actress", 'f'},
		{"mother", 'f'}, {"father", 'm'}, {"son", 'm'}, {"daughter", 'f'}, {"brother", 'm'},
		{"sister", 'f'}, {"husband", 'm'}, {"wife", 'f'}, {"widow", 'f'}, {"widower", 'm'},
		{"grandmother", 'f'}, {"grandfather", 'm'}, {"uncle", 'm'}, {"aunt", 'f'},
		{"nephew", 'm'}, {"niece", 'f'}, {"boy", 'm'}, {"girl", 'f'}, {"man", 'm'}, {"woman", 'f'},
		{"women's", 'f'}, {"Women’s", 'f'}, {"men's", 'm'}, {"girls'", 'f'}, {"sons", 'm'}, {"wives", 'f'},
		{"fiancée", 'f'}, {"fiancé", 'm'},
		// not reliable, or not gendered
		{"chairman", 0}, {"spokesman", 0}, {"gunman", 0}, {"statesman", 0}, {"actor", 0},
		{"host", 0}, {"priest", 0}, {"Dr", 0}, {"President", 0}, {"minister", 0},
		{"mother's", 0}, {"said", 0}, {"", 0},
	}
	for _, tc := range tests {
		if got := titleGender(tc.word); got != tc.want {
			t.Errorf("titleGender(%q) = %q, want %q", tc.word, got, tc.want)
		}
	}
}

func TestGenderFold(t *testing.T) {
	for in, want := range map[string]string{
		"José": "jose", "Zoë": "zoe", "Małgorzata": "malgorzata", "Søren": "soren",
		"Jürgen": "jurgen", "D’Andre": "d'andre", "ÆLFRED": "aelfred", "Straße": "strasse",
		"Jean‐Pierre": "jean-pierre", "JOHN": "john",
	} {
		if got := foldName(in); got != want {
			t.Errorf("foldName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestGenderLoadCost logs what loading the table costs (docs/names.md).
func TestGenderLoadCost(t *testing.T) {
	if testing.Short() {
		t.Skip("timing")
	}
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	n := loadGivenNamesT(t)
	took := time.Since(start)
	runtime.GC()
	runtime.ReadMemStats(&after)
	t.Logf("loaded %d names in %v; %d allocated in all, %.1f MB live after GC",
		n.size(), took, after.TotalAlloc-before.TotalAlloc,
		float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/1e6)
	runtime.KeepAlive(n)
}

func BenchmarkGenderLookup(b *testing.B) {
	n := loadGivenNamesT(b)
	names := strings.Fields("Oleksandr Mary Jordan Qqqqzz George Fatima Priya Jean-Pierre")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n.lookup(names[i%len(names)])
	}
}

func BenchmarkGenderLookupHit(b *testing.B) {
	n := loadGivenNamesT(b)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		n.lookup("Oleksandr")
	}
}

func BenchmarkGenderLookupDiacritics(b *testing.B) {
	n := loadGivenNamesT(b)
	names := strings.Fields("José Zoë Małgorzata François")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n.lookup(names[i%len(names)])
	}
}

func BenchmarkGenderNameGender(b *testing.B) {
	n := loadGivenNamesT(b)
	names := []string{"Volodymyr Zelensky", "Mrs Thatcher", "President Joe Biden", "J. R. Smith"}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n.nameGender(names[i%len(names)])
	}
}

func BenchmarkGenderLoad(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		loadGivenNamesT(b)
	}
}
