// whosaid explorer: an overview of the corpus on arrival; an entity's
// network and speaker page (timeline, roles, aliases, whom they mention,
// outlets, statements with provenance); statement search; a path finder;
// a read-only Cypher console. Data come from the server's /api/v1; the
// network itself is loaded as Cytoscape.js JSON from /api/v1/export, the
// same file a researcher downloads.
//
// The address (its #fragment) holds the view and its parameters, so every
// view can be shared and restored: #view=overview, #entity=ID&expand=…,
// #view=statements&q=…, #view=paths&from=…&to=…, #view=cypher&query=….
//
// Everything from the server is inserted as text (textContent), never as
// HTML.
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';

cytoscape.use(fcose);

const API = 'api/v1';
const NETWORK_LIMIT = 150; // entities added per expansion: keeps layouts fast
const PAGE = 25;
const KEY_STORE = 'whosaid.apiKey';

const $ = (id) => document.getElementById(id);

const state = {
  view: '',
  focus: null, // entity id the network started from
  depth: 0, // hops from the focus covered by the expansions so far
  expanded: new Map(), // entity id -> hop distance from the focus
  speaker: null,
  cursor: null,
  day: '', // a timeline day the statements are narrowed to
  stCursor: null,
  stQuery: null,
  routed: '', // the fragment the current view was built from
  generation: 0, // counts network loads, so a late answer is dropped
  stmtGen: 0, // the same for the speaker's statements
  searchGen: 0, // and for statement searches
  pathGen: 0, // and for path searches
  docGen: 0, // and for documents
};

// ---- small helpers ----------------------------------------------------

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

const SVG = 'http://www.w3.org/2000/svg';
function svg(tag, attrs = {}, ...children) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

function status(msg, isError = false) {
  const s = $('status');
  s.textContent = msg;
  s.classList.toggle('error', isError);
}

class HTTPError extends Error {
  constructor(status, detail, code) {
    super(`${status}: ${detail}`);
    this.status = status;
    this.detail = detail;
    this.code = code;
  }
}

async function failure(res) {
  let detail = res.statusText;
  let code = '';
  try {
    const p = await res.json();
    detail = p.detail || p.title || detail;
    code = p.code || '';
  } catch { /* not a problem body */ }
  return new HTTPError(res.status, detail, code);
}

async function getJSON(path, params = {}) {
  const url = new URL(path, document.baseURI);
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, v);
  }
  const res = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!res.ok) throw await failure(res);
  return res.json();
}

const enc = new TextEncoder();
const dec = new TextDecoder();

// highlight renders text, which starts at byte offset base of its
// document, with every span [start, end) of spans (UTF-8 document offsets,
// as the server reports them) inside a <mark>. Spans outside the text are
// left out.
function highlight(text, base, spans) {
  const bytes = enc.encode(text);
  const out = el('span', {});
  let at = 0;
  const sorted = spans
    .map((s) => [s.start - base, s.end - base])
    .filter(([a, b]) => a >= 0 && b > a && b <= bytes.length)
    .sort((x, y) => x[0] - y[0]);
  for (const [a, b] of sorted) {
    if (a < at) continue;
    out.append(dec.decode(bytes.slice(at, a)), el('mark', {}, dec.decode(bytes.slice(a, b))));
    at = b;
  }
  out.append(dec.decode(bytes.slice(at)));
  return out;
}

// contentSpans are the pieces of a statement's content in the document.
function contentSpans(st) {
  if (st.parts && st.parts.length) return st.parts;
  const p = st.provenance || {};
  return [{ start: p.start ?? st.start, end: p.end ?? st.end }];
}

function typeBadge(type) {
  return el('span', { class: `type ${type || ''}` }, type || 'Entity');
}

const kindColours = { direct: '#5b2c83', indirect: '#00695c', mixed: '#b0004e' };
const kindNames = { direct: 'direct quote', indirect: 'indirect (reported)', mixed: 'mixed' };

function kindBadge(kind) {
  return el('span', { class: `kind ${kind || ''}`, title: kindNames[kind] || kind }, kind);
}

// entityLink is a link that opens an entity's network and speaker page.
function entityLink(ref, extra) {
  return el('a', { href: `#entity=${encodeURIComponent(ref.id)}`, class: 'entity', 'data-id': ref.id, title: ref.id },
    typeBadge(ref.type), el('span', { class: 'name' }, ref.name || ref.id), extra || null);
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function docTitle(doc) {
  return doc.title || `untitled document ${(doc.id || '').replace(/^sha256:/, '').slice(0, 12)}`;
}

// ---- routing ------------------------------------------------------------

function hashParams() {
  return new URLSearchParams(location.hash.slice(1));
}

// setHash records the view's parameters in the address. push makes a new
// history entry (Back returns); otherwise the entry is replaced.
function setHash(params, push = false) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, v);
  const h = `#${p.toString()}`;
  if (h === location.hash) return;
  state.routed = h;
  history[push ? 'pushState' : 'replaceState'](null, '', `${location.pathname}${location.search}${h}`);
}

function navigate(params) {
  setHash(params, true);
  state.routed = '';
  route();
}

function showView(view) {
  state.view = view;
  for (const v of document.querySelectorAll('.view')) v.hidden = v.id !== `view-${view}`;
  for (const a of document.querySelectorAll('#views a')) {
    if (a.dataset.view === view) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  if (view === 'network') requestAnimationFrame(() => { cy.resize(); });
}

function route() {
  if (location.hash === state.routed && state.view) return;
  state.routed = location.hash;
  const p = hashParams();
  if (p.get('key')) { // a key handed to the page: keep it in this tab only, out of the address
    sessionStorage.setItem(KEY_STORE, p.get('key'));
    p.delete('key');
    history.replaceState(null, '', `${location.pathname}${location.search}${p.size ? `#${p}` : ''}`);
    state.routed = location.hash;
  }
  const view = p.get('entity') ? 'network' : p.get('doc') ? 'document' : (p.get('view') || 'overview');
  switch (view) {
    case 'document':
      showView('document');
      loadDocument(p.get('doc'), p.get('statement'));
      break;
    case 'network':
      showView('network');
      if (p.get('entity')) restoreNetwork(p);
      else if (!state.focus) {
        $('profile').replaceChildren(el('p', { class: 'help' }, 'No entity chosen yet: search for one above, or pick one on the overview.'));
        status('Search for an entity, or choose one on the overview.');
      }
      break;
    case 'statements':
      showView('statements');
      restoreStatementSearch(p);
      break;
    case 'paths':
      showView('paths');
      restorePaths(p);
      break;
    case 'cypher':
      showView('cypher');
      restoreCypher(p);
      break;
    default:
      showView('overview');
      loadOverview();
  }
}
window.addEventListener('popstate', () => { state.routed = ''; route(); });
window.addEventListener('hashchange', () => route());

// ---- entity search --------------------------------------------------------

async function search(q) {
  const list = $('search-results');
  list.replaceChildren();
  if (!q.trim()) return;
  status(`Searching “${q}”…`);
  try {
    const body = await getJSON(`${API}/entities`, { q, limit: 20 });
    const items = body.items || [];
    for (const it of items) {
      const aliases = (it.aliases || []).filter((a) => a !== it.name);
      list.append(el('li', {},
        el('button', { type: 'button', 'data-id': it.id, onclick: () => openEntityView(it.id) },
          typeBadge(it.type), el('span', { class: 'name' }, it.name),
          aliases.length ? el('span', { class: 'help' }, ` (${aliases.slice(0, 3).join(', ')})`) : null)));
    }
    status(items.length ? `${items.length} result(s) for “${q}”.` : `Nothing found for “${q}”.`);
    if (items.length) list.querySelector('button').focus();
  } catch (e) {
    status(`Search failed: ${e.message}`, true);
  }
}

function openEntityView(id) {
  $('search-results').replaceChildren();
  navigate({ entity: id, ...filterParams() });
}

// entityPicker fills a <datalist> with matching entities as the user types;
// resolve turns what was typed (an id, or a name) into an entity.
function entityPicker(input, list, type) {
  let timer = 0;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 2 || q.includes(':')) return;
    timer = setTimeout(async () => {
      try {
        const body = await getJSON(`${API}/entities`, { q, type, limit: 8 });
        list.replaceChildren(...(body.items || []).map((it) => el('option', { value: it.id, label: `${it.name} (${it.type})` })));
      } catch { /* suggestions are optional */ }
    }, 200);
  });
}

async function resolveEntity(value, field) {
  const v = value.trim();
  if (!v) return null;
  if (/^[a-z]+:\S/.test(v)) return { id: v, name: v };
  const body = await getJSON(`${API}/entities`, { q: v, limit: 1 });
  const hit = (body.items || [])[0];
  if (!hit) throw new Error(`no entity matches “${v}” (${field})`);
  return hit;
}

// ---- overview -------------------------------------------------------------

async function loadOverview() {
  status('Loading the overview…');
  try {
    const ov = await getJSON(`${API}/overview`, { limit: 10 });
    if (state.view !== 'overview') return; // the reader moved on meanwhile
    const c = ov.counts || {};
    const span = c.first_date ? (c.first_date === c.last_date ? c.first_date : `${c.first_date} – ${c.last_date}`) : 'no dated statements';
    const count = (label, n, href) => [el('dt', {}, label), el('dd', {}, href ? el('a', { href }, String(n ?? 0)) : String(n ?? 0))];
    $('ov-counts').replaceChildren(
      ...count('Documents', c.documents),
      ...count('Statements', c.statements, '#view=statements'),
      ...count('People', c.people),
      ...count('Organisations', c.organisations),
      ...count('Places', c.places),
      el('dt', {}, 'Dates'), el('dd', { class: 'dates' }, span),
    );
    const ranked = (list, items) => {
      list.replaceChildren(...items.map((it) => el('li', {},
        entityLink(it), el('span', { class: 'count' }, ` ${plural(it.statements, 'statement')}`))));
      if (!items.length) list.append(el('li', { class: 'help' }, 'None yet.'));
    };
    ranked($('ov-speakers'), ov.top_speakers || []);
    ranked($('ov-mentioned'), ov.most_mentioned || []);
    loadLatestDocuments();
    const latest = ov.latest_statements || [];
    $('ov-latest').replaceChildren(...latest.map((l) => el('li', { 'data-statement': l.statement.id },
      el('div', {},
        el('span', { class: 'when' }, l.statement.date || 'undated'), ' ', kindBadge(l.statement.kind), ' ',
        ...(l.speakers || []).map((s) => entityLink(s))),
      el('blockquote', {}, l.statement.text),
      el('p', { class: 'prov' }, 'In ', l.document.url
        ? el('a', { href: l.document.url, rel: 'noopener noreferrer', target: '_blank' }, docTitle(l.document))
        : el('cite', {}, docTitle(l.document)), l.document.source ? `, ${l.document.source}` : '', ' · ', docLink(l.document.id, l.statement.id)),
      paragraphBox(l.statement.id))));
    if (!latest.length) $('ov-latest').append(el('li', { class: 'help' }, 'No statements yet: ingest some articles (whosaid ingest).'));
    status(`Ready: ${c.documents ?? 0} documents, ${c.statements ?? 0} statements, ${c.entities ?? 0} entities.`);
  } catch (e) {
    status(`Could not load the overview: ${e.message}`, true);
  }
}

async function loadLatestDocuments() {
  const list = $('ov-docs');
  try {
    const body = await getJSON(`${API}/documents`, { limit: 10 });
    const docs = body.items || [];
    list.replaceChildren(...docs.map((d) => el('li', {},
      el('a', { href: `#doc=${encodeURIComponent(d.id)}`, class: 'doc', 'data-doc': d.id }, docTitle(d)),
      el('span', { class: 'count' }, ` ${[d.source, d.published].filter(Boolean).join(', ')}${d.source || d.published ? ' · ' : ''}${plural(d.statements, 'statement')}`))));
    if (!docs.length) list.append(el('li', { class: 'help' }, 'None yet.'));
  } catch (e) {
    list.replaceChildren(el('li', { class: 'help' }, `Could not list the documents: ${e.message}`));
  }
}

// ---- document -----------------------------------------------------------------

// docLink opens a document in the explorer, at one of its statements.
function docLink(docID, statementID, text = 'read it in the document') {
  const p = new URLSearchParams({ doc: docID });
  if (statementID) p.set('statement', statementID);
  return el('a', { href: `#${p}`, class: 'in-doc' }, text);
}

// markedText renders a document's text with every statement's content
// parts in a <mark> that names the statement, its kind and speakers.
function markedText(text, statements) {
  const bytes = enc.encode(text);
  const spans = [];
  for (const st of statements) {
    const who = (st.speakers || []).map((x) => x.name).concat((st.unresolved_speakers || []).map((u) => u.text)).join(', ') || 'unknown speaker';
    for (const sp of contentSpans(st)) spans.push({ start: sp.start, end: sp.end, st, who });
  }
  spans.sort((a, b) => a.start - b.start);
  const out = el('div', {});
  let at = 0;
  for (const sp of spans) {
    if (sp.start < at || sp.end > bytes.length || sp.end <= sp.start) continue;
    out.append(dec.decode(bytes.slice(at, sp.start)),
      el('mark', { 'data-statement': sp.st.id, class: `said ${sp.st.kind}`, title: `${sp.who} (${sp.st.kind})` }, dec.decode(bytes.slice(sp.start, sp.end))));
    at = sp.end;
  }
  out.append(dec.decode(bytes.slice(at)));
  return out;
}

function focusStatement(id) {
  for (const m of document.querySelectorAll('#doc-text mark.on, #doc-statements li.on')) m.classList.remove('on');
  const marks = document.querySelectorAll(`#doc-text mark[data-statement="${CSS.escape(id)}"]`);
  marks.forEach((m) => m.classList.add('on'));
  const item = document.querySelector(`#doc-statements li[data-statement="${CSS.escape(id)}"]`);
  if (item) item.classList.add('on');
  if (marks.length) marks[0].scrollIntoView({ block: 'center' });
}

async function loadDocument(id, statementID) {
  $('doc-title').textContent = 'Loading…';
  $('doc-meta').textContent = '';
  $('doc-text').replaceChildren();
  $('doc-statements').replaceChildren();
  $('doc-entities').replaceChildren();
  const gen = ++state.docGen;
  try {
    const d = await getJSON(`${API}/documents/${encodeURIComponent(id)}`);
    if (gen !== state.docGen) return;
    $('doc-title').textContent = docTitle(d);
    $('doc-meta').replaceChildren(el('span', {},
      [d.source, d.published, (d.authors || []).length ? `by ${d.authors.join(', ')}` : ''].filter(Boolean).join(', '),
      d.url ? [' · ', el('a', { href: d.url, rel: 'noopener noreferrer', target: '_blank' }, 'the original')] : null,
      ` · ${plural(d.statements, 'statement')}, ${d.entities} ${d.entities === 1 ? 'entity' : 'entities'}`));
    const statements = d.statement_list || [];
    $('doc-text').replaceChildren(markedText(d.text || '', statements));
    $('doc-statements').replaceChildren(...statements.map((st) => el('li', { 'data-statement': st.id, 'data-kind': st.kind },
      el('div', {}, kindBadge(st.kind), ' ', ...(st.speakers || []).map((x) => entityLink(x)),
        (st.unresolved_speakers || []).length ? el('span', { class: 'help' }, (st.unresolved_speakers || []).map((u) => `“${u.text}”`).join(', ')) : null),
      el('button', { type: 'button', class: 'link', onclick: () => { focusStatement(st.id); setHash({ doc: id, statement: st.id }); } }, st.text))));
    $('doc-entities').replaceChildren(...(d.entity_list || []).map((e) => el('li', {}, entityLink(e), el('span', { class: 'count' }, ` named ${e.count}×`))));
    if (statementID) focusStatement(statementID);
    status(`${docTitle(d)}: ${plural(statements.length, 'statement')} marked.`);
  } catch (e) {
    $('doc-title').textContent = 'Document';
    status(`Could not load the document: ${e.message}`, true);
  }
}

// ---- network ----------------------------------------------------------------

const colours = { Person: '#1f5fa8', Organisation: '#a4262c', Place: '#1e7b34', Statement: '#6b6b6b', Document: '#8a5a00' };
const edgeTypes = {
  SPOKE_ABOUT: { colour: '#555555', text: 'the source said statements that mention the target; weight = those statements' },
  CO_SPEAKER: { colour: '#7b3fa0', text: 'dashed, no arrow: the two made statements together; weight = those statements' },
  VIA: { colour: '#b35900', text: 'the source’s statements were relayed by the target; weight = those statements' },
  HOLDS_ROLE: { colour: '#a4262c', text: 'the source holds a role at the target; weight = documents stating it' },
  PART_OF: { colour: '#1e7b34', text: 'a place inside the target place' },
};

function nodeSize(n) {
  return 14 + 6 * Math.log2(1 + (n.data('statements') || 0) + (n.data('mentions') || 0));
}

const baseStyle = [
  {
    selector: 'node',
    style: {
      'background-color': (n) => colours[n.data('type')] || '#555',
      label: 'data(name)',
      color: '#1a1a1a',
      'font-size': 11,
      'text-valign': 'bottom',
      'text-margin-y': 3,
      'text-wrap': 'ellipsis', // long names end in … instead of running over their neighbours
      'text-max-width': '120px',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.8,
      'text-background-padding': 1,
      'min-zoomed-font-size': 7,
      'border-width': 3,
      'border-opacity': 0,
      width: nodeSize,
      height: nodeSize,
    },
  },
  // Every node has the same border, shown or not: the layout counts it in
  // a node's size, so selecting or expanding a node must not change that
  // (or the same view would be laid out differently).
  { selector: 'node.focus', style: { 'border-opacity': 1, 'border-color': '#e8710a' } },
  { selector: 'node.expanded', style: { 'border-opacity': 1, 'border-color': '#1a1a1a' } },
  { selector: 'node.focus.expanded', style: { 'border-opacity': 1, 'border-color': '#e8710a' } },
  { selector: 'node:selected', style: { 'border-opacity': 1, 'border-color': '#0b57d0' } },
  {
    selector: 'edge',
    style: {
      width: (e) => Math.min(1 + Math.log2(e.data('weight') || 1) * 1.5, 8),
      'line-color': (e) => (edgeTypes[e.data('type')] || {}).colour || '#777',
      'target-arrow-color': (e) => (edgeTypes[e.data('type')] || {}).colour || '#777',
      'target-arrow-shape': 'triangle',
      'curve-style': 'bezier',
      opacity: 0.75,
      'font-size': 10,
      color: '#1a1a1a',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.9,
      'text-background-padding': 2,
      'text-rotation': 'autorotate',
    },
  },
  { selector: 'edge[type = "CO_SPEAKER"]', style: { 'target-arrow-shape': 'none', 'line-style': 'dashed' } },
  { selector: 'edge.hover', style: { label: 'data(caption)', opacity: 1, 'z-index': 10 } },
];

const cy = cytoscape({
  container: $('cy'),
  textureOnViewport: true,
  hideEdgesOnViewport: true,
  minZoom: 0.05,
  maxZoom: 4,
  style: baseStyle,
});

function edgeCaption(d) {
  const w = d.weight || 1;
  const unit = d.type === 'HOLDS_ROLE' ? 'document' : d.type === 'PART_OF' ? '' : 'statement';
  return `${d.type} · weight ${w}${unit ? ` (${w} ${unit}${w === 1 ? '' : 's'})` : ''}`;
}

const nodeSwatch = (colour, border) => svg('svg', { width: 16, height: 16, 'aria-hidden': 'true' },
  svg('circle', { cx: 8, cy: 8, r: 6, fill: colour, stroke: border || 'none', 'stroke-width': border ? 3 : 0 }));

// miniLegend explains the colours of the paths and Cypher graphs.
function miniLegend(box, types, edges) {
  box.hidden = false;
  box.replaceChildren(el('ul', {},
    ...types.map((t) => el('li', {}, nodeSwatch(colours[t] || '#555'), el('span', {}, t))),
    el('li', {}, el('span', {}, edges))));
}

// The legend explains every colour, border, size and line of the graph.
function renderLegend() {
  const lineSwatch = (colour, dashed, arrow) => svg('svg', { width: 34, height: 12, 'aria-hidden': 'true' },
    svg('line', { x1: 1, y1: 6, x2: arrow ? 26 : 33, y2: 6, stroke: colour, 'stroke-width': 2.5, 'stroke-dasharray': dashed ? '4 3' : null }),
    arrow ? svg('polygon', { points: '26,2 33,6 26,10', fill: colour }) : null);
  const item = (swatch, text) => el('li', {}, swatch, el('span', {}, text));
  $('legend').replaceChildren(
    el('ul', { class: 'legend-nodes' },
      item(nodeSwatch(colours.Person), 'Person'),
      item(nodeSwatch(colours.Organisation), 'Organisation'),
      item(nodeSwatch(colours.Place), 'Place'),
      item(nodeSwatch('#ffffff', '#e8710a'), 'the entity the view started from'),
      item(nodeSwatch('#ffffff', '#1a1a1a'), 'expanded (its neighbours are shown)'),
      item(nodeSwatch('#ffffff', '#0b57d0'), 'selected'),
      el('li', {}, el('span', {}, 'Node size grows with the statements it made and that mention it.'))),
    el('ul', { class: 'legend-edges' },
      ...Object.entries(edgeTypes).map(([type, t]) => item(lineSwatch(t.colour, type === 'CO_SPEAKER', type !== 'CO_SPEAKER'),
        `${type}: ${t.text}`)),
      el('li', {}, el('span', {}, 'Line width grows with the weight; arrows point from the speaker (or part) to the target.'))),
  );
}

// Edge ids in an export are only unique within that file; merging several
// files needs ids derived from the edge itself.
function edgeKey(d) {
  return `${d.type}|${d.source}|${d.target}`;
}

function filterParams() {
  const f = new FormData($('filters'));
  const w = parseInt(f.get('min_weight'), 10);
  return {
    from: f.get('from') || '',
    to: f.get('to') || '',
    kind: f.get('kind') || '',
    min_weight: w > 1 ? String(w) : '',
  };
}

async function loadNetwork(id) {
  const f = filterParams();
  const json = await getJSON(`${API}/export`, {
    format: 'cytoscape', entity: id, depth: 1, limit: NETWORK_LIMIT, max_statement_ids: 20,
    from: f.from, to: f.to, kind: f.kind, min_weight: f.min_weight,
  });
  return json.elements || { nodes: [], edges: [] };
}

// hash32 gives every id the same starting position on every load, so the
// layout of the same network is the same each time.
function hash32(s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

function seedPosition(id, near) {
  const h = hash32(id);
  const angle = (h % 3600) / 3600 * 2 * Math.PI;
  const r = 60 + ((h >>> 12) % 200);
  const c = near || { x: 0, y: 0 };
  return { x: c.x + r * Math.cos(angle), y: c.y + r * Math.sin(angle) };
}

// byID orders elements by id, so that the layout (which depends on the
// order of the elements) does not depend on the order the server sent.
const byID = (a, b) => (a.data.id < b.data.id ? -1 : a.data.id > b.data.id ? 1 : 0);

function mergeElements(elements, graph = cy, near = null) {
  const added = [];
  graph.batch(() => {
    for (const n of [...(elements.nodes || [])].sort(byID)) {
      if (graph.getElementById(n.data.id).empty()) {
        added.push(graph.add({ group: 'nodes', data: { ...n.data, parent: undefined }, classes: n.classes, position: seedPosition(n.data.id, near) }));
      }
    }
    const edges = (elements.edges || []).map((e) => ({ ...e, data: { ...e.data, id: graph === cy ? edgeKey(e.data) : e.data.id } }));
    for (const e of edges.sort(byID)) {
      const key = e.data.id;
      if (graph.getElementById(key).empty() && graph.getElementById(e.data.source).nonempty() && graph.getElementById(e.data.target).nonempty()) {
        added.push(graph.add({ group: 'edges', data: { ...e.data, id: key, caption: e.data.caption || edgeCaption(e.data) }, classes: e.classes }));
      }
    }
  });
  return added.length;
}

// mulberry32 is a small seeded random number generator.
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// runLayout lays the graph out and fits it to its container. A fresh graph
// starts from fcose's spectral layout, an expanded one from where its nodes
// are (new nodes are seeded around the node that brought them), so an
// expansion keeps the picture the reader knows. fcose draws random numbers
// (spectral sampling, cose's jitter) and has no seed option; it runs
// synchronously without animation, so Math.random is replaced for the run
// by a generator seeded with the graph's ids: the same graph, from the same
// address, is laid out the same way each time.
function runLayout(graph = cy, fresh = true) {
  const n = graph.elements().length;
  const draft = n > 1500;
  const layout = graph.layout({
    name: 'fcose',
    quality: draft ? 'draft' : 'default',
    randomize: fresh || draft, // draft quality is the spectral step alone
    animate: false,
    nodeRepulsion: 6000,
    idealEdgeLength: 90,
    nodeDimensionsIncludeLabels: n < 400,
    fit: true,
    padding: 30,
  });
  const done = layout.promiseOn('layoutstop').then(() => fitView(graph));
  const random = Math.random;
  Math.random = mulberry32(hash32(graph.nodes().map((x) => x.id()).sort().join('\n')));
  try {
    layout.run();
  } finally {
    Math.random = random;
  }
  return done;
}

function fitView(graph = cy) {
  graph.resize();
  if (graph.elements().nonempty()) graph.fit(graph.elements(), 30);
  // A single node would be drawn at the maximum zoom.
  if (graph.zoom() > 1.6) {
    graph.zoom(1.6);
    graph.center();
  }
}

// The container changes size with the window and the panes: keep the
// drawing inside it.
new ResizeObserver(() => {
  if (!$('view-network').hidden) fitView(cy);
}).observe($('cy'));

async function openEntity(id) {
  state.focus = id;
  state.depth = 1;
  state.expanded = new Map([[id, 0]]);
  const gen = ++state.generation;
  cy.elements().remove();
  status(`Loading the network of ${id}…`);
  try {
    const elements = await loadNetwork(id);
    if (gen !== state.generation) return; // another network was asked for meanwhile
    mergeElements(elements);
    cy.getElementById(id).addClass('focus expanded');
    await runLayout();
    renderNodeList();
    updateExport();
    status(`${cy.nodes().length} entities, ${cy.edges().length} links around ${nameOf(id)}.`);
  } catch (e) {
    status(`Could not load the network: ${e.message}`, true);
  }
}

async function expand(id) {
  if (state.expanded.has(id)) {
    status(`${nameOf(id)} is already expanded.`);
    return;
  }
  status(`Expanding ${nameOf(id)}…`);
  try {
    const hop = hopOf(id);
    const gen = state.generation;
    const node = cy.getElementById(id);
    const elements = await loadNetwork(id);
    if (gen !== state.generation) return;
    const added = mergeElements(elements, cy, node.nonempty() ? node.position() : null);
    state.expanded.set(id, hop);
    state.depth = Math.min(3, Math.max(state.depth, hop + 1));
    cy.getElementById(id).addClass('expanded');
    await runLayout(cy, false);
    renderNodeList();
    updateExport();
    recordNetwork();
    status(`Expanded ${nameOf(id)}: ${added} new element(s); ${cy.nodes().length} entities in view.`);
  } catch (e) {
    status(`Could not expand ${id}: ${e.message}`, true);
  }
}

// recordNetwork keeps the address in step with the view.
function recordNetwork() {
  if (!state.focus) return;
  const expanded = [...state.expanded.keys()].filter((x) => x !== state.focus);
  setHash({
    entity: state.focus, expand: expanded.join(','), speaker: state.speaker !== state.focus ? state.speaker : '', day: state.day,
    group: $('group-quotes').checked ? '' : 'statement', ...filterParams(),
  });
  // The Network tab returns to this view.
  document.querySelector('#views a[data-view="network"]').setAttribute('href', location.hash);
}

// restoreNetwork rebuilds the view an address describes: the filters, the
// entity, its expansions and the speaker shown.
async function restoreNetwork(p) {
  $('f-from').value = p.get('from') || '';
  $('f-to').value = p.get('to') || '';
  $('f-kind').value = p.get('kind') || '';
  $('f-weight').value = p.get('min_weight') || '1';
  $('group-quotes').checked = p.get('group') !== 'statement';
  const id = p.get('entity');
  const speaker = p.get('speaker') || id;
  state.day = p.get('day') || '';
  showStatements(speaker, false, true);
  await openEntity(id);
  const gen = state.generation;
  for (const x of (p.get('expand') || '').split(',').filter(Boolean)) {
    if (gen !== state.generation) return;
    if (cy.getElementById(x).nonempty()) await expand(x);
  }
  if (gen === state.generation) recordNetwork();
}

// hopOf is the node's distance from the focus within the current view.
function hopOf(id) {
  const root = state.focus && cy.getElementById(state.focus);
  if (!root || root.empty()) return 0;
  const path = cy.elements().aStar({ root, goal: cy.getElementById(id), directed: false });
  return path.found ? path.distance : 1;
}

function nameOf(id) {
  const n = cy.getElementById(id);
  return (n.nonempty() && n.data('name')) || id;
}

function sortedNodes() {
  return cy.nodes().sort((a, b) => (a.data('name') || '').localeCompare(b.data('name') || ''));
}

function renderNodeList() {
  const list = $('node-list');
  const nodes = sortedNodes();
  $('node-count').textContent = String(nodes.length);
  const frag = document.createDocumentFragment();
  nodes.forEach((n) => {
    const id = n.id();
    const name = n.data('name') || id;
    frag.append(el('li', {},
      el('button', { type: 'button', class: 'link', 'data-id': id, title: name, onclick: () => { selectNode(id); showStatements(id); recordNetwork(); } }, name),
      el('button', {
        type: 'button', class: 'expand', 'data-expand': id, 'aria-label': `Expand ${name}`,
        disabled: state.expanded.has(id), onclick: () => expand(id),
      }, '+')));
  });
  list.replaceChildren(frag);
  $('cy').setAttribute('aria-label',
    `Network graph of ${nodes.length} entities and ${cy.edges().length} links around ${nameOf(state.focus)}. ` +
    'The list of entities below reaches every node by keyboard.');
}

function selectNode(id) {
  cy.$(':selected').unselect();
  const n = cy.getElementById(id);
  n.select();
  cy.animate({ center: { eles: n } }, { duration: 200 });
}

// A selected node shows the labels of its edges, so the keyboard reaches
// what hovering shows.
cy.on('select', 'node', (evt) => evt.target.connectedEdges().addClass('hover'));
cy.on('unselect', 'node', (evt) => evt.target.connectedEdges().removeClass('hover'));

function showTip(evt, graph, box) {
  const e = evt.target;
  const d = e.data();
  const src = graph.getElementById(d.source).data('name') || d.source;
  const dst = graph.getElementById(d.target).data('name') || d.target;
  const tip = box.querySelector('.tip');
  if (!tip) return;
  tip.textContent = `${src} → ${dst}: ${d.caption || d.type}`;
  tip.hidden = false;
  const p = evt.renderedPosition || e.renderedMidpoint();
  tip.style.left = `${Math.min(p.x + 12, box.clientWidth - 260)}px`;
  tip.style.top = `${p.y + 12}px`;
}

cy.on('mouseover', 'edge', (evt) => {
  evt.target.addClass('hover');
  showTip(evt, cy, $('cy').parentElement);
});
cy.on('mouseout', 'edge', (evt) => {
  if (!evt.target.connectedNodes().some((n) => n.selected())) evt.target.removeClass('hover');
  $('tip').hidden = true;
});

// A tap (or Enter on the selected node) shows the node's statements and
// expands its network.
cy.on('tap', 'node', (evt) => {
  const id = evt.target.id();
  cy.$(':selected').unselect();
  evt.target.select();
  showStatements(id);
  if (!state.expanded.has(id)) expand(id);
  else recordNetwork();
});
$('cy').addEventListener('keydown', (evt) => {
  const sel = cy.$('node:selected');
  if (evt.key === 'Enter' && sel.nonempty()) {
    showStatements(sel[0].id());
    expand(sel[0].id());
    evt.preventDefault();
  } else if ((evt.key === 'ArrowRight' || evt.key === 'ArrowLeft') && cy.nodes().nonempty()) {
    // Walk the nodes in list order with the arrow keys.
    const nodes = sortedNodes();
    let i = sel.nonempty() ? nodes.indexOf(sel[0]) : -1;
    i = (i + (evt.key === 'ArrowRight' ? 1 : nodes.length - 1)) % nodes.length;
    selectNode(nodes[i].id());
    const edges = nodes[i].connectedEdges().map((e) => e.data('caption')).slice(0, 3);
    status(`${nodes[i].data('name')} (${nodes[i].data('type')}) selected: Enter expands it.${edges.length ? ` Links: ${edges.join('; ')}` : ''}`);
    evt.preventDefault();
  } else if (evt.key === 'f' || evt.key === 'F') {
    fitView(cy);
    evt.preventDefault();
  }
});
$('fit').addEventListener('click', () => fitView(cy));

// ---- speaker page ---------------------------------------------------------

async function showStatements(id, more = false, keepDay = false) {
  const tl = $('timeline');
  const gen = more ? state.stmtGen : ++state.stmtGen;
  if (!more) {
    if (state.speaker !== id && !keepDay) state.day = '';
    state.speaker = id;
    state.cursor = null;
    tl.replaceChildren();
    renderProfile(id);
    renderSummary(id);
    renderDayFilter();
  }
  const f = filterParams();
  const from = state.day || f.from;
  const to = state.day || f.to;
  try {
    const body = await getJSON(`${API}/entities/${encodeURIComponent(id)}/statements`, {
      from, to, kind: f.kind, group: $('group-quotes').checked ? 'quote' : '', limit: PAGE, cursor: state.cursor,
    });
    if (gen !== state.stmtGen) return; // the list was asked for again meanwhile
    const items = body.items || [];
    for (const st of items) tl.append(renderStatement(st, { showSpeakers: false }));
    state.cursor = body.next_cursor || null;
    $('more').hidden = !state.cursor;
    if (!more && items.length === 0) {
      tl.append(el('li', { class: 'help' }, 'No statements by this entity match the filters.'));
    }
  } catch (e) {
    status(`Could not load statements: ${e.message}`, true);
  }
}

function renderDayFilter() {
  const box = $('day-filter');
  box.replaceChildren();
  if (!state.day) return;
  box.append(el('span', { class: 'chip' }, `on ${state.day} `,
    el('button', { type: 'button', class: 'link', onclick: () => { state.day = ''; showStatements(state.speaker); recordNetwork(); } }, 'show all')));
}

async function renderProfile(id) {
  const box = $('profile');
  box.replaceChildren(el('p', { class: 'help' }, 'Loading…'));
  try {
    const p = await getJSON(`${API}/entities/${encodeURIComponent(id)}`);
    if (state.speaker !== id) return;
    const c = p.counts || {};
    const aliases = (p.aliases || []).filter((a) => a !== p.name);
    const roles = p.roles || [];
    const partOf = p.part_of || [];
    box.replaceChildren(...[
      el('h3', { id: 'profile-name' }, typeBadge(p.type), p.name),
      el('p', { class: 'help id' }, p.id),
      aliases.length ? el('p', { class: 'aliases' }, el('strong', {}, 'Also called: '), aliases.join(', ')) : null,
      roles.length ? el('div', { class: 'roles' }, el('strong', {}, 'Roles'),
        el('ul', {}, ...roles.map((r) => el('li', {}, r.title, r.of ? [' of ', entityLink(r.of)] : null,
          el('span', { class: 'help' }, ` (${(r.documents || []).length} document${(r.documents || []).length === 1 ? '' : 's'})`))))) : null,
      partOf.length ? el('p', {}, 'Part of ', ...partOf.map((x) => entityLink(x))) : null,
      el('p', { class: 'help' },
        `${c.statements ?? 0} statements made, mentioned in ${c.mentioned_in ?? 0}, named in ${c.documents ?? 0} documents` +
        (p.first_seen ? `; seen ${p.first_seen}${p.last_seen && p.last_seen !== p.first_seen ? ` to ${p.last_seen}` : ''}` : '')),
      el('p', {}, el('a', { href: `#view=statements&speaker=${encodeURIComponent(p.id)}` }, 'Search their statements'),
        ' · ', el('a', { href: `#view=paths&from=${encodeURIComponent(p.id)}` }, 'Find paths from here')),
    ].filter(Boolean));
  } catch (e) {
    box.replaceChildren(el('p', { class: 'help' }, `${nameOf(id)} (${e.message})`));
  }
}

async function renderSummary(id) {
  const box = $('summary');
  box.replaceChildren();
  try {
    const [s, by] = await Promise.all([
      getJSON(`${API}/entities/${encodeURIComponent(id)}/summary`, { limit: 8 }),
      getJSON(`${API}/entities/${encodeURIComponent(id)}/mentioned-by`, { limit: 8, samples: 1 }),
    ]);
    if (state.speaker !== id) return;
    const parts = [];
    if (s.timeline.length || s.undated) parts.push(el('h4', {}, 'When'), timelinePlot(s));
    const ranked = (title, items) => (items.length ? [el('h4', {}, title),
      el('ol', { class: 'ranked' }, ...items.map((it) => el('li', {}, entityLink(it), el('span', { class: 'count' }, ` ${plural(it.statements, 'statement')}`))))] : []);
    parts.push(...ranked('Mentions most', s.mentions));
    parts.push(...ranked('Spoke together with', s.co_speakers));
    parts.push(...ranked('Talked about by', (by.items || []).map((x) => ({ id: x.id, name: x.name, type: x.type, statements: x.statements }))));
    if (s.outlets.length) {
      parts.push(el('h4', {}, 'Reported by'), el('ul', { class: 'ranked outlets' },
        ...s.outlets.map((o) => el('li', {}, el('span', { class: 'name' }, o.source || 'unknown outlet'),
          el('span', { class: 'count' }, ` ${plural(o.statements, 'statement')} in ${plural(o.documents, 'document')}`)))));
    }
    box.replaceChildren(...parts);
  } catch (e) {
    box.replaceChildren(el('p', { class: 'help' }, `No summary (${e.message})`));
  }
}

const DAY = 86400000;

// timelinePlot draws the speaker's statements per day, stacked by kind.
// Each day is a focusable bar: Enter or a click narrows the statements to
// that day.
function timelinePlot(s) {
  const days = new Map();
  for (const p of s.timeline) {
    if (!days.has(p.date)) days.set(p.date, {});
    days.get(p.date)[p.kind] = p.statements;
  }
  const W = 380; const H = 110; const L = 28; const B = 22; const T = 8;
  const dates = [...days.keys()].sort();
  const figure = el('figure', { class: 'plot' });
  const plot = svg('svg', { viewBox: `0 0 ${W} ${H + B}`, role: 'group', 'aria-label': `Statements per day, ${dates.length} days` });
  if (dates.length) {
    const t0 = Date.parse(dates[0]);
    const t1 = Date.parse(dates[dates.length - 1]);
    const span = Math.max(t1 - t0, DAY);
    const maxN = Math.max(...[...days.values()].map((k) => Object.values(k).reduce((a, b) => a + b, 0)));
    const innerW = W - L - 8;
    const bw = Math.max(3, Math.min(24, innerW / (span / DAY + 1) - 1));
    const x = (d) => (dates.length === 1 ? L + innerW / 2 : L + bw / 2 + ((Date.parse(d) - t0) / span) * (innerW - bw));
    const y = (n) => T + (H - T) * (1 - n / maxN);
    plot.append(
      svg('line', { x1: L, y1: H, x2: W - 4, y2: H, stroke: '#767676' }),
      svg('line', { x1: L, y1: T, x2: L, y2: H, stroke: '#767676' }),
      svg('text', { x: L - 4, y: T + 8, 'text-anchor': 'end', class: 'axis' }, String(maxN)),
      svg('text', { x: L - 4, y: H, 'text-anchor': 'end', class: 'axis' }, '0'),
      svg('text', { x: L, y: H + 15, class: 'axis' }, dates[0]));
    if (dates.length > 1) plot.append(svg('text', { x: W - 4, y: H + 15, 'text-anchor': 'end', class: 'axis' }, dates[dates.length - 1]));
    for (const d of dates) {
      const kinds = days.get(d);
      const total = Object.values(kinds).reduce((a, b) => a + b, 0);
      const label = `${d}: ${Object.entries(kinds).map(([k, n]) => `${n} ${k}`).join(', ')}`;
      const g = svg('g', {
        class: `day${state.day === d ? ' on' : ''}`, tabindex: 0, role: 'button', 'aria-label': `${label}. Show the statements of this day.`, 'data-date': d,
        onclick: () => pickDay(d),
        onkeydown: (evt) => { if (evt.key === 'Enter' || evt.key === ' ') { pickDay(d); evt.preventDefault(); } },
      }, svg('title', {}, label));
      let acc = 0;
      for (const k of ['direct', 'mixed', 'indirect']) {
        const n = kinds[k] || 0;
        if (!n) continue;
        g.append(svg('rect', { x: x(d) - bw / 2, y: y(acc + n), width: bw, height: y(acc) - y(acc + n), fill: kindColours[k] || '#777', 'data-kind': k }));
        acc += n;
      }
      g.append(svg('rect', { x: x(d) - bw / 2 - 2, y: y(total) - 2, width: bw + 4, height: H - y(total) + 4, class: 'focus-ring', fill: 'none' }));
      plot.append(g);
    }
  }
  figure.append(plot, el('figcaption', {},
    ...['direct', 'indirect', 'mixed'].map((k) => el('span', { class: 'key' }, el('span', { class: 'swatch', style: `background:${kindColours[k]}` }), kindNames[k])),
    s.undated ? el('span', { class: 'help' }, ` · ${s.undated} undated statement${s.undated === 1 ? '' : 's'} not plotted`) : null,
    s.truncated ? el('span', { class: 'help' }, ' · only the first 5,000 days are plotted') : null));
  return figure;
}

$('group-quotes').addEventListener('change', () => {
  if (!state.speaker) return;
  showStatements(state.speaker, false, true);
  recordNetwork();
});

function pickDay(d) {
  state.day = state.day === d ? '' : d;
  showStatements(state.speaker);
  recordNetwork();
}

// turnBox lists every statement of a turn (GET /statements?turn=), this
// one marked.
function turnBox(st) {
  const list = el('ol', { class: 'turn' });
  return el('details', {
    class: 'turn-box',
    ontoggle: async (evt) => {
      if (!evt.target.open || list.childNodes.length) return;
      list.append(el('li', { class: 'help' }, 'Loading…'));
      try {
        const body = await getJSON(`${API}/statements`, { turn: st.turn, limit: 50 });
        list.replaceChildren(...(body.items || []).map((x) => el('li', { class: x.id === st.id ? 'this' : '', 'data-statement': x.id },
          x.id === st.id ? el('strong', {}, '(this) ') : null, x.text)));
      } catch (e) {
        list.replaceChildren(el('li', { class: 'help' }, `Could not load the turn: ${e.message}`));
      }
    },
  }, el('summary', {}, 'Part of a turn: show every statement of it'), list);
}

// reportsBox lists a quote's reports in time order (GET /quotes/{id}, or
// GET /statements/{id}/reports when only the statement is known): each
// document's copy with its outlet, date and the wording it carried.
// summary is the box's label; load(cursor) fetches a page.
function reportsBox(summary, load, thisID) {
  const list = el('ol', { class: 'reports' });
  const note = el('p', { class: 'help' });
  const more = el('button', { type: 'button', hidden: true }, 'Load more reports');
  let cursor = null;
  const fetchPage = async () => {
    try {
      const d = await load(cursor);
      const q = d.quote || {};
      note.textContent = `${plural(q.reports, 'report')} by ${plural(q.outlets, 'outlet')}` +
        `${q.variants > 1 ? `, in ${q.variants} wordings` : ''}; canonical wording: “${q.text}”`;
      list.querySelector('li.help')?.remove();
      for (const r of (d.reports && d.reports.items) || []) {
        const doc = r.document || {};
        list.append(el('li', { class: r.statement === thisID ? 'this' : '', 'data-statement': r.statement },
          el('span', { class: 'when' }, r.date || doc.published || 'undated'), ' ',
          el('span', { class: 'outlet' }, r.outlet || doc.source || 'unknown outlet'), ' · ',
          docLink(doc.id, r.statement, docTitle(doc)),
          r.statement === thisID ? el('strong', {}, ' (this)') : null,
          el('blockquote', { class: 'variant' }, r.variant)));
      }
      cursor = (d.reports && d.reports.next_cursor) || null;
      more.hidden = !cursor;
    } catch (e) {
      // A statement loaded without quote clustering reports none; the
      // server's 404 says why.
      list.replaceChildren(el('li', { class: 'help' }, e.status === 404 && !cursor
        ? `No reports: ${e.detail}.`
        : `Could not load the reports: ${e.message}`));
    }
  };
  more.addEventListener('click', fetchPage);
  return el('details', {
    class: 'reports-box',
    ontoggle: (evt) => {
      if (!evt.target.open || list.childNodes.length) return;
      list.append(el('li', { class: 'help' }, 'Loading…'));
      fetchPage();
    },
  }, el('summary', {}, summary), note, list, more);
}

const REPORTS_PAGE = 50;

// quoteLine says how widely a quote (a statement's quote, in a speaker
// history grouped by quote) was reported, and opens its reports.
function quoteLine(st) {
  const q = st.quote;
  if (!q || q.reports < 2) return null;
  return el('div', { class: 'quote-line' },
    el('p', { class: 'reported' }, `Reported by ${plural(q.outlets, 'outlet')} (${plural(q.reports, 'report')})`),
    reportsBox(`Show the ${q.reports} reports`,
      (cursor) => getJSON(`${API}/quotes/${encodeURIComponent(q.id)}`, { limit: REPORTS_PAGE, cursor }), st.id));
}

// otherReports opens the reports of the quote a statement reports, when
// the list did not say which (statement search). Statements without a
// resolved speaker report no quote.
function otherReports(st) {
  if (st.quote || !(st.speakers || []).length) return null;
  return reportsBox('Reports of this remark',
    (cursor) => getJSON(`${API}/statements/${encodeURIComponent(st.id)}/reports`, { limit: REPORTS_PAGE, cursor }), st.id);
}

// paragraphBox shows the statement in its paragraph (GET /statements/{id}),
// its content pieces highlighted.
function paragraphBox(id) {
  const paragraph = el('div', { class: 'para' });
  return el('details', {
    class: 'para-box',
    ontoggle: async (evt) => {
      if (!evt.target.open || paragraph.childNodes.length) return;
      paragraph.textContent = 'Loading…';
      try {
        const d = await getJSON(`${API}/statements/${encodeURIComponent(id)}`);
        const p = d.paragraph || {};
        paragraph.replaceChildren(p.text ? highlight(p.text, p.start, contentSpans(d)) : el('span', {}, '(no paragraph)'));
      } catch (e) {
        paragraph.textContent = `Could not load the paragraph: ${e.message}`;
      }
    },
  }, el('summary', {}, 'Show in its paragraph'), paragraph);
}

function renderStatement(st, { showSpeakers = true } = {}) {
  const prov = st.provenance || {};
  const doc = prov.document || {};
  const sent = prov.sentence || {};
  const quote = sent.text ? highlight(sent.text, sent.start, contentSpans(st)) : el('mark', {}, st.text);
  const others = [...(st.co_speakers || []).map((s) => ['with ', entityLink(s)]), ...(st.via || []).map((v) => ['via ', entityLink(v)])];
  const unresolved = (st.unresolved_speakers || []).map((u) => `“${u.text}”${u.kind ? ` (${u.kind})` : ''}`);
  return el('li', { 'data-statement': st.id, 'data-kind': st.kind },
    el('div', { class: 'head' },
      el('span', { class: 'when' }, st.date || doc.published || 'undated'), ' ',
      kindBadge(st.kind),
      st.cue && st.cue.text ? el('span', { class: 'help' }, ` — “${st.cue.text}”`) : null,
      st.parts && st.parts.length > 1 ? el('span', { class: 'help' }, ` · ${st.parts.length} parts`) : null),
    showSpeakers && (st.speakers || []).length ? el('p', { class: 'speakers' }, ...(st.speakers || []).map((s) => entityLink(s))) : null,
    showSpeakers && unresolved.length ? el('p', { class: 'help' }, `Said by ${unresolved.join(', ')}`) : null,
    el('blockquote', {}, quote),
    quoteLine(st),
    others.length ? el('p', { class: 'help' }, ...others.flatMap((o, i) => (i ? [', ', ...o] : o))) : null,
    (st.mentions || []).length ? el('p', { class: 'mentions help' }, 'About ', ...(st.mentions || []).flatMap((m, i) => (i ? [', ', entityLink(m)] : [entityLink(m)]))) : null,
    el('p', { class: 'prov' },
      'In ', doc.url ? el('a', { href: doc.url, rel: 'noopener noreferrer', target: '_blank' }, docTitle(doc)) : el('cite', {}, docTitle(doc)),
      doc.source ? `, ${doc.source}` : '',
      doc.published ? `, ${doc.published}` : '',
      (doc.authors || []).length ? `, by ${doc.authors.join(', ')}` : '',
      ` (bytes ${prov.start}–${prov.end}) · `, docLink(doc.id, st.id)),
    paragraphBox(st.id),
    st.turn ? turnBox(st) : null,
    otherReports(st));
}

// ---- statement search -----------------------------------------------------

function stFormParams() {
  const f = new FormData($('st-form'));
  return {
    q: (f.get('q') || '').trim(), speaker: (f.get('speaker') || '').trim(), mentions: (f.get('mentions') || '').trim(),
    from: f.get('from') || '', to: f.get('to') || '', kind: f.get('kind') || '',
  };
}

function restoreStatementSearch(p) {
  for (const k of ['q', 'speaker', 'mentions', 'from', 'to', 'kind']) $(`st-${k}`).value = p.get(k) || '';
  runStatementSearch();
}

async function runStatementSearch(more = false) {
  const list = $('st-results');
  const summary = $('st-summary');
  const gen = more ? state.searchGen : ++state.searchGen;
  if (!more) {
    list.replaceChildren();
    state.stCursor = null;
    const f = stFormParams();
    try {
      const [sp, about] = await Promise.all([resolveEntity(f.speaker, 'speaker'), resolveEntity(f.mentions, 'about')]);
      if (gen !== state.searchGen) return;
      if (sp) $('st-speaker').value = sp.id;
      if (about) $('st-mentions').value = about.id;
      state.stQuery = { ...f, speaker: sp ? sp.id : '', mentions: about ? about.id : '' };
      setHash({ view: 'statements', ...state.stQuery });
    } catch (e) {
      summary.textContent = `Cannot search: ${e.message}.`;
      return;
    }
  }
  const f = state.stQuery;
  summary.textContent = 'Searching…';
  try {
    const body = await getJSON(`${API}/statements`, { ...f, limit: PAGE, cursor: state.stCursor });
    if (gen !== state.searchGen) return; // a newer search was started
    const items = body.items || [];
    for (const st of items) list.append(renderStatement(st));
    state.stCursor = body.next_cursor || null;
    $('st-more').hidden = !state.stCursor;
    const n = list.querySelectorAll('li[data-statement]').length;
    const how = f.q ? `matching “${f.q}”, by relevance` : 'in time order';
    summary.textContent = n ? `${n}${state.stCursor ? '+' : ''} statement${n === 1 ? '' : 's'} ${how}${f.speaker ? ` by ${f.speaker}` : ''}${f.mentions ? ` about ${f.mentions}` : ''}.`
      : `No statements ${f.q ? `match “${f.q}”` : 'match'} with these filters.`;
  } catch (e) {
    summary.textContent = `Search failed: ${e.message}`;
  }
}

$('st-form').addEventListener('submit', (evt) => {
  evt.preventDefault();
  runStatementSearch();
});
$('st-more').addEventListener('click', () => runStatementSearch(true));
entityPicker($('st-speaker'), $('st-speaker-list'));
entityPicker($('st-mentions'), $('st-mentions-list'));

// ---- path finder ------------------------------------------------------------

const relationNames = {
  mentions: 'mentions', mentioned_by: 'is mentioned by', co_speaker: 'spoke together with',
  co_mentioned: 'is mentioned together with', relayed_by: 'was relayed by', relays: 'relays',
  holds_role: 'holds a role at', role_held_by: 'has a role held by', part_of: 'is part of', contains: 'contains',
};

// groupPaths merges paths that visit the same entities in the same order
// (they differ only in the statements behind a hop): each chain once, with
// all its statements per hop.
function groupPaths(paths) {
  const byChain = new Map();
  for (const p of paths) {
    const key = p.entities.map((e) => e.id).join(' ');
    if (!byChain.has(key)) {
      byChain.set(key, { entities: p.entities, hops: p.hops.map((h) => ({ ...h, relations: new Set([h.relation]), statements: [...h.statements], documents: [...h.documents] })) });
      continue;
    }
    const g = byChain.get(key);
    p.hops.forEach((h, i) => {
      const gh = g.hops[i];
      gh.relations.add(h.relation);
      for (const s of h.statements) if (!gh.statements.some((x) => x.id === s.id)) gh.statements.push(s);
      for (const d of h.documents) if (!gh.documents.includes(d)) gh.documents.push(d);
    });
  }
  return [...byChain.values()];
}

function restorePaths(p) {
  $('p-from').value = p.get('from') || '';
  $('p-to').value = p.get('to') || '';
  $('p-hops').value = p.get('max_hops') || '4';
  if (p.get('from') && p.get('to')) findPaths();
  else {
    $('path-results').replaceChildren();
    $('paths-summary').textContent = 'Choose two entities.';
    $('paths-cy').hidden = true;
  }
}

let pathsCy = null;

async function findPaths() {
  const list = $('path-results');
  const summary = $('paths-summary');
  const gen = ++state.pathGen;
  list.replaceChildren();
  summary.textContent = 'Searching…';
  let from; let to;
  try {
    [from, to] = await Promise.all([resolveEntity($('p-from').value, 'from'), resolveEntity($('p-to').value, 'to')]);
    if (gen !== state.pathGen) return;
    if (!from || !to) throw new Error('choose both ends');
  } catch (e) {
    summary.textContent = `Cannot search: ${e.message}.`;
    return;
  }
  $('p-from').value = from.id;
  $('p-to').value = to.id;
  const hops = $('p-hops').value;
  setHash({ view: 'paths', from: from.id, to: to.id, max_hops: hops !== '4' ? hops : '' });
  try {
    const body = await getJSON(`${API}/paths`, { from: from.id, to: to.id, max_hops: hops, limit: 25 });
    if (gen !== state.pathGen) return;
    const groups = groupPaths(body.paths || []);
    summary.textContent = groups.length
      ? `${groups.length} distinct connection${groups.length === 1 ? '' : 's'} of ${groups[0].hops.length} hop${groups[0].hops.length === 1 ? '' : 's'} between ${from.name || from.id} and ${to.name || to.id}.`
      : `No connection within ${hops} relationships.`;
    groups.forEach((g, i) => list.append(renderPath(g, i)));
    drawPaths(groups);
  } catch (e) {
    summary.textContent = `Path search failed: ${e.message}`;
    $('paths-cy').hidden = true;
    $('paths-legend').hidden = true;
  }
}

function renderPath(g, i) {
  const chain = el('p', { class: 'chain' });
  g.entities.forEach((e, j) => {
    chain.append(entityLink(e));
    if (j < g.hops.length) chain.append(el('span', { class: 'rel' }, ` ${[...g.hops[j].relations].map((r) => relationNames[r] || r.replace(/[_-]/g, ' ')).join(' / ')} `));
  });
  return el('li', { 'data-path': String(i) },
    chain,
    el('ol', { class: 'hops' }, ...g.hops.map((h) => el('li', {},
      el('span', { class: 'help' }, `${h.from.name} → ${h.to.name}: `),
      h.statements.length
        ? el('details', { class: 'hop' }, el('summary', {}, `${h.statements.length} statement${h.statements.length === 1 ? '' : 's'}`),
          el('ul', {}, ...h.statements.map((s) => el('li', { 'data-statement': s.id },
            el('span', { class: 'when' }, s.date || 'undated'), ' ', kindBadge(s.kind), ' ',
            el('q', {}, s.text), paragraphBox(s.id)))))
        : el('span', { class: 'help' }, `${[...h.relations].join(', ')} (${h.documents.length} document${h.documents.length === 1 ? '' : 's'})`)))));
}

function drawPaths(groups) {
  const box = $('paths-cy');
  if (!groups.length) {
    box.hidden = true;
    $('paths-legend').hidden = true;
    return;
  }
  box.hidden = false;
  if (!pathsCy) pathsCy = cytoscape({ container: box, style: baseStyle, minZoom: 0.2, maxZoom: 3 });
  pathsCy.elements().remove();
  const nodes = new Map();
  const edges = new Map();
  for (const g of groups) {
    for (const e of g.entities) nodes.set(e.id, { data: { id: e.id, name: e.name, type: e.type } });
    for (const h of g.hops) {
      const rel = [...h.relations].join(' / ');
      const key = `${h.from.id}|${h.to.id}`;
      edges.set(key, { data: { id: key, source: h.from.id, target: h.to.id, type: 'SPOKE_ABOUT', weight: Math.max(1, h.statements.length), caption: rel } });
    }
  }
  mergeElements({ nodes: [...nodes.values()], edges: [...edges.values()] }, pathsCy);
  pathsCy.edges().addClass('hover');
  pathsCy.resize();
  pathsCy.layout({ name: 'breadthfirst', directed: false, roots: [groups[0].entities[0].id], fit: true, padding: 30, spacingFactor: 1.1 }).run();
  fitView(pathsCy);
  pathsCy.nodes().forEach((n) => n.lock()); // a picture, not a canvas to rearrange
  miniLegend($('paths-legend'), [...new Set([...nodes.values()].map((n) => n.data.type))].sort(),
    'Each edge is labelled with its relation and drawn wider the more statements make it.');
}

$('paths-form').addEventListener('submit', (evt) => {
  evt.preventDefault();
  findPaths();
});
entityPicker($('p-from'), $('p-from-list'));
entityPicker($('p-to'), $('p-to-list'));

// ---- Cypher console ---------------------------------------------------------

const cypherExamples = [
  ['Top speakers', 'MATCH (p:Entity)-[:SAID]->(s:Statement)\nRETURN p.name AS speaker, p.type AS type, count(s) AS statements\nORDER BY statements DESC LIMIT 10'],
  ['Who talks about whom (graph)', 'MATCH (a:Entity)-[r1:SAID]->(s:Statement)-[r2:MENTIONS]->(b:Entity)\nRETURN a, r1, s, r2, b LIMIT 50'],
  ['Statements of one kind', 'MATCH (p:Entity)-[:SAID]->(s:Statement {kind: "direct"})\nRETURN p.name AS speaker, s.date AS date, s.text AS text\nORDER BY date DESC LIMIT 25'],
  ['Roles (graph)', 'MATCH (e:Entity)-[r:HOLDS_ROLE]->(o:Entity)\nRETURN e, r, o LIMIT 50'],
  ['Documents', 'MATCH (d:Document)\nRETURN d.title AS title, d.source AS source, d.published AS published, d.statement_count AS statements\nORDER BY published DESC LIMIT 25'],
  ['Labels and counts', 'MATCH (n) RETURN labels(n) AS labels, count(*) AS n ORDER BY n DESC'],
];

function restoreCypher(p) {
  const sel = $('cypher-example');
  if (!sel.options.length) {
    sel.append(el('option', { value: '' }, 'choose an example…'), ...cypherExamples.map(([name], i) => el('option', { value: String(i) }, name)));
  }
  $('cypher-key').value = sessionStorage.getItem(KEY_STORE) || '';
  if (p.get('query')) $('cypher-query').value = p.get('query');
  else if (!$('cypher-query').value) $('cypher-query').value = cypherExamples[0][1];
}

$('cypher-example').addEventListener('change', (evt) => {
  const ex = cypherExamples[parseInt(evt.target.value, 10)];
  if (ex) $('cypher-query').value = ex[1];
});
$('cypher-key').addEventListener('change', (evt) => {
  const k = evt.target.value.trim();
  if (k) sessionStorage.setItem(KEY_STORE, k);
  else sessionStorage.removeItem(KEY_STORE);
});
$('cypher-query').addEventListener('keydown', (evt) => {
  if (evt.key === 'Enter' && (evt.ctrlKey || evt.metaKey)) {
    evt.preventDefault();
    $('cypher-form').requestSubmit();
  }
});
$('cypher-form').addEventListener('submit', (evt) => {
  evt.preventDefault();
  runCypher();
});

function cypherProblem(e) {
  if (e.status === 401) {
    return `The server refused the API key (401: ${e.detail}). Type one of the server's keys (api.keys; make demo prints one) in “API key”.`;
  }
  if (e.status === 403 && /no.*configured|none configured/i.test(e.detail)) {
    return `This server has no API key configured, so the console is closed (403: ${e.detail}). Start it with api.keys (WHOSAID_API_KEYS) set.`;
  }
  if (e.status === 403) return `The query was refused: only reading queries run here (403: ${e.detail}).`;
  if (e.status === 400) return `The query is not valid (400: ${e.detail}).`;
  if (e.status === 504) return `The query took too long and was stopped (504: ${e.detail}).`;
  return `The query failed (${e.status}: ${e.detail}).`;
}

let cypherCy = null;

async function runCypher() {
  const msg = $('cypher-message');
  const key = $('cypher-key').value.trim();
  const query = $('cypher-query').value;
  if (key) sessionStorage.setItem(KEY_STORE, key);
  setHash({ view: 'cypher', query });
  $('cypher-table-box').replaceChildren();
  $('cypher-cy').hidden = true;
  $('cypher-legend').hidden = true;
  msg.classList.remove('error');
  if (!key) {
    msg.textContent = 'Type an API key first: the console needs one of the server’s keys.';
    msg.classList.add('error');
    $('cypher-key').focus();
    return;
  }
  msg.textContent = 'Running…';
  try {
    const res = await fetch(new URL(`${API}/cypher`, document.baseURI), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: `Bearer ${key}` },
      body: JSON.stringify({ query }),
    });
    if (!res.ok) throw await failure(res);
    const body = await res.json();
    const rows = body.rows || [];
    msg.textContent = `${rows.length} row${rows.length === 1 ? '' : 's'}${body.truncated ? ' (truncated at the row cap)' : ''}.`;
    $('cypher-table-box').append(cypherTable(body.columns || [], rows));
    drawCypherGraph(rows);
  } catch (e) {
    msg.textContent = e instanceof HTTPError ? cypherProblem(e) : `The query failed: ${e.message}`;
    msg.classList.add('error');
  }
}

const isNode = (v) => v && typeof v === 'object' && 'element_id' in v && 'labels' in v;
const isRel = (v) => v && typeof v === 'object' && 'element_id' in v && 'type' in v && 'start' in v;
const isPath = (v) => v && typeof v === 'object' && Array.isArray(v.nodes) && Array.isArray(v.relationships);

function nodeName(n) {
  const p = n.properties || {};
  const t = p.name || p.title || (p.text && (p.text.length > 40 ? `${p.text.slice(0, 40)}…` : p.text)) || p.id || n.element_id;
  return String(t);
}

function cellText(v) {
  if (v === null || v === undefined) return 'null';
  if (isNode(v)) return `(:${v.labels.join(':')} ${nodeName(v)})`;
  if (isRel(v)) return `[:${v.type}]`;
  if (isPath(v)) return `path of ${v.relationships.length} relationship${v.relationships.length === 1 ? '' : 's'}`;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function cypherTable(columns, rows) {
  const rowValues = (r) => (Array.isArray(r) ? r : columns.map((c) => r[c]));
  return el('table', { class: 'results-table' },
    el('caption', {}, 'Query result'),
    el('thead', {}, el('tr', {}, ...columns.map((c) => el('th', { scope: 'col' }, c)))),
    el('tbody', {}, ...rows.map((r) => el('tr', {}, ...rowValues(r).map((v) => el('td', { title: typeof v === 'object' && v ? JSON.stringify(v).slice(0, 500) : null }, cellText(v)))))));
}

// drawCypherGraph draws the nodes and relationships of a result; a
// relationship whose ends are not in the result is left out (and said).
function drawCypherGraph(rows) {
  const nodes = new Map();
  const rels = new Map();
  const visit = (v) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (isPath(v)) { v.nodes.forEach(visit); v.relationships.forEach(visit); } else if (isNode(v)) nodes.set(v.element_id, v);
    else if (isRel(v)) rels.set(v.element_id, v);
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  rows.forEach(visit);
  const box = $('cypher-cy');
  if (!nodes.size) {
    box.hidden = true;
    $('cypher-legend').hidden = true;
    return;
  }
  box.hidden = false;
  if (!cypherCy) cypherCy = cytoscape({ container: box, style: baseStyle, minZoom: 0.05, maxZoom: 4 });
  cypherCy.elements().remove();
  const typeOf = (n) => ['Person', 'Organisation', 'Place', 'Statement', 'Document'].find((l) => n.labels.includes(l)) || n.labels[0] || '';
  const drawn = [...rels.values()].filter((r) => nodes.has(r.start) && nodes.has(r.end));
  mergeElements({
    nodes: [...nodes.values()].map((n) => ({ data: { id: n.element_id, name: nodeName(n), type: typeOf(n) } })),
    edges: drawn.map((r) => ({ data: { id: r.element_id, source: r.start, target: r.end, type: r.type, weight: 1, caption: r.type } })),
  }, cypherCy);
  cypherCy.edges().addClass('hover');
  runLayout(cypherCy);
  miniLegend($('cypher-legend'), [...new Set([...nodes.values()].map(typeOf))].sort(),
    'Each relationship is labelled with its type; nodes are named by their name, title or text.');
  const left = rels.size - drawn.length;
  if (left) $('cypher-message').textContent += ` ${left} relationship${left === 1 ? '' : 's'} whose ends are not in the result are not drawn.`;
}

// ---- export -------------------------------------------------------------

function exportParams() {
  const f = filterParams();
  return {
    format: $('export-format').value, entity: state.focus, depth: String(Math.max(1, state.depth)),
    from: f.from, to: f.to, kind: f.kind, min_weight: f.min_weight,
  };
}

function updateExport() {
  const link = $('export-link');
  const ready = !!state.focus;
  link.classList.toggle('disabled', !ready);
  link.setAttribute('aria-disabled', String(!ready));
  $('export-view').disabled = !ready;
  if (!ready) return;
  const url = new URL(`${API}/export`, document.baseURI);
  for (const [k, v] of Object.entries(exportParams())) if (v) url.searchParams.set(k, v);
  link.href = url.pathname + url.search;
  link.textContent = `Download ${$('export-format').selectedOptions[0].textContent.split(' (')[0]}`;
  $('export-scope').textContent =
    `The network of ${nameOf(state.focus)} to depth ${Math.max(1, state.depth)} with the current filters, from the server.`;
}

$('export-link').addEventListener('click', (evt) => {
  if (!state.focus) evt.preventDefault();
});
$('export-format').addEventListener('change', updateExport);
$('export-view').addEventListener('click', () => {
  const blob = new Blob([JSON.stringify({ elements: cy.json().elements || {} })], { type: 'application/json' });
  const a = el('a', { href: URL.createObjectURL(blob), download: 'whosaid-view.cyjs' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
});

// ---- wiring ---------------------------------------------------------------

$('search-form').addEventListener('submit', (evt) => {
  evt.preventDefault();
  search($('search-input').value);
});
$('filters').addEventListener('submit', async (evt) => {
  evt.preventDefault();
  if (!state.focus) return;
  const expanded = [...state.expanded.keys()];
  const speaker = state.speaker;
  showStatements(speaker || state.focus);
  await openEntity(state.focus);
  for (const id of expanded.slice(1)) if (cy.getElementById(id).nonempty()) await expand(id);
  recordNetwork();
});
$('more').addEventListener('click', () => state.speaker && showStatements(state.speaker, true));

renderLegend();

// For tests and the console: load any Cytoscape.js JSON (e.g. an export).
window.whosaid = {
  cy,
  load(json) {
    cy.elements().remove();
    const n = mergeElements(json.elements || json);
    this.layoutDone = runLayout();
    renderNodeList();
    return n;
  },
  layoutDone: Promise.resolve(),
  get pathsCy() { return pathsCy; },
  get cypherCy() { return cypherCy; },
};

status('Ready.'); // each view's own messages follow
route();
const q = new URLSearchParams(location.search).get('q');
if (q) {
  $('search-input').value = q;
  search(q);
}
