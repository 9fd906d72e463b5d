#!/usr/bin/env bash
# The benchmark: the release builds (split and unsplit), the demo server with
# 10,000 generated Orgs, and headless Chromium timing the panel against two
# plain-JavaScript pages (one builds every row, one pages like the panel), and
# the split build against the unsplit one on a throttled link. Prints tables. Flags go to bench/bench.cjs
# (e.g. --orgs 1000 --iterations 1 for a smoke run).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
"$ROOT/scripts/setup.sh"
step "release builds: split (dist/) and unsplit (target/dist-unsplit/)"
bash scripts/build.sh
bash scripts/build.sh --unsplit --out target/dist-unsplit
step "demo server build"
cargo build -p demo-server --quiet
step "benchmark"
node bench/bench.cjs --orgs 10000 --iterations 7 "$@"
