// The page's handle on the Python worker: one worker per page session (it survives
// Material's instant navigation), one `ready` promise, request ids, plain JSON.

const STAGES = ["downloading", "starting Python", "loading the packages", "ready"];

export class PythonUnavailable extends Error {}

export class FollowupClient {
  /**
   * Start the worker at once; `ready` settles when Python can draft.
   * @param {{workerURL: URL, indexURL: URL, lockURL: URL, snapshotURL?: URL | null,
   *   snapshotBytes?: number, stdlibURL?: URL | null}} where absolute URLs; snapshotURL:
   *   Python's memory snapshot, used when cached or quick to download (snapshotBytes: its
   *   size); stdlibURL: the first part of the standard library (it names the rest),
   *   instead of the runtime's whole one
   */
  constructor({ workerURL, indexURL, lockURL, snapshotURL = null, snapshotBytes = 0, stdlibURL = null }) {
    this.stage = "downloading";
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

    let worker;
    try {
      worker = new Worker(workerURL, { type: "module" });
    } catch (error) {
      this.fail(`This browser cannot run the Python worker (${error.message}).`);
      return;
    }
    this.worker = worker;
    worker.addEventListener("message", (event) => this.receive(event.data));
    worker.addEventListener("error", (event) => {
      // The worker script itself failed (missing file, blocked, no module workers);
      // handled here, so keep it out of the console as an uncaught error.
      event.preventDefault();
      this.fail(event.message ? `The Python worker stopped: ${event.message}` : "The Python worker could not be loaded.");
    });
    worker.addEventListener("messageerror", () => this.fail("The Python worker sent a message the page could not read."));

    const where = { indexURL: indexURL.href, lockURL: lockURL.href };
    if (snapshotURL) {
      // Save-Data is the reader's setting, and only the page's navigator is sure to carry it.
      const saveData = Boolean(navigator.connection?.saveData);
      Object.assign(where, { snapshotURL: snapshotURL.href, snapshotBytes, saveData });
    }
    if (stdlibURL) where.stdlibURL = stdlibURL.href;
    this.request("init", where).then(
      (reply) => {
        if (reply.ok) {
          this.started = reply.result;
          this.setStage("ready");
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
    await this.ready;
    return this.request("run", data);
  }

  /** The same without the calendar file (no ics, ics_filename): what the page shows. */
  async plan(data) {
    await this.ready;
    return this.request("plan", data);
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
    if (message.type === "progress") {
      if (STAGES.includes(message.stage)) this.setStage(message.stage);
      return;
    }
    if (message.type === "failed") {
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
    this.stage = "failed";
    this.worker?.terminate();
    const error = new PythonUnavailable(this.failure);
    this.settleReady.reject(error);
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
    for (const listener of this.listeners) listener("failed", this.failure);
  }
}
