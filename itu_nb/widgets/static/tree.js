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
function debounce(fn, ms) {
  let timer = 0;
  const wrapped = (
    /** @type {any} */
    ((...args) => {
      clearTimeout(timer);
      timer = setTimeout(() => fn(...args), ms);
    })
  );
  wrapped.cancel = () => clearTimeout(timer);
  return wrapped;
}
function appendMarked(parent, text, needle) {
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

// src/tree/index.js
var ROW_H = 28;
var OVERSCAN = 8;
var uid = 0;
function render({ model, el }) {
  const prefix = `itu-tree-${++uid}`;
  let nodes = [];
  let kids = [];
  let expanded = /* @__PURE__ */ new Set();
  let matches = /* @__PURE__ */ new Set();
  let visible = [];
  let active = -1;
  let selected = -1;
  let typed = "";
  let typedAt = 0;
  const search = h("input", {
    type: "search",
    class: "itu-search",
    placeholder: "Search clauses\u2026",
    "aria-label": "Search clauses",
    "aria-controls": `${prefix}-tree`
  });
  const found = h("span", { class: "itu-found", role: "status", "aria-live": "polite" });
  const list = h("div", {
    class: "itu-tree-list",
    role: "tree",
    id: `${prefix}-tree`,
    tabindex: "0",
    "aria-label": "Clause tree"
  });
  const scroller = h("div", { class: "itu-tree-scroll" }, list);
  const root = h(
    "div",
    { class: "itu-widget itu-tree" },
    // JupyterLab's shortcuts: guardShortcuts below
    h("div", { class: "itu-toolbar" }, search, found),
    scroller
  );
  el.append(root);
  function build() {
    nodes = model.get("_nodes") ?? [];
    kids = nodes.map(() => []);
    nodes.forEach((n, i) => {
      if (n[1] >= 0) kids[n[1]].push(i);
    });
    expanded = new Set(nodes.map((_, i) => i).filter((i) => nodes[i][2] === 0 || nodes.length < 400 && nodes[i][8] === "proposal"));
    matches = new Set(model.get("_matches") ?? []);
    selected = keyIndex(model.get("selected_path"));
    active = selected >= 0 ? selected : nodes.length ? 0 : -1;
    if (selected >= 0) reveal(selected);
    refresh();
  }
  function keyIndex(key) {
    return key === null || key === void 0 ? -1 : nodes.findIndex((n) => n[0] === key);
  }
  function reveal(i) {
    for (let p = nodes[i][1]; p >= 0; p = nodes[p][1]) expanded.add(p);
  }
  function flatten() {
    visible = [];
    const walk = (i) => {
      visible.push(i);
      if (expanded.has(i)) for (const c of kids[i]) walk(c);
    };
    nodes.forEach((n, i) => {
      if (n[1] < 0) walk(i);
    });
  }
  function refresh() {
    flatten();
    list.style.height = `${visible.length * ROW_H}px`;
    paint();
  }
  function paint() {
    const first = Math.max(0, Math.floor(scroller.scrollTop / ROW_H) - OVERSCAN);
    const last = Math.min(visible.length, Math.ceil((scroller.scrollTop + (scroller.clientHeight || 600)) / ROW_H) + OVERSCAN);
    const needle = model.get("search") ?? "";
    const frag = document.createDocumentFragment();
    const pos = visible.indexOf(active);
    const drawn = /* @__PURE__ */ new Set();
    for (let v = first; v < last; v++) {
      frag.append(row(visible[v], v, needle));
      drawn.add(v);
    }
    if (pos >= 0 && !drawn.has(pos)) frag.append(row(active, pos, needle));
    list.replaceChildren(frag);
    if (pos >= 0) list.setAttribute("aria-activedescendant", `${prefix}-n${active}`);
    else list.removeAttribute("aria-activedescendant");
  }
  function row(i, v, needle) {
    const [, parent, depth, label, text, mark, ins, del, type] = nodes[i];
    const siblings = parent >= 0 ? kids[parent] : nodes.map((_, j) => j).filter((j) => nodes[j][1] < 0);
    const has = kids[i].length > 0;
    const isMatch = matches.has(i);
    const el2 = h("div", {
      role: "treeitem",
      id: `${prefix}-n${i}`,
      class: `itu-node itu-nt-${type} itu-nk-${mark}${i === active ? " itu-active" : ""}${isMatch ? " itu-match" : ""}`,
      "aria-level": depth + 1,
      "aria-setsize": siblings.length,
      "aria-posinset": siblings.indexOf(i) + 1,
      "aria-expanded": has ? String(expanded.has(i)) : null,
      "aria-selected": String(i === selected),
      "data-i": i,
      "data-key": nodes[i][0],
      style: `top:${v * ROW_H}px;padding-left:${0.4 + depth * 1.1}rem`
    }, h("span", { class: "itu-twisty", "aria-hidden": "true", text: has ? expanded.has(i) ? "\u25BE" : "\u25B8" : "" }));
    if (mark && type === "proposal") el2.append(h("span", { class: `itu-mark itu-mark-${mark}`, text: mark }));
    const name = h("span", { class: "itu-name" });
    appendMarked(name, label, isMatch ? needle : "");
    const snippet = h("span", { class: "itu-snippet" });
    appendMarked(snippet, text, isMatch ? needle : "");
    el2.append(name, snippet);
    if (ins || del) {
      el2.append(h(
        "span",
        { class: "itu-counts", title: `${ins} insertions, ${del} deletions` },
        ins ? h("span", { class: "itu-c-ins", text: `+${ins}` }) : null,
        del ? h("span", { class: "itu-c-del", text: `\u2212${del}` }) : null
      ));
    }
    return el2;
  }
  function focusNode(i) {
    if (i < 0) return;
    active = i;
    const v = visible.indexOf(i);
    const top = v * ROW_H;
    if (top < scroller.scrollTop) scroller.scrollTop = top;
    else if (top + ROW_H > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = top + ROW_H - scroller.clientHeight;
    paint();
  }
  function choose(i) {
    selected = i;
    focusNode(i);
    model.set("selected_path", nodes[i][0]);
    model.save_changes();
  }
  function toggle(i, open) {
    if (!kids[i].length) return;
    if (open) expanded.add(i);
    else expanded.delete(i);
    refresh();
  }
  function typeAhead(ch) {
    const now = Date.now();
    typed = now - typedAt > 700 ? ch : typed + ch;
    typedAt = now;
    const pos = visible.indexOf(active);
    const order = [...visible.slice(pos + (typed.length === 1 ? 1 : 0)), ...visible.slice(0, pos + 1)];
    const hit = order.find((i) => `${nodes[i][3]} ${nodes[i][4]}`.trim().toLowerCase().startsWith(typed.toLowerCase()));
    if (hit !== void 0) focusNode(hit);
  }
  function onKey(ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const pos = visible.indexOf(active);
    const i = active;
    switch (ev.key) {
      case "ArrowDown":
        focusNode(visible[Math.min(pos + 1, visible.length - 1)]);
        break;
      case "ArrowUp":
        focusNode(visible[Math.max(pos - 1, 0)]);
        break;
      case "Home":
        focusNode(visible[0]);
        break;
      case "End":
        focusNode(visible[visible.length - 1]);
        break;
      case "ArrowRight":
        if (kids[i]?.length && !expanded.has(i)) toggle(i, true);
        else if (kids[i]?.length) focusNode(kids[i][0]);
        break;
      case "ArrowLeft":
        if (expanded.has(i) && kids[i].length) toggle(i, false);
        else if (nodes[i]?.[1] >= 0) focusNode(nodes[i][1]);
        break;
      case "Enter":
      case " ":
        if (i >= 0) choose(i);
        break;
      case "*":
        for (const s of kids[nodes[i][1]] ?? []) expanded.add(s);
        refresh();
        break;
      default:
        if (ev.key.length === 1 && /\S/.test(ev.key)) typeAhead(ev.key);
        else return;
    }
    ev.preventDefault();
    ev.stopPropagation();
  }
  function onClick(ev) {
    const item = (
      /** @type {HTMLElement|null} */
      /** @type {HTMLElement} */
      ev.target.closest("[role=treeitem]")
    );
    if (!item) return;
    const i = Number(item.dataset.i);
    if (
      /** @type {HTMLElement} */
      ev.target.closest(".itu-twisty")
    ) {
      active = i;
      toggle(i, !expanded.has(i));
      return;
    }
    choose(i);
    list.focus({ preventScroll: true });
  }
  const sendSearch = debounce(() => {
    model.set("search", search.value);
    model.save_changes();
  }, 250);
  search.addEventListener("input", sendSearch);
  search.addEventListener("keydown", (ev) => {
    ev.stopPropagation();
    if (ev.key === "ArrowDown") list.focus();
  });
  list.addEventListener("keydown", onKey);
  list.addEventListener("click", onClick);
  const unguard = guardShortcuts(root);
  let queued = false;
  scroller.addEventListener("scroll", () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      paint();
    });
  }, { passive: true });
  const setHeight = () => root.style.setProperty("--itu-height", model.get("height") || "32rem");
  setHeight();
  build();
  const off = listen(model, {
    "change:_nodes": build,
    "change:height": () => {
      setHeight();
      paint();
    },
    "change:_matches": () => {
      matches = new Set(model.get("_matches") ?? []);
      for (const m of matches) reveal(m);
      const n = matches.size;
      found.textContent = model.get("search") ? `${n} match${n === 1 ? "" : "es"}` : "";
      refresh();
      if (matches.size) focusNode(Math.min(...matches));
    },
    "change:selected_path": () => {
      const i = keyIndex(model.get("selected_path"));
      if (i < 0 || i === selected) return;
      selected = i;
      reveal(i);
      refresh();
      focusNode(i);
    }
  });
  return () => {
    off();
    unguard();
    sendSearch.cancel();
    root.remove();
  };
}
var index_default = { render };
export {
  index_default as default
};
