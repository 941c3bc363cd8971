// The benchmark's floor: boot Pyodide in a module worker exactly as the widgets do
// (same runtime folder, same kind of worker) and load no package. Loaded directly by
// `make bench`, never reached through instant navigation (the page is not in the nav),
// so it runs once at load rather than from document$.
const root = document.querySelector("[data-bench-bare]");
const status = root.querySelector("[data-bench-status]");
const elapsed = root.querySelector("[data-bench-ms]");
// Site-relative, like the widgets' data-pyodide-index: this page is <site>/bench/.
const SITE_ROOT = new URL("../", import.meta.url);
const indexURL = new URL(root.dataset.pyodideIndex, SITE_ROOT).href;

const worker = new Worker(new URL("bare-worker.mjs", import.meta.url), { type: "module" });
status.textContent = "starting";
worker.addEventListener("message", (event) => {
  if (event.data?.type === "progress") return; // start-up stages: for the benchmark's probe
  const { ok, message } = event.data ?? {};
  // "ready" is what the benchmark waits for; the time is since the navigation started.
  elapsed.textContent = `${Math.round(performance.now())} ms`;
  status.textContent = ok ? "ready" : `failed: ${message}`;
  // As on the tool pages, the site's service worker installs only now (sw-register.js).
  document.dispatchEvent(new CustomEvent("followup:python-settled"));
});
worker.addEventListener("error", (event) => {
  event.preventDefault();
  status.textContent = "failed: the worker could not start";
});
worker.postMessage({ indexURL });
