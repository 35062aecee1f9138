// The "ITU Proposal" document panel: the clause tree on the left, the redline of the selected
// proposal on the right, both drawn by the notebook widgets' own renderers over LocalModels
// filled from the server (GET open, GET proposal); decisions go back with PUT review.
import { Widget } from "@lumino/widgets";
import redline from "../../src/redline/index.js";
import tree from "../../src/tree/index.js";
import { h } from "../../src/dom.js";
import { api } from "./api.js";
import { LocalModel } from "./model.js";

/** The redline viewer's traits before anything is shown (as RedlineViewer's defaults). */
export function redlineState() {
  return {
    _rows: [], _changes: [], _meta: {}, _conflicts: [], mode: "inline", filters: {}, collapse_unchanged: true,
    context: 1, height: "100%", decisions: [], conflict_choices: [], selected_change: null, selected_path: null,
    selected_text: null,
  };
}

/**
 * "pending 3, accepted 1, rejected 0" for a counts object of the server.
 * @param {{pending?: number, accepted?: number, rejected?: number}|undefined} counts
 */
export function countsText(counts) {
  if (!counts) return "";
  return `${counts.pending ?? 0} pending, ${counts.accepted ?? 0} accepted, ${counts.rejected ?? 0} rejected`;
}

/** The frame shared by the panels: a header, an alert for errors, a live status line. */
export class ItuPane extends Widget {
  constructor(/** @type {string} */ cls) {
    super();
    this.addClass("itu-lab-panel");
    this.addClass(cls);
    this.titleEl = h("h2", { class: "itu-lab-title", text: "Loading…" });
    this.errorEl = h("div", { class: "itu-lab-error", role: "alert" });
    this.errorEl.hidden = true;
    this.statusEl = h("div", { class: "itu-lab-status", role: "status", "aria-live": "polite" });
    this.body = h("div", { class: "itu-lab-body" });
    this.node.append(h("div", { class: "itu-lab-head" }, this.titleEl, this.statusEl), this.errorEl, this.body);
  }

  /** Show a server error (its kind and message) where the analyst is looking; never swallow it. */
  showError(/** @type {any} */ e) {
    const kind = e && e.kind ? `${e.kind}: ` : "";
    this.errorEl.textContent = `${kind}${e && e.message ? e.message : String(e)}`;
    this.errorEl.hidden = false;
  }

  clearError() {
    this.errorEl.textContent = "";
    this.errorEl.hidden = true;
  }

  /** @param {string} text */
  status(text) {
    this.statusEl.textContent = text;
  }
}

/** The content of an ITU Proposal document widget. */
export class ProposalView extends ItuPane {
  /** @param {string} path the file, relative to the server's root */
  constructor(path) {
    super("itu-lab-proposal");
    this.path = path;
    /** @type {string|null} */ this.key = null;
    /** @type {any} */ this.data = null;
    /** @type {Array<() => void>} */ this.cleanups = [];
    /** @type {Promise<void>} */ this.saving = Promise.resolve();
    this.asked = 0; // the number of the last GET proposal sent
    this.treeEl = h("div", { class: "itu-lab-pane itu-lab-tree", role: "region", "aria-label": "Clause tree" });
    this.redlineEl = h("div", { class: "itu-lab-pane itu-lab-redline", role: "region", "aria-label": "Redline" });
    this.body.append(this.treeEl, this.redlineEl);
    this.treeModel = new LocalModel({ _nodes: [], _matches: [], search: "", height: "100%", selected_path: null },
      { onSave: (changed) => this.onTree(changed) });
    this.redlineModel = new LocalModel(redlineState(), { onSave: (changed) => this.onRedline(changed) });
    this.ready = this.load();
  }

  /** GET open, draw the tree, then show the first proposal. */
  async load() {
    try {
      this.data = await api("open", { query: { path: this.path } });
    } catch (e) {
      this.titleEl.textContent = this.path;
      this.showError(e);
      return;
    }
    const d = this.data;
    this.titleEl.textContent = d.title || d.name || this.path;
    const t = d.tree ?? {};
    this.treeModel.update({ _nodes: Array.isArray(t) ? t : t._nodes ?? t.nodes ?? [] });
    const out = tree.render({ model: /** @type {any} */ (this.treeModel), el: this.treeEl });
    if (typeof out === "function") this.cleanups.push(out);
    const first = (d.proposals ?? [])[0];
    if (first) await this.showProposal(first.key);
    else this.status("No proposal in this file.");
  }

  /**
   * Show one proposal in the redline (GET proposal: rows, changes, meta and saved decisions).
   * @param {string} key the proposal's key, as the tree names it
   * @param {string|null} [clause] the clause path to bring into view
   */
  async showProposal(key, clause = null) {
    if (key !== this.key) {
      // the last proposal asked for wins: an earlier answer arriving later (the first proposal's,
      // shown on opening, while the analyst already picked another one) is dropped
      const ticket = ++this.asked;
      let p;
      try {
        p = await api("proposal", { query: { path: this.path, key } });
      } catch (e) {
        if (ticket === this.asked) this.showError(e);
        return;
      }
      if (ticket !== this.asked) return;
      this.clearError();
      const first = this.key === null;
      this.key = key;
      this.redlineModel.update({
        // the panel reviews (decisions through PUT review); suggesting edits needs a kernel: "Open in a notebook"
        _meta: { ...p.meta, suggestable: false }, _changes: p.changes, decisions: p.decisions ?? [], _conflicts: [],
        selected_change: null, selected_path: null, filters: {}, _rows: p.rows,
      });
      if (first) {
        const out = redline.render({ model: /** @type {any} */ (this.redlineModel), el: this.redlineEl });
        if (typeof out === "function") this.cleanups.push(out);
      }
      // a clause picked in the tree: selected after the rows are drawn, so the viewer scrolls to it
      if (clause) this.redlineModel.update({ selected_path: clause });
      const entry = (this.data?.proposals ?? []).find((/** @type {any} */ x) => x.key === key);
      const counts = this.data?.review?.counts?.[key];
      this.status(`${key}: ${counts ? countsText(counts) : `${entry?.changes ?? 0} tracked changes`}`);
      if (this.treeModel.get("selected_path") === null) this.treeModel.update({ selected_path: key });
    } else if (clause) {
      this.redlineModel.update({ selected_path: clause });
    }
  }

  /** The tree selected a node: show its proposal, and its clause. */
  onTree(/** @type {Record<string, any>} */ changed) {
    if ("search" in changed) void this.search(String(changed.search ?? ""));
    const sel = changed.selected_path;
    if (typeof sel !== "string" || !this.data) return;
    const keys = (this.data.proposals ?? []).map((/** @type {any} */ p) => p.key);
    const key = keys.filter((/** @type {string} */ k) => sel === k || sel.startsWith(`${k}:`))
      .sort((/** @type {string} */ a, /** @type {string} */ b) => b.length - a.length)[0];
    if (!key) return;
    const clause = sel.length > key.length ? sel.slice(key.length + 1) : null;
    void this.showProposal(key, clause);
  }

  /** The tree's search, answered by ClauseTreeExplorer on the server (GET search): the whole clause texts. */
  async search(/** @type {string} */ q) {
    try {
      const r = q.trim() ? await api("search", { query: { path: this.path, q } }) : { matches: [] };
      if (this.treeModel.get("search") === q) this.treeModel.update({ _matches: r.matches ?? [] });
    } catch (e) {
      this.showError(e);
    }
  }

  /** The redline took a decision: save it next to the file (PUT review). */
  onRedline(/** @type {Record<string, any>} */ changed) {
    if (!("decisions" in changed) || this.key === null) return;
    // one PUT at a time, in the order taken: each carries every decision on the proposal
    this.saving = this.saving.then(() => this.saveDecisions(/** @type {string} */ (this.key), changed.decisions));
  }

  async saveDecisions(/** @type {string} */ key, /** @type {any[]} */ decisions) {
    try {
      const r = await api("review", { method: "PUT", query: { path: this.path, key },
        body: { decisions } });
      this.clearError();
      if (this.data?.review?.counts) this.data.review.counts[key] = r.counts;
      this.status(`${key}: ${countsText(r.counts)} (saved)`);
    } catch (e) {
      this.showError(e);
    }
  }

  dispose() {
    if (this.isDisposed) return;
    for (const fn of this.cleanups.splice(0)) fn();
    super.dispose();
  }
}
