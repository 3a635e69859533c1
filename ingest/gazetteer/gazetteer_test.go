package gazetteer

import (
	"testing"
)

func load(t testing.TB) *Gazetteer {
	t.Helper()
	g, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestLookup(t *testing.T) {
	g := load(t)
	tests := []struct {
		name string
		want string // "" = not found
	}{
		{"Kyiv", "place:kyiv"},
		{"Kiev", "place:kyiv"},
		{"Kyïv", "place:kyiv"},
		{"Chernigov", "place:chernihiv"},
		{"Chernihiv", "place:chernihiv"},
		{"Lugansk", "place:luhansk"},
		{"Luhansk", "place:luhansk"},
		{"Russia", "place:russia"},
		{"the United States", "place:united-states"},
		{"U.S.", "place:united-states"},
		{"US", "place:united-states"},
		{"UK", "place:united-kingdom"},
		{"Britain", "place:united-kingdom"},
		{"Istanbul", "place:istanbul"},
		{"Turkey", "place:turkey"},
		{"Crimea", "place:crimea"},
		{"Kharkov", "place:kharkiv"},
		{"Donetsk", "place:donetsk"},
		{"Donetsk region", "place:donetsk-oblast"},
		{"Donetsk Oblast", "place:donetsk-oblast"},
		{"Lugansk region", "place:luhansk-oblast"},
		{"Kiev region", "place:kyiv-oblast"},
		{"Washington", "place:washington"},
		{"Washington State", "place:washington-state"},
		{"New York", "place:new-york-city"},
		{"Odessa", "place:odesa"},
		{"Georgia", "place:georgia"},
		{"China", "place:china"},
		{"Phoenix", "place:phoenix"},
		{"Holland", "place:netherlands"},
		{"the Netherlands", "place:netherlands"},
		{"Mobile", ""},
		{"Nice", ""},
		{"Male", ""},
		{"Central", ""},
		{"UN", ""},
		{"EU", ""},
		{"NATO", ""},
		{"Kirby", ""},
		{"kiev", ""},
		{"March", ""},
		{"march", ""},
		{"Reading", ""},
		{"Said", ""},
		{"Us", ""},
		{"Nowhere", ""},
		{"", ""},
	}
	for _, tt := range tests {
		p, ok := g.Lookup(tt.name)
		got := ""
		if ok {
			got = p.ID
		}
		if got != tt.want {
			t.Errorf("Lookup(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestDemonym(t *testing.T) {
	g := load(t)
	tests := []struct{ word, want string }{
		{"Russian", "place:russia"},
		{"Russians", "place:russia"},
		{"Ukrainian", "place:ukraine"},
		{"American", "place:united-states"},
		{"U.S.", "place:united-states"},
		{"British", "place:united-kingdom"},
		{"Dutch", "place:netherlands"},
		{"Israeli", "place:israel"},
		{"Israelis", "place:israel"},
		{"Germans", "place:germany"},
		{"Briton", "place:united-kingdom"},
		{"Chinese", "place:china"},
		{"russian", ""},
		{"Martian", ""},
	}
	for _, tt := range tests {
		p, ok := g.Demonym(tt.word)
		got := ""
		if ok {
			got = p.ID
		}
		if got != tt.want {
			t.Errorf("Demonym(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

func TestContainment(t *testing.T) {
	g := load(t)
	p, ok := g.Place("place:chernihiv")
	if !ok {
		t.Fatal("place:chernihiv missing")
	}
	if p.Kind != City || p.Country != "place:ukraine" || p.PartOf == "" {
		t.Errorf("chernihiv = %+v", p)
	}
	r, ok := g.Place(p.PartOf)
	if !ok || r.Kind != Region || r.PartOf != "place:ukraine" {
		t.Errorf("region of chernihiv = %+v, %v", r, ok)
	}
	c, ok := g.Place("place:ukraine")
	if !ok || c.Kind != Country || c.Country != "place:ukraine" || c.PartOf != "" {
		t.Errorf("ukraine = %+v, %v", c, ok)
	}
}

func TestFold(t *testing.T) {
	tests := map[string]string{
		"Kyïv":           "kyiv",
		"Kam'yans'ke":    "kamyanske",
		"Kam’yans’ke":    "kamyanske",
		"U.S.":           "us",
		"Rostov-on-Don":  "rostov on don",
		"  São   Paulo ": "sao paulo",
		"Łódź":           "lodz",
		"İstanbul":       "istanbul",
	}
	for in, want := range tests {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	g := load(b)
	names := []string{"Kiev", "Chernigov", "Reading", "United States", "Nowhere"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		g.Lookup(names[i%len(names)])
	}
}
