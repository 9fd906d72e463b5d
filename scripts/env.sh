# Sourced by the other scripts: where the pinned tools live, and their versions.
# Tools are installed outside the repository so that every clone shares them.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TOOLS=${TSPANEL_TOOLS:-$HOME/.local/share/tspanel-tools}
TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132
WASM_SPLIT_VERSION=0.2.4
TERSER_VERSION=5.51.4
# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' "$ROOT/Cargo.lock")
export PATH="$TOOLS/bin:$TOOLS/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
export CHROMIUM=${CHROMIUM:-/usr/lib/chromium/chromium}
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# The panel's dev server port (the demo server is on 8787, as Trunk.toml's proxy says).
PANEL_PORT=${PANEL_PORT:-8080}

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
