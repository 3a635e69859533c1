package export_test

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/whosaid/whosaid/export"
)

// TestCSVImportsWithNeo4jAdmin proves the CSV export by its consumer:
// `neo4j-admin database import full` (org.neo4j.cli.AdminTool, which the
// Maven jars of deploy/neo4j carry) imports it into a fresh database, a
// second Neo4j server is started on that database, and its counts and
// properties are compared with what was exported.
func TestCSVImportsWithNeo4jAdmin(t *testing.T) {
	s := loadFixture(t)
	lib := neo4jLib(t)

	dir := t.TempDir()
	csvDir := filepath.Join(dir, "csv")
	if err := os.Mkdir(csvDir, 0o755); err != nil {
		t.Fatal(err)
	}
	w, err := export.NewCSVDirWriter(csvDir, export.Meta{})
	if err != nil {
		t.Fatal(err)
	}
	x := &export.Exporter{Driver: s.Driver(), Database: s.Database()}
	st, err := x.Export(context.Background(), export.Scope{}, w)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}

	home := filepath.Join(dir, "home")
	port := freePort(t)
	writeConf(t, home, port)
	env := append(os.Environ(), "NEO4J_HOME="+home, "NEO4J_CONF="+filepath.Join(home, "conf"))
	imp := exec.Command("java", "-Xmx512m", "-cp", filepath.Join(lib, "*"), "org.neo4j.cli.AdminTool",
		"database", "import", "full",
		"--nodes="+filepath.Join(csvDir, export.CSVNodesFile),
		"--relationships="+filepath.Join(csvDir, export.CSVRelsFile),
		"--multiline-fields=true", "--bad-tolerance=0", "--skip-bad-relationships=false",
		"--report-file="+filepath.Join(dir, "import.report"), "neo4j")
	imp.Env = env
	out, err := imp.CombinedOutput()
	if err != nil {
		t.Fatalf("neo4j-admin database import full: %v\n%s", err, out)
	}
	if !bytes.Contains(out, []byte("IMPORT DONE")) {
		t.Fatalf("import did not finish:\n%s", out)
	}

	drv := startServer(t, lib, home, port)
	ctx := context.Background()
	res, err := neo4j.ExecuteQuery(ctx, drv, `
CALL { MATCH (n) RETURN count(n) AS nodes }
CALL { MATCH (n:Entity) RETURN count(n) AS entities }
CALL { MATCH ()-[r]->() RETURN count(r) AS rels }
CALL { MATCH (a:Person {id: 'person:alice'}) RETURN a.aliases AS aliases, a.statements AS said, a.first_seen AS first }
CALL { MATCH (:Person {id: 'person:alice'})-[r:SPOKE_ABOUT]->(:Place {id: 'place:kyiv'}) RETURN r.weight AS weight, size(r.statements) AS ids }
RETURN nodes, entities, rels, aliases, said, first, weight, ids`, nil, neo4j.EagerResultTransformer)
	if err != nil {
		t.Fatal(err)
	}
	r := res.Records[0].AsMap()
	want := map[string]any{"nodes": st.Nodes, "entities": st.Nodes, "rels": st.Edges,
		"aliases": []any{"A. Liddell"}, "said": int64(3), "first": "2022-03-01", "weight": int64(3), "ids": int64(3)}
	for k, v := range want {
		if fmt.Sprint(r[k]) != fmt.Sprint(v) {
			t.Errorf("imported %s = %v, want %v", k, r[k], v)
		}
	}
}

// neo4jLib finds the Neo4j jars: WHOSAID_NEO4J_LIB, else the cache that
// deploy/neo4j/neo4j-local fills.
func neo4jLib(t *testing.T) string {
	t.Helper()
	lib := os.Getenv("WHOSAID_NEO4J_LIB")
	if lib == "" {
		lib = filepath.Join("..", ".neo4j", "lib")
	}
	_, javaErr := exec.LookPath("java")
	matches, _ := filepath.Glob(filepath.Join(lib, "neo4j-import-tool-*.jar"))
	if javaErr != nil || len(matches) == 0 {
		if os.Getenv("WHOSAID_REQUIRE_CONSUMERS") == "1" {
			t.Fatalf("java and the Neo4j jars (with neo4j-import-tool) are required; set WHOSAID_NEO4J_LIB (looked in %s)", lib)
		}
		t.Skipf("java or Neo4j jars not found in %s (set WHOSAID_NEO4J_LIB)", lib)
	}
	abs, err := filepath.Abs(lib)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func writeConf(t *testing.T, home string, port int) {
	t.Helper()
	for _, d := range []string{"conf", "data", "logs", "run"} {
		if err := os.MkdirAll(filepath.Join(home, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	conf := strings.Join([]string{
		fmt.Sprintf("server.bolt.listen_address=127.0.0.1:%d", port),
		"server.http.enabled=false",
		"server.https.enabled=false",
		"dbms.usage_report.enabled=false",
		"dbms.security.auth_enabled=false",
		"server.memory.heap.initial_size=256m",
		"server.memory.heap.max_size=512m",
		"server.memory.pagecache.size=64m",
		"server.directories.data=" + filepath.Join(home, "data"),
		"server.directories.logs=" + filepath.Join(home, "logs"),
		"server.directories.run=" + filepath.Join(home, "run"),
	}, "\n") + "\n"
	if err := os.WriteFile(filepath.Join(home, "conf", "neo4j.conf"), []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
}

// startServer runs a throwaway Neo4j on the imported database until the
// test ends.
func startServer(t *testing.T, lib, home string, port int) neo4j.DriverWithContext {
	t.Helper()
	cmd := exec.Command("java", "-Xms256m", "-Xmx512m",
		"--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
		"--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
		"-cp", filepath.Join(lib, "*"), "org.neo4j.server.CommunityEntryPoint",
		"--home-dir="+home, "--config-dir="+filepath.Join(home, "conf"))
	var log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
	})
	drv, err := neo4j.NewDriverWithContext(fmt.Sprintf("bolt://127.0.0.1:%d", port), neo4j.NoAuth())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { drv.Close(context.Background()) })
	deadline := time.Now().Add(3 * time.Minute)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err := drv.VerifyConnectivity(ctx)
		cancel()
		if err == nil {
			return drv
		}
		if time.Now().After(deadline) || cmd.ProcessState != nil {
			t.Fatalf("imported database did not come up: %v\n%s", err, log.String())
		}
		time.Sleep(time.Second)
	}
}

// TestStoredCSVClonesTheDatabase exports the stored model as CSV, imports
// it with neo4j-admin into a fresh database and compares every label,
// relationship type and a sample of properties with the source.
func TestStoredCSVClonesTheDatabase(t *testing.T) {
	s := loadFixture(t)
	lib := neo4jLib(t)
	dir := t.TempDir()
	csvDir := filepath.Join(dir, "csv")
	if err := os.Mkdir(csvDir, 0o755); err != nil {
		t.Fatal(err)
	}
	w := export.NewStoredCSVDirWriter(csvDir)
	x := &export.Exporter{Driver: s.Driver(), Database: s.Database()}
	st, err := x.ExportStored(context.Background(), w)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	txt, err := os.ReadFile(filepath.Join(csvDir, "import.txt"))
	if err != nil || !bytes.Contains(txt, []byte("neo4j-admin database import full")) {
		t.Fatalf("import.txt: %v %s", err, txt)
	}
	nodeFiles, _ := filepath.Glob(filepath.Join(csvDir, "nodes-*.csv"))
	relFiles, _ := filepath.Glob(filepath.Join(csvDir, "relationships-*.csv"))
	for i := range nodeFiles {
		nodeFiles[i] = filepath.Base(nodeFiles[i])
	}
	for i := range relFiles {
		relFiles[i] = filepath.Base(relFiles[i])
	}

	home := filepath.Join(dir, "home")
	port := freePort(t)
	writeConf(t, home, port)
	args := append([]string{"-Xmx512m", "-cp", filepath.Join(lib, "*"), "org.neo4j.cli.AdminTool"},
		export.ImportArgs(csvDir, nodeFiles, relFiles)...)
	args = append(args, "--bad-tolerance=0", "neo4j")
	imp := exec.Command("java", args...)
	imp.Env = append(os.Environ(), "NEO4J_HOME="+home, "NEO4J_CONF="+filepath.Join(home, "conf"))
	if out, err := imp.CombinedOutput(); err != nil || !bytes.Contains(out, []byte("IMPORT DONE")) {
		t.Fatalf("neo4j-admin database import full: %v\n%s", err, out)
	}
	drv := startServer(t, lib, home, port)
	fix, err := os.ReadFile(filepath.Join(csvDir, "fixup.cypher"))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range export.FixupStatements(string(fix)) {
		if _, err := neo4j.ExecuteQuery(context.Background(), drv, q, nil, neo4j.EagerResultTransformer); err != nil {
			t.Fatalf("fixup %s: %v", q, err)
		}
	}

	const summary = `
CALL { MATCH (n) WHERE NOT n:SchemaMigration RETURN count(n) AS nodes }
CALL { MATCH ()-[r]->() RETURN count(r) AS rels }
CALL { MATCH (n) WHERE NOT n:SchemaMigration UNWIND labels(n) AS l WITH l, count(*) AS c ORDER BY l RETURN collect(l + '=' + c) AS labels }
CALL { MATCH ()-[r]->() WITH type(r) AS t, count(*) AS c ORDER BY t RETURN collect(t + '=' + c) AS types }
CALL { MATCH (d:Document) WITH d ORDER BY d.id RETURN collect([d.id, d.text, d.published, valueType(d.ingested_at), d.statement_count]) AS docs }
CALL { MATCH (e:Person {id: 'person:alice'}) RETURN [e.name, e.aliases, e.roles, valueType(e.aliases)] AS alice }
CALL { MATCH (d:Document)-[m:MENTIONS]->(e:Entity {id: 'person:alice'}) WITH d, m ORDER BY m.count, d.id RETURN collect([m.count, m.aliases]) AS mentions }
CALL { MATCH (:Entity)-[r:SAID]->(s:Statement) WITH r, s ORDER BY s.id RETURN collect([s.id, s.kind, s.text, s.confidence, r.resolved_from, r.kind]) AS said }
CALL { MATCH (s:Statement) WITH s ORDER BY s.id
       RETURN collect([s.id, s.turn, s.part_starts, s.part_ends, s.part_texts, s.unresolved_texts, s.unresolved_starts,
                       s.unresolved_kinds, s.unresolved_types, s.unresolved_resolved_from]) AS statements }
CALL { MATCH (d:Document) WITH d ORDER BY d.id RETURN collect([d.id, d.authors]) AS authors }
RETURN nodes, rels, labels, types, docs, alice, mentions, said, statements, authors`
	read := func(d neo4j.DriverWithContext, db string) map[string]any {
		res, err := neo4j.ExecuteQuery(context.Background(), d, summary, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db))
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Records) != 1 {
			t.Fatalf("summary returned %d rows (is another test using the database? run with -p 1)", len(res.Records))
		}
		return res.Records[0].AsMap()
	}
	src, dst := read(s.Driver(), s.Database()), read(drv, "")
	// The fixture has them, so the comparison below covers them.
	for _, want := range []string{"Jo Park", "Alice\x1fBob", "The report", "document", "person"} {
		if got := fmt.Sprint(src["statements"], src["authors"], src["said"]); !strings.Contains(got, strings.ReplaceAll(want, "\x1f", " ")) {
			t.Errorf("the fixture lost %q: %s", want, got)
		}
	}
	if src["nodes"] != st.Nodes || src["rels"] != st.Edges {
		t.Errorf("exported %d nodes, %d relationships; the source has %v, %v", st.Nodes, st.Edges, src["nodes"], src["rels"])
	}
	for k := range src {
		if fmt.Sprint(src[k]) != fmt.Sprint(dst[k]) {
			t.Errorf("%s differs after the round trip:\nsource   %v\nimported %v", k, src[k], dst[k])
		}
	}
}
