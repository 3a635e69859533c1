package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/graph/quote"
)

// LoadStatus says what Load did with one document.
type LoadStatus string

const (
	Written  LoadStatus = "written"  // new content, now in the graph
	Replaced LoadStatus = "replaced" // new content for a key already in the graph; the old version is gone
	Skipped  LoadStatus = "skipped"  // the same content (and extractor version) was already in the graph
	Failed   LoadStatus = "failed"   // nothing of this document was written
)

// LoadResult is the outcome for one extraction passed to Load.
type LoadResult struct {
	DocumentID string
	Key        string
	Status     LoadStatus
	Replaced   []string // ids of the documents this one replaced
	Statements int      // statements written (0 when skipped or failed)
	Entities   int      // distinct entities the document supports
	Err        error    // set when Status is Failed
}

// Load writes extractions to the graph. Each document is all-or-nothing:
// the whole batch is first tried in one managed write transaction (the
// driver retries transient errors such as deadlocks); if that fails, every
// document is retried in its own transaction so that one bad document (an
// id collision, a property Neo4j rejects) fails alone. A document whose
// content is already present is skipped without touching the graph; a
// document whose key (URL, else path) is present with other content replaces
// it in the same transaction.
//
// The returned slice has one result per input, in order. Load itself never
// returns an error: failures are per document.
func (s *Store) Load(ctx context.Context, exts []graph.Extraction) []LoadResult {
	results := make([]LoadResult, len(exts))
	prepared := make([]*preparedDoc, len(exts))
	var todo []int
	seenID := make(map[string]bool, len(exts))
	seenKey := make(map[string]bool, len(exts))
	dupKeys := false
	for i, ext := range exts {
		p, err := prepare(ext)
		results[i] = LoadResult{DocumentID: p.id, Key: p.key}
		if err != nil {
			results[i].Status, results[i].Err = Failed, err
			continue
		}
		if seenID[p.id] {
			// The same content twice in one batch: the first copy wins.
			results[i].Status = Skipped
			continue
		}
		seenID[p.id] = true
		if p.key != "" {
			dupKeys = dupKeys || seenKey[p.key]
			seenKey[p.key] = true
		}
		prepared[i] = p
		todo = append(todo, i)
	}
	if len(todo) == 0 {
		return results
	}

	// Two versions of one key in a batch must be written in order, each
	// replacing the one before: fall back to one transaction per document.
	if len(todo) > 1 && !dupKeys {
		batch := make([]*preparedDoc, len(todo))
		for j, i := range todo {
			batch[j] = prepared[i]
		}
		outcomes, err := s.writeDocs(ctx, batch)
		if err == nil {
			for j, i := range todo {
				results[i].Status = outcomes[j].status
				results[i].Replaced = outcomes[j].replaced
				if outcomes[j].status != Skipped {
					results[i].Statements = len(prepared[i].statements)
					results[i].Entities = len(prepared[i].entities)
				}
			}
			return results
		}
		if ctx.Err() != nil || IsUnavailable(err) {
			// Retrying one by one cannot help; the caller may retry later.
			for _, i := range todo {
				results[i].Status, results[i].Err = Failed, err
			}
			return results
		}
		s.log.Debug("batch write failed; retrying documents one by one", "documents", len(todo), "err", err)
	}
	var down error
	for _, i := range todo {
		if down != nil {
			results[i].Status, results[i].Err = Failed, down
			continue
		}
		outcomes, err := s.writeDocs(ctx, []*preparedDoc{prepared[i]})
		if err != nil {
			results[i].Status = Failed
			results[i].Err = fmt.Errorf("write document %s: %w", prepared[i].id, err)
			if ctx.Err() != nil || IsUnavailable(err) {
				down = results[i].Err
			}
			continue
		}
		results[i].Status = outcomes[0].status
		results[i].Replaced = outcomes[0].replaced
		if outcomes[0].status != Skipped {
			results[i].Statements = len(prepared[i].statements)
			results[i].Entities = len(prepared[i].entities)
		}
	}
	return results
}

type docOutcome struct {
	status   LoadStatus
	replaced []string
}

// writeDocs writes docs in one managed write transaction.
func (s *Store) writeDocs(ctx context.Context, docs []*preparedDoc) ([]docOutcome, error) {
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(ctx)
	now := time.Now().UTC().Format(time.RFC3339Nano)
	t0 := time.Now()
	var inTx time.Duration
	res, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		t1 := time.Now()
		defer func() { inTx = time.Since(t1) }()
		return writeDocsTx(ctx, tx, docs, now, s.quotes, s.steps)
	})
	if s.steps != nil {
		s.steps.addDur("tx total", time.Since(t0))
		s.steps.addDur("tx commit+wait", time.Since(t0)-inTx)
	}
	s.log.Debug("write transaction", "documents", len(docs), "took", time.Since(t0), "queries", inTx, "err", err)
	if err != nil {
		return nil, classify(err)
	}
	return res.([]docOutcome), nil
}

// checkDocuments finds, for each candidate document, whether its content is
// already present (with the same extractor version) and which other
// documents share its key and so are replaced by it.
const checkDocuments = `
UNWIND $docs AS d
OPTIONAL MATCH (x:Document {id: d.id})
WITH d, x
OPTIONAL MATCH (k:Document {key: d.key})
WHERE d.key <> '' AND k.id <> d.id
RETURN d.id AS id,
       x IS NOT NULL AND coalesce(x.extractor_version, '') = d.extractor_version AS present,
       x IS NOT NULL AS exists,
       CASE WHEN x IS NULL THEN null
            ELSE x {.url, .title, .source, .outlet, .published, .modified, .language, .authors} END AS old,
       collect(k.id) AS others`

// writeDocsTx runs inside a retried transaction function, so it must not
// keep state between attempts: everything it returns is rebuilt each time.
// With quotes enabled, the batch's statements are clustered into quotes
// once its entities are locked (see clusterTx).
func writeDocsTx(ctx context.Context, tx neo4j.ManagedTransaction, docs []*preparedDoc, now string, quotes quote.Options, steps *StepTimer) ([]docOutcome, error) {
	check := make([]any, len(docs))
	for i, d := range docs {
		check[i] = map[string]any{"id": d.id, "key": d.key, "extractor_version": d.extractorVersion}
	}
	t0 := time.Now()
	res, err := tx.Run(ctx, checkDocuments, map[string]any{"docs": check})
	if err != nil {
		return nil, err
	}
	records, err := res.Collect(ctx)
	if err != nil {
		return nil, err
	}
	steps.add("checkDocuments", t0)
	type state struct {
		present, exists bool
		others          []string
		old             map[string]any // the stored document's metadata
	}
	byID := make(map[string]state, len(records))
	for _, r := range records {
		id, _ := r.Get("id")
		present, _ := r.Get("present")
		exists, _ := r.Get("exists")
		others, _ := r.Get("others")
		st := state{present: present.(bool), exists: exists.(bool)}
		if old, _ := r.Get("old"); old != nil {
			st.old, _ = old.(map[string]any)
		}
		for _, o := range others.([]any) {
			st.others = append(st.others, o.(string))
		}
		byID[id.(string)] = st
	}

	outcomes := make([]docOutcome, len(docs))
	var write []*preparedDoc
	var remove []string
	for i, d := range docs {
		st := byID[d.id]
		if st.present && !newMetadata(d.props, st.old) {
			outcomes[i].status = Skipped
			continue
		}
		if st.present {
			// Same text and extractor, metadata added or changed (a title
			// or date in front matter, a feed entry's byline): replaced,
			// keeping what the stored copy knew and this one does not.
			for _, k := range metaFields {
				if _, ok := d.props[k]; !ok && st.old[k] != nil {
					d.props[k] = st.old[k]
				}
			}
			src, _ := d.props["source"].(string)
			u, _ := d.props["url"].(string)
			if o := Outlet(src, u); o != "" {
				d.props["outlet"] = o
			} else {
				delete(d.props, "outlet")
			}
		}
		outcomes[i].status = Written
		replaced := st.others
		if st.exists {
			// Same content, new extractor version or new metadata (a
			// title, date or byline added in front matter): re-extracted,
			// so replace; statements carry the document's date.
			replaced = append(replaced, d.id)
		}
		if len(replaced) > 0 {
			outcomes[i].status = Replaced
			outcomes[i].replaced = replaced
			remove = append(remove, replaced...)
		}
		write = append(write, d)
	}
	var rows rowSet
	type step struct {
		name   string
		cypher string
		rows   []any
	}
	run := func(qs []step) error {
		for _, q := range qs {
			if len(q.rows) == 0 {
				continue
			}
			t0 := time.Now()
			res, err := tx.Run(ctx, q.cypher, map[string]any{"rows": q.rows})
			if err != nil {
				return err
			}
			if _, err := res.Consume(ctx); err != nil {
				return err
			}
			steps.add(q.name, t0)
		}
		return nil
	}
	var qrows quoteRows
	if len(write) > 0 {
		rows = buildRows(write, now)
		if err := run([]step{{"lockEntities", lockEntities, rows.entities}}); err != nil {
			return nil, err
		}
		// Quotes are looked up before the replaced documents are deleted:
		// after the delete every key lookup is slowed by the relationships
		// it deleted (see deleteDocsTx). A quote the lookup finds through
		// a replaced document's statement is one the new version reports
		// too, so it survives the maintenance below.
		if quotes.Enabled {
			// The statement rows share their property maps with the
			// prepared statements, which clusterTx gives their variant and
			// keys.
			var err error
			t0 := time.Now()
			if qrows, err = clusterTx(ctx, tx, quotes, write, steps); err != nil {
				return nil, err
			}
			steps.add("clusterTx (all)", t0)
		}
	}
	var removedQuotes []string
	if len(remove) > 0 {
		var err error
		keep := make(map[string]bool)
		for _, d := range write {
			for _, e := range d.entities {
				keep[e.id] = true
			}
		}
		if _, removedQuotes, err = deleteDocsTx(ctx, tx, remove, keep, steps); err != nil {
			return nil, err
		}
	}
	if len(write) == 0 {
		_, err := maintainQuotesTx(ctx, tx, removedQuotes, steps)
		return outcomes, err
	}
	if err := run([]step{
		{"createDocuments", createDocuments, rows.documents},
		{"mergeEntities", mergeEntities, rows.entities},
		{"createDocumentMentions", createDocumentMentions, rows.docMentions},
		{"createRoles", createRoles, rows.roles},
		{"mergePartOf", mergePartOf, rows.partOf},
	}); err != nil {
		return nil, err
	}
	if err := run([]step{
		{"createStatements", createStatements, rows.statements},
		{"createSaid", createSaid, rows.said},
		{"createStatementMentions", createStatementMentions, rows.stmtMentions},
		{"createVia", createVia, rows.via},
	}); err != nil {
		return nil, err
	}
	// The replaced documents' quotes are maintained with the new reports
	// (see writeQuotesTx).
	if _, err := writeQuotesTx(ctx, tx, qrows, removedQuotes, steps); err != nil {
		return nil, err
	}
	return outcomes, nil
}

// The documents are new (checkDocuments said so in this transaction), so
// they and everything they own are CREATEd; the uniqueness constraints turn
// a concurrent duplicate into an error, and the retry one by one then finds
// the document present and skips it.
const createDocuments = `
UNWIND $rows AS r
CREATE (d:Document)
SET d = r.props, d.ingested_at = datetime(r.ingested_at)`

// lockEntities takes the write locks of the rows' entities that exist, in
// the rows' order (by id), before mergeEntities reads them. mergeEntities
// reads aliases, roles, first/last seen and the document count, combines
// them with the batch's and writes them back: without the lock, two
// writers could both combine with the same old value and one update would
// be lost. Writing a property to itself takes the lock and changes
// nothing; taking the locks in one order keeps concurrent writers from
// deadlocking on them.
const lockEntities = `
UNWIND $rows AS r
MATCH (e:Entity {id: r.id})
SET e.name = e.name`

// Entities are shared across documents, so they are MERGEd. first_seen and
// last_seen are the earliest and latest publication dates of the documents
// naming the entity (r.first and r.last: this batch's), and documents is how
// many documents name it (r.docs: this batch's), kept on the entity so that
// whole-graph reads need not visit every document. Aliases and
// role titles are kept as sorted sets so that the final graph does not
// depend on the order in which documents arrived; properties are only
// written when they change, to avoid churn and needless write locks on
// frequently mentioned entities.
const mergeEntities = `
UNWIND $rows AS r
MERGE (e:Entity {id: r.id})
ON CREATE SET e:$(r.type), e.type = r.type, e.name = r.name, e.implied = r.implied,
              e.aliases = [], e.roles = [], e.alias_text = r.name,
              e.first_seen = r.first, e.last_seen = r.last, e.documents = 0
SET e.documents = e.documents + r.docs
WITH e, r,
     COLLECT { UNWIND e.aliases + r.aliases AS a WITH DISTINCT a RETURN a ORDER BY a } AS aliases,
     COLLECT { UNWIND e.roles + r.roles AS t WITH DISTINCT t RETURN t ORDER BY t } AS roles,
     CASE WHEN e.implied AND NOT r.implied THEN r.name ELSE e.name END AS name,
     CASE WHEN e.first_seen IS NULL OR r.first < e.first_seen THEN coalesce(r.first, e.first_seen) ELSE e.first_seen END AS first,
     CASE WHEN e.last_seen IS NULL OR r.last > e.last_seen THEN coalesce(r.last, e.last_seen) ELSE e.last_seen END AS last
WHERE aliases <> e.aliases OR roles <> e.roles OR name <> e.name OR (e.implied AND NOT r.implied)
   OR coalesce(first, '') <> coalesce(e.first_seen, '') OR coalesce(last, '') <> coalesce(e.last_seen, '')
SET e.aliases = aliases, e.roles = roles, e.name = name, e.implied = e.implied AND r.implied,
    e.alias_text = reduce(t = name, a IN aliases | t + '\n' + a),
    e.first_seen = first, e.last_seen = last`

// A document's MENTIONS relationship is its provenance record for the
// entity: how often it names it, and which aliases and role titles it
// supplied, so delete can recompute the entity from what remains.
const createDocumentMentions = `
UNWIND $rows AS r
MATCH (d:Document {id: r.document})
MATCH (e:Entity {id: r.entity})
CREATE (d)-[:MENTIONS {count: r.count, aliases: r.aliases, roles: r.roles}]->(e)`

const createRoles = `
UNWIND $rows AS r
MATCH (p:Entity {id: r.entity})
MATCH (o:Entity {id: r.of})
CREATE (p)-[:HOLDS_ROLE {title: r.title, document: r.document}]->(o)`

// PART_OF is a gazetteer fact, not a claim of the document: one
// relationship per pair, kept while both places exist.
const mergePartOf = `
UNWIND $rows AS r
MATCH (a:Place {id: r.place})
MATCH (b:Place {id: r.parent})
WITH a, b WHERE NOT EXISTS { (a)-[:PART_OF]->(b) }
MERGE (a)-[:PART_OF]->(b)`

// Properties are listed, not SET from a map: a map SET makes the planner
// buffer every row (Eager) before writing. Absent (null) values are simply
// not stored: turn, the part_* lists (a quote interrupted by its
// attribution), the unresolved_* lists (speakers known only by their
// words, which get no entity) and the quote index's quote_variant and
// key slots quote_k0 … (clustered statements) are only there when the
// statement has them.
var createStatements = `
UNWIND $rows AS r
MATCH (d:Document {id: r.document})
CREATE (s:Statement {id: r.id, document: r.document, kind: r.kind, text: r.text, start: r.start, end: r.end,
                     cue: r.cue, cue_lemma: r.cue_lemma, cue_start: r.cue_start, cue_end: r.cue_end,
                     date: r.date, confidence: r.confidence, turn: r.turn,
                     part_starts: r.part_starts, part_ends: r.part_ends, part_texts: r.part_texts,
                     unresolved_texts: r.unresolved_texts, unresolved_starts: r.unresolved_starts,
                     unresolved_ends: r.unresolved_ends, unresolved_types: r.unresolved_types,
                     unresolved_kinds: r.unresolved_kinds, unresolved_resolved_from: r.unresolved_resolved_from,
                     quote_variant: r.quote_variant, ` +
	slotCypher(func(_ int, p string) string { return p + ": r." + p }, ", ") + `})
CREATE (s)-[:REPORTED_IN]->(d)`

// The statements' relationships go in flat UNWINDs of their own: one
// index seek per end, no per-row subqueries. SAID carries the speaker's
// history key (see saidKey).
const createSaid = `
UNWIND $rows AS r
MATCH (s:Statement {id: r.statement})
MATCH (e:Entity {id: r.entity})
CREATE (e)-[:SAID {resolved_from: r.resolved_from, kind: r.kind, text: r.text, start: r.start, end: r.end, key: ` + saidKey + `}]->(s)`

// saidKey is the history key of a SAID relationship from entity e to
// statement s: the speaker id, then the statement's time order (day, with
// undated last, document, zero-padded start, id), joined by tabs. The
// range index said_key on it gives each speaker's statements in time order,
// so a history page reads one page of the index instead of every statement
// of the speaker. A tab sorts before every character of ids and dates, so
// the key's string order is the order of its parts; the key only depends
// on properties a statement keeps for life (replacing a document deletes
// and recreates its statements). queries.historyKey builds the same key.
const saidKey = `e.id + '\t' + coalesce(s.date, '~') + '\t' + s.document + '\t' + right('000000000000' + toString(s.start), 12) + '\t' + s.id`

const createStatementMentions = `
UNWIND $rows AS r
MATCH (s:Statement {id: r.statement})
MATCH (e:Entity {id: r.entity})
CREATE (s)-[:MENTIONS]->(e)`

const createVia = `
UNWIND $rows AS r
MATCH (s:Statement {id: r.statement})
MATCH (e:Entity {id: r.entity})
CREATE (s)-[:VIA]->(e)`

// preparedDoc is an extraction checked and normalised for writing.
type preparedDoc struct {
	id, key          string
	extractorVersion string
	props            map[string]any
	entities         []*preparedEntity // every entity the document touches, each once
	statements       []preparedStatement
}

type preparedStatement struct {
	document string
	props    map[string]any
	speakers []map[string]any // SAID rows without the statement id
	mentions []string
	via      string
}

type preparedEntity struct {
	id, name string
	typ      graph.EntityType
	implied  bool // referenced (speaker, via, role, parent place) but not listed among the entities
	count    int
	aliases  []string
	roles    []graph.Role
	partOf   string
}

// prepare validates ext and normalises it into what the Cypher above
// writes. It guarantees the invariant delete relies on: every entity that
// the document's statements, roles or places refer to gets a MENTIONS
// relationship from the document.
func prepare(ext graph.Extraction) (*preparedDoc, error) {
	doc := ext.Document
	sum := sha256.Sum256([]byte(doc.Text))
	hash := hex.EncodeToString(sum[:])
	id := doc.ID
	if id == "" {
		id = "sha256:" + hash
	}
	p := &preparedDoc{id: id, key: DocumentKey(doc), extractorVersion: doc.ExtractorVersion}
	if strings.TrimSpace(doc.Text) == "" {
		return p, graph.Errorf(graph.EINVALID, "document %s has no text", id)
	}
	p.props = compact(map[string]any{
		"id":                id,
		"content_hash":      "sha256:" + hash,
		"key":               p.key,
		"url":               doc.URL,
		"path":              doc.Path,
		"title":             doc.Title,
		"source":            doc.Source,
		"outlet":            Outlet(doc.Source, doc.URL),
		"published":         doc.Published,
		"modified":          doc.Modified,
		"language":          doc.Language,
		"extractor_version": doc.ExtractorVersion,
		"text":              doc.Text,
		"statement_count":   int64(len(ext.Statements)),
	})
	if authors := cleanList(doc.Authors); len(authors) > 0 {
		p.props["authors"] = authors
	}

	byID := make(map[string]*preparedEntity)
	var order []string
	add := func(e *preparedEntity) {
		byID[e.id] = e
		order = append(order, e.id)
	}
	for _, e := range ext.Entities {
		if e.ID == "" || !e.Type.Valid() {
			return p, graph.Errorf(graph.EINVALID, "document %s: entity %q has an invalid id or type %q", id, e.ID, e.Type)
		}
		if old, ok := byID[e.ID]; ok && !old.implied {
			// Listed twice: merge rather than fail.
			old.count += len(e.Mentions)
			old.aliases = append(old.aliases, e.Aliases...)
			old.roles = append(old.roles, e.Roles...)
			continue
		}
		add(&preparedEntity{id: e.ID, name: e.Name, typ: e.Type, count: len(e.Mentions),
			aliases: e.Aliases, roles: e.Roles, partOf: e.PartOf})
	}
	implied := func(ref, name string, typ graph.EntityType) error {
		if ref == "" {
			return nil
		}
		if _, ok := byID[ref]; ok {
			return nil
		}
		if !typ.Valid() {
			typ = typeFromID(ref)
		}
		if !typ.Valid() {
			return graph.Errorf(graph.EINVALID, "document %s refers to entity %q of unknown type", id, ref)
		}
		if name == "" {
			name = nameFromID(ref)
		}
		add(&preparedEntity{id: ref, name: name, typ: typ, implied: true})
		return nil
	}
	for _, st := range ext.Statements {
		for _, sp := range st.Speakers {
			if err := implied(sp.ID, sp.Name, sp.Type); err != nil {
				return p, err
			}
		}
		if err := implied(st.Via, "", ""); err != nil {
			return p, err
		}
		for _, m := range st.Mentions {
			if err := implied(m, "", ""); err != nil {
				return p, err
			}
		}
	}
	for _, eid := range append([]string(nil), order...) {
		e := byID[eid]
		for _, r := range e.roles {
			if err := implied(r.Of, "", ""); err != nil {
				return p, err
			}
		}
		if e.partOf != "" {
			if err := implied(e.partOf, "", graph.Place); err != nil {
				return p, err
			}
		}
	}
	for _, eid := range order {
		p.entities = append(p.entities, byID[eid])
	}

	// Statement ids first: a turn names its first statement by the
	// producer's id, which is stored as the statement's id is.
	seen := make(map[string]int, len(ext.Statements))
	sids := make([]string, len(ext.Statements))
	stored := make(map[string]string, len(ext.Statements)) // producer's id -> stored id (first statement with it)
	for i, st := range ext.Statements {
		sid := statementID(hash, st)
		if n := seen[sid]; n > 0 {
			seen[sid] = n + 1
			sid = fmt.Sprintf("%s~%d", sid, n+1)
		} else {
			seen[sid] = 1
		}
		sids[i] = sid
		if _, ok := stored[st.ID]; st.ID != "" && !ok {
			stored[st.ID] = sid
		}
	}
	for i, st := range ext.Statements {
		if !st.Kind.Valid() {
			return p, graph.Errorf(graph.EINVALID, "document %s: statement %d has kind %q", id, i, st.Kind)
		}
		if st.Content.Start < 0 || st.Content.End > len(doc.Text) || st.Content.Start > st.Content.End {
			return p, graph.Errorf(graph.EINVALID, "document %s: statement %d content [%d,%d) lies outside the text", id, i, st.Content.Start, st.Content.End)
		}
		parts, err := checkParts(id, i, doc.Text, st)
		if err != nil {
			return p, err
		}
		turn := ""
		if st.Turn != "" {
			var ok bool
			if turn, ok = stored[st.Turn]; !ok {
				return p, graph.Errorf(graph.EINVALID, "document %s: statement %d has turn %q, which names no statement of the document", id, i, st.Turn)
			}
		}
		sid := sids[i]
		date := st.Date
		if date == "" {
			date = doc.Published
		}
		var speakers []map[string]any
		var unresolved unresolvedLists
		dupSpeaker := make(map[string]bool, len(st.Speakers))
		for j, sp := range st.Speakers {
			if !validSpeakerKind(sp.Kind) {
				return p, graph.Errorf(graph.EINVALID, "document %s: statement %d speaker %d has kind %q (person, group, organisation or document)", id, i, j, sp.Kind)
			}
			if sp.ID == "" {
				if err := unresolved.add(sp, doc.Text); err != nil {
					return p, graph.Errorf(graph.EINVALID, "document %s: statement %d speaker %d: %s", id, i, j, err)
				}
				continue
			}
			if dupSpeaker[sp.ID] {
				continue
			}
			dupSpeaker[sp.ID] = true
			speakers = append(speakers, map[string]any{
				"entity": sp.ID, "resolved_from": sp.ResolvedFrom, "kind": nullable(sp.Kind), "text": sp.Text,
				"start": int64(sp.Start), "end": int64(sp.End),
			})
		}
		var mentions []string
		dupMention := make(map[string]bool, len(st.Mentions))
		for _, m := range st.Mentions {
			if m == "" || dupMention[m] {
				continue
			}
			dupMention[m] = true
			mentions = append(mentions, m)
		}
		props := compact(map[string]any{
			"id":         sid,
			"kind":       string(st.Kind),
			"text":       st.Content.Text,
			"start":      int64(st.Content.Start),
			"end":        int64(st.Content.End),
			"cue":        st.Cue.Text,
			"cue_lemma":  st.Cue.Lemma,
			"cue_start":  int64(st.Cue.Start),
			"cue_end":    int64(st.Cue.End),
			"date":       date,
			"confidence": st.Confidence,
			"document":   id,
			"turn":       turn,
		})
		if len(parts) > 0 {
			starts, ends, texts := make([]any, len(parts)), make([]any, len(parts)), make([]any, len(parts))
			for k, pt := range parts {
				starts[k], ends[k], texts[k] = int64(pt.Start), int64(pt.End), pt.Text
			}
			props["part_starts"], props["part_ends"], props["part_texts"] = starts, ends, texts
		}
		unresolved.into(props)
		p.statements = append(p.statements, preparedStatement{
			document: id,
			props:    props,
			speakers: speakers,
			mentions: mentions,
			via:      st.Via,
		})
	}
	p.props["entity_count"] = int64(len(p.entities))
	return p, nil
}

// checkParts validates a statement's content parts and returns them with
// their texts taken from the document (nil for a one-piece statement). The
// parts must be non-empty, lie inside the text and inside the content's
// extent, and follow one another without overlapping; a part's text, when
// given, must be the text at its offsets.
func checkParts(doc string, i int, text string, st graph.Statement) ([]graph.Span, error) {
	if len(st.Parts) == 0 {
		return nil, nil
	}
	out := make([]graph.Span, len(st.Parts))
	prevEnd := st.Content.Start
	for k, pt := range st.Parts {
		bad := func(why string) error {
			return graph.Errorf(graph.EINVALID, "document %s: statement %d part %d [%d,%d) %s", doc, i, k, pt.Start, pt.End, why)
		}
		switch {
		case pt.Start < 0 || pt.End > len(text) || pt.Start >= pt.End:
			return nil, bad("is empty or lies outside the text")
		case pt.Start < st.Content.Start || pt.End > st.Content.End:
			return nil, bad(fmt.Sprintf("lies outside the content [%d,%d)", st.Content.Start, st.Content.End))
		case pt.Start < prevEnd:
			return nil, bad("overlaps or precedes the part before it")
		case pt.Text != "" && pt.Text != text[pt.Start:pt.End]:
			return nil, bad("has a text that is not the document's text at its offsets")
		}
		prevEnd = pt.End
		out[k] = graph.Span{Start: pt.Start, End: pt.End, Text: text[pt.Start:pt.End]}
	}
	if len(out) == 1 {
		return nil, nil // one piece is the content itself
	}
	return out, nil
}

// validSpeakerKind reports whether k is a speaker kind the graph knows.
func validSpeakerKind(k string) bool {
	switch k {
	case "", "person", "group", "organisation", "document":
		return true
	}
	return false
}

// unresolvedLists collects a statement's unresolved speakers (no entity
// id: "a senior official", "the report") as parallel lists, which the
// statement node keeps as its unresolved_* properties. They get no entity
// node, whatever their kind, so a document speaker is never a Person.
type unresolvedLists struct {
	texts, starts, ends, types, kinds, resolvedFrom []any
}

func (u *unresolvedLists) add(sp graph.Speaker, text string) error {
	if sp.Text == "" {
		return nil // nothing to show: skipped as before
	}
	if sp.Start < 0 || sp.End > len(text) || sp.Start > sp.End {
		return fmt.Errorf("unresolved speaker [%d,%d) lies outside the text", sp.Start, sp.End)
	}
	for k := range u.texts {
		if u.starts[k] == int64(sp.Start) && u.ends[k] == int64(sp.End) {
			return nil // the same words twice
		}
	}
	u.texts = append(u.texts, sp.Text)
	u.starts = append(u.starts, int64(sp.Start))
	u.ends = append(u.ends, int64(sp.End))
	u.types = append(u.types, string(sp.Type))
	u.kinds = append(u.kinds, sp.Kind)
	u.resolvedFrom = append(u.resolvedFrom, sp.ResolvedFrom)
	return nil
}

func (u *unresolvedLists) into(props map[string]any) {
	if len(u.texts) == 0 {
		return
	}
	props["unresolved_texts"], props["unresolved_starts"], props["unresolved_ends"] = u.texts, u.starts, u.ends
	props["unresolved_types"], props["unresolved_kinds"], props["unresolved_resolved_from"] = u.types, u.kinds, u.resolvedFrom
}

// cleanList returns the distinct non-empty trimmed values of in, in their
// order (a byline's order is the authors' order), as a Cypher list.
func cleanList(in []string) []any {
	out := make([]any, 0, len(in))
	seen := make(map[string]bool, len(in))
	for _, s := range in {
		s = strings.TrimSpace(s)
		if s == "" || seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	return out
}

// statementID keeps the extractor's id when it already names the document
// (it embeds a prefix of the content hash), and otherwise qualifies it with
// the document, so statement ids are unique across the graph whatever the
// extractor's numbering.
func statementID(hash string, st graph.Statement) string {
	if st.ID == "" {
		return fmt.Sprintf("stmt:%s:%d-%d", hash[:16], st.Content.Start, st.Content.End)
	}
	if strings.Contains(st.ID, hash[:12]) {
		return st.ID
	}
	return "stmt:" + hash[:16] + ":" + st.ID
}

// DocumentKey is the key under which Load stores doc and which a newer
// version replaces: doc.Key(), except that positions in standard input
// ("-", "-:3", "-[2]") identify nothing across runs, so such documents are
// identified by their content only and never replace one another.
func DocumentKey(doc graph.Document) string {
	k := doc.Key()
	if k == "-" || strings.HasPrefix(k, "-:") || strings.HasPrefix(k, "-[") {
		return ""
	}
	return k
}

func typeFromID(id string) graph.EntityType {
	prefix, _, _ := strings.Cut(id, ":")
	switch prefix {
	case "person":
		return graph.Person
	case "organisation", "organization", "org":
		return graph.Organisation
	case "place":
		return graph.Place
	}
	return ""
}

// nameFromID makes a readable name for an entity that is only referred to
// ("place:ukraine" → "Ukraine") until some document lists it with its name.
func nameFromID(id string) string {
	_, slug, ok := strings.Cut(id, ":")
	if !ok {
		slug = id
	}
	words := strings.Split(slug, "-")
	for i, w := range words {
		if w != "" {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, " ")
}

type rowSet struct {
	documents, entities, docMentions, roles, partOf, statements []any
	said, stmtMentions, via                                     []any
}

func buildRows(docs []*preparedDoc, now string) rowSet {
	var rs rowSet
	// One entity row per id: rows of one UNWIND do not see each other's
	// writes, so two rows for one entity would overwrite each other.
	type entityRow struct {
		typ, name      string
		implied        bool
		aliases, roles []string
		first, last    string // publication dates of the batch's documents naming it
		docs           int64  // the batch's documents naming it
	}
	entities := make(map[string]*entityRow)
	partOf := make(map[[2]string]bool)
	var entityOrder []string
	for _, d := range docs {
		rs.documents = append(rs.documents, map[string]any{"props": d.props, "ingested_at": now})
		published, _ := d.props["published"].(string)
		for _, e := range d.entities {
			aliases := uniqueSorted(e.aliases, e.name)
			titles := make([]string, 0, len(e.roles))
			for _, r := range e.roles {
				titles = append(titles, r.Title)
			}
			roles := uniqueSorted(titles, "")
			row, ok := entities[e.id]
			if !ok {
				row = &entityRow{typ: string(e.typ), name: e.name, implied: e.implied}
				entities[e.id] = row
				entityOrder = append(entityOrder, e.id)
			} else if row.implied && !e.implied {
				row.name, row.implied = e.name, false
			}
			row.aliases = append(row.aliases, e.aliases...)
			row.roles = append(row.roles, titles...)
			row.docs++
			if published != "" {
				if row.first == "" || published < row.first {
					row.first = published
				}
				row.last = max(row.last, published)
			}
			rs.docMentions = append(rs.docMentions, map[string]any{
				"document": d.id, "entity": e.id, "count": int64(e.count),
				"aliases": aliases, "roles": roles,
			})
			seenRole := make(map[graph.Role]bool)
			for _, r := range e.roles {
				if r.Of == "" || r.Title == "" || seenRole[r] {
					continue
				}
				seenRole[r] = true
				rs.roles = append(rs.roles, map[string]any{"entity": e.id, "of": r.Of, "title": r.Title, "document": d.id})
			}
			if e.partOf != "" && e.typ == graph.Place && !partOf[[2]string{e.id, e.partOf}] {
				partOf[[2]string{e.id, e.partOf}] = true
				rs.partOf = append(rs.partOf, map[string]any{"place": e.id, "parent": e.partOf})
			}
		}
		for _, st := range d.statements {
			rs.statements = append(rs.statements, st.props)
			sid := st.props["id"]
			for _, sp := range st.speakers {
				sp["statement"] = sid
				rs.said = append(rs.said, sp)
			}
			for _, m := range st.mentions {
				rs.stmtMentions = append(rs.stmtMentions, map[string]any{"statement": sid, "entity": m})
			}
			if st.via != "" {
				rs.via = append(rs.via, map[string]any{"statement": sid, "entity": st.via})
			}
		}
	}
	slices.Sort(entityOrder) // lock order: see lockEntities
	for _, id := range entityOrder {
		e := entities[id]
		rs.entities = append(rs.entities, map[string]any{
			"id": id, "type": e.typ, "name": e.name, "implied": e.implied,
			"aliases": uniqueSorted(e.aliases, e.name), "roles": uniqueSorted(e.roles, ""),
			"first": nullable(e.first), "last": nullable(e.last), "docs": e.docs,
		})
	}
	return rs
}

// uniqueSorted returns the distinct non-empty values of in other than
// except, sorted, as a Cypher list.
func uniqueSorted(in []string, except string) []any {
	seen := make(map[string]bool, len(in))
	out := make([]string, 0, len(in))
	for _, s := range in {
		s = strings.TrimSpace(s)
		if s == "" || s == except || seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	slices.Sort(out)
	list := make([]any, len(out))
	for i, s := range out {
		list[i] = s
	}
	return list
}

// compact drops empty strings so absent metadata is absent in the graph
// rather than stored as "".
// metaFields are the Document properties that come from the article's
// metadata. The same text and extractor with a metadata value the stored
// copy lacks or has otherwise replaces the document (statements carry its
// date; authors are provenance); less metadata than stored (an article
// reached again through a bare URL list) changes nothing. The path is not
// among them: the same article read from another file is the same
// document.
// The outlet is derived from the source (else the URL's host), so it is
// compared through them.
var metaFields = []string{"url", "title", "source", "published", "modified", "language", "authors"}

// newMetadata reports whether props holds a metadata value that old (the
// stored document's) does not.
func newMetadata(props, old map[string]any) bool {
	for _, k := range metaFields {
		v, ok := props[k]
		if !ok {
			continue
		}
		if fmt.Sprint(v) != fmt.Sprint(old[k]) {
			return true
		}
	}
	return false
}

func compact(m map[string]any) map[string]any {
	for k, v := range m {
		if s, ok := v.(string); ok && s == "" {
			delete(m, k)
		}
	}
	return m
}

// IsUnavailable reports whether err means Neo4j could not be reached (or
// kept failing transiently until the driver's retries ran out), so a caller
// may wait and try again rather than give up on the data.
func IsUnavailable(err error) bool {
	if err == nil {
		return false
	}
	if graph.ErrorCode(err) == graph.EUNAVAILABLE {
		return true
	}
	var ce *neo4j.ConnectivityError
	if errors.As(err, &ce) {
		return true
	}
	var tel *neo4j.TransactionExecutionLimit
	if errors.As(err, &tel) && len(tel.Errors) > 0 {
		last := tel.Errors[len(tel.Errors)-1]
		return errors.As(last, &ce) || neo4j.IsRetryable(last)
	}
	var ne *neo4j.Neo4jError
	if errors.As(err, &ne) {
		return ne.Code == "Neo.TransientError.General.DatabaseUnavailable"
	}
	return false
}

// nullable maps "" to a Cypher null.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}
