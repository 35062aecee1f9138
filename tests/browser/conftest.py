"""Real-browser fixtures: Debian's Chromium driven by Playwright, a static server for the
fake-model harness, and one JupyterLab server per session.

Follows shared/docs/BROWSER-TESTING.md: no browser download, a browser-side air-gap
(--host-resolver-rules) instead of request interception, readiness checked on the kernel
itself, screenshots under artifacts/ (gitignored; CI keeps them as test artefacts).
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from .waits import UI_MS

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
LOCAL = ("http://127.0.0.1", "data:", "blob:", "about:")


def pytest_collection_modifyitems(config, items):
    """Without Chromium (a laptop without it), skip these tests; in CI their absence is a failure."""
    if Path(CHROMIUM).exists() or os.environ.get("CI"):
        return
    skip = pytest.mark.skip(reason=f"no Chromium at {CHROMIUM}; `apt-get install chromium` (CI installs it)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def playwright_instance():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_instance, tmp_path_factory):
    """One Chromium for the session (a fresh profile); each test gets its own context."""
    ctx = playwright_instance.chromium.launch_persistent_context(
        str(tmp_path_factory.mktemp("chromium-profile")),
        executable_path=CHROMIUM,
        headless=True,
        args=CHROMIUM_ARGS,
        viewport={"width": 1280, "height": 900},
    )
    yield ctx
    ctx.close()


#: Console errors that are not ours and say nothing about itu_nb, each with why it is allowed.
#: Everything else printed at level "error", and every uncaught exception, fails the test.
CONSOLE_ALLOWED: tuple[tuple[str, str], ...] = (
    (
        "Could not restore the debugger state: Canceled future for debug_request",
        "JupyterLab's debugger plugin, when a kernel restarts while its own debug_request is in flight "
        "(seen once in CI in the kernel-restart test); itu_nb sends no debug requests",
    ),
)


def unexpected_errors(pg) -> list[str]:
    """The page's uncaught exceptions and the console errors not allowed by :data:`CONSOLE_ALLOWED`."""
    console = [m for m in pg.console_errors if not any(pattern in m for pattern, _why in CONSOLE_ALLOWED)]
    return [f"uncaught: {e}" for e in pg.errors] + [f"console.error: {m}" for m in console]


@pytest.fixture
def page(browser, request):
    """A new tab that records console messages, page errors, dialogs and non-local requests.

    The test fails (at teardown) on any uncaught exception or console error in the page
    (:func:`unexpected_errors`): a widget must never fail silently in the browser.  A test that
    provokes an error on purpose clears ``page.errors`` / ``page.console_errors`` after checking it.
    """
    pg = browser.new_page()
    pg.set_default_timeout(UI_MS)
    pg.errors, pg.console_log, pg.console_errors, pg.dialogs, pg.external = [], [], [], [], []

    def on_console(msg):
        pg.console_log.append(f"{msg.type}: {msg.text}")
        if msg.type == "error":
            where = msg.location.get("url", "") if msg.location else ""
            pg.console_errors.append(f"{msg.text} ({where})" if where else msg.text)

    pg.on("pageerror", lambda exc: pg.errors.append(f"{exc}\n{getattr(exc, 'stack', '') or ''}".strip()))
    pg.on("console", on_console)
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("request", lambda r: None if r.url.startswith(LOCAL) else pg.external.append(r.url))
    yield pg
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        pg.screenshot(path=str(ARTIFACTS / f"FAILED-{request.node.name}.png"), full_page=True)
        print("\n".join(pg.console_log[-40:]), file=sys.stderr)
    found = unexpected_errors(pg)
    pg.close()
    if found:
        pytest.fail("errors in the browser:\n" + "\n".join(found), pytrace=False)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    rep = yield
    setattr(item, f"rep_{rep.when}", rep)
    return rep


@pytest.fixture(scope="session")
def shoot():
    """``shoot(page_or_locator, name)`` keeps a screenshot as a test artefact (artifacts/<name>.png)."""

    def take(target, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        target.screenshot(path=str(path))
        return path

    return take


# -- the fake-model harness ---------------------------------------------------------------
class _Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".css": "text/css",
    }

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def static_server():
    """Serve the repository on 127.0.0.1 (ES modules need a JS MIME type)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(ROOT)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def widget_state(widget) -> dict:
    """The synced traits of a widget, as JS would receive them (without anywidget's plumbing)."""
    skip = ("_model_", "_view_", "_esm", "_css", "_anywidget", "_dom_classes", "layout", "tabbable", "tooltip")
    state = widget.get_state()
    return {k: v for k, v in state.items() if not k.startswith(skip)}


@pytest.fixture
def harness(page, static_server):
    """A page with the harness loaded; ``mount(slot, name, widget_or_state, width=None)`` draws a widget."""
    page.goto(f"{static_server}/tests/browser/harness.html")
    page.wait_for_function("window.harnessReady === true")

    def mount(slot, name, widget, width=None):
        state = widget if isinstance(widget, dict) else widget_state(widget)
        page.evaluate("([s, n, st, w]) => window.mount(s, n, st, w)", [slot, name, state, width])
        return page.locator(f"#{slot}")

    page.mount = mount
    page.state = widget_state  # a Python-side update, to play with models[slot].fromPython
    return page


# -- JupyterLab -------------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lab:
    def __init__(self, url: str, token: str, root: Path):
        self.url, self.token, self.root = url, token, root

    def api(self, path: str, method: str = "GET"):
        req = urllib.request.Request(
            f"{self.url}{path}", method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(req, timeout=10) as resp:
            body = resp.read()
        return json.loads(body) if body else None


@pytest.fixture(scope="session")
def jupyterlab(tmp_path_factory):
    """One JupyterLab server for the session, isolated in a tmp dir, stopped through its API."""
    base = tmp_path_factory.mktemp("lab")
    root = base / "root"
    root.mkdir()
    cfg = base / "config"
    (cfg / "labconfig").mkdir(parents=True)
    (cfg / "labconfig" / "page_config.json").write_text(
        json.dumps({"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}})
    )
    # itu_nb's server extension and the prebuilt lab extension of this tree, as a wheel installs them
    (cfg / "jupyter_server_config.d").mkdir()
    shutil.copy(ROOT / "jupyter-config" / "server-config" / "itu_nb.json", cfg / "jupyter_server_config.d")
    (base / "data" / "labextensions").mkdir(parents=True)
    (base / "data" / "labextensions" / "itu-nb").symlink_to(ROOT / "itu_nb" / "labextension")
    port, token = _free_port(), secrets.token_hex(16)
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(cfg),
        "JUPYTER_RUNTIME_DIR": str(base / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(base / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(base / "ws"),
        "IPYTHONDIR": str(base / "ipython"),
        "PYTHONPATH": str(ROOT),
        "JUPYTER_PATH": str(base / "data"),
    }
    log = open(base / "lab.log", "w")  # noqa: SIM115 - closed at teardown
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyter",
            "lab",
            "--no-browser",
            "--allow-root",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    lab = Lab(f"http://127.0.0.1:{port}", token, root)
    deadline = time.monotonic() + 60
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"jupyter lab exited ({proc.returncode}):\n{(base / 'lab.log').read_text()[-3000:]}")
        try:
            lab.api("/api/status")
            break
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    yield lab
    try:
        lab.api("/api/shutdown", method="POST")
        proc.wait(timeout=10)
    except Exception:  # noqa: BLE001 - fall back to signals
        pass
    for sig in (signal.SIGTERM, signal.SIGKILL):
        if proc.poll() is None:
            os.killpg(proc.pid, sig)
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                continue
    log.close()


# -- accessibility ------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def run_axe():
    """``run_axe(locator)``: axe-core on one element; the serious and critical violations.

    axe-core comes from the ``axe-playwright-python`` wheel (its ``axe.min.js``), injected
    into the page; nothing is fetched at run time.
    """
    import importlib.resources

    source = (importlib.resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")

    def run(locator):
        page = locator.page
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.add_script_tag(content=source)
        found = locator.evaluate(
            "async (el) => (await axe.run(el, {resultTypes: ['violations']})).violations.map(v => ({id: v.id,"
            " impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"
        )
        return [v for v in found if v["impact"] in ("serious", "critical")]

    return run
