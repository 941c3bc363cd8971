// Boots Pyodide and runs one line of Python, nothing else: the floor for the widgets'
// worker (docs/javascripts/followup-worker.mjs), which does this plus its packages.
self.addEventListener("message", async (event) => {
  try {
    const { indexURL } = event.data;
    const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
    const pyodide = await loadPyodide({ indexURL, stdout: () => {}, stderr: () => {} });
    pyodide.runPython("1 + 1");
    self.postMessage({ ok: true });
  } catch (error) {
    self.postMessage({ ok: false, message: String(error?.message ?? error) });
  }
});
