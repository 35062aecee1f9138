// Small DOM helpers shared by the widgets. Document text is data: it only ever
// reaches the page through text nodes (textContent), never through innerHTML.

/**
 * Create an element.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, any>} [attrs] attributes; `class`, `text` (set as textContent),
 *   `on` ({event: handler}) and `dataset` are handled specially; null/false values are skipped.
 * @param {...(Node|string|null|undefined|false)} children strings become text nodes
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "text") el.textContent = String(value);
    else if (key === "on") for (const [ev, fn] of Object.entries(value)) el.addEventListener(ev, fn);
    else if (key === "dataset") Object.assign(el.dataset, value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return el;
}

/**
 * Call `fn` once `ms` milliseconds have passed without another call.
 * @template {(...args: any[]) => void} F
 * @param {F} fn
 * @param {number} ms
 * @returns {F & {cancel: () => void}}
 */
export function debounce(fn, ms) {
  let timer = 0;
  const wrapped = /** @type {any} */ ((/** @type {Parameters<F>} */ ...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  });
  wrapped.cancel = () => clearTimeout(timer);
  return wrapped;
}

/**
 * Append `text` to `parent`, wrapping every case-insensitive occurrence of `needle` in <mark>.
 * @param {HTMLElement} parent
 * @param {string} text
 * @param {string} needle
 */
export function appendMarked(parent, text, needle) {
  if (!needle) {
    parent.append(document.createTextNode(text));
    return;
  }
  const lower = text.toLowerCase();
  const n = needle.toLowerCase();
  let pos = 0;
  for (let at = lower.indexOf(n); at !== -1; at = lower.indexOf(n, pos)) {
    parent.append(document.createTextNode(text.slice(pos, at)), h("mark", { text: text.slice(at, at + n.length) }));
    pos = at + n.length;
  }
  parent.append(document.createTextNode(text.slice(pos)));
}

/**
 * Subscribe to model events and return one function that unsubscribes them all.
 * @param {import("./contract.js").Model<any>} model anywidget model
 * @param {Record<string, () => void>} handlers event name → handler
 * @returns {() => void}
 */
export function listen(model, handlers) {
  for (const [ev, fn] of Object.entries(handlers)) model.on(ev, fn);
  return () => {
    for (const [ev, fn] of Object.entries(handlers)) model.off(ev, fn);
  };
}

const SUPPRESS = "data-lm-suppress-shortcuts";

/**
 * Keep JupyterLab's single-key shortcuts (a notebook's command mode: `a`, `b`, `d d`…) away from a
 * widget's keys, but let Ctrl/⌘ shortcuts the widget does not take (Ctrl+S saves the notebook,
 * Ctrl+Shift+C opens the palette) reach JupyterLab. JupyterLab reads keydown on the document in the
 * bubbling phase, after the widget's own listeners, and skips its shortcuts for a target inside an
 * element marked `data-lm-suppress-shortcuts`; so the mark is lifted for the one keydown that carries
 * Ctrl or ⌘ and that no listener of the widget handled (its default not prevented), and put back at
 * once after it. Add this after the widget's own keydown listeners on `root`.
 * @param {HTMLElement} root
 * @returns {() => void} removes the listener
 */
export function guardShortcuts(root) {
  root.setAttribute(SUPPRESS, "true");
  const onKey = (/** @type {KeyboardEvent} */ ev) => {
    if (ev.defaultPrevented || !(ev.ctrlKey || ev.metaKey)) return;
    root.removeAttribute(SUPPRESS);
    setTimeout(() => root.setAttribute(SUPPRESS, "true"), 0);
  };
  root.addEventListener("keydown", onKey);
  return () => root.removeEventListener("keydown", onKey);
}
