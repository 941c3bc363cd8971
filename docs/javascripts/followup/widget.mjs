// The follow-up widgets on the tool pages (a module script, on every page; it does
// nothing where there is no widget). Material's instant navigation swaps pages without
// reloading, so widgets start from document$; the Python worker is started once and kept
// for the whole visit.
//
// Who does what: form.mjs reads and fills the form; store.mjs keeps it in this browser;
// drafts-view.mjs and calendar-view.mjs build the output; python-client.mjs talks to the
// worker; board.mjs runs the board of every application (tools/board/). This module wires them together: an edit is saved, and once the reader pauses,
// Python redrafts and the output is replaced.
import { renderCalendar } from "./calendar-view.mjs";
import { copyText, downloadFile, element, mailtoHref, today } from "./dom.mjs";
import { draftKey, editNote, renderDrafts } from "./drafts-view.mjs";
import { FormView } from "./form.mjs";
import { PageEvent, Stage } from "./protocol.mjs";
import { bootOptions, PythonClient } from "./python-client.mjs";
import * as store from "./store.mjs";

export const DEBOUNCE_MS = 300; // a pause in typing, before Python redrafts

const STAGE_TEXT = {
  [Stage.downloading]: "downloading Python (step 1 of 3)",
  [Stage.starting]: "starting Python (step 2 of 3)",
  [Stage.loading]: "loading the packages (step 3 of 3)",
};

const OUTPUT = {
  drafts: { render: renderDrafts, shown: "drafts", count: (result) => `${result.drafts.length} ready` },
  calendar: { render: renderCalendar, shown: "dates", count: (result) => `${result.steps.length} dates` },
};

let python = null; // one PythonClient per visit, shared by every widget

function pythonFor(options) {
  python ??= new PythonClient(options);
  return python;
}

class Widget {
  constructor(root) {
    this.root = root;
    this.kind = root.dataset.fuWidget;
    this.output = OUTPUT[this.kind];
    this.form = new FormView(root);
    this.progress = root.querySelector(".fu-progress");
    this.problems = root.querySelector(".fu-problems");
    this.message = root.querySelector(".fu-message");
    this.results = root.querySelector(".fu-results");
    this.forgetStatus = root.querySelector(".fu-forget-status");
    this.jump = root.querySelector(".fu-jump");
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

    this.initial = this.form.initial();
    this.form.write(this.form.fromSaved(store.loadDetails(), this.initial));
    this.showApplication();
    // Which drafts a saved answer is valid for: this runtime and these packages (the
    // lock's name changes with every wheel, the core's templates included).
    const boot = bootOptions(root);
    this.build = `${boot.indexURL} ${boot.lockURL}`;
    this.showSavedDrafts();

    const form = this.form.form;
    form.addEventListener("submit", (event) => event.preventDefault());
    form.addEventListener("input", (event) => this.edited(event));
    form.addEventListener("change", (event) => this.edited(event));
    form.addEventListener("focusout", (event) => this.visited(event));
    root.addEventListener("click", (event) => this.clicked(event));
    this.results.addEventListener("input", (event) => this.draftEdited(event));
    this.updateJump();

    this.python = pythonFor(boot);
    this.stopListening = this.python.onStage((stage, failure) => this.showStage(stage, failure));
    // Settles once Python has answered for the first time (or could not start); then
    // sw-register.mjs may install the offline copy without slowing this start down.
    this.firstAnswer = this.python.ready
      .then(
        () => {
          this.ready = true;
          // How Python started ("snapshot" or "normal", and why not the snapshot), for the
          // benchmark and the tests; the reader sees no difference but the speed.
          this.root.dataset.fuPython = this.python.started?.python ?? "";
          if (this.python.started?.snapshotProblem) {
            this.root.dataset.fuSnapshotProblem = this.python.started.snapshotProblem;
          }
          // Once the first drafts are on the page, sw-register.mjs may fetch what only the
          // next visit needs (Python's memory snapshot).
          return this.runNow().then(() => document.dispatchEvent(new CustomEvent(PageEvent.answered)));
        },
        () => {}, // shown by showStage
      )
      .then(() => document.dispatchEvent(new CustomEvent(PageEvent.settled)));
  }

  // -- events

  edited(event) {
    // A control, or a box in a group of them ("Steps you have done").
    const field = event.target.closest?.("[data-fu-field]")?.dataset.fuField;
    if (!field) return;
    this.touched.add(field);
    this.forgetStatus.textContent = "";
    // A name changed: the "which interviewer" choices name the rows.
    if (event.target.dataset.fuPart) this.form.refreshPeople();
    // Another country: the region chosen was the last one's.
    if (event.target.hasAttribute?.("data-fu-country")) this.form.forgetRegion();
    this.saveAndRun();
  }

  /** The reader changed a draft's text: keep their version, and send that one. */
  draftEdited(event) {
    const box = event.target;
    const index = Number(box.dataset.fuDraft);
    const draft = this.result?.drafts[index];
    if (!draft || box.tagName !== "TEXTAREA") return;
    const key = draftKey(draft);
    const from = store.loadEdits()[key]?.from ?? draft.body;
    const edit = box.value === draft.body ? null : { text: box.value, from };
    store.saveEdit(key, edit);
    const card = box.closest(".fu-draft");
    const mailto = card.querySelector(".fu-mailto");
    if (mailto) mailto.href = mailtoHref({ ...draft, body: box.value });
    // Say at once that this version is kept, with the way back; a note about newer
    // notes (an older edit) stays as it is.
    if (!edit) {
      card.querySelector(".fu-edited")?.remove();
      delete card.dataset.fuEdited;
    } else if (!card.querySelector(".fu-edited")) {
      box.after(...editNote(draft, index, edit));
      card.dataset.fuEdited = "";
    }
  }

  /** A link in a list of problems or advice: to its field, with the keyboard in it. */
  followLink(event) {
    const link = event.target.closest('.fu-problems a[href^="#"], .fu-advice-list a[href^="#"]');
    const control = link && document.getElementById(link.getAttribute("href").slice(1));
    if (!control?.matches("input, select, textarea")) return false;
    event.preventDefault();
    control.focus();
    return true;
  }

  visited(event) {
    const field = event.target.closest?.("[data-fu-field]")?.dataset.fuField;
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

  clicked(event) {
    if (this.followLink(event)) return;
    const button = event.target.closest("[data-fu-action]");
    if (!button || !this.root.contains(button)) return;
    const action = button.dataset.fuAction;
    if (action === "add-interviewer") {
      if (this.form.addRowForTheReader()) this.saveAndRun();
    } else if (action === "remove-interviewer") {
      this.form.removeRow(button.closest("[data-fu-row]"));
      this.saveAndRun();
    } else if (action === "forget") this.forget();
    else if (action === "copy") this.copy(button);
    else if (action === "use-draft") this.useDraft(button);
    else if (action === "today") this.fillToday(button);
    else if (action === "toggle-done") this.toggleDone(button);
    else if (action === "download-ics") this.download(button);
  }

  /** A date field's "... today" button: today in the field, as if typed. */
  fillToday(button) {
    const input = document.getElementById(button.dataset.fuFor);
    if (!input) return;
    input.value = today();
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.focus();
  }

  /** A step's "Done" toggle: ticks (or unticks) it in "Steps you have done", which
   *  redrafts; the keyboard comes back to the same toggle in the new output. */
  toggleDone(button) {
    const step = button.dataset.fuStep;
    const box = this.form.form.querySelector(`[data-fu-steps] input[value="${CSS.escape(step)}"]`);
    if (!box) return;
    box.checked = !box.checked;
    this.refocus = { step };
    box.dispatchEvent(new Event("change", { bubbles: true }));
  }

  /** Keep what the reader typed, then redraft once they pause (debounced). */
  saveAndRun() {
    const data = this.form.read();
    const details = JSON.stringify(data);
    // A text field's "change" as the reader leaves it follows the "input" events that
    // already asked for these very details (and on the calendar page, for a new .ics).
    if (details === this.lastDetails) return;
    this.lastDetails = details;
    store.saveDetails(data);
    this.showApplication(data);
    clearTimeout(this.timer);
    if (this.ready) {
      this.timer = setTimeout(() => this.runNow(), DEBOUNCE_MS);
    } else if (this.result) {
      // Saved drafts of details that have just changed: gone until Python redrafts.
      this.withdrawResult();
    }
  }

  /**
   * A return visit: the drafts Python wrote last time, shown before Python has started,
   * when they were written from exactly the details in the form by this very build.
   */
  showSavedDrafts() {
    const saved = store.loadDrafts(this.build, this.form.read());
    if (!saved) return;
    try {
      this.show(saved);
      this.root.dataset.fuSavedDrafts = "";
    } catch {
      // A damaged entry (render builds everything before it touches the page): Python
      // drafts afresh, as on a first visit.
    }
  }

  /** Back to the draft as written: the reader's version of it is dropped, on request. */
  useDraft(button) {
    const index = Number(button.dataset.fuDraft);
    const draft = this.result?.drafts[index];
    if (!draft) return;
    store.saveEdit(draftKey(draft), null);
    this.show(this.result, { force: true });
    this.results.querySelector(`textarea[data-fu-draft="${index}"]`)?.focus();
  }

  withdrawResult() {
    this.result = null;
    this.fingerprint = null;
    this.results.replaceChildren();
    this.results.hidden = true;
    this.message.hidden = false;
  }

  forget() {
    // There is no undo, so ask first, as clearing a page's ticks does.
    const question =
      "Forget this application, its details and its drafts? This clears them from this browser for good.";
    if (!window.confirm(question)) return;
    store.forgetApplication(store.currentId());
    this.startAfresh();
    this.forgetStatus.textContent =
      "Done: this application is no longer saved in this browser. What you type now starts a new one.";
  }

  /** Which application the form holds, above it: the board lists them all. */
  showApplication(data = this.form.read()) {
    const name = this.root.querySelector(".fu-application-name");
    if (!name) return;
    const what = [data.company?.trim(), data.role?.trim()].filter(Boolean).join(", ");
    name.textContent = what ? `You are working on: ${what}.` : "You are working on a new application.";
  }

  /** An empty form with today's initial values, nothing shown from before. */
  startAfresh() {
    this.touched.clear();
    this.initial = this.form.initial();
    this.replaceDetails(this.initial, null);
    this.calendarFile = null;
    this.calendarData = null;
    this.showErrors([]);
    this.form.addStatus.textContent = "";
  }

  /** Put `data` in the form instead of what it held; `details`: it as saved (lastDetails). */
  replaceDetails(data, details) {
    clearTimeout(this.timer);
    this.ticket += 1; // a run already on its way is for the details being replaced
    this.lastDetails = details;
    this.form.write(data);
    this.showApplication();
    this.withdrawResult();
  }

  /**
   * Another tab saved the details, or forgot them: show the same here, so that the
   * next edit in this tab does not write its older copy over what was typed there.
   */
  adoptSavedElsewhere() {
    const saved = store.loadDetails();
    if (!saved) {
      this.startAfresh();
      this.forgetStatus.textContent = "This application was forgotten in another tab, so this form is empty too.";
      return;
    }
    const data = this.form.fromSaved(saved, this.initial);
    const details = JSON.stringify(data);
    if (details === JSON.stringify(this.form.read())) return;
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
    if (stage === Stage.ready) {
      this.progress.replaceChildren();
    } else if (stage === Stage.failed) {
      // A short word where the reader is typing; the full note replaces the drafts.
      this.progress.classList.add("fu-progress--failed");
      this.progress.replaceChildren(
        element(
          "span",
          {},
          "Python could not start in this browser, so no drafts will appear: see the note under the form.",
        ),
      );
      this.results.hidden = true;
      this.message.hidden = false;
      this.message.classList.add("fu-unavailable");
      this.message.replaceChildren(
        element(
          "p",
          {},
          `Sorry: the part of this page that writes your drafts could not start in this browser. ${failure}`,
        ),
        element(
          "p",
          {},
          "What you type is still saved here for next time, and the example further down the page shows what the tool writes.",
        ),
      );
    } else {
      const what = this.result
        ? `Your ${this.output.shown} from last time are below. Getting ready to update them`
        : "Getting ready";
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
    const data = this.form.read();
    let reply;
    try {
      reply = await this.python.plan(data);
    } catch {
      return; // Python stopped: showStage says so
    }
    if (ticket !== this.ticket || !this.root.isConnected) return; // a newer edit wins
    // Python was sent "" for those: drafts without them would quietly leave them out.
    const unfinished = this.form.unfinished();
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

  /** Each message next to its field, all at once, and a list of them above the output. */
  showErrors(errors) {
    this.errors = errors;
    // An empty required field the reader has not got to yet is not their mistake.
    const waiting = (field, control) => control.required && !control.value.trim() && !this.touched.has(field);
    const { shown } = this.form.showErrors(errors, waiting);

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
  }

  showSummary(shown) {
    this.problems.replaceChildren();
    this.problemCount = shown.length;
    this.updateJump();
    if (!shown.length) return;
    const count = shown.length === 1 ? "One thing needs" : `${shown.length} things need`;
    const stale = this.result ? " The version below is from before your last change." : "";
    this.problems.append(
      element("p", {}, `${count} fixing before this can update; each is explained next to its field.${stale}`),
      this.linkedList(shown),
    );
  }

  /** A list of messages, each a link to the field it is about (where there is one). */
  linkedList(items) {
    const list = element("ul", {});
    for (const item of items) {
      const { text, control } = typeof item === "string" ? { text: item } : item;
      const entry = element("li", {});
      if (control?.id) entry.append(element("a", { href: `#${control.id}` }, text));
      else entry.textContent = text;
      list.append(entry);
    }
    return list;
  }

  /** The core's advice (notes to shorten, a name to give), next to its fields and above
   *  the drafts: never in the way of them. */
  showAdvice(result) {
    this.form.showPlaceholders(result.placeholders);
    const advice = this.form.showAdvice(result.advice);
    this.results.querySelector(".fu-advice-list")?.remove();
    if (!advice.length) return;
    const box = element("div", { class: "fu-advice-list" });
    box.append(element("p", {}, "Worth a look before you send:"), this.linkedList(advice));
    this.results.prepend(box);
  }

  /** The link to the output, for a narrow screen: how much is ready, or what to fix. */
  updateJump() {
    if (!this.jump) return;
    this.jump.hidden = false;
    const problems = this.problemCount ?? 0;
    const what = this.kind === "calendar" ? "Your plan" : "Your drafts";
    if (problems)
      this.jump.textContent = `${what}: ${problems === 1 ? "one thing" : `${problems} things`} to fix first`;
    else if (this.result) this.jump.textContent = `${what}: ${this.output.count(this.result)}`;
    else this.jump.textContent = what;
  }

  show(result, { force = false } = {}) {
    // Typing in a field the drafts do not use gives the same result, and so do saved
    // drafts: keep the page (and any "Copied" confirmation) as it is.
    const fingerprint = JSON.stringify(result);
    if (!force && fingerprint === this.fingerprint && !this.results.hidden) return;
    const content = this.output.render(result, {
      prefix: this.form.prefix,
      headingLevel: this.headingLevel,
      edits: store.loadEdits(),
    });
    this.results.replaceChildren(...content);
    this.results.hidden = false;
    this.message.hidden = true;
    this.fingerprint = fingerprint;
    this.result = result;
    this.showAdvice(result);
    this.form.showPlace(result.place);
    this.updateJump();
    if (this.refocus) {
      const toggle = this.results.querySelector(
        `[data-fu-action="toggle-done"][data-fu-step="${CSS.escape(this.refocus.step)}"]`,
      );
      this.refocus = null;
      toggle?.focus();
    }
  }

  async copy(button) {
    const draft = this.result?.drafts[Number(button.dataset.fuDraft)];
    if (!draft) return;
    const subject = button.dataset.fuCopy === "subject";
    const status = button.parentElement.querySelector(".fu-copied");
    // The text as it stands in its box: the reader's version, if they changed it.
    const body = button.closest(".fu-draft")?.querySelector("textarea.fu-body")?.value ?? draft.body;
    const copied = await copyText(subject ? draft.subject : body, button);
    if (!copied) status.textContent = "Copying did not work here: select the text and copy it yourself.";
    else status.textContent = subject ? "Subject copied." : "Copied: paste it into your email.";
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
      status.textContent =
        "Sorry: the calendar file could not be made just now. Try the button again " +
        "in a moment; the Google Calendar and Outlook.com links above still add each step.";
      return;
    }
    const name = file.name || "follow-up.ics";
    downloadFile(file.ics, name, "text/calendar;charset=utf-8");
    status.textContent = `Downloaded ${name}: open it to add the reminders to your calendar.`;
  }
}

// ------------------------------------------------------------------ start

const live = new Set(); // widgets on the current page
const boards = new Set(); // the board, on its page

// Another tab changed the applications: the board shows what is saved now.
store.onSavedElsewhere(() => {
  for (const board of boards) {
    if (board.root.isConnected) board.refresh();
    else boards.delete(board);
  }
});

// The details are saved on every edit, and another tab of the site may have the same
// application open: keep every tab showing what was saved last (an application open in
// no other tab is nobody else's to change).
store.onSavedElsewhere((id) => {
  if (id !== null && id !== store.currentId()) return;
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
  const boardRoots = document.querySelectorAll(".fu-board:not([data-fu-live])");
  if (boardRoots.length) {
    // Only the board's page needs its code: the tool pages' module graph stays as small
    // as it was, so their worker starts no later (the benchmark's "worker created").
    import("./board.mjs").then(({ Board }) => {
      for (const root of boardRoots) {
        if (root.dataset.fuLive !== undefined || !root.isConnected) continue;
        root.dataset.fuLive = "";
        boards.add(new Board(root, pythonFor(bootOptions(root))));
      }
    });
  }
}

// Start Python now, not from document$ below: Material's own script runs first and would
// hold it back by ~0.1 s (bench: "worker created"). One worker serves every widget.
const firstWidget = document.querySelector(".fu-widget, .fu-board");
if (firstWidget) pythonFor(bootOptions(firstWidget));

if (typeof document$ !== "undefined") {
  document$.subscribe(start);
} else {
  start(); // the theme's script did not load: the widgets still work, without instant navigation
}
