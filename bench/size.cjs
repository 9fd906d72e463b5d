// The first-load budget: every file of dist/ the page loads, compressed with
// brotli -q 11. Bytes are deterministic, so this is a test: it prints the
// figures and fails when the total passes the ceiling.
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

// The goal is 120 KB; the build is not there yet (see the README). The ceiling
// stops it from growing unnoticed (say, a dependency pulling in a large crate):
// it moves only with a feature, by that feature's measured cost, written down
// in the README's size table.
const GOAL = 120_000;
const CEILING = 280_000;

const dist = path.resolve(__dirname, '..', 'dist');
let total = 0;
for (const f of fs.readdirSync(dist).sort()) {
  if (!/\.(wasm|js|css|html)$/.test(f)) continue;
  const raw = fs.readFileSync(path.join(dist, f));
  const br = zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  total += br;
  console.log(`${f.padEnd(48)} ${String(raw.length).padStart(8)} B raw  ${String(br).padStart(7)} B brotli`);
}
const gap = total - GOAL;
console.log(`first load: ${total} B brotli; goal ${GOAL} B (${gap > 0 ? `over by ${gap}` : `under by ${-gap}`}); ceiling ${CEILING} B`);
if (total > CEILING) {
  console.error(`FAILED: the first load grew past the ${CEILING} B ceiling`);
  process.exit(1);
}
