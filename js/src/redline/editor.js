// The viewer's suggesting mode: the analyst amends the proposal in place. Python applies every edit
// (RedlineViewer's message handler: itu_nb.amendments EditText, InsertClause, DeleteClause, MoveClause,
// Comment, the instruction grammar) and redraws; this module only collects what the analyst types,
// sends it as one message ({"cmd": "edit", "path", "text"}…: /tmp spec §3) and shows Python's answer
// ({"cmd", "ok": true} or {"cmd", "ok": false, "error"}) in the status line, keeping what was typed.
import { h } from "../dom.js";

/** @typedef {import("../contract.js").Row} Row */
/**
 * The meta keys the suggesting mode reads (RedlineViewer's `_meta`).
 * @typedef {object} SuggestMeta
 * @property {boolean} [suggestable] a proposal is on show: it can be amended
 * @property {string|null} [author] the author of the analyst's changes
 * @property {boolean} [can_undo]
 * @property {boolean} [can_redo]
 */
/**
 * The model as this module uses it: the redline traits plus `suggesting`, `author`, and messages.
 * @typedef {object} EditorModel
 * @property {(key: string) => any} get
 * @property {(key: string, value: any) => void} set
 * @property {() => void} save_changes
 * @property {(msg: Record<string, unknown>) => void} send
 * @property {(event: string, fn: (...args: any[]) => void) => void} on
 * @property {(event: string, fn: (...args: any[]) => void) => void} off
 */
/** @typedef {{path: string, kind: "edit"|"before"|"after"|"comment", el: HTMLElement, area: HTMLTextAreaElement}} Form */

const ANSWER_MS = 20000; // no answer from Python after this long: say so and let the analyst retry
/** @type {Record<string, string>} what the analyst reads once Python has done it */
const DONE = { edit: "Edited", insert: "Inserted a new item", delete: "Deleted", move: "Moved", comment: "Commented on",
  instruct: "Applied the instruction", undo: "Undone", redo: "Redone" };
/** @type {Record<Form["kind"], string>} */
const ASK = { edit: "Edit", before: "New item before", after: "New item after", comment: "Comment on" };

const ONE_PARAGRAPH = "A clause is one paragraph: remove the line breaks (Ctrl+Enter saves; Insert after adds an item)";


/** The row's amended text as the analyst edits it: no deleted words, no space at either end. */
export function amendedText(/** @type {Row} */ row) {
  return row.seg.filter((s) => s[0] !== -1).map((s) => s[1]).join("").trim();
}

/**
 * Build the suggesting mode of one viewer.
 * @param {{model: any, scroll: HTMLElement, status: HTMLElement}} ctx
 *   `scroll` holds the rows (`.itu-row[data-path]`), `status` is the viewer's aria-live status line
 */
export function buildEditor({ model, scroll, status }) {
  const m = /** @type {EditorModel} */ (model);
  /** @type {SuggestMeta} */ let meta = {};
  /** @type {Form|null} */ let form = null;
  /** @typedef {{cmd: string, form: Form|null, input: HTMLInputElement|null, timer: number}} Pending */
  /** @type {Pending|null} */ let pending = null;
  /** @type {Pending|null} */ let late = null; // timed out: its answer may still come, and is then taken

  const button = (/** @type {string} */ cls, /** @type {string} */ text, /** @type {string} */ aria,
    /** @type {() => void} */ fn) => h("button", { type: "button", class: cls, "aria-label": aria, title: aria,
    on: { click: fn } }, text);

  const toggle = h("button", { type: "button", class: "itu-suggest-toggle", "aria-pressed": "false",
    title: "Suggesting mode: amend the text; your edits are tracked under your name",
    on: { click: () => { m.set("suggesting", !m.get("suggesting")); m.save_changes(); } } }, "✎ Suggest");

  const who = h("span", { class: "itu-suggest-who" });
  const authorInput = h("input", { type: "text", class: "itu-suggest-author", placeholder: "Your name",
    "aria-label": "Your name, recorded on your tracked changes",
    on: { keydown: (/** @type {KeyboardEvent} */ ev) => { if (ev.key === "Enter") setAuthor(); } } });
  const ask = h("span", { class: "itu-field itu-suggest-ask" }, h("span", { text: "Suggesting as" }), authorInput,
    button("itu-suggest-author-ok", "Start", "Start suggesting under this name", () => setAuthor()));
  const instr = h("input", { type: "text", class: "itu-instruct", placeholder: "In resolves 2, replace \"…\" by \"…\"",
    "aria-label": "Amendment instruction, as ITU documents write them (Enter applies it)",
    on: { keydown: (/** @type {KeyboardEvent} */ ev) => { if (ev.key === "Enter") instruct(); } } });
  const undo = button("itu-s-undo", "↶ Undo", "Undo the last action (Ctrl+Z)", () => send({ cmd: "undo" }));
  const redo = button("itu-s-redo", "↷ Redo", "Redo (Ctrl+Shift+Z)", () => send({ cmd: "redo" }));
  const tools = h("span", { class: "itu-group itu-suggest-tools" },
    h("span", { class: "itu-field itu-instruct-field" }, instr,
      button("itu-instruct-go", "Apply", "Apply the instruction", () => instruct())),
    undo, redo);
  const el = h("div", { class: "itu-suggest", role: "group", "aria-label": "Suggesting" }, who, ask, tools);

  // the actions on the selected clause, drawn under its row
  const what = h("span", { class: "itu-suggest-what" });
  /** @type {Array<[string, string, (path: string) => void]>} class, text, action */
  const ACTIONS = [
    ["itu-s-edit", "Edit", (p) => open(p, "edit")],
    ["itu-s-before", "Insert before", (p) => open(p, "before")],
    ["itu-s-after", "Insert after", (p) => open(p, "after")],
    ["itu-s-delete", "Delete", (p) => send({ cmd: "delete", path: p })],
    ["itu-s-up", "Move up", (p) => send({ cmd: "move", path: p, where: "up" })],
    ["itu-s-down", "Move down", (p) => send({ cmd: "move", path: p, where: "down" })],
    ["itu-s-comment", "Comment", (p) => open(p, "comment")],
  ];
  const buttons = ACTIONS.map(([cls, text, fn]) => h("button", { type: "button", class: cls,
    on: { click: () => { const p = m.get("selected_path"); if (p) fn(p); } } }, text));
  const actions = h("div", { class: "itu-suggest-actions", role: "group" }, what, ...buttons);

  /** A clause as a reader cites it: its row's words ("considering b)"), else its path's ("resolves 1"). */
  const cite = (/** @type {string} */ path) => (/** @type {Row[]} */ (m.get("_rows") ?? [])).find((r) => r.path === path)?.at
    ?? path.split("/").join(" ");
  const author = () => /** @type {string} */ (m.get("author") || meta.author || "");
  const active = () => !!meta.suggestable && !!m.get("suggesting") && !!author();

  function say(/** @type {string} */ text) {
    status.textContent = text;
  }

  function setAuthor() {
    const name = authorInput.value.trim();
    if (!name) {
      say("Type your name first: it is recorded on every change you suggest.");
      authorInput.focus();
      return;
    }
    m.set("author", name);
    m.save_changes();
    update();
    instr.focus(); // the name box is gone: the focus goes on to what comes next
  }

  /** Send one message to Python; the form or input it came from waits for the answer. */
  function send(/** @type {Record<string, unknown> & {cmd: string}} */ msg, /** @type {Form|null} */ from = null,
    /** @type {HTMLInputElement|null} */ input = null) {
    if (pending) {
      say(`Still waiting for Python to ${pending.cmd}…`);
      return;
    }
    const timer = window.setTimeout(() => {
      late = pending;
      pending = null;
      enable(true);
      say(`No answer from Python to “${msg.cmd}”: is the kernel running?`);
    }, ANSWER_MS);
    pending = { cmd: msg.cmd, form: from, input, timer };
    enable(false);
    say(msg.path ? `${msg.cmd}: ${cite(String(msg.path))}…` : `${msg.cmd}…`);
    m.send(msg);
  }

  function enable(/** @type {boolean} */ on) {
    for (const b of form?.el.querySelectorAll("button") ?? []) /** @type {HTMLButtonElement} */ (b).disabled = !on;
    el.classList.toggle("itu-busy", !on);
  }

  function onMessage(/** @type {any} */ msg) {
    if (!msg || typeof msg !== "object" || typeof msg.cmd !== "string" || !("ok" in msg)) return;
    const was = pending?.cmd === msg.cmd ? pending : late?.cmd === msg.cmd ? late : null;
    if (was) {
      window.clearTimeout(was.timer);
      if (was === pending) enable(true);
      pending = was === pending ? null : pending;
      late = null;
    }
    if (!msg.ok) {
      say(`Could not ${msg.cmd}: ${msg.error ?? "Python refused it"}`);
      (was?.form?.area ?? was?.input)?.focus(); // what was typed stays there, to correct
      return;
    }
    const path = was?.form?.path ?? null;
    if (was?.form && was.form === form) close(false);
    if (was?.input) was.input.value = "";
    say(`${DONE[msg.cmd] ?? msg.cmd}${path ? ` ${cite(path)}` : ""}`);
  }

  function instruct() {
    const text = instr.value.trim();
    if (!text) {
      say("Type an instruction first, e.g. In resolves 2, replace \"high\" by \"the highest\"");
      return;
    }
    send({ cmd: "instruct", text }, null, instr);
  }

  /** Open the text box of `kind` on clause `path`. */
  function open(/** @type {string} */ path, /** @type {Form["kind"]} */ kind) {
    const row = (/** @type {Row[]} */ (m.get("_rows") ?? [])).find((r) => r.path === path);
    if (!row) return;
    if (form) close(false);
    const label = `${ASK[kind]} ${cite(path)}`;
    const text = kind === "edit" ? amendedText(row) : "";
    const area = h("textarea", { class: "itu-suggest-text", "aria-label": `${label} (Ctrl+Enter saves, Escape cancels)`,
      rows: Math.min(12, Math.max(3, Math.ceil(text.length / 90))),
      on: { keydown: (/** @type {KeyboardEvent} */ ev) => {
        if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) submit();
        else if (ev.key === "Escape") close(true);
        else if (ev.key === "Enter" && kind !== "comment") say(ONE_PARAGRAPH);
        else return;
        ev.preventDefault();
        ev.stopPropagation();
      } } });
    area.value = text;
    const formEl = h("div", { class: `itu-suggest-form itu-sf-${kind}`, role: "group", "aria-label": label,
      style: `--itu-depth:${row.d}` },
      h("div", { class: "itu-suggest-what", text: `${label}${kind === "before" || kind === "after" ? ": its text" : ""}` }),
      area,
      h("div", { class: "itu-group" },
        button("itu-s-save", "Save", "Save (Ctrl+Enter)", () => submit()),
        button("itu-s-cancel", "Cancel", "Cancel (Escape)", () => close(true))));
    form = { path, kind, el: formEl, area };
    place();
    area.focus();
    area.setSelectionRange(area.value.length, area.value.length);
  }

  function submit() {
    if (!form) return;
    const f = form;
    const text = f.area.value;
    if (f.kind !== "comment" && /[\r\n]/.test(text.trim())) {
      say(ONE_PARAGRAPH);
      f.area.focus();
      return;
    }
    if (f.kind === "edit") send({ cmd: "edit", path: f.path, text }, f);
    else if (f.kind === "comment") send({ cmd: "comment", path: f.path, text }, f);
    else send({ cmd: "insert", path: f.path, where: f.kind, text }, f);
  }

  function close(/** @type {boolean} */ refocus) {
    if (!form) return;
    const path = form.path;
    form.el.remove();
    form = null;
    place();
    if (refocus) (actions.isConnected ? buttons[0] : scroll).focus();
    else if (actions.isConnected && m.get("selected_path") === path) buttons[0].focus();
  }

  function rowEl(/** @type {string} */ path) {
    return /** @type {HTMLElement|null} */ (scroll.querySelector(`.itu-row[data-path="${CSS.escape(path)}"]`));
  }

  /** Put the actions under the selected row, or the open text box in place of its clause. */
  function place() {
    const focused = form?.el.contains(document.activeElement) ?? false;
    for (const r of scroll.querySelectorAll(".itu-editing")) r.classList.remove("itu-editing");
    if (!active()) {
      actions.remove();
      form?.el.remove();
      return;
    }
    if (form) {
      actions.remove();
      const row = rowEl(form.path);
      if (!row) {
        form.el.remove();
        return;
      }
      if (form.kind === "edit") row.classList.add("itu-editing");
      const next = form.kind === "before" ? row.previousElementSibling : row.nextElementSibling;
      if (next !== form.el) (form.kind === "before" ? row.before(form.el) : row.after(form.el));
      if (focused && !form.el.contains(document.activeElement)) form.area.focus();
      return;
    }
    const path = m.get("selected_path");
    const row = path ? rowEl(path) : null;
    if (!row || !path) {
      actions.remove();
      return;
    }
    what.textContent = `Suggest on ${cite(path)}:`;
    actions.setAttribute("aria-label", `Suggest on ${cite(path)}`);
    ACTIONS.forEach(([, text], k) => buttons[k].setAttribute("aria-label", `${text}: ${cite(path)}`));
    actions.style.setProperty("--itu-depth", row.style.getPropertyValue("--itu-depth"));
    if (row.nextElementSibling !== actions) row.after(actions);
  }

  /**
   * Show what the meta and the traits say (called when Python redraws, and on trait changes).
   * @param {object} [next] the new `_meta` (its SuggestMeta keys are read)
   */
  function update(next) {
    if (next) meta = /** @type {SuggestMeta} */ (next);
    const on = !!m.get("suggesting");
    toggle.hidden = !meta.suggestable;
    toggle.setAttribute("aria-pressed", String(on));
    el.hidden = !meta.suggestable || !on;
    const name = author();
    who.textContent = name ? `Suggesting as ${name}` : "";
    who.hidden = !name;
    ask.hidden = !!name;
    tools.hidden = !name;
    undo.disabled = meta.can_undo === false;
    redo.disabled = meta.can_redo === false;
    if (!active() && form) form = null;
    place();
  }

  /** Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y) and e (edit) when the focus is in the viewer but not in a text box. */
  function onKey(/** @type {KeyboardEvent} */ ev) {
    const t = /** @type {HTMLElement} */ (ev.target);
    if (!meta.suggestable || t.matches("input, select, textarea")) return;
    const mod = ev.ctrlKey || ev.metaKey;
    const key = ev.key.toLowerCase();
    if (mod && !ev.altKey && key === "z") send({ cmd: ev.shiftKey ? "redo" : "undo" });
    else if (mod && !ev.altKey && key === "y") send({ cmd: "redo" });
    else if (!mod && !ev.altKey && key === "e" && active() && m.get("selected_path")) open(m.get("selected_path"), "edit");
    else return;
    ev.preventDefault();
    ev.stopPropagation();
  }

  const onTraits = () => update();
  m.on("msg:custom", onMessage);
  m.on("change:suggesting", onTraits);
  m.on("change:author", onTraits);
  m.on("change:selected_path", place);
  return {
    el, toggle, onKey, place, update,
    cleanup: () => {
      if (pending) window.clearTimeout(pending.timer);
      m.off("msg:custom", onMessage);
      m.off("change:suggesting", onTraits);
      m.off("change:author", onTraits);
      m.off("change:selected_path", place);
    },
  };
}
