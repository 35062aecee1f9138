/* itu_nb widgets, built from js/src by js/build.mjs; sources-sha256: d2d331bc21250b7dc9c8b465cdf7ba39d013603a833d909f2e180baf0eafd6a7 */

// src/dom.js
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === void 0 || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "text") el.textContent = String(value);
    else if (key === "on") for (const [ev, fn] of Object.entries(value)) el.addEventListener(ev, fn);
    else if (key === "dataset") Object.assign(el.dataset, value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === null || child === void 0 || child === false) continue;
    el.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return el;
}
function listen(model, handlers) {
  for (const [ev, fn] of Object.entries(handlers)) model.on(ev, fn);
  return () => {
    for (const [ev, fn] of Object.entries(handlers)) model.off(ev, fn);
  };
}
var SUPPRESS = "data-lm-suppress-shortcuts";
function guardShortcuts(root) {
  root.setAttribute(SUPPRESS, "true");
  const onKey = (ev) => {
    if (ev.defaultPrevented || !(ev.ctrlKey || ev.metaKey)) return;
    root.removeAttribute(SUPPRESS);
    setTimeout(() => root.setAttribute(SUPPRESS, "true"), 0);
  };
  root.addEventListener("keydown", onKey);
  return () => root.removeEventListener("keydown", onKey);
}

// src/redline/conflicts.js
var KINDS = {
  overlap: "overlapping changes",
  label: "relabelled differently",
  "delete-modify": "deleted by one, modified by another",
  "same-slot": "different clauses inserted at one place"
};
function sideItem(s) {
  const by = s.author && s.author !== s.side ? ` (by ${s.author})` : "";
  const el = h("li", { class: "itu-cf-side" }, h("strong", { text: s.side }), ` ${s.change}${by}: `);
  if (s.old) el.append(h("del", { text: s.old }));
  if (s.old && s.new) el.append(h("span", { class: "itu-arrow", text: " \u2192 " }));
  if (s.new) el.append(h("ins", { text: s.new }));
  return el;
}
function conflictItem(c, on) {
  const open = c.resolution === null;
  const li = h("li", { class: open ? "itu-cf" : "itu-cf itu-cf-done", "data-id": c.id });
  const go = h("button", {
    type: "button",
    class: "itu-cf-go",
    disabled: !c.at,
    "aria-label": `${c.id}: ${c.citation}, show in the text`,
    on: { click: () => on.go(c) }
  }, c.citation);
  li.append(h(
    "div",
    { class: "itu-cf-head" },
    go,
    h("span", { class: "itu-cf-kind", text: KINDS[c.kind] ?? c.kind }),
    open ? null : h("span", { class: "itu-cf-res", text: `resolved: ${c.resolution}` })
  ));
  if (c.base_text) {
    li.append(h(
      "div",
      { class: "itu-cf-base" },
      h("span", { class: "itu-cf-key", text: "Base text: " }),
      h("span", { class: "itu-cf-text", text: c.base_text })
    ));
  }
  li.append(h("ul", { class: "itu-cf-sides", "aria-label": `Proposals for ${c.citation}` }, ...c.sides.map(sideItem)));
  if (!open) return li;
  const choices = [...new Set(c.sides.map((s) => s.side))].map((s) => [s, `Use ${s}`, `Resolve with ${s}'s proposal`]);
  choices.push(["base", "Keep base", "Resolve by keeping the base text"]);
  if (c.kind === "same-slot") choices.push(["all", "Use all", "Resolve by inserting every proposed clause"]);
  li.append(h(
    "div",
    { class: "itu-group itu-cf-choose", role: "group", "aria-label": `Resolve ${c.citation}` },
    ...choices.map(([side, text, title]) => h("button", {
      type: "button",
      class: "itu-cf-use",
      "data-side": side,
      title: `${title} (${c.citation})`,
      on: { click: () => on.choose(c, side) }
    }, text))
  ));
  const box = h("textarea", { class: "itu-cf-input", rows: "2", "aria-label": `Own wording for ${c.citation}: ${c.wording_of}` });
  box.value = c.wording ?? "";
  li.append(h(
    "details",
    { class: "itu-cf-own" },
    h("summary", { text: `Write own wording (${c.wording_of})` }),
    box,
    h("button", {
      type: "button",
      class: "itu-cf-use itu-cf-own-use",
      title: `Resolve ${c.citation} with this wording`,
      on: { click: () => on.choose(c, null, box.value) }
    }, "Use this wording")
  ));
  return li;
}
function conflictsPanel(on) {
  const summary = h("summary", { class: "itu-cf-summary" });
  const list = h("ol", { class: "itu-cf-list" });
  const el = h("details", { class: "itu-conflicts", open: true }, summary, list);
  let refocus = -1;
  let shown = null;
  function choose(c, side, text) {
    const li = (
      /** @type {HTMLElement} */
      list.querySelector(`[data-id="${CSS.escape(c.id)}"]`)
    );
    refocus = [...list.children].indexOf(li);
    li.classList.add("itu-cf-pending");
    li.setAttribute("aria-busy", "true");
    for (const b of li.querySelectorAll(".itu-cf-use")) b.setAttribute("aria-disabled", "true");
    on.choose(c, side, text);
  }
  function update(conflicts) {
    if (conflicts === shown) return;
    shown = conflicts;
    const hadFocus = el.contains(document.activeElement);
    if (hadFocus && refocus < 0) refocus = [...list.children].findIndex((li) => li.contains(document.activeElement));
    const nOpen = conflicts.filter((c) => c.resolution === null).length;
    const done = conflicts.length - nOpen;
    summary.textContent = `Conflicts (${nOpen} open${done ? `, ${done} resolved` : ""})`;
    list.replaceChildren(...conflicts.map((c) => conflictItem(c, {
      go: on.go,
      choose: (cc, side, text) => cc.resolution === null && !list.querySelector(".itu-cf-pending") && choose(cc, side, text)
    })));
    el.hidden = conflicts.length === 0;
    if (hadFocus || refocus >= 0) {
      const items = [...list.children];
      const next = [...items.slice(Math.max(refocus, 0)), ...items].find((li) => li.querySelector(".itu-cf-use"));
      (next?.querySelector(".itu-cf-use") ?? summary).focus();
    }
    refocus = -1;
  }
  return { el, update };
}

// src/redline/editor.js
var ANSWER_MS = 2e4;
var DONE = {
  edit: "Edited",
  insert: "Inserted a new item",
  delete: "Deleted",
  move: "Moved",
  comment: "Commented on",
  instruct: "Applied the instruction",
  undo: "Undone",
  redo: "Redone"
};
var ASK = { edit: "Edit", before: "New item before", after: "New item after", comment: "Comment on" };
var ONE_PARAGRAPH = "A clause is one paragraph: remove the line breaks (Ctrl+Enter saves; Insert after adds an item)";
function amendedText(row) {
  return row.seg.filter((s) => s[0] !== -1).map((s) => s[1]).join("").trim();
}
function buildEditor({ model, scroll, status }) {
  const m = (
    /** @type {EditorModel} */
    model
  );
  let meta = {};
  let form = null;
  let pending = null;
  let late = null;
  const button = (cls, text, aria, fn) => h("button", {
    type: "button",
    class: cls,
    "aria-label": aria,
    title: aria,
    on: { click: fn }
  }, text);
  const toggle = h("button", {
    type: "button",
    class: "itu-suggest-toggle",
    "aria-pressed": "false",
    title: "Suggesting mode: amend the text; your edits are tracked under your name",
    on: { click: () => {
      m.set("suggesting", !m.get("suggesting"));
      m.save_changes();
    } }
  }, "\u270E Suggest");
  const who2 = h("span", { class: "itu-suggest-who" });
  const authorInput = h("input", {
    type: "text",
    class: "itu-suggest-author",
    placeholder: "Your name",
    "aria-label": "Your name, recorded on your tracked changes",
    on: { keydown: (ev) => {
      if (ev.key === "Enter") setAuthor();
    } }
  });
  const ask = h(
    "span",
    { class: "itu-field itu-suggest-ask" },
    h("span", { text: "Suggesting as" }),
    authorInput,
    button("itu-suggest-author-ok", "Start", "Start suggesting under this name", () => setAuthor())
  );
  const instr = h("input", {
    type: "text",
    class: "itu-instruct",
    placeholder: 'In resolves 2, replace "\u2026" by "\u2026"',
    "aria-label": "Amendment instruction, as ITU documents write them (Enter applies it)",
    on: { keydown: (ev) => {
      if (ev.key === "Enter") instruct();
    } }
  });
  const undo = button("itu-s-undo", "\u21B6 Undo", "Undo the last action (Ctrl+Z)", () => send({ cmd: "undo" }));
  const redo = button("itu-s-redo", "\u21B7 Redo", "Redo (Ctrl+Shift+Z)", () => send({ cmd: "redo" }));
  const tools = h(
    "span",
    { class: "itu-group itu-suggest-tools" },
    h(
      "span",
      { class: "itu-field itu-instruct-field" },
      instr,
      button("itu-instruct-go", "Apply", "Apply the instruction", () => instruct())
    ),
    undo,
    redo
  );
  const el = h("div", { class: "itu-suggest", role: "group", "aria-label": "Suggesting" }, who2, ask, tools);
  const what = h("span", { class: "itu-suggest-what" });
  const ACTIONS = [
    ["itu-s-edit", "Edit", (p) => open(p, "edit")],
    ["itu-s-before", "Insert before", (p) => open(p, "before")],
    ["itu-s-after", "Insert after", (p) => open(p, "after")],
    ["itu-s-delete", "Delete", (p) => send({ cmd: "delete", path: p })],
    ["itu-s-up", "Move up", (p) => send({ cmd: "move", path: p, where: "up" })],
    ["itu-s-down", "Move down", (p) => send({ cmd: "move", path: p, where: "down" })],
    ["itu-s-comment", "Comment", (p) => open(p, "comment")]
  ];
  const buttons = ACTIONS.map(([cls, text, fn]) => h("button", {
    type: "button",
    class: cls,
    on: { click: () => {
      const p = m.get("selected_path");
      if (p) fn(p);
    } }
  }, text));
  const actions = h("div", { class: "itu-suggest-actions", role: "group" }, what, ...buttons);
  const cite = (path) => (
    /** @type {Row[]} */
    (m.get("_rows") ?? []).find((r) => r.path === path)?.at ?? path.split("/").join(" ")
  );
  const author = () => (
    /** @type {string} */
    m.get("author") || meta.author || ""
  );
  const active = () => !!meta.suggestable && !!m.get("suggesting") && !!author();
  function say(text) {
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
    instr.focus();
  }
  function send(msg, from = null, input = null) {
    if (pending) {
      say(`Still waiting for Python to ${pending.cmd}\u2026`);
      return;
    }
    const timer = window.setTimeout(() => {
      late = pending;
      pending = null;
      enable(true);
      say(`No answer from Python to \u201C${msg.cmd}\u201D: is the kernel running?`);
    }, ANSWER_MS);
    pending = { cmd: msg.cmd, form: from, input, timer };
    enable(false);
    say(msg.path ? `${msg.cmd}: ${cite(String(msg.path))}\u2026` : `${msg.cmd}\u2026`);
    m.send(msg);
  }
  function enable(on) {
    for (const b of form?.el.querySelectorAll("button") ?? []) b.disabled = !on;
    el.classList.toggle("itu-busy", !on);
  }
  function onMessage(msg) {
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
      (was?.form?.area ?? was?.input)?.focus();
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
      say('Type an instruction first, e.g. In resolves 2, replace "high" by "the highest"');
      return;
    }
    send({ cmd: "instruct", text }, null, instr);
  }
  function open(path, kind) {
    const row = (
      /** @type {Row[]} */
      (m.get("_rows") ?? []).find((r) => r.path === path)
    );
    if (!row) return;
    if (form) close(false);
    const label2 = `${ASK[kind]} ${cite(path)}`;
    const text = kind === "edit" ? amendedText(row) : "";
    const area = h("textarea", {
      class: "itu-suggest-text",
      "aria-label": `${label2} (Ctrl+Enter saves, Escape cancels)`,
      rows: Math.min(12, Math.max(3, Math.ceil(text.length / 90))),
      on: { keydown: (ev) => {
        if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) submit();
        else if (ev.key === "Escape") close(true);
        else if (ev.key === "Enter" && kind !== "comment") say(ONE_PARAGRAPH);
        else return;
        ev.preventDefault();
        ev.stopPropagation();
      } }
    });
    area.value = text;
    const formEl = h(
      "div",
      {
        class: `itu-suggest-form itu-sf-${kind}`,
        role: "group",
        "aria-label": label2,
        style: `--itu-depth:${row.d}`
      },
      h("div", { class: "itu-suggest-what", text: `${label2}${kind === "before" || kind === "after" ? ": its text" : ""}` }),
      area,
      h(
        "div",
        { class: "itu-group" },
        button("itu-s-save", "Save", "Save (Ctrl+Enter)", () => submit()),
        button("itu-s-cancel", "Cancel", "Cancel (Escape)", () => close(true))
      )
    );
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
  function close(refocus) {
    if (!form) return;
    const path = form.path;
    form.el.remove();
    form = null;
    place();
    if (refocus) (actions.isConnected ? buttons[0] : scroll).focus();
    else if (actions.isConnected && m.get("selected_path") === path) buttons[0].focus();
  }
  function rowEl(path) {
    return (
      /** @type {HTMLElement|null} */
      scroll.querySelector(`.itu-row[data-path="${CSS.escape(path)}"]`)
    );
  }
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
      const row2 = rowEl(form.path);
      if (!row2) {
        form.el.remove();
        return;
      }
      if (form.kind === "edit") row2.classList.add("itu-editing");
      const next = form.kind === "before" ? row2.previousElementSibling : row2.nextElementSibling;
      if (next !== form.el) form.kind === "before" ? row2.before(form.el) : row2.after(form.el);
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
  function update(next) {
    if (next) meta = /** @type {SuggestMeta} */
    next;
    const on = !!m.get("suggesting");
    toggle.hidden = !meta.suggestable;
    toggle.setAttribute("aria-pressed", String(on));
    el.hidden = !meta.suggestable || !on;
    const name = author();
    who2.textContent = name ? `Suggesting as ${name}` : "";
    who2.hidden = !name;
    ask.hidden = !!name;
    tools.hidden = !name;
    undo.disabled = meta.can_undo === false;
    redo.disabled = meta.can_redo === false;
    if (!active() && form) form = null;
    place();
  }
  function onKey(ev) {
    const t = (
      /** @type {HTMLElement} */
      ev.target
    );
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
    el,
    toggle,
    onKey,
    place,
    update,
    cleanup: () => {
      if (pending) window.clearTimeout(pending.timer);
      m.off("msg:custom", onMessage);
      m.off("change:suggesting", onTraits);
      m.off("change:author", onTraits);
      m.off("change:selected_path", place);
    }
  };
}

// src/redline/render.js
var MODES = [
  ["inline", "Inline redline"],
  ["side-by-side", "Side by side"],
  ["original", "Original only"],
  ["amended", "Amended only"]
];
var VERB = { "1": "Inserted", "-1": "Deleted" };
function who(op, change) {
  if (!change || !change.a && !change.t) return null;
  return `${VERB[String(op)]}${change.a ? ` by ${change.a}` : ""}${change.t ? ` on ${change.t}` : ""}`;
}
var INFERRED = "inferred from a flattened text (no tracked-change mark in the source)";
var DECIDED = { accept: ["\u2713", "accepted"], reject: ["\u2717", "rejected"] };
function moved(op, name, change) {
  return `${op === 1 ? "Moved here" : "Moved away"} (${name})${change?.a ? ` by ${change.a}` : ""}${change?.t ? ` on ${change.t}` : ""}`;
}
function segment(seg, changes, move) {
  const [op, text, ci] = seg;
  if (op === 0) return document.createTextNode(text);
  const change = changes[ci];
  const typo = change?.ty ? "itu-typo" : "";
  const by = move ? moved(op, move, change) : who(op, change);
  const notes = [by, typo ? "typographic (looks the same on screen)" : "", change?.inf ? INFERRED : ""].filter(Boolean);
  return h(op === 1 ? "ins" : "del", {
    text,
    title: notes.join("; ") || null,
    "data-c": ci,
    "data-move": move ?? null,
    class: [typo, change?.inf ? "itu-inferred" : "", move ? "itu-move" : ""].filter(Boolean).join(" ") || null
  });
}
function struckWords(s) {
  return `inserted${s.a ? ` by ${s.a}` : ""}${s.t ? `, ${s.t}` : ""}, struck${s.sa ? ` by ${s.sa}` : ""}${s.st ? `, ${s.st}` : ""}`;
}
function struckNode(s) {
  const said = struckWords(s);
  return h(
    "span",
    {
      class: "itu-struck-insert",
      role: "note",
      "aria-label": `${s.text} (${said})`,
      "data-c": s.c >= 0 ? s.c : null
    },
    h("s", { class: "itu-struck", title: said, text: s.text }),
    h("span", { class: "itu-struck-note", "aria-hidden": "true", text: `[${said}]` })
  );
}
function paintDecisions(container, decided) {
  for (const old of container.querySelectorAll(".itu-dec")) old.remove();
  const last = /* @__PURE__ */ new Map();
  for (const e of container.querySelectorAll("[data-c]")) {
    const ci = Number(
      /** @type {HTMLElement} */
      e.dataset.c
    );
    const decision = decided.get(ci);
    e.classList.toggle("itu-accepted", decision === "accept");
    e.classList.toggle("itu-rejected", decision === "reject");
    if (decision) last.set(ci, e);
  }
  for (const [ci, e] of last) {
    const [sign, words] = DECIDED[
      /** @type {string} */
      decided.get(ci)
    ] ?? ["?", String(decided.get(ci))];
    e.after(h("span", {
      class: `itu-dec itu-dec-${decided.get(ci)}`,
      role: "img",
      "aria-label": words,
      title: `Change ${words}`,
      "data-d": ci
    }, sign));
  }
}
function bodyText(segs, view, marked, changes, hl, names, si) {
  const hidden = view === "original" ? 1 : view === "amended" ? -1 : null;
  const out = document.createDocumentFragment();
  const at = /* @__PURE__ */ new Map();
  for (const s of si ?? []) {
    const k = Math.min(s.seg, segs.length);
    const here = at.get(k);
    if (here) here.push(s);
    else at.set(k, [s]);
  }
  const draw = (seg, text) => marked ? segment([seg[0], text, seg[2]], changes, names?.get(seg)) : document.createTextNode(text);
  const put = (node, k) => out.append(hl?.has(k) ? h("mark", { class: "itu-hl", title: "highlighted in the source" }, node) : node);
  segs.forEach((seg, k) => {
    const shown = seg[0] !== hidden;
    let pos = 0;
    for (const s of at.get(k) ?? []) {
      const off = Math.max(pos, Math.min(s.off, seg[1].length));
      if (off > pos && shown) put(draw(seg, seg[1].slice(pos, off)), k);
      out.append(struckNode(s));
      pos = off;
    }
    if (!shown) return;
    if (pos === 0) put(marked ? segment(seg, changes, names?.get(seg)) : document.createTextNode(seg[1]), k);
    else if (pos < seg[1].length) put(draw(seg, seg[1].slice(pos)), k);
  });
  for (const s of at.get(segs.length) ?? []) out.append(struckNode(s));
  return out;
}
function viewText(segs, view, marked, changes, names) {
  return bodyText(segs, view, marked, changes, void 0, names);
}
function label(row, mode, side, changes, names) {
  if (!row.lab.length) return null;
  const el = h("span", { class: "itu-label" });
  const ci = row.lab.find((s) => s[2] >= 0)?.[2] ?? -1;
  if (row.lo && row.ln && mode === "inline") {
    el.append(
      segment([-1, row.lo, ci], changes),
      h("span", { class: "itu-arrow", text: " \u2192 " }),
      segment([1, row.ln, ci], changes)
    );
  } else if (row.lo && row.ln && side) {
    el.append(segment([side === "original" ? -1 : 1, side === "original" ? row.lo : row.ln, ci], changes));
  } else if (mode === "inline") {
    for (const seg of row.lab) el.append(segment(seg, changes, names?.get(seg)));
  } else {
    const view = side ?? /** @type {"original"|"amended"} */
    mode;
    el.append(viewText(row.lab, view, side !== null, changes, names));
  }
  return el;
}
function layout(rows, changes, f, ctx, expanded) {
  const byAuthor = f.author ? new Set(changes.filter((c) => c.a === f.author).map((c) => c.r)) : null;
  const bySource = f.source ? new Set(changes.filter((c) => c.inf === (f.source === "inferred")).map((c) => c.r)) : null;
  const keep = (r) => (!f.section || r.sec === f.section) && (!f.kind || r.k === f.kind) && (!byAuthor || byAuthor.has(r.i)) && (!bySource || bySource.has(r.i));
  const live = new Set(rows.filter((r) => r.t !== "section" && keep(r)).map((r) => r.sec));
  const shown = rows.filter((r) => keep(r) || r.t === "section" && live.has(r.sec) && (!f.section || r.sec === f.section));
  if (ctx < 0 || f.kind || f.source) return shown.map((row) => ({ row }));
  const near = /* @__PURE__ */ new Set();
  shown.forEach((r, k) => {
    if (r.t === "section") near.add(k);
    else if (r.k !== "unchanged" || r.cf || r.si?.length) for (let j = k - ctx; j <= k + ctx; j++) near.add(j);
  });
  const out = [];
  shown.forEach((row, k) => {
    const last = out[out.length - 1];
    if (near.has(k) || expanded.has(row.i)) out.push({ row });
    else if (last?.gap && last.gap[0].sec === row.sec) last.gap.push(row);
    else out.push({ gap: [row] });
  });
  return out.map((item) => item.gap && item.gap.length <= 1 ? { row: (
    /** @type {Row[]} */
    item.gap[0]
  ) } : item);
}
function foldText(gap) {
  const n = `${gap.length} unchanged clause${gap.length === 1 ? "" : "s"}`;
  return `\u22EF ${n}${gap[0].sec ? ` in ${gap[0].sec}` : ""} (${gap[0].at} \u2013 ${gap[gap.length - 1].at})`;
}
function badges(row, changes) {
  const out = [];
  if (row.cf) {
    out.push(h("span", {
      class: "itu-badge itu-b-conflict",
      title: `Open conflict ${row.cf.join(", ")}: see Conflicts`,
      text: row.cf.length > 1 ? `\u26A0 ${row.cf.length} conflicts` : "\u26A0 conflict"
    }));
  }
  if (row.mv) out.push(h("span", { class: "itu-badge itu-moved", text: `moved from ${row.mvat ?? row.mv}` }));
  else if (row.k === "inserted" || row.k === "deleted") {
    out.push(h("span", { class: `itu-badge itu-b-${row.k}`, text: row.k === "inserted" ? "new" : "deleted" }));
  }
  if ([...row.lab, ...row.seg].some((s) => s[2] >= 0 && changes[s[2]]?.inf)) {
    out.push(h("span", {
      class: "itu-badge itu-b-inferred",
      title: `Changes here were ${INFERRED}`,
      text: "inferred"
    }));
  }
  return out;
}
function notesBlock(row) {
  if (!row.notes?.length) return null;
  return h("div", { class: "itu-notes" }, ...row.notes.map((n) => {
    const by = [n.a, n.t].filter(Boolean).join(", ");
    return h(
      "div",
      { class: "itu-note", role: "note", "aria-label": `Comment${n.a ? ` by ${n.a}` : ""}` },
      h("span", { class: "itu-note-by", text: `\u{1F4AC} ${by || "Comment"}: ` }),
      h("span", { class: "itu-note-text", text: n.text })
    );
  }));
}
function drawRow(row, mode, changes, decided) {
  const cls = `itu-row itu-k-${row.k} itu-t-${row.t}`;
  const el = h("div", { class: cls, "data-i": row.i, "data-path": row.path, style: `--itu-depth:${row.d}` });
  if (row.cf) el.classList.add("itu-conflicted");
  const hl = row.hl ? new Set(row.hl) : void 0;
  const all = [...row.lab, ...row.seg];
  const names = row.mn ? new Map(row.mn.map(([k, name]) => [all[k], name])) : void 0;
  if (mode === "side-by-side") {
    const old = h("div", { class: "itu-cell itu-old" });
    const neu = h("div", { class: "itu-cell itu-new" });
    const si = row.k === "deleted" ? [void 0, row.si] : [row.si, void 0];
    if (row.k !== "inserted") {
      old.append(
        label(row, mode, "original", changes, names) ?? "",
        h("span", { class: "itu-body" }, bodyText(row.seg, "original", true, changes, hl, names, si[1]))
      );
    }
    if (row.k !== "deleted") {
      neu.append(
        label(row, mode, "amended", changes, names) ?? "",
        h("span", { class: "itu-body" }, bodyText(row.seg, "amended", true, changes, hl, names, si[0]))
      );
    }
    (row.k === "deleted" ? old : neu).prepend(...badges(row, changes));
    const notes = notesBlock(row);
    if (notes) (row.k === "deleted" ? old : neu).append(notes);
    el.append(old, neu);
    el.classList.add("itu-split");
  } else {
    const body = h("span", { class: "itu-body" });
    if (mode === "inline") body.append(bodyText(row.seg, null, true, changes, hl, names, row.si));
    else body.append(bodyText(
      row.seg,
      /** @type {"original"|"amended"} */
      mode,
      false,
      changes,
      hl,
      void 0,
      row.si
    ));
    el.append(
      ...badges(row, changes),
      h("div", { class: "itu-cell" }, label(row, mode, null, changes, names), body),
      notesBlock(row) ?? ""
    );
  }
  paintDecisions(el, decided);
  return el;
}
function describe(ci, changes, rows) {
  const change = changes[ci];
  const row = rows[change.r];
  const by = change.a ? ` by ${change.a}` : "";
  const on = change.t ? ` on ${change.t}` : "";
  const clip = (s) => (s.length > 60 ? `${s.slice(0, 59)}\u2026` : s).trim();
  if (change.k === "struck-insert") {
    const all = row.si?.filter((x) => x.c === ci) ?? [];
    const text = clip(all.map((x) => x.text).join("").replace(/\s+/g, " ").trim());
    return `struck \u201C${text}\u201D${all[0]?.a ? ` (inserted by ${all[0].a})` : ""} in ${row.at}${by}${on}`;
  }
  const segs = [...row.lab, ...row.seg].filter((s) => s[2] === ci);
  const del = segs.filter((s) => s[0] === -1).map((s) => s[1]).join("");
  const ins = segs.filter((s) => s[0] === 1).map((s) => s[1]).join("");
  let what = del && ins ? `${change.k === "relabelled" ? "relabelled" : "replaced"} \u201C${clip(del)}\u201D with \u201C${clip(ins)}\u201D` : ins ? `${change.k === "moved-to" ? "moved here" : "inserted"} \u201C${clip(ins)}\u201D` : `${change.k === "moved-from" ? "moved away" : "deleted"} \u201C${clip(del)}\u201D`;
  if (row.lo && row.ln && change.lab) what = `relabelled ${row.lo} \u2192 ${row.ln}`;
  const inf = change.inf ? ` (${INFERRED})` : "";
  return `${what} in ${row.at}${by}${on}${inf}`;
}

// src/redline/toolbar.js
var uid = 0;
function select(label2, cls, options, onChange) {
  const id = `itu-sel-${++uid}`;
  const sel = h(
    "select",
    { id, class: cls, on: { change: () => onChange(sel.value) } },
    ...options.map(([value, text]) => h("option", { value, text }))
  );
  return { wrap: h("span", { class: "itu-field" }, h("label", { for: id, text: label2 }), sel), sel };
}
var same = (values) => values.map((v) => [v, v]);
function buildToolbar(meta, on) {
  const mode = select("View", "itu-mode", MODES, on.mode);
  const prev = h("button", {
    class: "itu-prev",
    type: "button",
    title: "Previous change (p, Shift+F7)",
    on: { click: () => on.prev() }
  }, "\u25C0 Prev");
  const next = h("button", {
    class: "itu-next",
    type: "button",
    title: "Next change (n, F7)",
    on: { click: () => on.next() }
  }, "Next \u25B6");
  const counter = h("span", { class: "itu-counter", "aria-live": "polite", role: "status" });
  const nav = h("span", { class: "itu-group", role: "group", "aria-label": "Changes" }, prev, counter, next);
  const decide = h(
    "span",
    { class: "itu-group itu-decide", role: "group", "aria-label": "Decide" },
    h(
      "button",
      { class: "itu-accept", type: "button", title: "Accept this change (a)", on: { click: () => on.accept() } },
      "\u2713 Accept"
    ),
    h(
      "button",
      { class: "itu-reject", type: "button", title: "Reject this change (r)", on: { click: () => on.reject() } },
      "\u2717 Reject"
    ),
    h(
      "button",
      { class: "itu-undo", type: "button", title: "Undo the decision (u)", on: { click: () => on.undo() } },
      "\u21BA"
    )
  );
  decide.hidden = !meta.editable;
  const jump = select("Go to", "itu-jump", [["", "section\u2026"], ...same(meta.sections)], (v) => {
    if (v) on.jump(v);
    jump.sel.value = "";
  });
  const fSection = select(
    "Section",
    "itu-f-section",
    [["", "all"], ...same(meta.sections)],
    (v) => on.filter("section", v)
  );
  const fKind = select("Kind", "itu-f-kind", [["", "all"], ...same(meta.kinds)], (v) => on.filter("kind", v));
  const fAuthor = select(
    "Author",
    "itu-f-author",
    [["", "all"], ...same(meta.authors)],
    (v) => on.filter("author", v)
  );
  fAuthor.wrap.hidden = !meta.authors.length;
  const fSource = select("Source", "itu-f-source", [
    ["", "all"],
    ["inferred", "inferred from flat text"],
    ["marked", "marked in the source"]
  ], (v) => on.filter("source", v));
  fSource.wrap.hidden = !(meta.sources ?? []).includes("inferred");
  const collapseId = `itu-chk-${++uid}`;
  const collapse = h("input", {
    type: "checkbox",
    id: collapseId,
    class: "itu-collapse",
    on: { change: () => on.collapse(collapse.checked) }
  });
  const filters = h(
    "span",
    { class: "itu-group itu-filters", role: "group", "aria-label": "Filters" },
    fSection.wrap,
    fKind.wrap,
    fAuthor.wrap,
    fSource.wrap,
    h("span", { class: "itu-field" }, collapse, h("label", { for: collapseId, text: "Collapse unchanged" }))
  );
  const texts = meta.texts ?? [];
  const text = select("Text", "itu-text", texts.map((t) => [t.id, t.label]), on.text);
  text.wrap.hidden = !texts.length;
  const el = h(
    "div",
    { class: "itu-toolbar", role: "toolbar", "aria-label": "Redline viewer" },
    text.wrap,
    h("strong", { class: "itu-title", text: meta.title }),
    mode.wrap,
    nav,
    decide,
    jump.wrap,
    filters
  );
  return {
    el,
    mode: mode.sel,
    counter,
    fSection: fSection.sel,
    fKind: fKind.sel,
    fAuthor: fAuthor.sel,
    fSource: fSource.sel,
    collapse,
    text: text.sel
  };
}

// src/redline/index.js
var KEYS_NEXT = /* @__PURE__ */ new Set(["n", "j", "F7"]);
var KEYS_PREV = /* @__PURE__ */ new Set(["p", "k"]);
var REVEAL_SETTLE_MS = 400;
var REVEAL_MAX_MS = 3e3;
function render({ model, el }) {
  let rows = [];
  let changes = [];
  let decided = /* @__PURE__ */ new Map();
  let navigable = [];
  let current = -1;
  let quiet = false;
  const expanded = /* @__PURE__ */ new Set();
  let bar;
  const root = h("div", { class: "itu-widget itu-redline" });
  const scroll = h("div", { class: "itu-scroll", tabindex: "0", role: "region" });
  const statusLine = h("div", { class: "itu-status", "aria-live": "polite" });
  const banner = h("div", { class: "itu-banner", role: "note" });
  const editor = buildEditor({ model, scroll, status: statusLine });
  el.append(root);
  const panel = conflictsPanel({
    go: (c) => {
      markPath(c.at, true);
      save({ selected_path: c.at });
    },
    choose: (c, side, text) => {
      const how = side === null ? "your wording" : side === "base" ? "the base text" : side;
      statusLine.textContent = `Resolving ${c.citation} with ${how}\u2026`;
      save({ conflict_choices: [side === null ? { id: c.id, text: text ?? "" } : { id: c.id, side }] });
    }
  });
  function id2index(id) {
    return id ? changes.findIndex((c) => c.id === id) : -1;
  }
  function readDecisions() {
    decided = /* @__PURE__ */ new Map();
    for (const d of model.get("decisions") ?? []) {
      const ci = id2index(d.id);
      if (ci >= 0) decided.set(ci, d.decision);
    }
  }
  function draw() {
    const mode = model.get("mode");
    const items = layout(
      rows,
      changes,
      model.get("filters") ?? {},
      model.get("collapse_unchanged") ? model.get("context") ?? 1 : -1,
      expanded
    );
    const frag = document.createDocumentFragment();
    if (mode === "side-by-side") {
      frag.append(h(
        "div",
        { class: "itu-row itu-split itu-colhead", "aria-hidden": "true" },
        h("div", { class: "itu-cell", text: "Original" }),
        h("div", { class: "itu-cell", text: "Amended" })
      ));
    }
    const seen = /* @__PURE__ */ new Set();
    const top = scroll.scrollTop;
    for (const item of items) {
      if (item.row) {
        frag.append(drawRow(item.row, mode, changes, decided));
        seen.add(item.row.i);
        continue;
      }
      const gap = (
        /** @type {Row[]} */
        item.gap
      );
      frag.append(h(
        "button",
        {
          type: "button",
          class: "itu-gap",
          "data-first": gap[0].i,
          on: { click: () => {
            for (const r of gap) expanded.add(r.i);
            draw();
          } }
        },
        foldText(gap)
      ));
    }
    scroll.replaceChildren(frag);
    if (top > 0) scroll.scrollTop = top;
    navigable = changes.map((_, ci) => ci).filter((ci) => seen.has(changes[ci].r));
    root.classList.toggle("itu-sbs", mode === "side-by-side");
    mark(current, false);
    markPath(model.get("selected_path"), false, false);
    editor.place();
  }
  function tally() {
    let accepted = 0;
    let rejected = 0;
    for (const d of decided.values()) {
      if (d === "accept") accepted++;
      else if (d === "reject") rejected++;
    }
    return { pending: changes.length - accepted - rejected, accepted, rejected };
  }
  function counterText() {
    const pos = navigable.indexOf(current);
    const n = navigable.length;
    const t = tally();
    const counts = t.accepted || t.rejected ? `: ${t.pending} pending, ${t.accepted} accepted, ${t.rejected} rejected` : "";
    bar.counter.textContent = n === 0 ? "no changes" : pos < 0 ? `${n} changes${counts}` : `change ${pos + 1} of ${n}${counts}`;
  }
  let revealing = 0;
  function reveal(target) {
    const run = ++revealing;
    const start = performance.now();
    let held = start;
    const step = () => {
      if (run !== revealing || !target.isConnected) return;
      const now = performance.now();
      const top = target.getBoundingClientRect().top - scroll.getBoundingClientRect().top + scroll.scrollTop;
      const want = Math.max(0, Math.round(top - scroll.clientHeight / 3));
      if (Math.abs(scroll.scrollTop - want) >= 2) {
        scroll.scrollTop = want;
        held = now;
      }
      if (now - held < REVEAL_SETTLE_MS && now - start < REVEAL_MAX_MS) requestAnimationFrame(step);
    };
    step();
  }
  const stopRevealing = () => {
    revealing++;
  };
  function mark(ci, doScroll) {
    for (const old of scroll.querySelectorAll(".itu-current")) old.classList.remove("itu-current");
    current = ci;
    counterText();
    if (ci < 0 || !changes[ci]) {
      statusLine.textContent = "";
      return;
    }
    const els = (
      /** @type {NodeListOf<HTMLElement>} */
      scroll.querySelectorAll(`[data-c="${ci}"]`)
    );
    els.forEach((e) => e.classList.add("itu-current"));
    const rowEl = (
      /** @type {HTMLElement|null} */
      scroll.querySelector(`.itu-row[data-i="${changes[ci].r}"]`)
    );
    rowEl?.classList.add("itu-current");
    const decision = decided.get(ci);
    statusLine.textContent = describe(ci, changes, rows) + (decision ? ` \u2014 ${decision}ed` : "");
    if (doScroll) reveal(els[0] ?? rowEl ?? scroll);
  }
  function markPath(path, doScroll, unfold = true) {
    for (const old of scroll.querySelectorAll(".itu-selected")) old.classList.remove("itu-selected");
    if (!path) return;
    const row = rows.find((r) => r.path === path);
    if (!row) return;
    if (unfold && !expanded.has(row.i) && !scroll.querySelector(`.itu-row[data-i="${row.i}"]`)) {
      expanded.add(row.i);
      draw();
    }
    const rowEl = (
      /** @type {HTMLElement|null} */
      scroll.querySelector(`.itu-row[data-i="${row.i}"]`)
    );
    rowEl?.classList.add("itu-selected");
    if (doScroll && rowEl) reveal(rowEl);
  }
  function save(patch) {
    quiet = true;
    try {
      for (const [k, v] of Object.entries(patch)) model.set(
        /** @type {keyof RedlineState} */
        k,
        v
      );
      model.save_changes();
    } finally {
      quiet = false;
    }
  }
  function select2(ci) {
    mark(ci, true);
    if (ci < 0) return;
    save({ selected_change: changes[ci].id, selected_path: changes[ci].path });
  }
  function go(delta) {
    if (!navigable.length) return;
    const pos = navigable.indexOf(current);
    let next;
    if (pos >= 0) next = Math.min(Math.max(pos + delta, 0), navigable.length - 1);
    else {
      const selectedRow = rows.find((r) => r.path === model.get("selected_path"));
      const anchor = current >= 0 ? changes[current].r + 0.5 : selectedRow ? selectedRow.i : 0;
      const after = navigable.findIndex((ci) => changes[ci].r >= anchor);
      next = delta > 0 ? after < 0 ? navigable.length - 1 : after : Math.max((after < 0 ? navigable.length : after) - 1, 0);
    }
    select2(navigable[next]);
  }
  function decide(decision) {
    if (!model.get("_meta").editable || current < 0) return;
    const id = changes[current].id;
    const list = (model.get("decisions") ?? []).filter((d) => d.id !== id);
    if (decision) list.push({ id, decision });
    save({ decisions: list });
    readDecisions();
    const ci = current;
    paintDecisions(scroll, decided);
    mark(ci, false);
    if (decision) go(1);
  }
  function setFilter(key, value) {
    const f = { ...model.get("filters") ?? {} };
    if (value) f[key] = value;
    else delete f[key];
    model.set("filters", f);
    model.save_changes();
  }
  function build() {
    rows = model.get("_rows") ?? [];
    changes = model.get("_changes") ?? [];
    const meta = model.get("_meta") ?? {};
    expanded.clear();
    readDecisions();
    current = id2index(model.get("selected_change"));
    bar = buildToolbar(meta, {
      mode: (v) => {
        model.set("mode", v);
        model.save_changes();
      },
      prev: () => go(-1),
      next: () => go(1),
      accept: () => decide("accept"),
      reject: () => decide("reject"),
      undo: () => decide(null),
      jump: (sec) => {
        const r = rows.find((x) => x.sec === sec);
        if (!r) return;
        markPath(r.path, true);
        save({ selected_path: r.path });
      },
      filter: setFilter,
      collapse: (on) => {
        model.set("collapse_unchanged", on);
        model.save_changes();
      },
      text: (id) => {
        model.set("selected_text", id);
        model.save_changes();
      }
    });
    bar.el.append(editor.toggle);
    editor.update(meta);
    const notes = [meta.banner, meta.review_note].filter(Boolean);
    banner.textContent = notes.join(" ");
    banner.hidden = notes.length === 0;
    scroll.setAttribute("aria-label", `Redline of ${meta.title ?? ""}`);
    if (root.contains(panel.el)) root.firstElementChild?.replaceWith(bar.el);
    else root.replaceChildren(bar.el, editor.el, banner, panel.el, scroll, statusLine);
    panel.update(model.get("_conflicts") ?? []);
    syncControls();
    draw();
    if (current >= 0) mark(current, true);
  }
  function syncControls() {
    const f = model.get("filters") ?? {};
    bar.mode.value = model.get("mode");
    bar.fSection.value = f.section ?? "";
    bar.fKind.value = f.kind ?? "";
    bar.fAuthor.value = f.author ?? "";
    bar.fSource.value = f.source ?? "";
    bar.collapse.checked = !!model.get("collapse_unchanged");
    bar.text.value = model.get("selected_text") ?? "";
  }
  function onKey(ev) {
    const t = (
      /** @type {HTMLElement} */
      ev.target
    );
    const typing = t.matches("input, select, textarea");
    let handled = true;
    if (ev.key === "F7") go(ev.shiftKey ? -1 : 1);
    else if (typing || ev.ctrlKey || ev.metaKey || ev.altKey) handled = false;
    else if (KEYS_NEXT.has(ev.key)) go(1);
    else if (KEYS_PREV.has(ev.key)) go(-1);
    else if (ev.key === "a") decide("accept");
    else if (ev.key === "r") decide("reject");
    else if (ev.key === "u") decide(null);
    else handled = false;
    if (handled) {
      ev.preventDefault();
      ev.stopPropagation();
    }
  }
  function onClick(ev) {
    const t = (
      /** @type {HTMLElement} */
      ev.target
    );
    const markEl = (
      /** @type {HTMLElement|null} */
      t.closest("[data-c]")
    );
    if (markEl) return select2(Number(markEl.dataset.c));
    const rowEl = (
      /** @type {HTMLElement|null} */
      t.closest(".itu-row[data-path]")
    );
    if (!rowEl) return;
    markPath(rowEl.dataset.path ?? null, false);
    save({ selected_path: rowEl.dataset.path });
  }
  const setHeight = () => root.style.setProperty("--itu-height", model.get("height") || "32rem");
  root.addEventListener("keydown", onKey);
  root.addEventListener("keydown", editor.onKey);
  const unguard = guardShortcuts(root);
  scroll.addEventListener("click", onClick);
  for (const type of ["wheel", "touchstart", "pointerdown", "keydown"]) {
    scroll.addEventListener(type, stopRevealing, { passive: true });
  }
  setHeight();
  build();
  const off = listen(model, {
    "change:_rows": build,
    "change:mode": () => {
      syncControls();
      draw();
    },
    "change:filters": () => {
      syncControls();
      draw();
    },
    "change:collapse_unchanged": () => {
      syncControls();
      draw();
    },
    "change:context": draw,
    "change:height": setHeight,
    "change:_conflicts": () => panel.update(model.get("_conflicts") ?? []),
    "change:decisions": () => {
      if (quiet) return;
      readDecisions();
      paintDecisions(scroll, decided);
      mark(current, false);
    },
    "change:selected_change": () => {
      const ci = id2index(model.get("selected_change"));
      if (!quiet && ci !== current) mark(ci, true);
    },
    "change:selected_path": () => quiet || markPath(model.get("selected_path"), true)
  });
  return () => {
    off();
    editor.cleanup();
    stopRevealing();
    root.removeEventListener("keydown", onKey);
    unguard();
    root.remove();
  };
}
var index_default = { render };
export {
  index_default as default
};
