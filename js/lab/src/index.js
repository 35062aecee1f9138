// itu_nb's JupyterLab extension: "Open With → ITU Proposal", "ITU: Compare with…", exports and
// "Open in a notebook", over the REST API of itu_nb's server extension (itu-nb/api/...).
import { ILayoutRestorer } from "@jupyterlab/application";
import {
  CommandToolbarButton, ICommandPalette, InputDialog, MainAreaWidget, Notification, WidgetTracker,
} from "@jupyterlab/apputils";
import { PathExt } from "@jupyterlab/coreutils";
import { ABCWidgetFactory, DocumentWidget } from "@jupyterlab/docregistry";
import { IDefaultFileBrowser } from "@jupyterlab/filebrowser";
import { api } from "./api.js";
import { CompareView, FINAL_ACTS } from "./compare.js";
import { ProposalView } from "./panel.js";

export const FACTORY = "ITU Proposal";
const CATEGORY = "ITU proposals";

/** The file types the loaders read; .txt and .xml reuse JupyterLab's own types where it has them. */
const FILE_TYPES = [
  { name: "itu-critic", displayName: "CriticMarkup proposal", extensions: [".critic.md"], mimeTypes: ["text/markdown"],
    fileFormat: "text", contentType: "file" },
  { name: "itu-akn", displayName: "Akoma Ntoso", extensions: [".akn.xml"], mimeTypes: ["application/xml"],
    fileFormat: "text", contentType: "file" },
  { name: "itu-docx", displayName: "Word document", extensions: [".docx"],
    mimeTypes: ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    fileFormat: "base64", contentType: "file" },
  { name: "itu-xml", displayName: "XML", extensions: [".xml"], mimeTypes: ["application/xml"],
    fileFormat: "text", contentType: "file" },
];
const TYPE_NAMES = [...FILE_TYPES.map((t) => t.name), "text"];
const EXPORTS = [
  ["docx", "Word"], ["html", "HTML"], ["critic", "CriticMarkup"], ["akn", "AKN"],
];

/** Whether the loaders read `path` (by its name). */
export function isProposalFile(/** @type {string} */ path) {
  const name = path.toLowerCase();
  return [".docx", ".critic.md", ".akn.xml", ".xml", ".txt"].some((ext) => name.endsWith(ext));
}

/** @extends {ABCWidgetFactory<any, any>} */
class ProposalFactory extends ABCWidgetFactory {
  /** @param {any} context */
  createNewWidget(context) {
    const content = new ProposalView(context.localPath ?? context.path);
    const widget = new DocumentWidget({ content, context });
    widget.title.caption = `${context.path} as an ITU proposal`;
    widget.addClass("itu-lab-document");
    return widget;
  }
}

/** @type {import("@jupyterlab/application").JupyterFrontEndPlugin<void>} */
const plugin = {
  id: "itu-nb:plugin",
  description: "Open, compare and export ITU proposals from the file browser.",
  autoStart: true,
  requires: [IDefaultFileBrowser],
  optional: [ICommandPalette, ILayoutRestorer],
  activate: (app, browser, palette, restorer) => {
    const { commands, docRegistry, shell } = app;
    for (const ft of FILE_TYPES) docRegistry.addFileType(/** @type {any} */ (ft));
    const factory = new ProposalFactory({
      name: FACTORY, label: "ITU Proposal", fileTypes: TYPE_NAMES, defaultFor: ["itu-critic"], modelName: "base64",
      readOnly: true,
    });
    docRegistry.addWidgetFactory(factory);
    const tracker = new WidgetTracker({ namespace: "itu-nb" });
    factory.widgetCreated.connect((_, widget) => {
      void tracker.add(widget);
      // the panel's own toolbar: the commands on this file
      const buttons = [["itu-nb:compare", "Compare with…"], ...EXPORTS.map(([to, name]) => [`itu-nb:export-${to}`,
        `Export to ${name}`]), ["itu-nb:notebook", "Open in a notebook"]];
      for (const [id, label] of buttons) {
        const path = /** @type {any} */ (widget.content).path;
        const args = /** @type {any} */ (id === "itu-nb:compare" ? { a: path } : { path });
        widget.toolbar.addItem(id, new CommandToolbarButton({ commands, id, args, label }));
      }
      widget.context.pathChanged.connect(() => void tracker.save(widget));
    });
    if (restorer) {
      void restorer.restore(tracker, {
        command: "docmanager:open",
        args: (/** @type {any} */ w) => ({ path: w.context.path, factory: FACTORY }),
        name: (/** @type {any} */ w) => w.context.path,
      });
    }
    const compares = new WidgetTracker({ namespace: "itu-nb-compare" });

    /** The file a command works on: its `path` argument, the ITU panel in front, or the browser's selection. */
    function target(/** @type {any} */ args) {
      if (args && typeof args.path === "string") return args.path;
      const current = shell.currentWidget;
      if (!(args && args.from === "browser") && current && tracker.has(current)) {
        return /** @type {any} */ (current).content.path;
      }
      const items = [...browser.selectedItems()].filter((i) => i.type !== "directory");
      return items.length ? items[0].path : null;
    }

    /** Tell the analyst, in the panel in front when it is an ITU panel, and as a notification. */
    function fail(/** @type {any} */ e) {
      const current = shell.currentWidget;
      if (current && tracker.has(current)) /** @type {any} */ (current).content.showError(e);
      Notification.error(`itu_nb: ${e && e.message ? e.message : String(e)}`, { autoClose: false });
    }

    commands.addCommand("itu-nb:open", {
      label: "ITU: Open as proposal",
      caption: "Open the file in the ITU Proposal panel: the clause tree and the redline",
      isEnabled: (args) => { const p = target(args); return !!p && isProposalFile(p); },
      execute: (args) => {
        const path = target(args);
        return path ? commands.execute("docmanager:open", { path, factory: FACTORY }) : undefined;
      },
    });

    async function compare(/** @type {string} */ a, /** @type {string} */ b) {
      const content = new CompareView(a, b);
      const widget = new MainAreaWidget({ content });
      widget.id = `itu-nb-compare-${Date.now()}`;
      widget.title.label = `${PathExt.basename(a)} ⇄ ${b === FINAL_ACTS ? "PP-18 Final Acts" : PathExt.basename(b)}`;
      widget.title.closable = true;
      widget.addClass("itu-lab-document");
      void compares.add(widget);
      shell.add(widget, "main");
      shell.activateById(widget.id);
      await content.ready;
      return widget;
    }

    commands.addCommand("itu-nb:compare", {
      label: "ITU: Compare with…",
      caption: "Compare two proposals, or a proposal with the PP-18 Final Acts: each text with the one it targets",
      execute: async (args) => {
        if (typeof args.a === "string" && typeof args.b === "string") return compare(args.a, args.b);
        const picked = [...browser.selectedItems()].filter((i) => i.type !== "directory").map((i) => i.path);
        const a = typeof args.a === "string" ? args.a : picked.length === 2 ? picked[0] : target(args);
        if (!a) {
          Notification.warning("ITU: select a proposal file (or two) in the file browser first");
          return;
        }
        if (picked.length === 2 && picked[0] === a) return compare(a, picked[1]);
        const finalActs = "PP-18 Final Acts (bundled with itu_nb)";
        const others = [];
        for (const item of browser.model.items()) {
          if (item.type !== "directory" && item.path !== a && isProposalFile(item.path)) others.push(item.path);
        }
        const choice = await InputDialog.getItem({
          title: `Compare ${PathExt.basename(a)} with…`, items: [finalActs, ...others], current: 0,
        });
        if (!choice.button.accept || !choice.value) return;
        return compare(a, choice.value === finalActs ? FINAL_ACTS : choice.value);
      },
    });

    for (const [to, name] of EXPORTS) {
      commands.addCommand(`itu-nb:export-${to}`, {
        label: `ITU: Export to ${name}`,
        caption: `Write the proposal, with the review's decisions, as ${name} next to the file (never overwriting)`,
        isEnabled: (args) => { const p = target(args); return !!p && isProposalFile(p); },
        execute: async (args) => {
          const path = target(args);
          if (!path) return;
          try {
            const r = await api("export", { method: "POST", body: { path, to, review: true } });
            Notification.success(`itu_nb wrote ${r.path}`, { autoClose: 8000 });
            const current = shell.currentWidget;
            if (current && tracker.has(current)) /** @type {any} */ (current).content.status(`Wrote ${r.path}`);
            return r.path;
          } catch (e) {
            fail(e);
          }
        },
      });
    }

    commands.addCommand("itu-nb:notebook", {
      label: "ITU: Open in a notebook",
      caption: "Write a notebook with the code that reproduces this view, next to the file, and open it",
      isEnabled: (args) => { const p = target(args); return !!p && isProposalFile(p); },
      execute: async (args) => {
        const path = target(args);
        if (!path) return;
        try {
          // from the panel: the notebook opens on the proposal on show there
          const current = /** @type {any} */ (shell.currentWidget);
          const key = current && tracker.has(current) && current.content.path === path ? current.content.key : null;
          const r = await api("notebook", { method: "POST", body: key ? { path, key } : { path } });
          await commands.execute("docmanager:open", { path: r.path });
          return r.path;
        } catch (e) {
          fail(e);
        }
      },
    });

    const ids = ["itu-nb:open", "itu-nb:compare", ...EXPORTS.map(([to]) => `itu-nb:export-${to}`), "itu-nb:notebook"];
    if (palette) for (const command of ids) palette.addItem({ command, category: CATEGORY });
    const keys = { "itu-nb:open": "Alt Shift O", "itu-nb:compare": "Alt Shift C", "itu-nb:export-docx": "Alt Shift W",
      "itu-nb:notebook": "Alt Shift N" };
    for (const [command, key] of Object.entries(keys)) {
      app.commands.addKeyBinding({ command, keys: [key], selector: "body" });
    }
    // one item per file type (a context-menu selector cannot hold a comma); a file has one type
    for (const type of TYPE_NAMES) {
      const selector = `.jp-DirListing-item[data-file-type="${type}"]`;
      ids.forEach((command, i) => {
        app.contextMenu.addItem({ command, selector, rank: 3 + i / 10, args: { from: "browser" } });
      });
    }
  },
};

export default plugin;
