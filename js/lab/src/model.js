// An in-page model with the anywidget model interface (get, set, on, off, save_changes, send),
// so that the panel drives the SAME renderers as the notebook widgets (js/src/redline, js/src/tree).
// Where a widget's model talks to the kernel, this one talks to the server's REST API through the
// callbacks it is given: `onSave(changed)` after save_changes, `onSend(msg)` for send.

export class LocalModel {
  /**
   * @param {Record<string, any>} state the traits, as Python would sync them
   * @param {{onSave?: (changed: Record<string, any>) => void, onSend?: (msg: any) => void}} [hooks]
   */
  constructor(state, hooks = {}) {
    /** @type {Record<string, any>} */
    this.state = { ...state };
    /** @type {Map<string, Set<Function>>} */
    this.listeners = new Map();
    /** @type {Set<string>} */
    this.dirty = new Set();
    this.hooks = hooks;
  }

  /** @param {string} key */
  get(key) {
    return this.state[key];
  }

  /** A view writes a trait: its "change:<key>" listeners run at once, as in anywidget. */
  set(/** @type {string} */ key, /** @type {any} */ value) {
    if (this.state[key] === value) return;
    this.state[key] = value;
    this.dirty.add(key);
    this.emit(`change:${key}`);
  }

  /** What the views set since the last call goes to the server (onSave). */
  save_changes() {
    if (!this.dirty.size) return;
    /** @type {Record<string, any>} */
    const changed = {};
    for (const key of this.dirty) changed[key] = this.state[key];
    this.dirty.clear();
    this.hooks.onSave?.(changed);
  }

  /** @param {string} event @param {Function} fn */
  on(event, fn) {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event)?.add(fn);
  }

  /** @param {string} event @param {Function} fn */
  off(event, fn) {
    this.listeners.get(event)?.delete(fn);
  }

  /** @param {any} msg */
  send(msg) {
    this.hooks.onSend?.(msg);
  }

  /**
   * The server's side of a sync (what Python does to a widget): every trait is written first,
   * then the listeners of the changed ones run, so a listener reads a consistent state.
   * @param {Record<string, any>} patch
   */
  update(patch) {
    const changed = Object.keys(patch).filter((k) => this.state[k] !== patch[k]);
    Object.assign(this.state, patch);
    for (const key of changed) this.emit(`change:${key}`);
    if (changed.length) this.emit("change");
  }

  /** @param {string} event */
  emit(event) {
    for (const fn of [...(this.listeners.get(event) ?? [])]) fn();
  }
}
