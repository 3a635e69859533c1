// Package web holds whosaid's web explorer: the single page under src/,
// bundled by `make web` (npm ci && npm run build) into dist/, and embedded
// here so that the binary serves it offline.
//
// dist/ is a build output and is not committed; only dist/.gitkeep is, so
// that the embed pattern matches on a fresh clone. A binary built without
// running the web build serves fallback/, a page that says how to build
// the explorer.
package web

import (
	"embed"
	"io/fs"
)

//go:embed all:dist
var dist embed.FS

//go:embed fallback
var fallback embed.FS

// FS returns the explorer's files (index.html at the root): the built
// bundle when it was embedded, the fallback page otherwise.
func FS() fs.FS {
	if Built() {
		sub, _ := fs.Sub(dist, "dist")
		return sub
	}
	sub, _ := fs.Sub(fallback, "fallback")
	return sub
}

// Built reports whether the binary carries the built explorer.
func Built() bool {
	_, err := fs.Stat(dist, "dist/index.html")
	return err == nil
}
