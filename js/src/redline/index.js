// RedlineViewer: renders the rows Python computed; navigation, filters and decisions
// are local state mirrored to the model (selected_change, selected_path, decisions, filters).
import { guardShortcuts, h, listen } from "../dom.js";
import { conflictsPanel } from "./conflicts.js";
import { buildEditor } from "./editor.js";
import { describe, drawRow, foldText, layout, paintDecisions } from "./render.js";
import { buildToolbar } from "./toolbar.js";

/** @typedef {import("../contract.js").Row} Row */
/** @typedef {import("../contract.js").ChangePayload} Change */
/** @typedef {import("../contract.js").RedlineState} RedlineState */

const KEYS_NEXT = new Set(["n", "j", "F7"]);
const KEYS_PREV = new Set(["p", "k"]);
const REVEAL_SETTLE_MS = 400; // reveal() stops once the target has stayed in place this long
const REVEAL_MAX_MS = 3000; // and in any case after this long

/** @param {{model: import("../contract.js").Model<RedlineState>, el: HTMLElement}} ctx */
function render({ model, el }) {
  /** @type {Row[]} */ let rows = [];
  /** @type {Change[]} */ let changes = [];
  /** @type {Map<number, string>} */ let decided = new Map();
  /** @type {number[]} */ let navigable = [];
  let current = -1;
  let quiet = false; // true while this view itself writes a trait, so its own echo is ignored
  const expanded = new Set();
  /** @type {ReturnType<typeof buildToolbar>} */ let bar;

  const root = h("div", { class: "itu-widget itu-redline" }); // JupyterLab's shortcuts: guardShortcuts below
  const scroll = h("div", { class: "itu-scroll", tabindex: "0", role: "region" });
  const statusLine = h("div", { class: "itu-status", "aria-live": "polite" });
  // what the reader must know before reading the marks (the proposal amends another revision…)
  const banner = h("div", { class: "itu-banner", role: "note" });
  const editor = buildEditor({ model, scroll, status: statusLine }); // the suggesting mode (editor.js)
  el.append(root);
  const panel = conflictsPanel({
    go: (c) => { markPath(c.at, true); save({ selected_path: c.at }); },
    choose: (c, side, text) => {
      const how = side === null ? "your wording" : side === "base" ? "the base text" : side;
      statusLine.textContent = `Resolving ${c.citation} with ${how}…`;
      // Python resolves it (Draft.resolve) and sends the new draft
      save({ conflict_choices: [side === null ? { id: c.id, text: text ?? "" } : { id: c.id, side }] });
    },
  });

  function id2index(/** @type {string|null} */ id) {
    return id ? changes.findIndex((c) => c.id === id) : -1;
  }

  function readDecisions() {
    decided = new Map();
    for (const d of model.get("decisions") ?? []) {
      const ci = id2index(d.id);
      if (ci >= 0) decided.set(ci, d.decision);
    }
  }

  function draw() {
    const mode = model.get("mode");
    const items = layout(rows, changes, model.get("filters") ?? {},
      model.get("collapse_unchanged") ? model.get("context") ?? 1 : -1, expanded);
    const frag = document.createDocumentFragment();
    if (mode === "side-by-side") {
      frag.append(h("div", { class: "itu-row itu-split itu-colhead", "aria-hidden": "true" },
        h("div", { class: "itu-cell", text: "Original" }), h("div", { class: "itu-cell", text: "Amended" })));
    }
    const seen = new Set();
    const top = scroll.scrollTop; // a redraw keeps the reader's place
    for (const item of items) {
      if (item.row) {
        frag.append(drawRow(item.row, mode, changes, decided));
        seen.add(item.row.i);
        continue;
      }
      const gap = /** @type {Row[]} */ (item.gap);
      frag.append(h("button", { type: "button", class: "itu-gap", "data-first": gap[0].i,
        on: { click: () => { for (const r of gap) expanded.add(r.i); draw(); } } },
        foldText(gap)));
    }
    scroll.replaceChildren(frag);
    if (top > 0) scroll.scrollTop = top; // (at the top, no forced layout: the first render stays fast)
    navigable = changes.map((_, ci) => ci).filter((ci) => seen.has(changes[ci].r));
    root.classList.toggle("itu-sbs", mode === "side-by-side");
    mark(current, false);
    markPath(model.get("selected_path"), false, false);
    editor.place();
  }

  /** How many changes are pending, accepted and rejected: the one place they are counted. */
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

  let revealing = 0; // the latest reveal; a newer one, or the reader scrolling, ends the ones before

  /**
   * Scroll `target` to the upper third of the viewer without moving the page around it.
   * Rows off screen are not laid out (content-visibility) and have estimated heights; they get
   * real ones only once they come into view, which takes a few frames, more on a busy machine.
   * So the position is corrected on every frame until it has held for REVEAL_SETTLE_MS (for at
   * most REVEAL_MAX_MS), not for a fixed number of frames: on a loaded machine four frames were
   * not enough and the viewer stopped short of the clause.
   */
  function reveal(/** @type {HTMLElement} */ target) {
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
  const stopRevealing = () => { revealing++; }; // the reader scrolls: leave the position to them

  /** Highlight change `ci` and optionally bring it into view. */
  function mark(/** @type {number} */ ci, /** @type {boolean} */ doScroll) {
    for (const old of scroll.querySelectorAll(".itu-current")) old.classList.remove("itu-current");
    current = ci;
    counterText();
    if (ci < 0 || !changes[ci]) {
      statusLine.textContent = "";
      return;
    }
    const els = /** @type {NodeListOf<HTMLElement>} */ (scroll.querySelectorAll(`[data-c="${ci}"]`));
    els.forEach((e) => e.classList.add("itu-current"));
    const rowEl = /** @type {HTMLElement|null} */ (scroll.querySelector(`.itu-row[data-i="${changes[ci].r}"]`));
    rowEl?.classList.add("itu-current");
    const decision = decided.get(ci);
    statusLine.textContent = describe(ci, changes, rows) + (decision ? ` — ${decision}ed` : "");
    if (doScroll) reveal(els[0] ?? rowEl ?? scroll);
  }

  /**
   * Mark the selected clause; with `unfold`, unfold it first when a fold hides it. draw() calls this
   * without unfolding: a row a filter hides stays hidden, and draw() never calls itself again
   * (it did, without end, when a change was selected and a Section filter then hid its row).
   */
  function markPath(/** @type {string|null} */ path, /** @type {boolean} */ doScroll, unfold = true) {
    for (const old of scroll.querySelectorAll(".itu-selected")) old.classList.remove("itu-selected");
    if (!path) return;
    const row = rows.find((r) => r.path === path);
    if (!row) return;
    if (unfold && !expanded.has(row.i) && !scroll.querySelector(`.itu-row[data-i="${row.i}"]`)) {
      expanded.add(row.i);
      draw();
    }
    const rowEl = /** @type {HTMLElement|null} */ (scroll.querySelector(`.itu-row[data-i="${row.i}"]`));
    rowEl?.classList.add("itu-selected");
    if (doScroll && rowEl) reveal(rowEl);
  }

  /** Write traits to the model (and Python) without reacting to our own echo. */
  function save(/** @type {Partial<RedlineState>} */ patch) {
    quiet = true;
    try {
      for (const [k, v] of Object.entries(patch)) model.set(/** @type {keyof RedlineState} */ (k), v);
      model.save_changes();
    } finally {
      quiet = false;
    }
  }

  /** Move to change `ci` and tell Python. */
  function select(/** @type {number} */ ci) {
    mark(ci, true);
    if (ci < 0) return;
    save({ selected_change: changes[ci].id, selected_path: changes[ci].path });
  }

  function go(/** @type {number} */ delta) {
    if (!navigable.length) return;
    const pos = navigable.indexOf(current);
    let next;
    if (pos >= 0) next = Math.min(Math.max(pos + delta, 0), navigable.length - 1);
    else {
      // start from the selected clause (or the hidden current change), as a reader expects
      const selectedRow = rows.find((r) => r.path === model.get("selected_path"));
      const anchor = current >= 0 ? changes[current].r + 0.5 : selectedRow ? selectedRow.i : 0;
      const after = navigable.findIndex((ci) => changes[ci].r >= anchor);
      next = delta > 0 ? (after < 0 ? navigable.length - 1 : after) : Math.max((after < 0 ? navigable.length : after) - 1, 0);
    }
    select(navigable[next]);
  }

  function decide(/** @type {string|null} */ decision) {
    if (!model.get("_meta").editable || current < 0) return;
    const id = changes[current].id;
    const list = (model.get("decisions") ?? []).filter((d) => d.id !== id);
    if (decision) list.push({ id, decision });
    save({ decisions: list }); // no redraw: the marks are repainted where they are, the scroll stays
    readDecisions();
    const ci = current;
    paintDecisions(scroll, decided);
    mark(ci, false);
    if (decision) go(1);
  }

  function setFilter(/** @type {"section"|"kind"|"author"|"source"} */ key, /** @type {string} */ value) {
    const f = { ...(model.get("filters") ?? {}) };
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
      mode: (v) => { model.set("mode", v); model.save_changes(); },
      prev: () => go(-1), next: () => go(1),
      accept: () => decide("accept"), reject: () => decide("reject"), undo: () => decide(null),
      jump: (sec) => {
        const r = rows.find((x) => x.sec === sec);
        if (!r) return;
        markPath(r.path, true);
        save({ selected_path: r.path });
      },
      filter: setFilter,
      collapse: (on) => { model.set("collapse_unchanged", on); model.save_changes(); },
      text: (id) => { model.set("selected_text", id); model.save_changes(); },
    });
    bar.el.append(editor.toggle);
    editor.update(meta);
    // what the reader must know first: the base differs…, and that decisions are kept in memory only
    const notes = [meta.banner, meta.review_note].filter(Boolean);
    banner.textContent = notes.join(" ");
    banner.hidden = notes.length === 0;
    scroll.setAttribute("aria-label", `Redline of ${meta.title ?? ""}`);
    if (root.contains(panel.el)) root.firstElementChild?.replaceWith(bar.el); // keeps the focus in the panel
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

  function onKey(/** @type {KeyboardEvent} */ ev) {
    const t = /** @type {HTMLElement} */ (ev.target);
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

  function onClick(/** @type {MouseEvent} */ ev) {
    const t = /** @type {HTMLElement} */ (ev.target);
    const markEl = /** @type {HTMLElement|null} */ (t.closest("[data-c]"));
    if (markEl) return select(Number(markEl.dataset.c));
    const rowEl = /** @type {HTMLElement|null} */ (t.closest(".itu-row[data-path]"));
    if (!rowEl) return;
    markPath(rowEl.dataset.path ?? null, false);
    save({ selected_path: rowEl.dataset.path });
  }

  const setHeight = () => root.style.setProperty("--itu-height", model.get("height") || "32rem");
  root.addEventListener("keydown", onKey);
  root.addEventListener("keydown", editor.onKey);
  const unguard = guardShortcuts(root); // after the viewer's own keys: Ctrl+S still saves the notebook
  scroll.addEventListener("click", onClick);
  for (const type of ["wheel", "touchstart", "pointerdown", "keydown"]) {
    scroll.addEventListener(type, stopRevealing, { passive: true });
  }
  setHeight();
  build();
  const off = listen(model, {
    "change:_rows": build,
    "change:mode": () => { syncControls(); draw(); },
    "change:filters": () => { syncControls(); draw(); },
    "change:collapse_unchanged": () => { syncControls(); draw(); },
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
    "change:selected_path": () => quiet || markPath(model.get("selected_path"), true),
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

export default { render };
