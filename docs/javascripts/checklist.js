/*
 * The guide's checklists: makes Material's task lists tickable and remembers the
 * ticks in this browser (localStorage), with progress per page and, on the home
 * page, across the whole guide (the checklist_overview() macro's placeholder).
 *
 * Loaded once as a plain script (mkdocs.yml extra_javascript). Everything starts
 * from Material's document$, which emits on the first load and after every
 * instant navigation, when the page content has been swapped for new elements:
 * listeners are attached to those new elements only, so none are ever doubled.
 *
 * Without JavaScript the checkboxes stay disabled, as Material renders them.
 */
(() => {
  // The script lives at <site root>/javascripts/checklist.js, so the site root
  // (and checklists.json, written by the build) resolve from its own address,
  // whatever page, or depth, it was first loaded on.
  const SITE_ROOT = new URL("../", document.currentScript.src);
  // Namespaced and versioned: a change of format gets a new key instead of
  // misreading old data; the site's path keeps two deployments on one host apart.
  const STORAGE_KEY = `after-the-interview:checklist:v1:${SITE_ROOT.pathname}`;

  const STORAGE_PROBLEM =
    "Your browser isn't letting this site save anything, so your ticks will " +
    "be forgotten when you leave or reload the page.";

  /* ------------------------------------------------------------------------
   * Saved state: { pages: { "<site-relative page path>": ["item key", ...] } }
   * ---------------------------------------------------------------------- */

  // Used instead of localStorage when it is unavailable (disabled, private
  // mode, full), so ticking still works for as long as the page is open.
  let memoryState = null;

  function emptyState() {
    return { pages: {} };
  }

  function isValidState(state) {
    return (
      state !== null &&
      typeof state === "object" &&
      state.pages !== null &&
      typeof state.pages === "object" &&
      !Array.isArray(state.pages)
    );
  }

  function loadState() {
    if (memoryState) return memoryState;
    try {
      const raw = window.localStorage.getItem(STORAGE_KEY);
      const state = raw ? JSON.parse(raw) : emptyState();
      return isValidState(state) ? state : emptyState();
    } catch (_error) {
      // Storage blocked or the saved text is not JSON: start afresh.
      return emptyState();
    }
  }

  /** Save the state; false when the browser refused (the ticks then live in memory). */
  function saveState(state) {
    if (memoryState) {
      memoryState = state;
      return false;
    }
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
      return true;
    } catch (_error) {
      memoryState = state;
      return false;
    }
  }

  /** The saved item keys of one page (always a list, whatever was stored). */
  function savedKeys(state, page) {
    const keys = state.pages[page];
    return Array.isArray(keys) ? keys : [];
  }

  function storageWorks() {
    return memoryState === null;
  }

  /* ------------------------------------------------------------------------
   * Helpers
   * ---------------------------------------------------------------------- */

  /** The current page's path relative to the site root, e.g. "steps/waiting/". */
  function currentPagePath() {
    let path = window.location.pathname;
    if (path.indexOf(SITE_ROOT.pathname) === 0) path = path.slice(SITE_ROOT.pathname.length);
    return path.replace(/index\.html$/, "");
  }

  /** Item text as a key: whitespace collapsed, so re-wrapping the Markdown keeps it. */
  function normalise(text) {
    return text.replace(/\s+/g, " ").trim();
  }

  function element(tag, attributes, text) {
    const node = document.createElement(tag);
    Object.keys(attributes || {}).forEach((name) => {
      node.setAttribute(name, attributes[name]);
    });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function doneText(done, total) {
    return `${done} of ${total} done`;
  }

  /* ------------------------------------------------------------------------
   * One page's checklist
   * ---------------------------------------------------------------------- */

  /**
   * Move the item's words (the nodes after Material's checkbox label, up to any
   * nested list) into that label. Material's label holds only the box, so the
   * checkbox would have no accessible name and only the small box would be
   * clickable; now the words name it and a click on them ticks it (a click on
   * a link among them still just follows the link).
   */
  function labelItem(input) {
    const control = input.closest(".task-list-control");
    const text = element("span", { class: "checklist-item__text" });
    let node = control.nextSibling;
    while (node && !(node.nodeType === 1 && /^(UL|OL)$/.test(node.nodeName))) {
      const next = node.nextSibling;
      text.appendChild(node);
      node = next;
    }
    control.appendChild(text);
    return normalise(text.textContent);
  }

  function createProgress(total) {
    const panel = element("div", { class: "checklist-progress", "data-checklist-progress": "" });
    const status = element("p", {
      class: "checklist-progress__status",
      role: "status",
      "aria-live": "polite",
    });
    const bar = element("progress", {
      class: "checklist-progress__bar",
      max: String(total),
      value: "0",
      "aria-label": "Checklist progress on this page",
    });
    const reset = element(
      "button",
      {
        type: "button",
        class: "md-button checklist-progress__reset",
      },
      "Clear the ticks on this page",
    );
    const note = element("p", { class: "checklist-progress__note", hidden: "" }, STORAGE_PROBLEM);
    panel.append(status, bar, reset, note);
    return { panel: panel, status: status, bar: bar, reset: reset, note: note };
  }

  function setUpChecklist(content) {
    const inputs = Array.prototype.slice
      .call(content.querySelectorAll(".task-list-control > input[type=checkbox]"))
      .filter((input) => !input.hasAttribute("data-checklist-key"));
    if (!inputs.length) return;

    const page = currentPagePath();
    const saved = savedKeys(loadState(), page);

    // Keys: the item's words; a repeated item gets its position among equals.
    const seen = {};
    inputs.forEach((input) => {
      const text = labelItem(input);
      seen[text] = (seen[text] || 0) + 1;
      const key = seen[text] > 1 ? `${text} (${seen[text]})` : text;
      input.setAttribute("data-checklist-key", key);
      input.disabled = false;
      input.checked = saved.indexOf(key) !== -1;
    });

    const progress = createProgress(inputs.length);
    const firstList = inputs[0].closest("ul, ol");
    firstList.parentNode.insertBefore(progress.panel, firstList);

    function render(storageOk) {
      const done = inputs.filter((input) => input.checked).length;
      progress.status.textContent = doneText(done, inputs.length);
      progress.bar.value = done;
      progress.panel.classList.toggle("checklist-progress--complete", done === inputs.length);
      progress.note.hidden = storageOk;
    }

    function save() {
      const state = loadState();
      const ticked = inputs.filter((input) => input.checked).map((input) => input.getAttribute("data-checklist-key"));
      if (ticked.length) state.pages[page] = ticked;
      else delete state.pages[page];
      render(saveState(state));
    }

    inputs.forEach((input) => {
      input.addEventListener("change", save);
    });
    progress.reset.addEventListener("click", () => {
      if (!window.confirm("Clear all the ticks on this page?")) return;
      inputs.forEach((input) => {
        input.checked = false;
      });
      save();
      inputs[0].focus();
    });

    // Drop saved keys for items that no longer exist (the page was reworded),
    // so the overall count on the home page stays true.
    if (saved.some((key) => !inputs.some((input) => input.getAttribute("data-checklist-key") === key))) save();
    else render(storageWorks());
  }

  /* ------------------------------------------------------------------------
   * The home page's overview of every checklist
   * ---------------------------------------------------------------------- */

  let indexRequest = null;

  /** checklists.json (written by the build): every page with task items. */
  function fetchIndex(name) {
    if (!indexRequest)
      indexRequest = fetch(new URL(name, SITE_ROOT).href)
        .then((response) => {
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          return response.json();
        })
        .catch((error) => {
          indexRequest = null; // let a later visit try again
          throw error;
        });
    return indexRequest;
  }

  function renderOverview(container, index) {
    const state = loadState();
    let total = 0;
    let done = 0;
    const list = element("ul", { class: "checklist-overview__pages" });
    index.pages.forEach((entry) => {
      const ticked = Math.min(savedKeys(state, entry.url).length, entry.items);
      total += entry.items;
      done += ticked;
      const item = element("li", { class: "checklist-overview__page" });
      if (ticked === entry.items) item.classList.add("checklist-overview__page--complete");
      item.append(
        element("a", { href: new URL(entry.url, SITE_ROOT).href }, entry.title),
        element("span", { class: "checklist-overview__count" }, `: ${doneText(ticked, entry.items)}`),
      );
      list.append(item);
    });

    const status = element(
      "p",
      {
        class: "checklist-overview__status",
        role: "status",
        "aria-live": "polite",
      },
      `You've ticked ${done} of ${total} items across the guide.`,
    );
    const bar = element("progress", {
      class: "checklist-progress__bar",
      max: String(total),
      value: String(done),
      "aria-label": "Checklist progress across the guide",
    });
    const reset = element(
      "button",
      {
        type: "button",
        class: "md-button checklist-overview__reset",
      },
      "Clear every tick in the guide",
    );
    reset.addEventListener("click", () => {
      if (!window.confirm("Clear every tick on every page of the guide?")) return;
      const ok = saveState(emptyState());
      renderOverview(container, index);
      const again = container.querySelector(".checklist-overview__reset");
      if (again) again.focus();
      if (!ok) container.append(element("p", { class: "checklist-progress__note" }, STORAGE_PROBLEM));
    });
    container.replaceChildren(status, bar, list, reset);
  }

  function setUpOverview(container) {
    if (container.hasAttribute("data-checklist-ready")) return;
    container.setAttribute("data-checklist-ready", "");
    fetchIndex(container.getAttribute("data-checklist-overview"))
      .then((index) => {
        renderOverview(container, index);
      })
      .catch(() => {
        container.replaceChildren(
          element(
            "p",
            { class: "checklist-overview__status" },
            "Your progress can't be shown right now. Your ticks are still saved on each step's page.",
          ),
        );
      });
  }

  /* ------------------------------------------------------------------------
   * Start: on every page, instant navigation included
   * ---------------------------------------------------------------------- */

  if (typeof window.document$ === "undefined" || !window.fetch) return;
  window.document$.subscribe(() => {
    const content = document.querySelector("article.md-content__inner") || document.body;
    setUpChecklist(content);
    Array.prototype.forEach.call(content.querySelectorAll("[data-checklist-overview]"), setUpOverview);
  });
})();
