// Makes the site's Python memory snapshot: run by macros/pyodide_snapshot.py, never by
// hand. `node make_snapshot.mjs <spec.json>`; the spec names the runtime folder (the
// very files the site serves: a snapshot only loads into the Pyodide build that made
// it), the lock and its wheels, the Python to run, and where to write the result.
//
// 1. Boot Pyodide with `_makeSnapshot: true` (internal to Pyodide 314).
// 2. Hand every wheel to Python as bytes; SETUP_PY keeps them in Python memory (the
//    snapshot holds the wasm heap only, not the file system) and puts them on sys.path.
//    No loadPackage(): it leaves JS objects behind that the snapshot cannot hold.
// 3. Import the core and draft once (SETUP_PY), then makeMemorySnapshot(), gzip -9.
// 4. Check the result: restore it in a fresh Pyodide, write the files back
//    (RESTORE_CALL, exactly what the browser worker does) and draft in time zones
//    the warm-up never touched; the answers must equal those of the Pyodide that
//    made it (drafting there only after the snapshot was taken).
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { pathToFileURL } from "node:url";

const spec = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const indexURL = spec.runtime_dir.endsWith("/") ? spec.runtime_dir : `${spec.runtime_dir}/`;
const { loadPyodide } = await import(pathToFileURL(path.join(indexURL, "pyodide.mjs")).href);
const quiet = { stdout: () => {}, stderr: (line) => process.stderr.write(`${line}\n`) };
const started = performance.now();

const maker = await loadPyodide({ indexURL, lockFileURL: spec.lock_file, _makeSnapshot: true, ...quiet });
const booted = performance.now();
maker.FS.mkdirTree(spec.incoming_dir);
for (const wheel of spec.wheels) {
  maker.FS.writeFile(`${spec.incoming_dir}/${path.basename(wheel)}`, fs.readFileSync(wheel));
}
maker.globals.set("SNAPSHOT_SPEC", JSON.stringify(spec));
maker.runPython(spec.setup_py);
const warmed = performance.now();
const raw = maker.makeMemorySnapshot();
// Only now, so the snapshot has never seen the zones the check drafts in.
const expected = maker.runPython(spec.check_py);
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
restored.runPython(spec.restore_call);
const actual = restored.runPython(spec.check_py);
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
