// Drawing one clause row of the redline viewer, in each of the four modes.
// Rows arrive ready to draw from Python (itu_nb/widgets/_payload.py: viewer_rows).
import { h } from "../dom.js";

/** @typedef {import("../contract.js").Seg} Seg */
/** @typedef {import("../contract.js").Row} Row */
/** @typedef {import("../contract.js").ChangePayload} Change */
/** @typedef {import("../contract.js").Struck} Struck */

/** @type {Array<[string, string]>} value, text */
export const MODES = [
  ["inline", "Inline redline"],
  ["side-by-side", "Side by side"],
  ["original", "Original only"],
  ["amended", "Amended only"],
];

/** @type {Record<string, string>} */
const VERB = { "1": "Inserted", "-1": "Deleted" };

/**
 * A tooltip naming who made a change and when, where the source says so.
 * @param {number} op
 * @param {Change|undefined} change
 */
function who(op, change) {
  if (!change || (!change.a && !change.t)) return null;
  return `${VERB[String(op)]}${change.a ? ` by ${change.a}` : ""}${change.t ? ` on ${change.t}` : ""}`;
}

export const INFERRED = "inferred from a flattened text (no tracked-change mark in the source)";

/** @type {Record<string, [string, string]>} decision → mark, words */
const DECIDED = { accept: ["✓", "accepted"], reject: ["✗", "rejected"] };

/**
 * A tooltip for one end of a move: "Moved away (move-resolves/3) by Ana on 2026-12-05" ("Moved here" for the
 * inserted end), as the HTML export titles a run of a move.
 * @param {number} op
 * @param {string} name the move's name
 * @param {Change|undefined} change
 */
function moved(op, name, change) {
  return `${op === 1 ? "Moved here" : "Moved away"} (${name})${change?.a ? ` by ${change.a}` : ""}${
    change?.t ? ` on ${change.t}` : ""}`;
}

/**
 * One mark (<ins>/<del>) or plain text for a segment; a segment that is one end of a move (`move`, its name)
 * gets the class `itu-move`, the name in its title and in `data-move`.
 * @param {Seg} seg
 * @param {Change[]} changes
 * @param {string} [move] the move's name (Row.mn), when the segment is one end of a move
 */
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
    class: [typo, change?.inf ? "itu-inferred" : "", move ? "itu-move" : ""].filter(Boolean).join(" ") || null,
  });
}

/**
 * What a struck insertion says of itself: "inserted by Brazil, struck by Ana, 2026-12-05" (the HTML export's
 * words).
 * @param {Struck} s
 */
export function struckWords(s) {
  return `inserted${s.a ? ` by ${s.a}` : ""}${s.t ? `, ${s.t}` : ""}, struck${s.sa ? ` by ${s.sa}` : ""}${
    s.st ? `, ${s.st}` : ""}`;
}

/**
 * Text one author inserted and another struck (in neither view): the text struck through in an <s> (no <del>:
 * it deletes nothing of either view), then a visible "[inserted by Brazil, struck by Ana, 2026-12-05]"; both
 * only text nodes.
 * @param {Struck} s
 */
function struckNode(s) {
  const said = struckWords(s);
  // data-c: the change that decides it (its striker's, or its own), so a decision restyles it with that change
  return h("span", { class: "itu-struck-insert", role: "note", "aria-label": `${s.text} (${said})`,
    "data-c": s.c >= 0 ? s.c : null },
    h("s", { class: "itu-struck", title: said, text: s.text }),
    h("span", { class: "itu-struck-note", "aria-hidden": "true", text: `[${said}]` }));
}

/**
 * Show the decisions on the marks inside `container`: each decided change's marks get `itu-accepted` or
 * `itu-rejected` and, after its last mark, a ✓ or ✗ that says "accepted" / "rejected" in words.
 * Used for a new row and, without redrawing, when a decision changes.
 * @param {ParentNode} container
 * @param {Map<number, string>} decided
 */
export function paintDecisions(container, decided) {
  for (const old of container.querySelectorAll(".itu-dec")) old.remove();
  /** @type {Map<number, Element>} */ const last = new Map();
  for (const e of container.querySelectorAll("[data-c]")) {
    const ci = Number(/** @type {HTMLElement} */ (e).dataset.c);
    const decision = decided.get(ci);
    e.classList.toggle("itu-accepted", decision === "accept");
    e.classList.toggle("itu-rejected", decision === "reject");
    if (decision) last.set(ci, e);
  }
  for (const [ci, e] of last) {
    const [sign, words] = DECIDED[/** @type {string} */ (decided.get(ci))] ?? ["?", String(decided.get(ci))];
    e.after(h("span", { class: `itu-dec itu-dec-${decided.get(ci)}`, role: "img", "aria-label": words,
      title: `Change ${words}`, "data-d": ci }, sign));
  }
}

/**
 * The body of a row: the segments visible in `view` (every one when null: the inline redline), marked (<ins>/<del>)
 * or as plain text; the segments whose index is in `hl` in <mark> (a highlight of the source); and the text struck
 * in neither view (Row.si) at its place in every view, a segment split where one stands.
 * @param {Seg[]} segs
 * @param {"original"|"amended"|null} view
 * @param {boolean} marked
 * @param {Change[]} changes
 * @param {Set<number>} [hl]
 * @param {Map<Seg, string>} [names] the move names of the segments that are one end of a move
 * @param {Struck[]} [si]
 */
function bodyText(segs, view, marked, changes, hl, names, si) {
  const hidden = view === "original" ? 1 : view === "amended" ? -1 : null;
  const out = document.createDocumentFragment();
  /** @type {Map<number, Struck[]>} */ const at = new Map();
  for (const s of si ?? []) {
    const k = Math.min(s.seg, segs.length);
    const here = at.get(k);
    if (here) here.push(s); // (not a copy per entry: a clause may hold thousands in one segment)
    else at.set(k, [s]);
  }
  const draw = (/** @type {Seg} */ seg, /** @type {string} */ text) => (marked
    ? segment([seg[0], text, seg[2]], changes, names?.get(seg)) : document.createTextNode(text));
  const put = (/** @type {Node} */ node, /** @type {number} */ k) => out.append(hl?.has(k)
    ? h("mark", { class: "itu-hl", title: "highlighted in the source" }, node) : node);
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
  for (const s of at.get(segs.length) ?? []) out.append(struckNode(s));  // (an empty body)
  return out;
}

/**
 * Segments visible in one view (the label's), as plain text or marked.
 * @param {Seg[]} segs
 * @param {"original"|"amended"} view
 * @param {boolean} marked
 * @param {Change[]} changes
 * @param {Map<Seg, string>} [names]
 */
function viewText(segs, view, marked, changes, names) {
  return bodyText(segs, view, marked, changes, undefined, names);
}

/**
 * The label of a row: a relettering reads `c) → b)`.
 * @param {Row} row
 * @param {string} mode
 * @param {"original"|"amended"|null} side
 * @param {Change[]} changes
 * @param {Map<Seg, string>} [names] the move names of the segments that are one end of a move
 */
function label(row, mode, side, changes, names) {
  if (!row.lab.length) return null;
  const el = h("span", { class: "itu-label" });
  const ci = row.lab.find((s) => s[2] >= 0)?.[2] ?? -1;
  if (row.lo && row.ln && mode === "inline") {
    el.append(segment([-1, row.lo, ci], changes), h("span", { class: "itu-arrow", text: " → " }),
      segment([1, row.ln, ci], changes));
  } else if (row.lo && row.ln && side) {
    el.append(segment([side === "original" ? -1 : 1, side === "original" ? row.lo : row.ln, ci], changes));
  } else if (mode === "inline") {
    for (const seg of row.lab) el.append(segment(seg, changes, names?.get(seg)));
  } else {
    const view = side ?? /** @type {"original"|"amended"} */ (mode);
    el.append(viewText(row.lab, view, side !== null, changes, names));
  }
  return el;
}

/**
 * Rows passing the filters, then unchanged stretches folded down to `ctx` clauses around each
 * change or conflict (`ctx` < 0: nothing folded); a fold of one row is shown as the row.
 * A section's heading row is never filtered or folded away while any row of its section is shown,
 * and a fold never crosses into another section: every change reads under its own heading.
 * @param {Row[]} rows
 * @param {Change[]} changes
 * @param {{section?: string, kind?: string, author?: string, source?: string}} f filters
 * @param {number} ctx
 * @param {Set<number>} expanded rows the reader unfolded
 * @returns {Array<{row?: Row, gap?: Row[]}>}
 */
export function layout(rows, changes, f, ctx, expanded) {
  const byAuthor = f.author ? new Set(changes.filter((c) => c.a === f.author).map((c) => c.r)) : null;
  const bySource = f.source ? new Set(changes.filter((c) => c.inf === (f.source === "inferred")).map((c) => c.r))
    : null;
  const keep = (/** @type {Row} */ r) => (!f.section || r.sec === f.section) && (!f.kind || r.k === f.kind)
    && (!byAuthor || byAuthor.has(r.i)) && (!bySource || bySource.has(r.i));
  const live = new Set(rows.filter((r) => r.t !== "section" && keep(r)).map((r) => r.sec));
  const shown = rows.filter((r) => keep(r) || (r.t === "section" && live.has(r.sec)
    && (!f.section || r.sec === f.section)));
  if (ctx < 0 || f.kind || f.source) return shown.map((row) => ({ row }));
  const near = new Set();
  shown.forEach((r, k) => {
    if (r.t === "section") near.add(k);
    else if (r.k !== "unchanged" || r.cf || r.si?.length) for (let j = k - ctx; j <= k + ctx; j++) near.add(j);
  });
  /** @type {Array<{row?: Row, gap?: Row[]}>} */ const out = [];
  shown.forEach((row, k) => {
    const last = out[out.length - 1];
    if (near.has(k) || expanded.has(row.i)) out.push({ row });
    else if (last?.gap && last.gap[0].sec === row.sec) last.gap.push(row);
    else out.push({ gap: [row] });
  });
  return out.map((item) => (item.gap && item.gap.length <= 1 ? { row: /** @type {Row[]} */ (item.gap)[0] } : item));
}

/**
 * What a fold's bar says: how many clauses, in which section, in words.
 * @param {Row[]} gap
 */
export function foldText(gap) {
  const n = `${gap.length} unchanged clause${gap.length === 1 ? "" : "s"}`;
  return `⋯ ${n}${gap[0].sec ? ` in ${gap[0].sec}` : ""} (${gap[0].at} – ${gap[gap.length - 1].at})`;
}

/**
 * The badges of a row (conflict, move, new/deleted clause, inferred changes), as elements.
 * @param {Row} row
 * @param {Change[]} changes
 */
function badges(row, changes) {
  const out = [];
  if (row.cf) {
    out.push(h("span", { class: "itu-badge itu-b-conflict", title: `Open conflict ${row.cf.join(", ")}: see Conflicts`,
      text: row.cf.length > 1 ? `⚠ ${row.cf.length} conflicts` : "⚠ conflict" }));
  }
  if (row.mv) out.push(h("span", { class: "itu-badge itu-moved", text: `moved from ${row.mvat ?? row.mv}` }));
  else if (row.k === "inserted" || row.k === "deleted") {
    out.push(h("span", { class: `itu-badge itu-b-${row.k}`, text: row.k === "inserted" ? "new" : "deleted" }));
  }
  if ([...row.lab, ...row.seg].some((s) => s[2] >= 0 && changes[s[2]]?.inf)) {
    out.push(h("span", { class: "itu-badge itu-b-inferred", title: `Changes here were ${INFERRED}`,
      text: "inferred" }));
  }
  return out;
}

/**
 * The comments on a row's clause, as a note block under it (author, date, text).
 * @param {Row} row
 */
function notesBlock(row) {
  if (!row.notes?.length) return null;
  return h("div", { class: "itu-notes" }, ...row.notes.map((n) => {
    const by = [n.a, n.t].filter(Boolean).join(", ");
    return h("div", { class: "itu-note", role: "note", "aria-label": `Comment${n.a ? ` by ${n.a}` : ""}` },
      h("span", { class: "itu-note-by", text: `💬 ${by || "Comment"}: ` }), h("span", { class: "itu-note-text", text: n.text }));
  }));
}

/**
 * Draw one row. In side-by-side mode each side is its own column: an inserted clause has an empty
 * Original cell, a deleted one an empty Amended cell; badges sit inside the cell they describe.
 * Text inserted by one author and struck by another (Row.si) is in neither view: every mode shows it struck where
 * it stood, with who inserted and struck it (side by side: in the Amended cell, the Original one for a clause
 * deleted), restyled with the change that decides it. The ends of a move (Row.mn) are marked
 * `itu-move`, with the move's name in their title, in every marked view.
 * @param {Row} row
 * @param {string} mode one of MODES
 * @param {Change[]} changes
 * @param {Map<number, string>} decided
 * @returns {HTMLElement}
 */
export function drawRow(row, mode, changes, decided) {
  const cls = `itu-row itu-k-${row.k} itu-t-${row.t}`;
  const el = h("div", { class: cls, "data-i": row.i, "data-path": row.path, style: `--itu-depth:${row.d}` });
  if (row.cf) el.classList.add("itu-conflicted");
  const hl = row.hl ? new Set(row.hl) : undefined;
  const all = [...row.lab, ...row.seg];
  const names = row.mn ? new Map(row.mn.map(([k, name]) => [all[k], name])) : undefined;
  if (mode === "side-by-side") {
    const old = h("div", { class: "itu-cell itu-old" });
    const neu = h("div", { class: "itu-cell itu-new" });
    // the text struck in neither view: in the Amended cell (what a decision on it changes), the Original one
    // when the clause is gone from the amended text
    const si = row.k === "deleted" ? [undefined, row.si] : [row.si, undefined];
    if (row.k !== "inserted") {
      old.append(label(row, mode, "original", changes, names) ?? "",
        h("span", { class: "itu-body" }, bodyText(row.seg, "original", true, changes, hl, names, si[1])));
    }
    if (row.k !== "deleted") {
      neu.append(label(row, mode, "amended", changes, names) ?? "",
        h("span", { class: "itu-body" }, bodyText(row.seg, "amended", true, changes, hl, names, si[0])));
    }
    (row.k === "deleted" ? old : neu).prepend(...badges(row, changes));
    const notes = notesBlock(row);
    if (notes) (row.k === "deleted" ? old : neu).append(notes);
    el.append(old, neu);
    el.classList.add("itu-split");
  } else {
    const body = h("span", { class: "itu-body" });
    if (mode === "inline") body.append(bodyText(row.seg, null, true, changes, hl, names, row.si));
    else body.append(bodyText(row.seg, /** @type {"original"|"amended"} */ (mode), false, changes, hl, undefined, row.si));
    el.append(...badges(row, changes), h("div", { class: "itu-cell" }, label(row, mode, null, changes, names), body),
      notesBlock(row) ?? "");
  }
  paintDecisions(el, decided);
  return el;
}

/**
 * Words for a screen reader (and the status line) describing one change.
 * @param {number} ci change index
 * @param {Change[]} changes
 * @param {Row[]} rows
 */
export function describe(ci, changes, rows) {
  const change = changes[ci];
  const row = rows[change.r];
  const by = change.a ? ` by ${change.a}` : "";
  const on = change.t ? ` on ${change.t}` : "";
  const clip = (/** @type {string} */ s) => (s.length > 60 ? `${s.slice(0, 59)}…` : s).trim();
  if (change.k === "struck-insert") { // text another author inserted, struck: no segment, its Row.si entries
    // (every one it decides: a clause struck whole is one change, its label's and its text's, "j) that the …")
    const all = row.si?.filter((x) => x.c === ci) ?? [];
    const text = clip(all.map((x) => x.text).join("").replace(/\s+/g, " ").trim());
    return `struck “${text}”${all[0]?.a ? ` (inserted by ${all[0].a})` : ""} in ${row.at}${by}${on}`;
  }
  const segs = [...row.lab, ...row.seg].filter((s) => s[2] === ci);
  const del = segs.filter((s) => s[0] === -1).map((s) => s[1]).join("");
  const ins = segs.filter((s) => s[0] === 1).map((s) => s[1]).join("");
  // change.k is the model's kind (itu_nb.model.change.CHANGE_KINDS); a relabel reads from the row's labels
  let what = del && ins ? `${change.k === "relabelled" ? "relabelled" : "replaced"} “${clip(del)}” with “${clip(ins)}”`
    : ins ? `${change.k === "moved-to" ? "moved here" : "inserted"} “${clip(ins)}”`
    : `${change.k === "moved-from" ? "moved away" : "deleted"} “${clip(del)}”`;
  if (row.lo && row.ln && change.lab) what = `relabelled ${row.lo} → ${row.ln}`;
  const inf = change.inf ? ` (${INFERRED})` : "";
  return `${what} in ${row.at}${by}${on}${inf}`;
}
