// Package doccheck holds a test, not code: every shell command in README.md
// and docs/*.md must run as written. TestShellBlocks parses each ```sh block
// (mvdan.cc/sh) and checks what each command names: make targets exist,
// scripts and repository paths exist, `whosaid SUBCOMMAND --flag` names a
// real subcommand and flags (the built binary's --help), input paths of
// extract, ingest and import exist, and `go run|test ./pkg` packages exist.
// Commands that need a server, the network or a machine's own files (curl,
// docker, absolute paths, $VARIABLES) are parsed but not checked further.
package doccheck
