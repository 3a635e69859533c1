package main

import (
	"fmt"
	"iter"

	"github.com/spf13/pflag"

	"github.com/whosaid/whosaid/graph"
)

// shardFlag is --shard i/n of extract, ingest and import: only the
// documents whose key hashes to shard i of n are processed, so n runs
// over the same inputs never overlap (see graph.Shard).
type shardFlag struct {
	text  string
	shard graph.Shard
}

func (f *shardFlag) register(fl *pflag.FlagSet) {
	fl.StringVar(&f.text, "shard", "", "process only shard i of n (i/n, 0 ≤ i < n), chosen by a hash of each document's key (URL, else path): n runs over the same inputs never overlap")
}

// parse checks the flag; a bad value is a usage error (exit status 2).
func (f *shardFlag) parse() error {
	s, err := graph.ParseShard(f.text)
	if err != nil {
		return &exitError{code: exitConfig, err: fmt.Errorf("--shard: %w", err)}
	}
	f.shard = s
	return nil
}

// documents keeps the documents of the shard; read errors pass through
// (they name no document key), so every shard reports them.
func (f *shardFlag) documents(in iter.Seq2[graph.Document, error]) iter.Seq2[graph.Document, error] {
	if f.shard.Count <= 1 {
		return in
	}
	return func(yield func(graph.Document, error) bool) {
		for d, err := range in {
			if err == nil && !f.shard.Has(d) {
				continue
			}
			if !yield(d, err) {
				return
			}
		}
	}
}

// extractions is documents for extraction inputs (ingest --extractions).
func (f *shardFlag) extractions(in iter.Seq2[graph.Extraction, error]) iter.Seq2[graph.Extraction, error] {
	if f.shard.Count <= 1 {
		return in
	}
	return func(yield func(graph.Extraction, error) bool) {
		for x, err := range in {
			if err == nil && !f.shard.Has(x.Document) {
				continue
			}
			if !yield(x, err) {
				return
			}
		}
	}
}
