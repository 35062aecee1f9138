"""The Jupyter Server extension (issue 16.5): a real server in a subprocess, called over HTTP.

The server runs on 127.0.0.1 with a token and a temporary root folder holding copies of the
Brazil files of the corpus (tests/fixtures/CORPUS.md): Document 67 in CriticMarkup and as the
pandoc-made .docx with real ``w:ins``/``w:del``.  Expected counts come from the fixtures: B/67/1
has 3 replacements and B/67/4 23 insertions, 3 deletions and 47 replacements (73 changes), as
CORPUS.md counts them; the .docx is the same text line for line, so it has the same changes.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import CRITIC, FIXTURES, needs_pandoc, nth

import itu_nb
from itu_nb.parsing.normalise import MAX_BYTES
from itu_nb.server.bundled import final_acts_path
from itu_nb.server.paths import Refused, inside, next_free, stem_of

ROOT = Path(__file__).resolve().parents[1]
DOCX = FIXTURES / "pp18-doc67-brazil.pandoc.docx"
API = "/itu-nb/api/"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, url: str, token: str, root: Path):
        self.url, self.token, self.root = url, token, root

    def call(self, method: str, path: str, body=None, *, token: bool = True, headers=None, opener=None):
        """(status, JSON body) of a request; errors are answers too."""
        data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
        req = urllib.request.Request(f"{self.url}{path}", data=data, method=method, headers=headers or {})
        if token:
            req.add_header("Authorization", f"token {self.token}")
        try:
            with (opener or urllib.request.build_opener()).open(req, timeout=60) as resp:
                return resp.status, json.loads(resp.read() or b"null")
        except urllib.error.HTTPError as exc:
            raw = exc.read()
            try:
                return exc.code, json.loads(raw)
            except ValueError:
                return exc.code, raw.decode("utf-8", "replace")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A Jupyter Server with the extension enabled, as tests/browser/conftest.py starts JupyterLab."""
    base = tmp_path_factory.mktemp("server")
    root = base / "root"
    (root / "brazil").mkdir(parents=True)
    shutil.copy(CRITIC, root / "brazil" / "B-67.critic.md")
    shutil.copy(DOCX, root / "brazil" / "B-67.docx")
    (root / "review").mkdir()  # the review tests decide there, apart from the other tests' files
    shutil.copy(CRITIC, root / "review" / "B-67.critic.md")
    cfg = base / "config"
    cfg.mkdir()
    # the config file the package installs (jupyter-config/), here from the source tree; the other
    # extensions of this Python stay off (a faster start: only itu_nb's handlers are under test)
    config = json.loads((ROOT / "jupyter-config/server-config/itu_nb.json").read_text())
    others = ("jupyterlab", "jupyter_lsp", "jupyter_server_terminals", "notebook_shim", "nbclassic", "notebook")
    config["ServerApp"]["jpserver_extensions"] |= dict.fromkeys(others, False)
    (cfg / "jupyter_server_config.json").write_text(json.dumps(config))
    port, token = _free_port(), secrets.token_hex(16)
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(cfg),
        "JUPYTER_RUNTIME_DIR": str(base / "runtime"),
        "JUPYTER_DATA_DIR": str(base / "data"),
        "PYTHONPATH": str(ROOT),
    }
    log = open(base / "server.log", "w")  # noqa: SIM115 - closed at teardown
    proc = subprocess.Popen(
        [
            sys.executable, "-m", "jupyter_server", "--no-browser", "--allow-root",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
        ],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    srv = Server(f"http://127.0.0.1:{port}", token, root)
    deadline = time.monotonic() + 60
    while True:
        if proc.poll() is not None:
            raise RuntimeError(
                f"jupyter server exited ({proc.returncode}):\n{(base / 'server.log').read_text()[-3000:]}"
            )
        try:
            if srv.call("GET", "/api/status")[0] == 200:
                break
        except OSError:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.2)
    srv.log = base / "server.log"
    yield srv
    for sig in (signal.SIGTERM, signal.SIGKILL):
        if proc.poll() is None:
            os.killpg(proc.pid, sig)
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                continue
    log.close()


def _changes(doc) -> dict[str, int]:
    return {p.id: len(p.changes) for p in doc}


# -- opening ------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["B-67.critic.md", "B-67.docx"])
def test_open_lists_brazils_proposals_with_their_changes(server, name):
    status, got = server.call("GET", f"{API}open?path=brazil/{name}")
    assert status == 200, got
    assert got["path"] == f"brazil/{name}" and got["name"] == name
    assert got["format"] == ("docx" if name.endswith(".docx") else "criticmarkup")
    keys = [p["key"] for p in got["proposals"]]
    assert keys == ["B/67/1", "B/67/2", "B/67/3", "B/67/4", "B/67/5"]  # the five proposals of Document 67
    counts = {p["key"]: p["changes"] for p in got["proposals"]}
    # CORPUS.md: B/67/1 3 replacements; B/67/4 23 insertions + 3 deletions + 47 replacements
    assert counts["B/67/1"] == 3 and counts["B/67/4"] == 73
    assert counts == _changes(itu_nb.load(server.root / "brazil" / name))  # as the loader reads the file
    b4 = got["proposals"][3]
    assert (b4["id"], b4["action"], b4["target"]) == ("B/67/4", "MOD", "Resolution 130 (Rev. Busan, 2014)")
    # the tree is ClauseTreeExplorer's own payload for the document
    assert got["tree"] == json.loads(
        json.dumps(itu_nb.ClauseTreeExplorer(itu_nb.load(server.root / "brazil" / name))._nodes)
    )
    assert got["review"]["path"] == f"brazil/{name}.review.json"
    assert got["review"]["counts"]["B/67/4"] == {"pending": 73, "accepted": 0, "rejected": 0}  # nothing decided yet


def test_the_docx_and_the_criticmarkup_show_the_same_changes(server):
    a = server.call("GET", f"{API}open?path=brazil/B-67.critic.md")[1]["proposals"]
    b = server.call("GET", f"{API}open?path=brazil/B-67.docx")[1]["proposals"]
    assert [(p["key"], p["changes"]) for p in a] == [(p["key"], p["changes"]) for p in b]


def test_proposal_payload_is_what_the_redline_viewer_syncs(server):
    status, got = server.call("GET", f"{API}proposal?path=brazil/B-67.critic.md&key=B/67/4")
    assert status == 200, got
    doc = itu_nb.load(server.root / "brazil" / "B-67.critic.md")
    review = itu_nb.Review(doc, path=server.root / "brazil" / "B-67.critic.md.review.json")  # the sidecar's place
    viewer = itu_nb.RedlineViewer(doc["B/67/4"], review=review)
    synced = json.loads(json.dumps({"rows": viewer._rows, "changes": viewer._changes, "meta": viewer._meta}))
    assert got["key"] == "B/67/4"
    assert got["rows"] == synced["rows"] and got["changes"] == synced["changes"] and got["meta"] == synced["meta"]
    assert len(got["changes"]) == 73 and got["meta"]["title"] == "MOD B/67/4 — Resolution 130 (Rev. Busan, 2014)"
    assert got["decisions"] == []


def test_search_is_the_trees_own(server):
    status, got = server.call("GET", f"{API}search?path=brazil/B-67.critic.md&q=cybersecurity")
    assert status == 200, got
    tree = itu_nb.ClauseTreeExplorer(itu_nb.load(CRITIC))
    tree.search = "cybersecurity"
    assert got["matches"] == tree._matches and len(got["matches"]) > 0
    # "Cybersecurity", the new title Brazil gives Resolution 130 (CORPUS.md, note 3), is among them
    assert "B/67/4:title" in [tree._nodes[i][0] for i in got["matches"]]
    assert server.call("GET", f"{API}search?path=brazil/B-67.critic.md&q=")[1]["matches"] == []


# -- reviewing ---------------------------------------------------------------------------------------
def test_decisions_are_saved_beside_the_file_and_restored(server):
    b4 = itu_nb.load(CRITIC)["B/67/4"]
    heading, title = nth(b4, "heading@1"), nth(b4, "title@1")  # "Busan, 2014" → "Dubai, 2018"; the title's change
    path, key = "review/B-67.critic.md", "B/67/4"
    body = {"decisions": [{"id": heading, "decision": "accept"}, {"id": title, "decision": "reject"}]}
    status, got = server.call("PUT", f"{API}review?path={path}&key={key}", body)
    assert status == 200, got
    assert got["counts"] == {"pending": 71, "accepted": 1, "rejected": 1}
    saved = json.loads((server.root / "review" / "B-67.critic.md.review.json").read_text(encoding="utf-8"))
    assert saved["format"] == "itu_nb-review" and saved["source"] == "B-67.critic.md"
    assert saved["proposals"]["B/67/4"]["decisions"] == {heading: "accept", title: "reject"}
    # reopened: the counts, and the decisions in the viewer's payload
    opened = server.call("GET", f"{API}open?path={path}")[1]
    assert opened["review"]["counts"]["B/67/4"] == {"pending": 71, "accepted": 1, "rejected": 1}
    assert opened["review"]["counts"]["B/67/1"] == {"pending": 3, "accepted": 0, "rejected": 0}
    view = server.call("GET", f"{API}proposal?path={path}&key={key}")[1]
    assert {(d["id"], d["decision"]) for d in view["decisions"]} == {(heading, "accept"), (title, "reject")}
    assert view["meta"]["counts"] == {"pending": 71, "accepted": 1, "rejected": 1}
    # the list is every decision on the proposal: what it leaves out is undecided again
    got = server.call("PUT", f"{API}review?path={path}&key={key}", {"decisions": [body["decisions"][0]]})[1]
    assert got["counts"] == {"pending": 72, "accepted": 1, "rejected": 0}


@needs_pandoc
def test_export_of_the_reviewed_text(server):
    b4 = itu_nb.load(CRITIC)["B/67/4"]
    path = "review/B-67.critic.md"
    body = {"decisions": [{"id": nth(b4, "heading@1"), "decision": "reject"}]}
    assert server.call("PUT", f"{API}review?path={path}&key=B/67/4", body)[0] == 200
    got = server.call("POST", f"{API}export", {"path": path, "to": "docx", "review": True})[1]
    accepted = _pandoc_heading(server.root / got["path"], "accept")
    assert accepted == "RESOLUTION 130 (Rev. Busan, 2014)"  # the heading's change rejected: gone, not tracked
    assert len(itu_nb.load(server.root / got["path"])["B/67/4"].changes) == 72  # the others still tracked
    got = server.call("POST", f"{API}export", {"path": path, "to": "docx", "review": False})[1]
    assert _pandoc_heading(server.root / got["path"], "accept") == "RESOLUTION 130 (Rev. Dubai, 2018)"


def test_review_keeps_decisions_it_cannot_place_and_refuses_bad_ones(server):
    (server.root / "orphans").mkdir()
    shutil.copy(CRITIC, server.root / "orphans" / "B-67.critic.md")
    sidecar = server.root / "orphans" / "B-67.critic.md.review.json"
    stale = {"format": "itu_nb-review", "version": 1, "source": "B-67.critic.md", "source_sha256": None,
             "author": None, "saved": "2026-12-01T00:00:00Z",
             "proposals": {"B/67/4": {"decisions": {"heading@00000000": "accept"}, "edits": [], "redo": []}}}  # fmt: skip
    sidecar.write_text(json.dumps(stale), encoding="utf-8")
    b4 = itu_nb.load(CRITIC)["B/67/4"]
    url = f"{API}review?path=orphans/B-67.critic.md&key=B/67/4"
    status, got = server.call("PUT", url, {"decisions": [{"id": nth(b4, "title@1"), "decision": "accept"}]})
    assert status == 200, got
    decisions = json.loads(sidecar.read_text(encoding="utf-8"))["proposals"]["B/67/4"]["decisions"]
    assert decisions == {"heading@00000000": "accept", nth(b4, "title@1"): "accept"}  # the orphan is kept
    answer = server.call("PUT", url, {"decisions": [{"id": "heading@ffffffff", "decision": "accept"}]})
    assert "heading@ffffffff" in _refused(server, 400, "AddressError", answer=answer)
    answer = server.call("PUT", url, {"decisions": [{"id": nth(b4, "title@1"), "decision": "maybe"}]})
    _refused(server, 400, "bad-request", answer=answer)
    sidecar.write_text("{broken", encoding="utf-8")
    answer = server.call("PUT", url, {"decisions": []})
    message = _refused(server, 400, "ReviewError", answer=answer)
    assert message.startswith("orphans/B-67.critic.md.review.json"), message
    opened = server.call("GET", f"{API}open?path=orphans/B-67.critic.md")[1]  # opening still works, and says why
    assert "memory" in opened["review"]["note"]


def test_a_document_pasted_twice_keeps_its_proposals_apart(server):
    (server.root / "twice").mkdir()
    text = CRITIC.read_text(encoding="utf-8")
    (server.root / "twice" / "B-67.critic.md").write_text(text + "\n" + text, encoding="utf-8")
    opened = server.call("GET", f"{API}open?path=twice/B-67.critic.md")[1]
    keys = [p["key"] for p in opened["proposals"]]
    assert keys[5:] == ["B/67/1 (2)", "B/67/2 (2)", "B/67/3 (2)", "B/67/4 (2)", "B/67/5 (2)"]  # as the tree names them
    b4 = itu_nb.load(CRITIC)["B/67/4"]
    url = f"{API}review?path=twice/B-67.critic.md&key=B/67/4 (2)".replace(" ", "%20")
    got = server.call("PUT", url, {"decisions": [{"id": nth(b4, "heading@1"), "decision": "accept"}]})[1]
    assert got["counts"] == {"pending": 72, "accepted": 1, "rejected": 0}
    counts = server.call("GET", f"{API}open?path=twice/B-67.critic.md")[1]["review"]["counts"]
    assert counts["B/67/4"]["accepted"] == 0 and counts["B/67/4 (2)"]["accepted"] == 1
    view = server.call("GET", f"{API}proposal?path=twice/B-67.critic.md&key=B/67/4%20(2)")[1]
    assert view["key"] == "B/67/4 (2)" and view["decisions"] == [{"id": nth(b4, "heading@1"), "decision": "accept"}]


# -- comparing ----------------------------------------------------------------------------------
def test_compare_with_the_bundled_final_acts_pairs_resolution_130(server):
    status, got = server.call("POST", f"{API}compare", {"a": "brazil/B-67.critic.md", "b": "pp18-final-acts"})
    assert status == 200, got
    pairs = {p["id"]: p for p in got["pairs"]}
    assert list(pairs) == ["B/67/1", "B/67/2", "B/67/3", "B/67/4", "B/67/5"]
    b4 = pairs["B/67/4"]
    assert b4["status"] == "compared"
    assert b4["a_title"] == "MOD B/67/4 — Resolution 130 (Rev. Busan, 2014)"
    assert b4["b_title"] == "Resolution 130 (Rev. Dubai, 2018)"  # Resolution 130 with Resolution 130
    # as itu_nb.compare reads the two documents (the DocumentComparison docstring's table)
    assert [pairs[k]["status"] for k in pairs] == ["not found", "compared", "abrogated", "compared", "new"]
    dc = itu_nb.compare(itu_nb.load(CRITIC), itu_nb.load(final_acts_path()))
    assert b4["changes"] == len(dc["B/67/4"].comparison.changes) > 0
    view = got["views"]["B/67/4"]
    assert view["meta"]["title"].endswith("→ Resolution 130 (Rev. Dubai, 2018)")
    assert len(view["changes"]) == b4["changes"]


def test_compare_two_files_in_the_root(server):
    status, got = server.call("POST", f"{API}compare", {"a": "brazil/B-67.docx", "b": "brazil/B-67.critic.md"})
    assert status == 200, got
    dc = itu_nb.compare(itu_nb.load(DOCX), itu_nb.load(CRITIC))
    assert [(p["id"], p["status"]) for p in got["pairs"]] == [(p.id, p.status) for p in dc.pairs]
    b4 = got["pairs"][3]
    assert (b4["id"], b4["status"], b4["b_title"]) == ("B/67/4", "compared", dc["B/67/4"].matched)


# -- writing --------------------------------------------------------------------------------------
@needs_pandoc
def test_export_to_word_writes_a_new_file_that_reads_back(server):
    status, got = server.call("POST", f"{API}export", {"path": "brazil/B-67.critic.md", "to": "docx", "review": True})
    assert status == 200, got
    assert got["path"] == "brazil/B-67 (2).docx"  # B-67.docx is there already: never overwritten
    assert (server.root / "brazil" / "B-67.docx").read_bytes() == DOCX.read_bytes()
    written = server.root / got["path"]
    assert _changes(itu_nb.load(written)) == _changes(itu_nb.load(CRITIC))

    # pandoc reads Brazil's tracked changes back: the heading of Resolution 130 (CORPUS.md, B/67/4)
    assert _pandoc_heading(written, "accept") == "RESOLUTION 130 (Rev. Dubai, 2018)"
    assert _pandoc_heading(written, "reject") == "RESOLUTION 130 (Rev. Busan, 2014)"


def _pandoc_heading(docx: Path, mode: str) -> str:
    """The heading of Resolution 130 as pandoc reads the .docx, accepting or rejecting the tracked changes."""
    text = subprocess.run(
        ["pandoc", f"--track-changes={mode}", "-t", "plain", "--wrap=none", str(docx)],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    text = text.replace("\u00a0", " ")  # the source's no-break spaces: "RESOLUTION\u00a0130 (Rev.\u00a0…"
    return next(line for line in text.splitlines() if line.startswith("RESOLUTION 130"))


@pytest.mark.parametrize(("to", "ending"), [("critic", ".critic.md"), ("akn", ".akn.xml"), ("html", ".html")])
def test_export_to_the_other_formats(server, to, ending):
    status, got = server.call("POST", f"{API}export", {"path": "brazil/B-67.docx", "to": to})
    assert status == 200, got
    written = server.root / got["path"]
    assert written.parent == server.root / "brazil" and written.name.endswith(ending)
    if to == "html":
        assert written.read_text(encoding="utf-8").count("<ins") > 0
    else:
        assert _changes(itu_nb.load(written)) == _changes(itu_nb.load(DOCX))


def test_notebook_reproduces_the_view(server, monkeypatch):
    status, got = server.call("POST", f"{API}notebook", {"path": "brazil/B-67.critic.md"})
    assert status == 200, got
    assert got["path"] == "brazil/B-67.ipynb"
    nb = json.loads((server.root / got["path"]).read_text(encoding="utf-8"))  # written by nbformat, server-side
    assert nb["nbformat"] == 4 and nb["metadata"]["kernelspec"]["name"] == "python3"
    # its code runs where the notebook is, as a kernel started from the file browser would
    monkeypatch.chdir(server.root / "brazil")
    scope: dict = {}
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            exec("".join(cell["source"]), scope)
    assert [p.id for p in scope["doc"]] == ["B/67/1", "B/67/2", "B/67/3", "B/67/4", "B/67/5"]
    assert scope["doc"]["B/67/4"].changes == itu_nb.load(CRITIC)["B/67/4"].changes
    explorer = scope["explorer"]
    assert explorer.review.path.resolve() == server.root / "brazil" / "B-67.critic.md.review.json"
    assert explorer.viewer.review is explorer.review
    assert explorer.viewer.source.id == "B/67/1"  # the first proposal with changes


# -- refusals -------------------------------------------------------------------------------------
def _refused(server, status, kind, path=None, **kw):
    got_status, got = server.call("GET", f"{API}open?path={path}", **kw) if path is not None else kw.pop("answer")
    assert got_status == status, got
    assert got["error"]["kind"] == kind
    assert "Traceback" not in json.dumps(got)
    return got["error"]["message"]


def test_refuses_paths_outside_the_root(server):
    assert "outside" in _refused(server, 403, "forbidden", "../../etc/passwd")
    assert "absolute" in _refused(server, 403, "forbidden", "/etc/passwd")
    (server.root / "etc").symlink_to("/etc")
    (server.root / "passwd.md").symlink_to("/etc/passwd")
    _refused(server, 403, "forbidden", "etc/passwd")
    _refused(server, 403, "forbidden", "passwd.md")
    answer = server.call("POST", f"{API}compare", {"a": "brazil/B-67.docx", "b": "../../etc/passwd"})
    _refused(server, 403, "forbidden", answer=answer)
    answer = server.call("POST", f"{API}export", {"path": "etc/passwd", "to": "docx"})
    _refused(server, 403, "forbidden", answer=answer)
    # a review file that is a symlink leading outside is neither read nor written
    (server.root / "linked").mkdir()
    shutil.copy(CRITIC, server.root / "linked" / "B-67.critic.md")
    outside = server.root.parent / "outside.review.json"
    (server.root / "linked" / "B-67.critic.md.review.json").symlink_to(outside)
    answer = server.call("PUT", f"{API}review?path=linked/B-67.critic.md&key=B/67/4", {"decisions": []})
    _refused(server, 403, "forbidden", answer=answer)
    assert not outside.exists()


def test_missing_too_large_and_corrupt_files(server):
    assert "no such file" in _refused(server, 404, "not-found", "brazil/B-68.docx")
    with open(server.root / "huge.txt", "wb") as fh:  # sparse: over the loaders' limit without the bytes
        fh.truncate(MAX_BYTES + 1)
    assert "limit" in _refused(server, 413, "too-large", "huge.txt")
    (server.root / "broken.docx").write_bytes(b"PK\x03\x04" + b"not a zip archive at all" * 20)
    message = _refused(server, 400, "LoadError", "broken.docx")
    assert message.startswith("broken.docx:"), message  # names the file as the file browser does
    assert str(server.root) not in message


def test_bad_requests(server):
    answer = server.call("GET", f"{API}proposal?path=brazil/B-67.critic.md&key=B/67/9")
    assert "B/67/4" in _refused(server, 400, "bad-request", answer=answer)  # names the keys there are
    answer = server.call("POST", f"{API}export", {"path": "brazil/B-67.critic.md", "to": "pdf"})
    assert "docx" in _refused(server, 400, "bad-request", answer=answer)
    answer = server.call("POST", f"{API}compare", b"{not json", headers={"Content-Type": "application/json"})
    _refused(server, 400, "bad-request", answer=answer)


def test_refuses_requests_without_the_token(server):
    status, _ = server.call("GET", f"{API}open?path=brazil/B-67.critic.md", token=False)
    assert status in (401, 403)
    status, _ = server.call("POST", f"{API}export", {"path": "brazil/B-67.critic.md", "to": "html"}, token=False)
    assert status in (401, 403)


def test_refuses_a_cookie_post_without_the_xsrf_token(server):
    jar = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    # the login page sets the _xsrf cookie; logging in with the token sets the session cookie
    browser.open(f"{server.url}/login", timeout=30).read()
    xsrf = next(c.value for c in jar if c.name == "_xsrf")
    login = urllib.parse.urlencode({"password": server.token, "_xsrf": xsrf}).encode()
    browser.open(urllib.request.Request(f"{server.url}/login", data=login), timeout=30).read()
    status, got = server.call("GET", f"{API}open?path=brazil/B-67.critic.md", token=False, opener=browser)
    assert status == 200, got  # the cookie authenticates a GET
    body = {"path": "brazil/B-67.critic.md", "to": "html"}
    status, _ = server.call("POST", f"{API}export", body, token=False, opener=browser)
    assert status == 403  # no X-XSRFToken header: refused
    status, got = server.call("POST", f"{API}export", body, token=False, opener=browser, headers={"X-XSRFToken": xsrf})
    assert status == 200, got


# -- the pieces, without a server -------------------------------------------------------------------
def test_inside_resolves_within_the_root(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text("x")
    assert inside(tmp_path, "a/../a/x.txt") == (tmp_path / "a" / "x.txt").resolve()
    for bad, status in [("..", 403), ("a/../../x", 403), ("C:\\Windows", 403), ("a", 400), ("", 400), ("a\x00", 400)]:
        with pytest.raises(Refused) as err:
            inside(tmp_path, bad)
        assert err.value.status == status, bad


def test_file_names_for_exports(tmp_path):
    assert (
        stem_of("B-67.critic.md") == "B-67" and stem_of("res.akn.xml") == "res" and stem_of("B-67-4.docx") == "B-67-4"
    )
    assert next_free(tmp_path, "B-67", ".docx").name == "B-67.docx"
    (tmp_path / "B-67.docx").write_bytes(b"")
    (tmp_path / "B-67 (2).docx").write_bytes(b"")
    assert next_free(tmp_path, "B-67", ".docx").name == "B-67 (3).docx"


def test_final_acts_from_the_package_or_the_checkout(tmp_path):
    # from a checkout: examples/data, the one copy in git
    assert final_acts_path() == ROOT / "examples" / "data" / "pp18-final-acts.akn.xml"
    # an installed package carries it in itu_nb/data (the wheel's force-include; tests/test_server_install.py)
    package = tmp_path / "itu_nb"
    (package / "data").mkdir(parents=True)
    (package / "data" / "pp18-final-acts.akn.xml").write_text("<akomaNtoso/>")
    assert final_acts_path(package) == package / "data" / "pp18-final-acts.akn.xml"
    with pytest.raises(FileNotFoundError, match="not bundled"):
        final_acts_path(tmp_path / "elsewhere" / "itu_nb")
