// The benchmark's floor: boot Pyodide in a module worker exactly as the widgets do
// (same runtime folder, same kind of worker) and load no package. Loaded directly by
// `make bench`, never reached through instant navigation (the page is not in the nav),
// so it runs once at load rather than from document$.
import { Notice, PageEvent } from "../javascripts/followup/protocol.mjs";
import { bootOptions } from "../javascripts/followup/python-client.mjs";

const root = document.querySelector("[data-bench-bare]");
const status = root.querySelector("[data-bench-status]");
const elapsed = root.querySelector("[data-bench-ms]");
// The widgets' own start-up options: the same runtime folder.
const { indexURL } = bootOptions(root);

const worker = new Worker(new URL("bare-worker.mjs", import.meta.url), { type: "module" });
status.textContent = "starting";
worker.addEventListener("message", (event) => {
  if (event.data?.type === Notice.progress) return; // start-up stages: for the benchmark's probe
  const { ok, message } = event.data ?? {};
  // "ready" is what the benchmark waits for; the time is since the navigation started.
  elapsed.textContent = `${Math.round(performance.now())} ms`;
  status.textContent = ok ? "ready" : `failed: ${message}`;
  // As on the tool pages, the site's service worker installs only now (sw-register.mjs).
  document.dispatchEvent(new CustomEvent(PageEvent.settled));
});
worker.addEventListener("error", (event) => {
  event.preventDefault();
  status.textContent = "failed: the worker could not start";
});
worker.postMessage({ indexURL });
