// The Python side of the tool pages: a module Web Worker (Pyodide 314 refuses classic
// workers) that starts Pyodide from the site's own /pyodide/ folder and answers the page
// with plain JSON. Its Python is the core's own module followup._browser (in the wheel);
// nothing here is Python.
//
// Requests and notices: protocol.mjs. Start-up, in named phases:
//   1. download   pyodide.mjs (and, at once, the runtime's own script beside it)
//   2. restore    Python's memory snapshot, when the service worker has it cached
//      or start   Python afresh, while the lock and the wheels download
//   3. install    the wheels on sys.path, as they are (normal start only)
//   4. import     the standard library's second part's finder, then the core
// then each request: copy the time zones it names out of the tzdata wheel, and answer.
import { Notice, Stage, WorkerRequest } from "./protocol.mjs";

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

let watchedPrefixes = []; // URL prefixes of the runtime and of the wheels, set at boot
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
  self.postMessage({ type: Notice.progress, stage });
}

function firstLine(error) {
  return (
    String(error?.message ?? error)
      .trim()
      .split("\n")[0] || "Unknown error"
  );
}

function describe(error) {
  const text = String(error?.message ?? error);
  // A Python traceback: its last line names the actual problem.
  const lines = text.trim().split("\n");
  return lines[lines.length - 1] || "Unknown error";
}

/** `fn(module)` with a Python module, released afterwards. */
function withModule(pyodide, name, fn) {
  const module = pyodide.pyimport(name);
  try {
    return fn(module);
  } finally {
    module.destroy();
  }
}

// ------------------------------------------------------------------ the wheels

// `followup` and what it depends on, as the lock says, put on sys.path as they are:
// Python imports pure-Python wheels straight from the zip (zipimport), as the snapshot
// does. Measured under Node (Pyodide 314): unpacking them with loadPackage took ~190 ms
// (tzdata alone is 633 files); importing from the zips costs ~40 ms more than from files.
// The lock's sha256 is checked by the browser (fetch's integrity), as loadPackage would.
//
// icalendar, and python-dateutil and six, which only icalendar imports, are for the calendar file
// alone (followup/calendar.py imports icalendar inside the function that writes it):
// ~0.55 MB fetched the first time a file is asked for, so that a first visit's drafts do
// not wait for them. The others (`followup`, tzdata) are downloaded as soon as the worker
// starts, so while the runtime downloads and starts.
const PACKAGE = "followup";
const ONLY_FOR_THE_FILE = new Set(["icalendar", "python-dateutil", "six"]);

async function readLock(lockURL) {
  const { packages } = await (await fetch(lockURL)).json();
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
  return btoa(String.fromCharCode(...hex.match(/../g).map((byte) => Number.parseInt(byte, 16))));
}

/** Write the wheels to `wheelDir` and put each on sys.path (after the standard library). */
function installWheels(pyodide, wheels, wheelDir) {
  pyodide.FS.mkdirTree(wheelDir);
  const paths = wheels.map(({ name, bytes }) => {
    pyodide.FS.writeFile(`${wheelDir}/${name}`, bytes);
    return `${wheelDir}/${name}`;
  });
  withModule(pyodide, "sys", (sys) => {
    for (const path of paths.sort()) if (!sys.path.count(path)) sys.path.append(path);
  });
}

// ------------------------------------------------------------------ time zones

// zoneinfo looks in ZONE_DIR before the tzdata package. Reading a zone out of the zipped
// wheel through the package goes through importlib.resources, which indexes the whole
// zip (633 files): most of a first plan's ~120 ms in Chromium. So before each request the
// zones it names (followup._browser.zones_named: only names shaped like zones) are copied
// out of the wheel's bytes to ZONE_DIR: the same bytes, the same answers. The copy is read
// here (zip-entry.mjs), not with Python's zipimport, whose index of the wheel alone took
// ~10 ms of a first visit. A zone that cannot be copied (unknown, a folder, a zip that
// zip-entry.mjs cannot read) is left to the core, which says so or reads the package.
// PYTHONTZPATH names ZONE_DIR alone, so zoneinfo need not ask sysconfig for Pyodide's
// default path list, which loads Python's whole build configuration (~10 ms).
const ZONE_DIR = "/usr/share/zoneinfo";
// Fetched while the runtime downloads; only the first request waits for it. Without it
// (a failed download) zones are left to the core as above: slower, the same answers.
const zipEntry = import("./zip-entry.mjs").catch(() => null);

/** The installed wheel of `project` (its bytes), or null. */
function wheelBytes(pyodide, wheelDir, project) {
  if (!pyodide.FS.analyzePath(wheelDir).exists) return null; // installed some other way
  const name = pyodide.FS.readdir(wheelDir).find((file) => file.startsWith(`${project}-`));
  return name ? pyodide.FS.readFile(`${wheelDir}/${name}`) : null;
}

// ------------------------------------------------------------------ answering

/** Python with the core imported: answer(payload, calendarFile) resolves to its reply to a
 *  form, call(type, payload) to a board request (BOARD_CALLS). */
function drafter(pyodide, { wheelDir, holidaysURL }) {
  const browser = pyodide.pyimport("followup._browser");
  const tables = browser.HOLIDAY_TABLES; // where the core reads the holiday tables
  let tzdata; // the wheel's bytes, read on the first request

  async function copyZone(key) {
    const target = `${ZONE_DIR}/${key}`;
    if (pyodide.FS.analyzePath(target).exists) return;
    tzdata ??= wheelBytes(pyodide, wheelDir, "tzdata");
    const reader = await zipEntry;
    const data = tzdata && reader && (await reader.readZipEntry(tzdata, `tzdata/zoneinfo/${key}`));
    if (!data) return; // not in the wheel, or a folder ("Europe"): the core's answer stands
    pyodide.FS.mkdirTree(target.slice(0, target.lastIndexOf("/")));
    pyodide.FS.writeFile(target, data);
  }

  // The public holidays of the reader's country: the build's table of that country alone
  // (a few kilobytes), fetched the first time a form needs it. Without it (offline, say)
  // the plan skips weekends only, and the core's advice says so next to Country.
  async function fetchHolidays(country) {
    const target = `${tables}/${country}.json`;
    if (!country || !holidaysURL || pyodide.FS.analyzePath(target).exists) return;
    try {
      const response = await fetch(new URL(`${country}.json`, holidaysURL));
      if (!response.ok) return; // a country with no table: the core says so
      const bytes = new Uint8Array(await response.arrayBuffer());
      pyodide.FS.mkdirTree(tables);
      pyodide.FS.writeFile(target, bytes);
    } catch {
      // No network: as above.
    }
  }

  /** The zone files and the holiday table a form needs, in place before Python reads it. */
  async function prepare(form) {
    const request = JSON.stringify(form ?? {});
    const named = browser.zones_named(request);
    const zones = named.toJs();
    named.destroy();
    for (const zone of zones) await copyZone(zone);
    await fetchHolidays(browser.holiday_table_wanted(request));
    return request;
  }

  return {
    answer: async (payload, calendarFile) => JSON.parse(browser.answer(await prepare(payload), calendarFile)),
    /** One of BOARD_CALLS: the forms it names prepared, then Python's answer. */
    call: async (type, payload) => {
      const { python, forms } = BOARD_CALLS[type];
      for (const form of forms(payload)) await prepare(form);
      return JSON.parse(browser[python](JSON.stringify(payload ?? null)));
    },
  };
}

// The board's requests: which function of followup._browser answers each, and the forms
// (applications' details) its payload holds, whose zones and holidays Python will read.
const detailsOf = (applications) => (Array.isArray(applications) ? applications.map((item) => item?.details) : []);
const BOARD_CALLS = {
  [WorkerRequest.board]: { python: "board", forms: (payload) => detailsOf(payload?.applications) },
  [WorkerRequest.nextRound]: { python: "next_round", forms: (payload) => [payload?.details] },
  [WorkerRequest.readBoardFile]: { python: "read_board_file", forms: () => [] },
  [WorkerRequest.exportBoard]: { python: "export_board", forms: () => [] },
  [WorkerRequest.boardCalendar]: { python: "board_calendar", forms: detailsOf, calendarFile: true },
};

// ------------------------------------------------------------------ start-up

// Return visits: a memory snapshot of Python with the core already imported, made at
// build time (site_build/snapshot.py), used when the service worker has it cached
// (sw-register.mjs fetches it in the background after a first visit). Any problem with
// it (a corrupt copy, "Snapshot build id mismatch") means the normal start, silently:
// the reader only notices the speed.
const GZIP_MAGIC = [0x1f, 0x8b];
const SNAPSHOT_MAGIC = 0x706e7300; // the first 32-bit word (little-endian) of Pyodide 314's snapshots

/** The snapshot's cached response, or null when there is none (quick: no body read). */
async function cachedSnapshot(snapshotURL) {
  if (!snapshotURL) return null;
  try {
    const cached = await self.caches?.match(snapshotURL);
    return cached?.ok ? cached : null;
  } catch {
    return null; // no Cache Storage here (e.g. blocked): a normal start
  }
}

/** The snapshot's bytes, inflated and checked; rejects, saying why, when unusable. */
async function readSnapshot(response) {
  try {
    let bytes = new Uint8Array(await response.arrayBuffer());
    // gzip -9 at build time, inflated here if the service worker stored it as it came
    // (it stores it inflated). gzip's checksum catches a damaged download.
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

/** Phase 4: the standard library's second part within reach, then the core. */
function importCore(pyodide, options) {
  if (options.stdlibURL) {
    withModule(pyodide, "followup._stdlib_rest", (rest) => rest.install(options.stdlibURL).destroy());
  }
  return drafter(pyodide, options);
}

async function boot(/** @type {import("./python-client.mjs").BootOptions} */ options) {
  const runtimeFiles = options.indexURL.endsWith("/") ? options.indexURL : `${options.indexURL}/`;
  const wheelFiles = new URL(".", options.lockURL).href;
  watchedPrefixes = [runtimeFiles, wheelFiles];

  // Phase 1: download. pyodide.mjs asks for the runtime's own script (1.2 MB) only once
  // it has loaded: ask now, alongside it (a module is fetched and run once, whoever asks).
  progress(Stage.downloading);
  import(new URL("pyodide.asm.mjs", runtimeFiles).href).catch(() => {}); // loadPyodide reports
  const { loadPyodide } = await import(new URL("pyodide.mjs", runtimeFiles).href);
  const snapshot = await cachedSnapshot(options.snapshotURL);
  const pyodideOptions = {
    indexURL: runtimeFiles,
    lockFileURL: options.lockURL,
    // Without it Pyodide falls back to its CDN for package files: never leave the site.
    packageBaseUrl: wheelFiles,
    ...(options.stdlibURL && { stdLibURL: options.stdlibURL }),
    // Called once the runtime is downloaded and compiled, just before Python starts.
    fsInit: async () => progress(Stage.starting),
    stdout: () => {},
    stderr: (line) => console.warn(line),
    env: { PYTHONTZPATH: ZONE_DIR },
  };

  // Phase 2a: restore. Handed over as a promise: Pyodide downloads its runtime while the
  // snapshot is read (tens of megabytes), and only then needs it.
  let snapshotProblem = null;
  if (snapshot) {
    const memory = readSnapshot(snapshot);
    memory.catch(() => {}); // it may fail before Pyodide awaits it: not an unhandled rejection
    try {
      const pyodide = await loadPyodide({ ...pyodideOptions, _loadSnapshot: memory });
      // The snapshot holds memory, not files: write the wheels back before anything
      // looks up a time zone. It holds every wheel, the calendar file's too.
      withModule(pyodide, "followup._browser", (browser) => browser.restore_files());
      return { core: importCore(pyodide, options), python: "snapshot", fileWheels: async () => {} };
    } catch (error) {
      snapshotProblem = firstLine(error); // e.g. "Snapshot build id mismatch": start afresh
    }
  }

  // Phase 2b: start afresh, the lock and the wheels downloading meanwhile.
  const lock = readLock(options.lockURL);
  const wheels = lock.then((needed) => fetchWheels(needed.forDrafting, wheelFiles));
  wheels.catch(() => {}); // awaited below; a failure is reported there, not as unhandled
  const pyodide = await loadPyodide(pyodideOptions);

  // Phase 3: install.
  progress(Stage.loading);
  const needed = await lock;
  installWheels(pyodide, await wheels, options.wheelDir);
  const started = {
    core: importCore(pyodide, options),
    python: "normal",
    fileWheels: async () => installWheels(pyodide, await fetchWheels(needed.forTheFile, wheelFiles), options.wheelDir),
  };
  return snapshotProblem ? { ...started, snapshotProblem } : started;
}

// ------------------------------------------------------------------ requests

let core = null; // from boot: {answer(payload, calendarFile), call(type, payload)}: Python's replies
let installFileWheels = null; // from boot: fetches the calendar file's wheels, puts them on sys.path
let fileWheelsReady = null; // that install, under way or done (forgotten if it failed)
let booting = null;

function reply(id, errorMessage) {
  self.postMessage({ id, ok: false, errors: [{ field: "", message: errorMessage }] });
}

async function handleInit(message) {
  booting ??= Promise.race([boot(message.payload), failure.then((why) => Promise.reject(new Error(why)))]);
  try {
    const { core: started, fileWheels, ...how } = await booting;
    core = started;
    installFileWheels = fileWheels;
    progress(Stage.ready);
    self.postMessage({ id: message.id, ok: true, result: { ready: true, ...how } });
  } catch (error) {
    self.postMessage({ type: Notice.failed, message: describe(error) });
    reply(message.id, describe(error));
  }
}

/** The calendar file's wheels, installed once; false (and said) if they could not be. */
async function withFileWheels(message) {
  try {
    fileWheelsReady ??= installFileWheels();
    await fileWheelsReady;
    return true;
  } catch (error) {
    fileWheelsReady = null; // offline without them, say: the next request tries again
    reply(message.id, describe(error));
    return false;
  }
}

/** Python's answer to the request, posted back as {id, ok, result} or {id, ok, errors}. */
async function handleDrafting(message, { calendarFile }) {
  if (!core) {
    reply(message.id, "Python is not ready.");
    return;
  }
  const call = BOARD_CALLS[message.type];
  if ((calendarFile || call?.calendarFile) && !(await withFileWheels(message))) return;
  try {
    const answered = call
      ? await core.call(message.type, message.payload)
      : await core.answer(message.payload, calendarFile);
    if (answered.ok) self.postMessage({ id: message.id, ok: true, result: answered.result });
    else self.postMessage({ id: message.id, ok: false, errors: answered.errors ?? [] });
  } catch (error) {
    // A bug in the core, not a reader's mistake: keep the worker alive and say so.
    reply(message.id, `The drafting code failed: ${describe(error)}`);
  }
}

self.addEventListener("message", (event) => {
  const message = event.data ?? {};
  if (message.type === WorkerRequest.init) handleInit(message);
  else if (message.type === WorkerRequest.run) handleDrafting(message, { calendarFile: true });
  else if (message.type === WorkerRequest.plan) handleDrafting(message, { calendarFile: false });
  else if (message.type in BOARD_CALLS) handleDrafting(message, { calendarFile: false });
  else reply(message.id, `Unknown request "${message.type}".`);
});
