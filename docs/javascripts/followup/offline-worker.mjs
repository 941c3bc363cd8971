// The site's service worker: after one visit the guide, and once a tool page has been
// opened the Python tools too, work with the network off.
//
// A module service worker: site/sw.js, written by site_build/offline.py at build time,
// imports this module and calls serve() with the build's manifest (its scope is the
// whole site). Browsers without module service workers get no offline copy.
//
// - One cache per deploy, named after a hash of every file listed below; a new deploy
//   installs a new cache and deletes the old ones when it activates.
// - "site" (pages, Material's assets, our scripts, the search index) is cached when the
//   worker installs: a few hundred kilobytes, fetched once the page has loaded.
// - "python" (the Pyodide runtime, lock and wheels: megabytes) is cached only when a
//   page with a widget asks for it (sw-register.js), so reading the guide never
//   downloads Python. The widget has just fetched those files with immutable caching,
//   so this mostly copies them from the HTTP cache.
// - "snapshot" (Python's memory snapshot, ~7 MB gzipped: the next visit's Python starts
//   from it, see followup-worker.mjs) is fetched only when such a page, its first drafts
//   shown and the page idle, asks; never at install, so a first visit is not slowed
//   down. It is stored inflated, which saves the next start its gunzip.
// - Navigations and files whose name does not change with their content: network first,
//   the cache when offline. Version-named files (pyodide/<version>/, packages-<hash>/,
//   Material's hashed bundles): cache first.

import { CacheRequest } from "./protocol.mjs";

/**
 * What this build's service worker caches, as site-relative URLs (site_build/offline.py).
 * @typedef {object} Manifest
 * @property {string} version a hash of every listed file: the cache's name
 * @property {string[]} site pages and assets, cached when the worker installs
 * @property {string[]} python the Python runtime, lock and wheels
 * @property {string[]} snapshot Python's memory snapshot
 * @property {string[]} immutable regular expressions of version- or content-named paths
 */

const CACHE_PREFIX = "after-the-interview-";
const SCOPE = new URL("./", self.location.href);
let MANIFEST = null;
let CACHE_NAME = "";
let KNOWN = new Set();
let IMMUTABLE = [];

/** A manifest entry ("steps/waiting/") as an absolute URL string. */
function absolute(path) {
  return new URL(path, SCOPE).href;
}

/** The site-relative path of a same-origin URL, or null for anything else. */
function sitePath(url) {
  return url.href.startsWith(SCOPE.href) ? url.href.slice(SCOPE.href.length).split(/[?#]/)[0] : null;
}

/** Put each URL in the cache: copied from an older cache when its name is version-named, else fetched. */
async function fill(cache, paths) {
  const missing = [];
  for (const path of paths) {
    if (await cache.match(absolute(path))) continue;
    const old = IMMUTABLE.some((re) => re.test(path)) ? await caches.match(absolute(path)) : undefined;
    if (old) await cache.put(absolute(path), old);
    else missing.push(absolute(path));
  }
  // addAll is all-or-nothing: a half-filled cache is never mistaken for a full one.
  if (missing.length) await cache.addAll(missing);
}

async function hasPython(cacheName) {
  const cache = await caches.open(cacheName);
  const paths = (await cache.keys()).map((request) => sitePath(new URL(request.url)));
  return paths.some((path) => path?.startsWith("pyodide/"));
}

function onInstall(event) {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE_NAME);
      await fill(cache, MANIFEST.site);
      // A reader who used the tools before a deploy keeps them offline after it.
      const older = (await caches.keys()).filter((n) => n.startsWith(CACHE_PREFIX) && n !== CACHE_NAME);
      for (const name of older) {
        if (await hasPython(name)) {
          await fill(cache, MANIFEST.python);
          // The snapshot only if unchanged (copied, no download): a new one is fetched
          // after the next widget start.
          for (const path of MANIFEST.snapshot) {
            const old = await caches.match(absolute(path));
            if (old) await cache.put(absolute(path), old);
          }
          break;
        }
      }
      await self.skipWaiting();
    })(),
  );
}

function onActivate(event) {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names.filter((n) => n.startsWith(CACHE_PREFIX) && n !== CACHE_NAME).map((n) => caches.delete(n)),
      );
      await self.clients.claim();
    })(),
  );
}

/** The snapshot, stored inflated (31 MB rather than 7): the next start skips ~0.2 s of gunzip. */
async function fillSnapshot(cache, paths) {
  for (const path of paths) {
    const url = absolute(path);
    if (await cache.match(url)) continue;
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status} for ${path}`);
    let bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
      // Read whole before storing: a damaged download fails gzip's checksum here.
      const inflated = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      bytes = await new Response(inflated).arrayBuffer();
    }
    await cache.put(url, new Response(bytes, { headers: { "Content-Type": "application/octet-stream" } }));
  }
}

// CacheRequest.python -> "python-cached" | "python-not-cached"; the snapshot likewise.
const CACHEABLE = { [CacheRequest.python]: "python", [CacheRequest.snapshot]: "snapshot" };
const FILL = { python: fill, snapshot: fillSnapshot };

function onMessage(event) {
  const part = CACHEABLE[event.data?.type];
  if (!part) return;
  const done = caches.open(CACHE_NAME).then((cache) => FILL[part](cache, MANIFEST[part]));
  event.waitUntil(
    done.then(
      () => event.source?.postMessage({ type: `${part}-cached`, version: MANIFEST.version }),
      // Offline or a file gone: the next visit with a widget tries again.
      () => event.source?.postMessage({ type: `${part}-not-cached`, version: MANIFEST.version }),
    ),
  );
}

async function fromCache(request, path) {
  const cache = await caches.open(CACHE_NAME);
  const hit = await cache.match(request, { ignoreSearch: true });
  if (hit || path === null) return hit;
  // "steps/waiting" and "steps/waiting/index.html" are the page cached as "steps/waiting/".
  const page = path.endsWith("index.html") ? path.slice(0, -"index.html".length) : `${path}/`;
  return KNOWN.has(page) ? cache.match(absolute(page)) : undefined;
}

function remember(event, path, response) {
  // Keep the cache to the manifest's files, and only whole, successful responses.
  if (path !== null && KNOWN.has(path) && response.status === 200 && response.type === "basic") {
    // Stored while the page already reads it: waiting for the disk first would hold
    // back every page and script by a cache write.
    const copy = response.clone();
    const stored = caches.open(CACHE_NAME).then((cache) => cache.put(event.request, copy));
    event.waitUntil(stored.catch(() => {})); // storage full: no offline copy of this one, no more
  }
  return response;
}

async function networkFirst(event, path) {
  const { request } = event;
  try {
    return remember(event, path, await fetch(request));
  } catch (offline) {
    const cached = await fromCache(request, path);
    if (cached) return cached;
    if (request.mode === "navigate") {
      const notFound = await caches.match(absolute("404.html"));
      if (notFound) return notFound;
    }
    throw offline;
  }
}

async function cacheFirst(event, path) {
  return (await fromCache(event.request, path)) ?? remember(event, path, await fetch(event.request));
}

function onFetch(event) {
  const { request } = event;
  if (request.method !== "GET" || request.headers.has("range")) return;
  const path = sitePath(new URL(request.url));
  if (path === null) return; // not ours: the browser handles it
  const immutable = request.mode !== "navigate" && IMMUTABLE.some((re) => re.test(path));
  event.respondWith(immutable ? cacheFirst(event, path) : networkFirst(event, path));
}

/** Start serving this build (`manifest`): called once, by sw.js. */
export function serve(/** @type {Manifest} */ manifest) {
  MANIFEST = manifest;
  CACHE_NAME = `${CACHE_PREFIX}${manifest.version}`;
  KNOWN = new Set([...manifest.site, ...manifest.python]);
  IMMUTABLE = manifest.immutable.map((pattern) => new RegExp(pattern));
  self.addEventListener("install", onInstall);
  self.addEventListener("activate", onActivate);
  self.addEventListener("message", onMessage);
  self.addEventListener("fetch", onFetch);
}
