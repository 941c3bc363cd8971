// Calls one Python function of ours inside the pinned Pyodide, under Node: run by
// site_build/in_node.py, never by hand.
//
//   node run_in_pyodide.mjs <spec.json>
//
// The spec (in_node.py builds it) names the runtime folder and optionally a lock, a
// standard library and a memory snapshot to start from; packages to install with
// loadPackage; folders of Python modules to copy in and put on sys.path; wheels to put on
// sys.path as they are (zipimport, as the site's worker does) or to unpack into
// site-packages; folders and files to copy in before the call and out after it; calls to
// make first (each "module:function", no arguments); and the call itself, with
// JSON-ready arguments. What it returns goes to the spec's `result` file as JSON, with
// the packages Pyodide reports loaded.
//
// Nothing may come from the network: the build and the tests run offline, and Pyodide
// under Node would otherwise fetch a wheel it cannot find on disk from its CDN.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import zlib from "node:zlib";
import { copyTree, extendPath, writeFiles } from "./pyodide_fs.mjs";

globalThis.fetch = async (url) => {
  throw new Error(`no network here: ${url}`);
};

const spec = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const indexURL = spec.pyodide_dir.endsWith("/") ? spec.pyodide_dir : `${spec.pyodide_dir}/`;
const { loadPyodide } = await import(pathToFileURL(path.join(indexURL, "pyodide.mjs")).href);
// Python's output goes to stderr, as it is written (pytest's dots have no newline):
// stdout is the caller's.
const toStderr = { write: (bytes) => fs.writeSync(2, bytes) };
const pyodide = await loadPyodide({
  indexURL,
  ...(spec.lock_file && { lockFileURL: spec.lock_file }),
  ...(spec.stdlib && { stdLibURL: spec.stdlib }),
  ...(spec.snapshot && { _loadSnapshot: zlib.gunzipSync(fs.readFileSync(spec.snapshot)) }),
});
pyodide.setStdout(toStderr);
pyodide.setStderr(toStderr);

/** `module:function` as a callable, and the module to release after. */
function callable(name) {
  const [moduleName, functionName] = name.split(":");
  const module = pyodide.pyimport(moduleName);
  return { fn: module[functionName], module };
}

for (const name of spec.before) {
  const { fn, module } = callable(name);
  fn();
  module.destroy();
}
if (spec.load_packages.length) {
  const errors = [];
  await pyodide.loadPackage(spec.load_packages, {
    messageCallback: () => {},
    errorCallback: (message) => errors.push(message),
  });
  if (errors.length) throw new Error(`loadPackage failed: ${errors.join(" ")}`);
}
const modules = spec.module_dirs.map((folder, index) => {
  const inside = `/followup-build/modules-${index}`;
  copyTree(pyodide.FS, folder, inside);
  return inside;
});
extendPath(pyodide, modules);
extendPath(pyodide, writeFiles(pyodide.FS, spec.wheels, "/followup-build/wheels"));
if (spec.unpack.length) {
  const sitePackages = pyodide.pyimport("sysconfig").get_path("purelib");
  for (const wheel of spec.unpack) {
    const bytes = fs.readFileSync(wheel);
    pyodide.unpackArchive(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), "wheel", {
      extractDir: sitePackages,
    });
  }
  pyodide.pyimport("importlib").invalidate_caches();
}
for (const [host, inside] of spec.trees) copyTree(pyodide.FS, host, inside);
for (const [host, inside] of spec.inputs) {
  pyodide.FS.mkdirTree(path.posix.dirname(inside));
  pyodide.FS.writeFile(inside, fs.readFileSync(host));
}
for (const [inside] of spec.outputs) pyodide.FS.mkdirTree(path.posix.dirname(inside));
if (spec.cwd) pyodide.FS.chdir(spec.cwd);

const json = pyodide.pyimport("json");
// The arguments as Python objects (JSON text, parsed by Python), spread one level deep.
const args = json.loads(JSON.stringify(spec.args)).toJs({ depth: 1 });
const { fn } = callable(spec.call);
const value = fn(...args);
fs.writeFileSync(spec.result, `{"value": ${json.dumps(value)}, "loaded": ${JSON.stringify(pyodide.loadedPackages)}}`);
for (const [inside, host] of spec.outputs) fs.writeFileSync(host, pyodide.FS.readFile(inside));
