package gen

import (
	"fmt"
	"strings"
	"time"

	"github.com/whosaid/whosaid/graph"
)

// Syndication re-publishes articles the way wire copy spreads: other
// outlets carry some of an article's statements a few days later, each
// copy exact, restyled (case, final punctuation), trimmed at the end or
// the start, or lightly edited (one word replaced or dropped). The
// generator knows which original statement every copy stands for, so a
// clustering of the corpus can be scored against the truth.
type Syndication struct {
	Rate      float64 // share of articles that are syndicated
	MaxCopies int     // copies of a syndicated article: 1..MaxCopies
	Outlets   int     // distinct outlets the copies come from
}

// Origin names the original statement a statement stands for: the
// original article's id and the statement's index in it.
type Origin struct {
	Article string
	Index   int
}

// Copy is how a syndicated statement's content was changed.
type Copy string

const (
	CopyExact     Copy = "exact"
	CopyRestyled  Copy = "restyled"
	CopyTrimEnd   Copy = "trim-end"
	CopyTrimStart Copy = "trim-start"
	CopyEdited    Copy = "edited"
	CopyDropped   Copy = "dropped-word"
)

// Syndicated is an article with the origin of each of its truth
// statements (an original's statements are their own origins).
type Syndicated struct {
	Article
	Origins []Origin
	Copies  []Copy // per statement; "" for an original
}

// NextSyndicated returns the next original article and, with probability
// s.Rate, its syndicated copies.
func (g *Generator) NextSyndicated(s Syndication) []Syndicated {
	a := g.Next()
	orig := Syndicated{Article: a}
	for i := range a.Truth.Statements {
		orig.Origins = append(orig.Origins, Origin{Article: a.ID, Index: i})
		orig.Copies = append(orig.Copies, "")
	}
	out := []Syndicated{orig}
	if s.MaxCopies < 1 || g.rng.Float64() >= s.Rate {
		return out
	}
	n := 1 + g.rng.IntN(s.MaxCopies)
	for c := range n {
		out = append(out, g.syndicate(a, c, s))
	}
	return out
}

// syndicate writes copy c of a: an intro sentence, then each kept
// statement as `Name said: “content.”` with its content changed by one
// of the Copy kinds.
func (g *Generator) syndicate(a Article, c int, s Syndication) Syndicated {
	r := g.rng
	outlet := fmt.Sprintf("outlet-%02d", r.IntN(max(1, s.Outlets)))
	b := &builder{g: g, ents: make(map[string]*graph.Entity), date: shiftDate(a.Published, r.IntN(4))}
	b.text.WriteString(fmt.Sprintf("(%s) From our wire partners. ", strings.ToUpper(outlet)))
	var out Syndicated
	for i, st := range a.Truth.Statements {
		if len(st.Speakers) == 0 || r.IntN(10) < 3 {
			continue
		}
		sp := st.Speakers[0]
		e := findEntity(a.Truth, sp.ID)
		nameSpan := b.write(e.Name)
		b.entity(e.ID, e.Name, e.Type, nameSpan)
		b.text.WriteString(" ")
		cue := b.cue("said", "say")
		b.text.WriteString(": \u201c")
		words, kind := g.changeWords(strings.Fields(st.Content.Text))
		content := b.write(strings.Join(words, " "))
		b.text.WriteString("\u201d ")
		for _, m := range st.Mentions {
			me := findEntity(a.Truth, m)
			b.entity(me.ID, me.Name, me.Type, graph.Span{})
		}
		b.add(st.Kind, []graph.Speaker{{ID: e.ID, Name: e.Name, Type: e.Type, Start: nameSpan.Start, End: nameSpan.End,
			Text: nameSpan.Text, ResolvedFrom: graph.ResolvedName}}, cue, content, st.Mentions, "", st.Confidence)
		out.Origins = append(out.Origins, Origin{Article: a.ID, Index: i})
		out.Copies = append(out.Copies, kind)
	}
	text := strings.TrimSpace(b.text.String()) + "\n"
	id := fmt.Sprintf("%s-copy%d", a.ID, c+1)
	out.Article = Article{ID: id, Title: a.Title, URL: "https://synthetic.invalid/" + outlet + "/" + id,
		Source: outlet, Published: b.date, Text: text}
	out.Truth = b.extraction(out.Article)
	return out
}

// substitutes are the light edits of a copy: one word for another of the
// same sense, as sub-editors make them.
var substitutes = map[string]string{
	"will": "would", "not": "never", "ready": "prepared", "discuss": "debate", "supported": "backed",
	"respect": "honour", "ignore": "overlook", "visit": "tour", "protect": "defend", "review": "examine",
	"before": "by", "soon": "quickly", "coming": "next", "government": "administration", "committee": "panel",
	"proposal": "plan", "agreement": "deal", "serious": "grave", "only": "sole",
}

// changeWords applies one copy kind to a statement's words.
func (g *Generator) changeWords(w []string) ([]string, Copy) {
	r := g.rng
	out := append([]string(nil), w...)
	switch x := r.IntN(20); {
	case x < 10:
		return out, CopyExact
	case x < 12:
		last := len(out) - 1
		out[last] = strings.TrimRight(out[last], ".,;!?")
		out[0] = strings.ToLower(out[0])
		return out, CopyRestyled
	case x < 15 && len(w) >= 12:
		return out[:8+r.IntN(len(w)-9)], CopyTrimEnd
	case x < 16 && len(w) >= 12:
		return out[2+r.IntN(2):], CopyTrimStart
	case x < 19:
		var at []int
		for i, word := range out {
			if _, ok := substitutes[strings.ToLower(word)]; ok {
				at = append(at, i)
			}
		}
		if len(at) > 0 {
			i := at[r.IntN(len(at))]
			out[i] = substitutes[strings.ToLower(out[i])]
			return out, CopyEdited
		}
		return out, CopyExact
	default:
		if len(out) < 6 {
			return out, CopyExact
		}
		i := 1 + r.IntN(len(out)-2)
		return append(out[:i], out[i+1:]...), CopyDropped
	}
}

func findEntity(ext graph.Extraction, id string) graph.Entity {
	for _, e := range ext.Entities {
		if e.ID == id {
			return e
		}
	}
	return graph.Entity{ID: id, Type: typeOf(id), Name: id}
}

func typeOf(id string) graph.EntityType {
	switch {
	case strings.HasPrefix(id, "person:"):
		return graph.Person
	case strings.HasPrefix(id, "organisation:"):
		return graph.Organisation
	}
	return graph.Place
}

// shiftDate adds days to a YYYY-MM-DD date.
func shiftDate(date string, days int) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return date
	}
	return t.AddDate(0, 0, days).Format(time.DateOnly)
}
