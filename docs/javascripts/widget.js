// The follow-up widgets on the tool pages (a module script). Material's instant
// navigation swaps pages without reloading, so everything starts from document$;
// the Python worker is started once and kept for the whole visit.
//
// Everything the reader typed, and everything Python wrote from it, is put on the
// page with textContent / value / attributes, never as HTML.
import { FollowupClient } from "./followup-client.mjs";

const STORE_KEY = "followup:details:v1"; // namespaced and versioned: bump on a new shape
// The drafts Python last wrote, with the details and the build they were written from:
// a return visit shows them at once (see Widget.showSavedDrafts).
const DRAFTS_KEY = "followup:drafts:v1";
const DEBOUNCE_MS = 300;
const ASSETS = new URL(".", import.meta.url); // <site>/javascripts/
const SITE_ROOT = new URL("..", ASSETS); // where data-pyodide-* URLs are relative to
const INTERVIEWER_PARTS = ["name", "role", "email", "topic"];
const STAGE_TEXT = {
  downloading: "downloading Python (step 1 of 3)",
  "starting Python": "starting Python (step 2 of 3)",
  "loading the packages": "loading the packages (step 3 of 3)",
};

let python = null; // one FollowupClient per visit, shared by every widget

function pythonFor(root) {
  if (!python) {
    python = new FollowupClient({
      workerURL: new URL("followup-worker.mjs", ASSETS),
      indexURL: new URL(root.dataset.pyodideIndex, SITE_ROOT),
      lockURL: new URL(root.dataset.pyodideLock, SITE_ROOT),
      snapshotURL: root.dataset.pyodideSnapshot ? new URL(root.dataset.pyodideSnapshot, SITE_ROOT) : null,
      snapshotBytes: Number(root.dataset.pyodideSnapshotBytes) || 0,
      stdlibURL: root.dataset.pyodideStdlib ? new URL(root.dataset.pyodideStdlib, SITE_ROOT) : null,
    });
  }
  return python;
}

// ------------------------------------------------------------------ saved details

const store = {
  /** The parsed entry under `key`, or null (nothing saved, storage disabled, damaged). */
  read(key) {
    try {
      return JSON.parse(localStorage.getItem(key));
    } catch {
      return null;
    }
  },
  write(key, value) {
    try {
      localStorage.setItem(key, JSON.stringify(value));
    } catch {
      // Storage full or disabled: the widget still works for this visit, and the next
      // one starts afresh (no details, or no saved drafts: it waits for Python).
    }
  },
  load() {
    const saved = this.read(STORE_KEY);
    return saved && typeof saved.data === "object" ? saved.data : null;
  },
  save(data) {
    this.write(STORE_KEY, { data });
  },
  /** The drafts saved for exactly these details by this build, or null. */
  loadDrafts(build, data) {
    const saved = this.read(DRAFTS_KEY);
    if (saved?.build !== build || JSON.stringify(saved.data) !== JSON.stringify(data)) return null;
    const { result } = saved;
    return Array.isArray(result?.steps) && Array.isArray(result?.drafts) ? result : null;
  },
  saveDrafts(build, data, result) {
    this.write(DRAFTS_KEY, { build, data, result });
  },
  clear() {
    for (const key of [STORE_KEY, DRAFTS_KEY]) {
      try {
        localStorage.removeItem(key);
      } catch {
        // Nothing was stored.
      }
    }
  },
};

// ------------------------------------------------------------------ small helpers

function element(tag, attributes = {}, text = "") {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value);
  }
  if (text) node.textContent = text;
  return node;
}

/** True once a step's time has gone by, on the reader's clock (drafting never looks). */
function isPast(step) {
  const due = Date.parse(step.due);
  return Number.isFinite(due) && due < Date.now();
}

/** The names on thank-yous whose words, after the greeting, another one shares. */
function alikeThankYous(drafts) {
  const byWords = new Map();
  for (const draft of drafts.filter((each) => each.step === "thank-you" && each.to_name)) {
    const words = draft.body.split("\n").slice(1).join("\n"); // all but "Hi Priya,"
    byWords.set(words, [...(byWords.get(words) ?? []), draft.to_name]);
  }
  return [...byWords.values()].filter((names) => names.length > 1).flat();
}

/** "Priya", "Priya and Tom", "Priya, Tom and Sam". */
function listOfNames(names) {
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : names.join("");
}

/** "Send it on <time>", or, once that time has gone by, what to do now. */
function whenToDo(step, draftStep) {
  const time = element("time", { datetime: step.due }, step.due_label);
  const line = element("p", { class: "fu-when" });
  if (!isPast(step)) {
    line.append(draftStep === "call" ? "Call on " : "Send it on ", time);
    return line;
  }
  line.classList.add("fu-overdue");
  if (draftStep === "call") {
    line.append("This call was due on ", time, ". If you have not made it yet, call when you can.");
  } else {
    line.append("This was due on ", time, ". If you have not sent it yet, send it as soon as you can.");
  }
  // The thank-you says when you met relative to the day it was meant to go out.
  if (draftStep === "thank-you") line.append(" It was written for that day, so check that words such as \"today\" still fit.");
  return line;
}

function today() {
  const now = new Date();
  const pad = (number) => String(number).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function browserTimezone(fallback) {
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return zone && zone !== "Etc/Unknown" ? zone : fallback;
  } catch {
    return fallback;
  }
}

/** A mailto: URL (RFC 6068): percent-encoded UTF-8, line breaks as %0D%0A. */
export function mailtoHref({ to = "", subject = "", body = "" }) {
  const encode = (text) => encodeURIComponent(text.replace(/\r\n|\r|\n/g, "\r\n"));
  const query = [];
  if (subject) query.push(`subject=${encode(subject)}`);
  if (body) query.push(`body=${encode(body)}`);
  const address = encodeURIComponent(to).replace(/%40/g, "@");
  return `mailto:${address}${query.length ? `?${query.join("&")}` : ""}`;
}

/** Only plain https links leave the page (defence in depth: the core builds them). */
function safeHttps(url) {
  try {
    return new URL(url).protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

async function copyText(text, button) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard API or no permission: fall back to a selected, off-screen textarea.
  }
  const area = element("textarea", { readonly: "", class: "fu-offscreen", "aria-hidden": "true" });
  area.value = text;
  document.body.append(area);
  area.select();
  let copied = false;
  try {
    copied = document.execCommand("copy");
  } catch {
    copied = false;
  }
  area.remove();
  button.focus();
  return copied;
}

/** Fields restored from storage are checked: old or damaged entries cannot break the form. */
function cleanSaved(saved, defaults) {
  const data = { ...defaults };
  for (const key of Object.keys(defaults)) {
    if (key !== "interviewers" && typeof saved?.[key] === "string") data[key] = saved[key];
  }
  if (Array.isArray(saved?.interviewers)) {
    data.interviewers = saved.interviewers
      .filter((row) => row && typeof row === "object")
      .map((row) => Object.fromEntries(
        INTERVIEWER_PARTS.map((part) => [part, typeof row[part] === "string" ? row[part] : ""]),
      ));
  }
  return data;
}

// ------------------------------------------------------------------ one widget

class Widget {
  constructor(root) {
    this.root = root;
    this.kind = root.dataset.fuWidget;
    this.prefix = root.dataset.fuPrefix;
    this.form = root.querySelector(".fu-form");
    this.rows = root.querySelector("[data-fu-rows]");
    this.template = root.querySelector('template[data-fu-template="interviewer"]');
    this.progress = root.querySelector(".fu-progress");
    this.problems = root.querySelector(".fu-problems");
    this.message = root.querySelector(".fu-message");
    this.results = root.querySelector(".fu-results");
    this.forgetStatus = root.querySelector(".fu-forget-status");
    this.addStatus = root.querySelector(".fu-add-status");
    this.required = new Set((root.dataset.fuRequired || "").split(" ").filter(Boolean));
    this.maxRows = Number(root.dataset.fuMaxInterviewers) || 10;
    this.headingLevel = Math.min(Number(this.results.dataset.fuHeadingLevel) || 3, 6);
    this.touched = new Set(); // fields the reader has visited: only they may show "required"
    this.errors = [];
    this.result = null;
    this.calendarFile = null; // calendar widget: a promise of {ics, name}, or of null
    this.calendarData = null; // the details it is made from: those of the dates shown
    this.ready = false;
    this.timer = 0;
    this.ticket = 0;
    this.lastDetails = null; // the form as JSON when last saved: what Python is (to be) asked

    this.fillTimezones();
    this.defaults = this.readDefaults();
    this.restore(cleanSaved(store.load(), this.defaults));
    // Which drafts a saved answer is valid for: this runtime and these packages (the
    // lock's name changes with every wheel, the core's templates included).
    this.build = `${root.dataset.pyodideIndex} ${root.dataset.pyodideLock}`;
    this.showSavedDrafts();

    this.form.addEventListener("submit", (event) => event.preventDefault());
    this.form.addEventListener("input", (event) => this.edited(event));
    this.form.addEventListener("change", (event) => this.edited(event));
    this.form.addEventListener("focusout", (event) => this.visited(event));
    root.addEventListener("click", (event) => this.clicked(event));

    this.python = pythonFor(root);
    this.stopListening = this.python.onStage((stage, failure) => this.showStage(stage, failure));
    // Settles once Python has answered for the first time (or could not start); then
    // sw-register.js may install the offline copy without slowing this start down.
    this.firstAnswer = this.python.ready.then(
      () => {
        this.ready = true;
        // How Python started ("snapshot" or "normal", and why not the snapshot), for the
        // benchmark and the tests; the reader sees no difference but the speed.
        this.root.dataset.fuPython = this.python.started?.python ?? "";
        if (this.python.started?.snapshotProblem) this.root.dataset.fuSnapshotProblem = this.python.started.snapshotProblem;
        // Once the first drafts are on the page, sw-register.js may fetch what only the
        // next visit needs (Python's memory snapshot).
        return this.runNow().then(() => document.dispatchEvent(new CustomEvent("followup:answered")));
      },
      () => {}, // shown by showStage
    ).then(() => document.dispatchEvent(new CustomEvent("followup:python-settled")));
  }

  // -- the form

  controls() {
    return this.form.querySelectorAll("[data-fu-field]:not([data-fu-part])");
  }

  fillTimezones() {
    const list = this.root.querySelector("datalist");
    if (!list || list.childElementCount) return;
    let zones = [];
    try {
      zones = Intl.supportedValuesOf("timeZone");
    } catch {
      zones = []; // older browsers: the field still takes any name
    }
    list.append(...zones.map((zone) => element("option", { value: zone })));
  }

  readDefaults() {
    const defaults = { interviewers: [Object.fromEntries(INTERVIEWER_PARTS.map((p) => [p, ""]))] };
    for (const control of this.controls()) {
      const field = control.dataset.fuField;
      if (control.tagName === "SELECT") {
        const chosen = [...control.options].find((option) => option.defaultSelected);
        defaults[field] = chosen ? chosen.value : control.options[0]?.value ?? "";
      } else if (field === "date") {
        defaults[field] = today();
      } else if (field === "timezone") {
        defaults[field] = browserTimezone(this.root.dataset.fuDefaultTimezone || "Europe/London");
      } else {
        defaults[field] = "";
      }
    }
    return defaults;
  }

  restore(data) {
    for (const control of this.controls()) control.value = data[control.dataset.fuField] ?? "";
    this.rows.replaceChildren();
    for (const row of data.interviewers) this.addRow(row);
  }

  collect() {
    const data = {};
    for (const control of this.controls()) data[control.dataset.fuField] = control.value;
    data.interviewers = [...this.rows.children].map((row) => Object.fromEntries(
      INTERVIEWER_PARTS.map((part) => [part, row.querySelector(`[data-fu-part="${part}"]`).value]),
    ));
    return data;
  }

  addRow(values = {}) {
    const row = this.template.content.firstElementChild.cloneNode(true);
    for (const part of INTERVIEWER_PARTS) {
      row.querySelector(`[data-fu-part="${part}"]`).value = values[part] ?? "";
    }
    this.rows.append(row);
    this.numberRows();
    return row;
  }

  /** Give every row its number, its ids and its field paths (interviewers[i].name). */
  numberRows() {
    [...this.rows.children].forEach((row, index) => {
      for (const number of row.querySelectorAll("[data-fu-number]")) number.textContent = String(index + 1);
      const stem = `${this.prefix}-interviewer-${index + 1}`;
      for (const part of INTERVIEWER_PARTS) {
        const control = row.querySelector(`[data-fu-part="${part}"]`);
        const field = control.closest(".fu-field");
        const id = `${stem}-${part}`;
        control.id = id;
        control.name = id;
        control.dataset.fuField = `interviewers[${index}].${part}`;
        field.querySelector("label").htmlFor = id;
        const hint = field.querySelector(".fu-hint");
        if (hint) hint.id = `${id}-hint`;
        field.querySelector(".fu-error").id = `${id}-error`;
        this.describe(control, false);
      }
    });
  }

  /** Point aria-describedby at the control's hint, and at its error while it has one. */
  describe(control, withError) {
    const field = control.closest(".fu-field");
    const ids = [field.querySelector(".fu-hint")?.id, withError ? `${control.id}-error` : null];
    const value = ids.filter(Boolean).join(" ");
    if (value) control.setAttribute("aria-describedby", value);
    else control.removeAttribute("aria-describedby");
    if (withError) control.setAttribute("aria-invalid", "true");
    else control.removeAttribute("aria-invalid");
  }

  // -- events

  edited(event) {
    const field = event.target.dataset?.fuField;
    if (!field) return;
    this.touched.add(field);
    this.forgetStatus.textContent = "";
    this.saveAndRun();
  }

  visited(event) {
    const field = event.target.dataset?.fuField;
    if (!field) return;
    // A half-typed date or time changes no value, so no edit asked Python again: the
    // reader leaving it, or coming back to clear it, is when to say so (or stop saying it).
    const shownUnfinished = this.errors.some((error) => error.field === field && error.unfinished);
    if (Boolean(event.target.validity?.badInput) !== shownUnfinished && this.ready) {
      this.touched.add(field);
      this.runNow();
      return;
    }
    if (this.touched.has(field)) return;
    this.touched.add(field);
    this.showErrors(this.errors); // a required field left empty now says so
  }

  /** Date and time fields holding what the browser cannot read yet ("12/08/yyyy"). */
  unfinished() {
    return [...this.controls()].filter((control) => control.validity?.badInput).map((control) => ({
      field: control.dataset.fuField,
      message: control.type === "time"
        ? "is not complete: fill in the hours and the minutes"
        : "is not complete: fill in the day, the month and the year",
      unfinished: true,
    }));
  }

  clicked(event) {
    const button = event.target.closest("[data-fu-action]");
    if (!button || !this.root.contains(button)) return;
    const action = button.dataset.fuAction;
    if (action === "add-interviewer") this.addInterviewer();
    else if (action === "remove-interviewer") this.removeInterviewer(button.closest("[data-fu-row]"));
    else if (action === "forget") this.forget();
    else if (action === "copy") this.copy(button);
    else if (action === "download-ics") this.download(button);
  }

  addInterviewer() {
    // Said in a live region: the keyboard stays on the button, so nothing else is read out.
    if (this.rows.childElementCount >= this.maxRows) {
      this.addStatus.textContent = `You can add up to ${this.maxRows} interviewers.`;
      return;
    }
    this.addStatus.textContent = "";
    const row = this.addRow();
    row.querySelector('[data-fu-part="name"]').focus();
    this.saveAndRun();
  }

  removeInterviewer(row) {
    this.addStatus.textContent = "";
    const index = [...this.rows.children].indexOf(row);
    row.remove();
    this.numberRows();
    // Keep the keyboard where it was: the next row's remove button, else "Add".
    const next = this.rows.children[index] ?? this.rows.children[index - 1];
    (next?.querySelector('[data-fu-action="remove-interviewer"]')
      ?? this.form.querySelector('[data-fu-action="add-interviewer"]')).focus();
    this.saveAndRun();
  }

  /** Keep what the reader typed, then redraft once they pause (debounced). */
  saveAndRun() {
    const data = this.collect();
    const details = JSON.stringify(data);
    // A text field's "change" as the reader leaves it follows the "input" events that
    // already asked for these very details (and on the calendar page, for a new .ics).
    if (details === this.lastDetails) return;
    this.lastDetails = details;
    store.save(data);
    clearTimeout(this.timer);
    if (this.ready) {
      this.timer = setTimeout(() => this.runNow(), DEBOUNCE_MS);
    } else if (this.result) {
      // Saved drafts of details that have just changed: gone until Python redrafts.
      this.withdrawDrafts();
    }
  }

  /**
   * A return visit: the drafts Python wrote last time, shown before Python has started,
   * when they were written from exactly the details in the form by this very build.
   * Drafting is a function of those two alone (the date of drafting only goes into the
   * .ics, which is never saved), so Python's first answer is the same, and leaves them be.
   */
  showSavedDrafts() {
    const saved = store.loadDrafts(this.build, this.collect());
    if (!saved) return;
    try {
      this.show(saved);
      this.root.dataset.fuSavedDrafts = "";
    } catch {
      // A damaged entry (render builds everything before it touches the page): Python
      // drafts afresh, as on a first visit.
    }
  }

  withdrawDrafts() {
    this.result = null;
    this.fingerprint = null;
    this.results.replaceChildren();
    this.results.hidden = true;
    this.message.hidden = false;
  }

  forget() {
    // There is no undo, so ask first, as clearing a page's ticks does.
    if (!window.confirm("Forget your details and drafts? This clears them from this browser for good.")) return;
    store.clear();
    this.startAfresh();
    this.forgetStatus.textContent = "Done: your details and drafts are no longer saved in this browser.";
  }

  /** An empty form with today's defaults, nothing shown from before. */
  startAfresh() {
    this.touched.clear();
    this.defaults = this.readDefaults();
    this.replaceDetails(this.defaults, null);
    this.calendarFile = null;
    this.calendarData = null;
    this.showErrors([]);
    this.addStatus.textContent = "";
  }

  /** Put `data` in the form instead of what it held; `details`: it as saved (lastDetails). */
  replaceDetails(data, details) {
    clearTimeout(this.timer);
    this.ticket += 1; // a run already on its way is for the details being replaced
    this.lastDetails = details;
    this.restore(data);
    this.withdrawDrafts();
  }

  /**
   * Another tab saved the details, or forgot them: show the same here, so that the
   * next edit in this tab does not write its older copy over what was typed there.
   */
  adoptSavedElsewhere() {
    const saved = store.load();
    if (!saved) {
      this.startAfresh();
      this.forgetStatus.textContent = "Your details were forgotten in another tab, so this form is empty too.";
      return;
    }
    const data = cleanSaved(saved, this.defaults);
    const details = JSON.stringify(data);
    if (details === JSON.stringify(this.collect())) return;
    this.forgetStatus.textContent = ""; // saved again: "no longer saved" would now be wrong
    this.replaceDetails(data, details);
    if (this.ready) this.runNow();
    else this.showSavedDrafts(); // the other tab's, if written for exactly these details
  }

  /** The page moved on: no more timers, no more updates from Python. */
  stop() {
    clearTimeout(this.timer);
    this.ticket += 1;
    this.stopListening?.();
  }

  // -- Python

  showStage(stage, failure) {
    if (!this.root.isConnected) {
      this.stopListening?.(); // the page was navigated away from
      return;
    }
    // The status line is emptied, never hidden: a live region taken out of the page and
    // put back is not reliably announced. Empty, it takes no room (widget.css).
    if (stage === "ready") {
      this.progress.replaceChildren();
    } else if (stage === "failed") {
      // A short word where the reader is typing; the full note replaces the drafts.
      this.progress.classList.add("fu-progress--failed");
      this.progress.replaceChildren(element("span", {},
        "Python could not start in this browser, so no drafts will appear: "
        + "see the note under the form."));
      this.results.hidden = true;
      this.message.hidden = false;
      this.message.classList.add("fu-unavailable");
      this.message.replaceChildren(
        element("p", {}, "Sorry: the part of this page that writes your drafts could not start "
          + `in this browser. ${failure}`),
        element("p", {}, "What you type is still saved here for next time, and the example "
          + "further down the page shows what the tool writes."),
      );
    } else {
      const saved = this.kind === "calendar" ? "dates" : "drafts"; // shown from last time
      const what = this.result ? `Your ${saved} from last time are below. Getting ready to update them` : "Getting ready";
      this.progress.replaceChildren(
        element("span", { class: "fu-spinner", "aria-hidden": "true" }),
        element("span", {}, `${what}: ${STAGE_TEXT[stage] ?? stage}…`),
      );
    }
  }

  async runNow() {
    clearTimeout(this.timer);
    if (!this.ready || !this.root.isConnected) return;
    const ticket = ++this.ticket;
    const data = this.collect();
    let reply;
    try {
      reply = await this.python.plan(data);
    } catch {
      return; // Python stopped: showStage says so
    }
    if (ticket !== this.ticket || !this.root.isConnected) return; // a newer edit wins
    // Python was sent "" for those: drafts without them would quietly leave them out.
    const unfinished = this.unfinished();
    if (reply.ok && !unfinished.length) {
      this.showErrors([]);
      if (this.kind === "calendar") this.prepareCalendarFile(data);
      store.saveDrafts(this.build, data, reply.result);
      this.show(reply.result);
    } else {
      const said = new Set(unfinished.map((error) => error.field)); // not "... is required"
      const others = reply.ok ? [] : (reply.errors ?? []).filter((error) => !said.has(error.field));
      this.showErrors([...unfinished, ...others]);
    }
  }

  // The .ics needs icalendar, Python's slowest import (and, on a first visit, two more
  // downloads): the timeline shows without it, and the file is made straight after, in
  // the background, for the Download button.
  prepareCalendarFile(data) {
    this.calendarData = data;
    this.calendarFile = this.python.run(data).then(
      (reply) => (reply.ok ? { ics: reply.result.ics, name: reply.result.ics_filename } : null),
      () => null,
    );
  }

  /** Each message next to its field, all at once; the reader's input is left alone. */
  showErrors(errors) {
    this.errors = errors;
    for (const slot of this.form.querySelectorAll(".fu-error")) {
      slot.textContent = "";
      slot.hidden = true;
    }
    for (const control of this.form.querySelectorAll("[aria-invalid]")) this.describe(control, false);

    const shown = [];
    let waitingForRequired = false;
    for (const { field = "", message = "" } of errors) {
      const control = field
        ? this.form.querySelector(`[data-fu-field="${CSS.escape(field)}"]`)
        : null;
      if (control && this.required.has(field) && !control.value.trim() && !this.touched.has(field)) {
        waitingForRequired = true; // not the reader's mistake yet: they have not got there
        continue;
      }
      if (control) {
        const label = control.closest(".fu-field").querySelector(".fu-label-text").textContent;
        // Core messages are either whole sentences or start after the field's name.
        const text = /^[a-z]/.test(message) ? `${label} ${message}` : message;
        const slot = control.closest(".fu-field").querySelector(".fu-error");
        slot.textContent = text;
        slot.hidden = false;
        this.describe(control, true);
        // Away from the field, the list says whose row it is ("Interviewer 2: ...").
        const row = control.closest("[data-fu-row]")?.querySelector("legend")?.textContent;
        shown.push(row ? `${row}: ${text}` : text);
      } else {
        const slot = field.startsWith("interviewers")
          ? this.form.querySelector('[data-fu-error-for="interviewers"]')
          : null;
        if (slot) {
          slot.textContent = message;
          slot.hidden = false;
        }
        shown.push(message);
      }
    }

    // A live region: only touch it when what it says changes, or it repeats itself.
    const summary = JSON.stringify([shown, Boolean(this.result)]);
    if (summary !== this.summary) {
      this.summary = summary;
      this.showSummary(shown);
    }
    if (!this.result) {
      // Nothing drafted yet: the list of problems replaces the "fill in…" hint, which
      // would otherwise tell a reader who has filled those in to do it again.
      this.message.hidden = shown.length > 0;
      this.results.hidden = true;
    }
    return waitingForRequired;
  }

  showSummary(shown) {
    this.problems.replaceChildren();
    if (shown.length) {
      const count = shown.length === 1 ? "One thing needs" : `${shown.length} things need`;
      const stale = this.result ? " The version below is from before your last change." : "";
      this.problems.append(
        element("p", {}, `${count} fixing before this can update; each is explained next to its field.${stale}`),
        element("ul", {}),
      );
      for (const text of shown) this.problems.lastChild.append(element("li", {}, text));
    }
  }

  show(result) {
    // Typing in a field the drafts do not use gives the same result, and so do saved
    // drafts: keep the page (and any "Copied" confirmation) as it is.
    const fingerprint = JSON.stringify(result);
    if (fingerprint === this.fingerprint && !this.results.hidden) return;
    this.render(result);
    this.fingerprint = fingerprint;
    this.result = result;
  }

  render(result) {
    const content = this.kind === "calendar" ? this.calendar(result) : this.drafts(result);
    this.results.replaceChildren(...content);
    this.results.hidden = false;
    this.message.hidden = true;
  }

  heading(level, text, id) {
    return element(`h${Math.min(level, 6)}`, { id }, text);
  }

  drafts(result) {
    const steps = new Map(result.steps.map((step) => [step.id, step]));
    const cards = result.drafts.map((draft, index) => {
      const step = steps.get(draft.step) ?? { title: draft.step };
      const id = `${this.prefix}-draft-${index + 1}`;
      const isEmail = draft.step !== "call";
      const title = draft.step === "thank-you" && draft.to_name
        ? `Thank-you email to ${draft.to_name}` : step.title;
      const article = element("article", { class: "fu-draft", "data-fu-step": draft.step, "aria-labelledby": id });
      article.append(this.heading(this.headingLevel, title, id));
      if (step.due_label) article.append(whenToDo(step, draft.step));
      if (step.rule) article.append(element("p", { class: "fu-rule" }, step.rule));
      const headers = element("dl", { class: "fu-headers" });
      if (draft.to_name || draft.to) {
        const to = draft.to ? `${draft.to_name ? `${draft.to_name} ` : ""}<${draft.to}>` : draft.to_name;
        headers.append(element("dt", {}, isEmail ? "To" : "Who"), element("dd", { class: "fu-to" }, to));
      }
      if (draft.subject) {
        // A call's "subject" is what the call is for, not an email's subject line.
        headers.append(element("dt", {}, isEmail ? "Subject" : "Purpose"), element("dd", { class: "fu-subject" }, draft.subject));
      }
      if (headers.childElementCount) article.append(headers);
      article.append(element("div", { class: "fu-body" }, draft.body));

      const actions = element("p", { class: "fu-actions" });
      actions.append(element("button", {
        type: "button", class: "fu-button", "data-fu-action": "copy", "data-fu-copy": "body",
        "data-fu-draft": String(index), "aria-describedby": id,
      }, isEmail ? "Copy the email" : "Copy the points"));
      if (isEmail && draft.subject) {
        actions.append(element("button", {
          type: "button", class: "fu-button", "data-fu-action": "copy", "data-fu-copy": "subject",
          "data-fu-draft": String(index), "aria-describedby": id,
        }, "Copy the subject"));
      }
      if (isEmail) {
        const link = element("a", { class: "fu-button fu-mailto", "aria-describedby": id }, "Open in your email app");
        link.href = mailtoHref(draft);
        actions.append(link);
      }
      actions.append(element("span", { class: "fu-copied", role: "status" }));
      article.append(actions);
      return article;
    });
    const alike = alikeThankYous(result.drafts);
    if (!alike.length) return cards;
    // The guide warns that interviewers compare notes: say so where it shows.
    return [element("p", { class: "fu-note fu-alike" },
      `Your thank-yous to ${listOfNames(alike)} are the same apart from the greeting. `
      + "Interviewers often compare notes, so add a topic you talked about with each of them "
      + "(under Who interviewed you), or change a line or two in each before you send it."),
    ...cards];
  }

  calendar(result) {
    const list = element("ol", { class: "fu-timeline" });
    for (const step of result.steps) {
      const item = element("li", { class: "fu-step", "data-fu-step": step.id });
      item.append(this.heading(this.headingLevel, step.title));
      const when = element("p", { class: "fu-when" });
      when.append(element("time", { datetime: step.due }, step.due_label));
      if (isPast(step)) {
        when.classList.add("fu-overdue");
        when.append(". This date has passed: if you have not done this yet, do it as soon as you can.");
      }
      item.append(when);
      if (step.rule) item.append(element("p", { class: "fu-rule" }, step.rule));
      const links = element("p", { class: "fu-links" });
      for (const [url, name] of [[step.google_url, "Google Calendar"], [step.outlook_url, "Outlook.com"]]) {
        const href = safeHttps(url);
        if (!href) continue;
        const link = element("a", {
          href, class: "fu-button", target: "_blank", rel: "noopener noreferrer",
        }, `Add to ${name}`);
        link.append(element("span", { class: "fu-visually-hidden" }, `: ${step.title} (opens in a new tab)`));
        links.append(link);
      }
      if (links.childElementCount) item.append(links);
      list.append(item);
    }
    const download = element("p", { class: "fu-download" });
    download.append(element("button", {
      type: "button", class: "fu-button fu-button--primary", "data-fu-action": "download-ics",
    }, "Download the calendar file (.ics)"));
    download.append(element("span", { class: "fu-copied", role: "status" }));
    const note = element("p", { class: "fu-note" },
      "Google Calendar ignores the reminders in an imported file: if you use it, "
      + "add a notification to each event yourself.");
    return [list, download, note];
  }

  async copy(button) {
    const draft = this.result?.drafts[Number(button.dataset.fuDraft)];
    if (!draft) return;
    const text = button.dataset.fuCopy === "subject" ? draft.subject : draft.body;
    const status = button.parentElement.querySelector(".fu-copied");
    const copied = await copyText(text, button);
    status.textContent = copied
      ? (button.dataset.fuCopy === "subject" ? "Subject copied." : "Copied: paste it into your email.")
      : "Copying did not work here: select the text and copy it yourself.";
  }

  async download(button) {
    const status = button.parentElement.querySelector(".fu-copied");
    if (!this.ready) {
      // Saved drafts, shown before Python started: the file comes with its first answer.
      status.textContent = "Getting the file ready: Python is still starting…";
      await this.firstAnswer;
    }
    let file = await this.calendarFile; // ready long before a reader can click, normally
    if (!file && this.calendarData) {
      // Not made (its packages could not be downloaded, say): one more try, now.
      status.textContent = "Making the file…";
      this.prepareCalendarFile(this.calendarData);
      file = await this.calendarFile;
    }
    if (!file) {
      status.textContent = "Sorry: the calendar file could not be made just now. Try the button again "
        + "in a moment; the Google Calendar and Outlook.com links above still add each step.";
      return;
    }
    const blob = new Blob([file.ics], { type: "text/calendar;charset=utf-8" });
    const url = URL.createObjectURL(blob);
    const link = element("a", { href: url, download: file.name || "follow-up.ics", hidden: "" });
    // Keep Material's instant navigation from treating the click as a page change.
    link.addEventListener("click", (event) => event.stopPropagation());
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    status.textContent = `Downloaded ${link.download}: open it to add the reminders to your calendar.`;
  }
}

// ------------------------------------------------------------------ start

const live = new Set(); // widgets on the current page

// The details are saved on every edit, and another tab of the site may have the form
// open too: keep every tab showing what was saved last (the event never fires in the
// tab that saved).
window.addEventListener("storage", (event) => {
  if (event.key !== STORE_KEY && event.key !== null) return; // null: storage cleared
  for (const widget of live) if (widget.root.isConnected) widget.adoptSavedElsewhere();
});

function start() {
  // Instant navigation replaced the page: let the previous widgets go.
  for (const widget of live) {
    if (!widget.root.isConnected) {
      widget.stop();
      live.delete(widget);
    }
  }
  for (const root of document.querySelectorAll(".fu-widget:not([data-fu-live])")) {
    root.dataset.fuLive = "";
    live.add(new Widget(root));
  }
}

// Start Python now, not from document$ below: Material's own script runs first and would
// hold it back by ~0.1 s (bench: "worker created"). One worker serves every widget.
const firstWidget = document.querySelector(".fu-widget");
if (firstWidget) pythonFor(firstWidget);

if (typeof document$ !== "undefined") {
  document$.subscribe(start);
} else {
  start(); // the theme's script did not load: the widgets still work, without instant navigation
}
