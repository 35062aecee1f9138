"""The prebuilt JupyterLab extension (built from js/lab into itu_nb/labextension/) ships with the
package: the wheel's shared-data puts it where JupyterLab looks, and an editable install, as the
README's first command does, shows it enabled with no Node.js (issue 16, part 6; .ci/binder-check
checks the same for a wheel install in the Binder environment).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILT = ROOT / "itu_nb" / "labextension"


def test_the_built_extension_is_complete():
    meta = json.loads((BUILT / "package.json").read_text(encoding="utf-8"))
    assert meta["name"] == "itu-nb"
    # the entry JupyterLab loads, and the style, name files that are committed
    assert (BUILT / meta["jupyterlab"]["_build"]["load"]).is_file()
    assert (BUILT / "static" / "style.js").is_file()
    install = json.loads((BUILT / "install.json").read_text(encoding="utf-8"))
    assert install["packageName"] == "itu_nb" and install["packageManager"] == "python"
    # the sources say where the build goes, and the build keeps what they say
    source = json.loads((ROOT / "js" / "lab" / "package.json").read_text(encoding="utf-8"))
    assert (ROOT / "js" / "lab" / source["jupyterlab"]["outputDir"]).resolve() == BUILT
    assert meta["dependencies"] == source["dependencies"]


def test_the_wheel_installs_it_where_jupyterlab_looks():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")  # tomllib is Python >= 3.11; the package supports 3.10
    table = text.split("[tool.hatch.build.targets.wheel.shared-data]\n", 1)[1].split("\n[", 1)[0]
    assert '"itu_nb/labextension" = "share/jupyter/labextensions/itu-nb"' in table.splitlines()


def test_an_editable_install_shows_it_enabled(tmp_path):
    venv = tmp_path / "venv"
    # the test environment's packages (jupyterlab, hatchling) are reused: nothing is downloaded
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", "--no-deps",
         "--no-build-isolation", "-e", str(ROOT)],
        check=True,
    )  # fmt: skip
    listed = subprocess.run(
        [str(python), "-m", "jupyterlab.labextensions", "list"], capture_output=True, text=True, check=True
    )
    out = listed.stdout + listed.stderr
    here = f"{venv}/share/jupyter/labextensions"
    assert here in out, out
    section = out.split(here, 1)[1]
    line = next(x for x in section.splitlines() if "itu-nb" in x)
    assert "itu-nb v0.1.0" in line and "enabled" in line and "OK" in line and "itu_nb" in line, line
