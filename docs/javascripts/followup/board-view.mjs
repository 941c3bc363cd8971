// The board's output: a card for each application, most urgent first, as the core
// ordered them (followup.board.rows). Builds nodes; board.mjs puts them on the page and
// handles the actions. Everything shown is text (dom.mjs's element), never HTML.
import { element } from "./dom.mjs";

/** What each urgency says beside the next step (the core's `urgency` values). */
const URGENCY = Object.freeze({
  overdue: "Overdue",
  today: "Due today",
  upcoming: "",
  incomplete: "Details to finish",
  settled: "Nothing left to do",
});

/**
 * A card per row. `statuses` are the status field's options ({value, label}, read from
 * the core's declaration, in the markup), `headingLevel` the cards' heading, `emailsPage`
 * the tool page an application opens in.
 */
export function renderBoard(rows, options) {
  const list = element("ol", { class: "fu-board-list" });
  for (const [index, row] of rows.entries()) {
    const item = element("li");
    item.append(card(row, index, options));
    list.append(item);
  }
  return list;
}

function card(row, index, { statuses, headingLevel, prefix, emailsPage }) {
  const id = `${prefix}-application-${index + 1}`;
  const article = element("article", {
    class: "fu-application-card",
    "data-fu-application": row.id,
    "data-fu-urgency": row.urgency,
    "aria-labelledby": id,
  });
  const title = [row.company || "An application with no company yet", row.role].filter(Boolean).join(", ");
  article.append(element(`h${Math.min(headingLevel, 6)}`, { id }, title));
  const facts = [row.round_label, row.status_label].filter(Boolean).join(" · ");
  if (facts) article.append(element("p", { class: "fu-application-facts" }, facts));
  article.append(nextLine(row));
  if (row.urgency === "incomplete" && row.problem) {
    article.append(element("p", { class: "fu-application-problem" }, row.problem));
  }
  article.append(statusControl(row, id, statuses));
  if (row.answer_drafts?.length) {
    const line = element("p", { class: "fu-application-answer" }, "A reply is ready for this: ");
    line.append(
      element("a", { href: emailsPage, "data-fu-action": "open", "aria-describedby": id }, "open its drafts"),
      ".",
    );
    article.append(line);
  }
  const actions = element("p", { class: "fu-actions" });
  const button = (action, text) =>
    element("button", { type: "button", class: "fu-button", "data-fu-action": action, "aria-describedby": id }, text);
  actions.append(
    element("a", { href: emailsPage, class: "fu-button", "data-fu-action": "open", "aria-describedby": id }, "Open"),
    button("next-round", "Start its next round"),
    button("delete", "Delete"),
    element("span", { class: "fu-copied", role: "status" }),
  );
  article.append(actions);
  return article;
}

/** "Next: First follow-up email, Tuesday 12 January at 09:00 · Due today". */
function nextLine(row) {
  const line = element("p", { class: "fu-application-next" });
  const urgency = URGENCY[row.urgency] ?? "";
  if (row.next) {
    line.append(`Next: ${row.next.title}, `, element("time", { datetime: row.next.due }, row.next.due_label), ".");
  } else if (row.urgency === "settled") {
    line.append("No more steps: the plan for this one is done.");
  } else {
    line.append("No next step yet.");
  }
  if (urgency && row.urgency !== "settled") {
    line.append(" ", element("strong", { class: `fu-urgency fu-urgency--${row.urgency}` }, urgency));
  }
  return line;
}

/** Where it stands: a select per card, labelled for its application. */
function statusControl(row, id, statuses) {
  const controlId = `${id}-status`;
  const wrapper = element("p", { class: "fu-application-status" });
  const select = element("select", { id: controlId, "data-fu-action": "status" });
  for (const { value, label } of statuses) {
    const option = element("option", { value }, label);
    option.selected = value === row.status;
    select.append(option);
  }
  wrapper.append(element("label", { for: controlId }, "Where it stands"), " ", select);
  return wrapper;
}
