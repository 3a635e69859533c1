package store

import (
	"context"
	"fmt"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/whosaid/whosaid/graph/quote"
)

// A migration is a numbered, named list of idempotent schema statements.
// Applied migrations are recorded as (:SchemaMigration {version}) nodes so a
// later version of whosaid knows what ran. Never edit a released migration:
// append a new one.
type migration struct {
	Version    int
	Name       string
	Statements []string
	// Run, if set, runs after Statements: data work that needs Go (it
	// must be resumable, since the migration is recorded only after it).
	Run func(*Store, context.Context) error
}

// migrations is the schema, in order. Statements use IF NOT EXISTS so that
// re-running a partly applied migration is safe.
var migrations = []migration{
	{1, "uniqueness constraints on ids", []string{
		`CREATE CONSTRAINT schema_migration_version IF NOT EXISTS FOR (m:SchemaMigration) REQUIRE m.version IS UNIQUE`,
		`CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE`,
		`CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE`,
		`CREATE CONSTRAINT person_id IF NOT EXISTS FOR (e:Person) REQUIRE e.id IS UNIQUE`,
		`CREATE CONSTRAINT organisation_id IF NOT EXISTS FOR (e:Organisation) REQUIRE e.id IS UNIQUE`,
		`CREATE CONSTRAINT place_id IF NOT EXISTS FOR (e:Place) REQUIRE e.id IS UNIQUE`,
		`CREATE CONSTRAINT statement_id IF NOT EXISTS FOR (s:Statement) REQUIRE s.id IS UNIQUE`,
	}, nil},
	{2, "lookup indexes for replacement, history and date filters", []string{
		`CREATE INDEX document_key IF NOT EXISTS FOR (d:Document) ON (d.key)`,
		`CREATE INDEX document_published IF NOT EXISTS FOR (d:Document) ON (d.published)`,
		`CREATE INDEX statement_date IF NOT EXISTS FOR (s:Statement) ON (s.date)`,
		`CREATE INDEX statement_kind IF NOT EXISTS FOR (s:Statement) ON (s.kind)`,
		`CREATE INDEX statement_document IF NOT EXISTS FOR (s:Statement) ON (s.document)`,
		`CREATE INDEX entity_name IF NOT EXISTS FOR (e:Entity) ON (e.name)`,
	}, nil},
	{3, "full-text indexes over statement text and entity names and aliases", []string{
		`CREATE FULLTEXT INDEX statement_text IF NOT EXISTS FOR (s:Statement) ON EACH [s.text]`,
		`CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (e:Entity) ON EACH [e.name, e.alias_text]`,
	}, nil},
	{4, "relationship index for deleting one document's roles", []string{
		`CREATE INDEX holds_role_document IF NOT EXISTS FOR ()-[r:HOLDS_ROLE]-() ON (r.document)`,
	}, nil},
	// The backfill runs before the index is built (one population scan
	// instead of index updates per write) and skips keys already written,
	// so a re-run after an interruption resumes.
	{5, "speaker history key on SAID and its range index", []string{
		`MATCH (e:Entity)-[r:SAID]->(s:Statement) WHERE r.key IS NULL
CALL (e, r, s) { SET r.key = ` + saidKey + ` } IN TRANSACTIONS OF 10000 ROWS`,
		`CREATE RANGE INDEX said_key IF NOT EXISTS FOR ()-[r:SAID]-() ON (r.key)`,
	}, nil},
	// Entities named only in undated documents keep no dates and are
	// visited again by a re-run, which is harmless.
	{6, "first and last seen dates on entities", []string{
		`MATCH (e:Entity) WHERE e.first_seen IS NULL
CALL (e) {
  OPTIONAL MATCH (d:Document)-[:MENTIONS]->(e)
  WITH min(d.published) AS first, max(d.published) AS last
  SET e.first_seen = first, e.last_seen = last
} IN TRANSACTIONS OF 5000 ROWS`,
	}, nil},
	{7, "document counts on entities", []string{
		`MATCH (e:Entity) WHERE e.documents IS NULL
CALL (e) {
  SET e.documents = COUNT { (:Document)-[:MENTIONS]->(e) }
} IN TRANSACTIONS OF 5000 ROWS`,
	}, nil},
	// Statements written before turns existed have no turn, so there is
	// nothing to backfill: the index covers the statements that have one.
	{8, "range index on the turn id of statements", []string{
		`CREATE INDEX statement_turn IF NOT EXISTS FOR (s:Statement) ON (s.turn)`,
	}, nil},
	// The quote index (see quotes.go). Statements written before have no
	// quote until their documents are loaded again: clustering is the
	// loader's work, not a Cypher backfill.
	{9, "quotes: id constraint, variant and LSH key indexes on statements, quote indexes", []string{
		`CREATE CONSTRAINT quote_id IF NOT EXISTS FOR (q:Quote) REQUIRE q.id IS UNIQUE`,
		`CREATE INDEX statement_quote_variant IF NOT EXISTS FOR (s:Statement) ON (s.quote_variant)`,
		// The full-text index statement_quote_keys that this migration
		// first created is dropped by migration 10, which every graph
		// reaching 9 also runs: no longer created, so that a bulk import
		// (import --finish) does not populate it over every statement only
		// to drop it (it populated for over 4 minutes of the 1M-article
		// import's finish before migration 10 dropped it).
		`CREATE INDEX quote_reports IF NOT EXISTS FOR (q:Quote) ON (q.reports)`,
		`CREATE INDEX quote_first_date IF NOT EXISTS FOR (q:Quote) ON (q.first_date)`,
	}, nil},
	// Near-duplicate candidates moved from a full-text index over
	// statements (one query per statement) to QUOTE_KEY relationships on
	// quotes with a range index (one query per batch), which migration 11
	// replaced in turn by key slots on the statements: the QUOTE_KEY
	// backfill and index that this migration first made are no longer
	// built, since every graph reaching 10 also runs 11, which deletes
	// them (on a bulk import's finish, the backfill walked every quote to
	// find none).
	{10, "quotes: key relationships with a range index replace the full-text key index", []string{
		`DROP INDEX statement_quote_keys IF EXISTS`,
	}, nil},
	// Near-duplicate candidates are found through key slots on the
	// statements (quotes.go): one range index per slot. Statements
	// clustered before get their slots from their text and speakers, then
	// the QUOTE_KEY relationships and their index go.
	{11, "quotes: key slots on statements replace QUOTE_KEY relationships", slotIndexes(), (*Store).migrateQuoteSlots},
}

// slotIndexes are migration 11's range indexes, one per quote key slot.
func slotIndexes() []string {
	out := make([]string, quote.Slots)
	for i := range out {
		p := quote.SlotProperty(i)
		out[i] = fmt.Sprintf("CREATE RANGE INDEX statement_%s IF NOT EXISTS FOR (s:Statement) ON (s.%s)", p, p)
	}
	return out
}

// staleKeysPage reads the next statements after $after (in id order)
// clustered before migration 11: they have the old text form of their
// keys, quote_keys, and no slots.
const staleKeysPage = `
MATCH (s:Statement) WHERE s.id > $after AND s.quote_keys IS NOT NULL
WITH s ORDER BY s.id LIMIT $limit
RETURN s.id AS id, s.text AS text, COLLECT { MATCH (e:Entity)-[:SAID]->(s) RETURN e.id ORDER BY e.id } AS speakers`

var setSlotsFromText = `
UNWIND $rows AS r
MATCH (s:Statement {id: r.id})
REMOVE s.quote_keys
SET ` + slotCypher(func(i int, p string) string { return fmt.Sprintf("s.%s = r.k[%d]", p, i) }, ", ")

// migrateQuoteSlots is migration 11's data step: each statement clustered
// before it gets its key slots from its speakers and text (which is what
// its keys were derived from), a page per transaction, losing its
// quote_keys, so that an interrupted run resumes; then the QUOTE_KEY
// relationships and their index go.
func (s *Store) migrateQuoteSlots(ctx context.Context) error {
	o := s.quotes.WithDefaults()
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(ctx)
	const page = 1000
	after := ""
	for {
		out, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
			res, err := tx.Run(ctx, staleKeysPage, map[string]any{"after": after, "limit": int64(page)})
			if err != nil {
				return nil, err
			}
			recs, err := res.Collect(ctx)
			if err != nil || len(recs) == 0 {
				return "", err
			}
			rows := make([]any, 0, len(recs))
			var last string
			for _, rec := range recs {
				id, _ := rec.Get("id")
				text, _ := rec.Get("text")
				sp, _ := rec.Get("speakers")
				last = id.(string)
				var ids []string
				for _, e := range sp.([]any) {
					ids = append(ids, e.(string))
				}
				content, _ := text.(string)
				sig, _ := quote.Sign(o, quote.SpeakerKey(ids), content)
				rows = append(rows, map[string]any{"id": last, "k": slotParams(sig)})
			}
			_, err = runCount(ctx, tx, setSlotsFromText, map[string]any{"rows": rows})
			if len(recs) < page {
				last = ""
			}
			return last, err
		})
		if err != nil {
			return fmt.Errorf("key slots after statement %q: %w", after, classify(err))
		}
		if after = out.(string); after == "" {
			break
		}
	}
	for _, q := range []string{
		`MATCH ()-[x:QUOTE_KEY]->() CALL (x) { DELETE x } IN TRANSACTIONS OF 10000 ROWS`,
		`DROP INDEX quote_key IF EXISTS`,
	} {
		res, err := sess.Run(ctx, q, nil)
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// SchemaVersion is the newest migration this build knows.
func SchemaVersion() int { return migrations[len(migrations)-1].Version }

// Migrate applies the migrations that have not run yet and waits for the
// indexes to come online. It is idempotent.
func (s *Store) Migrate(ctx context.Context) (applied []string, err error) {
	done, err := s.appliedVersions(ctx)
	if err != nil {
		return nil, err
	}
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(ctx)
	for _, m := range migrations {
		if done[m.Version] {
			continue
		}
		// Schema statements cannot share a transaction with data writes, so
		// each runs in its own auto-commit transaction.
		for _, stmt := range m.Statements {
			// Consume, so that a failure late in a long statement (a
			// backfill in batches) is reported here.
			res, err := sess.Run(ctx, stmt, nil)
			if err == nil {
				_, err = res.Consume(ctx)
			}
			if err != nil {
				return applied, fmt.Errorf("migration %d (%s): %w", m.Version, m.Name, classify(err))
			}
		}
		if m.Run != nil {
			if err := m.Run(s, ctx); err != nil {
				return applied, fmt.Errorf("migration %d (%s): %w", m.Version, m.Name, classify(err))
			}
		}
		const record = `MERGE (m:SchemaMigration {version: $version})
ON CREATE SET m.name = $name, m.applied_at = datetime($at)`
		if _, err := sess.Run(ctx, record, map[string]any{"version": m.Version, "name": m.Name, "at": time.Now().UTC().Format(time.RFC3339)}); err != nil {
			return applied, fmt.Errorf("record migration %d: %w", m.Version, classify(err))
		}
		applied = append(applied, fmt.Sprintf("%d %s", m.Version, m.Name))
	}
	if _, err := s.applyEditionSchema(ctx); err != nil { // see edition.go
		return applied, err
	}
	if _, err := sess.Run(ctx, `CALL db.awaitIndexes(300)`, nil); err != nil {
		return applied, fmt.Errorf("wait for indexes: %w", classify(err))
	}
	return applied, nil
}

// SchemaCurrent reports whether every migration of this build has run.
func (s *Store) SchemaCurrent(ctx context.Context) (bool, error) {
	done, err := s.appliedVersions(ctx)
	if err != nil {
		return false, err
	}
	for _, m := range migrations {
		if !done[m.Version] {
			return false, nil
		}
	}
	return true, nil
}

func (s *Store) appliedVersions(ctx context.Context) (map[int]bool, error) {
	const q = `MATCH (m:SchemaMigration) RETURN m.version AS version LIMIT 1000`
	res, err := neo4j.ExecuteQuery(ctx, s.driver, q, nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.database), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return nil, fmt.Errorf("read schema migrations: %w", classify(err))
	}
	done := make(map[int]bool, len(res.Records))
	for _, r := range res.Records {
		if v, ok := r.Get("version"); ok {
			if n, ok := v.(int64); ok {
				done[int(n)] = true
			}
		}
	}
	return done, nil
}
