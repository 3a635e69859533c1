package config

import (
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"slices"
	"strings"
	"time"
)

// MinAPIKeyLength is the shortest API key accepted: shorter keys can be
// guessed by the rate-limited but otherwise unhindered public.
const MinAPIKeyLength = 16

// Problem is one invalid key.
type Problem struct {
	Key     string
	Message string
}

func (p Problem) String() string { return p.Key + ": " + p.Message }

// ValidationError lists every invalid key of a configuration.
type ValidationError struct {
	Problems []Problem
}

func (e *ValidationError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return "invalid configuration: " + strings.Join(lines, "; ")
}

// Validate checks every key and reports all problems at once, each naming
// the key and what is wrong with it.
func (c Config) Validate() error {
	var ps []Problem
	bad := func(key, format string, args ...any) {
		ps = append(ps, Problem{key, fmt.Sprintf(format, args...)})
	}
	positive := func(key string, d time.Duration) {
		if d <= 0 {
			bad(key, "must be a positive duration such as 5s, got %s", d)
		}
	}
	notNegative := func(key string, d time.Duration) {
		if d < 0 {
			bad(key, "must not be negative (0 means no limit), got %s", d)
		}
	}

	n := c.Neo4j
	if n.URI == "" {
		bad("neo4j.uri", "is empty (e.g. bolt://127.0.0.1:7687)")
	} else if u, err := url.Parse(n.URI); err != nil {
		bad("neo4j.uri", "cannot parse %q: %v", n.URI, err)
	} else if !slices.Contains([]string{"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"}, u.Scheme) {
		bad("neo4j.uri", "scheme %q is not a Bolt scheme (bolt, bolt+s, bolt+ssc, neo4j, neo4j+s, neo4j+ssc)", u.Scheme)
	} else if u.Host == "" {
		bad("neo4j.uri", "has no host in %q", n.URI)
	}
	notNegative("neo4j.connect_wait", n.ConnectWait)
	positive("neo4j.max_connection_lifetime", n.MaxConnectionLifetime)
	positive("neo4j.acquisition_timeout", n.AcquisitionTimeout)
	if n.MaxPoolSize < 1 {
		bad("neo4j.max_pool_size", "must be at least 1, got %d", n.MaxPoolSize)
	}

	h := c.HTTP
	if _, _, err := net.SplitHostPort(h.Addr); err != nil {
		bad("http.addr", "must be host:port or :port, got %q", h.Addr)
	}
	notNegative("http.read_timeout", h.ReadTimeout)
	notNegative("http.write_timeout", h.WriteTimeout)
	positive("http.shutdown_timeout", h.ShutdownTimeout)
	positive("http.query_timeout", h.QueryTimeout)
	if h.BodyLimit <= 0 {
		bad("http.body_limit", "must be a positive number of bytes, got %d", h.BodyLimit)
	}
	for i, o := range h.CORSOrigins {
		if o == "*" {
			continue
		}
		u, err := url.Parse(o)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") {
			bad(fmt.Sprintf("http.cors_origins[%d]", i), "%q is not an origin such as https://example.org or *", o)
		}
	}
	for i, p := range h.TrustedProxies {
		if _, err := netip.ParsePrefix(p); err == nil {
			continue
		}
		if _, err := netip.ParseAddr(p); err != nil {
			bad(fmt.Sprintf("http.trusted_proxies[%d]", i), "%q is not an IP address or CIDR", p)
		}
	}

	a := c.API
	for i, k := range a.Keys {
		if len(k) < MinAPIKeyLength {
			// Never echo the key itself: it is a secret.
			bad(fmt.Sprintf("api.keys[%d]", i), "is %d characters long, want at least %d", len(k), MinAPIKeyLength)
		}
	}
	for _, q := range []struct {
		key string
		v   float64
	}{{"quotes.jaccard", c.Quotes.Jaccard}, {"quotes.containment", c.Quotes.Containment}} {
		if q.v <= 0 || q.v > 1 {
			bad(q.key, "must be in (0, 1], got %g", q.v)
		}
	}
	if b := c.Quotes.Bands; b < 1 || b > 16 {
		bad("quotes.bands", "must be 1-16, got %d", b)
	}
	if a.RateLimit < 0 {
		bad("api.rate_limit", "must not be negative (0 disables), got %g", a.RateLimit)
	}
	if a.RateLimit > 0 && a.RateBurst < 1 {
		bad("api.rate_burst", "must be at least 1 when api.rate_limit is set, got %d", a.RateBurst)
	}
	positive("api.cypher_timeout", a.CypherTimeout)
	if a.CypherMaxRows < 1 {
		bad("api.cypher_max_rows", "must be at least 1, got %d", a.CypherMaxRows)
	}

	in := c.Ingest
	if in.Workers < 1 {
		bad("ingest.workers", "must be at least 1, got %d", in.Workers)
	}
	if in.BatchSize < 1 {
		bad("ingest.batch_size", "must be at least 1, got %d", in.BatchSize)
	}
	if in.MaxFileSize <= 0 {
		bad("ingest.max_file_size", "must be a positive number of bytes, got %d", in.MaxFileSize)
	}

	f := c.Fetch
	if strings.TrimSpace(f.UserAgent) == "" {
		bad("fetch.user_agent", "must not be empty")
	}
	if f.PerHost < 1 {
		bad("fetch.per_host", "must be at least 1, got %d", f.PerHost)
	}
	if f.Delay < 0 {
		bad("fetch.delay", "must not be negative, got %s", f.Delay)
	}
	positive("fetch.timeout", f.Timeout)
	if f.Retries < 0 {
		bad("fetch.retries", "must not be negative, got %d", f.Retries)
	}
	if f.MaxBytes <= 0 {
		bad("fetch.max_bytes", "must be a positive number of bytes, got %d", f.MaxBytes)
	}

	if !slices.Contains([]string{"debug", "info", "warn", "error"}, c.Log.Level) {
		bad("log.level", "must be debug, info, warn or error, got %q", c.Log.Level)
	}
	if !slices.Contains([]string{"text", "json"}, c.Log.Format) {
		bad("log.format", "must be text or json, got %q", c.Log.Format)
	}

	if len(ps) > 0 {
		return &ValidationError{Problems: ps}
	}
	return nil
}
