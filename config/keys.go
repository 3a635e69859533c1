package config

import (
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"time"
)

// EnvPrefix starts the environment variable of every key: neo4j.uri is
// read from WHOSAID_NEO4J_URI.
const EnvPrefix = "WHOSAID_"

// DefaultFile is the configuration file read from the working directory
// when no --config is given and the file exists.
const DefaultFile = "whosaid.yaml"

// Default returns the built-in configuration: what whosaid uses when no
// file, variable or flag says otherwise.
func Default() Config {
	return Config{
		Neo4j: Neo4j{
			URI:         "bolt://127.0.0.1:7687",
			Username:    "neo4j",
			Database:    "neo4j",
			ConnectWait: 30 * time.Second,
			MaxPoolSize: 100,
			// The Go driver's defaults, stated so `whosaid config` shows them.
			MaxConnectionLifetime: time.Hour,
			AcquisitionTimeout:    30 * time.Second,
		},
		HTTP: HTTP{
			Addr:            ":8080",
			ReadTimeout:     30 * time.Second,
			WriteTimeout:    60 * time.Second,
			ShutdownTimeout: 15 * time.Second,
			QueryTimeout:    10 * time.Second,
			BodyLimit:       10 << 20,
			CORSOrigins:     []string{},
			TrustedProxies:  []string{},
		},
		API: API{
			Keys:          []string{},
			RateLimit:     20,
			RateBurst:     40,
			CypherTimeout: 5 * time.Second,
			CypherMaxRows: 1000,
		},
		Ingest: Ingest{
			Workers:     runtime.NumCPU(),
			BatchSize:   500,
			MaxFileSize: 10 << 20,
		},
		Fetch: Fetch{
			UserAgent: "whosaid",
			PerHost:   2,
			Delay:     time.Second,
			Timeout:   30 * time.Second,
			Retries:   3,
			MaxBytes:  10 << 20,
			Robots:    true,
		},
		Quotes: Quotes{Enabled: true, Jaccard: 0.6, Containment: 0.9, Bands: 10},
		Log:    Log{Level: "info", Format: "text"},
	}
}

// help documents every key; a test checks that it covers exactly the fields
// of Config, so a new field cannot be added without saying what it means.
var help = map[string]string{
	"neo4j.uri":                     "Bolt URI of the Neo4j server (bolt://, bolt+s://, neo4j://, neo4j+s://)",
	"neo4j.username":                "Neo4j user; empty disables authentication",
	"neo4j.password":                "Neo4j password (secret); prefer neo4j.password_file",
	"neo4j.password_file":           "file holding the Neo4j password, read when neo4j.password is empty; when both are empty and the URI is local, .neo4j/<port>/password in the working directory is used if it exists (written by deploy/neo4j/neo4j-local)",
	"neo4j.database":                "database every session uses (neo4j, the default database of Community and Aura); empty means the user's home database",
	"neo4j.connect_wait":            "how long commands retry an unreachable server at start",
	"neo4j.max_pool_size":           "maximum open Bolt connections",
	"neo4j.max_connection_lifetime": "pooled connections older than this are closed and replaced (keep it below any idle cut-off of a load balancer or firewall)",
	"neo4j.acquisition_timeout":     "how long a query waits for a pooled connection before failing",
	"http.addr":                     "address `whosaid serve` listens on",
	"http.read_timeout":             "maximum time to read a whole request; 0 = no limit",
	"http.write_timeout":            "maximum time to write a response; 0 = no limit (streaming handlers extend it per request)",
	"http.shutdown_timeout":         "how long shutdown waits for in-flight requests",
	"http.query_timeout":            "default time limit of one API query",
	"http.body_limit":               "maximum request body in bytes (suffixes KiB, MiB, GiB allowed)",
	"http.cors_origins":             "origins allowed by CORS (comma-separated in env/flags, \"*\" for any); empty disables CORS",
	"http.trusted_proxies":          "proxy addresses/CIDRs whose X-Forwarded-For is believed for client IPs; empty trusts none",
	"api.keys":                      "API keys (secret) for write and Cypher endpoints, comma-separated in env/flags",
	"api.rate_limit":                "requests per second allowed per API key or client IP; 0 disables rate limiting",
	"api.rate_burst":                "requests allowed in a burst above api.rate_limit",
	"api.cypher_timeout":            "time limit of one POST /cypher query",
	"api.cypher_max_rows":           "maximum rows returned by POST /cypher",
	"ingest.workers":                "parallel extraction workers (default: number of CPUs)",
	"ingest.batch_size":             "documents written to Neo4j per transaction",
	"ingest.max_file_size":          "largest input file accepted, in bytes (suffixes KiB, MiB, GiB allowed)",
	"fetch.user_agent":              "product token sent as the User-Agent of every request; whosaid appends its version, fetch.contact and the purpose",
	"fetch.contact":                 "URL or e-mail address site owners can reach you at, sent in the User-Agent (please set it)",
	"fetch.per_host":                "concurrent requests to one host",
	"fetch.delay":                   "minimum time between two requests to one host (a longer robots.txt Crawl-delay wins)",
	"fetch.timeout":                 "time limit of one request, body included",
	"fetch.retries":                 "extra attempts after a 429, a 5xx or a network error, with exponential backoff from 1s (Retry-After wins when longer)",
	"fetch.max_bytes":               "largest response body read, in bytes (suffixes KiB, MiB, GiB allowed)",
	"fetch.robots":                  "obey robots.txt; turn off (--robots=false) only for sites or archives you own",
	"fetch.cache":                   "file of ETag/Last-Modified validators for conditional requests on re-runs; empty = the user cache directory (~/.cache/whosaid/fetch.json), off = none",
	"extract.merge_turns":           "emit a turn (quoted sentences around one attribution) as one statement with parts, as PolNeAR and PARC annotate it; default: one statement per sentence, linked by turn",
	"extract.quote_marks":           "keep the quotation marks around quoted content in its span and text, as PARC and PolNeAR annotate content; default: the quoted words alone",
	"quotes.enabled":                "cluster each document's copies of one remark into quotes while loading (docs/graph-model.md#quotes); false loads statements without quotes",
	"quotes.jaccard":                "word-shingle Jaccard similarity (0-1] at which two statements of the same speakers are one quote",
	"quotes.containment":            "containment (0-1] of the shorter statement's shingles in the longer at which a trimmed copy is the same quote",
	"quotes.bands":                  "LSH bands of 2 min-hashes each that find near-duplicate candidates (1-16): fewer make ingest faster and find fewer edited copies (docs/graph-model.md#quotes); safe to change on a loaded graph",
	"log.level":                     "log level: debug, info, warn or error",
	"log.format":                    "log format: text or json",
}

// secrets are redacted whenever a configuration is printed.
var secrets = map[string]bool{"neo4j.password": true, "api.keys": true}

// Key describes one configuration key.
type Key struct {
	Name    string       // dotted, e.g. "neo4j.uri"
	Env     string       // e.g. "WHOSAID_NEO4J_URI"
	Help    string       // one line
	Secret  bool         // redacted when printed
	Type    reflect.Type // Go type of the field
	Default any          // value in Default()
}

// Keys lists every configuration key in the order of the Config struct.
func Keys() []Key {
	var keys []Key
	def := reflect.ValueOf(Default())
	t := def.Type()
	for i := range t.NumField() {
		section := t.Field(i)
		prefix := section.Tag.Get("mapstructure")
		for j := range section.Type.NumField() {
			f := section.Type.Field(j)
			name := prefix + "." + f.Tag.Get("mapstructure")
			keys = append(keys, Key{
				Name:    name,
				Env:     EnvName(name),
				Help:    help[name],
				Secret:  secrets[name],
				Type:    f.Type,
				Default: def.Field(i).Field(j).Interface(),
			})
		}
	}
	return keys
}

// LookupKey returns the key called name.
func LookupKey(name string) (Key, bool) {
	for _, k := range Keys() {
		if k.Name == name {
			return k, true
		}
	}
	return Key{}, false
}

// EnvName is the environment variable of a key.
func EnvName(key string) string {
	return EnvPrefix + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))
}

// FormatValue renders a value the way a user would write it in a file or
// flag: durations as 5s, lists comma-separated.
func FormatValue(v any) string {
	switch v := v.(type) {
	case time.Duration:
		return v.String()
	case []string:
		return strings.Join(v, ",")
	case string:
		return v
	case int64: // only byte sizes are int64
		return FormatByteSize(v)
	default:
		return fmt.Sprint(v)
	}
}

// FormatByteSize renders n with the largest binary unit that divides it
// exactly, so that ParseByteSize reads it back: 10MiB, 1536KiB, 7.
func FormatByteSize(n int64) string {
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n != 0 && n%u.mult == 0 {
			return fmt.Sprintf("%d%s", n/u.mult, u.suffix)
		}
	}
	return fmt.Sprint(n)
}

// value returns the field of c named by key.
func (c Config) value(key string) any {
	section, field, _ := strings.Cut(key, ".")
	v := reflect.ValueOf(c)
	t := v.Type()
	for i := range t.NumField() {
		if t.Field(i).Tag.Get("mapstructure") != section {
			continue
		}
		sv := v.Field(i)
		for j := range sv.NumField() {
			if sv.Type().Field(j).Tag.Get("mapstructure") == field {
				return sv.Field(j).Interface()
			}
		}
	}
	return nil
}
