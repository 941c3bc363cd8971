// The names the tool pages, their Python worker and the service worker share: declared
// here once, imported by each of them.

/** What the page asks the Python worker ({id, type, payload}). */
export const WorkerRequest = Object.freeze({
  init: "init", // start Python; payload: the boot options (python-client.mjs)
  plan: "plan", // a form's plan and drafts, without the calendar file
  run: "run", // the same with the calendar file (ics, ics_filename)
  board: "board", // {applications, today}: the board's rows, most urgent first
  nextRound: "next-round", // {details, today}: {previous, next}, the next round's details
  readBoardFile: "read-board-file", // a board file's text: its applications, or problems
  exportBoard: "export-board", // {applications, exported}: the board file's content
  boardCalendar: "board-calendar", // applications: one .ics of every pending step
});

/** What the worker tells the page unasked ({type, ...}). */
export const Notice = Object.freeze({
  progress: "progress", // {stage}
  failed: "failed", // {message}: Python could not start at all
});

/** How far Python has got, in order; the page says each in words (widget.mjs). */
export const Stage = Object.freeze({
  downloading: "downloading",
  starting: "starting Python",
  loading: "loading the packages",
  ready: "ready",
  failed: "failed",
});

/** Events a tool page dispatches on `document`, for sw-register.mjs and the tests. */
export const PageEvent = Object.freeze({
  answered: "followup:answered", // Python's first drafts are on the page
  settled: "followup:python-settled", // Python has answered, or could not start
});

/** What a page asks the service worker to keep ({type}); it answers `${part}-cached`
 *  or `${part}-not-cached`. */
export const CacheRequest = Object.freeze({
  python: "cache-python", // the runtime, the lock and the wheels
  snapshot: "cache-snapshot", // Python's memory snapshot, for the next visit
});
