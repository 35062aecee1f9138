"""Installed, the package enables its Jupyter Server extension (issue 16.6, server side).

Each test installs this checkout into a fresh virtual environment (``--system-site-packages``,
so the dependencies are those of this Python and nothing is downloaded but the build backend
an editable install needs) and asks that environment's ``jupyter server extension list``.
The wheel carries ``etc/jupyter/jupyter_server_config.d/itu_nb.json`` (hatch shared-data) and
the PP-18 Final Acts as ``itu_nb/data/`` (hatch force-include), which the server compares with.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _venv(tmp_path: Path) -> Path:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    return venv / "bin" / "python"


def _run(python: Path, *args: str, cwd: Path) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "JUPYTER_CONFIG_DIR", "JUPYTER_PATH")}
    env["JUPYTER_CONFIG_DIR"] = str(cwd / "user-config")  # no user-level config can enable it instead
    done = subprocess.run([str(python), *args], cwd=cwd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return ANSI.sub("", done.stdout + done.stderr)


def _enabled_here(listing: str, prefix: Path) -> bool:
    """Whether the listing shows itu_nb enabled and validated under this environment's config dir."""
    sections = re.split(r"^Config dir: ", listing, flags=re.M)
    mine = [s for s in sections if s.startswith(str(prefix / "etc" / "jupyter"))]
    return (
        bool(mine)
        and re.search(r"^\s+itu_nb enabled\s*$", mine[0], re.M) is not None
        and (re.search(r"^\s+itu_nb \S+ OK\s*$", mine[0], re.M) is not None)
    )


@pytest.mark.parametrize("editable", [False, True], ids=["wheel", "editable"])
def test_install_enables_the_server_extension(tmp_path, editable):
    python = _venv(tmp_path)
    prefix = python.parent.parent
    # the wheel from this checkout without build isolation (hatchling is in the test extra); the
    # editable install as .ci/setup makes it (pip's build isolation brings hatchling's `editables`)
    flags = ["-e", str(ROOT)] if editable else ["--no-build-isolation", str(ROOT)]
    _run(python, "-m", "pip", "install", "-q", "--no-deps", "--disable-pip-version-check", *flags, cwd=tmp_path)
    assert (prefix / "etc" / "jupyter" / "jupyter_server_config.d" / "itu_nb.json").is_file()
    listing = _run(python, "-m", "jupyter_server", "extension", "list", cwd=tmp_path)
    assert _enabled_here(listing, prefix), listing
    # where the bundled Final Acts come from: the installed package, or the checkout when editable
    where = _run(
        python, "-c", "import itu_nb, itu_nb.server.bundled as b; print(itu_nb.__file__); print(b.final_acts_path())",
        cwd=tmp_path,
    ).split()  # fmt: skip
    package, acts = Path(where[0]).parent, Path(where[1])
    if editable:
        assert package == ROOT / "itu_nb" and acts == ROOT / "examples" / "data" / "pp18-final-acts.akn.xml"
    else:
        assert package.is_relative_to(prefix) and acts == package / "data" / "pp18-final-acts.akn.xml"
        assert acts.read_bytes() == (ROOT / "examples" / "data" / "pp18-final-acts.akn.xml").read_bytes()
