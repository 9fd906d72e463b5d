#!/usr/bin/env bash
# `trunk serve` (the development server, for working on the panel) still
# builds and serves it: the page with its security headers, the wasm it
# names, and /api/ forwarded to a demo server on 127.0.0.1:8787 (the
# [[proxy]] of Trunk.toml). It builds into target/trunk-serve/, not dist/.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
port=${TRUNK_CHECK_PORT:-8091}
token=trunk-check-token
log=target/trunk-serve.log
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
./target/debug/demo-server --listen 127.0.0.1:8787 --token "$token" >/dev/null 2>&1 &
pids+=($!)
trunk serve --offline --skip-version-check --port "$port" --dist target/trunk-serve >"$log" 2>&1 &
pids+=($!)
base="http://127.0.0.1:$port"
fail() { echo "trunk serve check: $*" >&2; tail -20 "$log" >&2; exit 1; }
# The first build compiles the panel (about a minute when nothing is cached).
for _ in $(seq 1 600); do
  curl -sf "$base/" -o target/trunk-serve-index.html 2>/dev/null && grep -q '_bg.wasm' target/trunk-serve-index.html && break
  kill -0 "${pids[1]}" 2>/dev/null || fail "trunk serve exited"
  sleep 1
done
grep -q '_bg.wasm' target/trunk-serve-index.html 2>/dev/null || fail "no page naming the wasm within 600 s"
headers=$(curl -sfI "$base/")
grep -qi "^content-security-policy:.*frame-ancestors 'none'" <<<"$headers" || fail "the page lacks the CSP header with frame-ancestors 'none'"
grep -qi '^x-frame-options: DENY' <<<"$headers" || fail "the page lacks X-Frame-Options: DENY"
wasm=$(grep -o 'data-wasm="[^"]*"' target/trunk-serve-index.html | head -1 | cut -d'"' -f2)
[ -n "$wasm" ] || fail "the page names no wasm for boot.js"
curl -sf "$base$wasm" -o target/trunk-serve-check.wasm || fail "$wasm is not served"
magic=$(head -c 4 target/trunk-serve-check.wasm | od -An -tx1 | tr -d ' ')
[ "$magic" = 0061736d ] || fail "$wasm is not a wasm module (starts with $magic)"
boot=$(curl -sf "$base/boot.js") || fail "boot.js is not served"
grep -q 'data' <<<"$boot" || fail "boot.js is not the loader"
user=$(curl -sf -H "Authorization: Bearer $token" "$base/api/rest/2.0/auth/session/user") ||
  fail "/api/ is not forwarded to the demo server on 8787"
grep -q '"name"' <<<"$user" || fail "the forwarded answer is not a session user: $user"
echo "trunk serve: the page (CSP and framing headers), $wasm, boot.js and /api/ through the proxy: ok"
