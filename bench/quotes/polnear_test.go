package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/whosaid/whosaid/graph/quote"
)

func TestLongestRun(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"the cat sat on the mat", "a cat sat on a mat", 3},
		{"one two three", "four five", 0},
		{"same words here", "same words here", 3},
		{"", "anything", 0},
	} {
		if got := longestRun(quote.Normalize(c.a), quote.Normalize(c.b)); got != c.want {
			t.Errorf("longestRun(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}

func TestJaccard(t *testing.T) {
	a := shingle2(quote.Normalize("we will build it now"))
	if j := jaccard(a, a); j != 1 {
		t.Errorf("jaccard of a set with itself = %v", j)
	}
	b := shingle2(quote.Normalize("we will build it later"))
	if j := jaccard(a, b); j != 3.0/5 {
		t.Errorf("jaccard = %v, want 0.6", j)
	}
	if j := jaccard(nil, nil); j != 0 {
		t.Errorf("jaccard of empty sets = %v", j)
	}
}

// The pairs file holds copyrighted text: it must never land in the
// repository.
func TestInsideModule(t *testing.T) {
	if !insideModule("pairs.jsonl") {
		t.Error("a file in the package directory is inside the module")
	}
	dir := t.TempDir()
	if _, err := os.Stat(filepath.Join(filepath.Dir(dir), "go.mod")); err == nil {
		t.Skip("the temporary directory is inside a module")
	}
	if insideModule(filepath.Join(dir, "pairs.jsonl")) {
		t.Errorf("%s is reported inside a module", dir)
	}
}
