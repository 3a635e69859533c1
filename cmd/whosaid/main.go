// Command whosaid turns news articles into a Neo4j knowledge graph of who
// said what, and serves it. All wiring of packages happens here.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := newRootCmd().ExecuteContext(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "whosaid:", err)
		os.Exit(exitCode(err))
	}
}
