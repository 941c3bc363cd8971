// The Python side of the widgets: a module Web Worker (Pyodide 314 refuses classic
// workers) that boots Pyodide from the site's own /pyodide/ folder, puts the `followup`
// wheel and its dependencies on sys.path and answers requests with plain JSON.
//
// Protocol (page -> worker):  {id, type: "init", payload: {indexURL, lockURL, snapshotURL?,
//                               snapshotBytes?, saveData?, stdlibURL?}}
//                             {id, type: "run",  payload: <form data object>}  the whole plan
//                               (the first one also fetches the calendar file's wheels)
//                             {id, type: "plan", payload: <form data object>}  the same
//                               without the calendar file (ics, ics_filename): quicker,
//                               as icalendar is only fetched and imported for the file
//           (worker -> page):  {type: "progress", stage}  stage: downloading |
//                              starting Python | loading the packages | ready
//                             {id, ok: true, result} | {id, ok: false, errors: [{field, message}]}
//                             (init's result: {ready: true, python: "snapshot" | "normal",
//                              snapshotProblem?: why a snapshot it had was not used})
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
from followup.interview import DEFAULT_TIMEZONE as _followup_default_zone
from followup.interview import is_zone_key as _followup_is_zone_key

def _followup_run_json(text, calendar_file):
    return json.dumps(_followup_run(json.loads(text), calendar_file=calendar_file))
`;

// Time zones: zoneinfo looks in ZONE_DIR before the tzdata package. Reading a zone out
// of the zipped wheel through the package goes through importlib.resources, which
// indexes the whole zip (633 files): most of a first plan's ~120 ms in Chromium. So
// before each request the zone it names is copied out of the wheel's bytes to ZONE_DIR:
// the same bytes, the same answers. The copy is read here (zip-entry.mjs), not with
// Python's zipimport, whose index of the wheel alone took ~10 ms of a first visit.
// Only a name the core accepts as a zone key and that the wheel holds is ever written,
// so a reader's text cannot pick a path; anything else (an unknown zone, a zip that
// zip-entry.mjs cannot read) is left to the core, which says so or reads the package.
// PYTHONTZPATH names ZONE_DIR alone, so zoneinfo need not ask sysconfig for Pyodide's
// default path list, which loads Python's whole build configuration (~10 ms).
const ZONE_DIR = "/usr/share/zoneinfo";
// Fetched while the runtime downloads; only the first request waits for it. Without it
// (a failed download) zones are left to the core as above: slower, the same answers.
const zipEntry = import("./zip-entry.mjs").catch(() => null);

/** The installed wheel of `project` (its bytes), or null. */
function wheelBytes(pyodide, project) {
  if (!pyodide.FS.analyzePath(WHEEL_DIR).exists) return null; // installed some other way
  const name = pyodide.FS.readdir(WHEEL_DIR).find((file) => file.startsWith(`${project}-`));
  return name ? pyodide.FS.readFile(`${WHEEL_DIR}/${name}`) : null;
}

/** Python with the core imported: answer(payload, calendarFile) resolves to its reply. */
function drafter(pyodide) {
  runGlue(pyodide, PYTHON_ENTRY);
  const runJson = pyodide.globals.get("_followup_run_json");
  const defaultZone = pyodide.globals.get("_followup_default_zone");
  const isZoneKey = pyodide.globals.get("_followup_is_zone_key");
  let tzdata; // the wheel's bytes, read on the first request

  async function copyZone(key) {
    if (typeof key !== "string" || !isZoneKey(key)) return;
    const target = `${ZONE_DIR}/${key}`;
    if (pyodide.FS.analyzePath(target).exists) return;
    tzdata ??= wheelBytes(pyodide, "tzdata");
    const reader = await zipEntry;
    const data = tzdata && reader && (await reader.readZipEntry(tzdata, `tzdata/zoneinfo/${key}`));
    if (!data) return; // not in the wheel, or a folder ("Europe"): the core's answer stands
    pyodide.FS.mkdirTree(target.slice(0, target.lastIndexOf("/")));
    pyodide.FS.writeFile(target, data);
  }

  return async (payload, calendarFile) => {
    await copyZone(payload?.timezone || defaultZone);
    return JSON.parse(runJson(JSON.stringify(payload ?? {}), calendarFile));
  };
}

// The worker's own Python is compiled and run as it is. pyodide.runPython would also
// tokenize it (for a trailing ";") and rebuild its syntax tree (to return the last
// value): ~20 ms more of a first visit in Chromium for these few lines.
function runGlue(pyodide, source) {
  const builtins = pyodide.pyimport("builtins");
  const code = builtins.compile(source, "<followup-worker>", "exec");
  try {
    builtins.exec(code, pyodide.globals);
  } finally {
    code.destroy();
    builtins.destroy();
  }
}

// The standard library comes in two parts (macros/pyodide_optimise.py): loadPyodide
// fetches the first, the modules booting and drafting import (1.5 MB instead of 3.3).
// The first names the rest and lists its modules in STDLIB_REST_INDEX; this finder,
// last on sys.meta_path, fetches the rest the first time one of those is imported
// (synchronously, as an import must be: a worker may) and imports from it. A name the
// index does not list (Python tries "winreg" and "_uuid", for instance) fetches nothing.
const STDLIB_REST_INDEX = "_followup_stdlib_rest.json";
const STDLIB_REST_FINDER = `
import json as _json, sys as _sys, zipimport as _zipimport

class _FollowupStdlibRest:
    archive = "/lib/followup-stdlib-rest.zip"

    def __init__(self, first_url):
        first = f"python{_sys.version_info[0]}{_sys.version_info[1]}.zip"
        first_zip = next(path for path in _sys.path if path.endswith(f"/{first}"))
        index = _json.loads(_zipimport.zipimporter(first_zip).get_data("${STDLIB_REST_INDEX}"))
        self.url = f"{first_url.rsplit('/', 1)[0]}/{index['file']}"
        self.modules = frozenset(index["modules"])
        self.fetched = False

    def find_spec(self, name, path=None, target=None):
        if name not in self.modules:
            return None
        if not self.fetched:
            self.fetch(name)
        package = name.rpartition(".")[0]
        where = "/".join([self.archive, *package.split(".")]) if package else self.archive
        return _zipimport.zipimporter(where).find_spec(name, target)

    def fetch(self, name):
        from js import XMLHttpRequest
        request = XMLHttpRequest.new()
        try:
            request.open("GET", self.url, False)
            request.responseType = "arraybuffer"
            request.send()
            status = request.status
        except Exception:  # a network error: offline, say (the browser's text is long)
            status = "no connection"
        if status != 200:
            reason = status if isinstance(status, str) else f"HTTP {status}"
            raise ImportError(f"Part of Python ({self.url.rsplit('/', 1)[1]}) could not be "
                              f"downloaded ({reason}): check your connection, then reload "
                              "the page.", name=name)
        with open(self.archive, "wb") as file:
            file.write(request.response.to_bytes())
        self.fetched = True

_sys.meta_path.append(_FollowupStdlibRest(_followup_stdlib_url))
del _followup_stdlib_url
`;

function findTheRestOfTheStdlib(pyodide, stdlibURL) {
  if (!stdlibURL) return; // the runtime's whole stdlib
  pyodide.globals.set("_followup_stdlib_url", stdlibURL);
  runGlue(pyodide, STDLIB_REST_FINDER);
}

// Return visits: a memory snapshot of Python with the core already imported, made at
// build time (macros/pyodide_snapshot.py). Used when the service worker has it cached
// (sw-register.js fetches it in the background after a first visit), and on a first
// visit over a connection quick enough (quickToDownload); any problem with it (not
// there, a corrupt copy, "Snapshot build id mismatch") means the normal start below,
// silently: the reader only notices the speed.
// The snapshot holds memory, not files: this function (defined in the snapshot) writes
// the wheels back, and must run before anything looks up a time zone.
const SNAPSHOT_RESTORE = "_followup_restore_files()";

const GZIP_MAGIC = [0x1f, 0x8b];
const SNAPSHOT_MAGIC = 0x706e7300; // the first 32-bit word (little-endian) of Pyodide 314's snapshots

/** The snapshot's cached response, or null when there is none (quick: no body read). */
async function findSnapshot(snapshotURL) {
  if (!snapshotURL) return null;
  try {
    const cached = await self.caches?.match(snapshotURL);
    return cached?.ok ? cached : null;
  } catch {
    return null; // no Cache Storage here (e.g. blocked): a normal start
  }
}

// A first visit downloads the snapshot too when, at the speed the runtime's script came,
// it would arrive within this budget: about what skipping Python's own start and the
// core's import saves on two cores. On 127.0.0.1 a first visit is then ~0.3 s sooner,
// its download included (bench: 0.92x bare Pyodide against 1.20x). Over a slower line
// the download costs more than it saves (20 Mbit/s: 1.22x against 0.94x). The service
// worker fetches the snapshot after a first visit anyway (sw-register.js), from the
// HTTP cache after one like this: the bytes come earlier, not twice. Save-Data (the
// page's navigator.connection says, as it is the reader's setting), or no measure of
// the connection (the script came from a cache), means a normal start.
const SNAPSHOT_DOWNLOAD_BUDGET_MS = 400;

/** Would `bytes` download within the budget, at the speed `measuredURL` came at? */
function quickToDownload(bytes, measuredURL) {
  if (!(bytes > 0)) return false;
  const [entry] = performance.getEntriesByName(measuredURL);
  // transferSize 0: it came from a cache, which says nothing about the connection.
  if (!entry?.transferSize || !entry.encodedBodySize) return false;
  // From the request, not the first byte: a line's latency counts against it too.
  const elapsed = Math.max(entry.responseEnd - entry.requestStart, 1);
  return (bytes / entry.encodedBodySize) * elapsed <= SNAPSHOT_DOWNLOAD_BUDGET_MS;
}

/** Python's snapshot to start from (a response), or null to start normally. */
async function snapshotToStartFrom({ snapshotURL, snapshotBytes, saveData, runtimeScript, runtimeScriptLoaded }) {
  if (!snapshotURL) return null;
  const cached = await findSnapshot(snapshotURL);
  if (cached || saveData) return cached;
  await runtimeScriptLoaded; // timed once it is here (loadPyodide waits for it anyway)
  if (!quickToDownload(snapshotBytes, runtimeScript)) return null;
  try {
    // Not watched: a missing snapshot only means the normal start.
    const response = await realFetch(snapshotURL);
    return response.ok ? response : null;
  } catch {
    return null;
  }
}

/** The snapshot's bytes, inflated and checked; rejects, saying why, when unusable. */
async function readSnapshot(response) {
  try {
    let bytes = new Uint8Array(await response.arrayBuffer());
    // gzip -9 at build time, inflated here (the service worker stores it inflated, and
    // a host may have decoded the .gz already). gzip's checksum catches a damaged download.
    if (bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1]) {
      const inflated = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      bytes = new Uint8Array(await new Response(inflated).arrayBuffer());
    }
    // Checked here: Pyodide would size its memory from anything it is given first.
    const magic = bytes.length >= 64 && bytes.length % 4 === 0 && new DataView(bytes.buffer).getUint32(0, true);
    if (magic === SNAPSHOT_MAGIC) return bytes;
    throw new Error("not a Python snapshot");
  } catch (error) {
    throw new Error(`unreadable snapshot (${firstLine(error)})`);
  }
}

// The packages: `followup` and what it depends on, as the lock says, put on sys.path as
// they are: Python imports pure-Python wheels straight from the zip (zipimport), as the
// snapshot does. Measured under Node (Pyodide 314): unpacking them with loadPackage took
// ~190 ms (tzdata alone is 633 files); importing from the zips costs ~40 ms more than
// from files. The lock's sha256 is checked by the browser (fetch's integrity), as
// loadPackage would.
//
// icalendar, and python-dateutil, which only icalendar imports, are for the calendar file
// alone (followup/calendar.py imports icalendar inside the function that writes it):
// ~0.55 MB fetched the first time a file is asked for, so that a first visit's drafts do
// not wait for them. The others (`followup`, tzdata) are downloaded as soon as the worker
// starts, so while the runtime downloads and starts.
const PACKAGE = "followup";
const ONLY_FOR_THE_FILE = new Set(["icalendar", "python-dateutil"]);

async function readLock(lockFile) {
  const { packages } = await (await fetch(lockFile)).json();
  const needed = new Set();
  const visit = (name) => {
    if (needed.has(name)) return;
    if (!packages[name]) throw new Error(`The package list names no "${name}".`);
    needed.add(name);
    for (const dependency of packages[name].depends ?? []) visit(dependency);
  };
  visit(PACKAGE);
  const wheels = (names) => names.map((name) => packages[name]);
  return {
    forDrafting: wheels([...needed].filter((name) => !ONLY_FOR_THE_FILE.has(name))),
    forTheFile: wheels([...needed].filter((name) => ONLY_FOR_THE_FILE.has(name))),
  };
}

/** The wheels' bytes, each checked against the lock's sha256. */
function fetchWheels(entries, wheelFiles) {
  return Promise.all(
    entries.map(async ({ file_name: file, sha256 }) => {
      const response = await fetch(new URL(file, wheelFiles), { integrity: `sha256-${hexToBase64(sha256)}` });
      if (!response.ok) throw new Error(`${file} could not be downloaded (HTTP ${response.status}).`);
      return { name: file, bytes: new Uint8Array(await response.arrayBuffer()) };
    }),
  );
}

function hexToBase64(hex) {
  return btoa(String.fromCharCode(...hex.match(/../g).map((byte) => parseInt(byte, 16))));
}

// Where the wheels go in Pyodide's file system, and Python's part of installing them.
const WHEEL_DIR = "/lib/followup-wheels";
const PUT_WHEELS_ON_PATH = `
import os, sys
sys.path.extend(sorted(path for path in (f"${WHEEL_DIR}/{name}" for name in os.listdir("${WHEEL_DIR}"))
                       if path not in sys.path))
`;

function installWheels(pyodide, wheels) {
  pyodide.FS.mkdirTree(WHEEL_DIR);
  for (const { name, bytes } of wheels) pyodide.FS.writeFile(`${WHEEL_DIR}/${name}`, bytes);
  runGlue(pyodide, PUT_WHEELS_ON_PATH);
}

async function boot({ indexURL, lockURL, snapshotURL, snapshotBytes, saveData, stdlibURL }) {
  // The URLs arrive absolute (the page resolves them against the site's base).
  const runtimeFiles = new URL(indexURL.endsWith("/") ? indexURL : `${indexURL}/`).href;
  const lockFile = new URL(lockURL).href;
  const stdlibFile = stdlibURL ? new URL(stdlibURL).href : null;
  const wheelFiles = new URL(".", lockFile).href;
  watchedPrefixes = [runtimeFiles, wheelFiles];
  progress("downloading");
  // pyodide.mjs asks for the runtime's own script (1.2 MB) only once it has loaded: ask
  // now, alongside it (a module is fetched and run once, whoever asks first).
  const runtimeScript = new URL("pyodide.asm.mjs", runtimeFiles).href;
  const runtimeScriptLoaded = import(runtimeScript).catch(() => {}); // loadPyodide reports
  const { loadPyodide } = await import(new URL("pyodide.mjs", runtimeFiles).href);
  const snapshot = await snapshotToStartFrom({
    snapshotURL, snapshotBytes, saveData, runtimeScript, runtimeScriptLoaded,
  });
  // Without a snapshot Python starts normally and needs the wheels: fetch them at once.
  const lock = snapshot ? null : readLock(lockFile);
  const wheels = lock?.then((needed) => fetchWheels(needed.forDrafting, wheelFiles));
  wheels?.catch(() => {}); // awaited below; a failure is reported there, not as unhandled
  const options = {
    indexURL: runtimeFiles,
    lockFileURL: lockFile,
    // Without it Pyodide falls back to its CDN for package files: never leave the site.
    packageBaseUrl: wheelFiles,
    ...(stdlibFile && { stdLibURL: stdlibFile }),
    // Called once the runtime is downloaded and compiled, just before Python starts.
    fsInit: async () => progress("starting Python"),
    stdout: () => {},
    stderr: (line) => console.warn(line),
    env: { PYTHONTZPATH: ZONE_DIR },
  };
  let snapshotProblem = null;
  if (snapshot) {
    // Handed over as a promise: Pyodide downloads its runtime while the snapshot is read
    // (tens of megabytes), and only then needs it.
    const memory = readSnapshot(snapshot);
    memory.catch(() => {}); // it may fail before Pyodide awaits it: not an unhandled rejection
    try {
      const pyodide = await loadPyodide({ ...options, _loadSnapshot: memory });
      runGlue(pyodide, SNAPSHOT_RESTORE);
      findTheRestOfTheStdlib(pyodide, stdlibFile);
      // The snapshot holds every wheel, the calendar file's too.
      return { answer: drafter(pyodide), python: "snapshot", fileWheels: async () => {} };
    } catch (error) {
      snapshotProblem = firstLine(error); // e.g. "Snapshot build id mismatch": start afresh
    }
  }
  const pyodide = await loadPyodide(options);
  findTheRestOfTheStdlib(pyodide, stdlibFile);
  progress("loading the packages");
  const needed = (await lock) ?? (await readLock(lockFile));
  installWheels(pyodide, (await wheels) ?? (await fetchWheels(needed.forDrafting, wheelFiles)));
  const started = {
    answer: drafter(pyodide),
    python: "normal",
    fileWheels: async () => installWheels(pyodide, await fetchWheels(needed.forTheFile, wheelFiles)),
  };
  return snapshotProblem ? { ...started, snapshotProblem } : started;
}

let answer = null; // from boot: (payload, calendarFile) => Python's reply
let installFileWheels = null; // from boot: fetches the calendar file's wheels, puts them on sys.path
let fileWheelsReady = null; // that install, under way or done (forgotten if it failed)
let booting = null;

async function handleInit(message) {
  booting ??= Promise.race([
    boot(message.payload),
    failure.then((why) => Promise.reject(new Error(why))),
  ]);
  try {
    const { answer: answerWith, fileWheels, ...how } = await booting;
    answer = answerWith;
    installFileWheels = fileWheels;
    progress("ready");
    self.postMessage({ id: message.id, ok: true, result: { ready: true, ...how } });
  } catch (error) {
    self.postMessage({ type: "failed", message: describe(error) });
    self.postMessage({ id: message.id, ok: false, errors: [{ field: "", message: describe(error) }] });
  }
}

async function handleRun(message, { calendarFile }) {
  if (!answer) {
    self.postMessage({ id: message.id, ok: false, errors: [{ field: "", message: "Python is not ready." }] });
    return;
  }
  if (calendarFile) {
    try {
      await (fileWheelsReady ??= installFileWheels());
    } catch (error) {
      fileWheelsReady = null; // offline without them, say: the next request tries again
      self.postMessage({ id: message.id, ok: false, errors: [{ field: "", message: describe(error) }] });
      return;
    }
  }
  try {
    const reply = await answer(message.payload, calendarFile);
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
  else if (message.type === "run") handleRun(message, { calendarFile: true });
  else if (message.type === "plan") handleRun(message, { calendarFile: false });
  else self.postMessage({ id: message.id, ok: false, errors: [{ field: "", message: `Unknown request "${message.type}".` }] });
});
