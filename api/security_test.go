package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/whosaid/whosaid/internal/neo4jtest"
	"github.com/whosaid/whosaid/queries"
)

// injections are hostile values for every parameter: Cypher and Lucene
// syntax, quotes in several spellings, comments, NULs and huge strings.
var injections = []string{
	`' OR 1=1`,
	`' OR '1'='1' //`,
	`" OR ""="`,
	`}) DETACH DELETE n //`,
	`'}) MATCH (n) DETACH DELETE n RETURN 1 //`,
	`\u0027) DETACH DELETE n //`,
	"\u0027 OR 1=1 --",
	`/* */ MATCH (n) RETURN n`,
	`// comment`,
	`$id`,
	`*:*`,
	`name:* OR alias_text:*`,
	`~`, `\`, `"`, `(`, `]`, `{`,
	"\x00",
	`../../../etc/passwd`,
	`1; CALL dbms.components()`,
	`-1`, `0`, `99999999999999999999`, `1e9`, `NaN`,
	strings.Repeat("A", 100_000),
	strings.Repeat("' OR 1=1 ", 5_000),
}

// scopedItems reports the ids of a page's items, or nil when the body is
// not a page.
func scopedItems(t *testing.T, body []byte) []map[string]any {
	var page struct {
		Items []map[string]any `json:"items"`
	}
	if json.Unmarshal(body, &page) != nil {
		return nil
	}
	return page.Items
}

func TestV1Injection(t *testing.T) {
	s, st := v1Server(t)
	if w := v1Do(s, http.MethodPost, "/api/v1/documents", bytes.NewReader(sampleArticle(t)), testKey); w.Code != http.StatusCreated {
		t.Fatalf("ingest: %d %s", w.Code, w.Body)
	}
	nodes, rels := neo4jtest.Counts(t, st)
	const medinsky = "person:vladimir-medinsky"

	// Each endpoint with its parameters; "{}" marks where a path parameter
	// goes. scope, when set, says which items may legitimately come back.
	type endpoint struct {
		method, path string
		params       []string
		base         url.Values
		scope        func(item map[string]any) bool
	}
	saidBy := func(id string) func(map[string]any) bool {
		return func(it map[string]any) bool {
			sp, _ := it["speakers"].([]any)
			for _, x := range sp {
				if m, _ := x.(map[string]any); m["id"] == id {
					return true
				}
			}
			return false
		}
	}
	nothing := func(map[string]any) bool { return false }
	endpoints := []endpoint{
		{"GET", "/api/v1/entities", []string{"q", "type", "limit", "cursor"}, url.Values{"q": {"Medinsky"}}, nil},
		{"GET", "/api/v1/entities/{}", nil, nil, nil},
		{"GET", "/api/v1/entities/{}/statements", []string{"from", "to", "q", "about", "kind", "limit", "cursor"}, nil, saidBy(medinsky)},
		{"GET", "/api/v1/entities/{}/mentioned-by", []string{"samples", "limit", "cursor"}, nil, nil},
		{"GET", "/api/v1/entities/{}/network", []string{"depth", "limit", "min_weight"}, nil, nil},
		{"GET", "/api/v1/statements", []string{"speaker", "mentions"}, nil, nothing},
		{"GET", "/api/v1/statements", []string{"q", "from", "to", "kind", "limit", "cursor"}, url.Values{"speaker": {medinsky}}, saidBy(medinsky)},
		{"GET", "/api/v1/statements/{}", nil, nil, nil},
		{"GET", "/api/v1/paths", []string{"from", "to", "max_hops", "limit"}, url.Values{"from": {"person:alexander-fomin"}, "to": {medinsky}}, nil},
		{"GET", "/api/v1/documents", []string{"source", "from", "to", "limit", "cursor"}, nil, nothing},
		{"GET", "/api/v1/documents/{}", nil, nil, nil},
		{"DELETE", "/api/v1/documents/{}", nil, nil, nil},
	}
	check := func(t *testing.T, method, target string, scope func(map[string]any) bool, pathInjected bool) {
		t.Helper()
		w := v1Do(s, method, target, nil, testKey)
		short := target
		if len(short) > 120 {
			short = short[:120] + "…"
		}
		switch {
		case w.Code >= 500:
			t.Errorf("%s %s: %d %.300s", method, short, w.Code, w.Body)
		case pathInjected && w.Code == 200:
			// A hostile id names no entity, statement or document.
			t.Errorf("%s %s: 200 for an unknown id: %.300s", method, short, w.Body)
		case w.Code == 200 && scope != nil:
			for _, it := range scopedItems(t, w.Body.Bytes()) {
				if !scope(it) {
					t.Errorf("%s %s: out-of-scope item %v", method, short, it["id"])
				}
			}
		}
	}
	for _, ep := range endpoints {
		for _, inj := range injections {
			if strings.Contains(ep.path, "{}") {
				// The hostile value as the id, alone and after a real id.
				for _, id := range []string{inj, medinsky + inj} {
					check(t, ep.method, strings.Replace(ep.path, "{}", url.PathEscape(id), 1), nil, true)
				}
			}
			for _, p := range ep.params {
				q := url.Values{}
				for k, v := range ep.base {
					q[k] = v
				}
				q.Set(p, inj)
				path := strings.Replace(ep.path, "{}", url.PathEscape(medinsky), 1)
				check(t, ep.method, path+"?"+q.Encode(), ep.scope, false)
			}
		}
	}
	// Hostile values inside Cypher parameters are only values.
	for _, inj := range injections {
		body, _ := json.Marshal(queries.CypherRequest{Query: `MATCH (e:Entity {id: $id}) RETURN e.name`, Params: map[string]any{"id": inj}})
		w := v1Do(s, http.MethodPost, "/api/v1/cypher", bytes.NewReader(body), testKey)
		if w.Code != 200 || !strings.Contains(w.Body.String(), `"rows":[]`) {
			t.Errorf("cypher param %.40q: %d %.300s", inj, w.Code, w.Body)
		}
		body, _ = json.Marshal(queries.CypherRequest{Query: inj})
		if w := v1Do(s, http.MethodPost, "/api/v1/cypher", bytes.NewReader(body), testKey); w.Code >= 500 {
			t.Errorf("cypher query %.40q: %d %.300s", inj, w.Code, w.Body)
		}
	}
	if n, r := neo4jtest.Counts(t, st); n != nodes || r != rels {
		t.Errorf("graph changed: nodes %d→%d, relationships %d→%d", nodes, n, rels, r)
	}
}

// cypherWrites must all be refused by POST /cypher, with the graph unchanged.
var cypherWrites = []string{
	`CREATE (n:Entity {id: 'x'})`,
	`create (n:X) return n`,
	`MERGE (n:Entity {id: 'person:vladimir-medinsky'}) SET n.name = 'changed'`,
	`MERGE (n:Injected {id: 1})`,
	`MATCH (n:Entity) SET n.name = 'changed'`,
	`MATCH (n:Entity) SET n:Changed`,
	`MATCH (n:Entity) REMOVE n.name`,
	`MATCH (n) DETACH DELETE n`,
	`MATCH (n:Statement) DELETE n`,
	`MATCH ()-[r]->() DELETE r`,
	`MATCH (n) FOREACH (x IN [1] | SET n.y = x)`,
	"MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10 ROWS",
	`CALL dbms.components()`,
	`CALL dbms.security.createUser('x', 'y', false)`,
	"CALL `dbms`.`killQueries`([])",
	`CALL /* hidden */ dbms.listConfig()`,
	"call\ndbms\n.\nlistConfig()",
	`CALL apoc.create.node(['X'], {})`,
	`CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DETACH DELETE n', {})`,
	`CALL apoc.cypher.runWrite('CREATE (:X)', {})`,
	`CALL apoc.refactor.rename.label('Person', 'X')`,
	`LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line`,
	`load csv with headers from 'https://example.com/x.csv' as l create (:X)`,
	`LOAD/**/CSV FROM 'file:///etc/passwd' AS l RETURN l`,
	`CREATE INDEX x FOR (n:X) ON (n.y)`,
	`DROP CONSTRAINT entity_id`,
	`DROP INDEX statement_text`,
	`CREATE DATABASE other`,
	`USE system SHOW USERS`,
	`RETURN 1 UNION CREATE (n:X) RETURN 1`,
	`WITH 1 AS x CREATE (:X)`,
	`CREATE USER intruder SET PASSWORD 'password123'`,
	`ALTER USER neo4j SET PASSWORD 'password123'`,
	`STOP DATABASE neo4j`,
	`TERMINATE TRANSACTIONS 'neo4j-transaction-1'`,
	`SHOW TRANSACTIONS`,
	`SHOW SETTINGS`,
	`SHOW USERS`,
	`CALL db.createLabel('X')`,
}

func TestV1CypherRefusesWrites(t *testing.T) {
	s, st := v1Server(t)
	if w := v1Do(s, http.MethodPost, "/api/v1/documents", bytes.NewReader(sampleArticle(t)), testKey); w.Code != http.StatusCreated {
		t.Fatalf("ingest: %d %s", w.Code, w.Body)
	}
	v := newSpecValidator(t)
	nodes, rels := neo4jtest.Counts(t, st)
	for _, q := range cypherWrites {
		body, _ := json.Marshal(queries.CypherRequest{Query: q})
		w := v1Do(s, http.MethodPost, "/api/v1/cypher", bytes.NewReader(body), testKey)
		if w.Code != http.StatusForbidden {
			t.Errorf("%q: %d %.300s, want 403", q, w.Code, w.Body)
			continue
		}
		if p := w.problem(t); p.Code != "forbidden" {
			t.Errorf("%q: code %s", q, p.Code)
		}
		v.check(t, http.MethodPost, "/api/v1/cypher", w)
	}
	if n, r := neo4jtest.Counts(t, st); n != nodes || r != rels {
		t.Errorf("graph changed: nodes %d→%d, relationships %d→%d", nodes, n, rels, r)
	}
	// Reads still work, with the row cap.
	s.cfg.API.CypherMaxRows = 5
	body, _ := json.Marshal(queries.CypherRequest{Query: `UNWIND range(1, 100) AS i RETURN i`})
	w := v1Do(s, http.MethodPost, "/api/v1/cypher", bytes.NewReader(body), testKey)
	res := decode[queries.CypherResult](t, w)
	if w.Code != 200 || len(res.Rows) != 5 || !res.Truncated {
		t.Errorf("row cap: %d %s", w.Code, w.Body)
	}
	// The time limit stops a runaway query with 504.
	s.cfg.API.CypherTimeout = 200_000_000 // 200ms
	body, _ = json.Marshal(queries.CypherRequest{Query: `UNWIND range(1, 100000000) AS i WITH i WHERE i % 7 = 99 RETURN count(i)`})
	w = v1Do(s, http.MethodPost, "/api/v1/cypher", bytes.NewReader(body), testKey)
	if w.Code != http.StatusGatewayTimeout {
		t.Errorf("runaway query: %d %.300s, want 504", w.Code, w.Body)
	}
	v.check(t, http.MethodPost, "/api/v1/cypher", w)
}
