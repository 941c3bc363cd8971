// The page's handle on the Python worker (python-worker.mjs): one worker per page session
// (it survives Material's instant navigation), one `ready` promise, request ids, plain
// JSON both ways.
import { Notice, Stage, WorkerRequest } from "./protocol.mjs";

const SITE_ROOT = new URL("../../", import.meta.url); // <site>/javascripts/followup/ -> <site>/
const WORKER_URL = new URL("python-worker.mjs", import.meta.url);
// The attribute that carries a page's boot options (macros/widget.py writes it).
const BOOT_ATTRIBUTE = "data-fu-boot";

/**
 * What the worker needs to start Python, as absolute URLs.
 * @typedef {object} BootOptions
 * @property {string} indexURL the Pyodide runtime's folder
 * @property {string} lockURL the lock naming followup's wheels (they sit beside it)
 * @property {string | null} stdlibURL the first part of the standard library (it names the
 *   rest), instead of the runtime's whole one
 * @property {string | null} snapshotURL Python's memory snapshot, used when the service
 *   worker has it cached
 * @property {string} wheelDir where the wheels go in Pyodide's file system (the snapshot
 *   holds these paths)
 * @property {string | null} holidaysURL the folder of the public-holiday tables, one
 *   <COUNTRY>.json each
 */

/**
 * The boot options a tool page carries: site_build's start-up options (site-relative,
 * snake_case, in the widget's data-fu-boot), resolved against the site.
 * @returns {BootOptions}
 */
export function bootOptions(root) {
  const given = JSON.parse(root.getAttribute(BOOT_ATTRIBUTE));
  const url = (path) => (path ? new URL(path, SITE_ROOT).href : null);
  return {
    indexURL: url(given.index_url),
    lockURL: url(given.lock_url),
    stdlibURL: url(given.stdlib_url),
    snapshotURL: url(given.snapshot_url),
    wheelDir: given.wheel_dir,
    holidaysURL: url(given.holidays_url),
  };
}

/** Whether this page starts Python (a tool page, or the benchmark's floor). */
export function startsPython() {
  return document.querySelector(`[${BOOT_ATTRIBUTE}]`) !== null;
}

export class PythonUnavailable extends Error {}

export class PythonClient {
  /** Start the worker at once; `ready` settles when Python can draft. */
  constructor(/** @type {BootOptions} */ options) {
    this.stage = Stage.downloading;
    this.failure = null;
    this.started = null; // once ready: {python: "snapshot" | "normal", snapshotProblem?}
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = new Set();
    this.ready = new Promise((resolve, reject) => {
      this.settleReady = { resolve, reject };
    });
    // Nobody may be awaiting yet; a failure is still reported through `onStage`.
    this.ready.catch(() => {});

    try {
      this.worker = new Worker(WORKER_URL, { type: "module" });
    } catch (error) {
      this.fail(`This browser cannot run the Python worker (${error.message}).`);
      return;
    }
    this.worker.addEventListener("message", (event) => this.receive(event.data));
    this.worker.addEventListener("error", (event) => {
      // The worker script itself failed (missing file, blocked, no module workers);
      // handled here, so keep it out of the console as an uncaught error.
      event.preventDefault();
      this.fail(
        event.message ? `The Python worker stopped: ${event.message}` : "The Python worker could not be loaded.",
      );
    });
    this.worker.addEventListener("messageerror", () =>
      this.fail("The Python worker sent a message the page could not read."),
    );

    this.request(WorkerRequest.init, options).then(
      (reply) => {
        if (reply.ok) {
          this.started = reply.result;
          this.setStage(Stage.ready);
          this.settleReady.resolve(this);
        } else {
          this.fail(reply.errors?.[0]?.message ?? "Python could not start.");
        }
      },
      (error) => this.fail(error.message),
    );
  }

  /** Call `listener(stage, failureMessage)` now and on every change. */
  onStage(listener) {
    this.listeners.add(listener);
    listener(this.stage, this.failure);
    return () => this.listeners.delete(listener);
  }

  /** The whole plan from the form data: resolves to {ok, result} or {ok: false, errors}. */
  async run(data) {
    return this.ask(WorkerRequest.run, data);
  }

  /** The same without the calendar file (no ics, ics_filename): what the page shows. */
  async plan(data) {
    return this.ask(WorkerRequest.plan, data);
  }

  /** The board's rows for these saved applications, on the reader's date. */
  async board(applications, today) {
    return this.ask(WorkerRequest.board, { applications, today });
  }

  /** The details of an application's next round, and of this one once answered. */
  async nextRound(details, today) {
    return this.ask(WorkerRequest.nextRound, { details, today });
  }

  /** A board file's text, checked: {ok, result: {applications}} or the problems. */
  async readBoardFile(text) {
    return this.ask(WorkerRequest.readBoardFile, text);
  }

  /** The board file for these applications. */
  async exportBoard(applications, exported) {
    return this.ask(WorkerRequest.exportBoard, { applications, exported });
  }

  /** One calendar file of every step still to do, in every application. */
  async boardCalendar(applications) {
    return this.ask(WorkerRequest.boardCalendar, applications);
  }

  /** A request once Python is ready (init alone goes before). */
  async ask(type, payload) {
    await this.ready;
    return this.request(type, payload);
  }

  request(type, payload) {
    if (this.failure) return Promise.reject(new PythonUnavailable(this.failure));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, type, payload });
    });
  }

  receive(message) {
    if (!message || typeof message !== "object") return;
    if (message.type === Notice.progress) {
      if (Object.values(Stage).includes(message.stage)) this.setStage(message.stage);
      return;
    }
    if (message.type === Notice.failed) {
      this.fail(message.message);
      return;
    }
    const waiting = this.pending.get(message.id);
    if (!waiting) return;
    this.pending.delete(message.id);
    waiting.resolve(message);
  }

  setStage(stage) {
    if (this.failure) return;
    this.stage = stage;
    for (const listener of this.listeners) listener(stage, null);
  }

  fail(message) {
    if (this.failure) return;
    this.failure = message || "Python could not start.";
    this.stage = Stage.failed;
    this.worker?.terminate();
    const error = new PythonUnavailable(this.failure);
    this.settleReady.reject(error);
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
    for (const listener of this.listeners) listener(Stage.failed, this.failure);
  }
}
