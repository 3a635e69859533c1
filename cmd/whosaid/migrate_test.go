package main

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/whosaid/whosaid/graph/store"
	"github.com/whosaid/whosaid/internal/neo4jtest"
)

// TestMigrateCommand runs `whosaid migrate` against the real server: a
// pending migration is applied and reported, a second run changes nothing,
// and the constraints are in place.
func TestMigrateCommand(t *testing.T) {
	st := neo4jtest.Open(t) // migrated; the CLI reads the same WHOSAID_NEO4J_* variables
	ctx := context.Background()

	// Make the newest migration pending again. Its statements are
	// idempotent (IF NOT EXISTS), so this only forgets the record.
	v := store.SchemaVersion()
	if _, err := neo4j.ExecuteQuery(ctx, st.Driver(), `MATCH (m:SchemaMigration {version: $v}) DELETE m`,
		map[string]any{"v": v}, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(st.Database())); err != nil {
		t.Fatal(err)
	}
	if ok, err := st.SchemaCurrent(ctx); err != nil || ok {
		t.Fatalf("SchemaCurrent = %v, %v after forgetting migration %d", ok, err, v)
	}

	r := cliRun(t, ctx, "migrate", "--log-level", "warn")
	if r.err != nil {
		t.Fatalf("migrate: %v\n%s", r.err, r.stderr)
	}
	if !strings.Contains(r.stdout, fmt.Sprintf("applied migration %d ", v)) || !strings.Contains(r.stdout, fmt.Sprintf("schema now at version %d", v)) {
		t.Errorf("first run output:\n%s", r.stdout)
	}
	r = cliRun(t, ctx, "migrate", "--log-level", "warn")
	if r.err != nil {
		t.Fatalf("second migrate: %v", r.err)
	}
	if want := fmt.Sprintf("schema up to date (version %d)\n", v); r.stdout != want {
		t.Errorf("second run printed %q, want %q", r.stdout, want)
	}
	if ok, err := st.SchemaCurrent(ctx); err != nil || !ok {
		t.Errorf("SchemaCurrent = %v, %v", ok, err)
	}

	res, err := neo4j.ExecuteQuery(ctx, st.Driver(), `SHOW CONSTRAINTS YIELD name, type RETURN name, type`,
		nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(st.Database()))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, rec := range res.Records {
		name, _ := rec.Get("name")
		typ, _ := rec.Get("type")
		got[name.(string)] = typ.(string)
	}
	for _, want := range []string{"document_id", "entity_id", "statement_id", "schema_migration_version"} {
		if got[want] != "UNIQUENESS" {
			t.Errorf("constraint %s: %q (all: %v)", want, got[want], got)
		}
	}
	// Exactly one record per migration, however often migrate ran.
	res, err = neo4j.ExecuteQuery(ctx, st.Driver(), `MATCH (m:SchemaMigration) RETURN count(m) AS n, max(m.version) AS v`,
		nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(st.Database()))
	if err != nil {
		t.Fatal(err)
	}
	n, _ := res.Records[0].Get("n")
	maxV, _ := res.Records[0].Get("v")
	if n.(int64) != int64(v) || maxV.(int64) != int64(v) {
		t.Errorf("%d migration records up to version %v, want %d", n, maxV, v)
	}
}

// TestStoreWriteRead writes through an opened store and reads back, and
// checks that the uniqueness constraint the migrations created is
// enforced.
func TestStoreWriteRead(t *testing.T) {
	st := neo4jtest.Open(t)
	ctx := context.Background()
	const id = "test:cmd-whosaid-roundtrip"
	run := func(q string) (*neo4j.EagerResult, error) {
		return neo4j.ExecuteQuery(ctx, st.Driver(), q, map[string]any{"id": id, "title": "round trip"},
			neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(st.Database()))
	}
	t.Cleanup(func() { _, _ = run(`MATCH (d:Document {id: $id}) DETACH DELETE d`) })
	if _, err := run(`MATCH (d:Document {id: $id}) DETACH DELETE d`); err != nil {
		t.Fatal(err)
	}
	if _, err := run(`CREATE (:Document {id: $id, title: $title})`); err != nil {
		t.Fatalf("write: %v", err)
	}
	res, err := run(`MATCH (d:Document {id: $id}) RETURN d.title AS title LIMIT 2`)
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	if len(res.Records) != 1 {
		t.Fatalf("%d records, want 1", len(res.Records))
	}
	if title, _ := res.Records[0].Get("title"); title != "round trip" {
		t.Errorf("title %v", title)
	}
	_, err = run(`CREATE (:Document {id: $id})`)
	if err == nil || !strings.Contains(err.Error(), "ConstraintValidationFailed") {
		t.Errorf("duplicate id: err %v, want a constraint violation", err)
	}
}
