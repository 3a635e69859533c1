package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// validators are what a conditional request sends back.
type validators struct {
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
}

// cacheEntry is what the last successful run learnt about one fetched URL.
type cacheEntry struct {
	validators
	Final   string    `json:"final,omitempty"` // URL after redirects, when different
	Key     string    `json:"key"`             // the document's key (canonical URL)
	Fetched time.Time `json:"fetched"`
}

// Cache remembers, per fetched article URL, the validators of the response
// whose document reached the graph. It is a JSON file, read at start and
// written by Save: a page is conditionally requested only once its
// document is known to be stored, so a run that failed half-way fetches
// the rest again in full.
type Cache struct {
	path string
	mu   sync.Mutex
	m    map[string]cacheEntry // by requested URL
	// pending holds validators until the document's outcome is known.
	pending map[string][]pendingEntry // by document key
	dirty   bool
}

type pendingEntry struct {
	url string
	e   cacheEntry
}

// OpenCache reads the cache at path; a missing file is an empty cache and
// an empty path a cache kept in memory only.
func OpenCache(path string) (*Cache, error) {
	c := &Cache{path: path, m: map[string]cacheEntry{}, pending: map[string][]pendingEntry{}}
	if path == "" {
		return c, nil
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return nil, fmt.Errorf("fetch cache %s: %w", path, err)
	}
	if err := json.Unmarshal(b, &c.m); err != nil {
		return nil, fmt.Errorf("fetch cache %s: %w (delete it to start afresh)", path, err)
	}
	return c, nil
}

func (c *Cache) get(u string) (cacheEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[u]
	return e, ok
}

// hold records validators for u until Done reports the document's outcome.
func (c *Cache) hold(u string, e cacheEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pending[e.Key] = append(c.pending[e.Key], pendingEntry{url: u, e: e})
}

// Done reports the outcome of the document with key: stored (written,
// replaced or already present) keeps the validators of the responses it
// came from; failed drops them.
func (c *Cache) Done(key string, stored bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	ps := c.pending[key]
	delete(c.pending, key)
	if !stored {
		return
	}
	for _, p := range ps {
		c.m[p.url] = p.e
		c.dirty = true
	}
}

// Save writes the cache file (atomically: a temporary file renamed).
func (c *Cache) Save() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.path == "" || !c.dirty {
		return nil
	}
	b, err := json.MarshalIndent(c.m, "", " ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(c.path), 0o755); err != nil {
		return fmt.Errorf("fetch cache: %w", err)
	}
	tmp := c.path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return fmt.Errorf("fetch cache: %w", err)
	}
	if err := os.Rename(tmp, c.path); err != nil {
		return fmt.Errorf("fetch cache: %w", err)
	}
	c.dirty = false
	return nil
}
