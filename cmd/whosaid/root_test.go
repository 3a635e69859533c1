package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/spf13/cobra"

	"github.com/whosaid/whosaid/config"
)

// cliResult is what one run of the whosaid command produced.
type cliResult struct {
	stdout, stderr string
	err            error
}

// cliRun runs whosaid with args in-process, as main would.
func cliRun(t *testing.T, ctx context.Context, args ...string) cliResult {
	t.Helper()
	var out, errOut bytes.Buffer
	cmd := newRootCmd()
	cmd.SetArgs(args)
	cmd.SetOut(&out)
	cmd.SetErr(&errOut)
	err := cmd.ExecuteContext(ctx)
	return cliResult{out.String(), errOut.String(), err}
}

// cliClearEnv hides the developer's WHOSAID_* variables from a test that
// checks where values come from; empty variables count as unset.
func cliClearEnv(t *testing.T) {
	t.Helper()
	for _, k := range config.Keys() {
		t.Setenv(k.Env, "")
	}
}

// syncBuffer is a bytes.Buffer safe for a writer goroutine and a reader.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestVersionCommand(t *testing.T) {
	r := cliRun(t, context.Background(), "version")
	if r.err != nil {
		t.Fatal(r.err)
	}
	for _, want := range []string{"whosaid ", "extractor ", "schema "} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("version output lacks %q:\n%s", want, r.stdout)
		}
	}
}

func TestHelp(t *testing.T) {
	r := cliRun(t, context.Background(), "--help")
	if r.err != nil {
		t.Fatal(r.err)
	}
	for _, cmd := range []string{"version", "config", "migrate", "serve", "extract"} {
		if !strings.Contains(r.stdout, "\n  "+cmd+" ") {
			t.Errorf("--help does not list %s:\n%s", cmd, r.stdout)
		}
	}
	r = cliRun(t, context.Background(), "serve", "--help")
	if r.err != nil {
		t.Fatal(r.err)
	}
	// Bound flags name their key and variable, and inherit the global ones.
	for _, want := range []string{"--addr", "[http.addr, $WHOSAID_HTTP_ADDR]", "--neo4j-uri", "--config", "--log-level"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("serve --help lacks %q:\n%s", want, r.stdout)
		}
	}
}

func TestUnknownCommand(t *testing.T) {
	r := cliRun(t, context.Background(), "frobnicate")
	if r.err == nil || !strings.Contains(r.err.Error(), "unknown command") {
		t.Errorf("err = %v", r.err)
	}
}

func TestConfigCommand(t *testing.T) {
	cliClearEnv(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "custom.yaml")
	if err := os.WriteFile(file, []byte("ingest:\n  batch_size: 77\nneo4j:\n  uri: bolt://file-host:7687\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	const password, key = "hunter2-secret", "api-key-secret-0123456789"
	t.Setenv("WHOSAID_NEO4J_PASSWORD", password)
	t.Setenv("WHOSAID_API_KEYS", key+",second-secret-key-0123456789")
	t.Setenv("WHOSAID_HTTP_ADDR", "127.0.0.1:9999")

	r := cliRun(t, context.Background(), "config", "--config", file, "--neo4j-uri", "bolt://flag-host:7687", "--log-level=debug")
	if r.err != nil {
		t.Fatal(r.err)
	}
	if strings.Contains(r.stdout, password) || strings.Contains(r.stdout, key) {
		t.Fatalf("secret printed:\n%s", r.stdout)
	}
	rows := map[string][]string{}
	for _, line := range strings.Split(r.stdout, "\n") {
		if f := strings.Fields(line); len(f) >= 4 {
			rows[f[0]] = f[1:]
		}
	}
	want := map[string][2]string{ // key: value, source
		"neo4j.uri":         {"bolt://flag-host:7687", "flag"},
		"log.level":         {"debug", "flag"},
		"http.addr":         {"127.0.0.1:9999", "env"},
		"ingest.batch_size": {"77", "file"},
		"neo4j.password":    {"[redacted]", "env"},
		"http.body_limit":   {"10MiB", "default"},
	}
	for k, w := range want {
		if got := rows[k]; len(got) < 2 || got[0] != w[0] || got[1] != w[1] {
			t.Errorf("%s: got %v, want %v", k, got, w)
		}
	}
	if !strings.Contains(r.stdout, "[redacted: 2]") || !strings.Contains(r.stdout, "configuration file: "+file) {
		t.Errorf("output:\n%s", r.stdout)
	}

	r = cliRun(t, context.Background(), "config", "--json")
	if r.err != nil {
		t.Fatal(r.err)
	}
	var doc struct {
		Keys []struct{ Key, Value, Source, Env string }
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("config --json: %v\n%s", err, r.stdout)
	}
	if len(doc.Keys) != len(config.Keys()) || strings.Contains(r.stdout, password) {
		t.Errorf("config --json: %s", r.stdout)
	}
}

func TestConfigInvalid(t *testing.T) {
	cliClearEnv(t)
	t.Setenv("WHOSAID_INGEST_WORKERS", "0")
	for _, cmd := range []string{"config", "migrate", "serve"} {
		r := cliRun(t, context.Background(), cmd)
		if r.err == nil || !strings.Contains(r.err.Error(), "ingest.workers") || exitCode(r.err) != exitConfig {
			t.Errorf("%s: err %v (exit %d)", cmd, r.err, exitCode(r.err))
		}
	}
}

func TestMigrateUnreachable(t *testing.T) {
	cliClearEnv(t)
	t.Setenv("WHOSAID_NEO4J_CONNECT_WAIT", "0s")
	r := cliRun(t, context.Background(), "migrate", "--neo4j-uri", "bolt://127.0.0.1:1", "--log-level", "error")
	if r.err == nil || exitCode(r.err) != exitUnavailable || !strings.Contains(r.err.Error(), "neo4j-local start") {
		t.Errorf("err %v (exit %d)", r.err, exitCode(r.err))
	}
	var ee *exitError
	if !errors.As(r.err, &ee) {
		t.Errorf("not an exitError: %T", r.err)
	}
}

func TestNewLogger(t *testing.T) {
	var buf bytes.Buffer
	log := newLogger(&buf, config.Log{Level: "warn", Format: "json"})
	log.Info("hidden")
	log.Warn("shown", "k", "v")
	var line map[string]any
	if err := json.Unmarshal(buf.Bytes(), &line); err != nil || line["msg"] != "shown" || line["k"] != "v" {
		t.Errorf("log %q: %v", buf.String(), err)
	}
	buf.Reset()
	newLogger(&buf, config.Log{Level: "debug", Format: "text"}).Debug("dbg")
	if !strings.Contains(buf.String(), "level=DEBUG msg=dbg") {
		t.Errorf("text log %q", buf.String())
	}
}

func TestStoreOptions(t *testing.T) {
	c := config.Default()
	c.Neo4j.Password = "pw"
	c.Neo4j.Database = "db"
	o := storeOptions(c, nil)
	if o.URI != c.Neo4j.URI || o.Password != "pw" || o.Database != "db" || o.ConnectWait != c.Neo4j.ConnectWait || o.MaxPoolSize != 100 {
		t.Errorf("options %+v", o)
	}
}

// TestDocsListBoundFlags keeps docs/configuration.md honest: every flag
// bound to a configuration key, on any command, appears in that key's row.
func TestDocsListBoundFlags(t *testing.T) {
	doc, err := os.ReadFile("../../docs/configuration.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]string{}
	for _, line := range strings.Split(string(doc), "\n") {
		if strings.HasPrefix(line, "| `") {
			key, _, _ := strings.Cut(strings.TrimPrefix(line, "| `"), "`")
			rows[key] = line
		}
	}
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		for key, flag := range config.BoundFlags(c.LocalFlags()) {
			if !strings.Contains(rows[key], "`--"+flag+"`") {
				t.Errorf("docs/configuration.md: the row of %s does not mention --%s (bound on %q)", key, flag, c.CommandPath())
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(newRootCmd())
}
