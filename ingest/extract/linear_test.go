package extract

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/whosaid/whosaid/graph"
)

// The scans the salience index replaced, kept as the reference it must
// agree with.

func scanLastSubject(r *run, pos int, c class) *entity {
	d := r.d
	for si := len(d.sents) - 1; si >= 0; si-- {
		s := d.sents[si]
		a := d.toks[s.t0].s
		if a >= pos {
			continue
		}
		a, limit := r.subjectSpan(s)
		var best *entity
		bestPos := len(d.text)
		for _, e := range r.ents {
			if !c.accepts(e) {
				continue
			}
			for _, m := range e.mentions {
				if m.Start >= a && m.Start < limit && m.Start < bestPos && m.Start < pos && !r.possessor(m) {
					best, bestPos = e, m.Start
				}
			}
		}
		if best != nil {
			return best
		}
		if a < pos-2000 {
			break
		}
	}
	return nil
}

func scanLastMentioned(r *run, pos int, c class) *entity {
	var best *entity
	bestPos := -1
	for _, e := range r.ents {
		if !c.accepts(e) {
			continue
		}
		for _, m := range e.mentions {
			if m.Start < pos && m.Start > bestPos {
				best, bestPos = e, m.Start
			}
		}
	}
	return best
}

func scanRecentOrg(r *run, head string, pos int) *entity {
	for _, e := range r.recent {
		if e.typ == graph.Organisation && nameHasHead(e.name, head) {
			return e
		}
	}
	for i := len(r.ents) - 1; i >= 0; i-- {
		e := r.ents[i]
		if e.typ == graph.Organisation && nameHasHead(e.name, head) && (len(e.mentions) == 0 || e.mentions[0].Start < pos) {
			return e
		}
	}
	return nil
}

// withScanCheck runs f with every indexed search checked against the scan
// it replaced; it returns how many searches were checked.
func withScanCheck(t *testing.T, f func()) int {
	t.Helper()
	var n, bad atomic.Int64
	verifyAntecedent = func(r *run, search string, pos int, c class, got *entity) {
		n.Add(1)
		var want *entity
		switch {
		case search == "lastSubject":
			want = scanLastSubject(r, pos, c)
		case search == "lastMentioned":
			want = scanLastMentioned(r, pos, c)
		default:
			want = scanRecentOrg(r, strings.TrimPrefix(search, "recentOrg:"), pos)
		}
		if got != want && bad.Add(1) <= 10 {
			t.Errorf("%s(%d, class %d) = %s, the scan finds %s", search, pos, c, name(got), name(want))
		}
	}
	verifyNear = func(r *run, pos int, got bool) {
		n.Add(1)
		want := false
		for i := len(r.stmts) - 1; i >= 0; i-- {
			if st := r.stmts[i]; len(st.ents) > 0 {
				d := r.d
				cur := sort.Search(len(d.sents), func(k int) bool { return d.toks[d.sents[k].t0].s > pos }) - 1
				want = st.sent >= cur-1
				break
			}
		}
		if got != want && bad.Add(1) <= 10 {
			t.Errorf("lastStatementNear(%d) = %v, the walk finds %v", pos, got, want)
		}
	}
	defer func() { verifyAntecedent, verifyNear = nil, nil }()
	f()
	return int(n.Load())
}

func name(e *entity) string {
	if e == nil {
		return "nothing"
	}
	return e.id
}

// TestIndexMatchesScan checks the salience index against the scans it
// replaced on every text at hand: the fixtures, PolNeAR (when present),
// the benchmark's texts and PolNeAR run together as one long paragraph.
func TestIndexMatchesScan(t *testing.T) {
	texts := []string{
		repeatText([]string{linearUnit}, 100_000),
		repeatText(linearVaried, 200_000),
		repeatText(append([]string{`Mrs. Ines Berg arrived. "Go," he said. `, `The company said it would appeal. "It is unfair," it said. `}, linearVaried...), 200_000),
	}
	for _, pat := range []string{"testdata/*.txt", "testdata/*/*.txt"} {
		files, _ := filepath.Glob(pat)
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			texts = append(texts, string(b))
		}
	}
	if !testing.Short() {
		var long strings.Builder
		for _, split := range []string{"train", "dev"} {
			for i, text := range polnearTexts(t, split) {
				texts = append(texts, text)
				if i < 200 {
					long.WriteString(strings.ReplaceAll(text, "\n", " "))
					long.WriteByte(' ')
				}
			}
		}
		texts = append(texts, long.String())
	}
	x := New(Options{Gazetteer: loadGazetteer(t)})
	n := withScanCheck(t, func() {
		for i, text := range texts {
			x.Extract(graph.Document{ID: fmt.Sprintf("sha256:%d", i), Text: text})
		}
	})
	if n == 0 {
		t.Fatal("no search was checked")
	}
	t.Logf("%d searches in %d texts agree with the scans", n, len(texts))
}

// TestAliasAndRoleSets checks that the sets addAlias and addRole switch to
// keep exactly what the linear scans kept.
func TestAliasAndRoleSets(t *testing.T) {
	var e entity
	e.name = "Ana Costa"
	var aliases []string
	type role struct{ title, of string }
	var roles []role
	titles := []string{"Minister", "minister", "MINISTER", "Prime Minister", "prime minister", "ſecretary", "Secretary", "Kelvin", "\u212aelvin", "mayor"}
	for i := range 400 {
		a := fmt.Sprintf(" alias %d ", i%97)
		if i%13 == 0 {
			a = "Ana Costa"
		}
		e.addAlias(a)
		a = strings.TrimSpace(a)
		if a != e.name && !contains(aliases, a) {
			aliases = append(aliases, a)
		}
		title := fmt.Sprintf("%s %d", titles[i%len(titles)], i%31)
		of := []string{"", "place:x", "place:y"}[i%3]
		e.addRole(title, of)
		found := false
		for _, r := range roles {
			if strings.EqualFold(r.title, title) && r.of == of {
				found = true
			}
		}
		if !found {
			roles = append(roles, role{title, of})
		}
	}
	if fmt.Sprint(e.aliases) != fmt.Sprint(aliases) {
		t.Errorf("aliases %v, want %v", e.aliases, aliases)
	}
	if len(e.roles) != len(roles) {
		t.Fatalf("%d roles, want %d", len(e.roles), len(roles))
	}
	for i, r := range roles {
		if e.roles[i].Title != r.title || e.roles[i].Of != r.of {
			t.Errorf("role %d = %v, want %v", i, e.roles[i], r)
		}
	}
}

// TestSkippedMatchesScan checks the boilerplate walk against comparing
// every sentence with every span.
func TestSkippedMatchesScan(t *testing.T) {
	text := repeatText(linearVaried, 20_000)
	d := analyse(text)
	for _, bp := range [][]graph.Span{
		nil,
		{{Start: 0, End: 500}},
		{{Start: 100, End: 900}, {Start: 900, End: 1000}, {Start: 5000, End: 12000}, {Start: 19000, End: 30000}},
		{{Start: 5000, End: 12000}, {Start: 100, End: 900}},       // out of order
		{{Start: 100, End: 9000}, {Start: 300, End: 400}},         // nested
		{{Start: 50, End: 60}, {Start: 61, End: 62}, {Start: 63}}, // small, one empty
	} {
		got := skipped(d, bp)
		for i, s := range d.sents {
			a, b := d.toks[s.t0].s, d.toks[s.t1-1].e
			want := false
			for _, sp := range bp {
				if a >= sp.Start && b <= sp.End || a < sp.End && b > sp.Start && (min(b, sp.End)-max(a, sp.Start))*2 > b-a {
					want = true
				}
			}
			if got[i] != want {
				t.Errorf("spans %v: sentence %d [%d,%d) skipped %v, want %v", bp, i, a, b, got[i], want)
			}
		}
	}
}

// countdown is a context that reports itself cancelled from its nth Err
// call on, and says when the extraction first asked.
type countdown struct {
	context.Context
	n      atomic.Int64
	asked  chan struct{}
	closed atomic.Bool
}

func (c *countdown) Err() error {
	if c.closed.CompareAndSwap(false, true) && c.asked != nil {
		close(c.asked)
	}
	if c.n.Add(-1) < 0 {
		return context.Canceled
	}
	return c.Context.Err()
}

// TestExtractContextCancel checks that a cancelled extraction of a huge
// one-paragraph document stops and returns the context's error, at every
// stage it can be cancelled in, and from another goroutine.
func TestExtractContextCancel(t *testing.T) {
	x := New(Options{Gazetteer: loadGazetteer(t)})
	doc := graph.Document{ID: "sha256:huge", Text: repeatText([]string{linearUnit}, 16_000_000)}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if ex, err := x.ExtractContext(ctx, doc); !errors.Is(err, context.Canceled) || len(ex.Statements) != 0 {
		t.Errorf("cancelled before: err %v, %d statements", err, len(ex.Statements))
	}

	// the nth look at the context says cancelled: the first few fall in
	// each stage (findNames' two passes, findStatements, findMentions)
	small := graph.Document{ID: "sha256:small", Text: repeatText([]string{linearUnit}, 200_000)}
	for _, n := range []int64{1, 2, 3, 10, 30, 40} {
		c := &countdown{Context: context.Background()}
		c.n.Store(n)
		ex, err := x.ExtractContext(c, small)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled at check %d: err %v", n, err)
		}
		if len(ex.Statements) != 0 || len(ex.Entities) != 0 || ex.Document.ID != small.ID {
			t.Errorf("cancelled at check %d: %d statements, %d entities, document %q", n, len(ex.Statements), len(ex.Entities), ex.Document.ID)
		}
	}
	// uncancelled, the same document is extracted in full
	if ex, err := x.ExtractContext(context.Background(), small); err != nil || len(ex.Statements) == 0 {
		t.Errorf("not cancelled: err %v, %d statements", err, len(ex.Statements))
	}

	// cancelled from another goroutine once the extraction has started
	parent, cancel := context.WithCancel(context.Background())
	defer cancel()
	c := &countdown{Context: parent, asked: make(chan struct{})}
	c.n.Store(1 << 62)
	go func() {
		<-c.asked
		cancel()
	}()
	if _, err := x.ExtractContext(c, doc); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled while running: err %v", err)
	}
}
