// Package config builds whosaid's typed configuration from defaults, a YAML
// file, WHOSAID_* environment variables and command-line flags, in that order
// of precedence. A Config is built once in cmd/ and passed down; nothing
// reads viper elsewhere.
package config

import "time"

// Config is the whole effective configuration.
type Config struct {
	Neo4j   Neo4j   `mapstructure:"neo4j"`
	HTTP    HTTP    `mapstructure:"http"`
	API     API     `mapstructure:"api"`
	Ingest  Ingest  `mapstructure:"ingest"`
	Fetch   Fetch   `mapstructure:"fetch"`
	Extract Extract `mapstructure:"extract"`
	Quotes  Quotes  `mapstructure:"quotes"`
	Log     Log     `mapstructure:"log"`
}

// Neo4j says how to reach the database.
type Neo4j struct {
	URI          string        `mapstructure:"uri"`
	Username     string        `mapstructure:"username"`
	Password     string        `mapstructure:"password"`      // secret
	PasswordFile string        `mapstructure:"password_file"` // read when Password is empty
	Database     string        `mapstructure:"database"`
	ConnectWait  time.Duration `mapstructure:"connect_wait"` // how long to retry an unreachable server at start
	MaxPoolSize  int           `mapstructure:"max_pool_size"`
	// Driver pool tuning for clusters, Aura and load balancers; see
	// docs/scaling.md.
	MaxConnectionLifetime time.Duration `mapstructure:"max_connection_lifetime"`
	AcquisitionTimeout    time.Duration `mapstructure:"acquisition_timeout"`
}

// HTTP configures `whosaid serve`.
type HTTP struct {
	Addr            string        `mapstructure:"addr"`
	ReadTimeout     time.Duration `mapstructure:"read_timeout"`
	WriteTimeout    time.Duration `mapstructure:"write_timeout"`
	ShutdownTimeout time.Duration `mapstructure:"shutdown_timeout"`
	QueryTimeout    time.Duration `mapstructure:"query_timeout"`
	BodyLimit       int64         `mapstructure:"body_limit"`
	CORSOrigins     []string      `mapstructure:"cors_origins"`
	TrustedProxies  []string      `mapstructure:"trusted_proxies"` // whose X-Forwarded-For to believe
}

// API configures the researchers' API: keys for write and Cypher endpoints,
// rate limits and the read-only Cypher sandbox.
type API struct {
	Keys          []string      `mapstructure:"keys"`       // secret
	RateLimit     float64       `mapstructure:"rate_limit"` // requests per second per key/IP; 0 disables
	RateBurst     int           `mapstructure:"rate_burst"`
	CypherTimeout time.Duration `mapstructure:"cypher_timeout"`
	CypherMaxRows int           `mapstructure:"cypher_max_rows"`
}

// Ingest configures extraction and loading.
type Ingest struct {
	Workers     int   `mapstructure:"workers"`
	BatchSize   int   `mapstructure:"batch_size"`
	MaxFileSize int64 `mapstructure:"max_file_size"`
}

// Fetch configures how ingest and watch fetch article URLs, feeds and
// sitemaps (docs/input.md#fetching).
type Fetch struct {
	UserAgent string        `mapstructure:"user_agent"`
	Contact   string        `mapstructure:"contact"` // URL or e-mail for site owners, sent in the User-Agent
	PerHost   int           `mapstructure:"per_host"`
	Delay     time.Duration `mapstructure:"delay"`
	Timeout   time.Duration `mapstructure:"timeout"`
	Retries   int           `mapstructure:"retries"`
	MaxBytes  int64         `mapstructure:"max_bytes"`
	Robots    bool          `mapstructure:"robots"`
	Cache     string        `mapstructure:"cache"` // conditional-request cache file; "off" disables
}

// Extract configures the extractor's output conventions.
type Extract struct {
	// MergeTurns emits quoted sentences around one attribution as one
	// statement with parts (PolNeAR's and PARC's convention) instead of
	// one statement per sentence linked by a turn id.
	MergeTurns bool `mapstructure:"merge_turns"`
	// QuoteMarks keeps the quotation marks around quoted content in the
	// content span (PARC's and PolNeAR's convention).
	QuoteMarks bool `mapstructure:"quote_marks"`
}

// Quotes configures the loader's clustering of statements into quotes
// (docs/graph-model.md#quotes).
type Quotes struct {
	Enabled     bool    `mapstructure:"enabled"`
	Jaccard     float64 `mapstructure:"jaccard"`     // shingle similarity that makes one quote
	Containment float64 `mapstructure:"containment"` // containment of a trimmed copy that makes one quote
	Bands       int     `mapstructure:"bands"`       // LSH bands: fewer write fewer keys, find fewer edited copies
}

// Log configures structured logging.
type Log struct {
	Level  string `mapstructure:"level"`  // debug, info, warn, error
	Format string `mapstructure:"format"` // text or json
}
