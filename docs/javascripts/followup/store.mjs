// What the tools keep in this browser (localStorage), and nothing else: every application
// the reader has entered (its details), the drafts Python last wrote for it, and the
// drafts they changed. Nothing is ever sent anywhere.
//
// Each application has keys of its own, so two tabs editing two applications never write
// over each other, and there is no shared index to lose: the board is every application
// key there is. Keys are namespaced and versioned: a new shape gets a new key, and the
// old one is migrated (`migrate`, run when this module loads).
//
// Why localStorage and not IndexedDB: an application is a few kilobytes (its saved
// drafts about 10 kB), so a board of a hundred fits many times over in the 5 MB a
// browser gives a site, and synchronous reads let a page show saved drafts in its first
// paint, before anything asynchronous has run.

export const VERSION = 2;
const PREFIX = "followup:";

/** The keys, exported for the tests and the benchmark, which ask this module for them. */
export const KEYS = Object.freeze({
  application: `${PREFIX}application:v${VERSION}:`, // + id: {id, details, created, updated}
  drafts: `${PREFIX}drafts:v${VERSION}:`, // + id: {build, data, result}: Python's last answer
  edits: `${PREFIX}edits:v${VERSION}:`, // + id: {[draft key]: {text, from}}
  lastOpened: `${PREFIX}last-opened:v${VERSION}`, // the id opened last, in any tab
  current: `${PREFIX}current:v${VERSION}`, // sessionStorage: the id this tab has open
});

/** What version 1 kept (one interview): read once by `migrate`, then removed. */
export const LEGACY_KEYS = Object.freeze({
  details: `${PREFIX}details:v1`,
  drafts: `${PREFIX}drafts:v1`,
  edits: `${PREFIX}edits:v1`,
});
// The application version 1's interview becomes (the same in every tab that migrates).
const MIGRATED_ID = "first";
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

function read(key, storage = localStorage) {
  try {
    return JSON.parse(storage.getItem(key));
  } catch {
    return null; // nothing saved, storage disabled, or a damaged entry
  }
}

function write(key, value, storage = localStorage) {
  try {
    storage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    // Storage full or disabled: the tools still work for this visit, and the next one
    // starts afresh (no details, or no saved drafts: it waits for Python).
    return false;
  }
}

function remove(key, storage = localStorage) {
  try {
    storage.removeItem(key);
  } catch {
    // Nothing was stored.
  }
}

function storedKeys() {
  try {
    return Array.from({ length: localStorage.length }, (_, index) => localStorage.key(index));
  } catch {
    return [];
  }
}

const isObject = (value) => Boolean(value) && typeof value === "object" && !Array.isArray(value);

// ------------------------------------------------------------------ applications

/** A new application's id: random, short, safe in a key and a URL. */
export function newId() {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  return Array.from(bytes, (byte) => byte.toString(36).padStart(2, "0")).join("");
}

/** One application ({id, details, created, updated}), or null. */
export function loadApplication(id) {
  const saved = id ? read(KEYS.application + id) : null;
  return isObject(saved) && isObject(saved.details) ? { ...saved, id } : null;
}

/** Every application saved in this browser, most recently changed first. */
export function listApplications() {
  return storedKeys()
    .filter((key) => key?.startsWith(KEYS.application))
    .map((key) => loadApplication(key.slice(KEYS.application.length)))
    .filter(Boolean)
    .sort((a, b) => String(b.updated).localeCompare(String(a.updated)));
}

/**
 * Keep an application's details (a new one is created); false if storage refused. When
 * storage is full, the saved drafts of the other applications go first (Python writes
 * them again when they are opened): what the reader typed matters more.
 */
export function saveApplication(id, details) {
  const now = new Date().toISOString();
  const before = loadApplication(id);
  const record = { id, details, created: before?.created ?? now, updated: now };
  if (write(KEYS.application + id, record)) return true;
  for (const key of storedKeys()) if (key?.startsWith(KEYS.drafts) && key !== KEYS.drafts + id) remove(key);
  return write(KEYS.application + id, record);
}

/** Forget one application, its drafts and its edits. A tab that had it open starts a new
 *  one with its next edit (never writing into another). */
export function forgetApplication(id) {
  for (const prefix of [KEYS.application, KEYS.drafts, KEYS.edits]) remove(prefix + id);
  if (read(KEYS.lastOpened) === id) remove(KEYS.lastOpened);
  if (read(KEYS.current, sessionStorage) === id) write(KEYS.current, newId(), sessionStorage);
}

/** Forget every application, and anything version 1 left. */
export function forgetAll() {
  for (const key of storedKeys()) if (key?.startsWith(PREFIX)) remove(key);
  write(KEYS.current, newId(), sessionStorage);
}

// ------------------------------------------------------------------ which one is open

/**
 * The application this tab has open, kept per tab (sessionStorage) so that two tabs can
 * each have their own and another tab opening one never moves this one. A tab that has
 * none yet takes the one opened last anywhere, else the latest changed, else a new id
 * (saved with the first edit).
 */
export function currentId() {
  const pinned = read(KEYS.current, sessionStorage);
  if (typeof pinned === "string" && ID_PATTERN.test(pinned)) return pinned;
  const last = read(KEYS.lastOpened);
  const id = (typeof last === "string" && loadApplication(last) ? last : null) ?? listApplications()[0]?.id ?? newId();
  write(KEYS.current, id, sessionStorage);
  return id;
}

/** Open `id` in this tab (and make it the one other pages open first). */
export function open(id) {
  write(KEYS.current, id, sessionStorage);
  write(KEYS.lastOpened, id);
}

/** Start a new application in this tab, with `details` (a blank form when null). */
export function openNew(details = null) {
  const id = newId();
  if (details) saveApplication(id, details);
  open(id);
  return id;
}

// ------------------------------------------------------------------ the open one

/** The open application's saved form, or null. */
export function loadDetails() {
  return loadApplication(currentId())?.details ?? null;
}

/** Keep the form as the open application's details (creating it on the first edit). */
export function saveDetails(data) {
  const id = currentId();
  saveApplication(id, data);
  write(KEYS.lastOpened, id);
}

/**
 * The drafts saved for exactly these details by this build, or null. Drafting is a
 * function of those two alone (the date of drafting only goes into the .ics, which is
 * never saved), so Python's answer would be the same.
 */
export function loadDrafts(build, data) {
  const saved = read(KEYS.drafts + currentId());
  if (saved?.build !== build || JSON.stringify(saved.data) !== JSON.stringify(data)) return null;
  const { result } = saved;
  return Array.isArray(result?.steps) && Array.isArray(result?.drafts) ? result : null;
}

export function saveDrafts(build, data, result) {
  write(KEYS.drafts + currentId(), { build, data, result });
}

/** The reader's own versions of an application's drafts: {[key]: {text, from}}, `from`
 *  being the draft's text when they started changing it. */
export function loadEdits(id = currentId()) {
  const saved = read(KEYS.edits + id);
  if (!isObject(saved)) return {};
  return Object.fromEntries(
    Object.entries(saved).filter(([, edit]) => typeof edit?.text === "string" && typeof edit?.from === "string"),
  );
}

/** Keep the reader's version of a draft, or forget it (`edit` null). */
export function saveEdit(key, edit) {
  const id = currentId();
  const edits = loadEdits(id);
  if (edit) edits[key] = edit;
  else delete edits[key];
  write(KEYS.edits + id, edits);
}

// ------------------------------------------------------------------ moving a board

/** Every application as the board file holds it (Python adds the file's frame). */
export function applicationsForExport() {
  return listApplications().map(({ id, details, updated }) => ({ id, details, edits: loadEdits(id), updated }));
}

/** Keep applications read from a board file (checked by Python): same ids are replaced. */
export function importApplications(applications) {
  for (const { id, details, edits } of applications) {
    if (!ID_PATTERN.test(id)) continue;
    saveApplication(id, details);
    remove(KEYS.drafts + id); // written for the details being replaced
    write(KEYS.edits + id, isObject(edits) ? edits : {});
  }
}

// ------------------------------------------------------------------ version 1

/**
 * Version 1 kept one interview under three keys: it becomes an application (its drafts
 * and edits with it), so a reader who used the tools before finds it on the board. Safe
 * to run in several tabs at once: the id is fixed and an existing copy is not replaced.
 */
export function migrate() {
  const details = read(LEGACY_KEYS.details);
  if (isObject(details?.data) && !loadApplication(MIGRATED_ID)) {
    const written = write(KEYS.application + MIGRATED_ID, {
      id: MIGRATED_ID,
      details: details.data,
      created: new Date().toISOString(),
      updated: new Date().toISOString(),
    });
    if (!written) return; // full storage: keep version 1 as it is, and try next time
    const drafts = read(LEGACY_KEYS.drafts);
    if (isObject(drafts)) write(KEYS.drafts + MIGRATED_ID, drafts);
    const edits = read(LEGACY_KEYS.edits);
    if (isObject(edits)) write(KEYS.edits + MIGRATED_ID, edits);
  }
  for (const key of Object.values(LEGACY_KEYS)) remove(key);
}

migrate();

// ------------------------------------------------------------------ other tabs

/**
 * Call `callback(id)` when another tab saves or forgets an application (the event never
 * fires in the tab that saved); `id` is null when storage was cleared.
 */
export function onSavedElsewhere(callback) {
  window.addEventListener("storage", (event) => {
    if (event.key === null) callback(null);
    else if (event.key.startsWith(KEYS.application)) callback(event.key.slice(KEYS.application.length));
  });
}
