package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Edition is the Neo4j edition the store talks to.
type Edition string

const (
	Community  Edition = "community"
	Enterprise Edition = "enterprise" // also Aura
)

const editionQuery = `CALL dbms.components() YIELD edition RETURN edition LIMIT 1`

// Edition asks the server which edition it runs.
func (s *Store) Edition(ctx context.Context) (Edition, error) {
	res, err := neo4j.ExecuteQuery(ctx, s.driver, editionQuery, nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.database), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return "", fmt.Errorf("read neo4j edition: %w", classify(err))
	}
	if len(res.Records) == 0 {
		return "", fmt.Errorf("read neo4j edition: dbms.components() returned nothing")
	}
	e, _ := res.Records[0].Get("edition")
	name, _ := e.(string)
	return Edition(strings.ToLower(name)), nil
}

// enterpriseConstraints are property-existence constraints, which only
// Enterprise (and Aura) enforce: every node whosaid writes has its id, and
// the properties the queries and the history key read are never missing.
// Together with the uniqueness constraints of migration 1 they make each
// id a node key in all but name. They are not a numbered migration because
// a Community server cannot apply them: they are (re)applied, idempotently,
// after the migrations on every Migrate against Enterprise, so a database
// moved from Community to Enterprise (neo4j-admin dump/load, Aura import)
// gets them on its first migrate there.
var enterpriseConstraints = []string{
	`CREATE CONSTRAINT document_id_exists IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS NOT NULL`,
	`CREATE CONSTRAINT document_text_exists IF NOT EXISTS FOR (d:Document) REQUIRE d.text IS NOT NULL`,
	`CREATE CONSTRAINT entity_id_exists IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS NOT NULL`,
	`CREATE CONSTRAINT entity_name_exists IF NOT EXISTS FOR (e:Entity) REQUIRE e.name IS NOT NULL`,
	`CREATE CONSTRAINT statement_id_exists IF NOT EXISTS FOR (s:Statement) REQUIRE s.id IS NOT NULL`,
	`CREATE CONSTRAINT statement_document_exists IF NOT EXISTS FOR (s:Statement) REQUIRE s.document IS NOT NULL`,
	`CREATE CONSTRAINT said_key_exists IF NOT EXISTS FOR ()-[r:SAID]-() REQUIRE r.key IS NOT NULL`,
	`CREATE CONSTRAINT schema_migration_key IF NOT EXISTS FOR (m:SchemaMigration) REQUIRE m.name IS NOT NULL`,
}

// applyEditionSchema applies enterpriseConstraints when the server is
// Enterprise and says why not otherwise. It returns the statements
// applied (nil on Community).
func (s *Store) applyEditionSchema(ctx context.Context) ([]string, error) {
	ed, err := s.Edition(ctx)
	if err != nil {
		return nil, err
	}
	if ed != Enterprise {
		s.log.Debug("property-existence constraints skipped: they need Neo4j Enterprise", "edition", ed)
		return nil, nil
	}
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(ctx)
	for _, stmt := range enterpriseConstraints {
		res, err := sess.Run(ctx, stmt, nil)
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			return nil, fmt.Errorf("enterprise constraint %q: %w", stmt, classify(err))
		}
	}
	return enterpriseConstraints, nil
}
