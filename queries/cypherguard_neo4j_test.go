package queries_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/internal/neo4jtest"
	"github.com/whosaid/whosaid/queries"
)

// deniedProcedures are the db.*, dbms.* and tx.* procedures of Neo4j 5.26
// that POST /cypher refuses, each on purpose. Together with
// queries.AllowedProcedures they must cover everything the test server
// lists, so that a Neo4j upgrade with new procedures fails this test until
// someone decides about them.
var deniedProcedures = map[string]string{
	"db.awaitIndex":                                           "blocks a session until an index is online",
	"db.awaitIndexes":                                         "blocks a session until indexes are online",
	"db.clearQueryCaches":                                     "clears every client's query plans",
	"db.create.setNodeVectorProperty":                         "writes",
	"db.create.setRelationshipVectorProperty":                 "writes",
	"db.create.setVectorProperty":                             "writes",
	"db.createLabel":                                          "writes the token store",
	"db.createProperty":                                       "writes the token store",
	"db.createRelationshipType":                               "writes the token store",
	"db.index.fulltext.awaitEventuallyConsistentIndexRefresh": "blocks a session",
	"db.index.vector.createNodeIndex":                         "schema change",
	"db.info":                                                 "store id and creation time; nothing researchers need",
	"db.prepareForReplanning":                                 "makes every client's queries replan",
	"db.resampleIndex":                                        "resamples index statistics for everyone",
	"db.resampleOutdatedIndexes":                              "resamples index statistics for everyone",
	"db.stats.clear":                                          "query statistics: other clients' queries",
	"db.stats.collect":                                        "starts collecting other clients' queries and parameters",
	"db.stats.retrieve":                                       "returns other clients' queries and parameters",
	"db.stats.retrieveAllAnonymized":                          "query statistics of other clients",
	"db.stats.status":                                         "query statistics collection state",
	"db.stats.stop":                                           "stops others' query statistics collection",
	"dbms.cluster.routing.getRoutingTable":                    "server addresses",
	"dbms.components":                                         "server version: fingerprinting",
	"dbms.info":                                               "server id and start time",
	"dbms.killConnection":                                     "ends other clients' connections",
	"dbms.killConnections":                                    "ends other clients' connections",
	"dbms.listCapabilities":                                   "server capabilities",
	"dbms.listConfig":                                         "server settings",
	"dbms.listConnections":                                    "other clients' connections and addresses",
	"dbms.queryJmx":                                           "server internals",
	"dbms.routing.getRoutingTable":                            "server addresses",
	"dbms.showCurrentUser":                                    "the API's Neo4j user",
	"dbms.upgrade":                                            "upgrades the system graph",
	"dbms.upgradeStatus":                                      "server internals",
	"tx.getMetaData":                                          "transaction metadata",
	"tx.setMetaData":                                          "transaction metadata",
}

// deniedFunctions are the built-in functions left off the allow-list.
var deniedFunctions = map[string]string{
	"graph.byName":      "only serves USE, which is refused",
	"graph.byElementId": "only serves USE, which is refused",
	"file":              "only serves LOAD CSV, which is refused",
	"linenumber":        "only serves LOAD CSV, which is refused",
}

func listNames(t *testing.T, drv neo4j.DriverWithContext, db, query string) []string {
	t.Helper()
	res, err := neo4j.ExecuteQuery(ctx(t), drv, query, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range res.Records {
		names = append(names, r.Values[0].(string))
	}
	return names
}

// TestCypherProcedureCensus decides every db.*, dbms.* and tx.* procedure
// and every function the bundled Neo4j lists: each is allowed or refused
// on purpose, and the guard does what the lists say.
func TestCypherProcedureCensus(t *testing.T) {
	s := neo4jtest.Open(t)
	q := queries.New(s, queries.Options{})
	lim := queries.CypherLimits{Timeout: 5 * time.Second, MaxRows: 10}
	procs := listNames(t, s.Driver(), s.Database(), `SHOW PROCEDURES YIELD name RETURN name`)
	if len(procs) == 0 {
		t.Fatal("SHOW PROCEDURES listed nothing")
	}
	for _, p := range procs {
		if !strings.HasPrefix(p, "db.") && !strings.HasPrefix(p, "dbms.") && !strings.HasPrefix(p, "tx.") {
			// A plugin's procedure: refused unless allowed by name.
			if queries.ProcedureAllowed(p) {
				t.Errorf("plugin procedure %s is allowed", p)
			}
			continue
		}
		allowed := slices.Contains(queries.AllowedProcedures, p)
		_, denied := deniedProcedures[p]
		switch {
		case allowed && denied:
			t.Errorf("%s is both allowed and denied", p)
		case !allowed && !denied:
			t.Errorf("%s is neither allowed nor denied: decide (queries.AllowedProcedures or deniedProcedures here)", p)
		}
		_, err := q.Cypher(ctx(t), queries.CypherRequest{Query: "CALL " + p + "()"}, lim)
		refusedByGuard := err != nil && strings.Contains(err.Error(), "allow-list")
		if allowed == refusedByGuard {
			t.Errorf("CALL %s(): allowed=%v but err = %v", p, allowed, err)
		}
	}
	for _, p := range queries.AllowedProcedures {
		if !slices.Contains(procs, p) {
			t.Errorf("allowed procedure %s does not exist on the server", p)
		}
	}
	// The allowed procedures that need no arguments run.
	for _, p := range []string{"db.labels", "db.relationshipTypes", "db.propertyKeys", "db.schema.visualization",
		"db.schema.nodeTypeProperties", "db.schema.relTypeProperties", "db.ping", "db.index.fulltext.listAvailableAnalyzers"} {
		if _, err := q.Cypher(ctx(t), queries.CypherRequest{Query: "CALL " + p + "()"}, lim); err != nil {
			t.Errorf("CALL %s(): %v", p, err)
		}
	}
	if _, err := q.Cypher(ctx(t), queries.CypherRequest{Query: `CALL db.index.fulltext.queryNodes('entity_names', 'x') YIELD node RETURN node`}, lim); err != nil {
		t.Errorf("fulltext query: %v", err)
	}

	funcs := listNames(t, s.Driver(), s.Database(), `SHOW FUNCTIONS YIELD name RETURN name`)
	for _, f := range funcs {
		allowed := queries.FunctionAllowed(f)
		_, denied := deniedFunctions[f]
		if allowed == denied {
			t.Errorf("function %s: allowed=%v denied=%v: decide", f, allowed, denied)
		}
		if strings.HasPrefix(f, "db.") || strings.HasPrefix(f, "dbms.") || strings.HasPrefix(f, "tx.") {
			t.Logf("function %s (allowed=%v)", f, allowed)
		}
	}
	for _, f := range queries.AllowedFunctions {
		if f != "shortestPath" && f != "allShortestPaths" && !slices.ContainsFunc(funcs, func(g string) bool { return strings.EqualFold(f, g) }) {
			t.Errorf("allowed function %s does not exist on the server", f)
		}
	}
}

// TestCypherStatsLeak replays issue #13's probe: collecting query
// statistics, then reading other clients' queries back, must be refused.
func TestCypherStatsLeak(t *testing.T) {
	s := neo4jtest.Open(t)
	q := queries.New(s, queries.Options{})
	lim := queries.CypherLimits{Timeout: 5 * time.Second, MaxRows: 10}
	for _, c := range []string{`CALL db.stats.collect("QUERIES")`, `CALL db.stats.retrieve("QUERIES")`,
		`CALL db.stats.clear("QUERIES")`, `CALL db.stats.stop("QUERIES")`, `CALL db.prepareForReplanning()`,
		`CALL db.resampleIndex("entity_names")`, `SHOW TRANSACTIONS`, `SHOW SETTINGS`} {
		_, err := q.Cypher(ctx(t), queries.CypherRequest{Query: c}, lim)
		if graph.ErrorCode(err) != graph.EFORBIDDEN {
			t.Errorf("%s: err = %v, want forbidden", c, err)
		}
	}
}
