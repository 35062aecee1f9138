// The comparison panel: POST compare, a picker of the pairs (proposal → the text it targets), and
// the redline renderer of the notebook widgets for the picked pair.
import redline from "../../src/redline/index.js";
import { h } from "../../src/dom.js";
import { api } from "./api.js";
import { LocalModel } from "./model.js";
import { ItuPane, redlineState } from "./panel.js";

export const FINAL_ACTS = "pp18-final-acts";

export class CompareView extends ItuPane {
  /**
   * @param {string} a the first file (a proposal), relative to the server's root
   * @param {string} b the second file, or FINAL_ACTS for the PP-18 Final Acts bundled with itu_nb
   */
  constructor(a, b) {
    super("itu-lab-compare");
    this.a = a;
    this.b = b;
    /** @type {any} */ this.data = null;
    /** @type {(() => void)|null} */ this.cleanup = null;
    this.redlineEl = h("div", { class: "itu-lab-pane itu-lab-redline", role: "region", "aria-label": "Redline" });
    this.body.append(this.redlineEl);
    this.model = new LocalModel(redlineState(), { onSave: (changed) => this.onRedline(changed) });
    this.ready = this.load();
  }

  get bName() {
    return this.b === FINAL_ACTS ? "PP-18 Final Acts" : this.b;
  }

  async load() {
    this.titleEl.textContent = `${this.a} ⇄ ${this.bName}`;
    this.status("Comparing…");
    try {
      this.data = await api("compare", { method: "POST", body: { a: this.a, b: this.b } });
    } catch (e) {
      this.status("");
      this.showError(e);
      return;
    }
    const pairs = this.data.pairs ?? [];
    if (!pairs.length) {
      this.status("No pair: neither document holds a text that the other targets.");
      return;
    }
    const views = this.data.views ?? {};
    const first = pairs.find((/** @type {any} */ p) => views[p.id] && p.changes > 0) ?? pairs.find((/** @type {any} */ p) => views[p.id]);
    this.status(`${pairs.length} pairs`);
    this.pick(first ? first.id : null);
    const out = redline.render({ model: /** @type {any} */ (this.model), el: this.redlineEl });
    if (typeof out === "function") this.cleanup = out;
  }

  /** The texts of the picker (Meta.texts), one per pair, with its status and note. */
  texts() {
    return (this.data?.pairs ?? []).map((/** @type {any} */ p) => ({
      id: p.id,
      label: `${p.a_title ?? p.id} → ${p.b_title ?? "—"} (${p.status}${p.note ? `: ${p.note}` : ""})`,
      status: p.status,
    }));
  }

  /** Show pair `id` (the redline's own text picker calls this through selected_text). */
  pick(/** @type {string|null} */ id) {
    const view = id ? this.data?.views?.[id] : null;
    const pair = (this.data?.pairs ?? []).find((/** @type {any} */ p) => p.id === id);
    if (!view) {
      if (pair) this.status(`${pair.a_title ?? id}: ${pair.status}${pair.note ? ` — ${pair.note}` : ""} (nothing to show)`);
      return;
    }
    const meta = { ...view.meta };
    if (!meta.texts || !meta.texts.length) meta.texts = this.texts();
    this.model.update({
      _meta: meta, _changes: view.changes, decisions: [], selected_change: null, selected_path: null,
      selected_text: id, filters: {}, _rows: view.rows,
    });
    if (pair) this.status(`${pair.a_title ?? id} → ${pair.b_title ?? "—"}: ${pair.changes} changes${pair.note ? ` — ${pair.note}` : ""}`);
  }

  onRedline(/** @type {Record<string, any>} */ changed) {
    if ("selected_text" in changed) this.pick(changed.selected_text);
  }

  dispose() {
    if (this.isDisposed) return;
    this.cleanup?.();
    super.dispose();
  }
}
