// Injected into every page the benchmark opens (Playwright add_init_script, which the
// page's CSP does not govern), before the page's own scripts. It only records; the
// benchmark reads window.__bench, and calls the helpers at the end of this file. All
// times are performance.now(): milliseconds since the navigation started.
(() => {
  const bench = {
    ready: null, // first moment the page shows what it is for (bare: "ready"; widget: a draft)
    answered: null, // widget: Python's first drafts on the page (saved drafts may come sooner)
    failed: null,
    longtasks: [],
    runs: [], // round trips of "run" requests to the Python worker, in ms
    edit: null, // {marker, input, shown} for the redraft measurement
    stages: [], // [what, when]: the worker's life as the page sees it
  };
  window.__bench = bench;
  let settleReady;
  bench.readyPromise = new Promise((resolve) => (settleReady = resolve));
  bench.answeredPromise = new Promise((resolve) => {
    document.addEventListener("followup:answered", () => {
      if (bench.answered !== null) return;
      bench.answered = performance.now();
      bench.stages.push(["Python answered", bench.answered]);
      resolve(bench.answered);
    });
  });

  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        bench.longtasks.push({
          start: entry.startTime,
          duration: entry.duration,
          source: (entry.attribution || []).map((a) => `${a.containerType}:${a.containerSrc || a.containerName || ""}`),
        });
      }
    }).observe({ type: "longtask", buffered: true });
  } catch {
    bench.longtasks = null; // not supported: reported as such
  }

  // Round trips of drafting requests ("plan", "run") to the widget's worker: sent -> answered.
  const NativeWorker = window.Worker;
  const sent = new Map();
  window.Worker = class extends NativeWorker {
    constructor(...args) {
      super(...args);
      // Named by its script: Material starts a search worker on every page too.
      bench.stages.push([`worker created (${String(args[0]).split("/").pop()})`, performance.now()]);
      this.addEventListener("message", (event) => {
        const data = event.data ?? {};
        if (data.type === "progress") bench.stages.push([data.stage, performance.now()]);
        else if (data.id !== undefined) bench.stages.push([`reply ${data.id}`, performance.now()]);
        const id = event.data?.id;
        if (id !== undefined && sent.has(id)) {
          bench.runs.push(performance.now() - sent.get(id));
          sent.delete(id);
        }
      });
    }
    postMessage(message, ...rest) {
      if (message?.type === "plan" || message?.type === "run") sent.set(message.id, performance.now());
      return super.postMessage(message, ...rest);
    }
  };

  function draftsText() {
    return [...document.querySelectorAll(".fu-results:not([hidden]) .fu-draft")].map((n) => n.textContent).join("\n");
  }

  function check() {
    const now = performance.now();
    if (bench.ready === null) {
      const bare = document.querySelector("[data-bench-status]");
      if ((bare && bare.textContent === "ready") || draftsText()) {
        bench.ready = now;
        bench.stages.push(["shown", now]);
        settleReady(now);
      } else if (bare?.textContent.startsWith("failed") || document.querySelector(".fu-unavailable")) {
        bench.failed = (bare || document.querySelector(".fu-unavailable")).textContent;
        settleReady(null);
      }
    }
    const edit = bench.edit;
    if (edit && edit.shown === null && edit.input !== null && draftsText().includes(edit.marker)) {
      edit.shown = now;
      edit.settle(edit);
    }
  }
  new MutationObserver(check).observe(document, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
  });
  document.addEventListener(
    "input",
    () => {
      if (bench.edit && bench.edit.input === null) bench.edit.input = performance.now();
    },
    true,
  );

  /** Arm the redraft measurement: resolves once a draft shows `marker`. */
  bench.armEdit = (marker) => {
    bench.edit = { marker, input: null, shown: null };
    bench.editPromise = new Promise((resolve) => (bench.edit.settle = resolve));
  };

  // ---------------------------------------------------------------- for bench/run.py
  // What the benchmark asks of a page, each called there in one line
  // (page.evaluate("args => window.__bench.settled(args)", ...)).

  /** Before the page runs (an init script after this one): the widget's stored form. */
  bench.prefill = (key, value) => {
    try {
      localStorage.setItem(key, value);
    } catch {
      // no storage here (about:blank, a refusing browser): nothing to prefill
    }
  };

  /** What the probe's promise bench[name] settles to, or "timeout" after `t` ms. */
  bench.settled = ([name, t]) =>
    Promise.race([window.__bench[name], new Promise((resolve) => setTimeout(() => resolve("timeout"), t))]);

  /** The redraft armed by armEdit: {input, shown}, or null after `t` ms. */
  bench.editShown = (t) =>
    Promise.race([
      window.__bench.editPromise.then((e) => ({ input: e.input, shown: e.shown })),
      new Promise((resolve) => setTimeout(() => resolve(null), t)),
    ]);

  /**
   * Wait until the service worker controls the page and, given the URL `wasm` (not
   * null), has cached it: true, or false after `t` ms.
   */
  bench.waitForOfflineCopy = async ([wasm, t]) => {
    const deadline = performance.now() + t;
    const timeout = new Promise((resolve) => setTimeout(() => resolve(null), t));
    if (!(await Promise.race([navigator.serviceWorker.ready, timeout]))) return false;
    while (performance.now() < deadline) {
      const controlled = navigator.serviceWorker.controller !== null;
      const cached = wasm === null || (await caches.match(wasm)) !== undefined;
      if (controlled && cached) return true;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return false;
  };

  /** The details' storage key and the debounce, from the site's own modules (URLs): the
   *  version-1 key where the store has moved on (it migrates what is saved there, as for
   *  a returning reader), null for a site older than these modules. */
  bench.widgetConstants = async ([store, widget]) => {
    try {
      const { KEYS, LEGACY_KEYS } = await import(store);
      return { store_key: LEGACY_KEYS?.details ?? KEYS.details, debounce_ms: (await import(widget)).DEBOUNCE_MS };
    } catch {
      return { store_key: null, debounce_ms: null };
    }
  };

  /** How the widget's Python started: {python: "snapshot" | "normal", problem, saved_drafts}. */
  bench.pythonStart = () => {
    const widget = document.querySelector(".fu-widget");
    if (!widget) return null;
    return {
      python: widget.dataset.fuPython || null,
      problem: widget.dataset.fuSnapshotProblem || null,
      saved_drafts: widget.dataset.fuSavedDrafts !== undefined,
    };
  };

  /** [the long tasks so far, when the load event ended (0: not yet)]. */
  bench.longTasksAndLoadEnd = () => [
    window.__bench.longtasks || [],
    performance.getEntriesByType("navigation")[0]?.loadEventEnd || 0,
  ];
})();
