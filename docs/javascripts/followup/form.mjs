// The reader's form (markup by macros/widget.py, from the core's field declarations).
// Every field's name, initial value and limits come from that markup: nothing here
// names a field. `read*` functions only look; the FormView's other methods change the
// page.
import { browserLanguage, browserZone, element, today } from "./dom.mjs";

/** How a control's initial value is worked out (data-fu-initial; fields.Initial). */
const INITIAL = {
  today: () => today(),
  "browser zone": (control) => browserZone(control.dataset.fuFallback ?? ""),
  "browser language": (control) =>
    browserLanguage(
      [...control.options].map((option) => option.value),
      control.dataset.fuFallback ?? "",
    ),
};

/** A group of steps (data-fu-steps: a fieldset of checkboxes) holds a list of step ids. */
const isSteps = (control) => control.hasAttribute("data-fu-steps");

function controlValue(control) {
  if (isSteps(control)) return [...control.querySelectorAll("input:checked")].map((box) => box.value);
  return control.value;
}

function setValue(control, value) {
  if (isSteps(control)) {
    const chosen = new Set(Array.isArray(value) ? value : []);
    for (const box of control.querySelectorAll("input")) box.checked = chosen.has(box.value);
  } else {
    control.value = value ?? "";
  }
}

function initialValue(control) {
  if (isSteps(control)) return [];
  if (control.dataset.fuInitial) return INITIAL[control.dataset.fuInitial]?.(control) ?? "";
  if (control.tagName === "SELECT") {
    const chosen = [...control.options].find((option) => option.defaultSelected);
    return chosen ? chosen.value : (control.options[0]?.value ?? "");
  }
  return INITIAL[control.dataset.fuInitial]?.(control) ?? "";
}

export class FormView {
  constructor(root) {
    this.root = root;
    this.prefix = root.dataset.fuPrefix;
    this.form = root.querySelector(".fu-form");
    this.rows = root.querySelector("[data-fu-rows]");
    this.rowsKey = this.rows.dataset.fuRows; // the core's key for the list of people
    this.maxRows = Number(this.rows.dataset.fuMaxRows);
    this.template = root.querySelector('template[data-fu-template="interviewer"]');
    this.parts = [...this.template.content.querySelectorAll("[data-fu-part]")].map((control) => control.dataset.fuPart);
    this.addStatus = root.querySelector(".fu-add-status");
    this.fillTimezones();
  }

  // -- reading

  /** The top-level controls (a row's are found through the rows). */
  controls() {
    return this.form.querySelectorAll("[data-fu-field]:not([data-fu-part])");
  }

  /** The form's values, as the core takes them. */
  read() {
    const data = {};
    for (const control of this.controls()) data[control.dataset.fuField] = controlValue(control);
    data[this.rowsKey] = [...this.rows.children].map((row) =>
      Object.fromEntries(this.parts.map((part) => [part, row.querySelector(`[data-fu-part="${part}"]`).value])),
    );
    return data;
  }

  /** A fresh form's values: preselected choices, today's date, the browser's zone, one
   *  empty row. */
  initial() {
    const data = {};
    for (const control of this.controls()) data[control.dataset.fuField] = initialValue(control);
    data[this.rowsKey] = [Object.fromEntries(this.parts.map((part) => [part, ""]))];
    return data;
  }

  /** Saved values checked against this form: old or damaged entries cannot break it. */
  fromSaved(saved, base) {
    const data = { ...base };
    for (const key of Object.keys(base)) {
      const value = saved?.[key];
      if (key === this.rowsKey) continue;
      if (Array.isArray(base[key])) {
        if (Array.isArray(value)) data[key] = value.filter((item) => typeof item === "string");
      } else if (typeof value === "string") {
        data[key] = value;
      }
    }
    if (Array.isArray(saved?.[this.rowsKey])) {
      data[this.rowsKey] = saved[this.rowsKey]
        .filter((row) => row && typeof row === "object")
        .map((row) =>
          Object.fromEntries(this.parts.map((part) => [part, typeof row[part] === "string" ? row[part] : ""])),
        );
    }
    return data;
  }

  /** Date and time fields holding what the browser cannot read yet ("12/08/yyyy"): the
   *  browser hands the core "" for them, so the page says so itself. */
  unfinished() {
    return [...this.controls()]
      .filter((control) => control.validity?.badInput)
      .map((control) => ({
        field: control.dataset.fuField,
        message:
          control.type === "time"
            ? "is not complete: fill in the hours and the minutes"
            : "is not complete: fill in the day, the month and the year",
        unfinished: true,
      }));
  }

  /** The control an error names ("company", "interviewers[1].email"), or null. */
  controlFor(field) {
    return field ? this.form.querySelector(`[data-fu-field="${CSS.escape(field)}"]`) : null;
  }

  // -- changing the page

  /** Put `data` in the form, replacing what it held. */
  write(data) {
    this.rows.replaceChildren();
    for (const row of data[this.rowsKey] ?? []) this.addRow(row);
    this.refreshPeople();
    for (const control of this.controls()) {
      const value = data[control.dataset.fuField];
      // A region is kept before its country's list has come: an option for it until then.
      if (control.hasAttribute("data-fu-regions") && value) this.keepOption(control, value);
      setValue(control, value);
    }
  }

  /** Make sure a select can hold `value`, until the real options come. */
  keepOption(select, value) {
    if (![...select.options].some((option) => option.value === value)) {
      select.append(element("option", { value }, value));
    }
  }

  /** Back to "The whole country", with only that to choose until Python names the new
   *  country's regions. */
  forgetRegion() {
    for (const select of this.form.querySelectorAll("select[data-fu-regions]")) {
      select.replaceChildren(select.options[0]);
      select.value = "";
    }
  }

  /** Whose public holidays the plan skips (the core's answer): the time zone's country
   *  named in Country's first option, and that country's regions to choose from. */
  showPlace(place) {
    if (!place) return;
    for (const select of this.form.querySelectorAll("select[data-fu-country]")) {
      const named = place.from_zone && place.country_name ? ` (${place.country_name})` : "";
      select.options[0].textContent = `From your time zone${named}`;
    }
    for (const select of this.form.querySelectorAll("select[data-fu-regions]")) {
      const chosen = select.value;
      const options = [
        select.options[0],
        ...(place.regions ?? []).map(({ code, name }) => element("option", { value: code }, name)),
      ];
      select.replaceChildren(...options);
      if (chosen) this.keepOption(select, chosen);
      select.value = chosen;
      select.closest(".fu-field").hidden = options.length < 2 && !chosen;
    }
  }

  /** What the core suggests showing in empty fields: [{field, text}] (e.g. how each
   *  greeting names its person, in "How to address them"). */
  showPlaceholders(placeholders) {
    for (const control of this.form.querySelectorAll("[placeholder]")) control.removeAttribute("placeholder");
    for (const { field, text } of placeholders ?? []) {
      const control = this.controlFor(field);
      if (control && text) control.placeholder = text;
    }
  }

  /** The core's advice next to its fields: [{field, message}]. Returns the advice as a
   *  list would say it ("Interviewer 2: ..."), with the control each is about. */
  showAdvice(advice) {
    for (const slot of this.form.querySelectorAll(".fu-advice")) {
      slot.textContent = "";
      slot.hidden = true;
    }
    const shown = [];
    for (const { field = "", message = "" } of advice ?? []) {
      const control = this.controlFor(field);
      if (!control) continue;
      const slot = control.closest(".fu-field").querySelector(".fu-advice");
      slot.textContent = message;
      slot.hidden = false;
      shown.push({ text: message, control });
    }
    for (const control of this.form.querySelectorAll(".fu-field [id]:is(input, select, textarea)")) {
      this.describe(control, control.getAttribute("aria-invalid") === "true");
    }
    return shown;
  }

  fillTimezones() {
    const list = this.root.querySelector("datalist");
    if (!list || list.childElementCount) return;
    let zones = [];
    try {
      zones = Intl.supportedValuesOf("timeZone");
    } catch {
      zones = []; // older browsers: the field still takes any name
    }
    list.append(...zones.map((zone) => element("option", { value: zone })));
  }

  addRow(values = {}) {
    const row = this.template.content.firstElementChild.cloneNode(true);
    for (const part of this.parts) {
      row.querySelector(`[data-fu-part="${part}"]`).value = values[part] ?? "";
    }
    this.rows.append(row);
    this.numberRows();
    return row;
  }

  /**
   * Keep each "which interviewer" choice (data-fu-people) to one option per row, named
   * after the row's first field (the name), and pointing at the same person when rows
   * come and go (`removed`: the number of a row just taken out).
   */
  refreshPeople(removed = 0) {
    const rows = [...this.rows.children];
    for (const select of this.form.querySelectorAll("select[data-fu-people]")) {
      let chosen = Number(select.value) || 1;
      if (removed && chosen > removed) chosen -= 1;
      else if (removed && chosen === removed) chosen = 1;
      const options = (rows.length ? rows : [null]).map((row, index) => {
        const name = row?.querySelector("[data-fu-part]")?.value.trim();
        const number = index + 1;
        return element(
          "option",
          { value: String(number) },
          name ? `${name} (interviewer ${number})` : `Interviewer ${number}`,
        );
      });
      select.replaceChildren(...options);
      select.value = String(Math.min(chosen, options.length));
    }
  }

  /** A new row with the keyboard in it, or, at the limit, a word saying so. */
  addRowForTheReader() {
    // Said in a live region: the keyboard stays on the button, so nothing else is read out.
    if (this.rows.childElementCount >= this.maxRows) {
      this.addStatus.textContent = `You can add up to ${this.maxRows} interviewers.`;
      return false;
    }
    this.addStatus.textContent = "";
    this.addRow().querySelector("[data-fu-part]").focus();
    return true;
  }

  /** Take a row out, keeping the keyboard where it was: the next row's remove button,
   *  else "Add". */
  removeRow(row) {
    this.addStatus.textContent = "";
    const index = [...this.rows.children].indexOf(row);
    row.remove();
    this.numberRows();
    this.refreshPeople(index + 1);
    const next = this.rows.children[index] ?? this.rows.children[index - 1];
    (
      next?.querySelector('[data-fu-action="remove-interviewer"]') ??
      this.form.querySelector('[data-fu-action="add-interviewer"]')
    ).focus();
  }

  /** Give every row its number, its ids and its field paths (interviewers[i].name). */
  numberRows() {
    [...this.rows.children].forEach((row, index) => {
      for (const number of row.querySelectorAll("[data-fu-number]")) {
        number.textContent = String(index + 1);
      }
      const stem = `${this.prefix}-interviewer-${index + 1}`;
      for (const part of this.parts) {
        const control = row.querySelector(`[data-fu-part="${part}"]`);
        const field = control.closest(".fu-field");
        const id = `${stem}-${part}`;
        control.id = id;
        control.name = id;
        control.dataset.fuField = `${this.rowsKey}[${index}].${part}`;
        field.querySelector("label").htmlFor = id;
        const hint = field.querySelector(".fu-hint");
        if (hint) hint.id = `${id}-hint`;
        field.querySelector(".fu-error").id = `${id}-error`;
        field.querySelector(".fu-advice").id = `${id}-advice`;
        this.describe(control, false);
      }
    });
  }

  /** Point aria-describedby at the control's hint, at its advice while it has some, and
   *  at its error while it has one. */
  describe(control, withError) {
    const field = control.closest(".fu-field");
    const advice = field.querySelector(".fu-advice");
    const ids = [
      field.querySelector(".fu-hint")?.id,
      advice && !advice.hidden ? advice.id : null,
      withError ? `${control.id}-error` : null,
    ];
    const value = ids.filter(Boolean).join(" ");
    if (value) control.setAttribute("aria-describedby", value);
    else control.removeAttribute("aria-describedby");
    if (withError) control.setAttribute("aria-invalid", "true");
    else control.removeAttribute("aria-invalid");
  }

  /**
   * Each message next to its field, all at once; the reader's input is left alone.
   * `waiting(field, control)` says which empty required fields are not the reader's
   * mistake yet (they have not got there). Returns the messages as a list would say them
   * ("Interviewer 2: ..."), and whether any was held back that way.
   */
  showErrors(errors, waiting) {
    for (const slot of this.form.querySelectorAll(".fu-error")) {
      slot.textContent = "";
      slot.hidden = true;
    }
    for (const control of this.form.querySelectorAll("[aria-invalid]")) this.describe(control, false);

    const shown = [];
    let heldBack = false;
    for (const { field = "", message = "" } of errors) {
      const control = this.controlFor(field);
      if (control && waiting(field, control)) {
        heldBack = true;
        continue;
      }
      if (control) {
        const label = control.closest(".fu-field").querySelector(".fu-label-text").textContent;
        // Core messages are either whole sentences or start after the field's name.
        const text = /^[a-z]/.test(message) ? `${label} ${message}` : message;
        const slot = control.closest(".fu-field").querySelector(".fu-error");
        slot.textContent = text;
        slot.hidden = false;
        this.describe(control, true);
        // Away from the field, the list says whose row it is ("Interviewer 2: ...").
        const row = control.closest("[data-fu-row]")?.querySelector("legend")?.textContent;
        shown.push(row ? `${row}: ${text}` : text);
      } else {
        const slot = field.startsWith(this.rowsKey)
          ? this.form.querySelector(`[data-fu-error-for="${this.rowsKey}"]`)
          : null;
        if (slot) {
          slot.textContent = message;
          slot.hidden = false;
        }
        shown.push(message);
      }
    }
    return { shown, heldBack };
  }
}
