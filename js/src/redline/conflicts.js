// The conflicts panel of a merged Draft (itu_nb.merge): each conflict's place, kind, base text
// and every side's proposal, as text; "Use <side>" sends the choice to Python, which resolves it
// with Draft.resolve and sends the resolved draft back (itu_nb/widgets/_conflicts.py).
import { h } from "../dom.js";

/** @typedef {import("../contract.js").SidePayload} Side */
/** @typedef {import("../contract.js").ConflictPayload} Conflict */
/** @typedef {{go: (c: Conflict) => void, choose: (c: Conflict, side: string|null, text?: string) => void}} Handlers */

/** @type {Record<string, string>} conflict kind → words; an unknown kind is shown as it is */
const KINDS = {
  overlap: "overlapping changes",
  label: "relabelled differently",
  "delete-modify": "deleted by one, modified by another",
  "same-slot": "different clauses inserted at one place",
};

/** @param {Side} s */
function sideItem(s) {
  const by = s.author && s.author !== s.side ? ` (by ${s.author})` : "";
  const el = h("li", { class: "itu-cf-side" }, h("strong", { text: s.side }), ` ${s.change}${by}: `);
  if (s.old) el.append(h("del", { text: s.old }));
  if (s.old && s.new) el.append(h("span", { class: "itu-arrow", text: " → " }));
  if (s.new) el.append(h("ins", { text: s.new }));
  return el;
}

/**
 * One conflict: a button to show its clause, what clashes, and (while open) a button per choice
 * and a box for the analyst's own wording.
 * @param {Conflict} c
 * @param {Handlers} on
 */
function conflictItem(c, on) {
  const open = c.resolution === null;
  const li = h("li", { class: open ? "itu-cf" : "itu-cf itu-cf-done", "data-id": c.id });
  const go = h("button", { type: "button", class: "itu-cf-go", disabled: !c.at,
    "aria-label": `${c.id}: ${c.citation}, show in the text`, on: { click: () => on.go(c) } }, c.citation);
  li.append(h("div", { class: "itu-cf-head" }, go, h("span", { class: "itu-cf-kind", text: KINDS[c.kind] ?? c.kind }),
    open ? null : h("span", { class: "itu-cf-res", text: `resolved: ${c.resolution}` })));
  if (c.base_text) {
    li.append(h("div", { class: "itu-cf-base" }, h("span", { class: "itu-cf-key", text: "Base text: " }),
      h("span", { class: "itu-cf-text", text: c.base_text })));
  }
  li.append(h("ul", { class: "itu-cf-sides", "aria-label": `Proposals for ${c.citation}` }, ...c.sides.map(sideItem)));
  if (!open) return li;
  /** @type {Array<[string, string, string]>} side, button text, what it does */
  const choices = [...new Set(c.sides.map((s) => s.side))].map((s) => [s, `Use ${s}`, `Resolve with ${s}'s proposal`]);
  choices.push(["base", "Keep base", "Resolve by keeping the base text"]);
  if (c.kind === "same-slot") choices.push(["all", "Use all", "Resolve by inserting every proposed clause"]);
  li.append(h("div", { class: "itu-group itu-cf-choose", role: "group", "aria-label": `Resolve ${c.citation}` },
    ...choices.map(([side, text, title]) => h("button", { type: "button", class: "itu-cf-use", "data-side": side,
      title: `${title} (${c.citation})`, on: { click: () => on.choose(c, side) } }, text))));
  // the analyst's own wording, starting from what it replaces; sent as text, shown as text
  const box = h("textarea", { class: "itu-cf-input", rows: "2", "aria-label": `Own wording for ${c.citation}: ${c.wording_of}` });
  box.value = c.wording ?? "";
  li.append(h("details", { class: "itu-cf-own" },
    h("summary", { text: `Write own wording (${c.wording_of})` }),
    box,
    h("button", { type: "button", class: "itu-cf-use itu-cf-own-use", title: `Resolve ${c.citation} with this wording`,
      on: { click: () => on.choose(c, null, box.value) } }, "Use this wording")));
  return li;
}

/**
 * The panel; `update(conflicts)` redraws it (hidden when there are none).
 * @param {Handlers} on
 */
export function conflictsPanel(on) {
  const summary = h("summary", { class: "itu-cf-summary" });
  const list = h("ol", { class: "itu-cf-list" });
  const el = h("details", { class: "itu-conflicts", open: true }, summary, list);
  let refocus = -1; // the position of the conflict just chosen, to put the focus back near it
  /** @type {Conflict[]|null} */ let shown = null;

  /** @param {Conflict} c @param {string|null} side @param {string} [text] */
  function choose(c, side, text) {
    const li = /** @type {HTMLElement} */ (list.querySelector(`[data-id="${CSS.escape(c.id)}"]`));
    refocus = [...list.children].indexOf(li);
    li.classList.add("itu-cf-pending");
    li.setAttribute("aria-busy", "true");
    for (const b of li.querySelectorAll(".itu-cf-use")) b.setAttribute("aria-disabled", "true");
    on.choose(c, side, text);
  }

  /** @param {Conflict[]} conflicts */
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
      choose: (cc, side, text) => cc.resolution === null && !list.querySelector(".itu-cf-pending") && choose(cc, side, text),
    })));
    el.hidden = conflicts.length === 0;
    if (hadFocus || refocus >= 0) {
      const items = [...list.children];
      const next = [...items.slice(Math.max(refocus, 0)), ...items].find((li) => li.querySelector(".itu-cf-use"));
      /** @type {HTMLElement} */ ((next?.querySelector(".itu-cf-use")) ?? summary).focus();
    }
    refocus = -1;
  }

  return { el, update };
}
