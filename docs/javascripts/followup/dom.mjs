// Small helpers the tool pages' modules share. Everything the reader typed, and
// everything Python wrote from it, reaches the page as text (textContent, value,
// attributes), never as HTML.

/** A new element with attributes (null, undefined and false left out) and text. */
export function element(tag, attributes = {}, text = "") {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value);
  }
  if (text) node.textContent = text;
  return node;
}

/** True once a step's time has gone by, on the reader's clock (drafting never looks). */
export function isPast(step) {
  const due = Date.parse(step.due);
  return Number.isFinite(due) && due < Date.now();
}

/** The reader's date, YYYY-MM-DD. */
export function today() {
  const now = new Date();
  const pad = (number) => String(number).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The browser's time zone, or `fallback` when it will not say. */
export function browserZone(fallback) {
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return zone && zone !== "Etc/Unknown" ? zone : fallback;
  } catch {
    return fallback;
  }
}

/** The first of `choices` the browser's languages name exactly ("en-US"), else `fallback`. */
export function browserLanguage(choices, fallback) {
  const wanted = navigator.languages?.length ? navigator.languages : [navigator.language];
  return wanted.find((language) => choices.includes(language)) ?? fallback;
}

/** A mailto: URL (RFC 6068): percent-encoded UTF-8, line breaks as %0D%0A. */
export function mailtoHref({ to = "", subject = "", body = "" }) {
  const encode = (text) => encodeURIComponent(text.replace(/\r\n|\r|\n/g, "\r\n"));
  const query = [];
  if (subject) query.push(`subject=${encode(subject)}`);
  if (body) query.push(`body=${encode(body)}`);
  const address = encodeURIComponent(to).replace(/%40/g, "@");
  return `mailto:${address}${query.length ? `?${query.join("&")}` : ""}`;
}

/** Only plain https links leave the page (defence in depth: the core builds them). */
export function safeHttps(url) {
  try {
    return new URL(url).protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

/** Put `text` on the clipboard; true if it worked. `button` gets the focus back. */
export async function copyText(text, button) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard API or no permission: fall back to a selected, off-screen textarea.
  }
  const area = element("textarea", { readonly: "", class: "fu-offscreen", "aria-hidden": "true" });
  area.value = text;
  document.body.append(area);
  area.select();
  let copied = false;
  try {
    copied = document.execCommand("copy");
  } catch {
    copied = false;
  }
  area.remove();
  button.focus();
  return copied;
}

/** Save `text` as a file the browser downloads. */
export function downloadFile(text, name, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = element("a", { href: url, download: name, hidden: "" });
  // Keep Material's instant navigation from treating the click as a page change.
  link.addEventListener("click", (event) => event.stopPropagation());
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
