package doccheck

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"mvdan.cc/sh/v3/syntax"
)

// block is one fenced shell block of a Markdown file.
type block struct {
	file string // relative to the repository root
	line int    // of the first line inside the fence
	text string
}

func repoRoot(t *testing.T) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// shellBlocks returns the ```sh, ```bash, ```shell and ```console blocks of
// a Markdown file.
func shellBlocks(root, rel string) ([]block, error) {
	b, err := os.ReadFile(filepath.Join(root, rel))
	if err != nil {
		return nil, err
	}
	var blocks []block
	var cur *block
	var body strings.Builder
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		fence := strings.HasPrefix(strings.TrimSpace(line), "```")
		switch {
		case cur == nil && fence:
			lang := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "```"))
			if slices.Contains([]string{"sh", "bash", "shell", "console"}, lang) {
				cur = &block{file: rel, line: n + 1}
				body.Reset()
			} else {
				// Skip to the closing fence of a non-shell block.
				for sc.Scan() {
					n++
					if strings.HasPrefix(strings.TrimSpace(sc.Text()), "```") {
						break
					}
				}
			}
		case cur != nil && fence:
			cur.text = body.String()
			blocks = append(blocks, *cur)
			cur = nil
		case cur != nil:
			body.WriteString(line)
			body.WriteByte('\n')
		}
	}
	return blocks, sc.Err()
}

// literal returns a word's text when it has no expansion ($VAR, $(…),
// globs, braces), with quotes removed.
func literal(w *syntax.Word) (string, bool) {
	var b strings.Builder
	for _, p := range w.Parts {
		switch p := p.(type) {
		case *syntax.Lit:
			b.WriteString(p.Value)
		case *syntax.SglQuoted:
			b.WriteString(p.Value)
		case *syntax.DblQuoted:
			for _, q := range p.Parts {
				l, ok := q.(*syntax.Lit)
				if !ok {
					return "", false
				}
				b.WriteString(l.Value)
			}
		default:
			return "", false
		}
	}
	s := b.String()
	if strings.ContainsAny(s, "*?[{<>…") {
		return "", false
	}
	return s, true
}

// flagSpec is what one whosaid command's --help says about its flags:
// whether each (long or short) flag takes a value.
type flagSpec map[string]bool

var flagLine = regexp.MustCompile(`^\s+(?:-(\w), )?--([\w-]+)( [\w.]+)?\s\s`)

// whosaid runs the built binary's help for a subcommand path.
type whosaid struct {
	bin   string
	cache map[string]flagSpec
	subs  []string
}

// subcommands lists whosaid's commands, from its --help.
func (w *whosaid) subcommands() ([]string, error) {
	if w.subs != nil {
		return w.subs, nil
	}
	out, err := exec.Command(w.bin, "--help").CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("whosaid --help: %v\n%s", err, out)
	}
	_, list, _ := strings.Cut(string(out), "Available Commands:\n")
	for line := range strings.Lines(list) {
		f := strings.Fields(line)
		if len(f) == 0 {
			break
		}
		w.subs = append(w.subs, f[0])
	}
	if len(w.subs) == 0 {
		return nil, fmt.Errorf("whosaid --help lists no commands:\n%s", out)
	}
	return w.subs, nil
}

func (w *whosaid) flags(sub string) (flagSpec, error) {
	if fs, ok := w.cache[sub]; ok {
		return fs, nil
	}
	args := append(strings.Fields(sub), "--help")
	out, err := exec.Command(w.bin, args...).CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("whosaid %s --help: %v\n%s", sub, err, out)
	}
	if sub != "" && !strings.Contains(string(out), "whosaid "+sub) {
		return nil, fmt.Errorf("whosaid has no subcommand %q", sub)
	}
	fs := flagSpec{}
	for line := range strings.Lines(string(out)) {
		m := flagLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		fs["--"+m[2]] = m[3] != ""
		if m[1] != "" {
			fs["-"+m[1]] = m[3] != ""
		}
	}
	w.cache[sub] = fs
	return fs, nil
}

// outputFlags take a path the command creates.
var outputFlags = []string{"-o", "--output", "--to", "-json", "-truth", "-d"}

// checker collects the problems of the commands it is shown.
type checker struct {
	root     string
	make     map[string]bool
	bin      *whosaid
	where    string
	problems []string
	commands int
}

func (c *checker) errorf(format string, args ...any) {
	c.problems = append(c.problems, c.where+": "+fmt.Sprintf(format, args...))
}

func (c *checker) exists(rel string) bool {
	_, err := os.Stat(filepath.Join(c.root, rel))
	return err == nil
}

// repoPath reports whether a word reads as a path inside the repository:
// relative, and its first element is a file or directory at the root.
func (c *checker) repoPath(s string) bool {
	if s == "" || filepath.IsAbs(s) || strings.Contains(s, "://") || strings.HasPrefix(s, "-") {
		return false
	}
	s = strings.TrimPrefix(s, "./")
	first, _, _ := strings.Cut(s, "/")
	return strings.Contains(s, "/") && first != "" && first != ".." && c.exists(first)
}

func (c *checker) checkPath(s string) {
	p := strings.TrimSuffix(strings.TrimPrefix(s, "./"), "/...")
	if !c.exists(p) {
		c.errorf("%s does not exist", s)
	}
}

func (c *checker) call(words []string, exact []bool) {
	if len(words) == 0 || !exact[0] {
		return
	}
	name := words[0]
	switch {
	case name == "make":
		for _, a := range words[1:] {
			if !strings.HasPrefix(a, "-") && !strings.Contains(a, "=") && !c.make[a] {
				c.errorf("make has no target %q", a)
			}
		}
		return
	case name == "whosaid" || name == "bin/whosaid":
		c.whosaid(words[1:], exact[1:])
		return
	case name == "go" && len(words) > 2 && words[1] == "run" && words[2] == "./cmd/whosaid":
		c.whosaid(words[3:], exact[3:])
		return
	case name == "go":
		// Package patterns of go run, test, generate…: ./pkg or ./pkg/...
		for _, a := range words[1:] {
			if strings.HasPrefix(a, "./") {
				c.checkPath(a)
			}
		}
		return
	case strings.Contains(name, "/"):
		if !c.repoPath(name) {
			return
		}
		fi, err := os.Stat(filepath.Join(c.root, name))
		if err != nil || fi.Mode()&0o111 == 0 {
			c.errorf("%s is not an executable in the repository", name)
		}
	}
	for i := 1; i < len(words); i++ {
		if !exact[i] || slices.Contains(outputFlags, words[i-1]) {
			continue
		}
		if c.repoPath(words[i]) {
			c.checkPath(words[i])
		}
	}
}

// whosaid checks `whosaid SUB args…`: the subcommand and its flags exist,
// and the input paths of extract, ingest and import exist.
func (c *checker) whosaid(args []string, exact []bool) {
	subcommands, err := c.bin.subcommands()
	if err != nil {
		c.errorf("%v", err)
		return
	}
	sub := ""
	if len(args) > 0 && slices.Contains(subcommands, args[0]) {
		sub = args[0]
	} else if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		c.errorf("whosaid has no subcommand %q", args[0])
		return
	}
	fs, err := c.bin.flags(sub)
	if err != nil {
		c.errorf("%v", err)
		return
	}
	start := 0
	if sub != "" {
		start = 1
	}
	inputs := sub == "extract" || sub == "ingest" || sub == "import"
	for i := start; i < len(args); i++ {
		a := args[i]
		if !exact[i] {
			continue
		}
		if strings.HasPrefix(a, "-") && a != "-" {
			name, _, hasValue := strings.Cut(a, "=")
			takes, ok := fs[name]
			if !ok {
				c.errorf("whosaid %s has no flag %s", sub, name)
				continue
			}
			if takes && !hasValue {
				i++ // its value
				if slices.Contains(outputFlags, name) {
					continue
				}
			}
			continue
		}
		switch {
		case inputs && a != "-" && !filepath.IsAbs(a) && !strings.Contains(a, "://"):
			c.checkPath(a)
		case c.repoPath(a):
			c.checkPath(a)
		}
	}
}

// script checks every command of one shell block.
func (c *checker) script(b block) {
	prog, err := syntax.NewParser().Parse(strings.NewReader(b.text), b.file)
	if err != nil {
		c.where = fmt.Sprintf("%s:%d", b.file, b.line)
		c.errorf("shell block does not parse: %v", err)
		return
	}
	syntax.Walk(prog, func(n syntax.Node) bool {
		call, ok := n.(*syntax.CallExpr)
		if !ok {
			return true
		}
		c.where = fmt.Sprintf("%s:%d", b.file, b.line+int(call.Pos().Line())-1)
		for _, a := range call.Assigns {
			if a.Value != nil {
				if s, ok := literal(a.Value); ok && c.repoPath(s) {
					c.checkPath(s)
				}
			}
		}
		var words []string
		var exact []bool
		for _, w := range call.Args {
			s, ok := literal(w)
			words = append(words, s)
			exact = append(exact, ok)
		}
		if len(words) > 0 {
			c.commands++
			c.call(words, exact)
		}
		return true
	})
}

func newChecker(t *testing.T) *checker {
	t.Helper()
	root := repoRoot(t)
	bin := filepath.Join(t.TempDir(), "whosaid")
	build := exec.Command("go", "build", "-o", bin, "./cmd/whosaid")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build whosaid: %v\n%s", err, out)
	}
	mk, err := os.ReadFile(filepath.Join(root, "Makefile"))
	if err != nil {
		t.Fatal(err)
	}
	targets := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^([\w./-]+):`).FindAllStringSubmatch(string(mk), -1) {
		targets[m[1]] = true
	}
	return &checker{root: root, make: targets, bin: &whosaid{bin: bin, cache: map[string]flagSpec{}}}
}

// TestShellBlocks checks every command of every shell block in README.md
// and docs/*.md (see the package comment), after checking that the checker
// finds the mistakes it is meant to find.
func TestShellBlocks(t *testing.T) {
	c := newChecker(t)

	bad := block{file: "bad.md", line: 1, text: `make no-such-target
bin/whosaid ingest corpus/
whosaid export --no-such-flag -o out.gexf
whosaid nosuchcommand
deploy/neo4j/no-such-script start
go test ./no/such/package
cat examples/no-such-file.txt
whosaid extract --format table examples/istanbul-talks-2022-03-29.txt > out.txt
`}
	c.script(bad)
	want := []string{
		`bad.md:1: make has no target "no-such-target"`,
		`bad.md:2: corpus/ does not exist`,
		`bad.md:3: whosaid export has no flag --no-such-flag`,
		`bad.md:4: whosaid has no subcommand "nosuchcommand"`,
		`bad.md:5: deploy/neo4j/no-such-script is not an executable in the repository`,
		`bad.md:6: ./no/such/package does not exist`,
		`bad.md:7: examples/no-such-file.txt does not exist`,
	}
	if diff := cmp.Diff(want, c.problems); diff != "" {
		t.Fatalf("checker on a bad block (-want +got):\n%s", diff)
	}
	c.problems, c.commands = nil, 0

	docs, _ := filepath.Glob(filepath.Join(c.root, "docs", "*.md"))
	files := []string{"README.md"}
	for _, d := range docs {
		files = append(files, filepath.Join("docs", filepath.Base(d)))
	}
	for _, f := range files {
		blocks, err := shellBlocks(c.root, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range blocks {
			c.script(b)
		}
	}
	for _, p := range c.problems {
		t.Error(p)
	}
	if c.commands < 50 {
		t.Errorf("checked only %d commands", c.commands)
	}
	t.Logf("checked %d commands in %d files", c.commands, len(files))
}
