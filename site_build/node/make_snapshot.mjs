// Makes the site's Python memory snapshot: run by site_build/snapshot.py, never by hand.
// `node make_snapshot.mjs <spec.json>`; the spec names the runtime folder (the very files
// the site serves: a snapshot only loads into the Pyodide build that made it), the lock
// and its wheels, where the worker keeps the wheels, the sample interview, the folder of
// the check's module, and where to write the result.
//
// 1. Boot Pyodide with `_makeSnapshot: true` (internal to Pyodide 314).
// 2. Put the wheels on sys.path as the worker does; followup._browser.prepare_snapshot
//    keeps their bytes in Python's memory (the snapshot holds the wasm heap only, not the
//    file system) and drafts once. No loadPackage(): it leaves JS objects behind that the
//    snapshot cannot hold.
// 3. makeMemorySnapshot(), gzip -9.
// 4. Check the result: restore it in a fresh Pyodide, write the files back
//    (followup._browser.restore_files, exactly what the browser worker does) and draft in
//    time zones the warm-up never touched (in_pyodide/snapshot_check.py); the answers must
//    equal those of the Pyodide that made it (drafting there only after the snapshot).
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import zlib from "node:zlib";
import { copyTree, extendPath, writeFiles } from "./pyodide_fs.mjs";

// A failure says why in a line of its own: Node would print the throwing line of
// Pyodide's minified runtime first, tens of kilobytes that bury the message.
process.on("uncaughtException", (error) => {
  process.stderr.write(`\nmake_snapshot.mjs failed: ${String(error?.message ?? error).slice(-3000)}\n`);
  process.exit(1);
});

const spec = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const indexURL = spec.runtime_dir.endsWith("/") ? spec.runtime_dir : `${spec.runtime_dir}/`;
const { loadPyodide } = await import(pathToFileURL(path.join(indexURL, "pyodide.mjs")).href);
const quiet = { stdout: () => {}, stderr: (line) => process.stderr.write(`${line}\n`) };
const started = performance.now();

/** Python's own text for a JSON value, so nothing JavaScript is left in Python's memory. */
function asPython(pyodide, value) {
  const json = pyodide.pyimport("json");
  try {
    return json.loads(JSON.stringify(value));
  } finally {
    json.destroy();
  }
}

/** The check's answers (JSON text), run in `pyodide` after copying the check module in. */
function check(pyodide) {
  copyTree(pyodide.FS, spec.check_dir, "/followup-build/check");
  extendPath(pyodide, ["/followup-build/check"]);
  const module = pyodide.pyimport("snapshot_check");
  try {
    return module.drafts_in_new_zones();
  } finally {
    module.destroy();
  }
}

const maker = await loadPyodide({ indexURL, lockFileURL: spec.lock_file, _makeSnapshot: true, ...quiet });
const booted = performance.now();
const wheels = writeFiles(maker.FS, spec.wheels, spec.wheel_dir);
extendPath(maker, wheels);
const browser = maker.pyimport("followup._browser");
const wheelList = asPython(maker, wheels);
browser.prepare_snapshot(JSON.stringify(spec.sample), wheelList);
wheelList.destroy();
browser.destroy();
const warmed = performance.now();
const raw = maker.makeMemorySnapshot();
// Pyodide 314 restores into its default heap whatever the snapshot's size (pyodide#6254):
// say so plainly rather than fail the check below with "offset is out of bounds".
const RESTORABLE_HEAP = 30 * 1024 * 1024;
if (maker._module.HEAP8.length > RESTORABLE_HEAP) {
  throw new Error(
    `the snapshot's memory is ${(maker._module.HEAP8.length / 2 ** 20).toFixed(0)} MiB, over the 30 MiB ` +
      "a restore can hold (pyodide#6254): import less before the snapshot",
  );
}
// Only now, so the snapshot has never seen the zones the check drafts in.
const expected = check(maker);
const gzipped = zlib.gzipSync(raw, { level: 9 });
fs.writeFileSync(spec.output, gzipped);
const written = performance.now();

// The check: the snapshot as the browser will use it.
const restored = await loadPyodide({
  indexURL,
  lockFileURL: spec.lock_file,
  _loadSnapshot: zlib.gunzipSync(gzipped),
  ...quiet,
});
const restoredBrowser = restored.pyimport("followup._browser");
restoredBrowser.restore_files();
restoredBrowser.destroy();
const actual = check(restored);
if (actual !== expected) {
  fs.unlinkSync(spec.output);
  throw new Error(`the restored snapshot drafts differently:\n${actual}\n-- expected --\n${expected}`);
}
const checked = performance.now();

console.log(
  JSON.stringify({
    boot_ms: Math.round(booted - started),
    warm_up_ms: Math.round(warmed - booted),
    snapshot_ms: Math.round(written - warmed),
    check_ms: Math.round(checked - written),
    raw_bytes: raw.length,
    gzip_bytes: gzipped.length,
  }),
);
