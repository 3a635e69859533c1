// whosaid explorer: search an entity, see its network, expand nodes, read a
// speaker's statements with provenance, filter, export. Data come from the
// server's /api/v1; the network itself is loaded as Cytoscape.js JSON from
// /api/v1/export, the same file a researcher downloads.
//
// Everything from the server is inserted as text (textContent), never as
// HTML.
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';

cytoscape.use(fcose);

const API = 'api/v1';
const NETWORK_LIMIT = 150; // entities added per expansion: keeps layouts fast
const PAGE = 25;

const $ = (id) => document.getElementById(id);

const state = {
  focus: null, // entity id the view started from
  depth: 0, // hops from the focus covered by the expansions so far
  expanded: new Map(), // entity id -> hop distance from the focus
  speaker: null,
  cursor: null,
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
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function status(msg, isError = false) {
  const s = $('status');
  s.textContent = msg;
  s.classList.toggle('error', isError);
}

async function getJSON(path, params = {}) {
  const url = new URL(path, document.baseURI);
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, v);
  }
  const res = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!res.ok) {
    let detail = res.statusText;
    try {
      const p = await res.json();
      detail = p.detail || p.title || detail;
    } catch { /* not a problem body */ }
    const err = new Error(`${res.status}: ${detail}`);
    err.status = res.status;
    throw err;
  }
  return res.json();
}

function filters() {
  const f = new FormData($('filters'));
  const w = parseInt(f.get('min_weight'), 10);
  return {
    from: f.get('from') || '',
    to: f.get('to') || '',
    kind: f.get('kind') || '',
    min_weight: w > 1 ? String(w) : '',
  };
}

const enc = new TextEncoder();
const dec = new TextDecoder();

// highlight renders text with the byte range [start, end) (UTF-8 offsets,
// as the server reports them) inside a <mark>.
function highlight(text, start, end) {
  const bytes = enc.encode(text);
  if (!(start >= 0 && end > start && end <= bytes.length)) return el('span', {}, text);
  return el('span', {},
    dec.decode(bytes.slice(0, start)),
    el('mark', {}, dec.decode(bytes.slice(start, end))),
    dec.decode(bytes.slice(end)));
}

function typeBadge(type) {
  return el('span', { class: `type ${type || ''}` }, type || 'Entity');
}

// ---- search -----------------------------------------------------------

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
        el('button', { type: 'button', 'data-id': it.id, onclick: () => openEntity(it.id, it.type) },
          typeBadge(it.type), it.name,
          aliases.length ? el('span', { class: 'help' }, ` (${aliases.slice(0, 3).join(', ')})`) : null)));
    }
    status(items.length ? `${items.length} result(s) for “${q}”.` : `Nothing found for “${q}”.`);
    if (items.length) list.querySelector('button').focus();
  } catch (e) {
    status(`Search failed: ${e.message}`, true);
  }
}

// ---- graph ------------------------------------------------------------

const colours = { Person: '#1f5fa8', Organisation: '#a4262c', Place: '#1e7b34' };
const edgeColours = {
  SPOKE_ABOUT: '#555555', CO_SPEAKER: '#7b3fa0', VIA: '#b35900', HOLDS_ROLE: '#a4262c', PART_OF: '#1e7b34',
};

const cy = cytoscape({
  container: $('cy'),
  wheelSensitivity: 0.3,
  textureOnViewport: true,
  hideEdgesOnViewport: true,
  minZoom: 0.05,
  maxZoom: 4,
  style: [
    {
      selector: 'node',
      style: {
        'background-color': (n) => colours[n.data('type')] || '#555',
        label: 'data(name)',
        color: '#1a1a1a',
        'font-size': 11,
        'text-valign': 'bottom',
        'text-margin-y': 3,
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.8,
        'text-background-padding': 1,
        'min-zoomed-font-size': 7,
        width: (n) => 14 + 6 * Math.log2(1 + (n.data('statements') || 0) + (n.data('mentions') || 0)),
        height: (n) => 14 + 6 * Math.log2(1 + (n.data('statements') || 0) + (n.data('mentions') || 0)),
      },
    },
    { selector: 'node.focus', style: { 'border-width': 4, 'border-color': '#e8710a' } },
    { selector: 'node.expanded', style: { 'border-width': 2, 'border-color': '#1a1a1a' } },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#0b57d0' } },
    {
      selector: 'edge',
      style: {
        width: (e) => Math.min(1 + Math.log2(e.data('weight') || 1) * 1.5, 8),
        'line-color': (e) => edgeColours[e.data('type')] || '#777',
        'target-arrow-color': (e) => edgeColours[e.data('type')] || '#777',
        'target-arrow-shape': 'triangle',
        'curve-style': 'bezier',
        opacity: 0.75,
      },
    },
    { selector: 'edge[type = "CO_SPEAKER"]', style: { 'target-arrow-shape': 'none', 'line-style': 'dashed' } },
  ],
});

// Edge ids in an export are only unique within that file; merging several
// files needs ids derived from the edge itself.
function edgeKey(d) {
  return `${d.type}|${d.source}|${d.target}`;
}

async function loadNetwork(id) {
  const f = filters();
  const json = await getJSON(`${API}/export`, {
    format: 'cytoscape', entity: id, depth: 1, limit: NETWORK_LIMIT, max_statement_ids: 20,
    from: f.from, to: f.to, kind: f.kind, min_weight: f.min_weight,
  });
  return json.elements || { nodes: [], edges: [] };
}

function mergeElements(elements) {
  const added = [];
  cy.batch(() => {
    for (const n of elements.nodes || []) {
      if (cy.getElementById(n.data.id).empty()) {
        added.push(cy.add({ group: 'nodes', data: { ...n.data, parent: undefined }, classes: n.classes }));
      }
    }
    for (const e of elements.edges || []) {
      const key = edgeKey(e.data);
      if (cy.getElementById(key).empty()) {
        added.push(cy.add({ group: 'edges', data: { ...e.data, id: key }, classes: e.classes }));
      }
    }
  });
  return added.length;
}

function runLayout(around) {
  const n = cy.elements().length;
  const opts = {
    name: 'fcose',
    quality: n > 1500 ? 'draft' : 'default',
    animate: n < 400,
    animationDuration: 400,
    randomize: !around,
    nodeRepulsion: 6000,
    idealEdgeLength: 90,
    fit: true,
    padding: 30,
  };
  const layout = cy.layout(opts);
  const done = layout.promiseOn('layoutstop');
  layout.run();
  return done;
}

async function openEntity(id, type) {
  state.focus = id;
  state.depth = 1;
  state.expanded = new Map([[id, 0]]);
  cy.elements().remove();
  status(`Loading the network of ${id}…`);
  try {
    mergeElements(await loadNetwork(id));
    cy.getElementById(id).addClass('focus expanded');
    runLayout(false);
    renderNodeList();
    updateExport();
    status(`${cy.nodes().length} entities, ${cy.edges().length} links around ${nameOf(id)}.`);
  } catch (e) {
    status(`Could not load the network: ${e.message}`, true);
  }
  // Speakers and organisations have statements; places usually are only
  // mentioned, but show whatever there is.
  showStatements(id);
}

async function expand(id) {
  if (state.expanded.has(id)) {
    status(`${nameOf(id)} is already expanded.`);
    return;
  }
  status(`Expanding ${nameOf(id)}…`);
  try {
    const hop = hopOf(id);
    const added = mergeElements(await loadNetwork(id));
    state.expanded.set(id, hop);
    state.depth = Math.min(3, Math.max(state.depth, hop + 1));
    cy.getElementById(id).addClass('expanded');
    runLayout(true);
    renderNodeList();
    updateExport();
    status(`Expanded ${nameOf(id)}: ${added} new element(s); ${cy.nodes().length} entities in view.`);
  } catch (e) {
    status(`Could not expand ${id}: ${e.message}`, true);
  }
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

function renderNodeList() {
  const list = $('node-list');
  const nodes = cy.nodes().sort((a, b) => (a.data('name') || '').localeCompare(b.data('name') || ''));
  $('node-count').textContent = String(nodes.length);
  const frag = document.createDocumentFragment();
  nodes.forEach((n) => {
    const id = n.id();
    const name = n.data('name') || id;
    frag.append(el('li', {},
      el('button', { type: 'button', class: 'link', 'data-id': id, onclick: () => { selectNode(id); showStatements(id); } }, name),
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

// A tap (or Enter on the selected node) shows the node's statements and
// expands its network.
cy.on('tap', 'node', (evt) => {
  const id = evt.target.id();
  cy.$(':selected').unselect();
  evt.target.select();
  showStatements(id);
  if (!state.expanded.has(id)) expand(id);
});
$('cy').addEventListener('keydown', (evt) => {
  const sel = cy.$('node:selected');
  if (evt.key === 'Enter' && sel.nonempty()) {
    showStatements(sel[0].id());
    expand(sel[0].id());
    evt.preventDefault();
  } else if ((evt.key === 'ArrowRight' || evt.key === 'ArrowLeft') && cy.nodes().nonempty()) {
    // Walk the nodes in list order with the arrow keys.
    const nodes = cy.nodes().sort((a, b) => (a.data('name') || '').localeCompare(b.data('name') || ''));
    let i = sel.nonempty() ? nodes.indexOf(sel[0]) : -1;
    i = (i + (evt.key === 'ArrowRight' ? 1 : nodes.length - 1)) % nodes.length;
    selectNode(nodes[i].id());
    status(`${nodes[i].data('name')} (${nodes[i].data('type')}) selected: Enter expands it.`);
    evt.preventDefault();
  }
});

// ---- statements ---------------------------------------------------------

async function showStatements(id, more = false) {
  const tl = $('timeline');
  if (!more) {
    state.speaker = id;
    state.cursor = null;
    tl.replaceChildren();
    renderProfile(id);
  }
  const f = filters();
  try {
    const body = await getJSON(`${API}/entities/${encodeURIComponent(id)}/statements`, {
      from: f.from, to: f.to, kind: f.kind, limit: PAGE, cursor: state.cursor,
    });
    if (state.speaker !== id) return; // another entity was chosen meanwhile
    const items = body.items || [];
    for (const st of items) tl.append(renderStatement(st));
    state.cursor = body.next_cursor || null;
    $('more').hidden = !state.cursor;
    if (!more && items.length === 0) {
      tl.append(el('li', { class: 'help' }, 'No statements by this entity match the filters.'));
    }
  } catch (e) {
    status(`Could not load statements: ${e.message}`, true);
  }
}

async function renderProfile(id) {
  const box = $('profile');
  box.replaceChildren(el('p', { class: 'help' }, 'Loading…'));
  try {
    const p = await getJSON(`${API}/entities/${encodeURIComponent(id)}`);
    const c = p.counts || {};
    const aliases = (p.aliases || []).filter((a) => a !== p.name);
    const roles = (p.roles || []).map((r) => (r.of ? `${r.title} (${r.of.name})` : r.title));
    const partOf = (p.part_of || []).map((x) => x.name);
    box.replaceChildren(...[
      el('h3', { id: 'profile-name' }, typeBadge(p.type), p.name),
      aliases.length ? el('p', { class: 'help' }, `Also: ${aliases.join(', ')}`) : null,
      roles.length ? el('p', {}, roles.join('; ')) : null,
      partOf.length ? el('p', {}, `Part of ${partOf.join(', ')}`) : null,
      el('p', { class: 'help' },
        `${c.statements ?? 0} statements made, mentioned in ${c.mentioned_in ?? 0}` +
        (p.first_seen ? `; seen ${p.first_seen}${p.last_seen && p.last_seen !== p.first_seen ? ` to ${p.last_seen}` : ''}` : '')),
    ].filter(Boolean));
  } catch (e) {
    box.replaceChildren(el('p', { class: 'help' }, `${nameOf(id)} (${e.message})`));
  }
}

function renderStatement(st) {
  const prov = st.provenance || {};
  const doc = prov.document || {};
  const sent = prov.sentence || {};
  // The content's offsets are in the document; the sentence's text starts
  // at sent.start, so the content sits at prov.start - sent.start in it.
  const quote = sent.text
    ? highlight(sent.text, prov.start - sent.start, prov.end - sent.start)
    : el('mark', {}, st.text);
  const others = [...(st.co_speakers || []).map((s) => `with ${s.name}`), ...(st.via || []).map((v) => `via ${v.name}`)];
  const title = doc.title || `untitled document ${(doc.id || '').replace(/^sha256:/, '').slice(0, 12)}`;
  const paragraph = el('div', { class: 'para' });
  const details = el('details', {
    ontoggle: async (evt) => {
      if (!evt.target.open || paragraph.childNodes.length) return;
      paragraph.textContent = 'Loading…';
      try {
        const d = await getJSON(`${API}/statements/${encodeURIComponent(st.id)}`);
        const p = d.paragraph || {};
        const pr = d.provenance || prov;
        paragraph.replaceChildren(p.text ? highlight(p.text, pr.start - p.start, pr.end - p.start) : el('span', {}, '(no paragraph)'));
      } catch (e) {
        paragraph.textContent = `Could not load the paragraph: ${e.message}`;
      }
    },
  }, el('summary', {}, 'Show in its paragraph'), paragraph);

  return el('li', { 'data-statement': st.id },
    el('div', {},
      el('span', { class: 'when' }, st.date || doc.published || 'undated'),
      el('span', { class: 'kind' }, st.kind),
      st.cue && st.cue.text ? el('span', { class: 'help' }, ` — “${st.cue.text}”`) : null),
    el('blockquote', {}, quote),
    others.length ? el('p', { class: 'help' }, others.join(', ')) : null,
    el('p', { class: 'prov' },
      'In ', doc.url ? el('a', { href: doc.url, rel: 'noopener noreferrer', target: '_blank' }, title) : el('cite', {}, title),
      doc.source ? `, ${doc.source}` : '',
      doc.published ? `, ${doc.published}` : '',
      ` (bytes ${prov.start}–${prov.end})`),
    details);
}

// ---- export -------------------------------------------------------------

function exportParams() {
  const f = filters();
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
  const blob = new Blob([JSON.stringify(cy.json().elements ? { elements: cy.json().elements } : {})], { type: 'application/json' });
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
  await openEntity(state.focus);
  for (const id of expanded.slice(1)) if (cy.getElementById(id).nonempty()) await expand(id);
  if (state.speaker && state.speaker !== state.focus) showStatements(state.speaker);
});
$('more').addEventListener('click', () => state.speaker && showStatements(state.speaker, true));

// Deep links: #entity=<id> opens an entity, ?q= searches.
const params = new URLSearchParams(location.hash.slice(1));
if (params.get('entity')) openEntity(params.get('entity'));
const q = new URLSearchParams(location.search).get('q');
if (q) {
  $('search-input').value = q;
  search(q);
}

// For tests and the console: load any Cytoscape.js JSON (e.g. an export).
window.whosaid = {
  cy,
  load(json) {
    cy.elements().remove();
    const n = mergeElements(json.elements || json);
    this.layoutDone = runLayout(false);
    renderNodeList();
    return n;
  },
  layoutDone: Promise.resolve(),
};
status('Ready. Search for a person, organisation or place.');
