// The emails page's output: a card for each draft, with its date, its header lines (as
// the core labels them), its text and its actions. The text is the reader's to change,
// in place: their version is kept (store.mjs) and used by Copy and "Open in your email
// app"; when the notes change after an edit, the new draft is offered beside it, and
// nothing the reader wrote is dropped until they choose. Builds nodes; widget.mjs puts
// them on the page and handles the actions.
import { element, isPast, mailtoHref } from "./dom.mjs";
import { doneToggle, isSettled, Status, statusLine } from "./progress-view.mjs";

/** Which of the reader's edits belongs to a draft: its step and whom it is to. */
export function draftKey(draft) {
  return `${draft.step}:${draft.to_name}`;
}

/** "Send it on <time>", or, once that time has gone by, what to do now. */
function whenToDo(step, draft) {
  const time = element("time", { datetime: step.due }, step.due_label);
  const line = element("p", { class: "fu-when" });
  const isCall = draft.kind === "call";
  if (!isPast(step) || isSettled(step)) {
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

/** The draft's text, for the reader to change: their version if they have one. */
function textBox(draft, index, id, edit) {
  const box = element("textarea", {
    id: `${id}-text`,
    class: "fu-body",
    "data-fu-draft": String(index),
    rows: String(Math.min(Math.max((edit?.text ?? draft.body).split("\n").length + 1, 6), 32)),
    spellcheck: "true",
  });
  // The text as its default too (textContent), so that it reads as the text it holds.
  box.textContent = edit?.text ?? draft.body;
  const label = element(
    "label",
    { for: box.id, class: "fu-body-label" },
    draft.kind === "call" ? "Your talking points (you can change them here)" : "The email (you can change it here)",
  );
  return [label, box];
}

/** What a card says about the reader's version: kept, and the new draft if the notes
 *  have changed since (a choice, never a replacement). */
export function editNote(draft, index, edit) {
  if (!edit) return [];
  const note = element("div", { class: "fu-edited" });
  const undo = element(
    "button",
    { type: "button", class: "fu-button", "data-fu-action": "use-draft", "data-fu-draft": String(index) },
    edit.from === draft.body ? "Undo my changes" : "Use the new draft instead",
  );
  if (edit.from === draft.body) {
    note.append(element("p", {}, "This is your version: it is kept in this browser."), undo);
    return [note];
  }
  const fresh = element("details", { class: "fu-new-draft" });
  fresh.append(element("summary", {}, "See the new draft"), element("div", { class: "fu-draft-text" }, draft.body));
  note.append(
    element(
      "p",
      {},
      "Your notes have changed since you edited this email. Your version is kept; the draft " +
        "written from your new notes is below it, if you would rather use that.",
    ),
    fresh,
    undo,
  );
  return [note];
}

function card(draft, index, step, { prefix, headingLevel, edits }) {
  const id = `${prefix}-draft-${index + 1}`;
  const isEmail = draft.kind === "email";
  const edit = edits[draftKey(draft)];
  const article = element("article", {
    class: "fu-draft",
    "data-fu-step": draft.step,
    "aria-labelledby": id,
  });
  if (edit) article.dataset.fuEdited = edit.from === draft.body ? "" : "outdated";
  article.append(element(`h${Math.min(headingLevel, 6)}`, { id }, draft.title));
  if (step?.due_label) article.append(whenToDo(step, draft));
  const status = statusLine(step);
  if (status) {
    article.dataset.fuStatus = step.status;
    article.append(status);
  }
  if (step?.holidays) article.append(element("p", { class: "fu-holidays" }, step.holidays));
  if (step?.rule) article.append(element("p", { class: "fu-rule" }, step.rule));
  if (draft.how_to_send) {
    // A link can only start a new email: say so where the reader is told to reply.
    const link = isEmail ? " (“Open in your email app” below starts a new email with the same subject.)" : "";
    article.append(element("p", { class: "fu-how-to-send" }, draft.how_to_send + link));
  }
  // A step done, or no longer needed: its draft folded away, still there to look at.
  const holder = isSettled(step) ? element("details", { class: "fu-folded" }) : article;
  if (holder !== article) {
    holder.append(element("summary", {}, isEmail ? "Show the email" : "Show the points"));
    article.append(holder);
  }
  if (draft.headers.length) {
    const headers = element("dl", { class: "fu-headers" });
    for (const [label, value] of draft.headers) headers.append(element("dt", {}, label), element("dd", {}, value));
    holder.append(headers);
  }
  holder.append(...textBox(draft, index, id, edit), ...editNote(draft, index, edit));

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
    link.href = mailtoHref({ ...draft, body: edit?.text ?? draft.body });
    actions.append(link);
  }
  actions.append(element("span", { class: "fu-copied", role: "status" }));
  holder.append(actions);
  if (step && step.status !== Status.notNeeded) article.append(doneToggle(step, id));
  return article;
}

/** Every draft as a card, in the core's order; a note first when thank-yous are alike. */
export function renderDrafts(result, options) {
  const steps = new Map(result.steps.map((step) => [step.id, step]));
  // A draft that goes with a step of the plan (the thank-you to whoever arranged the
  // interview goes with the thank-yous) takes that step's date and status.
  const cards = result.drafts.map((draft, index) =>
    card(draft, index, steps.get(draft.plan_step || draft.step), options),
  );
  // The replies to their answer come last, under a word saying what they are.
  const firstAnswer = result.drafts.findIndex((draft) => draft.outcome);
  if (firstAnswer >= 0) {
    cards.splice(
      firstAnswer,
      0,
      element(
        "p",
        { class: "fu-note fu-answer-note" },
        "Their answer: the drafts below reply to it, as you set it under Where it stands.",
      ),
    );
  }
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
