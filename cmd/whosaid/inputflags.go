package main

import (
	"fmt"
	"io"

	"github.com/spf13/pflag"

	"github.com/whosaid/whosaid/config"
	"github.com/whosaid/whosaid/ingest/source"
)

// inputFlags are the reader flags that extract and ingest share, so both
// read articles the same way.
type inputFlags struct {
	title       string
	url         string
	published   string
	source      string
	stdinFormat string
	strictUTF8  bool
}

func (f *inputFlags) register(fl *pflag.FlagSet) {
	fl.StringVar(&f.title, "title", "", "title for every document read (overrides the file's own)")
	fl.StringVar(&f.url, "url", "", "URL for every document read")
	fl.StringVar(&f.published, "published", "", "publication date for every document read (e.g. 2022-03-29)")
	fl.StringVar(&f.source, "source", "", "source (outlet) for every document read")
	fl.StringVar(&f.stdinFormat, "stdin-format", "", "format of standard input: txt, md, html, json or jsonl (default: sniffed)")
	fl.BoolVar(&f.strictUTF8, "strict-utf8", false, "reject documents with invalid UTF-8 instead of repairing them")
}

// check reports a bad flag value as a configuration error (exit status 2).
func (f *inputFlags) check() error {
	if f.published != "" {
		if _, ok := source.NormaliseDate(f.published); !ok {
			return &exitError{code: exitConfig, err: fmt.Errorf("--published: unrecognised date %q (want e.g. 2022-03-29)", f.published)}
		}
	}
	switch f.stdinFormat {
	case "", "txt", "md", "html", "json", "jsonl":
	default:
		return &exitError{code: exitConfig, err: fmt.Errorf("--stdin-format: want txt, md, html, json or jsonl, got %q", f.stdinFormat)}
	}
	return nil
}

// options are the reader options for these flags and the configuration.
func (f *inputFlags) options(cfg config.Config, stdin io.Reader, warn func(error)) source.Options {
	return source.Options{
		MaxFileSize:       cfg.Ingest.MaxFileSize,
		Title:             f.title,
		URL:               f.url,
		Published:         f.published,
		Source:            f.source,
		Stdin:             stdin,
		StdinFormat:       f.stdinFormat,
		RejectInvalidUTF8: f.strictUTF8,
		Warn:              warn,
	}
}
