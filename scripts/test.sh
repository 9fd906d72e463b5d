#!/usr/bin/env bash
# Every check the project has, in order; stops at the first failure and ends
# with a summary line. Run it through `./run test`.
set -uo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
"$ROOT/scripts/setup.sh" test || { echo "test summary: setup failed"; exit 1; }
# Only the last step needs trunk: it compiles meanwhile (once).
trunk_log=target/setup-trunk.log
mkdir -p target
bash "$ROOT/scripts/setup.sh" trunk >"$trunk_log" 2>&1 &
trunk_pid=$!
trap 'kill "$trunk_pid" 2>/dev/null || true' EXIT
trunk_ready() {
  wait "$trunk_pid" || { cat "$trunk_log"; return 1; }
}

passed=()
started=$SECONDS
run() {
  local name=$1; shift
  step "$name"
  local t0=$SECONDS
  if "$@"; then
    passed+=("$name ($((SECONDS - t0)) s)")
  else
    echo
    echo "FAILED: $name"
    printf 'passed before it: %s\n' "${passed[@]:-none}"
    echo "test summary: FAILED at '$name' after ${#passed[@]} passing steps ($((SECONDS - started)) s)"
    exit 1
  fi
}

run "cargo fmt --check" cargo fmt --all -- --check
run "clippy (host)" cargo clippy --workspace --all-targets --quiet -- -D warnings
run "clippy (wasm32)" cargo clippy -p ts-channels-panel --target wasm32-unknown-unknown --all-targets --quiet -- -D warnings
run "host tests (model, api parsing, demo server)" cargo test --workspace
run "browser tests (wasm-bindgen-test, headless Chromium)" cargo test -p ts-channels-panel --target wasm32-unknown-unknown
run "release build, split (./run build)" bash scripts/build.sh
run "first-load size budget (brotli, 120 KB)" node bench/size.cjs
run "release build under a sub-path (/tools/channels/)" bash scripts/build.sh --public-url /tools/channels/ --out target/dist-subpath
run "release build, unsplit (what ./run demo serves; the benchmark's comparison)" bash scripts/build.sh --unsplit --out target/dist-unsplit
run "demo server build" cargo build -p demo-server --quiet
run "end-to-end tests (Playwright against dist/ and the demo server)" bash -c "cd e2e && npx playwright test"
run "benchmark smoke run (1,000 Orgs, 1 iteration; timings not judged)" node bench/bench.cjs --orgs 1000 --iterations 1 --port 8798 --compare
run "trunk installed (alongside the steps above)" trunk_ready
run "trunk serve (the development server) builds and serves the panel" bash scripts/trunk-serve-check.sh

echo
printf '  ok  %s\n' "${passed[@]}"
echo "test summary: all ${#passed[@]} steps passed in $((SECONDS - started)) s"
