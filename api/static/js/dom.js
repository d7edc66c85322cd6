// Small DOM helpers. Text always goes in as text nodes: nothing from the user, the bot or the
// API is ever parsed as HTML.

const SVG_NS = "http://www.w3.org/2000/svg";

function build(node, attrs, children) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") {
      node.setAttribute("class", value);
    } else if (name === "text") {
      node.textContent = String(value);
    } else if (name.startsWith("on") && typeof value === "function") {
      node.addEventListener(name.slice(2), value);
    } else {
      node.setAttribute(name, value === true ? "" : String(value));
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** An HTML element: el("p", {class: "x"}, "text", otherNode). Strings become text nodes. */
export function el(tag, attrs = {}, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** An SVG element, likewise. */
export function svg(tag, attrs = {}, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

export function clear(node) {
  while (node.firstChild) node.firstChild.remove();
}

/**
 * A staff view that exists only while it is mounted, so that there is nothing to use while
 * signed out. `mount()` fills the panel #panel-<name> from the <template> #<name>-template and
 * adds what every view has after its form: an alert for errors, a status line for screen
 * readers and the result (#<name>-error, -status, -result). Then build({find, live, errorBox,
 * status, result}) wires it up: `find(...ids)` gives the view's elements, `live()` whether
 * this mounting still stands (an answer that comes after an unmount is dropped). build may
 * return a function that tidies up at `unmount()`.
 */
export function staffView(name, build) {
  const panel = document.getElementById(`panel-${name}`);
  const template = document.getElementById(`${name}-template`);
  let generation = 0;
  let tidy = null;

  function unmount() {
    generation += 1;
    if (tidy) tidy();
    tidy = null;
    clear(panel);
  }

  function mount() {
    unmount();
    const mine = generation;
    const parts = {
      errorBox: el("div", { class: "notice notice--error", id: `${name}-error`, role: "alert" }),
      status: el("p", { class: "visually-hidden", id: `${name}-status`, role: "status" }),
      result: el("div", { class: "result", id: `${name}-result` }),
    };
    panel.append(template.content.cloneNode(true), parts.errorBox, parts.status, parts.result);
    const find = (...ids) => ids.map((id) => panel.querySelector(`#${id}`));
    tidy = build({ ...parts, find, live: () => mine === generation }) || null;
  }

  return { mount, unmount };
}

/** A definition list of [term, value] rows; rows without a value are left out. */
export function facts(rows) {
  return el(
    "dl",
    { class: "facts" },
    rows
      .filter(([, value]) => value !== null && value !== undefined && value !== "")
      .map(([term, value]) => el("div", { class: "facts__row" }, el("dt", {}, term), el("dd", {}, value))),
  );
}

/**
 * A data table in its scrolling wrapper. columns: the header texts, the first for the row
 * headers. rows: [{head, cells, attrs?}], `cells` one content per further column. On narrow
 * screens the rows are stacked (CSS) and each cell shows its column's name (data-label); the
 * explicit roles keep the table semantics that some browsers drop when table elements are
 * displayed as blocks.
 */
export function dataTable({ caption, captionHidden = false, columns, rows, className = "" }) {
  return el(
    "div",
    { class: "table-wrap" },
    el(
      "table",
      { class: `data-table data-table--stack ${className}`.trim(), role: "table" },
      el("caption", { class: captionHidden ? "visually-hidden" : null }, caption),
      el(
        "thead",
        { role: "rowgroup" },
        el("tr", { role: "row" }, columns.map((h) => el("th", { scope: "col", role: "columnheader" }, h))),
      ),
      el(
        "tbody",
        { role: "rowgroup" },
        rows.map(({ head, cells, attrs }) =>
          el(
            "tr",
            { ...attrs, role: "row" },
            el("th", { scope: "row", role: "rowheader" }, head),
            cells.map((content, i) => el("td", { role: "cell", "data-label": columns[i + 1] }, content)),
          ),
        ),
      ),
    ),
  );
}

/** Saves `blob` as a file called `name` (the browser's download), from memory only. */
export function saveFile(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = el("a", { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its copy once started; the health data need not stay addressable here.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A random id from the browser's CSPRNG (crypto.randomUUID needs a secure context). */
export function randomId(bytes = 16) {
  const buffer = new Uint8Array(bytes);
  crypto.getRandomValues(buffer);
  return Array.from(buffer, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** sessionStorage that degrades to memory when storage is blocked (private modes, policies). */
const memory = new Map();
export const session = {
  get(key) {
    try {
      return window.sessionStorage.getItem(key);
    } catch {
      return memory.has(key) ? memory.get(key) : null;
    }
  },
  set(key, value) {
    try {
      window.sessionStorage.setItem(key, value);
    } catch {
      memory.set(key, value);
    }
  },
  remove(key) {
    try {
      window.sessionStorage.removeItem(key);
    } catch {
      /* storage blocked: only the memory copy exists */
    }
    memory.delete(key);
  },
};
