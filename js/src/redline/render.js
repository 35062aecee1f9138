// Drawing one clause row of the redline viewer, in each of the four modes.
// Rows arrive ready to draw from Python (itu_nb/widgets/_payload.py: viewer_rows).
import { h } from "../dom.js";

/** @typedef {import("../contract.js").Seg} Seg */
/** @typedef {import("../contract.js").Row} Row */
/** @typedef {import("../contract.js").ChangePayload} Change */

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

/**
 * One mark (<ins>/<del>) or plain text for a segment.
 * @param {Seg} seg
 * @param {Change[]} changes
 * @param {Map<number, string>} decided change index → "accept" | "reject"
 */
function segment(seg, changes, decided) {
  const [op, text, ci] = seg;
  if (op === 0) return document.createTextNode(text);
  const decision = decided.get(ci);
  const typo = changes[ci]?.ty ? "itu-typo" : "";
  const by = who(op, changes[ci]);
  return h(op === 1 ? "ins" : "del", {
    text,
    title: typo ? `${by ? `${by}; ` : ""}typographic (looks the same on screen)` : by,
    "data-c": ci,
    class: [decision ? `itu-${decision}ed` : "", typo].filter(Boolean).join(" ") || null,
  });
}

/**
 * Segments visible in one view, as plain text ("original") or marked ("old"/"new" columns).
 * @param {Seg[]} segs
 * @param {"original"|"amended"} view
 * @param {boolean} marked
 * @param {Change[]} changes
 * @param {Map<number, string>} decided
 */
function viewText(segs, view, marked, changes, decided) {
  const hidden = view === "original" ? 1 : -1;
  const out = document.createDocumentFragment();
  for (const seg of segs) {
    if (seg[0] === hidden) continue;
    out.append(marked ? segment(seg, changes, decided) : document.createTextNode(seg[1]));
  }
  return out;
}

/**
 * The label of a row: a relettering reads `c) → b)`.
 * @param {Row} row
 * @param {string} mode
 * @param {"original"|"amended"|null} side
 * @param {Change[]} changes
 * @param {Map<number, string>} decided
 */
function label(row, mode, side, changes, decided) {
  if (!row.lab.length) return null;
  const el = h("span", { class: "itu-label" });
  const ci = row.lab.find((s) => s[2] >= 0)?.[2] ?? -1;
  if (row.lo && row.ln && mode === "inline") {
    el.append(segment([-1, row.lo, ci], changes, decided), h("span", { class: "itu-arrow", text: " → " }),
      segment([1, row.ln, ci], changes, decided));
  } else if (row.lo && row.ln && side) {
    el.append(segment([side === "original" ? -1 : 1, side === "original" ? row.lo : row.ln, ci], changes, decided));
  } else if (mode === "inline") {
    for (const seg of row.lab) el.append(segment(seg, changes, decided));
  } else {
    const view = side ?? /** @type {"original"|"amended"} */ (mode);
    el.append(viewText(row.lab, view, side !== null, changes, decided));
  }
  return el;
}

/**
 * Rows passing the filters, then unchanged stretches folded down to `ctx` clauses around each
 * change or conflict (`ctx` < 0: nothing folded); a fold of one row is shown as the row.
 * @param {Row[]} rows
 * @param {Change[]} changes
 * @param {{section?: string, kind?: string, author?: string}} f filters
 * @param {number} ctx
 * @param {Set<number>} expanded rows the reader unfolded
 * @returns {Array<{row?: Row, gap?: Row[]}>}
 */
export function layout(rows, changes, f, ctx, expanded) {
  const byAuthor = f.author ? new Set(changes.filter((c) => c.a === f.author).map((c) => c.r)) : null;
  const shown = rows.filter((r) => (!f.section || r.sec === f.section) && (!f.kind || r.k === f.kind)
    && (!byAuthor || byAuthor.has(r.i)));
  if (ctx < 0 || f.kind) return shown.map((row) => ({ row }));
  const near = new Set();
  shown.forEach((r, k) => {
    if (r.k !== "unchanged" || r.cf) for (let j = k - ctx; j <= k + ctx; j++) near.add(j);
  });
  /** @type {Array<{row?: Row, gap?: Row[]}>} */ const out = [];
  shown.forEach((row, k) => {
    const last = out[out.length - 1];
    if (near.has(k) || expanded.has(row.i)) out.push({ row });
    else if (last?.gap) last.gap.push(row);
    else out.push({ gap: [row] });
  });
  return out.map((item) => (item.gap && item.gap.length <= 1 ? { row: /** @type {Row[]} */ (item.gap)[0] } : item));
}

/**
 * Draw one row.
 * @param {Row} row
 * @param {string} mode one of MODES
 * @param {Change[]} changes
 * @param {Map<number, string>} decided
 * @returns {HTMLElement}
 */
export function drawRow(row, mode, changes, decided) {
  const cls = `itu-row itu-k-${row.k} itu-t-${row.t}`;
  const el = h("div", { class: cls, "data-i": row.i, "data-path": row.path, style: `--itu-depth:${row.d}` });
  if (row.cf) {
    el.classList.add("itu-conflicted");
    el.append(h("span", { class: "itu-badge itu-b-conflict", title: `Open conflict ${row.cf.join(", ")}: see Conflicts`,
      text: row.cf.length > 1 ? `⚠ ${row.cf.length} conflicts` : "⚠ conflict" }));
  }
  if (row.mv) el.append(h("span", { class: "itu-badge itu-moved", text: `moved from ${row.mv}` }));
  else if (row.k === "inserted" || row.k === "deleted") {
    el.append(h("span", { class: `itu-badge itu-b-${row.k}`, text: row.k === "inserted" ? "new" : "deleted" }));
  }
  if (mode === "side-by-side") {
    const old = h("div", { class: "itu-cell itu-old" }, label(row, mode, "original", changes, decided));
    const neu = h("div", { class: "itu-cell itu-new" }, label(row, mode, "amended", changes, decided));
    old.append(h("span", { class: "itu-body" }, viewText(row.seg, "original", true, changes, decided)));
    neu.append(h("span", { class: "itu-body" }, viewText(row.seg, "amended", true, changes, decided)));
    el.append(old, neu);
    el.classList.add("itu-split");
    return el;
  }
  const body = h("span", { class: "itu-body" });
  if (mode === "inline") for (const seg of row.seg) body.append(segment(seg, changes, decided));
  else body.append(viewText(row.seg, /** @type {"original"|"amended"} */ (mode), false, changes, decided));
  el.append(h("div", { class: "itu-cell" }, label(row, mode, null, changes, decided), body));
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
  const segs = [...row.lab, ...row.seg].filter((s) => s[2] === ci);
  const del = segs.filter((s) => s[0] === -1).map((s) => s[1]).join("");
  const ins = segs.filter((s) => s[0] === 1).map((s) => s[1]).join("");
  const clip = (/** @type {string} */ s) => (s.length > 60 ? `${s.slice(0, 59)}…` : s).trim();
  // change.k is the model's kind (itu_nb.model.change.CHANGE_KINDS); a relabel reads from the row's labels
  let what = del && ins ? `${change.k === "relabelled" ? "relabelled" : "replaced"} “${clip(del)}” with “${clip(ins)}”`
    : ins ? `${change.k === "moved-to" ? "moved here" : "inserted"} “${clip(ins)}”`
    : `${change.k === "moved-from" ? "moved away" : "deleted"} “${clip(del)}”`;
  if (row.lo && row.ln && change.lab) what = `relabelled ${row.lo} → ${row.ln}`;
  const by = change.a ? ` by ${change.a}` : "";
  const on = change.t ? ` on ${change.t}` : "";
  return `${what} in ${row.path}${by}${on}`;
}
