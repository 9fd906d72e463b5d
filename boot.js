// Starts the app. A file of its own (not an inline script) so that the page's
// Content-Security-Policy can forbid inline scripts.
const tag = document.querySelector('script[data-js][data-wasm]');
const { default: init } = await import(tag.dataset.js);
const wasm = await init({ module_or_path: tag.dataset.wasm });
// Read by the benchmark to report the app's memory; it holds no data of its own.
window.tspWasmMemory = wasm.memory;
// The signed-in part's styles (a file of their own in the release build),
// fetched once the connect screen is up.
if (tag.dataset.css) {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = tag.dataset.css;
  document.head.append(link);
}
