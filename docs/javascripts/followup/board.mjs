// The board of applications (tools/board/): every application saved in this browser,
// most urgent first, with what to do next. The applications are read from store.mjs;
// Python orders them and works out each next step (followup.board), reads and writes the
// board file, and makes one calendar file of every pending step. Nothing leaves the
// browser: the file is downloaded by the reader, and read from their disk.
import { renderBoard } from "./board-view.mjs";
import { downloadFile, element, today } from "./dom.mjs";
import * as store from "./store.mjs";

// A board file bigger than this is not one this site wrote (500 applications are far
// smaller): refused before it is read.
const MAX_FILE_BYTES = 5_000_000;

export class Board {
  constructor(root, python) {
    this.root = root;
    this.python = python;
    this.list = root.querySelector(".fu-board-applications");
    this.empty = root.querySelector(".fu-board-empty");
    this.status = root.querySelector(".fu-board-status");
    this.problems = root.querySelector(".fu-board-problems");
    this.progress = root.querySelector(".fu-progress");
    this.fileInput = root.querySelector("input[type=file]");
    // The status and round fields' options, and the status that means no answer yet,
    // as the core declares them (macros/widget.py writes them into the markup).
    this.statuses = JSON.parse(root.dataset.fuStatuses);
    this.rounds = JSON.parse(root.dataset.fuRounds);
    this.waiting = root.dataset.fuWaiting;
    this.emailsPage = root.dataset.fuEmails;
    this.headingLevel = Number(root.dataset.fuHeadingLevel) || 2;
    this.ticket = 0;
    this.ready = false;

    root.addEventListener("click", (event) => this.clicked(event));
    root.addEventListener("change", (event) => this.changed(event));
    this.show(this.provisionalRows()); // at once, from what is saved; Python adds the dates
    if (this.rows.length) {
      this.progress.replaceChildren(
        element("span", { class: "fu-spinner", "aria-hidden": "true" }),
        element("span", {}, "Working out the next step of each application: Python is starting…"),
      );
    }
    this.python.ready.then(
      async () => {
        this.ready = true;
        await this.refresh();
        // The status line goes once Python's rows are on the page, not before.
        this.progress.replaceChildren();
        this.root.dataset.fuBoardReady = "";
      },
      (error) => {
        this.progress.replaceChildren();
        this.say(`Python could not start here, so the next steps cannot be worked out: ${error.message}`);
      },
    );
  }

  // -- reading

  /** Before Python has answered: each application with what the details say alone. */
  provisionalRows() {
    const label = (choices, value) => choices.find((choice) => choice.value === value)?.label ?? "";
    return store.listApplications().map(({ id, details }) => ({
      id,
      company: String(details.company ?? ""),
      role: String(details.role ?? ""),
      status: details.status || this.waiting,
      status_label: label(this.statuses, details.status || this.waiting),
      round_label: label(this.rounds, details.round || this.rounds[0].value),
      next: null,
      urgency: "",
    }));
  }

  /** Python's rows for what is saved now (a newer refresh wins). */
  async refresh({ focus } = {}) {
    const applications = store.listApplications();
    if (!this.ready || !applications.length) {
      this.show(this.provisionalRows(), { focus });
      return;
    }
    const ticket = ++this.ticket;
    let reply;
    try {
      reply = await this.python.board(applications, today());
    } catch (error) {
      this.say(`The board could not be worked out just now: ${error.message}`);
      return;
    }
    if (ticket !== this.ticket || !this.root.isConnected) return;
    if (reply.ok) this.show(reply.result.rows, { focus });
    else this.say(reply.errors?.[0]?.message ?? "The board could not be worked out just now.");
  }

  // -- changing the page

  show(rows, { focus } = {}) {
    this.rows = rows;
    this.empty.hidden = rows.length > 0;
    this.list.replaceChildren(
      ...(rows.length
        ? [
            renderBoard(rows, {
              statuses: this.statuses,
              headingLevel: this.headingLevel,
              prefix: "fu-board",
              emailsPage: this.emailsPage,
            }),
          ]
        : []),
    );
    this.root.dataset.fuBoardRows = String(rows.length);
    if (focus) this.list.querySelector(focus)?.focus();
  }

  say(text) {
    this.status.textContent = text;
  }

  showProblems(problems) {
    this.problems.replaceChildren();
    if (!problems.length) return;
    const list = element("ul", {});
    for (const problem of problems) list.append(element("li", {}, problem));
    this.problems.append(element("p", {}, "This file was not imported, and your board is as it was:"), list);
  }

  // -- events

  applicationOf(target) {
    return target.closest("[data-fu-application]")?.dataset.fuApplication ?? null;
  }

  clicked(event) {
    const control = event.target.closest("[data-fu-action]");
    if (!control || !this.root.contains(control) || control.tagName === "SELECT") return;
    const action = control.dataset.fuAction;
    const id = this.applicationOf(control);
    if (action === "open") this.open(id);
    else if (action === "next-round") this.nextRound(id);
    else if (action === "delete") this.remove(id);
    else if (action === "new") this.startNew();
    else if (action === "export") this.exportFile();
    else if (action === "download-ics") this.downloadCalendar();
    else if (action === "forget-all") this.forgetAll();
  }

  changed(event) {
    if (event.target === this.fileInput) this.importFile();
    else if (event.target.dataset.fuAction === "status") this.setStatus(event.target);
  }

  /** To the emails page, with this application open in this tab: the click goes on to
   *  the link (Material's instant navigation, or the browser, takes the reader there). */
  open(id) {
    store.open(id);
  }

  startNew() {
    store.openNew();
  }

  /**
   * A new application for the next round with the same employer (followup.board decides
   * what carries over, and marks the round before as answered), opened on the emails page.
   */
  async nextRound(id) {
    const before = store.loadApplication(id);
    if (!before || !(await this.whenPython("Starting the next round"))) return;
    const reply = await this.python.nextRound(before.details, today());
    if (!reply.ok) {
      this.say(reply.errors?.[0]?.message ?? "Sorry: the next round could not be started.");
      return;
    }
    store.saveApplication(id, reply.result.previous);
    store.openNew(reply.result.next);
    window.location.assign(this.emailsPage);
  }

  remove(id) {
    const row = this.rows.find((candidate) => candidate.id === id);
    const name = [row?.company, row?.role].filter(Boolean).join(", ") || "this application";
    if (!window.confirm(`Delete ${name}, with its details and drafts? This cannot be undone.`)) return;
    store.forgetApplication(id);
    this.say(`Deleted ${name}.`);
    this.refresh();
  }

  /** A new status: saved at once, with the day of the answer if none was given, so the
   *  reminders left are cancelled (as "They replied" does on the tool pages). */
  setStatus(select) {
    const id = this.applicationOf(select);
    const saved = store.loadApplication(id);
    if (!saved) return;
    const details = { ...saved.details, status: select.value };
    if (select.value !== this.waiting && !details.replied_on) details.replied_on = today();
    store.saveApplication(id, details);
    const label = select.selectedOptions[0]?.textContent ?? select.value;
    this.say(`Saved: ${label}.`);
    this.refresh({ focus: `[data-fu-application="${CSS.escape(id)}"] select[data-fu-action="status"]` });
  }

  // -- the board file and the calendar

  async whenPython(what) {
    if (this.ready) return true;
    this.say(`${what}: Python is still starting…`);
    try {
      await this.python.ready;
      return true;
    } catch {
      this.say("Sorry: this needs Python, which could not start in this browser.");
      return false;
    }
  }

  async exportFile() {
    if (!(await this.whenPython("Getting your file ready"))) return;
    const reply = await this.python.exportBoard(store.applicationsForExport(), new Date().toISOString());
    if (!reply.ok) {
      this.say(reply.errors?.[0]?.message ?? "Sorry: the file could not be made.");
      return;
    }
    const name = `interview-board-${today()}.json`;
    downloadFile(JSON.stringify(reply.result, null, 1), name, "application/json");
    this.say(`Downloaded ${name}: keep it somewhere safe, or import it on your other device.`);
  }

  async importFile() {
    const file = this.fileInput.files?.[0];
    this.fileInput.value = ""; // the same file chosen again is a new choice
    if (!file) return;
    this.showProblems([]);
    if (file.size > MAX_FILE_BYTES) {
      this.showProblems([`${file.name} is too big to be a board file from this site.`]);
      return;
    }
    if (!(await this.whenPython("Reading your file"))) return;
    const reply = await this.python.readBoardFile(await file.text());
    if (!reply.ok) {
      this.showProblems(reply.errors.map((error) => error.message));
      this.say("");
      return;
    }
    const incoming = reply.result.applications;
    const here = new Set(store.listApplications().map((application) => application.id));
    const replaced = incoming.filter((application) => here.has(application.id)).length;
    const count = (n) => (n === 1 ? "one application" : `${n} applications`);
    const question =
      `Import ${count(incoming.length)} from ${file.name}?` +
      (replaced ? ` ${count(replaced)} on this board will be replaced by the file's copy.` : "");
    if (here.size && !window.confirm(question)) {
      this.say("Nothing was imported.");
      return;
    }
    store.importApplications(incoming);
    this.say(`Imported ${count(incoming.length)} from ${file.name}.`);
    this.refresh();
  }

  async downloadCalendar() {
    if (!(await this.whenPython("Making your calendar file"))) return;
    const reply = await this.python.boardCalendar(store.listApplications());
    if (!reply.ok) {
      this.say(reply.errors?.[0]?.message ?? "Sorry: the calendar file could not be made.");
      return;
    }
    downloadFile(reply.result.ics, reply.result.ics_filename, "text/calendar;charset=utf-8");
    this.say(`Downloaded ${reply.result.ics_filename}: open it to add every reminder still to come.`);
  }

  forgetAll() {
    const question =
      "Forget everything: every application, its details and its drafts? This clears them from this browser for good.";
    if (!window.confirm(question)) return;
    store.forgetAll();
    this.say("Done: nothing from these tools is saved in this browser any more.");
    this.refresh();
  }
}
