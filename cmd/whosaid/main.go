// Command whosaid turns news articles into a Neo4j knowledge graph of who
// said what, and serves it. All wiring of packages happens here.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signalContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := newRootCmd().ExecuteContext(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "whosaid:", err)
		os.Exit(exitCode(err))
	}
}

// signalError is the cause of a context cancelled by a signal.
type signalError struct{ sig os.Signal }

func (e signalError) Error() string { return e.sig.String() + " signal received" }

// signalContext is signal.NotifyContext whose cause names the signal
// (interruptedError turns it into the exit status), and after which a
// second signal stops the process at once.
func signalContext(parent context.Context, sigs ...os.Signal) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancelCause(parent)
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, sigs...)
	go func() {
		select {
		case s := <-ch:
			signal.Stop(ch) // the next one has its default effect
			cancel(signalError{s})
		case <-ctx.Done():
		}
	}()
	return ctx, func() { signal.Stop(ch); cancel(context.Canceled) }
}

// interruptedError is what a command cancelled half-way returns: how much
// it did, and the exit status of the signal that stopped it (128 + its
// number, 130 for Ctrl-C; 130 when cancelled otherwise). next tells the
// user what to do about it, since only some commands can simply be rerun.
func interruptedError(ctx context.Context, written int64, next string) error {
	code := 130
	var se signalError
	if errors.As(context.Cause(ctx), &se) {
		if s, ok := se.sig.(syscall.Signal); ok {
			code = 128 + int(s)
		}
	}
	return &exitError{code: code, err: fmt.Errorf("interrupted: %d documents written, %s", written, next)}
}

// rerunToContinue is the advice for commands whose work is idempotent.
const rerunToContinue = "rerun to continue"
