package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/whosaid/whosaid/graph/store"
	"github.com/whosaid/whosaid/internal/neo4jtest"
)

// saidKeyParts reads each SAID relationship with the parts of its key;
// checkSaidKeys compares the stored key with the one built from them in Go:
// speaker, day (undated last), document, zero-padded start and id, joined
// by tabs.
const saidKeyParts = `MATCH (e:Entity)-[r:SAID]->(s:Statement)
RETURN e.id AS e, s.date AS date, s.document AS doc, s.start AS start, s.id AS id, r.key AS key ORDER BY e, id`

func checkSaidKeys(t *testing.T, rows []map[string]any) {
	t.Helper()
	if len(rows) == 0 {
		t.Fatal("no SAID relationships")
	}
	for _, r := range rows {
		day, _ := r["date"].(string)
		if day == "" {
			day = "~"
		}
		want := fmt.Sprintf("%s\t%s\t%s\t%012d\t%s", r["e"], day, r["doc"], r["start"], r["id"])
		if diff := cmp.Diff(want, r["key"]); diff != "" {
			t.Errorf("key of %s SAID %s (-want +got):\n%s", r["e"], r["id"], diff)
		}
	}
}

func TestSaidKeyWrittenAndBackfilled(t *testing.T) {
	s := neo4jtest.Open(t)
	neo4jtest.Reset(t, s)
	load(t, s, docA(t), docB(t))
	checkSaidKeys(t, query(t, s, saidKeyParts, nil))

	// A graph loaded before the key existed: migration 5 backfills it.
	query(t, s, `MATCH ()-[r:SAID]->() REMOVE r.key`, nil)
	rerunMigration(t, s, 5)
	checkSaidKeys(t, query(t, s, saidKeyParts, nil))
	if n := one(t, s, `SHOW INDEXES YIELD name, state WHERE name = 'said_key' AND state = 'ONLINE' RETURN count(*)`, nil); n != int64(1) {
		t.Errorf("said_key index online: %v", n)
	}
}

// rerunMigration forgets that migration v ran and migrates again, as
// whosaid does on a graph loaded before v existed.
func rerunMigration(t *testing.T, s *store.Store, v int) {
	t.Helper()
	query(t, s, `MATCH (m:SchemaMigration {version: $v}) DELETE m`, map[string]any{"v": v})
	applied, err := s.Migrate(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(applied) != 1 {
		t.Errorf("applied %v, want migration %d only", applied, v)
	}
}
