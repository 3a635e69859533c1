#!/usr/bin/env bash
# bench/linear/run.sh — is extraction linear in the document's size?
#
# Runs BenchmarkLinear (ingest/extract/bench_test.go): one-paragraph
# documents of 0.1, 1, 4 and 16 MB, "repeated" (one unit, an unresolved
# description and a pronoun, over and over: a transcript, a PDF's text) and
# "varied" (named speakers, surnames, descriptions, pronouns, organisations
# in turn). Prints the wall and CPU time per MB of each size and, per
# variant, the ratio of the largest size's time per MB to the smallest's:
# linear extraction keeps it near 1 (the target is below 1.5).
#
# One core (-cpu 1, the per-core figure). The small sizes run for
# LINEAR_SMALL_TIME (default 3s) to average out, the large ones
# LINEAR_LARGE_COUNT times (default 2). The CPU time is the process's
# (GC included); on a shared machine it moves less than the wall time.
#
#   bench/linear/run.sh
#   LINEAR_LARGE_COUNT=5 bench/linear/run.sh
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
cd "$repo/ingest/extract"

small=${LINEAR_SMALL_TIME:-3s}
large=${LINEAR_LARGE_COUNT:-2}
out=$(mktemp)
trap 'rm -f "$out"' EXIT

go test -run '^$' -cpu 1 -bench 'BenchmarkLinear/.*/(0.1|1)MB$' -benchtime "$small" . | tee -a "$out" >&2
go test -run '^$' -cpu 1 -bench 'BenchmarkLinear/.*/(4|16)MB$' -benchtime "${large}x" . | tee -a "$out" >&2

# BenchmarkLinear/repeated/0.1MB  N  ns/op  MB/s  cpu-ns/MB  ns/MB: the
# metrics come in name order after ns/op
awk '
/^BenchmarkLinear\// {
	split($1, p, "/"); v = p[2]; size = p[3]; sub(/-[0-9]+$/, "", size)
	wall = cpu = ""
	for (i = 3; i < NF; i++) {
		if ($(i+1) == "ns/MB") wall = $i
		if ($(i+1) == "cpu-ns/MB") cpu = $i
	}
	w[v, size] = wall; c[v, size] = cpu
	if (!(v in seen)) { seen[v] = 1; vs[++nv] = v }
}
END {
	n = split("0.1MB 1MB 4MB 16MB", sizes, " ")
	printf "%-9s %-6s %12s %12s\n", "variant", "size", "wall ms/MB", "cpu ms/MB"
	for (k = 1; k <= nv; k++) {
		v = vs[k]
		for (i = 1; i <= n; i++) {
			s = sizes[i]
			if ((v, s) in w) printf "%-9s %-6s %12.1f %12.1f\n", v, s, w[v, s] / 1e6, c[v, s] / 1e6
		}
		lo = sizes[1]; hi = sizes[n]
		if ((v, lo) in w && (v, hi) in w && w[v, lo] > 0 && c[v, lo] > 0)
			printf "%-9s ratio %s/%s: wall %.2f, cpu %.2f\n", v, hi, lo, w[v, hi] / w[v, lo], c[v, hi] / c[v, lo]
	}
}' "$out"
