// Helpers the browser tests run in the site's pages. tests/conftest.py injects this file
// into every page it opens (context.add_init_script, which the page's CSP does not
// govern), before the page's own scripts; a test calls one of them with a one-line
// expression, e.g. page.evaluate("args => window.__tests.driveWorker(args)", {...}), or,
// for what must be in place before the page runs, page.add_init_script(script=
// "window.__tests.countRequests()") (init scripts run in the order they were added).
// test_offline.py also evaluates this file in the widget's Python worker, which has no
// `window`: hence globalThis. A plain script that only assigns: it declares nothing.
globalThis.__tests = {
  // ------------------------------------------------------------ test_accessibility.py

  /** The contrast of a checklist box's ::before, as drawn over the page's background. */
  contrastOfBox(box) {
    // The colour the box's ::before is drawn in, laid over the page's background.
    const parse = (css) => css.match(/[\d.]+/g).map(Number);
    const [r, g, b, a = 1] = parse(getComputedStyle(box, "::before").backgroundColor);
    const [pr, pg, pb] = parse(getComputedStyle(document.body).backgroundColor);
    const drawn = [r * a + pr * (1 - a), g * a + pg * (1 - a), b * a + pb * (1 - a)];
    const luminance = (rgb) => {
      const [R, G, B] = rgb.map((v) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * R + 0.7152 * G + 0.0722 * B;
    };
    const [light, dark] = [luminance(drawn), luminance([pr, pg, pb])].sort((x, y) => y - x);
    return (light + 0.05) / (dark + 0.05);
  },

  // ------------------------------------------------------------ test_checklist.py

  /** Counts the checklist's writes to localStorage, to prove one tick = one save. */
  countWrites() {
    window.__checklistWrites = 0;
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (String(key).startsWith("after-the-interview:checklist")) window.__checklistWrites += 1;
      return setItem.call(this, key, value);
    };
  },

  /** The focus ring checklist.js draws for a checkbox: its label's ::after. */
  checkboxRing(box) {
    const style = getComputedStyle(box.nextElementSibling, "::after");
    return { content: style.content, outline: style.outlineStyle, width: style.outlineWidth };
  },

  /** Before the page runs: a browser that refuses every write to storage (quota full). */
  refuseStorage() {
    Storage.prototype.setItem = () => {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
  },

  /** Saved ticks for `page`: the item `kept`, and one reworded since. */
  saveTicksWithARewordedItem([key, page, kept]) {
    return localStorage.setItem(key, JSON.stringify({ pages: { [page]: [kept, "An item that was reworded since"] } }));
  },

  // ------------------------------------------------------------ test_offline.py

  /**
   * Wait until the service worker controls the page and has every URL in its cache:
   * the URLs still missing after `timeout` ms (none when all is cached).
   */
  async waitForOfflineCopy([urls, timeout]) {
    const deadline = performance.now() + timeout;
    const late = new Promise((resolve) => setTimeout(() => resolve(null), timeout));
    if (!(await Promise.race([navigator.serviceWorker.ready, late]))) {
      return ["(no service worker was ever registered)"];
    }
    for (;;) {
      const missing = [];
      for (const url of urls) if (!(await caches.match(url))) missing.push(url);
      if (navigator.serviceWorker.controller && !missing.length) return [];
      if (performance.now() > deadline) return missing;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  },

  /** Run inside the Python worker (as its finder downloads the rest): a synchronous GET. */
  syncDownload(url) {
    const request = new XMLHttpRequest();
    request.open("GET", url, false);
    request.responseType = "arraybuffer";
    request.send();
    return [request.status, request.response.byteLength];
  },

  /**
   * Before the page runs: note when the page first asked to register its service worker
   * (window.__registeredAt), and when its Python start was over (window.__settledAt).
   */
  watchRegistration() {
    window.__registeredAt = null;
    window.__settledAt = null;
    const register = navigator.serviceWorker.register.bind(navigator.serviceWorker);
    navigator.serviceWorker.register = (...args) => {
      window.__registeredAt ??= Date.now();
      return register(...args);
    };
    document.addEventListener("followup:python-settled", () => {
      window.__settledAt ??= Date.now();
    });
  },

  /** Whether any cache holds a file under /pyodide/ (the Python runtime). */
  async cachesHoldPython() {
    const names = await caches.keys();
    const keys = await Promise.all(names.map(async (n) => (await caches.open(n)).keys()));
    return keys.flat().some((request) => new URL(request.url).pathname.startsWith("/pyodide/"));
  },

  // ------------------------------------------------------------ test_snapshot.py

  /**
   * A fresh python-worker.mjs, "init", then for each input one request of each type in
   * `types` ("run": the whole plan; "plan": the same without the .ics).
   */
  async driveWorker({ workerURL, init, inputs, types }) {
    const worker = new Worker(workerURL, { type: "module" });
    const pending = new Map();
    let nextId = 1;
    worker.addEventListener("message", (event) => {
      const waiting = pending.get(event.data?.id);
      if (waiting) {
        pending.delete(event.data.id);
        waiting(event.data);
      }
    });
    const call = (type, payload) =>
      new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        worker.postMessage({ id, type, payload });
      });
    try {
      const ready = await call("init", init);
      const replies = [];
      for (const input of inputs) for (const type of types) replies.push(await call(type, input));
      return { ready, replies };
    } finally {
      worker.terminate();
    }
  },

  /** Put bytes (base64) in Cache Storage under the snapshot's URL. */
  async cacheBytes({ url, data }) {
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    const cache = await caches.open("test-snapshot");
    await cache.put(url, new Response(bytes, { headers: { "Content-Type": "application/gzip" } }));
  },

  /** Fetch the snapshot and cache it, as the service worker does. */
  async cacheFetched(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}`);
    await (await caches.open("test-snapshot")).put(url, response);
  },

  /**
   * Before the page runs: note when the widget says how its Python started (it is ready:
   * window.__pythonReadyAt) and what the service worker answers (window.__serviceWorkerSaid).
   */
  watchPage() {
    window.__pythonReadyAt = null;
    window.__serviceWorkerSaid = [];
    new MutationObserver(() => {
      if (window.__pythonReadyAt === null && document.querySelector(".fu-widget[data-fu-python]")) {
        window.__pythonReadyAt = Date.now();
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-fu-python"] });
    navigator.serviceWorker?.addEventListener("message", (event) => {
      window.__serviceWorkerSaid.push(event.data?.type);
    });
  },

  /**
   * What the service worker has said of `kind` ("snapshot-cached", "snapshot-not-cached"
   * for "snapshot"), once it has said anything of it; [] after `timeout` ms. Needs watchPage.
   */
  async waitForServiceWorkerMessage([kind, timeout]) {
    const deadline = performance.now() + timeout;
    while (performance.now() < deadline) {
      const said = window.__serviceWorkerSaid.filter((t) => t?.startsWith(`${kind}-`));
      if (said.length) return said;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return [];
  },

  // ------------------------------------------------------------ test_widget.py

  /** The localStorage key of KEYS[what] for the application this tab has open (a key
   *  per application ends in ":"), or of LEGACY_KEYS[what] when `legacy`. */
  async storeKey(storeModule, what, legacy = false) {
    const store = await import(new URL(storeModule, location.href).href);
    if (legacy) return store.LEGACY_KEYS[what];
    const key = store.KEYS[what];
    return key.endsWith(":") ? key + store.currentId() : key;
  },

  /** Save applications ([{id, details}]) as the tools would have. */
  async seedApplications(storeModule, applications) {
    const store = await import(new URL(storeModule, location.href).href);
    for (const { id, details } of applications) store.saveApplication(id, details);
  },

  /** Every saved application's {id, details}, in id order. */
  async savedApplications(storeModule) {
    const store = await import(new URL(storeModule, location.href).href);
    return store
      .listApplications()
      .map(({ id, details }) => ({ id, details }))
      .sort((a, b) => a.id.localeCompare(b.id));
  },

  /** Every key the tools keep in localStorage, with its value: a board's whole state. */
  toolStorage() {
    return Object.fromEntries(
      Object.keys(localStorage)
        .filter((key) => key.startsWith("followup:"))
        .sort()
        .map((key) => [key, localStorage.getItem(key)]),
    );
  },

  /** What the tools keep under that key (null: nothing). */
  async stored(storeModule, what, legacy = false) {
    return localStorage.getItem(await window.__tests.storeKey(storeModule, what, legacy));
  },

  /** Put `value` under that key, as if the tools had saved it. */
  async putStored(storeModule, what, value, legacy = false) {
    localStorage.setItem(await window.__tests.storeKey(storeModule, what, legacy), value);
  },

  /** axe-core's violations inside the widget (axe must be injected already). */
  async widgetViolations() {
    const results = await axe.run(document.querySelector(".fu-widget"), { resultTypes: ["violations"] });
    return results.violations.map((v) => ({
      id: v.id,
      help: v.help,
      targets: v.nodes.map((n) => n.target),
      summary: v.nodes.map((n) => n.failureSummary).slice(0, 3),
    }));
  },

  /** Today in the browser's time zone, as a date field's value: "2026-12-01". */
  today() {
    const d = new Date();
    return [d.getFullYear(), d.getMonth() + 1, d.getDate()].map((n) => String(n).padStart(2, "0")).join("-");
  },

  /** Before the page runs: count the widget's "Python has answered" events (window.__answered). */
  countAnswers() {
    window.__answered = 0;
    document.addEventListener("followup:answered", () => {
      window.__answered += 1;
    });
  },

  /** Resolves once the widget's Python has answered (at once if it already has). Needs countAnswers. */
  waitForAnAnswer(timeout) {
    return new Promise((resolve, reject) => {
      if (window.__answered) resolve();
      else document.addEventListener("followup:answered", () => resolve(), { once: true });
      setTimeout(() => reject(new Error(`Python did not answer within ${timeout} ms`)), timeout);
    });
  },

  /** Before the page runs: every drafting request the page sends its worker (window.__asked). */
  countRequests() {
    window.__asked = [];
    const send = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (message, ...rest) {
      if (message?.type === "plan" || message?.type === "run") window.__asked.push(message.type);
      return send.call(this, message, ...rest);
    };
  },
};
