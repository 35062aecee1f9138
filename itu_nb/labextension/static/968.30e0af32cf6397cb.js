"use strict";(self.rspackChunkitu_nb=self.rspackChunkitu_nb||[]).push([[968],{21(e,t,r){var i=r(18),o=r.n(i),n=r(19),a=(r.n(n))()(o());a.push([e.id,`.itu-redline { border: 1px solid var(--itu-border); border-radius: 4px; container-type: inline-size; }
.itu-redline .itu-title { font-weight: 600; margin-right: auto; overflow-wrap: anywhere; }
.itu-redline .itu-counter { min-width: 8.5em; text-align: center; font-variant-numeric: tabular-nums; }
.itu-scroll { max-height: var(--itu-height, 32rem); overflow: auto; padding: 0.3rem 0.5rem; position: relative; }
.itu-scroll:focus-visible { outline-offset: -2px; }
.itu-row {
  position: relative; padding: 0.22rem 0.4rem 0.22rem calc(0.4rem + var(--itu-depth, 0) * 1.4rem);
  line-height: 1.5; border-left: 3px solid transparent; white-space: pre-wrap; overflow-wrap: anywhere;
  content-visibility: auto; contain-intrinsic-size: auto 3em;
}
.itu-row .itu-cell { min-width: 0; }
.itu-row.itu-split { display: grid; grid-template-columns: 1fr 1fr; gap: 0.8rem; }
.itu-colhead { font-weight: 600; color: var(--itu-fg2); border-bottom: 1px solid var(--itu-border); }
@container (max-width: 520px) {
  .itu-row.itu-split { grid-template-columns: 1fr; gap: 0.1rem; }
  .itu-row.itu-split .itu-old { border-bottom: 1px dashed var(--itu-border); }
  .itu-row.itu-colhead { display: none; }
}
.itu-t-section .itu-body { font-style: italic; }
.itu-t-heading, .itu-t-title { font-weight: 600; }
.itu-k-modified, .itu-k-relabelled { border-left-color: var(--itu-accent); }
.itu-k-inserted { border-left-color: var(--itu-ins-fg); }
.itu-k-deleted { border-left-color: var(--itu-del-fg); }
.itu-k-moved { border-left-color: var(--jp-warn-color0, #8a5a00); border-left-style: double; }
.itu-label { display: inline-block; min-width: 2.2em; margin-right: 0.5em; color: var(--itu-fg2); }
.itu-redline ins { color: var(--itu-ins-fg); background: var(--itu-ins-bg); text-decoration: underline; }
.itu-redline del { color: var(--itu-del-fg); background: var(--itu-del-bg); text-decoration: line-through; }
.itu-redline ins.itu-typo, .itu-redline del.itu-typo { color: var(--itu-fg2); background: none; text-decoration-style: dotted; }
/* one end of a move (Row.mn): double underline / strike, the name in the title */
.itu-redline ins.itu-move, .itu-redline del.itu-move { text-decoration-style: double; }
.itu-redline ins.itu-move { border-left: 2px solid var(--jp-warn-color0, #8a5a00); padding-left: 1px; }
.itu-redline del.itu-move { border-left: 2px dashed var(--jp-warn-color0, #8a5a00); padding-left: 1px; }
/* inserted by one author, struck by another (Row.si): in neither view, so no <del> colours; struck and
   boxed dashed, followed by who inserted and who struck it */
.itu-redline .itu-struck-insert { white-space: pre-wrap; }
.itu-redline s.itu-struck {
  color: var(--itu-fg2); text-decoration: line-through; text-decoration-thickness: 2px;
  outline: 1px dashed var(--itu-fg2); outline-offset: -1px;
}
.itu-redline .itu-struck-note { font-size: 0.85em; font-style: italic; color: var(--itu-fg2); margin: 0 0.2em; }
/* decided with its change: accepted, the strike stands (boxed solid, no longer dashed); rejected, the text comes back
   as its inserter's insertion (an insertion's colours, no strike) */
.itu-redline .itu-struck-insert.itu-accepted s.itu-struck { outline-style: solid; }
.itu-redline .itu-struck-insert.itu-rejected s.itu-struck {
  color: var(--itu-ins-fg); background: var(--itu-ins-bg); text-decoration: underline; outline: none;
}
.itu-banner {
  padding: 0.3rem 0.5rem; border-bottom: 1px solid var(--itu-border); overflow-wrap: anywhere;
  background: color-mix(in srgb, var(--jp-warn-color0, #8a5a00) 10%, transparent);
}
.itu-banner[hidden] { display: none; }
/* decided: the text as the decision leaves it, told apart by a solid (accepted) or dashed (rejected)
   underline and, after the change, a ✓ or ✗ that says it in words (aria-label) */
.itu-redline ins.itu-accepted, .itu-redline del.itu-rejected { color: inherit; background: none; text-decoration: none; }
.itu-redline ins.itu-accepted { border-bottom: 2px solid var(--itu-ins-fg); }
.itu-redline del.itu-rejected { border-bottom: 2px dashed var(--itu-del-fg); }
.itu-redline ins.itu-rejected, .itu-redline del.itu-accepted { display: none; }
.itu-dec { font-size: 0.8em; font-weight: 700; margin: 0 0.15em; padding: 0 0.2em; border-radius: 2px; border: 1px solid currentColor; }
.itu-dec-accept { color: var(--itu-ins-fg); }
.itu-dec-reject { color: var(--itu-del-fg); border-style: dashed; }
/* inferred from a flattened text: no mark in the source, so drawn dotted (and said so in the title) */
.itu-redline ins.itu-inferred, .itu-redline del.itu-inferred { text-decoration-style: dotted; outline: 1px dotted currentColor; outline-offset: -1px; }
.itu-b-inferred { border-style: dotted; }
.itu-notes { margin: 0.15rem 0 0.1rem; padding-left: 0.6rem; border-left: 2px solid var(--itu-border); white-space: normal; }
.itu-note { font-size: 0.9em; color: var(--itu-fg2); }
.itu-note-by { font-weight: 600; }
.itu-redline mark.itu-hl { color: inherit; background: color-mix(in srgb, var(--jp-warn-color1, #f9a825) 35%, transparent); }
.itu-redline .itu-current { outline: 2px solid var(--itu-current); background-color: var(--itu-current); }
.itu-row.itu-current { outline: none; background: color-mix(in srgb, var(--itu-current) 30%, transparent); }
.itu-row.itu-selected { box-shadow: inset 0 0 0 2px var(--itu-accent); }
.itu-badge {
  float: right; font-size: 0.78em; padding: 0 0.4em; margin-left: 0.4em; border-radius: 3px;
  border: 1px solid currentColor; color: var(--itu-fg2);
}
.itu-b-inserted { color: var(--itu-ins-fg); }
.itu-b-deleted { color: var(--itu-del-fg); }
.itu-gap {
  display: block; width: 100%; text-align: left; margin: 0.15rem 0; color: var(--itu-fg2);
  background: transparent; border-style: dashed;
}
.itu-status { padding: 0.3rem 0.5rem; border-top: 1px solid var(--itu-border); color: var(--itu-fg2); font-size: 0.9em; min-height: 1.9em; overflow-wrap: anywhere; }
.itu-conflicts { border-bottom: 1px solid var(--itu-border); max-height: 16rem; overflow: auto; }
.itu-cf-summary { padding: 0.3rem 0.5rem; font-weight: 600; cursor: pointer; color: var(--jp-warn-color0, #8a5a00); }
.itu-cf-list { margin: 0; padding: 0 0.5rem 0.4rem 2rem; }
.itu-cf { padding: 0.3rem 0; border-top: 1px dashed var(--itu-border); overflow-wrap: anywhere; }
.itu-cf-head { display: flex; flex-wrap: wrap; gap: 0.3rem 0.6rem; align-items: center; }
.itu-cf-kind, .itu-cf-key, .itu-cf-res { color: var(--itu-fg2); font-size: 0.9em; }
.itu-cf-base, .itu-cf-sides { white-space: pre-wrap; margin: 0.15rem 0; }
.itu-cf-sides { padding-left: 1.2rem; }
.itu-cf-choose { margin-top: 0.2rem; }
.itu-cf-done { border-left: 3px solid var(--itu-border); padding-left: 0.4rem; }  /* not faded: faded text fails contrast */
.itu-cf-pending { opacity: 0.6; }
.itu-row.itu-conflicted { border-left-color: var(--jp-warn-color0, #8a5a00); border-left-style: double; }
.itu-b-conflict { color: var(--jp-warn-color0, #8a5a00); }
.itu-cf-own { margin-top: 0.2rem; }
.itu-cf-own > summary { cursor: pointer; color: var(--itu-fg2); font-size: 0.9em; }
.itu-cf-input { display: block; width: 100%; margin: 0.2rem 0; resize: vertical; white-space: pre-wrap; }
`,""]),r.d(t,{},{A:a})},20(e,t,r){var i=r(18),o=r.n(i),n=r(19),a=(r.n(n))()(o());a.push([e.id,`/* Shared by both widgets: JupyterLab's theme variables (light and dark), with fallbacks
   for pages that are not JupyterLab (the test harness, Voila, exported HTML). */
.itu-widget {
  --itu-fg: var(--jp-content-font-color1, #1f1f1f);
  --itu-fg2: var(--jp-content-font-color2, #4a4a4a);
  --itu-bg: var(--jp-layout-color0, #ffffff);
  --itu-bg2: var(--jp-layout-color1, #f7f7f7);
  --itu-border: var(--jp-border-color1, #bdbdbd);
  --itu-accent: var(--jp-brand-color1, #1565c0);
  --itu-ins-fg: var(--jp-success-color0, #0b5d1e);
  --itu-ins-bg: color-mix(in srgb, var(--jp-success-color1, #2e7d32) 16%, transparent);
  --itu-del-fg: var(--jp-error-color0, #8e1b1b);
  --itu-del-bg: color-mix(in srgb, var(--jp-error-color1, #c62828) 14%, transparent);
  --itu-current: color-mix(in srgb, var(--jp-warn-color1, #f9a825) 45%, transparent);
  --itu-font: var(--jp-content-font-family, system-ui, sans-serif);
  --itu-size: var(--jp-content-font-size1, 14px);
  color: var(--itu-fg);
  background: var(--itu-bg);
  font-family: var(--itu-font);
  font-size: var(--itu-size);
  box-sizing: border-box;
  min-width: 0;
  max-width: 100%;
}
.itu-widget *, .itu-widget *::before, .itu-widget *::after { box-sizing: inherit; }
.itu-widget :focus-visible { outline: 2px solid var(--itu-accent); outline-offset: 1px; }
.itu-widget button, .itu-widget select, .itu-widget input, .itu-widget textarea {
  font: inherit; font-size: 0.92em; color: var(--itu-fg); background: var(--itu-bg2);
  border: 1px solid var(--itu-border); border-radius: 3px; padding: 0.15em 0.45em; min-height: 1.9em;
}
.itu-widget button { cursor: pointer; }
.itu-widget select { max-width: min(100%, 15rem); text-overflow: ellipsis; }
.itu-widget [hidden] { display: none !important; }
.itu-toolbar {
  display: flex; flex-wrap: wrap; gap: 0.35rem 0.6rem; align-items: center;
  padding: 0.35rem 0.4rem; border-bottom: 1px solid var(--itu-border); background: var(--itu-bg2);
}
.itu-group, .itu-field { display: inline-flex; align-items: center; gap: 0.3rem; flex-wrap: wrap; min-width: 0; max-width: 100%; }
.itu-field label { color: var(--itu-fg2); font-size: 0.88em; }
`,""]),r.d(t,{},{A:a})},22(e,t,r){var i=r(18),o=r.n(i),n=r(19),a=(r.n(n))()(o());a.push([e.id,`.itu-tree { border: 1px solid var(--itu-border); border-radius: 4px; }
.itu-tree .itu-search { flex: 1 1 10rem; min-width: 0; }
.itu-tree .itu-found { color: var(--itu-fg2); font-size: 0.88em; }
.itu-tree-scroll { height: var(--itu-height, 32rem); overflow: auto; }
.itu-tree-list { position: relative; min-height: 100%; }
.itu-tree-list:focus-visible { outline: 2px solid var(--itu-accent); outline-offset: -2px; }
.itu-node {
  position: absolute; left: 0; right: 0; height: 28px; display: flex; align-items: center; gap: 0.35rem;
  white-space: nowrap; overflow: hidden; cursor: pointer; padding-right: 0.4rem; border-left: 3px solid transparent;
}
.itu-node:hover { background: var(--itu-bg2); }
.itu-node.itu-active { outline: 1px dotted var(--itu-fg2); outline-offset: -1px; }
.itu-tree-list:focus .itu-node.itu-active { outline: 2px solid var(--itu-accent); outline-offset: -2px; }
.itu-node[aria-selected="true"] { background: color-mix(in srgb, var(--itu-accent) 18%, transparent); border-left-color: var(--itu-accent); }
.itu-twisty { width: 1em; flex: none; color: var(--itu-fg2); text-align: center; }
.itu-name { flex: 0 1 auto; min-width: 2em; overflow: hidden; text-overflow: ellipsis; font-weight: 500; }
.itu-nt-section .itu-name { font-style: italic; }
.itu-snippet { flex: 1 1 0; min-width: 0; overflow: hidden; text-overflow: ellipsis; color: var(--itu-fg2); }
.itu-nk-inserted .itu-name { color: var(--itu-ins-fg); }
.itu-nk-deleted .itu-name { color: var(--itu-del-fg); text-decoration: line-through; }
.itu-mark { flex: none; font-size: 0.75em; font-weight: 700; padding: 0 0.35em; border-radius: 3px; border: 1px solid currentColor; }
.itu-mark-MOD { color: var(--itu-accent); }
.itu-mark-ADD { color: var(--itu-ins-fg); }
.itu-mark-SUP { color: var(--itu-del-fg); }
.itu-counts { flex: none; display: inline-flex; gap: 0.25rem; font-size: 0.8em; font-variant-numeric: tabular-nums; }
.itu-c-ins { color: var(--itu-ins-fg); background: var(--itu-ins-bg); padding: 0 0.3em; border-radius: 3px; }
.itu-c-del { color: var(--itu-del-fg); background: var(--itu-del-bg); padding: 0 0.3em; border-radius: 3px; }
.itu-tree mark { background: var(--jp-search-selected-match-background-color, #fff176); color: inherit; }
`,""]),r.d(t,{},{A:a})},17(e,t,r){var i=r(18),o=r.n(i),n=r(19),a=r.n(n),l=r(20),u=r(21),d=r(22),s=r(23),c=a()(o());c.i(l.A),c.i(u.A),c.i(d.A),c.i(s.A),c.push([e.id,`/* The widgets' own styles (theme.css maps JupyterLab's theme variables), then the panel's layout. */
`,""]),r.d(t,{},{A:c})},23(e,t,r){var i=r(18),o=r.n(i),n=r(19),a=(r.n(n))()(o());a.push([e.id,`/* The ITU Proposal and comparison panels: JupyterLab's theme variables only. */
.itu-lab-panel {
  display: flex; flex-direction: column; height: 100%; min-height: 0; overflow: hidden;
  color: var(--jp-content-font-color1); background: var(--jp-layout-color0);
  font-family: var(--jp-content-font-family); font-size: var(--jp-content-font-size1);
}
.itu-lab-head {
  display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.3rem 1rem; padding: 0.4rem 0.6rem;
  border-bottom: 1px solid var(--jp-border-color2);
}
.itu-lab-title { font-size: var(--jp-content-font-size3); font-weight: 600; margin: 0; }
.itu-lab-status { color: var(--jp-content-font-color2); font-size: var(--jp-content-font-size0); }
.itu-lab-error {
  margin: 0.4rem 0.6rem; padding: 0.4rem 0.6rem; border-left: 4px solid var(--jp-error-color1);
  background: var(--jp-layout-color2); color: var(--jp-error-color0); white-space: pre-wrap;
}
.itu-lab-error[hidden] { display: none; }
.itu-lab-body { flex: 1 1 auto; min-height: 0; display: flex; gap: 0.5rem; padding: 0.5rem; }
.itu-lab-pane { min-width: 0; min-height: 0; display: flex; flex-direction: column; }
.itu-lab-tree { flex: 0 0 32%; }
.itu-lab-redline { flex: 1 1 auto; }
/* the widgets fill their pane: their scrolling areas take the height left */
.itu-lab-pane > .itu-widget { flex: 1 1 auto; min-height: 0; display: flex; flex-direction: column; }
.itu-lab-pane .itu-tree-scroll { flex: 1 1 auto; height: auto; min-height: 0; }
.itu-lab-pane .itu-scroll { flex: 1 1 auto; max-height: none; min-height: 0; }
`,""]),r.d(t,{},{A:a})},19(e){e.exports=function(e){var t=[];return t.toString=function(){return this.map(function(t){var r="",i=void 0!==t[5];return t[4]&&(r+="@supports (".concat(t[4],") {")),t[2]&&(r+="@media ".concat(t[2]," {")),i&&(r+="@layer".concat(t[5].length>0?" ".concat(t[5]):""," {")),r+=e(t),i&&(r+="}"),t[2]&&(r+="}"),t[4]&&(r+="}"),r}).join("")},t.i=function(e,r,i,o,n){"string"==typeof e&&(e=[[null,e,void 0]]);var a={};if(i)for(var l=0;l<this.length;l++){var u=this[l][0];null!=u&&(a[u]=!0)}for(var d=0;d<e.length;d++){var s=[].concat(e[d]);i&&a[s[0]]||(void 0!==n&&(void 0===s[5]||(s[1]="@layer".concat(s[5].length>0?" ".concat(s[5]):""," {").concat(s[1],"}")),s[5]=n),r&&(s[2]&&(s[1]="@media ".concat(s[2]," {").concat(s[1],"}")),s[2]=r),o&&(s[4]?(s[1]="@supports (".concat(s[4],") {").concat(s[1],"}"),s[4]=o):s[4]="".concat(o)),t.push(s))}},t}},18(e){e.exports=function(e){return e[1]}},11(e){var t=[];function r(e){for(var r=-1,i=0;i<t.length;i++)if(t[i].identifier===e){r=i;break}return r}function i(e,i){for(var o={},n=[],a=0;a<e.length;a++){var l=e[a],u=i.base?l[0]+i.base:l[0],d=o[u]||0,s="".concat(u," ").concat(d);o[u]=d+1;var c=r(s),p={css:l[1],media:l[2],sourceMap:l[3],supports:l[4],layer:l[5]};if(-1!==c)t[c].references++,t[c].updater(p);else{var f=function(e,t){var r=t.domAPI(t);return r.update(e),function(t){t?(t.css!==e.css||t.media!==e.media||t.sourceMap!==e.sourceMap||t.supports!==e.supports||t.layer!==e.layer)&&r.update(e=t):r.remove()}}(p,i);i.byIndex=a,t.splice(a,0,{identifier:s,updater:f,references:1})}n.push(s)}return n}e.exports=function(e,o){var n=i(e=e||[],o=o||{});return function(e){e=e||[];for(var a=0;a<n.length;a++){var l=r(n[a]);t[l].references--}for(var u=i(e,o),d=0;d<n.length;d++){var s=r(n[d]);0===t[s].references&&(t[s].updater(),t.splice(s,1))}n=u}}},13(e){var t={};e.exports=function(e,r){var i=function(e){if(void 0===t[e]){var r=document.querySelector(e);if(window.HTMLIFrameElement&&r instanceof window.HTMLIFrameElement)try{r=r.contentDocument.head}catch(e){r=null}t[e]=r}return t[e]}(e);if(!i)throw Error("Couldn't find a style target. This probably means that the value for the 'insert' parameter is invalid.");i.appendChild(r)}},15(e){e.exports=function(e){var t=document.createElement("style");return e.setAttributes(t,e.attributes),e.insert(t,e.options),t}},14(e,t,r){e.exports=function(e){var t=r.nc;t&&e.setAttribute("nonce",t)}},12(e){e.exports=function(e){if("u"<typeof document)return{update:function(){},remove:function(){}};var t=e.insertStyleElement(e);return{update:function(r){var i,o,n;i="",r.supports&&(i+="@supports (".concat(r.supports,") {")),r.media&&(i+="@media ".concat(r.media," {")),(o=void 0!==r.layer)&&(i+="@layer".concat(r.layer.length>0?" ".concat(r.layer):""," {")),i+=r.css,o&&(i+="}"),r.media&&(i+="}"),r.supports&&(i+="}"),(n=r.sourceMap)&&"u">typeof btoa&&(i+="\n/*# sourceMappingURL=data:application/json;base64,".concat(btoa(unescape(encodeURIComponent(JSON.stringify(n))))," */")),e.styleTagTransform(i,t,e.options)},remove:function(){var e;null===(e=t).parentNode||e.parentNode.removeChild(e)}}}},16(e){e.exports=function(e,t){if(t.styleSheet)t.styleSheet.cssText=e;else{for(;t.firstChild;)t.removeChild(t.firstChild);t.appendChild(document.createTextNode(e))}}},10(e,t,r){var i=r(11),o=r.n(i),n=r(12),a=r.n(n),l=r(13),u=r.n(l),d=r(14),s=r.n(d),c=r(15),p=r.n(c),f=r(16),m=r.n(f),g=r(17),h={};h.styleTagTransform=m(),h.setAttributes=s(),h.insert=u().bind(null,"head"),h.domAPI=a(),h.insertStyleElement=p(),o()(g.A,h),g.A&&g.A.locals&&g.A.locals}}]);