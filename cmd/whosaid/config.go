package main

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/whosaid/whosaid/config"
)

func newConfigCmd(a *app) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Print the effective configuration and where each value came from",
		Long: `Config prints every configuration key with its effective value and its source:
default, file (--config or ./whosaid.yaml), env (WHOSAID_* variables) or flag.
Secrets (neo4j.password, api.keys) are redacted. The configuration is
validated first; an invalid one is reported key by key.`,
		Example: `  whosaid config
  WHOSAID_HTTP_ADDR=:9000 whosaid config --log-level debug
  whosaid config --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			l, err := a.load(cmd)
			if err != nil {
				return &exitError{code: exitConfig, err: err}
			}
			if asJSON {
				return printConfigJSON(cmd, l)
			}
			return printConfigTable(cmd, l)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON: a list of {key, value, source, env}")
	return cmd
}

// note explains values that did not come straight from their key, such as
// a password read from a file.
func note(l *config.Loaded, key string) string {
	c := l.Config
	switch key {
	case "neo4j.password":
		if l.PasswordFrom != "" && l.PasswordFrom != "neo4j.password" {
			return "read from " + l.PasswordFrom
		}
		if c.Neo4j.Password == "" && c.Neo4j.Username != "" {
			return "none set"
		}
	case "neo4j.password_file":
		if l.Sources[key] == config.SourceDefault && c.Neo4j.PasswordFile != "" {
			return "found the local neo4j-local password file"
		}
	}
	return ""
}

func printConfigTable(cmd *cobra.Command, l *config.Loaded) error {
	w := cmd.OutOrStdout()
	file := l.File
	if file == "" {
		file = "none"
	}
	fmt.Fprintf(w, "configuration file: %s (defaults < whosaid.yaml or --config < WHOSAID_* < flags)\n", file)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "KEY\tVALUE\tSOURCE\tENV")
	for _, k := range config.Keys() {
		v := l.Config.Redacted(k.Name)
		if v == "" {
			v = `""`
		}
		line := fmt.Sprintf("%s\t%s\t%s\t%s", k.Name, v, l.Sources[k.Name], k.Env)
		if n := note(l, k.Name); n != "" {
			line += "\t(" + n + ")"
		}
		fmt.Fprintln(tw, line)
	}
	return tw.Flush()
}

func printConfigJSON(cmd *cobra.Command, l *config.Loaded) error {
	type entry struct {
		Key    string `json:"key"`
		Value  string `json:"value"`
		Source string `json:"source"`
		Env    string `json:"env"`
		Note   string `json:"note,omitempty"`
	}
	out := struct {
		File string  `json:"file"`
		Keys []entry `json:"keys"`
	}{File: l.File}
	for _, k := range config.Keys() {
		out.Keys = append(out.Keys, entry{k.Name, l.Config.Redacted(k.Name), string(l.Sources[k.Name]), k.Env, note(l, k.Name)})
	}
	enc := json.NewEncoder(cmd.OutOrStdout())
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
