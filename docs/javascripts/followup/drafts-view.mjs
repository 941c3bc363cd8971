// The emails page's output: a card for each draft, with its date, its header lines (as
// the core labels them), its text and its actions. Builds nodes; widget.mjs puts them
// on the page.
import { element, isPast, mailtoHref } from "./dom.mjs";

/** "Send it on <time>", or, once that time has gone by, what to do now. */
function whenToDo(step, draft) {
  const time = element("time", { datetime: step.due }, step.due_label);
  const line = element("p", { class: "fu-when" });
  const isCall = draft.kind === "call";
  if (!isPast(step)) {
    line.append(isCall ? "Call on " : "Send it on ", time);
    return line;
  }
  line.classList.add("fu-overdue");
  if (isCall) {
    line.append("This call was due on ", time, ". If you have not made it yet, call when you can.");
  } else {
    line.append("This was due on ", time, ". If you have not sent it yet, send it as soon as you can.");
  }
  // A thank-you says when you met relative to the day it was meant to go out.
  if (draft.dated) line.append(' It was written for that day, so check that words such as "today" still fit.');
  return line;
}

/** "Priya", "Priya and Tom", "Priya, Tom and Sam". */
function listOfNames(names) {
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : names.join("");
}

function card(draft, index, step, { prefix, headingLevel }) {
  const id = `${prefix}-draft-${index + 1}`;
  const isEmail = draft.kind === "email";
  const article = element("article", {
    class: "fu-draft",
    "data-fu-step": draft.step,
    "aria-labelledby": id,
  });
  article.append(element(`h${Math.min(headingLevel, 6)}`, { id }, draft.title));
  if (step?.due_label) article.append(whenToDo(step, draft));
  if (step?.rule) article.append(element("p", { class: "fu-rule" }, step.rule));
  if (draft.headers.length) {
    const headers = element("dl", { class: "fu-headers" });
    for (const [label, value] of draft.headers) headers.append(element("dt", {}, label), element("dd", {}, value));
    article.append(headers);
  }
  article.append(element("div", { class: "fu-body" }, draft.body));

  const actions = element("p", { class: "fu-actions" });
  const button = (copy, text) =>
    element(
      "button",
      {
        type: "button",
        class: "fu-button",
        "data-fu-action": "copy",
        "data-fu-copy": copy,
        "data-fu-draft": String(index),
        "aria-describedby": id,
      },
      text,
    );
  actions.append(button("body", isEmail ? "Copy the email" : "Copy the points"));
  if (isEmail && draft.subject) actions.append(button("subject", "Copy the subject"));
  if (isEmail) {
    const link = element("a", { class: "fu-button fu-mailto", "aria-describedby": id }, "Open in your email app");
    link.href = mailtoHref(draft);
    actions.append(link);
  }
  actions.append(element("span", { class: "fu-copied", role: "status" }));
  article.append(actions);
  return article;
}

/** Every draft as a card, in the core's order; a note first when thank-yous are alike. */
export function renderDrafts(result, options) {
  const steps = new Map(result.steps.map((step) => [step.id, step]));
  const cards = result.drafts.map((draft, index) => card(draft, index, steps.get(draft.step), options));
  const alike = result.alike ?? [];
  if (!alike.length) return cards;
  // The guide warns that interviewers compare notes: say so where it shows.
  const note = element(
    "p",
    { class: "fu-note fu-alike" },
    `Your thank-yous to ${listOfNames(alike)} are the same apart from the greeting. ` +
      "Interviewers often compare notes, so add a topic you talked about with each of them " +
      "(under Who interviewed you), or change a line or two in each before you send it.",
  );
  return [note, ...cards];
}
