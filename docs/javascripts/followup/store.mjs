// What the tool pages keep in this browser (localStorage), and nothing else: the details
// the reader typed, and the drafts Python last wrote from them.
//
// Keys are namespaced and versioned: a new shape gets a new key, with a migration.

/** The keys, exported for the tests and the benchmark, which ask this module for them. */
export const KEYS = Object.freeze({
  details: "followup:details:v1", // {data}: the form, as form.mjs reads it
  drafts: "followup:drafts:v1", // {build, data, result}: Python's last answer
  edits: "followup:edits:v1", // {[draft key]: {text, from}}: drafts the reader changed
});

function read(key) {
  try {
    return JSON.parse(localStorage.getItem(key));
  } catch {
    return null; // nothing saved, storage disabled, or a damaged entry
  }
}

function write(key, value) {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the tools still work for this visit, and the next one
    // starts afresh (no details, or no saved drafts: it waits for Python).
  }
}

/** The saved form, or null. */
export function loadDetails() {
  const saved = read(KEYS.details);
  return saved && typeof saved.data === "object" ? saved.data : null;
}

export function saveDetails(data) {
  write(KEYS.details, { data });
}

/**
 * The drafts saved for exactly these details by this build, or null. Drafting is a
 * function of those two alone (the date of drafting only goes into the .ics, which is
 * never saved), so Python's answer would be the same.
 */
export function loadDrafts(build, data) {
  const saved = read(KEYS.drafts);
  if (saved?.build !== build || JSON.stringify(saved.data) !== JSON.stringify(data)) return null;
  const { result } = saved;
  return Array.isArray(result?.steps) && Array.isArray(result?.drafts) ? result : null;
}

export function saveDrafts(build, data, result) {
  write(KEYS.drafts, { build, data, result });
}

/** The reader's own versions of drafts: {[key]: {text, from}}, `from` being the draft's
 *  text when they started changing it. */
export function loadEdits() {
  const saved = read(KEYS.edits);
  if (!saved || typeof saved !== "object" || Array.isArray(saved)) return {};
  return Object.fromEntries(
    Object.entries(saved).filter(([, edit]) => typeof edit?.text === "string" && typeof edit?.from === "string"),
  );
}

/** Keep the reader's version of a draft, or forget it (`edit` null). */
export function saveEdit(key, edit) {
  const edits = loadEdits();
  if (edit) edits[key] = edit;
  else delete edits[key];
  write(KEYS.edits, edits);
}

/** Forget everything the tools saved. */
export function forgetAll() {
  for (const key of Object.values(KEYS)) {
    try {
      localStorage.removeItem(key);
    } catch {
      // Nothing was stored.
    }
  }
}

/**
 * Call `callback` when another tab saves or forgets the details (the event never fires
 * in the tab that saved), so every tab shows what was saved last.
 */
export function onDetailsSavedElsewhere(callback) {
  window.addEventListener("storage", (event) => {
    if (event.key === KEYS.details || event.key === null) callback(); // null: storage cleared
  });
}
