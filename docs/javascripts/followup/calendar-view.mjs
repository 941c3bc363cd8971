// The calendar page's output: the timeline of steps, each with its date and links that
// add it to Google Calendar or Outlook.com, and the button that downloads the .ics.
// Builds nodes; widget.mjs puts them on the page.
import { element, isPast, safeHttps } from "./dom.mjs";
import { doneToggle, isSettled, Status, statusLine } from "./progress-view.mjs";

const SERVICES = [
  ["google_url", "Google Calendar"],
  ["outlook_url", "Outlook.com"],
];

function stepItem(step, headingLevel) {
  const item = element("li", { class: "fu-step", "data-fu-step": step.id, "data-fu-status": step.status ?? "" });
  const headingId = `fu-step-${step.id}`;
  item.append(element(`h${Math.min(headingLevel, 6)}`, { id: headingId }, step.title));
  const when = element("p", { class: "fu-when" });
  when.append(element("time", { datetime: step.due }, step.due_label));
  if (isPast(step) && !isSettled(step)) {
    when.classList.add("fu-overdue");
    when.append(". This date has passed: if you have not done this yet, do it as soon as you can.");
  }
  item.append(when);
  const status = statusLine(step);
  if (status) item.append(status);
  if (step.holidays) item.append(element("p", { class: "fu-holidays" }, step.holidays));
  if (step.rule) item.append(element("p", { class: "fu-rule" }, step.rule));
  if (step.status !== Status.notNeeded) item.append(doneToggle(step, headingId));
  if (step.status === Status.notNeeded) return item; // nothing to add to a calendar
  const links = element("p", { class: "fu-links" });
  for (const [key, name] of SERVICES) {
    const href = safeHttps(step[key]);
    if (!href) continue;
    const link = element(
      "a",
      { href, class: "fu-button", target: "_blank", rel: "noopener noreferrer" },
      `Add to ${name}`,
    );
    link.append(element("span", { class: "fu-visually-hidden" }, `: ${step.title} (opens in a new tab)`));
    links.append(link);
  }
  if (links.childElementCount) item.append(links);
  return item;
}

/** The plan's steps, the download button and a note for Google Calendar's users. */
export function renderCalendar(result, { headingLevel }) {
  const list = element("ol", { class: "fu-timeline" });
  list.append(...result.steps.map((step) => stepItem(step, headingLevel)));
  const cancelled = result.steps.some((step) => step.status === Status.notNeeded);
  const download = element("p", { class: "fu-download" });
  download.append(
    element(
      "button",
      { type: "button", class: "fu-button fu-button--primary", "data-fu-action": "download-ics" },
      cancelled ? "Download the updated calendar file (.ics)" : "Download the calendar file (.ics)",
    ),
    element("span", { class: "fu-copied", role: "status" }),
  );
  const update = cancelled
    ? [
        element(
          "p",
          { class: "fu-note" },
          "Open it as you did the first one: your calendar app cancels the reminders " +
            "that are no longer needed, and keeps the others.",
        ),
      ]
    : [];
  const note = element(
    "p",
    { class: "fu-note" },
    "Google Calendar ignores the reminders in an imported file: if you use it, " +
      "add a notification to each event yourself.",
  );
  return [list, download, ...update, note];
}
