"""Widgets: time to first render and synced payload size, against the targets of issue 8.

    python3 benchmarks/bench_widgets.py            # prints a Markdown table (paste into RESULTS.md)

First render = Python builds the widget(s) and serialises their synced state, then Chromium
(Debian's, driven by Playwright, as in the browser tests) parses that JSON, imports the ESM
bundle, renders, and lays out and paints two frames.  The kernel → browser websocket hop of
a real notebook is not included (local, a few ms per MB).  Payload = the JSON of every synced
trait; text = the UTF-8 bytes of what the widget shows (both views of a proposal for the viewer,
the document's text for the tree).
"""

from __future__ import annotations

import functools
import http.server
import json
import platform
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import itu_nb  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
SKIP = ("_model_", "_view_", "_esm", "_css", "_anywidget", "_dom_classes", "layout", "tabbable", "tooltip")
REPEAT = 5


def state(widget) -> str:
    return json.dumps({k: v for k, v in widget.get_state().items() if not k.startswith(SKIP)})


def text_bytes(proposals) -> int:
    return sum(len(p.text(v).encode()) for p in proposals for v in ("original", "amended"))


def cases():
    brazil = itu_nb.load(FIXTURES / "pp18-doc67-brazil.reconstructed.critic.md")
    final_acts = itu_nb.load(FIXTURES / "pp18-final-acts.akn.xml")
    biggest = max(final_acts, key=lambda p: sum(1 for _ in p.walk()))
    res130 = brazil["B/67/4"]
    yield "RedlineViewer: Resolution 130 (Brazil B/67/4)", 0.300, lambda: {"v": itu_nb.RedlineViewer(res130)}, [res130]
    yield (
        f"RedlineViewer: largest Final Acts text ({biggest.id})",
        0.300,
        lambda: {"v": itu_nb.RedlineViewer(biggest)},
        [biggest],
    )
    yield "explore(): Brazil document (5 proposals)", 1.0, lambda: explorer(brazil), list(brazil)
    yield "explore(): PP-18 Final Acts (64 texts)", 1.0, lambda: explorer(final_acts), list(final_acts)


def explorer(doc):
    ex = itu_nb.explore(doc)
    return {"t": ex.tree, "v": ex.viewer}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript"}

    def log_message(self, *args):
        pass


def serve():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(ROOT)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/tests/browser/harness.html"


RENDER = """async ([parts]) => {
  const t0 = performance.now();
  for (const [slot, name, json] of parts) await window.mount(slot, name, JSON.parse(json));
  await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
  document.body.offsetHeight;
  return performance.now() - t0;
}"""

SCROLL = """async () => {
  const s = document.querySelector('#t .itu-tree-scroll');
  const frames = [];
  for (let i = 1; i <= 60; i++) {
    const t0 = performance.now();
    s.scrollTop = (s.scrollHeight - s.clientHeight) * i / 60;
    await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
    frames.push(performance.now() - t0);
  }
  frames.sort((a, b) => a - b);
  return [frames[30], frames[57], document.querySelectorAll('#t [role=treeitem]').length, s.scrollHeight / 28];
}"""


def main() -> None:
    from playwright.sync_api import sync_playwright

    server, url = serve()
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for name, target, build, proposals in cases():
            py, js, payload = [], [], 0
            scroll = None
            for _ in range(REPEAT):
                t0 = time.perf_counter()
                widgets = build()
                parts = [[slot, "tree" if slot == "t" else "redline", state(w)] for slot, w in widgets.items()]
                py.append(time.perf_counter() - t0)
                payload = sum(len(x[2].encode()) for x in parts)
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(url)
                page.wait_for_function("window.harnessReady === true")
                js.append(page.evaluate(RENDER, [parts]) / 1000)
                if "t" in widgets and scroll is None:  # open the whole tree (a search for "the"), then scroll it
                    tree = widgets["t"]
                    tree.search = "the"
                    page.evaluate("m => window.models.t.fromPython(m)", {"_matches": tree._matches, "search": "the"})
                    scroll = page.evaluate(SCROLL)
                page.close()
            total = statistics.median(a + b for a, b in zip(py, js, strict=True))
            text = text_bytes(proposals) if "t" not in widgets else sum(len(p.text().encode()) for p in proposals)
            rows.append((name, statistics.median(py), statistics.median(js), total, target, payload, text, scroll))
        browser.close()
    server.shutdown()

    print(
        f"Machine: {platform.node() and 'this machine'}, {platform.machine()}, Python {platform.python_version()}, "
        f"{__import__('os').cpu_count()} cores; median of {REPEAT} cold page loads\n"
    )
    print(
        "| case | Python build + serialise | browser parse + render + 2 frames | first render | target | "
        "payload | text | payload / text |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, py, js, total, target, payload, text, _ in rows:
        ok = "✅" if total < target else "❌"
        print(
            f"| {name} | {py * 1000:.0f} ms | {js * 1000:.0f} ms | **{total * 1000:.0f} ms** {ok} | "
            f"< {target * 1000:.0f} ms | {payload / 1024:.0f} KiB | {text / 1024:.0f} KiB | {payload / text:.2f}× |"
        )
    for name, *_, scroll in rows:
        if scroll:
            print(
                f"\n{name}, whole tree open ({scroll[3]:.0f} rows, {scroll[2]} in the DOM): "
                f"scroll step median {scroll[0]:.1f} ms, 95th percentile {scroll[1]:.1f} ms (2 frames each)"
            )


if __name__ == "__main__":
    main()
