"""Regenerate docs/panel.png, the README's picture of the ITU Proposal panel in JupyterLab.

It runs the browser test that opens Brazil's Document 67 with Open With → ITU Proposal and
checks the tree and the redline (tests/browser/test_labextension.py), which keeps the
screenshot as artifacts/labext-panel.png, and copies it to docs/panel.png. Run from anywhere:

    python3 scripts/panel_screenshot.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEST = "tests/browser/test_labextension.py::test_open_with_shows_tree_and_redline"


def main() -> int:
    """Run the test and copy its screenshot; the test's exit status."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", TEST], cwd=ROOT, env=env)
    if done.returncode:
        print("the test failed: docs/panel.png was not changed", file=sys.stderr)
        return done.returncode
    (ROOT / "docs").mkdir(exist_ok=True)
    shutil.copy(ROOT / "artifacts" / "labext-panel.png", ROOT / "docs" / "panel.png")
    print("wrote docs/panel.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
