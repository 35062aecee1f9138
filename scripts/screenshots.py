"""Regenerate screenshots of the redline viewer in a real JupyterLab, light and dark theme.

    python3 scripts/screenshots.py            # → artifacts/screenshots/viewer-<view>-<theme>.png

One isolated JupyterLab (a temporary root, config and kernel; the repository on PYTHONPATH) and
Debian's Chromium driven by Playwright, as the browser tests do (shared/docs/BROWSER-TESTING.md).
Each entry of VIEWS is one notebook cell whose last expression is a viewer; add a view (the editing
mode, say) by appending ``(name, code)``. The text is Brazil's B/67/4 (MOD Resolution 130 (Rev.
Busan, 2014)) from tests/fixtures. The script fails when the page logs an error.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "artifacts" / "screenshots"
CRITIC = ROOT / "tests" / "fixtures" / "pp18-doc67-brazil.reconstructed.critic.md"
FLAT = ROOT / "tests" / "fixtures" / "pp18-doc67-brazil.flattened.txt"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]  # fmt: skip

SETUP = f"""import itu_nb
doc = itu_nb.load({str(CRITIC)!r})
res130 = doc["B/67/4"]
decided = res130.changes[:3]"""

#: (name, cell code): each cell ends with the viewer to photograph.
VIEWS = [
    (
        "inline",
        "v = itu_nb.RedlineViewer(res130, height='26rem')\n"
        "v.accept([decided[0].id, decided[1].id]); v.reject(decided[2].id)\nv",
    ),
    ("side-by-side", "itu_nb.RedlineViewer(res130, mode='side-by-side', height='26rem')"),
    ("inferred", f"itu_nb.RedlineViewer(itu_nb.load({str(FLAT)!r})['B/67/4'], height='20rem')"),
    (  # the suggesting mode: Ana's retyped words and a new item relettering the list, the actions on resolves 1
        "editing",
        "e = itu_nb.RedlineViewer(res130, review=None, author='Ana', filters={'section': 'resolves'},"
        " collapse_unchanged=False, height='26rem')\n"
        "e.edit('resolves/1', res130['resolves/1'].body().strip().replace('high priority', 'the highest priority'))\n"
        "e.insert('resolves/2', 'to encourage Member States to share best practices;')\n"
        "e.suggesting = True; e.selected_path = 'resolves/1'\ne",
    ),
]


def start_lab(base: Path) -> tuple[subprocess.Popen, str, str]:
    """JupyterLab in `base`, isolated from the user's settings; (process, url, token) once it answers."""
    (base / "root").mkdir()
    (base / "config" / "labconfig").mkdir(parents=True)
    (base / "config" / "labconfig" / "page_config.json").write_text(
        json.dumps({"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}})
    )
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    token = secrets.token_hex(16)
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(base / "config"), "JUPYTER_RUNTIME_DIR": str(base / "rt"),
           "JUPYTERLAB_SETTINGS_DIR": str(base / "settings"), "JUPYTERLAB_WORKSPACES_DIR": str(base / "ws"),
           "IPYTHONDIR": str(base / "ipython"), "PYTHONPATH": str(ROOT)}  # fmt: skip
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
            f"--ServerApp.root_dir={base / 'root'}",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ],  # fmt: skip
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=5).read()
            return proc, url, token
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("JupyterLab did not start") from None
            time.sleep(0.3)


def stop_lab(proc: subprocess.Popen) -> None:
    """Stop the server's process group (SIGTERM, then SIGKILL)."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        if proc.poll() is None:
            os.killpg(proc.pid, sig)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                continue


def set_theme(page, name: str) -> None:
    """Pick a JupyterLab theme from the Settings menu, as a user does, and wait until it applies."""
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile("^Settings$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile("^Theme$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{name}$")).click()
    light = "true" if "Light" in name else "false"
    page.wait_for_function(f"() => document.body.dataset.jpThemeLight === '{light}'")
    page.wait_for_timeout(500)


def main() -> list[Path]:
    """Open a notebook of VIEWS, run it, photograph every viewer in both themes; the files written."""
    import nbformat
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(SETUP)] + [nbformat.v4.new_code_cell(code) for _, code in VIEWS]
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
        proc, url, token = start_lab(base)
        try:
            nbformat.write(nb, base / "root" / "viewer.ipynb")
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                page = browser.new_page(viewport={"width": 1300, "height": 1000})
                errors: list[str] = []
                page.on("pageerror", lambda e: errors.append(str(e)))
                page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
                page.set_default_timeout(60_000)
                page.goto(f"{url}/lab/tree/viewer.ipynb?reset&token={token}")
                page.wait_for_function(
                    "() => (document.querySelector('#jp-main-statusbar')?.textContent ?? '').includes('| Idle')"
                )
                page.wait_for_timeout(1000)
                page.locator(".lm-MenuBar-itemLabel", has_text=re.compile("^Run$")).click()
                page.locator(".lm-Menu-itemLabel", has_text=re.compile("^Run All Cells$")).click()
                cells = page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell")
                for theme in ("JupyterLab Light", "JupyterLab Dark"):
                    set_theme(page, theme)
                    for k, (name, _) in enumerate(VIEWS, start=1):
                        viewer = cells.nth(k).locator(".jp-OutputArea .itu-redline")
                        viewer.wait_for()
                        viewer.scroll_into_view_if_needed()
                        page.wait_for_timeout(300)
                        path = OUT / f"viewer-{name}-{'light' if 'Light' in theme else 'dark'}.png"
                        viewer.screenshot(path=str(path))
                        written.append(path)
                set_theme(page, "JupyterLab Light")
                browser.close()
                if errors:
                    raise SystemExit("errors in the page:\n" + "\n".join(errors))
        finally:
            stop_lab(proc)
    return written


if __name__ == "__main__":
    for path in main():
        print(path.relative_to(ROOT))
