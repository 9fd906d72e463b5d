// The panel against plain JavaScript, and the split build against the unsplit
// one on a slow link, all in one headless Chromium in one run:
//   1. the panel (split build, dist/) against a plain-JavaScript page that
//      builds every row (baseline.html), with the targets;
//   2. the panel against a plain-JavaScript page that pages the table like the
//      panel (baseline.html?page=50: 50 rows a page, the same filter);
//   3. on an emulated 1.6 Mbps link, the split build (dist/) against the
//      unsplit one (target/dist-unsplit/): navigation → usable connect form,
//      Connect → table, and the bytes fetched.
//   4. with --compare: two clusters of that many Orgs each (the second demo
//      variant on P+3) compared side by side, against the single-cluster
//      figures of part 1: one side's search answer → comparison table ready,
//      the click on Reload → comparison table ready, a filter keystroke, and
//      the memory held with both connected.
//   node bench/bench.cjs [--orgs 10000] [--iterations 7] [--port 8796] [--compare] [--scale 50000]
// Ports: P serves the split build with the baseline pages (--orgs generated
// Orgs); P+1 the split build and P+2 the unsplit one (its index.html uses
// absolute paths, so it gets a server of its own), both with at most 1,000
// generated Orgs, for the slow-link part. With --compare, P+3 serves the second demo variant (API only); with --scale, P+4 the split build with N Orgs. Nothing else is bound.
// Expects dist/, target/dist-unsplit/ and target/debug/demo-server
// (./run bench builds them).
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const net = require('net');
const path = require('path');
const zlib = require('zlib');
const { chromium } = require('../e2e/node_modules/playwright-core');

const FLAGS = ['compare'];
// --scale N: the panel and the paged page again at N Orgs (on P+4), with the
// ratios at both sizes side by side (the every-row page is left out there).
const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--')
    ? [...acc, [a.slice(2), FLAGS.includes(a.slice(2)) ? true : all[i + 1]]] : acc), []),
);
const COMPARE = args.compare === true;
const ORGS = Number(args.orgs ?? 10000);
const ITER = Number(args.iterations ?? 7);
const PORT = Number(args.port ?? 8796);
const SCALE = args.scale === undefined ? null : Number(args.scale);
if (SCALE !== null && !(Number.isInteger(SCALE) && SCALE > 0)) throw new Error(`--scale must be a whole number of Orgs, got ${args.scale}`);
for (const [k, v] of [['orgs', ORGS], ['iterations', ITER], ['port', PORT]]) {
  if (!Number.isInteger(v) || v < (k === 'orgs' ? 0 : 1)) throw new Error(`--${k} must be a whole number, got ${args[k]}`);
}
const TOKEN = 'bench-token';
const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const UNSPLIT = path.join(ROOT, 'target', 'dist-unsplit');
const SERVER = path.join(ROOT, 'target', 'debug', 'demo-server');
const HAND_MADE = 15; // the demo server's own Orgs, added to the generated ones
// The slow-link part: at 1.6 Mbps the search answer for 10,000 Orgs (about
// 1.2 MB, uncompressed) would take most of the time, so it reads at most 1,000.
const SLOW_ORGS = Math.min(ORGS, 1000);
const SLOW_LINK = {
  offline: false,
  latency: 150, // ms, added to each request
  downloadThroughput: 200000, // bytes/s: 1.6 Mbit/s
  uploadThroughput: 93750, // bytes/s: 750 kbit/s
};
const VIEWPORT = { width: 1400, height: 900 };
const MARK_TIMEOUT_MS = 60000;

const kb = (n) => (n / 1000).toFixed(1) + ' KB';
const ms = (n) => n.toFixed(1) + ' ms';
const mb = (n) => (n / 1e6).toFixed(1) + ' MB';
const ratio = (a, b) => (a / b).toFixed(2);
const perOrg = (bytes, orgs) => `${Math.round(bytes / Math.max(orgs, 1))} B`;
const line = (cells) => console.log('| ' + cells.join(' | ') + ' |');
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// ---- the site and the sizes ----

// Copies of both builds taken at the start, so that a rebuild during the run
// changes nothing measured: target/bench-split/ (dist/), target/bench-unsplit/
// (target/dist-unsplit/), and target/bench-site/ (the split build with the
// baseline pages). The split build keeps its assets in a pkg-<hash>/ folder,
// so whole trees are copied.
function site() {
  for (const [dir, what] of [[DIST, 'the split release build (./run build)'], [UNSPLIT, 'the unsplit build (./run build --unsplit --out target/dist-unsplit)']]) {
    if (!fs.existsSync(path.join(dir, 'index.html'))) throw new Error(`${dir} has no index.html: make ${what} first`);
  }
  if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: cargo build -p demo-server`);
  const copy = (from, name) => {
    const to = path.join(ROOT, 'target', name);
    fs.rmSync(to, { recursive: true, force: true });
    fs.cpSync(from, to, { recursive: true });
    return to;
  };
  const split = copy(DIST, 'bench-split');
  const unsplit = copy(UNSPLIT, 'bench-unsplit');
  const dir = copy(split, 'bench-site');
  for (const f of ['baseline.html', 'baseline.js']) fs.copyFileSync(path.join(__dirname, f), path.join(dir, f));
  return { dir, split, unsplit };
}

const brotli = (file) =>
  zlib.brotliCompressSync(fs.readFileSync(file), { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

// What a build's first load and its lazy part (split_*.wasm, fetched after the
// connect form is shown) weigh, brotli -q 11, as bench/size.cjs counts them.
function buildSizes(dist) {
  const first = { wasm: 0, js: 0, css: 0, html: 0, total: 0 };
  let lazy = 0;
  let parts = 0; // split_*.wasm files: the split build has one, the unsplit none
  (function walk(dir) {
    for (const f of fs.readdirSync(dir)) {
      const p = path.join(dir, f);
      if (fs.statSync(p).isDirectory()) { walk(p); continue; }
      const kind = (/\.(wasm|js|css|html)$/.exec(f) || [])[1];
      if (!kind) continue;
      const n = brotli(p);
      if (/^split_.*\.wasm$/.test(f)) parts += 1;
      if (/^split_.*\.(wasm|css)$/.test(f)) lazy += n;
      else { first[kind] += n; first.total += n; }
    }
  })(dist);
  return { first, lazy, parts };
}

const pageSize = (files) => files.reduce((n, f) => n + brotli(path.join(__dirname, f)), 0);

// ---- the demo servers ----

const servers = [];
const running = (s) => s.exitCode === null && s.signalCode === null;

function portFree(port) {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', (e) => reject(new Error(`port ${port} is not free (${e.code}): pick another --port`)));
    s.listen(port, '127.0.0.1', () => s.close(resolve));
  });
}

async function startServer(port, staticDir, orgs, extra = []) {
  await portFree(port);
  const where = staticDir ? ['--static-dir', staticDir] : [];
  const child = spawn(SERVER, ['--listen', `127.0.0.1:${port}`, ...where, '--orgs', String(orgs), '--token', TOKEN, ...extra],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  servers.push(child);
  let stderr = '';
  child.stderr.on('data', (d) => { stderr = (stderr + d).slice(-4000); });
  const exited = new Promise((_, reject) => child.once('exit', (code, sig) =>
    reject(new Error(`the demo server on port ${port} exited (${code ?? sig}): ${stderr.trim()}`))));
  exited.catch(() => {});
  const ready = (async () => {
    for (let i = 0; i < 200; i++) {
      if (!running(child)) return;
      try {
        if ((await fetch(`http://127.0.0.1:${port}/__demo/state`)).ok) return;
      } catch {}
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the demo server on port ${port} did not answer within 20 s`);
  })();
  await Promise.race([ready, exited]);
  if (!running(child)) await exited;
  return `http://127.0.0.1:${port}`;
}

function stopServers() {
  for (const s of servers) if (running(s)) s.kill('SIGKILL');
}
// Stops the demo servers and waits until they are gone.
async function stopServersAndWait() {
  const gone = servers.filter(running).map((s) => new Promise((r) => s.once('exit', r)));
  stopServers();
  await Promise.race([Promise.all(gone), new Promise((r) => setTimeout(r, 5000).unref())]);
}
// However the run ends (an error, Ctrl-C, SIGTERM), no demo server is left behind.
process.on('exit', stopServers);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => { stopServers(); process.exit(1); });

// ---- the table figures (unthrottled) ----

// Runs in the page: clicks or types, then waits for the page's own marks.
async function timed(page, action) {
  return page.evaluate(async ({ kind, selector, value, timeout, readyMark, filterMark }) => {
    const wait = (name) =>
      new Promise((resolve, reject) => {
        const obs = new PerformanceObserver((list) => {
          for (const e of list.getEntries()) if (e.name === name) { obs.disconnect(); resolve(e.startTime); }
        });
        obs.observe({ entryTypes: ['mark'] });
        setTimeout(() => { obs.disconnect(); reject(new Error(`${location.pathname}: no ${name} mark within ${timeout / 1000} s`)); }, timeout);
      });
    // A load starts once the previous one has ended (the panel shows the
    // table before the Org list and webhooks are merged in; Reload is
    // disabled until they are) and its last frame's marks have been made.
    const button = document.querySelector(selector);
    for (let waited = 0; kind === 'load' && button.disabled; waited += 20) {
      if (waited > timeout) throw new Error(`${location.pathname}: ${selector} still disabled after ${timeout / 1000} s`);
      await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    performance.clearMarks();
    if (kind === 'load') {
      const received = wait('tsp-search-received');
      const ready = wait(readyMark);
      const t0 = performance.now();
      button.click();
      const [r, t] = await Promise.all([received, ready]);
      // Whatever the load still does after the table shows is not timed,
      // and is over before the next measurement.
      const end = performance.now() + timeout;
      while (button.disabled && performance.now() < end) await new Promise((res) => setTimeout(res, 5));
      return { total: t - t0, afterResponse: t - r, complete: performance.now() - t0 };
    }
    const ready = wait(filterMark);
    const el = document.querySelector(selector);
    const t0 = performance.now();
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
    return { total: (await ready) - t0 };
  }, { readyMark: 'tsp-table-ready', filterMark: 'tsp-filter-ready', ...action, timeout: MARK_TIMEOUT_MS });
}

async function memory(page) {
  return page.evaluate(() => {
    if (window.gc) window.gc();
    const heap = performance.memory ? performance.memory.usedJSHeapSize : 0;
    const wasm = window.tspWasmMemory ? window.tspWasmMemory.buffer.byteLength : 0;
    return { heap, wasm };
  });
}

const QUERIES = ['generated org 0', 'generated org 01', 'generated org 012', 'finance', '77', ''];

async function measure(page, loadSelector, filterSelector, marks = {}) {
  const load = [], afterResponse = [], complete = [], filter = [];
  await timed(page, { kind: 'load', selector: loadSelector, ...marks }); // warm-up
  for (let i = 0; i < ITER; i++) {
    const r = await timed(page, { kind: 'load', selector: loadSelector, ...marks });
    load.push(r.total);
    afterResponse.push(r.afterResponse);
    complete.push(r.complete);
    for (const q of QUERIES) filter.push((await timed(page, { kind: 'filter', selector: filterSelector, value: q, ...marks })).total);
  }
  return { load: median(load), afterResponse: median(afterResponse), complete: median(complete), filter: median(filter), mem: await memory(page) };
}

// Checks what a page shows after the last (empty) filter: the count, and how many rows.
async function expectShown(page, countSelector, rowSelector, total, rows) {
  const got = await page.evaluate(({ c, r }) => ({
    count: document.querySelector(c)?.textContent,
    rows: [...document.querySelectorAll(r)].filter((tr) => tr.style.display !== 'none').length,
  }), { c: countSelector, r: rowSelector });
  const want = `${total} of ${total} Orgs`;
  if (got.count !== want || got.rows !== rows) {
    throw new Error(`${page.url()}: shows "${got.count}" and ${got.rows} rows, expected "${want}" and ${rows} rows`);
  }
}

async function connect(page, total) {
  await page.fill('#token', TOKEN);
  await page.click('button[type=submit]');
  await connect.shown(page, total);
}
connect.shown = (page, total) => page.waitForFunction(
  (n) => document.querySelector('[data-testid=org-count]')?.textContent === `${n} of ${n} Orgs`, total, { timeout: MARK_TIMEOUT_MS });

async function tables(browser, base, total, { every: withEvery = true } = {}) {
  const ours = await browser.newPage({ viewport: VIEWPORT });
  await ours.goto(`${base}/`);
  await connect(ours, total);
  const panel = await measure(ours, '[data-testid=reload]', '#org-filter');
  await expectShown(ours, '[data-testid=org-count]', '.org-table tbody tr', total, Math.min(50, total));
  await ours.close();

  const baseline = async (file, rows) => {
    const page = await browser.newPage({ viewport: VIEWPORT });
    await page.goto(`${base}/${file}`);
    await page.evaluate((t) => { window.benchToken = t; }, TOKEN);
    const r = await measure(page, '#load', '#filter');
    await expectShown(page, '#count', '#rows tr', total, rows);
    await page.close();
    return r;
  };
  const every = withEvery ? await baseline('baseline.html', total) : null;
  const paged = await baseline('baseline.html?page=50', Math.min(50, total));
  return { panel, every, paged };
}

// ---- two clusters compared ----

// Connects the second cluster from the cluster bar, opens the comparison with
// the first as A, and times it: the Reload of the shown cluster (B) → the
// comparison rebuilt and painted, and filter keystrokes. Checks what it shows.
async function comparison(browser, base, other, total) {
  const page = await browser.newPage({ viewport: VIEWPORT });
  await page.goto(`${base}/`);
  await connect(page, total);
  await page.getByRole('button', { name: 'Connect another cluster' }).click();
  await page.fill('#host', other);
  await page.fill('#token', TOKEN);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await connect.shown(page, total);
  await page.getByRole('button', { name: 'Compare clusters' }).click();
  await page.getByRole('button', { name: 'Swap A and B' }).click();
  const rows = total + 2; // Legal only on the first, Staging Lab only on the second
  const want = `${rows} of ${rows} Orgs`;
  await page.waitForFunction((w) => document.querySelector('[data-testid=compare-count]')?.textContent === w, want, { timeout: MARK_TIMEOUT_MS });
  const r = await measure(page, '[data-testid=reload]', '#compare-filter',
    { readyMark: 'tsp-compare-ready', filterMark: 'tsp-compare-filter-ready' });
  const got = await page.evaluate(() => ({
    count: document.querySelector('[data-testid=compare-count]')?.textContent,
    differing: Number(document.querySelector('[data-testid=compare-tally]')?.dataset.differing),
    rows: document.querySelectorAll('.compare-table tbody tr').length,
  }));
  // The seeds: 7 hand-made Orgs differ, and every 7th generated one.
  const differing = 7 + Math.floor(ORGS / 7);
  if (got.count !== want || got.differing !== differing || got.rows !== Math.min(50, rows)) {
    throw new Error(`the comparison shows "${got.count}", ${got.differing} differing and ${got.rows} rows; expected "${want}", ${differing} and ${Math.min(50, rows)}`);
  }
  await page.close();
  return r;
}

// ---- the slow link: split against unsplit ----

// Injected before the page's own scripts (CDP scripts are not bound by the
// page's Content-Security-Policy): records when the connect form is usable
// (the token field shown and enabled, Connect enabled, every stylesheet
// applied), in ms since navigation start, and the bytes fetched by then
// (Resource Timing transferSize: headers and body as sent).
function watchForm() {
  if (window.top !== window) return;
  const fetched = (at) => {
    const nav = performance.getEntriesByType('navigation')[0];
    const done = performance.getEntriesByType('resource').filter((r) => r.responseEnd <= at);
    return (nav ? nav.transferSize : 0) + done.reduce((n, r) => n + r.transferSize, 0);
  };
  const check = () => {
    if (window.__benchFormUsable) return;
    const token = document.getElementById('token');
    const submit = document.querySelector('button[type=submit]');
    const styled = [...document.querySelectorAll('link[rel=stylesheet]')].every((l) => l.sheet);
    if (token && submit && styled && !submit.disabled && !token.disabled && !token.readOnly && token.checkVisibility()) {
      const at = performance.now();
      window.__benchFormUsable = { at, bytes: fetched(at) };
      obs.disconnect();
    }
  };
  const obs = new MutationObserver(check);
  obs.observe(document, { subtree: true, childList: true, attributes: true });
  document.addEventListener('load', check, true); // a stylesheet arriving after the form
}

// Runs in the page: clicks Connect, waits until the table lists every Org and
// that frame is painted; ms from the click, the bytes fetched since navigation
// start, and whether the signed-in part (split_*.wasm) had arrived before the click.
async function connectToTable({ total, timeout }) {
  const lazyDone = () => performance.getEntriesByType('resource').some((r) => /\/split_[^/]*\.wasm$/.test(r.name));
  const want = `${total} of ${total} Orgs`;
  const shown = () => document.querySelector('[data-testid=org-count]')?.textContent === want;
  const lazyAtClick = lazyDone();
  const ready = new Promise((resolve, reject) => {
    const painted = () => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0));
    const obs = new MutationObserver(() => { if (shown()) { obs.disconnect(); painted(); } });
    obs.observe(document.body, { subtree: true, childList: true, characterData: true });
    setTimeout(() => { obs.disconnect(); reject(new Error(`no "${want}" within ${timeout / 1000} s of Connect`)); }, timeout);
  });
  const t0 = performance.now();
  document.querySelector('button[type=submit]').click();
  const t = await ready;
  const nav = performance.getEntriesByType('navigation')[0];
  const bytes = nav.transferSize + performance.getEntriesByType('resource').reduce((n, r) => n + r.transferSize, 0);
  return { ms: t - t0, at: t, bytes, lazyAtClick, lazyFetched: lazyDone() };
}

async function slowRun(browser, base, total) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', SLOW_LINK);
    await page.addInitScript(watchForm);
    await page.goto(`${base}/`, { waitUntil: 'commit', timeout: MARK_TIMEOUT_MS });
    const form = await (await page.waitForFunction(() => window.__benchFormUsable, null, { timeout: MARK_TIMEOUT_MS })).jsonValue();
    // The admin types the token as soon as the form is usable; the host stays empty (this site).
    await page.fill('#token', TOKEN);
    const table = await page.evaluate(connectToTable, { total, timeout: MARK_TIMEOUT_MS });
    return { form, table };
  } catch (e) {
    throw new Error(`${base} on the slow link: ${e.message}`);
  } finally {
    await context.close();
  }
}

async function slowLink(browser, bases, total) {
  const runs = { split: [], unsplit: [] };
  // Alternating the builds spreads any drift over both.
  for (let i = 0; i < ITER; i++) for (const build of ['split', 'unsplit']) runs[build].push(await slowRun(browser, bases[build], total));
  for (const r of runs.split) if (!r.table.lazyFetched) throw new Error('the split build never fetched its split_*.wasm part');
  for (const r of runs.unsplit) if (r.table.lazyFetched) throw new Error('the unsplit build fetched a split_*.wasm part');
  const sum = (rs) => ({
    form: median(rs.map((r) => r.form.at)),
    table: median(rs.map((r) => r.table.ms)),
    whole: median(rs.map((r) => r.table.at)),
    formBytes: median(rs.map((r) => r.form.bytes)),
    allBytes: median(rs.map((r) => r.table.bytes)),
    lazyAtClick: rs.filter((r) => r.table.lazyAtClick).length,
  });
  return { split: sum(runs.split), unsplit: sum(runs.unsplit) };
}

// ---- the run ----

const started = Date.now();
(async () => {
  const builds = site();
  const split = buildSizes(builds.split);
  const unsplit = buildSizes(builds.unsplit);
  if (split.parts === 0) throw new Error(`${DIST} holds no split_*.wasm part: it is not the split build`);
  if (unsplit.parts !== 0) throw new Error(`${UNSPLIT} holds a split_*.wasm part: it is not the unsplit build`);
  let browser;
  try {
    const base = await startServer(PORT, builds.dir, ORGS);
    const bases = {
      split: await startServer(PORT + 1, builds.split, SLOW_ORGS),
      unsplit: await startServer(PORT + 2, builds.unsplit, SLOW_ORGS),
    };
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/lib/chromium/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--enable-precise-memory-info', '--js-flags=--expose-gc'],
    });
    const total = ORGS + HAND_MADE;
    const slowTotal = SLOW_ORGS + HAND_MADE;
    const { panel: a, every: b, paged: c } = await tables(browser, base, total);
    let compared;
    if (COMPARE) {
      const origins = `http://127.0.0.1:${PORT}`;
      const other = await startServer(PORT + 3, null, ORGS, ['--variant', 'second', '--cors-origins', origins]);
      compared = await comparison(browser, base, other, total);
    }
    let scaled;
    if (SCALE !== null) {
      const big = await startServer(PORT + 4, builds.dir, SCALE);
      scaled = await tables(browser, big, SCALE + HAND_MADE, { every: false });
    }
    const slow = await slowLink(browser, bases, slowTotal);

    const sz = (s) => `${kb(s.first.total)} (wasm ${kb(s.first.wasm)}, js ${kb(s.first.js)}, css ${kb(s.first.css)}, html ${kb(s.first.html)})`;
    // Both baselines are the same page (the paged one with ?page=50).
    const baselineSize = pageSize(['baseline.html', 'baseline.js']);

    console.log(`\nBenchmark: ${total} Orgs, ${ITER} iteration(s), median of each (Chromium ${browser.version()})\n`);
    line(['measurement', 'panel', 'plain JS', 'ratio', 'target']);
    line(['---', '---', '---', '---', '---']);
    line(['click → table ready (network included)', ms(a.load), ms(b.load), ratio(a.load, b.load), '']);
    line(['search response → table interactive', ms(a.afterResponse), ms(b.afterResponse), ratio(a.afterResponse, b.afterResponse), '≤ 0.50']);
    line(['filter keystroke → table updated', ms(a.filter), ms(b.filter), ratio(a.filter, b.filter), '≤ 0.50']);
    line(['memory: JS heap + wasm', `${mb(a.mem.heap + a.mem.wasm)} (${mb(a.mem.heap)} + ${mb(a.mem.wasm)})`, `${mb(b.mem.heap)} (JS heap)`, '', '≤ 40 MB']);
    line(['first load, brotli -q 11', `${sz(split)}; signed-in part ${kb(split.lazy)} after`, kb(baselineSize), '', '≤ 120 KB']);

    console.log(`\nThe panel against plain JS paging the same way (${total} Orgs, 50 rows a page, the same filter and row controls)\n`);
    line(['measurement', 'panel', 'paged JS', 'ratio']);
    line(['---', '---', '---', '---']);
    line(['click → table ready (network included)', ms(a.load), ms(c.load), ratio(a.load, c.load)]);
    line(['search response → table interactive', ms(a.afterResponse), ms(c.afterResponse), ratio(a.afterResponse, c.afterResponse)]);
    line(['click → every answer in (the Org list and webhooks merged; Reload again)', ms(a.complete), ms(c.load), ratio(a.complete, c.load)]);
    line(['filter keystroke → table updated', ms(a.filter), ms(c.filter), ratio(a.filter, c.filter)]);
    line(['memory: JS heap + wasm', mb(a.mem.heap + a.mem.wasm), `${mb(c.mem.heap)} (JS heap)`, ratio(a.mem.heap + a.mem.wasm, c.mem.heap)]);
    line(['memory per Org', perOrg(a.mem.heap + a.mem.wasm, total), perOrg(c.mem.heap, total), '']);
    line(['first load, brotli -q 11', kb(split.first.total), kb(baselineSize), '']);

    if (scaled) {
      const [n1, n2] = [total, SCALE + HAND_MADE];
      const e = scaled.panel, f = scaled.paged;
      console.log(`\nThe panel against the paged plain-JS page at ${n1} and ${n2} Orgs, in this run\n`);
      line(['measurement', `panel, ${n1}`, `paged JS, ${n1}`, 'ratio', `panel, ${n2}`, `paged JS, ${n2}`, 'ratio']);
      line(['---', '---', '---', '---', '---', '---', '---']);
      const row = (label, pick, fmt) => line([label, fmt(pick(a)), fmt(pick(c)), ratio(pick(a), pick(c)), fmt(pick(e)), fmt(pick(f)), ratio(pick(e), pick(f))]);
      row('click → table ready (network included)', (x) => x.load, ms);
      row('search response → table interactive', (x) => x.afterResponse, ms);
      row('filter keystroke → table updated', (x) => x.filter, ms);
      const memOf = (x) => x.mem.heap + x.mem.wasm;
      row('memory: JS heap + wasm', memOf, mb);
      line(['memory per Org', perOrg(memOf(a), n1), perOrg(memOf(c), n1), '', perOrg(memOf(e), n2), perOrg(memOf(f), n2), '']);
      line(['click → every answer in (panel)', ms(a.complete), '', '', ms(e.complete), '', '']);
    }

    if (compared) {
      const d = compared;
      console.log(`\nTwo clusters of ${total} Orgs each compared (${total + 2} rows), against one cluster's Orgs table (part 1), in this run\n`);
      line(['measurement', 'comparison', 'one cluster', 'ratio']);
      line(['---', '---', '---', '---']);
      line(['click on Reload → comparison / table ready', ms(d.load), ms(a.load), ratio(d.load, a.load)]);
      line(['search response → comparison / table ready', ms(d.afterResponse), ms(a.afterResponse), ratio(d.afterResponse, a.afterResponse)]);
      line(['filter keystroke → comparison / table updated', ms(d.filter), ms(a.filter), ratio(d.filter, a.filter)]);
      line(['memory: JS heap + wasm (both clusters held)', mb(d.mem.heap + d.mem.wasm), mb(a.mem.heap + a.mem.wasm), ratio(d.mem.heap + d.mem.wasm, a.mem.heap + a.mem.wasm)]);
    }

    const s = slow.split, u = slow.unsplit;
    console.log(`\nSplit against unsplit on a slow link: ${slowTotal} Orgs, ${ITER} run(s) each, median; Chromium network emulation`
      + ` (${SLOW_LINK.downloadThroughput * 8 / 1e6} Mbit/s down, ${SLOW_LINK.uploadThroughput * 8 / 1e3} kbit/s up,`
      + ` ${SLOW_LINK.latency} ms latency, cache disabled), a fresh browser context each run.`
      + ` Times are the page's performance.now(): from navigation start, and from the click on Connect.`
      + ` The demo server sends files uncompressed, so the bytes are raw.\n`);
    line(['measurement', 'split', 'unsplit', 'ratio']);
    line(['---', '---', '---', '---']);
    line(['navigation → connect form usable', ms(s.form), ms(u.form), ratio(s.form, u.form)]);
    line([`Connect → table (${slowTotal} of ${slowTotal} Orgs, painted)`, ms(s.table), ms(u.table), ratio(s.table, u.table)]);
    line(['navigation → table, token typed at once', ms(s.whole), ms(u.whole), ratio(s.whole, u.whole)]);
    line(['bytes fetched before the form was usable', kb(s.formBytes), kb(u.formBytes), ratio(s.formBytes, u.formBytes)]);
    line(['bytes fetched by the time the table showed', kb(s.allBytes), kb(u.allBytes), ratio(s.allBytes, u.allBytes)]);
    line(['signed-in part already fetched at Connect', `${s.lazyAtClick} of ${ITER}`, 'n/a', '']);
    line(['first load, brotli -q 11 (for a compressing server)', kb(split.first.total), kb(unsplit.first.total), ratio(split.first.total, unsplit.first.total)]);
  } finally {
    if (browser) await browser.close();
    await stopServersAndWait();
  }
})().then(() => {
  console.log(`\nwall time: ${((Date.now() - started) / 1000).toFixed(1)} s (browser closed, demo servers stopped)`);
}, (e) => {
  console.error(e);
  process.exit(1);
});
