package main

import (
	"context"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// TestHelpOfEveryCommand: every command has examples, and its flag list
// reads cleanly: a value name is one word (pflag takes a `word` in
// backquotes for it), every flag says what it does, and a default is not
// stated twice (once in the usage, once by pflag).
func TestHelpOfEveryCommand(t *testing.T) {
	var walk func(*cobra.Command)
	var cmds []*cobra.Command
	walk = func(c *cobra.Command) {
		if c.Hidden || c.Name() == "help" || c.Name() == "completion" {
			return
		}
		cmds = append(cmds, c)
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(newRootCmd())
	names := map[string]bool{}
	for _, c := range cmds {
		names[c.Name()] = true
	}
	for _, want := range []string{"whosaid", "migrate", "version", "serve", "extract", "ingest", "export", "delete", "config"} {
		if !names[want] {
			t.Errorf("command %s not found", want)
		}
	}
	for _, c := range cmds {
		t.Run(c.CommandPath(), func(t *testing.T) {
			if strings.TrimSpace(c.Example) == "" {
				t.Errorf("%s has no Example", c.CommandPath())
			}
			for line := range strings.Lines(c.Example) {
				if !strings.HasPrefix(line, "  ") {
					t.Errorf("example line %q is not indented by two spaces", line)
				}
			}
			check := func(f *pflag.Flag) {
				name, usage := pflag.UnquoteUsage(f)
				if strings.ContainsAny(name, " \t") {
					t.Errorf("--%s: value name %q is not one word (backquotes in its usage?)", f.Name, name)
				}
				if strings.TrimSpace(usage) == "" {
					t.Errorf("--%s has no usage", f.Name)
				}
				if strings.Contains(usage, "`") {
					t.Errorf("--%s usage keeps a backquote: %q", f.Name, usage)
				}
				if strings.HasSuffix(usage, ".") || strings.HasSuffix(usage, " ") {
					t.Errorf("--%s usage ends with %q: %q", f.Name, usage[len(usage)-1:], usage)
				}
				if strings.Count(flagLine(f), "(default") > 1 {
					t.Errorf("--%s states its default twice: %s", f.Name, flagLine(f))
				}
			}
			c.LocalFlags().VisitAll(check)
			c.InheritedFlags().VisitAll(check)
		})
	}
}

// flagLine is f's line in a flag list, as --help prints it.
func flagLine(f *pflag.Flag) string {
	fs := pflag.NewFlagSet("one", pflag.ContinueOnError)
	fs.AddFlag(f)
	return strings.TrimSpace(fs.FlagUsages())
}

// TestServeHelp is the line the issue found garbled.
func TestServeHelp(t *testing.T) {
	r := cliRun(t, context.Background(), "serve", "--help")
	if r.err != nil {
		t.Fatal(r.err)
	}
	if !strings.Contains(r.stdout, `--addr string   address "whosaid serve" listens on`) {
		t.Errorf("serve --help:\n%s", r.stdout)
	}
}
