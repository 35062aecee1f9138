"""Shared fixtures: the real PP-18 corpus copied into tests/fixtures (see CORPUS.md there)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
FLATTENED = FIXTURES / "pp18-doc67-brazil.flattened.txt"
CRITIC = FIXTURES / "pp18-doc67-brazil.reconstructed.critic.md"
FINAL_ACTS = FIXTURES / "pp18-final-acts.akn.xml"

# The independent readers the Word tests check exports and imports with.  Outside CI a machine may
# lack them (the tests that need one are skipped, saying which); in CI (CI=true) every one must be
# there, or the session stops before any test runs (pytest_sessionstart below): no skip hides a failure.
needs_pandoc = pytest.mark.skipif(
    shutil.which("pandoc") is None, reason="pandoc is not installed (.ci/setup installs it)"
)
needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed (.ci/setup installs it)"
)


def libreoffice_fodt(path: Path, tmp_path: Path) -> Path:
    """Open the .docx ``path`` in LibreOffice (headless, a fresh profile) and save it as flat ODT.

    Returns the ``.fodt`` written under ``tmp_path / "out"``; fails the test when LibreOffice could
    not load the file (the reader's verdict on what the writers produce).
    """
    import subprocess

    profile = tmp_path / "profile"
    res = subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "fodt"]
        + ["--outdir", str(tmp_path / "out"), str(path)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert res.returncode == 0 and "could not be loaded" not in res.stderr, res.stderr
    return tmp_path / "out" / (path.stem + ".fodt")


def fodt_backgrounds(root) -> dict[str, str]:
    """Style name → background colour of every text style with one, in a flat ODT's tree (``root``)."""
    style = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
    fo = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
    return {
        s.get(f"{style}name"): p.get(f"{fo}background-color")
        for s in root.iter(f"{style}style")
        for p in s.iter(f"{style}text-properties")
        if p.get(f"{fo}background-color") not in (None, "transparent")
    }


@pytest.fixture(scope="session")
def flattened():
    import itu_nb

    return itu_nb.load(FLATTENED)


@pytest.fixture(scope="session")
def critic():
    import itu_nb

    return itu_nb.load(CRITIC)


def pytest_sessionstart(session):
    """In CI (CI=true) every tool behind a conditional skip must be there, so no skip hides a failure."""
    import importlib.util
    import os
    import shutil

    if os.environ.get("CI", "").lower() not in ("1", "true", "yes"):
        return
    missing = [tool for tool in ("pandoc", "soffice", "chromium") if shutil.which(tool) is None]
    missing += [m for m in ("fast_diff_match_patch", "hatchling") if importlib.util.find_spec(m) is None]
    if missing:
        raise pytest.UsageError(f"CI=true but {', '.join(missing)} missing: .ci/setup should have installed them")


def nth(proposal, where: str) -> str:
    """The stable id of the n-th change (from 1, in reading order) of one clause: ``nth(p, "recalling/j@2")``.

    Change ids are content digests (``"recalling/j@5c1f0e2a"``); tests name a change by where it
    stands in the source, which a reader can check against the fixture.
    """
    path, n = where.rsplit("@", 1)
    return [c.id for c in proposal.changes if c.path == path][int(n) - 1]
