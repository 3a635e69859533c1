// Real-browser test of the explorer: headless Chromium (Debian's
// /usr/bin/chromium) driven by playwright-core, against a running
// `whosaid serve` with the example article and web/test/testdata/ ingested
// and an API key in WHOSAID_API_KEY. run.sh sets it up:
//
//   WHOSAID_URL=http://127.0.0.1:PORT/ WHOSAID_API_KEY=… node --test test/
//
// Without WHOSAID_URL the test skips (it fails instead when
// WHOSAID_REQUIRE_BROWSER=1, as in .ci/run).
import { test, before, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const base = process.env.WHOSAID_URL;
const apiKey = process.env.WHOSAID_API_KEY || '';
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const artifacts = resolve(process.env.WHOSAID_ARTIFACTS || join(import.meta.dirname, '..', '..', 'test-artifacts'));
const required = process.env.WHOSAID_REQUIRE_BROWSER === '1';

const why = !base ? 'WHOSAID_URL is not set (use web/test/run.sh)'
  : !existsSync(executablePath) ? `no Chromium at ${executablePath} (apt-get install chromium)` : '';
if (why && required) throw new Error(`browser test required: ${why}`);

const medinsky = 'person:vladimir-medinsky';
const arakhamia = 'person:david-arakhamia';

let context;
let page;
let profile;
const problems = []; // console errors, page errors and failed requests

before(async () => {
  if (why) return;
  profile = await mkdtemp(join(tmpdir(), 'whosaid-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = context.pages()[0] || await context.newPage();
  watch(page);
  await mkdir(artifacts, { recursive: true });
});

function watch(p) {
  p.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  p.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  p.on('requestfailed', (req) => {
    // Leaving a page cancels its requests in flight; that is the test's
    // doing, not the page's.
    if (req.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`);
  });
  p.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
}

// Each test answers for the problems it causes.
beforeEach(() => { problems.length = 0; });

after(async () => {
  if (context) await context.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

const opts = { skip: why || false, timeout: 90_000 };

// open loads the page afresh (a new query string forces a real load) at
// the view the fragment names.
let loads = 0;
async function open(hash = '') {
  await page.goto(`${base}?load=${++loads}${hash}`, { waitUntil: 'load' });
}

// networkReady waits until the network of the focus is laid out.
async function networkReady(p = page) {
  await p.waitForFunction(() => /links around|Expanded/.test(document.getElementById('status').textContent));
}

test('the overview shows the corpus on arrival', opts, async () => {
  await open();
  await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('Ready'));
  assert.equal(await page.title(), 'whosaid explorer');
  // Every form control has a label (accessibility).
  const unlabelled = await page.$$eval('input, select, textarea', (els) => els.filter((e) => e.labels.length === 0).map((e) => e.id));
  assert.deepEqual(unlabelled, []);
  await page.locator('#ov-speakers li a.entity').first().waitFor();
  // Every button and link has a name a screen reader can say.
  const nameless = await page.$$eval('button, a[href], [role="button"]', (els) => els
    .filter((e) => !(e.getAttribute('aria-label') || e.textContent.trim() || e.getAttribute('title')))
    .map((e) => e.outerHTML.slice(0, 80)));
  assert.deepEqual(nameless, []);
  const counts = await page.$$eval('#ov-counts dt', (dts) => Object.fromEntries(dts.map((dt) => [dt.textContent, dt.nextElementSibling.textContent])));
  assert.equal(counts.Documents, '4');
  assert.ok(Number(counts.Statements) > 30, `statements: ${counts.Statements}`);
  assert.equal(counts.Dates, '2022-03-29 – 2022-04-12');
  // Medinsky speaks most in the four articles; the latest statement is
  // from the newest article.
  assert.equal(await page.locator('#ov-speakers li a.entity').first().getAttribute('data-id'), medinsky);
  assert.ok(await page.locator('#ov-mentioned li a.entity').count() > 0);
  assert.match(await page.locator('#ov-latest li .when').first().textContent(), /2022-04-12/);
  assert.match(await page.locator('#ov-latest li .prov').first().textContent(), /Sample Gazette/);
  await page.screenshot({ path: join(artifacts, 'overview.png') });
  // A latest statement opens in its paragraph.
  const latest = page.locator('#ov-latest li[data-statement]').first();
  await latest.locator('.para-box summary').click();
  await latest.locator('.para mark').waitFor();
  // Each entry opens the entity's page.
  await page.locator('#ov-speakers li a.entity').first().click();
  await page.waitForFunction((id) => window.whosaid.cy.getElementById(id).nonempty(), medinsky);
  assert.match(await page.locator('#profile-name').textContent(), /Vladimir Medinsky/);
  assert.ok(!(await page.locator('#view-network').isHidden()));
  assert.deepEqual(problems, []);
});

test('searching "Medinsky" shows his node and his statements', opts, async () => {
  await open();
  await page.getByLabel('Search people, organisations and places').fill('Medinsky');
  await page.keyboard.press('Enter');
  const result = page.locator('#search-results button', { hasText: 'Vladimir Medinsky' });
  await result.waitFor();
  const id = await result.getAttribute('data-id');
  // Keyboard: the first result has the focus; Enter opens it.
  await page.keyboard.press('Enter');
  await page.waitForFunction((id) => window.whosaid.cy.getElementById(id).nonempty(), id);
  await page.locator('#timeline li[data-statement]').first().waitFor();
  const statements = await page.locator('#timeline li[data-statement]').count();
  assert.ok(statements > 0, 'no statements listed');
  assert.match(await page.locator('#profile-name').textContent(), /Vladimir Medinsky/);
  // Provenance: the quoted content is highlighted in its sentence.
  assert.ok(await page.locator('#timeline li[data-statement] mark').count() > 0);
  // The paragraph opens with the statement highlighted in it.
  const first = page.locator('#timeline li[data-statement]').first();
  await first.locator('.para-box summary').click();
  await first.locator('.para mark').waitFor();
  assert.ok((await first.locator('.para').textContent()).length >= (await first.locator('.para mark').textContent()).length);
  // The export link carries the view's scope.
  await networkReady();
  const href = await page.locator('#export-link').getAttribute('href');
  assert.match(href, /export\?format=graphml&entity=person%3Avladimir-medinsky&depth=1/);
  assert.deepEqual(problems, []);
});

test('the speaker page: timeline, roles, aliases, mentions, outlets, parts', opts, async () => {
  await open(`#entity=${medinsky}`);
  await page.locator('#summary .plot').waitFor();
  // One bar per day he spoke, coloured by kind.
  const days = await page.$$eval('#summary .plot g.day', (gs) => gs.map((g) => g.dataset.date));
  assert.deepEqual(days, ['2022-03-29', '2022-04-05', '2022-04-11', '2022-04-12']);
  const kinds = await page.$$eval('#summary .plot rect[data-kind]', (rs) => [...new Set(rs.map((r) => `${r.dataset.kind} ${r.getAttribute('fill')}`))].sort());
  assert.ok(kinds.some((k) => k.startsWith('direct ')) && kinds.some((k) => k.startsWith('indirect ')), `kinds: ${kinds}`);
  assert.equal(new Set(kinds.map((k) => k.split(' ')[1])).size, new Set(kinds.map((k) => k.split(' ')[0])).size, 'one colour per kind');
  // Aliases, roles, whom he mentions, who reports him.
  assert.match(await page.locator('#profile .aliases').textContent(), /Medinsky/);
  const outlets = await page.$$eval('#summary .outlets li .name', (els) => els.map((e) => e.textContent).sort());
  assert.deepEqual(outlets, ['Example Wire', 'Harbour Herald', 'Labour Heartlands', 'Sample Gazette']);
  assert.ok(await page.locator('#summary ol.ranked li a.entity').count() > 0, 'no mentioned entities');
  // Every statement names its document, date and outlet.
  await page.locator('#timeline li[data-statement]').first().waitFor();
  const provs = await page.$$eval('#timeline li[data-statement] .prov', (ps) => ps.map((p) => p.textContent));
  assert.ok(provs.length > 0 && provs.every((p) => /, (Labour Heartlands|Example Wire|Harbour Herald|Sample Gazette), 2022-0/.test(p)), provs.join('\n'));
  // A quote interrupted by its attribution: both parts are highlighted,
  // the attribution between them is not.
  const split = page.locator('#timeline li[data-statement]', { hasText: 'The next round will be held by video link' });
  await split.waitFor();
  const marks = await split.locator('blockquote mark').allTextContents();
  assert.equal(marks.length, 2, `marks: ${marks}`);
  assert.ok(!marks.join(' ').includes('told'), `marks: ${marks}`);
  await split.locator('.para-box summary').click();
  await split.locator('.para mark').nth(1).waitFor();
  // The plot's days are buttons: Enter narrows the statements to that day,
  // and the address keeps it.
  await page.locator('#summary .plot g.day[data-date="2022-04-05"]').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => {
    const days = [...document.querySelectorAll('#timeline li[data-statement] .when')].map((w) => w.textContent);
    return days.length > 0 && days.every((d) => d === '2022-04-05');
  });
  assert.match(await page.evaluate(() => location.hash), /day=2022-04-05/);
  await networkReady();
  await page.screenshot({ path: join(artifacts, 'speaker.png') });
  assert.deepEqual(problems, []);
});

test("a place's page says who talks about it", opts, async () => {
  await open('#entity=place:kyiv');
  const by = page.locator('#summary h4', { hasText: 'Talked about by' });
  await by.waitFor();
  const speakers = await page.$$eval('#summary h4', (hs) => {
    const h = hs.find((x) => x.textContent === 'Talked about by');
    return [...h.nextElementSibling.querySelectorAll('a.entity')].map((a) => a.dataset.id);
  });
  assert.ok(speakers.includes(medinsky) && speakers.includes(arakhamia), speakers.join(' '));
  assert.deepEqual(problems, []);
});

test('a document shows its text with every statement marked', opts, async () => {
  // From a statement of the speaker page to its place in its document.
  await open(`#entity=${medinsky}`);
  const split = page.locator('#timeline li[data-statement]', { hasText: 'The next round will be held by video link' });
  await split.waitFor();
  const id = await split.getAttribute('data-statement');
  await split.locator('a.in-doc').click();
  await page.waitForFunction(() => !document.getElementById('view-document').hidden);
  await page.locator('#doc-text mark.on').first().waitFor();
  assert.equal(await page.locator('#doc-title').textContent(), 'Talks to continue by video link');
  assert.equal(await page.locator('#doc-meta').textContent(), 'Example Wire, 2022-04-05 · the original · 5 statements, 6 entities');
  assert.equal(await page.locator('#doc-meta a').getAttribute('href'), 'https://wire.example/2022/04/05/talks-video');
  // Both parts of the split quote are marked and picked out.
  assert.equal(await page.locator(`#doc-text mark.on[data-statement="${id}"]`).count(), 2);
  const listed = await page.locator('#doc-statements li[data-statement]').count();
  const marked = await page.$$eval('#doc-text mark[data-statement]', (ms) => new Set(ms.map((m) => m.dataset.statement)).size);
  assert.equal(marked, listed, 'every statement of the list is marked in the text');
  assert.ok(listed >= 5);
  assert.ok(await page.locator('#doc-entities a.entity').count() > 0);
  await page.screenshot({ path: join(artifacts, 'document.png') });
  // Choosing another statement in the list marks it and records it.
  const other = page.locator('#doc-statements li[data-statement]').first();
  const otherID = await other.getAttribute('data-statement');
  await other.locator('button').click();
  assert.equal(await page.locator('#doc-text mark.on').first().getAttribute('data-statement'), otherID);
  assert.match(await page.evaluate(() => decodeURIComponent(location.hash)), new RegExp(`statement=${otherID}`));
  // The overview lists the documents, newest first.
  await open();
  await page.locator('#ov-docs a.doc').first().waitFor();
  assert.deepEqual(await page.$$eval('#ov-docs a.doc', (as) => as.map((a) => a.textContent)),
    ['Draft treaty not ready, envoy says', 'Much work left on treaty, Medinsky says', 'Talks to continue by video link',
      'Russia-Ukraine Peace Talks: The Proposal']);
  assert.deepEqual(problems, []);
});

test('a remark reported by two outlets is listed once, its reports in date order', opts, async () => {
  // The Harbour Herald (2022-04-11) and the Sample Gazette (2022-04-12)
  // carry the same remark of Medinsky's (web/test/testdata/articles.jsonl).
  const remark = 'There is still a great deal of work to do';
  await open(`#entity=${medinsky}`);
  const items = page.locator('#timeline li[data-statement]', { hasText: remark });
  await items.first().waitFor();
  assert.equal(await items.count(), 1, 'the remark is listed once');
  const item = items.first();
  assert.match(await item.locator('.when').first().textContent(), /2022-04-11/, 'at its first report');
  assert.equal(await item.locator('.reported').textContent(), 'Reported by 2 outlets (2 reports)');
  // A remark reported once says nothing of the kind.
  const once = page.locator('#timeline li[data-statement]', { hasText: 'The next round will be held by video link' });
  assert.equal(await once.locator('.reported').count(), 0);
  await item.locator('.reports-box > summary').click();
  await item.locator('.reports li[data-statement]').nth(1).waitFor();
  const reports = await item.locator('.reports li[data-statement]').evaluateAll((lis) => lis.map((li) => ({
    date: li.querySelector('.when').textContent, outlet: li.querySelector('.outlet').textContent,
    document: li.querySelector('a.in-doc').textContent, variant: li.querySelector('.variant').textContent,
  })));
  assert.deepEqual(reports, [
    { date: '2022-04-11', outlet: 'Harbour Herald', document: 'Much work left on treaty, Medinsky says', variant: remark },
    { date: '2022-04-12', outlet: 'Sample Gazette', document: 'Draft treaty not ready, envoy says', variant: remark },
  ]);
  assert.match(await item.locator('.reports-box > p.help').textContent(), /^2 reports by 2 outlets/);
  // Unticking "Each remark once" lists every report, and the address keeps it.
  await page.getByLabel('Each remark once').uncheck();
  await page.waitForFunction((t) => [...document.querySelectorAll('#timeline li[data-statement]')].filter((li) => li.textContent.includes(t)).length === 2, remark);
  assert.match(await page.evaluate(() => location.hash), /group=statement/);
  // Statement search: each statement opens the reports of its remark.
  await open(`#view=statements&q=${encodeURIComponent('great deal of work')}`);
  const found = page.locator('#st-results li[data-statement]');
  await found.nth(1).waitFor();
  assert.equal(await found.count(), 2);
  const gazette = page.locator('#st-results li[data-statement]', { hasText: 'Sample Gazette' });
  await gazette.locator('.reports-box > summary').click();
  await gazette.locator('.reports li[data-statement]').nth(1).waitFor();
  assert.deepEqual(await gazette.locator('.reports li .outlet').allTextContents(), ['Harbour Herald', 'Sample Gazette']);
  assert.equal(await gazette.locator('.reports li.this .outlet').textContent(), 'Sample Gazette');
  await page.screenshot({ path: join(artifacts, 'quotes.png') });
  assert.deepEqual(problems, []);
});

test('a turn lists its statements', opts, async () => {
  await open(`#entity=${arakhamia}`);
  const turn = page.locator('#timeline li[data-statement]', { hasText: 'We need guarantees that work' });
  await turn.waitFor();
  await turn.locator('.turn-box summary').click();
  await turn.locator('.turn li').nth(1).waitFor();
  const texts = await turn.locator('.turn li').allTextContents();
  assert.equal(texts.length, 2, texts.join(' | '));
  assert.match(texts[0], /\(this\) We need guarantees that work/);
  assert.match(texts[1], /Paper promises are not enough/);
  assert.deepEqual(problems, []);
});

test('clicking Kyiv expands its network; edges say what they are', opts, async () => {
  await open(`#entity=${medinsky}`);
  await networkReady();
  const kyiv = await page.evaluate(() => {
    const n = window.whosaid.cy.nodes().filter((n) => n.data('name') === 'Kyiv');
    return n.nonempty() ? n[0].id() : null;
  });
  assert.ok(kyiv, 'Kyiv is not in the network');
  const before = await page.evaluate(() => window.whosaid.cy.elements().length);
  const box = await page.locator('#cy').boundingBox();
  const pos = await page.evaluate((id) => window.whosaid.cy.getElementById(id).renderedPosition(), kyiv);
  await page.mouse.click(box.x + pos.x, box.y + pos.y);
  await page.waitForFunction((id) => window.whosaid.cy.getElementById(id).hasClass('expanded'), kyiv);
  await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('Expanded'));
  const afterCount = await page.evaluate(() => window.whosaid.cy.elements().length);
  assert.ok(afterCount > before, `no new elements after expanding Kyiv (${before} -> ${afterCount})`);
  assert.match(await page.evaluate(() => location.hash), /expand=place%3Akyiv/);

  // The layout fits the view: every node is drawn inside the canvas and
  // the drawing uses a good part of it (not crammed in a corner).
  const fit = await page.evaluate(() => {
    const c = window.whosaid.cy;
    const bb = c.elements().renderedBoundingBox();
    return { bb, w: c.width(), h: c.height() };
  });
  assert.ok(fit.bb.x1 >= -1 && fit.bb.y1 >= -1 && fit.bb.x2 <= fit.w + 1 && fit.bb.y2 <= fit.h + 1, `drawing ${JSON.stringify(fit)}`);
  assert.ok(fit.bb.w > fit.w * 0.5 || fit.bb.h > fit.h * 0.5, `drawing uses little of the view: ${JSON.stringify(fit)}`);

  // Hovering an edge labels it with its type and weight.
  const mid = await page.evaluate(() => {
    const e = window.whosaid.cy.edges('[type = "SPOKE_ABOUT"]').filter((e) => e.source().id() === 'person:vladimir-medinsky')[0];
    return { ...e.renderedMidpoint(), id: e.id() };
  });
  await page.mouse.move(box.x + mid.x, box.y + mid.y);
  await page.locator('#tip').waitFor({ state: 'visible' });
  assert.match(await page.locator('#tip').textContent(), /Vladimir Medinsky → .+: SPOKE_ABOUT · weight \d+ \(\d+ statements?\)/);
  assert.ok(await page.evaluate((id) => window.whosaid.cy.getElementById(id).hasClass('hover'), mid.id));
  assert.match(await page.evaluate((id) => window.whosaid.cy.getElementById(id).style('label'), mid.id), /SPOKE_ABOUT · weight/);

  // The legend explains every node colour and every edge type drawn.
  const legend = await page.locator('#legend').textContent();
  for (const t of ['Person', 'Organisation', 'Place', 'SPOKE_ABOUT', 'CO_SPEAKER', 'VIA', 'HOLDS_ROLE', 'PART_OF', 'expanded', 'selected', 'Node size', 'Line width']) {
    assert.ok(legend.includes(t), `legend lacks ${t}`);
  }
  const drawn = await page.evaluate(() => [...new Set(window.whosaid.cy.edges().map((e) => e.data('type')))]);
  for (const t of drawn) assert.ok(legend.includes(t), `edge type ${t} drawn but not in the legend`);

  // Labels never overflow: long names end in an ellipsis on the canvas and
  // in the lists.
  assert.equal(await page.evaluate(() => window.whosaid.cy.nodes()[0].style('text-wrap')), 'ellipsis');
  const overflowing = await page.$$eval('#node-list li, #search-results li, #profile, #summary li, #timeline li', (els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent.slice(0, 40)));
  assert.deepEqual(overflowing, []);
  await page.mouse.move(box.x + 5, box.y + 5);
  await page.screenshot({ path: join(artifacts, 'explorer.png'), fullPage: true });
  assert.deepEqual(problems, []);
});

test('the address restores the view', opts, async () => {
  // The view of the previous test, from its address alone, in a new tab.
  const hash = await page.evaluate(() => location.hash);
  const counts = await page.evaluate(() => ({ nodes: window.whosaid.cy.nodes().length, edges: window.whosaid.cy.edges().length }));
  const tab = await context.newPage();
  watch(tab);
  await tab.goto(`${base}?load=${++loads}${hash}`);
  await tab.waitForFunction(() => window.whosaid.cy.getElementById('place:kyiv').hasClass('expanded'));
  await networkReady(tab);
  assert.deepEqual(await tab.evaluate(() => ({ nodes: window.whosaid.cy.nodes().length, edges: window.whosaid.cy.edges().length })), counts);
  // The same seeds and a deterministic layout: the same picture (to a few
  // pixels: the layout's floating point is not bit-stable across runs).
  const positions = (p) => p.evaluate(() => Object.fromEntries(window.whosaid.cy.nodes().map((n) => [n.id(), n.position()])));
  const [a, b] = [await positions(tab), await positions(page)];
  assert.deepEqual(Object.keys(a).sort(), Object.keys(b).sort());
  // Tolerance: 5 px, or 2% of the drawing's diagonal for a large one.
  const xs = Object.values(b).map((p) => p.x), ys = Object.values(b).map((p) => p.y);
  const tol = Math.max(5, 0.02 * Math.hypot(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)));
  const moved = Object.keys(a).filter((id) => Math.hypot(a[id].x - b[id].x, a[id].y - b[id].y) > tol);
  assert.deepEqual(moved.map((id) => `${id} ${Math.round(Math.hypot(a[id].x - b[id].x, a[id].y - b[id].y))}px`), [], 'nodes placed elsewhere on reload');
  await tab.close();

  // Other views come back from their addresses too.
  await open('#view=statements&q=guarantees&kind=direct');
  await page.locator('#st-results li[data-statement]').first().waitFor();
  assert.equal(await page.locator('#st-q').inputValue(), 'guarantees');
  assert.equal(await page.locator('#st-kind').inputValue(), 'direct');
  // Back returns to the previous view.
  await page.locator('#st-results a.entity').first().click();
  await page.waitForFunction(() => !document.getElementById('view-network').hidden);
  await page.goBack();
  await page.waitForFunction(() => !document.getElementById('view-statements').hidden);
  assert.deepEqual(problems, []);
});

test('statement search with speaker, date and kind filters', opts, async () => {
  await open('#view=statements');
  await page.getByLabel('Words in the statement').fill('guarantees');
  await page.locator('#st-speaker').fill('Arakhamia'); // a name: resolved to the entity
  await page.getByRole('button', { name: 'Search statements' }).click();
  await page.waitForFunction(() => /statements? matching/.test(document.getElementById('st-summary').textContent));
  const speakers = await page.$$eval('#st-results li[data-statement] .speakers', (ps) => ps.map((p) => p.textContent));
  assert.ok(speakers.length >= 2, `results: ${speakers}`);
  assert.ok(speakers.every((s) => s.includes('David Arakhamia')), speakers.join(' | '));
  assert.equal(await page.locator('#st-speaker').inputValue(), arakhamia);
  assert.match(await page.evaluate(() => location.hash), /view=statements&q=guarantees&speaker=person%3Adavid-arakhamia/);
  // Kind and dates narrow the hits.
  await page.locator('#st-kind').selectOption('direct');
  await page.getByRole('button', { name: 'Search statements' }).click();
  await page.waitForFunction(() => !/Searching/.test(document.getElementById('st-summary').textContent));
  const kinds = await page.$$eval('#st-results li[data-statement]', (ls) => ls.map((l) => l.dataset.kind));
  assert.ok(kinds.length > 0 && kinds.every((k) => k === 'direct'), `kinds ${kinds}`);
  // What one speaker said about an entity.
  await page.locator('#st-kind').selectOption('');
  await page.getByLabel('Words in the statement').fill('');
  await page.locator('#st-speaker').fill(medinsky);
  await page.getByLabel('About (mentioned)').fill('Kyiv');
  await page.getByRole('button', { name: 'Search statements' }).click();
  await page.waitForFunction(() => /about place:kyiv/.test(document.getElementById('st-summary').textContent));
  const about = await page.$$eval('#st-results li[data-statement] .mentions', (ps) => ps.map((p) => p.textContent));
  assert.ok(about.length > 0 && about.every((a) => a.includes('Kyiv')), about.join(' | '));
  await page.getByLabel('About (mentioned)').fill('');
  await page.locator('#st-speaker').fill('');
  await page.getByLabel('Words in the statement').fill('');
  await page.locator('#st-from').fill('2022-04-10');
  await page.getByRole('button', { name: 'Search statements' }).click();
  await page.waitForFunction(() => /in time order/.test(document.getElementById('st-summary').textContent));
  const dates = await page.$$eval('#st-results li[data-statement] .when', (ws) => ws.map((w) => w.textContent));
  assert.ok(dates.length > 0 && dates.every((d) => d >= '2022-04-10'), `dates ${dates}`);
  assert.deepEqual(problems, []);
});

test('the path finder shows each path once with its statements', opts, async () => {
  await open('#view=paths');
  await page.locator('#p-from').fill('Arakhamia');
  await page.locator('#p-to').fill('Kyiv');
  await page.getByRole('button', { name: 'Find paths' }).click();
  await page.locator('#path-results > li').first().waitFor();
  const chains = await page.$$eval('#path-results > li .chain', (cs) => cs.map((c) => [...c.querySelectorAll('a.entity')].map((a) => a.dataset.id).join(' ')));
  assert.ok(chains.length > 0);
  assert.equal(new Set(chains).size, chains.length, `a path is shown twice: ${chains.join(' | ')}`);
  assert.ok(chains.every((c) => c.startsWith(arakhamia) && c.endsWith('place:kyiv')), chains.join(' | '));
  // Every hop through a statement lists it; the statements open in their
  // paragraph.
  const hop = page.locator('#path-results details.hop').first();
  await hop.locator('> summary').click();
  const st = hop.locator('li[data-statement]').first();
  await st.locator('.para-box summary').click();
  await st.locator('.para mark').first().waitFor();
  assert.match(await page.evaluate(() => location.hash), /view=paths&from=person%3Adavid-arakhamia&to=place%3Akyiv/);
  assert.ok(await page.evaluate(() => window.whosaid.pathsCy.nodes().length) >= 2);
  assert.match(await page.locator('#paths-legend').textContent(), /Person.*Place.*relation/);
  await page.screenshot({ path: join(artifacts, 'paths.png') });
  assert.deepEqual(problems, []);
});

test('the Cypher console: key, table, graph and clear refusals', opts, async (t) => {
  if (!apiKey) {
    t.skip('WHOSAID_API_KEY is not set');
    return;
  }
  await open('#view=cypher');
  const msg = page.locator('#cypher-message');
  const run = async () => {
    await page.getByRole('button', { name: 'Run query' }).click();
    await page.waitForFunction(() => !/Running/.test(document.getElementById('cypher-message').textContent) && document.getElementById('cypher-message').textContent);
  };
  // Without a key: says so before asking the server.
  await page.getByLabel('API key').fill('');
  await run();
  assert.match(await msg.textContent(), /Type an API key/);
  // A wrong key: the server's 401, explained. The page reports the
  // failed request itself; nothing else may go wrong.
  const seen = problems.length;
  await page.getByLabel('API key').fill('not-the-key-0123456789');
  await run();
  assert.match(await msg.textContent(), /refused the API key \(401/);
  const expected = problems.splice(seen).filter((p) => !/401/.test(p));
  assert.deepEqual(expected, []);
  // The right key: the rows as a table.
  await page.getByLabel('API key').fill(apiKey);
  await page.getByLabel('Query').fill('MATCH (p:Person)-[:SAID]->(s) RETURN p.name AS name, count(s) AS n ORDER BY n DESC, name LIMIT 5');
  await page.getByLabel('Query').press('Control+Enter');
  await page.locator('#cypher-table-box tbody tr').first().waitFor();
  assert.deepEqual(await page.$$eval('#cypher-table-box th', (ths) => ths.map((th) => th.textContent)), ['name', 'n']);
  assert.equal(await page.locator('#cypher-table-box tbody tr').first().locator('td').first().textContent(), 'Vladimir Medinsky');
  assert.ok(await page.locator('#cypher-cy').isHidden(), 'no graph for scalar rows');
  assert.equal(await page.evaluate(() => sessionStorage.getItem('whosaid.apiKey')), apiKey);
  // Nodes and relationships: also a graph.
  await page.getByLabel('Example queries').selectOption({ label: 'Who talks about whom (graph)' });
  await run();
  await page.locator('#cypher-cy').waitFor({ state: 'visible' });
  const g = await page.evaluate(() => ({ nodes: window.whosaid.cypherCy.nodes().length, edges: window.whosaid.cypherCy.edges().length }));
  assert.ok(g.nodes > 0 && g.edges > 0, JSON.stringify(g));
  assert.match(await page.locator('#cypher-table-box tbody td').first().textContent(), /^\(:Entity:/);
  // Its legend names the node types it draws.
  const cypherLegend = await page.locator('#cypher-legend').textContent();
  for (const t of ['Person', 'Statement']) assert.ok(cypherLegend.includes(t), `cypher legend: ${cypherLegend}`);
  await page.screenshot({ path: join(artifacts, 'cypher.png') });
  // A write is refused with the reason.
  const seen2 = problems.length;
  await page.getByLabel('Query').fill('MATCH (n) DETACH DELETE n');
  await run();
  assert.match(await msg.textContent(), /only reading queries run here \(403/);
  assert.deepEqual(problems.splice(seen2).filter((p) => !/403/.test(p)), []);
  // A key handed to the page in its address is kept in the tab, not in
  // the address.
  await page.evaluate(() => sessionStorage.clear());
  await open(`#view=cypher&key=${apiKey}`);
  await page.waitForFunction(() => !document.getElementById('view-cypher').hidden);
  assert.equal(await page.evaluate(() => sessionStorage.getItem('whosaid.apiKey')), apiKey);
  assert.equal(await page.evaluate(() => location.hash), '#view=cypher');
  assert.equal(await page.getByLabel('API key').inputValue(), apiKey);
  assert.deepEqual(problems, []);
});

test('the keyboard reaches the views, the graph and its edges', opts, async () => {
  await open(`#entity=${medinsky}`);
  await networkReady();
  // The view tabs are links in the tab order.
  await page.locator('#views a[data-view="overview"]').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !document.getElementById('view-overview').hidden);
  await page.goBack();
  await page.waitForFunction(() => !document.getElementById('view-network').hidden);
  await networkReady();
  await page.locator('#cy').focus();
  await page.keyboard.press('ArrowRight');
  const sel = await page.evaluate(() => {
    const n = window.whosaid.cy.$('node:selected');
    return { n: n.length, hover: n.connectedEdges().filter((e) => e.hasClass('hover')).length, edges: n.connectedEdges().length };
  });
  assert.equal(sel.n, 1);
  assert.equal(sel.hover, sel.edges, 'the selected node’s edges are labelled');
  await page.keyboard.press('f');
  assert.deepEqual(problems, []);
});

test('the Cytoscape.js JSON export loads in Cytoscape.js', opts, async () => {
  await open(`#entity=${medinsky}`);
  await networkReady();
  const counts = await page.evaluate(async () => {
    const res = await fetch('api/v1/export?format=cytoscape');
    const json = await res.json();
    const added = window.whosaid.load(json);
    await window.whosaid.layoutDone;
    return { file: json.elements.nodes.length + json.elements.edges.length, added, shown: window.whosaid.cy.elements().length };
  });
  assert.ok(counts.file > 0);
  assert.equal(counts.added, counts.file);
  assert.equal(counts.shown, counts.file);
  await page.screenshot({ path: join(artifacts, 'explorer-whole-graph.png') });
  assert.deepEqual(problems, []);
});

test('a few thousand elements stay usable', opts, async (t) => {
  // Not a timing assertion (speed is measured, not asserted): the figures
  // go to the test output.
  const ms = await page.evaluate(async () => {
    const nodes = [];
    const edges = [];
    const types = ['Person', 'Organisation', 'Place'];
    for (let i = 0; i < 1000; i++) {
      nodes.push({ data: { id: `n${i}`, name: `Entity ${i}`, type: types[i % 3], statements: i % 7, mentions: i % 5 } });
    }
    for (let i = 0; i < 2000; i++) {
      const a = i % 1000;
      const b = (a + 1 + 37 * Math.floor(i / 1000)) % 1000;
      if (a !== b) edges.push({ data: { id: `e${i}`, source: `n${a}`, target: `n${b}`, type: 'SPOKE_ABOUT', weight: 1 + (i % 4) } });
    }
    const t0 = performance.now();
    window.whosaid.load({ elements: { nodes, edges } });
    const t1 = performance.now();
    await window.whosaid.layoutDone;
    const t2 = performance.now();
    window.whosaid.cy.zoom(window.whosaid.cy.zoom() * 1.5);
    const t3 = performance.now();
    return { elements: nodes.length + edges.length, add: t1 - t0, layout: t2 - t1, zoom: t3 - t2 };
  });
  // fcose runs synchronously when not animated, so `add` includes the layout.
  t.diagnostic(`${ms.elements} elements: added and laid out (fcose, draft) in ${(ms.add + ms.layout).toFixed(0)} ms, zoom redraw ${ms.zoom.toFixed(0)} ms`);
  assert.equal(await page.evaluate(() => window.whosaid.cy.elements().length), ms.elements);
  assert.equal(await page.locator('#node-list li').count(), 1000);
  assert.deepEqual(problems, []);
});

test('filters narrow the statements', opts, async () => {
  // A deep link, in a fresh page load (the query string differs).
  await page.goto(`${base}?view=filters#entity=${medinsky}`);
  await page.locator('#timeline li[data-statement]').first().waitFor();
  assert.match(await page.locator('#profile-name').textContent(), /Vladimir Medinsky/);
  const all = await page.locator('#timeline li[data-statement]').count();
  await page.getByLabel('Statement kind').selectOption('direct');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForFunction((n) => document.querySelectorAll('#timeline li[data-statement]').length < n
    || document.querySelector('#timeline li.help'), all);
  const kinds = await page.$$eval('#timeline li[data-statement] .kind', (els) => els.map((e) => e.textContent));
  assert.ok(kinds.length < all, `still ${kinds.length} of ${all} statements after filtering`);
  assert.ok(kinds.every((k) => k === 'direct'), `kinds after filter: ${kinds}`);
  await networkReady();
  assert.match(await page.evaluate(() => location.hash), /kind=direct/);
  assert.deepEqual(problems, []);
});
