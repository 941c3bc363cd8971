// Boots Pyodide and runs one line of Python, nothing else: the floor for the widgets'
// worker (docs/javascripts/followup/python-worker.mjs), which does this plus its
// packages. It reports the same start-up stages as that worker, so the benchmark can
// show where the two part ways.
import { Notice, Stage } from "../javascripts/followup/protocol.mjs";

function progress(stage) {
  self.postMessage({ type: Notice.progress, stage });
}

self.addEventListener("message", async (event) => {
  try {
    const { indexURL } = event.data;
    progress(Stage.downloading);
    const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
    const pyodide = await loadPyodide({
      indexURL,
      fsInit: async () => progress(Stage.starting),
      stdout: () => {},
      stderr: () => {},
    });
    pyodide.runPython("1 + 1");
    self.postMessage({ ok: true });
  } catch (error) {
    self.postMessage({ ok: false, message: String(error?.message ?? error) });
  }
});
