// Real-browser test of the explorer: headless Chromium (Debian's
// /usr/bin/chromium) driven by playwright-core, against a running
// `whosaid serve` with the example article ingested. run.sh sets it up:
//
//   WHOSAID_URL=http://127.0.0.1:PORT/ node --test test/
//
// Without WHOSAID_URL the test skips (it fails instead when
// WHOSAID_REQUIRE_BROWSER=1, as in .ci/run).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const base = process.env.WHOSAID_URL;
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const artifacts = resolve(process.env.WHOSAID_ARTIFACTS || join(import.meta.dirname, '..', '..', 'test-artifacts'));
const required = process.env.WHOSAID_REQUIRE_BROWSER === '1';

const why = !base ? 'WHOSAID_URL is not set (use web/test/run.sh)'
  : !existsSync(executablePath) ? `no Chromium at ${executablePath} (apt-get install chromium)` : '';
if (why && required) throw new Error(`browser test required: ${why}`);

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
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  await mkdir(artifacts, { recursive: true });
});

after(async () => {
  if (context) await context.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

const opts = { skip: why || false, timeout: 60_000 };

test('the page loads without console errors', opts, async () => {
  await page.goto(base, { waitUntil: 'load' });
  await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('Ready'));
  assert.equal(await page.title(), 'whosaid explorer');
  // Every form control has a label (accessibility).
  const unlabelled = await page.$$eval('input, select', (els) => els.filter((e) => e.labels.length === 0).map((e) => e.id));
  assert.deepEqual(unlabelled, []);
  assert.deepEqual(problems, []);
});

test('searching "Medinsky" shows his node and his statements', opts, async () => {
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
  await first.locator('summary').click();
  await first.locator('.para mark').waitFor();
  assert.ok((await first.locator('.para').textContent()).length >= (await first.locator('.para mark').textContent()).length);
  // The export link carries the view's scope.
  const href = await page.locator('#export-link').getAttribute('href');
  assert.match(href, /export\?format=graphml&entity=person%3Avladimir-medinsky&depth=1/);
  assert.deepEqual(problems, []);
});

test('clicking Kyiv expands its network', opts, async () => {
  const kyiv = await page.evaluate(() => {
    const n = window.whosaid.cy.nodes().filter((n) => n.data('name') === 'Kyiv');
    return n.nonempty() ? n[0].id() : null;
  });
  assert.ok(kyiv, 'Kyiv is not in the network');
  const before = await page.evaluate(() => window.whosaid.cy.elements().length);
  // Let the layout settle, then click where Kyiv is drawn.
  await page.waitForTimeout(800);
  const box = await page.locator('#cy').boundingBox();
  const pos = await page.evaluate((id) => window.whosaid.cy.getElementById(id).renderedPosition(), kyiv);
  await page.mouse.click(box.x + pos.x, box.y + pos.y);
  await page.waitForFunction((id) => window.whosaid.cy.getElementById(id).hasClass('expanded'), kyiv);
  const afterCount = await page.evaluate(() => window.whosaid.cy.elements().length);
  assert.ok(afterCount > before, `no new elements after expanding Kyiv (${before} -> ${afterCount})`);
  await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('Expanded'));
  await page.waitForTimeout(800); // layout animation, for the screenshot
  await page.screenshot({ path: join(artifacts, 'explorer.png'), fullPage: true });
  assert.deepEqual(problems, []);
});

test('the Cytoscape.js JSON export loads in Cytoscape.js', opts, async () => {
  const counts = await page.evaluate(async () => {
    const res = await fetch('api/v1/export?format=cytoscape');
    const json = await res.json();
    const added = window.whosaid.load(json);
    return { file: json.elements.nodes.length + json.elements.edges.length, added, shown: window.whosaid.cy.elements().length };
  });
  assert.ok(counts.file > 0);
  assert.equal(counts.added, counts.file);
  assert.equal(counts.shown, counts.file);
  await page.waitForTimeout(500);
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
  await page.goto(`${base}?view=filters#entity=person:vladimir-medinsky`);
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
  assert.deepEqual(problems, []);
});
