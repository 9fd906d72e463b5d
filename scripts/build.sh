#!/usr/bin/env bash
# The release build: the panel in two wasm parts, the connect screen (the first
# load) and everything shown after Connect (fetched in the background as soon
# as the connect screen has rendered), as a static site.
#   ./run build [--public-url /sub/path/] [--out DIR] [--unsplit]
#     (default: / and dist/)
# Trunk cannot do this (the split must happen between cargo and wasm-bindgen):
# cargo (relocations kept) → wasm-split-cli → wasm-bindgen → wasm-opt -Oz on
# every part → terser on the JavaScript → dist/index.html from index.html.
# --unsplit: one wasm file, otherwise the same (what ./run demo serves, and
# the benchmark's comparison): it needs no wasm-split-cli.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
public_url=/
out=dist
mode=split
while [ $# -gt 0 ]; do
  case "$1" in
    --public-url) public_url=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --unsplit) mode=unsplit; shift ;;
    *) echo "build: unknown argument $1" >&2; exit 2 ;;
  esac
done
case "$public_url" in */) ;; *) public_url="$public_url/" ;; esac

target_dir=${CARGO_TARGET_DIR:-$ROOT/target}
name=ts-channels-panel
work="$target_dir/build-$mode"
rm -rf "$work"
mkdir -p "$work/split"
bindgen() {
  wasm-bindgen --target web --no-demangle --no-typescript \
    --out-name "$name" --out-dir "$work/split" "$@"
}
case "$mode" in
  split)
    step "cargo: the panel for wasm32, split point enabled"
    cargo rustc -p "$name" --bin "$name" --release --target wasm32-unknown-unknown \
      --features split --quiet -- -Clink-args=--emit-relocs
    step "wasm-split-cli, wasm-bindgen, wasm-opt, terser"
    wasm-split-cli --target web --out-name "$name" \
      "$target_dir/wasm32-unknown-unknown/release/$name.wasm" "$work/split"
    bindgen --keep-lld-exports "$work/split/$name.wasm"
    rm "$work/split/$name.wasm"
    ;;
  unsplit)
    step "cargo: the panel for wasm32, one file"
    cargo build -p "$name" --bin "$name" --release --target wasm32-unknown-unknown --quiet
    step "wasm-bindgen, wasm-opt, terser"
    bindgen "$target_dir/wasm32-unknown-unknown/release/$name.wasm"
    ;;
esac
for w in "$work"/split/*.wasm; do
  wasm-opt -Oz "$w" -o "$w"
done
for j in "$work"/split/*.js; do
  terser "$j" --module --compress --mangle --output "$j"
done

# Everything but index.html goes to a folder named after its content, so a
# new build never meets an old file in a cache.
hash=$(cat "$work"/split/* style/main.css style/panel.css boot.js | sha256sum | cut -c1-16)
pkg="pkg-$hash"
rm -rf "$out"
mkdir -p "$out/$pkg"
cp "$work"/split/* boot.js "$out/$pkg/"
# The connect screen's styles come with the first load; the rest
# (split_panel.css) with the signed-in part, added to the page as it is fetched.
node -e '
  const fs = require("fs");
  const [dir] = process.argv.slice(1);
  for (const [from, to] of [["style/main.css", "main.css"], ["style/panel.css", "split_panel.css"]]) {
    const css = fs.readFileSync(from, "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "").replace(/\s*([{};:,>])\s*/g, "$1").replace(/\s+/g, " ").trim();
    fs.writeFileSync(`${dir}/${to}`, css);
  }
' "$out/$pkg"
node -e '
  const fs = require("fs");
  const [out, base, pkg, name] = process.argv.slice(1);
  const at = `${base}${pkg}/`;
  const head = [
    `<link rel="stylesheet" href="${at}main.css" />`,
    `<link rel="modulepreload" href="${at}${name}.js" />`,
    `<link rel="preload" href="${at}${name}_bg.wasm" as="fetch" type="application/wasm" crossorigin />`,
    `<script type="module" src="${at}boot.js" data-js="${at}${name}.js" data-wasm="${at}${name}_bg.wasm" data-css="${at}split_panel.css"></script>`,
  ].join("\n    ");
  let html = fs.readFileSync("index.html", "utf8");
  const trunkLinks = /\s*<link data-trunk[^>]*>/g;
  if ((html.match(trunkLinks) || []).length !== 4) throw new Error("index.html: expected four data-trunk links");
  html = html.replace(trunkLinks, "").replace("</head>", `    ${head}\n  </head>`);
  fs.writeFileSync(`${out}/index.html`, html);
' "$out" "$public_url" "$pkg" "$name"
echo "$mode build: $out/ (assets in $out/$pkg/, public URL $public_url)"
