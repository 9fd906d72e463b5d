#!/usr/bin/env bash
# Runs the panel against the demo ThoughtSpot server: the server on
# 127.0.0.1:8787, and `trunk serve` on 127.0.0.1:$PANEL_PORT, which forwards /api/
# to it (the [[proxy]] of Trunk.toml).
# Extra arguments go to the demo server (e.g. --orgs 10000 --latency-ms 300).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
"$ROOT/scripts/setup.sh"

step "building the demo server"
cargo build -p demo-server --quiet
./target/debug/demo-server --listen "127.0.0.1:8787" "$@" &
server=$!
trap 'kill $server 2>/dev/null' EXIT INT TERM
sleep 0.5
kill -0 $server 2>/dev/null || { echo "the demo server did not start (is port 8787 taken?)"; exit 1; }

cat <<MSG

  Panel:  http://127.0.0.1:$PANEL_PORT/   (the first build takes a minute or two)
  Connect with the host left empty and the bearer token  demo-admin-token
  or sign in as  admin / demo-password  (or any login printed above; same password).
  Stop with Ctrl+C.

MSG
step "trunk serve"
trunk serve --offline --skip-version-check --port "$PANEL_PORT"
