package extract

import (
	"fmt"
	"os"
	"testing"
)

func TestDebugTokens(t *testing.T) {
	f := os.Getenv("DEBUGFILE")
	if f == "" {
		t.Skip()
	}
	b, _ := os.ReadFile(f)
	d := analyse(string(b))
	for _, s := range d.sents {
		fmt.Printf("SENT %q\n", d.text[d.toks[s.t0].s:d.toks[s.t1-1].e])
	}
	for i, q := range d.quotes {
		fmt.Printf("Q%d %q\n", i, d.text[q.is:q.ie])
	}
}
