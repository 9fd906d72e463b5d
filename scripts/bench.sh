#!/usr/bin/env bash
# The benchmark: a release build, the demo server with 10,000 generated Orgs,
# and headless Chromium timing the panel against a plain-JavaScript page that
# builds every row. Prints a table. Flags go to bench/bench.cjs
# (e.g. --orgs 1000 --iterations 1 for a smoke run).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
"$ROOT/scripts/setup.sh"
step "release build"
trunk build --release --offline --skip-version-check
step "demo server build"
cargo build -p demo-server --quiet
step "benchmark"
node bench/bench.cjs --orgs 10000 --iterations 7 "$@"
