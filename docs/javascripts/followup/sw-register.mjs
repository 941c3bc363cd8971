// Offline on repeat visits: registers the site's service worker (sw.js at the site
// root, written by site_build/offline.py) and, once a widget's Python has answered on
// this page, asks it to keep the Python runtime for offline use too.
//
// Registration waits for the page's "load" event so it never competes with what the
// reader opened the page for. On a tool page (it starts Python) it waits until that
// Python has answered or failed (PageEvent.settled) instead: installing fetches every
// page and asset, which on a first visit held the first drafts back by about 0.1 s on two
// cores.
//
// The Python files are requested only after a widget announced PageEvent.answered (its
// first drafts are on the page; it has just downloaded those files, with immutable
// caching, so the worker mostly copies them from the HTTP cache): guide pages never
// fetch Python, and copying megabytes never competes with the first drafts.
//
// Any failure (private mode, storage full, service workers blocked, a browser without
// module service workers) only means no offline copy, so it stays silent.
import { CacheRequest, PageEvent } from "./protocol.mjs";
import { startsPython } from "./python-client.mjs";

const SITE_ROOT = new URL("../../", import.meta.url); // <site>/javascripts/followup/ -> <site>/
const WORKER_URL = new URL("sw.js", SITE_ROOT);

let registered = false;
let answered = false;
let asked = false;

function ask(type) {
  navigator.serviceWorker.ready.then((registration) => registration.active?.postMessage({ type }));
}

// Once per page session, when the service worker is registered and a widget has
// answered: the Python worker lives as long as the page (instant navigation included),
// and so does what it downloaded.
// - The Python files, for offline use: asked for at once.
// - Python's memory snapshot (megabytes), which lets the next visit start Python in a
//   fraction of the time: asked for once the page is idle, so it never competes with this
//   visit's own start.
function keepForLater() {
  if (asked || !registered || !answered) return;
  asked = true;
  ask(CacheRequest.python);
  const whenIdle = window.requestIdleCallback ?? ((callback) => setTimeout(callback, 1000));
  whenIdle(() => ask(CacheRequest.snapshot), { timeout: 5000 });
}

function register() {
  navigator.serviceWorker.register(WORKER_URL.href, { scope: SITE_ROOT.href, type: "module" }).then(
    () => {
      registered = true;
      keepForLater();
    },
    () => {}, // no offline copy this time; nothing else changes
  );
}

if ("serviceWorker" in navigator) {
  document.addEventListener(PageEvent.answered, () => {
    answered = true;
    keepForLater();
  });
  // Each page that starts Python settles it again (instant navigation): register once.
  if (startsPython()) {
    document.addEventListener(PageEvent.settled, register, { once: true });
  } else if (document.readyState === "complete") {
    register();
  } else {
    window.addEventListener("load", register, { once: true });
  }
}
