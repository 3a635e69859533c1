// Command cypher runs Cypher statements against the local Neo4j that
// deploy/neo4j/neo4j-local started, for checks by hand and in scripts
// (the Neo4j jars from Maven carry no cypher-shell):
//
//	deploy/neo4j/neo4j-local cypher 'MATCH (n) RETURN count(n) AS nodes'
//
// It reads WHOSAID_NEO4J_URI, WHOSAID_NEO4J_USERNAME, WHOSAID_NEO4J_PASSWORD
// or WHOSAID_NEO4J_PASSWORD_FILE and WHOSAID_NEO4J_DATABASE, runs each
// argument (or stdin when there is none) as one auto-commit statement and
// prints the records as tab-separated values with a header line.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

func main() {
	timeout := flag.Duration("timeout", 60*time.Second, "limit for connecting and running all statements")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: cypher [-timeout D] [STATEMENT...]  (stdin when no statement)")
		flag.PrintDefaults()
	}
	flag.Parse()
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	if err := run(ctx, flag.Args(), os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "cypher:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, stmts []string, stdin io.Reader, out io.Writer) error {
	uri := os.Getenv("WHOSAID_NEO4J_URI")
	if uri == "" {
		return errors.New(`WHOSAID_NEO4J_URI is unset: eval "$(deploy/neo4j/neo4j-local env)" first`)
	}
	auth := neo4j.NoAuth()
	if user := os.Getenv("WHOSAID_NEO4J_USERNAME"); user != "" {
		pw := os.Getenv("WHOSAID_NEO4J_PASSWORD")
		if f := os.Getenv("WHOSAID_NEO4J_PASSWORD_FILE"); pw == "" && f != "" {
			b, err := os.ReadFile(f)
			if err != nil {
				return fmt.Errorf("read password: %w", err)
			}
			pw = strings.TrimSpace(string(b))
		}
		auth = neo4j.BasicAuth(user, pw, "")
	}
	if len(stmts) == 0 {
		b, err := io.ReadAll(stdin)
		if err != nil {
			return fmt.Errorf("read stdin: %w", err)
		}
		stmts = []string{string(b)}
	}
	driver, err := neo4j.NewDriverWithContext(uri, auth)
	if err != nil {
		return fmt.Errorf("driver for %s: %w", uri, err)
	}
	defer driver.Close(ctx)
	sess := driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: os.Getenv("WHOSAID_NEO4J_DATABASE")})
	defer sess.Close(ctx)
	for _, stmt := range stmts {
		if strings.TrimSpace(stmt) == "" {
			continue
		}
		res, err := sess.Run(ctx, stmt, nil)
		if err != nil {
			return fmt.Errorf("run %q: %w", stmt, err)
		}
		keys, err := res.Keys()
		if err != nil {
			return fmt.Errorf("run %q: %w", stmt, err)
		}
		if len(keys) > 0 {
			fmt.Fprintln(out, strings.Join(keys, "\t"))
		}
		for res.Next(ctx) {
			vals := res.Record().Values
			cells := make([]string, len(vals))
			for i, v := range vals {
				cells[i] = fmt.Sprint(v)
			}
			fmt.Fprintln(out, strings.Join(cells, "\t"))
		}
		if err := res.Err(); err != nil {
			return fmt.Errorf("run %q: %w", stmt, err)
		}
	}
	return nil
}
