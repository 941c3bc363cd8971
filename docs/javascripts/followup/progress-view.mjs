// Where each step stands, as the reader has told the page ("Steps you have done", "They
// replied on"; the core works out each step's status): a line saying so and a toggle
// that ticks the step in the form. Shared by both tool pages' output; builds nodes.
import { element } from "./dom.mjs";

/** The core's statuses (followup.timeline.Status). */
export const Status = Object.freeze({ toDo: "to do", done: "done", notNeeded: "not needed" });

/** Whether a step needs nothing more from the reader. */
export function isSettled(step) {
  return step?.status === Status.done || step?.status === Status.notNeeded;
}

/** "Done." or "No longer needed: they replied.", or nothing for a step still to do. */
export function statusLine(step) {
  if (step?.status === Status.done) return element("p", { class: "fu-status fu-status--done" }, "Done.");
  if (step?.status === Status.notNeeded) {
    return element("p", { class: "fu-status" }, "No longer needed: they replied.");
  }
  return null;
}

/** A paragraph holding a toggle button that ticks the step in "Steps you have done"
 *  (widget.mjs). */
export function doneToggle(step, describedBy) {
  const done = step.status === Status.done;
  const line = element("p", { class: "fu-progress-actions" });
  const toggle = element(
    "button",
    {
      type: "button",
      class: "fu-button fu-done-toggle",
      "data-fu-action": "toggle-done",
      "data-fu-step": step.id,
      "aria-pressed": String(done),
      ...(describedBy && { "aria-describedby": describedBy }),
    },
    "Done",
  );
  line.append(toggle);
  return line;
}
