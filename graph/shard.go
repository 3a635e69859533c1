package graph

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
)

// Shard is one of Count disjoint parts of a corpus, chosen by a hash of
// each document's key, so that n runs with shards 0/n … (n-1)/n on any
// machines, in any order, see every document exactly once, and a document
// stays in its shard when the corpus grows. The zero Shard is the whole
// corpus.
type Shard struct {
	Index, Count int
}

// ParseShard reads "i/n" with 0 ≤ i < n; "" is the whole corpus.
func ParseShard(s string) (Shard, error) {
	if s == "" {
		return Shard{}, nil
	}
	is, ns, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(is)
	n, err2 := strconv.Atoi(ns)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
		return Shard{}, FieldError("shard", "want i/n with 0 ≤ i < n (e.g. 0/4 … 3/4), got %q", s)
	}
	return Shard{Index: i, Count: n}, nil
}

func (s Shard) String() string {
	if s.Count <= 1 {
		return "0/1"
	}
	return fmt.Sprintf("%d/%d", s.Index, s.Count)
}

// HasKey reports whether the document with key belongs to the shard. The
// hash is SHA-256's first 8 bytes: the same on every platform and Go
// version, as a shard assignment must be.
func (s Shard) HasKey(key string) bool {
	if s.Count <= 1 {
		return true
	}
	sum := sha256.Sum256([]byte(key))
	return binary.BigEndian.Uint64(sum[:8])%uint64(s.Count) == uint64(s.Index)
}

// Has reports whether doc belongs to the shard, by its key (URL, else
// path, else position in standard input), or by its text when it has none.
func (s Shard) Has(doc Document) bool {
	if s.Count <= 1 {
		return true
	}
	if k := doc.Key(); k != "" {
		return s.HasKey(k)
	}
	return s.HasKey(doc.Text)
}
