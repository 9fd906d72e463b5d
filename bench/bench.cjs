// The panel against a plain-JavaScript page that builds every row, both in the
// same headless Chromium against the same demo server in one run.
//   node bench/bench.cjs [--orgs 10000] [--iterations 7] [--port 8796]
// Expects a release build in dist/ and a built demo server (./run bench does both).
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { chromium } = require('../e2e/node_modules/playwright-core');

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const ORGS = Number(args.orgs ?? 10000);
const ITER = Number(args.iterations ?? 7);
const PORT = Number(args.port ?? 8796);
const TOKEN = 'bench-token';
const ROOT = path.resolve(__dirname, '..');
const BASE = `http://127.0.0.1:${PORT}`;

function site() {
  const dir = path.join(ROOT, 'target', 'bench-site');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const f of fs.readdirSync(path.join(ROOT, 'dist'))) {
    const p = path.join(ROOT, 'dist', f);
    if (fs.statSync(p).isFile()) fs.copyFileSync(p, path.join(dir, f));
  }
  for (const f of ['baseline.html', 'baseline.js']) fs.copyFileSync(path.join(__dirname, f), path.join(dir, f));
  return dir;
}

const brotli = (buf) => zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

function sizes() {
  const dist = path.join(ROOT, 'dist');
  const out = { wasm: 0, js: 0, css: 0, html: 0 };
  for (const f of fs.readdirSync(dist)) {
    const kind = f.endsWith('.wasm') ? 'wasm' : f.endsWith('.js') ? 'js' : f.endsWith('.css') ? 'css' : f.endsWith('.html') ? 'html' : null;
    if (kind) out[kind] += brotli(fs.readFileSync(path.join(dist, f)));
  }
  const baseline = ['baseline.html', 'baseline.js'].reduce((n, f) => n + brotli(fs.readFileSync(path.join(__dirname, f))), 0);
  return { ...out, total: out.wasm + out.js + out.css + out.html, baseline };
}

async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`${BASE}/__demo/state`);
      if (r.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the demo server did not start');
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// Runs in the page: clicks or types, then waits for the page's own marks.
async function timed(page, action) {
  return page.evaluate(async ({ kind, selector, value }) => {
    const wait = (name) =>
      new Promise((resolve, reject) => {
        const obs = new PerformanceObserver((list) => {
          for (const e of list.getEntries()) if (e.name === name) { obs.disconnect(); resolve(e.startTime); }
        });
        obs.observe({ entryTypes: ['mark'] });
        setTimeout(() => { obs.disconnect(); reject(new Error(`no ${name} mark within 60 s`)); }, 60000);
      });
    performance.clearMarks();
    if (kind === 'load') {
      const received = wait('tsp-search-received');
      const ready = wait('tsp-table-ready');
      const t0 = performance.now();
      document.querySelector(selector).click();
      const [r, t] = await Promise.all([received, ready]);
      return { total: t - t0, afterResponse: t - r };
    }
    const ready = wait('tsp-filter-ready');
    const el = document.querySelector(selector);
    const t0 = performance.now();
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
    return { total: (await ready) - t0 };
  }, action);
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

async function measure(page, loadSelector, filterSelector) {
  const load = [], afterResponse = [], filter = [];
  await timed(page, { kind: 'load', selector: loadSelector }); // warm-up
  for (let i = 0; i < ITER; i++) {
    const r = await timed(page, { kind: 'load', selector: loadSelector });
    load.push(r.total);
    afterResponse.push(r.afterResponse);
    for (const q of QUERIES) filter.push((await timed(page, { kind: 'filter', selector: filterSelector, value: q })).total);
  }
  return { load: median(load), afterResponse: median(afterResponse), filter: median(filter), mem: await memory(page) };
}

(async () => {
  const dir = site();
  const server = spawn(path.join(ROOT, 'target', 'debug', 'demo-server'),
    ['--listen', `127.0.0.1:${PORT}`, '--static-dir', dir, '--orgs', String(ORGS), '--token', TOKEN], { stdio: 'ignore' });
  let browser;
  try {
    await waitForServer();
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/lib/chromium/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--enable-precise-memory-info', '--js-flags=--expose-gc'],
    });
    const total = ORGS + 15;

    const ours = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await ours.goto(`${BASE}/`);
    await ours.fill('#token', TOKEN);
    await ours.click('button[type=submit]');
    await ours.waitForFunction((n) => document.querySelector('[data-testid=org-count]')?.textContent === `${n} of ${n} Orgs`, total);
    const a = await measure(ours, '[data-testid=reload]', '#org-filter');

    const plain = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await plain.goto(`${BASE}/baseline.html`);
    await plain.evaluate((t) => { window.benchToken = t; }, TOKEN);
    const b = await measure(plain, '#load', '#filter');
    const rows = await plain.evaluate(() => document.querySelectorAll('#rows tr').length);
    if (rows !== total) throw new Error(`the baseline built ${rows} rows, expected ${total}`);

    const s = sizes();
    const kb = (n) => (n / 1000).toFixed(1) + ' KB';
    const ms = (n) => n.toFixed(1) + ' ms';
    const mb = (n) => (n / 1e6).toFixed(1) + ' MB';
    const line = (cells) => console.log('| ' + cells.join(' | ') + ' |');
    console.log(`\nBenchmark: ${total} Orgs, ${ITER} iteration(s), median of each (Chromium ${browser.version()})\n`);
    line(['measurement', 'panel', 'plain JS', 'ratio', 'target']);
    line(['---', '---', '---', '---', '---']);
    line(['click → table ready (network included)', ms(a.load), ms(b.load), (a.load / b.load).toFixed(2), '']);
    line(['search response → table interactive', ms(a.afterResponse), ms(b.afterResponse), (a.afterResponse / b.afterResponse).toFixed(2), '≤ 0.50']);
    line(['filter keystroke → table updated', ms(a.filter), ms(b.filter), (a.filter / b.filter).toFixed(2), '≤ 0.50']);
    line(['memory: JS heap + wasm', `${mb(a.mem.heap + a.mem.wasm)} (${mb(a.mem.heap)} + ${mb(a.mem.wasm)})`, `${mb(b.mem.heap)} (JS heap)`, '', '≤ 40 MB']);
    line(['first load, brotli -q 11', `${kb(s.total)} (wasm ${kb(s.wasm)}, js ${kb(s.js)}, css ${kb(s.css)}, html ${kb(s.html)})`, kb(s.baseline), '', '≤ 120 KB']);
  } finally {
    if (browser) await browser.close();
    server.kill();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
