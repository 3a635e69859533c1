package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestRunMain is the whosaid command when a test starts this test binary
// as a child with WHOSAID_TEST_MAIN set to the arguments (JSON).
func TestRunMain(t *testing.T) {
	args := os.Getenv("WHOSAID_TEST_MAIN")
	if args == "" {
		t.Skip("only as a child process")
	}
	os.Args = []string{"whosaid"}
	if err := json.Unmarshal([]byte(args), &os.Args); err != nil {
		t.Fatal(err)
	}
	os.Args = append([]string{"whosaid"}, os.Args...)
	main()
	os.Exit(0)
}

// bigCorpus writes a small document and then large one-paragraph ones
// (seconds of work each), so that a signal a second in lands mid-corpus.
func bigCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	unit := `The minister said the plan would work. "We are ready," she said. `
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte(strings.Repeat(unit, 10)), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"b.txt", "c.txt", "d.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(strings.Repeat(unit, 8_000_000/len(unit))), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// sigtermAfterASecond runs whosaid with args as a child, stdout to the
// file out, sends SIGTERM a second in and returns its stderr, having
// checked that it exited with 143.
func sigtermAfterASecond(t *testing.T, out string, args ...string) string {
	t.Helper()
	stdout, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer stdout.Close()
	a, _ := json.Marshal(args)
	cmd := exec.Command(os.Args[0], "-test.run=^TestRunMain$")
	cmd.Env = append(os.Environ(), "WHOSAID_TEST_MAIN="+string(a), "WHOSAID_INGEST_WORKERS=1")
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// output is buffered, so there is no telling how far it got: a second
	// in, it is in the middle of the 8 MB documents (they take seconds)
	time.Sleep(time.Second)
	sent := time.Now()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	err = cmd.Wait()
	t.Logf("stopped %v after SIGTERM", time.Since(sent).Round(time.Millisecond))
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 128+int(syscall.SIGTERM) {
		t.Errorf("exit: %v, want status %d", err, 128+int(syscall.SIGTERM))
	}
	return stderr.String()
}

// TestExtractStopsOnSIGTERM checks that extract stops with exit status 143
// and the interrupted message, having written whole documents only, as
// many as the message says.
func TestExtractStopsOnSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	out := filepath.Join(t.TempDir(), "out.jsonl")
	stderr := sigtermAfterASecond(t, out, "extract", "--max-file-size", "64MiB", bigCorpus(t))
	m := regexp.MustCompile(`whosaid: interrupted: (\d+) documents written, each whole in the output; rerun for the whole input`).FindStringSubmatch(stderr)
	if m == nil {
		t.Fatalf("stderr %q, want the interrupted message", stderr)
	}
	// what was written is whole: as many complete documents as it says
	b, _ := os.ReadFile(out)
	if len(b) > 0 && b[len(b)-1] != '\n' {
		t.Errorf("output ends inside a line")
	}
	if exs := decodeLines(t, string(b)); strconv.Itoa(len(exs)) != m[1] {
		t.Errorf("wrote %d documents, the message says %s", len(exs), m[1])
	}
}

// TestImportStopsOnSIGTERM checks that an interrupted import does not tell
// the user to rerun into the same directory (it would refuse the partial
// CSV files) but names them and says what to do.
func TestImportStopsOnSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	tmp := t.TempDir()
	to := filepath.Join(tmp, "csv")
	stderr := sigtermAfterASecond(t, filepath.Join(tmp, "stdout"), "import", "--admin", "", "--max-file-size", "64MiB", "--to", to, bigCorpus(t))
	want := "documents written, but the CSV files in " + to + " are incomplete and an import cannot resume: delete them"
	if !strings.Contains(stderr, want) {
		t.Errorf("stderr %q, want it to contain %q", stderr, want)
	}
}
