#!/usr/bin/env bash
# Installs what building, serving and testing the panel needs, at pinned versions.
# Idempotent: what is already there at the right version is skipped.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
command -v cc >/dev/null || missing+=(build-essential)
command -v pkg-config >/dev/null || missing+=(pkg-config)
[ -f /usr/include/openssl/ssl.h ] || missing+=(libssl-dev)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
command -v brotli >/dev/null || missing+=(brotli)
if [ ${#missing[@]} -gt 0 ]; then
  step "apt: ${missing[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup: wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
rustup component list --installed | grep -q '^clippy' || rustup component add clippy
rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt

mkdir -p "$TOOLS"
if ! "$TOOLS/bin/trunk" --version 2>/dev/null | grep -q " $TRUNK_VERSION\$"; then
  step "cargo install trunk $TRUNK_VERSION (about 11 minutes on 2 cores, once)"
  cargo install --locked trunk --version "$TRUNK_VERSION" --root "$TOOLS"
fi
if ! "$TOOLS/bin/wasm-bindgen" --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; then
  step "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 5 minutes, once)"
  # Not --locked: the CLI's own lockfile pins a yanked crate.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --root "$TOOLS"
fi
if ! "$TOOLS/bin/wasm-split-cli" --help >/dev/null 2>&1 || [ "$(cat "$TOOLS/wasm-split-cli.version" 2>/dev/null)" != "$WASM_SPLIT_VERSION" ]; then
  step "cargo install wasm_split_cli_support $WASM_SPLIT_VERSION (wasm-split-cli; about 2 minutes, once)"
  # Not --locked, like wasm-bindgen-cli: its lockfile is not needed to build it.
  cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --root "$TOOLS"
  echo "$WASM_SPLIT_VERSION" > "$TOOLS/wasm-split-cli.version"
fi
if ! "$TOOLS/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "version $BINARYEN_VERSION"; then
  step "npm binaryen@$BINARYEN_VERSION (wasm-opt)"
  npm install --prefix "$TOOLS" --no-audit --no-fund "binaryen@$BINARYEN_VERSION"
fi
if ! "$TOOLS/node_modules/.bin/terser" --version 2>/dev/null | grep -q "terser $TERSER_VERSION\$"; then
  step "npm terser@$TERSER_VERSION (minifies the JavaScript of the release build)"
  npm install --prefix "$TOOLS" --no-audit --no-fund "terser@$TERSER_VERSION"
fi
if [ ! -f e2e/node_modules/.package-lock.json ] || [ e2e/package-lock.json -nt e2e/node_modules/.package-lock.json ]; then
  step "npm ci in e2e/ (Playwright, no browser download: Debian's Chromium is used)"
  (cd e2e && npm ci --no-audit --no-fund)
fi
cargo fetch --quiet
