package queries

import (
	"strings"
	"testing"

	"github.com/whosaid/whosaid/graph"
)

// TestCypherGuardRefuses lists queries the allow-list must refuse, most of
// them ways to reach a refused procedure past a naive matcher.
func TestCypherGuardRefuses(t *testing.T) {
	for _, q := range []string{
		// Other sessions' queries and parameters, planning for everyone.
		`CALL db.stats.collect("QUERIES")`,
		`CALL db.stats.retrieve("QUERIES")`,
		`CALL db.stats.retrieveAllAnonymized("x")`,
		`CALL db.stats.clear("QUERIES")`, `CALL db.stats.stop("QUERIES")`, `CALL db.stats.status()`,
		`CALL db.prepareForReplanning()`, `CALL db.resampleIndex("entity_names")`, `CALL db.resampleOutdatedIndexes`,
		`CALL db.clearQueryCaches()`, `CALL db.awaitIndexes(300)`, `CALL db.info()`,
		`CALL tx.getMetaData()`, `CALL tx.setMetaData({})`,
		`CALL dbms.listConnections()`, `CALL dbms.components()`, "CALL `dbms`.listConfig()",
		// Spelling, spacing, comments and quoting.
		`call DB.STATS.RETRIEVE('QUERIES')`,
		`CALL db . stats . retrieve('QUERIES')`,
		"CALL /* x */ db./* y */stats.retrieve('QUERIES')",
		"CALL `db`.`stats`.`retrieve`('QUERIES')",
		"CALL `db.stats.retrieve`('QUERIES')",
		"CALL db.stats.retrieve\n('QUERIES')",
		"RETURN 1 // comment\nUNION CALL db.stats.retrieve('QUERIES') YIELD data RETURN 1",
		"RETURN 1 // comment\u2028CALL db.stats.retrieve('QUERIES')",
		"RETURN 1 // comment\rCALL db.stats.retrieve('QUERIES')",
		`MATCH (n) CALL { CALL db.stats.retrieve('QUERIES') YIELD data RETURN data } RETURN data`,
		`MATCH (n) WHERE EXISTS { CALL db.stats.retrieve('QUERIES') YIELD data RETURN data } RETURN n`,
		"RETURN 'it\\'s' AS a UNION CALL db.stats.clear('QUERIES') YIELD section RETURN 1 AS a",
		"CALL\u00a0db.stats.retrieve('QUERIES')",
		"CALL\u200bdb.stats.retrieve('QUERIES')",
		"CALL db.labels\u200b.x()",
		// Plugins' procedures and functions.
		`CALL apoc.cypher.run('CALL db.stats.retrieve("QUERIES")', {})`,
		`RETURN apoc.cypher.runFirstColumnSingle('RETURN 1', {})`,
		`RETURN apoc.text.join(['a'], ',')`,
		`WITH [1,2,3] AS l RETURN l[1..apoc.x.y('q')]`,
		"RETURN `apoc`.`x`(1)",
		`RETURN {a: apoc.x.y()}`,
		`RETURN graph.byName('neo4j')`,
		// Clauses and commands.
		`LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l`, "load/**/csv from 'x' as l return l",
		`USE system SHOW USERS`, `SHOW TRANSACTIONS`, `SHOW TRANSACTIONS YIELD *`, `SHOW SETTINGS`, `SHOW CURRENT USER`,
		`SHOW DATABASES`, `SHOW ALL PRIVILEGES`, `SHOW USER neo4j PRIVILEGES`, `SHOW ROLES`, `SHOW SERVERS`,
		`SHOW ALIASES FOR DATABASE`, `TERMINATE TRANSACTIONS 'neo4j-transaction-1'`,
		`SHOW PROCEDURES YIELD name TERMINATE TRANSACTIONS name`,
		`EXPLAIN SHOW TRANSACTIONS`, `CYPHER runtime=slotted SHOW SETTINGS`,
		`MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS`,
		`USING PERIODIC COMMIT LOAD CSV FROM 'x' AS l RETURN l`,
		`CREATE (n:X)`, `MERGE (n:X)`, `DROP CONSTRAINT entity_id`, `CREATE USER x SET PASSWORD 'y'`,
		`ALTER USER neo4j SET PASSWORD 'x'`, `GRANT ROLE admin TO x`, `STOP DATABASE neo4j`, `START DATABASE neo4j`,
		`CALL`, `CALL 1`,
	} {
		err := checkCypher(q)
		if err == nil {
			t.Errorf("%q allowed", q)
			continue
		}
		if graph.ErrorCode(err) != graph.EFORBIDDEN || !strings.Contains(err.Error(), "allow-list") {
			t.Errorf("%q: %v", q, err)
		}
	}
}

// TestCypherGuardAllows lists read queries researchers write, including
// refused names inside strings, comments and properties.
func TestCypherGuardAllows(t *testing.T) {
	for _, q := range []string{
		`MATCH (n:Entity) RETURN n.name LIMIT 5`,
		`MATCH (p:Person)-[:SAID]->(s) RETURN p.name AS name, count(s) AS n ORDER BY n DESC LIMIT $k`,
		`OPTIONAL MATCH (n) WHERE n.reuse = 1 RETURN n`,
		`MATCH (n) RETURN n.show_settings, n.call, n.use, n.load`,
		`MATCH (n) WHERE n.text CONTAINS 'CALL db.stats.retrieve("QUERIES")' RETURN n`,
		"MATCH (n) // CALL db.stats.retrieve('QUERIES')\nRETURN n",
		"MATCH (n) /* LOAD CSV, SHOW TRANSACTIONS */ RETURN n",
		"MATCH (`call`:Entity) RETURN `call`.name",
		`RETURN {use: 1, load: 2, show: 3} AS m`,
		`CALL db.index.fulltext.queryNodes('entity_names', 'x') YIELD node RETURN node`,
		`CALL db.labels() YIELD label RETURN label`, `CALL db.labels`, `CALL db.relationshipTypes()`,
		`CALL db.propertyKeys()`, `CALL db.schema.visualization()`, `CALL db.schema.nodeTypeProperties()`,
		`SHOW INDEXES`, `SHOW FULLTEXT INDEXES`, `SHOW CONSTRAINTS`, `SHOW PROCEDURES YIELD name RETURN name`,
		`SHOW BUILT IN FUNCTIONS`, `SHOW ALL FUNCTIONS YIELD name`, `SHOW PROCEDURES EXECUTABLE BY CURRENT USER`,
		`EXPLAIN MATCH (n) RETURN n`, `PROFILE MATCH (n) RETURN count(n)`, `CYPHER runtime=slotted MATCH (n) RETURN n`,
		`CYPHER 5 MATCH (n) RETURN n`,
		`MATCH p = shortestPath((a:Entity {id: $a})-[*..6]-(b:Entity {id: $b})) RETURN p`,
		`MATCH p = allShortestPaths((a)-[*]-(b)) RETURN nodes(p), relationships(p)`,
		`MATCH (a) WHERE NOT (a)-->() AND exists((a)<--()) RETURN a`,
		`MATCH (a) RETURN COUNT { (a)-->() } AS c, COLLECT { MATCH (a)-->(b) RETURN b.id } AS ids`,
		`MATCH (a) CALL (a) { MATCH (a)-->(b) RETURN b } RETURN a, b`,
		`MATCH (a) CALL { WITH a MATCH (a)-->(b) RETURN b } RETURN a, b`,
		`UNWIND range(1, 10) AS i WITH i WHERE i % 2 = 0 RETURN collect(DISTINCT (i)) AS evens`,
		`RETURN date.truncate('month', date('2022-03-29')), duration.between(date(), date()), toLower("X")`,
		`WITH [1,2,3] AS l RETURN l[1..2], 1.5e3, 0x1F, -1e-3`,
		`MATCH (s:Statement) WHERE s.date >= date($from) RETURN s ORDER BY s.date DESC SKIP 1 LIMIT 2`,
		`RETURN CASE WHEN (1 > 0) THEN 'a' ELSE 'b' END`,
		`MATCH (n) RETURN n UNION ALL MATCH (n) RETURN n`,
		`MATCH (a)-[r]->(b) RETURN type(r), startNode(r), endNode(r), elementId(a), properties(b)`,
		`MATCH ((a)-[:SAID]->(s)){1,3} RETURN a`,
		`MATCH ANY SHORTEST (a)-[*]-(b) RETURN a`,
		`RETURN $x IS :: INTEGER`,
		`MATCH (n) USING INDEX n:Entity(id) WHERE n.id = 'x' RETURN n`,
		`WITH 1 AS x RETURN x`,
	} {
		if err := checkCypher(q); err != nil {
			t.Errorf("%q refused: %v", q, err)
		}
	}
}
