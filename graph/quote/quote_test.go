package quote

import (
	"context"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNormalize(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{`“We will NOT sign,”  she said.`, []string{"we", "will", "not", "sign", "she", "said"}},
		{`"We will not sign"`, []string{"we", "will", "not", "sign"}},
		{"don’t — can't", []string{"dont", "cant"}},
		{"  ", nil},
		{"Déjà vu, 2024!", []string{"déjà", "vu", "2024"}},
	} {
		if diff := cmp.Diff(tc.want, Normalize(tc.in)); diff != "" {
			t.Errorf("Normalize(%q) (-want +got):\n%s", tc.in, diff)
		}
	}
}

func TestSpeakerKey(t *testing.T) {
	if got := SpeakerKey([]string{"person:b", "", "person:a", "person:b"}); got != "person:a+person:b" {
		t.Errorf("SpeakerKey = %q", got)
	}
	if got := SpeakerKey(nil); got != "" {
		t.Errorf("SpeakerKey(nil) = %q", got)
	}
}

// The invented remarks below stand for what syndication does to a quote:
// the same words with other marks, a trimmed copy, a lightly edited one;
// and for what must stay apart: another remark of the speaker that shares
// most of its words.
const full = "We will not raise taxes on working families this year, and we will fight any plan that tries to make them pay for the deficit."

func TestSame(t *testing.T) {
	o := Defaults()
	for _, tc := range []struct {
		name string
		a, b string
		want bool
	}{
		{"other marks and case", full, `“WE WILL NOT RAISE TAXES ON WORKING FAMILIES THIS YEAR — and we will fight any plan that tries to make them pay for the deficit”`, true},
		{"trimmed at the end", full, "We will not raise taxes on working families this year", true},
		{"trimmed at the start", full, "we will fight any plan that tries to make them pay for the deficit.", true},
		{"one word edited", full, "We will not raise taxes on working families this year, and we will oppose any plan that tries to make them pay for the deficit.", true},
		{"a word dropped", full, "We will not raise taxes on families this year, and we will fight any plan that tries to make them pay for the deficit.", true},
		{"negation flips the remark", "We will raise taxes on working families this year.", "We will not raise taxes on working families this year.", false},
		{"same frame, other subject", "We will not raise taxes on working families this year.", "We will not cut spending on working families this year.", false},
		{"shared phrase only", "The deficit is a problem we inherited from the last government.", "The last government left us a deficit and a problem with trust.", false},
		{"too short to trust containment", "We will not", "We will not sign anything this year under any circumstances.", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := Same(o, Normalize(tc.a), Normalize(tc.b))
			if got != tc.want {
				j, c := Similarity(o, Normalize(tc.a), Normalize(tc.b))
				t.Errorf("Same = %v, want %v (jaccard %.2f, containment %.2f)", got, tc.want, j, c)
			}
		})
	}
}

func TestCluster(t *testing.T) {
	o := Defaults()
	ctx := context.Background()
	idx := NewMemIndex(o)
	first := []Item{
		{Speaker: "person:a", Content: full},
		{Speaker: "person:b", Content: full},                                // another speaker: another quote
		{Speaker: "", Content: full},                                        // unresolved: no quote
		{Speaker: "person:a", Content: "“" + full + "”"},                    // same batch, same remark
		{Speaker: "person:a", Content: "Nobody asked us about the bridge."}, // another remark
	}
	as, err := Cluster(ctx, o, first, idx)
	if err != nil {
		t.Fatal(err)
	}
	idx.Add(first, as)
	qa, qb := as[0].Quote, as[1].Quote
	if qa == "" || qb == "" || qa == qb || as[2].Quote != "" || as[3].Quote != qa || as[4].Quote == qa {
		t.Fatalf("first batch: %+v", quotes(as))
	}
	if !as[0].New || as[3].New {
		t.Errorf("New flags: %v %v", as[0].New, as[3].New)
	}
	// A later batch: a trimmed and an edited copy join the stored quote.
	second := []Item{
		{Speaker: "person:a", Content: "We will not raise taxes on working families this year"},
		{Speaker: "person:a", Content: "We will not raise taxes on working families this year, and we will oppose any plan that tries to make them pay for the deficit."},
		{Speaker: "person:a", Content: "We will raise taxes on the rich this year."},
	}
	as2, err := Cluster(ctx, o, second, idx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{qa, qa, QuoteID(as2[2].Signature.Variant)}, quotes(as2)); diff != "" {
		t.Errorf("second batch (-want +got):\n%s", diff)
	}
}

func quotes(as []Assignment) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.Quote
	}
	return out
}

// quotes.bands may change on a loaded graph because the keys of fewer
// bands are a subset of those of more: band b hashes the same min-hashes
// whatever the number of bands, so a wording stored with either setting
// is still found through the bands both have.
func TestFewerBandsKeysAreSubset(t *testing.T) {
	o := Defaults()
	many, ok := Sign(o, "person:a", full)
	if !ok {
		t.Fatal("no signature")
	}
	for _, bands := range []int{1, 4, 9} {
		o.Bands = bands
		few, _ := Sign(o, "person:a", full)
		if len(few.Keys) >= len(many.Keys) {
			t.Errorf("%d bands: %d keys, want fewer than %d", bands, len(few.Keys), len(many.Keys))
		}
		for _, k := range few.Keys {
			if !slices.Contains(many.Keys, k) {
				t.Errorf("%d bands: key %s not among the %d-band keys", bands, k, Defaults().Bands)
			}
		}
		if few.Variant != many.Variant {
			t.Errorf("%d bands: variant %s, want %s (it must not depend on the bands)", bands, few.Variant, many.Variant)
		}
	}
}
