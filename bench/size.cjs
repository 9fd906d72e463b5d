// The first-load budget: what the browser fetches before the connect form is
// usable (index.html, the CSS, boot.js, the JavaScript glue, the first wasm
// and the split loader), compressed with brotli -q 11. The signed-in part
// (split_*.wasm and its styles, split_*.css) is fetched after that and is
// printed, not judged. Bytes are
// deterministic, so this is a test: it fails above the goal.
//   node bench/size.cjs [DIST]        (default: dist/, as `./run build` makes it)
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const GOAL = 120_000;
const dist = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'dist'));
const brotli = (file) =>
  zlib.brotliCompressSync(fs.readFileSync(file), { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

const files = [];
(function walk(dir) {
  for (const f of fs.readdirSync(dir).sort()) {
    const p = path.join(dir, f);
    if (fs.statSync(p).isDirectory()) walk(p);
    else if (/\.(wasm|js|css|html)$/.test(f)) files.push(p);
  }
})(dist);
const lazy = (f) => /^split_.*\.(wasm|css)$/.test(path.basename(f));
if (!files.some(lazy)) {
  console.error(`FAILED: ${dist} holds no split part: build it with ./run build`);
  process.exit(1);
}
let first = 0;
let later = 0;
for (const f of files) {
  const raw = fs.statSync(f).size;
  const br = brotli(f);
  if (lazy(f)) later += br;
  else first += br;
  console.log(`${path.relative(dist, f).padEnd(56)} ${String(raw).padStart(8)} B raw  ${String(br).padStart(7)} B brotli  ${lazy(f) ? 'after Connect' : 'first load'}`);
}
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
console.log(`first load: ${first} B (${kb(first)}) brotli, goal ${GOAL} B; the signed-in part: ${later} B (${kb(later)}); all: ${first + later} B (${kb(first + later)})`);
if (first > GOAL) {
  console.error(`FAILED: the first load is ${first - GOAL} B over the ${GOAL} B goal`);
  process.exit(1);
}
