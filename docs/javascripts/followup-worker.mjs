// The Python side of the widgets: a module Web Worker (Pyodide 314 refuses classic
// workers) that boots Pyodide from the site's own /pyodide/ folder, loads the
// `followup` wheel and answers run requests with plain JSON.
//
// Protocol (page -> worker):  {id, type: "init", payload: {indexURL, lockURL, snapshotURL?}}
//                             {id, type: "run",  payload: <form data object>}
//           (worker -> page):  {type: "progress", stage}  stage: downloading |
//                              starting Python | loading the packages | ready
//                             {id, ok: true, result} | {id, ok: false, errors: [{field, message}]}
//                             (init's result: {ready: true, python: "snapshot" | "normal",
//                              snapshotProblem?: why a cached snapshot was not used})
//                             {type: "failed", message}   Python could not start at all

// Pyodide reports some start-up failures with console.error and then carries on (or
// hangs). Every failure here is caught and shown in the page, so console.error would
// only duplicate it as an alarming red line: downgrade it to a warning in this worker.
console.error = (...args) => console.warn(...args);

// Pyodide also swallows a failed WebAssembly start (blocked by the CSP, a wrong MIME
// type, a broken file): it warns "wasm instantiation failed!" and then never finishes.
// Watch for that warning so the page can say so instead of waiting forever.
const realWarn = console.warn.bind(console);
let wasmFailed = false;
console.warn = (...args) => {
  if (args[0] === "wasm instantiation failed!") {
    wasmFailed = true;
  } else if (wasmFailed) {
    wasmFailed = false;
    startupFailed(`WebAssembly could not start (${String(args[0]?.message ?? args[0])}).`);
  }
  realWarn(...args);
};

let watchedPrefixes = []; // URL prefixes of the runtime and of the wheels, set by init
let startupFailed = null; // resolves the "a Pyodide file failed to download" race

const failure = new Promise((resolve) => {
  startupFailed = resolve;
});

// Pyodide does not reject when pyodide.asm.wasm fails to download (it logs a warning
// and never finishes), so watch the fetches it makes for our files and fail early.
const realFetch = globalThis.fetch.bind(globalThis);
globalThis.fetch = async (resource, options) => {
  const url = String(resource instanceof Request ? resource.url : resource);
  const watched = watchedPrefixes.some((prefix) => url.startsWith(prefix));
  try {
    const response = await realFetch(resource, options);
    if (watched && !response.ok) {
      startupFailed(`${fileName(url)} could not be downloaded (HTTP ${response.status}).`);
    }
    return response;
  } catch (error) {
    if (!watched) throw error;
    startupFailed(`${fileName(url)} could not be downloaded.`);
    // Pyodide starts some downloads long before it awaits them: a rejected promise
    // would surface as an uncaught error. An HTTP failure takes its ordinary error path.
    return new Response(null, { status: 503, statusText: "Download failed" });
  }
};

// Anything else that escapes during start-up is still a start-up failure, reported
// through the page's message, not as an uncaught error.
self.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  startupFailed(describe(event.reason));
});

function fileName(url) {
  return new URL(url).pathname.split("/").pop() || url;
}

function progress(stage) {
  self.postMessage({ type: "progress", stage });
}

// Only strings cross into Python and back: the result is JSON text, parsed here, so
// the page never sees a PyProxy and no conversion rules apply.
const PYTHON_ENTRY = `
import json
from followup.api import run as _followup_run

def _followup_run_json(text):
    return json.dumps(_followup_run(json.loads(text)))

_followup_run_json
`;

// Return visits: a memory snapshot of Python with the core already imported, made at
// build time (macros/pyodide_snapshot.py). Used only when the service worker has it
// cached (sw-register.js fetches it in the background after a first visit); any
// problem with it (not cached, a corrupt copy, "Snapshot build id mismatch") means
// the normal start below, silently: the reader only notices the speed.
// The snapshot holds memory, not files: this function (defined in the snapshot) writes
// the wheels back, and must run before anything looks up a time zone.
const SNAPSHOT_RESTORE = "_followup_restore_files()";

const GZIP_MAGIC = [0x1f, 0x8b];
const SNAPSHOT_MAGIC = 0x706e7300; // the first 32-bit word (little-endian) of Pyodide 314's snapshots

/** The cached snapshot, inflated; bytes null when there is none to use (problem says why). */
async function cachedSnapshot(snapshotURL) {
  if (!snapshotURL) return { bytes: null, problem: null };
  try {
    const cached = await self.caches?.match(snapshotURL);
    if (!cached?.ok) return { bytes: null, problem: null };
    let bytes = new Uint8Array(await cached.arrayBuffer());
    // gzip -9 at build time, inflated here (a host that already decoded the .gz hands
    // over the snapshot itself). gzip's checksum catches a damaged download.
    if (bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1]) {
      const inflated = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      bytes = new Uint8Array(await new Response(inflated).arrayBuffer());
    }
    // Checked here: Pyodide would size its memory from anything it is given first.
    const magic = bytes.length >= 64 && bytes.length % 4 === 0 && new DataView(bytes.buffer).getUint32(0, true);
    if (magic !== SNAPSHOT_MAGIC) return { bytes: null, problem: "unreadable snapshot (not a Python snapshot)" };
    return { bytes, problem: null };
  } catch (error) {
    return { bytes: null, problem: `unreadable snapshot (${firstLine(error)})` };
  }
}

// Fetch the lock and the wheels now, while the runtime downloads and starts: they are
// served with immutable caching, so loadPackage below finds them in the HTTP cache.
// Measured with bench.levers: about 0.2 s sooner to the first draft, cold. Failures
// are left to loadPackage, which reports them.
function prefetchPackages(lockFile, wheelFiles) {
  fetch(lockFile)
    .then((response) => response.json())
    .then((lock) => {
      for (const entry of Object.values(lock.packages)) fetch(new URL(entry.file_name, wheelFiles)).catch(() => {});
    })
    .catch(() => {});
}

async function boot({ indexURL, lockURL, snapshotURL }) {
  // Both URLs arrive absolute (the page resolves them against the site's base).
  const runtimeFiles = new URL(indexURL.endsWith("/") ? indexURL : `${indexURL}/`).href;
  const lockFile = new URL(lockURL).href;
  const wheelFiles = new URL(".", lockFile).href;
  watchedPrefixes = [runtimeFiles, wheelFiles];
  // Read the snapshot (if cached) while the runtime's script downloads; without one,
  // Python starts normally and needs the packages: fetch them at once.
  const snapshot = cachedSnapshot(snapshotURL);
  snapshot.then(({ bytes }) => bytes || prefetchPackages(lockFile, wheelFiles));
  progress("downloading");
  const { loadPyodide } = await import(new URL("pyodide.mjs", runtimeFiles).href);
  const options = {
    indexURL: runtimeFiles,
    lockFileURL: lockFile,
    // Without it Pyodide falls back to its CDN for package files: never leave the site.
    packageBaseUrl: wheelFiles,
    // Called once the runtime is downloaded and compiled, just before Python starts.
    fsInit: async () => progress("starting Python"),
    stdout: () => {},
    stderr: (line) => console.warn(line),
  };
  const { bytes, problem } = await snapshot;
  let snapshotProblem = problem;
  if (bytes) {
    try {
      const pyodide = await loadPyodide({ ...options, _loadSnapshot: bytes });
      pyodide.runPython(SNAPSHOT_RESTORE);
      return { runJson: pyodide.runPython(PYTHON_ENTRY), python: "snapshot" };
    } catch (error) {
      snapshotProblem = firstLine(error); // e.g. "Snapshot build id mismatch": start afresh
    }
  }
  const pyodide = await loadPyodide(options);
  progress("loading the packages");
  const problems = [];
  await pyodide.loadPackage("followup", {
    messageCallback: () => {},
    // A missing wheel does not throw: it is only reported here.
    errorCallback: (message) => problems.push(message),
  });
  if (problems.length) throw new Error(problems.join(" "));
  const started = { runJson: pyodide.runPython(PYTHON_ENTRY), python: "normal" };
  return snapshotProblem ? { ...started, snapshotProblem } : started;
}

let runJson = null;
let booting = null;

async function handleInit(message) {
  booting ??= Promise.race([
    boot(message.payload),
    failure.then((why) => Promise.reject(new Error(why))),
  ]);
  try {
    const { runJson: run, ...how } = await booting;
    runJson = run;
    progress("ready");
    self.postMessage({ id: message.id, ok: true, result: { ready: true, ...how } });
  } catch (error) {
    self.postMessage({ type: "failed", message: describe(error) });
    self.postMessage({ id: message.id, ok: false, errors: [{ field: "", message: describe(error) }] });
  }
}

function handleRun(message) {
  if (!runJson) {
    self.postMessage({ id: message.id, ok: false, errors: [{ field: "", message: "Python is not ready." }] });
    return;
  }
  try {
    const reply = JSON.parse(runJson(JSON.stringify(message.payload ?? {})));
    if (reply.ok) {
      self.postMessage({ id: message.id, ok: true, result: reply.result });
    } else {
      self.postMessage({ id: message.id, ok: false, errors: reply.errors ?? [] });
    }
  } catch (error) {
    // A bug in the core, not a reader's mistake: keep the worker alive and say so.
    self.postMessage({
      id: message.id,
      ok: false,
      errors: [{ field: "", message: `The drafting code failed: ${describe(error)}` }],
    });
  }
}

function firstLine(error) {
  return String(error?.message ?? error).trim().split("\n")[0] || "Unknown error";
}

function describe(error) {
  const text = String(error?.message ?? error);
  // A Python traceback: its last line names the actual problem.
  const lines = text.trim().split("\n");
  return lines[lines.length - 1] || "Unknown error";
}

self.addEventListener("message", (event) => {
  const message = event.data ?? {};
  if (message.type === "init") handleInit(message);
  else if (message.type === "run") handleRun(message);
  else self.postMessage({ id: message.id, ok: false, errors: [{ field: "", message: `Unknown request "${message.type}".` }] });
});
