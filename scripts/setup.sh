#!/usr/bin/env bash
# Installs what building, serving and testing the panel needs, at pinned versions.
# Idempotent: what is already there at the right version is skipped.
#   setup.sh          everything (./run setup, ./run bench)
#   setup.sh demo     only what ./run demo needs (no browser, no trunk, no
#                     wasm-split-cli, no Playwright)
#   setup.sh test     everything but trunk (./run test installs trunk
#                     alongside its first steps: only its last one needs it)
#   setup.sh trunk    trunk only
# Where the time goes on a fresh machine: the three tools compiled from
# crates.io. They are built for a fast compile, not for speed (their speed
# hardly matters here), in one shared target directory so that the crates they
# have in common compile once; the apt and npm installs run meanwhile.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
what=${1:-all}
case "$what" in all|demo|test|trunk) ;; *) echo "setup: unknown part $what" >&2; exit 2 ;; esac
want() { for w in "$@"; do [ "$what" = "$w" ] && return 0; done; return 1; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
started=$SECONDS

missing=()
command -v cc >/dev/null || missing+=(build-essential)
command -v pkg-config >/dev/null || missing+=(pkg-config)
[ -f /usr/include/openssl/ssl.h ] || missing+=(libssl-dev)
if want all test; then
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
  command -v brotli >/dev/null || missing+=(brotli)
fi
# The C toolchain is needed before anything compiles; the browser is not.
needed_now=()
later=()
for p in "${missing[@]}"; do
  case "$p" in build-essential|pkg-config|libssl-dev) needed_now+=("$p") ;; *) later+=("$p") ;; esac
done
apt_install() {
  as_root apt-get update -q >/dev/null
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null
}
if [ ${#needed_now[@]} -gt 0 ]; then
  step "apt: ${needed_now[*]}"
  apt_install "${needed_now[@]}"
fi

mkdir -p "$TOOLS"
# The installs that need no compiler run alongside the compiles below.
side_log="$TOOLS/setup-side.log"
side() {
  set -e
  want trunk && return 0
  if [ ${#later[@]} -gt 0 ]; then
    echo "apt: ${later[*]}"
    apt_install "${later[@]}"
  fi
  if ! "$TOOLS/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "version $BINARYEN_VERSION"; then
    echo "npm binaryen@$BINARYEN_VERSION (wasm-opt)"
    npm install --prefix "$TOOLS" --no-audit --no-fund "binaryen@$BINARYEN_VERSION"
  fi
  if ! "$TOOLS/node_modules/.bin/terser" --version 2>/dev/null | grep -q "terser $TERSER_VERSION\$"; then
    echo "npm terser@$TERSER_VERSION (minifies the JavaScript of the release build)"
    npm install --prefix "$TOOLS" --no-audit --no-fund "terser@$TERSER_VERSION"
  fi
  if want all test; then
    if [ ! -f e2e/node_modules/.package-lock.json ] || [ e2e/package-lock.json -nt e2e/node_modules/.package-lock.json ]; then
      echo "npm ci in e2e/ (Playwright, no browser download: Debian's Chromium is used)"
      (cd e2e && npm ci --no-audit --no-fund)
    fi
  fi
  cargo fetch --quiet
}
side >"$side_log" 2>&1 &
side_pid=$!

if ! want trunk && ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup: wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
if want all test; then
  rustup component list --installed | grep -q '^clippy' || rustup component add clippy
  rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt
fi

# A profile that compiles fast; one target directory for all three tools.
tool_install() {
  CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_LTO=false \
    CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 CARGO_PROFILE_RELEASE_DEBUG=false \
    CARGO_PROFILE_RELEASE_INCREMENTAL=false CARGO_PROFILE_RELEASE_STRIP=false \
    CARGO_TARGET_DIR="$TOOLS/build" \
    cargo install --quiet --root "$TOOLS" "$@"
}
if ! want trunk && ! "$TOOLS/bin/wasm-bindgen" --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; then
  step "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 2 minutes on 2 cores, once)"
  # Not --locked: the CLI's own lockfile pins a yanked crate.
  tool_install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi
if want all test; then
  if ! "$TOOLS/bin/wasm-split-cli" --help >/dev/null 2>&1 || [ "$(cat "$TOOLS/wasm-split-cli.version" 2>/dev/null)" != "$WASM_SPLIT_VERSION" ]; then
    step "cargo install wasm_split_cli_support $WASM_SPLIT_VERSION (wasm-split-cli; about 1 minute, once)"
    # Not --locked, like wasm-bindgen-cli: its lockfile is not needed to build it.
    tool_install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary
    echo "$WASM_SPLIT_VERSION" > "$TOOLS/wasm-split-cli.version"
  fi
fi
if want all trunk && ! "$TOOLS/bin/trunk" --version 2>/dev/null | grep -q " $TRUNK_VERSION\$"; then
  step "cargo install trunk $TRUNK_VERSION (about 5 minutes on 2 cores, once)"
  tool_install --locked trunk --version "$TRUNK_VERSION"
fi
if ! wait "$side_pid"; then
  cat "$side_log"
  echo "setup: the apt or npm installs failed (log above)" >&2
  exit 1
fi
# The tools' build directory is only needed while installing (a trunk install
# running alongside ./run test still uses it).
want all trunk && rm -rf "$TOOLS/build"
[ $((SECONDS - started)) -gt 5 ] && echo "setup: done in $((SECONDS - started)) s"
exit 0
