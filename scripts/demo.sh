#!/usr/bin/env bash
# Runs the panel against two demo ThoughtSpot clusters: the first on
# 127.0.0.1:$PANEL_PORT, which also serves the panel (a release build in one
# file, in target/demo-site/: dist/ is left as ./run build left it), so the
# panel reaches it with the host left empty; and a second, different cluster
# (`--variant second`, an older release) on 127.0.0.1:8788, which the panel
# reaches cross-origin, to compare the two and promote settings between them.
# It needs only wasm-bindgen-cli compiled (setup.sh demo), not trunk.
# Extra arguments go to the first demo server (e.g. --orgs 10000 --latency-ms 300);
# a --token or --orgs among them goes to the second too, so that one token
# connects both and two large clusters can be compared.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
"$ROOT/scripts/setup.sh" demo

SECOND_PORT=8788
SECOND_RELEASE=26.4.0.cl
token=demo-admin-token
orgs=0
args=("$@")
for i in "${!args[@]}"; do
  case "${args[$i]}" in
    --token=*) token=${args[$i]#--token=} ;;
    --token) token=${args[$((i + 1))]:-$token} ;;
    --orgs=*) orgs=${args[$i]#--orgs=} ;;
    --orgs) orgs=${args[$((i + 1))]:-$orgs} ;;
  esac
done

site=target/demo-site
bash scripts/build.sh --unsplit --out "$site"
step "building the demo server"
cargo build -p demo-server --quiet
servers=()
trap 'kill "${servers[@]}" 2>/dev/null' EXIT INT TERM
./target/debug/demo-server --listen "127.0.0.1:$PANEL_PORT" --static-dir "$site" "$@" &
servers+=($!)
sleep 0.5
kill -0 "${servers[0]}" 2>/dev/null || { echo "the demo server did not start (is port $PANEL_PORT taken?)"; exit 1; }
# The second cluster's lines are marked, since both print the same logins.
./target/debug/demo-server --listen "127.0.0.1:$SECOND_PORT" --variant second \
  --release "$SECOND_RELEASE" --token "$token" --orgs "$orgs" \
  --cors-origins "http://127.0.0.1:$PANEL_PORT,http://localhost:$PANEL_PORT" \
  > >(sed -u 's/^/[second] /') 2>&1 &
servers+=($!)
sleep 0.5
kill -0 "${servers[1]}" 2>/dev/null || { echo "the second demo server did not start (is port $SECOND_PORT taken?)"; exit 1; }

cat <<MSG

  Panel:  http://127.0.0.1:$PANEL_PORT/
  First cluster:   connect with the host left empty and the bearer token  $token
                   or sign in as  admin / demo-password  (or any login printed above; same password).
  Second cluster:  host  http://127.0.0.1:$SECOND_PORT  (release $SECOND_RELEASE), the same token
                   $token  or the same logins.
  Stop both with Ctrl+C.

MSG
wait "${servers[0]}"
