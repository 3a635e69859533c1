package extract

// TestGenres runs the extractor over short invented articles of genres the
// evaluation corpus lacks (testdata/genres/<genre>-<n>.txt) and compares the
// statements with the annotations beside them (<genre>-<n>.json).
//
//	go test -run TestGenres -v ./ingest/extract            per-article diffs and the tables
//	go test -run TestGenres ./ingest/extract -genres.report tables on stdout, also without -v
//
// Matching: a predicted statement matches a gold one when its content (its
// Parts, else its Content span) covers at least 0.8 of the gold content's
// bytes; pairs are assigned greedily, best coverage first, one to one. A
// matched statement then must have the gold speaker (the full name, or a
// one-word surname equal to the other's last word; "" in "accept" means
// "left unresolved"; a speaker_kind means an unresolved description of that
// kind), the gold parts (one Part per gold part, none for a single
// content), the gold kind when one is given, no cue inside its content, and
// the same Turn as the statement named by "turn_with". Predicted statements
// matched to no gold statement are false positives; not_statements must not
// be extracted and not_speakers never appear as a speaker.
//
// A gold statement with "known_gap" is logged, not failed.

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/whosaid/whosaid/graph"
)

var genresReport = flag.Bool("genres.report", false, "print TestGenres' per-genre and per-rule tables on stdout")

// minGoldCoverage is the share of a gold content a prediction must cover.
const minGoldCoverage = 0.8

// content is a gold content: one string, or a list of parts.
type content []string

func (c *content) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*c = content{s}
		return nil
	}
	var parts []string
	if err := json.Unmarshal(b, &parts); err != nil {
		return fmt.Errorf("content must be a string or a list of strings: %w", err)
	}
	*c = parts
	return nil
}

func (c content) String() string {
	if len(c) == 1 {
		return c[0]
	}
	return strings.Join(c, " | ")
}

// goldStatement is one statement a careful annotator marks.
type goldStatement struct {
	Speaker     string   `json:"speaker"`
	Accept      []string `json:"accept,omitempty"`       // alternative speakers; "" = unresolved
	SpeakerKind string   `json:"speaker_kind,omitempty"` // a description that stays one: person, group, organisation, document
	Content     content  `json:"content"`
	Kind        string   `json:"kind,omitempty"`
	Rule        string   `json:"rule"`
	TurnWith    string   `json:"turn_with,omitempty"` // content (first part) of the turn's first statement
	Note        string   `json:"note,omitempty"`
	KnownGap    string   `json:"known_gap,omitempty"`
}

// negative is a not_statement or a not_speaker: a plain string, or an object
// with the rule it exercises and an optional known gap.
type negative struct {
	Text     string `json:"text"`
	Rule     string `json:"rule,omitempty"`
	KnownGap string `json:"known_gap,omitempty"`
}

func (n *negative) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*n = negative{Text: s}
		return nil
	}
	type plain negative
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	*n = negative(p)
	return nil
}

type genreFixture struct {
	Genre         string          `json:"genre"`
	Statements    []goldStatement `json:"statements"`
	NotStatements []negative      `json:"not_statements"`
	NotSpeakers   []negative      `json:"not_speakers"`
	// KnownFalsePositives are predicted statements (by content) that are
	// not in the gold list but are logged rather than failed.
	KnownFalsePositives []negative `json:"known_false_positives,omitempty"`
}

type interval struct{ start, end int }

func coverage(gold, pred []interval) float64 {
	total, in := 0, 0
	for _, g := range gold {
		total += g.end - g.start
		for _, p := range pred {
			s, e := max(g.start, p.start), min(g.end, p.end)
			if e > s {
				in += e - s
			}
		}
	}
	if total == 0 {
		return 0
	}
	return float64(in) / float64(total)
}

func trimEnds(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) || r == '“' || r == '”' || r == '‘' || r == '’'
	})
}

// locate finds a gold text in the article, preferring the first occurrence
// at or after from.
func locate(text, s string, from int) (interval, bool) {
	s = trimEnds(s)
	if s == "" {
		return interval{}, false
	}
	if from < len(text) {
		if i := strings.Index(text[from:], s); i >= 0 {
			return interval{from + i, from + i + len(s)}, true
		}
	}
	if i := strings.Index(text, s); i >= 0 {
		return interval{i, i + len(s)}, true
	}
	return interval{}, false
}

func predIntervals(s graph.Statement) []interval {
	if len(s.Parts) > 0 {
		out := make([]interval, len(s.Parts))
		for i, p := range s.Parts {
			out[i] = interval{p.Start, p.End}
		}
		return out
	}
	return []interval{{s.Content.Start, s.Content.End}}
}

func predContentText(s graph.Statement) content {
	if len(s.Parts) > 0 {
		var out content
		for _, p := range s.Parts {
			out = append(out, trimEnds(p.Text))
		}
		return out
	}
	return content{trimEnds(s.Content.Text)}
}

func speakerLabel(s graph.Statement) string {
	if len(s.Speakers) == 0 {
		return "(none)"
	}
	var out []string
	for _, sp := range s.Speakers {
		l := sp.Name
		if sp.ID != "" && !strings.EqualFold(sp.ID[strings.Index(sp.ID, ":")+1:], slugish(sp.Name)) {
			l += " <" + sp.ID + ">"
		} else if sp.ID != "" {
			l += " <" + sp.ID[:strings.Index(sp.ID, ":")] + ">"
		}
		if sp.ID == "" {
			l = "~" + sp.Name // unresolved: known only by its words
		}
		if sp.Kind != "" {
			l += " [" + sp.Kind + "]"
		}
		out = append(out, l)
	}
	return strings.Join(out, "|")
}

// slugish is a rough id slug of a name, only to shorten diff labels.
func slugish(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(name), "-"))
}

func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// sameName: equal (case-insensitive), or one is a single word equal to the
// other's last word (a surname).
func sameName(a, b string) bool {
	a, b = stripArticle(a), stripArticle(b)
	if a == "" || b == "" {
		return false
	}
	if strings.EqualFold(a, b) {
		return true
	}
	fa, fb := strings.Fields(a), strings.Fields(b)
	if len(fa) == 1 || len(fb) == 1 {
		return strings.EqualFold(lastWord(a), lastWord(b))
	}
	return false
}

func stripArticle(s string) string {
	l := strings.ToLower(strings.TrimSpace(s))
	for _, a := range []string{"the ", "a ", "an "} {
		l = strings.TrimPrefix(l, a)
	}
	return l
}

// speakerOK reports whether a predicted statement's speakers match the gold
// speaker (name, accepted alternatives, description kind).
func speakerOK(g goldStatement, s graph.Statement) (nameOK, kindOK bool) {
	if g.SpeakerKind != "" {
		// a description that stays a description: unresolved, its words
		// compatible with the gold ones (when given), of the gold kind
		for _, sp := range s.Speakers {
			if sp.ID != "" {
				continue
			}
			if g.Speaker != "" && !strings.Contains(stripArticle(sp.Text), stripArticle(g.Speaker)) &&
				!strings.Contains(stripArticle(sp.Name), stripArticle(g.Speaker)) {
				continue
			}
			return true, sp.Kind == g.SpeakerKind
		}
	}
	cands := g.Accept
	if g.SpeakerKind == "" {
		cands = append([]string{g.Speaker}, g.Accept...)
	}
	for _, c := range cands {
		if c == "" {
			// unresolved accepted: no speaker, or none resolved to an entity
			resolved := false
			for _, sp := range s.Speakers {
				if sp.ID != "" {
					resolved = true
				}
			}
			if !resolved {
				return true, true
			}
			continue
		}
		// "A|B": every listed speaker among the predicted ones
		all := true
		for _, want := range strings.Split(c, "|") {
			found := false
			for _, sp := range s.Speakers {
				if sp.ID != "" && sameName(want, sp.Name) {
					found = true
				}
			}
			if !found {
				all = false
			}
		}
		if all {
			return true, true
		}
	}
	return false, true
}

func turnOf(s graph.Statement) string {
	if s.Turn != "" {
		return s.Turn
	}
	return s.ID
}

// A problem found for one article.
type problem struct {
	Category string // missing, wrong speaker, wrong speaker kind, wrong parts, wrong kind, cue in content, turn not linked, false positive, not-statement extracted, forbidden speaker
	Rule     string
	Detail   string
	KnownGap string
}

// row is one line of the go-cmp diff of an article.
type row struct {
	Rule     string
	Speaker  string
	Content  string
	Parts    int
	Kind     string
	TurnWith string
}

type tally struct {
	gold, matched, speakerOK, pass int // gold statements, matched, with the right speaker, passing every check
	pred, truePos                  int // predicted statements, matched to gold
	negatives, negPass             int // not_statements and not_speakers, honoured
}

func (a *tally) add(b tally) {
	a.gold += b.gold
	a.matched += b.matched
	a.speakerOK += b.speakerOK
	a.pass += b.pass
	a.pred += b.pred
	a.truePos += b.truePos
	a.negatives += b.negatives
	a.negPass += b.negPass
}

func ratio(a, b int) string {
	if b == 0 {
		return "   -  "
	}
	return fmt.Sprintf("%6.3f", float64(a)/float64(b))
}

// evalGenre compares one article's predictions with its gold annotations.
func evalGenre(t *testing.T, text string, fx genreFixture, ex graph.Extraction) (problems []problem, notes []string, total tally, byRule map[string]*tally, wantRows, gotRows []row) {
	byRule = map[string]*tally{}
	rule := func(r string) *tally {
		if byRule[r] == nil {
			byRule[r] = &tally{}
		}
		return byRule[r]
	}
	// gold spans
	gold := make([][]interval, len(fx.Statements))
	from := 0
	for i, g := range fx.Statements {
		if len(g.Content) == 0 || g.Rule == "" {
			t.Fatalf("statement %d: content and rule are required: %+v", i, g)
		}
		start := from
		for _, part := range g.Content {
			iv, ok := locate(text, part, start)
			if !ok {
				t.Fatalf("statement %d: content %q is not in the article", i, part)
			}
			gold[i] = append(gold[i], iv)
			start = iv.end
		}
		from = gold[i][0].start
	}
	firstPart := map[string]int{}
	for i, g := range fx.Statements {
		firstPart[trimEnds(g.Content[0])] = i
	}
	for i, g := range fx.Statements {
		if g.TurnWith != "" {
			if _, ok := firstPart[trimEnds(g.TurnWith)]; !ok {
				t.Fatalf("statement %d: turn_with %q names no gold statement", i, g.TurnWith)
			}
		}
	}

	preds := ex.Statements
	pi := make([][]interval, len(preds))
	for j, s := range preds {
		pi[j] = predIntervals(s)
	}
	type pair struct {
		g, p      int
		cov, prec float64
	}
	var pairs []pair
	for i := range gold {
		for j := range preds {
			c := coverage(gold[i], pi[j])
			if c >= minGoldCoverage {
				prec := coverage(pi[j], gold[i])
				pairs = append(pairs, pair{i, j, c, prec})
			}
		}
	}
	sort.SliceStable(pairs, func(a, b int) bool {
		if pairs[a].cov != pairs[b].cov {
			return pairs[a].cov > pairs[b].cov
		}
		return pairs[a].prec > pairs[b].prec
	})
	g2p := make([]int, len(gold))
	p2g := make([]int, len(preds))
	for i := range g2p {
		g2p[i] = -1
	}
	for j := range p2g {
		p2g[j] = -1
	}
	for _, pr := range pairs {
		if g2p[pr.g] < 0 && p2g[pr.p] < 0 {
			g2p[pr.g], p2g[pr.p] = pr.p, pr.g
		}
	}

	for i, g := range fx.Statements {
		r := rule(g.Rule)
		r.gold++
		total.gold++
		want := row{Rule: g.Rule, Speaker: g.Speaker, Content: g.Content.String(), Kind: g.Kind, TurnWith: g.TurnWith}
		if len(g.Content) > 1 {
			want.Parts = len(g.Content)
		}
		if g.SpeakerKind != "" {
			want.Speaker = "~" + g.Speaker + " [" + g.SpeakerKind + "]"
		}
		wantRows = append(wantRows, want)
		report := func(cat, detail string) {
			problems = append(problems, problem{Category: cat, Rule: g.Rule, Detail: detail, KnownGap: g.KnownGap})
		}
		j := g2p[i]
		if j < 0 {
			report("missing", fmt.Sprintf("%s: %q", g.Speaker, g.Content.String()))
			gotRows = append(gotRows, row{Rule: g.Rule})
			continue
		}
		s := preds[j]
		r.matched++
		total.matched++
		got := row{Rule: g.Rule, Speaker: speakerLabel(s), Content: want.Content, Kind: string(s.Kind)}
		if pc := predContentText(s).String(); pc != want.Content {
			notes = append(notes, fmt.Sprintf("content [%s] want %q, got %q (matched: covers >= %.1f of the gold)", g.Rule, want.Content, pc, minGoldCoverage))
		}
		if len(s.Parts) > 1 {
			got.Parts = len(s.Parts)
		}
		ok := true
		nameOK, kindOK := speakerOK(g, s)
		if nameOK {
			r.speakerOK++
			total.speakerOK++
			got.Speaker = want.Speaker
		} else {
			ok = false
			acc := ""
			if len(g.Accept) > 0 {
				acc = fmt.Sprintf(" (or %q)", g.Accept)
			}
			report("wrong speaker", fmt.Sprintf("want %q%s, got %s: %q", g.Speaker, acc, speakerLabel(s), g.Content.String()))
		}
		if !kindOK {
			ok = false
			report("wrong speaker kind", fmt.Sprintf("want %s, got %s: %q", g.SpeakerKind, speakerLabel(s), g.Content.String()))
		}
		// parts: one per gold part, each covering its gold part
		if len(g.Content) > 1 || len(s.Parts) > 1 {
			partsOK := len(s.Parts) == len(g.Content)
			for k := 0; partsOK && k < len(g.Content); k++ {
				partsOK = coverage(gold[i][k:k+1], []interval{{s.Parts[k].Start, s.Parts[k].End}}) >= minGoldCoverage
			}
			if partsOK {
				got.Parts = want.Parts
			} else {
				ok = false
				report("wrong parts", fmt.Sprintf("want %q, got %q", []string(g.Content), []string(predContentText(s))))
			}
		}
		if s.Cue.Text != "" && s.Cue.End > s.Cue.Start {
			for _, iv := range pi[j] {
				if s.Cue.Start >= iv.start && s.Cue.End <= iv.end {
					ok = false
					report("cue in content", fmt.Sprintf("cue %q inside %q", s.Cue.Text, s.Content.Text))
					break
				}
			}
		}
		if g.Kind != "" && g.Kind != string(s.Kind) {
			ok = false
			report("wrong kind", fmt.Sprintf("want %s, got %s: %q", g.Kind, s.Kind, g.Content.String()))
		}
		if g.TurnWith != "" {
			other := g2p[firstPart[trimEnds(g.TurnWith)]]
			linked := other >= 0 && (s.Turn != "" || preds[other].Turn != "") && turnOf(s) == turnOf(preds[other])
			if linked {
				got.TurnWith = g.TurnWith
			} else {
				ok = false
				report("turn not linked", fmt.Sprintf("%q with %q (turn %q)", g.Content.String(), g.TurnWith, s.Turn))
			}
		}
		if ok {
			r.pass++
			total.pass++
		}
		gotRows = append(gotRows, got)
	}

	// predictions without gold
	total.pred = len(preds)
	for j, s := range preds {
		if p2g[j] >= 0 {
			total.truePos++
			continue
		}
		known := ""
		for _, k := range fx.KnownFalsePositives {
			if iv, ok := locate(text, k.Text, 0); ok && coverage([]interval{iv}, pi[j]) >= minGoldCoverage {
				known = k.KnownGap
				if known == "" {
					known = "listed in known_false_positives"
				}
			}
		}
		problems = append(problems, problem{Category: "false positive", Rule: "precision",
			Detail: fmt.Sprintf("%s %s: %q", speakerLabel(s), s.Cue.Text, s.Content.Text), KnownGap: known})
		gotRows = append(gotRows, row{Rule: "(none)", Speaker: speakerLabel(s), Content: predContentText(s).String(), Kind: string(s.Kind)})
	}
	for _, n := range fx.NotStatements {
		rl := n.Rule
		if rl == "" {
			rl = "not-statement"
		}
		r := rule(rl)
		r.negatives++
		total.negatives++
		iv, ok := locate(text, n.Text, 0)
		if !ok {
			t.Fatalf("not_statement %q is not in the article", n.Text)
		}
		hit := false
		for j, s := range preds {
			if coverage([]interval{iv}, pi[j]) >= minGoldCoverage {
				hit = true
				problems = append(problems, problem{Category: "not-statement extracted", Rule: rl,
					Detail: fmt.Sprintf("%q as %s: %q", n.Text, speakerLabel(s), s.Content.Text), KnownGap: n.KnownGap})
				break
			}
		}
		if !hit {
			r.negPass++
			total.negPass++
		}
	}
	for _, n := range fx.NotSpeakers {
		rl := n.Rule
		if rl == "" {
			rl = "not-speaker"
		}
		r := rule(rl)
		r.negatives++
		total.negatives++
		hit := false
		for _, s := range preds {
			for _, sp := range s.Speakers {
				if strings.EqualFold(strings.TrimSpace(sp.Name), n.Text) || strings.EqualFold(strings.TrimSpace(sp.Text), n.Text) {
					if !hit {
						problems = append(problems, problem{Category: "forbidden speaker", Rule: rl,
							Detail: fmt.Sprintf("%q (text %q) for %q", sp.Name, sp.Text, s.Content.Text), KnownGap: n.KnownGap})
					}
					hit = true
				}
			}
		}
		if !hit {
			r.negPass++
			total.negPass++
		}
	}
	return problems, notes, total, byRule, wantRows, gotRows
}

func TestGenres(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "genres", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no fixtures in testdata/genres")
	}
	sort.Strings(files)
	x := New(Options{})
	var overall tally
	byGenre := map[string]*tally{}
	byRule := map[string]*tally{}
	byCategory := map[string]int{}
	var failures []string // category, rule, article, detail for the summary
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var fx genreFixture
		dec := json.NewDecoder(strings.NewReader(string(b)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&fx); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		tb, err := os.ReadFile(strings.TrimSuffix(f, ".json") + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		if !utf8.Valid(tb) {
			t.Fatalf("%s.txt is not UTF-8", name)
		}
		text := string(tb)
		t.Run(name, func(t *testing.T) {
			ex := x.Extract(graph.Document{ID: "sha256:test", Text: text})
			checkOffsets(t, text, ex)
			problems, notes, tot, rules, want, got := evalGenre(t, text, fx, ex)
			for _, n := range notes {
				t.Log(n)
			}
			byCategory["content differs (logged, not failed)"] += len(notes)
			overall.add(tot)
			if byGenre[fx.Genre] == nil {
				byGenre[fx.Genre] = &tally{}
			}
			byGenre[fx.Genre].add(tot)
			for r, v := range rules {
				if byRule[r] == nil {
					byRule[r] = &tally{}
				}
				byRule[r].add(*v)
			}
			failed := false
			for _, p := range problems {
				byCategory[p.Category]++
				line := fmt.Sprintf("%-24s %-22s %s", p.Category, "["+p.Rule+"]", p.Detail)
				if p.KnownGap != "" {
					t.Logf("known gap (%s): %s", p.KnownGap, line)
					continue
				}
				failed = true
				failures = append(failures, fmt.Sprintf("%s\t%s\t%s\t%s", p.Rule, p.Category, name, p.Detail))
				t.Errorf("%s", line)
			}
			if failed {
				t.Logf("statements (-want +got):\n%s", cmp.Diff(want, got))
			}
			t.Logf("P %s  R %s  speaker %s  (%d gold, %d predicted)",
				ratio(tot.truePos, tot.pred), ratio(tot.matched, tot.gold), ratio(tot.speakerOK, tot.matched), tot.gold, tot.pred)
		})
	}

	var sb strings.Builder
	fmt.Fprintf(&sb, "\n%-22s %5s %5s %6s %6s %7s %6s\n", "genre", "gold", "pred", "P", "R", "speaker", "pass")
	genres := make([]string, 0, len(byGenre))
	for g := range byGenre {
		genres = append(genres, g)
	}
	sort.Strings(genres)
	for _, g := range genres {
		v := byGenre[g]
		fmt.Fprintf(&sb, "%-22s %5d %5d %6s %6s %7s %6s\n", g, v.gold, v.pred, ratio(v.truePos, v.pred), ratio(v.matched, v.gold), ratio(v.speakerOK, v.matched), ratio(v.pass, v.gold))
	}
	fmt.Fprintf(&sb, "%-22s %5d %5d %6s %6s %7s %6s\n", "ALL", overall.gold, overall.pred, ratio(overall.truePos, overall.pred), ratio(overall.matched, overall.gold), ratio(overall.speakerOK, overall.matched), ratio(overall.pass, overall.gold))

	fmt.Fprintf(&sb, "\n%-26s %5s %7s %7s %7s %9s\n", "rule", "gold", "found", "speaker", "pass", "negatives")
	rules := make([]string, 0, len(byRule))
	for r := range byRule {
		rules = append(rules, r)
	}
	sort.Strings(rules)
	for _, r := range rules {
		v := byRule[r]
		neg := ""
		if v.negatives > 0 {
			neg = fmt.Sprintf("%d/%d", v.negPass, v.negatives)
		}
		pass := fmt.Sprintf("%d/%d", v.pass, v.gold)
		if v.gold == 0 {
			pass = ""
		}
		fmt.Fprintf(&sb, "%-26s %5d %7d %7s %7s %9s\n", r, v.gold, v.matched, ratio(v.speakerOK, v.matched), pass, neg)
	}
	fmt.Fprintf(&sb, "\nproblems by category:")
	cats := make([]string, 0, len(byCategory))
	for c := range byCategory {
		cats = append(cats, c)
	}
	sort.Strings(cats)
	for _, c := range cats {
		fmt.Fprintf(&sb, " %s %d;", c, byCategory[c])
	}
	sb.WriteString("\n")
	if *genresReport {
		sort.Strings(failures)
		sb.WriteString("\nfailures (rule, category, article, detail):\n")
		for _, f := range failures {
			sb.WriteString(f + "\n")
		}
		fmt.Print(sb.String())
	} else {
		t.Log(sb.String())
	}
}
