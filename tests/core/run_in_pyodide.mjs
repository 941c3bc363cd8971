// Run the core test suite (tests/core) inside real Pyodide under Node.
//
//   node tests/core/run_in_pyodide.mjs --wheels DIR --tests DIR --examples DIR [pytest args...]
//
// Boots the npm runtime (node_modules/pyodide), unpacks every wheel in DIR into
// site-packages (micropip is not shipped, and these are plain wheels), copies the tests
// and the example files into Pyodide's in-memory file system under /work, runs
// pytest.main there and exits with its status. The last stdout line is
// "PYODIDE_RESULT {json}" with the node ids that passed, failed and were skipped.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "..", "..");

function parseArgs(argv) {
  const options = { wheels: null, tests: null, examples: null, pytest: [] };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === "--wheels" || flag === "--tests" || flag === "--examples") {
      options[flag.slice(2)] = path.resolve(argv[++i]);
    } else {
      options.pytest.push(flag);
    }
  }
  for (const key of ["wheels", "tests", "examples"]) {
    if (!options[key]) throw new Error(`missing --${key}`);
  }
  return options;
}

// Copy a host folder into Pyodide's file system (skipping caches Python would write).
function copyTree(FS, from, to) {
  FS.mkdirTree(to);
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (entry.name === "__pycache__" || entry.name.startsWith(".")) continue;
    const source = path.join(from, entry.name);
    const target = `${to}/${entry.name}`;
    if (entry.isDirectory()) copyTree(FS, source, target);
    else if (entry.isFile()) FS.writeFile(target, fs.readFileSync(source));
  }
}

const options = parseArgs(process.argv.slice(2));
const { loadPyodide } = await import(path.join(repo, "node_modules", "pyodide", "pyodide.mjs"));
const pyodide = await loadPyodide({
  indexURL: path.join(repo, "node_modules", "pyodide") + path.sep,
});
// Pass Python's output through unchanged (pytest's progress dots have no newline).
pyodide.setStdout({ write: (bytes) => fs.writeSync(1, bytes) });
pyodide.setStderr({ write: (bytes) => fs.writeSync(2, bytes) });

// unpackArchive extracts into the working directory unless told otherwise.
const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
const wheels = fs.readdirSync(options.wheels).filter((name) => name.endsWith(".whl")).sort();
for (const name of wheels) {
  // A Node Buffer is not a typed array Pyodide accepts; a plain Uint8Array view is.
  const bytes = fs.readFileSync(path.join(options.wheels, name));
  pyodide.unpackArchive(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), "wheel", {
    extractDir: sitePackages,
  });
}
pyodide.runPython("import importlib; importlib.invalidate_caches()");
console.log(`Unpacked ${wheels.length} wheels: ${wheels.join(", ")}`);

copyTree(pyodide.FS, options.tests, "/work/tests/core");
copyTree(pyodide.FS, options.examples, "/work/examples");
pyodide.FS.chdir("/work");

pyodide.globals.set("pytest_args", pyodide.toPy(options.pytest));
const status = await pyodide.runPythonAsync(`
import json
import sys

import pytest


class Outcomes:
    """Collects each test's outcome (the call phase, or setup when it was skipped)."""

    def __init__(self):
        self.passed, self.failed, self.skipped = [], [], {}

    def pytest_runtest_logreport(self, report):
        if report.when == "call" and report.passed:
            self.passed.append(report.nodeid)
        elif report.failed:
            self.failed.append(report.nodeid)
        elif report.skipped:
            self.skipped[report.nodeid] = str(report.longrepr[-1]) if isinstance(
                report.longrepr, tuple) else str(report.longrepr)


outcomes = Outcomes()
code = int(pytest.main(["-p", "no:cacheprovider", "tests/core", *pytest_args],
                       plugins=[outcomes]))
print("PYODIDE_RESULT " + json.dumps({
    "exit_code": code, "platform": sys.platform, "python": sys.version.split()[0],
    "passed": outcomes.passed, "failed": outcomes.failed, "skipped": outcomes.skipped,
}))
code
`);
process.exit(Number(status));
