package config

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/spf13/pflag"
)

// clearEnv hides the developer's own WHOSAID_* variables (for example the
// ones neo4j-local exports) from a test; empty variables count as unset.
func clearEnv(t *testing.T) {
	t.Helper()
	for _, k := range Keys() {
		t.Setenv(k.Env, "")
	}
}

func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPrecedence(t *testing.T) {
	const key = "neo4j.uri"
	tests := []struct {
		name       string
		file, env  string
		flag       string
		want       string
		wantSource Source
	}{
		{"default", "", "", "", "bolt://127.0.0.1:7687", SourceDefault},
		{"file over default", "bolt://file:1", "", "", "bolt://file:1", SourceFile},
		{"env over file", "bolt://file:1", "bolt://env:2", "", "bolt://env:2", SourceEnv},
		{"env over default", "", "bolt://env:2", "", "bolt://env:2", SourceEnv},
		{"flag over env and file", "bolt://file:1", "bolt://env:2", "bolt://flag:3", "bolt://flag:3", SourceFlag},
		{"flag over default", "", "", "bolt://flag:3", "bolt://flag:3", SourceFlag},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clearEnv(t)
			dir := t.TempDir()
			if tt.file != "" {
				writeFile(t, dir, DefaultFile, "neo4j:\n  uri: "+tt.file+"\n")
			}
			if tt.env != "" {
				t.Setenv("WHOSAID_NEO4J_URI", tt.env)
			}
			fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
			BindFlag(fs, key, "neo4j-uri")
			var args []string
			if tt.flag != "" {
				args = []string{"--neo4j-uri", tt.flag}
			}
			if err := fs.Parse(args); err != nil {
				t.Fatal(err)
			}
			l, err := Load(Options{Dir: dir, Flags: fs})
			if err != nil {
				t.Fatal(err)
			}
			if l.Config.Neo4j.URI != tt.want || l.Sources[key] != tt.wantSource {
				t.Errorf("got %q from %s, want %q from %s", l.Config.Neo4j.URI, l.Sources[key], tt.want, tt.wantSource)
			}
			if l.Sources["http.addr"] != SourceDefault {
				t.Errorf("http.addr source = %s, want default", l.Sources["http.addr"])
			}
		})
	}
}

// TestEnvOnlyKeys covers viper's AutomaticEnv + Unmarshal gap: every key,
// including lists, durations and sizes, must be settable from the
// environment alone.
func TestEnvOnlyKeys(t *testing.T) {
	clearEnv(t)
	env := map[string]string{
		"WHOSAID_NEO4J_DATABASE":       "research",
		"WHOSAID_HTTP_ADDR":            "127.0.0.1:9090",
		"WHOSAID_API_KEYS":             "0123456789abcdef, fedcba9876543210 ,",
		"WHOSAID_HTTP_CORS_ORIGINS":    "https://a.example,https://b.example",
		"WHOSAID_API_CYPHER_TIMEOUT":   "2s",
		"WHOSAID_HTTP_BODY_LIMIT":      "2MiB",
		"WHOSAID_INGEST_MAX_FILE_SIZE": "1024",
		"WHOSAID_API_RATE_LIMIT":       "2.5",
		"WHOSAID_INGEST_WORKERS":       "3",
		"WHOSAID_LOG_FORMAT":           "json",
	}
	for k, v := range env {
		t.Setenv(k, v)
	}
	l, err := Load(Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	want := Default()
	want.Neo4j.Database = "research"
	want.HTTP.Addr = "127.0.0.1:9090"
	want.API.Keys = []string{"0123456789abcdef", "fedcba9876543210"}
	want.HTTP.CORSOrigins = []string{"https://a.example", "https://b.example"}
	want.API.CypherTimeout = 2 * time.Second
	want.HTTP.BodyLimit = 2 << 20
	want.Ingest.MaxFileSize = 1024
	want.API.RateLimit = 2.5
	want.Ingest.Workers = 3
	want.Log.Format = "json"
	if diff := cmp.Diff(want, l.Config); diff != "" {
		t.Errorf("config (-want +got):\n%s", diff)
	}
	for k := range env {
		name := strings.ToLower(strings.Replace(strings.TrimPrefix(k, EnvPrefix), "_", ".", 1))
		if l.Sources[name] != SourceEnv {
			t.Errorf("source of %s = %q, want env", name, l.Sources[name])
		}
	}
}

func TestFileAndFlagTypes(t *testing.T) {
	clearEnv(t)
	dir := t.TempDir()
	file := writeFile(t, dir, "conf/custom.yaml", `
http:
  body_limit: 1MiB
  cors_origins: ["https://x.example"]
  query_timeout: 3s
ingest:
  batch_size: 50
`)
	fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
	BindFlag(fs, "ingest.workers", "workers")
	BindFlag(fs, "http.query_timeout", "query-timeout")
	BindFlag(fs, "api.keys", "api-key")
	if err := fs.Parse([]string{"--workers=7", "--query-timeout=750ms", "--api-key=aaaaaaaaaaaaaaaa", "--api-key=bbbbbbbbbbbbbbbb"}); err != nil {
		t.Fatal(err)
	}
	l, err := Load(Options{File: file, Dir: dir, Flags: fs})
	if err != nil {
		t.Fatal(err)
	}
	c := l.Config
	if c.HTTP.BodyLimit != 1<<20 || c.Ingest.BatchSize != 50 || c.Ingest.Workers != 7 ||
		c.HTTP.QueryTimeout != 750*time.Millisecond || len(c.API.Keys) != 2 || c.HTTP.CORSOrigins[0] != "https://x.example" {
		t.Errorf("unexpected config: %+v", c)
	}
	wantSources := map[string]Source{
		"http.body_limit": SourceFile, "ingest.batch_size": SourceFile, "ingest.workers": SourceFlag,
		"http.query_timeout": SourceFlag, "api.keys": SourceFlag, "log.level": SourceDefault,
	}
	for k, want := range wantSources {
		if l.Sources[k] != want {
			t.Errorf("source of %s = %s, want %s", k, l.Sources[k], want)
		}
	}
	if l.File != file {
		t.Errorf("File = %q, want %q", l.File, file)
	}
}

func TestDefaults(t *testing.T) {
	clearEnv(t)
	l, err := Load(Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	want := Default()
	if diff := cmp.Diff(want, l.Config); diff != "" {
		t.Errorf("defaults (-want +got):\n%s", diff)
	}
	if l.Config.Ingest.Workers != runtime.NumCPU() {
		t.Errorf("workers = %d, want NumCPU", l.Config.Ingest.Workers)
	}
	if err := Default().Validate(); err != nil {
		t.Errorf("defaults do not validate: %v", err)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name string
		file string            // contents of whosaid.yaml; "" = none
		env  map[string]string // extra variables
		opts func(dir string) Options
		want []string // substrings of the error
	}{
		{name: "unknown key in file", file: "neo4j:\n  url: bolt://x:1\n", want: []string{"unknown key", "neo4j.url"}},
		{name: "bad yaml", file: "neo4j: [\n", want: []string{"whosaid.yaml"}},
		{name: "missing explicit file", opts: func(dir string) Options { return Options{File: filepath.Join(dir, "nope.yaml"), Dir: dir} }, want: []string{"nope.yaml", "does not exist"}},
		{name: "bad duration", env: map[string]string{"WHOSAID_HTTP_QUERY_TIMEOUT": "ten"}, want: []string{"query_timeout"}},
		{name: "bad size", env: map[string]string{"WHOSAID_HTTP_BODY_LIMIT": "10 furlongs"}, want: []string{"body_limit", "invalid size"}},
		{name: "bad int", env: map[string]string{"WHOSAID_INGEST_WORKERS": "many"}, want: []string{"workers"}},
		{name: "validation", env: map[string]string{"WHOSAID_LOG_LEVEL": "loud"}, want: []string{"log.level", "loud"}},
		{name: "missing password file", env: map[string]string{"WHOSAID_NEO4J_PASSWORD_FILE": "/nonexistent/pw"}, want: []string{"neo4j.password_file", "/nonexistent/pw"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clearEnv(t)
			dir := t.TempDir()
			if tt.file != "" {
				writeFile(t, dir, DefaultFile, tt.file)
			}
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			opts := Options{Dir: dir}
			if tt.opts != nil {
				opts = tt.opts(dir)
			}
			_, err := Load(opts)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

func TestPasswordFile(t *testing.T) {
	t.Run("explicit file", func(t *testing.T) {
		clearEnv(t)
		dir := t.TempDir()
		pw := writeFile(t, dir, "pw", "s3cret\n")
		t.Setenv("WHOSAID_NEO4J_PASSWORD_FILE", pw)
		l, err := Load(Options{Dir: dir})
		if err != nil {
			t.Fatal(err)
		}
		if l.Config.Neo4j.Password != "s3cret" || l.PasswordFrom != pw {
			t.Errorf("password %q from %q", l.Config.Neo4j.Password, l.PasswordFrom)
		}
	})
	t.Run("password wins over file", func(t *testing.T) {
		clearEnv(t)
		t.Setenv("WHOSAID_NEO4J_PASSWORD", "direct")
		t.Setenv("WHOSAID_NEO4J_PASSWORD_FILE", "/nonexistent")
		l, err := Load(Options{Dir: t.TempDir()})
		if err != nil {
			t.Fatal(err)
		}
		if l.Config.Neo4j.Password != "direct" {
			t.Errorf("password %q", l.Config.Neo4j.Password)
		}
	})
	t.Run("local launcher file follows the URI's port", func(t *testing.T) {
		clearEnv(t)
		dir := t.TempDir()
		writeFile(t, dir, ".neo4j/7702/password", "local\n")
		t.Setenv("WHOSAID_NEO4J_URI", "bolt://localhost:7702")
		l, err := Load(Options{Dir: dir})
		if err != nil {
			t.Fatal(err)
		}
		if l.Config.Neo4j.Password != "local" || l.Config.Neo4j.PasswordFile != filepath.Join(dir, ".neo4j/7702/password") {
			t.Errorf("password %q from %q", l.Config.Neo4j.Password, l.Config.Neo4j.PasswordFile)
		}
	})
	t.Run("no local file for a remote server", func(t *testing.T) {
		clearEnv(t)
		dir := t.TempDir()
		writeFile(t, dir, ".neo4j/7687/password", "local\n")
		t.Setenv("WHOSAID_NEO4J_URI", "neo4j+s://db.example:7687")
		l, err := Load(Options{Dir: dir})
		if err != nil {
			t.Fatal(err)
		}
		if l.Config.Neo4j.Password != "" {
			t.Errorf("password %q, want none", l.Config.Neo4j.Password)
		}
	})
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Config)
		want   []string // keys reported
	}{
		{"ok", func(*Config) {}, nil},
		{"uri scheme", func(c *Config) { c.Neo4j.URI = "http://x:7474" }, []string{"neo4j.uri"}},
		{"uri empty", func(c *Config) { c.Neo4j.URI = "" }, []string{"neo4j.uri"}},
		{"addr", func(c *Config) { c.HTTP.Addr = "8080" }, []string{"http.addr"}},
		{"timeouts", func(c *Config) { c.HTTP.QueryTimeout = 0; c.HTTP.ReadTimeout = -1; c.API.CypherTimeout = -time.Second },
			[]string{"http.read_timeout", "http.query_timeout", "api.cypher_timeout"}},
		{"cors", func(c *Config) {
			c.HTTP.CORSOrigins = []string{"*", "https://ok.example", "example.org", "https://x/path"}
		},
			[]string{"http.cors_origins[2]", "http.cors_origins[3]"}},
		{"proxies", func(c *Config) { c.HTTP.TrustedProxies = []string{"10.0.0.0/8", "::1", "proxy"} }, []string{"http.trusted_proxies[2]"}},
		{"short key", func(c *Config) { c.API.Keys = []string{"0123456789abcdef", "short"} }, []string{"api.keys[1]"}},
		{"rate", func(c *Config) { c.API.RateBurst = 0 }, []string{"api.rate_burst"}},
		{"rate disabled", func(c *Config) { c.API.RateLimit = 0; c.API.RateBurst = 0 }, nil},
		{"ingest", func(c *Config) { c.Ingest = Ingest{} }, []string{"ingest.workers", "ingest.batch_size", "ingest.max_file_size"}},
		{"log", func(c *Config) { c.Log = Log{Level: "verbose", Format: "xml"} }, []string{"log.level", "log.format"}},
		{"quotes", func(c *Config) { c.Quotes = Quotes{Jaccard: 0, Containment: 1.5, Bands: 0} },
			[]string{"quotes.jaccard", "quotes.containment", "quotes.bands"}},
		{"too many bands", func(c *Config) { c.Quotes.Bands = 17 }, []string{"quotes.bands"}},
		{"one band", func(c *Config) { c.Quotes.Bands = 1 }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Default()
			tt.change(&c)
			err := c.Validate()
			var got []string
			if err != nil {
				var ve *ValidationError
				if !errors.As(err, &ve) {
					t.Fatalf("error %T, want *ValidationError", err)
				}
				for _, p := range ve.Problems {
					got = append(got, p.Key)
					if p.Message == "" {
						t.Errorf("%s: empty message", p.Key)
					}
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("keys (-want +got):\n%s\nerror: %v", diff, err)
			}
		})
	}
	t.Run("secret not echoed", func(t *testing.T) {
		c := Default()
		c.API.Keys = []string{"tiny-secret"}
		if err := c.Validate(); err == nil || strings.Contains(err.Error(), "tiny-secret") {
			t.Errorf("error %v leaks the key", err)
		}
	})
}

func TestKeysDocumented(t *testing.T) {
	seen := map[string]bool{}
	for _, k := range Keys() {
		seen[k.Name] = true
		if k.Help == "" {
			t.Errorf("key %s has no help text", k.Name)
		}
	}
	for name := range help {
		if !seen[name] {
			t.Errorf("help for unknown key %s", name)
		}
	}
	// docs/configuration.md is the user's reference: it must list every key
	// and its variable.
	doc, err := os.ReadFile("../docs/configuration.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range Keys() {
		if !strings.Contains(string(doc), "`"+k.Name+"`") || !strings.Contains(string(doc), "`"+k.Env+"`") {
			t.Errorf("docs/configuration.md does not document %s / %s", k.Name, k.Env)
		}
	}
}

func TestRedacted(t *testing.T) {
	c := Default()
	c.Neo4j.Password = "hunter2"
	c.API.Keys = []string{"k1", "k2"}
	for key, want := range map[string]string{
		"neo4j.password": "[redacted]", "api.keys": "[redacted: 2]", "neo4j.uri": "bolt://127.0.0.1:7687",
		"http.query_timeout": "10s", "http.body_limit": "10MiB",
	} {
		if got := c.Redacted(key); got != want {
			t.Errorf("Redacted(%s) = %q, want %q", key, got, want)
		}
	}
	if got := Default().Redacted("neo4j.password"); got != "" {
		t.Errorf("empty password shown as %q", got)
	}
}

func TestParseByteSize(t *testing.T) {
	for in, want := range map[string]int64{"0": 0, "512": 512, "10MiB": 10 << 20, "10MB": 10 << 20, "1 GiB": 1 << 30, "4k": 4096, "7B": 7} {
		got, err := ParseByteSize(in)
		if err != nil || got != want {
			t.Errorf("ParseByteSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "MiB", "-1", "1.5MiB", "ten"} {
		if _, err := ParseByteSize(in); err == nil {
			t.Errorf("ParseByteSize(%q): no error", in)
		}
	}
}
