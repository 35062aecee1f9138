// The viewer's toolbar: mode, navigation, counter, accept/reject, jump and filters.
import { h } from "../dom.js";
import { MODES } from "./render.js";

let uid = 0;

/**
 * A labelled <select>.
 * @param {string} label visible label text
 * @param {string} cls hook class
 * @param {Array<[string, string]>} options value, text
 * @param {(value: string) => void} onChange
 */
function select(label, cls, options, onChange) {
  const id = `itu-sel-${++uid}`;
  const sel = h("select", { id, class: cls, on: { change: () => onChange(sel.value) } },
    ...options.map(([value, text]) => h("option", { value, text })));
  return { wrap: h("span", { class: "itu-field" }, h("label", { for: id, text: label }), sel), sel };
}

/**
 * Each value as both an option's value and its text.
 * @param {string[]} values
 * @returns {Array<[string, string]>}
 */
const same = (values) => values.map((v) => [v, v]);

/**
 * @typedef {object} ToolbarHandlers
 * @property {(mode: string) => void} mode
 * @property {() => void} prev
 * @property {() => void} next
 * @property {() => void} accept
 * @property {() => void} reject
 * @property {() => void} undo
 * @property {(section: string) => void} jump
 * @property {(key: "section"|"kind"|"author"|"source", value: string) => void} filter
 * @property {(checked: boolean) => void} collapse
 * @property {(id: string) => void} text
 */

/**
 * @param {import("../contract.js").Meta} meta
 * @param {ToolbarHandlers} on
 */
export function buildToolbar(meta, on) {
  const mode = select("View", "itu-mode", MODES, on.mode);
  const prev = h("button", { class: "itu-prev", type: "button", title: "Previous change (p, Shift+F7)",
    on: { click: () => on.prev() } }, "◀ Prev");
  const next = h("button", { class: "itu-next", type: "button", title: "Next change (n, F7)",
    on: { click: () => on.next() } }, "Next ▶");
  const counter = h("span", { class: "itu-counter", "aria-live": "polite", role: "status" });
  const nav = h("span", { class: "itu-group", role: "group", "aria-label": "Changes" }, prev, counter, next);
  const decide = h("span", { class: "itu-group itu-decide", role: "group", "aria-label": "Decide" },
    h("button", { class: "itu-accept", type: "button", title: "Accept this change (a)", on: { click: () => on.accept() } },
      "✓ Accept"),
    h("button", { class: "itu-reject", type: "button", title: "Reject this change (r)", on: { click: () => on.reject() } },
      "✗ Reject"),
    h("button", { class: "itu-undo", type: "button", title: "Undo the decision (u)", on: { click: () => on.undo() } },
      "↺"));
  decide.hidden = !meta.editable;
  const jump = select("Go to", "itu-jump", [["", "section…"], ...same(meta.sections)], (v) => {
    if (v) on.jump(v);
    jump.sel.value = "";
  });
  const fSection = select("Section", "itu-f-section", [["", "all"], ...same(meta.sections)],
    (v) => on.filter("section", v));
  const fKind = select("Kind", "itu-f-kind", [["", "all"], ...same(meta.kinds)], (v) => on.filter("kind", v));
  const fAuthor = select("Author", "itu-f-author", [["", "all"], ...same(meta.authors)],
    (v) => on.filter("author", v));
  fAuthor.wrap.hidden = !meta.authors.length;
  // changes inferred from a flattened text (no mark in the source), or the marked ones only
  const fSource = select("Source", "itu-f-source", [["", "all"], ["inferred", "inferred from flat text"],
    ["marked", "marked in the source"]], (v) => on.filter("source", v));
  fSource.wrap.hidden = !(meta.sources ?? []).includes("inferred");
  const collapseId = `itu-chk-${++uid}`;
  const collapse = h("input", { type: "checkbox", id: collapseId, class: "itu-collapse",
    on: { change: () => on.collapse(collapse.checked) } });
  const filters = h("span", { class: "itu-group itu-filters", role: "group", "aria-label": "Filters" },
    fSection.wrap, fKind.wrap, fAuthor.wrap, fSource.wrap,
    h("span", { class: "itu-field" }, collapse, h("label", { for: collapseId, text: "Collapse unchanged" })));
  // a document comparison: one text at a time, picked here (Python draws the one picked)
  const texts = meta.texts ?? [];
  const text = select("Text", "itu-text", texts.map((t) => [t.id, t.label]), on.text);
  text.wrap.hidden = !texts.length;
  const el = h("div", { class: "itu-toolbar", role: "toolbar", "aria-label": "Redline viewer" },
    text.wrap, h("strong", { class: "itu-title", text: meta.title }), mode.wrap, nav, decide, jump.wrap, filters);
  return { el, mode: mode.sel, counter, fSection: fSection.sel, fKind: fKind.sel, fAuthor: fAuthor.sel, fSource: fSource.sel, collapse,
    text: text.sel };
}
